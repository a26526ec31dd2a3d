//! External evaluations: one given as done names who did it, when, and
//! where its report is (FORMAT.md §4). An evaluation without them is
//! a claim a reader cannot check, and the evidence rules do not count it.
//!
//! FORMAT marks `by`, `year` and `report` required when done; dokaz
//! warns rather than refuses. Nothing is overstated either way (the
//! `external_evaluation` rule counts only a complete one), and a
//! registry may know that an evaluation was done without having its
//! report: the example's Mother House study (seed 000) is one, and no
//! seed gives its address.

use super::Checker;
use super::codes::EXTERNAL_EVALUATION;
use crate::model::Doc;
use crate::model::practice::{EvaluationStatus, Practice};

pub fn done_without_facts(c: &mut Checker, doc: &Doc<Practice>) {
    let Some(e) = doc
        .model
        .justification
        .as_ref()
        .and_then(|j| j.external_evaluation.as_ref())
    else {
        return;
    };
    if *e.status != EvaluationStatus::Done {
        return;
    }
    let mut missing = Vec::new();
    // A fact that is there but did not decode has its own error.
    if e.by.as_deref().is_none_or(|b| b.trim().is_empty()) && !e.is_broken("by") {
        missing.push(crate::l10n::Msg::new("V135_by"));
    }
    if e.year.is_none() && !e.is_broken("year") {
        missing.push(crate::l10n::Msg::new("V135_year"));
    }
    if e.report
        .as_ref()
        .is_none_or(|r| r.url.is_none() && r.file.is_none())
        && !e.is_broken("report")
    {
        missing.push(crate::l10n::Msg::new("V135_report"));
    }
    if !missing.is_empty() {
        c.warning(
            EXTERNAL_EVALUATION,
            &doc.file,
            e.status.span,
            crate::l10n::Msg::list("V135_no_facts", "missing", missing),
            crate::l10n::Msg::new("V135_no_facts_hint"),
        );
    }
}
