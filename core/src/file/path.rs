//! Where in a JSON text serde_json stopped, said as a JSON path
//! (`people[3].place.ring`), for import errors.
//!
//! serde_json reports a line and a column; the user needs to know which
//! field of which person. The text up to that place is scanned once, keeping
//! the stack of objects (with the member being read) and arrays (with the
//! element's index); nothing is parsed into values. This replaces
//! `serde_path_to_error`, whose wrapping of every visitor was some 15 KB of
//! the offline file's budget. It runs only after a failure.

/// The byte offset of serde_json's `line` and `column` (both from 1; the
/// column counts bytes, and names the last byte it read) in `text`.
pub(crate) fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len().saturating_sub(1))
}

enum Frame {
    Object {
        /// The member being read (the last key seen).
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The JSON path of the value at byte `at` of `text`. With `container`, the
/// object or array around it instead: serde says "missing field" where an
/// object ends, and the object is what lacks it. Empty at the top level.
pub(crate) fn path_at(text: &str, at: usize, container: bool) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut in_string, mut escaped, mut is_key) = (false, false, false);
    let mut key = Vec::new();
    for (i, &b) in bytes.iter().enumerate().take(at.saturating_add(1)) {
        if in_string {
            if escaped {
                escaped = false;
                key.push(b);
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                if let (true, Some(Frame::Object { key: k, .. })) = (is_key, stack.last_mut()) {
                    *k = Some(String::from_utf8_lossy(&key).into_owned());
                }
            } else if is_key {
                key.push(b);
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        expecting_key: true,
                        ..
                    })
                );
                key.clear();
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            // A closer at `at` itself is still inside what it closes.
            b'}' | b']' if i < at => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            _ => {}
        }
    }
    let keep = if container {
        stack.len().saturating_sub(1)
    } else {
        stack.len()
    };
    let mut path = String::new();
    for frame in &stack[..keep] {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The kind of the JSON value that ends at byte `at` (where serde_json
/// stopped reading it), for errors that do not name it.
pub(crate) fn kind_at(text: &str, at: usize) -> super::JsonKind {
    use super::JsonKind as K;
    let before = &text.as_bytes()[..(at + 1).min(text.len())];
    // The value's first byte: back over its own bytes to the `:`, `,` or `[` before it.
    let start = before
        .iter()
        .rposition(|b| matches!(b, b':' | b',' | b'['))
        .map_or(0, |i| i + 1);
    match before.get(start) {
        Some(b'n') => K::Null,
        Some(b't' | b'f') => K::Boolean,
        Some(b'[') => K::List,
        Some(b'{') => K::Object,
        Some(b'"') => K::Text,
        Some(b'-' | b'0'..=b'9') => K::Number,
        _ => K::Unknown,
    }
}
