//! `yaml_baseline ROOT [--one-thread]`: the baseline `dokaz check` is
//! measured against in `scripts/bench.sh` (#19) — every registry file's
//! YAML (the front matter of each Markdown file, every `.yaml` file)
//! parsed with serde_yaml into `serde_yaml::Value` and nothing else: no
//! positions, no model, no rules. Files are read and parsed on every core,
//! as `dokaz check` reads them, unless `--one-thread`.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1) else {
        eprintln!("usage: yaml_baseline ROOT [--one-thread]");
        std::process::exit(2);
    };
    let files = files(Path::new(root));
    let parse = |p: &PathBuf| -> usize {
        let Ok(text) = std::fs::read_to_string(p) else {
            return 0;
        };
        let yaml = if p.extension().is_some_and(|e| e == "md") {
            front_matter(&text)
        } else {
            &text
        };
        match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
            Ok(_) => 1,
            Err(e) => {
                eprintln!("{}: {e}", p.display());
                0
            }
        }
    };
    let parsed: usize = if args.iter().any(|a| a == "--one-thread") {
        files.iter().map(parse).sum()
    } else {
        files.par_iter().map(parse).sum()
    };
    println!("parsed {parsed} of {} files", files.len());
}

/// The registry's `.md` and `.yaml` files under `content/` and the root's
/// `registry.yaml`.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
        .collect();
    out.push(root.join("registry.yaml"));
    out
}

/// The text between the opening `---` line and the closing one.
fn front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return "";
    };
    match rest.find("\n---") {
        Some(end) => &rest[..end + 1],
        None => rest,
    }
}
