//! Decoding the typed model from the position-carrying YAML tree.
//!
//! A tiny hand-rolled alternative to serde's `Deserialize`, for two reasons:
//! every failure must be reported (serde stops at the first), and every
//! failure must name the node it is about. [`Decode`] turns a [`Node`] into a
//! value or records diagnostics in [`Cx`] and returns `None`; the
//! [`record!`] macro writes the struct decoders, including
//! the unknown-key check with a did-you-mean suggestion.

use super::diag::{Diagnostic, Span};
use super::yaml::{Node, NodeKind};
use crate::l10n::Msg;
use crate::msg;

/// Diagnostic codes raised while decoding (see `docs/rules.md`).
pub mod codes {
    pub const UNKNOWN_KEY: &str = "D006";
    pub const MISSING_KEY: &str = "D007";
    pub const WRONG_TYPE: &str = "D008";
    pub const ENUM_VALUE: &str = "D009";
    pub const ID_FORMAT: &str = "D010";
    pub const DATE_FORMAT: &str = "D011";
    pub const DUPLICATE_KEY: &str = "D012";
}

/// The decoding context: which file, and where problems go.
pub struct Cx<'a> {
    pub file: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    pub fn error(
        &mut self,
        code: &'static str,
        span: Span,
        msg: Msg,
        hint: impl Into<Option<Msg>>,
    ) {
        self.diags
            .push(Diagnostic::error(code, msg, self.file, span).with_hint(hint));
    }

    /// `expected` is a `type_*` message ("a list", "a year").
    pub fn wrong_type(&mut self, node: &Node, expected: Msg) {
        self.error(
            codes::WRONG_TYPE,
            node.span,
            msg!(
                "D008_expected",
                expected = expected,
                found = Msg::new(node.kind_key())
            ),
            None,
        );
    }
}

pub trait Decode: Sized {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self>;
}

/// The known value closest to `input`, if it is close enough to be a typo.
pub fn closest<'a>(input: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_l = input.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&input_l, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(input.chars().count()) / 3).max(2))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// "did you mean `x`?" or a list of the allowed values when few.
pub fn suggestion(input: &str, known: &[&str]) -> Option<Msg> {
    match closest(input, known.iter().copied()) {
        Some(k) => Some(msg!("hint_did_you_mean", name = k)),
        None if known.len() <= 12 => Some(msg!("hint_one_of", list = backticked(known))),
        None => None,
    }
}

/// "`a`, `b`, `c`".
pub fn backticked(known: &[&str]) -> String {
    known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reports a key that the record does not know.
pub fn unknown_key(cx: &mut Cx, key: &Node, name: &str, known: &[&str]) {
    cx.error(
        codes::UNKNOWN_KEY,
        key.span,
        msg!("D006_unknown_key", key = name),
        suggestion(name, known),
    );
}

/// The mapping entries of a node, or a type error.
pub fn entries<'n>(node: &'n Node, cx: &mut Cx, what: Msg) -> Option<&'n [(Node, Node)]> {
    match &node.kind {
        NodeKind::Map(pairs) => Some(pairs),
        _ => {
            cx.wrong_type(node, what);
            None
        }
    }
}

/// The key text of a mapping entry, or a type error for a non-scalar key.
pub fn key_text<'n>(key: &'n Node, cx: &mut Cx) -> Option<&'n str> {
    match key.as_str() {
        Some(s) => Some(s),
        None => {
            cx.wrong_type(key, Msg::new("type_key_name"));
            None
        }
    }
}

