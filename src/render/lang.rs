//! One UI language's view of the site: its strings (with plural forms),
//! its number, money and date formats and the labels of taxonomy terms and
//! evidence levels in that language.

use super::Site;
use super::format::{self, number};
use super::l10n::Catalogue;
use super::routes::{Route, Taxonomy};
use crate::model::common::{Id, Localized};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

pub struct Lx<'a> {
    pub site: &'a Site<'a>,
    pub lang: &'a str,
    /// The texts of the catalogue (`ui.<key>` in templates).
    pub ui: &'a BTreeMap<String, String>,
    /// The whole catalogue, plural messages too.
    pub cat: &'a Catalogue,
}

/// A taxonomy term as pages link to it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TermRef {
    pub id: String,
    pub label: String,
    /// Relative to the language root (templates prefix `lroot`).
    pub href: String,
}

impl<'a> Lx<'a> {
    /// A UI string; its key where the theme lacks it.
    pub fn t(&self, key: &str) -> String {
        self.ui.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
    /// The version of a practice this language's reader is shown (see
    /// [`Site::shown`]).
    pub fn shown(
        &self,
        original: &'a crate::model::Doc<crate::model::practice::Practice>,
    ) -> &'a crate::model::Doc<crate::model::practice::Practice> {
        self.site.shown(original, self.lang)
    }
    pub fn default_lang(&self) -> &str {
        self.site.default_lang
    }
    pub fn loc(&self, l: &Localized) -> String {
        l.get(self.lang, self.default_lang()).to_owned()
    }
    /// The form of a plural message for `n` ("21 практика").
    pub fn plural(&self, key: &str, n: usize) -> String {
        self.cat.plural(key, n as u64)
    }
    /// [`Lx::plural`] with named placeholders filled as well.
    pub fn plural_with(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        self.cat.plural_with(key, n as u64, args)
    }
    pub fn num(&self, n: f64) -> String {
        number(n, 2, self.lang)
    }
    /// `81 %` / `81%`.
    pub fn percent(&self, p: f64) -> String {
        format::percent_label(p, self.lang)
    }
    /// `1 345 000 ₽` / `RUB 1,345,000`.
    pub fn money(&self, amount: f64, currency: &str) -> String {
        format::money(amount, currency, self.lang)
    }
    /// `28 февраля 2022 г.` / `28 February 2022`.
    pub fn date(&self, d: crate::model::common::Date) -> String {
        format::date(d, self.lang)
    }
    /// The label of a term in this language (its id where unknown).
    pub fn term_label(&self, tax: Taxonomy, id: &Id) -> String {
        self.site
            .reg
            .taxonomies
            .get(tax.id())
            .and_then(|t| t.labels.get(id).map(|l| self.loc(l)))
            .unwrap_or_else(|| id.to_string())
    }
    pub fn term(&self, tax: Taxonomy, id: &Id) -> TermRef {
        TermRef {
            id: id.to_string(),
            label: self.term_label(tax, id),
            href: Route::Term(tax, id.as_str(), 1).path(),
        }
    }
    pub fn scheme(&self) -> Option<&crate::model::evidence::Scheme> {
        self.site.reg.scheme.as_ref().map(|(_, s)| s)
    }
    pub fn level_label(&self, id: &str) -> String {
        self.scheme()
            .and_then(|s| s.levels.iter().find(|l| l.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |l| self.loc(&l.label))
    }
    pub fn dimension_label(&self, id: &str) -> String {
        self.scheme()
            .and_then(|s| s.dimensions.iter().find(|l| l.id.as_str() == id))
            .map_or_else(|| id.to_owned(), |l| self.loc(&l.label))
    }
}
