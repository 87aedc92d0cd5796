//! Passphrase-protected files: "Save protected file…" seals the plan with a
//! passphrase (core `seal`: AES-256-GCM, Argon2id), and opening a sealed file
//! asks for it. The browser supplies the random salt and nonce; the core
//! does the cryptography. See SECURITY.md.

use crate::state::{t, use_app};
use skyddsnat_core::file::seal::{self, KdfParams, SealError, NONCE_LEN, SALT_LEN};
use skyddsnat_core::{file, Lang, Plan};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The shortest passphrase accepted when saving (a guess of a short one is
/// cheap even with Argon2id).
pub const MIN_CHARS: usize = 8;

/// Fresh random bytes from the browser's cryptographic generator.
pub fn random<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// The plan sealed with `passphrase`, as file text.
pub fn seal_plan(plan: &Plan, passphrase: &str) -> Result<String, SealError> {
    let (Some(salt), Some(nonce)) = (random::<SALT_LEN>(), random::<NONCE_LEN>()) else {
        return Err(SealError::Unsupported);
    };
    seal::seal(
        &file::to_json(plan),
        passphrase,
        salt,
        nonce,
        KdfParams::default(),
    )
}

/// Opens a sealed file and imports the plan inside, with the same checks as
/// any file. The message is the user's, in `lang`.
pub fn open_sealed(text: &str, passphrase: &str, lang: Lang) -> Result<Plan, String> {
    let json = seal::open(text, passphrase).map_err(|e| e.message(lang))?;
    file::from_json(&json).map_err(|e| e.message(lang))
}

/// What the dialog is for.
#[derive(Clone, PartialEq)]
pub enum Purpose {
    /// Choose a passphrase (twice) and save the open plan sealed.
    Save,
    /// Enter the passphrase of this sealed file's text.
    Open(AttrValue),
}

#[derive(Properties, PartialEq)]
pub struct PassphraseProps {
    pub purpose: Purpose,
    /// Called with the plan read from a sealed file (purpose `Open`).
    pub on_opened: Callback<Plan>,
    /// Called with the sealed text to save (purpose `Save`).
    pub on_sealed: Callback<String>,
    pub on_close: Callback<()>,
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[function_component]
pub fn PassphraseDialog(props: &PassphraseProps) -> Html {
    let app = use_app();
    let first = use_node_ref();
    let second = use_node_ref();
    let error = use_state(|| None::<String>);
    crate::dialog::use_focus_on_open(&first);
    let saving = props.purpose == Purpose::Save;
    let onsubmit = {
        let (first, second, error) = (first.clone(), second.clone(), error.clone());
        let (purpose, lang) = (props.purpose.clone(), app.lang);
        let (plan, on_opened, on_sealed) = (
            app.plan.clone(),
            props.on_opened.clone(),
            props.on_sealed.clone(),
        );
        let app = app.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let pass = input_value(&first);
            match &purpose {
                Purpose::Save => {
                    if pass.chars().count() < MIN_CHARS {
                        error.set(Some(t(&app, "passphrase.too_short")));
                    } else if pass != input_value(&second) {
                        error.set(Some(t(&app, "passphrase.mismatch")));
                    } else {
                        match seal_plan(&plan, &pass) {
                            Ok(text) => on_sealed.emit(text),
                            Err(e) => error.set(Some(e.message(lang))),
                        }
                    }
                }
                Purpose::Open(text) => match open_sealed(text, &pass, lang) {
                    Ok(plan) => on_opened.emit(plan),
                    Err(message) => error.set(Some(message)),
                },
            }
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
    let title_id = app.dom_id("passphrase-title");
    let (first_id, second_id, error_id) = (
        app.dom_id("passphrase-1"),
        app.dom_id("passphrase-2"),
        app.dom_id("passphrase-error"),
    );
    let title = if saving {
        "passphrase.save_title"
    } else {
        "passphrase.open_title"
    };
    html! {
        <section class="skn-dialog skn-dialog--end skn-passphrase" role="dialog" aria-modal="false"
            aria-labelledby={title_id.clone()} {onkeydown}>
            <h2 id={title_id} class="skn-dialog-title">{ t(&app, title) }</h2>
            <p class="skn-hint">{ t(&app, if saving { "passphrase.save_hint" } else { "passphrase.open_hint" }) }</p>
            <form class="skn-panel-form" {onsubmit}>
                <div class="skn-field">
                    <label for={first_id.clone()}>{ t(&app, "passphrase.label") }</label>
                    <input ref={first} id={first_id} class="skn-input" type="password"
                        autocomplete={if saving { "new-password" } else { "current-password" }}
                        aria-describedby={error_id.clone()} />
                </div>
                if saving {
                    <div class="skn-field">
                        <label for={second_id.clone()}>{ t(&app, "passphrase.repeat") }</label>
                        <input ref={second} id={second_id} class="skn-input" type="password"
                            autocomplete="new-password" />
                    </div>
                }
                <p id={error_id} class="skn-passphrase-error" role="alert">
                    { (*error).clone().unwrap_or_default() }
                </p>
                <div class="skn-dialog-actions">
                    <button type="submit" class="skn-button skn-button--primary">
                        { t(&app, if saving { "passphrase.save" } else { "passphrase.open" }) }
                    </button>
                    <button type="button" class="skn-button" onclick={cancel}>{ t(&app, "passphrase.cancel") }</button>
                </div>
            </form>
        </section>
    }
}
