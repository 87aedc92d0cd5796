//! The plan's types to and from the JSON tree, written out by hand.
//!
//! serde's derives did this before; their generated visitors and the path
//! tracking for error messages were a sixth of the widget's wasm (see
//! `json/mod.rs`). The rules are the ones the derives had, and
//! `schema/skyddsnat.schema.json` states them:
//! - an object's fields are written in declaration order, every field
//!   always (an empty `Option` as `null`), except `snapshots`, which is left
//!   out while empty;
//! - a field marked `opt` below may be missing (it then takes its default;
//!   `null` is the empty value only of an `Option`); a `req` field may not;
//! - an unknown field is refused (the first one in file order), then each
//!   field is read in declaration order, so of several problems in one
//!   object the first unknown field, else the first bad field is named;
//! - numbers are whole numbers in their type's range; `3.0` is refused;
//! - enums are their snake_case names; a check's frequency is an object
//!   tagged by `"every"`, holding only the fields of its kind.
//!
//! Errors carry the JSON path (`people[3].place.ring`), built from a chain
//! of [`At`] segments on the stack only when an error needs it.

use super::error::{quote_fragment, ImportError, ImportErrorKind as K, JsonKind};
use crate::analysis::review::{Snapshot, Snapshots};
use crate::document::date::{Date, TimeOfDay, Weekday};
use crate::document::ids::*;
use crate::document::plan::*;
use crate::json::{Json, Object};

type R<T> = Result<T, ImportError>;

/// Where a value sits in the document, for error paths.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The top of the document (an empty path).
    pub const ROOT: At<'static> = At {
        parent: None,
        seg: Seg::Root,
    };

    pub fn key<'b>(&'b self, key: &'b str) -> At<'b> {
        At {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    pub fn index(&self, i: usize) -> At<'_> {
        At {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }

    /// The path as messages show it: `snapshots[0].plan.people[1].name`.
    /// Keys from the file are quoted with [`quote_fragment`].
    pub fn path(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            segs.push(a.seg);
            at = a.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&quote_fragment(k));
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    pub fn error(&self, kind: K) -> ImportError {
        ImportError::new(self.path(), kind)
    }
}

/// A type of the plan that has a JSON form.
pub trait Codec: Sized {
    fn encode(&self) -> Json;
    fn decode(v: &Json, at: &At) -> R<Self>;
}

/// `found a text ("x"), expected a whole number`.
fn wrong(v: &Json, at: &At, expected: JsonKind) -> ImportError {
    let (found, shown) = match v {
        Json::Null => (JsonKind::Null, String::new()),
        Json::Bool(b) => (JsonKind::Boolean, b.to_string()),
        Json::Int(n) => (JsonKind::WholeNumber, n.to_string()),
        // Shown without the value: a float's digits are not worth a float
        // formatter in the wasm.
        Json::Float(_) => (JsonKind::Number, String::new()),
        Json::Str(s) => (JsonKind::Text, quote_fragment(s)),
        Json::Array(_) => (JsonKind::List, String::new()),
        Json::Object(_) => (JsonKind::Object, String::new()),
    };
    at.error(K::WrongType {
        found,
        shown,
        expected,
    })
}

fn text<'v>(v: &'v Json, at: &At) -> R<&'v str> {
    v.as_str().ok_or_else(|| wrong(v, at, JsonKind::Text))
}

/// A whole number in `min..=max`.
fn whole(v: &Json, at: &At, min: i64, max: i64) -> R<i64> {
    match v {
        Json::Int(n) if (min..=max).contains(n) => Ok(*n),
        Json::Int(n) => Err(at.error(K::OutOfRange {
            found: n.to_string(),
            min,
            max,
        })),
        _ => Err(wrong(v, at, JsonKind::WholeNumber)),
    }
}

/// An object's fields, checked against the names its type knows.
struct Fields<'v, 'a> {
    object: &'v Object,
    at: &'a At<'a>,
}

fn fields<'v, 'a>(v: &'v Json, at: &'a At<'a>, known: &[&str]) -> R<Fields<'v, 'a>> {
    let Json::Object(object) = v else {
        return Err(wrong(v, at, JsonKind::Object));
    };
    if let Some(key) = object.keys().find(|k| !known.contains(k)) {
        return Err(at.key(key).error(K::UnknownField {
            field: quote_fragment(key),
        }));
    }
    Ok(Fields { object, at })
}

impl Fields<'_, '_> {
    fn req<T: Codec>(&self, key: &str) -> R<T> {
        match self.object.get(key) {
            Some(v) => T::decode(v, &self.at.key(key)),
            None => Err(self.at.error(K::MissingField { field: key.into() })),
        }
    }

