//! The narrative body: CommonMark with tables and footnotes, heading ids
//! for the table of contents, and every bit of raw HTML sanitized.
//!
//! Content is untrusted: authors may paste HTML from anywhere. pulldown-cmark
//! renders, then ammonia removes scripts, event handlers, `style` (a table
//! column's alignment becomes a class: the site's Content-Security-Policy
//! allows no inline style), and any
//! URL whose scheme is not http(s), mailto or tel (relative and `#` links
//! stay; `javascript:`, `data:` and every other scheme go); links get
//! `rel="noopener noreferrer"`. Links keep `href`, images `src`, `alt`,
//! `title`, `width` and `height` (ammonia's defaults, extended, not
//! replaced).
//!
//! **Ids.** Every id in a body starts with `s-`, which no theme id does:
//! headings get `s-<slug>`, footnotes `s-fn-<slug of the label>` (a footnote
//! named `dokaz-ui` is `s-fn-dokaz-ui`), and any id in raw HTML is
//! prefixed the same way. A `#fragment` link in the body is rewritten to
//! match: `#Описание`, `#opisanie` and `#s-opisanie` all reach the heading
//! "Описание", `#label` a footnote's definition.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The prefix of every id in a body.
const ID_PREFIX: &str = "s-";

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
    // Footnote labels (case-insensitive, as the parser matches them) to
    // their ids, in order of first appearance.
    let mut footnotes: HashMap<String, String> = HashMap::new();
    for e in &events {
        if let Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) = e
            && let std::collections::hash_map::Entry::Vacant(slot) =
                footnotes.entry(label.to_lowercase())
        {
            let slug = crate::translit::slugify(label);
            let base = format!(
                "{ID_PREFIX}fn-{}",
                if slug.is_empty() { "note" } else { &slug }
            );
            slot.insert(unique(&mut used, base));
        }
    }
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
                let slug = crate::translit::slugify(&text);
                let base = format!(
                    "{ID_PREFIX}{}",
                    if slug.is_empty() { "section" } else { &slug }
                );
                let id = unique(&mut used, base);
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
            Event::FootnoteReference(label) => {
                if let Some(id) = footnotes.get(&label.to_lowercase()) {
                    events[i] = Event::FootnoteReference(CowStr::from(id.clone()));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if let Some(id) = footnotes.get(&label.to_lowercase()) {
                    events[i] = Event::Start(Tag::FootnoteDefinition(CowStr::from(id.clone())));
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
        html: clean(&raw, &footnotes),
        toc,
        first_paragraph,
    }
}

/// `base`, or `base-2`, `base-3`… if taken; recorded as taken.
fn unique(used: &mut HashSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The id a `#fragment` of a body link points to: a footnote by its label,
/// an id already prefixed as it is, anything else as a heading slug.
fn fragment_id(fragment: &str, footnotes: &HashMap<String, String>) -> String {
    let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
    if let Some(id) = footnotes.get(&decoded.to_lowercase()) {
        return id.clone();
    }
    if decoded.starts_with(ID_PREFIX) {
        return decoded.into_owned();
    }
    let slug = crate::translit::slugify(&decoded);
    if slug.is_empty() {
        format!("{ID_PREFIX}{decoded}")
    } else {
        format!("{ID_PREFIX}{slug}")
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

/// Sanitizes rendered HTML: ammonia's allow-list of tags and attributes
/// (links keep `href`, images `src`, `alt`, `width`, `height`, every element
/// `title`) extended with ids, footnote classes and table alignment (as a
/// class, never a `style`); safe
/// URL schemes only; every id prefixed `s-` and `#` links rewritten to
/// match (see the module documentation).
pub fn sanitize(html: &str) -> String {
    clean(html, &HashMap::new())
}

fn clean(html: &str, footnotes: &HashMap<String, String>) -> String {
    let mut builder = ammonia::Builder::default();
    for tag in ["h2", "h3", "h4", "h5", "h6", "sup", "li", "div"] {
        builder.add_tag_attributes(tag, &["id"]);
    }
    builder
        .add_tag_attributes("div", &["class"])
        .add_tag_attributes("sup", &["class"])
        .add_allowed_classes("th", ALIGN_CLASSES)
        .add_allowed_classes("td", ALIGN_CLASSES)
        .add_tag_attributes("img", &["src", "alt", "title", "width", "height"])
        .add_tag_attributes("a", &["href", "title"]);
    // The filter must own what it reads (ammonia keeps it boxed, 'static).
    let footnotes = footnotes.clone();
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .id_prefix(Some(ID_PREFIX))
        // Runs after the URL checks: only the fragment of a same-page link
        // is rewritten.
        .attribute_filter(move |element, attribute, value| {
            if let (true, Some(fragment)) = (
                element == "a" && attribute == "href",
                value.strip_prefix('#'),
            ) {
                let id = fragment_id(fragment, &footnotes);
                let href: String = percent_encoding::utf8_percent_encode(&id, FRAGMENT).collect();
                return Some(Cow::Owned(format!("#{href}")));
            }
            Some(Cow::Borrowed(value))
        });
    builder.clean(&align_classes(html)).to_string()
}

/// The classes of a table column's alignment (in the theme's style.css).
const ALIGN_CLASSES: &[&str] = &["align-left", "align-center", "align-right"];

/// pulldown-cmark aligns table cells with a `style` attribute, which the
/// site's Content-Security-Policy (`style-src 'self'`) forbids: each
/// becomes a class. Any other `style` is dropped by ammonia.
fn align_classes(html: &str) -> Cow<'_, str> {
    const STYLE: &str = " style=\"text-align: ";
    if !html.contains(STYLE) {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_owned();
    for side in ["left", "center", "right"] {
        out = out.replace(
            &format!("{STYLE}{side}\">"),
            &format!(" class=\"align-{side}\">"),
        );
    }
    Cow::Owned(out)
}

/// What is percent-encoded in a rewritten fragment: controls, space and the
/// characters that would end or break it.
const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'%');

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

    /// Every `attr="…"` value in `html` (entities as written).
    fn values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
        let pat = format!(" {attr}=\"");
        html.match_indices(&pat)
            .filter_map(|(i, _)| {
                let rest = &html[i + pat.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    #[test]
    fn links_of_every_safe_kind_keep_their_targets() {
        let r = render(
            "# Описание\n\nSee [the site](https://example.org/a?b=1&c=2 \"Site\"), [plain](http://example.org/), \
             [mail](mailto:info@example.org), [call](tel:+74951234567), [up](#Описание), \
             [slug](#opisanie), [same](#s-opisanie), [doc](../documents/report.pdf), [root](/en/).\n",
        );
        assert_eq!(
            values(&r.html, "href"),
            [
                "https://example.org/a?b=1&amp;c=2",
                "http://example.org/",
                "mailto:info@example.org",
                "tel:+74951234567",
                "#s-opisanie",
                "#s-opisanie",
                "#s-opisanie",
                "../documents/report.pdf",
                "/en/",
            ],
            "{}",
            r.html
        );
        assert!(r.html.contains("title=\"Site\""), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"s-opisanie\">"), "{}", r.html);
    }

    #[test]
    fn images_keep_src_alt_title_and_size() {
        let r = render(
            "![A photo of the team](images/team.jpg \"The team\")\n\n<img src=\"https://example.org/p.png\" alt=\"p\" width=\"320\" height=\"200\" onerror=\"x()\">\n",
        );
        assert_eq!(
            values(&r.html, "src"),
            ["images/team.jpg", "https://example.org/p.png"],
            "{}",
            r.html
        );
        assert_eq!(values(&r.html, "alt"), ["A photo of the team", "p"]);
        assert_eq!(values(&r.html, "title"), ["The team"]);
        assert_eq!(values(&r.html, "width"), ["320"]);
        assert_eq!(values(&r.html, "height"), ["200"]);
        assert!(!r.html.contains("onerror"), "{}", r.html);
    }

    #[test]
    fn javascript_data_and_other_schemes_are_dropped() {
        let r = render(
            "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [d](data:text/html,<b>x</b>) \
             [v](vbscript:x) [f](file:///etc/passwd) ![i](data:image/png;base64,AAAA) \
             <a href=\"javascript:alert(2)\">a</a> <img src=\"javascript:alert(3)\" alt=\"q\">\n",
        );
        assert!(values(&r.html, "href").is_empty(), "{}", r.html);
        assert!(values(&r.html, "src").is_empty(), "{}", r.html);
        for bad in ["javascript", "JaVaScRiPt", "data:", "vbscript", "file:"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        // The text stays.
        assert!(r.html.contains(">js</a>") && r.html.contains("alt=\"q\""));
    }

    #[test]
    fn footnotes_are_linked_and_prefixed() {
        let r = render(
            "Text[^dokaz-ui], more[^narrative] and[^1], again[^Dokaz-UI]; [see the note](#dokaz-ui).\n\n\
             # Fn dokaz-ui\n\n[^dokaz-ui]: One\n[^narrative]: Two\n[^1]: Three\n",
        );
        let ids = values(&r.html, "id");
        assert_eq!(
            ids,
            [
                "s-fn-dokaz-ui-2",
                "s-fn-dokaz-ui",
                "s-fn-narrative",
                "s-fn-1"
            ],
            "{}",
            r.html
        );
        assert_eq!(
            values(&r.html, "href"),
            [
                "#s-fn-dokaz-ui",
                "#s-fn-narrative",
                "#s-fn-1",
                "#s-fn-dokaz-ui",
                "#s-fn-dokaz-ui",
            ],
            "{}",
            r.html
        );
        assert_eq!(r.toc[0].id, "s-fn-dokaz-ui-2");
        for theme in ["id=\"dokaz-ui\"", "id=\"narrative\"", "id=\"1\""] {
            assert!(!r.html.contains(theme), "{theme} in {}", r.html);
        }
    }

    #[test]
    fn every_id_in_a_body_is_prefixed() {
        let r = render(
            "<div id=\"dokaz-ui\">x</div>\n\n<h2 id=\"narrative\">h</h2>\n\n<sup id=\"s-ok\">s</sup> <a href=\"#narrative\">to</a>\n",
        );
        assert_eq!(
            values(&r.html, "id"),
            ["s-dokaz-ui", "s-narrative", "s-ok"],
            "{}",
            r.html
        );
        assert_eq!(values(&r.html, "href"), ["#s-narrative"]);
    }

    #[test]
    fn odd_fragments_and_labels_never_break_markup() {
        for text in [
            "[x](#) [y](#%) [z](#%ZZ) [q](#a\"b) [w](#<b>)\n",
            "a[^\"><script>]\n\n[^\"><script>]: n\n",
            "a[^ ] [^]\n\n[^ ]: n\n",
            "[^a]: only a definition\n",
            "a[^missing]\n",
        ] {
            let r = render(text);
            assert!(!r.html.contains("<script"), "{}", r.html);
            for v in values(&r.html, "href")
                .into_iter()
                .chain(values(&r.html, "id"))
            {
                assert!(!v.contains('<') && !v.contains('"'), "{v} in {}", r.html);
            }
        }
    }

    #[test]
    fn table_alignment_is_a_class_and_no_style_survives() {
        let r = render(
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n<p style=\"color: red\">x</p><td style=\"text-align: left; color: red\">y</td>\n",
        );
        assert!(
            r.html.contains("<th class=\"align-left\">a</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<th class=\"align-center\">b</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-right\">3</td>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style"), "{}", r.html);
    }
}
