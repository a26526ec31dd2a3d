//! The command line speaks the author's language (FORMAT.md §9, §10.4):
//! `--lang`, else `DOKAZ_LANG`, else the registry's `default_language`,
//! else the locale, else English. Codes and places never change.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// The binary with no language from the environment (no `DOKAZ_LANG`,
/// a C locale), so the registry's language decides.
fn bare() -> Command {
    let mut cmd = dokaz();
    cmd.env_remove("DOKAZ_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    cmd
}

/// The fresh registry (`default_language: ru`) with a misspelt status,
/// an unknown key and a percentage above 100.
fn broken() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = fresh_registry();
    let rel = "content/practices/example-practice.md";
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("status: active", "status: activ", 1)
        .replacen("summary:", "sumary: x\nsummary:", 1);
    std::fs::write(&path, text).unwrap();
    (tmp, root)
}

fn check(cmd: &mut Command, root: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = cmd
        .arg("check")
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_russian_registry_is_checked_in_russian() {
    let (_tmp, root) = broken();
    let (code, _, err) = check(&mut bare(), &root, &[]);
    assert_eq!(code, 1, "{err}");
    for want in [
        "error[D009]: `activ` — недопустимое значение",
        "подсказка: может быть, `active`?",
        "error[D006]: неизвестный ключ `sumary`",
        "подсказка: может быть, `summary`?",
        "проверено: 1 практика, 1 организация, 0 экспертиз за",
        "2 ошибки, 0 предупреждений",
        "content/practices/example-practice.md:",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(!err.contains("did you mean"), "{err}");
    assert!(!err.contains("hint:"), "{err}");
}

#[test]
fn lang_en_and_dokaz_lang_speak_english() {
    let (_tmp, root) = broken();
    let (code, _, err) = check(&mut bare(), &root, &["--lang", "en"]);
    assert_eq!(code, 1);
    for want in [
        "error[D009]: `activ` is not a valid value here",
        "hint: did you mean `active`?",
        "checked 1 practice, 1 organization, 0 reviews in",
        "2 errors, 0 warnings",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    let (_, _, via_env) = check(bare().env("DOKAZ_LANG", "en"), &root, &[]);
    assert!(
        via_env.contains("hint: did you mean `active`?"),
        "{via_env}"
    );
    // The flag wins over the environment.
    let (_, _, flag) = check(bare().env("DOKAZ_LANG", "en"), &root, &["--lang", "ru"]);
    assert!(flag.contains("подсказка: может быть"), "{flag}");
}

#[test]
fn json_codes_and_places_are_the_same_in_both_languages() {
    let (_tmp, root) = broken();
    let json = |lang: &str| {
        let (_, out, _) = check(&mut bare(), &root, &["--format", "json", "--lang", lang]);
        let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        v
    };
    let (ru, en) = (json("ru"), json("en"));
    assert_eq!(ru.len(), 2, "{ru:#?}");
    let places = |v: &[serde_json::Value]| {
        v.iter()
            .map(|d| {
                (
                    d["code"].clone(),
                    d["file"].clone(),
                    d["line"].clone(),
                    d["column"].clone(),
                    d["severity"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&ru), places(&en));
    assert!(ru.iter().all(|d| d["lang"] == "ru"));
    assert!(en.iter().all(|d| d["lang"] == "en"));
    let d009 = |v: &[serde_json::Value]| v.iter().find(|d| d["code"] == "D009").unwrap().clone();
    assert_eq!(d009(&ru)["message"], "`activ` — недопустимое значение");
    assert_eq!(d009(&ru)["hint"], "может быть, `active`?");
    assert_eq!(d009(&en)["message"], "`activ` is not a valid value here");
    // Without a flag, the registry's language.
    let (_, out, _) = check(&mut bare(), &root, &["--format", "json"]);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(v.iter().all(|d| d["lang"] == "ru"), "{v:#?}");
}

#[test]
fn without_a_registry_language_the_locale_decides() {
    let tmp = tempfile::tempdir().unwrap();
    // No registry.yaml: D018, in the locale's language.
    let (_, _, ru) = check(bare().env("LANG", "ru_RU.UTF-8"), tmp.path(), &[]);
    assert!(ru.contains("нет файла `registry.yaml`"), "{ru}");
    let (_, _, en) = check(&mut bare(), tmp.path(), &[]);
    assert!(en.contains("registry.yaml is missing"), "{en}");
    let (_, _, c) = check(bare().env("LC_ALL", "ru_RU.UTF-8"), tmp.path(), &[]);
    assert!(c.contains("нет файла"), "{c}");
}

#[test]
fn a_new_practice_is_written_in_its_language() {
    let (_tmp, root) = fresh_registry();
    let run = |id: &str, extra: &[&str]| {
        let out = bare()
            .args(["new", "practice", id])
            .args(extra)
            .arg("--root")
            .arg(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = run("teplo", &[]);
    assert!(said.starts_with("создан "), "{said}");
    let ru = std::fs::read_to_string(root.join("content/practices/teplo/index.md")).unwrap();
    assert!(ru.contains("TODO: что делает практика"), "{ru}");
    assert!(ru.contains("language: ru"));
    run("warmth", &["--lang", "en"]);
    let en = std::fs::read_to_string(root.join("content/practices/warmth/index.md")).unwrap();
    assert!(en.contains("TODO: what the practice does"), "{en}");
    // The skeleton's placeholders are flagged in Russian.
    let (_, _, err) = check(&mut bare(), &root, &[]);
    assert!(err.contains("здесь остался заполнитель `TODO`"), "{err}");
    assert!(err.contains("предупреждени"), "{err}");
}
