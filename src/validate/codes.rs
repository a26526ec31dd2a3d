//! Diagnostic codes of the validation rules. The table with each rule's
//! name and module is `docs/rules.md`; keep the two in step.

/// A local id, term id or criterion id appears twice in its list.
pub const DUPLICATE_ID: &str = "V101";
/// A reference (`addresses`, `from`, `result`, `target_groups`,
/// `organization`, `translation_of`, review practice, rubric, criterion)
/// names nothing.
pub const UNRESOLVED_REFERENCE: &str = "V102";
/// A taxonomy id that is not in its taxonomy.
pub const UNKNOWN_TERM: &str = "V103";
/// `from` links form a cycle.
pub const RESULT_CYCLE: &str = "V104";
/// A result that no chain of `from` links connects to an activity.
pub const UNREACHABLE_RESULT: &str = "V105";
/// An `output` result that comes from another result instead of activities.
pub const OUTPUT_SOURCE: &str = "V106";
/// No `effect` result (warning).
pub const NO_EFFECT: &str = "V107";
/// A problem that no activity addresses (warning).
pub const UNADDRESSED_PROBLEM: &str = "V108";
/// An indicator value outside `0 ≤ value ≤ of`.
pub const SHARE_RANGE: &str = "V109";
/// A `percent` value outside 0..100.
pub const PERCENT_RANGE: &str = "V110";
/// A year in the future (warning).
pub const YEAR_IN_FUTURE: &str = "V111";
/// A year before the practice started (warning).
pub const YEAR_BEFORE_START: &str = "V112";
/// Budget items that do not add up to the total within 1% (warning).
pub const BUDGET_MISMATCH: &str = "V113";
/// A URL with a scheme other than https, http, mailto, tel.
pub const URL_SCHEME: &str = "V114";
/// A `file:` that leaves the practice folder or does not exist, or a
/// document with neither `file` nor `url`.
pub const FILE_REFERENCE: &str = "V115";
/// A summary longer than 600 characters.
pub const SUMMARY_LENGTH: &str = "V116";
/// A list that needs at least one entry is empty.
pub const EMPTY_LIST: &str = "V117";
/// A claimed evidence level or dimension that is not in the scheme.
pub const EVIDENCE_CLAIM: &str = "V118";
/// A claimed level that the scheme's rules do not support (warning).
pub const EVIDENCE_UNSUPPORTED: &str = "V119";
/// A review whose `date` differs from its file name.
pub const REVIEW_DATE: &str = "V120";
/// A review level or comment for a dimension or level not in the scheme.
pub const REVIEW_LEVEL: &str = "V121";
/// A language not among the registry's languages, or a translation in the
/// same language as its original.
pub const LANGUAGE: &str = "V122";
/// A localized text without a translation for a registry language (warning).
pub const MISSING_TRANSLATION: &str = "V123";
/// Two values of one indicator for the same year.
pub const DUPLICATE_YEAR: &str = "V124";
/// An indicator with both `values` and `not_measured`.
pub const NOT_MEASURED_WITH_VALUES: &str = "V125";
/// registry.yaml settings that cannot work (base_url, theme).
pub const CONFIG: &str = "V126";
/// An evidence-scheme rule naming an unknown dimension or level.
pub const SCHEME: &str = "V127";
/// A `described` year before `started`, an `updated` date in the future.
pub const DATES: &str = "V128";
/// A `TODO` placeholder left from `dokaz new` (warning).
pub const PLACEHOLDER: &str = "V129";
/// `review_interval_months` outside 1..120.
pub const REVIEW_INTERVAL: &str = "V130";
/// A verified level due for re-review (note).
pub const REVIEW_DUE: &str = "V131";
/// A crosswalk rule naming an unknown dimension or level, or with no condition.
pub const CROSSWALK: &str = "V132";
/// Cost bands that are not four ascending positive bounds (error); a
/// practice's latest costs in another currency than the bands' (warning).
pub const COST_BANDS: &str = "V133";
/// A bidirectional control or zero-width character in a title, summary
/// or name (warning).
pub const INVISIBLE_CHARACTER: &str = "V134";
/// An external evaluation given as `done` without who evaluated, the
/// year or the report.
pub const EXTERNAL_EVALUATION: &str = "V135";
