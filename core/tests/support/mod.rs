//! Shared proptest generators for plans and edit sequences, and the one
//! invariant checker every property test uses ([`assert_plan_consistent`],
//! after petgraph's `assert_graph_consistent`).
//!
//! Use from a test file with `mod support;`. Plans are built through
//! [`Plan::apply`], so a generator bug that made an invalid plan would fail
//! loudly rather than test nothing.
#![allow(dead_code)]
// each test file uses a different part
// Seeds are tuples shaped like the strategies that make them; naming each
// tuple type would only repeat the strategy next to it.
#![allow(clippy::type_complexity)]

use proptest::prelude::*;
use proptest::sample::Index;
use skyddsnat_core::file::{from_json, to_json};
use skyddsnat_core::*;
use std::collections::HashSet;

// ---------------------------------------------------------------- values

/// A one-line text: names, roles, phone numbers (no control or format characters).
pub fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-ZÅÄÖ][a-zåäö]{0,9}",
        2 => "\\PC{0,16}",
        1 => Just("<script>alert(1)</script>".to_string()),
        1 => Just("\"&'<>".to_string()),
        1 => Just(String::new()),
    ]
}

/// A longer text: may hold line breaks, tabs and right-to-left embeddings.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zåäö ,.]{0,30}",
        2 => "\\PC{0,24}",
        1 => "[a-z]{0,8}\n[a-z\t]{0,8}\r\n[a-z]{0,4}",
        1 => Just("\u{202B}نص\u{202C} javascript:alert(1)".to_string()),
        1 => Just(String::new()),
    ]
}

pub fn date() -> impl Strategy<Value = Date> {
    let start = Date::from_ymd(1900, 1, 1).expect("1900-01-01 exists");
    (0i32..110_000).prop_map(move |n| start.add_days(n))
}

pub fn opt_date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(date())
}

pub fn time() -> impl Strategy<Value = TimeOfDay> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| TimeOfDay::from_hm(h, m).expect("valid time"))
}

pub fn sector() -> impl Strategy<Value = Sector> {
    prop::sample::select(Sector::ALL.to_vec())
}

pub fn place() -> impl Strategy<Value = Place> {
    (1u8..=3, sector(), 0u16..=1000, 0u16..=1000).prop_map(|(r, s, a, d)| Place {
        ring: Ring::new(r).expect("1–3"),
        sector: s,
        along: Permille::new(a).expect("0–1000"),
        depth: Permille::new(d).expect("0–1000"),
    })
}

pub fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Day),
        Just(Frequency::Weekday),
        Just(Frequency::Weekend),
        prop::sample::subsequence(Weekday::ALL.to_vec(), 1..=7)
            .prop_map(|days| Frequency::Days { days }),
        (1u8..=60, date()).prop_map(|(n, from)| Frequency::NthDay { n, from }),
        (1u8..=7).prop_map(|times| Frequency::Week { times }),
        date().prop_map(|date| Frequency::Once { date }),
    ]
}

/// Which check a logged check answers, who did it, at what time and how.
type CheckDetail = (
    Option<u16>,
    Option<Index>,
    Option<TimeOfDay>,
    Option<Method>,
);

pub fn settings() -> impl Strategy<Value = Settings> {
    (
        Just(Sector::ALL.to_vec()).prop_shuffle(),
        any::<bool>(),
        ("[0-9 +-]{0,14}", "[0-9 +-]{0,14}"),
        (time(), time()),
    )
        .prop_map(
            |(order, private, (out_of_hours, unit), (from, to))| Settings {
                sector_order: order,
                child_views_private: private,
                numbers: LocalNumbers { out_of_hours, unit },
                office_hours: OfficeHours { from, to },
            },
        )
}

pub fn staff() -> impl Strategy<Value = Staff> {
    (line(), "[0-9 +-]{0,14}", line()).prop_map(|(name, phone, unit)| Staff { name, phone, unit })
}

pub fn outcome() -> impl Strategy<Value = Outcome> {
    prop::sample::select(Outcome::ALL.to_vec())
}

pub fn case_status() -> impl Strategy<Value = CaseStatus> {
    let reopening = (date(), date(), prop::option::of(outcome()), text()).prop_map(
        |(date, closed, outcome, reason)| Reopening {
            date,
            closed,
            outcome,
            reason,
        },
    );
    (
        (
            line(),
            opt_date(),
            prop::collection::vec(staff(), 0..3),
            prop::option::of(staff()),
        ),
        (
            opt_date(),
            prop::option::of(outcome()),
            prop::option::of(0u16..400),
            text(),
            prop::collection::vec(reopening, 0..2),
        ),
    )
        .prop_map(
            |(
                (label, started, consultants, commissioner),
                (closed, outcome, shortened_days, close_reason, reopened),
            )| CaseStatus {
                label,
                started,
                consultants,
                commissioner,
                closed,
                outcome,
                shortened_days,
                close_reason,
                reopened,
            },
        )
}

// ------------------------------------------------- items with references

/// Picks ids from a pool by generated indices (the pool is never empty).
fn pick<T: Copy>(pool: &[T], at: &[Index]) -> Vec<T> {
    at.iter().map(|i| *i.get(pool)).collect()
}

