//! The page of one rubric, `rubrics/<id>/`: what good and poor practice
//! look like per criterion, and the published reviews that rate against it.

use crate::model::rubric::Criterion;
use crate::render::frame::Page;
use crate::render::frame::ctx;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::lang::Lx;
use crate::render::routes::{PageKey, Route};
use schemars::JsonSchema;
use serde::Serialize;

pub const KIND: Kind = Kind {
    name: "rubric",
    template: Some("rubric.html"),
    view: Some(|| schemars::schema_for!(RubricPage)),
    cards: false,
    // It names the practices rated against it.
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Rubric(_)),
    sitemap: None,
    render,
};

#[derive(Serialize, JsonSchema)]
pub struct RubricPage {
    pub rubric: RubricView,
    pub rated: Vec<Rated>,
}

#[derive(Serialize, JsonSchema)]
pub struct RubricView {
    pub title: String,
    pub description: Option<String>,
    pub criteria: Vec<CriterionView>,
}

#[derive(Serialize, JsonSchema)]
pub struct CriterionView {
    pub id: String,
    pub label: String,
    pub good: Option<String>,
    pub poor: Option<String>,
    pub children: Vec<CriterionView>,
}

/// A review that rates against the rubric.
#[derive(Serialize, JsonSchema)]
pub struct Rated {
    pub title: String,
    pub href: String,
    pub reviewer: String,
    pub date: String,
}

fn criteria(lx: &Lx, list: &[Criterion]) -> Vec<CriterionView> {
    list.iter()
        .map(|c| CriterionView {
            id: c.id.value.to_string(),
            label: lx.loc(&c.label),
            good: c.good.as_ref().map(|g| lx.loc(g)),
            poor: c.poor.as_ref().map(|g| lx.loc(g)),
            children: criteria(lx, &c.children),
        })
        .collect()
}

fn render(cx: &Cx) -> Result<(), String> {
    let lx = cx.lx;
    let site = lx.site;
    for r in site.reg.rubrics.values() {
        let route = Route::Rubric(r.id.as_str());
        if !cx.wanted(&route) {
            continue;
        }
        let title = lx.loc(&r.model.title);
        let rated = site
            .reviews
            .iter()
            .flat_map(|(id, rs)| rs.iter().map(move |rv| (id, rv)))
            .filter(|(_, rv)| rv.model.rubric.as_ref().is_some_and(|x| x.value == r.id))
            .filter_map(|(id, rv)| {
                let p = lx.shown(site.original(id)?);
                Some(Rated {
                    title: p.model.title.value.clone(),
                    href: format!("{}#evidence", Route::Practice(p.id.as_str()).path()),
                    reviewer: rv.model.by(),
                    date: rv.model.date.value.to_string(),
                })
            })
            .collect();
        let view = RubricPage {
            rubric: RubricView {
                title: title.clone(),
                description: r.model.description.as_ref().map(|d| lx.loc(d)),
                criteria: criteria(lx, &r.model.criteria),
            },
            rated,
        };
        cx.emit(Page::new(
            "rubric.html",
            route.path(),
            title,
            lx.t("rubric_lead"),
            ctx(&view),
        ))?;
    }
    Ok(())
}
