//! The case's meetings: planned ahead (when, where, who is invited, an
//! interpreter), then held (who came and who did not, whether the children
//! took part or were told, the consultant's safety assessment) or cancelled.

use super::common::*;
use super::findings::{FindingList, Findings};
use crate::state::{t, use_app, Action, AppContext};
use skyddsnat_core::analysis::validate::Location;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    Assessment, ChildPart, ChildTakingPart, Edit, Label, Meeting, MeetingId, MeetingStatus,
    PersonId, TimeOfDay, Verdict,
};
use yew::prelude::*;

const PARTS: [ChildPart; 3] = [ChildPart::TookPart, ChildPart::Told, ChildPart::NotTold];
const VERDICTS: [Verdict; 3] = [
    Verdict::StaysHome,
    Verdict::PlacementConsidered,
    Verdict::ReturnPlanned,
];

#[derive(Properties, PartialEq)]
pub struct MeetingsProps {
    pub findings: Findings,
}

/// Applies `change` to a copy of `meeting` and saves it as one edit.
fn edit<T: 'static>(
    app: &AppContext,
    meeting: &Meeting,
    change: impl Fn(&mut Meeting, T) + 'static,
) -> Callback<T> {
    let app = app.clone();
    let meeting = meeting.clone();
    Callback::from(move |value: T| {
        let mut next = meeting.clone();
        change(&mut next, value);
        if next != meeting {
            app.dispatch(Action::Edit(Edit::update(next)));
        }
    })
}

