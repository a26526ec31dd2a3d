//! Builds the practice page's view from a practice: every section, numbers
//! formatted in the page's language, links made safe.

use super::charts::{budget_charts, cost_chart, indicator_chart, served_chart};
use super::review::reviews;
use super::view::{
    ActivityView, BadgeEmbed, BudgetItemView, BudgetYear, CiteView, Contact, DocumentView,
    EvaluationView, FactorView, Flags, Group, IndicatorView, JustificationView, KeyFacts,
    KeyFigure, KeyLevel, LevelResults, LongTermView, MonitoringView, PartnerGroup, PartnerView,
    PracticeView, ProblemView, ReferenceView, ResultCostView, ResultView, RiskView, ServedView,
    StaffView, TargetView, TranslationLink, ValueView,
};
use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::{Level, PartnerRole, Practice, Unit};
use crate::render::components::card::card;
use crate::render::components::evidence::evidence_rows;
use crate::render::format::{number, percent, percent_label};
use crate::render::lang::Lx;
use crate::render::markdown::Rendered;
use crate::render::routes::{Route, Taxonomy};
use crate::validate::links::is_safe_url;
use std::collections::BTreeMap;

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
        verified_unsupported: evidence.iter().any(|r| r.verified_unsupported),
        unsupported: evidence.iter().any(|r| r.unsupported),
        stale: latest_data.filter(|y| *y < lx.site.opts.today.year - 2),
        never_reviewed: reviews.is_empty(),
        review_due: evidence
            .iter()
            .filter(|r| r.overdue)
            .filter_map(|r| r.due_date.clone())
            .min(),
    };
    let org = reg.organizations.get(&p.organization.value);
    // One layout for the diagram and its chain view (none with the
    // benchmark's `DOKAZ_BENCH_OFF=diagrams`).
    let (diagram_svg, chain) = if crate::render::bench_off("diagrams") {
        (String::new(), None)
    } else {
        let layout = crate::render::diagram::layout(p);
        (diagram(lx, p, &layout), effect_chain(lx, p, &layout))
    };
    let key_facts = key_facts(lx, p, &evidence, &reviews);
    // The verified levels, each once, in the scheme's dimension order.
    let mut verified: Vec<&str> = Vec::new();
    for v in key_facts
        .levels
        .iter()
        .filter_map(|l| l.verified.as_deref())
    {
        if !verified.contains(&v) {
            verified.push(v);
        }
    }
    PracticeView {
        search_evidence: if verified.is_empty() {
            lx.t("hit_not_verified")
        } else {
            format!("{}: {}", lx.t("key_verified"), verified.join(" · "))
        },
        key_facts,
        diagram: diagram_svg,
        chain,
        card: card(lx, doc),
        crosswalk: crate::render::components::scales::readings(lx, doc),
        cost_band: crate::render::components::scales::cost_band(lx, doc),
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
            external_evaluation: j
                .external_evaluation
                .as_ref()
                .map(|e| evaluation(lx, doc, e)),
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
        toc: top_headings(&body.toc),
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
        json: Route::PracticeData(lx.site.original_id(&doc.id).as_str()).path(),
        history: lx
            .site
            .history
            .get(&doc.id)
            .map(|h| h.iter().take(HISTORY_SHOWN).cloned().collect())
            .unwrap_or_default(),
        history_total: lx.site.history.get(&doc.id).map_or(0, Vec::len),
        cite: cite_view(lx, doc),
        badge: badge_view(lx, doc),
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

fn evaluation(
    lx: &Lx,
    doc: &Doc<Practice>,
    e: &crate::model::practice::Evaluation,
) -> EvaluationView {
    let status = e.status.as_str();
    let (report, report_local) = match e.report.as_ref() {
        Some(r) => match (&r.file, &r.url) {
            (Some(f), _) => (
                Some(Route::Attachment(lx.site.file_owner(doc, f).as_str(), &f.value).path()),
                true,
            ),
            (None, Some(u)) if is_safe_url(u) => (Some(u.value.clone()), false),
            _ => (None, false),
        },
        None => (None, false),
    };
    EvaluationView {
        status: status.to_owned(),
        status_label: lx.t(&format!("evaluation_{status}")),
        by: e.by.clone(),
        year: e.year.as_ref().map(|y| y.value.0),
        method: e.method.clone(),
        report,
        report_local,
        note: e.note.clone(),
    }
}

fn documents(lx: &Lx, doc: &Doc<Practice>) -> Vec<DocumentView> {
    doc.model
        .documents
        .iter()
        .filter_map(|d| {
            let href = match (&d.file, &d.url) {
                (Some(f), _) => {
                    let path =
                        Route::Attachment(lx.site.file_owner(doc, f).as_str(), &f.value).path();
                    if crate::render::pages::statics::is_markdown(&f.value) {
                        crate::render::pages::statics::markdown_page(&path)
                    } else {
                        path
                    }
                }
                (None, Some(u)) if is_safe_url(u) => u.value.clone(),
                _ => return None,
            };
            Some(DocumentView {
                title: d.title.clone(),
                href,
                local: d.file.is_some(),
                page: d
                    .file
                    .as_ref()
                    .is_some_and(|f| crate::render::pages::statics::is_markdown(&f.value)),
                kind: d.kind.map(|k| lx.t(&format!("doc_kind_{}", k.as_str()))),
            })
        })
        .collect()
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

/// The body's top-level headings (whatever level the author started at),
/// for the table of contents; none when the body has no headings.
fn top_headings(
    toc: &[crate::render::markdown::TocEntry],
) -> Vec<crate::render::markdown::TocEntry> {
    let Some(top) = toc.iter().map(|t| t.level).min() else {
        return Vec::new();
    };
    toc.iter().filter(|t| t.level == top).cloned().collect()
}

/// The key-facts strip, from the facts the sections below show in full.
fn key_facts(
    lx: &Lx,
    p: &Practice,
    evidence: &[crate::render::components::evidence::EvidenceRow],
    reviews: &[super::review::ReviewView],
) -> KeyFacts {
    let mut figures = Vec::new();
    // The indicator of the highest-level result that has values: the
    // effect where one is measured.
    // (Levels are ordered output … effect; the first such indicator.)
    let level_of = |id: &Id| p.result(id).map(|r| *r.level);
    if let Some(i) = p
        .indicators
        .iter()
        .filter(|i| !i.values.is_empty())
        .rev()
        .max_by_key(|i| level_of(&i.result.value))
    {
        let latest = i.values.iter().max_by_key(|v| v.year.value);
        if let Some(v) = latest {
            let level = level_of(&i.result.value).unwrap_or(Level::Output);
            let (value, counts) = match v
                .of
                .as_ref()
                .and_then(|o| percent(v.value.value, o.value).map(|s| (s, o)))
            {
                Some((share, of)) => (
                    percent_label(share, lx.lang),
                    format!("{} / {} · ", lx.num(v.value.value), lx.num(of.value)),
                ),
                None if i.unit() == Unit::Percent => {
                    (percent_label(v.value.value, lx.lang), String::new())
                }
                None => (lx.num(v.value.value), String::new()),
            };
            figures.push(KeyFigure {
                label: if level == Level::Effect {
                    lx.t("key_effect")
                } else {
                    lx.t(&format!("level_{}", level.as_str()))
                },
                value,
                detail: format!("{counts}{} · {}", v.year.value.0, i.name),
                href: format!("#i-{}", i.id.value),
            });
        }
    }
    if let Some(s) = p.served.iter().max_by_key(|s| s.year.value) {
        let parts: Vec<String> = [
            ("served_families", s.families),
            ("served_children", s.children),
            ("served_adults", s.adults),
        ]
        .iter()
        // "37 семей", "1 ребёнок": the noun agrees with the count.
        .filter_map(|(k, v)| {
            v.map(|v| {
                format!(
                    "{} {}",
                    lx.num(v),
                    lx.plural(k, v.max(0.0).round() as usize)
                )
            })
        })
        .collect();
        if !parts.is_empty() {
            figures.push(KeyFigure {
                label: lx.t("key_served"),
                value: parts.join(" · "),
                detail: s.year.value.0.to_string(),
                href: "#costs".into(),
            });
        }
    }
    if let Some(year) = p.result_costs.iter().map(|c| c.year.value).max() {
        for c in p.result_costs.iter().filter(|c| c.year.value == year) {
            let parts: Vec<String> = [("per_family", c.per_family()), ("per_child", c.per_child())]
                .iter()
                .filter_map(|(k, v)| {
                    v.map(|v| {
                        format!(
                            "{} {}",
                            whole_money(lx, v, &c.currency),
                            lx.t(k).to_lowercase()
                        )
                    })
                })
                .collect();
            if parts.is_empty() {
                continue;
            }
            let result = p
                .result(&c.result.value)
                .map_or_else(|| c.result.value.to_string(), |r| r.text.clone());
            figures.push(KeyFigure {
                label: lx.t("key_cost"),
                value: parts.join(" · "),
                detail: format!("{} · {result}", year.0),
                href: "#costs".into(),
            });
        }
    }
    KeyFacts {
        levels: evidence
            .iter()
            .map(|e| KeyLevel {
                label: e.label.clone(),
                verified: e.verified.clone(),
                claimed: e.claimed.clone(),
            })
            .collect(),
        figures,
        reviewed: reviews.first().map(|r| r.date.clone()),
        due: evidence.iter().filter_map(|e| e.due_date.clone()).min(),
        overdue: evidence.iter().any(|e| e.overdue),
    }
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
            let key = format!("translation_link_{lang}");
            TranslationLink {
                label: lx
                    .ui
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| lx.t("translations")),
                href: format!("{prefix}{}", Route::Practice(t.id.as_str()).path()),
                title: t.model.title.value.clone(),
                lang: lang.to_owned(),
            }
        })
        .collect()
}

