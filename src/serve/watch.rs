//! Watching the registry's files with notify, and turning bursts of file
//! events into one batch of changed paths.
//!
//! Editors do not save in one event: vim writes a probe file `4913`, a
//! swap file and a backup, then renames; others write a temporary file and
//! rename it over the original; some write twice. A batch is therefore
//! closed only after a short quiet period (and at the latest after
//! `MAX_WAIT`, so a process that writes without pause still gets
//! previews). Temporary names are dropped later by `deps::input_of`; only
//! the final name matters, and the loader reads whatever is on disk when
//! the batch closes, so a half-written file at worst yields diagnostics
//! (shown, with the last good site still served) and the next event, when
//! the editor finishes, yields the good build.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long no event must arrive before a batch closes.
pub const QUIET: Duration = Duration::from_millis(30);
/// The longest a batch stays open.
pub const MAX_WAIT: Duration = Duration::from_millis(300);

/// The folders whose files the site is made of (besides registry.yaml).
pub const DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

pub struct Watch {
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watched: BTreeSet<&'static str>,
}

impl Watch {
    /// Watches the root itself (not recursively: registry.yaml, and the
    /// watched folders appearing or disappearing) and each watched folder
    /// that exists, recursively. `output/`, `target/` and `.git/` are not
    /// watched at all.
    pub fn start(root: &Path) -> Result<Watch, String> {
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |e| {
            // The receiver is gone only when serve is shutting down.
            let _ = tx.send(e);
        })
        .map_err(|e| format!("cannot watch files: {e}"))?;
        let mut w = Watch {
            watcher,
            rx,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        w.watch_new_dirs();
        Ok(w)
    }

    /// Starts watching the folders created since (`templates/` added
    /// while serving). A folder removed and created again is watched anew.
    fn watch_new_dirs(&mut self) {
        for dir in DIRS {
            let path = self.root.join(dir);
            if !path.is_dir() {
                self.watched.remove(dir);
            } else if !self.watched.contains(dir)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(dir);
            }
        }
    }

    /// Blocks until files change, then returns the changed paths relative
    /// to the root (`/`-separated) once the burst is over. `None` when the
    /// watcher has stopped.
    pub fn next_batch(&mut self) -> Option<BTreeSet<String>> {
        let mut paths = BTreeSet::new();
        let first = self.rx.recv().ok()?;
        self.add(first, &mut paths);
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(QUIET.min(left)) {
                Ok(e) => self.add(e, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        if paths.iter().any(|p| DIRS.contains(&p.as_str())) {
            self.watch_new_dirs();
        }
        Some(paths)
    }

    fn add(&self, e: notify::Result<notify::Event>, paths: &mut BTreeSet<String>) {
        match e {
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
            Ok(e) => {
                for p in e.paths {
                    if let Ok(rel) = p.strip_prefix(&self.root) {
                        let rel: Vec<String> = rel
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect();
                        paths.insert(rel.join("/"));
                    }
                }
            }
            // The kernel's queue overflowed: we no longer know what
            // changed, so treat it as a change of everything.
            Err(_) => {
                paths.insert("registry.yaml".into());
            }
        }
    }
}
