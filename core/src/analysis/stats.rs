//! The unit's figures for a period, over many plans, without names.
//!
//! The unit opens its saved plans and reads, for a year, a tertial or any
//! dates ([`Period`]): children in the work, cases started and closed,
//! outcomes, meetings and attendance, the network mobilised, the agencies
//! that took part, checks and contingency steps, questionnaire answers and
//! the scaling trend. Nothing here reads a name, a note, a case label or
//! any other free text, so nothing identifying can reach the table, its
//! CSV, its charts or its printed page.
//!
//! **Small numbers.** A family can be recognised from a small count ("one
//! child placed in T2") or from a figure that rests on one or two families
//! (the checks of one case). So every cell records how many distinct cases
//! it rests on, and a cell resting on fewer than [`MIN_CASES`] is shown as
//! "< 3" ([`SUPPRESSED`]). A count of children or cases rests on that many
//! cases or fewer, so it is never shown below 3; a count of 0 is suppressed
//! too (that no child of the period was placed says something about a
//! family known to be in the work). **Differencing:** where a shown total is
//! the sum of shown parts (children by age, closed cases by outcome, checks
//! by outcome, scaling rose / same / fell, a year's started and closed cases
//! by tertial), one suppressed part could be worked out as the total minus
//! the others; then the next smallest part is suppressed as well
//! ([`protect`], repeated until nothing changes). Figures chosen for other,
//! overlapping periods (one day apart) can still be subtracted from each
//! other: the protection holds within one table, its CSV and its printed
//! page, which are what leave the unit.

use super::period::{case_start, open_in, Period};
use crate::document::plan::{
    AgencyKind, CheckOutcome, ChildPart, MeetingStatus, Outcome, PersonKind, Plan, Questionnaire,
    Respondent,
};
use crate::i18n::{decimal, tr, trf, Lang};
use std::borrow::Borrow;
use std::collections::HashSet;

/// The fewest cases a shown figure may rest on.
pub const MIN_CASES: u32 = 3;

/// What a suppressed cell shows, in every language.
pub const SUPPRESSED: &str = "< 3";

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
}

/// One figure: its value, how many cases it rests on, and whether it may
/// be shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub value: f64,
    /// A count (no decimals) rather than a median or a mean (one decimal).
    pub whole: bool,
    /// Distinct cases that contributed to the figure.
    pub cases: u32,
    pub shown: bool,
}

impl Cell {
    fn new(value: f64, whole: bool, cases: u32) -> Cell {
        Cell {
            value,
            whole,
            cases,
            shown: cases >= MIN_CASES,
        }
    }

    /// The cell as the reader sees it: "< 3", "12", or "3,5" in Swedish and
    /// "3.5" in English.
    pub fn text(&self, lang: Lang) -> String {
        if !self.shown {
            SUPPRESSED.to_string()
        } else {
            decimal(self.value, usize::from(!self.whole), lang)
        }
    }
}

/// A table of the figures: a title, column headings, and labelled rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<Cell>)>,
}

/// The unit's figures for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitFigures {
    pub period: Period,
    pub sections: Vec<Section>,
    /// Cases in the work, started and closed in each tertial the period
    /// touches (the bar chart).
    pub tertials: Vec<(Period, [Cell; 3])>,
}

/// A sum, a list of values, and the distinct cases behind them.
#[derive(Clone, Default)]
struct Acc {
    total: u32,
    values: Vec<f64>,
    cases: u32,
    last: Option<usize>,
}

impl Acc {
    fn mark(&mut self, case: usize) {
        if self.last != Some(case) {
            self.last = Some(case);
            self.cases += 1;
        }
    }

    /// `n` more of something in case number `case` (0 adds nothing).
    fn add(&mut self, case: usize, n: usize) {
        if n > 0 {
            self.total += n as u32;
            self.mark(case);
        }
    }

    fn push(&mut self, case: usize, v: f64) {
        self.values.push(v);
        self.add(case, 1);
    }

    fn count(&self) -> Cell {
        Cell::new(f64::from(self.total), true, self.cases)
    }

    fn sum(&self) -> Cell {
        Cell::new(self.values.iter().sum(), true, self.cases)
    }

    fn median(&self) -> Cell {
        let mut v = self.values.clone();
        crate::sort::by(&mut v, f64::total_cmp);
        let mid = v.len() / 2;
        let median = match v.len() {
            0 => 0.0,
            n if n % 2 == 1 => v[mid],
            _ => (v[mid - 1] + v[mid]) / 2.0,
        };
        Cell::new(median, false, self.cases)
    }
}

