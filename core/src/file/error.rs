//! Import errors: where in the file (a JSON path) and what is wrong, in every language.
//!
//! serde reports problems as English sentences. They are classified here into
//! [`ImportErrorKind`] so that the message the user reads comes from the
//! catalogs (`core/i18n/<lang>/format.txt`) and is Swedish when the UI is.

use crate::document::edit::EditError;
use crate::i18n::{tr, trf, Lang};

/// Why a file could not be opened, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    /// The JSON path of the problem, e.g. `people[3].place.ring`; empty when
    /// the problem is the file as a whole (too large, not JSON…).
    pub path: String,
    pub kind: ImportErrorKind,
    /// The name of the person or child the path is inside, when the file
    /// gives one (`people[3]` is "Mikael"), so the user knows whom to fix.
    pub who: Option<String>,
}

/// What is wrong. Text fragments taken from the file (`found`, `field`…) are
/// already shortened and made inert (see [`quote_fragment`]).
#[derive(Clone, Debug, PartialEq)]
pub enum ImportErrorKind {
    /// The file is larger than [`super::limits::MAX_BYTES`].
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// Arrays and objects nested deeper than [`super::limits::MAX_DEPTH`].
    TooDeep {
        max: usize,
        line: usize,
    },
    /// Not JSON at all, or broken JSON.
    Syntax {
        line: usize,
        column: usize,
    },
    /// The JSON stops in the middle (a cut-off save).
    Truncated {
        line: usize,
    },
    /// The same key twice in one object: readers would disagree on which wins.
    /// `line` is 0 when the problem was found after parsing.
    DuplicateKey {
        key: String,
        line: usize,
    },
    /// The top of the file is not a JSON object.
    NotAnObject,
    /// `"format"` is missing or is not `"skyddsnat"`.
    NotSkyddsnat {
        found: Option<String>,
    },
    /// Neither `"schema_version"` nor an old `"version"` marker.
    NoVersion,
    /// `"schema_version"` is not a whole number.
    BadVersion {
        found: String,
    },
    /// Made by a newer Skyddsnät than this one.
    NewerVersion {
        found: u64,
        supported: u32,
    },
    /// A list longer than its limit.
    TooMany {
        count: usize,
        max: usize,
    },
    /// A list longer than any limit, found while parsing (before paths exist).
    ListTooLong {
        max: usize,
        line: usize,
    },
    /// A text longer than its limit (in characters).
    TextTooLong {
        chars: usize,
        max: usize,
    },
    /// A control character (other than tab and line breaks in longer texts).
    ControlChar {
        code: u32,
    },
    /// A text-direction control in a name, where it could disguise the name.
    BidiChar {
        code: u32,
    },
    UnknownField {
        field: String,
    },
    MissingField {
        field: String,
    },
    /// A value not in the allowed list (e.g. an unknown sector).
    UnknownValue {
        found: String,
        allowed: String,
    },
    /// A value of the wrong JSON type.
    WrongType {
        found: JsonKind,
        shown: String,
        expected: JsonKind,
    },
    /// A number larger than JSON can hold (`1e400`; from JavaScript,
    /// `Infinity`, which `JSON.stringify` would otherwise turn into null).
    NumberTooLarge,
    /// A number outside its range (ring 1–3, age 0–17…).
    OutOfRange {
        found: String,
        min: i64,
        max: i64,
    },
    BadDate,
    BadTime,
    /// Ids, references and item rules (from [`crate::Plan::check_integrity`]).
    Integrity(EditError),
    /// Anything serde reports that is not classified above (kept verbatim, English).
    Other {
        detail: String,
    },
}

/// The kinds of JSON value, for "found a text, expected a whole number".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Boolean,
    WholeNumber,
    Number,
    Text,
    List,
    Object,
    /// serde's expectation could not be classified (shown as "a valid value").
    Unknown,
}

