//! The home page: counts, the newest and the latest updated practices, the
//! facets, an overview of the evidence.

use crate::model::Doc;
use crate::model::common::Id;
use crate::model::practice::Practice;
use crate::render::components::facets::{FacetTree, facet_trees};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeSet;

pub const KIND: Kind = Kind {
    name: "home",
    template: Some("home.html"),
    view: Some(|| schemars::schema_for!(HomeView)),
    cards: true,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Home),
    sitemap: Some(|_| vec![Route::Home]),
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct HomeView {
    pub counts: Counts,
    /// Cards (HTML) of the practices added to the registry last, none of
    /// them among `updated`.
    pub newest: Vec<String>,
    /// Cards (HTML) of the practices updated last.
    pub updated: Vec<String>,
    /// The facets, terms with no practice left out (the home page's entry
    /// points lead somewhere).
    pub facets: Vec<FacetTree>,
    pub is_home: bool,
    /// A chart of the results dimension (or the scheme's first).
    pub overview: Option<String>,
    /// The gap map's top-level target groups: the map's overview.
    pub map: Option<MiniMap>,
}

/// The gap map's first view, its top-level rows only.
#[derive(Serialize, JsonSchema)]
pub struct MiniMap {
    pub row_heading: String,
    pub columns: Vec<super::map::Column>,
    pub rows: Vec<super::map::MapRow>,
}

#[derive(Serialize, JsonSchema)]
pub struct Counts {
    pub practices: usize,
    pub organizations: usize,
    pub regions: usize,
    pub verified: usize,
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Home) {
        return Ok(());
    }
    let lx = cx.lx;
    let site = lx.site;
    let reg = site.reg;
    let cards = cx.cards()?;
    let take_six = |list: Vec<&Doc<Practice>>| -> Vec<String> {
        list.iter()
            .take(6)
            .filter_map(|p| cards.get(&p.id).cloned())
            .collect()
    };
    // "Recently updated" first: the six practices updated last. "New"
    // then lists the practices added to the registry last that are not
    // already above, so no card is shown twice. A practice's addition is
    // its file's first commit where the registry is a git repository, else
    // the year it was described (`described`), else the year it started.
    let mut by_updated = site.practices.clone();
    by_updated.sort_by(|a, b| (b.model.updated.value, &a.id).cmp(&(a.model.updated.value, &b.id)));
    by_updated.truncate(6);
    let shown: BTreeSet<&Id> = by_updated.iter().map(|p| &p.id).collect();
    let added = |p: &Doc<Practice>| {
        let first_commit = site
            .history
            .get(&p.id)
            .and_then(|h| h.last())
            .map(|c| c.date.clone());
        let year = p
            .model
            .described
            .as_ref()
            .unwrap_or(&p.model.started)
            .value
            .0;
        (first_commit, year)
    };
    let mut by_added: Vec<&Doc<Practice>> = site
        .practices
        .iter()
        .copied()
        .filter(|p| !shown.contains(&p.id))
        .collect();
    by_added.sort_by(|a, b| (added(b), &a.id).cmp(&(added(a), &b.id)));
    let regions: BTreeSet<&Id> = site
        .practices
        .iter()
        .flat_map(|p| p.model.regions.iter().map(|r| &r.value))
        .collect();
    let site_title = lx.loc(&cx.cfg.title);
    let view = HomeView {
        counts: Counts {
            practices: site.practices.len(),
            organizations: reg.organizations.len(),
            regions: regions.len(),
            verified: site.verified.values().filter(|v| !v.is_empty()).count(),
        },
        newest: take_six(by_added),
        updated: take_six(by_updated),
        facets: facet_trees(lx)
            .into_iter()
            .map(|mut f| {
                f.terms = with_practices(f.terms);
                f
            })
            .collect(),
        is_home: true,
        overview: lx.scheme().and_then(|s| {
            let dim = s
                .dimensions
                .iter()
                .find(|d| d.id.as_str() == "results")
                .or_else(|| s.dimensions.first())?;
            super::evidence::distribution_chart(lx, s, dim.id.as_str(), "chart-overview")
        }),
        map: {
            let m = cx.map_view();
            m.views.first().map(|v| MiniMap {
                row_heading: v.row_heading.clone(),
                columns: m.columns.clone(),
                rows: v.rows.iter().filter(|r| r.depth == 0).cloned().collect(),
            })
        },
    };
    let mut page = Page::new(
        "home.html",
        Route::Home.path(),
        site_title.clone(),
        cx.cfg
            .description
            .as_ref()
            .map(|d| lx.loc(d))
            .unwrap_or_default(),
        ctx(&view),
    );
    page.json_ld = Some(
        json!({"@context": "https://schema.org", "@type": "WebSite", "name": site_title, "url": format!("{}/", site.opts.base_url)}),
    );
    cx.emit(page)
}

/// The terms (and their children) that have practices.
fn with_practices(
    terms: Vec<crate::render::components::facets::TermCount>,
) -> Vec<crate::render::components::facets::TermCount> {
    terms
        .into_iter()
        .filter(|t| t.count > 0)
        .map(|mut t| {
            t.children = with_practices(t.children);
            t
        })
        .collect()
}
