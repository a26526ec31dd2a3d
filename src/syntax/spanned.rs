//! Values that remember where in their file they were written.
//!
//! Most rules run long after parsing (a claim the evidence scheme does not
//! support, a dangling link) and must still point at the exact key or
//! value, so the decoded model keeps a [`Span`] wherever a rule may need
//! one. These types carry no meaning of their own, which is why they sit
//! in the syntax layer and the model builds on them.

use super::decode::{Cx, Decode, codes, entries, key_text};
use super::diag::Span;
use super::yaml::{Node, NodeKind};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::fmt;

/// A value with the position of the YAML node it came from.
#[derive(Debug, Clone, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Positions do not take part in equality: two models are equal when their
/// content is.
impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Decode> Decode for Spanned<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        T::decode(node, cx).map(|value| Spanned {
            value,
            span: node.span,
        })
    }
    fn is_blank(&self) -> bool {
        self.value.is_blank()
    }
    fn placeholder() -> Option<Self> {
        T::placeholder().map(|value| Spanned {
            value,
            span: super::diag::Span::BROKEN,
        })
    }
}

impl<T> Spanned<T> {
    /// Whether this is a stand-in for a value that failed to decode.
    pub fn is_broken(&self) -> bool {
        self.span == super::diag::Span::BROKEN
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(g)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// A mapping with free keys (evidence claims, review levels and comments)
/// that keeps the position of every key, so a rule can point at the key
/// itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keyed<T>(pub Vec<(Spanned<String>, T)>);

impl<T> Keyed<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Spanned<String>, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Decode> Decode for Keyed<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.kind, NodeKind::Null) {
            return Some(Keyed(Vec::new()));
        }
        let pairs = entries(node, cx, crate::l10n::Msg::new("type_mapping"))?;
        let mut out: Vec<(Spanned<String>, T)> = Vec::new();
        for (k, v) in pairs {
            let Some(name) = key_text(k, cx) else {
                continue;
            };
            if out.iter().any(|(x, _)| x.as_str() == name) {
                cx.error(
                    codes::DUPLICATE_KEY,
                    k.span,
                    crate::msg!("D012_key_twice", key = name),
                    crate::l10n::Msg::new("hint_keep_one"),
                );
                continue;
            }
            let Some(value) = T::decode(v, cx) else {
                cx.lost += 1;
                continue;
            };
            out.push((
                Spanned {
                    value: name.to_owned(),
                    span: k.span,
                },
                value,
            ));
        }
        Some(Keyed(out))
    }
    fn placeholder() -> Option<Self> {
        Some(Keyed(Vec::new()))
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k.as_str(), v)?;
        }
        m.end()
    }
}

impl<T: JsonSchema> JsonSchema for Keyed<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Keyed_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let inner = g.subschema_for::<T>();
        schemars::json_schema!({"type": "object", "additionalProperties": inner})
    }
}

/// A mapping with free-form keys (UI strings, for instance). Keys are
/// checked by whoever knows the valid set; see also [`Keyed`],
/// which keeps each key's position.
impl<T: Decode> Decode for std::collections::BTreeMap<String, T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let keyed = Keyed::<T>::decode(node, cx)?;
        Some(keyed.0.into_iter().map(|(k, v)| (k.value, v)).collect())
    }
    fn placeholder() -> Option<Self> {
        Some(Self::new())
    }
}
