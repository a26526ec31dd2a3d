//! The evidence scheme, `evidence/`: its levels and dimensions, the rules
//! of each level, the rubrics, and how the registry's practices are
//! distributed over the levels (claimed and verified).

use crate::model::evidence::{Param, Scheme};
use crate::render::components::scales::{BandsView, CrosswalkView, bands_table, crosswalk_table};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route};
use schemars::JsonSchema;
use serde::Serialize;

pub const KIND: Kind = Kind {
    name: "evidence",
    template: Some("evidence.html"),
    view: Some(|| schemars::schema_for!(EvidenceView)),
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Evidence),
    sitemap: Some(|_| vec![Route::Evidence]),
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct EvidenceView {
    pub dimensions: Vec<DimensionView>,
    pub levels: Vec<LevelView>,
    pub distribution: Vec<DistributionRow>,
    pub rubrics: Vec<RubricRef>,
    /// How the levels read on other scales (FORMAT.md §10.3).
    pub crosswalk: Vec<CrosswalkView>,
    /// The cost bands, where the scheme has them.
    pub cost_bands: Option<BandsView>,
}

#[derive(Serialize, JsonSchema)]
pub struct DimensionView {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// The levels that have rules, with what each requires.
    pub rules: Vec<LevelRules>,
}

#[derive(Serialize, JsonSchema)]
pub struct LevelRules {
    pub level: String,
    pub requires: Vec<Requirement>,
}

#[derive(Serialize, JsonSchema)]
pub struct Requirement {
    pub key: String,
    pub text: String,
    /// The count a rule asks for ("" for "all"); `text` has it in words.
    pub param: String,
}

#[derive(Serialize, JsonSchema)]
pub struct LevelView {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
}

/// One dimension's claimed and verified counts per level.
#[derive(Serialize, JsonSchema)]
pub struct DistributionRow {
    pub label: String,
    pub cells: Vec<Cell>,
    pub chart: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Cell {
    pub claimed: usize,
    pub verified: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct RubricRef {
    pub title: String,
    pub href: String,
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Evidence) {
        return Ok(());
    }
    let lx = cx.lx;
    let site = lx.site;
    let mut view = EvidenceView {
        dimensions: Vec::new(),
        levels: Vec::new(),
        distribution: Vec::new(),
        rubrics: site
            .reg
            .rubrics
            .values()
            .map(|r| RubricRef {
                title: lx.loc(&r.model.title),
                href: Route::Rubric(r.id.as_str()).path(),
            })
            .collect(),
        crosswalk: crosswalk_table(lx),
        cost_bands: bands_table(lx),
    };
    if let Some(s) = lx.scheme() {
        view.dimensions = s
            .dimensions
            .iter()
            .map(|d| DimensionView {
                id: d.id.value.to_string(),
                label: lx.loc(&d.label),
                description: d.description.as_ref().map(|x| lx.loc(x)),
                rules: s
                    .levels
                    .iter()
                    .filter_map(|l| {
                        let requires: Vec<Requirement> = s
                            .rules
                            .iter()
                            .filter(|r| {
                                r.dimension.value == d.id.value && r.level.value == l.id.value
                            })
                            .flat_map(|r| r.requires.iter())
                            .map(|q| Requirement {
                                key: q.key.name().to_owned(),
                                text: requirement_text(lx, q.key.name(), &q.param),
                                param: match q.param {
                                    Param::Count(n) => n.to_string(),
                                    Param::All => String::new(),
                                },
                            })
                            .collect();
                        (!requires.is_empty()).then(|| LevelRules {
                            level: lx.loc(&l.label),
                            requires,
                        })
                    })
                    .collect(),
            })
            .collect();
        view.levels = s
            .levels
            .iter()
            .map(|l| LevelView {
                id: l.id.value.to_string(),
                label: lx.loc(&l.label),
                description: l.description.as_ref().map(|x| lx.loc(x)),
            })
            .collect();
        view.distribution = s
            .dimensions
            .iter()
            .map(|d| DistributionRow {
                label: lx.loc(&d.label),
                cells: s
                    .levels
                    .iter()
                    .map(|l| Cell {
                        claimed: count(lx, d.id.as_str(), l.id.as_str(), false),
                        verified: count(lx, d.id.as_str(), l.id.as_str(), true),
                    })
                    .collect(),
                chart: distribution_chart(
                    lx,
                    s,
                    d.id.as_str(),
                    &format!("chart-dist-{}", d.id.value),
                ),
            })
            .collect();
    }
    cx.emit(Page::new(
        "evidence.html",
        Route::Evidence.path(),
        lx.t("nav_evidence"),
        lx.t("evidence_lead"),
        ctx(&view),
    ))
}

/// Practices that claim (or, with `verified`, were verified at) `level` in
/// dimension `dim`.
/// What a rule requires, in words with the number in its plural form
/// ("3 года данных по каждому показателю"); `all` and flags have texts of
/// their own (`rulekey_<key>_all`, else `rulekey_<key>`).
fn requirement_text(lx: &Lx, key: &str, param: &Param) -> String {
    let msg = format!("rulekey_{key}");
    match param {
        Param::Count(n) => lx.plural(&msg, *n as usize),
        Param::All => {
            let all = format!("{msg}_all");
            if lx.ui.contains_key(&all) {
                lx.t(&all)
            } else {
                lx.t(&msg)
            }
        }
    }
}

fn count(lx: &Lx, dim: &str, level: &str, verified: bool) -> usize {
    let site = lx.site;
    if verified {
        site.verified
            .values()
            .filter(|v| v.get(dim).is_some_and(|x| x.level == level))
            .count()
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
            .count()
    }
}

/// Claimed and verified levels of one dimension across the registry.
pub fn distribution_chart(lx: &Lx, s: &Scheme, dim: &str, id: &str) -> Option<String> {
    use crate::render::charts::{BarChart, Series, bars};
    let count = |level: &str, verified: bool| count(lx, dim, level, verified) as f64;
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
        lang: lx.lang,
    })
}
