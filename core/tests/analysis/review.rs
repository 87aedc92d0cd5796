//! Meeting snapshots, the diff between two versions of a plan, and scaling trends.

use crate::analysis_support::*;
use skyddsnat_core::analysis::review::*;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::*;

fn answer(meeting: u32, person: u32, value: u8) -> ScaleAnswer {
    ScaleAnswer {
        meeting: MeetingId(meeting),
        person: PersonId(person),
        value: Score::new(value).expect("score"),
    }
}

/// The sample family three weeks after meeting 2: meeting 3 held, Tomas has
/// left the network, Ali joined, Gunnar moved closer, plan C of agreement 1
/// changed, two evening calls logged and new scaling answers.
fn third_meeting() -> Plan {
    let mut plan = sample_plan();
    let batch = plan.remove_person(PersonId(6)).expect("remove Tomas");
    plan.apply(batch).expect("cascade");
    add(&mut plan, person(20, "Ali", Sector::FriendsNeighbours, 2));
    let mut gunnar = plan.person(PersonId(8)).expect("Gunnar").clone();
    gunnar.place.ring = Ring::INNER;
    update(&mut plan, gunnar);
    let mut a1 = plan.agreement(AgreementId(1)).expect("agreement 1").clone();
    a1.chain[2].people = vec![PersonId(20)];
    update(&mut plan, a1);
    add(
        &mut plan,
        check_in(200, 1, "2026-12-02", CheckOutcome::Kept, None),
    );
    add(
        &mut plan,
        check_in(199, 1, "2026-12-01", CheckOutcome::Missed, Some(1)),
    );
    // The meeting planned for 14 December is held.
    hold(&mut plan, 3);
    let mut scale = plan.scales()[0].clone();
    scale
        .answers
        .extend([answer(3, 3, 8), answer(3, 4, 7), answer(3, 20, 6)]);
    update(&mut plan, scale);
    plan
}

#[test]
fn a_plan_compared_with_itself_has_no_changes() {
    let plan = sample_plan();
    let d = diff(&plan, &plan);
    assert!(d.is_empty(), "{d:?}");
    // The scaling answers are still side by side, equal.
    assert_eq!(d.scaling.len(), 1);
    assert!(d.scaling[0]
        .rows
        .iter()
        .all(|r| r.before.is_some() && r.before == r.after));
}

#[test]
fn what_changed_since_meeting_two() {
    let before = sample_plan();
    let after = third_meeting();
    let d = diff(&before, &after);
    assert!(!d.is_empty());
    assert_eq!(
        d.people,
        vec![
            Delta::Changed(PersonId(8), vec![Field::Ring]),
            Delta::Added(PersonId(20)),
            Delta::Removed(PersonId(6)),
        ]
    );
    assert_eq!(
        d.agreements,
        vec![Delta::Changed(AgreementId(1), vec![Field::Step(2)])]
    );
    // Tomas took part in meeting 1: removing him took him off its list too.
    assert_eq!(
        d.meetings,
        vec![
            // Tomas left the network: he is no longer invited or present.
            Delta::Changed(MeetingId(1), vec![Field::Invited, Field::Participants]),
            Delta::Changed(MeetingId(2), vec![Field::Invited]),
            // Planned at meeting 2, held since.
            Delta::Changed(MeetingId(3), vec![Field::Held, Field::Invited])
        ]
    );
    // Logged out of order, listed by date.
    assert_eq!(d.new_check_ins, vec![CheckInId(199), CheckInId(200)]);
    assert!(d.changed_check_ins.is_empty());
    assert!(d.relations.is_empty() && d.dangers.is_empty() && d.consents.is_empty());
    assert!(!d.title && !d.case);
}

#[test]
fn scaling_answers_side_by_side_between_the_two_latest_meetings() {
    let d = diff(&sample_plan(), &third_meeting());
    let s = &d.scaling[0];
    assert_eq!(
        (s.before_meeting, s.after_meeting),
        (Some(MeetingId(2)), Some(MeetingId(3)))
    );
    let rows: Vec<(u32, Option<u8>, Option<u8>)> = s
        .rows
        .iter()
        .map(|r| (r.person.0, r.before, r.after))
        .collect();
    assert_eq!(
        rows,
        vec![
            (3, Some(6), Some(8)), // Jenny
            (4, Some(7), Some(7)), // Mikael
            (5, Some(5), None),    // Birgitta did not answer at meeting 3
            (10, Some(5), None),   // Pernilla
            (12, Some(5), None),   // Lena
            (20, None, Some(6)),   // Ali, new
        ]
    );
}

