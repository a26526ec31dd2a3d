//! Rendering: every file of the site, streamed to a [`Sink`] (the staging
//! folder of `write`) as it is produced.
//!
//! Every page of SITE.md is produced for every UI language (the default at
//! the root, the others under `/<lang>/`). Pages are independent, so they
//! render in parallel; each file's bytes depend only on the registry (all
//! orders are sorted, nothing reads the clock but `today` from the
//! caller), so two builds give the same bytes whatever the scheduling.
//! Links are relative (`../../practices/x/index.html`) so the pages also
//! work when opened from disk.

pub mod charts;
pub mod data;
pub mod diagram;
pub mod discover;
pub mod format;
pub mod library;
pub mod markdown;
pub mod search;
pub mod svg;
pub mod theme;
pub mod views;

use crate::model::common::Id;
use crate::model::practice::Practice;
use crate::model::review::{ReviewStatus, VerifiedLevel, verified_levels};
use crate::model::{Doc, Registry, ReviewDoc};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use views::{Lx, card};

pub struct Options {
    pub drafts: bool,
    /// Absolute site URL without a trailing slash.
    pub base_url: String,
    /// The date the build considers "today" (data older than two years).
    pub today: crate::model::common::Date,
    /// Show a progress bar (the caller decides: an interactive terminal
    /// and a registry large enough for the build to take a while).
    pub progress: bool,
}

/// One file of the built site.
pub enum Content {
    Bytes(Vec<u8>),
    /// Copied from the registry (attached documents).
    Copy(PathBuf),
}

pub struct OutFile {
    pub path: String,
    pub content: Content,
}

/// The registry as the site sees it: published practices only, with the
/// indexes every page needs computed once.
pub struct Site<'a> {
    pub reg: &'a Registry,
    pub opts: &'a Options,
    pub default_lang: &'a str,
    pub languages: Vec<&'a str>,
    /// Published practices, sorted by id.
    pub practices: Vec<&'a Doc<Practice>>,
    pub reviews: BTreeMap<&'a Id, Vec<&'a ReviewDoc>>,
    pub verified: BTreeMap<Id, BTreeMap<String, VerifiedLevel>>,
    /// original practice id → its published translations.
    pub translations: BTreeMap<&'a Id, Vec<&'a Doc<Practice>>>,
    /// taxonomy → term → practice ids (a parent term includes its children's).
    pub term_index: BTreeMap<&'static str, BTreeMap<Id, BTreeSet<&'a Id>>>,
}

