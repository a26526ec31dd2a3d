//! No input makes dokaz panic: each hostile or unusual file is a located
//! diagnostic (or, for CRLF and a BOM, accepted as it is).

mod common;

use common::*;
use proptest::prelude::*;

const PRACTICE: &str = "content/practices/example-practice.md";

fn only(diags: &[serde_json::Value]) -> &serde_json::Value {
    assert_eq!(diags.len(), 1, "expected one diagnostic, got {diags:#?}");
    &diags[0]
}

#[test]
fn invalid_utf8_is_located() {
    let (_t, root) = fresh_registry();
    let mut bytes = std::fs::read(root.join(PRACTICE)).unwrap();
    // Line 2 is `title: "Сопровождение…"`: break the first byte of `о`,
    // the 10th character of the line.
    let pos = bytes.iter().position(|b| *b == b'"').unwrap() + 3;
    bytes[pos] = 0xFF;
    write(&root, PRACTICE, &bytes);
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d = only(&diags);
    assert_eq!(d["code"], "D002");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(10))
    );
    assert!(d["message"].as_str().unwrap().contains("0xFF"));
}

#[test]
fn nul_byte_is_located() {
    let (_t, root) = fresh_registry();
    write(&root, PRACTICE, b"---\ntitle: a\0b\n---\n");
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d = only(&diags);
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("D002"), Some(2), Some(9))
    );
}

#[test]
fn empty_file_is_an_error() {
    let (_t, root) = fresh_registry();
    write(&root, PRACTICE, b"");
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d = only(&diags);
    assert_eq!(d["code"], "D016");
    assert_eq!(d["message"], "the file is empty");
}

#[test]
fn crlf_and_bom_are_accepted_and_columns_stay_right() {
    let (_t, root) = fresh_registry();
    let text = std::fs::read_to_string(root.join(PRACTICE)).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    write(&root, PRACTICE, crlf.as_bytes());
    let (code, diags, _) = check_json(&root);
    assert_eq!((code, diags.len()), (0, 0), "{diags:#?}");

    // An error in a CRLF + BOM file is located as in the LF file.
    let broken = crlf.replace("value: 18, of: 22", "value: 28, of: 22");
    write(&root, PRACTICE, broken.as_bytes());
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d = only(&diags);
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("V109"), Some(33), Some(29))
    );
}

#[test]
fn fifty_megabytes_is_refused_without_reading_it() {
    let (_t, root) = fresh_registry();
    let f = std::fs::File::create(root.join("content/practices/huge.md")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d = only(&diags);
    assert_eq!(d["code"], "D003");
    assert_eq!(d["file"], "content/practices/huge.md");
    assert!(d["message"].as_str().unwrap().contains("50.0 MB"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_registry_are_refused() {
    let (t, root) = fresh_registry();
    let outside = t.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: x\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("content/practices/leak.md")).unwrap();
    std::os::unix::fs::symlink(
        t.path().join("nothing"),
        root.join("content/practices/gone.md"),
    )
    .unwrap();
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let codes: Vec<_> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("D001", "content/practices/gone.md"),
            ("D001", "content/practices/leak.md")
        ]
    );
}

/// One registry for all generated cases: each case overwrites one practice
/// and runs the library's load + validate.
fn fuzz_case(root: &std::path::Path, bytes: &[u8]) {
    write(root, PRACTICE, bytes);
    let (_reg, diags) = dokaz::check(
        root,
        dokaz::model::common::Date::parse("2026-01-01").unwrap(),
    );
    // Bounded output whatever the input.
    assert!(diags.len() < 10_000);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let (_t, root) = fresh_registry();
        let mut with_fm = b"---\n".to_vec();
        with_fm.extend_from_slice(&bytes);
        with_fm.extend_from_slice(b"\n---\n");
        fuzz_case(&root, &bytes);
        fuzz_case(&root, &with_fm);
    }

    #[test]
    fn mutated_yaml_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..6, any::<char>()), 1..8)
    ) {
        let (_t, root) = fresh_registry();
        let mut text: Vec<char> = std::fs::read_to_string(root.join(PRACTICE)).unwrap().chars().collect();
        for (at, op, c) in edits {
            if text.is_empty() { break; }
            let i = at.index(text.len());
            match op {
                0 => { text.remove(i); }
                1 => text.insert(i, c),
                2 => text[i] = c,
                3 => text.insert(i, ['-', ':', '[', '{', '&', '*', '"', '\'', '\n', ' ', '#', '|'][i % 12]),
                4 => text.truncate(i),
                _ => { let line: String = text[..i].iter().collect(); let dup: Vec<char> = line.lines().last().unwrap_or("").chars().collect(); text.splice(i..i, dup); }
            }
        }
        let s: String = text.into_iter().collect();
        fuzz_case(&root, s.as_bytes());
    }
}

/// A base URL given on the command line passes the same check as the one
/// in registry.yaml: a hostile one is refused before any work, and nothing
/// is written.
#[test]
fn hostile_base_urls_on_the_command_line_are_refused() {
    let (_t, root) = fresh_registry();
    let out = root.join("output");
    for url in [
        "javascript:alert(1)",
        "https://",
        "https://x.example/\"><script>alert(1)</script>",
        "https://x.example/a&b",
        "https://x .example",
        "data:text/html,x",
    ] {
        let o = dokaz()
            .args(["build", "--root"])
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .args(["--base-url", url])
            .output()
            .expect("run dokaz");
        assert_eq!(o.status.code(), Some(2), "{url}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("is not a usable base URL"), "{url}: {err}");
        assert!(!out.exists(), "{url}: an output was written");
    }
    // A good one builds, and the feed carries it.
    let o = dokaz()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .args(["--base-url", "https://registry.example.org/sub"])
        .output()
        .expect("run dokaz");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let feed = std::fs::read_to_string(out.join("feed.xml")).expect("feed");
    assert!(
        feed.contains("<id>https://registry.example.org/sub/</id>"),
        "{feed}"
    );
}

/// `dokaz build` reports the site's size and warns past registry.yaml's
/// `max_output_mb`.
#[test]
fn a_site_past_max_output_mb_is_a_warning() {
    let (_t, root) = fresh_registry();
    let cfg = std::fs::read_to_string(root.join("registry.yaml")).expect("registry.yaml");
    write(
        &root,
        "registry.yaml",
        format!("{cfg}\nmax_output_mb: 0.01\n").as_bytes(),
    );
    let out = root.join("output");
    let o = dokaz()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run dokaz");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains(" MB) for "), "{err}");
    assert!(
        err.contains("more than max_output_mb: 0.01 in registry.yaml"),
        "{err}"
    );
}
