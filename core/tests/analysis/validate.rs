//! Validation findings: each finding on a minimal change to the sample family.

use crate::analysis_support::*;
use skyddsnat_core::analysis::validate::{
    validate, Finding, Location, Part, Severity, VOICE_OF_THEIR_OWN_AGE,
};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::*;

const MEETING_DAY: &str = "2026-11-23";

fn found(plan: &Plan, today: &str) -> Vec<(&'static str, Location)> {
    validate(plan, d(today), false)
        .into_iter()
        .map(|f| (f.key, f.location))
        .collect()
}

fn only(plan: &Plan, today: &str, key: &str) -> Finding {
    let all: Vec<Finding> = validate(plan, d(today), false)
        .into_iter()
        .filter(|f| f.key == key)
        .collect();
    assert_eq!(all.len(), 1, "expected one {key}, got {all:?}");
    all.into_iter().next().expect("one finding")
}

fn agreement_of(plan: &Plan, id: u32) -> Agreement {
    plan.agreement(AgreementId(id)).expect("agreement").clone()
}

fn edit_agreement(plan: &mut Plan, id: u32, change: impl FnOnce(&mut Agreement)) {
    let mut a = agreement_of(plan, id);
    change(&mut a);
    update(plan, a);
}

fn edit_person(plan: &mut Plan, id: u32, change: impl FnOnce(&mut Person)) {
    let mut p = plan.person(PersonId(id)).expect("person").clone();
    change(&mut p);
    update(plan, p);
}

/// What the sample shows a consultant: the one thing they would agree with.
#[test]
fn the_sample_at_meeting_two_has_one_honest_warning() {
    let plan = sample_plan();
    let findings = validate(&plan, d(MEETING_DAY), false);
    let got: Vec<(Severity, Location, &str)> = findings
        .iter()
        .map(|f| (f.severity, f.location, f.key))
        .collect();
    // Birgitta calls every evening, fetches the children, takes them in and
    // sleeps over at weekends: much rests on her. Jenny is named in even more,
    // but the plan is about her home; "share the load" is not advice for her.
    assert_eq!(
        got,
        vec![(
            Severity::Warning,
            Location::Person(PersonId(5)),
            "person_overloaded"
        )]
    );
    assert_eq!(
        findings[0].message(Lang::Sv),
        "Birgitta har 4 åtaganden i planen (överenskommelser och reservsteg)."
    );
    assert_eq!(
        findings[0].message(Lang::En),
        "Birgitta has 4 commitments in the plan (agreements and fallback steps)."
    );
    assert!(findings[0]
        .hint(Lang::Sv)
        .contains("även när Birgitta inte kan"));
}

#[test]
fn a_parent_the_children_live_with_is_not_told_to_share_the_load() {
    let mut plan = sample_plan();
    let overloaded = |plan: &Plan| -> Vec<PersonId> {
        validate(plan, d(MEETING_DAY), false)
            .iter()
            .filter(|f| f.key == "person_overloaded")
            .filter_map(|f| match f.location {
                Location::Person(p) => Some(p),
                _ => None,
            })
            .collect()
    };
    assert_eq!(overloaded(&plan), [PersonId(5)]);
    // Were Jenny not living with the children, her 7 would be flagged.
    edit_person(&mut plan, 3, |p| p.lives_with_child = false);
    assert_eq!(overloaded(&plan), [PersonId(3), PersonId(5)]);
}

