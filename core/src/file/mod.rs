//! The file format: JSON export and hostile-input-safe import, with migrations.
//!
//! A file is one JSON object: `"format": "skyddsnat"` and `"schema_version"`
//! first, then the plan's fields in a fixed order (see
//! `schema/skyddsnat.schema.json`). Export is deterministic, so export →
//! import → export gives the same bytes.
//!
//! Import never trusts its input. In order, it checks:
//! 1. size ([`limits::MAX_BYTES`]) and nesting depth ([`limits::MAX_DEPTH`]),
//!    on the raw bytes, before the parser recurses;
//! 2. JSON syntax, with no key repeated inside one object;
//! 3. `format` and `schema_version`: newer versions are refused, older ones
//!    migrated step by step (`migrate.rs`);
//! 4. list lengths, text lengths and forbidden characters (`guard.rs`);
//! 5. types, unknown fields and value ranges (serde, with the JSON path);
//! 6. ids and references ([`Plan::check_integrity`]).
//!
//! Every error is an [`ImportError`]: a JSON path and a kind, worded in
//! Swedish or English by [`ImportError::message`].
//!
//! Import returns a new [`Plan`] and never takes the caller's plan, so a
//! failed import cannot change the plan that is open: the caller replaces its
//! plan only on `Ok`. [`from_value`] does the same for a JSON value (the JS
//! API), and [`from_slice`] for raw bytes.
//!
//! ## Closed meetings (schema version 2)
//! Since version 2 a file may end in `"snapshots"`: the plan as it stood at
//! each closed meeting (`{"meeting", "date", "plan"}`, in meeting date order,
//! one per meeting, at most [`limits::MAX_SNAPSHOTS`]), so the history of a
//! case travels with its file. The list is left out while no meeting has
//! been closed, so a version 1 plan and a version 2 plan without closed
//! meetings differ only in the version number; version 1 files migrate by
//! changing nothing, and one that holds `"snapshots"` is refused as version 1
//! always refused unknown fields. A snapshot is not trusted because it is
//! old: its `plan` passes every check of a whole file's plan (list limits
//! counted from that plan, texts, types, ids and references; errors name
//! paths such as `snapshots[0].plan.people[2].name`), it must hold its own
//! meeting on the snapshot's date, and it may not hold snapshots itself;
//! that is refused on the raw tree, before serde could recurse into it.
//! [`limits::MAX_BYTES`] and [`limits::MAX_DEPTH`] count the whole file,
//! history included (a snapshot adds 3 levels), and closing a meeting is
//! refused when the file would pass the size limit.
//!
//! ## What counts as a hostile text
//! - Names, roles, phone numbers and the title are shown on one line (map
//!   labels, lists, signature lines): at most [`limits::MAX_NAME_CHARS`]
//!   characters, no control characters at all, and no text-direction
//!   controls (U+202A–202E, U+2066–2069), which could make "Ali" display as
//!   another name. These are refused, not silently removed, so what the
//!   family signed is what the file says.
//! - Longer texts (notes, agreements, the child's words) may hold line
//!   breaks and tabs, and text-direction controls (real Arabic or Persian
//!   text can carry them); other control characters are refused. Renderers
//!   must isolate each such text (`dir="auto"`, `<bdi>`, `unicode-bidi:
//!   isolate`), so a control cannot leak into the text around it.
//! - Edits do not enforce these limits: callers that let people type run
//!   [`check_plan`] before saving, so they never write a file that will not
//!   open again.
//! - Markup and script (`<script>`, `javascript:`) import as the inert
//!   text they are: escaping is every renderer's job, and refusing them would
//!   only hide the renderer bugs the hostile corpus is there to find.

mod anonymous;
mod error;
mod guard;
mod migrate;
mod path;
pub mod seal;

pub use anonymous::anonymous;
pub use error::{quote_fragment, ImportError, ImportErrorKind, JsonKind};
pub use guard::is_bidi_control;
pub use migrate::{FORMAT, SCHEMA_VERSION};

use crate::document::plan::Plan;
use serde::Serialize;
use serde_json::Value;

