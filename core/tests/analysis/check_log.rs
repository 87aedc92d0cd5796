//! The detailed check log (file format 4): a check-in answers the check it
//! names, removing a check keeps the log right, and office hours.

use crate::analysis_support::*;
use skyddsnat_core::analysis::schedule::{due_step, overdue, upcoming};
use skyddsnat_core::*;

/// Agreement 1: the grandmother calls every evening at 19:00 (check 0) and
/// the neighbour looks in every day (check 1); plan A, B, C.
fn two_checks() -> Plan {
    small_plan(
        "2026-03-02",
        vec![agreement(
            1,
            &[1],
            vec![
                check(&[2], Frequency::Day, Some("19:00")),
                check(&[3], Frequency::Day, None),
            ],
            vec![step(&[1], "A"), step(&[2], "B"), step(&[3], "C")],
        )],
    )
}

fn of_check(id: u32, date: &str, check: u16, outcome: CheckOutcome) -> CheckIn {
    CheckIn {
        check: Some(check),
        ..check_in(id, 1, date, outcome, None)
    }
}

#[test]
fn a_check_in_answers_only_the_check_it_names() {
    let mut plan = two_checks();
    add(&mut plan, of_check(1, "2026-03-02", 0, CheckOutcome::Kept));
    let late = overdue(&plan, d("2026-03-03"));
    // The call was logged; the neighbour's look-in that day was not.
    assert_eq!(
        late.iter().map(|c| (c.date, c.check)).collect::<Vec<_>>(),
        [(d("2026-03-02"), 1)]
    );
    // A missing check counts as failed: plan B is due.
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-03-03")), Some(1));
}

#[test]
fn an_agreement_level_check_in_answers_every_check_of_its_day() {
    // Version 3 files logged only the agreement.
    let mut plan = two_checks();
    add(
        &mut plan,
        check_in(1, 1, "2026-03-02", CheckOutcome::Kept, None),
    );
    assert_eq!(overdue(&plan, d("2026-03-03")), Vec::new());
    // A check the agreement no longer has is read as the agreement.
    let mut plan = two_checks();
    add(&mut plan, of_check(1, "2026-03-02", 7, CheckOutcome::Kept));
    assert_eq!(overdue(&plan, d("2026-03-03")), Vec::new());
}

#[test]
fn every_failed_outcome_starts_the_next_step_and_kept_ends_it() {
    for outcome in [
        CheckOutcome::NotKept,
        CheckOutcome::NoAnswer,
        CheckOutcome::Unreachable,
        CheckOutcome::Missed,
    ] {
        let mut plan = two_checks();
        add(&mut plan, of_check(1, "2026-03-02", 1, CheckOutcome::Kept));
        add(&mut plan, of_check(2, "2026-03-02", 0, outcome));
        assert_eq!(
            due_step(&plan, AgreementId(1), d("2026-03-02")),
            Some(1),
            "{outcome:?}"
        );
        add(&mut plan, of_check(3, "2026-03-02", 0, CheckOutcome::Kept));
        assert_eq!(due_step(&plan, AgreementId(1), d("2026-03-02")), None);
    }
    assert!(!CheckOutcome::Kept.failed() && !CheckOutcome::Missed.failed());
    assert!(CheckOutcome::NoAnswer.failed() && CheckOutcome::Unreachable.failed());
}

