//! The page of one practice, `practices/<id>/`, and with it the practice's
//! comparison data (`compare/<id>.json`, built from the same view).

pub mod build;
pub mod charts;
pub mod review;
pub mod view;

use crate::model::practice::Practice;
use crate::model::{Doc, Registry};
use crate::render::components::facets::filter_attrs;
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

pub const KIND: Kind = Kind {
    name: "practice",
    template: Some("practice.html"),
    view: Some(|| schemars::schema_for!(PracticePage)),
    cards: false,
    shows: Shows::Some(shows),
    owns: |k| matches!(k, PageKey::Practice(_)),
    // The sitemap lists each practice once, at its original's address
    // (every language's page there is the shown version or a redirect
    // to it, which names it canonical).
    sitemap: Some(|site| {
        site.practices
            .iter()
            .map(|p| Route::Practice(p.id.as_str()))
            .collect()
    }),
    render,
};

/// A practice is shown on the pages of all its versions (one page per
/// UI language, and redirects at the other versions' addresses).
fn shows(reg: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    let original = p.original_id();
    let mut keys = vec![
        PageKey::Practice(p.id.to_string()),
        PageKey::Practice(original.to_string()),
    ];
    keys.extend(
        reg.practices
            .values()
            .filter(|o| {
                o.model
                    .translation_of
                    .as_ref()
                    .is_some_and(|t| t.value == *original)
            })
            .map(|o| PageKey::Practice(o.id.to_string())),
    );
    keys
}

/// What `practice.html` receives besides the frame.
#[derive(Serialize, JsonSchema)]
pub struct PracticePage {
    pub p: view::PracticeView,
    /// "Described in English" on a page of another UI language.
    pub lang_note: Option<String>,
    /// pagefind filter attributes (`facet:value`).
    pub filters: Vec<String>,
}

fn render(cx: &Cx) -> Result<(), String> {
    let lx = cx.lx;
    let site = lx.site;
    // Each context is built, rendered, written and dropped on one worker.
    site.practices.par_iter().try_for_each(|original| {
        let p = site.shown(original, lx.lang);
        let route = Route::Practice(p.id.as_str());
        for v in site.versions(original) {
            if v.id != p.id {
                redirect(cx, Route::Practice(v.id.as_str()), &route, &p.model.title.value)?;
            }
        }
        // The comparison data comes from the page's own view, and is the
        // practice's, under its original's id (the shown version's page
        // may have another).
        let page_wanted = cx.wanted(&route);
        let compare_wanted = cx.wanted(&Route::CompareData(original.id.as_str()));
        if !page_wanted && !compare_wanted {
            return Ok(());
        }
        let Some(body) = cx.bodies.get(&p.id) else {
            return Ok(());
        };
        let view = build::practice(lx, p, body);
        if compare_wanted {
            (cx.put)(super::compare::compare_data(lx, &original.id, &view)?)?;
        }
        if !page_wanted {
            return Ok(());
        }
        let org = site.reg.organizations.get(&p.model.organization.value);
        let lang = site.practice_lang(p).to_owned();
        let alternates = site
            .languages
            .iter()
            .map(|l| {
                let shown = site.shown(original, l);
                (l.to_string(), Route::Practice(shown.id.as_str()).path())
            })
            .collect();
        let page = Page {
            template: "practice.html",
            path: route.path(),
            title: p.model.title.value.clone(),
            description: p.model.summary.value.clone(),
            ctx: ctx(&PracticePage {
                p: view,
                lang_note: (lang != lx.lang).then(|| lx.t(&format!("described_in_{lang}"))),
                filters: filter_attrs(lx, original),
            }),
            content_lang: Some(lang.clone()),
            alternates,
            json_ld: Some(json!({
                "@context": "https://schema.org",
                "@type": "CreativeWork",
                "name": p.model.title.value,
                "description": p.model.summary.value,
                "inLanguage": lang,
                "dateModified": p.model.updated.value.to_string(),
                "url": format!("{}/{}{}", site.opts.base_url, site.prefix(lx.lang), route.dir_url()),
                "author": org.map(|o| json!({"@type": "NGO", "name": lx.loc(&o.model.name)})),
                "keywords": p.model.target_groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
            })),
        };
        cx.emit(page)?;
        cx.progress.inc(1);
        Ok(())
    })
}

/// What `redirect.html` receives besides the frame.
#[derive(Serialize, JsonSchema)]
pub struct RedirectPage {
    /// Where the reader goes, relative to the language root.
    pub to: String,
    /// Its absolute address, named canonical.
    pub to_canonical: String,
    /// The title of the page gone to.
    pub to_title: String,
}

/// The page at another version's address in this UI language: it
/// names the shown version canonical and links to it (with a refresh,
/// no script).
fn redirect(cx: &Cx, at: Route, to: &Route, title: &str) -> Result<(), String> {
    if !cx.wanted(&at) {
        return Ok(());
    }
    let mut page = Page::new(
        "redirect.html",
        at.path(),
        title.to_owned(),
        String::new(),
        ctx(&RedirectPage {
            to: to.dir_url(),
            to_canonical: format!(
                "{}/{}{}",
                cx.lx.site.opts.base_url,
                cx.lx.site.prefix(cx.lx.lang),
                to.dir_url()
            ),
            to_title: title.to_owned(),
        }),
    );
    page.alternates = cx
        .lx
        .site
        .languages
        .iter()
        .map(|l| (l.to_string(), to.path()))
        .collect();
    cx.emit(page)
}
