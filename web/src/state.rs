//! The widget's state and its reducer: a thin wrapper around the core.
//!
//! Every change to the plan is a core `Edit` sent as `Action::Edit`; the
//! reducer applies it through `History`, so undo/redo, autosave and change
//! events all see the same path. UI-only state (selection, language, hidden
//! names, tab) lives here too, never in the plan.

use skyddsnat_core::map::display_name_of;
use skyddsnat_core::{AgreementId, Date, Edit, EditError, History, Lang, PersonId, Plan};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What is selected on the map or in the panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Person(PersonId),
    Agreement(AgreementId),
}

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Person,
    Plan,
    Scale,
    ChildVoice,
    FollowUp,
    Case,
}

/// The main area: the drawn map or the same network as tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Map,
    List,
}

/// Whether autosave to browser storage works (shown plainly when it does not).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum StorageStatus {
    /// Nothing to say: saving works, or nothing has been tried yet.
    #[default]
    Ok,
    /// No storage at all (disabled, private window, sandboxed page).
    Unavailable,
    /// Storage exists but refused the write (quota), and the latest
    /// changes are only in memory (the IndexedDB copy not written, or not yet).
    Full,
    /// Local storage refused the write (quota), but the power-cut copy in
    /// IndexedDB holds the latest changes: they are there when the plan is
    /// opened again on this computer; no versions are kept meanwhile.
    FullKeptInBackup,
    /// Another tab or widget saved newer work under the same key; we stopped
    /// autosaving rather than overwrite it.
    Conflict,
    /// The user removed the plan from this computer; autosave is off until reload.
    Forgotten,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub plan: Rc<Plan>,
    /// Shared, mutated in place: cloning an unlimited undo stack on every
    /// action would make each edit cost as much as all before it.
    pub history: Rc<RefCell<History>>,
    pub today: Date,
    pub lang: Lang,
    pub hide_names: bool,
    pub presentation: bool,
    /// The room view (a second window for the room's screen) is open.
    pub room: bool,
    /// Nothing can be changed: the host made the widget a viewer, or the
    /// case is closed (then only the case itself can change: reopening).
    /// Derived by [`AppState::sync_readonly`] after every change of the plan.
    pub readonly: bool,
    /// The host's `readonly`: a viewer, whatever the plan says.
    pub viewer: bool,
    pub selection: Selection,
    pub tab: Tab,
    /// Bumped on every change of the plan (for autosave and change events).
    pub revision: u64,
    /// The last refused edit, shown to the user until the next action.
    pub error: Option<EditError>,
    /// A sentence for the live region (screen readers), in `lang`.
    pub announcement: String,
    pub view: View,
    pub storage: StorageStatus,
    /// A message for the user that is not an edit error (a file that did not
    /// open, a print that failed), shown until dismissed.
    pub notice: Option<String>,
    /// Unique per mounted app: element ids carry it, so two widgets on one
    /// page (without shadow roots) never share an id.
    pub uid: u32,
}

pub enum Action {
    /// Apply a core edit (recorded for undo).
    Edit(Edit),
    /// Apply an edit and announce `String` in the live region when it succeeds.
    EditAnnounced(Edit, String),
    Undo,
    Redo,
    /// Replace the whole plan with another (open a file): clears history.
    /// Restoring an earlier version is an `Edit::Restore` instead, and undoes.
    Load(Box<Plan>),
    Select(Selection),
    SetTab(Tab),
    SetLang(Lang),
    SetHideNames(bool),
    SetPresentation(bool),
    SetRoom(bool),
    Announce(String),
    SetView(View),
    SetStorage(StorageStatus),
    /// The IndexedDB copy of a save that local storage refused did (`true`)
    /// or did not reach the disk: says which of the two "full" states holds.
    BackupKept(bool),
    Notice(Option<String>),
    /// The user has read the refused edit's message.
    DismissError,
}

impl AppState {
    pub fn new(plan: Plan, today: Date, lang: Lang, readonly: bool) -> AppState {
        let closed = plan.case().is_closed();
        AppState {
            plan: Rc::new(plan),
            history: Rc::new(RefCell::new(History::new())),
            today,
            lang,
            hide_names: false,
            presentation: false,
            room: false,
            readonly: readonly || closed,
            viewer: readonly,
            selection: Selection::None,
            tab: Tab::default(),
            revision: 0,
            error: None,
            announcement: String::new(),
            view: View::default(),
            storage: StorageStatus::default(),
            notice: None,
            uid: next_uid(),
        }
    }

    /// An element id unique to this app: `skn<uid>-<name>`.
    pub fn dom_id(&self, name: &str) -> String {
        format!("skn{}-{name}", self.uid)
    }

    /// How a person or child is named on screen right now: with "hide names"
    /// on, a role or initials (the core's one rule, [`display_name_of`]). Every
    /// component that shows a name calls this, so hiding is instant everywhere.
    pub fn name(&self, id: PersonId) -> String {
        if self.plan.person(id).is_some() || self.plan.child(id).is_some() {
            display_name_of(&self.plan, id, self.hide_names)
        } else {
            String::from("?")
        }
    }

