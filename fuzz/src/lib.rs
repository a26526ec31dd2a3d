//! The harness the fuzz targets share: a registry made once per process
//! from the `dokaz init` skeleton in a temporary folder; each input
//! replaces one of its files and the registry is checked through the
//! library (`dokaz::build::check_cached`: split, YAML, decode, validate),
//! with the load cache told to forget the file so it is read again.
//! A panic anywhere is a finding; so is a diagnostic without a position.

use dokaz::build::{Caches, check_cached};
use dokaz::model::common::Date;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// The skeleton of `dokaz init` (src/cli/init), embedded.
const SKELETON: &[(&str, &str)] = &[
    (
        "registry.yaml",
        include_str!("../../src/cli/init/registry.yaml"),
    ),
    (
        "content/evidence.yaml",
        include_str!("../../src/cli/init/evidence.yaml"),
    ),
    (
        "content/taxonomies/target-groups.yaml",
        include_str!("../../src/cli/init/target-groups.yaml"),
    ),
    (
        "content/taxonomies/thematic-areas.yaml",
        include_str!("../../src/cli/init/thematic-areas.yaml"),
    ),
    (
        "content/taxonomies/practice-types.yaml",
        include_str!("../../src/cli/init/practice-types.yaml"),
    ),
    (
        "content/taxonomies/activity-types.yaml",
        include_str!("../../src/cli/init/activity-types.yaml"),
    ),
    (
        "content/taxonomies/regions.yaml",
        include_str!("../../src/cli/init/regions.yaml"),
    ),
    (
        "content/organizations/example-foundation.md",
        include_str!("../../src/cli/init/example-foundation.md"),
    ),
    (
        "content/practices/example-practice.md",
        include_str!("../../src/cli/init/example-practice.md"),
    ),
];

struct Harness {
    root: PathBuf,
    caches: Caches,
    today: Date,
}

fn harness() -> &'static Mutex<Harness> {
    static H: OnceLock<Mutex<Harness>> = OnceLock::new();
    H.get_or_init(|| {
        // DOKAZ_FUZZ_DIR (.ci/run: a folder it removes), else /dev/shm
        // when there is one (a write per input), else the temp folder.
        let base = std::env::var_os("DOKAZ_FUZZ_DIR")
            .map(PathBuf::from)
            .or_else(|| Some(PathBuf::from("/dev/shm")).filter(|p| p.is_dir()))
            .unwrap_or_else(std::env::temp_dir);
        let root = base.join(format!("dokaz-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (rel, text) in SKELETON {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        Mutex::new(Harness {
            root,
            caches: Caches::default(),
            today: Date::parse("2026-01-01").unwrap(),
        })
    })
}

/// Writes `data` as the registry's file `rel` and checks the registry.
pub fn check_with(rel: &str, data: &[u8]) {
    let mut h = harness().lock().unwrap_or_else(|p| p.into_inner());
    let path = h.root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, data).unwrap();
    h.caches.load.forget(&path);
    let (root, today) = (h.root.clone(), h.today);
    let checked = check_cached(&root, today, &mut h.caches, None);
    for d in &checked.diags {
        assert!(
            d.line >= 1 && d.column >= 1,
            "a diagnostic without a position: {d:?}"
        );
        assert!(!d.file.is_empty(), "a diagnostic without a file: {d:?}");
    }
    // Bounded output whatever the input.
    assert!(checked.diags.len() < 100_000);
}

/// What is wrong with the start tags of sanitized HTML, read by
/// html5ever's tokenizer (a substring search would take text such as
/// `&lt;span style=` or an attribute value `a <script` for markup).
#[derive(Default)]
struct Tags(std::cell::RefCell<Vec<String>>);

impl html5ever::tokenizer::TokenSink for Tags {
    type Handle = ();
    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        _line: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::{TagKind, Token};
        if let Token::TagToken(tag) = token
            && tag.kind == TagKind::StartTag
        {
            let name: &str = &tag.name;
            if matches!(
                name,
                "script"
                    | "style"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "base"
                    | "form"
                    | "meta"
                    | "link"
            ) {
                self.0.borrow_mut().push(format!("<{name}>"));
            }
            for a in &tag.attrs {
                let k: &str = &a.name.local;
                let v = a.value.trim_start().to_ascii_lowercase();
                if k == "style" || k.starts_with("on") {
                    self.0.borrow_mut().push(format!("<{name} {k}>"));
                }
                if matches!(k, "href" | "src")
                    && ["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| v.replace(['\t', '\n', '\r'], "").starts_with(s))
                {
                    self.0.borrow_mut().push(format!("<{name} {k}={v}>"));
                }
            }
        }
        html5ever::tokenizer::TokenSinkResult::Continue
    }
}

/// Renders `data` as a practice body and checks the sanitizer's output:
/// no dangerous element, no `style` or `on*` attribute, no script URL,
/// every id prefixed.
pub fn render_markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let r = dokaz::render::markdown::render(text);
    let tok = html5ever::tokenizer::Tokenizer::new(Tags::default(), Default::default());
    let input = html5ever::tokenizer::BufferQueue::default();
    input.push_back(html5ever::tendril::StrTendril::from(r.html.as_str()));
    let _ = tok.feed(&input);
    tok.end();
    let problems = tok.sink.0.borrow();
    assert!(
        problems.is_empty(),
        "{problems:?} survived the sanitizer: {}",
        r.html
    );
    for id in r.toc.iter().map(|t| &t.id) {
        assert!(id.starts_with("s-"), "a body id without its prefix: {id}");
    }
}
