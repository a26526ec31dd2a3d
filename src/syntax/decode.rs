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
    pub const BLANK_TEXT: &str = "D021";
    pub const CONTROL_CHARACTER: &str = "D022";
}

/// The decoding context: which file, and where problems go.
pub struct Cx<'a> {
    pub file: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
    /// How many values were lost so far (a value that failed to decode
    /// or a required key that is missing, replaced by a placeholder or
    /// dropped). Records compare it before and after each field to know
    /// which of their fields are not fully understood.
    pub lost: u32,
}

impl<'a> Cx<'a> {
    pub fn new(file: &'a str, diags: &'a mut Vec<Diagnostic>) -> Cx<'a> {
        Cx {
            file,
            diags,
            lost: 0,
        }
    }

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

    /// What stands in for a value that failed to decode (or a required
    /// key that is missing), so that the record around it is kept with
    /// everything else it says: its id still resolves and the rules still
    /// judge its good fields. `None`: the type has no stand-in, and the
    /// record around a failed one is dropped.
    ///
    /// A stand-in is never taken for data: it comes with an error (so
    /// nothing is built), its position is [`Span::BROKEN`] (so no rule
    /// reports about it), and its record marks the field broken
    /// (`is_broken`) for the rules that read it from elsewhere.
    fn placeholder() -> Option<Self> {
        None
    }

    /// Whether this is a text with nothing in it (empty or only
    /// whitespace): an error where the text is required.
    fn is_blank(&self) -> bool {
        false
    }
}

/// A bit per key of a record: which of its fields are not fully
/// understood (failed, missing, or holding a value that lost a part).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Broken(pub u64);

impl Broken {
    pub const ALL: Broken = Broken(u64::MAX);

    /// Whether the `index`th key is broken.
    pub fn has(self, index: usize) -> bool {
        index < 64 && self.0 & (1 << index) != 0
    }

    pub fn set(&mut self, index: usize) {
        if index < 64 {
            self.0 |= 1 << index;
        }
    }

    pub fn any(self) -> bool {
        self.0 != 0
    }
}

/// The known value closest to `input`, if it is close enough to be a typo.
/// Cyrillic input is also compared in its transliteration
/// (`активна` → `aktivna` → `active`).
pub fn closest<'a>(input: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_l = input.to_lowercase();
    // A Russian word for an English value (`активна`, `пауза`) is compared
    // in its transliteration, with more room: the endings differ.
    let latin = (!input.is_ascii())
        .then(|| crate::translit::slugify(input))
        .filter(|s| !s.is_empty());
    known
        .into_iter()
        .filter_map(|k| {
            let k_l = k.to_lowercase();
            let longest = k.chars().count().max(input.chars().count());
            let plain = strsim::levenshtein(&input_l, &k_l);
            let mut best = (plain <= (longest / 3).max(2)).then_some(plain);
            if let Some(latin) = &latin {
                let d = strsim::levenshtein(latin, &k_l.replace('_', "-"));
                let longest = k.len().max(latin.len());
                if d <= (longest / 2).max(2) {
                    best = Some(best.map_or(d, |b| b.min(d)));
                }
            }
            best.map(|d| (d, k))
        })
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// How many allowed values a hint lists when none is close: a longer list
/// is no help (the editor's completion or the docs show them all).
pub const LIST_AT_MOST: usize = 6;

/// "did you mean `x`?" or a list of the allowed values when few.
pub fn suggestion(input: &str, known: &[&str]) -> Option<Msg> {
    suggestion_labelled(input, known, |_| None)
}

