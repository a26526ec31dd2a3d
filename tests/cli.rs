//! The command line end to end: the example registry, human and JSON
//! output, exit codes, and the authoring commands.

mod common;

use common::*;

#[test]
fn the_example_registry_checks_clean() {
    // Notes (levels due for re-review) are not problems: only they may
    // be reported, and they leave the exit code at 0.
    // The two warnings are justified in the README: the seeds' own
    // figures and gaps, kept as the seeds give them.
    let (code, diags, out) = check_json_on(&example_root(), "2026-12-02");
    assert_eq!(code, 0);
    assert!(!diags.is_empty());
    let problems: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d["severity"] != "note")
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        problems,
        [
            ("V135", "content/practices/mother-house.md"),
            ("V113", "content/practices/teplyi-dom/index.md"),
        ],
        "{diags:#?}"
    );
    assert!(problems.iter().all(|(c, _)| EXAMPLE_WARNINGS.contains(c)));
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn check_notes_levels_due_for_re_review_without_counting_them() {
    let (_tmp, root) = reviewed_example();
    let out = dokaz()
        .env("DOKAZ_TODAY", "2024-10-05")
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stderr);
    // 003's review of 2022-10-05 is due on 2024-10-05 (24 months); the
    // older reviews of the other practices are due earlier.
    assert!(
        text.contains("note[V131]: `pomoshch-semyam-v-slozhnoy-situatsii`: the `results` level `advanced` verified on 2022-10-05 is due for re-review since 2024-10-05"),
        "{text}"
    );
    // «Тёплый дом»'s year-only verification of 2022 is due since
    // 2024-01-01; the warnings are the example's own, and 003's `updated`
    // date is after this run's day.
    assert!(
        text.contains("checked 3 practices (and 1 translation), 2 organizations, 5 reviews"),
        "{text}"
    );
    assert!(text.contains("0 errors, 3 warnings, 12 notes"), "{text}");
    // A day earlier, 003's levels are not yet due.
    let (_, diags, _) = check_json_on(&root, "2024-10-04");
    assert!(
        diags
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("2022-10-05")),
        "{diags:#?}"
    );
    assert!(!diags.is_empty());
}

#[test]
fn the_example_registry_has_what_the_site_needs() {
    let (reg, _) = dokaz::check(&example_root(), dokaz::model::common::Date::today());
    assert!(reg.practices.len() >= 3);
    let p = &reg.practices["pomoshch-semyam-v-slozhnoy-situatsii"].model;
    let first = &p.indicators[0];
    let values: Vec<(i32, f64, Option<f64>)> = first
        .values
        .iter()
        .map(|v| {
            (
                v.year.value.0,
                v.value.value,
                v.of.as_ref().map(|o| o.value),
            )
        })
        .collect();
    assert_eq!(
        values,
        vec![
            (2019, 26.0, Some(32.0)),
            (2020, 19.0, Some(31.0)),
            (2021, 31.0, Some(37.0))
        ]
    );
    assert!(p.indicators.iter().any(|i| i.not_measured.is_some()));
    // one organization, two practices, one of them with a translation
    let org_of = |id: &str| reg.practices[id].model.organization.value.to_string();
    assert_eq!(
        org_of("teplyi-dom"),
        org_of("pomoshch-semyam-v-slozhnoy-situatsii")
    );
    let wh = &reg.practices["warm-home"].model;
    assert_eq!(
        wh.translation_of.as_ref().map(|t| t.value.as_str()),
        Some("teplyi-dom")
    );
    // The translation carries its texts; its facts are the original's.
    assert_eq!(wh.started, reg.practices["teplyi-dom"].model.started);
    assert!(reg.bundle_dirs.contains_key("teplyi-dom"));
    assert!(reg.rubrics.contains_key("mother-house-quality"));
    // The one verification a seed reports (001, 2022), with its source
    // and only its year.
    use dokaz::model::review::ReviewStatus::*;
    let [r] = reg.reviews.as_slice() else {
        panic!("{:?}", reg.reviews)
    };
    assert_eq!(r.model.status, Verified);
    assert!(r.model.date.value.year_only);
    assert!(r.model.reviewer.is_none() && r.model.source.is_some());
}

fn broken_registry() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = fresh_registry();
    let p = root.join("content/practices/example-practice.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("value: 18, of: 22", "value: 28, of: 22")).unwrap();
    // A second file with a decoding error: both files are reported in one run.
    std::fs::write(
        root.join("content/practices/second.md"),
        text.replace("status: active", "status: activ"),
    )
    .unwrap();
    (t, root)
}

