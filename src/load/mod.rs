//! Loading a registry from disk: walk `content/`, read every file, split
//! front matter, parse YAML with positions, decode the typed model.
//!
//! Loading never stops at the first problem: each file is read on its own
//! and every diagnostic is collected, so one `dokaz check` run tells an
//! author everything that is wrong in every file.
//!
//! [`paths`] says what each file is, [`docs`] loads one document, and
//! [`cache`] keeps what was loaded between the builds of `dokaz serve`;
//! this module walks, fans the files out and merges the results.

mod cache;
pub mod codes;
mod docs;
pub mod paths;
pub mod translation;

pub use cache::Cache;

use crate::l10n::Msg;
use crate::model::Registry;
use crate::model::common::{Id, is_valid_id};
use crate::msg;
use crate::syntax::diag::{Diagnostic, Span};
use crate::syntax::source::{self, rel_path};
use docs::{Item, load_file};
use paths::{Kind, classify};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Loads the registry at `root`. Problems are appended to `diags`; the
/// returned registry holds everything that could be decoded.
///
/// Files are read, parsed and decoded in parallel (each on its own, with
/// its own diagnostics), then merged in sorted path order, so the result
/// does not depend on scheduling.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Registry {
    load_inner(root, diags, None)
}

/// [`load`], reusing what `cache` holds for files that have not changed
/// (the result is the same as a fresh load's).
pub fn load_cached(root: &Path, diags: &mut Vec<Diagnostic>, cache: &mut Cache) -> Registry {
    load_inner(root, diags, Some(cache))
}

fn load_inner(root: &Path, diags: &mut Vec<Diagnostic>, cache: Option<&mut Cache>) -> Registry {
    use rayon::prelude::*;
    let mut reg = Registry {
        root: root.to_path_buf(),
        ..Registry::default()
    };
    let config_path = root.join("registry.yaml");
    let mut files: Vec<(PathBuf, Kind)> = Vec::new();
    if config_path.is_file() {
        files.push((config_path, Kind::Config));
    } else {
        diags.push(
            Diagnostic::error(
                codes::MISSING_FILE,
                Msg::new("D018_missing"),
                "registry.yaml",
                Span::new(1, 1),
            )
            .with_hint(Msg::new("D018_missing_hint")),
        );
    }
    let t0 = std::time::Instant::now();
    let listed = cache.as_ref().and_then(|c| c.file_list());
    let (content, walk_diags) = listed.unwrap_or_else(|| {
        let mut walk_diags = Vec::new();
        let mut content: Vec<PathBuf> = walk_content(root, &mut walk_diags);
        content.sort();
        let content: Vec<(PathBuf, Kind)> = content
            .into_iter()
            .map(|abs| {
                let kind = classify(&rel_path(root, &abs));
                (abs, kind)
            })
            .collect();
        (content, walk_diags)
    });
    let walked = t0.elapsed();
    diags.extend(walk_diags.iter().cloned());
    let mut cache = cache;
    if let Some(c) = cache.as_deref_mut() {
        c.set_file_list((content.clone(), walk_diags));
    }
    files.extend(content);

    // Ids of every document file, decodable or not: references to a file
    // that has errors of its own resolve, so its errors are not repeated
    // as "unresolved" in every file that mentions it.
    for (_, kind) in &files {
        let (set, id) = match kind {
            Kind::Practice(id) => (&mut reg.file_ids.practices, id),
            Kind::Organization(id) => (&mut reg.file_ids.organizations, id),
            Kind::Rubric(id) => (&mut reg.file_ids.rubrics, id),
            _ => continue,
        };
        if is_valid_id(id) {
            set.insert(Id(id.clone()));
        }
    }

    let results: Vec<(Option<Item>, Vec<Diagnostic>)> = match cache.as_deref_mut() {
        None => files
            .into_par_iter()
            .map(|(abs, kind)| {
                let mut d = Vec::new();
                let item = load_file(root, &abs, kind, &mut d);
                (item, d)
            })
            .collect(),
        Some(cache) => cache.load(root, files),
    };

    let decoded = t0.elapsed();
    let mut pending = Vec::new();
    for (item, d) in results {
        diags.extend(d);
        match item {
            None => {}
            Some(Item::Translation(t)) => pending.push(*t),
            Some(Item::Config(c)) => reg.config = Some(c),
            Some(Item::Practice(doc, bundle)) => {
                if let Some(existing) = reg.practices.get(&doc.id) {
                    diags.push(
                        Diagnostic::error(
                            codes::DUPLICATE_FILE,
                            msg!(
                                "D017_also_defined",
                                id = doc.id.as_str(),
                                other = &existing.file
                            ),
                            &doc.file,
                            Span::new(1, 1),
                        )
                        .with_hint(Msg::new("D017_also_defined_hint")),
                    );
                    continue;
                }
                if let Some(dir) = bundle {
                    reg.bundle_dirs.insert(doc.id.clone(), dir);
                }
                reg.practices.insert(doc.id.clone(), doc);
            }
            Some(Item::Organization(doc)) => {
                reg.organizations.insert(doc.id.clone(), doc);
            }
            Some(Item::Review(r)) => reg.reviews.push(r),
            Some(Item::Taxonomy(t)) => {
                reg.taxonomies.insert(t.name.clone(), t);
            }
            // A scheme whose dimensions or levels did not all decode
            // cannot say which claims, rules and reviews name real ones:
            // its own errors are reported, and nothing is judged by it.
            Some(Item::Scheme(file, s)) if !s.is_broken("dimensions") && !s.is_broken("levels") => {
                reg.scheme = Some((file, s));
            }
            Some(Item::Scheme(..)) => {}
            Some(Item::Rubric(doc)) => {
                reg.rubrics.insert(doc.id.clone(), doc);
            }
        }
    }
    combine_translations(&mut reg, pending, diags, cache);
    if std::env::var_os("DOKAZ_TIMINGS").is_some() {
        eprintln!(
            "  load: walk {} ms, read or reuse {} ms, merge {} ms",
            walked.as_millis(),
            (decoded - walked).as_millis(),
            (t0.elapsed() - decoded).as_millis()
        );
    }
    reg
}

