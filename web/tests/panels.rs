//! Browser tests for the side panel's editors: each renders a panel with the
//! sample family inside the app's context and drives it the way a user does
//! (clicks, changed fields), then checks both the plan and the screen.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test panels`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::{AgreementId, Date, Lang, MeetingId, PersonId, Plan, Respondent};
use skyddsnat_web::panels::{ChildVoicePanel, FollowUpPanel, PersonPanel, PlanPanel, ScalePanel};
use skyddsnat_web::state::{Action, AppContext, AppState, Selection};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    /// The app state handle of the mounted harness, for dispatching and reading.
    static HANDLE: RefCell<Option<AppContext>> = const { RefCell::new(None) };
}

#[derive(Clone, Copy, PartialEq)]
enum Which {
    Person,
    Plan,
    Scale,
    ChildVoice,
    FollowUp,
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    which: Which,
    today: Date,
    #[prop_or_default]
    readonly: bool,
}

/// What the app does for a panel: owns the reducer and provides it as context.
#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    let today = props.today;
    let readonly = props.readonly;
    let state = use_reducer(move || AppState::new(sample_plan(), today, Lang::En, readonly));
    HANDLE.with(|h| *h.borrow_mut() = Some(state.clone()));
    html! {
        <ContextProvider<AppContext> context={state}>
            { match props.which {
                Which::Person => html! { <PersonPanel /> },
                Which::Plan => html! { <PlanPanel /> },
                Which::Scale => html! { <ScalePanel /> },
                Which::ChildVoice => html! { <ChildVoicePanel /> },
                Which::FollowUp => html! { <FollowUpPanel /> },
            } }
        </ContextProvider<AppContext>>
    }
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

/// Mounts a panel in a fresh element and waits for the first render.
async fn mount(which: Which, today: Date) -> Element {
    mount_with(which, today, false).await
}

async fn mount_with(which: Which, today: Date, readonly: bool) -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            which,
            today,
            readonly,
        },
    )
    .render();
    scheduler::flush().await;
    root
}

fn app() -> AppContext {
    HANDLE.with(|h| h.borrow().clone().expect("harness mounted"))
}

fn plan() -> Plan {
    (*app().plan).clone()
}

async fn dispatch(action: Action) {
    app().dispatch(action);
    scheduler::flush().await;
}

/// Element ids are unique per mounted app (`skn<uid>-…`); tests write
/// `#skn-…` and get this app's id.
fn scoped(selector: &str) -> String {
    selector.replace("#skn-", &format!("#{}", app().dom_id("")))
}

fn find(root: &Element, selector: &str) -> Element {
    let selector = scoped(selector);
    root.query_selector(&selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(&scoped(selector))
        .expect("valid selector")
        .length()
}

async fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
    scheduler::flush().await;
}