impl<'a> Site<'a> {
    pub fn new(reg: &'a Registry, opts: &'a Options) -> Site<'a> {
        let cfg = reg.config.as_ref();
        let default_lang = cfg.map_or("ru", |c| c.default_language.value.as_str());
        let mut languages: Vec<&str> = cfg.map(|c| c.languages().collect()).unwrap_or_default();
        if !languages.contains(&default_lang) {
            languages.insert(0, default_lang);
        }
        // The default language first, the others in the registry's order.
        languages.sort_by_key(|l| *l != default_lang);
        let practices: Vec<&Doc<Practice>> = reg
            .practices
            .values()
            .filter(|p| opts.drafts || !p.model.draft)
            .collect();
        let published: BTreeSet<&Id> = practices.iter().map(|p| &p.id).collect();
        let mut reviews: BTreeMap<&Id, Vec<&ReviewDoc>> = BTreeMap::new();
        for r in &reg.reviews {
            if published.contains(&r.practice)
                && (opts.drafts || r.model.status != ReviewStatus::Draft)
            {
                reviews.entry(&r.practice).or_default().push(r);
            }
        }
        for list in reviews.values_mut() {
            list.sort_by(|a, b| (a.model.date.value, &a.file).cmp(&(b.model.date.value, &b.file)));
        }
        let verified = reviews
            .iter()
            .map(|(id, rs)| ((*id).clone(), verified_levels(rs.iter().map(|r| &r.model))))
            .collect();
        let mut term_index: BTreeMap<&'static str, BTreeMap<Id, BTreeSet<&Id>>> = BTreeMap::new();
        for p in &practices {
            for (tax, terms) in practice_terms(&p.model) {
                let Some(taxonomy) = reg.taxonomies.get(tax) else {
                    continue;
                };
                let index = term_index.entry(tax).or_default();
                for term in terms {
                    // The term and every ancestor list the practice.
                    let mut cur = Some(term.clone());
                    let mut guard = 0;
                    while let Some(t) = cur {
                        index.entry(t.clone()).or_default().insert(&p.id);
                        cur = taxonomy.parents.get(&t).cloned().flatten();
                        guard += 1;
                        if guard > 64 {
                            break;
                        }
                    }
                }
            }
        }
        let mut translations: BTreeMap<&Id, Vec<&Doc<Practice>>> = BTreeMap::new();
        for p in &practices {
            if let Some(t) = &p.model.translation_of {
                translations.entry(&t.value).or_default().push(p);
            }
        }
        Site {
            translations,
            reg,
            opts,
            default_lang,
            languages,
            practices,
            reviews,
            verified,
            term_index,
        }
    }

    pub fn reviews_of(&self, id: &Id) -> Vec<&'a ReviewDoc> {
        self.reviews.get(id).cloned().unwrap_or_default()
    }

    /// Practices that are translations of this one, or that it translates,
    /// and their other translations.
    pub fn translations_of(&self, id: &Id) -> Vec<&'a Doc<Practice>> {
        let original: &Id = self
            .reg
            .practices
            .get(id)
            .and_then(|p| p.model.translation_of.as_ref().map(|t| &t.value))
            .unwrap_or(id);
        let mut group: Vec<&'a Doc<Practice>> =
            self.translations.get(original).cloned().unwrap_or_default();
        // `practices` is sorted by id (it comes from a BTreeMap).
        if let Ok(i) = self.practices.binary_search_by(|p| p.id.cmp(original)) {
            group.push(self.practices[i]);
        }
        group.retain(|p| p.id != *id);
        group.sort_by(|a, b| a.id.cmp(&b.id));
        group
    }

    /// The URL prefix of a UI language ("" for the default, "en/" otherwise).
    pub fn prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{lang}/")
        }
    }
}

/// The taxonomy terms a practice is tagged with.
pub fn practice_terms(p: &Practice) -> Vec<(&'static str, Vec<Id>)> {
    let mut groups: Vec<Id> = p
        .target_groups
        .iter()
        .filter_map(|g| g.category.as_ref().map(|c| c.value.clone()))
        .collect();
    groups.sort();
    groups.dedup();
    let mut acts: Vec<Id> = p
        .activities
        .iter()
        .filter_map(|a| a.r#type.as_ref().map(|c| c.value.clone()))
        .collect();
    acts.sort();
    acts.dedup();
    vec![
        ("target-groups", groups),
        ("thematic-areas", vec![p.thematic_area.value.clone()]),
        (
            "practice-types",
            p.practice_type.iter().map(|t| t.value.clone()).collect(),
        ),
        ("activity-types", acts),
        (
            "regions",
            p.regions.iter().map(|r| r.value.clone()).collect(),
        ),
    ]
}

/// One page to render: its template, its path under the language root,
/// and its own context.
pub(crate) struct Page {
    pub template: &'static str,
    pub path: String,
    pub title: String,
    pub description: String,
    pub ctx: Value,
    /// The language the page's content is written in, if not the UI's.
    pub content_lang: Option<String>,
    pub json_ld: Option<Value>,
}

/// Where rendered files go. The site is streamed to it as pages are
/// rendered, so a large registry is never held in memory whole.
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), String>;
}

/// What a render produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
}

