//! Key figures on the sample family and on small hand-made networks.

use crate::analysis_support::*;
use skyddsnat_core::analysis::figures::{concerns, coverage, figures, loads, OVERLOAD_AT};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::*;

fn names_of(plan: &Plan, ids: &[PersonId]) -> Vec<String> {
    ids.iter()
        .map(|&id| plan.name_of(id).unwrap_or("?").to_string())
        .collect()
}

#[test]
fn sample_sizes_by_sector_ring_and_kind() {
    let plan = sample_plan();
    let f = figures(&plan);
    assert_eq!(f.people, 16);
    assert_eq!(
        f.by_sector,
        vec![
            (Sector::Family, 3),
            (Sector::Relatives, 4),
            (Sector::FriendsNeighbours, 2),
            (Sector::School, 2),
            (Sector::Professionals, 4),
            (Sector::Leisure, 1),
        ]
    );
    assert_eq!(
        f.by_ring,
        vec![(Ring::INNER, 3), (Ring::MIDDLE, 8), (Ring::OUTER, 5)]
    );
    assert_eq!((f.private, f.professional), (10, 6));
}

#[test]
fn sample_lines_density_and_most_connected() {
    let plan = sample_plan();
    let f = figures(&plan);
    // 13 lines among 16 people and 2 children: 13 of 153 possible pairs.
    assert_eq!(f.connected_pairs, 13);
    assert!((f.density - 13.0 / 153.0).abs() < 1e-12);
    let top: Vec<(String, usize)> = f
        .most_connected
        .iter()
        .map(|&(id, n)| (plan.name_of(id).unwrap_or("?").to_string(), n))
        .collect();
    assert_eq!(
        top,
        [
            ("Jenny", 5),
            ("Mikael", 5),
            ("Birgitta", 3),
            ("Robin", 1),
            ("Daniel", 1)
        ]
        .map(|(n, k)| (n.to_string(), k))
    );
    assert_eq!(
        names_of(&plan, &f.isolated),
        [
            "Tomas",
            "Sanna",
            "Fatima",
            "Jonas",
            "Lena",
            "Ahmed",
            "BUP Skärholmen",
            "Vårdcentralen"
        ]
    );
    // The parents, Alva's father, grandmother, teacher and Elis's preschool
    // teacher have lines to a child; the rest of the network has none.
    assert_eq!(
        names_of(&plan, &f.no_line_to_child),
        [
            "Tomas",
            "Sanna",
            "Daniel",
            "Gunnar",
            "Fatima",
            "Jonas",
            "Lena",
            "Ahmed",
            "BUP Skärholmen",
            "Vårdcentralen"
        ]
    );
}

#[test]
fn sample_safe_adults_concerns_load_and_roles() {
    let plan = sample_plan();
    let f = figures(&plan);
    assert_eq!(names_of(&plan, &f.concerns), ["Mikael"]);
    assert_eq!(names_of(&plan, &f.safe_inner), ["Jenny", "Birgitta"]);
    let jenny = &f.load[0];
    assert_eq!(
        (jenny.person, jenny.agreements, jenny.steps),
        (PersonId(3), 3, 4)
    );
    let birgitta = &f.load[1];
    assert_eq!(
        (
            birgitta.person,
            birgitta.agreements,
            birgitta.steps,
            birgitta.arrangements
        ),
        (PersonId(5), 2, 2, 1)
    );
    assert_eq!(names_of(&plan, &f.overloaded), ["Jenny", "Birgitta"]);
    assert!(f.load.windows(2).all(|w| w[0].total() >= w[1].total()));
    assert_eq!(
        names_of(&plan, &f.without_role),
        [
            "Robin",
            "Tomas",
            "Maria",
            "Jonas",
            "BUP Skärholmen",
            "Vårdcentralen"
        ]
    );
}

#[test]
fn sample_evening_coverage() {
    let plan = sample_plan();
    let c = figures(&plan).coverage;
    assert!(Weekday::ALL.iter().all(|&d| c.covers(d, 19)));
    assert!(c.covers(Weekday::Mon, 9));
    assert!(!c.covers(Weekday::Tue, 9));
    let evenings = c.uncovered_evenings();
    // 17, 18, 20, 21 and 22 every day of the week.
    assert_eq!(evenings.len(), 35);
    assert_eq!(
        evenings[..5],
        [17, 18, 20, 21, 22].map(|h| (Weekday::Mon, h))
    );
    assert_eq!(c.uncovered().len(), 7 * 24 - 8);
}

