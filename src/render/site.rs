//! The registry as the site sees it: published practices only, with the
//! indexes every page needs computed once per build.

use super::Options;
use super::routes::Taxonomy;
use crate::model::common::Id;
use crate::model::practice::Practice;
use crate::model::review::{ReviewStatus, VerifiedLevel, verified_levels};
use crate::model::{Doc, Registry, ReviewDoc};
use std::collections::{BTreeMap, BTreeSet};

pub struct Site<'a> {
    pub reg: &'a Registry,
    pub opts: &'a Options,
    pub default_lang: &'a str,
    pub languages: Vec<&'a str>,
    /// Published practices, one per practice: the originals (a
    /// translation is the same practice, FORMAT.md §10.1), sorted by id.
    pub practices: Vec<&'a Doc<Practice>>,
    pub reviews: BTreeMap<&'a Id, Vec<&'a ReviewDoc>>,
    pub verified: BTreeMap<Id, BTreeMap<String, VerifiedLevel>>,
    /// Months after which a verified level is due for re-review.
    pub review_interval: u32,
    /// Each practice's changes from git, newest first (empty without git).
    pub history: super::history::History,
    /// original practice id → its published translations.
    pub translations: BTreeMap<&'a Id, Vec<&'a Doc<Practice>>>,
    /// translation id → its original's id.
    pub originals: BTreeMap<&'a Id, &'a Id>,
    /// taxonomy → term → practice ids (a parent term includes its children's).
    pub term_index: BTreeMap<Taxonomy, BTreeMap<Id, BTreeSet<&'a Id>>>,
}

