//! A practice (FORMAT.md §4): the front matter of `practices/<id>.md` or
//! `practices/<id>/index.md`, field by field, with its enumerations.

use super::common::{Date, Id, Key, Keyed, Spanned, Year};
use crate::syntax::decode::{enumeration, record};

type SId = Spanned<Id>;

enumeration! {
    pub enum Status { Active = "active", Paused = "paused", Completed = "completed" }
}
enumeration! {
    pub enum Format { Technology = "technology", Programme = "programme", Project = "project", Service = "service", Method = "method" }
}
enumeration! {
    pub enum Maturity { New = "new", Developing = "developing", Established = "established" }
}
enumeration! {
    pub enum Focus { Prevention = "prevention", EarlyIntervention = "early-intervention", CrisisSupport = "crisis-support", Rehabilitation = "rehabilitation" }
}
enumeration! {
    pub enum Scale { Micro = "micro", Meso = "meso", Macro = "macro" }
}
enumeration! {
    pub enum Causality { Linear = "linear", Dynamic = "dynamic" }
}
enumeration! {
    /// The level of a result in the chain of social results, in order.
    pub enum Level { Output = "output", Short = "short", Medium = "medium", Long = "long", Effect = "effect" }
}
enumeration! {
    pub enum Unit { Count = "count", Percent = "percent", Currency = "currency", Score = "score" }
}
enumeration! {
    pub enum Direction { Up = "up", Down = "down" }
}
enumeration! {
    pub enum MonitoringLevel { Case = "case", Practice = "practice" }
}
enumeration! {
    pub enum PartnerKind { Internal = "internal", Government = "government", Ngo = "ngo", Business = "business", Medical = "medical", Other = "other" }
}
enumeration! {
    pub enum PartnerRole {
        RefersBeneficiaries = "refers-beneficiaries",
        ProvidesResources = "provides-resources",
        ProvidesServices = "provides-services",
        ReceivesBeneficiaries = "receives-beneficiaries",
        ProtectsInterests = "protects-interests",
    }
}
enumeration! {
    pub enum DocumentKind { Regulation = "regulation", Methodology = "methodology", Contract = "contract", Template = "template", Report = "report", Other = "other" }
}

record! {
    /// The practice's front matter.
    pub struct Practice {
        req title: Spanned<String> = "title",
        req organization: SId = "organization",
        opt language: Option<Spanned<String>> = "language",
        opt translation_of: Option<SId> = "translation_of",
        req summary: Spanned<String> = "summary",
        req status: Status = "status",
        req started: Spanned<Year> = "started",
        opt described: Option<Spanned<Year>> = "described",
        req updated: Spanned<Date> = "updated",
        opt draft: bool = "draft",
        opt regions: Vec<SId> = "regions",
        opt geography_note: Option<String> = "geography_note",
        req thematic_area: SId = "thematic_area",
        opt practice_type: Option<SId> = "practice_type",
        opt classification: Option<Classification> = "classification",
        opt uniqueness: Vec<String> = "uniqueness",
        opt contacts: Vec<Contact> = "contacts",
        req target_groups: Spanned<Vec<TargetGroup>> = "target_groups",
        req activities: Spanned<Vec<Activity>> = "activities",
        req results: Spanned<Vec<ResultNode>> = "results",
        opt indicators: Vec<Indicator> = "indicators",
        opt monitoring: Vec<Monitoring> = "monitoring",
        opt values: Vec<String> = "values",
        opt factors: Vec<Factor> = "factors",
        opt risks: Vec<Risk> = "risks",
        opt justification: Option<Justification> = "justification",
        opt partners: Vec<Partner> = "partners",
        opt resources: Option<Resources> = "resources",
        opt served: Vec<Served> = "served",
        opt result_costs: Vec<ResultCost> = "result_costs",
        opt documents: Vec<Document> = "documents",
        /// Claimed level per evidence dimension.
        opt evidence: Option<Keyed<Spanned<Key>>> = "evidence",
        opt long_term: Vec<LongTerm> = "long_term",
        opt negative_effects: Option<String> = "negative_effects",
        opt quality_assurance: Vec<String> = "quality_assurance",
        opt deviations: Vec<String> = "deviations",
    }
}

