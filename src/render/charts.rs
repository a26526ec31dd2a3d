//! Result charts, written as compact SVG at build time: values of an
//! indicator over the years (as shares where a denominator is given), the
//! budget breakdown, people served, the cost of a social result per family
//! and per child, and the registry's distribution of evidence levels.
//!
//! Our own small writer, not a plotting library: it emits only what is
//! seen (one path for the grid, one for the axes, a `<rect>` per bar,
//! `<text>` per label, shared attributes on groups), so a chart is about
//! 2–4 KB instead of plotters' 15–40 KB of mostly invisible white lines.
//!
//! Text is measured with the shipped font's metrics (`svg::text_width`),
//! so no system font is assumed. Every chart gets `role="img"`, a
//! `<title>` and a text alternative; the numbers are also in a table beside
//! it, and every bar carries its value as text where it fits, so colour is
//! never the only carrier of meaning.

use super::svg::{FONT_FAMILY, esc, n as num, text_width};
use std::fmt::Write as _;

/// Okabe–Ito colours: distinguishable with every common colour-vision
/// deficiency.
pub const PALETTE: [&str; 4] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7"];
const INK: &str = "#1d2330";
const GRID: &str = "#d8dde5";
pub const W: u32 = 560;
pub const H: u32 = 280;

/// Font sizes (px) of axis text and of a grouped chart's value labels.
const TEXT_PX: f32 = 12.0;
const SMALL_PX: f32 = 10.4;

/// One series of a grouped bar chart.
pub struct Series {
    pub name: String,
    /// One value per category; `None` draws no bar.
    pub values: Vec<Option<f64>>,
    /// The text above each bar.
    pub labels: Vec<String>,
}

pub struct BarChart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub alt: &'a str,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    /// Fixed top of the y axis (100 for shares); otherwise from the data.
    pub y_max: Option<f64>,
    /// A horizontal reference line (a target) with its label.
    pub target: Option<(f64, String)>,
    /// The page's language: the axis numbers are formatted as the tables'
    /// are (`1 400 000` on a Russian page, `1,400,000` on an English one).
    pub lang: &'a str,
}

/// Evenly spaced "nice" ticks (1, 2 or 5 × 10^k apart) from 0 to at most
/// `max`, no more than `most` of them past 0; whole numbers only when
/// `integral`.
fn ticks(max: f64, most: usize, integral: bool) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0];
    }
    let raw = max / most as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    if integral {
        step = step.max(1.0).round();
    }
    (0..=most * 2)
        .map(|i| i as f64 * step)
        .take_while(|v| *v <= max * (1.0 + 1e-9))
        .collect()
}

