//! The map: geometry, layout and the exported SVG.
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

mod fit;
mod geometry;
mod gesture;
mod golden;
mod scene;
