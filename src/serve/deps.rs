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
use crate::render::practice_terms;
use crate::render::views::{TAXONOMY_PATHS, taxonomy_path};
use std::collections::BTreeSet;

/// What one output file belongs to. Pager pages share their listing's key
/// (the number of pages may change), languages share one key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    Home,
    /// `practices/`, `practices/page/N/`.
    Catalogue,
    Practice(String),
    Organization(String),
    /// A term's listing: the taxonomy's URL segment and the term id.
    Term(String, String),
    /// `search/`: the search page (its filters list the vocabularies
    /// and the languages of the practices).
    Search,
    /// `compare/`: the comparison page.
    Compare,
    Results,
    Evidence,
    Reviews,
    Rubric(String),
    /// `data/practices/<id>.json`.
    PracticeData(String),
    /// `data/practices.json`, `data/indicators.csv`.
    OpenData,
    Feed,
    Sitemap,
    Robots,
    NotFound,
    Static(String),
    /// `files/<practice>/…`.
    Attachment(String),
    Other(String),
}

/// The key of an output path (`en/practices/x/index.html` →
/// `Practice("x")`). `languages` are the UI languages; their prefixes are
/// stripped.
pub fn page_key(path: &str, languages: &[String]) -> PageKey {
    let path = match path.split_once('/') {
        Some((first, rest)) if languages.iter().any(|l| l == first) => rest,
        _ => path,
    };
    let parts: Vec<&str> = path.split('/').collect();
    let own = |s: &str| s.to_owned();
    match parts.as_slice() {
        ["index.html"] => PageKey::Home,
        // The catalogue's pages and its filter data (every practice).
        ["practices", "index.html"]
        | ["practices", "page", ..]
        | ["practices", "catalogue.json"] => PageKey::Catalogue,
        ["practices", id, "index.html"] => PageKey::Practice(own(id)),
        ["organizations", id, ..] => PageKey::Organization(own(id)),
        ["search", "index.html"] => PageKey::Search,
        ["compare", "index.html"] => PageKey::Compare,
        // A practice's comparison data is built from its page's context.
        ["compare", f] => f.strip_suffix(".json").map_or_else(
            || PageKey::Other(own(path)),
            |id| PageKey::Practice(own(id)),
        ),
        ["results", "index.html"] => PageKey::Results,
        ["evidence", "index.html"] => PageKey::Evidence,
        ["reviews", "index.html"] => PageKey::Reviews,
        ["rubrics", id, ..] => PageKey::Rubric(own(id)),
        ["data", "practices", f] => f.strip_suffix(".json").map_or_else(
            || PageKey::Other(own(path)),
            |id| PageKey::PracticeData(own(id)),
        ),
        ["data", "practices.json"] | ["data", "indicators.csv"] => PageKey::OpenData,
        ["feed.xml"] => PageKey::Feed,
        ["sitemap.xml"] => PageKey::Sitemap,
        ["robots.txt"] => PageKey::Robots,
        ["404.html"] => PageKey::NotFound,
        ["static", ..] => PageKey::Static(own(path)),
        ["files", id, ..] => PageKey::Attachment(own(id)),
        [tax, term, ..] if TAXONOMY_PATHS.iter().any(|(_, p)| p == tax) => {
            PageKey::Term(own(tax), own(term))
        }
        _ => PageKey::Other(own(path)),
    }
}

// What a changed file is comes from the loader's path grammar, so that
// serve and the loader agree on every file (and on which to ignore).
pub use crate::load::paths::{Input, input_of};

