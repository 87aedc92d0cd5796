//! The check-in schedule: upcoming and overdue checks, and which contingency step is due.
//!
//! Everything is computed from the agreements' [`Check`]s and the check-in log
//! for a `today` passed in by the caller. The rules, in one place:
//!
//! * **A check with fixed days** (every day, weekdays, weekends, given
//!   weekdays, every n:th day, once) is due on each day where
//!   [`Frequency::falls_on`] holds, at its time of day if it has one.
//! * **A check a number of times per week** (`Week { times }`, unannounced
//!   visits) has no fixed day: it is due once within each ISO week (Monday to
//!   Sunday) and is listed on the week's first remaining day as "this week".
//! * **Overdue**: a fixed-day check on a day before `today`, from the earliest
//!   date that still counts (see [`earliest_counted_day`]), with no check-in of
//!   any outcome logged for that agreement on that day. A weekly check is
//!   overdue for a whole ISO week that began on or after the earliest date and
//!   ended before `today` with no check-in for that check in that week.
//!   A check-in answers the check it names ([`CheckIn::check`]); one that
//!   names none (every check-in of a file before version 4), or a check the
//!   agreement no longer has, answers every check of its agreement that day.
//! * **The due contingency step** is described at [`due_step`].

use crate::document::date::{Date, TimeOfDay};
use crate::document::ids::{AgreementId, PersonId};
use crate::document::plan::{
    step_letter, Agreement, Check, CheckIn, CheckOutcome, Frequency, Method, Plan,
};
use crate::i18n::{tr, trf, Lang};
use std::collections::{HashMap, HashSet};

/// How far back overdue checks are looked for, at most: older gaps belong in
/// the review meeting, not in today's to-do list.
pub const LOOKBACK_DAYS: i32 = 14;

/// When, within its day, a check is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// Sometime this ISO week, unannounced (`times` per week); listed on the
    /// first day of the week that is still ahead (or, when overdue, on its Sunday).
    ThisWeek { times: u8 },
    /// At a set time of day.
    At(TimeOfDay),
    /// On this day, at no agreed time.
    AnyTime,
}

impl Slot {
    /// "kl. 19:00", "denna vecka, oanmält (1 per vecka)", "under dagen".
    pub fn label(self, lang: Lang) -> String {
        match self {
            Slot::ThisWeek { times } => {
                trf(lang, "schedule.this_week", &[("times", &times.to_string())])
            }
            Slot::At(t) => trf(lang, "schedule.at", &[("time", &t.to_string())]),
            Slot::AnyTime => tr(lang, "schedule.any_time").to_string(),
        }
    }
}

/// One check that is due (or was due) on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueCheck {
    pub date: Date,
    pub slot: Slot,
    pub agreement: AgreementId,
    /// The position of the check in the agreement's `checks`.
    pub check: usize,
    /// Who checks.
    pub by: Vec<PersonId>,
    pub method: Method,
}

impl DueCheck {
    fn new(date: Date, slot: Slot, agreement: &Agreement, index: usize, check: &Check) -> Self {
        DueCheck {
            date,
            slot,
            agreement: agreement.id,
            check: index,
            by: check.by.clone(),
            method: check.method,
        }
    }

    /// The time of day, if one was agreed.
    pub fn time(&self) -> Option<TimeOfDay> {
        match self.slot {
            Slot::At(t) => Some(t),
            _ => None,
        }
    }

    /// Whether the check falls outside the plan's office hours (evening,
    /// night or weekend), so the calendar and the key figures can show the
    /// close contact out of hours.
    pub fn outside_office_hours(&self, plan: &Plan) -> bool {
        plan.settings().office_hours.outside(self.date, self.time())
    }

    /// The order a day's list is read in: week reminders first, then by the
    /// clock, then checks without a time; ties in plan order.
    fn sort_key(&self, position: &dyn Fn(AgreementId) -> usize) -> (Date, Slot, usize, usize) {
        (self.date, self.slot, position(self.agreement), self.check)
    }
}

