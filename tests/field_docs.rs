//! `docs/fields.md` is made from the same texts as the schema's
//! descriptions (the `field_*` keys of the message catalogues), so what
//! an editor shows on hover and what the docs say never differ.
//! Regenerate with `DOKAZ_BLESS=1 cargo test --test field_docs`.

use dokaz::l10n::Lang;
use serde_json::Value;
use std::path::Path;

/// (record, key, type) of every field, in the schema's order: the
/// practice first, then the records it holds, alphabetically.
fn fields(schema: &Value) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let describe = |props: &Value| {
        props
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, p)| (k.clone(), kind(p)))
            .collect::<Vec<_>>()
    };
    out.push((
        "practice".to_owned(),
        describe(&schema["then"]["properties"]),
    ));
    for (name, def) in schema["$defs"].as_object().unwrap() {
        if let Some(p) = def.get("properties") {
            out.push((dokaz::schema::record_name(name), describe(p)));
        }
    }
    out
}

/// A short type of a property schema: `text`, `list of Activity`, …
fn kind(p: &Value) -> String {
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        return r.trim_start_matches("#/$defs/").to_owned();
    }
    if let Some(items) = p.get("items") {
        return format!("list of {}", kind(items));
    }
    if let Some(any) = p.get("anyOf").and_then(Value::as_array) {
        let k: Vec<String> = any
            .iter()
            .filter(|x| x.get("type") != Some(&Value::from("null")))
            .map(kind)
            .collect();
        return k.join(" or ");
    }
    match p.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(t)) => t
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".into(),
    }
}

fn render() -> String {
    let schema = dokaz::schema::practice_schema_in(Lang::En);
    let mut out = String::from(
        "# Fields of a practice's front matter\n\n\
         Generated from the message catalogues (`field_*` keys of\n\
         `src/l10n/messages/{en,ru}.yaml`), the same texts `dokaz schema` gives an\n\
         editor as descriptions; FORMAT.md §4 and §10 are the format itself.\n\
         Regenerate with `DOKAZ_BLESS=1 cargo test --test field_docs`.\n",
    );
    for (record, keys) in fields(&schema) {
        out.push_str(&format!(
            "\n## `{record}`\n\n| key | type | description | описание |\n|---|---|---|---|\n"
        ));
        for (key, ty) in keys {
            let en = dokaz::schema::field_description(Lang::En, &record, &key).unwrap_or_default();
            let ru = dokaz::schema::field_description(Lang::Ru, &record, &key).unwrap_or_default();
            let cell = |s: &str| s.replace('|', "\\|");
            out.push_str(&format!(
                "| `{key}` | {ty} | {} | {} |\n",
                cell(&en),
                cell(&ru)
            ));
        }
    }
    out
}

#[test]
fn docs_fields_md_is_the_catalogues() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fields.md");
    let want = render();
    if std::env::var_os("DOKAZ_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/fields.md is not the catalogues' (DOKAZ_BLESS=1 cargo test --test field_docs)"
    );
    assert!(!want.contains("|  |"), "a field without a description");
}
