//! Autosave to the browser's local storage, with a short history of versions.
//!
//! Every key the widget writes starts with `skyddsnat:v1:<storage key>:`, so
//! plans saved from different file pages (which share one storage under
//! file://) stay apart and "forget this plan" can find all of them:
//! - `…:plan` — the latest plan, in the file format;
//! - `…:meta` — who wrote it last and when, and the version ring's position;
//! - `…:version:<n>` — up to [`MAX_VERSIONS`] older plans, at most one per
//!   [`VERSION_EVERY_MS`], to roll back a bad edit or a corrupt write;
//! - `…:snapshot:<hash>` — the snapshot of one closed meeting, stored once
//!   however many versions hold it.
//!
//! ## Closed meetings are stored once
//! A plan carries the plan as it stood at every closed meeting (schema
//! version 2). Kept in every copy, a plan with five closed meetings would be
//! stored 21 times over with its whole history and fill the ~5 MB that all
//! file:// pages share. So the latest copy and the versions store the plan
//! with its `snapshots` list replaced by `"snapshot_refs"`: the hashes of the
//! snapshots' JSON, each kept once under `…:snapshot:<hash>` (content
//! addressed, so a snapshot that did not change is never written again).
//! Blobs are written before the copy that names them, and ones no copy names
//! any more are removed after a save. A copy without snapshots is the plain
//! file text, as before. Loading puts the snapshots back and imports the
//! whole as a file, with every check.
//!
//! Storage can be missing (disabled, some private windows) or full. Then the
//! widget keeps working in memory and the status says so; nothing is dropped
//! silently. Two tabs or widgets with the same key are told apart by a writer
//! id: a writer never overwrites a newer save from another writer.

use crate::lock;
use crate::state::StorageStatus;
use serde_json::{json, Value};
use skyddsnat_core::{file, i18n, Lang, Plan};
use std::cell::Cell;
use web_sys::Storage;

/// The field that replaces `snapshots` in a stored copy.
const SNAPSHOT_REFS: &str = "snapshot_refs";

/// FNV-1a, 64 bits: names a snapshot's stored text. Not a security
/// measure: whatever is loaded is imported with every check anyway.
fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A plan as stored: the text of the copy, and the snapshot blobs it names
/// as (hash, text).
struct Stored {
    text: String,
    blobs: Vec<(String, String)>,
}

/// Splits the snapshots out of `plan` (see the module docs).
fn split(plan: &Plan) -> Stored {
    if plan.snapshots().is_empty() {
        return Stored {
            text: file::to_json(plan),
            blobs: Vec::new(),
        };
    }
    let mut doc = file::to_value(plan);
    let snapshots = doc
        .as_object_mut()
        .and_then(|o| o.shift_remove("snapshots"));
    let blobs: Vec<(String, String)> = match snapshots {
        Some(Value::Array(list)) => list
            .iter()
            .map(|s| {
                let text = s.to_string();
                (content_hash(&text), text)
            })
            .collect(),
        _ => Vec::new(),
    };
    let refs: Vec<&str> = blobs.iter().map(|(h, _)| h.as_str()).collect();
    if let Some(o) = doc.as_object_mut() {
        o.insert(SNAPSHOT_REFS.into(), json!(refs));
    }
    Stored {
        text: doc.to_string(),
        blobs,
    }
}

/// The hashes a stored copy names (none for a plain file text).
fn refs_of(text: &str) -> Vec<String> {
    if !text.contains(SNAPSHOT_REFS) {
        return Vec::new();
    }
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|mut v| v.get_mut(SNAPSHOT_REFS).map(Value::take))
        .and_then(|refs| serde_json::from_value::<Vec<String>>(refs).ok())
        .unwrap_or_default()
}

/// The prefix of every key the widget writes.
pub const PREFIX: &str = "skyddsnat:v1:";
/// How many older versions are kept per plan.
pub const MAX_VERSIONS: u32 = 20;
/// The least time between two kept versions, in milliseconds.
pub const VERSION_EVERY_MS: f64 = 60_000.0;

