//! The document: one family's safety plan ([`plan::Plan`]) and its value
//! types, the ids, every change as an [`edit::Edit`] with undo
//! ([`history::History`]), dates without a clock, and the fictional sample
//! family.

pub mod date;
pub mod edit;
pub mod history;
pub mod ids;
pub mod plan;
pub mod sample;
