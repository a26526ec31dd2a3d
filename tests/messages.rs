//! The command line's message catalogues (`src/l10n/messages/*.yaml`):
//! every key the code uses is in both languages, every key renders in
//! both for the counts where Russian changes form, no placeholder is left
//! unfilled, and the Russian texts are Russian.

use dokaz::l10n::catalogue::Strings;
use dokaz::l10n::{Arg, EN_YAML, Lang, Msg, RU_YAML};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const COUNTS: [i64; 9] = [0, 1, 2, 5, 11, 21, 22, 25, 101];

fn strings(lang: Lang) -> Strings {
    let src = match lang {
        Lang::Ru => RU_YAML,
        Lang::En => EN_YAML,
    };
    Strings::parse(lang.code(), src.as_bytes()).unwrap()
}

/// Every text of a key: its text, or each of its plural forms.
fn texts(s: &Strings, key: &str) -> Vec<String> {
    match s.plural.get(key) {
        Some(forms) => forms.values().cloned().collect(),
        None => s.plain.get(key).cloned().into_iter().collect(),
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The placeholders of a text: `{name}` → (name, None), `{name:key}` →
/// (name, Some(key)).
fn placeholders(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let inner = &after[..close];
        match inner.split_once(':') {
            Some((n, k)) if is_name(n) && is_name(k) => {
                out.push((n.to_owned(), Some(k.to_owned())))
            }
            None if is_name(inner) => out.push((inner.to_owned(), None)),
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out
}

/// The message keys the code names: the first string literal of every
/// `msg!(` and `Msg::new(` under `src/`, and the keys chosen by `if`.
fn keys_in_code() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for e in walk(&root) {
        if e.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&e).unwrap();
        for pat in ["msg!(", "Msg::new(", "lang.text(", "ui.text(", ".text(\""] {
            for (i, _) in text.match_indices(pat) {
                let rest = text[i + pat.len()..].trim_start();
                if let Some(lit) = rest.strip_prefix('"')
                    && let Some(end) = lit.find('"')
                    && is_key(&lit[..end])
                {
                    out.insert(lit[..end].to_owned());
                }
            }
        }
        // Keys picked by a condition: `"serve_built" } else { "serve_updated"`.
        for line in text.lines() {
            let t = line.trim();
            for part in t.split('"').skip(1).step_by(2) {
                if is_key(part)
                    && (part.starts_with("finding_")
                        || part.starts_with("summary_")
                        || part.starts_with("serve_")
                        || part.starts_with("D013_takes")
                        || part.starts_with("noun_")
                        || part.starts_with("where_")
                        || part.starts_with("found_"))
                {
                    out.insert(part.to_owned());
                }
            }
        }
    }
    out
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && s.contains('_')
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_keys_and_every_key_the_code_uses() {
    let ru = strings(Lang::Ru);
    let en = strings(Lang::En);
    let ru_keys: BTreeSet<&String> = ru.keys().collect();
    let en_keys: BTreeSet<&String> = en.keys().collect();
    let only_ru: Vec<_> = ru_keys.difference(&en_keys).collect();
    let only_en: Vec<_> = en_keys.difference(&ru_keys).collect();
    assert!(only_ru.is_empty(), "keys only in ru.yaml: {only_ru:?}");
    assert!(only_en.is_empty(), "keys only in en.yaml: {only_en:?}");
    let used = keys_in_code();
    assert!(
        used.len() > 150,
        "found only {} keys in the code",
        used.len()
    );
    let missing: Vec<_> = used
        .iter()
        .filter(|k| !en_keys.contains(k) && !k.starts_with("js_"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys the code uses that the catalogues lack: {missing:?}"
    );
    // Every `{count:key}` names a key of both catalogues.
    for (lang, s) in [(Lang::Ru, &ru), (Lang::En, &en)] {
        for key in s.keys() {
            for t in texts(s, key) {
                for (_, sub) in placeholders(&t) {
                    if let Some(sub) = sub {
                        assert!(
                            s.plural.contains_key(&sub),
                            "{lang}: `{key}` uses `{sub}`, which has no plural forms"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn russian_plural_messages_have_the_russian_forms() {
    let ru = strings(Lang::Ru);
    for (key, forms) in &ru.plural {
        for c in ["one", "few", "many", "other"] {
            assert!(forms.contains_key(c), "ru: `{key}` has no form `{c}`");
        }
    }
    let en = strings(Lang::En);
    for (key, forms) in &en.plural {
        for c in ["one", "other"] {
            assert!(forms.contains_key(c), "en: `{key}` has no form `{c}`");
        }
    }
}

/// Latin-script words allowed in a Russian text outside backquotes: names
/// and formats that have no Russian form.
const LATIN_OK: &[&str] = &[
    "YAML", "UTF", "NUL", "TODO", "GitHub", "GitLab", "Pages", "Markdown", "Ctrl", "C", "dokaz",
];

/// The Latin words of `text` outside backquoted spans and outside the
/// indented lines of a code sample.
fn latin_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("  ") {
            continue;
        }
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 1 {
                continue;
            }
            for w in part.split(|c: char| !c.is_ascii_alphabetic()) {
                if !w.is_empty() && !LATIN_OK.contains(&w) {
                    out.push(w.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn every_message_renders_in_both_languages_for_every_count() {
    let unfilled = |s: &str| {
        placeholders(s)
            .into_iter()
            .map(|(n, k)| match k {
                Some(k) => format!("{{{n}:{k}}}"),
                None => format!("{{{n}}}"),
            })
            .collect::<Vec<_>>()
    };
    let mut checked = 0;
    for lang in Lang::ALL {
        let s = strings(lang);
        let keys: Vec<String> = s.keys().cloned().collect();
        for key in &keys {
            // Every argument any form names, in either language.
            let mut names: BTreeMap<String, ()> = BTreeMap::new();
            for l in Lang::ALL {
                for t in texts(&strings(l), key) {
                    for (n, _) in placeholders(&t) {
                        names.insert(n, ());
                    }
                }
            }
            let key: &'static str = Box::leak(key.clone().into_boxed_str());
            for n in COUNTS {
                let mut m = Msg::new(key).arg("n", n);
                for name in names.keys() {
                    if name != "n" {
                        let name: &'static str = Box::leak(name.clone().into_boxed_str());
                        m = m.arg(name, Arg::Int(n));
                    }
                }
                let out = m.render(lang);
                assert_ne!(out, key, "{lang}: `{key}` is missing");
                assert!(
                    unfilled(&out).is_empty(),
                    "{lang}: `{key}` for {n} leaves {:?} unfilled: {out}",
                    unfilled(&out)
                );
                if lang == Lang::Ru {
                    let latin = latin_words(&out);
                    assert!(
                        latin.is_empty(),
                        "ru: `{key}` for {n} has English words {latin:?}: {out}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "{checked}");
}

#[test]
fn russian_counts_take_their_forms() {
    let got: Vec<String> = COUNTS
        .iter()
        .map(|n| dokaz::msg!("cli_counts", errors = *n, warnings = *n).render(Lang::Ru))
        .collect();
    assert_eq!(
        got,
        [
            "0 ошибок, 0 предупреждений",
            "1 ошибка, 1 предупреждение",
            "2 ошибки, 2 предупреждения",
            "5 ошибок, 5 предупреждений",
            "11 ошибок, 11 предупреждений",
            "21 ошибка, 21 предупреждение",
            "22 ошибки, 22 предупреждения",
            "25 ошибок, 25 предупреждений",
            "101 ошибка, 101 предупреждение",
        ]
    );
    let m = dokaz::msg!("finding_documents", have = 1_345_000, need = 1);
    assert_eq!(
        m.render(Lang::Ru),
        "1\u{a0}345\u{a0}000 документов при требуемом 1"
    );
    assert_eq!(m.render(Lang::En), "1,345,000 documents (needs 1)");
}
