//! Browser tests for the case around the plan: closing it with an outcome
//! locks the plan until it is reopened; a planned meeting is held with who
//! came; consent missing is said where the consent is recorded.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test casework`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::{
    Consent, ConsentId, Date, Edit, Lang, MeetingId, MeetingStatus, Outcome, PersonId, Plan,
};
use skyddsnat_web::panels::{CasePanel, FollowUpPanel};
use skyddsnat_web::state::{Action, AppContext, AppState};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static HANDLE: RefCell<Option<AppContext>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    lang: Lang,
}

/// The case tab and the follow-up tab side by side, on 2026-12-14 (the day
/// the sample's third meeting is planned for).
#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(move || AppState::new(sample_plan(), day("2026-12-14"), lang, false));
    HANDLE.with(|h| *h.borrow_mut() = Some(state.clone()));
    html! {
        <ContextProvider<AppContext> context={state}>
            <CasePanel />
            <FollowUpPanel />
        </ContextProvider<AppContext>>
    }
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

async fn mount(lang: Lang) -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { lang }).render();
    scheduler::flush().await;
    root
}

fn app() -> AppContext {
    HANDLE.with(|h| h.borrow().clone().expect("harness mounted"))
}

fn plan() -> Plan {
    (*app().plan).clone()
}

