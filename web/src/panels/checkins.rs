//! The check log: which check of which agreement was made, by whom, when and
//! how, and with what outcome. A check is logged in full in the plan tab, or
//! quickly from the calendar and the agreement ("kept, now" in one press);
//! a failed check at once offers the contingency step that is due, with the
//! people to call (`core::schedule::due_step` says which).

use super::common::*;
use crate::state::{t, use_app, Action, AppState};
use skyddsnat_core::analysis::schedule::due_step;
use skyddsnat_core::document::plan::step_letter;
use skyddsnat_core::i18n::labels::{format_date, how_label};
use skyddsnat_core::i18n::{tr, trf};
use skyddsnat_core::{
    AgreementId, CheckIn, CheckInId, CheckOutcome, Date, Edit, Label, Method, Person, PersonId,
    TimeOfDay,
};
use yew::prelude::*;

/// How many logged check-ins the panel lists (newest first).
const RECENT: usize = 8;

/// The time on the computer's clock, to the minute: a check logged right
/// after the phone call happened now.
fn now() -> Option<TimeOfDay> {
    let d = js_sys::Date::new_0();
    TimeOfDay::from_hm(d.get_hours(), d.get_minutes())
}

/// A check-in of check `check` of `agreement` (or of the agreement as a
/// whole), with who and how taken from the check as planned.
fn check_in(
    state: &AppState,
    agreement: AgreementId,
    check: Option<usize>,
    date: Date,
    time: Option<TimeOfDay>,
    outcome: CheckOutcome,
) -> CheckIn {
    let planned = check.and_then(|i| state.plan.check(agreement, i));
    CheckIn {
        id: CheckInId(state.plan.next_id::<CheckIn>()),
        agreement,
        check: check.and_then(|i| u16::try_from(i).ok()),
        by: planned.and_then(|c| c.by.first().copied()),
        date,
        time,
        how: planned.map(|c| c.method),
        outcome,
        step: None,
        note: String::new(),
    }
}

/// "Birgitta (070-174 06 05)", or the name and "protected identity" for a
/// person whose contact details are never shown; as on the printed papers,
/// no number while names are hidden.
fn reachable(state: &AppState, id: PersonId) -> String {
    let name = display_name(state, id);
    let person = state.plan.person(id);
    if person.is_some_and(|p| p.protected) {
        return format!("{name} ({})", tr(state.lang, "print.protected"));
    }
    match person.and_then(Person::visible_phone) {
        Some(phone) if !state.hide_names => format!("{name} ({phone})"),
        _ => name,
    }
}

/// "1. Jenny hämtar… — Birgitta ringer, varje dag": a check as a choice.
fn check_label(
    state: &AppState,
    n: usize,
    text: &str,
    check: Option<&skyddsnat_core::Check>,
) -> String {
    let what = match check {
        Some(c) => format!(
            "{} {}, {}",
            names(state, &c.by),
            c.method.label(state.lang),
            c.when.describe(state.lang)
        ),
        None => t(state, "panel.checkin.whole"),
    };
    format!("{n}. {} — {what}", short(&state.shown(text), 40))
}

#[derive(Properties, PartialEq)]
pub struct QuickLogProps {
    pub agreement: AgreementId,
    /// The check's position in the agreement.
    pub check: usize,
    /// The day the check was due (today, or an overdue day).
    pub date: Date,
    /// What the check is, for the buttons' accessible names.
    pub what: AttrValue,
}