#[test]
fn agreement_with_nobody_who_checks_it_is_an_error_in_both_languages() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| a.checks.clear());
    let f = only(&plan, MEETING_DAY, "agreement_no_checker");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location, Location::Agreement(AgreementId(2), Part::Whole));
    assert_eq!(
        f.message(Lang::Sv),
        "Överenskommelse 2 har ingen som kontrollerar den."
    );
    assert_eq!(f.message(Lang::En), "Agreement 2 has nobody who checks it.");
    assert!(f.hint(Lang::Sv).contains("kontroll"));
    // The error comes first in the list.
    assert_eq!(
        validate(&plan, d(MEETING_DAY), false)[0].key,
        "agreement_no_checker"
    );

    // Checks that all name nobody are the same gap, not one finding per check.
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| {
        a.checks.iter_mut().for_each(|c| c.by.clear())
    });
    let keys = found(&plan, MEETING_DAY);
    assert!(keys.contains(&(
        "agreement_no_checker",
        Location::Agreement(AgreementId(2), Part::Whole)
    )));
    assert!(!keys.iter().any(|(k, _)| *k == "check_nobody"));

    // One empty check beside a working one is a warning on that check.
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| a.checks[1].by.clear());
    let f = only(&plan, MEETING_DAY, "check_nobody");
    assert_eq!(
        f.location,
        Location::Agreement(AgreementId(2), Part::Check(1))
    );
    assert_eq!(
        f.message(Lang::En),
        "Check 2 of agreement 2 does not say who checks."
    );
}

#[test]
fn agreement_with_nobody_responsible() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 3, |a| a.responsible.clear());
    let f = only(&plan, MEETING_DAY, "agreement_no_responsible");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.message(Lang::Sv),
        "Överenskommelse 3 har ingen som ansvarar för den."
    );
}

#[test]
fn the_agreement_number_is_its_place_in_the_list_not_its_id() {
    let mut plan = sample_plan();
    plan.apply(Edit::Agreement(Change::Move {
        id: AgreementId(3),
        to: 0,
    }))
    .expect("move");
    edit_agreement(&mut plan, 3, |a| a.responsible.clear());
    let f = only(&plan, MEETING_DAY, "agreement_no_responsible");
    assert_eq!(
        f.message(Lang::En),
        "Agreement 1 has nobody responsible for it."
    );
}

#[test]
fn a_check_on_fixed_days_needs_a_time_but_an_unannounced_visit_does_not() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 1, |a| a.checks[0].time = None);
    let f = only(&plan, MEETING_DAY, "check_no_time");
    assert_eq!(
        f.location,
        Location::Agreement(AgreementId(1), Part::Check(0))
    );
    // Agreement 2's weekly visit has no time in the sample and is not flagged.
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| {
        a.checks[1].when = Frequency::Days {
            days: vec![Weekday::Wed],
        };
    });
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "check_no_time"));
    edit_agreement(&mut plan, 2, |a| a.checks[1].method = Method::Visit);
    assert_eq!(
        only(&plan, MEETING_DAY, "check_no_time").location,
        Location::Agreement(AgreementId(2), Part::Check(1))
    );
}

#[test]
fn plan_c_names_nobody() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 1, |a| a.chain[2].people.clear());
    let f = only(&plan, MEETING_DAY, "step_nobody");
    assert_eq!(
        f.location,
        Location::Agreement(AgreementId(1), Part::Step(2))
    );
    assert_eq!(f.message(Lang::En), "Plan C of agreement 1 names nobody.");
    assert_eq!(
        f.message(Lang::Sv),
        "Plan C i överenskommelse 1 anger ingen person."
    );
}

#[test]
fn removing_a_person_from_the_network_leaves_their_step_naming_nobody() {
    // Sanna and Fatima are plan C of agreement 1; both leave the network.
    let mut plan = sample_plan();
    for id in [7, 9] {
        let batch = plan.remove_person(PersonId(id)).expect("cascade");
        plan.apply(batch).expect("remove");
    }
    assert_eq!(
        only(&plan, MEETING_DAY, "step_nobody").location,
        Location::Agreement(AgreementId(1), Part::Step(2))
    );
}

#[test]
fn a_chain_without_fallback_is_flagged() {
    for chain in [vec![], vec![step(&[3], "Jenny gör det.")]] {
        let mut plan = sample_plan();
        edit_agreement(&mut plan, 3, |a| a.chain = chain);
        let f = only(&plan, MEETING_DAY, "chain_too_short");
        assert_eq!(f.message(Lang::En), "Agreement 3 has no plan B.");
        assert!(!found(&plan, MEETING_DAY)
            .iter()
            .any(|(k, _)| *k == "chain_no_emergency"));
    }
}