fn indices(max: usize) -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), 0..=max)
}

prop_compose! {
    pub fn person_body()(
        name in line(), role in line(), private in any::<bool>(), place in place(),
        lives in any::<bool>(), protected in any::<bool>(), phone in "[0-9 +-]{0,14}",
        note in text(), agency in prop::option::of(prop::sample::select(AgencyKind::ALL.to_vec())),
    ) -> Person {
        Person {
            id: PersonId(0),
            name,
            role,
            kind: if private { PersonKind::Private } else { PersonKind::Professional },
            agency,
            place,
            lives_with_child: lives,
            custodian_of: Vec::new(),
            protected,
            phone,
            note,
        }
    }
}

/// Material for one agreement; references are resolved against the plan later.
#[derive(Clone, Debug)]
pub struct AgreementSeed {
    text: String,
    responsible: Vec<Index>,
    checks: Vec<(Vec<Index>, Method, Frequency, Option<TimeOfDay>, String)>,
    chain: Vec<(Vec<Index>, String)>,
}

prop_compose! {
    pub fn agreement_seed()(
        text in text(),
        responsible in indices(2),
        checks in prop::collection::vec(
            (indices(2), prop::sample::select(Method::ALL.to_vec()), frequency(),
             prop::option::of(time()), text()),
            0..3),
        chain in prop::collection::vec((indices(3), text()), 0..5),
    ) -> AgreementSeed {
        AgreementSeed { text, responsible, checks, chain }
    }
}

impl AgreementSeed {
    pub fn build(&self, id: AgreementId, people: &[PersonId]) -> Agreement {
        Agreement {
            id,
            text: self.text.clone(),
            responsible: pick(people, &self.responsible),
            checks: self
                .checks
                .iter()
                .map(|(by, method, when, time, note)| Check {
                    by: pick(people, by),
                    method: *method,
                    when: when.clone(),
                    time: *time,
                    note: note.clone(),
                })
                .collect(),
            chain: self
                .chain
                .iter()
                .map(|(p, action)| Step {
                    people: pick(people, p),
                    action: action.clone(),
                })
                .collect(),
        }
    }
}

/// Everything needed to build a plan; see [`plan`].
#[derive(Clone, Debug)]
pub struct PlanSeed {
    title: String,
    case: CaseStatus,
    settings: Settings,
    id_gaps: Vec<u32>,
    children: Vec<(String, u8, String)>,
    people: Vec<Person>,
    relations: Vec<(Index, Index, RelationKind, bool, String)>,
    meetings: Vec<(Date, Vec<Index>, String, MeetingSeed)>,
    notes: Vec<(Column, String)>,
    dangers: Vec<(String, String, Vec<(Index, Agreeing, String)>)>,
    scales: Vec<(String, String, String, Vec<(Index, Index, u8)>)>,
    agreements: Vec<AgreementSeed>,
    arrangements: Vec<(Vec<Index>, String, Option<Date>, Option<Date>)>,
    supervision: Vec<(Index, Vec<Index>, Allowed, String)>,
    check_ins: Vec<(Index, Date, CheckOutcome, Option<u16>, String, CheckDetail)>,
    consents: Vec<ConsentSeed>,
    follow_ups: Vec<(
        Date,
        Questionnaire,
        Respondent,
        Option<Index>,
        Vec<(String, Option<u8>, String)>,
        String,
    )>,
    child_views: Vec<(
        bool,
        Vec<Quote>,
        Vec<Quote>,
        Vec<(u8, Option<Index>, String)>,
        Option<u8>,
        String,
    )>,
}

/// What a meeting holds besides its date, attendance and note.
type MeetingSeed = (
    MeetingStatus,
    Option<TimeOfDay>,
    String,
    Vec<Index>,
    String,
    Vec<(Index, ChildPart)>,
    Option<(Verdict, String)>,
);

fn meeting_seed() -> impl Strategy<Value = MeetingSeed> {
    let status = prop::sample::select(vec![
        MeetingStatus::Planned,
        MeetingStatus::Held,
        MeetingStatus::Cancelled,
    ]);
    let part = prop::sample::select(vec![
        ChildPart::TookPart,
        ChildPart::Told,
        ChildPart::NotTold,
    ]);
    let verdict = prop::sample::select(vec![
        Verdict::StaysHome,
        Verdict::PlacementConsidered,
        Verdict::ReturnPlanned,
    ]);
    (
        status,
        prop::option::of(time()),
        line(),
        indices(3),
        line(),
        prop::collection::vec((any::<Index>(), part), 0..3),
        prop::option::of((verdict, text())),
    )
}

/// A consent: who (among the people), when, to what, withdrawn or not.
type ConsentSeed = (Index, Date, bool, Vec<AgencyKind>, Option<Date>, String);

fn consent_seed() -> impl Strategy<Value = ConsentSeed> {
    (
        any::<Index>(),
        date(),
        any::<bool>(),
        prop::collection::vec(prop::sample::select(AgencyKind::ALL.to_vec()), 0..4),
        opt_date(),
        text(),
    )
}

