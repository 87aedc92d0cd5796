//! Map geometry: rings, sectors, placement, snapping, hit testing, automatic layout.
//!
//! One fixed coordinate system, shared by the web map (an SVG `viewBox` in the
//! same units), the exported SVG and the printed plan: the children sit at
//! (0, 0), y grows downwards (as in SVG), and the outer ring ends at
//! [`OUTER_RADIUS`] units. Sectors run clockwise from the top in the order of
//! [`Settings::sector_order`]. Everything is plain `f64` arithmetic with no
//! state, so the same functions serve drawing, dragging and tests.
//!
//! A crowded map does not overlap: [`layout`] grows the map instead (see
//! [`Layout::geometry`]), so callers that convert between points and places
//! for a drawn map use the layout's geometry, not a fresh one.

use super::Layout;
use crate::document::ids::PersonId;
use crate::document::plan::{Permille, Place, Plan, Ring, Sector, Settings};
use std::f64::consts::TAU;

/// `v` kept within `lo..=hi` (`hi` wins if they cross, where `f64::clamp`
/// would panic; `lo` for NaN).
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// Radius of the children's disc in the middle, at scale 1.
pub const CENTRE_RADIUS: f64 = 90.0;
/// Radius of the outer edge of ring 3, at scale 1.
pub const OUTER_RADIUS: f64 = 500.0;
/// Outer edges of rings 1, 2 and 3 at scale 1. The inner ring is the widest
/// band: it holds the people who matter most and has the least arc length,
/// so equal widths would crowd it first (the three cells of a sector hold
/// about 28 000, 45 000 and 53 000 square units).
const RING_EDGES: [f64; 3] = [250.0, 385.0, OUTER_RADIUS];
/// The share of a sector's angle kept free at each edge, so that a person at
/// `along` 0 or 1000 is not drawn on the sector line.
const ALONG_MARGIN: f64 = 0.08;
/// The share of a ring band kept free at its inner and outer edge, likewise.
const DEPTH_MARGIN: f64 = 0.1;

/// A point in map units (y grows downwards, as in SVG).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    /// The point at `radius` from the centre, `angle` radians clockwise from the top.
    pub fn polar(radius: f64, angle: f64) -> Point {
        Point {
            x: radius * angle.sin(),
            y: -radius * angle.cos(),
        }
    }
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
    /// Distance from the centre of the map.
    pub fn radius(self) -> f64 {
        self.x.hypot(self.y)
    }
    /// Angle clockwise from the top, in `[0, 2π)`.
    pub fn angle(self) -> f64 {
        let a = self.x.atan2(-self.y);
        if a < 0.0 {
            a + TAU
        } else {
            a
        }
    }
}

/// An axis-aligned rectangle in map units (`x`, `y` is the top-left corner).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
    /// Whether the rectangle reaches into the circle around `centre`.
    pub fn meets_circle(&self, centre: Point, radius: f64) -> bool {
        let nx = clamp(centre.x, self.x, self.right());
        let ny = clamp(centre.y, self.y, self.bottom());
        (nx - centre.x).hypot(ny - centre.y) < radius
    }
}

/// A keyboard move of a person on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    /// One ring closer to the child.
    Inward,
    /// One ring further from the child.
    Outward,
    /// To the next sector clockwise (the "right" arrow).
    Clockwise,
    /// To the previous sector, counter-clockwise (the "left" arrow).
    CounterClockwise,
}

/// The rings and sectors of one map, at one scale.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGeometry {
    /// Sectors clockwise from the top.
    sectors: Vec<Sector>,
    /// How much the map has grown to make room (1 = the standard map).
    scale: f64,
}

impl MapGeometry {
    /// The standard map for a plan's settings (scale 1).
    pub fn new(settings: &Settings) -> MapGeometry {
        // A broken order (not a permutation) cannot come through `Plan::apply`
        // or import, but a map must still draw: fall back to the default order.
        let valid = settings.sector_order.len() == Sector::ALL.len()
            && Sector::ALL
                .iter()
                .all(|s| settings.sector_order.contains(s));
        MapGeometry {
            sectors: if valid {
                settings.sector_order.clone()
            } else {
                Sector::ALL.to_vec()
            },
            scale: 1.0,
        }
    }

    /// The same map grown by `scale` (radii multiply; nodes and labels keep their size).
    pub fn scaled(&self, scale: f64) -> MapGeometry {
        MapGeometry {
            sectors: self.sectors.clone(),
            scale: if scale.is_finite() && scale > 0.0 {
                scale
            } else {
                1.0
            },
        }
    }

    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Sectors clockwise from the top.
    pub fn sectors(&self) -> &[Sector] {
        &self.sectors
    }

    /// Radius of the children's disc.
    pub fn centre_radius(&self) -> f64 {
        CENTRE_RADIUS * self.scale
    }

    /// Radius of the outer edge of ring 3.
    pub fn outer_radius(&self) -> f64 {
        OUTER_RADIUS * self.scale
    }

    /// Inner and outer radius of a ring band (ring 1 is innermost).
    pub fn ring_band(&self, ring: Ring) -> (f64, f64) {
        let i = usize::from(ring.get().clamp(1, Ring::COUNT) - 1);
        let inner = if i == 0 {
            CENTRE_RADIUS
        } else {
            RING_EDGES[i - 1]
        };
        (inner * self.scale, RING_EDGES[i] * self.scale)
    }

