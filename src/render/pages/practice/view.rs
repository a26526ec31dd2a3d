//! What the practice page's template receives: every section of a
//! practice, numbers formatted in the page's language, links made safe.

use super::charts::{budget_charts, cost_chart, indicator_chart, served_chart};
use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::{Level, PartnerRole, Practice, Unit};
use crate::model::review::ReviewStatus;
use crate::render::components::card::{Card, card};
use crate::render::components::evidence::{EvidenceRow, evidence_rows};
use crate::render::format::{number, percent, percent_label};
use crate::render::lang::{Lx, TermRef};
use crate::render::markdown::{Rendered, TocEntry};
use crate::render::routes::{Route, Taxonomy};
use crate::validate::links::is_safe_url;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, JsonSchema)]
pub struct PracticeView {
    /// The theory-of-change diagram, inline SVG.
    pub diagram: String,
    pub card: Card,
    /// Labels of the classification values.
    pub classification: Option<Vec<String>>,
    pub practice_type: Option<TermRef>,
    pub thematic_area: TermRef,
    pub started: i32,
    pub described: Option<i32>,
    pub geography_note: Option<String>,
    pub uniqueness: Vec<String>,
    pub contacts: Vec<Contact>,
    pub evidence: Vec<EvidenceRow>,
    pub flags: Flags,
    /// Newest first.
    pub reviews: Vec<ReviewView>,
    pub target_groups: Vec<Group>,
    pub activities: Vec<ActivityView>,
    pub results_by_level: Vec<LevelResults>,
    pub indicators: Vec<IndicatorView>,
    pub budget: Vec<BudgetYear>,
    pub budget_charts: Vec<Option<String>>,
    pub served_chart: Option<String>,
    pub cost_chart: Option<String>,
    pub result_costs: Vec<ResultCostView>,
    pub staff: Vec<StaffView>,
    pub volunteers: Option<i64>,
    pub served: Vec<ServedView>,
    pub factors: Vec<FactorView>,
    pub risks: Vec<RiskView>,
    pub values: Vec<String>,
    pub partners: Vec<PartnerGroup>,
    pub monitoring: Vec<MonitoringView>,
    pub documents: Vec<DocumentView>,
    pub justification: Option<JustificationView>,
    pub long_term: Vec<LongTermView>,
    pub negative_effects: Option<String>,
    pub quality_assurance: Vec<String>,
    pub deviations: Vec<String>,
    /// The Markdown body, sanitized HTML.
    pub body: String,
    pub toc: Vec<TocEntry>,
    pub translations: Vec<TranslationLink>,
    pub organization_website: Option<String>,
    pub has_costs: bool,
    /// The practice's open-data file, from the site root.
    pub json: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `tel:` with the digits of the phone.
    pub phone_href: Option<String>,
}

/// What the page warns about.
#[derive(Serialize, JsonSchema)]
pub struct Flags {
    pub above_verified: bool,
    pub unsupported: bool,
    /// The latest year of data, when it is more than two years old.
    pub stale: Option<i32>,
    pub never_reviewed: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub category: Option<TermRef>,
    pub problems: Vec<ProblemView>,
}

