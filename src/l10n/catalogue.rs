//! The theme's UI strings with real plural forms: one catalogue per UI
//! language, from the theme's `i18n/<lang>.yaml`.
//!
//! A key's value is either a text, or a mapping from CLDR plural
//! categories (`zero`, `one`, `two`, `few`, `many`, `other`; `other` is
//! required) to texts with `{n}` where the number goes:
//!
//! ```yaml
//! nav_home: "Главная"
//! count_practices:
//!   one: "{n} практика"     # 1, 21, 101
//!   few: "{n} практики"     # 2–4, 22–24
//!   many: "{n} практик"     # 0, 5–20, 25
//!   other: "{n} практики"   # fractions
//! ```
//!
//! Which category a number takes is CLDR's plural rule for the language,
//! from ICU4X (`icu_plurals` with its compiled data), so "1 практика,
//! 2 практики, 5 практик, 21 практика" come out right in templates
//! (`{{ plural(key="count_practices", n=count) }}`), in Rust
//! ([`Catalogue::plural`]) and in the scripts (the forms are in the
//! page's `js_*` strings; the browser's `Intl.PluralRules` picks one).
//! The number is formatted for the language ([`super::format::count`]).
//! Texts are looked up key by key: a registry's theme overrides any key,
//! and a language without a key falls back to the registry's default
//! language, then to the key itself.

