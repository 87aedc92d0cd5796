//! The follow-up tab: closing a meeting and what changed since the last
//! closed one, the network meetings held, the review dates, and the short
//! follow-up questionnaires (child, parent, network, professional) answered
//! on a five-face scale with words.

use super::calendar::CheckCalendar;
use super::common::*;
use super::findings::use_findings;
use super::meetings::MeetingsSection;
use crate::state::{t, use_app, Action, AppState};
use skyddsnat_core::analysis::review::{
    agreement_changes, diff, last_snapshot, scale_trend, Delta, Field, FieldChange, PlanDiff,
    Snapshot,
};
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::map::{display_name_of, hide_names_in};
use skyddsnat_core::{
    Date, Edit, FollowUp, FollowUpAnswer, FollowUpId, Label, Meeting, MeetingId, PersonId, Plan,
    Questionnaire, Respondent,
};
use yew::prelude::*;

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
    t(
        state,
        &Questionnaire::question_key(key, respondent == Respondent::Child),
    )
}

/// The follow-up tab.
#[function_component]
pub fn FollowUpPanel() -> Html {
    let app = use_app();
    let state = &*app;
    let findings = (*use_findings()).clone();
    let mut follow_ups: Vec<&FollowUp> = state.plan.follow_ups().iter().collect();
    skyddsnat_core::sort::by_key(&mut follow_ups, |f| std::cmp::Reverse((f.date, f.id)));
    html! {
        <section class="skn-panel skn-followup-panel" aria-labelledby={state.dom_id("followup-title")}>
            <h2 id={state.dom_id("followup-title")} class="skn-panel-title">{ t(state, "panel.followup.title") }</h2>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-close")}>
                <h3 id={state.dom_id("followup-close")}>{ t(state, "panel.followup.close.title") }</h3>
                <CloseMeeting />
            </section>
            <section class="skn-group skn-changes" aria-labelledby={state.dom_id("followup-changes")}>
                <h3 id={state.dom_id("followup-changes")}>{ t(state, "panel.followup.changes.title") }</h3>
                <MeetingChanges />
            </section>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-calendar")}>
                <h3 id={state.dom_id("followup-calendar")}>{ t(state, "panel.calendar.title") }</h3>
                <CheckCalendar />
            </section>
            <section class="skn-group" aria-labelledby={state.dom_id("followup-meetings")}>
                <h3 id={state.dom_id("followup-meetings")}>{ t(state, "panel.followup.meetings") }</h3>
                <MeetingsSection findings={findings} />
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
    let mut title = format!(
        "{} · {} · {}",
        format_date(f.date),
        f.questionnaire.label(state.lang),
        f.respondent.label(state.lang)
    );
    if let Some(w) = &who {
        title = format!("{title} · {w}");
    }
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
    questionnaire: Questionnaire,
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
        questionnaire: Questionnaire::FollowUp,
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
                questionnaire: d.questionnaire,
                respondent: d.respondent,
                person: d.person,
                answers: d
                    .questionnaire
                    .questions()
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
    let questionnaire_options: Vec<(String, String)> =
        [Questionnaire::FollowUp, Questionnaire::Exit]
            .iter()
            .map(|q| (q.key().to_string(), q.label(state.lang).to_string()))
            .collect();
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
                <SelectField id={state.dom_id("followup-questionnaire")} label={t(state, "panel.followup.questionnaire")}
                    options={questionnaire_options} selected={draft.questionnaire.key().to_string()}
                    onselect={change(|d, v| {
                        if let Some(q) = [Questionnaire::FollowUp, Questionnaire::Exit].into_iter().find(|q| q.key() == v) {
                            d.questionnaire = q;
                            d.answers = [None; 4];
                        }
                    })} />
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
            { for draft.questionnaire.questions().iter().enumerate().map(|(qi, key)| {
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
                <label for={state.dom_id("followup-comment")}>{ t(state, match draft.questionnaire {
                    Questionnaire::FollowUp => "panel.followup.comment",
                    Questionnaire::Exit => "panel.followup.better",
                }) }</label>
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

/// The meeting "Close meeting" closes: today's, or else the latest (the
/// same meeting the scaling tab records answers for).
fn meeting_to_close(state: &AppState) -> Option<Meeting> {
    let plan = &state.plan;
    plan.meetings()
        .iter()
        .find(|m| m.date == state.today && m.is_held())
        .or_else(|| plan.latest_meeting())
        .cloned()
}

/// "Close meeting": a deliberate step with a question that says what it
/// does. Closing keeps the plan as it stands as the meeting's snapshot (one
/// undoable edit); the next meeting then sees what changed since.
#[function_component]
fn CloseMeeting() -> Html {
    let app = use_app();
    let state = &*app;
    let question = crate::dialog::use_question();
    let closed: Vec<String> = state
        .plan
        .snapshots()
        .iter()
        .map(|s| format_date(s.date))
        .collect();
    let list = if closed.is_empty() {
        html! { <p class="skn-muted">{ t(state, "panel.followup.close.none_closed") }</p> }
    } else {
        html! { <p>{ trf(state.lang, "panel.followup.close.closed_list", &[("dates", &closed.join(", "))]) }</p> }
    };
    if state.readonly {
        return list;
    }
    let Some(meeting) = meeting_to_close(state) else {
        return html! {
            <>
                { list }
                <p class="skn-muted">{ t(state, "panel.followup.close.no_meeting") }</p>
            </>
        };
    };
    let date = format_date(meeting.date);
    let already = state
        .plan
        .snapshots()
        .iter()
        .any(|s| s.meeting == meeting.id);
    let close = {
        let app = app.clone();
        let done = question.close.clone();
        let date = date.clone();
        let id = meeting.id;
        Callback::from(move |_: MouseEvent| {
            done.emit(());
            match app.plan.close_meeting(id) {
                Ok(edit) => {
                    let said = trf(app.lang, "panel.followup.close.done", &[("date", &date)]);
                    app.dispatch(Action::EditAnnounced(edit, said));
                }
                Err(e) => app.dispatch(Action::Announce(e.message(app.lang))),
            }
        })
    };
    let question_id = state.dom_id("close-question");
    html! {
        <>
            { list }
            if question.open {
                <div class="skn-confirm skn-confirm--calm" role="group" aria-labelledby={question_id.clone()}
                    onkeydown={question.on_keydown}>
                    <p id={question_id} class="skn-confirm-question">
                        { trf(state.lang, "panel.followup.close.question", &[("date", &date)]) }
                    </p>
                    <p>{ trf(state.lang, "panel.followup.close.explain", &[("date", &date)]) }</p>
                    if already {
                        <p>{ trf(state.lang, "panel.followup.close.again", &[("date", &date)]) }</p>
                    }
                    <p class="skn-muted">{ t(state, "panel.followup.close.undo") }</p>
                    <div class="skn-button-row">
                        <button type="button" class="skn-button skn-button--primary" ref={question.confirm}
                            id={state.dom_id("close-confirm")} onclick={close}>
                            { t(state, "panel.followup.close.confirm") }
                        </button>
                        <button type="button" class="skn-button" onclick={question.cancel}>
                            { t(state, "panel.cancel") }
                        </button>
                    </div>
                </div>
            } else {
                <button type="button" class="skn-button" id={state.dom_id("close-meeting")} onclick={question.ask}>
                    { trf(state.lang, "panel.followup.close.button", &[("date", &date)]) }
                </button>
            }
        </>
    }
}

/// A name from either version of the plan, hidden when names are: someone
/// removed since the snapshot is named (or not) from the snapshot.
fn name_in(state: &AppState, plan: &Plan, id: PersonId) -> String {
    if plan.person(id).is_some() || plan.child(id).is_some() {
        display_name_of(plan, id, state.hide_names)
    } else {
        state.name(id)
    }
}

/// A free text from either version, with the names of both hidden when
/// names are.
fn text_in(state: &AppState, before: &Plan, text: &str) -> String {
    if state.hide_names {
        hide_names_in(before, &hide_names_in(&state.plan, text))
    } else {
        text.to_string()
    }
}

/// "What changed since the last meeting": people, agreements field by field
/// (before → after), contingency steps, everything else counted, and every
/// participant's scaling answers meeting by meeting, as text.
#[function_component]
fn MeetingChanges() -> Html {
    let app = use_app();
    let state = &*app;
    // Which closed meeting to compare with; by default the latest.
    let chosen = use_state(|| None::<MeetingId>);
    let snapshots = state.plan.snapshots();
    let Some(latest) = last_snapshot(&state.plan) else {
        return html! { <p class="skn-muted">{ t(state, "panel.followup.changes.none_closed") }</p> };
    };
    let snap: &Snapshot = chosen
        .and_then(|m| snapshots.iter().find(|s| s.meeting == m))
        .unwrap_or(latest);
    let changes = diff(&snap.plan, &state.plan);
    let since = format_date(snap.date);
    let select_id = state.dom_id("changes-since");
    let compare = if snapshots.len() > 1 {
        let onchange = {
            let chosen = chosen.clone();
            Callback::from(move |e: Event| {
                chosen.set(event_value(&e).parse::<u32>().ok().map(MeetingId));
            })
        };
        html! {
            <div class="skn-field">
                <label for={select_id.clone()}>{ t(state, "panel.followup.changes.compare") }</label>
                <select id={select_id} class="skn-input" {onchange}>
                    { for snapshots.iter().rev().map(|s| html! {
                        <option value={s.meeting.0.to_string()} selected={s.meeting == snap.meeting}>
                            { format_date(s.date) }
                        </option>
                    }) }
                </select>
            </div>
        }
    } else {
        html! {}
    };
    html! {
        <div class="skn-changes-body">
            { compare }
            <p id={state.dom_id("changes-summary")}>
                { if changes.is_empty() {
                    trf(state.lang, "panel.followup.changes.nothing", &[("date", &since)])
                } else {
                    trf(state.lang, "panel.followup.changes.since", &[("date", &since)])
                } }
            </p>
            { people_changes(state, &snap.plan, &changes) }
            { agreement_section(state, &snap.plan, &changes, &since) }
            { other_changes(state, &snap.plan, &changes) }
            { scaling_table(state, snap) }
        </div>
    }
}

fn people_changes(state: &AppState, before: &Plan, changes: &PlanDiff) -> Html {
    let lang = state.lang;
    let fields = |list: &[Field]| {
        list.iter()
            .map(|f| f.label(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lines: Vec<(&'static str, String)> = changes
        .children
        .iter()
        .chain(changes.people.iter())
        .map(|d| match d {
            Delta::Added(id) => (
                "skn-change--added",
                trf(
                    lang,
                    "panel.followup.changes.added_person",
                    &[("name", &state.name(*id))],
                ),
            ),
            Delta::Removed(id) => (
                "skn-change--removed",
                trf(
                    lang,
                    "panel.followup.changes.removed_person",
                    &[("name", &name_in(state, before, *id))],
                ),
            ),
            Delta::Changed(id, f) => (
                "skn-change--changed",
                trf(
                    lang,
                    "panel.followup.changes.changed_person",
                    &[("name", &state.name(*id)), ("fields", &fields(f))],
                ),
            ),
        })
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <section class="skn-changes-group" aria-labelledby={state.dom_id("changes-people")}>
            <h4 id={state.dom_id("changes-people")}>{ t(state, "panel.followup.changes.people") }</h4>
            <ul class="skn-plain-list skn-changes-list" id={state.dom_id("changes-people-list")}>
                { for lines.into_iter().map(|(class, line)| html! {
                    <li class={classes!("skn-change", class)}><bdi>{ line }</bdi></li>
                }) }
            </ul>
        </section>
    }
}

/// One row of a before → after table.
fn change_row(what: String, c: &FieldChange) -> Html {
    html! {
        <tr>
            <th scope="row">{ what }</th>
            <td dir="auto">{ c.before.clone() }</td>
            <td dir="auto">{ c.after.clone() }</td>
        </tr>
    }
}

fn change_table(state: &AppState, id: &str, since: &str, rows: Vec<Html>) -> Html {
    html! {
        <table class="skn-table skn-changes-table" id={state.dom_id(id)}>
            <thead>
                <tr>
                    <th scope="col">{ t(state, "panel.followup.changes.what") }</th>
                    <th scope="col">{ trf(state.lang, "panel.followup.changes.before", &[("date", since)]) }</th>
                    <th scope="col">{ t(state, "panel.followup.changes.after") }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

fn agreement_section(state: &AppState, before: &Plan, changes: &PlanDiff, since: &str) -> Html {
    let lang = state.lang;
    let number = |id| {
        state
            .plan
            .agreement_number(id)
            .map_or(String::new(), |n| n.to_string())
    };
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    let mut steps = Vec::new();
    for delta in &changes.agreements {
        match delta {
            Delta::Added(id) => {
                let text = state.plan.agreement(*id).map_or("", |a| a.text.as_str());
                lines.push((
                    "skn-change--added",
                    trf(
                        lang,
                        "panel.followup.changes.added_agreement",
                        &[("n", &number(*id)), ("text", &state.shown(text))],
                    ),
                ));
            }
            Delta::Removed(id) => {
                let text = before.agreement(*id).map_or("", |a| a.text.as_str());
                lines.push((
                    "skn-change--removed",
                    trf(
                        lang,
                        "panel.followup.changes.removed_agreement",
                        &[("text", &text_in(state, before, text))],
                    ),
                ));
            }
            Delta::Changed(id, _) => {
                let n = number(*id);
                for c in agreement_changes(before, &state.plan, *id, lang, state.hide_names) {
                    let what = trf(
                        lang,
                        "panel.followup.changes.agreement_field",
                        &[("n", &n), ("field", &c.field.label(lang))],
                    );
                    if matches!(c.field, Field::Step(_)) {
                        steps.push(change_row(what, &c));
                    } else {
                        rows.push(change_row(what, &c));
                    }
                }
            }
        }
    }
    if lines.is_empty() && rows.is_empty() && steps.is_empty() {
        return html! {};
    }
    html! {
        <>
            if !lines.is_empty() || !rows.is_empty() {
                <section class="skn-changes-group" aria-labelledby={state.dom_id("changes-agreements")}>
                    <h4 id={state.dom_id("changes-agreements")}>{ t(state, "panel.followup.changes.agreements") }</h4>
                    if !lines.is_empty() {
                        <ul class="skn-plain-list skn-changes-list">
                            { for lines.into_iter().map(|(class, line)| html! {
                                <li class={classes!("skn-change", class)}><bdi>{ line }</bdi></li>
                            }) }
                        </ul>
                    }
                    if !rows.is_empty() {
                        { change_table(state, "changes-agreements-table", since, rows) }
                    }
                </section>
            }
            if !steps.is_empty() {
                <section class="skn-changes-group" aria-labelledby={state.dom_id("changes-steps")}>
                    <h4 id={state.dom_id("changes-steps")}>{ t(state, "panel.followup.changes.steps") }</h4>
                    { change_table(state, "changes-steps-table", since, steps) }
                </section>
            }
        </>
    }
}

/// Everything but people, agreements and answers, counted (relations,
/// mapping, check-ins…), from the core's sentences.
fn other_changes(state: &AppState, before: &Plan, changes: &PlanDiff) -> Html {
    let rest = PlanDiff {
        children: Vec::new(),
        people: Vec::new(),
        agreements: Vec::new(),
        ..changes.clone()
    };
    let lines = rest.describe(before, &state.plan, state.lang);
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <section class="skn-changes-group" aria-labelledby={state.dom_id("changes-other")}>
            <h4 id={state.dom_id("changes-other")}>{ t(state, "panel.followup.changes.other") }</h4>
            <ul class="skn-plain-list skn-changes-list">
                { for lines.into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </section>
    }
}

/// Each scaling question as a table: one row per person, one column per
/// meeting, the answers as numbers. The compared meeting's column is marked
/// in words, not by colour alone.
fn scaling_table(state: &AppState, snap: &Snapshot) -> Html {
    let plan = &state.plan;
    let mut meetings: Vec<(MeetingId, Date)> =
        plan.meetings().iter().map(|m| (m.id, m.date)).collect();
    skyddsnat_core::sort::by_key(&mut meetings, |&(id, date)| (date, id));
    let tables: Vec<Html> = plan
        .scales()
        .iter()
        .enumerate()
        .filter_map(|(i, q)| {
            let trend = scale_trend(plan, q.id);
            if trend.is_empty() {
                return None;
            }
            let asked: Vec<(MeetingId, Date)> = meetings
                .iter()
                .copied()
                .filter(|(m, _)| trend.iter().any(|(_, pts)| pts.iter().any(|p| p.0 == *m)))
                .collect();
            let caption = trf(
                state.lang,
                "panel.followup.changes.scale_caption",
                &[("n", &(i + 1).to_string()), ("question", &state.shown(&q.question))],
            );
            Some(html! {
                <table class="skn-table skn-scaling-table" id={state.dom_id(&format!("changes-scale-{}", q.id.0))}>
                    <caption><bdi>{ caption }</bdi></caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(state, "panel.followup.changes.person") }</th>
                            { for asked.iter().map(|(m, date)| html! {
                                <th scope="col">
                                    { format_date(*date) }
                                    if *m == snap.meeting {
                                        <span class="skn-compared">{ " " }{ t(state, "panel.followup.changes.compared") }</span>
                                    }
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for trend.iter().map(|(person, points)| html! {
                            <tr>
                                <th scope="row"><bdi>{ state.name(*person) }</bdi></th>
                                { for asked.iter().map(|(m, _)| {
                                    // Two answers at one meeting: the last counts.
                                    match points.iter().rev().find(|p| p.0 == *m) {
                                        Some(p) => html! { <td class="skn-num">{ p.2.to_string() }</td> },
                                        None => html! {
                                            <td class="skn-num" aria-label={t(state, "panel.followup.changes.no_answer")}>{ "–" }</td>
                                        },
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            })
        })
        .collect();
    if tables.is_empty() {
        return html! {};
    }
    html! {
        <section class="skn-changes-group" aria-labelledby={state.dom_id("changes-scaling")}>
            <h4 id={state.dom_id("changes-scaling")}>{ t(state, "panel.followup.changes.scaling") }</h4>
            { for tables }
        </section>
    }
}
