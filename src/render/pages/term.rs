//! The listing of one taxonomy term, `<taxonomy>/<term>/` with its pager
//! pages: the bulk of the site's pages, rendered in parallel and handed to
//! the sink as they are built, so their contexts are never all held.

use crate::model::practice::Practice;
use crate::model::{Doc, Registry};
use crate::render::Site;
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::TermRef;
use crate::render::paginate::{Pager, paginate};
use crate::render::routes::{PageKey, Route, Taxonomy};
use crate::render::site::{practice_terms, with_ancestors};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

pub const KIND: Kind = Kind {
    name: "term",
    template: Some("term.html"),
    view: Some(|| schemars::schema_for!(TermPage)),
    cards: true,
    shows: Shows::Some(shows),
    owns: |k| matches!(k, PageKey::Term(..)),
    sitemap: Some(sitemap),
    render,
};

/// A practice is listed under its terms and their ancestors.
fn shows(reg: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    practice_terms(&p.model)
        .into_iter()
        .flat_map(|(tax, terms)| {
            with_ancestors(reg, tax, &terms)
                .into_iter()
                .map(move |t| PageKey::Term(tax, t.to_string()))
        })
        .collect()
}

#[derive(Serialize, JsonSchema)]
pub struct TermPage {
    pub term: TermView,
    /// Cards (HTML) of this page.
    pub practices: Vec<String>,
    /// Practices under the term.
    pub count: usize,
    pub pager: Pager,
}

#[derive(Serialize, JsonSchema)]
pub struct TermView {
    pub label: String,
    /// The taxonomy's label.
    pub taxonomy: String,
    pub parent: Option<TermRef>,
    pub children: Vec<TermRef>,
}

fn render(cx: &Cx) -> Result<(), String> {
    let lx = cx.lx;
    let site = lx.site;
    let reg = site.reg;
    let all_terms: Vec<_> = Taxonomy::ALL
        .into_iter()
        .filter_map(|tax| reg.taxonomies.get(tax.id()).map(|t| (tax, t)))
        .flat_map(|(tax, t)| t.all_terms().into_iter().map(move |term| (tax, t, term)))
        .filter(|(tax, _, term)| cx.wanted(&Route::Term(*tax, term.id.value.as_str(), 1)))
        .collect();
    all_terms.par_iter().try_for_each(|&(tax, t, term)| {
        let id = term.id.value.as_str();
        let ids = site
            .term_index
            .get(&tax)
            .and_then(|i| i.get(&term.id.value));
        let list = match ids {
            Some(s) => cx.cards_of(s.iter().copied())?,
            None => Vec::new(),
        };
        let label = lx.loc(&term.label);
        let view = TermView {
            label: label.clone(),
            taxonomy: lx.t(tax.facet_key()),
            parent: t
                .parents
                .get(&term.id.value)
                .cloned()
                .flatten()
                .map(|pid| lx.term(tax, &pid)),
            children: term
                .children
                .iter()
                .map(|c| lx.term(tax, &c.id.value))
                .collect(),
        };
        let view = &view;
        paginate(&list, |n| Route::Term(tax, id, n).path())
            .into_iter()
            .try_for_each(|(n, chunk, pager)| {
                cx.emit(Page::new(
                    "term.html",
                    Route::Term(tax, id, n).path(),
                    if n == 1 {
                        label.clone()
                    } else {
                        format!("{label} ({n})")
                    },
                    format!("{}: {label}", lx.t("term_lead")),
                    ctx(&TermPage {
                        term: TermView {
                            label: view.label.clone(),
                            taxonomy: view.taxonomy.clone(),
                            parent: view.parent.clone(),
                            children: view.children.clone(),
                        },
                        practices: chunk,
                        count: list.len(),
                        pager,
                    }),
                ))
            })
    })
}

/// The first page of every term's listing.
fn sitemap<'a>(site: &'a Site<'_>) -> Vec<Route<'a>> {
    Taxonomy::ALL
        .into_iter()
        .filter_map(|tax| site.reg.taxonomies.get(tax.id()).map(|t| (tax, t)))
        .flat_map(|(tax, t)| {
            t.all_terms()
                .into_iter()
                .map(move |term| Route::Term(tax, term.id.value.as_str(), 1))
        })
        .collect()
}
