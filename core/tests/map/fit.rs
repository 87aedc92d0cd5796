//! The map fitted to a screen (`map::fit`): names have a size in screen
//! pixels, and however large they are, no label covers another label, a
//! node, a ring's name, a sector's title or an arrowhead, and nothing sits
//! outside the drawing.

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::scene::{arrowhead, Scene};
use skyddsnat_core::map::{fit, LayoutOptions, Rect, Screen, LABEL_FONT};
use skyddsnat_core::*;

/// The sample family grown to `people` people with realistic names.
fn plan_with_people(people: usize) -> Plan {
    const FIRST: [&str; 12] = [
        "Ingrid", "Karin", "Lars", "Anders", "Sofia", "Johan", "Emma", "Oskar", "Leila", "Hassan",
        "Maja", "Nils",
    ];
    const LAST: [&str; 6] = ["Holm", "Lindqvist", "Berg", "Nyström", "Khalil", "Öberg"];
    let mut plan = sample_plan();
    let mut id = 100;
    let mut i = 0usize;
    while plan.people().len() < people {
        let sector = Sector::ALL[i % Sector::ALL.len()];
        let mut p = plan.people()[0].clone();
        p.id = PersonId(id);
        p.name = format!("{} {}", FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
        p.custodian_of = Vec::new();
        p.lives_with_child = false;
        p.kind = sector.usual_kind();
        p.agency = None;
        p.place = Place {
            ring: Ring::new(1 + (i % 3) as u8).expect("ring"),
            sector,
            along: Permille::new(((i * 137) % 1001) as u16).expect("permille"),
            depth: Permille::new(((i * 311) % 1001) as u16).expect("permille"),
        };
        plan.apply(Edit::add(p)).expect("person");
        id += 1;
        i += 1;
    }
    plan
}

/// 1280 × 720 with the side panel, and in presentation mode.
const NORMAL: Screen = Screen {
    width: 858.0,
    height: 606.0,
    presentation: false,
};
const PRESENTATION: Screen = Screen {
    width: 1280.0,
    height: 603.0,
    presentation: true,
};

/// The font size of a name on `screen`, in px.
fn label_px(scene: &Scene, screen: Screen) -> f64 {
    let f = scene.frame;
    let px_per_unit = (screen.width / f.w).min(screen.height / f.h);
    scene.nodes[0].label.size * px_per_unit
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.overlaps(b)
}

fn inside(a: &Rect, frame: &Rect) -> bool {
    a.x >= frame.x && a.y >= frame.y && a.right() <= frame.right() && a.bottom() <= frame.bottom()
}

fn assert_clear(plan: &Plan, screen: Screen) -> Scene {
    let (layout, scene) = fit(plan, Lang::Sv, &LayoutOptions::default(), screen);
    let moved = |r: Rect, n: &skyddsnat_core::map::scene::NodeMark| Rect {
        x: r.x + n.centre.x,
        y: r.y + n.centre.y,
        ..r
    };
    let labels: Vec<(String, Rect)> = scene
        .nodes
        .iter()
        .map(|n| (n.label.lines[0].0.clone(), moved(n.label.rect, n)))
        .collect::<Vec<_>>();
    let letters: Vec<Rect> = layout.nodes.iter().map(|n| layout.text_rect(n)).collect();
    let labels: Vec<(String, Rect)> = labels
        .into_iter()
        .chain(
            scene
                .ring_labels
                .iter()
                .map(|t| (t.lines[0].0.clone(), t.rect)),
        )
        .chain(
            scene
                .sector_titles
                .iter()
                .map(|t| (t.lines[0].0.clone(), t.rect)),
        )
        .collect();
    let arrows: Vec<(RelationId, Rect)> = plan
        .relations()
        .iter()
        .filter(|r| r.supports)
        .filter_map(|r| {
            let (a, b) = (layout.node(r.from)?, layout.node(r.to)?);
            let head = arrowhead(a.centre, a.radius, b.centre, b.radius, layout.mark_scale);
            let xs = head.map(|p| p.x);
            let ys = head.map(|p| p.y);
            let x = xs.iter().copied().fold(f64::MAX, f64::min);
            let y = ys.iter().copied().fold(f64::MAX, f64::min);
            Some((
                r.id,
                Rect {
                    x,
                    y,
                    w: xs.iter().copied().fold(f64::MIN, f64::max) - x,
                    h: ys.iter().copied().fold(f64::MIN, f64::max) - y,
                },
            ))
        })
        .collect();
    for (i, (text, rect)) in labels.iter().enumerate() {
        assert!(inside(rect, &scene.frame), "{text} outside the drawing");
        for (other, r) in &labels[i + 1..] {
            assert!(!overlap(rect, r), "{text} covers {other}");
        }
        for n in &layout.nodes {
            let own = scene.nodes.get(i).is_some_and(|m| m.id == n.id);
            assert!(
                own || !overlap(rect, &n.node_rect()),
                "{text} covers a node"
            );
        }
        // An arrowhead may touch a label's box, not its letters.
        let rect = letters.get(i).unwrap_or(rect);
        for (id, a) in &arrows {
            assert!(
                !overlap(rect, a),
                "{text} {rect:?} covers the arrowhead of {id:?} {a:?} on {screen:?}"
            );
        }
    }
    scene
}

#[test]
fn names_are_large_on_a_small_projector_and_cover_nothing() {
    // 25 people in presentation mode reach 18.5 px (a 22 px text box), not
    // yet the 20.5 px of fewer people: the innermost cells are full.
    for people in [16, 20, 25] {
        let plan = plan_with_people(people);
        let presentation = if people > 20 { 18.5 } else { 20.5 };
        for (screen, least) in [(NORMAL, 16.0), (PRESENTATION, presentation)] {
            let scene = assert_clear(&plan, screen);
            let px = label_px(&scene, screen);
            assert!(px >= least * 0.99, "{people} people: names {px:.1} px");
        }
    }
}

#[test]
fn a_larger_screen_scales_the_map_up_rather_than_spreading_it_out() {
    let plan = sample_plan();
    let small = fit(&plan, Lang::Sv, &LayoutOptions::default(), NORMAL).1;
    let large_screen = Screen {
        width: 1360.0,
        height: 966.0,
        presentation: false,
    };
    let large = fit(&plan, Lang::Sv, &LayoutOptions::default(), large_screen).1;
    assert!(label_px(&large, large_screen) > 1.4 * label_px(&small, NORMAL));
}

#[test]
fn crowded_maps_shorten_names_and_still_cover_nothing() {
    for people in [50, 100] {
        let plan = plan_with_people(people);
        for screen in [NORMAL, PRESENTATION] {
            let scene = assert_clear(&plan, screen);
            assert!(label_px(&scene, screen) > 0.0);
        }
    }
}

#[test]
fn paper_keeps_its_sizes() {
    let plan = sample_plan();
    let layout = map::layout(&plan);
    assert_eq!(layout.text_scale, 1.0);
    let scene = Scene::new(&plan, &layout, Lang::Sv, false);
    assert!(scene.nodes.iter().all(|n| n.label.size == LABEL_FONT));
}