/// Combines each translation with its original (FORMAT.md §10.1) and
/// registers it, in path order.
fn combine_translations(
    reg: &mut Registry,
    pending: Vec<docs::PendingTranslation>,
    diags: &mut Vec<Diagnostic>,
    cache: Option<&mut Cache>,
) {
    use crate::syntax::decode::suggestion;
    let translation_ids: std::collections::BTreeMap<String, String> = pending
        .iter()
        .map(|t| (t.id.to_string(), t.original.0.clone()))
        .collect();
    // Checked in path order; the survivors are combined in parallel (each
    // reads and parses its original again: at 1,000 practices with 333
    // translations that was 0.3 s on one core) and registered in order.
    let mut ready = Vec::new();
    for t in pending {
        let (orig, at) = &t.original;
        let file = t.fm.file.clone();
        let err = |msg: Msg, hint: Option<Msg>| {
            Diagnostic::error(codes::TRANSLATION, msg, &file, *at).with_hint(hint)
        };
        if *orig == t.id.as_str() {
            diags.push(err(
                Msg::new("D019_of_itself"),
                Some(Msg::new("D019_of_itself_hint")),
            ));
            continue;
        }
        if let Some(its) = translation_ids.get(orig) {
            diags.push(err(
                msg!("D019_of_translation", original = orig, its = its),
                Some(msg!("D019_of_translation_hint", its = its)),
            ));
            continue;
        }
        if !reg.file_ids.practices.contains(&Id(orig.clone())) {
            let known: Vec<&str> = reg.practices.keys().map(Id::as_str).collect();
            diags.push(err(
                msg!("D019_no_original", original = orig),
                suggestion(orig, &known),
            ));
            continue;
        }
        let Some(original_file) = reg.practices.get(&Id(orig.clone())).map(|p| p.file.clone())
        else {
            // The original has errors of its own, reported in its file.
            continue;
        };
        ready.push((t, original_file));
    }
    let combined: Vec<_> = {
        use rayon::prelude::*;
        let root = &reg.root;
        let known = cache.as_deref();
        ready
            .into_par_iter()
            .map(|(t, original_file)| {
                // Stat first, then read (as the file cache does): a write
                // in between is caught by the next load.
                let files = cache::Pair::of(root.join(&t.fm.file), root.join(&original_file));
                if let Some((doc, d)) = known.and_then(|c| c.combined(&files)) {
                    return (t, doc, d, files, false);
                }
                let mut d = Vec::new();
                let doc = t
                    .combine(root, &original_file, &mut d)
                    .map(std::sync::Arc::new);
                (t, doc, d, files, true)
            })
            .collect()
    };
    if let Some(c) = cache {
        c.keep_combined(
            combined
                .iter()
                .map(|(_, doc, d, files, fresh)| (files, fresh.then_some((doc, d)))),
        );
    }
    // (original, language) → the first translation in it.
    let mut languages: std::collections::BTreeMap<(String, String), String> = Default::default();
    for (t, doc, d, ..) in combined {
        diags.extend(d);
        let orig = &t.original.0;
        let Some(doc) = doc else {
            continue;
        };
        if let Some(lang) = &doc.model.language {
            let key = (orig.clone(), lang.value.clone());
            if let Some(first) = languages.get(&key) {
                diags.push(
                    Diagnostic::error(
                        codes::TRANSLATION,
                        msg!(
                            "D019_second_translation",
                            first = first,
                            original = orig,
                            lang = &lang.value
                        ),
                        &doc.file,
                        lang.span,
                    )
                    .with_hint(Msg::new("D019_second_translation_hint")),
                );
                continue;
            }
            languages.insert(key, doc.id.to_string());
        }
        if reg.practices.contains_key(&doc.id) {
            continue;
        }
        if let Some(dir) = t.bundle {
            reg.bundle_dirs.insert(doc.id.clone(), dir);
        }
        reg.practices.insert(doc.id.clone(), doc);
    }
}

