//! The network map drawn as a standalone SVG string (for print and export).
