//! registry.yaml: languages that make sense, an absolute base URL, a theme
//! that exists; practice languages among the registry's languages.

use super::Checker;
use super::codes::*;
use crate::l10n::Msg;
use crate::model::common::is_language_code;
use crate::msg;

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
                msg!("V122_not_code", lang = l.value.as_str()),
                Msg::new("V122_not_code_hint"),
            );
        }
    }
    if langs.is_empty() {
        c.error(
            EMPTY_LIST,
            f,
            cfg.languages.span,
            msg!("V117_empty", what = "languages"),
            Msg::new("V117_languages_hint"),
        );
    } else if !langs.contains(&cfg.default_language.as_str()) {
        c.error(
            LANGUAGE,
            f,
            cfg.default_language.span,
            msg!(
                "V122_default_not_listed",
                lang = cfg.default_language.value.as_str()
            ),
            msg!("V122_default_not_listed_hint", langs = langs.join(", ")),
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for l in cfg.languages.iter() {
        if seen.contains(&l.as_str()) {
            c.error(
                LANGUAGE,
                f,
                l.span,
                msg!("V122_twice", lang = l.value.as_str()),
                Msg::new("V122_twice_hint"),
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
            msg!("V126_base_url", url = url.value.as_str(), why = why),
            Msg::new("V126_base_url_hint"),
        );
    }
    if let Some(max) = &cfg.max_output_mb
        && !(max.value > 0.0 && max.value.is_finite())
    {
        c.error(
            CONFIG,
            f,
            max.span,
            msg!("V126_max_output", value = max.value.to_string()),
            Msg::new("V126_max_output_hint"),
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
            msg!("V126_no_theme", theme = theme.value.as_str()),
            msg!("V126_no_theme_hint", theme = theme.value.as_str()),
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
                    msg!(
                        "V122_same_language",
                        original = orig.id.as_str(),
                        lang = lang(p).to_string()
                    ),
                    Msg::new("V122_same_language_hint"),
                );
            }
        }
    }
}

/// The one check of a site base URL, for `registry.yaml` and `--base-url`
/// alike: an absolute http(s) URL with a host, and nothing that would
/// need escaping where it is written (canonical links, the sitemap, the
/// feed, JSON-LD), so no writer has to trust it.
pub fn check_base_url(url: &str) -> Result<(), Msg> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(Msg::new("V126_url_scheme"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let host_name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    if host_name.is_empty() || host_name.starts_with('.') {
        return Err(Msg::new("V126_url_no_host"));
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
        return Err(Msg::new("V126_url_characters"));
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
            msg!("V122_not_registry", lang = l.value.as_str()),
            msg!("V122_not_registry_hint", langs = langs.join(", ")),
        );
    }
}
