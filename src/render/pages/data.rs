//! Open data: `data/practices.json`, `data/practices/<id>.json` and
//! `data/indicators.csv`, derived from the published practices in a
//! stable order.

use crate::model::practice::Practice;
use crate::model::{Doc, Registry};
use crate::render::components::cite;
use crate::render::format::percent;
use crate::render::kind::{Cx, Kind, Shows};
use crate::render::routes::{PageKey, Route};
use crate::render::{Content, OutFile, Site};
use serde_json::json;
use std::borrow::Cow;

pub const KIND: Kind = Kind {
    name: "open-data",
    template: None,
    view: None,
    cards: false,
    shows: Shows::EveryPractice,
    owns: |k| matches!(k, PageKey::OpenData),
    sitemap: None,
    render,
};

/// One practice's own file.
pub const PRACTICE_DATA: Kind = Kind {
    name: "practice-data",
    template: None,
    view: None,
    cards: false,
    shows: Shows::Some(practice_data_keys),
    owns: |k| matches!(k, PageKey::PracticeData(_)),
    // Rendered with the list, by `render`.
    sitemap: None,
    render: |_| Ok(()),
};

/// A practice's data is its original's (one record per practice).
fn practice_data_keys(_: &Registry, p: &Doc<Practice>) -> Vec<PageKey> {
    let original = p.original_id();
    vec![PageKey::PracticeData(original.to_string())]
}

fn bytes(path: String, b: Vec<u8>) -> OutFile {
    OutFile {
        path,
        content: Content::Bytes(b),
    }
}

