//! The top bar: who the plan is about and which meeting, undo/redo, the
//! meeting-room toggles (hide names, presentation), the language switch and
//! the ☰ menu (open, save, print, export, forget).

use crate::files::Chosen;
use crate::host::HostRef;
use crate::state::{t, tf, use_app, Action, AppState, StorageStatus};
use skyddsnat_core::{file, Lang, Plan};
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The widget's root element (full screen, print frame).
    pub root: NodeRef,
    pub host: HostRef,
}

/// "Alva, 7 · Elis, 3", with names hidden when they are.
pub fn children_line(state: &AppState) -> String {
    let names: Vec<String> = state
        .plan
        .children()
        .iter()
        .map(|c| {
            tf(
                state,
                "app.child_age",
                &[
                    ("name", &state.name(c.id)),
                    ("age", &c.age.years().to_string()),
                ],
            )
        })
        .collect();
    if names.is_empty() {
        t(state, "app.no_children")
    } else {
        names.join(", ")
    }
}

/// The meeting the screen is about, for the header: the latest held one
/// (its number among held meetings and its date); before any is held, the
/// first, on the day it is planned for (or today).
pub fn current_meeting(plan: &Plan, today: skyddsnat_core::Date) -> (usize, skyddsnat_core::Date) {
    match plan.latest_meeting() {
        Some(m) => (plan.meeting_number(m), m.date),
        None => (1, plan.next_meeting(today).map_or(today, |m| m.date)),
    }
}

