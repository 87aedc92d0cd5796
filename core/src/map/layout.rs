//! Automatic layout: a node and a label box for every child and person, with
//! no two boxes overlapping.
//!
//! Each person wants to sit at `point_of(place)`. People are placed one by one
//! (children first, then an optional focus — the node being dragged — then
//! everybody in plan order, so adding a person never moves the earlier ones):
//! the wanted spot if it is free, otherwise the nearest free spot found by
//! searching outwards, first in a small spiral, then row by row through the
//! whole cell (nudged along the arc and across the band). A node never leaves
//! its own ring and sector, because where a person sits is what the map means.
//!
//! When a cell cannot hold its people, the whole map grows (radii times 1.2,
//! repeatedly) rather than let anything overlap: nodes and labels keep their
//! size, so a crowded map gets bigger and the viewer zooms out. The layout
//! carries the grown [`MapGeometry`]; snapping a point on a drawn map must use
//! it. The growth is estimated from the area people need before the first
//! attempt, so crowded maps rarely need a second one.

use super::label::{
    child_display_name, display_name_of, label_width, short_label, truncate_label, LABEL_HEIGHT,
    LABEL_MAX_CHARS,
};
use super::{clamp, MapGeometry, Point, Rect};
use crate::document::ids::PersonId;
use crate::document::plan::{Plan, Ring, Sector};
use std::f64::consts::{PI, TAU};
use std::sync::OnceLock;

/// Radius of a person's node, in map units (it never grows with the map).
pub const NODE_RADIUS: f64 = 13.0;
/// Radius of a child's node in the centre.
pub const CHILD_RADIUS: f64 = 17.0;
/// Height of a label box on the screen at text scale 1, in map units.
const SCREEN_LABEL_HEIGHT: f64 = 17.5;
/// Space between a node and its label below it.
const LABEL_GAP: f64 = 2.0;
/// The least free space between any two boxes.
const CLEARANCE: f64 = 4.0;
/// How much the map grows at each step when people do not fit.
const GROWTH: f64 = 1.2;
/// The share of a cell's area that boxes can fill in practice (labels are
/// wide and cells are curved): used to guess how much a crowded map must grow.
/// Measured: 0.35 wastes room (maps 40–70 % larger than needed); 1.0 and up
/// make crowded layouts retry many times (500 people in one cell: 2.5 s);
/// 0.5 lays out 500 people spread over the map in under 1 ms at about 1.4
/// times the least scale that would fit (see `cargo xtask bench core`).
const PACKING: f64 = 0.5;
/// Distance between candidate spots when searching a whole cell.
const SCAN_STEP: f64 = 5.0;
/// Growth steps tried before giving up on separation (1.2^60 ≈ 56 000 times
/// the standard map: never reached by plans a person can type).
const MAX_GROWTH_STEPS: i32 = 60;

/// Shorter labels tried, in turn, before a crowded screen map grows (see
/// [`LayoutOptions::shorten`]).
/// The last, 0, is first names alone where no one else on the map has
/// the same one ("Ingrid…"; two Karins stay "Karin Li…" and "Karin Be…").
const SHORTER_LABELS: [usize; 3] = [12, 9, 0];

/// What to lay out, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Labels show roles or initials instead of names (see [`super::display_name`]).
    pub hide_names: bool,
    /// Placed before everybody else, so it sits exactly where it is wanted
    /// (the node under the pointer while dragging).
    pub focus: Option<PersonId>,
    /// How large names are relative to the rings: label boxes are
    /// `text_scale` times their size on paper (1), nodes its 0.35th power
    /// it. The screen sets it so that names have a size in screen pixels
    /// (see [`super::fit`]); the map's rings keep their size in map units.
    pub text_scale: f64,
    /// A crowded map first shortens its labels ([`super::short_label`], to
    /// 12 and then 9 characters) and grows only if that is not enough. The
    /// screen does this, since growing would shrink its type; paper keeps
    /// whole labels and grows.
    pub shorten: bool,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            hide_names: false,
            focus: None,
            text_scale: 1.0,
            shorten: false,
        }
    }
}

/// One drawn child or person.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: PersonId,
    /// A child in the centre rather than a person in a ring.
    pub child: bool,
    pub centre: Point,
    pub radius: f64,
    /// The label text, already truncated.
    pub label: String,
    /// The label's box, centred below the node.
    pub label_rect: Rect,
}

impl Node {
    /// The square around the node.
    pub fn node_rect(&self) -> Rect {
        node_rect(self.centre, self.radius)
    }
}

/// The laid-out map.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The map's rings and sectors at the scale this layout needed.
    pub geometry: MapGeometry,
    /// Children first, then people in plan order.
    pub nodes: Vec<Node>,
    /// Distance from the centre that holds every ring, node and label: a
    /// drawing shows at least the square from `-extent` to `extent`.
    pub extent: f64,
    /// [`LayoutOptions::text_scale`]: label boxes (and the scene's type) at
    /// this many times their size on paper.
    pub text_scale: f64,
    /// The size of nodes, arrowheads and badges relative to paper
    /// (`text_scale` to the power 0.35).
    pub mark_scale: f64,
    /// On the screen, the ring names have their place kept free of people
    /// before anyone is placed: the sector line they are written along.
    /// (On paper the scene picks the line with the most room afterwards.)
    pub ring_name_angle: Option<f64>,
}

