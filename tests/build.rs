//! `dokaz build` end to end: the pages of SITE.md, the facts on them, open
//! data, atomic and deterministic output, refusals, and untrusted content.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const P003: &str = "pomoshch-semyam-v-slozhnoy-situatsii";

fn build(root: &Path, out: &Path) -> std::process::Output {
    dokaz()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&example_root(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

#[test]
fn every_page_of_site_md_is_there_in_both_languages() {
    let (_t, out) = example_site();
    for prefix in ["", "en/"] {
        for page in [
            "index.html".to_owned(),
            "practices/index.html".into(),
            format!("practices/{P003}/index.html"),
            "practices/teplyi-dom/index.html".into(),
            "practices/mother-house/index.html".into(),
            "organizations/otkazniki/index.html".into(),
            "organizations/mother-house-kz/index.html".into(),
            "target-groups/parents/index.html".into(),
            "themes/social-assistance/index.html".into(),
            "practice-types/family-support/index.html".into(),
            "activity-types/legal-help/index.html".into(),
            "regions/moscow/index.html".into(),
            "results/index.html".into(),
            "evidence/index.html".into(),
            "reviews/index.html".into(),
        ] {
            let path = format!("{prefix}{page}");
            let html = read_shown(&out, &path);
            let lang = if prefix.is_empty() { "ru" } else { "en" };
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
            assert!(html.contains("<link rel=\"canonical\""), "{path}");
            assert!(
                html.contains("hreflang=\"en\"") && html.contains("hreflang=\"ru\""),
                "{path}"
            );
        }
    }
    for f in [
        "data/practices.json",
        &format!("data/practices/{P003}.json"),
        "data/indicators.csv",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "404.html",
        "static/style.css",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // Attached documents are copied and linked.
    assert!(out.join("files/teplyi-dom/admission-rules.txt").is_file());
    assert!(
        read(&out, "practices/teplyi-dom/index.html")
            .contains("../../files/teplyi-dom/admission-rules.txt")
    );
    // The translation's own attachment, in its own folder.
    assert!(out.join("files/warm-home/admission-rules.txt").is_file());
    assert!(
        read(&out, "en/practices/warm-home/index.html")
            .contains("../../../files/warm-home/admission-rules.txt")
    );
}

#[test]
fn the_003_practice_page_shows_its_figures() {
    let (_t, out) = example_site();
    let html = read(&out, &format!("practices/{P003}/index.html"));
    // first indicator, 2019: 26 of 32 families, 81 %
    let row = html
        .split("<tr>")
        .find(|r| {
            r.contains("<th scope=\"row\">2019</th>")
                && r.contains("<td data-label=\"Значение\">26</td>")
        })
        .expect("2019 row");
    assert!(row.contains("<td data-label=\"Из\">32</td>"), "{row}");
    assert!(row.contains("81\u{a0}%"), "{row}");
    assert!(html.contains("83\u{a0}%"), "31 of 37 truncated to 83 %");
    for section in [
        "id=\"evidence\"",
        "id=\"logic-model\"",
        "id=\"indicators\"",
        "id=\"partners\"",
        "id=\"monitoring\"",
        "id=\"justification\"",
        "id=\"long-term\"",
        "id=\"narrative\"",
    ] {
        assert!(html.contains(section), "{section}");
    }
    assert!(html.contains("application/ld+json"));
    // English UI, Russian content: the content is marked as Russian.
    let en = read(&out, &format!("en/practices/{P003}/index.html"));
    assert!(en.contains("class=\"practice\" lang=\"ru\""));
    assert!(en.contains("Logic model"));
}

#[test]
fn a_parent_term_lists_its_childrens_practices() {
    let (_t, out) = example_site();
    // The 003 practice's groups are children of `parents` and `children`.
    let parents = read(&out, "target-groups/parents/index.html");
    assert!(parents.contains(&format!("practices/{P003}/index.html")));
    let russia = read(&out, "regions/russia/index.html");
    assert!(russia.contains(&format!("practices/{P003}/index.html")));
    assert!(!russia.contains("practices/mother-house/index.html"));
}

#[test]
fn open_data_parses_and_agrees_with_the_content() {
    let (_t, out) = example_site();
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&read(&out, "data/practices.json")).unwrap();
    let (reg, _) = dokaz::check(&example_root(), dokaz::model::common::Date::today());
    // One record per practice: a translation is its original's version.
    let originals = reg
        .practices
        .values()
        .filter(|p| p.model.translation_of.is_none())
        .count();
    assert_eq!(all.len(), originals);
    assert_eq!(originals, 3);
    let p = all.iter().find(|p| p["id"] == P003).unwrap();
    assert_eq!(p["practice"]["indicators"][0]["values"][0]["value"], 26.0);
    let one: serde_json::Value =
        serde_json::from_str(&read(&out, &format!("data/practices/{P003}.json"))).unwrap();
    assert_eq!(&one, p);

    let csv = read(&out, "data/indicators.csv");
    // A byte order mark, for spreadsheet programs to read UTF-8.
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("indicators.csv starts with a BOM");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "practice,practice_title,organization,indicator,name,result,unit,year,value,of,share_percent,note,not_measured"
        )
    );
    let rows: Vec<&str> = lines.collect();
    let expected: usize = reg
        .practices
        .values()
        .filter(|p| p.model.translation_of.is_none())
        .flat_map(|p| p.model.indicators.iter())
        .map(|i| i.values.len().max(1))
        .sum();
    assert_eq!(
        rows.len(),
        expected,
        "a row per value, one per indicator not measured"
    );
    let first = rows
        .iter()
        .find(|r| r.starts_with(&format!("{P003},")))
        .unwrap();
    assert!(
        first.starts_with(&format!(
            "{P003},Помощь семьям в сложной жизненной ситуации,Благотворительный фонд «Волонтёры в помощь детям-сиротам»,"
        )),
        "title and organization columns: {first}"
    );
    assert!(first.contains(",2019,26,32,81,"), "{first}");
    // Mother House states that repeat relinquishment has no yearly figures.
    let statement = rows
        .iter()
        .find(|r| r.starts_with("mother-house,") && r.contains(",repeat-relinquishment,"))
        .expect("the not-measured indicator has its row");
    assert!(
        statement.contains(",,,,,") && statement.contains("no yearly figures"),
        "{statement}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (_t, a) = example_site();
    let (_u, b) = example_site();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{} differs", k.display());
    }
}

