//! A translation is the same practice (FORMAT.md §10.1): a registry of
//! two practices, one of them with an English translation that carries
//! only texts, and a review filed under the translation's id. Every
//! listing, count and data file must count two practices, both pages
//! show the one review, and each language's other address redirects.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const TRANSLATION: &str = r#"---
title: "Supporting families with children"
language: en
translation_of: example-practice
summary: "A case manager helps a family through a crisis so that the child stays at home."
target_groups:
  - id: tg-parents
    name: "Parents in a difficult situation"
    problems:
      - {id: pr-crisis, text: "The family is in crisis and may lose the child"}
results:
  - {id: r-effect, text: "The child grows up in the family"}
indicators:
  - {id: i-stable, name: "Families where the child stayed at home"}
---

## Description

The English telling of the practice.
"#;

const REVIEW: &str = "reviewer: {name: \"A. Reviewer\"}\ndate: 2024-03-01\nstatus: verified\nlevels: {results: basic}\nsummary: \"Checked against the case files.\"\n";

/// A registry of two practices, one translated, reviewed under the
/// translation's id.
fn registry() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = fresh_registry();
    let original =
        std::fs::read_to_string(root.join("content/practices/example-practice.md")).unwrap();
    write(&root, "content/practices/family-support.md", TRANSLATION);
    write(
        &root,
        "content/practices/second-practice.md",
        original.replacen(
            "title: \"Сопровождение семей с детьми\"",
            "title: \"Вторая практика\"",
            1,
        ),
    );
    write(
        &root,
        "content/reviews/family-support/2024-03-01-a-reviewer.yaml",
        REVIEW,
    );
    (tmp, root)
}

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("output");
    let o = dokaz()
        .env("DOKAZ_TODAY", "2024-06-01")
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap()
}

fn cards(html: &str) -> usize {
    html.matches("<article class=\"card").count()
}

#[test]
fn a_translation_with_only_texts_checks_clean() {
    let (_tmp, root) = registry();
    let (code, diags, _) = check_json_on(&root, "2024-06-01");
    assert_eq!(code, 0, "{diags:#?}");
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The original's warnings are not repeated for its translation.
    assert!(
        diags
            .iter()
            .all(|d| d["file"] != "content/practices/family-support.md"),
        "{diags:#?}"
    );
}

#[test]
fn the_pair_is_counted_once_everywhere() {
    let (_tmp, root) = registry();
    let out = build(&root);
    for (prefix, lang) in [("", "ru"), ("en/", "en")] {
        let home = read(&out, &format!("{prefix}index.html"));
        assert!(
            home.contains("<strong>2</strong>"),
            "{lang}: home counts two practices"
        );
        assert!(!home.contains("<strong>3</strong>"), "{lang}");
        let catalogue = read(&out, &format!("{prefix}practices/index.html"));
        assert_eq!(cards(&catalogue), 2, "{lang}: catalogue cards");
        let data = json(&out, &format!("{prefix}practices/catalogue.json"));
        let entries = data["practices"].as_array().unwrap();
        assert_eq!(entries.len(), 2, "{lang}: catalogue.json");
        // Facet counts: both practices are in Moscow, counted once each.
        let region = read(&out, &format!("{prefix}regions/moscow/index.html"));
        assert_eq!(cards(&region), 2, "{lang}: the region's page");
        let dashboard = read(&out, &format!("{prefix}reviews/index.html"));
        assert_eq!(
            dashboard.matches("Вторая практика").count(),
            1,
            "{lang}: only the unreviewed practice is never reviewed"
        );
    }
    // In English the translated practice's card is the English version.
    let en = read(&out, "en/practices/index.html");
    assert!(en.contains("Supporting families with children"));
    assert!(en.contains("practices/family-support/"));
    assert!(!en.contains("Сопровождение семей с детьми"));
    let ru = read(&out, "practices/index.html");
    assert!(ru.contains("Сопровождение семей с детьми"));
    assert!(!ru.contains("Supporting families with children"));

    // Search: the index is built from the pages that carry a search body,
    // one per practice and language (the redirects carry none).
    for prefix in ["", "en/"] {
        let indexed = ["example-practice", "family-support", "second-practice"]
            .iter()
            .filter(|id| {
                read(&out, &format!("{prefix}practices/{id}/index.html"))
                    .contains("data-pagefind-body")
            })
            .count();
        assert_eq!(indexed, 2, "{prefix}: pages indexed for search");
    }
    let all = json(&out, "data/practices.json");
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2, "open data: one record per practice");
    let pair = all
        .iter()
        .find(|p| p["id"] == "example-practice")
        .expect("the original's record");
    let versions: Vec<&str> = pair["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["example-practice", "family-support"]);
    assert_eq!(pair["verified_levels"]["results"]["level"], "basic");
    assert!(!out.join("data/practices/family-support.json").exists());
    let csv = read(&out, "data/indicators.csv");
    let rows = |id: &str| {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{id},")))
            .count()
    };
    assert_eq!(rows("example-practice"), 2, "two years, once: {csv}");
    assert_eq!(rows("family-support"), 0, "{csv}");
}

