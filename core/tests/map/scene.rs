//! The map's one scene (`map::scene`): what both the screen and the paper
//! draw. Line styles that tell relations apart, shapes that tell people
//! apart, and the printed SVG writing exactly the scene's elements.

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::scene::{
    legend, relation_shape, Mark, NodeKind, Scene, Shape, Symbol, PRIVATE_FILL, PROFESSIONAL_FILL,
};
use skyddsnat_core::map::svg::{map_svg, SvgOptions};
use skyddsnat_core::map::{layout, Point};
use skyddsnat_core::{Lang, RelationKind};

fn written(m: &Mark) -> String {
    let mut s = format!("<{}", m.tag());
    for (name, value) in m.attrs() {
        s.push_str(&format!(" {name}=\"{value}\""));
    }
    s.push_str("/>");
    s
}

#[test]
fn the_printed_map_writes_every_element_of_the_scene() {
    let plan = sample_plan();
    let scene = Scene::new(&plan, &layout(&plan), Lang::Sv, false);
    let svg = map_svg(&plan, Lang::Sv, &SvgOptions::default());
    let marks = scene
        .rings
        .iter()
        .map(|r| &r.mark)
        .chain(&scene.sector_lines)
        .chain(scene.relations.iter().flat_map(|r| r.shape.marks()))
        .chain(
            scene
                .nodes
                .iter()
                .flat_map(|n| n.shapes.iter().chain([&n.label_box])),
        )
        .chain(
            scene
                .nodes
                .iter()
                .filter_map(|n| n.badge.as_ref().map(|b| &b.circle)),
        );
    let mut count = 0;
    for m in marks {
        assert!(
            svg.contains(&written(m)),
            "missing on paper: {}",
            written(m)
        );
        count += 1;
    }
    assert!(count > 40, "the sample draws many elements ({count})");
    for t in scene.sector_titles.iter().chain(&scene.ring_labels) {
        for (line, _) in &t.lines {
            assert!(svg.contains(&format!(">{line}</tspan>")), "{line} on paper");
        }
    }
    for n in &scene.nodes {
        assert!(svg.contains(&format!(
            "transform=\"{}\"",
            skyddsnat_core::map::scene::translate(n.centre)
        )));
    }
}

#[test]
fn lines_stop_short_of_the_nodes_and_arrows_point_at_the_one_supported() {
    let (a, b) = (Point::new(0.0, 0.0), Point::new(100.0, 0.0));
    let plain = relation_shape(RelationKind::Strong, false, a, 10.0, b, 10.0, 1.0);
    assert_eq!(plain.line.path_data(), Some("M12.0 0.0L88.0 0.0"));
    assert!(plain.arrow.is_none() && plain.cross.is_none());
    let support = relation_shape(RelationKind::Strong, true, a, 10.0, b, 10.0, 1.0);
    // The line makes room for the arrowhead, whose tip touches the gap before b.
    assert_eq!(support.line.path_data(), Some("M12.0 0.0L77.0 0.0"));
    let arrow = support.arrow.expect("an arrowhead");
    assert!(arrow
        .path_data()
        .is_some_and(|d| d.starts_with("M88.0 0.0")));
    assert_eq!(
        arrow.paint.fill, support.line.paint.stroke,
        "the head has the line's colour"
    );
}

