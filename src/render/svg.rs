//! The small SVG layer shared by diagrams (and, next, charts): text
//! measured with the metrics of the font the site ships (a subset of
//! DejaVu Sans Condensed with Latin and Cyrillic, 20 KB as WOFF2), greedy line wrapping, and escaping.
//!
//! Measuring with the shipped font, not a character count, is what keeps
//! long Russian labels inside their boxes; the same font is served with
//! `@font-face`, so the browser draws exactly what was measured.

use std::fmt::Write as _;
use std::sync::OnceLock;

/// The font file, embedded for measuring and copied into the site.
pub const FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/default/static/fonts/dokaz-diagram.ttf"
));
/// The CSS family name the SVGs use (declared by the theme's `@font-face`).
pub const FONT_FAMILY: &str = "dokaz-diagram";

struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    /// Advances of the first 0x500 code points (Latin, Cyrillic), in font
    /// units: the common case without a glyph lookup.
    table: Vec<u16>,
}

impl Metrics {
    fn advance(&self, c: char) -> u16 {
        let fallback = (self.units_per_em * 0.6) as u16;
        match &self.face {
            Some(face) => face
                .glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(fallback),
            None => fallback,
        }
    }
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        // The font is compiled in; should it ever fail to parse, a fixed
        // advance keeps the layout working (wider than real, so still safe).
        let face = ttf_parser::Face::parse(FONT, 0).ok();
        let units_per_em = face.as_ref().map_or(1000.0, |f| f.units_per_em() as f32);
        let mut m = Metrics {
            face,
            units_per_em,
            table: Vec::new(),
        };
        m.table = (0u32..0x500)
            .map(|u| char::from_u32(u).map_or(0, |c| m.advance(c)))
            .collect();
        m
    })
}

/// The advance width of `text` at `size` px.
pub fn text_width(text: &str, size: f32) -> f32 {
    let m = metrics();
    let units: u32 = text
        .chars()
        .map(|c| {
            let u = c as usize;
            if u < m.table.len() {
                m.table[u] as u32
            } else {
                m.advance(c) as u32
            }
        })
        .sum();
    units as f32 * size / m.units_per_em
}

/// Greedy word wrap into lines no wider than `max` px; a word longer than a
/// line is broken between characters.
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if text_width(word, size) <= max {
            line = word.to_owned();
        } else {
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if text_width(&next, size) > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    crate::render::theme::escape_html(s)
}

/// A number for SVG coordinates: at most one decimal, no trailing `.0`,
/// so that output is short and stable.
pub fn n(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// `<text>` with one `<tspan>` per line, starting at (x, y) baseline.
pub fn text_block(
    out: &mut String,
    lines: &[String],
    x: f32,
    y: f32,
    line_height: f32,
    class: &str,
) {
    let _ = write!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\">",
        n(x),
        n(y)
    );
    for (i, l) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
            n(x),
            if i == 0 { "0".into() } else { n(line_height) },
            esc(l)
        );
    }
    out.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_font() {
        // DejaVu Sans Condensed: "Ш" is wider than "i".
        assert!(text_width("Ш", 13.0) > 2.0 * text_width("i", 13.0));
        assert!(
            (text_width("ab", 13.0) - text_width("a", 13.0) - text_width("b", 13.0)).abs() < 0.01
        );
    }

    #[test]
    fn wraps_within_the_width() {
        let text = "Родители получили доступ к юридической, материальной, медицинской и психологической помощи";
        let lines = wrap(text, 13.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| text_width(l, 13.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
        let long = wrap("Сверхдлиннословокотороеневлезаетвстроку", 13.0, 60.0);
        assert!(long.iter().all(|l| text_width(l, 13.0) <= 60.0));
    }
}
