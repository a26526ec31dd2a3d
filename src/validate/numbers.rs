//! Numbers and dates: shares within their denominators, percentages within
//! 0..100, plausible years, budgets that add up, the summary's length.

use super::Checker;
use super::codes::*;
use crate::l10n::Msg;
use crate::model::Doc;
use crate::model::common::{Spanned, Year};
use crate::model::practice::{Practice, Unit};
use crate::msg;
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
            msg!("V116_too_long", n = n, max = SUMMARY_MAX),
            Msg::new("V116_too_long_hint"),
        );
    }
}

/// A year as it is written (never grouped).
fn year(y: Year) -> String {
    y.0.to_string()
}

fn indicator_values(c: &mut Checker, f: &str, p: &Practice) {
    for ind in &p.indicators {
        if let (Some(nm), false) = (&ind.not_measured, ind.values.is_empty()) {
            c.error(
                NOT_MEASURED_WITH_VALUES,
                f,
                nm.span,
                msg!("V125_both", id = ind.id.value.as_str()),
                Msg::new("V125_both_hint"),
            );
        }
        let mut seen: BTreeMap<Year, &Spanned<Year>> = BTreeMap::new();
        for v in &ind.values {
            if let Some(first) = seen.insert(v.year.value, &v.year) {
                c.error(
                    DUPLICATE_YEAR,
                    f,
                    v.year.span,
                    msg!(
                        "V124_two_values",
                        id = ind.id.value.as_str(),
                        year = year(v.year.value)
                    ),
                    msg!("V124_two_values_hint", line = first.span.line),
                );
            }
            if *v.value < 0.0 {
                c.error(
                    SHARE_RANGE,
                    f,
                    v.value.span,
                    msg!("V109_negative", value = *v.value),
                    None,
                );
            }
            if let Some(of) = &v.of
                && **of < *v.value
            {
                c.error(
                    SHARE_RANGE,
                    f,
                    v.value.span,
                    msg!("V109_above_of", value = *v.value, of = **of),
                    Msg::new("V109_above_of_hint"),
                );
            }
            if ind.unit() == Unit::Percent && !(0.0..=100.0).contains(&*v.value) {
                c.error(
                    PERCENT_RANGE,
                    f,
                    v.value.span,
                    msg!("V110_not_percent", value = *v.value),
                    Msg::new("V110_not_percent_hint"),
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
                msg!("V110_target_not_percent", value = *t.value),
                None,
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
            msg!("V111_started_future", year = year(started)),
            None,
        );
    }
    if let Some(d) = &p.described
        && d.value < started
    {
        c.warning(
            DATES,
            f,
            d.span,
            msg!(
                "V128_described_before",
                described = year(d.value),
                started = year(started)
            ),
            None,
        );
    }
    if *p.updated > c.today {
        c.warning(
            DATES,
            f,
            p.updated.span,
            msg!("V128_updated_future", date = p.updated.value.to_string()),
            None,
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
                msg!("V111_year_future", year = year(y.value)),
                Msg::new("V111_year_future_hint"),
            );
        } else if y.value < started {
            c.warning(
                YEAR_BEFORE_START,
                f,
                y.span,
                msg!(
                    "V112_before_start",
                    year = year(y.value),
                    started = year(started)
                ),
                Msg::new("V112_before_start_hint"),
            );
        }
    }
}

fn budgets(c: &mut Checker, f: &str, p: &Practice) {
    let Some(r) = &p.resources else { return };
    for b in &r.budget {
        // An amount or a total that did not decode cannot be summed.
        if b.items.is_empty() || b.is_broken("items") || b.total.is_broken() {
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
                msg!(
                    "V113_mismatch",
                    year = year(b.year.value),
                    sum = sum,
                    total = total,
                    currency = b.currency.to_string(),
                    apart = crate::l10n::Arg::Fixed(
                        if total != 0.0 {
                            off / total.abs() * 100.0
                        } else {
                            100.0
                        },
                        1
                    )
                ),
                Msg::new("V113_mismatch_hint"),
            );
        }
    }
}
