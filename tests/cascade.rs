//! One mistake gives one message (issue 15): each case makes a single
//! mistake in an otherwise valid practice and asserts the *whole* list of
//! diagnostics `dokaz check` reports — codes, lines and columns — so that
//! no cascade (an item dropped for one bad key, then "no activity has the
//! id …", "no activity addresses the problem …") can come back unnoticed.
//! The last tests make several mistakes at once and get every one of
//! them in one run, decoding and semantic findings together.

mod common;

use common::*;
use std::path::Path;

const PRACTICE: &str = "content/practices/example-practice.md";

/// The `dokaz init` example with one item of every kind of list a
/// practice has, so a typo can be made in each.
fn base(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join(PRACTICE)).unwrap();
    let extra = r#"contacts:
  - {name: "Линия", email: "info@example.org"}
monitoring:
  - {tool: "Анкета", level: case}
factors:
  - {result: r-effect, favouring: ["Поддержка"]}
risks:
  - {risk: "Выгорание", mitigation: "Супервизия"}
justification:
  references:
    - {title: "Исследование", url: "https://example.org/r", year: 2020}
partners:
  - {name: "Опека", kind: government, roles: [refers-beneficiaries]}
resources:
  budget:
    - {year: 2023, currency: RUB, total: 1000, items: [{name: "Зарплата", amount: 1000}]}
served:
  - {year: 2023, families: 24}
result_costs:
  - {result: r-effect, year: 2023, expenses: 1000, currency: RUB, families: 24}
documents:
  - {title: "Регламент", url: "https://example.org/doc", kind: regulation}
long_term:
  - {result: r-effect, text: "Через год"}
  - {result: r-stable, text: "Через полгода"}
evidence:
"#;
    text.replacen("evidence:\n", extra, 1)
}

/// The diagnostics of the registry as `CODE line:column`, in order.
fn found(root: &Path) -> (Vec<String>, Vec<serde_json::Value>) {
    let (_, diags, _) = check_json_on(root, "2026-06-01");
    let short = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    (short, diags)
}