fn render(cx: &Cx) -> Result<(), String> {
    if !cx.is_default_lang() {
        return Ok(());
    }
    open_data(cx.lx.site, cx.want, cx.put)
}
/// The JSON of one practice as published: its id, its front matter, and
/// the figures the site computes (shares, costs per family and child).
fn practice_json(site: &Site, p: &Doc<Practice>) -> serde_json::Value {
    let verified: serde_json::Map<String, serde_json::Value> = site
        .verified_of(&p.id)
        .map(|levels| {
            levels
                .iter()
                .map(|(dim, v)| {
                    let (due, overdue) = site.due(v);
                    (
                        dim.clone(),
                        json!({
                            "level": v.level,
                            "date": v.date,
                            "reviewer": v.reviewer,
                            "due": due,
                            "overdue": overdue,
                        }),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // One record per practice: the original's facts, and every version
    // (the original's texts included) with its language and address.
    let versions: Vec<serde_json::Value> = site
        .versions(p)
        .into_iter()
        .map(|v| {
            let lang = site.practice_lang(v);
            let prefix = if site.languages.contains(&lang) {
                site.prefix(lang)
            } else {
                String::new()
            };
            json!({
                "id": v.id,
                "language": lang,
                "original": v.id == p.id,
                "title": v.model.title.value,
                "summary": v.model.summary.value,
                "updated": v.model.updated.value.to_string(),
                "url": format!("{}/{prefix}{}", site.opts.base_url, Route::Practice(v.id.as_str()).dir_url()),
            })
        })
        .collect();
    json!({
        "id": p.id,
        "url": format!("{}/{}", site.opts.base_url, Route::Practice(p.id.as_str()).dir_url()),
        "versions": versions,
        "practice": p.model,
        "verified_levels": verified,
        "review_interval_months": site.review_interval,
        "citation": citation_json(site, p),
        "history": site.history.get(&p.id).cloned().unwrap_or_default(),
        "computed": {
            "result_costs": p.model.result_costs.iter().map(|c| json!({
                "result": c.result, "year": c.year, "per_family": c.per_family(), "per_child": c.per_child(),
            })).collect::<Vec<_>>(),
            "cost_band": cost_band_json(site, p),
            "crosswalk": crosswalk_json(site, p),
        },
    })
}

/// The practice's reference in every UI language (GOST R 7.0.100-2018
/// in Russian, APA 7 in the others) and as CSL-JSON items.
fn citation_json(site: &Site, p: &Doc<Practice>) -> serde_json::Value {
    let mut text = serde_json::Map::new();
    let mut csl = Vec::new();
    for lang in &site.languages {
        let c = cite::citation(site, site.shown(p, lang), lang);
        text.insert((*lang).to_owned(), cite::text(&c).into());
        csl.push(cite::csl(&c));
    }
    json!({"text": text, "csl": csl})
}

/// The cost band with the number behind it (FORMAT.md §10.3); `null`
/// where the scheme has no bands, `band: null` where the practice has none.
fn cost_band_json(site: &Site, p: &Doc<Practice>) -> serde_json::Value {
    use crate::model::evidence::BandedCost;
    let Some(bands) = site
        .reg
        .scheme
        .as_ref()
        .and_then(|(_, s)| s.cost_bands.as_ref())
    else {
        return serde_json::Value::Null;
    };
    let unit = bands.unit.as_str();
    match bands.of(&p.model) {
        BandedCost::Band { year, cost, band } => json!({
            "band": band, "year": year, "cost_per_unit": cost, "unit": unit, "currency": bands.currency,
        }),
        BandedCost::OtherCurrency { year, currency } => json!({
            "band": null, "year": year, "unit": unit, "currency": currency,
            "reason": "other-currency",
        }),
        BandedCost::NoCost => json!({"band": null, "unit": unit, "reason": "no-costs"}),
    }
}

/// The readings of the verified levels on other scales: an approximate
/// reading, not an equivalence (each scale's `note` says what differs).
fn crosswalk_json(site: &Site, p: &Doc<Practice>) -> Vec<serde_json::Value> {
    let Some((_, scheme)) = site.reg.scheme.as_ref() else {
        return Vec::new();
    };
    let verified = site.verified_of(&p.id);
    let level_of = |dim: &str| verified.and_then(|v| v.get(dim)).map(|v| v.level.as_str());
    scheme
        .crosswalk
        .iter()
        .filter_map(|cw| {
            let label = cw.reading(scheme, &level_of)?;
            Some(json!({"scale": cw.scale.id.value, "reads": label, "approximate": true}))
        })
        .collect()
}

/// The open data files `want` accepts (`dokaz serve` re-renders one
/// practice's file without serializing every other).
fn open_data(
    site: &Site,
    want: crate::render::Want,
    put: &(dyn Fn(OutFile) -> Result<(), String> + Sync),
) -> Result<(), String> {
    use rayon::prelude::*;
    // Each practice's files are made in parallel and put as they are made.
    // The JSON is compact (machines read it; a browser shows it indented)
    // and serialized once: `practices.json` is the records joined, one per
    // line, so the list costs its bytes, not a second serialization.
    let want_all = want(&Route::AllPracticesData.path());
    let records: Vec<Option<Vec<u8>>> = site
        .practices
        .par_iter()
        .map(|p| {
            let path = Route::PracticeData(p.id.as_str()).path();
            let wanted = want(&path);
            let record = if wanted || want_all {
                Some(serde_json::to_vec(&practice_json(site, p)).map_err(|e| e.to_string())?)
            } else {
                None
            };
            if wanted && let Some(r) = &record {
                put(bytes(path, r.clone()))?;
            }
            let c = cite::citation(site, p, site.default_lang);
            let path = Route::CiteData(p.id.as_str()).path();
            if want(&path) {
                let text =
                    serde_json::to_vec_pretty(&[cite::csl(&c)]).map_err(|e| e.to_string())?;
                put(bytes(path, text))?;
            }
            let path = Route::CiteRis(p.id.as_str()).path();
            if want(&path) {
                put(bytes(path, cite::ris(&c).into_bytes()))?;
            }
            let path = Route::CiteBib(p.id.as_str()).path();
            if want(&path) {
                put(bytes(path, cite::bibtex(&c).into_bytes()))?;
            }
            Ok(record.filter(|_| want_all))
        })
        .collect::<Result<_, String>>()?;
    if want_all {
        let len = records.iter().flatten().map(|r| r.len() + 2).sum::<usize>() + 4;
        let mut all = Vec::with_capacity(len);
        all.extend_from_slice(b"[\n");
        for (i, r) in records.iter().flatten().enumerate() {
            if i > 0 {
                all.extend_from_slice(b",\n");
            }
            all.extend_from_slice(r);
        }
        all.extend_from_slice(b"\n]\n");
        drop(records);
        put(bytes(Route::AllPracticesData.path(), all))?;
    }
    if !want(&Route::IndicatorsCsv.path()) {
        return Ok(());
    }
    let mut rows: Vec<[String; 13]> = Vec::new();
    for p in &site.practices {
        let organization = site
            .reg
            .organizations
            .get(&p.model.organization.value)
            .map(|o| {
                o.model
                    .name
                    .get(site.practice_lang(p), site.default_lang)
                    .to_owned()
            })
            .unwrap_or_else(|| p.model.organization.value.to_string());
        let head = |i: &crate::model::practice::Indicator| {
            [
                p.id.to_string(),
                p.model.title.value.clone(),
                organization.clone(),
                i.id.to_string(),
                i.name.clone(),
                i.result.to_string(),
                i.unit().as_str().to_owned(),
            ]
        };
        for i in &p.model.indicators {
            let statement = i
                .not_measured
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default();
            // An indicator not measured is a row with its statement: the
            // table says what is not known, not only what is.
            if i.values.is_empty() {
                let [a, b, c, d, e, f, g] = head(i);
                rows.push([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    statement.clone(),
                ]);
            }
            for v in &i.values {
                let share =
                    v.of.as_ref()
                        .and_then(|of| percent(v.value.value, of.value));
                let [a, b, c, d, e, f, g] = head(i);
                rows.push([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    v.year.value.0.to_string(),
                    v.value.value.to_string(),
                    v.of.as_ref()
                        .map(|o| o.value.to_string())
                        .unwrap_or_default(),
                    share.map(|s| s.to_string()).unwrap_or_default(),
                    v.note.clone().unwrap_or_default(),
                    statement.clone(),
                ]);
            }
        }
    }
    let csv = indicators_csv(&rows).map_err(|e| format!("{}: {e}", Route::IndicatorsCsv.path()))?;
    put(bytes(Route::IndicatorsCsv.path(), csv))
}

/// The columns of `data/indicators.csv`.
const INDICATOR_COLUMNS: [&str; 13] = [
    "practice",
    "practice_title",
    "organization",
    "indicator",
    "name",
    "result",
    "unit",
    "year",
    "value",
    "of",
    "share_percent",
    "note",
    "not_measured",
];

/// `data/indicators.csv`: UTF-8 with a byte order mark (without it
/// spreadsheet programs read the Cyrillic as their local code page),
/// RFC 4180 quoting by the `csv` crate, every field through
/// [`csv_field`].
fn indicators_csv<const N: usize>(rows: &[[String; N]]) -> Result<Vec<u8>, String> {
    let mut buf = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut buf);
        w.write_record(INDICATOR_COLUMNS)
            .map_err(|e| e.to_string())?;
        for row in rows {
            w.write_record(row.iter().map(|f| csv_field(f).into_owned()))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

/// The formula guard: a leading `=`, `+`, `@`, or a `-` that does not
/// start a number, gets a `'` so that a spreadsheet never evaluates
/// content as a formula (a tab or carriage return first, which some
/// programs skip before looking for one, gets it too).
fn csv_field(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && s.parse::<f64>().is_err())
    {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting_and_formula_guard() {
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("+1+1"), "'+1+1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-1+cmd"), "'-1+cmd");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field("-1.5"), "-1.5");
        assert_eq!(csv_field("plain"), "plain");
        let row = |a: &str, b: &str, c: &str| {
            let mut r: [String; 13] = Default::default();
            r[0] = a.to_owned();
            r[1] = b.to_owned();
            r[12] = c.to_owned();
            r
        };
        let csv = indicators_csv(&[
            row("a,b", "say \"hi\"", "=1+1"),
            row("line\nbreak", "-2", "Доля"),
        ])
        .unwrap();
        let text = std::str::from_utf8(&csv).unwrap();
        assert_eq!(
            text,
            "\u{feff}practice,practice_title,organization,indicator,name,result,unit,year,value,of,share_percent,note,not_measured\n\
             \"a,b\",\"say \"\"hi\"\"\",,,,,,,,,,,'=1+1\n\
             \"line\nbreak\",-2,,,,,,,,,,,Доля\n"
        );
    }
}
