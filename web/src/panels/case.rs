//! The case around the plan: its label, when it started, the consultants
//! and the commissioning social worker, the custodians' consent, and its
//! closing with an outcome (a closed case is read-only until reopened).

use super::common::*;
use super::findings::{use_findings, FindingList};
use crate::state::{t, use_app, Action, AppContext};
use skyddsnat_core::analysis::validate::Location;
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{
    AgencyKind, CaseStatus, Consent, ConsentId, Edit, Label, Outcome, PersonKind, Plan, Reopening,
    Settings, Staff, TimeOfDay,
};
use yew::prelude::*;

/// A change to a part of the plan set as a whole (the case, the settings)
/// as one edit (one undo step), made only if it changes something.
fn edit_whole<S: Clone + PartialEq + 'static, T: 'static>(
    app: &AppContext,
    get: fn(&Plan) -> &S,
    set: fn(S) -> Edit,
    change: impl Fn(&mut S, T) + 'static,
) -> Callback<T> {
    let app = app.clone();
    Callback::from(move |value: T| {
        let mut whole = get(&app.plan).clone();
        change(&mut whole, value);
        if &whole != get(&app.plan) {
            app.dispatch(Action::Edit(set(whole)));
        }
    })
}

/// A change to the case as one edit.
fn edit_case<T: 'static>(
    app: &AppContext,
    change: impl Fn(&mut CaseStatus, T) + 'static,
) -> Callback<T> {
    edit_whole(app, Plan::case, Edit::SetCase, change)
}

/// The case tab.
#[function_component]
pub fn CasePanel() -> Html {
    let app = use_app();
    let state = &*app;
    let case = state.plan.case();
    let ro = state.readonly;
    let id = |f: &str| state.dom_id(&format!("case-{f}"));
    let add_consultant = edit_case(&app, |c, _: MouseEvent| {
        c.consultants.push(Staff::default())
    });
    html! {
        <section class="skn-panel skn-case-panel" aria-labelledby={id("title")}>
            <h2 id={id("title")} class="skn-panel-title">{ t(state, "panel.case.title") }</h2>
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.case.details") }</legend>
                <TextField id={id("label")} label={t(state, "panel.case.label")}
                    placeholder={t(state, "panel.case.label_hint")}
                    value={case.label.clone()} disabled={ro}
                    oncommit={edit_case(&app, |c, v: String| c.label = v.trim().to_string())} />
                <TextField id={id("started")} kind="date" label={t(state, "panel.case.started")}
                    value={case.started.map(format_date).unwrap_or_default()} disabled={ro}
                    oncommit={edit_case(&app, |c, v: String| c.started = parse_date(&v))} />
            </fieldset>
            <fieldset class="skn-group">
                <legend>{ t(state, "panel.case.consultants") }</legend>
                { for case.consultants.iter().enumerate().map(|(i, s)| html! {
                    <StaffFields id={id(&format!("consultant-{i}"))} staff={s.clone()} disabled={ro}
                        legend={trf(state.lang, "panel.case.consultant", &[("n", &(i + 1).to_string())])}
                        onchange={edit_case(&app, move |c, s: Option<Staff>| match s {
                            Some(s) => c.consultants[i] = s,
                            None => { c.consultants.remove(i); }
                        })} />
                }) }
                if !ro {
                    <button type="button" class="skn-button skn-button--small" onclick={add_consultant}>
                        { t(state, "panel.case.add_consultant") }
                    </button>
                }
            </fieldset>
            <StaffFields id={id("commissioner")} staff={case.commissioner.clone().unwrap_or_default()}
                legend={t(state, "panel.case.commissioner")} disabled={ro} removable={false}
                onchange={edit_case(&app, |c, s: Option<Staff>| {
                    c.commissioner = s.filter(|s| s != &Staff::default());
                })} />
            <PlanSettings />
            <ConsentSection />
            <Closing />
        </section>
    }
}

/// A change to the plan's settings as one edit.
fn edit_settings<T: 'static>(
    app: &AppContext,
    change: impl Fn(&mut Settings, T) + 'static,
) -> Callback<T> {
    edit_whole(app, Plan::settings, Edit::SetSettings, change)
}

