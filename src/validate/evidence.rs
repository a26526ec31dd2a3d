//! The evidence rules engine: what each rule key finds in a practice, which
//! level the rules support per dimension, and the checks on claims.
//!
//! Rules are cumulative (FORMAT.md §6): a level is supported when its own
//! rules and those of every lower level of the dimension are met. The
//! lowest level, which has no rules, is always supported.

use super::Checker;
use super::codes::*;
use crate::l10n::{Lang, Msg};
use crate::model::Doc;
use crate::model::evidence::{BandedCost, COST_BOUNDS, Param, Requirement, RuleKey, Scheme};
use crate::model::practice::{Level, Practice};
use crate::msg;
use crate::syntax::decode::suggestion;
use serde::Serialize;
use std::collections::BTreeSet;

/// What one requirement found in one practice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub key: RuleKey,
    pub met: bool,
    /// The numbers behind the verdict, as a message: its arguments are
    /// the counts (`have`, `need`, `of`, `years`), [`Finding::text`]
    /// says them in a language ("3 документа при требуемом 1", "3
    /// documents (needs 1)").
    pub detail: Msg,
}

impl Finding {
    /// The numbers behind the verdict in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.detail.render(lang)
    }

    /// A count the finding holds (`have`, `need`, `of`, `years`).
    pub fn count(&self, name: &str) -> Option<i64> {
        self.detail.args.iter().find_map(|(n, a)| match a {
            crate::l10n::Arg::Int(v) if *n == name => Some(*v),
            _ => None,
        })
    }
}

pub fn evaluate(req: &Requirement, p: &Practice) -> Finding {
    let need = |param: Param| match param {
        Param::Count(n) => n as usize,
        Param::All => 1,
    };
    let counted = |have: usize, key: &'static str| {
        let n = need(req.param);
        (have >= n, msg!(key, have = have, need = n))
    };
    let (met, detail) = match req.key {
        RuleKey::IndicatorYears => {
            let n = need(req.param);
            let with_values: Vec<usize> = p
                .indicators
                .iter()
                .filter(|i| !i.values.is_empty() && i.not_measured.is_none())
                .map(|i| {
                    i.values
                        .iter()
                        .map(|v| v.year.value)
                        .collect::<BTreeSet<_>>()
                        .len()
                })
                .collect();
            let ok = with_values.iter().filter(|y| **y >= n).count();
            let total = with_values.len();
            (
                total > 0 && ok == total,
                msg!("finding_indicator_years", years = n, have = ok, of = total),
            )
        }
        RuleKey::IndicatorMethods => {
            let total = p.indicators.len();
            let named = p
                .indicators
                .iter()
                .filter(|i| i.method.as_deref().is_some_and(|m| !m.trim().is_empty()))
                .count();
            let met = match req.param {
                Param::All => total > 0 && named == total,
                Param::Count(n) => named >= n as usize,
            };
            (
                met,
                msg!("finding_indicator_methods", have = named, of = total),
            )
        }
        RuleKey::Documents => counted(p.documents.len(), "finding_documents"),
        RuleKey::References => counted(
            p.justification.as_ref().map_or(0, |j| j.references.len()),
            "finding_references",
        ),
        RuleKey::MonitoringTools => counted(p.monitoring.len(), "finding_monitoring_tools"),
        RuleKey::LongTerm => counted(p.long_term.len(), "finding_long_term"),
        RuleKey::ResultCosts => counted(p.result_costs.len(), "finding_result_costs"),
        RuleKey::ExternalEvaluation => {
            use crate::model::practice::EvaluationStatus;
            let e = p
                .justification
                .as_ref()
                .and_then(|j| j.external_evaluation.as_ref());
            match e {
                None => (false, Msg::new("finding_evaluation_none_given")),
                Some(e) if e.is_complete() => (
                    true,
                    msg!(
                        "finding_evaluation_done",
                        year = e.year.as_ref().map_or(0, |y| y.value.0).to_string(),
                        by = e.by.as_deref().unwrap_or_default()
                    ),
                ),
                Some(e) => match *e.status {
                    EvaluationStatus::None => (false, Msg::new("finding_evaluation_none")),
                    EvaluationStatus::Planned => (false, Msg::new("finding_evaluation_planned")),
                    EvaluationStatus::Done => (false, Msg::new("finding_evaluation_incomplete")),
                },
            }
        }
        RuleKey::EffectIndicator => {
            let effects: BTreeSet<&str> = p
                .results
                .iter()
                .filter(|r| *r.level == Level::Effect)
                .map(|r| r.id.as_str())
                .collect();
            let n = p
                .indicators
                .iter()
                .filter(|i| effects.contains(i.result.as_str()) && !i.values.is_empty())
                .count();
            (n > 0, msg!("finding_effect_indicator", n = n))
        }
        RuleKey::NegativeEffects => {
            let present = p
                .negative_effects
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty());
            (
                present,
                Msg::new(if present {
                    "finding_negative_effects"
                } else {
                    "finding_negative_effects_none"
                }),
            )
        }
    };
    Finding {
        key: req.key,
        met,
        detail,
    }
}

