//! The check-in schedule on the sample family and on hand-made edge cases.

use crate::analysis_support::*;
use skyddsnat_core::analysis::schedule::{due_step, earliest_counted_day, overdue, upcoming, Slot};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::*;

fn dates(due: &[skyddsnat_core::analysis::schedule::DueCheck]) -> Vec<String> {
    due.iter().map(|c| c.date.to_string()).collect()
}

fn one_check_plan(meeting: &str, when: Frequency, time: Option<&str>) -> Plan {
    small_plan(
        meeting,
        vec![agreement(
            1,
            &[1],
            vec![check(&[2], when, time)],
            vec![
                step(&[1], "A"),
                step(&[2], "B"),
                step(&[3], "C"),
                step(&[4], "D"),
            ],
        )],
    )
}

#[test]
fn sample_two_weeks_from_the_meeting_lists_every_check_in_reading_order() {
    let plan = sample_plan();
    let due = upcoming(&plan, d("2026-11-23"), 14);
    // Two daily 19:00 calls (14 each), Pernilla on two Mondays, Ahmed's
    // unannounced evening visit once in each of the two weeks, for each of
    // the two evening agreements.
    assert_eq!(due.len(), 14 + 14 + 2 + 2 + 2);
    let first_day: Vec<(u32, Slot)> = due
        .iter()
        .take_while(|c| c.date == d("2026-11-23"))
        .map(|c| (c.agreement.0, c.slot))
        .collect();
    assert_eq!(
        first_day,
        vec![
            (1, Slot::ThisWeek { times: 1 }),
            (2, Slot::ThisWeek { times: 1 }),
            (3, Slot::At(t("09:00"))),
            (1, Slot::At(t("19:00"))),
            (2, Slot::At(t("19:00"))),
        ]
    );
    let visits: Vec<_> = due
        .iter()
        .filter(|c| c.method == Method::UnannouncedVisit)
        .collect();
    let visit_days: Vec<String> = visits.iter().map(|c| c.date.to_string()).collect();
    assert_eq!(
        visit_days,
        ["2026-11-23", "2026-11-23", "2026-11-30", "2026-11-30"]
    );
    assert_eq!(visits[0].by, vec![PersonId(13)], "Ahmed makes the visit");
    assert!(due.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(due.last().map(|c| c.date), Some(d("2026-12-06")));
}

#[test]
fn a_weekly_check_shows_on_the_first_remaining_day_of_each_iso_week() {
    let plan = one_check_plan("2026-11-20", Frequency::Week { times: 2 }, None);
    // Sunday: the current week has one day left, the next week starts Monday.
    assert_eq!(
        dates(&upcoming(&plan, d("2026-11-29"), 8)),
        ["2026-11-29", "2026-11-30"]
    );
    // Thursday mid-week, over New Year: ISO week 53 then week 1 of 2027.
    assert_eq!(
        dates(&upcoming(&plan, d("2026-12-31"), 5)),
        ["2026-12-31", "2027-01-04"]
    );
    // Monday, 14 days: exactly two weeks, the third Monday is outside.
    assert_eq!(
        dates(&upcoming(&plan, d("2026-11-23"), 14)),
        ["2026-11-23", "2026-11-30"]
    );
    assert_eq!(upcoming(&plan, d("2026-11-23"), 15).len(), 3);
    assert!(upcoming(&plan, d("2026-11-23"), 0).is_empty());
}

#[test]
fn weekend_only_every_second_day_and_once() {
    let weekend = one_check_plan("2026-11-20", Frequency::Weekend, Some("18:00"));
    assert_eq!(
        dates(&upcoming(&weekend, d("2026-11-23"), 14)),
        ["2026-11-28", "2026-11-29", "2026-12-05", "2026-12-06"]
    );
    let second = one_check_plan(
        "2026-11-20",
        Frequency::NthDay {
            n: 2,
            from: d("2026-11-20"),
        },
        None,
    );
    assert_eq!(
        dates(&upcoming(&second, d("2026-11-23"), 7)),
        ["2026-11-24", "2026-11-26", "2026-11-28"]
    );
    // Counted from a date still ahead: nothing before it.
    let later = one_check_plan(
        "2026-11-20",
        Frequency::NthDay {
            n: 2,
            from: d("2026-11-25"),
        },
        None,
    );
    assert_eq!(
        dates(&upcoming(&later, d("2026-11-23"), 7)),
        ["2026-11-25", "2026-11-27", "2026-11-29"]
    );
    let once = one_check_plan(
        "2026-11-20",
        Frequency::Once {
            date: d("2026-11-25"),
        },
        Some("10:00"),
    );
    assert_eq!(dates(&upcoming(&once, d("2026-11-23"), 14)), ["2026-11-25"]);
    assert_eq!(dates(&overdue(&once, d("2026-11-27"))), ["2026-11-25"]);
    // Agreed at a meeting after the date: it was never due under this plan.
    let once_before_meeting = one_check_plan(
        "2026-11-26",
        Frequency::Once {
            date: d("2026-11-25"),
        },
        None,
    );
    assert!(overdue(&once_before_meeting, d("2026-11-27")).is_empty());
}

#[test]
fn sample_nothing_is_overdue_on_the_meeting_day_but_gaps_after_it_are() {
    let plan = sample_plan();
    assert!(overdue(&plan, d("2026-11-23")).is_empty());
    let late = overdue(&plan, d("2026-11-26"));
    let got: Vec<(String, u32, usize)> = late
        .iter()
        .map(|c| (c.date.to_string(), c.agreement.0, c.check))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2026-11-23".to_string(), 3, 0),
            ("2026-11-23".to_string(), 1, 0),
            ("2026-11-23".to_string(), 2, 0),
            ("2026-11-24".to_string(), 1, 0),
            ("2026-11-24".to_string(), 2, 0),
            ("2026-11-25".to_string(), 1, 0),
            ("2026-11-25".to_string(), 2, 0),
        ]
    );
    // The weekly visit is judged when its week is over.
    let next_week = overdue(&plan, d("2026-12-01"));
    let visits: Vec<_> = next_week
        .iter()
        .filter(|c| c.slot == Slot::ThisWeek { times: 1 })
        .collect();
    let visits: Vec<(u32, String)> = visits
        .iter()
        .map(|c| (c.agreement.0, c.date.to_string()))
        .collect();
    assert_eq!(
        visits,
        [(1, "2026-11-29".to_string()), (2, "2026-11-29".to_string())]
    );
}