/// Sets a field's value and fires `change`, as when the user leaves the field.
async fn change(root: &Element, selector: &str, value: &str) {
    let el = find(root, selector);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).expect("set value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    el.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

/// Sets a field's value and fires `input`, as when the user types.
async fn type_in(root: &Element, selector: &str, value: &str) {
    let el = find(root, selector);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).expect("set value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    el.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

/// Waits `ms` milliseconds (a macrotask, after yew's microtask renders).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn value(root: &Element, selector: &str) -> String {
    js_sys::Reflect::get(&find(root, selector), &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn actions(plan: &Plan, id: u32) -> Vec<String> {
    plan.agreement(AgreementId(id))
        .expect("agreement")
        .chain
        .iter()
        .map(|s| s.action.clone())
        .collect()
}

#[wasm_bindgen_test]
async fn a_contingency_chain_is_edited_step_by_step_and_each_change_undoes_alone() {
    let root = mount(Which::Plan, day("2026-11-23")).await;
    let original = actions(&plan(), 1);
    assert_eq!(original.len(), 4);
    // Nothing of agreement 1's editor shows until it is selected.
    assert_eq!(count(&root, "#skn-agr-1-editor"), 0);
    click(
        &root,
        "#skn-sec-agreements li.skn-agreement:first-child .skn-agreement-head",
    )
    .await;
    assert_eq!(app().selection, Selection::Agreement(AgreementId(1)));
    assert_eq!(count(&root, "#skn-agr-1-editor .skn-step"), 4);

    click(&root, "#skn-agr-1-step-add").await;
    assert_eq!(count(&root, "#skn-agr-1-editor .skn-step"), 5);
    assert_eq!(text(&root, "#skn-agr-1-step-4-title"), "Plan E");

    change(
        &root,
        "#skn-agr-1-step-4-action",
        "Ring socialjouren 08-000 000",
    )
    .await;
    assert_eq!(actions(&plan(), 1)[4], "Ring socialjouren 08-000 000");

    click(&root, "#skn-agr-1-step-4-up").await;
    let moved = actions(&plan(), 1);
    assert_eq!(moved[3], "Ring socialjouren 08-000 000");
    assert_eq!(moved[4], original[3], "the old plan D is now plan E");
    // The screen follows: plan D now shows the moved text.
    assert_eq!(
        value(&root, "#skn-agr-1-step-3-action"),
        "Ring socialjouren 08-000 000"
    );
    assert_eq!(value(&root, "#skn-agr-1-step-4-action"), original[3]);

    click(&root, "#skn-agr-1-step-3-remove").await;
    assert_eq!(actions(&plan(), 1), original);
    assert_eq!(count(&root, "#skn-agr-1-editor .skn-step"), 4);

    // Add, type, move, remove: four changes, four undo steps.
    assert_eq!(app().history.borrow().undo_len(), 4);
    dispatch(Action::Undo).await;
    assert_eq!(actions(&plan(), 1)[3], "Ring socialjouren 08-000 000");
    assert_eq!(count(&root, "#skn-agr-1-editor .skn-step"), 5);
    dispatch(Action::Undo).await;
    assert_eq!(actions(&plan(), 1)[4], "Ring socialjouren 08-000 000");
}

#[wasm_bindgen_test]
async fn a_scale_answer_is_recorded_for_todays_meeting_and_joins_the_trend() {
    let root = mount(Which::Scale, day("2026-11-23")).await;
    // Jenny (person 3) answered 5 and then 6 at the sample's two meetings.
    let jenny = "#skn-scale-1-p3";
    assert_eq!(value(&root, jenny), "6");
    change(&root, jenny, "8").await;
    let answer = plan().scales()[0]
        .answers
        .iter()
        .find(|a| a.meeting == MeetingId(2) && a.person == PersonId(3))
        .map(|a| a.value.get());
    assert_eq!(answer, Some(8));
    let row = find(&root, jenny)
        .closest("tr")
        .expect("row")
        .expect("in a row");
    let numbers = row
        .query_selector(".skn-trend-numbers")
        .expect("selector")
        .expect("numbers shown as text")
        .text_content()
        .unwrap_or_default();
    assert_eq!(numbers, "5 → 8");
    assert!(
        row.query_selector("svg.skn-sparkline circle")
            .expect("selector")
            .is_some(),
        "the trend is drawn too"
    );
}

#[wasm_bindgen_test]
async fn starting_todays_meeting_keeps_earlier_answers_as_the_trend() {
    let root = mount(Which::Scale, day("2026-12-14")).await;
    // Meetings 1 and 2 were held; meeting 3 is planned for today.
    let planned = |p: &skyddsnat_core::Plan| {
        p.meetings()
            .iter()
            .find(|m| m.date == day("2026-12-14"))
            .map(|m| m.status)
    };
    assert_eq!(plan().meetings().len(), 3);
    assert_eq!(
        planned(&plan()),
        Some(skyddsnat_core::MeetingStatus::Planned)
    );
    click(&root, "#skn-scale-start").await;
    let p = plan();
    assert_eq!(
        p.meetings().len(),
        3,
        "the planned meeting starts, none is added"
    );
    assert_eq!(planned(&p), Some(skyddsnat_core::MeetingStatus::Held));
    let today = p.meetings().iter().find(|m| m.date == day("2026-12-14"));
    let today = today.expect("today's meeting");
    assert!(
        today.participants.contains(&PersonId(3)),
        "the invited are the first guess of who came"
    );
    assert_eq!(count(&root, "#skn-scale-start"), 0);
    // Nobody has answered today yet; the earlier answers stand as the trend.
    assert_eq!(value(&root, "#skn-scale-1-p3"), "");
    change(&root, "#skn-scale-1-p3", "7").await;
    let row = find(&root, "#skn-scale-1-p3")
        .closest("tr")
        .expect("row")
        .expect("row");
    assert_eq!(
        row.query_selector(".skn-trend-numbers")
            .expect("selector")
            .expect("numbers")
            .text_content()
            .unwrap_or_default(),
        "5 → 6 → 7"
    );
}

#[wasm_bindgen_test]
async fn removing_a_person_first_shows_what_names_them_and_undo_brings_all_back() {
    let root = mount(Which::Person, day("2026-11-23")).await;
    let birgitta = PersonId(5);
    dispatch(Action::Select(Selection::Person(birgitta))).await;
    assert_eq!(text(&root, "h2"), "Birgitta");
    // What rests on her: agreements 1 and 2 (checks and plan B).
    assert!(text(&root, ".skn-rests").contains("plan B"));

    click(&root, ".skn-remove button").await;
    let warning = text(&root, ".skn-confirm");
    assert!(
        warning.contains("Remove Birgitta from the plan?"),
        "{warning}"
    );
    assert!(
        warning.contains("Plan B in: Mikael är aldrig ensam"),
        "{warning}"
    );
    assert!(
        warning.contains("Checks: Mikael är aldrig ensam"),
        "{warning}"
    );
    assert!(
        warning.contains("Took part in the meeting on 2026-11-02"),
        "{warning}"
    );
    assert!(
        plan().person(birgitta).is_some(),
        "nothing is removed before confirming"
    );

    click(&root, ".skn-confirm .skn-button--danger").await;
    let after = plan();
    assert!(after.person(birgitta).is_none());
    assert!(after
        .agreements()
        .iter()
        .all(|a| !a.chain.iter().any(|s| s.people.contains(&birgitta))));
    assert_eq!(app().selection, Selection::None);
    // One undo restores her and every place that named her.
    dispatch(Action::Undo).await;
    let restored = plan();
    assert!(restored.person(birgitta).is_some());
    assert_eq!(restored, sample_plan());
}

#[wasm_bindgen_test]
async fn protected_identity_hides_and_clears_the_phone_number() {
    let root = mount(Which::Person, day("2026-11-23")).await;
    let jenny = PersonId(3);
    dispatch(Action::Select(Selection::Person(jenny))).await;
    assert_eq!(value(&root, "#skn-person-3-phone"), "070-174 06 11");
    click(&root, "#skn-person-3-protected").await;
    let p = plan();
    let jenny = p.person(jenny).expect("Jenny");
    assert!(jenny.protected);
    assert_eq!(
        jenny.phone, "",
        "a protected identity keeps no phone number"
    );
    assert_eq!(count(&root, "#skn-person-3-phone"), 0);
    assert!(text(&root, "#skn-person-3-protected-note").contains("no contact details"));
}

#[wasm_bindgen_test]
async fn hidden_names_show_roles_in_the_agreement_editor() {
    let root = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(1)))).await;
    let chips = text(&root, "#skn-agr-1-editor .skn-chips");
    assert!(chips.contains("Jenny"), "{chips}");
    dispatch(Action::SetHideNames(true)).await;
    let chips = text(&root, "#skn-agr-1-editor .skn-chips");
    assert!(!chips.contains("Jenny"), "{chips}");
    assert!(chips.contains("mamma"), "{chips}");
    // Free texts hide the names inside them too, and cannot be edited while
    // hidden (a commit would write the hidden form back into the plan).
    let field = "#skn-agr-1-text";
    let shown = value(&root, field);
    assert!(!shown.contains("Mikael"), "{shown}");
    assert!(shown.contains("är aldrig ensam med barnen"), "{shown}");
    let disabled = js_sys::Reflect::get(&find(&root, field), &"disabled".into())
        .ok()
        .and_then(|v| v.as_bool());
    assert_eq!(disabled, Some(true));
    let list = text(&root, ".skn-agreement-list");
    assert!(!list.contains("Mikael"), "{list}");
    dispatch(Action::SetHideNames(false)).await;
    assert!(value(&root, field).starts_with("Mikael är aldrig"));
}

