//! A registry that stays current and can be cited (issue 21): re-review
//! dates on the practice page, the card and the experts' queue, in open
//! data, on a fixed build date (`DOKAZ_TODAY`).

mod common;

use common::*;
use std::path::{Path, PathBuf};

const P003: &str = "pomoshch-semyam-v-slozhnoy-situatsii";

/// The example, with the test reviews, built as if on `today`.
fn site_on(today: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = reviewed_example();
    let out = tmp.path().join("site");
    let o = dokaz()
        .env("DOKAZ_TODAY", today)
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The rows of one queue of `/reviews/`: (practice link, date).
fn queue(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("id=\"q-{id}\""))
        .unwrap_or_else(|| panic!("no queue {id}"));
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap()];
    section
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let href = row
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            // The date as the page gives it to machines (the text is
            // the reader's: "10 сентября 2021 г.").
            let date = row
                .rsplit("<td>")
                .next()
                .unwrap()
                .split("datetime=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (href.to_owned(), date.to_owned())
        })
        .collect()
}

#[test]
fn a_verified_level_is_due_after_the_interval_and_flagged_where_it_is_shown() {
    // 003's latest verified review is of 2022-10-05: with the example's
    // 24 months it is due on 2024-10-05. Mother House's (2019-09-10) is
    // due on 2021-09-10.
    let (_t, before) = site_on("2024-10-04");
    let (_u, on) = site_on("2024-10-05");

    let page = |out: &Path| read(out, &format!("practices/{P003}/index.html"));
    for out in [&before, &on] {
        assert!(
            page(out)
                .contains("повторная экспертиза: <time datetime=\"2024-10-05\">5\u{a0}октября 2024\u{a0}г.</time>"),
            "the due date is shown on the evidence panel"
        );
    }
    assert!(!page(&before).contains("⟳"));
    assert!(page(&on).contains("<span class=\"warn\">⟳ пора на повторную экспертизу</span>"));
    assert!(page(&on).contains("class=\"flag flag-due\""));
    assert!(read(&on, &format!("en/practices/{P003}/index.html")).contains("⟳ due for re-review"));

    // The card in the catalogue.
    let card = |out: &Path| {
        let html = read(out, "practices/index.html");
        let at = html.find(&format!("data-compare=\"{P003}\"")).unwrap();
        let start = html[..at].rfind("<article class=\"card\"").unwrap();
        html[start..at].to_owned()
    };
    assert!(!card(&before).contains("card-due"));
    assert!(card(&on).contains("<p class=\"card-due\">⟳ пора на повторную экспертизу</p>"));
    assert!(card(&on).contains("is-overdue"));

    // The experts' queue, oldest due date first; inside the interval a
    // practice is not in it.
    let q = |out: &Path| queue(&read(out, "reviews/index.html"), "due");
    // «Тёплый дом»'s verification of 2022 gives only the year: it counts
    // from 2022-01-01, so it is due on 2024-01-01.
    let teplyi = (
        "../practices/teplyi-dom/index.html#evidence".to_owned(),
        "2024-01-01".to_owned(),
    );
    assert_eq!(
        q(&before),
        vec![
            (
                "../practices/mother-house/index.html#evidence".to_owned(),
                "2021-09-10".to_owned()
            ),
            teplyi.clone(),
        ]
    );
    assert_eq!(
        q(&on),
        vec![
            (
                "../practices/mother-house/index.html#evidence".to_owned(),
                "2021-09-10".to_owned()
            ),
            teplyi,
            (
                format!("../practices/{P003}/index.html#evidence"),
                "2024-10-05".to_owned()
            ),
        ]
    );

    // Open data carries both dates.
    let data: serde_json::Value =
        serde_json::from_str(&read(&on, &format!("data/practices/{P003}.json"))).unwrap();
    let results = &data["verified_levels"]["results"];
    assert_eq!(results["date"], "2022-10-05");
    assert_eq!(results["due"], "2024-10-05");
    assert_eq!(results["overdue"], true);
    assert_eq!(data["review_interval_months"], 24);
    let data: serde_json::Value =
        serde_json::from_str(&read(&before, &format!("data/practices/{P003}.json"))).unwrap();
    assert_eq!(data["verified_levels"]["results"]["overdue"], false);
}