    /// A free text (an agreement, a step, a danger statement…) as shown on
    /// screen right now: with "hide names" on, the names the plan knows are
    /// replaced inside it too (the core's `hide_names_in`).
    pub fn shown(&self, text: &str) -> String {
        if self.hide_names {
            skyddsnat_core::map::hide_names_in(&self.plan, text)
        } else {
            text.to_string()
        }
    }

    /// A closed case is read-only until it is reopened.
    fn sync_readonly(&mut self) {
        self.readonly = self.viewer || self.plan.case().is_closed();
    }

    fn apply(&mut self, edit: Edit) -> bool {
        // In a closed case only the case itself may change (to reopen it).
        if self.viewer || (self.readonly && !matches!(edit, Edit::SetCase(_))) {
            return false;
        }
        let plan = Rc::make_mut(&mut self.plan);
        let result = self.history.borrow_mut().apply(plan, edit);
        match result {
            Ok(()) => {
                self.revision += 1;
                self.error = None;
                self.sync_readonly();
                true
            }
            Err(e) => {
                self.announcement = e.message(self.lang);
                self.error = Some(e);
                false
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(edit) => {
                s.apply(edit);
            }
            Action::EditAnnounced(edit, text) => {
                if s.apply(edit) {
                    s.announcement = text;
                }
            }
            Action::Undo | Action::Redo if s.viewer => {}
            Action::Undo => {
                let done = s.history.borrow_mut().undo(Rc::make_mut(&mut s.plan));
                if done {
                    s.revision += 1;
                    s.announcement = t(&s, "app.undone");
                    s.sync_readonly();
                }
            }
            Action::Redo => {
                let done = s.history.borrow_mut().redo(Rc::make_mut(&mut s.plan));
                if done {
                    s.revision += 1;
                    s.announcement = t(&s, "app.redone");
                    s.sync_readonly();
                }
            }
            Action::Load(plan) => {
                s.plan = Rc::new(*plan);
                s.history.borrow_mut().clear();
                s.selection = Selection::None;
                s.revision += 1;
                s.error = None;
                s.sync_readonly();
            }
            Action::Select(sel) => s.selection = sel,
            Action::SetTab(tab) => s.tab = tab,
            Action::SetLang(lang) => s.lang = lang,
            Action::SetHideNames(on) => s.hide_names = on,
            Action::SetPresentation(on) => s.presentation = on,
            Action::SetRoom(on) => s.room = on,
            Action::Announce(text) => s.announcement = text,
            Action::SetView(view) => s.view = view,
            Action::SetStorage(status) => s.storage = status,
            Action::BackupKept(kept) => {
                // Only while storage is full: a later save that worked, or
                // another reason, is not overwritten by a late answer.
                if matches!(
                    s.storage,
                    StorageStatus::Full | StorageStatus::FullKeptInBackup
                ) {
                    s.storage = if kept {
                        StorageStatus::FullKeptInBackup
                    } else {
                        StorageStatus::Full
                    };
                }
            }
            Action::DismissError => s.error = None,
            Action::Notice(text) => {
                if let Some(text) = &text {
                    s.announcement = text.clone();
                }
                s.notice = text;
            }
        }
        Rc::new(s)
    }
}

/// The handle every component gets from context: read `state`, send actions.
pub type AppContext = UseReducerHandle<AppState>;

/// The app state from context (panics only if a component is used outside `App`).
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("component used outside the App context provider")
}

/// Cheap equality for yew's change detection: the plan compares by pointer
/// (every change makes a new `Rc`), the rest by value.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan)
            && self.revision == other.revision
            && self.today == other.today
            && self.lang == other.lang
            && self.hide_names == other.hide_names
            && self.presentation == other.presentation
            && self.room == other.room
            && self.readonly == other.readonly
            && self.viewer == other.viewer
            && self.selection == other.selection
            && self.tab == other.tab
            && self.error == other.error
            && self.announcement == other.announcement
            && self.view == other.view
            && self.storage == other.storage
            && self.notice == other.notice
    }
}

impl AppState {
    pub fn can_undo(&self) -> bool {
        !self.viewer && self.history.borrow().can_undo()
    }
    pub fn can_redo(&self) -> bool {
        !self.viewer && self.history.borrow().can_redo()
    }
}

fn next_uid() -> u32 {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    }
    NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    })
}

/// A UI string from the core's message catalogs, in the current language.
pub fn t(state: &AppState, key: &str) -> String {
    skyddsnat_core::i18n::tr(state.lang, key).to_string()
}

/// A UI string with `{name}` placeholders filled.
pub fn tf(state: &AppState, key: &str, args: &[(&str, &str)]) -> String {
    skyddsnat_core::i18n::trf(state.lang, key, args)
}
