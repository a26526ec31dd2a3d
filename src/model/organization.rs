//! An organization (FORMAT.md §5), referenced by practices.

use super::common::{Id, Localized, Spanned, Year};
use super::practice::Contact;
use crate::syntax::decode::record;

record! {
    pub struct Organization {
        req name: Localized = "name",
        /// The language of the body (default: the registry's default
        /// language). Not in FORMAT.md §5; added so that an organization
        /// described in English is marked as English on every page.
        opt language: Option<Spanned<String>> = "language",
        opt website: Option<Spanned<String>> = "website",
        opt founded: Option<Spanned<Year>> = "founded",
        opt regions: Vec<Spanned<Id>> = "regions",
        opt contacts: Vec<Contact> = "contacts",
    }
}
