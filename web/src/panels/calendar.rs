//! The check-in calendar: the checks of the coming two weeks day by day (who
//! checks what, how and when), the overdue ones marked, and the contingency
//! steps that are due now. All of it computed by `core::schedule`. Checks
//! outside office hours say so; today's and the overdue ones can be logged
//! from their line.

use super::checkins::QuickLog;
use super::common::*;
use crate::state::{t, use_app, AppState};
use skyddsnat_core::analysis::schedule::{due_step, overdue, upcoming, DueCheck};
use skyddsnat_core::document::plan::step_letter;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{AgreementId, Label};
use yew::prelude::*;

/// How many days ahead the calendar shows (today included).
pub const DAYS_AHEAD: u32 = 14;

fn agreement_number(state: &AppState, id: AgreementId) -> String {
    state
        .plan
        .agreement_number(id)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// "at 19:00: Birgitta – calls – agreement 1".
fn line(state: &AppState, d: &DueCheck) -> String {
    let text = trf(
        state.lang,
        "panel.calendar.line",
        &[
            ("slot", &d.slot.label(state.lang)),
            ("names", &names(state, &d.by)),
            ("method", d.method.label(state.lang)),
            ("n", &agreement_number(state, d.agreement)),
        ],
    );
    if d.outside_office_hours(&state.plan) {
        format!("{text} · {}", t(state, "panel.calendar.out_of_hours"))
    } else {
        text
    }
}

/// A check's line, with the buttons that log it when it is today's or overdue.
fn item(state: &AppState, d: &DueCheck, loggable: bool) -> Html {
    let text = line(state, d);
    html! {
        <>
            { text.clone() }
            if loggable {
                { " " }
                <QuickLog agreement={d.agreement} check={d.check} date={d.date}
                    what={format!("{} {}", format_date(d.date), text)} />
            }
        </>
    }
}

/// The calendar of checks.
#[function_component]
pub fn CheckCalendar() -> Html {
    let app = use_app();
    let state = &*app;
    let late = overdue(&state.plan, state.today);
    let coming = upcoming(&state.plan, state.today, DAYS_AHEAD);
    let due_steps: Vec<(usize, String)> = state
        .plan
        .agreements()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let step = due_step(&state.plan, a.id, state.today)?;
            let s = a.chain.get(step)?;
            Some((
                i + 1,
                trf(
                    state.lang,
                    "panel.agreement.due_step",
                    &[
                        ("letter", &step_letter(step)),
                        ("names", &names(state, &s.people)),
                        ("action", &short(&state.shown(&s.action), 80)),
                    ],
                ),
            ))
        })
        .collect();
    // Group the coming checks by day, keeping the core's order.
    let mut days: Vec<(skyddsnat_core::Date, Vec<&DueCheck>)> = Vec::new();
    for d in &coming {
        match days.last_mut() {
            Some((day, list)) if *day == d.date => list.push(d),
            _ => days.push((d.date, vec![d])),
        }
    }
    html! {
        <div class="skn-calendar">
            if !due_steps.is_empty() {
                <ul class="skn-plain-list">
                    { for due_steps.into_iter().map(|(n, text)| html! {
                        <li class="skn-due">
                            <span aria-hidden="true">{ "⚠ " }</span>
                            { trf(state.lang, "panel.calendar.agreement", &[("n", &n.to_string())]) }
                            { ": " }{ text }
                        </li>
                    }) }
                </ul>
            }
            <h4>{ trf(state.lang, "panel.calendar.overdue", &[("count", &late.len().to_string())]) }</h4>
            if late.is_empty() {
                <p class="skn-muted">{ t(state, "panel.calendar.none_overdue") }</p>
            } else {
                <ul class="skn-plain-list skn-overdue-list">
                    { for late.iter().map(|d| html! {
                        <li class="skn-overdue">
                            <span aria-hidden="true">{ "⚠ " }</span>
                            <strong>{ t(state, "panel.calendar.overdue_label") }</strong>
                            { " " }{ format_date(d.date) }{ " · " }{ item(state, d, true) }
                        </li>
                    }) }
                </ul>
            }
            <h4>{ t(state, "panel.calendar.coming") }</h4>
            if days.is_empty() {
                <p class="skn-muted">{ t(state, "panel.calendar.none") }</p>
            } else {
                <ol class="skn-plain-list skn-calendar-days">
                    { for days.iter().map(|(day, list)| html! {
                        <li class="skn-calendar-day">
                            <h5 class="skn-calendar-date">
                                { day.weekday().label(state.lang) }{ " " }{ format_date(*day) }
                                if *day == state.today {
                                    { " · " }{ t(state, "panel.calendar.today") }
                                }
                            </h5>
                            <ul class="skn-calendar-checks">
                                { for list.iter().map(|d| html! {
                                    <li>{ item(state, d, d.date == state.today) }</li>
                                }) }
                            </ul>
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}
