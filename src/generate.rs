//! Synthetic registries for benchmarks and scale tests: the bundled
//! example registry's practices (with their attachments and reviews)
//! cloned under new ids until there are `n`. Every clone is a real,
//! valid practice, so a generated registry exercises every rule.

use std::io;
use std::path::Path;

/// Writes a registry of `n` practices into `out` (which must not exist),
/// cloned from the registry at `template`.
pub fn generate(template: &Path, out: &Path, n: usize) -> io::Result<()> {
    if out.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists", out.display()),
        ));
    }
    std::fs::create_dir_all(out.join("content/practices"))?;
    std::fs::copy(template.join("registry.yaml"), out.join("registry.yaml"))?;
    for dir in ["taxonomies", "organizations", "rubrics"] {
        copy_dir(
            &template.join("content").join(dir),
            &out.join("content").join(dir),
        )?;
    }
    std::fs::copy(
        template.join("content/evidence.yaml"),
        out.join("content/evidence.yaml"),
    )?;

    // Templates: (id, folder or file, original id if a translation), in
    // a stable order.
    let mut templates: Vec<(String, std::path::PathBuf, Option<String>)> =
        std::fs::read_dir(template.join("content/practices"))?
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".md").unwrap_or(&name).to_owned();
                (!name.starts_with('.')).then(|| (id, e.path()))
            })
            .map(|(id, path)| {
                let index = if path.is_dir() {
                    path.join("index.md")
                } else {
                    path.clone()
                };
                let of = std::fs::read_to_string(index).ok().and_then(|t| {
                    t.lines()
                        .find_map(|l| l.strip_prefix("translation_of:"))
                        .map(|v| v.trim().trim_matches('"').to_owned())
                });
                (id, path, of)
            })
            .collect();
    templates.sort();
    // Each original with its translations: a clone of a practice is a
    // practice, and its translations' clones translate it.
    let originals: Vec<&(String, std::path::PathBuf, Option<String>)> =
        templates.iter().filter(|t| t.2.is_none()).collect();
    if originals.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            "the template registry has no practices",
        ));
    }
    for i in 0..n {
        let (id, path, _) = originals[i % originals.len()];
        let new_id = format!("{id}-{i:05}");
        clone(template, out, id, path, &new_id, i, None)?;
        for (tid, tpath, _) in templates.iter().filter(|t| t.2.as_deref() == Some(id)) {
            clone(
                template,
                out,
                tid,
                tpath,
                &format!("{tid}-{i:05}"),
                i,
                Some(&new_id),
            )?;
        }
    }
    Ok(())
}

/// Clones the practice `id` (at `path`) as `new_id`, with its reviews;
/// a translation's clone translates `original`.
fn clone(
    template: &Path,
    out: &Path,
    id: &str,
    path: &Path,
    new_id: &str,
    i: usize,
    original: Option<&str>,
) -> io::Result<()> {
    let dest = out.join("content/practices").join(new_id);
    if path.is_dir() {
        copy_dir(path, &dest)?;
    } else {
        std::fs::create_dir_all(&dest)?;
        std::fs::copy(path, dest.join("index.md"))?;
    }
    let index = dest.join("index.md");
    let text = std::fs::read_to_string(&index)?;
    let text = text
        .replacen("\ntitle: ", &format!("\ntitle: №{i} "), 1)
        .replacen("title: №", "title: \"№", 1);
    // Keep the title a valid YAML string whatever its quoting was.
    let text = fix_title(&text);
    let text: String = text
        .split_inclusive('\n')
        .map(|l| match (l.starts_with("translation_of:"), original) {
            (true, Some(o)) => format!("translation_of: {o}\n"),
            _ => l.to_owned(),
        })
        .collect();
    std::fs::write(&index, text)?;
    let reviews = template.join("content/reviews").join(id);
    if reviews.is_dir() {
        copy_dir(&reviews, &out.join("content/reviews").join(new_id))?;
    }
    Ok(())
}

/// The clone's title line is `title: "№N <original>`; close the quote
/// around the original text.
fn fix_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with("title: \"№") {
            done = true;
            let body = line
                .trim_end_matches(['\n', '\r'])
                .trim_start_matches("title: \"");
            let (num, rest) = body.split_once(' ').unwrap_or((body, ""));
            let rest = rest
                .trim()
                .trim_matches('"')
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            out.push_str(&format!("title: \"{num} {rest}\"\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}
