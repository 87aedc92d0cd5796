//! Map geometry as a user meets it: a dragged node lands where it was let
//! go, clicks find the node under the pointer, and no two names on the map
//! ever cover each other, however crowded the network.

use proptest::prelude::*;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::{
    self, layout, layout_with, place_new, step, Dir, Layout, LayoutOptions, MapGeometry, Point,
};
use skyddsnat_core::*;

fn place(ring: u8, sector: Sector, along: u16, depth: u16) -> Place {
    Place {
        ring: Ring::new(ring).expect("ring 1–3"),
        sector,
        along: Permille::new(along).expect("0–1000"),
        depth: Permille::new(depth).expect("0–1000"),
    }
}

fn person(id: u32, name: &str, at: Place) -> Person {
    Person {
        id: PersonId(id),
        name: name.into(),
        role: String::new(),
        kind: at.sector.usual_kind(),
        agency: None,
        place: at,
        lives_with_child: false,
        custodian_of: Vec::new(),
        protected: false,
        phone: String::new(),
        note: String::new(),
    }
}

fn child(id: u32, name: &str, age: u8) -> Child {
    Child {
        id: PersonId(id),
        name: name.into(),
        age: Age::new(age).expect("age"),
        note: String::new(),
    }
}

/// A plan with two children and the given people.
fn plan_with(people: Vec<Person>) -> Plan {
    let mut plan = Plan::new();
    plan.apply(Edit::add(child(1, "Alva", 7))).expect("child");
    plan.apply(Edit::add(child(2, "Elis", 3))).expect("child");
    for p in people {
        plan.apply(Edit::add(p)).expect("person");
    }
    plan
}

/// Names of realistic and awkward lengths, so labels differ in width.
fn name(i: u32) -> String {
    const NAMES: [&str; 8] = [
        "Jenny",
        "Birgitta",
        "Al",
        "Socialsekreterare Västerort",
        "Mohammed",
        "BUP Skärholmen",
        "Åsa-Lena",
        "Förskollärare Pernilla",
    ];
    format!("{} {i}", NAMES[i as usize % NAMES.len()])
}

/// Everything a reader of the map needs: no node covers another node, no
/// label covers another label or somebody's node, every person stays in the
/// ring and sector they were put in, and children stay in the centre.
fn assert_readable(plan: &Plan, layout: &Layout) {
    let g = &layout.geometry;
    assert_eq!(
        layout.nodes.len(),
        plan.children().len() + plan.people().len()
    );
    for (i, a) in layout.nodes.iter().enumerate() {
        for b in &layout.nodes[i + 1..] {
            assert!(
                a.centre.distance(b.centre) >= a.radius + b.radius,
                "nodes {:?} and {:?} overlap",
                a.id,
                b.id
            );
            assert!(
                !a.label_rect.overlaps(&b.label_rect),
                "labels of {:?} and {:?} overlap: {:?} {:?}",
                a.id,
                b.id,
                a.label_rect,
                b.label_rect
            );
            assert!(
                !a.label_rect.meets_circle(b.centre, b.radius),
                "label of {:?} covers node {:?}",
                a.id,
                b.id
            );
            assert!(
                !b.label_rect.meets_circle(a.centre, a.radius),
                "label of {:?} covers node {:?}",
                b.id,
                a.id
            );
        }
        if a.child {
            assert!(a.centre.radius() + a.radius <= g.centre_radius() + 1e-9);
        } else {
            let p = plan.person(a.id).expect("node of a person");
            let landed = g.snap(a.centre).expect("a person is outside the centre");
            assert_eq!(
                (landed.ring, landed.sector),
                (p.place.ring, p.place.sector),
                "{:?} was moved out of its cell",
                a.id
            );
            assert!(!a
                .label_rect
                .meets_circle(Point::default(), g.centre_radius()));
        }
        for corner in [
            Point::new(a.label_rect.x, a.label_rect.y),
            Point::new(a.label_rect.right(), a.label_rect.bottom()),
        ] {
            assert!(corner.x.abs() <= layout.extent && corner.y.abs() <= layout.extent);
        }
    }
}

