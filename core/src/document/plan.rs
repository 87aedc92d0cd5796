//! The safety-plan document: everything one family's plan holds.
//!
//! The [`Plan`] keeps its collections private: the only ways to change it are
//! [`Plan::apply`] (see `edit.rs`) and import (see `format`), and both end in
//! the same integrity checks, so no plan in memory can hold a dangling
//! reference or a duplicate id. The value types inside (people, agreements…)
//! are plain data with public fields: they hold no cross-references of their
//! own to protect.

use crate::document::date::{Date, TimeOfDay, Weekday};
use crate::document::ids::*;
use serde::{Deserialize, Serialize};

/// One family's safety plan.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) case: CaseStatus,
    #[serde(default)]
    pub(crate) consents: Vec<Consent>,
    #[serde(default)]
    pub(crate) children: Vec<Child>,
    #[serde(default)]
    pub(crate) people: Vec<Person>,
    #[serde(default)]
    pub(crate) relations: Vec<Relation>,
    #[serde(default)]
    pub(crate) meetings: Vec<Meeting>,
    #[serde(default)]
    pub(crate) mapping: Vec<MappingNote>,
    #[serde(default)]
    pub(crate) dangers: Vec<DangerStatement>,
    #[serde(default)]
    pub(crate) scales: Vec<ScaleQuestion>,
    #[serde(default)]
    pub(crate) agreements: Vec<Agreement>,
    #[serde(default)]
    pub(crate) arrangements: Vec<Arrangement>,
    #[serde(default)]
    pub(crate) supervision: Vec<SupervisionRule>,
    #[serde(default)]
    pub(crate) check_ins: Vec<CheckIn>,
    #[serde(default)]
    pub(crate) follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub(crate) child_views: Vec<ChildView>,
    #[serde(default)]
    pub(crate) settings: Settings,
    /// The plan as it stood at each closed meeting (see `review.rs`): part of
    /// the document so the history travels with the file and closing a
    /// meeting undoes like any edit. Never holds snapshots itself, and
    /// omitted from the file while empty.
    #[serde(
        default,
        skip_serializing_if = "crate::analysis::review::Snapshots::is_empty"
    )]
    pub(crate) snapshots: crate::analysis::review::Snapshots,
}

/// The case: what the consultant calls it, who works it and for whom, and
/// how it ended. The statistics read only dates and the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStatus {
    /// What the plan is called in the list of plans on this computer:
    /// initials or a case code, chosen by the consultant (not the child's
    /// full name).
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub started: Option<Date>,
    /// The safety consultants; usually two, who cover for each other.
    #[serde(default)]
    pub consultants: Vec<Staff>,
    /// The investigating social worker who commissioned the plan.
    #[serde(default)]
    pub commissioner: Option<Staff>,
    #[serde(default)]
    pub closed: Option<Date>,
    /// What the work led to, once closed.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// With [`Outcome::PlacementShortened`]: by how many days.
    #[serde(default)]
    pub shortened_days: Option<u16>,
    /// Why the case closed, in the consultant's words.
    #[serde(default)]
    pub close_reason: String,
    /// Each time a closed case was opened again: when, and the closing it undid.
    #[serde(default)]
    pub reopened: Vec<Reopening>,
}

impl CaseStatus {
    /// Whether the case is closed (and so the plan read-only until reopened).
    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }
}

/// Someone of the social services who works the case (not in the network map).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub name: String,
    #[serde(default)]
    pub phone: String,
    /// The unit or office ("Utredningsenheten Skärholmen").
    #[serde(default)]
    pub unit: String,
}

/// A closed case opened again: the day, and the closing that was undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopening {
    pub date: Date,
    pub closed: Date,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The child stays at home with the plan.
    StaysHome,
    /// The child could stay at home and no placement was needed.
    PlacementAvoided,
    /// The child came home sooner from a placement.
    PlacementShortened,
    /// The child was placed despite the plan.
    Placed,
    /// The family ended the work (it is voluntary).
    FamilyEnded,
    Other,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::StaysHome,
        Outcome::PlacementAvoided,
        Outcome::PlacementShortened,
        Outcome::Placed,
        Outcome::FamilyEnded,
        Outcome::Other,
    ];
}

