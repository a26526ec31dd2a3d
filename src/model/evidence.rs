//! The evidence scheme (FORMAT.md §6): dimensions, ordered levels, and the
//! rules that say what each level needs from a practice's data.
//!
//! The rule vocabulary is fixed here, in [`RuleKey`]; an unknown key or an
//! impossible parameter is a located error when the scheme is decoded.
//! Evaluation against a practice lives in `validate::evidence`.

use super::common::{Key, Localized, Spanned};
use crate::syntax::decode::record;
use crate::syntax::decode::{Cx, Decode, codes as dcodes, entries, key_text, suggestion};
use crate::syntax::yaml::{Node, NodeKind};
use schemars::JsonSchema;
use serde::Serialize;

pub mod codes {
    /// An unknown rule key or an impossible rule parameter.
    pub const RULE: &str = "D013";
}

record! {
    pub struct Scheme {
        req dimensions: Spanned<Vec<Dimension>> = "dimensions",
        req levels: Spanned<Vec<LevelDef>> = "levels",
        opt rules: Vec<Rule> = "rules",
        /// After how many months a verified level is due for re-review
        /// (FORMAT.md §10.3; default [`DEFAULT_REVIEW_INTERVAL`]).
        opt review_interval_months: Option<Spanned<i64>> = "review_interval_months",
    }
}

/// The re-review interval when the scheme names none, in months.
pub const DEFAULT_REVIEW_INTERVAL: u32 = 24;
/// The longest interval accepted (ten years), in months.
pub const MAX_REVIEW_INTERVAL: i64 = 120;

record! {
    pub struct Dimension {
        req id: Spanned<Key> = "id",
        req label: Localized = "label",
        opt description: Option<Localized> = "description",
    }
}

record! {
    pub struct LevelDef {
        req id: Spanned<Key> = "id",
        req label: Localized = "label",
        opt description: Option<Localized> = "description",
    }
}

record! {
    pub struct Rule {
        req dimension: Spanned<Key> = "dimension",
        req level: Spanned<Key> = "level",
        req requires: Vec<Requirement> = "requires",
    }
}

/// The fixed rule vocabulary. Each key counts something in a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKey {
    /// Every indicator with values has them for at least N distinct years.
    IndicatorYears,
    /// Every indicator names its method (`all`), or at least N do.
    IndicatorMethods,
    /// At least N documents.
    Documents,
    /// At least N references in the justification.
    References,
    /// An external evaluation is described (not "none").
    ExternalEvaluation,
    /// At least N monitoring tools.
    MonitoringTools,
    /// At least N long-term follow-up entries.
    LongTerm,
    /// At least N cost-of-a-social-result entries.
    ResultCosts,
    /// An effect-level result has an indicator with values.
    EffectIndicator,
    /// A negative-effects statement is present.
    NegativeEffects,
}

impl RuleKey {
    pub const ALL: &'static [(&'static str, RuleKey)] = &[
        ("indicator_years", RuleKey::IndicatorYears),
        ("indicator_methods", RuleKey::IndicatorMethods),
        ("documents", RuleKey::Documents),
        ("references", RuleKey::References),
        ("external_evaluation", RuleKey::ExternalEvaluation),
        ("monitoring_tools", RuleKey::MonitoringTools),
        ("long_term", RuleKey::LongTerm),
        ("result_costs", RuleKey::ResultCosts),
        ("effect_indicator", RuleKey::EffectIndicator),
        ("negative_effects", RuleKey::NegativeEffects),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(n, _)| n)
    }

    fn kind(self) -> ParamKind {
        match self {
            RuleKey::IndicatorMethods => ParamKind::AllOrCount,
            RuleKey::ExternalEvaluation | RuleKey::EffectIndicator | RuleKey::NegativeEffects => {
                ParamKind::Flag
            }
            _ => ParamKind::Count,
        }
    }
}

enum ParamKind {
    Count,
    AllOrCount,
    Flag,
}

/// What a rule key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Param {
    Count(u32),
    /// `all` (for `indicator_methods`) or `true` (for yes/no rules).
    All,
}

/// One `key: parameter` pair of a rule's `requires`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Requirement {
    pub key: RuleKey,
    pub param: Param,
    #[serde(skip)]
    #[schemars(skip)]
    pub span: crate::syntax::diag::Span,
}

/// `requires` is a mapping in the file; it decodes to a list of
/// requirements so that each keeps its own position.
impl Decode for Vec<Requirement> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let pairs = entries(node, cx, "a mapping of rule keys to parameters")?;
        let names: Vec<&str> = RuleKey::ALL.iter().map(|(n, _)| *n).collect();
        let mut out: Vec<Requirement> = Vec::new();
        for (k, v) in pairs {
            let Some(name) = key_text(k, cx) else {
                continue;
            };
            let Some(&(_, key)) = RuleKey::ALL.iter().find(|(n, _)| *n == name) else {
                cx.error(
                    codes::RULE,
                    k.span,
                    format!("unknown rule key `{name}`"),
                    suggestion(name, &names),
                );
                continue;
            };
            if out.iter().any(|r| r.key == key) {
                cx.error(
                    dcodes::DUPLICATE_KEY,
                    k.span,
                    format!("the rule key `{name}` appears twice"),
                    "keep one of the two",
                );
                continue;
            }
            let text = match &v.kind {
                NodeKind::Scalar { value, plain: true } => value.as_str(),
                _ => "",
            };
            let param = match (key.kind(), text) {
                (ParamKind::Flag, "true") => Some(Param::All),
                (ParamKind::AllOrCount, "all") => Some(Param::All),
                (ParamKind::Count | ParamKind::AllOrCount, n) => {
                    n.parse::<u32>().ok().filter(|n| *n >= 1).map(Param::Count)
                }
                _ => None,
            };
            match param {
                Some(param) => out.push(Requirement {
                    key,
                    param,
                    span: v.span,
                }),
                None => {
                    let expected = match key.kind() {
                        ParamKind::Count => "a whole number of at least 1",
                        ParamKind::AllOrCount => "`all` or a whole number of at least 1",
                        ParamKind::Flag => "`true`",
                    };
                    cx.error(
                        codes::RULE,
                        v.span,
                        format!("`{name}` cannot require `{}`", v.as_str().unwrap_or("this")),
                        format!("`{name}` takes {expected}"),
                    );
                }
            }
        }
        Some(out)
    }
}

impl Scheme {
    /// The re-review interval in months: the scheme's when valid (1 to
    /// [`MAX_REVIEW_INTERVAL`]; validation rejects any other), else the
    /// default.
    pub fn review_interval(&self) -> u32 {
        self.review_interval_months
            .as_ref()
            .map(|m| m.value)
            .filter(|m| (1..=MAX_REVIEW_INTERVAL).contains(m))
            .map_or(DEFAULT_REVIEW_INTERVAL, |m| m as u32)
    }

    /// Position of a level in the ordered list (0 = lowest).
    pub fn level_rank(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id.as_str() == level)
    }

    pub fn has_dimension(&self, dim: &str) -> bool {
        self.dimensions.iter().any(|d| d.id.as_str() == dim)
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    pub fn dimension_ids(&self) -> Vec<&str> {
        self.dimensions.iter().map(|d| d.id.as_str()).collect()
    }
}