/// Every file under `content/`; symlinks only when they resolve to a file
/// inside the registry (content must not pull in files from elsewhere).
fn walk_content(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let root_canon = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    WalkDir::new(root.join("content"))
        .follow_links(false)
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_file() => Some(e.into_path()),
            Ok(e) if e.path_is_symlink() => {
                let inside = e
                    .path()
                    .canonicalize()
                    .is_ok_and(|t| t.starts_with(&root_canon) && t.is_file());
                if inside {
                    Some(e.into_path())
                } else {
                    diags.push(
                        Diagnostic::error(
                            source::codes::IO,
                            Msg::new("D001_bad_link"),
                            &rel_path(root, e.path()),
                            Span::new(1, 1),
                        )
                        .with_hint(Msg::new("D001_bad_link_hint")),
                    );
                    None
                }
            }
            Ok(_) => None,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(
                    source::codes::IO,
                    msg!("D001_cannot_walk", error = err.to_string()),
                    &path,
                    Span::new(1, 1),
                ));
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_load_equals_a_fresh_one_and_sees_changes() {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::copy(from.join("registry.yaml"), root.join("registry.yaml")).expect("copy");
        for e in WalkDir::new(from.join("content")) {
            let e = e.expect("walk");
            let rel = e.path().strip_prefix(from).expect("inside");
            if e.file_type().is_dir() {
                std::fs::create_dir_all(root.join(rel)).expect("mkdir");
            } else {
                std::fs::copy(e.path(), root.join(rel)).expect("copy");
            }
        }
        let fresh = |root: &Path| {
            let mut d = Vec::new();
            let reg = load(root, &mut d);
            (format!("{reg:?}"), d)
        };
        let cached = |root: &Path, cache: &mut Cache| {
            let mut d = Vec::new();
            let reg = load_cached(root, &mut d, cache);
            (format!("{reg:?}"), d)
        };
        let mut cache = Cache::default();
        assert_eq!(cached(root, &mut cache), fresh(root));
        assert!(!cache.is_empty());
        assert_eq!(cached(root, &mut cache), fresh(root), "from the cache");
        // An original changed: its translation, combined from both files,
        // is combined again (`started` is the original's to give).
        let original = root.join("content/practices/teplyi-dom/index.md");
        let text = std::fs::read_to_string(&original).expect("read");
        assert!(text.contains("\nstarted: 2011\n"));
        std::fs::write(
            &original,
            // A different length too: the stamp is length and time.
            text.replacen("\nstarted: 2011\n", "\nstarted: 2009 # was 2011\n", 1),
        )
        .expect("write");
        let mut d = Vec::new();
        let reg = load_cached(root, &mut d, &mut cache);
        let started = |reg: &Registry, id: &str| {
            format!("{:?}", reg.practices[&Id(id.into())].model.started.value)
        };
        assert!(
            started(&reg, "warm-home").contains("2009"),
            "{}",
            started(&reg, "warm-home")
        );
        assert_eq!((format!("{reg:?}"), d), fresh(root));
        // The translation changed: combined again, too.
        let translation = root.join("content/practices/warm-home/index.md");
        let text = std::fs::read_to_string(&translation).expect("read");
        std::fs::write(
            &translation,
            text.replacen("title: \"", "title: \"Changed ", 1),
        )
        .expect("write");
        let (after, _) = cached(root, &mut cache);
        assert!(after.contains("Changed Warm Home"), "the new title");
        assert_eq!(after, fresh(root).0);
        // A changed file (different length) and a broken one.
        let p = root.join("content/practices/mother-house.md");
        let text = std::fs::read_to_string(&p).expect("read");
        std::fs::write(&p, text.replacen("title: \"", "title: \"Changed ", 1)).expect("write");
        let (after, _) = cached(root, &mut cache);
        assert!(after.contains("Changed Mother House"));
        assert_eq!(after, fresh(root).0);
        std::fs::write(&p, "---\ntitle: [\n").expect("write");
        cache.forget(&p);
        let (broken, d) = cached(root, &mut cache);
        assert_eq!((broken, d.clone()), fresh(root));
        assert!(!d.is_empty());
        // A file removed leaves the cache (once the list is walked again:
        // serve forgets the list when files may have come or gone).
        let before = cache.len();
        std::fs::remove_file(&p).expect("rm");
        cache.forget_file_list();
        assert_eq!(cached(root, &mut cache), fresh(root));
        assert_eq!(cache.len(), before - 1);
    }
}
