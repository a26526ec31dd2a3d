//! The build pipeline: load and validate, report, render, write.
//!
//! `dokaz build` and `dokaz serve` used to run these steps each in their
//! own way, and each change to one (a new phase, a cache, a message) had
//! to be made twice. Both now go through [`check`] or [`check_cached`],
//! which give a [`Checked`] registry with its diagnostics and counts;
//! `dokaz build` goes on through [`build`], which renders into the atomic
//! output writer and returns a [`Report`] or a typed [`Error`]. Serve
//! renders into memory instead (`serve::site`), incrementally, but starts
//! from the same [`Checked`].
//!
//! Nothing here prints or exits: the caller decides how to show
//! diagnostics (a terminal, the browser overlay) and which exit code an
//! [`Error`] is.

use crate::l10n::Lang;
use crate::model::Registry;
use crate::model::common::{Date, Id};
use crate::syntax::diag::{self, Diagnostic, Severity};
use crate::syntax::report;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A loaded and validated registry with every problem found, sorted.
pub struct Checked {
    pub reg: Registry,
    pub diags: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    /// Notes (levels due for re-review): shown, never counted as
    /// warnings or errors.
    pub notes: usize,
    /// Time spent loading, then validating (serve reports both).
    pub load_time: Duration,
    pub validate_time: Duration,
}

impl Checked {
    /// The diagnostics as `dokaz check` prints them.
    pub fn human(&self, root: &Path, color: bool, lang: Lang) -> String {
        report::render_human(&self.diags, root, color, lang)
    }

    /// "1 error, 2 warnings", as the summaries say it (", 3 notes" when
    /// there are notes).
    pub fn counts(&self, lang: Lang) -> String {
        let m = if self.notes > 0 {
            crate::msg!(
                "cli_counts_notes",
                errors = self.errors,
                warnings = self.warnings,
                notes = self.notes
            )
        } else {
            crate::msg!("cli_counts", errors = self.errors, warnings = self.warnings)
        };
        m.render(lang)
    }
}

/// What is kept between builds so that a save re-reads one file and
/// re-checks one practice (`dokaz serve`).
#[derive(Default)]
pub struct Caches {
    pub load: crate::load::Cache,
    pub validate: crate::validate::Cache,
}

/// Loads and validates the registry at `root` from scratch.
pub fn check(root: &Path, today: Date) -> Checked {
    check_inner(root, today, None)
}

/// [`check`], reading again only files that changed and re-running the
/// per-practice rules only for the practices in `changed` (`None`: any
/// may have changed). The result equals a fresh [`check`]'s.
pub fn check_cached(
    root: &Path,
    today: Date,
    caches: &mut Caches,
    changed: Option<&BTreeSet<Id>>,
) -> Checked {
    check_inner(root, today, Some((caches, changed)))
}

fn check_inner(
    root: &Path,
    today: Date,
    caches: Option<(&mut Caches, Option<&BTreeSet<Id>>)>,
) -> Checked {
    let started = Instant::now();
    let mut diags = Vec::new();
    let (reg, load_time) = match caches {
        None => {
            let reg = crate::load::load(root, &mut diags);
            let load_time = started.elapsed();
            crate::validate::validate(&reg, today, &mut diags);
            (reg, load_time)
        }
        Some((caches, changed)) => {
            let reg = crate::load::load_cached(root, &mut diags, &mut caches.load);
            let load_time = started.elapsed();
            crate::validate::validate_cached(
                &reg,
                today,
                &mut diags,
                &mut caches.validate,
                changed,
            );
            (reg, load_time)
        }
    };
    diag::normalize(&mut diags);
    Checked {
        errors: diag::count(&diags, Severity::Error),
        warnings: diag::count(&diags, Severity::Warning),
        notes: diag::count(&diags, Severity::Note),
        reg,
        diags,
        validate_time: started.elapsed() - load_time,
        load_time,
    }
}

/// What `dokaz build` is asked to do.
pub struct Options {
    /// The output folder.
    pub out: PathBuf,
    /// Overrides registry.yaml's `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    pub today: Date,
    /// Whether someone watches a terminal (a progress bar is then shown
    /// for registries large enough to take a while).
    pub terminal: bool,
}

/// A finished build.
pub struct Report {
    pub stats: crate::render::Stats,
    /// Practices published (drafts only with `drafts`).
    pub published: usize,
    pub warnings: usize,
    /// registry.yaml's `max_output_mb`.
    pub max_output_mb: Option<f64>,
}

