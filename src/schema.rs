//! `dokaz schema`: the JSON Schema of a practice's front matter, generated
//! from the same model types the loader decodes into, so the editor's
//! completion and the checker can never disagree about keys.

use crate::model::practice::Practice;

pub fn practice_schema() -> String {
    let mut schema = schemars::schema_for!(Practice);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("title".into(), "dokaz practice front matter".into());
        obj.insert(
            "description".into(),
            "The YAML front matter of content/practices/<id>.md (FORMAT.md §4)".into(),
        );
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
