//! A large deterministic plan (1,000 people, the scale the benchmarks use):
//! it round-trips, stays inside every import limit, and imports and exports
//! fast. Prints the timings (`cargo test --release --test format_large -- --nocapture`).
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use skyddsnat_core::file::{from_json, limits, to_json};
use skyddsnat_core::*;
use std::time::{Duration, Instant};

/// A plan with `n` people around two children, each with a relation, a
/// meeting of everyone, an agreement per ten people with a four-step chain,
/// and a check-in log of ten per agreement. Built through `Plan::apply`.
fn large_plan(n: u32) -> Plan {
    let mut plan = Plan::new();
    let mut add = |e: Edit| {
        plan.apply(e).unwrap_or_else(|e| panic!("large plan: {e}"));
    };
    add(Edit::SetTitle("Stor plan".into()));
    for (id, name) in [(1, "Alva"), (2, "Elis")] {
        add(Edit::add(Child {
            id: PersonId(id),
            name: name.into(),
            age: Age::new(7).expect("age"),
            note: String::new(),
        }));
    }
    let people: Vec<PersonId> = (0..n).map(|i| PersonId(i + 10)).collect();
    for (i, id) in people.iter().enumerate() {
        let i = i as u32;
        add(Edit::add(Person {
            id: *id,
            name: format!("Person {i}"),
            role: "granne".into(),
            kind: PersonKind::Private,
            agency: None,
            place: Place {
                ring: Ring::ALL[(i % 3) as usize],
                sector: Sector::ALL[(i % 6) as usize],
                along: Permille::new((i * 37 % 1001) as u16).expect("permille"),
                depth: Permille::HALF,
            },
            lives_with_child: false,
            custodian_of: Vec::new(),
            protected: i.is_multiple_of(17),
            phone: format!("070-{i:07}"),
            note: "Kan hämta på förskolan.".into(),
        }));
        add(Edit::add(Relation {
            id: RelationId(i + 1),
            from: *id,
            to: PersonId(1 + i % 2),
            kind: RelationKind::ALL[(i % 4) as usize],
            supports: i.is_multiple_of(2),
            note: String::new(),
        }));
    }
    let day = Date::from_ymd(2026, 11, 23).expect("date");
    add(Edit::add(Meeting {
        participants: people.clone(),
        ..Meeting::held(MeetingId(1), day)
    }));
    for (a, group) in people.chunks(10).enumerate() {
        let a = a as u32;
        add(Edit::add(Agreement {
            id: AgreementId(a + 1),
            text: format!("Överenskommelse {a}: barnen är aldrig ensamma hemma."),
            responsible: group[..2].to_vec(),
            checks: vec![Check {
                by: group[2..4].to_vec(),
                method: Method::Call,
                when: Frequency::Day,
                time: TimeOfDay::from_hm(19, 0),
                note: String::new(),
            }],
            chain: group[4..8]
                .iter()
                .map(|p| Step {
                    people: vec![*p],
                    action: "Ringer nästa person i kedjan.".into(),
                })
                .collect(),
        }));
        for k in 0..10 {
            add(Edit::add(CheckIn {
                id: CheckInId(a * 10 + k + 1),
                agreement: AgreementId(a + 1),
                check: Some(0),
                by: None,
                time: None,
                how: Some(Method::Call),
                date: day.add_days(-(k as i32)),
                outcome: CheckOutcome::Kept,
                step: None,
                note: String::new(),
            }));
        }
    }
    plan
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[test]
fn a_1000_person_plan_round_trips_within_the_limits_and_quickly() {
    let plan = large_plan(1_000);
    let text = to_json(&plan);
    assert!(text.len() < limits::MAX_BYTES, "{} bytes", text.len());
    let mut export = Vec::new();
    let mut import = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let t = to_json(&plan);
        export.push(start.elapsed());
        let start = Instant::now();
        let back = from_json(&t).unwrap_or_else(|e| panic!("{e}"));
        import.push(start.elapsed());
        assert_eq!(back, plan);
    }
    let (export, import) = (median(export), median(import));
    // How much of import is the integrity check, and how much plain parsing.
    let start = Instant::now();
    assert!(plan.check_integrity().is_ok());
    let integrity = start.elapsed();
    let start = Instant::now();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let parse = start.elapsed();
    drop(parsed);
    eprintln!(
        "1,000 people, {} kB: export {export:?}, import {import:?} (median of 5; \
         of which plain JSON parsing {parse:?}, check_integrity {integrity:?})",
        text.len() / 1000
    );
    // Generous even for an unoptimised build on a busy machine.
    assert!(import < Duration::from_secs(2), "import took {import:?}");
    assert!(export < Duration::from_secs(2), "export took {export:?}");
}

#[test]
fn the_largest_allowed_network_still_opens() {
    let plan = large_plan(limits::MAX_PEOPLE as u32);
    let text = to_json(&plan);
    assert!(text.len() < limits::MAX_BYTES, "{} bytes", text.len());
    let start = Instant::now();
    assert_eq!(from_json(&text).unwrap_or_else(|e| panic!("{e}")), plan);
    assert!(start.elapsed() < Duration::from_secs(4));
}
