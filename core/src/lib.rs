//! Skyddsnät core: the safety-plan document, its edits and history, the file
//! format, map geometry and print rendering.
//!
//! Pure Rust: no DOM, no clock, no randomness, no IO. "Today" and new ids are
//! always passed in, so every function here is deterministic and testable natively.

pub mod analysis;
pub mod document;
pub mod file;
pub mod i18n;
pub mod map;
pub mod papers;
pub mod sort;

pub use document::date::{Date, TimeOfDay, Weekday};
pub use document::edit::{Applied, Change, Edit, EditError, Entity, EntityKind, Ref, Referrer};
pub use document::history::History;
pub use document::ids::*;
pub use document::plan::*;
pub use i18n::labels::Label;
pub use i18n::Lang;
