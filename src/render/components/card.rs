//! A practice as a card in listings (catalogue, term pages, home).

use super::evidence::evidence_rows;
use crate::model::Doc;
use crate::model::practice::Practice;
use crate::render::lang::{Lx, TermRef};
use crate::render::routes::{Route, Taxonomy};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Card {
    pub id: String,
    pub href: String,
    pub title: String,
    pub summary: String,
    /// The language the practice is written in.
    pub lang: String,
    pub organization: Option<String>,
    pub organization_href: String,
    pub target_groups: Vec<TermRef>,
    pub regions: Vec<TermRef>,
    pub status: String,
    pub updated: String,
    pub draft: bool,
    /// The dimensions with a claimed or verified level.
    pub evidence: Vec<Badge>,
    /// Some verified level is due for re-review.
    pub review_due: bool,
    /// The cost band ("4"), where the scheme has bands and the practice
    /// has one.
    pub cost_band: Option<String>,
    /// Readings of the verified levels on other scales ("≈ EIF 3").
    pub readings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Badge {
    pub label: String,
    pub claimed: Option<String>,
    pub verified: Option<String>,
    /// The verified level is due for re-review.
    pub overdue: bool,
}

/// The card of a practice, given any of its versions: the facts (and
/// the id, which comparison uses) are the practice's, the texts and the
/// link the version this language's reader is shown.
pub fn card(lx: &Lx, doc: &Doc<Practice>) -> Card {
    let original = lx.site.original(&doc.id).unwrap_or(doc);
    let doc = lx.site.shown(original, lx.lang);
    let p = &doc.model;
    let reg = lx.site.reg;
    let org = reg.organizations.get(&p.organization.value);
    let mut groups: Vec<TermRef> = Vec::new();
    for g in p.target_groups.iter() {
        if let Some(c) = &g.category {
            let t = lx.term(Taxonomy::TargetGroups, &c.value);
            if !groups.contains(&t) {
                groups.push(t);
            }
        }
    }
    let rows = evidence_rows(lx, doc);
    let review_due = rows.iter().any(|r| r.overdue);
    let evidence = rows
        .into_iter()
        .filter(|r| r.claimed.is_some() || r.verified.is_some())
        .map(|r| Badge {
            label: r.label,
            claimed: r.claimed,
            verified: r.verified,
            overdue: r.overdue,
        })
        .collect();
    Card {
        id: original.id.to_string(),
        href: Route::Practice(doc.id.as_str()).path(),
        title: p.title.value.clone(),
        summary: p.summary.value.clone(),
        lang: lx.site.practice_lang(doc).to_owned(),
        organization: org.map(|o| lx.loc(&o.model.name)),
        organization_href: Route::Organization(p.organization.value.as_str()).path(),
        target_groups: groups,
        regions: p
            .regions
            .iter()
            .map(|r| lx.term(Taxonomy::Regions, &r.value))
            .collect(),
        status: lx.t(&format!("status_{}", p.status.as_str())),
        updated: p.updated.value.to_string(),
        draft: p.draft,
        evidence,
        review_due,
        cost_band: crate::render::components::scales::cost_band(lx, original)
            .and_then(|b| b.band)
            .map(|n| n.to_string()),
        readings: crate::render::components::scales::readings(lx, original)
            .into_iter()
            .map(|r| r.text)
            .collect(),
    }
}
