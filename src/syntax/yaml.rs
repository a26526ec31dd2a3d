//! YAML to a tree of nodes that remember where they came from.
//!
//! Why not serde_yaml: it is deprecated and forgets positions once
//! deserialization succeeds, yet most of dokaz's checks (a dangling `from:`
//! link, a claim the evidence rules do not support) run long after parsing
//! and must still point at the exact node. So dokaz parses with the event
//! parser of `yaml-rust2` (maintained, pure Rust, YAML 1.2), whose every
//! event carries a marker, and builds its own small [`Node`] tree. The typed
//! model is then decoded from that tree by `syntax::decode`, which keeps a
//! [`Span`] wherever a later rule may need one and reports *all* problems
//! instead of stopping at the first, as serde would.
//!
//! Hostile input is bounded here: aliases are expanded under a node budget
//! (a "billion laughs" file is a located error, not an out-of-memory), and
//! nesting depth is limited.

use super::diag::Span;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// At most this many nodes per document, counting alias expansions.
pub const MAX_NODES: usize = 200_000;
/// At most this nesting depth of sequences and mappings.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// An empty value, `~` or `null`.
    Null,
    /// A scalar as written; `plain` is false for quoted and block scalars,
    /// which are always strings.
    Scalar {
        value: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The message key of [`Node::kind_name`] (`found_list`).
    pub fn kind_key(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "found_empty",
            NodeKind::Scalar { .. } => "found_scalar",
            NodeKind::Seq(_) => "found_list",
            NodeKind::Map(_) => "found_mapping",
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "an empty value",
            NodeKind::Scalar { .. } => "a single value",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping of keys to values",
        }
    }

    /// The text of a scalar node (of any style).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    fn count(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Seq(items) => items.iter().map(Node::count).sum(),
            NodeKind::Map(pairs) => pairs.iter().map(|(k, v)| k.count() + v.count()).sum(),
            _ => 0,
        }
    }
}

/// A YAML problem at a position of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub span: Span,
    pub message: crate::l10n::Msg,
    pub hint: Option<crate::l10n::Msg>,
    pub code: &'static str,
}

pub mod codes {
    pub const SYNTAX: &str = "D004";
    pub const LIMITS: &str = "D005";
}

/// Parses one YAML document. `first_line` is the 1-based line of the
/// document's first line in its file (front matter starts on line 2).
pub fn parse(text: &str, first_line: u32) -> Result<Node, YamlError> {
    let to_span = |m: &Marker| Span::new(m.line() as u32 + first_line - 1, m.col() as u32 + 1);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut total = 0usize;
    let mut root: Option<Node> = None;
    let mut documents = 0;
    loop {
        let (event, marker) = parser.next_token().map_err(|e| YamlError {
            span: to_span(e.marker()),
            message: crate::msg!("D004_syntax", detail = e.info()),
            hint: Some(crate::l10n::Msg::new("D004_syntax_hint")),
            code: codes::SYNTAX,
        })?;
        let span = to_span(&marker);
        let finished: Option<(Node, usize)> = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError {
                        span,
                        message: crate::l10n::Msg::new("D004_second_document"),
                        hint: Some(crate::l10n::Msg::new("D004_second_document_hint")),
                        code: codes::SYNTAX,
                    });
                }
                None
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => None,
            Event::Scalar(value, style, anchor, _tag) => {
                let plain = style == TScalarStyle::Plain;
                let kind = if plain && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL")
                {
                    NodeKind::Null
                } else {
                    NodeKind::Scalar { value, plain }
                };
                Some((Node { kind, span }, anchor))
            }
            Event::SequenceStart(anchor, _) => {
                push(&mut stack, Frame::Seq(span, anchor, Vec::new()), span)?;
                None
            }
            Event::MappingStart(anchor, _) => {
                push(&mut stack, Frame::Map(span, anchor, Vec::new(), None), span)?;
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(s, anchor, items)) => Some((
                    Node {
                        kind: NodeKind::Seq(items),
                        span: s,
                    },
                    anchor,
                )),
                _ => None,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(s, anchor, pairs, _)) => {
                    // The parser marks a block mapping's start after its
                    // first key; the first key is where authors look.
                    let span = pairs.first().map_or(s, |(k, _)| k.span.min(s));
                    Some((
                        Node {
                            kind: NodeKind::Map(pairs),
                            span,
                        },
                        anchor,
                    ))
                }
                _ => None,
            },
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(YamlError {
                        span,
                        message: crate::l10n::Msg::new("D004_unknown_anchor"),
                        hint: None,
                        code: codes::SYNTAX,
                    });
                };
                let size = target.count();
                total += size;
                if total > MAX_NODES {
                    return Err(too_many(span));
                }
                let mut node = target.clone();
                node.span = span;
                Some((node, 0))
            }
        };
        if let Some((node, anchor)) = finished {
            total += 1;
            if total > MAX_NODES {
                return Err(too_many(span));
            }
            if anchor > 0 {
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq(_, _, items)) => items.push(node),
                Some(Frame::Map(_, _, pairs, key)) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => pairs.push((k, node)),
                },
            }
        }
    }
    Ok(root.unwrap_or(Node {
        kind: NodeKind::Null,
        span: Span::new(first_line, 1),
    }))
}

enum Frame {
    Seq(Span, usize, Vec<Node>),
    Map(Span, usize, Vec<(Node, Node)>, Option<Node>),
}

fn push(stack: &mut Vec<Frame>, frame: Frame, span: Span) -> Result<(), YamlError> {
    if stack.len() >= MAX_DEPTH {
        return Err(YamlError {
            span,
            message: crate::msg!("D005_too_deep", n = MAX_DEPTH),
            hint: Some(crate::l10n::Msg::new("D005_too_deep_hint")),
            code: codes::LIMITS,
        });
    }
    stack.push(frame);
    Ok(())
}

fn too_many(span: Span) -> YamlError {
    YamlError {
        span,
        message: crate::msg!("D005_too_many", n = MAX_NODES),
        hint: Some(crate::l10n::Msg::new("D005_too_many_hint")),
        code: codes::LIMITS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let n = parse("а: Привет\nбб: [1, x]\n", 2).unwrap();
        let NodeKind::Map(pairs) = &n.kind else {
            panic!()
        };
        assert_eq!(pairs[0].1.span, Span::new(2, 4));
        let NodeKind::Seq(items) = &pairs[1].1.kind else {
            panic!()
        };
        assert_eq!(items[1].span, Span::new(3, 9));
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='j' {
            doc.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        let err = parse(&doc, 1).unwrap_err();
        assert_eq!(err.code, codes::LIMITS);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let doc = "[".repeat(10_000);
        assert!(parse(&doc, 1).is_err());
    }

    #[test]
    fn small_aliases_expand() {
        let n = parse("a: &x [1]\nb: *x\n", 1).unwrap();
        let NodeKind::Map(pairs) = &n.kind else {
            panic!()
        };
        assert_eq!(pairs[1].1.kind, pairs[0].1.kind);
        assert_eq!(pairs[1].1.span, Span::new(2, 4));
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse("a: [1,\n b: 'x", 2).unwrap_err();
        assert_eq!(e.span.line, 3);
    }
}
