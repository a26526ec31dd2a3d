//! "Cite this practice": the reference to a practice page in the page's
//! language — GOST R 7.0.100-2018 for Russian, APA 7 for any other — and
//! as CSL-JSON for reference managers (in open data). The organization is
//! the author, the date is the description's `updated`, the container the
//! registry's title; the access date is left to the reader.

use crate::model::Doc;
use crate::model::common::Date;
use crate::model::practice::Practice;
use crate::render::Site;
use crate::render::routes::Route;
use serde_json::json;

/// What a reference to a practice page names.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub id: String,
    /// The organization (a collective author).
    pub author: String,
    pub title: String,
    /// The registry's title.
    pub container: String,
    pub url: String,
    pub updated: Date,
    /// The language of the UI the page is shown in.
    pub lang: String,
}

/// The reference to `doc`'s page in the UI language `lang`.
pub fn citation(site: &Site, doc: &Doc<Practice>, lang: &str) -> Citation {
    let reg = site.reg;
    let fallback = site.default_lang;
    let author = reg
        .organizations
        .get(&doc.model.organization.value)
        .map_or_else(
            || doc.model.organization.value.to_string(),
            |o| o.model.name.get(lang, fallback).to_owned(),
        );
    let container = reg
        .config
        .as_ref()
        .map(|c| c.title.get(lang, fallback).to_owned())
        .unwrap_or_default();
    Citation {
        id: doc.id.to_string(),
        author,
        title: doc.model.title.value.clone(),
        container,
        url: format!(
            "{}/{}{}",
            site.opts.base_url,
            site.prefix(lang),
            Route::Practice(doc.id.as_str()).dir_url()
        ),
        updated: doc.model.updated.value,
        lang: lang.to_owned(),
    }
}

const RU_MONTHS: [&str; 12] = [
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

const EN_MONTHS: [&str; 12] = [
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

fn month(names: &[&'static str; 12], m: u32) -> &'static str {
    names.get(m.wrapping_sub(1) as usize).copied().unwrap_or("")
}

/// A title ends with one full stop: none added after `.`, `?`, `!` or `…`.
fn ended(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '?', '!', '…']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

/// GOST R 7.0.100-2018, an electronic resource (a page of a site) with a
/// collective author after the slash:
/// `Title / Org. — Текст : электронный // Registry : [сайт]. — 2024. — 5 октября. — URL: … (дата обращения: ДД.ММ.ГГГГ).`
pub fn gost(c: &Citation) -> String {
    format!(
        "{} / {}. — Текст : электронный // {} : [сайт]. — {}. — {} {}. — URL: {} (дата обращения: ДД.ММ.ГГГГ).",
        c.title.trim().trim_end_matches('.'),
        c.author.trim().trim_end_matches('.'),
        c.container.trim().trim_end_matches('.'),
        c.updated.year,
        c.updated.day,
        month(&RU_MONTHS, c.updated.month),
        c.url
    )
}

/// APA 7, a page on a website with a group author:
/// `Org. (2024, October 5). Title. Registry. URL`
pub fn apa(c: &Citation) -> String {
    format!(
        "{} ({}, {} {}). {} {} {}",
        ended(&c.author),
        c.updated.year,
        month(&EN_MONTHS, c.updated.month),
        c.updated.day,
        ended(&c.title),
        ended(&c.container),
        c.url
    )
}

/// The reference as the page's language cites: GOST in Russian, APA in
/// any other.
pub fn text(c: &Citation) -> String {
    if c.lang == "ru" { gost(c) } else { apa(c) }
}

/// One CSL-JSON item (a `webpage`), as reference managers import it in
/// an array.
pub fn csl(c: &Citation) -> serde_json::Value {
    json!({
        "id": c.id,
        "type": "webpage",
        "title": c.title,
        "author": [{"literal": c.author}],
        "container-title": c.container,
        "issued": {"date-parts": [[c.updated.year, c.updated.month, c.updated.day]]},
        "URL": c.url,
        "language": c.lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(lang: &str) -> Citation {
        Citation {
            id: "x".into(),
            author: "Фонд «Отказники»".into(),
            title: "Помощь семьям".into(),
            container: "Реестр практик".into(),
            url: "https://example.org/practices/x/".into(),
            updated: Date::parse("2024-10-05").unwrap(),
            lang: lang.into(),
        }
    }

    #[test]
    fn gost_and_apa_strings() {
        assert_eq!(
            gost(&c("ru")),
            "Помощь семьям / Фонд «Отказники». — Текст : электронный // Реестр практик : [сайт]. — 2024. — 5 октября. — URL: https://example.org/practices/x/ (дата обращения: ДД.ММ.ГГГГ)."
        );
        assert_eq!(
            apa(&c("en")),
            "Фонд «Отказники». (2024, October 5). Помощь семьям. Реестр практик. https://example.org/practices/x/"
        );
        assert_eq!(text(&c("ru")), gost(&c("ru")));
        assert_eq!(text(&c("en")), apa(&c("en")));
        let v = csl(&c("en"));
        assert_eq!(v["issued"]["date-parts"][0][1], 10);
        assert_eq!(v["author"][0]["literal"], "Фонд «Отказники»");
    }
}
