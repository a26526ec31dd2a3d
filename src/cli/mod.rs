//! The command line (FORMAT.md §9). Exit codes: 0 fine (warnings allowed),
//! 1 the content has errors, 2 bad usage or I/O failure.

mod new;

use crate::diag::{self, Severity};
use crate::model::common::Date;
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
    },
    /// Create a new practice or review from a skeleton.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Create a new registry with one working example.
    Init { dir: PathBuf },
    /// Print the JSON Schema of the practice front matter (for editors).
    Schema,
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
        Command::Check { root, format } => check(&root, format),
        Command::New {
            what: New::Practice { id, lang, root },
        } => new::practice(&root, &id, lang.as_deref()),
        Command::New {
            what:
                New::Review {
                    practice,
                    reviewer,
                    root,
                },
        } => new::review(&root, &practice, &reviewer),
        Command::Init { dir } => new::init(&dir),
        Command::Schema => {
            println!("{}", crate::schema::practice_schema());
            EXIT_OK
        }
    }
}

/// Refuses a root that is not a folder: that is a usage error, not content.
pub(crate) fn require_root(root: &std::path::Path) -> Result<(), i32> {
    if root.is_dir() {
        Ok(())
    } else {
        eprintln!(
            "error: the registry folder `{}` does not exist",
            root.display()
        );
        Err(EXIT_USAGE)
    }
}

fn check(root: &std::path::Path, format: OutputFormat) -> i32 {
    if let Err(code) = require_root(root) {
        return code;
    }
    let started = std::time::Instant::now();
    let (reg, diags) = crate::check(root, Date::today());
    let errors = diag::count(&diags, Severity::Error);
    let warnings = diag::count(&diags, Severity::Warning);
    match format {
        OutputFormat::Json => println!("{}", diag::render_json(&diags)),
        OutputFormat::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = diag::render_human(&diags, root, color);
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(text.as_bytes());
            let _ = writeln!(
                err,
                "checked {} practices, {} organizations, {} reviews in {} ms: {} {}, {} {}",
                reg.practices.len(),
                reg.organizations.len(),
                reg.reviews.len(),
                started.elapsed().as_millis(),
                errors,
                if errors == 1 { "error" } else { "errors" },
                warnings,
                if warnings == 1 { "warning" } else { "warnings" },
            );
        }
    }
    if errors > 0 { EXIT_CONTENT } else { EXIT_OK }
}
