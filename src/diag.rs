//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Every problem dokaz finds is a [`Diagnostic`] with a stable code (the
//! table in `docs/rules.md`), a message, the file relative to the registry
//! root, a 1-based line and column, and usually a hint. Diagnostics are
//! collected, never thrown, so that one run reports every problem in every
//! file. Rendering goes through `codespan-reporting` for the rustc-style
//! human form, or `serde_json` for `--format json`.

use crate::load::source::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;
use std::collections::HashMap;

/// A 1-based line and 1-based column (in characters, as editors count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub const fn new(line: u32, col: u32) -> Self {
        Span { line, col }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
        file: &str,
        span: Span,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.to_owned(),
            line: span.line,
            column: span.col,
            hint: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>, file: &str, span: Span) -> Self {
        Self::new(Severity::Error, code, message, file, span)
    }

    pub fn warning(code: &'static str, message: impl Into<String>, file: &str, span: Span) -> Self {
        Self::new(Severity::Warning, code, message, file, span)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        let hint = hint.into();
        self.hint = (!hint.is_empty()).then_some(hint);
        self
    }

    pub fn span(&self) -> Span {
        Span::new(self.line, self.column)
    }
}

/// Sorts diagnostics into a stable order (file, line, column, code, message)
/// and drops exact duplicates, so output is identical from run to run.
pub fn normalize(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message, a.severity)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message, b.severity))
    });
    diags.dedup();
}

pub fn count(diags: &[Diagnostic], severity: Severity) -> usize {
    diags.iter().filter(|d| d.severity == severity).count()
}

/// Renders diagnostics rustc-style. Colours only when `color` is set
/// (the caller decides from whether the stream is a terminal).
pub fn render_human(diags: &[Diagnostic], root: &std::path::Path, color: bool) -> String {
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
        }
        .with_code(d.code)
        .with_message(&d.message);
        let src = sources
            .entry(d.file.clone())
            .or_insert_with(|| SourceFile::read(root, &root.join(&d.file)).ok());
        if let Some(src) = src {
            let id = *ids
                .entry(d.file.clone())
                .or_insert_with(|| files.add(d.file.clone(), src.text.clone()));
            cs = cs.with_labels(vec![Label::primary(id, src.label_range(d.span()))]);
        } else {
            cs = cs.with_notes(vec![format!("in {}:{}:{}", d.file, d.line, d.column)]);
        }
        if let Some(h) = &d.hint {
            cs = cs.with_notes(vec![format!("hint: {h}")]);
        }
        // Rendering into an in-memory buffer only fails on a bad label
        // range, which `label_range` rules out; fall back to a plain line.
        if term::emit_to_write_style(&mut out, &config, &files, &cs).is_err() {
            use std::io::Write;
            let _ = writeln!(out, "{}:{}:{}: {}", d.file, d.line, d.column, d.message);
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// The `--format json` form: a JSON array, one object per diagnostic.
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into())
}
