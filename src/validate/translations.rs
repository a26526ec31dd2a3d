//! Missing translations: a localized text without one of the registry's
//! languages falls back to the default language. The build warns once per
//! key and file (not once per term) so that a half-translated taxonomy
//! gives one line, not fifty.

use super::Checker;
use super::codes::MISSING_TRANSLATION;
use crate::model::common::Localized;
use crate::syntax::diag::Span;
use std::collections::BTreeMap;

pub fn check(c: &mut Checker) {
    let reg = c.reg;
    let Some(cfg) = &reg.config else { return };
    let langs: Vec<&str> = cfg.languages().collect();
    // (file, key) → (first span, count, missing languages)
    let mut missing: BTreeMap<(String, &str), (Span, usize, Vec<String>)> = BTreeMap::new();
    let mut note = |file: &str, key: &'static str, at: Span, text: &Localized| {
        let absent: Vec<String> = langs
            .iter()
            .filter(|l| !text.has(l))
            .map(|l| l.to_string())
            .collect();
        if absent.is_empty() {
            return;
        }
        let e = missing
            .entry((file.to_owned(), key))
            .or_insert((at, 0, Vec::new()));
        e.1 += 1;
        for a in absent {
            if !e.2.contains(&a) {
                e.2.push(a);
            }
        }
    };
    note("registry.yaml", "title", cfg.at, &cfg.title);
    if let Some(d) = &cfg.description {
        note("registry.yaml", "description", cfg.at, d);
    }
    for t in reg.taxonomies.values() {
        for term in t.all_terms() {
            note(&t.file, "label", term.at, &term.label);
        }
    }
    for o in reg.organizations.values() {
        note(&o.file, "name", o.model.at, &o.model.name);
    }
    if let Some((file, s)) = &reg.scheme {
        for d in s.dimensions.iter() {
            note(file, "label", d.at, &d.label);
        }
        for l in s.levels.iter() {
            note(file, "label", l.at, &l.label);
        }
    }
    for r in reg.rubrics.values() {
        note(&r.file, "title", r.model.at, &r.model.title);
        for crit in r.model.all_criteria() {
            note(&r.file, "label", crit.at, &crit.label);
            if let Some(g) = &crit.good {
                note(&r.file, "good", crit.at, g);
            }
            if let Some(p) = &crit.poor {
                note(&r.file, "poor", crit.at, p);
            }
        }
    }
    let default = cfg.default_language.as_str();
    for ((file, key), (at, n, langs)) in missing {
        c.warning(
            MISSING_TRANSLATION,
            &file,
            at,
            crate::msg!(
                "V123_untranslated",
                key = key.to_string(),
                n = n,
                langs = langs.join(", ")
            ),
            crate::msg!(
                "V123_untranslated_hint",
                default = default,
                lang = langs[0].to_string()
            ),
        );
    }
}