fn slot_of(check: &Check) -> Slot {
    match (&check.when, check.time) {
        (Frequency::Week { times }, _) => Slot::ThisWeek { times: *times },
        (_, Some(t)) => Slot::At(t),
        (_, None) => Slot::AnyTime,
    }
}

fn sort(plan: &Plan, due: &mut [DueCheck]) {
    let positions: HashMap<AgreementId, usize> = plan
        .agreements()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let position = |id: AgreementId| positions.get(&id).copied().unwrap_or(usize::MAX);
    crate::sort::by_key(due, |d| d.sort_key(&position));
}

/// The checks due from `today` through the `days - 1` days after it
/// (`days = 14`: today and the next 13 days), sorted by date, then week
/// reminders, then time of day, then the agreements' order in the plan.
pub fn upcoming(plan: &Plan, today: Date, days: u32) -> Vec<DueCheck> {
    let days = i32::try_from(days).unwrap_or(i32::MAX).min(3660);
    let mut due = Vec::new();
    for offset in 0..days {
        let day = today.add_days(offset);
        // add_days clamps at the end of the supported range: stop instead of repeating a day.
        if offset > 0 && day == today.add_days(offset - 1) {
            break;
        }
        let first_day_of_week_in_window = offset == 0 || day == day.week_start();
        for agreement in plan.agreements() {
            for (i, check) in agreement.checks.iter().enumerate() {
                let is_due = match check.when {
                    Frequency::Week { .. } => first_day_of_week_in_window,
                    _ => check.when.falls_on(day),
                };
                if is_due {
                    due.push(DueCheck::new(day, slot_of(check), agreement, i, check));
                }
            }
        }
    }
    sort(plan, &mut due);
    due
}

/// The first day an overdue check can be counted from: the latest meeting
/// (where the plan was last agreed), or else the case's start, but never more
/// than [`LOOKBACK_DAYS`] before `today`.
pub fn earliest_counted_day(plan: &Plan, today: Date) -> Date {
    let floor = today.add_days(-LOOKBACK_DAYS);
    plan.latest_meeting()
        .map(|m| m.date)
        .or(plan.case().started)
        .map_or(floor, |d| d.max(floor))
}

/// Checks that were due on days before `today` with no check-in logged (see
/// the module documentation for the exact rule), sorted like [`upcoming`].
pub fn overdue(plan: &Plan, today: Date) -> Vec<DueCheck> {
    overdue_of(plan, plan.agreements(), today)
}

/// [`overdue`] for some of the plan's agreements only.
fn overdue_of(plan: &Plan, agreements: &[Agreement], today: Date) -> Vec<DueCheck> {
    let earliest = earliest_counted_day(plan, today);
    // (agreement, check, date); check `None`: every check of the agreement.
    let log: HashSet<(AgreementId, Option<usize>, Date)> = plan
        .check_ins()
        .iter()
        .map(|c| {
            let check = c
                .check
                .map(usize::from)
                .filter(|&i| plan.check(c.agreement, i).is_some());
            (c.agreement, check, c.date)
        })
        .collect();
    let logged = |agreement: AgreementId, check: usize, day: Date| {
        log.contains(&(agreement, Some(check), day)) || log.contains(&(agreement, None, day))
    };
    let mut due = Vec::new();
    let mut day = earliest;
    while day < today {
        for agreement in agreements {
            for (i, check) in agreement.checks.iter().enumerate() {
                let missing = match check.when {
                    // A weekly check is judged on the Sunday that ends its week.
                    Frequency::Week { .. } => {
                        let monday = day.week_start();
                        day == monday.add_days(6)
                            && monday >= earliest
                            && (0..7).all(|k| !logged(agreement.id, i, monday.add_days(k)))
                    }
                    _ => check.when.falls_on(day) && !logged(agreement.id, i, day),
                };
                if missing {
                    due.push(DueCheck::new(day, slot_of(check), agreement, i, check));
                }
            }
        }
        day = day.add_days(1);
    }
    sort(plan, &mut due);
    due
}

