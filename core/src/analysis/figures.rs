//! Key figures of the network and the plan (sizes, density, overload, gaps).
//!
//! Besides the usual network measures this answers the questions a safety
//! consultant asks of a plan: which safe adults are close to the child, who
//! carries too much, who is in the network but has no part in the plan, and
//! which hours of the week no check covers.

use crate::document::date::Weekday;
use crate::document::ids::PersonId;
use crate::document::plan::{Allowed, Frequency, PersonKind, Plan, RelationKind, Ring, Sector};
use crate::i18n::labels::Label;
use crate::i18n::{tr, trf, Lang};
use crate::map::display_name_of;
use std::collections::{HashMap, HashSet};

/// A person named in this many agreements and contingency steps together
/// carries too much: one illness or late shift and several parts of the plan fail.
pub const OVERLOAD_AT: usize = 4;

/// How many people to list as "most connected".
pub const TOP_CONNECTED: usize = 5;

/// The evening hours (17:00–22:59) that matter most: worries are most often
/// about evenings, and offices are closed then.
pub const EVENING_HOURS: std::ops::RangeInclusive<u8> = 17..=22;

/// How much of the plan rests on one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Load {
    pub person: PersonId,
    /// Agreements where the person is responsible, checks, or is plan A.
    pub agreements: usize,
    /// Fallback steps (plan B onwards) naming the person, across all agreements.
    pub steps: usize,
    /// Temporary arrangements naming the person (not counted in [`Load::total`]).
    pub arrangements: usize,
}

impl Load {
    /// Agreements plus fallback steps: what is compared with [`OVERLOAD_AT`].
    pub fn total(&self) -> usize {
        self.agreements + self.steps
    }

    pub fn overloaded(&self) -> bool {
        self.total() >= OVERLOAD_AT
    }
}

/// Which hours of a week some check covers: `hours[weekday][hour]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub hours: [[bool; 24]; 7],
}

impl Coverage {
    pub fn covers(&self, day: Weekday, hour: u8) -> bool {
        self.hours[day.index()]
            .get(usize::from(hour))
            .copied()
            .unwrap_or(false)
    }

    /// The hours no check covers, Monday first, by hour.
    pub fn uncovered(&self) -> Vec<(Weekday, u8)> {
        self.uncovered_in(0..=23)
    }

    /// The uncovered hours from 17 to 22 each day.
    pub fn uncovered_evenings(&self) -> Vec<(Weekday, u8)> {
        self.uncovered_in(EVENING_HOURS)
    }

    fn uncovered_in(&self, hours: std::ops::RangeInclusive<u8>) -> Vec<(Weekday, u8)> {
        Weekday::ALL
            .iter()
            .flat_map(|&day| hours.clone().map(move |h| (day, h)))
            .filter(|&(day, h)| !self.covers(day, h))
            .collect()
    }
}

/// The key figures of one plan. Lists of people are in the plan's order
/// unless said otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// People in the network (children not counted).
    pub people: usize,
    pub by_sector: Vec<(Sector, usize)>,
    pub by_ring: Vec<(Ring, usize)>,
    pub private: usize,
    pub professional: usize,
    /// Distinct pairs joined by a line, among people and children.
    pub connected_pairs: usize,
    /// `connected_pairs` divided by all possible pairs (0 when fewer than two).
    pub density: f64,
    /// Up to [`TOP_CONNECTED`] people with the most lines (to people or
    /// children), most first, ties in plan order; people with no line are left out.
    pub most_connected: Vec<(PersonId, usize)>,
    /// People with no line at all.
    pub isolated: Vec<PersonId>,
    /// People with no line to any child.
    pub no_line_to_child: Vec<PersonId>,
    /// See [`concerns`].
    pub concerns: Vec<PersonId>,
    /// Adults in the inner ring who are not a concern.
    pub safe_inner: Vec<PersonId>,
    /// The load on every person who has any, heaviest first, ties in plan order.
    pub load: Vec<Load>,
    /// People with a load of [`OVERLOAD_AT`] or more.
    pub overloaded: Vec<PersonId>,
    /// People who are not responsible, checking, named in a step or in an
    /// arrangement.
    pub without_role: Vec<PersonId>,
    pub coverage: Coverage,
}

