//! The network map on screen: the core's [`Scene`] rendered as SVG (the
//! same elements and attributes the printed map has), plus what only a
//! screen has — selection, focus, dimming, the relation handle — and the
//! gestures of [`skyddsnat_core::map::gesture`] applied to the DOM.
//!
//! The SVG `viewBox` is in core geometry units, so a pointer position maps to
//! a point with one division and the core's `snap` turns it into a place.
//! While a node is dragged only its own transform and its own lines change in
//! the DOM; the plan gets one `Edit` on drop. That keeps a drag on a map of
//! 500 people as cheap as on a map of five.

pub mod add_person;
mod legend;
pub mod relate;

pub use legend::Legend;

use crate::state::{t, tf, use_app, Action, AppState, Selection, Tab};
use skyddsnat_core::map::gesture::{
    self, Camera, Gesture, KeyContext, KeyOutcome, Motion, Outcome, Pointer, Target, ViewBox,
    ZOOM_IN, ZOOM_OUT,
};
use skyddsnat_core::map::scene::{
    chain_badge, chain_letters, focus_label, highlight_ring, relation_shape, translate, Mark,
    NodeKind, RelationShape, Scene, Text,
};
use skyddsnat_core::map::{fit, layout_with, Layout, LayoutOptions, Point, Screen};
use skyddsnat_core::{Edit, Label, PersonId, Place, Plan, RelationKind};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};
use yew::prelude::*;
use yew::virtual_dom::VTag;

#[derive(Properties, PartialEq)]
pub struct MapProps {
    /// Opens the relation dialog: from whom, and to whom if a drag chose it.
    pub on_relate: Callback<(PersonId, Option<PersonId>)>,
    /// Opens a person for editing (a long press on a touch screen).
    #[prop_or_default]
    pub on_open: Callback<PersonId>,
}

/// Memo key: the plan by identity (every edit makes a new `Rc`), so a
/// memo recomputes once per change without comparing whole plans.
#[derive(Clone)]
pub struct PlanKey(pub Rc<Plan>);

impl PartialEq for PlanKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The layout and the scene drawn from it, computed once per plan change.
pub struct MapDrawing {
    pub layout: Layout,
    pub scene: Scene,
}

/// The map of `plan` as the screen draws it: fitted to `screen` (names a
/// size in screen pixels, see [`skyddsnat_core::map::fit`]) once the map's
/// size is known, as on paper before.
pub fn map_drawing(
    plan: &Plan,
    hide_names: bool,
    lang: skyddsnat_core::Lang,
    screen: Option<Screen>,
) -> MapDrawing {
    let options = LayoutOptions {
        hide_names,
        ..Default::default()
    };
    let (layout, scene) = match screen {
        Some(screen) => fit(plan, lang, &options, screen),
        None => {
            let layout = layout_with(plan, &options);
            let scene = Scene::new(plan, &layout, lang, hide_names);
            (layout, scene)
        }
    };
    MapDrawing { layout, scene }
}

/// The screen of a map drawn `width` × `height` CSS px: sizes rounded to
/// 16 px, so that a scroll bar or a pixel of resizing does not lay the map
/// out again.
pub fn screen_for(width: f64, height: f64, presentation: bool) -> Option<Screen> {
    let round = |v: f64| (v / 16.0).round() * 16.0;
    (width >= 16.0 && height >= 16.0).then(|| Screen {
        width: round(width),
        height: round(height),
        presentation,
    })
}

/// A kept drawing: of which plan, names hidden or not, in which language,
/// on which screen.
type KeptDrawing = (
    std::rc::Weak<Plan>,
    bool,
    skyddsnat_core::Lang,
    Option<Screen>,
    Rc<MapDrawing>,
);

thread_local! {
    /// The latest drawings, by plan identity: the map is unmounted while
    /// the list is shown, and laying out 2,000 people again on the way back
    /// would be most of that switch's time. A few entries, so that widgets
    /// side by side do not evict each other; an entry whose plan is gone
    /// (an edit made a new one, the widget was destroyed) is dropped.
    static DRAWINGS: RefCell<Vec<KeptDrawing>> = const { RefCell::new(Vec::new()) };
}

/// How many drawings [`cached_drawing`] keeps.
const DRAWINGS_KEPT: usize = 4;