/// "✓ Kept" (now, or on the overdue day) in one press, and "Other outcome…"
/// opening the full form for this check right here.
#[function_component]
pub fn QuickLog(props: &QuickLogProps) -> Html {
    let app = use_app();
    let state = &*app;
    let open = use_state(|| false);
    if state.readonly {
        return html! {};
    }
    // Today's check happened now; an overdue one at its agreed time, if any.
    let time = move |app: &AppState, agreement: AgreementId, check: usize, date: Date| {
        if date == app.today {
            now()
        } else {
            app.plan.check(agreement, check).and_then(|c| c.time)
        }
    };
    let kept = {
        let app = app.clone();
        let (agreement, check, date) = (props.agreement, props.check, props.date);
        Callback::from(move |_: MouseEvent| {
            let at = time(&app, agreement, check, date);
            let c = check_in(&app, agreement, Some(check), date, at, CheckOutcome::Kept);
            let said = trf(
                app.lang,
                "panel.checkin.logged",
                &[("outcome", CheckOutcome::Kept.label(app.lang))],
            );
            app.dispatch(Action::EditAnnounced(Edit::add(c), said));
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let what = &props.what;
    html! {
        <span class="skn-quicklog">
            <button type="button" class="skn-button skn-button--small" onclick={kept}
                aria-label={trf(state.lang, "panel.checkin.quick_kept", &[("what", what)])}>
                <span aria-hidden="true">{ "✓ " }</span>{ CheckOutcome::Kept.label(state.lang) }
            </button>
            <button type="button" class="skn-button skn-button--small" onclick={toggle}
                aria-expanded={open.to_string()}
                aria-label={trf(state.lang, "panel.checkin.quick_other", &[("what", what)])}>
                { t(state, "panel.checkin.other") }
            </button>
            if *open {
                <CheckInForm preset={Some((props.agreement, Some(props.check), props.date))}
                    on_done={Some({ let open = open.clone(); Callback::from(move |()| open.set(false)) })} />
            }
        </span>
    }
}

#[derive(Clone, PartialEq)]
struct Draft {
    agreement: Option<AgreementId>,
    check: Option<usize>,
    by: Option<PersonId>,
    date: String,
    time: String,
    how: Option<Method>,
    outcome: CheckOutcome,
    step: Option<u16>,
    note: String,
}

#[derive(Properties, PartialEq)]
pub struct CheckInFormProps {
    /// The agreement, check and day to log, when the form opens for one.
    #[prop_or_default]
    pub preset: Option<(AgreementId, Option<usize>, Date)>,
    /// Called when the form is done (logged, or the step prompt answered).
    #[prop_or_default]
    pub on_done: Option<Callback<()>>,
}

/// The full form: check, who, date and time, how, outcome, step used, note.
#[function_component]
pub fn CheckInForm(props: &CheckInFormProps) -> Html {
    let app = use_app();
    let state = &*app;
    let preset = props.preset;
    let draft = {
        let state = state.clone();
        use_state(move || {
            let (agreement, check, date) = match preset {
                Some((a, c, day)) => (Some(a), c, day),
                None => {
                    let first = state.plan.agreements().first();
                    (
                        first.map(|a| a.id),
                        first.filter(|a| !a.checks.is_empty()).map(|_| 0),
                        state.today,
                    )
                }
            };
            let mut d = Draft {
                agreement,
                check,
                by: None,
                date: format_date(date),
                time: now().map(|t| t.to_string()).unwrap_or_default(),
                how: None,
                outcome: CheckOutcome::Kept,
                step: None,
                note: String::new(),
            };
            fill_from_check(&state, &mut d);
            d
        })
    };
    // After a failed check: the check-in that asks "start plan B?".
    let prompt = use_state(|| None::<CheckInId>);
    let plan = &state.plan;
    // The picked agreement may have been removed since.
    let Some(agreement) = draft
        .agreement
        .and_then(|id| plan.agreement(id))
        .or_else(|| plan.agreements().first())
    else {
        return html! {};
    };
    let base = state.dom_id(&match preset {
        Some((a, c, day)) => format!("checkin-{a}-{}-{day}", c.map_or(0, |c| c + 1)),
        None => "checkin".into(),
    });
    let change = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let on_check = {
        let draft = draft.clone();
        let app = app.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            let (a, c) = v.split_once('.').unwrap_or((&v, ""));
            next.agreement = a.parse().ok().map(AgreementId);
            next.check = c.parse().ok();
            next.step = None;
            fill_from_check(&app, &mut next);
            draft.set(next);
        })
    };
    let onsubmit = {
        let app = app.clone();
        let draft = draft.clone();
        let prompt = prompt.clone();
        let on_done = props.on_done.clone();
        let agreement = agreement.id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = parse_date(&draft.date).unwrap_or(app.today);
            let c = CheckIn {
                by: draft.by,
                how: draft.how,
                step: draft.step,
                note: draft.note.trim().to_string(),
                ..check_in(
                    &app,
                    agreement,
                    draft.check,
                    date,
                    TimeOfDay::parse(&draft.time),
                    draft.outcome,
                )
            };
            let id = c.id;
            let said = trf(
                app.lang,
                "panel.checkin.logged",
                &[("outcome", draft.outcome.label(app.lang))],
            );
            app.dispatch(Action::EditAnnounced(Edit::add(c), said));
            let mut next = (*draft).clone();
            next.note.clear();
            next.step = None;
            draft.set(next);
            // A failed check asks at once for the next step; else done.
            if draft.outcome != CheckOutcome::Kept && draft.step.is_none() {
                prompt.set(Some(id));
            } else if let Some(done) = &on_done {
                done.emit(());
            }
        })
    };
    let close_prompt = {
        let prompt = prompt.clone();
        let on_done = props.on_done.clone();
        Callback::from(move |()| {
            prompt.set(None);
            if let Some(done) = &on_done {
                done.emit(());
            }
        })
    };
    if let Some(id) = *prompt {
        return html! { <StepPrompt check_in={id} on_close={close_prompt} /> };
    }

    let check_options: Vec<(String, String)> = plan
        .agreements()
        .iter()
        .enumerate()
        .flat_map(|(i, a)| {
            a.checks
                .iter()
                .enumerate()
                .map(move |(k, c)| (format!("{}.{k}", a.id.0), (i + 1, a, Some(c))))
                .chain(std::iter::once((format!("{}.", a.id.0), (i + 1, a, None))))
        })
        .map(|(v, (n, a, c))| (v, check_label(state, n, &a.text, c)))
        .collect();
    let selected_check = format!(
        "{}.{}",
        agreement.id.0,
        draft.check.map(|c| c.to_string()).unwrap_or_default()
    );
    let who_options: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(
            pickable(plan, false)
                .into_iter()
                .map(|id| (id.0.to_string(), display_name(state, id))),
        )
        .collect();
    let how_options: Vec<(String, String)> = std::iter::once((String::new(), "—".to_string()))
        .chain(
            Method::ALL
                .iter()
                .map(|m| (m.key().to_string(), how_label(*m, state.lang).to_string())),
        )
        .collect();
    let outcome_options: Vec<(String, String)> = CheckOutcome::ALL
        .iter()
        .map(|o| (o.key().to_string(), o.label(state.lang).to_string()))
        .collect();
    let step_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.checkin.no_step")))
            .chain(agreement.chain.iter().enumerate().map(|(i, s)| {
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
            }))
            .collect();
    let text_input = |name: &str, kind: &'static str, value: String, f: fn(&mut Draft, String)| {
        let cb = change(f);
        let id = format!("{base}-{name}");
        html! {
            <div class="skn-field">
                <label for={id.clone()}>{ t(state, &format!("panel.checkin.{name}")) }</label>
                <input id={id} class="skn-input" type={kind} {value}
                    onchange={Callback::from(move |e: Event| cb.emit(event_value(&e)))} />
            </div>
        }
    };
    html! {
        <form class="skn-panel-form skn-checkin-form" {onsubmit}>
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.checkin.log") }</legend>
                <SelectField id={format!("{base}-check")} label={t(state, "panel.checkin.check")}
                    options={check_options} selected={selected_check} onselect={on_check} />
                <div class="skn-row">
                    <SelectField id={format!("{base}-outcome")} label={t(state, "panel.checkin.outcome")}
                        options={outcome_options} selected={draft.outcome.key().to_string()}
                        onselect={change(|d, v| {
                            if let Some(o) = CheckOutcome::ALL.into_iter().find(|o| o.key() == v) {
                                d.outcome = o;
                            }
                        })} />
                    <SelectField id={format!("{base}-by")} label={t(state, "panel.checkin.by")}
                        options={who_options} selected={draft.by.map(|p| p.0.to_string()).unwrap_or_default()}
                        onselect={change(|d, v| d.by = v.parse().ok().map(PersonId))} />
                    <SelectField id={format!("{base}-how")} label={t(state, "panel.checkin.how")}
                        options={how_options} selected={draft.how.map(|m| m.key()).unwrap_or_default().to_string()}
                        onselect={change(|d, v| d.how = Method::ALL.into_iter().find(|m| m.key() == v))} />
                </div>
                <div class="skn-row">
                    { text_input("date", "date", draft.date.clone(), |d, v| d.date = v) }
                    { text_input("time", "time", draft.time.clone(), |d, v| d.time = v) }
                    <SelectField id={format!("{base}-step")} label={t(state, "panel.checkin.step")}
                        options={step_options}
                        selected={draft.step.map(|s| s.to_string()).unwrap_or_default()}
                        onselect={change(|d, v| d.step = v.parse().ok())} />
                </div>
                { text_input("note", "text", draft.note.clone(), |d, v| d.note = v) }
                <button type="submit" class="skn-button">{ t(state, "panel.checkin.save") }</button>
            </fieldset>
        </form>
    }
}