/// Computes every key figure of `plan`.
pub fn figures(plan: &Plan) -> Figures {
    let people = plan.people();
    let children: HashSet<PersonId> = plan.children().iter().map(|c| c.id).collect();

    let by_sector = Sector::ALL
        .iter()
        .map(|&s| (s, people.iter().filter(|p| p.place.sector == s).count()))
        .collect();
    let by_ring = Ring::ALL
        .iter()
        .map(|&r| (r, people.iter().filter(|p| p.place.ring == r).count()))
        .collect();
    let professional = people
        .iter()
        .filter(|p| p.kind == PersonKind::Professional)
        .count();

    // Lines as distinct unordered pairs, so two lines between the same people count once.
    let mut pairs: HashSet<(PersonId, PersonId)> = HashSet::new();
    let mut neighbours: HashMap<PersonId, HashSet<PersonId>> = HashMap::new();
    for r in plan.relations() {
        if r.from == r.to {
            continue;
        }
        pairs.insert((r.from.min(r.to), r.from.max(r.to)));
        neighbours.entry(r.from).or_default().insert(r.to);
        neighbours.entry(r.to).or_default().insert(r.from);
    }
    let nodes = people.len() + children.len();
    let possible = nodes * nodes.saturating_sub(1) / 2;
    let density = if possible == 0 {
        0.0
    } else {
        pairs.len() as f64 / possible as f64
    };
    let degree = |id: PersonId| neighbours.get(&id).map_or(0, HashSet::len);

    let mut most_connected: Vec<(PersonId, usize)> = people
        .iter()
        .map(|p| (p.id, degree(p.id)))
        .filter(|&(_, n)| n > 0)
        .collect();
    // A stable sort keeps plan order among equals.
    crate::sort::by_key(&mut most_connected, |&(_, n)| std::cmp::Reverse(n));
    most_connected.truncate(TOP_CONNECTED);

    let isolated = people
        .iter()
        .filter(|p| degree(p.id) == 0)
        .map(|p| p.id)
        .collect();
    let no_line_to_child = people
        .iter()
        .filter(|p| {
            !neighbours
                .get(&p.id)
                .is_some_and(|n| n.iter().any(|o| children.contains(o)))
        })
        .map(|p| p.id)
        .collect();

    let concern_set = concerns(plan);
    let safe_inner = people
        .iter()
        .filter(|p| p.place.ring == Ring::INNER && !concern_set.contains(&p.id))
        .map(|p| p.id)
        .collect();
    let concerns_list = people
        .iter()
        .filter(|p| concern_set.contains(&p.id))
        .map(|p| p.id)
        .collect();

    let load = loads(plan);
    let overloaded = load
        .iter()
        .filter(|l| l.overloaded())
        .map(|l| l.person)
        .collect();
    let with_role: HashSet<PersonId> = load.iter().map(|l| l.person).collect();
    let without_role = people
        .iter()
        .filter(|p| !with_role.contains(&p.id))
        .map(|p| p.id)
        .collect();

    Figures {
        people: people.len(),
        by_sector,
        by_ring,
        private: people.len() - professional,
        professional,
        connected_pairs: pairs.len(),
        density,
        most_connected,
        isolated,
        no_line_to_child,
        concerns: concerns_list,
        safe_inner,
        load,
        overloaded,
        without_role,
        coverage: coverage(plan),
    }
}

