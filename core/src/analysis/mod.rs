//! Reading a plan rather than changing it: findings, key figures, the check
//! schedule, closed meetings and what changed since, and the unit's
//! anonymous statistics over many plans.

pub mod figures;
pub mod period;
pub mod review;
pub mod schedule;
pub mod stats;
pub mod unit_files;
pub mod validate;
