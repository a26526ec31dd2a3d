//! The CI recipes of `docs/deploy/` parse as YAML, run `dokaz check` and
//! `dokaz build` with arguments the binary accepts, and use the outputs
//! the formats produce.

mod common;

use common::fresh_registry;
use std::path::Path;
use yaml_rust2::{Yaml, YamlLoader};

fn load(rel: &str) -> (String, Yaml) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(docs.len(), 1, "{rel}: one YAML document");
    (text, docs.remove(0))
}

/// Every `dokaz …` command line of the shell steps (`run:` / `script:`).
fn dokaz_commands(y: &Yaml, out: &mut Vec<String>) {
    match y {
        Yaml::String(s) => {
            for line in s.lines() {
                let line = line.trim().trim_start_matches("- ");
                if let Some(rest) = line.strip_prefix("dokaz ") {
                    out.push(rest.to_owned());
                }
            }
        }
        Yaml::Array(a) => a.iter().for_each(|v| dokaz_commands(v, out)),
        Yaml::Hash(h) => h.values().for_each(|v| dokaz_commands(v, out)),
        _ => {}
    }
}

/// Runs `dokaz <args> --help` for the subcommand and flags of a recipe's
/// command line: clap rejects an unknown flag or value even with --help,
/// so a recipe that drifts from the CLI fails here.
fn accepted(cmd: &str) {
    // Drop redirections and `|| …`; a quoted value or a variable stands
    // for a value from the CI's variables: any valid URL will do.
    let cmd = cmd.split(['>', '|']).next().unwrap_or("");
    let mut unquoted = String::new();
    let mut parts = cmd.split('"');
    while let Some(outside) = parts.next() {
        unquoted.push_str(outside);
        if parts.next().is_some() {
            unquoted.push_str("$VALUE");
        }
    }
    let args: Vec<&str> = unquoted
        .split_whitespace()
        .map(|w| {
            if w.starts_with('$') {
                "https://example.org/registry"
            } else {
                w
            }
        })
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dokaz"))
        .args(&args)
        .arg("--help")
        .output()
        .expect("run dokaz");
    assert!(
        out.status.success(),
        "`dokaz {cmd}` is rejected: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_github_workflow_checks_pull_requests_and_deploys_pages() {
    let (text, y) = load("docs/deploy/github/dokaz.yml");
    let jobs = &y["jobs"];
    for job in ["check", "pages", "release-archives", "release"] {
        assert!(!jobs[job].is_badvalue(), "no job {job}");
    }
    assert!(!y["on"]["pull_request"].is_badvalue());
    let mut cmds = Vec::new();
    dokaz_commands(&y, &mut cmds);
    assert!(
        cmds.iter().any(|c| c == "check --format github"),
        "{cmds:?}"
    );
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("check --format sarif > dokaz.sarif"))
    );
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("build ") && c.contains("--base-url"))
    );
    cmds.iter().for_each(|c| accepted(c));
    for action in [
        "github/codeql-action/upload-sarif@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(text.contains(action), "{action}");
    }
    let matrix = jobs["release-archives"]["strategy"]["matrix"]["include"]
        .as_vec()
        .unwrap();
    let targets: Vec<&str> = matrix.iter().filter_map(|m| m["target"].as_str()).collect();
    for t in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&t), "{t} not in {targets:?}");
    }
}

#[test]
fn the_gitlab_pipeline_reports_code_quality_and_publishes_pages() {
    let (_, y) = load("docs/deploy/gitlab/.gitlab-ci.yml");
    assert_eq!(
        y["check"]["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
    assert_eq!(y["pages"]["artifacts"]["paths"][0].as_str(), Some("public"));
    let mut cmds = Vec::new();
    dokaz_commands(&y, &mut cmds);
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("check --format codequality > gl-code-quality-report.json"))
    );
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("build ") && c.contains("--out public"))
    );
    cmds.iter().for_each(|c| accepted(c));
}

/// `dokaz init` writes a registry's own CI recipes: they parse, run the
/// commands the README gives with arguments the binary accepts, install
/// dokaz from crates.io (a registry has no Cargo.toml) and deploy Pages.
#[test]
fn init_writes_the_recipes_of_a_registry() {
    let (_tmp, root) = fresh_registry();
    for (rel, jobs) in [
        (".github/workflows/dokaz.yml", &["check", "pages"][..]),
        (".gitlab-ci.yml", &["check", "pages"][..]),
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let y = YamlLoader::load_from_str(&text)
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
            .remove(0);
        let job_map = if rel.starts_with(".github") {
            &y["jobs"]
        } else {
            &y
        };
        for job in jobs {
            assert!(!job_map[*job].is_badvalue(), "{rel}: no job {job}");
        }
        assert!(text.contains("cargo install --locked dokaz"), "{rel}");
        assert!(
            !text.contains("--path ."),
            "{rel} builds from sources a registry lacks"
        );
        let mut cmds = Vec::new();
        dokaz_commands(&y, &mut cmds);
        assert!(
            cmds.iter().any(|c| c.starts_with("check")),
            "{rel}: {cmds:?}"
        );
        assert!(
            cmds.iter()
                .any(|c| c.starts_with("build ") && c.contains("--base-url")),
            "{rel}: {cmds:?}"
        );
        cmds.iter().for_each(|c| accepted(c));
    }
    // The GitHub one annotates pull requests.
    let gh = std::fs::read_to_string(root.join(".github/workflows/dokaz.yml")).expect("read");
    assert!(gh.contains("dokaz check --format github"));
    assert!(gh.contains("actions/deploy-pages@"));
}
