//! Every change to a plan is an [`Edit`], applied by [`Plan::apply`].
//!
//! Applying an edit checks it against the plan's invariants (unique ids, no
//! dangling references) and returns the edit that undoes it. Undo/redo,
//! autosave, change events and "what changed" all come from this one path.
//! Primitive edits never cascade: removing a person who is still named
//! somewhere is refused with the list of places. [`Plan::remove_person`]
//! builds the [`Edit::Batch`] that first cleans those places, so the cascade is
//! itself made of invertible steps.

use crate::document::ids::*;
use crate::document::plan::*;
use crate::i18n::{tr, trf, Lang};
use std::collections::HashSet;
use std::fmt::Debug;
use std::hash::Hash;

/// A change to one collection of a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Change<T: Entity> {
    /// Insert `item` at position `at`; `at` at or past the end appends.
    Insert {
        at: usize,
        item: T,
    },
    /// Replace the item with the same id.
    Update(T),
    Remove(T::Id),
    /// Move the item with `id` to position `to` (clamped to the end).
    Move {
        id: T::Id,
        to: usize,
    },
}

/// One change to a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetCase(CaseStatus),
    SetSettings(Settings),
    Child(Change<Child>),
    Person(Change<Person>),
    Relation(Change<Relation>),
    Meeting(Change<Meeting>),
    Note(Change<MappingNote>),
    Danger(Change<DangerStatement>),
    Scale(Change<ScaleQuestion>),
    Agreement(Change<Agreement>),
    Arrangement(Change<Arrangement>),
    Supervision(Change<SupervisionRule>),
    CheckIn(Change<CheckIn>),
    Consent(Change<Consent>),
    FollowUp(Change<FollowUp>),
    ChildView(Change<ChildView>),
    /// Keeps `Some(snapshot)` as the snapshot of the meeting (closing it;
    /// a meeting closed again gets the new one), or with `None` forgets the
    /// meeting's snapshot. The inverse is the same edit with what was there
    /// before. Built by [`Plan::close_meeting`].
    Snapshot(MeetingId, Option<Box<crate::analysis::review::Snapshot>>),
    /// Several edits applied as one: all or nothing, undone as one.
    Batch(Vec<Edit>),
    /// The whole plan replaced by an earlier version of itself (restored
    /// from the browser's versions); the inverse is the plan as it was, so a
    /// restore is undone like any edit. A `Plan` value is whole by
    /// construction (opening a version passes every import check), so there
    /// is nothing left to check here.
    Restore(Box<Plan>),
}

/// What kind of thing an id or error is about (for messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Child,
    Person,
    Relation,
    Meeting,
    Note,
    Danger,
    Scale,
    Agreement,
    Arrangement,
    Supervision,
    CheckIn,
    Consent,
    FollowUp,
    ChildView,
    /// The snapshot of a closed meeting.
    Snapshot,
}

impl EntityKind {
    /// The collection's field name in the file format (used in JSON paths).
    pub fn field(self) -> &'static str {
        match self {
            EntityKind::Child => "children",
            EntityKind::Person => "people",
            EntityKind::Relation => "relations",
            EntityKind::Meeting => "meetings",
            EntityKind::Note => "mapping",
            EntityKind::Danger => "dangers",
            EntityKind::Scale => "scales",
            EntityKind::Agreement => "agreements",
            EntityKind::Arrangement => "arrangements",
            EntityKind::Supervision => "supervision",
            EntityKind::CheckIn => "check_ins",
            EntityKind::Consent => "consents",
            EntityKind::FollowUp => "follow_ups",
            EntityKind::ChildView => "child_views",
            EntityKind::Snapshot => "snapshots",
        }
    }

    /// "a person", "en person"…
    pub fn label(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                EntityKind::Child => "entity.children",
                EntityKind::Person => "entity.people",
                EntityKind::Relation => "entity.relations",
                EntityKind::Meeting => "entity.meetings",
                EntityKind::Note => "entity.mapping",
                EntityKind::Danger => "entity.dangers",
                EntityKind::Scale => "entity.scales",
                EntityKind::Agreement => "entity.agreements",
                EntityKind::Arrangement => "entity.arrangements",
                EntityKind::Supervision => "entity.supervision",
                EntityKind::CheckIn => "entity.check_ins",
                EntityKind::Consent => "entity.consents",
                EntityKind::FollowUp => "entity.follow_ups",
                EntityKind::ChildView => "entity.child_views",
                EntityKind::Snapshot => "entity.snapshots",
            },
        )
    }
}

/// A reference from one thing in the plan to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    /// A person or a child.
    Person(PersonId),
    /// Specifically a child (the child of a child view).
    Child(PersonId),
    Agreement(AgreementId),
    Meeting(MeetingId),
}