fn quote() -> impl Strategy<Value = Quote> {
    (text(), opt_date()).prop_map(|(text, date)| Quote { text, date })
}

fn plan_seed() -> impl Strategy<Value = PlanSeed> {
    use prop::collection::vec;
    let head = (
        line(),
        case_status(),
        settings(),
        vec(1u32..4, 16),
        vec((line(), 0u8..=17, text()), 1..=3),
        vec(person_body(), 0..10),
        vec(
            (
                any::<Index>(),
                any::<Index>(),
                prop::sample::select(RelationKind::ALL.to_vec()),
                any::<bool>(),
                text(),
            ),
            0..8,
        ),
        vec((date(), indices(4), text(), meeting_seed()), 0..3),
        vec((prop::sample::select(Column::ALL.to_vec()), text()), 0..4),
    );
    let dangers = vec(
        (
            text(),
            text(),
            vec(
                (
                    any::<Index>(),
                    prop::sample::select(vec![Agreeing::Yes, Agreeing::Partly, Agreeing::No]),
                    text(),
                ),
                0..3,
            ),
        ),
        0..3,
    );
    let scales = vec(
        (
            text(),
            text(),
            text(),
            vec((any::<Index>(), any::<Index>(), 0u8..=10), 0..5),
        ),
        0..3,
    );
    let tail = (
        dangers,
        scales,
        vec(agreement_seed(), 0..4),
        vec((indices(3), text(), opt_date(), opt_date()), 0..2),
        vec(
            (
                any::<Index>(),
                indices(2),
                prop::sample::select(vec![Allowed::Yes, Allowed::OnCondition, Allowed::Never]),
                text(),
            ),
            0..3,
        ),
        vec(
            (
                any::<Index>(),
                date(),
                prop::sample::select(CheckOutcome::ALL.to_vec()),
                prop::option::of(0u16..6),
                text(),
                (
                    prop::option::of(0u16..3),
                    prop::option::of(any::<Index>()),
                    prop::option::of(time()),
                    prop::option::of(prop::sample::select(Method::ALL.to_vec())),
                ),
            ),
            0..6,
        ),
        vec(consent_seed(), 0..3),
        vec(
            (
                date(),
                prop::sample::select(vec![Questionnaire::FollowUp, Questionnaire::Exit]),
                prop::sample::select(vec![
                    Respondent::Child,
                    Respondent::Parent,
                    Respondent::Network,
                    Respondent::Professional,
                ]),
                prop::option::of(any::<Index>()),
                vec(("[a-z_]{1,12}", prop::option::of(0u8..=4), text()), 0..3),
                text(),
            ),
            0..2,
        ),
        vec(
            (
                any::<bool>(),
                vec(quote(), 0..3),
                vec(quote(), 0..2),
                vec((0u8..3, prop::option::of(any::<Index>()), text()), 0..4),
                prop::option::of(0u8..=10),
                text(),
            ),
            0..=3,
        ),
    );
    (head, tail).prop_map(
        |(
            (title, case, settings, id_gaps, children, people, relations, meetings, notes),
            (
                dangers,
                scales,
                agreements,
                arrangements,
                supervision,
                check_ins,
                consents,
                follow_ups,
                child_views,
            ),
        )| PlanSeed {
            title,
            case,
            settings,
            id_gaps,
            children,
            people,
            relations,
            meetings,
            notes,
            dangers,
            scales,
            agreements,
            arrangements,
            supervision,
            check_ins,
            consents,
            follow_ups,
            child_views,
        },
    )
}

fn add<T: Entity>(plan: &mut Plan, item: T) {
    if let Err(e) = plan.apply(Edit::add(item.clone())) {
        panic!("generator made an invalid {:?}: {e}\n{item:?}", T::KIND);
    }
}

