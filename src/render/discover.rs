//! Finding practices: the facets shared by the catalogue filters, the
//! search filters and the data behind `/compare/`.
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
//! - within one facet values are alternatives (OR), facets combine (AND).

use super::views::Lx;
use super::{Content, OutFile, Page};
use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::Practice;
use crate::model::taxonomy::Term;
use serde_json::{Value, json};

/// Taxonomy facets, in the order the forms show them, with their label key.
const TAXONOMY_FACETS: &[(&str, &str)] = &[
    ("target-groups", "facet_target_groups"),
    ("thematic-areas", "facet_themes"),
    ("practice-types", "facet_practice_types"),
    ("activity-types", "facet_activity_types"),
    ("regions", "facet_regions"),
];

const STATUSES: &[&str] = &["active", "paused", "completed"];

/// The facet id of an evidence dimension.
fn evidence_facet(dim: &str) -> String {
    format!("evidence-{dim}")
}

/// The facet values of one practice: (facet id, value ids), facets in
/// form order, values sorted.
pub fn facets_of(lx: &Lx, doc: &Doc<Practice>) -> Vec<(String, Vec<String>)> {
    let site = lx.site;
    let mut out = Vec::new();
    let own = super::practice_terms(&doc.model);
    for (tax, _) in TAXONOMY_FACETS {
        let ids = own
            .iter()
            .find(|(t, _)| t == tax)
            .map(|(_, ids)| ids.as_slice())
            .unwrap_or_default();
        let taxonomy = site.reg.taxonomies.get(*tax);
        let mut values: Vec<String> = Vec::new();
        for id in ids {
            // The term and its ancestors; the guard stops a (rejected
            // but still loaded) parent cycle.
            let mut cur = Some(id.clone());
            let mut guard = 0;
            while let Some(t) = cur {
                values.push(t.to_string());
                guard += 1;
                cur = taxonomy
                    .and_then(|x| x.parents.get(&t).cloned().flatten())
                    .filter(|_| guard < 64);
            }
        }
        values.sort();
        values.dedup();
        out.push(((*tax).to_owned(), values));
    }
    if let Some((_, scheme)) = &site.reg.scheme {
        let verified = site.verified.get(&doc.id);
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
    let is_verified = site.verified.get(&doc.id).is_some_and(|v| !v.is_empty());
    out.push((
        "verified".into(),
        vec![if is_verified { "yes" } else { "no" }.into()],
    ));
    out.push(("status".into(), vec![doc.model.status.as_str().into()]));
    out.push(("language".into(), vec![practice_lang(lx, doc).into()]));
    out
}

fn practice_lang<'a>(lx: &Lx<'a>, doc: &'a Doc<Practice>) -> &'a str {
    doc.model
        .language
        .as_ref()
        .map_or(lx.site.default_lang, |l| l.value.as_str())
}

/// `key:value` strings for pagefind's `data-pagefind-filter` attributes.
pub fn filter_attrs(lx: &Lx, doc: &Doc<Practice>) -> Vec<String> {
    facets_of(lx, doc)
        .into_iter()
        .flat_map(|(k, vs)| vs.into_iter().map(move |v| format!("{k}:{v}")))
        .collect()
}

/// Every facet with every value the form offers, labelled in the page's
/// language: `[{id, label, values: [{id, label, depth}]}]`. Taxonomy
/// values keep the tree order; `depth` lets the form indent children.
pub fn facet_defs(lx: &Lx) -> Vec<Value> {
    let site = lx.site;
    let mut out = Vec::new();
    for (tax, key) in TAXONOMY_FACETS {
        let Some(t) = site.reg.taxonomies.get(*tax) else {
            continue;
        };
        fn walk(lx: &Lx, terms: &[Term], depth: usize, out: &mut Vec<Value>) {
            for term in terms {
                out.push(
                    json!({"id": term.id.value, "label": lx.loc(&term.label), "depth": depth}),
                );
                if depth < 8 {
                    walk(lx, &term.children, depth + 1, out);
                }
            }
        }
        let mut values = Vec::new();
        walk(lx, &t.terms, 0, &mut values);
        out.push(json!({"id": tax, "label": lx.t(key), "values": values}));
    }
    if let Some((_, scheme)) = &site.reg.scheme {
        for d in scheme.dimensions.iter() {
            let values: Vec<Value> = scheme
                .levels
                .iter()
                .map(|l| json!({"id": l.id.as_str(), "label": lx.loc(&l.label), "depth": 0}))
                .collect();
            out.push(json!({
                "id": evidence_facet(d.id.as_str()),
                "label": format!("{}: {}", lx.t("evidence"), lx.loc(&d.label)),
                "values": values,
            }));
        }
    }
    out.push(
        json!({"id": "verified", "label": lx.t("facet_verified"), "values": [
            {"id": "yes", "label": lx.t("verified_yes"), "depth": 0},
            {"id": "no", "label": lx.t("verified_no"), "depth": 0},
        ]}),
    );
    out.push(json!({"id": "status", "label": lx.t("status"), "values":
        STATUSES.iter().map(|s| json!({"id": s, "label": lx.t(&format!("status_{s}")), "depth": 0})).collect::<Vec<_>>()}));
    let mut langs: Vec<&str> = site
        .practices
        .iter()
        .map(|p| practice_lang(lx, p))
        .collect();
    langs.sort_unstable();
    langs.dedup();
    out.push(json!({"id": "language", "label": lx.t("language"), "values":
        langs.iter().map(|l| json!({"id": l, "label": lx.t(&format!("language_{l}")), "depth": 0})).collect::<Vec<_>>()}));
    out
}

/// A number that orders practices by evidence: the shown level of every
/// dimension, counted from 1 for the lowest (0 where none is shown).
fn evidence_rank(lx: &Lx, facets: &[(String, Vec<String>)]) -> usize {
    let Some((_, scheme)) = &lx.site.reg.scheme else {
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

/// `practices/catalogue.json` of one language: what the catalogue's
/// filters need, one compact entry per practice (the cards the script
/// draws are built from it with `textContent`, never as HTML).
pub fn catalogue_data(lx: &Lx) -> Result<OutFile, String> {
    let practices: Vec<Value> = lx
        .site
        .practices
        .iter()
        .map(|doc| {
            let facets = facets_of(lx, doc);
            let card = super::views::card(lx, doc);
            let rank = evidence_rank(lx, &facets);
            let f: serde_json::Map<String, Value> = facets
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k, json!(v)))
                .collect();
            json!({
                "id": doc.id,
                "title": card["title"],
                "href": card["href"],
                "org": card["organization"],
                "summary": super::truncate(&doc.model.summary.value, 240),
                "status": card["status"],
                "updated": card["updated"],
                "lang": card["lang"],
                "evidence": card["evidence"],
                "rank": rank,
                "f": f,
            })
        })
        .collect();
    let body = json!({"facets": facet_defs(lx), "practices": practices});
    Ok(OutFile {
        path: format!("{}practices/catalogue.json", lx.site.prefix(lx.lang)),
        content: Content::Bytes(serde_json::to_vec(&body).map_err(|e| e.to_string())?),
    })
}

/// `compare/<id>.json` of one language: the rows of the comparison table,
/// already formatted, taken from the practice page's own view so that the
/// comparison shows exactly what the page shows.
pub fn compare_data(lx: &Lx, id: &Id, view: &Value) -> Result<OutFile, String> {
    let c = &view["card"];
    let labels = |v: &Value| -> Vec<Value> {
        v.as_array()
            .map(|a| a.iter().map(|x| x["label"].clone()).collect())
            .unwrap_or_default()
    };
    let arr = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let evidence: Vec<Value> = arr(&view["evidence"])
        .iter()
        .map(|r| json!({"dimension": r["label"], "claimed": r["claimed"], "verified": r["verified"], "supported": r["supported"]}))
        .collect();
    let groups: Vec<Value> = arr(&view["target_groups"])
        .iter()
        .map(|g| match g["category"]["label"].as_str() {
            Some(cat) => json!(format!(
                "{} ({cat})",
                g["name"].as_str().unwrap_or_default()
            )),
            None => g["name"].clone(),
        })
        .collect();
    let results: Vec<Value> = arr(&view["results_by_level"])
        .iter()
        .map(|l| {
            json!({"level": l["label"], "items": arr(&l["results"]).iter().map(|r| r["text"].clone()).collect::<Vec<_>>()})
        })
        .collect();
    let indicators: Vec<Value> = arr(&view["indicators"])
        .iter()
        .map(|i| {
            let latest = arr(&i["values"]).last().map(|v| {
                let value = match (v["share"].as_str(), v["of"].as_str()) {
                    (Some(s), Some(of)) => {
                        format!("{s} ({} / {of})", v["value"].as_str().unwrap_or_default())
                    }
                    _ => v["value"].as_str().unwrap_or_default().to_owned(),
                };
                json!({"year": v["year"], "value": value})
            });
            json!({
                "name": i["name"], "result": i["result"], "latest": latest,
                "target": i["target"], "not_measured": i["not_measured"],
            })
        })
        .collect();
    let costs: Vec<Value> = arr(&view["result_costs"])
        .iter()
        .map(|r| {
            json!({
                "result": r["result"], "year": r["year"], "currency": r["currency"],
                "per_family": r["per_family"], "per_child": r["per_child"],
            })
        })
        .collect();
    let body = json!({
        "id": id,
        "title": c["title"],
        "href": c["href"],
        "lang": c["lang"],
        "organization": c["organization"],
        "status": c["status"],
        "updated": c["updated"],
        "regions": labels(&c["regions"]),
        "target_groups": groups,
        "evidence": evidence,
        "results": results,
        "indicators": indicators,
        "costs": costs,
    });
    Ok(OutFile {
        path: format!("{}compare/{id}.json", lx.site.prefix(lx.lang)),
        content: Content::Bytes(serde_json::to_vec(&body).map_err(|e| e.to_string())?),
    })
}

/// `/search/` and `/compare/` of one language. Both are shells the
/// scripts fill; without JavaScript they say where to go instead.
pub(crate) fn pages(lx: &Lx) -> Vec<Page> {
    let facets = facet_defs(lx);
    vec![
        Page {
            template: "search.html",
            path: "search/index.html".into(),
            title: lx.t("search_title"),
            description: lx.t("search_lead"),
            ctx: json!({"facets": facets}),
            content_lang: None,
            json_ld: None,
        },
        Page {
            template: "compare.html",
            path: "compare/index.html".into(),
            title: lx.t("compare_title"),
            description: lx.t("compare_lead"),
            ctx: json!({}),
            content_lang: None,
            json_ld: None,
        },
    ]
}