/// Makes each edit of `edits` (`from` → `to`, first occurrence) on the
/// base practice and returns what `check` reports.
fn with_edits(edits: &[(&str, &str)]) -> (Vec<String>, Vec<serde_json::Value>) {
    let (_tmp, root) = fresh_registry();
    let mut text = base(&root);
    for (from, to) in edits {
        assert!(text.contains(from), "the base has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    write(&root, PRACTICE, text);
    found(&root)
}

#[test]
fn the_base_practice_is_clean() {
    let (got, all) = with_edits(&[]);
    assert!(got.is_empty(), "{all:#?}");
}

/// (what, from, to, the expected diagnostics)
const CASES: &[(&str, &str, &str, &[&str])] = &[
    // A typo'd key in each kind of list item: only the unknown key.
    (
        "activity addresses",
        "addresses: [pr-crisis]",
        "adresses: [pr-crisis]",
        &["D006 22:5"],
    ),
    (
        "activity id",
        "  - id: a-case",
        "  - idd: a-case",
        &["D006 19:5"],
    ),
    (
        "activity name",
        "    name: \"Сопровождение",
        "    nmae: \"Сопровождение",
        &["D006 20:5"],
    ),
    (
        "target group id",
        "  - id: tg-parents",
        "  - di: tg-parents",
        &["D006 13:5"],
    ),
    (
        "target group problems",
        "    problems:",
        "    problms:",
        &["D006 16:5"],
    ),
    (
        "problem text",
        "{id: pr-crisis, text:",
        "{id: pr-crisis, txt:",
        &["D006 17:25"],
    ),
    (
        "problem id",
        "{id: pr-crisis,",
        "{ids: pr-crisis,",
        &["D006 17:10"],
    ),
    (
        "result from",
        "{id: r-plan, level: output, from:",
        "{id: r-plan, level: output, frm:",
        &["D006 24:33"],
    ),
    (
        "result level",
        "{id: r-effect, level:",
        "{id: r-effect, levl:",
        &["D006 26:20"],
    ),
    (
        "result id",
        "{id: r-stable,",
        "{idd: r-stable,",
        &["D006 25:6"],
    ),
    (
        "indicator result",
        "    result: r-effect",
        "    reslt: r-effect",
        &["D006 29:5"],
    ),
    (
        "indicator value year",
        "{year: 2022, value: 18",
        "{yaer: 2022, value: 18",
        &["D006 33:10"],
    ),
    (
        "indicator value",
        "value: 18, of: 22",
        "vale: 18, of: 22",
        &["D006 33:22"],
    ),
    (
        "contact email",
        "email: \"info@example.org\"}",
        "emial: \"info@example.org\"}",
        &["D006 36:21"],
    ),
    (
        "monitoring tool",
        "{tool: \"Анкета\"",
        "{tol: \"Анкета\"",
        &["D006 38:6"],
    ),
    (
        "factor result",
        "{result: r-effect, favouring",
        "{reslt: r-effect, favouring",
        &["D006 40:6"],
    ),
    (
        "risk",
        "{risk: \"Выгорание\"",
        "{rsk: \"Выгорание\"",
        &["D006 42:6"],
    ),
    (
        "reference title",
        "{title: \"Исследование\"",
        "{titel: \"Исследование\"",
        &["D006 45:8"],
    ),
    (
        "partner kind",
        "kind: government",
        "knd: government",
        &["D006 47:21"],
    ),
    ("budget total", "total: 1000", "totl: 1000", &["D006 50:35"]),
    (
        "budget item amount",
        "amount: 1000",
        "amout: 1000",
        &["D006 50:75"],
    ),
    (
        "served year",
        "{year: 2023, families: 24}",
        "{yar: 2023, families: 24}",
        &["D006 52:6"],
    ),
    (
        "result cost expenses",
        "expenses: 1000",
        "expences: 1000",
        &["D006 54:36"],
    ),
    (
        "document title",
        "{title: \"Регламент\"",
        "{tite: \"Регламент\"",
        &["D006 56:6"],
    ),
    (
        "long-term text",
        "{result: r-effect, text: \"Через год\"}",
        "{result: r-effect, txt: \"Через год\"}",
        &["D006 58:24"],
    ),
    ("top-level summary", "summary:", "sumary:", &["D006 5:1"]),
    // A typo'd key whose value does not fit the key either: the key only.
    (
        "typo and no list",
        "addresses: [pr-crisis]",
        "adresses: pr-crisis",
        &["D006 22:5"],
    ),
    (
        "typo and no year",
        "{year: 2022, value: 18",
        "{yaer: 22, value: 18",
        &["D006 33:10"],
    ),
    // A wrong enumeration value: only that value.
    ("status", "status: active", "status: активна", &["D009 6:9"]),
    (
        "result level value",
        "level: effect",
        "level: efect",
        &["D009 26:27"],
    ),
    (
        "output level value",
        "level: output",
        "level: outptu",
        &["D009 24:25"],
    ),
    (
        "document kind",
        "kind: regulation",
        "kind: regulaton",
        &["D009 56:64"],
    ),
    (
        "partner role",
        "roles: [refers-beneficiaries]",
        "roles: [refers-beneficiary]",
        &["D009 47:47"],
    ),
    // A bad date or year: only that value.
    (
        "updated",
        "updated: 2024-01-15",
        "updated: 20.11.2026",
        &["D011 8:10"],
    ),
    ("started", "started: 2015", "started: 2015г", &["D011 7:10"]),
    (
        "value year",
        "{year: 2022, value: 18",
        "{year: 22, value: 18",
        &["D011 33:16"],
    ),
    (
        "budget year",
        "{year: 2023, currency: RUB",
        "{year: 23, currency: RUB",
        &["D011 50:14"],
    ),
    // A bad number: only that number (no share, no budget sum).
    (
        "indicator value number",
        "value: 18, of: 22",
        "value: восемнадцать, of: 22",
        &["D008 33:29"],
    ),
    (
        "denominator",
        "value: 18, of: 22",
        "value: 18, of: двадцать",
        &["D008 33:37"],
    ),
    (
        "budget item number",
        "amount: 1000",
        "amount: тысяча",
        &["D008 50:83"],
    ),
    (
        "budget total number",
        "total: 1000",
        "total: тысяча",
        &["D008 50:42"],
    ),
    (
        "document url not text",
        "url: \"https://example.org/doc\"",
        "url: [\"https://example.org/doc\"]",
        &["D008 56:31"],
    ),
    // A wrong type for a whole field.
    (
        "regions not a list",
        "regions: [moscow]",
        "regions: {moscow: 1}",
        &["D008 9:10"],
    ),
    (
        "addresses not a list",
        "addresses: [pr-crisis]",
        "addresses: {pr-crisis: 1}",
        &["D008 22:16"],
    ),
    (
        "from not a list",
        "from: [r-plan]",
        "from: {r-plan: 1}",
        &["D008 25:40"],
    ),
    (
        "activity not a mapping",
        "  - id: a-case\n    name: \"Сопровождение семьи кейс-менеджером\"\n    type: case-management\n    addresses: [pr-crisis]\n",
        "  - a-case\n",
        &["D008 19:5"],
    ),
    // A missing required key: only that key.
    (
        "activity id missing",
        "  - id: a-case\n",
        "  -\n",
        &["D007 20:5"],
    ),
    (
        "result text missing",
        ", text: \"Ребёнок растёт в своей семье\"}",
        "}",
        &["D007 26:5"],
    ),
    // A bad reference: only the reference.
    ("from", "from: [a-case]", "from: [a-cse]", &["V102 24:40"]),
    (
        "addresses",
        "addresses: [pr-crisis]",
        "addresses: [pr-crisi]",
        &["V102 22:17"],
    ),
    (
        "indicator result ref",
        "    result: r-effect",
        "    result: r-efect",
        &["V102 29:13"],
    ),
    (
        "organization",
        "organization: example-foundation",
        "organization: example-fundation",
        &["V102 3:15"],
    ),
    (
        "region",
        "regions: [moscow]",
        "regions: [moskva]",
        &["V103 9:11"],
    ),
    (
        "category",
        "category: birth-parents",
        "category: birth-parent",
        &["V103 15:15"],
    ),
    (
        "thematic area",
        "thematic_area: orphanhood-prevention",
        "thematic_area: orphanhood",
        &["V103 10:16"],
    ),
    // A bad id: only the id.
    (
        "id format",
        "  - id: a-case",
        "  - id: A-Case",
        &["D010 19:9", "V102 24:40"],
    ),
];

#[test]
fn one_mistake_gives_exactly_its_diagnostics() {
    let mut failures = Vec::new();
    for (what, from, to, expected) in CASES {
        let (got, all) = with_edits(&[(from, to)]);
        if got != *expected {
            failures.push(format!(
                "{what}: expected {expected:?}, got {got:?}\n{}",
                all.iter()
                    .map(|d| format!("  {} {}", d["code"], d["message"]))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Five mistakes in five places, decoding and semantic ones mixed: every
/// one is reported in the one run, each once, at its place.
#[test]
fn five_mistakes_in_one_run() {
    let (got, all) = with_edits(&[
        ("status: active", "status: активна"),
        ("updated: 2024-01-15", "updated: 20.11.2026"),
        ("regions: [moscow]", "regions: [moskva]"),
        ("value: 21, of: 24", "value: 27, of: 24"),
        ("from: [r-plan]", "from: [r-plann]"),
    ]);
    assert_eq!(
        got,
        [
            "D009 6:9",
            "D011 8:10",
            "V103 9:11",
            "V102 25:41",
            "V109 34:29"
        ],
        "{all:#?}"
    );
    // The suggestions name the closest value, with its label for a term.
    let hint = |code: &str| {
        all.iter()
            .find(|d| d["code"] == code)
            .and_then(|d| d["hint"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(hint("D009"), "did you mean `active`?");
    assert_eq!(hint("V103"), "did you mean `moscow` (Москва)?");
    assert_eq!(
        hint("V102"),
        "did you mean `r-plan` (У семьи есть план выхода из кризиса)?"
    );
}

/// A mistake in every file of its own kind still leaves the other files'
/// semantic findings in the same run.
#[test]
fn decoding_errors_do_not_hide_other_findings() {
    let (_tmp, root) = fresh_registry();
    let text = base(&root)
        .replacen("status: active", "status: активна", 1)
        .replacen("value: 18, of: 22", "value: 180, of: 22", 1);
    write(&root, PRACTICE, &text);
    let org = "content/organizations/example-foundation.md";
    let o = std::fs::read_to_string(root.join(org)).unwrap();
    write(
        &root,
        org,
        o.replacen("founded: 2010", "founded: 2010 год", 1)
            .replacen("regions: [moscow]", "regions: [mosco]", 1),
    );
    let (got, all) = found(&root);
    assert_eq!(
        got,
        ["D011 4:10", "V103 5:11", "D009 6:9", "V109 33:29"],
        "{all:#?}"
    );
}

/// One mistake in a vocabulary, an organization or the scheme: its own
/// diagnostic, and no "unknown term" or "no such level" in the files
/// that name what it defines.
#[test]
fn one_mistake_in_another_file_stays_there() {
    const OTHER: &[(&str, &str, &str, &[&str])] = &[
        (
            "content/taxonomies/regions.yaml",
            "    - {id: moscow, ",
            "    - {",
            &["D007 4:7 regions.yaml"],
        ),
        (
            "content/taxonomies/regions.yaml",
            "  label: {ru",
            "  lable: {ru",
            &["D006 2:3 regions.yaml"],
        ),
        (
            "content/organizations/example-foundation.md",
            "name: {ru",
            "nam: {ru",
            &["D006 2:1 example-foundation.md"],
        ),
        (
            "content/evidence.yaml",
            "{id: basic,    label",
            "{label",
            &["D007 11:5 evidence.yaml"],
        ),
        (
            "content/evidence.yaml",
            "{id: results,       label",
            "{label",
            &["D007 7:5 evidence.yaml"],
        ),
        (
            "content/evidence.yaml",
            "dimensions:",
            "dimensions: [",
            &["D004 5:3 evidence.yaml"],
        ),
    ];
    let mut failures = Vec::new();
    for (file, from, to, expected) in OTHER {
        let (_tmp, root) = fresh_registry();
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        write(&root, file, text.replacen(from, to, 1));
        let (_, diags, _) = check_json_on(&root, "2026-06-01");
        let got: Vec<String> = diags
            .iter()
            .map(|d| {
                format!(
                    "{} {}:{} {}",
                    d["code"].as_str().unwrap(),
                    d["line"],
                    d["column"],
                    d["file"].as_str().unwrap().rsplit('/').next().unwrap()
                )
            })
            .collect();
        if got != *expected {
            failures.push(format!("{file} `{to}`: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The base practice's front matter as a YAML tree, with its positions.
fn front_matter_tree(text: &str) -> dokaz::syntax::yaml::Node {
    let fm = dokaz::syntax::source::split_front_matter(text).expect("front matter");
    dokaz::syntax::yaml::parse(fm.yaml, fm.yaml_line).expect("parses")
}

/// Every value of the base practice, one at a time, made the wrong type
/// (a mapping where a text, a number, a date, an id or an enumeration
/// value is expected): exactly one diagnostic, at that value. This sweeps
/// the rules for cascades from a stand-in that the cases above do not
/// name one by one.
#[test]
fn every_value_made_the_wrong_type_gives_one_diagnostic_at_it() {
    use dokaz::syntax::diag::Span;
    use dokaz::syntax::source::SourceFile;
    use dokaz::syntax::yaml::{Node, NodeKind};
    let (_tmp, root) = fresh_registry();
    let text = base(&root);
    let tree = front_matter_tree(&text);
    fn leaves(n: &Node, out: &mut Vec<Span>) {
        match &n.kind {
            NodeKind::Scalar { .. } => out.push(n.span),
            NodeKind::Seq(items) => items.iter().for_each(|i| leaves(i, out)),
            NodeKind::Map(pairs) => pairs.iter().for_each(|(_, v)| leaves(v, out)),
            NodeKind::Null => {}
        }
    }
    let mut spans = Vec::new();
    leaves(&tree, &mut spans);
    assert!(spans.len() > 70, "{}", spans.len());
    let src = SourceFile::new(PRACTICE.into(), root.join(PRACTICE), text.clone());
    let mut failures = Vec::new();
    for span in spans {
        let mut range = src.label_range(span);
        // A quoted value ends at its closing quote (the base has no escapes).
        if text[range.start..].starts_with('"') {
            let close = text[range.start + 1..].find('"').expect("closed");
            range.end = range.start + close + 2;
        }
        let mut broken = text.clone();
        broken.replace_range(range.clone(), "{x: 1}");
        write(&root, PRACTICE, &broken);
        let (got, _) = found(&root);
        let at = format!("{}:{}", span.line, span.col);
        let ok = got.len() == 1
            && got[0].ends_with(&format!(" {at}"))
            && (got[0].starts_with("D008") || got[0].starts_with("D011"));
        if !ok {
            failures.push(format!("`{}` at {at}: {got:?}", &text[range]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every key of the base practice, one at a time, misspelt: exactly one
/// D006, at that key, whatever the key holds.
#[test]
fn every_key_misspelt_gives_one_diagnostic_at_it() {
    use dokaz::syntax::diag::Span;
    use dokaz::syntax::yaml::{Node, NodeKind};
    let (_tmp, root) = fresh_registry();
    let text = base(&root);
    let tree = front_matter_tree(&text);
    fn keys(n: &Node, out: &mut Vec<(Span, String)>) {
        match &n.kind {
            NodeKind::Seq(items) => items.iter().for_each(|i| keys(i, out)),
            NodeKind::Map(pairs) => {
                for (k, v) in pairs {
                    out.push((k.span, k.as_str().unwrap_or_default().to_owned()));
                    keys(v, out);
                }
            }
            _ => {}
        }
    }
    let mut found_keys = Vec::new();
    keys(&tree, &mut found_keys);
    assert!(found_keys.len() > 70, "{}", found_keys.len());
    let lines: Vec<&str> = text.split('\n').collect();
    let mut failures = Vec::new();
    for (span, key) in found_keys {
        // The key's line with an `x` after the key.
        let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        let line = &mut edited[span.line as usize - 1];
        let at: usize = line
            .char_indices()
            .nth(span.col as usize - 1)
            .map(|(i, _)| i)
            .expect("column");
        assert!(line[at..].starts_with(&key), "{key} at {span:?}: {line}");
        line.insert(at + key.len(), 'x');
        write(&root, PRACTICE, edited.join("\n"));
        let (got, _) = found(&root);
        // The evidence claims' keys are the scheme's dimensions: a
        // misspelt one is V118 (not a dimension), with the closest.
        let at = format!(" {}:{}", span.line, span.col);
        let ok = got.len() == 1
            && got[0].ends_with(&at)
            && (got[0].starts_with("D006") || got[0].starts_with("V118"));
        if !ok {
            failures.push(format!("`{key}x`: expected one D006 at{at}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
