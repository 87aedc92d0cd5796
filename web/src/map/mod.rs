//! The network map: rings, sectors, people and relations drawn as SVG from
//! the core's layout, with zoom, pan, dragging, keyboard moves and drawing
//! relations.
//!
//! The SVG `viewBox` is in core geometry units, so a pointer position maps to
//! a point with one division and the core's `snap` turns it into a place.
//! While a node is dragged only its own transform and its own lines change in
//! the DOM; the plan gets one `Edit` on drop. That keeps a drag on a map of
//! 500 people as cheap as on a map of five.

pub mod add_person;
pub mod draw;
mod legend;
pub mod relate;

pub use legend::Legend;

use crate::state::{t, tf, use_app, Action, AppState, Selection, Tab};
use draw::{relation_shape, ViewBox};
use skyddsnat_core::map::{
    self, layout_with, split_title, Dir, Layout, LayoutOptions, Point, LABEL_FONT,
    SECTOR_TITLE_CHARS,
};
use skyddsnat_core::papers::escape::num;
use skyddsnat_core::{Edit, Label, PersonId, PersonKind, Place, Plan, RelationKind};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};
use yew::prelude::*;

/// Zoom limits relative to "fit to screen".
const MIN_ZOOM: f64 = 0.5;
const MAX_ZOOM: f64 = 10.0;
/// Pointer travel in pixels before a press counts as a drag (a shaky click is a click).
const DRAG_THRESHOLD: f64 = 4.0;
/// Font size of sector labels and the estimated width of one of their characters.
const SECTOR_FONT: f64 = 15.0;
const SECTOR_CHAR_WIDTH: f64 = 8.2;
/// Font size of name labels. The core sizes label boxes for 7 units per
/// character; its own SVG uses 15. A little smaller keeps bold-ish system
/// fonts inside the box on screen.
/// Space around everything drawn.
const MARGIN: f64 = 24.0;

#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// Opens the relation dialog: from whom, and to whom if a drag chose it.
    pub on_relate: Callback<(PersonId, Option<PersonId>)>,
}

/// Memo key: the plan by identity (every edit makes a new `Rc`), so a
/// memo recomputes once per change without comparing whole plans.
pub struct PlanKey(pub Rc<Plan>);

impl PartialEq for PlanKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the map draws, computed once per plan change.
struct Drawing {
    layout: Layout,
    /// Half width and half height of the drawn area around the centre.
    bounds: (f64, f64),
    /// The sector line along which the ring names are written: the one
    /// with the most room around them, so no node hides them.
    ring_label_angle: f64,
    /// How much of the plan rests on each person: agreements plus fallback
    /// steps, as the core counts it for overload.
    load: HashMap<PersonId, usize>,
}

fn drawing(plan: &Plan, hide_names: bool, lang: skyddsnat_core::Lang) -> Drawing {
    let layout = layout_with(
        plan,
        &LayoutOptions {
            hide_names,
            focus: None,
        },
    );
    let outer = layout.geometry.outer_radius();
    let widest_sector = layout
        .geometry
        .sectors()
        .iter()
        .flat_map(|s| split_title(s.label(lang), SECTOR_TITLE_CHARS))
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(10) as f64;
    let bx = layout
        .extent
        .max(outer + 16.0 + widest_sector * SECTOR_CHAR_WIDTH)
        + MARGIN;
    let by = layout.extent.max(outer + SECTOR_FONT) + MARGIN;
    Drawing {
        ring_label_angle: ring_label_angle(&layout),
        layout,
        bounds: (bx, by),
        load: skyddsnat_core::analysis::figures::loads(plan)
            .into_iter()
            .map(|l| (l.person, l.total()))
            .collect(),
    }
}

/// Everybody an agreement rests on.
pub fn agreement_people(a: &skyddsnat_core::Agreement) -> HashSet<PersonId> {
    a.responsible
        .iter()
        .chain(a.checks.iter().flat_map(|c| c.by.iter()))
        .chain(a.chain.iter().flat_map(|s| s.people.iter()))
        .copied()
        .collect()
}

/// Zoom and pan of the map.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Camera {
    zoom: f64,
    centre: Point,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            zoom: 1.0,
            centre: Point::default(),
        }
    }
}

/// One step of the zoom buttons and the + and − keys.
const ZOOM_IN: f64 = 1.25;
const ZOOM_OUT: f64 = 0.8;

impl Camera {
    /// The same view zoomed by `factor` about its centre, within the limits.
    fn zoomed(self, factor: f64) -> Camera {
        Camera {
            zoom: map::clamp(self.zoom * factor, MIN_ZOOM, MAX_ZOOM),
            centre: self.centre,
        }
    }
}

