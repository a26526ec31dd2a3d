//! Full-text search: pagefind, used as a library.
//!
//! [`Indexer`] sits between the renderer and the output as a [`Sink`]:
//! every file passes through unchanged, and every page that marks a
//! region with `data-pagefind-body` (the practice pages of the default
//! theme; an overriding theme decides for itself, as with the pagefind
//! CLI) is also kept for the index. [`Indexer::finish`] hands the pages to
//! pagefind and writes its bundle to `pagefind/` through the same sink,
//! so the index is staged and swapped in with the rest of the site.
//!
//! Why collect before indexing: pagefind numbers pages in the order they
//! are added and that order is in its output, while pages arrive in
//! whatever order the rayon workers finish them. Sorting by path first
//! makes the index as deterministic as pagefind itself is (measured: two
//! builds give byte-identical bundles). To keep that affordable the kept
//! copy drops what search never reads — the `<head>` and the inline SVG
//! figures (their text is repeated in the tables beside them) — which
//! halves it.
//!
//! Languages: pagefind reads `<html lang>`, so every UI language gets an
//! index of its own (stemmed in that language — Russian and English
//! stemmers are part of pagefind) and `/en/search/` searches `/en/` pages.

use super::{Content, OutFile, Sink};
use std::sync::Mutex;

/// What indexing produced, for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct SearchStats {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
}

pub struct Indexer<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<(String, String)>>,
}

impl<'a> Indexer<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Indexer {
            inner,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Builds the index of every kept page and writes the bundle.
    pub fn finish(self) -> Result<SearchStats, String> {
        let mut pages = self.pages.into_inner().map_err(|e| e.to_string())?;
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        let n = pages.len();
        let files = build_bundle(pages)?;
        let mut stats = SearchStats {
            pages: n,
            ..SearchStats::default()
        };
        for (name, bytes) in files {
            stats.files += 1;
            stats.bytes += bytes.len();
            self.inner.put(OutFile {
                path: format!("pagefind/{name}"),
                content: Content::Bytes(bytes),
            })?;
        }
        Ok(stats)
    }
}

impl Sink for Indexer<'_> {
    fn put(&self, file: OutFile) -> Result<(), String> {
        if file.path.ends_with(".html")
            && let Content::Bytes(bytes) = &file.content
            && let Ok(html) = std::str::from_utf8(bytes)
            && html.contains("data-pagefind-body")
        {
            let kept = reduce(html);
            self.pages
                .lock()
                .map_err(|e| e.to_string())?
                .push((file.path.clone(), kept));
        }
        self.inner.put(file)
    }
}

/// Pagefind files a site of ours never loads: its prebuilt UIs (the
/// search page has its own small, accessible one) and the playground.
fn unused(name: &str) -> bool {
    name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-highlight.")
        || name.starts_with("playground/")
}

/// A pagefind bundle: (file name, bytes).
type Bundle = Vec<(String, Vec<u8>)>;

/// Runs pagefind over `pages` (path, html), in the given order, and
/// returns its bundle as (file name, bytes), sorted by name.
///
/// Pagefind builds one index per language and, through its API, parses
/// one page at a time. So each language gets an index of its own, built on
/// its own thread, and the bundles are merged: their files are named by
/// language (`ru_…`, `wasm.ru.pagefind`) except the shared scripts, which
/// are the same in every bundle, and `pagefind-entry.json`, whose
/// `languages` maps are joined. With two UI languages this halves the
/// time indexing takes.
pub fn build_bundle(pages: Vec<(String, String)>) -> Result<Bundle, String> {
    let mut by_lang: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for page in pages {
        by_lang.entry(html_lang(&page.1)).or_default().push(page);
    }
    let bundles: Vec<Result<Bundle, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = by_lang
            .into_values()
            .map(|pages| scope.spawn(move || build_one(pages)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("search index: indexing panicked".into()))
            })
            .collect()
    });
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    let mut entry: Option<serde_json::Value> = None;
    for bundle in bundles {
        for (name, bytes) in bundle? {
            if name == "pagefind-entry.json" {
                let e: serde_json::Value = serde_json::from_slice(&bytes)
                    .map_err(|e| format!("search index: pagefind-entry.json: {e}"))?;
                match &mut entry {
                    None => entry = Some(e),
                    Some(all) => {
                        if let (Some(a), Some(b)) = (
                            all.get_mut("languages").and_then(|l| l.as_object_mut()),
                            e.get("languages").and_then(|l| l.as_object()),
                        ) {
                            a.extend(b.clone());
                        }
                    }
                }
            } else {
                files.insert(name, bytes);
            }
        }
    }
    if let Some(entry) = entry {
        files.insert(
            "pagefind-entry.json".into(),
            serde_json::to_vec(&entry).map_err(|e| e.to_string())?,
        );
    }
    Ok(files.into_iter().collect())
}

