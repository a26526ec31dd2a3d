//! `badges/<id>.svg`: a small badge an organization embeds on its own
//! site, with the practice's verified levels (or "not yet verified") and
//! the registry's name, linking back to the practice page (the snippet is
//! on the practice page). One file per practice, in the registry's
//! default language; the same registry gives the same bytes.

use crate::model::Doc;
use crate::model::practice::Practice;
use crate::model::{Registry, common::Id};
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route};
use crate::render::svg::{esc, n, text_width};
use crate::render::{Content, OutFile};

pub const KIND: Kind = Kind {
    name: "badge",
    template: None,
    view: None,
    cards: false,
    shows: Shows::Some(badge_keys),
    owns: |k| matches!(k, PageKey::Badge(_)),
    sitemap: None,
    render,
};

/// The badge is the practice's, under its original's id.
fn badge_keys(_: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    let original = p.original_id();
    vec![PageKey::Badge(original.to_string())]
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    for p in &cx.lx.site.practices {
        let route = Route::Badge(p.id.as_str());
        if cx.wanted(&route) {
            (cx.put)(OutFile {
                path: route.path(),
                content: Content::Bytes(badge_svg(cx.lx, &p.id).into_bytes()),
            })?;
        }
    }
    Ok(())
}

/// The registry's title in `lx`'s language.
fn registry_name(lx: &Lx) -> String {
    lx.site
        .reg
        .config
        .as_ref()
        .map(|c| lx.loc(&c.title))
        .unwrap_or_default()
}

/// The badge's lines under the registry's name: "dimension: level" for
/// each verified level, in the scheme's order, or "not yet verified".
pub fn badge_lines(lx: &Lx, id: &Id) -> Vec<String> {
    let verified = lx.site.verified_of(id);
    let mut lines: Vec<String> = lx
        .scheme()
        .map(|s| {
            s.dimensions
                .iter()
                .filter_map(|d| {
                    let v = verified?.get(d.id.as_str())?;
                    Some(format!(
                        "{}: {}",
                        lx.loc(&d.label),
                        lx.level_label(&v.level)
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    if lines.is_empty() {
        lines.push(lx.t("badge_not_verified"));
    }
    lines
}

/// The badge's accessible name (its `<title>` and the embed's `alt`).
pub fn badge_alt(lx: &Lx, id: &Id) -> String {
    format!("{}: {}", registry_name(lx), badge_lines(lx, id).join("; "))
}

const SIZE: f32 = 12.0;
const LINE: f32 = 17.0;
const PAD: f32 = 8.0;

pub fn badge_svg(lx: &Lx, id: &Id) -> String {
    let name = registry_name(lx);
    let lines = badge_lines(lx, id);
    let verified = lx.site.verified_of(id).is_some_and(|v| !v.is_empty());
    let widest = std::iter::once(text_width(&name, SIZE) * 1.08)
        .chain(lines.iter().map(|l| text_width(&format!("✓ {l}"), SIZE)))
        .fold(0.0_f32, f32::max);
    let w = (widest + 2.0 * PAD).ceil().max(120.0);
    let head = LINE + 6.0;
    let h = head + LINE * lines.len() as f32 + PAD / 2.0;
    let colour = if verified { "#1a7f37" } else { "#6e7781" };
    let title = esc(&badge_alt(lx, id));
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"badge-{id}\">\
<title id=\"badge-{id}\">{title}</title>\
<rect width=\"{w}\" height=\"{h}\" rx=\"4\" fill=\"#fff\" stroke=\"{colour}\"/>\
<rect width=\"{w}\" height=\"{head}\" rx=\"4\" fill=\"{colour}\"/>\
<g font-family=\"DejaVu Sans,Verdana,Arial,sans-serif\" font-size=\"{size}\">\
<text x=\"{pad}\" y=\"{y0}\" fill=\"#fff\" font-weight=\"bold\">{name}</text>",
        w = n(w),
        h = n(h),
        head = n(head),
        size = n(SIZE),
        pad = n(PAD),
        y0 = n(LINE),
        name = esc(&name),
        id = esc(id.as_str()),
    );
    for (i, l) in lines.iter().enumerate() {
        let mark = if verified { "✓ " } else { "" };
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" fill=\"#1f2328\">{mark}{}</text>",
            n(PAD),
            n(head + LINE * (i as f32 + 1.0) - 4.0),
            esc(l)
        ));
    }
    s.push_str("</g></svg>\n");
    s
}
