//! Properties of the analysis over generated plans: whatever the network and
//! the log look like, the schedule, findings, figures, diff and statistics
//! keep the promises their documentation makes.

use crate::analysis_support::*;
use proptest::prelude::*;
use skyddsnat_core::analysis::figures::figures;
use skyddsnat_core::analysis::period::Period;
use skyddsnat_core::analysis::review::{diff, Delta};
use skyddsnat_core::analysis::schedule::{due_step, earliest_counted_day, overdue, upcoming, Slot};
use skyddsnat_core::analysis::stats::unit_figures;
use skyddsnat_core::analysis::validate::validate;
use skyddsnat_core::*;
use std::collections::HashSet;

/// A check: who (indices), frequency code, hour.
type CheckShape = (Vec<u32>, u8, Option<u32>);
/// An agreement: responsible, checks, the people of each step.
type AgreementShape = (Vec<u32>, Vec<CheckShape>, Vec<Vec<u32>>);

/// The raw material of a plan: indices into the people, codes for kinds.
#[derive(Clone, Debug)]
struct Shape {
    people: u32,
    children: u32,
    relations: Vec<(u32, u32, usize)>,
    agreements: Vec<AgreementShape>,
    check_ins: Vec<(usize, i32, u8, Option<u16>)>,
    meeting: i32,
    started: Option<i32>,
    today: i32,
}

fn shape() -> impl Strategy<Value = Shape> {
    let ids = || prop::collection::vec(0u32..12, 0..3);
    (
        1u32..12,
        0u32..3,
        prop::collection::vec((0u32..15, 0u32..15, 0usize..4), 0..20),
        prop::collection::vec(
            (
                ids(),
                prop::collection::vec((ids(), 0u8..7, prop::option::of(0u32..24)), 0..3),
                prop::collection::vec(ids(), 0..5),
            ),
            0..5,
        ),
        prop::collection::vec(
            (0usize..5, 0i32..60, 0u8..3, prop::option::of(0u16..5)),
            0..30,
        ),
        0i32..60,
        prop::option::of(0i32..60),
        0i32..80,
    )
        .prop_map(
            |(people, children, relations, agreements, check_ins, meeting, started, today)| Shape {
                people,
                children,
                relations,
                agreements,
                check_ins,
                meeting,
                started,
                today,
            },
        )
}

const BASE: &str = "2028-01-20";

fn frequency(code: u8) -> Frequency {
    match code {
        0 => Frequency::Day,
        1 => Frequency::Weekday,
        2 => Frequency::Weekend,
        3 => Frequency::Days {
            days: vec![Weekday::Tue, Weekday::Sat],
        },
        4 => Frequency::NthDay {
            n: 3,
            from: d(BASE).add_days(5),
        },
        5 => Frequency::Week { times: 2 },
        _ => Frequency::Once {
            date: d(BASE).add_days(30),
        },
    }
}