fn find(root: &Element, selector: &str) -> Element {
    let selector = selector.replace("#skn-", &format!("#{}", app().dom_id("")));
    root.query_selector(&selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().expect("HTML").click();
    scheduler::flush().await;
}

/// The first button whose text contains `label`.
fn button(root: &Element, label: &str) -> Element {
    let list = root.query_selector_all("button").expect("q");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|b| b.text_content().unwrap_or_default().contains(label))
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

/// The remove button of `name`'s chip in the people picker headed `legend`.
fn chip_remove(root: &Element, legend: &str, name: &str) -> Element {
    let all = |parent: &Element, selector: &str| {
        let list = parent.query_selector_all(selector).expect("q");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect::<Vec<_>>()
    };
    let picker = all(root, "fieldset.skn-people")
        .into_iter()
        .find(|f| {
            f.query_selector("legend")
                .ok()
                .flatten()
                .and_then(|l| l.text_content())
                .as_deref()
                == Some(legend)
        })
        .unwrap_or_else(|| panic!("no picker {legend:?}"));
    all(&picker, "li.skn-chip")
        .into_iter()
        .find(|li| li.text_content().unwrap_or_default().starts_with(name))
        .and_then(|li| li.query_selector("button").ok().flatten())
        .unwrap_or_else(|| panic!("no chip {name:?} in {legend:?}"))
}

async fn change(el: &Element) {
    let event = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .expect("event");
    el.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

async fn choose(root: &Element, selector: &str, value: &str) {
    let select = find(root, selector);
    select
        .clone()
        .dyn_into::<HtmlSelectElement>()
        .expect("select")
        .set_value(value);
    change(&select).await;
}

async fn type_value(root: &Element, selector: &str, value: &str) {
    let input = find(root, selector);
    input
        .clone()
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value(value);
    change(&input).await;
}

#[wasm_bindgen_test]
async fn closing_the_case_locks_the_plan_until_it_is_reopened() {
    let root = mount(Lang::Sv).await;
    assert!(!app().readonly);
    type_value(&root, "#skn-close-date", "2026-12-14").await;
    choose(&root, "#skn-close-outcome", "case.placement_shortened").await;
    type_value(&root, "#skn-close-days", "30").await;
    click(&find(&root, "#skn-close-confirm")).await;
    let case = plan().case().clone();
    assert_eq!(case.closed, Some(day("2026-12-14")));
    assert_eq!(case.outcome, Some(Outcome::PlacementShortened));
    assert_eq!(case.shortened_days, Some(30));
    assert!(text(&root, ".skn-closing").contains("Avslutat 2026-12-14"));

    // Read-only now: an edit is refused and changes nothing.
    assert!(app().readonly);
    let before = plan();
    let mut jenny = before.person(PersonId(3)).expect("Jenny").clone();
    jenny.name = "Jenny K".into();
    app().dispatch(Action::Edit(Edit::update(jenny)));
    scheduler::flush().await;
    assert_eq!(plan(), before);
    // Fields are disabled, and no meeting can be planned.
    assert!(find(&root, "#skn-case-label")
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .disabled());
    assert!(root
        .query_selector(".skn-meetings form")
        .expect("q")
        .is_none());

    // Reopening is recorded, and the plan can be changed again.
    click(&find(&root, "#skn-close-reopen")).await;
    let case = plan().case().clone();
    assert_eq!(case.closed, None);
    assert_eq!(case.reopened.len(), 1);
    assert_eq!(case.reopened[0].closed, day("2026-12-14"));
    assert_eq!(case.reopened[0].outcome, Some(Outcome::PlacementShortened));
    assert!(!app().readonly);
    // Undo takes the reopening back: closed and locked again.
    app().dispatch(Action::Undo);
    scheduler::flush().await;
    assert!(plan().case().is_closed() && app().readonly);
}

#[wasm_bindgen_test]
async fn a_planned_meeting_is_held_and_says_who_did_not_come() {
    let root = mount(Lang::Sv).await;
    let planned = |p: &Plan| {
        p.meetings()
            .iter()
            .find(|m| m.id == MeetingId(3))
            .expect("meeting 3")
            .clone()
    };
    assert_eq!(planned(&plan()).status, MeetingStatus::Planned);
    click(&button(&root, "Mötet hölls")).await;
    let held = planned(&plan());
    assert_eq!(held.status, MeetingStatus::Held);
    assert_eq!(
        held.participants, held.invited,
        "who was invited is the first guess"
    );
    // Tomas did not come after all: his chip in meeting 3's "Kom till
    // mötet" goes (meetings are listed by date, so it is the last).
    let list = root.query_selector_all(".skn-meeting").expect("q");
    let third: Element = list
        .item(list.length() - 1)
        .and_then(|n| n.dyn_into().ok())
        .expect("meeting 3");
    assert!(third
        .text_content()
        .unwrap_or_default()
        .contains("2026-12-14"));
    click(&chip_remove(&third, "Kom till mötet", "Tomas")).await;
    assert!(!planned(&plan()).participants.contains(&PersonId(6)));
    assert!(text(&root, ".skn-meetings").contains("Kom inte: Tomas"));
    // The safety assessment of the meeting.
    choose(&root, "#skn-meeting-3-verdict", "1").await;
    assert!(planned(&plan()).assessment.is_some());
    // It is now meeting 3, and no meeting is planned: the finding says so.
    assert!(text(&root, ".skn-meetings").contains("Möte 3 · 2026-12-14"));
    assert!(text(&root, ".skn-meetings").contains("Inget nästa möte är planerat"));
}

#[wasm_bindgen_test]
async fn missing_consent_is_pointed_out_where_consent_is_recorded() {
    let root = mount(Lang::En).await;
    let consents = || text(&root, ".skn-consents");
    assert!(!consents().contains("No consent"), "{}", consents());
    // Jenny's consent removed: she is a custodian, so it is missed by name.
    app().dispatch(Action::Edit(Edit::remove::<Consent>(ConsentId(1))));
    scheduler::flush().await;
    assert!(
        consents().contains("Jenny is a custodian but has no consent recorded"),
        "{}",
        consents()
    );
    // Mikael's too: no consent at all.
    app().dispatch(Action::Edit(Edit::remove::<Consent>(ConsentId(2))));
    scheduler::flush().await;
    assert!(
        consents().contains("No consent from a custodian is recorded"),
        "{}",
        consents()
    );
    // "Record a consent" starts with a custodian who has none.
    click(&find(&root, "#skn-consent-add")).await;
    let c = plan().consents()[0].clone();
    assert_eq!(c.person, PersonId(3), "a custodian first");
    assert!(c.intervention);
    assert!(!consents().contains("No consent"), "{}", consents());
    assert!(
        consents().contains("Mikael is a custodian but has no consent recorded"),
        "{}",
        consents()
    );
}

#[wasm_bindgen_test]
async fn an_exit_questionnaire_asks_its_own_questions_and_what_could_have_been_better() {
    let root = mount(Lang::Sv).await;
    choose(&root, "#skn-followup-questionnaire", "questionnaire.exit").await;
    let form = text(&root, ".skn-followup-form");
    assert!(
        form.contains("Hur mycket hjälpte säkerhetsplanen?"),
        "{form}"
    );
    assert!(form.contains("Vad kunde ha gjorts bättre?"), "{form}");
    assert!(
        !form.contains("Vet du vad du ska göra"),
        "not the follow-up questions"
    );
    click(&find(&root, "#skn-followup-q1-4")).await;
    let comment = find(&root, "#skn-followup-comment");
    js_sys::Reflect::set(
        &comment,
        &"value".into(),
        &"Fler möten på kvällstid.".into(),
    )
    .expect("set value");
    let input = web_sys::InputEvent::new_with_event_init_dict("input", &{
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        init
    })
    .expect("event");
    comment.dispatch_event(&input).expect("dispatch");
    scheduler::flush().await;
    click(&button(&root, "Spara svaren")).await;
    let saved = plan().follow_ups().last().cloned().expect("saved");
    assert_eq!(saved.questionnaire, skyddsnat_core::Questionnaire::Exit);
    let keys: Vec<&str> = saved.answers.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(keys, ["feels_safe_now", "plan_helped", "listened_to"]);
    assert_eq!(saved.answers[1].value, Some(4));
    assert_eq!(saved.comment, "Fler möten på kvällstid.");
    assert!(text(&root, ".skn-followup-title").contains("avslutningsenkät"));
}
