//! Fixed vocabularies as Rust enums with a stable snake_case code each: the code is what is
//! stored and sent over the API, so renaming a variant never changes data.

/// Declares a vocabulary: an enum, its codes, `ALL`, `FromStr` naming the allowed codes on error,
/// and serde as the code.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, utoipa::ToSchema)]
        #[schema(rename_all = "snake_case")]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// The codes, for error messages and documentation.
            pub fn codes() -> String {
                [$( $code ),+].join(", ")
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Common;
            fn from_str(s: &str) -> Result<Self, $crate::error::Common> {
                match s {
                    $( $code => Ok($name::$variant), )+
                    other => Err($crate::error::Common::NotOneOf { value: other.to_string(), choices: $name::codes() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