/// Set once per plan: the numbers the family's papers print beside 112,
/// and the office hours that tell which checks are out of hours.
#[function_component]
fn PlanSettings() -> Html {
    let app = use_app();
    let state = &*app;
    let s = state.plan.settings();
    let ro = state.readonly;
    let id = |f: &str| state.dom_id(&format!("settings-{f}"));
    let time = |set: fn(&mut Settings, TimeOfDay)| {
        edit_settings(&app, move |s, v: String| {
            if let Some(t) = TimeOfDay::parse(v.trim()) {
                set(s, t);
            }
        })
    };
    html! {
        <fieldset class="skn-group">
            <legend>{ t(state, "panel.settings.title") }</legend>
            <div class="skn-row">
                <TextField id={id("ooh")} kind="tel" label={t(state, "panel.settings.out_of_hours")}
                    value={s.numbers.out_of_hours.clone()} disabled={ro}
                    oncommit={edit_settings(&app, |s, v: String| s.numbers.out_of_hours = v.trim().to_string())} />
                <TextField id={id("unit")} kind="tel" label={t(state, "panel.settings.unit")}
                    value={s.numbers.unit.clone()} disabled={ro}
                    oncommit={edit_settings(&app, |s, v: String| s.numbers.unit = v.trim().to_string())} />
            </div>
            <div class="skn-row">
                <TextField id={id("from")} kind="time" label={t(state, "panel.settings.office_from")}
                    value={s.office_hours.from.to_string()} disabled={ro}
                    oncommit={time(|s, t| s.office_hours.from = t)} />
                <TextField id={id("to")} kind="time" label={t(state, "panel.settings.office_to")}
                    value={s.office_hours.to.to_string()} disabled={ro}
                    oncommit={time(|s, t| s.office_hours.to = t)} />
            </div>
            <p class="skn-muted">{ t(state, "panel.settings.office_note") }</p>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct StaffFieldsProps {
    id: AttrValue,
    legend: AttrValue,
    staff: Staff,
    disabled: bool,
    /// `None` removes the person.
    onchange: Callback<Option<Staff>>,
    #[prop_or(true)]
    removable: bool,
}

/// Name, phone and unit of someone at the social services.
#[function_component]
fn StaffFields(props: &StaffFieldsProps) -> Html {
    let app = use_app();
    let field = |f: fn(&mut Staff, String)| {
        let staff = props.staff.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |v: String| {
            let mut next = staff.clone();
            f(&mut next, v.trim().to_string());
            onchange.emit(Some(next));
        })
    };
    let remove = {
        let onchange = props.onchange.clone();
        Callback::from(move |_: MouseEvent| onchange.emit(None))
    };
    let id = |f: &str| format!("{}-{f}", props.id);
    html! {
        <fieldset class="skn-group skn-staff">
            <legend>{ props.legend.clone() }</legend>
            <TextField id={id("name")} label={t(&app, "panel.case.staff_name")}
                value={props.staff.name.clone()} disabled={props.disabled}
                oncommit={field(|s, v| s.name = v)} />
            <TextField id={id("phone")} kind="tel" label={t(&app, "panel.person.phone")}
                value={props.staff.phone.clone()} disabled={props.disabled}
                oncommit={field(|s, v| s.phone = v)} />
            <TextField id={id("unit")} label={t(&app, "panel.case.staff_unit")}
                value={props.staff.unit.clone()} disabled={props.disabled}
                oncommit={field(|s, v| s.unit = v)} />
            if props.removable && !props.disabled {
                <button type="button" class="skn-button skn-button--small" onclick={remove}>
                    { trf(app.lang, "panel.case.remove_staff", &[("what", &props.legend)]) }
                </button>
            }
        </fieldset>
    }
}

/// The custodians' consent: who, when, to what; withdrawn consent stays.
#[function_component]
fn ConsentSection() -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let findings = (*use_findings()).clone();
    let about: Vec<_> = findings
        .at(Location::Plan)
        .into_iter()
        .filter(|f| f.key.starts_with("consent"))
        .chain(
            findings
                .0
                .iter()
                .filter(|f| f.key == "custodian_no_consent")
                .cloned(),
        )
        .collect();
    // Custodians first: they are whose consent counts.
    let mut adults: Vec<_> = state
        .plan
        .people()
        .iter()
        .filter(|p| p.kind == PersonKind::Private)
        .collect();
    skyddsnat_core::sort::by_key(&mut adults, |p| p.custodian_of.is_empty());
    let add = {
        let app = app.clone();
        let first = adults
            .iter()
            .find(|p| !app.plan.consents().iter().any(|c| c.person == p.id))
            .or(adults.first())
            .map(|p| p.id);
        Callback::from(move |_: MouseEvent| {
            let Some(person) = first else { return };
            let consent = Consent {
                id: ConsentId(app.plan.next_id::<Consent>()),
                person,
                date: app.today,
                intervention: true,
                share_with: Vec::new(),
                withdrawn: None,
                note: String::new(),
            };
            app.dispatch(Action::Edit(Edit::add(consent)));
        })
    };
    let person_options: Vec<(String, String)> = adults
        .iter()
        .map(|p| (p.id.0.to_string(), display_name(state, p.id)))
        .collect();
    html! {
        <fieldset class="skn-group skn-consents">
            <legend>{ t(state, "panel.case.consent") }</legend>
            <FindingList items={about} />
            { for state.plan.consents().iter().map(|c| {
                let base = state.dom_id(&format!("consent-{}", c.id));
                let update = |f: fn(&mut Consent, String)| {
                    let app = app.clone();
                    let c = c.clone();
                    Callback::from(move |v: String| {
                        let mut next = c.clone();
                        f(&mut next, v);
                        app.dispatch(Action::Edit(Edit::update(next)));
                    })
                };
                let toggle = |agency: Option<AgencyKind>| {
                    let app = app.clone();
                    let c = c.clone();
                    Callback::from(move |on: bool| {
                        let mut next = c.clone();
                        match agency {
                            None => next.intervention = on,
                            Some(a) => {
                                next.share_with.retain(|x| *x != a);
                                if on {
                                    next.share_with.push(a);
                                    skyddsnat_core::sort::sort(&mut next.share_with);
                                }
                            }
                        }
                        app.dispatch(Action::Edit(Edit::update(next)));
                    })
                };
                let remove = {
                    let app = app.clone();
                    let id = c.id;
                    Callback::from(move |_: MouseEvent| app.dispatch(Action::Edit(Edit::remove::<Consent>(id))))
                };
                let who = display_name(state, c.person);
                html! {
                    <fieldset key={c.id.0} class="skn-group skn-consent">
                        <legend>{ trf(state.lang, "panel.case.consent_by", &[("name", &who), ("date", &format_date(c.date))]) }</legend>
                        <SelectField id={format!("{base}-person")} label={t(state, "panel.case.consent_person")}
                            options={person_options.clone()} selected={c.person.0.to_string()} disabled={ro}
                            onselect={update(|c, v| if let Ok(n) = v.parse() { c.person = skyddsnat_core::PersonId(n); })} />
                        <TextField id={format!("{base}-date")} kind="date" label={t(state, "panel.case.consent_date")}
                            value={format_date(c.date)} disabled={ro}
                            oncommit={update(|c, v| if let Some(d) = parse_date(&v) { c.date = d; })} />
                        <CheckField id={format!("{base}-intervention")} label={t(state, "panel.case.consent_intervention")}
                            checked={c.intervention} disabled={ro} ontoggle={toggle(None)} />
                        <fieldset class="skn-people">
                            <legend>{ t(state, "panel.case.consent_share") }</legend>
                            { for AgencyKind::ALL.iter().map(|a| html! {
                                <CheckField id={format!("{base}-share-{}", a.key())} label={a.label(state.lang)}
                                    checked={c.share_with.contains(a)} disabled={ro} ontoggle={toggle(Some(*a))} />
                            }) }
                        </fieldset>
                        <TextField id={format!("{base}-withdrawn")} kind="date" label={t(state, "panel.case.consent_withdrawn")}
                            value={c.withdrawn.map(format_date).unwrap_or_default()} disabled={ro}
                            oncommit={update(|c, v| c.withdrawn = parse_date(&v))} />
                        <TextField id={format!("{base}-note")} label={t(state, "panel.meeting.note")}
                            value={c.note.clone()} disabled={ro}
                            oncommit={update(|c, v| c.note = v.trim().to_string())} />
                        if !ro {
                            <button type="button" class="skn-button skn-button--small" onclick={remove}>
                                { trf(state.lang, "panel.case.consent_remove", &[("name", &who)]) }
                            </button>
                        }
                    </fieldset>
                }
            }) }
            if !ro && !adults.is_empty() {
                <button type="button" class="skn-button skn-button--small" id={state.dom_id("consent-add")} onclick={add}>
                    { t(state, "panel.case.consent_add") }
                </button>
            }
        </fieldset>
    }
}