/// The findings of every rule of every level of one dimension, lowest
/// level first, with the highest level they support.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionAssessment {
    pub dimension: String,
    /// (level id, findings of that level's own rules)
    pub levels: Vec<(String, Vec<Finding>)>,
    /// Index into the scheme's levels of the highest supported level.
    pub supported: usize,
}

pub fn assess(scheme: &Scheme, dimension: &str, p: &Practice) -> DimensionAssessment {
    let mut levels = Vec::new();
    let mut supported = 0;
    let mut all_met_so_far = true;
    for (rank, level) in scheme.levels.iter().enumerate() {
        let findings: Vec<Finding> = scheme
            .rules
            .iter()
            .filter(|r| r.dimension.as_str() == dimension && r.level.as_str() == level.id.as_str())
            .flat_map(|r| r.requires.iter().map(|req| evaluate(req, p)))
            .collect();
        all_met_so_far &= findings.iter().all(|f| f.met);
        if all_met_so_far {
            supported = rank;
        }
        levels.push((level.id.to_string(), findings));
    }
    DimensionAssessment {
        dimension: dimension.to_owned(),
        levels,
        supported,
    }
}

/// Rules name existing dimensions and levels.
pub fn check_scheme(c: &mut Checker) {
    let Some((file, s)) = &c.reg.scheme else {
        // A scheme file that is there but did not decode (or whose
        // dimensions or levels did not) has its own errors.
        let there = c.reg.root.join("content/evidence.yaml").is_file();
        if !there && c.reg.practices.values().any(|p| p.model.evidence.is_some()) {
            let f = c
                .reg
                .practices
                .values()
                .find(|p| p.model.evidence.is_some())
                .map(|p| p.file.clone())
                .unwrap_or_default();
            c.error(
                EVIDENCE_CLAIM,
                &f,
                crate::syntax::diag::Span::new(1, 1),
                Msg::new("V118_no_scheme"),
                Msg::new("V118_no_scheme_hint"),
            );
        }
        return;
    };
    let dims = s.dimension_ids();
    let levels = s.level_ids();
    if s.levels.is_empty() {
        c.error(
            EMPTY_LIST,
            file,
            s.levels.span,
            msg!("V117_empty", what = "levels"),
            None,
        );
    }
    if s.dimensions.is_empty() {
        c.error(
            EMPTY_LIST,
            file,
            s.dimensions.span,
            msg!("V117_empty", what = "dimensions"),
            None,
        );
    }
    for r in &s.rules {
        if !dims.contains(&r.dimension.as_str()) {
            c.error(
                SCHEME,
                file,
                r.dimension.span,
                msg!("V127_no_dimension", id = r.dimension.as_str()),
                suggestion(r.dimension.as_str(), &dims),
            );
        }
        if !levels.contains(&r.level.as_str()) {
            c.error(
                SCHEME,
                file,
                r.level.span,
                msg!("V127_no_level", id = r.level.as_str()),
                suggestion(r.level.as_str(), &levels),
            );
        } else if levels.first() == Some(&r.level.as_str()) && !r.requires.is_empty() {
            c.warning(
                SCHEME,
                file,
                r.level.span,
                msg!("V127_lowest_level", level = r.level.as_str()),
                Msg::new("V127_lowest_level_hint"),
            );
        }
    }
    review_interval_out_of_range(c, file, s);
    check_crosswalk(c, file, s);
    check_cost_bands(c, file, s);
}

