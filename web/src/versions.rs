//! "Earlier versions": the plans autosave kept in this browser (see
//! `storage.rs`), newest first, each restorable after a confirmation — the
//! way back from a bad edit or a damaged save.

use crate::host::HostRef;
use crate::state::{t, tf, use_app, Action};
use skyddsnat_core::{file, Edit};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    pub host: HostRef,
    pub on_close: Callback<()>,
}

/// A time from the browser's clock as the user reads it, in their language.
pub(crate) fn local_time(ms: f64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    date.to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

#[function_component]
pub fn VersionsDialog(props: &VersionsProps) -> Html {
    let app = use_app();
    let versions = use_memo((), {
        let host = props.host.clone();
        move |_| {
            let versions = host
                .0
                .store
                .as_ref()
                .map(|s| s.versions())
                .unwrap_or_default();
            // How many people each holds, to tell versions apart at a glance.
            versions
                .into_iter()
                .map(|v| {
                    let people = file::from_json(&v.json)
                        .map(|p| p.people().len().to_string())
                        .unwrap_or_else(|_| String::from("?"));
                    (v, people)
                })
                .collect::<Vec<_>>()
        }
    });
    let first_ref = use_node_ref();
    crate::dialog::use_focus_on_open(&first_ref);
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| crate::dialog::close_on_escape(&e, &on_close))
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let lang = app.lang.code();
    html! {
        <section class="skn-dialog skn-dialog--end skn-versions" role="dialog" aria-modal="false"
            aria-labelledby={app.dom_id("versions-title")} {onkeydown}>
            <h2 id={app.dom_id("versions-title")} class="skn-dialog-title">{ t(&app, "menu.versions") }</h2>
            if versions.is_empty() {
                <p>{ t(&app, "storage.no_versions") }</p>
            } else {
                <p class="skn-hint">{ t(&app, "storage.versions_hint") }</p>
                <ol class="skn-versions-list">
                    { for versions.iter().enumerate().map(|(i, (v, people))| {
                        let when = local_time(v.saved_at, lang);
                        let restore = {
                            let app = app.clone();
                            let json = v.json.clone();
                            let when = when.clone();
                            let on_close = props.on_close.clone();
                            Callback::from(move |_: MouseEvent| {
                                let question = tf(&app, "storage.restore_confirm", &[("when", &when)]);
                                if !gloo::dialogs::confirm(&question) {
                                    return;
                                }
                                match file::from_json(&json) {
                                    // An edit, not a load: undo brings back what was replaced.
                                    Ok(plan) => {
                                        let said = tf(&app, "storage.restored", &[("when", &when)]);
                                        app.dispatch(Action::EditAnnounced(Edit::Restore(Box::new(plan)), said));
                                        on_close.emit(());
                                    }
                                    Err(e) => app.dispatch(Action::Notice(Some(e.message(app.lang)))),
                                }
                            })
                        };
                        html! {
                            <li>
                                <span>{ tf(&app, "storage.version", &[("when", &when), ("people", people)]) }</span>
                                <button ref={if i == 0 { first_ref.clone() } else { NodeRef::default() }}
                                    type="button" class="skn-button skn-button--small" onclick={restore}>
                                    { t(&app, "storage.restore") }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="skn-dialog-actions">
                <button type="button" class="skn-button" onclick={close}>{ t(&app, "app.close") }</button>
            </div>
        </section>
    }
}
