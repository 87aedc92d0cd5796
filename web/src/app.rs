//! The root component: provides the state context and lays out the meeting
//! screen (top bar; map or list on the left; the side panel's tabs on the
//! right), and connects the state to the host page: autosave, change and
//! error callbacks, and the window the JS API reads the plan through.

use crate::host::HostRef;
use crate::keyfigures::KeyFigures;
use crate::listview::ListView;
use crate::map::add_person::AddPersonForm;
use crate::map::relate::RelationDialog;
use crate::map::MapView;
use crate::state::{t, Action, AppContext, AppState, StorageStatus, Tab, View};
use crate::topbar::TopBar;
use skyddsnat_core::{Date, Lang, PersonId, Plan};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub plan: Plan,
    pub today: Date,
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub host: HostRef,
}

/// Which dialog over the map is open.
#[derive(Clone, Debug, PartialEq)]
enum Dialog {
    None,
    AddPerson,
    Relate(PersonId, Option<PersonId>),
    Figures,
}

/// Whether a key event comes from a place where typing means text.
pub fn typing_target(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    matches!(
        el.tag_name().to_ascii_uppercase().as_str(),
        "INPUT" | "TEXTAREA" | "SELECT"
    ) || el
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|h| h.is_content_editable())
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state =
        use_reducer(|| AppState::new(props.plan.clone(), props.today, props.lang, props.readonly));
    let host = props.host.0.clone();
    // A new family's plan (children, nobody else yet) opens ready to add
    // the first person, the cursor in the name.
    let dialog = use_state(|| {
        let plan = &props.plan;
        if !props.readonly && !plan.children().is_empty() && plan.people().is_empty() {
            Dialog::AddPerson
        } else {
            Dialog::None
        }
    });
    // In presentation mode the map takes the screen: the side panel opens
    // only on request (the "Side panel" button in the map's bar).
    let panel_open = use_state(|| false);
    let root_ref = use_node_ref();
    let add_button_ref = use_node_ref();

    // Let the JS API send actions in (setPlan) — once: the dispatcher is stable.
    {
        let host = host.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            *host.dispatch.borrow_mut() = Some(Callback::from(move |a| dispatcher.dispatch(a)));
            let pending = host.pending.borrow_mut().take();
            if let Some(plan) = pending {
                host.load_quietly(plan);
            }
            let host = host.clone();
            move || {
                host.dispatch.borrow_mut().take();
            }
        });
    }
    // After every change: publish the plan, autosave, tell the host.
    {
        let host = host.clone();
        let state = state.clone();
        use_effect_with(state.revision, move |revision| {
            *host.current.borrow_mut() = state.plan.clone();
            if *revision > 0 {
                if let Some(store) = &host.store {
                    let dispatcher = state.dispatcher();
                    let status = store.save_then(&state.plan, move |kept| {
                        dispatcher.dispatch(Action::BackupKept(kept))
                    });
                    // Still full, and the backup copy was kept last time:
                    // say so until this save's copy answers (no flicker).
                    let unchanged = status == StorageStatus::Full
                        && state.storage == StorageStatus::FullKeptInBackup;
                    if status != state.storage && !unchanged {
                        if status != StorageStatus::Ok {
                            host.report_error(&crate::storage::status_message(state.lang, &status));
                        }
                        state.dispatch(Action::SetStorage(status));
                    }
                }
                if let Some(f) = &host.on_change {
                    if !host.quiet_change.replace(false) {
                        let value = crate::host::plan_to_js(&state.plan);
                        let _ = f.call1(&JsValue::NULL, &value);
                    }
                }
            }
        });
    }
    {
        let host = host.clone();
        use_effect_with(state.lang, move |lang| host.lang.set(*lang));
    }
    // The room view follows every change, selection and "hide names" as
    // soon as this window has rendered it, and closes with the widget.
    {
        let state = state.clone();
        let deps = (state.room, crate::map::Shown::of(&state), state.tab);
        use_effect_with(deps, move |(room, ..)| {
            if !*room {
                crate::room::close(state.uid);
            } else if !crate::room::draw(state.uid, crate::room::view_of(&state)) {
                state.dispatch(Action::SetRoom(false));
            }
        });
    }
    {
        let uid = state.uid;
        use_effect_with((), move |_| move || crate::room::close(uid));
    }
    // Storage that does not work at all is said at once, not at the first edit.
    {
        let host = host.clone();
        let state = state.clone();
        use_effect_with((), move |_| {
            if let Some(store) = &host.store {
                let status = store.probe();
                if status != StorageStatus::Ok {
                    state.dispatch(Action::SetStorage(status));
                }
            }
        });
    }

    // After a power cut or a killed browser, local storage may lack the last
    // saves that the IndexedDB mirror has (see durable.rs): open those
    // instead, a few milliseconds after start. Like opening, not an edit:
    // no undo step, no change event; the autosave writes it back. Not if the
    // plan changed meanwhile (an edit, the host's `setPlan`).
    {
        let host = host.clone();
        use_effect_with((), move |_| {
            if let Some(store) = &host.store {
                let host = host.clone();
                let opened = host.current.borrow().clone();
                store.read_mirror(move |saved| {
                    if !Rc::ptr_eq(&host.current.borrow(), &opened) {
                        return;
                    }
                    if let Some(plan) = host.store.as_ref().and_then(|s| s.newer_mirror(saved)) {
                        host.load_quietly(plan);
                    }
                });
            }
        });
    }

    // While storage keeps nothing (another tab's newer save, full with no
    // backup copy, not allowed, forgotten), changes not saved as a file
    // exist only on this screen: closing the page asks first (the browser's
    // own "Leave page?"). Listening only then: a page with a `beforeunload`
    // listener may be kept out of the back/forward cache.
    {
        let host = host.clone();
        let state = state.clone();
        let memory_only = matches!(
            state.storage,
            StorageStatus::Conflict
                | StorageStatus::Full
                | StorageStatus::Unavailable
                | StorageStatus::Forgotten
        ) && host.store.is_some();
        use_effect_with(memory_only, move |memory_only| {
            let listener = (*memory_only)
                .then(web_sys::window)
                .flatten()
                .map(|window| {
                    let options = gloo::events::EventListenerOptions::enable_prevent_default();
                    gloo::events::EventListener::new_with_options(
                        &window,
                        "beforeunload",
                        options,
                        move |event| {
                            // The handle reads the state as it is now.
                            if state.can_undo() && !host.is_saved_as_file(&state.plan) {
                                event.prevent_default();
                                let _ = js_sys::Reflect::set(
                                    event,
                                    &"returnValue".into(),
                                    &JsValue::from_str(""),
                                );
                            }
                        },
                    )
                });
            move || drop(listener)
        });
    }

    // Another tab or window saving this plan is noticed at once (the browser
    // tells other pages of the same origin), not only at this tab's next save.
    {
        let host = host.clone();
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "storage", move |event| {
                    let Some(store) = &host.store else {
                        return;
                    };
                    let get = |name: &str| {
                        js_sys::Reflect::get(event, &name.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    if store.is_foreign_save(get("key").as_deref(), get("newValue").as_deref()) {
                        state.dispatch(Action::SetStorage(StorageStatus::Conflict));
                    }
                })
            });
            // Dropping the listener removes it (on destroy, too).
            move || drop(listener)
        });
    }

    let open_add = {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(Dialog::AddPerson))
    };
    let on_relate = {
        let dialog = dialog.clone();
        let readonly = state.readonly;
        Callback::from(move |(from, to): (PersonId, Option<PersonId>)| {
            if !readonly {
                dialog.set(Dialog::Relate(from, to));
            }
        })
    };
    // Focus goes back where the dialog came from: the person a relation was
    // drawn from (keyboard users keep their place on the map), else the add button.
    let close_dialog = {
        let dialog = dialog.clone();
        let add_button_ref = add_button_ref.clone();
        let root_ref = root_ref.clone();
        Callback::from(move |_| {
            let back_to = match &*dialog {
                Dialog::Relate(from, _) => root_ref
                    .cast::<Element>()
                    .and_then(|r| {
                        r.query_selector(&format!("[data-person=\"{from}\"]"))
                            .ok()
                            .flatten()
                    })
                    .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok())
                    .map(|el| el.focus()),
                _ => None,
            };
            dialog.set(Dialog::None);
            if back_to.is_none() {
                if let Some(b) = add_button_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };

    let onkeydown = {
        let state = state.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            let ctrl = e.ctrl_key() || e.meta_key();
            let key = e.key();
            if typing_target(&e) {
                return;
            }
            if ctrl && !e.alt_key() {
                match key.as_str() {
                    "z" | "Z" if e.shift_key() => {
                        e.prevent_default();
                        state.dispatch(Action::Redo);
                    }
                    "z" | "Z" => {
                        e.prevent_default();
                        state.dispatch(Action::Undo);
                    }
                    "y" | "Y" => {
                        e.prevent_default();
                        state.dispatch(Action::Redo);
                    }
                    _ => {}
                }
                return;
            }
            if state.readonly || e.meta_key() {
                return;
            }
            // Alt+N works from anywhere; a bare "n" or "r" only outside text fields (checked above).
            let code = e.code();
            if (key == "n" && !e.alt_key()) || (e.alt_key() && code == "KeyN") {
                e.prevent_default();
                dialog.set(Dialog::AddPerson);
            } else if key == "r" && !e.alt_key() {
                if let crate::state::Selection::Person(id) = state.selection {
                    e.prevent_default();
                    dialog.set(Dialog::Relate(id, None));
                }
            }
        })
    };

    // A long press on a person (touch): the person's editor, in presentation
    // mode with the side panel opened for it.
    let on_open = {
        let state = state.clone();
        let panel_open = panel_open.clone();
        Callback::from(move |id: PersonId| {
            state.dispatch(Action::Select(crate::state::Selection::Person(id)));
            state.dispatch(Action::SetTab(Tab::Person));
            panel_open.set(true);
        })
    };
    let main = match state.view {
        View::Map => html! { <MapView on_relate={on_relate.clone()} {on_open} /> },
        View::List => html! { <ListView on_relate={on_relate.clone()} /> },
    };
    let toggle_view = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::SetView(match state.view {
                View::Map => View::List,
                View::List => View::Map,
            }))
        })
    };
    let toggle_panel = {
        let panel_open = panel_open.clone();
        Callback::from(move |_: MouseEvent| panel_open.set(!*panel_open))
    };

    let dialog_html = match &*dialog {
        Dialog::None => html! {},
        Dialog::AddPerson => html! { <AddPersonForm on_close={close_dialog.clone()} /> },
        Dialog::Relate(from, to) => html! {
            <RelationDialog from={*from} to={*to} on_close={close_dialog.clone()} />
        },
        Dialog::Figures => html! { <KeyFigures on_close={close_dialog.clone()} /> },
    };
    let toggle_figures = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            dialog.set(if *dialog == Dialog::Figures {
                Dialog::None
            } else {
                Dialog::Figures
            })
        })
    };

    let root_class = classes!(
        "skn-app",
        state.presentation.then_some("skn-app--presentation"),
        state.readonly.then_some("skn-app--readonly"),
        (state.presentation && !*panel_open).then_some("skn-app--panel-collapsed"),
    );
    let s: &AppState = &state;
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div ref={root_ref.clone()} class={root_class} lang={state.lang.code()} dir={state.lang.dir()} {onkeydown}>
                <TopBar root={root_ref.clone()} host={props.host.clone()} />
                <StatusBanner host={props.host.clone()} />
                <div class="skn-body">
                    <main class="skn-main" aria-label={t(s, "app.main")}>
                        { main }
                        { dialog_html }
                        <div class="skn-mapbar">
                            if state.view == View::Map {
                                <crate::map::Legend />
                            }
                            <div class="skn-main-actions">
                            if !state.readonly {
                                <button ref={add_button_ref} type="button" class="skn-button skn-button--primary"
                                    onclick={open_add} aria-keyshortcuts="n Alt+N">
                                    { t(s, "map.add_person") }
                                </button>
                            }
                            if state.view == View::Map {
                                <button type="button" class="skn-button" onclick={toggle_figures}
                                    aria-pressed={(*dialog == Dialog::Figures).to_string()}>
                                    { t(s, "keyfigures.title") }
                                </button>
                            }
                            <button type="button" class="skn-button" onclick={toggle_view}
                                aria-pressed={(state.view == View::List).to_string()}>
                                { t(s, if state.view == View::Map { "app.show_list" } else { "app.show_map" }) }
                            </button>
                            if state.presentation {
                                <button type="button" class="skn-button" onclick={toggle_panel}
                                    aria-pressed={panel_open.to_string()}>
                                    { t(s, "app.side_panel") }
                                </button>
                            }
                            </div>
                        </div>
                    </main>
                    <SidePanel />
                </div>
                <div class="skn-visually-hidden" role="status" aria-live="polite">{ state.announcement.clone() }</div>
            </div>
        </ContextProvider<AppContext>>
    }
}