#[test]
fn the_last_step_should_reach_help() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| {
        a.chain[3] = step(&[3], "Ring Gunnar igen.")
    });
    let f = only(&plan, MEETING_DAY, "chain_no_emergency");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(
        f.location,
        Location::Agreement(AgreementId(2), Part::Step(3))
    );
    assert!(f.message(Lang::Sv).contains("plan D"));
    for ok in [
        "Ring 112.",
        "Ring SOCIALJOUREN.",
        "Jenny ringer polisen.",
        "Call 112 at once",
    ] {
        let mut plan = sample_plan();
        edit_agreement(&mut plan, 2, |a| a.chain[3] = step(&[3], ok));
        assert!(
            !found(&plan, MEETING_DAY)
                .iter()
                .any(|(k, _)| *k == "chain_no_emergency"),
            "{ok}"
        );
    }
    // 112 inside a longer number is not the emergency number.
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 2, |a| {
        a.chain[3] = step(&[3], "Ring 08-1120 34.")
    });
    only(&plan, MEETING_DAY, "chain_no_emergency");
    // A professional named in the last step reaches social services.
    edit_agreement(&mut plan, 2, |a| a.chain[3].people.push(PersonId(12)));
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "chain_no_emergency"));
}

#[test]
fn the_person_responsible_should_not_be_the_only_checker() {
    let mut plan = sample_plan();
    edit_agreement(&mut plan, 1, |a| {
        a.checks.truncate(1);
        a.checks[0].by = vec![PersonId(3)];
    });
    let f = only(&plan, MEETING_DAY, "responsible_only_checker");
    assert_eq!(
        f.message(Lang::En),
        "Agreement 1 is checked only by the person responsible for it (Jenny)."
    );
    edit_agreement(&mut plan, 1, |a| a.checks[0].by.push(PersonId(5)));
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "responsible_only_checker"));
}

#[test]
fn review_dates() {
    let plan = sample_plan();
    // The meeting planned for 14 December was not marked held and today is the 20th.
    let keys = found(&plan, "2026-12-20");
    assert!(keys.contains(&("review_passed", Location::Meeting(MeetingId(3)))));
    assert!(keys.contains(&("review_none", Location::Plan)));
    assert_eq!(
        only(&plan, "2026-12-20", "review_passed").message(Lang::En),
        "The meeting on 2026-12-14 has passed but is not marked as held or cancelled."
    );
    // On the review day itself it is still upcoming.
    assert!(!found(&plan, "2026-12-14")
        .iter()
        .any(|(k, _)| k.starts_with("review")));
    let mut plan = sample_plan();
    plan.apply(Edit::remove::<Meeting>(MeetingId(3)))
        .expect("remove the planned meeting");
    only(&plan, MEETING_DAY, "review_none");
    // A closed case plans no more meetings.
    let mut closed = sample_plan();
    let mut case = closed.case().clone();
    case.closed = Some(d("2026-12-20"));
    closed.apply(Edit::SetCase(case)).expect("close");
    assert!(!found(&closed, "2026-12-20")
        .iter()
        .any(|(k, _)| k.starts_with("review")));
}

#[test]
fn danger_statements() {
    let mut plan = sample_plan();
    plan.apply(Edit::remove::<DangerStatement>(DangerId(1)))
        .expect("remove");
    only(&plan, MEETING_DAY, "no_danger");

    let mut plan = sample_plan();
    let mut danger = plan.dangers()[0].clone();
    danger.goal = "  ".into();
    update(&mut plan, danger.clone());
    assert_eq!(
        only(&plan, MEETING_DAY, "danger_no_goal").location,
        Location::Danger(DangerId(1))
    );

    let mut plan = sample_plan();
    for id in 2..=3 {
        add(
            &mut plan,
            DangerStatement {
                id: DangerId(id),
                goal: "Mål".into(),
                ..danger.clone()
            },
        );
    }
    assert!(
        !found(&plan, MEETING_DAY)
            .iter()
            .any(|(k, _)| *k == "too_many_dangers"),
        "three is fine"
    );
    add(
        &mut plan,
        DangerStatement {
            id: DangerId(4),
            goal: "Mål".into(),
            ..danger
        },
    );
    let f = only(&plan, MEETING_DAY, "too_many_dangers");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.message(Lang::En), "The plan has 4 danger statements.");
}

