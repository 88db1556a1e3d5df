//! Renames: a removal and an addition whose definitions are equal but for the
//! name. They stay reported as removal plus addition; the addition's message
//! says which removal it looks like a rename of.

use crate::Change;

/// Pairs `(removed, added)` of names whose definitions are equal by `same`,
/// each name used at most once, in the order of `added`.
pub(crate) fn pairs<'a, T>(
    removed: &[(&'a str, &'a T)],
    added: &[(&'a str, &'a T)],
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(&'a str, &'a str)> {
    let mut used = vec![false; removed.len()];
    let mut out = Vec::new();
    for (new_name, new_def) in added {
        let hit = removed
            .iter()
            .zip(used.iter_mut())
            .find(|((_, old_def), taken)| !**taken && same(old_def, new_def));
        if let Some(((old_name, _), taken)) = hit {
            *taken = true;
            out.push((*old_name, *new_name));
        }
    }
    out
}

/// Notes "looks like a rename of `old`" on the first change of `list[from..]`
/// whose message starts with `prefix` (the addition's).
pub(crate) fn note(list: &mut [Change], from: usize, prefix: &str, old: &str) {
    if let Some(change) = list
        .get_mut(from..)
        .and_then(|tail| tail.iter_mut().find(|c| c.message.starts_with(prefix)))
    {
        change.message.push_str(&format!(
            "; looks like a rename of `{old}` (same definition)"
        ));
    }
}
