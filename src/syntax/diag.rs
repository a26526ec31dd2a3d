//! Diagnostics: what went wrong, where, and what to do about it.
//!
//! Every problem dokaz finds is a [`Diagnostic`] with a stable code (the
//! table in `docs/rules.md`), a message, the file relative to the registry
//! root, a 1-based line and column, and usually a hint. Diagnostics are
//! collected, never thrown, so that one run reports every problem in every
//! file. How they are shown to people is [`super::report`]'s business:
//! this module is the bottom of the syntax layer, so that reading a file
//! ([`super::source`]) can report problems without depending on the
//! renderer that reads files back to quote them.

use crate::l10n::{Lang, Msg};
use serde::Serialize;

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

    /// The place of a value a translation takes from its original
    /// (`load::translation`): a finding about it is the original's, and
    /// is reported there, at its real place.
    pub const INHERITED: Span = Span {
        line: u32::MAX,
        col: u32::MAX,
    };

    /// The place of a stand-in for a value that failed to decode
    /// ([`super::decode::Decode::placeholder`]): its error is reported at
    /// the real place; nothing else is reported about the stand-in.
    pub const BROKEN: Span = Span {
        line: u32::MAX - 1,
        col: u32::MAX - 1,
    };

    /// Whether this is a real place in a file (not [`Span::INHERITED`]
    /// nor [`Span::BROKEN`]).
    pub const fn is_real(self) -> bool {
        self.line < u32::MAX - 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information for the registry's editors (a level due for
    /// re-review): shown, never counted as a warning or an error, never
    /// changes the exit code.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// What is wrong, as a message key with its arguments (rendered in
    /// the reader's language when shown).
    pub message: Msg,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub hint: Option<Msg>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        message: Msg,
        file: &str,
        span: Span,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            file: file.to_owned(),
            line: span.line,
            column: span.col,
            hint: None,
        }
    }

    pub fn error(code: &'static str, message: Msg, file: &str, span: Span) -> Self {
        Self::new(Severity::Error, code, message, file, span)
    }

    pub fn warning(code: &'static str, message: Msg, file: &str, span: Span) -> Self {
        Self::new(Severity::Warning, code, message, file, span)
    }

    pub fn note(code: &'static str, message: Msg, file: &str, span: Span) -> Self {
        Self::new(Severity::Note, code, message, file, span)
    }

    /// Adds a hint (`None` leaves it without).
    pub fn with_hint(mut self, hint: impl Into<Option<Msg>>) -> Self {
        self.hint = hint.into();
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The hint in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        self.hint.as_ref().map(|h| h.render(lang))
    }

    /// The English message (tests, logs).
    pub fn text(&self) -> String {
        self.message.render(Lang::En)
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
