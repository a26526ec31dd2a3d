//! The charts of a practice page: one per indicator, the budget of each
//! year, people served, the cost of a result.

use crate::model::practice::Practice;
use crate::render::charts::{BarChart, Series, bars};
use crate::render::format::{currency_symbol, number, percent, percent_label};
use crate::render::lang::Lx;

/// The chart of one indicator's values over the years: shares (value/of)
/// as percentages labelled with the counts, or the values in their unit.
pub fn indicator_chart(lx: &Lx, i: &crate::model::practice::Indicator, n: usize) -> Option<String> {
    use crate::model::practice::Unit;
    if i.values.is_empty() {
        return None;
    }
    let mut values: Vec<&crate::model::practice::Value> = i.values.iter().collect();
    values.sort_by_key(|v| v.year.value);
    let shares = values
        .iter()
        .all(|v| v.of.as_ref().is_some_and(|o| o.value > 0.0));
    let (points, labels, y_desc, y_max): (Vec<Option<f64>>, Vec<String>, String, Option<f64>) =
        if shares {
            let pts: Vec<Option<f64>> = values
                .iter()
                .map(|v| v.of.as_ref().and_then(|o| percent(v.value.value, o.value)))
                .collect();
            let labels = values
                .iter()
                .zip(&pts)
                .map(|(v, p)| {
                    format!(
                        "{} ({} / {})",
                        p.map(|p| percent_label(p, lx.lang)).unwrap_or_default(),
                        lx.num(v.value.value),
                        v.of.as_ref().map(|o| lx.num(o.value)).unwrap_or_default()
                    )
                })
                .collect();
            (pts, labels, lx.t("share_axis"), Some(100.0))
        } else {
            let pts = values.iter().map(|v| Some(v.value.value)).collect();
            let labels = values
                .iter()
                .map(|v| {
                    if i.unit() == Unit::Percent {
                        percent_label(v.value.value, lx.lang)
                    } else {
                        lx.num(v.value.value)
                    }
                })
                .collect();
            let max = if i.unit() == Unit::Percent {
                Some(100.0)
            } else {
                None
            };
            (
                pts,
                labels,
                lx.t(&format!("unit_{}", i.unit().as_str())),
                max,
            )
        };
    let target = i
        .target
        .as_ref()
        .filter(|_| !shares || i.unit() == Unit::Percent)
        .map(|t| {
            (
                t.value.value,
                format!(
                    "{} {}: {}",
                    lx.t("target"),
                    t.year.value.0,
                    lx.num(t.value.value)
                ),
            )
        });
    let alt = values
        .iter()
        .zip(&labels)
        .map(|(v, l)| format!("{}: {l}", v.year.value.0))
        .collect::<Vec<_>>()
        .join("; ");
    let title = format!(
        "{} ({})",
        i.name,
        lx.t(&format!("good_{}", i.good().as_str()))
    );
    bars(&BarChart {
        id: &format!("chart-i{n}"),
        title: &title,
        alt: &alt,
        categories: values.iter().map(|v| v.year.value.0.to_string()).collect(),
        series: vec![Series {
            name: i.name.clone(),
            values: points,
            labels,
        }],
        x_desc: &lx.t("year"),
        y_desc: &y_desc,
        y_max,
        target,
        lang: lx.lang,
    })
}

/// The budget of each year by item; items are numbered as in the table.
pub fn budget_charts(lx: &Lx, p: &Practice) -> Vec<Option<String>> {
    let Some(r) = &p.resources else {
        return Vec::new();
    };
    r.budget
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let labels: Vec<String> = b
                .items
                .iter()
                .map(|it| {
                    percent(it.amount, b.total.value)
                        .map(|s| percent_label(s, lx.lang))
                        .unwrap_or_default()
                })
                .collect();
            let alt = b
                .items
                .iter()
                .map(|it| format!("{}: {}", it.name, lx.money(it.amount, &b.currency)))
                .collect::<Vec<_>>()
                .join("; ");
            bars(&BarChart {
                id: &format!("chart-b{n}"),
                title: &format!("{} {}", lx.t("budget"), b.year.value.0),
                alt: &alt,
                categories: (1..=b.items.len()).map(|i| i.to_string()).collect(),
                series: vec![Series {
                    name: lx.t("amount"),
                    values: b.items.iter().map(|it| Some(it.amount)).collect(),
                    labels,
                }],
                x_desc: &lx.t("item_number"),
                y_desc: &format!(
                    "{}, {}",
                    lx.t("amount"),
                    currency_symbol(&b.currency, lx.lang)
                ),
                y_max: None,
                target: None,
                lang: lx.lang,
            })
        })
        .collect()
}

