//! Helpers shared by the integration tests: a fresh registry in a temporary
//! folder (made by `dokaz init`, so the skeleton is tested too) and running
//! the real binary on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, speaking English (`DOKAZ_LANG=en`): the tests assert on
/// English messages, whatever the registry's or the machine's language.
/// Tests of the language choice set or remove `DOKAZ_LANG` themselves.
pub fn dokaz() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dokaz"));
    cmd.env("DOKAZ_LANG", "en");
    cmd
}

/// A new registry from `dokaz init` in a temporary folder.
pub fn fresh_registry() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("reg");
    let out = dokaz()
        .arg("init")
        .arg(&root)
        .output()
        .expect("run dokaz init");
    assert!(
        out.status.success(),
        "init failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (tmp, root)
}

pub fn check_json(root: &Path) -> (i32, Vec<serde_json::Value>, Output) {
    check_json_with(root, dokaz())
}

/// [`check_json`] as if run on `today` (`DOKAZ_TODAY`, YYYY-MM-DD).
pub fn check_json_on(root: &Path, today: &str) -> (i32, Vec<serde_json::Value>, Output) {
    let mut cmd = dokaz();
    cmd.env("DOKAZ_TODAY", today);
    check_json_with(root, cmd)
}

/// [`check_json`] in `lang` (`DOKAZ_LANG`), as if run on `today` if given.
pub fn check_json_in(
    root: &Path,
    lang: &str,
    today: Option<&str>,
) -> (i32, Vec<serde_json::Value>, Output) {
    let mut cmd = dokaz();
    cmd.env("DOKAZ_LANG", lang);
    if let Some(t) = today {
        cmd.env("DOKAZ_TODAY", t);
    }
    check_json_with(root, cmd)
}

fn check_json_with(root: &Path, mut cmd: Command) -> (i32, Vec<serde_json::Value>, Output) {
    let out = cmd
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .expect("run dokaz check");
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), diags, out)
}

pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// The repository's bundled example registry.
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A page of a built site, following the redirect a practice's other
/// version leaves at its address (FORMAT.md §10.1): the page a reader
/// of that address ends on.
pub fn read_shown(out: &Path, rel: &str) -> String {
    let html = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let Some(at) = html.find("http-equiv=\"refresh\" content=\"0; url=") else {
        return html;
    };
    let rest = &html[at + "http-equiv=\"refresh\" content=\"0; url=".len()..];
    let target = &rest[..rest.find('"').expect("closing quote")];
    let mut path: Vec<&str> = rel.split('/').collect();
    path.pop();
    for part in target.split('/') {
        match part {
            ".." => {
                path.pop();
            }
            "" | "." => {}
            p => path.push(p),
        }
    }
    let mut to = path.join("/");
    if target.ends_with('/') {
        to.push_str("/index.html");
    }
    std::fs::read_to_string(out.join(&to)).unwrap_or_else(|e| panic!("{rel} → {to}: {e}"))
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The example registry with the fictional reviews of
/// `tests/fixtures/reviews/` added: the example itself records only what
/// its seeds state (one year-only verification), and the expert side
/// (review histories, rubric ratings, revision requests, level changes,
/// re-review dates) needs more to be tested.
pub fn reviewed_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("reg");
    let from = example_root();
    copy_tree(&from.join("content"), &root.join("content"));
    std::fs::copy(from.join("registry.yaml"), root.join("registry.yaml")).unwrap();
    copy_tree(
        &from.join("tests/fixtures/reviews"),
        &root.join("content/reviews"),
    );
    (tmp, root)
}

/// The codes of the warnings `dokaz check` gives on the example registry,
/// each justified in the README: Warm Home's 2018 budget items do not add
/// up to its total (V113, as seed 004 gives them), and the Mother House
/// study is done but no seed links its report (V135).
pub const EXAMPLE_WARNINGS: &[&str] = &["V113", "V135"];

/// Builds the registry at `root` into `out` and asserts that the build
/// succeeded.
pub fn build_ok(root: &Path, out: &Path) {
    let st = dokaz()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .status()
        .unwrap();
    assert!(st.success(), "dokaz build {}", root.display());
}
