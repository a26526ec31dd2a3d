//! Crosswalk and cost bands (FORMAT.md §10.3) on a copy of the example
//! with both added to its scheme (the example itself has neither: no seed
//! gives them): the readings on the practice page with their note, the
//! crosswalk table and the bands on `/evidence/`, the band with the
//! number behind it, "no costs" said rather than nothing, and the band
//! as a catalogue facet.

mod common;

use common::*;
use serde_json::Value;

const SCALES: &str = r#"
crosswalk:
  - scale: {id: eif, label: {ru: "EIF", en: "EIF"}, url: "https://guidebook.eif.org.uk/"}
    note: {ru: "Критерии EIF другие.", en: "EIF's criteria differ."}
    map:
      - {when: {results: advanced}, label: "3"}
      - {when: {results: basic}, label: "2"}
cost_bands:
  unit: family
  currency: RUB
  bands: [50000, 150000, 400000, 1000000]
"#;

#[test]
fn readings_and_bands_are_shown_where_site_md_says() {
    // With the test reviews: a reading needs verified levels.
    let (tmp, root) = reviewed_example();
    let scheme = root.join("content/evidence.yaml");
    let mut text = std::fs::read_to_string(&scheme).unwrap();
    text.push_str(SCALES);
    std::fs::write(&scheme, text).unwrap();
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 0, "{diags:#?}");
    let out = tmp.path().join("site");
    let o = dokaz()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    // «Тёплый дом»'s latest year (2020): 5 500 786.52 RUB for 10
    // families, shown on its translation's page too.
    let warm = read("en/practices/warm-home/index.html");
    assert!(
        warm.contains("Cost band:</strong> 4 (RUB\u{a0}550,079 (per family), 2020)"),
        "{warm}"
    );
    // A practice without costs says so.
    let mother = read("en/practices/mother-house/index.html");
    assert!(mother.contains("no cost of a social result given"));
    // A verified practice reads on the other scale, with the note.
    let p003 = read("en/practices/pomoshch-semyam-v-slozhnoy-situatsii/index.html");
    assert!(p003.contains("≈ EIF "), "no reading");
    assert!(p003.contains("EIF&#39;s criteria differ.") || p003.contains("EIF's criteria differ."));
    // The evidence page explains both.
    let ev = read("en/evidence/index.html");
    assert!(ev.contains("id=\"crosswalk\"") && ev.contains("≈ EIF 3") && ev.contains("≈ EIF 2"));
    assert!(ev.contains("id=\"cost-bands\"") && ev.contains("≤ 50,000"));
    assert!(ev.contains("not a recommendation or an endorsement"));
    // The card and the comparison carry the band and the reading.
    let cards = read("en/practices/index.html");
    let card_of = |id: &str| {
        let at = cards.find(&format!("data-compare=\"{id}\"")).unwrap();
        let start = cards[..at].rfind("<article class=\"card").unwrap();
        cards[start..at].to_owned()
    };
    assert!(card_of("teplyi-dom").contains("<span class=\"card-band\">Cost band: 4</span>"));
    assert!(
        card_of("pomoshch-semyam-v-slozhnoy-situatsii")
            .contains("<span class=\"card-reading\">≈ EIF ")
    );
    assert!(!card_of("mother-house").contains("card-band"));
    let cmp: Value =
        serde_json::from_slice(&std::fs::read(out.join("en/compare/teplyi-dom.json")).unwrap())
            .unwrap();
    assert!(
        cmp["cost_band"].as_str().unwrap().starts_with("4 ("),
        "{cmp}"
    );
    let cmp: Value = serde_json::from_slice(
        &std::fs::read(out.join("en/compare/pomoshch-semyam-v-slozhnoy-situatsii.json")).unwrap(),
    )
    .unwrap();
    assert!(
        cmp["crosswalk"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("≈ EIF "),
        "{cmp}"
    );
    // The band is a catalogue facet.
    let data: Value =
        serde_json::from_slice(&std::fs::read(out.join("practices/catalogue.json")).unwrap())
            .unwrap();
    let band = |id: &str| {
        data["practices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["f"]["cost-band"]
            .clone()
    };
    assert_eq!(band("teplyi-dom"), serde_json::json!(["4"]));
    assert_eq!(band("mother-house"), serde_json::json!(["none"]));
    assert!(
        data["facets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "cost-band")
    );
}
