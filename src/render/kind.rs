//! A kind of page, as the renderer and `dokaz serve` see it: its name,
//! its template, the view its template receives, what it shows (so that
//! serve knows which edits make its pages stale, see `serve::deps`), the
//! pages the sitemap lists, and the function that renders its pages for
//! one UI language with a [`Cx`]. The kinds themselves are in
//! [`super::pages`].

use super::OutFile;
use super::Want;
use super::frame::Page;
use super::lang::Lx;
use super::markdown::Rendered;
use super::routes::{PageKey, Route};
use super::site::Site;
use super::theme::Theme;
use crate::model::common::Id;
use crate::model::practice::Practice;
use crate::model::registry::RegistryConfig;
use crate::model::{Doc, Registry};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What the pages of a kind show of the registry.
pub enum Shows {
    /// No practice (the 404 page, static files): only the theme and the
    /// registry's settings make them stale.
    Nothing,
    /// Every practice (listings, counts, open data, feeds): any edit of a
    /// practice, a review or an organization makes every page of the kind
    /// stale.
    EveryPractice,
    /// Some practices: the keys of its pages that show `p` (asked of the
    /// registry before and after an edit).
    Some(fn(&Registry, &Doc<Practice>) -> Vec<PageKey>),
}

/// One kind of page.
pub struct Kind {
    pub name: &'static str,
    /// The template its pages are rendered with (`None` for data files).
    pub template: Option<&'static str>,
    /// The JSON Schema of the view its template receives besides the
    /// [`super::frame::Frame`] (`None` for data files): the template test
    /// holds every variable a template reads against it.
    pub view: Option<fn() -> schemars::Schema>,
    /// Whether its pages embed practice cards (`card.html`).
    pub cards: bool,
    pub shows: Shows,
    /// Whether an output file's key is one of this kind's.
    pub owns: fn(&PageKey) -> bool,
    /// The pages of the kind the sitemap lists (`None`: not listed, as
    /// the search and comparison shells and data files).
    pub sitemap: Option<Listed>,
    /// Renders the kind's files for one UI language, through [`Cx::emit`]
    /// and [`Cx::put`].
    pub render: fn(&Cx) -> Result<(), String>,
}

/// The routes of a kind's pages, for the sitemap.
pub type Listed = for<'a, 'b> fn(&'a Site<'b>) -> Vec<Route<'a>>;

/// What a page kind renders with: the language, the theme, what the
/// caller wants rendered and where files go.
pub struct Cx<'a> {
    pub lx: &'a Lx<'a>,
    pub theme: &'a Theme,
    /// The theme's templates for this language ([`Theme::localized`]).
    pub tera: &'a tera::Tera,
    pub cfg: &'a RegistryConfig,
    pub want: Want<'a>,
    pub put: &'a (dyn Fn(OutFile) -> Result<(), String> + Sync),
    /// Practice bodies, rendered once for every language.
    pub bodies: &'a BTreeMap<&'a Id, Rendered>,
    pub org_bodies: &'a BTreeMap<&'a Id, Rendered>,
    pub progress: &'a indicatif::ProgressBar,
    cards: OnceLock<Result<BTreeMap<&'a Id, String>, String>>,
    map: OnceLock<super::pages::map::MapView>,
}

impl<'a> Cx<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        lx: &'a Lx<'a>,
        theme: &'a Theme,
        tera: &'a tera::Tera,
        cfg: &'a RegistryConfig,
        want: Want<'a>,
        put: &'a (dyn Fn(OutFile) -> Result<(), String> + Sync),
        bodies: &'a BTreeMap<&'a Id, Rendered>,
        org_bodies: &'a BTreeMap<&'a Id, Rendered>,
        progress: &'a indicatif::ProgressBar,
    ) -> Cx<'a> {
        Cx {
            lx,
            theme,
            tera,
            cfg,
            want,
            put,
            bodies,
            org_bodies,
            progress,
            cards: OnceLock::new(),
            map: OnceLock::new(),
        }
    }

    /// The gap map of this language, computed once for the pages that
    /// show it (`/map/` and the home page's overview).
    pub fn map_view(&self) -> &super::pages::map::MapView {
        self.map
            .get_or_init(|| super::pages::map::map_view(self.lx))
    }

    /// The output path of a route in this language.
    pub fn out_path(&self, route: &Route) -> String {
        if route.localized() {
            format!("{}{}", self.lx.site.prefix(self.lx.lang), route.path())
        } else {
            route.path()
        }
    }

    /// Whether a page at `path` (before its language prefix) is wanted.
    pub fn wanted_path(&self, path: &str) -> bool {
        (self.want)(&format!("{}{path}", self.lx.site.prefix(self.lx.lang)))
    }

    pub fn wanted(&self, route: &Route) -> bool {
        (self.want)(&self.out_path(route))
    }

    /// Whether this is the language that renders the files the site has
    /// once (data, feeds, static files, 404).
    pub fn is_default_lang(&self) -> bool {
        self.lx.lang == self.lx.site.default_lang
    }

    /// Renders a page with its template and hands it to the sink.
    pub fn emit(&self, page: Page) -> Result<(), String> {
        (self.put)(super::frame::render_page_with(
            self.lx, self.theme, self.tera, self.cfg, page,
        )?)
    }

    /// Every card of this language, as HTML. A card is rendered once and
    /// reused by every listing it appears in (catalogue, terms, home):
    /// listings then copy a string instead of rendering a card again.
    /// Links in a card start with [`super::frame::ROOT_MARK`], replaced by
    /// the page's own root.
    pub fn cards(&self) -> Result<&BTreeMap<&'a Id, String>, String> {
        use rayon::prelude::*;
        self.cards
            .get_or_init(|| {
                let lx = self.lx;
                lx.site
                    .practices
                    .par_iter()
                    .map(|p| {
                        let mut ctx = tera::Context::new();
                        ctx.insert("c", &super::components::card::card(lx, p));
                        ctx.insert("lroot", super::frame::ROOT_MARK);
                        ctx.insert("ui", lx.ui);
                        let html = self
                            .tera
                            .render("card.html", &ctx)
                            .map_err(|e| format!("card.html: {}", super::theme::error_chain(&e)))?;
                        Ok((&p.id, html))
                    })
                    .collect()
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The cards of `ids`, sorted by title as listings show them.
    pub fn cards_of<'i>(&self, ids: impl Iterator<Item = &'i Id>) -> Result<Vec<String>, String> {
        let cards = self.cards()?;
        let reg = self.lx.site.reg;
        let mut v: Vec<&Id> = ids.collect();
        v.sort_by_cached_key(|id| {
            let title = reg
                .practices
                .get(*id)
                .map(|p| self.lx.site.original(&p.id).unwrap_or(p))
                .map_or("", |p| self.lx.shown(p).model.title.value.as_str());
            (super::site::title_key(title), *id)
        });
        Ok(v.into_iter()
            .filter_map(|id| cards.get(id))
            .cloned()
            .collect())
    }
}

/// The view of a page that shows nothing but the frame.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct NoView {}