/// One plan's place in local storage.
#[derive(Debug)]
pub struct Store {
    base: String,
    writer: String,
    /// `saved_at` of the newest save this writer has seen (its own or loaded).
    last_seen: Cell<f64>,
    paused: Cell<bool>,
    /// This writer has seen the plan's meta in storage (its own save,
    /// another's, or at load). Meta gone after that means the plan was
    /// forgotten (by another tab, or the browser's "clear site data"): this
    /// writer must not quietly write it back.
    seen_meta: Cell<bool>,
    /// The snapshot hashes the latest copy named at this writer's last save.
    last_refs: std::cell::RefCell<Vec<String>>,
    /// The open plan came from storage (not from the host): the IndexedDB
    /// mirror may hold a newer save of it.
    loaded: Cell<bool>,
}

/// An older version kept in storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    /// Milliseconds since 1970 (the browser's clock).
    pub saved_at: f64,
    pub json: String,
}

fn local_storage() -> Option<Storage> {
    // Reading `localStorage` itself throws where storage is disabled.
    web_sys::window()?.local_storage().ok().flatten()
}

/// A stored copy's text, opened if the lock sealed it (`lock.rs`); `None`
/// when there is none, or while locked.
fn read(s: &Storage, key: &str) -> Option<String> {
    lock::open(&s.get_item(key).ok().flatten()?)
}

/// Stores a copy's text, sealed while the lock is on. While locked nothing
/// is written (refused as storage that does not allow writes).
fn write(s: &Storage, key: &str, text: &str) -> Result<(), StorageStatus> {
    let text = lock::seal(text).ok_or(StorageStatus::Unavailable)?;
    s.set_item(key, &text).map_err(refused)
}

