//! Loading a registry from disk: walk `content/`, read every file, split
//! front matter, parse YAML with positions, decode the typed model.
//!
//! Loading never stops at the first problem: each file is read on its own
//! and every diagnostic is collected, so one `dokaz check` run tells an
//! author everything that is wrong in every file.

pub mod decode;
pub mod source;
pub mod yaml;

use crate::diag::{Diagnostic, Span};
use crate::model::common::{Date, Id, is_valid_id};
use crate::model::{self, Doc, Registry, ReviewDoc};
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
#[derive(Debug, PartialEq)]
enum Kind {
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

fn classify(rel: &str) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
    {
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

/// Loads the registry at `root`. Problems are appended to `diags`; the
/// returned registry holds everything that could be decoded.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Registry {
    let mut reg = Registry {
        root: root.to_path_buf(),
        ..Registry::default()
    };
    let config_path = root.join("registry.yaml");
    if config_path.is_file() {
        if let Some((node, src)) = read_yaml(root, &config_path, diags, &mut reg) {
            let mut cx = Cx { file: &src, diags };
            reg.config = model::registry::RegistryConfig::decode(&node, &mut cx);
        }
    } else {
        diags.push(
            Diagnostic::error(codes::MISSING_FILE, "registry.yaml is missing", "registry.yaml", Span::new(1, 1))
                .with_hint("a registry's root folder holds registry.yaml and content/; `dokaz init DIR` creates one"),
        );
    }

    let content = root.join("content");
    let mut files: Vec<PathBuf> = WalkDir::new(&content)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| match e {
            Ok(e) if e.file_type().is_file() => Some(e.into_path()),
            // A symlink is read only if it resolves to a file inside the
            // registry: content must not pull in files from elsewhere.
            Ok(e) if e.path_is_symlink() => {
                let rel = rel_path(root, e.path());
                let inside = match (e.path().canonicalize(), root.canonicalize()) {
                    (Ok(t), Ok(r)) => t.starts_with(r) && t.is_file(),
                    _ => false,
                };
                if inside {
                    Some(e.into_path())
                } else {
                    diags.push(
                        Diagnostic::error(
                            source::codes::IO,
                            "this symbolic link points to nothing, or outside the registry",
                            &rel,
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
        .collect();
    files.sort();

    for abs in files {
        let rel = rel_path(root, &abs);
        match classify(&rel) {
            Kind::Practice(id) => load_practice(root, &abs, id, diags, &mut reg),
            Kind::Organization(id) => {
                if let Some((id, fm)) = read_markdown(root, &abs, &id, diags, &mut reg) {
                    let mut cx = Cx { file: &fm.file, diags };
                    let m = model::organization::Organization::decode(&fm.node, &mut cx);
                    if let (Some(id), Some(m)) = (id, m) {
                        reg.organizations.insert(id.clone(), fm.into_doc(id, m));
                    }
                }
            }
            Kind::Review { practice, stem } => load_review(root, &abs, practice, stem, diags, &mut reg),
            Kind::Taxonomy(name) => {
                if let Some((node, file)) = read_yaml(root, &abs, diags, &mut reg) {
                    if !model::taxonomy::KNOWN.contains(&name.as_str()) {
                        diags.push(
                            Diagnostic::warning(
                                codes::UNEXPECTED_FILE,
                                format!("`{name}` is not one of the taxonomies practices refer to; it is checked but not used"),
                                &file,
                                Span::new(1, 1),
                            )
                            .with_hint(decode::suggestion(&name, model::taxonomy::KNOWN)),
                        );
                    }
                    let mut cx = Cx { file: &file, diags };
                    if let Some(terms) = Vec::<model::taxonomy::Term>::decode(&node, &mut cx) {
                        reg.taxonomies.insert(name.clone(), model::taxonomy::Taxonomy::new(name, file, terms));
                    }
                }
            }
            Kind::Evidence => {
                if let Some((node, file)) = read_yaml(root, &abs, diags, &mut reg) {
                    let mut cx = Cx { file: &file, diags };
                    if let Some(s) = model::evidence::Scheme::decode(&node, &mut cx) {
                        reg.scheme = Some((file, s));
                    }
                }
            }
            Kind::Rubric(id) => {
                let Some(id) = checked_id(&id, &rel, diags) else { continue };
                if let Some((node, file)) = read_yaml(root, &abs, diags, &mut reg) {
                    let mut cx = Cx { file: &file, diags };
                    if let Some(m) = model::rubric::Rubric::decode(&node, &mut cx) {
                        reg.rubrics.insert(
                            id.clone(),
                            Doc {
                                id,
                                file,
                                model: m,
                                body: String::new(),
                                body_line: 1,
                            },
                        );
                    }
                }
            }
            Kind::Attachment | Kind::Ignored => {}
            Kind::Unexpected => diags.push(
                Diagnostic::warning(codes::UNEXPECTED_FILE, "dokaz does not know this file; it is ignored", &rel, Span::new(1, 1))
                    .with_hint(
                        "practices are content/practices/<id>.md, organizations content/organizations/<id>.md, \
                         reviews content/reviews/<practice-id>/<YYYY-MM-DD>-<reviewer-id>.yaml",
                    ),
            ),
        }
    }
    reg
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

fn read_source(
    root: &Path,
    abs: &Path,
    diags: &mut Vec<Diagnostic>,
    reg: &mut Registry,
) -> Option<String> {
    match SourceFile::read(root, abs) {
        Ok(src) => {
            let rel = src.rel.clone();
            reg.sources.insert(rel.clone(), src);
            Some(rel)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn yaml_error(file: &str, e: yaml::YamlError) -> Diagnostic {
    Diagnostic::error(e.code, e.message, file, e.span).with_hint(e.hint)
}

/// Reads a plain YAML file into a node tree.
fn read_yaml(
    root: &Path,
    abs: &Path,
    diags: &mut Vec<Diagnostic>,
    reg: &mut Registry,
) -> Option<(yaml::Node, String)> {
    let rel = read_source(root, abs, diags, reg)?;
    let text = &reg.sources[&rel].text;
    match yaml::parse(text, 1) {
        Ok(node) => Some((node, rel)),
        Err(e) => {
            diags.push(yaml_error(&rel, e));
            None
        }
    }
}

struct FrontMatterDoc {
    file: String,
    node: yaml::Node,
    body: String,
    body_line: u32,
}

impl FrontMatterDoc {
    fn into_doc<T>(self, id: Id, model: T) -> Doc<T> {
        Doc {
            id,
            file: self.file,
            model,
            body: self.body,
            body_line: self.body_line,
        }
    }
}

fn read_markdown(
    root: &Path,
    abs: &Path,
    id: &str,
    diags: &mut Vec<Diagnostic>,
    reg: &mut Registry,
) -> Option<(Option<Id>, FrontMatterDoc)> {
    let rel = rel_path(root, abs);
    let id = checked_id(id, &rel, diags);
    let rel = read_source(root, abs, diags, reg)?;
    let text = &reg.sources[&rel].text;
    let fm = match split_front_matter(text) {
        Ok(fm) => fm,
        Err((span, msg, hint)) => {
            diags.push(Diagnostic::error(codes::FRONT_MATTER, msg, &rel, span).with_hint(hint));
            return None;
        }
    };
    let node = match yaml::parse(fm.yaml, fm.yaml_line) {
        Ok(n) => n,
        Err(e) => {
            diags.push(yaml_error(&rel, e));
            return None;
        }
    };
    let doc = FrontMatterDoc {
        file: rel,
        node,
        body: fm.body.to_owned(),
        body_line: fm.body_line,
    };
    // An invalid file name is reported; the caller still decodes the front
    // matter (and reports its problems) but does not register the document.
    Some((id, doc))
}

fn load_practice(
    root: &Path,
    abs: &Path,
    id: String,
    diags: &mut Vec<Diagnostic>,
    reg: &mut Registry,
) {
    let Some((id, fm)) = read_markdown(root, abs, &id, diags, reg) else {
        return;
    };
    let mut cx = Cx {
        file: &fm.file,
        diags,
    };
    let Some(m) = model::practice::Practice::decode(&fm.node, &mut cx) else {
        return;
    };
    let Some(id) = id else { return };
    if let Some(existing) = reg.practices.get(&id) {
        diags.push(
            Diagnostic::error(
                codes::DUPLICATE_FILE,
                format!("the practice `{id}` is also defined in {}", existing.file),
                &fm.file,
                Span::new(1, 1),
            )
            .with_hint(
                "a practice is either practices/<id>.md or practices/<id>/index.md, not both",
            ),
        );
        return;
    }
    if abs.file_name().is_some_and(|n| n == "index.md")
        && let Some(dir) = abs.parent()
    {
        reg.bundle_dirs.insert(id.clone(), dir.to_path_buf());
    }
    reg.practices.insert(id.clone(), fm.into_doc(id, m));
}

fn load_review(
    root: &Path,
    abs: &Path,
    practice: String,
    stem: String,
    diags: &mut Vec<Diagnostic>,
    reg: &mut Registry,
) {
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
    let Some((node, file)) = read_yaml(root, abs, diags, reg) else {
        return;
    };
    let mut cx = Cx { file: &file, diags };
    let Some(m) = model::review::Review::decode(&node, &mut cx) else {
        return;
    };
    reg.reviews.push(ReviewDoc {
        practice: Id(practice),
        reviewer_id: reviewer.to_owned(),
        file,
        model: m,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