/// Reads one kind of count from a people-served row.
type ServedCount = fn(&crate::model::practice::Served) -> Option<f64>;

/// People served per year, one series per kind of beneficiary recorded.
pub fn served_chart(lx: &Lx, p: &Practice) -> Option<String> {
    if p.served.is_empty() {
        return None;
    }
    let mut rows: Vec<&crate::model::practice::Served> = p.served.iter().collect();
    rows.sort_by_key(|s| s.year.value);
    let kinds: [(&str, ServedCount); 3] = [
        ("families", |s| s.families),
        ("children", |s| s.children),
        ("adults", |s| s.adults),
    ];
    let series: Vec<Series> = kinds
        .iter()
        .filter(|(_, get)| rows.iter().any(|s| get(s).is_some()))
        .map(|(key, get)| Series {
            name: lx.t(key),
            values: rows.iter().map(|s| get(s)).collect(),
            labels: rows
                .iter()
                .map(|s| get(s).map(|v| lx.num(v)).unwrap_or_default())
                .collect(),
        })
        .collect();
    let alt = rows
        .iter()
        .map(|s| {
            let parts: Vec<String> = kinds
                .iter()
                .filter_map(|(k, get)| get(s).map(|v| format!("{} {}", lx.t(k), lx.num(v))))
                .collect();
            format!("{}: {}", s.year.value.0, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    bars(&BarChart {
        id: "chart-served",
        title: &lx.t("served"),
        alt: &alt,
        categories: rows.iter().map(|s| s.year.value.0.to_string()).collect(),
        series,
        x_desc: &lx.t("year"),
        y_desc: &lx.t("unit_count"),
        y_max: None,
        target: None,
        lang: lx.lang,
    })
}

/// The cost of a social result per family and per child, by year (and by
/// result where one year has several).
pub fn cost_chart(lx: &Lx, p: &Practice) -> Option<String> {
    if p.result_costs.is_empty() {
        return None;
    }
    let mut rows: Vec<&crate::model::practice::ResultCost> = p.result_costs.iter().collect();
    rows.sort_by(|a, b| (a.year.value, &a.result.value).cmp(&(b.year.value, &b.result.value)));
    let categories: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let same_year = rows.iter().filter(|x| x.year.value == r.year.value).count() > 1;
            if same_year {
                format!("{} ({})", r.year.value.0, i + 1)
            } else {
                r.year.value.0.to_string()
            }
        })
        .collect();
    let currency = currency_symbol(&rows[0].currency, lx.lang).to_owned();
    let series = vec![
        Series {
            name: lx.t("per_family"),
            values: rows.iter().map(|r| r.per_family()).collect(),
            labels: rows
                .iter()
                .map(|r| {
                    r.per_family()
                        .map(|v| number(v, 0, lx.lang))
                        .unwrap_or_default()
                })
                .collect(),
        },
        Series {
            name: lx.t("per_child"),
            values: rows.iter().map(|r| r.per_child()).collect(),
            labels: rows
                .iter()
                .map(|r| {
                    r.per_child()
                        .map(|v| number(v, 0, lx.lang))
                        .unwrap_or_default()
                })
                .collect(),
        },
    ];
    let alt = rows
        .iter()
        .zip(&categories)
        .map(|(r, c)| {
            format!(
                "{c}: {} {}, {} {}",
                lx.t("per_family"),
                r.per_family()
                    .map(|v| number(v, 0, lx.lang))
                    .unwrap_or_else(|| "—".into()),
                lx.t("per_child"),
                r.per_child()
                    .map(|v| number(v, 0, lx.lang))
                    .unwrap_or_else(|| "—".into()),
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    bars(&BarChart {
        id: "chart-costs",
        title: &lx.t("cost_of_result"),
        alt: &alt,
        categories,
        series,
        x_desc: &lx.t("year"),
        y_desc: &currency,
        y_max: None,
        target: None,
        lang: lx.lang,
    })
}