/// The drawing of `plan` as the screen draws it, computed once per plan
/// (and per hide names, language).
pub fn cached_drawing(
    plan: &Rc<Plan>,
    hide_names: bool,
    lang: skyddsnat_core::Lang,
    screen: Option<Screen>,
) -> Rc<MapDrawing> {
    let found = DRAWINGS.with(|d| {
        let mut d = d.borrow_mut();
        d.retain(|(p, ..)| p.strong_count() > 0);
        d.iter()
            .find(|(p, h, l, s, _)| {
                std::ptr::eq(p.as_ptr(), Rc::as_ptr(plan))
                    && *h == hide_names
                    && *l == lang
                    && *s == screen
            })
            .map(|(.., drawing)| drawing.clone())
    });
    if let Some(drawing) = found {
        return drawing;
    }
    let drawing = Rc::new(map_drawing(plan, hide_names, lang, screen));
    DRAWINGS.with(|d| {
        let mut d = d.borrow_mut();
        d.insert(
            0,
            (
                Rc::downgrade(plan),
                hide_names,
                lang,
                screen,
                drawing.clone(),
            ),
        );
        d.truncate(DRAWINGS_KEPT);
    });
    drawing
}

/// A scene element as a DOM element with exactly the scene's attributes.
pub fn mark_html(m: &Mark, class: &'static str) -> Html {
    let mut tag = VTag::new(m.tag());
    tag.add_attribute("class", class);
    for (name, value) in m.attrs() {
        tag.add_attribute(name, value);
    }
    tag.into()
}

/// A scene text, one `<tspan>` per line.
pub fn text_html(text: &Text, class: &'static str) -> Html {
    let mut tag = VTag::new("text");
    tag.add_attribute("class", class);
    for (name, value) in text.attrs() {
        tag.add_attribute(name, value);
    }
    for (line, at) in &text.lines {
        let mut span = VTag::new("tspan");
        for (name, value) in Text::line_attrs(*at) {
            span.add_attribute(name, value);
        }
        span.add_child(html! { { line.clone() } });
        tag.add_child(span.into());
    }
    tag.into()
}

/// A line attached to the node being dragged, with what it needs to be redrawn.
struct AttachedLine {
    line: Element,
    /// The wide invisible twin of the line that takes clicks.
    hit: Option<Element>,
    cross: Option<Element>,
    arrow: Option<Element>,
    kind: RelationKind,
    supports: bool,
    /// The dragged person is the relation's `from` end.
    dragged_is_from: bool,
    other: Point,
    other_radius: f64,
    /// The layout's [`Layout::mark_scale`].
    scale: f64,
}

/// The DOM of the node a press landed on, moved while it is dragged.
struct Pressed {
    element: Element,
    /// The node's label, badge and handle.
    overlay: Option<Element>,
    /// Its whole name while it has the keyboard's focus.
    focus_label: Option<Element>,
    lines: Vec<AttachedLine>,
    origin: Point,
    radius: f64,
}

impl Pressed {
    fn draw_at(&mut self, centre: Point) {
        let moved = [self.overlay.as_ref(), self.focus_label.as_ref()];
        for el in std::iter::once(&self.element).chain(moved.into_iter().flatten()) {
            let _ = el.set_attribute("transform", &translate(centre));
        }
        redraw_lines(&mut self.lines, centre, self.radius);
    }
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

fn person_attr(el: &Element, name: &str) -> Option<PersonId> {
    el.get_attribute(name)
        .and_then(|s| s.parse().ok())
        .map(PersonId)
}

/// What a pointer event's target is on the map.
fn target_of(e: &PointerEvent) -> (Target, Option<Element>) {
    let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return (Target::Background, None);
    };
    let closest = |sel: &str| t.closest(sel).ok().flatten();
    if let Some(id) = closest("[data-handle]").and_then(|h| person_attr(&h, "data-handle")) {
        return (Target::Handle(id), None);
    }
    // The wider circle under a person that a finger can hit (44 px).
    if let Some(id) = person_attr(&t, "data-hit") {
        return (Target::Node(id), None);
    }
    if let Some(el) = closest("[data-person]") {
        if let Some(id) = person_attr(&el, "data-person") {
            return (Target::Node(id), Some(el));
        }
    }
    // A press on a node's label or badge is a press on the node.
    if let Some(id) = closest("[data-overlay]").and_then(|o| person_attr(&o, "data-overlay")) {
        return (Target::Node(id), None);
    }
    match closest("[data-rel]")
        .and_then(|g| Some((person_attr(&g, "data-from")?, person_attr(&g, "data-to")?)))
    {
        Some((from, to)) => (Target::Relation(from, to), None),
        None => (Target::Background, None),
    }
}

