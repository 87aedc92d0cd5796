//! The guards import runs before anything trusts the input: size, nesting
//! depth, duplicate keys, list lengths, text lengths and forbidden characters.
//!
//! They run on bytes or on a `serde_json::Value`, before typed deserialisation,
//! so a hostile file is refused in time linear in its size and without deep
//! recursion.

use super::error::{quote_fragment, ImportError, ImportErrorKind, JsonKind};
use super::limits::*;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Text-direction controls that can make a name display as something else:
/// embeddings and overrides (U+202A–202E) and isolates (U+2066–2069).
/// The plain marks LRM/RLM/ALM are harmless and allowed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Counts bracket nesting in the raw text, skipping strings, and refuses
/// anything deeper than [`MAX_DEPTH`]. Runs before serde so the parser's own
/// recursion is never the thing that stops a 10,000-deep file.
pub(crate) fn check_depth(text: &str) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::whole(ImportErrorKind::TooDeep {
                        max: MAX_DEPTH,
                        line,
                    }));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The same depth limit for a value that never was text (from the JS API).
/// Iterative, so a 100,000-deep value cannot overflow the stack here.
pub(crate) fn check_value_depth(value: &Value) -> Result<(), ImportError> {
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(o) => Box::new(o.values()),
            _ => continue,
        };
        if depth > MAX_DEPTH {
            return Err(ImportError::whole(ImportErrorKind::TooDeep {
                max: MAX_DEPTH,
                line: 0,
            }));
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// Turns floats with no fractional part (as every JavaScript number is)
/// into integers. Only called on values already known to be shallow.
pub(crate) fn whole_floats_to_integers(value: &mut Value) {
    // Beyond 2^53 a float no longer holds every whole number exactly.
    const EXACT: u64 = 1 << 53;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if n.is_f64() => {
                if let Some(f) = n
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() <= EXACT as f64)
                {
                    *v = Value::from(f as i64);
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(fields) => stack.extend(fields.values_mut()),
            _ => {}
        }
    }
}