#[wasm_bindgen_test]
async fn findings_appear_next_to_the_step_they_concern() {
    let root = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(1)))).await;
    click(&root, "#skn-agr-1-step-add").await;
    // The new plan E names nobody: the warning sits in that step, with its
    // severity in words, not only a colour.
    let step = find(&root, "#skn-agr-1-step-4-title")
        .closest("li")
        .expect("closest")
        .expect("step item");
    let findings = step.query_selector_all(".skn-finding").expect("selector");
    let texts: Vec<String> = (0..findings.length())
        .filter_map(|i| findings.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Warning") && t.contains("Plan E") && t.contains("nobody")),
        "{texts:?}"
    );
}

#[wasm_bindgen_test]
async fn the_childs_views_stay_hidden_until_shown_when_private() {
    let root = mount(Which::ChildVoice, day("2026-11-23")).await;
    assert!(text(&root, ".skn-child-panel").contains("När Mikael skriker."));
    click(&root, "#skn-voice-private").await;
    assert!(plan().settings().child_views_private);
    let panel = text(&root, ".skn-child-panel");
    assert!(!panel.contains("När Mikael skriker."), "{panel}");
    assert_eq!(count(&root, ".skn-voice"), 0);
    click(&root, "#skn-voice-show").await;
    assert!(text(&root, ".skn-child-panel").contains("När Mikael skriker."));
    // Undo turns privacy off again: it is an ordinary edit of the plan.
    dispatch(Action::Undo).await;
    assert!(!plan().settings().child_views_private);
}

