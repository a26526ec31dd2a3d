//! A quality rubric (FORMAT.md §8): criteria with optional sub-criteria,
//! each describing what good and poor practice look like.

use super::common::{Id, Localized, Spanned};
use crate::syntax::decode::record;

record! {
    pub struct Rubric {
        req title: Localized = "title",
        opt description: Option<Localized> = "description",
        req criteria: Vec<Criterion> = "criteria",
    }
}

record! {
    pub struct Criterion {
        req id: Spanned<Id> = "id",
        req label: Localized = "label",
        opt good: Option<Localized> = "good",
        opt poor: Option<Localized> = "poor",
        opt children: Vec<Criterion> = "children",
    }
}

impl Rubric {
    /// Every criterion, depth first.
    pub fn all_criteria(&self) -> Vec<&Criterion> {
        fn walk<'a>(cs: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
            for c in cs {
                out.push(c);
                walk(&c.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.criteria, &mut out);
        out
    }
}
