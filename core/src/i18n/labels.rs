//! Display labels for the plan's fixed vocabulary (sectors, rings, kinds of
//! relation…), looked up in the message catalogs.

use crate::document::date::{Date, Weekday};
use crate::document::plan::*;
use crate::i18n::{tr, trf, Lang};

/// A value with a fixed, translatable label.
pub trait Label: Copy {
    /// The catalog key, e.g. `sector.family`.
    fn key(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str {
        tr(lang, self.key())
    }
}

macro_rules! labels {
    ($t:ty { $($v:ident => $k:literal),* $(,)? }) => {
        impl Label for $t {
            fn key(self) -> &'static str {
                match self { $(<$t>::$v => $k),* }
            }
        }
    };
}

labels!(Sector {
    Family => "sector.family",
    Relatives => "sector.relatives",
    FriendsNeighbours => "sector.friends_neighbours",
    School => "sector.school",
    Professionals => "sector.professionals",
    Leisure => "sector.leisure",
});
labels!(PersonKind { Private => "kind.private", Professional => "kind.professional" });
labels!(RelationKind {
    Strong => "relation.strong",
    Weak => "relation.weak",
    Stressful => "relation.stressful",
    Broken => "relation.broken",
});
labels!(Method {
    Visit => "method.visit",
    Call => "method.call",
    Message => "method.message",
    InPerson => "method.in_person",
    UnannouncedVisit => "method.unannounced_visit",
    Other => "method.other",
});
labels!(Weekday {
    Mon => "weekday.mon", Tue => "weekday.tue", Wed => "weekday.wed", Thu => "weekday.thu",
    Fri => "weekday.fri", Sat => "weekday.sat", Sun => "weekday.sun",
});
labels!(Column {
    Worry => "column.worry",
    WorkingWell => "column.working_well",
    NeedsToHappen => "column.needs_to_happen",
    Complicating => "column.complicating",
});
labels!(Agreeing { Yes => "agreeing.yes", Partly => "agreeing.partly", No => "agreeing.no" });
labels!(Allowed { Yes => "allowed.yes", OnCondition => "allowed.on_condition", Never => "allowed.never" });
labels!(CheckOutcome {
    Kept => "outcome.kept",
    NotKept => "outcome.not_kept",
    NoAnswer => "outcome.no_answer",
    Unreachable => "outcome.unreachable",
    Missed => "outcome.missed",
});
labels!(Respondent {
    Child => "respondent.child",
    Parent => "respondent.parent",
    Network => "respondent.network",
    Professional => "respondent.professional",
});
labels!(Outcome {
    StaysHome => "case.stays_home",
    PlacementAvoided => "case.placement_avoided",
    PlacementShortened => "case.placement_shortened",
    Placed => "case.placed",
    FamilyEnded => "case.family_ended",
    Other => "case.other",
});
labels!(AgencyKind {
    School => "agency.school",
    Fritids => "agency.fritids",
    Bup => "agency.bup",
    HealthCentre => "agency.health_centre",
    Police => "agency.police",
    SocialServices => "agency.social_services",
    OutOfHours => "agency.out_of_hours",
    Other => "agency.other",
});
labels!(MeetingStatus {
    Planned => "meeting.planned",
    Held => "meeting.held",
    Cancelled => "meeting.cancelled",
});
labels!(ChildPart {
    TookPart => "meeting.child.took_part",
    Told => "meeting.child.told",
    NotTold => "meeting.child.not_told",
});
labels!(Verdict {
    StaysHome => "assessment.stays_home",
    PlacementConsidered => "assessment.placement_considered",
    ReturnPlanned => "assessment.return_planned",
});
labels!(Questionnaire { FollowUp => "questionnaire.follow_up", Exit => "questionnaire.exit" });

impl Label for Ring {
    fn key(self) -> &'static str {
        match self.get() {
            1 => "ring.1",
            2 => "ring.2",
            _ => "ring.3",
        }
    }
}

impl Frequency {
    /// "varje dag", "mån, tor", "var 2:e dag"…
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Frequency::Day => tr(lang, "frequency.day").to_string(),
            Frequency::Weekday => tr(lang, "frequency.weekday").to_string(),
            Frequency::Weekend => tr(lang, "frequency.weekend").to_string(),
            Frequency::Days { days } => {
                let names: Vec<&str> = days.iter().map(|d| d.label(lang)).collect();
                trf(lang, "frequency.days", &[("days", &names.join(", "))])
            }
            Frequency::NthDay { n, .. } => trf(lang, "frequency.nth_day", &[("n", &n.to_string())]),
            Frequency::Week { times } => {
                trf(lang, "frequency.week", &[("times", &times.to_string())])
            }
            Frequency::Once { date } => trf(lang, "frequency.once", &[("date", &date.to_string())]),
        }
    }
}

/// A date as the user reads it (ISO 8601 in both languages, as Swedish forms use).
pub fn format_date(d: Date) -> String {
    d.to_string()
}

/// How a logged check was done, as a noun ("samtal", "oanmält hembesök"),
/// where [`Method`]'s label is the check's verb ("ringer").
pub fn how_label(m: Method, lang: Lang) -> &'static str {
    tr(
        lang,
        match m {
            Method::Visit => "how.visit",
            Method::Call => "how.call",
            Method::Message => "how.message",
            Method::InPerson => "how.in_person",
            Method::UnannouncedVisit => "how.unannounced_visit",
            Method::Other => "how.other",
        },
    )
}
