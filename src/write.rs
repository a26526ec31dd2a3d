//! Writing the built site atomically.
//!
//! The site is written into a fresh temporary folder beside the output and
//! swapped in only when every file is written, so a failed or interrupted
//! build leaves the previous output exactly as it was. dokaz marks the
//! folders it writes (`.dokaz-output`) and never deletes a folder without
//! that mark: an `--out` that holds someone else's files is refused.
//!
//! **Concurrent builds.** A build holds an advisory lock (`flock`, through
//! [`std::fs::File::lock`]) on `.<name>.dokaz-lock` beside the output from
//! before its temporary folder is created until after the swap; a second
//! build into the same output says so once on stderr and waits. Only the
//! lock holder creates temporary folders, so with the lock held every
//! `.<name>.dokaz-tmp-*` folder is a dead build's and safe to remove. The
//! lock file itself is left in place: removing it would let two builds lock
//! two different files of the same name.
//!
//! **The swap.** On Linux the new folder and the output are exchanged in one
//! `renameat2(RENAME_EXCHANGE)`, so there is no instant without an output;
//! elsewhere, or where the file system does not support the exchange, the
//! output is moved aside (`.<name>.dokaz-old-PID`) and the new folder moved
//! in. A build killed between those two renames leaves the old site aside
//! and no output: the next build restores it (see [`recover`]) instead of
//! deleting it.
//!
//! **The spare.** After the swap the previous output is not deleted but
//! kept beside the new one as `.<name>.dokaz-spare`, and the next build
//! writes into it: a file whose bytes are already there is left as it is,
//! any other is rewritten in place, and what the new site no longer has is
//! pruned before the swap. Why: deleting a site of tens of thousands of
//! files and creating as many new ones was a third of a build's wall time
//! (measured on ext4: 15,000 pages created in 1.2 s in a fresh folder,
//! 2.7 s right after as many were deleted, 0.8 s overwritten in place), and
//! a rebuild that changes little now writes little. The price is a second
//! copy of the site on disk; `DOKAZ_NO_SPARE=1` removes the spare after the
//! swap instead, as earlier versions did. The spare is dokaz's own folder,
//! marked like the output; a build that fails removes it with its temporary
//! folder, and the next build starts afresh.
//!
//! **Test hooks.** `DOKAZ_TEST_ABORT_AT=<step>` aborts the process at a
//! named step of the write (`written`, `exchanged`, `moved-aside`,
//! `moved-in`), `DOKAZ_TEST_PAUSE_AT=<step>` sleeps there for
//! `DOKAZ_TEST_PAUSE_MS` (default 2000), and `DOKAZ_TEST_NO_EXCHANGE=1`
//! forces the two-rename swap. They exist for the tests in
//! `tests/write_safety.rs` and cost one environment lookup per step.

use crate::render::{Content, OutFile};
use std::fs::File;
use std::path::{Path, PathBuf};

pub const MARKER: &str = ".dokaz-output";
const MARKER_TEXT: &str = "This folder is written by dokaz build and replaced on every build.\n";

/// Why an output folder is refused.
pub fn refuse_reason(root: &Path, out: &Path) -> Option<String> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    if out_abs.parent().is_none() {
        return Some("the output folder cannot be the file system root".into());
    }
    if root.starts_with(&out_abs) {
        return Some("the output folder would contain the registry itself; choose a folder inside or beside it, such as output/".into());
    }
    for sub in ["content", "templates", "static", "themes"] {
        if out_abs.starts_with(root.join(sub)) {
            return Some(format!(
                "the output folder cannot be inside the registry's {sub}/"
            ));
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Some("the output path is a file, not a folder".into());
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out_abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Some(format!(
                "the folder is not empty and was not written by dokaz (it has no {MARKER}); dokaz never deletes what it did not write"
            ));
        }
    }
    None
}

/// An absolute, normalized path (`..` resolved lexically) even when the
/// path does not exist yet.
fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Resolve the longest existing prefix through the file system (symlinks),
    // then the rest lexically.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Temporary and old folders of earlier builds that were interrupted,
/// recognised by name and by dokaz's mark. `kind` narrows the name
/// (`"tmp-"`, `"old-"`; `""` for both).
fn stale_siblings(out: &Path, kind: &str) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.dokaz-{kind}", name.to_string_lossy());
    std::fs::read_dir(parent)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .filter(|p| p.is_dir() && p.join(MARKER).is_file())
                .collect()
        })
        .unwrap_or_default()
}