record! {
    pub struct Classification {
        opt format: Option<Format> = "format",
        opt maturity: Option<Maturity> = "maturity",
        opt focus: Option<Focus> = "focus",
        opt scale: Option<Scale> = "scale",
        opt causality: Option<Causality> = "causality",
    }
}

record! {
    pub struct Contact {
        opt name: Option<String> = "name",
        opt role: Option<String> = "role",
        opt email: Option<Spanned<String>> = "email",
        opt phone: Option<Spanned<String>> = "phone",
    }
}

record! {
    pub struct TargetGroup {
        req id: SId = "id",
        req name: String = "name",
        opt category: Option<SId> = "category",
        req problems: Spanned<Vec<Problem>> = "problems",
    }
}

record! {
    pub struct Problem {
        req id: SId = "id",
        req text: String = "text",
    }
}

record! {
    pub struct Activity {
        req id: SId = "id",
        req name: String = "name",
        opt r#type: Option<SId> = "type",
        /// Target group ids; empty means all.
        opt target_groups: Vec<SId> = "target_groups",
        req addresses: Vec<SId> = "addresses",
    }
}

record! {
    /// One result in the logic model.
    pub struct ResultNode {
        req id: SId = "id",
        req text: String = "text",
        req level: Spanned<Level> = "level",
        req from: Spanned<Vec<SId>> = "from",
    }
}

record! {
    pub struct Indicator {
        req id: SId = "id",
        req result: SId = "result",
        req name: String = "name",
        opt unit: Option<Unit> = "unit",
        opt method: Option<String> = "method",
        opt good: Option<Direction> = "good",
        opt values: Vec<Value> = "values",
        opt target: Option<Target> = "target",
        opt not_measured: Option<Spanned<String>> = "not_measured",
    }
}

impl Practice {
    /// The result with this id, if the logic model has one.
    pub fn result(&self, id: &Id) -> Option<&ResultNode> {
        self.results.iter().find(|r| r.id.value == *id)
    }
}

impl Indicator {
    pub fn unit(&self) -> Unit {
        self.unit.unwrap_or(Unit::Count)
    }
    pub fn good(&self) -> Direction {
        self.good.unwrap_or(Direction::Up)
    }
}

record! {
    /// One measured value of an indicator.
    pub struct Value {
        req year: Spanned<Year> = "year",
        req value: Spanned<f64> = "value",
        opt of: Option<Spanned<f64>> = "of",
        opt note: Option<String> = "note",
    }
}

record! {
    pub struct Target {
        req year: Spanned<Year> = "year",
        req value: Spanned<f64> = "value",
    }
}

record! {
    pub struct Monitoring {
        req tool: String = "tool",
        opt responsible: Option<String> = "responsible",
        opt frequency: Option<String> = "frequency",
        opt level: Option<MonitoringLevel> = "level",
    }
}

record! {
    pub struct Factor {
        req result: SId = "result",
        opt favouring: Vec<String> = "favouring",
        opt hindering: Vec<String> = "hindering",
    }
}

record! {
    pub struct Risk {
        req risk: String = "risk",
        opt mitigation: Option<String> = "mitigation",
    }
}

record! {
    pub struct Justification {
        opt theory: Vec<String> = "theory",
        opt references: Vec<Reference> = "references",
        opt external_evaluation: Option<ExternalEvaluation> = "external_evaluation",
    }
}

enumeration! {
    pub enum EvaluationStatus { None = "none", Planned = "planned", Done = "done" }
}

/// An external evaluation as structured facts (FORMAT.md §4, §10.2): the
/// evidence rules read `status` and what a done evaluation must name,
/// never the meaning of a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct ExternalEvaluation(pub Evaluation);

record! {
    pub struct Evaluation {
        req status: Spanned<EvaluationStatus> = "status",
        opt by: Option<String> = "by",
        opt year: Option<Spanned<Year>> = "year",
        opt method: Option<String> = "method",
        opt report: Option<Report> = "report",
        opt note: Option<String> = "note",
    }
}

