//! Hand-written readers for the format's tagged objects (`{"type": "queue",
//! ...}`, `{"do": "down", ...}`) and its either-or fields.
//!
//! Why not serde's derive: for internally tagged and untagged enums it buffers
//! the input in serde's private `Content` type and compiles a second
//! deserializer for every type inside: in the wasm build about 20 KB (gzip),
//! as much as reading all the rest of the format. Scenarios are always read
//! from a parsed `serde_json::Value` (see `migrate.rs`), so these readers take
//! the object apart and hand the rest to the deserializer the format uses
//! anyway.
//! The messages are serde's own ("missing field", "unknown variant", "unknown
//! field", "invalid type").

use serde::de::{DeserializeOwned, Deserializer, Error as _, Unexpected};
use serde::Deserialize;
use serde_json::{Error, Map, Value};

/// Deserializes `T` by reading the whole JSON value with `read`.
pub(crate) fn via_value<'de, D, T>(d: D, read: fn(Value) -> Result<T, Error>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    read(Value::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// What a JSON value is, for "invalid type" messages.
pub(crate) fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, f) => Unexpected::Float(f.unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// An object of a tagged enum: which variant its tag names, and its other
/// fields.
pub(crate) struct Tagged {
    /// Index of the tag's value in the variant list.
    pub variant: usize,
    fields: Map<String, Value>,
}

impl Tagged {
    /// Reads `{tag: one of variants, ...}`.
    pub fn read(
        value: Value,
        tag: &'static str,
        variants: &'static [&'static str],
    ) -> Result<Self, Error> {
        let mut fields = match value {
            Value::Object(fields) => fields,
            other => return Err(Error::invalid_type(unexpected(&other), &"an object")),
        };
        let name = match fields.remove(tag) {
            Some(Value::String(name)) => name,
            Some(other) => return Err(Error::invalid_type(unexpected(&other), &"a string")),
            None => return Err(Error::missing_field(tag)),
        };
        match variants.iter().position(|v| *v == name) {
            Some(variant) => Ok(Tagged { variant, fields }),
            None => Err(Error::unknown_variant(&name, variants)),
        }
    }

    /// The other fields, read as `T` (a variant that wraps a struct).
    pub fn content<T: DeserializeOwned>(self) -> Result<T, Error> {
        T::deserialize(Value::Object(self.fields))
    }

    /// Takes the number field `name`.
    pub fn number(&mut self, name: &'static str) -> Result<f64, Error> {
        match self.fields.remove(name) {
            Some(value) => value
                .as_f64()
                .ok_or_else(|| Error::invalid_type(unexpected(&value), &"a number")),
            None => Err(Error::missing_field(name)),
        }
    }

    /// Takes the text field `name`.
    pub fn text(&mut self, name: &'static str) -> Result<String, Error> {
        match self.fields.remove(name) {
            Some(Value::String(text)) => Ok(text),
            Some(other) => Err(Error::invalid_type(unexpected(&other), &"a string")),
            None => Err(Error::missing_field(name)),
        }
    }

    /// Refuses any field not taken (the format denies unknown fields).
    pub fn finish(self, expected: &'static [&'static str]) -> Result<(), Error> {
        match self.fields.keys().next() {
            Some(name) => Err(Error::unknown_field(name, expected)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KINDS: &[&str] = &["first", "second"];

    #[test]
    fn the_tag_picks_the_variant_and_the_rest_are_its_fields() {
        let mut t =
            Tagged::read(json!({"do": "second", "ms": 5, "who": "a"}), "do", KINDS).unwrap();
        assert_eq!(t.variant, 1);
        assert_eq!(t.number("ms").unwrap(), 5.0);
        assert_eq!(t.text("who").unwrap(), "a");
        t.finish(&["ms", "who"]).unwrap();
    }

    #[test]
    fn mistakes_are_told_in_serde_s_words() {
        let err = |v: Value| Tagged::read(v, "do", KINDS).err().unwrap().to_string();
        assert_eq!(err(json!({"ms": 1})), "missing field `do`");
        assert_eq!(
            err(json!({"do": "third"})),
            "unknown variant `third`, expected `first` or `second`"
        );
        assert_eq!(
            err(json!({"do": 1})),
            "invalid type: integer `1`, expected a string"
        );
        assert_eq!(err(json!([])), "invalid type: sequence, expected an object");

        let mut t =
            Tagged::read(json!({"do": "first", "ms": "x", "extra": 1}), "do", KINDS).unwrap();
        assert_eq!(
            t.number("ms").unwrap_err().to_string(),
            "invalid type: string \"x\", expected a number"
        );
        assert_eq!(
            t.text("who").unwrap_err().to_string(),
            "missing field `who`"
        );
        assert_eq!(
            t.finish(&["ms"]).unwrap_err().to_string(),
            "unknown field `extra`, expected `ms`"
        );
    }
}
