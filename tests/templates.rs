//! Every template of the default theme, held against the typed views.
//!
//! Tera prints nothing for a missing key in `{% if %}` and treats it as an
//! empty loop, so a misspelt key in a template fails silently. This test
//! walks each template's syntax tree (blocks, loops, conditions, macro
//! calls with the types of their arguments, the parent template) and
//! resolves every variable it reads against the JSON Schema of what the
//! template receives: the page kind's view (`Kind::view`) and the frame
//! every page has. `ui.<key>` must be a text of every UI language, and
//! `plural(key="…", n=…)` must name a message of every UI language and
//! pass a number.

use dokaz::render::pages::KINDS;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tera::ast::{Expr, ExprVal, Node};

/// A variable's type: a schema node of one root schema, or unknown (loop
/// variables of Tera, `set` values, macro defaults).
#[derive(Clone, Debug)]
enum Ty {
    Any,
    Schema(Value, usize),
}

struct Checker<'a> {
    tera: &'a tera::Tera,
    /// `$defs` of each root schema.
    defs: Vec<Value>,
    ui_keys: BTreeSet<String>,
    /// Keys `plural()` may name: plural messages and texts.
    plural_keys: BTreeSet<String>,
    errors: Vec<String>,
    /// Macro bodies already checked with these argument types.
    seen: BTreeSet<String>,
}

type Scope = Vec<HashMap<String, Ty>>;

impl<'a> Checker<'a> {
    fn new(tera: &'a tera::Tera, (ui_keys, plural_keys): UiKeys) -> Checker<'a> {
        Checker {
            tera,
            defs: Vec::new(),
            ui_keys,
            plural_keys,
            errors: Vec::new(),
            seen: BTreeSet::new(),
        }
    }

    /// The fields of a root schema as a scope.
    fn root(&mut self, schema: schemars::Schema) -> HashMap<String, Ty> {
        let v = schema.as_value().clone();
        self.defs
            .push(v.get("$defs").cloned().unwrap_or(Value::Null));
        let i = self.defs.len() - 1;
        let mut out = HashMap::new();
        for node in self.alternatives(&v, i) {
            if let Some(props) = node.get("properties").and_then(Value::as_object) {
                for (k, s) in props {
                    out.insert(k.clone(), Ty::Schema(s.clone(), i));
                }
            }
        }
        out
    }

    /// A schema node with `$ref`s followed and `anyOf`/`oneOf`/`allOf`
    /// flattened; `null` alternatives dropped (an `Option` is read as its
    /// value, which is what `{% if x %}` guards).
    fn alternatives(&self, node: &Value, root: usize) -> Vec<Value> {
        let mut out = Vec::new();
        self.flatten(node, root, &mut out, 0);
        out
    }

    fn flatten(&self, node: &Value, root: usize, out: &mut Vec<Value>, depth: usize) {
        if depth > 32 {
            return;
        }
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or_default();
            if let Some(d) = self.defs[root].get(name) {
                self.flatten(&d.clone(), root, out, depth + 1);
            }
            return;
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(list) = node.get(key).and_then(Value::as_array) {
                for n in list {
                    self.flatten(n, root, out, depth + 1);
                }
                return;
            }
        }
        if node.get("type").and_then(Value::as_str) == Some("null") {
            return;
        }
        out.push(node.clone());
    }

    fn field(&self, ty: &Ty, name: &str) -> Option<Ty> {
        let Ty::Schema(node, root) = ty else {
            return Some(Ty::Any);
        };
        for alt in self.alternatives(node, *root) {
            if alt == Value::Bool(true) || alt.as_object().is_some_and(|o| o.is_empty()) {
                return Some(Ty::Any);
            }
            if let Some(s) = alt.get("properties").and_then(|p| p.get(name)) {
                return Some(Ty::Schema(s.clone(), *root));
            }
            if let Some(s) = alt.get("additionalProperties").filter(|s| s.is_object()) {
                return Some(Ty::Schema(s.clone(), *root));
            }
            // `length` and the like are filters, but Tera also reads
            // `list.0`; indices are items.
            if name.parse::<usize>().is_ok()
                && let Some(items) = alt.get("items")
            {
                return Some(Ty::Schema(items.clone(), *root));
            }
        }
        None
    }

    fn item(&self, ty: &Ty) -> Ty {
        let Ty::Schema(node, root) = ty else {
            return Ty::Any;
        };
        for alt in self.alternatives(node, *root) {
            if let Some(items) = alt.get("items") {
                return Ty::Schema(items.clone(), *root);
            }
            if let Some(v) = alt.get("additionalProperties").filter(|s| s.is_object()) {
                return Ty::Schema(v.clone(), *root);
            }
        }
        Ty::Any
    }

