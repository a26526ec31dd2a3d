//! The chain of social results: `from` links form no cycle, every result
//! is reachable from an activity, outputs come from activities, an effect
//! exists, and every problem is addressed by some activity.

use super::Checker;
use super::codes::*;
use crate::l10n::Msg;
use crate::model::Doc;
use crate::model::practice::{Level, Practice};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};

pub fn check(c: &mut Checker, doc: &Doc<Practice>) {
    let p = &doc.model;
    let f = doc.file.as_str();
    required_lists(c, f, p);
    outputs_come_from_activities(c, f, p);
    let cyclic = result_cycles(c, f, p);
    unreachable_results(c, f, p, &cyclic);
    missing_effect(c, f, p);
    unaddressed_problems(c, f, p);
}

/// Lists the format marks "at least 1".
fn required_lists(c: &mut Checker, f: &str, p: &Practice) {
    let empty = |c: &mut Checker, span, what: &str| {
        c.error(EMPTY_LIST, f, span, msg!("V117_empty", what = what), None);
    };
    if p.target_groups.is_empty() {
        empty(c, p.target_groups.span, "target_groups");
    }
    for g in p.target_groups.iter() {
        if g.problems.is_empty() {
            empty(c, g.problems.span, "problems");
        }
    }
    if p.activities.is_empty() {
        empty(c, p.activities.span, "activities");
    }
    for a in p.activities.iter() {
        if a.addresses.is_empty() && !a.is_broken("addresses") {
            c.error(
                EMPTY_LIST,
                f,
                a.id.span,
                msg!("V117_addresses_none", id = a.id.value.as_str()),
                Msg::new("V117_addresses_none_hint"),
            );
        }
    }
    if p.results.is_empty() {
        empty(c, p.results.span, "results");
    }
    for r in p.results.iter() {
        if r.from.is_empty() {
            empty(c, r.from.span, "from");
        }
    }
}

fn outputs_come_from_activities(c: &mut Checker, f: &str, p: &Practice) {
    let results: BTreeSet<&str> = p.results.iter().map(|r| r.id.as_str()).collect();
    for r in p
        .results
        .iter()
        .filter(|r| !r.level.is_broken() && *r.level == Level::Output)
    {
        for src in r.from.iter().filter(|s| results.contains(s.as_str())) {
            c.error(
                OUTPUT_SOURCE,
                f,
                src.span,
                msg!(
                    "V106_from_result",
                    output = r.id.value.as_str(),
                    result = src.value.as_str()
                ),
                Msg::new("V106_from_result_hint"),
            );
        }
    }
}

/// Reports each cycle once, at the link that closes it; returns the ids on cycles.
fn result_cycles(c: &mut Checker, f: &str, p: &Practice) -> BTreeSet<String> {
    let edges: BTreeMap<&str, Vec<&crate::model::common::Spanned<crate::model::common::Id>>> = p
        .results
        .iter()
        .map(|r| (r.id.as_str(), r.from.iter().collect()))
        .collect();
    // Iterative three-colour DFS (no recursion: a hostile file cannot
    // overflow the stack).
    let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
    let mut on_cycle = BTreeSet::new();
    for start in edges.keys() {
        if colour.contains_key(start) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        colour.insert(start, 1);
        while let Some((node, i)) = stack.pop() {
            let next = edges.get(node).and_then(|e| e.get(i));
            let Some(next) = next else {
                colour.insert(node, 2);
                continue;
            };
            stack.push((node, i + 1));
            let n = next.as_str();
            if !edges.contains_key(n) {
                continue; // an activity (or a dangling id, reported elsewhere)
            }
            match colour.get(n) {
                None => {
                    colour.insert(n, 1);
                    stack.push((n, 0));
                }
                Some(1) => {
                    let path: Vec<&str> = stack
                        .iter()
                        .map(|(id, _)| *id)
                        .skip_while(|id| *id != n)
                        .collect();
                    on_cycle.extend(path.iter().map(|s| s.to_string()));
                    let mut shown = path.clone();
                    shown.push(n);
                    c.error(
                        RESULT_CYCLE,
                        f,
                        next.span,
                        msg!("V104_cycle", path = shown.join(" ← ")),
                        Msg::new("V104_cycle_hint"),
                    );
                }
                _ => {}
            }
        }
    }
    on_cycle
}

