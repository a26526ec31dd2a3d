//! Value types shared by every document: ids, dates, years, localized text,
//! and [`Spanned`] for values that later rules must be able to point at.

use crate::syntax::decode::{Cx, Decode, codes};
use crate::syntax::yaml::{Node, NodeKind};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

// The id grammar and the positioned values live in the syntax layer (the
// loader and `translit` need them without the model); the model's
// vocabulary still names them here.
pub use crate::syntax::id::{ID_MAX, ID_PATTERN, is_valid_id, is_valid_key};
pub use crate::syntax::spanned::{Keyed, Spanned};

/// An id: of a practice, an organization, a taxonomy term, or a local id
/// inside a practice (a result, an activity, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Id(pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Decode for Id {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let s = crate::syntax::decode::scalar_text(node, cx)?;
        if is_valid_id(&s) {
            Some(Id(s))
        } else {
            let suggestion = crate::translit::slugify(&s);
            let hint = if is_valid_id(&suggestion) && suggestion != s {
                crate::msg!("D010_id_hint_try", max = ID_MAX, suggestion = suggestion)
            } else {
                crate::msg!("D010_id_hint", max = ID_MAX)
            };
            cx.error(
                codes::ID_FORMAT,
                node.span,
                crate::msg!("D010_not_id", id = &s),
                hint,
            );
            // Kept, so that references to it still resolve and one bad id
            // does not cascade into a dozen "unresolved" errors; the error
            // above stops any build.
            Some(Id(s))
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Id::default())
    }
}

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})
    }
}

/// An id of the evidence scheme (a dimension or a level). FORMAT.md's own
/// example names a dimension `data_validity`, so underscores are allowed
/// here, unlike in ids that become URLs.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key(pub String);

impl Key {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Decode for Key {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let s = crate::syntax::decode::scalar_text(node, cx)?;
        if is_valid_key(&s) {
            Some(Key(s))
        } else {
            cx.error(
                codes::ID_FORMAT,
                node.span,
                crate::msg!("D010_not_id", id = &s),
                crate::l10n::Msg::new("D010_key_hint"),
            );
            Some(Key(s))
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Key::default())
    }
}

impl JsonSchema for Key {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Key".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[a-z0-9]+([-_][a-z0-9]+)*$"})
    }
}

/// A calendar date `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s[0..4].parse().ok()?;
        let month: u32 = s[5..7].parse().ok()?;
        let day: u32 = s[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Today's date in UTC, from the system clock, or from `DOKAZ_TODAY`
    /// (`YYYY-MM-DD`) when it is set and valid: a fixed date makes a
    /// build reproducible (re-review dates, "in the future" rules) and
    /// tests independent of the clock.
    pub fn today() -> Date {
        if let Some(d) = std::env::var("DOKAZ_TODAY")
            .ok()
            .and_then(|s| Date::parse(s.trim()))
        {
            return d;
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Self::from_days(secs.div_euclid(86_400))
    }

    /// The same day `months` months later; a day the month does not have
    /// becomes its last day (2024-08-31 + 6 months = 2025-02-28).
    pub fn add_months(self, months: u32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        let last = (28..=31)
            .rev()
            .find(|d| Date::parse(&format!("{year:04}-{month:02}-{d:02}")).is_some())
            .unwrap_or(28);
        Date {
            year,
            month,
            day: self.day.min(last),
        }
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"})
    }
}

impl Decode for Date {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let s = node.as_str().unwrap_or("");
        match Date::parse(s) {
            Some(d) => Some(d),
            None => {
                cx.error(
                    codes::DATE_FORMAT,
                    node.span,
                    crate::msg!("D011_not_date", value = s),
                    crate::l10n::Msg::new("D011_not_date_hint"),
                );
                None
            }
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Date::default())
    }
}

/// A calendar year. Plausible range only; the "not in the future, not
/// before the practice started" checks are validation rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Year(pub i32);

