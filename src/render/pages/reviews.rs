//! The experts' dashboard, `reviews/`: queues of practices waiting for an
//! expert's attention, what has waited longest first.

use crate::model::review::ReviewStatus;
use crate::render::components::evidence::{EvidenceRow, evidence_rows};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use schemars::JsonSchema;
use serde::Serialize;

pub const KIND: Kind = Kind {
    name: "reviews",
    template: Some("reviews.html"),
    view: Some(|| schemars::schema_for!(ReviewsView)),
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Reviews),
    sitemap: Some(|_| vec![Route::Reviews]),
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct ReviewsView {
    pub queues: Vec<Queue>,
}

#[derive(Serialize, JsonSchema)]
pub struct Queue {
    pub id: String,
    pub label: String,
    pub rows: Vec<QueueRow>,
}

#[derive(Serialize, JsonSchema)]
pub struct QueueRow {
    pub title: String,
    /// The practice's evidence section.
    pub href: String,
    pub detail: String,
    /// When it started waiting (the due date in the re-review queue).
    pub date: String,
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Reviews) {
        return Ok(());
    }
    let lx = cx.lx;
    let site = lx.site;
    let stale_before = site.opts.today.year - 2;
    let mut never = Vec::new();
    let mut revision = Vec::new();
    let mut above = Vec::new();
    let mut unsupported = Vec::new();
    let mut verified_unsupported = Vec::new();
    let mut stale = Vec::new();
    let mut due = Vec::new();
    for p in site.practices.iter().map(|p| lx.shown(p)) {
        let m = &p.model;
        let row = |detail: String, date: String| QueueRow {
            title: m.title.value.clone(),
            href: format!("{}#evidence", Route::Practice(p.id.as_str()).path()),
            detail,
            date,
        };
        let updated = m.updated.value.to_string();
        let reviews = site.reviews_of(&p.id);
        if reviews.is_empty() {
            never.push(row(String::new(), updated.clone()));
        }
        if let Some(last) = reviews.last()
            && last.model.status == ReviewStatus::RevisionRequested
        {
            revision.push(row(last.model.by(), last.model.date.value.to_string()));
        }
        let ev = evidence_rows(lx, p);
        let names = |flag: fn(&EvidenceRow) -> bool| -> String {
            ev.iter()
                .filter(|r| flag(r))
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        // Due for re-review: the levels due, listed under the earliest
        // due date.
        let overdue: Vec<&EvidenceRow> = ev.iter().filter(|r| r.overdue).collect();
        if let Some(first) = overdue.iter().filter_map(|r| r.due_date.clone()).min() {
            let detail = overdue
                .iter()
                .map(|r| {
                    format!(
                        "{}: {} ({} {})",
                        r.label,
                        r.verified.as_deref().unwrap_or_default(),
                        lx.t("verified_on"),
                        r.verified_date.as_deref().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            due.push(row(detail, first));
        }
        let a = names(|r| r.above_verified);
        if !a.is_empty() {
            above.push(row(a, updated.clone()));
        }
        let u = names(|r| r.unsupported);
        if !u.is_empty() {
            unsupported.push(row(u, updated.clone()));
        }
        let vu: Vec<String> = ev
            .iter()
            .filter(|r| r.verified_unsupported)
            .map(|r| {
                let unmet: Vec<String> = r
                    .findings
                    .iter()
                    .filter(|f| !f.met)
                    .map(|f| format!("{}: {}", f.level, f.detail))
                    .collect();
                format!(
                    "{}: {} {}, {} {} ({})",
                    r.label,
                    lx.t("verified"),
                    r.verified.as_deref().unwrap_or_default(),
                    lx.t("supported_by_rules"),
                    r.supported,
                    unmet.join("; ")
                )
            })
            .collect();
        if !vu.is_empty() {
            verified_unsupported.push(row(vu.join(" · "), updated.clone()));
        }
        let latest = m
            .indicators
            .iter()
            .flat_map(|i| i.values.iter().map(|v| v.year.value.0))
            .max();
        if let Some(y) = latest
            && y < stale_before
        {
            stale.push(row(y.to_string(), updated.clone()));
        }
    }
    let queues = [
        ("never", never),
        ("revision", revision),
        ("above", above),
        ("unsupported", unsupported),
        ("verified_unsupported", verified_unsupported),
        ("stale", stale),
        ("due", due),
    ]
    .into_iter()
    .map(|(id, mut rows)| {
        // Oldest first: what has waited longest comes first.
        rows.sort_by(|a, b| (&a.date, &a.title).cmp(&(&b.date, &b.title)));
        Queue {
            id: id.to_owned(),
            label: lx.t(&format!("queue_{id}")),
            rows,
        }
    })
    .collect();
    cx.emit(Page::new(
        "reviews.html",
        Route::Reviews.path(),
        lx.t("nav_reviews"),
        lx.t("reviews_lead"),
        ctx(&ReviewsView { queues }),
    ))
}