/// A line attached to the node being dragged, with what it needs to be redrawn.
struct AttachedLine {
    line: Element,
    /// The wide invisible twin of the line that takes clicks.
    hit: Option<Element>,
    arrow: Option<Element>,
    kind: RelationKind,
    supports: bool,
    /// The dragged person is the relation's `from` end.
    dragged_is_from: bool,
    other: Point,
    other_radius: f64,
}

/// What the pointer is doing.
enum Gesture {
    Idle,
    /// Pressed on a person; becomes a drag once it moves.
    Node {
        id: PersonId,
        pointer: i32,
        start_px: (f64, f64),
        /// Pointer point minus node centre at the press.
        grab: Point,
        origin: Point,
        radius: f64,
        movable: bool,
        moved: bool,
        element: Option<Element>,
        /// The node's label, badge and handle, moved along with it.
        overlay: Option<Element>,
        lines: Vec<AttachedLine>,
    },
    Pan {
        pointer: i32,
        start_px: (f64, f64),
        view: ViewBox,
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
}

fn transform(p: Point) -> String {
    format!(
        "translate({} {})",
        format_args!("{:.1}", p.x),
        format_args!("{:.1}", p.y)
    )
}

/// The sentence announced after a move: "Birgitta flyttad till ring 1 (Närmast), Släkt".
pub fn moved_message(state: &AppState, id: PersonId, place: &Place) -> String {
    tf(
        state,
        "map.moved",
        &[
            ("name", &state.name(id)),
            ("ring", &place.ring.get().to_string()),
            ("ring_label", place.ring.label(state.lang)),
            ("sector", place.sector.label(state.lang)),
        ],
    )
}

#[function_component]
pub fn MapView(props: &MapProps) -> Html {
    let app = use_app();
    let svg_ref = use_node_ref();
    let preview_ref = use_node_ref();
    let camera = use_state(Camera::default);
    let focus = use_state(|| Option::<PersonId>::None);
    let gesture = use_mut_ref(|| Gesture::Idle);
    let drawing = use_memo(
        (PlanKey(app.plan.clone()), app.hide_names, app.lang),
        |(key, hide, lang)| drawing(&key.0, *hide, *lang),
    );

    // Tell a benchmark harness when the first map has been painted.
    use_effect_with((), |_| {
        mark_painted_after_next_frame();
    });

    let view = ViewBox::of(drawing.bounds, camera.zoom, camera.centre);

    // --- pointer input -------------------------------------------------------
    let to_map = {
        let svg_ref = svg_ref.clone();
        move |client_x: f64, client_y: f64| -> Option<(Point, f64)> {
            let svg = svg_ref.cast::<web_sys::SvgsvgElement>()?;
            // The browser's own reading of the viewBox, so the widget needs
            // no float parser (the standard library's brings a 10 KB table).
            let r = svg.view_box().base_val()?;
            let vb = ViewBox {
                x: r.x().into(),
                y: r.y().into(),
                w: r.width().into(),
                h: r.height().into(),
            };
            if vb.w <= 0.0 || vb.h <= 0.0 {
                return None;
            }
            let rect = svg.get_bounding_client_rect();
            let p = vb.to_map(
                client_x - rect.left(),
                client_y - rect.top(),
                rect.width(),
                rect.height(),
            );
            Some((p, vb.units_per_pixel(rect.width(), rect.height())))
        }
    };

    let onpointerdown = {
        let app = app.clone();
        let gesture = gesture.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let camera = camera.clone();
        let to_map = to_map.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 || !e.is_primary() {
                return;
            }
            let Some(svg) = svg_ref.cast::<Element>() else {
                return;
            };
            let Some((p, _)) = to_map(f64::from(e.client_x()), f64::from(e.client_y())) else {
                return;
            };
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let handle = target
                .as_ref()
                .and_then(|t| t.closest("[data-handle]").ok().flatten());
            // A press on a node's label or badge is a press on the node.
            let node_el = target.as_ref().and_then(|t| {
                if let Some(n) = t.closest("[data-person]").ok().flatten() {
                    return Some(n);
                }
                let id = t
                    .closest("[data-overlay]")
                    .ok()
                    .flatten()?
                    .get_attribute("data-overlay")?;
                svg.query_selector(&format!("[data-person=\"{id}\"]"))
                    .ok()
                    .flatten()
            });
            let start_px = (f64::from(e.client_x()), f64::from(e.client_y()));
            let pointer = e.pointer_id();
            let layout = &drawing.layout;
            let next = if let Some(h) = handle.filter(|_| !app.readonly) {
                let from = h
                    .get_attribute("data-handle")
                    .and_then(|s| s.parse().ok())
                    .map(PersonId);
                match from.and_then(|id| layout.node(id)) {
                    Some(n) => Gesture::Link {
                        from: n.id,
                        pointer,
                        origin: n.centre,
                    },
                    None => Gesture::Idle,
                }
            } else if let Some(el) = node_el {
                let id = el
                    .get_attribute("data-person")
                    .and_then(|s| s.parse().ok())
                    .map(PersonId);
                match id.and_then(|id| layout.node(id)) {
                    Some(n) if e.shift_key() && !app.readonly => Gesture::Link {
                        from: n.id,
                        pointer,
                        origin: n.centre,
                    },
                    Some(n) => Gesture::Node {
                        overlay: svg
                            .query_selector(&format!("[data-overlay=\"{}\"]", n.id))
                            .ok()
                            .flatten(),
                        id: n.id,
                        pointer,
                        start_px,
                        grab: Point::new(p.x - n.centre.x, p.y - n.centre.y),
                        origin: n.centre,
                        radius: n.radius,
                        movable: !app.readonly && !n.child,
                        moved: false,
                        element: Some(el),
                        lines: Vec::new(),
                    },
                    None => Gesture::Idle,
                }
            } else {
                let relation = target
                    .as_ref()
                    .and_then(|t| t.closest("[data-rel]").ok().flatten())
                    .filter(|_| !app.readonly)
                    .and_then(|g| {
                        let id = |name: &str| {
                            g.get_attribute(name)
                                .and_then(|s| s.parse().ok())
                                .map(PersonId)
                        };
                        Some((id("data-from")?, id("data-to")?))
                    });
                Gesture::Pan {
                    pointer,
                    start_px,
                    view: ViewBox::of(drawing.bounds, camera.zoom, camera.centre),
                    camera: *camera,
                    moved: false,
                    relation,
                }
            };
            if matches!(next, Gesture::Idle) {
                return;
            }
            if let Gesture::Link { origin, .. } = &next {
                if let Some(line) = preview_ref.cast::<Element>() {
                    for (k, v) in [("x1", origin.x), ("y1", origin.y), ("x2", p.x), ("y2", p.y)] {
                        let _ = line.set_attribute(k, &format!("{:.1}", v));
                    }
                    let _ = line.set_attribute("class", "skn-link-preview");
                }
            }
            let _ = svg.set_pointer_capture(pointer);
            *gesture.borrow_mut() = next;
        })
    };

    let onpointermove = {
        let gesture = gesture.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let to_map = to_map.clone();
        let plan = app.plan.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let client = (f64::from(e.client_x()), f64::from(e.client_y()));
            match &mut *g {
                Gesture::Idle => {}
                Gesture::Node {
                    id,
                    pointer,
                    start_px,
                    grab,
                    radius,
                    movable,
                    moved,
                    element,
                    overlay,
                    lines,
                    ..
                } => {
                    if e.pointer_id() != *pointer || !*movable {
                        return;
                    }
                    if !*moved {
                        if (client.0 - start_px.0).hypot(client.1 - start_px.1) < DRAG_THRESHOLD {
                            return;
                        }
                        *moved = true;
                        if let Some(svg) = svg_ref.cast::<Element>() {
                            *lines = attached_lines(&svg, &plan, &drawing.layout, *id);
                        }
                        if let Some(el) = element {
                            let _ = el.class_list().add_1("skn-node--dragging");
                        }
                    }
                    let Some((p, _)) = to_map(client.0, client.1) else {
                        return;
                    };
                    let centre = Point::new(p.x - grab.x, p.y - grab.y);
                    for el in [&*element, &*overlay].into_iter().flatten() {
                        let _ = el.set_attribute("transform", &transform(centre));
                    }
                    redraw_lines(lines, centre, *radius);
                }
                Gesture::Pan {
                    pointer,
                    start_px,
                    view,
                    moved,
                    ..
                } => {
                    if e.pointer_id() != *pointer {
                        return;
                    }
                    let Some(svg) = svg_ref.cast::<Element>() else {
                        return;
                    };
                    let (dx, dy) = (client.0 - start_px.0, client.1 - start_px.1);
                    if !*moved && dx.hypot(dy) < DRAG_THRESHOLD {
                        return;
                    }
                    *moved = true;
                    let rect = svg.get_bounding_client_rect();
                    let u = view.units_per_pixel(rect.width(), rect.height());
                    let panned = ViewBox {
                        x: view.x - dx * u,
                        y: view.y - dy * u,
                        ..*view
                    };
                    let _ = svg.set_attribute("viewBox", &panned.attr());
                }
                Gesture::Link { pointer, .. } => {
                    if e.pointer_id() != *pointer {
                        return;
                    }
                    if let (Some(line), Some((p, _))) =
                        (preview_ref.cast::<Element>(), to_map(client.0, client.1))
                    {
                        let _ = line.set_attribute("x2", &format!("{:.1}", p.x));
                        let _ = line.set_attribute("y2", &format!("{:.1}", p.y));
                    }
                }
            }
        })
    };

    let finish = {
        let app = app.clone();
        let gesture = gesture.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let camera = camera.clone();
        let focus = focus.clone();
        let to_map = to_map.clone();
        let on_relate = props.on_relate.clone();
        Callback::from(move |(e, cancelled): (PointerEvent, bool)| {
            let g = std::mem::replace(&mut *gesture.borrow_mut(), Gesture::Idle);
            let client = (f64::from(e.client_x()), f64::from(e.client_y()));
            if let Some(svg) = svg_ref.cast::<Element>() {
                if svg.has_pointer_capture(e.pointer_id()) {
                    let _ = svg.release_pointer_capture(e.pointer_id());
                }
            }
            match g {
                Gesture::Idle => {}
                Gesture::Node {
                    id,
                    grab,
                    origin,
                    radius,
                    moved,
                    element,
                    overlay,
                    mut lines,
                    ..
                } => {
                    // Put the DOM back where the model has it: the re-render
                    // after the edit then moves it, and a cancelled drag ends here.
                    if let Some(el) = &element {
                        let _ = el.class_list().remove_1("skn-node--dragging");
                    }
                    for el in [&element, &overlay].into_iter().flatten() {
                        let _ = el.set_attribute("transform", &transform(origin));
                    }
                    redraw_lines(&mut lines, origin, radius);
                    if cancelled {
                        return;
                    }
                    if !moved {
                        select_person(&app, id);
                        focus.set(Some(id));
                        if let Some(el) = element.and_then(|el| el.dyn_into::<SvgElement>().ok()) {
                            let _ = el.focus();
                        }
                        return;
                    }
                    let Some((p, _)) = to_map(client.0, client.1) else {
                        return;
                    };
                    let centre = Point::new(p.x - grab.x, p.y - grab.y);
                    let Some(person) = app.plan.person(id) else {
                        return;
                    };
                    match drawing.layout.geometry.snap(centre) {
                        Some(place) if place != person.place => {
                            let mut moved_person = person.clone();
                            moved_person.place = place;
                            let text = moved_message(&app, id, &place);
                            app.dispatch(Action::EditAnnounced(Edit::update(moved_person), text));
                        }
                        Some(_) => {}
                        None => app.dispatch(Action::Announce(t(&app, "map.drop_in_centre"))),
                    }
                }
                Gesture::Pan {
                    view,
                    camera: start,
                    moved,
                    start_px,
                    relation,
                    ..
                } => {
                    if cancelled {
                        if let Some(svg) = svg_ref.cast::<Element>() {
                            let _ = svg.set_attribute("viewBox", &view.attr());
                        }
                        return;
                    }
                    if let (false, Some((from, to))) = (moved, relation) {
                        on_relate.emit((from, Some(to)));
                        return;
                    }
                    if !moved {
                        // A click on the background clears the selection.
                        if app.selection != Selection::None {
                            app.dispatch(Action::Select(Selection::None));
                        }
                        return;
                    }
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let rect = svg.get_bounding_client_rect();
                        let u = view.units_per_pixel(rect.width(), rect.height());
                        camera.set(Camera {
                            zoom: start.zoom,
                            centre: Point::new(
                                start.centre.x - (client.0 - start_px.0) * u,
                                start.centre.y - (client.1 - start_px.1) * u,
                            ),
                        });
                    }
                }
                Gesture::Link { from, .. } => {
                    if let Some(line) = preview_ref.cast::<Element>() {
                        let _ = line.set_attribute("class", "skn-link-preview skn-hidden");
                    }
                    if cancelled {
                        return;
                    }
                    let to = to_map(client.0, client.1)
                        .and_then(|(p, _)| drawing.layout.hit(p))
                        .filter(|to| *to != from);
                    on_relate.emit((from, to));
                }
            }
        })
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish.emit((e, false)))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| finish.emit((e, true)));

    let onwheel = {
        let camera = camera.clone();
        let to_map = to_map.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some((p, _)) = to_map(f64::from(e.client_x()), f64::from(e.client_y())) else {
                return;
            };
            // Lines (deltaMode 1) scroll about 16 px each.
            let delta = if e.delta_mode() == 1 {
                e.delta_y() * 16.0
            } else {
                e.delta_y()
            };
            let zoom = map::clamp(camera.zoom * (-delta * 0.0015).exp(), MIN_ZOOM, MAX_ZOOM);
            let k = camera.zoom / zoom;
            // Keep the point under the pointer where it is.
            camera.set(Camera {
                zoom,
                centre: Point::new(
                    p.x + (camera.centre.x - p.x) * k,
                    p.y + (camera.centre.y - p.y) * k,
                ),
            });
        })
    };

    let zoom_by = |factor: f64| {
        let camera = camera.clone();
        Callback::from(move |_: MouseEvent| camera.set(camera.zoomed(factor)))
    };
    let fit = {
        let camera = camera.clone();
        Callback::from(move |_: MouseEvent| camera.set(Camera::default()))
    };

    // --- keyboard ------------------------------------------------------------
    let onkeydown = {
        let app = app.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let focus = focus.clone();
        let camera = camera.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-person]").ok().flatten())
                .and_then(|el| el.get_attribute("data-person"))
                .and_then(|s| s.parse().ok())
                .map(PersonId)
            else {
                return;
            };
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let key = e.key();
            // Zoom from the keyboard as with the buttons: + and − zoom, 0 fits.
            let view = match key.as_str() {
                "+" => Some(camera.zoomed(ZOOM_IN)),
                "-" | "−" => Some(camera.zoomed(ZOOM_OUT)),
                "0" => Some(Camera::default()),
                _ => None,
            };
            if let Some(view) = view {
                e.prevent_default();
                camera.set(view);
                return;
            }
            let dir = match key.as_str() {
                "ArrowUp" => Some(Dir::Inward),
                "ArrowDown" => Some(Dir::Outward),
                "ArrowRight" => Some(Dir::Clockwise),
                "ArrowLeft" => Some(Dir::CounterClockwise),
                _ => None,
            };
            match (key.as_str(), dir) {
                ("Enter" | " ", _) => {
                    e.prevent_default();
                    if app.selection == Selection::Person(id) {
                        app.dispatch(Action::Select(Selection::None));
                    } else {
                        select_person(&app, id);
                    }
                }
                ("Escape", _) if app.selection != Selection::None => {
                    e.prevent_default();
                    app.dispatch(Action::Select(Selection::None));
                    app.dispatch(Action::Announce(t(&app, "map.selection_cleared")));
                }
                (_, Some(dir)) => {
                    e.prevent_default();
                    let person = app.plan.person(id);
                    match person {
                        Some(person) if app.selection == Selection::Person(id) && !app.readonly => {
                            let place =
                                map::step(&person.place, dir, drawing.layout.geometry.sectors());
                            if place == person.place {
                                app.dispatch(Action::Announce(t(&app, "map.cannot_move")));
                                return;
                            }
                            let mut moved = person.clone();
                            moved.place = place;
                            let text = moved_message(&app, id, &place);
                            app.dispatch(Action::EditAnnounced(Edit::update(moved), text));
                        }
                        _ => {
                            // Not selected: arrows walk from node to node.
                            let nodes = &drawing.layout.nodes;
                            let Some(i) = nodes.iter().position(|n| n.id == id) else {
                                return;
                            };
                            let forward = matches!(dir, Dir::Clockwise | Dir::Outward);
                            let j = if forward {
                                (i + 1) % nodes.len()
                            } else {
                                (i + nodes.len() - 1) % nodes.len()
                            };
                            let next = nodes[j].id;
                            focus.set(Some(next));
                            focus_node(&svg_ref, next);
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let onfocusin = {
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.get_attribute("data-person"))
                .and_then(|s| s.parse().ok())
                .map(PersonId);
            if let Some(id) = id {
                if *focus != Some(id) {
                    focus.set(Some(id));
                }
            }
        })
    };

    // --- drawing -------------------------------------------------------------
    let layout = &drawing.layout;
    let geo = &layout.geometry;
    let state: &AppState = &app;
    let tab_stop = focus
        .filter(|id| layout.node(*id).is_some())
        .or_else(|| layout.nodes.first().map(|n| n.id));

    let involved: Option<HashSet<PersonId>> = match app.selection {
        Selection::Agreement(aid) => app.plan.agreement(aid).map(agreement_people),
        _ => None,
    };
    // A selection can outlive its person (undo of an add, a replaced plan):
    // then nothing is selected, rather than everything dimmed.
    let selected_person = match app.selection {
        Selection::Person(id) if layout.node(id).is_some() => Some(id),
        _ => None,
    };

    let rings = {
        let mut out = Vec::new();
        for ring in skyddsnat_core::Ring::ALL.iter().rev() {
            let (_, r1) = geo.ring_band(*ring);
            out.push(html! {
                <circle class={format!("skn-ring skn-ring--{}", ring.get())} cx="0" cy="0" r={format!("{:.1}", r1)} />
            });
        }
        out.push(html! {
            <circle class="skn-ring skn-ring--centre" cx="0" cy="0" r={format!("{:.1}", geo.centre_radius())} />
        });
        out
    };
    let sector_lines = geo.sectors().iter().map(|s| {
        let (a0, _) = geo.sector_angles(*s);
        let p0 = Point::polar(geo.centre_radius(), a0);
        let p1 = Point::polar(geo.outer_radius(), a0);
        html! {
            <line class="skn-sector-line" x1={format!("{:.1}", p0.x)} y1={format!("{:.1}", p0.y)}
                x2={format!("{:.1}", p1.x)} y2={format!("{:.1}", p1.y)} />
        }
    });
    let sector_labels = geo.sectors().iter().map(|s| {
        let (a0, a1) = geo.sector_angles(*s);
        let p = Point::polar(geo.outer_radius() + 14.0, (a0 + a1) / 2.0);
        let anchor = if p.x > 20.0 {
            "start"
        } else if p.x < -20.0 {
            "end"
        } else {
            "middle"
        };
        let lines = split_title(s.label(state.lang), SECTOR_TITLE_CHARS);
        // Two lines sit one above and one below the anchor point.
        let first_dy = -(lines.len() as f64 - 1.0) * SECTOR_FONT * 0.6;
        html! {
            <text class="skn-sector-label" x={format!("{:.1}", p.x)} y={format!("{:.1}", p.y)}
                text-anchor={anchor} dominant-baseline="middle" font-size={num(SECTOR_FONT)}>
                { for lines.iter().enumerate().map(|(i, line)| html! {
                    <tspan x={format!("{:.1}", p.x)}
                        dy={format!("{:.1}", if i == 0 { first_dy } else { SECTOR_FONT * 1.2 })}>
                        { line.clone() }
                    </tspan>
                }) }
            </text>
        }
    });
    let ring_label_angle = drawing.ring_label_angle;
    let ring_labels = skyddsnat_core::Ring::ALL.iter().map(|ring| {
        let (r0, r1) = geo.ring_band(*ring);
        let p = Point::polar((r0 + r1) / 2.0, ring_label_angle);
        html! {
            <text class="skn-ring-label" x={format!("{:.1}", p.x + 4.0)} y={format!("{:.1}", p.y)}
                dominant-baseline="middle" font-size="13">
                { format!("{} {}", ring.get(), ring.label(state.lang)) }
            </text>
        }
    });

    let relations = app.plan.relations().iter().filter_map(|r| {
        let a = layout.node(r.from)?;
        let b = layout.node(r.to)?;
        let shape = relation_shape(r.kind, r.supports, a.centre, a.radius, b.centre, b.radius);
        let touches_selected = selected_person.is_some_and(|id| id == r.from || id == r.to);
        let dim = involved
            .as_ref()
            .is_some_and(|set| !(set.contains(&r.from) && set.contains(&r.to)))
            || selected_person.is_some() && !touches_selected;
        let class = classes!(
            "skn-rel",
            kind_class(r.kind),
            touches_selected.then_some("skn-rel--selected"),
            dim.then_some("skn-rel--dim"),
        );
        let label = tf(
            state,
            if r.supports {
                "map.relation_supports"
            } else {
                "map.relation"
            },
            &[
                ("from", &state.name(r.from)),
                ("to", &state.name(r.to)),
                ("kind", r.kind.label(state.lang)),
            ],
        );
        Some(html! {
            <g key={format!("r{}", r.id)} class={class} data-rel={r.id.to_string()}
                data-from={r.from.to_string()} data-to={r.to.to_string()}>
                <title>{ label }</title>
                <path class="skn-rel-hit" d={shape.line.clone()} />
                <path class="skn-rel-line" d={shape.line} />
                if let Some(d) = shape.arrow {
                    <path class="skn-rel-arrow" d={d} />
                }
            </g>
        })
    });

    let nodes = layout.nodes.iter().map(|n| {
        let person = app.plan.person(n.id);
        let professional = person.is_some_and(|p| p.kind == PersonKind::Professional);
        let selected = selected_person == Some(n.id);
        let in_agreement = involved.as_ref().is_some_and(|s| s.contains(&n.id));
        let dim = involved.is_some() && !in_agreement;
        let class = classes!(
            "skn-node",
            if n.child {
                "skn-node--child"
            } else if professional {
                "skn-node--professional"
            } else {
                "skn-node--private"
            },
            selected.then_some("skn-node--selected"),
            in_agreement.then_some("skn-node--involved"),
            dim.then_some("skn-node--dim"),
            (!app.readonly && !n.child).then_some("skn-node--movable"),
        );
        let r = n.radius;
        let shape = if professional {
            html! { <rect class="skn-node-shape" x={format!("{:.1}", -r)} y={format!("{:.1}", -r)}
                width={format!("{:.1}", 2.0 * r)} height={format!("{:.1}", 2.0 * r)} rx="4" /> }
        } else {
            html! { <circle class="skn-node-shape" cx="0" cy="0" r={format!("{:.1}", r)} /> }
        };
        let lr = n.label_rect;
        let load = drawing.load.get(&n.id).copied().unwrap_or(0);
        let description = node_description(state, n.id, n.child, load);
        let tabindex = if tab_stop == Some(n.id) { "0" } else { "-1" };
        // The button holds only shapes: its name is the aria-label, and the
        // visible label, load badge and handle sit in an overlay group that
        // moves with it (text inside a button would have to match its name).
        let node = html! {
            <g key={format!("n{}", n.id)} class={class} transform={transform(n.centre)}
                data-person={n.id.to_string()} tabindex={tabindex} role="button"
                aria-pressed={selected.to_string()} aria-label={description}>
                if selected {
                    <circle class="skn-node-halo" cx="0" cy="0" r={format!("{:.1}", r + 6.0)} />
                }
                { shape }
            </g>
        };
        let overlay_class = classes!(
            "skn-node-overlay",
            dim.then_some("skn-node--dim"),
            (!app.readonly && !n.child).then_some("skn-node--movable"),
        );
        let overlay = html! {
            <g key={format!("o{}", n.id)} class={overlay_class} transform={transform(n.centre)}
                data-overlay={n.id.to_string()} aria-hidden="true">
                <rect class="skn-label-bg" x={format!("{:.1}", lr.x - n.centre.x)} y={format!("{:.1}", lr.y - n.centre.y)}
                    width={format!("{:.1}", lr.w)} height={format!("{:.1}", lr.h)} rx="3" />
                <text class="skn-label" x={format!("{:.1}", lr.x - n.centre.x + lr.w / 2.0)}
                    y={format!("{:.1}", lr.y - n.centre.y + lr.h / 2.0 + 0.5)}
                    text-anchor="middle" dominant-baseline="middle" font-size={num(LABEL_FONT)}>
                    { n.label.clone() }
                </text>
                if load > 0 {
                    <g class={classes!("skn-load", (load >= skyddsnat_core::analysis::figures::OVERLOAD_AT).then_some("skn-load--over"))}
                        transform={format!("translate({} {})", format_args!("{:.1}", r * 0.9), format_args!("{:.1}", -r * 0.9))}>
                        <circle r="7" />
                        <text text-anchor="middle" dominant-baseline="central" font-size="9">{ load }</text>
                    </g>
                }
                if selected && !app.readonly && !n.child {
                    <g class="skn-handle" data-handle={n.id.to_string()}
                        transform={format!("translate({} 0)", format_args!("{:.1}", r + 13.0))}>
                        <circle r="7" />
                        <path d="M-3.5 0H3.5M0 -3.5V3.5" />
                        <title>{ t(state, "map.handle") }</title>
                    </g>
                }
            </g>
        };
        (node, overlay)
    });
    let (nodes, overlays): (Vec<Html>, Vec<Html>) = nodes.unzip();

    let describe_id = app.dom_id("map-help");
    html! {
        <div class="skn-map">
            <svg ref={svg_ref} class="skn-map-svg" viewBox={view.attr()}
                preserveAspectRatio="xMidYMid meet" role="group"
                aria-label={t(state, "map.label")} aria-describedby={describe_id.clone()}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onwheel}
                {onkeydown} {onfocusin}>
                <g class="skn-grid" aria-hidden="true">
                    { for rings }
                    { for sector_lines }
                    { for sector_labels }
                    { for ring_labels }
                </g>
                <g class="skn-relations">{ for relations }</g>
                <line ref={preview_ref} class="skn-link-preview skn-hidden" x1="0" y1="0" x2="0" y2="0" />
                <g class="skn-nodes">{ for nodes }</g>
                <g class="skn-overlays">{ for overlays }</g>
            </svg>
            <p id={describe_id} class="skn-visually-hidden">{ t(state, "map.keys_help") }</p>
            <div class="skn-zoom" role="group" aria-label={t(state, "map.zoom")}>
                <button type="button" class="skn-icon-button" onclick={zoom_by(ZOOM_IN)}
                    aria-label={t(state, "map.zoom_in")} title={t(state, "map.zoom_in")}>{ "+" }</button>
                <button type="button" class="skn-icon-button" onclick={zoom_by(ZOOM_OUT)}
                    aria-label={t(state, "map.zoom_out")} title={t(state, "map.zoom_out")}>{ "−" }</button>
                <button type="button" class="skn-button skn-button--small" onclick={fit}>{ t(state, "map.fit") }</button>
            </div>
        </div>
    }
}

