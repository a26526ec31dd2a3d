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

/// One row of a horizontal chart: a year, a budget item, a result; with
/// one bar per series.
pub struct Row {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// One bar: its value on the chart's scale and the text beside it.
/// `None` is a gap (a year with no data), drawn as such, never skipped.
pub struct Bar {
    pub value: Option<f64>,
    pub text: String,
}

/// A horizontal bar chart in HTML: the labels and values are text that
/// reflows with the page (never smaller than the page's text, at any
/// width), the bars are stretched one-rectangle SVGs, so the chart fits
/// any box, from a phone to a printed page, with no script and no inline
/// style (the Content-Security-Policy forbids both).
pub struct HChart {
    pub id: String,
    /// Names of the series, shown as a legend (and before each bar for
    /// screen readers) when there are several.
    pub series: Vec<String>,
    pub rows: Vec<Row>,
    /// The scale's end (100 for shares); otherwise from the data.
    pub max: Option<f64>,
    /// A reference line (a target) with its text.
    pub target: Option<(f64, String)>,
    /// The one caption: what is good, and the scale.
    pub caption: String,
    /// The word before the scale's range ("scale"), in the page's language.
    pub scale_word: String,
    /// The scale's unit after its end value ("%", "₽"), if any.
    pub unit: String,
    pub lang: String,
}

/// The track's width in SVG units: a bar's width is its share of it.
const TRACK: f64 = 1000.0;

/// The smallest "nice" number (1, 2, 2.5 or 5 × 10^k) at or above `max`.
pub fn nice_ceiling(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|v| *v >= max * (1.0 - 1e-9))
        .unwrap_or(10.0 * mag)
}

/// The scale of a chart of shares (0–100 %): the whole range, unless every
/// value is small, when a 0–100 axis would hide them; then the nice ceiling
/// of the largest (the caption says which).
pub fn share_scale(values: impl Iterator<Item = f64>) -> f64 {
    let max = values.filter(|v| v.is_finite()).fold(0.0f64, f64::max);
    if max > 25.0 || max <= 0.0 {
        100.0
    } else {
        nice_ceiling(max)
    }
}