#[function_component]
pub fn MapView(props: &MapProps) -> Html {
    let app = use_app();
    let svg_ref = use_node_ref();
    let preview_ref = use_node_ref();
    // `None` fits the whole map, however it grows; zoom and pan set a camera.
    let camera = use_state(|| Option::<Camera>::None);
    let focus = use_state(|| Option::<PersonId>::None);
    let gesture = use_mut_ref(|| Gesture::Idle);
    let pressed = use_mut_ref(|| Option::<Pressed>::None);
    // The long-press timer of a touch on a person (dropping it cancels it).
    let hold = use_mut_ref(|| Option::<gloo::timers::callback::Timeout>::None);
    // The map's size on screen, from a ResizeObserver: the layout gives
    // names a size in screen pixels (`map::fit`), so it depends on it.
    let area = use_state_eq(|| Option::<(f64, f64)>::None);
    {
        let area = area.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with((), move |_| {
            let observer = svg_ref.cast::<Element>().and_then(|svg| {
                let measured = svg.clone();
                let cb = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    let r = measured.get_bounding_client_rect();
                    area.set(Some((r.width(), r.height())));
                });
                let observer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
                observer.observe(&svg);
                Some((observer, cb))
            });
            move || {
                if let Some((observer, _cb)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    let screen = area.and_then(|(w, h)| screen_for(w, h, app.presentation));
    let drawing = cached_drawing(&app.plan, app.hide_names, app.lang, screen);

    // Tell a benchmark harness when the first map has been painted.
    use_effect_with((), |_| {
        mark_painted_after_next_frame();
    });

    let frame = drawing.scene.frame;
    let cam = camera.unwrap_or_else(|| Camera::fit(frame));
    let view = cam.view(frame);
    let set_camera = {
        let camera = camera.clone();
        move |c: Camera| camera.set((c != Camera::fit(frame)).then_some(c))
    };

    // --- pointer input -------------------------------------------------------
    let pointer = {
        let svg_ref = svg_ref.clone();
        move |id: i32, client_x: f64, client_y: f64, time: f64| -> Pointer {
            let at = svg_ref.cast::<web_sys::SvgsvgElement>().and_then(|svg| {
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
                Some((
                    vb.to_map(
                        client_x - rect.left(),
                        client_y - rect.top(),
                        rect.width(),
                        rect.height(),
                    ),
                    vb.units_per_pixel(rect.width(), rect.height()),
                ))
            });
            Pointer {
                id,
                px: (client_x, client_y),
                at: at.map(|(p, _)| p),
                units_per_pixel: at.map_or(1.0, |(_, u)| u),
                time,
            }
        }
    };
    let read = {
        let pointer = pointer.clone();
        move |e: &PointerEvent| {
            pointer(
                e.pointer_id(),
                f64::from(e.client_x()),
                f64::from(e.client_y()),
                e.time_stamp(),
            )
        }
    };

    let onpointerdown = {
        let app = app.clone();
        let gesture = gesture.clone();
        let pressed = pressed.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let read = read.clone();
        let hold = hold.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(svg) = svg_ref.cast::<Element>() else {
                return;
            };
            let p = read(&e);
            // A second finger: a pinch, unless a relation is being drawn.
            if !e.is_primary() {
                if gesture.borrow_mut().second_press(cam, &p) {
                    hold.borrow_mut().take();
                    if let Some(mut node) = pressed.borrow_mut().take() {
                        let _ = node.element.class_list().remove_1("skn-node--dragging");
                        let origin = node.origin;
                        node.draw_at(origin);
                    }
                    let _ = svg.set_pointer_capture(p.id);
                }
                return;
            }
            if e.button() != 0 {
                return;
            }
            let (target, element) = target_of(&e);
            let next = Gesture::press(
                &drawing.layout,
                app.readonly,
                cam,
                target,
                e.shift_key(),
                &p,
            );
            if next == Gesture::Idle {
                return;
            }
            *pressed.borrow_mut() = None;
            if let Gesture::Node { id, .. } = next {
                let find = |sel: String| svg.query_selector(&sel).ok().flatten();
                let element = element.or_else(|| find(format!("[data-person=\"{id}\"]")));
                *pressed.borrow_mut() =
                    drawing
                        .layout
                        .node(id)
                        .zip(element)
                        .map(|(n, element)| Pressed {
                            element,
                            overlay: find(format!("[data-overlay=\"{id}\"]")),
                            focus_label: find(format!("[data-focus-label=\"{id}\"]")),
                            lines: Vec::new(),
                            origin: n.centre,
                            radius: n.radius,
                        });
            }
            if let (Some(origin), Some(at), Some(line)) =
                (next.link_origin(), p.at, preview_ref.cast::<Element>())
            {
                show_link(&line, origin, at);
            }
            let _ = svg.set_pointer_capture(p.id);
            let on_node = matches!(next, Gesture::Node { .. });
            *gesture.borrow_mut() = next;
            // A finger held still on a person opens them: the core decides
            // from the time the timer reads (the events' clock).
            *hold.borrow_mut() = (on_node && e.pointer_type() == "touch").then(|| {
                let gesture = gesture.clone();
                let on_open = on_open.clone();
                gloo::timers::callback::Timeout::new(gesture::LONG_PRESS_MS as u32, move || {
                    let now = web_sys::window()
                        .and_then(|w| w.performance())
                        .map_or(0.0, |p| p.now());
                    let outcome = gesture.borrow_mut().hold(now);
                    if let Outcome::Open(id) = outcome {
                        on_open.emit(id);
                    }
                })
            });
        })
    };

    let onpointermove = {
        let gesture = gesture.clone();
        let pressed = pressed.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let read = read.clone();
        let plan = app.plan.clone();
        Callback::from(move |e: PointerEvent| {
            let motion = gesture.borrow_mut().motion(&read(&e));
            match motion {
                Motion::None => {}
                Motion::DragStarted { id, centre } | Motion::Drag { id, centre } => {
                    let mut pressed = pressed.borrow_mut();
                    let Some(node) = pressed.as_mut() else {
                        return;
                    };
                    if matches!(motion, Motion::DragStarted { .. }) {
                        if let Some(svg) = svg_ref.cast::<Element>() {
                            node.lines = attached_lines(&svg, &plan, &drawing.layout, id);
                        }
                        let _ = node.element.class_list().add_1("skn-node--dragging");
                    }
                    node.draw_at(centre);
                }
                Motion::Pan(c) => {
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let _ = svg.set_attribute("viewBox", &c.view(frame).attr());
                    }
                }
                Motion::Link { from, to } => {
                    if let Some(line) = preview_ref.cast::<Element>() {
                        show_link(&line, from, to);
                    }
                }
            }
        })
    };

    let finish = {
        let app = app.clone();
        let gesture = gesture.clone();
        let pressed = pressed.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let preview_ref = preview_ref.clone();
        let focus = focus.clone();
        let read = read.clone();
        let set_camera = set_camera.clone();
        let on_relate = props.on_relate.clone();
        let on_open = props.on_open.clone();
        let hold = hold.clone();
        Callback::from(move |(e, cancelled): (PointerEvent, bool)| {
            let p = read(&e);
            // Another finger lifting ends nothing (a pinch ends with its own).
            if !gesture.borrow().owns(p.id) {
                return;
            }
            hold.borrow_mut().take();
            let g = std::mem::replace(&mut *gesture.borrow_mut(), Gesture::Idle);
            if let Some(svg) = svg_ref.cast::<Element>() {
                if svg.has_pointer_capture(p.id) {
                    let _ = svg.release_pointer_capture(p.id);
                }
            }
            let was_link = g.link_origin().is_some();
            let outcome = g.release(&p, cancelled, &app.plan, &drawing.layout);
            // Put the DOM back where the model has it: the re-render after
            // the edit then moves it, and a cancelled drag ends here.
            let node = pressed.borrow_mut().take();
            if let Some(mut node) = node {
                let _ = node.element.class_list().remove_1("skn-node--dragging");
                let origin = node.origin;
                node.draw_at(origin);
                if let (Outcome::Select(_), Ok(el)) =
                    (&outcome, node.element.dyn_into::<SvgElement>())
                {
                    let _ = el.focus();
                }
            }
            if was_link {
                if let Some(line) = preview_ref.cast::<Element>() {
                    let _ = line.set_attribute("class", "skn-link-preview skn-hidden");
                }
            }
            match outcome {
                Outcome::None => {}
                Outcome::Select(id) => {
                    select_person(&app, id);
                    focus.set(Some(id));
                }
                Outcome::Move { id, place } => move_person(&app, id, place),
                Outcome::DropInCentre => {
                    app.dispatch(Action::Announce(t(&app, "map.drop_in_centre")))
                }
                Outcome::ClearSelection => {
                    if app.selection != Selection::None {
                        app.dispatch(Action::Select(Selection::None));
                    }
                }
                Outcome::OpenRelation(from, to) => on_relate.emit((from, Some(to))),
                Outcome::Camera(c) => set_camera(c),
                Outcome::RestoreView => {
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let _ = svg.set_attribute("viewBox", &view.attr());
                    }
                }
                Outcome::Relate { from, to } => on_relate.emit((from, to)),
                Outcome::Open(id) => on_open.emit(id),
            }
        })
    };
    let onpointerup = {
        let finish = finish.clone();
        Callback::from(move |e: PointerEvent| finish.emit((e, false)))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| finish.emit((e, true)));

    let onwheel = {
        let pointer = pointer.clone();
        let set_camera = set_camera.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some(at) = pointer(0, f64::from(e.client_x()), f64::from(e.client_y()), 0.0).at
            else {
                return;
            };
            // Lines (deltaMode 1) scroll about 16 px each.
            let delta = if e.delta_mode() == 1 {
                e.delta_y() * 16.0
            } else {
                e.delta_y()
            };
            set_camera(cam.wheel(at, delta));
        })
    };

    let zoom_by = |factor: f64| {
        let set_camera = set_camera.clone();
        Callback::from(move |_: MouseEvent| set_camera(cam.zoomed(factor)))
    };
    let fit = {
        let camera = camera.clone();
        Callback::from(move |_: MouseEvent| camera.set(None))
    };

    // --- keyboard ------------------------------------------------------------
    let onkeydown = {
        let app = app.clone();
        let drawing = drawing.clone();
        let svg_ref = svg_ref.clone();
        let focus = focus.clone();
        let set_camera = set_camera.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("[data-person]").ok().flatten())
                .and_then(|el| person_attr(&el, "data-person"))
            else {
                return;
            };
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let cx = KeyContext {
                plan: &app.plan,
                layout: &drawing.layout,
                frame,
                camera: cam,
                readonly: app.readonly,
                selected: match app.selection {
                    Selection::Person(id) => Some(id),
                    _ => None,
                },
                any_selection: app.selection != Selection::None,
            };
            let outcome = gesture::key(&cx, id, &e.key());
            if outcome != KeyOutcome::Ignored {
                e.prevent_default();
            }
            match outcome {
                KeyOutcome::Ignored => {}
                KeyOutcome::Camera(c) => set_camera(c),
                KeyOutcome::Select(id) => select_person(&app, id),
                KeyOutcome::ClearSelection => {
                    app.dispatch(Action::Select(Selection::None));
                    app.dispatch(Action::Announce(t(&app, "map.selection_cleared")));
                }
                KeyOutcome::Move { id, place } => move_person(&app, id, place),
                KeyOutcome::CannotMove => {
                    app.dispatch(Action::Announce(t(&app, "map.cannot_move")))
                }
                KeyOutcome::Focus(next) => {
                    focus.set(Some(next));
                    focus_node(&svg_ref, next);
                }
            }
        })
    };
    let onfocusin = {
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| person_attr(&el, "data-person"));
            if let Some(id) = id {
                if *focus != Some(id) {
                    focus.set(Some(id));
                }
            }
        })
    };

    // --- drawing -------------------------------------------------------------
    let scene = &drawing.scene;
    let state: &AppState = &app;
    let tab_stop = focus
        .filter(|id| scene.node(*id).is_some())
        .or_else(|| scene.nodes.first().map(|n| n.id));

    // A finger needs 44 px: each person has a circle that wide under it
    // (CSS lets it take presses in presentation mode and on touch screens).
    let hit_radius = screen.map_or(0.0, |s| 22.0 / (s.width / frame.w).min(s.height / frame.h));
    let oncontextmenu = {
        let gesture = gesture.clone();
        // No browser menu over a long press on a person or a pinch.
        Callback::from(move |e: MouseEvent| {
            if *gesture.borrow() != Gesture::Idle {
                e.prevent_default();
            }
        })
    };
    let describe_id = app.dom_id("map-help");
    html! {
        <div class="skn-map">
            <svg ref={svg_ref} class="skn-map-svg" viewBox={view.attr()}
                preserveAspectRatio="xMidYMid meet" role="group"
                aria-label={t(state, "map.label")} aria-describedby={describe_id.clone()}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onwheel}
                {onkeydown} {onfocusin} {oncontextmenu}>
                <MapMarks app={app.clone()} drawing={DrawingRef(drawing.clone())} {tab_stop}
                    preview_ref={preview_ref} shown={Shown::of(&app)} {hit_radius} />
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

