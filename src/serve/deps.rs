//! What an edit affects: the explicit dependency data behind incremental
//! rebuilds.
//!
//! Two small vocabularies meet here. An [`Input`] is what a changed file
//! is to dokaz (a practice, a review of a practice, a template, …); a
//! [`PageKey`] is what an output file is (a practice page, a term listing
//! with all its pager pages, the catalogue, open data, …), the same in
//! every language. [`affected`] maps the inputs changed since the last
//! good build to the keys to render again, looking at the registry before
//! and after the edit (a practice that moves from one region to another
//! changes both regions' pages).
//!
//! The mapping is deliberately coarse where precision would be fragile:
//! anything that changes the set of published documents (a file added,
//! deleted, renamed, a draft published) or the vocabulary every page uses
//! (registry.yaml, taxonomies, the evidence scheme, rubrics, themes, an
//! unknown template) is [`Affected::all`], a full render. The test that a
//! full render and an incremental one give the same bytes is in
//! `serve::site`.

use crate::model::Registry;
use crate::model::common::Id;
use crate::render::pages::{KINDS, Kind, Shows};
pub use crate::render::routes::{PageKey, page_key};
use std::collections::BTreeSet;

pub use crate::load::paths::{Input, input_of};

/// The keys to render again.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Affected {
    /// Everything: a full render.
    pub all: bool,
    pub keys: BTreeSet<PageKey>,
    /// Page kinds (their [`Kind::name`]) all of whose pages are stale.
    pub kinds: BTreeSet<&'static str>,
}

impl Affected {
    fn everything() -> Affected {
        Affected {
            all: true,
            ..Affected::default()
        }
    }

    pub fn contains(&self, key: &PageKey) -> bool {
        self.all
            || self.keys.contains(key)
            || KINDS
                .iter()
                .any(|k| self.kinds.contains(k.name) && (k.owns)(key))
    }

    /// Splits into the own pages of the practices `inputs` name (their
    /// pages, data and attachments: what the author is looking at) and
    /// the rest, so that serve can show the former first.
    pub fn split_own(&self, inputs: &BTreeSet<Input>) -> (Affected, Affected) {
        let mut own = Affected::default();
        if self.all {
            return (own, self.clone());
        }
        for input in inputs {
            if let Input::Practice(id) | Input::Review(id) | Input::Attachment(id) = input {
                own.keys.extend(own_keys(id));
            }
        }
        own.keys.retain(|k| self.contains(k));
        let mut rest = self.clone();
        rest.keys.retain(|k| !own.keys.contains(k));
        (own, rest)
    }

    fn add_kind(&mut self, kind: &Kind) {
        self.kinds.insert(kind.name);
    }

    /// Every page that shows part of the practice `id`, in one registry
    /// state (called with the state before and after), as the page kinds
    /// declare it.
    fn add_practice(&mut self, reg: &Registry, id: &str) {
        self.keys.extend(own_keys(id));
        let Some(p) = reg.practices.get(&Id(id.to_owned())) else {
            return;
        };
        for kind in KINDS {
            match kind.shows {
                Shows::Nothing => {}
                Shows::EveryPractice => self.add_kind(kind),
                Shows::Some(keys) => self.keys.extend(keys(reg, p)),
            }
        }
    }
}

/// A practice's own files: its page, its data and its attachments.
fn own_keys(id: &str) -> [PageKey; 3] {
    [
        PageKey::Practice(id.to_owned()),
        PageKey::PracticeData(id.to_owned()),
        PageKey::Attachment(id.to_owned()),
    ]
}

/// The ids of the documents a registry publishes: when they differ before
/// and after an edit, pages appear or disappear and listings reflow, so
/// everything is rendered again.
fn published(reg: &Registry, drafts: bool) -> (Vec<&Id>, Vec<&Id>, usize) {
    (
        reg.practices
            .values()
            .filter(|p| drafts || !p.model.draft)
            .map(|p| &p.id)
            .collect(),
        reg.organizations.keys().collect(),
        reg.rubrics.len(),
    )
}

