//! The Skyddsnät widget: yew components, browser storage, file open/save,
//! the JS API. Only this crate touches the DOM; all plan logic is in
//! `skyddsnat-core`.

pub mod api;
pub mod app;
pub mod dialog;
pub mod durable;
pub mod files;
pub mod host;
pub mod keyfigures;
pub mod listview;
pub mod lock;
pub mod lock_view;
pub mod map;
pub mod panels;
pub mod passphrase;
pub mod print_dialog;
pub mod room;
pub mod start;
pub mod state;
pub mod stats_view;
pub mod storage;
pub mod topbar;
pub mod versions;

pub use api::{mount, stylesheet, Widget};
