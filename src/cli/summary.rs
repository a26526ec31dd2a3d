//! `dokaz check --practice ID`: what an expert needs before writing a
//! review — per dimension the claimed, verified and supported levels, what
//! each evidence rule found, and the gaps to the claimed level — followed by
//! the practice's own diagnostics.

use super::{EXIT_CONTENT, EXIT_OK, require_root};
use crate::l10n::Lang;
use crate::model::common::Date;
use crate::model::review::{ReviewStatus, verified_levels};
use crate::msg;
use crate::syntax::diag::{self, Severity};
use crate::syntax::report;
use crate::validate::evidence::assess;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

pub fn practice(root: &Path, id: &str, ui: Lang) -> i32 {
    if let Err(code) = require_root(root, ui) {
        return code;
    }
    let (reg, diags) = crate::check(root, Date::today());
    let Some(doc) = reg.practices.get(id) else {
        let known: Vec<&str> = reg.file_ids.practices.iter().map(|i| i.as_str()).collect();
        let m = match crate::syntax::decode::suggestion(id, &known) {
            Some(s) => msg!("cli_no_readable_practice_suggest", id = id, suggestion = s),
            None => msg!("cli_no_readable_practice", id = id),
        };
        eprintln!("{}", msg!("cli_error", error = m).render(ui));
        // The file may exist with errors of its own: show them.
        let own: Vec<_> = diags
            .into_iter()
            .filter(|d| d.file.contains(&format!("practices/{id}")))
            .collect();
        eprint!(
            "{}",
            report::render_human(&own, root, std::io::stderr().is_terminal(), ui)
        );
        return EXIT_CONTENT;
    };
    let lang = reg.default_language().to_owned();
    let p = &doc.model;
    // A date that did not decode is not shown (its error follows).
    let updated = if p.updated.is_broken() {
        "—".to_owned()
    } else {
        p.updated.value.to_string()
    };
    // Reviews are of the practice: filed under its id or any version's.
    let original = doc.original_id();
    let of_practice = |id: &crate::model::common::Id| {
        id == original
            || reg
                .practices
                .get(id)
                .and_then(|v| v.model.translation_of.as_ref())
                .is_some_and(|t| t.value == *original)
    };
    let reviews: Vec<_> = reg
        .reviews
        .iter()
        .filter(|r| of_practice(&r.practice))
        .collect();
    let verified = verified_levels(
        reviews
            .iter()
            .filter(|r| r.model.status != ReviewStatus::Draft)
            .map(|r| &r.model),
    );
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.title.value, doc.id);
    let latest = reviews.iter().max_by_key(|r| r.model.date.value);
    let head = match latest {
        Some(r) => msg!(
            "summary_head_latest",
            organization = p.organization.value.as_str(),
            updated = updated.clone(),
            n = reviews.len(),
            date = r.model.date.value.to_string(),
            status = r.model.status.as_str()
        ),
        None => msg!(
            "summary_head",
            organization = p.organization.value.as_str(),
            updated = updated.clone(),
            n = reviews.len()
        ),
    };
    let _ = writeln!(out, "{}", head.render(ui));
    let mut gaps = Vec::new();
    let mut verified_gaps = Vec::new();
    if let Some((_, scheme)) = &reg.scheme {
        for d in scheme.dimensions.iter() {
            let dim = d.id.as_str();
            let a = assess(scheme, dim, p);
            let claimed = p
                .evidence
                .as_ref()
                .and_then(|e| e.get(dim))
                .map(|l| l.value.to_string());
            let supported = scheme.levels.get(a.supported).map_or("", |l| l.id.as_str());
            let v = verified.get(dim);
            let _ = writeln!(out, "\n{} [{dim}]", d.label.get(&lang, &lang));
            let line = msg!(
                "summary_levels",
                claimed = claimed.as_deref().unwrap_or("—"),
                verified = v.map_or("—".to_owned(), |v| format!(
                    "{} ({}, {})",
                    v.level, v.reviewer, v.date
                )),
                supported = supported
            );
            let _ = writeln!(out, "  {}", line.render(ui));
            let claimed_rank = claimed.as_deref().and_then(|c| scheme.level_rank(c));
            let verified_rank = v.and_then(|v| scheme.level_rank(&v.level));
            for (rank, (level, findings)) in a.levels.iter().enumerate() {
                for f in findings {
                    let _ = writeln!(
                        out,
                        "  {} {level}: {} — {}",
                        if f.met { "✓" } else { "✗" },
                        f.key.name(),
                        f.text(ui)
                    );
                    if !f.met && claimed_rank.is_some_and(|c| rank <= c) {
                        gaps.push(format!("{dim}/{level}: {} — {}", f.key.name(), f.text(ui)));
                    }
                    if !f.met && verified_rank.is_some_and(|v| rank <= v) {
                        verified_gaps.push(format!(
                            "{dim}/{level}: {} — {}",
                            f.key.name(),
                            f.text(ui)
                        ));
                    }
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        ui.text(if gaps.is_empty() {
            "summary_no_gaps"
        } else {
            "summary_gaps"
        })
    );
    for g in &gaps {
        let _ = writeln!(out, "  - {g}");
    }
    // An expert's verification above what the rules find is for the
    // registry's editors to look at, as a claim above them is.
    if !verified_gaps.is_empty() {
        let _ = writeln!(out, "\n{}", ui.text("summary_verified_unsupported"));
        for g in &verified_gaps {
            let _ = writeln!(out, "  - {g}");
        }
    }
    print!("{out}");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let review_files: Vec<&str> = reviews.iter().map(|r| r.file.as_str()).collect();
    let own: Vec<_> = diags
        .into_iter()
        .filter(|d| d.file == doc.file || review_files.contains(&d.file.as_str()))
        .collect();
    let errors = diag::count(&own, Severity::Error);
    eprint!(
        "{}",
        report::render_human(&own, root, std::io::stderr().is_terminal(), ui)
    );
    let line = msg!(
        "summary_counts",
        errors = errors,
        warnings = diag::count(&own, Severity::Warning)
    );
    eprintln!("{}", line.render(ui));
    if errors > 0 { EXIT_CONTENT } else { EXIT_OK }
}
