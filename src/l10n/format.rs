//! Numbers, shares, money and dates as readers of each language expect
//! them: the one formatter behind tables, charts, cards, the comparison,
//! the map and `/evidence/`.
//!
//! | | Russian | English |
//! |---|---|---|
//! | number | `4 651 040,5` | `4,651,040.5` |
//! | share | `81 %` | `81%` |
//! | money | `1 345 000 ₽` | `RUB 1,345,000` |
//! | date | `28 февраля 2022 г.` | `28 February 2022` |
//!
//! Digits, separators and signs come from CLDR through ICU4X
//! (`icu_decimal` with compiled data), with grouping from five digits on
//! (CLDR's "min2" strategy: `2019` and `1400` stay whole, as a year and a
//! count are written in Russian typography; `14 000` is grouped). The
//! percent, currency and long-date patterns of the two UI languages are
//! CLDR's too (`percentFormats`, `currencyFormats`, the `long` date format
//! with the genitive month names), kept here as small tables: ICU4X's
//! date-time formatter would add about 17 s of compile time for two
//! patterns. Any other language is formatted as English. Machine-read
//! values (`<time datetime>`, open data, feeds, the sitemap) stay ISO and
//! raw and never come through here.

use crate::model::common::Date;
use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use std::sync::OnceLock;

/// The languages with their own patterns; any other is formatted as `en`.
fn is_ru(lang: &str) -> bool {
    lang == "ru" || lang.starts_with("ru-")
}

/// The decimal formatter of a UI language (built once per language).
fn decimal(lang: &str) -> &'static DecimalFormatter {
    static RU: OnceLock<DecimalFormatter> = OnceLock::new();
    static EN: OnceLock<DecimalFormatter> = OnceLock::new();
    let (cell, locale) = if is_ru(lang) {
        (&RU, icu_locale_core::langid!("ru"))
    } else {
        (&EN, icu_locale_core::langid!("en"))
    };
    cell.get_or_init(|| {
        let mut options = DecimalFormatterOptions::default();
        options.grouping_strategy = Some(GroupingStrategy::Min2);
        DecimalFormatter::try_new((&locale).into(), options)
            .expect("compiled CLDR data has ru and en decimal symbols")
    })
}

/// Formats `n` with at most `decimals` decimals (trailing zeros dropped).
pub fn number(n: f64, decimals: usize, lang: &str) -> String {
    if !n.is_finite() {
        return String::new();
    }
    // Rounded as `format!` rounds, then handed to CLDR's symbols.
    let s = format!("{:.*}", decimals, n);
    let Ok(mut d) = s.parse::<Decimal>() else {
        return s;
    };
    d.absolute.trim_end();
    // `-0` after rounding is shown as `0`.
    if d.absolute.is_zero() {
        d = Decimal::from(0);
    }
    decimal(lang).format(&d).to_string()
}

/// A whole count, as [`number`] with no decimals.
pub fn count(n: usize, lang: &str) -> String {
    number(n as f64, 0, lang)
}

/// A share `value/of` as a whole percentage, if `of` is positive.
/// Truncated, not rounded, as the source registries do (31 of 37 is shown
/// as 83 %, not 84 %): a share of families helped is never overstated.
pub fn percent(value: f64, of: f64) -> Option<f64> {
    (of > 0.0).then(|| (value / of * 100.0 + 1e-9).floor())
}

/// `81 %` (CLDR ru `#,##0 %`, a no-break space) or `81%` (en `#,##0%`).
pub fn percent_label(p: f64, lang: &str) -> String {
    if is_ru(lang) {
        format!("{}\u{a0}%", number(p, 0, lang))
    } else {
        format!("{}%", number(p, 0, lang))
    }
}

/// The symbol of an ISO 4217 code in a language (CLDR `symbol`, and the
/// narrow symbol where CLDR's ru data gives it), or the code itself.
pub fn currency_symbol<'a>(code: &'a str, lang: &str) -> &'a str {
    let ru = is_ru(lang);
    match code {
        "RUB" if ru => "₽",
        "KZT" if ru => "₸",
        "BYN" if ru => "Br",
        "UAH" if ru => "₴",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => code,
    }
}

/// An amount of money: `1 345 000 ₽` (CLDR ru `#,##0.00 ¤`) or
/// `RUB 1,345,000` / `$1,345,000` (en `¤#,##0.00`, a no-break space after
/// a symbol made of letters). Decimals only where the amount has them.
pub fn money(amount: f64, currency: &str, lang: &str) -> String {
    with_currency(&number(amount, 2, lang), currency, lang)
}

/// An amount already formatted by [`number`], with its currency placed
/// as in [`money`].
pub fn with_currency(n: &str, currency: &str, lang: &str) -> String {
    let sym = currency_symbol(currency, lang);
    if n.is_empty() {
        return String::new();
    }
    if is_ru(lang) {
        format!("{n}\u{a0}{sym}")
    } else if sym.chars().last().is_some_and(char::is_alphabetic) {
        format!("{sym}\u{a0}{n}")
    } else {
        format!("{sym}{n}")
    }
}

