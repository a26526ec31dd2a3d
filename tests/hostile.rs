//! Hostile content and hostile settings (issue 18): a registry whose every
//! text that reaches the site carries script tags, event handlers,
//! `javascript:`/`data:` URLs, SVG with script, comment break-outs,
//! `</script>` in strings, Tera syntax, bidi and zero-width characters.
//! The built files are read with real parsers (html5ever's tree builder,
//! quick-xml's reader, serde_json, the csv crate), and what must be there is
//! asserted as well as what must not.

mod common;
#[path = "hostile/dom.rs"]
mod dom;

use common::*;
use dom::Dom;
use std::path::{Path, PathBuf};

/// The payload every text field carries, after a marker naming the field.
const ATTACK: &str = concat!(
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)><script>alert(4)</script></svg>",
    " --><!-- ",
    "</script></style></textarea></title>",
    "<a href=\"javascript:alert(5)\" onclick=\"alert(6)\">j</a>",
    "\"><iframe src=\"data:text/html,<script>alert(7)</script>\"></iframe>",
    "' onmouseover='alert(8)' ",
    "{{ 7 * 7 }} {% if true %}tera{% endif %} {# c #} {{ config }}",
    " ]]> &amp; &lt;b&gt; ",
    "\u{202E}gnp.exe\u{202C} zero\u{200B}width\u{FEFF}",
);

/// `field` marked, with the payload.
fn p(field: &str) -> String {
    format!("{field} {ATTACK}")
}

/// A YAML single-quoted scalar.
fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A Markdown body with raw HTML, hostile links and images, mXSS shapes.
const BODY: &str = r#"
## Описание

Safe paragraph before the attacks.

<script>alert('body')</script>

<img src=x onerror="alert('img')"> <svg><script>alert('svg')</script><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>

<a href="javascript:alert(1)">js-link</a> <a href=" JaVaScRiPt:alert(1)">js-space</a> <a href="jav&#x09;ascript:alert(1)">js-tab</a> <a href="vbscript:msgbox(1)">vb</a>

[md-js](javascript:alert(1)) [md-data](data:text/html,<script>alert(1)</script>) ![md-img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) <javascript:alert(1)>

