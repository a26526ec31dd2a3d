//! The id grammar of FORMAT.md §1: which strings may name a practice, an
//! organization, a term or a local id (they become URLs and file names).
//!
//! It sits in the syntax layer, below the model, because three layers need
//! it without needing each other: the loader checks file names, the model
//! checks ids in YAML, and `translit` makes ids out of titles.

/// The id pattern of FORMAT.md §1: a lowercase ASCII slug, at most 80 chars.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
pub const ID_MAX: usize = 80;

pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= ID_MAX
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// An evidence scheme key: an id that may also contain underscores.
pub fn is_valid_key(s: &str) -> bool {
    is_valid_id(&s.replace('_', "-"))
}