#[test]
fn a_content_error_leaves_the_previous_output_untouched() {
    let (tmp, root) = fresh_registry();
    let out = tmp.path().join("out");
    assert!(build(&root, &out).status.success());
    let before = snapshot(&out);
    let p = root.join("content/practices/example-practice.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(
        &p,
        text.replace("value: 18, of: 22", "value: 28, of: 22")
            .replace("Сопровождение семей с детьми", "Новое название"),
    )
    .unwrap();
    let o = build(&root, &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[V109]"));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn refused_outputs_delete_nothing() {
    let (tmp, root) = fresh_registry();
    let foreign = tmp.path().join("photos");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), b"not mine").unwrap();
    let file = tmp.path().join("file.txt");
    std::fs::write(&file, b"x").unwrap();
    for out in [
        foreign.clone(),
        root.clone(),
        tmp.path().to_path_buf(),
        PathBuf::from("/"),
        file.clone(),
        root.join("content/out"),
    ] {
        let o = build(&root, &out);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{} was not refused",
            out.display()
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("refusing"),
            "{}",
            out.display()
        );
    }
    assert_eq!(
        std::fs::read(foreign.join("holiday.jpg")).unwrap(),
        b"not mine"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
    assert!(root.join("registry.yaml").is_file());
}

#[test]
fn stale_temporary_folders_are_cleaned_only_when_marked() {
    let (tmp, root) = fresh_registry();
    let out = tmp.path().join("out");
    let ours = tmp.path().join(".out.dokaz-tmp-99999");
    std::fs::create_dir_all(&ours).unwrap();
    std::fs::write(ours.join(".dokaz-output"), b"").unwrap();
    let theirs = tmp.path().join(".out.dokaz-tmp-12345");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("keep.txt"), b"keep").unwrap();
    assert!(build(&root, &out).status.success());
    assert!(!ours.exists());
    assert!(theirs.join("keep.txt").is_file());
    assert!(out.join(".dokaz-output").is_file());
    // A second build replaces the first in place.
    assert!(build(&root, &out).status.success());
}

