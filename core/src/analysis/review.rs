//! Follow-up between meetings: snapshots of the plan at each closed meeting,
//! what changed between two versions of a plan, and each participant's
//! scaling answers over time.
//!
//! ## Where the snapshots live
//! Snapshots are part of the document ([`Plan::snapshots`], the file's
//! `"snapshots"` list, schema version 2), because the history has to travel
//! with the plan: a consultant saves the file after meeting 1 and opens it a
//! month later on another computer to see what changed. Closing a meeting is
//! an [`Edit::Snapshot`](crate::Edit::Snapshot), so it undoes like any edit
//! and reaches autosave and the JS API's change events by the same path.
//!
//! What keeps that from costing more than it should:
//! - A snapshot holds a whole plan but never snapshots of its own: no plans
//!   nested in plans (import and edits both refuse it).
//! - The list is shared ([`Snapshots`] is an `Arc`), so the widget's copy of
//!   the plan on every keystroke does not copy the history.
//! - Renderers of the current plan (print, SVG, the child's page) never read
//!   snapshots, so old names cannot leak into what is printed now.
//! - Browser storage keeps each snapshot once, not once per autosaved
//!   version (`web/src/storage.rs`).

use crate::document::date::Date;
use crate::document::edit::EditError;
use crate::document::ids::*;
use crate::document::plan::*;
use crate::i18n::{tr, trf, Lang};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;

/// The plan as it stood when a meeting was closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub meeting: MeetingId,
    pub date: Date,
    pub plan: Plan,
}

/// The snapshots kept in a plan, in meeting date order. Shared: cloning a
/// plan (the widget does on every edit) copies a pointer, not the history;
/// a change copies the list once ([`Arc::make_mut`]).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Snapshots(Arc<Vec<Snapshot>>);

impl Snapshots {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn as_slice(&self) -> &[Snapshot] {
        &self.0
    }
    pub(crate) fn make_mut(&mut self) -> &mut Vec<Snapshot> {
        Arc::make_mut(&mut self.0)
    }
}

impl Serialize for Snapshots {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Snapshots {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Snapshot>::deserialize(d).map(|v| Snapshots(Arc::new(v)))
    }
}

impl Snapshot {
    /// The plan as it stands now, kept as the snapshot of `meeting`: a copy
    /// without the plan's own snapshots. `None` if the meeting is not in the plan.
    pub fn of(plan: &Plan, meeting: MeetingId) -> Option<Snapshot> {
        let date = plan.meeting(meeting)?.date;
        let mut copy = plan.clone();
        copy.snapshots = Snapshots::default();
        Some(Snapshot {
            meeting,
            date,
            plan: copy,
        })
    }

    /// Where snapshots sort: by meeting date, then meeting id.
    pub fn order(&self) -> (Date, MeetingId) {
        (self.date, self.meeting)
    }
}

/// The rules for one stored snapshot, whether it comes from a file or an
/// edit: its plan passes the same integrity checks as an imported plan,
/// holds no snapshots of its own, and holds its meeting on the snapshot's
/// date. The path is relative to the snapshot (`plan.people[2].id`).
pub(crate) fn check_snapshot(s: &Snapshot) -> Result<(), (String, EditError)> {
    let invalid = |field: &str, reason| {
        (
            field.to_string(),
            EditError::Invalid {
                kind: crate::document::edit::EntityKind::Snapshot,
                field: field.to_string(),
                reason,
            },
        )
    };
    if !s.plan.snapshots.is_empty() {
        return Err(invalid(
            "plan.snapshots",
            crate::document::edit::Invalid::NestedSnapshot,
        ));
    }
    s.plan
        .check_integrity()
        .map_err(|(path, e)| (format!("plan.{path}"), e))?;
    if s.plan.meeting(s.meeting).map(|m| m.date) != Some(s.date) {
        return Err(invalid(
            "meeting",
            crate::document::edit::Invalid::SnapshotMeeting,
        ));
    }
    Ok(())
}

