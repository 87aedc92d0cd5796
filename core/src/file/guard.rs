//! The guards import runs before anything trusts the input: size, nesting
//! depth, duplicate keys, list lengths, text lengths and forbidden characters.
//!
//! They run on bytes or on the JSON tree, before the typed reading
//! (`codec.rs`), so a hostile file is refused in time linear in its size and
//! without deep recursion.

use super::error::{quote_fragment, ImportError, ImportErrorKind};
use super::limits::*;
use crate::json::Json;

/// Text-direction controls that can make a name display as something else:
/// embeddings and overrides (U+202A–202E) and isolates (U+2066–2069).
/// The plain marks LRM/RLM/ALM are harmless and allowed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Counts bracket nesting in the raw text, skipping strings, and refuses
/// anything deeper than [`MAX_DEPTH`]. Runs before the parser, so a
/// 10,000-deep file is refused with its line whatever else is wrong in it.
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
pub(crate) fn check_value_depth(value: &Json) -> Result<(), ImportError> {
    let mut stack: Vec<(&Json, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Json>> = match v {
            Json::Array(a) => Box::new(a.iter()),
            Json::Object(o) => Box::new(o.values()),
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
pub(crate) fn whole_floats_to_integers(value: &mut Json) {
    // Beyond 2^53 a float no longer holds every whole number exactly.
    const EXACT: u64 = 1 << 53;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Json::Float(_) => {
                if let Some(n) = v.as_whole().filter(|n| n.unsigned_abs() <= EXACT) {
                    *v = Json::Int(n);
                }
            }
            Json::Array(items) => stack.extend(items.iter_mut()),
            Json::Object(fields) => stack.extend(fields.values_mut()),
            _ => {}
        }
    }
}

/// Drops a value of any depth without recursion.
pub(crate) fn drop_iteratively(value: Json) {
    let mut rest = vec![value];
    while let Some(v) = rest.pop() {
        match v {
            Json::Array(items) => rest.extend(items),
            Json::Object(fields) => rest.extend(fields.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Fields shown on one line (the map, lists, signature lines): short, and
/// without line breaks or text-direction controls.
fn is_single_line(key: &str) -> bool {
    matches!(key, "title" | "name" | "role" | "phone")
}

/// Walks the document (already migrated to the current version): every list
/// within its limit, every text within its length and free of forbidden
/// characters. Paths are JSON paths like `people[3].name`.
pub(crate) fn check_tree(root: &Json) -> Result<(), ImportError> {
    let mut path = String::new();
    walk(root, None, &mut path, 0)
}

pub(crate) fn walk(
    v: &Json,
    key: Option<&str>,
    path: &mut String,
    depth: usize,
) -> Result<(), ImportError> {
    let err = |path: &str, kind| Err(ImportError::new(path, kind));
    match v {
        Json::Str(s) => {
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
        Json::Array(items) => {
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
                if depth == 1 && key == Some("snapshots") {
                    check_snapshot_value(item, path)?;
                } else {
                    walk(item, key, path, depth + 1)?;
                }
                path.truncate(len);
            }
        }
        Json::Object(fields) => {
            for (k, item) in fields.iter() {
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
/// itself; that is refused here, before the typed reading recurses into it.
pub(crate) fn check_snapshot_value(v: &Json, path: &str) -> Result<(), ImportError> {
    let mut path = path.to_string();
    let Json::Object(fields) = v else {
        // Not an object: the typed check says what was expected.
        return walk(v, Some("snapshots"), &mut path, 2);
    };
    for (k, item) in fields.iter() {
        let len = path.len();
        path.push('.');
        path.push_str(&quote_fragment(k));
        match (k, item) {
            ("plan", Json::Object(plan)) => {
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
            _ => walk(item, Some(k), &mut path, 3)?,
        }
        path.truncate(len);
    }
    Ok(())
}

/// The names of people and children by position, to say whom an error is about.
pub(crate) struct Names {
    people: Vec<Option<String>>,
    children: Vec<Option<String>>,
}

impl Names {
    pub(crate) fn of(doc: &Json) -> Names {
        let names = |key: &str| -> Vec<Option<String>> {
            doc.get(key)
                .and_then(Json::as_array)
                .map(|items| {
                    items
                        .iter()
                        .map(|p| {
                            p.get("name")
                                .and_then(Json::as_str)
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
