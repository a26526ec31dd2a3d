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
        crate::render::format::month_name(c.updated.month, "ru"),
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
        crate::render::format::month_name(c.updated.month, "en"),
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

/// One line of a RIS record: tag, two spaces, hyphen, space, the value on
/// one line (line breaks in content would start a new tag).
fn ris_line(tag: &str, value: &str) -> String {
    let value: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{tag}  - {}\r\n", value.trim())
}

/// The reference as a RIS record (`TY  - ELEC` … `ER  - `), as reference
/// managers import it. Lines end with CR LF, as the format specifies.
pub fn ris(c: &Citation) -> String {
    let mut out = ris_line("TY", "ELEC");
    out.push_str(&ris_line("TI", &c.title));
    out.push_str(&ris_line("AU", &c.author));
    out.push_str(&ris_line("T2", &c.container));
    out.push_str(&ris_line("PY", &c.updated.year.to_string()));
    out.push_str(&ris_line(
        "DA",
        &format!(
            "{:04}/{:02}/{:02}",
            c.updated.year, c.updated.month, c.updated.day
        ),
    ));
    out.push_str(&ris_line("UR", &c.url));
    out.push_str(&ris_line("LA", &c.lang));
    out.push_str("ER  - \r\n");
    out
}

/// Text safe inside a BibTeX field: the characters TeX reads as commands
/// or groups are escaped, so content cannot unbalance the braces or end
/// the entry.
fn bib_text(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The reference as a BibTeX `@misc` entry (biblatex reads `urldate` and
/// `langid`; plain BibTeX ignores what it does not know). The
/// organization is a corporate author, in double braces so that it is
/// not split into first and last names.
pub fn bibtex(c: &Citation) -> String {
    // Keys are ASCII: the practice id is.
    let key: String =
        c.id.chars()
            .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
            .collect();
    format!(
        "@misc{{{key}-{year},\n  author = {{{{{author}}}}},\n  title = {{{title}}},\n  howpublished = {{{container}}},\n  year = {{{year}}},\n  month = {{{month}}},\n  url = {{{url}}},\n  langid = {{{lang}}}\n}}\n",
        year = c.updated.year,
        author = bib_text(&c.author),
        title = bib_text(&c.title),
        container = bib_text(&c.container),
        month = c.updated.month,
        url = bib_text(&c.url),
        lang = if c.lang == "ru" { "russian" } else { "english" },
    )
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

    /// A strict RIS reader: every line is `XX  - value` with CR LF, the
    /// record opens with `TY` and closes with `ER`.
    fn parse_ris(text: &str) -> Vec<(String, String)> {
        assert!(text.ends_with("\r\n"), "CR LF line ends");
        let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
        let mut out = Vec::new();
        for l in &lines {
            let b = l.as_bytes();
            assert!(b.len() >= 6, "short line {l:?}");
            assert!(
                b[0].is_ascii_uppercase() && (b[1].is_ascii_uppercase() || b[1].is_ascii_digit()),
                "{l:?}"
            );
            assert_eq!(&l[2..6], "  - ", "{l:?}");
            assert!(!l.contains('\n'), "{l:?}");
            out.push((l[..2].to_owned(), l[6..].to_owned()));
        }
        assert_eq!(out.first().map(|t| t.0.as_str()), Some("TY"));
        assert_eq!(out.last().map(|t| t.0.as_str()), Some("ER"));
        out
    }

    /// A strict reader of one BibTeX entry: `@type{key, name = {value}, …}`
    /// with balanced, unescaped braces; returns the fields with their
    /// values unescaped.
    fn parse_bib(text: &str) -> (String, Vec<(String, String)>) {
        let text = text.trim();
        let rest = text.strip_prefix("@misc{").expect("@misc{");
        let (key, mut rest) = rest.split_once(',').expect("key,");
        assert!(
            key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{key}"
        );
        let mut fields = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest == "}" {
                break;
            }
            let (name, after) = rest.split_once('=').expect("name =");
            let name = name.trim().to_owned();
            let after = after.trim_start();
            assert!(after.starts_with('{'), "{name}: braced value");
            let mut depth = 0;
            let mut end = None;
            let mut escaped = false;
            for (i, ch) in after.char_indices() {
                if escaped {
                    escaped = false;
                    continue;
                }
                match ch {
                    '\\' => escaped = true,
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end.expect("balanced braces");
            let raw = &after[1..end];
            let value = raw
                .replace("\\textbackslash{}", "\\")
                .replace("\\{", "{")
                .replace("\\}", "}")
                .replace("\\%", "%")
                .replace("\\&", "&")
                .replace("\\_", "_")
                .replace("\\#", "#")
                .replace("\\$", "$");
            fields.push((name, value));
            rest = after[end + 1..].trim_start();
            rest = rest.strip_prefix(',').unwrap_or(rest);
        }
        (key.to_owned(), fields)
    }

    #[test]
    fn ris_and_bibtex_parse_and_carry_title_author_date_url() {
        let r = parse_ris(&ris(&c("ru")));
        let get = |t: &str| r.iter().find(|x| x.0 == t).map(|x| x.1.clone());
        assert_eq!(get("TY").as_deref(), Some("ELEC"));
        assert_eq!(get("TI").as_deref(), Some("Помощь семьям"));
        assert_eq!(get("AU").as_deref(), Some("Фонд «Отказники»"));
        assert_eq!(get("DA").as_deref(), Some("2024/10/05"));
        assert_eq!(
            get("UR").as_deref(),
            Some("https://example.org/practices/x/")
        );
        let (key, f) = parse_bib(&bibtex(&c("en")));
        assert_eq!(key, "x-2024");
        let get = |n: &str| f.iter().find(|x| x.0 == n).map(|x| x.1.clone());
        assert_eq!(get("title").as_deref(), Some("Помощь семьям"));
        assert_eq!(get("author").as_deref(), Some("{Фонд «Отказники»}"));
        assert_eq!(get("year").as_deref(), Some("2024"));
        assert_eq!(get("month").as_deref(), Some("10"));
        assert_eq!(
            get("url").as_deref(),
            Some("https://example.org/practices/x/")
        );
    }

    /// Content cannot break out of a field or a record.
    #[test]
    fn hostile_titles_stay_inside_their_field() {
        let mut h = c("ru");
        h.title = "A}, note = {pwned} \\ 100% & $x$ #1 _y_\nTY  - JOUR".into();
        h.author = "Org}}".into();
        let (_, f) = parse_bib(&bibtex(&h));
        let names: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert!(!names.contains(&"note"), "{names:?}");
        let title = &f.iter().find(|x| x.0 == "title").expect("title").1;
        assert!(title.starts_with("A}, note = {pwned}"), "{title}");
        let r = parse_ris(&ris(&h));
        assert_eq!(r.iter().filter(|x| x.0 == "TY").count(), 1, "{r:?}");
    }
}