impl PlanSeed {
    /// Builds the plan through [`Plan::apply`]; every reference is valid by construction.
    pub fn build(&self) -> Plan {
        let mut plan = Plan::new();
        let apply = |plan: &mut Plan, e: Edit| {
            plan.apply(e).unwrap_or_else(|e| panic!("generator: {e}"));
        };
        apply(&mut plan, Edit::SetTitle(self.title.clone()));
        apply(&mut plan, Edit::SetCase(self.case.clone()));
        apply(&mut plan, Edit::SetSettings(self.settings.clone()));
        // Ids with gaps, children and people mixed in one id space.
        let mut next = 0u32;
        let mut gaps = self.id_gaps.iter().cycle();
        let mut fresh = || {
            next += gaps.next().copied().unwrap_or(1);
            PersonId(next)
        };
        let mut child_ids = Vec::new();
        for (name, age, note) in &self.children {
            let id = fresh();
            child_ids.push(id);
            add(
                &mut plan,
                Child {
                    id,
                    name: name.clone(),
                    age: Age::new(*age).expect("0–17"),
                    note: note.clone(),
                },
            );
        }
        let mut everyone = child_ids.clone();
        let mut people_ids = Vec::new();
        for (i, body) in self.people.iter().enumerate() {
            let id = fresh();
            everyone.push(id);
            people_ids.push(id);
            // Someone who lives with the children has custody of one of them.
            let custodian_of = if body.lives_with_child {
                vec![child_ids[i % child_ids.len()]]
            } else {
                Vec::new()
            };
            add(
                &mut plan,
                Person {
                    id,
                    custodian_of,
                    ..body.clone()
                },
            );
        }
        if everyone.len() >= 2 {
            for (i, (a, b, kind, supports, note)) in self.relations.iter().enumerate() {
                let from = a.index(everyone.len());
                // Any other person: never a relation to oneself.
                let to = (from + 1 + b.index(everyone.len() - 1)) % everyone.len();
                add(
                    &mut plan,
                    Relation {
                        id: RelationId(i as u32 * 2 + 1),
                        from: everyone[from],
                        to: everyone[to],
                        kind: *kind,
                        supports: *supports,
                        note: note.clone(),
                    },
                );
            }
        }
        let mut meeting_ids = Vec::new();
        for (i, (date, who, note, extra)) in self.meetings.iter().enumerate() {
            let (status, time, location, invited, interpreter, parts, assessment) = extra;
            let id = MeetingId(i as u32 + 1);
            meeting_ids.push(id);
            add(
                &mut plan,
                Meeting {
                    id,
                    date: *date,
                    time: *time,
                    location: location.clone(),
                    status: *status,
                    invited: pick(&everyone, invited),
                    interpreter: interpreter.clone(),
                    participants: pick(&everyone, who),
                    children: parts
                        .iter()
                        .map(|(c, part)| ChildTakingPart {
                            child: *c.get(&child_ids),
                            part: *part,
                        })
                        .collect(),
                    assessment: assessment.as_ref().map(|(verdict, next_steps)| Assessment {
                        verdict: *verdict,
                        next_steps: next_steps.clone(),
                    }),
                    note: note.clone(),
                },
            );
        }
        for (i, (column, text)) in self.notes.iter().enumerate() {
            add(
                &mut plan,
                MappingNote {
                    id: NoteId(i as u32 + 10),
                    column: *column,
                    text: text.clone(),
                },
            );
        }
        for (i, (statement, goal, stances)) in self.dangers.iter().enumerate() {
            add(
                &mut plan,
                DangerStatement {
                    id: DangerId(i as u32),
                    statement: statement.clone(),
                    goal: goal.clone(),
                    stances: stances
                        .iter()
                        .map(|(p, agrees, comment)| Stance {
                            person: *p.get(&everyone),
                            agrees: *agrees,
                            comment: comment.clone(),
                        })
                        .collect(),
                },
            );
        }
        for (i, (question, low, high, answers)) in self.scales.iter().enumerate() {
            let answers = if meeting_ids.is_empty() {
                Vec::new()
            } else {
                answers
                    .iter()
                    .map(|(m, p, v)| ScaleAnswer {
                        meeting: *m.get(&meeting_ids),
                        person: *p.get(&everyone),
                        value: Score::new(*v).expect("0–10"),
                    })
                    .collect()
            };
            add(
                &mut plan,
                ScaleQuestion {
                    id: ScaleId(i as u32 + 1),
                    question: question.clone(),
                    low: low.clone(),
                    high: high.clone(),
                    answers,
                },
            );
        }
        let mut agreement_ids = Vec::new();
        for (i, seed) in self.agreements.iter().enumerate() {
            let id = AgreementId(i as u32 + 1);
            agreement_ids.push(id);
            add(&mut plan, seed.build(id, &everyone));
        }
        for (i, (who, text, from, to)) in self.arrangements.iter().enumerate() {
            add(
                &mut plan,
                Arrangement {
                    id: ArrangementId(i as u32 + 1),
                    people: pick(&everyone, who),
                    text: text.clone(),
                    from: *from,
                    to: *to,
                },
            );
        }
        for (i, (adult, children, allowed, condition)) in self.supervision.iter().enumerate() {
            add(
                &mut plan,
                SupervisionRule {
                    id: SupervisionId(i as u32 + 1),
                    adult: *adult.get(&everyone),
                    children: pick(&child_ids, children),
                    allowed: *allowed,
                    condition: condition.clone(),
                },
            );
        }
        if !agreement_ids.is_empty() {
            for (i, (a, date, outcome, step, note, (check, by, time, how))) in
                self.check_ins.iter().enumerate()
            {
                add(
                    &mut plan,
                    CheckIn {
                        id: CheckInId(i as u32 + 1),
                        agreement: *a.get(&agreement_ids),
                        check: *check,
                        by: by
                            .filter(|_| !people_ids.is_empty())
                            .map(|b| *b.get(&people_ids)),
                        date: *date,
                        time: *time,
                        how: *how,
                        outcome: *outcome,
                        step: *step,
                        note: note.clone(),
                    },
                );
            }
        }
        if !people_ids.is_empty() {
            for (i, (who, date, intervention, share_with, withdrawn, note)) in
                self.consents.iter().enumerate()
            {
                add(
                    &mut plan,
                    Consent {
                        id: ConsentId(i as u32 + 1),
                        person: *who.get(&people_ids),
                        date: *date,
                        intervention: *intervention,
                        share_with: share_with.clone(),
                        withdrawn: *withdrawn,
                        note: note.clone(),
                    },
                );
            }
        }
        for (i, (date, questionnaire, respondent, person, answers, comment)) in
            self.follow_ups.iter().enumerate()
        {
            add(
                &mut plan,
                FollowUp {
                    id: FollowUpId(i as u32 + 1),
                    date: *date,
                    questionnaire: *questionnaire,
                    respondent: *respondent,
                    person: person.map(|p| *p.get(&everyone)),
                    answers: answers
                        .iter()
                        .map(|(q, v, t)| FollowUpAnswer {
                            question: q.clone(),
                            value: *v,
                            text: t.clone(),
                        })
                        .collect(),
                    comment: comment.clone(),
                },
            );
        }
        for (child, (wanted, worries, dreams, entries, path, words)) in
            child_ids.iter().zip(&self.child_views)
        {
            if !wanted {
                continue;
            }
            let mut house = SafetyHouse {
                path: path.map(|p| Score::new(p).expect("0–10")),
                rules: dreams.clone(),
                ..SafetyHouse::default()
            };
            for (room, person, text) in entries {
                let entry = HouseEntry {
                    person: person.map(|p| *p.get(&everyone)),
                    text: text.clone(),
                };
                match room {
                    0 => house.inside.push(entry),
                    1 => house.visiting.push(entry),
                    _ => house.outside.push(entry),
                }
            }
            add(
                &mut plan,
                ChildView {
                    child: *child,
                    worries: worries.clone(),
                    good_things: dreams.clone(),
                    dreams: worries.clone(),
                    house,
                    words_and_pictures: words.clone(),
                },
            );
        }
        plan
    }
}