/// [`suggestion`], naming the closest value's label when it has one
/// ("did you mean `moscow` (Москва)?").
pub fn suggestion_labelled(
    input: &str,
    known: &[&str],
    label: impl Fn(&str) -> Option<String>,
) -> Option<Msg> {
    // Else the value whose label it resembles: `moskva` or `Москва` for
    // `moscow` labelled «Москва», compared transliterated.
    let by_label = || {
        let want = crate::translit::slugify(input);
        let labels: Vec<(String, &str)> = known
            .iter()
            .filter_map(|k| label(k).map(|l| (crate::translit::slugify(&l), *k)))
            .collect();
        let found = closest(&want, labels.iter().map(|(l, _)| l.as_str()))?;
        labels.iter().find(|(l, _)| l == found).map(|(_, k)| *k)
    };
    match closest(input, known.iter().copied()).or_else(by_label) {
        Some(k) => Some(match label(k).filter(|l| !l.trim().is_empty()) {
            Some(l) => msg!("hint_did_you_mean_label", name = k, label = short_label(&l)),
            None => msg!("hint_did_you_mean", name = k),
        }),
        None if known.len() <= LIST_AT_MOST => Some(msg!("hint_one_of", list = backticked(known))),
        None => None,
    }
}

/// A label cut to a few words for a hint (a result's text can be long).
fn short_label(label: &str) -> String {
    const MAX: usize = 40;
    let one_line = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX {
        return one_line;
    }
    let cut: String = one_line.chars().take(MAX).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut}…")
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

        impl $name {
            /// Whether the field under `key` is not fully understood: it
            /// failed to decode, is missing, or lost a part of its value
            /// (an error was reported about it). Rules that read it from
            /// elsewhere skip it.
            #[allow(dead_code)]
            pub fn is_broken(&self, key: &str) -> bool {
                Self::KEYS
                    .iter()
                    .position(|k| *k == key)
                    .is_some_and(|i| self.broken.has(i))
            }

            /// Whether any field is not fully understood.
            #[allow(dead_code)]
            pub fn any_broken(&self) -> bool {
                self.broken.any()
            }
        }

        impl $crate::syntax::decode::Decode for $name {
            #[allow(unused_mut, unused_variables, unused_assignments)]
            fn decode(node: &$crate::syntax::yaml::Node, cx: &mut $crate::syntax::decode::Cx) -> Option<Self> {
                #[allow(unused_imports)]
                use $crate::syntax::decode::{Decode, entries, key_text, unknown_key, codes};
                let pairs = entries(node, cx, $crate::l10n::Msg::new("type_mapping"))?;
                $( let mut $field: Option<Option<$ty>> = None; )*
                let mut broken = $crate::syntax::decode::Broken::default();
                // Unknown keys that look like a typo of a known key: that key
                // is then not reported missing as well, and the typo's value
                // stands for it (when the key itself is not there), so one
                // misspelt key does not make the record lose what it says.
                let mut typos: Vec<&str> = Vec::new();
                let mut typo_values: Vec<(&str, &$crate::syntax::yaml::Node)> = Vec::new();
                for (k, v) in pairs {
                    let Some(name) = key_text(k, cx) else { continue };
                    match name {
                        $( $key => {
                            if $field.is_some() {
                                cx.error(codes::DUPLICATE_KEY, k.span, $crate::msg!("D012_key_twice", key = $key), $crate::l10n::Msg::new("hint_keep_one"));
                            } else {
                                let (value, lost) = $crate::syntax::decode::field::<$ty>(v, cx, $key, $crate::syntax::decode::record!(@required $req));
                                if lost {
                                    broken.set($crate::syntax::decode::key_index(Self::KEYS, $key));
                                }
                                $field = Some(value);
                            }
                        } )*
                        other => {
                            if let Some(t) = $crate::syntax::decode::closest(other, Self::KEYS.iter().copied()) {
                                typos.push(t);
                                typo_values.push((t, v));
                            }
                            unknown_key(cx, k, other, Self::KEYS)
                        }
                    }
                }
                for (t, v) in typo_values {
                    match t {
                        $( $key if $field.is_none() => {
                            // Only a value that fits the key as it is: a
                            // guess must not add errors of its own.
                            let mut scratch = Vec::new();
                            let mut guess = $crate::syntax::decode::Cx::new(cx.file, &mut scratch);
                            let (value, lost) = $crate::syntax::decode::field::<$ty>(v, &mut guess, $key, $crate::syntax::decode::record!(@required $req));
                            if !lost && scratch.is_empty() {
                                $field = Some(value);
                            } else {
                                cx.lost += 1;
                                broken.set($crate::syntax::decode::key_index(Self::KEYS, $key));
                            }
                        } )*
                        _ => {}
                    }
                }
                $( let $field: Option<$ty> = $crate::syntax::decode::record!(@finish $req, $field, $key, node, cx, typos, broken, $ty); )*
                let ($($field,)*) = match ($($field,)*) {
                    ($(Some($field),)*) => ($($field,)*),
                    _ => return None,
                };
                Some($name { $($field,)* at: node.span, broken })
            }

            fn placeholder() -> Option<Self> {
                Some($name {
                    $( $field: <$ty as $crate::syntax::decode::Decode>::placeholder()?, )*
                    at: $crate::syntax::diag::Span::BROKEN,
                    broken: $crate::syntax::decode::Broken::ALL,
                })
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
            /// Which fields are not fully understood ([`Decode::placeholder`]).
            #[serde(skip)]
            #[schemars(skip)]
            pub broken: $crate::syntax::decode::Broken,
        }
    };
    (@finish req, $field:ident, $key:literal, $node:ident, $cx:ident, $typos:ident, $broken:ident, $ty:ty) => {
        match $field {
            Some(Some(v)) => Some(v),
            other => {
                if other.is_none() {
                    $cx.lost += 1;
                    if !$typos.contains(&$key) {
                        $cx.error(codes::MISSING_KEY, $node.span, $crate::msg!("D007_missing_key", key = $key),
                            $crate::msg!("D007_missing_key_hint", key = $key));
                    }
                }
                $broken.set($crate::syntax::decode::key_index(Self::KEYS, $key));
                <$ty as Decode>::placeholder()
            }
        }
    };
    (@required req) => { true };
    (@required opt) => { false };
    (@finish opt, $field:ident, $key:literal, $node:ident, $cx:ident, $typos:ident, $broken:ident, $ty:ty) => {
        Some($field.flatten().unwrap_or_default())
    };
}

