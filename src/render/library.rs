//! The cross-practice pages: the results library, the evidence scheme with
//! the registry's distribution of levels, and the experts' dashboard.

use super::Page;
use super::views::{Lx, evidence_rows};
use crate::model::common::Date;
use crate::model::review::ReviewStatus;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// How many practices the results library names per result.
pub const RESULT_PRACTICES_SHOWN: usize = 30;

pub(crate) fn results_page(lx: &Lx) -> Page {
    let site = lx.site;
    // category label → level → result text → the practices pursuing it.
    // Identical result texts are merged: that is the point of a library
    // ("which practices pursue this result, and how do they measure it").
    let mut groups: BTreeMap<String, BTreeMap<usize, BTreeMap<String, Vec<Value>>>> =
        BTreeMap::new();
    let levels = ["output", "short", "medium", "long", "effect"];
    for p in &site.practices {
        let m = &p.model;
        let categories: Vec<String> = {
            let mut c: Vec<String> = m
                .target_groups
                .iter()
                .filter_map(|g| g.category.as_ref())
                .map(|c| top_term(lx, "target-groups", &c.value))
                .collect();
            c.sort();
            c.dedup();
            if c.is_empty() {
                c.push("—".into());
            }
            c
        };
        for r in m.results.iter() {
            let inds: Vec<Value> = m
                .indicators
                .iter()
                .filter(|i| i.result.value == r.id.value)
                .map(|i| json!({"name": i.name, "method": i.method, "not_measured": i.not_measured.as_ref().map(|n| n.value.clone())}))
                .collect();
            let level = levels
                .iter()
                .position(|l| *l == r.level.as_str())
                .unwrap_or(0);
            let key = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
            for cat in &categories {
                groups
                    .entry(cat.clone())
                    .or_default()
                    .entry(level)
                    .or_default()
                    .entry(key.clone())
                    .or_default()
                    .push(json!({
                        "practice": m.title.value,
                        "href": format!("practices/{}/index.html", p.id),
                        "anchor": format!("r-{}", r.id.value),
                        "indicators": inds,
                    }));
            }
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(cat, by_level)| {
            json!({
                "category": cat,
                "levels": by_level.into_iter().map(|(l, rs)| json!({
                    "label": lx.t(&format!("level_{}", levels[l])),
                    "results": rs.into_iter().map(|(text, practices)| {
                        // A result pursued by very many practices lists the
                        // first ones and a count: the page stays bounded by
                        // the number of distinct results, not practices.
                        let more = practices.len().saturating_sub(RESULT_PRACTICES_SHOWN);
                        let shown: Vec<Value> = practices.into_iter().take(RESULT_PRACTICES_SHOWN).collect();
                        json!({"text": text, "practices": shown, "more": more})
                    }).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Page {
        template: "results.html",
        path: "results/index.html".into(),
        title: lx.t("nav_results"),
        description: lx.t("results_lead"),
        ctx: json!({"groups": groups}),
        content_lang: None,
        json_ld: None,
    }
}

/// The label of the top-level ancestor of a term.
fn top_term(lx: &Lx, tax: &str, id: &crate::model::common::Id) -> String {
    let Some(t) = lx.site.reg.taxonomies.get(tax) else {
        return id.to_string();
    };
    let mut cur = id.clone();
    for _ in 0..64 {
        match t.parents.get(&cur).cloned().flatten() {
            Some(p) => cur = p,
            None => break,
        }
    }
    lx.term(tax, &cur)["label"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn evidence_page(lx: &Lx) -> Page {
    let site = lx.site;
    let (dimensions, levels, distribution) = match &site.reg.scheme {
        None => (vec![], vec![], vec![]),
        Some((_, s)) => {
            let dims: Vec<Value> = s
                .dimensions
                .iter()
                .map(|d| {
                    let rules: Vec<Value> = s
                        .levels
                        .iter()
                        .filter_map(|l| {
                            let reqs: Vec<Value> = s
                                .rules
                                .iter()
                                .filter(|r| r.dimension.value == d.id.value && r.level.value == l.id.value)
                                .flat_map(|r| r.requires.iter())
                                .map(|q| {
                                    let param = match q.param {
                                        crate::model::evidence::Param::Count(n) => n.to_string(),
                                        crate::model::evidence::Param::All => String::new(),
                                    };
                                    json!({"key": q.key.name(), "text": lx.t(&format!("rulekey_{}", q.key.name())), "param": param})
                                })
                                .collect();
                            (!reqs.is_empty()).then(|| json!({"level": lx.loc(&l.label), "requires": reqs}))
                        })
                        .collect();
                    json!({"id": d.id.value, "label": lx.loc(&d.label), "description": d.description.as_ref().map(|x| lx.loc(x)), "rules": rules})
                })
                .collect();
            let lvls: Vec<Value> = s
                .levels
                .iter()
                .map(|l| json!({"id": l.id.value, "label": lx.loc(&l.label), "description": l.description.as_ref().map(|x| lx.loc(x))}))
                .collect();
            // claimed and verified counts per dimension and level
            let mut dist = Vec::new();
            for d in s.dimensions.iter() {
                let mut row = Vec::new();
                for l in s.levels.iter() {
                    let claimed = site
                        .practices
                        .iter()
                        .filter(|p| {
                            p.model
                                .evidence
                                .as_ref()
                                .and_then(|e| e.get(d.id.as_str()))
                                .is_some_and(|c| c.value == l.id.value)
                        })
                        .count();
                    let verified = site
                        .verified
                        .values()
                        .filter(|v| {
                            v.get(d.id.as_str())
                                .is_some_and(|x| x.level == l.id.as_str())
                        })
                        .count();
                    row.push(json!({"claimed": claimed, "verified": verified}));
                }
                let chart =
                    distribution_chart(lx, s, d.id.as_str(), &format!("chart-dist-{}", d.id.value));
                dist.push(json!({"label": lx.loc(&d.label), "cells": row, "chart": chart}));
            }
            (dims, lvls, dist)
        }
    };
    Page {
        template: "evidence.html",
        path: "evidence/index.html".into(),
        title: lx.t("nav_evidence"),
        description: lx.t("evidence_lead"),
        ctx: json!({
            "dimensions": dimensions, "levels": levels, "distribution": distribution,
            "rubrics": site.reg.rubrics.values().map(|r| json!({"title": lx.loc(&r.model.title), "href": format!("rubrics/{}/index.html", r.id)})).collect::<Vec<_>>(),
        }),
        content_lang: None,
        json_ld: None,
    }
}

pub(crate) fn reviews_page(lx: &Lx) -> Page {
    let site = lx.site;
    let today = site.opts.today;
    let stale_before = Date {
        year: today.year - 2,
        ..today
    };
    let mut never = Vec::new();
    let mut revision = Vec::new();
    let mut above = Vec::new();
    let mut unsupported = Vec::new();
    let mut stale = Vec::new();
    for p in &site.practices {
        let m = &p.model;
        let row = |detail: String, date: String| json!({"title": m.title.value, "href": format!("practices/{}/index.html#evidence", p.id), "detail": detail, "date": date});
        let reviews = site.reviews_of(&p.id);
        if reviews.is_empty() {
            never.push(row(String::new(), m.updated.value.to_string()));
        }
        if let Some(last) = reviews.last()
            && last.model.status == ReviewStatus::RevisionRequested
        {
            revision.push(row(
                last.model.reviewer.name.clone(),
                last.model.date.value.to_string(),
            ));
        }
        let ev = evidence_rows(lx, p);
        let names = |key: &str| -> String {
            ev.iter()
                .filter(|r| r[key] == true)
                .map(|r| r["label"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let a = names("above_verified");
        if !a.is_empty() {
            above.push(row(a, m.updated.value.to_string()));
        }
        let u = names("unsupported");
        if !u.is_empty() {
            unsupported.push(row(u, m.updated.value.to_string()));
        }
        let latest = m
            .indicators
            .iter()
            .flat_map(|i| i.values.iter().map(|v| v.year.value.0))
            .max();
        if let Some(y) = latest
            && y < stale_before.year
        {
            stale.push(row(y.to_string(), m.updated.value.to_string()));
        }
    }
    // Oldest first: what has waited longest comes first.
    for q in [
        &mut never,
        &mut revision,
        &mut above,
        &mut unsupported,
        &mut stale,
    ] {
        q.sort_by(|a, b| {
            (a["date"].as_str(), a["title"].as_str())
                .cmp(&(b["date"].as_str(), b["title"].as_str()))
        });
    }
    let queues = vec![
        json!({"id": "never", "label": lx.t("queue_never"), "rows": never}),
        json!({"id": "revision", "label": lx.t("queue_revision"), "rows": revision}),
        json!({"id": "above", "label": lx.t("queue_above"), "rows": above}),
        json!({"id": "unsupported", "label": lx.t("queue_unsupported"), "rows": unsupported}),
        json!({"id": "stale", "label": lx.t("queue_stale"), "rows": stale}),
    ];
    Page {
        template: "reviews.html",
        path: "reviews/index.html".into(),
        title: lx.t("nav_reviews"),
        description: lx.t("reviews_lead"),
        ctx: json!({"queues": queues}),
        content_lang: None,
        json_ld: None,
    }
}

/// A rubric with what good and poor practice look like per criterion, and
/// the published reviews that rate against it.
pub(crate) fn rubric_pages(lx: &Lx) -> Vec<Page> {
    fn criteria(lx: &Lx, list: &[crate::model::rubric::Criterion]) -> Vec<Value> {
        list.iter()
            .map(|c| {
                json!({
                    "id": c.id.value,
                    "label": lx.loc(&c.label),
                    "good": c.good.as_ref().map(|g| lx.loc(g)),
                    "poor": c.poor.as_ref().map(|g| lx.loc(g)),
                    "children": criteria(lx, &c.children),
                })
            })
            .collect()
    }
    let site = lx.site;
    site.reg
        .rubrics
        .values()
        .map(|r| {
            let title = lx.loc(&r.model.title);
            let rated: Vec<Value> = site
                .reviews
                .iter()
                .flat_map(|(id, rs)| rs.iter().map(move |rv| (id, rv)))
                .filter(|(_, rv)| rv.model.rubric.as_ref().is_some_and(|x| x.value == r.id))
                .filter_map(|(id, rv)| {
                    let p = site.reg.practices.get(*id)?;
                    Some(json!({
                        "title": p.model.title.value,
                        "href": format!("practices/{id}/index.html#evidence"),
                        "reviewer": rv.model.reviewer.name,
                        "date": rv.model.date.value.to_string(),
                    }))
                })
                .collect();
            Page {
                template: "rubric.html",
                path: format!("rubrics/{}/index.html", r.id),
                title: title.clone(),
                description: lx.t("rubric_lead"),
                ctx: json!({"rubric": {
                    "title": title,
                    "description": r.model.description.as_ref().map(|d| lx.loc(d)),
                    "criteria": criteria(lx, &r.model.criteria),
                }, "rated": rated}),
                content_lang: None,
                json_ld: None,
            }
        })
        .collect()
}

/// Claimed and verified levels of one dimension across the registry.
pub(crate) fn distribution_chart(
    lx: &Lx,
    s: &crate::model::evidence::Scheme,
    dim: &str,
    id: &str,
) -> Option<String> {
    use super::charts::{BarChart, Series, bars};
    let site = lx.site;
    let count = |level: &str, verified: bool| -> f64 {
        if verified {
            site.verified
                .values()
                .filter(|v| v.get(dim).is_some_and(|x| x.level == level))
                .count() as f64
        } else {
            site.practices
                .iter()
                .filter(|p| {
                    p.model
                        .evidence
                        .as_ref()
                        .and_then(|e| e.get(dim))
                        .is_some_and(|c| c.as_str() == level)
                })
                .count() as f64
        }
    };
    let levels: Vec<&str> = s.levels.iter().map(|l| l.id.as_str()).collect();
    let series: Vec<Series> = [(false, "claimed"), (true, "verified")]
        .iter()
        .map(|(verified, key)| {
            let values: Vec<Option<f64>> =
                levels.iter().map(|l| Some(count(l, *verified))).collect();
            Series {
                name: lx.t(key),
                labels: values
                    .iter()
                    .map(|v| v.map(|v| (v as i64).to_string()).unwrap_or_default())
                    .collect(),
                values,
            }
        })
        .collect();
    let label = s
        .dimensions
        .iter()
        .find(|d| d.id.as_str() == dim)
        .map(|d| lx.loc(&d.label))
        .unwrap_or_default();
    let alt = levels
        .iter()
        .map(|l| {
            format!(
                "{}: {} {}, {} {}",
                lx.level_label(l),
                lx.t("claimed"),
                count(l, false),
                lx.t("verified"),
                count(l, true)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    bars(&BarChart {
        id,
        title: &format!("{}: {}", lx.t("distribution"), label),
        alt: &alt,
        categories: levels.iter().map(|l| lx.level_label(l)).collect(),
        series,
        x_desc: &lx.t("levels_of"),
        y_desc: &lx.t("count_practices_axis"),
        y_max: None,
        target: None,
    })
}
