//! Skyddsnät core: the safety-plan document, its edits and history, the file
//! format, map geometry and print rendering.
//!
//! Pure Rust: no DOM, no clock, no randomness, no IO. "Today" and new ids are
//! always passed in, so every function here is deterministic and testable natively.

pub mod child_pictures;
pub mod date;
pub mod decimal;
pub mod edit;
pub mod escape;
pub mod figures;
pub mod format;
pub mod geometry;
pub mod history;
pub mod i18n;
pub mod ids;
pub mod json;
pub mod labels;
pub mod plan;
pub mod print;
pub mod review;
pub mod sample;
pub mod schedule;
pub mod seal;
pub mod sort;
pub mod stats;
pub mod svg;
pub mod validate;

pub use date::{Date, TimeOfDay, Weekday};
pub use edit::{Applied, Change, Edit, EditError, Entity, EntityKind, Ref, Referrer};
pub use history::History;
pub use i18n::Lang;
pub use ids::*;
pub use labels::Label;
pub use plan::*;