#[derive(Serialize, JsonSchema)]
pub struct ProblemView {
    pub id: String,
    pub text: String,
    /// Names of the activities that address it.
    pub activities: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ActivityView {
    pub id: String,
    pub name: String,
    pub r#type: Option<TermRef>,
    /// The texts of the problems it addresses.
    pub addresses: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct LevelResults {
    pub level: String,
    pub label: String,
    pub results: Vec<ResultView>,
}

#[derive(Serialize, JsonSchema)]
pub struct ResultView {
    pub id: String,
    pub text: String,
    /// Names of the activities and results it comes from.
    pub from: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    /// The text of the result it measures.
    pub result: String,
    pub unit: String,
    pub method: Option<String>,
    /// Which direction is good, as a label.
    pub good: String,
    pub values: Vec<ValueView>,
    pub target: Option<TargetView>,
    pub not_measured: Option<String>,
    pub chart: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ValueView {
    pub year: i32,
    /// Formatted in the unit.
    pub value: String,
    pub raw: f64,
    pub of: Option<String>,
    pub share: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct TargetView {
    pub year: i32,
    pub value: String,
}

#[derive(Serialize, JsonSchema)]
pub struct BudgetYear {
    pub year: i32,
    pub currency: String,
    pub total: String,
    pub items: Vec<BudgetItemView>,
}

#[derive(Serialize, JsonSchema)]
pub struct BudgetItemView {
    pub name: String,
    pub amount: String,
    pub share: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ResultCostView {
    pub result: String,
    pub year: i32,
    pub currency: String,
    pub expenses: String,
    pub families: Option<String>,
    pub children: Option<String>,
    pub per_family: Option<String>,
    pub per_child: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct StaffView {
    pub role: String,
    pub count: Option<String>,
    pub fte: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ServedView {
    pub year: i32,
    pub families: Option<String>,
    pub children: Option<String>,
    pub adults: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct FactorView {
    pub result: String,
    pub favouring: Vec<String>,
    pub hindering: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct RiskView {
    pub risk: String,
    pub mitigation: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct PartnerGroup {
    pub role: String,
    pub partners: Vec<PartnerView>,
}

#[derive(Serialize, JsonSchema)]
pub struct PartnerView {
    pub name: String,
    pub kind: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct MonitoringView {
    pub tool: String,
    pub responsible: Option<String>,
    pub frequency: Option<String>,
    pub level: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct DocumentView {
    pub title: String,
    pub href: String,
    /// Attached to the registry (a file), not a link elsewhere.
    pub local: bool,
    pub kind: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct JustificationView {
    pub theory: Vec<String>,
    pub references: Vec<ReferenceView>,
    pub external_evaluation: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ReferenceView {
    pub title: String,
    pub year: Option<i32>,
    pub url: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct LongTermView {
    pub result: String,
    pub text: String,
}

#[derive(Serialize, JsonSchema)]
pub struct TranslationLink {
    pub href: String,
    pub title: String,
    pub lang: String,
}

/// One review as shown in the history.
#[derive(Serialize, JsonSchema)]
pub struct ReviewView {
    pub date: String,
    pub reviewer: String,
    pub affiliation: Option<String>,
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

const LEVELS: [Level; 5] = [
    Level::Output,
    Level::Short,
    Level::Medium,
    Level::Long,
    Level::Effect,
];

const ROLES: [PartnerRole; 5] = [
    PartnerRole::RefersBeneficiaries,
    PartnerRole::ProvidesResources,
    PartnerRole::ProvidesServices,
    PartnerRole::ReceivesBeneficiaries,
    PartnerRole::ProtectsInterests,
];

/// Everything the practice page shows.
pub fn practice(lx: &Lx, doc: &Doc<Practice>, body: &Rendered) -> PracticeView {
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
    let resources = p.resources.as_ref();
    let budget = budget(lx, p);
    let reviews = reviews(lx, doc);
    let evidence = evidence_rows(lx, doc);
    let latest_data = p
        .indicators
        .iter()
        .flat_map(|i| i.values.iter().map(|v| v.year.value.0))
        .max();
    let flags = Flags {
        above_verified: evidence.iter().any(|r| r.above_verified),
        unsupported: evidence.iter().any(|r| r.unsupported),
        stale: latest_data.filter(|y| *y < lx.site.opts.today.year - 2),
        never_reviewed: reviews.is_empty(),
    };
    let org = reg.organizations.get(&p.organization.value);
    PracticeView {
        diagram: diagram(lx, p),
        card: card(lx, doc),
        classification: classification(lx, p),
        practice_type: p
            .practice_type
            .as_ref()
            .map(|t| lx.term(Taxonomy::PracticeTypes, &t.value)),
        thematic_area: lx.term(Taxonomy::ThematicAreas, &p.thematic_area.value),
        started: p.started.value.0,
        described: p.described.as_ref().map(|y| y.value.0),
        geography_note: p.geography_note.clone(),
        uniqueness: p.uniqueness.clone(),
        contacts: p
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.clone(),
                role: c.role.clone(),
                email: c.email.as_ref().map(|e| e.value.clone()),
                phone: c.phone.as_ref().map(|e| e.value.clone()),
                phone_href: c.phone.as_ref().map(|e| {
                    let digits: String = e
                        .value
                        .chars()
                        .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                        .collect();
                    format!("tel:{digits}")
                }),
            })
            .collect(),
        evidence,
        flags,
        reviews,
        target_groups: p
            .target_groups
            .iter()
            .map(|g| Group {
                id: g.id.value.to_string(),
                name: g.name.clone(),
                category: g
                    .category
                    .as_ref()
                    .map(|c| lx.term(Taxonomy::TargetGroups, &c.value)),
                problems: g
                    .problems
                    .iter()
                    .map(|pr| ProblemView {
                        id: pr.id.value.to_string(),
                        text: pr.text.clone(),
                        activities: p
                            .activities
                            .iter()
                            .filter(|a| a.addresses.iter().any(|x| x.value == pr.id.value))
                            .map(|a| a.name.clone())
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        activities: p
            .activities
            .iter()
            .map(|a| ActivityView {
                id: a.id.value.to_string(),
                name: a.name.clone(),
                r#type: a
                    .r#type
                    .as_ref()
                    .map(|t| lx.term(Taxonomy::ActivityTypes, &t.value)),
                addresses: a
                    .addresses
                    .iter()
                    .map(|x| {
                        problems
                            .get(x.as_str())
                            .copied()
                            .unwrap_or(x.as_str())
                            .to_owned()
                    })
                    .collect(),
            })
            .collect(),
        results_by_level: LEVELS
            .iter()
            .filter_map(|lvl| {
                let rs: Vec<ResultView> = p
                    .results
                    .iter()
                    .filter(|r| *r.level == *lvl)
                    .map(|r| ResultView {
                        id: r.id.value.to_string(),
                        text: r.text.clone(),
                        from: r.from.iter().map(|f| source_name(&f.value)).collect(),
                    })
                    .collect();
                (!rs.is_empty()).then(|| LevelResults {
                    level: lvl.as_str().to_owned(),
                    label: lx.t(&format!("level_{}", lvl.as_str())),
                    results: rs,
                })
            })
            .collect(),
        indicators: p
            .indicators
            .iter()
            .enumerate()
            .map(|(n, i)| indicator(lx, i, n, result_text(&i.result.value)))
            .collect(),
        budget_charts: budget_charts(lx, p),
        served_chart: served_chart(lx, p),
        cost_chart: cost_chart(lx, p),
        result_costs: p
            .result_costs
            .iter()
            .map(|c| ResultCostView {
                result: result_text(&c.result.value),
                year: c.year.value.0,
                currency: c.currency.clone(),
                expenses: lx.num(c.expenses.value),
                families: c.families.as_ref().map(|n| lx.num(n.value)),
                children: c.children.as_ref().map(|n| lx.num(n.value)),
                per_family: c.per_family().map(|n| number(n, 0, lx.lang)),
                per_child: c.per_child().map(|n| number(n, 0, lx.lang)),
            })
            .collect(),
        staff: resources
            .map(|r| {
                r.staff
                    .iter()
                    .map(|s| StaffView {
                        role: s.role.clone(),
                        count: s.count.map(|n| lx.num(n)),
                        fte: s.fte.map(|n| lx.num(n)),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        volunteers: resources.and_then(|r| r.volunteers),
        served: p
            .served
            .iter()
            .map(|s| ServedView {
                year: s.year.value.0,
                families: s.families.map(|n| lx.num(n)),
                children: s.children.map(|n| lx.num(n)),
                adults: s.adults.map(|n| lx.num(n)),
            })
            .collect(),
        factors: p
            .factors
            .iter()
            .map(|f| FactorView {
                result: result_text(&f.result.value),
                favouring: f.favouring.clone(),
                hindering: f.hindering.clone(),
            })
            .collect(),
        risks: p
            .risks
            .iter()
            .map(|r| RiskView {
                risk: r.risk.clone(),
                mitigation: r.mitigation.clone(),
            })
            .collect(),
        values: p.values.clone(),
        partners: partners(lx, p),
        monitoring: p
            .monitoring
            .iter()
            .map(|m| MonitoringView {
                tool: m.tool.clone(),
                responsible: m.responsible.clone(),
                frequency: m.frequency.clone(),
                level: m.level.map(|l| lx.t(&format!("monitoring_{}", l.as_str()))),
            })
            .collect(),
        documents: documents(lx, doc),
        justification: p.justification.as_ref().map(|j| JustificationView {
            theory: j.theory.clone(),
            references: j
                .references
                .iter()
                .map(|r| ReferenceView {
                    title: r.title.clone(),
                    year: r.year.as_ref().map(|y| y.value.0),
                    url: r
                        .url
                        .as_ref()
                        .filter(|u| is_safe_url(u))
                        .map(|u| u.value.clone()),
                })
                .collect(),
            external_evaluation: j.external_evaluation.clone(),
        }),
        long_term: p
            .long_term
            .iter()
            .map(|l| LongTermView {
                result: result_text(&l.result.value),
                text: l.text.clone(),
            })
            .collect(),
        negative_effects: p.negative_effects.clone(),
        quality_assurance: p.quality_assurance.clone(),
        deviations: p.deviations.clone(),
        body: body.html.clone(),
        toc: body.toc.clone(),
        translations: translations(lx, doc),
        organization_website: org
            .and_then(|o| o.model.website.as_ref())
            .filter(|u| is_safe_url(u))
            .map(|u| u.value.clone()),
        has_costs: !budget.is_empty()
            || !p.result_costs.is_empty()
            || !p.served.is_empty()
            || resources.is_some(),
        budget,
        json: Route::PracticeData(doc.id.as_str()).path(),
    }
}

fn indicator(
    lx: &Lx,
    i: &crate::model::practice::Indicator,
    n: usize,
    result: String,
) -> IndicatorView {
    let unit = i.unit();
    IndicatorView {
        id: i.id.value.to_string(),
        name: i.name.clone(),
        result,
        unit: unit.as_str().to_owned(),
        method: i.method.clone(),
        good: lx.t(&format!("good_{}", i.good().as_str())),
        values: i
            .values
            .iter()
            .map(|v| ValueView {
                year: v.year.value.0,
                value: match unit {
                    Unit::Percent => percent_label(v.value.value, lx.lang),
                    _ => lx.num(v.value.value),
                },
                raw: v.value.value,
                of: v.of.as_ref().map(|o| lx.num(o.value)),
                share: v
                    .of
                    .as_ref()
                    .and_then(|of| percent(v.value.value, of.value))
                    .map(|s| percent_label(s, lx.lang)),
                note: v.note.clone(),
            })
            .collect(),
        target: i.target.as_ref().map(|t| TargetView {
            year: t.year.value.0,
            value: lx.num(t.value.value),
        }),
        not_measured: i.not_measured.as_ref().map(|n| n.value.clone()),
        chart: indicator_chart(lx, i, n),
    }
}

fn budget(lx: &Lx, p: &Practice) -> Vec<BudgetYear> {
    p.resources
        .as_ref()
        .map(|r| {
            r.budget
                .iter()
                .map(|b| BudgetYear {
                    year: b.year.value.0,
                    currency: b.currency.clone(),
                    total: lx.num(b.total.value),
                    items: b
                        .items
                        .iter()
                        .map(|it| BudgetItemView {
                            name: it.name.clone(),
                            amount: lx.num(it.amount),
                            share: percent(it.amount, b.total.value)
                                .map(|s| percent_label(s, lx.lang)),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn partners(lx: &Lx, p: &Practice) -> Vec<PartnerGroup> {
    let view = |x: &crate::model::practice::Partner| PartnerView {
        name: x.name.clone(),
        kind: x
            .kind
            .map(|k| lx.t(&format!("partner_kind_{}", k.as_str()))),
    };
    let mut groups: Vec<PartnerGroup> = ROLES
        .iter()
        .filter_map(|role| {
            let ps: Vec<PartnerView> = p
                .partners
                .iter()
                .filter(|x| x.roles.contains(role))
                .map(view)
                .collect();
            (!ps.is_empty()).then(|| PartnerGroup {
                role: lx.t(&format!("role_{}", role.as_str())),
                partners: ps,
            })
        })
        .collect();
    let no_role: Vec<PartnerView> = p
        .partners
        .iter()
        .filter(|x| x.roles.is_empty())
        .map(view)
        .collect();
    if !no_role.is_empty() {
        groups.push(PartnerGroup {
            role: lx.t("partners"),
            partners: no_role,
        });
    }
    groups
}

fn documents(lx: &Lx, doc: &Doc<Practice>) -> Vec<DocumentView> {
    doc.model
        .documents
        .iter()
        .filter_map(|d| {
            let href = match (&d.file, &d.url) {
                (Some(f), _) => Route::Attachment(doc.id.as_str(), &f.value).path(),
                (None, Some(u)) if is_safe_url(u) => u.value.clone(),
                _ => return None,
            };
            Some(DocumentView {
                title: d.title.clone(),
                href,
                local: d.file.is_some(),
                kind: d.kind.map(|k| lx.t(&format!("doc_kind_{}", k.as_str()))),
            })
        })
        .collect()
}

/// The reviews, newest first. They are walked oldest first, to follow how
/// the verified levels changed.
fn reviews(lx: &Lx, doc: &Doc<Practice>) -> Vec<ReviewView> {
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    let mut out: Vec<ReviewView> = Vec::new();
    for r in lx.site.reviews_of(&doc.id) {
        let mut v = review(lx, r);
        if r.model.status == ReviewStatus::Verified {
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
            v.changes = Some(changes);
        }
        out.push(v);
    }
    out.reverse();
    out
}

fn review(lx: &Lx, r: &crate::model::ReviewDoc) -> ReviewView {
    let m = &r.model;
    let rubric = m
        .rubric
        .as_ref()
        .and_then(|id| lx.site.reg.rubrics.get(&id.value));
    ReviewView {
        date: m.date.value.to_string(),
        reviewer: m.reviewer.name.clone(),
        affiliation: m.reviewer.affiliation.clone(),
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

fn classification(lx: &Lx, p: &Practice) -> Option<Vec<String>> {
    p.classification.as_ref().map(|c| {
        [
            c.format.map(|x| x.as_str()),
            c.maturity.map(|x| x.as_str()),
            c.focus.map(|x| x.as_str()),
            c.scale.map(|x| x.as_str()),
            c.causality.map(|x| x.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(|x| lx.t(&format!("cls_{x}")))
        .collect()
    })
}

fn translations(lx: &Lx, doc: &Doc<Practice>) -> Vec<TranslationLink> {
    let site = lx.site;
    site.translations_of(&doc.id)
        .into_iter()
        .map(|t| {
            // Open a translation in the UI of its own language when the
            // site has one.
            let lang = site.practice_lang(t);
            let prefix = if site.languages.contains(&lang) {
                site.prefix(lang)
            } else {
                String::new()
            };
            TranslationLink {
                href: format!("{prefix}{}", Route::Practice(t.id.as_str()).path()),
                title: t.model.title.value.clone(),
                lang: lang.to_owned(),
            }
        })
        .collect()
}

fn diagram(lx: &Lx, p: &Practice) -> String {
    use crate::render::diagram;
    let d = diagram::layout(p);
    let mut labels: BTreeMap<&str, String> = BTreeMap::new();
    for kind in diagram::KINDS {
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
    diagram::svg(
        &d,
        "toc-diagram",
        &format!("{}: {}", lx.t("theory_of_change"), p.title.value),
        &desc,
        &labels,
        &lx.t("key_result"),
    )
}
