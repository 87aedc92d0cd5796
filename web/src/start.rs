//! The start screen of the offline file (and of a `<skyddsnat-plan>` with
//! neither a plan nor a `storage-key` from its page): the plans on this
//! computer, listed by case label, never by a child's name; a new family's
//! plan; a file; the fictional sample family. Whoever opens the file next
//! on a shared meeting-room PC sees this list, not the last family's plan.
//!
//! Each plan lives under its own storage key (`storage.rs`). Choosing one
//! saves it there first, then tells the element which key to open
//! (`on_open`), so the plan screen starts from storage like any reload.
//! Plans saved before the start screen existed (the `default` key, `copy-…`
//! keys of saved copies) are plans like any other here.

use crate::files::Chosen;
use crate::storage::{Store, PREFIX};
use skyddsnat_core::document::sample::sample_plan_on;
use skyddsnat_core::file::{self, seal::is_sealed};
use skyddsnat_core::i18n::{tr, trf};
use skyddsnat_core::{Age, CaseStatus, Date, Lang, Plan, Staff};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A plan saved on this computer, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPlan {
    /// The storage key (`storage-key` of the element).
    pub key: String,
    /// The case label, or the children's initials (`Plan::case_label`).
    pub label: String,
    pub next_meeting: Option<Date>,
    pub closed: bool,
    /// When it was last saved (ms since 1970), if storage says.
    pub saved_at: Option<f64>,
}

fn listed(key: String, plan: Option<&Plan>, today: Date, saved_at: Option<f64>) -> StoredPlan {
    StoredPlan {
        label: plan
            .map(Plan::case_label)
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| key.clone()),
        next_meeting: plan.and_then(|p| p.next_meeting(today).map(|m| m.date)),
        closed: plan.is_some_and(|p| p.case().is_closed()),
        key,
        saved_at,
    }
}

fn newest_first(plans: &mut [StoredPlan]) {
    skyddsnat_core::sort::by(plans, |a, b| {
        b.saved_at
            .unwrap_or(0.0)
            .total_cmp(&a.saved_at.unwrap_or(0.0))
    });
}

/// `plans` with the IndexedDB copies (`durable.rs`) that are newer than
/// what localStorage holds, or that it lost altogether (a browser killed
/// before it wrote to disk): the newer copy is what opens, so it is what
/// the list shows.
fn with_mirrored(
    mut plans: Vec<StoredPlan>,
    saves: Vec<(String, crate::durable::Mirrored)>,
    today: Date,
) -> Vec<StoredPlan> {
    for (full_key, save) in saves {
        let Some(key) = full_key
            .strip_prefix(PREFIX)
            .and_then(|k| k.strip_suffix(":plan"))
        else {
            continue;
        };
        let known = plans.iter().position(|p| p.key == key);
        if known.is_some_and(|i| plans[i].saved_at.unwrap_or(0.0) >= save.saved_at) {
            continue;
        }
        let plan = file::from_json(&save.json).ok();
        let entry = listed(key.to_string(), plan.as_ref(), today, Some(save.saved_at));
        match known {
            Some(i) => plans[i] = entry,
            None => plans.push(entry),
        }
    }
    newest_first(&mut plans);
    plans
}

/// Every plan saved in this browser's localStorage, last changed first. A
/// copy that does not open (damaged) is listed too, by its key, so it can
/// be deleted.
pub fn stored_plans(today: Date) -> Vec<StoredPlan> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    let n = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| {
            k.strip_prefix(PREFIX)?
                .strip_suffix(":plan")
                .map(str::to_string)
        })
        .collect();
    let mut plans: Vec<StoredPlan> = keys
        .into_iter()
        .map(|key| {
            let saved_at = storage
                .get_item(&format!("{PREFIX}{key}:meta"))
                .ok()
                .flatten()
                .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
                .and_then(|m| m["saved_at"].as_f64());
            let plan = Store::new(&key).load().ok().flatten();
            listed(key, plan.as_ref(), today, saved_at)
        })
        .collect();
    newest_first(&mut plans);
    plans
}

