//! The writers: the same bytes as serde_json's `to_string_pretty` and
//! `to_string` (files saved before must compare equal, and the format's
//! golden files pin the bytes).
//!
//! Plain functions writing into one `String`, no generic formatter: this
//! code is in the widget's wasm, whose size is budgeted.
//!
//! Floats are written as serde_json 1.0.154 wrote them (with the `zmij`
//! crate; `ryu` before it had the same layout but for the `+`):
//! `1700000000000.0`, `0.001`, `1e+16`, `1.5e-7`. The digits are the
//! shortest that read back as the same float, from the standard library's
//! `{:e}`, laid out by [`push_float`]. A non-finite float (which [`Json`]
//! never holds from parsing) is written `null`, as serde_json did.

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
        Json::Float(f) => push_float(out, *f),
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

/// A float in serde_json's layout: plain decimals while the number has at
/// most 16 digits before the point and 4 zeros after it (`123.0`,
/// `0.0001`), else scientific with a signed exponent (`1e+16`, `1.5e-7`);
/// always with a `.` or an `e`, so that it reads back as a float.
fn push_float(out: &mut String, f: f64) {
    if !f.is_finite() {
        out.push_str("null");
        return;
    }
    if f.is_sign_negative() {
        out.push('-');
    }
    if f == 0.0 {
        out.push_str("0.0");
        return;
    }
    // `{:e}` gives the shortest digits that read back as `f`:
    // "d.ddde-x" or "de+x" style ("1.5e-7", "1e16").
    let sci = format!("{:e}", f.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: isize = exponent.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if let Some(even) = even_of_tie(f.abs(), &digits) {
        digits = even;
    }
    let length = digits.len() as isize;
    // The number is 0.digits × 10^kk (ryu's and zmij's `kk`).
    let kk = exponent + 1;
    let k = kk - length;
    if 0 <= k && kk <= 16 {
        out.push_str(&digits);
        for _ in 0..k {
            out.push('0');
        }
        out.push_str(".0");
    } else if 0 < kk && kk <= 16 {
        let (int, frac) = digits.split_at(kk as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -5 < kk && kk <= 0 {
        out.push_str("0.");
        for _ in 0..-kk {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        if kk > 0 {
            out.push('+');
        }
        push_int(out, (kk - 1) as i64);
    }
}

/// When the float lies exactly halfway between two shortest decimals (it
/// is `…5` with one digit more, like 2198583958146942.25), the standard
/// library picks the upper one and serde_json the even one; returns the
/// even one's digits if `digits` is the odd one. A carry into a new digit
/// (`…9` + 1) cannot be a shortest form, so it is left alone.
fn even_of_tie(f: f64, digits: &str) -> Option<String> {
    if digits.bytes().last()?.is_multiple_of(2) {
        return None;
    }
    // The exact value of `f`, all its digits (a double has at most 767
    // significant ones), then zeros.
    let exact = format!("{f:.800e}");
    let (mantissa, _) = exact.split_once('e')?;
    let exact: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exact = exact.trim_end_matches('0');
    if exact.len() != digits.len() + 1 || !exact.ends_with('5') {
        return None;
    }
    let lower = &exact[..digits.len()];
    if lower != digits {
        // `digits` is the upper one: the lower one is even.
        return Some(lower.to_string());
    }
    // `digits` is the lower one: the even one is one more in the last digit.
    let mut upper = lower.as_bytes().to_vec();
    let last = upper.last_mut()?;
    if *last == b'9' {
        return None;
    }
    *last += 1;
    String::from_utf8(upper).ok()
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
