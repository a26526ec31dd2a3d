//! Taxonomies (FORMAT.md §3): controlled vocabularies of nested terms.

use super::common::{Id, Localized, Spanned};
use crate::syntax::decode::record;
use std::collections::BTreeMap;

/// The taxonomies a practice refers to, by file name.
pub const KNOWN: &[&str] = &[
    "target-groups",
    "thematic-areas",
    "practice-types",
    "activity-types",
    "regions",
];

record! {
    pub struct Term {
        req id: Spanned<Id> = "id",
        req label: Localized = "label",
        opt children: Vec<Term> = "children",
    }
}

/// One taxonomy, flattened for lookups: every term knows its parent.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub name: String,
    pub file: String,
    pub terms: Vec<Term>,
    /// id → parent id (None for top-level terms).
    pub parents: BTreeMap<Id, Option<Id>>,
    /// id → label, for lookups while rendering.
    pub labels: BTreeMap<Id, Localized>,
    /// Whether a term's id did not decode: a term named elsewhere may be
    /// that one, so it is not reported unknown until the id is fixed.
    pub incomplete: bool,
}

impl Taxonomy {
    pub fn new(name: String, file: String, terms: Vec<Term>) -> Self {
        let mut parents = BTreeMap::new();
        fn walk(terms: &[Term], parent: Option<&Id>, out: &mut BTreeMap<Id, Option<Id>>) {
            for t in terms {
                // A stand-in for an id that did not decode is no term.
                if !t.id.is_broken() {
                    out.entry(t.id.value.clone())
                        .or_insert_with(|| parent.cloned());
                }
                walk(&t.children, Some(&t.id.value), out);
            }
        }
        walk(&terms, None, &mut parents);
        let incomplete = {
            fn any_broken(terms: &[Term]) -> bool {
                terms
                    .iter()
                    .any(|t| t.id.is_broken() || any_broken(&t.children))
            }
            any_broken(&terms)
        };
        let mut tax = Taxonomy {
            name,
            file,
            terms,
            parents,
            labels: BTreeMap::new(),
            incomplete,
        };
        tax.labels = tax
            .all_terms()
            .into_iter()
            .map(|t| (t.id.value.clone(), t.label.clone()))
            .collect();
        tax
    }

    pub fn contains(&self, id: &str) -> bool {
        self.parents.contains_key(id)
    }

    /// Every term in depth-first order.
    pub fn all_terms(&self) -> Vec<&Term> {
        fn walk<'a>(terms: &'a [Term], out: &mut Vec<&'a Term>) {
            for t in terms {
                out.push(t);
                walk(&t.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.terms, &mut out);
        out
    }
}