/// The people the plan names as a concern for the children: the adult of a
/// supervision rule that says "never" or "only on a condition", and either
/// end of a stressful or broken line to a child (the end that is not the child).
pub fn concerns(plan: &Plan) -> HashSet<PersonId> {
    let children: HashSet<PersonId> = plan.children().iter().map(|c| c.id).collect();
    let mut out: HashSet<PersonId> = plan
        .supervision()
        .iter()
        .filter(|r| matches!(r.allowed, Allowed::Never | Allowed::OnCondition))
        .map(|r| r.adult)
        .collect();
    for r in plan.relations() {
        if matches!(r.kind, RelationKind::Stressful | RelationKind::Broken) {
            if children.contains(&r.to) && !children.contains(&r.from) {
                out.insert(r.from);
            }
            if children.contains(&r.from) && !children.contains(&r.to) {
                out.insert(r.to);
            }
        }
    }
    out
}

/// The load on each person in the network who has any part in the plan,
/// heaviest first (by [`Load::total`], then arrangements), ties in plan order.
/// Children named in a step are not people of the network and get no load.
pub fn loads(plan: &Plan) -> Vec<Load> {
    let mut agreements: HashMap<PersonId, usize> = HashMap::new();
    let mut steps: HashMap<PersonId, usize> = HashMap::new();
    let mut arrangements: HashMap<PersonId, usize> = HashMap::new();
    for a in plan.agreements() {
        for id in a.carried_by() {
            *agreements.entry(id).or_default() += 1;
        }
        for step in a.chain.iter().skip(1) {
            // One person named twice in a step still does it once.
            let named: HashSet<PersonId> = step.people.iter().copied().collect();
            for id in named {
                *steps.entry(id).or_default() += 1;
            }
        }
    }
    for arr in plan.arrangements() {
        let named: HashSet<PersonId> = arr.people.iter().copied().collect();
        for id in named {
            *arrangements.entry(id).or_default() += 1;
        }
    }
    let get = |m: &HashMap<PersonId, usize>, id| m.get(&id).copied().unwrap_or(0);
    let mut out: Vec<Load> = plan
        .people()
        .iter()
        .map(|p| Load {
            person: p.id,
            agreements: get(&agreements, p.id),
            steps: get(&steps, p.id),
            arrangements: get(&arrangements, p.id),
        })
        .filter(|l| l.total() + l.arrangements > 0)
        .collect();
    crate::sort::by_key(&mut out, |l| std::cmp::Reverse((l.total(), l.arrangements)));
    out
}

/// The hours of a typical week some check covers. A check at a time of day
/// covers that hour on each weekday it falls on every week: every day,
/// weekdays, weekends, given weekdays, and every n:th day when n is 1 or 7.
/// Checks with no time, a number of times per week, once, or on a rhythm that
/// moves across the week (every 2nd day…) cover no fixed hour.
pub fn coverage(plan: &Plan) -> Coverage {
    let mut hours = [[false; 24]; 7];
    for check in plan.agreements().iter().flat_map(|a| a.checks.iter()) {
        let Some(time) = check.time else { continue };
        let days: Vec<Weekday> = match &check.when {
            Frequency::Day => Weekday::ALL.to_vec(),
            Frequency::Weekday => Weekday::ALL
                .into_iter()
                .filter(|d| !d.is_weekend())
                .collect(),
            Frequency::Weekend => Weekday::ALL
                .into_iter()
                .filter(|d| d.is_weekend())
                .collect(),
            Frequency::Days { days } => days.clone(),
            Frequency::NthDay { n: 1, .. } => Weekday::ALL.to_vec(),
            Frequency::NthDay { n: 7, from } => vec![from.weekday()],
            Frequency::NthDay { .. } | Frequency::Week { .. } | Frequency::Once { .. } => {
                Vec::new()
            }
        };
        let hour = time.hour() as usize;
        for day in days {
            if let Some(slot) = hours[day.index()].get_mut(hour) {
                *slot = true;
            }
        }
    }
    Coverage { hours }
}