/// Builds the plan through `Plan::apply`, dropping references that fall
/// outside the people generated (as the UI could never make them).
fn build(s: &Shape) -> (Plan, Date) {
    let base = d(BASE);
    let mut plan = Plan::new();
    let person_ids: Vec<u32> = (1..=s.people).collect();
    let child_ids: Vec<u32> = (100..100 + s.children).collect();
    for &c in &child_ids {
        add(&mut plan, child(c, &format!("Barn{c}"), (c % 13) as u8));
    }
    for &p in &person_ids {
        let sector = Sector::ALL[(p % 6) as usize];
        add(
            &mut plan,
            person(p, &format!("Person{p}"), sector, (p % 3 + 1) as u8),
        );
    }
    let everyone: Vec<u32> = person_ids.iter().chain(child_ids.iter()).copied().collect();
    let pick = |i: u32| everyone.get(i as usize).copied();
    let people = |ids: &[u32]| -> Vec<u32> {
        let mut out: Vec<u32> = ids
            .iter()
            .filter_map(|&i| person_ids.get(i as usize).copied())
            .collect();
        out.dedup();
        out
    };
    for (n, &(a, b, kind)) in s.relations.iter().enumerate() {
        if let (Some(from), Some(to)) = (pick(a), pick(b)) {
            if from != to {
                add(
                    &mut plan,
                    Relation {
                        id: RelationId(n as u32 + 1),
                        from: PersonId(from),
                        to: PersonId(to),
                        kind: RelationKind::ALL[kind],
                        supports: false,
                        note: String::new(),
                    },
                );
            }
        }
    }
    for (n, (responsible, checks, chain)) in s.agreements.iter().enumerate() {
        let checks = checks
            .iter()
            .map(|(by, code, hour)| {
                let time = hour.map(|h| format!("{h:02}:00"));
                check(&people(by), frequency(*code), time.as_deref())
            })
            .collect();
        let chain = chain
            .iter()
            .map(|p| step(&people(p), "Gör något"))
            .collect();
        add(
            &mut plan,
            agreement(n as u32 + 1, &people(responsible), checks, chain),
        );
    }
    let agreements = s.agreements.len();
    for (n, &(a, day, outcome, step)) in s.check_ins.iter().enumerate() {
        if a < agreements {
            let outcome = [
                CheckOutcome::Kept,
                CheckOutcome::NotKept,
                CheckOutcome::Missed,
            ][outcome as usize];
            let date = base.add_days(day).to_string();
            add(
                &mut plan,
                check_in(n as u32 + 1, a as u32 + 1, &date, outcome, step),
            );
        }
    }
    add(&mut plan, meeting(1, &base.add_days(s.meeting).to_string()));
    plan.apply(Edit::SetCase(CaseStatus {
        started: s.started.map(|o| base.add_days(o)),
        closed: None,
        outcome: None,
        ..CaseStatus::default()
    }))
    .expect("case");
    (plan, base.add_days(s.today))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_schedule_keeps_its_rules(s in shape()) {
        let (plan, today) = build(&s);
        let window = 10;
        let due = upcoming(&plan, today, window);
        for c in &due {
            prop_assert!(c.date >= today && c.date < today.add_days(window as i32));
            let a = plan.agreement(c.agreement).expect("agreement exists");
            let check = &a.checks[c.check];
            match c.slot {
                Slot::ThisWeek { .. } => prop_assert!(c.date == today || c.date.weekday() == Weekday::Mon),
                _ => prop_assert!(check.when.falls_on(c.date)),
            }
        }
        let keys: Vec<(Date, Slot)> = due.iter().map(|c| (c.date, c.slot)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);

        let logged: HashSet<(AgreementId, Date)> = plan.check_ins().iter().map(|c| (c.agreement, c.date)).collect();
        let earliest = earliest_counted_day(&plan, today);
        for c in overdue(&plan, today) {
            prop_assert!(c.date >= earliest && c.date < today, "{c:?}");
            prop_assert!(!logged.contains(&(c.agreement, c.date)));
        }
        for a in plan.agreements() {
            if let Some(step) = due_step(&plan, a.id, today) {
                prop_assert!(step >= 1 && step < a.chain.len());
            }
            // A kept check-in logged today, after everything else, means plan A holds.
            let mut kept = plan.clone();
            add(&mut kept, check_in(10_000, a.id.0, &today.to_string(), CheckOutcome::Kept, None));
            prop_assert_eq!(due_step(&kept, a.id, today), None);
        }
    }

    #[test]
    fn findings_are_sorted_complete_sentences(s in shape()) {
        let (plan, today) = build(&s);
        let findings = validate(&plan, today, false);
        let order: Vec<_> = findings.iter().map(|f| (f.severity, f.location)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted);
        for f in &findings {
            for lang in [Lang::Sv, Lang::En] {
                let m = f.message(lang);
                prop_assert!(!m.contains('{') && !m.starts_with("finding."), "{}", m);
            }
        }
        let no_checker = plan.agreements().iter().filter(|a| a.checks.iter().all(|c| c.by.is_empty())).count();
        prop_assert_eq!(findings.iter().filter(|f| f.key == "agreement_no_checker").count(), no_checker);
    }

    #[test]
    fn figures_add_up(s in shape()) {
        let (plan, _) = build(&s);
        let f = figures(&plan);
        prop_assert_eq!(f.by_sector.iter().map(|x| x.1).sum::<usize>(), f.people);
        prop_assert_eq!(f.by_ring.iter().map(|x| x.1).sum::<usize>(), f.people);
        prop_assert_eq!(f.private + f.professional, f.people);
        prop_assert!((0.0..=1.0).contains(&f.density));
        prop_assert!(f.isolated.iter().all(|p| f.no_line_to_child.contains(p)));
        prop_assert!(f.safe_inner.iter().all(|p| !f.concerns.contains(p)));
        prop_assert!(f.most_connected.windows(2).all(|w| w[0].1 >= w[1].1));
        prop_assert!(f.most_connected.iter().all(|(p, _)| !f.isolated.contains(p)));
        let with_load: HashSet<PersonId> = f.load.iter().map(|l| l.person).collect();
        prop_assert!(f.without_role.iter().all(|p| !with_load.contains(p)));
        prop_assert_eq!(f.without_role.len() + with_load.len(), f.people);
    }

    #[test]
    fn a_diff_sees_exactly_the_people_added_and_removed(s in shape(), t in shape()) {
        let (a, _) = build(&s);
        let (b, _) = build(&t);
        prop_assert!(diff(&a, &a).is_empty());
        let d = diff(&a, &b);
        let before: HashSet<PersonId> = a.people().iter().map(|p| p.id).collect();
        let after: HashSet<PersonId> = b.people().iter().map(|p| p.id).collect();
        let added: HashSet<PersonId> = d.people.iter().filter_map(|x| match x { Delta::Added(id) => Some(*id), _ => None }).collect();
        let removed: HashSet<PersonId> = d.people.iter().filter_map(|x| match x { Delta::Removed(id) => Some(*id), _ => None }).collect();
        prop_assert_eq!(added, after.difference(&before).copied().collect::<HashSet<_>>());
        prop_assert_eq!(removed, before.difference(&after).copied().collect::<HashSet<_>>());
        let new_ids: HashSet<CheckInId> = d.new_check_ins.iter().copied().collect();
        let expected: HashSet<CheckInId> = b.check_ins().iter().map(|c| c.id).filter(|id| !a.check_ins().iter().any(|c| c.id == *id)).collect();
        prop_assert_eq!(new_ids, expected);
    }

    #[test]
    fn statistics_add_up(s in shape(), t in shape()) {
        let (a, today) = build(&s);
        let (b, _) = build(&t);
        let plans = vec![a, b];
        // Over all time, every check-in is counted once under its outcome.
        let all = Period::new(Date::from_ymd(1900, 1, 1).unwrap(), Date::from_ymd(2200, 12, 31).unwrap()).unwrap();
        let f = unit_figures(&plans, all, Lang::Sv);
        let checks = &f.sections[6].rows;
        let by_outcome: f64 = checks[3..8].iter().map(|r| r.1[0].value).sum();
        let logged: usize = plans.iter().map(|p| p.check_ins().len()).sum();
        prop_assert_eq!(by_outcome, logged as f64);
        let children: f64 = f.sections[1].rows[1..].iter().map(|r| r.1[0].value).sum();
        prop_assert_eq!(children, f.sections[1].rows[0].1[0].value);
        let _ = today;
    }
}