/// Renders the whole site into `sink`. Errors are template errors (a
/// broken override) or the sink's write errors.
pub fn render(reg: &Registry, opts: &Options, sink: &dyn Sink) -> Result<Stats, String> {
    render_only(reg, opts, sink, &|_: &str| true)
}

/// Which output paths a render produces (the path of the file in the site,
/// e.g. `en/practices/x/index.html`).
pub type Want<'w> = &'w (dyn Fn(&str) -> bool + Sync);

/// Renders only the files whose output path `want` accepts: `dokaz serve`
/// re-renders the pages an edit affects. Each file's bytes are exactly
/// those a full render gives (the same contexts are built); `want` only
/// skips work. Every file goes through the filter at the end, so a gate
/// missed below costs time, never correctness.
pub fn render_only(
    reg: &Registry,
    opts: &Options,
    sink: &dyn Sink,
    want: Want,
) -> Result<Stats, String> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let site = Site::new(reg, opts);
    let cfg = reg.config.as_ref().ok_or("registry.yaml is missing")?;
    let theme = theme::Theme::load(&reg.root, cfg.theme())?;
    let pages_n = AtomicUsize::new(0);
    let files_n = AtomicUsize::new(0);
    let put = |f: OutFile| {
        if !want(&f.path) {
            return Ok(());
        }
        if f.path.ends_with(".html") {
            pages_n.fetch_add(1, Ordering::Relaxed);
        }
        files_n.fetch_add(1, Ordering::Relaxed);
        sink.put(f)
    };

    // Bodies are rendered once and shared by every language.
    let practice_wanted = |p: &Doc<Practice>, lang: &str| {
        want(&format!(
            "{}practices/{}/index.html",
            site.prefix(lang),
            p.id
        ))
    };
    let bodies: BTreeMap<&Id, markdown::Rendered> = site
        .practices
        .par_iter()
        .filter(|p| site.languages.iter().any(|l| practice_wanted(p, l)))
        .map(|p| (&p.id, markdown::render(&p.body)))
        .collect();
    let org_bodies: BTreeMap<&Id, markdown::Rendered> = reg
        .organizations
        .par_iter()
        .map(|(id, o)| (id, markdown::render(&o.body)))
        .collect();

    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::new((site.practices.len() * site.languages.len()) as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix} [{bar:30}] {pos}/{len} practice pages, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_prefix("rendering");
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    for lang in site.languages.clone() {
        let ui = theme.strings(lang, site.default_lang);
        let lx = Lx {
            site: &site,
            lang,
            ui: &ui,
        };
        let t0 = std::time::Instant::now();
        let emit = |page: Page| put(render_page(&lx, &theme, cfg, page)?);
        let mut pages = pages(&lx, &theme, &org_bodies, &emit, want)?;
        let prefix = site.prefix(lang);
        pages.extend(
            discover::pages(&lx)
                .into_iter()
                .filter(|p| want(&format!("{prefix}{}", p.path))),
        );
        // The catalogue's filter data lists every practice: only when wanted.
        if want(&format!("{prefix}practices/catalogue.json")) {
            put(discover::catalogue_data(&lx)?)?;
        }
        let t1 = t0.elapsed().as_millis();
        pages
            .into_par_iter()
            .try_for_each(|page| put(render_page(&lx, &theme, cfg, page)?))?;
        // Practice pages: each context is built, rendered, written and
        // dropped on one worker.
        site.practices.par_iter().try_for_each(|p| {
            if !practice_wanted(p, lang) {
                return Ok(());
            }
            // The comparison data comes from the page's own context: it is
            // wanted with the page (one key in serve::deps).
            let page = practice_page(&lx, p, &bodies[&p.id]);
            put(discover::compare_data(&lx, &p.id, &page.ctx["p"])?)?;
            let page = render_page(&lx, &theme, cfg, page)?;
            bar.inc(1);
            put(page)
        })?;
        if std::env::var_os("DOKAZ_TIMINGS").is_some() {
            eprintln!(
                "  {lang}: contexts {t1} ms, templates {} ms",
                t0.elapsed().as_millis() - t1
            );
        }
    }
    bar.finish_and_clear();
    for (name, bytes) in &theme.statics {
        put(OutFile {
            path: format!("static/{name}"),
            content: Content::Bytes(bytes.clone()),
        })?;
    }
    // An attachment named by two documents is copied once.
    let mut attachments = BTreeSet::new();
    for p in &site.practices {
        for d in &p.model.documents {
            if let (Some(f), Some(dir)) = (&d.file, reg.bundle_dirs.get(&p.id)) {
                let path = format!("files/{}/{}", p.id, f.value);
                if attachments.insert(path.clone()) {
                    put(OutFile {
                        path,
                        content: Content::Copy(dir.join(&f.value)),
                    })?;
                }
            }
        }
    }
    for f in data::open_data(&site, want)? {
        put(f)?;
    }
    // Sitemap, feed and robots.txt are built together, when one is wanted.
    let feeds_wanted = ["sitemap.xml", "feed.xml", "robots.txt"]
        .iter()
        .any(|p| want(p));
    for f in feeds_wanted
        .then(|| data::feeds(&site, cfg))
        .into_iter()
        .flatten()
    {
        put(f)?;
    }
    Ok(Stats {
        pages: pages_n.into_inner(),
        files: files_n.into_inner(),
    })
}

