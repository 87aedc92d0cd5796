//! Import errors: where in the file (a JSON path) and what is wrong, in every language.
//!
//! Every problem is an [`ImportErrorKind`], so the message the user reads
//! comes from the catalogs (`core/i18n/<lang>/format.txt`) and is Swedish
//! when the UI is.

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
    /// Kept for messages that cannot name a kind (shown as "a valid value").
    Unknown,
}

impl JsonKind {
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
                &[("size", &megabytes(*bytes)), ("max", &megabytes(*max))],
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

fn megabytes(bytes: usize) -> String {
    // One decimal is enough to see "5.0 MB" against "12.3 MB".
    crate::decimal::fixed(bytes as f64 / 1_000_000.0, 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_short_and_inert() {
        let hostile = format!("\u{202E}evil\u{0007}{}", "x".repeat(100));
        let q = quote_fragment(&hostile);
        assert!(q.starts_with("\u{FFFD}evil\u{FFFD}"));
        assert_eq!(q.chars().count(), FRAGMENT_CHARS + 1);
    }
}
