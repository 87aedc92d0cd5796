//! The file format: export, import, migration, the schema, hostile input.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

#[path = "../support/mod.rs"]
mod support;

mod corpus;
mod format;
mod large;
mod schema;
