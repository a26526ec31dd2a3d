//! `dokaz schema`: the JSON Schema of a practice's front matter, generated
//! from the same model types the loader decodes into, so the editor's
//! completion and the checker can never disagree about keys.
//!
//! On top of what the types say, every field has a description (the
//! `field_*` texts of the message catalogue, which docs/fields.md is made
//! from), required texts must not be blank, `summary` has its length
//! limit and links their schemes, and a translation (FORMAT.md §10.1)
//! needs only its own four keys. With a registry ([`registry_schema`])
//! the taxonomy fields, the organization and the evidence claims are
//! enumerations of the registry's own ids, each with its label
//! (`enumDescriptions`, which the YAML language server shows), in the
//! registry's language.

use crate::l10n::{Lang, Msg};
use crate::model::Registry;
use crate::model::practice::Practice;
use serde_json::{Map, Value, json};
use std::path::Path;

/// Where `dokaz init` puts the registry's schema, and where `build` and
/// `serve` keep it current (relative to the registry root).
pub const SCHEMA_FILE: &str = "practice.schema.json";

/// The keys a translation must give itself (FORMAT.md §10.1).
const TRANSLATION_KEYS: &[&str] = &["title", "summary", "language", "translation_of"];

/// The generic schema, with its texts in `lang`.
pub fn practice_schema_in(lang: Lang) -> Value {
    let schema = schemars::schema_for!(Practice);
    let mut v = schema.to_value();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("title".into(), "dokaz practice front matter".into());
        obj.insert("description".into(), text(lang, "field_practice").into());
    }
    describe(&mut v, lang);
    limits(&mut v);
    translations(&mut v);
    guard(&mut v);
    v
}

/// The schema proper applies to a mapping with at least one key of the
/// format: an editor that reads a whole practice file as YAML (VS Code's
/// YAML extension in YAML mode) sees the Markdown body as a second
/// document, and a body line such as "Итоги: …" must not be reported as
/// an unknown key of the front matter.
fn guard(v: &mut Value) {
    let Some(root) = v.as_object_mut() else {
        return;
    };
    let mut body = Map::new();
    for k in [
        "type",
        "properties",
        "additionalProperties",
        "if",
        "then",
        "else",
    ] {
        if let Some(x) = root.remove(k) {
            body.insert(k.into(), x);
        }
    }
    let any_key: Vec<Value> = Practice::KEYS
        .iter()
        .map(|k| json!({"required": [k]}))
        .collect();
    root.insert("if".into(), json!({"type": "object", "anyOf": any_key}));
    root.insert("then".into(), Value::Object(body));
}

/// The schema of the practice itself (inside [`guard`]'s `then`).
pub fn practice_part(v: &Value) -> &Value {
    &v["then"]
}

/// The generic schema in English, as text (`dokaz schema` without a
/// registry).
pub fn practice_schema() -> String {
    to_text(&practice_schema_in(Lang::En))
}

/// The schema as written to a file: pretty JSON with a final newline.
pub fn to_text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// The language of a registry's schema: its `default_language` when
/// dokaz speaks it, else English.
pub fn registry_language(reg: &Registry) -> Lang {
    reg.config
        .as_ref()
        .and_then(|c| Lang::parse(&c.default_language))
        .unwrap_or(Lang::En)
}

/// The schema of `reg`'s practices: the generic one with the registry's
/// ids as enumerations, labels in `lang`.
pub fn registry_schema(reg: &Registry, lang: Lang) -> Value {
    let mut v = practice_schema_in(lang);
    let code = lang.code();
    let fallback = reg
        .config
        .as_ref()
        .map_or(code, |c| c.default_language.as_str());
    let taxonomy = |name: &str| -> Option<Value> {
        let tax = reg.taxonomies.get(name)?;
        let mut terms = tax.all_terms();
        terms.retain(|t| !t.id.is_broken());
        let ids: Vec<&str> = terms.iter().map(|t| t.id.as_str()).collect();
        let labels: Vec<String> = terms
            .iter()
            .map(|t| {
                let label = t.label.get(code, fallback);
                // A child term names its parent, as the term pages do.
                match tax.parents.get(t.id.as_str()).cloned().flatten() {
                    Some(p) => format!(
                        "{label} ({})",
                        tax.labels.get(&p).map_or("", |l| l.get(code, fallback))
                    ),
                    None => label.to_owned(),
                }
            })
            .collect();
        Some(enumeration(&ids, &labels))
    };
    let set = |v: &mut Value, path: &[&str], e: Option<Value>| {
        if let Some(e) = e
            && let Some(at) = pointer(v, path)
        {
            retarget(at, &e);
        }
    };
    let p = "then";
    set(&mut v, &[p, "properties", "regions"], taxonomy("regions"));
    set(
        &mut v,
        &[p, "properties", "thematic_area"],
        taxonomy("thematic-areas"),
    );
    set(
        &mut v,
        &[p, "properties", "practice_type"],
        taxonomy("practice-types"),
    );
    set(
        &mut v,
        &["$defs", "TargetGroup", "properties", "category"],
        taxonomy("target-groups"),
    );
    set(
        &mut v,
        &["$defs", "Activity", "properties", "type"],
        taxonomy("activity-types"),
    );
    let (ids, names): (Vec<&str>, Vec<String>) = reg
        .organizations
        .iter()
        .map(|(id, o)| (id.as_str(), o.model.name.get(code, fallback).to_owned()))
        .unzip();
    if !ids.is_empty() {
        set(
            &mut v,
            &[p, "properties", "organization"],
            Some(enumeration(&ids, &names)),
        );
    }
    if let Some((_, scheme)) = &reg.scheme {
        let levels: Vec<&str> = scheme.levels.iter().map(|l| l.id.as_str()).collect();
        let level_labels: Vec<String> = scheme
            .levels
            .iter()
            .map(|l| l.label.get(code, fallback).to_owned())
            .collect();
        let level = enumeration(&levels, &level_labels);
        let mut dims = Map::new();
        for d in scheme.dimensions.iter() {
            let mut e = level.clone();
            e["description"] = d.label.get(code, fallback).into();
            dims.insert(d.id.to_string(), e);
        }
        let claims = json!({
            "type": ["object", "null"],
            "properties": dims,
            "additionalProperties": false,
            "description": text(lang, "field_evidence"),
        });
        if let Some(at) = pointer(&mut v, &[p, "properties", "evidence"]) {
            *at = claims;
        }
    }
    v
}