    fn opt<T: Codec + Default>(&self, key: &str) -> R<T> {
        match self.object.get(key) {
            Some(v) => T::decode(v, &self.at.key(key)),
            None => Ok(T::default()),
        }
    }
}

impl Codec for String {
    fn encode(&self) -> Json {
        Json::Str(self.clone())
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        text(v, at).map(str::to_string)
    }
}

impl Codec for bool {
    fn encode(&self) -> Json {
        Json::Bool(*self)
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        v.as_bool().ok_or_else(|| wrong(v, at, JsonKind::Boolean))
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self) -> Json {
        self.as_ref().map_or(Json::Null, T::encode)
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        match v {
            Json::Null => Ok(None),
            _ => T::decode(v, at).map(Some),
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self) -> Json {
        Json::Array(self.iter().map(T::encode).collect())
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        let items = v.as_array().ok_or_else(|| wrong(v, at, JsonKind::List))?;
        // A plain loop: `collect` into a `Result` costs an iterator adapter
        // per item type in the wasm.
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::decode(item, &at.index(i))?);
        }
        Ok(out)
    }
}

/// Whole numbers: plain integers, ids (`u32`) and the plan's ranged
/// numbers. `whole` checks the range first, so `make` (which returns an
/// `Option`) only repeats a check that has passed.
macro_rules! whole_number {
    ($($t:ty: $min:expr, $max:expr, |$n:ident| $make:expr, |$s:ident| $get:expr;)*) => {$(
        impl Codec for $t {
            fn encode(&self) -> Json {
                let $s = self;
                Json::Int(i64::from($get))
            }
            fn decode(v: &Json, at: &At) -> R<Self> {
                let $n = whole(v, at, $min, $max)?;
                $make.ok_or_else(|| {
                    at.error(K::OutOfRange { found: $n.to_string(), min: $min, max: $max })
                })
            }
        }
    )*};
}

whole_number! {
    u8: 0, u8::MAX.into(), |n| u8::try_from(n).ok(), |s| *s;
    u16: 0, u16::MAX.into(), |n| u16::try_from(n).ok(), |s| *s;
    PersonId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(PersonId), |s| s.0;
    RelationId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(RelationId), |s| s.0;
    MeetingId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(MeetingId), |s| s.0;
    NoteId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(NoteId), |s| s.0;
    DangerId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(DangerId), |s| s.0;
    ScaleId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(ScaleId), |s| s.0;
    AgreementId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(AgreementId), |s| s.0;
    ArrangementId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(ArrangementId), |s| s.0;
    SupervisionId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(SupervisionId), |s| s.0;
    CheckInId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(CheckInId), |s| s.0;
    ReviewId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(ReviewId), |s| s.0;
    FollowUpId: 0, u32::MAX.into(), |n| u32::try_from(n).ok().map(FollowUpId), |s| s.0;
    Age: 0, Age::MAX.into(), |n| u8::try_from(n).ok().and_then(Age::new), |s| s.years();
    Ring: 1, Ring::COUNT.into(), |n| u8::try_from(n).ok().and_then(Ring::new), |s| s.get();
    Permille: 0, 1000, |n| u16::try_from(n).ok().and_then(Permille::new), |s| s.get();
    Score: 0, Score::MAX.into(), |n| u8::try_from(n).ok().and_then(Score::new), |s| s.get();
}

/// Enums written as their snake_case names.
macro_rules! names {
    ($($t:ident { $($variant:ident = $name:literal),* $(,)? })*) => {$(
        impl Codec for $t {
            fn encode(&self) -> Json {
                Json::from(match self {
                    $($t::$variant => $name,)*
                })
            }
            fn decode(v: &Json, at: &At) -> R<Self> {
                match text(v, at)? {
                    $($name => Ok($t::$variant),)*
                    other => Err(unknown_value(other, &[$($name),*], at)),
                }
            }
        }
    )*};
}

fn unknown_value(found: &str, allowed: &[&str], at: &At) -> ImportError {
    at.error(K::UnknownValue {
        found: quote_fragment(found),
        allowed: allowed.join(", "),
    })
}