/// A map drawing shared by identity (props compare pointers, not scenes).
#[derive(Clone)]
pub struct DrawingRef(pub Rc<MapDrawing>);

impl PartialEq for DrawingRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties)]
struct MarksProps {
    /// The app, for names and words (its state is read as it is now).
    app: crate::state::AppContext,
    drawing: DrawingRef,
    tab_stop: Option<PersonId>,
    preview_ref: NodeRef,
    /// What the marks show, as of this render (the handle above always reads
    /// the latest state, so it cannot tell an old render from a new one).
    shown: Shown,
    /// The radius of a person's touch target, in map units (44 px wide).
    hit_radius: f64,
}

/// The state a list or map of the whole network shows: the plan (by
/// identity), the selection, names hidden or not, the language, read-only.
#[derive(Clone, PartialEq)]
pub struct Shown {
    plan: PlanKey,
    selection: Selection,
    hide_names: bool,
    lang: skyddsnat_core::Lang,
    readonly: bool,
}

impl Shown {
    pub fn of(state: &AppState) -> Shown {
        Shown {
            plan: PlanKey(state.plan.clone()),
            selection: state.selection,
            hide_names: state.hide_names,
            lang: state.lang,
            readonly: state.readonly,
        }
    }
}

/// Equal when everything the marks show is equal: the drawing, what is
/// [`Shown`] and the keyboard's tab stop. A tab switch, a notice or an
/// announcement changes none of them, so the map's thousands of elements
/// are neither rebuilt nor compared then (with 2,000 people that was most
/// of a tab switch's time).
impl PartialEq for MarksProps {
    fn eq(&self, other: &Self) -> bool {
        self.shown == other.shown
            && self.drawing == other.drawing
            && self.tab_stop == other.tab_stop
            && self.preview_ref == other.preview_ref
            && self.hit_radius == other.hit_radius
    }
}