fn accs<const N: usize>() -> [Acc; N] {
    std::array::from_fn(|_| Acc::default())
}

/// Cases open in, started in and closed in `period`.
fn case_counts<P: Borrow<Plan>>(plans: &[P], period: Period) -> [Acc; 3] {
    let mut a = accs();
    for (i, plan) in plans.iter().enumerate() {
        let plan = plan.borrow();
        let open = open_in(plan, period);
        a[0].add(i, open.into());
        a[1].add(
            i,
            (open && case_start(plan).is_some_and(|d| period.contains(d))).into(),
        );
        a[2].add(
            i,
            plan.case()
                .closed
                .is_some_and(|d| period.contains(d))
                .into(),
        );
    }
    a
}

const RESPONDENTS: [Respondent; 4] = [
    Respondent::Child,
    Respondent::Parent,
    Respondent::Network,
    Respondent::Professional,
];

const QUESTIONNAIRES: [Questionnaire; 2] = [Questionnaire::FollowUp, Questionnaire::Exit];

/// Where each figure's accumulator sits in [`Tally`]: one flat list (a
/// struct of arrays compiled to kilobytes of constructor and drop code).
const CHILDREN: usize = 0; // 6: all, then the age groups
const OUTCOMES: usize = 6; // 7: Outcome::ALL, then none recorded
const PLACED_CHILDREN: usize = 13;
const SHORTENED_DAYS: usize = 14;
const DAYS_TO_CLOSE: usize = 15;
const MEETINGS: usize = 16; // 3: held, cancelled, a child took part
const ATTENDANCE: usize = 19;
const NETWORK: usize = 20; // 2: private, professional
const AGENCIES: usize = 22; // 8: AgencyKind::ALL
const CHECKS: usize = 30; // 10: CHECK_ROWS
const SCALING: usize = 40; // 4: cases, rose, same, fell
const FIRST: usize = 44;
const LATEST: usize = 45;
/// Per questionnaire, question and respondent group (4 × 4, then 3 × 4).
const ANSWERS: [usize; 2] = [46, 62];
const ACCS: usize = 74;

/// Everything counted over the plans, before it becomes tables.
struct Tally(Vec<Acc>);

impl Tally {
    fn count<P: Borrow<Plan>>(plans: &[P], period: Period) -> Tally {
        let mut t = Tally(vec![Acc::default(); ACCS]);
        for (i, plan) in plans.iter().enumerate() {
            t.case(i, plan.borrow(), period);
        }
        t
    }

    fn case(&mut self, i: usize, plan: &Plan, period: Period) {
        let case = plan.case();
        let open = open_in(plan, period);
        if open {
            let children = plan.children();
            self.0[CHILDREN].add(i, children.len());
            for group in 0..5 {
                let n = children
                    .iter()
                    .filter(|c| AgeGroup::of(c.age.years()) == AgeGroup::ALL[group])
                    .count();
                self.0[CHILDREN + 1 + group].add(i, n);
            }
        }
        if let Some(closed) = case.closed.filter(|&d| period.contains(d)) {
            let at = case.outcome.map_or(6, |o| {
                Outcome::ALL.iter().position(|&x| x == o).unwrap_or(6)
            });
            self.0[OUTCOMES + at].add(i, 1);
            if case.outcome == Some(Outcome::Placed) {
                self.0[PLACED_CHILDREN].add(i, plan.children().len());
            }
            if let Some(days) = case
                .shortened_days
                .filter(|_| case.outcome == Some(Outcome::PlacementShortened))
            {
                self.0[SHORTENED_DAYS].push(i, f64::from(days));
            }
            // A close before the start is a typing error: left out, not 0 days.
            if let Some(days) = case
                .started
                .map(|s| s.days_until(closed))
                .filter(|&d| d >= 0)
            {
                self.0[DAYS_TO_CLOSE].push(i, f64::from(days));
            }
        }

        let mut mobilised: HashSet<crate::PersonId> = HashSet::new();
        for m in plan.meetings().iter().filter(|m| period.contains(m.date)) {
            match m.status {
                MeetingStatus::Held => {
                    self.0[MEETINGS].add(i, 1);
                    self.0[ATTENDANCE].push(i, m.participants.len() as f64);
                    let took_part = m.children.iter().any(|c| c.part == ChildPart::TookPart);
                    self.0[MEETINGS + 2].add(i, took_part.into());
                    mobilised.extend(m.participants.iter().copied());
                }
                MeetingStatus::Cancelled => self.0[MEETINGS + 1].add(i, 1),
                MeetingStatus::Planned => {}
            }
        }
        if open {
            mobilised.extend(plan.agreements().iter().flat_map(|a| a.people()));
            let people: Vec<_> = mobilised.iter().filter_map(|&id| plan.person(id)).collect();
            for (k, kind) in [PersonKind::Private, PersonKind::Professional]
                .into_iter()
                .enumerate()
            {
                self.0[NETWORK + k].add(i, people.iter().filter(|p| p.kind == kind).count());
            }
            for (k, kind) in AgencyKind::ALL.into_iter().enumerate() {
                let took_part = people
                    .iter()
                    .any(|p| p.kind == PersonKind::Professional && p.agency == Some(kind));
                self.0[AGENCIES + k].add(i, took_part.into());
            }
        }

        let hours = plan.settings().office_hours;
        for c in plan.check_ins().iter().filter(|c| period.contains(c.date)) {
            let done = c.outcome != CheckOutcome::Missed;
            let outcome = CheckOutcome::ALL
                .iter()
                .position(|&o| o == c.outcome)
                .unwrap_or(0);
            for (row, hit) in [
                (0, done),
                (1, done && hours.outside(c.date, c.time)),
                (2, c.check.is_none()),
                (3 + outcome, true),
                (8, c.outcome.failed()),
                (9, c.step.is_some_and(|s| s >= 1)),
            ] {
                self.0[CHECKS + row].add(i, hit.into());
            }
        }

        for f in plan.follow_ups().iter().filter(|f| period.contains(f.date)) {
            let q = QUESTIONNAIRES.iter().position(|&q| q == f.questionnaire);
            let r = RESPONDENTS.iter().position(|&r| r == f.respondent);
            let (Some(q), Some(r)) = (q, r) else { continue };
            for a in &f.answers {
                let keys = QUESTIONNAIRES[q].questions();
                if let (Some(k), Some(v)) = (keys.iter().position(|&k| k == a.question), a.value) {
                    self.0[ANSWERS[q] + k * 4 + r].push(i, f64::from(v));
                }
            }
        }

        if open {
            self.scaling_of(i, plan, period);
        }
    }

