//! The document: edits, undo and their invariants.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

#[path = "../support/mod.rs"]
mod support;

mod edits;
mod props;