/// Renders a horizontal chart; a single value with a single series is a
/// figure with its label, not a one-bar chart. `None` when there is
/// nothing to show (the table beside it still has the numbers).
pub fn hbars(c: &HChart) -> Option<String> {
    let any = c
        .rows
        .iter()
        .flat_map(|r| r.bars.iter())
        .any(|b| b.value.is_some_and(f64::is_finite));
    if !any || super::bench_off("charts") {
        return None;
    }
    let mut out = String::with_capacity(2048);
    let id = esc(&c.id);
    if c.rows.len() == 1 && c.rows[0].bars.len() == 1 {
        let (row, bar) = (&c.rows[0], &c.rows[0].bars[0]);
        let _ = write!(
            out,
            "<figure class=\"hchart single\" id=\"{id}\"><p class=\"single-value\">\
<strong>{}</strong> <span class=\"single-label\">{}</span></p>{}</figure>",
            esc(&bar.text),
            esc(&row.label),
            if c.caption.is_empty() {
                String::new()
            } else {
                format!("<figcaption>{}</figcaption>", esc(&c.caption))
            }
        );
        return Some(out);
    }
    let data_max = c
        .rows
        .iter()
        .flat_map(|r| r.bars.iter().filter_map(|b| b.value))
        .chain(c.target.as_ref().map(|t| t.0))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let max = c
        .max
        .filter(|m| m.is_finite() && *m > 0.0)
        .unwrap_or_else(|| nice_ceiling(data_max));
    let width = |v: f64| -> f64 {
        let w = (v.clamp(0.0, max) / max * TRACK).round();
        // A value above zero stays visible, however small.
        if v > 0.0 { w.max(4.0) } else { w }
    };
    let _ = write!(out, "<figure class=\"hchart\" id=\"{id}\">");
    if c.series.len() > 1 || c.target.is_some() {
        out.push_str("<ul class=\"hchart-legend\">");
        if c.series.len() > 1 {
            for (i, s) in c.series.iter().enumerate() {
                let _ = write!(
                    out,
                    "<li><span class=\"swatch s{}\"></span>{}</li>",
                    i % 4,
                    esc(s)
                );
            }
        }
        if let Some((_, text)) = &c.target {
            let _ = write!(
                out,
                "<li><span class=\"swatch target\"></span>{}</li>",
                esc(text)
            );
        }
        out.push_str("</ul>");
    }
    let target = c
        .target
        .as_ref()
        .filter(|t| t.0.is_finite())
        .map(|t| num(width(t.0) as f32));
    out.push_str("<ol class=\"hbars\">");
    for row in &c.rows {
        let _ = write!(
            out,
            "<li><span class=\"hb-label\">{}</span>",
            esc(&row.label)
        );
        for (si, bar) in row.bars.iter().enumerate() {
            let gap = !bar.value.is_some_and(f64::is_finite);
            let _ = write!(
                out,
                "<span class=\"hb s{}{}\">",
                si % 4,
                if gap { " gap" } else { "" }
            );
            if c.series.len() > 1 {
                let _ = write!(
                    out,
                    "<span class=\"hb-series\">{}</span>",
                    esc(&c.series[si.min(c.series.len() - 1)])
                );
            }
            out.push_str(
                "<svg class=\"hb-track\" viewBox=\"0 0 1000 10\" preserveAspectRatio=\"none\" \
aria-hidden=\"true\" focusable=\"false\">",
            );
            if let Some(v) = bar.value.filter(|v| v.is_finite()) {
                let _ = write!(out, "<rect width=\"{}\" height=\"10\"/>", width(v));
            }
            if let Some(t) = &target {
                let _ = write!(
                    out,
                    "<path class=\"hb-target\" d=\"M{t} 0V10\" vector-effect=\"non-scaling-stroke\"/>"
                );
            }
            let _ = write!(
                out,
                "</svg><span class=\"hb-value\">{}</span></span>",
                esc(&bar.text)
            );
        }
        out.push_str("</li>");
    }
    let lead = if c.caption.is_empty() {
        String::new()
    } else {
        format!("{} · ", esc(&c.caption))
    };
    let _ = write!(
        out,
        "</ol><figcaption>{lead}{}: 0–{}{}{}</figcaption></figure>",
        esc(&c.scale_word),
        esc(&super::format::number(max, 1, &c.lang)),
        if c.unit.is_empty() { "" } else { "\u{a0}" },
        esc(&c.unit)
    );
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

    fn hchart(rows: Vec<Row>, series: usize) -> HChart {
        HChart {
            id: "h".into(),
            series: (0..series).map(|i| format!("S{i}")).collect(),
            rows,
            max: None,
            target: None,
            caption: String::new(),
            scale_word: "Scale".into(),
            unit: String::new(),
            lang: "en".into(),
        }
    }

    fn row(label: &str, v: Option<f64>) -> Row {
        Row {
            label: label.into(),
            bars: vec![Bar {
                value: v,
                text: v.map_or("no data".into(), |v| format!("{v}")),
            }],
        }
    }

    #[test]
    fn a_missing_year_is_a_gap_not_skipped() {
        let c = hchart(
            vec![
                row("2019", Some(5.0)),
                row("2020", None),
                row("2021", Some(10.0)),
            ],
            1,
        );
        let html = hbars(&c).unwrap();
        assert_eq!(html.matches("<li>").count(), 3);
        assert!(html.contains("<span class=\"hb s0 gap\">"), "{html}");
        assert!(html.contains(">no data</span>"));
        // 10 on a 0–10 scale fills the track; 5 half of it.
        assert!(html.contains("<rect width=\"1000\""));
        assert!(html.contains("<rect width=\"500\""));
        assert!(
            html.contains("<figcaption>Scale: 0–10</figcaption>"),
            "{html}"
        );
    }

    #[test]
    fn small_shares_get_a_scale_that_shows_them() {
        assert_eq!(share_scale([1.0, 2.0, 3.0].into_iter()), 5.0);
        assert_eq!(share_scale([12.0].into_iter()), 20.0);
        assert_eq!(share_scale([30.0, 2.0].into_iter()), 100.0);
        assert_eq!(share_scale(std::iter::empty()), 100.0);
        assert_eq!(nice_ceiling(0.3), 0.5);
        assert_eq!(nice_ceiling(2100.0), 2500.0);
        assert_eq!(nice_ceiling(1000.0), 1000.0);
    }

    #[test]
    fn a_tiny_value_stays_visible_and_a_single_value_is_a_figure() {
        let mut c = hchart(
            vec![
                row("a", Some(0.01)),
                row("b", Some(100.0)),
                row("c", Some(0.0)),
            ],
            1,
        );
        c.max = Some(100.0);
        let html = hbars(&c).unwrap();
        assert!(html.contains("<rect width=\"4\""), "{html}");
        assert!(html.contains("<rect width=\"0\""), "{html}");
        let one = hbars(&hchart(vec![row("2021", Some(7.0))], 1)).unwrap();
        assert!(one.starts_with("<figure class=\"hchart single\" id=\"h\"><p class=\"single-value\"><strong>7</strong> <span class=\"single-label\">2021</span>"), "{one}");
        assert!(!one.contains("<svg"));
        assert!(hbars(&hchart(vec![row("2021", None)], 1)).is_none());
    }

    #[test]
    fn several_series_have_a_legend_and_a_target_its_line() {
        let mut c = hchart(
            vec![Row {
                label: "2020".into(),
                bars: vec![
                    Bar {
                        value: Some(10.0),
                        text: "10".into(),
                    },
                    Bar {
                        value: Some(20.0),
                        text: "20".into(),
                    },
                ],
            }],
            2,
        );
        c.target = Some((15.0, "target 2022: 15".into()));
        let html = hbars(&c).unwrap();
        assert!(html.contains("<ul class=\"hchart-legend\"><li><span class=\"swatch s0\"></span>S0</li><li><span class=\"swatch s1\"></span>S1</li><li><span class=\"swatch target\"></span>target 2022: 15</li></ul>"), "{html}");
        assert_eq!(
            html.matches("class=\"hb-target\" d=\"M750 0V10\"").count(),
            2,
            "{html}"
        );
        assert!(html.contains("<span class=\"hb-series\">S1</span>"));
        // Text is escaped.
        c.rows[0].label = "<b>".into();
        assert!(hbars(&c).unwrap().contains("&lt;b&gt;"));
    }
}