/// "Plan B is now due for agreement 1.", numbering agreements as the plan
/// lists them; `None` when no step is due.
pub fn describe_due_step(
    plan: &Plan,
    agreement: AgreementId,
    today: Date,
    lang: Lang,
) -> Option<String> {
    let step = due_step(plan, agreement, today)?;
    let n = plan.agreement_number(agreement)?;
    Some(trf(
        lang,
        "schedule.step_due",
        &[("step", &step_letter(step)), ("n", &n.to_string())],
    ))
}

/// What happened to an agreement on one day, for [`due_step`].
enum Event<'a> {
    Logged(&'a CheckIn),
    Overdue,
}

/// Which contingency step of `agreement` is in effect now (0 = plan A,
/// 1 = plan B…), or `None` when plan A holds.
///
/// The rule: take the agreement's check-ins dated on or before `today` and its
/// [`overdue`] checks (an overdue check counts as a failed check), in date order,
/// and walk them:
/// - a `Kept` check-in: plan A holds again;
/// - a check-in that is not kept and logs a step after plan A
///   (`CheckIn::step`, "plan B was started"): that step is in effect (or a
///   later one already in effect stays);
/// - any other failure (not kept with no step or plan A, missed, no answer,
///   unreachable, overdue): plan B becomes due when plan A held until then;
///   when a step had been started, the failure means it did not hold either,
///   so the next step is due; otherwise the step that is due stays due.
///
/// When that runs past the end of the chain, the last step stays due (it is
/// usually "call the out-of-hours service"). A chain with no plan B has no
/// step to fall back on: `None` (validation reports such chains). Several
/// check-ins on one day are read in id order, and a check missed that day
/// after them: it is judged at the day's end, so a kept call does not undo
/// the same day's missing visit.
pub fn due_step(plan: &Plan, agreement: AgreementId, today: Date) -> Option<usize> {
    let this = plan.agreement(agreement)?;
    let chain_len = this.chain.len();
    if chain_len < 2 {
        return None;
    }
    let mut events: Vec<(Date, u32, Event)> = plan
        .check_ins()
        .iter()
        .filter(|c| c.agreement == agreement && c.date <= today)
        .map(|c| (c.date, c.id.0, Event::Logged(c)))
        .collect();
    events.extend(
        overdue_of(plan, std::slice::from_ref(this), today)
            .into_iter()
            .map(|d| (d.date, u32::MAX, Event::Overdue)),
    );
    crate::sort::by_key(&mut events, |(date, id, _)| (*date, *id));

    // The step in effect, and whether it was started (logged) since the
    // last failure.
    let mut due: Option<usize> = None;
    let mut started = false;
    for (_, _, event) in &events {
        let logged_step = match event {
            Event::Logged(c) if c.outcome == CheckOutcome::Kept => {
                due = None;
                started = false;
                continue;
            }
            Event::Logged(c) => c.step.map(usize::from).filter(|&s| s > 0),
            Event::Overdue => None,
        };
        match (logged_step, due) {
            (Some(s), _) => {
                due = Some(due.map_or(s, |d| d.max(s)));
                started = true;
            }
            (None, None) => due = Some(1),
            (None, Some(d)) if started => {
                due = Some(d.saturating_add(1));
                started = false;
            }
            (None, Some(_)) => {}
        }
    }
    due.map(|d| d.min(chain_len - 1))
}