/// The limits import enforces. A real family plan is far below all of them
/// (the sample family is 30 kB, 7 levels deep, 15 people).
pub mod limits {
    /// Largest file, in bytes (5 MB).
    pub const MAX_BYTES: usize = 5_000_000;
    /// Deepest nesting of arrays and objects (a plan needs 7).
    pub const MAX_DEPTH: usize = 32;
    /// Most people in the network.
    pub const MAX_PEOPLE: usize = 2_000;
    /// Most children in one plan.
    pub const MAX_CHILDREN: usize = 100;
    /// Most items in any other list (check-ins, answers…).
    pub const MAX_ITEMS: usize = 10_000;
    /// Longest name, role, phone number or title, in characters.
    pub const MAX_NAME_CHARS: usize = 200;
    /// Longest other text, in characters.
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// Most closed meetings kept as snapshots (two years of fortnightly
    /// meetings is 52). Each is a whole plan, so [`MAX_BYTES`] usually
    /// binds first.
    pub const MAX_SNAPSHOTS: usize = 100;
}

/// The file's top level: the envelope, then the plan's own fields.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    schema_version: u32,
    #[serde(flatten)]
    plan: &'a Plan,
}

fn document(plan: &Plan) -> Document<'_> {
    Document {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        plan,
    }
}

/// The plan as a file: pretty JSON, two-space indent, ending in a newline.
/// Deterministic: the same plan always gives the same bytes.
pub fn to_json(plan: &Plan) -> String {
    // Through the JSON value (which keeps key order: `preserve_order`), so
    // the file types are serialised by one serializer only, the value's: the
    // wasm then holds one copy of every type's serialising code, not two
    // (measured: see ARCHITECTURE.md). Writing a value cannot fail.
    let mut out = serde_json::to_string_pretty(&to_value(plan))
        .unwrap_or_else(|e| unreachable!("a value always writes: {e}"));
    out.push('\n');
    out
}

/// The plan as a JSON value with the envelope (for the JS API).
pub fn to_value(plan: &Plan) -> Value {
    serde_json::to_value(document(plan))
        .unwrap_or_else(|e| unreachable!("a plan always serialises: {e}"))
}

/// Reads a plan from the text of a file. See the module docs for every check.
pub fn from_json(text: &str) -> Result<Plan, ImportError> {
    if text.len() > limits::MAX_BYTES {
        return Err(ImportError::whole(ImportErrorKind::TooLarge {
            bytes: text.len(),
            max: limits::MAX_BYTES,
        }));
    }
    guard::check_depth(text)?;
    // A byte-order mark is what some Windows editors put first; it is not data.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let guard::StrictValue(root) = serde_json::from_str(text).map_err(|e| parse_error(e, text))?;
    from_checked_value(root)
}

