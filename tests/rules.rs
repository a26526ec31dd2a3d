//! Every validation rule has a fixture that breaks exactly that rule.
//!
//! A fixture is a file in `tests/fixtures/rules/` named after its code. It
//! is copied into a fresh registry (from `dokaz init`) and `dokaz check`
//! must report exactly the diagnostics its directives list — no more, no
//! fewer — with the right code, line, column and message:
//!
//! ```text
//! # target: content/practices/x.md    where to copy it (repeatable; default
//!                                      for .md: content/practices/<name>.md)
//! # remove: registry.yaml             a base file to delete first
//! # expect: V109 14:29 larger than    code, line:column, message fragment
//! # today: 2026-03-01                 the date `dokaz check` runs on
//!                                      (`DOKAZ_TODAY`; default: the clock)
//! ```
//! (In Markdown bodies the directives may sit in `<!-- -->` comments.)

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug)]
struct Expect {
    code: String,
    line: u64,
    column: u64,
    message: String,
}

struct Directives {
    targets: Vec<String>,
    removes: Vec<String>,
    expects: Vec<Expect>,
    /// `expect-ru:` lines: the same diagnostics in Russian
    /// (`DOKAZ_LANG=ru`), when a fixture gives them.
    expects_ru: Vec<Expect>,
    today: Option<String>,
}

fn parse_expect(e: &str, name: &str) -> Expect {
    let mut parts = e.trim().splitn(3, ' ');
    let code = parts.next().unwrap().to_owned();
    let pos = parts
        .next()
        .unwrap_or_else(|| panic!("{name}: expect needs line:column"));
    let (line, column) = pos
        .split_once(':')
        .unwrap_or_else(|| panic!("{name}: bad position {pos}"));
    Expect {
        code,
        line: line.parse().unwrap(),
        column: column.parse().unwrap(),
        message: parts.next().unwrap_or("").to_owned(),
    }
}

fn directives(text: &str, name: &str) -> Directives {
    let (mut targets, mut removes, mut expects) = (Vec::new(), Vec::new(), Vec::new());
    let mut expects_ru = Vec::new();
    let mut today = None;
    for line in text.lines() {
        let l = line
            .trim()
            .trim_start_matches("<!--")
            .trim_start_matches('#')
            .trim()
            .trim_end_matches("-->")
            .trim();
        if let Some(t) = l.strip_prefix("target:") {
            targets.push(t.trim().to_owned());
        } else if let Some(t) = l.strip_prefix("today:") {
            today = Some(t.trim().to_owned());
        } else if let Some(t) = l.strip_prefix("remove:") {
            removes.push(t.trim().to_owned());
        } else if let Some(e) = l.strip_prefix("expect:") {
            expects.push(parse_expect(e, name));
        } else if let Some(e) = l.strip_prefix("expect-ru:") {
            expects_ru.push(parse_expect(e, name));
        }
    }
    if targets.is_empty() {
        let stem = name
            .rsplit_once('.')
            .map_or(name, |(s, _)| s)
            .to_lowercase();
        assert!(
            name.ends_with(".md"),
            "{name}: a non-Markdown fixture needs a `target:`"
        );
        targets.push(format!("content/practices/{stem}.md"));
    }
    Directives {
        targets,
        removes,
        expects,
        expects_ru,
        today,
    }
}

fn run_fixture(path: &Path) -> Result<(), String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let Directives {
        targets,
        removes,
        expects,
        expects_ru,
        today,
    } = directives(&text, &name);
    if expects.is_empty() {
        return Err(format!("{name}: no `expect:` directive"));
    }
    let (_tmp, root) = fresh_registry();
    for r in &removes {
        std::fs::remove_file(root.join(r)).unwrap();
    }
    for t in &targets {
        write(&root, t, &bytes);
    }
    let (code, diags, _) = match &today {
        Some(t) => check_json_on(&root, t),
        None => check_json(&root),
    };
    let got: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {} [{}] {}",
                d["code"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let report = || {
        format!(
            "{name}: expected {expects:#?}\n got:\n  {}",
            got.join("\n  ")
        )
    };
    if diags.len() != expects.len() {
        return Err(report());
    }
    for (e, d) in expects.iter().zip(&diags) {
        let ok = d["code"] == e.code.as_str()
            && d["line"] == e.line
            && d["column"] == e.column
            && d["message"].as_str().unwrap().contains(&e.message);
        if !ok {
            return Err(report());
        }
    }
    if !expects_ru.is_empty() {
        let (_, ru, _) = check_json_in(&root, "ru", today.as_deref());
        let got: Vec<String> = ru
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{} {}",
                    d["code"], d["line"], d["column"], d["message"]
                )
            })
            .collect();
        let ok = ru.len() == expects_ru.len()
            && expects_ru.iter().zip(&ru).all(|(e, d)| {
                d["code"] == e.code.as_str()
                    && d["line"] == e.line
                    && d["column"] == e.column
                    && d["lang"] == "ru"
                    && d["message"].as_str().unwrap().contains(&e.message)
            });
        if !ok {
            return Err(format!(
                "{name}: expected in Russian {expects_ru:#?}\n got:\n  {}",
                got.join("\n  ")
            ));
        }
    }
    let has_error = diags.iter().any(|d| d["severity"] == "error");
    let want = if has_error { 1 } else { 0 };
    if code != want {
        return Err(format!("{name}: exit code {code}, expected {want}"));
    }
    Ok(())
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn every_fixture_reports_exactly_its_diagnostics() {
    let failures: Vec<String> = fixtures()
        .iter()
        .filter_map(|p| run_fixture(p).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Each code in docs/rules.md has at least one fixture named after it.
#[test]
fn every_documented_code_has_a_fixture() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .unwrap();
    let codes: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|c| c.len() == 4 && (c.starts_with('D') || c.starts_with('V')))
        .map(str::to_owned)
        .collect();
    assert!(
        codes.len() > 40,
        "docs/rules.md lists only {} codes",
        codes.len()
    );
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Codes whose fixture is generated in code (binary content) live in tests/robustness.rs.
    let generated = ["D001", "D002", "D003"];
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !generated.contains(&c.as_str()))
        .filter(|c| {
            !names
                .iter()
                .any(|n| n.to_uppercase().starts_with(c.as_str()))
        })
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}
