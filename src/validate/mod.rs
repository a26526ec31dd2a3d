//! Validation: the checks of FORMAT.md beyond types, as named rules.
//!
//! Each rule is a function named after what it rejects, in the module of
//! the concern it belongs to, raising one diagnostic code; `docs/rules.md`
//! is the table from code to rule to module. Rules only read the model and
//! append diagnostics, so they run in any order and all of them always run.

pub mod codes;
pub mod config;
pub mod evaluation;
pub mod evidence;
pub mod invisible;
pub mod links;
pub mod logic_model;
pub mod numbers;
pub mod placeholders;
pub mod references;
pub mod reviews;
pub mod translations;

use crate::l10n::Msg;
use crate::model::Registry;
use crate::model::common::{Date, Id};
use crate::syntax::diag::{Diagnostic, Span};

/// Shared state of one validation run.
pub struct Checker<'a> {
    pub reg: &'a Registry,
    pub today: Date,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Every finding goes through here. One about a value a translation
    /// inherits is its original's finding, which the original reports at
    /// the value's real place; it is not repeated. One about the stand-in
    /// for a value that did not decode ([`Span::BROKEN`]) is not a finding:
    /// the value's own error says what is wrong with it.
    fn push(&mut self, d: Diagnostic) {
        if d.span().is_real() {
            self.diags.push(d);
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        file: &str,
        span: Span,
        msg: Msg,
        hint: impl Into<Option<Msg>>,
    ) {
        self.push(Diagnostic::error(code, msg, file, span).with_hint(hint));
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        file: &str,
        span: Span,
        msg: Msg,
        hint: impl Into<Option<Msg>>,
    ) {
        self.push(Diagnostic::warning(code, msg, file, span).with_hint(hint));
    }

    pub fn note(
        &mut self,
        code: &'static str,
        file: &str,
        span: Span,
        msg: Msg,
        hint: impl Into<Option<Msg>>,
    ) {
        self.push(Diagnostic::note(code, msg, file, span).with_hint(hint));
    }
}

/// Runs every rule over a loaded registry.
pub fn validate(reg: &Registry, today: Date, diags: &mut Vec<Diagnostic>) {
    validate_inner(reg, today, diags, None);
}

/// The rules that look at one practice at a time (with the registry's
/// vocabularies, the ids of its files and the practice's own folder).
fn practice_rules(c: &mut Checker, doc: &crate::model::Doc<crate::model::practice::Practice>) {
    if doc.model.translation_of.is_some() {
        // A translation's facts are its original's, judged there; its
        // texts and links are its own.
        links::check_practice(c, doc);
        invisible::check_practice(c, doc);
        return;
    }
    references::check_practice(c, doc);
    logic_model::check(c, doc);
    numbers::check(c, doc);
    links::check_practice(c, doc);
    evidence::check_claims(c, doc);
    evidence::check_cost_currency(c, doc);
    evaluation::done_without_facts(c, doc);
    invisible::check_practice(c, doc);
}

/// What the per-practice rules found, kept between runs by `dokaz serve`:
/// after a save that changed only practices (or their reviews or
/// attachments), the other practices' findings are reused. They depend on
/// the practice, the vocabularies, the scheme, the ids of the registry's
/// files and the practice's folder, so any other change, or a different
/// set of files, runs everything.
#[derive(Default)]
pub struct Cache {
    practices: std::collections::HashMap<Id, Vec<Diagnostic>>,
    file_ids: Option<(Vec<Id>, Vec<Id>, Vec<Id>)>,
}

/// [`validate`], re-running the per-practice rules only for the practices
/// in `changed` (`None`: everything changed). Gives the same diagnostics
/// as [`validate`] once sorted.
pub fn validate_cached(
    reg: &Registry,
    today: Date,
    diags: &mut Vec<Diagnostic>,
    cache: &mut Cache,
    changed: Option<&std::collections::BTreeSet<Id>>,
) {
    validate_inner(reg, today, diags, Some((cache, changed)));
}