#[test]
fn a_place_survives_the_trip_to_a_point_and_back() {
    let g = MapGeometry::new(&Settings::default());
    for sector in Sector::ALL {
        for ring in 1..=3 {
            for along in (0..=1000).step_by(50) {
                for depth in (0..=1000).step_by(125) {
                    let at = place(ring, sector, along, depth);
                    assert_eq!(g.snap(g.point_of(&at)), Some(at));
                }
            }
        }
    }
}

#[test]
fn sectors_run_clockwise_from_the_top_in_the_chosen_order() {
    let mut settings = Settings::default();
    settings.sector_order.rotate_left(2);
    let g = MapGeometry::new(&settings);
    let first = settings.sector_order[0];
    let second = settings.sector_order[1];
    let top = g.point_of(&place(2, first, 500, 500));
    // The first sector's middle is up and to the right (30° clockwise from 12 o'clock).
    assert!(top.y < 0.0 && top.x > 0.0, "{top:?}");
    let next = g.point_of(&place(2, second, 500, 500));
    assert!(next.x > top.x, "the second sector is further clockwise");
    // Ring 1 is closer to the child than ring 3.
    assert!(
        g.point_of(&place(1, first, 500, 500)).radius()
            < g.point_of(&place(3, first, 500, 500)).radius()
    );
}

#[test]
fn dropping_on_the_child_is_no_place_and_far_outside_is_the_outer_ring() {
    let g = MapGeometry::new(&Settings::default());
    assert_eq!(g.snap(Point::new(0.0, 0.0)), None);
    assert_eq!(g.snap(Point::new(30.0, -40.0)), None);
    assert_eq!(g.snap(Point::new(f64::NAN, 3.0)), None);
    let far = g.snap(Point::new(0.0, -5000.0)).expect("outside the rings");
    assert_eq!(far.ring, Ring::OUTER);
    assert_eq!(far.depth.get(), 1000);
    assert_eq!(far.sector, Sector::ALL[0]);
}

#[test]
fn arrow_keys_change_ring_or_sector_and_keep_the_spot_in_the_cell() {
    let order = Sector::ALL;
    let at = place(2, Sector::Family, 300, 700);
    let right = step(&at, Dir::Clockwise, &order);
    assert_eq!(right.sector, Sector::Relatives);
    assert_eq!(
        (right.ring, right.along, right.depth),
        (at.ring, at.along, at.depth)
    );
    // Sectors wrap around the circle.
    assert_eq!(
        step(&at, Dir::CounterClockwise, &order).sector,
        Sector::Leisure
    );
    assert_eq!(step(&at, Dir::Inward, &order).ring, Ring::INNER);
    assert_eq!(step(&at, Dir::Outward, &order).ring, Ring::OUTER);
    // At the edges a ring move stays put rather than failing.
    let inner = place(1, Sector::School, 500, 500);
    assert_eq!(step(&inner, Dir::Inward, &order), inner);
    let outer = place(3, Sector::School, 500, 500);
    assert_eq!(step(&outer, Dir::Outward, &order), outer);
}

#[test]
fn a_new_person_goes_to_the_middle_of_an_empty_cell_and_beside_others_in_a_full_one() {
    let empty = plan_with(vec![]);
    let first = place_new(&empty, Sector::School, Ring::MIDDLE);
    assert_eq!(first, place(2, Sector::School, 500, 500));

    let plan = plan_with(vec![person(10, "Lena", first)]);
    let second = place_new(&plan, Sector::School, Ring::MIDDLE);
    assert_eq!((second.ring, second.sector), (Ring::MIDDLE, Sector::School));
    let g = MapGeometry::new(plan.settings());
    assert!(
        g.point_of(&second).distance(g.point_of(&first)) > 40.0,
        "the new person lands clear of Lena"
    );
}