#[test]
fn any_logged_check_in_answers_that_day_and_only_that_agreement() {
    let mut plan = sample_plan();
    add(
        &mut plan,
        check_in(100, 1, "2026-11-24", CheckOutcome::NotKept, None),
    );
    add(
        &mut plan,
        check_in(101, 2, "2026-11-26", CheckOutcome::Kept, None),
    );
    let late = overdue(&plan, d("2026-11-28"));
    assert!(!late
        .iter()
        .any(|c| c.agreement == AgreementId(1) && c.date == d("2026-11-24")));
    assert!(late
        .iter()
        .any(|c| c.agreement == AgreementId(2) && c.date == d("2026-11-24")));
    assert!(!late
        .iter()
        .any(|c| c.agreement == AgreementId(2) && c.date == d("2026-11-26")));
    assert!(late
        .iter()
        .any(|c| c.agreement == AgreementId(1) && c.date == d("2026-11-26")));
    // A check-in for the weekly visit's week clears it.
    let week = overdue(&plan, d("2026-12-01"));
    assert!(!week.iter().any(|c| matches!(c.slot, Slot::ThisWeek { .. })));
}

#[test]
fn overdue_looks_back_two_weeks_at_most_and_counts_leap_days() {
    let old = one_check_plan("2026-01-01", Frequency::Day, Some("19:00"));
    let late = overdue(&old, d("2026-03-01"));
    assert_eq!(late.len(), 14);
    assert_eq!(late[0].date, d("2026-02-15"));
    assert_eq!(earliest_counted_day(&old, d("2026-03-01")), d("2026-02-15"));

    let leap = one_check_plan("2028-02-20", Frequency::Day, Some("19:00"));
    let late = overdue(&leap, d("2028-03-01"));
    assert_eq!(late.len(), 10, "20–29 February 2028 is ten days");
    assert_eq!(late.last().map(|c| c.date), Some(d("2028-02-29")));
    let plain = one_check_plan("2027-02-20", Frequency::Day, Some("19:00"));
    assert_eq!(overdue(&plain, d("2027-03-01")).len(), 9);
}

#[test]
fn without_meetings_the_case_start_bounds_the_overdue_list() {
    let mut plan = Plan::new();
    add(&mut plan, person(1, "A", Sector::Family, 1));
    add(
        &mut plan,
        agreement(1, &[1], vec![check(&[1], Frequency::Day, None)], vec![]),
    );
    assert_eq!(overdue(&plan, d("2026-11-23")).len(), 14);
    plan.apply(Edit::SetCase(CaseStatus {
        started: Some(d("2026-11-20")),
        ..CaseStatus::default()
    }))
    .expect("set case");
    assert_eq!(
        dates(&overdue(&plan, d("2026-11-23"))),
        ["2026-11-20", "2026-11-21", "2026-11-22"]
    );
}

#[test]
fn sample_due_steps() {
    let plan = sample_plan();
    for a in [1, 2, 3] {
        assert_eq!(
            due_step(&plan, AgreementId(a), d("2026-11-23")),
            None,
            "agreement {a}"
        );
    }
    // Two evenings without a logged call: plan B for the evening agreement,
    // and Pernilla's Monday check of Alva's card was missed too.
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-25")), Some(1));
    assert_eq!(due_step(&plan, AgreementId(3), d("2026-11-25")), Some(1));
    assert_eq!(due_step(&plan, AgreementId(99), d("2026-11-25")), None);
    // The evening Jenny was late (2026-11-08) plan B was started and logged,
    // so plan B was in effect that evening; the next day's call was kept:
    // nothing due then.
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-08")), Some(1));
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-09")), None);
    // The evening call that did not happen (2026-11-17) made plan B due
    // until the next evening's call was kept.
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-17")), Some(1));
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-18")), None);
}

