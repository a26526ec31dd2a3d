//! Listings in pages: a term with 5,000 practices is 209 small pages, not
//! one page of 15 MB, so the output grows linearly with the registry.

use schemars::JsonSchema;
use serde::Serialize;

/// Cards per listing page.
pub const PER_PAGE: usize = 24;

/// The pager of one listing page. Hrefs are relative to the language root.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Pager {
    /// This page's number, from 1.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerItem>,
}

/// A page number in the pager, or a gap between numbers.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PagerItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<bool>,
}

/// Splits `items` into pages; `href(n)` is page `n`'s path (from the
/// route of the listing). Returns each page's number, items and pager; an
/// empty listing still has its first page.
pub fn paginate<T: Clone>(
    items: &[T],
    href: impl Fn(usize) -> String,
) -> Vec<(usize, Vec<T>, Pager)> {
    let total = items.len().div_ceil(PER_PAGE).max(1);
    let mut chunks: Vec<Vec<T>> = items.chunks(PER_PAGE).map(<[T]>::to_vec).collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let pager = Pager {
                current: n,
                total,
                prev: (n > 1).then(|| href(n - 1)),
                next: (n < total).then(|| href(n + 1)),
                // A window around the current page, plus the first and the
                // last: every pager stays small however many pages there
                // are (listing all pages on every page is quadratic).
                pages: pager_window(n, total)
                    .into_iter()
                    .map(|k| match k {
                        Some(k) => PagerItem {
                            n: Some(k),
                            href: Some(href(k)),
                            current: Some(k == n),
                            gap: None,
                        },
                        None => PagerItem {
                            n: None,
                            href: None,
                            current: None,
                            gap: Some(true),
                        },
                    })
                    .collect(),
            };
            (n, chunk, pager)
        })
        .collect()
}

/// Page numbers to show in a pager: 1, …, n-2..n+2, …, total (`None` is a gap).
fn pager_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let mut shown: Vec<usize> = [1, total]
        .into_iter()
        .chain(n.saturating_sub(2).max(1)..=(n + 2).min(total))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (i, k) in shown.iter().enumerate() {
        if i > 0 && *k > shown[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        assert_eq!(pager_window(1, 1), vec![Some(1)]);
        assert_eq!(pager_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(10, 400),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(400)
            ]
        );
        assert_eq!(pager_window(400, 400).len(), 5);
    }

    #[test]
    fn pages_split_and_link() {
        let items: Vec<usize> = (0..50).collect();
        let pages = paginate(&items, |n| format!("p{n}"));
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].1.len(), PER_PAGE);
        assert_eq!(pages[2].1, vec![48, 49]);
        assert_eq!(pages[0].2.prev, None);
        assert_eq!(pages[0].2.next.as_deref(), Some("p2"));
        assert_eq!(pages[2].2.prev.as_deref(), Some("p2"));
        assert_eq!(pages[1].2.total, 3);
        // The last page has no next; the pager marks only the page itself.
        assert_eq!(pages[2].2.next, None);
        let current: Vec<(Option<usize>, Option<bool>)> =
            pages[1].2.pages.iter().map(|i| (i.n, i.current)).collect();
        assert_eq!(
            current,
            vec![
                (Some(1), Some(false)),
                (Some(2), Some(true)),
                (Some(3), Some(false))
            ]
        );
        let empty: Vec<usize> = Vec::new();
        let one = paginate(&empty, |n| format!("p{n}"));
        assert_eq!(one.len(), 1);
        assert!(one[0].1.is_empty());
    }
}
