//! Diagnostic codes raised while loading, about files as a whole (their
//! names, their place, their front matter); see `docs/rules.md`. Codes
//! about the text inside a file belong to the syntax layer.

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
/// A translation whose original is missing or is itself a translation;
/// two translations of one practice in one language; a translated item
/// the original does not have.
pub const TRANSLATION: &str = "D019";
/// A fact a translation repeats that differs from its original's.
pub const TRANSLATION_DIFFERS: &str = "D020";
