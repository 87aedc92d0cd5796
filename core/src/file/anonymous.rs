//! Import errors without anything the file said: a privacy rule.
//!
//! When the unit counts many saved plans, a file that cannot be read is
//! reported by its position and what is wrong, never by what it holds: an
//! unknown key, an odd value or serde's own sentence could quote a child's
//! name. Only the format's own keys, numbers and the code's enum variants
//! survive; everything else becomes "…". The kind and the JSON path stay, so
//! the unit still learns that file 3 is no plan, or is cut off at line 40.

use super::{to_value, ImportError, ImportErrorKind};
use crate::document::sample::sample_plan;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What replaces a fragment of the file that could hold a name.
const HIDDEN: &str = "…";

/// Every key the file format writes, taken from the sample plan written out.
/// Only these words (and numbers) of an import error are shown: an unknown
/// key or an odd value could be anything, a child's name included.
fn format_keys() -> &'static HashSet<String> {
    static KEYS: OnceLock<HashSet<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = HashSet::new();
        let mut stack = vec![to_value(&sample_plan())];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        keys.insert(k);
                        stack.push(v);
                    }
                }
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        keys
    })
}

/// A number ("7", "-1", "2.5") cannot be a name.
fn is_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
}

fn shown(fragment: &str) -> String {
    if is_number(fragment) || format_keys().contains(fragment) {
        fragment.to_string()
    } else {
        HIDDEN.to_string()
    }
}

/// A JSON path with every segment that is not a format key or an index hidden.
fn shown_path(path: &str) -> String {
    path.split('.')
        .map(|segment| {
            let (name, index) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
            let name = if name.is_empty() || format_keys().contains(name) {
                name
            } else {
                HIDDEN
            };
            let index = if index
                .chars()
                .all(|c| c.is_ascii_digit() || c == '[' || c == ']')
            {
                index
            } else {
                HIDDEN
            };
            format!("{name}{index}")
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// serde's list of allowed values: enum variants, written in snake_case by
/// the code. Anything else means the file's own text got into the list.
fn shown_allowed(allowed: &str) -> String {
    let variants = allowed.split(", ").all(|v| {
        !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    if variants {
        allowed.to_string()
    } else {
        HIDDEN.to_string()
    }
}

/// The import error with everything quoted from the file hidden, unless it
/// is a key of the format or a number, and without the name of the person
/// the place is inside (`who`, which the open-a-plan message shows). The
/// kind and the place stay, so the unit still learns that file 3 is no
/// plan, or is cut off at line 40.
pub fn anonymous(e: &ImportError) -> ImportError {
    use ImportErrorKind as K;
    let kind = match &e.kind {
        K::DuplicateKey { key, line } => K::DuplicateKey {
            key: shown(key),
            line: *line,
        },
        K::NotSkyddsnat { found } => K::NotSkyddsnat {
            found: found.as_ref().map(|f| shown(f)),
        },
        K::BadVersion { found } => K::BadVersion {
            found: shown(found),
        },
        K::UnknownField { field } => K::UnknownField {
            field: shown(field),
        },
        K::MissingField { field } => K::MissingField {
            field: shown(field),
        },
        K::UnknownValue { found, allowed } => K::UnknownValue {
            found: shown(found),
            allowed: shown_allowed(allowed),
        },
        K::WrongType {
            found,
            shown: value,
            expected,
        } => K::WrongType {
            found: *found,
            shown: if value.is_empty() {
                String::new()
            } else {
                shown(value)
            },
            expected: *expected,
        },
        K::OutOfRange { found, min, max } => K::OutOfRange {
            found: shown(found),
            min: *min,
            max: *max,
        },
        // serde's own sentence may quote a value: keep none of it.
        K::Other { .. } => K::Other {
            detail: HIDDEN.to_string(),
        },
        // Sizes, lines, code points, and integrity errors (which speak of
        // numeric ids and the code's own field names) hold nothing from the file.
        other => other.clone(),
    };
    // A new error: `who` starts empty and stays so.
    ImportError::new(shown_path(&e.path), kind)
}
