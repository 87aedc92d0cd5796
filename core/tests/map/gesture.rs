//! The map's pointer and keyboard rules (`map::gesture`), on the sample
//! family's laid-out map: what a click, a drag, a pan, a wheel turn and the
//! arrow keys do, without a browser.

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::gesture::{
    key, Camera, Gesture, KeyContext, KeyOutcome, Motion, Outcome, Pointer, Target, ViewBox,
    DRAG_THRESHOLD, LONG_PRESS_MS, MAX_ZOOM, MIN_ZOOM,
};
use skyddsnat_core::map::scene::Scene;
use skyddsnat_core::map::{layout, Layout, Point};
use skyddsnat_core::{Lang, PersonId, Plan, Ring};

struct Map {
    plan: Plan,
    layout: Layout,
    camera: Camera,
}

fn map() -> Map {
    let plan = sample_plan();
    let layout = layout(&plan);
    let camera = Camera::fit(Scene::new(&plan, &layout, Lang::Sv, false).frame);
    Map {
        plan,
        layout,
        camera,
    }
}

/// A pointer at map point `at`, drawn at one map unit per pixel (so pixel
/// and map offsets are the same numbers).
fn at(at: Point) -> Pointer {
    Pointer {
        id: 1,
        px: (at.x, at.y),
        at: Some(at),
        units_per_pixel: 1.0,
        time: 0.0,
    }
}

fn shifted(p: Point, dx: f64, dy: f64) -> Point {
    Point::new(p.x + dx, p.y + dy)
}

fn a_person(m: &Map) -> (PersonId, Point) {
    let n = m.layout.nodes.iter().find(|n| !n.child).unwrap();
    (n.id, n.centre)
}

fn press(m: &Map, target: Target, p: Point, readonly: bool) -> Gesture {
    Gesture::press(&m.layout, readonly, m.camera, target, false, &at(p))
}

#[test]
fn a_click_on_a_person_selects_them_even_with_a_shaky_hand() {
    let m = map();
    let (id, c) = a_person(&m);
    let mut g = press(&m, Target::Node(id), c, false);
    let shaky = shifted(c, DRAG_THRESHOLD - 1.0, 0.0);
    assert_eq!(g.motion(&at(shaky)), Motion::None);
    assert_eq!(
        g.release(&at(shaky), false, &m.plan, &m.layout),
        Outcome::Select(id)
    );
}

#[test]
fn dragging_a_person_to_another_ring_moves_them_there() {
    let m = map();
    let (id, c) = a_person(&m);
    let before = m.plan.person(id).unwrap().place;
    // Grabbed off-centre: the node keeps its offset from the pointer.
    let grab = shifted(c, 3.0, 2.0);
    let mut g = press(&m, Target::Node(id), grab, false);
    let (r0, r1) = m.layout.geometry.ring_band(if before.ring == Ring::ALL[2] {
        Ring::ALL[0]
    } else {
        Ring::ALL[2]
    });
    let target_centre = Point::polar((r0 + r1) / 2.0, c.angle());
    let drop = shifted(target_centre, 3.0, 2.0);
    match g.motion(&at(shifted(grab, 10.0, 0.0))) {
        Motion::DragStarted { id: moved, centre } => {
            assert_eq!(moved, id);
            assert!((centre.x - (c.x + 10.0)).abs() < 1e-9 && (centre.y - c.y).abs() < 1e-9);
        }
        other => panic!("expected the drag to start, got {other:?}"),
    }
    assert!(matches!(g.motion(&at(drop)), Motion::Drag { .. }));
    match g.release(&at(drop), false, &m.plan, &m.layout) {
        Outcome::Move { id: moved, place } => {
            assert_eq!(moved, id);
            assert_ne!(place.ring, before.ring);
            assert_eq!(place.sector, before.sector);
        }
        other => panic!("expected a move, got {other:?}"),
    }
}