/// The longest ring name with its number ("3 Längre bort", "3 Further out"),
/// the width kept free for each ring's name on the screen.
pub const RING_NAME_CHARS: usize = 13;

/// The box of a ring's name written along the line at `angle`, at font
/// size `size`: from just right of the line, in the middle of the band.
pub fn ring_name_rect(
    geometry: &MapGeometry,
    ring: Ring,
    angle: f64,
    size: f64,
    chars: usize,
) -> Rect {
    let (r0, r1) = geometry.ring_band(ring);
    let p = Point::polar((r0 + r1) / 2.0, angle);
    Rect {
        x: p.x + 4.0,
        y: p.y - size * 0.6,
        w: chars as f64 * size * 0.56,
        h: size * 1.2,
    }
}

/// The font size of the ring names on a map of this geometry.
pub fn ring_name_size(geometry: &MapGeometry, text_scale: f64) -> f64 {
    super::label::LABEL_FONT * (geometry.outer_radius() / 520.0).max(1.0).max(text_scale)
}

impl Layout {
    pub fn node(&self, id: PersonId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The box the letters of `node`'s label fill: its label box less the
    /// padding around the text (an arrowhead may touch the box, not the
    /// letters).
    pub fn text_rect(&self, node: &Node) -> Rect {
        text_rect(node.label_rect, self.text_scale)
    }

    /// The node under `p`: the nearest node whose disc holds the point, else
    /// the node whose label holds it (labels are click targets too).
    pub fn hit(&self, p: Point) -> Option<PersonId> {
        let on_node = self
            .nodes
            .iter()
            .map(|n| (n.centre.distance(p), n))
            .filter(|(d, n)| *d <= n.radius)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n.id);
        on_node.or_else(|| {
            self.nodes
                .iter()
                .find(|n| n.label_rect.contains(p))
                .map(|n| n.id)
        })
    }
}

/// The layout of a plan's map with names shown and no focus.
pub fn layout(plan: &Plan) -> Layout {
    layout_with(plan, &LayoutOptions::default())
}

/// The layout of a plan's map.
pub fn layout_with(plan: &Plan, options: &LayoutOptions) -> Layout {
    let text_scale = if options.text_scale.is_finite() {
        options.text_scale.clamp(0.25, 16.0)
    } else {
        1.0
    };
    let sizes = Sizes::new(text_scale, options.shorten);
    let base = MapGeometry::new(plan.settings());
    let mut items = items(plan, options, &sizes, LABEL_MAX_CHARS);
    let ring_names = options
        .shorten
        .then(|| ring_name_angle(&base, &items, &sizes));
    let mut steps = growth_steps_needed(&base, &items, &sizes);
    if options.shorten {
        // Whole labels if they fit the map as it is, else shorter ones; a
        // map that would have to grow a lot does not try the map as it is.
        for (i, &max) in SHORTER_LABELS.iter().enumerate() {
            if steps <= 3 {
                if let Some(nodes) = place_all(&base, &items, &sizes, ring_names) {
                    return finish(plan, base, nodes, &sizes, ring_names);
                }
            }
            items = self::items(plan, options, &sizes, max);
            steps = growth_steps_needed(&base, &items, &sizes);
            if i + 1 == SHORTER_LABELS.len() && steps <= 3 {
                if let Some(nodes) = place_all(&base, &items, &sizes, ring_names) {
                    return finish(plan, base, nodes, &sizes, ring_names);
                }
                steps = steps.max(1);
            }
        }
    }
    loop {
        let geometry = base.scaled(GROWTH.powi(steps));
        let placed = place_all(&geometry, &items, &sizes, ring_names);
        match placed {
            Some(nodes) => return finish(plan, geometry, nodes, &sizes, ring_names),
            None if steps < MAX_GROWTH_STEPS => steps += 1,
            // Unreachable for any plan that fits in memory; draw rather than loop.
            None => {
                let nodes = items
                    .iter()
                    .map(|item| item.node_at(item.wanted(&geometry), &sizes))
                    .collect();
                return finish(plan, geometry, nodes, &sizes, ring_names);
            }
        }
    }
}

/// Sizes of nodes and labels at one text scale.
struct Sizes {
    text: f64,
    mark: f64,
    label_height: f64,
    gap: f64,
    clearance: f64,
    /// Where a label may sit, in the order tried.
    sides: &'static [Side],
    /// Labels stay inside the outer ring (the screen: a label hanging out
    /// would make the whole drawing, and so its type, smaller).
    inside: bool,
}

impl Sizes {
    fn new(text: f64, screen: bool) -> Sizes {
        // text^0.35, through exp and ln (powf costs kilobytes of wasm).
        let mark = (0.35 * text.ln()).exp();
        Sizes {
            text,
            mark,
            // The screen's boxes hug the letters (1.17 em: the text box
            // of the widget's fonts); paper keeps its roomier 19 units.
            label_height: if screen {
                SCREEN_LABEL_HEIGHT
            } else {
                LABEL_HEIGHT
            } * text,
            gap: LABEL_GAP * mark,
            clearance: if screen { 3.0 } else { CLEARANCE } * mark,
            sides: if screen { &Side::ALL } else { &Side::ALL[..1] },
            inside: screen,
        }
    }
}

