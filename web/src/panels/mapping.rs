//! The mapping (worries / working well / needs to happen, plus complicating
//! factors) and the danger statements paired with safety goals.

use super::common::*;
use super::findings::{FindingList, Findings};
use crate::state::{t, use_app, Action};
use skyddsnat_core::analysis::validate::Location;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    Agreeing, Column, DangerId, DangerStatement, Edit, Label, MappingNote, NoteId, PersonId, Stance,
};
use yew::prelude::*;

fn column_class(c: Column) -> &'static str {
    match c {
        Column::Worry => "skn-col-worry",
        Column::WorkingWell => "skn-col-well",
        Column::NeedsToHappen => "skn-col-needs",
        Column::Complicating => "skn-col-complicating",
    }
}

fn column_slug(c: Column) -> &'static str {
    match c {
        Column::Worry => "worry",
        Column::WorkingWell => "well",
        Column::NeedsToHappen => "needs",
        Column::Complicating => "complicating",
    }
}

/// The three mapping columns and the complicating factors below them.
#[function_component]
pub fn MappingSection() -> Html {
    html! {
        <div class="skn-mapping">
            <div class="skn-mapping-columns">
                <MappingColumn column={Column::Worry} />
                <MappingColumn column={Column::WorkingWell} />
                <MappingColumn column={Column::NeedsToHappen} />
            </div>
            <MappingColumn column={Column::Complicating} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ColumnProps {
    column: Column,
}

#[function_component]
fn MappingColumn(props: &ColumnProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let column = props.column;
    let slug = column_slug(column);
    let draft = use_state(String::new);
    let notes: Vec<&MappingNote> = state
        .plan
        .mapping()
        .iter()
        .filter(|n| n.column == column)
        .collect();
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(event_value(&e)))
    };
    let onsubmit = {
        let app = app.clone();
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if text.is_empty() {
                return;
            }
            let note = MappingNote {
                id: NoteId(app.plan.next_id::<MappingNote>()),
                column,
                text,
            };
            app.dispatch(Action::Edit(Edit::add(note)));
            draft.set(String::new());
        })
    };
    let heading_id = state.dom_id(&format!("map-{slug}-title"));
    html! {
        <section class={classes!("skn-mapping-column", column_class(column))}
            aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ column.label(state.lang) }</h3>
            <ul class="skn-notes">
                { for notes.iter().enumerate().map(|(i, n)| {
                    let commit = {
                        let app = app.clone();
                        let n = (*n).clone();
                        Callback::from(move |v: String| {
                            let mut next = n.clone();
                            next.text = v.trim().to_string();
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    };
                    let remove = {
                        let app = app.clone();
                        let id = n.id;
                        Callback::from(move |_: MouseEvent| {
                            app.dispatch(Action::Edit(Edit::remove::<MappingNote>(id)));
                        })
                    };
                    let label = trf(state.lang, "panel.mapping.line",
                        &[("column", column.label(state.lang)), ("n", &(i + 1).to_string())]);
                    html! {
                        <li key={n.id.0} class="skn-note-line">
                            <TextField id={state.dom_id(&format!("note-{}", n.id))} label={label.clone()}
                                class="skn-label-hidden" multiline=true value={n.text.clone()}
                                rows={Some(rows_for(&n.text, 18))}
                                disabled={ro} oncommit={commit} />
                            if !ro {
                                <IconButton icon="✕" onclick={remove}
                                    label={trf(state.lang, "panel.remove_named", &[("what", &label)])} />
                            }
                        </li>
                    }
                }) }
            </ul>
            if !ro {
                <form class="skn-add-line" {onsubmit}>
                    <label for={state.dom_id(&format!("map-{slug}-new"))} class="skn-visually-hidden">
                        { trf(state.lang, "panel.mapping.new", &[("column", column.label(state.lang))]) }
                    </label>
                    <input id={state.dom_id(&format!("map-{slug}-new"))} class="skn-input" type="text"
                        placeholder={t(state, "panel.mapping.placeholder")}
                        value={(*draft).clone()} oninput={on_draft} />
                    <button type="submit" class="skn-button skn-button--small">{ t(state, "panel.add") }</button>
                </form>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DangersProps {
    pub findings: Findings,
}

/// Danger statements, each paired with its safety goal and who agrees.
#[function_component]
pub fn DangersSection(props: &DangersProps) -> Html {
    let app = use_app();
    let state = &*app;
    let add = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let d = DangerStatement {
                id: DangerId(app.plan.next_id::<DangerStatement>()),
                statement: String::new(),
                goal: String::new(),
                stances: Vec::new(),
            };
            app.dispatch(Action::Edit(Edit::add(d)));
        })
    };
    html! {
        <div class="skn-dangers">
            <p class="skn-muted">{ t(state, "panel.danger.hint") }</p>
            <ol class="skn-danger-list">
                { for state.plan.dangers().iter().enumerate().map(|(i, d)| html! {
                    <DangerEditor key={d.id.0} danger={d.clone()} number={i + 1}
                        findings={props.findings.at(Location::Danger(d.id))} />
                }) }
            </ol>
            if !state.readonly {
                <button type="button" class="skn-button" onclick={add}>{ t(state, "panel.danger.add") }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DangerProps {
    danger: DangerStatement,
    number: usize,
    findings: Vec<skyddsnat_core::analysis::validate::Finding>,
}

const AGREEING: [Agreeing; 3] = [Agreeing::Yes, Agreeing::Partly, Agreeing::No];

#[function_component]
fn DangerEditor(props: &DangerProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let d = &props.danger;
    let base = state.dom_id(&format!("danger-{}", d.id));
    let set = |f: fn(&mut DangerStatement, String)| {
        let app = app.clone();
        let d = d.clone();
        Callback::from(move |v: String| {
            let mut next = d.clone();
            f(&mut next, v);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let add_stance = {
        let app = app.clone();
        let d = d.clone();
        Callback::from(move |v: String| {
            let Ok(n) = v.parse::<u32>() else { return };
            let mut next = d.clone();
            next.stances.push(Stance {
                person: PersonId(n),
                agrees: Agreeing::Yes,
                comment: String::new(),
            });
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let remove = {
        let app = app.clone();
        let id = d.id;
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Edit(Edit::remove::<DangerStatement>(id)));
        })
    };
    let without_stance: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.danger.add_stance")))
            .chain(
                pickable(&state.plan, false)
                    .into_iter()
                    .filter(|p| !d.stances.iter().any(|s| s.person == *p))
                    .map(|p| (p.0.to_string(), display_name(state, p))),
            )
            .collect();
    let number = props.number.to_string();
    html! {
        <li class="skn-danger">
            <fieldset class="skn-group">
                <legend>{ trf(state.lang, "panel.danger.legend", &[("n", &number)]) }</legend>
                <FindingList items={props.findings.clone()} />
                <TextField id={format!("{base}-statement")} label={t(state, "panel.danger.statement")}
                    multiline=true value={d.statement.clone()} disabled={ro}
                    oncommit={set(|d, v| d.statement = v.trim().to_string())} />
                <TextField id={format!("{base}-goal")} label={t(state, "panel.danger.goal")}
                    multiline=true value={d.goal.clone()} disabled={ro}
                    oncommit={set(|d, v| d.goal = v.trim().to_string())} />
                <fieldset class="skn-group skn-stances">
                    <legend>{ t(state, "panel.danger.stances") }</legend>
                    <ul>
                        { for d.stances.iter().enumerate().map(|(i, s)| {
                            let sid = format!("{base}-stance-{i}");
                            let who = display_name(state, s.person);
                            let edit = |f: fn(&mut Stance, String)| {
                                let app = app.clone();
                                let d = d.clone();
                                Callback::from(move |v: String| {
                                    let mut next = d.clone();
                                    if let Some(s) = next.stances.get_mut(i) {
                                        f(s, v);
                                    }
                                    app.dispatch(Action::Edit(Edit::update(next)));
                                })
                            };
                            let drop = {
                                let app = app.clone();
                                let d = d.clone();
                                Callback::from(move |_: MouseEvent| {
                                    let mut next = d.clone();
                                    if i < next.stances.len() {
                                        next.stances.remove(i);
                                    }
                                    app.dispatch(Action::Edit(Edit::update(next)));
                                })
                            };
                            let options: Vec<(String, String)> = AGREEING.iter()
                                .map(|a| (a.key().to_string(), a.label(state.lang).to_string())).collect();
                            html! {
                                <li class="skn-stance">
                                    <SelectField id={format!("{sid}-agrees")}
                                        label={who.clone()} options={options}
                                        selected={s.agrees.key().to_string()} disabled={ro}
                                        onselect={edit(|s, v| {
                                            if let Some(a) = AGREEING.into_iter().find(|a| a.key() == v) {
                                                s.agrees = a;
                                            }
                                        })} />
                                    <TextField id={format!("{sid}-comment")}
                                        label={trf(state.lang, "panel.danger.comment", &[("name", &who)])}
                                        value={s.comment.clone()} disabled={ro}
                                        oncommit={edit(|s, v| s.comment = v.trim().to_string())} />
                                    if !ro {
                                        <IconButton icon="✕" onclick={drop}
                                            label={trf(state.lang, "panel.danger.remove_stance", &[("name", &who)])} />
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    if !ro && without_stance.len() > 1 {
                        <SelectField id={format!("{base}-add-stance")} label={t(state, "panel.danger.who_else")}
                            options={without_stance} selected={String::new()} onselect={add_stance} />
                    }
                </fieldset>
                if !ro {
                    <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={remove}>
                        { trf(state.lang, "panel.danger.remove", &[("n", &number)]) }
                    </button>
                }
            </fieldset>
        </li>
    }
}
