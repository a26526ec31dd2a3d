//! The site speaks its reader's language: every UI string of the default
//! theme exists in Russian and English and renders for the counts where
//! plural rules differ; Russian strings carry no English; a registry's
//! theme overrides single strings; and the built example shows counts in
//! their plural forms and numbers in one format.

mod common;

use common::*;
use dokaz::render::l10n::{Catalogue, Strings};
use dokaz::render::theme::Theme;
use std::collections::BTreeSet;
use std::path::Path;

/// The counts where CLDR's plural categories of Russian and English differ.
const COUNTS: [u64; 9] = [0, 1, 2, 5, 11, 21, 22, 25, 101];

/// Latin-script words a Russian string may contain: names of formats and
/// programs, the name of the other language, and the generator's name.
const LATIN_OK: &[&str] = &[
    "JSON",
    "CSV",
    "RSS",
    "Atom",
    "EIF",
    "ID",
    "URL",
    "CSL",
    "RIS",
    "BibTeX",
    "JavaScript",
    "English",
    "dokaz",
];

fn theme() -> Theme {
    Theme::load(&example_root(), "default").expect("the default theme loads")
}

/// `{name}` placeholders of a text.
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.insert(after[..j].to_owned());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Every form of a key in a language (a text is its only form).
fn forms(s: &Strings, key: &str) -> Vec<String> {
    match (s.plain.get(key), s.plural.get(key)) {
        (Some(t), _) => vec![t.clone()],
        (None, Some(f)) => f.values().cloned().collect(),
        (None, None) => Vec::new(),
    }
}

#[test]
fn every_ui_string_renders_in_both_languages() {
    let theme = theme();
    let ru = theme.i18n.get("ru").expect("ru strings");
    let en = theme.i18n.get("en").expect("en strings");
    let keys: BTreeSet<&String> = ru.keys().chain(en.keys()).collect();
    let cats = [
        Catalogue::new("ru", ru.clone()),
        Catalogue::new("en", en.clone()),
    ];
    let mut errors = Vec::new();
    for key in &keys {
        let per_lang: Vec<BTreeSet<String>> = [ru, en]
            .iter()
            .map(|s| forms(s, key).iter().flat_map(|f| placeholders(f)).collect())
            .collect();
        for (lang, s) in [("ru", ru), ("en", en)] {
            if forms(s, key).is_empty() {
                errors.push(format!("{lang}: `{key}` is missing"));
            }
            if ru.plural.contains_key(*key) != s.plural.contains_key(*key) {
                errors.push(format!(
                    "{lang}: `{key}` is plural in one language and a text in the other"
                ));
            }
        }
        if per_lang[0] != per_lang[1] {
            errors.push(format!(
                "`{key}`: placeholders differ: ru {:?}, en {:?}",
                per_lang[0], per_lang[1]
            ));
        }
        // Every form of a plural message has the number, or none has.
        for (lang, s) in [("ru", ru), ("en", en)] {
            if let Some(f) = s.plural.get(*key) {
                let with_n = f.values().filter(|t| t.contains("{n}")).count();
                if with_n != 0 && with_n != f.len() {
                    errors.push(format!("{lang}: `{key}`: some forms lack {{n}}"));
                }
            }
        }
        for cat in &cats {
            for n in COUNTS {
                // The callers fill the other placeholders; the checker does
                // it with a Cyrillic word, which the Latin test ignores.
                let args: Vec<(String, String)> = per_lang[0]
                    .iter()
                    .filter(|p| p.as_str() != "n")
                    .map(|p| (p.clone(), "Слово".to_owned()))
                    .collect();
                let refs: Vec<(&str, &str)> =
                    args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                let text = cat.plural_with(key, n, &refs);
                if text.is_empty() {
                    errors.push(format!("{}: `{key}` ({n}) is empty", cat.lang));
                }
                if text.contains('{') || text.contains('}') {
                    errors.push(format!(
                        "{}: `{key}` ({n}): an unfilled placeholder in {text:?}",
                        cat.lang
                    ));
                }
                if cat.lang == "ru" {
                    for w in text
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .filter(|w| !w.is_empty())
                    {
                        if !LATIN_OK.contains(&w) {
                            errors
                                .push(format!("ru: `{key}` ({n}): English word `{w}` in {text:?}"));
                        }
                    }
                }
            }
        }
    }
    errors.sort();
    errors.dedup();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_catalogue_gives_russian_and_english_plural_forms() {
    let theme = theme();
    let ru = theme.strings("ru", "ru");
    let got: Vec<String> = COUNTS
        .iter()
        .map(|n| ru.plural("count_practices", *n))
        .collect();
    assert_eq!(
        got,
        [
            "0 практик",
            "1 практика",
            "2 практики",
            "5 практик",
            "11 практик",
            "21 практика",
            "22 практики",
            "25 практик",
            "101 практика",
        ]
    );
    assert_eq!(ru.plural("home_organizations", 2), "организации");
    assert_eq!(ru.plural("home_regions", 9), "регионов");
    assert_eq!(
        ru.plural("rulekey_indicator_years", 1),
        "1 год данных по каждому показателю"
    );
    assert_eq!(
        ru.plural("rulekey_indicator_years", 3),
        "3 года данных по каждому показателю"
    );
    assert_eq!(
        ru.plural("rulekey_documents", 5),
        "5 документов, регламентирующих практику"
    );
    assert_eq!(ru.plural("js_found", 21), "Найдена 21 практика");
    assert_eq!(ru.plural("js_found", 3), "Найдено 3 практики");
    let en = theme.strings("en", "ru");
    assert_eq!(en.plural("count_practices", 1), "1 practice");
    assert_eq!(en.plural("count_practices", 21), "21 practices");
    assert_eq!(
        en.plural("rulekey_documents", 1),
        "1 document regulating the practice"
    );
    assert_eq!(
        en.plural("rulekey_indicator_years", 1),
        "1 year of data for every indicator"
    );
}

#[test]
fn a_registry_theme_overrides_single_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "themes/mine/i18n/ru.yaml",
        "nav_home: \"В начало\"\ncount_practices:\n  one: \"{n} программа\"\n  few: \"{n} программы\"\n  many: \"{n} программ\"\n  other: \"{n} программы\"\n",
    );
    let theme = Theme::load(root, "mine").expect("loads");
    let ru = theme.strings("ru", "ru");
    assert_eq!(ru.text("nav_home"), "В начало");
    assert_eq!(ru.plural("count_practices", 5), "5 программ");
    // Every other string is still the default theme's.
    assert_eq!(ru.text("nav_search"), "Поиск");
    assert_eq!(ru.plural("home_regions", 2), "региона");
    // A broken file names itself and the place.
    write(
        root,
        "themes/bad/i18n/ru.yaml",
        "count_practices:\n  one: x\n",
    );
    let e = Theme::load(root, "bad").err().expect("an error");
    assert!(e.contains("ru.yaml:1:1") && e.contains("other"), "{e}");
}

