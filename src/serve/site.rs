//! The site as `dokaz serve` holds it: every output file in memory, keyed
//! by its path, and how it is brought up to date after an edit.
//!
//! Memory, not a folder: the user's `output/` is never touched, nothing is
//! left behind on a crash, and an update is a swap of one map for another
//! (readers see the old site or the new one, never half of each). The cost
//! is memory: the whole site's bytes (≈5 MB for the example; at 10,000
//! long practices several GB, see the README's figures).

use super::deps::{self, Input};
use crate::model::Registry;
use crate::render::{self, Content, Options, OutFile, Sink};
use axum::body::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

pub type Files = HashMap<String, Bytes>;

/// Collects rendered files into a map. Attachments are read here, once
/// per render that wants them.
#[derive(Default)]
struct MemSink {
    files: Mutex<Files>,
}

impl Sink for MemSink {
    fn put(&self, file: OutFile) -> Result<(), String> {
        let bytes = match file.content {
            Content::Bytes(b) => Bytes::from(fitted(b)),
            Content::Copy(from) => Bytes::from(
                std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?,
            ),
        };
        self.files
            .lock()
            .map_err(|_| "a render thread panicked".to_owned())?
            .insert(file.path, bytes);
        Ok(())
    }
}

/// `b` without the spare capacity its growth left (a page rendered into
/// a growing buffer ends up to twice its length): the preview keeps every
/// file for as long as it runs, so the slack would be held too.
fn fitted(mut b: Vec<u8>) -> Vec<u8> {
    if b.capacity() - b.len() > b.len() / 16 {
        b.shrink_to_fit();
    }
    b
}

