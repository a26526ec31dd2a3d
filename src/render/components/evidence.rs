//! The evidence of one practice per dimension of the scheme: the level the
//! organisation claims, the level experts verified and the level the rules
//! support, with the rule findings behind the last.

use crate::model::Doc;
use crate::model::practice::Practice;
use crate::render::lang::Lx;
use crate::validate::evidence::assess;
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EvidenceRow {
    /// The dimension's id.
    pub id: String,
    pub label: String,
    /// Labels of the levels, in the page's language.
    pub claimed: Option<String>,
    pub verified: Option<String>,
    pub verified_date: Option<String>,
    pub verified_by: Option<String>,
    /// When the verified level is due for re-review (`review_interval_months`
    /// after its review).
    pub due_date: Option<String>,
    /// The verified level is due for re-review on the build's date.
    pub overdue: bool,
    /// The highest level the rules support.
    pub supported: String,
    /// The claim is above what the rules support.
    pub unsupported: bool,
    /// The claim is above what experts verified.
    pub above_verified: bool,
    /// The verified level is above what the rules support: the findings
    /// say which rules the practice does not meet, with their numbers.
    pub verified_unsupported: bool,
    pub findings: Vec<Finding>,
}

/// One rule of one level, met or not.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Finding {
    pub level: String,
    pub key: String,
    pub met: bool,
    pub detail: String,
}

pub fn evidence_rows(lx: &Lx, doc: &Doc<Practice>) -> Vec<EvidenceRow> {
    let Some((_, scheme)) = &lx.site.reg.scheme else {
        return Vec::new();
    };
    let verified = lx.site.verified_of(&doc.id).cloned().unwrap_or_default();
    scheme
        .dimensions
        .iter()
        .map(|d| {
            let dim = d.id.as_str();
            let claimed = doc
                .model
                .evidence
                .as_ref()
                .and_then(|e| e.get(dim))
                .map(|l| l.value.to_string());
            let a = assess(scheme, dim, &doc.model);
            let supported = scheme
                .levels
                .get(a.supported)
                .map(|l| l.id.to_string())
                .unwrap_or_default();
            let claimed_rank = claimed.as_deref().and_then(|c| scheme.level_rank(c));
            let v = verified.get(dim);
            let verified_rank = v.and_then(|v| scheme.level_rank(&v.level));
            let findings = a
                .levels
                .iter()
                .flat_map(|(level, fs)| {
                    fs.iter().map(move |f| Finding {
                        level: lx.level_label(level),
                        key: f.key.name().to_owned(),
                        met: f.met,
                        detail: f.text(crate::l10n::Lang::of(lx.lang)),
                    })
                })
                .collect();
            let due = v.map(|v| lx.site.due(v));
            EvidenceRow {
                due_date: due.map(|(d, _)| d.to_string()),
                overdue: due.is_some_and(|(_, o)| o),
                id: dim.to_owned(),
                label: lx.loc(&d.label),
                claimed: claimed.as_deref().map(|c| lx.level_label(c)),
                verified: v.map(|v| lx.level_label(&v.level)),
                verified_date: v.map(|v| v.date.to_string()),
                verified_by: v.map(|v| v.reviewer.clone()),
                supported: lx.level_label(&supported),
                unsupported: claimed_rank.is_some_and(|c| c > a.supported),
                above_verified: matches!((claimed_rank, verified_rank), (Some(c), Some(v)) if c > v),
                verified_unsupported: verified_rank.is_some_and(|v| v > a.supported),
                findings,
            }
        })
        .collect()
}
