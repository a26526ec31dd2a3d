//! The typed model of a registry: what FORMAT.md describes, one module per
//! kind of document. Values that later rules point at are [`common::Spanned`].

pub mod common;
pub mod evidence;
pub mod organization;
pub mod practice;
pub mod registry;
pub mod review;
pub mod rubric;
pub mod taxonomy;

use std::collections::BTreeMap;

/// A loaded document: its id, its file, its model and, for Markdown files,
/// the body.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub id: common::Id,
    /// Path relative to the registry root.
    pub file: String,
    pub model: T,
    pub body: String,
    /// 1-based line where the body starts.
    pub body_line: u32,
    /// `TODO` placeholders left in the file.
    pub placeholders: Vec<crate::syntax::diag::Span>,
}

impl Doc<practice::Practice> {
    /// The practice this version tells: its original's id for a
    /// translation (FORMAT.md §10.1), its own otherwise.
    pub fn original_id(&self) -> &common::Id {
        self.model
            .translation_of
            .as_ref()
            .map_or(&self.id, |t| &t.value)
    }
}

/// A practice review with the practice and reviewer it belongs to.
#[derive(Debug, Clone)]
pub struct ReviewDoc {
    pub practice: common::Id,
    pub reviewer_id: String,
    pub file: String,
    pub model: review::Review,
    /// `TODO` placeholders left in the file.
    pub placeholders: Vec<crate::syntax::diag::Span>,
}

/// Everything loaded from a registry, in stable (sorted) order.
#[derive(Debug, Default)]
pub struct Registry {
    pub root: std::path::PathBuf,
    pub config: Option<registry::RegistryConfig>,
    pub practices: BTreeMap<common::Id, std::sync::Arc<Doc<practice::Practice>>>,
    pub organizations: BTreeMap<common::Id, Doc<organization::Organization>>,
    pub reviews: Vec<ReviewDoc>,
    pub taxonomies: BTreeMap<String, taxonomy::Taxonomy>,
    pub scheme: Option<(String, evidence::Scheme)>,
    pub rubrics: BTreeMap<common::Id, Doc<rubric::Rubric>>,
    /// Ids of every practice, organization and rubric file, including
    /// files that failed to decode.
    pub file_ids: FileIds,
    /// Practice folders (for bundles): practice id → absolute folder.
    pub bundle_dirs: BTreeMap<common::Id, std::path::PathBuf>,
}

#[derive(Debug, Default)]
pub struct FileIds {
    pub practices: std::collections::BTreeSet<common::Id>,
    pub organizations: std::collections::BTreeSet<common::Id>,
    pub rubrics: std::collections::BTreeSet<common::Id>,
}

impl Registry {
    /// The practices and, of them, the translations: a translation is
    /// its original's version, so a registry of one practice told in two
    /// languages has one practice.
    pub fn practice_counts(&self) -> (usize, usize) {
        let translations = self
            .practices
            .values()
            .filter(|p| p.model.translation_of.is_some())
            .count();
        (self.practices.len() - translations, translations)
    }

    /// "3 practices (1 translation)".
    /// "3 practices (and 1 translation)" in `lang`.
    pub fn practices_line(&self, lang: crate::l10n::Lang) -> String {
        let msg = match self.practice_counts() {
            (n, 0) => crate::msg!("cli_n_practices", n = n),
            (n, t) => crate::msg!("cli_n_practices_and_translations", n = n, t = t),
        };
        msg.render(lang)
    }

    pub fn default_language(&self) -> &str {
        self.config
            .as_ref()
            .map_or("ru", |c| c.default_language.value.as_str())
    }
}
