#![recursion_limit = "256"]
//! dokaz — a static-site generator for registries of evidence-based social
//! practices.
//!
//! The pipeline a file goes through, one module per stage:
//! [`syntax`] (read text, parse YAML with positions, decode, diagnostics)
//! → [`model`] (typed practice, organization, review, taxonomy, evidence
//! scheme, rubric) → [`load`] (which file is what, walk, cache, decode
//! each document) → [`validate`] (named rules producing
//! [`syntax::diag`]nostics) → [`render`] (markdown, templates, open data)
//! → [`write`] (atomic output). [`cli`] and [`serve`] sit on top.
//! Each layer imports only from the layers before it.

pub mod build;
pub mod cli;
pub mod generate;
pub mod l10n;
pub mod load;
pub mod model;
pub mod render;
pub mod schema;
pub mod serve;
pub mod syntax;
pub mod translit;
pub mod validate;
pub mod write;

use model::common::Date;
use std::path::Path;
use syntax::diag::Diagnostic;

/// Loads and validates the registry at `root`: the model and every problem,
/// sorted. (The pipeline's first step, [`build::check`], without its
/// counts and timings.)
pub fn check(root: &Path, today: Date) -> (model::Registry, Vec<Diagnostic>) {
    let checked = build::check(root, today);
    (checked.reg, checked.diags)
}
