//! The Skyddsnät widget (yew). Only this crate touches the DOM.
