//! Builders shared by the analysis tests (schedule, validation, figures,
//! review, statistics): small plans made through `Plan::apply`, as the UI makes them.
#![allow(dead_code)]

use skyddsnat_core::*;

pub fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("test date {s}"))
}

pub fn t(s: &str) -> TimeOfDay {
    TimeOfDay::parse(s).unwrap_or_else(|| panic!("test time {s}"))
}

pub fn add<T: Entity>(plan: &mut Plan, item: T) {
    if let Err(e) = plan.apply(Edit::add(item)) {
        panic!("test edit refused: {e:?}");
    }
}

pub fn update<T: Entity>(plan: &mut Plan, item: T) {
    if let Err(e) = plan.apply(Edit::update(item)) {
        panic!("test edit refused: {e:?}");
    }
}

pub fn person(id: u32, name: &str, sector: Sector, ring: u8) -> Person {
    Person {
        id: PersonId(id),
        name: name.into(),
        role: String::new(),
        kind: sector.usual_kind(),
        agency: None,
        place: Place {
            ring: Ring::new(ring).expect("ring 1-3"),
            sector,
            along: Permille::HALF,
            depth: Permille::HALF,
        },
        lives_with_child: false,
        custodian_of: Vec::new(),
        protected: false,
        phone: String::new(),
        note: String::new(),
    }
}

pub fn child(id: u32, name: &str, age: u8) -> Child {
    Child {
        id: PersonId(id),
        name: name.into(),
        age: Age::new(age).expect("age 0-17"),
        note: String::new(),
    }
}

pub fn check(by: &[u32], when: Frequency, time: Option<&str>) -> Check {
    Check {
        by: by.iter().copied().map(PersonId).collect(),
        method: Method::Call,
        when,
        time: time.map(t),
        note: String::new(),
    }
}

pub fn step(people: &[u32], action: &str) -> Step {
    Step {
        people: people.iter().copied().map(PersonId).collect(),
        action: action.into(),
    }
}

pub fn agreement(id: u32, responsible: &[u32], checks: Vec<Check>, chain: Vec<Step>) -> Agreement {
    Agreement {
        id: AgreementId(id),
        text: format!("Agreement {id}"),
        responsible: responsible.iter().copied().map(PersonId).collect(),
        checks,
        chain,
    }
}

pub fn check_in(
    id: u32,
    agreement: u32,
    date: &str,
    outcome: CheckOutcome,
    step: Option<u16>,
) -> CheckIn {
    CheckIn {
        id: CheckInId(id),
        agreement: AgreementId(agreement),
        check: None,
        by: None,
        time: None,
        how: None,
        date: d(date),
        outcome,
        step,
        note: String::new(),
    }
}

/// Marks the planned meeting `id` as held, keeping when, where and who was invited.
pub fn hold(plan: &mut Plan, id: u32) {
    let mut m = plan
        .meetings()
        .iter()
        .find(|m| m.id == MeetingId(id))
        .expect("a planned meeting")
        .clone();
    m.status = MeetingStatus::Held;
    update(plan, m);
}

pub fn meeting(id: u32, date: &str) -> Meeting {
    Meeting::held(MeetingId(id), d(date))
}

/// A plan with a mother (1), a grandmother (2), a neighbour (3), a social
/// worker (4) and a child (10), a meeting on `meeting_date`, and `agreements`.
pub fn small_plan(meeting_date: &str, agreements: Vec<Agreement>) -> Plan {
    let mut plan = Plan::new();
    add(&mut plan, child(10, "Kim", 6));
    add(&mut plan, person(1, "Mor", Sector::Family, 1));
    add(&mut plan, person(2, "Mormor", Sector::Relatives, 1));
    add(&mut plan, person(3, "Granne", Sector::FriendsNeighbours, 2));
    add(
        &mut plan,
        person(4, "Socialsekreterare", Sector::Professionals, 2),
    );
    add(&mut plan, meeting(1, meeting_date));
    for a in agreements {
        add(&mut plan, a);
    }
    plan
}

/// Every name a plan holds (people, children, title), for "no names leak" tests.
pub fn names(plan: &Plan) -> Vec<String> {
    plan.people()
        .iter()
        .map(|p| p.name.clone())
        .chain(plan.children().iter().map(|c| c.name.clone()))
        .chain(std::iter::once(plan.title().to_string()))
        .filter(|n| !n.is_empty())
        .collect()
}