#[test]
fn human_output_is_rustc_style_without_colour_off_a_terminal() {
    let (_t, root) = broken_registry();
    let out = dokaz()
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\u{1b}'), "colour escapes off a terminal");
    for needle in [
        "error[V109]: the value 28 is larger than its `of` 22",
        "┌─ content/practices/example-practice.md:33:29",
        "┌─ content/practices/second.md:6:9",
        "33 │       - {year: 2022, value: 28, of: 22}",
        "^^",
        "= hint: `of` is the denominator",
        "error[D009]: `activ` is not a valid value here",
        "= hint: did you mean `active`?",
        "2 errors, 0 warnings",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
}

#[test]
fn json_output_is_sorted_and_stable() {
    let (_t, root) = broken_registry();
    let a = dokaz()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let b = dokaz()
        .args(["check", "--format", "json", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&a.stdout).unwrap();
    let keys: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64(),
                d["column"].as_u64(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let fields: Vec<&String> = diags[0].as_object().unwrap().keys().collect();
    assert_eq!(
        fields,
        [
            "code", "column", "file", "hint", "lang", "line", "message", "severity"
        ]
    );
}

#[test]
fn usage_and_io_problems_exit_2() {
    let out = dokaz()
        .args(["check", "--root", "/nonexistent/registry"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dokaz().args(["chek"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dokaz().args(["check", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let (_t, root) = fresh_registry();
    let out = dokaz().arg("init").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_practice_passes_check_once_filled() {
    let (_t, root) = fresh_registry();
    let out = dokaz()
        .args(["new", "practice", "Тёплый дом для мам", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("teplyi-dom-dlia-mam"));
    let path = root.join("content/practices/teplyi-dom-dlia-mam/index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title: \"Тёплый дом для мам\""));

    // Unfilled: only placeholder warnings, each located.
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 0);
    assert!(
        !diags.is_empty() && diags.iter().all(|d| d["code"] == "V129"),
        "{diags:#?}"
    );

    // Filled: clean.
    let filled: String = text
        .lines()
        .map(|l| match l.find("TODO") {
            Some(i) if !l.trim_start().starts_with('#') => {
                let end = l[i..].find('"').map_or(l.len(), |e| i + e);
                format!("{}filled{}", &l[..i], &l[end..])
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, filled).unwrap();
    let (code, diags, _) = check_json(&root);
    assert_eq!((code, diags.len()), (0, 0), "{diags:#?}");

    // Never overwrites.
    let again = dokaz()
        .args(["new", "practice", "teplyi-dom-dlia-mam", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_review_starts_from_claims_and_findings() {
    let (_t, root) = fresh_registry();
    let out = dokaz()
        .args([
            "new",
            "review",
            "example-practice",
            "--reviewer",
            "i-petrova",
            "--root",
        ])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = root.join("content/reviews/example-practice");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("status: draft"));
    assert!(text.contains("results: basic   # claimed: basic; the rules support: basic"));
    assert!(text.contains("advanced: indicator_years NOT met — 3 or more years of data for 0 of 1 indicator with values"));
    let (code, diags, _) = check_json(&root);
    assert_eq!(code, 0, "{diags:#?}");
    assert!(diags.iter().all(|d| d["code"] == "V129"));

    let unknown = dokaz()
        .args(["new", "review", "nope", "--reviewer", "x", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
}

#[test]
fn schema_describes_the_front_matter() {
    let out = dokaz().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The practice is the schema's `then` (a mapping with a key of the
    // format; a Markdown body an editor reads as YAML is not judged), and
    // its required keys are an original's (`else`: a translation needs
    // only its own four, FORMAT.md §10.1).
    let s = &schema["then"];
    assert_eq!(s["additionalProperties"], false);
    let required: Vec<&str> = s["else"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for k in [
        "title",
        "organization",
        "summary",
        "status",
        "started",
        "updated",
        "thematic_area",
        "target_groups",
        "activities",
        "results",
    ] {
        assert!(required.contains(&k), "{k} not required");
    }
    assert!(!required.contains(&"regions"));
    let text = schema.to_string();
    for word in [
        "completed",
        "early-intervention",
        "refers-beneficiaries",
        "\"effect\"",
    ] {
        assert!(text.contains(word), "{word} missing from the schema");
    }
}

#[test]
fn check_practice_prints_a_review_ready_summary() {
    let out = dokaz()
        .args([
            "check",
            "--practice",
            "pomoshch-semyam-v-slozhnoy-situatsii",
            "--root",
        ])
        .arg(reviewed_example().1)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "Помощь семьям в сложной жизненной ситуации (pomoshch-semyam-v-slozhnoy-situatsii)"
    ));
    assert!(text.contains("2 reviews, latest 2022-10-05 verified"));
    // No seed states a claim; the test review verified the results.
    assert!(
        text.contains("claimed: — · verified: advanced (Ирина Петрова, 2022-10-05)"),
        "{text}"
    );
    assert!(
        text.contains(
            "✓ basic: indicator_years — 1 or more years of data for 5 of 5 indicators with values"
        ),
        "{text}"
    );
    // The verified regulation level is above what the rules support.
    assert!(
        text.contains("verified: basic (Ирина Петрова, 2022-10-05) · the rules support: initial"),
        "{text}"
    );
    assert!(
        text.contains("verified levels the rules do not support:\n  - regulation/basic: documents — 0 documents (needs 1)"),
        "{text}"
    );

    let missing = dokaz()
        .args(["check", "--practice", "warm-hom", "--root"])
        .arg(example_root())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("did you mean `warm-home`?"));
}