#[derive(Clone, PartialEq)]
struct CloseDraft {
    date: String,
    outcome: Option<Outcome>,
    days: String,
    reason: String,
}

/// Closing the case with its outcome, or reopening a closed one.
#[function_component]
fn Closing() -> Html {
    let app = use_app();
    let state = &*app;
    let case = state.plan.case();
    let draft = use_state(|| CloseDraft {
        date: format_date(state.today),
        outcome: None,
        days: String::new(),
        reason: String::new(),
    });
    let id = |f: &str| state.dom_id(&format!("close-{f}"));
    if let Some(closed) = case.closed {
        let outcome = case
            .outcome
            .map(|o| o.label(state.lang).to_string())
            .unwrap_or_else(|| t(state, "panel.case.outcome_none"));
        let reopen = edit_case(&app, |c, today: skyddsnat_core::Date| {
            if let Some(closed) = c.closed.take() {
                c.reopened.push(Reopening {
                    date: today,
                    closed,
                    outcome: c.outcome.take(),
                    reason: std::mem::take(&mut c.close_reason),
                });
                c.shortened_days = None;
            }
        });
        let today = state.today;
        return html! {
            <fieldset class="skn-group skn-closing">
                <legend>{ t(state, "panel.case.closing") }</legend>
                <p class="skn-closed-line">
                    { trf(state.lang, "panel.case.closed_on", &[("date", &format_date(closed)), ("outcome", &outcome)]) }
                </p>
                if !case.close_reason.is_empty() {
                    <p>{ state.shown(&case.close_reason) }</p>
                }
                <p class="skn-muted">{ t(state, "panel.case.closed_readonly") }</p>
                if !state.viewer {
                    <button type="button" class="skn-button" id={id("reopen")}
                        onclick={Callback::from(move |_: MouseEvent| reopen.emit(today))}>
                        { t(state, "panel.case.reopen") }
                    </button>
                }
            </fieldset>
        };
    }
    let set = |f: fn(&mut CloseDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let outcome_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.case.outcome_choose")))
            .chain(
                Outcome::ALL
                    .iter()
                    .map(|o| (o.key().to_string(), o.label(state.lang).to_string())),
            )
            .collect();
    let ready = draft.outcome.is_some() && parse_date(&draft.date).is_some();
    let close = {
        let draft = draft.clone();
        edit_case(&app, move |c, ()| {
            let d = (*draft).clone();
            let (Some(date), Some(outcome)) = (parse_date(&d.date), d.outcome) else {
                return;
            };
            c.closed = Some(date);
            c.outcome = Some(outcome);
            c.shortened_days = (outcome == Outcome::PlacementShortened)
                .then(|| d.days.trim().parse().ok())
                .flatten();
            c.close_reason = d.reason.trim().to_string();
        })
    };
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        close.emit(());
    });
    html! {
        <form class="skn-group skn-closing" {onsubmit} aria-labelledby={id("legend")}>
            <h3 id={id("legend")}>{ t(state, "panel.case.closing") }</h3>
            if state.readonly {
                <p class="skn-muted">{ t(state, "panel.case.open") }</p>
            } else {
                <TextField id={id("date")} kind="date" label={t(state, "panel.case.closed")}
                    value={draft.date.clone()} oncommit={set(|d, v| d.date = v)} />
                <SelectField id={id("outcome")} label={t(state, "panel.case.outcome")}
                    options={outcome_options}
                    selected={draft.outcome.map(|o| o.key().to_string()).unwrap_or_default()}
                    onselect={set(|d, v| d.outcome = Outcome::ALL.into_iter().find(|o| o.key() == v))} />
                if draft.outcome == Some(Outcome::PlacementShortened) {
                    <TextField id={id("days")} kind="number" label={t(state, "panel.case.shortened_days")}
                        value={draft.days.clone()} oncommit={set(|d, v| d.days = v)} />
                }
                <TextField id={id("reason")} multiline=true label={t(state, "panel.case.close_reason")}
                    value={draft.reason.clone()} oncommit={set(|d, v| d.reason = v)} />
                <p class="skn-muted">{ t(state, "panel.case.close_explain") }</p>
                <button type="submit" class="skn-button skn-button--primary" id={id("confirm")} disabled={!ready}>
                    { t(state, "panel.case.close") }
                </button>
            }
        </form>
    }
}