    /// The scaling trend of one case: the mean of every answer at the first
    /// meeting with answers, and at the latest up to the period's end.
    fn scaling_of(&mut self, i: usize, plan: &Plan, period: Period) {
        let mut at: Vec<(crate::Date, crate::MeetingId, f64, u32)> = Vec::new();
        for a in plan.scales().iter().flat_map(|s| &s.answers) {
            let Some(m) = plan.meeting(a.meeting).filter(|m| m.date <= period.to) else {
                continue;
            };
            match at.iter_mut().find(|x| x.1 == m.id) {
                Some(x) => (x.2, x.3) = (x.2 + f64::from(a.value.get()), x.3 + 1),
                None => at.push((m.date, m.id, f64::from(a.value.get()), 1)),
            }
        }
        crate::sort::by_key(&mut at, |x| (x.0, x.1));
        if let (Some(first), Some(latest), true) = (at.first(), at.last(), at.len() > 1) {
            let (first, latest) = (first.2 / f64::from(first.3), latest.2 / f64::from(latest.3));
            self.0[FIRST].push(i, first);
            self.0[LATEST].push(i, latest);
            let change = latest - first;
            let row = if change > 1e-9 {
                1
            } else if change < -1e-9 {
                3
            } else {
                2
            };
            self.0[SCALING].add(i, 1);
            self.0[SCALING + row].add(i, 1);
        }
    }
}

/// The catalog keys of the rows, section by section (the titles are
/// `stats.s.<section>`).
const CASE_ROWS: [&str; 3] = [
    "stats.cases.open",
    "stats.cases.started",
    "stats.cases.closed",
];
const CHILD_ROWS: [&str; 6] = [
    "stats.children",
    "stats.age.0_2",
    "stats.age.3_5",
    "stats.age.6_9",
    "stats.age.10_12",
    "stats.age.13_17",
];
const OUTCOME_ROWS: [&str; 11] = [
    "stats.outcome.stays_home",
    "stats.outcome.placement_avoided",
    "stats.outcome.placement_shortened",
    "stats.outcome.placed",
    "stats.outcome.family_ended",
    "stats.outcome.other",
    "stats.outcome.unknown",
    "stats.children_placed",
    "stats.shortened_days.total",
    "stats.shortened_days.median",
    "stats.days_to_close.median",
];
const MEETING_ROWS: [&str; 5] = [
    "stats.meetings.held",
    "stats.meetings.cancelled",
    "stats.meetings.child_took_part",
    "stats.meetings.attended",
    "stats.meetings.attendance",
];
const NETWORK_ROWS: [&str; 2] = ["stats.network.private", "stats.network.professional"];
const CHECK_ROWS: [&str; 10] = [
    "stats.checks.done",
    "stats.checks.outside",
    "stats.checks.agreement_level",
    "stats.checks.kept",
    "stats.checks.not_kept",
    "stats.checks.no_answer",
    "stats.checks.unreachable",
    "stats.checks.missed",
    "stats.checks.failed",
    "stats.checks.steps",
];
const SCALING_ROWS: [&str; 6] = [
    "stats.scaling.cases",
    "stats.scaling.rose",
    "stats.scaling.same",
    "stats.scaling.fell",
    "stats.scaling.first",
    "stats.scaling.latest",
];