/// Where a reference sits: "agreements[1].chain[2].people[0]".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referrer {
    pub kind: EntityKind,
    /// Position in its collection (0-based).
    pub index: usize,
    /// The field path inside the item, e.g. `chain[2].people[0]`.
    pub field: String,
}

impl Referrer {
    /// The JSON path of the reference, e.g. `agreements[1].chain[2].people[0]`.
    pub fn path(&self) -> String {
        format!("{}[{}].{}", self.kind.field(), self.index, self.field)
    }
}

/// A thing stored in one of the plan's collections.
pub trait Entity: Clone + PartialEq + Debug + Sized + serde::Serialize {
    type Id: Copy + Eq + Hash + Debug + std::fmt::Display;
    const KIND: EntityKind;
    fn id(&self) -> Self::Id;
    /// Every reference this item makes, with the field it sits in.
    fn refs(&self, out: &mut Vec<(String, Ref)>);
    /// Rules about the item alone (not about what it points at).
    fn check_self(&self) -> Result<(), EditError> {
        Ok(())
    }
    /// What other things point at when they point at this item.
    fn as_target(_id: Self::Id) -> Option<Ref> {
        None
    }
    fn list(plan: &Plan) -> &Vec<Self>;
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self>;
    fn wrap(change: Change<Self>) -> Edit;
}

fn people_refs(out: &mut Vec<(String, Ref)>, field: &str, ids: &[PersonId]) {
    for (i, id) in ids.iter().enumerate() {
        out.push((format!("{field}[{i}]"), Ref::Person(*id)));
    }
}

macro_rules! entity {
    ($t:ty, $id:ty, $kind:ident, $field:ident, |$s:ident, $out:ident| $refs:block) => {
        impl Entity for $t {
            type Id = $id;
            const KIND: EntityKind = EntityKind::$kind;
            fn id(&self) -> $id {
                self.id
            }
            #[allow(unused_variables)]
            fn refs(&self, $out: &mut Vec<(String, Ref)>) {
                let $s = self;
                $refs
            }
            fn list(plan: &Plan) -> &Vec<Self> {
                &plan.$field
            }
            fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
                &mut plan.$field
            }
            fn wrap(change: Change<Self>) -> Edit {
                Edit::$kind(change)
            }
        }
    };
}

impl Entity for Child {
    type Id = PersonId;
    const KIND: EntityKind = EntityKind::Child;
    fn id(&self) -> PersonId {
        self.id
    }
    fn refs(&self, _: &mut Vec<(String, Ref)>) {}
    fn as_target(id: PersonId) -> Option<Ref> {
        Some(Ref::Child(id))
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.children
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.children
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::Child(change)
    }
}

impl Entity for Person {
    type Id = PersonId;
    const KIND: EntityKind = EntityKind::Person;
    fn id(&self) -> PersonId {
        self.id
    }
    fn refs(&self, out: &mut Vec<(String, Ref)>) {
        for (i, c) in self.custodian_of.iter().enumerate() {
            out.push((format!("custodian_of[{i}]"), Ref::Child(*c)));
        }
    }
    fn as_target(id: PersonId) -> Option<Ref> {
        Some(Ref::Person(id))
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.people
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.people
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::Person(change)
    }
}

impl Entity for Relation {
    type Id = RelationId;
    const KIND: EntityKind = EntityKind::Relation;
    fn id(&self) -> RelationId {
        self.id
    }
    fn refs(&self, out: &mut Vec<(String, Ref)>) {
        out.push(("from".into(), Ref::Person(self.from)));
        out.push(("to".into(), Ref::Person(self.to)));
    }
    fn check_self(&self) -> Result<(), EditError> {
        if self.from == self.to {
            return Err(EditError::Invalid {
                kind: EntityKind::Relation,
                field: "to".into(),
                reason: Invalid::SelfRelation,
            });
        }
        Ok(())
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.relations
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.relations
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::Relation(change)
    }
}

impl Entity for Meeting {
    type Id = MeetingId;
    const KIND: EntityKind = EntityKind::Meeting;
    fn id(&self) -> MeetingId {
        self.id
    }
    fn refs(&self, out: &mut Vec<(String, Ref)>) {
        people_refs(out, "invited", &self.invited);
        people_refs(out, "participants", &self.participants);
        for (i, c) in self.children.iter().enumerate() {
            out.push((format!("children[{i}].child"), Ref::Child(c.child)));
        }
    }
    fn as_target(id: MeetingId) -> Option<Ref> {
        Some(Ref::Meeting(id))
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.meetings
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.meetings
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::Meeting(change)
    }
}