/// The snapshot the "what changed since the last meeting" view compares
/// with by default: the latest closed meeting.
pub fn last_snapshot(plan: &Plan) -> Option<&Snapshot> {
    plan.snapshots().iter().max_by_key(|s| s.order())
}

/// What changed in `plan` since its latest closed meeting, with that
/// meeting's snapshot. `None` while no meeting has been closed.
pub fn since_last_meeting(plan: &Plan) -> Option<(&Snapshot, PlanDiff)> {
    last_snapshot(plan).map(|s| (s, diff(&s.plan, plan)))
}

/// A field that changed, across all kinds of things in a plan. Each has a
/// label in the catalogs under `diff.field.<key>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Role,
    Kind,
    Ring,
    Sector,
    /// Moved within its ring and sector.
    Position,
    LivesWithChild,
    Protected,
    Phone,
    Note,
    Age,
    /// A relation now joins other people.
    Ends,
    Supports,
    Text,
    Column,
    Statement,
    Goal,
    Stances,
    Question,
    /// What 0 or 10 means on a scale.
    ScaleEnds,
    Responsible,
    /// A check, by position; also when one was added or removed there.
    Check(usize),
    /// A contingency step, by position (0 = plan A); also added or removed.
    Step(usize),
    People,
    Dates,
    Adult,
    Children,
    Allowed,
    Condition,
    Date,
    /// A meeting's status: planned, held, cancelled.
    Held,
    Participants,
    Place,
    Invited,
    Assessment,
    /// What a consent covers.
    Scope,
    Withdrawn,
}

impl Field {
    /// The catalog key of the field's label.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "diff.field.name",
            Field::Role => "diff.field.role",
            Field::Kind => "diff.field.kind",
            Field::Ring => "diff.field.ring",
            Field::Sector => "diff.field.sector",
            Field::Position => "diff.field.position",
            Field::LivesWithChild => "diff.field.lives_with_child",
            Field::Protected => "diff.field.protected",
            Field::Phone => "diff.field.phone",
            Field::Note => "diff.field.note",
            Field::Age => "diff.field.age",
            Field::Ends => "diff.field.ends",
            Field::Supports => "diff.field.supports",
            Field::Text => "diff.field.text",
            Field::Column => "diff.field.column",
            Field::Statement => "diff.field.statement",
            Field::Goal => "diff.field.goal",
            Field::Stances => "diff.field.stances",
            Field::Question => "diff.field.question",
            Field::ScaleEnds => "diff.field.scale_ends",
            Field::Responsible => "diff.field.responsible",
            Field::Check(_) => "diff.field.check",
            Field::Step(_) => "diff.field.step",
            Field::People => "diff.field.people",
            Field::Dates => "diff.field.dates",
            Field::Adult => "diff.field.adult",
            Field::Children => "diff.field.children",
            Field::Allowed => "diff.field.allowed",
            Field::Condition => "diff.field.condition",
            Field::Date => "diff.field.date",
            Field::Held => "diff.field.held",
            Field::Participants => "diff.field.participants",
            Field::Place => "diff.field.place",
            Field::Invited => "diff.field.invited",
            Field::Assessment => "diff.field.assessment",
            Field::Scope => "diff.field.scope",
            Field::Withdrawn => "diff.field.withdrawn",
        }
    }

    /// The field's label, with the check number or step letter where it has one.
    pub fn label(self, lang: Lang) -> String {
        let (name, value) = match self {
            Field::Check(i) => ("check", (i + 1).to_string()),
            Field::Step(i) => ("step", step_letter(i)),
            _ => ("", String::new()),
        };
        trf(lang, self.key(), &[(name, &value)])
    }
}

/// How one item differs between two versions of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delta<Id> {
    Added(Id),
    Removed(Id),
    /// Still there, with these fields changed (never empty).
    Changed(Id, Vec<Field>),
}

