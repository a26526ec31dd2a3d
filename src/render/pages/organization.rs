//! The page of one organization, `organizations/<id>/`: who they are and
//! the practices they run (a compact list, not cards: an organization may
//! run hundreds).

use crate::model::practice::Practice;
use crate::model::{Doc, Registry};
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::TermRef;
use crate::render::routes::{PageKey, Route, Taxonomy};
use crate::validate::links::is_safe_url;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

pub const KIND: Kind = Kind {
    name: "organization",
    template: Some("organization.html"),
    view: Some(|| schemars::schema_for!(OrganizationPage)),
    cards: false,
    shows: Shows::Some(shows),
    owns: |k| matches!(k, PageKey::Organization(_)),
    sitemap: Some(|site| {
        site.reg
            .organizations
            .keys()
            .map(|id| Route::Organization(id.as_str()))
            .collect()
    }),
    render,
};

fn shows(_: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    vec![PageKey::Organization(
        p.model.organization.value.to_string(),
    )]
}

#[derive(Serialize, JsonSchema)]
pub struct OrganizationPage {
    pub org: OrgView,
    pub practices: Vec<OwnPractice>,
}

#[derive(Serialize, JsonSchema)]
pub struct OrgView {
    pub name: String,
    pub website: Option<String>,
    pub founded: Option<i32>,
    pub regions: Vec<TermRef>,
    pub contacts: Vec<OrgContact>,
    /// The Markdown body, sanitized HTML.
    pub body: String,
}

#[derive(Serialize, JsonSchema)]
pub struct OrgContact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct OwnPractice {
    pub title: String,
    pub href: String,
    pub status: String,
    pub lang: Option<String>,
}

fn render(cx: &Cx) -> Result<(), String> {
    let lx = cx.lx;
    let site = lx.site;
    let reg = site.reg;
    let orgs: Vec<_> = reg.organizations.iter().collect();
    orgs.par_iter().try_for_each(|(id, o)| {
        let route = Route::Organization(id.as_str());
        if !cx.wanted(&route) {
            return Ok(());
        }
        let mut own: Vec<OwnPractice> = site
            .practices
            .iter()
            .filter(|p| p.model.organization.value == **id)
            .map(|p| lx.shown(p))
            .map(|p| OwnPractice {
                title: p.model.title.value.clone(),
                href: Route::Practice(p.id.as_str()).path(),
                status: lx.t(&format!("status_{}", p.model.status.as_str())),
                lang: p.model.language.as_ref().map(|l| l.value.clone()),
            })
            .collect();
        own.sort_by(|a, b| a.title.cmp(&b.title));
        let name = lx.loc(&o.model.name);
        let Some(body) = cx.org_bodies.get(id) else {
            return Ok(());
        };
        let website = o
            .model
            .website
            .as_ref()
            .filter(|u| is_safe_url(u))
            .map(|u| u.value.clone());
        let view = OrganizationPage {
            org: OrgView {
                name: name.clone(),
                website: website.clone(),
                founded: o.model.founded.as_ref().map(|y| y.value.0),
                regions: o
                    .model
                    .regions
                    .iter()
                    .map(|r| lx.term(Taxonomy::Regions, &r.value))
                    .collect(),
                contacts: o
                    .model
                    .contacts
                    .iter()
                    .map(|c| OrgContact {
                        name: c.name.clone(),
                        role: c.role.clone(),
                        email: c.email.as_ref().map(|e| e.value.clone()),
                        phone: c.phone.as_ref().map(|e| e.value.clone()),
                    })
                    .collect(),
                body: body.html.clone(),
            },
            practices: own,
        };
        cx.emit(Page {
            template: "organization.html",
            path: route.path(),
            title: name.clone(),
            description: body.first_paragraph.clone(),
            ctx: ctx(&view),
            content_lang: Some(
                o.model
                    .language
                    .as_ref()
                    .map_or(site.default_lang, |l| l.value.as_str())
                    .to_owned(),
            ),
            alternates: Default::default(),
            json_ld: Some(json!({"@context": "https://schema.org", "@type": "NGO", "name": name, "url": website, "foundingDate": o.model.founded.as_ref().map(|y| y.value.0.to_string())})),
        })
    })
}
