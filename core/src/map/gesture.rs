//! How the map answers the pointer and the keyboard, as a pure state
//! machine: a press on a person, a handle, a relation or the background
//! starts a gesture; moves drag, pan or draw a relation line; the release
//! says what happened (a click, a move to a new place, a pan, a relation to
//! draw). The web map only reads events into [`Pointer`]s and applies the
//! [`Motion`]s and [`Outcome`]s to the DOM and the plan, so every rule here
//! has a native test.
//!
//! Pixels are the browser's client pixels; map points are in map units (the
//! web map's `viewBox` is in the same units as the layout).

use super::{step, Dir, Layout, Point, Rect};
use crate::document::ids::PersonId;
use crate::document::plan::{Place, Plan};

/// Zoom limits relative to "fit to screen".
pub const MIN_ZOOM: f64 = 0.5;
pub const MAX_ZOOM: f64 = 10.0;
/// One step of the zoom buttons and the + and − keys.
pub const ZOOM_IN: f64 = 1.25;
pub const ZOOM_OUT: f64 = 0.8;
/// Pointer travel in pixels before a press counts as a drag (a shaky click is a click).
pub const DRAG_THRESHOLD: f64 = 4.0;
/// A finger held this long on a person, without moving, opens them (ms).
pub const LONG_PRESS_MS: f64 = 500.0;

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
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
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

/// Zoom and pan of the map: how much of the scene's frame is shown, and
/// the map point in the middle of the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub zoom: f64,
    pub centre: Point,
}

impl Camera {
    /// The whole frame on screen.
    pub fn fit(frame: Rect) -> Camera {
        Camera {
            zoom: 1.0,
            centre: Point::new(frame.x + frame.w / 2.0, frame.y + frame.h / 2.0),
        }
    }

    /// What this camera shows of `frame`.
    pub fn view(&self, frame: Rect) -> ViewBox {
        let (w, h) = (frame.w / self.zoom, frame.h / self.zoom);
        ViewBox {
            x: self.centre.x - w / 2.0,
            y: self.centre.y - h / 2.0,
            w,
            h,
        }
    }

    /// The same view zoomed by `factor` about its centre, within the limits.
    pub fn zoomed(self, factor: f64) -> Camera {
        Camera {
            zoom: (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM),
            centre: self.centre,
        }
    }

    /// Zoomed by a wheel turn of `delta_px` pixels (negative zooms in),
    /// keeping the map point `at` under the pointer where it is.
    pub fn wheel(self, at: Point, delta_px: f64) -> Camera {
        let zoom = (self.zoom * (-delta_px * 0.0015).exp()).clamp(MIN_ZOOM, MAX_ZOOM);
        let k = self.zoom / zoom;
        Camera {
            zoom,
            centre: Point::new(
                at.x + (self.centre.x - at.x) * k,
                at.y + (self.centre.y - at.y) * k,
            ),
        }
    }

    /// Moved with a pointer that travelled (`dx`, `dy`) pixels.
    pub fn panned(self, dx: f64, dy: f64, units_per_pixel: f64) -> Camera {
        Camera {
            zoom: self.zoom,
            centre: Point::new(
                self.centre.x - dx * units_per_pixel,
                self.centre.y - dy * units_per_pixel,
            ),
        }
    }
}

/// What a press landed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The handle beside a selected person, for drawing a relation.
    Handle(PersonId),
    /// A person or child (its shape, label or badge).
    Node(PersonId),
    /// A relation line, by its two ends.
    Relation(PersonId, PersonId),
    Background,
}

/// One pointer event as the map reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    /// Client pixels.
    pub px: (f64, f64),
    /// The map point under it (`None` while the map has no size).
    pub at: Option<Point>,
    /// Map units per pixel at the time.
    pub units_per_pixel: f64,
    /// When, in ms (the event's `timeStamp`: the core reads no clock).
    pub time: f64,
}

/// What the pointer is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Gesture {
    Idle,
    /// Pressed on a person; a drag once it has moved past the threshold.
    Node {
        id: PersonId,
        pointer: i32,
        start_px: (f64, f64),
        /// The pressed point minus the node's centre.
        grab: Point,
        movable: bool,
        moved: bool,
        /// The pointer's latest pixel (a second finger starts a pinch from it).
        last_px: (f64, f64),
        /// When it was pressed, for a long press ([`Gesture::hold`]).
        since: f64,
    },
    /// A long press opened the person: nothing more until the finger lifts.
    Held,
    /// Pressed on the background or a line: pans once it moves.
    Pan {
        pointer: i32,
        start_px: (f64, f64),
        last_px: (f64, f64),
        camera: Camera,
        moved: bool,
        /// Pressed on a relation line: a click (no pan) opens it for editing.
        relation: Option<(PersonId, PersonId)>,
    },
    /// Drawing a relation from a person.
    Link {
        from: PersonId,
        pointer: i32,
        origin: Point,
    },
    /// Two fingers: the map zooms by their spread and pans with their
    /// midpoint, the map point first between them staying between them.
    Pinch(Pinch),
}