impl MemSink {
    fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The UI languages of a registry (the prefixes of output paths).
pub fn languages(reg: &Registry) -> Vec<String> {
    reg.config
        .as_ref()
        .map(|c| c.languages().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Renders the whole site into memory.
pub fn full(reg: &Registry, opts: &Options) -> Result<Files, String> {
    let sink = MemSink::default();
    render::render(reg, opts, &sink)?;
    Ok(sink.into_files())
}

/// The result of bringing the site up to date.
pub struct Update {
    pub files: Files,
    /// Output paths added, removed or whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Whether everything was rendered again.
    pub full: bool,
    /// How many files were rendered.
    pub rendered: usize,
}

/// Brings `prev` (the site of the registry `old`) up to date with `new`,
/// after the files behind `inputs` changed: only the affected keys are
/// rendered, the rest of the map is kept.
pub fn update(
    prev: &Files,
    old: &Registry,
    new: &Registry,
    inputs: &BTreeSet<Input>,
    opts: &Options,
) -> Result<Update, String> {
    apply(
        prev,
        &deps::affected(inputs, old, new, opts.drafts),
        new,
        opts,
    )
}

/// Renders the keys of `affected` for `new` over `prev`.
pub fn apply(
    prev: &Files,
    affected: &deps::Affected,
    new: &Registry,
    opts: &Options,
) -> Result<Update, String> {
    let langs = languages(new);
    if affected.all {
        let files = full(new, opts)?;
        let mut changed: Vec<String> = files
            .iter()
            .filter(|(k, v)| prev.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(prev.keys().filter(|k| !files.contains_key(*k)).cloned())
            .collect();
        changed.sort();
        return Ok(Update {
            rendered: files.len(),
            files,
            changed,
            full: true,
        });
    }
    let wanted = |path: &str| affected.contains(&deps::page_key(path, &langs));
    let sink = MemSink::default();
    render::render_only(new, opts, &sink, &wanted)?;
    let fresh = sink.into_files();
    let mut files = prev.clone();
    // Files of the affected keys that the new render no longer produces
    // (a pager page fewer) go; the rest are replaced.
    let stale: Vec<String> = files
        .keys()
        .filter(|k| wanted(k) && !fresh.contains_key(*k))
        .cloned()
        .collect();
    let mut changed = stale.clone();
    for k in &stale {
        files.remove(k);
    }
    let rendered = fresh.len();
    for (k, v) in fresh {
        if files.get(&k) != Some(&v) {
            changed.push(k.clone());
            files.insert(k, v);
        }
    }
    changed.sort();
    Ok(Update {
        files,
        changed,
        full: false,
        rendered,
    })
}

/// The URL path a browser shows for an output path (`a/index.html` → `/a/`).
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::Date;
    use std::path::Path;

    #[test]
    fn kept_files_hold_no_slack() {
        let mut grown = Vec::with_capacity(4096);
        grown.extend_from_slice(b"<p>page</p>");
        let kept = fitted(grown);
        assert_eq!(kept, b"<p>page</p>");
        assert!(kept.capacity() < 4096, "capacity {}", kept.capacity());
        // Little slack is left alone (no copy for a few bytes).
        let mut near = Vec::with_capacity(1024);
        near.resize(1000, b'x');
        assert_eq!(fitted(near).capacity(), 1024);
    }

    fn opts() -> Options {
        Options {
            drafts: false,
            base_url: "http://127.0.0.1:1111".into(),
            today: Date::parse("2024-06-01").expect("a date"),
            progress: false,
        }
    }

    fn copy_example(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(from.join("registry.yaml"), to.join("registry.yaml")).expect("copy");
        for e in walkdir::WalkDir::new(from.join("content")) {
            let e = e.expect("walk");
            let rel = e.path().strip_prefix(from).expect("inside");
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).expect("mkdir");
            } else {
                std::fs::copy(e.path(), to.join(rel)).expect("copy");
            }
        }
    }

    fn load(root: &Path) -> Registry {
        let (reg, diags) = crate::check(root, opts().today);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == crate::syntax::diag::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        reg
    }

    fn edit(root: &Path, rel: &str, from: &str, to: &str) {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{rel} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }

    /// Applies an edit, updates the site incrementally and checks it
    /// against a fresh full render, byte for byte.
    fn same_bytes_after(root: &Path, rel: &str, from: &str, to: &str) -> Update {
        let old = load(root);
        let before = full(&old, &opts()).expect("render");
        edit(root, rel, from, to);
        let new = load(root);
        let inputs = BTreeSet::from([deps::input_of(rel)]);
        let up = update(&before, &old, &new, &inputs, &opts()).expect("update");
        let fresh = full(&new, &opts()).expect("render");
        let mut missing: Vec<&String> = fresh
            .keys()
            .filter(|k| !up.files.contains_key(*k))
            .collect();
        missing.sort();
        let mut extra: Vec<&String> = up
            .files
            .keys()
            .filter(|k| !fresh.contains_key(*k))
            .collect();
        extra.sort();
        let mut differ: Vec<&String> = fresh
            .iter()
            .filter(|(k, v)| up.files.get(*k).is_some_and(|u| u != *v))
            .map(|(k, _)| k)
            .collect();
        differ.sort();
        assert!(
            missing.is_empty() && extra.is_empty() && differ.is_empty(),
            "after editing {rel}: missing {missing:?}, extra {extra:?}, differ {differ:?}"
        );
        assert!(!up.changed.is_empty(), "the edit changed nothing");
        up
    }

    #[test]
    fn incremental_equals_full_after_a_practice_edit() {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example(dir.path());
        // The original: its page, and its translation's (which takes
        // the original's facts, and names it in its redirect).
        let rel = "content/practices/teplyi-dom/index.md";
        let up = same_bytes_after(
            dir.path(),
            rel,
            "title: \"«Тёплый дом»",
            "title: \"«Тёплый дом» (правка)",
        );
        assert!(!up.full, "a title edit is incremental");
        assert!(
            up.changed
                .contains(&"practices/teplyi-dom/index.html".to_owned())
        );
        assert!(
            up.changed
                .contains(&"practices/warm-home/index.html".to_owned())
        );
        // The translation.
        let up = same_bytes_after(
            dir.path(),
            "content/practices/warm-home/index.md",
            "title: 'Warm Home",
            "title: 'Edited Warm Home",
        );
        assert!(
            up.changed
                .contains(&"en/practices/warm-home/index.html".to_owned())
        );
        assert!(
            !up.changed
                .iter()
                .any(|p| p.starts_with("practices/mother-house/"))
        );
        assert!(
            up.rendered < up.files.len() / 2,
            "{} of {}",
            up.rendered,
            up.files.len()
        );
    }

    #[test]
    fn incremental_equals_full_after_a_region_and_body_edit() {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example(dir.path());
        let rel = "content/practices/teplyi-dom/index.md";
        // Leaves moscow-oblast: its region page loses the practice.
        let up = same_bytes_after(
            dir.path(),
            rel,
            "regions: [moscow, moscow-oblast]",
            "regions: [moscow]",
        );
        assert!(!up.full);
        let body = std::fs::read_to_string(dir.path().join(rel)).expect("read");
        let last = body.lines().last().unwrap_or("").to_owned();
        same_bytes_after(
            dir.path(),
            rel,
            &last,
            &format!("{last}\n\nA new paragraph."),
        );
    }

    #[test]
    fn incremental_equals_full_after_review_and_organization_edits() {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example(dir.path());
        let review = walkdir::WalkDir::new(dir.path().join("content/reviews/teplyi-dom"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_type().is_file())
            .expect("a review of teplyi-dom");
        let rel = review
            .path()
            .strip_prefix(dir.path())
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        // The practice's verified levels change (its card, both its
        // pages, the dashboard, the evidence distribution).
        let up = same_bytes_after(
            dir.path(),
            &rel,
            "data_validity: advanced",
            "data_validity: basic",
        );
        assert!(
            up.changed
                .contains(&"en/practices/warm-home/index.html".to_owned())
        );
        assert!(!up.full);
        same_bytes_after(
            dir.path(),
            "content/organizations/otkazniki.md",
            "\n---\n",
            "\n---\n\nAn added sentence.\n",
        );
    }

    #[test]
    fn the_practice_first_then_the_rest_equals_full() {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example(dir.path());
        let old = load(dir.path());
        let before = full(&old, &opts()).expect("render");
        let rel = "content/practices/teplyi-dom/index.md";
        edit(
            dir.path(),
            rel,
            "regions: [moscow, moscow-oblast]",
            "regions: [moscow]",
        );
        let new = load(dir.path());
        let inputs = BTreeSet::from([deps::input_of(rel)]);
        let all = deps::affected(&inputs, &old, &new, false);
        let (first, rest) = all.split_own(&inputs);
        assert!(first.contains(&deps::PageKey::Practice("teplyi-dom".into())));
        assert!(!first.contains(&deps::PageKey::Catalogue));
        assert!(!rest.contains(&deps::PageKey::Practice("teplyi-dom".into())));
        let one = apply(&before, &first, &new, &opts()).expect("first");
        assert!(
            one.changed
                .contains(&"practices/teplyi-dom/index.html".to_owned())
        );
        assert!(one.rendered < 10, "{}", one.rendered);
        let two = apply(&one.files, &rest, &new, &opts()).expect("rest");
        let want = full(&new, &opts()).expect("render");
        let differ: Vec<&String> = want
            .keys()
            .chain(two.files.keys())
            .filter(|k| want.get(*k) != two.files.get(*k))
            .collect();
        assert!(differ.is_empty(), "differ after both steps: {differ:?}");
    }

    #[test]
    fn a_renamed_practice_renders_everything_and_drops_its_pages() {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_example(dir.path());
        let old = load(dir.path());
        let before = full(&old, &opts()).expect("render");
        std::fs::rename(
            dir.path().join("content/practices/mother-house.md"),
            dir.path().join("content/practices/mother-house-2.md"),
        )
        .expect("rename");
        let new = load(dir.path());
        let inputs = BTreeSet::from([
            Input::Practice("mother-house".into()),
            Input::Practice("mother-house-2".into()),
        ]);
        let up = update(&before, &old, &new, &inputs, &opts()).expect("update");
        assert!(up.full);
        assert!(!up.files.contains_key("practices/mother-house/index.html"));
        assert!(up.files.contains_key("practices/mother-house-2/index.html"));
        assert!(
            up.changed
                .contains(&"practices/mother-house/index.html".to_owned())
        );
        assert_eq!(up.files, full(&new, &opts()).expect("render"));
    }

    #[test]
    fn every_output_file_has_a_known_key() {
        // A file under PageKey::Other would never be rendered again by an
        // incremental update: every kind of output must have its key.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let reg = load(root);
        let langs = languages(&reg);
        let files = full(&reg, &opts()).expect("render");
        let other: Vec<&String> = files
            .keys()
            .filter(|p| matches!(deps::page_key(p, &langs), deps::PageKey::Other(_)))
            .collect();
        assert!(other.is_empty(), "{other:?}");
    }

    #[test]
    fn urls_of_paths() {
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("en/practices/x/index.html"), "/en/practices/x/");
        assert_eq!(url_of("feed.xml"), "/feed.xml");
    }
}
