//! Authoring commands: `dokaz new practice`, `dokaz new review`, `dokaz init`.
//!
//! They never overwrite an existing file, and what they write passes
//! `dokaz check` once its `TODO` placeholders are filled (the placeholder
//! rule, V129, flags any left behind).

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE, require_root};
use crate::l10n::{Lang, Msg};
use crate::model::common::{Date, Id, is_valid_id};
use crate::msg;
use crate::validate::evidence::assess;
use std::fmt::Write as _;
use std::path::Path;

/// "error: …" in `lang`, on stderr.
fn error(lang: Lang, m: Msg) {
    eprintln!("{}", msg!("cli_error", error = m).render(lang));
}

fn write_new(path: &Path, text: &str, lang: Lang) -> Result<(), i32> {
    if path.exists() {
        error(lang, msg!("cli_exists", path = path.display().to_string()));
        return Err(EXIT_USAGE);
    }
    let res = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(path, text));
    res.map_err(|e| {
        error(
            lang,
            msg!(
                "cli_cannot_write",
                path = path.display().to_string(),
                error = e.to_string()
            ),
        );
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

/// The practice skeleton in Russian (`--lang ru`, or a registry whose
/// default language is Russian).
const PRACTICE_SKELETON_RU: &str = r#"---
# Практика реестра. Заполните каждое TODO, затем запустите `dokaz check`.
# `dokaz schema` подскажет редактору названия этих полей.
title: {title}
organization: {org}
language: {lang}
summary: "TODO: что делает практика, для кого и с каким результатом (не больше 600 знаков)"
status: active
started: {year}
updated: {today}
regions: [{region}]
thematic_area: {theme}
target_groups:
  - id: tg-main
    name: "TODO: кому помогает практика"
    category: {group}
    problems:
      - {id: pr-main, text: "TODO: какую проблему она решает"}
activities:
  - id: a-main
    name: "TODO: что делает практика"
    addresses: [pr-main]
results:
  - {id: r-output, level: output, from: [a-main], text: "TODO: прямой результат деятельности"}
  - {id: r-short, level: short, from: [r-output], text: "TODO: первое изменение в жизни тех, кому помогли"}
  - {id: r-effect, level: effect, from: [r-short], text: "TODO: долгосрочный социальный эффект"}
indicators:
  - id: i-main
    result: r-short
    name: "TODO: что считается"
    method: "TODO: как собираются данные"
    values: []
---

## TODO: описание

Расскажите о практике: как она устроена, как появилась, что было трудно; приведите историю.
"#;

/// `dokaz new practice`: the skeleton in the practice's language
/// (`--lang`, else the registry's default language); `messages` is the
/// language of what is printed.
pub fn practice(root: &Path, input: &str, lang: Option<&str>, messages: Lang) -> i32 {
    if let Err(c) = require_root(root, messages) {
        return c;
    }
    let mut diags = Vec::new();
    let reg = crate::load::load(root, &mut diags);
    let lang = lang.unwrap_or_else(|| reg.default_language()).to_owned();
    let text_lang = Lang::of(&lang);
    let (id, title) = if is_valid_id(input) {
        (input.to_owned(), text_lang.text("new_practice_title"))
    } else {
        let slug = crate::translit::slugify(input);
        if slug.is_empty() {
            error(messages, msg!("cli_no_id_from", input = input));
            return EXIT_USAGE;
        }
        eprintln!(
            "{}",
            msg!("cli_transliterated", input = input, slug = &slug).render(messages)
        );
        (slug, input.to_owned())
    };
    let practices = root.join("content/practices");
    if practices.join(format!("{id}.md")).exists() {
        error(messages, msg!("cli_practice_exists", id = &id));
        return EXIT_USAGE;
    }
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
    let today = Date::today();
    let skeleton = match text_lang {
        Lang::Ru => PRACTICE_SKELETON_RU,
        Lang::En => PRACTICE_SKELETON,
    };
    let text = skeleton
        .replace("{title}", &yaml_quote(&title))
        .replace("{org}", &org)
        .replace("{lang}", &lang)
        .replace("{year}", &today.year.to_string())
        .replace("{today}", &today.to_string())
        .replace("{region}", &first_term("regions"))
        .replace("{theme}", &first_term("thematic-areas"))
        .replace("{group}", &first_term("target-groups"));
    let path = practices.join(&id).join("index.md");
    if let Err(c) = write_new(&path, &text, messages) {
        return c;
    }
    println!(
        "{}",
        msg!("cli_created", path = path.display().to_string()).render(messages)
    );
    EXIT_OK
}

pub fn review(root: &Path, practice: &str, reviewer: &str, lang: Lang) -> i32 {
    if let Err(c) = require_root(root, lang) {
        return c;
    }
    if !is_valid_id(reviewer) {
        let m = msg!(
            "cli_bad_reviewer",
            reviewer = reviewer,
            slug = crate::translit::slugify(reviewer)
        );
        error(lang, m);
        return EXIT_USAGE;
    }
    let mut diags = Vec::new();
    let reg = crate::load::load(root, &mut diags);
    let Some(doc) = reg.practices.get(practice) else {
        let known: Vec<&str> = reg.practices.keys().map(Id::as_str).collect();
        let m = match crate::syntax::decode::suggestion(practice, &known) {
            Some(s) => msg!("cli_no_practice_suggest", id = practice, suggestion = s),
            None => msg!("cli_no_practice", id = practice),
        };
        error(lang, m);
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
                        f.text(lang)
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
    if let Err(c) = write_new(&path, &text, lang) {
        return c;
    }
    println!(
        "{}",
        msg!("cli_created", path = path.display().to_string()).render(lang)
    );
    EXIT_OK
}

/// The files of a new registry, embedded in the binary.
/// VS Code's workspace settings of a new registry: the YAML extension
/// (Red Hat) validates and completes practices with the registry's
/// schema. The extension reads only documents in YAML mode, and a
/// Markdown file's front matter is not one (vscode-yaml issue 207), so
/// the mapping takes effect when a practice is switched to YAML mode
/// ("Change Language Mode" → YAML) while its front matter is edited.
const VSCODE_SETTINGS: &str = include_str!("init/vscode-settings.json");
const VSCODE_EXTENSIONS: &str = "{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n";

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

pub fn init(dir: &Path, lang: Lang) -> i32 {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            error(
                lang,
                msg!("cli_init_not_empty", dir = dir.display().to_string()),
            );
            return EXIT_USAGE;
        }
    }
    for (rel, text) in INIT_FILES {
        if let Err(c) = write_new(&dir.join(rel), text, lang) {
            return c;
        }
    }
    // The registry's own schema, and the editor settings that use it
    // (README, "Completion and checks while typing"); `build` and
    // `serve` keep the schema current.
    let reg = crate::load::load(dir, &mut Vec::new());
    let schema = crate::schema::registry_schema(&reg, crate::schema::registry_language(&reg));
    for (rel, text) in [
        (crate::schema::SCHEMA_FILE, crate::schema::to_text(&schema)),
        (".vscode/settings.json", VSCODE_SETTINGS.to_owned()),
        (".vscode/extensions.json", VSCODE_EXTENSIONS.to_owned()),
    ] {
        if let Err(c) = write_new(&dir.join(rel), &text, lang) {
            return c;
        }
    }
    println!(
        "{}",
        msg!("cli_init_created", dir = dir.display().to_string()).render(lang)
    );
    EXIT_OK
}
