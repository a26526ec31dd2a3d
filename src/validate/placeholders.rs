//! Placeholders left behind: `dokaz new` writes `TODO` where the author
//! must fill something in; a file that still has one is flagged so that a
//! skeleton never reaches the site unnoticed.

use super::Checker;
use super::codes::PLACEHOLDER;
use crate::diag::Span;

pub fn check(c: &mut Checker) {
    let reg = c.reg;
    let files = reg
        .practices
        .values()
        .map(|p| p.file.as_str())
        .chain(reg.reviews.iter().map(|r| r.file.as_str()));
    for file in files {
        let Some(src) = reg.sources.get(file) else {
            continue;
        };
        for (i, line) in src.text.lines().enumerate() {
            let Some(byte) = line.find("TODO") else {
                continue;
            };
            if line.trim_start().starts_with('#') {
                continue; // a comment that explains the skeleton
            }
            let col = line[..byte].chars().count() as u32 + 1;
            c.warning(
                PLACEHOLDER,
                file,
                Span::new(i as u32 + 1, col),
                "a `TODO` placeholder is still here",
                "replace it with the real text or id",
            );
        }
    }
}
