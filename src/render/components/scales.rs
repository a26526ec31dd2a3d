//! Other scales (FORMAT.md §10.3): the crosswalk readings of a practice's
//! verified levels ("≈ EIF 3", never an equivalence, always with the
//! note on what differs) and the cost band of its latest cost per unit,
//! shown on the practice page, described on `/evidence/`, and a facet.

use crate::model::Doc;
use crate::model::evidence::{BandedCost, CostUnit};
use crate::model::practice::Practice;
use crate::render::format::{currency_symbol, number, with_currency};
use crate::render::lang::Lx;
use schemars::JsonSchema;
use serde::Serialize;

/// The facet id of the cost band.
pub const COST_BAND: &str = "cost-band";
/// The cost-band facet's value for a practice without a band.
pub const NO_BAND: &str = "none";

/// One reading of a practice on another scale.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Reading {
    pub scale: String,
    /// "≈ EIF 3".
    pub text: String,
    pub note: Option<String>,
    pub url: Option<String>,
}

/// The readings of a practice's verified levels on every crosswalked scale
/// that has a matching rule, in the scheme's order.
pub fn readings(lx: &Lx, doc: &Doc<Practice>) -> Vec<Reading> {
    let Some(scheme) = lx.scheme() else {
        return Vec::new();
    };
    let verified = lx.site.verified_of(&doc.id);
    let level_of = |dim: &str| verified.and_then(|v| v.get(dim)).map(|v| v.level.as_str());
    scheme
        .crosswalk
        .iter()
        .filter_map(|cw| {
            let label = cw.reading(scheme, &level_of)?;
            let scale = lx.loc(&cw.scale.label);
            Some(Reading {
                text: format!("≈ {scale} {label}"),
                scale,
                note: cw.note.as_ref().map(|n| lx.loc(n)),
                url: cw.scale.url.as_ref().map(|u| u.value.clone()),
            })
        })
        .collect()
}

/// A practice's cost band as its page shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CostBandView {
    /// 1..5, or none.
    pub band: Option<usize>,
    /// The number behind it ("120 000 RUB per family, 2023"), or why there
    /// is no band.
    pub text: String,
}

fn unit_label(lx: &Lx, unit: CostUnit) -> String {
    lx.t(match unit {
        CostUnit::Family => "per_family",
        CostUnit::Child => "per_child",
    })
    .to_lowercase()
}

/// The band of a practice (`None` where the scheme has no cost bands).
pub fn cost_band(lx: &Lx, doc: &Doc<Practice>) -> Option<CostBandView> {
    let bands = lx.scheme()?.cost_bands.as_ref()?;
    Some(match bands.of(&doc.model) {
        BandedCost::Band { year, cost, band } => CostBandView {
            band: Some(band),
            text: format!(
                "{} ({}), {year}",
                with_currency(&number(cost, 0, lx.lang), &bands.currency, lx.lang),
                unit_label(lx, bands.unit)
            ),
        },
        BandedCost::OtherCurrency { year, currency } => CostBandView {
            band: None,
            text: lx
                .t("cost_band_other_currency")
                .replace("{year}", &year.to_string())
                .replace("{currency}", currency_symbol(&currency, lx.lang))
                .replace("{bands}", currency_symbol(&bands.currency, lx.lang)),
        },
        BandedCost::NoCost => CostBandView {
            band: None,
            text: lx.t("cost_band_no_costs"),
        },
    })
}

/// The cost-band facet value of a practice, where the scheme has bands.
pub fn band_facet(lx: &Lx, doc: &Doc<Practice>) -> Option<String> {
    let bands = lx.scheme()?.cost_bands.as_ref()?;
    Some(match bands.of(&doc.model) {
        BandedCost::Band { band, .. } => band.to_string(),
        _ => NO_BAND.to_owned(),
    })
}

/// The crosswalk of one scale as `/evidence/` explains it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CrosswalkView {
    pub scale: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub rules: Vec<CrosswalkRow>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CrosswalkRow {
    /// "Achievement of social results: Advanced or higher; …"
    pub when: String,
    /// "≈ EIF 3".
    pub reads: String,
}

pub fn crosswalk_table(lx: &Lx) -> Vec<CrosswalkView> {
    let Some(scheme) = lx.scheme() else {
        return Vec::new();
    };
    scheme
        .crosswalk
        .iter()
        .map(|cw| {
            let scale = lx.loc(&cw.scale.label);
            CrosswalkView {
                rules: cw
                    .map
                    .iter()
                    .map(|r| CrosswalkRow {
                        when: r
                            .when
                            .0
                            .iter()
                            .map(|(dim, level)| {
                                format!(
                                    "{}: {} {}",
                                    lx.dimension_label(&dim.value),
                                    lx.level_label(level.as_str()),
                                    lx.t("or_higher")
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                        reads: format!("≈ {scale} {}", r.label),
                    })
                    .collect(),
                url: cw.scale.url.as_ref().map(|u| u.value.clone()),
                note: cw.note.as_ref().map(|n| lx.loc(n)),
                scale,
            }
        })
        .collect()
}

/// The cost bands as `/evidence/` explains them.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BandsView {
    /// "per family, RUB".
    pub basis: String,
    pub rows: Vec<BandRow>,
    /// Practices without a band (no costs, or in another currency).
    pub without: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BandRow {
    pub band: usize,
    /// "50 001 – 150 000".
    pub range: String,
    pub practices: usize,
}

pub fn bands_table(lx: &Lx) -> Option<BandsView> {
    let bands = lx.scheme()?.cost_bands.as_ref()?;
    let bounds: Vec<f64> = bands.bands.value.iter().map(|b| b.value).collect();
    let mut counts = vec![0usize; bounds.len() + 1];
    let mut without = 0;
    for doc in &lx.site.practices {
        match bands.of(&doc.model) {
            BandedCost::Band { band, .. } => {
                if let Some(c) = counts.get_mut(band.saturating_sub(1)) {
                    *c += 1;
                }
            }
            _ => without += 1,
        }
    }
    let n = |v: f64| number(v, 0, lx.lang);
    let rows = counts
        .iter()
        .enumerate()
        .map(|(i, &practices)| {
            let range = match (i.checked_sub(1).and_then(|j| bounds.get(j)), bounds.get(i)) {
                (None, Some(hi)) => format!("≤ {}", n(*hi)),
                (Some(lo), Some(hi)) => format!("> {} … ≤ {}", n(*lo), n(*hi)),
                (Some(lo), None) => format!("> {}", n(*lo)),
                (None, None) => String::new(),
            };
            BandRow {
                band: i + 1,
                range,
                practices,
            }
        })
        .collect();
    Some(BandsView {
        basis: format!(
            "{}, {}",
            unit_label(lx, bands.unit),
            currency_symbol(&bands.currency, lx.lang)
        ),
        rows,
        without,
    })
}
