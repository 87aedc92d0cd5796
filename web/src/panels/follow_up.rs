//! The follow-up tab: the network meetings held, the review dates, and the
//! short follow-up questionnaires (child, parent, network, professional)
//! answered on a five-face scale with words.

use super::calendar::CheckCalendar;
use super::checkins::ReviewsSection;
use super::common::*;
use super::findings::use_findings;
use crate::state::{t, use_app, Action, AppState};
use skyddsnat_core::i18n::trf;
use skyddsnat_core::labels::format_date;
use skyddsnat_core::{Edit, FollowUp, FollowUpAnswer, FollowUpId, Label, PersonId, Respondent};
use yew::prelude::*;

/// The built-in questions, by their stable key (kept in the file).
pub const QUESTIONS: [&str; 4] = [
    "feels_safe",
    "plan_helps",
    "listened_to",
    "knows_who_to_call",
];

const RESPONDENTS: [Respondent; 4] = [
    Respondent::Child,
    Respondent::Parent,
    Respondent::Network,
    Respondent::Professional,
];

/// The five faces, 0 (not at all) to 4 (very much): a face and a word each.
const FACES: u8 = 5;

/// A face drawn in SVG (no emoji font needed): the mouth bends from a frown
/// at 0 to a smile at 4. Decorative: the word beside it carries the meaning.
fn face(value: u8) -> Html {
    let bend = 10 + 3 * u32::from(value.min(FACES - 1));
    html! {
        <svg class="skn-face-svg" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="10.5" class="skn-face-head" />
            <circle cx="8.5" cy="9.5" r="1.4" class="skn-face-eye" />
            <circle cx="15.5" cy="9.5" r="1.4" class="skn-face-eye" />
            <path d={format!("M7 16 Q12 {bend} 17 16")} class="skn-face-mouth" />
        </svg>
    }
}

fn face_word(state: &AppState, value: u8) -> String {
    t(state, &format!("panel.followup.face.{value}"))
}

/// The question as this respondent reads it (the child's version is simpler).
fn question_text(state: &AppState, key: &str, respondent: Respondent) -> String {
    let who = if respondent == Respondent::Child {
        "child"
    } else {
        "adult"
    };
    t(state, &format!("panel.followup.q.{key}.{who}"))
}

/// The follow-up tab.
#[function_component]
pub fn FollowUpPanel() -> Html {
    let app = use_app();
    let state = &*app;
    let findings = (*use_findings()).clone();
    let mut meetings: Vec<_> = state.plan.meetings().iter().collect();
    meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
    let mut follow_ups: Vec<&FollowUp> = state.plan.follow_ups().iter().collect();
    follow_ups.sort_by_key(|f| std::cmp::Reverse((f.date, f.id)));
    html! {
        <section class="skn-panel skn-followup-panel" aria-labelledby={state.dom_id("followup-title")}>
            <h2 id={state.dom_id("followup-title")} class="skn-panel-title">{ t(state, "panel.followup.title") }</h2>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-meetings")}>
                <h3 id={state.dom_id("followup-meetings")}>{ t(state, "panel.followup.meetings") }</h3>
                if meetings.is_empty() {
                    <p class="skn-muted">{ t(state, "panel.followup.no_meetings") }</p>
                } else {
                    <ul class="skn-plain-list">
                        { for meetings.iter().map(|m| html! {
                            <li key={m.id.0}>
                                <strong>{ format_date(m.date) }</strong>
                                { " · " }
                                { trf(state.lang, "panel.followup.participants",
                                    &[("count", &m.participants.len().to_string())]) }
                                if !m.note.trim().is_empty() {
                                    <span class="skn-muted">{ " · " }{ m.note.clone() }</span>
                                }
                            </li>
                        }) }
                    </ul>
                }
            </section>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-calendar")}>
                <h3 id={state.dom_id("followup-calendar")}>{ t(state, "panel.calendar.title") }</h3>
                <CheckCalendar />
            </section>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-reviews")}>
                <h3 id={state.dom_id("followup-reviews")}>{ t(state, "panel.section.reviews") }</h3>
                <ReviewsSection findings={findings} />
            </section>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-forms")}>
                <h3 id={state.dom_id("followup-forms")}>{ t(state, "panel.followup.forms") }</h3>
                if !state.readonly {
                    <FollowUpForm />
                }
                <h4>{ trf(state.lang, "panel.followup.recorded", &[("count", &follow_ups.len().to_string())]) }</h4>
                if follow_ups.is_empty() {
                    <p class="skn-muted">{ t(state, "panel.followup.none") }</p>
                } else {
                    <ul class="skn-plain-list">
                        { for follow_ups.iter().map(|f| html! {
                            <FollowUpItem key={f.id.0} follow_up={(*f).clone()} />
                        }) }
                    </ul>
                }
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    follow_up: FollowUp,
}

#[function_component]
fn FollowUpItem(props: &ItemProps) -> Html {
    let app = use_app();
    let state = &*app;
    let f = &props.follow_up;
    let remove = {
        let app = app.clone();
        let id = f.id;
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Edit(Edit::remove::<FollowUp>(id)));
        })
    };
    let who = f.person.map(|p| display_name(state, p));
    let title = match &who {
        Some(w) => format!(
            "{} · {} · {w}",
            format_date(f.date),
            f.respondent.label(state.lang)
        ),
        None => format!(
            "{} · {}",
            format_date(f.date),
            f.respondent.label(state.lang)
        ),
    };
    html! {
        <li class="skn-followup">
            <article class="skn-group">
                <h5 class="skn-followup-title">{ title.clone() }</h5>
                <dl class="skn-followup-answers">
                    { for f.answers.iter().map(|a| html! {
                        <>
                            <dt>{ question_text(state, &a.question, f.respondent) }</dt>
                            <dd>
                                if let Some(v) = a.value.filter(|v| *v < FACES) {
                                    { face(v) }
                                    { trf(state.lang, "panel.followup.answer",
                                        &[("word", &face_word(state, v)), ("value", &v.to_string())]) }
                                } else {
                                    <span class="skn-muted">{ t(state, "panel.followup.unanswered") }</span>
                                }
                                if !a.text.trim().is_empty() {
                                    { " — " }{ a.text.clone() }
                                }
                            </dd>
                        </>
                    }) }
                </dl>
                if !f.comment.trim().is_empty() {
                    <p>{ f.comment.clone() }</p>
                }
                if !state.readonly {
                    <button type="button" class="skn-button skn-button--small" onclick={remove}>
                        { trf(state.lang, "panel.remove_named", &[("what", &title)]) }
                    </button>
                }
            </article>
        </li>
    }
}

