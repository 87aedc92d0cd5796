//! File versions: reading the envelope and migrating older documents step by
//! step to the current [`SCHEMA_VERSION`].
//!
//! Each migration is a function from version `n` to `n + 1` on the raw JSON
//! tree (not on Rust types, which only exist for the current version), in the
//! manner of tldraw's store migrations. A file of version `k` runs every step
//! from `k` on, so a migration is written once and never changes afterwards.
//! A file from a newer Skyddsnät is refused: an old reader cannot know what
//! the new fields mean, and dropping them silently would lose data.

use super::error::{quote_fragment, ImportError, ImportErrorKind};
use serde_json::{Map, Value};

/// The value of `"format"` in every Skyddsnät file.
pub const FORMAT: &str = "skyddsnat";

/// The version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 2;

/// One migration: the document of version `n` becomes version `n + 1`.
type Migration = fn(&mut Map<String, Value>) -> Result<(), ImportError>;

/// `MIGRATIONS[n]` turns version `n` into version `n + 1`.
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize] = [v0_to_v1, v1_to_v2];

/// Checks the envelope (`format`, version), migrates the document to the
/// current version and returns the plan's fields without the envelope.
pub(crate) fn upgrade(root: Value) -> Result<Map<String, Value>, ImportError> {
    let Value::Object(mut doc) = root else {
        return Err(ImportError::whole(ImportErrorKind::NotAnObject));
    };
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        found => {
            return Err(ImportError::new(
                if found.is_some() { "format" } else { "" },
                ImportErrorKind::NotSkyddsnat {
                    found: found.map(|v| quote_fragment(v.as_str().map_or(&shown(v), |s| s))),
                },
            ))
        }
    }
    let version = version_of(&doc)?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ImportError::new(
            "schema_version",
            ImportErrorKind::NewerVersion {
                found: version,
                supported: SCHEMA_VERSION,
            },
        ));
    }
    doc.shift_remove("format");
    doc.shift_remove("schema_version");
    // `version` is at most SCHEMA_VERSION here, so the index is in range.
    for step in MIGRATIONS.iter().skip(version as usize) {
        step(&mut doc)?;
    }
    Ok(doc)
}

/// The document's version: `schema_version` since version 1; before that,
/// pre-release files carried `"version": "0.x"` as a string.
fn version_of(doc: &Map<String, Value>) -> Result<u64, ImportError> {
    match doc.get("schema_version") {
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
            ImportError::new(
                "schema_version",
                ImportErrorKind::BadVersion {
                    found: quote_fragment(&n.to_string()),
                },
            )
        }),
        Some(other) => Err(ImportError::new(
            "schema_version",
            ImportErrorKind::BadVersion {
                found: quote_fragment(&shown(other)),
            },
        )),
        None => match doc.get("version") {
            Some(Value::String(v)) if v.starts_with("0.") => Ok(0),
            _ => Err(ImportError::whole(ImportErrorKind::NoVersion)),
        },
    }
}

/// A value as the file writes it (a text in quotes, so "1" differs from 1).
fn shown(v: &Value) -> String {
    v.to_string()
}

/// Version 0 (the 0.9 pre-release, never published as a schema) differs from 1:
/// - the marker was `"version": "0.9"` instead of `"schema_version"`;
/// - a person's `ring` and `sector` sat on the person itself; version 1 groups
///   them in `place` with a position inside the cell (`along`, `depth`),
///   which version 0 did not have: people start in the middle of their cell;
/// - the check-in log was called `checkins`.
fn v0_to_v1(doc: &mut Map<String, Value>) -> Result<(), ImportError> {
    doc.shift_remove("version");
    if let Some(log) = doc.shift_remove("checkins") {
        if doc.contains_key("check_ins") {
            return Err(ImportError::new(
                "checkins",
                ImportErrorKind::DuplicateKey {
                    key: "check_ins".into(),
                    line: 0,
                },
            ));
        }
        doc.insert("check_ins".into(), log);
    }
    if let Some(Value::Array(people)) = doc.get_mut("people") {
        for person in people.iter_mut() {
            let Value::Object(p) = person else { continue };
            if p.contains_key("place") {
                continue;
            }
            let ring = p.shift_remove("ring");
            let sector = p.shift_remove("sector");
            if ring.is_none() && sector.is_none() {
                // Leave it to the typed check to say `place` is missing.
                continue;
            }
            let mut place = Map::new();
            // A missing part stays missing, so the error names place.ring or place.sector.
            if let Some(r) = ring {
                place.insert("ring".into(), r);
            }
            if let Some(s) = sector {
                place.insert("sector".into(), s);
            }
            place.insert("along".into(), Value::from(500));
            place.insert("depth".into(), Value::from(500));
            p.insert("place".into(), Value::Object(place));
        }
    }
    Ok(())
}

/// Version 2 adds `snapshots`: the plan as it stood at each closed meeting,
/// so the history travels with the file. A version 1 plan is a version 2
/// plan with no closed meetings, so nothing moves. Version 1 had no such
/// field: a version 1 file that holds one is refused as a version 1 reader
/// would have refused it, rather than trusted as history.
fn v1_to_v2(doc: &mut Map<String, Value>) -> Result<(), ImportError> {
    if doc.contains_key("snapshots") {
        return Err(ImportError::new(
            "snapshots",
            ImportErrorKind::UnknownField {
                field: "snapshots".into(),
            },
        ));
    }
    Ok(())
}
