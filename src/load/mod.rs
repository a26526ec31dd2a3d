//! Loading a registry from disk: walk `content/`, read every file, split
//! front matter, parse YAML with positions, decode the typed model.
//!
//! Loading never stops at the first problem: each file is read on its own
//! and every diagnostic is collected, so one `dokaz check` run tells an
//! author everything that is wrong in every file.

use crate::model::common::{Date, Id, is_valid_id};
use crate::model::{self, Doc, Registry, ReviewDoc};
use crate::syntax::diag::{Diagnostic, Span};
use crate::syntax::{decode, source, yaml};
use decode::{Cx, Decode};
use source::{SourceFile, rel_path, split_front_matter};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub mod codes {
    /// A file name that is not a valid id, or a review file name that is
    /// not `<YYYY-MM-DD>-<reviewer-id>.yaml`.
    pub const FILE_NAME: &str = "D014";
    /// A file in `content/` that dokaz does not know what to do with.
    pub const UNEXPECTED_FILE: &str = "D015";
    /// The front matter of a Markdown file is missing or not closed.
    pub const FRONT_MATTER: &str = "D016";
    /// Two files define the same practice.
    pub const DUPLICATE_FILE: &str = "D017";
    /// registry.yaml is missing.
    pub const MISSING_FILE: &str = "D018";
}

/// What a path under `content/` is.
#[derive(Debug, PartialEq, Clone)]
enum Kind {
    Config,
    Practice(String),
    Organization(String),
    Review {
        practice: String,
        stem: String,
    },
    Taxonomy(String),
    Evidence,
    Rubric(String),
    /// A file attached to a practice bundle.
    Attachment,
    Ignored,
    Unexpected,
}

/// File names the loader skips silently: hidden files and editors'
/// swap, backup and temporary files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

fn classify(rel: &str) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    if is_ignored_name(name) {
        return Kind::Ignored;
    }
    let stem = |s: &str, ext: &str| s.strip_suffix(ext).map(str::to_owned);
    match parts.as_slice() {
        ["content", "evidence.yaml"] => Kind::Evidence,
        ["content", "practices", f] => stem(f, ".md").map_or(Kind::Unexpected, Kind::Practice),
        ["content", "practices", dir, "index.md"] => Kind::Practice((*dir).to_owned()),
        ["content", "practices", _, ..] => Kind::Attachment,
        ["content", "organizations", f] => {
            stem(f, ".md").map_or(Kind::Unexpected, Kind::Organization)
        }
        ["content", "reviews", p, f] => {
            stem(f, ".yaml").map_or(Kind::Unexpected, |s| Kind::Review {
                practice: (*p).to_owned(),
                stem: s,
            })
        }
        ["content", "taxonomies", f] => stem(f, ".yaml").map_or(Kind::Unexpected, Kind::Taxonomy),
        ["content", "rubrics", f] => stem(f, ".yaml").map_or(Kind::Unexpected, Kind::Rubric),
        _ => Kind::Unexpected,
    }
}

/// One file's contribution to the registry.
#[derive(Clone)]
enum Item {
    Config(model::registry::RegistryConfig),
    Practice(Box<Doc<model::practice::Practice>>, Option<PathBuf>),
    Organization(Doc<model::organization::Organization>),
    Review(ReviewDoc),
    Taxonomy(model::taxonomy::Taxonomy),
    Scheme(String, model::evidence::Scheme),
    Rubric(Doc<model::rubric::Rubric>),
}

/// Loads the registry at `root`. Problems are appended to `diags`; the
/// returned registry holds everything that could be decoded.
///
/// Files are read, parsed and decoded in parallel (each on its own, with
/// its own diagnostics), then merged in sorted path order, so the result
/// does not depend on scheduling.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Registry {
    load_inner(root, diags, None)
}