/// Where a label sits next to its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Below,
    Above,
    Right,
    Left,
}

impl Side {
    /// Below first (how the map reads); the screen's large labels may take
    /// the other sides where a narrow cell has no room below.
    const ALL: [Side; 4] = [Side::Below, Side::Above, Side::Right, Side::Left];
}

/// The sector line for the ring names on the screen: of the lines where the
/// names stay inside the outer ring, the one with the fewest people wanting
/// a spot near them (ties go to the top line, where readers look first).
fn ring_name_angle(base: &MapGeometry, items: &[Item], sizes: &Sizes) -> f64 {
    let size = ring_name_size(base, sizes.text);
    let mut best: Option<(usize, f64)> = None;
    for s in base.sectors() {
        let angle = base.sector_angles(*s).0;
        let boxes = Ring::ALL.map(|r| ring_name_rect(base, r, angle, size, RING_NAME_CHARS));
        if !boxes.iter().all(|b| within(b, base.outer_radius())) {
            continue;
        }
        let near = items
            .iter()
            .filter(|item| {
                let p = item.wanted(base);
                boxes
                    .iter()
                    .any(|b| inflate(*b, item.radius + sizes.label_height).contains(p))
            })
            .count();
        if best.is_none_or(|(n, _)| near < n) {
            best = Some((near, angle));
        }
    }
    best.map_or(0.0, |(_, a)| a)
}

fn finish(
    plan: &Plan,
    geometry: MapGeometry,
    mut nodes: Vec<Node>,
    sizes: &Sizes,
    ring_name_angle: Option<f64>,
) -> Layout {
    clear_arrowheads(plan, &geometry, &mut nodes, sizes, ring_name_angle);
    let mut extent = geometry.outer_radius();
    for node in &nodes {
        for r in [node.node_rect(), node.label_rect] {
            for (x, y) in [
                (r.x, r.y),
                (r.right(), r.y),
                (r.x, r.bottom()),
                (r.right(), r.bottom()),
            ] {
                extent = extent.max(x.abs()).max(y.abs());
            }
        }
    }
    Layout {
        geometry,
        nodes,
        extent,
        text_scale: sizes.text,
        mark_scale: sizes.mark,
        ring_name_angle,
    }
}

/// Moves a label that an arrowhead would cover (the arrow of a supporting
/// relation ends at its node's edge, so one coming from below lands on the
/// node's own label) above its node, or beside it, wherever it is clear of
/// every node, label and arrowhead; a label with no such place stays below.
fn clear_arrowheads(
    plan: &Plan,
    geometry: &MapGeometry,
    nodes: &mut [Node],
    sizes: &Sizes,
    ring_names: Option<f64>,
) {
    let index: std::collections::HashMap<PersonId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let arrows: Vec<Rect> = plan
        .relations()
        .iter()
        .filter(|r| r.supports)
        .filter_map(|r| {
            let (a, b) = (&nodes[*index.get(&r.from)?], &nodes[*index.get(&r.to)?]);
            let head = super::scene::arrowhead(a.centre, a.radius, b.centre, b.radius, sizes.mark);
            Some(bounds(&head))
        })
        .collect();
    move_labels_off(geometry, nodes, sizes, ring_names, &arrows);
}

/// [`clear_arrowheads`] for arrowheads with these boxes.
fn move_labels_off(
    geometry: &MapGeometry,
    nodes: &mut [Node],
    sizes: &Sizes,
    ring_names: Option<f64>,
    arrows: &[Rect],
) {
    if arrows.is_empty() {
        return;
    }
    let reserved = reserved_boxes(geometry, sizes, ring_names);
    for i in 0..nodes.len() {
        if !arrows
            .iter()
            .any(|a| a.overlaps(&text_rect(nodes[i].label_rect, sizes.text)))
        {
            continue;
        }
        let n = &nodes[i];
        let (w, h) = (n.label_rect.w, n.label_rect.h);
        let (x, y, r, gap) = (n.centre.x, n.centre.y, n.radius, sizes.gap);
        // Nudged a little first, then above, right, left, then each side
        // again shifted along it.
        let now = n.label_rect;
        let nudged = [
            (0.0, -0.3 * h),
            (0.0, 0.3 * h),
            (-0.2 * w, 0.0),
            (0.2 * w, 0.0),
        ]
        .map(|(dx, dy)| Rect {
            x: now.x + dx,
            y: now.y + dy,
            ..now
        });
        let at = |dx: f64, dy: f64| Rect {
            x: x + dx,
            y: y + dy,
            w,
            h,
        };
        let (below, above) = (r + gap, -r - gap - h);
        let (right, left) = (r + gap, -r - gap - w);
        let mut candidates = nudged.to_vec();
        candidates.extend([at(-w / 2.0, above), at(right, -h / 2.0), at(left, -h / 2.0)]);
        for shift in [-0.4, 0.4] {
            let (sx, sy) = (shift * w, shift * 1.2 * h);
            candidates.extend([
                at(-w / 2.0 + sx, below),
                at(-w / 2.0 + sx, above),
                at(right, -h / 2.0 + sy),
                at(left, -h / 2.0 + sy),
            ]);
        }
        // With half the usual clearance first, then touching.
        let free = |rect: &Rect, c: f64| {
            let grown = inflate(*rect, c);
            (n.child || !rect.meets_circle(Point::default(), geometry.centre_radius()))
                && (!sizes.inside || within(rect, geometry.outer_radius()))
                && !arrows.iter().chain(&reserved).any(|a| a.overlaps(&grown))
                && nodes.iter().enumerate().all(|(j, o)| {
                    !o.node_rect().overlaps(&grown) && (j == i || !o.label_rect.overlaps(&grown))
                })
        };
        let found = [sizes.clearance / 2.0, 0.0]
            .into_iter()
            .find_map(|c| candidates.iter().find(|r| free(r, c)).copied());
        if let Some(rect) = found {
            nodes[i].label_rect = rect;
        }
    }
}

