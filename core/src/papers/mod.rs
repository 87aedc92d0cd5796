//! The papers: every printed page as an HTML string (the A4 plan, the
//! child's words-and-pictures page) and the escaping every user text passes.

pub mod cards;
pub mod child_pictures;
pub mod escape;
pub mod minutes;
pub mod print;
pub mod room;
pub mod unit_report;
