//! Links, images and footnotes of a practice body on the built page
//! (issue 16): each keeps its target, unsafe schemes are dropped, and no id
//! of the body collides with the theme's (a footnote named `dokaz-ui`, the
//! id of the page's UI-strings block).

mod common;

use common::*;
use std::collections::BTreeMap;

/// Every `attr="…"` value in `html` (entities as written).
fn values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The body as rendered on the page: from the first heading of the
/// narrative to the last footnote.
fn body(page: &str) -> &str {
    let start = page
        .find("id=\"s-opisanie\"")
        .expect("body heading on the page");
    let end = page[start..]
        .rfind("footnote-definition")
        .map(|e| start + e + 200)
        .unwrap_or(page.len())
        .min(page.len());
    let end = (end..=page.len())
        .find(|&e| page.is_char_boundary(e))
        .unwrap();
    &page[start..end]
}

#[test]
fn body_links_images_and_footnotes_work_on_the_page() {
    let (tmp, root) = fresh_registry();
    let p = root.join("content/practices/example-practice.md");
    let text = std::fs::read_to_string(&p).unwrap().replace(
        "Замените этот текст описанием практики: как она работает, история, сложности.",
        "Сайт [фонда](https://example.org/about \"О фонде\"), почта [info](mailto:info@example.org), \
         телефон [позвонить](tel:+74951234567), [к описанию](#Описание), [к разделу](#kak-rabotaet), \
         отчёт [pdf](../documents/report.pdf). Сноски[^dokaz-ui] и[^narrative].\n\n\
         ![Команда фонда](https://example.org/team.jpg \"Команда\")\n\n\
         [плохая](javascript:alert(1)) [данные](data:text/html,x) <a href=\"javascript:alert(2)\">x</a>\n\n\
         ### Как работает\n\nТекст.\n\n\
         [^dokaz-ui]: Первая сноска.\n[^narrative]: Вторая сноска.",
    );
    std::fs::write(&p, text).unwrap();
    let out = tmp.path().join("out");
    let o = dokaz()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("practices/example-practice/index.html")).unwrap();
    let b = body(&page);
    assert_eq!(
        values(b, "href"),
        [
            "https://example.org/about",
            "mailto:info@example.org",
            "tel:+74951234567",
            "#s-opisanie",
            "#s-kak-rabotaet",
            "../documents/report.pdf",
            "#s-fn-dokaz-ui",
            "#s-fn-narrative",
        ],
        "{b}"
    );
    assert_eq!(values(b, "src"), ["https://example.org/team.jpg"], "{b}");
    assert_eq!(values(b, "alt"), ["Команда фонда"], "{b}");
    for bad in ["javascript:", "data:text"] {
        assert!(!page.contains(bad), "{bad} on the page");
    }
    // Every fragment of the body has its target on the page.
    for href in values(b, "href") {
        if let Some(id) = href.strip_prefix('#') {
            assert!(
                page.contains(&format!("id=\"{id}\"")),
                "no target for {href}"
            );
        }
    }
    // No id twice on the page: the theme's `dokaz-ui` is the theme's alone.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for id in values(&page, "id") {
        *seen.entry(id).or_default() += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "ids repeated on the page: {twice:?}");
    assert_eq!(seen.get("dokaz-ui"), Some(&1));
    assert!(page.contains("id=\"s-fn-dokaz-ui\""));
    assert!(page.contains("id=\"s-fn-narrative\""));
}

/// An attached Markdown document is a page of the site in every UI
/// language, sanitized like a body, linked from the practice; other files
/// are copied as they are.
#[test]
fn an_attached_markdown_document_is_a_page() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("reg");
    copy_tree(&example_root(), &root);
    let index = root.join("content/practices/teplyi-dom/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let text = text.replacen(
        "documents:\n",
        "documents:\n  - {title: \"Памятка для мам\", file: guide.md, kind: methodology}\n",
        1,
    );
    std::fs::write(&index, text).unwrap();
    // The translation lists the same documents, with its own titles.
    let en = root.join("content/practices/warm-home/index.md");
    let text = std::fs::read_to_string(&en).unwrap();
    let text = text.replacen(
        "documents:\n",
        "documents:\n- title: A guide for mothers\n",
        1,
    );
    std::fs::write(&en, text).unwrap();
    write(
        &root,
        "content/practices/teplyi-dom/guide.md",
        "## Первые дни\n\nСм. [правила](admission-rules.txt) и [сайт](https://example.org/).\
\n\n<script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>\n",
    );
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    assert!(
        !out.join("files/teplyi-dom/guide.md").exists(),
        "rendered, not copied raw"
    );
    assert!(out.join("files/teplyi-dom/admission-rules.txt").is_file());
    for (page, practice, title) in [
        (
            "files/teplyi-dom/guide.html",
            "../../practices/teplyi-dom/index.html",
            "Памятка для мам",
        ),
        (
            "en/files/teplyi-dom/guide.html",
            "../../../en/practices/warm-home/index.html",
            "A guide for mothers",
        ),
    ] {
        let html =
            std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{page}");
        assert!(
            html.contains("Первые дни</h3>"),
            "{page}: the body, headings shifted"
        );
        assert!(
            html.contains("href=\"admission-rules.txt\""),
            "{page}: a relative link keeps its target"
        );
        assert!(html.contains("href=\"https://example.org/\""), "{page}");
        assert!(
            !html.contains("<script>alert") && !html.contains("javascript:"),
            "{page}: sanitized"
        );
        assert!(
            html.contains(&format!("href=\"{practice}\"")),
            "{page}: back to the practice"
        );
    }
    let ru = std::fs::read_to_string(out.join("practices/teplyi-dom/index.html")).unwrap();
    assert!(ru.contains("href=\"../../files/teplyi-dom/guide.html\">Памятка для мам</a>"));
}