/// Month names as a date spells them: CLDR `format` `wide`, which in
/// Russian is the genitive (`28 февраля`).
pub const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name in a date of `lang` (January is 1).
pub fn month_name(month: u32, lang: &str) -> &'static str {
    let months = if is_ru(lang) { &RU_MONTHS } else { &EN_MONTHS };
    months
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// A date for people: `28 февраля 2022 г.` (CLDR ru long, `d MMMM y 'г'.`)
/// or `28 February 2022` (the day-first British long form, which reads
/// the same way as the Russian).
pub fn date(d: Date, lang: &str) -> String {
    if is_ru(lang) {
        format!(
            "{}\u{a0}{} {}\u{a0}г.",
            d.day,
            month_name(d.month, lang),
            d.year
        )
    } else {
        format!("{}\u{a0}{} {}", d.day, month_name(d.month, lang), d.year)
    }
}

/// [`date`] of an ISO `YYYY-MM-DD` string; a year alone (a review whose
/// source gives only the year) is `2022 г.` / `2022`; other text is
/// returned as it is.
pub fn date_str(iso: &str, lang: &str) -> String {
    if iso.len() == 4 && iso.bytes().all(|b| b.is_ascii_digit()) {
        return if is_ru(lang) {
            format!("{iso}\u{a0}г.")
        } else {
            iso.to_owned()
        };
    }
    Date::parse(iso).map_or_else(|| iso.to_owned(), |d| date(d, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: char = '\u{a0}';

    #[test]
    fn a_year_alone_reads_as_a_year() {
        assert_eq!(date_str("2022", "ru"), format!("2022{NB}г."));
        assert_eq!(date_str("2022", "en"), "2022");
        assert_eq!(date_str("2022-02-28", "en"), format!("28{NB}February 2022"));
        assert_eq!(date_str("soon", "ru"), "soon");
    }

    #[test]
    fn numbers_by_language() {
        assert_eq!(number(4_651_040.0, 2, "ru"), "4\u{a0}651\u{a0}040");
        assert_eq!(number(4_651_040.5, 2, "en"), "4,651,040.5");
        assert_eq!(number(1_400_000.0, 1, "ru"), "1\u{a0}400\u{a0}000");
        assert_eq!(number(1_400_000.0, 1, "en"), "1,400,000");
        assert_eq!(number(2019.0, 0, "en"), "2019");
        assert_eq!(number(2019.0, 0, "ru"), "2019");
        assert_eq!(number(14_000.0, 0, "ru"), "14\u{a0}000");
        assert_eq!(number(-3.25, 2, "ru"), "-3,25");
        assert_eq!(number(-3.25, 2, "en"), "-3.25");
        assert_eq!(number(0.5, 1, "ru"), "0,5");
        assert_eq!(number(2.50, 2, "en"), "2.5");
        assert_eq!(number(-0.001, 2, "ru"), "0");
        assert_eq!(number(0.0, 2, "en"), "0");
        assert_eq!(number(f64::NAN, 2, "en"), "");
        assert_eq!(count(1_345_000, "ru"), "1\u{a0}345\u{a0}000");
        // Any other language reads as English.
        assert_eq!(number(12_345.5, 1, "de"), "12,345.5");
    }

    #[test]
    fn shares() {
        assert_eq!(percent(26.0, 32.0), Some(81.0));
        assert_eq!(percent(19.0, 31.0), Some(61.0));
        assert_eq!(percent(31.0, 37.0), Some(83.0));
        assert_eq!(percent(1.0, 3.0), Some(33.0));
        assert_eq!(percent(3.0, 3.0), Some(100.0));
        assert_eq!(percent(3.0, 0.0), None);
        assert_eq!(percent_label(81.0, "ru"), "81\u{a0}%");
        assert_eq!(percent_label(81.0, "en"), "81%");
    }

    #[test]
    fn money_by_language() {
        assert_eq!(
            money(1_345_000.0, "RUB", "ru"),
            format!("1{NB}345{NB}000{NB}₽")
        );
        assert_eq!(money(1_345_000.0, "RUB", "en"), format!("RUB{NB}1,345,000"));
        assert_eq!(money(52_000.0, "KZT", "ru"), format!("52{NB}000{NB}₸"));
        assert_eq!(money(52_000.0, "KZT", "en"), format!("KZT{NB}52,000"));
        assert_eq!(money(1200.5, "USD", "en"), "$1200.5");
        assert_eq!(money(1200.5, "USD", "ru"), format!("1200,5{NB}$"));
        assert_eq!(money(99_000.0, "EUR", "en"), "€99,000");
        assert_eq!(money(10.0, "XYZ", "ru"), format!("10{NB}XYZ"));
        assert_eq!(currency_symbol("RUB", "ru"), "₽");
        assert_eq!(
            with_currency("1\u{a0}400", "RUB", "ru"),
            format!("1{NB}400{NB}₽")
        );
        assert_eq!(with_currency("", "RUB", "ru"), "");
        assert_eq!(currency_symbol("RUB", "en"), "RUB");
    }

    #[test]
    fn dates_by_language() {
        let d = Date::parse("2022-02-28").unwrap();
        assert_eq!(date(d, "ru"), format!("28{NB}февраля 2022{NB}г."));
        assert_eq!(date(d, "en"), format!("28{NB}February 2022"));
        assert_eq!(
            date_str("2024-10-05", "ru"),
            format!("5{NB}октября 2024{NB}г.")
        );
        assert_eq!(date_str("not a date", "ru"), "not a date");
        let ru: Vec<&str> = (1..=12).map(|m| month_name(m, "ru")).collect();
        assert_eq!(ru, RU_MONTHS);
        assert_eq!(month_name(5, "en"), "May");
        assert_eq!(month_name(0, "en"), "");
        assert_eq!(month_name(13, "ru"), "");
    }
}
