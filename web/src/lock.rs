//! The lock of the plans on this computer: a passphrase that seals every
//! copy the widget writes to localStorage and IndexedDB (core `seal`:
//! AES-256-GCM with an Argon2id key), for the shared meeting-room PC.
//!
//! - **On**: a lock record is stored under [`RECORD`]: a known text sealed
//!   with the key (so a passphrase can be checked) and the idle minutes.
//!   Turning it on seals every stored copy; turning it off opens them again.
//! - **Unlocked**: the key, derived once, is in this page's memory only;
//!   every save is sealed with it (AES-GCM alone, no Argon2id per save) and
//!   every read opened with it.
//! - **Locked** (each page load, "Lock now", the shortcut Ctrl+Alt+L, the
//!   idle time passing, or another tab locking): the key is dropped, nothing
//!   is written, and the window gets a [`LOCKED_EVENT`], on which the element
//!   unmounts whatever it shows (the plan, or the list of case labels) and
//!   shows the unlock form. A wrong passphrase opens nothing; "forgot the
//!   passphrase" can only delete everything.

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use skyddsnat_core::file::seal::{self, KdfParams, SealError, SealKey, SEALED_FORMAT};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;

/// Where the lock record is kept (beside the plans, so "forget everything"
/// removes it too).
pub const RECORD: &str = "skyddsnat:v1:lock";
/// Written when a page locks, so every other tab of this origin locks too.
const LOCKED_AT: &str = "skyddsnat:v1:locked-at";
/// The window event that tells every widget of this page to clear its screen.
pub const LOCKED_EVENT: &str = "skyddsnat-locked";
/// The idle times offered, in minutes; the default is 15.
pub const IDLE_CHOICES: [u32; 5] = [5, 10, 15, 30, 60];
pub const DEFAULT_IDLE: u32 = 15;

