//! Showing diagnostics to people: rustc-style through `codespan-reporting`
//! (quoting the offending line, which means reading the file again), or as
//! JSON for `--format json`.
//!
//! Kept apart from [`super::diag`] because it needs [`SourceFile`], which
//! itself produces diagnostics: one module holding both would make the
//! type and the file reader depend on each other.

use super::diag::{Diagnostic, Severity};
use super::source::SourceFile;
use crate::l10n::Lang;
use crate::msg;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::collections::HashMap;

/// Renders diagnostics rustc-style. Colours only when `color` is set
/// (the caller decides from whether the stream is a terminal).
pub fn render_human(
    diags: &[Diagnostic],
    root: &std::path::Path,
    color: bool,
    lang: Lang,
) -> String {
    let mut out = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let mut files = SimpleFiles::new();
    let mut ids = HashMap::new();
    // Sources are read again here, only for files with diagnostics, so a
    // clean run never holds every file's text in memory.
    let mut sources: HashMap<String, Option<SourceFile>> = HashMap::new();
    let config = term::Config::default();
    for d in diags {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        }
        .with_code(d.code)
        .with_message(d.message_in(lang));
        let src = sources
            .entry(d.file.clone())
            .or_insert_with(|| SourceFile::read(root, &root.join(&d.file)).ok());
        if let Some(src) = src {
            let id = *ids
                .entry(d.file.clone())
                .or_insert_with(|| files.add(d.file.clone(), src.text.clone()));
            cs = cs.with_labels(vec![Label::primary(id, src.label_range(d.span()))]);
        } else {
            cs = cs.with_notes(vec![
                msg!(
                    "report_in",
                    file = &d.file,
                    line = d.line,
                    column = d.column
                )
                .render(lang),
            ]);
        }
        if let Some(h) = d.hint_in(lang) {
            cs = cs.with_notes(vec![msg!("report_hint", hint = h).render(lang)]);
        }
        // Rendering into an in-memory buffer only fails on a bad label
        // range, which `label_range` rules out; fall back to a plain line.
        if term::emit_to_write_style(&mut out, &config, &files, &cs).is_err() {
            use std::io::Write;
            let _ = writeln!(
                out,
                "{}:{}:{}: {}",
                d.file,
                d.line,
                d.column,
                d.message_in(lang)
            );
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// A diagnostic as `--format json` shows it: FORMAT §9's object with its
/// texts in `lang`, and `lang` itself. `code`, `file`, `line` and `column`
/// are the same in every language.
#[derive(serde::Serialize)]
pub struct Shown<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub hint: Option<String>,
    pub lang: Lang,
}

impl Shown<'_> {
    pub fn new(d: &Diagnostic, lang: Lang) -> Shown<'_> {
        Shown {
            severity: d.severity,
            code: d.code,
            message: d.message_in(lang),
            file: &d.file,
            line: d.line,
            column: d.column,
            hint: d.hint_in(lang),
            lang,
        }
    }
}

/// The `--format json` form: a JSON array, one object per diagnostic.
pub fn render_json(diags: &[Diagnostic], lang: Lang) -> String {
    let shown: Vec<Shown> = diags.iter().map(|d| Shown::new(d, lang)).collect();
    serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".into())
}
