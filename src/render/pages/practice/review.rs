//! The reviews of a practice as its page shows them: newest first, each
//! verification with the levels it changed.

use crate::model::Doc;
use crate::model::practice::Practice;
use crate::model::review::ReviewStatus;
use crate::render::lang::Lx;
use crate::render::routes::Route;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// One review as shown in the history.
#[derive(Serialize, JsonSchema)]
pub struct ReviewView {
    pub date: String,
    /// A year only: the source gives no day.
    pub year_only: bool,
    pub reviewer: Option<String>,
    pub affiliation: Option<String>,
    /// Where a verification the registry did not file is recorded.
    pub source: Option<String>,
    pub status: String,
    pub status_label: String,
    pub levels: Vec<ReviewLevel>,
    pub comments: Vec<ReviewComment>,
    pub summary: Option<String>,
    pub recommendations: Vec<String>,
    pub rubric: Option<RubricLink>,
    pub ratings: Vec<Rating>,
    /// For a verification: the levels it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<LevelChange>>,
}

#[derive(Serialize, JsonSchema)]
pub struct ReviewLevel {
    pub dimension: String,
    pub level: String,
}

#[derive(Serialize, JsonSchema)]
pub struct ReviewComment {
    pub dimension: String,
    pub text: String,
}

#[derive(Serialize, JsonSchema)]
pub struct RubricLink {
    pub title: String,
    pub id: String,
    pub href: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Rating {
    pub criterion: String,
    pub rating: String,
    pub label: String,
    pub note: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct LevelChange {
    pub dimension: String,
    pub from: Option<String>,
    pub to: String,
}

/// The reviews, newest first. They are walked oldest first, to follow how
/// the verified levels changed.
pub fn reviews(lx: &Lx, doc: &Doc<Practice>) -> Vec<ReviewView> {
    let list = lx.site.reviews_of(&doc.id);
    let mut out: Vec<ReviewView> = list
        .iter()
        .zip(level_changes(lx, &list))
        .map(|(r, changes)| {
            let mut v = review(lx, r);
            v.changes = changes;
            v
        })
        .collect();
    out.reverse();
    out
}

/// For each review (oldest first), the levels a verification changed from
/// the levels verified before it; `None` for a review that verified
/// nothing. The practice page and the feed both say this.
pub fn level_changes(
    lx: &Lx,
    reviews: &[&crate::model::ReviewDoc],
) -> Vec<Option<Vec<LevelChange>>> {
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    reviews
        .iter()
        .map(|r| {
            (r.model.status == ReviewStatus::Verified).then(|| {
                let mut changes = Vec::new();
                for (dim, level) in r.model.levels.iter() {
                    let before = current.insert(dim.value.clone(), level.value.to_string());
                    if before.as_deref() != Some(level.as_str()) {
                        changes.push(LevelChange {
                            dimension: lx.dimension_label(dim),
                            from: before.map(|b| lx.level_label(&b)),
                            to: lx.level_label(level.as_str()),
                        });
                    }
                }
                changes
            })
        })
        .collect()
}

fn review(lx: &Lx, r: &crate::model::ReviewDoc) -> ReviewView {
    let m = &r.model;
    let rubric = m
        .rubric
        .as_ref()
        .and_then(|id| lx.site.reg.rubrics.get(&id.value));
    ReviewView {
        date: m.date.value.to_string(),
        reviewer: m.reviewer.as_ref().map(|r| r.name.clone()),
        affiliation: m.reviewer.as_ref().and_then(|r| r.affiliation.clone()),
        source: m.source.as_ref().map(|s| s.value.clone()),
        year_only: m.date.year_only,
        status: m.status.as_str().to_owned(),
        status_label: lx.t(&format!("review_status_{}", m.status.as_str())),
        levels: m
            .levels
            .iter()
            .map(|(d, l)| ReviewLevel {
                dimension: lx.dimension_label(d),
                level: lx.level_label(l.as_str()),
            })
            .collect(),
        comments: m
            .comments
            .iter()
            .map(|(d, t)| ReviewComment {
                dimension: lx.dimension_label(d),
                text: t.clone(),
            })
            .collect(),
        summary: m.summary.clone(),
        recommendations: m.recommendations.clone(),
        rubric: rubric.map(|rb| RubricLink {
            title: lx.loc(&rb.model.title),
            id: rb.id.to_string(),
            href: Route::Rubric(rb.id.as_str()).path(),
        }),
        ratings: m
            .ratings
            .iter()
            .map(|x| {
                let label = rubric
                    .and_then(|rb| {
                        rb.model
                            .all_criteria()
                            .into_iter()
                            .find(|c| c.id.value == x.criterion.value)
                            .map(|c| lx.loc(&c.label))
                    })
                    .unwrap_or_else(|| x.criterion.value.to_string());
                Rating {
                    criterion: label,
                    rating: x.rating.as_str().to_owned(),
                    label: lx.t(&format!("rating_{}", x.rating.as_str())),
                    note: x.note.clone(),
                }
            })
            .collect(),
        changes: None,
    }
}