/// Rewrites every stored copy of every plan (latest, versions, snapshots)
/// as the lock now says: sealed while it is on, open while it is off.
/// Meta entries hold no plan content and stay as they are.
pub fn reseal_all() {
    let Some(s) = local_storage() else {
        return;
    };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for key in keys {
        if key.ends_with(":plan") || key.contains(":snapshot:") {
            if let Some(text) = read(&s, &key) {
                let _ = write(&s, &key, &text);
            }
        } else if key.contains(":version:") {
            let entry = s.get_item(&key).ok().flatten();
            let mut entry: Value = entry
                .and_then(|e| serde_json::from_str(&e).ok())
                .unwrap_or(Value::Null);
            let resealed = entry["json"]
                .as_str()
                .and_then(lock::open)
                .and_then(|json| lock::seal(&json));
            if let Some(json) = resealed {
                entry["json"] = Value::String(json);
                let _ = s.set_item(&key, &entry.to_string());
            }
        }
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The key part of the plan named by `storage_key` (empty gives "default").
pub fn base_key(storage_key: &str) -> String {
    let key = storage_key.trim();
    let key = if key.is_empty() { "default" } else { key };
    format!("{PREFIX}{key}:")
}

impl Store {
    pub fn new(storage_key: &str) -> Store {
        Store {
            base: base_key(storage_key),
            writer: format!("w{}", (js_sys::Math::random() * 1e12) as u64),
            last_seen: Cell::new(0.0),
            paused: Cell::new(false),
            seen_meta: Cell::new(false),
            last_refs: std::cell::RefCell::new(Vec::new()),
            loaded: Cell::new(false),
        }
    }

    fn key(&self, part: &str) -> String {
        format!("{}{part}", self.base)
    }

    /// How storage is doing before anything is saved: `Ok`, `Unavailable`
    /// (none, or writes not allowed) or `Full` (it refuses even a tiny
    /// write for lack of room), as `save` would say it.
    pub fn probe(&self) -> StorageStatus {
        let Some(s) = local_storage() else {
            return StorageStatus::Unavailable;
        };
        let probe = self.key("probe");
        let status = match s.set_item(&probe, "1") {
            Ok(()) => StorageStatus::Ok,
            Err(e) => refused(e),
        };
        let _ = s.remove_item(&probe);
        status
    }

    fn meta(&self, s: &Storage) -> Value {
        s.get_item(&self.key("meta"))
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null)
    }

    /// The saved plan, if any. A latest copy that no longer imports (a
    /// corrupt or half-finished write) falls back to the newest good version.
    pub fn load(&self) -> Result<Option<Plan>, String> {
        let Some(s) = local_storage() else {
            return Ok(None);
        };
        self.loaded.set(true);
        let meta = self.meta(&s);
        self.seen_meta.set(!meta.is_null());
        self.last_seen.set(meta["saved_at"].as_f64().unwrap_or(0.0));
        let Some(text) = read(&s, &self.key("plan")) else {
            return Ok(None);
        };
        match self.expand(&s, &text).and_then(|t| file::from_json(&t)) {
            Ok(plan) => Ok(Some(plan)),
            Err(e) => {
                for v in self.versions() {
                    if let Ok(plan) = file::from_json(&v.json) {
                        return Ok(Some(plan));
                    }
                }
                Err(e.message(Lang::En))
            }
        }
    }

    /// The file text of a stored copy: its snapshots put back in place of
    /// their hashes. A blob that is missing or does not match its hash is an
    /// error (the caller falls back to an older version).
    fn expand(&self, s: &Storage, text: &str) -> Result<String, file::ImportError> {
        if !text.contains(SNAPSHOT_REFS) {
            return Ok(text.to_string());
        }
        let broken = || {
            file::ImportError::new(
                "snapshots",
                file::ImportErrorKind::Other {
                    detail: "a stored snapshot is missing".into(),
                },
            )
        };
        let mut doc: Value = serde_json::from_str(text).map_err(|_| broken())?;
        let refs = doc
            .as_object_mut()
            .and_then(|o| o.shift_remove(SNAPSHOT_REFS))
            .and_then(|r| serde_json::from_value::<Vec<String>>(r).ok())
            .ok_or_else(broken)?;
        let mut snapshots = Vec::with_capacity(refs.len());
        for hash in refs {
            let blob = read(s, &self.key(&format!("snapshot:{hash}")))
                .filter(|blob| content_hash(blob) == hash)
                .ok_or_else(broken)?;
            snapshots.push(serde_json::from_str::<Value>(&blob).map_err(|_| broken())?);
        }
        if let Some(o) = doc.as_object_mut() {
            o.insert("snapshots".into(), Value::Array(snapshots));
        }
        Ok(doc.to_string())
    }

    /// Writes the snapshot blobs a copy names that are not stored yet.
    /// Returns whether any was new, or why storage refused one.
    fn write_blobs(&self, s: &Storage, blobs: &[(String, String)]) -> Result<bool, StorageStatus> {
        let mut wrote = false;
        for (hash, text) in blobs {
            let key = self.key(&format!("snapshot:{hash}"));
            if s.get_item(&key).ok().flatten().is_none() {
                write(s, &key, text)?;
                wrote = true;
            }
        }
        Ok(wrote)
    }

    /// Removes snapshot blobs that neither the latest copy nor any kept
    /// version names any more.
    fn drop_unused_blobs(&self, s: &Storage) {
        let mut used: std::collections::HashSet<String> = read(s, &self.key("plan"))
            .map(|t| refs_of(&t))
            .unwrap_or_default()
            .into_iter()
            .collect();
        for v in self.stored_versions(s) {
            used.extend(refs_of(&v.json));
        }
        let prefix = self.key("snapshot:");
        let n = s.length().unwrap_or(0);
        let unused: Vec<String> = (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| {
                k.strip_prefix(&prefix)
                    .is_some_and(|hash| !used.contains(hash))
            })
            .collect();
        for k in unused {
            let _ = s.remove_item(&k);
        }
    }

    /// Saves `plan` as the latest copy (and as a kept version when the last
    /// one is old enough). Returns how storage is doing. See [`Store::save_then`].
    pub fn save(&self, plan: &Plan) -> StorageStatus {
        self.save_then(plan, |_| {})
    }

    /// [`Store::save`], telling `kept` about the IndexedDB copy when local
    /// storage refused the save.
    ///
    /// The power-cut copy in IndexedDB (durable.rs) is written after every
    /// save, and also when local storage refuses it (full, or writes not
    /// allowed): then that copy is the only one of the latest changes, and
    /// `kept` hears whether it reached the disk (`true`) or not. At the next
    /// start it is opened, being newer than what local storage holds.
    pub fn save_then(&self, plan: &Plan, kept: impl FnOnce(bool) + 'static) -> StorageStatus {
        if self.paused.get() {
            return StorageStatus::Forgotten;
        }
        let Some(s) = local_storage() else {
            return StorageStatus::Unavailable;
        };
        let meta = self.meta(&s);
        if meta.is_null() {
            if self.seen_meta.get() {
                // Forgotten elsewhere: stop, as a forget in this tab does.
                self.paused.set(true);
                return StorageStatus::Forgotten;
            }
        } else {
            self.seen_meta.set(true);
        }
        let their_time = meta["saved_at"].as_f64().unwrap_or(0.0);
        let their_writer = meta["writer"].as_str().unwrap_or("");
        if !their_writer.is_empty()
            && their_writer != self.writer
            && their_time > self.last_seen.get()
        {
            return StorageStatus::Conflict;
        }
        let t = now();
        let stored = split(plan);
        // The whole file, snapshots included.
        let whole = if stored.blobs.is_empty() {
            stored.text.clone()
        } else {
            file::to_json(plan)
        };
        let mirror = crate::durable::Mirrored {
            saved_at: t,
            writer: self.writer.clone(),
            json: whole,
        };
        match self.save_local(&s, &meta, stored, t) {
            StorageStatus::Ok => {
                crate::durable::put(&self.key("plan"), mirror);
                StorageStatus::Ok
            }
            refused => {
                crate::durable::put_then(&self.key("plan"), mirror, kept);
                refused
            }
        }
    }

    /// The local storage part of [`Store::save`], at time `t`.
    fn save_local(&self, s: &Storage, meta: &Value, stored: Stored, t: f64) -> StorageStatus {
        let Stored { text, blobs } = stored;
        // Blobs first: a copy is never stored before the snapshots it names.
        let new_blobs = match self.write_blobs(s, &blobs) {
            Ok(new) => new,
            Err(status) => return status,
        };
        if let Err(status) = write(s, &self.key("plan"), &text) {
            return status;
        }
        let mut rotated = false;
        let mut next = meta["next_version"].as_u64().unwrap_or(0);
        let mut last_version_at = meta["last_version_at"].as_f64().unwrap_or(0.0);
        if t - last_version_at >= VERSION_EVERY_MS {
            let slot = next % u64::from(MAX_VERSIONS);
            let entry = lock::seal(&text)
                .map(|json| json!({ "saved_at": t as i64, "json": json }).to_string());
            // A full storage may refuse the version but took the latest copy: still saved.
            if entry.is_some_and(|entry| {
                s.set_item(&self.key(&format!("version:{slot}")), &entry)
                    .is_ok()
            }) {
                next += 1;
                last_version_at = t;
                rotated = true;
            }
        }
        let meta = json!({
            "writer": self.writer,
            "saved_at": t as i64,
            "next_version": next,
            "last_version_at": last_version_at as i64,
        });
        if let Err(e) = s.set_item(&self.key("meta"), &meta.to_string()) {
            return refused(e);
        }
        self.last_seen.set(t);
        self.seen_meta.set(true);
        // Only a new snapshot, a replaced version or a copy that names other
        // snapshots than before (a closing undone) can leave a blob unused.
        let refs: Vec<String> = blobs.into_iter().map(|(hash, _)| hash).collect();
        let refs_changed = *self.last_refs.borrow() != refs;
        if new_blobs || rotated || refs_changed {
            self.drop_unused_blobs(s);
        }
        *self.last_refs.borrow_mut() = refs;
        StorageStatus::Ok
    }

    /// The kept versions, newest first, each as the text of a file (its
    /// snapshots back in place). A version whose snapshots are gone is left out.
    pub fn versions(&self) -> Vec<Version> {
        let Some(s) = local_storage() else {
            return Vec::new();
        };
        self.stored_versions(&s)
            .into_iter()
            .filter_map(|v| {
                Some(Version {
                    saved_at: v.saved_at,
                    json: self.expand(&s, &v.json).ok()?,
                })
            })
            .collect()
    }

    /// The kept versions as stored (snapshots as hashes), newest first.
    fn stored_versions(&self, s: &Storage) -> Vec<Version> {
        let mut out: Vec<Version> = (0..MAX_VERSIONS)
            .filter_map(|slot| {
                s.get_item(&self.key(&format!("version:{slot}")))
                    .ok()
                    .flatten()
            })
            .filter_map(|text| serde_json::from_str::<Value>(&text).ok())
            .filter_map(|v| {
                Some(Version {
                    saved_at: v["saved_at"].as_f64()?,
                    json: lock::open(v["json"].as_str()?)?,
                })
            })
            .collect();
        skyddsnat_core::sort::by(&mut out, |a, b| b.saved_at.total_cmp(&a.saved_at));
        out
    }

    /// Whether a `storage` event (another tab or window wrote `key` with
    /// `new_value`) is a newer save of this plan by another writer.
    pub fn is_foreign_save(&self, key: Option<&str>, new_value: Option<&str>) -> bool {
        if key != Some(self.key("meta").as_str()) {
            return false;
        }
        let meta: Value = new_value
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or(Value::Null);
        let writer = meta["writer"].as_str().unwrap_or("");
        if !writer.is_empty() {
            self.seen_meta.set(true);
        }
        !writer.is_empty()
            && writer != self.writer
            && meta["saved_at"].as_f64().unwrap_or(0.0) > self.last_seen.get()
    }

    /// Accepts the newer save of another writer as seen (after loading it).
    pub fn adopt_latest(&self) {
        if let Some(s) = local_storage() {
            self.last_seen
                .set(self.meta(&s)["saved_at"].as_f64().unwrap_or(0.0));
        }
    }

    /// Reads the IndexedDB mirror of this plan (see durable.rs) if the open
    /// plan was loaded from storage; `then` gets what it holds, a few
    /// milliseconds later. Pass it to [`Store::newer_mirror`].
    pub fn read_mirror(&self, then: impl FnOnce(crate::durable::Mirrored) + 'static) {
        if self.loaded.get() {
            crate::durable::get(&self.key("plan"), move |saved| {
                if let Some(saved) = saved {
                    then(saved);
                }
            });
        }
    }

    /// The mirrored plan, if it is newer than both what this writer has
    /// seen and what local storage holds now (after a power cut local
    /// storage lacks the last saves). Never older work over a newer save of
    /// another tab, and nothing once forgotten. Accepted, it counts as seen.
    pub fn newer_mirror(&self, saved: crate::durable::Mirrored) -> Option<Plan> {
        let stored = local_storage()
            .map(|s| self.meta(&s)["saved_at"].as_f64().unwrap_or(0.0))
            .unwrap_or(0.0);
        if self.paused.get() || saved.saved_at <= self.last_seen.get().max(stored) {
            return None;
        }
        let plan = file::from_json(&saved.json).ok()?;
        self.last_seen.set(saved.saved_at);
        Some(plan)
    }

    /// Removes every key this plan has in storage (and its IndexedDB
    /// mirror) and stops autosaving until the page is reloaded. Returns how
    /// many localStorage keys were removed.
    pub fn forget(&self) -> usize {
        self.paused.set(true);
        crate::durable::remove(&self.key("plan"));
        remove_keys_starting_with(&self.base)
    }
}

/// Why a write was refused: "full" only for a quota error, so the user is
/// not sent to delete data when storage is simply not allowed (a
/// `SecurityError` where site data is blocked).
fn refused(error: wasm_bindgen::JsValue) -> StorageStatus {
    let field = |name: &str| js_sys::Reflect::get(&error, &name.into()).ok();
    // Code 22 and Firefox's old name are what older browsers say instead.
    let quota = matches!(
        field("name").and_then(|n| n.as_string()).as_deref(),
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
    ) || field("code").and_then(|c| c.as_f64()) == Some(22.0);
    if quota {
        StorageStatus::Full
    } else {
        StorageStatus::Unavailable
    }
}

/// Removes every key any Skyddsnät widget wrote on this computer, and the
/// IndexedDB mirror's whole database.
pub fn forget_everything() -> usize {
    crate::durable::remove_all();
    remove_keys_starting_with(PREFIX)
}

fn remove_keys_starting_with(prefix: &str) -> usize {
    let Some(s) = local_storage() else {
        return 0;
    };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in &keys {
        let _ = s.remove_item(k);
    }
    keys.len()
}

/// What the user is told about storage, in `lang`.
pub fn status_message(lang: Lang, status: &StorageStatus) -> String {
    let key = match status {
        StorageStatus::Ok => "storage.ok",
        StorageStatus::Unavailable => "storage.unavailable",
        StorageStatus::Full => "storage.full",
        StorageStatus::FullKeptInBackup => "storage.full_kept",
        StorageStatus::Conflict => "storage.conflict",
        StorageStatus::Forgotten => "storage.forgotten",
    };
    i18n::tr(lang, key).to_string()
}