/// Writes the registry's schema to [`SCHEMA_FILE`] when the registry has
/// that file (`dokaz init` made it) and its content is not current, so
/// an editor completes the taxonomy ids of today. Quiet: a schema that
/// cannot be written is no reason to stop a build.
pub fn refresh(root: &Path, reg: &Registry) {
    let path = root.join(SCHEMA_FILE);
    let Ok(old) = std::fs::read_to_string(&path) else {
        return;
    };
    let new = to_text(&registry_schema(reg, registry_language(reg)));
    if old != new {
        let _ = std::fs::write(&path, new);
    }
}

/// The text of a catalogue key, or `None` when the catalogue lacks it.
fn lookup(lang: Lang, key: &str) -> Option<String> {
    let key: &'static str = Box::leak(key.to_owned().into_boxed_str());
    let s = Msg::new(key).render(lang);
    (s != key).then_some(s)
}

fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key).unwrap_or_default()
}

/// The description of `key` in the record named `record` (snake case).
pub fn field_description(lang: Lang, record: &str, key: &str) -> Option<String> {
    lookup(lang, &format!("field_{record}_{key}")).or_else(|| lookup(lang, &format!("field_{key}")))
}

/// The record name a `$defs` entry describes, in snake case
/// (`TargetGroup` → `target_group`; `ResultNode` is a `result`).
pub fn record_name(def: &str) -> String {
    if def == "ResultNode" {
        return "result".into();
    }
    let mut out = String::new();
    for (i, c) in def.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Calls `f` with every record of the schema: the practice (the root)
/// and each `$defs` entry with properties, by record name.
fn each_record(v: &mut Value, mut f: impl FnMut(&str, &mut Map<String, Value>)) {
    let Some(root) = v.as_object_mut() else {
        return;
    };
    let mut defs = root.remove("$defs");
    f("practice", root);
    if let Some(d) = defs.as_mut().and_then(Value::as_object_mut) {
        for (name, def) in d.iter_mut() {
            if let Some(obj) = def.as_object_mut()
                && obj.contains_key("properties")
            {
                f(&record_name(name), obj);
            }
        }
    }
    if let Some(d) = defs {
        root.insert("$defs".into(), d);
    }
}

/// Every property gets its description from the catalogue.
fn describe(v: &mut Value, lang: Lang) {
    each_record(v, |record, obj| {
        if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
            for (key, p) in props.iter_mut() {
                if let (Some(d), Some(p)) =
                    (field_description(lang, record, key), p.as_object_mut())
                {
                    p.insert("description".into(), d.into());
                }
            }
        }
    });
    // The definitions' own doc comments are the code's, in English.
    if let Some(defs) = v.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            if let Some(o) = def.as_object_mut()
                && o.contains_key("properties")
            {
                o.remove("description");
            }
        }
        if let Some(o) = defs
            .get_mut("ExternalEvaluation")
            .and_then(Value::as_object_mut)
        {
            o.remove("description");
        }
    }
}

