//! Writing the built site atomically.
//!
//! The site is written into a fresh temporary folder beside the output and
//! swapped in only when every file is written, so a failed or interrupted
//! build leaves the previous output exactly as it was. dokaz marks the
//! folders it writes (`.dokaz-output`) and never deletes a folder without
//! that mark: an `--out` that holds someone else's files is refused.

use crate::render::{Content, OutFile};
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
/// recognised by name and by dokaz's mark.
fn stale_siblings(out: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.dokaz-", name.to_string_lossy());
    std::fs::read_dir(parent)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .filter(|p| p.join(MARKER).is_file())
                .collect()
        })
        .unwrap_or_default()
}

/// A build in progress: files go into a temporary folder beside the
/// output, which replaces the output on [`Staging::commit`]. Dropped
/// without a commit (an error, a panic), the temporary folder is removed
/// and the output is untouched.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    name: String,
    committed: bool,
}

impl Staging {
    pub fn begin(root: &Path, out: &Path) -> Result<Staging, String> {
        if let Some(why) = refuse_reason(root, out) {
            return Err(format!("refusing to write to {}: {why}", out.display()));
        }
        let out = absolute(out);
        for stale in stale_siblings(&out) {
            let _ = std::fs::remove_dir_all(stale);
        }
        let parent = out.parent().ok_or("the output folder has no parent")?;
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let name = out
            .file_name()
            .ok_or("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        let tmp = parent.join(format!(".{name}.dokaz-tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)
            .map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        std::fs::write(tmp.join(MARKER), MARKER_TEXT).map_err(|e| e.to_string())?;
        Ok(Staging {
            tmp,
            out,
            name,
            committed: false,
        })
    }

    /// Swaps the new output in.
    pub fn commit(mut self) -> Result<(), String> {
        swap(&self.tmp, &self.out, &self.name)?;
        self.committed = true;
        Ok(())
    }
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
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        match &file.content {
            Content::Bytes(b) => std::fs::write(&target, b),
            Content::Copy(src) => std::fs::copy(src, &target).map(|_| ()),
        }
        .map_err(|e| format!("cannot write {}: {e}", file.path))
    }
}

/// Replaces `out` by `tmp` with two renames; the old output is removed
/// only after the new one is in place.
fn swap(tmp: &Path, out: &Path, name: &str) -> Result<(), String> {
    let old = out.with_file_name(format!(".{name}.dokaz-old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)
            .map_err(|e| format!("cannot move the previous output aside: {e}"))?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(format!("cannot move the new output into place: {e}"));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