[titled](https://example.org/ "x\" onmouseover=\"alert(1)")

<iframe src="https://example.org/"></iframe><object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>

<div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div> <style>body{display:none}</style>

<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>

<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></noscript>

<!-- comment --><script>alert('after comment')</script> -->

`{{ 7 * 7 }}` {% raw %}{{ config }}{% endraw %} and </script> in text

| left | center | right |
|:--|:-:|--:|
| <span style="color:red">1</span> | 2 | 3 |

Safe paragraph after the attacks.

<!-- an unclosed comment, the body's last line
"#;

fn practice_one() -> String {
    format!(
        r#"---
title: {title}
organization: hostile-org
language: ru
summary: {summary}
status: active
started: 2015
updated: 2024-01-15
regions: [moscow]
geography_note: {geo}
thematic_area: orphanhood-prevention
practice_type: family-support
uniqueness:
  - {uniq}
contacts:
  - {{name: {cname}, role: {crole}, email: "info@example.org"}}
target_groups:
  - id: tg-parents
    name: {tg}
    category: birth-parents
    problems:
      - {{id: pr-crisis, text: {problem}}}
activities:
  - id: a-case
    name: {activity}
    type: case-management
    addresses: [pr-crisis]
results:
  - {{id: r-plan, level: output, from: [a-case], text: {r1}}}
  - {{id: r-stable, level: short, from: [r-plan], text: {r2}}}
  - {{id: r-effect, level: effect, from: [r-stable], text: {r3}}}
indicators:
  - id: i-stable
    result: r-effect
    name: {iname}
    method: {imethod}
    values:
      - {{year: 2022, value: 18, of: 22, note: {inote}}}
      - {{year: 2023, value: 21, of: 24}}
monitoring:
  - {{tool: {mtool}, responsible: {mresp}, level: practice}}
values:
  - {value}
risks:
  - {{risk: {risk}, mitigation: {mitigation}}}
partners:
  - {{name: {partner}, kind: ngo, roles: [provides-resources]}}
justification:
  references:
    - {{title: {reftitle}, url: "https://example.org/ref?a=1&b=2", year: 2013}}
documents:
  - {{title: {doctitle}, url: "https://example.org/doc.pdf?x=%22%3E%3Cscript%3E", kind: report}}
long_term:
  - {{result: r-effect, text: {longterm}}}
negative_effects: {negative}
evidence:
  results: basic
  data_validity: basic
---
{BODY}"#,
        title = q(&p("TITLE")),
        summary = q(&p("SUMMARY")),
        geo = q(&p("GEO")),
        uniq = q(&p("UNIQ")),
        cname = q(&p("CONTACT")),
        crole = q(&p("ROLE")),
        tg = q(&p("TARGETGROUP")),
        problem = q(&p("PROBLEM")),
        activity = q(&p("ACTIVITY")),
        r1 = q(&p("RESULT1")),
        r2 = q(&p("RESULT2")),
        r3 = q(&p("RESULT3")),
        iname = q(&format!(
            "=HYPERLINK(\"https://evil.example\",\"x\") INDICATOR {ATTACK}"
        )),
        imethod = q(&p("METHOD")),
        inote = q(&format!("@SUM(A1) NOTE {ATTACK}")),
        mtool = q(&p("TOOL")),
        mresp = q(&p("RESPONSIBLE")),
        value = q(&p("VALUE")),
        risk = q(&p("RISK")),
        mitigation = q(&p("MITIGATION")),
        partner = q(&p("PARTNER")),
        reftitle = q(&p("REFERENCE")),
        doctitle = q(&p("DOCUMENT")),
        longterm = q(&p("LONGTERM")),
        negative = q(&p("NEGATIVE")),
    )
}

/// A second practice, in English, of the same organization.
fn practice_two() -> String {
    format!(
        r#"---
title: {title}
organization: hostile-org
language: en
summary: {summary}
status: active
started: 2018
updated: 2024-02-01
regions: [moscow]
thematic_area: orphanhood-prevention
practice_type: family-support
target_groups:
  - id: tg
    name: {tg}
    category: birth-parents
    problems:
      - {{id: pr, text: {problem}}}
activities:
  - {{id: a, name: {activity}, type: case-management, addresses: [pr]}}
results:
  - {{id: r, level: effect, from: [a], text: {result}}}
---

## About

Second body. <script>alert('two')</script> [x](javascript:alert(2))
"#,
        title = q(&p("TITLE2")),
        summary = q(&p("SUMMARY2")),
        tg = q(&p("TG2")),
        problem = q(&p("PROBLEM2")),
        activity = q(&p("ACTIVITY2")),
        result = q(&p("RESULT2B")),
    )
}

fn organization() -> String {
    format!(
        r#"---
name: {{ru: {ru}, en: {en}}}
website: "https://example.org/?a=1&b=%22x%22"
founded: 2010
regions: [moscow]
contacts:
  - {{name: {cname}, role: {crole}, email: "info@example.org"}}
---

Organization body <script>alert('org')</script> <img src=x onerror=alert('org')> [o](javascript:alert('org'))
"#,
        ru = q(&p("ORGRU")),
        en = q(&p("ORGEN")),
        cname = q(&p("ORGCONTACT")),
        crole = q(&p("ORGROLE")),
    )
}

fn review() -> String {
    format!(
        r#"reviewer:
  name: {name}
  affiliation: {aff}
date: 2024-03-01
status: verified
levels:
  results: basic
comments:
  results: {comment}
summary: {summary}
recommendations:
  - {rec}
rubric: hostile-rubric
ratings:
  - criterion: crit-a
    rating: good
    note: {note}
"#,
        name = q(&p("REVIEWER")),
        aff = q(&p("AFFILIATION")),
        comment = q(&p("COMMENT")),
        summary = q(&p("REVIEWSUMMARY")),
        rec = q(&p("RECOMMENDATION")),
        note = q(&p("RATINGNOTE")),
    )
}

fn rubric() -> String {
    format!(
        r#"title: {{en: {en}, ru: {ru}}}
criteria:
  - id: dim-a
    label: {{en: {dl}, ru: {dl}}}
    children:
      - id: crit-a
        label: {{en: {cl}, ru: {cl}}}
        good: {{en: {good}, ru: {good}}}
        poor: {{en: {poor}, ru: {poor}}}
"#,
        en = q(&p("RUBRICEN")),
        ru = q(&p("RUBRICRU")),
        dl = q(&p("DIMENSION")),
        cl = q(&p("CRITERION")),
        good = q(&p("GOOD")),
        poor = q(&p("POOR")),
    )
}

/// The fixture registry: `dokaz init`, its practice and organization
/// replaced, a second practice, a review with a rubric, hostile registry
/// title and description and taxonomy labels.
fn hostile_registry() -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = fresh_registry();
    let reg = std::fs::read_to_string(root.join("registry.yaml")).unwrap();
    let reg: String = reg
        .lines()
        .map(|l| {
            if l.starts_with("title:") {
                format!(
                    "title: {{ru: {}, en: {}}}",
                    q(&p("SITERU")),
                    q(&p("SITEEN"))
                )
            } else if l.starts_with("description:") {
                format!(
                    "description: {{ru: {}, en: {}}}",
                    q(&p("DESCRU")),
                    q(&p("DESCEN"))
                )
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    write(&root, "registry.yaml", reg + "\n");
    std::fs::remove_file(root.join("content/practices/example-practice.md")).unwrap();
    std::fs::remove_file(root.join("content/organizations/example-foundation.md")).unwrap();
    write(&root, "content/practices/hostile.md", practice_one());
    write(&root, "content/practices/hostile-two.md", practice_two());
    write(
        &root,
        "content/organizations/hostile-org.md",
        organization(),
    );
    write(
        &root,
        "content/reviews/hostile/2024-03-01-hostile-reviewer.yaml",
        review(),
    );
    write(&root, "content/rubrics/hostile-rubric.yaml", rubric());
    let tg = std::fs::read_to_string(root.join("content/taxonomies/target-groups.yaml")).unwrap();
    let tg = tg.replace(
        r#"label: {ru: "Кровные родители и члены семьи", en: "Birth parents and family members"}"#,
        &format!(
            "label: {{ru: {}, en: {}}}",
            q(&p("TERMRU")),
            q(&p("TERMEN"))
        ),
    );
    assert!(tg.contains("TERMRU"), "the label to replace is in {tg}");
    write(&root, "content/taxonomies/target-groups.yaml", tg);
    (tmp, root)
}

fn build(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    dokaz()
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("run dokaz build")
}

fn files(out: &Path, ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect()
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "xlink:href",
];

/// A URL's scheme as a browser reads it: leading spaces and controls
/// dropped, tabs and newlines inside removed, lower case.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    (!s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| s.to_ascii_lowercase())
}

/// The Content-Security-Policy of every page (themes/default/templates).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                   img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// The checks every HTML page passes; returns the page's parsed tree.
fn check_page(rel: &str, html: &str) -> Dom {
    let dom = Dom::parse(html);
    // The policy, once, in the head before anything it governs.
    let elements = dom.elements();
    let policies: Vec<usize> = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.name() == "meta"
                && e.attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
        })
        .map(|(i, e)| {
            assert_eq!(e.attr("content"), Some(CSP), "{rel}: the policy");
            assert_eq!(
                e.ancestors().first(),
                Some(&"head"),
                "{rel}: the policy in <head>"
            );
            i
        })
        .collect();
    assert_eq!(policies.len(), 1, "{rel}: one Content-Security-Policy meta");
    let first_governed = elements
        .iter()
        .position(|e| matches!(e.name(), "script" | "link" | "style" | "img" | "body"))
        .unwrap_or(usize::MAX);
    assert!(
        policies[0] < first_governed,
        "{rel}: the policy comes first"
    );
    for el in dom.elements() {
        let where_ = format!("{rel}: <{}> in {:?}", el.name(), el.ancestors());
        for (k, v) in el.attrs() {
            assert!(
                !k.to_ascii_lowercase().starts_with("on"),
                "{where_}: event handler {k}={v:?}"
            );
            // style-src 'self' refuses inline style attributes.
            assert!(!k.eq_ignore_ascii_case("style"), "{where_}: style={v:?}");
            if URL_ATTRS.contains(&k)
                && let Some(s) = scheme(v)
            {
                assert!(
                    !["javascript", "data", "vbscript", "file"].contains(&s.as_str()),
                    "{where_}: {k}={v:?}"
                );
            }
        }
        match el.name() {
            "script" => {
                if let Some(src) = el.attr("src") {
                    assert!(
                        scheme(src).is_none() && src.contains("static/") && !src.contains("//"),
                        "{where_}: script from {src:?}"
                    );
                    assert!(
                        el.text().trim().is_empty(),
                        "{where_}: script with src and text"
                    );
                } else {
                    let ty = el.attr("type").unwrap_or("");
                    assert!(
                        ty == "application/json" || ty == "application/ld+json",
                        "{where_}: inline script of type {ty:?}: {}",
                        el.text()
                    );
                    let text = el.text();
                    serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| {
                        panic!("{where_}: the data block is not JSON ({e}): {text}")
                    });
                }
            }
            "iframe" | "frame" | "object" | "embed" | "base" | "applet" | "style" => {
                panic!("{where_}: element <{}> on a page", el.name())
            }
            "meta"
                if el
                    .attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("refresh")) =>
            {
                let c = el.attr("content").unwrap_or("");
                let url = c.split_once("url=").map_or("", |(_, u)| u);
                assert!(scheme(url).is_none(), "{where_}: refresh to {c:?}");
            }
            "form" => {
                let a = el.attr("action").unwrap_or("");
                assert!(scheme(a).is_none(), "{where_}: form to {a:?}");
            }
            _ => {}
        }
    }
    dom
}

