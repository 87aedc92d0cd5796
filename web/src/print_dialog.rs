//! Menu → Print…: one dialog that chooses the paper (the whole plan, the
//! out-of-hours sheet, task cards for chosen people, the family's copy,
//! the minutes, a questionnaire to fill in by hand), its language
//! (whatever the screen's), and whether names are hidden on paper (as on
//! screen by default, but asked). The core renders the paper
//! (`papers::print::paper_html`); `files::print_html` prints it.

use crate::host::HostRef;
use crate::state::{t, use_app, AppState};
use skyddsnat_core::papers::cards::people_with_parts;
use skyddsnat_core::papers::print::{paper_html, Paper, PrintOptions};
use skyddsnat_core::{Lang, PersonId, Questionnaire};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Plan,
    OutOfHours,
    TaskCards,
    FamilyCopy,
    Minutes,
    Form,
}

#[derive(Properties, PartialEq)]
pub struct PrintDialogProps {
    pub root: NodeRef,
    pub host: HostRef,
    pub on_close: Callback<()>,
}

/// Prints `paper` from the core's HTML, in `lang`, names hidden or not.
pub fn print_paper(
    app: &AppState,
    root: &NodeRef,
    host: &HostRef,
    paper: &Paper,
    lang: Lang,
    hide_names: bool,
) {
    let options = PrintOptions {
        hide_names,
        ..PrintOptions::default()
    };
    let html = paper_html(&app.plan, paper, lang, app.today, &options);
    if let Some(root) = root.cast::<Element>() {
        if let Err(e) = crate::files::print_html(&root, &html) {
            host.0
                .report_error(&format!("{} {e:?}", t(app, "menu.print_failed")));
        }
    }
}

#[function_component]
pub fn PrintDialog(props: &PrintDialogProps) -> Html {
    let app = use_app();
    let kind = use_state(|| Kind::Plan);
    let lang = use_state(|| app.lang);
    let hide = use_state(|| app.hide_names);
    let everyone = people_with_parts(&app.plan);
    let chosen = use_state(|| everyone.clone());
    // The questionnaire on paper: which one, and for a child or an adult.
    let form = use_state(|| (Questionnaire::FollowUp, true));
    let first = use_node_ref();
    crate::dialog::use_focus_on_open(&first);

    let onsubmit = {
        let (app, kind, lang, hide, chosen, form) = (
            app.clone(),
            kind.clone(),
            lang.clone(),
            hide.clone(),
            chosen.clone(),
            form.clone(),
        );
        let (root, host, on_close) = (
            props.root.clone(),
            props.host.clone(),
            props.on_close.clone(),
        );
        let everyone = everyone.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let paper = match *kind {
                Kind::Plan => Paper::Plan,
                Kind::OutOfHours => Paper::OutOfHours,
                Kind::FamilyCopy => Paper::FamilyCopy,
                Kind::Minutes => Paper::Minutes,
                Kind::Form => Paper::Form {
                    questionnaire: form.0,
                    child: form.1,
                },
                // In the plan's order, whatever order they were ticked in.
                Kind::TaskCards => Paper::TaskCards(
                    everyone
                        .iter()
                        .filter(|id| chosen.contains(id))
                        .copied()
                        .collect(),
                ),
            };
            print_paper(&app, &root, &host, &paper, *lang, *hide);
            on_close.emit(());
        })
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| crate::dialog::close_on_escape(&e, &on_close))
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let choice = |value: Kind, key: &str, node: Option<NodeRef>| {
        let kind_state = kind.clone();
        html! {
            <label class="skn-choice">
                <input type="radio" name={app.dom_id("print-kind")} checked={*kind == value}
                    ref={node.unwrap_or_default()}
                    onchange={Callback::from(move |_: Event| kind_state.set(value))} />
                { t(&app, key) }
            </label>
        }
    };
    let person = |id: PersonId| {
        let chosen = chosen.clone();
        let on = chosen.contains(&id);
        let toggle = Callback::from(move |_: Event| {
            let mut next = (*chosen).clone();
            if on {
                next.retain(|p| *p != id);
            } else {
                next.push(id);
            }
            chosen.set(next);
        });
        html! {
            <label class="skn-choice" key={id.0}>
                <input type="checkbox" checked={on} onchange={toggle} />
                <bdi>{ app.name(id) }</bdi>
            </label>
        }
    };
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let code = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(l) = Lang::from_code(&code) {
                lang.set(l);
            }
        })
    };
    let toggle_hide = {
        let hide = hide.clone();
        Callback::from(move |_: Event| hide.set(!*hide))
    };
    let (title_id, lang_id) = (app.dom_id("print-title"), app.dom_id("print-lang"));
    let nobody = *kind == Kind::TaskCards && chosen.is_empty();
    html! {
        <section class="skn-dialog skn-dialog--end skn-print-dialog" role="dialog" aria-modal="false"
            aria-labelledby={title_id.clone()} {onkeydown}>
            <h2 id={title_id} class="skn-dialog-title">{ t(&app, "print.dialog.title") }</h2>
            <form class="skn-panel-form" {onsubmit}>
                <fieldset class="skn-group">
                    <legend>{ t(&app, "print.dialog.what") }</legend>
                    { choice(Kind::Plan, "print.dialog.plan", Some(first.clone())) }
                    { choice(Kind::OutOfHours, "print.dialog.out_of_hours", None) }
                    { choice(Kind::TaskCards, "print.dialog.task_cards", None) }
                    { choice(Kind::FamilyCopy, "print.dialog.family_copy", None) }
                    { choice(Kind::Minutes, "print.dialog.minutes", None) }
                    { choice(Kind::Form, "print.dialog.form", None) }
                </fieldset>
                if *kind == Kind::Form {
                    <fieldset class="skn-group">
                        <legend>{ t(&app, "print.dialog.form_which") }</legend>
                        { for [
                            (Questionnaire::FollowUp, true, "print.dialog.form_child"),
                            (Questionnaire::FollowUp, false, "print.dialog.form_adult"),
                            (Questionnaire::Exit, true, "print.dialog.exit_child"),
                            (Questionnaire::Exit, false, "print.dialog.exit_adult"),
                        ].into_iter().map(|(q, child, key)| {
                            let form = form.clone();
                            html! {
                                <label class="skn-choice">
                                    <input type="radio" name={app.dom_id("print-form")} checked={*form == (q, child)}
                                        onchange={Callback::from(move |_: Event| form.set((q, child)))} />
                                    { t(&app, key) }
                                </label>
                            }
                        }) }
                    </fieldset>
                }
                if *kind == Kind::Minutes {
                    <MinutesText />
                }
                if *kind == Kind::TaskCards {
                    <fieldset class="skn-group skn-print-people">
                        <legend>{ t(&app, "print.dialog.who") }</legend>
                        if everyone.is_empty() {
                            <p class="skn-muted">{ t(&app, "print.dialog.nobody") }</p>
                        }
                        { for everyone.iter().map(|id| person(*id)) }
                    </fieldset>
                }
                <div class="skn-field">
                    <label for={lang_id.clone()}>{ t(&app, "print.dialog.language") }</label>
                    <select id={lang_id} class="skn-input" onchange={set_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} selected={*l == *lang}>
                                { t(&app, &format!("lang.name.{}", l.code())) }
                            </option>
                        }) }
                    </select>
                </div>
                <label class="skn-choice">
                    <input type="checkbox" checked={*hide} onchange={toggle_hide} />
                    { t(&app, "print.dialog.hide_names") }
                </label>
                <div class="skn-dialog-actions">
                    <button type="submit" class="skn-button skn-button--primary" disabled={nobody}>
                        { t(&app, "print.dialog.print") }
                    </button>
                    <button type="button" class="skn-button" onclick={cancel}>{ t(&app, "passphrase.cancel") }</button>
                </div>
            </form>
        </section>
    }
}

