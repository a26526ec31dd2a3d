//! `/compare/`: the comparison of practices the reader picked, and the
//! data behind it, `compare/<id>.json` per practice and language: the rows
//! of the comparison table, already formatted, taken from the practice
//! page's own view so that the comparison shows exactly what the page
//! shows. The data files are written with the practice pages (they share
//! the view), see [`super::practice`].

use super::practice::view::PracticeView;
use crate::model::common::Id;
use crate::render::format::{date_str, with_currency};
use crate::render::frame::Page;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile};
use serde_json::json;

pub const KIND: Kind = Kind {
    name: "compare",
    template: Some("compare.html"),
    view: Some(|| schemars::schema_for!(crate::render::kind::NoView)),
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Compare),
    sitemap: None,
    render,
};

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Compare) {
        return Ok(());
    }
    let lx = cx.lx;
    cx.emit(Page::new(
        "compare.html",
        Route::Compare.path(),
        lx.t("compare_title"),
        lx.t("compare_lead"),
        json!({}),
    ))
}

/// `compare/<id>.json` of one language.
pub fn compare_data(lx: &Lx, id: &Id, view: &PracticeView) -> Result<OutFile, String> {
    let c = &view.card;
    let evidence: Vec<_> = view
        .evidence
        .iter()
        .map(|r| json!({"dimension": r.label, "claimed": r.claimed, "verified": r.verified, "supported": r.supported, "due": r.due_date.as_deref().map(|d| date_str(d, lx.lang)), "overdue": r.overdue}))
        .collect();
    let groups: Vec<String> = view
        .target_groups
        .iter()
        .map(|g| match &g.category {
            Some(cat) => format!("{} ({})", g.name, cat.label),
            None => g.name.clone(),
        })
        .collect();
    let results: Vec<_> = view
        .results_by_level
        .iter()
        .map(|l| json!({"level": l.label, "items": l.results.iter().map(|r| &r.text).collect::<Vec<_>>()}))
        .collect();
    let indicators: Vec<_> = view
        .indicators
        .iter()
        .map(|i| {
            let latest = i.values.last().map(|v| {
                let value = match (&v.share, &v.of) {
                    (Some(s), Some(of)) => format!("{s} ({} / {of})", v.value),
                    _ => v.value.clone(),
                };
                json!({"year": v.year, "value": value})
            });
            json!({
                "name": i.name, "result": i.result, "latest": latest,
                "target": i.target, "not_measured": i.not_measured,
            })
        })
        .collect();
    let costs: Vec<_> = view
        .result_costs
        .iter()
        .map(|r| {
            json!({
                "result": r.result, "year": r.year, "currency": r.currency,
                "per_family": r.per_family.as_deref().map(|v| with_currency(v, &r.currency, lx.lang)),
                "per_child": r.per_child.as_deref().map(|v| with_currency(v, &r.currency, lx.lang)),
            })
        })
        .collect();
    let body = json!({
        "id": id,
        "title": c.title,
        "href": c.href,
        "lang": c.lang,
        "organization": c.organization,
        "status": c.status,
        "updated": date_str(&c.updated, lx.lang),
        "regions": c.regions.iter().map(|r| &r.label).collect::<Vec<_>>(),
        "target_groups": groups,
        "evidence": evidence,
        "results": results,
        "indicators": indicators,
        "costs": costs,
        // The cost band with the number behind it, and the readings on
        // other scales (approximate, with the note on what differs).
        "cost_band": view.cost_band.as_ref().map(|b| match b.band {
            Some(n) => format!("{n} ({})", b.text),
            None => b.text.clone(),
        }),
        "crosswalk": view.crosswalk.iter().map(|r| json!({"text": r.text, "note": r.note})).collect::<Vec<_>>(),
    });
    Ok(OutFile {
        path: format!(
            "{}{}",
            lx.site.prefix(lx.lang),
            Route::CompareData(id.as_str()).path()
        ),
        content: Content::Bytes(serde_json::to_vec(&body).map_err(|e| e.to_string())?),
    })
}
