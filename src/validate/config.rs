//! registry.yaml: languages that make sense, an absolute base URL, a theme
//! that exists; practice languages among the registry's languages.

use super::Checker;
use super::codes::*;
use crate::model::common::is_language_code;

pub fn check(c: &mut Checker) {
    let reg = c.reg;
    let Some(cfg) = &reg.config else { return };
    let f = "registry.yaml";
    let langs: Vec<&str> = cfg.languages().collect();
    for l in cfg.languages.iter() {
        if !is_language_code(l) {
            c.error(
                LANGUAGE,
                f,
                l.span,
                format!("`{}` is not a language code", l.value),
                "use two-letter codes such as ru, en, kk",
            );
        }
    }
    if langs.is_empty() {
        c.error(
            EMPTY_LIST,
            f,
            cfg.languages.span,
            "`languages` needs at least one entry",
            "for example [ru, en]",
        );
    } else if !langs.contains(&cfg.default_language.as_str()) {
        c.error(
            LANGUAGE,
            f,
            cfg.default_language.span,
            format!(
                "the default language `{}` is not in `languages`",
                cfg.default_language.value
            ),
            format!("add it to `languages: [{}]`", langs.join(", ")),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for l in cfg.languages.iter() {
        if seen.contains(&l.as_str()) {
            c.error(
                LANGUAGE,
                f,
                l.span,
                format!("`{}` is listed twice in `languages`", l.value),
                "list each language once",
            );
        }
        seen.push(l.as_str());
    }
    if let Some(url) = &cfg.base_url
        && let Err(why) = check_base_url(url)
    {
        c.error(
            CONFIG,
            f,
            url.span,
            format!("`{}` is not a usable base URL: {why}", url.value),
            "for example https://registry.example.org",
        );
    }
    if let Some(max) = &cfg.max_output_mb
        && !(max.value > 0.0 && max.value.is_finite())
    {
        c.error(
            CONFIG,
            f,
            max.span,
            format!("`max_output_mb: {}` is not a positive size", max.value),
            "for example 1000 (GitHub Pages publishes sites up to 1 GB)",
        );
    }
    if let Some(theme) = &cfg.theme
        && theme.as_str() != "default"
        && !reg.root.join("themes").join(theme.as_str()).is_dir()
    {
        c.error(
            CONFIG,
            f,
            theme.span,
            format!("there is no theme `{}`", theme.value),
            format!("use `default`, or create themes/{}/", theme.value),
        );
    }
    for doc in reg.organizations.values() {
        known_language(c, &doc.file, doc.model.language.as_ref(), &langs);
    }
    for doc in reg.practices.values() {
        let p = &doc.model;
        known_language(c, &doc.file, p.language.as_ref(), &langs);
        if let Some(orig) = p
            .translation_of
            .as_ref()
            .and_then(|t| reg.practices.get(&t.value))
        {
            let lang = |x: &crate::model::practice::Practice| {
                x.language
                    .as_ref()
                    .map_or(cfg.default_language.value.clone(), |l| l.value.clone())
            };
            if lang(p) == lang(&orig.model) {
                c.error(
                    LANGUAGE,
                    &doc.file,
                    p.translation_of
                        .as_ref()
                        .map(|t| t.span)
                        .unwrap_or_default(),
                    format!("this practice and `{}` are both in `{}`", orig.id, lang(p)),
                    "a translation is in another language; set `language:`",
                );
            }
        }
    }
}

/// The one check of a site base URL, for `registry.yaml` and `--base-url`
/// alike: an absolute http(s) URL with a host, and nothing that would
/// need escaping where it is written (canonical links, the sitemap, the
/// feed, JSON-LD), so no writer has to trust it.
pub fn check_base_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("it must start with https:// or http://")?;
    let host = rest.split('/').next().unwrap_or_default();
    let host_name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    if host_name.is_empty() || host_name.starts_with('.') {
        return Err("it has no host");
    }
    let bad = |ch: char| {
        ch.is_whitespace()
            || ch.is_control()
            || super::invisible::invisible(ch).is_some()
            || matches!(
                ch,
                '"' | '\'' | '<' | '>' | '&' | '\\' | '`' | '?' | '#' | '{' | '}' | '|' | '^'
            )
    };
    if url.contains(bad) {
        return Err(
            "it contains a space, a quote, <, >, &, ?, #, an invisible character or another character a URL base must not have",
        );
    }
    Ok(())
}

/// A document's `language` is one of the registry's languages.
fn known_language(
    c: &mut Checker,
    file: &str,
    lang: Option<&crate::model::common::Spanned<String>>,
    langs: &[&str],
) {
    let Some(l) = lang else { return };
    if !langs.is_empty() && !langs.contains(&l.as_str()) {
        c.error(
            LANGUAGE,
            file,
            l.span,
            format!("`{}` is not one of the registry's languages", l.value),
            format!("the registry's languages are: {}", langs.join(", ")),
        );
    }
}