#[test]
fn agreement_changes_name_the_checks_and_steps_added_or_removed() {
    let before = sample_plan();
    let mut after = before.clone();
    let mut a2 = after
        .agreement(AgreementId(2))
        .expect("agreement 2")
        .clone();
    a2.checks.pop();
    a2.chain.push(step(&[12], "Lena ringer socialjouren."));
    a2.text.push_str(" Gäller även helger.");
    update(&mut after, a2);
    let d = diff(&before, &after);
    assert_eq!(
        d.agreements,
        vec![Delta::Changed(
            AgreementId(2),
            vec![Field::Text, Field::Check(1), Field::Step(4)]
        )]
    );
    assert_eq!(Field::Step(4).label(Lang::Sv), "plan E");
    assert_eq!(Field::Check(1).label(Lang::En), "check 2");
    assert_eq!(Field::Ring.label(Lang::En), "ring");
    assert_eq!(d.agreements[0].id(), AgreementId(2));
}

#[test]
fn an_edited_or_removed_check_in_is_reported() {
    let before = sample_plan();
    let mut after = before.clone();
    let mut c = after.check_ins()[0].clone();
    c.outcome = CheckOutcome::NotKept;
    update(&mut after, c);
    after
        .apply(Edit::remove::<CheckIn>(CheckInId(2)))
        .expect("remove");
    let d = diff(&before, &after);
    assert_eq!(d.changed_check_ins, vec![CheckInId(1), CheckInId(2)]);
    assert!(d.new_check_ins.is_empty());
    assert!(!d.is_empty());
}

#[test]
fn a_removed_scale_keeps_its_earlier_answers_visible() {
    let before = sample_plan();
    let mut after = before.clone();
    after
        .apply(Edit::remove::<ScaleQuestion>(ScaleId(1)))
        .expect("remove scale");
    let d = diff(&before, &after);
    assert_eq!(d.scales, vec![Delta::Removed(ScaleId(1))]);
    assert_eq!(d.scaling.len(), 1);
    assert!(d.scaling[0]
        .rows
        .iter()
        .all(|r| r.before.is_some() && r.after.is_none()));
}

#[test]
fn scale_trend_per_person_in_meeting_date_order() {
    let plan = third_meeting();
    let trend = scale_trend(&plan, ScaleId(1));
    let who: Vec<u32> = trend.iter().map(|(p, _)| p.0).collect();
    // Plan order of the network: Jenny, Mikael, Birgitta, Pernilla, Lena, then Ali (added last).
    assert_eq!(who, vec![3, 4, 5, 10, 12, 20]);
    let jenny: Vec<(u32, String, u8)> = trend[0]
        .1
        .iter()
        .map(|(m, date, v)| (m.0, date.to_string(), *v))
        .collect();
    assert_eq!(
        jenny,
        vec![
            (1, "2026-11-02".to_string(), 5),
            (2, "2026-11-23".to_string(), 6),
            (3, "2026-12-14".to_string(), 8),
        ]
    );
    assert_eq!(trend[5].1.len(), 1);
    assert!(scale_trend(&plan, ScaleId(9)).is_empty());
}

#[test]
fn scale_trend_follows_meeting_dates_not_the_order_answers_were_typed() {
    let mut plan = sample_plan();
    // A meeting entered afterwards that took place before the first one.
    add(&mut plan, meeting(4, "2026-10-26"));
    let mut scale = plan.scales()[0].clone();
    scale.answers.push(answer(4, 3, 2));
    update(&mut plan, scale);
    let trend = scale_trend(&plan, ScaleId(1));
    let values: Vec<u8> = trend[0].1.iter().map(|p| p.2).collect();
    assert_eq!(values, vec![2, 5, 6]);
}

#[test]
fn the_changes_read_as_sentences_in_both_languages() {
    let before = sample_plan();
    let after = third_meeting();
    let d = diff(&before, &after);
    let sv = d.describe(&before, &after, Lang::Sv);
    assert_eq!(
        sv,
        vec![
            "Gunnar: ändrat ring.",
            "Ny i nätverket: Ali.",
            "Inte längre med i nätverket: Tomas.",
            "Överenskommelse 1: ändrat plan C.",
            "Möten: 0 nya, 0 borttagna, 3 ändrade.",
            "Nya loggade kontroller: 2.",
        ]
    );
    let en = d.describe(&before, &after, Lang::En);
    assert_eq!(en[2], "No longer in the network: Tomas.");
    assert_eq!(en[3], "Agreement 1: changed plan C.");
    assert!(diff(&before, &before)
        .describe(&before, &before, Lang::En)
        .is_empty());
}