/// The `lang` of a page's `<html>` element ("" when it has none: pagefind
/// then files it under its site's main language).
fn html_lang(html: &str) -> String {
    let Some(start) = html.find("<html") else {
        return String::new();
    };
    let tag = &html[start..html[start..].find('>').map_or(html.len(), |e| start + e)];
    tag.split_once("lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or_else(String::new, |(lang, _)| lang.to_owned())
}

/// One pagefind index over `pages`, in order.
fn build_one(pages: Vec<(String, String)>) -> Result<Bundle, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    // Pagefind's API is async; a one-thread runtime is enough (it
    // parses pages one at a time behind its own lock anyway).
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: {e}"))?;
    rt.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .exclude_selectors(vec!["svg".into(), "[data-pagefind-ignore]".into()])
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e}"))?;
        for (path, html) in pages {
            index
                .add_html_file(None, Some(format!("/{path}")), html)
                .await
                .map_err(|e| format!("search index: {path}: {e}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e}"))?;
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (name, f.contents)
            })
            .filter(|(name, _)| !unused(name))
            .collect())
    })
}

/// The page without its `<head>` and inline SVG: what pagefind would skip
/// anyway, dropped before the page is held until indexing.
fn reduce(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    if let (Some(a), Some(b)) = (rest.find("<head>"), rest.find("</head>"))
        && a < b
    {
        out.push_str(&rest[..a]);
        rest = &rest[b + "</head>".len()..];
    }
    let rest = cut(rest, &mut out, "<svg", |_| true, "</svg>");
    // Sections the theme keeps out of search (numbers, expert findings,
    // lists of partners): dropped whole, as pagefind would ignore them.
    let mut kept = String::with_capacity(out.len() + rest.len());
    let rest = cut(
        &(out + rest),
        &mut kept,
        "<section",
        |tag| tag.contains("data-pagefind-ignore"),
        "</section>",
    )
    .to_owned();
    kept.push_str(&rest);
    kept
}

/// Copies `text` to `out` without the elements that open with `open`,
/// whose opening tag satisfies `drop`, up to the first `close` after
/// them (the elements we drop never nest). Returns what follows the last
/// cut, for the caller to append.
fn cut<'t>(
    mut text: &'t str,
    out: &mut String,
    open: &str,
    drop: impl Fn(&str) -> bool,
    close: &str,
) -> &'t str {
    while let Some(a) = text.find(open) {
        let tag_end = text[a..].find('>').map_or(text.len(), |e| a + e);
        if !drop(&text[a..tag_end]) {
            out.push_str(&text[..tag_end]);
            text = &text[tag_end..];
            continue;
        }
        let Some(len) = text[a..].find(close) else {
            break;
        };
        out.push_str(&text[..a]);
        text = &text[a + len + close.len()..];
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduce_drops_head_and_svg_only() {
        let html = "<html lang=\"ru\"><head><title>t</title></head><body><p>до</p><svg><text>x</text></svg><p>после</p><svg>y</svg></body></html>";
        assert_eq!(
            reduce(html),
            "<html lang=\"ru\"><body><p>до</p><p>после</p></body></html>"
        );
        // An unclosed svg keeps the rest rather than losing text.
        assert_eq!(reduce("<p>a</p><svg><p>b</p>"), "<p>a</p><svg><p>b</p>");
        // Ignored sections go; others stay.
        assert_eq!(
            reduce(
                "<section id=\"a\"><p>1</p></section><section id=\"b\" data-pagefind-ignore><p>2</p></section><p>3</p>"
            ),
            "<section id=\"a\"><p>1</p></section><p>3</p>"
        );
    }

    #[test]
    fn russian_stemming_finds_inflected_forms() {
        let page = |lang: &str, text: &str| {
            format!(
                "<html lang=\"{lang}\"><body><main data-pagefind-body><h1>{text}</h1><p>{text}</p></main></body></html>"
            )
        };
        let files = build_bundle(vec![
            (
                "a/index.html".into(),
                page("ru", "Помощь семье в трудной ситуации"),
            ),
            ("en/a/index.html".into(), page("en", "Supporting families")),
        ])
        .unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind-entry.json"));
        // One index per language.
        let entry = &files
            .iter()
            .find(|(n, _)| n == "pagefind-entry.json")
            .unwrap()
            .1;
        let entry = String::from_utf8_lossy(entry);
        assert!(
            entry.contains("\"ru\"") && entry.contains("\"en\""),
            "{entry}"
        );
        assert!(!names.iter().any(|n| n.starts_with("pagefind-ui.")));
    }

    #[test]
    fn html_lang_is_read_from_the_html_element() {
        assert_eq!(html_lang("<!DOCTYPE html>\n<html lang=\"ru\">"), "ru");
        assert_eq!(html_lang("<html><body lang=\"en\">"), "");
        assert_eq!(html_lang("<p>no html</p>"), "");
    }

    #[test]
    fn same_pages_same_bundle() {
        let pages = || {
            (0..20)
                .map(|i| {
                    (
                        format!("p{i}/index.html"),
                        format!("<html lang=\"en\"><body><main data-pagefind-body><p>practice {i} families</p></main></body></html>"),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            build_bundle(pages()).unwrap(),
            build_bundle(pages()).unwrap()
        );
    }
}