/// A label box less the padding around its letters, at `text_scale`.
fn text_rect(r: Rect, text_scale: f64) -> Rect {
    inflate_xy(r, -3.0 * text_scale, -1.5 * text_scale)
}

fn inflate_xy(r: Rect, x: f64, y: f64) -> Rect {
    Rect {
        x: r.x - x,
        y: r.y - y,
        w: r.w + 2.0 * x,
        h: r.h + 2.0 * y,
    }
}

/// Whether every corner of `r` is within `radius` of the centre.
fn within(r: &Rect, radius: f64) -> bool {
    let far_x = r.x.abs().max(r.right().abs());
    let far_y = r.y.abs().max(r.bottom().abs());
    far_x.hypot(far_y) <= radius
}

/// The smallest rectangle around `points`.
fn bounds(points: &[Point]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// Where an item may put its node.
#[derive(Clone, Copy, Debug)]
enum Region {
    /// The children's disc.
    Centre,
    /// A ring-and-sector cell.
    Cell(Ring, Sector),
}

/// One node to place, with what it needs.
struct Item {
    id: PersonId,
    child: bool,
    region: Region,
    /// Where the node wants to be on a map of scale 1: a person's place, or
    /// a child's spot around the middle of the disc.
    wanted_at_scale_1: Point,
    radius: f64,
    label: String,
    label_width: f64,
    /// The sides ([`Side::ALL`] order) an arrowhead comes in from: a
    /// supporting relation's other end lies that way (as wanted).
    arrows_from: [bool; 4],
    /// The other ends of supporting relations that end here (with an
    /// arrowhead at this node).
    arrows_in: Vec<PersonId>,
}

impl Item {
    fn wanted(&self, geometry: &MapGeometry) -> Point {
        let s = geometry.scale();
        Point::new(self.wanted_at_scale_1.x * s, self.wanted_at_scale_1.y * s)
    }

    fn label_rect(&self, centre: Point, sizes: &Sizes) -> Rect {
        self.label_rect_at(centre, sizes, Side::Below)
    }

    fn label_rect_at(&self, centre: Point, sizes: &Sizes, side: Side) -> Rect {
        let (w, h, r, gap) = (self.label_width, sizes.label_height, self.radius, sizes.gap);
        let (x, y) = match side {
            Side::Below => (centre.x - w / 2.0, centre.y + r + gap),
            Side::Above => (centre.x - w / 2.0, centre.y - r - gap - h),
            Side::Right => (centre.x + r + gap, centre.y - h / 2.0),
            Side::Left => (centre.x - r - gap - w, centre.y - h / 2.0),
        };
        Rect { x, y, w, h }
    }

    fn node_at(&self, centre: Point, sizes: &Sizes) -> Node {
        Node {
            id: self.id,
            child: self.child,
            centre,
            radius: self.radius,
            label: self.label.clone(),
            label_rect: self.label_rect(centre, sizes),
        }
    }

    /// Area the node and its label take, with clearance.
    fn footprint(&self, sizes: &Sizes) -> f64 {
        (self.label_width.max(2.0 * self.radius) + sizes.clearance)
            * (2.0 * self.radius + sizes.gap + sizes.label_height + sizes.clearance)
    }

    /// Whether the node may sit at `p` in this region of `geometry`.
    fn region_allows(&self, geometry: &MapGeometry, p: Point) -> bool {
        let r = p.radius();
        match self.region {
            Region::Centre => r <= geometry.centre_radius() - self.radius,
            Region::Cell(ring, sector) => {
                let (r0, r1) = geometry.ring_band(ring);
                if r < r0 + self.radius || r > r1 - self.radius {
                    return false;
                }
                let (a0, a1) = geometry.sector_angles(sector);
                let margin = (self.radius / r).min(1.0).asin();
                let a = p.angle();
                a >= a0 + margin && a <= a1 - margin
            }
        }
    }
}

fn items(plan: &Plan, options: &LayoutOptions, sizes: &Sizes, max_chars: usize) -> Vec<Item> {
    let first = |text: &str| {
        text.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let mut firsts = std::collections::HashMap::<String, usize>::new();
    if max_chars == 0 {
        for p in plan.people() {
            *firsts
                .entry(first(&display_name_of(plan, p.id, options.hide_names)))
                .or_default() += 1;
        }
    }
    let label = |text: &str| {
        if max_chars >= LABEL_MAX_CHARS {
            truncate_label(text)
        } else if max_chars > 0 {
            short_label(text, max_chars)
        } else if firsts.get(&first(text)) == Some(&1) && first(text) != text.trim() {
            short_label(&format!("{}…", first(text)), 9)
        } else {
            short_label(text, 9)
        }
    };
    let geometry = MapGeometry::new(plan.settings());
    let children = plan.children();
    let n = children.len();
    // Children around a small circle in the disc, lifted by half a label so
    // that node and label together sit in the middle.
    let lift = (sizes.gap + sizes.label_height) / 2.0;
    let circle = if n > 1 {
        0.45 * geometry.centre_radius()
    } else {
        0.0
    };
    let mut items: Vec<Item> = children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let at = Point::polar(circle, i as f64 * TAU / n as f64 - PI / 2.0);
            let label = label(&child_display_name(child, options.hide_names));
            Item {
                id: child.id,
                child: true,
                region: Region::Centre,
                wanted_at_scale_1: Point::new(at.x, at.y - lift),
                radius: CHILD_RADIUS * sizes.mark,
                label_width: label_width(&label) * sizes.text,
                label,
                arrows_from: [false; 4],
                arrows_in: Vec::new(),
            }
        })
        .collect();
    let mut people: Vec<&crate::document::plan::Person> = plan.people().iter().collect();
    if let Some(focus) = options.focus {
        // A stable sort keeps everybody else in plan order.
        crate::sort::by_key(&mut people, |p| p.id != focus);
    }
    items.extend(people.into_iter().map(|person| {
        let label = label(&display_name_of(plan, person.id, options.hide_names));
        Item {
            id: person.id,
            child: false,
            region: Region::Cell(person.place.ring, person.place.sector),
            wanted_at_scale_1: geometry.point_of(&person.place),
            radius: NODE_RADIUS * sizes.mark,
            label_width: label_width(&label) * sizes.text,
            label,
            arrows_from: [false; 4],
            arrows_in: Vec::new(),
        }
    }));
    // Which way each item's incoming arrows come from, by where the other
    // ends want to be (they are not placed yet; near enough).
    let wanted: std::collections::HashMap<PersonId, Point> =
        items.iter().map(|i| (i.id, i.wanted_at_scale_1)).collect();
    for item in &mut items {
        for r in plan
            .relations()
            .iter()
            .filter(|r| r.supports && r.to == item.id)
        {
            let Some(from) = wanted.get(&r.from) else {
                continue;
            };
            item.arrows_in.push(r.from);
            let (dx, dy) = (
                from.x - item.wanted_at_scale_1.x,
                from.y - item.wanted_at_scale_1.y,
            );
            let side = if dy.abs() >= dx.abs() {
                if dy > 0.0 {
                    0
                } else {
                    1
                }
            } else if dx > 0.0 {
                2
            } else {
                3
            };
            item.arrows_from[side] = true;
        }
    }
    items
}

