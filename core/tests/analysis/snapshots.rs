//! Closed meetings kept in the plan (schema version 2): closing is an edit
//! that undoes, the snapshots travel in the file byte for byte, version 1
//! files still open, hostile snapshots are refused with a path, and the
//! "since the last meeting" view sees exactly what changed.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use crate::analysis_support::*;
use serde_json::{json, Value};
use skyddsnat_core::analysis::review::*;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::{
    from_json, from_value, limits, to_json, to_value, ImportError, ImportErrorKind, SCHEMA_VERSION,
};
use skyddsnat_core::map::svg::{map_svg, SvgOptions};
use skyddsnat_core::papers::print::{print_html, PrintOptions};
use skyddsnat_core::*;

fn repo_file(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    std::fs::read_to_string(path).unwrap()
}

const MEETING_2: MeetingId = MeetingId(2);

/// The sample family with meeting 2 (2026-11-23) closed.
fn closed_sample() -> (Plan, History) {
    let mut plan = sample_plan();
    let mut history = History::new();
    let close = plan.close_meeting(MEETING_2).unwrap();
    history.apply(&mut plan, close).unwrap();
    (plan, history)
}

fn import_err(v: Value) -> ImportError {
    let text = v.to_string();
    let from_text = from_json(&text).expect_err("a hostile snapshot was accepted");
    // The JS API's path gives the same answer.
    let from_js = from_value(v).expect_err("accepted through the JS API");
    assert_eq!(from_text.path, from_js.path);
    from_text
}

#[test]
fn closing_a_meeting_keeps_the_plan_as_it_stood_and_undoes() {
    let (mut plan, mut history) = closed_sample();
    assert_eq!(plan.snapshots().len(), 1);
    let snap = &plan.snapshots()[0];
    assert_eq!((snap.meeting, snap.date), (MEETING_2, d("2026-11-23")));
    assert_eq!(snap.plan, sample_plan());
    assert!(snap.plan.snapshots().is_empty(), "no plan inside a plan");

    // Later changes do not reach the snapshot.
    let gunnar = PersonId(8);
    let cascade = plan.remove_person(gunnar).unwrap();
    history.apply(&mut plan, cascade).unwrap();
    assert!(plan.person(gunnar).is_none());
    assert!(plan.snapshots()[0].plan.person(gunnar).is_some());

    // Undo the removal, then the closing: the plan is the sample again.
    assert!(history.undo(&mut plan));
    assert!(history.undo(&mut plan));
    assert_eq!(plan, sample_plan());
    assert_eq!(to_json(&plan), to_json(&sample_plan()));
    // Redo closes it again.
    assert!(history.redo(&mut plan));
    assert_eq!(plan.snapshots().len(), 1);
}

#[test]
fn closing_the_same_meeting_again_replaces_its_snapshot_and_undo_restores_the_first() {
    let (mut plan, mut history) = closed_sample();
    let mut a = plan.agreement(AgreementId(1)).unwrap().clone();
    a.text = "Mamma är hemma varje kväll.".into();
    update(&mut plan, a);
    let again = plan.close_meeting(MEETING_2).unwrap();
    history.apply(&mut plan, again).unwrap();
    assert_eq!(plan.snapshots().len(), 1);
    assert_eq!(
        plan.snapshots()[0]
            .plan
            .agreement(AgreementId(1))
            .unwrap()
            .text,
        "Mamma är hemma varje kväll."
    );
    assert!(history.undo(&mut plan));
    assert_eq!(plan.snapshots()[0].plan, sample_plan());
}

#[test]
fn snapshots_stay_in_meeting_date_order_whatever_order_they_close_in() {
    let mut plan = sample_plan();
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    for id in [3, 1, 2] {
        let e = plan.close_meeting(MeetingId(id)).unwrap();
        plan.apply(e).unwrap();
    }
    let order: Vec<u32> = plan.snapshots().iter().map(|s| s.meeting.0).collect();
    assert_eq!(order, vec![1, 2, 3]);
    assert_eq!(last_snapshot(&plan).map(|s| s.meeting), Some(MeetingId(3)));
    // A meeting that does not exist cannot be closed.
    assert!(matches!(
        plan.close_meeting(MeetingId(99)),
        Err(EditError::NotFound { .. })
    ));
}

