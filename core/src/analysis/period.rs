//! The periods the unit reports by — a calendar year, a tertial (T1
//! January–April, T2 May–August, T3 September–December) or dates from–to —
//! and which cases and events fall in one.
//!
//! A case counts in a period if it was open at any time in it: started on
//! or before the period's last day and not closed before its first (the
//! closing day is a day of work). So a case open across the boundary of two
//! periods counts in both. Events (meetings, check-ins, answers) count by
//! their date.

use crate::document::date::Date;
use crate::document::plan::Plan;
use crate::i18n::{trf, Lang};

/// Days `from` to `to`, both included (`from` ≤ `to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The days from `from` to `to`; `None` if `to` is before `from`.
    pub fn new(from: Date, to: Date) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// A calendar year.
    pub fn year(year: i32) -> Option<Period> {
        Period::new(Date::from_ymd(year, 1, 1)?, Date::from_ymd(year, 12, 31)?)
    }

    /// Tertial `n` (1–3) of `year`: four months each.
    pub fn tertial(year: i32, n: u32) -> Option<Period> {
        if !(1..=3).contains(&n) {
            return None;
        }
        let from = Date::from_ymd(year, 4 * n - 3, 1)?;
        let to = match n {
            3 => Date::from_ymd(year, 12, 31)?,
            _ => Date::from_ymd(year, 4 * n + 1, 1)?.add_days(-1),
        };
        Period::new(from, to)
    }

    /// The tertial `day` is in: its year and number.
    pub fn tertial_of(day: Date) -> (i32, u32) {
        let (year, month, _) = day.ymd();
        (year, month.div_ceil(4))
    }

    pub fn contains(self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// The tertials of the years this period touches, in order (at most
    /// 12: a longer period is shown by its last four years' tertials).
    pub fn tertials(self) -> Vec<Period> {
        let mut out: Vec<Period> = (self.from.ymd().0..=self.to.ymd().0)
            .flat_map(|y| (1..=3).filter_map(move |n| Period::tertial(y, n)))
            .collect();
        let extra = out.len().saturating_sub(12);
        out.drain(..extra);
        out
    }

    /// Whether this period is exactly `parts` laid end to end (then a
    /// figure counted by date in it is the sum of theirs).
    pub fn is_split_into(self, parts: &[Period]) -> bool {
        parts.first().is_some_and(|p| p.from == self.from)
            && parts.last().is_some_and(|p| p.to == self.to)
            && parts.windows(2).all(|w| w[0].to.add_days(1) == w[1].from)
    }

    /// "2026", "T2 2026" or "2026-05-03 – 2026-07-01".
    pub fn label(self, lang: Lang) -> String {
        let (year, n) = Period::tertial_of(self.from);
        if Period::year(year) == Some(self) {
            year.to_string()
        } else if Period::tertial(year, n) == Some(self) {
            trf(
                lang,
                "stats.period.tertial",
                &[("n", &n.to_string()), ("year", &year.to_string())],
            )
        } else {
            format!("{} – {}", self.from, self.to)
        }
    }
}

/// The day the case started: its start date, or for a file that has none
/// (before the casework, version 3) the first day anything happened in it
/// (a meeting, a check-in, an answer). `None` for a plan with no dates.
pub fn case_start(plan: &Plan) -> Option<Date> {
    plan.case().started.or_else(|| {
        let meetings = plan.meetings().iter().map(|m| m.date);
        let checks = plan.check_ins().iter().map(|c| c.date);
        let answers = plan.follow_ups().iter().map(|f| f.date);
        meetings.chain(checks).chain(answers).min()
    })
}

/// Whether the case was open at any time in `period`: started on or before
/// its last day, not closed before its first, and not closed all through it
/// between a closing and a reopening.
pub fn open_in(plan: &Plan, period: Period) -> bool {
    let case = plan.case();
    case_start(plan).is_some_and(|start| start <= period.to)
        && case.closed.is_none_or(|closed| closed >= period.from)
        && !case
            .reopened
            .iter()
            .any(|r| r.closed < period.from && r.date > period.to)
}