/// The text of the page's first element named `tag`.
fn first_text(dom: &Dom, tag: &str, rel: &str) -> String {
    dom.find(tag)
        .first()
        .unwrap_or_else(|| panic!("{rel}: no <{tag}>"))
        .text()
}

/// Every text and attribute value of an XML document, after checking it
/// is well-formed (names matched, entities known), with no `script`
/// element and no `on*` attribute.
fn xml_values(rel: &str, bytes: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(bytes);
    r.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut run = String::new();
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        let ev = r
            .read_event()
            .unwrap_or_else(|e| panic!("{rel}: not well-formed at {}: {e}", r.buffer_position()));
        match &ev {
            Event::Text(t) => {
                run.push_str(&t.xml10_content());
                continue;
            }
            Event::CData(t) => {
                run.push_str(&t.xml10_content());
                continue;
            }
            Event::GeneralRef(g) => {
                let name = g.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    n if n.starts_with("#x") => {
                        char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap())
                            .unwrap()
                            .to_string()
                    }
                    n if n.starts_with('#') => {
                        char::from_u32(n[1..].parse().unwrap()).unwrap().to_string()
                    }
                    other => panic!("{rel}: unknown entity &{other};"),
                };
                run.push_str(&ch);
                continue;
            }
            _ => {}
        }
        if !run.trim().is_empty() {
            out.push(std::mem::take(&mut run));
        }
        run.clear();
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                if depth == 0 {
                    roots += 1;
                }
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
                let name = e.local_name().as_ref().to_owned();
                assert_ne!(
                    name.to_ascii_lowercase(),
                    "script",
                    "{rel}: a script element"
                );
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|e| panic!("{rel}: attribute: {e}"));
                    let k = a.key.as_ref().to_owned();
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|e| panic!("{rel}: attribute {k}: {e}"))
                        .into_owned();
                    assert!(
                        !k.to_ascii_lowercase().starts_with("on"),
                        "{rel}: {k}={v:?}"
                    );
                    if k.ends_with("href") {
                        assert!(
                            !scheme(&v).is_some_and(
                                |s| ["javascript", "data", "vbscript"].contains(&s.as_str())
                            ),
                            "{rel}: {k}={v:?}"
                        );
                    }
                    out.push(v);
                }
            }
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(
        (depth, roots),
        (0, 1),
        "{rel}: one root, every element closed"
    );
    out
}

