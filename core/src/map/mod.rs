//! The network map: its coordinate system and geometry, the automatic
//! layout, the label rules (hidden names, truncation), and the standalone SVG
//! that print and export use.

pub mod fit;
pub mod geometry;
pub mod gesture;
mod label;
pub mod layout;
pub mod scene;
pub mod svg;

pub use fit::{fit, Screen};
pub use geometry::*;
pub use label::{
    child_display_name, display_name, display_name_of, hide_names_in, initials, label_width,
    short_label, split_title, truncate_label, truncate_text, SECTOR_TITLE_CHARS,
};
pub use label::{CHAR_WIDTH, LABEL_FONT, LABEL_HEIGHT, LABEL_MAX_CHARS};
pub use layout::{layout, layout_with, Layout, LayoutOptions, Node, CHILD_RADIUS, NODE_RADIUS};