#[test]
fn untrusted_content_never_becomes_markup() {
    let (tmp, root) = fresh_registry();
    let xss = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    let p = root.join("content/practices/example-practice.md");
    let text = std::fs::read_to_string(&p).unwrap()
        .replace("title: \"Сопровождение семей с детьми\"", &format!("title: \"T {xss}\""))
        .replace("summary: \"Кейс-менеджер", &format!("summary: \"{xss} Кейс-менеджер"))
        .replace("name: \"Семьи, в которых ребёнок остался дома\"", &format!("name: \"I {xss}\""))
        .replace("Замените этот текст описанием практики", &format!("{xss} [link](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"x()\">a</a> Замените"));
    std::fs::write(&p, text).unwrap();
    let org = root.join("content/organizations/example-foundation.md");
    let text = std::fs::read_to_string(&org)
        .unwrap()
        .replace("en: \"Example Foundation\"", &format!("en: \"O {xss}\""));
    std::fs::write(&org, text).unwrap();
    let tax = root.join("content/taxonomies/regions.yaml");
    let text = std::fs::read_to_string(&tax)
        .unwrap()
        .replace("en: \"Moscow\"", &format!("en: \"M {xss}\""));
    std::fs::write(&tax, text).unwrap();
    write(
        &root,
        "content/reviews/example-practice/2024-03-01-x.yaml",
        format!(
            "reviewer: {{name: \"R {xss}\"}}\ndate: 2024-03-01\nstatus: verified\nlevels: {{results: basic}}\ncomments: {{results: \"C {xss}\"}}\nsummary: \"S {xss}\"\n"
        ),
    );
    let out = tmp.path().join("out");
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut checked = 0;
    for (path, bytes) in snapshot(&out) {
        let name = path.to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let s = String::from_utf8(bytes).unwrap();
        // As markup, not as escaped text: a raw tag, a quoted handler, a link.
        for bad in [
            "<script>alert",
            "<img src=x onerror",
            "onclick=\"",
            "href=\"javascript:",
            "<a href=\"javascript",
        ] {
            assert!(!s.contains(bad), "{bad} in {name}");
        }
        checked += 1;
    }
    assert!(checked > 20);
    // The text itself is shown, escaped.
    let en = read(&out, "en/practices/example-practice/index.html");
    assert!(
        en.contains("T &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "escaped title missing"
    );
    assert!(
        en.contains("O &lt;script&gt;"),
        "escaped organization name missing"
    );
}

#[test]
fn listings_are_paginated_and_every_practice_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("gen");
    dokaz::generate::generate(&example_root(), &root, 60).unwrap();
    let out = tmp.path().join("out");
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // 60 practices, 24 per page: 3 catalogue pages linked from the first.
    let first = read(&out, "practices/index.html");
    assert!(
        first.contains("href=\"../practices/page/2/index.html\""),
        "no link to page 2"
    );
    let mut listed = 0;
    for page in [
        "practices/index.html",
        "practices/page/2/index.html",
        "practices/page/3/index.html",
    ] {
        listed += read(&out, page).matches("<article class=\"card\"").count();
    }
    assert_eq!(listed, 60);
    assert!(!out.join("practices/page/4/index.html").exists());
}