/// A custodian's consent to the work, which is voluntary, and to sharing
/// information with named kinds of agencies. Withdrawn consent stays on
/// record with its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub id: ConsentId,
    /// The custodian who consented.
    pub person: PersonId,
    pub date: Date,
    /// Consent to the intervention itself.
    #[serde(default)]
    pub intervention: bool,
    /// Agencies information may be shared with.
    #[serde(default)]
    pub share_with: Vec<AgencyKind>,
    #[serde(default)]
    pub withdrawn: Option<Date>,
    #[serde(default)]
    pub note: String,
}

impl Consent {
    /// Whether the consent holds on `day` (given by then and not withdrawn).
    pub fn holds_on(&self, day: Date) -> bool {
        self.date <= day && self.withdrawn.is_none_or(|w| w > day)
    }
}

/// A child the plan is about. Children share the id space of people, so a
/// relation or a house entry can point at a child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    pub id: PersonId,
    /// First name or alias only.
    pub name: String,
    pub age: Age,
    #[serde(default)]
    pub note: String,
}

/// A child's age in whole years, 0–17.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Age(u8);

impl Age {
    pub const MAX: u8 = 17;
    pub fn new(years: u8) -> Option<Age> {
        (years <= Self::MAX).then_some(Age(years))
    }
    pub fn years(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Age {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        u8::try_from(v)
            .ok()
            .and_then(Age::new)
            .ok_or_else(|| format!("age must be 0–{}, got {v}", Age::MAX))
    }
}

impl From<Age> for u8 {
    fn from(a: Age) -> u8 {
        a.0
    }
}

/// Someone in the child's network, private or professional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    /// First name, or a role only ("BUP Skärholmen"). Never a personal identity number.
    pub name: String,
    /// The relation to the child or the role ("mormor", "förskollärare").
    #[serde(default)]
    pub role: String,
    pub kind: PersonKind,
    /// For a professional: which kind of agency, so the unit can count
    /// which agencies take part (the role stays free text).
    #[serde(default)]
    pub agency: Option<AgencyKind>,
    pub place: Place,
    #[serde(default)]
    pub lives_with_child: bool,
    /// The children this person has custody of (vårdnadshavare): the
    /// people whose consent the work needs.
    #[serde(default)]
    pub custodian_of: Vec<PersonId>,
    /// Protected identity (skyddade personuppgifter): contact details are never shown.
    #[serde(default)]
    pub protected: bool,
    /// A phone number for the plan's call lists. Hidden everywhere if `protected`.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub note: String,
}

impl Person {
    /// The phone number if it may be shown (never for protected identity).
    pub fn visible_phone(&self) -> Option<&str> {
        (!self.protected && !self.phone.trim().is_empty()).then_some(self.phone.trim())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    Private,
    Professional,
}

/// The kinds of agency the unit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Förskola or skola.
    School,
    /// Fritids (after-school care).
    Fritids,
    /// Barn- och ungdomspsykiatrin.
    Bup,
    /// Vårdcentral or BVC.
    HealthCentre,
    Police,
    SocialServices,
    /// Socialjouren, the out-of-hours social services.
    OutOfHours,
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 8] = [
        AgencyKind::School,
        AgencyKind::Fritids,
        AgencyKind::Bup,
        AgencyKind::HealthCentre,
        AgencyKind::Police,
        AgencyKind::SocialServices,
        AgencyKind::OutOfHours,
        AgencyKind::Other,
    ];
}

/// Where a person sits on the map: a closeness ring, a sector, and a position
/// inside that cell in thousandths (so files hold integers, not floats).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub ring: Ring,
    pub sector: Sector,
    /// 0 = the sector's first edge, 1000 = its last edge (clockwise).
    pub along: Permille,
    /// 0 = the ring's inner edge, 1000 = its outer edge.
    pub depth: Permille,
}

/// A fraction 0–1000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u16")]
pub struct Permille(u16);