/// How many growth steps the most crowded cell needs, judged by area.
fn growth_steps_needed(base: &MapGeometry, items: &[Item], sizes: &Sizes) -> i32 {
    let mut worst: f64 = 1.0;
    let mut centre_need = 0.0;
    let mut cell_need = std::collections::HashMap::new();
    for item in items {
        match item.region {
            // Only a child's node must be inside the disc; its label may
            // hang over ring 1 (people keep clear of it like any label).
            Region::Centre => centre_need += (2.0 * item.radius + sizes.clearance).powi(2),
            Region::Cell(ring, sector) => {
                *cell_need.entry((ring, sector)).or_insert(0.0) += item.footprint(sizes);
            }
        }
    }
    let centre_area = PI * base.centre_radius().powi(2);
    worst = worst.max(centre_need / (PACKING * centre_area));
    for ((ring, _), need) in cell_need {
        let (r0, r1) = base.ring_band(ring);
        let area = 0.5 * base.sector_span() * (r1 * r1 - r0 * r0);
        worst = worst.max(need / (PACKING * area));
    }
    // Area grows with the square of the scale.
    let scale = worst.sqrt();
    if scale <= 1.0 {
        0
    } else {
        ((scale.ln() / GROWTH.ln()).ceil() as i32).clamp(0, MAX_GROWTH_STEPS)
    }
}

/// Places every item, or `None` if some item finds no free spot in its region.
fn place_all(
    geometry: &MapGeometry,
    items: &[Item],
    sizes: &Sizes,
    ring_names: Option<f64>,
) -> Option<Vec<Node>> {
    let nodes = place_avoiding(geometry, items, sizes, ring_names, &[])?;
    if ring_names.is_none() {
        return Some(nodes);
    }
    // An arrowhead whose ends were placed after a label it lands on: once
    // more, with every arrowhead of this first try kept free from the start.
    // A map where an arrowhead still covers a name does not fit (it grows,
    // or the screen's fit takes smaller type).
    let text = |n: &Node| text_rect(n.label_rect, sizes.text);
    let reserved = reserved_boxes(geometry, sizes, ring_names);
    let covered = |nodes: &[Node]| {
        let heads = arrowheads(items, nodes, sizes);
        heads.iter().any(|h| {
            reserved.iter().any(|r| r.overlaps(h)) || nodes.iter().any(|n| text(n).overlaps(h))
        })
    };
    let repaired = |mut nodes: Vec<Node>| {
        let heads = arrowheads(items, &nodes, sizes);
        move_labels_off(geometry, &mut nodes, sizes, ring_names, &heads);
        nodes
    };
    let nodes = repaired(nodes);
    if !covered(&nodes) {
        return Some(nodes);
    }
    let heads = arrowheads(items, &nodes, sizes);
    place_avoiding(geometry, items, sizes, ring_names, &heads)
        .map(repaired)
        .filter(|again| !covered(again))
}

