//! Diagnostics for the places reviewers read them: GitHub workflow-command
//! annotations (`--format github`), SARIF 2.1.0 (`--format sarif`, for
//! GitHub code scanning and other SARIF viewers) and GitLab Code Quality
//! (`--format codequality`).
//!
//! Every format names a file as the repository does: the registry root as
//! it was given (when it is relative, or inside the working directory)
//! joined with the diagnostic's path, with `/` separators. With
//! `--root .`, the default, that is the diagnostic's own path.
//!
//! The rules SARIF lists come from `docs/rules.md`, compiled in, so the
//! table the authors read and the one the tools show are the same text.

use super::diag::{Diagnostic, Severity};
use crate::l10n::Lang;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use std::path::{Component, Path};

/// One row of `docs/rules.md`: code, kebab name, severity, what it rejects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub description: String,
}

const RULES_MD: &str = include_str!("../../docs/rules.md");

/// The rows of every table in `docs/rules.md` whose first cell is a code.
pub fn rule_docs() -> Vec<RuleDoc> {
    let mut out = Vec::new();
    for line in RULES_MD.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [code, name, sev, what, ..] = cells.as_slice() else {
            continue;
        };
        let code = code.trim_matches('`');
        let b = code.as_bytes();
        if !(b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)) {
            continue;
        }
        let severity = match *sev {
            "W" => Severity::Warning,
            "N" => Severity::Note,
            _ => Severity::Error,
        };
        out.push(RuleDoc {
            code: code.to_owned(),
            name: name.trim_matches('`').to_owned(),
            severity,
            description: what.replace('`', ""),
        });
    }
    out
}

/// The file of `d` as the repository names it (see the module comment).
pub fn repo_path(root: &Path, file: &str) -> String {
    let root = if root.is_absolute() {
        match std::env::current_dir() {
            Ok(cwd) => match root.strip_prefix(&cwd) {
                Ok(rel) => rel.to_path_buf(),
                Err(_) => root.to_path_buf(),
            },
            Err(_) => root.to_path_buf(),
        }
    } else {
        root.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in root.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => absolute = true,
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    parts.extend(
        file.split(['/', '\\'])
            .filter(|s| !s.is_empty() && *s != ".")
            .map(str::to_owned),
    );
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The message with its hint, as one text; a control character a message
/// quotes from a file is escaped, as in the terminal.
fn full_message(d: &Diagnostic, lang: Lang) -> String {
    super::report::escape_controls(&match d.hint_in(lang) {
        Some(h) => format!(
            "{}\n{}",
            d.message_in(lang),
            crate::msg!("report_hint", hint = h).render(lang)
        ),
        None => d.message_in(lang),
    })
}

/// GitHub's escaping of a workflow command's data (the message).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property values.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `--format github`: one workflow command per diagnostic, e.g.
/// `::error file=content/practices/x.md,line=3,col=1,endLine=3,title=V102::message`.
/// Diagnostics carry one position, so `endLine` is the start line and there
/// is no `endColumn`.
pub fn render_github(diags: &[Diagnostic], root: &Path, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = vec![format!(
            "file={}",
            escape_property(&repo_path(root, &d.file))
        )];
        if d.line >= 1 {
            props.push(format!("line={}", d.line));
            if d.column >= 1 {
                props.push(format!("col={}", d.column));
            }
            props.push(format!("endLine={}", d.line));
        }
        props.push(format!("title={}", escape_property(d.code)));
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&full_message(d, lang))
        ));
    }
    out
}

/// Characters left as they are in a SARIF `uri`: unreserved ones and `/`.
const URI_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `--format sarif`: a SARIF 2.1.0 log with one run, every rule of
/// `docs/rules.md` and one result per diagnostic.
pub fn render_sarif(diags: &[Diagnostic], root: &Path, lang: Lang) -> String {
    let docs = rule_docs();
    let mut rules: Vec<Value> = docs
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.description },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let mut index: Vec<String> = docs.into_iter().map(|r| r.code).collect();
    let mut results = Vec::new();
    for d in diags {
        let rule_index = match index.iter().position(|c| c == d.code) {
            Some(i) => i,
            None => {
                // A code missing from docs/rules.md (tests/rule_docs.rs
                // rules that out) still gets a rule, so ruleIndex is valid.
                index.push(d.code.to_owned());
                rules.push(json!({ "id": d.code }));
                index.len() - 1
            }
        };
        let uri = utf8_percent_encode(&repo_path(root, &d.file), URI_KEEP).to_string();
        let mut physical = json!({ "artifactLocation": { "uri": uri } });
        if d.line >= 1 {
            let mut region = json!({ "startLine": d.line });
            if d.column >= 1 {
                region["startColumn"] = json!(d.column);
            }
            physical["region"] = region;
        }
        let mut result = json!({
            "ruleId": d.code,
            "ruleIndex": rule_index,
            "level": level(d.severity),
            "message": { "text": full_message(d, lang) },
            "locations": [{ "physicalLocation": physical }],
        });
        if let Some(h) = d.hint_in(lang) {
            result["properties"] = json!({ "hint": h, "lang": lang });
        } else {
            result["properties"] = json!({ "lang": lang });
        }
        results.push(result);
    }
    let mut driver = json!({
        "name": "dokaz",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // No public address is known yet; the field appears once Cargo.toml
    // has a homepage or repository.
    let info = option_env!("CARGO_PKG_HOMEPAGE")
        .filter(|s| !s.is_empty())
        .or(option_env!("CARGO_PKG_REPOSITORY").filter(|s| !s.is_empty()));
    if let Some(uri) = info {
        driver["informationUri"] = json!(uri);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into())
}

/// A stable 64-bit FNV-1a hash, as hex: Code Quality's fingerprint.
fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// `--format codequality`: GitLab's Code Quality report (a JSON array in
/// the Code Climate form GitLab reads from `artifacts:reports:codequality`).
pub fn render_codequality(diags: &[Diagnostic], root: &Path, lang: Lang) -> String {
    let items: Vec<Value> = diags
        .iter()
        .map(|d| {
            let path = repo_path(root, &d.file);
            let line = d.line.max(1);
            let pos = format!("{}:{}", d.line, d.column);
            json!({
                "description": format!("{}: {}", d.code, full_message(d, lang)),
                "check_name": d.code,
                "fingerprint": fingerprint(&[d.code, &path, &pos, &d.message_in(Lang::En)]),
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
    }

    #[test]
    fn the_rules_table_holds_every_code() {
        let docs = rule_docs();
        assert!(docs.iter().any(|r| r.code == "D001"));
        assert!(
            docs.iter()
                .any(|r| r.code == "V101" && r.name == "duplicate-id")
        );
        assert!(
            docs.iter()
                .any(|r| r.code == "V107" && r.severity == Severity::Warning)
        );
    }

    #[test]
    fn paths_join_the_root_as_given() {
        assert_eq!(repo_path(Path::new("."), "content/a.md"), "content/a.md");
        assert_eq!(
            repo_path(Path::new("./site/"), "content/a.md"),
            "site/content/a.md"
        );
    }
}
