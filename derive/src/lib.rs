//! `#[derive(WireShape)]`: implements `hookseal::core::wire_shape::WireKind` for a struct (or
//! an untagged enum of newtype variants) from the same serde attributes serde's own
//! `Deserialize` derive reads, so the shape table cannot drift from the type.
//!
//! Read: `rename_all`, `default` and `deny_unknown_fields` on the container, `untagged` on
//! enums; `rename`, `default` and `skip` / `skip_deserializing` on fields. Attributes that only
//! change serialization are ignored. Anything else that changes how serde reads the type
//! (`alias`, `flatten`, `deserialize_with`, tagged enums…) is a compile error: the shape would
//! otherwise silently disagree with serde.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Error, Fields, LitStr, Result, Type};

#[proc_macro_derive(WireShape, attributes(serde))]
pub fn derive_wire_shape(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> Result<Tokens> {
    let container = Container::read(&input.attrs)?;
    let ws = quote!(::hookseal::core::wire_shape);
    let kind = match &input.data {
        Data::Struct(data) => {
            if container.untagged {
                return Err(Error::new(Span::call_site(), "`untagged` is for enums"));
            }
            struct_kind(input, &container, &data.fields)?
        }
        Data::Enum(data) if container.untagged => {
            let mut alternatives = Vec::new();
            for variant in &data.variants {
                reject_serde_attrs(&variant.attrs, "on a variant of an untagged enum")?;
                match &variant.fields {
                    Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        let ty = &f.unnamed[0].ty;
                        alternatives.push(quote!(<#ty as #ws::WireKind>::KIND));
                    }
                    _ => {
                        return Err(Error::new_spanned(
                            &variant.ident,
                            "WireShape models untagged enums of newtype variants only",
                        ))
                    }
                }
            }
            quote!(#ws::Kind::AnyOf(&[#(#alternatives),*]))
        }
        Data::Enum(_) => {
            return Err(Error::new(
                Span::call_site(),
                "WireShape models structs and `#[serde(untagged)]` enums only",
            ))
        }
        Data::Union(_) => return Err(Error::new(Span::call_site(), "unions are not supported")),
    };

    let name = &input.ident;
    let mut generics = input.generics.clone();
    let params: Vec<_> = generics.type_params().map(|p| p.ident.clone()).collect();
    if !params.is_empty() {
        let clause = generics.make_where_clause();
        for param in params {
            clause
                .predicates
                .push(syn::parse_quote!(#param: #ws::WireKind));
        }
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #ws::WireKind for #name #type_generics #where_clause {
            const KIND: #ws::Kind = #kind;
        }
    })
}

fn struct_kind(input: &DeriveInput, container: &Container, fields: &Fields) -> Result<Tokens> {
    let ws = quote!(::hookseal::core::wire_shape);
    let Fields::Named(named) = fields else {
        return Err(Error::new(
            Span::call_site(),
            "WireShape models structs with named fields only",
        ));
    };
    let mut entries = Vec::new();
    for field in &named.named {
        let attrs = FieldAttrs::read(&field.attrs)?;
        if attrs.skip {
            continue;
        }
        let Some(ident) = &field.ident else {
            continue;
        };
        let rust_name = ident.to_string();
        let rust_name = rust_name.trim_start_matches("r#");
        let wire_name = match attrs.rename {
            Some(name) => name,
            None => container.rename_all.apply(rust_name),
        };
        // The walk matches member names against the raw input bytes before decoding them
        // (`Cursor::eat_plain_string`), which is exact only for names JSON writes as is; and
        // a name matched that way is taken as written in PHP's `json_encode` form, which
        // escapes '/' (the walk's check of Treezor's canonical form relies on it).
        if !wire_name
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' && b != b'/')
        {
            return Err(syn::Error::new_spanned(
                field,
                "WireShape: a wire name must be printable ASCII without '\"', '\\' or '/'",
            ));
        }
        let ty: &Type = &field.ty;
        let default = attrs.default || container.default;
        entries.push(quote! {
            #ws::Field {
                wire_name: #wire_name,
                kind: #ws::kind_of::<#ty>(),
                default: #default,
                optional: <#ty as #ws::WireKind>::OPTIONAL,
            }
        });
    }
    let type_name = input.ident.to_string();
    let open = !container.deny_unknown_fields;
    Ok(quote! {
        #ws::Kind::Object(&#ws::Shape {
            name: #type_name,
            fields: &[#(#entries),*],
            open: #open,
        })
    })
}

/// serde's container attributes that matter for reading.
#[derive(Default)]
struct Container {
    rename_all: RenameRule,
    default: bool,
    deny_unknown_fields: bool,
    untagged: bool,
}

impl Container {
    fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut c = Container::default();
        for attr in serde_attrs(attrs) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                if p.is_ident("rename_all") {
                    if let Some(rule) = deserialize_name(&meta)? {
                        c.rename_all = RenameRule::parse(&rule).ok_or_else(|| {
                            meta.error(format!("unknown rename_all rule {rule:?}"))
                        })?;
                    }
                } else if p.is_ident("default") {
                    skip_optional_value(&meta)?;
                    c.default = true;
                } else if p.is_ident("deny_unknown_fields") {
                    c.deny_unknown_fields = true;
                } else if p.is_ident("untagged") {
                    c.untagged = true;
                } else if p.is_ident("rename")
                    || p.is_ident("bound")
                    || p.is_ident("expecting")
                    || p.is_ident("crate")
                {
                    // Names and bounds in serde's messages and code; not the wire shape.
                    skip_any(&meta)?;
                } else {
                    return Err(unsupported(&meta));
                }
                Ok(())
            })?;
        }
        Ok(c)
    }
}

