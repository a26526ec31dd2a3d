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
use crate::syntax::decode::suggestion_labelled;
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
    resolve_labelled(c, file, what, r, known, &|_| None)
}

/// [`resolve`], the suggestion naming the closest id's label (a
/// problem's text, an activity's name, an organization's name).
pub fn resolve_labelled(
    c: &mut Checker,
    file: &str,
    what: &str,
    r: &Spanned<Id>,
    known: &[&str],
    label: &dyn Fn(&str) -> Option<String>,
) -> bool {
    if known.contains(&r.as_str()) {
        return true;
    }
    let hint = if known.is_empty() {
        Some(msg!("V102_nothing_yet", what = noun(what)))
    } else {
        suggestion_labelled(r.as_str(), known, label)
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

/// The language labels and texts are quoted in: the practice's own
/// language, else the registry's default.
fn content_language<'r>(c: &Checker<'r>, lang: Option<&'r str>) -> &'r str {
    lang.or_else(|| c.reg.config.as_ref().map(|k| k.default_language.as_str()))
        .unwrap_or("en")
}

/// Reports a taxonomy id that is not in its taxonomy.
pub fn check_term(c: &mut Checker, file: &str, taxonomy: &str, term: &Spanned<Id>) {
    check_term_in(c, file, taxonomy, term, None);
}

/// [`check_term`], quoting labels in `lang` (else the registry's default).
pub fn check_term_in(
    c: &mut Checker,
    file: &str,
    taxonomy: &str,
    term: &Spanned<Id>,
    lang: Option<&str>,
) {
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
    if tax.contains(term.as_str()) || tax.incomplete {
        return;
    }
    let known: Vec<&str> = tax.parents.keys().map(Id::as_str).collect();
    let lang = content_language(c, lang);
    let fallback = c
        .reg
        .config
        .as_ref()
        .map_or("en", |k| k.default_language.as_str());
    let label = |id: &str| tax.labels.get(id).map(|l| l.get(lang, fallback).to_owned());
    let hint = suggestion_labelled(term.as_str(), &known, label);
    c.error(
        UNKNOWN_TERM,
        file,
        term.span,
        msg!(
            "V103_not_a_term",
            term = term.value.as_str(),
            taxonomy = taxonomy
        ),
        hint,
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
    let lang = p.language.as_ref().map(|l| l.value.as_str());
    let in_lang = content_language(c, lang);
    if !reg.file_ids.organizations.contains(&p.organization.value) {
        let orgs: Vec<&str> = reg.file_ids.organizations.iter().map(Id::as_str).collect();
        let name = |id: &str| {
            reg.organizations
                .get(id)
                .map(|o| o.model.name.get(in_lang, in_lang).to_owned())
        };
        resolve_labelled(c, f, "organization", &p.organization, &orgs, &name);
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
        let title = |id: &str| reg.practices.get(id).map(|d| d.model.title.value.clone());
        resolve_labelled(c, f, "practice", t, &practices, &title);
    }

    // Taxonomy terms.
    for r in &p.regions {
        check_term_in(c, f, "regions", r, lang);
    }
    check_term_in(c, f, "thematic-areas", &p.thematic_area, lang);
    if let Some(t) = &p.practice_type {
        check_term_in(c, f, "practice-types", t, lang);
    }
    for g in p.target_groups.iter() {
        if let Some(cat) = &g.category {
            check_term_in(c, f, "target-groups", cat, lang);
        }
    }
    for a in p.activities.iter() {
        if let Some(t) = &a.r#type {
            check_term_in(c, f, "activity-types", t, lang);
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

    // A list with an item whose id did not decode (or that did not decode
    // at all) may hold the id a reference names: its references are not
    // judged until the id is fixed.
    let groups_known =
        !p.target_groups.is_broken() && p.target_groups.iter().all(|g| !g.id.is_broken());
    let problems_known = groups_known
        && p.target_groups
            .iter()
            .all(|g| !g.problems.is_broken() && g.problems.iter().all(|x| !x.id.is_broken()));
    let activities_known =
        !p.activities.is_broken() && p.activities.iter().all(|a| !a.id.is_broken());
    let results_known = !p.results.is_broken() && p.results.iter().all(|r| !r.id.is_broken());
    let group_ids: Vec<&str> = groups.keys().copied().collect();
    let problem_ids: Vec<&str> = problems.keys().copied().collect();
    let result_ids: Vec<&str> = results.keys().copied().collect();
    let mut source_ids: Vec<&str> = activities
        .keys()
        .copied()
        .chain(result_ids.iter().copied())
        .collect();
    source_ids.sort_unstable();

    // What a suggestion shows beside a local id: the item's name or text.
    let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
    for g in p.target_groups.iter() {
        labels.entry(g.id.as_str()).or_insert(&g.name);
        for pr in g.problems.iter() {
            labels.entry(pr.id.as_str()).or_insert(&pr.text);
        }
    }
    for a in p.activities.iter() {
        labels.entry(a.id.as_str()).or_insert(&a.name);
    }
    for r in p.results.iter() {
        labels.entry(r.id.as_str()).or_insert(&r.text);
    }
    let label = |id: &str| labels.get(id).map(|s| (*s).to_owned());
    for a in p.activities.iter() {
        for g in a.target_groups.iter().filter(|_| groups_known) {
            resolve_labelled(c, f, "target group", g, &group_ids, &label);
        }
        for pr in a.addresses.iter().filter(|_| problems_known) {
            resolve_labelled(c, f, "problem", pr, &problem_ids, &label);
        }
    }
    if activities_known && results_known {
        for r in p.results.iter() {
            for src in r.from.iter() {
                resolve_labelled(c, f, "activity or result", src, &source_ids, &label);
            }
        }
    }
    if !results_known {
        return;
    }
    let results_of = p
        .indicators
        .iter()
        .map(|i| &i.result)
        .chain(p.factors.iter().map(|x| &x.result))
        .chain(p.long_term.iter().map(|x| &x.result))
        .chain(p.result_costs.iter().map(|x| &x.result));
    for r in results_of {
        resolve_labelled(c, f, "result", r, &result_ids, &label);
    }
}

pub fn check_organization(c: &mut Checker, doc: &Doc<Organization>) {
    for r in &doc.model.regions {
        check_term(c, &doc.file, "regions", r);
    }
}
