//! The map on a screen: names and the map's own words get a size in screen
//! pixels, however large the map is drawn.
//!
//! The map's coordinates are fixed (the outer ring at 500 units) and a
//! drawing is scaled to the space it gets, so type of a fixed size in map
//! units ends up as small as the screen is narrow: on a 1280 × 720
//! projector beside the side panel, 15 units were 7–8 px. [`fit`] turns
//! the wanted size in pixels into [`LayoutOptions::text_scale`]: it lays
//! the map out, sees how many pixels a map unit gets in the space given
//! ([`Scene::frame`] fitted into `width` × `height`, as the SVG's
//! `xMidYMid meet` does), and lays it out again with labels that size,
//! until the two agree. Labels and nodes take more of the map then, and a
//! crowded map shortens its labels ([`LayoutOptions::shorten`]) before it
//! grows (which would shrink the type again).

use super::scene::Scene;
use super::{layout_with, Layout, LayoutOptions, LABEL_FONT};
use crate::document::plan::Plan;
use crate::i18n::Lang;

/// The space a map is drawn in, in CSS pixels, and what for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    pub width: f64,
    pub height: f64,
    /// Presentation mode: the map is read from the back of a room.
    pub presentation: bool,
}

/// The least font size of a name, in CSS px: 16 px type is an 18–19 px
/// text box, read from about 3 m on a 1280 × 720 projector; presentation
/// mode's 20.5 px a 24 px box.
pub const MIN_LABEL_PX: f64 = 16.0;
pub const MIN_PRESENTATION_LABEL_PX: f64 = 20.5;
/// A larger map gets larger type, not just more room: a name is at least
/// this share of the map's shorter side (1/36: 17 px on 620 px, 28 px on
/// 1000 px; presentation 1/28).
const LABEL_SHARE: f64 = 1.0 / 36.0;
const PRESENTATION_LABEL_SHARE: f64 = 1.0 / 28.0;
/// Text scales tried are powers of this, so that a few pixels of resizing
/// do not lay the map out again with a slightly different size.
const SCALE_STEP: f64 = 1.04;

impl Screen {
    /// The font size of a name on this screen, in CSS px.
    pub fn label_px(&self) -> f64 {
        let side = self.width.min(self.height).max(0.0);
        if self.presentation {
            MIN_PRESENTATION_LABEL_PX.max(side * PRESENTATION_LABEL_SHARE)
        } else {
            MIN_LABEL_PX.max(side * LABEL_SHARE)
        }
    }
}

/// The layout and scene of `plan` for `screen`: names [`Screen::label_px`]
/// pixels high once the scene's frame is fitted into the screen. `options`
/// gives everything but the text scale (set here) and `shorten` (on).
pub fn fit(plan: &Plan, lang: Lang, options: &LayoutOptions, screen: Screen) -> (Layout, Scene) {
    let px = screen.label_px();
    let mut options = LayoutOptions {
        shorten: true,
        text_scale: 1.0,
        ..options.clone()
    };
    // The px a name gets is not monotonic in the text scale: a map that
    // has to grow shrinks its type. Search between the largest scale that
    // fitted the map as it is and the least that made it grow, and keep
    // the best drawing seen (the least scale that reaches the size, else
    // the largest type).
    let mut fitted = 0.0_f64;
    let mut grew = f64::INFINITY;
    let mut best: Option<(f64, Layout, Scene)> = None;
    for _ in 0..8 {
        let layout = layout_with(plan, &options);
        let scene = Scene::new(plan, &layout, lang, options.hide_names);
        let f = scene.frame;
        let px_per_unit = (screen.width / f.w).min(screen.height / f.h);
        if !(px_per_unit.is_finite() && px_per_unit > 0.0) {
            return (layout, scene);
        }
        let ts = options.text_scale;
        let got = LABEL_FONT * ts * px_per_unit;
        if layout.geometry.scale() > 1.0 {
            grew = grew.min(ts);
        } else {
            fitted = fitted.max(ts);
        }
        let done = got >= px * 0.995;
        if best
            .as_ref()
            .is_none_or(|(b, ..)| (*b < px * 0.995 && got > *b) || done)
        {
            best = Some((got, layout, scene));
        }
        if done {
            break;
        }
        let mut next = quantize(px / (LABEL_FONT * px_per_unit));
        if next >= grew {
            let middle = (fitted.max(1.0) * grew).sqrt();
            next = step_power((middle.ln() / SCALE_STEP.ln()).round());
        }
        if next <= fitted || next >= grew || (next - ts).abs() < 1e-9 {
            break;
        }
        options.text_scale = next;
    }
    best.map(|(_, l, s)| (l, s)).expect("one drawing at least")
}

/// The power of [`SCALE_STEP`] at or above `v` (at least 1).
fn quantize(v: f64) -> f64 {
    step_power((v.ln() / SCALE_STEP.ln()).ceil())
}

/// `SCALE_STEP` to the power `step` (through `exp`, which the wasm has
/// anyway; `powf` would add kilobytes).
fn step_power(step: f64) -> f64 {
    (step.clamp(0.0, 60.0) * SCALE_STEP.ln()).exp()
}
