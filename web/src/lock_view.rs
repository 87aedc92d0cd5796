//! The lock's screens (see `lock.rs`): the unlock form that replaces the
//! start screen while the plans on this computer are locked, and the start
//! screen's section that turns the lock on, locks now, or turns it off.

use crate::lock;
use crate::passphrase::MIN_CHARS;
use skyddsnat_core::i18n::{tr, trf};
use skyddsnat_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn focus(node: &NodeRef) {
    if let Some(i) = node.cast::<web_sys::HtmlElement>() {
        let _ = i.focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct UnlockProps {
    pub lang: Lang,
    /// Unlocked (`true`: back to where the lock found it), or everything
    /// deleted (`false`: to the start screen).
    pub on_unlocked: Callback<bool>,
}

/// "The plans on this computer are locked": the passphrase opens them; a
/// wrong one opens nothing; forgetting it can only delete everything.
#[function_component]
pub fn Unlock(props: &UnlockProps) -> Html {
    let lang = props.lang;
    let t = |key: &str| tr(lang, key).to_string();
    let pass = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    {
        let pass = pass.clone();
        use_effect_with((), move |_| focus(&pass));
    }
    let onsubmit = {
        let (pass, error, busy) = (pass.clone(), error.clone(), busy.clone());
        let on_unlocked = props.on_unlocked.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            busy.set(true);
            let (pass, error, busy) = (pass.clone(), error.clone(), busy.clone());
            let on_unlocked = on_unlocked.clone();
            // Argon2id holds the page for about half a second: let
            // "Unlocking…" paint first.
            gloo::timers::callback::Timeout::new(30, move || {
                match lock::unlock(&value(&pass)) {
                    Ok(()) => on_unlocked.emit(true),
                    Err(e) => {
                        error.set(Some(e.message(lang)));
                        if let Some(i) = pass.cast::<HtmlInputElement>() {
                            i.set_value("");
                        }
                        focus(&pass);
                    }
                }
                busy.set(false);
            })
            .forget();
        })
    };
    let forgot = {
        let on_unlocked = props.on_unlocked.clone();
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm(tr(lang, "lock.forgot_confirm")) {
                crate::storage::forget_everything();
                on_unlocked.emit(false);
            }
        })
    };
    html! {
        <main class="skn-start" lang={lang.code()}>
            <h1 class="skn-start-title">{ "Skyddsnät" }</h1>
            <p class="skn-start-lead">{ t("lock.locked") }</p>
            <form class="skn-group skn-start-unlock" {onsubmit}>
                <label for="skn-unlock-pass">{ t("passphrase.label") }</label>
                <input id="skn-unlock-pass" class="skn-input" type="password" autocomplete="current-password"
                    ref={pass} aria-describedby="skn-unlock-error" />
                <button type="submit" class="skn-button skn-button--primary" disabled={*busy}>
                    { t(if *busy { "lock.unlocking" } else { "lock.unlock" }) }
                </button>
            </form>
            <p id="skn-unlock-error" class="skn-passphrase-error" role="alert">{ (*error).clone().unwrap_or_default() }</p>
            <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={forgot}>
                { t("lock.forgot") }
            </button>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct LockSectionProps {
    pub lang: Lang,
    /// The lock was turned on or off: the list is read again.
    pub on_changed: Callback<()>,
}

/// The start screen's part about the lock.
#[function_component]
pub fn LockSection(props: &LockSectionProps) -> Html {
    let lang = props.lang;
    let t = |key: &str| tr(lang, key).to_string();
    let choosing = use_state(|| false);
    let error = use_state(|| None::<String>);
    let (first, second, idle) = (use_node_ref(), use_node_ref(), use_node_ref());
    {
        let first = first.clone();
        use_effect_with(*choosing, move |_| focus(&first));
    }
    let lock_now = Callback::from(|_: MouseEvent| lock::lock_now());
    let turn_off = {
        let on_changed = props.on_changed.clone();
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm(tr(lang, "lock.off_confirm")) {
                lock::turn_off();
                on_changed.emit(());
            }
        })
    };
    let toggle = {
        let choosing = choosing.clone();
        Callback::from(move |_: MouseEvent| choosing.set(!*choosing))
    };
    let onsubmit = {
        let (first, second, idle) = (first.clone(), second.clone(), idle.clone());
        let (error, choosing, on_changed) =
            (error.clone(), choosing.clone(), props.on_changed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let pass = value(&first);
            let minutes = idle
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(lock::DEFAULT_IDLE);
            if pass.chars().count() < MIN_CHARS {
                error.set(Some(tr(lang, "passphrase.too_short").to_string()));
            } else if pass != value(&second) {
                error.set(Some(tr(lang, "passphrase.mismatch").to_string()));
            } else {
                match lock::turn_on(&pass, minutes) {
                    Ok(()) => {
                        error.set(None);
                        choosing.set(false);
                        on_changed.emit(());
                    }
                    Err(e) => error.set(Some(e.message(lang))),
                }
            }
        })
    };
    let on = lock::is_on();
    html! {
        <section class="skn-start-lock" aria-labelledby="skn-lock-title">
            <h2 id="skn-lock-title">{ t("lock.title") }</h2>
            if on {
                <p>{ trf(lang, "lock.on", &[("minutes", &lock::idle_minutes().to_string())]) }</p>
                <div class="skn-button-row">
                    <button type="button" class="skn-button" onclick={lock_now}
                        aria-keyshortcuts="Control+Alt+L">{ t("lock.now") }</button>
                    <button type="button" class="skn-button skn-button--small" onclick={turn_off}>{ t("lock.off") }</button>
                </div>
            } else if *choosing {
                <form class="skn-panel-form" {onsubmit}>
                    <p class="skn-hint">{ t("lock.hint") }</p>
                    <div class="skn-field">
                        <label for="skn-lock-1">{ t("passphrase.label") }</label>
                        <input id="skn-lock-1" ref={first} class="skn-input" type="password" autocomplete="new-password"
                            aria-describedby="skn-lock-error" />
                    </div>
                    <div class="skn-field">
                        <label for="skn-lock-2">{ t("passphrase.repeat") }</label>
                        <input id="skn-lock-2" ref={second} class="skn-input" type="password" autocomplete="new-password" />
                    </div>
                    <div class="skn-field">
                        <label for="skn-lock-idle">{ t("lock.idle") }</label>
                        <select id="skn-lock-idle" ref={idle} class="skn-input">
                            { for lock::IDLE_CHOICES.iter().map(|m| html! {
                                <option value={m.to_string()} selected={*m == lock::DEFAULT_IDLE}>
                                    { trf(lang, "lock.minutes", &[("minutes", &m.to_string())]) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <p id="skn-lock-error" class="skn-passphrase-error" role="alert">{ (*error).clone().unwrap_or_default() }</p>
                    <div class="skn-button-row">
                        <button type="submit" class="skn-button skn-button--primary">{ t("lock.turn_on") }</button>
                        <button type="button" class="skn-button" onclick={toggle}>{ t("panel.cancel") }</button>
                    </div>
                </form>
            } else {
                <p>{ t("lock.off_now") }</p>
                <button type="button" class="skn-button" onclick={toggle}>{ t("lock.choose") }</button>
            }
        </section>
    }
}