/// An arbitrary valid plan: children, people, relations, meetings, mapping,
/// dangers with stances, scales with answers, agreements with checks and
/// chains, arrangements, supervision, check-ins, reviews, follow-ups and
/// child views, every reference pointing at something that exists.
pub fn plan() -> impl Strategy<Value = Plan> {
    plan_seed().prop_map(|seed| seed.build())
}

// ------------------------------------------------------------- edits

/// An edit described without ids; [`EditOp::realize`] turns it into an
/// [`Edit`] against the plan as it is at that moment.
#[derive(Clone, Debug)]
pub enum EditOp {
    SetTitle(String),
    AddPerson(Person),
    UpdatePerson(Index, Person),
    MovePerson(Index, usize),
    /// `Plan::remove_person`: the cascading batch.
    RemovePerson(Index),
    AddChild(String, u8),
    AddRelation(Index, Index, RelationKind),
    RemoveRelation(Index),
    AddAgreement(AgreementSeed),
    UpdateAgreement(Index, AgreementSeed),
    MoveAgreement(Index, usize),
    RemoveAgreement(Index),
    AddCheckIn(Index, Date, CheckOutcome),
    AddMeeting(Date, Vec<Index>),
    AddScaleAnswer(Index, Index, Index, u8),
    SetSettings(Settings),
    /// Several of the above as one all-or-nothing batch.
    Batch(Vec<EditOp>),
    /// An edit that must be refused.
    Invalid(InvalidOp, Index),
}

/// Kinds of edit the plan must refuse.
#[derive(Clone, Copy, Debug)]
pub enum InvalidOp {
    DanglingRelation,
    DuplicatePersonId,
    SelfRelation,
    UpdateMissing,
    BadFrequency,
    BadSectorOrder,
    /// A primitive removal of a person still named somewhere.
    RemoveReferencedPerson,
    /// A valid title change followed by a dangling reference, in one batch.
    BatchFailingLate,
    CheckInOfMissingAgreement,
}

fn simple_op() -> impl Strategy<Value = EditOp> {
    prop_oneof![
        1 => line().prop_map(EditOp::SetTitle),
        1 => person_body().prop_map(EditOp::AddPerson),
        1 => (any::<Index>(), person_body()).prop_map(|(i, p)| EditOp::UpdatePerson(i, p)),
        1 => (any::<Index>(), 0usize..20).prop_map(|(i, to)| EditOp::MovePerson(i, to)),
        3 => any::<Index>().prop_map(EditOp::RemovePerson),
        1 => (line(), 0u8..=17).prop_map(|(n, a)| EditOp::AddChild(n, a)),
        2 => (any::<Index>(), any::<Index>(), prop::sample::select(RelationKind::ALL.to_vec()))
            .prop_map(|(a, b, k)| EditOp::AddRelation(a, b, k)),
        1 => any::<Index>().prop_map(EditOp::RemoveRelation),
        2 => agreement_seed().prop_map(EditOp::AddAgreement),
        1 => (any::<Index>(), agreement_seed()).prop_map(|(i, s)| EditOp::UpdateAgreement(i, s)),
        1 => (any::<Index>(), 0usize..6).prop_map(|(i, to)| EditOp::MoveAgreement(i, to)),
        1 => any::<Index>().prop_map(EditOp::RemoveAgreement),
        1 => (any::<Index>(), date(), prop::sample::select(vec![CheckOutcome::Kept, CheckOutcome::Missed]))
            .prop_map(|(i, d, o)| EditOp::AddCheckIn(i, d, o)),
        1 => (date(), indices(3)).prop_map(|(d, w)| EditOp::AddMeeting(d, w)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>(), 0u8..=10)
            .prop_map(|(s, m, p, v)| EditOp::AddScaleAnswer(s, m, p, v)),
        1 => settings().prop_map(EditOp::SetSettings),
    ]
}

