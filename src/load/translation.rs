//! A translation is the same practice told in another language
//! (FORMAT.md §10.1): it writes its texts, and takes every other field
//! from its original.
//!
//! The two are combined on the YAML trees, before decoding, so that the
//! translation decodes into a complete [`Practice`] through the same
//! decoder as any practice, and nothing downstream needs to know which
//! fields were inherited. The rules for combining:
//! - a field whose content is text (see [`TEXT`]) is the translation's
//!   when it gives one;
//! - lists of items with ids (`target_groups` and their `problems`,
//!   `activities`, `results`, `indicators`; `long_term` and `factors` by
//!   `result`) are combined item by item: the translation may give any of
//!   the original's items, only to translate them; an id the original
//!   lacks is an error;
//! - any other value the translation repeats must equal the original's:
//!   the first value that differs in each field is an error naming the
//!   original's value, and the original's value is kept;
//! - `language`, `translation_of`, `updated` and `draft` belong to the
//!   file they are written in.
//!
//! Values taken from the original carry [`Span::INHERITED`]: a rule that
//! finds a problem in one of them is reporting the original's problem,
//! which the original's own file already reports, at its real place.
//!
//! [`Practice`]: crate::model::practice::Practice

use super::codes;
use crate::l10n::Msg;
use crate::msg;
use crate::syntax::decode::suggestion;
use crate::syntax::diag::{Diagnostic, Span};
use crate::syntax::yaml::{Node, NodeKind};

/// Fields whose content is text a translation translates, as paths of
/// keys from the top of the front matter (list items are transparent).
pub const TEXT: &[&str] = &[
    "title",
    "summary",
    "geography_note",
    "uniqueness",
    "values",
    "negative_effects",
    "quality_assurance",
    "deviations",
    "contacts.name",
    "contacts.role",
    "target_groups.name",
    "target_groups.problems.text",
    "activities.name",
    "results.text",
    "indicators.name",
    "indicators.method",
    "indicators.not_measured",
    "indicators.values.note",
    "monitoring.tool",
    "monitoring.responsible",
    "monitoring.frequency",
    "factors.favouring",
    "factors.hindering",
    "risks.risk",
    "risks.mitigation",
    "justification.theory",
    "justification.references.title",
    "justification.external_evaluation.by",
    "justification.external_evaluation.method",
    "justification.external_evaluation.note",
    "partners.name",
    "resources.staff.role",
    "resources.budget.items.name",
    "documents.title",
    "documents.file",
    "long_term.text",
];

/// Fields of the file itself, never taken from the original.
const OWN: &[&str] = &["language", "translation_of"];

/// Fields of the file itself that are taken from the original when
/// absent, and may differ from it when given.
const OWN_OR_INHERITED: &[&str] = &["updated", "draft"];

/// Lists whose items are matched by a key rather than by position.
const KEYED: &[(&str, &str)] = &[
    ("target_groups", "id"),
    ("target_groups.problems", "id"),
    ("activities", "id"),
    ("results", "id"),
    ("indicators", "id"),
    ("long_term", "result"),
    ("factors", "result"),
];

/// Keys a translation must give itself.
pub const REQUIRED: &[&str] = &["title", "summary", "language"];

/// The value of a top-level key of a mapping node.
pub fn top_value<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.kind {
        NodeKind::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

struct Merge<'a> {
    file: &'a str,
    original_id: &'a str,
    original_file: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    /// Whether the current top-level field has already reported a
    /// difference (one per field: the first).
    reported: bool,
}

