//! The analysis: findings, figures, schedule, review and statistics.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

mod analysis_support;
mod check_log;
#[path = "../support/mod.rs"]
mod support;

mod figures;
mod properties;
mod review;
mod scale;
mod schedule;
mod snapshots;
mod stats;
mod unit_files;
mod validate;
