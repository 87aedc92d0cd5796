//! The check-in log: was the agreement kept?

use super::common::*;
use crate::state::{t, use_app, Action};
use skyddsnat_core::document::plan::step_letter;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{AgreementId, CheckIn, CheckInId, CheckOutcome, Edit, Label};
use yew::prelude::*;

const OUTCOMES: [CheckOutcome; 3] = [
    CheckOutcome::Kept,
    CheckOutcome::NotKept,
    CheckOutcome::Missed,
];

/// How many logged check-ins the panel lists (newest first).
const RECENT: usize = 8;

#[derive(Clone, PartialEq)]
struct Draft {
    agreement: Option<AgreementId>,
    date: String,
    outcome: CheckOutcome,
    step: Option<u16>,
    note: String,
}

/// Log a check of an agreement and list the recent ones.
#[function_component]
pub fn CheckInSection() -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let first = state.plan.agreements().first().map(|a| a.id);
    let today = state.today;
    let draft = use_state(|| Draft {
        agreement: first,
        date: format_date(today),
        outcome: CheckOutcome::Kept,
        step: None,
        note: String::new(),
    });
    // The picked agreement may have been removed since.
    let agreement = draft
        .agreement
        .and_then(|id| state.plan.agreement(id))
        .or_else(|| state.plan.agreements().first());
    let change = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let onsubmit = {
        let app = app.clone();
        let draft = draft.clone();
        let agreement = agreement.map(|a| a.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(agreement) = agreement else { return };
            let date = parse_date(&draft.date).unwrap_or(app.today);
            let check_in = CheckIn {
                id: CheckInId(app.plan.next_id::<CheckIn>()),
                agreement,
                check: None,
                by: None,
                date,
                time: None,
                how: None,
                outcome: draft.outcome,
                step: draft.step,
                note: draft.note.trim().to_string(),
            };
            let said = trf(
                app.lang,
                "panel.checkin.logged",
                &[("outcome", draft.outcome.label(app.lang))],
            );
            app.dispatch(Action::EditAnnounced(Edit::add(check_in), said));
            let mut next = (*draft).clone();
            next.note.clear();
            next.step = None;
            draft.set(next);
        })
    };
    let agreement_options: Vec<(String, String)> = state
        .plan
        .agreements()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.id.0.to_string(),
                format!("{}. {}", i + 1, short(&state.shown(&a.text), 50)),
            )
        })
        .collect();
    let outcome_options: Vec<(String, String)> = OUTCOMES
        .iter()
        .map(|o| (o.key().to_string(), o.label(state.lang).to_string()))
        .collect();
    let step_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.checkin.no_step")))
            .chain(agreement.into_iter().flat_map(|a| {
                a.chain.iter().enumerate().map(|(i, s)| {
                    (
                        i.to_string(),
                        trf(
                            state.lang,
                            "panel.checkin.step_option",
                            &[
                                ("letter", &step_letter(i)),
                                ("action", &short(&state.shown(&s.action), 40)),
                            ],
                        ),
                    )
                })
            }))
            .collect();
    let mut recent: Vec<&CheckIn> = state.plan.check_ins().iter().collect();
    skyddsnat_core::sort::by_key(&mut recent, |c| std::cmp::Reverse((c.date, c.id)));
    let total = recent.len();
    recent.truncate(RECENT);
    let number_of = |id: AgreementId| {
        state
            .plan
            .agreement_number(id)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    html! {
        <div class="skn-checkins">
            if !ro && agreement.is_some() {
                <form class="skn-panel-form" {onsubmit}>
                    <fieldset class="skn-group">
                        <legend>{ t(state, "panel.checkin.log") }</legend>
                        <SelectField id={state.dom_id("checkin-agreement")} label={t(state, "panel.checkin.agreement")}
                            options={agreement_options} selected={agreement.map(|a| a.id.0.to_string()).unwrap_or_default()}
                            onselect={change(|d, v| {
                                d.agreement = v.parse().ok().map(AgreementId);
                                d.step = None;
                            })} />
                        <div class="skn-row">
                            <div class="skn-field">
                                <label for={state.dom_id("checkin-date")}>{ t(state, "panel.checkin.date") }</label>
                                <input id={state.dom_id("checkin-date")} class="skn-input" type="date" value={draft.date.clone()}
                                    onchange={{
                                        let cb = change(|d, v| d.date = v);
                                        Callback::from(move |e: Event| cb.emit(event_value(&e)))
                                    }} />
                            </div>
                            <SelectField id={state.dom_id("checkin-outcome")} label={t(state, "panel.checkin.outcome")}
                                options={outcome_options} selected={draft.outcome.key().to_string()}
                                onselect={change(|d, v| {
                                    if let Some(o) = OUTCOMES.into_iter().find(|o| o.key() == v) {
                                        d.outcome = o;
                                    }
                                })} />
                            <SelectField id={state.dom_id("checkin-step")} label={t(state, "panel.checkin.step")}
                                options={step_options}
                                selected={draft.step.map(|s| s.to_string()).unwrap_or_default()}
                                onselect={change(|d, v| d.step = v.parse().ok())} />
                        </div>
                        <div class="skn-field">
                            <label for={state.dom_id("checkin-note")}>{ t(state, "panel.checkin.note") }</label>
                            <input id={state.dom_id("checkin-note")} class="skn-input" type="text" value={draft.note.clone()}
                                oninput={{
                                    let cb = change(|d, v| d.note = v);
                                    Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
                                }} />
                        </div>
                        <button type="submit" class="skn-button">{ t(state, "panel.checkin.save") }</button>
                    </fieldset>
                </form>
            }
            <h3>{ trf(state.lang, "panel.checkin.recent", &[("count", &total.to_string())]) }</h3>
            if recent.is_empty() {
                <p class="skn-muted">{ t(state, "panel.checkin.none") }</p>
            } else {
                <ul class="skn-checkin-list">
                    { for recent.iter().map(|c| {
                        let remove = {
                            let app = app.clone();
                            let id = c.id;
                            Callback::from(move |_: MouseEvent| {
                                app.dispatch(Action::Edit(Edit::remove::<CheckIn>(id)));
                            })
                        };
                        let line = trf(state.lang, "panel.checkin.line", &[
                            ("date", &format_date(c.date)),
                            ("n", &number_of(c.agreement)),
                            ("outcome", c.outcome.label(state.lang)),
                        ]);
                        html! {
                            <li key={c.id.0} class={classes!("skn-checkin", outcome_class(c.outcome))}>
                                <span aria-hidden="true">{ outcome_icon(c.outcome) }{ " " }</span>
                                <span>{ line.clone() }</span>
                                if let Some(s) = c.step {
                                    <span>{ " · " }{ trf(state.lang, "panel.checkin.used_step",
                                        &[("letter", &step_letter(usize::from(s)))]) }</span>
                                }
                                if !c.note.is_empty() {
                                    <span class="skn-muted">{ " · " }{ c.note.clone() }</span>
                                }
                                if !ro {
                                    <IconButton icon="✕" onclick={remove}
                                        label={trf(state.lang, "panel.remove_named", &[("what", &line)])} />
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

fn outcome_icon(o: CheckOutcome) -> &'static str {
    match o {
        CheckOutcome::Kept => "✓",
        CheckOutcome::NotKept => "✗",
        CheckOutcome::NoAnswer | CheckOutcome::Unreachable => "!",
        CheckOutcome::Missed => "?",
    }
}

fn outcome_class(o: CheckOutcome) -> &'static str {
    match o {
        CheckOutcome::Kept => "skn-outcome-kept",
        CheckOutcome::NotKept | CheckOutcome::NoAnswer | CheckOutcome::Unreachable => {
            "skn-outcome-not-kept"
        }
        CheckOutcome::Missed => "skn-outcome-missed",
    }
}
