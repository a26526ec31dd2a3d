//! Finding practices: the facets shared by the catalogue filters, the
//! search filters and the home page's overview.
//!
//! One function says which facet values a practice has
//! ([`facets_of`]); the catalogue's JSON, the pagefind filter attributes
//! on practice pages and the filter forms all come from it, so a practice
//! counted under "Families" in the catalogue is also found under it in
//! search. Values are ids (term ids, level ids, `yes`/`no`), never labels:
//! labels are per language, ids let one form drive both the catalogue and
//! pagefind.
//!
//! Decisions where SITE.md is silent:
//! - a practice tagged with a child term also has every ancestor term, so
//!   filtering by a parent target group includes its children's practices
//!   (as the term pages do);
//! - the evidence facet of a dimension is the level the card shows: the
//!   verified level where an expert verified one, otherwise the claimed
//!   one; "verified by experts" is a facet of its own;
//! - within one facet values are alternatives (OR), facets combine (AND);
//! - the result-level facet lists the levels of the practice's results
//!   (FORMAT.md §4), in the chain's order: a practice is under "short"
//!   when one of its results is a short-term one.

use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::{Level, Practice};
use crate::model::taxonomy::Term;
use crate::render::lang::Lx;
use crate::render::routes::Taxonomy;
use crate::render::site::{practice_terms, with_ancestors};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

const STATUSES: &[&str] = &["active", "paused", "completed"];

/// The facet id of the levels of a practice's results.
pub const RESULT_LEVEL: &str = "result-level";

/// The levels of a practice's results, in the chain's order, each once.
pub fn result_levels(p: &Practice) -> Vec<String> {
    Level::ALL
        .iter()
        .filter(|l| p.results.iter().any(|r| r.level.as_str() == **l))
        .map(|l| (*l).to_owned())
        .collect()
}

/// The facet id of an evidence dimension.
fn evidence_facet(dim: &str) -> String {
    format!("evidence-{dim}")
}

/// The facet values of one practice: (facet id, value ids), facets in
/// form order, values sorted.
pub fn facets_of(lx: &Lx, doc: &Doc<Practice>) -> Vec<(String, Vec<String>)> {
    let site = lx.site;
    let mut out = Vec::new();
    for (tax, ids) in practice_terms(&doc.model) {
        let mut values: Vec<String> = with_ancestors(site.reg, tax, &ids)
            .iter()
            .map(Id::to_string)
            .collect();
        values.sort();
        values.dedup();
        out.push((tax.id().to_owned(), values));
    }
    out.push((RESULT_LEVEL.into(), result_levels(&doc.model)));
    if let Some(scheme) = lx.scheme() {
        let verified = site.verified_of(&doc.id);
        for d in scheme.dimensions.iter() {
            let dim = d.id.as_str();
            let shown = verified
                .and_then(|v| v.get(dim))
                .map(|v| v.level.to_string())
                .or_else(|| {
                    doc.model
                        .evidence
                        .as_ref()
                        .and_then(|e| e.get(dim))
                        .map(|l| l.value.to_string())
                });
            out.push((evidence_facet(dim), shown.into_iter().collect()));
        }
    }
    if let Some(band) = super::scales::band_facet(lx, doc) {
        out.push((super::scales::COST_BAND.into(), vec![band]));
    }
    let is_verified = site.verified_of(&doc.id).is_some_and(|v| !v.is_empty());
    out.push((
        "verified".into(),
        vec![if is_verified { "yes" } else { "no" }.into()],
    ));
    out.push(("status".into(), vec![doc.model.status.as_str().into()]));
    // The languages a practice can be read in: all its versions'.
    let mut langs: Vec<String> = match site.original(&doc.id) {
        Some(o) => site
            .versions(o)
            .iter()
            .map(|v| site.practice_lang(v).to_owned())
            .collect(),
        None => vec![site.practice_lang(doc).to_owned()],
    };
    langs.sort();
    langs.dedup();
    out.push(("language".into(), langs));
    out
}

/// `key:value` strings for pagefind's `data-pagefind-filter` attributes.
pub fn filter_attrs(lx: &Lx, doc: &Doc<Practice>) -> Vec<String> {
    facets_of(lx, doc)
        .into_iter()
        .flat_map(|(k, vs)| vs.into_iter().map(move |v| format!("{k}:{v}")))
        .collect()
}

/// A facet of the filter forms with every value it offers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FacetDef {
    pub id: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FacetValue {
    pub id: String,
    pub label: String,
    /// Nesting in the term tree: the form indents children.
    pub depth: usize,
}

fn value(id: &str, label: String) -> FacetValue {
    FacetValue {
        id: id.to_owned(),
        label,
        depth: 0,
    }
}