/// The two fingers of a pinch: where they started and are now (pixels),
/// the camera and scale then, and the map point between them then.
#[derive(Clone, Debug, PartialEq)]
pub struct Pinch {
    pointers: [i32; 2],
    start: [(f64, f64); 2],
    now: [(f64, f64); 2],
    camera: Camera,
    units_per_pixel: f64,
    anchor: Point,
}

impl Pinch {
    /// The camera for the fingers as they are now.
    pub fn camera(&self) -> Camera {
        let spread = |p: &[(f64, f64); 2]| (p[0].0 - p[1].0).hypot(p[0].1 - p[1].1).max(1.0);
        let mid = |p: &[(f64, f64); 2]| ((p[0].0 + p[1].0) / 2.0, (p[0].1 + p[1].1) / 2.0);
        let c0 = self.camera;
        let zoom = (c0.zoom * spread(&self.now) / spread(&self.start)).clamp(MIN_ZOOM, MAX_ZOOM);
        let (u0, u1) = (self.units_per_pixel, self.units_per_pixel * c0.zoom / zoom);
        let ((x0, y0), (x1, y1)) = (mid(&self.start), mid(&self.now));
        let a = self.anchor;
        // The anchor sat (a − c0) / u0 pixels from the screen's middle,
        // under the first midpoint; it stays under the midpoint.
        Camera {
            zoom,
            centre: Point::new(
                a.x - (x1 - x0 + (a.x - c0.centre.x) / u0) * u1,
                a.y - (y1 - y0 + (a.y - c0.centre.y) / u0) * u1,
            ),
        }
    }
}

/// What a pointer move changes on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Motion {
    None,
    /// A press became a drag: the node and its lines follow from now on.
    DragStarted {
        id: PersonId,
        centre: Point,
    },
    /// The dragged node is drawn at `centre`.
    Drag {
        id: PersonId,
        centre: Point,
    },
    /// The map is shown through this camera while the pan lasts.
    Pan(Camera),
    /// The line being drawn ends at this point.
    Link {
        from: Point,
        to: Point,
    },
}

/// What a finished gesture means.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    None,
    /// A click on a person.
    Select(PersonId),
    /// A person dropped in another place.
    Move {
        id: PersonId,
        place: Place,
    },
    /// A person dropped in the children's disc, where nobody can be placed.
    DropInCentre,
    /// A click on the background.
    ClearSelection,
    /// A click on a relation line.
    OpenRelation(PersonId, PersonId),
    /// The pan ends here.
    Camera(Camera),
    /// A cancelled pan: back to the camera it started from.
    RestoreView,
    /// A relation drawn from `from`, to the person it was dropped on, if any.
    Relate {
        from: PersonId,
        to: Option<PersonId>,
    },
    /// A long press on a person: open them for editing.
    Open(PersonId),
}

impl Gesture {
    /// The gesture a primary-button press starts. Shift+press on a person,
    /// or a press on its handle, draws a relation; read-only maps only
    /// select and pan.
    pub fn press(
        layout: &Layout,
        readonly: bool,
        camera: Camera,
        target: Target,
        shift: bool,
        p: &Pointer,
    ) -> Gesture {
        let link = |id: PersonId| match layout.node(id) {
            Some(n) => Gesture::Link {
                from: n.id,
                pointer: p.id,
                origin: n.centre,
            },
            None => Gesture::Idle,
        };
        match target {
            Target::Handle(id) if !readonly => link(id),
            Target::Node(id) if shift && !readonly => link(id),
            Target::Node(id) => match (layout.node(id), p.at) {
                (Some(n), Some(at)) => Gesture::Node {
                    id,
                    pointer: p.id,
                    start_px: p.px,
                    grab: Point::new(at.x - n.centre.x, at.y - n.centre.y),
                    movable: !readonly && !n.child,
                    moved: false,
                    last_px: p.px,
                    since: p.time,
                },
                _ => Gesture::Idle,
            },
            Target::Handle(_) | Target::Relation(..) | Target::Background => Gesture::Pan {
                pointer: p.id,
                start_px: p.px,
                last_px: p.px,
                camera,
                moved: false,
                relation: match target {
                    Target::Relation(from, to) if !readonly => Some((from, to)),
                    _ => None,
                },
            },
        }
    }

