//! An expert review (FORMAT.md §7) of one practice.

use super::common::{Date, Id, Key, Keyed, Spanned};
use crate::{enumeration, record};

enumeration! {
    pub enum ReviewStatus { Verified = "verified", RevisionRequested = "revision-requested", Draft = "draft" }
}
enumeration! {
    pub enum Rating { Good = "good", Mixed = "mixed", Poor = "poor", NotApplicable = "not-applicable" }
}

record! {
    pub struct Review {
        req reviewer: Reviewer = "reviewer",
        req date: Spanned<Date> = "date",
        req status: ReviewStatus = "status",
        opt levels: Keyed<Spanned<Key>> = "levels",
        opt comments: Keyed<String> = "comments",
        opt summary: Option<String> = "summary",
        opt recommendations: Vec<String> = "recommendations",
        opt rubric: Option<Spanned<Id>> = "rubric",
        opt ratings: Vec<RatingEntry> = "ratings",
    }
}

record! {
    pub struct Reviewer {
        req name: String = "name",
        opt affiliation: Option<String> = "affiliation",
    }
}

record! {
    pub struct RatingEntry {
        req criterion: Spanned<Id> = "criterion",
        req rating: Rating = "rating",
        opt note: Option<String> = "note",
    }
}