/// The build lock on an output: an exclusive `flock` on
/// `.<name>.dokaz-lock` beside it, released when dropped (or when the
/// process dies, by the kernel).
pub struct BuildLock {
    _file: Option<File>,
}

impl BuildLock {
    /// Waits for the lock on `out` (an absolute path whose parent exists),
    /// saying once on stderr that it waits.
    fn acquire(out: &Path) -> Result<BuildLock, String> {
        Self::take(out, true).map(|l| l.unwrap_or(BuildLock { _file: None }))
    }

    /// The lock if it can be taken: waiting for it when `wait`, otherwise
    /// `None` while another build holds it.
    fn take(out: &Path, wait: bool) -> Result<Option<BuildLock>, String> {
        let path = lock_path(out).ok_or("the output folder has no name")?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("cannot open the build lock {}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) if !wait => return Ok(None),
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!("waiting for another dokaz build into {}…", out.display());
                file.lock()
                    .map_err(|e| format!("cannot lock the build lock {}: {e}", path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                eprintln!(
                    "warning: the file system does not support locking {}; concurrent builds into {} are not kept apart",
                    path.display(),
                    out.display()
                );
                return Ok(Some(BuildLock { _file: None }));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(format!(
                    "cannot lock the build lock {}: {e}",
                    path.display()
                ));
            }
        }
        Ok(Some(BuildLock { _file: Some(file) }))
    }
}

fn lock_path(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy().into_owned();
    Some(out.with_file_name(format!(".{name}.dokaz-lock")))
}

/// Brings back the previous output when a build was killed between the two
/// renames of the swap: no output folder, and a marked
/// `.<name>.dokaz-old-*` beside it (the newest, if there are several, is
/// renamed back). Returns the folder restored. The caller holds the lock.
fn restore_old(out: &Path) -> Option<PathBuf> {
    if std::fs::symlink_metadata(out).is_ok() {
        return None;
    }
    let newest = stale_siblings(out, "old-").into_iter().max_by_key(|p| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .unwrap_or(std::time::SystemTime::UNIX_EPOCH)
    })?;
    std::fs::rename(&newest, out).ok()?;
    eprintln!(
        "restored the previous output {} from {} (an earlier build was interrupted while swapping it)",
        out.display(),
        newest.display()
    );
    Some(newest)
}

/// Restores an output left aside by a build killed mid-swap, before any
/// other work, so that the previous site is back even if this build then
/// stops on a content error. Does nothing while another build holds the
/// lock (that build, or this one in [`Staging::begin`], will do it), nor
/// for an output that would be refused.
pub fn recover(root: &Path, out: &Path) {
    if refuse_reason(root, out).is_some() {
        return;
    }
    let out = absolute(out);
    if std::fs::symlink_metadata(&out).is_ok() || out.parent().is_none_or(|p| !p.is_dir()) {
        return;
    }
    if let Ok(Some(_lock)) = BuildLock::take(&out, false) {
        restore_old(&out);
    }
}