#[test]
fn the_interval_comes_from_the_evidence_scheme() {
    let (_tmp, root) = reviewed_example();
    let scheme = root.join("content/evidence.yaml");
    let text = std::fs::read_to_string(&scheme).unwrap();
    std::fs::write(
        &scheme,
        text.replace("review_interval_months: 24", "review_interval_months: 36"),
    )
    .unwrap();
    let (code, diags, _) = check_json_on(&root, "2025-10-04");
    assert_eq!(code, 0);
    // 2022-10-05 + 36 months = 2025-10-05: not yet due.
    assert!(
        diags
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains(P003)),
        "{diags:#?}"
    );
    let (_, diags, _) = check_json_on(&root, "2025-10-05");
    assert!(diags.iter().any(|d| d["code"] == "V131"
        && d["severity"] == "note"
        && d["message"].as_str().unwrap().contains(&format!(
            "`{P003}`: the `results` level `advanced` verified on 2022-10-05 is due for re-review since 2025-10-05"
        ))));
}

#[test]
fn the_evidence_page_and_panel_say_a_level_is_not_an_endorsement() {
    let (_t, out) = site_on("2024-06-01");
    for (prefix, text) in [
        ("", "а не рекомендацию и не одобрение практики"),
        ("en/", "not a recommendation or an endorsement"),
    ] {
        for page in [
            "evidence/index.html".to_owned(),
            format!("practices/{P003}/index.html"),
        ] {
            let html = read(&out, &format!("{prefix}{page}"));
            assert!(html.contains(text), "{prefix}{page}");
        }
    }
}

/// The text of every `<text>` and `<title>` of an SVG, checking that it is
/// well-formed XML on the way (every tag closed, entities known).
fn svg_texts(svg: &str) -> (String, Vec<String>) {
    let mut reader = strict_xml::Reader::new(svg);
    reader.texts()
}

/// A strict little XML reader, enough for the badge: elements, attributes
/// in double quotes, the five predefined entities.
mod strict_xml {
    pub struct Reader<'a> {
        s: &'a str,
    }
    impl<'a> Reader<'a> {
        pub fn new(s: &'a str) -> Self {
            Reader { s: s.trim_end() }
        }
        /// (the title, the texts), panicking on malformed XML.
        pub fn texts(&mut self) -> (String, Vec<String>) {
            let mut stack: Vec<String> = Vec::new();
            let mut title = String::new();
            let mut texts = Vec::new();
            let mut rest = self.s;
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('<') {
                    let end = r.find('>').expect("unclosed tag");
                    let tag = &r[..end];
                    rest = &r[end + 1..];
                    if let Some(name) = tag.strip_prefix('/') {
                        assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
                    } else {
                        let self_closing = tag.ends_with('/');
                        let body = tag.trim_end_matches('/');
                        let name = body.split_whitespace().next().expect("tag name");
                        assert_eq!(body.matches('"').count() % 2, 0, "quotes in <{name}>");
                        if !self_closing {
                            stack.push(name.to_owned());
                        }
                    }
                } else {
                    let end = rest.find('<').unwrap_or(rest.len());
                    let raw = &rest[..end];
                    rest = &rest[end..];
                    let text = unescape(raw);
                    match stack.last().map(String::as_str) {
                        Some("title") => title = text,
                        Some("text") => texts.push(text),
                        _ => assert!(raw.trim().is_empty(), "stray text {raw:?}"),
                    }
                }
            }
            assert!(stack.is_empty(), "unclosed {stack:?}");
            (title, texts)
        }
    }
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').expect("unterminated entity") + i;
            out.push_str(match &rest[i + 1..end] {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" | "#39" | "#x27" => "'",
                e => panic!("unknown entity &{e};"),
            });
            rest = &rest[end + 1..];
        }
        assert!(!rest.contains('<') && !rest.contains('>'));
        out.push_str(rest);
        out
    }
}