impl JsonKind {
    /// The kind of a JSON value.
    pub(crate) fn of(v: &serde_json::Value) -> JsonKind {
        use serde_json::Value;
        match v {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Boolean,
            Value::Number(n) if n.is_u64() || n.is_i64() => JsonKind::WholeNumber,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::Text,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn key(self) -> &'static str {
        match self {
            JsonKind::Null => "format.json.null",
            JsonKind::Boolean => "format.json.boolean",
            JsonKind::WholeNumber => "format.json.whole_number",
            JsonKind::Number => "format.json.number",
            JsonKind::Text => "format.json.text",
            JsonKind::List => "format.json.list",
            JsonKind::Object => "format.json.object",
            JsonKind::Unknown => "format.json.unknown",
        }
    }
}

impl ImportError {
    pub fn new(path: impl Into<String>, kind: ImportErrorKind) -> ImportError {
        ImportError {
            path: path.into(),
            kind,
            who: None,
        }
    }

    /// A problem with the file as a whole.
    pub fn whole(kind: ImportErrorKind) -> ImportError {
        ImportError::new(String::new(), kind)
    }

    /// The same error found inside `prefix` (`snapshots[0].plan`).
    pub(crate) fn within(mut self, prefix: &str) -> ImportError {
        self.path = if self.path.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }

    /// The full sentence for the user: where, then what.
    pub fn message(&self, lang: Lang) -> String {
        let what = self.describe(lang);
        match (&self.who, self.path.is_empty()) {
            (_, true) => what,
            (Some(who), false) => trf(
                lang,
                "format.at_who",
                &[("path", &self.path), ("who", who), ("message", &what)],
            ),
            (None, false) => trf(
                lang,
                "format.at",
                &[("path", &self.path), ("message", &what)],
            ),
        }
    }