/// Where a cell is: a table's section and row (first column), or a bar of
/// the tertial chart.
#[derive(Clone, Copy)]
enum At {
    Row(usize, usize),
    Bar(usize, usize),
}

/// Sums of parts that a reader could subtract: (total, parts).
const GROUPS: [(At, &[At]); 5] = [
    (
        At::Row(1, 0),
        &[
            At::Row(1, 1),
            At::Row(1, 2),
            At::Row(1, 3),
            At::Row(1, 4),
            At::Row(1, 5),
        ],
    ),
    (
        At::Row(0, 2),
        &[
            At::Row(2, 0),
            At::Row(2, 1),
            At::Row(2, 2),
            At::Row(2, 3),
            At::Row(2, 4),
            At::Row(2, 5),
            At::Row(2, 6),
        ],
    ),
    (
        At::Row(6, 0),
        &[At::Row(6, 3), At::Row(6, 4), At::Row(6, 5), At::Row(6, 6)],
    ),
    (
        At::Row(6, 8),
        &[At::Row(6, 4), At::Row(6, 5), At::Row(6, 6)],
    ),
    (
        At::Row(9, 0),
        &[At::Row(9, 1), At::Row(9, 2), At::Row(9, 3)],
    ),
];

impl UnitFigures {
    fn get(&self, at: At) -> Cell {
        match at {
            At::Row(s, r) => self.sections[s].rows[r].1[0],
            At::Bar(t, k) => self.tertials[t].1[k],
        }
    }

    fn hide(&mut self, at: At) {
        match at {
            At::Row(s, r) => self.sections[s].rows[r].1[0].shown = false,
            At::Bar(t, k) => self.tertials[t].1[k].shown = false,
        }
    }

    /// Suppresses one more part where exactly one part of a shown total is
    /// suppressed (the smallest shown part, or the total if none is left).
    /// Returns whether anything changed.
    fn protect(&mut self, total: At, parts: &[At]) -> bool {
        if !self.get(total).shown || parts.iter().filter(|&&p| !self.get(p).shown).count() != 1 {
            return false;
        }
        let smallest = parts
            .iter()
            .copied()
            .filter(|&p| self.get(p).shown)
            .min_by(|&a, &b| self.get(a).value.total_cmp(&self.get(b).value));
        self.hide(smallest.unwrap_or(total));
        true
    }

    fn protect_all(&mut self) {
        let split = self
            .period
            .is_split_into(&self.tertials.iter().map(|t| t.0).collect::<Vec<_>>());
        let bars = |k: usize, n: usize| (0..n).map(|t| At::Bar(t, k)).collect::<Vec<_>>();
        let n = self.tertials.len();
        let mut changed = true;
        while changed {
            changed = false;
            for (total, parts) in GROUPS {
                changed |= self.protect(total, parts);
            }
            if split && n > 1 {
                for k in 1..3 {
                    changed |= self.protect(At::Row(0, k), &bars(k, n));
                }
            }
        }
    }
}

/// A section of count rows.
fn counts(lang: Lang, title: &str, keys: &[&str], accs: &[Acc]) -> Section {
    let rows = keys
        .iter()
        .zip(accs)
        .map(|(k, a)| (tr(lang, k).to_string(), vec![a.count()]))
        .collect();
    Section {
        title: tr(lang, title).to_string(),
        columns: vec![tr(lang, "stats.csv.value").to_string()],
        rows,
    }
}

/// Relabels a section's rows with `keys` (where they are not counts).
fn labelled(lang: Lang, title: &str, keys: &[&str], cells: Vec<Cell>) -> Section {
    let mut s = counts(lang, title, &[], &[]);
    s.rows = keys
        .iter()
        .zip(cells)
        .map(|(k, c)| (tr(lang, k).to_string(), vec![c]))
        .collect();
    s
}

