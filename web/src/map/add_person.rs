//! "Add a person" in one step: name, role, sector, ring (and kind). Enter adds
//! and keeps the form open with the cursor back in the name field, so a
//! consultant can type a whole network with the keyboard alone.

use crate::state::{t, tf, use_app, Action};
use skyddsnat_core::map::place_new;
use skyddsnat_core::{Edit, Label, Person, PersonId, PersonKind, Ring, Sector};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AddPersonProps {
    pub on_close: Callback<()>,
}

fn input_value(e: &InputEvent) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn sector_key(s: Sector) -> &'static str {
    // The catalog key doubles as a stable option value.
    s.key()
}

#[function_component]
pub fn AddPersonForm(props: &AddPersonProps) -> Html {
    let app = use_app();
    let name = use_state(String::new);
    let role = use_state(String::new);
    let sector = use_state(|| Sector::Family);
    let ring = use_state(|| Ring::MIDDLE);
    // `None` follows the sector (school and professionals are professional).
    let kind = use_state(|| Option::<PersonKind>::None);
    let name_ref = use_node_ref();
    let problem = use_state(|| Option::<String>::None);

    {
        let name_ref = name_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = name_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }

    let effective_kind = kind.unwrap_or_else(|| sector.usual_kind());
    let onsubmit = {
        let app = app.clone();
        let name = name.clone();
        let role = role.clone();
        let sector = sector.clone();
        let ring = ring.clone();
        let name_ref = name_ref.clone();
        let problem = problem.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = name.trim().to_string();
            let r = role.trim().to_string();
            if n.is_empty() && r.is_empty() {
                let msg = t(&app, "map.add_needs_name");
                app.dispatch(Action::Announce(msg.clone()));
                problem.set(Some(msg));
                return;
            }
            let person = Person {
                id: PersonId(app.plan.next_id::<Person>()),
                name: n,
                role: r,
                kind: effective_kind,
                agency: None,
                place: place_new(&app.plan, *sector, *ring),
                lives_with_child: false,
                custodian_of: Vec::new(),
                protected: false,
                phone: String::new(),
                note: String::new(),
            };
            let shown = skyddsnat_core::map::display_name(&person, app.hide_names);
            let text = tf(
                &app,
                "map.added",
                &[
                    ("name", &shown),
                    ("ring", &ring.get().to_string()),
                    ("sector", sector.label(app.lang)),
                ],
            );
            app.dispatch(Action::EditAnnounced(Edit::add(person), text));
            name.set(String::new());
            role.set(String::new());
            problem.set(None);
            if let Some(input) = name_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        })
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            crate::dialog::close_on_escape(&e, &on_close);
            super::submit_on_enter(&e);
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: InputEvent| role.set(input_value(&e)))
    };
    let on_sector = {
        let sector = sector.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if let Some(s) = Sector::ALL.iter().find(|s| sector_key(**s) == v) {
                sector.set(*s);
            }
        })
    };
    let on_ring = {
        let ring = ring.clone();
        Callback::from(move |e: Event| {
            if let Some(r) = select_value(&e).parse().ok().and_then(Ring::new) {
                ring.set(r);
            }
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(match select_value(&e).as_str() {
                "private" => Some(PersonKind::Private),
                "professional" => Some(PersonKind::Professional),
                _ => None,
            })
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let lang = app.lang;
    let order = app.plan.settings().sector_order.clone();
    html! {
        <section class="skn-dialog skn-add-person" role="dialog" aria-modal="false"
            aria-labelledby={app.dom_id("add-title")} {onkeydown}>
            <h2 id={app.dom_id("add-title")} class="skn-dialog-title">{ t(&app, "map.add_title") }</h2>
            <form class="skn-add-form" {onsubmit}>
                <label class="skn-field">
                    <span>{ t(&app, "map.field_name") }</span>
                    <input ref={name_ref} type="text" name="name" value={(*name).clone()} oninput={on_name}
                        autocomplete="off" maxlength="200" />
                </label>
                <label class="skn-field">
                    <span>{ t(&app, "map.field_role") }</span>
                    <input type="text" name="role" value={(*role).clone()} oninput={on_role}
                        autocomplete="off" maxlength="200" placeholder={t(&app, "map.role_example")} />
                </label>
                <label class="skn-field skn-field--half">
                    <span>{ t(&app, "map.field_sector") }</span>
                    <select name="sector" onchange={on_sector}>
                        { for order.iter().map(|s| html! {
                            <option value={sector_key(*s)} selected={*s == *sector}>{ s.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="skn-field skn-field--half">
                    <span>{ t(&app, "map.field_ring") }</span>
                    <select name="ring" onchange={on_ring}>
                        { for Ring::ALL.iter().map(|r| html! {
                            <option value={r.get().to_string()} selected={*r == *ring}>
                                { format!("{} – {}", r.get(), r.label(lang)) }
                            </option>
                        }) }
                    </select>
                </label>
                <label class="skn-field">
                    <span>{ t(&app, "map.field_kind") }</span>
                    <select name="kind" onchange={on_kind}>
                        <option value="auto" selected={kind.is_none()}>
                            { tf(&app, "map.kind_auto", &[("kind", sector.usual_kind().label(lang))]) }
                        </option>
                        <option value="private" selected={*kind == Some(PersonKind::Private)}>{ PersonKind::Private.label(lang) }</option>
                        <option value="professional" selected={*kind == Some(PersonKind::Professional)}>{ PersonKind::Professional.label(lang) }</option>
                    </select>
                </label>
                <div class="skn-dialog-actions">
                    <button type="submit" class="skn-button skn-button--primary">{ t(&app, "map.add") }</button>
                    <button type="button" class="skn-button" onclick={close}>{ t(&app, "app.close") }</button>
                </div>
                if let Some(p) = &*problem {
                    <p class="skn-form-problem" role="alert">{ p.clone() }</p>
                }
                <p class="skn-hint">{ t(&app, "map.add_hint") }</p>
            </form>
        </section>
    }
}
