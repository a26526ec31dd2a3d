//! Authoring commands: `dokaz new practice`, `dokaz new review`, `dokaz init`.
//!
//! They never overwrite an existing file, and what they write passes
//! `dokaz check` once its `TODO` placeholders are filled (the placeholder
//! rule, V129, flags any left behind).

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, require_root};
use crate::model::common::{Date, Id, is_valid_id};
use crate::validate::evidence::assess;
use std::fmt::Write as _;
use std::path::Path;

fn write_new(path: &Path, text: &str) -> Result<(), i32> {
    if path.exists() {
        eprintln!(
            "error: {} already exists; dokaz does not overwrite it",
            path.display()
        );
        return Err(EXIT_USAGE);
    }
    let res = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(path, text));
    res.map_err(|e| {
        eprintln!("error: cannot write {}: {e}", path.display());
        EXIT_USAGE
    })
}

fn yaml_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The practice skeleton; `{name}` marks what `dokaz new` fills in.
const PRACTICE_SKELETON: &str = r#"---
# A practice of the registry. Fill every TODO, then run `dokaz check`.
# `dokaz schema` gives your editor completion for these keys.
title: {title}
organization: {org}
language: {lang}
summary: "TODO: what the practice does, for whom, with which result (at most 600 characters)"
status: active
started: {year}
updated: {today}
regions: [{region}]
thematic_area: {theme}
target_groups:
  - id: tg-main
    name: "TODO: who the practice helps"
    category: {group}
    problems:
      - {id: pr-main, text: "TODO: the problem it works on"}
activities:
  - id: a-main
    name: "TODO: what the practice does"
    addresses: [pr-main]
results:
  - {id: r-output, level: output, from: [a-main], text: "TODO: the direct result of the activity"}
  - {id: r-short, level: short, from: [r-output], text: "TODO: the first change for the people helped"}
  - {id: r-effect, level: effect, from: [r-short], text: "TODO: the long-term social effect"}
indicators:
  - id: i-main
    result: r-short
    name: "TODO: what is counted"
    method: "TODO: how the data is collected"
    values: []
---

## TODO: description

Describe the practice: how it works, its history, what was hard, a story.
"#;

pub fn practice(root: &Path, input: &str, lang: Option<&str>) -> i32 {
    if let Err(c) = require_root(root) {
        return c;
    }
    let (id, title) = if is_valid_id(input) {
        (input.to_owned(), "TODO: the practice's title".to_owned())
    } else {
        let slug = crate::translit::slugify(input);
        if slug.is_empty() {
            eprintln!("error: cannot make an id from `{input}`; give a latin id such as warm-home");
            return EXIT_USAGE;
        }
        eprintln!("`{input}` is not an id; using the transliterated id `{slug}`");
        (slug, input.to_owned())
    };
    let practices = root.join("content/practices");
    if practices.join(format!("{id}.md")).exists() {
        eprintln!("error: the practice `{id}` already exists");
        return EXIT_USAGE;
    }
    let mut diags = Vec::new();
    let reg = crate::load::load(root, &mut diags);
    let first_term = |tax: &str| {
        reg.taxonomies
            .get(tax)
            .and_then(|t| t.parents.keys().next())
            .map_or_else(|| "TODO-term-id".to_owned(), |i| i.to_string())
    };
    let org = reg
        .organizations
        .keys()
        .next()
        .map_or_else(|| "TODO-organization-id".to_owned(), Id::to_string);
    let lang = lang.unwrap_or_else(|| reg.default_language()).to_owned();
    let today = Date::today();
    let text = PRACTICE_SKELETON
        .replace("{title}", &yaml_quote(&title))
        .replace("{org}", &org)
        .replace("{lang}", &lang)
        .replace("{year}", &today.year.to_string())
        .replace("{today}", &today.to_string())
        .replace("{region}", &first_term("regions"))
        .replace("{theme}", &first_term("thematic-areas"))
        .replace("{group}", &first_term("target-groups"));
    let path = practices.join(&id).join("index.md");
    if let Err(c) = write_new(&path, &text) {
        return c;
    }
    println!("created {}", path.display());
    EXIT_OK
}

