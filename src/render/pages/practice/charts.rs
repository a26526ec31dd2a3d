//! The charts of a practice page: one per indicator, the budget of each
//! year, people served, the cost of a result. All are horizontal charts
//! ([`hbars`]) that fit their box at any width; each bar is named by what
//! it counts (a year, a budget item, a result), and a year with no data is
//! a visible gap.

use crate::model::practice::{Indicator, Practice, Unit};
use crate::render::charts::{Bar, HChart, Row, hbars, share_scale};
use crate::render::format::{currency_symbol, percent, percent_label};
use crate::render::lang::Lx;

fn chart(lx: &Lx, id: &str, series: Vec<String>, rows: Vec<Row>) -> HChart {
    HChart {
        id: id.to_owned(),
        series,
        rows,
        max: None,
        target: None,
        caption: String::new(),
        scale_word: lx.t("chart_scale"),
        unit: String::new(),
        lang: lx.lang.to_owned(),
    }
}

/// Years from the first to the last, each once: the rows of a chart over
/// time, so that a missing year shows as a gap.
fn year_span(years: impl Iterator<Item = i32>) -> Vec<i32> {
    let years: Vec<i32> = years.collect();
    match (years.iter().min(), years.iter().max()) {
        // A span longer than a lifetime is a typo, not a chart: show the
        // years given.
        (Some(a), Some(b)) if b - a <= 60 => (*a..=*b).collect(),
        _ => {
            let mut y = years;
            y.sort_unstable();
            y.dedup();
            y
        }
    }
}

/// The chart of one indicator's values over the years: shares (value/of)
/// as percentages labelled with the counts, or the values in their unit.
pub fn indicator_chart(lx: &Lx, i: &Indicator, n: usize) -> Option<String> {
    if i.values.is_empty() {
        return None;
    }
    let shares = i
        .values
        .iter()
        .all(|v| v.of.as_ref().is_some_and(|o| o.value > 0.0));
    let percent_unit = shares || i.unit() == Unit::Percent;
    let point = |v: &crate::model::practice::Value| -> (Option<f64>, String) {
        if shares {
            let p = v.of.as_ref().and_then(|o| percent(v.value.value, o.value));
            let text = format!(
                "{} ({} / {})",
                p.map(|p| percent_label(p, lx.lang)).unwrap_or_default(),
                lx.num(v.value.value),
                v.of.as_ref().map(|o| lx.num(o.value)).unwrap_or_default()
            );
            (p, text)
        } else if i.unit() == Unit::Percent {
            (Some(v.value.value), percent_label(v.value.value, lx.lang))
        } else {
            (Some(v.value.value), lx.num(v.value.value))
        }
    };
    let rows: Vec<Row> = year_span(i.values.iter().map(|v| v.year.value.0))
        .into_iter()
        .map(|year| {
            let bar = match i.values.iter().find(|v| v.year.value.0 == year) {
                Some(v) => {
                    let (value, text) = point(v);
                    Bar { value, text }
                }
                None => Bar {
                    value: None,
                    text: lx.t("no_data"),
                },
            };
            Row {
                label: year.to_string(),
                bars: vec![bar],
            }
        })
        .collect();
    // A target is on the values' own scale: it is drawn only where the
    // chart is on that scale (counts against counts, % against %).
    let target = i
        .target
        .as_ref()
        .filter(|_| !shares || i.unit() == Unit::Percent)
        .map(|t| {
            let value = if i.unit() == Unit::Percent {
                percent_label(t.value.value, lx.lang)
            } else {
                lx.num(t.value.value)
            };
            (
                t.value.value,
                format!("{} {}: {value}", lx.t("target"), t.year.value.0),
            )
        });
    let mut c = chart(lx, &format!("chart-i{n}"), vec![i.name.clone()], rows);
    if percent_unit {
        let values = c
            .rows
            .iter()
            .filter_map(|r| r.bars[0].value)
            .chain(target.as_ref().map(|t| t.0));
        c.max = Some(share_scale(values));
        c.unit = "%".into();
    }
    c.target = target;
    hbars(&c)
}