#[test]
fn the_history_travels_in_the_file_byte_for_byte() {
    let mut plan = sample_plan();
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    for id in [1, 2, 3] {
        let e = plan.close_meeting(MeetingId(id)).unwrap();
        plan.apply(e).unwrap();
        // Each meeting changes something, so the snapshots differ.
        add(
            &mut plan,
            person(40 + id, &format!("Ny{id}"), Sector::Leisure, 3),
        );
    }
    let text = to_json(&plan);
    assert!(text.contains(&format!("\"schema_version\": {SCHEMA_VERSION}")));
    let back = from_json(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(to_json(&back), text);
    assert_eq!(from_value(to_value(&plan)).unwrap(), plan);
    // The snapshot of meeting 1 knows neither Ny1 nor the later ones.
    let first = &back.snapshots()[0].plan;
    assert!(first.person(PersonId(41)).is_none());
    assert!(back.snapshots()[2].plan.person(PersonId(42)).is_some());
    // Three snapshots of the 15-person sample stay far below the file limit.
    assert!(text.len() < limits::MAX_BYTES / 20, "{} bytes", text.len());
}

#[test]
fn a_version_1_file_opens_as_a_plan_with_no_closed_meetings() {
    let v1 = repo_file("tests/fixtures/migration/v1-sample-family.json");
    assert!(v1.contains("\"schema_version\": 1,"));
    let plan = from_json(&v1).unwrap();
    assert!(plan.snapshots().is_empty());
    // The same family saved by version 2 opens as the same plan: a version 1
    // plan is a version 2 plan without closed meetings.
    let v2 = repo_file("tests/fixtures/migration/v2-sample-family.json");
    assert!(v2.contains("\"schema_version\": 2,"));
    assert_eq!(plan, from_json(&v2).unwrap());

    // A version 1 file never had snapshots: one that claims some is refused.
    let (closed, _) = closed_sample();
    let mut v: Value = serde_json::from_str(&to_json(&closed)).unwrap();
    v["schema_version"] = json!(1);
    let e = import_err(v);
    assert_eq!(e.path, "snapshots");
    assert!(matches!(e.kind, ImportErrorKind::UnknownField { .. }));
}

fn closed_value() -> Value {
    let (plan, _) = closed_sample();
    serde_json::from_str(&to_json(&plan)).unwrap()
}

#[test]
fn a_snapshot_inside_a_snapshot_is_refused_before_it_is_read() {
    let mut v = closed_value();
    let inner = v["snapshots"].clone();
    v["snapshots"][0]["plan"]["snapshots"] = inner;
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].plan.snapshots");
    let m = e.message(Lang::En);
    assert!(m.contains("cannot hold snapshots"), "{m}");
    assert!(e.message(Lang::Sv).contains("ögonblicksbild"));
}

#[test]
fn a_snapshot_plan_passes_the_same_text_and_reference_checks_as_the_plan() {
    let mut v = closed_value();
    v["snapshots"][0]["plan"]["people"][1]["name"] = json!("x".repeat(201));
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].plan.people[1].name");
    assert!(matches!(e.kind, ImportErrorKind::TextTooLong { .. }));

    let mut v = closed_value();
    v["snapshots"][0]["plan"]["people"][0]["name"] = json!("Ali\u{202E}ecnerolF");
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].plan.people[0].name");
    assert!(matches!(e.kind, ImportErrorKind::BidiChar { .. }));

    let mut v = closed_value();
    v["snapshots"][0]["plan"]["relations"][0]["from"] = json!(999);
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].plan.relations[0].from");
    assert!(matches!(e.kind, ImportErrorKind::Integrity(_)));

    let mut v = closed_value();
    v["snapshots"][0]["plan"]["colour"] = json!("red");
    let e = import_err(v);
    assert!(e.path.starts_with("snapshots[0].plan"), "{}", e.path);
    assert!(matches!(e.kind, ImportErrorKind::UnknownField { .. }));

    let mut v = closed_value();
    v["snapshots"][0]["plan"]["people"][0]["place"]["ring"] = json!(7);
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].plan.people[0].place.ring");
}