/// The rings and sectors, the relations, the link preview line, the people
/// and their labels.
#[function_component]
fn MapMarks(props: &MarksProps) -> Html {
    let app = &props.app;
    let state: &AppState = app;
    let scene = &props.drawing.0.scene;
    let tab_stop = props.tab_stop;
    let agreement = match app.selection {
        Selection::Agreement(aid) => app.plan.agreement(aid),
        _ => None,
    };
    let involved: Option<HashSet<PersonId>> = agreement.map(|a| a.people().into_iter().collect());
    // A selection can outlive its person (undo of an add, a replaced plan):
    // then nothing is selected, rather than everything dimmed.
    let selected_person = match app.selection {
        Selection::Person(id) if scene.node(id).is_some() => Some(id),
        _ => None,
    };

    let rings = scene.rings.iter().map(|r| {
        mark_html(
            &r.mark,
            match r.ring.map(|r| r.get()) {
                Some(1) => "skn-ring skn-ring--1",
                Some(2) => "skn-ring skn-ring--2",
                Some(_) => "skn-ring skn-ring--3",
                None => "skn-ring skn-ring--centre",
            },
        )
    });
    let sector_lines = scene
        .sector_lines
        .iter()
        .map(|m| mark_html(m, "skn-sector-line"));
    let sector_titles = scene
        .sector_titles
        .iter()
        .map(|t| text_html(t, "skn-sector-label"));
    let ring_labels = scene
        .ring_labels
        .iter()
        .map(|t| text_html(t, "skn-ring-label"));

    let relations = scene.relations.iter().map(|r| {
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
        let hit = r.shape.line.path_data().unwrap_or_default().to_string();
        html! {
            <g key={format!("r{}", r.id)} class={class} data-rel={r.id.to_string()}
                data-from={r.from.to_string()} data-to={r.to.to_string()}>
                <title>{ label }</title>
                <path class="skn-rel-hit" d={hit} />
                { relation_marks(&r.shape) }
            </g>
        }
    });

    let nodes = scene.nodes.iter().map(|n| {
        let selected = selected_person == Some(n.id);
        let in_agreement = involved.as_ref().is_some_and(|s| s.contains(&n.id));
        let dim = involved.is_some() && !in_agreement;
        let movable = !app.readonly && n.kind != NodeKind::Child;
        let class = classes!(
            "skn-node",
            match n.kind {
                NodeKind::Child => "skn-node--child",
                NodeKind::Professional => "skn-node--professional",
                NodeKind::Private => "skn-node--private",
            },
            selected.then_some("skn-node--selected"),
            in_agreement.then_some("skn-node--involved"),
            dim.then_some("skn-node--dim"),
            movable.then_some("skn-node--movable"),
        );
        let r = n.radius;
        let load = n.badge.as_ref().map_or(0, |b| b.count);
        let description = node_description(state, n.id, n.kind == NodeKind::Child, load);
        let tabindex = if tab_stop == Some(n.id) { "0" } else { "-1" };
        // The button holds only shapes: its name is the aria-label, and the
        // visible label, load badge and handle sit in an overlay group that
        // moves with it (text inside a button would have to match its name).
        let node = html! {
            <g key={format!("n{}", n.id)} class={class} transform={translate(n.centre)}
                data-person={n.id.to_string()} tabindex={tabindex} role="button"
                aria-pressed={selected.to_string()} aria-label={description}>
                // The full name on hover: a crowded map shortens labels.
                <title>{ state.name(n.id) }</title>
                if in_agreement {
                    { mark_html(&highlight_ring(n), "skn-node-highlight") }
                }
                if selected {
                    <circle class="skn-node-halo" cx="0" cy="0" r={format!("{:.1}", r + 6.0)} />
                }
                { for n.shapes.iter().map(|m| mark_html(m, "skn-node-shape")) }
            </g>
        };
        let overlay_class = classes!(
            "skn-node-overlay",
            dim.then_some("skn-node--dim"),
            movable.then_some("skn-node--movable"),
        );
        let overlay = html! {
            <g key={format!("o{}", n.id)} class={overlay_class} transform={translate(n.centre)}
                data-overlay={n.id.to_string()} aria-hidden="true">
                { mark_html(&n.label_box, "skn-label-bg") }
                { text_html(&n.label, "skn-label") }
                if let Some(letters) = agreement
                    .map(|a| chain_letters(&a.chain, n.id))
                    .filter(|l| !l.is_empty())
                {
                    <g class="skn-chain-step">
                        { chain_html(n, &letters) }
                    </g>
                }
                if let Some(b) = &n.badge {
                    <g class={classes!("skn-load", b.over.then_some("skn-load--over"))}>
                        { mark_html(&b.circle, "skn-load-circle") }
                        { text_html(&b.text, "skn-load-count") }
                    </g>
                }
                if selected && movable {
                    <g class="skn-handle" data-handle={n.id.to_string()}
                        transform={format!("translate({:.1} 0)", r + 13.0)}>
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
    // The whole name, larger, on the person with the keyboard's tab stop
    // (the stylesheet shows it while the map has the focus).
    let focused = tab_stop.and_then(|id| scene.node(id)).map(|n| {
        let (frame, text) = focus_label(n, &state.name(n.id));
        html! {
            <g class="skn-focus-label" data-focus-label={n.id.to_string()}
                transform={translate(n.centre)} aria-hidden="true">
                { mark_html(&frame, "skn-focus-frame") }
                { text_html(&text, "skn-focus-text") }
            </g>
        }
    });
    let hits = scene.nodes.iter().map(|n| {
        html! {
            <circle key={n.id.to_string()} class="skn-node-hit" data-hit={n.id.to_string()}
                cx={format!("{:.1}", n.centre.x)} cy={format!("{:.1}", n.centre.y)}
                r={format!("{:.1}", props.hit_radius.max(n.radius))} />
        }
    });

    html! {
        <>
            <g class="skn-grid" aria-hidden="true">
                { for rings }
                { for sector_lines }
                { for sector_titles }
                { for ring_labels }
            </g>
            <g class="skn-relations">{ for relations }</g>
            <g class="skn-hits" aria-hidden="true">{ for hits }</g>
            <line ref={props.preview_ref.clone()} class="skn-link-preview skn-hidden" x1="0" y1="0" x2="0" y2="0" />
            <g class="skn-nodes">{ for nodes }</g>
            <g class="skn-overlays">{ for overlays }</g>
            { for focused }
        </>
    }
}

/// A node's plan A–D letters (the core's `chain_badge`).
fn chain_html(n: &skyddsnat_core::map::scene::NodeMark, letters: &str) -> Html {
    let (disc, text) = chain_badge(n, letters);
    html! {
        <>
            { mark_html(&disc, "skn-chain-disc") }
            { text_html(&text, "skn-chain-letters") }
        </>
    }
}

/// A relation's line, cross and arrowhead, classed for the stylesheet.
fn relation_marks(shape: &RelationShape) -> Html {
    html! {
        <>
            { mark_html(&shape.line, "skn-rel-line") }
            if let Some(m) = &shape.cross {
                { mark_html(m, "skn-rel-cross") }
            }
            if let Some(m) = &shape.arrow {
                { mark_html(m, "skn-rel-arrow") }
            }
        </>
    }
}

fn show_link(line: &Element, from: Point, to: Point) {
    for (k, v) in [("x1", from.x), ("y1", from.y), ("x2", to.x), ("y2", to.y)] {
        let _ = line.set_attribute(k, &format!("{v:.1}"));
    }
    let _ = line.set_attribute("class", "skn-link-preview");
}

fn move_person(app: &UseReducerHandle<AppState>, id: PersonId, place: Place) {
    let Some(person) = app.plan.person(id) else {
        return;
    };
    let mut moved = person.clone();
    moved.place = place;
    let text = moved_message(app, id, &place);
    app.dispatch(Action::EditAnnounced(Edit::update(moved), text));
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
            let part = |class: &str| group.query_selector(class).ok().flatten();
            let dragged_is_from = r.from == id;
            let other = layout.node(if dragged_is_from { r.to } else { r.from })?;
            Some(AttachedLine {
                line: part(".skn-rel-line")?,
                hit: part(".skn-rel-hit"),
                cross: part(".skn-rel-cross"),
                arrow: part(".skn-rel-arrow"),
                kind: r.kind,
                supports: r.supports,
                dragged_is_from,
                other: other.centre,
                other_radius: other.radius,
                scale: layout.mark_scale,
            })
        })
        .collect()
}

fn redraw_lines(lines: &mut [AttachedLine], centre: Point, radius: f64) {
    for l in lines.iter() {
        let shape = if l.dragged_is_from {
            relation_shape(
                l.kind,
                l.supports,
                centre,
                radius,
                l.other,
                l.other_radius,
                l.scale,
            )
        } else {
            relation_shape(
                l.kind,
                l.supports,
                l.other,
                l.other_radius,
                centre,
                radius,
                l.scale,
            )
        };
        let set = |el: &Element, m: &Mark| {
            for (name, value) in m.attrs() {
                let _ = el.set_attribute(name, &value);
            }
        };
        set(&l.line, &shape.line);
        if let (Some(hit), Some(d)) = (&l.hit, shape.line.path_data()) {
            let _ = hit.set_attribute("d", d);
        }
        if let (Some(el), Some(m)) = (&l.cross, &shape.cross) {
            set(el, m);
        }
        if let (Some(el), Some(m)) = (&l.arrow, &shape.arrow) {
            set(el, m);
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