#[wasm_bindgen_test]
async fn the_childs_words_are_kept_verbatim_with_the_date_and_people_are_picked_from_the_network() {
    let root = mount(Which::ChildVoice, day("2026-11-23")).await;
    let alva = PersonId(1);
    let words = "  Jag vill att mamma ska vara glad.  ";
    type_in(&root, "#skn-voice-1-dreams-new", words).await;
    find(&root, "#skn-voice-1-dreams-new")
        .closest("form")
        .expect("closest")
        .expect("the dream's form")
        .query_selector("button[type=submit]")
        .expect("selector")
        .expect("its add button")
        .dyn_into::<HtmlElement>()
        .expect("button")
        .click();
    scheduler::flush().await;
    let p = plan();
    let view = p
        .child_views()
        .iter()
        .find(|v| v.child == alva)
        .expect("Alva's view");
    let last = view.dreams.last().expect("a dream");
    assert_eq!(last.text, "Jag vill att mamma ska vara glad.");
    assert_eq!(last.date, Some(day("2026-11-23")));

    // Fatima (9) joins the house as the same person as on the map.
    let before = view.house.inside.len();
    change(&root, "#skn-voice-1-inside-person", "9").await;
    let p = plan();
    let view = p
        .child_views()
        .iter()
        .find(|v| v.child == alva)
        .expect("view");
    assert_eq!(view.house.inside.len(), before + 1);
    assert_eq!(
        view.house.inside.last().and_then(|e| e.person),
        Some(PersonId(9))
    );
    assert!(text(&root, "#skn-voice-1-inside-person").contains("Gunnar"));
}

