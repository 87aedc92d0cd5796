//! Validation findings: what a consultant should look at, with severity, place and hint.
