//! The relation dialog: between whom, what kind, and who supports whom.
//! Opened by dragging from one person to another, by the handle of a
//! selected person, or with "r" on the keyboard. If the two already have a
//! relation, the dialog edits it instead of drawing a second line.

use crate::state::{t, tf, use_app, Action, AppState};
use skyddsnat_core::{Edit, Label, PersonId, Relation, RelationId, RelationKind};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RelationProps {
    pub from: PersonId,
    /// The other person, if a drag already chose one.
    pub to: Option<PersonId>,
    pub on_close: Callback<()>,
}

/// Who supports whom, seen from the dialog's `from` person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Support {
    None,
    FromSupportsTo,
    ToSupportsFrom,
}

/// The relation between two people, in either direction.
pub fn relation_between(state: &AppState, a: PersonId, b: PersonId) -> Option<&Relation> {
    state
        .plan
        .relations()
        .iter()
        .find(|r| (r.from == a && r.to == b) || (r.from == b && r.to == a))
}

fn kind_value(k: RelationKind) -> &'static str {
    match k {
        RelationKind::Strong => "strong",
        RelationKind::Weak => "weak",
        RelationKind::Stressful => "stressful",
        RelationKind::Broken => "broken",
    }
}

#[function_component]
pub fn RelationDialog(props: &RelationProps) -> Html {
    let app = use_app();
    let from = props.from;
    let to = use_state(|| props.to);
    let existing = to.and_then(|to| relation_between(&app, from, to)).cloned();
    let kind = use_state(|| existing.as_ref().map_or(RelationKind::Strong, |r| r.kind));
    let support = use_state(|| match &existing {
        Some(r) if r.supports && r.from == from => Support::FromSupportsTo,
        Some(r) if r.supports => Support::ToSupportsFrom,
        _ => Support::None,
    });
    let first_ref = use_node_ref();
    {
        let first_ref = first_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = first_ref.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }

    let on_to = {
        let to = to.clone();
        let kind = kind.clone();
        let support = support.clone();
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            let chosen = v.parse().ok().map(PersonId);
            // Show what the two already have, so "r" on a pair edits the line.
            if let Some(r) = chosen.and_then(|c| relation_between(&app, from, c)) {
                kind.set(r.kind);
                support.set(match (r.supports, r.from == from) {
                    (false, _) => Support::None,
                    (true, true) => Support::FromSupportsTo,
                    (true, false) => Support::ToSupportsFrom,
                });
            }
            to.set(chosen);
        })
    };
    let on_support = {
        let support = support.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            support.set(match v.as_str() {
                "from" => Support::FromSupportsTo,
                "to" => Support::ToSupportsFrom,
                _ => Support::None,
            });
        })
    };
    let onsubmit = {
        let app = app.clone();
        let to = to.clone();
        let kind = kind.clone();
        let support = support.clone();
        let existing = existing.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(other) = *to else {
                app.dispatch(Action::Announce(t(&app, "map.relate_pick")));
                return;
            };
            let (a, b) = match *support {
                Support::ToSupportsFrom => (other, from),
                _ => (from, other),
            };
            let relation = Relation {
                id: existing
                    .as_ref()
                    .map_or_else(|| RelationId(app.plan.next_id::<Relation>()), |r| r.id),
                from: a,
                to: b,
                kind: *kind,
                supports: *support != Support::None,
                note: existing
                    .as_ref()
                    .map(|r| r.note.clone())
                    .unwrap_or_default(),
            };
            let text = tf(
                &app,
                "map.related",
                &[
                    ("from", &app.name(from)),
                    ("to", &app.name(other)),
                    ("kind", kind.label(app.lang)),
                ],
            );
            let edit = if existing.is_some() {
                Edit::update(relation)
            } else {
                Edit::add(relation)
            };
            app.dispatch(Action::EditAnnounced(edit, text));
            on_close.emit(());
        })
    };
    let remove = existing.as_ref().map(|r| {
        let app = app.clone();
        let id = r.id;
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::EditAnnounced(
                Edit::remove::<Relation>(id),
                t(&app, "map.relation_removed"),
            ));
            on_close.emit(());
        })
    });
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            crate::dialog::close_on_escape(&e, &on_close);
            super::submit_on_enter(&e);
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };

    let others: Vec<(PersonId, String)> = app
        .plan
        .children()
        .iter()
        .map(|c| c.id)
        .chain(app.plan.people().iter().map(|p| p.id))
        .filter(|id| *id != from)
        .map(|id| (id, app.name(id)))
        .collect();
    let from_name = app.name(from);
    let to_name = to
        .map(|id| app.name(id))
        .unwrap_or_else(|| t(&app, "map.relate_other"));
    let lang = app.lang;
    html! {
        <section class="skn-dialog skn-relate" role="dialog" aria-modal="false"
            aria-labelledby={app.dom_id("relate-title")} {onkeydown}>
            <h2 id={app.dom_id("relate-title")} class="skn-dialog-title">
                { tf(&app, "map.relate_title", &[("name", &from_name)]) }
            </h2>
            <form {onsubmit}>
                <label class="skn-field">
                    <span>{ t(&app, "map.relate_to") }</span>
                    <select ref={first_ref.clone()} name="to" onchange={on_to}>
                        <option value="" selected={to.is_none()}>{ t(&app, "map.relate_pick") }</option>
                        { for others.iter().map(|(id, name)| html! {
                            <option value={id.to_string()} selected={*to == Some(*id)}>{ name.clone() }</option>
                        }) }
                    </select>
                </label>
                <fieldset class="skn-fieldset">
                    <legend>{ t(&app, "map.relate_kind") }</legend>
                    { for RelationKind::ALL.iter().map(|k| {
                        let k = *k;
                        let checked = *kind == k;
                        let kind = kind.clone();
                        let onchange = Callback::from(move |_: Event| kind.set(k));
                        html! {
                            <label class="skn-radio">
                                <input type="radio" name="kind" value={kind_value(k)} checked={checked} {onchange} />
                                <span>{ k.label(lang) }</span>
                            </label>
                        }
                    }) }
                </fieldset>
                <label class="skn-field">
                    <span>{ t(&app, "map.relate_support") }</span>
                    <select name="support" onchange={on_support}>
                        <option value="none" selected={*support == Support::None}>{ t(&app, "map.support_none") }</option>
                        <option value="from" selected={*support == Support::FromSupportsTo}>
                            { tf(&app, "map.support_dir", &[("from", &from_name), ("to", &to_name)]) }
                        </option>
                        <option value="to" selected={*support == Support::ToSupportsFrom}>
                            { tf(&app, "map.support_dir", &[("from", &to_name), ("to", &from_name)]) }
                        </option>
                    </select>
                </label>
                <div class="skn-dialog-actions">
                    <button type="submit" class="skn-button skn-button--primary">
                        { t(&app, if existing.is_some() { "map.relate_save" } else { "map.relate_add" }) }
                    </button>
                    if let Some(remove) = remove {
                        <button type="button" class="skn-button skn-button--danger" onclick={remove}>
                            { t(&app, "map.relate_remove") }
                        </button>
                    }
                    <button type="button" class="skn-button" onclick={close}>{ t(&app, "app.close") }</button>
                </div>
            </form>
        </section>
    }
}
