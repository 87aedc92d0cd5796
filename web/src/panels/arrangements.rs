//! Temporary arrangements (someone moves in or sleeps over for a while) and
//! supervision rules (may the children be alone with this adult?).

use super::common::*;
use super::findings::{FindingList, Findings};
use crate::state::{t, use_app, Action};
use skyddsnat_core::analysis::validate::Location;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    Allowed, Arrangement, ArrangementId, Edit, Label, PersonId, SupervisionId, SupervisionRule,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub findings: Findings,
}

#[function_component]
pub fn ArrangementsSection(props: &SectionProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let add = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let a = Arrangement {
                id: ArrangementId(app.plan.next_id::<Arrangement>()),
                people: Vec::new(),
                text: String::new(),
                from: Some(app.today),
                to: None,
            };
            app.dispatch(Action::Edit(Edit::add(a)));
        })
    };
    html! {
        <div class="skn-arrangements">
            <ol class="skn-plain-list">
                { for state.plan.arrangements().iter().enumerate().map(|(i, a)| {
                    let base = state.dom_id(&format!("arr-{}", a.id));
                    let set = |f: fn(&mut Arrangement, String)| {
                        let app = app.clone();
                        let a = a.clone();
                        Callback::from(move |v: String| {
                            let mut next = a.clone();
                            f(&mut next, v);
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    };
                    let on_people = {
                        let app = app.clone();
                        let a = a.clone();
                        Callback::from(move |people: Vec<PersonId>| {
                            let mut next = a.clone();
                            next.people = people;
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    };
                    let remove = {
                        let app = app.clone();
                        let id = a.id;
                        Callback::from(move |_: MouseEvent| {
                            app.dispatch(Action::Edit(Edit::remove::<Arrangement>(id)));
                        })
                    };
                    let n = (i + 1).to_string();
                    html! {
                        <li key={a.id.0}>
                            <fieldset class="skn-group">
                                <legend>{ trf(state.lang, "panel.arrangement.legend", &[("n", &n)]) }</legend>
                                <FindingList items={props.findings.at(Location::Arrangement(a.id))} />
                                <TextField id={format!("{base}-text")} label={t(state, "panel.arrangement.text")}
                                    multiline=true value={a.text.clone()} disabled={ro}
                                    oncommit={set(|a, v| a.text = v.trim().to_string())} />
                                <PeoplePicker id={format!("{base}-people")} legend={t(state, "panel.arrangement.people")}
                                    selected={a.people.clone()} onchange={on_people} disabled={ro} />
                                <div class="skn-row">
                                    <TextField id={format!("{base}-from")} label={t(state, "panel.arrangement.from")}
                                        kind="date" value={a.from.map(format_date).unwrap_or_default()} disabled={ro}
                                        oncommit={set(|a, v| a.from = parse_date(&v))} />
                                    <TextField id={format!("{base}-to")} label={t(state, "panel.arrangement.to")}
                                        kind="date" value={a.to.map(format_date).unwrap_or_default()} disabled={ro}
                                        oncommit={set(|a, v| a.to = parse_date(&v))} />
                                </div>
                                if !ro {
                                    <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={remove}>
                                        { trf(state.lang, "panel.arrangement.remove", &[("n", &n)]) }
                                    </button>
                                }
                            </fieldset>
                        </li>
                    }
                }) }
            </ol>
            if state.plan.arrangements().is_empty() {
                <p class="skn-muted">{ t(state, "panel.arrangement.none") }</p>
            }
            if !ro {
                <button type="button" class="skn-button" onclick={add}>{ t(state, "panel.arrangement.add") }</button>
            }
        </div>
    }
}

const ALLOWED: [Allowed; 3] = [Allowed::Yes, Allowed::OnCondition, Allowed::Never];

#[function_component]
pub fn SupervisionSection(props: &SectionProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let ruled: Vec<PersonId> = state.plan.supervision().iter().map(|r| r.adult).collect();
    let adults: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.supervision.pick_adult")))
            .chain(
                state
                    .plan
                    .people()
                    .iter()
                    .filter(|p| !ruled.contains(&p.id))
                    .map(|p| (p.id.0.to_string(), display_name(state, p.id))),
            )
            .collect();
    let add = {
        let app = app.clone();
        Callback::from(move |v: String| {
            let Ok(n) = v.parse::<u32>() else { return };
            let rule = SupervisionRule {
                id: SupervisionId(app.plan.next_id::<SupervisionRule>()),
                adult: PersonId(n),
                children: Vec::new(),
                allowed: Allowed::OnCondition,
                condition: String::new(),
            };
            app.dispatch(Action::Edit(Edit::add(rule)));
        })
    };
    let allowed_options: Vec<(String, String)> = ALLOWED
        .iter()
        .map(|a| (a.key().to_string(), a.label(state.lang).to_string()))
        .collect();
    html! {
        <div class="skn-supervision">
            <ul class="skn-plain-list">
                { for state.plan.supervision().iter().map(|r| {
                    let base = state.dom_id(&format!("sup-{}", r.id));
                    let who = display_name(state, r.adult);
                    let set = |f: fn(&mut SupervisionRule, String)| {
                        let app = app.clone();
                        let r = r.clone();
                        Callback::from(move |v: String| {
                            let mut next = r.clone();
                            f(&mut next, v);
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    };
                    let on_children = {
                        let app = app.clone();
                        let r = r.clone();
                        Callback::from(move |children: Vec<PersonId>| {
                            let mut next = r.clone();
                            // Only children can be named here (the core checks it too).
                            next.children = children;
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    };
                    let remove = {
                        let app = app.clone();
                        let id = r.id;
                        Callback::from(move |_: MouseEvent| {
                            app.dispatch(Action::Edit(Edit::remove::<SupervisionRule>(id)));
                        })
                    };
                    html! {
                        <li key={r.id.0}>
                            <fieldset class="skn-group">
                                <legend>{ trf(state.lang, "panel.supervision.legend", &[("name", &who)]) }</legend>
                                <FindingList items={props.findings.at(Location::Supervision(r.id))} />
                                <SelectField id={format!("{base}-allowed")} label={t(state, "panel.supervision.allowed")}
                                    options={allowed_options.clone()} selected={r.allowed.key().to_string()} disabled={ro}
                                    onselect={set(|r, v| {
                                        if let Some(a) = ALLOWED.into_iter().find(|a| a.key() == v) {
                                            r.allowed = a;
                                        }
                                    })} />
                                if r.allowed == Allowed::OnCondition {
                                    <TextField id={format!("{base}-condition")} label={t(state, "panel.supervision.condition")}
                                        multiline=true value={r.condition.clone()} disabled={ro}
                                        oncommit={set(|r, v| r.condition = v.trim().to_string())} />
                                }
                                <ChildPicker id={format!("{base}-children")} selected={r.children.clone()}
                                    onchange={on_children} disabled={ro} />
                                if !ro {
                                    <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={remove}>
                                        { trf(state.lang, "panel.supervision.remove", &[("name", &who)]) }
                                    </button>
                                }
                            </fieldset>
                        </li>
                    }
                }) }
            </ul>
            if !ro && adults.len() > 1 {
                <SelectField id={state.dom_id("sup-add")} label={t(state, "panel.supervision.add")}
                    options={adults} selected={String::new()} onselect={add} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ChildPickerProps {
    id: AttrValue,
    selected: Vec<PersonId>,
    onchange: Callback<Vec<PersonId>>,
    disabled: bool,
}

/// Which children a rule applies to, as checkboxes (there are few children);
/// none ticked means all of them.
#[function_component]
fn ChildPicker(props: &ChildPickerProps) -> Html {
    let app = use_app();
    let state = &*app;
    html! {
        <fieldset class="skn-group skn-inline-checks">
            <legend>{ t(state, "panel.supervision.children") }</legend>
            { for state.plan.children().iter().map(|c| {
                let id = c.id;
                let on = props.selected.contains(&id);
                let onchange = {
                    let selected = props.selected.clone();
                    let cb = props.onchange.clone();
                    Callback::from(move |_: Event| {
                        let mut next: Vec<PersonId> = selected.iter().copied().filter(|p| *p != id).collect();
                        if !on {
                            next.push(id);
                        }
                        cb.emit(next);
                    })
                };
                let eid = format!("{}-{}", props.id, id);
                html! {
                    <span class="skn-weekday">
                        <input type="checkbox" id={eid.clone()} checked={on} disabled={props.disabled} {onchange} />
                        <label for={eid}>{ display_name(state, id) }</label>
                    </span>
                }
            }) }
            if props.selected.is_empty() {
                <p class="skn-muted">{ t(state, "panel.supervision.all_children") }</p>
            }
        </fieldset>
    }
}
