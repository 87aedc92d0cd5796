//! Edits obey the file format's rules, so whatever a consultant can type can
//! be saved and opened again.

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::{check_plan, from_json, to_json};
use skyddsnat_core::{Change, Edit, EditError, History, Lang, Person, PersonId};

fn jenny_renamed(name: &str) -> Edit {
    let plan = sample_plan();
    let mut jenny: Person = plan.person(PersonId(3)).expect("Jenny").clone();
    jenny.name = name.to_string();
    Edit::update(jenny)
}

#[test]
fn a_name_the_file_format_would_refuse_is_refused_at_once_and_nothing_changes() {
    for bad in [
        "x".repeat(201),
        "Jen\nny".to_string(),
        "Je\u{202E}nny".to_string(),
    ] {
        let mut plan = sample_plan();
        let before = plan.clone();
        let err = plan.apply(jenny_renamed(&bad)).expect_err("refused");
        assert!(matches!(err, EditError::Unsavable { .. }), "{err:?}");
        assert!(
            err.message(Lang::Sv).contains("people[0].name"),
            "{}",
            err.message(Lang::Sv)
        );
        assert_eq!(plan, before);
    }
    let mut plan = sample_plan();
    assert!(plan.apply(Edit::SetTitle("a\u{0}b".into())).is_err());
}

#[test]
fn what_edits_accept_can_be_saved_and_opened_again() {
    let mut plan = sample_plan();
    plan.apply(jenny_renamed(&"y".repeat(200)))
        .expect("200 characters are fine");
    plan.apply(Edit::SetTitle("Alva och Elis – hösten".into()))
        .expect("title");
    assert_eq!(check_plan(&plan), Ok(()));
    assert_eq!(from_json(&to_json(&plan)).expect("opens"), plan);
}

#[test]
fn restoring_an_earlier_version_is_one_step_that_undoes() {
    let earlier = sample_plan();
    let mut plan = sample_plan();
    let mut history = History::new();
    let mut moved = plan.person(PersonId(3)).expect("Jenny").clone();
    moved.name = "Jenny K".into();
    history
        .apply(&mut plan, Edit::Person(Change::Update(moved)))
        .expect("rename");
    let renamed = plan.clone();
    history
        .apply(&mut plan, Edit::Restore(Box::new(earlier.clone())))
        .expect("restore");
    assert_eq!(plan, earlier);
    assert!(history.undo(&mut plan));
    assert_eq!(plan, renamed, "undo brings back what the restore replaced");
    assert!(history.redo(&mut plan));
    assert_eq!(plan, earlier);
    assert!(history.undo(&mut plan) && history.undo(&mut plan));
    assert_eq!(
        plan,
        sample_plan(),
        "and the edits before it undo as before"
    );
}

#[test]
fn a_new_case_opens_with_its_children_and_a_label_that_names_no_child() {
    use skyddsnat_core::{Age, CaseStatus, Date, Staff};
    let started = Date::parse("2026-12-07");
    let case = CaseStatus {
        label: " 2026-077 ".into(),
        started,
        consultants: vec![Staff {
            name: "Karin".into(),
            ..Staff::default()
        }],
        ..CaseStatus::default()
    };
    let age = |n| Age::new(n).expect("age");
    let plan = skyddsnat_core::Plan::new_case(
        case,
        &[(" Noah ".into(), age(4)), ("Sara Lind".into(), age(9))],
    );
    assert_eq!(plan.case_label(), "2026-077");
    assert_eq!(plan.children().len(), 2);
    assert_eq!(plan.children()[0].name, "Noah");
    assert!(plan.people().is_empty() && plan.agreements().is_empty());
    // It is a whole plan: it saves and opens again unchanged.
    check_plan(&plan).expect("a new plan is a valid file");
    assert_eq!(from_json(&to_json(&plan)).expect("opens"), plan);
    // Without a label (a file from before labels), initials only.
    let mut unlabelled = plan.clone();
    let mut case = unlabelled.case().clone();
    case.label.clear();
    unlabelled.apply(Edit::SetCase(case)).expect("case");
    assert_eq!(unlabelled.case_label(), "N. S.L.");
}