/// Renders a grouped bar chart; `None` if there is nothing to draw (the
/// table beside it still carries the numbers).
pub fn bars(c: &BarChart) -> Option<String> {
    if c.categories.is_empty() || c.series.is_empty() || super::bench_off("charts") {
        return None;
    }
    let finite = |v: &Option<f64>| v.filter(|v| v.is_finite());
    let data_max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().filter_map(finite))
        .chain(c.target.as_ref().map(|t| t.0).filter(|t| t.is_finite()))
        .fold(0.0f64, f64::max);
    let y_max = c
        .y_max
        .filter(|m| m.is_finite() && *m > 0.0)
        .unwrap_or(if data_max > 0.0 { data_max * 1.18 } else { 1.0 });
    let n = c.categories.len();
    let k = c.series.len();
    // Counts get whole-number ticks only.
    let integral = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().filter_map(finite))
        .all(|v| v.fract() == 0.0);

    // The plot area, as plotters laid it out before: room for the legend
    // above, the y labels and their title left, the x labels below.
    let legend_h = if k > 1 { 22.0 } else { 0.0 };
    let (x0, x1) = (80.0f32, W as f32 - 16.0);
    let (y0, y1) = (legend_h + 8.0, H as f32 - 46.0);
    let y_px = |v: f64| -> f32 { y1 - ((v.clamp(0.0, y_max) / y_max) as f32) * (y1 - y0) };

    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"{id}-t\">\
<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
font-family=\"{FONT_FAMILY}\" font-size=\"{TEXT_PX}\" fill=\"{INK}\">\
<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
<rect width=\"{W}\" height=\"{H}\" fill=\"#fff\"/>",
        esc(c.title),
        esc(c.alt),
        id = c.id,
    );

    // Legend (several series only).
    if k > 1 {
        let mut x = 60.0f32;
        for (i, s) in c.series.iter().enumerate() {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"16\">{}</text>",
                num(x),
                PALETTE[i % 4],
                num(x + 16.0),
                esc(&s.name)
            );
            x += 30.0 + text_width(&s.name, TEXT_PX).floor();
        }
    }

    // Grid lines at the y ticks, the axes with their tick marks, in two paths.
    let ys = ticks(y_max, 5, integral);
    let mut grid = String::new();
    let mut marks = String::new();
    for v in ys.iter().filter(|v| **v > 0.0) {
        let y = num(y_px(*v));
        let _ = write!(grid, "M{} {y}H{}", num(x0), num(x1));
        let _ = write!(marks, "M{} {y}h5", num(x0 - 5.0));
    }
    if !grid.is_empty() {
        let _ = write!(out, "<path d=\"{grid}\" stroke=\"{GRID}\"/>");
    }
    let _ = write!(
        out,
        "<path d=\"M{} {}V{}H{}{marks}\" stroke=\"{INK}\" fill=\"none\"/>",
        num(x0),
        num(y0),
        num(y1),
        num(x1)
    );
    // y labels, right-aligned beside the ticks.
    out.push_str("<g text-anchor=\"end\">");
    for v in &ys {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(x0 - 8.0),
            num(y_px(*v) + 4.0),
            esc(&super::format::number(*v, 1, c.lang))
        );
    }
    out.push_str("</g>");

    // One slot per bar, plus a gap slot between groups when there are
    // several series: every bar has its own slot, so its value label never
    // collides with its neighbour's. A lone bar keeps an empty slot.
    let per = if k > 1 { k + 1 } else { 1 };
    let segments = n * per;
    let slot = (x1 - x0) / segments.max(2) as f32;
    let left = x0 + ((x1 - x0) - slot * segments as f32) / 2.0;
    let margin = slot * if k > 1 { 0.06 } else { 0.16 };
    let slot_x = |i: usize, si: usize| left + (i * per + si) as f32 * slot;

    // Category labels under each group's bars, and the axis titles.
    let _ = write!(out, "<g text-anchor=\"middle\">");
    for (i, cat) in c.categories.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(slot_x(i, 0) + slot * k as f32 / 2.0),
            num(y1 + 17.0),
            esc(cat)
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\">{}</text>",
        num((x0 + x1) / 2.0),
        num(H as f32 - 10.0),
        esc(c.x_desc)
    );
    let (yx, yy) = (num(22.0), num((y0 + y1) / 2.0));
    let _ = write!(
        out,
        "<text transform=\"rotate(-90 {yx} {yy})\" x=\"{yx}\" y=\"{yy}\">{}</text></g>",
        esc(c.y_desc)
    );

    // Bars, one group per series (its colour set once).
    for (si, s) in c.series.iter().enumerate() {
        let _ = write!(out, "<g fill=\"{}\">", PALETTE[si % 4]);
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = finite(v) else { continue };
            let top = y_px(v);
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                num(slot_x(i, si) + margin),
                num(top),
                num(slot - 2.0 * margin),
                num(y1 - top)
            );
        }
        out.push_str("</g>");
    }
    // Value labels above the bars; one wider than its slot is left out
    // (the table has it).
    let (px, room) = if k > 1 {
        (SMALL_PX, slot * 1.3)
    } else {
        (TEXT_PX, slot)
    };
    if k > 1 {
        let _ = write!(out, "<g text-anchor=\"middle\" font-size=\"{px}\">");
    } else {
        out.push_str("<g text-anchor=\"middle\">");
    }
    for (si, s) in c.series.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = finite(v) else { continue };
            let label = s.labels.get(i).map_or("", String::as_str);
            if label.is_empty() || text_width(label, px) > room {
                continue;
            }
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(slot_x(i, si) + slot / 2.0),
                num(y_px(v) - 4.0),
                esc(label)
            );
        }
    }
    out.push_str("</g>");
    if let Some((t, label)) = c.target.as_ref().filter(|t| t.0.is_finite()) {
        let y = num(y_px(*t));
        let _ = write!(
            out,
            "<path d=\"M{} {y}H{}\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
<text x=\"{}\" y=\"{}\">{}</text>",
            num(x0),
            num(x1),
            num(x0 + 4.0),
            num(y_px(*t) - 5.0),
            esc(label)
        );
    }
    out.push_str("</svg></div>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(n: usize) -> Option<String> {
        bars(&BarChart {
            id: "c",
            title: "t",
            alt: "a",
            categories: (0..n).map(|i| (2019 + i).to_string()).collect(),
            series: vec![Series {
                name: "s".into(),
                values: (0..n).map(|i| Some(10.0 + i as f64)).collect(),
                labels: (0..n).map(|i| format!("L{i}")).collect(),
            }],
            x_desc: "x",
            y_desc: "y",
            y_max: None,
            target: Some((12.0, "target".into())),
            lang: "en",
        })
    }

    #[test]
    fn draws_any_number_of_categories() {
        for n in [1, 2, 3, 7] {
            let svg = chart(n).unwrap_or_else(|| panic!("no chart for {n}"));
            assert!(svg.contains("<svg class=\"chart\" id=\"c\" role=\"img\""));
            assert_eq!(svg.matches("\">L").count(), n, "{n} bar labels in {svg}");
        }
        assert!(chart(0).is_none());
    }

    #[test]
    fn same_bytes_every_time() {
        assert_eq!(chart(3), chart(3));
    }
}
