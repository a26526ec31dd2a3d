//! The change history of each practice, from git: when the registry is a
//! git repository (and `git` is installed), the date and subject of each
//! commit that changed a practice's file (or, for a bundle, anything in
//! its folder). One `git log` walks the history for every practice; no
//! git, no repository or a failing command means no history and no
//! error. Author dates and subjects only, so the same commit gives the
//! same history on any machine and any day.

use crate::model::Registry;
use crate::model::common::Id;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;
use std::process::{Command, Stdio};

/// One commit that changed a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// `YYYY-MM-DD`, the author date.
    pub date: String,
    pub subject: String,
}

/// Newest first, per practice (practices without changes are absent).
pub type History = BTreeMap<Id, Vec<Change>>;

/// The history of every practice of `reg`, read with one `git log` run
/// in the registry's root.
pub fn read(reg: &Registry) -> History {
    let Some(log) = git_log(&reg.root) else {
        return History::new();
    };
    // What each practice owns: its file, or its bundle's folder.
    let owners: Vec<(String, bool, &Id)> = reg
        .practices
        .values()
        .map(|p| match p.file.rsplit_once('/') {
            Some((dir, _)) if reg.bundle_dirs.contains_key(&p.id) => {
                (format!("{dir}/"), true, &p.id)
            }
            _ => (p.file.clone(), false, &p.id),
        })
        .collect();
    parse(&log, &owners)
}

/// `git log` in `root`: records separated by RS, each `date US subject`
/// then the changed paths (relative to `root`), one a line.
fn git_log(root: &std::path::Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--no-merges",
            "--relative",
            "--name-only",
            "--date=short",
            "--format=%x1e%ad%x1f%s",
            "--",
            "content/practices",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn parse(log: &str, owners: &[(String, bool, &Id)]) -> History {
    let mut history = History::new();
    for record in log.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let Some((date, subject)) = lines.next().and_then(|l| l.split_once('\u{1f}')) else {
            continue;
        };
        let change = Change {
            date: date.trim().to_owned(),
            subject: subject.trim().to_owned(),
        };
        let mut touched: Vec<&Id> = lines
            .filter(|l| !l.is_empty())
            .flat_map(|path| {
                owners
                    .iter()
                    .filter(move |(own, dir, _)| {
                        if *dir {
                            path.starts_with(own.as_str())
                        } else {
                            path == own
                        }
                    })
                    .map(|(_, _, id)| *id)
            })
            .collect();
        touched.sort();
        touched.dedup();
        for id in touched {
            history.entry(id.clone()).or_default().push(change.clone());
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_is_split_per_practice_newest_first() {
        let a = Id("a".into());
        let b = Id("b".into());
        let owners = vec![
            ("content/practices/a.md".to_owned(), false, &a),
            ("content/practices/b/".to_owned(), true, &b),
        ];
        let log = "\u{1e}2024-03-02\u{1f}Update b's budget\n\ncontent/practices/b/index.md\ncontent/practices/b/files/x.pdf\n\
\u{1e}2024-03-01\u{1f}Add a and b\n\ncontent/practices/a.md\ncontent/practices/b/index.md\ncontent/practices/ab.md\n";
        let h = parse(log, &owners);
        let subjects = |id: &Id| h[id].iter().map(|c| c.subject.as_str()).collect::<Vec<_>>();
        assert_eq!(subjects(&a), vec!["Add a and b"]);
        assert_eq!(subjects(&b), vec!["Update b's budget", "Add a and b"]);
        assert_eq!(h[&b][0].date, "2024-03-02");
    }
}