#[test]
fn no_scaling_answers_at_the_latest_meeting() {
    let mut plan = sample_plan();
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    let f = only(&plan, "2026-12-14", "no_scaling");
    assert_eq!(
        f.message(Lang::Sv),
        "Ingen har svarat på skalfrågorna vid senaste mötet (2026-12-14)."
    );
    let mut scale = plan.scales()[0].clone();
    scale.answers.push(ScaleAnswer {
        meeting: MeetingId(3),
        person: PersonId(3),
        value: Score::new(7).expect("score"),
    });
    update(&mut plan, scale);
    assert!(!found(&plan, "2026-12-14")
        .iter()
        .any(|(k, _)| *k == "no_scaling"));
}

fn no_words(child: u32) -> ChildView {
    ChildView {
        child: PersonId(child),
        worries: vec![],
        good_things: vec![],
        dreams: vec![],
        house: SafetyHouse::default(),
        words_and_pictures: " ".into(),
    }
}

#[test]
fn a_child_without_own_words_is_flagged_even_with_an_empty_view() {
    let mut plan = sample_plan();
    update(&mut plan, no_words(1));
    let f = only(&plan, MEETING_DAY, "child_no_voice");
    assert_eq!(f.location, Location::Child(PersonId(1)));
    assert_eq!(f.message(Lang::Sv), "Alvas egen röst saknas i planen.");
    assert!(f.hint(Lang::Sv).contains("Tre hus"));
    let house = SafetyHouse {
        path: Score::new(8),
        ..SafetyHouse::default()
    };
    update(
        &mut plan,
        ChildView {
            house,
            ..no_words(1)
        },
    );
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| k.starts_with("child_no_voice")));
}

#[test]
fn for_the_youngest_what_the_preschool_sees_and_the_parents_tell_is_the_childs_voice() {
    let mut plan = sample_plan();
    // Elis is 3: the sample holds what his preschool saw and what his mother
    // told, and that is his voice.
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| k.starts_with("child_no_voice")));
    update(&mut plan, no_words(2));
    let f = only(&plan, MEETING_DAY, "child_no_voice_young");
    assert_eq!(f.location, Location::Child(PersonId(2)));
    assert_eq!(
        f.message(Lang::Sv),
        "Inget är skrivet om hur Elis har det, sett från barnets håll."
    );
    assert!(f
        .hint(Lang::Sv)
        .contains("det förskolan ser och det föräldrarna berättar"));
    assert!(f
        .hint(Lang::En)
        .contains("what the preschool sees and what the parents tell"));
    // From four, a child is asked in its own words.
    let four = Child {
        age: Age::new(VOICE_OF_THEIR_OWN_AGE).expect("age"),
        ..plan.children()[1].clone()
    };
    update(&mut plan, four);
    assert_eq!(
        only(&plan, MEETING_DAY, "child_no_voice").hint(Lang::En),
        "Use the Three Houses or the Safety House and write down the child's own words."
    );
}

#[test]
fn protected_identity_with_a_stored_phone_number() {
    let mut plan = sample_plan();
    edit_person(&mut plan, 6, |p| p.protected = true); // Tomas has no number
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "protected_phone"));
    edit_person(&mut plan, 8, |p| p.protected = true); // Gunnar has one
    let f = only(&plan, MEETING_DAY, "protected_phone");
    assert_eq!(f.location, Location::Person(PersonId(8)));
    assert!(f
        .message(Lang::En)
        .starts_with("Gunnar has a protected identity"));
    assert!(
        !f.message(Lang::En).contains("070"),
        "the number itself is never repeated"
    );
}

#[test]
fn supervision_on_condition_without_a_condition() {
    let mut plan = sample_plan();
    let mut rule = plan.supervision()[0].clone();
    rule.condition = String::new();
    update(&mut plan, rule.clone());
    let f = only(&plan, MEETING_DAY, "condition_empty");
    assert_eq!(f.location, Location::Supervision(SupervisionId(1)));
    assert!(f.message(Lang::Sv).contains("Mikael"));
    update(
        &mut plan,
        SupervisionRule {
            allowed: Allowed::Never,
            ..rule
        },
    );
    assert!(!found(&plan, MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "condition_empty"));
}