/// The boxes kept free for the ring names on the screen.
fn reserved_boxes(geometry: &MapGeometry, sizes: &Sizes, ring_names: Option<f64>) -> Vec<Rect> {
    ring_names
        .map(|angle| {
            let size = ring_name_size(geometry, sizes.text);
            Ring::ALL
                .map(|ring| ring_name_rect(geometry, ring, angle, size, RING_NAME_CHARS))
                .to_vec()
        })
        .unwrap_or_default()
}

/// The boxes of the arrowheads between `nodes` (placed from `items`).
fn arrowheads(items: &[Item], nodes: &[Node], sizes: &Sizes) -> Vec<Rect> {
    let index: std::collections::HashMap<PersonId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    items
        .iter()
        .zip(nodes)
        .flat_map(|(item, b)| {
            item.arrows_in.iter().filter_map(|from| {
                let a = &nodes[*index.get(from)?];
                let head =
                    super::scene::arrowhead(a.centre, a.radius, b.centre, b.radius, sizes.mark);
                // The screen's names are large and their boxes estimated:
                // a little room, so a pixel of error does not touch a head.
                let margin = if sizes.inside { 4.0 * sizes.mark } else { 0.0 };
                Some(inflate(bounds(&head), margin))
            })
        })
        .collect()
}

fn place_avoiding(
    geometry: &MapGeometry,
    items: &[Item],
    sizes: &Sizes,
    ring_names: Option<f64>,
    kept_free: &[Rect],
) -> Option<Vec<Node>> {
    let mut grid = Grid::new(geometry.outer_radius() + 200.0, items.len());
    for r in kept_free {
        grid.insert(*r);
    }
    for r in reserved_boxes(geometry, sizes, ring_names) {
        grid.insert(r);
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(items.len());
    let mut full = FullRows::new();
    // On the screen, an arrowhead is in the way of later labels as soon as
    // both its ends are placed.
    let screen = ring_names.is_some();
    let mut placed: std::collections::HashMap<PersonId, usize> = Default::default();
    let mut arrows_out: std::collections::HashMap<PersonId, Vec<usize>> = Default::default();
    if screen {
        for (i, item) in items.iter().enumerate() {
            for from in &item.arrows_in {
                arrows_out.entry(*from).or_default().push(i);
            }
        }
    }
    for (i, item) in items.iter().enumerate() {
        let (centre, label_rect) = find_spot(geometry, item, &grid, &mut full, sizes)?;
        let node = Node {
            label_rect,
            ..item.node_at(centre, sizes)
        };
        grid.insert(node.node_rect());
        grid.insert(node.label_rect);
        placed.insert(node.id, nodes.len());
        nodes.push(node);
        if screen {
            let me = &nodes[nodes.len() - 1];
            let ins = item.arrows_in.iter().filter_map(|from| placed.get(from));
            let outs = arrows_out
                .get(&item.id)
                .into_iter()
                .flatten()
                .filter_map(|to| placed.get(&items[*to].id));
            let mut heads = Vec::new();
            for &j in ins {
                let a = &nodes[j];
                heads.push(super::scene::arrowhead(
                    a.centre, a.radius, me.centre, me.radius, sizes.mark,
                ));
            }
            for &j in outs {
                let b = &nodes[j];
                heads.push(super::scene::arrowhead(
                    me.centre, me.radius, b.centre, b.radius, sizes.mark,
                ));
            }
            for head in heads {
                grid.insert(bounds(&head));
            }
        }
        let _ = i;
    }
    Some(nodes)
}

fn node_rect(centre: Point, radius: f64) -> Rect {
    Rect {
        x: centre.x - radius,
        y: centre.y - radius,
        w: 2.0 * radius,
        h: 2.0 * radius,
    }
}

fn inflate(r: Rect, by: f64) -> Rect {
    Rect {
        x: r.x - by,
        y: r.y - by,
        w: r.w + 2.0 * by,
        h: r.h + 2.0 * by,
    }
}

/// The label's box if `item`'s node and label would fit at `p`.
fn fits(geometry: &MapGeometry, item: &Item, grid: &Grid, p: Point, sizes: &Sizes) -> Option<Rect> {
    match try_fit(geometry, item, grid, p, sizes) {
        Fit::Fits(label) => Some(label),
        _ => None,
    }
}

/// The answer to "may the item sit here?", with what is in the way.
enum Fit {
    /// With the label in this box.
    Fits(Rect),
    /// Outside the region, or a label over the children's disc.
    Elsewhere,
    /// One of the item's boxes (with clearance) overlaps a placed box.
    Blocked { mine: Rect, theirs: Rect },
}

fn try_fit(geometry: &MapGeometry, item: &Item, grid: &Grid, p: Point, sizes: &Sizes) -> Fit {
    if !item.region_allows(geometry, p) {
        return Fit::Elsewhere;
    }
    let node = inflate(node_rect(p, item.radius), sizes.clearance);
    if let Some(theirs) = grid.first_overlap(&node) {
        return Fit::Blocked { mine: node, theirs };
    }
    let mut answer = Fit::Elsewhere;
    // A side an arrow comes in from is tried only on paper (labels below)
    // or when arrows come from every side.
    let every = item.arrows_from.iter().all(|a| *a);
    let open = |i: usize| !item.arrows_from[i] || sizes.sides.len() == 1 || every;
    for (_, &side) in sizes.sides.iter().enumerate().filter(|(i, _)| open(*i)) {
        let label = item.label_rect_at(p, sizes, side);
        // A person's label must not cover the children's disc.
        if !item.child && label.meets_circle(Point::default(), geometry.centre_radius()) {
            continue;
        }
        if sizes.inside && !within(&label, geometry.outer_radius()) {
            continue;
        }
        let mine = inflate(label, sizes.clearance);
        match grid.first_overlap(&mine) {
            None => return Fit::Fits(label),
            Some(theirs) => {
                if matches!(answer, Fit::Elsewhere) {
                    answer = Fit::Blocked { mine, theirs };
                }
            }
        }
    }
    answer
}

/// How far `mine` must travel in direction `(dx, dy)` (a unit vector) to
/// stop overlapping `theirs`: the first axis on which it gets clear.
fn distance_to_clear(mine: &Rect, theirs: &Rect, dx: f64, dy: f64) -> f64 {
    let along = |d: f64, lo: f64, hi: f64, their_lo: f64, their_hi: f64| {
        if d > 1e-9 {
            (their_hi - lo) / d
        } else if d < -1e-9 {
            (hi - their_lo) / -d
        } else {
            f64::INFINITY
        }
    };
    along(dx, mine.x, mine.right(), theirs.x, theirs.right()).min(along(
        dy,
        mine.y,
        mine.bottom(),
        theirs.y,
        theirs.bottom(),
    ))
}

/// Offsets around a wanted spot, nearest first: tried before a whole-cell scan.
fn near_offsets() -> &'static [(i32, i32)] {
    static NEAR: OnceLock<Vec<(i32, i32)>> = OnceLock::new();
    NEAR.get_or_init(|| {
        const STEP: i32 = 8;
        const REACH: i32 = 6; // 6 steps of 8 units: 48 units around
        let mut offsets: Vec<(i32, i32)> = (-REACH..=REACH)
            .flat_map(|y| (-REACH..=REACH).map(move |x| (x, y)))
            .filter(|(x, y)| x * x + y * y <= REACH * REACH)
            .collect();
        // Nearest first; equal distances in a fixed order, so layouts are deterministic.
        crate::sort::by_key(&mut offsets, |&(x, y)| (x * x + y * y, y, x));
        offsets
            .into_iter()
            .map(|(x, y)| (x * STEP, y * STEP))
            .collect()
    })
}