/// What was loaded from each file, kept between loads by `dokaz serve`
/// so that only files that changed are read and decoded again. A file is
/// loaded again when its size or modification time differ, or when the
/// watcher said it changed ([`Cache::forget`]): stat first, then read, so
/// a write between the two is caught by the next load.
#[derive(Default)]
pub struct Cache {
    files: std::collections::HashMap<PathBuf, Cached>,
    /// The files under `content/` (sorted, classified) and the walk's own
    /// diagnostics: walking 10,000 practice folders takes ~0.4 s, and a
    /// save of an existing file does not change the list.
    list: Option<FileList>,
}

/// The classified files under `content/` and the walk's diagnostics.
type FileList = (Vec<(PathBuf, Kind)>, Vec<Diagnostic>);

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
            Diagnostic::error(codes::MISSING_FILE, "registry.yaml is missing", "registry.yaml", Span::new(1, 1))
                .with_hint("a registry's root folder holds registry.yaml and content/; `dokaz init DIR` creates one"),
        );
    }
    let t0 = std::time::Instant::now();
    let listed = cache.as_ref().and_then(|c| c.list.clone());
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
        c.list = Some((content.clone(), walk_diags));
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

    let results: Vec<(Option<Item>, Vec<Diagnostic>)> = match cache {
        None => files
            .into_par_iter()
            .map(|(abs, kind)| {
                let mut d = Vec::new();
                let item = load_file(root, &abs, kind, &mut d);
                (item, d)
            })
            .collect(),
        Some(cache) => {
            let known = &cache.files;
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
            let present: std::collections::HashSet<&PathBuf> =
                loaded.iter().map(|(p, ..)| p).collect();
            cache.files.retain(|p, _| present.contains(p));
            let mut out = Vec::with_capacity(loaded.len());
            for (abs, item, d, fresh) in loaded {
                if let Some(c) = fresh {
                    cache.files.insert(abs, c);
                }
                out.push((item, d));
            }
            out
        }
    };

    let decoded = t0.elapsed();
    for (item, d) in results {
        diags.extend(d);
        match item {
            None => {}
            Some(Item::Config(c)) => reg.config = Some(c),
            Some(Item::Practice(doc, bundle)) => {
                if let Some(existing) = reg.practices.get(&doc.id) {
                    diags.push(
                        Diagnostic::error(
                            codes::DUPLICATE_FILE,
                            format!("the practice `{}` is also defined in {}", doc.id, existing.file),
                            &doc.file,
                            Span::new(1, 1),
                        )
                        .with_hint("a practice is either practices/<id>.md or practices/<id>/index.md, not both"),
                    );
                    continue;
                }
                if let Some(dir) = bundle {
                    reg.bundle_dirs.insert(doc.id.clone(), dir);
                }
                reg.practices.insert(doc.id.clone(), *doc);
            }
            Some(Item::Organization(doc)) => {
                reg.organizations.insert(doc.id.clone(), doc);
            }
            Some(Item::Review(r)) => reg.reviews.push(r),
            Some(Item::Taxonomy(t)) => {
                reg.taxonomies.insert(t.name.clone(), t);
            }
            Some(Item::Scheme(file, s)) => reg.scheme = Some((file, s)),
            Some(Item::Rubric(doc)) => {
                reg.rubrics.insert(doc.id.clone(), doc);
            }
        }
    }
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
                            "this symbolic link points to nothing, or outside the registry",
                            &rel_path(root, e.path()),
                            Span::new(1, 1),
                        )
                        .with_hint("replace the link with the file itself"),
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
                    format!("cannot read: {err}"),
                    &path,
                    Span::new(1, 1),
                ));
                None
            }
        })
        .collect()
}

