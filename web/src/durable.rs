//! A second copy of every autosave in IndexedDB, so that a power cut or a
//! killed browser does not lose the end of a meeting.
//!
//! Why a second copy: Chromium keeps localStorage writes in its browser
//! process and commits them to disk in batches (the first about 5 s after a
//! change, then about once a minute per origin). A browser killed before that
//! loses the edits although the page had "saved" them. An IndexedDB
//! transaction is on disk once it has completed (measured: it survives an
//! immediate SIGKILL). localStorage stays the main store: it is read
//! synchronously at start and tells other tabs of each save (`storage`
//! events); this mirror only ever holds the latest save of each plan.
//!
//! One database [`DB_NAME`] with one object store [`STORE`]; a record's key
//! is the plan's localStorage key (`skyddsnat:v1:<storage key>:plan`), its
//! value `{saved_at, writer, json}` with the whole plan as file text.
//! Everything is best effort: where IndexedDB is missing or refuses (some
//! private windows, blocked site data), nothing happens and nothing is said,
//! and the widget works as it did with localStorage alone.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

/// The database every widget on this origin shares.
pub const DB_NAME: &str = "skyddsnat";
/// The object store of the latest saves, keyed like localStorage.
pub const STORE: &str = "plans";

/// A save as the mirror holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Mirrored {
    /// Milliseconds since 1970, the same stamp as the save's localStorage meta.
    pub saved_at: f64,
    pub writer: String,
    /// The plan as the text of a file (snapshots included).
    pub json: String,
}

/// Something to run once the database is open (`None`: it will not open).
type WithDb = Box<dyn FnOnce(Option<&IdbDatabase>)>;
type Waiting = Vec<WithDb>;

/// The page's one connection: opened at the first use, shared by every
/// widget, so that the transactions of one page run in the order made.
enum Connection {
    Closed,
    Opening(Waiting),
    Open(IdbDatabase),
}

thread_local! {
    static CONNECTION: RefCell<Connection> = const { RefCell::new(Connection::Closed) };
}

/// Runs `then` with the open database, or with `None` when IndexedDB is
/// not there or refuses to open.
fn with_db(then: impl FnOnce(Option<&IdbDatabase>) + 'static) {
    let mut then: Option<WithDb> = Some(Box::new(then));
    let (open, start) = CONNECTION.with(|c| {
        let mut c = c.borrow_mut();
        match &mut *c {
            Connection::Open(db) => (Some(db.clone()), false),
            Connection::Opening(waiting) => {
                waiting.extend(then.take());
                (None, false)
            }
            Connection::Closed => {
                *c = Connection::Opening(then.take().into_iter().collect());
                (None, true)
            }
        }
    });
    // Both outside the borrow: the callbacks come back here.
    if start {
        start_opening();
    }
    if let (Some(db), Some(then)) = (open, then) {
        then(Some(&db));
    }
}

/// Ends the opening: runs what waited for it with `db` (or `None`).
fn opened(db: Option<IdbDatabase>) {
    let waiting = CONNECTION.with(|c| {
        let next = match &db {
            Some(db) => Connection::Open(db.clone()),
            None => Connection::Closed,
        };
        match std::mem::replace(&mut *c.borrow_mut(), next) {
            Connection::Opening(waiting) => waiting,
            _ => Vec::new(),
        }
    });
    for then in waiting {
        then(db.as_ref());
    }
}

fn start_opening() {
    let request = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .and_then(|factory| factory.open_with_u32(DB_NAME, 1).ok());
    let Some(request) = request else {
        opened(None);
        return;
    };
    let req = request.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Some(db) = req
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let req = request.clone();
    let success = Closure::once_into_js(move || {
        let db = req
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = &db {
            // "Forget everything" in another tab deletes the database: let it.
            let this = db.clone();
            let close = Closure::once_into_js(move || {
                this.close();
                CONNECTION.with(|c| {
                    let mut c = c.borrow_mut();
                    if matches!(&*c, Connection::Open(open) if *open == this) {
                        *c = Connection::Closed;
                    }
                });
            });
            db.set_onversionchange(Some(close.unchecked_ref()));
        }
        opened(db);
    });
    request.set_onsuccess(Some(success.unchecked_ref()));
    let failure = Closure::once_into_js(move |e: web_sys::Event| {
        // Handled here: not an error of the host page.
        e.prevent_default();
        opened(None);
    });
    request.set_onerror(Some(failure.unchecked_ref()));
}