#[test]
fn each_kind_of_relation_has_its_own_pattern_not_only_its_own_colour() {
    let (a, b) = (Point::new(0.0, 0.0), Point::new(0.0, 120.0));
    let shape = |k| relation_shape(k, false, a, 10.0, b, 10.0, 1.0);
    let strong = shape(RelationKind::Strong);
    let weak = shape(RelationKind::Weak);
    let stressful = shape(RelationKind::Stressful);
    let broken = shape(RelationKind::Broken);
    // Strong and weak: the same straight path, told apart by width and dashes.
    assert_eq!(strong.line.path_data(), weak.line.path_data());
    assert!(strong.line.paint.width > 2.0 * weak.line.paint.width);
    assert!(strong.line.paint.dash.is_none() && weak.line.paint.dash.is_some());
    // Stressful: a zigzag, many corners.
    assert!(stressful.line.path_data().unwrap().matches('L').count() >= 6);
    // Broken: two halves with a gap, and a cross in the gap.
    assert_eq!(broken.line.path_data().unwrap().matches('M').count(), 2);
    let cross = broken.cross.expect("a cross");
    assert_eq!(cross.path_data().unwrap().matches('M').count(), 2);
    // Even a short line between neighbours reads as a zigzag.
    let short = relation_shape(
        RelationKind::Stressful,
        false,
        a,
        10.0,
        Point::new(0.0, 40.0),
        10.0,
        1.0,
    );
    assert!(short.line.path_data().unwrap().matches('L').count() >= 5);
}

#[test]
fn touching_nodes_get_a_line_of_no_length_not_a_backwards_one() {
    let s = relation_shape(
        RelationKind::Strong,
        true,
        Point::new(0.0, 0.0),
        13.0,
        Point::new(20.0, 0.0),
        13.0,
        1.0,
    );
    let d = s.line.path_data().unwrap();
    let nums: Vec<f64> = d
        .split(['M', 'L', ' '])
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
        .collect();
    assert!(nums[2] >= nums[0], "the end is not before the start: {d}");
}

#[test]
fn people_differ_in_shape_and_colour_and_children_have_a_double_outline() {
    let plan = sample_plan();
    let scene = Scene::new(&plan, &layout(&plan), Lang::En, false);
    let of = |kind| {
        scene
            .nodes
            .iter()
            .find(|n| n.kind == kind)
            .expect("in the sample")
    };
    let private = of(NodeKind::Private);
    let professional = of(NodeKind::Professional);
    let child = of(NodeKind::Child);
    assert!(matches!(private.shapes[0].shape, Shape::Circle { .. }));
    assert!(matches!(professional.shapes[0].shape, Shape::Rect { .. }));
    assert_eq!(private.shapes[0].paint.fill, PRIVATE_FILL);
    assert_eq!(professional.shapes[0].paint.fill, PROFESSIONAL_FILL);
    assert_eq!(child.shapes.len(), 2);
}

#[test]
fn the_load_badge_counts_what_rests_on_a_person_and_the_legend_explains_it() {
    let plan = sample_plan();
    let scene = Scene::new(&plan, &layout(&plan), Lang::En, false);
    let loads = skyddsnat_core::analysis::figures::loads(&plan);
    for l in loads.iter().filter(|l| l.total() > 0) {
        let node = scene.node(l.person).expect("on the map");
        assert_eq!(node.badge.as_ref().map(|b| b.count), Some(l.total()));
        assert_eq!(
            node.badge.as_ref().unwrap().text.lines[0].0,
            l.total().to_string()
        );
    }
    assert!(scene.legend.iter().any(|(s, _)| *s == Symbol::Load));
    let empty = legend(Lang::En, false, false);
    assert!(!empty.iter().any(|(s, _)| *s == Symbol::Load));
    for kind in RelationKind::ALL {
        assert!(empty.iter().any(|(s, _)| *s == Symbol::Relation(kind)));
    }
}

#[test]
fn sector_titles_sit_outside_every_node_and_inside_the_frame() {
    let plan = sample_plan();
    let lay = layout(&plan);
    let scene = Scene::new(&plan, &lay, Lang::Sv, false);
    for t in &scene.sector_titles {
        for n in &lay.nodes {
            assert!(
                !t.rect.overlaps(&n.node_rect()),
                "{:?} over a node",
                t.lines
            );
            assert!(
                !t.rect.overlaps(&n.label_rect),
                "{:?} over a label",
                t.lines
            );
        }
        let f = scene.frame;
        assert!(t.rect.x >= f.x && t.rect.right() <= f.right());
        assert!(t.rect.y >= f.y && t.rect.bottom() <= f.bottom());
    }
}