names! {
    Outcome {
        PlacementAvoided = "placement_avoided",
        PlacementShortened = "placement_shortened",
        Placed = "placed",
        Other = "other",
    }
    PersonKind { Private = "private", Professional = "professional" }
    Sector {
        Family = "family",
        Relatives = "relatives",
        FriendsNeighbours = "friends_neighbours",
        School = "school",
        Professionals = "professionals",
        Leisure = "leisure",
    }
    RelationKind { Strong = "strong", Weak = "weak", Stressful = "stressful", Broken = "broken" }
    Column {
        Worry = "worry",
        WorkingWell = "working_well",
        NeedsToHappen = "needs_to_happen",
        Complicating = "complicating",
    }
    Agreeing { Yes = "yes", Partly = "partly", No = "no" }
    Method {
        Visit = "visit",
        Call = "call",
        Message = "message",
        InPerson = "in_person",
        UnannouncedVisit = "unannounced_visit",
    }
    Allowed { Yes = "yes", OnCondition = "on_condition", Never = "never" }
    CheckOutcome { Kept = "kept", NotKept = "not_kept", Missed = "missed" }
    Respondent { Child = "child", Parent = "parent", Network = "network", Professional = "professional" }
    Weekday {
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun",
    }
}

impl Codec for Date {
    fn encode(&self) -> Json {
        Json::Str(self.to_string())
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        Date::parse(text(v, at)?).ok_or_else(|| at.error(K::BadDate))
    }
}

impl Codec for TimeOfDay {
    fn encode(&self) -> Json {
        Json::Str(self.to_string())
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        TimeOfDay::parse(text(v, at)?).ok_or_else(|| at.error(K::BadTime))
    }
}

/// Structs: every field written in order; read with `req` (must be there)
/// or `opt` (may be missing: the field's default).
macro_rules! record {
    ($($t:ident { $($field:ident: $how:ident),* $(,)? })*) => {$(
        impl Codec for $t {
            fn encode(&self) -> Json {
                let mut o = Object::new();
                $(o.push(stringify!($field), self.$field.encode());)*
                Json::Object(o)
            }
            fn decode(v: &Json, at: &At) -> R<Self> {
                let f = fields(v, at, &[$(stringify!($field)),*])?;
                Ok($t { $($field: f.$how(stringify!($field))?,)* })
            }
        }
    )*};
}

record! {
    CaseStatus { started: opt, closed: opt, outcome: opt }
    Child { id: req, name: req, age: req, note: opt }
    Person {
        id: req,
        name: req,
        role: opt,
        kind: req,
        place: req,
        lives_with_child: opt,
        protected: opt,
        phone: opt,
        note: opt,
    }
    Place { ring: req, sector: req, along: req, depth: req }
    Relation { id: req, from: req, to: req, kind: req, supports: opt, note: opt }
    Meeting { id: req, date: req, participants: opt, note: opt }
    MappingNote { id: req, column: req, text: req }
    DangerStatement { id: req, statement: req, goal: opt, stances: opt }
    Stance { person: req, agrees: req, comment: opt }
    ScaleQuestion { id: req, question: req, low: opt, high: opt, answers: opt }
    ScaleAnswer { meeting: req, person: req, value: req }
    Agreement { id: req, text: req, responsible: opt, checks: opt, chain: opt }
    Check { by: req, method: req, when: req, time: opt, note: opt }
    Step { people: opt, action: req }
    Arrangement { id: req, people: opt, text: req, from: opt, to: opt }
    SupervisionRule { id: req, adult: req, children: opt, allowed: req, condition: opt }
    CheckIn { id: req, agreement: req, date: req, outcome: req, step: opt, note: opt }
    Review { id: req, date: req, held: opt, note: opt }
    FollowUp { id: req, date: req, respondent: req, person: opt, answers: opt, comment: opt }
    FollowUpAnswer { question: req, value: opt, text: opt }
    ChildView {
        child: req,
        worries: opt,
        good_things: opt,
        dreams: opt,
        house: opt,
        words_and_pictures: opt,
    }
    Quote { text: req, date: opt }
    SafetyHouse { inside: opt, visiting: opt, outside: opt, rules: opt, path: opt }
    HouseEntry { person: opt, text: opt }
    Settings { sector_order: req, child_views_private: opt }
    Snapshot { meeting: req, date: req, plan: req }
}

/// The plan's fields, in file order (after the envelope).
const PLAN_FIELDS: [&str; 18] = [
    "title",
    "case",
    "children",
    "people",
    "relations",
    "meetings",
    "mapping",
    "dangers",
    "scales",
    "agreements",
    "arrangements",
    "supervision",
    "check_ins",
    "reviews",
    "follow_ups",
    "child_views",
    "settings",
    "snapshots",
];