fn invalid_op() -> impl Strategy<Value = InvalidOp> {
    prop::sample::select(vec![
        InvalidOp::DanglingRelation,
        InvalidOp::DuplicatePersonId,
        InvalidOp::SelfRelation,
        InvalidOp::UpdateMissing,
        InvalidOp::BadFrequency,
        InvalidOp::BadSectorOrder,
        InvalidOp::RemoveReferencedPerson,
        InvalidOp::BatchFailingLate,
        InvalidOp::CheckInOfMissingAgreement,
    ])
}

/// One edit: mostly valid ones, some batches, some that must be refused.
pub fn edit_op() -> impl Strategy<Value = EditOp> {
    prop_oneof![
        8 => simple_op(),
        1 => prop::collection::vec(simple_op(), 1..4).prop_map(EditOp::Batch),
        2 => (invalid_op(), any::<Index>()).prop_map(|(k, i)| EditOp::Invalid(k, i)),
    ]
}

/// A sequence of edits.
pub fn edit_ops(max: usize) -> impl Strategy<Value = Vec<EditOp>> {
    prop::collection::vec(edit_op(), 0..=max)
}

/// What applying a realised edit must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Accepted,
    Refused,
}

fn everyone(plan: &Plan) -> Vec<PersonId> {
    plan.children()
        .iter()
        .map(|c| c.id)
        .chain(plan.people().iter().map(|p| p.id))
        .collect()
}

/// An id no item of the plan uses.
const MISSING: u32 = 4_000_000_000;

impl EditOp {
    /// The concrete edit for `plan` as it is now, and whether it must be
    /// accepted; `None` when the op does not apply (e.g. nobody to remove).
    pub fn realize(&self, plan: &Plan) -> Option<(Edit, Expect)> {
        use Expect::*;
        let all = everyone(plan);
        let person_id = || plan.next_id::<Person>();
        Some(match self {
            EditOp::SetTitle(t) => (Edit::SetTitle(t.clone()), Accepted),
            EditOp::AddPerson(p) => (
                Edit::add(Person {
                    id: PersonId(person_id()),
                    ..p.clone()
                }),
                Accepted,
            ),
            EditOp::UpdatePerson(i, body) => {
                let old = i.get(plan.people().get(..).filter(|p| !p.is_empty())?);
                (
                    Edit::update(Person {
                        id: old.id,
                        ..body.clone()
                    }),
                    Accepted,
                )
            }
            EditOp::MovePerson(i, to) => {
                let p = i.get(plan.people().get(..).filter(|p| !p.is_empty())?);
                (Edit::Person(Change::Move { id: p.id, to: *to }), Accepted)
            }
            EditOp::RemovePerson(i) => {
                let id = *i.get(all.get(..).filter(|a| !a.is_empty())?);
                (plan.remove_person(id).ok()?, Accepted)
            }
            EditOp::AddChild(name, age) => (
                Edit::add(Child {
                    id: PersonId(person_id()),
                    name: name.clone(),
                    age: Age::new(*age)?,
                    note: String::new(),
                }),
                Accepted,
            ),
            EditOp::AddRelation(a, b, kind) => {
                if all.len() < 2 {
                    return None;
                }
                let from = a.index(all.len());
                let to = (from + 1 + b.index(all.len() - 1)) % all.len();
                (
                    Edit::add(Relation {
                        id: RelationId(plan.next_id::<Relation>()),
                        from: all[from],
                        to: all[to],
                        kind: *kind,
                        supports: false,
                        note: String::new(),
                    }),
                    Accepted,
                )
            }
            EditOp::RemoveRelation(i) => {
                let r = i.get(plan.relations().get(..).filter(|r| !r.is_empty())?);
                (Edit::remove::<Relation>(r.id), Accepted)
            }
            EditOp::AddAgreement(seed) => {
                if all.is_empty() {
                    return None;
                }
                let id = AgreementId(plan.next_id::<Agreement>());
                (Edit::add(seed.build(id, &all)), Accepted)
            }
            EditOp::UpdateAgreement(i, seed) => {
                let a = i.get(plan.agreements().get(..).filter(|a| !a.is_empty())?);
                if all.is_empty() {
                    return None;
                }
                (Edit::update(seed.build(a.id, &all)), Accepted)
            }
            EditOp::MoveAgreement(i, to) => {
                let a = i.get(plan.agreements().get(..).filter(|a| !a.is_empty())?);
                (
                    Edit::Agreement(Change::Move { id: a.id, to: *to }),
                    Accepted,
                )
            }
            EditOp::RemoveAgreement(i) => {
                let a = i.get(plan.agreements().get(..).filter(|a| !a.is_empty())?);
                // Check-ins name their agreement: removing it first needs them gone.
                let logged = plan.check_ins().iter().any(|c| c.agreement == a.id);
                (
                    Edit::remove::<Agreement>(a.id),
                    if logged { Refused } else { Accepted },
                )
            }
            EditOp::AddCheckIn(i, date, outcome) => {
                let a = i.get(plan.agreements().get(..).filter(|a| !a.is_empty())?);
                (
                    Edit::add(CheckIn {
                        id: CheckInId(plan.next_id::<CheckIn>()),
                        agreement: a.id,
                        check: None,
                        by: None,
                        time: None,
                        how: None,
                        date: *date,
                        outcome: *outcome,
                        step: None,
                        note: String::new(),
                    }),
                    Accepted,
                )
            }
            EditOp::AddMeeting(date, who) => {
                let participants = if all.is_empty() {
                    Vec::new()
                } else {
                    pick(&all, who)
                };
                (
                    Edit::add(Meeting {
                        participants,
                        ..Meeting::held(MeetingId(plan.next_id::<Meeting>()), *date)
                    }),
                    Accepted,
                )
            }
            EditOp::AddScaleAnswer(s, m, p, v) => {
                let scale = s.get(plan.scales().get(..).filter(|s| !s.is_empty())?);
                let meeting = m.get(plan.meetings().get(..).filter(|m| !m.is_empty())?);
                let person = *p.get(all.get(..).filter(|a| !a.is_empty())?);
                let mut scale = scale.clone();
                scale.answers.push(ScaleAnswer {
                    meeting: meeting.id,
                    person,
                    value: Score::new(*v)?,
                });
                (Edit::update(scale), Accepted)
            }
            EditOp::SetSettings(s) => (Edit::SetSettings(s.clone()), Accepted),
            EditOp::Batch(ops) => {
                // Realise each step against the plan as the batch leaves it.
                let mut scratch = plan.clone();
                let mut edits = Vec::new();
                for op in ops {
                    let Some((edit, Accepted)) = op.realize(&scratch) else {
                        continue;
                    };
                    scratch.apply(edit.clone()).ok()?;
                    edits.push(edit);
                }
                (Edit::Batch(edits), Accepted)
            }
            EditOp::Invalid(kind, i) => (invalid_edit(plan, *kind, *i, &all)?, Refused),
        })
    }
}

