//! Result charts, drawn with plotters' SVG backend at build time: values
//! of an indicator over the years (as shares where a denominator is
//! given), the budget breakdown, people served, the cost of a social
//! result per family and per child, and the registry's distribution of
//! evidence levels.
//!
//! Text is measured by plotters with the same shipped font as the diagram
//! (`svg::FONT`, registered once), so no system font is assumed. Every
//! chart gets `role="img"`, a `<title>` and a text alternative; the numbers
//! are also in a table beside it, and every bar carries its value as text,
//! so colour is never the only carrier of meaning.

use super::svg::{FONT, FONT_FAMILY, esc};
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// Okabe–Ito colours: distinguishable with every common colour-vision
/// deficiency.
pub const PALETTE: [RGBColor; 4] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
];
const INK: RGBColor = RGBColor(0x1d, 0x23, 0x30);
const GRID: RGBColor = RGBColor(0xd8, 0xdd, 0xe5);
pub const W: u32 = 560;
pub const H: u32 = 280;

fn font_ready() -> bool {
    static OK: OnceLock<bool> = OnceLock::new();
    *OK.get_or_init(|| plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT).is_ok())
}

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

/// Renders a grouped bar chart; `None` if there is nothing to draw or
/// plotters fails (the table beside it still carries the numbers).
pub fn bars(c: &BarChart) -> Option<String> {
    if c.categories.is_empty() || c.series.is_empty() || super::bench_off("charts") || !font_ready()
    {
        return None;
    }
    let data_max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .chain(c.target.as_ref().map(|t| t.0))
        .fold(0.0f64, f64::max);
    let y_max = c
        .y_max
        .unwrap_or(if data_max > 0.0 { data_max * 1.18 } else { 1.0 });
    let n = c.categories.len();
    let k = c.series.len();
    // Counts get whole-number ticks only.
    let integral = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .all(|v| v.fract() == 0.0);
    let mut buf = String::new();
    // plotters is third-party code on untrusted numbers: a panic in it
    // must cost a chart, not the build.
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<(), Box<dyn std::error::Error>> {
            let root = SVGBackend::with_string(&mut buf, (W, H)).into_drawing_area();
            root.fill(&WHITE)?;
            // plotters scales font sizes by 0.8 in its SVG output: 15 → 12 px.
            let text = (FONT_FAMILY, 15).into_font().color(&INK);
            let legend_h = if k > 1 { 22 } else { 0 };
            let (top, plot) = root.split_vertically(legend_h);
            if k > 1 {
                let mut x = 60;
                for (i, s) in c.series.iter().enumerate() {
                    top.draw(&Rectangle::new(
                        [(x, 6), (x + 12, 18)],
                        PALETTE[i % 4].filled(),
                    ))?;
                    top.draw(&Text::new(s.name.clone(), (x + 16, 6), text.clone()))?;
                    x += 30 + (super::svg::text_width(&s.name, 12.0) as i32);
                }
            }
            // One segment per bar, plus a gap segment between groups when
            // there are several series: every bar has its own slot, so its
            // value label never collides with its neighbour's.
            let per = if k > 1 { k + 1 } else { 1 };
            let segments = (n * per) as i32;
            let mut chart = ChartBuilder::on(&plot)
                .margin(8)
                .margin_right(16)
                .x_label_area_size(38)
                .y_label_area_size(72)
                // An integer range's end is a key point of its own:
                // 0..m-1 gives m segments (plotters cannot segment an empty
                // range, so a single bar keeps one empty slot).
                .build_cartesian_2d((0i32..(segments - 1).max(1)).into_segmented(), 0f64..y_max)?;
            let slot_px = (W as f64 - 100.0) / segments.max(2) as f64;
            let cats = &c.categories;
            // The category label sits under the group's middle bar (the
            // first of two).
            let label_at = ((k - 1) / 2) as i32;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(WHITE)
                .bold_line_style(GRID)
                .axis_style(INK)
                .x_desc(c.x_desc)
                .y_desc(c.y_desc)
                .label_style(text.clone())
                .axis_desc_style(text.clone())
                .x_labels(segments as usize + 1)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(j) if j % per as i32 == label_at => {
                        usize::try_from(j / per as i32)
                            .ok()
                            .and_then(|i| cats.get(i))
                            .cloned()
                            .unwrap_or_default()
                    }
                    _ => String::new(),
                })
                .y_label_formatter(&|v| {
                    if integral && v.fract() != 0.0 {
                        String::new()
                    } else {
                        super::format::number(*v, 1, c.lang)
                    }
                })
                .draw()?;
            let small = (FONT_FAMILY, 13).into_font().color(&INK);
            for (si, s) in c.series.iter().enumerate() {
                let colour = PALETTE[si % 4];
                let seg = |i: usize| (i * per + si) as i32;
                let margin = (slot_px * if k > 1 { 0.06 } else { 0.16 }) as u32;
                chart.draw_series(s.values.iter().enumerate().filter_map(|(i, v)| {
                    let v = (*v)?;
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(seg(i)), 0.0),
                            (SegmentValue::Exact(seg(i) + 1), v),
                        ],
                        colour.filled(),
                    );
                    r.set_margin(0, 0, margin, margin);
                    Some(r)
                }))?;
                // A label wider than its slot is left out (the table has it).
                let font = if k > 1 { small.clone() } else { text.clone() };
                let px = if k > 1 { 10.4 } else { 12.0 };
                chart.draw_series(s.values.iter().enumerate().filter_map(|(i, v)| {
                    let v = (*v)?;
                    let label = s.labels.get(i).cloned().unwrap_or_default();
                    let room = if k > 1 { slot_px * 1.3 } else { slot_px };
                    (super::svg::text_width(&label, px as f32) as f64 <= room).then(|| {
                        Text::new(
                            label,
                            (SegmentValue::CenterOf(seg(i)), v + y_max * 0.015),
                            font.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
                        )
                    })
                }))?;
            }
            if let Some((t, label)) = &c.target {
                chart.draw_series(DashedLineSeries::new(
                    vec![(SegmentValue::Exact(0), *t), (SegmentValue::Last, *t)],
                    6,
                    4,
                    ShapeStyle::from(&INK).stroke_width(2),
                ))?;
                chart.draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (SegmentValue::Exact(0), *t + y_max * 0.015),
                    text.clone().pos(Pos::new(HPos::Left, VPos::Bottom)),
                )))?;
            }
            root.present()?;
            Ok(())
        },
    ));
    match drawn {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            if cfg!(test) {
                eprintln!("chart {}: {e}", c.id);
            }
            return None;
        }
        Err(_) => return None,
    }
    Some(accessible(&buf, c.id, c.title, c.alt))
}

/// Gives plotters' SVG its accessible name and description, and lets it
/// scale down on narrow screens.
fn accessible(svg: &str, id: &str, title: &str, alt: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return String::new();
    };
    let Some(end) = svg[start..].find('>') else {
        return String::new();
    };
    let open = &svg[start..start + end];
    let rest = &svg[start + end + 1..];
    let open = open.replacen(
        "<svg",
        &format!("<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\""),
        1,
    );
    // At its own size in a scrollable box: scaled down to a phone's width
    // its labels would be too small to read.
    format!(
        "<div class=\"chart-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"{id}-t\">{open}><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{rest}</div>",
        esc(title),
        esc(alt)
    )
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
            assert_eq!(
                svg.lines().filter(|l| l.starts_with('L')).count(),
                n,
                "{n} bar labels in {svg}"
            );
        }
        assert!(chart(0).is_none());
    }

    #[test]
    fn same_bytes_every_time() {
        assert_eq!(chart(3), chart(3));
    }
}
