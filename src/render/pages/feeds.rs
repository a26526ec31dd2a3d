//! `sitemap.xml`, `feed.xml` (Atom) and `robots.txt`, built together when
//! one is wanted. The sitemap lists, in every language, the pages each
//! kind declares in [`super::Kind::sitemap`].

use crate::model::registry::RegistryConfig;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;

pub const KIND: Kind = Kind {
    name: "feeds",
    template: None,
    view: None,
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Feed | PageKey::Sitemap | PageKey::Robots),
    sitemap: None,
    render,
};

fn bytes(route: Route, b: Vec<u8>) -> OutFile {
    OutFile {
        path: route.path(),
        content: Content::Bytes(b),
    }
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    let wanted = [Route::Sitemap, Route::Feed, Route::Robots]
        .iter()
        .any(|r| cx.wanted(r));
    if wanted {
        for f in feeds(cx.lx, cx.cfg)? {
            (cx.put)(f)?;
        }
    }
    Ok(())
}

/// An XML writer with the whitespace of the files laid out by hand (two
/// spaces a level; an entry's author on one line), so that the output is
/// readable and stable, and every value escaped by quick-xml.
struct Xml(Writer<Vec<u8>>);

/// The text XML 1.0 can hold: C0 controls other than tab, newline and
/// carriage return, and U+FFFE/U+FFFF, cannot appear in a document even
/// escaped, so each becomes U+FFFD (the checker warns on them elsewhere;
/// the writer does not rely on it).
fn xml_chars(s: &str) -> Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.contains(bad) {
        Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

type XmlResult = std::io::Result<()>;

impl Xml {
    fn new(encoding: &str) -> Result<Self, String> {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some(encoding), None)))
            .map_err(|e| e.to_string())?;
        let mut x = Xml(w);
        x.ws("\n").map_err(|e| e.to_string())?;
        Ok(x)
    }
    /// Whitespace between elements.
    fn ws(&mut self, s: &str) -> XmlResult {
        self.0.write_event(Event::Text(BytesText::new(s)))
    }
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        let mut el = BytesStart::new(name);
        for (k, v) in attrs {
            el.push_attribute((*k, xml_chars(v).as_ref()));
        }
        self.0.write_event(Event::Start(el))
    }
    fn end(&mut self, name: &str) -> XmlResult {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }
    /// `<name>text</name>`.
    fn text(&mut self, name: &str, text: &str) -> XmlResult {
        self.0
            .create_element(name)
            .write_text_content(BytesText::new(&xml_chars(text)))?;
        Ok(())
    }
    /// `<name a="v"/>`.
    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        let mut el = BytesStart::new(name);
        for (k, v) in attrs {
            el.push_attribute((*k, xml_chars(v).as_ref()));
        }
        self.0.write_event(Event::Empty(el))
    }
    fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

/// One Atom entry.
struct Entry {
    title: String,
    id: String,
    link: String,
    updated: String,
    author: String,
    summary: String,
}

impl Entry {
    fn write(&self, x: &mut Xml) -> XmlResult {
        x.ws("  ")?;
        x.start("entry", &[])?;
        x.ws("\n    ")?;
        x.text("title", &self.title)?;
        x.ws("\n    ")?;
        x.text("id", &self.id)?;
        x.ws("\n    ")?;
        x.empty("link", &[("href", &self.link)])?;
        x.ws("\n    ")?;
        x.text("updated", &self.updated)?;
        x.ws("\n    ")?;
        x.start("author", &[])?;
        x.text("name", &self.author)?;
        x.end("author")?;
        x.ws("\n    ")?;
        x.text("summary", &self.summary)?;
        x.ws("\n  ")?;
        x.end("entry")?;
        x.ws("\n")
    }
}