/// The visible text of a page (tags, scripts, styles and SVG removed).
fn text_of(html: &str) -> String {
    let mut s = html.to_owned();
    for tag in ["script", "style", "svg"] {
        while let Some(i) = s.find(&format!("<{tag}")) {
            let close = format!("</{tag}>");
            let Some(j) = s[i..].find(&close) else { break };
            s.replace_range(i..i + j + close.len(), " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

fn build_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = dokaz()
        .args(["build", "--root"])
        .arg(example_root())
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

/// The `<strong>N</strong> word` pairs of the home page's counts.
fn stats(html: &str) -> Vec<(u64, String)> {
    let start = html.find("<ul class=\"stats\">").expect("the counts");
    let end = start + html[start..].find("</ul>").unwrap();
    html[start..end]
        .split("<li><strong>")
        .skip(1)
        .map(|li| {
            let (n, rest) = li.split_once("</strong> ").unwrap();
            let word = rest.split("</li>").next().unwrap().trim().to_owned();
            (n.parse().unwrap(), word)
        })
        .collect()
}

#[test]
fn the_built_example_uses_plural_forms_and_one_number_format() {
    let (_tmp, out) = build_example();
    let theme = theme();
    for (lang, prefix) in [("ru", ""), ("en", "en/")] {
        let cat = theme.strings(lang, "ru");
        let home = read(&out, &format!("{prefix}index.html"));
        let keys = [
            "home_practices",
            "home_organizations",
            "home_regions",
            "home_verified",
        ];
        let got = stats(&home);
        assert_eq!(got.len(), keys.len(), "{got:?}");
        for ((n, word), key) in got.iter().zip(keys) {
            assert_eq!(word, &cat.plural(key, *n), "{lang} home: {key}");
        }
        // The catalogue's count line.
        let catalogue = read(&out, &format!("{prefix}practices/index.html"));
        let line = catalogue
            .split("id=\"count\"")
            .nth(1)
            .and_then(|s| s.split_once('>'))
            .map(|(_, s)| s.split("</p>").next().unwrap().to_owned())
            .expect("the count line");
        let n: u64 = line.split(' ').next().unwrap().parse().unwrap();
        assert_eq!(line, cat.plural("count_practices", n), "{lang}");
        // /evidence/: every rule's requirement in words, no bare number.
        let evidence = text_of(&read(&out, &format!("{prefix}evidence/index.html")));
        assert!(
            !evidence.contains("(all"),
            "{lang}: a raw `all` on /evidence/"
        );
        // Chart axes and tables share the format: no English grouping on
        // a Russian page, no Russian grouping on an English one.
        for entry in walkdir::WalkDir::new(out.join(format!("{prefix}practices"))) {
            let entry = entry.unwrap();
            if entry.file_name() != "index.html" {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let wrong = if lang == "ru" {
                regex_like_grouped(&html, ',')
            } else {
                regex_like_grouped(&html, '\u{a0}')
            };
            assert!(
                wrong.is_none(),
                "{}: {:?} grouped the other language's way",
                entry.path().display(),
                wrong
            );
        }
    }
    // No English string of the theme on a Russian page (texts of three
    // words or more that the two catalogues do not share).
    let ru = theme.i18n.get("ru").unwrap();
    let en = theme.i18n.get("en").unwrap();
    let english: Vec<&String> = en
        .plain
        .iter()
        .filter(|(k, v)| v.split(' ').count() >= 3 && ru.plain.get(*k) != Some(v))
        .map(|(_, v)| v)
        .collect();
    let findings = english_findings();
    assert!(
        findings.iter().any(|f| f == "methods given for"),
        "{findings:?}"
    );
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&out).unwrap();
        if rel.starts_with("en") || rel.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let text = text_of(&html);
        let all = english
            .iter()
            .map(|s| s.as_str())
            .chain(findings.iter().map(String::as_str));
        for s in all {
            assert!(
                !text.contains(s),
                "{}: the English string {s:?} on a Russian page",
                rel.display()
            );
        }
    }
}

/// The fixed words of the English rule findings (`finding_*` and the
/// counted nouns they use, from the command line's catalogue): "methods
/// given for", "(needs", "monitoring tools"… — none may be on a Russian
/// page.
fn english_findings() -> Vec<String> {
    let en = dokaz::l10n::catalogue::Strings::parse("en", dokaz::l10n::EN_YAML.as_bytes()).unwrap();
    let mut out = Vec::new();
    for key in en
        .keys()
        .filter(|k| k.starts_with("finding_") || k.starts_with("n_"))
    {
        let texts: Vec<String> = match en.plural.get(key) {
            Some(f) => f.values().cloned().collect(),
            None => en.plain.get(key).cloned().into_iter().collect(),
        };
        for t in texts {
            let mut rest = t.as_str();
            let mut parts = Vec::new();
            while let Some(i) = rest.find('{') {
                parts.push(&rest[..i]);
                rest = rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]);
            }
            parts.push(rest);
            for p in parts {
                let p = p.trim().trim_matches(['(', ')', ',']).trim();
                if p.split(' ').count() >= 2 {
                    out.push(p.to_owned());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The first number of at least five digits grouped with `sep` in a
/// chart label or table cell (`<text>` / `<td class="num">`), if any.
fn regex_like_grouped(html: &str, sep: char) -> Option<String> {
    for part in html.split(['>', '<']) {
        let t = part.trim();
        let digits_and_sep = !t.is_empty()
            && t.chars().all(|c| c.is_ascii_digit() || c == sep)
            && t.contains(sep)
            && t.starts_with(|c: char| c.is_ascii_digit())
            && t.ends_with(|c: char| c.is_ascii_digit());
        if digits_and_sep && t.chars().filter(char::is_ascii_digit).count() >= 5 {
            let groups: Vec<&str> = t.split(sep).collect();
            if groups[1..].iter().all(|g| g.len() == 3) {
                return Some(t.to_owned());
            }
        }
    }
    None
}
