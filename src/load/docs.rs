//! Loading one document: read the file, split the front matter, parse the
//! YAML, check the id in the file name, decode the typed model.
//!
//! Every kind of document goes through the same few helpers
//! ([`read_yaml`], [`read_markdown`], [`decode`]), so the order in which
//! problems are found, and what is still decoded after a problem, is the
//! same for all of them: an invalid file name is reported and the content
//! is still decoded (and its problems reported), but nothing is
//! registered under the bad id.

use super::codes;
use super::paths::Kind;
use crate::l10n::Msg;
use crate::model::common::{Date, Id, is_valid_id};
use crate::model::{self, Doc, ReviewDoc};
use crate::msg;
use crate::syntax::decode::{Cx, Decode, suggestion};
use crate::syntax::diag::{Diagnostic, Span};
use crate::syntax::source::{self, SourceFile, rel_path, split_front_matter};
use crate::syntax::yaml;
use std::path::{Path, PathBuf};

/// One file's contribution to the registry.
#[derive(Clone)]
pub(super) enum Item {
    Config(model::registry::RegistryConfig),
    /// A practice, and its bundle folder when it is `<id>/index.md`.
    Practice(
        std::sync::Arc<Doc<model::practice::Practice>>,
        Option<PathBuf>,
    ),
    /// A translation, to be combined with its original once every
    /// practice is loaded.
    Translation(Box<PendingTranslation>),
    Organization(Doc<model::organization::Organization>),
    Review(ReviewDoc),
    Taxonomy(model::taxonomy::Taxonomy),
    Scheme(String, model::evidence::Scheme),
    Rubric(Doc<model::rubric::Rubric>),
}

/// Loads the file at `abs` as what its path says it is.
pub(super) fn load_file(
    root: &Path,
    abs: &Path,
    kind: Kind,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let rel = rel_path(root, abs);
    match kind {
        Kind::Config => yaml_doc(root, abs, diags).map(|(c, _)| Item::Config(c)),
        Kind::Practice(id) => {
            let bundle = abs
                .file_name()
                .is_some_and(|n| n == "index.md")
                .then(|| abs.parent().map(Path::to_path_buf))
                .flatten();
            let (id, fm) = read_markdown(root, abs, &id, diags)?;
            if super::translation::top_value(&fm.node, "translation_of").is_some() {
                return pending_translation(id, fm, bundle, diags);
            }
            let m = decode(&fm.node, &fm.file, diags)?;
            Some(Item::Practice(
                std::sync::Arc::new(fm.into_doc(id?, m)),
                bundle,
            ))
        }
        Kind::Organization(id) => markdown_doc(root, abs, &id, diags).map(Item::Organization),
        Kind::Review { practice, stem } => {
            load_review(root, abs, practice, stem, diags).map(Item::Review)
        }
        Kind::Taxonomy(name) => {
            let (node, src) = read_yaml(root, abs, diags)?;
            if !model::taxonomy::KNOWN.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::warning(
                        codes::UNEXPECTED_FILE,
                        msg!("D015_unknown_taxonomy", name = &name),
                        &src.rel,
                        Span::new(1, 1),
                    )
                    .with_hint(suggestion(&name, model::taxonomy::KNOWN)),
                );
            }
            let terms = decode::<Vec<model::taxonomy::Term>>(&node, &src.rel, diags)?;
            Some(Item::Taxonomy(model::taxonomy::Taxonomy::new(
                name, src.rel, terms,
            )))
        }
        Kind::Evidence => yaml_doc(root, abs, diags).map(|(s, src)| Item::Scheme(src.rel, s)),
        Kind::Rubric(id) => {
            let id = checked_id(&id, &rel, diags);
            let (m, src) = yaml_doc(root, abs, diags)?;
            Some(Item::Rubric(Doc {
                id: id?,
                file: src.rel,
                model: m,
                body: String::new(),
                body_line: 1,
                placeholders: Vec::new(),
            }))
        }
        Kind::Attachment(_) | Kind::Ignored => None,
        Kind::Unexpected(_) | Kind::Template(_) | Kind::Static | Kind::Theme | Kind::Outside => {
            diags.push(
                Diagnostic::warning(
                    codes::UNEXPECTED_FILE,
                    Msg::new("D015_unknown_file"),
                    &rel,
                    Span::new(1, 1),
                )
                .with_hint(Msg::new("D015_unknown_file_hint")),
            );
            None
        }
    }
}

/// Decodes a `T` from a parsed node, its problems reported against `file`.
fn decode<T: Decode>(node: &yaml::Node, file: &str, diags: &mut Vec<Diagnostic>) -> Option<T> {
    T::decode(node, &mut Cx::new(file, diags))
}

/// A plain YAML file decoded as a `T`, with its source.
fn yaml_doc<T: Decode>(
    root: &Path,
    abs: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, SourceFile)> {
    let (node, src) = read_yaml(root, abs, diags)?;
    let m = decode(&node, &src.rel, diags)?;
    Some((m, src))
}