/// A test hook (see the module documentation): aborts or pauses at `step`
/// when the environment asks for it.
fn hook(step: &str) {
    if std::env::var_os("DOKAZ_TEST_ABORT_AT").is_some_and(|s| s == step) {
        std::process::abort();
    }
    if std::env::var_os("DOKAZ_TEST_PAUSE_AT").is_some_and(|s| s == step) {
        let ms = std::env::var("DOKAZ_TEST_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000);
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// A build in progress: files go into a temporary folder beside the
/// output, which replaces the output on [`Staging::commit`]. Dropped
/// without a commit (an error, a panic), the temporary folder is removed
/// and the output is untouched. The build lock is held for its lifetime.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    committed: bool,
    /// Whether `tmp` is the spare, holding an earlier site: files are then
    /// compared before writing, and what is not written is pruned.
    recycled: bool,
    /// Every file written (paths relative to `tmp`), when `recycled`.
    written: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Folders already created in `tmp` (a site has a folder for nearly
    /// every page: asking the file system again for each file was a
    /// system call per file).
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    // Declared last: dropped after `Drop for Staging` has removed `tmp`.
    _lock: BuildLock,
}

impl Staging {
    pub fn begin(root: &Path, out: &Path) -> Result<Staging, String> {
        let refuse = |why: String| format!("refusing to write to {}: {why}", out.display());
        // Checked before anything is created beside the output (the lock
        // file), and again once the lock is held: another build may have
        // changed the output meanwhile.
        if let Some(why) = refuse_reason(root, out) {
            return Err(refuse(why));
        }
        let out_abs = absolute(out);
        let parent = out_abs.parent().ok_or("the output folder has no parent")?;
        let name = out_abs
            .file_name()
            .ok_or("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let lock = BuildLock::acquire(&out_abs)?;
        restore_old(&out_abs);
        if let Some(why) = refuse_reason(root, out) {
            return Err(refuse(why));
        }
        // With the lock held no live build owns a temporary folder.
        for stale in stale_siblings(&out_abs, "tmp-")
            .into_iter()
            .chain(stale_siblings(&out_abs, "old-"))
        {
            let _ = std::fs::remove_dir_all(stale);
        }
        // A folder of a name never used (a foreign folder of the same name
        // is left alone): the spare renamed, or a fresh one.
        let pid = std::process::id();
        let spare = spare_path(&out_abs).filter(|p| p.join(MARKER).is_file() && plain(p));
        let mut n = 1;
        let (tmp, recycled) = loop {
            let tmp = parent.join(match n {
                1 => format!(".{name}.dokaz-tmp-{pid}"),
                _ => format!(".{name}.dokaz-tmp-{pid}-{n}"),
            });
            if std::fs::symlink_metadata(&tmp).is_err()
                && let Some(spare) = &spare
                && std::fs::rename(spare, &tmp).is_ok()
            {
                break (tmp, true);
            }
            match std::fs::create_dir(&tmp) {
                Ok(()) => break (tmp, false),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(format!("cannot create {}: {e}", tmp.display())),
            }
        };
        let staging = Staging {
            tmp,
            out: out_abs,
            committed: false,
            recycled,
            written: Default::default(),
            dirs: Default::default(),
            _lock: lock,
        };
        std::fs::write(staging.tmp.join(MARKER), MARKER_TEXT).map_err(|e| e.to_string())?;
        Ok(staging)
    }

    /// Swaps the new output in.
    pub fn commit(mut self) -> Result<(), String> {
        if self.recycled {
            self.prune()?;
        }
        hook("written");
        swap(&self.tmp, &self.out)?;
        self.committed = true;
        Ok(())
    }
}

impl Staging {
    /// Removes from a recycled `tmp` every file and folder of the earlier
    /// site that this build did not write (the mark stays).
    fn prune(&self) -> Result<(), String> {
        let written = self.written.lock().map_err(|e| e.to_string())?;
        let mut needed: std::collections::HashSet<&Path> = std::collections::HashSet::new();
        let dirs = self.dirs.lock().map_err(|e| e.to_string())?;
        for dir in dirs.iter() {
            for a in dir.ancestors() {
                if a == self.tmp || !needed.insert(a) {
                    break;
                }
            }
        }
        let mut walk = walkdir::WalkDir::new(&self.tmp).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| format!("cannot read the spare output: {e}"))?;
            let path = entry.path();
            if entry.file_type().is_dir() {
                if !needed.contains(path) {
                    std::fs::remove_dir_all(path)
                        .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                    walk.skip_current_dir();
                }
                continue;
            }
            let rel = path
                .strip_prefix(&self.tmp)
                .map_err(|e| e.to_string())?
                .to_string_lossy();
            if rel != MARKER && !written.contains(rel.as_ref()) {
                std::fs::remove_file(path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
        Ok(())
    }

    /// Makes way in a recycled `tmp` for a file at `target`: whatever an
    /// earlier site had where this one needs a folder or a file.
    fn clear_way(&self, target: &Path) {
        let mut a = target.parent();
        while let Some(dir) = a {
            if dir == self.tmp {
                break;
            }
            if std::fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
                let _ = std::fs::remove_file(dir);
            }
            a = dir.parent();
        }
        if std::fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir_all(target);
        }
    }
}

/// Whether `target` already holds exactly `bytes`.
fn holds(target: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(target).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(target).is_ok_and(|old| old == bytes)
}

/// Whether `dir` holds only files and folders: a symbolic link in a spare
/// (dokaz writes none) could send a write outside the output, so a spare
/// with one is not written into (it is replaced after the swap).
fn plain(dir: &Path) -> bool {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .all(|e| e.is_ok_and(|e| !e.path_is_symlink()))
}

/// Where the previous output is kept for the next build to write into.
fn spare_path(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy().into_owned();
    Some(out.with_file_name(format!(".{name}.dokaz-spare")))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, file: OutFile) -> Result<(), String> {
        // Paths come from ids and validated relative file names; refuse
        // anything that could leave the folder all the same.
        if file
            .path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..")
            || file.path.contains('\\')
        {
            return Err(format!(
                "refusing to write outside the output: {}",
                file.path
            ));
        }
        let target = self.tmp.join(&file.path);
        if self.recycled {
            self.written
                .lock()
                .map_err(|e| e.to_string())?
                .insert(file.path.clone());
            if let Content::Bytes(b) = &file.content
                && holds(&target, b)
            {
                if let Some(dir) = target.parent()
                    && let Ok(mut d) = self.dirs.lock()
                {
                    d.insert(dir.to_path_buf());
                }
                return Ok(());
            }
        }
        let write = || -> std::io::Result<()> {
            if let Some(dir) = target.parent()
                && dir != self.tmp
            {
                let known = self.dirs.lock().is_ok_and(|d| d.contains(dir));
                if !known {
                    std::fs::create_dir_all(dir)?;
                    if let Ok(mut d) = self.dirs.lock() {
                        d.insert(dir.to_path_buf());
                    }
                }
            }
            match &file.content {
                Content::Bytes(b) => std::fs::write(&target, b),
                Content::Copy(src) => std::fs::copy(src, &target).map(|_| ()),
            }
        };
        write()
            .or_else(|e| {
                if !self.recycled {
                    return Err(e);
                }
                self.clear_way(&target);
                write()
            })
            .map_err(|e| format!("cannot write {}: {e}", file.path))
    }
}

/// Replaces `out` by `tmp`: exchanged in one step where the system can,
/// otherwise with two renames; the old output is removed only after the
/// new one is in place.
fn swap(tmp: &Path, out: &Path) -> Result<(), String> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(tmp, out)
            .map_err(|e| format!("cannot move the new output into place: {e}"));
    }
    match exchange(tmp, out) {
        Ok(true) => {
            hook("exchanged");
            // `tmp` now holds the previous output.
            keep_spare(tmp, out);
            return Ok(());
        }
        Ok(false) => {}
        Err(e) => return Err(format!("cannot swap the new output into place: {e}")),
    }
    let name = out
        .file_name()
        .ok_or("the output folder has no name")?
        .to_string_lossy()
        .into_owned();
    let old = out.with_file_name(format!(".{name}.dokaz-old-{}", std::process::id()));
    std::fs::rename(out, &old)
        .map_err(|e| format!("cannot move the previous output aside: {e}"))?;
    hook("moved-aside");
    if let Err(e) = std::fs::rename(tmp, out) {
        let _ = std::fs::rename(&old, out);
        return Err(format!("cannot move the new output into place: {e}"));
    }
    hook("moved-in");
    keep_spare(&old, out);
    Ok(())
}