/// The translation `tr` (of `file`) combined with its original's tree.
pub fn merge(
    original: &Node,
    tr: &Node,
    file: &str,
    original_id: &str,
    original_file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Node {
    let mut m = Merge {
        file,
        original_id,
        original_file,
        diags,
        reported: false,
    };
    let (NodeKind::Map(o), NodeKind::Map(t)) = (&original.kind, &tr.kind) else {
        return tr.clone();
    };
    let mut out: Vec<(Node, Node)> = Vec::new();
    for (k, v) in o {
        let Some(key) = k.as_str() else { continue };
        if OWN.contains(&key) {
            continue;
        }
        match t.iter().find(|(tk, _)| tk.as_str() == Some(key)) {
            Some((tk, tv)) => {
                m.reported = false;
                out.push((tk.clone(), m.node(v, tv, key)));
            }
            None => out.push((inherited(k), inherited(v))),
        }
    }
    for (tk, tv) in t {
        let Some(key) = tk.as_str() else {
            out.push((tk.clone(), tv.clone()));
            continue;
        };
        if OWN.contains(&key) {
            out.push((tk.clone(), tv.clone()));
            continue;
        }
        if o.iter().any(|(k, _)| k.as_str() == Some(key)) {
            continue;
        }
        if OWN_OR_INHERITED.contains(&key) || is_text(key) {
            out.push((tk.clone(), tv.clone()));
        } else if crate::model::practice::Practice::KEYS.contains(&key) {
            m.absent(tk, key);
        } else {
            // An unknown key: the decoder reports it (with a suggestion).
            out.push((tk.clone(), tv.clone()));
        }
    }
    Node {
        kind: NodeKind::Map(out),
        span: tr.span,
    }
}

fn is_text(path: &str) -> bool {
    TEXT.contains(&path)
}

fn join(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

/// A copy of `n` whose every span is [`Span::INHERITED`].
fn inherited(n: &Node) -> Node {
    let kind = match &n.kind {
        NodeKind::Seq(items) => NodeKind::Seq(items.iter().map(inherited).collect()),
        NodeKind::Map(pairs) => NodeKind::Map(
            pairs
                .iter()
                .map(|(k, v)| (inherited(k), inherited(v)))
                .collect(),
        ),
        other => other.clone(),
    };
    Node {
        kind,
        span: Span::INHERITED,
    }
}

/// A value as an author reads it, for messages.
fn shown(n: &Node) -> Msg {
    match &n.kind {
        NodeKind::Null => Msg::new("found_empty"),
        NodeKind::Scalar { value, .. } => {
            let v: String = value.chars().take(60).collect();
            msg!("shown_value", value = v)
        }
        NodeKind::Seq(items) => msg!("shown_list", n = items.len()),
        NodeKind::Map(_) => Msg::new("shown_mapping"),
    }
}

/// Two scalars state the same fact: the same text, or the same number
/// however written (`1400000`, `1400000.0`).
fn same_scalar(a: &str, b: &str) -> bool {
    a == b
        || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y && x.is_finite())
}

impl Merge<'_> {
    fn node(&mut self, o: &Node, t: &Node, path: &str) -> Node {
        if is_text(path) || OWN_OR_INHERITED.contains(&path) {
            return t.clone();
        }
        match (&o.kind, &t.kind) {
            (NodeKind::Map(op), NodeKind::Map(tp)) => self.map(op, tp, t.span, path),
            (NodeKind::Seq(os), NodeKind::Seq(ts)) => {
                match KEYED.iter().find(|(p, _)| *p == path) {
                    Some((_, key)) => self.keyed(os, ts, t.span, path, key),
                    None => self.positional(os, ts, t, path),
                }
            }
            (NodeKind::Scalar { value: a, .. }, NodeKind::Scalar { value: b, .. })
                if same_scalar(a, b) =>
            {
                t.clone()
            }
            (NodeKind::Null, NodeKind::Null) => t.clone(),
            _ => {
                self.differs(t, o, path);
                inherited(o)
            }
        }
    }

    fn map(&mut self, o: &[(Node, Node)], t: &[(Node, Node)], span: Span, path: &str) -> Node {
        let mut out: Vec<(Node, Node)> = Vec::new();
        for (k, v) in o {
            let Some(key) = k.as_str() else { continue };
            match t.iter().find(|(tk, _)| tk.as_str() == Some(key)) {
                Some((tk, tv)) => out.push((tk.clone(), self.node(v, tv, &join(path, key)))),
                None => out.push((inherited(k), inherited(v))),
            }
        }
        for (tk, tv) in t {
            let Some(key) = tk.as_str() else { continue };
            if o.iter().any(|(k, _)| k.as_str() == Some(key)) {
                continue;
            }
            let p = join(path, key);
            if is_text(&p) {
                out.push((tk.clone(), tv.clone()));
            } else {
                self.absent(tk, &p);
            }
        }
        Node {
            kind: NodeKind::Map(out),
            span,
        }
    }

    /// Items matched by `key`: the original's items in its order, each
    /// with the translation's texts where it gives them.
    fn keyed(&mut self, o: &[Node], t: &[Node], span: Span, path: &str, key: &str) -> Node {
        let key_of = |n: &Node| top_value(n, key).and_then(Node::as_str).map(str::to_owned);
        let known: Vec<String> = o.iter().filter_map(key_of).collect();
        for item in t {
            match key_of(item) {
                Some(k) if known.contains(&k) => {}
                Some(k) => {
                    let at = top_value(item, key).map_or(item.span, |n| n.span);
                    let known: Vec<&str> = known.iter().map(String::as_str).collect();
                    self.diags.push(
                        Diagnostic::error(
                            codes::TRANSLATION,
                            msg!(
                                "D019_no_item",
                                path = path,
                                original = self.original_id,
                                key = key,
                                value = &k
                            ),
                            self.file,
                            at,
                        )
                        .with_hint(match suggestion(&k, &known) {
                            Some(s) => msg!(
                                "D019_no_item_hint_suggest",
                                file = self.original_file,
                                suggestion = s
                            ),
                            None => msg!("D019_no_item_hint", file = self.original_file),
                        }),
                    );
                }
                None => self.diags.push(
                    Diagnostic::error(
                        codes::TRANSLATION,
                        msg!("D019_item_without_key", path = path, key = key),
                        self.file,
                        item.span,
                    )
                    .with_hint(msg!("D019_item_without_key_hint", key = key)),
                ),
            }
        }
        let items = o
            .iter()
            .map(|oi| {
                let tr = key_of(oi).and_then(|k| t.iter().find(|ti| key_of(ti) == Some(k.clone())));
                match (tr, &oi.kind) {
                    (Some(ti), NodeKind::Map(op)) => match &ti.kind {
                        NodeKind::Map(tp) => self.map(op, tp, ti.span, path),
                        _ => inherited(oi),
                    },
                    _ => inherited(oi),
                }
            })
            .collect();
        Node {
            kind: NodeKind::Seq(items),
            span,
        }
    }

    /// Items matched by position: the translation gives the whole list.
    fn positional(&mut self, o: &[Node], t: &[Node], tn: &Node, path: &str) -> Node {
        if o.len() != t.len() {
            self.report(
                tn.span,
                msg!(
                    "D020_list_length",
                    path = path,
                    n = t.len(),
                    original = self.original_id,
                    of = o.len()
                ),
            );
            return inherited(&Node {
                kind: NodeKind::Seq(o.to_vec()),
                span: tn.span,
            });
        }
        let items = o
            .iter()
            .zip(t)
            .map(|(oi, ti)| self.node(oi, ti, path))
            .collect();
        Node {
            kind: NodeKind::Seq(items),
            span: tn.span,
        }
    }

    fn differs(&mut self, t: &Node, o: &Node, path: &str) {
        self.report(
            t.span,
            msg!(
                "D020_differs",
                path = path,
                here = shown(t),
                there = shown(o),
                original = self.original_id
            ),
        );
    }

    fn absent(&mut self, k: &Node, path: &str) {
        self.report(
            k.span,
            msg!("D020_absent", path = path, original = self.original_id),
        );
    }

    fn report(&mut self, at: Span, msg: Msg) {
        if self.reported {
            return;
        }
        self.reported = true;
        self.diags.push(
            Diagnostic::error(codes::TRANSLATION_DIFFERS, msg, self.file, at)
                .with_hint(msg!("D020_hint", file = self.original_file)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    const ORIGINAL: &str = "\
title: Оригинал
summary: Кратко
language: ru
status: active
started: 2015
regions: [moscow]
target_groups:
  - id: tg
    name: Мамы
    category: mothers
    problems:
      - {id: p1, text: Нет жилья}
      - {id: p2, text: Нет работы}
results:
  - {id: r1, level: output, from: [a1], text: Есть жильё}
indicators:
  - id: i1
    result: r1
    name: Доля
    values:
      - {year: 2020, value: 12, of: 20, note: оценка}
resources:
  budget:
    - {year: 2020, currency: RUB, total: 100, items: [{name: Аренда, amount: 100}]}
";

    fn run(tr: &str) -> (Node, Vec<Diagnostic>) {
        let o = parse(ORIGINAL, 1).unwrap();
        let t = parse(tr, 1).unwrap();
        let mut d = Vec::new();
        let n = merge(&o, &t, "t.md", "orig", "o.md", &mut d);
        (n, d)
    }

    fn path<'n>(n: &'n Node, keys: &[&str]) -> &'n Node {
        let mut cur = n;
        for k in keys {
            cur = match (&cur.kind, k.parse::<usize>()) {
                (NodeKind::Seq(items), Ok(i)) => &items[i],
                _ => top_value(cur, k).unwrap_or_else(|| panic!("no {k}")),
            };
        }
        cur
    }

    #[test]
    fn texts_come_from_the_translation_and_facts_from_the_original() {
        let (n, d) = run(
            "title: Original\nsummary: Short\nlanguage: en\ntranslation_of: orig\n\
             target_groups:\n  - {id: tg, name: Mothers, problems: [{id: p2, text: No job}]}\n\
             indicators:\n  - {id: i1, name: Share, values: [{year: 2020, value: 12.0, of: 20, note: estimate}]}\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(path(&n, &["title"]).as_str(), Some("Original"));
        assert_eq!(path(&n, &["language"]).as_str(), Some("en"));
        assert_eq!(path(&n, &["started"]).as_str(), Some("2015"));
        assert_eq!(path(&n, &["started"]).span, Span::INHERITED);
        let tg = path(&n, &["target_groups", "0"]);
        assert_eq!(path(tg, &["name"]).as_str(), Some("Mothers"));
        assert_eq!(path(tg, &["category"]).as_str(), Some("mothers"));
        // The untranslated problem keeps the original's text, in order.
        assert_eq!(
            path(tg, &["problems", "0", "text"]).as_str(),
            Some("Нет жилья")
        );
        assert_eq!(
            path(tg, &["problems", "1", "text"]).as_str(),
            Some("No job")
        );
        let v = path(&n, &["indicators", "0", "values", "0"]);
        assert_eq!(path(v, &["note"]).as_str(), Some("estimate"));
        assert_eq!(
            path(&n, &["indicators", "0", "result"]).as_str(),
            Some("r1")
        );
        assert!(top_value(&n, "results").is_some());
    }

    #[test]
    fn a_differing_fact_is_located_and_names_the_original_value() {
        let (n, d) = run("title: T\nsummary: S\nlanguage: en\nstarted: 2016\n\
             indicators:\n  - {id: i1, values: [{year: 2020, value: 13, of: 20}]}\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].code, codes::TRANSLATION_DIFFERS);
        assert_eq!((d[0].line, d[0].column), (4, 10));
        assert!(
            d[0].text().contains("`2016` here, but `2015`"),
            "{}",
            d[0].message
        );
        assert!(
            d[1].text().contains("indicators.values.value"),
            "{}",
            d[1].message
        );
        assert_eq!(d[1].line, 6);
        // The original's value is kept.
        assert_eq!(path(&n, &["started"]).as_str(), Some("2015"));
    }

    #[test]
    fn one_error_per_field_and_lists_of_other_length() {
        let (_, d) = run("title: T\nsummary: S\nlanguage: en\n\
             resources:\n  budget:\n    - {year: 2021, currency: USD, total: 1}\n\
             regions: [moscow, tula]\n");
        assert_eq!(d.len(), 2, "{d:?}");
        // In the original's order of fields.
        assert!(
            d[0].text()
                .contains("2 items here, but the original `orig` has 1")
        );
        assert!(
            d[1].text().contains("resources.budget.year"),
            "{}",
            d[1].message
        );
    }

    #[test]
    fn unknown_ids_and_facts_the_original_lacks_are_errors() {
        let (_, d) = run("title: T\nsummary: S\nlanguage: en\nthematic_area: x\n\
             results:\n  - {id: r9, text: Nine}\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].code, codes::TRANSLATION);
        assert!(d[0].text().contains("no item `id: r9`"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (6, 10));
        assert_eq!(d[1].code, codes::TRANSLATION_DIFFERS);
        assert!(
            d[1].text()
                .contains("`thematic_area` is not in the original")
        );
    }

    #[test]
    fn own_fields_are_never_inherited() {
        let (n, d) = run("title: T\nsummary: S\n");
        assert!(d.is_empty());
        assert!(top_value(&n, "language").is_none());
        let (n, _) = run("title: T\nsummary: S\nlanguage: en\n");
        assert_eq!(path(&n, &["language"]).as_str(), Some("en"));
        let (n, _) = run("title: T\nsummary: S\nupdated: 2024-01-01\n");
        assert_eq!(path(&n, &["updated"]).as_str(), Some("2024-01-01"));
    }
}
