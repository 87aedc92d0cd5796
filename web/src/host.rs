//! What the embedding page and the widget share: storage, the host's
//! callbacks, and the plan the JS API reads back. Below `app` and `api` (both
//! use it) so that widgets that need the host (the top bar, the versions
//! dialog) do not import the screen that contains them.

use crate::state::Action;
use crate::storage::Store;
use skyddsnat_core::file;
use skyddsnat_core::{Lang, Plan};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::Callback;

/// What the embedding page gave the widget and what it reads back: storage,
/// callbacks, and the current plan for `getPlan()`/`exportJson()`.
#[derive(Default)]
pub struct Host {
    /// Where autosave writes; `None` keeps everything in memory (tests, read-only).
    pub store: Option<Store>,
    pub on_change: Option<js_sys::Function>,
    pub on_error: Option<js_sys::Function>,
    /// The plan as it is now, updated after every render that changed it.
    pub current: RefCell<Rc<Plan>>,
    pub lang: Cell<Lang>,
    /// Sends actions into the running app (for `setPlan`).
    pub dispatch: RefCell<Option<Callback<Action>>>,
    /// The next change came from the host itself (`setPlan`): do not echo it
    /// back as a change event.
    pub quiet_change: Cell<bool>,
    /// A plan the host set before the app's first render had installed
    /// `dispatch` (yew renders asynchronously after `mount`); loaded then.
    pub pending: RefCell<Option<Plan>>,
    /// The plan as it was last saved as a file by the user (any kind:
    /// JSON, sealed, a copy of the page), by identity: while storage keeps
    /// nothing, closing the page with other changes asks first.
    pub saved_as_file: RefCell<Option<Rc<Plan>>>,
    /// Back to the start screen (the plans on this computer), when the
    /// widget was opened from it.
    pub on_home: Option<js_sys::Function>,
}

impl Host {
    /// Opens `plan` the way a plan from the host or from storage is opened:
    /// no undo step, and no change event echoed back to the host. Before the
    /// app's first render has installed `dispatch` (yew renders after
    /// `mount` returns), the plan is kept and loaded then.
    pub fn load_quietly(&self, plan: Plan) {
        match &*self.dispatch.borrow() {
            Some(dispatch) => {
                self.quiet_change.set(true);
                dispatch.emit(Action::Load(Box::new(plan)));
            }
            None => *self.pending.borrow_mut() = Some(plan),
        }
    }

    /// The user saved `plan` as a file.
    pub fn saved_as_file(&self, plan: &Rc<Plan>) {
        *self.saved_as_file.borrow_mut() = Some(plan.clone());
    }

    /// Whether `plan` is what the user last saved as a file.
    pub fn is_saved_as_file(&self, plan: &Rc<Plan>) -> bool {
        self.saved_as_file
            .borrow()
            .as_ref()
            .is_some_and(|saved| Rc::ptr_eq(saved, plan))
    }

    /// Reports an error to the host page's `onError`, if it gave one.
    pub fn report_error(&self, message: &str) {
        if let Some(f) = &self.on_error {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(message));
        }
    }
}

/// A shared host, compared by identity (yew props need `PartialEq`).
#[derive(Clone, Default)]
pub struct HostRef(pub Rc<Host>);

impl PartialEq for HostRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The plan as a JS object in the file format.
pub fn plan_to_js(plan: &Plan) -> JsValue {
    js_sys::JSON::parse(&file::to_json(plan)).unwrap_or(JsValue::NULL)
}
