//! `registry.yaml`: the site settings (FORMAT.md §2).

use super::common::{Localized, Spanned};
use crate::syntax::decode::record;

record! {
    pub struct RegistryConfig {
        req title: Localized = "title",
        opt description: Option<Localized> = "description",
        opt base_url: Option<Spanned<String>> = "base_url",
        req default_language: Spanned<String> = "default_language",
        req languages: Spanned<Vec<Spanned<String>>> = "languages",
        opt theme: Option<Spanned<String>> = "theme",
        /// A size the built site should stay under, in megabytes (a host's
        /// limit): `dokaz build` warns past it.
        opt max_output_mb: Option<Spanned<f64>> = "max_output_mb",
    }
}

impl RegistryConfig {
    pub fn theme(&self) -> &str {
        self.theme.as_ref().map_or("default", |t| t.value.as_str())
    }
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.value.iter().map(|l| l.value.as_str())
    }
}
