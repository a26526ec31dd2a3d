//! `dokaz schema` (issue 15): the registry's own JSON Schema validates the
//! example's practices (with a JSON Schema validator, against their
//! decoded front matter), names every region and target-group id with its
//! label, describes every field in both languages, and `dokaz init`
//! writes it with the editor settings that use it.

mod common;

use common::*;
use serde_json::{Value, json};
use std::path::Path;

fn schema_of(args: &[&str]) -> Value {
    let out = dokaz().arg("schema").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// YAML (as yaml-rust2 reads it) as JSON.
fn to_json(y: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(s) => json!(s.parse::<f64>().unwrap()),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => json!(s),
        Yaml::Boolean(b) => json!(b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| (k.as_str().expect("string keys").to_owned(), to_json(v)))
                .collect(),
        ),
        Yaml::Null => Value::Null,
        other => panic!("unexpected YAML {other:?}"),
    }
}

/// The front matter of a practice file, decoded.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("closed");
    let docs = yaml_rust2::YamlLoader::load_from_str(&rest[..end]).unwrap();
    to_json(&docs[0])
}

fn practice_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = walkdir::WalkDir::new(root.join("content/practices"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    out.sort();
    out
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Every id of a taxonomy file, nested terms too.
fn taxonomy_ids(root: &Path, name: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(root.join(format!("content/taxonomies/{name}.yaml"))).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
    fn walk(y: &yaml_rust2::Yaml, out: &mut Vec<String>) {
        for t in y.as_vec().into_iter().flatten() {
            out.push(t["id"].as_str().unwrap().to_owned());
            walk(&t["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&docs[0], &mut out);
    out
}

#[test]
fn the_registry_schema_validates_the_example_and_names_every_term() {
    let root = example_root();
    let schema = schema_of(&["--root", root.to_str().unwrap()]);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let files = practice_files(&root);
    assert!(files.len() >= 4, "{files:?}");
    let mut translations = 0;
    for f in &files {
        let fm = front_matter(f);
        translations += usize::from(fm.get("translation_of").is_some());
        let e = errors(&validator, &fm);
        assert!(e.is_empty(), "{}: {}", f.display(), e.join("\n"));
    }
    assert!(
        translations > 0,
        "the example has a translation to validate"
    );

    // Every region and target-group id, with its label.
    let text = schema.to_string();
    for (tax, at) in [
        ("regions", "/then/properties/regions/items"),
        (
            "target-groups",
            "/$defs/TargetGroup/properties/category/anyOf/0",
        ),
    ] {
        let e = schema
            .pointer(at)
            .unwrap_or_else(|| panic!("{at} in {text:.400}"));
        let ids: Vec<&str> = e["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let labels = e["enumDescriptions"].as_array().unwrap();
        assert_eq!(ids.len(), labels.len());
        for id in taxonomy_ids(&root, tax) {
            assert!(ids.contains(&id.as_str()), "{tax}: {id} missing");
        }
    }
    // In the registry's language (the example's is Russian).
    let regions = schema.pointer("/then/properties/regions/items").unwrap();
    let at = regions["enum"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == "moscow")
        .unwrap();
    assert_eq!(regions["enumDescriptions"][at], "Москва (Россия)");
    assert!(
        schema
            .pointer("/then/properties/regions/description")
            .unwrap()
            .as_str()
            .unwrap()
            .contains("регион")
    );

    // The validator is not vacuous: each mistake fails.
    let good = front_matter(&files[0]);
    let original = files
        .iter()
        .map(|f| front_matter(f))
        .find(|fm| fm.get("translation_of").is_none())
        .unwrap();
    for (what, edit) in [
        ("unknown region", json!({"regions": ["atlantis"]})),
        ("blank title", json!({"title": "  "})),
        ("long summary", json!({"summary": "я".repeat(601)})),
        ("unknown organization", json!({"organization": "nobody"})),
        ("unknown level", json!({"evidence": {"results": "supreme"}})),
        ("unknown key", json!({"sumary": "x"})),
        (
            "bad link",
            json!({"documents": [{"title": "x", "url": "javascript:alert(1)"}]}),
        ),
    ] {
        let mut fm = original.clone();
        for (k, v) in edit.as_object().unwrap() {
            fm[k] = v.clone();
        }
        assert!(!validator.is_valid(&fm), "{what} passed");
    }
    let mut missing = original.clone();
    missing.as_object_mut().unwrap().remove("status");
    assert!(
        !validator.is_valid(&missing),
        "an original needs its status"
    );
    let mut item = original.clone();
    item["activities"][0]
        .as_object_mut()
        .unwrap()
        .remove("addresses");
    assert!(!validator.is_valid(&item), "an activity needs `addresses`");
    // A translation needs only its four keys.
    let tr = json!({"title": "T", "summary": "S", "language": "en", "translation_of": "teplyi-dom",
        "activities": [{"id": "a-x", "name": "Translated name"}]});
    assert!(
        validator.is_valid(&tr),
        "{}",
        errors(&validator, &tr).join("\n")
    );
    // A Markdown body read as YAML is not judged.
    assert!(validator.is_valid(&json!({"Итоги": "хорошие"})));
    assert!(validator.is_valid(&json!("Просто текст")));
    let _ = good;
}

#[test]
fn every_field_is_described_in_both_languages() {
    for lang in ["en", "ru"] {
        let s = schema_of(&["--lang", lang]);
        let mut records = vec![("practice".to_owned(), s["then"].clone())];
        for (name, def) in s["$defs"].as_object().unwrap() {
            if def.get("properties").is_some() {
                records.push((name.clone(), def.clone()));
            }
        }
        assert!(records.len() > 20);
        for (name, r) in records {
            for (key, p) in r["properties"].as_object().unwrap() {
                let d = p["description"].as_str().unwrap_or("");
                assert!(
                    !d.trim().is_empty(),
                    "{lang}: {name}.{key} has no description"
                );
                if lang == "ru" {
                    assert!(
                        d.chars().any(|c| ('а'..='я').contains(&c)),
                        "{name}.{key}: {d}"
                    );
                }
            }
        }
        assert_eq!(
            s.pointer("/then/properties/summary/maxLength"),
            Some(&json!(600))
        );
    }
}

#[test]
fn init_writes_the_schema_and_the_editor_settings() {
    let (_tmp, root) = fresh_registry();
    let file = std::fs::read_to_string(root.join("practice.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(schema, schema_of(&["--root", root.to_str().unwrap()]));
    let regions = schema
        .pointer("/then/properties/regions/items/enum")
        .unwrap();
    assert!(regions.as_array().unwrap().contains(&json!("moscow")));
    // The practices of the registry are mapped to it.
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(".vscode/settings.json")).unwrap())
            .unwrap();
    let globs = &settings["yaml.schemas"]["./practice.schema.json"];
    let globs: Vec<&str> = globs
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert!(globs.contains(&"content/practices/*.md"), "{globs:?}");
    assert!(globs.contains(&"content/practices/*/index.md"), "{globs:?}");
    let ext: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(".vscode/extensions.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(ext["recommendations"][0], "redhat.vscode-yaml");
    // And the skeleton's practice is valid by it.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let fm = front_matter(&root.join("content/practices/example-practice.md"));
    assert!(
        validator.is_valid(&fm),
        "{}",
        errors(&validator, &fm).join("\n")
    );
}

#[test]
fn build_keeps_the_schema_current() {
    let (_tmp, root) = fresh_registry();
    let tax = root.join("content/taxonomies/regions.yaml");
    let text = std::fs::read_to_string(&tax).unwrap();
    std::fs::write(
        &tax,
        text + "    - {id: tula, label: {ru: \"Тула\", en: \"Tula\"}}\n",
    )
    .unwrap();
    let out = dokaz()
        .args(["build", "--root"])
        .arg(&root)
        .env("DOKAZ_TODAY", "2026-06-01")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("practice.schema.json")).unwrap())
            .unwrap();
    let regions = schema
        .pointer("/then/properties/regions/items/enum")
        .unwrap();
    assert!(
        regions.as_array().unwrap().contains(&json!("tula")),
        "{regions}"
    );
    // A registry without the file does not get one.
    let (_tmp2, other) = fresh_registry();
    std::fs::remove_file(other.join("practice.schema.json")).unwrap();
    let out = dokaz()
        .args(["build", "--root"])
        .arg(&other)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!other.join("practice.schema.json").exists());
}
