//! A generated registry of a few hundred practices checks clean, and its
//! diagnostics do not grow with the number of practices (no rule looks at
//! pairs of practices). Timing is measured by the benchmark, not here.

mod common;

#[test]
fn a_generated_registry_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("gen");
    dokaz::generate::generate(&common::example_root(), &root, 300).unwrap();
    // Levels due for re-review are notes, not problems: exit 0.
    let (code, diags, _) = common::check_json(&root);
    assert_eq!(code, 0);
    assert!(
        diags.iter().all(|d| d["severity"] == "note"),
        "{:#?}",
        diags.iter().find(|d| d["severity"] != "note")
    );
    let (reg, _) = dokaz::check(&root, dokaz::model::common::Date::today());
    assert_eq!(reg.practices.len(), 300);
    assert!(reg.reviews.len() >= 300);
}
