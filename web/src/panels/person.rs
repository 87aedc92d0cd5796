//! The person tab: edit the selected person, see what rests on them, remove
//! them (after seeing what refers to them); or, with no one selected, the
//! children the plan is about.

use super::common::*;
use super::findings::{use_findings, FindingList};
use crate::state::{t, use_app, Action, AppState, Selection, Tab};
use skyddsnat_core::analysis::schedule::{person_record, PersonRecord};
use skyddsnat_core::document::plan::step_letter;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    Age, AgencyKind, Child, Edit, EntityKind, Label, Person, PersonId, PersonKind, Ref, Referrer,
    Ring, Sector,
};
use yew::prelude::*;

/// The person tab.
#[function_component]
pub fn PersonPanel() -> Html {
    let app = use_app();
    let state = &*app;
    let person = match state.selection {
        Selection::Person(id) => state.plan.person(id).cloned(),
        _ => None,
    };
    html! {
        <section class="skn-panel skn-person-panel" aria-label={t(state, "panel.person.title")}>
            if let Some(person) = person {
                <PersonEditor {person} />
            } else {
                <ChildrenEditor />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PersonEditorProps {
    person: Person,
}

#[function_component]
fn PersonEditor(props: &PersonEditorProps) -> Html {
    let app = use_app();
    let state = &*app;
    let p = &props.person;
    let ro = state.readonly;
    let fid = |f: &str| AttrValue::from(state.dom_id(&format!("person-{}-{f}", p.id)));
    // Every field commits the whole person once: one undo step per change.
    let commit = |f: fn(&mut Person, String)| {
        let app = app.clone();
        let p = p.clone();
        Callback::from(move |v: String| {
            let mut next = p.clone();
            f(&mut next, v);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let toggle = |f: fn(&mut Person, bool)| {
        let app = app.clone();
        let p = p.clone();
        Callback::from(move |on: bool| {
            let mut next = p.clone();
            f(&mut next, on);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let kind_options: Vec<(String, String)> = [PersonKind::Private, PersonKind::Professional]
        .iter()
        .map(|k| (k.key().to_string(), k.label(state.lang).to_string()))
        .collect();
    let agency_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.person.agency_none")))
            .chain(
                AgencyKind::ALL
                    .iter()
                    .map(|a| (a.key().to_string(), a.label(state.lang).to_string())),
            )
            .collect();
    let sector_options: Vec<(String, String)> = Sector::ALL
        .iter()
        .map(|s| (s.key().to_string(), s.label(state.lang).to_string()))
        .collect();
    let ring_options: Vec<(String, String)> = Ring::ALL
        .iter()
        .map(|r| {
            (
                r.get().to_string(),
                format!("{} – {}", r.get(), r.label(state.lang)),
            )
        })
        .collect();
    let findings = (*use_findings()).clone();
    html! {
        <>
            <h2 class="skn-panel-title">{ display_name(state, p.id) }</h2>
            <FindingList items={findings.about_person(p.id)} />
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.person.details") }</legend>
                if state.hide_names {
                    <HiddenField label={t(state, "panel.person.name")} />
                } else {
                    <TextField id={fid("name")} label={t(state, "panel.person.name")}
                        value={p.name.clone()} disabled={ro}
                        oncommit={commit(|p, v| p.name = v.trim().to_string())} />
                }
                <TextField id={fid("role")} label={t(state, "panel.person.role")}
                    value={p.role.clone()} disabled={ro}
                    oncommit={commit(|p, v| p.role = v.trim().to_string())} />
                <SelectField id={fid("kind")} label={t(state, "panel.person.kind")}
                    options={kind_options} selected={p.kind.key().to_string()} disabled={ro}
                    onselect={commit(|p, v| {
                        p.kind = if v == PersonKind::Professional.key() {
                            PersonKind::Professional
                        } else {
                            PersonKind::Private
                        }
                    })} />
                if p.kind == PersonKind::Professional {
                    <SelectField id={fid("agency")} label={t(state, "panel.person.agency")}
                        options={agency_options} selected={p.agency.map(|a| a.key().to_string()).unwrap_or_default()}
                        disabled={ro}
                        onselect={commit(|p, v| {
                            p.agency = AgencyKind::ALL.into_iter().find(|a| a.key() == v);
                        })} />
                }
                <SelectField id={fid("sector")} label={t(state, "panel.person.sector")}
                    options={sector_options} selected={p.place.sector.key().to_string()} disabled={ro}
                    onselect={commit(|p, v| {
                        if let Some(s) = Sector::ALL.into_iter().find(|s| s.key() == v) {
                            p.place.sector = s;
                        }
                    })} />
                <SelectField id={fid("ring")} label={t(state, "panel.person.ring")}
                    options={ring_options} selected={p.place.ring.get().to_string()} disabled={ro}
                    onselect={commit(|p, v| {
                        if let Some(r) = v.parse().ok().and_then(Ring::new) {
                            p.place.ring = r;
                        }
                    })} />
                <CheckField id={fid("lives")} label={t(state, "panel.person.lives_with_child")}
                    checked={p.lives_with_child} disabled={ro}
                    ontoggle={toggle(|p, on| p.lives_with_child = on)} />
                if p.kind == PersonKind::Private && !state.plan.children().is_empty() {
                    <fieldset class="skn-people">
                        <legend>{ t(state, "panel.person.custodian_of") }</legend>
                        { for state.plan.children().iter().map(|c| {
                            let child = c.id;
                            let app = app.clone();
                            let person = p.clone();
                            let ontoggle = Callback::from(move |on: bool| {
                                let mut next = person.clone();
                                next.custodian_of.retain(|x| *x != child);
                                if on {
                                    next.custodian_of.push(child);
                                }
                                app.dispatch(Action::Edit(Edit::update(next)));
                            });
                            html! {
                                <CheckField id={fid(&format!("custodian-{child}"))}
                                    label={state.name(child)} checked={p.custodian_of.contains(&child)}
                                    disabled={ro} {ontoggle} />
                            }
                        }) }
                    </fieldset>
                }
                <CheckField id={fid("protected")} label={t(state, "panel.person.protected")}
                    checked={p.protected} disabled={ro}
                    ontoggle={toggle(|p, on| {
                        p.protected = on;
                        // A protected identity must not keep contact details in the file.
                        if on {
                            p.phone.clear();
                        }
                    })} />
                if p.protected {
                    <p class="skn-note" id={fid("protected-note")}>
                        { t(state, "panel.person.protected_note") }
                    </p>
                } else if state.hide_names {
                    <HiddenField label={t(state, "panel.person.phone")} />
                } else {
                    <TextField id={fid("phone")} label={t(state, "panel.person.phone")} kind="tel"
                        value={p.phone.clone()} disabled={ro}
                        oncommit={commit(|p, v| p.phone = v.trim().to_string())} />
                }
                <TextField id={fid("note")} label={t(state, "panel.person.note")} multiline=true
                    value={p.note.clone()} disabled={ro}
                    oncommit={commit(|p, v| p.note = v)} />
            </fieldset>
            <RestsOn person={p.id} />
            if !ro {
                <RemovePerson id={p.id} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PersonRef {
    person: PersonId,
}

/// Every agreement, check and contingency step that rests on one person.
#[function_component]
fn RestsOn(props: &PersonRef) -> Html {
    let app = use_app();
    let state = &*app;
    let id = props.person;
    let mut rows: Vec<Html> = Vec::new();
    for a in state.plan.agreements() {
        let mut roles: Vec<String> = Vec::new();
        if a.responsible.contains(&id) {
            roles.push(t(state, "panel.rests.responsible"));
        }
        for c in a.checks.iter().filter(|c| c.by.contains(&id)) {
            roles.push(trf(
                state.lang,
                "panel.rests.checks",
                &[
                    ("method", c.method.label(state.lang)),
                    (
                        "when",
                        &match c.time {
                            Some(at) => format!("{} {at}", c.when.describe(state.lang)),
                            None => c.when.describe(state.lang),
                        },
                    ),
                ],
            ));
        }
        for (i, s) in a
            .chain
            .iter()
            .enumerate()
            .filter(|(_, s)| s.people.contains(&id))
        {
            roles.push(trf(
                state.lang,
                "panel.rests.step",
                &[
                    ("letter", &step_letter(i)),
                    ("action", &short(&state.shown(&s.action), 60)),
                ],
            ));
        }
        if roles.is_empty() {
            continue;
        }
        let select = {
            let app = app.clone();
            let agreement = a.id;
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Action::Select(Selection::Agreement(agreement)));
                app.dispatch(Action::SetTab(Tab::Plan));
            })
        };
        rows.push(html! {
            <li class="skn-rests-item">
                <button type="button" class="skn-link-button" onclick={select}>
                    { short(&state.shown(&a.text), 80) }
                </button>
                <ul class="skn-rests-roles">
                    { for roles.into_iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            </li>
        });
    }
    let count = rows.len();
    let record = person_record(&state.plan, id, state.today);
    html! {
        <section class="skn-group skn-rests" aria-labelledby={state.dom_id("rests-title")}>
            <h3 id={state.dom_id("rests-title")}>
                { trf(state.lang, "panel.rests.title", &[("count", &count.to_string())]) }
            </h3>
            if rows.is_empty() {
                <p class="skn-muted">{ t(state, "panel.rests.none") }</p>
            } else {
                <ul class="skn-rests-list">{ for rows }</ul>
            }
            if record != PersonRecord::default() {
                <p class="skn-person-record">
                    { trf(state.lang, "panel.rests.record", &[
                        ("done", &record.done.to_string()),
                        ("failed", &record.failed.to_string()),
                        ("missed", &record.missed.to_string()),
                    ]) }
                </p>
            }
        </section>
    }
}

/// A sentence for each place that names a person, for the removal warning.
pub fn describe_referrers(state: &AppState, id: PersonId, refs: &[Referrer]) -> Vec<String> {
    let plan = &state.plan;
    let lang = state.lang;
    let mut out: Vec<String> = Vec::new();
    for r in refs {
        let i = r.index;
        let text = match r.kind {
            EntityKind::Relation => plan.relations().get(i).map(|rel| {
                let other = if rel.from == id { rel.to } else { rel.from };
                trf(
                    lang,
                    "panel.ref.relation",
                    &[("name", &display_name(state, other))],
                )
            }),
            EntityKind::Meeting => plan
                .meetings()
                .get(i)
                .map(|m| trf(lang, "panel.ref.meeting", &[("date", &format_date(m.date))])),
            EntityKind::Danger => plan.dangers().get(i).map(|d| {
                trf(
                    lang,
                    "panel.ref.danger",
                    &[("text", &short(&state.shown(&d.statement), 50))],
                )
            }),
            EntityKind::Scale => plan.scales().get(i).map(|s| {
                trf(
                    lang,
                    "panel.ref.scale",
                    &[("text", &short(&s.question, 50))],
                )
            }),
            EntityKind::Agreement => plan.agreements().get(i).map(|a| {
                let text = short(&state.shown(&a.text), 50);
                if r.field.starts_with("responsible") {
                    trf(lang, "panel.ref.responsible", &[("text", &text)])
                } else if r.field.starts_with("checks") {
                    trf(lang, "panel.ref.check", &[("text", &text)])
                } else {
                    let step = r
                        .field
                        .strip_prefix("chain[")
                        .and_then(|s| s.split(']').next())
                        .and_then(|n| n.parse::<usize>().ok())
                        .unwrap_or(0);
                    trf(
                        lang,
                        "panel.ref.step",
                        &[("letter", &step_letter(step)), ("text", &text)],
                    )
                }
            }),
            EntityKind::Arrangement => plan.arrangements().get(i).map(|a| {
                trf(
                    lang,
                    "panel.ref.arrangement",
                    &[("text", &short(&state.shown(&a.text), 50))],
                )
            }),
            EntityKind::Supervision => plan.supervision().get(i).map(|s| {
                let key = if s.adult == id {
                    "panel.ref.supervision_adult"
                } else {
                    "panel.ref.supervision_child"
                };
                trf(lang, key, &[("name", &display_name(state, s.adult))])
            }),
            EntityKind::FollowUp => plan.follow_ups().get(i).map(|f| {
                trf(
                    lang,
                    "panel.ref.follow_up",
                    &[("date", &format_date(f.date))],
                )
            }),
            EntityKind::ChildView => plan.child_views().get(i).map(|v| {
                let key = if v.child == id {
                    "panel.ref.child_view"
                } else {
                    "panel.ref.house"
                };
                trf(lang, key, &[("name", &display_name(state, v.child))])
            }),
            _ => None,
        };
        let text = text.unwrap_or_else(|| r.path());
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

#[derive(Properties, PartialEq)]
struct RemoveProps {
    id: PersonId,
}

/// "Remove…": first shows every place that names the person, then removes
/// them with one undoable edit that also cleans those places.
#[function_component]
fn RemovePerson(props: &RemoveProps) -> Html {
    let app = use_app();
    let state = &*app;
    let question = crate::dialog::use_question();
    let id = props.id;
    let name = display_name(state, id);
    let remove = {
        let app = app.clone();
        let close = question.close.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            close.emit(());
            match app.plan.remove_person(id) {
                Ok(edit) => {
                    let said = trf(app.lang, "panel.person.removed", &[("name", &name)]);
                    app.dispatch(Action::Select(Selection::None));
                    app.dispatch(Action::EditAnnounced(edit, said));
                }
                Err(e) => app.dispatch(Action::Announce(e.message(app.lang))),
            }
        })
    };
    if !question.open {
        return html! {
            <div class="skn-remove">
                <button type="button" class="skn-button skn-button--danger" onclick={question.ask}>
                    { trf(state.lang, "panel.person.remove", &[("name", &name)]) }
                </button>
            </div>
        };
    }
    let refs = state.plan.referrers(Ref::Person(id));
    let places = describe_referrers(state, id, &refs);
    html! {
        <div class="skn-confirm" role="group" aria-labelledby={state.dom_id("remove-question")}
            onkeydown={question.on_keydown}>
            <p id={state.dom_id("remove-question")} class="skn-confirm-question">
                <span aria-hidden="true">{ "⚠ " }</span>
                { trf(state.lang, "panel.person.remove_question", &[("name", &name)]) }
            </p>
            if places.is_empty() {
                <p>{ t(state, "panel.person.remove_unreferenced") }</p>
            } else {
                <p>{ trf(state.lang, "panel.person.remove_referenced",
                    &[("name", &name), ("count", &places.len().to_string())]) }</p>
                <ul class="skn-confirm-places">
                    { for places.into_iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            }
            <p class="skn-muted">{ t(state, "panel.person.remove_undo") }</p>
            <div class="skn-button-row">
                <button type="button" class="skn-button skn-button--danger" ref={question.confirm}
                    onclick={remove}>
                    { t(state, "panel.person.remove_confirm") }
                </button>
                <button type="button" class="skn-button" onclick={question.cancel}>
                    { t(state, "panel.cancel") }
                </button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HiddenFieldProps {
    label: String,
}

/// A field whose value is not shown while names are hidden (others can see
/// the screen); it can be edited again when names are shown.
#[function_component]
fn HiddenField(props: &HiddenFieldProps) -> Html {
    let app = use_app();
    html! {
        <div class="skn-field skn-hidden-value">
            <span class="skn-hidden-label">{ props.label.clone() }</span>
            <span class="skn-muted">{ t(&app, "panel.person.hidden_value") }</span>
        </div>
    }
}

fn age_options() -> Vec<(String, String)> {
    (0..=Age::MAX)
        .map(|a| (a.to_string(), a.to_string()))
        .collect()
}

/// The children the plan is about, with their name and age, and adding one.
#[function_component]
fn ChildrenEditor() -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let selected_child = match state.selection {
        Selection::Person(id) => state.plan.child(id).map(|c| c.id),
        _ => None,
    };
    html! {
        <>
            <h2 class="skn-panel-title">{ t(state, "panel.children.title") }</h2>
            <p class="skn-muted">{ t(state, "panel.children.hint") }</p>
            <ul class="skn-children">
                { for state.plan.children().iter().map(|c| html! {
                    <ChildRow child={c.clone()} selected={selected_child == Some(c.id)} />
                }) }
            </ul>
            if !ro {
                <AddChild />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ChildRowProps {
    child: Child,
    selected: bool,
}

#[function_component]
fn ChildRow(props: &ChildRowProps) -> Html {
    let app = use_app();
    let state = &*app;
    let c = &props.child;
    let ro = state.readonly;
    let fid = |f: &str| AttrValue::from(state.dom_id(&format!("child-{}-{f}", c.id)));
    let commit = |f: fn(&mut Child, String)| {
        let app = app.clone();
        let c = c.clone();
        Callback::from(move |v: String| {
            let mut next = c.clone();
            f(&mut next, v);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    html! {
        <li class={classes!("skn-child", props.selected.then_some("skn-selected"))}>
            <fieldset class="skn-group">
                <legend>{ display_name(state, c.id) }</legend>
                if state.hide_names {
                    <HiddenField label={t(state, "panel.child.name")} />
                } else {
                    <TextField id={fid("name")} label={t(state, "panel.child.name")}
                        value={c.name.clone()} disabled={ro}
                        oncommit={commit(|c, v| c.name = v.trim().to_string())} />
                }
                <SelectField id={fid("age")} label={t(state, "panel.child.age")}
                    options={age_options()} selected={c.age.years().to_string()} disabled={ro}
                    onselect={commit(|c, v| {
                        if let Some(a) = v.parse().ok().and_then(Age::new) {
                            c.age = a;
                        }
                    })} />
                if !ro {
                    <RemovePerson id={c.id} />
                }
            </fieldset>
        </li>
    }
}

#[function_component]
fn AddChild() -> Html {
    let app = use_app();
    let state = &*app;
    let name = use_state(String::new);
    let age = use_state(|| 0u8);
    let onsubmit = {
        let app = app.clone();
        let name = name.clone();
        let age = age.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n = name.trim().to_string();
            if n.is_empty() {
                return;
            }
            let child = Child {
                id: PersonId(app.plan.next_id::<Child>()),
                name: n.clone(),
                age: Age::new(*age).unwrap_or(Age::new(0).unwrap_or_else(|| unreachable!())),
                note: String::new(),
            };
            let said = trf(app.lang, "panel.child.added", &[("name", &n)]);
            app.dispatch(Action::EditAnnounced(Edit::add(child), said));
            name.set(String::new());
            age.set(0);
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(event_value(&e));
        })
    };
    let on_age = {
        let age = age.clone();
        Callback::from(move |v: String| age.set(v.parse().unwrap_or(0)))
    };
    html! {
        <form class="skn-panel-form" {onsubmit}>
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.child.add") }</legend>
                <div class="skn-field">
                    <label for={state.dom_id("add-child-name")}>{ t(state, "panel.child.name") }</label>
                    <input id={state.dom_id("add-child-name")} class="skn-input" type="text"
                        value={(*name).clone()} oninput={on_name} />
                </div>
                <SelectField id={state.dom_id("add-child-age")} label={t(state, "panel.child.age")}
                    options={age_options()} selected={age.to_string()} onselect={on_age} />
                <button type="submit" class="skn-button">{ t(state, "panel.child.add_button") }</button>
            </fieldset>
        </form>
    }
}