#[test]
fn due_step_climbs_the_chain_and_a_kept_check_resets_it() {
    let mut plan = one_check_plan("2026-11-23", Frequency::Day, Some("19:00"));
    let today = d("2026-11-23");
    let a = AgreementId(1);
    assert_eq!(due_step(&plan, a, today), None);
    add(
        &mut plan,
        check_in(1, 1, "2026-11-23", CheckOutcome::Kept, None),
    );
    assert_eq!(due_step(&plan, a, today), None);
    add(
        &mut plan,
        check_in(2, 1, "2026-11-23", CheckOutcome::Missed, None),
    );
    assert_eq!(due_step(&plan, a, today), Some(1), "no step logged: plan B");
    add(
        &mut plan,
        check_in(3, 1, "2026-11-23", CheckOutcome::NotKept, Some(1)),
    );
    assert_eq!(due_step(&plan, a, today), Some(1), "B was started: B");
    add(
        &mut plan,
        check_in(4, 1, "2026-11-23", CheckOutcome::NoAnswer, None),
    );
    assert_eq!(due_step(&plan, a, today), Some(2), "B did not hold: C");
    add(
        &mut plan,
        check_in(5, 1, "2026-11-23", CheckOutcome::NoAnswer, None),
    );
    assert_eq!(due_step(&plan, a, today), Some(2), "C not started yet: C");
    add(
        &mut plan,
        check_in(14, 1, "2026-11-23", CheckOutcome::Missed, Some(3)),
    );
    assert_eq!(
        due_step(&plan, a, today),
        Some(3),
        "past the end: the last step stays due"
    );
    add(
        &mut plan,
        check_in(15, 1, "2026-11-23", CheckOutcome::Kept, None),
    );
    assert_eq!(due_step(&plan, a, today), None);
    // A check-in logged for a later day does not count yet.
    add(
        &mut plan,
        check_in(16, 1, "2026-11-30", CheckOutcome::Missed, None),
    );
    assert_eq!(due_step(&plan, a, today), None);
    assert_eq!(due_step(&plan, a, d("2026-11-30")), Some(1));
}

#[test]
fn an_overdue_check_after_a_used_step_escalates() {
    let mut plan = one_check_plan("2026-11-23", Frequency::Day, Some("19:00"));
    add(
        &mut plan,
        check_in(1, 1, "2026-11-23", CheckOutcome::Missed, Some(1)),
    );
    // 24 November has no check-in at all: that counts as another failure.
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-25")), Some(2));
    add(
        &mut plan,
        check_in(2, 1, "2026-11-24", CheckOutcome::Kept, None),
    );
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-25")), None);
}

#[test]
fn a_chain_without_plan_b_has_no_step_to_give() {
    let mut plan = small_plan(
        "2026-11-23",
        vec![agreement(
            1,
            &[1],
            vec![check(&[2], Frequency::Day, None)],
            vec![step(&[1], "A")],
        )],
    );
    add(
        &mut plan,
        check_in(1, 1, "2026-11-23", CheckOutcome::NotKept, None),
    );
    assert_eq!(due_step(&plan, AgreementId(1), d("2026-11-23")), None);
}

#[test]
fn slots_and_due_steps_read_in_both_languages() {
    assert_eq!(Slot::At(t("19:00")).label(Lang::Sv), "kl. 19:00");
    assert_eq!(
        Slot::ThisWeek { times: 2 }.label(Lang::En),
        "this week, unannounced (2 a week)"
    );
    assert_eq!(Slot::AnyTime.label(Lang::En), "during the day");
    let plan = sample_plan();
    assert_eq!(
        skyddsnat_core::analysis::schedule::describe_due_step(
            &plan,
            AgreementId(3),
            d("2026-11-25"),
            Lang::Sv
        )
        .as_deref(),
        Some("Plan B gäller nu för överenskommelse 3.")
    );
    assert_eq!(
        skyddsnat_core::analysis::schedule::describe_due_step(
            &plan,
            AgreementId(3),
            d("2026-11-23"),
            Lang::En
        ),
        None
    );
}

#[test]
fn every_second_day_counts_the_leap_day() {
    let plan = one_check_plan(
        "2028-02-20",
        Frequency::NthDay {
            n: 2,
            from: d("2028-02-27"),
        },
        Some("18:00"),
    );
    assert_eq!(
        dates(&upcoming(&plan, d("2028-02-26"), 6)),
        ["2028-02-27", "2028-02-29", "2028-03-02"]
    );
    let plain = one_check_plan(
        "2027-02-20",
        Frequency::NthDay {
            n: 2,
            from: d("2027-02-27"),
        },
        Some("18:00"),
    );
    assert_eq!(
        dates(&upcoming(&plain, d("2027-02-26"), 6)),
        ["2027-02-27", "2027-03-01", "2027-03-03"]
    );
}
