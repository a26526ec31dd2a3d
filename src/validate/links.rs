//! Links and files: only safe URL schemes; `file:` references stay inside
//! the practice's folder and exist.

use super::Checker;
use super::codes::*;
use crate::l10n::Msg;
use crate::model::Doc;
use crate::model::common::Spanned;
use crate::model::organization::Organization;
use crate::model::practice::{Contact, Practice};
use crate::msg;
use std::path::{Component, Path};

pub const SAFE_SCHEMES: &[&str] = &["https", "http", "mailto", "tel"];

/// The scheme of a URL, lowercased, if it has one.
pub fn scheme(url: &str) -> Option<String> {
    let (s, _) = url.split_once(':')?;
    let valid = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| s.to_ascii_lowercase())
}

/// Whether a URL may appear in the site: an allowed scheme and no control
/// characters or spaces that could break out of an attribute.
pub fn is_safe_url(url: &str) -> bool {
    scheme(url).is_some_and(|s| SAFE_SCHEMES.contains(&s.as_str()))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        && has_target(url)
}

/// A web link names a host (`https://` alone, or `https:///x`, leads
/// nowhere); `mailto:` and `tel:` name an address or a number.
fn has_target(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
        let Some(after) = rest.strip_prefix("//") else {
            return false;
        };
        let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = host
            .rsplit_once(':')
            .filter(|(_, p)| p.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(h, _)| h);
        !host.is_empty() && !host.starts_with('.')
    } else {
        !rest.trim_start_matches('/').is_empty()
    }
}

fn check_url(c: &mut Checker, f: &str, url: &Spanned<String>) {
    if is_safe_url(url) {
        return;
    }
    let msg = match scheme(url) {
        Some(s) if !SAFE_SCHEMES.contains(&s.as_str()) => {
            msg!("V114_scheme", scheme = s)
        }
        Some(_) if url.chars().any(|c| c.is_control() || c.is_whitespace()) => {
            Msg::new("V114_spaces")
        }
        Some(_) => msg!("V114_no_host", url = url.value.as_str()),
        None => msg!("V114_not_full", url = url.value.as_str()),
    };
    c.error(URL_SCHEME, f, url.span, msg, Msg::new("V114_hint"));
}

fn check_contacts(c: &mut Checker, f: &str, contacts: &[Contact]) {
    for k in contacts {
        if let Some(e) = &k.email
            && (!e.contains('@') || e.chars().any(char::is_whitespace))
        {
            c.error(
                URL_SCHEME,
                f,
                e.span,
                msg!("V114_not_email", value = e.value.as_str()),
                None,
            );
        }
        if let Some(t) = &k.phone
            && !t
                .chars()
                .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
        {
            c.error(
                URL_SCHEME,
                f,
                t.span,
                msg!("V114_not_phone", value = t.value.as_str()),
                Msg::new("V114_not_phone_hint"),
            );
        }
    }
}

pub fn check_practice(c: &mut Checker, doc: &Doc<Practice>) {
    let p = &doc.model;
    let f = doc.file.as_str();
    check_contacts(c, f, &p.contacts);
    let folder = c.reg.bundle_dirs.get(&doc.id).cloned();
    if let Some(j) = &p.justification {
        for r in &j.references {
            if let Some(u) = &r.url {
                check_url(c, f, u);
            }
        }
        if let Some(r) = j
            .external_evaluation
            .as_ref()
            .and_then(|e| e.report.as_ref())
        {
            if let Some(u) = &r.url {
                check_url(c, f, u);
            }
            if let Some(file) = &r.file {
                check_file(c, f, folder.as_deref(), file);
            }
        }
    }
    for d in &p.documents {
        if let Some(u) = &d.url {
            check_url(c, f, u);
        }
        match (&d.file, &d.url) {
            (Some(file), _) => check_file(c, f, folder.as_deref(), file),
            // A file or url that is there but did not decode has its own error.
            (None, None) if !d.is_broken("file") && !d.is_broken("url") => c.error(
                FILE_REFERENCE,
                f,
                d.at,
                msg!("V115_neither", title = d.title.to_string()),
                Msg::new("V115_neither_hint"),
            ),
            _ => {}
        }
    }
}

/// A relative path without `..`, inside the bundle, naming an existing file.
fn check_file(c: &mut Checker, f: &str, folder: Option<&Path>, file: &Spanned<String>) {
    let path = Path::new(file.as_str());
    let escapes = path.is_absolute()
        || file.contains('\\')
        || path
            .components()
            .any(|comp| !matches!(comp, Component::Normal(_) | Component::CurDir));
    if escapes {
        c.error(
            FILE_REFERENCE,
            f,
            file.span,
            msg!("V115_outside", file = file.value.as_str()),
            Msg::new("V115_outside_hint"),
        );
        return;
    }
    let Some(folder) = folder else {
        c.error(
            FILE_REFERENCE,
            f,
            file.span,
            msg!("V115_single_file", file = file.value.as_str()),
            Msg::new("V115_single_file_hint"),
        );
        return;
    };
    let full = folder.join(path);
    // Symlinks could point anywhere: the canonical path must stay inside.
    let inside = match (full.canonicalize(), folder.canonicalize()) {
        (Ok(a), Ok(b)) => a.starts_with(b) && a.is_file(),
        _ => false,
    };
    if !inside {
        c.error(
            FILE_REFERENCE,
            f,
            file.span,
            msg!("V115_missing", file = file.value.as_str()),
            Msg::new("V115_missing_hint"),
        );
    }
}

pub fn check_organization(c: &mut Checker, doc: &Doc<Organization>) {
    if let Some(w) = &doc.model.website {
        check_url(c, &doc.file, w);
    }
    check_contacts(c, &doc.file, &doc.model.contacts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(is_safe_url("https://a.org/x?y=1"));
        assert!(is_safe_url("mailto:info@a.org"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("JaVaScRiPt:alert(1)"));
        assert!(!is_safe_url("https://a.org/\nx"));
        assert!(!is_safe_url("www.a.org"));
        assert!(!is_safe_url("data:text/html,x"));
    }

    #[test]
    fn links_name_a_host() {
        for ok in [
            "https://a.org",
            "http://a.org:8080/x",
            "https://user@a.org/",
            "https://[::1]:1111/",
            "mailto:info@a.org",
            "tel:+74951234567",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "https://",
            "https:///x",
            "https:",
            "http://:80/",
            "https://?q",
            "https://#x",
            "https:a.org",
            "mailto:",
            "tel:",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