#[test]
fn a_snapshot_must_hold_its_meeting_once_and_in_date_order() {
    // The snapshot's date is not its meeting's date.
    let mut v = closed_value();
    v["snapshots"][0]["date"] = json!("2026-11-24");
    let e = import_err(v);
    assert_eq!(e.path, "snapshots[0].meeting");

    // A meeting its plan does not hold.
    let mut v = closed_value();
    v["snapshots"][0]["meeting"] = json!(77);
    assert_eq!(import_err(v).path, "snapshots[0].meeting");

    // The same meeting twice.
    let mut v = closed_value();
    let again = v["snapshots"][0].clone();
    v["snapshots"].as_array_mut().unwrap().push(again);
    assert_eq!(import_err(v).path, "snapshots[1].meeting");

    // Out of date order: meeting 2 before meeting 1.
    let mut plan = sample_plan();
    for id in [1, 2] {
        let e = plan.close_meeting(MeetingId(id)).unwrap();
        plan.apply(e).unwrap();
    }
    let mut v: Value = serde_json::from_str(&to_json(&plan)).unwrap();
    v["snapshots"].as_array_mut().unwrap().reverse();
    assert_eq!(import_err(v).path, "snapshots[1].meeting");

    // A snapshot written as a list, or its plan as a list.
    let mut v = closed_value();
    v["snapshots"][0]["plan"] = json!([1, 2]);
    assert_eq!(import_err(v).path, "snapshots[0].plan");
}

#[test]
fn the_number_of_snapshots_and_the_file_size_stay_within_the_limits() {
    let mut v = closed_value();
    let one = v["snapshots"][0].clone();
    let many: Vec<Value> = (0..=limits::MAX_SNAPSHOTS).map(|_| one.clone()).collect();
    v["snapshots"] = json!(many);
    let e = import_err(v);
    assert_eq!(e.path, "snapshots");
    assert!(matches!(e.kind, ImportErrorKind::TooMany { max, .. } if max == limits::MAX_SNAPSHOTS));

    // Closing meetings of a large plan is refused once the file would pass
    // its size limit, and the refused edit changes nothing.
    let mut plan = sample_plan();
    for i in 0..200u32 {
        let mut p = person(100 + i, &format!("Person {i}"), Sector::Leisure, 3);
        p.note = "x".repeat(9_000);
        add(&mut plan, p);
    }
    let mut refused = None;
    for id in 10..40u32 {
        add(&mut plan, meeting(id, &format!("2027-01-{:02}", id - 9)));
        let before = plan.clone();
        match plan.apply(plan.close_meeting(MeetingId(id)).unwrap()) {
            Ok(_) => assert!(to_json(&plan).len() <= limits::MAX_BYTES),
            Err(e) => {
                assert_eq!(plan, before);
                refused = Some(e);
                break;
            }
        }
    }
    match refused {
        Some(EditError::Unsavable { error, .. }) => {
            assert!(matches!(error.kind, ImportErrorKind::TooLarge { .. }))
        }
        other => panic!("expected the size limit to refuse, got {other:?}"),
    }
    // What was kept still saves and opens.
    assert_eq!(from_json(&to_json(&plan)).unwrap(), plan);
}