#[test]
fn removing_a_check_moves_the_log_with_it_and_one_undo_restores_both() {
    let mut plan = two_checks();
    let mut a = plan.agreement(AgreementId(1)).unwrap().clone();
    a.checks.push(check(&[4], Frequency::Weekday, None));
    update(&mut plan, a);
    add(&mut plan, of_check(1, "2026-03-02", 0, CheckOutcome::Kept));
    add(&mut plan, of_check(2, "2026-03-02", 1, CheckOutcome::Kept));
    add(
        &mut plan,
        of_check(3, "2026-03-02", 2, CheckOutcome::NoAnswer),
    );
    let before = plan.clone();
    let edit = plan.remove_check(AgreementId(1), 1).unwrap();
    let undo = plan.apply(edit).unwrap().inverse;
    let checks: Vec<Option<u16>> = plan.check_ins().iter().map(|c| c.check).collect();
    // Check 0 stays, check 1's log answers the agreement, check 2 is now 1.
    assert_eq!(checks, [Some(0), None, Some(1)]);
    assert_eq!(plan.agreement(AgreementId(1)).unwrap().checks.len(), 2);
    plan.apply(undo).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn removing_the_person_who_checked_keeps_the_check_in() {
    let mut plan = two_checks();
    add(
        &mut plan,
        CheckIn {
            by: Some(PersonId(2)),
            ..of_check(1, "2026-03-02", 0, CheckOutcome::Kept)
        },
    );
    let edit = plan.remove_person(PersonId(2)).unwrap();
    plan.apply(edit).unwrap();
    assert_eq!(plan.check_ins().len(), 1);
    assert_eq!(plan.check_ins()[0].by, None);
    assert_eq!(plan.check_integrity(), Ok(()));
}

#[test]
fn a_check_in_by_someone_not_in_the_plan_is_refused() {
    let mut plan = two_checks();
    let stranger = CheckIn {
        by: Some(PersonId(99)),
        ..of_check(1, "2026-03-02", 0, CheckOutcome::Kept)
    };
    assert!(plan.apply(Edit::add(stranger)).is_err());
}

#[test]
fn office_hours_are_weekdays_from_eight_to_five_unless_set() {
    let hours = OfficeHours::default();
    let monday = d("2026-03-02");
    assert!(!hours.outside(monday, Some(t("08:00"))));
    assert!(!hours.outside(monday, Some(t("16:59"))));
    assert!(hours.outside(monday, Some(t("17:00"))));
    assert!(hours.outside(monday, Some(t("07:59"))));
    // No time: only the weekend tells.
    assert!(!hours.outside(monday, None));
    assert!(hours.outside(d("2026-03-07"), None));
    assert!(hours.outside(d("2026-03-08"), Some(t("10:00"))));

    // The calendar marks the evening call as out of hours, the look-in not;
    // with office hours until 20:00 neither is.
    let mut plan = two_checks();
    let marks = |plan: &Plan| -> Vec<bool> {
        upcoming(plan, monday, 1)
            .iter()
            .map(|c| c.outside_office_hours(plan))
            .collect()
    };
    assert_eq!(marks(&plan), [true, false]);
    let mut settings = plan.settings().clone();
    settings.office_hours.to = t("20:00");
    plan.apply(Edit::SetSettings(settings)).unwrap();
    assert_eq!(marks(&plan), [false, false]);
}

#[test]
fn the_plans_phone_numbers_are_checked_like_any_text() {
    let mut plan = two_checks();
    let mut settings = plan.settings().clone();
    settings.numbers.out_of_hours = "08-123 45 67".into();
    plan.apply(Edit::SetSettings(settings.clone())).unwrap();
    assert_eq!(plan.settings().numbers.out_of_hours, "08-123 45 67");
    settings.numbers.unit = "9".repeat(100_000);
    assert!(plan.apply(Edit::SetSettings(settings)).is_err());
    assert_eq!(plan.settings().numbers.unit, "");
}

#[test]
fn the_summary_counts_the_last_two_weeks_and_what_is_due() {
    use skyddsnat_core::analysis::schedule::{summary, CheckSummary};
    let mut plan = two_checks();
    let evening = |id, date, outcome| CheckIn {
        time: Some(t("19:30")),
        ..of_check(id, date, 0, outcome)
    };
    add(&mut plan, evening(1, "2026-03-02", CheckOutcome::Kept));
    add(&mut plan, of_check(2, "2026-03-02", 1, CheckOutcome::Kept));
    add(
        &mut plan,
        CheckIn {
            step: Some(1),
            ..evening(3, "2026-03-03", CheckOutcome::NoAnswer)
        },
    );
    add(
        &mut plan,
        of_check(4, "2026-03-03", 1, CheckOutcome::Missed),
    );
    // Older than two weeks: not counted.
    add(&mut plan, evening(5, "2026-02-01", CheckOutcome::Kept));
    let s = summary(&plan, d("2026-03-04"), 7);
    assert_eq!(
        s,
        CheckSummary {
            done: 3,
            done_outside_hours: 2,
            failed: 1,
            steps_started: 1,
            // Two checks a day for seven days: the 19:00 call is out of
            // hours every day, the look-in on Saturday and Sunday.
            planned: 14,
            planned_outside_hours: 9,
            overdue: 0,
            // The missed look-in on the 3rd makes plan C due (B was started).
            steps_due: 1,
        }
    );
    assert_eq!(s.rows(Lang::Sv).len(), 3);
}

#[test]
fn a_persons_record_counts_their_checks_made_failed_and_missed() {
    use skyddsnat_core::analysis::schedule::{person_record, PersonRecord};
    let mut plan = two_checks();
    // Check 0 is the grandmother's (2), check 1 the neighbour's (3).
    add(&mut plan, of_check(1, "2026-03-02", 0, CheckOutcome::Kept));
    add(
        &mut plan,
        of_check(2, "2026-03-03", 0, CheckOutcome::NotKept),
    );
    add(
        &mut plan,
        CheckIn {
            by: Some(PersonId(1)),
            ..of_check(3, "2026-03-03", 1, CheckOutcome::Kept)
        },
    );
    add(
        &mut plan,
        of_check(4, "2026-03-04", 0, CheckOutcome::Missed),
    );
    // Agreement level, nobody named: nobody's.
    add(
        &mut plan,
        check_in(5, 1, "2026-03-04", CheckOutcome::Kept, None),
    );
    let today = d("2026-03-05");
    assert_eq!(
        person_record(&plan, PersonId(2), today),
        PersonRecord {
            done: 2,
            failed: 1,
            missed: 1
        }
    );
    // The mother stood in for the neighbour on the 3rd; the neighbour's
    // look-in of the 2nd is overdue (the 4th is answered by the agreement).
    assert_eq!(
        person_record(&plan, PersonId(1), today),
        PersonRecord {
            done: 1,
            failed: 0,
            missed: 0
        }
    );
    assert_eq!(
        person_record(&plan, PersonId(3), today),
        PersonRecord {
            done: 0,
            failed: 0,
            missed: 1
        }
    );
}
