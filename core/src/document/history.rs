//! Undo and redo: an unlimited stack of inverse edits.

use crate::document::edit::{Edit, EditError};
use crate::document::plan::Plan;

/// The undo and redo stacks for one plan. Each entry is the edit that
/// reverses one user action, so memory grows with what changed, not with the
/// size of the plan.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edit` to `plan` and remembers how to undo it. A new edit clears redo.
    pub fn apply(&mut self, plan: &mut Plan, edit: Edit) -> Result<(), EditError> {
        let applied = plan.apply(edit)?;
        self.undo.push(applied.inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last action; `false` if there was nothing to undo.
    pub fn undo(&mut self, plan: &mut Plan) -> bool {
        Self::step(plan, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone action; `false` if there was nothing to redo.
    pub fn redo(&mut self, plan: &mut Plan) -> bool {
        Self::step(plan, &mut self.redo, &mut self.undo)
    }

    fn step(plan: &mut Plan, from: &mut Vec<Edit>, to: &mut Vec<Edit>) -> bool {
        let Some(edit) = from.pop() else {
            return false;
        };
        match plan.apply(edit) {
            Ok(applied) => {
                to.push(applied.inverse);
                true
            }
            // Cannot happen for inverses of applied edits on the same plan;
            // if the plan was replaced underneath, forget the stale history.
            Err(_) => {
                from.clear();
                to.clear();
                false
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (after opening another plan).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