fn find_spot(
    geometry: &MapGeometry,
    item: &Item,
    grid: &Grid,
    full: &mut FullRows,
    sizes: &Sizes,
) -> Option<(Point, Rect)> {
    let wanted = item.wanted(geometry);
    for &(dx, dy) in near_offsets() {
        let p = Point::new(wanted.x + f64::from(dx), wanted.y + f64::from(dy));
        if let Some(label) = fits(geometry, item, grid, p, sizes) {
            return Some((p, label));
        }
    }
    scan_region(geometry, item, grid, wanted, full, sizes)
}

/// Rows of a region known to be full: for each (region, row), the narrowest
/// label that found no spot in it. Boxes are only ever added, and a wider
/// label centred on the same node covers a superset of the narrower one's
/// box, so no later item with a label at least that wide can fit there
/// either. Without this, a crowded cell is rescanned row by row for every
/// newcomer (500 people at one depth of one cell: seconds instead of
/// milliseconds).
type FullRows = std::collections::HashMap<(u8, u8, i32), f64>;

fn region_key(geometry: &MapGeometry, region: Region) -> (u8, u8) {
    match region {
        Region::Centre => (0, 0),
        Region::Cell(ring, sector) => (ring.get(), geometry.sector_index(sector) as u8 + 1),
    }
}

/// `0, +1, -1, +2, -2 …`: the `i`-th step away from a start.
fn alternate(i: i32) -> i32 {
    if i % 2 == 0 {
        i / 2
    } else {
        -(i + 1) / 2
    }
}