impl Permille {
    pub const HALF: Permille = Permille(500);
    pub fn new(v: u16) -> Option<Permille> {
        (v <= 1000).then_some(Permille(v))
    }
    /// Clamps a fraction 0.0–1.0 (NaN becomes the middle).
    pub fn from_fraction(f: f64) -> Permille {
        if f.is_nan() {
            return Permille::HALF;
        }
        Permille((f.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }
    pub fn get(self) -> u16 {
        self.0
    }
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl TryFrom<i64> for Permille {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        u16::try_from(v)
            .ok()
            .and_then(Permille::new)
            .ok_or_else(|| format!("must be 0–1000, got {v}"))
    }
}

impl From<Permille> for u16 {
    fn from(p: Permille) -> u16 {
        p.0
    }
}

/// Closeness to the child: 1 is the inner ring (closest), 3 the outer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Ring(u8);

impl Ring {
    pub const COUNT: u8 = 3;
    pub const INNER: Ring = Ring(1);
    pub const MIDDLE: Ring = Ring(2);
    pub const OUTER: Ring = Ring(3);
    pub const ALL: [Ring; 3] = [Ring(1), Ring(2), Ring(3)];
    pub fn new(n: u8) -> Option<Ring> {
        (1..=Self::COUNT).contains(&n).then_some(Ring(n))
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// One ring closer to the child, if there is one.
    pub fn inward(self) -> Option<Ring> {
        Ring::new(self.0 - 1)
    }
    pub fn outward(self) -> Option<Ring> {
        Ring::new(self.0 + 1)
    }
}

impl TryFrom<i64> for Ring {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        u8::try_from(v)
            .ok()
            .and_then(Ring::new)
            .ok_or_else(|| format!("ring must be 1–{}, got {v}", Ring::COUNT))
    }
}

impl From<Ring> for u8 {
    fn from(r: Ring) -> u8 {
        r.0
    }
}

/// The kind of relation to the child: a slice of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Family,
    Relatives,
    FriendsNeighbours,
    School,
    Professionals,
    Leisure,
}

impl Sector {
    pub const ALL: [Sector; 6] = [
        Sector::Family,
        Sector::Relatives,
        Sector::FriendsNeighbours,
        Sector::School,
        Sector::Professionals,
        Sector::Leisure,
    ];

    /// The kind of person who usually sits in this sector.
    pub fn usual_kind(self) -> PersonKind {
        match self {
            Sector::School | Sector::Professionals => PersonKind::Professional,
            _ => PersonKind::Private,
        }
    }
}

/// A line between two people (or a person and a child).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: RelationId,
    pub from: PersonId,
    pub to: PersonId,
    pub kind: RelationKind,
    /// `from` supports `to` (drawn as an arrow).
    #[serde(default)]
    pub supports: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Strong,
    Weak,
    /// Stressful or in conflict.
    Stressful,
    Broken,
}

impl RelationKind {
    pub const ALL: [RelationKind; 4] = [
        RelationKind::Strong,
        RelationKind::Weak,
        RelationKind::Stressful,
        RelationKind::Broken,
    ];
}

/// A network meeting: planned ahead (when, where, who is invited, an
/// interpreter), then held (who came, whether the children took part or
/// were told, the consultant's safety assessment) or cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: MeetingId,
    pub date: Date,
    #[serde(default)]
    pub time: Option<TimeOfDay>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub status: MeetingStatus,
    #[serde(default)]
    pub invited: Vec<PersonId>,
    /// The language an interpreter is needed for; empty when none is.
    #[serde(default)]
    pub interpreter: String,
    /// Who came (attendance, edited directly).
    #[serde(default)]
    pub participants: Vec<PersonId>,
    /// Whether each child took part in the meeting or was told about the plan.
    #[serde(default)]
    pub children: Vec<ChildTakingPart>,
    #[serde(default)]
    pub assessment: Option<Assessment>,
    #[serde(default)]
    pub note: String,
}

impl Meeting {
    /// A meeting held on `date`, with nothing else recorded yet.
    pub fn held(id: MeetingId, date: Date) -> Meeting {
        Meeting {
            id,
            date,
            time: None,
            location: String::new(),
            status: MeetingStatus::Held,
            invited: Vec::new(),
            interpreter: String::new(),
            participants: Vec::new(),
            children: Vec::new(),
            assessment: None,
            note: String::new(),
        }
    }

    /// A meeting planned for `date`.
    pub fn planned(id: MeetingId, date: Date) -> Meeting {
        Meeting {
            status: MeetingStatus::Planned,
            ..Meeting::held(id, date)
        }
    }