impl<'a> Site<'a> {
    pub fn new(reg: &'a Registry, opts: &'a Options) -> Site<'a> {
        let cfg = reg.config.as_ref();
        let default_lang = cfg.map_or("ru", |c| c.default_language.value.as_str());
        let mut languages: Vec<&str> = cfg.map(|c| c.languages().collect()).unwrap_or_default();
        if !languages.contains(&default_lang) {
            languages.insert(0, default_lang);
        }
        // The default language first, the others in the registry's order.
        languages.sort_by_key(|l| *l != default_lang);
        let published = |p: &&Doc<Practice>| opts.drafts || !p.model.draft;
        let practices: Vec<&Doc<Practice>> = reg
            .practices
            .values()
            .map(|p| &**p)
            .filter(published)
            .filter(|p| p.model.translation_of.is_none())
            .collect();
        let mut translations: BTreeMap<&Id, Vec<&Doc<Practice>>> = BTreeMap::new();
        let mut originals: BTreeMap<&Id, &Id> = BTreeMap::new();
        for p in reg.practices.values().map(|p| &**p).filter(published) {
            if let Some(t) = &p.model.translation_of
                && reg
                    .practices
                    .get(&t.value)
                    .is_some_and(|o| published(&&**o))
            {
                translations.entry(&t.value).or_default().push(p);
                originals.insert(&p.id, &t.value);
            }
        }
        let shown: BTreeSet<&Id> = practices.iter().map(|p| &p.id).collect();
        // Reviews are of the practice: one filed under a translation's id
        // is the original's too.
        let mut reviews: BTreeMap<&Id, Vec<&ReviewDoc>> = BTreeMap::new();
        for r in &reg.reviews {
            let of = originals.get(&r.practice).copied().unwrap_or(&r.practice);
            if shown.contains(of) && (opts.drafts || r.model.status != ReviewStatus::Draft) {
                reviews.entry(of).or_default().push(r);
            }
        }
        for list in reviews.values_mut() {
            list.sort_by(|a, b| (a.model.date.value, &a.file).cmp(&(b.model.date.value, &b.file)));
        }
        let verified = reviews
            .iter()
            .map(|(id, rs)| ((*id).clone(), verified_levels(rs.iter().map(|r| &r.model))))
            .collect();
        let mut term_index: BTreeMap<Taxonomy, BTreeMap<Id, BTreeSet<&Id>>> = BTreeMap::new();
        for p in &practices {
            for (tax, terms) in practice_terms(&p.model) {
                if reg.taxonomies.contains_key(tax.id()) {
                    let index = term_index.entry(tax).or_default();
                    for term in with_ancestors(reg, tax, &terms) {
                        index.entry(term).or_default().insert(&p.id);
                    }
                }
            }
        }
        let review_interval = reg
            .scheme
            .as_ref()
            .map_or(crate::model::evidence::DEFAULT_REVIEW_INTERVAL, |(_, s)| {
                s.review_interval()
            });
        let history = super::history::read(reg);
        Site {
            history,
            review_interval,
            translations,
            originals,
            reg,
            opts,
            default_lang,
            languages,
            practices,
            reviews,
            verified,
            term_index,
        }
    }

    /// When a verified level is due for re-review, and whether it is on
    /// the build's today.
    pub fn due(&self, v: &VerifiedLevel) -> (crate::model::common::Date, bool) {
        (
            v.due(self.review_interval),
            v.overdue(self.review_interval, self.opts.today),
        )
    }

    /// The reviews of a practice, filed under its id or a translation's.
    pub fn reviews_of(&self, id: &Id) -> Vec<&'a ReviewDoc> {
        self.reviews
            .get(self.original_id(id))
            .cloned()
            .unwrap_or_default()
    }

    /// The practice whose folder holds a file a version names: a
    /// translation's own file, or one it names because its original
    /// does (then the original's).
    pub fn file_owner<'d>(
        &self,
        doc: &'d Doc<Practice>,
        file: &crate::model::common::Spanned<String>,
    ) -> &'d Id
    where
        'a: 'd,
    {
        if file.span == crate::syntax::diag::Span::INHERITED {
            self.original_id(&doc.id)
        } else {
            &doc.id
        }
    }

    /// The verified levels of a practice, by its id or a translation's.
    pub fn verified_of(&self, id: &Id) -> Option<&BTreeMap<String, VerifiedLevel>> {
        self.verified.get(self.original_id(id))
    }

    /// The id of the practice a published version belongs to: its
    /// original's for a translation, its own otherwise.
    pub fn original_id<'i>(&self, id: &'i Id) -> &'i Id
    where
        'a: 'i,
    {
        self.originals.get(id).copied().unwrap_or(id)
    }

    /// The published original of a practice id (its own or a
    /// translation's).
    pub fn original(&self, id: &Id) -> Option<&'a Doc<Practice>> {
        let id = self.original_id(id);
        self.practices
            .binary_search_by(|p| p.id.cmp(id))
            .ok()
            .map(|i| self.practices[i])
    }

    /// Every published version of a practice: the original first, then
    /// its translations by id.
    pub fn versions(&self, original: &'a Doc<Practice>) -> Vec<&'a Doc<Practice>> {
        let mut v = vec![original];
        if let Some(ts) = self.translations.get(&original.id) {
            let mut ts = ts.clone();
            ts.sort_by(|a, b| a.id.cmp(&b.id));
            v.extend(ts);
        }
        v
    }

    /// The version a reader of `lang` is shown: the one written in it,
    /// else the original.
    pub fn shown(&self, original: &'a Doc<Practice>, lang: &str) -> &'a Doc<Practice> {
        self.translations
            .get(&original.id)
            .and_then(|ts| ts.iter().find(|t| self.practice_lang(t) == lang))
            .copied()
            .unwrap_or(original)
    }

    /// The other versions of the practice `id` belongs to.
    pub fn translations_of(&self, id: &Id) -> Vec<&'a Doc<Practice>> {
        let Some(original) = self.original(id) else {
            return Vec::new();
        };
        let mut group = self.versions(original);
        group.retain(|p| p.id != *id);
        group
    }

    /// The URL prefix of a UI language ("" for the default, "en/" otherwise).
    pub fn prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// The language a practice is written in.
    pub fn practice_lang(&self, doc: &'a Doc<Practice>) -> &'a str {
        doc.model
            .language
            .as_ref()
            .map_or(self.default_lang, |l| l.value.as_str())
    }
}

/// The taxonomy terms a practice is tagged with, in [`Taxonomy::ALL`]
/// order.
pub fn practice_terms(p: &Practice) -> Vec<(Taxonomy, Vec<Id>)> {
    let mut groups: Vec<Id> = p
        .target_groups
        .iter()
        .filter_map(|g| g.category.as_ref().map(|c| c.value.clone()))
        .collect();
    groups.sort();
    groups.dedup();
    let mut acts: Vec<Id> = p
        .activities
        .iter()
        .filter_map(|a| a.r#type.as_ref().map(|c| c.value.clone()))
        .collect();
    acts.sort();
    acts.dedup();
    vec![
        (Taxonomy::TargetGroups, groups),
        (Taxonomy::ThematicAreas, vec![p.thematic_area.value.clone()]),
        (
            Taxonomy::PracticeTypes,
            p.practice_type.iter().map(|t| t.value.clone()).collect(),
        ),
        (Taxonomy::ActivityTypes, acts),
        (
            Taxonomy::Regions,
            p.regions.iter().map(|r| r.value.clone()).collect(),
        ),
    ]
}

/// The terms and every ancestor of each (a parent term lists its
/// children's practices), in the order met. The guard stops a parent
/// cycle, which validation rejects but a registry may still hold.
pub fn with_ancestors(reg: &Registry, tax: Taxonomy, terms: &[Id]) -> Vec<Id> {
    let parents = reg.taxonomies.get(tax.id()).map(|t| &t.parents);
    let mut out = Vec::new();
    for term in terms {
        let mut cur = Some(term.clone());
        let mut guard = 0;
        while let Some(t) = cur {
            cur = parents.and_then(|ps| ps.get(&t).cloned().flatten());
            out.push(t);
            guard += 1;
            if guard > 64 {
                break;
            }
        }
    }
    out
}

/// What listings sort titles by: lower case, without the quotes or
/// punctuation a title may open with («Тёплый дом» files under «т»).
pub fn title_key(title: &str) -> String {
    title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}