    /// The angle each sector spans, in radians.
    pub fn sector_span(&self) -> f64 {
        TAU / self.sectors.len() as f64
    }

    /// Where `sector` sits in the order (0 = the one at the top).
    pub fn sector_index(&self, sector: Sector) -> usize {
        self.sectors.iter().position(|s| *s == sector).unwrap_or(0)
    }

    /// Start and end angle of a sector, radians clockwise from the top.
    pub fn sector_angles(&self, sector: Sector) -> (f64, f64) {
        let span = self.sector_span();
        let start = self.sector_index(sector) as f64 * span;
        (start, start + span)
    }

    /// Where a person with this place is drawn (before the layout makes room).
    pub fn point_of(&self, place: &Place) -> Point {
        let (a0, a1) = self.sector_angles(place.sector);
        let (r0, r1) = self.ring_band(place.ring);
        let along = ALONG_MARGIN + place.along.fraction() * (1.0 - 2.0 * ALONG_MARGIN);
        let depth = DEPTH_MARGIN + place.depth.fraction() * (1.0 - 2.0 * DEPTH_MARGIN);
        Point::polar(r0 + depth * (r1 - r0), a0 + along * (a1 - a0))
    }

    /// The place a dragged point falls in: its ring and sector, with `along`
    /// and `depth` from the exact point. `None` inside the children's disc
    /// (or for a point that is not a number); beyond the outer ring it clamps to ring 3.
    pub fn snap(&self, p: Point) -> Option<Place> {
        let r = p.radius();
        if !r.is_finite() || r < self.centre_radius() {
            return None;
        }
        let ring = Ring::ALL
            .into_iter()
            .find(|ring| r < self.ring_band(*ring).1)
            .unwrap_or(Ring::OUTER);
        let span = self.sector_span();
        let angle = p.angle();
        let index = ((angle / span).floor() as usize).min(self.sectors.len() - 1);
        let sector = self.sectors[index];
        let (a0, _) = self.sector_angles(sector);
        let (r0, r1) = self.ring_band(ring);
        let along = ((angle - a0) / span - ALONG_MARGIN) / (1.0 - 2.0 * ALONG_MARGIN);
        let depth = ((r - r0) / (r1 - r0) - DEPTH_MARGIN) / (1.0 - 2.0 * DEPTH_MARGIN);
        Some(Place {
            ring,
            sector,
            along: Permille::from_fraction(along),
            depth: Permille::from_fraction(depth),
        })
    }

    /// The person or child under `p` in a drawn layout: the nearest node
    /// whose disc contains the point, else the one whose label does (see
    /// [`Layout::hit`]).
    pub fn hit(&self, layout: &Layout, p: Point) -> Option<PersonId> {
        layout.hit(p)
    }
}

/// A keyboard move: ring in or out, or the neighbouring sector, keeping the
/// position inside the cell. At the innermost or outermost ring an inward or
/// outward move stays put; sectors wrap around the circle.
pub fn step(place: &Place, dir: Dir, order: &[Sector]) -> Place {
    let mut next = *place;
    match dir {
        Dir::Inward => next.ring = place.ring.inward().unwrap_or(place.ring),
        Dir::Outward => next.ring = place.ring.outward().unwrap_or(place.ring),
        Dir::Clockwise | Dir::CounterClockwise => {
            if let Some(i) = order.iter().position(|s| *s == place.sector) {
                let n = order.len();
                let j = match dir {
                    Dir::Clockwise => (i + 1) % n,
                    _ => (i + n - 1) % n,
                };
                next.sector = order[j];
            }
        }
    }
    next
}

/// A place for a new person in `sector` and `ring`: the spot in that cell
/// furthest from everybody already on the map (ties go to the spot nearest the
/// middle of the cell), so a new node does not land on an old one.
pub fn place_new(plan: &Plan, sector: Sector, ring: Ring) -> Place {
    let geometry = MapGeometry::new(plan.settings());
    let taken: Vec<Point> = plan
        .people()
        .iter()
        .map(|p| geometry.point_of(&p.place))
        .collect();
    let mut best: Option<(f64, f64, Place)> = None;
    for depth in [500u16, 250, 750, 100, 900] {
        for along in [500u16, 350, 650, 200, 800, 50, 950] {
            let place = Place {
                ring,
                sector,
                along: Permille::new(along).unwrap_or(Permille::HALF),
                depth: Permille::new(depth).unwrap_or(Permille::HALF),
            };
            let at = geometry.point_of(&place);
            let room = taken
                .iter()
                .map(|t| t.distance(at))
                .fold(f64::INFINITY, f64::min);
            // Most room wins; among equals, the spot nearest the middle of the cell.
            let middle = geometry.point_of(&Place {
                along: Permille::HALF,
                depth: Permille::HALF,
                ..place
            });
            let off_middle = at.distance(middle);
            let better = match &best {
                None => true,
                Some((best_room, best_off, _)) => {
                    room > *best_room + 1e-9
                        || ((room - *best_room).abs() <= 1e-9 && off_middle < *best_off)
                }
            };
            if better {
                best = Some((room, off_middle, place));
            }
        }
    }
    best.map(|(_, _, p)| p).unwrap_or(Place {
        ring,
        sector,
        along: Permille::HALF,
        depth: Permille::HALF,
    })
}