    /// A second pointer went down (a second finger): a press on a person
    /// or a pan becomes a pinch (a drag under way is dropped: the shell
    /// puts the person back). `camera` is the map's camera before this
    /// gesture. `true` if it is a pinch now; drawing a relation ignores it.
    pub fn second_press(&mut self, camera: Camera, p: &Pointer) -> bool {
        let (first, last_px, camera) = match self {
            Gesture::Node {
                pointer, last_px, ..
            } => (*pointer, *last_px, camera),
            Gesture::Pan {
                pointer,
                start_px,
                last_px,
                camera,
                moved,
                ..
            } => {
                let (dx, dy) = (last_px.0 - start_px.0, last_px.1 - start_px.1);
                let shown = if *moved {
                    camera.panned(dx, dy, p.units_per_pixel)
                } else {
                    *camera
                };
                (*pointer, *last_px, shown)
            }
            _ => return false,
        };
        let Some(at) = p.at else {
            return false;
        };
        if first == p.id {
            return false;
        }
        let u = p.units_per_pixel;
        let mid = ((last_px.0 + p.px.0) / 2.0, (last_px.1 + p.px.1) / 2.0);
        *self = Gesture::Pinch(Pinch {
            pointers: [first, p.id],
            start: [last_px, p.px],
            now: [last_px, p.px],
            camera,
            units_per_pixel: u,
            anchor: Point::new(at.x + (mid.0 - p.px.0) * u, at.y + (mid.1 - p.px.1) * u),
        });
        true
    }

    /// Whether pointer `id` takes part in this gesture (the release of
    /// another finger must not end it).
    pub fn owns(&self, id: i32) -> bool {
        match self {
            Gesture::Idle => false,
            Gesture::Held => true,
            Gesture::Node { pointer, .. }
            | Gesture::Pan { pointer, .. }
            | Gesture::Link { pointer, .. } => *pointer == id,
            Gesture::Pinch(p) => p.pointers.contains(&id),
        }
    }

    /// The shell's timer after a touch press, at `now` ms (the clock of the
    /// events' `timeStamp`): a press on a person held [`LONG_PRESS_MS`]
    /// without becoming a drag opens them. A timer of an earlier press
    /// finds a later one too young, or none, and does nothing.
    pub fn hold(&mut self, now: f64) -> Outcome {
        match *self {
            Gesture::Node {
                id,
                moved: false,
                since,
                ..
            } if now - since >= LONG_PRESS_MS => {
                *self = Gesture::Held;
                Outcome::Open(id)
            }
            _ => Outcome::None,
        }
    }

    /// The link line's start, so the shell can show it from the press on.
    pub fn link_origin(&self) -> Option<Point> {
        match self {
            Gesture::Link { origin, .. } => Some(*origin),
            _ => None,
        }
    }

    /// A pointer move. Moves of other pointers (a second finger) are ignored.
    pub fn motion(&mut self, p: &Pointer) -> Motion {
        let travelled = |start: (f64, f64)| (p.px.0 - start.0).hypot(p.px.1 - start.1);
        match self {
            Gesture::Idle | Gesture::Held => Motion::None,
            Gesture::Node {
                id,
                pointer,
                start_px,
                grab,
                movable,
                moved,
                last_px,
                ..
            } => {
                if p.id != *pointer {
                    return Motion::None;
                }
                *last_px = p.px;
                if !*movable {
                    return Motion::None;
                }
                let started = !*moved;
                if started && travelled(*start_px) < DRAG_THRESHOLD {
                    return Motion::None;
                }
                *moved = true;
                let Some(at) = p.at else {
                    return Motion::None;
                };
                let centre = Point::new(at.x - grab.x, at.y - grab.y);
                if started {
                    Motion::DragStarted { id: *id, centre }
                } else {
                    Motion::Drag { id: *id, centre }
                }
            }
            Gesture::Pan {
                pointer,
                start_px,
                last_px,
                camera,
                moved,
                ..
            } => {
                if p.id != *pointer {
                    return Motion::None;
                }
                *last_px = p.px;
                if !*moved && travelled(*start_px) < DRAG_THRESHOLD {
                    return Motion::None;
                }
                *moved = true;
                Motion::Pan(camera.panned(
                    p.px.0 - start_px.0,
                    p.px.1 - start_px.1,
                    p.units_per_pixel,
                ))
            }
            Gesture::Link {
                pointer, origin, ..
            } => match p.at {
                Some(to) if p.id == *pointer => Motion::Link { from: *origin, to },
                _ => Motion::None,
            },
            Gesture::Pinch(pinch) => match pinch.pointers.iter().position(|id| *id == p.id) {
                Some(i) => {
                    pinch.now[i] = p.px;
                    Motion::Pan(pinch.camera())
                }
                None => Motion::None,
            },
        }
    }

