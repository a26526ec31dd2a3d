//! One localization system for the site and the command line.
//!
//! - [`catalogue`]: texts and CLDR plural forms (`icu_plurals`) keyed by
//!   name, for a language; the theme's UI strings (`i18n/<lang>.yaml`) and
//!   the command line's messages (`messages/<lang>.yaml`, embedded) are
//!   both catalogues.
//! - [`format`]: numbers, shares, money and dates per language
//!   (`icu_decimal`).
//! - This module: the command line's languages ([`Lang`]), messages as data
//!   ([`Msg`]: a key and named arguments, rendered in a language only when
//!   shown), and how the language is chosen ([`resolve`], FORMAT §9).
//!
//! It sits beside the syntax layer: it reads its catalogues with the
//! syntax layer's YAML parser, and the syntax layer's diagnostics carry
//! [`Msg`]s that are rendered through it.
//!
//! A message text fills `{name}` from its arguments: a text as it is, a
//! number formatted for the language (`1 345 000`, `1,345,000`), a nested
//! message rendered in the same language. A message with plural forms
//! chooses its form by the argument `n`; `{name:key}` anywhere renders
//! the plural message `key` for the count `name` (`{have:n_documents}` →
//! "3 документа"), so one sentence can hold several counted nouns.

pub mod catalogue;
pub mod format;

use catalogue::{Catalogue, Strings};
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::OnceLock;

