//! The evidence gap map, `map/` (SITE.md, version 2): rows are the terms
//! of a taxonomy (target groups; a second view: activity types), top-level
//! terms with their children under them, columns are result levels. A
//! practice is in a cell when one of its results has the column's level
//! and it is tagged with the row's term or a descendant: exactly the
//! catalogue's filter by the two facet values ([`facets_of`]), so a cell
//! links to the catalogue filtered to it and shows what that link finds.
//!
//! Decisions where SITE.md is silent:
//! - a cell counts distinct originals: a translation (`translation_of`)
//!   and its original are one practice (the catalogue link lists both);
//! - its colour is the highest level verified in any dimension by any of
//!   its practices (the scheme's levels, lowest lightest); hatched with a
//!   dashed outline where none is verified; an empty cell draws nothing;
//! - bubble areas are proportional within a view (the largest cell of the
//!   view has the largest bubble).

use crate::model::common::Id;
use crate::model::practice::Level;
use crate::model::taxonomy::Term;
use crate::render::components::facets::{RESULT_LEVEL, facets_of};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route, Taxonomy};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The map's fixed URL segment.
pub const SEGMENT: &str = "map";

pub const KIND: Kind = Kind {
    name: "map",
    template: Some("map.html"),
    view: Some(|| schemars::schema_for!(MapView)),
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Fixed(name) if name == SEGMENT),
    sitemap: Some(|_| vec![Route::Fixed(SEGMENT)]),
    render,
};

/// Bubble box (px) and the radius of the largest bubble.
const BOX: f64 = 40.0;
const R_MAX: f64 = 18.0;
/// The smallest radius a non-empty cell gets, so one practice stays visible.
const R_MIN: f64 = 4.0;

#[derive(Serialize, JsonSchema)]
pub struct MapView {
    /// The column headings: result levels, in the chain's order.
    pub columns: Vec<Column>,
    /// One map per row taxonomy (target groups, activity types).
    pub views: Vec<MapTable>,
    /// The colour key: one swatch (SVG) per level of the scheme.
    pub legend: Vec<LegendItem>,
    /// The claimed-only swatch (SVG).
    pub claimed_swatch: String,
}

#[derive(Clone, Serialize, JsonSchema)]
pub struct Column {
    pub id: String,
    pub label: String,
}

#[derive(Serialize, JsonSchema)]
pub struct LegendItem {
    pub label: String,
    pub swatch: String,
}

#[derive(Serialize, JsonSchema)]
pub struct MapTable {
    /// The row taxonomy's id (`target-groups`, `activity-types`).
    pub id: String,
    pub title: String,
    /// The row heading's heading ("Target group").
    pub row_heading: String,
    pub rows: Vec<MapRow>,
    /// Cells with at least one practice, of all cells.
    pub filled: usize,
    pub cells: usize,
}

#[derive(Clone, Serialize, JsonSchema)]
pub struct MapRow {
    pub id: String,
    pub label: String,
    /// The term's page, relative to the language root.
    pub href: String,
    /// 0 for a top-level term, 1 for its children, …
    pub depth: usize,
    /// The parent term's id (its row expands to this one).
    pub parent: Option<String>,
    /// Whether the term has children (its row can expand).
    pub expands: bool,
    pub cells: Vec<MapCell>,
}

#[derive(Clone, Serialize, JsonSchema)]
pub struct MapCell {
    /// The column's result level id.
    pub level: String,
    /// Distinct practices (a translation and its original once).
    pub count: usize,
    /// The catalogue's query filtering it to the cell (`?result-level=…`),
    /// appended to the catalogue's href; empty for a gap.
    pub query: String,
    /// The bubble (SVG, decorative: `label` says it); empty for a gap.
    pub svg: String,
    /// What the cell says to a screen reader and in its tooltip.
    pub label: String,
    /// The highest verified level's label, if any practice has one.
    pub verified: Option<String>,
}

fn render(cx: &Cx) -> Result<(), String> {
    let route = Route::Fixed(SEGMENT);
    if !cx.wanted(&route) {
        return Ok(());
    }
    let lx = cx.lx;
    let view = cx.map_view();
    cx.emit(Page::new(
        "map.html",
        route.path(),
        lx.t("map_title"),
        lx.t("map_lead"),
        ctx(view),
    ))
}

/// One practice as the map sees it: its facet values and what it adds to
/// a cell.
struct Entry {
    /// The number of the original (its own unless it is a translation):
    /// a translation and its original have the same.
    original: usize,
    /// The values of the facets the map reads (its row taxonomies and
    /// result levels), as [`facets_of`] gives them.
    facets: Vec<(String, Vec<String>)>,
    /// Its highest verified level's rank in the scheme.
    verified: Option<usize>,
}

