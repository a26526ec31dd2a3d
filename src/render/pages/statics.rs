//! Files copied as they are: the theme's static files (`static/…`) and the
//! documents attached to practices (`files/<practice>/…`).

use crate::model::practice::Practice;
use crate::model::{Doc, Registry};
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile};
use std::collections::BTreeSet;

pub const KIND: Kind = Kind {
    name: "static",
    template: None,
    view: None,
    cards: false,
    shows: Shows::Nothing,
    owns: |k| matches!(k, PageKey::Static(_)),
    sitemap: None,
    render: render_static,
};

pub const ATTACHMENTS: Kind = Kind {
    name: "attachments",
    template: None,
    view: None,
    cards: false,
    shows: Shows::Some(attachment_keys),
    owns: |k| matches!(k, PageKey::Attachment(_)),
    sitemap: None,
    render: render_attachments,
};

fn attachment_keys(_: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    vec![PageKey::Attachment(p.id.to_string())]
}

fn render_static(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    for (name, bytes) in &cx.theme.statics {
        (cx.put)(OutFile {
            path: Route::Static(name).path(),
            content: Content::Bytes(bytes.clone()),
        })?;
    }
    Ok(())
}

fn render_attachments(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    let site = cx.lx.site;
    // An attachment named by two documents is copied once.
    let mut done = BTreeSet::new();
    for p in site.practices.iter().flat_map(|p| site.versions(p)) {
        let reports = p
            .model
            .justification
            .iter()
            .filter_map(|j| j.external_evaluation.as_ref())
            .filter_map(|e| e.report.as_ref()?.file.as_ref());
        let files = p.model.documents.iter().filter_map(|d| d.file.as_ref());
        for f in files.chain(reports) {
            let owner = site.file_owner(p, f);
            let Some(dir) = site.reg.bundle_dirs.get(owner) else {
                continue;
            };
            let path = Route::Attachment(owner.as_str(), &f.value).path();
            if done.insert(path.clone()) {
                (cx.put)(OutFile {
                    path,
                    content: Content::Copy(dir.join(&f.value)),
                })?;
            }
        }
    }
    Ok(())
}