/// Who and how, as the check was planned (the first of those who check).
fn fill_from_check(state: &AppState, d: &mut Draft) {
    let planned = d.agreement.and_then(|a| state.plan.check(a, d.check?));
    d.by = planned.and_then(|c| c.by.first().copied());
    d.how = planned.map(|c| c.method);
}

#[derive(Properties, PartialEq)]
struct StepPromptProps {
    check_in: CheckInId,
    on_close: Callback<()>,
}

/// "The check failed. Start plan B?": the step that is due now, its
/// people and how to reach them, and one press to record it as started.
#[function_component]
fn StepPrompt(props: &StepPromptProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ok = use_node_ref();
    {
        // The question takes the focus, so the keyboard answers it next.
        let ok = ok.clone();
        use_effect_with((), move |()| {
            if let Some(el) = ok.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let Some(c) = state
        .plan
        .check_ins()
        .iter()
        .find(|c| c.id == props.check_in)
    else {
        return html! {};
    };
    let agreement = state.plan.agreement(c.agreement);
    let due = due_step(&state.plan, c.agreement, state.today);
    let step = due.and_then(|k| Some((k, agreement?.chain.get(k)?)));
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| crate::dialog::close_on_escape(&e, &on_close))
    };
    let title_id = state.dom_id(&format!("step-prompt-{}", c.id.0));
    html! {
        <section class="skn-step-prompt" role="alertdialog" aria-modal="false"
            aria-labelledby={title_id.clone()} {onkeydown}>
            <h4 id={title_id}>
                <span aria-hidden="true">{ "⚠ " }</span>
                { trf(state.lang, "panel.checkin.failed", &[("outcome", c.outcome.label(state.lang))]) }
            </h4>
            if let Some((k, s)) = step {
                <p class="skn-step-prompt-question">
                    { trf(state.lang, "panel.checkin.start_step", &[("letter", &step_letter(k))]) }
                </p>
                <p><strong>{ trf(state.lang, "panel.checkin.step_option", &[
                    ("letter", &step_letter(k)),
                    ("action", &state.shown(&s.action)),
                ]) }</strong></p>
                if !s.people.is_empty() {
                    <ul class="skn-plain-list">
                        { for s.people.iter().map(|&id| html! {
                            <li><bdi>{ reachable(state, id) }</bdi></li>
                        }) }
                    </ul>
                }
                <div class="skn-dialog-actions">
                    <button type="button" class="skn-button skn-button--primary" ref={ok} onclick={{
                        let app = app.clone();
                        let on_close = props.on_close.clone();
                        let mut started = c.clone();
                        started.step = u16::try_from(k).ok();
                        Callback::from(move |_: MouseEvent| {
                            let said = trf(app.lang, "panel.checkin.step_started",
                                &[("letter", &step_letter(k))]);
                            app.dispatch(Action::EditAnnounced(Edit::update(started.clone()), said));
                            on_close.emit(());
                        })
                    }}>{ trf(state.lang, "panel.checkin.start", &[("letter", &step_letter(k))]) }</button>
                    <button type="button" class="skn-button" onclick={close}>
                        { t(state, "panel.checkin.not_now") }
                    </button>
                </div>
            } else {
                <p>{ t(state, "panel.checkin.no_fallback") }</p>
                <div class="skn-dialog-actions">
                    <button type="button" class="skn-button" ref={ok} onclick={close}>{ t(state, "app.close") }</button>
                </div>
            }
        </section>
    }
}

/// "2026-11-23 19:00 · agreement 1, check 1 · Birgitta · call · kept".
fn line(state: &AppState, c: &CheckIn) -> String {
    let n = state
        .plan
        .agreement_number(c.agreement)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let mut parts = vec![match c.time {
        Some(time) => format!("{} {time}", format_date(c.date)),
        None => format_date(c.date),
    }];
    parts.push(match c.check {
        Some(k) => trf(
            state.lang,
            "panel.checkin.of_check",
            &[("n", &n), ("k", &(usize::from(k) + 1).to_string())],
        ),
        None => trf(state.lang, "panel.checkin.of_agreement", &[("n", &n)]),
    });
    if let Some(by) = c.by {
        parts.push(display_name(state, by));
    }
    if let Some(how) = c.how {
        parts.push(how_label(how, state.lang).to_string());
    }
    parts.push(c.outcome.label(state.lang).to_string());
    if state.plan.settings().office_hours.outside(c.date, c.time) {
        parts.push(t(state, "panel.calendar.out_of_hours"));
    }
    parts.join(" · ")
}

/// Log a check and list the recent ones (the plan tab's section).
#[function_component]
pub fn CheckInSection() -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let mut recent: Vec<&CheckIn> = state.plan.check_ins().iter().collect();
    skyddsnat_core::sort::by_key(&mut recent, |c| std::cmp::Reverse((c.date, c.time, c.id)));
    let total = recent.len();
    recent.truncate(RECENT);
    html! {
        <div class="skn-checkins">
            if !ro && !state.plan.agreements().is_empty() {
                <CheckInForm />
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
                        let line = line(state, c);
                        html! {
                            <li key={c.id.0} class={classes!("skn-checkin", outcome_class(c.outcome))}>
                                <span aria-hidden="true">{ outcome_icon(c.outcome) }{ " " }</span>
                                <span>{ line.clone() }</span>
                                if let Some(s) = c.step {
                                    <span>{ " · " }{ trf(state.lang, "panel.checkin.used_step",
                                        &[("letter", &step_letter(usize::from(s)))]) }</span>
                                }
                                if !c.note.is_empty() {
                                    <span class="skn-muted">{ " · " }{ state.shown(&c.note) }</span>
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
        CheckOutcome::Missed => "skn-outcome-missed",
        _ => "skn-outcome-not-kept",
    }
}