#[test]
fn a_drop_in_the_centre_is_refused_and_a_cancelled_drag_changes_nothing() {
    let m = map();
    let (id, c) = a_person(&m);
    let mut g = press(&m, Target::Node(id), c, false);
    g.motion(&at(Point::new(0.0, 0.0)));
    assert_eq!(
        g.clone()
            .release(&at(Point::new(0.0, 0.0)), false, &m.plan, &m.layout),
        Outcome::DropInCentre
    );
    assert_eq!(
        g.release(&at(Point::new(0.0, 0.0)), true, &m.plan, &m.layout),
        Outcome::None
    );
}

#[test]
fn read_only_maps_and_children_cannot_be_dragged_only_selected() {
    let m = map();
    let (id, c) = a_person(&m);
    let far = shifted(c, 80.0, 0.0);
    let mut g = press(&m, Target::Node(id), c, true);
    assert_eq!(g.motion(&at(far)), Motion::None);
    assert_eq!(
        g.release(&at(far), false, &m.plan, &m.layout),
        Outcome::Select(id)
    );
    let child = m.layout.nodes.iter().find(|n| n.child).unwrap();
    let mut g = press(&m, Target::Node(child.id), child.centre, false);
    assert_eq!(
        g.motion(&at(shifted(child.centre, 80.0, 0.0))),
        Motion::None
    );
    assert_eq!(
        g.release(
            &at(shifted(child.centre, 80.0, 0.0)),
            false,
            &m.plan,
            &m.layout
        ),
        Outcome::Select(child.id)
    );
}

#[test]
fn shift_drag_or_the_handle_draws_a_relation_to_the_person_dropped_on() {
    let m = map();
    let (from, c) = a_person(&m);
    let other = m.layout.nodes.iter().find(|n| n.id != from).unwrap();
    for g in [
        Gesture::press(&m.layout, false, m.camera, Target::Node(from), true, &at(c)),
        press(&m, Target::Handle(from), c, false),
    ] {
        let mut g = g;
        assert_eq!(g.link_origin(), Some(c));
        assert_eq!(
            g.motion(&at(other.centre)),
            Motion::Link {
                from: c,
                to: other.centre
            }
        );
        assert_eq!(
            g.release(&at(other.centre), false, &m.plan, &m.layout),
            Outcome::Relate {
                from,
                to: Some(other.id)
            }
        );
    }
    // Dropped on empty map, or on the same person: the dialog asks for whom.
    let g = press(&m, Target::Handle(from), c, false);
    assert_eq!(
        g.release(&at(c), false, &m.plan, &m.layout),
        Outcome::Relate { from, to: None }
    );
    // A read-only map draws nothing.
    let g = Gesture::press(&m.layout, true, m.camera, Target::Node(from), true, &at(c));
    assert!(matches!(g, Gesture::Node { movable: false, .. }));
}

#[test]
fn dragging_the_background_pans_and_a_click_clears_the_selection() {
    let m = map();
    let start = Point::new(700.0, 700.0);
    let mut g = press(&m, Target::Background, start, false);
    let end = shifted(start, 30.0, -20.0);
    let panned = Camera {
        zoom: m.camera.zoom,
        centre: shifted(m.camera.centre, -30.0, 20.0),
    };
    assert_eq!(g.motion(&at(end)), Motion::Pan(panned));
    assert_eq!(
        g.clone().release(&at(end), false, &m.plan, &m.layout),
        Outcome::Camera(panned)
    );
    assert_eq!(
        g.release(&at(end), true, &m.plan, &m.layout),
        Outcome::RestoreView
    );
    let g = press(&m, Target::Background, start, false);
    assert_eq!(
        g.release(&at(start), false, &m.plan, &m.layout),
        Outcome::ClearSelection
    );
}