#[test]
fn a_temporary_arrangement_past_its_end() {
    let plan = sample_plan();
    assert!(
        !found(&plan, "2026-11-29")
            .iter()
            .any(|(k, _)| *k == "arrangement_ended"),
        "its last day"
    );
    let f = only(&plan, "2026-11-30", "arrangement_ended");
    assert_eq!(
        f.message(Lang::En),
        "Temporary arrangement 1 ended on 2026-11-29."
    );
}

#[test]
fn overload_starts_at_four_agreements_and_steps() {
    let three = vec![
        agreement(
            1,
            &[1],
            vec![check(&[2], Frequency::Day, Some("19:00"))],
            vec![step(&[1], "A"), step(&[3], "B ring 112")],
        ),
        agreement(
            2,
            &[1],
            vec![check(&[2], Frequency::Day, Some("19:00"))],
            vec![step(&[1], "A"), step(&[3], "B ring 112")],
        ),
        agreement(
            3,
            &[4],
            vec![check(&[2], Frequency::Day, Some("19:00"))],
            vec![step(&[4], "A"), step(&[1], "B ring 112")],
        ),
    ];
    let plan = small_plan(MEETING_DAY, three.clone());
    let overloaded: Vec<Location> = found(&plan, MEETING_DAY)
        .into_iter()
        .filter(|(k, _)| *k == "person_overloaded")
        .map(|(_, l)| l)
        .collect();
    // Mor: two agreements and one step = 3. Mormor checks three agreements = 3.
    assert!(overloaded.is_empty(), "{overloaded:?}");
    let mut four = three;
    four[2].chain.push(step(&[2], "C ring socialjouren"));
    let plan = small_plan(MEETING_DAY, four);
    let overloaded: Vec<Location> = found(&plan, MEETING_DAY)
        .into_iter()
        .filter(|(k, _)| *k == "person_overloaded")
        .map(|(_, l)| l)
        .collect();
    assert_eq!(overloaded, vec![Location::Person(PersonId(2))]);
}

#[test]
fn an_evening_agreement_checked_only_in_office_hours() {
    let mut plan = sample_plan();
    // Only Birgitta's call, moved to the morning (no evening visit either).
    edit_agreement(&mut plan, 1, |a| {
        a.checks.truncate(1);
        a.checks[0].time = TimeOfDay::from_hm(10, 0);
    });
    let f = only(&plan, MEETING_DAY, "evening_office_hours");
    assert_eq!(
        f.message(Lang::En),
        "Agreement 1 is about the evening but is checked only during the day."
    );
    // Agreement 3 is about a card in the backpack, checked Monday morning: fine.
    assert!(!found(&sample_plan(), MEETING_DAY)
        .iter()
        .any(|(k, _)| *k == "evening_office_hours"));
}