/// Where the fictional sample family is kept.
const SAMPLE_KEY: &str = "sample";

/// A fresh storage key for a new plan.
fn new_key() -> String {
    format!(
        "plan-{}",
        radix36(js_sys::Date::now() as u64 * 1000 + (js_sys::Math::random() * 1000.0) as u64)
    )
}

fn radix36(mut n: u64) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub lang: Lang,
    pub today: Date,
    /// Open the plan saved under this storage key; with the plan itself
    /// when storage would not keep it (unavailable or full), so it still
    /// opens and works in memory.
    pub on_open: Callback<(String, Option<Plan>)>,
    /// Unlocked (`true`: back to where the lock found it), everything
    /// deleted (`false`), or the lock turned on or off (`true`).
    pub on_unlocked: Callback<bool>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Home,
    NewPlan,
}

/// Saves `plan` under a new key (or `key`) and opens it.
fn save_and_open(plan: Plan, key: String, on_open: &Callback<(String, Option<Plan>)>) {
    match Store::new(&key).save(&plan) {
        crate::state::StorageStatus::Ok => on_open.emit((key, None)),
        // The plan screen says what storage does; the plan opens regardless.
        _ => on_open.emit((key, Some(plan))),
    }
}

/// The start screen, or the unlock form while the plans are locked.
#[function_component]
pub fn StartScreen(props: &StartProps) -> Html {
    if crate::lock::is_locked() {
        html! { <crate::lock_view::Unlock lang={props.lang} on_unlocked={props.on_unlocked.clone()} /> }
    } else {
        html! { <Home lang={props.lang} today={props.today} on_open={props.on_open.clone()}
        on_unlocked={props.on_unlocked.clone()} /> }
    }
}

