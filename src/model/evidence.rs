//! The evidence scheme (FORMAT.md §6): dimensions, ordered levels, and the
//! rules that say what each level needs from a practice's data.
//!
//! The rule vocabulary is fixed here, in [`RuleKey`]; an unknown key or an
//! impossible parameter is a located error when the scheme is decoded.
//! Evaluation against a practice lives in `validate::evidence`.

use super::common::{Key, Keyed, Localized, Spanned};
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
        /// How this scheme's levels read on other scales (FORMAT.md §10.3).
        opt crosswalk: Vec<Crosswalk> = "crosswalk",
        /// The cost of a social result as a band 1..5 (FORMAT.md §10.3).
        opt cost_bands: Option<CostBands> = "cost_bands",
    }
}

record! {
    /// One other scale and how this scheme's verified levels read on it.
    pub struct Crosswalk {
        req scale: Scale = "scale",
        /// What differs in the criteria.
        opt note: Option<Localized> = "note",
        /// First match wins.
        req map: Vec<CrosswalkRule> = "map",
    }
}

record! {
    pub struct Scale {
        req id: Spanned<Key> = "id",
        req label: Localized = "label",
        opt url: Option<Spanned<String>> = "url",
    }
}

record! {
    pub struct CrosswalkRule {
        /// Dimension → the verified level it needs at least.
        req when: Keyed<Spanned<Key>> = "when",
        req label: String = "label",
    }
}

record! {
    pub struct CostBands {
        req unit: CostUnit = "unit",
        req currency: String = "currency",
        /// Upper bounds (inclusive) of bands 1..4; above the last: band 5.
        req bands: Spanned<Vec<Spanned<f64>>> = "bands",
    }
}

crate::syntax::decode::enumeration! {
    /// Which computed cost per unit is banded.
    pub enum CostUnit { Family = "family", Child = "child" }
}

/// The number of bounds `bands` lists (bands 1..4; above them: 5).
pub const COST_BOUNDS: usize = 4;

impl CostBands {
    /// The band (1..=5) of a cost per unit: the first band whose upper
    /// bound it does not exceed (a bound belongs to its own band).
    pub fn band(&self, cost: f64) -> usize {
        self.bands
            .value
            .iter()
            .position(|b| cost <= b.value)
            .map_or(self.bands.value.len() + 1, |i| i + 1)
    }
}

/// A practice's cost as the bands see it.
#[derive(Debug, Clone, PartialEq)]
pub enum BandedCost {
    /// The latest year's cost per unit in the bands' currency, and its band.
    Band { year: i32, cost: f64, band: usize },
    /// The latest year's costs per unit are in another currency: no band.
    OtherCurrency { year: i32, currency: String },
    /// No cost of a result per unit at all.
    NoCost,
}

impl CostBands {
    /// The band of a practice from its latest `result_costs` year with a
    /// cost per the bands' unit; of several entries that year, the first
    /// in the bands' currency.
    pub fn of(&self, p: &crate::model::practice::Practice) -> BandedCost {
        let per_unit = |c: &crate::model::practice::ResultCost| match self.unit {
            CostUnit::Family => c.per_family(),
            CostUnit::Child => c.per_child(),
        };
        let Some(year) = p
            .result_costs
            .iter()
            .filter(|c| per_unit(c).is_some())
            .map(|c| c.year.value.0)
            .max()
        else {
            return BandedCost::NoCost;
        };
        let latest = || {
            p.result_costs
                .iter()
                .filter(move |c| c.year.value.0 == year)
        };
        match latest()
            .filter(|c| c.currency.trim().eq_ignore_ascii_case(self.currency.trim()))
            .find_map(per_unit)
        {
            Some(cost) => BandedCost::Band {
                year,
                cost,
                band: self.band(cost),
            },
            None => BandedCost::OtherCurrency {
                year,
                currency: latest()
                    .find(|c| per_unit(c).is_some())
                    .map(|c| c.currency.clone())
                    .unwrap_or_default(),
            },
        }
    }
}

impl Crosswalk {
    /// The label of the first rule every condition of which the verified
    /// levels meet (a level meets a condition when it is the named one or
    /// higher), if any.
    pub fn reading<'a>(
        &'a self,
        scheme: &Scheme,
        verified: &dyn Fn(&str) -> Option<&'a str>,
    ) -> Option<&'a str> {
        self.map
            .iter()
            .find(|rule| {
                !rule.when.0.is_empty()
                    && rule.when.0.iter().all(|(dim, need)| {
                        let have = verified(dim.value.as_str()).and_then(|l| scheme.level_rank(l));
                        let need = scheme.level_rank(need.as_str());
                        matches!((have, need), (Some(h), Some(n)) if h >= n)
                    })
            })
            .map(|rule| rule.label.as_str())
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
        let pairs = entries(node, cx, crate::l10n::Msg::new("type_rule_mapping"))?;
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
                    crate::msg!("D013_unknown_rule_key", key = name),
                    suggestion(name, &names),
                );
                continue;
            };
            if out.iter().any(|r| r.key == key) {
                cx.error(
                    dcodes::DUPLICATE_KEY,
                    k.span,
                    crate::msg!("D012_rule_key_twice", key = name),
                    crate::l10n::Msg::new("hint_keep_one"),
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
                        ParamKind::Count => "D013_takes_count",
                        ParamKind::AllOrCount => "D013_takes_all_or_count",
                        ParamKind::Flag => "D013_takes_true",
                    };
                    cx.error(
                        codes::RULE,
                        v.span,
                        crate::msg!(
                            "D013_cannot_require",
                            key = name,
                            value = v.as_str().unwrap_or("…")
                        ),
                        crate::msg!(expected, key = name),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::diag::Span;

    fn spanned<T>(value: T) -> Spanned<T> {
        Spanned {
            value,
            span: Span::new(1, 1),
        }
    }

    #[test]
    fn a_bound_falls_in_its_own_band() {
        let b = CostBands {
            at: Span::new(1, 1),
            broken: Default::default(),
            unit: CostUnit::Family,
            currency: "RUB".into(),
            bands: spanned(
                [50_000.0, 150_000.0, 400_000.0, 1_000_000.0]
                    .into_iter()
                    .map(spanned)
                    .collect(),
            ),
        };
        assert_eq!(b.band(0.0), 1);
        assert_eq!(b.band(50_000.0), 1);
        assert_eq!(b.band(50_000.01), 2);
        assert_eq!(b.band(150_000.0), 2);
        assert_eq!(b.band(400_000.0), 3);
        assert_eq!(b.band(1_000_000.0), 4);
        assert_eq!(b.band(1_000_000.5), 5);
    }
}
