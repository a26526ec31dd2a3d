#![no_main]
//! registry.yaml: the settings every other file is checked against.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dokaz_fuzz::check_with("registry.yaml", data);
});
