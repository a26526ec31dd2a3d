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

/// A catalogue text as a table cell: plural forms joined by ` / ` in
/// CLDR's order, `|` escaped, line breaks as `<br>`.
fn cell(s: &dokaz::l10n::catalogue::Strings, key: &str) -> String {
    let text = match s.plural.get(key) {
        Some(forms) => dokaz::l10n::catalogue::CATEGORIES
            .iter()
            .filter_map(|c| forms.get(*c).cloned())
            .collect::<Vec<_>>()
            .join(" / "),
        None => s.plain.get(key).cloned().unwrap_or_default(),
    };
    text.replace('|', "\\|").replace('\n', "<br>")
}

/// The `## Messages` table as the catalogues give it: every key that
/// starts with a code (`V110_not_percent`), its English and Russian text.
fn messages_table() -> String {
    use dokaz::l10n::catalogue::Strings;
    let en = Strings::parse("en", dokaz::l10n::EN_YAML.as_bytes()).unwrap();
    let ru = Strings::parse("ru", dokaz::l10n::RU_YAML.as_bytes()).unwrap();
    let mut keys: Vec<&String> = en
        .keys()
        .filter(|k| k.len() > 5 && is_code(&k[..4]) && k.as_bytes()[4] == b'_')
        .collect();
    keys.sort();
    let mut out = String::from("| code | key | English | Русский |\n|---|---|---|---|\n");
    for k in keys {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            &k[..4],
            &k[5..],
            cell(&en, k),
            cell(&ru, k)
        ));
    }
    out
}

/// Every code of the two tables has its messages in English and Russian
/// in `## Messages`, and that table is the catalogues' (regenerate it with
/// `DOKAZ_BLESS=1 cargo test --test rule_docs`).
#[test]
fn every_code_has_its_messages_in_both_languages_in_the_docs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let doc = repo_file("docs/rules.md");
    let heading = "## Messages";
    let start = doc
        .find(heading)
        .expect("docs/rules.md has no `## Messages`");
    let body_start = doc[start..].find("| code |").map(|i| start + i).unwrap();
    let body_end = doc[body_start..]
        .find("\n\n")
        .map_or(doc.len(), |i| body_start + i + 1);
    let want = messages_table();
    if std::env::var_os("DOKAZ_BLESS").is_some() {
        let new = format!("{}{}{}", &doc[..body_start], want, &doc[body_end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        &doc[body_start..body_end],
        want,
        "docs/rules.md `## Messages` is not the catalogues' (DOKAZ_BLESS=1 cargo test --test rule_docs)"
    );
    let mut codes: Vec<String> = doc_table(&doc, "Reading and decoding")
        .into_keys()
        .collect();
    codes.extend(doc_table(&doc, "Validation rules").into_keys());
    let rows: Vec<(String, String, String)> = want
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (
                c[0].trim_matches('`').to_owned(),
                c[2].to_owned(),
                c[3].to_owned(),
            )
        })
        .collect();
    for code in codes {
        let mine: Vec<_> = rows.iter().filter(|r| r.0 == code).collect();
        assert!(!mine.is_empty(), "{code} has no messages in the catalogues");
        for (_, en, ru) in mine {
            assert!(
                !en.is_empty() && !ru.is_empty(),
                "{code}: a message without both texts"
            );
        }
    }
}
