//! Typed identifiers: a person id can never be passed where an agreement id is meant.
//!
//! Ids are small integers, unique within their kind in one plan. New ids are
//! handed out by [`crate::Plan::next_id`] (deterministic: one more than the largest
//! in use), so the core never needs randomness.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident = $prefix:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_type! {
    /// A person in the network, or a child (children are people too: relations point at them).
    PersonId = "person#";
    RelationId = "relation#";
    MeetingId = "meeting#";
    /// An item in the mapping columns (worries, working well, needs to happen, complicating factors).
    NoteId = "note#";
    DangerId = "danger#";
    ScaleId = "scale#";
    AgreementId = "agreement#";
    ArrangementId = "arrangement#";
    SupervisionId = "supervision#";
    CheckInId = "checkin#";
    /// A custodian's consent.
    ConsentId = "consent#";
    FollowUpId = "followup#";
}