fn invalid_edit(plan: &Plan, kind: InvalidOp, i: Index, all: &[PersonId]) -> Option<Edit> {
    let some_person = || all.get(..).filter(|a| !a.is_empty()).map(|a| *i.get(a));
    Some(match kind {
        InvalidOp::DanglingRelation => Edit::add(Relation {
            id: RelationId(plan.next_id::<Relation>()),
            from: some_person()?,
            to: PersonId(MISSING),
            kind: RelationKind::Weak,
            supports: false,
            note: String::new(),
        }),
        InvalidOp::DuplicatePersonId => {
            let id = some_person()?;
            Edit::add(Person {
                id,
                name: "Dubbel".into(),
                role: String::new(),
                kind: PersonKind::Private,
                agency: None,
                place: Place {
                    ring: Ring::INNER,
                    sector: Sector::Family,
                    along: Permille::HALF,
                    depth: Permille::HALF,
                },
                lives_with_child: false,
                custodian_of: Vec::new(),
                protected: false,
                phone: String::new(),
                note: String::new(),
            })
        }
        InvalidOp::SelfRelation => {
            let p = some_person()?;
            Edit::add(Relation {
                id: RelationId(plan.next_id::<Relation>()),
                from: p,
                to: p,
                kind: RelationKind::Strong,
                supports: true,
                note: String::new(),
            })
        }
        InvalidOp::UpdateMissing => Edit::update(Meeting::planned(
            MeetingId(MISSING),
            Date::from_ymd(2026, 1, 1)?,
        )),
        InvalidOp::BadFrequency => Edit::add(Agreement {
            id: AgreementId(plan.next_id::<Agreement>()),
            text: "Varannan nolldag".into(),
            responsible: Vec::new(),
            checks: vec![Check {
                by: Vec::new(),
                method: Method::Call,
                when: Frequency::NthDay {
                    n: 0,
                    from: Date::from_ymd(2026, 1, 1)?,
                },
                time: None,
                note: String::new(),
            }],
            chain: Vec::new(),
        }),
        InvalidOp::BadSectorOrder => {
            let mut s = plan.settings().clone();
            s.sector_order.pop();
            Edit::SetSettings(s)
        }
        InvalidOp::RemoveReferencedPerson => {
            // Someone named by a relation, removed without the cascade.
            let r = plan.relations().first()?;
            if plan.child(r.from).is_some() {
                Edit::remove::<Child>(r.from)
            } else {
                Edit::remove::<Person>(r.from)
            }
        }
        InvalidOp::BatchFailingLate => Edit::Batch(vec![
            Edit::SetTitle("Halvvägs".into()),
            invalid_edit(plan, InvalidOp::DanglingRelation, i, all)?,
        ]),
        InvalidOp::CheckInOfMissingAgreement => Edit::add(CheckIn {
            id: CheckInId(plan.next_id::<CheckIn>()),
            agreement: AgreementId(MISSING),
            check: None,
            by: None,
            time: None,
            how: None,
            date: Date::from_ymd(2026, 1, 1)?,
            outcome: CheckOutcome::Kept,
            step: None,
            note: String::new(),
        }),
    })
}