#[test]
fn the_sample_family_lays_out_readably_at_the_standard_size() {
    let plan = sample_plan();
    let l = layout(&plan);
    assert_readable(&plan, &l);
    assert_eq!(
        l.geometry.scale(),
        1.0,
        "a normal family fits the standard map"
    );
    let hidden = layout_with(
        &plan,
        &LayoutOptions {
            hide_names: true,
            focus: None,
            ..Default::default()
        },
    );
    assert_readable(&plan, &hidden);
    let jenny = plan
        .people()
        .iter()
        .find(|p| p.name == "Jenny")
        .expect("Jenny");
    assert_ne!(hidden.node(jenny.id).expect("node").label, "Jenny");
}

#[test]
fn clicking_a_node_or_its_label_finds_that_person() {
    let plan = sample_plan();
    let l = layout(&plan);
    for node in &l.nodes {
        assert_eq!(l.geometry.hit(&l, node.centre), Some(node.id));
        let on_label = Point::new(
            node.label_rect.x + node.label_rect.w / 2.0,
            node.label_rect.y + node.label_rect.h / 2.0,
        );
        assert_eq!(l.hit(on_label), Some(node.id));
    }
    // Empty paper between the rings hits nobody.
    assert_eq!(l.hit(Point::new(0.0, -l.extent - 10.0)), None);
}

#[test]
fn a_dragged_node_sits_under_the_pointer_even_on_top_of_others() {
    let at = place(2, Sector::Family, 500, 500);
    let plan = plan_with(vec![person(10, "Jenny", at), person(11, "Mikael", at)]);
    let g = MapGeometry::new(plan.settings());
    let plain = layout(&plan);
    assert_eq!(
        plain.node(PersonId(10)).expect("node").centre,
        g.point_of(&at)
    );
    let dragged = layout_with(
        &plan,
        &LayoutOptions {
            hide_names: false,
            focus: Some(PersonId(11)),
            ..Default::default()
        },
    );
    assert_eq!(
        dragged.node(PersonId(11)).expect("node").centre,
        g.point_of(&at)
    );
    assert_readable(&plan, &dragged);
}

#[test]
fn a_hundred_people_in_one_cell_do_not_overlap() {
    let at = place(1, Sector::Family, 500, 500);
    let people = (0..100).map(|i| person(10 + i, &name(i), at)).collect();
    let plan = plan_with(people);
    let l = layout(&plan);
    assert_readable(&plan, &l);
    eprintln!(
        "100 in one cell: scale {:.2}, extent {:.0}",
        l.geometry.scale(),
        l.extent
    );
}

#[test]
fn a_hundred_people_spread_over_the_map_do_not_overlap() {
    let people = (0..100u32)
        .map(|i| {
            let sector = Sector::ALL[(i % 6) as usize];
            let ring = (i / 6 % 3 + 1) as u8;
            let along = (i * 379 % 1001) as u16;
            let depth = (i * 613 % 1001) as u16;
            person(10 + i, &name(i), place(ring, sector, along, depth))
        })
        .collect();
    let plan = plan_with(people);
    let l = layout(&plan);
    assert_readable(&plan, &l);
    eprintln!(
        "100 spread: scale {:.2}, extent {:.0}",
        l.geometry.scale(),
        l.extent
    );
}

#[test]
fn five_hundred_people_do_not_overlap_because_the_map_grows() {
    for spread in [true, false] {
        let people = (0..500u32)
            .map(|i| {
                let (sector, ring) = if spread {
                    (Sector::ALL[(i % 6) as usize], (i / 6 % 3 + 1) as u8)
                } else {
                    (Sector::School, 3)
                };
                person(
                    10 + i,
                    &name(i),
                    place(ring, sector, (i * 379 % 1001) as u16, 500),
                )
            })
            .collect();
        let plan = plan_with(people);
        let l = layout(&plan);
        assert_readable(&plan, &l);
        assert!(l.geometry.scale() > 1.0);
        eprintln!(
            "500 {}: scale {:.2}, extent {:.0}",
            if spread { "spread" } else { "in one cell" },
            l.geometry.scale(),
            l.extent
        );
    }
}