#[function_component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let app = use_app();
    let s: &AppState = &app;
    let menu_open = use_state(|| false);
    let versions_open = use_state(|| false);
    let print_open = use_state(|| false);
    let passphrase = use_state(|| None::<crate::passphrase::Purpose>);
    let file_ref = use_node_ref();
    let reader = use_mut_ref(|| Option::<gloo::file::callbacks::FileReader>::None);

    let undo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Undo))
    };
    let redo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Redo))
    };
    let hide = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !app.hide_names;
            app.dispatch(Action::SetHideNames(on));
            app.dispatch(Action::Announce(t(
                &app,
                if on {
                    "app.names_hidden"
                } else {
                    "app.names_shown"
                },
            )));
        })
    };
    let presentation = {
        let app = app.clone();
        let root = props.root.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !app.presentation;
            app.dispatch(Action::SetPresentation(on));
            set_fullscreen(&root, on);
        })
    };
    let room = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let on = !(app.room && crate::room::is_open(app.uid));
            if on {
                let dispatcher = app.dispatcher();
                let closed = Callback::from(move |()| dispatcher.dispatch(Action::SetRoom(false)));
                if !crate::room::open(app.uid, crate::room::view_of(&app), closed) {
                    app.dispatch(Action::Notice(Some(t(&app, "room.blocked"))));
                    return;
                }
            }
            app.dispatch(Action::SetRoom(on));
            app.dispatch(Action::Announce(t(
                &app,
                if on { "room.opened" } else { "room.closed" },
            )));
        })
    };
    let set_lang = |lang: Lang| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetLang(lang)))
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let close_menu_on_escape = {
        let menu_open = menu_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                menu_open.set(false);
            }
        })
    };
    let item = |f: Box<dyn Fn()>| {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| {
            menu_open.set(false);
            f();
        })
    };

    let open_file = {
        let file_ref = file_ref.clone();
        item(Box::new(move || {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        }))
    };
    let on_file = {
        let passphrase = passphrase.clone();
        let app = app.clone();
        let reader = reader.clone();
        let host = props.host.clone();
        Callback::from(move |e: Event| {
            let app = app.clone();
            let host = host.clone();
            let passphrase = passphrase.clone();
            crate::files::read_chosen(&e, &reader, move |chosen| match chosen {
                Chosen::TooLarge => {
                    let msg = t(&app, "menu.file_too_large");
                    host.0.report_error(&msg);
                    app.dispatch(Action::Notice(Some(msg)));
                }
                Chosen::Text(Some(text)) if skyddsnat_core::file::seal::is_sealed(&text) => {
                    passphrase.set(Some(crate::passphrase::Purpose::Open(text.into())));
                }
                Chosen::Text(text) => open_text(&app, &host, text),
            });
        })
    };
    let save = {
        let app = app.clone();
        let host = props.host.clone();
        item(Box::new(move || {
            crate::files::save_json(&app.plan, app.today);
            host.0.saved_as_file(&app.plan);
        }))
    };
    let save_protected = {
        let passphrase = passphrase.clone();
        item(Box::new(move || {
            passphrase.set(Some(crate::passphrase::Purpose::Save))
        }))
    };
    let close_passphrase = {
        let passphrase = passphrase.clone();
        Callback::from(move |()| passphrase.set(None))
    };
    let on_sealed = {
        let passphrase = passphrase.clone();
        let app = app.clone();
        let host = props.host.clone();
        Callback::from(move |text: String| {
            host.0.saved_as_file(&app.plan);
            crate::files::download(
                &crate::files::file_name("plan-skyddad", app.today, "json"),
                "application/json",
                &text,
            );
            passphrase.set(None);
            app.dispatch(Action::Announce(t(&app, "passphrase.saved")));
        })
    };
    let on_opened = {
        let passphrase = passphrase.clone();
        let app = app.clone();
        Callback::from(move |plan: skyddsnat_core::Plan| {
            passphrase.set(None);
            load_opened(&app, plan);
        })
    };
    let save_copy = {
        let app = app.clone();
        let host = props.host.clone();
        item(Box::new(move || {
            match crate::files::save_copy(&app.plan, app.today) {
                Ok(()) => host.0.saved_as_file(&app.plan),
                Err(e) => {
                    host.0
                        .report_error(&format!("{} {e:?}", t(&app, "menu.save_copy_failed")));
                    app.dispatch(Action::Notice(Some(t(&app, "menu.save_copy_failed"))));
                }
            }
        }))
    };
    // Print…: which paper, in which language, names hidden or not.
    let open_print = {
        let print_open = print_open.clone();
        item(Box::new(move || print_open.set(true)))
    };
    let close_print = {
        let print_open = print_open.clone();
        Callback::from(move |()| print_open.set(false))
    };
    let unit_stats = item(crate::stats_view::opener(
        props.root.clone(),
        app.lang,
        app.today,
    ));
    let export_svg = {
        let app = app.clone();
        item(Box::new(move || export_map_svg(&app)))
    };
    let forget = {
        let app = app.clone();
        let host = props.host.clone();
        item(Box::new(move || {
            if !gloo::dialogs::confirm(&t(&app, "menu.forget_confirm")) {
                return;
            }
            if let Some(store) = &host.0.store {
                store.forget();
            }
            app.dispatch(Action::SetStorage(StorageStatus::Forgotten));
            app.dispatch(Action::Announce(t(&app, "menu.forgotten")));
        }))
    };

    let show_versions = {
        let versions_open = versions_open.clone();
        item(Box::new(move || versions_open.set(true)))
    };
    let close_versions = {
        let versions_open = versions_open.clone();
        Callback::from(move |()| versions_open.set(false))
    };
    let forget_all = {
        let app = app.clone();
        let host = props.host.clone();
        item(Box::new(move || {
            if !gloo::dialogs::confirm(&t(&app, "menu.forget_all_confirm")) {
                return;
            }
            if let Some(store) = &host.0.store {
                // This widget must not write its plan back right after.
                store.forget();
            }
            let removed = crate::storage::forget_everything();
            app.dispatch(Action::SetStorage(StorageStatus::Forgotten));
            app.dispatch(Action::Announce(tf(
                &app,
                "menu.forgot_all",
                &[("count", &removed.to_string())],
            )));
        }))
    };

    let home = props.host.0.on_home.clone().map(|f| {
        item(Box::new(move || {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }))
    });
    let (number, meeting_day) = current_meeting(&app.plan, app.today);
    let meeting = tf(s, "app.meeting", &[("n", &number.to_string())]);
    let label = app.plan.case().label.trim().to_string();
    let pressed = |b: bool| b.to_string();
    html! {
        <header class="skn-topbar">
            <h1 class="skn-title">
                if !label.is_empty() {
                    <bdi class="skn-title-label">{ label }</bdi>
                    <span class="skn-title-sep" aria-hidden="true">{ " · " }</span>
                }
                <bdi class="skn-title-children">{ children_line(s) }</bdi>
                <span class="skn-title-sep" aria-hidden="true">{ " · " }</span>
                <span>{ meeting }</span>
                <span class="skn-title-sep" aria-hidden="true">{ " · " }</span>
                <time datetime={meeting_day.to_string()}>{ meeting_day.to_string() }</time>
                if app.plan.case().is_closed() {
                    <span class="skn-title-sep" aria-hidden="true">{ " · " }</span>
                    <span class="skn-title-closed">{ t(s, "app.case_closed") }</span>
                }
            </h1>
            <div class="skn-toolbar" role="toolbar" aria-label={t(s, "app.toolbar")}>
                if !app.viewer {
                    <button type="button" class="skn-icon-button" onclick={undo} disabled={!app.can_undo()}
                        aria-label={t(s, "app.undo")} title={t(s, "app.undo_keys")} aria-keyshortcuts="Control+Z">{ "↶" }</button>
                    <button type="button" class="skn-icon-button" onclick={redo} disabled={!app.can_redo()}
                        aria-label={t(s, "app.redo")} title={t(s, "app.redo_keys")} aria-keyshortcuts="Control+Shift+Z Control+Y">{ "↷" }</button>
                }
                if !app.viewer && crate::lock::is_on() {
                    <button type="button" class="skn-button" onclick={Callback::from(|_: MouseEvent| crate::lock::lock_now())}
                        title={t(s, "lock.now_keys")} aria-keyshortcuts="Control+Alt+L">{ t(s, "lock.now") }</button>
                }
                <button type="button" class="skn-button skn-toggle" onclick={hide} aria-pressed={pressed(app.hide_names)}>
                    { t(s, "app.hide_names") }
                </button>
                <button type="button" class="skn-button skn-toggle" onclick={presentation} aria-pressed={pressed(app.presentation)}>
                    { t(s, "app.presentation") }
                </button>
                <button type="button" class="skn-button skn-toggle" onclick={room} aria-pressed={pressed(app.room)}
                    title={t(s, "room.hint")}>
                    { t(s, "room.button") }
                </button>
                <div class="skn-lang" role="group" aria-label={t(s, "app.language")}>
                    <button type="button" class="skn-button skn-toggle" lang="sv" onclick={set_lang(Lang::Sv)}
                        aria-pressed={pressed(app.lang == Lang::Sv)} aria-label="SV – svenska">{ "SV" }</button>
                    <button type="button" class="skn-button skn-toggle" lang="en" onclick={set_lang(Lang::En)}
                        aria-pressed={pressed(app.lang == Lang::En)} aria-label="EN – English">{ "EN" }</button>
                </div>
                <div class="skn-menu" onkeydown={close_menu_on_escape}>
                    <button type="button" class="skn-icon-button" onclick={toggle_menu}
                        aria-expanded={pressed(*menu_open)} aria-controls={app.dom_id("menu")} aria-label={t(s, "menu.label")}>{ "☰" }</button>
                    if *menu_open {
                        <ul id={app.dom_id("menu")} class="skn-menu-list">
                            if let Some(home) = home {
                                <li><button type="button" class="skn-menu-item" onclick={home}>{ t(s, "menu.plans") }</button></li>
                            }
                            if !app.viewer {
                                <li><button type="button" class="skn-menu-item" onclick={open_file}>{ t(s, "menu.open") }</button></li>
                            }
                            <li><button type="button" class="skn-menu-item" onclick={save}>{ t(s, "menu.save") }</button></li>
                            <li><button type="button" class="skn-menu-item" onclick={save_protected}>{ t(s, "passphrase.menu") }</button></li>
                            if crate::files::can_save_copy() {
                                <li><button type="button" class="skn-menu-item" onclick={save_copy}>{ t(s, "menu.save_copy") }</button></li>
                            }
                            <li><button type="button" class="skn-menu-item" onclick={open_print}>{ t(s, "print.dialog.menu") }</button></li>
                            <li><button type="button" class="skn-menu-item" onclick={export_svg}>{ t(s, "menu.export_svg") }</button></li>
                            <li><button type="button" class="skn-menu-item" onclick={unit_stats}>{ t(s, "stats.view.menu") }</button></li>
                            if props.host.0.store.is_some() {
                                <li><button type="button" class="skn-menu-item" onclick={show_versions}>{ t(s, "menu.versions") }</button></li>
                                <li><button type="button" class="skn-menu-item skn-menu-item--danger" onclick={forget}>{ t(s, "menu.forget") }</button></li>
                                <li><button type="button" class="skn-menu-item skn-menu-item--danger-plain" onclick={forget_all}>{ t(s, "menu.forget_all") }</button></li>
                            }
                        </ul>
                    }
                    <input ref={file_ref} type="file" class="skn-hidden" accept=".json,application/json"
                        onchange={on_file} tabindex="-1" aria-hidden="true" />
                </div>
            </div>
            if let Some(purpose) = (*passphrase).clone() {
                <crate::passphrase::PassphraseDialog {purpose} {on_opened} {on_sealed}
                    on_close={close_passphrase} />
            }
            if *print_open {
                <crate::print_dialog::PrintDialog root={props.root.clone()} host={props.host.clone()} on_close={close_print} />
            }
            if *versions_open {
                <crate::versions::VersionsDialog host={props.host.clone()} on_close={close_versions} />
            }
        </header>
    }
}

