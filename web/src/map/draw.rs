//! Pure drawing helpers for the map: path data for relation lines and
//! arrowheads, and the conversion between screen pixels and map units.
//!
//! No DOM here, so the drag code can call the same functions the renderer
//! uses and a moved line looks exactly like a freshly drawn one.

use skyddsnat_core::map::Point;
use skyddsnat_core::RelationKind;
use std::fmt::Write;

/// Length of a support arrowhead, in map units.
const ARROW_LENGTH: f64 = 11.0;
/// Half the width of an arrowhead's base.
const ARROW_HALF_WIDTH: f64 = 5.5;
/// Free space between a line's end and the node it touches.
const END_GAP: f64 = 2.0;
/// Wavelength and amplitude of the zigzag of a stressful relation.
const ZIGZAG_STEP: f64 = 7.0;
const ZIGZAG_AMPLITUDE: f64 = 4.5;
/// Half the gap in the middle of a broken relation, and its end bars.
const BREAK_HALF_GAP: f64 = 6.0;
const BREAK_BAR: f64 = 6.0;

/// The drawn shape of one relation: the line, and an arrowhead if `from`
/// supports `to`. Both are SVG path data in map units.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationShape {
    pub line: String,
    pub arrow: Option<String>,
}

/// The line from node `a` (radius `ra`) to node `b` (radius `rb`), drawn in
/// the style of `kind`, ending in an arrowhead at `b` when `supports`.
/// Line style, not colour, tells the kinds apart (WCAG 1.4.1).
pub fn relation_shape(
    kind: RelationKind,
    supports: bool,
    a: Point,
    ra: f64,
    b: Point,
    rb: f64,
) -> RelationShape {
    let length = a.distance(b);
    let (ux, uy) = if length > f64::EPSILON {
        ((b.x - a.x) / length, (b.y - a.y) / length)
    } else {
        (1.0, 0.0)
    };
    let start_off = ra + END_GAP;
    let arrow_room = if supports { ARROW_LENGTH } else { 0.0 };
    let end_off = rb + END_GAP;
    // Nodes that touch or overlap leave no room for a line: draw a dot-sized one.
    let usable = (length - start_off - end_off - arrow_room).max(0.0);
    let at = |d: f64| Point::new(a.x + ux * d, a.y + uy * d);
    let s = at(start_off);
    let e = at(start_off + usable);
    let tip = at(start_off + usable + arrow_room);
    // Perpendicular unit vector.
    let (px, py) = (-uy, ux);

    let mut line = String::with_capacity(64);
    match kind {
        RelationKind::Strong | RelationKind::Weak => {
            let _ = write!(
                line,
                "M{} {}L{} {}",
                format_args!("{:.1}", s.x),
                format_args!("{:.1}", s.y),
                format_args!("{:.1}", e.x),
                format_args!("{:.1}", e.y)
            );
        }
        RelationKind::Stressful => {
            let _ = write!(
                line,
                "M{} {}",
                format_args!("{:.1}", s.x),
                format_args!("{:.1}", s.y)
            );
            let steps = (usable / ZIGZAG_STEP).floor() as usize;
            for i in 1..steps {
                let d = start_off + i as f64 * ZIGZAG_STEP;
                let side = if i % 2 == 0 { 1.0 } else { -1.0 };
                let p = at(d);
                let _ = write!(
                    line,
                    "L{} {}",
                    format_args!("{:.1}", p.x + px * ZIGZAG_AMPLITUDE * side),
                    format_args!("{:.1}", p.y + py * ZIGZAG_AMPLITUDE * side)
                );
            }
            let _ = write!(
                line,
                "L{} {}",
                format_args!("{:.1}", e.x),
                format_args!("{:.1}", e.y)
            );
        }
        RelationKind::Broken => {
            let mid = start_off + usable / 2.0;
            let gap = BREAK_HALF_GAP.min(usable / 4.0);
            let m1 = at(mid - gap);
            let m2 = at(mid + gap);
            let _ = write!(
                line,
                "M{} {}L{} {}M{} {}L{} {}",
                format_args!("{:.1}", s.x),
                format_args!("{:.1}", s.y),
                format_args!("{:.1}", m1.x),
                format_args!("{:.1}", m1.y),
                format_args!("{:.1}", m2.x),
                format_args!("{:.1}", m2.y),
                format_args!("{:.1}", e.x),
                format_args!("{:.1}", e.y)
            );
            // Two short bars across the gap: "cut", readable in black and white.
            for m in [m1, m2] {
                let _ = write!(
                    line,
                    "M{} {}L{} {}",
                    format_args!("{:.1}", m.x + px * BREAK_BAR),
                    format_args!("{:.1}", m.y + py * BREAK_BAR),
                    format_args!("{:.1}", m.x - px * BREAK_BAR),
                    format_args!("{:.1}", m.y - py * BREAK_BAR)
                );
            }
        }
    }
    let arrow = supports.then(|| {
        let base = e;
        format!(
            "M{} {}L{} {}L{} {}Z",
            format_args!("{:.1}", tip.x),
            format_args!("{:.1}", tip.y),
            format_args!("{:.1}", base.x + px * ARROW_HALF_WIDTH),
            format_args!("{:.1}", base.y + py * ARROW_HALF_WIDTH),
            format_args!("{:.1}", base.x - px * ARROW_HALF_WIDTH),
            format_args!("{:.1}", base.y - py * ARROW_HALF_WIDTH)
        )
    });
    RelationShape { line, arrow }
}

