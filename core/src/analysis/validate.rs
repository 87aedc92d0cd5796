//! Validation findings: what a consultant should look at, with severity, place and hint.
//!
//! A finding is not an error in the data (the plan's integrity is guarded by
//! `edit.rs`): it is a gap in the *plan* — an agreement nobody checks, a
//! fallback step that names nobody, a review date that passed. Each has a
//! message and a hint in the catalogs (`core/i18n/*/analysis.txt`, keys
//! `finding.<key>` and `finding.<key>.hint`). The arguments are filled in
//! when the finding is made (names, numbers as the user sees them, dates), so
//! the same finding reads right in every language.

use crate::analysis::figures;
use crate::document::date::Date;
use crate::document::ids::*;
use crate::document::plan::{
    step_letter, Allowed, Frequency, MeetingStatus, Method, PersonKind, Plan,
};
use crate::i18n::{tr, trf, Lang};
use crate::map::display_name_of;
use std::collections::HashSet;

/// How much a finding matters. Sorted most serious first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The plan cannot work as written.
    Error,
    /// The plan works, but something is likely to fail or is missing.
    Warning,
    /// Worth a look; the practice usually does it differently.
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "severity.error",
            Severity::Warning => "severity.warning",
            Severity::Info => "severity.info",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        tr(lang, self.key())
    }
}

/// Which part of an agreement a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Whole,
    /// A check, by its position in `checks`.
    Check(usize),
    /// A contingency step, by its position in `chain` (0 = plan A).
    Step(usize),
}

/// Where in the plan a finding applies, so the UI can show it in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Plan,
    Meeting(MeetingId),
    Danger(DangerId),
    Scale(ScaleId),
    Child(PersonId),
    Agreement(AgreementId, Part),
    Arrangement(ArrangementId),
    Supervision(SupervisionId),
    Person(PersonId),
}

/// Something in the plan a consultant should look at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub location: Location,
    /// The catalog key without its `finding.` prefix, e.g. `agreement_no_checker`.
    pub key: &'static str,
    /// Values for the message's `{placeholders}`.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn new(severity: Severity, location: Location, key: &'static str) -> Finding {
        Finding {
            severity,
            location,
            key,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl ToString) -> Finding {
        self.args.push((name, value.to_string()));
        self
    }

    fn filled(&self, lang: Lang, key: &str) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        trf(lang, key, &args)
    }

    /// What is wrong, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        self.filled(lang, &format!("finding.{}", self.key))
    }

    /// What to do about it.
    pub fn hint(&self, lang: Lang) -> String {
        self.filled(lang, &format!("finding.{}.hint", self.key))
    }
}

/// More danger statements than this is more than the practice advises.
pub const MAX_DANGERS: usize = 3;

/// From this age a child is asked in its own words (three houses, the safety
/// house); a younger child's voice is what the preschool observes and what
/// the parents tell.
pub const VOICE_OF_THEIR_OWN_AGE: u8 = 4;

/// Words in a last step that show it reaches social services, the
/// out-of-hours service, the police or the emergency number.
const EMERGENCY_WORDS: [&str; 8] = [
    "socialjour",
    "socialtjänst",
    "polis",
    "social services",
    "out-of-hours",
    "out of hours",
    "police",
    "emergency",
];

/// Words in an agreement that say the worry is about evenings or nights.
const EVENING_WORDS: [&str; 4] = ["kväll", "natt", "evening", "night"];

