//! The scaling tab: questions 0–10, every participant's answer at today's
//! meeting, and each person's earlier answers as a small trend.

use super::common::*;
use super::findings::{use_findings, FindingList, Findings};
use crate::state::{t, use_app, Action, AppState};
use skyddsnat_core::analysis::validate::Location;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::papers::escape::num;
use skyddsnat_core::{
    Edit, Meeting, MeetingId, MeetingStatus, PersonId, ScaleAnswer, ScaleId, ScaleQuestion, Score,
};
use yew::prelude::*;

/// The meeting whose answers are being recorded: today's, else the latest.
fn current_meeting(state: &AppState) -> Option<&Meeting> {
    state
        .plan
        .meetings()
        .iter()
        .find(|m| m.date == state.today && m.is_held())
        .or_else(|| state.plan.latest_meeting())
}

/// The scaling tab.
#[function_component]
pub fn ScalePanel() -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let findings = (*use_findings()).clone();
    let current = current_meeting(state).cloned();
    let has_today = state
        .plan
        .meetings()
        .iter()
        .any(|m| m.date == state.today && m.is_held());
    let start = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            // The same people usually come again: start from the last list.
            let participants = app
                .plan
                .latest_meeting()
                .map(|m| m.participants.clone())
                .unwrap_or_default();
            let said = trf(
                app.lang,
                "panel.scale.meeting_started",
                &[("date", &format_date(app.today))],
            );
            // A meeting planned for today is the one that starts; its
            // invitations are the first guess of who came.
            let planned = app
                .plan
                .meetings()
                .iter()
                .find(|m| m.date == app.today && m.status == MeetingStatus::Planned)
                .cloned();
            let edit = match planned {
                Some(mut m) => {
                    m.status = MeetingStatus::Held;
                    if m.participants.is_empty() {
                        m.participants = if m.invited.is_empty() {
                            participants
                        } else {
                            m.invited.clone()
                        };
                    }
                    Edit::update(m)
                }
                None => Edit::add(Meeting {
                    participants,
                    ..Meeting::held(MeetingId(app.plan.next_id::<Meeting>()), app.today)
                }),
            };
            app.dispatch(Action::EditAnnounced(edit, said));
        })
    };
    let scaling: Vec<_> = findings
        .at(Location::Plan)
        .into_iter()
        .filter(|f| f.key == "no_scaling")
        .collect();
    html! {
        <section class="skn-panel skn-scale-panel" aria-labelledby={state.dom_id("scale-title")}>
            <h2 id={state.dom_id("scale-title")} class="skn-panel-title">{ t(state, "panel.scale.title") }</h2>
            <FindingList items={scaling} />
            <p class="skn-meeting-line">
                if let Some(m) = &current {
                    { trf(state.lang, "panel.scale.recording", &[("date", &format_date(m.date))]) }
                } else {
                    { t(state, "panel.scale.no_meeting") }
                }
            </p>
            if !has_today && !ro {
                <button type="button" class="skn-button" id={state.dom_id("scale-start")} onclick={start}>
                    { trf(state.lang, "panel.scale.start_meeting", &[("date", &format_date(state.today))]) }
                </button>
            }
            <ol class="skn-scale-list">
                { for state.plan.scales().iter().enumerate().map(|(i, q)| html! {
                    <ScaleEditor key={q.id.0} question={q.clone()} number={i + 1}
                        meeting={current.clone()} findings={findings.clone()} />
                }) }
            </ol>
            if !ro {
                <AddScale />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ScaleProps {
    question: ScaleQuestion,
    number: usize,
    meeting: Option<Meeting>,
    findings: Findings,
}

/// Everyone whose answer belongs in the table: the meeting's participants,
/// then anyone who answered this question before, in network order.
fn respondents(state: &AppState, q: &ScaleQuestion, meeting: Option<&Meeting>) -> Vec<PersonId> {
    let mut ids: Vec<PersonId> = meeting.map(|m| m.participants.clone()).unwrap_or_default();
    for a in &q.answers {
        if !ids.contains(&a.person) {
            ids.push(a.person);
        }
    }
    let order = pickable(&state.plan, true);
    skyddsnat_core::sort::by_key(&mut ids, |id| {
        order.iter().position(|p| p == id).unwrap_or(usize::MAX)
    });
    ids
}

#[function_component]
fn ScaleEditor(props: &ScaleProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let q = &props.question;
    let base = state.dom_id(&format!("scale-{}", q.id));
    let set = |f: fn(&mut ScaleQuestion, String)| {
        let app = app.clone();
        let q = q.clone();
        Callback::from(move |v: String| {
            let mut next = q.clone();
            f(&mut next, v);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let mut meetings: Vec<&Meeting> = state.plan.meetings().iter().collect();
    skyddsnat_core::sort::by_key(&mut meetings, |m| (m.date, m.id));
    let people = respondents(state, q, props.meeting.as_ref());
    let remove = {
        let app = app.clone();
        let id = q.id;
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Edit(Edit::remove::<ScaleQuestion>(id)));
        })
    };
    let n = props.number.to_string();
    html! {
        <li class="skn-scale">
            <fieldset class="skn-group">
                <legend>{ trf(state.lang, "panel.scale.legend", &[("n", &n)]) }</legend>
                <FindingList items={props.findings.at(Location::Scale(q.id))} />
                <TextField id={format!("{base}-question")} label={t(state, "panel.scale.question")}
                    multiline=true value={q.question.clone()} disabled={ro}
                    oncommit={set(|q, v| q.question = v.trim().to_string())} />
                <div class="skn-row">
                    <TextField id={format!("{base}-low")} label={t(state, "panel.scale.low")}
                        value={q.low.clone()} disabled={ro}
                        oncommit={set(|q, v| q.low = v.trim().to_string())} />
                    <TextField id={format!("{base}-high")} label={t(state, "panel.scale.high")}
                        value={q.high.clone()} disabled={ro}
                        oncommit={set(|q, v| q.high = v.trim().to_string())} />
                </div>
                if let Some(m) = &props.meeting {
                    <table class="skn-scale-table">
                        <caption class="skn-visually-hidden">
                            { trf(state.lang, "panel.scale.table_caption", &[("date", &format_date(m.date))]) }
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{ t(state, "panel.scale.who") }</th>
                                <th scope="col">{ trf(state.lang, "panel.scale.answer_on", &[("date", &format_date(m.date))]) }</th>
                                <th scope="col">{ t(state, "panel.scale.trend") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for people.iter().map(|p| html! {
                                <AnswerRow question={q.clone()} person={*p} meeting={m.clone()}
                                    meetings={meetings.iter().map(|m| (*m).clone()).collect::<Vec<_>>()} />
                            }) }
                        </tbody>
                    </table>
                    if !ro {
                        <AddRespondent question={q.clone()} meeting={m.clone()} present={people.clone()} />
                    }
                }
                if !ro {
                    <button type="button" class="skn-button skn-button--small skn-button--danger" onclick={remove}>
                        { trf(state.lang, "panel.scale.remove", &[("n", &n)]) }
                    </button>
                }
            </fieldset>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AnswerProps {
    question: ScaleQuestion,
    person: PersonId,
    meeting: Meeting,
    /// All meetings, oldest first.
    meetings: Vec<Meeting>,
}

/// The edit that records (or clears) one person's answer at one meeting, and
/// adds them to the meeting's participants if they were not listed.
pub fn answer_edit(
    q: &ScaleQuestion,
    meeting: &Meeting,
    person: PersonId,
    value: Option<Score>,
) -> Edit {
    let mut next = q.clone();
    next.answers
        .retain(|a| !(a.meeting == meeting.id && a.person == person));
    let mut edits = Vec::new();
    if let Some(value) = value {
        next.answers.push(ScaleAnswer {
            meeting: meeting.id,
            person,
            value,
        });
        if !meeting.participants.contains(&person) {
            let mut m = meeting.clone();
            m.participants.push(person);
            edits.push(Edit::update(m));
        }
    }
    edits.push(Edit::update(next));
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    }
}

#[function_component]
fn AnswerRow(props: &AnswerProps) -> Html {
    let app = use_app();
    let state = &*app;
    let q = &props.question;
    let person = props.person;
    let name = display_name(state, person);
    let answer_at = |m: MeetingId| {
        q.answers
            .iter()
            .find(|a| a.meeting == m && a.person == person)
            .map(|a| a.value)
    };
    let now = answer_at(props.meeting.id);
    let history: Vec<(String, u8)> = props
        .meetings
        .iter()
        .filter_map(|m| answer_at(m.id).map(|v| (format_date(m.date), v.get())))
        .collect();
    let onselect = {
        let app = app.clone();
        let q = q.clone();
        let meeting = props.meeting.clone();
        let name = name.clone();
        Callback::from(move |v: String| {
            let value = v.parse::<u8>().ok().and_then(Score::new);
            let said = match value {
                Some(s) => trf(
                    app.lang,
                    "panel.scale.recorded",
                    &[("name", &name), ("value", &s.get().to_string())],
                ),
                None => trf(app.lang, "panel.scale.cleared", &[("name", &name)]),
            };
            app.dispatch(Action::EditAnnounced(
                answer_edit(&q, &meeting, person, value),
                said,
            ));
        })
    };
    let options: Vec<(String, String)> = std::iter::once((String::new(), "–".to_string()))
        .chain((0..=Score::MAX).map(|v| (v.to_string(), v.to_string())))
        .collect();
    let id = state.dom_id(&format!("scale-{}-p{}", q.id, person));
    let numbers = history
        .iter()
        .map(|(_, v)| v.to_string())
        .collect::<Vec<_>>()
        .join(" → ");
    let spoken = history
        .iter()
        .map(|(d, v)| format!("{d}: {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <tr>
            <th scope="row">{ name.clone() }</th>
            <td>
                <label for={id.clone()} class="skn-visually-hidden">
                    { trf(state.lang, "panel.scale.answer_of", &[("name", &name)]) }
                </label>
                <select id={id} class="skn-input skn-score" disabled={state.readonly}
                    onchange={Callback::from(move |e: Event| onselect.emit(event_value(&e)))}>
                    { for options.iter().map(|(v, text)| html! {
                        <option value={v.clone()}
                            selected={now.map(|s| s.get().to_string()).unwrap_or_default() == *v}>
                            { text.clone() }
                        </option>
                    }) }
                </select>
            </td>
            <td class="skn-trend">
                if history.is_empty() {
                    <span class="skn-muted">{ t(state, "panel.scale.no_answers") }</span>
                } else {
                    { sparkline(&history.iter().map(|(_, v)| *v).collect::<Vec<_>>(), &spoken) }
                    <span class="skn-trend-numbers" title={spoken.clone()}>{ numbers }</span>
                }
            </td>
        </tr>
    }
}

/// A small line of answers over the meetings (0 at the bottom, 10 at the
/// top). The numbers are always shown beside it as text too.
fn sparkline(values: &[u8], spoken: &str) -> Html {
    const W: f64 = 64.0;
    const H: f64 = 20.0;
    const PAD: f64 = 2.0;
    let step = if values.len() > 1 {
        (W - 2.0 * PAD) / (values.len() - 1) as f64
    } else {
        0.0
    };
    let point = |i: usize, v: u8| {
        let x = PAD + step * i as f64;
        let y = H - PAD - (H - 2.0 * PAD) * f64::from(v) / f64::from(Score::MAX);
        (x, y)
    };
    let points = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, *v);
            format!("{},{}", format_args!("{:.1}", x), format_args!("{:.1}", y))
        })
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <svg class="skn-sparkline" viewBox={format!("0 0 {} {}", num(W), num(H))} width="64" height="20"
            role="img" aria-label={spoken.to_string()}>
            <line class="skn-sparkline-base" x1="0" y1={num(H - PAD)} x2={num(W)} y2={num(H - PAD)} />
            if values.len() > 1 {
                <polyline class="skn-sparkline-line" points={points} />
            }
            { for values.iter().enumerate().map(|(i, v)| {
                let (x, y) = point(i, *v);
                html! { <circle class="skn-sparkline-dot" cx={format!("{:.1}", x)} cy={format!("{:.1}", y)} r="2" /> }
            }) }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct AddRespondentProps {
    question: ScaleQuestion,
    meeting: Meeting,
    present: Vec<PersonId>,
}

/// Adds someone to today's table (as a participant of the meeting).
#[function_component]
fn AddRespondent(props: &AddRespondentProps) -> Html {
    let app = use_app();
    let state = &*app;
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.scale.pick_person")))
            .chain(
                pickable(&state.plan, true)
                    .into_iter()
                    .filter(|p| !props.present.contains(p))
                    .map(|p| (p.0.to_string(), display_name(state, p))),
            )
            .collect();
    if options.len() < 2 {
        return html! {};
    }
    let onselect = {
        let app = app.clone();
        let meeting = props.meeting.clone();
        Callback::from(move |v: String| {
            let Ok(n) = v.parse::<u32>() else { return };
            let mut m = meeting.clone();
            if !m.participants.contains(&PersonId(n)) {
                m.participants.push(PersonId(n));
                app.dispatch(Action::Edit(Edit::update(m)));
            }
        })
    };
    html! {
        <SelectField id={state.dom_id(&format!("scale-{}-add-person", props.question.id))}
            label={t(state, "panel.scale.add_person")} {options} selected={String::new()} {onselect} />
    }
}

#[derive(Clone, PartialEq, Default)]
struct Draft {
    question: String,
    low: String,
    high: String,
}

/// A new scaling question: the question and what 0 and 10 mean.
#[function_component]
fn AddScale() -> Html {
    let app = use_app();
    let state = &*app;
    let draft = use_state(Draft::default);
    let input = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            f(&mut next, event_value(&e));
            draft.set(next);
        })
    };
    let onsubmit = {
        let app = app.clone();
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if draft.question.trim().is_empty() {
                return;
            }
            let q = ScaleQuestion {
                id: ScaleId(app.plan.next_id::<ScaleQuestion>()),
                question: draft.question.trim().to_string(),
                low: draft.low.trim().to_string(),
                high: draft.high.trim().to_string(),
                answers: Vec::new(),
            };
            app.dispatch(Action::Edit(Edit::add(q)));
            draft.set(Draft::default());
        })
    };
    html! {
        <form class="skn-panel-form" {onsubmit}>
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.scale.add") }</legend>
                <div class="skn-field">
                    <label for={state.dom_id("scale-new-question")}>{ t(state, "panel.scale.question") }</label>
                    <input id={state.dom_id("scale-new-question")} class="skn-input" type="text"
                        value={draft.question.clone()} oninput={input(|d, v| d.question = v)} />
                </div>
                <div class="skn-row">
                    <div class="skn-field">
                        <label for={state.dom_id("scale-new-low")}>{ t(state, "panel.scale.low") }</label>
                        <input id={state.dom_id("scale-new-low")} class="skn-input" type="text"
                            placeholder={t(state, "panel.scale.low_example")}
                            value={draft.low.clone()} oninput={input(|d, v| d.low = v)} />
                    </div>
                    <div class="skn-field">
                        <label for={state.dom_id("scale-new-high")}>{ t(state, "panel.scale.high") }</label>
                        <input id={state.dom_id("scale-new-high")} class="skn-input" type="text"
                            placeholder={t(state, "panel.scale.high_example")}
                            value={draft.high.clone()} oninput={input(|d, v| d.high = v)} />
                    </div>
                </div>
                <button type="submit" class="skn-button">{ t(state, "panel.scale.add_button") }</button>
            </fieldset>
        </form>
    }
}
