//! Open data and feeds: `data/practices.json`, `data/practices/<id>.json`,
//! `data/indicators.csv`, `sitemap.xml`, `feed.xml` (Atom), `robots.txt`.
//! All of it derived from the published practices, in a stable order.

use super::format::percent;
use super::{Content, OutFile, Site};
use crate::model::registry::RegistryConfig;
use serde_json::json;

fn bytes(path: impl Into<String>, b: Vec<u8>) -> OutFile {
    OutFile {
        path: path.into(),
        content: Content::Bytes(b),
    }
}

/// The JSON of one practice as published: its id, its front matter, and
/// the figures the site computes (shares, costs per family and child).
fn practice_json(
    site: &Site,
    p: &crate::model::Doc<crate::model::practice::Practice>,
) -> serde_json::Value {
    let verified = site.verified.get(&p.id).cloned().unwrap_or_default();
    json!({
        "id": p.id,
        "url": format!("{}/practices/{}/", site.opts.base_url, p.id),
        "practice": p.model,
        "verified_levels": verified,
        "computed": {
            "result_costs": p.model.result_costs.iter().map(|c| json!({
                "result": c.result, "year": c.year, "per_family": c.per_family(), "per_child": c.per_child(),
            })).collect::<Vec<_>>(),
        },
    })
}

/// The open data files `want` accepts (`dokaz serve` re-renders one
/// practice's file without serializing every other).
pub fn open_data(site: &Site, want: super::Want) -> Result<Vec<OutFile>, String> {
    let mut out = Vec::new();
    // The JSON of every practice is built once when the whole list is
    // wanted (a full build), else only for the files wanted.
    let want_all = want("data/practices.json");
    let all: Vec<serde_json::Value> = if want_all {
        site.practices
            .iter()
            .map(|p| practice_json(site, p))
            .collect()
    } else {
        Vec::new()
    };
    for (i, p) in site.practices.iter().enumerate() {
        let path = format!("data/practices/{}.json", p.id);
        if want(&path) {
            let text = match all.get(i) {
                Some(v) => serde_json::to_vec_pretty(v),
                None => serde_json::to_vec_pretty(&practice_json(site, p)),
            }
            .map_err(|e| e.to_string())?;
            out.push(bytes(path, text));
        }
    }
    if want_all {
        out.push(bytes(
            "data/practices.json",
            serde_json::to_vec_pretty(&all).map_err(|e| e.to_string())?,
        ));
    }
    if !want("data/indicators.csv") {
        return Ok(out);
    }
    let mut csv =
        String::from("practice,indicator,name,result,unit,year,value,of,share_percent,note\n");
    for p in &site.practices {
        for i in &p.model.indicators {
            for v in &i.values {
                let share =
                    v.of.as_ref()
                        .and_then(|of| percent(v.value.value, of.value));
                let row = [
                    p.id.to_string(),
                    i.id.to_string(),
                    i.name.clone(),
                    i.result.to_string(),
                    i.unit().as_str().to_owned(),
                    v.year.value.0.to_string(),
                    v.value.value.to_string(),
                    v.of.as_ref()
                        .map(|o| o.value.to_string())
                        .unwrap_or_default(),
                    share.map(|s| s.to_string()).unwrap_or_default(),
                    v.note.clone().unwrap_or_default(),
                ];
                csv.push_str(
                    &row.iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                csv.push('\n');
            }
        }
    }
    out.push(bytes("data/indicators.csv", csv.into_bytes()));
    Ok(out)
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'`
/// so that a spreadsheet never evaluates content as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.parse::<f64>().is_err()) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

pub fn feeds(site: &Site, cfg: &RegistryConfig) -> Vec<OutFile> {
    let base = &site.opts.base_url;
    let mut urls: Vec<String> = Vec::new();
    let mut dirs = vec![
        String::new(),
        "practices/".into(),
        "results/".into(),
        "evidence/".into(),
        "reviews/".into(),
    ];
    dirs.extend(
        site.practices
            .iter()
            .map(|p| format!("practices/{}/", p.id)),
    );
    dirs.extend(
        site.reg
            .organizations
            .keys()
            .map(|id| format!("organizations/{id}/")),
    );
    for (tax, path) in super::views::TAXONOMY_PATHS {
        if let Some(t) = site.reg.taxonomies.get(*tax) {
            dirs.extend(
                t.all_terms()
                    .iter()
                    .map(|term| format!("{path}/{}/", term.id.value)),
            );
        }
    }
    for d in &dirs {
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
    let mut entries: Vec<_> = site.practices.clone();
    entries.sort_by(|a, b| (b.model.updated.value, &a.id).cmp(&(a.model.updated.value, &b.id)));
    let updated = entries.first().map_or_else(
        || "1970-01-01".to_owned(),
        |p| p.model.updated.value.to_string(),
    );
    let mut feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n  <id>{base}/</id>\n  <link href=\"{base}/\"/>\n  <link rel=\"self\" href=\"{base}/feed.xml\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        xml_escape(title)
    );
    for p in entries.iter().take(50) {
        let url = format!("{base}/practices/{}/", p.id);
        let org = site
            .reg
            .organizations
            .get(&p.model.organization.value)
            .map(|o| o.model.name.get(lang, lang).to_owned())
            .unwrap_or_default();
        feed.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&p.model.title.value),
            xml_escape(&url),
            xml_escape(&url),
            p.model.updated.value,
            xml_escape(&org),
            xml_escape(&p.model.summary.value),
        ));
    }
    feed.push_str("</feed>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n");
    vec![
        bytes("sitemap.xml", sitemap.into_bytes()),
        bytes("feed.xml", feed.into_bytes()),
        bytes("robots.txt", robots.into_bytes()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting_and_formula_guard() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1.5"), "-1.5");
    }
}