thread_local! {
    static KEY: RefCell<Option<SealKey>> = const { RefCell::new(None) };
    static IDLE_MINUTES: Cell<u32> = const { Cell::new(DEFAULT_IDLE) };
    static LAST_ACTIVE: Cell<f64> = const { Cell::new(0.0) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn record() -> Option<String> {
    storage()?.get_item(RECORD).ok().flatten()
}

/// Whether the plans on this computer are locked with a passphrase.
pub fn is_on() -> bool {
    record().is_some()
}

/// Whether the lock is on and this page does not hold its key.
pub fn is_locked() -> bool {
    is_on() && KEY.with(|k| k.borrow().is_none())
}

/// The idle minutes after which this page locks.
pub fn idle_minutes() -> u32 {
    IDLE_MINUTES.with(Cell::get)
}

/// `text` as it is to be stored: sealed while the lock is on, as it is
/// while it is off; `None` while locked (nothing may be written then).
pub fn seal(text: &str) -> Option<String> {
    if !is_on() {
        return Some(text.to_string());
    }
    let nonce = crate::passphrase::random()?;
    KEY.with(|k| k.borrow().as_ref().map(|key| key.seal(text, nonce)))
}

/// A stored text as the widget reads it: opened if sealed (`None` while
/// locked, or if it does not open), as it is otherwise.
pub fn open(text: &str) -> Option<String> {
    if !looks_sealed(text) {
        return Some(text.to_string());
    }
    KEY.with(|k| k.borrow().as_ref().and_then(|key| key.open(text).ok()))
}

/// A cheap look at the start of a stored text (a plan's JSON starts with
/// `{"format":"skyddsnat",`; a sealed one names its format first too).
fn looks_sealed(text: &str) -> bool {
    text.get(..64).unwrap_or(text).contains(SEALED_FORMAT)
}

fn keep(key: SealKey, idle: u32) {
    KEY.with(|k| *k.borrow_mut() = Some(key));
    IDLE_MINUTES.with(|m| m.set(idle));
    LAST_ACTIVE.with(|t| t.set(js_sys::Date::now()));
}

/// Unlocks with `passphrase` (Argon2id: about half a second).
pub fn unlock(passphrase: &str) -> Result<(), SealError> {
    let record = record().ok_or(SealError::Malformed)?;
    let (key, idle) = seal::unlock(&record, passphrase)?;
    keep(key, idle);
    Ok(())
}

/// Turns the lock on with `passphrase`, locking after `idle` minutes
/// without use, and seals every copy already stored.
pub fn turn_on(passphrase: &str, idle: u32) -> Result<(), SealError> {
    let (Some(salt), Some(nonce), Some(s)) = (
        crate::passphrase::random(),
        crate::passphrase::random(),
        storage(),
    ) else {
        return Err(SealError::Unsupported);
    };
    let key = SealKey::derive(passphrase, salt, KdfParams::default())?;
    s.set_item(RECORD, &seal::lock_record(&key, nonce, idle))
        .map_err(|_| SealError::Unsupported)?;
    keep(key, idle);
    reseal_everything();
    Ok(())
}

/// Turns the lock off (only while unlocked): every copy is stored open again.
pub fn turn_off() {
    if is_locked() {
        return;
    }
    if let Some(s) = storage() {
        let _ = s.remove_item(RECORD);
    }
    // The key stays in memory for the IndexedDB copies, opened a moment
    // later; with no record it seals nothing.
    reseal_everything();
}

/// Every stored copy rewritten as the lock now says (sealed or open).
fn reseal_everything() {
    crate::storage::reseal_all();
    crate::durable::reseal_all();
}

/// Locks this page now and tells the other tabs to lock too.
pub fn lock_now() {
    if !is_on() {
        return;
    }
    if let Some(s) = storage() {
        let _ = s.set_item(LOCKED_AT, &(js_sys::Date::now() as u64).to_string());
    }
    lock_here();
}

/// Drops the key and tells this page's widgets to clear their screens.
fn lock_here() {
    KEY.with(|k| k.borrow_mut().take());
    // Before anything else: no family's map stays on the room's screen.
    crate::room::close_all();
    if let Some(w) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new(LOCKED_EVENT) {
            let _ = w.dispatch_event(&event);
        }
    }
}

/// What watches for locking while any widget is mounted: listeners on the
/// window and the idle timer, removed when they are dropped.
struct Watchers {
    _listeners: Vec<EventListener>,
    _idle: gloo::timers::callback::Interval,
}

thread_local! {
    /// The watchers and how many widgets hold them.
    static WATCHERS: RefCell<(usize, Option<Watchers>)> = const { RefCell::new((0, None)) };
}

/// A mounted widget's hold on the watchers (see [`watch`]); dropping the
/// last one removes every listener and the timer.
#[derive(Debug)]
pub struct Watching(());

impl Drop for Watching {
    fn drop(&mut self) {
        let last = WATCHERS.with(|w| {
            let mut w = w.borrow_mut();
            w.0 = w.0.saturating_sub(1);
            if w.0 == 0 {
                w.1.take()
            } else {
                None
            }
        });
        // Dropped outside the borrow: removing a listener runs no Rust code,
        // but keep the cell free anyway.
        drop(last);
    }
}

fn active() {
    LAST_ACTIVE.with(|t| t.set(js_sys::Date::now()));
}

fn watchers(window: &web_sys::Window) -> Watchers {
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: true,
    };
    let mut listeners: Vec<EventListener> = ["pointerdown", "pointermove", "wheel", "touchstart"]
        .into_iter()
        .map(|name| EventListener::new_with_options(window, name, options, |_| active()))
        .collect();
    listeners.push(EventListener::new_with_options(
        window,
        "keydown",
        EventListenerOptions::enable_prevent_default(),
        |e| {
            active();
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if e.ctrl_key() && e.alt_key() && e.code() == "KeyL" && is_on() && !is_locked() {
                e.prevent_default();
                lock_now();
            }
        },
    ));
    listeners.push(EventListener::new(window, "storage", |e| {
        let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        let key = e.key();
        // Turned on elsewhere: whatever this page shows was opened without it.
        let turned_on = key.as_deref() == Some(RECORD) && e.new_value().is_some();
        let locked_elsewhere = key.as_deref() == Some(LOCKED_AT) && !is_locked();
        if turned_on || locked_elsewhere {
            lock_here();
        }
    }));
    let idle = gloo::timers::callback::Interval::new(5_000, || {
        let idle_ms = f64::from(idle_minutes()) * 60_000.0;
        let since = js_sys::Date::now() - LAST_ACTIVE.with(Cell::get);
        if is_on() && !is_locked() && since >= idle_ms {
            lock_now();
        }
    });
    Watchers {
        _listeners: listeners,
        _idle: idle,
    }
}

/// Starts watching while the returned hold lives (one per mounted widget):
/// the shortcut, activity for the idle time, and other tabs locking or
/// turning the lock on.
pub fn watch() -> Watching {
    WATCHERS.with(|w| {
        let mut w = w.borrow_mut();
        w.0 += 1;
        if w.1.is_none() {
            if let Some(window) = web_sys::window() {
                active();
                w.1 = Some(watchers(&window));
            }
        }
    });
    Watching(())
}