#[test]
fn a_click_on_a_line_opens_the_relation_unless_read_only() {
    let m = map();
    let r = &m.plan.relations()[0];
    let p = Point::new(1.0, 1.0);
    let g = press(&m, Target::Relation(r.from, r.to), p, false);
    assert_eq!(
        g.release(&at(p), false, &m.plan, &m.layout),
        Outcome::OpenRelation(r.from, r.to)
    );
    let g = press(&m, Target::Relation(r.from, r.to), p, true);
    assert_eq!(
        g.release(&at(p), false, &m.plan, &m.layout),
        Outcome::ClearSelection
    );
}

#[test]
fn a_second_finger_does_not_move_what_the_first_one_holds() {
    let m = map();
    let (id, c) = a_person(&m);
    let mut g = press(&m, Target::Node(id), c, false);
    let mut other = at(shifted(c, 100.0, 0.0));
    other.id = 2;
    assert_eq!(g.motion(&other), Motion::None);
}

#[test]
fn the_wheel_zooms_about_the_pointer_within_the_limits() {
    let m = map();
    let under = Point::new(200.0, -100.0);
    let zoomed = m.camera.wheel(under, -200.0);
    assert!(zoomed.zoom > m.camera.zoom);
    // The point under the pointer stays under it: its offset from the
    // centre shrinks by exactly the zoom factor.
    let k = m.camera.zoom / zoomed.zoom;
    assert!((zoomed.centre.x - (under.x + (m.camera.centre.x - under.x) * k)).abs() < 1e-9);
    let mut c = m.camera;
    for _ in 0..100 {
        c = c.wheel(under, -500.0);
    }
    assert_eq!(c.zoom, MAX_ZOOM);
    for _ in 0..100 {
        c = c.zoomed(0.5);
    }
    assert_eq!(c.zoom, MIN_ZOOM);
}

#[test]
fn screen_points_map_back_through_a_letterboxed_view() {
    let vb = ViewBox {
        x: -100.0,
        y: -50.0,
        w: 200.0,
        h: 100.0,
    };
    // A 400×400 box: 2 px per unit, 100 px of letterbox above and below.
    let centre = vb.to_map(200.0, 200.0, 400.0, 400.0);
    assert!(centre.x.abs() < 1e-9 && centre.y.abs() < 1e-9);
    let corner = vb.to_map(0.0, 100.0, 400.0, 400.0);
    assert!((corner.x + 100.0).abs() < 1e-9 && (corner.y + 50.0).abs() < 1e-9);
    assert!((vb.units_per_pixel(400.0, 400.0) - 0.5).abs() < 1e-12);
}

fn keys<'a>(m: &'a Map, selected: Option<PersonId>) -> KeyContext<'a> {
    KeyContext {
        plan: &m.plan,
        layout: &m.layout,
        frame: Scene::new(&m.plan, &m.layout, Lang::Sv, false).frame,
        camera: m.camera,
        readonly: false,
        selected,
        any_selection: selected.is_some(),
    }
}

#[test]
fn arrows_walk_from_person_to_person_until_one_is_selected_then_move_it() {
    let m = map();
    let nodes = &m.layout.nodes;
    let first = nodes[0].id;
    let last = nodes[nodes.len() - 1].id;
    let cx = keys(&m, None);
    assert_eq!(
        key(&cx, first, "ArrowRight"),
        KeyOutcome::Focus(nodes[1].id)
    );
    assert_eq!(
        key(&cx, first, "ArrowLeft"),
        KeyOutcome::Focus(last),
        "wraps around"
    );
    assert_eq!(key(&cx, first, "Enter"), KeyOutcome::Select(first));

    let (id, _) = a_person(&m);
    let place = m.plan.person(id).unwrap().place;
    let cx = keys(&m, Some(id));
    assert_eq!(key(&cx, id, "Enter"), KeyOutcome::ClearSelection);
    assert_eq!(key(&cx, id, "Escape"), KeyOutcome::ClearSelection);
    let clockwise = key(&cx, id, "ArrowRight");
    match clockwise {
        KeyOutcome::Move {
            id: moved,
            place: to,
        } => {
            assert_eq!(moved, id);
            assert_ne!(to.sector, place.sector);
            assert_eq!(to.ring, place.ring);
        }
        other => panic!("expected a move, got {other:?}"),
    }
    // Up goes inwards until ring 1, where it cannot go further.
    let inner = m
        .plan
        .people()
        .iter()
        .find(|p| p.place.ring == Ring::ALL[0])
        .unwrap();
    let cx = keys(&m, Some(inner.id));
    assert_eq!(key(&cx, inner.id, "ArrowUp"), KeyOutcome::CannotMove);
    // Read-only: arrows only walk.
    let cx = KeyContext {
        readonly: true,
        ..keys(&m, Some(inner.id))
    };
    assert!(matches!(
        key(&cx, inner.id, "ArrowDown"),
        KeyOutcome::Focus(_)
    ));
}