impl Entity for Agreement {
    type Id = AgreementId;
    const KIND: EntityKind = EntityKind::Agreement;
    fn id(&self) -> AgreementId {
        self.id
    }
    fn refs(&self, out: &mut Vec<(String, Ref)>) {
        people_refs(out, "responsible", &self.responsible);
        for (i, c) in self.checks.iter().enumerate() {
            people_refs(out, &format!("checks[{i}].by"), &c.by);
        }
        for (i, s) in self.chain.iter().enumerate() {
            people_refs(out, &format!("chain[{i}].people"), &s.people);
        }
    }
    fn check_self(&self) -> Result<(), EditError> {
        for (i, c) in self.checks.iter().enumerate() {
            let bad = match &c.when {
                Frequency::NthDay { n, .. } => !(1..=60).contains(n),
                Frequency::Week { times } => !(1..=7).contains(times),
                Frequency::Days { days } => days.is_empty(),
                _ => false,
            };
            if bad {
                return Err(EditError::Invalid {
                    kind: EntityKind::Agreement,
                    field: format!("checks[{i}].when"),
                    reason: Invalid::Frequency,
                });
            }
        }
        Ok(())
    }
    fn as_target(id: AgreementId) -> Option<Ref> {
        Some(Ref::Agreement(id))
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.agreements
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.agreements
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::Agreement(change)
    }
}

entity!(MappingNote, NoteId, Note, mapping, |s, out| {});
entity!(Consent, ConsentId, Consent, consents, |s, out| {
    out.push(("person".into(), Ref::Person(s.person)));
});
entity!(DangerStatement, DangerId, Danger, dangers, |s, out| {
    for (i, st) in s.stances.iter().enumerate() {
        out.push((format!("stances[{i}].person"), Ref::Person(st.person)));
    }
});
entity!(ScaleQuestion, ScaleId, Scale, scales, |s, out| {
    for (i, a) in s.answers.iter().enumerate() {
        out.push((format!("answers[{i}].meeting"), Ref::Meeting(a.meeting)));
        out.push((format!("answers[{i}].person"), Ref::Person(a.person)));
    }
});
entity!(
    Arrangement,
    ArrangementId,
    Arrangement,
    arrangements,
    |s, out| {
        people_refs(out, "people", &s.people);
    }
);
entity!(
    SupervisionRule,
    SupervisionId,
    Supervision,
    supervision,
    |s, out| {
        out.push(("adult".into(), Ref::Person(s.adult)));
        for (i, c) in s.children.iter().enumerate() {
            out.push((format!("children[{i}]"), Ref::Child(*c)));
        }
    }
);
entity!(CheckIn, CheckInId, CheckIn, check_ins, |s, out| {
    out.push(("agreement".into(), Ref::Agreement(s.agreement)));
    if let Some(p) = s.by {
        out.push(("by".into(), Ref::Person(p)));
    }
});
entity!(FollowUp, FollowUpId, FollowUp, follow_ups, |s, out| {
    if let Some(p) = s.person {
        out.push(("person".into(), Ref::Person(p)));
    }
});

impl Entity for ChildView {
    type Id = PersonId;
    const KIND: EntityKind = EntityKind::ChildView;
    fn id(&self) -> PersonId {
        self.child
    }
    fn refs(&self, out: &mut Vec<(String, Ref)>) {
        out.push(("child".into(), Ref::Child(self.child)));
        let house = &self.house;
        for (room, entries) in [
            ("inside", &house.inside),
            ("visiting", &house.visiting),
            ("outside", &house.outside),
        ] {
            for (i, e) in entries.iter().enumerate() {
                if let Some(p) = e.person {
                    out.push((format!("house.{room}[{i}].person"), Ref::Person(p)));
                }
            }
        }
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.child_views
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.child_views
    }
    fn wrap(change: Change<Self>) -> Edit {
        Edit::ChildView(change)
    }
}

/// Why an item is invalid on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// A relation from a person to the same person.
    SelfRelation,
    /// A check frequency out of range (every 0th day, 9 times a week, no days).
    Frequency,
    /// The sector order is not a permutation of all sectors.
    SectorOrder,
    /// A snapshot's plan holds snapshots itself (plans are never nested).
    NestedSnapshot,
    /// A snapshot's plan does not hold its meeting on the snapshot's date.
    SnapshotMeeting,
    /// Snapshots out of meeting date order, or one meeting's kept twice.
    SnapshotOrder,
}

/// Why an edit was refused. The plan is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    NotFound {
        kind: EntityKind,
        id: String,
    },
    DuplicateId {
        kind: EntityKind,
        id: String,
    },
    /// The item points at something that does not exist.
    Dangling {
        kind: EntityKind,
        field: String,
        target: Ref,
    },
    /// The item cannot be removed: these places still name it.
    StillReferenced {
        kind: EntityKind,
        id: String,
        by: Vec<Referrer>,
    },
    Invalid {
        kind: EntityKind,
        field: String,
        reason: Invalid,
    },
    /// The item breaks a rule of the file format (a name too long, a
    /// control character, too many items), so the plan could not be saved
    /// and opened again.
    Unsavable {
        kind: EntityKind,
        error: Box<crate::file::ImportError>,
    },
    /// One edit of a batch failed; nothing of the batch was applied.
    InBatch {
        index: usize,
        error: Box<EditError>,
    },
}

