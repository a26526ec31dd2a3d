//! Showing diagnostics to people: rustc-style through `codespan-reporting`
//! (quoting the offending line, which means reading the file again), or as
//! JSON for `--format json`.
//!
//! Kept apart from [`super::diag`] because it needs [`SourceFile`], which
//! itself produces diagnostics: one module holding both would make the
//! type and the file reader depend on each other.

use super::diag::{Diagnostic, Severity};
use super::source::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::collections::HashMap;

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
            Severity::Note => CsDiagnostic::note(),
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
