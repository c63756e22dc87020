//! A JSON Lines record read straight into field text, without building a `serde_json::Value`
//! tree first: strings as they are (normalised), lists joined with `, `, objects by their
//! `name`, other values as JSON writes them.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::charset;

/// One line's value: an object's members as `(key, text)`, or anything else.
pub(super) enum JsonLine {
    /// The members of an object, in key order (a repeated key keeps its last value, as in a
    /// JSON object map).
    Object(Vec<(String, String)>),
    /// An array, string, number, boolean or null.
    NotObject,
}

impl<'de> Deserialize<'de> for JsonLine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = JsonLine;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonLine, A::Error> {
        let mut members: Vec<(String, String)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let FieldText(text) = map.next_value()?;
            members.push((key, text));
        }
        // Key order, the last of a repeated key: sorted stably from the end, first kept.
        members.reverse();
        members.sort_by(|a, b| a.0.cmp(&b.0));
        members.dedup_by(|later, kept| later.0 == kept.0);
        Ok(JsonLine::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonLine, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(JsonLine::NotObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }

    fn visit_i64<E>(self, _: i64) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }

    fn visit_u64<E>(self, _: u64) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }

    fn visit_f64<E>(self, _: f64) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }

    fn visit_str<E>(self, _: &str) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }

    fn visit_unit<E>(self) -> Result<JsonLine, E> {
        Ok(JsonLine::NotObject)
    }
}

/// A JSON value as field text.
struct FieldText(String);

impl<'de> Deserialize<'de> for FieldText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor).map(FieldText)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_str<E>(self, text: &str) -> Result<String, E> {
        Ok(string_text(Cow::Borrowed(text)))
    }

    fn visit_string<E>(self, text: String) -> Result<String, E> {
        Ok(string_text(Cow::Owned(text)))
    }

    fn visit_bool<E>(self, value: bool) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E>(self, value: i64) -> Result<String, E> {
        Ok(serde_json::Number::from(value).to_string())
    }

    fn visit_u64<E>(self, value: u64) -> Result<String, E> {
        Ok(serde_json::Number::from(value).to_string())
    }

    fn visit_f64<E>(self, value: f64) -> Result<String, E> {
        Ok(serde_json::Number::from_f64(value)
            .map_or_else(|| "null".to_string(), |n| n.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut items = Vec::new();
        while let Some(FieldText(item)) = seq.next_element()? {
            if !item.is_empty() {
                items.push(item);
            }
        }
        Ok(items.join(", "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut name = String::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "name" {
                name = map.next_value::<FieldText>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(name)
    }
}

/// A JSON string as field text: trimmed and normalised (see [`charset::normalize`]).
fn string_text(text: Cow<'_, str>) -> String {
    if text.trim().len() == text.len() {
        charset::normalize_owned(text)
    } else {
        charset::normalize(text.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(line: &str) -> Vec<(String, String)> {
        match serde_json::from_str::<JsonLine>(line).expect("valid JSON") {
            JsonLine::Object(members) => members,
            JsonLine::NotObject => panic!("not an object: {line}"),
        }
    }

    #[test]
    fn values_read_as_a_value_tree_would_give_them() {
        let line = r#"{"title": " 광양시 소식 ", "z": 1.50, "n": -3, "ok": true, "none": null,
            "tags": ["a", "", {"name": "b"}, 2], "author": {"id": 7, "name": "홍길동"},
            "a": "first", "a": "last", "esc": "줄\u0041"}"#;
        assert_eq!(
            members(line),
            [
                ("a", "last"),
                ("author", "홍길동"),
                ("esc", "줄A"),
                ("n", "-3"),
                ("none", ""),
                ("ok", "true"),
                ("tags", "a, b, 2"),
                ("title", "광양시 소식"),
                ("z", "1.5"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
    }

    #[test]
    fn other_values_are_not_objects() {
        for line in [r#"["a", {"b": 1}]"#, r#""text""#, "3", "null", "true"] {
            assert!(matches!(
                serde_json::from_str::<JsonLine>(line),
                Ok(JsonLine::NotObject)
            ));
        }
        assert!(serde_json::from_str::<JsonLine>(r#"{"a": }"#).is_err());
    }
}
