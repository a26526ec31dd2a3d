//! `dokaz serve`: live preview for authors.
pub mod deps;
pub mod site;