impl<Id: Copy> Delta<Id> {
    pub fn id(&self) -> Id {
        match self {
            Delta::Added(id) | Delta::Removed(id) | Delta::Changed(id, _) => *id,
        }
    }
}

/// One person's answer to a scaling question at the two meetings compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleRow {
    pub person: PersonId,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// A scaling question's answers side by side: at the latest meeting of the
/// earlier plan, and at the latest meeting of the later one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleComparison {
    pub scale: ScaleId,
    pub before_meeting: Option<MeetingId>,
    pub after_meeting: Option<MeetingId>,
    /// People who answered at either meeting: first those who answered
    /// before, in the order they did, then those new after.
    pub rows: Vec<ScaleRow>,
}

/// Everything that differs between two versions of a plan. Each list holds
/// added and changed items in the later plan's order, then removed items in
/// the earlier plan's order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PlanDiff {
    pub title: bool,
    pub case: bool,
    pub children: Vec<Delta<PersonId>>,
    pub people: Vec<Delta<PersonId>>,
    pub relations: Vec<Delta<RelationId>>,
    pub meetings: Vec<Delta<MeetingId>>,
    pub mapping: Vec<Delta<NoteId>>,
    pub dangers: Vec<Delta<DangerId>>,
    /// Questions and what their ends mean; answers are in `scaling`.
    pub scales: Vec<Delta<ScaleId>>,
    pub agreements: Vec<Delta<AgreementId>>,
    pub arrangements: Vec<Delta<ArrangementId>>,
    pub supervision: Vec<Delta<SupervisionId>>,
    pub consents: Vec<Delta<ConsentId>>,
    /// Check-ins logged in the later plan only, by date.
    pub new_check_ins: Vec<CheckInId>,
    /// Check-ins of the earlier plan that were removed or edited since.
    pub changed_check_ins: Vec<CheckInId>,
    pub scaling: Vec<ScaleComparison>,
}

impl PlanDiff {
    /// True when nothing but the scaling comparison (which is always filled
    /// when there are questions) differs.
    pub fn is_empty(&self) -> bool {
        !self.title
            && !self.case
            && self.children.is_empty()
            && self.people.is_empty()
            && self.relations.is_empty()
            && self.meetings.is_empty()
            && self.mapping.is_empty()
            && self.dangers.is_empty()
            && self.scales.is_empty()
            && self.agreements.is_empty()
            && self.arrangements.is_empty()
            && self.supervision.is_empty()
            && self.consents.is_empty()
            && self.new_check_ins.is_empty()
            && self.changed_check_ins.is_empty()
            && self
                .scaling
                .iter()
                .all(|s| s.rows.iter().all(|r| r.before == r.after))
    }
}

/// Compares two lists by id with `fields` naming what differs.
fn compare<T, Id: Copy + Eq + Hash>(
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> Id,
    fields: impl Fn(&T, &T) -> Vec<Field>,
) -> Vec<Delta<Id>> {
    let old: HashMap<Id, &T> = before.iter().map(|x| (id(x), x)).collect();
    let now: HashSet<Id> = after.iter().map(&id).collect();
    let mut out = Vec::new();
    for item in after {
        match old.get(&id(item)) {
            None => out.push(Delta::Added(id(item))),
            Some(was) => {
                let changed = fields(was, item);
                if !changed.is_empty() {
                    out.push(Delta::Changed(id(item), changed));
                }
            }
        }
    }
    out.extend(
        before
            .iter()
            .filter(|x| !now.contains(&id(x)))
            .map(|x| Delta::Removed(id(x))),
    );
    out
}

/// The fields among `pairs` whose two sides differ.
fn differing(pairs: &[(Field, bool)]) -> Vec<Field> {
    pairs
        .iter()
        .filter(|(_, same)| !same)
        .map(|(f, _)| *f)
        .collect()
}