fn render_page(
    lx: &Lx,
    theme: &theme::Theme,
    cfg: &crate::model::registry::RegistryConfig,
    page: Page,
) -> Result<OutFile, String> {
    let site = lx.site;
    let prefix = site.prefix(lx.lang);
    let full = format!("{prefix}{}", page.path);
    let depth = full.matches('/').count();
    // 404.html is served for any missing path, at any depth: only
    // root-relative links work there.
    let root = if page.path == "404.html" {
        "/".to_owned()
    } else {
        "../".repeat(depth)
    };
    let lroot = format!("{root}{prefix}");
    let dir_url = page.path.strip_suffix("index.html").unwrap_or(&page.path);
    let canonical = format!("{}/{}{}", site.opts.base_url, prefix, dir_url);
    // The 404 page exists once, at the root: it has no translations.
    let alternate_langs: Vec<&str> = if page.path == "404.html" {
        vec![lx.lang]
    } else {
        site.languages.clone()
    };
    let alternates: Vec<Value> = alternate_langs
        .iter()
        .map(|l| {
            json!({
                "lang": l,
                "href": format!("{}/{}{}", site.opts.base_url, site.prefix(l), dir_url),
                "rel": format!("{root}{}{}", site.prefix(l), page.path),
                "name": theme.i18n.get(*l).and_then(|m| m.get("lang_name")).cloned().unwrap_or_else(|| l.to_string()),
                "current": *l == lx.lang,
            })
        })
        .collect();
    let json_ld = page.json_ld.map(|v| {
        // `</script>` inside a string must not end the element.
        serde_json::to_string(&v)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    });
    let site_title = lx.loc(&cfg.title);
    // The strings the scripts show, as JSON in a data block (no inline
    // script runs); `<` is escaped so no string can end the element.
    let js_ui: BTreeMap<&str, &str> = lx
        .ui
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("js_").map(|k| (k, v.as_str())))
        .collect();
    let js_ui = serde_json::to_string(&js_ui)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    let mut ctx = json!({
        "js_ui": js_ui,
        "lang": lx.lang,
        "ui": lx.ui,
        "root": root,
        "lroot": lroot,
        "site_title": site_title,
        "site_description": cfg.description.as_ref().map(|d| lx.loc(d)).unwrap_or_default(),
        "title": page.title,
        "description": truncate(&page.description, 200),
        "canonical": canonical,
        "alternates": alternates,
        "content_lang": page.content_lang.filter(|l| l != lx.lang),
        "json_ld": json_ld,
        "path": page.path,
    });
    if let (Value::Object(base), Value::Object(own)) = (&mut ctx, page.ctx) {
        base.extend(own);
    }
    let context = tera::Context::from_value(ctx).map_err(|e| e.to_string())?;
    let html = theme
        .tera
        .render(page.template, &context)
        .map_err(|e| format!("{}: {}", page.template, theme::error_chain(&e)))?;
    // Cards rendered once carry ROOT_MARK where this page's root goes.
    let html = if html.contains(ROOT_MARK) {
        html.replace(ROOT_MARK, &lroot)
    } else {
        html
    };
    Ok(OutFile {
        path: full,
        content: Content::Bytes(html.into_bytes()),
    })
}

