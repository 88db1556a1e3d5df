//! The `endpoints` section: one operation each (method, path, parameters,
//! body, response, errors).

use crate::document::EndpointSection;
use crate::located::Located;
use crate::node::Node;
use vook_vocab::Method;
use vook_vocab::wire::BodyEncoding;

use super::keys;
use super::reader::Reader;

impl Reader<'_> {
    /// One entry of `endpoints`, named by its operation id `key`.
    pub(super) fn endpoint(
        &mut self,
        key: &Located<String>,
        node: &Node,
    ) -> Option<EndpointSection> {
        let what = format!("endpoint `{}`", key.value);
        let path = format!("endpoints.{}", key.value);
        let mapping = self.object(node, &what, &path, keys::ENDPOINT, key.pos)?;
        let method = match self.required(&mapping, "method") {
            Some(_) => self.choice(&mapping, "method", &Method::ALL.map(Method::as_str)),
            None => None,
        };
        let method = method.unwrap_or_else(|| {
            self.broke(format!("{path}.method"));
            Located::new(String::new(), key.pos)
        });
        let route = self.req_string(&mapping, "path");
        let summary = self.opt_text(&mapping, "summary");
        let description = self.opt_text(&mapping, "description");
        let path_params = mapping.opt("path_params").map(|n| {
            self.map_of(
                n,
                &format!("`path_params` of {what}"),
                &format!("{path}.path_params"),
                Some("path parameter"),
                |r, k, n| r.type_expr(n, &format!("path parameter `{}` of {what}", k.value)),
            )
        });
        let query = mapping.opt("query").map(|n| {
            self.map_of(
                n,
                &format!("`query` of {what}"),
                &format!("{path}.query"),
                Some("query parameter"),
                |r, k, n| r.field(k, n, &format!("query parameter `{}` of {what}", k.value)),
            )
        });
        let body = mapping
            .opt("body")
            .and_then(|n| self.type_expr(n, &format!("`body` of {what}")));
        let response = mapping.opt("response").and_then(|n| {
            let r = self.type_expr(n, &format!("`response` of {what}"));
            if r.is_none() {
                self.broke(format!("{path}.response"));
            }
            r
        });
        let status = self.opt_uint(&mapping, "status");
        let errors = mapping
            .opt("errors")
            .and_then(|n| self.string_list(n, &format!("`errors` of {what}")));
        let idempotent = self.opt_bool(&mapping, "idempotent");
        let paginate = mapping.opt("paginate").and_then(|n| {
            let at = mapping.key_pos("paginate").unwrap_or(n.pos);
            self.paginate(&key.value, n, at)
        });
        let body_encoding = self.opt_choice(
            &mapping,
            "body_encoding",
            &BodyEncoding::ALL.map(BodyEncoding::as_str),
        );
        Some(EndpointSection {
            method,
            path: route,
            summary,
            description,
            path_params,
            query,
            body,
            response,
            status,
            errors,
            idempotent,
            paginate,
            body_encoding,
        })
    }
}
