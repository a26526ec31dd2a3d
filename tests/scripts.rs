//! The site's scripts, page by page, on the built example: each page kind
//! loads exactly the scripts it needs, in an order that works (site.js
//! before the page's own, filters.js before catalogue.js or search.js),
//! every script a page names is shipped, every script shipped is loaded
//! by some page, and no page carries inline script (the CSP forbids it:
//! only JSON data blocks are allowed).

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// The `<script>` elements of a page: (src, type), in document order.
fn scripts(html: &str) -> Vec<(Option<String>, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        rest = &rest[at + "<script".len()..];
        let end = rest.find('>').expect("an unclosed <script> tag");
        let tag = &rest[..end];
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            tag.find(&key).map(|i| {
                let v = &tag[i + key.len()..];
                v[..v.find('"').expect("an unclosed attribute")].to_owned()
            })
        };
        out.push((attr("src"), attr("type")));
    }
    out
}

/// The scripts a page should load, by its path in the site (`/` between
/// segments, the language folder of a non-default language removed).
fn expected(page: &str) -> &'static [&'static str] {
    let in_practices = page.strip_prefix("practices/");
    match page {
        "practices/index.html" => &["site.js", "filters.js", "catalogue.js"],
        "search/index.html" => &["site.js", "filters.js", "search.js"],
        "compare/index.html" => &["site.js", "compare.js"],
        _ if in_practices.is_some_and(|p| p.starts_with("page/")) => {
            &["site.js", "filters.js", "catalogue.js"]
        }
        // A practice page: the diagram's script sits in <head>.
        _ if in_practices.is_some() => &["toc-diagram.js", "site.js"],
        _ => &["site.js"],
    }
}

#[test]
fn each_page_loads_only_the_scripts_it_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = dokaz()
        .args(["build", "--root"])
        .arg(example_root())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Languages other than the default have their own folder with a home
    // page and a catalogue.
    let lang_dirs: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| out.join(n).join("practices/index.html").is_file())
        .collect();

    let mut loaded = BTreeSet::new();
    let mut problems = Vec::new();
    let mut kinds = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("files/") {
            continue; // a practice's own documents, copied as they are
        }
        let page = match rel.split_once('/') {
            Some((first, tail)) if lang_dirs.contains(first) => tail.to_owned(),
            _ => rel.clone(),
        };
        let html = std::fs::read_to_string(path).unwrap();
        let mut names = Vec::new();
        for (src, kind) in scripts(&html) {
            let Some(src) = src else {
                let kind = kind.unwrap_or_default();
                if kind != "application/json" && kind != "application/ld+json" {
                    problems.push(format!("{rel}: an inline script of type `{kind}`"));
                }
                continue;
            };
            // Relative to the page (404.html may use a root-relative URL).
            let target = if let Some(abs) = src.strip_prefix('/') {
                out.join(abs)
            } else {
                path.parent().unwrap().join(&src)
            };
            let Ok(target) = target.canonicalize() else {
                problems.push(format!("{rel}: {src} does not exist"));
                continue;
            };
            let static_dir = out.join("static").canonicalize().unwrap();
            match target.strip_prefix(&static_dir) {
                Ok(name) => {
                    let name = name.to_string_lossy().into_owned();
                    loaded.insert(name.clone());
                    names.push(name);
                }
                Err(_) => problems.push(format!("{rel}: {src} is not under static/")),
            }
        }
        // The other version's address of a practice redirects: a page
        // with no script at all.
        let want: &[&str] = if html.contains("http-equiv=\"refresh\"") {
            &[]
        } else {
            expected(&page)
        };
        kinds.insert(want);
        if names != want {
            problems.push(format!("{rel}: loads {names:?}, expected {want:?}"));
        }
    }
    // The example has every kind of page with scripts of its own.
    assert!(kinds.len() >= 5, "page kinds seen: {kinds:?}");

    let shipped: BTreeSet<String> = std::fs::read_dir(out.join("static"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "js"))
        .collect();
    for name in shipped.difference(&loaded) {
        problems.push(format!("static/{name} is shipped but no page loads it"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The scripts rely on running after the document is parsed, in document
/// order: every template loads them with `defer`.
#[test]
fn templates_load_their_scripts_deferred() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (src, _) in scripts(&text) {
            let Some(src) = src else { continue };
            let tag = format!("<script src=\"{src}\" defer></script>");
            assert!(
                text.contains(&tag),
                "{}: {src} is not loaded with defer",
                path.display()
            );
        }
    }
}