#[wasm_bindgen_test]
async fn a_follow_up_questionnaire_is_recorded_with_faces_and_words() {
    let root = mount(Which::FollowUp, day("2026-11-23")).await;
    let before = plan().follow_ups().len();
    change(&root, "#skn-followup-respondent", "respondent.child").await;
    // The child's wording of the questions.
    assert!(text(&root, ".skn-followup-form").contains("Do you feel safe at home?"));
    click(&root, "#skn-followup-q0-4").await;
    click(&root, "#skn-followup-q2-1").await;
    type_in(&root, "#skn-followup-comment", "Bra med fotbollen.").await;
    click(&root, ".skn-followup-form button[type=submit]").await;
    let p = plan();
    assert_eq!(p.follow_ups().len(), before + 1);
    let f = p.follow_ups().last().expect("recorded");
    assert_eq!(f.respondent, Respondent::Child);
    assert_eq!(f.date, day("2026-11-23"));
    let values: Vec<Option<u8>> = f.answers.iter().map(|a| a.value).collect();
    assert_eq!(values, vec![Some(4), None, Some(1), None]);
    assert_eq!(f.comment, "Bra med fotbollen.");
    let list = text(&root, ".skn-followup-panel");
    assert!(list.contains("very much (4 of 4)"), "{list}");
}

#[wasm_bindgen_test]
async fn with_names_hidden_the_person_editor_shows_no_name_or_phone() {
    let root = mount(Which::Person, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Person(PersonId(5)))).await;
    assert_eq!(value(&root, "#skn-person-5-name"), "Birgitta");
    dispatch(Action::SetHideNames(true)).await;
    assert_eq!(text(&root, "h2"), "mormor");
    assert_eq!(count(&root, "#skn-person-5-name"), 0);
    assert_eq!(count(&root, "#skn-person-5-phone"), 0);
    let inputs = root
        .query_selector_all("input, textarea")
        .expect("selector");
    for i in 0..inputs.length() {
        let v = inputs
            .item(i)
            .and_then(|n| js_sys::Reflect::get(&n, &"value".into()).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        assert!(!v.contains("Birgitta") && !v.contains("070-"), "{v}");
    }
}

#[wasm_bindgen_test]
async fn keyboard_focus_follows_a_step_that_moves() {
    let root = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(2)))).await;
    let button = find(&root, "#skn-agr-2-step-2-up")
        .dyn_into::<HtmlElement>()
        .expect("button");
    button.focus().expect("focus");
    button.click();
    scheduler::flush().await;
    // Focus moves after the render, on the next task.
    sleep(20).await;
    let focused = gloo::utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default();
    assert_eq!(focused, app().dom_id("agr-2-step-1-up"));
    // Once more: plan B moves to plan A, where only "down" is left enabled.
    find(&root, "#skn-agr-2-step-1-up")
        .dyn_into::<HtmlElement>()
        .expect("button")
        .click();
    scheduler::flush().await;
    sleep(20).await;
    let focused = gloo::utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default();
    assert_eq!(focused, app().dom_id("agr-2-step-0-down"));
}

/// Ids of every element under `root`, and whether every `<label for>` there
/// points at an element of the same root.
fn ids_and_labels(root: &Element) -> (Vec<String>, bool) {
    let all = root.query_selector_all("[id]").expect("selector");
    let ids: Vec<String> = (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| e.id())
        .collect();
    let labels = root.query_selector_all("label[for]").expect("selector");
    let labelled = (0..labels.length())
        .filter_map(|i| labels.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|l| l.get_attribute("for"))
        .all(|target| ids.contains(&target));
    (ids, labelled)
}

#[wasm_bindgen_test]
async fn two_widgets_with_open_editors_share_no_id_and_every_label_finds_its_field() {
    let first = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(1)))).await;
    let second = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(1)))).await;
    let (a, a_labelled) = ids_and_labels(&first);
    let (b, b_labelled) = ids_and_labels(&second);
    assert!(a.len() > 40, "the agreement editor is open: {}", a.len());
    assert!(
        a_labelled && b_labelled,
        "a label points outside its widget"
    );
    let mut all = a.clone();
    all.extend(b);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "duplicate ids");
}

