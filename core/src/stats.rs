//! Statistics for the unit over many plans, without names.
