//! Statistics for the unit over many plans, without names.
//!
//! The unit opens many saved plans at once and gets counts only: children
//! in the work, plans active and closed, time from start to close, outcomes,
//! check-ins, review dates missed. Nothing here reads a name, a note or any
//! other free text, so nothing identifying can reach the table or its CSV.

use crate::document::date::Date;
use crate::document::plan::{CheckOutcome, MeetingStatus, Outcome, Plan};
use crate::i18n::{tr, Lang};

/// Age groups the unit reports children in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeGroup {
    /// 0–2 years.
    Infant,
    /// 3–5 years.
    Preschool,
    /// 6–9 years.
    EarlySchool,
    /// 10–12 years.
    LateSchool,
    /// 13–17 years (the work is for 0–12, but a sibling may be older).
    Teen,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 5] = [
        AgeGroup::Infant,
        AgeGroup::Preschool,
        AgeGroup::EarlySchool,
        AgeGroup::LateSchool,
        AgeGroup::Teen,
    ];

    pub fn of(years: u8) -> AgeGroup {
        match years {
            0..=2 => AgeGroup::Infant,
            3..=5 => AgeGroup::Preschool,
            6..=9 => AgeGroup::EarlySchool,
            10..=12 => AgeGroup::LateSchool,
            _ => AgeGroup::Teen,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            AgeGroup::Infant => "stats.age.0_2",
            AgeGroup::Preschool => "stats.age.3_5",
            AgeGroup::EarlySchool => "stats.age.6_9",
            AgeGroup::LateSchool => "stats.age.10_12",
            AgeGroup::Teen => "stats.age.13_17",
        }
    }
}

/// Smallest, middle and largest of a set of day counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub count: usize,
    pub min: i32,
    /// The middle value; the mean of the two middle values for an even count.
    pub median: f64,
    pub max: i32,
}

impl Spread {
    fn of(mut values: Vec<i32>) -> Option<Spread> {
        crate::sort::sort(&mut values);
        let (&min, &max) = (values.first()?, values.last()?);
        let mid = values.len() / 2;
        let median = if values.len() % 2 == 1 {
            f64::from(values[mid])
        } else {
            (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
        };
        Some(Spread {
            count: values.len(),
            min,
            median,
            max,
        })
    }
}

/// The unit's summary of many plans.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitStats {
    pub plans: usize,
    pub children: usize,
    pub age_groups: Vec<(AgeGroup, usize)>,
    /// Plans not closed on or before today.
    pub active: usize,
    pub closed: usize,
    /// Days from start to close, over closed plans with both dates.
    pub days_to_close: Option<Spread>,
    /// Outcomes of the closed plans.
    pub outcomes: Vec<(Outcome, usize)>,
    /// Closed plans with no outcome recorded.
    pub outcome_unknown: usize,
    pub agreements: usize,
    pub kept: usize,
    pub not_kept: usize,
    pub missed: usize,
    /// Check-ins logged per week of work, over plans with a start date
    /// (counting from the start to the close, or to today if still active).
    pub check_ins_per_week: Option<f64>,
    pub reviews_held: usize,
    /// Planned meetings whose day passed without being held or cancelled.
    pub reviews_missed: usize,
}

const OUTCOMES: [Outcome; 6] = Outcome::ALL;

/// Summarises `plans` as they stand on `today`.
pub fn summarize(plans: &[Plan], today: Date) -> UnitStats {
    let mut age_groups: Vec<(AgeGroup, usize)> = AgeGroup::ALL.iter().map(|&g| (g, 0)).collect();
    let mut outcomes: Vec<(Outcome, usize)> = OUTCOMES.iter().map(|&o| (o, 0)).collect();
    let mut stats = UnitStats {
        plans: plans.len(),
        children: 0,
        age_groups: Vec::new(),
        active: 0,
        closed: 0,
        days_to_close: None,
        outcomes: Vec::new(),
        outcome_unknown: 0,
        agreements: 0,
        kept: 0,
        not_kept: 0,
        missed: 0,
        check_ins_per_week: None,
        reviews_held: 0,
        reviews_missed: 0,
    };
    let mut durations = Vec::new();
    let (mut counted_check_ins, mut counted_days) = (0usize, 0i64);

    for plan in plans {
        stats.children += plan.children().len();
        for child in plan.children() {
            let group = AgeGroup::of(child.age.years());
            if let Some(slot) = age_groups.iter_mut().find(|(g, _)| *g == group) {
                slot.1 += 1;
            }
        }

        let case = plan.case();
        let closed_on = case.closed.filter(|&d| d <= today);
        match closed_on {
            Some(closed) => {
                stats.closed += 1;
                match case.outcome {
                    Some(o) => {
                        if let Some(slot) = outcomes.iter_mut().find(|(x, _)| *x == o) {
                            slot.1 += 1;
                        }
                    }
                    None => stats.outcome_unknown += 1,
                }
                // A close before the start is a typing error: left out, not counted as 0.
                if let Some(days) = case
                    .started
                    .map(|s| s.days_until(closed))
                    .filter(|&d| d >= 0)
                {
                    durations.push(days);
                }
            }
            None => stats.active += 1,
        }

        stats.agreements += plan.agreements().len();
        for c in plan.check_ins() {
            match c.outcome {
                CheckOutcome::Kept => stats.kept += 1,
                CheckOutcome::Missed => stats.missed += 1,
                _ => stats.not_kept += 1,
            }
        }
        if let Some(start) = case.started.filter(|&s| s <= today) {
            let end = closed_on.unwrap_or(today).max(start);
            counted_days += i64::from(start.days_until(end)) + 1;
            counted_check_ins += plan
                .check_ins()
                .iter()
                .filter(|c| c.date >= start && c.date <= end)
                .count();
        }

        // Follow-up meetings: every meeting held after the first, and the
        // planned ones whose day passed without being held or cancelled.
        let held = plan.meetings().iter().filter(|m| m.is_held()).count();
        stats.reviews_held += held.saturating_sub(1);
        stats.reviews_missed += plan
            .meetings()
            .iter()
            .filter(|m| m.status == MeetingStatus::Planned && m.date < today)
            .count();
    }
    stats.age_groups = age_groups;
    stats.outcomes = outcomes;
    stats.days_to_close = Spread::of(durations);
    stats.check_ins_per_week =
        (counted_days > 0).then(|| counted_check_ins as f64 * 7.0 / counted_days as f64);
    stats
}

fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::StaysHome => "stats.outcome.stays_home",
        Outcome::PlacementAvoided => "stats.outcome.placement_avoided",
        Outcome::PlacementShortened => "stats.outcome.placement_shortened",
        Outcome::Placed => "stats.outcome.placed",
        Outcome::FamilyEnded => "stats.outcome.family_ended",
        Outcome::Other => "stats.outcome.other",
    }
}

/// A number with one decimal and a point (the CSV is read by programs too).
/// One decimal, with the decimal sign the reader's language uses: Swedish
/// writes 76,5 (and Excel in Swedish reads "76.5" as text, not a number).
fn decimal(v: f64, lang: Lang) -> String {
    crate::i18n::decimal(v, 1, lang)
}

/// The CSV field separator Excel expects for `lang`: Swedish Excel splits
/// columns at semicolons (the comma is its decimal sign), English at commas.
pub fn csv_separator(lang: Lang) -> char {
    match lang {
        Lang::Sv => ';',
        _ => ',',
    }
}

impl UnitStats {
    /// The table as label–value rows, in the order the unit reads it. Empty
    /// values where there is nothing to measure (no closed plan yet…).
    pub fn rows(&self, lang: Lang) -> Vec<(String, String)> {
        let mut rows: Vec<(&str, String)> = vec![
            ("stats.plans", self.plans.to_string()),
            ("stats.active", self.active.to_string()),
            ("stats.closed", self.closed.to_string()),
            ("stats.children", self.children.to_string()),
        ];
        rows.extend(
            self.age_groups
                .iter()
                .map(|(g, n)| (g.key(), n.to_string())),
        );
        let spread = self.days_to_close.as_ref();
        rows.extend([
            (
                "stats.days_to_close.count",
                spread.map_or(0, |s| s.count).to_string(),
            ),
            (
                "stats.days_to_close.median",
                spread.map(|s| decimal(s.median, lang)).unwrap_or_default(),
            ),
            (
                "stats.days_to_close.min",
                spread.map(|s| s.min.to_string()).unwrap_or_default(),
            ),
            (
                "stats.days_to_close.max",
                spread.map(|s| s.max.to_string()).unwrap_or_default(),
            ),
        ]);
        rows.extend(
            self.outcomes
                .iter()
                .map(|(o, n)| (outcome_key(*o), n.to_string())),
        );
        rows.extend([
            ("stats.outcome.unknown", self.outcome_unknown.to_string()),
            ("stats.agreements", self.agreements.to_string()),
            ("stats.check_ins.kept", self.kept.to_string()),
            ("stats.check_ins.not_kept", self.not_kept.to_string()),
            ("stats.check_ins.missed", self.missed.to_string()),
            (
                "stats.check_ins.per_week",
                self.check_ins_per_week
                    .map(|v| decimal(v, lang))
                    .unwrap_or_default(),
            ),
            ("stats.reviews.held", self.reviews_held.to_string()),
            ("stats.reviews.missed", self.reviews_missed.to_string()),
        ]);
        rows.into_iter()
            .map(|(key, value)| (tr(lang, key).to_string(), value))
            .collect()
    }
}

/// One CSV field, quoted when it must be (RFC 4180: the separator, a quote
/// or a line break), with quotes doubled.
pub fn csv_field(s: &str, separator: char) -> String {
    if s.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The table as CSV (RFC 4180: CRLF line ends, a header row), labels in
/// `lang`, separated and with decimals as Excel in that language reads them
/// ([`csv_separator`]).
pub fn to_csv(stats: &UnitStats, lang: Lang) -> String {
    let separator = csv_separator(lang);
    let header = (
        tr(lang, "stats.csv.measure").to_string(),
        tr(lang, "stats.csv.value").to_string(),
    );
    std::iter::once(header)
        .chain(stats.rows(lang))
        .map(|(label, value)| {
            format!(
                "{}{separator}{}\r\n",
                csv_field(&label, separator),
                csv_field(&value, separator)
            )
        })
        .collect()
}