fn sitemap_xml(urls: &[String]) -> Result<Vec<u8>, String> {
    let mut x = Xml::new("UTF-8")?;
    let write = |x: &mut Xml| -> XmlResult {
        x.start(
            "urlset",
            &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
        )?;
        x.ws("\n")?;
        for u in urls {
            x.ws("  ")?;
            x.start("url", &[])?;
            x.text("loc", u)?;
            x.end("url")?;
            x.ws("\n")?;
        }
        x.end("urlset")?;
        x.ws("\n")
    };
    write(&mut x).map_err(|e| e.to_string())?;
    Ok(x.finish())
}

/// The Atom feed's header and its entries.
struct FeedHead<'a> {
    lang: &'a str,
    title: &'a str,
    home: &'a str,
    this: &'a str,
    updated: &'a str,
}

fn feed_xml(head: &FeedHead, entries: &[Entry]) -> Result<Vec<u8>, String> {
    let mut x = Xml::new("utf-8")?;
    let write = |x: &mut Xml| -> XmlResult {
        x.start(
            "feed",
            &[
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xml:lang", head.lang),
            ],
        )?;
        x.ws("\n  ")?;
        x.text("title", head.title)?;
        x.ws("\n  ")?;
        x.text("id", head.home)?;
        x.ws("\n  ")?;
        x.empty("link", &[("href", head.home)])?;
        x.ws("\n  ")?;
        x.empty("link", &[("rel", "self"), ("href", head.this)])?;
        x.ws("\n  ")?;
        x.text("updated", head.updated)?;
        x.ws("\n")?;
        for e in entries {
            e.write(x)?;
        }
        x.end("feed")?;
        x.ws("\n")
    };
    write(&mut x).map_err(|e| e.to_string())?;
    Ok(x.finish())
}

