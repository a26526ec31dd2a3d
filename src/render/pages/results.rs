//! The results library, `results/`: every social result practices pursue,
//! by target group and level, with the practices pursuing each and how
//! they measure it. Identical result texts are merged: that is the point
//! of a library ("which practices pursue this result, and how do they
//! measure it").

use crate::model::common::Id;
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route, Taxonomy};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

pub const KIND: Kind = Kind {
    name: "results",
    template: Some("results.html"),
    view: Some(|| schemars::schema_for!(ResultsView)),
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Results),
    sitemap: Some(|_| vec![Route::Results]),
    render,
};

/// How many practices the results library names per result.
pub const RESULT_PRACTICES_SHOWN: usize = 30;

#[derive(Serialize, JsonSchema)]
pub struct ResultsView {
    pub groups: Vec<CategoryGroup>,
}

/// The results of one top-level target group.
#[derive(Serialize, JsonSchema)]
pub struct CategoryGroup {
    pub category: String,
    pub levels: Vec<LevelGroup>,
}

#[derive(Serialize, JsonSchema)]
pub struct LevelGroup {
    pub label: String,
    pub results: Vec<LibraryResult>,
}

#[derive(Serialize, JsonSchema)]
pub struct LibraryResult {
    pub text: String,
    /// The first [`RESULT_PRACTICES_SHOWN`] practices pursuing it.
    pub practices: Vec<Pursuit>,
    /// How many more pursue it.
    pub more: usize,
}

#[derive(Clone, Serialize, JsonSchema)]
pub struct Pursuit {
    pub practice: String,
    pub href: String,
    /// The result's anchor on the practice page.
    pub anchor: String,
    pub indicators: Vec<Measure>,
}

#[derive(Clone, Serialize, JsonSchema)]
pub struct Measure {
    pub name: String,
    pub method: Option<String>,
    pub not_measured: Option<String>,
}

const LEVELS: [&str; 5] = ["output", "short", "medium", "long", "effect"];

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Results) {
        return Ok(());
    }
    let lx = cx.lx;
    // category label → level → result text → the practices pursuing it.
    let mut groups: BTreeMap<String, BTreeMap<usize, BTreeMap<String, Vec<Pursuit>>>> =
        BTreeMap::new();
    for p in lx.site.practices.iter().map(|p| lx.shown(p)) {
        let m = &p.model;
        let mut categories: Vec<String> = m
            .target_groups
            .iter()
            .filter_map(|g| g.category.as_ref())
            .map(|c| top_term(lx, Taxonomy::TargetGroups, &c.value))
            .collect();
        categories.sort();
        categories.dedup();
        if categories.is_empty() {
            categories.push("—".into());
        }
        for r in m.results.iter() {
            let indicators: Vec<Measure> = m
                .indicators
                .iter()
                .filter(|i| i.result.value == r.id.value)
                .map(|i| Measure {
                    name: i.name.clone(),
                    method: i.method.clone(),
                    not_measured: i.not_measured.as_ref().map(|n| n.value.clone()),
                })
                .collect();
            let level = LEVELS
                .iter()
                .position(|l| *l == r.level.as_str())
                .unwrap_or(0);
            let key = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let pursuit = Pursuit {
                practice: m.title.value.clone(),
                href: Route::Practice(p.id.as_str()).path(),
                anchor: format!("r-{}", r.id.value),
                indicators,
            };
            for cat in &categories {
                groups
                    .entry(cat.clone())
                    .or_default()
                    .entry(level)
                    .or_default()
                    .entry(key.clone())
                    .or_default()
                    .push(pursuit.clone());
            }
        }
    }
    let groups = groups
        .into_iter()
        .map(|(category, by_level)| CategoryGroup {
            category,
            levels: by_level
                .into_iter()
                .map(|(l, rs)| LevelGroup {
                    label: lx.t(&format!("level_{}", LEVELS[l])),
                    results: rs
                        .into_iter()
                        .map(|(text, practices)| {
                            // A result pursued by very many practices lists
                            // the first ones and a count: the page stays
                            // bounded by the number of distinct results.
                            let more = practices.len().saturating_sub(RESULT_PRACTICES_SHOWN);
                            LibraryResult {
                                text,
                                practices: practices
                                    .into_iter()
                                    .take(RESULT_PRACTICES_SHOWN)
                                    .collect(),
                                more,
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    cx.emit(Page::new(
        "results.html",
        Route::Results.path(),
        lx.t("nav_results"),
        lx.t("results_lead"),
        ctx(&ResultsView { groups }),
    ))
}

/// The label of the top-level ancestor of a term.
fn top_term(lx: &Lx, tax: Taxonomy, id: &Id) -> String {
    let Some(t) = lx.site.reg.taxonomies.get(tax.id()) else {
        return id.to_string();
    };
    let mut cur = id.clone();
    for _ in 0..64 {
        match t.parents.get(&cur).cloned().flatten() {
            Some(p) => cur = p,
            None => break,
        }
    }
    lx.term_label(tax, &cur)
}