/// Why a build wrote nothing. In every case the previous output is left
/// as it was.
#[derive(Debug)]
pub enum Error {
    /// The output folder is one dokaz refuses to write to (checked before
    /// any work).
    Refused { out: PathBuf, why: String },
    /// The content has errors (already handed to the caller's `show`).
    Content { errors: usize },
    /// A setting given on the command line is unusable (checked before
    /// any work, by the same rule as the registry's file).
    Setting(crate::l10n::Msg),
    /// Rendering or writing failed.
    Output(String),
}

impl Error {
    /// The error in `lang` (what is the generator's own, an I/O or
    /// rendering failure, stays as the system says it).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Error::Refused { out, why } => crate::msg!(
                "cli_refusing",
                out = out.display().to_string(),
                why = why.as_str()
            )
            .render(lang),
            Error::Content { errors } => crate::msg!("cli_build_stopped", n = *errors).render(lang),
            Error::Setting(m) => m.render(lang),
            Error::Output(e) => e.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Error {}

/// Checks the registry at `root`, hands the result to `show` (to print
/// the diagnostics), and when it has no errors renders the site into a
/// staging folder that replaces `opts.out` only once complete. `phase` is
/// told when each step ends (for `DOKAZ_TIMINGS`).
pub fn build(
    root: &Path,
    opts: &Options,
    phase: &dyn Fn(&str),
    show: &mut dyn FnMut(&Checked),
) -> Result<Report, Error> {
    // Refuse a bad output folder before any work, and never touch it.
    if let Some(why) = crate::write::refuse_reason(root, &opts.out) {
        return Err(Error::Refused {
            out: opts.out.clone(),
            why,
        });
    }
    if let Some(url) = &opts.base_url
        && let Err(why) = crate::validate::config::check_base_url(url)
    {
        return Err(Error::Setting(crate::msg!(
            "cli_bad_base_url",
            url = url.as_str(),
            why = why
        )));
    }
    // An output a killed build left aside comes back even when this
    // build stops on a content error.
    crate::write::recover(root, &opts.out);
    let checked = check(root, opts.today);
    // The editor's schema follows the taxonomies (issue 15).
    crate::schema::refresh(root, &checked.reg);
    phase("loaded and validated");
    show(&checked);
    if checked.errors > 0 {
        return Err(Error::Content {
            errors: checked.errors,
        });
    }
    let reg = &checked.reg;
    let base = opts
        .base_url
        .clone()
        .or_else(|| {
            reg.config
                .as_ref()
                .and_then(|c| c.base_url.as_ref().map(|u| u.value.clone()))
        })
        .unwrap_or_else(|| "http://localhost:1111".into());
    let render_opts = crate::render::Options {
        drafts: opts.drafts,
        base_url: base.trim_end_matches('/').to_owned(),
        today: opts.today,
        // A bar only where someone watches, and only when there is time
        // to watch it.
        progress: opts.terminal && reg.practices.len() >= 200,
    };
    let stats = write_site(root, reg, &render_opts, &opts.out, phase)?;
    // A translation is its original's version: practices, not files.
    let published = reg
        .practices
        .values()
        .filter(|p| opts.drafts || !p.model.draft)
        .filter(|p| p.model.translation_of.is_none())
        .count();
    Ok(Report {
        stats,
        published,
        warnings: checked.warnings,
        max_output_mb: checked
            .reg
            .config
            .as_ref()
            .and_then(|c| c.max_output_mb.as_ref().map(|m| m.value)),
    })
}

/// Renders every file into the staging folder, search pages through the
/// indexer (whose index is staged with them), then swaps the staging
/// folder in. On any error the staging folder is dropped, which leaves the
/// previous output as it was.
fn write_site(
    root: &Path,
    reg: &Registry,
    opts: &crate::render::Options,
    out: &Path,
    phase: &dyn Fn(&str),
) -> Result<crate::render::Stats, Error> {
    let staging = crate::write::Staging::begin(root, out).map_err(Error::Output)?;
    if crate::render::bench_off("search") {
        let stats = crate::render::render(reg, opts, &staging).map_err(Error::Output)?;
        phase("rendered and written (search off)");
        staging.commit().map_err(Error::Output)?;
        return Ok(stats);
    }
    let indexer = crate::render::search_index::Indexer::new(&staging);
    let stats = crate::render::render(reg, opts, &indexer).map_err(Error::Output)?;
    phase("rendered and written");
    let search = indexer.finish().map_err(Error::Output)?;
    phase(&format!(
        "search index: {} pages, {} files, {} KB",
        search.pages,
        search.files,
        search.bytes / 1024
    ));
    staging.commit().map_err(Error::Output)?;
    Ok(crate::render::Stats {
        files: stats.files + search.files,
        ..stats
    })
}