use super::format;
use crate::syntax::yaml::{Node, NodeKind};
use icu_plurals::{PluralCategory, PluralRules};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// CLDR's plural categories, in CLDR's order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One language's UI strings as a theme file gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Strings {
    /// Key → text.
    pub plain: BTreeMap<String, String>,
    /// Key → plural category → text with `{n}`.
    pub plural: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Parses a theme's `i18n/<lang>.yaml` (`rel` names it in errors).
    pub fn parse(rel: &str, bytes: &[u8]) -> Result<Strings, String> {
        let text =
            crate::syntax::source::decode_text(bytes).map_err(|(_, m, _)| format!("{rel}: {m}"))?;
        let node = crate::syntax::yaml::parse(&text, 1)
            .map_err(|e| format!("{rel}:{}:{}: {}", e.span.line, e.span.col, e.message))?;
        let at = |n: &Node, m: &str| format!("{rel}:{}:{}: {m}", n.span.line, n.span.col);
        let mut out = Strings::default();
        let pairs = match &node.kind {
            NodeKind::Map(pairs) => pairs,
            NodeKind::Null => return Ok(out),
            _ => return Err(at(&node, "not a mapping of keys to texts")),
        };
        for (k, v) in pairs {
            let Some(key) = k.as_str() else {
                return Err(at(k, "a key must be a single value"));
            };
            match &v.kind {
                NodeKind::Scalar { value, .. } => {
                    out.plain.insert(key.to_owned(), value.clone());
                }
                NodeKind::Map(forms) => {
                    let mut m = BTreeMap::new();
                    for (c, text) in forms {
                        let (Some(c), Some(text)) = (c.as_str(), text.as_str()) else {
                            return Err(at(c, "a plural form is `category: text`"));
                        };
                        if !CATEGORIES.contains(&c) {
                            return Err(at(
                                k,
                                &format!(
                                    "`{key}`: `{c}` is not a CLDR plural category ({})",
                                    CATEGORIES.join(", ")
                                ),
                            ));
                        }
                        m.insert(c.to_owned(), text.to_owned());
                    }
                    if !m.contains_key("other") {
                        return Err(at(k, &format!("`{key}`: the form `other` is missing")));
                    }
                    out.plural.insert(key.to_owned(), m);
                }
                _ => {
                    return Err(at(
                        v,
                        &format!("`{key}`: a text, or plural forms (one: …, other: …)"),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// `other`'s keys replace this one's, each key whole (a text may
    /// become plural forms and back).
    pub fn overlay(&mut self, other: &Strings) {
        for (k, v) in &other.plain {
            self.plural.remove(k);
            self.plain.insert(k.clone(), v.clone());
        }
        for (k, v) in &other.plural {
            self.plain.remove(k);
            self.plural.insert(k.clone(), v.clone());
        }
    }

    /// Every key, texts and plural messages alike.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.plain.keys().chain(self.plural.keys())
    }
}

/// One UI language's strings with its plural rule.
pub struct Catalogue {
    pub lang: String,
    pub strings: Strings,
    rules: Option<PluralRules>,
    /// [`Catalogue::js_json`], built once: every page carries it.
    js_json: std::sync::OnceLock<String>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    pub fn new(lang: &str, strings: Strings) -> Catalogue {
        let rules = icu_locale_core::LanguageIdentifier::try_from_str(lang)
            .ok()
            .and_then(|id| PluralRules::try_new_cardinal((&id).into()).ok());
        Catalogue {
            lang: lang.to_owned(),
            strings,
            rules,
            js_json: std::sync::OnceLock::new(),
        }
    }

    /// [`Catalogue::js`] as JSON for a page's data block, `<` escaped so
    /// no string can end the element; serialized once per language, not
    /// once per page.
    pub fn js_json(&self) -> &str {
        self.js_json.get_or_init(|| {
            serde_json::to_string(&self.js())
                .unwrap_or_default()
                .replace('<', "\\u003c")
        })
    }

    /// The CLDR plural category of a whole number in this language
    /// (English's rule where the language is unknown to CLDR).
    pub fn category(&self, n: u64) -> &'static str {
        let c = match &self.rules {
            Some(r) => r.category_for(n),
            None if n == 1 => PluralCategory::One,
            None => PluralCategory::Other,
        };
        match c {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// A text; its key where the catalogue lacks it.
    pub fn text(&self, key: &str) -> String {
        self.strings
            .plain
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// The form of `key` for `n`, with `{n}` the number formatted for the
    /// language. A plain text is taken as the only form; a missing key
    /// gives the key itself.
    pub fn plural(&self, key: &str, n: u64) -> String {
        self.plural_with(key, n, &[])
    }

    /// [`Catalogue::plural`], with `{name}` placeholders filled from
    /// `args` as well.
    pub fn plural_with(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let form = match self.strings.plural.get(key) {
            Some(forms) => forms
                .get(self.category(n))
                .or_else(|| forms.get("other"))
                .cloned()
                .unwrap_or_default(),
            None => self.text(key),
        };
        let mut s = form.replace("{n}", &format::number(n as f64, 0, &self.lang));
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// The `js_*` strings for the scripts, without the prefix: texts as
    /// strings, plural messages as objects of their forms.
    pub fn js(&self) -> BTreeMap<&str, serde_json::Value> {
        let texts = self.strings.plain.iter().filter_map(|(k, v)| {
            k.strip_prefix("js_")
                .map(|k| (k, serde_json::Value::from(v.as_str())))
        });
        let forms = self.strings.plural.iter().filter_map(|(k, v)| {
            k.strip_prefix("js_")
                .map(|k| (k, serde_json::to_value(v).unwrap_or_default()))
        });
        texts.chain(forms).collect()
    }
}

/// The template function `plural(key=…, n=…)`: the form of a UI string
/// for the number `n`, in the page's language. Other string or number
/// arguments fill placeholders of their name (`group="…"` fills
/// `{group}`).
pub struct PluralFn(pub Arc<Catalogue>);

impl tera::Function for PluralFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("plural: `key` (a string) is required"))?;
        let n = match args.get("n") {
            Some(v) => v
                .as_u64()
                .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
                .ok_or_else(|| {
                    tera::Error::msg(format!("plural({key}): `n` must be a count, not {v}"))
                })?,
            None => return Err(tera::Error::msg(format!("plural({key}): `n` is required"))),
        };
        if !self.0.strings.plural.contains_key(key) && !self.0.strings.plain.contains_key(key) {
            return Err(tera::Error::msg(format!(
                "plural: no UI string `{key}` in `{}`",
                self.0.lang
            )));
        }
        let extra: Vec<(String, String)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key" && k.as_str() != "n")
            .map(|(k, v)| {
                let s = match v {
                    tera::Value::String(s) => s.clone(),
                    tera::Value::Number(x) => {
                        format::number(x.as_f64().unwrap_or_default(), 2, &self.0.lang)
                    }
                    other => other.to_string(),
                };
                (k.clone(), s)
            })
            .collect();
        let refs: Vec<(&str, &str)> = extra
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        Ok(tera::Value::String(self.0.plural_with(key, n, &refs)))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// The filters a language's templates format with:
/// - `local_date`: an ISO date as people read it (`28 февраля 2022 г.`);
///   other text unchanged. `<time datetime>` keeps the ISO value.
/// - `money(currency="RUB")`: an amount already formatted as a number
///   (`1 345 000`), with the currency's symbol where the language puts it
///   (`1 345 000 ₽`, `RUB 1,345,000`).
/// - `currency_symbol`: an ISO 4217 code as the language shows it (`₽`).
pub fn register_filters(tera: &mut tera::Tera, lang: &str) {
    let l = lang.to_owned();
    tera.register_filter(
        "local_date",
        move |v: &tera::Value, _: &HashMap<String, tera::Value>| {
            Ok(match v.as_str() {
                Some(s) => tera::Value::String(format::date_str(s, &l)),
                None => v.clone(),
            })
        },
    );
    let l = lang.to_owned();
    tera.register_filter(
        "money",
        move |v: &tera::Value, args: &HashMap<String, tera::Value>| {
            let currency = args
                .get("currency")
                .and_then(tera::Value::as_str)
                .ok_or_else(|| tera::Error::msg("money: `currency` (an ISO code) is required"))?;
            let amount = match v {
                tera::Value::String(s) => s.clone(),
                tera::Value::Number(n) => format::number(n.as_f64().unwrap_or_default(), 2, &l),
                _ => return Ok(v.clone()),
            };
            Ok(tera::Value::String(format::with_currency(
                &amount, currency, &l,
            )))
        },
    );
    let l = lang.to_owned();
    tera.register_filter(
        "currency_symbol",
        move |v: &tera::Value, _: &HashMap<String, tera::Value>| {
            Ok(match v.as_str() {
                Some(code) => tera::Value::String(format::currency_symbol(code, &l).to_owned()),
                None => v.clone(),
            })
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> Catalogue {
        let s = Strings::parse(
            "ru.yaml",
            "x: текст\np:\n  one: \"{n} практика\"\n  few: \"{n} практики\"\n  many: \"{n} практик\"\n  other: \"{n} практики\"\n"
                .as_bytes(),
        )
        .unwrap();
        Catalogue::new("ru", s)
    }

    #[test]
    fn russian_forms_follow_cldr() {
        let c = ru();
        let got: Vec<String> = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111, 1_345_001]
            .iter()
            .map(|n| c.plural("p", *n))
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
                "111 практик",
                "1\u{a0}345\u{a0}001 практика",
            ]
        );
        assert_eq!(c.plural("x", 3), "текст");
        assert_eq!(c.plural("missing", 3), "missing");
        assert_eq!(c.text("x"), "текст");
    }

    #[test]
    fn english_and_unknown_languages() {
        let s = Strings::parse(
            "en.yaml",
            b"p:\n  one: \"{n} practice\"\n  other: \"{n} practices\"\n",
        )
        .unwrap();
        let en = Catalogue::new("en", s.clone());
        assert_eq!(en.plural("p", 1), "1 practice");
        assert_eq!(en.plural("p", 0), "0 practices");
        assert_eq!(en.plural("p", 21), "21 practices");
        assert_eq!(en.plural("p", 14_000), "14,000 practices");
        let odd = Catalogue::new("not a language!", s);
        assert_eq!(odd.plural("p", 1), "1 practice");
        assert_eq!(odd.plural("p", 2), "2 practices");
    }

    #[test]
    fn bad_files_are_reported_with_their_place() {
        let e = Strings::parse("ru.yaml", b"a:\n  one: x\n").unwrap_err();
        assert!(
            e.contains("ru.yaml:1:1") && e.contains("`other` is missing"),
            "{e}"
        );
        let e = Strings::parse("ru.yaml", b"a:\n  several: x\n  other: y\n").unwrap_err();
        assert!(e.contains("not a CLDR plural category"), "{e}");
        let e = Strings::parse("ru.yaml", b"a: [x]\n").unwrap_err();
        assert!(e.contains("ru.yaml:1:4"), "{e}");
        let e = Strings::parse("ru.yaml", b"- x\n").unwrap_err();
        assert!(e.contains("not a mapping"), "{e}");
    }

    #[test]
    fn an_override_replaces_whole_keys() {
        let mut base = Strings::parse("a", b"a: x\nb:\n  other: y\n").unwrap();
        let over = Strings::parse("b", b"a:\n  other: \"{n} z\"\nb: w\n").unwrap();
        base.overlay(&over);
        assert_eq!(base.plain.get("b").map(String::as_str), Some("w"));
        assert!(base.plural.contains_key("a") && !base.plain.contains_key("a"));
    }

    #[test]
    fn the_template_function_fills_the_number_and_the_placeholders() {
        use tera::Function;
        let c = Arc::new(ru());
        let f = PluralFn(c);
        let args = |key: &str, n: tera::Value| {
            let mut m = HashMap::new();
            m.insert("key".to_owned(), tera::Value::from(key));
            m.insert("n".to_owned(), n);
            m
        };
        assert_eq!(f.call(&args("p", 22.into())).unwrap(), "22 практики");
        assert_eq!(f.call(&args("p", 5.0.into())).unwrap(), "5 практик");
        assert!(f.call(&args("nope", 1.into())).is_err());
        assert!(f.call(&args("p", "x".into())).is_err());
    }
}