/// The diagram's column names in the page's language.
fn column_labels(lx: &Lx) -> BTreeMap<&'static str, String> {
    crate::render::diagram::KINDS
        .iter()
        .map(|kind| {
            let key = match *kind {
                "group" => "target_groups".to_owned(),
                "problem" => "problems".to_owned(),
                "activity" => "activities".to_owned(),
                level => format!("level_{level}"),
            };
            (*kind, lx.t(&key))
        })
        .collect()
}

/// The chain view of the practice's first effect-level result.
fn effect_chain(
    lx: &Lx,
    p: &Practice,
    d: &crate::render::diagram::Diagram,
) -> Option<super::view::ChainView> {
    use super::view::{ChainItem, ChainStep, ChainView};
    use crate::render::diagram;
    let effect = p
        .results
        .iter()
        .find(|r| *r.level == crate::model::practice::Level::Effect)?;
    let labels = column_labels(lx);
    let mut steps: Vec<ChainStep> = Vec::new();
    for n in diagram::chain(d, &format!("r:{}", effect.id.value)) {
        if steps.last().is_none_or(|s| s.kind != n.kind) {
            steps.push(ChainStep {
                kind: n.kind.to_owned(),
                label: labels.get(n.kind).cloned().unwrap_or_default(),
                items: Vec::new(),
            });
        }
        if let Some(s) = steps.last_mut() {
            s.items.push(ChainItem {
                text: n.text.clone(),
                anchor: n.anchor.clone(),
            });
        }
    }
    Some(ChainView {
        result: effect.text.clone(),
        node: format!("r:{}", effect.id.value),
        steps,
    })
}

