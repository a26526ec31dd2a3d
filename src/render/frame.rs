//! What every HTML page has around its own content: the language switch,
//! canonical and alternate links, the site's title, the strings the
//! scripts show. [`render_page`] merges a page's own view into this frame
//! and renders its template.

use super::lang::Lx;
use super::routes::Route;
use super::theme::{self, Theme};
use crate::model::registry::RegistryConfig;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One page to render: its template, its path under the language root,
/// and its own context (a typed view, serialized).
pub struct Page {
    pub template: &'static str,
    pub path: String,
    pub title: String,
    pub description: String,
    pub ctx: Value,
    /// The language the page's content is written in, if not the UI's.
    pub content_lang: Option<String>,
    pub json_ld: Option<Value>,
    /// Where this page is in other UI languages, when not at the same
    /// path (a practice's versions have their own ids).
    pub alternates: BTreeMap<String, String>,
}

impl Page {
    /// A page with no content language of its own and no JSON-LD.
    pub fn new(
        template: &'static str,
        path: String,
        title: String,
        description: String,
        ctx: Value,
    ) -> Page {
        Page {
            template,
            path,
            title,
            description,
            ctx,
            content_lang: None,
            json_ld: None,
            alternates: BTreeMap::new(),
        }
    }
}

/// The context every template receives (`base.html` reads it).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Frame<'a> {
    /// The `js_*` UI strings as JSON, for the scripts' data block (plural
    /// messages as objects of their CLDR forms).
    pub js_ui: String,
    pub lang: &'a str,
    pub ui: &'a BTreeMap<String, String>,
    /// Relative path from the page to the site root.
    pub root: String,
    /// Relative path from the page to its language root.
    pub lroot: String,
    pub site_title: String,
    pub site_description: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    /// The content's language where it differs from the UI's.
    pub content_lang: Option<String>,
    pub json_ld: Option<String>,
    /// The page's path under its language root.
    pub path: String,
    /// The main navigation item this page belongs to.
    pub section: Option<&'static str>,
    /// The site's fixed pages and files, from [`Route`].
    pub links: Links,
}

/// Hrefs of the site's fixed pages, relative to the language root
/// (prefix `lroot`), and of its fixed files, relative to the site root
/// (prefix `root`): templates link through these, never by spelling a
/// path.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Links {
    pub home: String,
    pub catalogue: String,
    pub catalogue_data: String,
    pub search: String,
    pub compare: String,
    pub results: String,
    pub evidence: String,
    pub reviews: String,
    /// The evidence gap map.
    pub map: String,
    /// From the site root.
    pub practices_json: String,
    pub indicators_csv: String,
    pub feed: String,
    /// The theme's static folder (`static/`), from the site root.
    pub static_dir: String,
}

impl Links {
    fn new() -> Links {
        Links {
            home: Route::Home.path(),
            catalogue: Route::Catalogue(1).path(),
            catalogue_data: Route::CatalogueData.path(),
            search: Route::Search.path(),
            compare: Route::Compare.path(),
            results: Route::Results.path(),
            evidence: Route::Evidence.path(),
            reviews: Route::Reviews.path(),
            map: Route::Fixed(super::pages::map::SEGMENT).path(),
            practices_json: Route::AllPracticesData.path(),
            indicators_csv: Route::IndicatorsCsv.path(),
            feed: Route::Feed.path(),
            static_dir: Route::Static("").path(),
        }
    }
}

/// The main navigation item of a page.
fn section(path: &str) -> Option<&'static str> {
    match Route::parse(path)? {
        Route::Catalogue(_) | Route::Practice(_) => Some("practices"),
        Route::Results => Some("results"),
        Route::Evidence => Some("evidence"),
        Route::Reviews => Some("reviews"),
        Route::Compare => Some("compare"),
        Route::Fixed(super::pages::map::SEGMENT) => Some("map"),
        _ => None,
    }
}

/// The same page in another UI language.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Alternate {
    pub lang: String,
    /// Absolute URL (for `hreflang` links).
    pub href: String,
    /// Relative URL (for the language switch).
    pub rel: String,
    pub name: String,
    pub current: bool,
}

