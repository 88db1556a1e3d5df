//! Error sets: their names and members, cycles between them (each reported
//! once, at the member that closes it), and the expansion of an endpoint's
//! `errors` list into its codes, bounded by [`MAX_EXPANDED_CODES`].

use std::collections::{HashMap, HashSet};

use super::{MAX_EXPANDED_CODES, Validator};
use crate::diagnostic::Pos;
use crate::document::Document;
use crate::located::{Entries, Located};

/// Where the depth-first search of the cycle check is with a set.
#[derive(Clone, Copy, PartialEq)]
enum Visit {
    /// Not reached yet.
    New,
    /// On the current path: reaching it again closes a cycle.
    Open,
    /// Every member visited.
    Done,
}

impl Validator<'_, '_> {
    /// Checks the error sets: names, members, cycles.
    pub(super) fn sets(&mut self, doc: &Document) {
        let empty = Entries::default();
        let sets = doc.error_sets.as_ref().unwrap_or(&empty);
        for (name, items) in sets.iter() {
            self.error_set_name(name);
            self.code_refs(doc, items, &format!("error set `{}`", name.value));
        }
        self.set_cycles(sets);
    }

    /// Reports each cycle between `sets`: an iterative depth-first search,
    /// linear in the size of the sets; each back edge closes a cycle.
    fn set_cycles(&mut self, sets: &Entries<Vec<Located<String>>>) {
        let mut visit: HashMap<&str, Visit> = sets
            .iter()
            .map(|(k, _)| (k.value.as_str(), Visit::New))
            .collect();
        for (start, _) in sets.iter() {
            if visit.get(start.value.as_str()) != Some(&Visit::New) {
                continue;
            }
            // (set, index of the next member to visit)
            let mut stack: Vec<(&str, usize)> = vec![(start.value.as_str(), 0)];
            visit.insert(start.value.as_str(), Visit::Open);
            while let Some(&mut (set, ref mut next)) = stack.last_mut() {
                let members = self.ix.sets.get(set).copied().unwrap_or(&[]);
                let Some(item) = members.get(*next) else {
                    visit.insert(set, Visit::Done);
                    stack.pop();
                    continue;
                };
                *next += 1;
                let target = item.value.as_str();
                match visit.get(target).copied() {
                    Some(Visit::New) => {
                        visit.insert(target, Visit::Open);
                        stack.push((target, 0));
                    }
                    Some(Visit::Open) => {
                        let mut cycle: Vec<&str> = stack
                            .iter()
                            .map(|(s, _)| *s)
                            .skip_while(|s| *s != target)
                            .collect();
                        cycle.push(target);
                        self.err(
                            item.pos,
                            format!("error sets form a cycle: {}", cycle.join(" -> ")),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    /// The codes of endpoint `op`'s `errors` list: sets expanded depth-first,
    /// each code once, in order of first mention.
    /// Each code is located at the list item that brought it in (the code itself, or
    /// the set it is a member of).
    pub(super) fn expand_located(
        &mut self,
        items: &[Located<String>],
        op: &str,
    ) -> Vec<Located<String>> {
        let mut codes: Vec<Located<String>> = Vec::new();
        let mut have: HashSet<&str> = HashSet::new();
        let mut expanded_sets: HashSet<&str> = HashSet::new();
        let ix = &self.ix;
        let mut stack: Vec<&str> = Vec::new();
        let mut exhausted: Option<Pos> = None;
        for item in items {
            stack.push(item.value.as_str());
            while let Some(name) = stack.pop() {
                let Some(left) = self.expansion_left.checked_sub(1) else {
                    exhausted = Some(item.pos);
                    break;
                };
                self.expansion_left = left;
                if let Some(members) = ix.sets.get(name) {
                    if expanded_sets.insert(name) {
                        stack.extend(members.iter().rev().map(|m| m.value.as_str()));
                    }
                } else if ix.errors.contains(name) && have.insert(name) {
                    codes.push(Located::new(name.to_owned(), item.pos));
                }
            }
            if exhausted.is_some() {
                break;
            }
        }
        if let Some(pos) = exhausted.filter(|_| !self.expansion_reported) {
            self.expansion_reported = true;
            self.err(
                pos,
                format!("the error lists of the endpoints expand to more than {MAX_EXPANDED_CODES} codes in total (at endpoint `{op}`); simplify the error sets"),
            );
        }
        codes
    }
}
