//! `api.error_fields`: every path well formed, no path inside another, the details
//! entry keys plain keys.

use super::Validator;
use crate::document::{ApiSection, DetailsSection};
use crate::located::Located;
use crate::model::{DetailsShape, ErrorFields};
use vook_vocab::error_fields::{self as words, MAX_PATH_SEGMENTS, PATH_SEPARATOR};

impl Validator<'_, '_> {
    /// The model's error fields: the defaults, overridden by what `api.error_fields` says.
    pub(super) fn error_fields(&mut self, a: &ApiSection) -> ErrorFields {
        let mut out = ErrorFields::default();
        let Some(f) = &a.error_fields else {
            return out;
        };
        // The written paths, for the nesting check.
        let mut written: Vec<(&str, &Located<String>)> = Vec::new();
        for (key, value, slot) in [
            ("code", &f.code, &mut out.code),
            ("message", &f.message, &mut out.message),
            ("request_id", &f.request_id, &mut out.request_id),
        ] {
            match value {
                None => {}
                Some(None) => *slot = None,
                Some(Some(p)) => {
                    *slot = Some(self.dotted_path(key, p));
                    written.push((key, p));
                }
            }
        }
        match &f.details {
            None => {}
            Some(None) => out.details = None,
            Some(Some(DetailsSection::Path(p))) => {
                out.details = Some(DetailsShape {
                    at: self.dotted_path("details", p),
                    field: words::DETAIL_FIELD.to_owned(),
                    issue: words::DETAIL_ISSUE.to_owned(),
                });
                written.push(("details", p));
            }
            Some(Some(DetailsSection::Shape(s))) => {
                let broken = self.ix.broken("api.error_fields.details.at");
                let at = if broken {
                    Vec::new()
                } else {
                    written.push(("details", &s.at));
                    self.dotted_path("details.at", &s.at)
                };
                out.details = Some(DetailsShape {
                    at,
                    field: self.entry_key("field", s.field.as_ref(), words::DETAIL_FIELD),
                    issue: self.entry_key("issue", s.issue.as_ref(), words::DETAIL_ISSUE),
                });
            }
        }
        self.nesting(&written);
        out
    }

    /// The segments of a dotted path; a malformed one is reported.
    fn dotted_path(&mut self, key: &str, p: &Located<String>) -> Vec<String> {
        let path = p.value.as_str();
        let segments: Vec<String> = path.split(PATH_SEPARATOR).map(str::to_owned).collect();
        let problem = if path.is_empty() {
            Some("is empty".to_owned())
        } else if segments.iter().any(String::is_empty) {
            Some("has an empty segment (a leading, trailing or doubled `.`)".to_owned())
        } else if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Some("contains whitespace".to_owned())
        } else if segments.len() > MAX_PATH_SEGMENTS {
            Some(format!(
                "has {} segments; at most {MAX_PATH_SEGMENTS} are read",
                segments.len()
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.err(
                p.pos,
                format!(
                    "`api.error_fields.{key}` path \"{}\" {problem}; write object keys joined by `.`, such as `error.code`",
                    path.escape_debug()
                ),
            );
        }
        segments
    }

    /// A key of each details entry (not a path); the default when not written.
    fn entry_key(&mut self, key: &str, k: Option<&Located<String>>, default: &str) -> String {
        let Some(k) = k else {
            return default.to_owned();
        };
        let v = k.value.as_str();
        if v.is_empty() || v.contains(PATH_SEPARATOR) || v.chars().any(char::is_whitespace) {
            self.err(
                k.pos,
                format!(
                    "`api.error_fields.details.{key}` \"{}\" must be one key of each entry (not empty, no `.` or whitespace)",
                    v.escape_debug()
                ),
            );
        }
        v.to_owned()
    }

    /// No written path may equal another or lie inside another: one JSON value cannot
    /// be both.
    fn nesting(&mut self, written: &[(&str, &Located<String>)]) {
        for (n, (key, p)) in written.iter().enumerate() {
            for (other, q) in written.iter().take(n) {
                let (a, b) = (p.value.as_str(), q.value.as_str());
                let inside = |x: &str, y: &str| {
                    x.strip_prefix(y)
                        .is_some_and(|rest| rest.starts_with(PATH_SEPARATOR))
                };
                if a == b || inside(a, b) || inside(b, a) {
                    self.err(
                        p.pos,
                        format!(
                            "`api.error_fields.{key}` (\"{a}\") and `api.error_fields.{other}` (\"{b}\", line {}) overlap: one JSON value cannot hold both; give each field its own path",
                            q.pos.line
                        ),
                    );
                    break; // one report per path
                }
            }
        }
    }
}