fn diagram(lx: &Lx, p: &Practice, d: &crate::render::diagram::Diagram) -> String {
    use crate::render::diagram;
    let labels = column_labels(lx);
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
        d,
        "toc-diagram",
        &format!("{}: {}", lx.t("theory_of_change"), p.title.value),
        &desc,
        &labels,
        &lx.t("key_result"),
    )
}

/// How many changes the page lists (open data has them all).
pub const HISTORY_SHOWN: usize = 10;

/// "Cite this practice": the reference in the page's language and the
/// CSL-JSON file.
fn cite_view(lx: &Lx, doc: &Doc<Practice>) -> CiteView {
    use crate::render::components::cite;
    let c = cite::citation(lx.site, doc, lx.lang);
    // The files are the practice's, under its original's id.
    let id = lx.site.original_id(&doc.id).as_str();
    CiteView {
        text: cite::text(&c),
        csl: Route::CiteData(id).path(),
        ris: Route::CiteRis(id).path(),
        bib: Route::CiteBib(id).path(),
    }
}

/// The practice's badge and the HTML that embeds it, linking back to the
/// page (absolute URLs: the snippet lives on another site).
fn badge_view(lx: &Lx, doc: &Doc<Practice>) -> BadgeEmbed {
    use crate::render::pages::badges::badge_alt;
    let base = &lx.site.opts.base_url;
    let src = Route::Badge(lx.site.original_id(&doc.id).as_str()).path();
    let href = format!(
        "{base}/{}{}",
        lx.site.prefix(lx.lang),
        Route::Practice(doc.id.as_str()).dir_url()
    );
    // The badge is drawn in the registry's default language; its
    // description here is in the page's.
    let alt = badge_alt(lx, &doc.id);
    let snippet = format!(
        "<a href=\"{}\"><img src=\"{base}/{src}\" alt=\"{}\"></a>",
        crate::render::theme::escape_html(&href),
        crate::render::theme::escape_html(&alt)
    );
    BadgeEmbed { src, alt, snippet }
}

/// A cost per family or child in whole currency units, as the cost table
/// shows it (the kopecks of a division are noise).
pub(super) fn whole_money(lx: &Lx, v: f64, currency: &str) -> String {
    crate::l10n::format::with_currency(&number(v, 0, lx.lang), currency, lx.lang)
}