/// Whether an agreement's text is about evenings: an evening word, or a clock
/// time from 17 to 22 ("efter klockan 17", "kl. 18", "after 19:00").
fn about_evenings(text: &str) -> bool {
    let text = lowercase(text);
    EVENING_WORDS.iter().any(|w| text.contains(w))
        || ["klockan ", "kl. ", "kl ", "after "].iter().any(|lead| {
            text.match_indices(lead).any(|(i, _)| {
                let rest = &text[i + lead.len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u32>().is_ok_and(|h| (17..=22).contains(&h))
            })
        })
}

/// Office hours, as whole hours of the day: 08:00–16:59.
const OFFICE_HOURS: std::ops::Range<u32> = 8..17;

/// Every finding for `plan` on `today`, most serious first, then by place in
/// the plan, then in the order the checks run. With `hide_names` (the screen
/// is shared with a visitor) every name in a finding's message is the hidden
/// form, by the one rule (`display_name_of`).
pub fn validate(plan: &Plan, today: Date, hide_names: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let name = |id| display_name_of(plan, id, hide_names);
    agreements(plan, &name, &mut out);
    reviews(plan, today, &mut out);
    dangers(plan, &mut out);
    scaling(plan, &mut out);
    children(plan, &name, &mut out);
    people(plan, &name, &mut out);
    arrangements_and_rules(plan, today, &name, &mut out);
    consent(plan, today, &name, &mut out);
    // A stable sort keeps the order findings were made in among equals.
    crate::sort::by_key(&mut out, |f| (f.severity, f.location));
    out
}

/// How a finding names a person or child (hidden or not).
type Name<'a> = dyn Fn(PersonId) -> String + 'a;

/// `text` in lower case, letter by letter, for finding the words above.
///
/// Not `str::to_lowercase`: its one extra rule (a Greek capital sigma at the
/// end of a word becomes ς) needs two more Unicode tables, about 4 KB of the
/// widget's wasm, and no word searched for has a sigma. Every script is still
/// lowered, so words in other alphabets can be added to the lists.
fn lowercase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

fn mentions_112(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices("112").any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 3);
        !before.is_some_and(u8::is_ascii_digit) && !after.is_some_and(u8::is_ascii_digit)
    })
}

fn agreements(plan: &Plan, name: &Name, out: &mut Vec<Finding>) {
    if plan.agreements().is_empty() {
        out.push(Finding::new(
            Severity::Warning,
            Location::Plan,
            "no_agreements",
        ));
    }
    for (index, a) in plan.agreements().iter().enumerate() {
        let n = index + 1;
        let at = |part| Location::Agreement(a.id, part);
        if a.responsible.is_empty() {
            out.push(
                Finding::new(Severity::Error, at(Part::Whole), "agreement_no_responsible")
                    .arg("n", n),
            );
        }
        let checkers: HashSet<PersonId> =
            a.checks.iter().flat_map(|c| c.by.iter().copied()).collect();
        if checkers.is_empty() {
            out.push(
                Finding::new(Severity::Error, at(Part::Whole), "agreement_no_checker").arg("n", n),
            );
        } else if checkers.iter().all(|c| a.responsible.contains(c)) {
            let mut named = HashSet::new();
            let names: Vec<String> = a
                .responsible
                .iter()
                .filter(|r| checkers.contains(r) && named.insert(**r))
                .map(|&r| name(r))
                .collect();
            out.push(
                Finding::new(
                    Severity::Warning,
                    at(Part::Whole),
                    "responsible_only_checker",
                )
                .arg("n", n)
                .arg("names", names.join(", ")),
            );
        }
        for (i, c) in a.checks.iter().enumerate() {
            if c.by.is_empty() && !checkers.is_empty() {
                out.push(
                    Finding::new(Severity::Warning, at(Part::Check(i)), "check_nobody")
                        .arg("n", n)
                        .arg("check", i + 1),
                );
            }
            // A time matters for a check on fixed days; a visit a number of
            // times per week is unannounced on purpose, and so is an
            // unannounced visit on fixed days.
            let fixed_days = !matches!(c.when, Frequency::Week { .. });
            if c.time.is_none() && fixed_days && c.method != Method::UnannouncedVisit {
                out.push(
                    Finding::new(Severity::Warning, at(Part::Check(i)), "check_no_time")
                        .arg("n", n)
                        .arg("check", i + 1),
                );
            }
        }
        for (i, s) in a.chain.iter().enumerate() {
            if s.people.is_empty() {
                out.push(
                    Finding::new(Severity::Warning, at(Part::Step(i)), "step_nobody")
                        .arg("n", n)
                        .arg("step", step_letter(i)),
                );
            }
        }
        match a.chain.last() {
            Some(last) if a.chain.len() >= 2 => {
                let text = lowercase(&last.action);
                let reaches_help = mentions_112(&text)
                    || EMERGENCY_WORDS.iter().any(|w| text.contains(w))
                    || last.people.iter().any(|&p| {
                        plan.person(p)
                            .is_some_and(|p| p.kind == PersonKind::Professional)
                    });
                if !reaches_help {
                    let i = a.chain.len() - 1;
                    out.push(
                        Finding::new(Severity::Info, at(Part::Step(i)), "chain_no_emergency")
                            .arg("n", n)
                            .arg("step", step_letter(i)),
                    );
                }
            }
            _ => out.push(
                Finding::new(Severity::Warning, at(Part::Whole), "chain_too_short").arg("n", n),
            ),
        }
        let office_only = !a.checks.is_empty()
            && a.checks
                .iter()
                .all(|c| c.time.is_some_and(|t| OFFICE_HOURS.contains(&t.hour())));
        if office_only && about_evenings(&a.text) {
            out.push(
                Finding::new(Severity::Info, at(Part::Whole), "evening_office_hours").arg("n", n),
            );
        }
    }
}