    pub fn is_held(&self) -> bool {
        self.status == MeetingStatus::Held
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    /// Files before schema version 3 knew only meetings that were held.
    #[default]
    Held,
    Cancelled,
}

/// How a child took part in a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildTakingPart {
    pub child: PersonId,
    pub part: ChildPart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildPart {
    /// The child was in the meeting, or part of it.
    TookPart,
    /// The child was not there and was told about the plan afterwards.
    Told,
    /// The child was neither there nor told (yet).
    NotTold,
}

/// The consultant's safety assessment at a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub verdict: Verdict,
    /// The next steps, as text.
    #[serde(default)]
    pub next_steps: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The child can stay at home.
    StaysHome,
    /// A placement is being considered.
    PlacementConsidered,
    /// The child is placed and the return home is being planned.
    ReturnPlanned,
}

/// One line in the mapping: a worry, something working well, something that
/// needs to happen, or a complicating factor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingNote {
    pub id: NoteId,
    pub column: Column,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Worry,
    WorkingWell,
    NeedsToHappen,
    Complicating,
}

impl Column {
    pub const ALL: [Column; 4] = [
        Column::Worry,
        Column::WorkingWell,
        Column::NeedsToHappen,
        Column::Complicating,
    ];
}

/// A danger statement (farhåga) paired with its safety goal, and who agrees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DangerStatement {
    pub id: DangerId,
    pub statement: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub stances: Vec<Stance>,
}

/// Whether one person agrees with a danger statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub person: PersonId,
    pub agrees: Agreeing,
    #[serde(default)]
    pub comment: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreeing {
    Yes,
    Partly,
    No,
}

/// A scaling question 0–10 and every participant's answer, per meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleQuestion {
    pub id: ScaleId,
    pub question: String,
    /// What 0 means ("the child cannot stay at home").
    #[serde(default)]
    pub low: String,
    /// What 10 means ("safe enough to close the case").
    #[serde(default)]
    pub high: String,
    #[serde(default)]
    pub answers: Vec<ScaleAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleAnswer {
    pub meeting: MeetingId,
    pub person: PersonId,
    pub value: Score,
}

/// A point on a 0–10 scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const MAX: u8 = 10;
    pub fn new(v: u8) -> Option<Score> {
        (v <= Self::MAX).then_some(Score(v))
    }
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Score {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        u8::try_from(v)
            .ok()
            .and_then(Score::new)
            .ok_or_else(|| format!("must be 0–10, got {v}"))
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

/// An everyday arrangement the network agrees on, who answers for it, who
/// checks it, and what happens when it fails (plan A, B, C, D…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: AgreementId,
    pub text: String,
    #[serde(default)]
    pub responsible: Vec<PersonId>,
    #[serde(default)]
    pub checks: Vec<Check>,
    /// The contingency chain; step 0 is plan A, step 1 plan B, …
    #[serde(default)]
    pub chain: Vec<Step>,
}

impl Agreement {
    /// Who the agreement rests on as planned: the people responsible, those
    /// who check it, and plan A's people, each once, in that order.
    pub fn carried_by(&self) -> Vec<PersonId> {
        let first = self
            .chain
            .first()
            .map(|s| s.people.as_slice())
            .unwrap_or(&[]);
        dedup(
            self.responsible
                .iter()
                .chain(self.checks.iter().flat_map(|c| c.by.iter()))
                .chain(first),
        )
    }

    /// Everybody the agreement names: [`Agreement::carried_by`] and the
    /// people of plans B, C and D, each once.
    pub fn people(&self) -> Vec<PersonId> {
        let carried = self.carried_by();
        let fallbacks = self.chain.iter().skip(1).flat_map(|s| s.people.iter());
        dedup(carried.iter().chain(fallbacks))
    }
}

fn dedup<'a>(ids: impl Iterator<Item = &'a PersonId>) -> Vec<PersonId> {
    let mut out: Vec<PersonId> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// How an agreement is checked: by whom, how and how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub by: Vec<PersonId>,
    pub method: Method,
    pub when: Frequency,
    #[serde(default)]
    pub time: Option<TimeOfDay>,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Visit,
    Call,
    Message,
    /// Seen in person at preschool, school, training…
    InPerson,
    /// An unannounced home visit.
    UnannouncedVisit,
    /// Any other way (since version 4).
    Other,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Visit,
        Method::Call,
        Method::Message,
        Method::InPerson,
        Method::UnannouncedVisit,
        Method::Other,
    ];
}