fn unreachable_results(c: &mut Checker, f: &str, p: &Practice, cyclic: &BTreeSet<String>) {
    let activities: BTreeSet<&str> = p.activities.iter().map(|a| a.id.as_str()).collect();
    let results: BTreeSet<&str> = p.results.iter().map(|r| r.id.as_str()).collect();
    // An unresolved source is already an error (V102); counting it as
    // reached keeps that one mistake from also flagging everything after it.
    let mut reached: BTreeSet<&str> = p
        .results
        .iter()
        .flat_map(|r| r.from.iter().map(|s| s.as_str()))
        .filter(|s| !activities.contains(s) && !results.contains(s))
        .collect();
    // So is a result whose `from` did not decode: what it comes from is
    // not known, so neither it nor what follows from it is flagged.
    reached.extend(
        p.results
            .iter()
            .filter(|r| r.is_broken("from"))
            .map(|r| r.id.as_str()),
    );
    // Fixpoint: a result is reached when any of its sources is an activity
    // or a reached result. At most one pass per result.
    loop {
        let before = reached.len();
        for r in p.results.iter() {
            if r.from
                .iter()
                .any(|s| activities.contains(s.as_str()) || reached.contains(s.as_str()))
            {
                reached.insert(r.id.as_str());
            }
        }
        if reached.len() == before {
            break;
        }
    }
    for r in p.results.iter() {
        if !reached.contains(r.id.as_str()) && !cyclic.contains(r.id.as_str()) && !r.from.is_empty()
        {
            c.error(
                UNREACHABLE_RESULT,
                f,
                r.id.span,
                msg!("V105_unreachable", id = r.id.value.as_str()),
                Msg::new("V105_unreachable_hint"),
            );
        }
    }
}

fn missing_effect(c: &mut Checker, f: &str, p: &Practice) {
    // A level that did not decode may be the effect.
    if p.is_broken("results") {
        return;
    }
    if !p.results.is_empty() && !p.results.iter().any(|r| *r.level == Level::Effect) {
        c.warning(
            NO_EFFECT,
            f,
            p.results.span,
            Msg::new("V107_no_effect"),
            Msg::new("V107_no_effect_hint"),
        );
    }
}

fn unaddressed_problems(c: &mut Checker, f: &str, p: &Practice) {
    // What the activities address is not fully known when one of them did
    // not decode, or names a problem that does not exist (an error: it
    // was probably meant for one of those that look unaddressed).
    let problems: BTreeSet<&str> = p
        .target_groups
        .iter()
        .flat_map(|g| g.problems.iter().map(|p| p.id.as_str()))
        .collect();
    if p.activities.is_broken()
        || p.activities.iter().any(|a| {
            a.id.is_broken()
                || a.is_broken("addresses")
                || a.addresses.iter().any(|x| !problems.contains(x.as_str()))
        })
    {
        return;
    }
    let addressed: BTreeSet<&str> = p
        .activities
        .iter()
        .flat_map(|a| a.addresses.iter().map(|x| x.as_str()))
        .collect();
    for g in p.target_groups.iter() {
        for pr in g.problems.iter() {
            if !addressed.contains(pr.id.as_str()) {
                c.warning(
                    UNADDRESSED_PROBLEM,
                    f,
                    pr.id.span,
                    msg!("V108_unaddressed", id = pr.id.value.as_str()),
                    Msg::new("V108_unaddressed_hint"),
                );
            }
        }
    }
}