/// serde's field attributes that matter for reading.
#[derive(Default)]
struct FieldAttrs {
    rename: Option<String>,
    default: bool,
    skip: bool,
}

impl FieldAttrs {
    fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut f = FieldAttrs::default();
        for attr in serde_attrs(attrs) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                if p.is_ident("rename") {
                    if let Some(name) = deserialize_name(&meta)? {
                        f.rename = Some(name);
                    }
                } else if p.is_ident("default") {
                    skip_optional_value(&meta)?;
                    f.default = true;
                } else if p.is_ident("skip") || p.is_ident("skip_deserializing") {
                    f.skip = true;
                } else if p.is_ident("skip_serializing")
                    || p.is_ident("skip_serializing_if")
                    || p.is_ident("serialize_with")
                    || p.is_ident("borrow")
                    || p.is_ident("bound")
                {
                    // Serialization only, or lifetimes and bounds: not the wire shape.
                    skip_optional_value(&meta)?;
                } else {
                    return Err(unsupported(&meta));
                }
                Ok(())
            })?;
        }
        Ok(f)
    }
}

fn serde_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("serde"))
}

fn reject_serde_attrs(attrs: &[Attribute], place: &str) -> Result<()> {
    match serde_attrs(attrs).next() {
        Some(attr) => Err(Error::new_spanned(
            attr,
            format!("WireShape does not model serde attributes {place}"),
        )),
        None => Ok(()),
    }
}

fn unsupported(meta: &syn::meta::ParseNestedMeta<'_>) -> Error {
    let name = meta
        .path
        .get_ident()
        .map_or_else(|| "this".to_string(), ToString::to_string);
    meta.error(format!(
        "WireShape does not model #[serde({name})]: its shape table would disagree with serde"
    ))
}

/// The name serde reads with: `rename = "x"`, or `rename(deserialize = "x")`.
fn deserialize_name(meta: &syn::meta::ParseNestedMeta<'_>) -> Result<Option<String>> {
    if meta.input.peek(syn::Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok(Some(lit.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        let lit: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("deserialize") {
            name = Some(lit.value());
        } else if !inner.path.is_ident("serialize") {
            return Err(inner.error("expected serialize or deserialize"));
        }
        Ok(())
    })?;
    Ok(name)
}

/// Consumes `= "…"` if present (`default = "path"`, `skip_serializing_if = "…"`).
fn skip_optional_value(meta: &syn::meta::ParseNestedMeta<'_>) -> Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: LitStr = meta.value()?.parse()?;
    }
    Ok(())
}

/// Consumes `= "…"` or `(…)`.
fn skip_any(meta: &syn::meta::ParseNestedMeta<'_>) -> Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: LitStr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_optional_value(&inner))?;
    }
    Ok(())
}

/// serde's `rename_all` rules, applied to field names as serde_derive applies them.
#[derive(Clone, Copy, Default)]
enum RenameRule {
    #[default]
    None,
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    fn apply(self, field: &str) -> String {
        match self {
            RenameRule::None | RenameRule::Lower | RenameRule::Snake => field.to_string(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut out = String::new();
                let mut capitalize = true;
                for c in field.chars() {
                    if c == '_' {
                        capitalize = true;
                    } else if capitalize {
                        out.push(c.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}