pub fn map_view(lx: &Lx) -> MapView {
    let site = lx.site;
    let scheme = lx.scheme();
    let mut numbers: BTreeMap<&Id, usize> = BTreeMap::new();
    let entries: Vec<Entry> = site
        .practices
        .iter()
        .map(|doc| Entry {
            original: {
                let next = numbers.len();
                *numbers.entry(doc.original_id()).or_insert(next)
            },
            facets: facets_of(lx, doc)
                .into_iter()
                .filter(|(k, _)| ROWS.iter().any(|t| t.id() == k) || k == RESULT_LEVEL)
                .collect(),
            verified: site.verified_of(&doc.id).and_then(|dims| {
                dims.values()
                    .filter_map(|v| scheme.and_then(|s| s.level_rank(&v.level)))
                    .max()
            }),
        })
        .collect();
    let n_levels = scheme.map_or(0, |s| s.levels.len());
    let columns: Vec<Column> = Level::ALL
        .iter()
        .map(|l| Column {
            id: (*l).to_owned(),
            label: lx.t(&format!("level_{l}")),
        })
        .collect();
    let views = [
        (
            Taxonomy::TargetGroups,
            "map_by_target_group",
            "map_row_target",
        ),
        (
            Taxonomy::ActivityTypes,
            "map_by_activity",
            "map_row_activity",
        ),
    ]
    .into_iter()
    .filter_map(|(tax, title, heading)| {
        let terms = &site.reg.taxonomies.get(tax.id())?.terms;
        let mut rows = Vec::new();
        walk(terms, 0, &mut |term, depth| {
            rows.push((term, depth));
        });
        let parents: BTreeMap<&str, &str> = rows
            .iter()
            .flat_map(|(t, _)| {
                t.children
                    .iter()
                    .map(move |c| (c.id.value.as_str(), t.id.value.as_str()))
            })
            .collect();
        // Each cell's members first (one pass over the practices), to
        // scale bubbles by the view's largest cell. Originals are numbered
        // so that counting distinct ones is a sort of integers.
        let mut members: BTreeMap<(&str, &str), Gathered> = BTreeMap::new();
        for e in &entries {
            let (Some(terms), Some(levels)) = (e.facet(tax.id()), e.facet(RESULT_LEVEL)) else {
                continue;
            };
            for term in terms {
                for level in levels {
                    let m = members.entry((term.as_str(), level.as_str())).or_default();
                    m.0.push(e.original);
                    m.1 = m.1.max(e.verified);
                }
            }
        }
        let counts: BTreeMap<(&str, &str), Members> = members
            .into_iter()
            .map(|(k, (mut originals, best))| {
                originals.sort_unstable();
                originals.dedup();
                (k, (originals.len(), best))
            })
            .collect();
        let counted: Vec<(&Term, usize, Vec<Members>)> = rows
            .into_iter()
            .map(|(term, depth)| {
                let id = term.id.value.as_str();
                let cells = Level::ALL
                    .iter()
                    .map(|level| counts.get(&(id, *level)).copied().unwrap_or_default())
                    .collect();
                (term, depth, cells)
            })
            .collect();
        let max = counted
            .iter()
            .flat_map(|(_, _, cs)| cs.iter().map(|(n, _)| *n))
            .max()
            .unwrap_or(0);
        let mut filled = 0;
        let mut cells_total = 0;
        let rows = counted
            .into_iter()
            .map(|(term, depth, cells)| {
                let t = lx.term(tax, &term.id.value);
                let parent = parents.get(term.id.value.as_str()).map(|p| (*p).to_owned());
                let expands = !term.children.is_empty();
                let cells = cells
                    .into_iter()
                    .zip(Level::ALL)
                    .map(|((count, best), level)| {
                        cells_total += 1;
                        let level_label = lx.t(&format!("level_{level}"));
                        let mut label = lx.plural_with(
                            "map_cell",
                            count,
                            &[("group", &t.label), ("level", &level_label)],
                        );
                        if count == 0 {
                            return MapCell {
                                level: (*level).to_owned(),
                                count,
                                query: String::new(),
                                svg: String::new(),
                                label,
                                verified: None,
                            };
                        }
                        filled += 1;
                        let verified = best.and_then(|r| {
                            scheme
                                .and_then(|s| s.levels.get(r))
                                .map(|l| lx.loc(&l.label))
                        });
                        label.push_str("; ");
                        match &verified {
                            Some(v) => label.push_str(&lx.t("map_highest").replace("{level}", v)),
                            None => label.push_str(&lx.t("map_claimed_only")),
                        }
                        MapCell {
                            level: (*level).to_owned(),
                            count,
                            query: cell_query(tax.id(), &t.id, level),
                            svg: bubble(radius(count, max), best.map(|r| colour(r, n_levels))),
                            label,
                            verified,
                        }
                    })
                    .collect();
                MapRow {
                    id: t.id,
                    label: t.label,
                    href: t.href,
                    depth,
                    parent,
                    expands,
                    cells,
                }
            })
            .collect();
        Some(MapTable {
            id: tax.id().to_owned(),
            title: lx.t(title),
            row_heading: lx.t(heading),
            rows,
            filled,
            cells: cells_total,
        })
    })
    .collect();
    let legend = scheme
        .map(|s| {
            s.levels
                .iter()
                .enumerate()
                .map(|(r, l)| LegendItem {
                    label: lx.loc(&l.label),
                    swatch: bubble(R_MAX * 0.6, Some(colour(r, n_levels))),
                })
                .collect()
        })
        .unwrap_or_default();
    MapView {
        columns,
        views,
        legend,
        claimed_swatch: bubble(R_MAX * 0.6, None),
    }
}