#[test]
fn plus_minus_and_zero_zoom_and_other_keys_are_left_to_the_browser() {
    let m = map();
    let (id, _) = a_person(&m);
    let cx = keys(&m, None);
    match key(&cx, id, "+") {
        KeyOutcome::Camera(c) => assert!(c.zoom > m.camera.zoom),
        other => panic!("{other:?}"),
    }
    match key(&cx, id, "-") {
        KeyOutcome::Camera(c) => assert!(c.zoom < m.camera.zoom),
        other => panic!("{other:?}"),
    }
    assert_eq!(key(&cx, id, "0"), KeyOutcome::Camera(Camera::fit(cx.frame)));
    assert_eq!(
        key(&cx, id, "Escape"),
        KeyOutcome::Ignored,
        "nothing to clear"
    );
    assert_eq!(key(&cx, id, "Tab"), KeyOutcome::Ignored);
    assert_eq!(key(&cx, id, "a"), KeyOutcome::Ignored);
}

/// A pointer `id` at pixel `px` of a screen whose middle shows the
/// camera's centre at one map unit per pixel, at `time` ms.
fn finger(m: &Map, id: i32, px: (f64, f64), time: f64) -> Pointer {
    let c = m.camera.centre;
    Pointer {
        id,
        px,
        at: Some(Point::new(c.x + px.0, c.y + px.1)),
        units_per_pixel: 1.0,
        time,
    }
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn two_fingers_pinch_zoom_by_their_spread_and_pan_with_their_midpoint() {
    let m = map();
    let c = m.camera.centre;
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Background,
        false,
        &finger(&m, 1, (-50.0, 20.0), 0.0),
    );
    assert!(g.second_press(m.camera, &finger(&m, 2, (50.0, 20.0), 10.0)));
    assert!(g.owns(1) && g.owns(2) && !g.owns(3));
    // Spread to twice the distance about the same midpoint: twice the zoom,
    // and the map point between the fingers stays between them.
    g.motion(&finger(&m, 1, (-100.0, 20.0), 20.0));
    let Motion::Pan(cam) = g.motion(&finger(&m, 2, (100.0, 20.0), 20.0)) else {
        panic!("a pinch moves the camera");
    };
    assert!(near(cam.zoom, 2.0), "zoom {}", cam.zoom);
    let anchor = Point::new(c.x, c.y + 20.0);
    let under_mid = Point::new(cam.centre.x + 0.0 * 0.5, cam.centre.y + 20.0 * 0.5);
    assert!(near(under_mid.x, anchor.x) && near(under_mid.y, anchor.y));
    // Both fingers 30 px to the right: the map follows them.
    g.motion(&finger(&m, 1, (-70.0, 20.0), 30.0));
    let Motion::Pan(moved) = g.motion(&finger(&m, 2, (130.0, 20.0), 30.0)) else {
        panic!("a pinch moves the camera");
    };
    assert!(near(moved.centre.x, cam.centre.x - 30.0 * 0.5));
    // A third finger's release ends nothing; one of the two ends the pinch.
    assert!(!g.owns(7));
    match g.release(
        &finger(&m, 2, (130.0, 20.0), 40.0),
        false,
        &m.plan,
        &m.layout,
    ) {
        Outcome::Camera(end) => assert_eq!(end, moved),
        other => panic!("expected the pinch's camera, got {other:?}"),
    }
    // Zoom stays within its limits however far the fingers spread.
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Background,
        false,
        &finger(&m, 1, (-1.0, 0.0), 0.0),
    );
    g.second_press(m.camera, &finger(&m, 2, (1.0, 0.0), 0.0));
    let Motion::Pan(far) = g.motion(&finger(&m, 2, (5000.0, 0.0), 1.0)) else {
        panic!("a pinch moves the camera");
    };
    assert_eq!(far.zoom, MAX_ZOOM);
}

