//! The path grammar: what a file under the registry root is, by its path
//! alone (FORMAT.md's layout of `content/`, plus the theme folders).
//!
//! Two readers need the answer and must never disagree: the loader (which
//! file to decode as what, which to warn about) and `dokaz serve` (what an
//! edited file affects, [`input_of`]). Both used to keep their own copy of
//! the layout and their own list of editor files to skip; a file skipped
//! by one and read by the other gave a preview that did not match the
//! build. Here is the one copy.

/// Names skipped everywhere, silently: hidden files and editors'
/// temporary files (vim's `.x.swp`/`.swx`, `x~` and its `4913` probe,
/// Emacs's `#x#` and `.#x`, write-to-temp-then-rename `.tmp` files). An
/// editor's final rename is seen under the real name.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// What a path (relative to the registry root, `/`-separated) is.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum Kind {
    /// `registry.yaml`.
    Config,
    /// `content/practices/<id>.md` or `content/practices/<id>/index.md`.
    Practice(String),
    /// Any other file in a practice's bundle folder.
    Attachment(String),
    /// `content/reviews/<practice>/<stem>.yaml`.
    Review { practice: String, stem: String },
    /// `content/organizations/<id>.md`.
    Organization(String),
    /// `content/taxonomies/<name>.yaml`.
    Taxonomy(String),
    /// `content/evidence.yaml`.
    Evidence,
    /// `content/rubrics/<id>.yaml`.
    Rubric(String),
    /// `templates/<name>`: a registry's override of one template.
    Template(String),
    /// Anything under `static/`.
    Static,
    /// Anything under `themes/`, or deeper under `templates/`.
    Theme,
    /// A name [`is_ignored_name`] skips.
    Ignored,
    /// Under `content/`, but none of the above (the loader warns).
    Unexpected(Section),
    /// Not something dokaz reads (`output/`, `.git/`, …).
    Outside,
}

/// Where under `content/` an unexpected path is, which says what a change
/// to it may affect (a folder event arrives as such a path too).
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum Section {
    /// Directly in `content/practices/`, not Markdown.
    Practices,
    /// Directly in `content/organizations/`, not Markdown.
    Organizations,
    /// Anywhere under `content/reviews/<practice>/`.
    Reviews(String),
    Taxonomies,
    Rubrics,
    /// Anywhere else under `content/`, or `content/` itself.
    Other,
}

pub fn classify(rel: &str) -> Kind {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or("");
    if is_ignored_name(name) {
        return Kind::Ignored;
    }
    let stem = |s: &str, ext: &str| s.strip_suffix(ext).map(str::to_owned);
    let unexpected = Kind::Unexpected;
    match parts.as_slice() {
        ["registry.yaml"] => Kind::Config,
        ["content", "evidence.yaml"] => Kind::Evidence,
        ["content", "practices", f] => {
            stem(f, ".md").map_or(unexpected(Section::Practices), Kind::Practice)
        }
        ["content", "practices", dir, "index.md"] => Kind::Practice((*dir).to_owned()),
        ["content", "practices", dir, ..] => Kind::Attachment((*dir).to_owned()),
        ["content", "organizations", f] => {
            stem(f, ".md").map_or(unexpected(Section::Organizations), Kind::Organization)
        }
        ["content", "reviews", p, f] => match stem(f, ".yaml") {
            Some(stem) => Kind::Review {
                practice: (*p).to_owned(),
                stem,
            },
            None => unexpected(Section::Reviews((*p).to_owned())),
        },
        ["content", "reviews", p, ..] => unexpected(Section::Reviews((*p).to_owned())),
        ["content", "taxonomies", f] => {
            stem(f, ".yaml").map_or(unexpected(Section::Taxonomies), Kind::Taxonomy)
        }
        ["content", "taxonomies", ..] => unexpected(Section::Taxonomies),
        ["content", "rubrics", f] => {
            stem(f, ".yaml").map_or(unexpected(Section::Rubrics), Kind::Rubric)
        }
        ["content", "rubrics", ..] => unexpected(Section::Rubrics),
        ["content", ..] => unexpected(Section::Other),
        ["templates", name] => Kind::Template((*name).to_owned()),
        ["templates", ..] => Kind::Theme,
        ["static", ..] => Kind::Static,
        ["themes", ..] => Kind::Theme,
        _ => Kind::Outside,
    }
}

/// What a changed file is to `dokaz serve`: [`Kind`] coarsened to what a
/// change to it may affect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Config,
    Practice(String),
    /// A file in a practice's bundle folder.
    Attachment(String),
    /// A review of the named practice.
    Review(String),
    Organization(String),
    Taxonomy,
    Scheme,
    Rubric,
    /// A registry template override (`templates/<name>`).
    Template(String),
    Static,
    Theme,
    /// Not something dokaz reads: editor swap and backup files, the
    /// output folder, anything outside the watched folders.
    Ignored,
}

pub fn input_of(rel: &str) -> Input {
    match classify(rel) {
        Kind::Config => Input::Config,
        Kind::Practice(id) => Input::Practice(id),
        Kind::Attachment(id) => Input::Attachment(id),
        Kind::Review { practice, .. } => Input::Review(practice),
        Kind::Organization(id) => Input::Organization(id),
        Kind::Taxonomy(_) => Input::Taxonomy,
        Kind::Evidence => Input::Scheme,
        Kind::Rubric(_) => Input::Rubric,
        Kind::Template(name) => Input::Template(name),
        Kind::Static => Input::Static,
        Kind::Theme => Input::Theme,
        Kind::Ignored | Kind::Outside => Input::Ignored,
        Kind::Unexpected(section) => match section {
            // Not read by the loader (its warning is about the file list,
            // which a rename or creation refreshes anyway).
            Section::Practices | Section::Organizations => Input::Ignored,
            Section::Reviews(practice) => Input::Review(practice),
            Section::Taxonomies => Input::Taxonomy,
            Section::Rubrics => Input::Rubric,
            // A folder created or removed under content/ may hold anything.
            Section::Other => Input::Config,
        },
    }
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
        assert_eq!(
            classify("content/practices/a/doc.pdf"),
            Kind::Attachment("a".into())
        );
        assert_eq!(classify("content/practices/.a.md.swp"), Kind::Ignored);
        assert_eq!(
            classify("content/practices/a.txt"),
            Kind::Unexpected(Section::Practices)
        );
        assert!(matches!(
            classify("content/reviews/a/2020-01-01-x.yaml"),
            Kind::Review { .. }
        ));
        assert_eq!(
            classify("templates/base.html"),
            Kind::Template("base.html".into())
        );
        assert_eq!(classify("output/index.html"), Kind::Outside);
    }

    #[test]
    fn folders_and_odd_files_under_content() {
        assert_eq!(input_of("content"), Input::Config);
        assert_eq!(input_of("content/practices"), Input::Config);
        assert_eq!(input_of("content/practices/new-one"), Input::Ignored);
        assert_eq!(input_of("content/reviews/a"), Input::Review("a".into()));
        assert_eq!(
            input_of("content/reviews/a/notes.txt"),
            Input::Review("a".into())
        );
        assert_eq!(input_of("content/taxonomies"), Input::Taxonomy);
        assert_eq!(input_of("content/rubrics/x/y"), Input::Rubric);
        assert_eq!(input_of("content/organizations/a/b.md"), Input::Config);
        assert_eq!(input_of("content/organizations/a.txt"), Input::Ignored);
        assert_eq!(input_of("templates"), Input::Theme);
        assert_eq!(input_of("templates/partials/x.html"), Input::Theme);
        assert_eq!(input_of("content/#a.md#"), Input::Ignored);
    }
}