#[test]
fn coverage_by_frequency() {
    let plan = small_plan(
        "2026-11-23",
        vec![agreement(
            1,
            &[1],
            vec![
                check(&[2], Frequency::Weekend, Some("21:30")),
                check(&[2], Frequency::Weekday, Some("17:00")),
                check(
                    &[2],
                    Frequency::NthDay {
                        n: 7,
                        from: d("2026-11-25"),
                    },
                    Some("18:00"),
                ),
                // These cover no fixed hour of a typical week.
                check(
                    &[2],
                    Frequency::NthDay {
                        n: 2,
                        from: d("2026-11-25"),
                    },
                    Some("20:00"),
                ),
                check(&[2], Frequency::Week { times: 3 }, Some("22:00")),
                check(
                    &[2],
                    Frequency::Once {
                        date: d("2026-11-25"),
                    },
                    Some("22:00"),
                ),
                check(&[2], Frequency::Day, None),
            ],
            vec![],
        )],
    );
    let c = coverage(&plan);
    assert!(
        c.covers(Weekday::Sat, 21) && c.covers(Weekday::Sun, 21) && !c.covers(Weekday::Fri, 21)
    );
    assert!(c.covers(Weekday::Fri, 17) && !c.covers(Weekday::Sat, 17));
    assert!(c.covers(Weekday::Wed, 18) && !c.covers(Weekday::Thu, 18));
    assert!(!Weekday::ALL
        .iter()
        .any(|&d| c.covers(d, 20) || c.covers(d, 22)));
    assert_eq!(c.uncovered().len(), 7 * 24 - 2 - 5 - 1);
}

#[test]
fn a_stressful_line_to_a_child_makes_a_concern_from_either_end() {
    let mut plan = small_plan("2026-11-23", vec![]);
    add(
        &mut plan,
        Relation {
            id: RelationId(1),
            from: PersonId(10),
            to: PersonId(2),
            kind: RelationKind::Broken,
            supports: false,
            note: String::new(),
        },
    );
    add(
        &mut plan,
        Relation {
            id: RelationId(2),
            from: PersonId(1),
            to: PersonId(10),
            kind: RelationKind::Strong,
            supports: true,
            note: String::new(),
        },
    );
    // A conflict between two adults is not a concern for the child by itself.
    add(
        &mut plan,
        Relation {
            id: RelationId(3),
            from: PersonId(1),
            to: PersonId(3),
            kind: RelationKind::Stressful,
            supports: false,
            note: String::new(),
        },
    );
    assert_eq!(
        concerns(&plan).into_iter().collect::<Vec<_>>(),
        vec![PersonId(2)]
    );
    let f = figures(&plan);
    assert_eq!(
        f.safe_inner,
        vec![PersonId(1)],
        "Mormor is in ring 1 but a concern"
    );
    // "Allowed: yes" is no concern.
    add(
        &mut plan,
        SupervisionRule {
            id: SupervisionId(1),
            adult: PersonId(1),
            children: vec![],
            allowed: Allowed::Yes,
            condition: String::new(),
        },
    );
    assert_eq!(figures(&plan).safe_inner, vec![PersonId(1)]);
    add(
        &mut plan,
        SupervisionRule {
            id: SupervisionId(2),
            adult: PersonId(1),
            children: vec![],
            allowed: Allowed::Never,
            condition: String::new(),
        },
    );
    assert!(figures(&plan).safe_inner.is_empty());
}

#[test]
fn double_lines_count_once_and_density_stays_within_one() {
    let mut plan = Plan::new();
    add(&mut plan, person(1, "A", Sector::Family, 1));
    add(&mut plan, person(2, "B", Sector::Family, 1));
    assert_eq!(figures(&plan).density, 0.0);
    add(
        &mut plan,
        Relation {
            id: RelationId(1),
            from: PersonId(1),
            to: PersonId(2),
            kind: RelationKind::Strong,
            supports: true,
            note: String::new(),
        },
    );
    add(
        &mut plan,
        Relation {
            id: RelationId(2),
            from: PersonId(2),
            to: PersonId(1),
            kind: RelationKind::Weak,
            supports: false,
            note: String::new(),
        },
    );
    let f = figures(&plan);
    assert_eq!(f.connected_pairs, 1);
    assert_eq!(f.density, 1.0);
    assert_eq!(f.most_connected, vec![(PersonId(1), 1), (PersonId(2), 1)]);
    assert!(figures(&Plan::new()).density == 0.0);
}