/// A Markdown file with front matter decoded as a `T`, registered under
/// the id of its file name (nothing when that id is invalid).
fn markdown_doc<T: Decode>(
    root: &Path,
    abs: &Path,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Doc<T>> {
    let (id, fm) = read_markdown(root, abs, id, diags)?;
    let m = decode(&fm.node, &fm.file, diags)?;
    Some(fm.into_doc(id?, m))
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
            msg!("D014_not_id", id = id),
            rel,
            Span::new(1, 1),
        )
        .with_hint(msg!("D014_not_id_hint", slug = slug)),
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

#[derive(Clone)]
pub(super) struct FrontMatterDoc {
    pub file: String,
    pub node: yaml::Node,
    body: String,
    body_line: u32,
    placeholders: Vec<Span>,
}

/// A translation as read from its file: its own front matter, checked
/// on its own (unknown keys, wrong types, its required texts), not yet
/// combined with its original.
#[derive(Clone)]
pub(super) struct PendingTranslation {
    pub id: Id,
    pub fm: FrontMatterDoc,
    pub bundle: Option<PathBuf>,
    /// The original's id as written, and where.
    pub original: (String, Span),
}

impl PendingTranslation {
    /// The translation combined with its original's front matter, read
    /// again from `original_file` (only translations need an original's
    /// tree, so the trees of all practices are not kept).
    pub fn combine(
        &self,
        root: &Path,
        original_file: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Doc<model::practice::Practice>> {
        let mut scratch = Vec::new();
        let original = read_markdown(
            root,
            &root.join(original_file),
            &self.original.0,
            &mut scratch,
        )?
        .1;
        let before = diags.len();
        let node = super::translation::merge(
            &original.node,
            &self.fm.node,
            &self.fm.file,
            &self.original.0,
            original_file,
            diags,
        );
        // The original's own problems are reported by its file; what is
        // left to report here is the combination's.
        let m = decode(&node, &self.fm.file, &mut scratch);
        if m.is_none() && diags.len() == before {
            diags.push(
                Diagnostic::error(
                    codes::TRANSLATION,
                    msg!("D019_cannot_combine", original = &self.original.0),
                    &self.fm.file,
                    self.original.1,
                )
                .with_hint(msg!("D019_cannot_combine_hint", file = original_file)),
            );
        }
        Some(self.fm.clone().into_doc(self.id.clone(), m?))
    }
}

/// Checks a translation's own front matter and keeps it for combining.
fn pending_translation(
    id: Option<Id>,
    fm: FrontMatterDoc,
    bundle: Option<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    use super::translation::{REQUIRED, top_value};
    let mut own = Vec::new();
    let _ = decode::<model::practice::Practice>(&fm.node, &fm.file, &mut own);
    // Missing keys are the original's to give, except the texts only a
    // translation can give.
    diags.extend(
        own.into_iter()
            .filter(|d| d.code != crate::syntax::decode::codes::MISSING_KEY),
    );
    for key in REQUIRED {
        if top_value(&fm.node, key).is_none() {
            diags.push(
                Diagnostic::error(
                    crate::syntax::decode::codes::MISSING_KEY,
                    msg!("D007_missing_key", key = *key),
                    &fm.file,
                    fm.node.span,
                )
                .with_hint(msg!("D007_translation_key_hint", key = *key)),
            );
        }
    }
    let original = top_value(&fm.node, "translation_of")?;
    let original = (original.as_str()?.to_owned(), original.span);
    Some(Item::Translation(Box::new(PendingTranslation {
        id: id?,
        fm,
        bundle,
        original,
    })))
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
    // `<YYYY-MM-DD>-<reviewer-id>`, or `<YYYY>-<source-id>` for a
    // verification whose source gives only the year.
    let day = stem.get(..10).and_then(Date::parse).is_some();
    let year = stem
        .get(..4)
        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    let cut = if day { 10 } else { 4 };
    let reviewer = stem.get(cut + 1..).unwrap_or("");
    if !(day || year) || stem.as_bytes().get(cut) != Some(&b'-') || !is_valid_id(reviewer) {
        diags.push(
            Diagnostic::error(
                codes::FILE_NAME,
                msg!("D014_review_name", stem = stem.as_str()),
                &rel,
                Span::new(1, 1),
            )
            .with_hint(Msg::new("D014_review_name_hint")),
        );
    }
    let (m, src) = yaml_doc::<model::review::Review>(root, abs, diags)?;
    if m.reviewer.is_none() && m.source.is_none() {
        diags.push(
            Diagnostic::error(
                crate::syntax::decode::codes::MISSING_KEY,
                msg!("D007_missing_key", key = "reviewer"),
                &src.rel,
                m.at,
            )
            .with_hint(Msg::new("D007_reviewer_hint")),
        );
        return None;
    }
    Some(ReviewDoc {
        practice: Id(practice),
        reviewer_id: reviewer.to_owned(),
        placeholders: source::placeholders(&src.text),
        file: src.rel,
        model: m,
    })
}
