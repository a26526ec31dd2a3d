//! Placeholders left behind: `dokaz new` writes `TODO` where the author
//! must fill something in; a file that still has one is flagged so that a
//! skeleton never reaches the site unnoticed.

use super::Checker;
use super::codes::PLACEHOLDER;

pub fn check(c: &mut Checker) {
    let reg = c.reg;
    let found = reg
        .practices
        .values()
        .map(|p| (p.file.as_str(), &p.placeholders))
        .chain(
            reg.reviews
                .iter()
                .map(|r| (r.file.as_str(), &r.placeholders)),
        );
    for (file, spans) in found {
        for span in spans {
            c.warning(
                PLACEHOLDER,
                file,
                *span,
                crate::l10n::Msg::new("V129_todo"),
                crate::l10n::Msg::new("V129_todo_hint"),
            );
        }
    }
}
