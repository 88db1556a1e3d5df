//! `wire_struct!` and `wire_enum!`: serde's `Serialize` and `Deserialize` for the
//! generated types, one line per field or value in the generated file (what the
//! impls call is `wire_serde.rs`).

/// `Serialize` and `Deserialize` (and [`Present`](crate::__private::wire::Present)) for
/// a generated struct, from its fields and their wire names; `serialize` first gives
/// `Serialize` alone (`<Op>Query`). Optional fields are the `Option`s. Not a stable
/// API: generated code calls it.
///
/// ```
/// #[derive(Debug)]
/// pub struct Item { pub id: String, pub r#type: Option<String> }
/// vook_runtime::wire_struct! { Item { id = "id", r#type = "type" } }
///
/// let item: Item = serde_json::from_str(r#"{"id":"i1","extra":true}"#).unwrap();
/// assert_eq!((item.id.as_str(), item.r#type), ("i1", None));
/// assert_eq!(serde_json::to_string(&Item { id: "i2".into(), r#type: None }).unwrap(), r#"{"id":"i2"}"#);
/// let e = serde_json::from_str::<Item>("{}").unwrap_err();
/// assert!(e.to_string().starts_with("missing field `id`"));
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    (serialize $ty:ident { $($field:ident = $wire:literal),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #[allow(unused_imports)] // a struct without fields
                use $crate::__private::{serde::ser::SerializeStruct as _, wire::Present as _};
                #[allow(unused_mut)]
                let mut st = serializer.serialize_struct(
                    ::core::stringify!($ty),
                    0 $(+ usize::from(self.$field.present()))*,
                )?;
                $($crate::__private::wire::field(&mut st, $wire, &self.$field)?;)*
                st.end()
            }
        }
    };
    ($ty:ident { $($field:ident = $wire:literal),* $(,)? }) => {
        $crate::wire_struct!(serialize $ty { $($field = $wire),* });
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                const FIELDS: &[&str] = &[$($wire),*];
                struct __Visitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for __Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(::core::concat!("struct ", ::core::stringify!($ty)))
                    }
                    fn visit_map<__A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::core::result::Result<$ty, __A::Error> {
                        $(let mut $field = ::core::option::Option::None;)*
                        while let ::core::option::Option::Some(key) =
                            map.next_key_seed($crate::__private::wire::Key(FIELDS))?
                        {
                            match key {
                                $(::core::option::Option::Some($wire) => {
                                    $crate::__private::wire::put(&mut map, &mut $field, $wire)?
                                })*
                                _ => $crate::__private::wire::skip(&mut map)?,
                            }
                        }
                        ::core::result::Result::Ok($ty {
                            $($field: $crate::__private::wire::take($field, $wire)?,)*
                        })
                    }
                }
                deserializer.deserialize_struct(::core::stringify!($ty), FIELDS, __Visitor)
            }
        }
        impl $crate::__private::wire::Present for $ty {}
    };
}

/// `Serialize` (its `as_str()`), `Deserialize` (a string: its variant, else
/// `Unknown` of it) and [`Present`](crate::__private::wire::Present) for a generated
/// string enum, from its variants and their wire values. The enum has an
/// `Unknown(String)` variant and an `as_str` method. Not a stable API: generated code
/// calls it.
///
/// ```
/// #[derive(Clone, Debug, PartialEq)]
/// pub enum Kind { Document, Image, Unknown(String) }
/// impl Kind {
///     pub fn as_str(&self) -> &str {
///         match self { Kind::Document => "document", Kind::Image => "image", Kind::Unknown(v) => v }
///     }
/// }
/// vook_runtime::wire_enum! { Kind { Document = "document", Image = "image" } }
///
/// assert_eq!(serde_json::from_str::<Kind>(r#""image""#).unwrap(), Kind::Image);
/// assert_eq!(serde_json::from_str::<Kind>(r#""video""#).unwrap(), Kind::Unknown("video".into()));
/// assert_eq!(serde_json::to_string(&Kind::Unknown("video".into())).unwrap(), r#""video""#);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! wire_enum {
    ($ty:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::__private::wire::enum_from_str(
                    deserializer,
                    &[$($wire),*],
                    &[$(Self::$variant),*],
                    Self::Unknown,
                )
            }
        }
        impl $crate::__private::wire::Present for $ty {}
    };
}
