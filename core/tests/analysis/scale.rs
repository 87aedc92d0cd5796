//! The analysis stays fast on a very large plan: 1,000 people, 3,000 lines,
//! 300 agreements with checks and four-step chains, a year of check-ins.
//! Run with `--nocapture` to see the timings.

use crate::analysis_support::*;
use skyddsnat_core::analysis::figures::figures;
use skyddsnat_core::analysis::period::Period;
use skyddsnat_core::analysis::review::diff;
use skyddsnat_core::analysis::schedule::{due_step, overdue, upcoming};
use skyddsnat_core::analysis::stats::unit_figures;
use skyddsnat_core::analysis::validate::validate;
use skyddsnat_core::*;
use std::time::{Duration, Instant};

const PEOPLE: u32 = 1_000;

fn big_plan() -> Plan {
    let mut plan = Plan::new();
    add(&mut plan, child(5_000, "Barn", 8));
    for i in 1..=PEOPLE {
        let sector = Sector::ALL[(i % 6) as usize];
        add(
            &mut plan,
            person(i, &format!("P{i}"), sector, (i % 3 + 1) as u8),
        );
    }
    // Deterministic pseudo-random lines (no randomness in tests either).
    let mut id = 1;
    for i in 1..=PEOPLE {
        for k in [1, 7, 31] {
            let to = (i * k + 13) % PEOPLE + 1;
            if to != i {
                let kind = RelationKind::ALL[(i % 4) as usize];
                add(
                    &mut plan,
                    Relation {
                        id: RelationId(id),
                        from: PersonId(i),
                        to: PersonId(to),
                        kind,
                        supports: false,
                        note: String::new(),
                    },
                );
                id += 1;
            }
        }
    }
    add(&mut plan, meeting(1, "2026-11-01"));
    for a in 1..=300u32 {
        // Agreements rest on the first 200 people, so some carry too much.
        let p = |k: u32| (a * 3 + k) % 200 + 1;
        let when = match a % 4 {
            0 => Frequency::Day,
            1 => Frequency::Weekday,
            2 => Frequency::Week { times: 2 },
            _ => Frequency::NthDay {
                n: 2,
                from: d("2026-11-01"),
            },
        };
        add(
            &mut plan,
            agreement(
                a,
                &[p(0)],
                vec![
                    check(&[p(1)], when, Some("19:00")),
                    check(&[p(2)], Frequency::Weekend, None),
                ],
                vec![
                    step(&[p(0)], "A"),
                    step(&[p(1)], "B"),
                    step(&[p(2)], "C"),
                    step(&[p(3)], "Ring socialjouren"),
                ],
            ),
        );
    }
    let start = d("2026-01-01");
    for day in 0..300u32 {
        let a = (day % 300) + 1;
        let outcome = if day % 5 == 0 {
            CheckOutcome::Missed
        } else {
            CheckOutcome::Kept
        };
        let date = start.add_days(day as i32).to_string();
        add(&mut plan, check_in(day + 1, a, &date, outcome, None));
    }
    plan
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    println!("{label}: {took:?}");
    (out, took)
}

#[test]
fn validate_and_figures_on_a_thousand_people() {
    let (plan, _) = time("build via Plan::apply", big_plan);
    assert_eq!(plan.check_integrity(), Ok(()));
    let today = d("2026-11-10");
    let (findings, t_validate) = time("validate", || validate(&plan, today, false));
    let (f, t_figures) = time("figures", || figures(&plan));
    let (due, t_upcoming) = time("upcoming 14 days", || upcoming(&plan, today, 14));
    let (late, t_overdue) = time("overdue", || overdue(&plan, today));
    let (_, t_steps) = time("due_step for 300 agreements", || {
        plan.agreements()
            .iter()
            .filter_map(|a| due_step(&plan, a.id, today))
            .count()
    });
    let mut after = plan.clone();
    add(&mut after, person(PEOPLE + 1, "Ny", Sector::Leisure, 3));
    let (changes, t_diff) = time("diff", || diff(&plan, &after));
    let plans = vec![plan.clone(); 50];
    let (_, t_stats) = time("figures of 50 such plans", || {
        unit_figures(&plans, Period::year(2026).expect("a year"), Lang::Sv)
    });

    // The answers are about this plan, not empty shells.
    assert_eq!(f.people, PEOPLE as usize);
    assert!(f.most_connected.len() == 5 && f.most_connected[0].1 >= 6);
    assert!(!f.overloaded.is_empty());
    assert!(findings.iter().any(|x| x.key == "person_overloaded"));
    assert!(!due.is_empty() && !late.is_empty());
    assert_eq!(changes.people.len(), 1);
    // Generous bounds for a debug build on a shared two-core machine; a
    // quadratic slip (1,000² people × agreements) would blow far past them.
    for (what, took) in [
        ("validate", t_validate),
        ("figures", t_figures),
        ("upcoming", t_upcoming),
        ("overdue", t_overdue),
        ("due_step", t_steps),
        ("diff", t_diff),
        ("summarize", t_stats),
    ] {
        assert!(took < Duration::from_secs(3), "{what} took {took:?}");
    }
}
