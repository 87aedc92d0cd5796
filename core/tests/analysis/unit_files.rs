//! The unit's statistics from saved plan files: counted once each, and a
//! file that could not be counted reported without anything it said.

use crate::analysis_support::*;
use skyddsnat_core::analysis::period::Period;
use skyddsnat_core::analysis::stats::{to_csv, unit_figures};
use skyddsnat_core::analysis::unit_files::{
    import_text, status_line, summarize_slots, summarize_texts, NoteKind, Problem, Slot,
};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::seal::{seal, KdfParams};
use skyddsnat_core::file::{self, anonymous};
use skyddsnat_core::i18n::trf;
use skyddsnat_core::*;

/// The sample family's plan, closed on 2026-11-20 with the placement avoided.
fn closed_plan() -> Plan {
    let mut plan = sample_plan();
    plan.apply(Edit::SetCase(CaseStatus {
        started: Some(d("2026-10-26")),
        closed: Some(d("2026-11-20")),
        outcome: Some(Outcome::PlacementAvoided),
        ..CaseStatus::default()
    }))
    .expect("closing the sample plan");
    plan
}

#[test]
fn import_errors_keep_the_kind_and_drop_what_the_file_said() {
    let hostile = r#"{"format": "Fatima Ali", "schema_version": 1}"#;
    let summary = summarize_texts(&[hostile]);
    let message = summary.notes[0].message(Lang::En);
    assert!(!message.contains("Fatima"), "{message}");
    assert!(
        message.contains("skyddsnat"),
        "still says what was expected: {message}"
    );

    // A version that is a name is hidden; a number is no name and stays.
    let e = file::from_json(r#"{"format": "skyddsnat", "schema_version": "Elis"}"#)
        .expect_err("bad version");
    let shown = anonymous(&e).message(Lang::En);
    assert!(!shown.contains("Elis"), "{shown}");

    // An error inside a person names that person when a plan is opened;
    // here the place is kept and the name is not.
    let mut plan = file::to_value(&sample_plan());
    plan["people"][0]["place"]["ring"] = 7.into();
    let e = file::from_json(&plan.to_string()).expect_err("ring out of range");
    assert!(
        e.message(Lang::Sv).contains("Jenny"),
        "the plain error names her"
    );
    let shown = anonymous(&e).message(Lang::Sv);
    assert!(shown.contains("people[0].place.ring"), "{shown}");
    assert!(!shown.contains("Jenny"), "{shown}");

    let mut plan = file::to_value(&sample_plan());
    plan["children"][0]["age"] = 40.into();
    let e = file::from_json(&plan.to_string()).expect_err("age out of range");
    let shown = anonymous(&e).message(Lang::En);
    assert!(
        shown.contains("40") && shown.contains("children[0].age"),
        "{shown}"
    );
}

#[test]
fn a_name_used_as_a_key_or_a_value_never_survives_the_rule() {
    // An unknown field named after a child, at the top and inside a person.
    let mut plan = file::to_value(&sample_plan());
    plan["Alva Svensson"] = 1.into();
    let e = file::from_json(&plan.to_string()).expect_err("unknown field");
    let shown = anonymous(&e).message(Lang::Sv);
    assert!(!shown.contains("Alva"), "{shown}");

    let mut plan = file::to_value(&sample_plan());
    plan["people"][1]["place"]["sector"] = "Mormor Birgitta".into();
    let e = file::from_json(&plan.to_string()).expect_err("unknown sector");
    let plain = e.message(Lang::En);
    assert!(
        plain.contains("Birgitta") && plain.contains("Mikael"),
        "{plain}"
    );
    let shown = anonymous(&e).message(Lang::En);
    assert!(!shown.contains("Birgitta"), "{shown}");
    assert!(
        !shown.contains("Mikael"),
        "the person it is inside: {shown}"
    );
    assert!(shown.contains("people[1].place.sector"), "{shown}");

    // A repeated key that is a name.
    let text = r#"{"format": "skyddsnat", "schema_version": 2, "Kim": 1, "Kim": 2}"#;
    let e = file::from_json(text).expect_err("repeated key");
    assert!(!anonymous(&e).message(Lang::Sv).contains("Kim"));

    // A text of the wrong type quoted by serde.
    let mut plan = file::to_value(&sample_plan());
    plan["children"][0]["age"] = "Elis Karlsson".into();
    let e = file::from_json(&plan.to_string()).expect_err("age is a text");
    let shown = anonymous(&e).message(Lang::En);
    assert!(!shown.contains("Elis"), "{shown}");
    assert!(shown.contains("children[0].age"), "{shown}");
}

#[test]
fn the_same_file_twice_counts_once_and_is_named_by_position() {
    let text = file::to_json(&sample_plan());
    let closed = file::to_json(&closed_plan());
    let summary = summarize_texts(&[&text, &closed, &text]);
    assert_eq!((summary.files, summary.counted), (3, 2));
    assert_eq!(summary.notes.len(), 1);
    assert_eq!(summary.notes[0].position, 3);
    assert_eq!(summary.notes[0].what, NoteKind::Duplicate { of: 1 });
    assert_eq!(summary.plans.expect("all read").len(), 2);
    assert_eq!(
        summary.notes[0].message(Lang::Sv),
        trf(
            Lang::Sv,
            "stats.view.file_duplicate",
            &[("n", "3"), ("of", "1")]
        )
    );
}

#[test]
fn a_sealed_file_is_reported_as_sealed_and_not_counted() {
    let text = file::to_json(&sample_plan());
    let cheap = KdfParams {
        m_kib: 8_192,
        t: 1,
        p: 1,
    };
    let sealed = seal(&text, "lösenfras", [7; 16], [9; 12], cheap).expect("seal");
    let imported = import_text(&sealed);
    assert_eq!(imported.result, Err(Problem::Sealed));
    let summary = summarize_texts(&[&sealed, &text]);
    assert_eq!(summary.counted, 1);
    assert_eq!(summary.notes[0].position, 1);
    let message = summary.notes[0].message(Lang::En);
    assert!(message.contains('1'), "{message}");
}

#[test]
fn nothing_is_counted_while_a_file_is_still_being_read() {
    let text = file::to_json(&sample_plan());
    let slots = [Slot::Done(import_text(&text)), Slot::Pending];
    let summary = summarize_slots(&slots);
    assert_eq!((summary.files, summary.pending, summary.counted), (2, 1, 1));
    assert_eq!(summary.plans, None, "no half-read table");
    assert_eq!(
        status_line(&summary, Lang::Sv),
        trf(Lang::Sv, "stats.view.reading", &[("count", "1")])
    );
    let done = summarize_slots(&slots[..1]);
    assert_eq!(
        status_line(&done, Lang::En),
        trf(
            Lang::En,
            "stats.view.read",
            &[("read", "1"), ("total", "1")]
        )
    );
}

#[test]
fn the_files_read_give_the_figures_without_a_name() {
    let summary = summarize_texts(&[
        &file::to_json(&sample_plan()),
        &file::to_json(&closed_plan()),
    ]);
    let plans = summary.plans.expect("read");
    let period = Period::tertial(2026, 3).expect("T3");
    let csv = to_csv(&unit_figures(&plans, period, Lang::Sv), Lang::Sv);
    assert!(
        csv.starts_with("\u{FEFF}Period;Avsnitt;Mått;Värde\r\n"),
        "{csv}"
    );
    // Two cases: every figure rests on fewer than three.
    assert!(
        csv.contains("\r\nT3 2026;Ärenden;Ärenden i arbetet under perioden;< 3\r\n"),
        "{csv}"
    );
    for name in names(&sample_plan()) {
        assert!(!csv.contains(&name), "{name} in the CSV");
    }
}