/// How often a check happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case", deny_unknown_fields)]
pub enum Frequency {
    Day,
    Weekday,
    Weekend,
    /// On the given weekdays.
    Days {
        days: Vec<Weekday>,
    },
    /// Every `n` days counted from `from` (n = 2: every second day).
    NthDay {
        n: u8,
        from: Date,
    },
    /// A number of times per week on days not fixed in advance (unannounced visits).
    Week {
        times: u8,
    },
    /// Once, on a date.
    Once {
        date: Date,
    },
}

impl Frequency {
    /// Whether a check with this frequency is planned on `day` (for
    /// `Week { .. }`, no day is fixed: see the schedule).
    pub fn falls_on(&self, day: Date) -> bool {
        let wd = day.weekday();
        match self {
            Frequency::Day => true,
            Frequency::Weekday => !wd.is_weekend(),
            Frequency::Weekend => wd.is_weekend(),
            Frequency::Days { days } => days.contains(&wd),
            Frequency::NthDay { n, from } => {
                let d = from.days_until(day);
                *n > 0 && d >= 0 && d % i32::from(*n) == 0
            }
            Frequency::Week { .. } => false,
            Frequency::Once { date } => *date == day,
        }
    }
}

/// One step of a contingency chain: who does what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub people: Vec<PersonId>,
    pub action: String,
}

/// The letter of a step in a contingency chain: A, B, … Z, then A2, B2…
pub fn step_letter(index: usize) -> String {
    let letter = char::from(b'A' + (index % 26) as u8);
    match index / 26 {
        0 => letter.to_string(),
        round => format!("{letter}{}", round + 1),
    }
}

/// A temporary arrangement: someone moves in, sleeps over, for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrangement {
    pub id: ArrangementId,
    #[serde(default)]
    pub people: Vec<PersonId>,
    pub text: String,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub to: Option<Date>,
}

/// May the children be alone with this adult, and on what condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRule {
    pub id: SupervisionId,
    pub adult: PersonId,
    /// The children this applies to; empty means all children in the plan.
    #[serde(default)]
    pub children: Vec<PersonId>,
    pub allowed: Allowed,
    #[serde(default)]
    pub condition: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allowed {
    Yes,
    OnCondition,
    Never,
}

/// A logged check of an agreement: which of its checks, who, when, how and
/// with what outcome. The details are written only when recorded. Files before version 4 logged only the agreement, the
/// date and the outcome: their check-ins answer the agreement as a whole
/// (`check` is `None`) and say nothing of who, when in the day or how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub id: CheckInId,
    pub agreement: AgreementId,
    /// Which of the agreement's checks this answers: its position in
    /// `checks` ([`Plan::remove_check`] keeps positions right). `None`: the
    /// agreement as a whole, which answers every check of that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<u16>,
    /// Who did the check, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<PersonId>,
    pub date: Date,
    /// The time of day, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeOfDay>,
    /// How the check was done, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<Method>,
    pub outcome: CheckOutcome,
    /// The contingency step that was used, if any (0 = plan A).
    #[serde(default)]
    pub step: Option<u16>,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The check happened and the agreement held.
    Kept,
    /// The check happened and the agreement did not hold.
    NotKept,
    /// Called or knocked, and nobody answered (since version 4).
    NoAnswer,
    /// The person to be checked on could not be reached at all: phone off,
    /// not at the address (since version 4).
    Unreachable,
    /// The check itself did not happen.
    Missed,
}

impl CheckOutcome {
    pub const ALL: [CheckOutcome; 5] = [
        CheckOutcome::Kept,
        CheckOutcome::NotKept,
        CheckOutcome::NoAnswer,
        CheckOutcome::Unreachable,
        CheckOutcome::Missed,
    ];

    /// A check that was made and failed: the agreement did not hold, or
    /// nobody answered or could be reached. This is when the next
    /// contingency step starts. (`Missed` is the checker's gap, not the
    /// family's: it also makes the next step due, see the schedule, but
    /// does not count as a failed check in the figures.)
    pub fn failed(self) -> bool {
        matches!(
            self,
            CheckOutcome::NotKept | CheckOutcome::NoAnswer | CheckOutcome::Unreachable
        )
    }
}

/// Answers to a follow-up questionnaire from the child, a parent or someone in the network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub date: Date,
    /// The follow-up questionnaire during the work, or the exit
    /// questionnaire when it ends ("what could have been done better").
    #[serde(default)]
    pub questionnaire: Questionnaire,
    pub respondent: Respondent,
    /// Who answered, if they are in the network (anonymous answers have none).
    #[serde(default)]
    pub person: Option<PersonId>,
    #[serde(default)]
    pub answers: Vec<FollowUpAnswer>,
    #[serde(default)]
    pub comment: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Questionnaire {
    #[default]
    FollowUp,
    Exit,
}