// Path-scoped rather than `#[macro_export]`ed to the crate root: the
// model names them as part of the syntax layer, and the root (which
// imports the pipeline) stays out of the model's imports.
pub(crate) use record;

/// Decodes the value of one field of a record: the value, and whether
/// anything of it was lost (see [`Cx::lost`]). A required text that is
/// empty or only spaces is an error (the value is kept).
pub fn field<T: Decode>(
    node: &Node,
    cx: &mut Cx,
    key: &'static str,
    required: bool,
) -> (Option<T>, bool) {
    let before = cx.lost;
    let value = T::decode(node, cx);
    if value.is_none() {
        cx.lost += 1;
    }
    if required && value.as_ref().is_some_and(T::is_blank) {
        cx.error(
            codes::BLANK_TEXT,
            node.span,
            msg!("D021_blank", key = key),
            msg!("D021_blank_hint", key = key),
        );
    }
    (value, cx.lost > before)
}

/// The position of `key` in a record's `KEYS`.
pub fn key_index(keys: &[&str], key: &str) -> usize {
    keys.iter().position(|k| *k == key).unwrap_or(usize::MAX)
}

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

            /// The first value; only ever read with its error reported
            /// and its field marked broken.
            fn placeholder() -> Option<Self> {
                [$($name::$variant),*].first().copied()
            }
        }
    };
}

pub(crate) use enumeration;

/// The text of a scalar, or a type error; no check of its characters
/// (ids and keys have their own grammar).
pub fn scalar_text(node: &Node, cx: &mut Cx) -> Option<String> {
    match &node.kind {
        NodeKind::Scalar { value, .. } => Some(value.clone()),
        _ => {
            cx.wrong_type(node, Msg::new("type_text"));
            None
        }
    }
}

/// A control character that has no place in a text: every C0 and C1
/// control but tab and line feed (a YAML escape such as `"\e"` or
/// `"\x07"` writes one). Shown in a terminal, some clear the screen or
/// recolour it; on a page they are invisible.
pub fn is_bad_control(ch: char) -> bool {
    ch.is_control() && ch != '\t' && ch != '\n'
}