/// A rectangle of the map shown on screen (the SVG `viewBox`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    /// The `viewBox` attribute value.
    pub fn attr(&self) -> String {
        format!(
            "{} {} {} {}",
            format_args!("{:.1}", self.x),
            format_args!("{:.1}", self.y),
            format_args!("{:.1}", self.w),
            format_args!("{:.1}", self.h)
        )
    }

    /// The view of `bounds` (centred on the map centre `centre`) at `zoom`.
    pub fn of(bounds: (f64, f64), zoom: f64, centre: Point) -> ViewBox {
        let w = 2.0 * bounds.0 / zoom;
        let h = 2.0 * bounds.1 / zoom;
        ViewBox {
            x: centre.x - w / 2.0,
            y: centre.y - h / 2.0,
            w,
            h,
        }
    }

    /// Map units per screen pixel when drawn into a `width`×`height` pixel box
    /// with `preserveAspectRatio="xMidYMid meet"`, and the pixel offset of the
    /// view's top-left corner inside the box.
    fn fit(&self, width: f64, height: f64) -> (f64, f64, f64) {
        let scale = (width / self.w).min(height / self.h);
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let off_x = (width - self.w * scale) / 2.0;
        let off_y = (height - self.h * scale) / 2.0;
        (scale, off_x, off_y)
    }

    /// The map point under pixel (`px`, `py`) of a `width`×`height` box.
    pub fn to_map(&self, px: f64, py: f64, width: f64, height: f64) -> Point {
        let (scale, off_x, off_y) = self.fit(width, height);
        Point::new(self.x + (px - off_x) / scale, self.y + (py - off_y) / scale)
    }

    /// Map units per pixel.
    pub fn units_per_pixel(&self, width: f64, height: f64) -> f64 {
        1.0 / self.fit(width, height).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn lines_stop_at_the_node_edges_and_arrows_point_at_the_target() {
        let a = Point::new(0.0, 0.0);
        let b = Point::new(100.0, 0.0);
        let plain = relation_shape(RelationKind::Strong, false, a, 10.0, b, 10.0);
        assert_eq!(plain.line, "M12.0 0.0L88.0 0.0");
        assert!(plain.arrow.is_none());
        let support = relation_shape(RelationKind::Strong, true, a, 10.0, b, 10.0);
        // The line makes room for the arrowhead, whose tip touches the gap before b.
        assert_eq!(support.line, "M12.0 0.0L77.0 0.0");
        assert!(support
            .arrow
            .as_deref()
            .is_some_and(|d| d.starts_with("M88.0 0.0")));
    }

    #[wasm_bindgen_test]
    fn each_kind_draws_a_different_shape() {
        let a = Point::new(0.0, 0.0);
        let b = Point::new(0.0, 120.0);
        let shapes: Vec<String> = RelationKind::ALL
            .iter()
            .map(|k| relation_shape(*k, false, a, 10.0, b, 10.0).line)
            .collect();
        // Strong and weak share a path; CSS gives them width and dashes.
        assert_eq!(shapes[0], shapes[1]);
        assert_ne!(shapes[0], shapes[2]);
        assert_ne!(shapes[0], shapes[3]);
        assert!(
            shapes[3].matches('M').count() == 4,
            "broken: two halves and two bars"
        );
    }

    #[wasm_bindgen_test]
    fn screen_points_map_back_through_a_letterboxed_view() {
        let vb = ViewBox {
            x: -100.0,
            y: -50.0,
            w: 200.0,
            h: 100.0,
        };
        // A 400×400 box: 2 px per unit, 100 px of letterbox above and below.
        let centre = vb.to_map(200.0, 200.0, 400.0, 400.0);
        assert!((centre.x).abs() < 1e-9 && (centre.y).abs() < 1e-9);
        let corner = vb.to_map(0.0, 100.0, 400.0, 400.0);
        assert!((corner.x + 100.0).abs() < 1e-9 && (corner.y + 50.0).abs() < 1e-9);
    }
}