impl EditError {
    fn unsavable(kind: EntityKind, error: crate::file::ImportError) -> EditError {
        EditError::Unsavable {
            kind,
            error: Box::new(error),
        }
    }

    /// A sentence for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            EditError::NotFound { kind, id } => trf(
                lang,
                "edit.not_found",
                &[("what", kind.label(lang)), ("id", id)],
            ),
            EditError::DuplicateId { kind, id } => trf(
                lang,
                "edit.duplicate_id",
                &[("what", kind.label(lang)), ("id", id)],
            ),
            EditError::Dangling {
                kind,
                field,
                target,
            } => {
                let (target_kind, id) = match target {
                    Ref::Person(p) => (EntityKind::Person, p.to_string()),
                    Ref::Child(p) => (EntityKind::Child, p.to_string()),
                    Ref::Agreement(a) => (EntityKind::Agreement, a.to_string()),
                    Ref::Meeting(m) => (EntityKind::Meeting, m.to_string()),
                };
                trf(
                    lang,
                    "edit.dangling",
                    &[
                        ("what", kind.label(lang)),
                        ("field", field),
                        ("target", target_kind.label(lang)),
                        ("id", &id),
                    ],
                )
            }
            EditError::StillReferenced { kind, id, by } => {
                let places: Vec<String> = by.iter().take(5).map(Referrer::path).collect();
                trf(
                    lang,
                    "edit.still_referenced",
                    &[
                        ("what", kind.label(lang)),
                        ("id", id),
                        ("count", &by.len().to_string()),
                        ("places", &places.join(", ")),
                    ],
                )
            }
            EditError::Invalid {
                kind,
                field,
                reason,
            } => {
                let key = match reason {
                    Invalid::SelfRelation => "edit.invalid.self_relation",
                    Invalid::Frequency => "edit.invalid.frequency",
                    Invalid::SectorOrder => "edit.invalid.sector_order",
                    Invalid::NestedSnapshot => "edit.invalid.nested_snapshot",
                    Invalid::SnapshotMeeting => "edit.invalid.snapshot_meeting",
                    Invalid::SnapshotOrder => "edit.invalid.snapshot_order",
                };
                trf(lang, key, &[("what", kind.label(lang)), ("field", field)])
            }
            EditError::Unsavable { error, .. } => error.message(lang),
            EditError::InBatch { error, .. } => error.message(lang),
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

/// The result of applying an edit: the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub inverse: Edit,
}

/// Refuses a list of `kind` that would hold `count` items, more than a file
/// may hold (the same limit import enforces).
fn within_list_limit(kind: EntityKind, count: usize) -> Result<(), EditError> {
    let max = crate::file::max_items(kind.field());
    if count > max {
        return Err(EditError::unsavable(
            kind,
            crate::file::ImportError::new(
                kind.field(),
                crate::file::ImportErrorKind::TooMany { count, max },
            ),
        ));
    }
    Ok(())
}

