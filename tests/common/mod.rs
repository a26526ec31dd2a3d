//! Helpers shared by the integration tests: a fresh registry in a temporary
//! folder (made by `dokaz init`, so the skeleton is tested too) and running
//! the real binary on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn dokaz() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dokaz"))
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