#[test]
fn a_registry_overrides_theme_files_and_adds_themes() {
    let (tmp, root) = fresh_registry();
    // A whole theme that replaces the home template…
    write(
        &root,
        "themes/plain/templates/home.html",
        "{% extends \"base.html\" %}{% block main %}<h1>PLAIN HOME {{ counts.practices }}</h1>{% endblock main %}",
    );
    let cfg = std::fs::read_to_string(root.join("registry.yaml"))
        .unwrap()
        .replace("theme: default", "theme: plain");
    std::fs::write(root.join("registry.yaml"), cfg).unwrap();
    // …and the registry's own static file, overriding the theme's CSS.
    write(&root, "static/style.css", "body { color: #123456; }");
    let out = tmp.path().join("out");
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(read(&out, "index.html").contains("<h1>PLAIN HOME 1</h1>"));
    assert_eq!(read(&out, "static/style.css"), "body { color: #123456; }");
    // Templates not overridden still come from the default theme.
    assert!(read(&out, "practices/index.html").contains("class=\"facets\""));

    // A broken override is a clear error, and the output stays as it was.
    let before = snapshot(&out);
    write(&root, "templates/term.html", "{% for x in %}");
    let o = build(&root, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("term.html"));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn the_expert_side_is_published() {
    // The example claims no levels (no seed states a claim): a claim of
    // Mother House's is added, above what its test review verified.
    let (tmp, root) = reviewed_example();
    let mh = root.join("content/practices/mother-house.md");
    let text = std::fs::read_to_string(&mh).unwrap();
    let end = text[4..].find("\n---\n").unwrap() + 4;
    let text = format!(
        "{}\nevidence:\n  data_validity: basic{}",
        &text[..end],
        &text[end..]
    );
    std::fs::write(&mh, text).unwrap();
    let out = tmp.path().join("site");
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The rubric page with good and poor practice, linked from the review.
    let rubric = read(&out, "en/rubrics/mother-house-quality/index.html");
    assert!(rubric.contains("Good practice") && rubric.contains("Poor practice"));
    assert!(rubric.contains("practices/mother-house/index.html#evidence"));
    let mh = read(&out, "en/practices/mother-house/index.html");
    assert!(mh.contains("rubrics/mother-house-quality/index.html"));
    // Two verified reviews of 003: the later one raised the results level.
    let p = read(&out, &format!("en/practices/{P003}/index.html"));
    assert!(
        p.contains("Changes to verified levels"),
        "no level changes shown"
    );
    // Warm Home's review of 2020, filed under the translation's id,
    // requested revision: it is shown on both versions' pages, in one
    // history with the verification of 2022 (a year only, from its
    // source), which stands.
    let wh = read(&out, "en/practices/warm-home/index.html");
    let td = read(&out, "practices/teplyi-dom/index.html");
    // The key facts' counts take their plural forms (10 семей, 12 детей).
    assert!(
        td.contains(">10 семей · 12 детей · 10 взрослых<"),
        "people served in the key facts"
    );
    assert!(
        read(&out, "en/practices/warm-home/index.html")
            .contains(">10 families · 12 children · 10 adults<")
    );
    // A year alone reads as the year: `2022` in English, `2022 г.` in
    // Russian (local_date).
    for (page, year) in [(&wh, "2022"), (&td, "2022\u{a0}г.")] {
        assert!(page.contains("Mikhail Orlov"));
        assert!(page.contains(&format!("<time datetime=\"2022\">{year}</time>")));
        assert!(page.contains("class=\"ok\">✓"));
    }
    assert!(wh.contains("revision requested"));
    let dash = read(&out, "en/reviews/index.html");
    let revision = dash
        .split("id=\"q-revision\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    // Its latest review verified: it is not waiting for a revision.
    assert!(!revision.contains("#evidence"), "{revision}");
    let above = dash
        .split("id=\"q-above\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        above.contains("practices/mother-house/index.html#evidence"),
        "claimed data validity basic, verified initial"
    );
    // The Mother House page shows its rubric matrix: one row per rated criterion.
    let rows = mh
        .split("<table class=\"matrix\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap()
        .matches("<th scope=\"row\">")
        .count();
    assert_eq!(rows, 20);
}

#[test]
fn translations_link_to_each_other() {
    let (_t, out) = example_site();
    let ru = read(&out, "practices/teplyi-dom/index.html");
    assert!(
        ru.contains("href=\"../../en/practices/warm-home/index.html\" hreflang=\"en\" lang=\"en\""),
        "no link to the original"
    );
    let en = read(&out, "en/practices/warm-home/index.html");
    assert!(
        en.contains(
            "href=\"../../../practices/teplyi-dom/index.html\" hreflang=\"ru\" lang=\"ru\""
        ),
        "no link to the translation"
    );
}

#[test]
fn drafts_are_published_only_with_the_drafts_flag() {
    let (tmp, root) = fresh_registry();
    let p = std::fs::read_to_string(root.join("content/practices/example-practice.md")).unwrap();
    write(
        &root,
        "content/practices/unfinished.md",
        p.replace("status: active", "status: active\ndraft: true"),
    );
    write(
        &root,
        "content/reviews/example-practice/2024-05-01-x.yaml",
        "reviewer: {name: \"Draft Reviewer\"}\ndate: 2024-05-01\nstatus: draft\nlevels: {results: high}\n",
    );
    let out = tmp.path().join("out");
    assert!(build(&root, &out).status.success());
    assert!(!out.join("practices/unfinished/index.html").exists());
    assert!(!read(&out, "practices/example-practice/index.html").contains("Draft Reviewer"));
    let o = dokaz()
        .args(["build", "--drafts", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(out.join("practices/unfinished/index.html").is_file());
    assert!(read(&out, "practices/example-practice/index.html").contains("Draft Reviewer"));
}

/// The theory-of-change SVG, checked structurally: every result text is in
/// it, every edge joins two nodes, no boxes overlap, no label line is wider
/// than its box by the font metric the layout uses.
#[test]
fn the_theory_of_change_diagram_is_sound() {
    let (_t, out) = example_site();
    let (reg, _) = dokaz::check(&example_root(), dokaz::model::common::Date::today());
    for (id, p) in &reg.practices {
        // Each version on the page of its own language.
        let prefix = match p.model.language.as_ref().map(|l| l.value.as_str()) {
            Some("en") => "en/",
            _ => "",
        };
        let html = read(&out, &format!("{prefix}practices/{id}/index.html"));
        let svg = html
            .split("<svg class=\"toc-diagram\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{id}: no diagram"))
            .split("</svg>")
            .next()
            .unwrap();
        let attr = |s: &str, name: &str| -> String {
            s.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|x| x.split('"').next())
                .unwrap_or_default()
                .to_owned()
        };
        let num = |s: &str, name: &str| -> f32 { attr(s, name).parse().unwrap() };
        // nodes: <a class="node …" … data-node="k"><rect x y width height/>…<text>…</text></a>
        let mut boxes = Vec::new();
        let mut texts = Vec::new();
        for chunk in svg.split("<a class=\"node").skip(1) {
            let node = chunk.split("</a>").next().unwrap();
            let key = attr(node, "data-node");
            let rect = node.split("<rect").nth(1).unwrap();
            let (x, y, w, h) = (
                num(rect, "x"),
                num(rect, "y"),
                num(rect, "width"),
                num(rect, "height"),
            );
            let lines: Vec<String> = node
                .split("<tspan")
                .skip(1)
                .map(|t| {
                    t.split('>')
                        .nth(1)
                        .unwrap()
                        .split("</tspan")
                        .next()
                        .unwrap()
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&#39;", "'")
                })
                .collect();
            for l in &lines {
                let width = dokaz::render::svg::text_width(l, dokaz::render::diagram::FONT_SIZE);
                assert!(
                    width <= w - 2.0 * dokaz::render::diagram::PAD + 0.01,
                    "{id}: {l:?} is {width} px in a {w} px box"
                );
            }
            texts.push(lines.join(" "));
            boxes.push((key, x, y, w, h));
        }
        for r in reg.practices[id].model.results.iter() {
            let want = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(texts.contains(&want), "{id}: result {} missing", r.id.value);
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap =
                    a.1 < b.1 + b.3 && b.1 < a.1 + a.3 && a.2 < b.2 + b.4 && b.2 < a.2 + a.4;
                assert!(!overlap, "{id}: {} overlaps {}", a.0, b.0);
            }
        }
        let keys: std::collections::BTreeSet<&str> = boxes.iter().map(|b| b.0.as_str()).collect();
        let mut edges = 0;
        for e in svg.split("<path class=\"edge\"").skip(1) {
            assert!(
                keys.contains(attr(e, "data-from").as_str())
                    && keys.contains(attr(e, "data-to").as_str()),
                "{id}: dangling edge"
            );
            edges += 1;
        }
        assert!(edges > 0, "{id}: no edges");
        assert!(
            svg.contains("<title id=\"toc-diagram-t\">")
                && svg.contains("<desc id=\"toc-diagram-d\">")
        );
    }
}

#[test]
fn every_practice_shows_its_diagram_and_a_chart_per_measured_indicator() {
    let (_t, out) = example_site();
    let (reg, _) = dokaz::check(&example_root(), dokaz::model::common::Date::today());
    for (id, p) in &reg.practices {
        let html = read_shown(&out, &format!("practices/{id}/index.html"));
        assert!(
            html.contains("<svg class=\"toc-diagram\""),
            "{id}: no diagram"
        );
        let measured = p
            .model
            .indicators
            .iter()
            .filter(|i| !i.values.is_empty())
            .count();
        assert_eq!(
            html.matches("<figure class=\"hchart").count()
                - html
                    .matches("<figure class=\"hchart\" id=\"chart-b")
                    .count()
                - html.matches("id=\"chart-served\"").count()
                - html.matches("id=\"chart-costs\"").count(),
            measured,
            "{id}"
        );
    }
    // 003's first indicator: shares with their counts, 2019–2021, one row
    // per year on a 0–100 % scale, with one caption.
    let html = read(&out, &format!("practices/{P003}/index.html"));
    let chart = html
        .split("<figure class=\"hchart\" id=\"chart-i0\">")
        .nth(1)
        .unwrap()
        .split("</figure>")
        .next()
        .unwrap();
    for (year, label) in [
        ("2019", "81\u{a0}% (26 / 32)"),
        ("2020", "61\u{a0}% (19 / 31)"),
        ("2021", "83\u{a0}% (31 / 37)"),
    ] {
        assert!(
            chart.contains(&format!("<span class=\"hb-label\">{year}</span>")),
            "{year} missing from the chart"
        );
        assert!(
            chart.contains(&format!("<span class=\"hb-value\">{label}</span>")),
            "{label} missing from the chart"
        );
    }
    // 26/32 is 81 % (as labelled) of the track's 1000 units.
    assert!(
        chart.contains("<rect width=\"810\" height=\"10\"/>"),
        "{chart}"
    );
    assert_eq!(chart.matches("<figcaption>").count(), 1);
    assert!(
        chart.contains("<figcaption>Шкала: 0–100\u{a0}%</figcaption>"),
        "{chart}"
    );
    // Warm Home measured some indicators once: a figure, not a one-bar chart.
    let td = read(&out, "practices/teplyi-dom/index.html");
    assert!(td.contains(
        "<figure class=\"hchart single\" id=\"chart-i0\"><p class=\"single-value\"><strong>"
    ));
    // «Тёплый дом» (and so its translation): budget, people served and
    // cost-of-result charts.
    let wh = read(&out, "en/practices/warm-home/index.html");
    for id in ["chart-b0", "chart-served", "chart-costs"] {
        assert!(wh.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(read(&out, "evidence/index.html").contains("id=\"chart-dist-results\""));
    assert!(read(&out, "index.html").contains("id=\"chart-overview\""));
}

/// The home page never shows a card twice ("recently updated" first, then
/// "new" without those), and its entry points are terms with practices,
/// each with its count.
#[test]
fn home_lists_never_repeat_a_card_and_entry_points_have_practices() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("gen");
    dokaz::generate::generate(&example_root(), &root, 15).unwrap();
    let out = tmp.path().join("out");
    common::build_ok(&root, &out);
    for home in ["index.html", "en/index.html"] {
        let html = read(&out, home);
        let section = |id: &str| -> Vec<String> {
            let part = html
                .split(&format!("id=\"{id}\""))
                .nth(1)
                .unwrap_or_else(|| panic!("{home}: no {id}"))
                .split("</section>")
                .next()
                .unwrap();
            part.split("data-compare=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap().to_owned())
                .collect()
        };
        let updated = section("h-updated");
        let newest = section("h-newest");
        assert_eq!(updated.len(), 6, "{home}: {updated:?}");
        assert_eq!(newest.len(), 6, "{home}: {newest:?}");
        assert!(
            newest.iter().all(|id| !updated.contains(id)),
            "{home}: a card in both lists: {updated:?} {newest:?}"
        );
        let terms = html
            .split("class=\"term-tree\"")
            .skip(1)
            .collect::<Vec<_>>();
        assert!(!terms.is_empty(), "{home}: entry points");
        let counts: Vec<usize> = terms
            .iter()
            .flat_map(|t| t.split("<span class=\"count\">").skip(1))
            .map(|s| s.split('<').next().unwrap().parse().unwrap())
            .collect();
        assert!(
            !counts.is_empty() && counts.iter().all(|n| *n > 0),
            "{home}: {counts:?}"
        );
    }
}

/// What search reads of a practice page: the header always; the body only
/// where the page's UI language is the language the practice is written in
/// (a Russian description on an English page is searched from the Russian
/// pages, stemmed in Russian); never the columns that repeat other rows.
#[test]
fn search_reads_each_description_in_its_own_language_once() {
    use dokaz::render::search_index::Record;
    let (_tmp, out) = example_site();
    let record = |rel: &str| {
        let html = read(&out, rel);
        Record::of(&html)
            .expect("a practice page has a search body")
            .text()
    };
    let ru = record(&format!("practices/{P003}/index.html"));
    let en = record(&format!("en/practices/{P003}/index.html"));
    for (text, ui) in [(&ru, "ru"), (&en, "en")] {
        assert!(
            text.contains("Помощь семьям в сложной жизненной ситуации"),
            "{ui}: title"
        );
        assert!(text.contains("Кейс-менеджер — психолог"), "{ui}: summary");
    }
    assert!(
        ru.contains("Практика помогает семьям, в которых ребёнок может"),
        "ru: narrative"
    );
    assert!(
        !en.contains("Практика помогает семьям, в которых ребёнок может"),
        "en: {en}"
    );
    assert!(en.len() * 5 < ru.len(), "en {} ru {}", en.len(), ru.len());
    // The English original is searched in full on the English pages.
    let mh = record("en/practices/mother-house/index.html");
    let mh_ru = record("practices/mother-house/index.html");
    assert!(
        mh.len() > 5 * mh_ru.len(),
        "en {} ru {}",
        mh.len(),
        mh_ru.len()
    );
    // A problem's statement is read where it is stated, not again in every
    // activity that addresses it.
    let stated = "Некуда идти с ребёнком после роддома";
    let td = record("practices/teplyi-dom/index.html");
    assert_eq!(td.matches(stated).count(), 1, "{td}");
    assert!(
        !td.contains("Данные практики (JSON)"),
        "links are not text to search"
    );
}

/// `data/practices.json` is every practice's own file, in order, one per
/// line: the same records, serialized once.
#[test]
fn the_open_data_list_is_the_practice_files_joined() {
    let (_tmp, out) = example_site();
    let list = read(&out, "data/practices.json");
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let ids: Vec<&str> = parsed.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}: a translation pair is one record");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), ids.len() + 2, "one record per line");
    for (id, line) in ids.iter().zip(&lines[1..]) {
        let own = read(&out, &format!("data/practices/{id}.json"));
        assert_eq!(line.trim_end_matches(','), own, "{id}");
        let v: serde_json::Value = serde_json::from_str(&own).unwrap();
        assert!(
            v["practice"]["title"].is_string(),
            "{id}: the practice as published"
        );
    }
}
