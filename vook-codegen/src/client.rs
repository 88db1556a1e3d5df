//! `API_SPEC` and `Client`: per endpoint, one descriptor line in `mod __vook` and a
//! one-line method building a `vook_runtime::Call` (`vook_runtime::Client::call`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use vook_schema::model::{Api, AuthScheme, BodyEncoding, Endpoint, Method, TypeRef};

use crate::doc;
use crate::ident::{field, ident};
use crate::types::rust_type;

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// `API_SPEC`: everything the runtime needs to know about the API.
pub(crate) fn api_spec(api: &Api) -> TokenStream {
    let name = &api.name;
    let base_url = &api.base_url;
    let auth = auth_spec(api);
    // Header names go out lowercase, as a `HeaderMap` holds them: the runtime then
    // matches them with a plain comparison instead of a case-folding one.
    let lower = |name: &str| name.to_ascii_lowercase();
    let request_id_name = api.request_id_header.as_deref().map(lower);
    let request_id = opt_str(request_id_name.as_deref());
    let rate = match &api.rate_limit_headers {
        Some(r) => {
            let (l, rem, res) = (lower(&r.limit), lower(&r.remaining), lower(&r.reset));
            let format = format_ident!("{}", r.reset_format.variant_name());
            quote!(::core::option::Option::Some(::vook_runtime::RateLimitHeaders { limit: #l, remaining: #rem, reset: #res, reset_format: ::vook_runtime::ResetFormat::#format }))
        }
        None => quote!(::core::option::Option::None),
    };
    let data = opt_str(api.envelope_data.as_deref());
    let error = opt_str(api.envelope_error.as_deref());
    let error_fields = crate::error_fields::error_fields(&api.error_fields);
    let r = &api.retry;
    let attempts = Literal::u32_unsuffixed(r.max_attempts);
    let base = Literal::u64_unsuffixed(r.base_delay_ms);
    let max = Literal::u64_unsuffixed(r.max_delay_ms);
    let after = Literal::u64_unsuffixed(r.max_retry_after_s);
    let head = format!(
        " The {} as the runtime sees it: base URL, auth, headers, envelopes, retry defaults and [`ERROR_TABLE`].",
        doc::inert(&api.title)
    );
    quote! {
        #[doc = #head]
        pub static API_SPEC: ::vook_runtime::ApiSpec = ::vook_runtime::ApiSpec {
            name: #name,
            base_url: #base_url,
            auth: #auth,
            request_id_header: #request_id,
            rate_limit_headers: #rate,
            envelope_data: #data,
            envelope_error: #error,
            error_fields: #error_fields,
            retry: ::vook_runtime::RetryDefaults { max_attempts: #attempts, base_delay_ms: #base, max_delay_ms: #max, max_retry_after_s: #after },
            errors: &ERROR_TABLE,
        };
    }
}

/// The `auth` of `API_SPEC`: scheme, header (lowercase) or parameter name, variable.
fn auth_spec(api: &Api) -> TokenStream {
    let Some(auth) = &api.auth else {
        return quote!(::vook_runtime::AuthSpec::NONE);
    };
    let scheme = format_ident!("{}", auth.scheme.variant_name());
    let name = match auth.scheme {
        AuthScheme::Header => auth.name.as_deref().map(str::to_ascii_lowercase),
        _ => auth.name.clone(),
    };
    let name = opt_str(name.as_deref());
    let env = opt_str(Some(&auth.env));
    quote!(::vook_runtime::AuthSpec { scheme: ::vook_runtime::AuthScheme::#scheme, name: #name, env: #env })
}

/// `Client` and its methods.
pub(crate) fn client(api: &Api) -> TokenStream {
    let title = doc::inert(&api.title);
    let head = format!(
        " A client of the {title}. Cheap to clone: clones share one connection pool and one retry budget."
    );
    let from_env_doc = match api.auth_env() {
        Some(env) => format!(
            " A client with the API key from `{env}` and the spec's base URL and retry defaults."
        ),
        None => " A client with the spec's base URL and retry defaults.".to_owned(),
    };
    let from_env_body = if api.auth.is_some() {
        quote!(Self::builder().api_key_from_env().build())
    } else {
        quote!(Self::builder().build())
    };
    let methods = api
        .endpoints
        .iter()
        .enumerate()
        .map(|(i, ep)| method(i, ep));
    let n = api.endpoints.len();
    let descriptors = api.endpoints.iter().map(|ep| {
        let op = &ep.name;
        let path = &ep.path;
        let status = Literal::u16_unsuffixed(ep.status);
        let idempotent = ep.idempotent;
        let http = method_ident(ep.method);
        // Only bodies have an encoding; JSON is the descriptor's default.
        let encoding = match ep.body_encoding {
            BodyEncoding::Form if ep.body.is_some() => {
                quote!(.with_body_encoding(::vook_runtime::BodyEncoding::Form))
            }
            _ => TokenStream::new(),
        };
        quote!(E::new(#op, #http, #path, #status, #idempotent)#encoding,)
    });
    // Only what is used, so the module compiles warning-free for any spec.
    let uses_some = api
        .endpoints
        .iter()
        .any(|ep| ep.body.is_some() || !ep.query.is_empty());
    let uses_none = api
        .endpoints
        .iter()
        .any(|ep| ep.body.is_none() || ep.query.is_empty());
    let some = uses_some.then(|| {
        quote!(
            pub(super) use ::core::option::Option::Some;
        )
    });
    let none = uses_none.then(|| {
        quote! {
            /// "No query" / "no body", typed.
            pub(super) const NONE: ::core::option::Option<&'static ()> = ::core::option::Option::None;
        }
    });
    let helpers = (n > 0).then(|| {
        quote! {
            /// Endpoint descriptors, one line each, in spec order, out of the way of user items.
            mod __vook {
                use ::vook_runtime::Endpoint as E;
                use ::vook_runtime::Method::*;
                #some
                #none
                pub(super) static ENDPOINTS: [E; #n] = [#(#descriptors)*];
            }
        }
    });
    quote! {
        #[doc = #head]
        #[derive(Clone, Debug)]
        pub struct Client(::vook_runtime::Client);

        impl ::core::convert::From<::vook_runtime::Client> for Client {
            fn from(inner: ::vook_runtime::Client) -> Self {
                Self(inner)
            }
        }

        impl Client {
            /// A builder preset from the spec: base URL, auth and retry defaults.
            pub fn builder() -> ::vook_runtime::ClientBuilder<Client> {
                ::vook_runtime::ClientBuilder::new(&API_SPEC)
            }
            #[doc = #from_env_doc]
            pub fn from_env() -> ::core::result::Result<Client, ::vook_runtime::BuildError> {
                #from_env_body
            }
            /// The runtime client underneath.
            pub fn inner(&self) -> &::vook_runtime::Client {
                &self.0
            }
            #(#methods)*
        }

        #helpers

    }
}

fn method_ident(m: Method) -> proc_macro2::Ident {
    format_ident!("{}", m.variant_name())
}

/// The argument type for a body: lists as slices and strings as `str`, so
/// callers never build a `Vec` or `String` just to lend it.
fn arg_type(t: &TypeRef) -> TokenStream {
    match t {
        TypeRef::String | TypeRef::Datetime => quote!(str),
        TypeRef::List(inner) => {
            let inner = rust_type(inner);
            quote!([#inner])
        }
        other => rust_type(other),
    }
}

fn method(index: usize, ep: &Endpoint) -> TokenStream {
    let name = field(&ep.name);
    let taken: Vec<&str> = ep.path_params.iter().map(|p| p.name.as_str()).collect();
    let pick = |want: &str, alt: &str| {
        if taken.contains(&want) {
            format_ident!("{alt}")
        } else {
            format_ident!("{want}")
        }
    };
    let params = ep.path_params.iter().map(|p| {
        let id = field(&p.name);
        let ty = if p.ty == TypeRef::Integer {
            quote!(i64)
        } else {
            quote!(&str)
        };
        quote!(#id: #ty,)
    });
    let args = ep.path_params.iter().map(|p| {
        let id = field(&p.name);
        quote!(&#id,)
    });
    let (body_param, body_arg) = match &ep.body {
        Some(t) => {
            let id = pick("body", "request_body");
            let ty = arg_type(t);
            (quote!(#id: &#ty,), quote!(__vook::Some(#id)))
        }
        None => (quote!(), quote!(__vook::NONE)),
    };
    let (query_param, query_arg) = if ep.query.is_empty() {
        (quote!(), quote!(__vook::NONE))
    } else {
        let id = pick("query", "query_params");
        let ty = ident(&ep.query_struct());
        (quote!(#id: &#ty,), quote!(__vook::Some(#id)))
    };
    let response = ep.response.as_ref().map_or_else(|| quote!(()), rust_type);
    // `response: none` ignores whatever body a server sends anyway.
    let call = if ep.response.is_some() {
        quote!(call)
    } else {
        quote!(call_unit)
    };
    let error = ident(&ep.error_enum());
    let route = format!("`{} {}`", ep.method.as_str(), doc::inert(&ep.path));
    // One doc line for the common case (a one-line summary); a description gets its own paragraph.
    let head = match ep.summary.as_deref() {
        Some(s) if !s.contains('\n') => doc::lines(&format!("{} {route}", doc::inert(s))),
        Some(s) => {
            let s = doc::spec_text(s);
            let route = format!(" {route}");
            quote!(#s #[doc = ""] #[doc = #route])
        }
        None => doc::lines(&route),
    };
    let description = ep.description.as_deref().map(|d| {
        let d = doc::spec_text(d);
        quote!(#[doc = ""] #d)
    });
    let index = Literal::usize_unsuffixed(index);
    quote! {
        #head
        #description
        pub fn #name(&self, #(#params)* #body_param #query_param) -> ::vook_runtime::Call<'_, #response, #error> {
            self.0.#call(&__vook::ENDPOINTS[#index], &[#(#args)*], #query_arg, #body_arg)
        }
    }
}