/// Positions where two lists differ, including positions only one of them has.
fn positions<T: PartialEq>(a: &[T], b: &[T], field: fn(usize) -> Field) -> Vec<Field> {
    (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .map(field)
        .collect()
}

fn person_fields(a: &Person, b: &Person) -> Vec<Field> {
    differing(&[
        (Field::Name, a.name == b.name),
        (Field::Role, a.role == b.role),
        (Field::Kind, a.kind == b.kind),
        (Field::Ring, a.place.ring == b.place.ring),
        (Field::Sector, a.place.sector == b.place.sector),
        (
            Field::Position,
            (a.place.along, a.place.depth) == (b.place.along, b.place.depth),
        ),
        (
            Field::LivesWithChild,
            a.lives_with_child == b.lives_with_child,
        ),
        (Field::Protected, a.protected == b.protected),
        (Field::Phone, a.phone == b.phone),
        (Field::Note, a.note == b.note),
    ])
}

fn agreement_fields(a: &Agreement, b: &Agreement) -> Vec<Field> {
    let mut out = differing(&[
        (Field::Text, a.text == b.text),
        (Field::Responsible, a.responsible == b.responsible),
    ]);
    out.extend(positions(&a.checks, &b.checks, Field::Check));
    out.extend(positions(&a.chain, &b.chain, Field::Step));
    out
}

/// Everything that differs from `before` to `after` (two versions of one
/// family's plan, e.g. the last meeting's snapshot and the plan now).
pub fn diff(before: &Plan, after: &Plan) -> PlanDiff {
    let old_check_ins: HashMap<CheckInId, &CheckIn> =
        before.check_ins().iter().map(|c| (c.id, c)).collect();
    let mut new_check_ins: Vec<&CheckIn> = after
        .check_ins()
        .iter()
        .filter(|c| !old_check_ins.contains_key(&c.id))
        .collect();
    crate::sort::by_key(&mut new_check_ins, |c| (c.date, c.id));
    let now_check_ins: HashMap<CheckInId, &CheckIn> =
        after.check_ins().iter().map(|c| (c.id, c)).collect();
    let changed_check_ins = before
        .check_ins()
        .iter()
        .filter(|c| now_check_ins.get(&c.id) != Some(c))
        .map(|c| c.id)
        .collect();

    PlanDiff {
        title: before.title() != after.title(),
        case: before.case() != after.case(),
        children: compare(
            before.children(),
            after.children(),
            |c| c.id,
            |a, b| {
                differing(&[
                    (Field::Name, a.name == b.name),
                    (Field::Age, a.age == b.age),
                    (Field::Note, a.note == b.note),
                ])
            },
        ),
        people: compare(before.people(), after.people(), |p| p.id, person_fields),
        relations: compare(
            before.relations(),
            after.relations(),
            |r| r.id,
            |a, b| {
                differing(&[
                    (Field::Ends, (a.from, a.to) == (b.from, b.to)),
                    (Field::Kind, a.kind == b.kind),
                    (Field::Supports, a.supports == b.supports),
                    (Field::Note, a.note == b.note),
                ])
            },
        ),
        meetings: compare(
            before.meetings(),
            after.meetings(),
            |m| m.id,
            |a, b| {
                differing(&[
                    (Field::Date, a.date == b.date && a.time == b.time),
                    (Field::Place, a.location == b.location),
                    (Field::Held, a.status == b.status),
                    (
                        Field::Invited,
                        a.invited == b.invited && a.interpreter == b.interpreter,
                    ),
                    (Field::Participants, a.participants == b.participants),
                    (Field::Children, a.children == b.children),
                    (Field::Assessment, a.assessment == b.assessment),
                    (Field::Note, a.note == b.note),
                ])
            },
        ),
        mapping: compare(
            before.mapping(),
            after.mapping(),
            |n| n.id,
            |a, b| {
                differing(&[
                    (Field::Column, a.column == b.column),
                    (Field::Text, a.text == b.text),
                ])
            },
        ),
        dangers: compare(
            before.dangers(),
            after.dangers(),
            |d| d.id,
            |a, b| {
                differing(&[
                    (Field::Statement, a.statement == b.statement),
                    (Field::Goal, a.goal == b.goal),
                    (Field::Stances, a.stances == b.stances),
                ])
            },
        ),
        scales: compare(
            before.scales(),
            after.scales(),
            |s| s.id,
            |a, b| {
                differing(&[
                    (Field::Question, a.question == b.question),
                    (Field::ScaleEnds, (&a.low, &a.high) == (&b.low, &b.high)),
                ])
            },
        ),
        agreements: compare(
            before.agreements(),
            after.agreements(),
            |a| a.id,
            agreement_fields,
        ),
        arrangements: compare(
            before.arrangements(),
            after.arrangements(),
            |a| a.id,
            |a, b| {
                differing(&[
                    (Field::People, a.people == b.people),
                    (Field::Text, a.text == b.text),
                    (Field::Dates, (a.from, a.to) == (b.from, b.to)),
                ])
            },
        ),
        supervision: compare(
            before.supervision(),
            after.supervision(),
            |r| r.id,
            |a, b| {
                differing(&[
                    (Field::Adult, a.adult == b.adult),
                    (Field::Children, a.children == b.children),
                    (Field::Allowed, a.allowed == b.allowed),
                    (Field::Condition, a.condition == b.condition),
                ])
            },
        ),
        consents: compare(
            before.consents(),
            after.consents(),
            |c| c.id,
            |a, b| {
                differing(&[
                    (Field::People, a.person == b.person),
                    (Field::Date, a.date == b.date),
                    (
                        Field::Scope,
                        a.intervention == b.intervention && a.share_with == b.share_with,
                    ),
                    (Field::Withdrawn, a.withdrawn == b.withdrawn),
                    (Field::Note, a.note == b.note),
                ])
            },
        ),
        new_check_ins: new_check_ins.into_iter().map(|c| c.id).collect(),
        changed_check_ins,
        scaling: scaling(before, after),
    }
}

fn answers_at(scale: Option<&ScaleQuestion>, meeting: Option<MeetingId>) -> Vec<(PersonId, u8)> {
    match (scale, meeting) {
        (Some(s), Some(m)) => s
            .answers
            .iter()
            .filter(|a| a.meeting == m)
            .map(|a| (a.person, a.value.get()))
            .collect(),
        _ => Vec::new(),
    }
}

fn scaling(before: &Plan, after: &Plan) -> Vec<ScaleComparison> {
    let before_meeting = before.latest_meeting().map(|m| m.id);
    let after_meeting = after.latest_meeting().map(|m| m.id);
    fn find(plan: &Plan, id: ScaleId) -> Option<&ScaleQuestion> {
        plan.scales().iter().find(|s| s.id == id)
    }
    let mut ids: Vec<ScaleId> = after.scales().iter().map(|s| s.id).collect();
    ids.extend(
        before
            .scales()
            .iter()
            .map(|s| s.id)
            .filter(|id| find(after, *id).is_none()),
    );
    ids.into_iter()
        .map(|scale| {
            let was = answers_at(find(before, scale), before_meeting);
            let now = answers_at(find(after, scale), after_meeting);
            let mut rows: Vec<ScaleRow> = Vec::new();
            for &(person, _) in was.iter().chain(now.iter()) {
                if rows.iter().any(|r| r.person == person) {
                    continue;
                }
                // With two answers from one person at one meeting, the last counts.
                let value = |list: &[(PersonId, u8)]| {
                    list.iter()
                        .rev()
                        .find(|(p, _)| *p == person)
                        .map(|(_, v)| *v)
                };
                rows.push(ScaleRow {
                    person,
                    before: value(&was),
                    after: value(&now),
                });
            }
            ScaleComparison {
                scale,
                before_meeting,
                after_meeting,
                rows,
            }
        })
        .collect()
}

/// One person's answers to a scaling question over the meetings.
pub type Trend = (PersonId, Vec<(MeetingId, Date, u8)>);

/// Each person's answers to `scale`, meeting by meeting (by date, then
/// meeting id). People come in the plan's order (network, then children),
/// then anyone else by id. Empty if the question does not exist.
pub fn scale_trend(plan: &Plan, scale: ScaleId) -> Vec<Trend> {
    let Some(question) = plan.scales().iter().find(|s| s.id == scale) else {
        return Vec::new();
    };
    let order: HashMap<PersonId, usize> = plan
        .people()
        .iter()
        .map(|p| p.id)
        .chain(plan.children().iter().map(|c| c.id))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut by_person: HashMap<PersonId, Vec<(MeetingId, Date, u8)>> = HashMap::new();
    for a in &question.answers {
        let Some(meeting) = plan.meeting(a.meeting) else {
            continue;
        };
        by_person
            .entry(a.person)
            .or_default()
            .push((meeting.id, meeting.date, a.value.get()));
    }
    let mut out: Vec<Trend> = by_person.into_iter().collect();
    for (_, points) in &mut out {
        // A stable sort: two answers at one meeting stay in the order given.
        crate::sort::by_key(points, |&(m, date, _)| (date, m));
    }
    crate::sort::by_key(&mut out, |(p, _)| {
        (order.get(p).copied().unwrap_or(usize::MAX), *p)
    });
    out
}

impl PlanDiff {
    /// The changes as short sentences for the "what changed since the last
    /// meeting" view, people and agreements one by one, everything else
    /// counted. `before` and `after` must be the plans this diff was made from
    /// (names are looked up in them: removed people in `before`).
    pub fn describe(&self, before: &Plan, after: &Plan, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        if self.title {
            out.push(tr(lang, "diff.title").to_string());
        }
        if self.case {
            out.push(tr(lang, "diff.case").to_string());
        }
        let fields = |list: &[Field]| {
            list.iter()
                .map(|f| f.label(lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let name = |plan: &Plan, id: PersonId| plan.name_of(id).unwrap_or_default().to_string();
        for (deltas, kind) in [(&self.children, "child"), (&self.people, "person")] {
            for delta in deltas {
                let line = match delta {
                    Delta::Added(id) => trf(
                        lang,
                        &format!("diff.added.{kind}"),
                        &[("name", &name(after, *id))],
                    ),
                    Delta::Removed(id) => trf(
                        lang,
                        &format!("diff.removed.{kind}"),
                        &[("name", &name(before, *id))],
                    ),
                    Delta::Changed(id, f) => trf(
                        lang,
                        &format!("diff.changed.{kind}"),
                        &[("name", &name(after, *id)), ("fields", &fields(f))],
                    ),
                };
                out.push(line);
            }
        }
        let number = |id: AgreementId| {
            after
                .agreement_number(id)
                .map_or(String::new(), |n| n.to_string())
        };
        for delta in &self.agreements {
            let line = match delta {
                Delta::Added(id) => trf(lang, "diff.added.agreement", &[("n", &number(*id))]),
                Delta::Removed(id) => {
                    let text = before.agreement(*id).map_or("", |a| a.text.as_str());
                    trf(lang, "diff.removed.agreement", &[("text", text)])
                }
                Delta::Changed(id, f) => trf(
                    lang,
                    "diff.changed.agreement",
                    &[("n", &number(*id)), ("fields", &fields(f))],
                ),
            };
            out.push(line);
        }
        fn counted<Id>(deltas: &[Delta<Id>]) -> Option<[String; 3]> {
            let count = |pick: fn(&Delta<Id>) -> bool| deltas.iter().filter(|d| pick(d)).count();
            let counts = [
                count(|d| matches!(d, Delta::Added(_))),
                count(|d| matches!(d, Delta::Removed(_))),
                count(|d| matches!(d, Delta::Changed(..))),
            ];
            (counts != [0, 0, 0]).then(|| counts.map(|n| n.to_string()))
        }
        let groups = [
            ("diff.count.relations", counted(&self.relations)),
            ("diff.count.meetings", counted(&self.meetings)),
            ("diff.count.mapping", counted(&self.mapping)),
            ("diff.count.dangers", counted(&self.dangers)),
            ("diff.count.scales", counted(&self.scales)),
            ("diff.count.arrangements", counted(&self.arrangements)),
            ("diff.count.supervision", counted(&self.supervision)),
            ("diff.count.consents", counted(&self.consents)),
        ];
        for (key, counts) in groups {
            if let Some([added, removed, changed]) = counts {
                out.push(trf(
                    lang,
                    key,
                    &[
                        ("added", &added),
                        ("removed", &removed),
                        ("changed", &changed),
                    ],
                ));
            }
        }
        if !self.new_check_ins.is_empty() {
            let count = self.new_check_ins.len().to_string();
            out.push(trf(lang, "diff.new_check_ins", &[("count", &count)]));
        }
        if !self.changed_check_ins.is_empty() {
            let count = self.changed_check_ins.len().to_string();
            out.push(trf(lang, "diff.changed_check_ins", &[("count", &count)]));
        }
        out
    }
}

/// One changed field of an agreement, as the "what changed" view shows it:
/// what it said at the earlier meeting and what it says now ("—" for a
/// check or step that did not exist then, or no longer does).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// Before and after of every changed field of agreement `id`, worded in
/// `lang`. With `hide_names`, people are named as on the shared screen
/// (role or initials) and names inside the texts are hidden too, with the
/// names of both versions, so someone removed since is not named either.
/// Empty if the agreement is not in both plans or did not change.
pub fn agreement_changes(
    before: &Plan,
    after: &Plan,
    id: AgreementId,
    lang: Lang,
    hide_names: bool,
) -> Vec<FieldChange> {
    let (Some(was), Some(now)) = (before.agreement(id), after.agreement(id)) else {
        return Vec::new();
    };
    let text = |s: &str| {
        if hide_names {
            let s = crate::map::hide_names_in(after, s);
            crate::map::hide_names_in(before, &s)
        } else {
            s.to_string()
        }
    };
    let names = |plan: &Plan, ids: &[PersonId]| {
        ids.iter()
            .map(|p| crate::map::display_name_of(plan, *p, hide_names))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let none = || "—".to_string();
    let check = |plan: &Plan, c: Option<&Check>| {
        c.map_or_else(none, |c| {
            use crate::i18n::labels::Label;
            let mut out = format!("{} {}", c.method.label(lang), c.when.describe(lang));
            if let Some(time) = c.time {
                out.push_str(&format!(" {time}"));
            }
            if !c.by.is_empty() {
                out.push_str(&format!(" ({})", names(plan, &c.by)));
            }
            if !c.note.trim().is_empty() {
                out.push_str(&format!(": {}", text(&c.note)));
            }
            out
        })
    };
    let step = |plan: &Plan, s: Option<&Step>| {
        s.map_or_else(none, |s| {
            let who = names(plan, &s.people);
            match (who.is_empty(), text(&s.action)) {
                (true, action) => action,
                (false, action) => format!("{who}: {action}"),
            }
        })
    };
    agreement_fields(was, now)
        .into_iter()
        .map(|field| {
            let (before_text, after_text) = match field {
                Field::Text => (text(&was.text), text(&now.text)),
                Field::Responsible => (
                    names(before, &was.responsible),
                    names(after, &now.responsible),
                ),
                Field::Check(i) => (
                    check(before, was.checks.get(i)),
                    check(after, now.checks.get(i)),
                ),
                Field::Step(i) => (
                    step(before, was.chain.get(i)),
                    step(after, now.chain.get(i)),
                ),
                // agreement_fields names no other field.
                _ => (String::new(), String::new()),
            };
            FieldChange {
                field,
                before: before_text,
                after: after_text,
            }
        })
        .collect()
}