/// People counted per sector in the order the plan's map shows them.
pub fn by_sector_in_map_order(plan: &Plan, figures: &Figures) -> Vec<(Sector, usize)> {
    plan.settings()
        .sector_order
        .iter()
        .map(|s| {
            let count = figures.by_sector.iter().find(|(x, _)| x == s);
            (*s, count.map_or(0, |(_, n)| *n))
        })
        .collect()
}

/// A share as a percentage with one decimal, in the language's notation.
fn percent(share: f64, lang: Lang) -> String {
    crate::i18n::decimal(share * 100.0, 1, lang)
}

impl Figures {
    /// The figures as label–value rows in reading order, for the key-figures
    /// panel: names looked up in `plan` (the plan they were computed from)
    /// and hidden by the one rule (`display_name_of`) when `hide_names` is
    /// on. Lists of people read "Jenny, Birgitta"; loads "Jenny (7)"; the
    /// sectors and rings each on one row ("Familj 2 · Släkt 3").
    pub fn rows(&self, plan: &Plan, lang: Lang, hide_names: bool) -> Vec<(String, String)> {
        let name = |id: PersonId| display_name_of(plan, id, hide_names);
        let none = || tr(lang, "figures.none").to_string();
        let names = |ids: &[PersonId]| {
            if ids.is_empty() {
                none()
            } else {
                ids.iter()
                    .map(|&id| name(id))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let counted = |items: Vec<(PersonId, usize)>| {
            if items.is_empty() {
                none()
            } else {
                items
                    .iter()
                    .map(|&(id, n)| format!("{} ({n})", name(id)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let of = |count: usize, total: usize| {
            trf(
                lang,
                "figures.of",
                &[("count", &count.to_string()), ("total", &total.to_string())],
            )
        };
        let label = |key: &str| tr(lang, key).to_string();
        let spread = |items: Vec<String>| items.join(" · ");

        let possible = {
            let nodes = self.people + plan.children().len();
            nodes * nodes.saturating_sub(1) / 2
        };
        let evenings = Weekday::ALL.len() * EVENING_HOURS.count();
        vec![
            (label("figures.people"), self.people.to_string()),
            (
                format!(
                    "{} / {}",
                    PersonKind::Private.label(lang),
                    PersonKind::Professional.label(lang)
                ),
                format!("{} / {}", self.private, self.professional),
            ),
            (
                label("figures.by_sector"),
                spread(
                    by_sector_in_map_order(plan, self)
                        .into_iter()
                        .map(|(s, n)| format!("{} {n}", s.label(lang)))
                        .collect(),
                ),
            ),
            (
                label("figures.by_ring"),
                spread(
                    self.by_ring
                        .iter()
                        .map(|(r, n)| format!("{} {n}", r.label(lang)))
                        .collect(),
                ),
            ),
            (
                label("figures.density"),
                trf(
                    lang,
                    "figures.density.value",
                    &[
                        ("lines", &self.connected_pairs.to_string()),
                        ("pairs", &possible.to_string()),
                        ("percent", &percent(self.density, lang)),
                    ],
                ),
            ),
            (
                label("figures.most_connected"),
                counted(self.most_connected.clone()),
            ),
            (label("figures.isolated"), names(&self.isolated)),
            (
                label("figures.no_line_to_child"),
                of(self.no_line_to_child.len(), self.people),
            ),
            (label("figures.safe_inner"), names(&self.safe_inner)),
            (label("figures.concerns"), names(&self.concerns)),
            (
                label("figures.overloaded"),
                counted(
                    self.load
                        .iter()
                        .filter(|l| l.overloaded())
                        .map(|l| (l.person, l.total()))
                        .collect(),
                ),
            ),
            (label("figures.without_role"), names(&self.without_role)),
            (
                label("figures.uncovered_evenings"),
                of(self.coverage.uncovered_evenings().len(), evenings),
            ),
        ]
    }
}