/// Drops a value of any depth without recursion.
pub(crate) fn drop_iteratively(value: Value) {
    let mut rest = vec![value];
    while let Some(v) = rest.pop() {
        match v {
            Value::Array(items) => rest.extend(items),
            Value::Object(fields) => rest.extend(fields.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// A `Value` parsed strictly: a key repeated in one object is an error
/// (serde_json's own `Value` silently keeps the last one, and two readers
/// that disagree on which copy wins is how validation gets bypassed).
pub(crate) struct StrictValue(pub Value);

/// Prefix of the error message for a repeated key (classified in `mod.rs`).
pub(crate) const DUPLICATE_KEY: &str = "skyddsnat duplicate key ";

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            // A list longer than any limit is refused while parsing, before
            // it costs memory for millions of elements.
            if out.len() >= MAX_ITEMS {
                return Err(de::Error::custom(TOO_MANY_WHILE_PARSING));
            }
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE_KEY}{key}")));
            }
            let StrictValue(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Error message for a list past [`MAX_ITEMS`] found while parsing.
pub(crate) const TOO_MANY_WHILE_PARSING: &str = "skyddsnat too many items";

/// Fields shown on one line (the map, lists, signature lines): short, and
/// without line breaks or text-direction controls.
fn is_single_line(key: &str) -> bool {
    matches!(
        key,
        "title" | "name" | "role" | "phone" | "label" | "unit" | "location" | "interpreter"
    )
}

/// Fields whose value is always an object.
const OBJECT_FIELDS: [&str; 7] = [
    "case",
    "place",
    "settings",
    "house",
    "when",
    "commissioner",
    "assessment",
];

/// serde accepts a struct written as a list of its field values
/// (`"place": [1, "family", 500, 500]`). The schema does not, and a second
/// spelling of the same data is one more thing for other readers to get
/// wrong, so import refuses it.
fn struct_as_list() -> ImportErrorKind {
    ImportErrorKind::WrongType {
        found: JsonKind::List,
        shown: String::new(),
        expected: JsonKind::Object,
    }
}

/// Walks the document (already migrated to the current version): every list
/// within its limit, every text within its length and free of forbidden
/// characters. Paths are JSON paths like `people[3].name`.
pub(crate) fn check_tree(root: &Value) -> Result<(), ImportError> {
    let mut path = String::new();
    walk(root, None, &mut path, 0)
}

pub(crate) fn walk(
    v: &Value,
    key: Option<&str>,
    path: &mut String,
    depth: usize,
) -> Result<(), ImportError> {
    let err = |path: &str, kind| Err(ImportError::new(path, kind));
    match v {
        Value::String(s) => {
            let single = key.is_some_and(is_single_line);
            let max = if single {
                MAX_NAME_CHARS
            } else {
                MAX_TEXT_CHARS
            };
            // Count only as far as needed: a 10 MB string stops at max + 1.
            let chars = s.chars().take(max + 1).count();
            if chars > max {
                return err(
                    path,
                    ImportErrorKind::TextTooLong {
                        chars: s.chars().count(),
                        max,
                    },
                );
            }
            for c in s.chars() {
                let allowed_break = !single && matches!(c, '\n' | '\r' | '\t');
                if c.is_control() && !allowed_break {
                    return err(path, ImportErrorKind::ControlChar { code: c as u32 });
                }
                if single && is_bidi_control(c) {
                    return err(path, ImportErrorKind::BidiChar { code: c as u32 });
                }
            }
        }
        Value::Array(items) => {
            // The top-level lists have their own limits; nested ones the general one.
            let max = match (depth, key) {
                (1, Some(field)) => super::max_items(field),
                _ => MAX_ITEMS,
            };
            if items.len() > max {
                return err(
                    path,
                    ImportErrorKind::TooMany {
                        count: items.len(),
                        max,
                    },
                );
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                if item.is_array() {
                    // No list in a plan holds lists: this is an object written
                    // as a list (see `struct_as_list`).
                    return err(path, struct_as_list());
                }
                if depth == 1 && key == Some("snapshots") {
                    check_snapshot_value(item, path)?;
                } else {
                    walk(item, key, path, depth + 1)?;
                }
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            if key == Some("when") {
                check_unit_frequency(fields, path)?;
            }
            for field in OBJECT_FIELDS {
                if fields.get(field).is_some_and(Value::is_array) {
                    let sep = if path.is_empty() { "" } else { "." };
                    return err(&format!("{path}{sep}{field}"), struct_as_list());
                }
            }
            for (k, item) in fields {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&quote_fragment(k));
                walk(item, Some(k), path, depth + 1)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// One snapshot (`{"meeting", "date", "plan"}`) at `path`: its plan gets
/// every check of a whole file's plan (list limits count from the plan, not
/// from the file), and a plan inside a snapshot may not hold snapshots
/// itself; that is refused here, before serde would recurse into it.
pub(crate) fn check_snapshot_value(v: &Value, path: &str) -> Result<(), ImportError> {
    let mut path = path.to_string();
    let Value::Object(fields) = v else {
        // Not an object: the typed check says what was expected.
        return walk(v, Some("snapshots"), &mut path, 2);
    };
    for (k, item) in fields {
        let len = path.len();
        path.push('.');
        path.push_str(&quote_fragment(k));
        match (k.as_str(), item) {
            ("plan", Value::Object(plan)) => {
                if plan.contains_key("snapshots") {
                    path.push_str(".snapshots");
                    return Err(ImportError::new(
                        path,
                        ImportErrorKind::Integrity(crate::document::edit::EditError::Invalid {
                            kind: crate::document::edit::EntityKind::Snapshot,
                            field: "plan.snapshots".into(),
                            reason: crate::document::edit::Invalid::NestedSnapshot,
                        }),
                    ));
                }
                walk(item, None, &mut path, 0)?;
            }
            ("plan", Value::Array(_)) => return Err(ImportError::new(path, struct_as_list())),
            _ => walk(item, Some(k), &mut path, 3)?,
        }
        path.truncate(len);
    }
    Ok(())
}

/// serde's `deny_unknown_fields` does not reach the unit variants of an
/// internally tagged enum: `{"every": "day", "n": 2}` would load as "every
/// day" and silently lose `n`. Such a check frequency may hold only its tag.
fn check_unit_frequency(
    fields: &serde_json::Map<String, Value>,
    path: &str,
) -> Result<(), ImportError> {
    let unit = matches!(
        fields.get("every").and_then(Value::as_str),
        Some("day" | "weekday" | "weekend")
    );
    if let Some(extra) = fields.keys().find(|k| unit && *k != "every") {
        return Err(ImportError::new(
            format!("{path}.{}", quote_fragment(extra)),
            ImportErrorKind::UnknownField {
                field: quote_fragment(extra),
            },
        ));
    }
    Ok(())
}

/// The names of people and children by position, to say whom an error is about.
pub(crate) struct Names {
    people: Vec<Option<String>>,
    children: Vec<Option<String>>,
}

impl Names {
    pub(crate) fn of(doc: &Value) -> Names {
        let names = |key: &str| -> Vec<Option<String>> {
            doc.get(key)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .map(|p| {
                            p.get("name")
                                .and_then(Value::as_str)
                                .filter(|n| !n.trim().is_empty())
                                .map(quote_fragment)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        Names {
            people: names("people"),
            children: names("children"),
        }
    }

    /// Adds the name of the person or child at the start of the error's path.
    pub(crate) fn attach(&self, mut e: ImportError) -> ImportError {
        let index_in = |prefix: &str| -> Option<usize> {
            let rest = e.path.strip_prefix(prefix)?.strip_prefix('[')?;
            rest.split(']').next()?.parse().ok()
        };
        e.who = if let Some(i) = index_in("people") {
            self.people.get(i).cloned().flatten()
        } else if let Some(i) = index_in("children") {
            self.children.get(i).cloned().flatten()
        } else {
            None
        };
        e
    }
}