/// Keeps a previous output `old` as the spare of `out` (see the module
/// documentation), or removes it when it is not dokaz's or the spare is
/// not wanted.
fn keep_spare(old: &Path, out: &Path) {
    if std::env::var_os("DOKAZ_NO_SPARE").is_none_or(|v| v.is_empty())
        && old.join(MARKER).is_file()
        && let Some(spare) = spare_path(out)
    {
        if spare.join(MARKER).is_file() {
            let _ = std::fs::remove_dir_all(&spare);
        }
        if std::fs::rename(old, &spare).is_ok() {
            return;
        }
    }
    remove_old(old);
}

/// Removes a previous output: all of it when it carries dokaz's mark,
/// otherwise only if it is empty (an empty folder is accepted as `--out`).
fn remove_old(old: &Path) {
    if old.join(MARKER).is_file() {
        let _ = std::fs::remove_dir_all(old);
    } else {
        let _ = std::fs::remove_dir(old);
    }
}

/// Exchanges `a` and `b` atomically. `Ok(false)` when the system or the
/// file system cannot (the caller falls back to two renames).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    if std::env::var_os("DOKAZ_TEST_NO_EXCHANGE").is_some() {
        return Ok(false);
    }
    let (Ok(ca), Ok(cb)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return Ok(false);
    };
    // SAFETY: both pointers are to NUL-terminated strings that outlive the
    // call; renameat2 reads them and keeps nothing.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        // Not supported by the kernel, the C library or the file system.
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}
