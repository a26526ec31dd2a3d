//! The theme: Tera templates, static files and UI strings.
//!
//! The default theme (`themes/default/` in the repository) is embedded in
//! the binary, so a registry needs no theme folder. A registry's
//! `themes/<name>/` replaces or adds files of the default theme, and its own
//! `templates/` and `static/` override single files of whichever theme is
//! used. UI strings are `i18n/<lang>.yaml`: key to text, or to plural
//! forms (see [`super::l10n`]); a registry's file of a language overrides
//! the default theme's key by key.

use super::l10n::{Catalogue, PluralFn, Strings};
use crate::syntax::source::rel_path;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

/// The default theme's files, relative to `themes/default/`, sorted by
/// path: every file of that folder, listed by `build.rs` at compile time
/// (a file added to the theme needs no entry here).
pub const DEFAULT_FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

pub struct Theme {
    pub tera: Tera,
    /// Output path under `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// language → its strings, the registry's layered over the default
    /// theme's key by key.
    pub i18n: BTreeMap<String, Strings>,
}

/// Files of a folder, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (rel_path(dir, e.path()), e.into_path()))
        .collect();
    v.sort();
    v
}

impl Theme {
    /// Loads the theme `name` for the registry at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, String> {
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        let mut layers: Vec<(String, std::path::PathBuf)> = Vec::new();
        if name != "default" {
            layers.extend(files_under(&root.join("themes").join(name)));
        }
        layers.extend(
            files_under(&root.join("templates"))
                .into_iter()
                .map(|(p, a)| (format!("templates/{p}"), a)),
        );
        layers.extend(
            files_under(&root.join("static"))
                .into_iter()
                .map(|(p, a)| (format!("static/{p}"), a)),
        );
        // The default theme's strings, which a theme's own file of a
        // language overrides key by key (a theme with one changed string
        // needs no copy of the rest).
        let mut i18n: BTreeMap<String, Strings> = BTreeMap::new();
        for (rel, bytes) in &files {
            if let Some(lang) = lang_of(rel) {
                i18n.insert(lang.to_owned(), Strings::parse(rel, bytes)?);
            }
        }
        for (rel, abs) in layers {
            let bytes =
                std::fs::read(&abs).map_err(|e| format!("cannot read {}: {e}", abs.display()))?;
            if let Some(lang) = lang_of(&rel) {
                let own = Strings::parse(&abs.display().to_string(), &bytes)?;
                i18n.entry(lang.to_owned()).or_default().overlay(&own);
            }
            files.insert(rel, bytes);
        }

        let mut tera = Tera::default();
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        for (rel, bytes) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("the template {rel} is not UTF-8"))?;
                templates.push((name.to_owned(), text));
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_owned(), bytes);
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| format!("template error: {}", error_chain(&e)))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        Ok(Theme {
            tera,
            statics,
            i18n,
        })
    }

    /// UI strings for `lang`, falling back key by key to `fallback`.
    pub fn strings(&self, lang: &str, fallback: &str) -> Catalogue {
        let mut out = self.i18n.get(fallback).cloned().unwrap_or_default();
        if let Some(own) = self.i18n.get(lang) {
            out.overlay(own);
        }
        Catalogue::new(lang, out)
    }

    /// The templates for one language: the `plural` function bound to
    /// its catalogue, and the filters that format for it (see
    /// [`super::l10n::register_filters`]).
    pub fn localized(&self, cat: Arc<Catalogue>) -> Tera {
        let mut tera = self.tera.clone();
        super::l10n::register_filters(&mut tera, &cat.lang);
        tera.register_function("plural", PluralFn(cat));
        tera
    }

    /// A text of `lang`'s own strings (no fallback), e.g. its `lang_name`.
    pub fn text(&self, lang: &str, key: &str) -> Option<&str> {
        self.i18n.get(lang)?.plain.get(key).map(String::as_str)
    }
}

/// Escapes text for HTML element content and quoted attribute values.
/// Tera's default also escapes `/` (as `&#x2F;`), which is not needed in
/// either context and makes every relative link unreadable in the source.
pub fn escape_html(s: &str) -> String {
    // Most text has nothing to escape: copy runs between special bytes
    // instead of pushing character by character (this is on every string
    // of every page).
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The special bytes are ASCII, so `start..i` is on char boundaries.
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out
}

/// The language of a theme file `i18n/<lang>.yaml`.
fn lang_of(rel: &str) -> Option<&str> {
    rel.strip_prefix("i18n/")?.strip_suffix(".yaml")
}

/// The full cause chain of a Tera error (the top level alone is vague).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_markup_and_keeps_the_rest() {
        assert_eq!(escape_html("a<b>&\"c'/д"), "a&lt;b&gt;&amp;&quot;c&#39;/д");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("Тёплый дом"), "Тёплый дом");
    }
}
