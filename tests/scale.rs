//! A generated registry of a few hundred practices checks clean, and its
//! diagnostics do not grow with the number of practices (no rule looks at
//! pairs of practices). Timing is measured by the benchmark, not here.

mod common;

#[test]
fn a_generated_registry_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("gen");
    dokaz::generate::generate(&common::example_root(), &root, 300).unwrap();
    // Levels due for re-review are notes, not problems: exit 0. The
    // only warnings are the example's own, once per clone (README,
    // "The example registry").
    let (code, diags, _) = common::check_json(&root);
    assert_eq!(code, 0);
    assert!(
        diags.iter().all(|d| d["severity"] == "note"
            || common::EXAMPLE_WARNINGS.contains(&d["code"].as_str().unwrap())),
        "{:#?}",
        diags.iter().find(|d| d["severity"] != "note")
    );
    let warnings = diags.iter().filter(|d| d["severity"] == "warning").count();
    assert_eq!(
        warnings,
        2 * 100,
        "one per clone of «Тёплый дом» (V113) and of Mother House (V135)"
    );
    let (reg, _) = dokaz::check(&root, dokaz::model::common::Date::today());
    // 300 practices; the 100 clones of «Тёплый дом» have their English
    // translation beside them.
    let originals = reg
        .practices
        .values()
        .filter(|p| p.model.translation_of.is_none())
        .count();
    assert_eq!(originals, 300);
    assert_eq!(reg.practices.len(), 400);
    assert_eq!(reg.reviews.len(), 100);
}
