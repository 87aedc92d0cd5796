//! JSON, written for this one format: a value tree, a strict parser and the
//! writers for files and storage.
//!
//! Why not serde_json: the plan's types are few and plain, and serde's
//! generated code (derives, visitors, the path tracking for error messages)
//! was a sixth of the widget's wasm, which has to fit in a 400 KB offline
//! file. The tree here keeps object keys in file order (the file's field
//! order is part of the format) and numbers as written: integer or not, so
//! a `3.0` where a whole number belongs can be refused.
//!
//! A number that is not an `i64` integer is kept as its text
//! ([`Json::Float`]), not as an `f64`: the standard library's float parser
//! and formatter brought 16 KB of LZMA (a table of powers of five, the
//! shortest-digits algorithms) into the wasm for numbers a plan never
//! holds. Kept as text, such a number is written back exactly as read;
//! [`Json::as_f64`] reads whole values exactly and others approximately.
//!
//! - [`parse`] (`parse.rs`): refuses repeated keys, nesting past a depth and
//!   lists past a length, while parsing, with the line of the problem.
//! - [`to_pretty`], [`to_compact`] (`write.rs`): the same bytes as
//!   serde_json's `to_string_pretty` and `to_string` wrote before.

mod parse;
mod write;

pub use parse::{parse, Limits, ParseError};
pub use write::{to_compact, to_pretty};

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number written without fraction or exponent that fits an `i64`.
    Int(i64),
    /// Any other number (a fraction, an exponent, or an integer beyond
    /// `i64`), as the text wrote it: valid JSON number syntax, which the
    /// parser has checked. Whoever builds one must keep to that syntax.
    Float(String),
    Str(String),
    Array(Vec<Json>),
    Object(Object),
}

/// An object: its fields in order, each key once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    fields: Vec<(String, Json)>,
}

/// What kind of JSON value something is (for error messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Array,
    Object,
}

impl Json {
    pub fn kind(&self) -> Kind {
        match self {
            Json::Null => Kind::Null,
            Json::Bool(_) => Kind::Bool,
            Json::Int(_) => Kind::Int,
            Json::Float(_) => Kind::Float,
            Json::Str(_) => Kind::Str,
            Json::Array(_) => Kind::Array,
            Json::Object(_) => Kind::Object,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// Any number, as a float: exact for integers and whole numbers
    /// written with a fraction or exponent (`1700000000000.0`, `1e3`) up to
    /// 2^53, within a few units in the last place for others.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Int(n) => Some(*n as f64),
            Json::Float(text) => Some(match whole_value(text) {
                Some(n) if n.unsigned_abs() <= EXACT_IN_F64 => n as f64,
                _ => approximate(text),
            }),
            _ => None,
        }
    }

    /// A number with no fractional part (`3`, `3.0`, `1e3`, `-2.50e1`) as an
    /// integer, if it fits an `i64`. JavaScript has only floats, so a whole
    /// number from a JS object may arrive as `3.0`.
    pub fn as_whole(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            Json::Float(text) => whole_value(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The field `key` of an object; `None` for a missing field or a value
    /// that is not an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object().and_then(|o| o.get(key))
    }
}

/// Every integer up to this size is exact in an `f64` (2^53).
const EXACT_IN_F64: u64 = 1 << 53;

/// The parts of a JSON number's text: sign, all its digits (integer part
/// then fraction) and the power of ten they are scaled by.
fn parts(text: &str) -> (bool, &str, &str, i64) {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        // An exponent past any sensible size saturates; the callers treat
        // it as too large or as zero.
        Some(at) => (
            &rest[..at],
            rest[at + 1..]
                .trim_start_matches('+')
                .parse::<i64>()
                .unwrap_or(if rest[at + 1..].starts_with('-') {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }),
        ),
        None => (rest, 0),
    };
    let (int, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    (negative, int, fraction, exponent)
}

/// The value of a number's text if it is a whole number within `i64`.
fn whole_value(text: &str) -> Option<i64> {
    let (negative, int, fraction, exponent) = parts(text);
    let digits = int.bytes().chain(fraction.bytes());
    // value = digits × 10^(exponent − fraction.len())
    let scale = exponent.checked_sub(fraction.len() as i64)?;
    let mut significant: Vec<u8> = digits.skip_while(|d| *d == b'0').collect();
    let mut scale = scale;
    // Trailing zeros may pay for a negative scale.
    while scale < 0 && significant.last() == Some(&b'0') {
        significant.pop();
        scale += 1;
    }
    if significant.is_empty() {
        return Some(0);
    }
    if scale < 0 || significant.len() as i64 + scale > 19 {
        return None;
    }
    let mut n: i128 = 0;
    for d in significant {
        n = n * 10 + i128::from(d - b'0');
    }
    for _ in 0..scale {
        n *= 10;
    }
    let n = if negative { -n } else { n };
    i64::try_from(n).ok()
}

/// A number's text as the nearest float this simple method finds: at most
/// 19 significant digits, scaled by powers of ten (exact up to 10^22).
fn approximate(text: &str) -> f64 {
    let (negative, int, fraction, exponent) = parts(text);
    let mut mantissa: u64 = 0;
    let mut scale = exponent.saturating_sub(fraction.len() as i64);
    let mut taken = 0;
    for d in int
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|d| *d == b'0')
    {
        if taken < 19 {
            mantissa = mantissa * 10 + u64::from(d - b'0');
            taken += 1;
        } else {
            scale = scale.saturating_add(1);
        }
    }
    let mut value = mantissa as f64;
    let mut rest = scale.clamp(-400, 400);
    while rest != 0 {
        let step = rest.clamp(-22, 22);
        let power = (0..step.abs()).fold(1.0, |p, _| p * 10.0);
        value = if step > 0 {
            value * power
        } else {
            value / power
        };
        rest -= step;
    }
    if negative {
        -value
    } else {
        value
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Int(n)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<Object> for Json {
    fn from(o: Object) -> Json {
        Json::Object(o)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

impl Object {
    pub fn new() -> Object {
        Object::default()
    }

    pub fn with_capacity(n: usize) -> Object {
        Object {
            fields: Vec::with_capacity(n),
        }
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.fields
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`: in its place if present, else last.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        let key = key.into();
        let value = value.into();
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.fields.push((key, value)),
        }
    }

    /// Appends a field the caller knows is not there yet (building a value
    /// field by field, or parsing after the repeated-key check).
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<Json>) {
        self.fields.push((key.into(), value.into()));
    }

    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let at = self.fields.iter().position(|(k, _)| k == key)?;
        Some(self.fields.remove(at).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl Iterator<Item = &Json> {
        self.fields.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Json> {
        self.fields.iter_mut().map(|(_, v)| v)
    }
}

impl IntoIterator for Object {
    type Item = (String, Json);
    type IntoIter = std::vec::IntoIter<(String, Json)>;
    fn into_iter(self) -> Self::IntoIter {
        self.fields.into_iter()
    }
}

impl FromIterator<(String, Json)> for Object {
    /// Later duplicates replace earlier ones, in the earlier one's place.
    fn from_iter<I: IntoIterator<Item = (String, Json)>>(iter: I) -> Object {
        let mut o = Object::new();
        for (k, v) in iter {
            o.insert(k, v);
        }
        o
    }
}