#[test]
fn each_practice_has_a_badge_with_its_verified_levels_and_an_embed_snippet() {
    let (_t, out) = site_on("2024-06-01");
    let svg = read(&out, &format!("badges/{P003}.svg"));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(&format!("role=\"img\" aria-labelledby=\"badge-{P003}\"")));
    let (title, texts) = svg_texts(&svg);
    assert_eq!(
        texts,
        vec![
            "Реестр доказательных практик",
            "✓ Регламентированность практики: Базовый",
            "✓ Обоснованность практики: Базовый",
            "✓ Достижение социальных результатов: Продвинутый",
            "✓ Обоснованность данных о социальных результатах: Базовый",
        ]
    );
    assert!(
        title.starts_with("Реестр доказательных практик: Регламентированность практики: Базовый;")
    );
    // A verification whose source gives only the year shows its levels.
    let (_, texts) = svg_texts(&read(&out, "badges/teplyi-dom.svg"));
    assert_eq!(texts[1], "✓ Регламентированность практики: Продвинутый");
    // Deterministic: the same registry gives the same bytes.
    let (_u, again) = site_on("2024-06-01");
    assert_eq!(svg, read(&again, &format!("badges/{P003}.svg")));
    // The page shows the badge and the snippet to embed it, linking back.
    let page = read(&out, &format!("practices/{P003}/index.html"));
    assert!(page.contains(&format!(
        "<img src=\"../../badges/{P003}.svg\" alt=\"Реестр доказательных практик: "
    )));
    assert!(page.contains(&format!(
        "<code>&lt;a href=&quot;https://registry.example.org/practices/{P003}/&quot;&gt;&lt;img src=&quot;https://registry.example.org/badges/{P003}.svg&quot; alt=&quot;"
    )));
}

#[test]
fn each_practice_page_says_how_to_cite_it() {
    let (_t, out) = site_on("2024-06-01");
    let ru = read(&out, &format!("practices/{P003}/index.html"));
    let gost = format!(
        "Помощь семьям в сложной жизненной ситуации / Благотворительный фонд «Волонтёры в помощь детям-сиротам». — Текст : электронный // Реестр доказательных практик : [сайт]. — 2026. — 2 декабря. — URL: https://registry.example.org/practices/{P003}/ (дата обращения: ДД.ММ.ГГГГ)."
    );
    assert!(
        ru.contains(&format!("<p class=\"cite-text\">{gost}</p>")),
        "GOST"
    );
    let en = read(&out, &format!("en/practices/{P003}/index.html"));
    let apa = format!(
        "Volunteers to Help Orphan Children. (2026, December 2). Помощь семьям в сложной жизненной ситуации. Registry of evidence-based practices. https://registry.example.org/en/practices/{P003}/"
    );
    assert!(
        en.contains(&format!("<p class=\"cite-text\">{apa}</p>")),
        "APA"
    );
    // CSL-JSON: an array of one webpage item with title, author, date, URL.
    let csl: serde_json::Value =
        serde_json::from_str(&read(&out, &format!("data/cite/{P003}.json"))).unwrap();
    let item = &csl[0];
    assert_eq!(csl.as_array().unwrap().len(), 1);
    assert_eq!(item["type"], "webpage");
    assert_eq!(item["title"], "Помощь семьям в сложной жизненной ситуации");
    assert_eq!(
        item["author"][0]["literal"],
        "Благотворительный фонд «Волонтёры в помощь детям-сиротам»"
    );
    assert_eq!(
        item["issued"]["date-parts"],
        serde_json::json!([[2026, 12, 2]])
    );
    assert_eq!(
        item["URL"],
        format!("https://registry.example.org/practices/{P003}/")
    );
    assert!(ru.contains(&format!("href=\"../../data/cite/{P003}.json\" download")));
    // The same in the practice's open data, in each language.
    let data: serde_json::Value =
        serde_json::from_str(&read(&out, &format!("data/practices/{P003}.json"))).unwrap();
    assert_eq!(data["citation"]["text"]["ru"], gost.as_str());
    assert_eq!(data["citation"]["text"]["en"], apa.as_str());
    assert_eq!(data["citation"]["csl"][0], *item);
}

