//! The side panel's editors, one component per tab.