impl Questionnaire {
    /// The built-in questions, by their stable key (kept in the file). The
    /// exit questionnaire's "what could have been done better" is its free
    /// text (the comment).
    pub fn questions(self) -> &'static [&'static str] {
        match self {
            Questionnaire::FollowUp => &[
                "feels_safe",
                "plan_helps",
                "listened_to",
                "knows_who_to_call",
            ],
            Questionnaire::Exit => &["feels_safe_now", "plan_helped", "listened_to"],
        }
    }

    /// The catalog key of question `key` as `child` or an adult reads it
    /// (the child's version is simpler).
    pub fn question_key(key: &str, child: bool) -> String {
        let who = if child { "child" } else { "adult" };
        format!("panel.followup.q.{key}.{who}")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    Child,
    Parent,
    Network,
    Professional,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpAnswer {
    /// A stable key of the built-in question ("feels_safe").
    pub question: String,
    /// 0–4 on a five-point (faces) scale, if answered.
    #[serde(default)]
    pub value: Option<u8>,
    #[serde(default)]
    pub text: String,
}

/// The child's own views, in the child's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildView {
    pub child: PersonId,
    #[serde(default)]
    pub worries: Vec<Quote>,
    #[serde(default)]
    pub good_things: Vec<Quote>,
    #[serde(default)]
    pub dreams: Vec<Quote>,
    #[serde(default)]
    pub house: SafetyHouse,
    /// The words-and-pictures explanation written for the child.
    #[serde(default)]
    pub words_and_pictures: String,
}

/// The child's words, verbatim, with the date they were said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    #[serde(default)]
    pub date: Option<Date>,
}

/// The safety house: who lives inside, who visits, who stays outside, the
/// rules on the roof, and where the child places itself on the path (0–10).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyHouse {
    #[serde(default)]
    pub inside: Vec<HouseEntry>,
    #[serde(default)]
    pub visiting: Vec<HouseEntry>,
    #[serde(default)]
    pub outside: Vec<HouseEntry>,
    #[serde(default)]
    pub rules: Vec<Quote>,
    #[serde(default)]
    pub path: Option<Score>,
}

/// A person from the network (the same person, not a copy) or the child's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseEntry {
    #[serde(default)]
    pub person: Option<PersonId>,
    #[serde(default)]
    pub text: String,
}

/// Per-plan display settings that travel with the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Sectors clockwise from the top; always a permutation of [`Sector::ALL`].
    pub sector_order: Vec<Sector>,
    /// Hide the child's views from the shared screen and the printed plan.
    #[serde(default)]
    pub child_views_private: bool,
    /// The out-of-hours service's and the unit's phone numbers, printed on
    /// the family's papers beside 112 (since version 4).
    #[serde(default)]
    pub numbers: LocalNumbers,
    /// The unit's office hours: a check outside them (evenings, nights,
    /// weekends) is counted as such (since version 4).
    #[serde(default)]
    pub office_hours: OfficeHours,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sector_order: Sector::ALL.to_vec(),
            child_views_private: false,
            numbers: LocalNumbers::default(),
            office_hours: OfficeHours::default(),
        }
    }
}

/// Phone numbers set once per plan; empty when not set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNumbers {
    /// Socialjouren: the social services' out-of-hours service.
    #[serde(default)]
    pub out_of_hours: String,
    /// The safety consultants' unit.
    #[serde(default)]
    pub unit: String,
}

/// Office hours: Monday to Friday from `from` until `to`. Public holidays
/// are not known to the plan and count as weekdays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeHours {
    pub from: TimeOfDay,
    pub to: TimeOfDay,
}

impl Default for OfficeHours {
    /// 08:00–17:00, the city's usual office day.
    fn default() -> Self {
        OfficeHours {
            from: TimeOfDay::hours(8),
            to: TimeOfDay::hours(17),
        }
    }
}

impl OfficeHours {
    /// Whether a check on `date` at `time` falls outside office hours: on a
    /// weekend, or before `from` or from `to` on. Without a time, only the
    /// weekend can tell, so a weekday with no time counts as within.
    pub fn outside(&self, date: Date, time: Option<TimeOfDay>) -> bool {
        date.weekday().is_weekend() || time.is_some_and(|t| t < self.from || t >= self.to)
    }
}

