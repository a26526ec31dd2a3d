//! Reviews: the practice exists, the date matches the file name, levels
//! and comments name the scheme's dimensions and levels, ratings name the
//! rubric's criteria.

use super::Checker;
use super::codes::*;
use super::references::resolve;
use crate::l10n::Msg;
use crate::model::common::{Date, Id, Spanned};
use crate::model::review::{ReviewStatus, verified_levels};
use crate::model::{ReviewDoc, common::Id as PracticeId};
use crate::msg;
use crate::syntax::decode::suggestion;
use std::collections::BTreeMap;

pub fn check(c: &mut Checker) {
    let reg = c.reg;
    let practices: Vec<&str> = reg.file_ids.practices.iter().map(Id::as_str).collect();
    for r in &reg.reviews {
        let f = r.file.as_str();
        let m = &r.model;
        if !reg.file_ids.practices.contains(&r.practice) {
            let at = Spanned {
                value: r.practice.clone(),
                span: crate::syntax::diag::Span::new(1, 1),
            };
            resolve(c, f, "practice (the review's folder name)", &at, &practices);
        }
        // The file name's date: a day, or a year for a year-only review.
        let name = f.rsplit('/').next().unwrap_or_default();
        let stem_date = match name.get(..10).and_then(Date::parse) {
            Some(d) => Some(d.to_string()),
            None => name
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_owned),
        };
        if let Some(d) = stem_date
            && d != m.date.value.to_string()
        {
            c.error(
                REVIEW_DATE,
                f,
                m.date.span,
                msg!(
                    "V120_date",
                    date = m.date.value.to_string(),
                    name = d.to_string()
                ),
                Msg::new("V120_date_hint"),
            );
        }
        if let Some((_, s)) = &reg.scheme {
            let dims = s.dimension_ids();
            let levels = s.level_ids();
            for (dim, level) in m.levels.iter() {
                if !s.has_dimension(dim) {
                    c.error(
                        REVIEW_LEVEL,
                        f,
                        dim.span,
                        msg!("V121_not_dimension", dim = dim.to_string()),
                        suggestion(dim, &dims),
                    );
                } else if s.level_rank(level.as_str()).is_none() {
                    c.error(
                        REVIEW_LEVEL,
                        f,
                        level.span,
                        msg!("V121_not_level", level = level.value.to_string()),
                        suggestion(level.as_str(), &levels),
                    );
                }
            }
            for (dim, _) in m.comments.iter() {
                if !s.has_dimension(dim) {
                    c.error(
                        REVIEW_LEVEL,
                        f,
                        dim.span,
                        msg!("V121_comment_not_dimension", dim = dim.to_string()),
                        suggestion(dim, &dims),
                    );
                }
            }
        }
        match &m.rubric {
            Some(rid) => {
                let rubrics: Vec<&str> = reg.file_ids.rubrics.iter().map(Id::as_str).collect();
                let known = resolve(c, f, "rubric", rid, &rubrics);
                if let (true, Some(rubric)) = (known, reg.rubrics.get(&rid.value)) {
                    let rubric = &rubric.model;
                    let crits: Vec<&str> = rubric
                        .all_criteria()
                        .iter()
                        .map(|x| x.id.as_str())
                        .collect();
                    super::references::unique_ids(
                        c,
                        f,
                        "rated criterion",
                        m.ratings.iter().map(|x| &x.criterion),
                    );
                    for rating in &m.ratings {
                        resolve(c, f, "criterion of the rubric", &rating.criterion, &crits);
                    }
                }
            }
            None => {
                if let Some(first) = m.ratings.first() {
                    c.error(
                        UNRESOLVED_REFERENCE,
                        f,
                        first.at,
                        Msg::new("V102_no_rubric"),
                        Msg::new("V102_no_rubric_hint"),
                    );
                }
            }
        }
    }
}

/// Each verified level whose latest verifying review is older than the
/// scheme's `review_interval_months` (a note, not a warning: the level
/// stands until a new review; the registry's editors plan the next one).
/// Draft reviews do not count, as on the site.
pub fn due_for_re_review(c: &mut Checker) {
    let reg = c.reg;
    let Some((_, scheme)) = &reg.scheme else {
        return;
    };
    let months = scheme.review_interval();
    let mut by_practice: BTreeMap<&PracticeId, Vec<&ReviewDoc>> = BTreeMap::new();
    for r in &reg.reviews {
        // A status or a date that did not decode is not taken for one.
        if r.model.status != ReviewStatus::Draft
            && !r.model.is_broken("status")
            && reg.practices.contains_key(&r.practice)
        {
            by_practice.entry(&r.practice).or_default().push(r);
        }
    }
    for (practice, reviews) in by_practice {
        let levels = verified_levels(reviews.iter().map(|r| &r.model));
        for (dim, v) in &levels {
            if !scheme.has_dimension(dim)
                || scheme.level_rank(&v.level).is_none()
                || !v.overdue(months, c.today)
            {
                continue;
            }
            // The review that verified it: the latest verified one
            // naming the dimension.
            let Some((review, span)) = reviews
                .iter()
                .filter(|r| r.model.status == ReviewStatus::Verified)
                .filter_map(|r| {
                    r.model
                        .levels
                        .iter()
                        .find(|(d, _)| d.value == *dim)
                        .map(|(d, _)| (r, r.model.date.value, d.span))
                })
                .max_by_key(|(r, date, _)| (*date, r.file.as_str()))
                .map(|(r, _, span)| (r, span))
            else {
                continue;
            };
            c.note(
                REVIEW_DUE,
                &review.file,
                span,
                msg!(
                    "V131_due",
                    practice = practice.to_string(),
                    dim = dim.to_string(),
                    level = v.level.to_string(),
                    date = v.date.to_string(),
                    due = v.due(months).to_string()
                ),
                msg!("V131_due_hint", n = months),
            );
        }
    }
}