type CacheUse<'c> = Option<(&'c mut Cache, Option<&'c std::collections::BTreeSet<Id>>)>;

fn validate_inner(reg: &Registry, today: Date, diags: &mut Vec<Diagnostic>, cache: CacheUse) {
    let mut c = Checker { reg, today, diags };
    config::check(&mut c);
    references::check_vocabularies(&mut c);
    evidence::check_scheme(&mut c);
    match cache {
        None => {
            for doc in reg.practices.values() {
                practice_rules(&mut c, doc);
            }
        }
        Some((cache, changed)) => {
            let ids = |s: &std::collections::BTreeSet<Id>| s.iter().cloned().collect::<Vec<_>>();
            let file_ids = (
                ids(&reg.file_ids.practices),
                ids(&reg.file_ids.organizations),
                ids(&reg.file_ids.rubrics),
            );
            if changed.is_none() || cache.file_ids.as_ref() != Some(&file_ids) {
                cache.practices.clear();
            }
            cache.file_ids = Some(file_ids);
            cache.practices.retain(|id, _| {
                reg.practices.contains_key(id) && !changed.is_some_and(|ch| ch.contains(id))
            });
            for doc in reg.practices.values() {
                let found = cache.practices.entry(doc.id.clone()).or_insert_with(|| {
                    let mut d = Vec::new();
                    let mut pc = Checker {
                        reg,
                        today,
                        diags: &mut d,
                    };
                    practice_rules(&mut pc, doc);
                    d
                });
                c.diags.extend(found.iter().cloned());
            }
        }
    }
    for doc in reg.organizations.values() {
        references::check_organization(&mut c, doc);
        links::check_organization(&mut c, doc);
        invisible::check_organization(&mut c, doc);
    }
    for r in &reg.reviews {
        invisible::check_review(&mut c, r);
    }
    for doc in reg.rubrics.values() {
        invisible::check_rubric(&mut c, doc);
    }
    reviews::check(&mut c);
    reviews::due_for_re_review(&mut c);
    translations::check(&mut c);
    placeholders::check(&mut c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
        crate::syntax::diag::normalize(&mut d);
        d
    }

    #[test]
    fn cached_validation_equals_a_full_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = Date::parse("2024-06-01").expect("date");
        let mut d = Vec::new();
        let mut reg = crate::load::load(root, &mut d);
        let full = |reg: &Registry| {
            let mut d = Vec::new();
            validate(reg, today, &mut d);
            sorted(d)
        };
        let mut cache = Cache::default();
        let cached = |reg: &Registry, cache: &mut Cache, ch: Option<&BTreeSet<Id>>| {
            let mut d = Vec::new();
            validate_cached(reg, today, &mut d, cache, ch);
            sorted(d)
        };
        assert_eq!(cached(&reg, &mut cache, None), full(&reg));
        let none = BTreeSet::new();
        assert_eq!(cached(&reg, &mut cache, Some(&none)), full(&reg));
        // Break one practice: an unknown organization.
        let id = Id("teplyi-dom".into());
        if let Some(p) = reg.practices.get_mut(&id) {
            std::sync::Arc::make_mut(p).model.organization.value = Id("no-such-org".into());
        }
        let changed = BTreeSet::from([id.clone()]);
        let after = cached(&reg, &mut cache, Some(&changed));
        assert_eq!(after, full(&reg));
        assert!(
            after.len()
                > full(&{
                    let mut d = Vec::new();
                    crate::load::load(root, &mut d)
                })
                .len()
        );
        // Not naming it would keep the stale findings: the cache trusts
        // its caller, which names every changed practice.
        let mut d = Vec::new();
        let reg2 = crate::load::load(root, &mut d);
        assert_ne!(cached(&reg2, &mut cache, Some(&none)), full(&reg2));
        assert_eq!(cached(&reg2, &mut cache, Some(&changed)), full(&reg2));
    }
}