impl Decode for Year {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let n = match &node.kind {
            NodeKind::Scalar { value, plain: true } => value.parse::<i32>().ok(),
            NodeKind::Scalar { .. } => None,
            _ => {
                cx.wrong_type(node, crate::l10n::Msg::new("type_year"));
                return None;
            }
        };
        match n {
            Some(y) if (1800..=2200).contains(&y) => Some(Year(y)),
            _ => {
                cx.error(
                    codes::DATE_FORMAT,
                    node.span,
                    crate::msg!("D011_not_year", value = node.as_str().unwrap_or("")),
                    crate::l10n::Msg::new("D011_not_year_hint"),
                );
                None
            }
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Year::default())
    }
}

impl JsonSchema for Year {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Year".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 1800, "maximum": 2200})
    }
}

/// Text in one or several languages: `{ru: ..., en: ...}`, or a plain
/// string meaning the same text in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Localized {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::Same(String::new())
    }
}

impl Localized {
    /// The text for `lang`, falling back to `fallback`, then to any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        match self {
            Localized::Same(s) => s,
            Localized::PerLanguage(m) => m
                .get(lang)
                .or_else(|| m.get(fallback))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Whether a translation for `lang` is written out.
    pub fn has(&self, lang: &str) -> bool {
        match self {
            Localized::Same(_) => true,
            Localized::PerLanguage(m) => m.contains_key(lang),
        }
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Localized::Same(t) => t.serialize(s),
            Localized::PerLanguage(m) => m.serialize(s),
        }
    }
}

impl JsonSchema for Localized {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Localized".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Text, or the text per language: {ru: ..., en: ...}",
            "anyOf": [
                {"type": "string"},
                {"type": "object", "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                 "additionalProperties": {"type": "string"}}
            ]
        })
    }
}

impl Decode for Localized {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar { value, .. } => Some(Localized::Same(value.clone())),
            NodeKind::Map(pairs) => {
                let mut map = BTreeMap::new();
                let mut ok = true;
                for (k, v) in pairs {
                    let lang = k.as_str().unwrap_or("");
                    if !is_language_code(lang) {
                        cx.error(
                            codes::UNKNOWN_KEY,
                            k.span,
                            crate::msg!("D006_not_language", key = lang),
                            crate::l10n::Msg::new("D006_not_language_hint"),
                        );
                        ok = false;
                        continue;
                    }
                    match String::decode(v, cx) {
                        Some(text) => {
                            if map.insert(lang.to_owned(), text).is_some() {
                                cx.error(
                                    codes::DUPLICATE_KEY,
                                    k.span,
                                    crate::msg!("D012_language_twice", lang = lang),
                                    crate::l10n::Msg::new("hint_keep_one"),
                                );
                            }
                        }
                        None => ok = false,
                    }
                }
                ok.then_some(Localized::PerLanguage(map))
            }
            _ => {
                cx.wrong_type(node, crate::l10n::Msg::new("type_localized"));
                None
            }
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Localized::default())
    }
    /// Blank when any language's text is (an empty `ru:` is a mistake,
    /// not a missing translation).
    fn is_blank(&self) -> bool {
        match self {
            Localized::Same(s) => s.trim().is_empty(),
            Localized::PerLanguage(m) => m.is_empty() || m.values().any(|s| s.trim().is_empty()),
        }
    }
}

/// Two or three lowercase ASCII letters (ISO 639-1/-2).
pub fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_added_to_dates() {
        let d = |s: &str| Date::parse(s).expect(s);
        assert_eq!(d("2022-10-05").add_months(24), d("2024-10-05"));
        assert_eq!(d("2024-08-31").add_months(6), d("2025-02-28"));
        assert_eq!(d("2023-12-15").add_months(1), d("2024-01-15"));
        assert_eq!(d("2023-11-30").add_months(3), d("2024-02-29"));
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("warm-home-2"));
        for bad in [
            "",
            "Warm",
            "a--b",
            "-a",
            "a-",
            "дом",
            "a_b",
            &"a".repeat(81),
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("23-1-1").is_none());
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_415).to_string(), "2025-11-23");
    }
}