#[test]
fn a_second_finger_turns_a_press_on_a_person_into_a_pinch_but_not_a_relation_line() {
    let m = map();
    let (id, c) = a_person(&m);
    let on_node = |pid: i32, px: (f64, f64)| Pointer {
        id: pid,
        px,
        at: Some(Point::new(c.x + px.0, c.y + px.1)),
        units_per_pixel: 1.0,
        time: 0.0,
    };
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Node(id),
        false,
        &on_node(1, (0.0, 0.0)),
    );
    assert!(matches!(
        g.motion(&on_node(1, (10.0, 0.0))),
        Motion::DragStarted { .. }
    ));
    assert!(g.second_press(m.camera, &on_node(2, (80.0, 0.0))));
    assert!(matches!(g, Gesture::Pinch(_)));
    // The same finger again is no second finger.
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Node(id),
        false,
        &on_node(1, (0.0, 0.0)),
    );
    assert!(!g.second_press(m.camera, &on_node(1, (0.0, 0.0))));
    let mut link = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Handle(id),
        false,
        &on_node(1, (0.0, 0.0)),
    );
    assert!(!link.second_press(m.camera, &on_node(2, (80.0, 0.0))));
    assert!(link.link_origin().is_some());
    assert!(
        !link.owns(2),
        "the second finger's release does not end the line"
    );
}

#[test]
fn a_long_press_on_a_person_opens_them_and_nothing_else_happens_until_the_finger_lifts() {
    let m = map();
    let (id, c) = a_person(&m);
    let p = |time: f64, dx: f64| Pointer {
        time,
        ..at(shifted(c, dx, 0.0))
    };
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Node(id),
        false,
        &p(1000.0, 0.0),
    );
    assert_eq!(
        g.hold(1000.0 + LONG_PRESS_MS - 1.0),
        Outcome::None,
        "too soon"
    );
    assert_eq!(g.hold(1000.0 + LONG_PRESS_MS), Outcome::Open(id));
    assert_eq!(g.motion(&p(1600.0, 40.0)), Motion::None, "no drag after it");
    assert!(g.owns(1));
    assert_eq!(
        g.release(&p(1700.0, 40.0), false, &m.plan, &m.layout),
        Outcome::None
    );
    // A press that became a drag is not a long press; nor is a pan.
    let mut g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Node(id),
        false,
        &p(0.0, 0.0),
    );
    g.motion(&p(100.0, 20.0));
    assert_eq!(g.hold(LONG_PRESS_MS * 2.0), Outcome::None);
    let mut pan = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Background,
        false,
        &p(0.0, 0.0),
    );
    assert_eq!(pan.hold(LONG_PRESS_MS * 2.0), Outcome::None);
    // A quick tap stays a click.
    let g = Gesture::press(
        &m.layout,
        false,
        m.camera,
        Target::Node(id),
        false,
        &p(0.0, 0.0),
    );
    assert_eq!(
        g.release(&p(120.0, 0.0), false, &m.plan, &m.layout),
        Outcome::Select(id)
    );
}
