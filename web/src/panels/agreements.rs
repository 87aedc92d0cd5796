//! Agreements: the text, who is responsible, who checks how and how often,
//! and the contingency chain A, B, C, D… edited as an ordered list.

use super::checkins::QuickLog;
use super::common::*;
use super::findings::{severity_icon, FindingList, Findings};
use crate::state::{t, use_app, Action, AppContext, AppState, Selection};
use skyddsnat_core::analysis::schedule::due_step;
use skyddsnat_core::analysis::validate::{Part, Severity};
use skyddsnat_core::document::plan::step_letter;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    Agreement, AgreementId, Change, Check, Date, Edit, Frequency, Label, Method, Step, TimeOfDay,
    Weekday,
};
use yew::prelude::*;

/// All agreements; the selected one opens its editor.
#[function_component]
pub fn AgreementsSection(props: &FindingsProp) -> Html {
    let app = use_app();
    let state = &*app;
    let selected = match state.selection {
        Selection::Agreement(id) => Some(id),
        _ => None,
    };
    html! {
        <div class="skn-agreements">
            <ol class="skn-agreement-list">
                { for state.plan.agreements().iter().enumerate().map(|(i, a)| html! {
                    <AgreementCard key={a.id.0} agreement={a.clone()} number={i + 1}
                        selected={selected == Some(a.id)} findings={props.findings.clone()} />
                }) }
            </ol>
            if !state.readonly {
                <AddAgreement />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProp {
    pub findings: Findings,
}

#[derive(Properties, PartialEq)]
struct CardProps {
    agreement: Agreement,
    number: usize,
    selected: bool,
    findings: Findings,
}

/// One edit that replaces the agreement: every change of the editor ends here.
fn update(app: &AppContext, a: Agreement) {
    app.dispatch(Action::Edit(Edit::update(a)));
}

#[function_component]
fn AgreementCard(props: &CardProps) -> Html {
    let app = use_app();
    let state = &*app;
    let a = &props.agreement;
    let id = a.id;
    let toggle = {
        let app = app.clone();
        let selected = props.selected;
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::Select(if selected {
                Selection::None
            } else {
                Selection::Agreement(id)
            }));
        })
    };
    let due = due_step(&state.plan, id, state.today);
    let count = props.findings.count_in_agreement(id);
    let title = if a.text.trim().is_empty() {
        t(state, "panel.agreement.untitled")
    } else {
        short(&state.shown(&a.text), 90)
    };
    html! {
        <li class={classes!("skn-agreement", props.selected.then_some("skn-selected"))}>
            <button type="button" class="skn-agreement-head" aria-pressed={props.selected.to_string()}
                aria-expanded={props.selected.to_string()} onclick={toggle}>
                <span class="skn-agreement-number">{ props.number }{ ". " }</span>
                <span class="skn-agreement-text">{ title }</span>
                <span class="skn-agreement-meta">
                    { trf(state.lang, "panel.agreement.responsible_short",
                        &[("names", &names(state, &a.responsible))]) }
                    if count > 0 {
                        { " · " }
                        <span aria-hidden="true">{ severity_icon(Severity::Warning) }{ " " }</span>
                        { trf(state.lang, "panel.agreement.finding_count", &[("count", &count.to_string())]) }
                    }
                </span>
            </button>
            if let Some(step) = due {
                <DueStep agreement={a.clone()} {step} />
            }
            if props.selected {
                <AgreementEditor agreement={a.clone()} number={props.number}
                    findings={props.findings.clone()} />
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct DueProps {
    agreement: Agreement,
    step: usize,
}

/// The contingency step that is due now, from the check-in log.
#[function_component]
fn DueStep(props: &DueProps) -> Html {
    let app = use_app();
    let state = &*app;
    let Some(s) = props.agreement.chain.get(props.step) else {
        return html! {};
    };
    html! {
        <p class="skn-due" role="status">
            <span aria-hidden="true">{ "⚠ " }</span>
            { trf(state.lang, "panel.agreement.due_step", &[
                ("letter", &step_letter(props.step)),
                ("names", &names(state, &s.people)),
                ("action", &short(&state.shown(&s.action), 80)),
            ]) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    agreement: Agreement,
    number: usize,
    findings: Findings,
}

#[function_component]
fn AgreementEditor(props: &EditorProps) -> Html {
    let app = use_app();
    let state = &*app;
    let a = &props.agreement;
    let ro = state.readonly;
    let base = state.dom_id(&format!("agr-{}", a.id));
    let on_text = {
        let app = app.clone();
        let a = a.clone();
        Callback::from(move |v: String| {
            let mut next = a.clone();
            next.text = v.trim().to_string();
            update(&app, next);
        })
    };
    let on_responsible = {
        let app = app.clone();
        let a = a.clone();
        Callback::from(move |people| {
            let mut next = a.clone();
            next.responsible = people;
            update(&app, next);
        })
    };
    let add_check = {
        let app = app.clone();
        let a = a.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = a.clone();
            next.checks.push(Check {
                by: Vec::new(),
                method: Method::Call,
                when: Frequency::Day,
                time: None,
                note: String::new(),
            });
            update(&app, next);
        })
    };
    html! {
        <div class="skn-agreement-editor" id={format!("{base}-editor")}>
            <FindingList items={props.findings.about_agreement(a.id, Part::Whole)} />
            <TextField id={format!("{base}-text")} label={t(state, "panel.agreement.text")}
                multiline=true value={a.text.clone()} disabled={ro} oncommit={on_text} />
            <PeoplePicker id={format!("{base}-responsible")}
                legend={t(state, "panel.agreement.responsible")}
                selected={a.responsible.clone()} onchange={on_responsible} disabled={ro} />
            <fieldset class="skn-group skn-checks">
                <legend>{ t(state, "panel.agreement.checks") }</legend>
                { for a.checks.iter().enumerate().map(|(i, _)| html! {
                    <CheckEditor agreement={a.clone()} index={i}
                        findings={props.findings.about_agreement(a.id, Part::Check(i))} />
                }) }
                if !ro {
                    <button type="button" class="skn-button" onclick={add_check}>
                        { t(state, "panel.agreement.add_check") }
                    </button>
                }
            </fieldset>
            <ChainEditor agreement={a.clone()} findings={props.findings.clone()} />
            if !ro {
                <RemoveAgreement agreement={a.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CheckProps {
    agreement: Agreement,
    index: usize,
    findings: Vec<skyddsnat_core::analysis::validate::Finding>,
}

/// The kinds of frequency a user picks from, with the value kept in the select.
const FREQ_KINDS: [&str; 7] = [
    "day", "weekday", "weekend", "days", "nth_day", "week", "once",
];

fn freq_kind(f: &Frequency) -> &'static str {
    match f {
        Frequency::Day => "day",
        Frequency::Weekday => "weekday",
        Frequency::Weekend => "weekend",
        Frequency::Days { .. } => "days",
        Frequency::NthDay { .. } => "nth_day",
        Frequency::Week { .. } => "week",
        Frequency::Once { .. } => "once",
    }
}

/// A frequency of the picked kind, keeping what can be kept from the old one.
fn freq_of_kind(kind: &str, old: &Frequency, today: Date) -> Frequency {
    match kind {
        "weekday" => Frequency::Weekday,
        "weekend" => Frequency::Weekend,
        "days" => Frequency::Days {
            days: vec![today.weekday()],
        },
        "nth_day" => Frequency::NthDay { n: 2, from: today },
        "week" => Frequency::Week { times: 1 },
        "once" => Frequency::Once { date: today },
        "day" => Frequency::Day,
        _ => old.clone(),
    }
}

#[function_component]
fn CheckEditor(props: &CheckProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let i = props.index;
    let a = &props.agreement;
    let Some(c) = a.checks.get(i) else {
        return html! {};
    };
    let base = state.dom_id(&format!("agr-{}-check-{i}", a.id));
    // Each control changes one check and commits the whole agreement once.
    let edit = |f: CheckChange| {
        let app = app.clone();
        let a = a.clone();
        Callback::from(move |v: String| {
            let mut next = a.clone();
            if let Some(c) = next.checks.get_mut(i) {
                f(c, v);
            }
            update(&app, next);
        })
    };
    let on_by = {
        let app = app.clone();
        let a = a.clone();
        Callback::from(move |people| {
            let mut next = a.clone();
            if let Some(c) = next.checks.get_mut(i) {
                c.by = people;
            }
            update(&app, next);
        })
    };
    let method_options: Vec<(String, String)> = Method::ALL
        .iter()
        .map(|m| (m.key().to_string(), m.label(state.lang).to_string()))
        .collect();
    let kind_options: Vec<(String, String)> = FREQ_KINDS
        .iter()
        .map(|k| (k.to_string(), t(state, &format!("panel.freq.{k}"))))
        .collect();
    let today = state.today;
    let remove = {
        let app = app.clone();
        let id = a.id;
        // Through the core, so the log's check-ins follow their checks.
        Callback::from(move |_: MouseEvent| match app.plan.remove_check(id, i) {
            Ok(edit) => app.dispatch(Action::Edit(edit)),
            Err(e) => app.dispatch(Action::Notice(Some(e.message(app.lang)))),
        })
    };
    let number = (i + 1).to_string();
    html! {
        <fieldset class="skn-group skn-check-item">
            <legend>{ trf(state.lang, "panel.check.legend", &[("n", &number)]) }
                { " — " }{ c.when.describe(state.lang) }</legend>
            <FindingList items={props.findings.clone()} />
            <PeoplePicker id={format!("{base}-by")} legend={t(state, "panel.check.by")}
                selected={c.by.clone()} onchange={on_by} disabled={ro} />
            <div class="skn-row">
                <SelectField id={format!("{base}-method")} label={t(state, "panel.check.method")}
                    options={method_options} selected={c.method.key().to_string()} disabled={ro}
                    onselect={edit(Box::new(|c, v| {
                        if let Some(m) = Method::ALL.into_iter().find(|m| m.key() == v) {
                            c.method = m;
                        }
                    }))} />
                <SelectField id={format!("{base}-freq")} label={t(state, "panel.check.frequency")}
                    options={kind_options} selected={freq_kind(&c.when).to_string()} disabled={ro}
                    onselect={edit(Box::new(move |c, v| c.when = freq_of_kind(&v, &c.when, today)))} />
                <TextField id={format!("{base}-time")} label={t(state, "panel.check.time")} kind="time"
                    value={c.time.map(|t| t.to_string()).unwrap_or_default()} disabled={ro}
                    oncommit={edit(Box::new(|c, v| c.time = TimeOfDay::parse(v.trim())))} />
            </div>
            { frequency_details(state, &base, c, ro, &edit) }
            <TextField id={format!("{base}-note")} label={t(state, "panel.check.note")}
                value={c.note.clone()} disabled={ro}
                oncommit={edit(Box::new(|c, v| c.note = v.trim().to_string()))} />
            if !ro {
                <p class="skn-check-log">
                    { t(state, "panel.check.log_today") }{ " " }
                    <QuickLog agreement={a.id} check={i} date={today}
                        what={trf(state.lang, "panel.checkin.of_check", &[
                            ("n", &state.plan.agreement_number(a.id).unwrap_or_default().to_string()),
                            ("k", &number),
                        ])} />
                </p>
                <button type="button" class="skn-button skn-button--small" onclick={remove}>
                    { trf(state.lang, "panel.check.remove", &[("n", &number)]) }
                </button>
            }
        </fieldset>
    }
}

/// A change to one check, given the value of the control that changed.
type CheckChange = Box<dyn Fn(&mut Check, String)>;
/// Makes the callback of a control from the change it makes to its check.
type CheckEdit<'a> = dyn Fn(CheckChange) -> Callback<String> + 'a;

/// The controls a frequency needs beyond its kind: which weekdays, every how
/// many days from when, how many times a week, or which date.
fn frequency_details(
    state: &AppState,
    base: &str,
    c: &Check,
    ro: bool,
    edit: &CheckEdit<'_>,
) -> Html {
    match &c.when {
        Frequency::Days { days } => html! {
            <fieldset class="skn-weekdays">
                <legend>{ t(state, "panel.check.weekdays") }</legend>
                { for Weekday::ALL.iter().map(|d| {
                    let d = *d;
                    let on = days.contains(&d);
                    let cb = edit(Box::new(move |c, _| {
                        if let Frequency::Days { days } = &mut c.when {
                            if days.contains(&d) {
                                // At least one day must stay: the core refuses an empty list.
                                if days.len() > 1 {
                                    days.retain(|x| *x != d);
                                }
                            } else {
                                days.push(d);
                                skyddsnat_core::sort::sort(days);
                            }
                        }
                    }));
                    let id = format!("{base}-day-{}", d.index());
                    html! {
                        <span class="skn-weekday">
                            <input type="checkbox" id={id.clone()} checked={on} disabled={ro}
                                onchange={Callback::from(move |_: Event| cb.emit(String::new()))} />
                            <label for={id}>{ d.label(state.lang) }</label>
                        </span>
                    }
                }) }
            </fieldset>
        },
        Frequency::NthDay { n, from } => html! {
            <div class="skn-row">
                <SelectField id={format!("{base}-n")} label={t(state, "panel.check.every_n")}
                    options={(1..=60u8).map(|k| (k.to_string(), k.to_string())).collect::<Vec<_>>()}
                    selected={n.to_string()} disabled={ro}
                    onselect={edit(Box::new(|c, v| {
                        if let (Frequency::NthDay { n, .. }, Ok(k)) = (&mut c.when, v.parse::<u8>()) {
                            *n = k;
                        }
                    }))} />
                <TextField id={format!("{base}-from")} label={t(state, "panel.check.from")} kind="date"
                    value={from.to_string()} disabled={ro}
                    oncommit={edit(Box::new(|c, v| {
                        if let (Frequency::NthDay { from, .. }, Some(d)) = (&mut c.when, parse_date(&v)) {
                            *from = d;
                        }
                    }))} />
            </div>
        },
        Frequency::Week { times } => html! {
            <SelectField id={format!("{base}-times")} label={t(state, "panel.check.times")}
                options={(1..=7u8).map(|k| (k.to_string(), k.to_string())).collect::<Vec<_>>()}
                selected={times.to_string()} disabled={ro}
                onselect={edit(Box::new(|c, v| {
                    if let (Frequency::Week { times }, Ok(k)) = (&mut c.when, v.parse::<u8>()) {
                        *times = k;
                    }
                }))} />
        },
        Frequency::Once { date } => html! {
            <TextField id={format!("{base}-date")} label={t(state, "panel.check.date")} kind="date"
                value={date.to_string()} disabled={ro}
                oncommit={edit(Box::new(|c, v| {
                    if let (Frequency::Once { date }, Some(d)) = (&mut c.when, parse_date(&v)) {
                        *date = d;
                    }
                }))} />
        },
        _ => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct ChainProps {
    agreement: Agreement,
    findings: Findings,
}

/// After a step moved, keep keyboard focus on the same step at its new place.
fn focus_later(id: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(el) = gloo::utils::document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    })
    .forget();
}

/// The contingency chain as an ordered list: plan A is the agreement itself
/// kept as planned, B, C, D… the fallbacks in order.
#[function_component]
fn ChainEditor(props: &ChainProps) -> Html {
    let app = use_app();
    let state = &*app;
    let a = &props.agreement;
    let ro = state.readonly;
    let base = state.dom_id(&format!("agr-{}-step", a.id));
    let len = a.chain.len();
    let add = {
        let app = app.clone();
        let a = a.clone();
        let base = base.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = a.clone();
            next.chain.push(Step {
                people: Vec::new(),
                action: String::new(),
            });
            let new_index = next.chain.len() - 1;
            let said = trf(
                app.lang,
                "panel.step.added",
                &[("letter", &step_letter(new_index))],
            );
            app.dispatch(Action::EditAnnounced(Edit::update(next), said));
            focus_later(format!("{base}-{new_index}-action"));
        })
    };
    html! {
        <fieldset class="skn-group skn-chain">
            <legend>{ t(state, "panel.chain.legend") }</legend>
            <p class="skn-muted">{ t(state, "panel.chain.hint") }</p>
            <ol class="skn-chain-list">
                { for a.chain.iter().enumerate().map(|(i, step)| {
                    let letter = step_letter(i);
                    let mv = |to: usize| {
                        let app = app.clone();
                        let a = a.clone();
                        let base = base.clone();
                        let up = to < i;
                        Callback::from(move |_: MouseEvent| {
                            let mut next = a.clone();
                            if to >= next.chain.len() {
                                return;
                            }
                            next.chain.swap(i, to);
                            let said = trf(app.lang, "panel.step.moved", &[
                                ("from", &step_letter(i)), ("to", &step_letter(to)),
                            ]);
                            app.dispatch(Action::EditAnnounced(Edit::update(next), said));
                            // Follow the step with focus; at the end of the list the
                            // other button is the one still enabled.
                            let edge = if up { to == 0 } else { to + 1 == a.chain.len() };
                            let which = if up != edge { "up" } else { "down" };
                            focus_later(format!("{base}-{to}-{which}"));
                        })
                    };
                    let remove = {
                        let app = app.clone();
                        let a = a.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = a.clone();
                            if i < next.chain.len() {
                                next.chain.remove(i);
                            }
                            let said = trf(app.lang, "panel.step.removed", &[("letter", &step_letter(i))]);
                            app.dispatch(Action::EditAnnounced(Edit::update(next), said));
                        })
                    };
                    let on_people = {
                        let app = app.clone();
                        let a = a.clone();
                        Callback::from(move |people| {
                            let mut next = a.clone();
                            if let Some(s) = next.chain.get_mut(i) {
                                s.people = people;
                            }
                            update(&app, next);
                        })
                    };
                    let on_action = {
                        let app = app.clone();
                        let a = a.clone();
                        Callback::from(move |v: String| {
                            let mut next = a.clone();
                            if let Some(s) = next.chain.get_mut(i) {
                                s.action = v.trim().to_string();
                            }
                            update(&app, next);
                        })
                    };
                    let sid = format!("{base}-{i}");
                    html! {
                        <li class="skn-step" aria-labelledby={format!("{sid}-title")}>
                            <div class="skn-step-head">
                                <h3 id={format!("{sid}-title")} class="skn-step-letter">
                                    { trf(state.lang, "panel.step.title", &[("letter", &letter)]) }
                                    if i == 0 {
                                        <span class="skn-muted">{ " " }{ t(state, "panel.step.plan_a_hint") }</span>
                                    }
                                </h3>
                                if !ro {
                                    <span class="skn-step-buttons">
                                        <button type="button" id={format!("{sid}-up")} class="skn-icon-button"
                                            aria-label={trf(state.lang, "panel.step.move_up", &[("letter", &letter)])}
                                            title={trf(state.lang, "panel.step.move_up", &[("letter", &letter)])}
                                            disabled={i == 0} onclick={mv(i.saturating_sub(1))}>
                                            <span aria-hidden="true">{ "↑" }</span>
                                        </button>
                                        <button type="button" id={format!("{sid}-down")} class="skn-icon-button"
                                            aria-label={trf(state.lang, "panel.step.move_down", &[("letter", &letter)])}
                                            title={trf(state.lang, "panel.step.move_down", &[("letter", &letter)])}
                                            disabled={i + 1 >= len} onclick={mv(i + 1)}>
                                            <span aria-hidden="true">{ "↓" }</span>
                                        </button>
                                        <button type="button" id={format!("{sid}-remove")} class="skn-icon-button"
                                            aria-label={trf(state.lang, "panel.step.remove", &[("letter", &letter)])}
                                            title={trf(state.lang, "panel.step.remove", &[("letter", &letter)])}
                                            onclick={remove}>
                                            <span aria-hidden="true">{ "✕" }</span>
                                        </button>
                                    </span>
                                }
                            </div>
                            <FindingList items={props.findings.about_agreement(a.id, Part::Step(i))} />
                            <PeoplePicker id={format!("{sid}-people")}
                                legend={trf(state.lang, "panel.step.people", &[("letter", &letter)])}
                                selected={step.people.clone()} onchange={on_people} disabled={ro} />
                            <TextField id={format!("{sid}-action")}
                                label={trf(state.lang, "panel.step.action", &[("letter", &letter)])}
                                multiline=true value={step.action.clone()} disabled={ro} oncommit={on_action} />
                        </li>
                    }
                }) }
            </ol>
            if !ro {
                <button type="button" class="skn-button" id={format!("{base}-add")} onclick={add}>
                    { trf(state.lang, "panel.step.add", &[("letter", &step_letter(len))]) }
                </button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct RemoveAgreementProps {
    agreement: Agreement,
}

/// Removing an agreement also removes its logged check-ins (one undo brings
/// both back); the user is told how many first.
#[function_component]
fn RemoveAgreement(props: &RemoveAgreementProps) -> Html {
    let app = use_app();
    let state = &*app;
    let question = crate::dialog::use_question();
    let id: AgreementId = props.agreement.id;
    let logged: Vec<_> = state
        .plan
        .check_ins()
        .iter()
        .filter(|c| c.agreement == id)
        .map(|c| c.id)
        .collect();
    let remove = {
        let app = app.clone();
        let logged = logged.clone();
        Callback::from(move |_: MouseEvent| {
            let mut edits: Vec<Edit> = logged
                .iter()
                .map(|c| Edit::CheckIn(Change::Remove(*c)))
                .collect();
            edits.push(Edit::remove::<Agreement>(id));
            app.dispatch(Action::Select(Selection::None));
            let said = t(&app, "panel.agreement.removed");
            app.dispatch(Action::EditAnnounced(Edit::Batch(edits), said));
        })
    };
    if !question.open {
        return html! {
            <button type="button" class="skn-button skn-button--danger" onclick={question.ask}>
                { t(state, "panel.agreement.remove") }
            </button>
        };
    }
    html! {
        <div class="skn-confirm" role="group" aria-labelledby={state.dom_id(&format!("agr-{id}-remove-q"))}
            onkeydown={question.on_keydown}>
            <p id={state.dom_id(&format!("agr-{id}-remove-q"))}>
                <span aria-hidden="true">{ "⚠ " }</span>
                { trf(state.lang, "panel.agreement.remove_question",
                    &[("count", &logged.len().to_string())]) }
            </p>
            <div class="skn-button-row">
                <button type="button" class="skn-button skn-button--danger" ref={question.confirm}
                    onclick={remove}>
                    { t(state, "panel.agreement.remove_confirm") }
                </button>
                <button type="button" class="skn-button" onclick={question.cancel}>{ t(state, "panel.cancel") }</button>
            </div>
        </div>
    }
}

/// Writing a new agreement: its text first, then it opens for the rest.
#[function_component]
fn AddAgreement() -> Html {
    let app = use_app();
    let state = &*app;
    let text = use_state(String::new);
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(event_value(&e)))
    };
    let onsubmit = {
        let app = app.clone();
        let text = text.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = text.trim().to_string();
            if body.is_empty() {
                return;
            }
            let id = AgreementId(app.plan.next_id::<Agreement>());
            let agreement = Agreement {
                id,
                text: body,
                responsible: Vec::new(),
                checks: Vec::new(),
                chain: vec![Step {
                    people: Vec::new(),
                    action: String::new(),
                }],
            };
            let said = t(&app, "panel.agreement.added");
            app.dispatch(Action::EditAnnounced(Edit::add(agreement), said));
            app.dispatch(Action::Select(Selection::Agreement(id)));
            text.set(String::new());
        })
    };
    html! {
        <form class="skn-panel-form" {onsubmit}>
            <div class="skn-field">
                <label for={state.dom_id("add-agreement")}>{ t(state, "panel.agreement.new") }</label>
                <textarea id={state.dom_id("add-agreement")} class="skn-input" rows="2"
                    value={(*text).clone()} oninput={on_input} />
            </div>
            <button type="submit" class="skn-button">{ t(state, "panel.agreement.add") }</button>
        </form>
    }
}
