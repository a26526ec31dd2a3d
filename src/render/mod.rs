//! Rendering: every file of the site, streamed to a [`Sink`] (the staging
//! folder of `write`) as it is produced.
//!
//! The layers, from the bottom: [`routes`] (the URL scheme), [`site`] (the
//! published registry and its indexes), [`lang`] (one UI language),
//! [`components`] (parts several pages show), [`paginate`], [`frame`]
//! (what surrounds every page), and [`pages`], one module per page kind;
//! [`markdown`], [`charts`], [`diagram`] and [`svg`] draw content;
//! [`search_index`] indexes the rendered pages with pagefind; [`theme`] loads templates,
//! static files and UI strings.
//!
//! Every page of SITE.md is produced for every UI language (the default at
//! the root, the others under `/<lang>/`). Pages are independent, so they
//! render in parallel; each file's bytes depend only on the registry (all
//! orders are sorted, nothing reads the clock but `today` from the
//! caller), so two builds give the same bytes whatever the scheduling.
//! Links are relative (`../../practices/x/index.html`) so the pages also
//! work when opened from disk.

pub mod charts;
pub mod components;
pub mod diagram;

pub mod frame;
pub mod history;
pub mod kind;
pub use crate::l10n::{catalogue as l10n, format};
pub mod lang;
pub mod markdown;
pub mod pages;
pub mod paginate;
pub mod routes;
pub mod search_index;
pub mod site;
pub mod svg;
pub mod theme;

pub use site::{Site, practice_terms};

use crate::model::Registry;
use crate::model::common::Id;
use lang::Lx;
use rayon::prelude::*;
use routes::Route;
use std::collections::BTreeMap;
use std::path::PathBuf;

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
/// those a full render gives (the same views are built); `want` only
/// skips work. Every file goes through the filter at the end, so a gate
/// missed in a page kind costs time, never correctness.
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
    let practice_wanted = |id: &Id| {
        site.languages.iter().any(|l| {
            want(&format!(
                "{}{}",
                site.prefix(l),
                Route::Practice(id.as_str()).path()
            ))
        })
    };
    // A practice's pages and comparison data in each language come from
    // the version shown there: every version's body is rendered when any
    // of its addresses is wanted.
    let bodies: BTreeMap<&Id, markdown::Rendered> = site
        .practices
        .iter()
        .map(|p| site.versions(p))
        .filter(|vs| vs.iter().any(|v| practice_wanted(&v.id)))
        .flatten()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|p| (&p.id, markdown::render(&p.body)))
        .collect();
    let org_bodies: BTreeMap<&Id, markdown::Rendered> = reg
        .organizations
        .par_iter()
        .map(|(id, o)| (id, markdown::render(&o.body)))
        .collect();

    let bar = progress_bar(opts.progress, site.practices.len() * site.languages.len());
    let timings = std::env::var_os("DOKAZ_TIMINGS").is_some();
    for lang in site.languages.clone() {
        let cat = std::sync::Arc::new(theme.strings(lang, site.default_lang));
        let tera = theme.localized(cat.clone());
        let lx = Lx {
            site: &site,
            lang,
            ui: &cat.strings.plain,
            cat: &cat,
        };
        let cx = pages::Cx::new(
            &lx,
            &theme,
            &tera,
            cfg,
            want,
            &put,
            &bodies,
            &org_bodies,
            &bar,
        );
        for kind in pages::KINDS {
            let t0 = std::time::Instant::now();
            (kind.render)(&cx)?;
            if timings {
                eprintln!("  {lang} {}: {} ms", kind.name, t0.elapsed().as_millis());
            }
        }
    }
    bar.finish_and_clear();
    Ok(Stats {
        pages: pages_n.into_inner(),
        files: files_n.into_inner(),
    })
}

/// Benchmark switches: `DOKAZ_BENCH_OFF=search,charts,diagrams` (any of
/// them) builds the site without that feature, so `scripts/bench.sh` can
/// show what each costs. Only for measuring: a site built so is
/// incomplete (no search index, no chart or logic-model figures).
pub fn bench_off(feature: &str) -> bool {
    static OFF: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    OFF.get_or_init(|| {
        std::env::var("DOKAZ_BENCH_OFF")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .iter()
    .any(|f| f == feature)
}

fn progress_bar(shown: bool, len: usize) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} practice pages, {eta} left",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_prefix("rendering");
    bar
}