#[derive(Properties, PartialEq)]
struct BannerProps {
    host: HostRef,
}

/// Storage trouble, refused edits and other notices, said plainly where the
/// user looks, each with what can be done about it.
#[function_component]
fn StatusBanner(props: &BannerProps) -> Html {
    let app = crate::state::use_app();
    let s: &AppState = &app;
    let save = {
        let app = app.clone();
        let host = props.host.clone();
        Callback::from(move |_: MouseEvent| {
            crate::files::save_json(&app.plan, app.today);
            host.0.saved_as_file(&app.plan);
        })
    };
    let dismiss_error = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::DismissError))
    };
    let dismiss_notice = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Notice(None)))
    };
    // Another tab saved newer work: take it (this tab's changes since are lost, so ask).
    let take_newer = {
        let app = app.clone();
        let host = props.host.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(store) = &host.0.store else {
                return;
            };
            if !gloo::dialogs::confirm(&t(&app, "storage.take_newer_confirm")) {
                return;
            }
            match store.load() {
                Ok(Some(plan)) => {
                    app.dispatch(Action::Load(Box::new(plan)));
                    app.dispatch(Action::SetStorage(StorageStatus::Ok));
                }
                Ok(None) | Err(_) => {
                    app.dispatch(Action::Notice(Some(t(&app, "storage.take_newer_failed"))))
                }
            }
        })
    };
    html! {
        <>
            if app.storage != StorageStatus::Ok {
                <div class="skn-banner skn-banner--warning" role="alert">
                    <span>{ crate::storage::status_message(app.lang, &app.storage) }</span>
                    if app.storage == StorageStatus::Conflict {
                        <button type="button" class="skn-button" onclick={take_newer}>{ t(s, "storage.take_newer") }</button>
                    }
                    <button type="button" class="skn-button" onclick={save}>{ t(s, "menu.save") }</button>
                </div>
            }
            if let Some(err) = &app.error {
                <div class="skn-banner skn-banner--error" role="alert">
                    <span>{ err.message(app.lang) }</span>
                    <button type="button" class="skn-button skn-button--small" onclick={dismiss_error}>{ t(s, "app.dismiss") }</button>
                </div>
            }
            if let Some(notice) = &app.notice {
                <div class="skn-banner skn-banner--error" role="alert">
                    <span>{ notice.clone() }</span>
                    <button type="button" class="skn-button skn-button--small" onclick={dismiss_notice}>{ t(s, "app.dismiss") }</button>
                </div>
            }
        </>
    }
}

