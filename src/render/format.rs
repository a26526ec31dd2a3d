//! Numbers as readers of each language expect them: `4 651 040,5` in
//! Russian, `4,651,040.5` in English; shares as whole percentages.

/// Formats `n` with at most `decimals` decimals (trailing zeros dropped).
pub fn number(n: f64, decimals: usize, lang: &str) -> String {
    let (group, point) = if lang == "en" {
        (",", ".")
    } else {
        ("\u{a0}", ",")
    };
    let s = format!("{:.*}", decimals, n.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && digits.len() > 4 {
            grouped.push_str(group);
        }
        grouped.push(*c);
    }
    let sign = if n < 0.0 && (int != "0" || !frac.is_empty()) {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A share `value/of` as a whole percentage, if `of` is positive.
/// Truncated, not rounded, as the source registries do (31 of 37 is shown
/// as 83 %, not 84 %): a share of families helped is never overstated.
pub fn percent(value: f64, of: f64) -> Option<f64> {
    (of > 0.0).then(|| (value / of * 100.0 + 1e-9).floor())
}

/// `81 %` (Russian typography: a no-break space) or `81%`.
pub fn percent_label(p: f64, lang: &str) -> String {
    if lang == "en" {
        format!("{}%", number(p, 0, lang))
    } else {
        format!("{}\u{a0}%", number(p, 0, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_language() {
        assert_eq!(number(4_651_040.0, 2, "ru"), "4\u{a0}651\u{a0}040");
        assert_eq!(number(4_651_040.5, 2, "en"), "4,651,040.5");
        assert_eq!(number(2019.0, 0, "en"), "2019");
        assert_eq!(number(-3.25, 2, "ru"), "−3,25");
        assert_eq!(percent(26.0, 32.0), Some(81.0));
        assert_eq!(percent(19.0, 31.0), Some(61.0));
        assert_eq!(percent(31.0, 37.0), Some(83.0));
        assert_eq!(percent(1.0, 3.0), Some(33.0));
        assert_eq!(percent(3.0, 3.0), Some(100.0));
        assert_eq!(percent_label(81.0, "ru"), "81\u{a0}%");
    }
}
