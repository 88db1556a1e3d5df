//! The error codes of the model: each code's variant, status, retry class
//! and texts.

use std::collections::HashMap;

use super::Validator;
use crate::document::Document;
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
            });
        }
        out
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