/// The close contact in figures, for the key figures: the checks logged in
/// the last [`LOOKBACK_DAYS`] days up to `today`, the checks planned for the
/// coming ones, and what is late or due now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckSummary {
    /// Checks made (every outcome but `Missed`).
    pub done: usize,
    /// Of those, made outside office hours (evening, night, weekend).
    pub done_outside_hours: usize,
    /// Checks made that failed ([`CheckOutcome::failed`]).
    pub failed: usize,
    /// Check-ins that used a contingency step after plan A.
    pub steps_started: usize,
    /// Checks planned from `today` through the next `days - 1` days.
    pub planned: usize,
    /// Of those, outside office hours.
    pub planned_outside_hours: usize,
    /// Checks overdue now ([`overdue`]).
    pub overdue: usize,
    /// Agreements whose plan B or later step is due now ([`due_step`]).
    pub steps_due: usize,
}

/// [`CheckSummary`] on `today`, looking `days` ahead.
pub fn summary(plan: &Plan, today: Date, days: u32) -> CheckSummary {
    let hours = &plan.settings().office_hours;
    let since = today.add_days(-LOOKBACK_DAYS);
    let mut s = CheckSummary::default();
    for c in plan.check_ins() {
        if c.date < since || c.date > today || c.outcome == CheckOutcome::Missed {
            continue;
        }
        s.done += 1;
        s.done_outside_hours += usize::from(hours.outside(c.date, c.time));
        s.failed += usize::from(c.outcome.failed());
        s.steps_started += usize::from(c.step.is_some_and(|k| k > 0));
    }
    for d in upcoming(plan, today, days) {
        s.planned += 1;
        s.planned_outside_hours += usize::from(d.outside_office_hours(plan));
    }
    s.overdue = overdue(plan, today).len();
    s.steps_due = plan
        .agreements()
        .iter()
        .filter(|a| due_step(plan, a.id, today).is_some())
        .count();
    s
}

impl CheckSummary {
    /// The key figures' rows: label, value.
    pub fn rows(&self, lang: Lang) -> Vec<(String, String)> {
        let n = |k: usize| k.to_string();
        vec![
            (
                trf(
                    lang,
                    "checks.logged",
                    &[("days", &n(LOOKBACK_DAYS as usize))],
                ),
                trf(
                    lang,
                    "checks.logged_value",
                    &[
                        ("done", &n(self.done)),
                        ("outside", &n(self.done_outside_hours)),
                        ("failed", &n(self.failed)),
                        ("steps", &n(self.steps_started)),
                    ],
                ),
            ),
            (
                tr(lang, "checks.planned").to_string(),
                trf(
                    lang,
                    "checks.planned_value",
                    &[
                        ("count", &n(self.planned)),
                        ("outside", &n(self.planned_outside_hours)),
                    ],
                ),
            ),
            (
                tr(lang, "checks.late").to_string(),
                trf(
                    lang,
                    "checks.late_value",
                    &[("overdue", &n(self.overdue)), ("steps", &n(self.steps_due))],
                ),
            ),
        ]
    }
}

/// What one person's part in the checking has been: checks they made, of
/// those the ones that failed, and the ones they were to make that did not
/// happen (logged as missed, or overdue with nothing logged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PersonRecord {
    pub done: usize,
    pub failed: usize,
    pub missed: usize,
}

/// [`PersonRecord`] of `person` over the whole log, and the checks overdue on
/// `today`. A check-in is the person's when it names them (`by`), or, when it
/// names no one, when the check it answers is theirs; an agreement-level
/// check-in that names no one is nobody's.
pub fn person_record(plan: &Plan, person: PersonId, today: Date) -> PersonRecord {
    let mut r = PersonRecord::default();
    for c in plan.check_ins() {
        let theirs = match c.by {
            Some(by) => by == person,
            None => c
                .check
                .and_then(|i| plan.check(c.agreement, usize::from(i)))
                .is_some_and(|check| check.by.contains(&person)),
        };
        if !theirs {
            continue;
        }
        if c.outcome == CheckOutcome::Missed {
            r.missed += 1;
        } else {
            r.done += 1;
            r.failed += usize::from(c.outcome.failed());
        }
    }
    r.missed += overdue(plan, today)
        .iter()
        .filter(|d| d.by.contains(&person))
        .count();
    r
}