/// Every spot in the item's region on a fixed polar grid, row by row
/// outwards from the wanted radius and, within a row, outwards from the
/// wanted angle. The grid is fixed per region (not per item) so that
/// [`FullRows`] can remember rows across items.
fn scan_region(
    geometry: &MapGeometry,
    item: &Item,
    grid: &Grid,
    wanted: Point,
    full: &mut FullRows,
    sizes: &Sizes,
) -> Option<(Point, Rect)> {
    let centre = matches!(item.region, Region::Centre);
    let (r_min, r_max, a_min, a_max) = match item.region {
        Region::Centre => (0.0, geometry.centre_radius() - item.radius, 0.0, TAU),
        Region::Cell(ring, sector) => {
            let (r0, r1) = geometry.ring_band(ring);
            let (a0, a1) = geometry.sector_angles(sector);
            (r0 + item.radius, r1 - item.radius, a0, a1)
        }
    };
    if r_max < r_min {
        return None;
    }
    let key = region_key(geometry, item.region);
    let rows = ((r_max - r_min) / SCAN_STEP).floor() as i32;
    let first_row = ((clamp(wanted.radius(), r_min, r_max) - r_min) / SCAN_STEP).round() as i32;
    for step in 0..=(2 * rows + 1) {
        let row = first_row + alternate(step);
        if row < 0 || row > rows {
            continue;
        }
        if full
            .get(&(key.0, key.1, row))
            .is_some_and(|narrowest| item.label_width >= *narrowest)
        {
            continue;
        }
        let r = r_min + f64::from(row) * SCAN_STEP;
        if r < SCAN_STEP {
            // The very middle of the children's disc is one spot.
            let p = Point::default();
            if let Some(label) = fits(geometry, item, grid, p, sizes) {
                return Some((p, label));
            }
        } else {
            let da = SCAN_STEP / r;
            let cols = ((a_max - a_min) / da).floor() as i32;
            let first_col = ((clamp(wanted.angle(), a_min, a_max) - a_min) / da).round() as i32;
            if centre {
                // Around the full circle (a small disc): every spot in turn.
                for col_step in 0..=cols {
                    let col = (first_col + alternate(col_step)).rem_euclid(cols.max(1));
                    let p = Point::polar(r, a_min + f64::from(col) * da);
                    if let Some(label) = fits(geometry, item, grid, p, sizes) {
                        return Some((p, label));
                    }
                }
            } else {
                // Clockwise and counter-clockwise from the wanted angle; the
                // nearer free spot wins. A blocked spot skips ahead past
                // whatever blocks it, so a row full of labels costs one test
                // per label rather than one per spot.
                let mut best: Option<(i32, (Point, Rect))> = None;
                for dir in [1, -1] {
                    let mut col = if dir == 1 { first_col } else { first_col - 1 };
                    while (0..=cols).contains(&col) {
                        let steps = (col - first_col).abs();
                        if best.is_some_and(|(b, _)| b <= steps) {
                            break;
                        }
                        let a = a_min + f64::from(col) * da;
                        let p = Point::polar(r, a);
                        match try_fit(geometry, item, grid, p, sizes) {
                            Fit::Fits(label) => {
                                best = Some((steps, (p, label)));
                                break;
                            }
                            Fit::Elsewhere => col += dir,
                            Fit::Blocked { mine, theirs } => {
                                // Moving clockwise along the row goes in the
                                // direction (cos a, sin a) in map units.
                                let (dx, dy) = (a.cos() * f64::from(dir), a.sin() * f64::from(dir));
                                let clear = distance_to_clear(&mine, &theirs, dx, dy);
                                let skip =
                                    clamp((clear / SCAN_STEP).floor(), 1.0, f64::from(cols + 1));
                                col += dir * skip as i32;
                            }
                        }
                    }
                }
                if let Some((_, p)) = best {
                    return Some(p);
                }
            }
        }
        let narrowest = full.entry((key.0, key.1, row)).or_insert(f64::INFINITY);
        *narrowest = narrowest.min(item.label_width);
    }
    None
}

/// Placed boxes in buckets of a square grid, so a test looks only at neighbours.
struct Grid {
    half: f64,
    cell: f64,
    side: usize,
    buckets: Vec<Vec<u32>>,
    boxes: Vec<Rect>,
}

impl Grid {
    fn new(half: f64, items: usize) -> Grid {
        let cell = 40.0;
        let side = ((2.0 * half / cell).ceil() as usize).clamp(1, 2048);
        Grid {
            half,
            cell: 2.0 * half / side as f64,
            side,
            buckets: vec![Vec::new(); side * side],
            boxes: Vec::with_capacity(2 * items),
        }
    }

    /// Bucket index along one axis; anything off the grid goes to the edge buckets.
    fn bucket(&self, v: f64) -> usize {
        let i = ((v + self.half) / self.cell).floor();
        if i.is_nan() || i < 0.0 {
            0
        } else {
            (i as usize).min(self.side - 1)
        }
    }

    fn insert(&mut self, r: Rect) {
        let id = self.boxes.len() as u32;
        self.boxes.push(r);
        for y in self.bucket(r.y)..=self.bucket(r.bottom()) {
            for x in self.bucket(r.x)..=self.bucket(r.right()) {
                self.buckets[y * self.side + x].push(id);
            }
        }
    }

    /// A placed box that overlaps `r`, if any.
    fn first_overlap(&self, r: &Rect) -> Option<Rect> {
        for y in self.bucket(r.y)..=self.bucket(r.bottom()) {
            for x in self.bucket(r.x)..=self.bucket(r.right()) {
                for &id in &self.buckets[y * self.side + x] {
                    let placed = self.boxes[id as usize];
                    if placed.overlaps(r) {
                        return Some(placed);
                    }
                }
            }
        }
        None
    }
}