/// Reads a plan from the bytes of a file (which must be UTF-8).
pub fn from_slice(bytes: &[u8]) -> Result<Plan, ImportError> {
    if bytes.len() > limits::MAX_BYTES {
        return Err(ImportError::whole(ImportErrorKind::TooLarge {
            bytes: bytes.len(),
            max: limits::MAX_BYTES,
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => from_json(text),
        Err(e) => {
            // Where the first byte that is not UTF-8 sits, as the parser would say.
            let valid = &bytes[..e.valid_up_to()];
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            Err(ImportError::whole(ImportErrorKind::Syntax {
                line: valid.iter().filter(|b| **b == b'\n').count() + 1,
                column: valid.len() - line_start + 1,
            }))
        }
    }
}

/// Reads a plan from a JSON value (e.g. an object handed over by the JS
/// API), with the checks of [`from_json`] except the byte size, which such a
/// value does not have; its depth is checked without recursion.
///
/// One difference: JavaScript has no integer type, so a whole number that
/// arrives as a float (`3.0`) counts as the integer 3 here, while a file
/// saying `3.0` where an integer belongs is refused.
pub fn from_value(mut value: Value) -> Result<Plan, ImportError> {
    if let Err(e) = guard::check_value_depth(&value) {
        // serde_json drops a value recursively: take a too-deep one apart
        // by hand, or refusing it would overflow the stack anyway.
        guard::drop_iteratively(value);
        return Err(e);
    }
    guard::whole_floats_to_integers(&mut value);
    from_checked_value(value)
}

/// The import rules for texts and list sizes, applied to one item about to
/// enter a plan by an edit (`path` is where it will sit, e.g. `people[3]`).
/// Edits and import share these rules, so a plan that can be edited can
/// always be saved and opened again.
pub(crate) fn check_item<T: Serialize>(item: &T, path: &str) -> Result<(), ImportError> {
    let value = item_value(item, path)?;
    let mut path = path.to_string();
    guard::walk(&value, None, &mut path, 2)
}

/// An item about to enter a plan, as the JSON tree the import checks walk.
fn item_value<T: Serialize>(item: &T, path: &str) -> Result<Value, ImportError> {
    serde_json::to_value(item).map_err(|e| ImportError::new(path, error::classify(&e.to_string())))
}

/// The import rules for texts and list sizes, applied to a snapshot about
/// to enter a plan as `snapshots[index]`: its plan is checked as a whole
/// plan is on import.
pub(crate) fn check_snapshot_item(
    snapshot: &crate::analysis::review::Snapshot,
    index: usize,
) -> Result<(), ImportError> {
    let path = format!("snapshots[{index}]");
    guard::check_snapshot_value(&item_value(snapshot, &path)?, &path)
}

/// The largest number of items a top-level collection may hold in a file.
pub(crate) fn max_items(field: &str) -> usize {
    match field {
        "people" => limits::MAX_PEOPLE,
        "children" => limits::MAX_CHILDREN,
        "snapshots" => limits::MAX_SNAPSHOTS,
        _ => limits::MAX_ITEMS,
    }
}

/// Whether import would accept `plan` once saved: the same checks, run on
/// the plan in memory. Edits enforce the same text and size rules
/// ([`check_item`]), so this holds for any plan built by edits; it is a
/// last guard before writing a file.
pub fn check_plan(plan: &Plan) -> Result<(), ImportError> {
    from_checked_value(to_value(plan)).map(|_| ())
}

fn from_checked_value(root: Value) -> Result<Plan, ImportError> {
    let doc = Value::Object(migrate::upgrade(root)?);
    guard::check_tree(&doc)?;
    // Names are checked by now, so they may be quoted in later messages.
    let names = guard::Names::of(&doc);
    // Read from the compact text, not the value: serde_json's text reader
    // says where it stopped, and `path.rs` turns that into a JSON path.
    let text = doc.to_string();
    drop(doc);
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        let at = path::offset(&text, e.line(), e.column());
        let kind = match error::classify(msg) {
            // The text reader's word for a value an enum cannot be (null, a
            // number, a list): the value reader said "invalid type".
            ImportErrorKind::Other { .. } if msg == "expected value" => {
                ImportErrorKind::WrongType {
                    found: path::kind_at(&text, at),
                    shown: String::new(),
                    expected: JsonKind::Text,
                }
            }
            kind => kind,
        };
        let missing = matches!(kind, ImportErrorKind::MissingField { .. });
        names.attach(ImportError::new(path::path_at(&text, at, missing), kind))
    })?;
    plan.check_integrity()
        .map_err(|(path, e)| names.attach(ImportError::new(path, ImportErrorKind::Integrity(e))))?;
    Ok(plan)
}

/// serde_json's message for a number beyond `f64` (`1e400`), which it
/// counts as a syntax error.
const NUMBER_OUT_OF_RANGE: &str = "number out of range";

/// The JSON path where parsing `text` failed (empty at the top level), from
/// where serde_json stopped; only called once a parse has failed, so the
/// parse of every good file pays nothing for it.
fn path_of_parse_error(e: &serde_json::Error, text: &str) -> String {
    path::path_at(text, path::offset(text, e.line(), e.column()), false)
}

/// Turns a parse error of the raw text into an [`ImportError`].
fn parse_error(e: serde_json::Error, text: &str) -> ImportError {
    use serde_json::error::Category;
    if e.to_string().starts_with(NUMBER_OUT_OF_RANGE) {
        // Say what and where, not "not valid JSON": the file is JSON, one
        // number in it is beyond what JSON readers hold.
        return ImportError::new(
            path_of_parse_error(&e, text),
            ImportErrorKind::NumberTooLarge,
        );
    }
    let (line, column) = (e.line(), e.column());
    let kind = match e.classify() {
        Category::Eof => ImportErrorKind::Truncated { line },
        Category::Data => {
            // Our own messages from the strict parser; serde_json appends
            // " at line L column C", which the kind carries separately.
            let msg = e.to_string();
            if let Some(rest) = msg.split_once(guard::DUPLICATE_KEY).map(|(_, r)| r) {
                let key = rest.rsplit_once(" at line ").map_or(rest, |(k, _)| k);
                ImportErrorKind::DuplicateKey {
                    key: quote_fragment(key),
                    line,
                }
            } else if msg.contains(guard::TOO_MANY_WHILE_PARSING) {
                ImportErrorKind::ListTooLong {
                    max: limits::MAX_ITEMS,
                    line,
                }
            } else {
                ImportErrorKind::Syntax { line, column }
            }
        }
        Category::Syntax | Category::Io => ImportErrorKind::Syntax { line, column },
    };
    ImportError::whole(kind)
}
