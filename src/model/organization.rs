//! An organization (FORMAT.md §5), referenced by practices.

use super::common::{Id, Localized, Spanned, Year};
use super::practice::Contact;
use crate::record;

record! {
    pub struct Organization {
        req name: Localized = "name",
        opt website: Option<Spanned<String>> = "website",
        opt founded: Option<Spanned<Year>> = "founded",
        opt regions: Vec<Spanned<Id>> = "regions",
        opt contacts: Vec<Contact> = "contacts",
    }
}
