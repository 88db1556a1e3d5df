//! The error codes of the model: each code's variant, status, retry class
//! and texts.

use std::collections::HashMap;

use super::Validator;
use crate::document::{Document, WireValue};
use crate::located::Located;
use crate::model::{self, RetryClass};

/// The statuses an error may have.
const ERROR_STATUSES: std::ops::RangeInclusive<u64> = 400..=599;

impl Validator<'_, '_> {
    /// The error codes, in spec order.
    pub(super) fn errors(&mut self, doc: &Document) -> Vec<model::ErrorCode> {
        let mut variants: HashMap<String, &Located<String>> = HashMap::new();
        let mut out = Vec::new();
        for (code, e) in doc.errors.iter() {
            let variant = self.error_code_name(code, &mut variants);
            let status_broken = self.ix.broken(&format!("errors.{}.status", code.value));
            if !status_broken && !ERROR_STATUSES.contains(&e.status.value) {
                self.err(
                    e.status.pos,
                    format!(
                        "status {} of error `{}` is out of range; error statuses are 400..=599",
                        e.status.value, code.value
                    ),
                );
            }
            let status = u16::try_from(e.status.value).unwrap_or(0);
            let retry = match &e.retry {
                Some(r) => self.retry_class(r),
                None => RetryClass::for_status(status),
            };
            let message = trimmed(e.message.as_ref());
            let summary = trimmed(e.summary.as_ref())
                .or_else(|| message.clone())
                .unwrap_or_default();
            out.push(model::ErrorCode {
                code: code.value.clone(),
                variant,
                status,
                retry,
                summary,
                fix: trimmed(e.fix.as_ref()),
                message,
                details: e.details.as_ref().is_some_and(|d| d.value),
                wire: e.wire.as_ref().map(|w| match &w.value {
                    WireValue::Str(s) => model::ErrorWire::Str(s.clone()),
                    WireValue::Int(n) => model::ErrorWire::Int(*n),
                }),
            });
        }
        self.wire_collisions(doc);
        out
    }

    /// A `wire` must not be empty, nor be (as text) another code's key or wire: a body's
    /// code would name two codes.
    fn wire_collisions(&mut self, doc: &Document) {
        // Each code's wire text (its key when it has no wire), by text.
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (code, _) in doc.errors.iter() {
            seen.insert(code.value.clone(), code.value.as_str());
        }
        for (code, e) in doc.errors.iter() {
            let Some(w) = &e.wire else { continue };
            let text = match &w.value {
                WireValue::Str(s) => s.clone(),
                WireValue::Int(n) => n.to_string(),
            };
            if text.trim().is_empty() {
                self.err(
                    w.pos,
                    format!(
                        "`wire` of error `{}` is empty; leave it out to send the key",
                        code.value
                    ),
                );
                continue;
            }
            match seen.get(&text) {
                Some(other) if *other != code.value => {
                    let what = if doc.errors.iter().any(|(k, _)| k.value == text) {
                        "the key"
                    } else {
                        "the wire value"
                    };
                    self.err(
                        w.pos,
                        format!(
                            "`wire` \"{}\" of error `{}` is also {what} of error `{other}`; a body's code must name one error",
                            text.escape_debug(),
                            code.value
                        ),
                    );
                }
                _ => {
                    seen.insert(text, code.value.as_str());
                }
            }
        }
    }

    /// A code's `retry` class; an unknown one is reported (and read as `never`).
    fn retry_class(&mut self, r: &Located<String>) -> RetryClass {
        RetryClass::parse(&r.value).unwrap_or_else(|| {
            let hint = match RetryClass::parse(&r.value.trim().to_ascii_lowercase()) {
                Some(c) => format!("; write it in lowercase: `{}`", c.as_str()),
                None => String::new(),
            };
            self.err(
                r.pos,
                format!(
                    "unknown retry class `{}`; expected `never`, `backoff` or `throttle`{hint}",
                    r.value
                ),
            );
            RetryClass::Never
        })
    }
}

/// The text, trimmed, if it is not empty.
fn trimmed(text: Option<&Located<String>>) -> Option<String> {
    text.map(|t| t.value.trim().to_owned())
        .filter(|t| !t.is_empty())
}
