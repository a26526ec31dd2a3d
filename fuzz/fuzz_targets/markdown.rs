#![no_main]
//! A Markdown body through pulldown-cmark and the sanitizer.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dokaz_fuzz::render_markdown(data);
});
