//! What the practice page's template receives (built by [`super::build`]).

use super::review::ReviewView;
use crate::render::components::card::Card;
use crate::render::components::evidence::EvidenceRow;
use crate::render::lang::TermRef;
use crate::render::markdown::TocEntry;
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Serialize, JsonSchema)]
pub struct PracticeView {
    /// The theory-of-change diagram, inline SVG.
    pub diagram: String,
    /// What leads to the (first) effect, step by step: the diagram's
    /// chain view, readable on a phone.
    pub chain: Option<ChainView>,
    pub card: Card,
    /// The strip at the top: what a reader needs first.
    pub key_facts: KeyFacts,
    /// The verified levels in a line, for search hits ("Results:
    /// advanced"), or that none is verified.
    pub search_evidence: String,
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
    /// Readings of the verified levels on other scales.
    pub crosswalk: Vec<crate::render::components::scales::Reading>,
    /// The cost band (`None` where the scheme has no cost bands).
    pub cost_band: Option<crate::render::components::scales::CostBandView>,
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
    pub cite: CiteView,
    pub badge: BadgeEmbed,
    /// The latest changes to the practice's file from git, newest first
    /// (at most [`super::build::HISTORY_SHOWN`]; empty without git).
    pub history: Vec<crate::render::history::Change>,
    /// How many changes there are in all (the rest are in open data).
    pub history_total: usize,
}

/// How to cite the practice.
#[derive(Serialize, JsonSchema)]
pub struct CiteView {
    /// GOST R 7.0.100-2018 on Russian pages, APA 7 on others.
    pub text: String,
    /// The CSL-JSON file, from the site root.
    pub csl: String,
    /// The RIS and BibTeX files, from the site root.
    pub ris: String,
    pub bib: String,
}

/// The practice's badge for other sites.
#[derive(Serialize, JsonSchema)]
pub struct BadgeEmbed {
    /// The badge file, from the site root.
    pub src: String,
    pub alt: String,
    /// The HTML to paste (shown as text, escaped by the template).
    pub snippet: String,
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
    /// Some verified level is above what the rules support.
    pub verified_unsupported: bool,
    pub unsupported: bool,
    /// The latest year of data, when it is more than two years old.
    pub stale: Option<i32>,
    pub never_reviewed: bool,
    /// The earliest due date of the verified levels due for re-review.
    pub review_due: Option<String>,
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
    /// A Markdown document rendered as a page of the site, in this UI
    /// language's folder (linked from `lroot`, not `root`).
    pub page: bool,
    pub kind: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct JustificationView {
    pub theory: Vec<String>,
    pub references: Vec<ReferenceView>,
    pub external_evaluation: Option<EvaluationView>,
}

/// An external evaluation as the page states it: its status in words,
/// and what a done one names.
#[derive(Serialize, JsonSchema)]
pub struct EvaluationView {
    /// `none`, `planned` or `done`.
    pub status: String,
    pub status_label: String,
    pub by: Option<String>,
    pub year: Option<i32>,
    pub method: Option<String>,
    /// The report's link (an attachment's path relative to the language
    /// root when `report_local`).
    pub report: Option<String>,
    pub report_local: bool,
    pub note: Option<String>,
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
    /// "This practice in English", in the page's language.
    pub label: String,
    pub href: String,
    pub title: String,
    pub lang: String,
}

/// The chain that leads to one result, by column of the diagram.
#[derive(Serialize, JsonSchema)]
pub struct ChainView {
    pub result: String,
    /// The result's node in the diagram (`r:<id>`), which the default
    /// theme's script draws the chain of.
    pub node: String,
    pub steps: Vec<ChainStep>,
}

#[derive(Serialize, JsonSchema)]
pub struct ChainStep {
    /// The diagram's node kind (`group`, `problem`, `activity`, a level).
    pub kind: String,
    pub label: String,
    pub items: Vec<ChainItem>,
}

#[derive(Serialize, JsonSchema)]
pub struct ChainItem {
    pub text: String,
    /// Its row in the logic-model table.
    pub anchor: String,
}

/// The key-facts strip (SITE.md, v2): verified levels, the latest value
/// of the highest-level indicator, people served and the cost of a result
/// in the latest year, and the review dates. Each figure links to the
/// section that has all of its numbers.
#[derive(Serialize, JsonSchema)]
pub struct KeyFacts {
    pub levels: Vec<KeyLevel>,
    pub figures: Vec<KeyFigure>,
    /// The newest review's date (`YYYY` when the source gives a year only).
    pub reviewed: Option<String>,
    /// The earliest date a verified level is due for re-review.
    pub due: Option<String>,
    pub overdue: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct KeyLevel {
    pub label: String,
    pub verified: Option<String>,
    pub claimed: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct KeyFigure {
    /// What the figure is ("Effect", "People served").
    pub label: String,
    /// The figure itself ("84 %").
    pub value: String,
    /// What it counts and when ("31 of 37 families · 2021").
    pub detail: String,
    /// The section or indicator it comes from (`#i-…`).
    pub href: String,
}