/// The unit's figures for `period` over `plans`, labelled in `lang`, with
/// small numbers suppressed (see the module notes).
pub fn unit_figures<P: Borrow<Plan>>(plans: &[P], period: Period, lang: Lang) -> UnitFigures {
    let t = &Tally::count(plans, period).0;
    let cases = case_counts(plans, period);
    let count =
        |from: usize, n: usize| t[from..from + n].iter().map(Acc::count).collect::<Vec<_>>();
    let mut outcomes = count(OUTCOMES, 8);
    outcomes.extend([
        t[SHORTENED_DAYS].sum(),
        t[SHORTENED_DAYS].median(),
        t[DAYS_TO_CLOSE].median(),
    ]);
    let mut meetings = count(MEETINGS, 3);
    meetings.extend([t[ATTENDANCE].sum(), t[ATTENDANCE].median()]);
    let mut agencies = counts(lang, "stats.s.agencies", &[], &[]);
    agencies.rows = AgencyKind::ALL
        .iter()
        .zip(&t[AGENCIES..])
        .map(|(k, a)| (crate::Label::label(*k, lang).to_string(), vec![a.count()]))
        .collect();
    let mut scaling = count(SCALING, 4);
    scaling.extend([t[FIRST].median(), t[LATEST].median()]);

    let mut sections = vec![
        counts(lang, "stats.s.cases", &CASE_ROWS, &cases),
        counts(lang, "stats.s.children", &CHILD_ROWS, &t[CHILDREN..]),
        labelled(lang, "stats.s.outcomes", &OUTCOME_ROWS, outcomes),
        labelled(lang, "stats.s.meetings", &MEETING_ROWS, meetings),
        counts(lang, "stats.s.network", &NETWORK_ROWS, &t[NETWORK..]),
        agencies,
        counts(lang, "stats.s.checks", &CHECK_ROWS, &t[CHECKS..]),
    ];
    for (q, at) in QUESTIONNAIRES.iter().zip(ANSWERS) {
        let mut rows = Vec::new();
        for (k, key) in q.questions().iter().enumerate() {
            for (r, who) in RESPONDENTS.iter().enumerate() {
                let question = Questionnaire::question_key(key, *who == Respondent::Child);
                let label = trf(
                    lang,
                    "stats.answers.row",
                    &[
                        ("question", tr(lang, &question)),
                        ("respondent", crate::Label::label(*who, lang)),
                    ],
                );
                let a = &t[at + k * 4 + r];
                rows.push((label, vec![a.count(), a.median()]));
            }
        }
        sections.push(Section {
            title: tr(lang, q_title(*q)).to_string(),
            columns: vec![
                tr(lang, "stats.col.answers").to_string(),
                tr(lang, "stats.col.median").to_string(),
            ],
            rows,
        });
    }
    sections.push(labelled(lang, "stats.s.scaling", &SCALING_ROWS, scaling));

    let tertials = period
        .tertials()
        .into_iter()
        .map(|p| (p, case_counts(plans, p).map(|a| a.count())))
        .collect();
    let mut figures = UnitFigures {
        period,
        sections,
        tertials,
    };
    figures.protect_all();
    figures
}

fn q_title(q: Questionnaire) -> &'static str {
    match q {
        Questionnaire::FollowUp => "stats.s.follow_up",
        Questionnaire::Exit => "stats.s.exit",
    }
}

/// One CSV field, quoted when it must be (RFC 4180: the separator, a quote
/// or a line break), with quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The figures as a CSV file for Excel in Swedish, whatever the language of
/// the labels: a UTF-8 byte-order mark (so Excel reads å, ä, ö), `;`
/// between fields, decimal commas, CRLF line ends (RFC 4180). One row per
/// figure, the period in the first column, so that several periods' files
/// can be pasted under each other; a table's second column (the answers'
/// median) is a row of its own.
pub fn to_csv(f: &UnitFigures, lang: Lang) -> String {
    let period = f.period.label(lang);
    let mut out = String::from("\u{FEFF}");
    let mut line = |fields: [&str; 4]| {
        let fields = fields.map(csv_field);
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    };
    line(
        [
            "stats.csv.period",
            "stats.csv.section",
            "stats.csv.measure",
            "stats.csv.value",
        ]
        .map(|k| tr(lang, k)),
    );
    for s in &f.sections {
        for (label, cells) in &s.rows {
            for (i, cell) in cells.iter().enumerate() {
                let measure = match i {
                    0 if cells.len() == 1 => label.clone(),
                    _ => format!("{label} – {}", s.columns[i]),
                };
                line([&period, &s.title, &measure, &cell.text(Lang::Sv)]);
            }
        }
    }
    out
}