/// Crosswalk conditions name this scheme's dimensions and levels.
fn check_crosswalk(c: &mut Checker, file: &str, s: &Scheme) {
    let dims = s.dimension_ids();
    let levels = s.level_ids();
    for cw in &s.crosswalk {
        for rule in &cw.map {
            if rule.when.0.is_empty() {
                c.error(
                    CROSSWALK,
                    file,
                    cw.scale.id.span,
                    msg!("V132_empty_when", scale = cw.scale.id.value.to_string()),
                    Msg::new("V132_empty_when_hint"),
                );
            }
            for (dim, level) in &rule.when.0 {
                if !dims.contains(&dim.value.as_str()) {
                    c.error(
                        CROSSWALK,
                        file,
                        dim.span,
                        msg!("V132_no_dimension", id = dim.value.to_string()),
                        suggestion(&dim.value, &dims),
                    );
                }
                if !levels.contains(&level.as_str()) {
                    c.error(
                        CROSSWALK,
                        file,
                        level.span,
                        msg!("V132_no_level", id = level.as_str()),
                        suggestion(level.as_str(), &levels),
                    );
                }
            }
        }
    }
}

/// Cost bands are four ascending positive upper bounds.
fn check_cost_bands(c: &mut Checker, file: &str, s: &Scheme) {
    let Some(b) = &s.cost_bands else { return };
    if b.bands.value.len() != COST_BOUNDS {
        c.error(
            COST_BANDS,
            file,
            b.bands.span,
            msg!(
                "V133_bound_count",
                n = b.bands.value.len(),
                need = COST_BOUNDS
            ),
            Msg::new("V133_bound_count_hint"),
        );
    }
    let mut prev: Option<f64> = None;
    for bound in &b.bands.value {
        if !bound.value.is_finite() || bound.value <= 0.0 || prev.is_some_and(|p| bound.value <= p)
        {
            c.error(
                COST_BANDS,
                file,
                bound.span,
                msg!("V133_not_ascending", value = bound.value),
                Msg::new("V133_not_ascending_hint"),
            );
        }
        prev = Some(bound.value);
    }
}

/// A practice whose latest costs per unit are in another currency than
/// the cost bands' has no band (warning).
pub fn check_cost_currency(c: &mut Checker, doc: &Doc<Practice>) {
    let Some((_, s)) = &c.reg.scheme else { return };
    if doc.model.is_broken("result_costs") {
        return;
    }
    let Some(bands) = &s.cost_bands else { return };
    if let BandedCost::OtherCurrency { year, currency } = bands.of(&doc.model) {
        let span = doc
            .model
            .result_costs
            .iter()
            .find(|r| r.year.value.0 == year)
            .map_or(crate::syntax::diag::Span::new(1, 1), |r| r.year.span);
        let want = bands.currency.clone();
        c.warning(
            COST_BANDS,
            &doc.file,
            span,
            msg!(
                "V133_currency",
                year = year.to_string(),
                currency = currency.to_string(),
                want = want.to_string()
            ),
            msg!(
                "V133_currency_hint",
                year = year.to_string(),
                want = want.to_string()
            ),
        );
    }
}

/// `review_interval_months` is a whole number of months from 1 to 120.
fn review_interval_out_of_range(c: &mut Checker, file: &str, s: &Scheme) {
    use crate::model::evidence::{DEFAULT_REVIEW_INTERVAL, MAX_REVIEW_INTERVAL};
    if let Some(m) = &s.review_interval_months
        && !(1..=MAX_REVIEW_INTERVAL).contains(&m.value)
    {
        c.error(
            REVIEW_INTERVAL,
            file,
            m.span,
            msg!(
                "V130_out_of_range",
                value = m.value,
                max = MAX_REVIEW_INTERVAL
            ),
            msg!("V130_out_of_range_hint", default = DEFAULT_REVIEW_INTERVAL),
        );
    }
}

