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
//! makes the index as deterministic as pagefind itself is (two builds give
//! byte-identical bundles: tested). To keep that affordable the kept copy
//! drops what search never reads — the `<head>`, the inline SVG figures and
//! the sections the theme marks `data-pagefind-ignore` — about a quarter
//! of the page is left.
//!
//! Languages: pagefind reads `<html lang>`; every UI language gets indexes
//! of its own (stemmed in that language — Russian and English stemmers are
//! part of pagefind) and `/en/search/` searches `/en/` pages. Each
//! language's index is split into shards of [`SHARD_PAGES`] pages, built
//! two at a time and merged by the search page, so that pagefind's memory
//! (the bulk of it) does not grow with the registry; what still grows is
//! the kept copy, about 50 KB per page.

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

    /// Builds the index of every kept page and writes the bundles.
    pub fn finish(self) -> Result<SearchStats, String> {
        let pages = self.pages.into_inner().map_err(|e| e.to_string())?;
        let stats = Mutex::new(SearchStats {
            pages: pages.len(),
            ..SearchStats::default()
        });
        index_into(pages, &|path, bytes| {
            if let Ok(mut s) = stats.lock() {
                s.files += 1;
                s.bytes += bytes.len();
            }
            self.inner.put(OutFile {
                path: format!("pagefind/{path}"),
                content: Content::Bytes(bytes),
            })
        })?;
        stats.into_inner().map_err(|e| e.to_string())
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

/// Pages per pagefind index. Pagefind holds every page of an index in
/// memory until the index is written (measured: about 0.8 MB per long
/// practice page, 20 GB for 10,000 practices in two languages in one index
/// per language), so each language is indexed in shards of this many pages,
/// which the search page merges (pagefind's `mergeIndex`: results ranked
/// together by score, filter counts added up). Memory then depends on the
/// shard, not on the registry.
const SHARD_PAGES: usize = 2000;

/// [`SHARD_PAGES`], or `DOKAZ_SEARCH_SHARD_PAGES` when set: the browser
/// tests use it to see a small site's index merged from shards.
fn shard_pages() -> usize {
    std::env::var("DOKAZ_SEARCH_SHARD_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(SHARD_PAGES)
}

/// Indexes `pages` (path, html) and hands every file of the result to
/// `put` as (path under `pagefind/`, bytes): one bundle per shard in
/// `<lang>-<n>/`, and `shards.json` naming each language's shards, the
/// first of which the search page loads. Pages are sorted by path first;
/// shards are built two at a time (as many as there are cores).
pub fn index_into(
    mut pages: Vec<(String, String)>,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), String> + Sync),
) -> Result<(), String> {
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    let mut by_lang: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for page in pages {
        let lang = html_lang(&page.1);
        let lang = if lang.is_empty() {
            "und".to_owned()
        } else {
            lang
        };
        by_lang.entry(lang).or_default().push(page);
    }
    let mut manifest: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut shards: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (lang, pages) in by_lang {
        let mut rest = pages;
        let mut n = 0;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(shard_pages()));
            let dir = format!("{lang}-{n}");
            manifest.entry(lang.clone()).or_default().push(dir.clone());
            shards.push((dir, std::mem::replace(&mut rest, tail)));
            n += 1;
        }
    }
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(shards.len())
        .max(1);
    let queue = Mutex::new(shards.into_iter());
    let failed: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.next());
                    let Some((dir, pages)) = next else { break };
                    let result = build_one(pages).and_then(|files| {
                        files
                            .into_iter()
                            .try_for_each(|(name, bytes)| put(format!("{dir}/{name}"), bytes))
                    });
                    if let Err(e) = result {
                        if let Ok(mut f) = failed.lock() {
                            f.get_or_insert(e);
                        }
                        break;
                    }
                }
            });
        }
    });
    if let Some(e) = failed.into_inner().map_err(|e| e.to_string())? {
        return Err(e);
    }
    put(
        "shards.json".into(),
        serde_json::to_vec(&manifest).map_err(|e| e.to_string())?,
    )
}

/// Every file [`index_into`] writes, sorted by path (for tests).
pub fn build_bundle(pages: Vec<(String, String)>) -> Result<Bundle, String> {
    let files = Mutex::new(Vec::new());
    index_into(pages, &|path, bytes| {
        files.lock().map_err(|e| e.to_string())?.push((path, bytes));
        Ok(())
    })?;
    let mut files = files.into_inner().map_err(|e| e.to_string())?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
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
        // One bundle per language, and the manifest naming them.
        assert!(names.contains(&"ru-0/pagefind.js"), "{names:?}");
        assert!(names.contains(&"en-0/pagefind-entry.json"));
        let shards = &files.iter().find(|(n, _)| n == "shards.json").unwrap().1;
        assert_eq!(
            String::from_utf8_lossy(shards),
            r#"{"en":["en-0"],"ru":["ru-0"]}"#
        );
        let entry = &files
            .iter()
            .find(|(n, _)| n == "ru-0/pagefind-entry.json")
            .unwrap()
            .1;
        assert!(String::from_utf8_lossy(entry).contains("\"ru\""));
        assert!(!names.iter().any(|n| n.contains("pagefind-ui.")));
    }

    #[test]
    fn large_languages_are_split_into_shards() {
        let pages = (0..SHARD_PAGES + 1)
            .map(|i| {
                (
                    format!("p{i:05}/index.html"),
                    format!("<html lang=\"en\"><body><main data-pagefind-body><p>practice {i}</p></main></body></html>"),
                )
            })
            .collect();
        let files = build_bundle(pages).unwrap();
        let shards = &files.iter().find(|(n, _)| n == "shards.json").unwrap().1;
        assert_eq!(String::from_utf8_lossy(shards), r#"{"en":["en-0","en-1"]}"#);
        assert!(files.iter().any(|(n, _)| n == "en-1/pagefind.js"));
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