/// Decodes a struct from a mapping with a fixed set of keys.
///
/// `req` fields must be present; `opt` fields take `Default::default()`
/// when absent (so optional things are `Option<T>` or empty `Vec<T>`).
/// Each struct also records the span of its mapping in `at`.
macro_rules! record {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $( $(#[$fm:meta])* $req:ident $field:ident : $ty:ty = $key:literal ),* $(,)?
        }
    ) => {
        $crate::syntax::decode::record!(@struct [$(#[$m])*] $name []
            $( $(#[$fm])* $req $field : $ty = $key, )*);

        impl $name {
            /// The keys this record accepts, in the order of the format.
            pub const KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl $crate::syntax::decode::Decode for $name {
            #[allow(unused_mut, unused_variables)]
            fn decode(node: &$crate::syntax::yaml::Node, cx: &mut $crate::syntax::decode::Cx) -> Option<Self> {
                use $crate::syntax::decode::{Decode, entries, key_text, unknown_key, codes};
                let pairs = entries(node, cx, $crate::l10n::Msg::new("type_mapping"))?;
                $( let mut $field: Option<Option<$ty>> = None; )*
                // Unknown keys that look like a typo of a known key: that key
                // is then not reported missing as well.
                let mut typos: Vec<&str> = Vec::new();
                for (k, v) in pairs {
                    let Some(name) = key_text(k, cx) else { continue };
                    match name {
                        $( $key => {
                            if $field.is_some() {
                                cx.error(codes::DUPLICATE_KEY, k.span, $crate::msg!("D012_key_twice", key = $key), $crate::l10n::Msg::new("hint_keep_one"));
                            } else {
                                $field = Some(<$ty as Decode>::decode(v, cx));
                            }
                        } )*
                        other => {
                            if let Some(t) = $crate::syntax::decode::closest(other, Self::KEYS.iter().copied()) {
                                typos.push(t);
                            }
                            unknown_key(cx, k, other, Self::KEYS)
                        }
                    }
                }
                $( let $field: Option<$ty> = $crate::syntax::decode::record!(@finish $req, $field, $key, node, cx, typos); )*
                let ($($field,)*) = match ($($field,)*) {
                    ($(Some($field),)*) => ($($field,)*),
                    _ => return None,
                };
                Some($name { $($field,)* at: node.span })
            }
        }
    };
    // Builds the struct one field at a time, since an attribute (here
    // `#[serde(default)]` for optional fields) cannot come from a macro call.
    (@struct [$($m:tt)*] $name:ident [$($acc:tt)*]
        $(#[$fm:meta])* req $field:ident : $ty:ty = $key:literal, $($rest:tt)*) => {
        $crate::syntax::decode::record!(@struct [$($m)*] $name [$($acc)* $(#[$fm])* #[serde(rename = $key)] pub $field: $ty,] $($rest)*);
    };
    (@struct [$($m:tt)*] $name:ident [$($acc:tt)*]
        $(#[$fm:meta])* opt $field:ident : $ty:ty = $key:literal, $($rest:tt)*) => {
        $crate::syntax::decode::record!(@struct [$($m)*] $name [$($acc)* $(#[$fm])* #[serde(rename = $key, default)] pub $field: $ty,] $($rest)*);
    };
    (@struct [$($m:tt)*] $name:ident [$($acc:tt)*]) => {
        $($m)*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($acc)*
            /// Where the mapping starts in its file.
            #[serde(skip)]
            #[schemars(skip)]
            pub at: $crate::syntax::diag::Span,
        }
    };
    (@finish req, $field:ident, $key:literal, $node:ident, $cx:ident, $typos:ident) => {
        match $field {
            Some(v) => v,
            None if $typos.contains(&$key) => None,
            None => {
                $cx.error(codes::MISSING_KEY, $node.span, $crate::msg!("D007_missing_key", key = $key),
                    $crate::msg!("D007_missing_key_hint", key = $key));
                None
            }
        }
    };
    (@finish opt, $field:ident, $key:literal, $node:ident, $cx:ident, $typos:ident) => {
        Some($field.flatten().unwrap_or_default())
    };
}

// Path-scoped rather than `#[macro_export]`ed to the crate root: the
// model names them as part of the syntax layer, and the root (which
// imports the pipeline) stays out of the model's imports.
pub(crate) use record;

/// A string-valued enumeration with its YAML spellings.
macro_rules! enumeration {
    ($(#[$m:meta])* pub enum $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema)]
        pub enum $name { $( #[serde(rename = $text)] $variant, )* }

        impl $name {
            pub const ALL: &'static [&'static str] = &[$($text),*];
            #[allow(dead_code)]
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
        }

        impl $crate::syntax::decode::Decode for $name {
            fn decode(node: &$crate::syntax::yaml::Node, cx: &mut $crate::syntax::decode::Cx) -> Option<Self> {
                let Some(s) = node.as_str() else {
                    cx.wrong_type(node, $crate::msg!("type_one_of", list = Self::ALL.join(", ")));
                    return None;
                };
                match s {
                    $( $text => Some($name::$variant), )*
                    other => {
                        cx.error($crate::syntax::decode::codes::ENUM_VALUE, node.span,
                            $crate::msg!("D009_not_valid", value = other),
                            $crate::syntax::decode::suggestion(other, Self::ALL));
                        None
                    }
                }
            }
        }
    };
}

pub(crate) use enumeration;

impl Decode for String {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Scalar { value, .. } => Some(value.clone()),
            _ => {
                cx.wrong_type(node, Msg::new("type_text"));
                None
            }
        }
    }
}

impl Decode for bool {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match node.as_str() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => {
                cx.wrong_type(node, Msg::new("type_bool"));
                None
            }
        }
    }
}

fn plain_number(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { value, plain: true } => Some(value.as_str()),
        _ => None,
    }
}

impl Decode for i64 {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match plain_number(node).and_then(|s| s.replace('_', "").parse().ok()) {
            Some(n) => Some(n),
            None => {
                cx.wrong_type(node, Msg::new("type_whole_number"));
                None
            }
        }
    }
}

impl Decode for f64 {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match plain_number(node)
            .and_then(|s| s.replace('_', "").parse::<f64>().ok())
            .filter(|n| n.is_finite())
        {
            Some(n) => Some(n),
            None => {
                cx.wrong_type(node, Msg::new("type_number"));
                None
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            NodeKind::Null => Some(None),
            _ => T::decode(node, cx).map(Some),
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Seq(items) => {
                // Elements that fail are dropped after reporting, so that the
                // rest of the list is still checked.
                Some(items.iter().filter_map(|n| T::decode(n, cx)).collect())
            }
            NodeKind::Null => Some(Vec::new()),
            _ => {
                cx.wrong_type(node, Msg::new("type_list"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    crate::syntax::decode::enumeration! {
        pub enum Colour { Red = "red", Green = "green" }
    }

    crate::syntax::decode::record! {
        pub struct Sample {
            req name: String = "name",
            opt count: Option<i64> = "count",
            opt tags: Vec<String> = "tags",
            opt colour: Option<Colour> = "colour",
        }
    }

    fn run(src: &str) -> (Option<Sample>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let node = parse(src, 1).unwrap();
        let v = Sample::decode(
            &node,
            &mut Cx {
                file: "f",
                diags: &mut diags,
            },
        );
        (v, diags)
    }

    #[test]
    fn decodes_and_defaults() {
        let (v, d) = run("name: x\ncount: 3\n");
        assert!(d.is_empty());
        let v = v.unwrap();
        assert_eq!(v.count, Some(3));
        assert!(v.tags.is_empty());
    }

    #[test]
    fn reports_every_problem() {
        let (v, d) = run("nmae: x\ncount: three\ncolour: gren\ncolour: red\n");
        assert!(v.is_none());
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        // `nmae` is reported as a typo of `name`, not also as `name` missing
        assert_eq!(codes, vec!["D006", "D008", "D009", "D012"]);
        let hint = |i: usize| d[i].hint_in(crate::l10n::Lang::En);
        assert_eq!(hint(0).as_deref(), Some("did you mean `name`?"));
        assert_eq!(hint(2).as_deref(), Some("did you mean `green`?"));
        let hint = d[0].hint_in(crate::l10n::Lang::Ru);
        assert_eq!(hint.as_deref(), Some("может быть, `name`?"));
        assert_eq!((d[1].line, d[1].column), (2, 8));
    }
}
