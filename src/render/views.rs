//! View models: what each template receives, computed in Rust so that the
//! templates stay simple loops and the numbers are formatted once, per
//! language. Everything here is plain data (`serde_json::Value`); Tera
//! escapes every string it prints.

use super::Site;
use super::format::{number, percent, percent_label};
use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::{Level, Practice};
use crate::validate::evidence::assess;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Where each taxonomy's term pages live.
pub const TAXONOMY_PATHS: &[(&str, &str)] = &[
    ("target-groups", "target-groups"),
    ("thematic-areas", "themes"),
    ("practice-types", "practice-types"),
    ("activity-types", "activity-types"),
    ("regions", "regions"),
];

pub fn taxonomy_path(tax: &str) -> &'static str {
    TAXONOMY_PATHS
        .iter()
        .find(|(t, _)| *t == tax)
        .map_or("terms", |(_, p)| p)
}

/// One UI language's view of the site.
pub struct Lx<'a> {
    pub site: &'a Site<'a>,
    pub lang: &'a str,
    pub ui: &'a BTreeMap<String, String>,
}

impl Lx<'_> {
    pub fn t(&self, key: &str) -> String {
        self.ui.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
    fn default_lang(&self) -> &str {
        self.site.default_lang
    }
    pub fn loc(&self, l: &crate::model::common::Localized) -> String {
        l.get(self.lang, self.default_lang()).to_owned()
    }
    pub fn num(&self, n: f64) -> String {
        number(n, 2, self.lang)
    }
    /// `{label, href}` of a taxonomy term; `href` is relative to the
    /// language root (the template prefixes it).
    pub fn term(&self, tax: &str, id: &Id) -> Value {
        let label = self
            .site
            .reg
            .taxonomies
            .get(tax)
            .and_then(|t| t.labels.get(id).map(|l| self.loc(l)))
            .unwrap_or_else(|| id.to_string());
        json!({"id": id, "label": label, "href": format!("{}/{}/index.html", taxonomy_path(tax), id)})
    }
    fn scheme(&self) -> Option<&crate::model::evidence::Scheme> {
        self.site.reg.scheme.as_ref().map(|(_, s)| s)
    }
    pub fn level_label(&self, id: &str) -> String {
        self.scheme()
            .and_then(|s| s.levels.iter().find(|l| l.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |l| self.loc(&l.label))
    }
    pub fn dimension_label(&self, id: &str) -> String {
        self.scheme()
            .and_then(|s| s.dimensions.iter().find(|l| l.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |l| self.loc(&l.label))
    }
}

/// The evidence of one practice per dimension: claimed, verified, supported.
pub fn evidence_rows(lx: &Lx, doc: &Doc<Practice>) -> Vec<Value> {
    let Some((_, scheme)) = &lx.site.reg.scheme else {
        return Vec::new();
    };
    let verified = lx.site.verified.get(&doc.id).cloned().unwrap_or_default();
    scheme
        .dimensions
        .iter()
        .map(|d| {
            let dim = d.id.as_str();
            let claimed = doc.model.evidence.as_ref().and_then(|e| e.get(dim)).map(|l| l.value.to_string());
            let a = assess(scheme, dim, &doc.model);
            let supported = scheme.levels.get(a.supported).map(|l| l.id.to_string()).unwrap_or_default();
            let claimed_rank = claimed.as_deref().and_then(|c| scheme.level_rank(c));
            let v = verified.get(dim);
            let verified_rank = v.and_then(|v| scheme.level_rank(&v.level));
            let findings: Vec<Value> = a
                .levels
                .iter()
                .flat_map(|(level, fs)| {
                    fs.iter().map(move |f| json!({"level": lx.level_label(level), "key": f.key.name(), "met": f.met, "detail": f.detail}))
                })
                .collect();
            json!({
                "id": dim,
                "label": lx.loc(&d.label),
                "claimed": claimed.as_deref().map(|c| lx.level_label(c)),
                "verified": v.map(|v| lx.level_label(&v.level)),
                "verified_date": v.map(|v| v.date.to_string()),
                "verified_by": v.map(|v| v.reviewer.clone()),
                "supported": lx.level_label(&supported),
                "unsupported": claimed_rank.is_some_and(|c| c > a.supported),
                "above_verified": matches!((claimed_rank, verified_rank), (Some(c), Some(v)) if c > v),
                "findings": findings,
            })
        })
        .collect()
}

/// A practice as a card in lists.
pub fn card(lx: &Lx, doc: &Doc<Practice>) -> Value {
    let p = &doc.model;
    let reg = lx.site.reg;
    let org = reg.organizations.get(&p.organization.value);
    let mut groups: Vec<Value> = Vec::new();
    for g in p.target_groups.iter() {
        if let Some(c) = &g.category {
            let t = lx.term("target-groups", &c.value);
            if !groups.contains(&t) {
                groups.push(t);
            }
        }
    }
    let badges: Vec<Value> = evidence_rows(lx, doc)
        .into_iter()
        .filter(|r| !r["claimed"].is_null() || !r["verified"].is_null())
        .map(|r| json!({"label": r["label"], "claimed": r["claimed"], "verified": r["verified"]}))
        .collect();
    json!({
        "id": doc.id,
        "href": format!("practices/{}/index.html", doc.id),
        "title": p.title.value,
        "summary": p.summary.value,
        "lang": p.language.as_ref().map_or(lx.default_lang(), |l| l.value.as_str()),
        "organization": org.map(|o| lx.loc(&o.model.name)),
        "organization_href": format!("organizations/{}/index.html", p.organization.value),
        "target_groups": groups,
        "regions": p.regions.iter().map(|r| lx.term("regions", &r.value)).collect::<Vec<_>>(),
        "status": lx.t(&format!("status_{}", p.status.as_str())),
        "updated": p.updated.value.to_string(),
        "draft": p.draft,
        "evidence": badges,
    })
}

/// Everything the practice page shows.
pub fn practice(lx: &Lx, doc: &Doc<Practice>, body: &super::markdown::Rendered) -> Value {
    let p = &doc.model;
    let reg = lx.site.reg;
    let results: BTreeMap<&str, &crate::model::practice::ResultNode> =
        p.results.iter().map(|r| (r.id.as_str(), r)).collect();
    let activities: BTreeMap<&str, &crate::model::practice::Activity> =
        p.activities.iter().map(|a| (a.id.as_str(), a)).collect();
    let problems: BTreeMap<&str, &str> = p
        .target_groups
        .iter()
        .flat_map(|g| g.problems.iter().map(|x| (x.id.as_str(), x.text.as_str())))
        .collect();
    let result_text = |id: &Id| {
        results
            .get(id.as_str())
            .map_or_else(|| id.to_string(), |r| r.text.clone())
    };
    let source_name = |id: &Id| {
        activities
            .get(id.as_str())
            .map(|a| a.name.clone())
            .or_else(|| results.get(id.as_str()).map(|r| r.text.clone()))
            .unwrap_or_else(|| id.to_string())
    };

    let target_groups: Vec<Value> = p
        .target_groups
        .iter()
        .map(|g| {
            json!({
                "id": g.id, "name": g.name,
                "category": g.category.as_ref().map(|c| lx.term("target-groups", &c.value)),
                "problems": g.problems.iter().map(|pr| {
                    let by: Vec<&str> = p.activities.iter().filter(|a| a.addresses.iter().any(|x| x.value == pr.id.value)).map(|a| a.name.as_str()).collect();
                    json!({"id": pr.id, "text": pr.text, "activities": by})
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let acts: Vec<Value> = p
        .activities
        .iter()
        .map(|a| {
            json!({
                "id": a.id, "name": a.name,
                "type": a.r#type.as_ref().map(|t| lx.term("activity-types", &t.value)),
                "addresses": a.addresses.iter().map(|x| problems.get(x.as_str()).copied().unwrap_or(x.as_str())).collect::<Vec<_>>(),
            })
        })
        .collect();
    let levels = [
        Level::Output,
        Level::Short,
        Level::Medium,
        Level::Long,
        Level::Effect,
    ];
    let results_by_level: Vec<Value> = levels
        .iter()
        .filter_map(|lvl| {
            let rs: Vec<Value> = p
                .results
                .iter()
                .filter(|r| *r.level == *lvl)
                .map(|r| json!({"id": r.id, "text": r.text, "from": r.from.iter().map(|f| source_name(&f.value)).collect::<Vec<_>>()}))
                .collect();
            (!rs.is_empty()).then(|| json!({"level": lvl.as_str(), "label": lx.t(&format!("level_{}", lvl.as_str())), "results": rs}))
        })
        .collect();

    let indicators: Vec<Value> = p
        .indicators
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let unit = i.unit();
            let values: Vec<Value> = i
                .values
                .iter()
                .map(|v| {
                    let share = v.of.as_ref().and_then(|of| percent(v.value.value, of.value));
                    let shown = match unit {
                        crate::model::practice::Unit::Percent => percent_label(v.value.value, lx.lang),
                        _ => lx.num(v.value.value),
                    };
                    json!({
                        "year": v.year.value.0, "value": shown, "raw": v.value.value,
                        "of": v.of.as_ref().map(|o| lx.num(o.value)),
                        "share": share.map(|s| percent_label(s, lx.lang)),
                        "note": v.note,
                    })
                })
                .collect();
            json!({
                "id": i.id, "name": i.name, "result": result_text(&i.result.value),
                "unit": i.unit().as_str(), "method": i.method,
                "good": lx.t(&format!("good_{}", i.good().as_str())),
                "values": values,
                "target": i.target.as_ref().map(|t| json!({"year": t.year.value.0, "value": lx.num(t.value.value)})),
                "not_measured": i.not_measured.as_ref().map(|n| n.value.clone()),
                "chart": indicator_chart(lx, i, n),
            })
        })
        .collect();

    let resources = p.resources.as_ref();
    let budget: Vec<Value> = resources
        .map(|r| {
            r.budget
                .iter()
                .map(|b| {
                    json!({
                        "year": b.year.value.0, "currency": b.currency, "total": lx.num(b.total.value),
                        "items": b.items.iter().map(|it| json!({
                            "name": it.name, "amount": lx.num(it.amount),
                            "share": percent(it.amount, b.total.value).map(|s| percent_label(s, lx.lang)),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let result_costs: Vec<Value> = p
        .result_costs
        .iter()
        .map(|c| {
            json!({
                "result": result_text(&c.result.value), "year": c.year.value.0, "currency": c.currency,
                "expenses": lx.num(c.expenses.value),
                "families": c.families.as_ref().map(|n| lx.num(n.value)),
                "children": c.children.as_ref().map(|n| lx.num(n.value)),
                "per_family": c.per_family().map(|n| number(n, 0, lx.lang)),
                "per_child": c.per_child().map(|n| number(n, 0, lx.lang)),
            })
        })
        .collect();

    let roles = [
        crate::model::practice::PartnerRole::RefersBeneficiaries,
        crate::model::practice::PartnerRole::ProvidesResources,
        crate::model::practice::PartnerRole::ProvidesServices,
        crate::model::practice::PartnerRole::ReceivesBeneficiaries,
        crate::model::practice::PartnerRole::ProtectsInterests,
    ];
    let mut partners_by_role: Vec<Value> = roles
        .iter()
        .filter_map(|role| {
            let ps: Vec<Value> = p
                .partners
                .iter()
                .filter(|x| x.roles.contains(role))
                .map(|x| json!({"name": x.name, "kind": x.kind.map(|k| lx.t(&format!("partner_kind_{}", k.as_str())))}))
                .collect();
            (!ps.is_empty()).then(|| json!({"role": lx.t(&format!("role_{}", role.as_str())), "partners": ps}))
        })
        .collect();
    let no_role: Vec<Value> = p
        .partners
        .iter()
        .filter(|x| x.roles.is_empty())
        .map(|x| json!({"name": x.name, "kind": x.kind.map(|k| lx.t(&format!("partner_kind_{}", k.as_str())))}))
        .collect();
    if !no_role.is_empty() {
        partners_by_role.push(json!({"role": lx.t("partners"), "partners": no_role}));
    }

    let documents: Vec<Value> = p
        .documents
        .iter()
        .filter_map(|d| {
            let href = match (&d.file, &d.url) {
                (Some(f), _) => format!("files/{}/{}", doc.id, f.value),
                (None, Some(u)) if crate::validate::links::is_safe_url(u) => u.value.clone(),
                _ => return None,
            };
            Some(json!({"title": d.title, "href": href, "local": d.file.is_some(), "kind": d.kind.map(|k| lx.t(&format!("doc_kind_{}", k.as_str())))}))
        })
        .collect();

    // Oldest first, to follow how the verified levels changed; shown
    // newest first.
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    let mut reviews: Vec<Value> = Vec::new();
    for r in lx.site.reviews_of(&doc.id) {
        let mut v = review(lx, r);
        if r.model.status == crate::model::review::ReviewStatus::Verified {
            let mut changes = Vec::new();
            for (dim, level) in r.model.levels.iter() {
                let before = current.insert(dim.value.clone(), level.value.to_string());
                if before.as_deref() != Some(level.as_str()) {
                    changes.push(json!({
                        "dimension": lx.dimension_label(dim),
                        "from": before.map(|b| lx.level_label(&b)),
                        "to": lx.level_label(level.as_str()),
                    }));
                }
            }
            v["changes"] = json!(changes);
        }
        reviews.push(v);
    }
    reviews.reverse();
    let evidence = evidence_rows(lx, doc);
    let latest_data = p
        .indicators
        .iter()
        .flat_map(|i| i.values.iter().map(|v| v.year.value.0))
        .max();
    let flags = json!({
        "above_verified": evidence.iter().any(|r| r["above_verified"] == true),
        "unsupported": evidence.iter().any(|r| r["unsupported"] == true),
        "stale": latest_data.filter(|y| *y < lx.site.opts.today.year - 2),
        "never_reviewed": reviews.is_empty(),
    });
    let classification = p.classification.as_ref().map(|c| {
        let mut v = Vec::new();
        if let Some(x) = c.format {
            v.push(x.as_str());
        }
        if let Some(x) = c.maturity {
            v.push(x.as_str());
        }
        if let Some(x) = c.focus {
            v.push(x.as_str());
        }
        if let Some(x) = c.scale {
            v.push(x.as_str());
        }
        if let Some(x) = c.causality {
            v.push(x.as_str());
        }
        v.into_iter()
            .map(|x| lx.t(&format!("cls_{x}")))
            .collect::<Vec<_>>()
    });
    let translations: Vec<Value> = lx
        .site
        .translations_of(&doc.id)
        .into_iter()
        .map(|t| {
            // Open a translation in the UI of its own language when the
            // site has one.
            let lang = t.model.language.as_ref().map_or(lx.site.default_lang, |l| l.value.as_str());
            let prefix = if lx.site.languages.contains(&lang) { lx.site.prefix(lang) } else { String::new() };
            json!({"href": format!("{prefix}practices/{}/index.html", t.id), "title": t.model.title.value, "lang": lang})
        })
        .collect();
    let justification = p.justification.as_ref().map(|j| {
        json!({
            "theory": j.theory,
            "references": j.references.iter().map(|r| json!({
                "title": r.title, "year": r.year.as_ref().map(|y| y.value.0),
                "url": r.url.as_ref().filter(|u| crate::validate::links::is_safe_url(u)).map(|u| u.value.clone()),
            })).collect::<Vec<_>>(),
            "external_evaluation": j.external_evaluation,
        })
    });
    let org = reg.organizations.get(&p.organization.value);

    let diagram = {
        let d = super::diagram::layout(p);
        let mut labels: BTreeMap<&str, String> = BTreeMap::new();
        for kind in super::diagram::KINDS {
            let key = match *kind {
                "group" => "target_groups".to_owned(),
                "problem" => "problems".to_owned(),
                "activity" => "activities".to_owned(),
                level => format!("level_{level}"),
            };
            labels.insert(kind, lx.t(&key));
        }
        let desc = format!(
            "{}: {} · {}: {} · {}: {} · {}: {}. {}",
            lx.t("target_groups"),
            p.target_groups.len(),
            lx.t("problems"),
            p.target_groups
                .iter()
                .map(|g| g.problems.len())
                .sum::<usize>(),
            lx.t("activities"),
            p.activities.len(),
            lx.t("results"),
            p.results.len(),
            lx.t("diagram_alt"),
        );
        super::diagram::svg(
            &d,
            "toc-diagram",
            &format!("{}: {}", lx.t("theory_of_change"), p.title.value),
            &desc,
            &labels,
            &lx.t("key_result"),
        )
    };
    json!({
        "diagram": diagram,
        "card": card(lx, doc),
        "classification": classification,
        "practice_type": p.practice_type.as_ref().map(|t| lx.term("practice-types", &t.value)),
        "thematic_area": lx.term("thematic-areas", &p.thematic_area.value),
        "started": p.started.value.0,
        "described": p.described.as_ref().map(|y| y.value.0),
        "geography_note": p.geography_note,
        "uniqueness": p.uniqueness,
        "contacts": p.contacts.iter().map(|c| json!({
            "name": c.name, "role": c.role,
            "email": c.email.as_ref().map(|e| e.value.clone()),
            "phone": c.phone.as_ref().map(|e| e.value.clone()),
            "phone_href": c.phone.as_ref().map(|e| format!("tel:{}", e.value.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect::<String>())),
        })).collect::<Vec<_>>(),
        "evidence": evidence,
        "flags": flags,
        "reviews": reviews,
        "target_groups": target_groups,
        "activities": acts,
        "results_by_level": results_by_level,
        "indicators": indicators,
        "budget": budget,
        "budget_charts": budget_charts(lx, p),
        "served_chart": served_chart(lx, p),
        "cost_chart": cost_chart(lx, p),
        "result_costs": result_costs,
        "staff": resources.map(|r| r.staff.iter().map(|s| json!({"role": s.role, "count": s.count.map(|n| lx.num(n)), "fte": s.fte.map(|n| lx.num(n))})).collect::<Vec<_>>()).unwrap_or_default(),
        "volunteers": resources.and_then(|r| r.volunteers),
        "served": p.served.iter().map(|s| json!({"year": s.year.value.0, "families": s.families.map(|n| lx.num(n)), "children": s.children.map(|n| lx.num(n)), "adults": s.adults.map(|n| lx.num(n))})).collect::<Vec<_>>(),
        "factors": p.factors.iter().map(|f| json!({"result": result_text(&f.result.value), "favouring": f.favouring, "hindering": f.hindering})).collect::<Vec<_>>(),
        "risks": p.risks.iter().map(|r| json!({"risk": r.risk, "mitigation": r.mitigation})).collect::<Vec<_>>(),
        "values": p.values,
        "partners": partners_by_role,
        "monitoring": p.monitoring.iter().map(|m| json!({"tool": m.tool, "responsible": m.responsible, "frequency": m.frequency, "level": m.level.map(|l| lx.t(&format!("monitoring_{}", l.as_str())))})).collect::<Vec<_>>(),
        "documents": documents,
        "justification": justification,
        "long_term": p.long_term.iter().map(|l| json!({"result": result_text(&l.result.value), "text": l.text})).collect::<Vec<_>>(),
        "negative_effects": p.negative_effects,
        "quality_assurance": p.quality_assurance,
        "deviations": p.deviations,
        "body": body.html,
        "toc": body.toc,
        "translations": translations,
        "organization_website": org.and_then(|o| o.model.website.as_ref()).filter(|u| crate::validate::links::is_safe_url(u)).map(|u| u.value.clone()),
        "has_costs": !budget.is_empty() || !p.result_costs.is_empty() || !p.served.is_empty() || resources.is_some(),
        "json": format!("data/practices/{}.json", doc.id),
    })
}

/// One review as shown in the history.
pub fn review(lx: &Lx, r: &crate::model::ReviewDoc) -> Value {
    let m = &r.model;
    let rubric = m
        .rubric
        .as_ref()
        .and_then(|id| lx.site.reg.rubrics.get(&id.value));
    let ratings: Vec<Value> = m
        .ratings
        .iter()
        .map(|x| {
            let label = rubric
                .and_then(|rb| rb.model.all_criteria().into_iter().find(|c| c.id.value == x.criterion.value).map(|c| lx.loc(&c.label)))
                .unwrap_or_else(|| x.criterion.value.to_string());
            json!({"criterion": label, "rating": x.rating.as_str(), "label": lx.t(&format!("rating_{}", x.rating.as_str())), "note": x.note})
        })
        .collect();
    json!({
        "date": m.date.value.to_string(),
        "reviewer": m.reviewer.name,
        "affiliation": m.reviewer.affiliation,
        "status": m.status.as_str(),
        "status_label": lx.t(&format!("review_status_{}", m.status.as_str())),
        "levels": m.levels.iter().map(|(d, l)| json!({"dimension": lx.dimension_label(d), "level": lx.level_label(l.as_str())})).collect::<Vec<_>>(),
        "comments": m.comments.iter().map(|(d, t)| json!({"dimension": lx.dimension_label(d), "text": t})).collect::<Vec<_>>(),
        "summary": m.summary,
        "recommendations": m.recommendations,
        "rubric": rubric.map(|rb| json!({"title": lx.loc(&rb.model.title), "id": rb.id, "href": format!("rubrics/{}/index.html", rb.id)})),
        "ratings": ratings,
    })
}

/// The chart of one indicator's values over the years: shares (value/of)
/// as percentages labelled with the counts, or the values in their unit.
pub fn indicator_chart(lx: &Lx, i: &crate::model::practice::Indicator, n: usize) -> Option<String> {
    use super::charts::{BarChart, Series, bars};
    use crate::model::practice::Unit;
    if i.values.is_empty() {
        return None;
    }
    let mut values: Vec<&crate::model::practice::Value> = i.values.iter().collect();
    values.sort_by_key(|v| v.year.value);
    let shares = values
        .iter()
        .all(|v| v.of.as_ref().is_some_and(|o| o.value > 0.0));
    let (points, labels, y_desc, y_max): (Vec<Option<f64>>, Vec<String>, String, Option<f64>) =
        if shares {
            let pts: Vec<Option<f64>> = values
                .iter()
                .map(|v| v.of.as_ref().and_then(|o| percent(v.value.value, o.value)))
                .collect();
            let labels = values
                .iter()
                .zip(&pts)
                .map(|(v, p)| {
                    format!(
                        "{} ({} / {})",
                        p.map(|p| percent_label(p, lx.lang)).unwrap_or_default(),
                        lx.num(v.value.value),
                        v.of.as_ref().map(|o| lx.num(o.value)).unwrap_or_default()
                    )
                })
                .collect();
            (pts, labels, lx.t("share_axis"), Some(100.0))
        } else {
            let pts = values.iter().map(|v| Some(v.value.value)).collect();
            let labels = values
                .iter()
                .map(|v| {
                    if i.unit() == Unit::Percent {
                        percent_label(v.value.value, lx.lang)
                    } else {
                        lx.num(v.value.value)
                    }
                })
                .collect();
            let max = if i.unit() == Unit::Percent {
                Some(100.0)
            } else {
                None
            };
            (
                pts,
                labels,
                lx.t(&format!("unit_{}", i.unit().as_str())),
                max,
            )
        };
    let target = i
        .target
        .as_ref()
        .filter(|_| !shares || i.unit() == Unit::Percent)
        .map(|t| {
            (
                t.value.value,
                format!(
                    "{} {}: {}",
                    lx.t("target"),
                    t.year.value.0,
                    lx.num(t.value.value)
                ),
            )
        });
    let alt = values
        .iter()
        .zip(&labels)
        .map(|(v, l)| format!("{}: {l}", v.year.value.0))
        .collect::<Vec<_>>()
        .join("; ");
    let title = format!(
        "{} ({})",
        i.name,
        lx.t(&format!("good_{}", i.good().as_str()))
    );
    bars(&BarChart {
        id: &format!("chart-i{n}"),
        title: &title,
        alt: &alt,
        categories: values.iter().map(|v| v.year.value.0.to_string()).collect(),
        series: vec![Series {
            name: i.name.clone(),
            values: points,
            labels,
        }],
        x_desc: &lx.t("year"),
        y_desc: &y_desc,
        y_max,
        target,
    })
}

/// The budget of each year by item; items are numbered as in the table.
fn budget_charts(lx: &Lx, p: &Practice) -> Vec<Option<String>> {
    use super::charts::{BarChart, Series, bars};
    let Some(r) = &p.resources else {
        return Vec::new();
    };
    r.budget
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let labels: Vec<String> = b
                .items
                .iter()
                .map(|it| {
                    percent(it.amount, b.total.value)
                        .map(|s| percent_label(s, lx.lang))
                        .unwrap_or_default()
                })
                .collect();
            let alt = b
                .items
                .iter()
                .map(|it| format!("{}: {} {}", it.name, lx.num(it.amount), b.currency))
                .collect::<Vec<_>>()
                .join("; ");
            bars(&BarChart {
                id: &format!("chart-b{n}"),
                title: &format!("{} {}", lx.t("budget"), b.year.value.0),
                alt: &alt,
                categories: (1..=b.items.len()).map(|i| i.to_string()).collect(),
                series: vec![Series {
                    name: lx.t("amount"),
                    values: b.items.iter().map(|it| Some(it.amount)).collect(),
                    labels,
                }],
                x_desc: &lx.t("item_number"),
                y_desc: &format!("{}, {}", lx.t("amount"), b.currency),
                y_max: None,
                target: None,
            })
        })
        .collect()
}

/// Reads one kind of count from a people-served row.
type ServedCount = fn(&crate::model::practice::Served) -> Option<f64>;

/// People served per year, one series per kind of beneficiary recorded.
fn served_chart(lx: &Lx, p: &Practice) -> Option<String> {
    use super::charts::{BarChart, Series, bars};
    if p.served.is_empty() {
        return None;
    }
    let mut rows: Vec<&crate::model::practice::Served> = p.served.iter().collect();
    rows.sort_by_key(|s| s.year.value);
    let kinds: [(&str, ServedCount); 3] = [
        ("families", |s| s.families),
        ("children", |s| s.children),
        ("adults", |s| s.adults),
    ];
    let series: Vec<Series> = kinds
        .iter()
        .filter(|(_, get)| rows.iter().any(|s| get(s).is_some()))
        .map(|(key, get)| Series {
            name: lx.t(key),
            values: rows.iter().map(|s| get(s)).collect(),
            labels: rows
                .iter()
                .map(|s| get(s).map(|v| lx.num(v)).unwrap_or_default())
                .collect(),
        })
        .collect();
    let alt = rows
        .iter()
        .map(|s| {
            let parts: Vec<String> = kinds
                .iter()
                .filter_map(|(k, get)| get(s).map(|v| format!("{} {}", lx.t(k), lx.num(v))))
                .collect();
            format!("{}: {}", s.year.value.0, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    bars(&BarChart {
        id: "chart-served",
        title: &lx.t("served"),
        alt: &alt,
        categories: rows.iter().map(|s| s.year.value.0.to_string()).collect(),
        series,
        x_desc: &lx.t("year"),
        y_desc: &lx.t("unit_count"),
        y_max: None,
        target: None,
    })
}

/// The cost of a social result per family and per child, by year (and by
/// result where one year has several).
fn cost_chart(lx: &Lx, p: &Practice) -> Option<String> {
    use super::charts::{BarChart, Series, bars};
    if p.result_costs.is_empty() {
        return None;
    }
    let mut rows: Vec<&crate::model::practice::ResultCost> = p.result_costs.iter().collect();
    rows.sort_by(|a, b| (a.year.value, &a.result.value).cmp(&(b.year.value, &b.result.value)));
    let categories: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let same_year = rows.iter().filter(|x| x.year.value == r.year.value).count() > 1;
            if same_year {
                format!("{} ({})", r.year.value.0, i + 1)
            } else {
                r.year.value.0.to_string()
            }
        })
        .collect();
    let currency = rows[0].currency.clone();
    let series = vec![
        Series {
            name: lx.t("per_family"),
            values: rows.iter().map(|r| r.per_family()).collect(),
            labels: rows
                .iter()
                .map(|r| {
                    r.per_family()
                        .map(|v| number(v, 0, lx.lang))
                        .unwrap_or_default()
                })
                .collect(),
        },
        Series {
            name: lx.t("per_child"),
            values: rows.iter().map(|r| r.per_child()).collect(),
            labels: rows
                .iter()
                .map(|r| {
                    r.per_child()
                        .map(|v| number(v, 0, lx.lang))
                        .unwrap_or_default()
                })
                .collect(),
        },
    ];
    let alt = rows
        .iter()
        .zip(&categories)
        .map(|(r, c)| {
            format!(
                "{c}: {} {}, {} {}",
                lx.t("per_family"),
                r.per_family()
                    .map(|v| number(v, 0, lx.lang))
                    .unwrap_or_else(|| "—".into()),
                lx.t("per_child"),
                r.per_child()
                    .map(|v| number(v, 0, lx.lang))
                    .unwrap_or_else(|| "—".into()),
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    bars(&BarChart {
        id: "chart-costs",
        title: &lx.t("cost_of_result"),
        alt: &alt,
        categories,
        series,
        x_desc: &lx.t("year"),
        y_desc: &currency,
        y_max: None,
        target: None,
    })
}