fn feeds(lx: &crate::render::lang::Lx, cfg: &RegistryConfig) -> Result<Vec<OutFile>, String> {
    let site = lx.site;
    let base = &site.opts.base_url;
    let mut urls: Vec<String> = Vec::new();
    let routes = super::KINDS
        .iter()
        .filter_map(|k| k.sitemap)
        .flat_map(|listed| listed(site));
    for r in routes {
        let d = r.dir_url();
        for l in &site.languages {
            urls.push(format!("{base}/{}{d}", site.prefix(l)));
        }
    }
    let sitemap = sitemap_xml(&urls)?;

    let lang = site.default_lang;
    let title = cfg.title.get(lang, lang);
    // Entries: every published description (at its `updated` date) and
    // every published review (at its date: a new review, and the levels
    // it verified or changed), newest first, the latest 50.
    let mut entries: Vec<(crate::model::common::Date, String, Entry)> = Vec::new();
    for p in site.practices.iter().map(|p| site.shown(p, lang)) {
        let url = format!("{base}/{}", Route::Practice(p.id.as_str()).dir_url());
        let org = site
            .reg
            .organizations
            .get(&p.model.organization.value)
            .map(|o| o.model.name.get(lang, lang).to_owned())
            .unwrap_or_default();
        entries.push((
            p.model.updated.value,
            url.clone(),
            Entry {
                title: p.model.title.value.clone(),
                id: url.clone(),
                link: url,
                updated: format!("{}T00:00:00Z", p.model.updated.value),
                author: org,
                summary: p.model.summary.value.clone(),
            },
        ));
    }
    for (id, reviews) in &site.reviews {
        let Some(p) = site.original(id).map(|o| site.shown(o, lang)) else {
            continue;
        };
        let page = format!("{base}/{}", Route::Practice(p.id.as_str()).dir_url());
        let changes_of = crate::render::pages::practice::review::level_changes(lx, reviews);
        for (r, changes) in reviews.iter().zip(changes_of) {
            let m = &r.model;
            let status = lx.t(&format!("review_status_{}", m.status.as_str()));
            let changes: Vec<String> = changes
                .unwrap_or_default()
                .into_iter()
                .map(|ch| {
                    format!(
                        "{}: {}{}",
                        ch.dimension,
                        ch.from.map(|b| format!("{b} → ")).unwrap_or_default(),
                        ch.to
                    )
                })
                .collect();
            let entry_id = format!("{page}#review-{}-{}", m.date.value, r.reviewer_id);
            let summary = if changes.is_empty() {
                status.clone()
            } else {
                format!("{status}. {}", changes.join("; "))
            };
            entries.push((
                *m.date.value,
                entry_id.clone(),
                Entry {
                    title: format!(
                        "{}: {} — {}",
                        lx.t("feed_review"),
                        p.model.title.value,
                        status
                    ),
                    id: entry_id,
                    link: format!("{page}#evidence"),
                    updated: format!("{}T00:00:00Z", *m.date.value),
                    author: m.by(),
                    summary,
                },
            ));
        }
    }
    entries.sort_by(|a, b| (b.0, &a.1).cmp(&(a.0, &b.1)));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |e| e.0.to_string());
    // Every value is escaped by the writer, settings included: a base
    // URL is checked where it enters, but the writer does not rely on it.
    let entries: Vec<Entry> = entries.into_iter().take(50).map(|e| e.2).collect();
    let feed = feed_xml(
        &FeedHead {
            lang,
            title,
            home: &format!("{base}/"),
            this: &format!("{base}/{}", Route::Feed.path()),
            updated: &format!("{updated}T00:00:00Z"),
        },
        &entries,
    )?;
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {base}/{}\n",
        Route::Sitemap.path()
    );
    Ok(vec![
        bytes(Route::Sitemap, sitemap),
        bytes(Route::Feed, feed),
        bytes(Route::Robots, robots.into_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;

    /// Every text and attribute value of a parsed document, in order
    /// (a text run joined across the entity references in it).
    fn parse(xml: &[u8]) -> Vec<String> {
        let mut r = Reader::from_reader(xml);
        r.config_mut().check_end_names = true;
        let mut out = Vec::new();
        let mut run = String::new();
        let mut buf = Vec::new();
        loop {
            let ev = r.read_event_into(&mut buf).expect("well-formed XML");
            match &ev {
                Event::Text(t) => {
                    run.push_str(&t.xml10_content());
                    buf.clear();
                    continue;
                }
                Event::GeneralRef(g) => {
                    run.push_str(match g.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity {other}"),
                    });
                    buf.clear();
                    continue;
                }
                _ => {}
            }
            if !run.trim().is_empty() {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
            match ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    for a in e.attributes() {
                        let a = a.expect("attribute");
                        out.push(
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("attribute value")
                                .into_owned(),
                        );
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        out
    }

    #[test]
    fn hostile_values_are_escaped_and_the_layout_kept() {
        let nasty = "a&b \"q\" 'a' <script>x</script> ]]> \u{1}";
        let head = FeedHead {
            lang: "ru",
            title: nasty,
            home: "https://e.org/?a=1&b=\"2\"<",
            this: "https://e.org/feed.xml",
            updated: "2024-01-01T00:00:00Z",
        };
        let entry = Entry {
            title: nasty.into(),
            id: "https://e.org/p/#x".into(),
            link: "https://e.org/p/\"onload=\"x".into(),
            updated: "2024-01-01T00:00:00Z".into(),
            author: "<b>".into(),
            summary: "</summary><x>".into(),
        };
        let xml = feed_xml(&head, &[entry]).unwrap();
        let text = String::from_utf8(xml.clone()).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n  <title>"), "{text}");
        assert!(
            text.contains("\n    <author><name>&lt;b&gt;</name></author>\n"),
            "{text}"
        );
        let values = parse(&xml);
        let clean = nasty.replace('\u{1}', "\u{fffd}");
        assert!(values.contains(&clean), "{values:?}");
        assert!(
            values.iter().any(|v| v == "https://e.org/?a=1&b=\"2\"<"),
            "{values:?}"
        );
        assert!(values.iter().any(|v| v == "</summary><x>"), "{values:?}");
        let sitemap = sitemap_xml(&["https://e.org/?a&b<".into()]).unwrap();
        assert_eq!(
            String::from_utf8(sitemap.clone()).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://e.org/?a&amp;b&lt;</loc></url>\n</urlset>\n"
        );
        assert!(parse(&sitemap).iter().any(|v| v == "https://e.org/?a&b<"));
    }
}