#[test]
fn findings_are_sorted_by_severity_then_place_and_every_message_is_complete() {
    // A plan with nearly everything missing.
    let mut plan = small_plan(MEETING_DAY, vec![agreement(1, &[], vec![], vec![])]);
    add(
        &mut plan,
        agreement(
            2,
            &[1],
            vec![
                check(&[], Frequency::Day, None),
                check(&[1], Frequency::Day, None),
            ],
            vec![step(&[], "A"), step(&[], "B")],
        ),
    );
    edit_person(&mut plan, 1, |p| {
        p.protected = true;
        p.phone = "070".into();
    });
    add(&mut plan, Meeting::planned(MeetingId(9), d("2026-11-01")));
    add(
        &mut plan,
        SupervisionRule {
            id: SupervisionId(1),
            adult: PersonId(3),
            children: vec![],
            allowed: Allowed::OnCondition,
            condition: String::new(),
        },
    );
    add(
        &mut plan,
        Arrangement {
            id: ArrangementId(1),
            people: vec![],
            text: "x".into(),
            from: None,
            to: Some(d("2026-11-01")),
        },
    );
    for id in 1..=4 {
        add(
            &mut plan,
            DangerStatement {
                id: DangerId(id),
                statement: "s".into(),
                goal: String::new(),
                stances: vec![],
            },
        );
    }
    let findings = validate(&plan, d(MEETING_DAY), false);
    let keys: std::collections::BTreeSet<&str> = findings.iter().map(|f| f.key).collect();
    for key in [
        "agreement_no_responsible",
        "agreement_no_checker",
        "check_nobody",
        "check_no_time",
        "step_nobody",
        "chain_too_short",
        "chain_no_emergency",
        "responsible_only_checker",
        "review_none",
        "review_passed",
        "danger_no_goal",
        "too_many_dangers",
        "no_scaling",
        "child_no_voice",
        "protected_phone",
        "condition_empty",
        "arrangement_ended",
    ] {
        assert!(keys.contains(key), "missing {key}");
    }
    let order: Vec<(Severity, Location)> =
        findings.iter().map(|f| (f.severity, f.location)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(findings.last().map(|f| f.severity), Some(Severity::Info));
    for f in &findings {
        for lang in Lang::ALL {
            for text in [f.message(lang), f.hint(lang)] {
                assert!(
                    !text.contains('{') && !text.starts_with("finding."),
                    "{lang:?} {}: {text}",
                    f.key
                );
            }
        }
        assert_ne!(
            f.message(Lang::Sv),
            f.message(Lang::En),
            "{} is translated",
            f.key
        );
    }
}

#[test]
fn a_question_left_out_at_the_meeting_is_pointed_at() {
    let mut plan = sample_plan();
    add(
        &mut plan,
        ScaleQuestion {
            id: ScaleId(2),
            question: "Hur väl fungerar kvällarna?".into(),
            low: String::new(),
            high: String::new(),
            answers: vec![],
        },
    );
    let f = only(&plan, MEETING_DAY, "scale_unanswered");
    assert_eq!(f.location, Location::Scale(ScaleId(2)));
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(
        f.message(Lang::En),
        "Scaling question 2 was not answered at the latest meeting (2026-11-23)."
    );
    // When nothing was answered, one plan-level finding says so instead.
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    let keys = found(&plan, "2026-12-14");
    assert!(keys.contains(&("no_scaling", Location::Plan)));
    assert!(!keys.iter().any(|(k, _)| *k == "scale_unanswered"));
}

#[test]
fn with_names_hidden_no_finding_names_anyone() {
    let mut plan = sample_plan();
    // Findings that name people of every kind: a responsible person who
    // checks herself, a protected person with a phone, a child not heard.
    edit_agreement(&mut plan, 1, |a| {
        for c in &mut a.checks {
            c.by = vec![PersonId(3)];
        }
    });
    edit_person(&mut plan, 5, |p| {
        p.protected = true;
        p.phone = "070-1740605".into();
    });
    let shown = validate(&plan, d(MEETING_DAY), false);
    let hidden = validate(&plan, d(MEETING_DAY), true);
    let places = |fs: &[Finding]| fs.iter().map(|f| (f.key, f.location)).collect::<Vec<_>>();
    assert_eq!(
        places(&shown),
        places(&hidden),
        "the same findings, only worded"
    );
    let named: Vec<String> = shown
        .iter()
        .flat_map(|f| [f.message(Lang::Sv), f.hint(Lang::En)])
        .collect();
    let names = names(&plan);
    assert!(
        names
            .iter()
            .any(|n| named.iter().any(|m| m.contains(n.as_str()))),
        "the plain findings do name people: {named:?}"
    );
    for f in &hidden {
        for text in [
            f.message(Lang::Sv),
            f.message(Lang::En),
            f.hint(Lang::Sv),
            f.hint(Lang::En),
        ] {
            for name in &names {
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let whole = text.match_indices(name.as_str()).any(|(i, _)| {
                    !word(text[..i].chars().last()) && !word(text[i + name.len()..].chars().next())
                });
                assert!(!whole, "{name} in {text:?}");
            }
        }
    }
    let checker = hidden
        .iter()
        .find(|f| f.key == "responsible_only_checker")
        .expect("finding");
    let jenny = plan.person(PersonId(3)).expect("Jenny");
    assert!(
        checker.message(Lang::En).contains(jenny.role.trim()),
        "named by her role: {}",
        checker.message(Lang::En)
    );
}