#[test]
fn hostile_content_stays_text_in_every_output() {
    let (tmp, root) = hostile_registry();
    let out = tmp.path().join("out");
    let o = build(&root, &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    // The bidi and zero-width characters are warned about (V134).
    assert!(stderr.contains("V134"), "{stderr}");

    // Every page, by a real HTML parser.
    let pages = files(&out, "html");
    assert!(pages.len() > 30, "{} pages", pages.len());
    for f in &pages {
        let rel = f.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        let html = std::fs::read_to_string(f).unwrap();
        let dom = check_page(&rel, &html);
        // Content never lands in a comment (ammonia drops the body's).
        for c in dom.comments() {
            assert!(
                !c.contains("alert("),
                "{rel}: a comment holds content: {c:?}"
            );
        }
    }
    let page = |rel: &str| {
        let rel = if rel.ends_with(".html") {
            rel.to_owned()
        } else {
            format!("{rel}index.html")
        };
        let html = read_shown(&out, &rel);
        (rel.clone(), check_page(&rel, &html))
    };

    // What must be there, as text where it belongs.
    let (rel, d) = page("practices/hostile/");
    assert_eq!(first_text(&d, "h1", &rel).trim(), p("TITLE"), "{rel}");
    assert!(first_text(&d, "title", &rel).contains(&p("TITLE")), "{rel}");
    let body = first_text(&d, "body", &rel);
    for field in [
        "SUMMARY",
        "GEO",
        "UNIQ",
        "CONTACT",
        "ROLE",
        "TARGETGROUP",
        "PROBLEM",
        "ACTIVITY",
        "RESULT1",
        "RESULT3",
        "METHOD",
        "TOOL",
        "RESPONSIBLE",
        "VALUE",
        "RISK",
        "MITIGATION",
        "PARTNER",
        "REFERENCE",
        "DOCUMENT",
        "LONGTERM",
        "NEGATIVE",
        "COMMENT",
        "REVIEWER",
        "REVIEWSUMMARY",
        "RECOMMENDATION",
        "RATINGNOTE",
    ] {
        assert!(
            body.contains(&p(field)),
            "{rel}: {field} with its payload as text"
        );
    }
    assert!(
        body.contains(&format!("INDICATOR {ATTACK}")),
        "{rel}: indicator name"
    );
    assert!(body.contains(&p("SITERU")), "{rel}: the registry's title");
    // The Markdown body: the text around the attacks, the attacks' link
    // texts without their links, code as code.
    for text in [
        "Safe paragraph before the attacks.",
        "Safe paragraph after the attacks.",
        "js-link",
        "md-js",
        "styled",
    ] {
        assert!(body.contains(text), "{rel}: {text:?} in the body");
    }
    // The schema.org block holds the title and the organization as JSON
    // strings: `</script>` in them did not end the block.
    let ld: Vec<serde_json::Value> = d
        .find("script")
        .iter()
        .filter(|s| s.attr("type") == Some("application/ld+json"))
        .map(|s| serde_json::from_str(&s.text()).unwrap())
        .collect();
    assert_eq!(ld.len(), 1, "{rel}: one JSON-LD block");
    assert_eq!(ld[0]["name"], p("TITLE"), "{rel}: {}", ld[0]);
    assert_eq!(ld[0]["author"]["name"], p("ORGRU"), "{rel}: {}", ld[0]);
    // The unclosed comment ends with the body: the page goes on.
    assert!(
        d.find("script")
            .iter()
            .any(|s| s.attr("src").is_some_and(|u| u.ends_with("static/site.js"))),
        "{rel}: the page's own script after the body"
    );
    // A table column's alignment is a class (no inline style).
    let aligned: Vec<(String, Option<&str>)> = d
        .find("th")
        .iter()
        .map(|t| (t.text(), t.attr("class")))
        .collect();
    assert!(
        aligned.contains(&("center".to_owned(), Some("align-center"))),
        "{rel}: {aligned:?}"
    );
    let codes: Vec<String> = d.find("code").iter().map(|c| c.text()).collect();
    assert!(codes.iter().any(|c| c == "{{ 7 * 7 }}"), "{rel}: {codes:?}");
    let titled = d
        .find("a")
        .into_iter()
        .find(|a| a.text() == "titled")
        .expect("the titled link");
    assert_eq!(titled.attr("href"), Some("https://example.org/"));
    assert_eq!(titled.attr("title"), Some("x\" onmouseover=\"alert(1)"));
    // The diagram labels (inline SVG) hold the result texts as text.
    let svg_text: String = d
        .elements()
        .into_iter()
        .filter(|e| e.name() == "svg" && e.ns().contains("svg"))
        .map(|e| e.text())
        .collect();
    assert!(
        svg_text.contains("RESULT1"),
        "{rel}: the diagram labels: {svg_text}"
    );

    let (rel, d) = page("en/practices/hostile-two/");
    assert_eq!(first_text(&d, "h1", &rel).trim(), p("TITLE2"), "{rel}");
    let (rel, d) = page("organizations/hostile-org/");
    assert_eq!(first_text(&d, "h1", &rel).trim(), p("ORGRU"), "{rel}");
    assert!(
        first_text(&d, "body", &rel).contains("Organization body"),
        "{rel}"
    );
    let (rel, d) = page("en/organizations/hostile-org/");
    assert_eq!(first_text(&d, "h1", &rel).trim(), p("ORGEN"), "{rel}");
    let (rel, d) = page("target-groups/birth-parents/");
    assert!(first_text(&d, "h1", &rel).contains(&p("TERMRU")), "{rel}");
    let (rel, d) = page("en/target-groups/birth-parents/");
    assert!(first_text(&d, "h1", &rel).contains(&p("TERMEN")), "{rel}");
    let (rel, d) = page("rubrics/hostile-rubric/");
    assert!(first_text(&d, "h1", &rel).contains(&p("RUBRICRU")), "{rel}");
    let body = first_text(&d, "body", &rel);
    for field in ["DIMENSION", "CRITERION", "GOOD", "POOR"] {
        assert!(body.contains(&p(field)), "{rel}: {field}");
    }
    let (rel, d) = page("index.html");
    assert!(
        first_text(&d, "title", &rel).contains(&p("SITERU")),
        "{rel}"
    );
    assert!(first_text(&d, "body", &rel).contains(&p("DESCRU")), "{rel}");
    let (rel, d) = page("en/index.html");
    assert!(
        first_text(&d, "title", &rel).contains(&p("SITEEN")),
        "{rel}"
    );
    // The meta description holds the text as an attribute value (cut to
    // its length, with an ellipsis).
    let descs: Vec<&str> = d
        .find("meta")
        .iter()
        .filter(|m| m.attr("name") == Some("description"))
        .filter_map(|m| m.attr("content"))
        .collect();
    assert!(
        descs
            .iter()
            .any(|c| c.len() > 40 && p("DESCEN").starts_with(c.trim_end_matches('…'))),
        "{rel}: {descs:?}"
    );

    // Feed and sitemap, and every standalone SVG: well-formed XML, the
    // payload as text.
    let feed = xml_values("feed.xml", &std::fs::read(out.join("feed.xml")).unwrap());
    assert!(feed.contains(&p("TITLE")), "feed titles: {feed:?}");
    assert!(feed.contains(&p("SITERU")), "feed title: {feed:?}");
    assert!(feed.contains(&p("ORGRU")), "feed authors: {feed:?}");
    assert!(
        feed.iter().any(|v| v.contains(&p("REVIEWER"))),
        "the review's entry: {feed:?}"
    );
    let sitemap = xml_values(
        "sitemap.xml",
        &std::fs::read(out.join("sitemap.xml")).unwrap(),
    );
    assert!(sitemap.contains(&"https://registry.example.org/practices/hostile/".to_owned()));
    let svgs = files(&out, "svg");
    assert!(!svgs.is_empty());
    for f in &svgs {
        let rel = f.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        xml_values(&rel, &std::fs::read(f).unwrap());
    }

    // Every JSON file parses; the practice's record holds the text as is.
    for f in files(&out, "json") {
        let text = std::fs::read_to_string(&f).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    let one: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("data/practices/hostile.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(one["practice"]["title"], p("TITLE"));

    // The CSV: a real reader; the formula guard on the indicator name and
    // the note.
    let csv_bytes = std::fs::read(out.join("data/indicators.csv")).unwrap();
    let csv_bytes = csv_bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    let mut rows = csv::Reader::from_reader(csv_bytes);
    let headers = rows.headers().unwrap().clone();
    let name = headers.iter().position(|h| h == "name").unwrap();
    let note = headers.iter().position(|h| h == "note").unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(
            &r[name],
            format!("'=HYPERLINK(\"https://evil.example\",\"x\") INDICATOR {ATTACK}")
        );
    }
    assert_eq!(&records[0][note], format!("'@SUM(A1) NOTE {ATTACK}"));
}

/// A `base_url` with `&`, `"` or `<`, from registry.yaml or the command
/// line, is refused with a located error; a plain one with a path builds
/// well-formed XML with it.
#[test]
fn hostile_base_urls_are_refused_and_a_path_builds_valid_xml() {
    let (tmp, root) = fresh_registry();
    let cfg = std::fs::read_to_string(root.join("registry.yaml")).unwrap();
    let out = tmp.path().join("out");
    for bad in [
        "https://e.org/a&b",
        "https://e.org/\"><script>alert(1)</script>",
        "https://e.org/<x>",
        "javascript:alert(1)",
        "https://e.org/\u{202E}x",
    ] {
        let line = cfg
            .lines()
            .position(|l| l.starts_with("base_url:"))
            .unwrap()
            + 1;
        let with = cfg
            .lines()
            .map(|l| {
                if l.starts_with("base_url:") {
                    format!(
                        "base_url: \"{}\"",
                        bad.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        write(&root, "registry.yaml", with);
        let o = build(&root, &out, &[]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{bad}: {stderr}");
        assert!(stderr.contains("V126"), "{bad}: {stderr}");
        assert!(
            stderr.contains(&format!("registry.yaml:{line}:")),
            "{bad}: located at line {line}: {stderr}"
        );
        assert!(!out.exists(), "{bad}: nothing built");
        let (code, diags, _) = check_json(&root);
        assert_eq!(code, 1, "{bad}");
        let d = diags.iter().find(|d| d["code"] == "V126").expect("V126");
        assert_eq!(d["file"], "registry.yaml");
        assert_eq!(d["line"], line as u64);

        write(&root, "registry.yaml", &cfg);
        let o = build(&root, &out, &["--base-url", bad]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--base-url {bad}: {stderr}");
        assert!(stderr.contains("--base-url"), "{stderr}");
        assert!(!out.exists(), "{bad}: nothing built");
    }

    let o = build(&root, &out, &["--base-url", "https://e.org/sub/dir"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let feed = xml_values("feed.xml", &std::fs::read(out.join("feed.xml")).unwrap());
    assert!(
        feed.contains(&"https://e.org/sub/dir/".to_owned()),
        "{feed:?}"
    );
    assert!(
        feed.contains(&"https://e.org/sub/dir/feed.xml".to_owned()),
        "{feed:?}"
    );
    let sitemap = xml_values(
        "sitemap.xml",
        &std::fs::read(out.join("sitemap.xml")).unwrap(),
    );
    assert!(
        sitemap.contains(&"https://e.org/sub/dir/en/".to_owned()),
        "{sitemap:?}"
    );
    assert!(
        sitemap
            .iter()
            .all(|u| u.starts_with("https://e.org/sub/dir/")
                || u.starts_with("http://www.sitemaps.org/"))
    );
    let d = check_page(
        "index.html",
        &std::fs::read_to_string(out.join("index.html")).unwrap(),
    );
    let canon: Vec<&str> = d
        .find("link")
        .iter()
        .filter(|l| l.attr("rel") == Some("canonical"))
        .filter_map(|l| l.attr("href"))
        .collect();
    assert_eq!(canon, ["https://e.org/sub/dir/"]);
}

/// The page checks fail on what they look for (and pass a clean page):
/// each snippet, put in a page, is caught.
#[test]
fn the_page_checks_catch_what_they_look_for() {
    let page = |body: &str| {
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\
             <title>t</title></head><body><h1>h</h1>{body}\
             <script src=\"../static/site.js\" defer></script></body></html>"
        )
    };
    let clean = check_page(
        "clean",
        &page(
            "<p>ok &lt;script&gt;</p><script type=\"application/json\">{\"a\":\"<\\/script>\"}</script>",
        ),
    );
    assert_eq!(first_text(&clean, "p", "clean"), "ok <script>");
    for bad in [
        "<script>alert(1)</script>",
        "<p>x</p><img src=x onerror=alert(1)>",
        "<svg><g onload=\"alert(1)\"></g></svg>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<script type=\"application/json\">{\"a\":\"</script><script>alert(1)</script>\"}</script>",
        "<script type=\"application/ld+json\">not json</script>",
        "<script src=\"https://evil.example/x.js\"></script>",
        "<iframe src=\"https://example.org/\"></iframe>",
        "<form action=\"javascript:alert(1)\"></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<!-- --><script>alert(1)</script>",
        "<div style=\"color: red\">x</div>",
        "<svg><rect style=\"fill: red\"/></svg>",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src *\">",
    ] {
        let html = page(bad);
        let caught = std::panic::catch_unwind(|| {
            check_page("bad", &html);
        });
        assert!(caught.is_err(), "not caught: {bad}");
    }
    let caught = std::panic::catch_unwind(|| xml_values("bad.xml", b"<a><b></a>"));
    assert!(caught.is_err(), "mismatched XML end tag not caught");
    let caught = std::panic::catch_unwind(|| xml_values("bad.xml", b"<a>&nbsp;</a>"));
    assert!(caught.is_err(), "unknown XML entity not caught");
    let caught =
        std::panic::catch_unwind(|| xml_values("bad.svg", b"<svg><script>x</script></svg>"));
    assert!(caught.is_err(), "SVG script not caught");
    assert_eq!(
        xml_values("ok.xml", b"<a x=\"&amp;\">1 &lt; 2</a>"),
        ["&", "1 < 2"]
    );
}

/// A `javascript:`, `data:` or `vbscript:` URL, or one without a host, in
/// a structured field (an organization's website, a document, a
/// reference) is a located error: it never reaches a page.
#[test]
fn hostile_urls_in_fields_are_located_errors() {
    let (_tmp, root) = fresh_registry();
    let org = "content/organizations/example-foundation.md";
    let practice = "content/practices/example-practice.md";
    let org_text = std::fs::read_to_string(root.join(org)).unwrap();
    let practice_text = std::fs::read_to_string(root.join(practice)).unwrap();
    for bad in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://",
        "https:///etc/passwd",
    ] {
        let quoted = format!("\"{}\"", bad.replace('"', "\\\""));
        write(
            &root,
            org,
            org_text.replace("\"https://example.org\"", &quoted),
        );
        let with_docs = practice_text.replace(
            "evidence:\n",
            &format!(
                "documents:\n  - {{title: \"Doc\", url: {quoted}, kind: report}}\n\
                 justification:\n  references:\n    - {{title: \"Ref\", url: {quoted}, year: 2020}}\nevidence:\n"
            ),
        );
        assert_ne!(with_docs, practice_text);
        write(&root, practice, &with_docs);
        let (code, diags, _) = check_json(&root);
        assert_eq!(code, 1, "{bad}: {diags:#?}");
        let line_of = |text: &str, needle: &str| {
            text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
        };
        let errors: Vec<(String, u64)> = diags
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let org_line = line_of(&org_text, "website:");
        assert!(
            errors.contains(&(org.to_owned(), org_line)),
            "{bad}: the website at {org}:{org_line}: {diags:#?}"
        );
        for field in ["documents:", "references:"] {
            let line = line_of(&with_docs, field) + 1;
            assert!(
                errors.contains(&(practice.to_owned(), line)),
                "{bad}: {field} at {practice}:{line}: {diags:#?}"
            );
        }
    }
}