/// The sector boundary whose ring-name spots are furthest from any node
/// (ties go to the top line, where readers look first).
fn ring_label_angle(layout: &Layout) -> f64 {
    let geo = &layout.geometry;
    // Room for about ten characters to the right of each spot.
    const LABEL_LENGTH: f64 = 70.0;
    let room = |angle: f64| {
        skyddsnat_core::Ring::ALL
            .iter()
            .flat_map(|ring| {
                let (r0, r1) = geo.ring_band(*ring);
                let p = Point::polar((r0 + r1) / 2.0, angle);
                [0.0, 0.5, 1.0].map(|f| Point::new(p.x + f * LABEL_LENGTH, p.y))
            })
            .map(|spot| {
                layout
                    .nodes
                    .iter()
                    .map(|n| n.centre.distance(spot) - n.radius)
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut best = (0.0, room(0.0));
    for s in geo.sectors() {
        let angle = geo.sector_angles(*s).0;
        let r = room(angle);
        if r > best.1 + 1e-6 {
            best = (angle, r);
        }
    }
    best.0
}

/// Enter in a select, radio button or checkbox of a dialog's form submits
/// it, as Enter in a text field does: the keyboard path stays one key long.
pub fn submit_on_enter(e: &KeyboardEvent) {
    if e.key() != "Enter" || e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key() {
        return;
    }
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let kind = target.get_attribute("type").unwrap_or_default();
    let choice = match target.tag_name().to_ascii_uppercase().as_str() {
        "SELECT" => true,
        "INPUT" => kind == "radio" || kind == "checkbox",
        _ => false,
    };
    if !choice {
        return;
    }
    if let Some(form) = target.closest("form").ok().flatten() {
        e.prevent_default();
        if let Ok(f) = js_sys::Reflect::get(&form, &"requestSubmit".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call0(&form);
            }
        }
    }
}

fn kind_class(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Strong => "skn-rel--strong",
        RelationKind::Weak => "skn-rel--weak",
        RelationKind::Stressful => "skn-rel--stressful",
        RelationKind::Broken => "skn-rel--broken",
    }
}

/// What a screen reader hears for a node: name, role, where, and the load.
fn node_description(state: &AppState, id: PersonId, child: bool, load: usize) -> String {
    if child {
        return tf(state, "map.node_child", &[("name", &state.name(id))]);
    }
    let Some(p) = state.plan.person(id) else {
        return state.name(id);
    };
    // With names hidden the role already stands in for the name.
    let role = if state.hide_names { "" } else { p.role.trim() };
    tf(
        state,
        if role.is_empty() {
            "map.node_no_role"
        } else {
            "map.node"
        },
        &[
            ("name", &state.name(id)),
            ("role", role),
            ("kind", p.kind.label(state.lang)),
            ("ring", &p.place.ring.get().to_string()),
            ("sector", p.place.sector.label(state.lang)),
            ("load", &load.to_string()),
        ],
    )
}

fn select_person(app: &UseReducerHandle<AppState>, id: PersonId) {
    app.dispatch(Action::Select(Selection::Person(id)));
    if app.tab != Tab::Person {
        app.dispatch(Action::SetTab(Tab::Person));
    }
    app.dispatch(Action::Announce(tf(
        app,
        "map.selected",
        &[("name", &app.name(id))],
    )));
}

fn focus_node(svg_ref: &NodeRef, id: PersonId) {
    let el = svg_ref
        .cast::<Element>()
        .and_then(|svg| {
            svg.query_selector(&format!("[data-person=\"{id}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<SvgElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// The drawn lines that end at `id`, looked up once when a drag starts.
fn attached_lines(svg: &Element, plan: &Plan, layout: &Layout, id: PersonId) -> Vec<AttachedLine> {
    plan.relations()
        .iter()
        .filter(|r| r.from == id || r.to == id)
        .filter_map(|r| {
            let group = svg
                .query_selector(&format!("[data-rel=\"{}\"]", r.id))
                .ok()
                .flatten()?;
            let line = group.query_selector(".skn-rel-line").ok().flatten()?;
            let arrow = group.query_selector(".skn-rel-arrow").ok().flatten();
            let hit = group.query_selector(".skn-rel-hit").ok().flatten();
            let dragged_is_from = r.from == id;
            let other = layout.node(if dragged_is_from { r.to } else { r.from })?;
            Some(AttachedLine {
                line,
                hit,
                arrow,
                kind: r.kind,
                supports: r.supports,
                dragged_is_from,
                other: other.centre,
                other_radius: other.radius,
            })
        })
        .collect()
}

fn redraw_lines(lines: &mut [AttachedLine], centre: Point, radius: f64) {
    for l in lines.iter() {
        let shape = if l.dragged_is_from {
            relation_shape(l.kind, l.supports, centre, radius, l.other, l.other_radius)
        } else {
            relation_shape(l.kind, l.supports, l.other, l.other_radius, centre, radius)
        };
        let _ = l.line.set_attribute("d", &shape.line);
        if let Some(hit) = &l.hit {
            let _ = hit.set_attribute("d", &shape.line);
        }
        if let (Some(el), Some(d)) = (&l.arrow, shape.arrow) {
            let _ = el.set_attribute("d", &d);
        }
    }
}

/// `performance.mark("skyddsnat-map-painted")` after the next frame, once per page.
fn mark_painted_after_next_frame() {
    thread_local! {
        static MARKED: RefCell<bool> = const { RefCell::new(false) };
    }
    if MARKED.with(|m| m.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("skyddsnat-map-painted");
        }
    });
    let _ = window.request_animation_frame(cb.unchecked_ref());
}
