//! The side panel's editors, one component per tab. Each reads the app state
//! from context and changes the plan only through core edits, one per
//! committed change, so every undo step means something to the user.

mod agreements;
mod arrangements;
mod calendar;
mod case;
mod checkins;
mod child_voice;
mod common;
mod findings;
mod follow_up;
mod mapping;
mod meetings;
mod person;
mod plan;
mod scale;

pub use calendar::DAYS_AHEAD;
pub use case::CasePanel;
pub use child_voice::ChildVoicePanel;
pub use common::display_name;
pub use follow_up::FollowUpPanel;
pub use person::PersonPanel;
pub use plan::PlanPanel;
pub use scale::ScalePanel;
