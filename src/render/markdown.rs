//! The narrative body: CommonMark with tables and footnotes, heading ids
//! for the table of contents, and every bit of raw HTML sanitized.
//!
//! Content is untrusted: authors may paste HTML from anywhere. pulldown-cmark
//! renders, then ammonia removes scripts, event handlers, `style`, and any
//! URL whose scheme is not http(s), mailto or tel; external links get
//! `rel="noopener noreferrer"`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
    pub level: u8,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The first paragraph as plain text (for descriptions).
    pub first_paragraph: String,
}

/// Renders Markdown to sanitized HTML. Headings are shifted down one level
/// (`#` becomes `<h2>`) because the page title is the only `<h1>`, and each
/// gets an id (prefixed, so it cannot clash with the page's own ids).
pub fn render(text: &str) -> Rendered {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Parser::new_ext(text, opts).collect();
    let mut toc = Vec::new();
    let mut used = HashSet::new();
    let mut first_paragraph = String::new();
    let mut i = 0;
    let mut in_par = false;
    let mut seen_par = false;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level;
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = format!("s-{}", crate::translit::slugify(&text));
                let mut id = if base == "s-" {
                    "s-section".to_owned()
                } else {
                    base
                };
                let mut n = 2;
                while !used.insert(id.clone()) {
                    id = format!(
                        "{}-{n}",
                        id.trim_end_matches(char::is_numeric).trim_end_matches('-')
                    );
                    n += 1;
                }
                let shifted = shift(level);
                if matches!(shifted, HeadingLevel::H2 | HeadingLevel::H3) {
                    toc.push(TocEntry {
                        id: id.clone(),
                        text: text.clone(),
                        level: shifted as u8,
                    });
                }
                events[i] = Event::Start(Tag::Heading {
                    level: shifted,
                    id: Some(id.into()),
                    classes: vec![],
                    attrs: vec![],
                });
                if j < events.len() {
                    events[j] = Event::End(TagEnd::Heading(shifted));
                }
            }
            Event::Start(Tag::Paragraph) if !seen_par => in_par = true,
            Event::End(TagEnd::Paragraph) if in_par => {
                in_par = false;
                seen_par = true;
            }
            Event::Text(t) | Event::Code(t) if in_par => first_paragraph.push_str(t),
            Event::SoftBreak if in_par => first_paragraph.push(' '),
            _ => {}
        }
        i += 1;
    }
    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: sanitize(&raw),
        toc,
        first_paragraph,
    }
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Sanitizes rendered HTML: a fixed allow-list of tags and attributes, safe
/// URL schemes only, ids kept (for headings and footnotes).
pub fn sanitize(html: &str) -> String {
    let mut attrs: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for tag in ["h2", "h3", "h4", "h5", "h6", "sup", "li", "div"] {
        attrs.entry(tag).or_default().insert("id");
    }
    attrs.entry("div").or_default().insert("class");
    attrs.entry("sup").or_default().insert("class");
    attrs.entry("th").or_default().insert("style");
    attrs.entry("td").or_default().insert("style");
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .tag_attributes(attrs.into_iter().collect())
        .filter_style_properties(["text-align"].into_iter().collect())
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_never_survive() {
        let r = render(
            "# Title\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"data:text/html,x\">d</a>",
        );
        for bad in ["<script", "onerror", "javascript:", "data:"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
    }

    #[test]
    fn headings_get_ids_and_toc() {
        let r = render("# Описание\n\ntext\n\n## Как работает\n\n# Описание\n");
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].id, "s-opisanie");
        assert_eq!(r.toc[2].id, "s-opisanie-2");
        assert!(
            r.html.contains("<h2 id=\"s-opisanie\">Описание</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"s-kak-rabotaet\">"));
        assert_eq!(r.first_paragraph, "text");
    }

    #[test]
    fn tables_and_footnotes() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote"));
    }
}