impl Plan {
    /// Applies `edit`, or refuses it and leaves the plan unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let inverse = match edit {
            Edit::SetTitle(t) => {
                let mut title = serde_json::Map::new();
                title.insert("title".into(), t.clone().into());
                crate::file::check_item(&title, "")
                    .map_err(|error| EditError::unsavable(EntityKind::Child, error))?;
                Edit::SetTitle(std::mem::replace(&mut self.title, t))
            }
            Edit::SetCase(c) => Edit::SetCase(std::mem::replace(&mut self.case, c)),
            Edit::SetSettings(s) => {
                check_sector_order(&s.sector_order)?;
                crate::file::check_item(&s, "settings")
                    .map_err(|error| EditError::unsavable(EntityKind::Child, error))?;
                Edit::SetSettings(std::mem::replace(&mut self.settings, s))
            }
            Edit::Child(c) => self.change(c)?,
            Edit::Person(c) => self.change(c)?,
            Edit::Relation(c) => self.change(c)?,
            Edit::Meeting(c) => self.change(c)?,
            Edit::Note(c) => self.change(c)?,
            Edit::Danger(c) => self.change(c)?,
            Edit::Scale(c) => self.change(c)?,
            Edit::Agreement(c) => self.change(c)?,
            Edit::Arrangement(c) => self.change(c)?,
            Edit::Supervision(c) => self.change(c)?,
            Edit::CheckIn(c) => self.change(c)?,
            Edit::Consent(c) => self.change(c)?,
            Edit::FollowUp(c) => self.change(c)?,
            Edit::ChildView(c) => self.change(c)?,
            Edit::Snapshot(meeting, snapshot) => self.set_snapshot(meeting, snapshot)?,
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for (index, e) in edits.into_iter().enumerate() {
                    match self.apply(e) {
                        Ok(applied) => inverses.push(applied.inverse),
                        Err(error) => {
                            // Roll back what this batch already did.
                            for inv in inverses.into_iter().rev() {
                                let undone = self.apply(inv);
                                debug_assert!(undone.is_ok(), "inverse of an applied edit failed");
                            }
                            return Err(EditError::InBatch {
                                index,
                                error: Box::new(error),
                            });
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
            Edit::Restore(version) => Edit::Restore(Box::new(std::mem::replace(self, *version))),
        };
        Ok(Applied { inverse })
    }

    fn change<T: Entity>(&mut self, change: Change<T>) -> Result<Edit, EditError> {
        let pos = |plan: &Plan, id: T::Id| {
            T::list(plan)
                .iter()
                .position(|x| x.id() == id)
                .ok_or_else(|| EditError::NotFound {
                    kind: T::KIND,
                    id: id.to_string(),
                })
        };
        Ok(T::wrap(match change {
            Change::Insert { at, item } => {
                if self.id_taken::<T>(item.id()) {
                    return Err(EditError::DuplicateId {
                        kind: T::KIND,
                        id: item.id().to_string(),
                    });
                }
                let len = T::list(self).len();
                within_list_limit(T::KIND, len + 1)?;
                self.check_item(&item, at.min(len))?;
                let list = T::list_mut(self);
                let at = at.min(list.len());
                let id = item.id();
                list.insert(at, item);
                Change::Remove(id)
            }
            Change::Update(item) => {
                let i = pos(self, item.id())?;
                self.check_item(&item, i)?;
                let old = std::mem::replace(&mut T::list_mut(self)[i], item);
                Change::Update(old)
            }
            Change::Remove(id) => {
                let i = pos(self, id)?;
                if let Some(target) = T::as_target(id) {
                    let by = self.referrers(target);
                    if !by.is_empty() {
                        return Err(EditError::StillReferenced {
                            kind: T::KIND,
                            id: id.to_string(),
                            by,
                        });
                    }
                }
                let item = T::list_mut(self).remove(i);
                Change::Insert { at: i, item }
            }
            Change::Move { id, to } => {
                let from = pos(self, id)?;
                let list = T::list_mut(self);
                let item = list.remove(from);
                let to = to.min(list.len());
                list.insert(to, item);
                Change::Move { id, to: from }
            }
        }))
    }

    /// [`Edit::Snapshot`]: checks the new snapshot like an imported one,
    /// keeps the list in meeting date order and the whole file within the
    /// format's size limit.
    fn set_snapshot(
        &mut self,
        meeting: MeetingId,
        snapshot: Option<Box<crate::analysis::review::Snapshot>>,
    ) -> Result<Edit, EditError> {
        use crate::file::{limits, ImportError, ImportErrorKind};
        let unsavable = |kind| {
            EditError::unsavable(
                EntityKind::Snapshot,
                ImportError::new(EntityKind::Snapshot.field(), kind),
            )
        };
        let at = self.snapshots().iter().position(|s| s.meeting == meeting);
        let Some(new) = snapshot else {
            let at = at.ok_or_else(|| EditError::NotFound {
                kind: EntityKind::Snapshot,
                id: meeting.to_string(),
            })?;
            let old = self.snapshots.make_mut().remove(at);
            return Ok(Edit::Snapshot(meeting, Some(Box::new(old))));
        };
        if new.meeting != meeting {
            return Err(EditError::Invalid {
                kind: EntityKind::Snapshot,
                field: "meeting".into(),
                reason: Invalid::SnapshotMeeting,
            });
        }
        crate::analysis::review::check_snapshot(&new).map_err(|(_, e)| e)?;
        within_list_limit(
            EntityKind::Snapshot,
            self.snapshots().len() + usize::from(at.is_none()),
        )?;
        let index = at.unwrap_or(self.snapshots().len());
        crate::file::check_snapshot_item(&new, index)
            .map_err(|error| EditError::unsavable(EntityKind::Snapshot, error))?;
        let list = self.snapshots.make_mut();
        let old = at.map(|i| list.remove(i));
        let to = list.partition_point(|s| s.order() <= new.order());
        list.insert(to, *new);
        // A whole plan per meeting is what can push a file past its size
        // limit: measure the file this would write, and refuse rather than
        // leave a plan that saves but never opens again.
        let bytes = crate::file::to_json(self).len();
        if bytes > limits::MAX_BYTES {
            let list = self.snapshots.make_mut();
            list.remove(to);
            if let (Some(i), Some(old)) = (at, old) {
                list.insert(i, old);
            }
            return Err(unsavable(ImportErrorKind::TooLarge {
                bytes,
                max: limits::MAX_BYTES,
            }));
        }
        Ok(Edit::Snapshot(meeting, old.map(Box::new)))
    }

    /// The edit that closes `meeting`: the plan as it stands now becomes the
    /// meeting's snapshot (replacing an earlier one of the same meeting).
    pub fn close_meeting(&self, meeting: MeetingId) -> Result<Edit, EditError> {
        let snapshot = crate::analysis::review::Snapshot::of(self, meeting).ok_or_else(|| {
            EditError::NotFound {
                kind: EntityKind::Meeting,
                id: meeting.to_string(),
            }
        })?;
        Ok(Edit::Snapshot(meeting, Some(Box::new(snapshot))))
    }

    /// Whether an id is already used. People and children share one id space.
    fn id_taken<T: Entity>(&self, id: T::Id) -> bool {
        if let Some(Ref::Person(p) | Ref::Child(p)) = T::as_target(id) {
            return self.person(p).is_some() || self.child(p).is_some();
        }
        T::list(self).iter().any(|x| x.id() == id)
    }

    fn check_item<T: Entity>(&self, item: &T, index: usize) -> Result<(), EditError> {
        item.check_self()?;
        crate::file::check_item(item, &format!("{}[{index}]", T::KIND.field()))
            .map_err(|error| EditError::unsavable(T::KIND, error))?;
        let mut refs = Vec::new();
        item.refs(&mut refs);
        for (field, target) in refs {
            if !self.ref_exists(target) {
                return Err(EditError::Dangling {
                    kind: T::KIND,
                    field,
                    target,
                });
            }
        }
        Ok(())
    }

    pub(crate) fn ref_exists(&self, target: Ref) -> bool {
        match target {
            Ref::Person(id) => self.person(id).is_some() || self.child(id).is_some(),
            Ref::Child(id) => self.child(id).is_some(),
            Ref::Agreement(id) => self.agreement(id).is_some(),
            Ref::Meeting(id) => self.meeting(id).is_some(),
        }
    }

    /// Calls `f` with every item of every collection, as (kind, index, refs).
    pub(crate) fn for_each_refs(&self, mut f: impl FnMut(EntityKind, usize, &[(String, Ref)])) {
        fn each<T: Entity>(
            plan: &Plan,
            buf: &mut Vec<(String, Ref)>,
            f: &mut impl FnMut(EntityKind, usize, &[(String, Ref)]),
        ) {
            for (i, item) in T::list(plan).iter().enumerate() {
                buf.clear();
                item.refs(buf);
                if !buf.is_empty() {
                    f(T::KIND, i, buf);
                }
            }
        }
        let mut buf = Vec::new();
        each::<Relation>(self, &mut buf, &mut f);
        each::<Meeting>(self, &mut buf, &mut f);
        each::<DangerStatement>(self, &mut buf, &mut f);
        each::<ScaleQuestion>(self, &mut buf, &mut f);
        each::<Agreement>(self, &mut buf, &mut f);
        each::<Arrangement>(self, &mut buf, &mut f);
        each::<SupervisionRule>(self, &mut buf, &mut f);
        each::<CheckIn>(self, &mut buf, &mut f);
        each::<FollowUp>(self, &mut buf, &mut f);
        each::<ChildView>(self, &mut buf, &mut f);
    }

    /// Every place in the plan that names `target` (a person also matches as a child).
    pub fn referrers(&self, target: Ref) -> Vec<Referrer> {
        let matches = |r: &Ref| match (target, r) {
            (Ref::Person(a) | Ref::Child(a), Ref::Person(b) | Ref::Child(b)) => a == *b,
            _ => target == *r,
        };
        let mut out = Vec::new();
        self.for_each_refs(|kind, index, refs| {
            for (field, r) in refs {
                if matches(r) {
                    out.push(Referrer {
                        kind,
                        index,
                        field: field.clone(),
                    });
                }
            }
        });
        out
    }

    /// The edit that removes check `index` of `agreement` and keeps the log
    /// right: check-ins that answered it answer the agreement as a whole
    /// from now on, and those of later checks follow their check's new
    /// position. One undo brings all of it back.
    pub fn remove_check(&self, agreement: AgreementId, index: usize) -> Result<Edit, EditError> {
        let mut a = self
            .agreement(agreement)
            .ok_or_else(|| EditError::NotFound {
                kind: EntityKind::Agreement,
                id: agreement.to_string(),
            })?
            .clone();
        if index >= a.checks.len() {
            return Ok(Edit::Batch(Vec::new()));
        }
        a.checks.remove(index);
        let mut edits = vec![Edit::Agreement(Change::Update(a))];
        for c in &self.check_ins {
            let Some(i) = c.check.filter(|_| c.agreement == agreement) else {
                continue;
            };
            let i = usize::from(i);
            if i >= index {
                let mut c = c.clone();
                c.check = (i > index).then(|| (i - 1) as u16);
                edits.push(Edit::CheckIn(Change::Update(c)));
            }
        }
        Ok(Edit::Batch(edits))
    }

    /// The edit that removes a person or child and first cleans every place
    /// that names them: their relations go, they leave agreements, steps,
    /// meetings and stances; the child's words about them in the safety house
    /// are kept as text. One undo brings all of it back.
    pub fn remove_person(&self, id: PersonId) -> Result<Edit, EditError> {
        let name = self.name_of(id).ok_or_else(|| EditError::NotFound {
            kind: EntityKind::Person,
            id: id.to_string(),
        })?;
        let drop = |ids: &[PersonId]| -> Vec<PersonId> {
            ids.iter().copied().filter(|p| *p != id).collect()
        };
        let mut edits = Vec::new();
        for r in &self.relations {
            if r.from == id || r.to == id {
                edits.push(Edit::Relation(Change::Remove(r.id)));
            }
        }
        for m in &self.meetings {
            let named = m.participants.contains(&id)
                || m.invited.contains(&id)
                || m.children.iter().any(|c| c.child == id);
            if named {
                let mut m = m.clone();
                m.participants = drop(&m.participants);
                m.invited = drop(&m.invited);
                m.children.retain(|c| c.child != id);
                edits.push(Edit::Meeting(Change::Update(m)));
            }
        }
        for c in &self.consents {
            if c.person == id {
                edits.push(Edit::Consent(Change::Remove(c.id)));
            }
        }
        for p in &self.people {
            if p.custodian_of.contains(&id) {
                let mut p = p.clone();
                p.custodian_of = drop(&p.custodian_of);
                edits.push(Edit::Person(Change::Update(p)));
            }
        }
        for d in &self.dangers {
            if d.stances.iter().any(|s| s.person == id) {
                let mut d = d.clone();
                d.stances.retain(|s| s.person != id);
                edits.push(Edit::Danger(Change::Update(d)));
            }
        }
        for s in &self.scales {
            if s.answers.iter().any(|a| a.person == id) {
                let mut s = s.clone();
                s.answers.retain(|a| a.person != id);
                edits.push(Edit::Scale(Change::Update(s)));
            }
        }
        for a in &self.agreements {
            let named = a.responsible.contains(&id)
                || a.checks.iter().any(|c| c.by.contains(&id))
                || a.chain.iter().any(|s| s.people.contains(&id));
            if named {
                let mut a = a.clone();
                a.responsible = drop(&a.responsible);
                for c in &mut a.checks {
                    c.by = drop(&c.by);
                }
                for s in &mut a.chain {
                    s.people = drop(&s.people);
                }
                edits.push(Edit::Agreement(Change::Update(a)));
            }
        }
        for a in &self.arrangements {
            if a.people.contains(&id) {
                let mut a = a.clone();
                a.people = drop(&a.people);
                edits.push(Edit::Arrangement(Change::Update(a)));
            }
        }
        for s in &self.supervision {
            if s.adult == id {
                edits.push(Edit::Supervision(Change::Remove(s.id)));
            } else if s.children.contains(&id) {
                let mut s = s.clone();
                s.children = drop(&s.children);
                edits.push(Edit::Supervision(Change::Update(s)));
            }
        }
        for c in &self.check_ins {
            if c.by == Some(id) {
                let mut c = c.clone();
                c.by = None;
                edits.push(Edit::CheckIn(Change::Update(c)));
            }
        }
        for f in &self.follow_ups {
            if f.person == Some(id) {
                let mut f = f.clone();
                f.person = None;
                edits.push(Edit::FollowUp(Change::Update(f)));
            }
        }
        for v in &self.child_views {
            if v.child == id {
                edits.push(Edit::ChildView(Change::Remove(v.child)));
                continue;
            }
            let mut changed = v.clone();
            let mut touched = false;
            for e in changed
                .house
                .inside
                .iter_mut()
                .chain(changed.house.visiting.iter_mut())
                .chain(changed.house.outside.iter_mut())
            {
                if e.person == Some(id) {
                    e.person = None;
                    if e.text.trim().is_empty() {
                        e.text = name.to_string();
                    }
                    touched = true;
                }
            }
            if touched {
                edits.push(Edit::ChildView(Change::Update(changed)));
            }
        }
        edits.push(if self.child(id).is_some() {
            Edit::Child(Change::Remove(id))
        } else {
            Edit::Person(Change::Remove(id))
        });
        Ok(Edit::Batch(edits))
    }

    /// Checks every invariant of a whole plan (used after import): unique ids
    /// in every collection, no dangling reference, every item valid. The error
    /// names the JSON path of the first problem.
    pub fn check_integrity(&self) -> Result<(), (String, EditError)> {
        /// Unique ids within a collection (people and children share `seen`).
        fn run<T: Entity>(
            plan: &Plan,
            seen: &mut HashSet<String>,
        ) -> Result<(), (String, EditError)> {
            let mut own = HashSet::new();
            let set = if matches!(T::KIND, EntityKind::Person | EntityKind::Child) {
                seen
            } else {
                &mut own
            };
            for (i, item) in T::list(plan).iter().enumerate() {
                let key = item.id().to_string();
                if !set.insert(key.clone()) {
                    return Err((
                        format!("{}[{i}].id", T::KIND.field()),
                        EditError::DuplicateId {
                            kind: T::KIND,
                            id: key,
                        },
                    ));
                }
                item.check_self()
                    .map_err(|e| (format!("{}[{i}]", T::KIND.field()), e))?;
            }
            Ok(())
        }
        let mut people_ids = HashSet::new();
        let mut none = HashSet::new();
        run::<Child>(self, &mut people_ids)?;
        run::<Person>(self, &mut people_ids)?;
        run::<Relation>(self, &mut none)?;
        run::<Meeting>(self, &mut none)?;
        run::<MappingNote>(self, &mut none)?;
        run::<DangerStatement>(self, &mut none)?;
        run::<ScaleQuestion>(self, &mut none)?;
        run::<Agreement>(self, &mut none)?;
        run::<Arrangement>(self, &mut none)?;
        run::<SupervisionRule>(self, &mut none)?;
        run::<CheckIn>(self, &mut none)?;
        run::<Consent>(self, &mut none)?;
        run::<FollowUp>(self, &mut none)?;
        run::<ChildView>(self, &mut none)?;
        check_sector_order(&self.settings.sector_order)
            .map_err(|e| ("settings.sector_order".to_string(), e))?;
        for (i, s) in self.snapshots().iter().enumerate() {
            crate::analysis::review::check_snapshot(s)
                .map_err(|(path, e)| (format!("snapshots[{i}].{path}"), e))?;
            let previous = i.checked_sub(1).and_then(|p| self.snapshots().get(p));
            if previous.is_some_and(|p| p.order() >= s.order() || p.meeting == s.meeting)
                || self.snapshots()[..i].iter().any(|p| p.meeting == s.meeting)
            {
                return Err((
                    format!("snapshots[{i}].meeting"),
                    EditError::Invalid {
                        kind: EntityKind::Snapshot,
                        field: "meeting".into(),
                        reason: Invalid::SnapshotOrder,
                    },
                ));
            }
        }
        let mut first = None;
        self.for_each_refs(|kind, index, refs| {
            if first.is_some() {
                return;
            }
            for (field, r) in refs {
                if !self.ref_exists(*r) {
                    first = Some((
                        format!("{}[{index}].{field}", kind.field()),
                        EditError::Dangling {
                            kind,
                            field: field.clone(),
                            target: *r,
                        },
                    ));
                    return;
                }
            }
        });
        first.map_or(Ok(()), Err)
    }

    /// A fresh id of any kind: one more than the largest in use.
    pub fn next_id<T: Entity>(&self) -> u32
    where
        T::Id: Into<u32>,
    {
        let max_own = T::list(self).iter().map(|x| x.id().into()).max();
        let max_people = if matches!(T::KIND, EntityKind::Person | EntityKind::Child) {
            self.people
                .iter()
                .map(|p| p.id.0)
                .chain(self.children.iter().map(|c| c.id.0))
                .max()
        } else {
            None
        };
        max_own.max(max_people).map_or(1, |m| m.saturating_add(1))
    }
}

fn check_sector_order(order: &[Sector]) -> Result<(), EditError> {
    let mut sorted = order.to_vec();
    crate::sort::sort(&mut sorted);
    if sorted != Sector::ALL {
        return Err(EditError::Invalid {
            kind: EntityKind::Person,
            field: "sector_order".into(),
            reason: Invalid::SectorOrder,
        });
    }
    Ok(())
}

macro_rules! into_u32 {
    ($($t:ty),*) => {$(
        impl From<$t> for u32 {
            fn from(id: $t) -> u32 {
                id.0
            }
        }
    )*};
}
into_u32!(
    PersonId,
    RelationId,
    MeetingId,
    NoteId,
    DangerId,
    ScaleId,
    AgreementId,
    ArrangementId,
    SupervisionId,
    CheckInId,
    ConsentId,
    FollowUpId
);

impl Edit {
    /// Appends `item` to its collection.
    pub fn add<T: Entity>(item: T) -> Edit {
        T::wrap(Change::Insert {
            at: usize::MAX,
            item,
        })
    }
    pub fn update<T: Entity>(item: T) -> Edit {
        T::wrap(Change::Update(item))
    }
    pub fn remove<T: Entity>(id: T::Id) -> Edit {
        T::wrap(Change::Remove(id))
    }
}