fn load_file(root: &Path, abs: &Path, kind: Kind, diags: &mut Vec<Diagnostic>) -> Option<Item> {
    let rel = rel_path(root, abs);
    match kind {
        Kind::Config => {
            let (node, src) = read_yaml(root, abs, diags)?;
            let mut cx = Cx {
                file: &src.rel,
                diags,
            };
            model::registry::RegistryConfig::decode(&node, &mut cx).map(Item::Config)
        }
        Kind::Practice(id) => {
            let (id, fm) = read_markdown(root, abs, &id, diags)?;
            let mut cx = Cx {
                file: &fm.file,
                diags,
            };
            let m = model::practice::Practice::decode(&fm.node, &mut cx)?;
            let bundle = abs
                .file_name()
                .is_some_and(|n| n == "index.md")
                .then(|| abs.parent().map(Path::to_path_buf))
                .flatten();
            Some(Item::Practice(Box::new(fm.into_doc(id?, m)), bundle))
        }
        Kind::Organization(id) => {
            let (id, fm) = read_markdown(root, abs, &id, diags)?;
            let mut cx = Cx {
                file: &fm.file,
                diags,
            };
            let m = model::organization::Organization::decode(&fm.node, &mut cx)?;
            Some(Item::Organization(fm.into_doc(id?, m)))
        }
        Kind::Review { practice, stem } => {
            load_review(root, abs, practice, stem, diags).map(Item::Review)
        }
        Kind::Taxonomy(name) => {
            let (node, src) = read_yaml(root, abs, diags)?;
            if !model::taxonomy::KNOWN.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::warning(
                        codes::UNEXPECTED_FILE,
                        format!("`{name}` is not one of the taxonomies practices refer to; it is checked but not used"),
                        &src.rel,
                        Span::new(1, 1),
                    )
                    .with_hint(decode::suggestion(&name, model::taxonomy::KNOWN)),
                );
            }
            let mut cx = Cx {
                file: &src.rel,
                diags,
            };
            let terms = Vec::<model::taxonomy::Term>::decode(&node, &mut cx)?;
            Some(Item::Taxonomy(model::taxonomy::Taxonomy::new(
                name, src.rel, terms,
            )))
        }
        Kind::Evidence => {
            let (node, src) = read_yaml(root, abs, diags)?;
            let mut cx = Cx {
                file: &src.rel,
                diags,
            };
            let s = model::evidence::Scheme::decode(&node, &mut cx)?;
            Some(Item::Scheme(src.rel, s))
        }
        Kind::Rubric(id) => {
            let id = checked_id(&id, &rel, diags);
            let (node, src) = read_yaml(root, abs, diags)?;
            let mut cx = Cx {
                file: &src.rel,
                diags,
            };
            let m = model::rubric::Rubric::decode(&node, &mut cx)?;
            Some(Item::Rubric(Doc {
                id: id?,
                file: src.rel,
                model: m,
                body: String::new(),
                body_line: 1,
                placeholders: Vec::new(),
            }))
        }
        Kind::Attachment | Kind::Ignored => None,
        Kind::Unexpected => {
            diags.push(
                Diagnostic::warning(codes::UNEXPECTED_FILE, "dokaz does not know this file; it is ignored", &rel, Span::new(1, 1))
                    .with_hint(
                        "practices are content/practices/<id>.md, organizations content/organizations/<id>.md, \
                         reviews content/reviews/<practice-id>/<YYYY-MM-DD>-<reviewer-id>.yaml",
                    ),
            );
            None
        }
    }
}