fn git(root: &Path, args: &[&str], date: &str) {
    let o = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+00:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+00:00"))
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn build_to(root: &Path, out: &Path) {
    let o = dokaz()
        .env("DOKAZ_TODAY", "2024-06-01")
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_practice_in_a_git_repository_lists_its_changes_and_without_git_none() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (tmp, root) = fresh_registry();
    let practice = root.join("content/practices/example-practice.md");
    git(&root, &["init", "-q"], "2024-01-01");
    git(&root, &["add", "-A"], "2024-01-01");
    git(
        &root,
        &["commit", "-q", "-m", "Describe the practice"],
        "2024-01-10",
    );
    for (date, subject) in [
        ("2024-02-20", "Add the 2023 figures"),
        ("2024-03-05", "Fix a <typo> & a date"),
    ] {
        let mut text = std::fs::read_to_string(&practice).unwrap();
        text.push_str(&format!("\n{subject}\n"));
        std::fs::write(&practice, text).unwrap();
        git(&root, &["commit", "-q", "-am", subject], date);
    }
    // A commit to another file is not the practice's.
    let org = root.join("content/organizations/example-foundation.md");
    let mut text = std::fs::read_to_string(&org).unwrap();
    text.push_str("\nMore.\n");
    std::fs::write(&org, text).unwrap();
    git(
        &root,
        &["commit", "-q", "-am", "Organization only"],
        "2024-04-01",
    );

    let out = tmp.path().join("site");
    build_to(&root, &out);
    let page = read(&out, "practices/example-practice/index.html");
    assert!(page.contains(
        "<ol class=\"history\"><li><time datetime=\"2024-03-05\">5\u{a0}марта 2024\u{a0}г.</time> — Fix a &lt;typo&gt; &amp; a date</li>\
<li><time datetime=\"2024-02-20\">20\u{a0}февраля 2024\u{a0}г.</time> — Add the 2023 figures</li>\
<li><time datetime=\"2024-01-10\">10\u{a0}января 2024\u{a0}г.</time> — Describe the practice</li></ol>"
    ), "{page}");
    assert!(!page.contains("Organization only"));
    let data: serde_json::Value =
        serde_json::from_str(&read(&out, "data/practices/example-practice.json")).unwrap();
    assert_eq!(data["history"].as_array().unwrap().len(), 3);
    assert_eq!(data["history"][0]["subject"], "Fix a <typo> & a date");

    // The same registry without its repository: no history, no error.
    std::fs::remove_dir_all(root.join(".git")).unwrap();
    let out2 = tmp.path().join("site2");
    build_to(&root, &out2);
    let page = read(&out2, "practices/example-practice/index.html");
    assert!(!page.contains("id=\"history\""));
    let data: serde_json::Value =
        serde_json::from_str(&read(&out2, "data/practices/example-practice.json")).unwrap();
    assert_eq!(data["history"], serde_json::json!([]));
}

/// RIS and BibTeX downloads beside CSL-JSON, linked from the page (their
/// strict parsing is unit-tested in `components::cite`).
#[test]
fn each_practice_has_ris_and_bibtex_downloads() {
    let (_t, out) = site_on("2024-06-01");
    let ris = read(&out, &format!("data/cite/{P003}.ris"));
    assert!(ris.starts_with("TY  - ELEC\r\n"), "{ris}");
    assert!(ris.contains("TI  - Помощь семьям в сложной жизненной ситуации\r\n"));
    assert!(ris.contains("AU  - Благотворительный фонд «Волонтёры в помощь детям-сиротам»\r\n"));
    assert!(ris.contains("DA  - 2026/12/02\r\n"));
    assert!(ris.contains(&format!(
        "UR  - https://registry.example.org/practices/{P003}/\r\n"
    )));
    assert!(ris.ends_with("ER  - \r\n"));
    let bib = read(&out, &format!("data/cite/{P003}.bib"));
    assert!(bib.starts_with(&format!("@misc{{{P003}-2026,\n")), "{bib}");
    assert!(bib.contains("  title = {Помощь семьям в сложной жизненной ситуации},\n"));
    assert!(
        bib.contains("  author = {{Благотворительный фонд «Волонтёры в помощь детям-сиротам»}},\n")
    );
    assert!(bib.contains("  year = {2026},\n"));
    let ru = read(&out, &format!("practices/{P003}/index.html"));
    assert!(ru.contains(&format!("href=\"../../data/cite/{P003}.ris\" download")));
    assert!(ru.contains(&format!("href=\"../../data/cite/{P003}.bib\" download")));
}

/// The feed has an entry for each review (at its date, with the levels it
/// verified), not only for descriptions.
#[test]
fn the_feed_has_an_entry_for_a_review() {
    let (_t, out) = site_on("2024-06-01");
    let feed = read(&out, "feed.xml");
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    let review = entries
        .iter()
        .find(|e| e.contains(&format!("/practices/{P003}/#review-")))
        .unwrap_or_else(|| panic!("no review entry in {feed}"));
    assert!(
        review.contains("<title>Экспертиза: Помощь семьям в сложной жизненной ситуации — "),
        "{review}"
    );
    assert!(
        review.contains(&format!(
            "<link href=\"https://registry.example.org/practices/{P003}/#evidence\"/>"
        )),
        "{review}"
    );
    assert!(review.contains("T00:00:00Z</updated>"), "{review}");
    // Entries are newest first.
    let dates: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.split("<updated>").nth(1).map(|u| &u[..10]))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}
