//! The Skyddsnät widget: yew components, browser storage, file open/save,
//! the JS API. Only this crate touches the DOM; all plan logic is in
//! `skyddsnat-core`.

pub mod app;
pub mod panels;
pub mod state;
