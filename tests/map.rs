//! The evidence gap map (`/map/`): every cell's number is the number of
//! catalogue entries (`practices/catalogue.json`, field `f`) that have
//! both of the cell's facet values, a translation and its original
//! counted once; every non-empty cell links to the catalogue with exactly
//! that filter. Asserted cell by cell, in both languages, on the example
//! and on a generated registry.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn build(root: &Path, out: &Path) {
    let o = dokaz()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The value of `attr="…"` in a tag's text.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// A map cell: (view, term, level) → (count, href of its link).
type Cells = BTreeMap<(String, String, String), (usize, Option<String>)>;

fn cells(html: &str) -> Cells {
    let mut out = BTreeMap::new();
    for (i, _) in html
        .match_indices("<td data-cell=\"")
        .chain(html.match_indices("<td class=\"gap\" data-cell=\""))
    {
        let rest = &html[i..];
        let tag = &rest[..rest.find('>').unwrap()];
        let key: Vec<&str> = attr(tag, "data-cell").unwrap().split(' ').collect();
        let n: usize = attr(tag, "data-n").unwrap().parse().unwrap();
        let td = &rest[..rest.find("</td>").unwrap()];
        let href = td
            .find("<a ")
            .map(|a| attr(&td[a..], "href").unwrap().replace("&amp;", "&"));
        let prev = out.insert(
            (key[0].to_owned(), key[1].to_owned(), key[2].to_owned()),
            (n, href),
        );
        assert!(prev.is_none(), "cell twice: {key:?}");
    }
    out
}

/// Checks the map of one language against that language's catalogue data.
fn check_language(root: &Path, out: &Path, prefix: &str) -> usize {
    let html = std::fs::read_to_string(out.join(format!("{prefix}map/index.html"))).unwrap();
    let data: Value = serde_json::from_slice(
        &std::fs::read(out.join(format!("{prefix}practices/catalogue.json"))).unwrap(),
    )
    .unwrap();
    let (reg, _) = dokaz::check(root, dokaz::model::common::Date::today());
    let original = |id: &str| -> String {
        reg.practices
            .values()
            .find(|p| p.id.as_str() == id)
            .and_then(|p| p.model.translation_of.as_ref())
            .map_or_else(|| id.to_owned(), |t| t.value.to_string())
    };
    let entries: Vec<(String, BTreeMap<String, BTreeSet<String>>)> = data["practices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let f = p["f"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, vs)| {
                    let vs = vs
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_owned())
                        .collect();
                    (k.clone(), vs)
                })
                .collect();
            (p["id"].as_str().unwrap().to_owned(), f)
        })
        .collect();
    let cells = cells(&html);
    assert!(!cells.is_empty());
    let levels = ["output", "short", "medium", "long", "effect"];
    // Every term of both row taxonomies has a row with all five columns.
    for view in ["target-groups", "activity-types"] {
        let terms: BTreeSet<&str> = data["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == view)
            .unwrap()["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap())
            .collect();
        let rows: BTreeSet<&str> = cells
            .keys()
            .filter(|(v, _, _)| v == view)
            .map(|(_, t, _)| t.as_str())
            .collect();
        assert_eq!(rows, terms, "{prefix}: rows of {view}");
        assert_eq!(
            cells.keys().filter(|(v, _, _)| v == view).count(),
            terms.len() * levels.len()
        );
    }
    let mut filled = 0;
    for ((view, term, level), (n, href)) in &cells {
        let has = |f: &BTreeMap<String, BTreeSet<String>>, k: &str, v: &str| {
            f.get(k).is_some_and(|vs| vs.contains(v))
        };
        let matching: BTreeSet<String> = entries
            .iter()
            .filter(|(_, f)| has(f, view, term) && has(f, "result-level", level))
            .map(|(id, _)| original(id))
            .collect();
        assert_eq!(
            *n,
            matching.len(),
            "{prefix}: cell {view} × {term} × {level}"
        );
        if *n == 0 {
            assert!(href.is_none(), "a gap links nowhere: {view} {term} {level}");
        } else {
            filled += 1;
            let mut q = [(view.as_str(), term.as_str()), ("result-level", level)];
            q.sort();
            let want = format!(
                "practices/index.html?{}={}&{}={}",
                q[0].0, q[0].1, q[1].0, q[1].1
            );
            let href = href.as_deref().unwrap();
            assert!(href.ends_with(&want), "{href} should end with {want}");
        }
    }
    filled
}

#[test]
fn the_examples_cells_are_the_catalogues_filtered_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = example_root();
    build(&root, &out);
    for prefix in ["", "en/"] {
        let filled = check_language(&root, &out, prefix);
        assert!(filled > 0);
    }
    // The pair (warm-home translates teplyi-dom) is one entry of the
    // catalogue, which the map's cells count.
    for prefix in ["", "en/"] {
        let data: Value = serde_json::from_slice(
            &std::fs::read(out.join(format!("{prefix}practices/catalogue.json"))).unwrap(),
        )
        .unwrap();
        let ids: Vec<&str> = data["practices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.iter().filter(|i| **i == "teplyi-dom").count(), 1);
        assert!(!ids.contains(&"warm-home"), "{ids:?}");
    }
    // Nav and home link to the map.
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"./map/index.html\"") || home.contains("map/index.html"));
}

#[test]
fn a_generated_registrys_cells_are_the_catalogues_filtered_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("gen");
    dokaz::generate::generate(&example_root(), &root, 40).unwrap();
    let out = tmp.path().join("site");
    build(&root, &out);
    let filled = check_language(&root, &out, "");
    assert!(filled > 0);
}
