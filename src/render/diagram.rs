//! The theory-of-change diagram: target groups → problems → activities →
//! results by level → effect, as inline SVG.
//!
//! The columns are fixed by the format, so the layout is a small layered
//! (Sugiyama-style) one of our own: nodes in their level's column, order
//! within columns improved by barycentric sweeps (keeping the order with
//! the fewest edge crossings), boxes sized by text measured with the
//! shipped font. Graph-layout crates place layers themselves and do not
//! measure text, which is the hard part here. The logic-model table on
//! the page is the diagram's text alternative.

use super::svg::{esc, n, text_block, wrap};
use crate::model::practice::{Level, Practice};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub const FONT_SIZE: f32 = 13.0;
pub const LINE: f32 = 16.0;
pub const PAD: f32 = 8.0;
pub const BOX_W: f32 = 200.0;
pub const COL_GAP: f32 = 64.0;
pub const ROW_GAP: f32 = 12.0;
const HEADER: f32 = 34.0;

/// The kinds of node, in column order.
pub const KINDS: &[&str] = &[
    "group", "problem", "activity", "output", "short", "medium", "long", "effect",
];

#[derive(Debug, Clone)]
pub struct Node {
    /// Unique in the diagram: `g:`, `p:`, `a:`, `r:` + local id.
    pub key: String,
    pub kind: &'static str,
    pub text: String,
    /// The id of its row in the logic-model table.
    pub anchor: String,
    pub lines: Vec<String>,
    pub x: f32,
    pub y: f32,
    pub h: f32,
    pub key_result: bool,
}

pub struct Diagram {
    pub nodes: Vec<Node>,
    /// (from key, to key)
    pub edges: Vec<(String, String)>,
    pub width: f32,
    pub height: f32,
    /// The columns present, in order.
    pub columns: Vec<&'static str>,
}

fn level_kind(l: Level) -> &'static str {
    match l {
        Level::Output => "output",
        Level::Short => "short",
        Level::Medium => "medium",
        Level::Long => "long",
        Level::Effect => "effect",
    }
}

/// Builds and lays out the diagram of a practice.
pub fn layout(p: &Practice) -> Diagram {
    let mut nodes: Vec<Node> = Vec::new();
    let mut edges: Vec<(String, String)> = Vec::new();
    let node = |key: String, kind: &'static str, text: &str, anchor: String| Node {
        key,
        kind,
        text: text.to_owned(),
        anchor,
        lines: wrap(text, FONT_SIZE, BOX_W - 2.0 * PAD),
        x: 0.0,
        y: 0.0,
        h: 0.0,
        key_result: false,
    };
    for g in p.target_groups.iter() {
        nodes.push(node(
            format!("g:{}", g.id.value),
            "group",
            &g.name,
            format!("tg-{}", g.id.value),
        ));
        for pr in g.problems.iter() {
            nodes.push(node(
                format!("p:{}", pr.id.value),
                "problem",
                &pr.text,
                format!("pr-{}", pr.id.value),
            ));
            edges.push((format!("g:{}", g.id.value), format!("p:{}", pr.id.value)));
        }
    }
    let activities: BTreeSet<&str> = p.activities.iter().map(|a| a.id.as_str()).collect();
    for a in p.activities.iter() {
        nodes.push(node(
            format!("a:{}", a.id.value),
            "activity",
            &a.name,
            format!("a-{}", a.id.value),
        ));
        for pr in &a.addresses {
            edges.push((format!("p:{}", pr.value), format!("a:{}", a.id.value)));
        }
    }
    for r in p.results.iter() {
        nodes.push(node(
            format!("r:{}", r.id.value),
            level_kind(*r.level),
            &r.text,
            format!("r-{}", r.id.value),
        ));
        for src in r.from.iter() {
            let from = if activities.contains(src.as_str()) {
                format!("a:{}", src.value)
            } else {
                format!("r:{}", src.value)
            };
            edges.push((from, format!("r:{}", r.id.value)));
        }
    }
    // Only edges between existing nodes (a validated practice has no
    // others, but the diagram must never draw a dangling line).
    let keys: BTreeSet<String> = nodes.iter().map(|n| n.key.clone()).collect();
    edges.retain(|(a, b)| keys.contains(a) && keys.contains(b) && a != b);
    edges.sort();
    edges.dedup();

    mark_key_results(&mut nodes, &edges);

    // Columns present, each with its nodes in order.
    let columns: Vec<&'static str> = KINDS
        .iter()
        .copied()
        .filter(|k| nodes.iter().any(|n| n.kind == *k))
        .collect();
    let mut order: Vec<Vec<usize>> = columns
        .iter()
        .map(|k| (0..nodes.len()).filter(|i| nodes[*i].kind == *k).collect())
        .collect();
    let col_of: BTreeMap<&str, usize> = nodes
        .iter()
        .map(|n| {
            (
                n.key.as_str(),
                columns.iter().position(|k| *k == n.kind).unwrap_or(0),
            )
        })
        .collect();
    let index: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.as_str(), i))
        .collect();
    let pairs: Vec<(usize, usize)> = edges
        .iter()
        .map(|(a, b)| (index[a.as_str()], index[b.as_str()]))
        .collect();
    reduce_crossings(
        &mut order,
        &pairs,
        &col_of.values().copied().collect::<Vec<_>>(),
    );

    // Geometry.
    for n in nodes.iter_mut() {
        n.h = n.lines.len() as f32 * LINE + 2.0 * PAD;
    }
    let heights: Vec<f32> = order
        .iter()
        .map(|col| {
            col.iter().map(|i| nodes[*i].h).sum::<f32>()
                + ROW_GAP * (col.len().saturating_sub(1)) as f32
        })
        .collect();
    let tallest = heights.iter().copied().fold(0.0f32, f32::max);
    for (c, col) in order.iter().enumerate() {
        let mut y = HEADER + (tallest - heights[c]) / 2.0;
        for &i in col {
            nodes[i].x = c as f32 * (BOX_W + COL_GAP);
            nodes[i].y = y;
            y += nodes[i].h + ROW_GAP;
        }
    }
    let width = columns.len() as f32 * (BOX_W + COL_GAP) - COL_GAP;
    Diagram {
        nodes,
        edges,
        width: width.max(BOX_W),
        height: HEADER + tallest + 2.0,
        columns,
    }
}

