#![no_main]
//! A review of the skeleton's practice: YAML, decode, validate.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dokaz_fuzz::check_with(
        "content/reviews/example-practice/2024-03-01-fuzz.yaml",
        data,
    );
});
