//! The command line (FORMAT.md §9). Exit codes: 0 fine (warnings allowed),
//! 1 the content has errors, 2 bad usage or I/O failure.

mod new;
mod summary;

use crate::l10n::{self, Lang, Msg};
use crate::model::common::Date;
use crate::msg;
use crate::syntax::{ci_report, report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "dokaz",
    version,
    about = "Static-site generator for registries of evidence-based social practices"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    /// GitHub Actions workflow-command annotations (`::error file=…`).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitLab Code Quality (Code Climate JSON).
    Codequality,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every file of the registry and report every problem.
    Check {
        /// The registry's root folder (holding registry.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        /// Check one practice and print a review-ready summary of it: the
        /// evidence rules' findings, the gaps, the level the rules support.
        #[arg(long, value_name = "ID")]
        practice: Option<String>,
        /// The language of the messages: ru or en (else DOKAZ_LANG, the
        /// registry's default_language, the locale, English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
    /// Validate, then build the site into the output folder.
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder (default: <root>/output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site's absolute URL (overrides registry.yaml's base_url).
        #[arg(long)]
        base_url: Option<String>,
        /// Also publish draft practices and draft reviews.
        #[arg(long)]
        drafts: bool,
        /// The language of the messages: ru or en (else DOKAZ_LANG, the
        /// registry's default_language, the locale, English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
    /// Preview the site while you edit: build it in memory, serve it on
    /// this machine, rebuild what each save changes and reload the pages;
    /// errors are shown in the browser over the last good page.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port (the next free one is used if it is taken; 0 lets the
        /// system choose).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. The default is this machine only;
        /// `--bind 0.0.0.0` opens the preview to the network on purpose.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Also show draft practices and draft reviews.
        #[arg(long)]
        drafts: bool,
        /// The language of the messages: ru or en (else DOKAZ_LANG, the
        /// registry's default_language, the locale, English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
    /// Create a new practice or review from a skeleton.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Create a new registry with one working example.
    Init {
        dir: PathBuf,
        /// The language of the messages: ru or en (else DOKAZ_LANG, the
        /// registry's default_language, the locale, English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
    /// Print the JSON Schema of the practice front matter (for editors):
    /// with --root, the registry's own (its taxonomy ids, organizations
    /// and evidence levels, with their labels).
    Schema {
        /// The registry whose schema to print (without it: the generic one).
        #[arg(long)]
        root: Option<PathBuf>,
        /// The language of the descriptions: ru or en (else the registry's
        /// default_language, else English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
}

#[derive(Subcommand)]
enum New {
    /// A practice skeleton: content/practices/<ID>/index.md.
    Practice {
        /// The practice id, or its title (a Cyrillic title is transliterated).
        id: String,
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A review of PRACTICE: content/reviews/<PRACTICE>/<today>-<REVIEWER>.yaml.
    Review {
        practice: String,
        #[arg(long)]
        reviewer: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The language of the messages: ru or en (else DOKAZ_LANG, the
        /// registry's default_language, the locale, English).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
}

/// Parses the arguments, runs the command, returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match cli.command {
        Command::Check {
            root,
            format,
            practice: None,
            lang,
        } => check(&root, format, l10n::for_root(lang.as_deref(), &root)),
        Command::Check {
            root,
            practice: Some(id),
            lang,
            ..
        } => summary::practice(&root, &id, l10n::for_root(lang.as_deref(), &root)),
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            lang,
        } => {
            let lang = l10n::for_root(lang.as_deref(), &root);
            build(&root, out, base_url, drafts, lang)
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            lang,
        } => {
            let lang = l10n::for_root(lang.as_deref(), &root);
            if let Err(code) = require_root(&root, lang) {
                return code;
            }
            match crate::serve::run(crate::serve::Args {
                root,
                port,
                bind,
                drafts,
                lang,
            }) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!("{}", msg!("cli_error", error = e.to_string()).render(lang));
                    EXIT_USAGE
                }
            }
        }
        Command::New {
            what: New::Practice { id, lang, root },
        } => {
            let messages = l10n::for_root(lang.as_deref(), &root);
            new::practice(&root, &id, lang.as_deref(), messages)
        }
        Command::New {
            what:
                New::Review {
                    practice,
                    reviewer,
                    root,
                    lang,
                },
        } => {
            let lang = l10n::for_root(lang.as_deref(), &root);
            new::review(&root, &practice, &reviewer, lang)
        }
        Command::Init { dir, lang } => {
            let lang = l10n::resolve(&l10n::Sources::from_env(lang.as_deref()));
            new::init(&dir, lang)
        }
        Command::Schema { root, lang } => schema(root.as_deref(), lang.as_deref()),
    }
}

/// `dokaz schema`: the generic schema, or the registry's at `root`.
fn schema(root: Option<&std::path::Path>, lang: Option<&str>) -> i32 {
    let flag = lang.and_then(Lang::parse);
    let Some(root) = root else {
        let v = crate::schema::practice_schema_in(flag.unwrap_or(Lang::En));
        print!("{}", crate::schema::to_text(&v));
        return EXIT_OK;
    };
    if let Err(code) = require_root(root, l10n::for_root(lang, root)) {
        return code;
    }
    // The schema says what the registry's files define; their problems
    // are `dokaz check`'s to report.
    let reg = crate::load::load(root, &mut Vec::new());
    let lang = flag.unwrap_or_else(|| crate::schema::registry_language(&reg));
    print!(
        "{}",
        crate::schema::to_text(&crate::schema::registry_schema(&reg, lang))
    );
    EXIT_OK
}

/// Refuses a root that is not a folder: that is a usage error, not content.
pub(crate) fn require_root(root: &std::path::Path, lang: Lang) -> Result<(), i32> {
    if root.is_dir() {
        Ok(())
    } else {
        let m = msg!("cli_no_root", root = root.display().to_string());
        eprintln!("{}", msg!("cli_error", error = m).render(lang));
        Err(EXIT_USAGE)
    }
}

fn check(root: &std::path::Path, format: OutputFormat, lang: Lang) -> i32 {
    if let Err(code) = require_root(root, lang) {
        return code;
    }
    let started = std::time::Instant::now();
    let checked = crate::build::check(root, Date::today());
    let reg = &checked.reg;
    match format {
        OutputFormat::Json => print_out(report::render_json(&checked.diags, lang) + "\n"),
        OutputFormat::Github => print_out(ci_report::render_github(&checked.diags, root, lang)),
        OutputFormat::Sarif => {
            print_out(ci_report::render_sarif(&checked.diags, root, lang) + "\n")
        }
        OutputFormat::Codequality => {
            print_out(ci_report::render_codequality(&checked.diags, root, lang) + "\n")
        }
        OutputFormat::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = checked.human(root, color, lang);
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(text.as_bytes());
            let line = msg!(
                "cli_checked",
                practices = reg.practices_line(lang),
                organizations = reg.organizations.len(),
                reviews = reg.reviews.len(),
                ms = started.elapsed().as_millis() as u64,
                counts = checked.counts(lang),
            );
            let _ = writeln!(err, "{}", line.render(lang));
        }
    }
    if checked.errors > 0 {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

/// Writes a report to stdout; a closed pipe (`| head`) is not a panic.
fn print_out(text: String) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn build(
    root: &std::path::Path,
    out: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    lang: Lang,
) -> i32 {
    if let Err(code) = require_root(root, lang) {
        return code;
    }
    let started = std::time::Instant::now();
    let opts = crate::build::Options {
        out: out.unwrap_or_else(|| root.join("output")),
        base_url,
        drafts,
        today: Date::today(),
        terminal: std::io::stderr().is_terminal(),
    };
    let timings = std::env::var_os("DOKAZ_TIMINGS").is_some();
    let phase = |name: &str| {
        if timings {
            eprintln!("[{:>6} ms] {name}", started.elapsed().as_millis());
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut show = |checked: &crate::build::Checked| {
        let _ = std::io::stderr().write_all(checked.human(root, color, lang).as_bytes());
    };
    match crate::build::build(root, &opts, &phase, &mut show) {
        Ok(report) => {
            let bytes = output_bytes(&opts.out);
            let line = msg!(
                "cli_built",
                pages = report.stats.pages,
                files = report.stats.files,
                size = megabytes(bytes, lang),
                practices = report.published,
                out = opts.out.display().to_string(),
                ms = started.elapsed().as_millis() as u64,
                warnings = report.warnings,
            );
            eprintln!("{}", line.render(lang));
            for warning in host_limit_warnings(bytes, report.max_output_mb) {
                let w = msg!("cli_warning", warning = warning);
                eprintln!("{}", w.render(lang));
            }
            EXIT_OK
        }
        Err(e @ crate::build::Error::Content { .. }) => {
            eprintln!("{}", e.text(lang));
            EXIT_CONTENT
        }
        Err(e) => {
            eprintln!("{}", msg!("cli_error", error = e.text(lang)).render(lang));
            EXIT_USAGE
        }
    }
}

/// GitHub Pages' published limit for a site: 1 GB.
const GITHUB_PAGES_LIMIT: u64 = 1_000_000_000;

/// The size of every file under `out` (0 for what cannot be read).
fn output_bytes(out: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// "12.3 MB" (decimal megabytes, as hosts state their limits), "12,3 МБ".
fn megabytes(bytes: u64, lang: Lang) -> String {
    msg!(
        "cli_megabytes",
        mb = l10n::Arg::Fixed(bytes as f64 / 1e6, 1)
    )
    .render(lang)
}

/// Warnings when the site is past what GitHub Pages publishes or past
/// registry.yaml's `max_output_mb`.
fn host_limit_warnings(bytes: u64, max_mb: Option<f64>) -> Vec<Msg> {
    let mut out = Vec::new();
    if bytes > GITHUB_PAGES_LIMIT {
        out.push(msg!(
            "cli_over_github_pages",
            mb = l10n::Arg::Fixed(bytes as f64 / 1e6, 1)
        ));
    }
    if let Some(max) = max_mb
        && bytes as f64 > max * 1e6
    {
        out.push(msg!(
            "cli_over_max_output",
            mb = l10n::Arg::Fixed(bytes as f64 / 1e6, 1),
            max = max.to_string()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_decimal_megabytes_and_warn_past_github_pages_limit() {
        assert_eq!(megabytes(12_345_678, Lang::En), "12.3 MB");
        assert_eq!(megabytes(12_345_678, Lang::Ru), "12,3 МБ");
        let en = |v: Vec<Msg>| v.iter().map(|m| m.render(Lang::En)).collect::<Vec<_>>();
        assert!(host_limit_warnings(GITHUB_PAGES_LIMIT, None).is_empty());
        assert_eq!(
            en(host_limit_warnings(1_200_000_000, None)),
            vec!["the site is 1200.0 MB, more than the 1 GB GitHub Pages publishes"]
        );
        assert!(host_limit_warnings(2_000_000, Some(2.0)).is_empty());
        assert_eq!(
            en(host_limit_warnings(2_000_001, Some(2.0))),
            vec!["the site is 2.0 MB, more than max_output_mb: 2 in registry.yaml"]
        );
    }
}