    /// The pointer went up (or the browser cancelled the gesture). One
    /// finger of a pinch lifting ends it; the shell asks [`Gesture::owns`]
    /// first, so another pointer's release ends nothing.
    pub fn release(self, p: &Pointer, cancelled: bool, plan: &Plan, layout: &Layout) -> Outcome {
        match self {
            Gesture::Idle | Gesture::Held => Outcome::None,
            Gesture::Pinch(_) if cancelled => Outcome::RestoreView,
            Gesture::Pinch(mut pinch) => {
                if let Some(i) = pinch.pointers.iter().position(|id| *id == p.id) {
                    pinch.now[i] = p.px;
                }
                Outcome::Camera(pinch.camera())
            }
            Gesture::Node { .. } | Gesture::Link { .. } if cancelled => Outcome::None,
            Gesture::Node {
                id, moved: false, ..
            } => Outcome::Select(id),
            Gesture::Node { id, grab, .. } => {
                let (Some(at), Some(person)) = (p.at, plan.person(id)) else {
                    return Outcome::None;
                };
                match layout
                    .geometry
                    .snap(Point::new(at.x - grab.x, at.y - grab.y))
                {
                    Some(place) if place != person.place => Outcome::Move { id, place },
                    Some(_) => Outcome::None,
                    None => Outcome::DropInCentre,
                }
            }
            Gesture::Pan { .. } if cancelled => Outcome::RestoreView,
            Gesture::Pan {
                moved: false,
                relation: Some((from, to)),
                ..
            } => Outcome::OpenRelation(from, to),
            Gesture::Pan { moved: false, .. } => Outcome::ClearSelection,
            Gesture::Pan {
                start_px, camera, ..
            } => Outcome::Camera(camera.panned(
                p.px.0 - start_px.0,
                p.px.1 - start_px.1,
                p.units_per_pixel,
            )),
            Gesture::Link { from, .. } => Outcome::Relate {
                from,
                to: p.at.and_then(|at| layout.hit(at)).filter(|to| *to != from),
            },
        }
    }
}

/// What a key pressed on a focused person does.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyOutcome {
    /// Not the map's key: let the browser have it.
    Ignored,
    Camera(Camera),
    Select(PersonId),
    /// Enter again on the selected person, or Escape.
    ClearSelection,
    Move {
        id: PersonId,
        place: Place,
    },
    /// An arrow that would take the person off the map.
    CannotMove,
    /// Arrows on a person that is not selected walk to the next one.
    Focus(PersonId),
}

/// What the map knows when a key is pressed.
pub struct KeyContext<'a> {
    pub plan: &'a Plan,
    pub layout: &'a Layout,
    pub frame: Rect,
    pub camera: Camera,
    pub readonly: bool,
    /// The person selected, if any (whether or not it has focus).
    pub selected: Option<PersonId>,
    /// Anything at all is selected (a person, an agreement, …).
    pub any_selection: bool,
}

/// `key` (a `KeyboardEvent.key`) pressed on person `id`: + and − zoom, 0
/// fits, Enter and space select, Escape clears; arrows move the selected
/// person one place (up inwards, down outwards, right clockwise) or walk
/// to the next person when it is not selected.
pub fn key(cx: &KeyContext, id: PersonId, key: &str) -> KeyOutcome {
    match key {
        "+" => return KeyOutcome::Camera(cx.camera.zoomed(ZOOM_IN)),
        "-" | "−" => return KeyOutcome::Camera(cx.camera.zoomed(ZOOM_OUT)),
        "0" => return KeyOutcome::Camera(Camera::fit(cx.frame)),
        "Enter" | " " if cx.selected == Some(id) => return KeyOutcome::ClearSelection,
        "Enter" | " " => return KeyOutcome::Select(id),
        "Escape" if cx.any_selection => return KeyOutcome::ClearSelection,
        _ => {}
    }
    let dir = match key {
        "ArrowUp" => Dir::Inward,
        "ArrowDown" => Dir::Outward,
        "ArrowRight" => Dir::Clockwise,
        "ArrowLeft" => Dir::CounterClockwise,
        _ => return KeyOutcome::Ignored,
    };
    match cx.plan.person(id) {
        Some(person) if cx.selected == Some(id) && !cx.readonly => {
            let place = step(&person.place, dir, cx.layout.geometry.sectors());
            if place == person.place {
                KeyOutcome::CannotMove
            } else {
                KeyOutcome::Move { id, place }
            }
        }
        _ => {
            let nodes = &cx.layout.nodes;
            let Some(i) = nodes.iter().position(|n| n.id == id) else {
                return KeyOutcome::Ignored;
            };
            let j = if matches!(dir, Dir::Clockwise | Dir::Outward) {
                (i + 1) % nodes.len()
            } else {
                (i + nodes.len() - 1) % nodes.len()
            };
            KeyOutcome::Focus(nodes[j].id)
        }
    }
}
