//! `docs/rules.md` documents every diagnostic code, and the code defines
//! every documented one: the validation rules' table against the constants
//! of `src/validate/codes.rs` (code and name), the reading and decoding
//! table against the `D` constants declared under `src/`.

use std::collections::BTreeMap;
use std::path::Path;

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `XNNN`: one capital letter and three digits.
fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// The rows of the table under the `## <heading>` of `docs/rules.md`:
/// code → name (the first two columns, without backquotes). A code listed
/// twice is an error.
fn doc_table(doc: &str, heading: &str) -> BTreeMap<String, String> {
    let start = doc
        .lines()
        .position(|l| l.trim() == format!("## {heading}"))
        .unwrap_or_else(|| panic!("docs/rules.md has no section `## {heading}`"));
    let mut rows = BTreeMap::new();
    for line in doc.lines().skip(start + 1) {
        if line.starts_with("## ") {
            break;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let code = cells[0].trim_matches('`');
        if !line.trim_start().starts_with('|') || !is_code(code) {
            continue;
        }
        let name = cells.get(1).copied().unwrap_or("").trim_matches('`');
        if rows.insert(code.to_owned(), name.to_owned()).is_some() {
            panic!("docs/rules.md, `## {heading}`: {code} is listed twice");
        }
    }
    assert!(
        !rows.is_empty(),
        "docs/rules.md, `## {heading}`: no table rows with codes found"
    );
    rows
}

/// The `const NAME: &str = "XNNN";` declarations of a Rust source whose
/// value is a code starting with `prefix`: code → NAME. One code declared
/// twice is an error.
fn code_consts(src: &str, file: &str, prefix: char) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in src.lines() {
        let line = line.trim();
        let Some(rest) = line
            .strip_prefix("pub const ")
            .or_else(|| line.strip_prefix("pub(crate) const "))
            .or_else(|| line.strip_prefix("const "))
        else {
            continue;
        };
        let Some((name, value)) = rest.split_once(": &str = ") else {
            continue;
        };
        let value = value.trim_end_matches(';').trim_matches('"');
        if !is_code(value) || !value.starts_with(prefix) {
            continue;
        }
        if let Some(other) = out.insert(value.to_owned(), name.trim().to_owned()) {
            panic!("{file}: {value} is declared twice ({other} and {name})");
        }
    }
    out
}

/// What is in one list and not the other, as lines for a failure message.
fn differences(
    doc: &BTreeMap<String, String>,
    doc_where: &str,
    code: &BTreeMap<String, String>,
    code_where: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for c in doc.keys().filter(|c| !code.contains_key(*c)) {
        out.push(format!("{c} is in {doc_where} but not in {code_where}"));
    }
    for c in code.keys().filter(|c| !doc.contains_key(*c)) {
        out.push(format!("{c} is in {code_where} but not in {doc_where}"));
    }
    out
}

#[test]
fn validation_codes_in_the_docs_are_the_codes_in_codes_rs() {
    let doc = doc_table(&repo_file("docs/rules.md"), "Validation rules");
    let consts = code_consts(
        &repo_file("src/validate/codes.rs"),
        "src/validate/codes.rs",
        'V',
    );
    assert!(
        !consts.is_empty(),
        "src/validate/codes.rs: no V constants found"
    );
    let mut problems = differences(
        &doc,
        "docs/rules.md (Validation rules)",
        &consts,
        "src/validate/codes.rs",
    );
    // The name column is the constant's name in kebab case
    // (`DUPLICATE_ID` ↔ `duplicate-id`).
    for (code, name) in &doc {
        if let Some(konst) = consts.get(code) {
            let kebab = konst.to_lowercase().replace('_', "-");
            if *name != kebab {
                problems.push(format!(
                    "{code} is named `{name}` in docs/rules.md but `{konst}` in src/validate/codes.rs"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn decoding_codes_in_the_docs_are_the_d_codes_declared_in_src() {
    let doc = doc_table(&repo_file("docs/rules.md"), "Reading and decoding");
    let src_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut consts = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src_dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (code, name) in code_consts(&text, &rel, 'D') {
            if let Some(other) = consts.insert(code.clone(), format!("{rel}: {name}")) {
                panic!("{code} is declared twice ({other} and {rel}: {name})");
            }
        }
    }
    assert!(!consts.is_empty(), "src/: no D constants found");
    let problems = differences(
        &doc,
        "docs/rules.md (Reading and decoding)",
        &consts,
        "the constants under src/",
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
