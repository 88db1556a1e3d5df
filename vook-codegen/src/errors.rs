//! `ErrorCode`, `ERROR_TABLE` and one `<Op>Error` enum per endpoint.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use vook_schema::model::{Api, Endpoint, ErrorCode, RetryClass};

use crate::doc;
use crate::ident::ident;

fn retry_class(class: RetryClass) -> TokenStream {
    let v = format_ident!("{}", class.variant_name());
    quote!(::vook_runtime::RetryClass::#v)
}

/// `ErrorCode`: every code plus `Unknown(String)`.
pub(crate) fn error_code(api: &Api) -> TokenStream {
    let variants = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let summary = doc::spec_text(&format!("`{}`: {}", e.code, e.summary));
        let meta = format!(" HTTP {}, retry class `{}`.", e.status, e.retry.as_str());
        let fix = e
            .fix
            .as_deref()
            .map(|f| doc::spec_text(&format!("How to fix: {f}")));
        let fix = fix.map(|f| quote!(#[doc = ""] #f));
        quote! { #summary #[doc = ""] #[doc = #meta] #fix #v, }
    });
    let as_str = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        quote!(Self::#v => #code,)
    });
    // The key, and the wire value where the spec gives one (an integer as its decimal
    // text): `ErrorCode::from` takes either. Validation keeps them all distinct.
    let from_str = api.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        let wire = e.wire.as_ref().map(|_| e.wire_text()).filter(|w| w != code);
        let wire = wire.map(|w| quote!(| #w));
        quote!(#code #wire => Self::#v,)
    });
    // With no codes a `match` would have a single binding arm (clippy: match_single_binding).
    let unknown = quote!(Self::Unknown(::std::string::ToString::to_string(code)));
    let from_body = if api.errors.is_empty() {
        unknown
    } else {
        quote! {
            match code {
                #(#from_str)*
                _ => #unknown,
            }
        }
    };
    let rows = api.errors.iter().enumerate().map(|(i, e)| {
        let v = ident(&e.variant);
        quote!(Self::#v => ::core::option::Option::Some(&ERROR_TABLE[#i]),)
    });
    let title = doc::inert(&api.title);
    let head = format!(
        " Every error code of the {title}, plus `Unknown` for codes this client does not know yet."
    );
    quote! {
        #[doc = #head]
        #[doc = ""]
        #[doc = " Parse a code with `ErrorCode::from(code)` (its key or, where the spec gives one, its wire value); [`ERROR_TABLE`] holds each code's row."]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the spec does not list (the API added one): match it to stay exhaustive.
            Unknown(::std::string::String),
        }

        impl ErrorCode {
            /// The code's key, as `ApiError::code()` returns it (for `Unknown`, the code as sent).
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::Unknown(code) => code,
                }
            }
            /// This code's row of [`ERROR_TABLE`]; `None` for `Unknown`.
            pub fn row(&self) -> ::core::option::Option<&'static ::vook_runtime::ErrorRow> {
                match self {
                    #(#rows)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }
            /// The HTTP status the spec gives this code; 0 for `Unknown` (see `ApiError::status` for the status received).
            pub fn status(&self) -> u16 {
                self.row().map_or(0, |row| row.status)
            }
            /// How the client retries this code; `Unknown` codes are classified by status at run time, so `Never` here.
            pub fn retry_class(&self) -> ::vook_runtime::RetryClass {
                self.row().map_or(::vook_runtime::RetryClass::Never, |row| row.retry)
            }
        }

        impl ::core::convert::From<&str> for ErrorCode {
            fn from(code: &str) -> Self {
                #from_body
            }
        }

        impl ::core::str::FromStr for ErrorCode {
            type Err = ::core::convert::Infallible;
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(code))
            }
        }

        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `ERROR_TABLE`: one row per code, in spec order.
pub(crate) fn error_table(api: &Api) -> TokenStream {
    let n = api.errors.len();
    let rows = api.errors.iter().map(|e| {
        let code = &e.code;
        let status = Literal::u16_unsuffixed(e.status);
        let retry = retry_class(e.retry);
        let summary = &e.summary;
        let fix = e.fix.as_deref().unwrap_or("");
        let details = e.details;
        let wire = crate::error_fields::wire(e.wire.as_ref());
        quote! {
            ::vook_runtime::ErrorRow { code: #code, wire: #wire, status: #status, retry: #retry, summary: #summary, fix: #fix, details: #details },
        }
    });
    quote! {
        /// The retry-classification table: code, status, retry class, summary and fix of every
        /// error code, in spec order. The runtime reads retry classes from here.
        pub static ERROR_TABLE: [::vook_runtime::ErrorRow; #n] = [#(#rows)*];
    }
}

/// `<Op>Error`: exactly the endpoint's codes plus `Unknown`; not `#[non_exhaustive]`,
/// so a wildcard-free `match` breaks (E0004) when the spec adds a code. The runtime's
/// `op_error!` defines the enum (its docs, variants and impls) from one entry per code,
/// `Variant("code", status, retry_class)`; each variant's doc points to the `ErrorCode`
/// variant that holds the code's summary and fix, which are not repeated per endpoint.
pub(crate) fn op_error(api: &Api, ep: &Endpoint) -> TokenStream {
    let name = ident(&ep.error_enum());
    let codes: Vec<&ErrorCode> = ep.errors.iter().filter_map(|c| api.error(c)).collect();
    let variants = codes.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        let status = Literal::u16_unsuffixed(e.status);
        let retry = format_ident!("{}", e.retry.as_str());
        quote!(#v(#code, #status, #retry))
    });
    let op = &ep.name;
    let route = format!("{} {}", ep.method.as_str(), doc::inert(&ep.path));
    quote! {
        ::vook_runtime::op_error! {
            #name(#op, #route) { #(#variants),* }
        }
    }
}
