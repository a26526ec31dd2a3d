//! A document tree built by html5ever, the HTML parser ammonia already
//! uses (no other crate): the spec's tree construction, so a `</script>`
//! in a string, a `-->` in a comment or an SVG `<script>` is read the way a
//! browser reads it. The sink is a plain arena, enough to walk elements,
//! read attributes and collect text.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName, parse_document};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

#[derive(Debug)]
pub enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// A `<template>`'s contents: a separate fragment node.
        contents: Option<usize>,
    },
    Text(String),
    Comment(String),
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub data: Data,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

#[derive(Default)]
struct Sink {
    nodes: RefCell<Vec<Node>>,
    errors: RefCell<Vec<String>>,
}

impl Sink {
    fn new_node(&self, data: Data) -> usize {
        let mut n = self.nodes.borrow_mut();
        n.push(Node {
            data,
            parent: None,
            children: Vec::new(),
        });
        n.len() - 1
    }
    fn detach(&self, id: usize) {
        let mut n = self.nodes.borrow_mut();
        if let Some(p) = n[id].parent.take() {
            n[p].children.retain(|&c| c != id);
        }
    }
    /// Appends text to `parent`, merged with a text node before `at`.
    fn insert(&self, parent: usize, at: Option<usize>, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(c) => {
                self.detach(c);
                let mut n = self.nodes.borrow_mut();
                let pos = at.map_or(n[parent].children.len(), |s| {
                    n[parent].children.iter().position(|&x| x == s).unwrap()
                });
                n[parent].children.insert(pos, c);
                n[c].parent = Some(parent);
            }
            NodeOrText::AppendText(t) => {
                let prev = {
                    let n = self.nodes.borrow();
                    let kids = &n[parent].children;
                    let pos = at.map_or(kids.len(), |s| kids.iter().position(|&x| x == s).unwrap());
                    pos.checked_sub(1).map(|p| kids[p])
                };
                if let Some(prev) = prev
                    && let Data::Text(s) = &mut self.nodes.borrow_mut()[prev].data
                {
                    s.push_str(&t);
                    return;
                }
                let id = self.new_node(Data::Text(t.to_string()));
                self.insert(parent, at, NodeOrText::AppendNode(id));
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            errors: self.errors.into_inner(),
        }
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.errors.borrow_mut().push(msg.into_owned());
    }
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| match &n[*target].data {
            Data::Element { name, .. } => name,
            other => panic!("not an element: {other:?}"),
        })
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let contents = flags.template.then(|| self.new_node(Data::Document));
        self.new_node(Data::Element {
            name,
            attrs,
            contents,
        })
    }
    fn create_comment(&self, text: StrTendril) -> usize {
        self.new_node(Data::Comment(text.to_string()))
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.new_node(Data::Other)
    }
    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.insert(*parent, None, child);
    }
    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn get_template_contents(&self, target: &usize) -> usize {
        match &self.nodes.borrow()[*target].data {
            Data::Element {
                contents: Some(c), ..
            } => *c,
            _ => panic!("not a template"),
        }
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let parent = self.nodes.borrow()[*sibling]
            .parent
            .expect("sibling has a parent");
        self.insert(parent, Some(*sibling), new_node);
    }
    fn add_attrs_if_missing(&self, target: &usize, add: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in add {
                if !attrs.iter().any(|b| b.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &usize) {
        self.detach(*target);
    }
    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let kids = std::mem::take(&mut self.nodes.borrow_mut()[*node].children);
        for k in kids {
            self.nodes.borrow_mut()[k].parent = None;
            self.insert(*new_parent, None, NodeOrText::AppendNode(k));
        }
    }
}

pub struct Dom {
    pub nodes: Vec<Node>,
    /// The parser's complaints (not asserted on: the site audit checks
    /// validity; these help a failure message).
    #[allow(dead_code)]
    pub errors: Vec<String>,
}

/// One element of a [`Dom`].
#[derive(Clone, Copy)]
pub struct El<'d> {
    dom: &'d Dom,
    pub id: usize,
}

impl Dom {
    pub fn parse(html: &str) -> Dom {
        let sink = Sink::default();
        sink.new_node(Data::Document);
        parse_document(sink, Default::default()).one(html)
    }

    /// Every element, template contents included, in document order.
    pub fn elements(&self) -> Vec<El<'_>> {
        let mut out = Vec::new();
        let mut stack = vec![0];
        while let Some(id) = stack.pop() {
            let n = &self.nodes[id];
            if let Data::Element { contents, .. } = &n.data {
                out.push(El { dom: self, id });
                if let Some(c) = contents {
                    stack.push(*c);
                }
            }
            stack.extend(n.children.iter().rev());
        }
        out
    }

    /// The elements named `tag` (HTML or SVG local name).
    pub fn find(&self, tag: &str) -> Vec<El<'_>> {
        self.elements()
            .into_iter()
            .filter(|e| e.name() == tag)
            .collect()
    }

    /// Every comment's text.
    pub fn comments(&self) -> Vec<&str> {
        self.nodes
            .iter()
            .filter_map(|n| match &n.data {
                Data::Comment(c) => Some(c.as_str()),
                _ => None,
            })
            .collect()
    }
}

impl<'d> El<'d> {
    fn data(&self) -> (&'d QualName, &'d [Attribute]) {
        match &self.dom.nodes[self.id].data {
            Data::Element { name, attrs, .. } => (name, attrs),
            _ => unreachable!(),
        }
    }
    pub fn name(&self) -> &'d str {
        &self.data().0.local
    }
    pub fn ns(&self) -> &'d str {
        &self.data().0.ns
    }
    pub fn attrs(&self) -> impl Iterator<Item = (&'d str, &'d str)> {
        self.data().1.iter().map(|a| (&*a.name.local, &*a.value))
    }
    pub fn attr(&self, name: &str) -> Option<&'d str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
    /// The text of every descendant text node, in order.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut stack = vec![self.id];
        while let Some(id) = stack.pop() {
            let n = &self.dom.nodes[id];
            match &n.data {
                Data::Text(t) => s.push_str(t),
                Data::Element {
                    contents: Some(c), ..
                } => stack.push(*c),
                _ => {}
            }
            stack.extend(n.children.iter().rev());
        }
        s
    }
    /// The names of the elements above this one, nearest first.
    pub fn ancestors(&self) -> Vec<&'d str> {
        let mut out = Vec::new();
        let mut at = self.dom.nodes[self.id].parent;
        while let Some(p) = at {
            if let Data::Element { name, .. } = &self.dom.nodes[p].data {
                out.push(&*name.local);
            }
            at = self.dom.nodes[p].parent;
        }
        out
    }
}