/// The map's row taxonomies, one view each.
const ROWS: [Taxonomy; 2] = [Taxonomy::TargetGroups, Taxonomy::ActivityTypes];

impl Entry {
    fn facet(&self, id: &str) -> Option<&Vec<String>> {
        self.facets.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

/// A cell's practices while gathered: their originals' numbers (with
/// repeats) and their highest verified level's rank.
type Gathered = (Vec<usize>, Option<usize>);

/// A cell's number of distinct practices (originals) and their highest
/// verified level's rank.
type Members = (usize, Option<usize>);

/// Every term of a tree with its depth, in the tree's order.
fn walk<'t>(terms: &'t [Term], depth: usize, f: &mut dyn FnMut(&'t Term, usize)) {
    for term in terms {
        f(term, depth);
        if depth < 8 {
            walk(&term.children, depth + 1, f);
        }
    }
}

/// The catalogue's query for a cell, as `filters.js` writes it (facets in
/// sorted order, so the link is the URL the catalogue itself shows).
pub fn cell_query(facet: &str, term: &str, level: &str) -> String {
    let mut params = [(facet, term), (RESULT_LEVEL, level)];
    params.sort();
    let parts: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("?{}", parts.join("&"))
}

/// A radius whose circle's area is proportional to `n` of `max`.
fn radius(n: usize, max: usize) -> f64 {
    if max == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = n as f64 / max as f64;
    (R_MAX * share.sqrt()).max(R_MIN)
}

/// The fill of a verified level of rank `r` of `n`: light to dark blue.
fn colour(r: usize, n: usize) -> String {
    const LIGHT: [f64; 3] = [198.0, 219.0, 239.0];
    const DARK: [f64; 3] = [8.0, 48.0, 107.0];
    #[allow(clippy::cast_precision_loss)]
    let t = if n <= 1 {
        1.0
    } else {
        (r as f64 / (n - 1) as f64).clamp(0.0, 1.0)
    };
    let c: Vec<String> = (0..3)
        .map(|i| {
            let v = LIGHT[i] + (DARK[i] - LIGHT[i]) * t;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = v.round().clamp(0.0, 255.0) as u8;
            format!("{v:02x}")
        })
        .collect();
    format!("#{}", c.concat())
}

/// A bubble: filled with `fill`, or hatched with a dashed outline for
/// claimed-only (the pattern `#map-hatch` is defined once by the page).
fn bubble(r: f64, fill: Option<String>) -> String {
    let c = BOX / 2.0;
    let (fill, extra) = match fill {
        Some(f) => (f, ""),
        None => ("url(#map-hatch)".to_owned(), " stroke-dasharray=\"3 2\""),
    };
    format!(
        "<svg class=\"bubble\" width=\"{BOX}\" height=\"{BOX}\" viewBox=\"0 0 {BOX} {BOX}\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"{c}\" cy=\"{c}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"#1d2330\" stroke-width=\"1.5\"{extra}/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_is_proportional_to_the_count() {
        let a = radius(4, 4);
        let b = radius(1, 4);
        assert!((a * a / (b * b) - 4.0).abs() < 1e-9);
        assert_eq!(radius(0, 0), 0.0);
        assert!(radius(1, 10_000) >= R_MIN);
    }

    #[test]
    fn the_query_is_the_catalogues() {
        assert_eq!(
            cell_query("target-groups", "children", "short"),
            "?result-level=short&target-groups=children"
        );
        assert_eq!(
            cell_query("activity-types", "legal-help", "effect"),
            "?activity-types=legal-help&result-level=effect"
        );
    }

    #[test]
    fn levels_darken() {
        assert_eq!(colour(0, 4), "#c6dbef");
        assert_eq!(colour(3, 4), "#08306b");
        assert_eq!(colour(0, 1), "#08306b");
    }
}