#[test]
fn since_the_last_meeting_lists_exactly_the_changes_of_the_second_meeting() {
    let (mut plan, _) = closed_sample();
    // Meeting 3: a new person, agreement 1 reworded and its plan B changed,
    // Gunnar gone, new scaling answers.
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    add(&mut plan, person(30, "Nora", Sector::FriendsNeighbours, 2));
    let mut a1 = plan.agreement(AgreementId(1)).unwrap().clone();
    let old_text = a1.text.clone();
    a1.text = "Mamma är hemma varje kväll från 17.".into();
    a1.chain[1].action = "Ringer socialjouren".into();
    update(&mut plan, a1);
    let cascade = plan.remove_person(PersonId(8)).unwrap();
    plan.apply(cascade).unwrap();
    let mut scale = plan.scales()[0].clone();
    scale.answers.push(ScaleAnswer {
        meeting: MeetingId(3),
        person: PersonId(3),
        value: Score::new(8).unwrap(),
    });
    update(&mut plan, scale);

    let (snap, changes) = since_last_meeting(&plan).unwrap();
    assert_eq!(snap.meeting, MEETING_2);
    assert_eq!(
        changes.people,
        vec![Delta::Added(PersonId(30)), Delta::Removed(PersonId(8))]
    );
    let a1_fields = changes
        .agreements
        .iter()
        .find(|d| d.id() == AgreementId(1))
        .cloned();
    let Some(Delta::Changed(_, fields)) = a1_fields else {
        panic!("agreement 1 not changed: {:?}", changes.agreements)
    };
    assert!(fields.contains(&Field::Text) && fields.contains(&Field::Step(1)));

    let rows = agreement_changes(&snap.plan, &plan, AgreementId(1), Lang::Sv, false);
    let text = rows.iter().find(|r| r.field == Field::Text).unwrap();
    assert_eq!(text.before, old_text);
    assert_eq!(text.after, "Mamma är hemma varje kväll från 17.");
    let step_b = rows.iter().find(|r| r.field == Field::Step(1)).unwrap();
    assert!(step_b.after.ends_with("Ringer socialjouren"), "{step_b:?}");
    assert_eq!(Field::Step(1).label(Lang::Sv), "plan B");

    // The scaling answers side by side: Jenny 8 at meeting 3.
    let jenny = changes.scaling[0]
        .rows
        .iter()
        .find(|r| r.person == PersonId(3))
        .unwrap();
    assert_eq!(jenny.after, Some(8));
    assert_eq!(changes.scaling[0].before_meeting, Some(MEETING_2));
    assert_eq!(changes.scaling[0].after_meeting, Some(MeetingId(3)));
}

#[test]
fn hidden_names_stay_hidden_in_the_changes_even_for_someone_removed_since() {
    let (mut plan, _) = closed_sample();
    // Gunnar is named in agreement texts; remove him, and reword agreement 1.
    let mut a1 = plan.agreement(AgreementId(1)).unwrap().clone();
    a1.text = "Gunnar ringer Jenny varje kväll.".into();
    update(&mut plan, a1);
    let cascade = plan.remove_person(PersonId(8)).unwrap();
    plan.apply(cascade).unwrap();
    let snap = last_snapshot(&plan).unwrap();
    let rows = agreement_changes(&snap.plan, &plan, AgreementId(1), Lang::Sv, true);
    assert!(!rows.is_empty());
    for r in &rows {
        for text in [&r.before, &r.after] {
            assert!(!text.contains("Gunnar"), "{r:?}");
            assert!(!text.contains("Jenny"), "{r:?}");
        }
    }
    let shown = agreement_changes(&snap.plan, &plan, AgreementId(1), Lang::Sv, false);
    assert!(shown.iter().any(|r| r.after.contains("Gunnar")));
}

#[test]
fn print_and_map_never_show_what_only_a_snapshot_holds() {
    let (mut plan, _) = closed_sample();
    // Tomas is in the snapshot of meeting 2 only.
    let cascade = plan.remove_person(PersonId(6)).unwrap();
    plan.apply(cascade).unwrap();
    assert!(to_json(&plan).contains("\"Tomas\""));
    for lang in Lang::ALL {
        let page = print_html(&plan, lang, d("2026-12-01"), &PrintOptions::default());
        assert!(!page.contains("Tomas"), "print shows a removed person");
        let svg = map_svg(&plan, lang, &SvgOptions::default());
        assert!(!svg.contains("Tomas"), "the map shows a removed person");
    }
}