#[test]
fn both_pages_show_one_review_and_the_other_address_redirects() {
    let (_tmp, root) = registry();
    let out = build(&root);
    let ru = read(&out, "practices/example-practice/index.html");
    let en = read(&out, "en/practices/family-support/index.html");
    for (page, name) in [(&ru, "ru"), (&en, "en")] {
        assert!(page.contains("A. Reviewer"), "{name}: the review shows");
        assert!(page.contains("Checked against the case files."), "{name}");
        // The translation's page has the original's diagram and charts.
        assert!(page.contains("<svg"), "{name}: diagram and charts");
        assert!(
            page.contains("i-stable") || page.contains("chart"),
            "{name}"
        );
    }
    assert!(en.contains("Families where the child stayed at home"));
    assert!(en.contains("The English telling of the practice."));
    // A practice written in another language than the UI's is marked.
    assert!(en.contains(r#"<div class="practice" lang="en""#) || !en.contains("lang-note"));
    // The other version's address in each UI language redirects.
    let to_en = read(&out, "en/practices/example-practice/index.html");
    assert!(
        to_en.contains(
            r#"http-equiv="refresh" content="0; url=../../../en/practices/family-support/""#
        ),
        "{to_en}"
    );
    assert!(to_en.contains(
        r#"<link rel="canonical" href="https://registry.example.org/en/practices/family-support/">"#
    ));
    assert!(to_en.contains(r#"<a href="../../../en/practices/family-support/">"#));
    assert!(
        !to_en.contains("data-pagefind-body"),
        "a redirect is not indexed"
    );
    let to_ru = read(&out, "practices/family-support/index.html");
    assert!(
        to_ru.contains(r#"url=../../practices/example-practice/""#),
        "{to_ru}"
    );
    // The language switch of each page goes to the other version.
    assert!(
        ru.contains(
            r#"hreflang="en" href="https://registry.example.org/en/practices/family-support/""#
        ),
        "ru alternates"
    );
    // The sitemap lists the practice once.
    let sitemap = read(&out, "sitemap.xml");
    assert!(!sitemap.contains("practices/family-support/"), "{sitemap}");
}

#[test]
fn an_original_shown_in_another_language_is_marked() {
    let (_tmp, root) = registry();
    let out = build(&root);
    // The second practice has no English version: the English page shows
    // the Russian original, with its language and a visible note.
    let en = read(&out, "en/practices/second-practice/index.html");
    assert!(en.contains(r#"<p class="lang-note" role="note">Described in Russian</p>"#));
    assert!(en.contains(r#"<div class="practice" lang="ru""#));
    let ru = read(&out, "practices/second-practice/index.html");
    assert!(!ru.contains("lang-note"));
}

#[test]
fn a_disagreeing_number_in_a_translation_is_a_located_error() {
    let (_tmp, root) = registry();
    write(
        &root,
        "content/practices/family-support.md",
        TRANSLATION.replacen(
            "  - {id: i-stable, name: \"Families where the child stayed at home\"}",
            "  - {id: i-stable, name: \"Families\", values: [{year: 2022, value: 18, of: 22}, {year: 2023, value: 22, of: 24}]}",
            1,
        ),
    );
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 1);
    let d: Vec<&Value> = diags.iter().filter(|d| d["code"] == "D020").collect();
    assert_eq!(d.len(), 1, "{diags:#?}");
    assert_eq!(d[0]["file"], "content/practices/family-support.md");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(14), Some(100))
    );
    let msg = d[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("`22` here, but `21` in the original `example-practice`"),
        "{msg}"
    );
}
