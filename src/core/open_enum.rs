//! String enums that stay open: the documented values as variants, anything else kept as
//! received.
//!
//! Providers add event names and statuses without notice. A delivery with a new value must
//! still verify and parse, so every such enum has an `Other(String)` arm. In TypeScript the
//! type is the union of the known literals plus `string & {}` (which keeps editor completion
//! for the known ones while accepting any string).

/// Declares an open string enum: `open_string_enum!(pub Name { Variant = "wire", … })`.
#[macro_export]
macro_rules! open_string_enum {
    ($(#[$meta:meta])* $vis:vis $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $vis enum $name {
            $($(#[$vmeta])* #[cfg_attr(feature = "ts", ts(rename = $wire))] $variant,)+
            /// A value this version of hookseal does not know, kept as received.
            #[cfg_attr(feature = "ts", ts(untagged))]
            Other(#[cfg_attr(feature = "ts", ts(type = "string & {}"))] String),
        }

        impl $name {
            /// Every documented value, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok($name::from_wire(&s))
            }
        }

        /// Any string, as its `Deserialize` reads.
        impl $crate::core::wire_shape::WireKind for $name {
            const KIND: $crate::core::wire_shape::Kind = $crate::core::wire_shape::Kind::String;
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Declares a closed string enum: the values that select a typed variant of an event union
/// (event names). In TypeScript it is the plain union of literals, so that comparing
/// `event_type` against one narrows the union; names outside it go to the union's own
/// catch-all variant.
#[macro_export]
macro_rules! closed_string_enum {
    ($(#[$meta:meta])* $vis:vis $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $vis enum $name {
            $($(#[$vmeta])* #[cfg_attr(feature = "ts", ts(rename = $wire))] $variant,)+
        }

        impl $name {
            /// Every value, in documentation order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            pub fn from_wire(s: &str) -> Option<Self> {
                match s {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        /// One of its wire values. (A closed enum has no `Deserialize`: this describes what it
        /// serializes to, for the shape of an output type.)
        impl $crate::core::wire_shape::WireKind for $name {
            const KIND: $crate::core::wire_shape::Kind =
                $crate::core::wire_shape::Kind::OneOf($name::KNOWN);
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    closed_string_enum!(pub Shape { Round = "round", Flat = "flat" });

    #[test]
    fn closed_enums_know_only_their_values() {
        assert_eq!(Shape::from_wire("flat"), Some(Shape::Flat));
        assert_eq!(Shape::from_wire("square"), None);
        assert_eq!(Shape::Round.as_str(), "round");
        assert_eq!(Shape::KNOWN, ["round", "flat"]);
    }

    open_string_enum!(pub Color { Red = "red", DarkBlue = "dark_blue" });

    #[test]
    fn known_and_unknown_values_round_trip() {
        let c: Color = serde_json::from_str("\"dark_blue\"").unwrap();
        assert_eq!(c, Color::DarkBlue);
        let o: Color = serde_json::from_str("\"green\"").unwrap();
        assert_eq!(o, Color::Other("green".into()));
        assert!(!o.is_known());
        assert_eq!(serde_json::to_string(&o).unwrap(), "\"green\"");
        assert_eq!(Color::KNOWN, ["red", "dark_blue"]);
        // Escaped input is decoded before matching.
        let e: Color = serde_json::from_str("\"r\\u0065d\"").unwrap();
        assert_eq!(e, Color::Red);
    }
}
