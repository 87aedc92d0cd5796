//! The room view: a second window for the meeting room's screen that shows
//! the map in presentation form (and the chosen agreement or the scaling
//! answers), following every change of the widget at once while the
//! consultant types on the laptop.
//!
//! Why this way: `window.open("", name)` gives a same-origin `about:blank`
//! window even from file://, so this page writes the core's
//! [`room_html`] into its body after every change: no second wasm
//! instance, no messages, nothing that runs in the room window. Its
//! stylesheet is adopted as a constructed sheet (a strict CSP, which the
//! window inherits, blocks `<style>`, not that). The room window shows a
//! family's map on a shared screen, so it closes with the widget: when it
//! is unmounted (`destroy()`, locking, another plan) and when this page
//! goes away (`pagehide`); locking closes every room view first.

use crate::state::{AppState, Selection, Tab};
use skyddsnat_core::i18n::tr;
use skyddsnat_core::papers::room::{room_html, RoomOptions, RoomShows, ROOM_STYLE};
use skyddsnat_core::{Lang, Plan};
use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Window;

/// What the room view shows of the widget's state now: the selected
/// agreement, the scaling answers while their tab is open, the selected
/// person, or the map alone.
pub fn view_of(state: &AppState) -> View {
    View {
        plan: state.plan.clone(),
        lang: state.lang,
        hide_names: state.hide_names,
        shows: match state.selection {
            Selection::Agreement(id) => RoomShows::Agreement(id),
            _ if state.tab == Tab::Scale => RoomShows::Scales,
            Selection::Person(id) => RoomShows::Person(id),
            Selection::None => RoomShows::Map,
        },
    }
}

/// What the room view shows: the widget's state as of a render.
#[derive(Clone)]
pub struct View {
    pub plan: Rc<Plan>,
    pub lang: Lang,
    pub hide_names: bool,
    pub shows: RoomShows,
}

struct Room {
    /// The widget's `AppState::uid`.
    uid: u32,
    window: Window,
    last: View,
    /// The room window's `pagehide` (closed by the user) and `resize`.
    _listeners: [EventListener; 2],
}

thread_local! {
    static ROOMS: RefCell<Vec<Room>> = const { RefCell::new(Vec::new()) };
    /// This page's `pagehide`, which closes every room view.
    static PAGE_HIDE: RefCell<Option<EventListener>> = const { RefCell::new(None) };
}

/// Opens (or finds again) widget `uid`'s room window and draws `view` in
/// it; `on_closed` is told when the user closes that window. `false` if
/// the browser refused the window (a pop-up blocker).
pub fn open(uid: u32, view: View, on_closed: yew::Callback<()>) -> bool {
    let Some(main) = web_sys::window() else {
        return false;
    };
    close(uid);
    let name = format!("skyddsnat-room-{uid}");
    let Some(window) = main
        .open_with_url_and_target_and_features("", &name, "popup,width=1280,height=720")
        .ok()
        .flatten()
    else {
        return false;
    };
    let redraw = EventListener::new(&window, "resize", move |_| {
        if let Some(view) = ROOMS.with(|r| {
            let rooms = r.borrow();
            rooms.iter().find(|r| r.uid == uid).map(|r| r.last.clone())
        }) {
            draw(uid, view);
        }
    });
    let closed = EventListener::new(&window, "pagehide", move |_| on_closed.emit(()));
    ROOMS.with(|r| {
        r.borrow_mut().push(Room {
            uid,
            window,
            last: view.clone(),
            _listeners: [closed, redraw],
        })
    });
    PAGE_HIDE.with(|p| {
        p.borrow_mut()
            .get_or_insert_with(|| EventListener::new(&main, "pagehide", |_| close_all()));
    });
    draw(uid, view)
}

/// Draws `view` in widget `uid`'s room window, if it is open; `false` if
/// it is not (any more).
pub fn draw(uid: u32, view: View) -> bool {
    let Some(window) = ROOMS.with(|r| {
        let mut rooms = r.borrow_mut();
        let room = rooms.iter_mut().find(|r| r.uid == uid)?;
        room.last = view.clone();
        Some(room.window.clone())
    }) else {
        return false;
    };
    if window.closed().unwrap_or(true) {
        return false;
    }
    let Some(doc) = window.document() else {
        return false;
    };
    let size = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let html = room_html(
        &view.plan,
        view.lang,
        &RoomOptions {
            hide_names: view.hide_names,
            shows: view.shows,
            width: size(window.inner_width()),
            height: size(window.inner_height()),
        },
    );
    doc.set_title(tr(view.lang, "room.title"));
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", view.lang.code());
        let _ = root.set_attribute("dir", view.lang.dir());
        if js_sys::Reflect::get(&doc, &"adoptedStyleSheets".into())
            .map(|s| js_sys::Array::from(&s).length() == 0)
            .unwrap_or(false)
        {
            let _ = crate::files::adopt_style(&window, &doc, ROOM_STYLE);
        }
    }
    if let Some(body) = doc.body() {
        body.set_inner_html(&html);
    }
    true
}

/// Whether widget `uid`'s room window is open (the user may have closed
/// it without this page hearing of it).
pub fn is_open(uid: u32) -> bool {
    ROOMS.with(|r| {
        r.borrow()
            .iter()
            .any(|r| r.uid == uid && !r.window.closed().unwrap_or(true))
    })
}

/// Blanks and closes widget `uid`'s room window, if it has one.
pub fn close(uid: u32) {
    let room = ROOMS.with(|r| {
        let mut rooms = r.borrow_mut();
        let i = rooms.iter().position(|r| r.uid == uid)?;
        Some(rooms.remove(i))
    });
    if let Some(room) = room {
        shut(room);
    }
}

/// Closes every room view of this page (locking, the page going away).
pub fn close_all() {
    let rooms = ROOMS.with(|r| std::mem::take(&mut *r.borrow_mut()));
    rooms.into_iter().for_each(shut);
}

fn shut(room: Room) {
    let Room {
        window, _listeners, ..
    } = room;
    // Listeners first: closing it here is not the user closing it.
    drop(_listeners);
    // Blank first: a window the browser does not let go keeps no names.
    if let Some(body) = window.document().and_then(|d| d.body()) {
        body.set_inner_html("");
    }
    let _ = window.close();
}
