//! Browser tests for closing a meeting and the "what changed since the last
//! meeting" view in the follow-up tab, and for how closed meetings are kept
//! in browser storage (each snapshot once, not once per autosaved version).
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test follow_up`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::{
    file, AgreementId, Date, Edit, Lang, Meeting, MeetingId, MeetingStatus, Person, PersonId, Plan,
    ScaleAnswer, Score,
};
use skyddsnat_web::panels::FollowUpPanel;
use skyddsnat_web::state::{Action, AppContext, AppState};
use skyddsnat_web::storage::Store;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static HANDLE: RefCell<Option<AppContext>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    today: Date,
    lang: Lang,
}

#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    let (today, lang) = (props.today, props.lang);
    let state = use_reducer(move || AppState::new(sample_plan(), today, lang, false));
    HANDLE.with(|h| *h.borrow_mut() = Some(state.clone()));
    html! {
        <ContextProvider<AppContext> context={state}>
            <FollowUpPanel />
        </ContextProvider<AppContext>>
    }
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

async fn mount(today: &str, lang: Lang) -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            today: day(today),
            lang,
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

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
    scheduler::flush().await;
}

/// The sample's planned meeting `id`, marked as held.
fn held(plan: &Plan, id: u32) -> Meeting {
    Meeting {
        status: MeetingStatus::Held,
        ..plan
            .meetings()
            .iter()
            .find(|m| m.id == MeetingId(id))
            .expect("a planned meeting")
            .clone()
    }
}

fn focused_id() -> String {
    gloo::utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Meeting 3 of the sample family: Nora joins, agreement 1 is reworded and
/// its plan B changes, and Jenny answers the first scaling question with 8.
async fn third_meeting() {
    let p = plan();
    // The meeting planned for 14 December is held; Jenny came.
    dispatch(Action::Edit(Edit::update(Meeting {
        participants: vec![PersonId(3)],
        ..held(&p, 3)
    })))
    .await;
    let mut nora: Person = p.people()[0].clone();
    nora.id = PersonId(30);
    nora.name = "Nora".into();
    nora.role = String::new();
    dispatch(Action::Edit(Edit::add(nora))).await;
    let mut a1 = p.agreement(AgreementId(1)).expect("agreement 1").clone();
    a1.text = "Mamma är hemma varje kväll från 17.".into();
    a1.chain[1].action = "Nora ringer socialjouren.".into();
    dispatch(Action::Edit(Edit::update(a1))).await;
    let mut q = p.scales()[0].clone();
    q.answers.push(ScaleAnswer {
        meeting: MeetingId(3),
        person: PersonId(3),
        value: Score::new(8).expect("score"),
    });
    dispatch(Action::Edit(Edit::update(q))).await;
}

#[wasm_bindgen_test]
async fn closing_a_meeting_asks_first_keeps_the_plan_and_undoes() {
    let root = mount("2026-11-23", Lang::En).await;
    assert!(text(&root, ".skn-followup-panel").contains("No meeting has been closed yet."));
    assert!(text(&root, ".skn-changes").contains("Once a meeting is closed"));

    // The button names the meeting; the question says what closing does.
    assert!(text(&root, "#skn-close-meeting").contains("2026-11-23"));
    click(&root, "#skn-close-meeting").await;
    assert_eq!(focused_id(), app().dom_id("close-confirm"));
    let question = text(&root, ".skn-confirm");
    assert!(
        question.contains("Close the meeting of 2026-11-23?"),
        "{question}"
    );
    assert!(
        question.contains("never shown in the printout"),
        "{question}"
    );
    assert!(question.contains("Undo"), "{question}");
    assert!(plan().snapshots().is_empty(), "asking changes nothing");

    // Esc cancels, by keyboard.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let esc =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    find(&root, "#skn-close-confirm")
        .dispatch_event(&esc)
        .expect("dispatch");
    scheduler::flush().await;
    assert_eq!(count(&root, ".skn-confirm"), 0);
    assert!(plan().snapshots().is_empty());

    click(&root, "#skn-close-meeting").await;
    click(&root, "#skn-close-confirm").await;
    let closed = plan();
    assert_eq!(closed.snapshots().len(), 1);
    assert_eq!(closed.snapshots()[0].plan, sample_plan());
    assert!(app().announcement.contains("2026-11-23 is closed"));
    assert!(text(&root, ".skn-followup-panel").contains("Closed meetings: 2026-11-23"));
    assert!(text(&root, "#skn-changes-summary")
        .contains("Nothing has changed since the meeting of 2026-11-23."));

    // Closing is one edit: undo takes the snapshot away, redo brings it back.
    dispatch(Action::Undo).await;
    assert!(plan().snapshots().is_empty());
    assert!(text(&root, ".skn-changes").contains("Once a meeting is closed"));
    dispatch(Action::Redo).await;
    assert_eq!(plan().snapshots().len(), 1);
}

#[wasm_bindgen_test]
async fn the_changes_view_lists_exactly_what_changed_since_the_closed_meeting() {
    let root = mount("2026-12-14", Lang::En).await;
    let close = plan().close_meeting(MeetingId(2)).expect("meeting 2");
    dispatch(Action::Edit(close)).await;
    third_meeting().await;

    let summary = text(&root, "#skn-changes-summary");
    assert!(
        summary.contains("Changes since the meeting of 2026-11-23"),
        "{summary}"
    );
    let people: Vec<String> = {
        let list = root
            .query_selector_all(&scoped("#skn-changes-people-list li"))
            .expect("selector");
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    assert_eq!(people, vec!["Added: Nora".to_string()]);

    // Agreement 1's text, before → after, and its plan B in the steps table.
    let agreements = text(&root, "#skn-changes-agreements-table");
    let old_text = sample_plan()
        .agreement(AgreementId(1))
        .expect("a1")
        .text
        .clone();
    assert!(agreements.contains("Agreement 1, text"), "{agreements}");
    assert!(agreements.contains(&old_text), "{agreements}");
    assert!(agreements.contains("Mamma är hemma varje kväll från 17."));
    let steps = text(&root, "#skn-changes-steps-table");
    assert!(steps.contains("Agreement 1, plan B"), "{steps}");
    assert!(steps.contains("Nora ringer socialjouren."), "{steps}");
    assert_eq!(count(&root, "#skn-changes-agreements-table tbody tr"), 1);

    // Scaling answers side by side, meeting by meeting, as numbers.
    let q1 = plan().scales()[0].id.0;
    let table = find(&root, &format!("#skn-changes-scale-{q1}"));
    let head = table
        .query_selector("thead")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    assert!(
        head.contains("2026-11-02") && head.contains("2026-11-23") && head.contains("2026-12-14")
    );
    assert!(head.contains("(compared)"));
    let jenny_row = (0..table.query_selector_all("tbody tr").expect("rows").length())
        .filter_map(|i| {
            table
                .query_selector_all("tbody tr")
                .ok()?
                .item(i)?
                .text_content()
        })
        .find(|r| r.starts_with("Jenny"))
        .expect("Jenny's row");
    assert!(jenny_row.ends_with('8'), "{jenny_row}");

    // Hide names: nobody is named in the view, not even in texts.
    dispatch(Action::SetHideNames(true)).await;
    let view = text(&root, ".skn-changes");
    for name in ["Nora", "Jenny"] {
        assert!(
            !view.contains(name),
            "{name} shown with names hidden: {view}"
        );
    }
    dispatch(Action::SetHideNames(false)).await;

    // Undo the last two changes: the view follows.
    dispatch(Action::Undo).await;
    dispatch(Action::Undo).await;
    assert_eq!(count(&root, "#skn-changes-steps-table"), 0);
    assert_eq!(count(&root, "#skn-changes-agreements-table"), 0);
}

#[wasm_bindgen_test]
async fn the_view_is_in_swedish_too() {
    let root = mount("2026-12-14", Lang::Sv).await;
    let close = plan().close_meeting(MeetingId(2)).expect("meeting 2");
    dispatch(Action::Edit(close)).await;
    third_meeting().await;
    let view = text(&root, ".skn-changes");
    assert!(view.contains("Vad har ändrats sedan förra mötet"), "{view}");
    assert!(view.contains("Ny: Nora"), "{view}");
    assert!(view.contains("Överenskommelse 1, plan B"), "{view}");
    assert!(text(&root, "#skn-close-meeting").contains("Avsluta mötet 2026-12-14"));
}

/// Every key and value this plan has in storage, in UTF-16 code units (what
/// the browser's quota counts).
fn stored_units(key_name: &str) -> (usize, usize) {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage");
    let prefix = format!("skyddsnat:v1:{key_name}:");
    let mut units = 0;
    let mut blobs = 0;
    for i in 0..storage.length().expect("length") {
        let Some(k) = storage.key(i).ok().flatten() else {
            continue;
        };
        if !k.starts_with(&prefix) {
            continue;
        }
        let v = storage.get_item(&k).ok().flatten().unwrap_or_default();
        units += k.encode_utf16().count() + v.encode_utf16().count();
        if k.contains(":snapshot:") {
            blobs += 1;
        }
    }
    (units, blobs)
}

#[wasm_bindgen_test]
fn storage_keeps_each_snapshot_once_and_restores_the_whole_history() {
    let key = "test-follow-up-storage";
    Store::new(key).forget();
    let mut plan = sample_plan();
    plan.apply(Edit::update(held(&plan, 3))).expect("meeting 3");
    for id in [1, 2, 3] {
        let close = plan.close_meeting(MeetingId(id)).expect("close");
        plan.apply(close).expect("closed");
    }
    let store = Store::new(key);
    assert_eq!(store.save(&plan), skyddsnat_web::state::StorageStatus::Ok);
    let (after_one, blobs) = stored_units(key);
    assert_eq!(blobs, 3, "one blob per closed meeting");
    // Twenty more saves (an edit each): no snapshot is written again.
    for i in 0..20 {
        let edit = Edit::SetTitle(format!("Alva och Elis {i}"));
        plan.apply(edit).expect("title");
        store.save(&plan);
    }
    let (after_many, blobs) = stored_units(key);
    assert_eq!(blobs, 3);
    let file = file::to_json(&plan);
    let file_units = file.encode_utf16().count();
    let (copy, blob_total) = copy_and_blob_units(key);
    let ring = 1 + skyddsnat_web::storage::MAX_VERSIONS as usize;
    let full_ring = blob_total + ring * copy;
    let naive = ring * file_units;
    web_sys::console::log_1(
        &format!(
            "storage, sample with 3 closed meetings: the file is {file_units} units; \
             stored {after_one} units after one save, {after_many} after 21 saves; \
             one copy {copy} + blobs {blob_total}; a full ring of {ring} copies: {full_ring} \
             units (whole files would be {naive})"
        )
        .into(),
    );
    assert!(
        copy * 3 < file_units,
        "a copy holds hashes, not the history"
    );
    assert!(full_ring * 3 < naive);
    // Restored from storage in a new session: the whole history is back.
    let reopened = Store::new(key).load().expect("loads").expect("a plan");
    assert_eq!(reopened, plan);
    assert_eq!(reopened.snapshots().len(), 3);
    // The versions carry the history too.
    let versions = Store::new(key).versions();
    assert!(!versions.is_empty());
    let old = file::from_json(&versions[0].json).expect("a version opens");
    assert_eq!(old.snapshots().len(), 3);

    // Undo every closing: the blobs nobody names are cleaned up once the
    // versions that named them are gone; the latest copy names none.
    let mut bare = plan.clone();
    for id in [1, 2, 3] {
        bare.apply(Edit::Snapshot(MeetingId(id), None))
            .expect("forget");
    }
    store.save(&bare);
    assert_eq!(Store::new(key).load().expect("loads"), Some(bare));
    Store::new(key).forget();
    assert_eq!(stored_units(key), (0, 0));
}

/// The stored size of the latest copy, and of all snapshot blobs together.
fn copy_and_blob_units(key_name: &str) -> (usize, usize) {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage");
    let units = |k: &str| {
        storage
            .get_item(k)
            .ok()
            .flatten()
            .unwrap_or_default()
            .encode_utf16()
            .count()
    };
    let prefix = format!("skyddsnat:v1:{key_name}:");
    let copy = units(&format!("{prefix}plan"));
    let blobs = (0..storage.length().expect("length"))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&format!("{prefix}snapshot:")))
        .map(|k| units(&k))
        .sum();
    (copy, blobs)
}

#[wasm_bindgen_test]
async fn an_earlier_closed_meeting_can_be_chosen_to_compare_with() {
    let root = mount("2026-11-23", Lang::En).await;
    // Meeting 1 closed, Nora joins, meeting 2 closed.
    let close = plan().close_meeting(MeetingId(1)).expect("close 1");
    dispatch(Action::Edit(close)).await;
    let mut nora: Person = plan().people()[0].clone();
    nora.id = PersonId(30);
    nora.name = "Nora".into();
    dispatch(Action::Edit(Edit::add(nora))).await;
    let close = plan().close_meeting(MeetingId(2)).expect("close 2");
    dispatch(Action::Edit(close)).await;
    // By default the latest closed meeting: nothing changed since.
    assert!(text(&root, "#skn-changes-summary")
        .contains("Nothing has changed since the meeting of 2026-11-23"));
    assert_eq!(count(&root, "#skn-changes-people-list"), 0);
    // Choosing meeting 1 (listed by its date) shows what changed since then.
    let select = find(&root, "#skn-changes-since");
    assert!(select
        .text_content()
        .unwrap_or_default()
        .contains("2026-11-02"));
    js_sys::Reflect::set(&select, &"value".into(), &"1".into()).expect("set value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
    let summary = text(&root, "#skn-changes-summary");
    assert!(
        summary.contains("Changes since the meeting of 2026-11-02"),
        "{summary}"
    );
    assert_eq!(text(&root, "#skn-changes-people-list"), "Added: Nora");
    let q1 = plan().scales()[0].id.0;
    let head = text(&root, &format!("#skn-changes-scale-{q1} thead"));
    assert!(head.contains("2026-11-02 (compared)"), "{head}");
}