/// Every facet with every value the form offers, labelled in the page's
/// language. Taxonomy values keep the tree order.
pub fn facet_defs(lx: &Lx) -> Vec<FacetDef> {
    fn walk(lx: &Lx, terms: &[Term], depth: usize, out: &mut Vec<FacetValue>) {
        for term in terms {
            out.push(FacetValue {
                id: term.id.value.to_string(),
                label: lx.loc(&term.label),
                depth,
            });
            if depth < 8 {
                walk(lx, &term.children, depth + 1, out);
            }
        }
    }
    let site = lx.site;
    let mut out = Vec::new();
    for tax in Taxonomy::ALL {
        let Some(t) = site.reg.taxonomies.get(tax.id()) else {
            continue;
        };
        let mut values = Vec::new();
        walk(lx, &t.terms, 0, &mut values);
        out.push(FacetDef {
            id: tax.id().to_owned(),
            label: lx.t(tax.facet_key()),
            values,
        });
    }
    out.push(FacetDef {
        id: RESULT_LEVEL.into(),
        label: lx.t("facet_result_level"),
        values: Level::ALL
            .iter()
            .map(|l| value(l, lx.t(&format!("level_{l}"))))
            .collect(),
    });
    if let Some(scheme) = lx.scheme() {
        for d in scheme.dimensions.iter() {
            out.push(FacetDef {
                id: evidence_facet(d.id.as_str()),
                label: format!("{}: {}", lx.t("evidence"), lx.loc(&d.label)),
                values: scheme
                    .levels
                    .iter()
                    .map(|l| value(l.id.as_str(), lx.loc(&l.label)))
                    .collect(),
            });
        }
    }
    if let Some(bands) = lx.scheme().and_then(|s| s.cost_bands.as_ref()) {
        let mut values: Vec<FacetValue> = (1..=bands.bands.value.len() + 1)
            .map(|n| value(&n.to_string(), format!("{} {n}", lx.t("cost_band"))))
            .collect();
        values.push(value(super::scales::NO_BAND, lx.t("cost_band_none")));
        out.push(FacetDef {
            id: super::scales::COST_BAND.into(),
            label: lx.t("cost_band"),
            values,
        });
    }
    out.push(FacetDef {
        id: "verified".into(),
        label: lx.t("facet_verified"),
        values: vec![
            value("yes", lx.t("verified_yes")),
            value("no", lx.t("verified_no")),
        ],
    });
    out.push(FacetDef {
        id: "status".into(),
        label: lx.t("status"),
        values: STATUSES
            .iter()
            .map(|s| value(s, lx.t(&format!("status_{s}"))))
            .collect(),
    });
    let mut langs: Vec<&str> = site
        .practices
        .iter()
        .flat_map(|p| site.versions(p))
        .map(|p| site.practice_lang(p))
        .collect();
    langs.sort_unstable();
    langs.dedup();
    out.push(FacetDef {
        id: "language".into(),
        label: lx.t("language"),
        values: langs
            .iter()
            .map(|l| value(l, lx.t(&format!("language_{l}"))))
            .collect(),
    });
    out
}

/// A number that orders practices by evidence: the shown level of every
/// dimension, counted from 1 for the lowest (0 where none is shown).
pub fn evidence_rank(lx: &Lx, facets: &[(String, Vec<String>)]) -> usize {
    let Some(scheme) = lx.scheme() else {
        return 0;
    };
    facets
        .iter()
        .filter(|(k, _)| k.starts_with("evidence-"))
        .flat_map(|(_, vs)| vs.iter())
        .filter_map(|v| scheme.level_rank(v))
        .map(|r| r + 1)
        .sum()
}

/// A taxonomy as the home page and the catalogue show it: its term tree
/// with the number of practices under each term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FacetTree {
    /// The taxonomy's id.
    pub id: String,
    pub label: String,
    pub terms: Vec<TermCount>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TermCount {
    pub id: String,
    pub label: String,
    pub href: String,
    /// Practices tagged with the term or one of its descendants.
    pub count: usize,
    pub children: Vec<TermCount>,
}

pub fn facet_trees(lx: &Lx) -> Vec<FacetTree> {
    fn walk(
        lx: &Lx,
        tax: Taxonomy,
        terms: &[Term],
        index: Option<&BTreeMap<Id, BTreeSet<&Id>>>,
    ) -> Vec<TermCount> {
        terms
            .iter()
            .map(|term| {
                let t = lx.term(tax, &term.id.value);
                TermCount {
                    id: t.id,
                    label: t.label,
                    href: t.href,
                    count: index
                        .and_then(|i| i.get(&term.id.value))
                        .map_or(0, BTreeSet::len),
                    children: walk(lx, tax, &term.children, index),
                }
            })
            .collect()
    }
    Taxonomy::ALL
        .into_iter()
        .filter_map(|tax| {
            let t = lx.site.reg.taxonomies.get(tax.id())?;
            let index = lx.site.term_index.get(&tax);
            Some(FacetTree {
                id: tax.id().to_owned(),
                label: lx.t(tax.facet_key()),
                terms: walk(lx, tax, &t.terms, index),
            })
        })
        .collect()
}
