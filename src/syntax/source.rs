//! Reading one content file from disk into checked text.
//!
//! Authors edit these files by hand in whatever editor they have, so the text
//! layer is forgiving where it can be (a UTF-8 byte-order mark and CRLF line
//! endings are accepted) and strict, with a located message, where it cannot
//! (invalid UTF-8, NUL bytes, oversized files, a front matter without its
//! closing fence). Nothing here panics on any input.

use super::diag::{Diagnostic, Span};
use crate::l10n::Msg;
use crate::msg;
use std::path::{Path, PathBuf};

/// Files above this size are refused before parsing: a practice is a few
/// hundred kilobytes at most, and a runaway file must not stall a build.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// One content file, decoded to text, with the index needed to turn a
/// line/column into a byte range for the diagnostics renderer.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the registry root, with `/` separators.
    pub rel: String,
    /// Absolute path on disk.
    pub abs: PathBuf,
    /// The text with the byte-order mark removed (line endings as on disk).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(rel: String, abs: PathBuf, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            rel,
            abs,
            text,
            line_starts,
        }
    }

    /// Reads and decodes a file; every failure is a diagnostic on that file.
    // A diagnostic is returned at most once per file read: its size does
    // not matter here.
    #[allow(clippy::result_large_err)]
    pub fn read(root: &Path, abs: &Path) -> Result<SourceFile, Diagnostic> {
        let rel = rel_path(root, abs);
        let at_start = Span::new(1, 1);
        let meta = std::fs::metadata(abs).map_err(|e| {
            Diagnostic::error(
                codes::IO,
                msg!("D001_cannot_read", error = e.to_string()),
                &rel,
                at_start,
            )
        })?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                codes::FILE_TOO_LARGE,
                msg!(
                    "D003_too_large",
                    size = crate::l10n::Arg::Fixed(meta.len() as f64 / 1_048_576.0, 1),
                    max = MAX_FILE_BYTES / 1_048_576
                ),
                &rel,
                at_start,
            )
            .with_hint(Msg::new("D003_too_large_hint")));
        }
        let bytes = std::fs::read(abs).map_err(|e| {
            Diagnostic::error(
                codes::IO,
                msg!("D001_cannot_read", error = e.to_string()),
                &rel,
                at_start,
            )
        })?;
        let text = decode_text(&bytes).map_err(|(span, msg, hint)| {
            Diagnostic::error(codes::ENCODING, msg, &rel, span).with_hint(hint)
        })?;
        Ok(SourceFile::new(rel, abs.to_path_buf(), text))
    }

    /// Byte offset of a 1-based line and 1-based character column, clamped
    /// to the text so that a stale position can never index out of range.
    pub fn offset(&self, span: Span) -> usize {
        let line = (span.line.max(1) as usize - 1).min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = &self.text[start..end];
        let col = span.col.max(1) as usize - 1;
        start
            + line_text
                .char_indices()
                .nth(col)
                .map(|(i, _)| i)
                .unwrap_or(line_text.trim_end_matches(['\n', '\r']).len())
    }

    /// The byte range to underline for a node starting at `span`: up to the
    /// end of the token on that line (a flow delimiter, a comment or the line end).
    pub fn label_range(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.offset(span);
        let rest = &self.text[start..];
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..line_end];
        let mut end = line.len();
        let quoted = line.starts_with('"') || line.starts_with('\'');
        if !quoted {
            for (i, c) in line.char_indices() {
                if matches!(c, ',' | ']' | '}') || line[i..].starts_with(" #") {
                    end = i;
                    break;
                }
            }
        }
        let end = line[..end]
            .trim_end()
            .len()
            .max(line.chars().next().map_or(0, char::len_utf8));
        start..start + end.min(line.len())
    }
}

/// Diagnostic codes raised while reading text (see `docs/rules.md`).
pub mod codes {
    pub const IO: &str = "D001";
    pub const ENCODING: &str = "D002";
    pub const FILE_TOO_LARGE: &str = "D003";
}

/// `root`-relative path with forward slashes, for messages and JSON output.
pub fn rel_path(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

type TextError = (Span, Msg, Msg);

/// UTF-8 with an optional BOM, no NUL bytes.
pub fn decode_text(bytes: &[u8]) -> Result<String, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // `valid` is valid UTF-8 by construction.
            let prefix = String::from_utf8_lossy(valid);
            return Err((
                position_of_end(&prefix),
                msg!(
                    "D002_not_utf8",
                    byte = format!("0x{:02X}", bytes[e.valid_up_to()]),
                    offset = e.valid_up_to().to_string()
                ),
                Msg::new("D002_not_utf8_hint"),
            ));
        }
    };
    if let Some(i) = text.find('\0') {
        return Err((
            position_of_end(&text[..i]),
            Msg::new("D002_nul"),
            Msg::new("D002_nul_hint"),
        ));
    }
    Ok(text.to_owned())
}

/// The 1-based line/column just after `prefix`.
fn position_of_end(prefix: &str) -> Span {
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Span::new(line as u32, col as u32)
}

/// Where a `TODO` placeholder (left by `dokaz new`) remains, outside
/// comment lines. Validation turns these into warnings (V129).
pub fn placeholders(text: &str) -> Vec<Span> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .filter_map(|(i, line)| {
            let byte = line.find("TODO")?;
            Some(Span::new(
                i as u32 + 1,
                line[..byte].chars().count() as u32 + 1,
            ))
        })
        .collect()
}

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: u32,
}

/// Splits `---\n yaml \n---\n body`. CRLF fences are accepted.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, TextError> {
    let hint = || Msg::new("D016_hint");
    if text.trim().is_empty() {
        return Err((Span::new(1, 1), Msg::new("D016_empty"), hint()));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end_matches(['\n', '\r']).trim_end() != "---" {
        return Err((Span::new(1, 1), Msg::new("D016_no_fence"), hint()));
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for (line_no, line) in (2u32..).zip(lines) {
        if line.trim_end_matches(['\n', '\r']).trim_end() == "---" {
            return Ok(FrontMatter {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[pos + line.len()..],
                body_line: line_no + 1,
            });
        }
        pos += line.len();
    }
    Err((
        Span::new(1, 1),
        Msg::new("D016_not_closed"),
        Msg::new("D016_not_closed_hint"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let t = decode_text(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nbody").unwrap();
        let fm = split_front_matter(&t).unwrap();
        assert_eq!(fm.yaml, "title: x\r\n");
        assert_eq!(fm.body, "body");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let (span, msg, _) = decode_text(b"ab\ncd\xFF").unwrap_err();
        assert_eq!(span, Span::new(2, 3));
        assert!(msg.to_string().contains("0xFF"));
    }

    #[test]
    fn nul_is_located() {
        let (span, _, _) = decode_text(b"a\0").unwrap_err();
        assert_eq!(span, Span::new(1, 2));
    }

    #[test]
    fn unclosed_and_empty_front_matter() {
        assert!(split_front_matter("").is_err());
        assert!(
            split_front_matter("---\na: 1\n")
                .unwrap_err()
                .1
                .to_string()
                .contains("not closed")
        );
        assert!(split_front_matter("a: 1\n").is_err());
    }

    #[test]
    fn offsets_count_characters() {
        let f = SourceFile::new("x".into(), "x".into(), "а: б\nкк: [1, x]\n".into());
        let off = f.offset(Span::new(2, 6));
        assert_eq!(&f.text[off..off + 1], "1");
        assert_eq!(f.label_range(Span::new(2, 6)), off..off + 1);
        // out-of-range positions clamp instead of panicking
        let _ = f.offset(Span::new(99, 99));
    }
}
