//! The theme: Tera templates, static files and UI strings.
//!
//! The default theme (`themes/default/` in the repository) is embedded in
//! the binary, so a registry needs no theme folder. A registry's
//! `themes/<name>/` replaces or adds files of the default theme, and its own
//! `templates/` and `static/` override single files of whichever theme is
//! used. UI strings are `i18n/<lang>.yaml`, flat maps from key to text.

use crate::syntax::decode::{Cx, Decode};
use crate::syntax::source::rel_path;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

/// The default theme's files, relative to `themes/default/`, sorted by
/// path: every file of that folder, listed by `build.rs` at compile time
/// (a file added to the theme needs no entry here).
pub const DEFAULT_FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

pub struct Theme {
    pub tera: Tera,
    /// Output path under `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// language → key → text.
    pub i18n: BTreeMap<String, BTreeMap<String, String>>,
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
        for (rel, abs) in layers {
            let bytes =
                std::fs::read(&abs).map_err(|e| format!("cannot read {}: {e}", abs.display()))?;
            files.insert(rel, bytes);
        }

        let mut tera = Tera::default();
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        let mut i18n = BTreeMap::new();
        for (rel, bytes) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("the template {rel} is not UTF-8"))?;
                templates.push((name.to_owned(), text));
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_owned(), bytes);
            } else if let Some(file) = rel.strip_prefix("i18n/") {
                let lang = file.trim_end_matches(".yaml").to_owned();
                i18n.insert(lang, parse_strings(&rel, &bytes)?);
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
    pub fn strings(&self, lang: &str, fallback: &str) -> BTreeMap<String, String> {
        let mut out = self.i18n.get(fallback).cloned().unwrap_or_default();
        if let Some(own) = self.i18n.get(lang) {
            out.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
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

fn parse_strings(rel: &str, bytes: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let text =
        crate::syntax::source::decode_text(bytes).map_err(|(_, m, _)| format!("{rel}: {m}"))?;
    let node = crate::syntax::yaml::parse(&text, 1)
        .map_err(|e| format!("{rel}:{}:{}: {}", e.span.line, e.span.col, e.message))?;
    let mut diags = Vec::new();
    let map = BTreeMap::<String, String>::decode(
        &node,
        &mut Cx {
            file: rel,
            diags: &mut diags,
        },
    );
    match (map, diags.first()) {
        (Some(m), None) => Ok(m),
        (_, Some(d)) => Err(format!("{rel}:{}:{}: {}", d.line, d.column, d.message)),
        (None, None) => Err(format!("{rel}: not a mapping of keys to texts")),
    }
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
