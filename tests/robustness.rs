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

/// A YAML flow value from the structured generator: near-valid shapes
/// (scalars of every type, dates, ids), wrong types, odd Unicode, nesting.
#[derive(Debug, Clone)]
enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Date(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    /// `[[[…]]]` this deep.
    Deep(usize),
}

impl Value {
    fn yaml(&self, out: &mut String) {
        match self {
            Value::Str(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c if (c as u32) < 0x20 || c == '\u{7f}' => {
                            out.push_str(&format!("\\x{:02x}", c as u32))
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&format!("{f:?}")),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Null => out.push_str("null"),
            Value::Date(d) => out.push_str(d),
            Value::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.yaml(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(k);
                    out.push_str(": ");
                    v.yaml(out);
                }
                out.push('}');
            }
            Value::Deep(n) => {
                out.push_str(&"[".repeat(*n));
                out.push_str(&"]".repeat(*n));
            }
        }
    }
}

/// Strings a field may get: plain, ids, URLs, and odd Unicode (bidi and
/// zero-width controls, combining marks, astral characters, RTL text).
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,20}",
        "\\PC{0,40}",
        Just(String::new()),
        Just("https://example.org/a?b=1&c=\"2\"".to_owned()),
        Just("\u{202E}txt.exe\u{202C}\u{200B}\u{FEFF}\u{2066}".to_owned()),
        Just("e\u{301}\u{301}\u{301} 𝔘𝔫𝔦 👩‍👩‍👧 שלום مرحبا".to_owned()),
        Just("<script>alert(1)</script> {{ x }} {% if %}".to_owned()),
        "[\u{0}-\u{1f}]{1,4}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        odd_string().prop_map(Value::Str),
        any::<i64>().prop_map(Value::Int),
        prop_oneof![
            Just(0.5f64),
            Just(-1e300),
            Just(f64::NAN),
            Just(f64::INFINITY)
        ]
        .prop_map(Value::Float),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
        prop_oneof![
            Just("2024-01-15"),
            Just("2024-02-30"),
            Just("0000-00-00"),
            Just("9999-12-31"),
            Just("2024")
        ]
        .prop_map(|d| Value::Date(d.to_owned())),
        (1usize..300).prop_map(Value::Deep),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::List),
            proptest::collection::vec(
                (
                    prop_oneof![
                        proptest::sample::select(dokaz::model::practice::Practice::KEYS)
                            .prop_map(str::to_owned),
                        proptest::sample::select(
                            &[
                                "id", "name", "text", "level", "from", "year", "value", "of",
                                "result", "type"
                            ][..]
                        )
                        .prop_map(str::to_owned),
                        "[a-z_]{1,8}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(Value::Map),
        ]
    })
}

/// The top-level entries of the front matter of `text` (a key line and
/// the indented lines under it), and the body.
fn top_level(text: &str) -> (Vec<String>, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (fm, body) = rest.split_once("\n---\n").expect("closing fence");
    let mut chunks: Vec<String> = Vec::new();
    for line in fm.lines() {
        if line.starts_with(' ')
            && let Some(last) = chunks.last_mut()
        {
            last.push('\n');
            last.push_str(line);
            continue;
        }
        chunks.push(line.to_owned());
    }
    (chunks, body.to_owned())
}

/// What a case does to the skeleton's valid practice.
#[derive(Debug, Clone)]
enum Edit {
    /// Replaces the value of a top-level key (chosen by index).
    Set(prop::sample::Index, Value),
    /// Adds a key of the format (maybe a duplicate) with a value.
    Add(&'static str, Value),
    /// Drops a top-level entry.
    Drop(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), value()).prop_map(|(i, v)| Edit::Set(i, v)),
        2 => (proptest::sample::select(dokaz::model::practice::Practice::KEYS), value())
            .prop_map(|(k, v)| Edit::Add(k, v)),
        1 => any::<prop::sample::Index>().prop_map(Edit::Drop),
    ]
}

/// The stable fallback of the fuzz targets (fuzz/, nightly): near-valid
/// practices from structured generators never panic the loader or the
/// rules, and every diagnostic is located (line and column ≥ 1, in a
/// file); the skeleton itself, unedited, has no error. One registry for
/// all cases (each rewrites the practice): 64 cases take a few seconds in
/// a debug build.
#[test]
fn near_valid_practices_never_panic_and_every_diagnostic_is_located() {
    let (_t, root) = fresh_registry();
    let original = std::fs::read_to_string(root.join(PRACTICE)).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    let strategy = proptest::collection::vec(edit(), 0..5);
    let result = runner.run(&strategy, |edits| {
        let (mut chunks, body) = top_level(&original);
        for e in &edits {
            match e {
                Edit::Set(i, v) => {
                    let at = i.index(chunks.len());
                    let key = chunks[at].split(':').next().unwrap_or("x").to_owned();
                    let mut line = format!("{key}: ");
                    v.yaml(&mut line);
                    chunks[at] = line;
                }
                Edit::Add(k, v) => {
                    let mut line = format!("{k}: ");
                    v.yaml(&mut line);
                    chunks.push(line);
                }
                Edit::Drop(i) => {
                    if chunks.len() > 1 {
                        chunks.remove(i.index(chunks.len()));
                    }
                }
            }
        }
        let text = format!("---\n{}\n---\n{body}", chunks.join("\n"));
        write(&root, PRACTICE, &text);
        let (_reg, diags) = dokaz::check(
            &root,
            dokaz::model::common::Date::parse("2026-01-01").unwrap(),
        );
        for d in &diags {
            prop_assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}\n{text}");
            prop_assert!(!d.file.is_empty(), "no file: {d:?}");
        }
        if edits.is_empty() {
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == dokaz::syntax::diag::Severity::Error)
                .collect();
            prop_assert!(errors.is_empty(), "{errors:?}");
        }
        prop_assert!(diags.len() < 10_000);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
