//! File versions: reading the envelope and migrating older documents step by
//! step to the current [`SCHEMA_VERSION`].
//!
//! Each migration is a function from version `n` to `n + 1` on the raw JSON
//! tree (not on Rust types, which only exist for the current version), in the
//! manner of tldraw's store migrations. A file of version `k` runs every step
//! from `k` on, so a migration is written once and never changes afterwards.
//! A file from a newer Skyddsnät is refused: an old reader cannot know what
//! the new fields mean, and dropping them silently would lose data.

use super::error::{quote_fragment, ImportError, ImportErrorKind, JsonKind};
use serde_json::{Map, Value};

/// The value of `"format"` in every Skyddsnät file.
pub const FORMAT: &str = "skyddsnat";

/// The version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 4;

/// One migration: the document of version `n` becomes version `n + 1`.
type Migration = fn(&mut Map<String, Value>) -> Result<(), ImportError>;

/// `MIGRATIONS[n]` turns version `n` into version `n + 1`.
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize] = [v0_to_v1, v1_to_v2, v2_to_v3, v3_to_v4];

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

/// Version 3 makes the plan a case from its first meeting to its closing:
/// the case gets a label, consultants, the commissioning social worker and
/// a closing with a reason; custodians' consents are recorded; a
/// professional has an agency kind; a meeting can be planned ahead
/// (time, location, invited, interpreter), and a held one records who came,
/// whether the children took part and the safety assessment; a
/// questionnaire is a follow-up or an exit questionnaire. Every new field
/// has a default that means what version 2 meant ("held", "follow-up").
///
/// The one change of meaning: version 2 kept review dates (`reviews`:
/// `{id, date, held, note}`) beside the meetings. They were the next
/// meetings, so they become meetings: a review on the day of a meeting is
/// that meeting (its note joins the meeting's); any other becomes a meeting
/// of its own, held if it was marked held, else planned. The plans kept in
/// `snapshots` are migrated the same way, so the history reads as now.
fn v2_to_v3(doc: &mut Map<String, Value>) -> Result<(), ImportError> {
    if let Some(Value::Array(snapshots)) = doc.get_mut("snapshots") {
        for (i, snapshot) in snapshots.iter_mut().enumerate() {
            if let Some(Value::Object(plan)) = snapshot.get_mut("plan") {
                reviews_to_meetings(plan).map_err(|e| e.within(&format!("snapshots[{i}].plan")))?;
            }
        }
    }
    reviews_to_meetings(doc)
}

/// Version 4 records the check log in detail and sets numbers and office
/// hours once per plan:
/// - a check-in may name which of the agreement's checks it answers
///   (`check`), who did it (`by`), the time of day (`time`) and how (`how`);
///   a version 3 check-in has none of them and answers the agreement as a
///   whole, as it did;
/// - outcomes `no_answer` and `unreachable`, and the method `other`, are new;
/// - `settings` gets the out-of-hours service's and the unit's phone numbers
///   (`numbers`, empty) and `office_hours` (weekdays 08:00–17:00).
///
/// Every new field has a default that means what version 3 meant, so
/// nothing moves.
fn v3_to_v4(_: &mut Map<String, Value>) -> Result<(), ImportError> {
    Ok(())
}

fn reviews_to_meetings(plan: &mut Map<String, Value>) -> Result<(), ImportError> {
    let Some(reviews) = plan.shift_remove("reviews") else {
        return Ok(());
    };
    let Value::Array(reviews) = reviews else {
        return Err(ImportError::new(
            "reviews",
            ImportErrorKind::WrongType {
                found: JsonKind::of(&reviews),
                shown: String::new(),
                expected: JsonKind::List,
            },
        ));
    };
    let meetings = plan
        .entry("meetings")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(meetings) = meetings else {
        // Left for the typed reading to say `meetings` is not a list.
        return Ok(());
    };
    let mut next_id = meetings
        .iter()
        .filter_map(|m| m.get("id").and_then(Value::as_u64))
        .max()
        .unwrap_or(0);
    for (i, review) in reviews.into_iter().enumerate() {
        let Value::Object(review) = review else {
            return Err(ImportError::new(
                format!("reviews[{i}]"),
                ImportErrorKind::WrongType {
                    found: JsonKind::of(&review),
                    shown: String::new(),
                    expected: JsonKind::Object,
                },
            ));
        };
        let Some(date) = review.get("date").cloned() else {
            return Err(ImportError::new(
                format!("reviews[{i}]"),
                ImportErrorKind::MissingField {
                    field: "date".into(),
                },
            ));
        };
        let held = review.get("held").and_then(Value::as_bool).unwrap_or(false);
        let note = review
            .get("note")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string();
        let same_day = meetings
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .find(|m| m.get("date") == Some(&date));
        match same_day {
            Some(meeting) => {
                let old = meeting
                    .get("note")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                if !note.is_empty() && !old.contains(&note) {
                    let joined = if old.is_empty() {
                        note
                    } else {
                        format!("{old}\n{note}")
                    };
                    meeting.insert("note".into(), Value::String(joined));
                }
            }
            None => {
                next_id += 1;
                let mut meeting = Map::new();
                meeting.insert("id".into(), Value::from(next_id));
                meeting.insert("date".into(), date);
                meeting.insert(
                    "status".into(),
                    Value::from(if held { "held" } else { "planned" }),
                );
                meeting.insert("note".into(), Value::String(note));
                meetings.push(Value::Object(meeting));
            }
        }
    }
    Ok(())
}