/// Validates an id taken from a file name.
fn checked_id(id: &str, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Id> {
    if is_valid_id(id) {
        return Some(Id(id.to_owned()));
    }
    let slug = crate::translit::slugify(id);
    diags.push(
        Diagnostic::error(
            codes::FILE_NAME,
            format!("the file name `{id}` is not a valid id"),
            rel,
            Span::new(1, 1),
        )
        .with_hint(format!(
            "ids are lowercase latin letters, digits and single hyphens; rename the file to `{slug}`"
        )),
    );
    None
}

fn read_source(root: &Path, abs: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    SourceFile::read(root, abs).map_err(|d| diags.push(d)).ok()
}

fn yaml_error(file: &str, e: yaml::YamlError) -> Diagnostic {
    Diagnostic::error(e.code, e.message, file, e.span).with_hint(e.hint)
}

/// Reads a plain YAML file into a node tree.
fn read_yaml(
    root: &Path,
    abs: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(yaml::Node, SourceFile)> {
    let src = read_source(root, abs, diags)?;
    match yaml::parse(&src.text, 1) {
        Ok(node) => Some((node, src)),
        Err(e) => {
            diags.push(yaml_error(&src.rel, e));
            None
        }
    }
}

struct FrontMatterDoc {
    file: String,
    node: yaml::Node,
    body: String,
    body_line: u32,
    placeholders: Vec<Span>,
}

impl FrontMatterDoc {
    fn into_doc<T>(self, id: Id, model: T) -> Doc<T> {
        Doc {
            id,
            file: self.file,
            model,
            body: self.body,
            body_line: self.body_line,
            placeholders: self.placeholders,
        }
    }
}

/// Reads a Markdown file with front matter. An invalid file name is
/// reported and returned as `None` in the pair: the caller still decodes
/// the front matter (and reports its problems) but registers nothing.
fn read_markdown(
    root: &Path,
    abs: &Path,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Option<Id>, FrontMatterDoc)> {
    let rel = rel_path(root, abs);
    let id = checked_id(id, &rel, diags);
    let src = read_source(root, abs, diags)?;
    let fm = match split_front_matter(&src.text) {
        Ok(fm) => fm,
        Err((span, msg, hint)) => {
            diags.push(Diagnostic::error(codes::FRONT_MATTER, msg, &src.rel, span).with_hint(hint));
            return None;
        }
    };
    let node = match yaml::parse(fm.yaml, fm.yaml_line) {
        Ok(n) => n,
        Err(e) => {
            diags.push(yaml_error(&src.rel, e));
            return None;
        }
    };
    let doc = FrontMatterDoc {
        placeholders: source::placeholders(&src.text),
        file: src.rel.clone(),
        node,
        body: fm.body.to_owned(),
        body_line: fm.body_line,
    };
    Some((id, doc))
}

fn load_review(
    root: &Path,
    abs: &Path,
    practice: String,
    stem: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<ReviewDoc> {
    let rel = rel_path(root, abs);
    let date_ok = stem.get(..10).and_then(Date::parse).is_some();
    let reviewer = stem.get(11..).unwrap_or("");
    if !date_ok || stem.as_bytes().get(10) != Some(&b'-') || !is_valid_id(reviewer) {
        diags.push(
            Diagnostic::error(
                codes::FILE_NAME,
                format!(
                    "the review file name `{stem}.yaml` is not `<YYYY-MM-DD>-<reviewer-id>.yaml`"
                ),
                &rel,
                Span::new(1, 1),
            )
            .with_hint("for example 2021-03-15-i-petrova.yaml"),
        );
    }
    let (node, src) = read_yaml(root, abs, diags)?;
    let mut cx = Cx {
        file: &src.rel,
        diags,
    };
    let m = model::review::Review::decode(&node, &mut cx)?;
    Some(ReviewDoc {
        practice: Id(practice),
        reviewer_id: reviewer.to_owned(),
        placeholders: source::placeholders(&src.text),
        file: src.rel,
        model: m,
    })
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

    #[test]
    fn classifies_paths() {
        assert_eq!(
            classify("content/practices/a.md"),
            Kind::Practice("a".into())
        );
        assert_eq!(
            classify("content/practices/a/index.md"),
            Kind::Practice("a".into())
        );
        assert_eq!(classify("content/practices/a/doc.pdf"), Kind::Attachment);
        assert_eq!(classify("content/practices/.a.md.swp"), Kind::Ignored);
        assert_eq!(classify("content/practices/a.txt"), Kind::Unexpected);
        assert!(matches!(
            classify("content/reviews/a/2020-01-01-x.yaml"),
            Kind::Review { .. }
        ));
    }
}