#[derive(Clone, PartialEq)]
struct Draft {
    respondent: Respondent,
    person: Option<PersonId>,
    date: String,
    answers: [Option<u8>; 4],
    comment: String,
}

/// Recording one filled-in questionnaire.
#[function_component]
fn FollowUpForm() -> Html {
    let app = use_app();
    let state = &*app;
    let today = format_date(state.today);
    let draft = use_state(move || Draft {
        respondent: Respondent::Parent,
        person: None,
        date: today,
        answers: [None; 4],
        comment: String::new(),
    });
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
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let d = (*draft).clone();
            let follow_up = FollowUp {
                id: FollowUpId(app.plan.next_id::<FollowUp>()),
                date: parse_date(&d.date).unwrap_or(app.today),
                respondent: d.respondent,
                person: d.person,
                answers: QUESTIONS
                    .iter()
                    .zip(d.answers)
                    .map(|(q, value)| FollowUpAnswer {
                        question: (*q).to_string(),
                        value,
                        text: String::new(),
                    })
                    .collect(),
                comment: d.comment.trim().to_string(),
            };
            let said = t(&app, "panel.followup.saved");
            app.dispatch(Action::EditAnnounced(Edit::add(follow_up), said));
            draft.set(Draft {
                answers: [None; 4],
                comment: String::new(),
                ..d
            });
        })
    };
    let respondent_options: Vec<(String, String)> = RESPONDENTS
        .iter()
        .map(|r| (r.key().to_string(), r.label(state.lang).to_string()))
        .collect();
    let person_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.followup.anonymous")))
            .chain(
                pickable(&state.plan, true)
                    .into_iter()
                    .map(|p| (p.0.to_string(), display_name(state, p))),
            )
            .collect();
    html! {
        <form class="skn-panel-form skn-followup-form" {onsubmit}>
            <div class="skn-row">
                <SelectField id={state.dom_id("followup-respondent")} label={t(state, "panel.followup.respondent")}
                    options={respondent_options} selected={draft.respondent.key().to_string()}
                    onselect={change(|d, v| {
                        if let Some(r) = RESPONDENTS.into_iter().find(|r| r.key() == v) {
                            d.respondent = r;
                        }
                    })} />
                <SelectField id={state.dom_id("followup-person")} label={t(state, "panel.followup.person")}
                    options={person_options}
                    selected={draft.person.map(|p| p.0.to_string()).unwrap_or_default()}
                    onselect={change(|d, v| d.person = v.parse().ok().map(PersonId))} />
                <div class="skn-field">
                    <label for={state.dom_id("followup-date")}>{ t(state, "panel.followup.date") }</label>
                    <input id={state.dom_id("followup-date")} class="skn-input" type="date" value={draft.date.clone()}
                        onchange={{
                            let cb = change(|d, v| d.date = v);
                            Callback::from(move |e: Event| cb.emit(event_value(&e)))
                        }} />
                </div>
            </div>
            { for QUESTIONS.iter().enumerate().map(|(qi, key)| {
                let name = state.dom_id(&format!("followup-q{qi}"));
                html! {
                    <fieldset class="skn-group skn-faces">
                        <legend>{ question_text(state, key, draft.respondent) }</legend>
                        { for (0..FACES).map(|v| {
                            let id = format!("{name}-{v}");
                            let onchange = {
                                let draft = draft.clone();
                                Callback::from(move |_: Event| {
                                    let mut next = (*draft).clone();
                                    next.answers[qi] = Some(v);
                                    draft.set(next);
                                })
                            };
                            html! {
                                <span class="skn-face">
                                    <input type="radio" id={id.clone()} name={name.clone()}
                                        value={v.to_string()} checked={draft.answers[qi] == Some(v)} {onchange} />
                                    <label for={id}>
                                        { face(v) }
                                        <span class="skn-face-word">{ face_word(state, v) }</span>
                                    </label>
                                </span>
                            }
                        }) }
                    </fieldset>
                }
            }) }
            <div class="skn-field">
                <label for={state.dom_id("followup-comment")}>{ t(state, "panel.followup.comment") }</label>
                <textarea id={state.dom_id("followup-comment")} class="skn-input" rows="2" value={draft.comment.clone()}
                    oninput={{
                        let cb = change(|d, v| d.comment = v);
                        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
                    }} />
            </div>
            <button type="submit" class="skn-button">{ t(state, "panel.followup.save") }</button>
        </form>
    }
}
