//! `sitemap.xml`, `feed.xml` (Atom) and `robots.txt`, built together when
//! one is wanted. The sitemap lists, in every language, the pages each
//! kind declares in [`super::Kind::sitemap`].

use crate::model::registry::RegistryConfig;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile};

pub const KIND: Kind = Kind {
    name: "feeds",
    template: None,
    view: None,
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::Feed | PageKey::Sitemap | PageKey::Robots),
    sitemap: None,
    render,
};

fn bytes(route: Route, b: Vec<u8>) -> OutFile {
    OutFile {
        path: route.path(),
        content: Content::Bytes(b),
    }
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    let wanted = [Route::Sitemap, Route::Feed, Route::Robots]
        .iter()
        .any(|r| cx.wanted(r));
    if wanted {
        for f in feeds(cx.lx, cx.cfg) {
            (cx.put)(f)?;
        }
    }
    Ok(())
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn feeds(lx: &crate::render::lang::Lx, cfg: &RegistryConfig) -> Vec<OutFile> {
    let site = lx.site;
    let base = &site.opts.base_url;
    let mut urls: Vec<String> = Vec::new();
    let routes = super::KINDS
        .iter()
        .filter_map(|k| k.sitemap)
        .flat_map(|listed| listed(site));
    for r in routes {
        let d = r.dir_url();
        for l in &site.languages {
            urls.push(format!("{base}/{}{d}", site.prefix(l)));
        }
    }
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in &urls {
        sitemap.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(u)));
    }
    sitemap.push_str("</urlset>\n");

    let lang = site.default_lang;
    let title = cfg.title.get(lang, lang);
    // Entries: every published description (at its `updated` date) and
    // every published review (at its date: a new review, and the levels
    // it verified or changed), newest first, the latest 50.
    let mut entries: Vec<(crate::model::common::Date, String, String)> = Vec::new();
    for p in site.practices.iter().map(|p| site.shown(p, lang)) {
        let url = format!("{base}/{}", Route::Practice(p.id.as_str()).dir_url());
        let org = site
            .reg
            .organizations
            .get(&p.model.organization.value)
            .map(|o| o.model.name.get(lang, lang).to_owned())
            .unwrap_or_default();
        entries.push((
            p.model.updated.value,
            url.clone(),
            format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
                xml_escape(&p.model.title.value),
                xml_escape(&url),
                xml_escape(&url),
                p.model.updated.value,
                xml_escape(&org),
                xml_escape(&p.model.summary.value),
            ),
        ));
    }
    for (id, reviews) in &site.reviews {
        let Some(p) = site.original(id).map(|o| site.shown(o, lang)) else {
            continue;
        };
        let page = format!("{base}/{}", Route::Practice(p.id.as_str()).dir_url());
        let changes_of = crate::render::pages::practice::review::level_changes(lx, reviews);
        for (r, changes) in reviews.iter().zip(changes_of) {
            let m = &r.model;
            let status = lx.t(&format!("review_status_{}", m.status.as_str()));
            let changes: Vec<String> = changes
                .unwrap_or_default()
                .into_iter()
                .map(|ch| {
                    format!(
                        "{}: {}{}",
                        ch.dimension,
                        ch.from.map(|b| format!("{b} → ")).unwrap_or_default(),
                        ch.to
                    )
                })
                .collect();
            let entry_id = format!("{page}#review-{}-{}", m.date.value, r.reviewer_id);
            let summary = if changes.is_empty() {
                status.clone()
            } else {
                format!("{status}. {}", changes.join("; "))
            };
            entries.push((
                *m.date.value,
                entry_id.clone(),
                format!(
                    "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
                    xml_escape(&format!("{}: {} — {}", lx.t("feed_review"), p.model.title.value, status)),
                    xml_escape(&entry_id),
                    xml_escape(&format!("{page}#evidence")),
                    *m.date.value,
                    xml_escape(&m.by()),
                    xml_escape(&summary),
                ),
            ));
        }
    }
    entries.sort_by(|a, b| (b.0, &a.1).cmp(&(a.0, &b.1)));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |e| e.0.to_string());
    // Every value is escaped, settings included: a base URL is checked
    // where it enters, but the writer does not rely on it.
    let home = xml_escape(&format!("{base}/"));
    let mut feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{home}</id>\n  <link href=\"{home}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        xml_escape(lang),
        xml_escape(title),
        xml_escape(&format!("{base}/{}", Route::Feed.path())),
    );
    for (_, _, entry) in entries.iter().take(50) {
        feed.push_str(entry);
    }
    feed.push_str("</feed>\n");
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {base}/{}\n",
        Route::Sitemap.path()
    );
    vec![
        bytes(Route::Sitemap, sitemap.into_bytes()),
        bytes(Route::Feed, feed.into_bytes()),
        bytes(Route::Robots, robots.into_bytes()),
    ]
}