/// The key-results chain: the results that most other results depend on
/// (transitively), excluding the effect itself — at most three, and only
/// those that at least two results depend on.
fn mark_key_results(nodes: &mut [Node], edges: &[(String, String)]) {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        if a.starts_with("r:") && b.starts_with("r:") {
            next.entry(a.as_str()).or_default().push(b.as_str());
        }
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        if !n.key.starts_with("r:") || n.kind == "effect" {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut stack = vec![n.key.as_str()];
        while let Some(k) = stack.pop() {
            for m in next.get(k).into_iter().flatten() {
                if seen.insert(*m) {
                    stack.push(m);
                }
            }
        }
        counts.push((seen.len(), i));
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (count, i) in counts.into_iter().take(3) {
        if count >= 2 {
            nodes[i].key_result = true;
        }
    }
}

/// Crossings between edges of the same pair of columns, by position.
fn crossings(order: &[Vec<usize>], pairs: &[(usize, usize)], col: &[usize]) -> usize {
    let mut pos = vec![0usize; col.len()];
    for c in order {
        for (p, &i) in c.iter().enumerate() {
            pos[i] = p;
        }
    }
    let mut n = 0;
    for (i, &(a, b)) in pairs.iter().enumerate() {
        for &(c, d) in &pairs[i + 1..] {
            if col[a] == col[c] && col[b] == col[d] {
                let (pa, pb, pc, pd) = (pos[a] as i64, pos[b] as i64, pos[c] as i64, pos[d] as i64);
                if (pa - pc) * (pb - pd) < 0 {
                    n += 1;
                }
            }
        }
    }
    n
}

/// Barycentric sweeps down and up the columns; the best order seen wins.
fn reduce_crossings(order: &mut [Vec<usize>], pairs: &[(usize, usize)], col: &[usize]) {
    let mut best = order.to_vec();
    let mut best_n = crossings(order, pairs, col);
    for sweep in 0..8 {
        let down = sweep % 2 == 0;
        let cols: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for c in cols {
            let mut pos = vec![f32::NAN; col.len()];
            for cc in order.iter() {
                let len = cc.len().max(1) as f32;
                for (p, &i) in cc.iter().enumerate() {
                    pos[i] = (p as f32 + 0.5) / len;
                }
            }
            let bary = |i: usize| -> f32 {
                let neighbours: Vec<f32> = pairs
                    .iter()
                    .filter_map(|&(a, b)| {
                        if down && b == i && col[a] < c {
                            Some(pos[a])
                        } else if !down && a == i && col[b] > c {
                            Some(pos[b])
                        } else {
                            None
                        }
                    })
                    .collect();
                if neighbours.is_empty() {
                    pos[i]
                } else {
                    neighbours.iter().sum::<f32>() / neighbours.len() as f32
                }
            };
            let mut keyed: Vec<(f32, usize, usize)> = order[c]
                .iter()
                .enumerate()
                .map(|(p, &i)| (bary(i), p, i))
                .collect();
            keyed.sort_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            });
            order[c] = keyed.into_iter().map(|(_, _, i)| i).collect();
        }
        let n = crossings(order, pairs, col);
        if n < best_n {
            best_n = n;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

/// Renders the diagram as inline SVG. `labels` names the columns; `title`
/// and `desc` are the accessible name and description.
pub fn svg(
    d: &Diagram,
    id: &str,
    title: &str,
    desc: &str,
    labels: &BTreeMap<&str, String>,
    key_label: &str,
) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<svg class=\"toc-diagram\" id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"group\" aria-labelledby=\"{id}-t {id}-d\">\
<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" class=\"arrow\"/></marker></defs>",
        esc(title),
        esc(desc),
        w = n(d.width),
        h = n(d.height),
    );
    for (c, kind) in d.columns.iter().enumerate() {
        let x = c as f32 * (BOX_W + COL_GAP);
        let _ = write!(
            out,
            "<text class=\"col-label\" x=\"{}\" y=\"16\">{}</text>",
            n(x),
            esc(labels.get(kind).map_or(*kind, String::as_str))
        );
    }
    let by_key: BTreeMap<&str, &Node> = d.nodes.iter().map(|n| (n.key.as_str(), n)).collect();
    out.push_str("<g class=\"edges\">");
    for (a, b) in &d.edges {
        let (Some(s), Some(t)) = (by_key.get(a.as_str()), by_key.get(b.as_str())) else {
            continue;
        };
        let (x1, y1) = (s.x + BOX_W, s.y + s.h / 2.0);
        let (x2, y2) = (t.x, t.y + t.h / 2.0);
        let mid = (x1 + x2) / 2.0;
        let _ = write!(
            out,
            "<path class=\"edge\" data-from=\"{}\" data-to=\"{}\" d=\"M{},{} C{},{} {},{} {},{}\" marker-end=\"url(#{id}-arrow)\"/>",
            esc(a),
            esc(b),
            n(x1),
            n(y1),
            n(mid),
            n(y1),
            n(mid),
            n(y2),
            n(x2 - 1.0),
            n(y2)
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    for nd in &d.nodes {
        let _ = write!(
            out,
            "<a class=\"node kind-{}{}\" href=\"#{}\" data-node=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\"/>",
            nd.kind,
            if nd.key_result { " key-result" } else { "" },
            esc(&nd.anchor),
            esc(&nd.key),
            n(nd.x),
            n(nd.y),
            n(BOX_W),
            n(nd.h)
        );
        if nd.key_result {
            let _ = write!(out, "<title>{}</title>", esc(key_label));
        }
        text_block(
            &mut out,
            &nd.lines,
            nd.x + PAD,
            nd.y + PAD + FONT_SIZE - 1.0,
            LINE,
            "label",
        );
        out.push_str("</a>");
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossings_are_counted() {
        // columns: 0: [0, 1], 1: [2, 3]; edges 0→3, 1→2 cross once.
        let order = vec![vec![0, 1], vec![2, 3]];
        let col = vec![0, 0, 1, 1];
        assert_eq!(crossings(&order, &[(0, 3), (1, 2)], &col), 1);
        assert_eq!(crossings(&order, &[(0, 2), (1, 3)], &col), 0);
        let mut o = order.clone();
        reduce_crossings(&mut o, &[(0, 3), (1, 2)], &col);
        assert_eq!(crossings(&o, &[(0, 3), (1, 2)], &col), 0);
    }
}
