//! An expert review (FORMAT.md §7) of one practice.

use super::common::{Date, Id, Key, Keyed, Spanned};
use crate::syntax::decode::{enumeration, record};

enumeration! {
    pub enum ReviewStatus { Verified = "verified", RevisionRequested = "revision-requested", Draft = "draft" }
}
enumeration! {
    pub enum Rating { Good = "good", Mixed = "mixed", Poor = "poor", NotApplicable = "not-applicable" }
}

record! {
    pub struct Review {
        /// Who reviewed; a verification the registry did not file itself
        /// names its `source` instead (one of the two is required).
        opt reviewer: Option<Reviewer> = "reviewer",
        /// Where a verification the registry records from elsewhere is
        /// stated (a report, a presentation), when no reviewer is named.
        opt source: Option<Spanned<String>> = "source",
        req date: Spanned<ReviewDate> = "date",
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

/// The date of a review: a day, or only a year when that is all its
/// source gives (FORMAT.md §7, as this registry extends it). A year-only
/// date counts as the year's first day for ordering and re-review, so
/// that a verification is never taken as more recent than it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReviewDate {
    pub date: Date,
    pub year_only: bool,
}

impl std::ops::Deref for ReviewDate {
    type Target = Date;
    fn deref(&self) -> &Date {
        &self.date
    }
}

impl std::fmt::Display for ReviewDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.year_only {
            write!(f, "{:04}", self.date.year)
        } else {
            self.date.fmt(f)
        }
    }
}

impl serde::Serialize for ReviewDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for ReviewDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ReviewDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^\\d{4}(-\\d{2}-\\d{2})?$"})
    }
}

impl crate::syntax::decode::Decode for ReviewDate {
    fn decode(
        node: &crate::syntax::yaml::Node,
        cx: &mut crate::syntax::decode::Cx,
    ) -> Option<Self> {
        let s = node.as_str().unwrap_or("");
        if s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && let Ok(year) = s.parse::<i32>()
        {
            return Some(ReviewDate {
                date: Date {
                    year,
                    month: 1,
                    day: 1,
                },
                year_only: true,
            });
        }
        Date::decode(node, cx).map(|date| ReviewDate {
            date,
            year_only: false,
        })
    }
}

impl Review {
    /// Who is named for the review: the reviewer, else the source.
    pub fn by(&self) -> String {
        match (&self.reviewer, &self.source) {
            (Some(r), _) => r.name.clone(),
            (None, Some(s)) => s.value.clone(),
            (None, None) => String::new(),
        }
    }
}

/// The verified level of one dimension: from the latest `verified` review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VerifiedLevel {
    pub level: String,
    pub date: ReviewDate,
    pub reviewer: String,
}

impl VerifiedLevel {
    /// When the level is due for re-review: `months` after its review.
    pub fn due(&self, months: u32) -> Date {
        self.date.add_months(months)
    }

    /// Whether the level is due for re-review on `today` (the due date
    /// itself included).
    pub fn overdue(&self, months: u32, today: Date) -> bool {
        self.due(months) <= today
    }
}

/// Resolves verified levels per dimension (FORMAT.md §7): the latest
/// `verified` review wins, dimension by dimension; a `revision-requested`
/// review changes nothing (the previous verified levels stand); drafts must
/// be filtered out by the caller unless they are to be published.
pub fn verified_levels<'a>(
    reviews: impl IntoIterator<Item = &'a Review>,
) -> std::collections::BTreeMap<String, VerifiedLevel> {
    let mut sorted: Vec<&Review> = reviews.into_iter().collect();
    sorted.sort_by_key(|r| r.date.value);
    let mut out = std::collections::BTreeMap::new();
    for r in sorted
        .into_iter()
        .filter(|r| r.status == ReviewStatus::Verified)
    {
        for (dim, level) in r.levels.iter() {
            out.insert(
                dim.value.clone(),
                VerifiedLevel {
                    level: level.value.to_string(),
                    date: r.date.value,
                    reviewer: r.by(),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::decode::{Cx, Decode};

    fn review(date: &str, status: &str, levels: &str) -> Review {
        let src =
            format!("reviewer: {{name: x}}\ndate: {date}\nstatus: {status}\nlevels: {levels}\n");
        let node = crate::syntax::yaml::parse(&src, 1).unwrap();
        let mut d = Vec::new();
        Review::decode(&node, &mut Cx::new("f", &mut d)).unwrap()
    }

    #[test]
    fn latest_verified_wins_per_dimension() {
        let a = review(
            "2021-03-15",
            "verified",
            "{results: basic, regulation: basic}",
        );
        let b = review("2022-10-05", "verified", "{results: advanced}");
        let v = verified_levels([&b, &a]);
        assert_eq!(v["results"].level, "advanced");
        assert_eq!(v["regulation"].level, "basic");
        assert_eq!(v["regulation"].date.to_string(), "2021-03-15");
        let today = Date::parse("2023-03-15").unwrap();
        assert_eq!(v["regulation"].due(24).to_string(), "2023-03-15");
        assert!(v["regulation"].overdue(24, today));
        assert!(!v["results"].overdue(24, today));
    }

    #[test]
    fn revision_requested_keeps_previous_and_drafts_are_the_callers_choice() {
        let a = review("2021-03-15", "verified", "{results: basic}");
        let b = review("2022-10-05", "revision-requested", "{results: initial}");
        let c = review("2023-01-01", "draft", "{results: high}");
        let v = verified_levels([&a, &b, &c]);
        assert_eq!(v["results"].level, "basic");
        assert!(verified_levels([&b]).is_empty());
    }
}
