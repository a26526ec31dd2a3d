//! `404.html`: served by static hosts for any missing path; it exists
//! once, at the root, in the default language.

use crate::render::frame::Page;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};

pub const KIND: Kind = Kind {
    name: "not-found",
    template: Some("404.html"),
    view: Some(|| schemars::schema_for!(crate::render::kind::NoView)),
    cards: false,
    shows: Shows::Nothing,
    owns: |k| matches!(k, PageKey::NotFound),
    sitemap: None,
    render,
};

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() || !cx.wanted(&Route::NotFound) {
        return Ok(());
    }
    let lx = cx.lx;
    cx.emit(Page::new(
        "404.html",
        Route::NotFound.path(),
        lx.t("not_found_title"),
        lx.t("not_found_text"),
        serde_json::json!({}),
    ))
}