/// Read access. Changes go through [`Plan::apply`].
impl Plan {
    pub fn new() -> Plan {
        Plan::default()
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn case(&self) -> &CaseStatus {
        &self.case
    }
    pub fn children(&self) -> &[Child] {
        &self.children
    }
    pub fn people(&self) -> &[Person] {
        &self.people
    }
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }
    pub fn mapping(&self) -> &[MappingNote] {
        &self.mapping
    }
    pub fn dangers(&self) -> &[DangerStatement] {
        &self.dangers
    }
    pub fn scales(&self) -> &[ScaleQuestion] {
        &self.scales
    }
    pub fn agreements(&self) -> &[Agreement] {
        &self.agreements
    }
    pub fn arrangements(&self) -> &[Arrangement] {
        &self.arrangements
    }
    pub fn supervision(&self) -> &[SupervisionRule] {
        &self.supervision
    }
    pub fn check_ins(&self) -> &[CheckIn] {
        &self.check_ins
    }
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }
    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.follow_ups
    }
    pub fn child_views(&self) -> &[ChildView] {
        &self.child_views
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The snapshots of closed meetings, in meeting date order.
    pub fn snapshots(&self) -> &[crate::analysis::review::Snapshot] {
        self.snapshots.as_slice()
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
    pub fn child(&self, id: PersonId) -> Option<&Child> {
        self.children.iter().find(|c| c.id == id)
    }
    /// The agreement's number as the plan shows it (1 for the first): the
    /// same on screen, in print and in every message that names it.
    pub fn agreement_number(&self, id: AgreementId) -> Option<usize> {
        self.agreements
            .iter()
            .position(|a| a.id == id)
            .map(|i| i + 1)
    }

    pub fn agreement(&self, id: AgreementId) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }
    /// Check `index` of agreement `id`, if both exist: what a check-in's
    /// `check` names.
    pub fn check(&self, id: AgreementId, index: usize) -> Option<&Check> {
        self.agreement(id)?.checks.get(index)
    }
    pub fn meeting(&self, id: MeetingId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// The display name of a person or child, if they exist.
    pub fn name_of(&self, id: PersonId) -> Option<&str> {
        self.person(id)
            .map(|p| p.name.as_str())
            .or_else(|| self.child(id).map(|c| c.name.as_str()))
    }

    /// What the plan is called in a list of plans: the case label, or for a
    /// plan without one (older files) the children's initials, so that a
    /// list on a shared screen shows no child's name by default.
    pub fn case_label(&self) -> String {
        let label = self.case.label.trim();
        if !label.is_empty() {
            return label.to_string();
        }
        self.children
            .iter()
            .map(|c| crate::map::initials(&c.name))
            .filter(|i| !i.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A new family's plan: the case as the consultant starts it and the
    /// children (first name and age), with ids from 1, the sectors in the
    /// usual order, and nothing else, so the map opens empty around them.
    pub fn new_case(case: CaseStatus, children: &[(String, Age)]) -> Plan {
        Plan {
            case,
            children: children
                .iter()
                .enumerate()
                .map(|(i, (name, age))| Child {
                    id: PersonId(i as u32 + 1),
                    name: name.trim().to_string(),
                    age: *age,
                    note: String::new(),
                })
                .collect(),
            ..Plan::default()
        }
    }

    /// The latest meeting held, by date (the one whose answers are "today's").
    pub fn latest_meeting(&self) -> Option<&Meeting> {
        self.meetings
            .iter()
            .filter(|m| m.is_held())
            .max_by_key(|m| (m.date, m.id))
    }

    /// The next planned meeting on or after `today`.
    pub fn next_meeting(&self, today: Date) -> Option<&Meeting> {
        self.meetings
            .iter()
            .filter(|m| m.status == MeetingStatus::Planned && m.date >= today)
            .min_by_key(|m| (m.date, m.time, m.id))
    }

    /// The number of a held meeting: 1 for the first held, in date order.
    pub fn meeting_number(&self, meeting: &Meeting) -> usize {
        self.meetings
            .iter()
            .filter(|m| m.is_held() && (m.date, m.id) <= (meeting.date, meeting.id))
            .count()
    }
}