/// The side panel: a tab list and the selected tab's editor.
#[function_component]
fn SidePanel() -> Html {
    let app = crate::state::use_app();
    let s: &AppState = &app;
    const TABS: [(Tab, &str, &str); 6] = [
        (Tab::Person, "app.tab.person", "person"),
        (Tab::Plan, "app.tab.plan", "plan"),
        (Tab::Scale, "app.tab.scale", "scale"),
        (Tab::ChildVoice, "app.tab.child_voice", "child-voice"),
        (Tab::FollowUp, "app.tab.follow_up", "follow-up"),
        (Tab::Case, "app.tab.case", "case"),
    ];
    let tablist_ref = use_node_ref();
    let onkeydown = {
        let app = app.clone();
        let tablist_ref = tablist_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = TABS
                .iter()
                .position(|(tab, _, _)| *tab == app.tab)
                .unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (i + 1) % TABS.len(),
                "ArrowLeft" | "ArrowUp" => (i + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            app.dispatch(Action::SetTab(TABS[next].0));
            let tab = tablist_ref
                .cast::<Element>()
                .and_then(|l| {
                    l.query_selector(&format!("[data-tab=\"{}\"]", TABS[next].2))
                        .ok()
                        .flatten()
                })
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(tab) = tab {
                let _ = tab.focus();
            }
        })
    };
    let current = TABS
        .iter()
        .find(|(tab, _, _)| *tab == app.tab)
        .unwrap_or(&TABS[0]);
    let panel = match app.tab {
        Tab::Person => html! { <crate::panels::PersonPanel /> },
        Tab::Plan => html! { <crate::panels::PlanPanel /> },
        Tab::Scale => html! { <crate::panels::ScalePanel /> },
        Tab::ChildVoice => html! { <crate::panels::ChildVoicePanel /> },
        Tab::FollowUp => html! { <crate::panels::FollowUpPanel /> },
        Tab::Case => html! { <crate::panels::CasePanel /> },
    };
    html! {
        <aside class="skn-side" aria-label={t(s, "app.side_panel")}>
            <div ref={tablist_ref} class="skn-tabs" role="tablist" aria-label={t(s, "app.side_panel")} {onkeydown}>
                { for TABS.iter().map(|(tab, key, slug)| {
                    let selected = *tab == app.tab;
                    let onclick = {
                        let app = app.clone();
                        let tab = *tab;
                        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetTab(tab)))
                    };
                    html! {
                        <button type="button" role="tab" id={app.dom_id(&format!("tab-{slug}"))} data-tab={*slug}
                            class={classes!("skn-tab", selected.then_some("skn-tab--selected"))}
                            aria-selected={selected.to_string()} aria-controls={app.dom_id("tabpanel")}
                            tabindex={if selected { "0" } else { "-1" }} {onclick}>
                            { t(s, key) }
                        </button>
                    }
                }) }
            </div>
            <div id={app.dom_id("tabpanel")} class="skn-tabpanel" role="tabpanel"
                aria-labelledby={app.dom_id(&format!("tab-{}", current.2))} tabindex="0">
                { panel }
            </div>
        </aside>
    }
}