/// Stands for the language root in HTML rendered once and placed in pages
/// at different depths. Should content ever contain it, it would only
/// become a relative path in text: nothing that could form markup.
pub const ROOT_MARK: &str = "\u{1}LROOT\u{1}";

/// Cards per listing page: listings are paginated so that the output
/// grows linearly with the number of practices (a term with 5,000
/// practices is 200 small pages, not one page of 15 MB).
pub const PER_PAGE: usize = 24;

/// Splits a listing at `dir` (e.g. `regions/moscow/`) into pages:
/// `dir/index.html`, `dir/page/2/index.html`, … with a pager for each.
fn paginate(dir: &str, items: Vec<Value>) -> Vec<(String, Vec<Value>, Value)> {
    let total = items.len().div_ceil(PER_PAGE).max(1);
    let href = |n: usize| {
        if n == 1 {
            format!("{dir}index.html")
        } else {
            format!("{dir}page/{n}/index.html")
        }
    };
    let mut chunks: Vec<Vec<Value>> = items.chunks(PER_PAGE).map(<[Value]>::to_vec).collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let pager = json!({
                "current": n,
                "total": total,
                "prev": (n > 1).then(|| href(n - 1)),
                "next": (n < total).then(|| href(n + 1)),
                // A window around the current page, plus the first and the
                // last: every pager stays small however many pages there
                // are (listing all pages on every page is quadratic).
                "pages": pager_window(n, total).into_iter().map(|k| match k {
                    Some(k) => json!({"n": k, "href": href(k), "current": k == n}),
                    None => json!({"gap": true}),
                }).collect::<Vec<_>>(),
            });
            (href(n), chunk, pager)
        })
        .collect()
}

/// Page numbers to show in a pager: 1, …, n-2..n+2, …, total (`None` is a gap).
fn pager_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = [1, total]
        .into_iter()
        .chain(n.saturating_sub(2).max(1)..=(n + 2).min(total))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (i, k) in shown.iter().enumerate() {
        if i > 0 && *k > shown[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*k));
    }
    out
}