#[wasm_bindgen_test]
async fn the_calendar_lists_coming_checks_by_day_and_marks_missed_ones() {
    // The sample's log ends on 2026-11-22: three days later the daily
    // evening calls of 23–25 November are missed, and plan B is due.
    let root = mount(Which::FollowUp, day("2026-11-26")).await;
    let calendar = text(&root, ".skn-calendar");
    assert!(
        calendar.contains("Missed: 2026-11-23 · at 19:00: Birgitta – calls – agreement 1"),
        "{calendar}"
    );
    assert!(
        calendar.contains("Agreement 1: Now due: plan B: Birgitta"),
        "{calendar}"
    );
    let days = root
        .query_selector_all(".skn-calendar-day")
        .expect("selector");
    assert_eq!(days.length(), 14, "today and the 13 days after");
    let first = text(&root, ".skn-calendar-day");
    assert!(first.starts_with("Thu 2026-11-26 · today"), "{first}");
    assert!(
        first.contains("at 19:00: Birgitta – calls – agreement 1"),
        "{first}"
    );
}

#[wasm_bindgen_test]
async fn a_read_only_plan_shows_every_panel_without_a_way_to_change_it() {
    for which in [
        Which::Person,
        Which::Plan,
        Which::Scale,
        Which::ChildVoice,
        Which::FollowUp,
    ] {
        let root = mount_with(which, day("2026-11-23"), true).await;
        dispatch(Action::Select(Selection::Agreement(AgreementId(1)))).await;
        root.query_selector_all("details")
            .map(|all| {
                for i in 0..all.length() {
                    if let Some(d) = all.item(i) {
                        let _ = js_sys::Reflect::set(&d, &"open".into(), &true.into());
                    }
                }
            })
            .expect("selector");
        scheduler::flush().await;
        let enabled = root
            .query_selector_all(
                "input:not([disabled]), textarea:not([disabled]), select:not([disabled]), form",
            )
            .expect("selector")
            .length();
        let buttons = root.query_selector_all("button").expect("selector");
        let labels: Vec<String> = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|b| b.text_content())
            .collect();
        assert_eq!(enabled, 0, "an editable control in a read-only panel");
        // Only buttons that select, open or show remain.
        assert!(
            labels
                .iter()
                .all(|l| !l.contains("Remove") && !l.contains("Add") && !l.contains("Log")),
            "{labels:?}"
        );
        assert!(!root.text_content().unwrap_or_default().is_empty());
    }
}

/// The question before removing an agreement works like every such question
/// (dialog::use_question): the keyboard user lands on the answer, and Esc
/// takes the question back without removing anything.
#[wasm_bindgen_test]
async fn removing_an_agreement_asks_first_with_the_focus_on_the_answer_and_esc_takes_it_back() {
    let root = mount(Which::Plan, day("2026-11-23")).await;
    dispatch(Action::Select(Selection::Agreement(AgreementId(2)))).await;
    let buttons = root.query_selector_all("button").expect("buttons");
    let ask = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().unwrap_or_default() == "Remove the agreement…")
        .expect("the remove button")
        .dyn_into::<HtmlElement>()
        .expect("button");
    ask.click();
    scheduler::flush().await;
    sleep(20).await;
    let focused = gloo::utils::document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert_eq!(
        focused,
        skyddsnat_core::i18n::tr(Lang::En, "panel.agreement.remove_confirm")
    );

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    find(&root, ".skn-confirm")
        .dispatch_event(&escape)
        .expect("dispatch");
    scheduler::flush().await;
    assert_eq!(count(&root, ".skn-confirm"), 0, "Esc closes the question");
    assert!(
        plan().agreement(AgreementId(2)).is_some(),
        "nothing removed"
    );
}
