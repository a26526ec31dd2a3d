//! `dokaz check --format github|sarif|codequality` on a registry with
//! known errors (`tests/fixtures/ci-broken`): the GitHub annotations are
//! exactly the expected lines, the SARIF log validates against the
//! published SARIF 2.1.0 schema (`tests/fixtures/sarif-2.1.0.json`, from
//! oasis-tcs/sarif-spec, `sarif-2.1/schema/sarif-schema-2.1.0.json`) and
//! holds every diagnostic, and the exit codes are those of `--format human`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ci-broken")
}

/// The fixture copied to `<tmp>/repo/registry`, so that paths relative to
/// the repository (the working directory) differ from paths relative to
/// the registry root.
fn repo_with_registry() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path().join("repo");
    for entry in walkdir::WalkDir::new(fixture()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(fixture()).unwrap();
        let to = repo.join("registry").join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    (tmp, repo)
}

fn check(cwd: &Path, root: &str, format: &str) -> Output {
    dokaz()
        .current_dir(cwd)
        .args(["check", "--root", root, "--format", format])
        .output()
        .expect("run dokaz check")
}

/// One parsed `::command key=value,…::message` line, values unescaped.
#[derive(Debug, PartialEq)]
struct Annotation {
    command: String,
    props: Vec<(String, String)>,
    message: String,
}

fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse_annotation(line: &str) -> Annotation {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a workflow command: {line}"));
    let (head, message) = rest
        .split_once("::")
        .unwrap_or_else(|| panic!("no message: {line}"));
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad property {p}: {line}"));
            assert!(!v.contains(':') && !v.contains(','), "unescaped: {line}");
            (k.to_owned(), unescape(v))
        })
        .collect();
    assert!(!message.contains('\n') && !message.contains('\r'));
    Annotation {
        command: command.to_owned(),
        props,
        message: unescape(message),
    }
}

fn prop<'a>(a: &'a Annotation, key: &str) -> &'a str {
    a.props
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

const PRACTICE: &str = "registry/content/practices/example-practice.md";

#[test]
fn github_annotations_name_code_file_line_and_column() {
    let (_tmp, repo) = repo_with_registry();
    // A file name with a comma: escaped in the `file` property.
    write(&repo, "registry/content/notes, draft.txt", "x");
    let out = check(&repo, "registry", "github");
    assert_eq!(out.status.code(), Some(1), "errors exit 1 as with human");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let got: Vec<(String, String, String, String, String)> = stdout
        .lines()
        .map(parse_annotation)
        .map(|a| {
            (
                a.command.clone(),
                prop(&a, "title").to_owned(),
                prop(&a, "file").to_owned(),
                prop(&a, "line").to_owned(),
                prop(&a, "col").to_owned(),
            )
        })
        .collect();
    let s = |v: &str| v.to_owned();
    let row =
        |c: &str, code: &str, f: &str, l: &str, col: &str| (s(c), s(code), s(f), s(l), s(col));
    assert_eq!(
        got,
        vec![
            row(
                "warning",
                "D015",
                "registry/content/notes, draft.txt",
                "1",
                "1"
            ),
            row("error", "V102", PRACTICE, "3", "15"),
            row("warning", "V111", PRACTICE, "7", "10"),
            row("error", "D006", PRACTICE, "11", "1"),
            row("warning", "V112", PRACTICE, "34", "16"),
            row("warning", "V112", PRACTICE, "35", "16"),
        ],
        "{stdout}"
    );
    // The exact line, escaping included: the hint after an escaped newline.
    assert!(
        stdout.contains(
            "::error file=registry/content/practices/example-practice.md,line=3,col=15,endLine=3,\
             title=V102::no organization has the id `no-such-org`%0Ahint: expected one of: \
             `example-foundation`\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("file=registry/content/notes%2C draft.txt,"));
    let first = parse_annotation(stdout.lines().nth(1).unwrap());
    assert_eq!(
        first.message,
        "no organization has the id `no-such-org`\nhint: expected one of: `example-foundation`"
    );
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema_and_holds_every_diagnostic() {
    let (_tmp, repo) = repo_with_registry();
    let out = check(&repo, "registry", "sarif");
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");

    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-2.1.0.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The validator is not vacuous: a level SARIF does not know fails.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));

    // Every diagnostic of --format json is a result, in the same order.
    let (_, diags, _) = check_json(&repo.join("registry"));
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for (r, d) in results.iter().zip(&diags) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            d["code"]
        );
        assert_eq!(r["level"], d["severity"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"].as_str().unwrap(),
            format!("registry/{}", d["file"].as_str().unwrap())
        );
        assert_eq!(loc["region"]["startLine"], d["line"]);
        assert_eq!(loc["region"]["startColumn"], d["column"]);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(d["message"].as_str().unwrap())
        );
    }
    // The driver lists every documented rule, with its description.
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "dokaz");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let v102 = rules.iter().find(|r| r["id"] == "V102").unwrap();
    assert_eq!(v102["name"], "unresolved-reference");
    assert!(
        v102["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("names nothing")
    );
    for code in ["D001", "D018", "V101", "V129"] {
        assert!(rules.iter().any(|r| r["id"] == code), "{code}");
    }
}

#[test]
fn a_clean_registry_exits_0_with_no_annotations_and_an_empty_sarif_run() {
    let (_tmp, root) = fresh_registry();
    let cwd = root.parent().unwrap();
    let out = check(cwd, "reg", "github");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = check(cwd, "reg", "sarif");
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

#[test]
fn codequality_is_a_code_climate_array_with_unique_fingerprints() {
    let (_tmp, repo) = repo_with_registry();
    let out = check(&repo, "registry", "codequality");
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 5);
    let mut prints: Vec<&str> = items
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), items.len());
    assert_eq!(items[0]["check_name"], "V102");
    assert_eq!(items[0]["location"]["path"], PRACTICE);
    assert_eq!(items[0]["location"]["lines"]["begin"], 3);
    assert_eq!(items[0]["severity"], "major");
}
