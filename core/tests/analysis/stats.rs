//! Unit statistics over many plans, and their CSV without names.

use crate::analysis_support::*;
use skyddsnat_core::analysis::stats::{csv_field, summarize, to_csv, AgeGroup, Spread};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::*;

fn with_case(
    mut plan: Plan,
    started: &str,
    closed: Option<&str>,
    outcome: Option<Outcome>,
) -> Plan {
    plan.apply(Edit::SetCase(CaseStatus {
        started: Some(d(started)),
        closed: closed.map(d),
        outcome,
        ..CaseStatus::default()
    }))
    .expect("set case");
    plan
}

#[test]
fn the_sample_family_alone() {
    let s = summarize(&[sample_plan()], d("2026-11-23"));
    assert_eq!((s.plans, s.children, s.active, s.closed), (1, 2, 1, 0));
    let groups: Vec<usize> = s.age_groups.iter().map(|(_, n)| *n).collect();
    assert_eq!(groups, vec![0, 1, 1, 0, 0], "Elis is 3, Alva is 7");
    assert_eq!(s.age_groups[1].0, AgeGroup::Preschool);
    assert_eq!(s.days_to_close, None);
    // 19 kept evening calls, one late evening (plan B) and one call with no
    // answer (a failed check, counted with "not kept"); the weekly visit kept
    // twice, not once; Pernilla's three Mondays kept.
    assert_eq!((s.kept, s.not_kept, s.missed), (24, 3, 0));
    assert_eq!(s.agreements, 3);
    // 27 check-ins over the 29 days from 26 October to 23 November.
    let per_week = s.check_ins_per_week.expect("a started plan");
    assert!((per_week - 27.0 * 7.0 / 29.0).abs() < 1e-9, "{per_week}");
    assert_eq!((s.reviews_held, s.reviews_missed), (1, 0));
    // A month later the review of 14 December has passed unheld.
    assert_eq!(
        summarize(&[sample_plan()], d("2026-12-20")).reviews_missed,
        1
    );
}

#[test]
fn closed_plans_durations_and_outcomes() {
    let plans = vec![
        sample_plan(),
        with_case(
            sample_plan(),
            "2026-10-26",
            Some("2027-01-25"),
            Some(Outcome::PlacementAvoided),
        ),
        with_case(Plan::new(), "2026-12-01", Some("2027-02-01"), None),
        // Closing is planned but has not happened yet.
        with_case(
            Plan::new(),
            "2026-12-01",
            Some("2027-06-01"),
            Some(Outcome::PlacementShortened),
        ),
    ];
    let s = summarize(&plans, d("2027-03-01"));
    assert_eq!((s.plans, s.active, s.closed), (4, 2, 2));
    assert_eq!(
        s.days_to_close,
        Some(Spread {
            count: 2,
            min: 62,
            median: 76.5,
            max: 91
        })
    );
    let count = |o: Outcome| s.outcomes.iter().find(|(x, _)| *x == o).map(|(_, n)| *n);
    assert_eq!(count(Outcome::PlacementAvoided), Some(1));
    assert_eq!(count(Outcome::PlacementShortened), Some(0));
    assert_eq!(
        s.outcomes.len(),
        Outcome::ALL.len(),
        "every outcome has a row"
    );
    assert_eq!(s.outcome_unknown, 1);
    assert_eq!(s.children, 4);

    let mut more = plans.clone();
    more.push(with_case(
        Plan::new(),
        "2026-01-01",
        Some("2026-04-11"),
        Some(Outcome::Placed),
    ));
    let s = summarize(&more, d("2027-03-01"));
    assert_eq!(
        s.days_to_close.as_ref().map(|x| (x.median, x.max)),
        Some((91.0, 100))
    );
}

#[test]
fn a_close_date_before_the_start_is_not_a_zero_day_case() {
    let plans = vec![with_case(
        Plan::new(),
        "2026-12-01",
        Some("2026-11-01"),
        Some(Outcome::Other),
    )];
    let s = summarize(&plans, d("2027-01-01"));
    assert_eq!(s.closed, 1);
    assert_eq!(s.days_to_close, None);
}