pub fn review(root: &Path, practice: &str, reviewer: &str) -> i32 {
    if let Err(c) = require_root(root) {
        return c;
    }
    if !is_valid_id(reviewer) {
        eprintln!(
            "error: `{reviewer}` is not a valid reviewer id; try `{}`",
            crate::translit::slugify(reviewer)
        );
        return EXIT_USAGE;
    }
    let mut diags = Vec::new();
    let reg = crate::load::load(root, &mut diags);
    let Some(doc) = reg.practices.get(practice) else {
        let known: Vec<&str> = reg.practices.keys().map(Id::as_str).collect();
        eprintln!(
            "error: there is no practice `{practice}`; {}",
            crate::syntax::decode::suggestion(practice, &known)
        );
        return EXIT_CONTENT;
    };
    let today = Date::today();
    let mut text = format!(
        "# Review of `{practice}` ({}).\n# Set `status: verified` (or `revision-requested`) when done; drafts are not published.\n\
reviewer: {{name: \"TODO: your name\", affiliation: \"TODO: your organisation\"}}\n\
date: {today}\nstatus: draft\n",
        doc.model.title.value
    );
    if let Some((_, scheme)) = &reg.scheme {
        text.push_str("levels:\n");
        for d in scheme.dimensions.iter() {
            let claimed = doc
                .model
                .evidence
                .as_ref()
                .and_then(|e| e.get(d.id.as_str()))
                .map(|l| l.value.to_string());
            let a = assess(scheme, d.id.as_str(), &doc.model);
            let supported = scheme.levels.get(a.supported).map_or("", |l| l.id.as_str());
            let level = claimed.clone().unwrap_or_else(|| supported.to_owned());
            let _ = writeln!(
                text,
                "  {}: {level}   # claimed: {}; the rules support: {supported}",
                d.id.value,
                claimed.as_deref().unwrap_or("nothing")
            );
        }
        text.push_str("comments:\n");
        for d in scheme.dimensions.iter() {
            let a = assess(scheme, d.id.as_str(), &doc.model);
            let _ = writeln!(text, "  # rule findings for {}:", d.id.value);
            for (level, findings) in &a.levels {
                for f in findings {
                    let _ = writeln!(
                        text,
                        "  #   {level}: {} {} — {}",
                        f.key.name(),
                        if f.met { "met" } else { "NOT met" },
                        f.detail
                    );
                }
            }
            let _ = writeln!(text, "  {}: \"TODO: your comment\"", d.id.value);
        }
    }
    text.push_str("summary: \"TODO: the review's conclusion\"\nrecommendations:\n  - \"TODO: what the organisation should do next\"\n");
    let path = root
        .join("content/reviews")
        .join(practice)
        .join(format!("{today}-{reviewer}.yaml"));
    if let Err(c) = write_new(&path, &text) {
        return c;
    }
    println!("created {}", path.display());
    EXIT_OK
}

/// The files of a new registry, embedded in the binary.
const INIT_FILES: &[(&str, &str)] = &[
    ("registry.yaml", include_str!("init/registry.yaml")),
    ("content/evidence.yaml", include_str!("init/evidence.yaml")),
    (
        "content/taxonomies/target-groups.yaml",
        include_str!("init/target-groups.yaml"),
    ),
    (
        "content/taxonomies/thematic-areas.yaml",
        include_str!("init/thematic-areas.yaml"),
    ),
    (
        "content/taxonomies/practice-types.yaml",
        include_str!("init/practice-types.yaml"),
    ),
    (
        "content/taxonomies/activity-types.yaml",
        include_str!("init/activity-types.yaml"),
    ),
    (
        "content/taxonomies/regions.yaml",
        include_str!("init/regions.yaml"),
    ),
    (
        "content/organizations/example-foundation.md",
        include_str!("init/example-foundation.md"),
    ),
    (
        "content/practices/example-practice.md",
        include_str!("init/example-practice.md"),
    ),
    (".gitignore", "output/\n.output.dokaz-*\n"),
    // Checks on every pull request and the site on Pages, for whichever
    // host the registry lives on (the other file is simply unused).
    (
        ".github/workflows/dokaz.yml",
        include_str!("init/github-workflow.yml"),
    ),
    (".gitlab-ci.yml", include_str!("init/gitlab-ci.yml")),
];

pub fn init(dir: &Path) -> i32 {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            eprintln!(
                "error: {} exists and is not empty; dokaz init writes into a new or empty folder",
                dir.display()
            );
            return EXIT_USAGE;
        }
    }
    for (rel, text) in INIT_FILES {
        if let Err(c) = write_new(&dir.join(rel), text) {
            return c;
        }
    }
    println!(
        "created a registry in {}\nnext: cd {} && dokaz check\n(.github/workflows/dokaz.yml and .gitlab-ci.yml check pull requests and publish the site once the folder is a GitHub or GitLab repository)",
        dir.display(),
        dir.display()
    );
    EXIT_OK
}