/// Stands for the language root in HTML rendered once and placed in pages
/// at different depths. Should content ever contain it, it would only
/// become a relative path in text: nothing that could form markup.
pub const ROOT_MARK: &str = "\u{1}LROOT\u{1}";

/// Renders a page with the theme's templates bound to `lx`'s language.
pub fn render_page(
    lx: &Lx,
    theme: &Theme,
    cfg: &RegistryConfig,
    page: Page,
) -> Result<super::OutFile, String> {
    let cat = std::sync::Arc::new(super::l10n::Catalogue::new(lx.lang, lx.cat.strings.clone()));
    render_page_with(lx, theme, &theme.localized(cat), cfg, page)
}

/// Renders a page with `tera`, the theme's templates for `lx`'s language
/// ([`Theme::localized`]).
pub fn render_page_with(
    lx: &Lx,
    theme: &Theme,
    tera: &tera::Tera,
    cfg: &RegistryConfig,
    page: Page,
) -> Result<super::OutFile, String> {
    let site = lx.site;
    let prefix = site.prefix(lx.lang);
    let full = format!("{prefix}{}", page.path);
    let depth = full.matches('/').count();
    // 404.html is served for any missing path, at any depth: only
    // root-relative links work there.
    let is_404 = page.path == Route::NotFound.path();
    let root = if is_404 {
        "/".to_owned()
    } else {
        "../".repeat(depth)
    };
    let lroot = format!("{root}{prefix}");
    let dir_url = page.path.strip_suffix("index.html").unwrap_or(&page.path);
    let canonical = format!("{}/{}{}", site.opts.base_url, prefix, dir_url);
    // The 404 page exists once, at the root: it has no translations.
    let alternate_langs: Vec<&str> = if is_404 {
        vec![lx.lang]
    } else {
        site.languages.clone()
    };
    let alternates = alternate_langs
        .iter()
        .map(|l| {
            let path = page.alternates.get(*l).unwrap_or(&page.path);
            let dir = path.strip_suffix("index.html").unwrap_or(path);
            (l, path, dir)
        })
        .map(|(l, path, dir)| Alternate {
            lang: (*l).to_owned(),
            href: format!("{}/{}{}", site.opts.base_url, site.prefix(l), dir),
            rel: format!("{root}{}{}", site.prefix(l), path),
            name: theme
                .text(l, "lang_name")
                .map_or_else(|| l.to_string(), str::to_owned),
            current: *l == lx.lang,
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
    // The strings the scripts show, as JSON in a data block (no inline
    // script runs); `<` is escaped so no string can end the element.
    // Plural messages are objects of their forms (the scripts pick one
    // with the browser's `Intl.PluralRules`).
    let js_ui = lx.cat.js_json().to_owned();
    let frame = Frame {
        js_ui,
        lang: lx.lang,
        ui: lx.ui,
        root,
        lroot: lroot.clone(),
        site_title: lx.loc(&cfg.title),
        site_description: cfg
            .description
            .as_ref()
            .map(|d| lx.loc(d))
            .unwrap_or_default(),
        title: page.title,
        description: truncate(&page.description, 200),
        canonical,
        alternates,
        content_lang: page.content_lang.filter(|l| l != lx.lang),
        json_ld,
        section: section(&page.path),
        path: page.path,
        links: Links::new(),
    };
    let mut ctx = ctx(&frame);
    if let (Value::Object(base), Value::Object(own)) = (&mut ctx, page.ctx) {
        base.extend(own);
    }
    let context = tera::Context::from_value(ctx).map_err(|e| e.to_string())?;
    let html = tera
        .render(page.template, &context)
        .map_err(|e| format!("{}: {}", page.template, theme::error_chain(&e)))?;
    // Cards rendered once carry ROOT_MARK where this page's root goes.
    let html = if html.contains(ROOT_MARK) {
        html.replace(ROOT_MARK, &lroot)
    } else {
        html
    };
    Ok(super::OutFile {
        path: full,
        content: super::Content::Bytes(html.into_bytes()),
    })
}

/// Whitespace collapsed, cut at a word boundary before `max` characters.
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// A view as the template context of a page.
pub fn ctx<T: serde::Serialize>(view: &T) -> serde_json::Value {
    serde_json::to_value(view).unwrap_or_default()
}