/// What listings sort titles by: lower case, without the quotes or
/// punctuation a title may open with («Тёплый дом» files under «т»).
pub fn title_key(title: &str) -> String {
    title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The page of one practice.
fn practice_page(lx: &Lx, p: &Doc<Practice>, body: &markdown::Rendered) -> Page {
    let site = lx.site;
    let reg = site.reg;
    let org = reg.organizations.get(&p.model.organization.value);
    let lang = p
        .model
        .language
        .as_ref()
        .map_or(site.default_lang, |l| l.value.as_str())
        .to_owned();
    Page {
        template: "practice.html",
        path: format!("practices/{}/index.html", p.id),
        title: p.model.title.value.clone(),
        description: p.model.summary.value.clone(),
        ctx: json!({"p": views::practice(lx, p, body), "filters": discover::filter_attrs(lx, p)}),
        content_lang: Some(lang.clone()),
        json_ld: Some(json!({
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": p.model.title.value,
            "description": p.model.summary.value,
            "inLanguage": lang,
            "dateModified": p.model.updated.value.to_string(),
            "url": format!("{}/{}practices/{}/", site.opts.base_url, site.prefix(lx.lang), p.id),
            "author": org.map(|o| json!({"@type": "NGO", "name": lx.loc(&o.model.name)})),
            "keywords": p.model.target_groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
        })),
    }
}

/// Every page of one language.
/// Every page of one language but the practice pages. Term pages — the
/// bulk — are handed to `emit` as they are built, so their contexts are
/// never all held at once.
fn pages(
    lx: &Lx,
    theme: &theme::Theme,
    org_bodies: &BTreeMap<&Id, markdown::Rendered>,
    emit: &(dyn Fn(Page) -> Result<(), String> + Sync),
    want: Want,
) -> Result<Vec<Page>, String> {
    let site = lx.site;
    let reg = site.reg;
    let prefix = site.prefix(lx.lang);
    let wanted = |path: &str| want(&format!("{prefix}{path}"));
    // Term pages wanted (a term's first page stands for its pager).
    let all_terms: Vec<(
        &str,
        &str,
        &crate::model::taxonomy::Taxonomy,
        &crate::model::taxonomy::Term,
    )> = views::TAXONOMY_PATHS
        .iter()
        .filter_map(|(tax, path)| reg.taxonomies.get(*tax).map(|t| (*tax, *path, t)))
        .flat_map(|(tax, path, t)| {
            t.all_terms()
                .into_iter()
                .map(move |term| (tax, path, t, term))
        })
        .filter(|(_, path, _, term)| wanted(&format!("{path}/{}/index.html", term.id.value)))
        .collect();
    let want_home = wanted("index.html");
    let want_catalogue = wanted("practices/index.html");
    let need_cards = want_home || want_catalogue || !all_terms.is_empty();
    // Each card is rendered to HTML once per language and reused by every
    // listing it appears in (catalogue, terms, home): listings then copy a
    // string instead of re-rendering a card from a JSON context. Links in
    // a card start with ROOT_MARK, replaced by the page's own root.
    let cards: BTreeMap<&Id, Value> = site
        .practices
        .par_iter()
        .filter(|_| need_cards)
        .map(|p| {
            let mut ctx = tera::Context::new();
            ctx.insert("c", &card(lx, p));
            ctx.insert("lroot", ROOT_MARK);
            ctx.insert("ui", lx.ui);
            let html = theme
                .tera
                .render("card.html", &ctx)
                .map_err(|e| format!("card.html: {}", theme::error_chain(&e)))?;
            Ok((&p.id, Value::String(html)))
        })
        .collect::<Result<_, String>>()?;
    let cards_of = |ids: &mut dyn Iterator<Item = &Id>| -> Vec<Value> {
        let mut v: Vec<&Id> = ids.collect();
        v.sort_by_cached_key(|id| {
            let title = reg
                .practices
                .get(*id)
                .map_or("", |p| p.model.title.value.as_str());
            (title_key(title), *id)
        });
        v.into_iter()
            .filter_map(|id| cards.get(id))
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    let site_title = reg
        .config
        .as_ref()
        .map(|c| lx.loc(&c.title))
        .unwrap_or_default();
    let site_description = reg
        .config
        .as_ref()
        .and_then(|c| c.description.as_ref())
        .map(|d| lx.loc(d))
        .unwrap_or_default();

    // Facets: every taxonomy with its term tree and counts.
    let facets: Vec<Value> = views::TAXONOMY_PATHS
        .iter()
        .filter_map(|(tax, _)| {
            let t = reg.taxonomies.get(*tax)?;
            let index = site.term_index.get(tax);
            fn walk(
                lx: &Lx,
                tax: &str,
                terms: &[crate::model::taxonomy::Term],
                index: Option<&BTreeMap<Id, BTreeSet<&Id>>>,
            ) -> Vec<Value> {
                terms
                    .iter()
                    .map(|term| {
                        let n = index
                            .and_then(|i| i.get(&term.id.value))
                            .map_or(0, BTreeSet::len);
                        let mut v = lx.term(tax, &term.id.value);
                        v["count"] = json!(n);
                        v["children"] = json!(walk(lx, tax, &term.children, index));
                        v
                    })
                    .collect()
            }
            let key = match *tax {
                "target-groups" => "facet_target_groups",
                "thematic-areas" => "facet_themes",
                "practice-types" => "facet_practice_types",
                "activity-types" => "facet_activity_types",
                _ => "facet_regions",
            };
            Some(json!({"id": tax, "label": lx.t(key), "terms": walk(lx, tax, &t.terms, index)}))
        })
        .collect();

    // Home.
    if want_home {
        let mut by_updated: Vec<&Doc<Practice>> = site.practices.clone();
        by_updated
            .sort_by(|a, b| (b.model.updated.value, &a.id).cmp(&(a.model.updated.value, &b.id)));
        let mut by_started: Vec<&Doc<Practice>> = site.practices.clone();
        by_started
            .sort_by(|a, b| (b.model.started.value, &a.id).cmp(&(a.model.started.value, &b.id)));
        let regions: BTreeSet<&Id> = site
            .practices
            .iter()
            .flat_map(|p| p.model.regions.iter().map(|r| &r.value))
            .collect();
        let verified_count = site.verified.values().filter(|v| !v.is_empty()).count();
        out.push(Page {
            template: "home.html",
            path: "index.html".into(),
            title: site_title.clone(),
            description: site_description.clone(),
            ctx: json!({
                "counts": {"practices": site.practices.len(), "organizations": reg.organizations.len(), "regions": regions.len(), "verified": verified_count},
                "newest": by_started.iter().take(6).map(|p| cards[&p.id].clone()).collect::<Vec<_>>(),
                "updated": by_updated.iter().take(6).map(|p| cards[&p.id].clone()).collect::<Vec<_>>(),
                "facets": facets,
                "is_home": true,
                // A small overview: the results dimension (or the first one).
                "overview": reg.scheme.as_ref().and_then(|(_, s)| {
                    let dim = s.dimensions.iter().find(|d| d.id.as_str() == "results").or_else(|| s.dimensions.first())?;
                    library::distribution_chart(lx, s, dim.id.as_str(), "chart-overview")
                }),
            }),
            content_lang: None,
            json_ld: Some(json!({"@context": "https://schema.org", "@type": "WebSite", "name": site_title, "url": format!("{}/", site.opts.base_url)})),
        });
    }

    // Catalogue.
    if want_catalogue {
        let all = cards_of(&mut site.practices.iter().map(|p| &p.id));
        let count = all.len();
        let filter_facets = discover::facet_defs(lx);
        for (path, chunk, pager) in paginate("practices/", all) {
            let n = pager["current"].as_u64().unwrap_or(1);
            out.push(Page {
                template: "catalogue.html",
                title: if n == 1 {
                    lx.t("all_practices")
                } else {
                    format!("{} ({n})", lx.t("all_practices"))
                },
                path,
                description: lx.t("catalogue_lead"),
                ctx: json!({"practices": chunk, "count": count, "pager": pager, "facets": facets, "filter_facets": filter_facets}),
                content_lang: None,
                json_ld: None,
            });
        }
    }

    // Organizations.
    for (id, o) in &reg.organizations {
        if !wanted(&format!("organizations/{id}/index.html")) {
            continue;
        }
        // A compact list (title and status), not cards: an organization
        // may run hundreds of practices.
        let mut own: Vec<Value> = site
            .practices
            .iter()
            .filter(|p| p.model.organization.value == *id)
            .map(|p| json!({"title": p.model.title.value, "href": format!("practices/{}/index.html", p.id), "status": lx.t(&format!("status_{}", p.model.status.as_str())), "lang": p.model.language.as_ref().map(|l| l.value.clone())}))
            .collect();
        own.sort_by(|a, b| a["title"].as_str().cmp(&b["title"].as_str()));
        let name = lx.loc(&o.model.name);
        let body = &org_bodies[id];
        let website = o
            .model
            .website
            .as_ref()
            .filter(|u| crate::validate::links::is_safe_url(u))
            .map(|u| u.value.clone());
        out.push(Page {
            template: "organization.html",
            path: format!("organizations/{id}/index.html"),
            title: name.clone(),
            description: body.first_paragraph.clone(),
            ctx: json!({
                "org": {
                    "name": name, "website": website, "founded": o.model.founded.as_ref().map(|y| y.value.0),
                    "regions": o.model.regions.iter().map(|r| lx.term("regions", &r.value)).collect::<Vec<_>>(),
                    "contacts": o.model.contacts.iter().map(|c| json!({"name": c.name, "role": c.role, "email": c.email.as_ref().map(|e| e.value.clone()), "phone": c.phone.as_ref().map(|e| e.value.clone())})).collect::<Vec<_>>(),
                    "body": body.html,
                },
                "practices": own,
            }),
            content_lang: Some(o.model.language.as_ref().map_or(site.default_lang, |l| l.value.as_str()).to_owned()),
            json_ld: Some(json!({"@context": "https://schema.org", "@type": "NGO", "name": name, "url": website, "foundingDate": o.model.founded.as_ref().map(|y| y.value.0.to_string())})),
        });
    }

    // Taxonomy terms, in parallel: the listings are the bulk of the pages.
    all_terms.par_iter().try_for_each(|&(tax, path, t, term)| {
            let index = site.term_index.get(tax);
            let ids = index.and_then(|i| i.get(&term.id.value));
            let list = ids.map(|s| cards_of(&mut s.iter().copied())).unwrap_or_default();
            let label = lx.loc(&term.label);
            let parent = t.parents.get(&term.id.value).cloned().flatten().map(|pid| lx.term(tax, &pid));
            let children: Vec<Value> = term.children.iter().map(|c| lx.term(tax, &c.id.value)).collect();
            let facet = facets.iter().find(|f| f["id"] == *tax).map(|f| f["label"].clone());
            let count = list.len();
            paginate(&format!("{path}/{}/", term.id.value), list)
                .into_iter()
                .map(move |(page_path, chunk, pager)| {
                    let n = pager["current"].as_u64().unwrap_or(1);
                    Page {
                        template: "term.html",
                        path: page_path,
                        title: if n == 1 { label.clone() } else { format!("{label} ({n})") },
                        description: format!("{}: {label}", lx.t("term_lead")),
                        ctx: json!({"term": {"label": label, "taxonomy": facet, "parent": parent, "children": children}, "practices": chunk, "count": count, "pager": pager}),
                        content_lang: None,
                        json_ld: None,
                    }
                })
                .try_for_each(emit)
        })?;

    out.extend(
        library::rubric_pages(lx)
            .into_iter()
            .filter(|p| wanted(&p.path)),
    );
    if wanted("results/index.html") {
        out.push(library::results_page(lx));
    }
    if wanted("evidence/index.html") {
        out.push(library::evidence_page(lx));
    }
    if wanted("reviews/index.html") {
        out.push(library::reviews_page(lx));
    }
    if lx.lang == site.default_lang && wanted("404.html") {
        out.push(Page {
            template: "404.html",
            path: "404.html".into(),
            title: lx.t("not_found_title"),
            description: lx.t("not_found_text"),
            ctx: json!({}),
            content_lang: None,
            json_ld: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod pager_tests {
    use super::pager_window;

    #[test]
    fn windows() {
        assert_eq!(pager_window(1, 1), vec![Some(1)]);
        assert_eq!(pager_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(10, 400),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(400)
            ]
        );
        assert_eq!(pager_window(400, 400).len(), 5);
    }
}
