//! Every kind of page the site has, one module each, each declaring its
//! [`Kind`]. [`KINDS`] is the list the renderer walks, the sitemap lists
//! and `dokaz serve`'s dependency map reads; adding a page is one module
//! here, one line in [`KINDS`], one template and its UI strings.
//!
//! Each module builds a typed view (`#[derive(Serialize, JsonSchema)]`
//! structs) of what its template receives; `tests/templates.rs` holds
//! every template against those types.

pub mod badges;
pub mod catalogue;
pub mod compare;
pub mod data;
pub mod evidence;
pub mod feeds;
pub mod home;
pub mod map;
pub mod not_found;
pub mod organization;
pub mod practice;
pub mod results;
pub mod reviews;
pub mod rubric;
pub mod search;
pub mod statics;
pub mod term;

pub use super::kind::{Cx, Kind, Listed, NoView, Shows};

/// Every page kind, in the order they are rendered.
/// The sitemap lists their pages in this order.
pub const KINDS: &[Kind] = &[
    home::KIND,
    catalogue::KIND,
    results::KIND,
    evidence::KIND,
    map::KIND,
    reviews::KIND,
    practice::KIND,
    organization::KIND,
    term::KIND,
    rubric::KIND,
    search::KIND,
    compare::KIND,
    not_found::KIND,
    statics::KIND,
    statics::ATTACHMENTS,
    data::KIND,
    data::PRACTICE_DATA,
    badges::KIND,
    feeds::KIND,
];
