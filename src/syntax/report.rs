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
        .with_message(escape_controls(&d.message_in(lang)));
        let src = sources
            .entry(d.file.clone())
            .or_insert_with(|| SourceFile::read(root, &root.join(&d.file)).ok());
        let snippet = src.as_ref().map(|src| Snippet::new(src, d));
        if let Some(snippet) = &snippet {
            cs = cs.with_labels(vec![Label::primary((), snippet.label.clone())]);
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
            cs = cs.with_notes(vec![escape_controls(
                &msg!("report_hint", hint = h).render(lang),
            )]);
        }
        let files = snippet.unwrap_or_else(|| Snippet::empty(d));
        // Rendering into an in-memory buffer only fails on a bad label
        // range, which `Snippet` rules out; fall back to a plain line.
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

/// How many characters of a source line are quoted; a longer line is cut
/// around the marker, with `…` where it was cut.
pub const QUOTE_AT_MOST: usize = 100;
/// How many characters before the marker a cut line keeps.
const BEFORE_MARKER: usize = 30;

/// The one source line a diagnostic quotes, made safe to print: control
/// and bidirectional characters escaped (`\u{1b}`, never raw: a file must
/// not be able to clear or recolour a reviewer's terminal, nor reorder the
/// line), a long line cut around the marker. The header still names the
/// real line and column.
struct Snippet {
    name: String,
    text: String,
    label: std::ops::Range<usize>,
    line: usize,
    column: usize,
}

/// A character printed as an escape in a quoted line.
fn escaped(ch: char) -> Option<String> {
    let bidi = matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    (bidi || (ch.is_control() && ch != '\t')).then(|| format!("\\u{{{:x}}}", ch as u32))
}

/// `text` with its control and bidirectional characters escaped (a
/// message may quote a value from a file).
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                c.to_string()
            } else {
                escaped(c).unwrap_or_else(|| c.to_string())
            }
        })
        .collect()
}

impl Snippet {
    fn new(src: &SourceFile, d: &Diagnostic) -> Snippet {
        let range = src.label_range(d.span());
        let text = &src.text;
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| range.start + i);
        let line = &text[line_start..line_end];
        let (from, to) = (
            range.start - line_start,
            range.end.min(line_end) - line_start,
        );
        // In characters: where the marker starts and ends.
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let at = chars
            .iter()
            .position(|(i, _)| *i >= from)
            .unwrap_or(chars.len());
        let until = chars
            .iter()
            .position(|(i, _)| *i >= to)
            .unwrap_or(chars.len());
        let (first, last) = if chars.len() <= QUOTE_AT_MOST {
            (0, chars.len())
        } else {
            let first = at.saturating_sub(BEFORE_MARKER);
            let last = (first + QUOTE_AT_MOST).min(chars.len());
            (last.saturating_sub(QUOTE_AT_MOST).min(first), last)
        };
        let mut out = String::new();
        let mut label = 0..0;
        if first > 0 {
            out.push('…');
        }
        for (n, (_, ch)) in chars.iter().enumerate().take(last).skip(first) {
            if n == at {
                label.start = out.len();
            }
            if n == until {
                label.end = out.len();
            }
            match escaped(*ch) {
                Some(e) => out.push_str(&e),
                None => out.push(*ch),
            }
        }
        if at >= last {
            label.start = out.len();
        }
        if until >= last {
            label.end = out.len();
        }
        if last < chars.len() {
            out.push('…');
        }
        if label.end <= label.start {
            // At least one character is marked (a marker at the line end
            // marks the space after it).
            if label.start >= out.len() {
                out.push(' ');
            }
            let next = out[label.start..].chars().next().map_or(1, char::len_utf8);
            label.end = label.start + next;
        }
        Snippet {
            name: d.file.clone(),
            text: out,
            label,
            line: d.line as usize,
            column: d.column as usize,
        }
    }

    /// For a file that cannot be read: no line to quote.
    fn empty(d: &Diagnostic) -> Snippet {
        Snippet {
            name: d.file.clone(),
            text: String::new(),
            label: 0..0,
            line: d.line as usize,
            column: d.column as usize,
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }
    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }
    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }
    fn line_number(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }
    fn location(
        &'a self,
        (): (),
        _: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        Ok(codespan_reporting::files::Location {
            line_number: self.line,
            column_number: self.column,
        })
    }
    fn line_range(
        &'a self,
        (): (),
        _: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        Ok(0..self.text.len())
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::diag::Span;

    fn shown(text: &str, span: Span) -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("f.yaml"), text).expect("write");
        let d = Diagnostic::error(
            "D004",
            crate::l10n::Msg::new("D018_missing"),
            "f.yaml",
            span,
        );
        render_human(&[d], dir.path(), false, Lang::En)
    }

    #[test]
    fn control_characters_in_a_quoted_line_are_escaped() {
        let out = shown("title: \"a\u{1b}[2J\u{7}b\u{202e}c\"\n", Span::new(1, 8));
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'), "{out:?}");
        assert!(out.contains(r"a\u{1b}[2J\u{7}b\u{202e}c"), "{out}");
        // The marker still covers the value.
        assert!(out.contains(&format!("{}^", " ".repeat(7))), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_marker() {
        let line = format!(
            "text: \"{}\", at: here, then: \"{}\"\n",
            "x".repeat(500),
            "y".repeat(500)
        );
        let col = line.find("here").expect("here") as u32 + 1;
        let out = shown(&line, Span::new(1, col));
        let quoted = out
            .lines()
            .find(|l| l.contains("here"))
            .expect("the line is quoted");
        assert!(quoted.chars().count() < QUOTE_AT_MOST + 20, "{quoted}");
        assert!(quoted.contains('…'), "{quoted}");
        // The header names the real column, the marker sits under `here`.
        assert!(out.contains(&format!("f.yaml:1:{col}")), "{out}");
        let marker = out.lines().find(|l| l.contains('^')).expect("marker");
        let at = |l: &str, pat: &str| l.chars().count() - l[l.find(pat).unwrap()..].chars().count();
        assert_eq!(at(marker, "^"), at(quoted, "here"), "{out}");
    }
}
