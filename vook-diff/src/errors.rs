//! The `errors` section: each code is a variant of `ErrorCode` (exhaustive
//! matches on it lack a new one: E0004; a removed one is no longer found:
//! E0599) and a row of `ERROR_TABLE` (status and retry class: behavior).

use std::collections::HashMap;

use vook_schema::model::ErrorCode;

use crate::{Changes, Class, renames};

/// Compares the error codes.
pub(crate) fn compare(c: &mut Changes<'_>) {
    let (old, new) = (c.old, c.new);
    let old_by: HashMap<&str, &ErrorCode> = old
        .api
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e))
        .collect();
    let new_by: HashMap<&str, &ErrorCode> = new
        .api
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e))
        .collect();
    let mut removed = Vec::new();
    for o in &old.api.errors {
        let Some(n) = new_by.get(o.code.as_str()) else {
            removed.push((o.code.as_str(), o));
            let msg = format!(
                "error code `{}` removed: variant `ErrorCode::{}` no longer exists",
                o.code, o.variant
            );
            let (op, np) = (old.error_pos(&o.code), new.error_pos(&o.code));
            c.push(
                Class::Breaking,
                Some("E0599"),
                format!("ErrorCode::{}", o.variant),
                msg,
                op,
                np,
            );
            continue;
        };
        changed(c, o, n);
    }
    let start = c.list.len();
    let mut added = Vec::new();
    for n in &new.api.errors {
        if old_by.contains_key(n.code.as_str()) {
            continue;
        }
        added.push((n.code.as_str(), n));
        let msg = format!(
            "error code `{}` added ({}, retry: {}): new variant `ErrorCode::{}`, which exhaustive matches on `ErrorCode` lack",
            n.code,
            n.status,
            n.retry.as_str(),
            n.variant
        );
        let (op, np) = (old.error_pos(&n.code), new.error_pos(&n.code));
        c.push(Class::Breaking, Some("E0004"), "ErrorCode", msg, op, np);
    }
    let same = |a: &ErrorCode, b: &ErrorCode| {
        (a.status, a.retry, &a.summary, &a.fix, &a.message, a.details)
            == (b.status, b.retry, &b.summary, &b.fix, &b.message, b.details)
    };
    for (was, now) in renames::pairs(&removed, &added, same) {
        let prefix = format!("error code `{now}` added");
        renames::note(&mut c.list, start, &prefix, was);
    }
}

fn changed(c: &mut Changes<'_>, o: &ErrorCode, n: &ErrorCode) {
    let (old, new) = (c.old, c.new);
    let code = o.code.as_str();
    let item = format!("ErrorCode::{}", o.variant);
    let pos = |key: &str| (old.error_key_pos(code, key), new.error_key_pos(code, key));
    if o.status != n.status {
        let msg = format!(
            "error code `{code}` status changed from {} to {}",
            o.status, n.status
        );
        let (op, np) = pos("status");
        c.push(Class::Behavior, None, item.clone(), msg, op, np);
    }
    if o.retry != n.retry {
        let msg = format!(
            "error code `{code}` retry class changed from `{}` to `{}`",
            o.retry.as_str(),
            n.retry.as_str()
        );
        let (op, np) = pos("retry");
        c.push(Class::Behavior, None, item.clone(), msg, op, np);
    }
    if o.details != n.details {
        let msg = format!(
            "error code `{code}` details changed from {} to {}",
            o.details, n.details
        );
        let (op, np) = pos("details");
        c.push(Class::Behavior, None, item.clone(), msg, op, np);
    }
    let texts = [
        ("summary", Some(&o.summary), Some(&n.summary)),
        ("fix", o.fix.as_ref(), n.fix.as_ref()),
        ("message", o.message.as_ref(), n.message.as_ref()),
    ];
    for (key, was, now) in texts {
        if was != now {
            let msg = format!("error code `{code}` {key} text changed");
            let (op, np) = pos(key);
            c.push(Class::Docs, None, item.clone(), msg, op, np);
        }
    }
}