/// The minutes as plain text to paste into the case record system, and a
/// button that copies them (the text can be selected by hand too).
#[function_component]
fn MinutesText() -> Html {
    let app = use_app();
    let copied = use_state(|| false);
    let text = skyddsnat_core::papers::minutes::minutes_text(
        &app.plan,
        app.lang,
        app.today,
        app.hide_names,
    );
    let copy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            // navigator.clipboard.writeText: file:// pages are a secure
            // context in Chromium and Firefox.
            let get = |on: &wasm_bindgen::JsValue, name: &str| {
                js_sys::Reflect::get(on, &name.into())
                    .ok()
                    .filter(|v| !v.is_undefined())
            };
            let clipboard = web_sys::window()
                .and_then(|w| get(&w, "navigator"))
                .and_then(|n| get(&n, "clipboard"));
            let write = clipboard
                .as_ref()
                .and_then(|c| get(c, "writeText")?.dyn_into::<js_sys::Function>().ok());
            let promise = match (clipboard, write) {
                (Some(c), Some(write)) => write
                    .call1(&c, &text.as_str().into())
                    .ok()
                    .and_then(|p| p.dyn_into::<js_sys::Promise>().ok()),
                _ => None,
            };
            // "Copied" only once the browser says so.
            if let Some(promise) = promise {
                let copied = copied.clone();
                // A one-shot closure, freed once it has run.
                let done = wasm_bindgen::closure::Closure::once_into_js(move || copied.set(true));
                if let Some(then) =
                    get(&promise, "then").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                {
                    let _ = then.call1(&promise, &done);
                }
            }
        })
    };
    let id = app.dom_id("minutes-text");
    html! {
        <div class="skn-field">
            <label for={id.clone()}>{ t(&app, "print.dialog.minutes_text") }</label>
            <textarea id={id} class="skn-input skn-minutes-text" readonly=true rows="8" value={text} />
            <div class="skn-button-row">
                <button type="button" class="skn-button" onclick={copy}>{ t(&app, "print.dialog.copy") }</button>
                <span role="status">{ if *copied { t(&app, "print.dialog.copied") } else { String::new() } }</span>
            </div>
        </div>
    }
}
