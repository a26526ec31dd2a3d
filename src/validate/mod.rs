//! Validation: the checks of FORMAT.md beyond types, as named rules.
//!
//! Each rule is a function named after what it rejects, in the module of
//! the concern it belongs to, raising one diagnostic code; `docs/rules.md`
//! is the table from code to rule to module. Rules only read the model and
//! append diagnostics, so they run in any order and all of them always run.

pub mod codes;
pub mod config;
pub mod evidence;
pub mod links;
pub mod logic_model;
pub mod numbers;
pub mod placeholders;
pub mod references;
pub mod reviews;
pub mod translations;

use crate::diag::{Diagnostic, Span};
use crate::model::Registry;
use crate::model::common::Date;

/// Shared state of one validation run.
pub struct Checker<'a> {
    pub reg: &'a Registry,
    pub today: Date,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    pub fn error(
        &mut self,
        code: &'static str,
        file: &str,
        span: Span,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::error(code, msg, file, span).with_hint(hint));
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        file: &str,
        span: Span,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::warning(code, msg, file, span).with_hint(hint));
    }
}

/// Runs every rule over a loaded registry.
pub fn validate(reg: &Registry, today: Date, diags: &mut Vec<Diagnostic>) {
    let mut c = Checker { reg, today, diags };
    config::check(&mut c);
    references::check_vocabularies(&mut c);
    evidence::check_scheme(&mut c);
    for doc in reg.practices.values() {
        references::check_practice(&mut c, doc);
        logic_model::check(&mut c, doc);
        numbers::check(&mut c, doc);
        links::check_practice(&mut c, doc);
        evidence::check_claims(&mut c, doc);
    }
    for doc in reg.organizations.values() {
        references::check_organization(&mut c, doc);
        links::check_organization(&mut c, doc);
    }
    reviews::check(&mut c);
    translations::check(&mut c);
    placeholders::check(&mut c);
}
