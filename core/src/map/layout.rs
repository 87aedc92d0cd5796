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
    child_display_name, display_name_of, label_width, truncate_label, LABEL_HEIGHT,
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

/// What to lay out, and how.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LayoutOptions {
    /// Labels show roles or initials instead of names (see [`super::display_name`]).
    pub hide_names: bool,
    /// Placed before everybody else, so it sits exactly where it is wanted
    /// (the node under the pointer while dragging).
    pub focus: Option<PersonId>,
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
}

impl Layout {
    pub fn node(&self, id: PersonId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
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
    let base = MapGeometry::new(plan.settings());
    let items = items(plan, options);
    let mut steps = growth_steps_needed(&base, &items);
    loop {
        let geometry = base.scaled(GROWTH.powi(steps));
        let placed = place_all(&geometry, &items);
        match placed {
            Some(nodes) => return finish(geometry, nodes),
            None if steps < MAX_GROWTH_STEPS => steps += 1,
            // Unreachable for any plan that fits in memory; draw rather than loop.
            None => {
                let nodes = items
                    .iter()
                    .map(|item| item.node_at(item.wanted(&geometry)))
                    .collect();
                return finish(geometry, nodes);
            }
        }
    }
}

fn finish(geometry: MapGeometry, nodes: Vec<Node>) -> Layout {
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
}

impl Item {
    fn wanted(&self, geometry: &MapGeometry) -> Point {
        let s = geometry.scale();
        Point::new(self.wanted_at_scale_1.x * s, self.wanted_at_scale_1.y * s)
    }

    fn label_rect(&self, centre: Point) -> Rect {
        Rect {
            x: centre.x - self.label_width / 2.0,
            y: centre.y + self.radius + LABEL_GAP,
            w: self.label_width,
            h: LABEL_HEIGHT,
        }
    }

    fn node_at(&self, centre: Point) -> Node {
        Node {
            id: self.id,
            child: self.child,
            centre,
            radius: self.radius,
            label: self.label.clone(),
            label_rect: self.label_rect(centre),
        }
    }

    /// Area the node and its label take, with clearance.
    fn footprint(&self) -> f64 {
        (self.label_width.max(2.0 * self.radius) + CLEARANCE)
            * (2.0 * self.radius + LABEL_GAP + LABEL_HEIGHT + CLEARANCE)
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

fn items(plan: &Plan, options: &LayoutOptions) -> Vec<Item> {
    let geometry = MapGeometry::new(plan.settings());
    let children = plan.children();
    let n = children.len();
    // Children around a small circle in the disc, lifted by half a label so
    // that node and label together sit in the middle.
    let lift = (LABEL_GAP + LABEL_HEIGHT) / 2.0;
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
            let label = truncate_label(&child_display_name(child, options.hide_names));
            Item {
                id: child.id,
                child: true,
                region: Region::Centre,
                wanted_at_scale_1: Point::new(at.x, at.y - lift),
                radius: CHILD_RADIUS,
                label_width: label_width(&label),
                label,
            }
        })
        .collect();
    let mut people: Vec<&crate::document::plan::Person> = plan.people().iter().collect();
    if let Some(focus) = options.focus {
        // A stable sort keeps everybody else in plan order.
        crate::sort::by_key(&mut people, |p| p.id != focus);
    }
    items.extend(people.into_iter().map(|person| {
        let label = truncate_label(&display_name_of(plan, person.id, options.hide_names));
        Item {
            id: person.id,
            child: false,
            region: Region::Cell(person.place.ring, person.place.sector),
            wanted_at_scale_1: geometry.point_of(&person.place),
            radius: NODE_RADIUS,
            label_width: label_width(&label),
            label,
        }
    }));
    items
}

/// How many growth steps the most crowded cell needs, judged by area.
fn growth_steps_needed(base: &MapGeometry, items: &[Item]) -> i32 {
    let mut worst: f64 = 1.0;
    let mut centre_need = 0.0;
    let mut cell_need = std::collections::HashMap::new();
    for item in items {
        match item.region {
            // Only a child's node must be inside the disc; its label may
            // hang over ring 1 (people keep clear of it like any label).
            Region::Centre => centre_need += (2.0 * item.radius + CLEARANCE).powi(2),
            Region::Cell(ring, sector) => {
                *cell_need.entry((ring, sector)).or_insert(0.0) += item.footprint();
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
fn place_all(geometry: &MapGeometry, items: &[Item]) -> Option<Vec<Node>> {
    let mut grid = Grid::new(geometry.outer_radius() + 200.0, items.len());
    let mut nodes = Vec::with_capacity(items.len());
    let mut full = FullRows::new();
    for item in items {
        let centre = find_spot(geometry, item, &grid, &mut full)?;
        let node = item.node_at(centre);
        grid.insert(node.node_rect());
        grid.insert(node.label_rect);
        nodes.push(node);
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

/// Whether `item`'s node and label would fit at `p`.
fn fits(geometry: &MapGeometry, item: &Item, grid: &Grid, p: Point) -> bool {
    matches!(try_fit(geometry, item, grid, p), Fit::Fits)
}

/// The answer to "may the item sit here?", with what is in the way.
enum Fit {
    Fits,
    /// Outside the region, or a label over the children's disc.
    Elsewhere,
    /// One of the item's boxes (with clearance) overlaps a placed box.
    Blocked {
        mine: Rect,
        theirs: Rect,
    },
}

fn try_fit(geometry: &MapGeometry, item: &Item, grid: &Grid, p: Point) -> Fit {
    if !item.region_allows(geometry, p) {
        return Fit::Elsewhere;
    }
    let label = item.label_rect(p);
    // A person's label must not cover the children's disc.
    if !item.child && label.meets_circle(Point::default(), geometry.centre_radius()) {
        return Fit::Elsewhere;
    }
    for mine in [
        inflate(node_rect(p, item.radius), CLEARANCE),
        inflate(label, CLEARANCE),
    ] {
        if let Some(theirs) = grid.first_overlap(&mine) {
            return Fit::Blocked { mine, theirs };
        }
    }
    Fit::Fits
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
) -> Option<Point> {
    let wanted = item.wanted(geometry);
    for &(dx, dy) in near_offsets() {
        let p = Point::new(wanted.x + f64::from(dx), wanted.y + f64::from(dy));
        if fits(geometry, item, grid, p) {
            return Some(p);
        }
    }
    scan_region(geometry, item, grid, wanted, full)
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
) -> Option<Point> {
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
            if fits(geometry, item, grid, p) {
                return Some(p);
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
                    if fits(geometry, item, grid, p) {
                        return Some(p);
                    }
                }
            } else {
                // Clockwise and counter-clockwise from the wanted angle; the
                // nearer free spot wins. A blocked spot skips ahead past
                // whatever blocks it, so a row full of labels costs one test
                // per label rather than one per spot.
                let mut best: Option<(i32, Point)> = None;
                for dir in [1, -1] {
                    let mut col = if dir == 1 { first_col } else { first_col - 1 };
                    while (0..=cols).contains(&col) {
                        let steps = (col - first_col).abs();
                        if best.is_some_and(|(b, _)| b <= steps) {
                            break;
                        }
                        let a = a_min + f64::from(col) * da;
                        let p = Point::polar(r, a);
                        match try_fit(geometry, item, grid, p) {
                            Fit::Fits => {
                                best = Some((steps, p));
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
