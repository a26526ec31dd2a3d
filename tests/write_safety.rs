//! The output under concurrent builds and kills (issue 18): a build lock
//! that makes a second build wait, a swap with no instant where the output
//! is missing, and recovery of an output left aside by a killed build.
//! Kills use the test hooks of `src/write.rs` (`DOKAZ_TEST_ABORT_AT`,
//! `DOKAZ_TEST_PAUSE_AT`, `DOKAZ_TEST_NO_EXCHANGE`). Also the spare (issue
//! 19): the previous output kept beside the new one and written into by
//! the next build.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn build_cmd(root: &Path, out: &Path) -> Command {
    let mut c = dokaz();
    c.args(["build", "--root"]).arg(root).arg("--out").arg(out);
    for v in [
        "DOKAZ_TEST_ABORT_AT",
        "DOKAZ_TEST_PAUSE_AT",
        "DOKAZ_TEST_PAUSE_MS",
        "DOKAZ_TEST_NO_EXCHANGE",
        "DOKAZ_NO_SPARE",
    ] {
        c.env_remove(v);
    }
    c
}

fn build(root: &Path, out: &Path) -> Output {
    build_cmd(root, out).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The site `root` builds, built once into a folder of its own.
fn reference(root: &Path, tmp: &Path, name: &str) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = tmp.join(name);
    let o = build(root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = snapshot(&out);
    assert!(s.len() > 20, "reference site of {} files", s.len());
    s
}

/// Names beside the output other than the output and its lock.
fn leftovers(parent: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".dokaz-tmp-") || n.contains(".dokaz-old-"))
        .collect();
    v.sort();
    v
}

fn assert_site(out: &Path, want: &BTreeMap<PathBuf, Vec<u8>>) {
    assert!(out.join(".dokaz-output").is_file(), "no mark in the output");
    let got = snapshot(out);
    if &got != want {
        let missing: Vec<_> = want.keys().filter(|k| !got.contains_key(*k)).collect();
        let extra: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
        let differ: Vec<_> = want
            .iter()
            .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
            .map(|(k, _)| k)
            .collect();
        panic!(
            "the output is not the expected site: {} missing {:?}…, {} extra {:?}…, {} differ {:?}…",
            missing.len(),
            missing.iter().take(3).collect::<Vec<_>>(),
            extra.len(),
            extra.iter().take(3).collect::<Vec<_>>(),
            differ.len(),
            differ.iter().take(3).collect::<Vec<_>>(),
        );
    }
}