/// The list of meetings in date order and a line to plan the next one.
#[function_component]
pub fn MeetingsSection(props: &MeetingsProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let draft = use_state(|| format_date(state.today.add_days(21)));
    let draft_time = use_state(String::new);
    let mut meetings: Vec<&Meeting> = state.plan.meetings().iter().collect();
    skyddsnat_core::sort::by_key(&mut meetings, |m| (m.date, m.time, m.id));
    let onsubmit = {
        let app = app.clone();
        let draft = draft.clone();
        let draft_time = draft_time.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(date) = parse_date(&draft) else {
                return;
            };
            // The same people are usually invited again.
            let invited = app
                .plan
                .latest_meeting()
                .map(|m| m.participants.clone())
                .unwrap_or_default();
            let meeting = Meeting {
                time: TimeOfDay::parse(&draft_time),
                invited,
                ..Meeting::planned(MeetingId(app.plan.next_id::<Meeting>()), date)
            };
            let said = trf(
                app.lang,
                "panel.meeting.planned_on",
                &[("date", &format_date(date))],
            );
            app.dispatch(Action::EditAnnounced(Edit::add(meeting), said));
        })
    };
    let next = state.plan.next_meeting(state.today).map(|m| m.id);
    html! {
        <div class="skn-meetings">
            <FindingList items={props.findings.at(Location::Plan).into_iter()
                .filter(|f| f.key.starts_with("review")).collect::<Vec<_>>()} />
            <ul class="skn-plain-list">
                { for meetings.iter().map(|m| html! {
                    <li key={m.id.0}>
                        <MeetingItem meeting={(*m).clone()} next={next == Some(m.id)}
                            findings={props.findings.at(Location::Meeting(m.id))} />
                    </li>
                }) }
            </ul>
            if !ro {
                <form class="skn-add-line" {onsubmit}>
                    <label for={state.dom_id("meeting-new")}>{ t(state, "panel.meeting.new") }</label>
                    <input id={state.dom_id("meeting-new")} class="skn-input" type="date" value={(*draft).clone()}
                        onchange={{
                            let draft = draft.clone();
                            Callback::from(move |e: Event| draft.set(event_value(&e)))
                        }} />
                    <label for={state.dom_id("meeting-new-time")}>{ t(state, "panel.meeting.time") }</label>
                    <input id={state.dom_id("meeting-new-time")} class="skn-input" type="time"
                        value={(*draft_time).clone()}
                        onchange={{
                            let draft_time = draft_time.clone();
                            Callback::from(move |e: Event| draft_time.set(event_value(&e)))
                        }} />
                    <button type="submit" class="skn-button skn-button--small">{ t(state, "panel.meeting.add") }</button>
                </form>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MeetingItemProps {
    meeting: Meeting,
    next: bool,
    findings: Vec<skyddsnat_core::analysis::validate::Finding>,
}

/// One meeting: what is known before it, and what it came to.
#[function_component]
fn MeetingItem(props: &MeetingItemProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let m = &props.meeting;
    let base = state.dom_id(&format!("meeting-{}", m.id));
    let date = format_date(m.date);
    let legend = match m.status {
        MeetingStatus::Held => trf(
            state.lang,
            "panel.meeting.legend_held",
            &[
                ("n", &state.plan.meeting_number(m).to_string()),
                ("date", &date),
            ],
        ),
        status => trf(
            state.lang,
            "panel.meeting.legend",
            &[("status", status.label(state.lang)), ("date", &date)],
        ),
    };
    let set_status = |status: MeetingStatus| {
        edit(&app, m, move |m, _: MouseEvent| {
            if status == MeetingStatus::Held && m.participants.is_empty() {
                // Who was invited is the best first guess of who came.
                m.participants = m.invited.clone();
            }
            m.status = status;
        })
    };
    let remove = {
        let app = app.clone();
        let id = m.id;
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Edit(Edit::remove::<Meeting>(id)));
        })
    };
    let absent: Vec<PersonId> = m
        .invited
        .iter()
        .copied()
        .filter(|p| !m.participants.contains(p))
        .collect();
    html! {
        <fieldset class="skn-group skn-meeting">
            <legend>
                { legend }
                if props.next {
                    { " · " }{ t(state, "panel.meeting.next") }
                }
            </legend>
            <FindingList items={props.findings.clone()} />
            <div class="skn-field-row">
                <TextField id={format!("{base}-date")} kind="date" label={t(state, "panel.meeting.date")}
                    value={date.clone()} disabled={ro}
                    oncommit={edit(&app, m, |m, v: String| if let Some(d) = parse_date(&v) { m.date = d; })} />
                <TextField id={format!("{base}-time")} kind="time" label={t(state, "panel.meeting.time")}
                    value={m.time.map(|t| t.to_string()).unwrap_or_default()} disabled={ro}
                    oncommit={edit(&app, m, |m, v: String| m.time = TimeOfDay::parse(&v))} />
            </div>
            <TextField id={format!("{base}-location")} label={t(state, "panel.meeting.location")}
                value={m.location.clone()} disabled={ro}
                oncommit={edit(&app, m, |m, v: String| m.location = v.trim().to_string())} />
            <TextField id={format!("{base}-interpreter")} label={t(state, "panel.meeting.interpreter")}
                placeholder={t(state, "panel.meeting.interpreter_none")}
                value={m.interpreter.clone()} disabled={ro}
                oncommit={edit(&app, m, |m, v: String| m.interpreter = v.trim().to_string())} />
            <PeoplePicker id={format!("{base}-invited")} legend={t(state, "panel.meeting.invited")}
                selected={m.invited.clone()} disabled={ro}
                onchange={edit(&app, m, |m, v: Vec<PersonId>| m.invited = v)} />
            if m.status == MeetingStatus::Held {
                <PeoplePicker id={format!("{base}-came")} legend={t(state, "panel.meeting.came")}
                    selected={m.participants.clone()} disabled={ro}
                    onchange={edit(&app, m, |m, v: Vec<PersonId>| m.participants = v)} />
                <p class="skn-hint">
                    { t(state, "panel.meeting.absent") }{ " " }
                    if absent.is_empty() { { t(state, "panel.nobody") } } else { { names(state, &absent) } }
                </p>
                { for state.plan.children().iter().map(|c| {
                    let chosen = m.children.iter().find(|p| p.child == c.id).map(|p| p.part);
                    let mut options = vec![(String::new(), t(state, "panel.meeting.child_unknown"))];
                    options.extend(PARTS.iter().enumerate()
                        .map(|(i, p)| (i.to_string(), p.label(state.lang).to_string())));
                    let selected = chosen
                        .and_then(|p| PARTS.iter().position(|x| *x == p))
                        .map(|i| i.to_string())
                        .unwrap_or_default();
                    let child = c.id;
                    html! {
                        <SelectField id={format!("{base}-child-{}", c.id)}
                            label={trf(state.lang, "panel.meeting.child", &[("name", &state.name(c.id))])}
                            {options} {selected} disabled={ro}
                            onselect={edit(&app, m, move |m, v: String| {
                                m.children.retain(|p| p.child != child);
                                if let Some(part) = v.parse::<usize>().ok().and_then(|i| PARTS.get(i)) {
                                    m.children.push(ChildTakingPart { child, part: *part });
                                }
                            })} />
                    }
                }) }
                <SelectField id={format!("{base}-verdict")} label={t(state, "panel.meeting.assessment")}
                    options={std::iter::once((String::new(), t(state, "panel.meeting.assessment_none")))
                        .chain(VERDICTS.iter().enumerate().map(|(i, v)| (i.to_string(), v.label(state.lang).to_string())))
                        .collect::<Vec<_>>()}
                    selected={m.assessment.as_ref()
                        .and_then(|a| VERDICTS.iter().position(|v| *v == a.verdict))
                        .map(|i| i.to_string()).unwrap_or_default()}
                    disabled={ro}
                    onselect={edit(&app, m, |m, v: String| {
                        let verdict = v.parse::<usize>().ok().and_then(|i| VERDICTS.get(i)).copied();
                        m.assessment = verdict.map(|verdict| Assessment {
                            verdict,
                            next_steps: m.assessment.take().map(|a| a.next_steps).unwrap_or_default(),
                        });
                    })} />
                if let Some(a) = &m.assessment {
                    <TextField id={format!("{base}-next-steps")} multiline=true
                        label={t(state, "panel.meeting.next_steps")} value={a.next_steps.clone()} disabled={ro}
                        oncommit={edit(&app, m, |m, v: String| {
                            if let Some(a) = &mut m.assessment { a.next_steps = v.trim().to_string(); }
                        })} />
                }
            }
            <TextField id={format!("{base}-note")} label={t(state, "panel.meeting.note")} multiline=true
                value={m.note.clone()} disabled={ro}
                oncommit={edit(&app, m, |m, v: String| m.note = v.trim().to_string())} />
            if !ro {
                <div class="skn-actions">
                    if m.status != MeetingStatus::Held {
                        <button type="button" class="skn-button skn-button--small"
                            onclick={set_status(MeetingStatus::Held)}>{ t(state, "panel.meeting.mark_held") }</button>
                    }
                    if m.status == MeetingStatus::Planned {
                        <button type="button" class="skn-button skn-button--small"
                            onclick={set_status(MeetingStatus::Cancelled)}>{ t(state, "panel.meeting.cancel") }</button>
                    }
                    if m.status == MeetingStatus::Cancelled {
                        <button type="button" class="skn-button skn-button--small"
                            onclick={set_status(MeetingStatus::Planned)}>{ t(state, "panel.meeting.replan") }</button>
                    }
                    <button type="button" class="skn-button skn-button--small" onclick={remove}>
                        { trf(state.lang, "panel.meeting.remove", &[("date", &date)]) }
                    </button>
                </div>
            }
        </fieldset>
    }
}