/// The next meeting, and planned meetings whose day has passed.
fn reviews(plan: &Plan, today: Date, out: &mut Vec<Finding>) {
    if plan.case().is_closed() {
        return;
    }
    if plan.next_meeting(today).is_none() {
        out.push(Finding::new(
            Severity::Warning,
            Location::Plan,
            "review_none",
        ));
    }
    for m in plan.meetings() {
        if m.status == MeetingStatus::Planned && m.date < today {
            out.push(
                Finding::new(Severity::Warning, Location::Meeting(m.id), "review_passed")
                    .arg("date", m.date),
            );
        }
    }
}

/// The work is voluntary: it needs the custodians' consent, and each
/// custodian named in the plan should have given it.
fn consent(plan: &Plan, today: Date, name: &Name, out: &mut Vec<Finding>) {
    if plan.case().is_closed() {
        return;
    }
    let holds = |c: &&crate::document::plan::Consent| c.intervention && c.holds_on(today);
    let given: Vec<PersonId> = plan
        .consents()
        .iter()
        .filter(holds)
        .map(|c| c.person)
        .collect();
    if given.is_empty() {
        let withdrawn = plan
            .consents()
            .iter()
            .any(|c| c.intervention && c.withdrawn.is_some_and(|w| w <= today));
        out.push(Finding::new(
            if withdrawn {
                Severity::Error
            } else {
                Severity::Warning
            },
            Location::Plan,
            if withdrawn {
                "consent_withdrawn"
            } else {
                "consent_missing"
            },
        ));
        return;
    }
    for p in plan.people() {
        if !p.custodian_of.is_empty() && !given.contains(&p.id) {
            out.push(
                Finding::new(
                    Severity::Warning,
                    Location::Person(p.id),
                    "custodian_no_consent",
                )
                .arg("name", name(p.id)),
            );
        }
    }
}

fn dangers(plan: &Plan, out: &mut Vec<Finding>) {
    let dangers = plan.dangers();
    if dangers.is_empty() {
        out.push(Finding::new(Severity::Warning, Location::Plan, "no_danger"));
    }
    for (i, d) in dangers.iter().enumerate() {
        if d.goal.trim().is_empty() {
            out.push(
                Finding::new(Severity::Warning, Location::Danger(d.id), "danger_no_goal")
                    .arg("n", i + 1),
            );
        }
    }
    if dangers.len() > MAX_DANGERS {
        out.push(
            Finding::new(Severity::Info, Location::Plan, "too_many_dangers")
                .arg("count", dangers.len())
                .arg("max", MAX_DANGERS),
        );
    }
}

fn scaling(plan: &Plan, out: &mut Vec<Finding>) {
    let Some(meeting) = plan.latest_meeting() else {
        return;
    };
    let answered = plan
        .scales()
        .iter()
        .any(|s| s.answers.iter().any(|a| a.meeting == meeting.id));
    if !answered {
        out.push(
            Finding::new(Severity::Warning, Location::Plan, "no_scaling").arg("date", meeting.date),
        );
        return;
    }
    // Some questions were answered at the meeting: point at the ones left out.
    for (i, s) in plan.scales().iter().enumerate() {
        if !s.answers.iter().any(|a| a.meeting == meeting.id) {
            out.push(
                Finding::new(Severity::Info, Location::Scale(s.id), "scale_unanswered")
                    .arg("n", i + 1)
                    .arg("date", meeting.date),
            );
        }
    }
}