/// Waits (up to a minute) until a temporary folder of a build into `out`
/// exists: the build then holds the lock.
fn wait_for_tmp(parent: &Path) {
    let start = std::time::Instant::now();
    while !leftovers(parent).iter().any(|n| n.contains(".dokaz-tmp-")) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the first build never started writing"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_second_build_waits_for_the_first_and_never_interleaves() {
    // One big build (the example registry) and one small (a fresh `init`)
    // into one output. The big one pauses after writing, lock held, so the
    // small one is certain to find it busy.
    let (tmp, small) = fresh_registry();
    let big = example_root();
    let want_small = reference(&small, tmp.path(), "ref-small");
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    let first = build_cmd(&big, &out)
        .env("DOKAZ_TEST_PAUSE_AT", "written")
        .env("DOKAZ_TEST_PAUSE_MS", "1500")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_tmp(&dir);
    let second = build_cmd(&small, &out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let first = first.wait_with_output().unwrap();
    let second = second.wait_with_output().unwrap();
    assert!(first.status.success(), "first: {}", stderr(&first));
    assert!(second.status.success(), "second: {}", stderr(&second));
    let msg = format!("waiting for another dokaz build into {}…", out.display());
    assert_eq!(
        stderr(&second).matches(&msg).count(),
        1,
        "second: {}",
        stderr(&second)
    );
    assert!(!stderr(&first).contains("waiting"), "{}", stderr(&first));
    // The second finished last: its site, whole, and nothing of the first's.
    assert_site(&out, &want_small);
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[test]
fn builds_started_together_end_with_one_complete_site() {
    let (tmp, root) = fresh_registry();
    let want = reference(&root, tmp.path(), "ref");
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    for round in 0..4 {
        // Round 0 starts from no output, the others replace one.
        let children: Vec<_> = (0..3)
            .map(|_| {
                build_cmd(&root, &out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert!(o.status.success(), "round {round}: {}", stderr(&o));
        }
        assert_site(&out, &want);
        assert_eq!(leftovers(&dir), Vec::<String>::new(), "round {round}");
    }
}

/// A build killed at `step` (with the two-rename swap when `two_renames`)
/// after a first good build: the output is there with its mark, or is
/// brought back by the next build, which then completes the site.
fn killed_at(step: &str, two_renames: bool) {
    let (tmp, root) = fresh_registry();
    let want = reference(&root, tmp.path(), "ref");
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    assert!(build(&root, &out).status.success());
    let mut c = build_cmd(&root, &out);
    c.env("DOKAZ_TEST_ABORT_AT", step);
    if two_renames {
        c.env("DOKAZ_TEST_NO_EXCHANGE", "1");
    }
    let o = c.output().unwrap();
    assert!(
        !o.status.success() && o.status.code().is_none(),
        "{step}: the hook did not kill the build: {:?} {}",
        o.status,
        stderr(&o)
    );
    let aside = step == "moved-aside";
    if aside {
        // The only instant of the two-rename swap without an output: the
        // previous site sits beside it, whole.
        assert!(!out.exists(), "{step}");
        let old: Vec<_> = leftovers(&dir)
            .into_iter()
            .filter(|n| n.contains(".dokaz-old-"))
            .collect();
        assert_eq!(old.len(), 1, "{step}: {:?}", leftovers(&dir));
        assert_site(&dir.join(&old[0]), &want);
    } else {
        assert_site(&out, &want);
    }
    let o = build(&root, &out);
    assert!(o.status.success(), "{step}: {}", stderr(&o));
    assert_eq!(
        stderr(&o).contains("restored the previous output"),
        aside,
        "{step}: {}",
        stderr(&o)
    );
    assert_site(&out, &want);
    assert_eq!(leftovers(&dir), Vec::<String>::new(), "{step}");
}

#[test]
fn killed_after_writing_the_temporary_folder() {
    killed_at("written", false);
}

#[test]
fn killed_after_the_exchange() {
    if cfg!(target_os = "linux") {
        killed_at("exchanged", false);
    }
}

#[test]
fn killed_after_moving_the_old_output_aside() {
    killed_at("moved-aside", true);
}

#[test]
fn killed_after_moving_the_new_output_in() {
    killed_at("moved-in", true);
}

#[test]
fn killed_before_the_two_rename_swap() {
    killed_at("written", true);
}

#[test]
fn an_output_left_aside_is_restored_even_when_the_build_then_fails() {
    let (tmp, root) = fresh_registry();
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    assert!(build(&root, &out).status.success());
    let before = snapshot(&out);
    let o = build_cmd(&root, &out)
        .env("DOKAZ_TEST_ABORT_AT", "moved-aside")
        .env("DOKAZ_TEST_NO_EXCHANGE", "1")
        .output()
        .unwrap();
    assert!(o.status.code().is_none());
    assert!(!out.exists());
    // A content error stops the next build before it writes anything; the
    // previous site is back all the same.
    let p = root.join("content/practices/example-practice.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("value: 18, of: 22", "value: 28, of: 22")).unwrap();
    let o = build(&root, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("restored the previous output"));
    assert_eq!(snapshot(&out), before);
    // The killed build's temporary folder waits for the next build that
    // writes; nothing is left aside.
    assert!(
        leftovers(&dir).iter().all(|n| n.contains(".dokaz-tmp-")),
        "{:?}",
        leftovers(&dir)
    );
}

#[test]
fn the_exchange_leaves_no_instant_without_an_output() {
    // A watcher polls the output's mark while builds replace it; with the
    // exchange the mark is never missing. (The two-rename fallback has a
    // window; this asserts on the Linux path only.)
    if !cfg!(target_os = "linux") {
        return;
    }
    let (tmp, root) = fresh_registry();
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    assert!(build(&root, &out).status.success());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (stop, mark) = (stop.clone(), out.join(".dokaz-output"));
        std::thread::spawn(move || {
            let (mut polls, mut missing) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                polls += 1;
                if !mark.is_file() {
                    missing += 1;
                }
            }
            (polls, missing)
        })
    };
    for _ in 0..3 {
        let o = build(&root, &out);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (polls, missing) = watcher.join().unwrap();
    assert!(polls > 100, "{polls} polls");
    assert_eq!(
        missing, 0,
        "the mark was missing in {missing} of {polls} polls"
    );
}

/// A fresh registry built twice into `shared/site`: the output and, beside
/// it, the spare holding the first build.
struct SpareSite {
    tmp: tempfile::TempDir,
    root: PathBuf,
    want: BTreeMap<PathBuf, Vec<u8>>,
    dir: PathBuf,
    out: PathBuf,
    spare: PathBuf,
}

fn built_twice() -> SpareSite {
    let (tmp, root) = fresh_registry();
    let want = reference(&root, tmp.path(), "ref");
    let dir = tmp.path().join("shared");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("site");
    let spare = dir.join(".site.dokaz-spare");
    assert!(build(&root, &out).status.success());
    assert!(!spare.exists(), "no spare after a first build");
    assert!(build(&root, &out).status.success());
    SpareSite {
        tmp,
        root,
        want,
        dir,
        out,
        spare,
    }
}

/// A rebuild writes into the spare (the output before last): whatever the
/// spare holds that the site does not — stale files and folders, a file
/// where the site needs a folder, a page with other bytes — is gone from
/// the result, which is the site exactly; the output it replaced becomes
/// the new spare.
#[test]
fn a_rebuild_into_the_spare_gives_exactly_the_site() {
    // `_tmp` holds the folder until the test ends.
    let SpareSite {
        tmp: _tmp,
        root,
        want,
        dir,
        out,
        spare,
    } = built_twice();
    assert_site(&out, &want);
    assert_site(&spare, &want);
    // A file whose bytes are already right is left as it is (not written
    // again: its time stays).
    let old_time =
        std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let kept = spare.join("404.html");
    std::fs::File::options()
        .write(true)
        .open(&kept)
        .and_then(|f| f.set_modified(old_time))
        .unwrap();
    assert!(build(&root, &out).status.success());
    assert_site(&out, &want);
    let time = std::fs::metadata(out.join("404.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(time, old_time, "an unchanged file was written again");
    assert!(build(&root, &out).status.success());
    // What an older site could have left there.
    std::fs::create_dir_all(spare.join("stale/deeper")).unwrap();
    std::fs::write(spare.join("stale/deeper/old.html"), "old").unwrap();
    std::fs::write(spare.join("gone.json"), "{}").unwrap();
    std::fs::write(spare.join("index.html"), "another page").unwrap();
    // Other bytes of the same length.
    let mut same_length = std::fs::read(spare.join("sitemap.xml")).unwrap();
    same_length[0] = if same_length[0] == b'x' { b'y' } else { b'x' };
    std::fs::write(spare.join("sitemap.xml"), same_length).unwrap();
    let page = want
        .keys()
        .find(|k| k.components().count() == 3 && k.ends_with("index.html"))
        .expect("a page two folders down")
        .clone();
    let folder = spare.join(page.parent().unwrap());
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "a file where the site has a folder").unwrap();
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_site(&out, &want);
    assert_site(&spare, &want);
    assert_eq!(leftovers(&dir), Vec::<String>::new());
    // Without the spare, as before it existed.
    let mut c = build_cmd(&root, &out);
    c.env("DOKAZ_NO_SPARE", "1");
    assert!(c.output().unwrap().status.success());
    assert_site(&out, &want);
    assert!(!spare.exists(), "DOKAZ_NO_SPARE removes the spare");
}

/// A folder of the spare's name that dokaz did not write is never written
/// into nor removed.
#[test]
fn a_foreign_folder_named_like_the_spare_is_left_alone() {
    let (tmp, root) = fresh_registry();
    let want = reference(&root, tmp.path(), "ref");
    let dir = tmp.path().join("shared");
    let spare = dir.join(".site.dokaz-spare");
    std::fs::create_dir_all(&spare).unwrap();
    std::fs::write(spare.join("keep.txt"), "mine").unwrap();
    let out = dir.join("site");
    for _ in 0..3 {
        let o = build(&root, &out);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_site(&out, &want);
    }
    let left: Vec<_> = std::fs::read_dir(&spare)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("keep.txt")]);
    assert_eq!(
        std::fs::read_to_string(spare.join("keep.txt")).unwrap(),
        "mine"
    );
}

/// A spare with a symbolic link in it is not written into: the link's
/// target, outside the output, stays as it was.
#[cfg(unix)]
#[test]
fn a_spare_with_a_link_is_not_written_into() {
    let SpareSite {
        tmp,
        root,
        want,
        out,
        spare,
        ..
    } = built_twice();
    let outside = tmp.path().join("outside.html");
    std::fs::write(&outside, "not dokaz's").unwrap();
    std::fs::remove_file(spare.join("404.html")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("404.html")).unwrap();
    let o = build(&root, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_site(&out, &want);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "not dokaz's");
    assert!(
        !std::fs::symlink_metadata(out.join("404.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
