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
use std::collections::BTreeMap;
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
    records: Mutex<Vec<(String, Record)>>,
}

impl<'a> Indexer<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Indexer {
            inner,
            records: Mutex::new(Vec::new()),
        }
    }

    /// Builds the index of every kept page and writes the bundles.
    pub fn finish(self) -> Result<SearchStats, String> {
        let records = self.records.into_inner().map_err(|e| e.to_string())?;
        let stats = Mutex::new(SearchStats {
            pages: records.len(),
            ..SearchStats::default()
        });
        index_records(records, &|path, bytes| {
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
            && memchr::memmem::find(bytes, b"data-pagefind-body").is_some()
            && let Ok(html) = std::str::from_utf8(bytes)
            && let Some(record) = Record::of(html)
        {
            self.records
                .lock()
                .map_err(|e| e.to_string())?
                .push((file.path.clone(), record));
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
/// `put` as (path under `pagefind/`, bytes): see [`index_records`]. Pages
/// without a search body are left out.
pub fn index_into(
    pages: Vec<(String, String)>,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), String> + Sync),
) -> Result<(), String> {
    let records = pages
        .into_iter()
        .filter_map(|(path, html)| Record::of(&html).map(|r| (path, r)))
        .collect();
    index_records(records, put)
}

/// Pages of a language from which it is split into at least two shards,
/// however few [`shard_pages`] would make: with one shard per language a
/// two-language site was indexed on two cores with one of them idle for
/// the last half of the time (the Russian pages carry about twice the
/// text of the English ones). A fixed number, not the machine's cores, so
/// the bundle is the same on every machine.
const SPLIT_FROM_PAGES: usize = 500;

/// `records` (sorted by path) cut into consecutive shards of at most
/// [`shard_pages`] pages, as many as that needs but at least two from
/// [`SPLIT_FROM_PAGES`], each carrying about the same amount of text.
fn split_shards(records: Vec<(String, Record)>) -> Vec<Vec<(String, Record)>> {
    let cap = shard_pages();
    let mut count = records.len().div_ceil(cap).max(1);
    if records.len() >= SPLIT_FROM_PAGES {
        count = count.max(2);
    }
    let total: usize = records.iter().map(|(_, r)| r.weight.max(1)).sum();
    let mut shards: Vec<Vec<(String, Record)>> = Vec::with_capacity(count);
    let mut current = Vec::new();
    let mut done = 0usize;
    for record in records {
        let weight = record.1.weight.max(1);
        current.push(record);
        done += weight;
        let k = shards.len() + 1;
        // Closed when full, or when it has its share of the text (the
        // last one takes the rest; a shard is never empty, so text piled
        // at the end gives fewer shards, not empty ones).
        let full = current.len() >= cap;
        let share = k < count && done * count >= total * k;
        if full || share {
            shards.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() || shards.is_empty() {
        shards.push(current);
    }
    shards
}

/// Indexes `records` (path, record) and hands every file of the result to
/// `put` as (path under `pagefind/`, bytes): one bundle per shard in
/// `<lang>-<n>/`, and `shards.json` naming each language's shards, the
/// first of which the search page loads. Records are sorted by path
/// first; shards are built two at a time (as many as there are cores).
fn index_records(
    mut records: Vec<(String, Record)>,
    put: &(dyn Fn(String, Vec<u8>) -> Result<(), String> + Sync),
) -> Result<(), String> {
    records.sort_by(|a, b| a.0.cmp(&b.0));
    let mut by_lang: std::collections::BTreeMap<String, Vec<(String, Record)>> = Default::default();
    for record in records {
        let lang = if record.1.lang.is_empty() {
            "und".to_owned()
        } else {
            record.1.lang.clone()
        };
        by_lang.entry(lang).or_default().push(record);
    }
    let mut manifest: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut shards: Vec<(String, Vec<(String, Record)>)> = Vec::new();
    for (lang, records) in by_lang {
        for (n, shard) in split_shards(records).into_iter().enumerate() {
            let dir = format!("{lang}-{n}");
            manifest.entry(lang.clone()).or_default().push(dir.clone());
            shards.push((dir, shard));
        }
    }
    // Heaviest first, so that the last shard to start is a light one and
    // no core waits long for another at the end.
    shards.sort_by_key(|(_, records)| {
        std::cmp::Reverse(records.iter().map(|(_, r)| r.weight).sum::<usize>())
    });
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
                    let Some((dir, records)) = next else { break };
                    let result = build_one(records).and_then(|files| {
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

/// One pagefind index over `records`, in order.
fn build_one(records: Vec<(String, Record)>) -> Result<Bundle, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    // Pagefind's API is async; a one-thread runtime is enough (it
    // indexes records one at a time behind its own lock anyway).
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: {e}"))?;
    rt.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e}"))?;
        for (path, record) in records {
            let Record {
                lang,
                text,
                meta,
                filters,
                ..
            } = record;
            let text = text.unpack();
            let lang = if lang.is_empty() {
                "unknown".to_owned()
            } else {
                lang
            };
            index
                .add_custom_record(
                    format!("/{path}"),
                    text,
                    lang,
                    Some(meta),
                    Some(filters),
                    None,
                )
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

/// What pagefind is given of a page: the text of its search body, its
/// language, meta fields and filters. Read from the page as pagefind's own
/// HTML parser reads it (the same attributes, the same elements left out),
/// by a scanner of our own: pagefind re-parsing every page with lol_html was
/// most of the index's time, and holding the pages until indexing most of
/// the build's memory.
///
/// What is read, all of it `data-pagefind-*` attributes a theme sets:
/// - the text of every element marked `data-pagefind-body` (the practice
///   pages), without `<svg>`, `<script>`, `<style>`, `<nav>`, `<form>`,
///   `<label>`, `<footer>`, `<template>`, `<noscript>`, `<iframe>` and
///   whatever is marked `data-pagefind-ignore`; headings weigh as
///   pagefind weighs them (`h1` 7 down to `h6` 2), block elements are
///   separated (and end a sentence, as pagefind punctuates them);
/// - `data-pagefind-filter="key:value"` (or `"key"`: the element's text);
/// - `data-pagefind-meta="key:value"` (or `"key"`); `title` is the first
///   `<h1>`'s text unless a meta gives it;
/// - the language from `<html lang>`.
///
/// Not read (no theme of ours uses them): `data-pagefind-weight`,
/// `-sort`, `-index-attrs`, `-default-meta`, `key[attribute]` forms.
/// Headings' ids are not turned into pagefind anchors (sub-results): the
/// search page does not show them.
pub struct Record {
    /// `<html lang>`, lower case ("" when there is none).
    pub lang: String,
    /// The text, deflated while it waits for indexing.
    text: Packed,
    /// The text's length in bytes (how much indexing it takes).
    weight: usize,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
}

/// Text held compressed (zlib-rs at its fastest level: about a quarter of
/// the size, for a few milliseconds a page): every page's text waits in
/// memory until the pages are sorted, 50 KB a page unpacked.
struct Packed(Vec<u8>);

impl Packed {
    fn pack(text: &str) -> Packed {
        use std::io::Write;
        let mut z = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(text.len() / 3),
            flate2::Compression::fast(),
        );
        // Writing to a Vec cannot fail.
        let _ = z.write_all(text.as_bytes());
        Packed(z.finish().unwrap_or_default())
    }

    fn unpack(&self) -> String {
        use std::io::Read;
        let mut out = String::with_capacity(self.0.len() * 4);
        let _ = flate2::read::DeflateDecoder::new(&self.0[..]).read_to_string(&mut out);
        out
    }
}

impl Record {
    /// The record of a page with a search body (`None` without one).
    pub fn of(html: &str) -> Option<Record> {
        Scan::new(html).run()
    }

    /// The text pagefind indexes, with its weight markers.
    pub fn text(&self) -> String {
        self.text.unpack()
    }
}

/// Elements whose content is never text of the page (skipped unread).
const RAW: &[&str] = &[
    "head", "script", "style", "svg", "template", "noscript", "iframe", "textarea",
];
/// Elements pagefind leaves out of the text (their attributes are still
/// read).
const LEFT_OUT: &[&str] = &["nav", "form", "label", "footer"];
/// Elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements pagefind ends with a full stop when their text ends in a word.
const SENTENCE: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];
/// Elements inside a line of text (no word boundary around them).
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "code", "dfn", "em", "i", "kbd",
    "map", "object", "output", "q", "samp", "select", "small", "span", "strong", "sub", "sup",
    "time", "tt", "var", "mark", "s", "u", "del", "ins", "bdi", "data",
];

fn is(list: &[&str], name: &str) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// An open element while scanning.
struct Open<'h> {
    name: &'h str,
    body: bool,
    /// 0: indexed; 1: `data-pagefind-ignore` (text left out, attributes
    /// read); 2: `data-pagefind-ignore="all"` (nothing read).
    ignore: u8,
    left_out: bool,
    /// Where the element's text starts in the output (for the full stop).
    start: usize,
    sentence: bool,
    block: bool,
    weight: Option<u8>,
    /// Filter and meta keys that take the element's text.
    filter_keys: Vec<String>,
    meta_keys: Vec<String>,
    filter_literals: Vec<(String, String)>,
    meta_literals: Vec<(String, String)>,
    /// Where the element's captured text starts in `Scan::captured`.
    capture: Option<usize>,
}

struct Scan<'h> {
    html: &'h str,
    pos: usize,
    stack: Vec<Open<'h>>,
    out: String,
    in_body: usize,
    ignored: usize,
    excluded: usize,
    /// Text of elements whose text a filter, a meta or the title takes.
    captured: String,
    capturing: usize,
    found_body: bool,
    lang: String,
    title: Option<String>,
    page_title: Option<String>,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

impl<'h> Scan<'h> {
    fn new(html: &'h str) -> Self {
        Scan {
            html,
            pos: 0,
            stack: Vec::new(),
            out: String::with_capacity(html.len() / 4),
            in_body: 0,
            ignored: 0,
            excluded: 0,
            captured: String::new(),
            capturing: 0,
            found_body: false,
            lang: String::new(),
            title: None,
            page_title: None,
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
        }
    }

    fn emitting(&self) -> bool {
        self.in_body > 0 && self.ignored == 0 && self.excluded == 0
    }

    fn run(mut self) -> Option<Record> {
        let html = self.html;
        while self.pos < html.len() {
            let rest = &html[self.pos..];
            let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
                self.text(rest);
                break;
            };
            if lt > 0 {
                self.text(&rest[..lt]);
            }
            self.pos += lt;
            self.tag();
        }
        while let Some(open) = self.stack.pop() {
            self.close(open);
        }
        if !self.found_body {
            return None;
        }
        let mut meta = self.meta;
        if !meta.contains_key("title")
            && let Some(t) = self.title.or(self.page_title)
        {
            meta.insert("title".into(), t);
        }
        Some(Record {
            lang: self.lang,
            text: Packed::pack(&self.out),
            weight: self.out.len(),
            meta,
            filters: self.filters,
        })
    }

    fn text(&mut self, raw: &str) {
        if !self.emitting() && self.capturing == 0 {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        if self.emitting() {
            self.out.push_str(&decoded);
        }
        if self.capturing > 0 {
            self.captured.push_str(&decoded);
        }
    }

    /// At a `<`: a tag, a comment or a declaration.
    fn tag(&mut self) {
        let html = self.html;
        let rest = &html[self.pos..];
        if rest.starts_with("<!--") {
            self.pos += rest.find("-->").map_or(rest.len(), |e| e + 3);
            return;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            self.pos += rest.find('>').map_or(rest.len(), |e| e + 1);
            return;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
            .count();
        if name_len == 0 {
            // A lone `<` is text.
            self.text("<");
            self.pos += 1;
            return;
        }
        let name = &rest[name_start..name_start + name_len];
        if closing {
            self.pos += rest.find('>').map_or(rest.len(), |e| e + 1);
            if self.stack.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
                while let Some(open) = self.stack.pop() {
                    let done = open.name.eq_ignore_ascii_case(name);
                    self.close(open);
                    if done {
                        break;
                    }
                }
            }
            return;
        }
        let mut attrs = Attrs {
            s: &rest[name_start + name_len..],
            i: 0,
        };
        let mut open = Open {
            name,
            body: false,
            ignore: 0,
            left_out: is(LEFT_OUT, name),
            start: 0,
            sentence: is(SENTENCE, name),
            block: !is(INLINE, name),
            weight: heading_weight(name),
            filter_keys: Vec::new(),
            meta_keys: Vec::new(),
            filter_literals: Vec::new(),
            meta_literals: Vec::new(),
            capture: None,
        };
        let is_html = name.eq_ignore_ascii_case("html");
        while let Some((key, value)) = attrs.next() {
            match key {
                "data-pagefind-body" => open.body = true,
                "data-pagefind-ignore" => {
                    open.ignore = if value.eq_ignore_ascii_case("all") {
                        2
                    } else {
                        1
                    }
                }
                "data-pagefind-filter" => {
                    split_attr(value, &mut open.filter_keys, &mut open.filter_literals)
                }
                "data-pagefind-meta" => {
                    split_attr(value, &mut open.meta_keys, &mut open.meta_literals)
                }
                "lang" if is_html => {
                    self.lang = html_escape::decode_html_entities(value).to_lowercase()
                }
                _ => {}
            }
        }
        let self_closing = attrs.self_closing();
        self.pos += name_start + name_len + attrs.i;
        if is(RAW, name) && !self_closing {
            // Skipped to its end tag, unread (the head's title is kept as
            // the title's last resort, as pagefind keeps it).
            let body = &html[self.pos..];
            let end = find_end_tag(body, name);
            if name.eq_ignore_ascii_case("head")
                && let Some(t) = body[..end].find("<title>")
                && let Some(e) = body[t..end].find("</title>")
            {
                self.page_title = Some(normalize(&html_escape::decode_html_entities(
                    &body[t + "<title>".len()..t + e],
                )));
            }
            let close = body[end..].find('>').map_or(body.len(), |g| end + g + 1);
            self.pos += close;
            return;
        }
        if name.eq_ignore_ascii_case("br") && self.emitting() {
            self.out.push(' ');
        }
        let void = self_closing || is(VOID, name);
        self.opened(&mut open);
        if void {
            self.close(open);
        } else {
            self.stack.push(open);
        }
    }

    fn opened(&mut self, open: &mut Open<'h>) {
        if open.body {
            self.in_body += 1;
            self.found_body = true;
        }
        if open.ignore == 1 || open.left_out {
            self.ignored += 1;
        }
        if open.ignore == 2 {
            self.excluded += 1;
        }
        let title = self.title.is_none() && open.name.eq_ignore_ascii_case("h1");
        if !open.filter_keys.is_empty() || !open.meta_keys.is_empty() || title {
            open.capture = Some(self.captured.len());
            self.capturing += 1;
        }
        if self.emitting() {
            if let Some(w) = open.weight {
                self.out.push_str(" ___PAGEFIND_AUTO_WEIGHT___");
                self.out.push((b'0' + w) as char);
                self.out.push(' ');
            }
            if open.block {
                self.out.push(' ');
            }
        }
        open.start = self.out.len();
    }

    fn close(&mut self, open: Open<'h>) {
        if self.emitting() {
            if open.sentence
                && self.out.len() > open.start
                && self.out[open.start..]
                    .chars()
                    .next_back()
                    .is_some_and(ends_sentence)
            {
                self.out.push('.');
            }
            if open.block {
                self.out.push(' ');
            }
            if open.weight.is_some() {
                self.out.push_str(" ___END_PAGEFIND_WEIGHT___ ");
            }
        }
        let captured = open.capture.map(|start| {
            self.capturing -= 1;
            let text = normalize(&self.captured[start..]);
            if self.capturing == 0 {
                self.captured.clear();
            }
            text
        });
        if self.excluded == 0 {
            for (k, v) in open.filter_literals {
                self.filters.entry(k).or_default().push(v);
            }
            for (k, v) in open.meta_literals {
                self.meta.insert(k, v);
            }
            if let Some(text) = &captured {
                for k in open.filter_keys {
                    self.filters.entry(k).or_default().push(text.clone());
                }
                for k in open.meta_keys {
                    self.meta.insert(k, text.clone());
                }
            }
        }
        if let Some(text) = captured
            && self.title.is_none()
            && open.name.eq_ignore_ascii_case("h1")
            && !text.is_empty()
        {
            self.title = Some(text);
        }
        if open.body {
            self.in_body -= 1;
        }
        if open.ignore == 1 || open.left_out {
            self.ignored -= 1;
        }
        if open.ignore == 2 {
            self.excluded -= 1;
        }
    }
}

/// pagefind's weight of a heading.
fn heading_weight(name: &str) -> Option<u8> {
    let b = name.as_bytes();
    match b {
        [h, d] if h.eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(d) => {
            Some(8 - (d - b'0'))
        }
        _ => None,
    }
}

/// Whether pagefind ends a block ending in `c` with a full stop (its
/// `[\w'")$*]`).
fn ends_sentence(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*')
}

/// Whitespace collapsed and trimmed.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `key:value, key2` as pagefind reads a filter or meta attribute: keys
/// before the first `:` (comma-separated) take the element's text, except
/// the last, which takes the literal after the `:`.
fn split_attr(value: &str, keys: &mut Vec<String>, literals: &mut Vec<(String, String)>) {
    let value = html_escape::decode_html_entities(value);
    let (names, literal) = match value.split_once(':') {
        Some((n, l)) => (n, Some(l)),
        None => (&value[..], None),
    };
    let mut names: Vec<String> = names
        .split(',')
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if let Some(literal) = literal
        && let Some(last) = names.pop()
    {
        literals.push((last, normalize(literal)));
    }
    keys.extend(names);
}

/// The offset of `</name` (any case) in `s`, or `s.len()`.
fn find_end_tag(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&b[from..], b"</") {
        let at = from + i;
        let n = &b[at + 2..];
        if n.len() >= name.len() && n[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

/// The attributes of a start tag, read up to its `>`.
struct Attrs<'h> {
    s: &'h str,
    i: usize,
}

impl<'h> Attrs<'h> {
    fn next(&mut self) -> Option<(&'h str, &'h str)> {
        let b = self.s.as_bytes();
        loop {
            while self.i < b.len() && (b[self.i].is_ascii_whitespace() || b[self.i] == b'/') {
                if b[self.i] == b'/' && b.get(self.i + 1) == Some(&b'>') {
                    return None;
                }
                self.i += 1;
            }
            if self.i >= b.len() || b[self.i] == b'>' {
                return None;
            }
            let start = self.i;
            while self.i < b.len()
                && !matches!(b[self.i], b'=' | b'>' | b'/')
                && !b[self.i].is_ascii_whitespace()
            {
                self.i += 1;
            }
            let key = &self.s[start..self.i];
            while self.i < b.len() && b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            if b.get(self.i) != Some(&b'=') {
                if key.is_empty() {
                    self.i += 1;
                    continue;
                }
                return Some((key, ""));
            }
            self.i += 1;
            while self.i < b.len() && b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            let value = match b.get(self.i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let v0 = self.i + 1;
                    let end = memchr::memchr(q, &b[v0..]).map_or(b.len(), |e| v0 + e);
                    self.i = (end + 1).min(b.len());
                    &self.s[v0..end]
                }
                _ => {
                    let v0 = self.i;
                    while self.i < b.len() && b[self.i] != b'>' && !b[self.i].is_ascii_whitespace()
                    {
                        self.i += 1;
                    }
                    &self.s[v0..self.i]
                }
            };
            return Some((key, value));
        }
    }

    /// After the last attribute: whether the tag ends `/>`, with `i` moved
    /// past its `>`.
    fn self_closing(&mut self) -> bool {
        let b = self.s.as_bytes();
        while self.i < b.len() && b[self.i] != b'>' {
            self.i += 1;
        }
        let closing = self.i > 0 && b.get(self.i - 1) == Some(&b'/');
        self.i = (self.i + 1).min(b.len());
        closing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_what_pagefind_reads() {
        let html = concat!(
            "<!DOCTYPE html><html lang=\"RU\"><head><title>Page &amp; site</title><script>var x = '<p>';</script></head>",
            "<body><nav><p>menu</p></nav><div class=\"practice\" data-pagefind-body>",
            "<span data-pagefind-filter=\"status:active\"></span><span data-pagefind-filter=\"verified:no\"></span>",
            "<span hidden data-pagefind-meta=\"evidence:Results: ✓ advanced\"></span>",
            "<p class=\"eyebrow\"><a href=\"x\" data-pagefind-meta=\"organization\">Fund &laquo;Home&raquo;</a></p>",
            "<h1>Warm <em>home</em></h1><p>One&nbsp;two<br>three</p>",
            "<svg><text>chart</text></svg><dl data-pagefind-ignore><dt>Status</dt><dd>hidden</dd></dl>",
            "<section data-pagefind-ignore><p>numbers</p><span data-pagefind-filter=\"region:moscow\"></span></section>",
            "<table><tr><th>Goal</th><th>Result</th></tr></table><!-- <p>comment</p> -->",
            "<img src=\"a.png\" alt=\"pic\"/><p>end?</p></div><footer>foot</footer></body></html>"
        );
        let r = Record::of(html).unwrap();
        assert_eq!(r.lang, "ru");
        let text = r.text().split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            text,
            "Fund «Home» ___PAGEFIND_AUTO_WEIGHT___7 Warm home. ___END_PAGEFIND_WEIGHT___ One two three. Goal Result end?"
        );
        assert_eq!(r.meta.get("title").map(String::as_str), Some("Warm home"));
        assert_eq!(
            r.meta.get("organization").map(String::as_str),
            Some("Fund «Home»")
        );
        assert_eq!(
            r.meta.get("evidence").map(String::as_str),
            Some("Results: ✓ advanced")
        );
        assert_eq!(r.filters.get("status"), Some(&vec!["active".to_owned()]));
        assert_eq!(r.filters.get("verified"), Some(&vec!["no".to_owned()]));
        // Filters inside an ignored element count (pagefind's
        // `data-pagefind-ignore` is the text's only).
        assert_eq!(r.filters.get("region"), Some(&vec!["moscow".to_owned()]));
        // No search body, no record; the title falls back on <title>.
        assert!(Record::of("<html><body><p>x</p></body></html>").is_none());
        let r = Record::of("<html><head><title>T &amp; U</title></head><body><main data-pagefind-body>x</main></body></html>").unwrap();
        assert_eq!(r.meta.get("title").map(String::as_str), Some("T & U"));
        assert_eq!(r.lang, "");
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
    fn a_language_of_many_pages_is_split_by_its_text() {
        let record = |i: usize, words: usize| {
            let html = format!(
                "<html lang=\"ru\"><body><main data-pagefind-body><p>{}</p></main></body></html>",
                "слово ".repeat(words)
            );
            (format!("p{i:04}/index.html"), Record::of(&html).unwrap())
        };
        // The first hundred pages carry as much text as the other 500.
        let records: Vec<_> = (0..600)
            .map(|i| record(i, if i < 100 { 50 } else { 10 }))
            .collect();
        let weight: usize = records.iter().map(|(_, r)| r.weight).sum();
        let shards = split_shards(records);
        assert_eq!(shards.len(), 2);
        let w0: usize = shards[0].iter().map(|(_, r)| r.weight).sum();
        assert!(
            w0 * 100 >= weight * 49 && w0 * 100 <= weight * 51,
            "{w0} of {weight}"
        );
        // Not at 300 pages: where the text halves (each page also carries
        // a few bytes of its own).
        assert!(
            (100..=115).contains(&shards[0].len()),
            "{}",
            shards[0].len()
        );
        let paths: Vec<&String> = shards.iter().flatten().map(|(p, _)| p).collect();
        assert_eq!(paths.len(), 600);
        assert!(paths.windows(2).all(|w| w[0] < w[1]), "in order, none lost");
        // More pages than two shards hold: three of about equal text.
        let many: Vec<_> = (0..2 * SHARD_PAGES + 500).map(|i| record(i, 2)).collect();
        let sizes: Vec<usize> = split_shards(many).iter().map(Vec::len).collect();
        assert_eq!(sizes.len(), 3, "{sizes:?}");
        let third = (2 * SHARD_PAGES + 500) / 3;
        assert!(sizes.iter().all(|&n| n.abs_diff(third) <= 2), "{sizes:?}");
        // All the text on the last page: one shard, none empty.
        let piled: Vec<_> = (0..600)
            .map(|i| record(i, if i == 599 { 100_000 } else { 1 }))
            .collect();
        let shards = split_shards(piled);
        assert!(shards.iter().all(|s| !s.is_empty()));
        assert_eq!(shards.iter().map(Vec::len).sum::<usize>(), 600);
        // Below the threshold, one shard.
        let few: Vec<_> = (0..SPLIT_FROM_PAGES - 1).map(|i| record(i, 3)).collect();
        assert_eq!(split_shards(few).len(), 1);
        let enough: Vec<_> = (0..SPLIT_FROM_PAGES).map(|i| record(i, 3)).collect();
        assert_eq!(split_shards(enough).len(), 2);
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
