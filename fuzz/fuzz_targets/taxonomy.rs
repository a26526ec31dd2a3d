#![no_main]
//! The target-groups taxonomy the skeleton's practice refers to.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dokaz_fuzz::check_with("content/taxonomies/target-groups.yaml", data);
});