/// Lengths and patterns the checker enforces beyond types.
fn limits(v: &mut Value) {
    // A required text must have something in it (D021).
    let not_blank = |obj: &mut Map<String, Value>| {
        let required: Vec<String> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
            for k in required {
                if let Some(p) = props.get_mut(&k).and_then(Value::as_object_mut)
                    && p.get("type") == Some(&json!("string"))
                    && !p.contains_key("pattern")
                {
                    p.insert("pattern".into(), "\\S".into());
                    p.insert("minLength".into(), 1.into());
                }
            }
        }
    };
    each_record(v, |name, obj| {
        not_blank(obj);
        if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
            for (key, p) in props.iter_mut() {
                let pattern = match (name, key.as_str()) {
                    (_, "url") => "^(https?:|mailto:|tel:)",
                    ("contact", "email") => "@",
                    ("contact", "phone") => "^[0-9 +()-]+$",
                    _ => continue,
                };
                if let Some(p) = p.as_object_mut() {
                    p.insert("pattern".into(), pattern.into());
                }
            }
        }
    });
    if let Some(s) = pointer(v, &["properties", "summary"]) {
        s["maxLength"] = crate::validate::numbers::SUMMARY_MAX.into();
    }
}

/// Required keys apply to an original practice only: a translation
/// (FORMAT.md §10.1) needs its four keys, and may give list items as
/// `{id, <text fields>}` only. The `required` lists move from the
/// records into an `if`/`then`/`else` on `translation_of`, so the
/// properties (and an editor's completion) stay where they are.
fn translations(v: &mut Value) {
    let Some(defs) = v.get("$defs").cloned() else {
        return;
    };
    let root_required = v
        .as_object_mut()
        .and_then(|o| o.remove("required"))
        .unwrap_or_else(|| json!([]));
    let root_props = v.get("properties").cloned().unwrap_or_default();
    let mut skeleton = json!({"required": root_required});
    if let Some(props) = skeleton_props(&root_props, &defs, 0) {
        skeleton["properties"] = props;
    }
    if let Some(d) = v.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in d.values_mut() {
            if let Some(o) = def.as_object_mut()
                && o.contains_key("properties")
            {
                o.remove("required");
            }
        }
    }
    if let Some(o) = v.as_object_mut() {
        o.insert("if".into(), json!({"required": ["translation_of"]}));
        o.insert("then".into(), json!({"required": TRANSLATION_KEYS}));
        o.insert("else".into(), skeleton);
    }
}

/// The `required` lists of the records `props` leads to, as a schema of
/// properties (`None` when nothing under them is required).
fn skeleton_props(props: &Value, defs: &Value, depth: usize) -> Option<Value> {
    let mut out = Map::new();
    for (k, p) in props.as_object()? {
        if let Some(s) = skeleton_of(p, defs, depth) {
            out.insert(k.clone(), s);
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

fn skeleton_of(p: &Value, defs: &Value, depth: usize) -> Option<Value> {
    if depth > 8 {
        return None;
    }
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        let def = defs.get(r.strip_prefix("#/$defs/")?)?;
        if def.get("properties").is_none() {
            // `ExternalEvaluation` is a `$ref` itself.
            return skeleton_of(def, defs, depth + 1);
        }
        let mut s = Map::new();
        if let Some(req) = def
            .get("required")
            .filter(|r| r.as_array().is_some_and(|a| !a.is_empty()))
        {
            s.insert("required".into(), req.clone());
        }
        if let Some(props) = skeleton_props(&def["properties"], defs, depth + 1) {
            s.insert("properties".into(), props);
        }
        return (!s.is_empty()).then_some(Value::Object(s));
    }
    if let Some(items) = p.get("items") {
        let s = skeleton_of(items, defs, depth + 1)?;
        return Some(json!({"items": s}));
    }
    if let Some(any) = p.get("anyOf").and_then(Value::as_array) {
        // `T` or null: what a `T` requires, when it is not null.
        let inner = any.iter().find_map(|x| skeleton_of(x, defs, depth + 1))?;
        return Some(json!({"anyOf": [inner, {"type": "null"}]}));
    }
    None
}

/// `{enum, enumDescriptions}` of ids and their labels.
fn enumeration(ids: &[&str], labels: &[String]) -> Value {
    json!({
        "type": "string",
        "enum": ids,
        "enumDescriptions": labels,
        "markdownEnumDescriptions": labels,
    })
}

/// The node at `path`, if there is one.
fn pointer<'v>(v: &'v mut Value, path: &[&str]) -> Option<&'v mut Value> {
    let mut at = v;
    for p in path {
        at = at.get_mut(*p)?;
    }
    Some(at)
}

/// Replaces the id inside a property's schema (`$ref` to `Id`, a list of
/// them, or one of them or null) by `e`, keeping the description.
fn retarget(p: &mut Value, e: &Value) {
    let is_id = |x: &Value| x.get("$ref").and_then(Value::as_str) == Some("#/$defs/Id");
    if is_id(p) {
        let description = p.get("description").cloned();
        *p = e.clone();
        if let Some(d) = description {
            p["description"] = d;
        }
    } else if let Some(items) = p.get_mut("items") {
        retarget(items, e);
    } else if let Some(any) = p.get_mut("anyOf").and_then(Value::as_array_mut) {
        for x in any.iter_mut().filter(|x| is_id(x)) {
            *x = e.clone();
        }
    }
}
