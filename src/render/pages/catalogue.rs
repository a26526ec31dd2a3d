//! The catalogue, `practices/` with its pager pages, and
//! `practices/catalogue.json`, the data its filters and sorting use (every
//! practice, compact; the cards the script draws are built from it with
//! `textContent`, never as HTML).

use crate::render::components::card::card;
use crate::render::components::facets::{
    FacetDef, FacetTree, evidence_rank, facet_defs, facet_trees, facets_of,
};
use crate::render::frame::ctx;
use crate::render::frame::{Page, truncate};
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::paginate::{Pager, paginate};
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

pub const KIND: Kind = Kind {
    name: "catalogue",
    template: Some("catalogue.html"),
    view: Some(|| schemars::schema_for!(CatalogueView)),
    cards: true,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Catalogue),
    sitemap: Some(|_| vec![Route::Catalogue(1)]),
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct CatalogueView {
    /// Cards (HTML) of this page.
    pub practices: Vec<String>,
    /// Practices in the whole catalogue.
    pub count: usize,
    pub pager: Pager,
    pub facets: Vec<FacetTree>,
    pub filter_facets: Vec<FacetDef>,
}

fn render(cx: &Cx) -> Result<(), String> {
    let lx = cx.lx;
    if cx.wanted(&Route::Catalogue(1)) {
        let all = cx.cards_of(lx.site.practices.iter().map(|p| &p.id))?;
        let facets = facet_trees(lx);
        let filter_facets = facet_defs(lx);
        for (n, chunk, pager) in paginate(&all, |n| Route::Catalogue(n).path()) {
            let title = if n == 1 {
                lx.t("all_practices")
            } else {
                format!("{} ({n})", lx.t("all_practices"))
            };
            cx.emit(Page::new(
                "catalogue.html",
                Route::Catalogue(n).path(),
                title,
                lx.t("catalogue_lead"),
                ctx(&CatalogueView {
                    practices: chunk,
                    count: all.len(),
                    pager,
                    facets: facets.clone(),
                    filter_facets: filter_facets.clone(),
                }),
            ))?;
        }
    }
    // The filter data lists every practice: only when wanted.
    if cx.wanted(&Route::CatalogueData) {
        (cx.put)(catalogue_data(cx)?)?;
    }
    Ok(())
}

fn catalogue_data(cx: &Cx) -> Result<OutFile, String> {
    let lx = cx.lx;
    let practices: Vec<Value> = lx
        .site
        .practices
        .iter()
        .map(|doc| {
            let facets = facets_of(lx, doc);
            let card = card(lx, doc);
            let rank = evidence_rank(lx, &facets);
            let f: serde_json::Map<String, Value> = facets
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k, json!(v)))
                .collect();
            json!({
                "id": doc.id,
                "title": card.title,
                "href": card.href,
                "org": card.organization,
                "summary": truncate(&doc.model.summary.value, 240),
                "status": card.status,
                "updated": card.updated,
                "lang": card.lang,
                "evidence": card.evidence,
                "rank": rank,
                "f": f,
            })
        })
        .collect();
    let body = json!({"facets": facet_defs(lx), "practices": practices});
    Ok(OutFile {
        path: cx.out_path(&Route::CatalogueData),
        content: Content::Bytes(serde_json::to_vec(&body).map_err(|e| e.to_string())?),
    })
}
