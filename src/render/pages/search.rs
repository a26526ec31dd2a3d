//! `/search/`: a shell the search script fills from the pagefind index;
//! without JavaScript it says where to go instead.

use crate::render::components::facets::{FacetDef, facet_defs};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use schemars::JsonSchema;
use serde::Serialize;

pub const KIND: Kind = Kind {
    name: "search",
    template: Some("search.html"),
    view: Some(|| schemars::schema_for!(SearchView)),
    cards: false,
    // Its filters list the languages of the practices.
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Search),
    sitemap: None,
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct SearchView {
    pub facets: Vec<FacetDef>,
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.wanted(&Route::Search) {
        return Ok(());
    }
    let lx = cx.lx;
    cx.emit(Page::new(
        "search.html",
        Route::Search.path(),
        lx.t("search_title"),
        lx.t("search_lead"),
        ctx(&SearchView {
            facets: facet_defs(lx),
        }),
    ))
}