/// Claimed levels exist, and the rules support them (warning if not).
/// The fields the evidence rules count: while one of them did not decode,
/// what the practice's data supports is not known.
const ASSESSED: &[&str] = &[
    "indicators",
    "monitoring",
    "justification",
    "documents",
    "long_term",
    "result_costs",
    "results",
    "negative_effects",
    "evidence",
];

pub fn check_claims(c: &mut Checker, doc: &Doc<Practice>) {
    let Some(claims) = &doc.model.evidence else {
        return;
    };
    if ASSESSED.iter().any(|k| doc.model.is_broken(k)) {
        return;
    }
    let Some((_, s)) = &c.reg.scheme else { return };
    let f = doc.file.as_str();
    let dims = s.dimension_ids();
    let levels = s.level_ids();
    for (dim, level) in claims.iter() {
        if !s.has_dimension(dim) {
            c.error(
                EVIDENCE_CLAIM,
                f,
                dim.span,
                msg!("V118_not_dimension", dim = dim.to_string()),
                suggestion(dim, &dims),
            );
            continue;
        }
        let Some(rank) = s.level_rank(level.as_str()) else {
            c.error(
                EVIDENCE_CLAIM,
                f,
                level.span,
                msg!("V118_not_level", level = level.value.to_string()),
                suggestion(level.as_str(), &levels),
            );
            continue;
        };
        let a = assess(s, dim, &doc.model);
        if rank > a.supported {
            let unmet: Vec<Msg> = a.levels[..=rank]
                .iter()
                .flat_map(|(lvl, fs)| {
                    fs.iter().filter(|x| !x.met).map(move |x| {
                        msg!(
                            "V119_unmet_item",
                            level = lvl,
                            key = x.key.name(),
                            detail = x.detail.clone()
                        )
                    })
                })
                .collect();
            c.warning(
                EVIDENCE_UNSUPPORTED,
                f,
                level.span,
                msg!(
                    "V119_unsupported",
                    level = level.value.to_string(),
                    dim = dim.to_string(),
                    supported = levels[a.supported]
                ),
                Msg::list("V119_unsupported_hint", "unmet", unmet),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::{Param, Requirement, RuleKey};
    use crate::syntax::decode::{Cx, Decode};

    const BASE: &str = "title: t\norganization: o\nsummary: s\nstatus: active\nstarted: 2015\nupdated: 2024-01-01\nthematic_area: x\n\
target_groups: [{id: g, name: n, problems: [{id: p, text: t}]}]\n\
activities: [{id: a, name: n, addresses: [p]}]\n\
results: [{id: r1, text: t, level: output, from: [a]}, {id: e, text: t, level: effect, from: [r1]}]\n";

    fn practice(extra: &str) -> Practice {
        let src = format!("{BASE}{extra}");
        let node = crate::syntax::yaml::parse(&src, 1).unwrap();
        let mut d = Vec::new();
        let p = Practice::decode(&node, &mut Cx::new("f", &mut d));
        assert!(d.is_empty(), "{d:#?}");
        p.unwrap()
    }

    fn req(key: RuleKey, param: Param) -> Requirement {
        Requirement {
            key,
            param,
            span: Default::default(),
        }
    }

    fn met(key: RuleKey, param: Param, extra: &str) -> (bool, String) {
        let f = evaluate(&req(key, param), &practice(extra));
        (f.met, f.text(Lang::En))
    }

    #[test]
    fn findings_in_russian() {
        let docs = "documents: [{title: a, url: \"https://a.org\"}, {title: b, url: \"https://b.org\"}, {title: c, url: \"https://c.org\"}]\n";
        let f = evaluate(&req(RuleKey::Documents, Param::Count(1)), &practice(docs));
        assert_eq!(f.text(Lang::Ru), "3 документа при требуемом 1");
        assert_eq!(f.text(Lang::En), "3 documents (needs 1)");
        assert_eq!((f.count("have"), f.count("need")), (Some(3), Some(1)));
        let f = evaluate(
            &req(RuleKey::IndicatorMethods, Param::All),
            &practice(TWO_INDICATORS),
        );
        assert_eq!(f.text(Lang::Ru), "методы указаны для 2 из 3 показателей");
    }

    const TWO_INDICATORS: &str = "indicators:\n  - {id: i1, result: e, name: n, method: m, values: [{year: 2019, value: 1}, {year: 2020, value: 2}, {year: 2021, value: 3}]}\n  - {id: i2, result: r1, name: n, values: [{year: 2021, value: 1}, {year: 2021, value: 2}]}\n  - {id: i3, result: r1, name: n, method: m, not_measured: expert}\n";

    #[test]
    fn indicator_years_counts_distinct_years_of_measured_indicators() {
        use RuleKey::IndicatorYears as K;
        assert_eq!(
            met(K, Param::Count(1), TWO_INDICATORS),
            (
                true,
                "1 or more years of data for 2 of 2 indicators with values".into()
            )
        );
        // i2 has two values but one distinct year
        assert_eq!(
            met(K, Param::Count(2), TWO_INDICATORS),
            (
                false,
                "2 or more years of data for 1 of 2 indicators with values".into()
            )
        );
        assert!(!met(K, Param::Count(1), "").0, "no data is not evidence");
    }

    #[test]
    fn indicator_methods_all_or_count() {
        use RuleKey::IndicatorMethods as K;
        assert_eq!(
            met(K, Param::All, TWO_INDICATORS),
            (false, "methods given for 2 of 3 indicators".into())
        );
        assert!(met(K, Param::Count(2), TWO_INDICATORS).0);
        assert!(!met(K, Param::Count(3), TWO_INDICATORS).0);
        assert!(!met(K, Param::All, "").0);
    }

    #[test]
    fn counted_keys_at_the_edge() {
        let docs =
            "documents: [{title: a, url: \"https://a.org\"}, {title: b, url: \"https://b.org\"}]\n";
        assert_eq!(
            met(RuleKey::Documents, Param::Count(2), docs),
            (true, "2 documents (needs 2)".into())
        );
        assert_eq!(
            met(RuleKey::Documents, Param::Count(3), docs),
            (false, "2 documents (needs 3)".into())
        );
        let refs = "justification: {references: [{title: a}]}\n";
        assert!(met(RuleKey::References, Param::Count(1), refs).0);
        assert!(!met(RuleKey::References, Param::Count(1), "").0);
        let mon = "monitoring: [{tool: a}, {tool: b}]\n";
        assert!(met(RuleKey::MonitoringTools, Param::Count(2), mon).0);
        assert!(!met(RuleKey::MonitoringTools, Param::Count(3), mon).0);
        let lt = "long_term: [{result: e, text: t}]\n";
        assert!(met(RuleKey::LongTerm, Param::Count(1), lt).0);
        assert!(!met(RuleKey::LongTerm, Param::Count(1), "").0);
        let rc =
            "result_costs: [{result: e, year: 2020, expenses: 100, currency: RUB, families: 4}]\n";
        assert!(met(RuleKey::ResultCosts, Param::Count(1), rc).0);
        assert!(!met(RuleKey::ResultCosts, Param::Count(2), rc).0);
    }

    #[test]
    fn yes_no_keys() {
        let ext = |e: &str| {
            met(
                RuleKey::ExternalEvaluation,
                Param::All,
                &format!("justification: {{external_evaluation: {e}}}\n"),
            )
        };
        let done = "{status: done, by: Nazarbayev University, year: 2019, report: {url: https://nu.edu.kz/r.pdf}}";
        assert_eq!(
            ext(done),
            (
                true,
                "an external evaluation done in 2019 by Nazarbayev University, with its report"
                    .into()
            )
        );
        assert!(ext("{status: done, by: U, year: 2019, report: {file: r.pdf}}").0);
        // Done but missing who, when or where to read it: not met.
        assert!(!ext("{status: done, by: U, year: 2019}").0);
        assert!(!ext("{status: done, year: 2019, report: {file: r.pdf}}").0);
        assert!(!ext("{status: done, by: \" \", year: 2019, report: {file: r.pdf}}").0);
        assert!(!ext("{status: done, by: U, report: {file: r.pdf}}").0);
        assert!(!ext("{status: done, by: U, year: 2019, report: {}}").0);
        // No wording of a note can meet the rule: only the status can.
        for note in [
            "Оценка проведена университетом",
            "Внешней оценки не проводилось",
            "done",
        ] {
            let e = format!(
                "{{status: none, note: \"{note}\", by: U, year: 2019, report: {{file: r.pdf}}}}"
            );
            assert_eq!(ext(&e), (false, "no external evaluation done".into()));
            let e = format!("{{status: planned, note: \"{note}\"}}");
            assert!(!ext(&e).0);
        }
        assert!(!met(RuleKey::ExternalEvaluation, Param::All, "").0);
        assert!(met(RuleKey::EffectIndicator, Param::All, TWO_INDICATORS).0);
        assert!(
            !met(
                RuleKey::EffectIndicator,
                Param::All,
                "indicators: [{id: i, result: r1, name: n, values: [{year: 2020, value: 1}]}]\n"
            )
            .0
        );
        assert!(
            met(
                RuleKey::NegativeEffects,
                Param::All,
                "negative_effects: \"none observed; checked in exit interviews\"\n"
            )
            .0
        );
        assert!(
            !met(
                RuleKey::NegativeEffects,
                Param::All,
                "negative_effects: \"  \"\n"
            )
            .0
        );
    }

    fn scheme(rules: &str) -> Scheme {
        let src = format!(
            "dimensions: [{{id: results, label: R}}]\nlevels: [{{id: initial, label: I}}, {{id: basic, label: B}}, {{id: advanced, label: A}}]\nrules:\n{rules}"
        );
        let node = crate::syntax::yaml::parse(&src, 1).unwrap();
        let mut d = Vec::new();
        let s = Scheme::decode(&node, &mut Cx::new("f", &mut d));
        assert!(d.is_empty(), "{d:#?}");
        s.unwrap()
    }

    #[test]
    fn levels_are_cumulative() {
        let s = scheme(
            "  - {dimension: results, level: basic, requires: {indicator_years: 1}}\n  - {dimension: results, level: advanced, requires: {indicator_years: 3}}\n",
        );
        let p = practice(
            "indicators: [{id: i, result: e, name: n, values: [{year: 2019, value: 1}, {year: 2020, value: 1}, {year: 2021, value: 1}]}]\n",
        );
        assert_eq!(assess(&s, "results", &p).supported, 2);
        let p = practice(
            "indicators: [{id: i, result: e, name: n, values: [{year: 2021, value: 1}]}]\n",
        );
        assert_eq!(assess(&s, "results", &p).supported, 1);
        // advanced's own rule met but basic's not: advanced is not supported
        let s = scheme(
            "  - {dimension: results, level: basic, requires: {documents: 1}}\n  - {dimension: results, level: advanced, requires: {indicator_years: 1}}\n",
        );
        assert_eq!(assess(&s, "results", &p).supported, 0);
    }

    #[test]
    fn bad_parameters_are_located_errors() {
        let src = "dimensions: [{id: results, label: R}]\nlevels: [{id: i, label: I}]\nrules:\n  - {dimension: results, level: i, requires: {indicator_years: all, documents: 0, external_evaluation: false, indicator_methods: some, documents2: 1}}\n";
        let node = crate::syntax::yaml::parse(src, 1).unwrap();
        let mut d = Vec::new();
        let _ = Scheme::decode(&node, &mut Cx::new("f", &mut d));
        let got: Vec<(u32, String)> = d.iter().map(|d| (d.column, d.text())).collect();
        assert_eq!(d.len(), 5, "{got:#?}");
        assert!(d.iter().all(|x| x.code == "D013" && x.line == 4));
        assert_eq!(
            d[4].hint_in(Lang::En).as_deref(),
            Some("did you mean `documents`?")
        );
    }
}