#[test]
fn check_ins_per_week_counts_only_the_weeks_of_work() {
    // Fourteen days of work with seven check-ins: 3.5 a week. The check-in
    // logged after the close does not count, nor does a plan with no start.
    let mut plan = with_case(
        small_plan("2026-11-01", vec![agreement(1, &[1], vec![], vec![])]),
        "2026-11-01",
        Some("2026-11-14"),
        None,
    );
    for (i, day) in [1, 3, 5, 7, 9, 11, 13, 20].iter().enumerate() {
        add(
            &mut plan,
            check_in(
                i as u32 + 1,
                1,
                &format!("2026-11-{day:02}"),
                CheckOutcome::Kept,
                None,
            ),
        );
    }
    let s = summarize(&[plan, sample_plan_without_start()], d("2026-12-01"));
    assert_eq!(s.check_ins_per_week, Some(3.5));
    assert_eq!(summarize(&[], d("2026-12-01")).check_ins_per_week, None);
}

fn sample_plan_without_start() -> Plan {
    let mut plan = sample_plan();
    plan.apply(Edit::SetCase(CaseStatus::default()))
        .expect("clear case");
    plan
}

#[test]
fn csv_is_rfc_4180_in_both_languages() {
    let plans = vec![
        sample_plan(),
        with_case(
            sample_plan(),
            "2026-10-26",
            Some("2027-01-25"),
            Some(Outcome::PlacementAvoided),
        ),
        with_case(Plan::new(), "2026-12-01", Some("2027-02-01"), None),
    ];
    let s = summarize(&plans, d("2027-03-01"));
    let sv = to_csv(&s, Lang::Sv);
    // As Excel in Swedish reads it: semicolons between columns, decimal comma.
    assert!(sv.starts_with("Mått;Värde\r\n"));
    assert!(sv.ends_with("\r\n"));
    assert!(
        !sv.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    assert!(
        sv.contains("\r\nDagar från start till avslut, median;76,5\r\n"),
        "{sv}"
    );
    let en = to_csv(&s, Lang::En);
    // In English, a label with a comma is quoted, and the decimal is a point.
    assert!(
        en.contains("\r\n\"Days from start to close, median\",76.5\r\n"),
        "{en}"
    );
    assert!(en.contains("\r\nPlacement avoided,1\r\n"));
    assert!(en.contains("\r\nClosed plans,2\r\n"));
    for (csv, separator) in [(&sv, ';'), (&en, ',')] {
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), s.rows(Lang::Sv).len() + 1);
        for line in lines {
            // Outside quotes, exactly one separator splits label and value.
            let mut quoted = false;
            let separators = line.chars().filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == separator && !quoted
            });
            assert_eq!(separators.count(), 1, "{line}");
        }
    }
    // Empty values when nothing can be measured yet.
    let none = to_csv(&summarize(&[sample_plan()], d("2026-11-23")), Lang::En);
    assert!(
        none.contains("\r\n\"Days from start to close, median\",\r\n"),
        "{none}"
    );
}

#[test]
fn csv_quoting_doubles_quotes_and_protects_line_breaks() {
    assert_eq!(csv_field("plain", ','), "plain");
    assert_eq!(csv_field("a \"b\", c", ','), "\"a \"\"b\"\", c\"");
    assert_eq!(csv_field("two\r\nlines", ';'), "\"two\r\nlines\"");
    assert_eq!(csv_field("a, b", ';'), "a, b");
    assert_eq!(csv_field("a; b", ';'), "\"a; b\"");
    assert_eq!(csv_field("", ','), "");
}

#[test]
fn no_name_from_any_plan_reaches_the_csv() {
    let mut odd = small_plan("2026-11-01", vec![]);
    let mut kid = odd.child(PersonId(10)).expect("child").clone();
    kid.name = "Zebulon".into();
    update(&mut odd, kid);
    odd.apply(Edit::SetTitle("Familjen Quixote".into()))
        .expect("title");
    let plans = vec![
        sample_plan(),
        with_case(
            sample_plan(),
            "2026-10-26",
            Some("2027-01-25"),
            Some(Outcome::Placed),
        ),
        odd,
    ];
    let names: Vec<String> = plans.iter().flat_map(names).collect();
    assert!(names.contains(&"Zebulon".to_string()) && names.contains(&"Jenny".to_string()));
    for lang in Lang::ALL {
        let csv = to_csv(&summarize(&plans, d("2027-03-01")), lang);
        for name in &names {
            assert!(
                !csv.contains(name.as_str()),
                "{name} leaked into the {lang:?} CSV"
            );
        }
        assert!(!csv.contains("070-"), "phone numbers never appear");
    }
}
