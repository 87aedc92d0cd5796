//! Autosave to the browser's local storage, with a short history of versions.
//!
//! Every key the widget writes starts with `skyddsnat:v1:<storage key>:`, so
//! plans saved from different file pages (which share one storage under
//! file://) stay apart and "forget this plan" can find all of them:
//! - `…:plan` — the latest plan, in the file format;
//! - `…:meta` — who wrote it last and when, and the version ring's position;
//! - `…:version:<n>` — up to [`MAX_VERSIONS`] older plans, at most one per
//!   [`VERSION_EVERY_MS`], to roll back a bad edit or a corrupt write.
//!
//! Storage can be missing (disabled, some private windows) or full. Then the
//! widget keeps working in memory and the status says so; nothing is dropped
//! silently. Two tabs or widgets with the same key are told apart by a writer
//! id: a writer never overwrites a newer save from another writer.

use crate::state::StorageStatus;
use serde_json::{json, Value};
use skyddsnat_core::{format, i18n, Lang, Plan};
use std::cell::Cell;
use web_sys::Storage;

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
        }
    }

    fn key(&self, part: &str) -> String {
        format!("{}{part}", self.base)
    }

    /// Whether storage exists and takes a write.
    pub fn available(&self) -> bool {
        let Some(s) = local_storage() else {
            return false;
        };
        let probe = self.key("probe");
        let ok = s.set_item(&probe, "1").is_ok();
        let _ = s.remove_item(&probe);
        ok
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
        let meta = self.meta(&s);
        self.last_seen.set(meta["saved_at"].as_f64().unwrap_or(0.0));
        let Some(text) = s.get_item(&self.key("plan")).ok().flatten() else {
            return Ok(None);
        };
        match format::from_json(&text) {
            Ok(plan) => Ok(Some(plan)),
            Err(e) => {
                for v in self.versions() {
                    if let Ok(plan) = format::from_json(&v.json) {
                        return Ok(Some(plan));
                    }
                }
                Err(e.message(Lang::En))
            }
        }
    }

    /// Saves `plan` as the latest copy (and as a kept version when the last
    /// one is old enough). Returns how storage is doing.
    pub fn save(&self, plan: &Plan) -> StorageStatus {
        if self.paused.get() {
            return StorageStatus::Forgotten;
        }
        let Some(s) = local_storage() else {
            return StorageStatus::Unavailable;
        };
        let meta = self.meta(&s);
        let their_time = meta["saved_at"].as_f64().unwrap_or(0.0);
        let their_writer = meta["writer"].as_str().unwrap_or("");
        if !their_writer.is_empty()
            && their_writer != self.writer
            && their_time > self.last_seen.get()
        {
            return StorageStatus::Conflict;
        }
        let text = format::to_json(plan);
        if s.set_item(&self.key("plan"), &text).is_err() {
            return StorageStatus::Full;
        }
        let t = now();
        let mut next = meta["next_version"].as_u64().unwrap_or(0);
        let mut last_version_at = meta["last_version_at"].as_f64().unwrap_or(0.0);
        if t - last_version_at >= VERSION_EVERY_MS {
            let slot = next % u64::from(MAX_VERSIONS);
            let entry = json!({ "saved_at": t, "json": text }).to_string();
            // A full storage may refuse the version but took the latest copy: still saved.
            if s.set_item(&self.key(&format!("version:{slot}")), &entry)
                .is_ok()
            {
                next += 1;
                last_version_at = t;
            }
        }
        let meta = json!({
            "writer": self.writer,
            "saved_at": t,
            "next_version": next,
            "last_version_at": last_version_at,
        });
        if s.set_item(&self.key("meta"), &meta.to_string()).is_err() {
            return StorageStatus::Full;
        }
        self.last_seen.set(t);
        StorageStatus::Ok
    }

    /// The kept versions, newest first.
    pub fn versions(&self) -> Vec<Version> {
        let Some(s) = local_storage() else {
            return Vec::new();
        };
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
                    json: v["json"].as_str()?.to_string(),
                })
            })
            .collect();
        out.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
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

    /// Removes every key this plan has in storage and stops autosaving until
    /// the page is reloaded. Returns how many keys were removed.
    pub fn forget(&self) -> usize {
        self.paused.set(true);
        remove_keys_starting_with(&self.base)
    }
}

/// Removes every key any Skyddsnät widget wrote on this computer.
pub fn forget_everything() -> usize {
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
        StorageStatus::Conflict => "storage.conflict",
        StorageStatus::Forgotten => "storage.forgotten",
    };
    i18n::tr(lang, key).to_string()
}