/// Replaces the open plan with an opened file's text, asking first if there
/// is work that undo would lose; a bad file leaves the plan as it was.
fn open_text(app: &UseReducerHandle<AppState>, host: &HostRef, text: Option<String>) {
    let Some(text) = text else {
        let msg = t(app, "menu.file_unreadable");
        host.0.report_error(&msg);
        app.dispatch(Action::Notice(Some(msg)));
        return;
    };
    match file::from_json(&text) {
        Ok(plan) => load_opened(app, plan),
        Err(e) => {
            let msg = tf(app, "menu.open_failed", &[("reason", &e.message(app.lang))]);
            host.0.report_error(&msg);
            app.dispatch(Action::Notice(Some(msg)));
        }
    }
}

/// Replaces the open plan by one read from a file, asking first if there are
/// changes that would be lost.
fn load_opened(app: &UseReducerHandle<AppState>, plan: skyddsnat_core::Plan) {
    if app.can_undo() && !gloo::dialogs::confirm(&t(app, "menu.replace_confirm")) {
        return;
    }
    app.dispatch(Action::Load(Box::new(plan)));
    app.dispatch(Action::Notice(None));
    app.dispatch(Action::Announce(t(app, "menu.opened")));
}

fn set_fullscreen(root: &NodeRef, on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if on {
        if let Some(el) = root.cast::<Element>() {
            // Refused outside a user gesture or in a frame without permission:
            // presentation mode still works, just not full screen.
            let _ = el.request_fullscreen();
        }
    } else if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

/// Prints the whole plan in `lang` (which may differ from the interface's:
/// the family may read another language), names hidden as on screen: the
/// JS API's `print(lang)`. The menu asks first (`print_dialog.rs`).
pub fn print_plan(app: &AppState, root: &NodeRef, host: &HostRef, lang: Lang) {
    let paper = skyddsnat_core::papers::print::Paper::Plan;
    crate::print_dialog::print_paper(app, root, host, &paper, lang, app.hide_names);
}

/// Downloads the map alone as an SVG file.
fn export_map_svg(app: &AppState) {
    let svg = map_svg(app);
    crate::files::download(
        &crate::files::file_name("karta", app.today, "svg"),
        "image/svg+xml",
        &svg,
    );
}

/// The printable plan from the core, names hidden if they are on screen.
pub fn printable_html(
    plan: &Plan,
    lang: Lang,
    today: skyddsnat_core::Date,
    hide_names: bool,
) -> String {
    let options = skyddsnat_core::papers::print::PrintOptions {
        hide_names,
        ..Default::default()
    };
    skyddsnat_core::papers::print::print_html(plan, lang, today, &options)
}

/// The map alone from the core, as on screen: names hidden or not, and the
/// people of a selected agreement highlighted.
fn map_svg(app: &AppState) -> String {
    let highlight = match app.selection {
        crate::state::Selection::Agreement(id) => app
            .plan
            .agreement(id)
            .map(|a| a.people())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let options = skyddsnat_core::map::svg::SvgOptions {
        hide_names: app.hide_names,
        highlight,
    };
    skyddsnat_core::map::svg::map_svg(&app.plan, app.lang, &options)
}