/// The budget of each year by item, each bar named by its item.
pub fn budget_charts(lx: &Lx, p: &Practice) -> Vec<Option<String>> {
    let Some(r) = &p.resources else {
        return Vec::new();
    };
    r.budget
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let rows = b
                .items
                .iter()
                .map(|it| {
                    let share = percent(it.amount, b.total.value)
                        .map(|s| format!(" ({})", percent_label(s, lx.lang)))
                        .unwrap_or_default();
                    Row {
                        label: it.name.clone(),
                        bars: vec![Bar {
                            value: Some(it.amount),
                            text: format!("{}{share}", lx.money(it.amount, &b.currency)),
                        }],
                    }
                })
                .collect();
            let mut c = chart(lx, &format!("chart-b{n}"), vec![lx.t("amount")], rows);
            c.unit = currency_symbol(&b.currency, lx.lang).to_owned();
            hbars(&c)
        })
        .collect()
}

/// Reads one kind of count from a people-served row.
type ServedCount = fn(&crate::model::practice::Served) -> Option<f64>;

/// People served per year, one bar per kind of beneficiary recorded.
pub fn served_chart(lx: &Lx, p: &Practice) -> Option<String> {
    if p.served.is_empty() {
        return None;
    }
    let kinds: [(&str, ServedCount); 3] = [
        ("families", |s| s.families),
        ("children", |s| s.children),
        ("adults", |s| s.adults),
    ];
    let kinds: Vec<&(&str, ServedCount)> = kinds
        .iter()
        .filter(|(_, get)| p.served.iter().any(|s| get(s).is_some()))
        .collect();
    let rows = year_span(p.served.iter().map(|s| s.year.value.0))
        .into_iter()
        .map(|year| {
            let row = p.served.iter().find(|s| s.year.value.0 == year);
            Row {
                label: year.to_string(),
                bars: kinds
                    .iter()
                    .map(|(_, get)| match row.and_then(get) {
                        Some(v) => Bar {
                            value: Some(v),
                            text: lx.num(v),
                        },
                        None => Bar {
                            value: None,
                            text: lx.t("no_data"),
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    let series = kinds.iter().map(|(k, _)| lx.t(k)).collect();
    hbars(&chart(lx, "chart-served", series, rows))
}

/// The cost of a social result per family and per child, by year and
/// result: each row is named by the result and year it counts.
pub fn cost_chart(lx: &Lx, p: &Practice) -> Option<String> {
    if p.result_costs.is_empty() {
        return None;
    }
    let mut costs: Vec<&crate::model::practice::ResultCost> = p.result_costs.iter().collect();
    costs.sort_by(|a, b| (a.year.value, &a.result.value).cmp(&(b.year.value, &b.result.value)));
    let result_text = |id: &crate::model::common::Id| {
        p.result(id)
            .map_or_else(|| id.to_string(), |r| r.text.clone())
    };
    let money = |v: Option<f64>, currency: &str| match v {
        Some(v) => Bar {
            value: Some(v),
            text: super::build::whole_money(lx, v, currency),
        },
        None => Bar {
            value: None,
            text: "—".into(),
        },
    };
    let rows = costs
        .iter()
        .map(|r| Row {
            label: format!("{} · {}", r.year.value.0, result_text(&r.result.value)),
            bars: vec![
                money(r.per_family(), &r.currency),
                money(r.per_child(), &r.currency),
            ],
        })
        .collect();
    let mut c = chart(
        lx,
        "chart-costs",
        vec![lx.t("per_family"), lx.t("per_child")],
        rows,
    );
    c.unit = currency_symbol(&costs[0].currency, lx.lang).to_owned();
    hbars(&c)
}
