//! Invisible characters in what readers see as names: bidirectional
//! controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) can make
//! a title read differently from what it is ("Trojan Source"), and
//! zero-width characters (U+200B–U+200D, U+2060, U+FEFF) make two titles
//! that look the same differ, or hide text from search. Neither has a
//! place in a practice's title, summary or the names of its groups,
//! activities and results, in an organization's name, a reviewer's name or
//! a review's summary, or a rubric's title and criteria, so each is a
//! warning with the code point and the place it was found.

use super::Checker;
use super::codes::INVISIBLE_CHARACTER;
use crate::model::Doc;
use crate::model::practice::Practice;
use crate::syntax::diag::Span;

/// The name of an invisible character, or `None` for any other.
pub fn invisible(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

/// The message naming where a text is (`"the title"` → `where_title`).
fn place(what: &str) -> crate::l10n::Msg {
    crate::l10n::Msg::new(match what {
        "the activity's name" => "where_activity_name",
        "the criterion's label" => "where_criterion_label",
        "the organization's name" => "where_organization_name",
        "the result's text" => "where_result_text",
        "the reviewer's name" => "where_reviewer_name",
        "the rubric's title" => "where_rubric_title",
        "the source" => "where_source",
        "the summary" => "where_summary",
        "the target group's name" => "where_target_group_name",
        "the title" => "where_title",
        _ => "where_text",
    })
}

/// Warns once per invisible character of `text`, found in `what`.
fn scan(c: &mut Checker, file: &str, span: Span, what: &str, text: &str) {
    for (i, ch) in text.chars().enumerate() {
        if let Some(name) = invisible(ch) {
            c.warning(
                INVISIBLE_CHARACTER,
                file,
                span,
                crate::msg!(
                    "V134_invisible",
                    what = place(what),
                    code = format!("U+{:04X} {name}", ch as u32),
                    at = i + 1
                ),
                crate::l10n::Msg::new("V134_invisible_hint"),
            );
        }
    }
}

pub fn check_practice(c: &mut Checker, doc: &Doc<Practice>) {
    let p = &doc.model;
    let f = doc.file.as_str();
    scan(c, f, p.title.span, "the title", &p.title.value);
    scan(c, f, p.summary.span, "the summary", &p.summary.value);
    for g in p.target_groups.iter() {
        scan(c, f, g.id.span, "the target group's name", &g.name);
    }
    for a in p.activities.iter() {
        scan(c, f, a.id.span, "the activity's name", &a.name);
    }
    for r in p.results.iter() {
        scan(c, f, r.id.span, "the result's text", &r.text);
    }
}

/// Every language's text of a localized value.
fn texts(l: &crate::model::common::Localized) -> Vec<&str> {
    use crate::model::common::Localized;
    match l {
        Localized::Same(s) => vec![s.as_str()],
        Localized::PerLanguage(m) => m.values().map(String::as_str).collect(),
    }
}

pub fn check_organization(c: &mut Checker, doc: &Doc<crate::model::organization::Organization>) {
    for t in texts(&doc.model.name) {
        scan(c, &doc.file, doc.model.at, "the organization's name", t);
    }
}

pub fn check_review(c: &mut Checker, r: &crate::model::ReviewDoc) {
    let m = &r.model;
    if let Some(who) = &m.reviewer {
        scan(c, &r.file, who.at, "the reviewer's name", &who.name);
    }
    if let Some(s) = &m.source {
        scan(c, &r.file, s.span, "the source", &s.value);
    }
    if let Some(s) = &m.summary {
        scan(c, &r.file, m.at, "the summary", s);
    }
}

pub fn check_rubric(c: &mut Checker, doc: &Doc<crate::model::rubric::Rubric>) {
    for t in texts(&doc.model.title) {
        scan(c, &doc.file, doc.model.at, "the rubric's title", t);
    }
    for crit in doc.model.all_criteria() {
        for t in texts(&crit.label) {
            scan(c, &doc.file, crit.id.span, "the criterion's label", t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::invisible;

    #[test]
    fn bidi_controls_and_zero_width_characters_are_invisible() {
        for ch in [
            '\u{202E}', '\u{2066}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{200F}',
        ] {
            assert!(invisible(ch).is_some(), "{:04X}", ch as u32);
        }
        for ch in ['a', 'я', ' ', '\u{00A0}', '«', '—', '\u{0301}'] {
            assert!(invisible(ch).is_none(), "{:04X}", ch as u32);
        }
    }
}
