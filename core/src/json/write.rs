//! The writers: the same bytes as serde_json's `to_string_pretty` and
//! `to_string` (files saved before must compare equal, and the format's
//! golden files pin the bytes).
//!
//! Plain functions writing into one `String`, no generic formatter: this
//! code is in the widget's wasm, whose size is budgeted.
//!
//! A number that is not an integer ([`Json::Float`]) is written as its text,
//! exactly as it was read.

use super::Json;

/// The value as indented text: two spaces a level, `"key": value`, `[]`
/// and `{}` when empty, no newline at the end.
pub fn to_pretty(value: &Json) -> String {
    let mut out = String::with_capacity(256);
    write(&mut out, value, Some(0));
    out
}

/// The value as text without any whitespace.
pub fn to_compact(value: &Json) -> String {
    let mut out = String::with_capacity(256);
    write(&mut out, value, None);
    out
}

/// Writes `value`; `indent` is the nesting level when pretty, `None` when
/// compact.
fn write(out: &mut String, value: &Json, indent: Option<usize>) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Int(n) => push_int(out, *n),
        Json::Float(text) => out.push_str(text),
        Json::Str(s) => push_string(out, s),
        Json::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            let inner = indent.map(|level| level + 1);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_newline(out, inner);
                write(out, item, inner);
            }
            push_newline(out, indent);
            out.push(']');
        }
        Json::Object(object) => {
            if object.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            let inner = indent.map(|level| level + 1);
            for (i, (key, item)) in object.fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_newline(out, inner);
                push_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, item, inner);
            }
            push_newline(out, indent);
            out.push('}');
        }
    }
}

/// A line break and the indentation of `level` (nothing when compact).
fn push_newline(out: &mut String, level: Option<usize>) {
    const SPACES: &str = "                                ";
    if let Some(level) = level {
        out.push('\n');
        let mut width = level * 2;
        while width > 0 {
            let part = width.min(SPACES.len());
            out.push_str(&SPACES[..part]);
            width -= part;
        }
    }
}

fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Only ASCII digits were written, so this is always text.
    if let Ok(digits) = std::str::from_utf8(&digits[at..]) {
        out.push_str(digits);
    }
}

/// A string in quotes, escaped as serde_json escapes: `"` `\` and the
/// control characters (`\b \t \n \f \r` by name, the rest as `\u00xx`);
/// everything else, `/` and non-ASCII included, as it is.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    // Most strings (names, ids, dates) need no escape: one scan, one copy.
    let Some(first) = bytes
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
    else {
        out.push_str(s);
        out.push('"');
        return;
    };
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}
