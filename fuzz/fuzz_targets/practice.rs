#![no_main]
//! A practice file: front matter split, YAML, decode, validate.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dokaz_fuzz::check_with("content/practices/example-practice.md", data);
});