/// The keys to render again.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Affected {
    /// Everything: a full render.
    pub all: bool,
    pub keys: BTreeSet<PageKey>,
    pub all_practices: bool,
    pub all_terms: bool,
    pub all_organizations: bool,
    pub all_rubrics: bool,
    pub all_static: bool,
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
            || match key {
                PageKey::Practice(_) => self.all_practices,
                PageKey::Term(..) => self.all_terms,
                PageKey::Organization(_) => self.all_organizations,
                PageKey::Rubric(_) => self.all_rubrics,
                PageKey::Static(_) => self.all_static,
                _ => false,
            }
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
                own.keys.extend([
                    PageKey::Practice(id.clone()),
                    PageKey::PracticeData(id.clone()),
                    PageKey::Attachment(id.clone()),
                ]);
            }
        }
        own.keys.retain(|k| self.contains(k));
        let mut rest = self.clone();
        rest.keys.retain(|k| !own.keys.contains(k));
        (own, rest)
    }

    /// The pages every practice appears on: listings, the libraries built
    /// from all practices, open data and feeds.
    fn add_aggregates(&mut self) {
        self.keys.extend([
            PageKey::Home,
            PageKey::Catalogue,
            PageKey::Search,
            PageKey::Compare,
            PageKey::Results,
            PageKey::Evidence,
            PageKey::Reviews,
            PageKey::OpenData,
            PageKey::Feed,
            PageKey::Sitemap,
        ]);
        // Rubric pages name the practices rated against them.
        self.all_rubrics = true;
    }

    /// A practice's own pages and every page that shows part of it, in
    /// one registry state (called with the state before and after).
    fn add_practice(&mut self, reg: &Registry, id: &str) {
        let key = Id(id.to_owned());
        self.keys.insert(PageKey::Practice(id.to_owned()));
        self.keys.insert(PageKey::PracticeData(id.to_owned()));
        self.keys.insert(PageKey::Attachment(id.to_owned()));
        let Some(p) = reg.practices.get(&key) else {
            return;
        };
        self.keys
            .insert(PageKey::Organization(p.model.organization.value.0.clone()));
        // The pages of its translations name it.
        let original = p.model.translation_of.as_ref().map_or(&key, |t| &t.value);
        self.keys.insert(PageKey::Practice(original.0.clone()));
        for other in reg.practices.values() {
            if other
                .model
                .translation_of
                .as_ref()
                .is_some_and(|t| t.value == *original)
            {
                self.keys.insert(PageKey::Practice(other.id.0.clone()));
            }
        }
        // Its terms and their ancestors (a parent lists its children's
        // practices).
        for (tax, terms) in practice_terms(&p.model) {
            let path = taxonomy_path(tax).to_owned();
            let parents = reg.taxonomies.get(tax).map(|t| &t.parents);
            for term in terms {
                let mut cur = Some(term);
                let mut guard = 0;
                while let Some(t) = cur {
                    self.keys.insert(PageKey::Term(path.clone(), t.0.clone()));
                    cur = parents.and_then(|ps| ps.get(&t).cloned().flatten());
                    guard += 1;
                    if guard > 64 {
                        break;
                    }
                }
            }
        }
    }
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
                a.add_aggregates();
                for reg in [old, new] {
                    practices.extend(
                        reg.practices
                            .values()
                            .filter(|p| p.model.organization.value.0 == *id)
                            .map(|p| p.id.0.clone()),
                    );
                }
            }
            Input::Static => a.all_static = true,
            Input::Template(name) => match name.as_str() {
                "practice.html" => a.all_practices = true,
                "term.html" => a.all_terms = true,
                "organization.html" => a.all_organizations = true,
                "rubric.html" => a.all_rubrics = true,
                "home.html" => {
                    a.keys.insert(PageKey::Home);
                }
                "catalogue.html" => {
                    a.keys.insert(PageKey::Catalogue);
                }
                "results.html" => {
                    a.keys.insert(PageKey::Results);
                }
                "evidence.html" => {
                    a.keys.insert(PageKey::Evidence);
                }
                "reviews.html" => {
                    a.keys.insert(PageKey::Reviews);
                }
                "404.html" => {
                    a.keys.insert(PageKey::NotFound);
                }
                "card.html" => {
                    a.keys.extend([PageKey::Home, PageKey::Catalogue]);
                    a.all_terms = true;
                }
                // base.html, macros.html and anything they include: every page.
                _ => return Affected::everything(),
            },
        }
    }
    if !practices.is_empty() {
        a.add_aggregates();
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

    fn langs() -> Vec<String> {
        vec!["ru".into(), "en".into()]
    }

    #[test]
    fn output_paths_to_keys() {
        let k = |p: &str| page_key(p, &langs());
        assert_eq!(k("index.html"), PageKey::Home);
        assert_eq!(k("en/index.html"), PageKey::Home);
        assert_eq!(k("practices/index.html"), PageKey::Catalogue);
        assert_eq!(k("en/practices/page/3/index.html"), PageKey::Catalogue);
        assert_eq!(
            k("en/practices/warm-home/index.html"),
            PageKey::Practice("warm-home".into())
        );
        assert_eq!(
            k("regions/moscow/page/2/index.html"),
            PageKey::Term("regions".into(), "moscow".into())
        );
        assert_eq!(
            k("themes/family/index.html"),
            PageKey::Term("themes".into(), "family".into())
        );
        assert_eq!(
            k("organizations/o/index.html"),
            PageKey::Organization("o".into())
        );
        assert_eq!(k("rubrics/r/index.html"), PageKey::Rubric("r".into()));
        assert_eq!(
            k("data/practices/x.json"),
            PageKey::PracticeData("x".into())
        );
        assert_eq!(k("data/practices.json"), PageKey::OpenData);
        assert_eq!(k("en/practices/catalogue.json"), PageKey::Catalogue);
        assert_eq!(k("compare/x.json"), PageKey::Practice("x".into()));
        assert_eq!(k("en/compare/index.html"), PageKey::Compare);
        assert_eq!(k("search/index.html"), PageKey::Search);
        assert_eq!(k("data/indicators.csv"), PageKey::OpenData);
        assert_eq!(k("files/x/a.pdf"), PageKey::Attachment("x".into()));
        assert_eq!(
            k("static/style.css"),
            PageKey::Static("static/style.css".into())
        );
        assert_eq!(k("404.html"), PageKey::NotFound);
        assert_eq!(k("feed.xml"), PageKey::Feed);
        assert_eq!(k("sitemap.xml"), PageKey::Sitemap);
        assert_eq!(k("results/index.html"), PageKey::Results);
        assert_eq!(k("reviews/index.html"), PageKey::Reviews);
        assert_eq!(k("evidence/index.html"), PageKey::Evidence);
    }

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
        let id = "warm-home";
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
        assert!(a.contains(&PageKey::Term("regions".into(), region.clone())));
        // Another practice (of another organization, not a translation),
        // its data, and unrelated terms are left alone.
        let other = "mother-house".to_owned();
        assert!(!a.contains(&PageKey::Practice(other.clone())));
        assert!(!a.contains(&PageKey::Organization("mother-house-kz".into())));
        assert!(!a.contains(&PageKey::Term("regions".into(), "astana".into())));
        // Its translation names it.
        assert!(a.contains(&PageKey::Practice("teplyi-dom".into())));
        assert!(!a.contains(&PageKey::PracticeData(other)));
        assert!(!a.contains(&PageKey::Term("regions".into(), "no-such".into())));
        assert!(!a.contains(&PageKey::Static("static/style.css".into())));
        assert!(!a.contains(&PageKey::NotFound));
    }

    #[test]
    fn a_practice_moving_term_affects_the_old_and_the_new_term() {
        let old = example();
        let mut new = example();
        let id = Id("warm-home".into());
        let was = old.practices[&id].model.regions[0].value.clone();
        let now = new.taxonomies["regions"]
            .all_terms()
            .into_iter()
            .map(|t| t.id.value.clone())
            .find(|t| *t != was)
            .expect("more than one region");
        if let Some(p) = new.practices.get_mut(&id) {
            p.model.regions[0].value = now.clone();
        }
        let a = affected(
            &BTreeSet::from([Input::Practice(id.0.clone())]),
            &old,
            &new,
            false,
        );
        assert!(a.contains(&PageKey::Term("regions".into(), was.0)));
        assert!(a.contains(&PageKey::Term("regions".into(), now.0)));
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
        assert!(a.contains(&PageKey::Term("regions".into(), "x".into())));
        assert!(!a.contains(&PageKey::Practice("warm-home".into())));
        assert!(!a.contains(&PageKey::Home));
        let s = affected(&BTreeSet::from([Input::Static]), &reg, &reg, false);
        assert!(s.contains(&PageKey::Static("static/style.css".into())));
        assert!(!s.contains(&PageKey::Home));
        let none = affected(&BTreeSet::from([Input::Ignored]), &reg, &reg, false);
        assert_eq!(none, Affected::default());
    }
}