impl Decode for String {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let text = scalar_text(node, cx)?;
        if let Some((i, ch)) = text.chars().enumerate().find(|(_, c)| is_bad_control(*c)) {
            cx.error(
                codes::CONTROL_CHARACTER,
                node.span,
                msg!(
                    "D022_control",
                    code = format!("U+{:04X}", ch as u32),
                    at = i + 1,
                    n = text.chars().filter(|c| is_bad_control(*c)).count()
                ),
                Msg::new("D022_control_hint"),
            );
        }
        Some(text)
    }
    fn placeholder() -> Option<Self> {
        Some(String::new())
    }
    fn is_blank(&self) -> bool {
        self.trim().is_empty()
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
    fn placeholder() -> Option<Self> {
        Some(false)
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
    fn placeholder() -> Option<Self> {
        Some(0)
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
    fn placeholder() -> Option<Self> {
        Some(0.0)
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            NodeKind::Null => Some(None),
            _ => T::decode(node, cx).map(Some),
        }
    }
    fn placeholder() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            NodeKind::Seq(items) => {
                // An element that fails is reported and replaced by its
                // stand-in (or dropped when its type has none), so that the
                // rest of the list is still checked and positions are kept.
                Some(
                    items
                        .iter()
                        .filter_map(|n| match T::decode(n, cx) {
                            Some(v) => Some(v),
                            None => {
                                cx.lost += 1;
                                T::placeholder()
                            }
                        })
                        .collect(),
                )
            }
            NodeKind::Null => Some(Vec::new()),
            _ => {
                cx.wrong_type(node, Msg::new("type_list"));
                None
            }
        }
    }
    fn placeholder() -> Option<Self> {
        Some(Vec::new())
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
        let v = Sample::decode(&node, &mut Cx::new("f", &mut diags));
        (v, diags)
    }

    #[test]
    fn a_record_with_a_missing_or_bad_required_value_is_kept() {
        let (v, d) = run("count: 3\n");
        let v = v.expect("kept");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["D007"]);
        assert!(v.is_broken("name") && !v.is_broken("count"));
        assert_eq!(v.count, Some(3));
        let (v, _) = run("name: [a]\n");
        assert!(v.expect("kept").is_broken("name"));
        // Not a mapping: nothing to keep.
        assert!(run("- a\n").0.is_none());
    }

    #[test]
    fn suggestions_see_through_transliteration_and_labels() {
        let status = ["active", "paused", "completed"];
        assert_eq!(closest("активна", status), Some("active"));
        assert_eq!(closest("пауза", status), Some("paused"));
        assert_eq!(closest("завершена", status), None);
        let label = |k: &str| (k == "moscow").then(|| "Москва".to_owned());
        let en = |m: Option<Msg>| m.map(|m| m.render(crate::l10n::Lang::En));
        for typed in ["moskva", "Москва", "mosco"] {
            assert_eq!(
                en(suggestion_labelled(typed, &["moscow", "russia"], label)).as_deref(),
                Some("did you mean `moscow` (Москва)?"),
                "{typed}"
            );
        }
        // Nothing close: the values when they are few, else nothing.
        assert_eq!(
            en(suggestion("zzz", &["a1", "b2"])).as_deref(),
            Some("expected one of: `a1`, `b2`")
        );
        let many: Vec<String> = (0..LIST_AT_MOST + 1)
            .map(|i| format!("v{i}-long"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(suggestion("zzz", &many), None);
    }

    #[test]
    fn a_misspelt_key_stands_for_its_key_only_when_its_value_fits() {
        let (v, d) = run("name: x\ncont: 3\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["D006"]);
        assert_eq!(v.expect("kept").count, Some(3));
        // `tgs: 5` would be a wrong type for `tags`: no second error, the
        // field is left unknown.
        let (v, d) = run("name: x\ntgs: 5\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["D006"]);
        let v = v.expect("kept");
        assert!(v.tags.is_empty() && v.is_broken("tags"));
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
        // The record is kept with what it says: the typo's value stands
        // for `name`, the fields that failed are marked broken.
        let v = v.expect("kept");
        assert_eq!(v.name, "x");
        assert!(!v.is_broken("name") && v.is_broken("count") && v.is_broken("colour"));
        assert!(!v.is_broken("tags"));
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
