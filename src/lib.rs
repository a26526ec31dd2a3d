#![recursion_limit = "256"]
//! dokaz — a static-site generator for registries of evidence-based social
//! practices.
//!
//! The pipeline a file goes through, one module per stage:
//! [`load`] (walk, split front matter, parse YAML with positions, decode)
//! → [`model`] (typed practice, organization, review, taxonomy, evidence
//! scheme, rubric) → [`validate`] (named rules producing [`diag`]nostics).
//! → [`render`] (markdown, templates, open data) → [`write`] (atomic
//! output). [`cli`] sits on top.

pub mod cli;
pub mod diag;
pub mod generate;
pub mod load;
pub mod model;
pub mod render;
pub mod schema;
pub mod serve;
pub mod translit;
pub mod validate;
pub mod write;

use diag::Diagnostic;
use model::common::Date;
use std::path::Path;

/// Loads and validates the registry at `root`: the model and every problem,
/// sorted.
pub fn check(root: &Path, today: Date) -> (model::Registry, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let reg = load::load(root, &mut diags);
    validate::validate(&reg, today, &mut diags);
    diag::normalize(&mut diags);
    (reg, diags)
}
