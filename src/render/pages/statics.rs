//! Files copied as they are: the theme's static files (`static/…`) and the
//! documents attached to practices (`files/<practice>/…`). A Markdown
//! document is the exception: it becomes a page of the site
//! (`files/<practice>/<name>.html`, in every UI language), sanitized like a
//! practice's body, because a browser shows a raw `.md` as plain text or
//! offers to download it.

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
    template: Some("document.html"),
    view: Some(|| schemars::schema_for!(DocumentPage)),
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

/// What `document.html` receives: an attached Markdown document.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct DocumentPage {
    /// The document's title, as the practice lists it.
    pub doc_title: String,
    /// The practice it is attached to.
    pub practice_title: String,
    pub practice_href: String,
    /// The document, sanitized HTML.
    pub body: String,
}

/// Whether an attachment is a Markdown document, rendered as a page.
pub fn is_markdown(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The page a Markdown attachment becomes: `guide.md` → `guide.html`.
pub fn markdown_page(path: &str) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    format!("{stem}.html")
}

fn render_attachments(cx: &Cx) -> Result<(), String> {
    let site = cx.lx.site;
    // An attachment named by two documents is copied (or rendered) once.
    let mut done = BTreeSet::new();
    // The version this language's reader is shown comes first, so a
    // Markdown page takes its document title from it.
    let ordered = site.practices.iter().flat_map(|o| {
        let shown = cx.lx.shown(o);
        let mut v = site.versions(o);
        v.sort_by_key(|d| d.id != shown.id);
        v
    });
    for p in ordered {
        let reports = p
            .model
            .justification
            .iter()
            .filter_map(|j| j.external_evaluation.as_ref())
            .filter_map(|e| e.report.as_ref()?.file.as_ref())
            .map(|f| (f, None));
        let files = p
            .model
            .documents
            .iter()
            .filter_map(|d| d.file.as_ref().map(|f| (f, Some(d.title.as_str()))));
        for (f, title) in files.chain(reports) {
            let owner = site.file_owner(p, f);
            let Some(dir) = site.reg.bundle_dirs.get(owner) else {
                continue;
            };
            let path = Route::Attachment(owner.as_str(), &f.value).path();
            if is_markdown(&f.value) {
                let page = markdown_page(&path);
                if done.insert(page.clone()) && cx.wanted_path(&page) {
                    // The file was checked when the registry loaded (D-
                    // and V-rules on references); unreadable now is an
                    // error of the build, not a page left out.
                    let text = std::fs::read_to_string(dir.join(&f.value))
                        .map_err(|e| format!("{}: {e}", dir.join(&f.value).display()))?;
                    let body = crate::render::markdown::render(&text);
                    let doc_title = title.map_or_else(|| f.value.clone(), str::to_owned);
                    let shown = cx.lx.shown(site.original(&p.id).unwrap_or(p));
                    let view = DocumentPage {
                        doc_title: doc_title.clone(),
                        practice_title: shown.model.title.value.clone(),
                        practice_href: Route::Practice(shown.id.as_str()).path(),
                        body: body.html,
                    };
                    let mut out = crate::render::frame::Page::new(
                        "document.html",
                        page,
                        doc_title,
                        shown.model.summary.value.clone(),
                        crate::render::frame::ctx(&view),
                    );
                    out.content_lang = Some(site.practice_lang(p).to_owned());
                    cx.emit(out)?;
                }
                continue;
            }
            if cx.is_default_lang() && done.insert(path.clone()) {
                (cx.put)(OutFile {
                    path,
                    content: Content::Copy(dir.join(&f.value)),
                })?;
            }
        }
    }
    Ok(())
}