impl Plan {
    /// The plan's fields, appended to `o` in file order.
    pub(crate) fn encode_into(&self, o: &mut Object) {
        o.push("title", self.title.encode());
        o.push("case", self.case.encode());
        o.push("children", self.children.encode());
        o.push("people", self.people.encode());
        o.push("relations", self.relations.encode());
        o.push("meetings", self.meetings.encode());
        o.push("mapping", self.mapping.encode());
        o.push("dangers", self.dangers.encode());
        o.push("scales", self.scales.encode());
        o.push("agreements", self.agreements.encode());
        o.push("arrangements", self.arrangements.encode());
        o.push("supervision", self.supervision.encode());
        o.push("check_ins", self.check_ins.encode());
        o.push("reviews", self.reviews.encode());
        o.push("follow_ups", self.follow_ups.encode());
        o.push("child_views", self.child_views.encode());
        o.push("settings", self.settings.encode());
        if !self.snapshots.is_empty() {
            o.push("snapshots", self.snapshots.encode());
        }
    }
}

impl Codec for Plan {
    fn encode(&self) -> Json {
        let mut o = Object::new();
        self.encode_into(&mut o);
        Json::Object(o)
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        let f = fields(v, at, &PLAN_FIELDS)?;
        Ok(Plan {
            title: f.opt("title")?,
            case: f.opt("case")?,
            children: f.opt("children")?,
            people: f.opt("people")?,
            relations: f.opt("relations")?,
            meetings: f.opt("meetings")?,
            mapping: f.opt("mapping")?,
            dangers: f.opt("dangers")?,
            scales: f.opt("scales")?,
            agreements: f.opt("agreements")?,
            arrangements: f.opt("arrangements")?,
            supervision: f.opt("supervision")?,
            check_ins: f.opt("check_ins")?,
            reviews: f.opt("reviews")?,
            follow_ups: f.opt("follow_ups")?,
            child_views: f.opt("child_views")?,
            settings: f.opt("settings")?,
            snapshots: f.opt("snapshots")?,
        })
    }
}

impl Codec for Snapshots {
    fn encode(&self) -> Json {
        Json::Array(self.as_slice().iter().map(Snapshot::encode).collect())
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        Vec::<Snapshot>::decode(v, at).map(Snapshots::from_vec)
    }
}

/// The kinds of check frequency, by their `"every"` tag.
const FREQUENCIES: [&str; 7] = [
    "day", "weekday", "weekend", "days", "nth_day", "week", "once",
];

impl Codec for Frequency {
    fn encode(&self) -> Json {
        let mut o = Object::new();
        let tag = match self {
            Frequency::Day => "day",
            Frequency::Weekday => "weekday",
            Frequency::Weekend => "weekend",
            Frequency::Days { .. } => "days",
            Frequency::NthDay { .. } => "nth_day",
            Frequency::Week { .. } => "week",
            Frequency::Once { .. } => "once",
        };
        o.push("every", tag);
        match self {
            Frequency::Day | Frequency::Weekday | Frequency::Weekend => {}
            Frequency::Days { days } => o.push("days", days.encode()),
            Frequency::NthDay { n, from } => {
                o.push("n", n.encode());
                o.push("from", from.encode());
            }
            Frequency::Week { times } => o.push("times", times.encode()),
            Frequency::Once { date } => o.push("date", date.encode()),
        }
        Json::Object(o)
    }
    fn decode(v: &Json, at: &At) -> R<Self> {
        let Json::Object(o) = v else {
            return Err(wrong(v, at, JsonKind::Object));
        };
        let tag = match o.get("every") {
            Some(tag) => text(tag, &at.key("every"))?,
            None => {
                return Err(at.error(K::MissingField {
                    field: "every".into(),
                }))
            }
        };
        // Each kind holds its tag and its own fields, nothing else.
        Ok(match tag {
            "day" | "weekday" | "weekend" => {
                fields(v, at, &["every"])?;
                match tag {
                    "day" => Frequency::Day,
                    "weekday" => Frequency::Weekday,
                    _ => Frequency::Weekend,
                }
            }
            "days" => Frequency::Days {
                days: fields(v, at, &["every", "days"])?.req("days")?,
            },
            "nth_day" => {
                let f = fields(v, at, &["every", "n", "from"])?;
                Frequency::NthDay {
                    n: f.req("n")?,
                    from: f.req("from")?,
                }
            }
            "week" => Frequency::Week {
                times: fields(v, at, &["every", "times"])?.req("times")?,
            },
            "once" => Frequency::Once {
                date: fields(v, at, &["every", "date"])?.req("date")?,
            },
            other => return Err(unknown_value(other, &FREQUENCIES, &at.key("every"))),
        })
    }
}