fn children(plan: &Plan, name: &Name, out: &mut Vec<Finding>) {
    for c in plan.children() {
        let heard = plan
            .child_views()
            .iter()
            .filter(|v| v.child == c.id)
            .any(|v| {
                !v.worries.is_empty()
                    || !v.good_things.is_empty()
                    || !v.dreams.is_empty()
                    || !v.house.inside.is_empty()
                    || !v.house.visiting.is_empty()
                    || !v.house.outside.is_empty()
                    || !v.house.rules.is_empty()
                    || v.house.path.is_some()
                    || !v.words_and_pictures.trim().is_empty()
            });
        if !heard {
            // The youngest cannot draw three houses: for them what the
            // preschool sees and what the parents tell is the child's voice,
            // and the finding says so.
            let at = Location::Child(c.id);
            let finding = if c.age.years() < VOICE_OF_THEIR_OWN_AGE {
                Finding::new(Severity::Warning, at, "child_no_voice_young")
            } else {
                Finding::new(Severity::Warning, at, "child_no_voice")
            };
            out.push(finding.arg("name", name(c.id)));
        }
    }
}

fn people(plan: &Plan, name: &Name, out: &mut Vec<Finding>) {
    for p in plan.people() {
        if p.protected && !p.phone.trim().is_empty() {
            out.push(
                Finding::new(Severity::Warning, Location::Person(p.id), "protected_phone")
                    .arg("name", name(p.id)),
            );
        }
    }
    // The people the children live with are the plan's subject: the
    // agreements are about their home, so of course they are named in most of
    // them. "Share the load" is advice for the network around them.
    let household: HashSet<PersonId> = plan
        .people()
        .iter()
        .filter(|p| p.lives_with_child)
        .map(|p| p.id)
        .collect();
    for load in figures::loads(plan)
        .iter()
        .filter(|l| l.overloaded() && !household.contains(&l.person))
    {
        out.push(
            Finding::new(
                Severity::Warning,
                Location::Person(load.person),
                "person_overloaded",
            )
            .arg("name", name(load.person))
            .arg("count", load.total()),
        );
    }
}

fn arrangements_and_rules(plan: &Plan, today: Date, name: &Name, out: &mut Vec<Finding>) {
    for r in plan.supervision() {
        if r.allowed == Allowed::OnCondition && r.condition.trim().is_empty() {
            out.push(
                Finding::new(
                    Severity::Warning,
                    Location::Supervision(r.id),
                    "condition_empty",
                )
                .arg("name", name(r.adult)),
            );
        }
    }
    for (i, a) in plan.arrangements().iter().enumerate() {
        if let Some(end) = a.to.filter(|&end| end < today) {
            out.push(
                Finding::new(
                    Severity::Info,
                    Location::Arrangement(a.id),
                    "arrangement_ended",
                )
                .arg("n", i + 1)
                .arg("date", end),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_std_lowercase_but_for_the_final_sigma() {
        for text in [
            "KVÄLL efter KLOCKAN 18",
            "Ring POLISEN eller SOCIALTJÄNSTEN",
            "Åsa, ÖREBRO, İstanbul, Ǆemal",
            "ΑΝΝΑ ΚΑΙ ΝΊΚΗ",
            "МАРИЯ Петрова",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
        // The one difference: std writes ς at the end of a word.
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδο\u{3c2}");
        assert_eq!(lowercase("ΟΔΟΣ"), "οδο\u{3c3}");
    }

    #[test]
    fn evening_words_are_found_in_any_case() {
        assert!(about_evenings("Mamma ringer på KVÄLLEN"));
        assert!(about_evenings("Efter KL. 19 är pappa hemma"));
        assert!(!about_evenings("KL. 9 på morgonen"));
    }
}