#[test]
fn load_counts_a_person_once_per_agreement_and_once_per_step() {
    let plan = small_plan(
        "2026-11-23",
        vec![agreement(
            1,
            &[1],
            vec![
                check(&[1, 2], Frequency::Day, Some("19:00")),
                check(&[1], Frequency::Weekend, Some("12:00")),
            ],
            vec![step(&[1], "A"), step(&[2, 2], "B"), step(&[1, 2], "C")],
        )],
    );
    let l = loads(&plan);
    let of = |id| {
        l.iter()
            .find(|x| x.person == PersonId(id))
            .cloned()
            .expect("load")
    };
    assert_eq!((of(1).agreements, of(1).steps), (1, 1));
    assert_eq!((of(2).agreements, of(2).steps), (1, 2));
    assert!(of(2).total() < OVERLOAD_AT);
    // The neighbour and the social worker have no part in it.
    assert_eq!(figures(&plan).without_role, vec![PersonId(3), PersonId(4)]);
    assert!(
        l.iter().all(|x| x.person != PersonId(10)),
        "children carry no load"
    );
}

#[test]
fn sample_figures_as_rows_for_the_panel() {
    let plan = sample_plan();
    let f = figures(&plan);
    let sv = f.rows(&plan, Lang::Sv, false);
    let get = |rows: &[(String, String)], label: &str| {
        rows.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(get(&sv, "Personer i nätverket"), "16");
    assert_eq!(
        get(&sv, "Privat nätverk / Professionellt nätverk"),
        "10 / 6"
    );
    assert_eq!(
        get(&sv, "Per ring"),
        "Närmast 3 · Nära 8 · Längre bort 5",
        "every ring on one row, in order from the child"
    );
    assert_eq!(get(&sv, "Täthet"), "13 linjer av 153 möjliga (8,5 %)");
    assert_eq!(
        get(&sv, "Flest linjer"),
        "Jenny (5), Mikael (5), Birgitta (3), Robin (1), Daniel (1)"
    );
    assert_eq!(get(&sv, "Trygga vuxna i inre ringen"), "Jenny, Birgitta");
    assert_eq!(get(&sv, "Vuxna som oron gäller"), "Mikael");
    assert_eq!(get(&sv, "Utan linje till något barn"), "10 av 16");
    assert_eq!(
        get(&sv, "Kvällstimmar (17–23) som ingen kontroll täcker"),
        "35 av 42"
    );
    let en = f.rows(&plan, Lang::En, false);
    assert_eq!(get(&en, "Density"), "13 lines of 153 possible (8.5 %)");
    assert_eq!(
        get(
            &en,
            "Has many commitments in the plan (agreements and fallback steps)"
        ),
        "Jenny (7), Birgitta (4)"
    );
    assert_eq!(sv.len(), en.len());
    // An empty plan says so instead of leaving cells blank.
    let empty = Plan::new();
    let rows = figures(&empty).rows(&empty, Lang::En, false);
    assert_eq!(get(&rows, "Safe adults in the inner ring"), "–");
}

#[test]
fn with_names_hidden_the_rows_name_roles() {
    let plan = sample_plan();
    let f = figures(&plan);
    let shown = f.rows(&plan, Lang::Sv, false);
    let hidden = f.rows(&plan, Lang::Sv, true);
    assert_eq!(
        shown.iter().map(|(l, _)| l).collect::<Vec<_>>(),
        hidden.iter().map(|(l, _)| l).collect::<Vec<_>>()
    );
    let text: String = hidden.iter().map(|(_, v)| format!("{v}\n")).collect();
    for person in plan.people() {
        assert!(
            !text.contains(person.name.as_str()),
            "{} in {text}",
            person.name
        );
    }
    let safe = &hidden
        .iter()
        .find(|(l, _)| l == "Trygga vuxna i inre ringen")
        .expect("row")
        .1;
    let roles: Vec<String> = figures(&plan)
        .safe_inner
        .iter()
        .map(|&id| plan.person(id).expect("person").role.trim().to_string())
        .collect();
    assert_eq!(safe, &roles.join(", "));
}