#[test]
fn the_same_plan_always_gets_the_same_layout() {
    let plan = sample_plan();
    assert_eq!(layout(&plan), layout(&plan));
}

#[test]
fn hidden_names_become_roles_or_initials() {
    let mut p = person(10, "Birgitta Holm", place(1, Sector::Relatives, 500, 500));
    assert_eq!(map::display_name(&p, false), "Birgitta Holm");
    assert_eq!(map::display_name(&p, true), "B.H.");
    p.role = "mormor".into();
    assert_eq!(map::display_name(&p, true), "mormor");
}

fn arb_place() -> impl Strategy<Value = Place> {
    (1u8..=3, 0usize..6, 0u16..=1000, 0u16..=1000)
        .prop_map(|(r, s, a, d)| place(r, Sector::ALL[s], a, d))
}

fn arb_order() -> impl Strategy<Value = Vec<Sector>> {
    Just(Sector::ALL.to_vec()).prop_shuffle()
}

proptest! {
    // 96 cases keep the debug-build run near ten seconds; the layout
    // property is also exercised by the fixed 100- and 500-person tests.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn snapping_a_drawn_place_gives_it_back(at in arb_place(), order in arb_order(), grow in 0i32..8) {
        let settings = Settings { sector_order: order, ..Settings::default() };
        let g = MapGeometry::new(&settings).scaled(1.2f64.powi(grow));
        prop_assert_eq!(g.snap(g.point_of(&at)), Some(at));
    }

    #[test]
    fn any_point_outside_the_centre_snaps_to_the_cell_it_is_drawn_in(x in -700.0f64..700.0, y in -700.0f64..700.0) {
        let g = MapGeometry::new(&Settings::default());
        let p = Point::new(x, y);
        match g.snap(p) {
            None => prop_assert!(p.radius() < g.centre_radius()),
            Some(at) => {
                let (a0, a1) = g.sector_angles(at.sector);
                prop_assert!(p.angle() >= a0 - 1e-9 && p.angle() <= a1 + 1e-9);
                let (r0, r1) = g.ring_band(at.ring);
                prop_assert!(p.radius() >= r0 - 1e-9);
                prop_assert!(p.radius() < r1 || at.ring == Ring::OUTER);
            }
        }
    }

    #[test]
    fn random_networks_up_to_a_hundred_never_overlap(
        places in prop::collection::vec(arb_place(), 0..100),
        hide in any::<bool>(),
        order in arb_order(),
    ) {
        let mut plan = plan_with(
            places.iter().enumerate().map(|(i, at)| person(10 + i as u32, &name(i as u32), *at)).collect(),
        );
        plan.apply(Edit::SetSettings(Settings { sector_order: order, ..Settings::default() })).expect("order");
        let l = layout_with(&plan, &LayoutOptions { hide_names: hide, focus: None, ..Default::default() });
        assert_readable(&plan, &l);
        for node in &l.nodes {
            prop_assert_eq!(l.hit(node.centre), Some(node.id));
        }
    }
}

#[test]
fn a_family_of_up_to_five_children_fits_the_standard_centre() {
    for n in 1..=5u32 {
        let mut plan = Plan::new();
        let names = ["Alva", "Elis", "Mohammed", "Åsa-Lena", "Kim"];
        for i in 0..n {
            plan.apply(Edit::add(child(i + 1, names[i as usize], 4)))
                .expect("child");
        }
        let people = (0..12)
            .map(|i| {
                let at = place((i % 3 + 1) as u8, Sector::ALL[(i % 6) as usize], 500, 500);
                person(100 + i, &name(i), at)
            })
            .collect::<Vec<_>>();
        for p in people {
            plan.apply(Edit::add(p)).expect("person");
        }
        let l = layout(&plan);
        assert_readable(&plan, &l);
        assert_eq!(l.geometry.scale(), 1.0, "{n} children grew the map");
    }
}