/// The object store in a new transaction (`None` when the database refuses,
/// e.g. it is being deleted).
fn plans(db: &IdbDatabase, mode: IdbTransactionMode) -> Option<IdbObjectStore> {
    db.transaction_with_str_and_mode(STORE, mode)
        .ok()?
        .object_store(STORE)
        .ok()
}

fn field(record: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(record, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn mirrored(record: &JsValue) -> Option<Mirrored> {
    Some(Mirrored {
        saved_at: field(record, "saved_at").as_f64()?,
        writer: field(record, "writer").as_string().unwrap_or_default(),
        json: field(record, "json").as_string()?,
    })
}

/// A save as the widget reads it: opened if the lock sealed it (`None`
/// while locked).
fn unsealed(save: Mirrored) -> Option<Mirrored> {
    Some(Mirrored {
        json: crate::lock::open(&save.json)?,
        ..save
    })
}

/// Every save rewritten as the lock now says (sealed or open); see
/// `storage::reseal_all`.
pub fn reseal_all() {
    get_all(|saves| {
        for (key, save) in saves {
            put(&key, save);
        }
    });
}

/// Calls `then` once the request succeeded with its result, or with
/// `undefined` when it failed.
fn on_result(request: &IdbRequest, then: impl FnOnce(JsValue) + 'static) {
    let then = Rc::new(RefCell::new(Some(then)));
    let req = request.clone();
    let ok = then.clone();
    let success = Closure::once_into_js(move || {
        if let Some(then) = ok.borrow_mut().take() {
            then(req.result().unwrap_or(JsValue::UNDEFINED));
        }
    });
    let failure = Closure::once_into_js(move |e: web_sys::Event| {
        e.prevent_default();
        if let Some(then) = then.borrow_mut().take() {
            then(JsValue::UNDEFINED);
        }
    });
    request.set_onsuccess(Some(success.unchecked_ref()));
    request.set_onerror(Some(failure.unchecked_ref()));
}

/// Stores `save` under `key`, unless the mirror already holds a newer save
/// of that key by another writer (two tabs' transactions may finish in
/// either order: the newest save wins, never the last to arrive). One
/// writer's saves arrive in order, so its latest always replaces its own
/// earlier one, even if the computer's clock was set back in between.
pub fn put(key: &str, save: Mirrored) {
    put_then(key, save, |_| {});
}

/// [`put`], then `done(true)` once the save is on disk (its transaction
/// completed), or `done(false)` when it was not stored: no IndexedDB, a
/// refused or aborted transaction, or a newer save of another writer there.
pub fn put_then(key: &str, mut save: Mirrored, done: impl FnOnce(bool) + 'static) {
    // Sealed now, with the key of this moment (`lock.rs`); nothing while locked.
    let Some(json) = crate::lock::seal(&save.json) else {
        done(false);
        return;
    };
    save.json = json;
    let key = key.to_string();
    let done = Rc::new(RefCell::new(Some(Box::new(done) as Box<dyn FnOnce(bool)>)));
    let finish = move |kept: bool| {
        let then = done.borrow_mut().take();
        if let Some(then) = then {
            then(kept);
        }
    };
    with_db(move |db| {
        let Some(store) = db.and_then(|db| plans(db, IdbTransactionMode::Readwrite)) else {
            finish(false);
            return;
        };
        let Ok(request) = store.get(&JsValue::from_str(&key)) else {
            finish(false);
            return;
        };
        let transaction = store.transaction();
        let finish = Rc::new(finish);
        let stored = Rc::new(Cell::new(false));
        {
            let (finish, stored) = (finish.clone(), stored.clone());
            let complete = Closure::once_into_js(move || finish.as_ref()(stored.get()));
            transaction.set_oncomplete(Some(complete.unchecked_ref()));
        }
        {
            let finish = finish.clone();
            let failed = Closure::once_into_js(move |e: web_sys::Event| {
                e.prevent_default();
                finish.as_ref()(false);
            });
            // A failed request aborts the transaction: `abort` follows `error`.
            transaction.set_onabort(Some(failed.unchecked_ref()));
        }
        on_result(&request, move |old| {
            if mirrored(&old)
                .is_some_and(|old| old.writer != save.writer && old.saved_at > save.saved_at)
            {
                return;
            }
            let record = js_sys::Object::new();
            for (name, value) in [
                ("saved_at", JsValue::from_f64(save.saved_at)),
                ("writer", JsValue::from_str(&save.writer)),
                ("json", JsValue::from_str(&save.json)),
            ] {
                let _ = js_sys::Reflect::set(&record, &name.into(), &value);
            }
            // Same transaction as the read: no other save comes in between.
            stored.set(
                store
                    .put_with_key(&record, &JsValue::from_str(&key))
                    .is_ok(),
            );
        });
    });
}

/// Reads the save under `key`; `then` gets it, or `None` when there is none
/// or IndexedDB does not work. Runs after every `put`/`remove` asked before.
pub fn get(key: &str, then: impl FnOnce(Option<Mirrored>) + 'static) {
    let key = key.to_string();
    with_db(move |db| {
        let request = db
            .and_then(|db| plans(db, IdbTransactionMode::Readonly))
            .and_then(|store| store.get(&JsValue::from_str(&key)).ok());
        match request {
            Some(request) => on_result(&request, move |record| {
                then(mirrored(&record).and_then(unsealed))
            }),
            None => then(None),
        }
    });
}

/// Every save in the mirror, by key; empty when IndexedDB does not work.
/// The start screen lists plans from it that localStorage lost (a killed
/// browser) or holds only an older copy of.
pub fn get_all(then: impl FnOnce(Vec<(String, Mirrored)>) + 'static) {
    with_db(move |db| {
        let store = db.and_then(|db| plans(db, IdbTransactionMode::Readonly));
        let requests = store.and_then(|s| Some((s.get_all_keys().ok()?, s.get_all().ok()?)));
        let Some((keys, values)) = requests else {
            then(Vec::new());
            return;
        };
        // One transaction: the values come after the keys, in key order.
        on_result(&keys, move |keys| {
            on_result(&values, move |values| {
                let keys = js_sys::Array::from(&keys);
                let values = js_sys::Array::from(&values);
                let saves = keys
                    .iter()
                    .zip(values.iter())
                    .filter_map(|(k, v)| Some((k.as_string()?, unsealed(mirrored(&v)?)?)))
                    .collect();
                then(saves);
            });
        });
    });
}

/// Removes the save under `key` ("forget this plan").
pub fn remove(key: &str) {
    let key = key.to_string();
    with_db(move |db| {
        if let Some(store) = db.and_then(|db| plans(db, IdbTransactionMode::Readwrite)) {
            let _ = store.delete(&JsValue::from_str(&key));
        }
    });
}

/// Deletes the whole database ("forget everything"), so that not even its
/// name is left. This page's connection is closed first; other tabs close
/// theirs when told (`versionchange`), and open a new one at their next save.
pub fn remove_all() {
    // After whatever this page asked before, on the same connection.
    with_db(|db| {
        if let Some(db) = db {
            db.close();
        }
        CONNECTION.with(|c| *c.borrow_mut() = Connection::Closed);
        if let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) {
            let _ = factory.delete_database(DB_NAME);
        }
    });
}