#[function_component]
fn Home(props: &StartProps) -> Html {
    let lang = props.lang;
    let t = |key: &str| tr(lang, key).to_string();
    let plans = use_state(|| stored_plans(props.today));
    {
        // The IndexedDB copies arrive a moment later (asynchronous).
        let plans = plans.clone();
        let today = props.today;
        use_effect_with((), move |_| {
            crate::durable::get_all(move |saves| {
                if !saves.is_empty() {
                    plans.set(with_mirrored(stored_plans(today), saves, today));
                }
            });
        });
    }
    let mode = use_state(|| Mode::Home);
    let message = use_state(|| None::<String>);
    let sealed = use_state(|| None::<Rc<str>>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let file_ref = use_node_ref();
    let pass_ref = use_node_ref();
    let continue_ref = use_node_ref();
    {
        // The most recent plan is one key away: Enter continues it.
        let continue_ref = continue_ref.clone();
        use_effect_with(*mode, move |_| {
            if let Some(b) = continue_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    if *mode == Mode::NewPlan {
        let back = {
            let mode = mode.clone();
            Callback::from(move |()| mode.set(Mode::Home))
        };
        return html! {
            <NewPlanForm {lang} today={props.today} on_open={props.on_open.clone()} on_cancel={back} />
        };
    }
    let open = |key: String| {
        let on_open = props.on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit((key.clone(), None)))
    };
    let new_plan = {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(Mode::NewPlan))
    };
    let sample = {
        let on_open = props.on_open.clone();
        let today = props.today;
        let saved = plans.iter().any(|p| p.key == SAMPLE_KEY);
        Callback::from(move |_: MouseEvent| {
            // The sample saved here before opens as it was left; a first
            // one is made fresh. Nothing is overwritten (see `durable.rs`).
            if saved {
                on_open.emit((SAMPLE_KEY.to_string(), None));
            } else {
                save_and_open(sample_plan_on(today), SAMPLE_KEY.into(), &on_open);
            }
        })
    };
    let choose_file = {
        let file_ref = file_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.set_value("");
                input.click();
            }
        })
    };
    let opened = {
        let on_open = props.on_open.clone();
        let message = message.clone();
        Rc::new(move |result: Result<Plan, String>| match result {
            Ok(plan) => save_and_open(plan, new_key(), &on_open),
            Err(e) => message.set(Some(e)),
        })
    };
    let on_file = {
        let reader = reader.clone();
        let sealed = sealed.clone();
        let message = message.clone();
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let sealed = sealed.clone();
            let message = message.clone();
            let opened = opened.clone();
            crate::files::read_chosen(&e, &reader, move |chosen| match chosen {
                Chosen::TooLarge => message.set(Some(tr(lang, "menu.file_too_large").to_string())),
                Chosen::Text(Some(text)) if is_sealed(&text) => sealed.set(Some(text.into())),
                Chosen::Text(Some(text)) => {
                    opened(file::from_json(&text).map_err(|e| e.message(lang)))
                }
                Chosen::Text(None) => {
                    opened(Err(tr(lang, "stats.view.file_unreadable").to_string()))
                }
            });
        })
    };
    let unseal = {
        let sealed = sealed.clone();
        let opened = opened.clone();
        let pass_ref = pass_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(text) = (*sealed).clone() else {
                return;
            };
            let pass = pass_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            match crate::passphrase::open_sealed(&text, &pass, lang) {
                Ok(plan) => {
                    sealed.set(None);
                    opened(Ok(plan));
                }
                Err(e) => opened(Err(e)),
            }
        })
    };
    let delete = |p: &StoredPlan| {
        let plans = plans.clone();
        let p = p.clone();
        let today = props.today;
        Callback::from(move |_: MouseEvent| {
            let question = trf(lang, "start.delete_confirm", &[("label", &p.label)]);
            if gloo::dialogs::confirm(&question) {
                Store::new(&p.key).forget();
                plans.set(stored_plans(today));
            }
        })
    };
    let delete_all = {
        let plans = plans.clone();
        let today = props.today;
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm(tr(lang, "menu.forget_all_confirm")) {
                crate::storage::forget_everything();
                plans.set(stored_plans(today));
            }
        })
    };
    let latest = plans.first().cloned();
    html! {
        <main class="skn-start" lang={lang.code()}>
            <h1 class="skn-start-title">{ "Skyddsnät" }</h1>
            <p class="skn-start-lead">{ t("start.lead") }</p>
            if let Some(text) = &*message {
                <p class="skn-notice" role="alert">{ text.clone() }</p>
            }
            <div class="skn-start-actions">
                if let Some(p) = &latest {
                    <button type="button" class="skn-button skn-button--primary skn-start-continue"
                        ref={continue_ref.clone()} onclick={open(p.key.clone())}>
                        { trf(lang, "start.continue", &[("label", &p.label)]) }
                    </button>
                }
                <button type="button" class={classes!("skn-button", latest.is_none().then_some("skn-button--primary"))}
                    onclick={new_plan}>{ t("start.new") }</button>
                <button type="button" class="skn-button" onclick={choose_file}>{ t("start.open_file") }</button>
                <input type="file" accept=".json,application/json" class="skn-visually-hidden" tabindex="-1"
                    aria-hidden="true" ref={file_ref} onchange={on_file} />
                <button type="button" class="skn-button" onclick={sample}>{ t("start.sample") }</button>
            </div>
            if sealed.is_some() {
                <form class="skn-group skn-start-sealed" onsubmit={unseal}>
                    <label for="skn-start-pass">{ t("start.passphrase") }</label>
                    <input id="skn-start-pass" class="skn-input" type="password" autocomplete="off" ref={pass_ref} />
                    <button type="submit" class="skn-button">{ t("start.unseal") }</button>
                </form>
            }
            <section class="skn-start-plans" aria-labelledby="skn-start-plans-title">
                <h2 id="skn-start-plans-title">{ t("start.plans") }</h2>
                if plans.is_empty() {
                    <p class="skn-muted">{ t("start.no_plans") }</p>
                } else {
                    <table class="skn-start-table">
                        <thead>
                            <tr>
                                <th scope="col">{ t("start.col.label") }</th>
                                <th scope="col">{ t("start.col.next_meeting") }</th>
                                <th scope="col">{ t("start.col.changed") }</th>
                                <th scope="col"><span class="skn-visually-hidden">{ t("start.col.actions") }</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            { for plans.iter().map(|p| html! {
                                <tr key={p.key.clone()}>
                                    <th scope="row">
                                        <bdi>{ p.label.clone() }</bdi>
                                        if p.closed {
                                            <span class="skn-muted">{ " · " }{ t("app.case_closed") }</span>
                                        }
                                    </th>
                                    <td>{ p.next_meeting.map(|d| d.to_string()).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ p.saved_at.map(|ms| crate::versions::local_time(ms, lang.code())).unwrap_or_else(|| "–".into()) }</td>
                                    <td class="skn-start-row-actions">
                                        <button type="button" class="skn-button skn-button--small" onclick={open(p.key.clone())}
                                            data-storage-key={p.key.clone()}
                                            aria-label={trf(lang, "start.open", &[("label", &p.label)])}>{ t("start.open_short") }</button>
                                        <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={delete(p)}
                                            aria-label={trf(lang, "start.delete", &[("label", &p.label)])}>{ t("start.delete_short") }</button>
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={delete_all}>
                        { t("menu.forget_all") }
                    </button>
                }
            </section>
            <crate::lock_view::LockSection {lang} on_changed={props.on_unlocked.reform(|()| true)} />
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct NewPlanProps {
    lang: Lang,
    today: Date,
    on_open: Callback<(String, Option<Plan>)>,
    on_cancel: Callback<()>,
}

/// Writes one field of the draft.
type SetDraft = Rc<dyn Fn(&mut Draft, String)>;

#[derive(Clone, Default, PartialEq)]
struct Draft {
    children: Vec<(String, String)>,
    label: String,
    consultants: [String; 2],
    commissioner: String,
    started: String,
}

/// "New plan": one short form, keyboard only; the children, the case label,
/// the consultants, the commissioning social worker and the start date.
#[function_component]
fn NewPlanForm(props: &NewPlanProps) -> Html {
    let lang = props.lang;
    let t = |key: &str| tr(lang, key).to_string();
    let draft = use_state(|| Draft {
        children: vec![(String::new(), String::new())],
        started: props.today.to_string(),
        ..Draft::default()
    });
    let error = use_state(|| None::<String>);
    let first_ref = use_node_ref();
    {
        let first_ref = first_ref.clone();
        use_effect_with((), move |_| {
            if let Some(i) = first_ref.cast::<web_sys::HtmlElement>() {
                let _ = i.focus();
            }
        });
    }
    let set = |f: SetDraft| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            let mut next = (*draft).clone();
            f(&mut next, value);
            draft.set(next);
        })
    };
    let add_child = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*draft).clone();
            next.children.push((String::new(), String::new()));
            draft.set(next);
        })
    };
    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let on_open = props.on_open.clone();
        let today = props.today;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = (*draft).clone();
            let mut children = Vec::new();
            for (name, age) in &d.children {
                if name.trim().is_empty() && age.trim().is_empty() {
                    continue;
                }
                match (
                    name.trim().is_empty(),
                    age.trim().parse::<u8>().ok().and_then(Age::new),
                ) {
                    (false, Some(age)) => children.push((name.clone(), age)),
                    _ => {
                        error.set(Some(tr(lang, "start.new.child_invalid").to_string()));
                        return;
                    }
                }
            }
            if children.is_empty() {
                error.set(Some(tr(lang, "start.new.no_child").to_string()));
                return;
            }
            let staff = |name: &str| {
                (!name.trim().is_empty()).then(|| Staff {
                    name: name.trim().to_string(),
                    ..Staff::default()
                })
            };
            let case = CaseStatus {
                label: d.label.trim().to_string(),
                started: Date::parse(d.started.trim()).or(Some(today)),
                consultants: d.consultants.iter().filter_map(|c| staff(c)).collect(),
                commissioner: staff(&d.commissioner),
                ..CaseStatus::default()
            };
            let plan = Plan::new_case(case, &children);
            if let Err(e) = file::check_plan(&plan) {
                error.set(Some(e.message(lang)));
                return;
            }
            save_and_open(plan, new_key(), &on_open);
        })
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_cancel.emit(());
            }
        })
    };
    let field = |id: &str,
                 label: String,
                 value: String,
                 kind: &'static str,
                 f: SetDraft,
                 hint: Option<String>| {
        html! {
            <div class="skn-field">
                <label for={id.to_string()}>{ label }</label>
                <input id={id.to_string()} class="skn-input" type={kind} {value} onchange={set(f)}
                    placeholder={hint.unwrap_or_default()} />
            </div>
        }
    };
    html! {
        <main class="skn-start" lang={lang.code()}>
            <form class="skn-start-new" {onsubmit} {onkeydown} aria-labelledby="skn-new-title" novalidate=true>
                <h1 id="skn-new-title" class="skn-start-title">{ t("start.new.title") }</h1>
                if let Some(text) = &*error {
                    <p class="skn-notice" role="alert">{ text.clone() }</p>
                }
                <fieldset class="skn-group">
                    <legend>{ t("start.new.children") }</legend>
                    { for draft.children.iter().enumerate().map(|(i, (name, age))| html! {
                        <div class="skn-field-row" key={i}>
                            <div class="skn-field">
                                <label for={format!("skn-new-child-{i}")}>{ trf(lang, "start.new.child_name", &[("n", &(i + 1).to_string())]) }</label>
                                <input id={format!("skn-new-child-{i}")} class="skn-input" value={name.clone()}
                                    ref={if i == 0 { first_ref.clone() } else { NodeRef::default() }}
                                    onchange={set(Rc::new(move |d: &mut Draft, v| d.children[i].0 = v))} />
                            </div>
                            <div class="skn-field skn-field--narrow">
                                <label for={format!("skn-new-age-{i}")}>{ t("panel.child.age") }</label>
                                <input id={format!("skn-new-age-{i}")} class="skn-input" type="number" min="0" max="17"
                                    value={age.clone()}
                                    onchange={set(Rc::new(move |d: &mut Draft, v| d.children[i].1 = v))} />
                            </div>
                        </div>
                    }) }
                    <button type="button" class="skn-button skn-button--small" onclick={add_child}>{ t("start.new.add_child") }</button>
                </fieldset>
                { field("skn-new-label", t("panel.case.label"), draft.label.clone(), "text",
                    Rc::new(|d, v| d.label = v), Some(t("panel.case.label_hint"))) }
                { field("skn-new-consultant-0", t("start.new.consultant"), draft.consultants[0].clone(), "text",
                    Rc::new(|d, v| d.consultants[0] = v), None) }
                { field("skn-new-consultant-1", t("start.new.consultant_2"), draft.consultants[1].clone(), "text",
                    Rc::new(|d, v| d.consultants[1] = v), None) }
                { field("skn-new-commissioner", t("panel.case.commissioner"), draft.commissioner.clone(), "text",
                    Rc::new(|d, v| d.commissioner = v), None) }
                { field("skn-new-started", t("panel.case.started"), draft.started.clone(), "date",
                    Rc::new(|d, v| d.started = v), None) }
                <div class="skn-button-row">
                    <button type="submit" class="skn-button skn-button--primary">{ t("start.new.create") }</button>
                    <button type="button" class="skn-button" onclick={cancel}>{ t("panel.cancel") }</button>
                </div>
            </form>
        </main>
    }
}