    fn lookup(&mut self, scope: &Scope, ident: &str, where_: &str) -> Ty {
        // `a.b[0].c` → a, b, 0, c; `a[loop.index0]` → a, [] (an item),
        // and the index read on its own.
        let mut path: Vec<String> = Vec::new();
        let mut rest = ident;
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('[') {
                let end = inner.find(']').unwrap_or(inner.len());
                let index = inner[..end].trim();
                let literal = index.parse::<usize>().is_ok() || index.starts_with(['"', '\'']);
                if literal {
                    path.push(index.trim_matches(|c| c == '"' || c == '\'').to_owned());
                } else {
                    self.lookup(scope, index, where_);
                    path.push("[]".to_owned());
                }
                rest = inner.get(end + 1..).unwrap_or("");
            } else {
                let rest2 = rest.strip_prefix('.').unwrap_or(rest);
                let end = rest2.find(['.', '[']).unwrap_or(rest2.len());
                path.push(rest2[..end].to_owned());
                rest = &rest2[end..];
            }
        }
        let head = path[0].as_str();
        if matches!(head, "loop" | "__tera_context" | "self") {
            return Ty::Any;
        }
        if head == "ui" {
            if let Some(key) = path.get(1)
                && !self.ui_keys.contains(key)
            {
                self.errors.push(format!(
                    "{where_}: `{ident}`: no UI string `{key}` in every language"
                ));
            }
            return Ty::Any;
        }
        let Some(mut ty) = scope.iter().rev().find_map(|s| s.get(head)).cloned() else {
            self.errors
                .push(format!("{where_}: `{ident}` is not in the context"));
            return Ty::Any;
        };
        for seg in &path[1..] {
            if seg == "[]" {
                ty = self.item(&ty);
                continue;
            }
            match self.field(&ty, seg) {
                Some(t) => ty = t,
                None => {
                    self.errors
                        .push(format!("{where_}: `{ident}`: no field `{seg}`"));
                    return Ty::Any;
                }
            }
        }
        ty
    }

    fn expr(&mut self, e: &Expr, scope: &Scope, at: &Place) -> Ty {
        let lenient = e.filters.iter().any(|f| f.name == "default");
        for f in &e.filters {
            for a in f.args.values() {
                self.expr(a, scope, at);
            }
        }
        self.val(&e.val, scope, at, lenient)
    }

    fn val(&mut self, v: &ExprVal, scope: &Scope, at: &Place, lenient: bool) -> Ty {
        match v {
            ExprVal::Ident(id) => {
                if lenient {
                    let before = self.errors.len();
                    let t = self.lookup(scope, id, &at.name());
                    self.errors.truncate(before);
                    t
                } else {
                    self.lookup(scope, id, &at.name())
                }
            }
            ExprVal::Math(m) => {
                self.expr(&m.lhs, scope, at);
                self.expr(&m.rhs, scope, at);
                Ty::Any
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs, scope, at);
                self.expr(&l.rhs, scope, at);
                Ty::Any
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs, scope, at);
                self.expr(&i.rhs, scope, at);
                Ty::Any
            }
            ExprVal::Test(t) => {
                self.lookup(scope, &t.ident, &at.name());
                for a in &t.args {
                    self.expr(a, scope, at);
                }
                Ty::Any
            }
            ExprVal::Array(items) => {
                for i in items {
                    self.expr(i, scope, at);
                }
                Ty::Any
            }
            ExprVal::StringConcat(c) => {
                for v in &c.values {
                    self.val(v, scope, at, lenient);
                }
                Ty::Any
            }
            ExprVal::FunctionCall(f) => {
                for a in f.args.values() {
                    self.expr(a, scope, at);
                }
                if f.name == "plural" {
                    self.plural_call(f, at);
                } else {
                    self.errors.push(format!(
                        "{}: unknown function `{}` (the theme has `plural`)",
                        at.name(),
                        f.name
                    ));
                }
                Ty::Any
            }
            ExprVal::MacroCall(m) => {
                let args: BTreeMap<String, Ty> = m
                    .args
                    .iter()
                    .map(|(k, a)| (k.clone(), self.expr(a, scope, at)))
                    .collect();
                self.macro_call(&m.namespace, &m.name, args, at);
                Ty::Any
            }
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => Ty::Any,
        }
    }

    /// `plural(key="…", n=…)`: a literal key of every language, and `n`.
    fn plural_call(&mut self, f: &tera::ast::FunctionCall, at: &Place) {
        match f.args.get("key").map(|k| &k.val) {
            Some(ExprVal::String(key)) => {
                if !self.plural_keys.contains(key) {
                    self.errors.push(format!(
                        "{}: `plural(key=\"{key}\")`: no UI string `{key}` in every language",
                        at.name()
                    ));
                }
            }
            _ => self.errors.push(format!(
                "{}: `plural` needs `key` as a literal string",
                at.name()
            )),
        }
        if !f.args.contains_key("n") {
            self.errors
                .push(format!("{}: `plural` needs `n`, the number", at.name()));
        }
    }

    /// Checks a macro's body with its parameters typed by the call.
    fn macro_call(&mut self, namespace: &str, name: &str, args: BTreeMap<String, Ty>, at: &Place) {
        let file = if namespace == "self" {
            Some(at.file.clone())
        } else {
            self.tera.templates.get(&at.file).and_then(|t| {
                t.imported_macro_files
                    .iter()
                    .find(|(_, ns)| ns == namespace)
                    .map(|(f, _)| f.clone())
            })
        };
        let Some(file) = file else {
            self.errors.push(format!(
                "{}: macro `{namespace}::{name}` not found",
                at.name()
            ));
            return;
        };
        let Some(def) = self
            .tera
            .templates
            .get(&file)
            .and_then(|t| t.macros.get(name))
            .cloned()
        else {
            self.errors.push(format!(
                "{}: macro `{namespace}::{name}` not found",
                at.name()
            ));
            return;
        };
        let key = format!("{file}::{name}({args:?})");
        if !self.seen.insert(key) {
            return;
        }
        let mut frame: HashMap<String, Ty> = HashMap::new();
        for param in def.args.keys() {
            frame.insert(param.clone(), args.get(param).cloned().unwrap_or(Ty::Any));
        }
        let place = Place {
            file,
            context: format!("{} → macro {name}", at.context),
        };
        self.nodes(&def.body, &mut vec![frame], &place);
    }

    fn nodes(&mut self, nodes: &[Node], scope: &mut Scope, at: &Place) {
        for n in nodes {
            match n {
                Node::VariableBlock(_, e) => {
                    self.expr(e, scope, at);
                }
                Node::If(i, _) => {
                    for (_, cond, body) in &i.conditions {
                        self.expr(cond, scope, at);
                        self.nodes(body, scope, at);
                    }
                    if let Some((_, body)) = &i.otherwise {
                        self.nodes(body, scope, at);
                    }
                }
                Node::Forloop(_, f, _) => {
                    let container = self.expr(&f.container, scope, at);
                    let mut frame = HashMap::new();
                    frame.insert(f.value.clone(), self.item(&container));
                    if let Some(k) = &f.key {
                        frame.insert(k.clone(), Ty::Any);
                    }
                    scope.push(frame);
                    self.nodes(&f.body, scope, at);
                    if let Some(empty) = &f.empty_body {
                        self.nodes(empty, scope, at);
                    }
                    scope.pop();
                }
                Node::Set(_, s) => {
                    let t = self.expr(&s.value, scope, at);
                    let target = if s.global { 0 } else { scope.len() - 1 };
                    scope[target].insert(s.key.clone(), t);
                }
                Node::Block(_, b, _) => self.nodes(&b.body, scope, at),
                Node::FilterSection(_, f, _) => {
                    for a in f.filter.args.values() {
                        self.expr(a, scope, at);
                    }
                    self.nodes(&f.body, scope, at);
                }
                Node::Include(_, files, _) => {
                    for f in files {
                        if let Some(t) = self.tera.templates.get(f) {
                            let ast = t.ast.clone();
                            let place = Place {
                                file: f.clone(),
                                context: at.context.clone(),
                            };
                            self.nodes(&ast, scope, &place);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A template with its parents, in one scope.
    fn template(&mut self, name: &str, root: HashMap<String, Ty>, context: &str) {
        let Some(t) = self.tera.templates.get(name) else {
            self.errors
                .push(format!("{context}: template {name} not found"));
            return;
        };
        let mut chain = vec![name.to_owned()];
        chain.extend(t.parents.iter().cloned());
        for file in chain {
            let ast = self.tera.templates[&file].ast.clone();
            let place = Place {
                file,
                context: context.to_owned(),
            };
            self.nodes(&ast, &mut vec![root.clone()], &place);
        }
    }
}

/// Where a variable is read: the file, and the page kind that renders it.
struct Place {
    file: String,
    context: String,
}

impl Place {
    fn name(&self) -> String {
        format!("{} ({})", self.file, self.context)
    }
}

fn theme() -> dokaz::render::theme::Theme {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    dokaz::render::theme::Theme::load(root, "default").expect("the default theme loads")
}

/// Texts present in every language (`ui.<key>`), and every key of every
/// language (`plural(key=…)`).
type UiKeys = (BTreeSet<String>, BTreeSet<String>);

fn ui_keys(theme: &dokaz::render::theme::Theme) -> UiKeys {
    let every = |sets: Vec<BTreeSet<String>>| {
        let mut sets = sets.into_iter();
        let first = sets.next().unwrap_or_default();
        sets.fold(first, |a, b| a.intersection(&b).cloned().collect())
    };
    let texts = every(
        theme
            .i18n
            .values()
            .map(|m| m.plain.keys().cloned().collect())
            .collect(),
    );
    let all = every(
        theme
            .i18n
            .values()
            .map(|m| m.keys().cloned().collect())
            .collect(),
    );
    (texts, all)
}

fn frame_schema() -> schemars::Schema {
    schemars::schema_for!(dokaz::render::frame::Frame<'static>)
}

/// Every page kind's template against its view and the frame.
fn check_theme(tera: &tera::Tera, ui: UiKeys) -> Vec<String> {
    let mut c = Checker::new(tera, ui);
    for kind in KINDS {
        let (Some(template), Some(view)) = (kind.template, kind.view) else {
            continue;
        };
        let mut root = c.root(frame_schema());
        root.extend(c.root(view()));
        c.template(template, root, kind.name);
    }
    // Cards are rendered apart, with the card, the language root and the
    // UI strings (see `pages::Cx::cards`).
    let mut card = c.root(schemars::schema_for!(CardContext));
    card.extend(
        c.root(frame_schema())
            .into_iter()
            .filter(|(k, _)| k == "ui"),
    );
    c.template("card.html", card, "card");
    c.errors.sort();
    c.errors.dedup();
    c.errors
}

#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct CardContext {
    c: dokaz::render::components::card::Card,
    lroot: String,
}

#[test]
fn every_template_reads_only_what_its_view_has() {
    let theme = theme();
    let errors = check_theme(&theme.tera, ui_keys(&theme));
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_page_kind_with_a_template_declares_its_view() {
    let theme = theme();
    for kind in KINDS {
        if let Some(t) = kind.template {
            assert!(
                kind.view.is_some(),
                "{} has a template but no view",
                kind.name
            );
            assert!(theme.tera.get_template_names().any(|n| n == t), "{t}");
        }
    }
}

/// The checker finds what it is for: a misspelt field, a field of a
/// loop item, an unknown UI string, an unknown top-level name, a field
/// inside a macro called with a typed argument.
#[test]
fn misspelt_keys_are_found() {
    let theme = theme();
    let mut tera = theme.tera.clone();
    let cases = [
        ("{{ p.card.titel }}", "no field `titel`"),
        ("{% if p.flags.stael %}x{% endif %}", "no field `stael`"),
        (
            "{% for i in p.indicators %}{{ i.nmae }}{% endfor %}",
            "no field `nmae`",
        ),
        ("{{ ui.no_such_string }}", "no UI string `no_such_string`"),
        (
            "{{ plural(key=\"no_such_message\", n=1) }}",
            "no UI string `no_such_message`",
        ),
        (
            "{{ plural(key=\"count_practices\") }}",
            "`plural` needs `n`",
        ),
        (
            "{{ plurl(key=\"count_practices\", n=1) }}",
            "unknown function `plurl`",
        ),
        // A plural message is not a text: `ui.` cannot print it.
        ("{{ ui.count_practices }}", "no UI string `count_practices`"),
        ("{{ practise }}", "`practise` is not in the context"),
        (
            "{% import \"macros.html\" as m %}{{ m::card(c=p.card, lroot=lroot, ui=ui) }}",
            "",
        ),
    ];
    for (src, expected) in cases {
        tera.add_raw_template("practice.html", src).expect("parses");
        let errors = check_theme(&tera, ui_keys(&theme));
        let practice: Vec<&String> = errors.iter().filter(|e| e.contains("(practice")).collect();
        if expected.is_empty() {
            assert!(practice.is_empty(), "{src}: {practice:?}");
        } else {
            assert!(
                practice.iter().any(|e| e.contains(expected)),
                "{src}: expected {expected}, got {practice:?}"
            );
        }
    }
    // The card macro, called with a card, reads only card fields.
    tera.add_raw_template(
        "m2.html",
        "{% macro bad(c) %}{{ c.summery }}{% endmacro bad %}",
    )
    .expect("parses");
    tera.add_raw_template(
        "practice.html",
        "{% import \"m2.html\" as m2 %}{{ m2::bad(c=p.card) }}",
    )
    .expect("parses");
    let errors = check_theme(&tera, ui_keys(&theme));
    assert!(
        errors.iter().any(|e| e.contains("no field `summery`")),
        "{errors:?}"
    );
}