    /// What is wrong, without where.
    pub fn describe(&self, lang: Lang) -> String {
        use ImportErrorKind as K;
        let n = |v: &dyn std::fmt::Display| v.to_string();
        match &self.kind {
            K::TooLarge { bytes, max } => trf(
                lang,
                "format.too_large",
                &[
                    ("size", &megabytes(*bytes, lang)),
                    ("max", &megabytes(*max, lang)),
                ],
            ),
            K::TooDeep { max, line: 0 } => trf(lang, "format.too_deep_value", &[("max", &n(max))]),
            K::TooDeep { max, line } => trf(
                lang,
                "format.too_deep",
                &[("max", &n(max)), ("line", &n(line))],
            ),
            K::Syntax { line, column } => trf(
                lang,
                "format.syntax",
                &[("line", &n(line)), ("column", &n(column))],
            ),
            K::Truncated { line } => trf(lang, "format.truncated", &[("line", &n(line))]),
            K::DuplicateKey { key, line: 0 } => trf(lang, "format.duplicate_key", &[("key", key)]),
            K::DuplicateKey { key, line } => trf(
                lang,
                "format.duplicate_key_line",
                &[("key", key), ("line", &n(line))],
            ),
            K::ListTooLong { max, line } => trf(
                lang,
                "format.list_too_long",
                &[("max", &n(max)), ("line", &n(line))],
            ),
            K::NotAnObject => tr(lang, "format.not_an_object").to_string(),
            K::NotSkyddsnat { found: None } => tr(lang, "format.no_format").to_string(),
            K::NotSkyddsnat { found: Some(f) } => {
                trf(lang, "format.not_skyddsnat", &[("found", f)])
            }
            K::NoVersion => tr(lang, "format.no_version").to_string(),
            K::BadVersion { found } => trf(lang, "format.bad_version", &[("found", found)]),
            K::NewerVersion { found, supported } => trf(
                lang,
                "format.newer_version",
                &[("found", &n(found)), ("supported", &n(supported))],
            ),
            K::TooMany { count, max } => trf(
                lang,
                "format.too_many",
                &[("count", &n(count)), ("max", &n(max))],
            ),
            K::TextTooLong { chars, max } => trf(
                lang,
                "format.text_too_long",
                &[("chars", &n(chars)), ("max", &n(max))],
            ),
            K::ControlChar { code } => {
                trf(lang, "format.control_char", &[("code", &codepoint(*code))])
            }
            K::BidiChar { code } => trf(lang, "format.bidi_char", &[("code", &codepoint(*code))]),
            K::UnknownField { field } => trf(lang, "format.unknown_field", &[("field", field)]),
            K::MissingField { field } => trf(lang, "format.missing_field", &[("field", field)]),
            K::UnknownValue { found, allowed } => trf(
                lang,
                "format.unknown_value",
                &[("found", found), ("allowed", allowed)],
            ),
            K::WrongType {
                found,
                shown,
                expected,
            } => {
                let found_word = tr(lang, found.key());
                let found = if shown.is_empty() {
                    found_word.to_string()
                } else {
                    format!("{found_word} ({shown})")
                };
                trf(
                    lang,
                    "format.wrong_type",
                    &[("found", &found), ("expected", tr(lang, expected.key()))],
                )
            }
            K::OutOfRange { found, min, max } => trf(
                lang,
                "format.out_of_range",
                &[("found", found), ("min", &n(min)), ("max", &n(max))],
            ),
            K::NumberTooLarge => tr(lang, "format.number_too_large").to_string(),
            K::BadDate => tr(lang, "format.bad_date").to_string(),
            K::BadTime => tr(lang, "format.bad_time").to_string(),
            K::Integrity(e) => e.message(lang),
            K::Other { detail } => trf(lang, "format.other", &[("detail", detail)]),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

fn megabytes(bytes: usize, lang: Lang) -> String {
    // One decimal is enough to see "5,0 MB" against "12,3 MB".
    crate::i18n::decimal(bytes as f64 / 1_000_000.0, 1, lang)
}

fn codepoint(code: u32) -> String {
    format!("U+{code:04X}")
}

/// Longest fragment of the file quoted back in a message.
const FRAGMENT_CHARS: usize = 40;

/// A piece of the file made safe to show in a message: at most 40 characters,
/// control and text-direction characters replaced by U+FFFD, so a hostile key
/// or value cannot flood or disguise the error text. (HTML escaping is still
/// the renderer's job: this is plain text.)
pub fn quote_fragment(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(FRAGMENT_CHARS)
        .map(|c| {
            if c.is_control() || super::guard::is_bidi_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    if s.chars().nth(FRAGMENT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Turns a serde error message (English, from serde's default messages or the
/// plan's own `try_from` checks) into a kind the catalogs can word.
pub(crate) fn classify(msg: &str) -> ImportErrorKind {
    use ImportErrorKind as K;
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        return K::UnknownField {
            field: quote_fragment(backticked(rest).unwrap_or(rest)),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return K::MissingField {
            field: quote_fragment(backticked(rest).unwrap_or(rest)),
        };
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return K::DuplicateKey {
            key: quote_fragment(backticked(rest).unwrap_or(rest)),
            line: 0,
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let found = backticked(rest).unwrap_or(rest);
        let allowed = rest
            .split_once("expected ")
            .map(|(_, a)| a.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        return K::UnknownValue {
            found: quote_fragment(found),
            allowed,
        };
    }
    if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let (found_kind, shown) = unexpected_kind(found);
        if found_kind == JsonKind::WholeNumber && expects_whole_number(expected) {
            // A whole number of the right type but too big or negative for it.
            let (min, max) = integer_range(expected);
            return K::OutOfRange {
                found: shown,
                min,
                max,
            };
        }
        return K::WrongType {
            found: found_kind,
            shown,
            expected: expected_kind(expected),
        };
    }
    if let Some((_, range)) = msg.split_once("must be ") {
        // The plan's own range checks: "ring must be 1–3, got 7".
        if let Some((bounds, got)) = range.split_once(", got ") {
            if let Some((lo, hi)) = bounds.split_once('–') {
                if let (Ok(min), Ok(max)) = (lo.trim().parse(), hi.trim().parse()) {
                    return K::OutOfRange {
                        found: quote_fragment(got.trim()),
                        min,
                        max,
                    };
                }
            }
        }
    }
    if msg.starts_with("expected a date") {
        return K::BadDate;
    }
    if msg.starts_with("expected a time of day") {
        return K::BadTime;
    }
    K::Other {
        detail: quote_fragment(msg),
    }
}

/// The text between the first pair of backticks.
fn backticked(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// serde's `Unexpected` display ("integer `5`", "string \"x\"", "map"…).
fn unexpected_kind(found: &str) -> (JsonKind, String) {
    let shown = |s: &str| quote_fragment(s.trim_matches(|c| c == '`' || c == '"'));
    if let Some(v) = found.strip_prefix("integer ") {
        (JsonKind::WholeNumber, shown(v))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        (JsonKind::Number, shown(v))
    } else if let Some(v) = found.strip_prefix("string ") {
        (JsonKind::Text, shown(v))
    } else if let Some(v) = found.strip_prefix("boolean ") {
        (JsonKind::Boolean, shown(v))
    } else if found.starts_with("unit") || found.starts_with("null") {
        (JsonKind::Null, String::new())
    } else if found.starts_with("sequence") {
        (JsonKind::List, String::new())
    } else if found.starts_with("map") {
        (JsonKind::Object, String::new())
    } else {
        (JsonKind::Unknown, quote_fragment(found))
    }
}

const INTEGER_TYPES: [(&str, i64, i64); 6] = [
    ("u8", 0, u8::MAX as i64),
    ("u16", 0, u16::MAX as i64),
    ("u32", 0, u32::MAX as i64),
    ("u64", 0, i64::MAX),
    ("i32", i32::MIN as i64, i32::MAX as i64),
    ("i64", i64::MIN, i64::MAX),
];

fn expects_whole_number(expected: &str) -> bool {
    INTEGER_TYPES.iter().any(|(t, _, _)| expected == *t)
}

fn integer_range(expected: &str) -> (i64, i64) {
    INTEGER_TYPES
        .iter()
        .find(|(t, _, _)| expected == *t)
        .map_or((i64::MIN, i64::MAX), |(_, lo, hi)| (*lo, *hi))
}

/// serde's `Expected` display ("u32", "a string", "struct Person"…).
fn expected_kind(expected: &str) -> JsonKind {
    let e = expected;
    if expects_whole_number(e) || e.contains("integer") {
        JsonKind::WholeNumber
    } else if e.contains("string")
        || e.contains("date")
        || e.contains("time")
        || e.contains("variant identifier")
    {
        JsonKind::Text
    } else if e.contains("bool") {
        JsonKind::Boolean
    } else if e.contains("sequence") {
        JsonKind::List
    } else if e.starts_with("struct") || e.contains("map") || e.starts_with("internally tagged") {
        JsonKind::Object
    } else {
        JsonKind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_serdes_messages() {
        assert_eq!(
            classify("unknown field `colour`, expected one of `id`, `name`"),
            ImportErrorKind::UnknownField {
                field: "colour".into()
            }
        );
        assert_eq!(
            classify("ring must be 1–3, got 7"),
            ImportErrorKind::OutOfRange {
                found: "7".into(),
                min: 1,
                max: 3
            }
        );
        assert_eq!(
            classify("invalid value: integer `-1`, expected u32"),
            ImportErrorKind::OutOfRange {
                found: "-1".into(),
                min: 0,
                max: u32::MAX as i64
            }
        );
        assert_eq!(
            classify("invalid type: string \"x\", expected u32"),
            ImportErrorKind::WrongType {
                found: JsonKind::Text,
                shown: "x".into(),
                expected: JsonKind::WholeNumber
            }
        );
    }

    #[test]
    fn fragments_are_short_and_inert() {
        let hostile = format!("\u{202E}evil\u{0007}{}", "x".repeat(100));
        let q = quote_fragment(&hostile);
        assert!(q.starts_with("\u{FFFD}evil\u{FFFD}"));
        assert_eq!(q.chars().count(), FRAGMENT_CHARS + 1);
    }
}