// ------------------------------------------------------- the invariants

/// Every invariant of a plan, checked independently of `check_integrity`
/// (which is checked too): ids unique (people and children together), every
/// reference in every field pointing at something that exists, relations
/// between two different people, valid frequencies, the sector order a
/// permutation, and a lossless save → load.
pub fn assert_plan_consistent(plan: &Plan) {
    if let Err((path, e)) = plan.check_integrity() {
        panic!("check_integrity: {path}: {e}");
    }
    let mut ids = HashSet::new();
    for id in everyone(plan) {
        assert!(ids.insert(id), "person/child id {id} used twice");
    }
    let children: HashSet<PersonId> = plan.children().iter().map(|c| c.id).collect();
    let person = |id: PersonId, what: &str| {
        assert!(ids.contains(&id), "{what} names missing person {id}");
    };
    fn unique<T: Eq + std::hash::Hash + std::fmt::Debug>(what: &str, it: impl Iterator<Item = T>) {
        let mut seen = HashSet::new();
        for id in it {
            assert!(seen.insert(id), "{what}: duplicate id");
        }
    }
    unique("relations", plan.relations().iter().map(|r| r.id));
    unique("meetings", plan.meetings().iter().map(|m| m.id));
    unique("mapping", plan.mapping().iter().map(|m| m.id));
    unique("dangers", plan.dangers().iter().map(|d| d.id));
    unique("scales", plan.scales().iter().map(|s| s.id));
    unique("agreements", plan.agreements().iter().map(|a| a.id));
    unique("arrangements", plan.arrangements().iter().map(|a| a.id));
    unique("supervision", plan.supervision().iter().map(|s| s.id));
    unique("check_ins", plan.check_ins().iter().map(|c| c.id));
    unique("consents", plan.consents().iter().map(|c| c.id));
    unique("follow_ups", plan.follow_ups().iter().map(|f| f.id));
    unique("child_views", plan.child_views().iter().map(|v| v.child));
    for r in plan.relations() {
        person(r.from, "relation");
        person(r.to, "relation");
        assert_ne!(r.from, r.to, "relation to oneself");
    }
    let meetings: HashSet<MeetingId> = plan.meetings().iter().map(|m| m.id).collect();
    for m in plan.meetings() {
        m.participants.iter().for_each(|p| person(*p, "meeting"));
    }
    for d in plan.dangers() {
        d.stances.iter().for_each(|s| person(s.person, "stance"));
    }
    for s in plan.scales() {
        for a in &s.answers {
            person(a.person, "scale answer");
            assert!(meetings.contains(&a.meeting), "answer to missing meeting");
        }
    }
    for a in plan.agreements() {
        a.responsible.iter().for_each(|p| person(*p, "responsible"));
        for c in &a.checks {
            c.by.iter().for_each(|p| person(*p, "check"));
            match &c.when {
                Frequency::NthDay { n, .. } => assert!((1..=60).contains(n)),
                Frequency::Week { times } => assert!((1..=7).contains(times)),
                Frequency::Days { days } => assert!(!days.is_empty()),
                _ => {}
            }
        }
        for s in &a.chain {
            s.people.iter().for_each(|p| person(*p, "chain step"));
        }
    }
    for a in plan.arrangements() {
        a.people.iter().for_each(|p| person(*p, "arrangement"));
    }
    for s in plan.supervision() {
        person(s.adult, "supervision");
        for c in &s.children {
            assert!(children.contains(c), "supervision names non-child {c}");
        }
    }
    for c in plan.check_ins() {
        assert!(
            plan.agreement(c.agreement).is_some(),
            "check-in of missing agreement"
        );
    }
    for f in plan.follow_ups() {
        f.person.iter().for_each(|p| person(*p, "follow-up"));
    }
    for v in plan.child_views() {
        assert!(children.contains(&v.child), "child view of non-child");
        let h = &v.house;
        for e in h.inside.iter().chain(&h.visiting).chain(&h.outside) {
            e.person.iter().for_each(|p| person(*p, "safety house"));
        }
    }
    let mut order = plan.settings().sector_order.clone();
    order.sort();
    assert_eq!(order, Sector::ALL, "sector order is not a permutation");
    // Lossless and deterministic on disk.
    let text = to_json(plan);
    let back = from_json(&text).unwrap_or_else(|e| panic!("save → load refused: {e}"));
    assert_eq!(&back, plan, "save → load changed the plan");
    assert_eq!(to_json(&back), text, "save is not deterministic");
}

/// A plan as a serde_json value with the envelope, to mutate in tests.
pub fn plan_value(plan: &Plan) -> serde_json::Value {
    skyddsnat_core::file::to_value(plan)
}
