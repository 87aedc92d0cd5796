//! The papers: the printed pages.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

mod cards;
mod print;
