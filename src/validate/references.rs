//! Ids and references: local ids are unique in their lists, every
//! reference resolves, every taxonomy id exists in its taxonomy.

use super::Checker;
use super::codes::*;
use crate::l10n::noun;
use crate::model::Doc;
use crate::model::common::{Id, Spanned};
use crate::model::organization::Organization;
use crate::model::practice::Practice;
use crate::msg;
use crate::syntax::decode::suggestion;
use crate::syntax::diag::Span;
use std::collections::BTreeMap;

/// Reports ids that appear twice in one list; returns the set of ids.
pub fn unique_ids<'a, T: AsRef<str> + 'a>(
    c: &mut Checker,
    file: &str,
    what: &str,
    ids: impl IntoIterator<Item = &'a Spanned<T>>,
) -> BTreeMap<&'a str, Span> {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for id in ids {
        let text = id.value.as_ref();
        if let Some(first) = seen.get(text) {
            c.error(
                DUPLICATE_ID,
                file,
                id.span,
                msg!("V101_used_twice", what = noun(what), id = text),
                msg!("V101_used_twice_hint", what = noun(what), line = first.line),
            );
        } else {
            seen.insert(text, id.span);
        }
    }
    seen
}

/// Reports a reference that names nothing, with the closest existing id.
pub fn resolve(c: &mut Checker, file: &str, what: &str, r: &Spanned<Id>, known: &[&str]) -> bool {
    if known.contains(&r.as_str()) {
        return true;
    }
    let hint = if known.is_empty() {
        Some(msg!("V102_nothing_yet", what = noun(what)))
    } else {
        suggestion(r.as_str(), known)
    };
    c.error(
        UNRESOLVED_REFERENCE,
        file,
        r.span,
        msg!("V102_no_such", what = noun(what), id = r.value.as_str()),
        hint,
    );
    false
}

/// Reports a taxonomy id that is not in its taxonomy.
pub fn check_term(c: &mut Checker, file: &str, taxonomy: &str, term: &Spanned<Id>) {
    let Some(tax) = c.reg.taxonomies.get(taxonomy) else {
        c.error(
            UNKNOWN_TERM,
            file,
            term.span,
            msg!(
                "V103_no_taxonomy",
                term = term.value.as_str(),
                taxonomy = taxonomy
            ),
            msg!("V103_no_taxonomy_hint", taxonomy = taxonomy),
        );
        return;
    };
    if tax.contains(term.as_str()) {
        return;
    }
    let known: Vec<&str> = tax.parents.keys().map(Id::as_str).collect();
    c.error(
        UNKNOWN_TERM,
        file,
        term.span,
        msg!(
            "V103_not_a_term",
            term = term.value.as_str(),
            taxonomy = taxonomy
        ),
        suggestion(term.as_str(), &known),
    );
}

/// Term ids, rubric criteria and scheme ids are unique.
pub fn check_vocabularies(c: &mut Checker) {
    let reg = c.reg;
    for tax in reg.taxonomies.values() {
        let terms = tax.all_terms();
        unique_ids(c, &tax.file, "term", terms.iter().map(|t| &t.id));
    }
    for rubric in reg.rubrics.values() {
        let crit = rubric.model.all_criteria();
        unique_ids(c, &rubric.file, "criterion", crit.iter().map(|t| &t.id));
    }
    if let Some((file, s)) = &reg.scheme {
        unique_ids(c, file, "dimension", s.dimensions.iter().map(|d| &d.id));
        unique_ids(c, file, "level", s.levels.iter().map(|d| &d.id));
    }
}

pub fn check_practice(c: &mut Checker, doc: &Doc<Practice>) {
    let p = &doc.model;
    let f = doc.file.as_str();
    let reg = c.reg;

    // Cross-file references. Membership is a set lookup; the list of
    // candidates for the hint is built only when a reference fails, so
    // these checks stay linear in the number of practices.
    if !reg.file_ids.organizations.contains(&p.organization.value) {
        let orgs: Vec<&str> = reg.file_ids.organizations.iter().map(Id::as_str).collect();
        resolve(c, f, "organization", &p.organization, &orgs);
    }
    if let Some(t) = &p.translation_of
        && (t.value == doc.id || !reg.file_ids.practices.contains(&t.value))
    {
        let practices: Vec<&str> = reg
            .file_ids
            .practices
            .iter()
            .map(Id::as_str)
            .filter(|i| *i != doc.id.as_str())
            .collect();
        resolve(c, f, "practice", t, &practices);
    }

    // Taxonomy terms.
    for r in &p.regions {
        check_term(c, f, "regions", r);
    }
    check_term(c, f, "thematic-areas", &p.thematic_area);
    if let Some(t) = &p.practice_type {
        check_term(c, f, "practice-types", t);
    }
    for g in p.target_groups.iter() {
        if let Some(cat) = &g.category {
            check_term(c, f, "target-groups", cat);
        }
    }
    for a in p.activities.iter() {
        if let Some(t) = &a.r#type {
            check_term(c, f, "activity-types", t);
        }
    }

    // Local ids and references inside the practice.
    let groups = unique_ids(c, f, "target group", p.target_groups.iter().map(|g| &g.id));
    let problems = unique_ids(
        c,
        f,
        "problem",
        p.target_groups
            .iter()
            .flat_map(|g| g.problems.iter().map(|p| &p.id)),
    );
    let activities = unique_ids(c, f, "activity", p.activities.iter().map(|a| &a.id));
    let results = unique_ids(c, f, "result", p.results.iter().map(|r| &r.id));
    unique_ids(c, f, "indicator", p.indicators.iter().map(|i| &i.id));
    // `from` mixes activity and result ids, so the two must not collide.
    for r in p.results.iter() {
        if let Some(a) = activities.get(r.id.as_str()) {
            c.error(
                DUPLICATE_ID,
                f,
                r.id.span,
                msg!("V101_activity_and_result", id = r.id.value.as_str()),
                msg!("V101_activity_and_result_hint", line = a.line),
            );
        }
    }

    let group_ids: Vec<&str> = groups.keys().copied().collect();
    let problem_ids: Vec<&str> = problems.keys().copied().collect();
    let result_ids: Vec<&str> = results.keys().copied().collect();
    let mut source_ids: Vec<&str> = activities
        .keys()
        .copied()
        .chain(result_ids.iter().copied())
        .collect();
    source_ids.sort_unstable();

    for a in p.activities.iter() {
        for g in &a.target_groups {
            resolve(c, f, "target group", g, &group_ids);
        }
        for pr in &a.addresses {
            resolve(c, f, "problem", pr, &problem_ids);
        }
    }
    for r in p.results.iter() {
        for src in r.from.iter() {
            resolve(c, f, "activity or result", src, &source_ids);
        }
    }
    for i in &p.indicators {
        resolve(c, f, "result", &i.result, &result_ids);
    }
    for x in &p.factors {
        resolve(c, f, "result", &x.result, &result_ids);
    }
    for x in &p.long_term {
        resolve(c, f, "result", &x.result, &result_ids);
    }
    for x in &p.result_costs {
        resolve(c, f, "result", &x.result, &result_ids);
    }
}

pub fn check_organization(c: &mut Checker, doc: &Doc<Organization>) {
    for r in &doc.model.regions {
        check_term(c, &doc.file, "regions", r);
    }
}
