//! Numbers and dates: shares within their denominators, percentages within
//! 0..100, plausible years, budgets that add up, the summary's length.

use super::Checker;
use super::codes::*;
use crate::model::Doc;
use crate::model::common::{Spanned, Year};
use crate::model::practice::{Practice, Unit};
use std::collections::BTreeMap;

pub const SUMMARY_MAX: usize = 600;
/// Budget items may differ from the total by this share before a warning.
pub const BUDGET_TOLERANCE: f64 = 0.01;

pub fn check(c: &mut Checker, doc: &Doc<Practice>) {
    let p = &doc.model;
    let f = doc.file.as_str();
    summary_length(c, f, p);
    indicator_values(c, f, p);
    years(c, f, p);
    budgets(c, f, p);
}

fn summary_length(c: &mut Checker, f: &str, p: &Practice) {
    let n = p.summary.chars().count();
    if n > SUMMARY_MAX {
        c.error(
            SUMMARY_LENGTH,
            f,
            p.summary.span,
            format!("the summary is {n} characters long; at most {SUMMARY_MAX} are allowed"),
            "keep the summary to what a donor reads on a card; the details go into the text below the front matter",
        );
    }
}

fn fmt(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn indicator_values(c: &mut Checker, f: &str, p: &Practice) {
    for ind in &p.indicators {
        if let (Some(nm), false) = (&ind.not_measured, ind.values.is_empty()) {
            c.error(
                NOT_MEASURED_WITH_VALUES,
                f,
                nm.span,
                format!("the indicator `{}` has values and is also marked `not_measured`", ind.id.value),
                "keep `values` if it is measured, or `not_measured` if it is judged by an expert only",
            );
        }
        let mut seen: BTreeMap<Year, &Spanned<Year>> = BTreeMap::new();
        for v in &ind.values {
            if let Some(first) = seen.insert(v.year.value, &v.year) {
                c.error(
                    DUPLICATE_YEAR,
                    f,
                    v.year.span,
                    format!(
                        "the indicator `{}` has two values for {}",
                        ind.id.value, v.year.value.0
                    ),
                    format!("the first is on line {}", first.span.line),
                );
            }
            if *v.value < 0.0 {
                c.error(
                    SHARE_RANGE,
                    f,
                    v.value.span,
                    format!("the value {} is negative", fmt(*v.value)),
                    "",
                );
            }
            if let Some(of) = &v.of
                && **of < *v.value
            {
                c.error(
                    SHARE_RANGE,
                    f,
                    v.value.span,
                    format!(
                        "the value {} is larger than its `of` {}",
                        fmt(*v.value),
                        fmt(**of)
                    ),
                    "`of` is the denominator: the value counts some of them (26 of 32 families)",
                );
            }
            if ind.unit() == Unit::Percent && !(0.0..=100.0).contains(&*v.value) {
                c.error(
                    PERCENT_RANGE,
                    f,
                    v.value.span,
                    format!("{} is not a percentage between 0 and 100", fmt(*v.value)),
                    "for counts, use `unit: count` (and `of:` for the denominator)",
                );
            }
        }
        if let Some(t) = &ind.target
            && ind.unit() == Unit::Percent
            && !(0.0..=100.0).contains(&*t.value)
        {
            c.error(
                PERCENT_RANGE,
                f,
                t.value.span,
                format!(
                    "the target {} is not a percentage between 0 and 100",
                    fmt(*t.value)
                ),
                "",
            );
        }
    }
}

/// Data years must not be in the future nor before the practice started.
/// Targets are planned, so they may lie in the future.
fn years(c: &mut Checker, f: &str, p: &Practice) {
    let started = p.started.value;
    let this_year = Year(c.today.year);
    if started > this_year {
        c.warning(
            YEAR_IN_FUTURE,
            f,
            p.started.span,
            format!("`started` {} is in the future", started.0),
            "",
        );
    }
    if let Some(d) = &p.described
        && d.value < started
    {
        c.warning(
            DATES,
            f,
            d.span,
            format!(
                "`described` {} is before `started` {}",
                d.value.0, started.0
            ),
            "",
        );
    }
    if *p.updated > c.today {
        c.warning(
            DATES,
            f,
            p.updated.span,
            format!("`updated` {} is in the future", p.updated.value),
            "",
        );
    }
    let mut data_years: Vec<&Spanned<Year>> = Vec::new();
    data_years.extend(
        p.indicators
            .iter()
            .flat_map(|i| i.values.iter().map(|v| &v.year)),
    );
    data_years.extend(p.served.iter().map(|s| &s.year));
    data_years.extend(p.result_costs.iter().map(|s| &s.year));
    if let Some(r) = &p.resources {
        data_years.extend(r.budget.iter().map(|b| &b.year));
    }
    for y in data_years {
        if y.value > this_year {
            c.warning(
                YEAR_IN_FUTURE,
                f,
                y.span,
                format!("{} is in the future", y.value.0),
                "data can only be reported for years that have begun; plans go into an indicator's `target`",
            );
        } else if y.value < started {
            c.warning(
                YEAR_BEFORE_START,
                f,
                y.span,
                format!(
                    "{} is before the practice started ({})",
                    y.value.0, started.0
                ),
                "check the year, or `started:`",
            );
        }
    }
}

fn budgets(c: &mut Checker, f: &str, p: &Practice) {
    let Some(r) = &p.resources else { return };
    for b in &r.budget {
        if b.items.is_empty() {
            continue;
        }
        let sum: f64 = b.items.iter().map(|i| i.amount).sum();
        let total = *b.total;
        let off = (sum - total).abs();
        if off > total.abs() * BUDGET_TOLERANCE {
            c.warning(
                BUDGET_MISMATCH,
                f,
                b.total.span,
                format!(
                    "the {} budget items add up to {} {}, but the total is {} {} ({:.1}% apart)",
                    b.year.value.0,
                    fmt(sum),
                    b.currency,
                    fmt(total),
                    b.currency,
                    if total != 0.0 {
                        off / total.abs() * 100.0
                    } else {
                        100.0
                    }
                ),
                "correct an amount or the total, or add the missing item",
            );
        }
    }
}