/// The keys to render again after `inputs` changed, going from `old` to
/// `new` (both valid registries).
pub fn affected(
    inputs: &BTreeSet<Input>,
    old: &Registry,
    new: &Registry,
    drafts: bool,
) -> Affected {
    if published(old, drafts) != published(new, drafts) {
        return Affected::everything();
    }
    let mut a = Affected::default();
    let mut practices: BTreeSet<String> = BTreeSet::new();
    for input in inputs {
        match input {
            Input::Ignored => {}
            Input::Config | Input::Taxonomy | Input::Scheme | Input::Rubric | Input::Theme => {
                return Affected::everything();
            }
            Input::Practice(id) | Input::Review(id) | Input::Attachment(id) => {
                practices.insert(id.clone());
            }
            Input::Organization(id) => {
                a.keys.insert(PageKey::Organization(id.clone()));
                // Cards and listings name the organization.
                for kind in KINDS {
                    if matches!(kind.shows, Shows::EveryPractice) {
                        a.add_kind(kind);
                    }
                }
                for reg in [old, new] {
                    practices.extend(
                        reg.practices
                            .values()
                            .filter(|p| p.model.organization.value.0 == *id)
                            .map(|p| p.id.0.clone()),
                    );
                }
            }
            Input::Static => {
                a.kinds.insert(crate::render::pages::statics::KIND.name);
            }
            Input::Template(name) => {
                let users: Vec<&Kind> = KINDS
                    .iter()
                    .filter(|k| {
                        k.template == Some(name.as_str()) || (name == "card.html" && k.cards)
                    })
                    .collect();
                // base.html, macros.html and anything they include: every page.
                if users.is_empty() {
                    return Affected::everything();
                }
                for kind in users {
                    a.add_kind(kind);
                }
            }
        }
    }
    for id in &practices {
        a.add_practice(old, id);
        a.add_practice(new, id);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::routes::Taxonomy;

    #[test]
    fn changed_files_to_inputs() {
        assert_eq!(input_of("registry.yaml"), Input::Config);
        assert_eq!(
            input_of("content/practices/a.md"),
            Input::Practice("a".into())
        );
        assert_eq!(
            input_of("content/practices/a/index.md"),
            Input::Practice("a".into())
        );
        assert_eq!(
            input_of("content/practices/a/reg.pdf"),
            Input::Attachment("a".into())
        );
        assert_eq!(
            input_of("content/reviews/a/2020-01-01-x.yaml"),
            Input::Review("a".into())
        );
        assert_eq!(
            input_of("content/organizations/o.md"),
            Input::Organization("o".into())
        );
        assert_eq!(input_of("content/taxonomies/regions.yaml"), Input::Taxonomy);
        assert_eq!(input_of("content/evidence.yaml"), Input::Scheme);
        assert_eq!(input_of("content/rubrics/r.yaml"), Input::Rubric);
        assert_eq!(
            input_of("templates/practice.html"),
            Input::Template("practice.html".into())
        );
        assert_eq!(input_of("static/x.css"), Input::Static);
        assert_eq!(input_of("themes/t/templates/base.html"), Input::Theme);
        // Editors' temporary files and the output are not inputs.
        assert_eq!(input_of("content/practices/.a.md.swp"), Input::Ignored);
        assert_eq!(input_of("content/practices/a.md~"), Input::Ignored);
        assert_eq!(input_of("content/practices/4913"), Input::Ignored);
        assert_eq!(input_of("output/index.html"), Input::Ignored);
        assert_eq!(input_of("target/debug/x"), Input::Ignored);
    }

    fn example() -> Registry {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut d = Vec::new();
        crate::load::load(root, &mut d)
    }

    #[test]
    fn a_practice_edit_affects_its_pages_and_the_listings_only() {
        let reg = example();
        let id = "teplyi-dom";
        let p = &reg.practices[&Id(id.into())];
        let inputs = BTreeSet::from([Input::Practice(id.into())]);
        let a = affected(&inputs, &reg, &reg, false);
        assert!(!a.all);
        assert!(a.contains(&PageKey::Practice(id.into())));
        assert!(a.contains(&PageKey::PracticeData(id.into())));
        assert!(a.contains(&PageKey::Organization(p.model.organization.value.0.clone())));
        for k in [
            PageKey::Home,
            PageKey::Catalogue,
            PageKey::Results,
            PageKey::Reviews,
            PageKey::OpenData,
            PageKey::Feed,
            PageKey::Sitemap,
        ] {
            assert!(a.contains(&k), "{k:?}");
        }
        let region = &p.model.regions[0].value.0;
        assert!(a.contains(&PageKey::Term(Taxonomy::Regions, region.clone())));
        // Another practice (of another organization, not a translation),
        // its data, and unrelated terms are left alone.
        let other = "mother-house".to_owned();
        assert!(!a.contains(&PageKey::Practice(other.clone())));
        assert!(!a.contains(&PageKey::Organization("mother-house-kz".into())));
        assert!(!a.contains(&PageKey::Term(Taxonomy::Regions, "astana".into())));
        // Its translation takes its facts.
        assert!(a.contains(&PageKey::Practice("warm-home".into())));
        assert!(!a.contains(&PageKey::PracticeData(other)));
        assert!(!a.contains(&PageKey::Term(Taxonomy::Regions, "no-such".into())));
        assert!(!a.contains(&PageKey::Static("static/style.css".into())));
        assert!(!a.contains(&PageKey::NotFound));
    }

    #[test]
    fn a_practice_moving_term_affects_the_old_and_the_new_term() {
        let old = example();
        let mut new = example();
        let id = Id("teplyi-dom".into());
        let was = old.practices[&id].model.regions[0].value.clone();
        let now = new.taxonomies["regions"]
            .all_terms()
            .into_iter()
            .map(|t| t.id.value.clone())
            .find(|t| *t != was)
            .expect("more than one region");
        if let Some(p) = new.practices.get_mut(&id) {
            std::sync::Arc::make_mut(p).model.regions[0].value = now.clone();
        }
        let a = affected(
            &BTreeSet::from([Input::Practice(id.0.clone())]),
            &old,
            &new,
            false,
        );
        assert!(a.contains(&PageKey::Term(Taxonomy::Regions, was.0)));
        assert!(a.contains(&PageKey::Term(Taxonomy::Regions, now.0)));
    }

    #[test]
    fn structural_and_vocabulary_changes_render_everything() {
        let old = example();
        let mut new = example();
        let any = BTreeSet::from([Input::Practice("x".into())]);
        let first = new.practices.keys().next().cloned().expect("a practice");
        new.practices.remove(&first);
        assert!(affected(&any, &old, &new, false).all, "a practice removed");
        for input in [
            Input::Config,
            Input::Taxonomy,
            Input::Scheme,
            Input::Rubric,
            Input::Theme,
            Input::Template("base.html".into()),
        ] {
            assert!(
                affected(&BTreeSet::from([input.clone()]), &old, &old, false).all,
                "{input:?}"
            );
        }
    }

    #[test]
    fn templates_affect_what_uses_them() {
        let reg = example();
        let a = affected(
            &BTreeSet::from([Input::Template("term.html".into())]),
            &reg,
            &reg,
            false,
        );
        assert!(!a.all);
        assert!(a.contains(&PageKey::Term(Taxonomy::Regions, "x".into())));
        assert!(!a.contains(&PageKey::Practice("warm-home".into())));
        assert!(!a.contains(&PageKey::Home));
        let s = affected(&BTreeSet::from([Input::Static]), &reg, &reg, false);
        assert!(s.contains(&PageKey::Static("static/style.css".into())));
        assert!(!s.contains(&PageKey::Home));
        let none = affected(&BTreeSet::from([Input::Ignored]), &reg, &reg, false);
        assert_eq!(none, Affected::default());
    }
}
