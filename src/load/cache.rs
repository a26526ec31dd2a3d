//! What was loaded from each file, kept between loads by `dokaz serve` so
//! that a save reads and decodes one file instead of ten thousand.
//!
//! A cached load must give exactly what a fresh one gives (the test in
//! `load` compares them), so the cache is deliberately simple: a file is
//! loaded again when its size or modification time differ, or when the
//! watcher said it changed ([`Cache::forget`]). It is stat first, then
//! read, so a write between the two is caught by the next load.

use super::docs::{Item, load_file};
use super::paths::Kind;
use crate::model::Doc;
use crate::model::practice::Practice;
use crate::syntax::diag::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, Cached>,
    /// The files under `content/` (sorted, classified) and the walk's own
    /// diagnostics: walking 10,000 practice folders takes ~0.4 s, and a
    /// save of an existing file does not change the list.
    list: Option<FileList>,
    /// Each translation combined with its original (which reads and
    /// parses the original again: at 10,000 practices with 3,333
    /// translations most of a save's load), by the translation's path,
    /// kept while neither file changes.
    combined: HashMap<PathBuf, CombinedEntry>,
}

/// A translation and its original, with their stamps taken before either
/// is read.
pub(super) struct Pair {
    translation: PathBuf,
    original: PathBuf,
    stamps: Option<(Stamp, Stamp)>,
}

impl Pair {
    pub(super) fn of(translation: PathBuf, original: PathBuf) -> Pair {
        let stamps = stamp(&translation).zip(stamp(&original));
        Pair {
            translation,
            original,
            stamps,
        }
    }
}

struct CombinedEntry {
    original: PathBuf,
    stamps: (Stamp, Stamp),
    doc: Combination,
    diags: Vec<Diagnostic>,
}

/// A translation combined with its original (`None`: they do not combine;
/// the diagnostics say why).
pub(super) type Combination = Option<Arc<Doc<Practice>>>;

/// The classified files under `content/` and the walk's diagnostics.
pub(super) type FileList = (Vec<(PathBuf, Kind)>, Vec<Diagnostic>);

struct Cached {
    stamp: Stamp,
    item: Option<Item>,
    diags: Vec<Diagnostic>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

impl Cache {
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
        self.combined
            .retain(|t, c| t.as_path() != path && c.original.as_path() != path);
    }

    /// The combination of `pair` kept from an earlier load, when neither
    /// file has changed since.
    pub(super) fn combined(&self, pair: &Pair) -> Option<(Combination, Vec<Diagnostic>)> {
        let c = self.combined.get(&pair.translation)?;
        (c.original == pair.original && Some(c.stamps) == pair.stamps)
            .then(|| (c.doc.clone(), c.diags.clone()))
    }

    /// Keeps this load's combinations: the fresh ones (with their result)
    /// replace what was kept, the reused ones stay, the rest are dropped.
    pub(super) fn keep_combined<'a>(
        &mut self,
        this_load: impl Iterator<Item = (&'a Pair, Option<(&'a Combination, &'a Vec<Diagnostic>)>)>,
    ) {
        let mut seen = HashSet::new();
        for (pair, fresh) in this_load {
            seen.insert(pair.translation.clone());
            let Some((doc, diags)) = fresh else { continue };
            match pair.stamps {
                Some(stamps) => {
                    self.combined.insert(
                        pair.translation.clone(),
                        CombinedEntry {
                            original: pair.original.clone(),
                            stamps,
                            doc: doc.clone(),
                            diags: diags.clone(),
                        },
                    );
                }
                None => {
                    self.combined.remove(&pair.translation);
                }
            }
        }
        self.combined.retain(|t, _| seen.contains(t));
    }

    /// Makes the next load walk `content/` again (files may have been
    /// added, removed or renamed).
    pub fn forget_file_list(&mut self) {
        self.list = None;
    }

    /// Whether `path` was one of the files of the last load.
    pub fn knows(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// How many files are cached.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub(super) fn file_list(&self) -> Option<FileList> {
        self.list.clone()
    }

    pub(super) fn set_file_list(&mut self, list: FileList) {
        self.list = Some(list);
    }

    /// Loads `files` in parallel, reusing what is cached for the unchanged
    /// ones; results are in the order of `files`. Files no longer in the
    /// list leave the cache.
    pub(super) fn load(
        &mut self,
        root: &Path,
        files: Vec<(PathBuf, Kind)>,
    ) -> Vec<(Option<Item>, Vec<Diagnostic>)> {
        use rayon::prelude::*;
        let known = &self.files;
        // (file, its item, its diagnostics, what to cache if loaded anew)
        type Loaded = (PathBuf, Option<Item>, Vec<Diagnostic>, Option<Cached>);
        let loaded: Vec<Loaded> = files
            .into_par_iter()
            .map(|(abs, kind)| {
                let st = stamp(&abs);
                if let (Some(st), Some(c)) = (st, known.get(&abs))
                    && c.stamp == st
                {
                    return (abs, c.item.clone(), c.diags.clone(), None);
                }
                let mut d = Vec::new();
                let item = load_file(root, &abs, kind, &mut d);
                let fresh = st.map(|stamp| Cached {
                    stamp,
                    item: item.clone(),
                    diags: d.clone(),
                });
                (abs, item, d, fresh)
            })
            .collect();
        let present: HashSet<&PathBuf> = loaded.iter().map(|(p, ..)| p).collect();
        self.files.retain(|p, _| present.contains(p));
        let mut out = Vec::with_capacity(loaded.len());
        for (abs, item, d, fresh) in loaded {
            if let Some(c) = fresh {
                self.files.insert(abs, c);
            }
            out.push((item, d));
        }
        out
    }
}