/// A language the command line speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The BCP 47 code: `ru`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// `ru`, `ru-RU`, `ru_RU.UTF-8`, `RU` → Russian; `en…` → English;
    /// anything else → `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or("");
        match primary {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a text whose language is `code` (a practice's,
    /// a registry's): Russian for `ru…`, English otherwise.
    pub fn of(code: &str) -> Lang {
        Lang::parse(code).unwrap_or(Lang::En)
    }

    /// This language's command-line messages.
    pub fn messages(self) -> &'static Catalogue {
        static RU: OnceLock<Catalogue> = OnceLock::new();
        static EN: OnceLock<Catalogue> = OnceLock::new();
        let (cell, src) = match self {
            Lang::Ru => (&RU, RU_YAML),
            Lang::En => (&EN, EN_YAML),
        };
        cell.get_or_init(|| {
            let strings = Strings::parse(
                &format!("src/l10n/messages/{}.yaml", self.code()),
                src.as_bytes(),
            )
            .expect("the embedded message catalogues parse (tested)");
            Catalogue::new(self.code(), strings)
        })
    }

    /// The message `key` with no arguments, in this language.
    pub fn text(self, key: &'static str) -> String {
        Msg::new(key).render(self)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The Russian message catalogue, as embedded.
pub const RU_YAML: &str = include_str!("messages/ru.yaml");
/// The English message catalogue, as embedded.
pub const EN_YAML: &str = include_str!("messages/en.yaml");

/// A message as data: a catalogue key and named arguments, rendered in a
/// language when shown ([`Msg::render`]). Diagnostics, findings and
/// command-line lines carry these instead of finished sentences, so the
/// one run can be shown in Russian and in English.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Msg {
    pub key: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(&'static str, Arg)>,
}

/// A message argument.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Shown as it is, in every language (an id, a key, a file name, a
    /// value the author wrote).
    Text(String),
    /// A whole number: formatted for the language, and it chooses plural
    /// forms.
    Int(i64),
    /// A number (at most six decimals, trailing zeros dropped), formatted
    /// for the language.
    Num(f64),
    /// A message of its own, rendered in the same language.
    Msg(Box<Msg>),
    /// Messages rendered in the same language, joined by `list_sep`.
    List(Vec<Msg>),
    /// A number with exactly this many decimals (`50.0 MB`, `50,0 МБ`).
    Fixed(f64, u8),
}

impl Arg {
    fn rank(&self) -> u8 {
        match self {
            Arg::Text(_) => 0,
            Arg::Int(_) => 1,
            Arg::Num(_) => 2,
            Arg::Msg(_) => 3,
            Arg::List(_) => 4,
            Arg::Fixed(..) => 5,
        }
    }
}

impl PartialEq for Arg {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Arg {}
impl PartialOrd for Arg {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Arg {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Arg::Text(a), Arg::Text(b)) => a.cmp(b),
            (Arg::Int(a), Arg::Int(b)) => a.cmp(b),
            (Arg::Num(a), Arg::Num(b)) => a.total_cmp(b),
            (Arg::Msg(a), Arg::Msg(b)) => a.cmp(b),
            (Arg::List(a), Arg::List(b)) => a.cmp(b),
            (Arg::Fixed(a, x), Arg::Fixed(b, y)) => a.total_cmp(b).then(x.cmp(y)),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}
impl std::hash::Hash for Arg {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.rank().hash(state);
        match self {
            Arg::Text(s) => s.hash(state),
            Arg::Int(n) => n.hash(state),
            Arg::Num(f) => f.to_bits().hash(state),
            Arg::Msg(m) => m.hash(state),
            Arg::List(l) => l.hash(state),
            Arg::Fixed(f, d) => {
                f.to_bits().hash(state);
                d.hash(state);
            }
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
impl From<Vec<Msg>> for Arg {
    fn from(l: Vec<Msg>) -> Arg {
        Arg::List(l)
    }
}
impl From<f64> for Arg {
    fn from(f: f64) -> Arg {
        Arg::Num(f)
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(u8, u16, u32, u64, usize, i32, i64);

/// `msg!("key", name = value, …)`: a [`Msg`] with named arguments (any
/// `Into<Arg>`).
#[macro_export]
macro_rules! msg {
    ($key:expr $(, $name:ident = $val:expr)* $(,)?) => {
        $crate::l10n::Msg::new($key)$(.arg(stringify!($name), $val))*
    };
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// `key` with the argument `name` a list of messages.
    pub fn list(key: &'static str, name: &'static str, items: Vec<Msg>) -> Msg {
        Msg::new(key).arg(name, Arg::List(items))
    }

    fn get(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The message in `lang`: its form for the argument `n` where it has
    /// plural forms, every placeholder filled. A key the catalogue lacks
    /// is shown as the key (the catalogue tests rule that out).
    pub fn render(&self, lang: Lang) -> String {
        let cat = lang.messages();
        let n = match self.get("n") {
            Some(Arg::Int(n)) => n.unsigned_abs(),
            _ => 0,
        };
        let text = form(cat, self.key, n);
        self.fill(&text, lang)
    }

    /// Fills `{name}` and `{name:key}` in `text`; anything else in braces
    /// (`{ru: …}`) is left as it is.
    fn fill(&self, text: &str, lang: Lang) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let placeholder = after.find('}').map(|close| (&after[..close], close));
            match placeholder
                .and_then(|(inner, close)| self.placeholder(inner, lang).map(|s| (s, close)))
            {
                Some((s, close)) => {
                    out.push_str(&s);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn placeholder(&self, inner: &str, lang: Lang) -> Option<String> {
        let is_name = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        let (name, plural) = match inner.split_once(':') {
            Some((name, key)) if is_name(name) && is_name(key) => (name, Some(key)),
            None if is_name(inner) => (inner, None),
            _ => return None,
        };
        let arg = self.get(name)?;
        Some(match (arg, plural) {
            (Arg::Int(n), Some(key)) => {
                let cat = lang.messages();
                form(cat, key, n.unsigned_abs()).replace("{n}", &number(*n as f64, lang))
            }
            (Arg::Num(f), Some(key)) => {
                let cat = lang.messages();
                form(cat, key, f.abs() as u64).replace("{n}", &number(*f, lang))
            }
            (Arg::Text(s), _) => s.clone(),
            (Arg::Int(n), None) => number(*n as f64, lang),
            (Arg::Num(f), None) => number(*f, lang),
            (Arg::Msg(m), _) => m.render(lang),
            (Arg::Fixed(f, d), _) => {
                let s = format!("{:.*}", usize::from(*d), f);
                match lang {
                    Lang::Ru => s.replace('.', ","),
                    Lang::En => s,
                }
            }
            (Arg::List(l), _) => l
                .iter()
                .map(|m| m.render(lang))
                .collect::<Vec<_>>()
                .join(&lang.text("list_sep")),
        })
    }
}

/// The English rendering (for logs, tests and sorting by text).
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

fn number(f: f64, lang: Lang) -> String {
    format::number(f, 6, lang.code())
}

/// The text of `key` for the count `n`: its plural form, or its text.
fn form(cat: &Catalogue, key: &str, n: u64) -> String {
    match cat.strings.plural.get(key) {
        Some(forms) => forms
            .get(cat.category(n))
            .or_else(|| forms.get("other"))
            .cloned()
            .unwrap_or_default(),
        None => cat.text(key),
    }
}

/// The noun message of a kind of thing ids name (`"target group"` →
/// `noun_target_group`), for "no {what} has the id …".
pub fn noun(what: &str) -> Msg {
    Msg::new(match what {
        "activity" => "noun_activity",
        "activity or result" => "noun_activity_or_result",
        "criterion" => "noun_criterion",
        "criterion of the rubric" => "noun_criterion_of_rubric",
        "dimension" => "noun_dimension",
        "indicator" => "noun_indicator",
        "level" => "noun_level",
        "organization" => "noun_organization",
        "practice" => "noun_practice",
        "problem" => "noun_problem",
        "result" => "noun_result",
        "rubric" => "noun_rubric",
        "target group" => "noun_target_group",
        "term" => "noun_term",
        _ => "noun_item",
    })
}

/// Where the language came from, in FORMAT §9's order.
#[derive(Debug, Clone, Default)]
pub struct Sources<'a> {
    /// `--lang`.
    pub flag: Option<&'a str>,
    /// `DOKAZ_LANG`.
    pub dokaz_lang: Option<String>,
    /// The registry's `default_language`, if registry.yaml could be read.
    pub registry: Option<String>,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX's order of precedence.
    pub locale: Vec<String>,
}

impl Sources<'_> {
    /// The environment's variables (`DOKAZ_LANG`, the locale).
    pub fn from_env(flag: Option<&str>) -> Sources<'_> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Sources {
            flag,
            dokaz_lang: var("DOKAZ_LANG"),
            registry: None,
            locale: ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| var(k))
                .collect(),
        }
    }
}

/// The language of the messages: `--lang`, else `DOKAZ_LANG`, else the
/// registry's `default_language`, else the locale (the first set of
/// `LC_ALL`, `LC_MESSAGES`, `LANG` decides: Russian when it starts with
/// `ru`), else English. A source naming a language dokaz does not speak
/// is passed over.
pub fn resolve(s: &Sources) -> Lang {
    s.flag
        .and_then(Lang::parse)
        .or_else(|| s.dokaz_lang.as_deref().and_then(Lang::parse))
        .or_else(|| s.registry.as_deref().and_then(Lang::parse))
        .or_else(|| s.locale.first().map(|l| Lang::parse(l).unwrap_or(Lang::En)))
        .unwrap_or(Lang::En)
}

/// The registry's `default_language` from `<root>/registry.yaml`, read
/// on its own (before the registry is loaded, so that even its load
/// errors are in its language); `None` where it cannot be read.
pub fn registry_language(root: &std::path::Path) -> Option<String> {
    let bytes = std::fs::read(root.join("registry.yaml")).ok()?;
    let text = crate::syntax::source::decode_text(&bytes).ok()?;
    let node = crate::syntax::yaml::parse(&text, 1).ok()?;
    match &node.kind {
        crate::syntax::yaml::NodeKind::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| k.as_str() == Some("default_language"))
            .and_then(|(_, v)| v.as_str())
            .map(str::to_owned),
        _ => None,
    }
}

/// [`resolve`] for a command on the registry at `root`.
pub fn for_root(flag: Option<&str>, root: &std::path::Path) -> Lang {
    let mut s = Sources::from_env(flag);
    if s.flag.and_then(Lang::parse).is_none()
        && s.dokaz_lang.as_deref().and_then(Lang::parse).is_none()
    {
        s.registry = registry_language(root);
    }
    resolve(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_chosen_in_format_order() {
        let mut s = Sources {
            flag: Some("en"),
            dokaz_lang: Some("ru".into()),
            registry: Some("ru".into()),
            locale: vec!["ru_RU.UTF-8".into()],
        };
        assert_eq!(resolve(&s), Lang::En);
        s.flag = None;
        assert_eq!(resolve(&s), Lang::Ru);
        s.dokaz_lang = Some("en".into());
        assert_eq!(resolve(&s), Lang::En);
        s.dokaz_lang = Some("klingon".into());
        assert_eq!(resolve(&s), Lang::Ru);
        s.registry = None;
        assert_eq!(resolve(&s), Lang::Ru);
        s.locale = vec!["C.UTF-8".into(), "ru_RU.UTF-8".into()];
        assert_eq!(resolve(&s), Lang::En);
        s.locale.clear();
        assert_eq!(resolve(&s), Lang::En);
    }

    #[test]
    fn placeholders_numbers_and_nested_plurals() {
        let m = msg!("finding_documents", have = 3, need = 1);
        assert_eq!(m.render(Lang::En), "3 documents (needs 1)");
        assert_eq!(m.render(Lang::Ru), "3 документа при требуемом 1");
        let m = msg!("finding_documents", have = 21, need = 5);
        assert_eq!(m.render(Lang::Ru), "21 документ при требуемых 5");
        let m = msg!("cli_n_errors", n = 1_345_000);
        assert_eq!(m.render(Lang::Ru), "1\u{a0}345\u{a0}000 ошибок");
        assert_eq!(m.render(Lang::En), "1,345,000 errors");
        // Braces that are no placeholder stay.
        assert_eq!(
            Msg::new("x").fill("{ru: …} {n} {zz}", Lang::En),
            "{ru: …} {n} {zz}"
        );
    }
}