record! {
    /// Where an evaluation's report can be read: a link or a file of the
    /// practice's folder.
    pub struct Report {
        opt url: Option<Spanned<String>> = "url",
        opt file: Option<Spanned<String>> = "file",
    }
}

impl Evaluation {
    /// A done evaluation that names who, when and where to read it: the
    /// only kind an `external_evaluation: true` rule counts.
    pub fn is_complete(&self) -> bool {
        *self.status == EvaluationStatus::Done
            && self.by.as_deref().is_some_and(|b| !b.trim().is_empty())
            && self.year.is_some()
            && self
                .report
                .as_ref()
                .is_some_and(|r| r.url.is_some() || r.file.is_some())
    }
}

impl crate::syntax::decode::Decode for ExternalEvaluation {
    /// The v1 text form is refused with the structured form to write.
    fn decode(
        node: &crate::syntax::yaml::Node,
        cx: &mut crate::syntax::decode::Cx,
    ) -> Option<Self> {
        if let Some(text) = node.as_str() {
            let said: String = text.chars().take(50).collect();
            cx.error(
                crate::syntax::decode::codes::WRONG_TYPE,
                node.span,
                crate::l10n::Msg::new("D008_evaluation_text"),
                crate::msg!("D008_evaluation_text_hint", said = said.replace('"', "'")),
            );
            return None;
        }
        Evaluation::decode(node, cx).map(ExternalEvaluation)
    }
}

impl std::ops::Deref for ExternalEvaluation {
    type Target = Evaluation;
    fn deref(&self) -> &Evaluation {
        &self.0
    }
}

record! {
    pub struct Reference {
        req title: String = "title",
        opt url: Option<Spanned<String>> = "url",
        opt year: Option<Spanned<Year>> = "year",
    }
}

record! {
    pub struct Partner {
        req name: String = "name",
        opt kind: Option<PartnerKind> = "kind",
        opt roles: Vec<PartnerRole> = "roles",
    }
}

record! {
    pub struct Resources {
        opt staff: Vec<Staff> = "staff",
        opt volunteers: Option<i64> = "volunteers",
        opt budget: Vec<Budget> = "budget",
    }
}

record! {
    pub struct Staff {
        req role: String = "role",
        opt count: Option<f64> = "count",
        opt fte: Option<f64> = "fte",
    }
}

record! {
    pub struct Budget {
        req year: Spanned<Year> = "year",
        req currency: String = "currency",
        req total: Spanned<f64> = "total",
        opt items: Vec<BudgetItem> = "items",
    }
}

record! {
    pub struct BudgetItem {
        req name: String = "name",
        req amount: f64 = "amount",
    }
}

record! {
    pub struct Served {
        req year: Spanned<Year> = "year",
        opt families: Option<f64> = "families",
        opt children: Option<f64> = "children",
        opt adults: Option<f64> = "adults",
    }
}

record! {
    /// The cost of a social result (001): the cost per family and per child
    /// is computed from these, never entered.
    pub struct ResultCost {
        req result: SId = "result",
        req year: Spanned<Year> = "year",
        req expenses: Spanned<f64> = "expenses",
        req currency: String = "currency",
        opt families: Option<Spanned<f64>> = "families",
        opt children: Option<Spanned<f64>> = "children",
    }
}

impl ResultCost {
    pub fn per_family(&self) -> Option<f64> {
        self.families
            .as_ref()
            .filter(|n| n.value > 0.0)
            .map(|n| self.expenses.value / n.value)
    }
    pub fn per_child(&self) -> Option<f64> {
        self.children
            .as_ref()
            .filter(|n| n.value > 0.0)
            .map(|n| self.expenses.value / n.value)
    }
}

record! {
    pub struct Document {
        req title: String = "title",
        opt file: Option<Spanned<String>> = "file",
        opt url: Option<Spanned<String>> = "url",
        opt kind: Option<DocumentKind> = "kind",
    }
}

record! {
    pub struct LongTerm {
        req result: SId = "result",
        req text: String = "text",
    }
}
