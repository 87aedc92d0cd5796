//! Browser tests for the meeting screen: mount the widget through the JS API
//! with the sample family, drive it as a user does (the add form, keys on
//! the map, the relation dialog, toolbar buttons), and check both the screen
//! and the plan the host page reads back.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test shell`

#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use skyddsnat_web::{mount, Widget};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted widget and the element it lives in.
struct Mounted {
    root: Element,
    widget: Widget,
}

async fn mount_with(storage_key: &str, sample: bool) -> Mounted {
    mount_on(storage_key, sample, "2026-11-23").await
}

async fn mount_on(storage_key: &str, sample: bool, today: &str) -> Mounted {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let options = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&options, &k.into(), &v).expect("set option");
    };
    set("sample", sample.into());
    set("today", today.into());
    set("storageKey", storage_key.into());
    let widget = mount(root.clone(), options.into()).expect("mount");
    scheduler::flush().await;
    Mounted { root, widget }
}

/// A fresh sample widget under a storage key no other test uses.
async fn sample(key: &str) -> Mounted {
    skyddsnat_web::storage::Store::new(key).forget();
    mount_with(key, true).await
}

impl Mounted {
    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .expect("valid selector")
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn count(&self, selector: &str) -> u32 {
        self.root
            .query_selector_all(selector)
            .expect("selector")
            .length()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    /// The map node of the person whose label reads `label`.
    fn node(&self, label: &str) -> Element {
        let overlays = self
            .root
            .query_selector_all("[data-overlay]")
            .expect("selector");
        let id = (0..overlays.length())
            .filter_map(|i| overlays.get(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .find(|n| {
                n.query_selector(".skn-label")
                    .ok()
                    .flatten()
                    .and_then(|l| l.text_content())
                    .as_deref()
                    == Some(label)
            })
            .and_then(|o| o.get_attribute("data-overlay"))
            .unwrap_or_else(|| panic!("no node labelled {label}"));
        self.find(&format!("[data-person=\"{id}\"]"))
    }

    fn labels(&self) -> Vec<String> {
        let labels = self
            .root
            .query_selector_all(".skn-label")
            .expect("selector");
        (0..labels.length())
            .filter_map(|i| labels.get(i))
            .filter_map(|n| n.text_content())
            .collect()
    }

    fn live(&self) -> String {
        self.text("[role=status][aria-live]")
    }

    /// The plan as the host page reads it.
    fn plan(&self) -> Value {
        serde_json::from_str(&self.widget.export_json()).expect("exported JSON")
    }

    fn person(&self, name: &str) -> Value {
        self.plan()["people"]
            .as_array()
            .expect("people")
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no person {name} in the plan"))
    }

    async fn click(&self, selector: &str) {
        self.find(selector)
            .dyn_into::<HtmlElement>()
            .expect("html")
            .click();
        scheduler::flush().await;
    }

    async fn click_button(&self, text: &str) {
        let buttons = self.root.query_selector_all("button").expect("selector");
        let button = (0..buttons.length())
            .filter_map(|i| buttons.get(i))
            .filter_map(|b| b.dyn_into::<HtmlElement>().ok())
            .find(|b| b.text_content().is_some_and(|t| t.trim() == text))
            .unwrap_or_else(|| panic!("no button {text}"));
        button.click();
        scheduler::flush().await;
    }

    async fn destroy(mut self) {
        self.widget.destroy();
        scheduler::flush().await;
        self.root.remove();
    }
}

async fn key(target: &Element, key: &str, ctrl: bool, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("keyboard event");
    target.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

/// Types into a field as the browser reports typing (an `input` event).
async fn type_into(field: &Element, value: &str) {
    js_sys::Reflect::set(field, &"value".into(), &value.into()).expect("set value");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    field.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

async fn choose(field: &Element, value: &str) {
    js_sys::Reflect::set(field, &"value".into(), &value.into()).expect("set value");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    field.dispatch_event(&event).expect("dispatch");
    scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_sample_family_is_drawn_with_a_legend_and_named_tabs() {
    let w = sample("test-draw").await;
    let plan = w.plan();
    let people = plan["people"].as_array().expect("people").len() as u32;
    let children = plan["children"].as_array().expect("children").len() as u32;
    assert_eq!(w.count("[data-person]"), people + children);
    assert_eq!(
        w.count("[data-rel]"),
        plan["relations"].as_array().expect("relations").len() as u32
    );
    assert!(w.text(".skn-title").contains("Alva, 7"));
    assert!(w.text(".skn-title").contains("Möte 2"));
    assert_eq!(
        w.count("[role=tab]"),
        6,
        "person, plan, scale, child's voice, follow-up, case"
    );
    assert_eq!(
        w.find("[role=tab][aria-selected=true]")
            .text_content()
            .as_deref(),
        Some("Person")
    );
    assert!(w.text(".skn-legend").contains("Påfrestande"));
    // Private and professional people differ in shape, not only colour.
    assert!(w.count(".skn-node--professional rect.skn-node-shape") > 0);
    assert!(w.count(".skn-node--private circle.skn-node-shape") > 0);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn adding_people_with_the_form_keeps_it_open_for_the_next() {
    let w = sample("test-add").await;
    let before = w.count("[data-person]");
    key(&w.find(".skn-app"), "n", false, false).await;
    let name = w.find(".skn-add-person input[name=name]");
    assert_eq!(
        gloo::utils::document().active_element().as_ref(),
        Some(&name),
        "the name field has the focus"
    );
    choose(
        &w.find(".skn-add-person select[name=sector]"),
        "sector.relatives",
    )
    .await;
    choose(&w.find(".skn-add-person select[name=ring]"), "1").await;
    for (n, role) in [("Kalle", "morbror"), ("Lisa", "kusin")] {
        type_into(&w.find(".skn-add-person input[name=name]"), n).await;
        type_into(&w.find(".skn-add-person input[name=role]"), role).await;
        w.click(".skn-add-person button[type=submit]").await;
    }
    assert_eq!(w.count("[data-person]"), before + 2);
    let kalle = w.person("Kalle");
    assert_eq!(kalle["role"], "morbror");
    assert_eq!(kalle["place"]["sector"], "relatives");
    assert_eq!(kalle["place"]["ring"], 1);
    assert_eq!(kalle["kind"], "private");
    // The two new people do not sit on the same spot.
    assert_ne!(kalle["place"], w.person("Lisa")["place"]);
    // Still open and emptied for the next person.
    assert_eq!(w.count(".skn-add-person"), 1);
    assert_eq!(
        js_sys::Reflect::get(&w.find(".skn-add-person input[name=name]"), &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .as_deref(),
        Some("")
    );
    assert!(w.live().contains("Lisa"), "announced: {}", w.live());
    w.node("Kalle");
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_selected_person_and_undo_brings_them_back() {
    let w = sample("test-move").await;
    let before = w.person("Tomas")["place"].clone();
    let node = w.node("Tomas");
    key(&node, "Enter", false, false).await;
    assert_eq!(
        w.node("Tomas").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let ring = before["ring"].as_u64().expect("ring");
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    let after = w.person("Tomas")["place"].clone();
    assert_eq!(after["ring"].as_u64(), Some((ring + 1).min(3)));
    assert!(
        w.live().starts_with("Tomas flyttad till ring"),
        "announced: {}",
        w.live()
    );
    key(&w.node("Tomas"), "ArrowRight", false, false).await;
    assert_ne!(w.person("Tomas")["place"]["sector"], after["sector"]);
    // Ctrl+Z twice: back where he was.
    key(&w.find(".skn-app"), "z", true, false).await;
    key(&w.find(".skn-app"), "z", true, false).await;
    assert_eq!(w.person("Tomas")["place"], before);
    assert_eq!(w.live(), "Ångrat.");
    // Ctrl+Shift+Z redoes.
    key(&w.find(".skn-app"), "Z", true, true).await;
    assert_eq!(w.person("Tomas")["place"], after);
    // Escape clears the selection.
    key(&w.node("Tomas"), "Escape", false, false).await;
    assert_eq!(w.count("[data-person][aria-pressed=true]"), 0);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn a_relation_is_drawn_with_the_keyboard_and_shows_as_an_arrow() {
    let w = sample("test-relate").await;
    let before = w.count("[data-rel]");
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "r", false, false).await;
    let alva = w.plan()["children"][0]["id"].as_u64().expect("child id");
    choose(&w.find(".skn-relate select[name=to]"), &alva.to_string()).await;
    choose(&w.find(".skn-relate select[name=support]"), "from").await;
    w.click(".skn-relate button[type=submit]").await;
    assert_eq!(w.count("[data-rel]"), before + 1);
    assert_eq!(w.count(".skn-relate"), 0, "the dialog closes");
    assert_eq!(
        gloo::utils::document().active_element(),
        Some(w.node("Tomas")),
        "focus is back on the person the relation was drawn from"
    );
    let tomas = w.person("Tomas")["id"].clone();
    let rel = w.plan()["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .find(|r| r["from"] == tomas && r["to"] == alva)
        .cloned()
        .expect("the new relation");
    assert_eq!(rel["kind"], "strong");
    assert_eq!(rel["supports"], true);
    let drawn = w.find(&format!("[data-rel=\"{}\"]", rel["id"]));
    assert!(drawn
        .query_selector(".skn-rel-arrow")
        .ok()
        .flatten()
        .is_some());
    // "r" again on the same pair edits that line instead of drawing a second.
    key(&w.node("Tomas"), "r", false, false).await;
    choose(&w.find(".skn-relate select[name=to]"), &alva.to_string()).await;
    w.click(".skn-relate input[value=stressful]").await;
    w.click(".skn-relate button[type=submit]").await;
    assert_eq!(w.count("[data-rel]"), before + 1);
    assert!(w
        .find(&format!("[data-rel=\"{}\"]", rel["id"]))
        .class_list()
        .contains("skn-rel--stressful"));
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn hiding_names_shows_roles_or_initials_everywhere_on_the_map() {
    let w = sample("test-hide").await;
    assert!(w.labels().iter().any(|l| l == "Birgitta"));
    w.click_button("Dölj namn").await;
    let labels = w.labels();
    let people = w.plan()["people"].as_array().expect("people").clone();
    for p in &people {
        let name = p["name"].as_str().unwrap_or("");
        assert!(
            !labels.iter().any(|l| l == name),
            "{name} still shown: {labels:?}"
        );
    }
    assert!(
        !w.text(".skn-title").contains("Alva"),
        "the title hides the child's name"
    );
    assert!(w.text(".skn-title").contains("A."));
    // Each node's accessible name hides that person's own name too.
    for p in &people {
        let node = w.find(&format!("[data-person=\"{}\"]", p["id"]));
        let aria = node.get_attribute("aria-label").unwrap_or_default();
        let name = p["name"].as_str().unwrap_or("");
        assert!(!aria.contains(name), "{name} in {aria}");
    }
    w.click_button("Dölj namn").await;
    assert!(w.labels().iter().any(|l| l == "Birgitta"));
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn the_language_switches_at_run_time() {
    let w = sample("test-lang").await;
    assert_eq!(
        w.find(".skn-app").get_attribute("lang").as_deref(),
        Some("sv")
    );
    w.click_button("EN").await;
    assert_eq!(
        w.find(".skn-app").get_attribute("lang").as_deref(),
        Some("en")
    );
    assert!(w.text(".skn-title").contains("Meeting 2"));
    assert!(w.text(".skn-tabs").contains("Child's voice"));
    assert!(w.text(".skn-legend").contains("Stressful"));
    assert!(w.text(".skn-map-svg").contains("Relatives"));
    w.click_button("SV").await;
    assert!(w.text(".skn-tabs").contains("Barnets röst"));
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn the_list_view_shows_the_same_people_and_moves_them() {
    let w = sample("test-list").await;
    w.click_button("Visa som lista").await;
    assert_eq!(w.count(".skn-map-svg"), 0);
    let people = w.plan()["people"].as_array().expect("people").len() as u32;
    assert_eq!(w.count(".skn-table tbody tr"), people);
    let tomas_id = w.person("Tomas")["id"].clone();
    let select = w.find("select[aria-label=\"Ring för Tomas\"]");
    choose(&select, "3").await;
    assert_eq!(w.person("Tomas")["place"]["ring"], 3);
    assert_eq!(w.person("Tomas")["id"], tomas_id);
    w.click_button("Visa som karta").await;
    assert_eq!(w.count(".skn-map-svg"), 1);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn autosave_restores_on_the_next_mount_and_forget_removes_every_key() {
    let key_name = "test-storage";
    let w = sample(key_name).await;
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    let moved = w.person("Tomas")["place"].clone();
    w.destroy().await;

    // Mount again without the sample: the stored plan comes back.
    let again = mount_with(key_name, false).await;
    assert_eq!(again.person("Tomas")["place"], moved);
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage");
    let ours = |s: &web_sys::Storage| {
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(&format!("skyddsnat:v1:{key_name}:")))
            .count()
    };
    assert!(ours(&storage) >= 2, "plan and meta are stored");
    assert!(
        mirrored(key_name).await.is_some(),
        "IndexedDB has the power-cut copy"
    );

    // "Forget" through the menu, confirmed.
    stub_confirm(true);
    again.click(".skn-menu > button").await;
    again
        .click_button("Radera planen från den här datorn")
        .await;
    assert_eq!(ours(&storage), 0, "every key of this plan is gone");
    assert_eq!(
        mirrored(key_name).await,
        None,
        "the IndexedDB copy is gone too"
    );
    // Later edits are not written back.
    key(&again.node("Tomas"), "Enter", false, false).await;
    key(&again.node("Tomas"), "ArrowUp", false, false).await;
    assert_eq!(ours(&storage), 0);
    assert!(again.text(".skn-banner").contains("raderad"));
    again.destroy().await;
}

/// The demo opened on any day: meeting 2 is today's meeting, and the plan is
/// in good order (no fallback step due, no missed check), not three weeks
/// of stale check-ins after the day the sample was written.
#[wasm_bindgen_test]
async fn the_sample_is_dated_from_the_day_it_is_opened() {
    let key = "test-sample-today";
    skyddsnat_web::storage::Store::new(key).forget();
    let w = mount_on(key, true, "2027-03-10").await;
    let plan = w.plan();
    let meetings = plan["meetings"].as_array().expect("meetings");
    // Meeting 2 today, meeting 3 planned three weeks on.
    assert_eq!(meetings[1]["date"], "2027-03-10");
    assert_eq!(meetings[1]["status"], "held");
    assert_eq!(meetings[2]["date"], "2027-03-31");
    assert_eq!(meetings[2]["status"], "planned");
    let log = plan["check_ins"].as_array().expect("check-ins");
    assert!(
        log.iter().any(|c| c["date"] == "2027-03-09"),
        "logged up to yesterday"
    );
    assert!(w.text(".skn-topbar").contains("Möte 2"));
    w.click("[data-tab=plan]").await;
    let text = w.root.text_content().unwrap_or_default();
    assert!(!text.contains("Nu gäller plan"), "{text}");
    w.click("[data-tab=follow-up]").await;
    assert!(w.text(".skn-tabpanel").contains("Inga missade kontroller."));
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn set_plan_refuses_a_bad_plan_and_keeps_the_open_one() {
    let w = sample("test-setplan").await;
    let before = w.widget.export_json();
    let bad =
        js_sys::JSON::parse(r#"{"format":"skyddsnat","schema_version":1,"people":[{"id":1}]}"#)
            .expect("json");
    let err = w.widget.set_plan(bad).expect_err("refused");
    let message = js_sys::Reflect::get(&err, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    assert!(!message.is_empty());
    assert_eq!(w.widget.export_json(), before);
    // A good plan replaces it and is drawn.
    let mut plan: Value = serde_json::from_str(&before).expect("json");
    plan["people"].as_array_mut().expect("people").truncate(2);
    plan["relations"] = Value::Array(Vec::new());
    plan["agreements"] = Value::Array(Vec::new());
    let good = js_sys::JSON::parse(&plan.to_string()).expect("json");
    // The sample's other references may point at removed people: only
    // accept the outcome the core decides, but never a half-applied plan.
    match w.widget.set_plan(good) {
        Ok(()) => {
            scheduler::flush().await;
            let children = plan["children"].as_array().map_or(0, Vec::len) as u32;
            assert_eq!(w.count("[data-person]"), 2 + children);
        }
        Err(_) => assert_eq!(w.widget.export_json(), before),
    }
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn destroy_empties_the_element() {
    let w = sample("test-destroy").await;
    assert!(w.count(".skn-app") == 1);
    let root = w.root.clone();
    w.widget_destroy_keep_root().await;
    assert_eq!(root.child_element_count(), 0);
    root.remove();
}

impl Mounted {
    async fn widget_destroy_keep_root(mut self) {
        self.widget.destroy();
        scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_share_no_element_id() {
    let a = sample("test-two-a").await;
    let b = sample("test-two-b").await;
    // Open the menus and a dialog too, so their ids exist.
    a.click(".skn-menu > button").await;
    b.click(".skn-menu > button").await;
    key(&b.find(".skn-app"), "n", false, false).await;
    let ids = gloo::utils::document()
        .query_selector_all(".skn-app [id]")
        .expect("selector");
    let ids: Vec<String> = (0..ids.length())
        .filter_map(|i| ids.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| e.id())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in {ids:?}");
    // Every id a control points at exists in its own widget.
    for w in [&a, &b] {
        let refs = w
            .root
            .query_selector_all("[aria-controls]")
            .expect("selector");
        for i in 0..refs.length() {
            let el: Element = refs
                .get(i)
                .and_then(|n| n.dyn_into().ok())
                .expect("element");
            let target = el.get_attribute("aria-controls").unwrap_or_default();
            assert!(
                w.root
                    .query_selector(&format!("#{target}"))
                    .ok()
                    .flatten()
                    .is_some(),
                "{target} not found in its widget"
            );
        }
    }
    a.destroy().await;
    b.destroy().await;
}

fn stub_confirm(answer: bool) {
    js_sys::Reflect::set(
        &web_sys::window().expect("window"),
        &"confirm".into(),
        &js_sys::Function::new_no_args(if answer {
            "return true"
        } else {
            "return false"
        }),
    )
    .expect("stub confirm");
}

#[wasm_bindgen_test]
async fn an_earlier_version_can_be_restored_after_a_bad_edit() {
    let w = sample("test-versions").await;
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    let first = w.person("Tomas")["place"].clone();
    // A second change within the minute: saved as latest, not as a version.
    key(&w.node("Tomas"), "ArrowRight", false, false).await;
    assert_ne!(w.person("Tomas")["place"], first);
    w.click(".skn-menu > button").await;
    w.click_button("Tidigare versioner…").await;
    assert_eq!(w.count(".skn-versions-list li"), 1);
    stub_confirm(false);
    w.click(".skn-versions-list button").await;
    assert_ne!(
        w.person("Tomas")["place"],
        first,
        "declined: nothing changes"
    );
    let before_restore = w.person("Tomas")["place"].clone();
    stub_confirm(true);
    w.click(".skn-versions-list button").await;
    assert_eq!(w.person("Tomas")["place"], first);
    assert_eq!(w.count(".skn-versions"), 0, "the dialog closes");
    assert!(w.live().contains("Ctrl+Z"), "{}", w.live());
    // The restore is a step of its own: undo brings back what it replaced,
    // redo the restored version.
    key(&w.find(".skn-app"), "z", true, false).await;
    assert_eq!(w.person("Tomas")["place"], before_restore);
    key(&w.find(".skn-app"), "z", true, true).await;
    assert_eq!(w.person("Tomas")["place"], first);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn forget_all_removes_every_plan_the_widget_saved() {
    let a = sample("test-forget-a").await;
    let b = sample("test-forget-b").await;
    for w in [&a, &b] {
        key(&w.node("Tomas"), "Enter", false, false).await;
        key(&w.node("Tomas"), "ArrowDown", false, false).await;
    }
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage");
    let ours = |s: &web_sys::Storage| {
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with("skyddsnat:"))
            .count()
    };
    assert!(ours(&storage) >= 4);
    // Something that is not ours stays.
    storage.set_item("host-page-setting", "1").expect("set");
    stub_confirm(true);
    a.click(".skn-menu > button").await;
    assert!(idb_names().await.iter().any(|n| n == "skyddsnat"));
    a.click_button("Radera alla planer från den här datorn")
        .await;
    assert_eq!(ours(&storage), 0);
    // The IndexedDB copies go with their database, name and all.
    let mut left = idb_names().await;
    for _ in 0..50 {
        if !left.iter().any(|n| n == "skyddsnat") {
            break;
        }
        sleep(20).await;
        left = idb_names().await;
    }
    assert!(
        !left.iter().any(|n| n == "skyddsnat"),
        "IndexedDB still holds {left:?}"
    );
    assert_eq!(
        storage
            .get_item("host-page-setting")
            .ok()
            .flatten()
            .as_deref(),
        Some("1")
    );
    storage.remove_item("host-page-setting").expect("remove");
    a.destroy().await;
    b.destroy().await;
}

#[wasm_bindgen_test]
async fn the_host_hears_each_change_but_not_its_own_set_plan() {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    skyddsnat_web::storage::Store::new("test-events").forget();
    let seen = js_sys::Array::new();
    let on_change = js_sys::Function::new_with_args("plan", "this.push(plan)").bind0(&seen);
    let options = js_sys::Object::new();
    for (k, v) in [
        ("sample", JsValue::TRUE),
        ("today", "2026-11-23".into()),
        ("storageKey", "test-events".into()),
        ("onChange", on_change.into()),
    ] {
        js_sys::Reflect::set(&options, &k.into(), &v).expect("set");
    }
    let widget = mount(root.clone(), options.into()).expect("mount");
    scheduler::flush().await;
    let w = Mounted { root, widget };
    assert_eq!(seen.length(), 0, "opening is not a change");
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    assert_eq!(seen.length(), 1);
    // The event carries the plan in the file format, with the move.
    let sent: Value = serde_json::from_str(
        &js_sys::JSON::stringify(&seen.get(0))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
    )
    .expect("json");
    assert_eq!(sent["format"], "skyddsnat");
    assert_eq!(
        sent["people"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["name"] == "Tomas"))
            .map(|p| p["place"].clone()),
        Some(w.person("Tomas")["place"].clone())
    );
    // A plan the host sets is not echoed back; the next user edit is.
    let plan = w.widget.get_plan();
    w.widget.set_plan(plan).expect("valid plan");
    scheduler::flush().await;
    assert_eq!(seen.length(), 1);
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    assert_eq!(seen.length(), 2);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn a_full_storage_is_said_plainly_and_the_widget_keeps_working() {
    let w = sample("test-quota").await;
    // Every write now fails as a full storage does.
    let proto = js_sys::eval("Storage.prototype").expect("Storage");
    let original = js_sys::Reflect::get(&proto, &"setItem".into()).expect("setItem");
    let failing = js_sys::Function::new_no_args(
        "throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')",
    );
    js_sys::Reflect::set(&proto, &"setItem".into(), &failing).expect("stub");
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    js_sys::Reflect::set(&proto, &"setItem".into(), &original).expect("restore");
    let banner = w.text(".skn-banner");
    assert!(banner.contains("full"), "{banner}");
    assert!(
        banner.contains("Spara fil"),
        "offers to save a file: {banner}"
    );
    // The change itself is kept in memory and more edits work.
    let moved = w.person("Tomas")["place"].clone();
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    assert_ne!(w.person("Tomas")["place"], moved);
    w.destroy().await;
}

#[wasm_bindgen_test]
async fn a_save_from_another_tab_is_noticed_at_once() {
    let key_name = "test-other-tab";
    let w = sample(key_name).await;
    assert_eq!(w.count(".skn-banner"), 0);
    // What the browser delivers when another tab saves this plan.
    let meta_key = format!("skyddsnat:v1:{key_name}:meta");
    let meta = format!(
        r#"{{"writer":"other-tab","saved_at":{},"next_version":1,"last_version_at":0}}"#,
        js_sys::Date::now()
    );
    let event = js_sys::eval(&format!(
        "new StorageEvent('storage', {{ key: {:?}, newValue: {:?} }})",
        meta_key, meta
    ))
    .expect("storage event");
    web_sys::window()
        .expect("window")
        .dispatch_event(event.unchecked_ref())
        .expect("dispatch");
    scheduler::flush().await;
    assert!(
        w.text(".skn-banner").contains("annan flik"),
        "{}",
        w.text(".skn-banner")
    );
    // Its own writes, or other plans' keys, do not count.
    w.destroy().await;
    let other = sample("test-other-tab-2").await;
    let event = js_sys::eval(&format!(
        "new StorageEvent('storage', {{ key: {:?}, newValue: {:?} }})",
        meta_key, meta
    ))
    .expect("storage event");
    web_sys::window()
        .expect("window")
        .dispatch_event(event.unchecked_ref())
        .expect("dispatch");
    scheduler::flush().await;
    assert_eq!(other.count(".skn-banner"), 0);
    other.destroy().await;
}

#[wasm_bindgen_test]
async fn undoing_the_add_of_a_selected_person_leaves_no_dimmed_map() {
    let w = sample("test-undo-selected").await;
    key(&w.find(".skn-app"), "n", false, false).await;
    type_into(&w.find(".skn-add-person input[name=name]"), "Kalle").await;
    w.click(".skn-add-person button[type=submit]").await;
    w.click_button("Stäng").await;
    key(&w.node("Kalle"), "Enter", false, false).await;
    assert_eq!(
        w.count(".skn-rel--dim"),
        w.count("[data-rel]"),
        "Kalle has no lines yet"
    );
    key(&w.find(".skn-app"), "z", true, false).await;
    assert_eq!(
        w.count(".skn-rel--dim"),
        0,
        "no line stays dimmed for a person who is gone"
    );
    w.destroy().await;
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::timers::callback::Timeout::new(ms, move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What the IndexedDB mirror holds for the plan `storage_key` (after every
/// write this page asked before).
async fn mirrored(storage_key: &str) -> Option<skyddsnat_web::durable::Mirrored> {
    let key = format!("skyddsnat:v1:{storage_key}:plan");
    let got = std::rc::Rc::new(std::cell::RefCell::new(None));
    let slot = got.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let slot = slot.clone();
        skyddsnat_web::durable::get(&key, move |saved| {
            *slot.borrow_mut() = saved;
            let _ = resolve.call0(&JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    got.take()
}

/// The names of this origin's IndexedDB databases.
async fn idb_names() -> Vec<String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .expect("indexedDB");
    let databases = js_sys::Reflect::get(&factory, &"databases".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .expect("indexedDB.databases")
        .call0(&factory)
        .expect("databases()");
    let list = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(databases))
        .await
        .expect("database list");
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|d| js_sys::Reflect::get(&d, &"name".into()).ok()?.as_string())
        .collect()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage")
}

/// Every localStorage key and value of the plan `storage_key`.
fn stored_keys(storage_key: &str) -> Vec<(String, String)> {
    let s = local_storage();
    let prefix = format!("skyddsnat:v1:{storage_key}:");
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .filter_map(|k| Some((k.clone(), s.get_item(&k).ok().flatten()?)))
        .collect()
}

/// Waits (at most 2 s) until Tomas stands at `place` in `w`'s plan.
async fn until_tomas_at(w: &Mounted, place: &Value) -> bool {
    for _ in 0..100 {
        if w.person("Tomas")["place"] == *place {
            return true;
        }
        sleep(20).await;
    }
    false
}

#[wasm_bindgen_test]
async fn a_power_cut_that_lost_the_last_local_storage_writes_is_made_good_from_indexeddb() {
    let key_name = "test-power-cut";
    let w = sample(key_name).await;
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    let on_disk_place = w.person("Tomas")["place"].clone();
    // What Chromium had committed to disk when the power went.
    let on_disk = stored_keys(key_name);
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    let last_place = w.person("Tomas")["place"].clone();
    assert_ne!(last_place, on_disk_place);
    let saved = mirrored(key_name).await.expect("the save is mirrored");
    let meta: Value = serde_json::from_str(
        &local_storage()
            .get_item(&format!("skyddsnat:v1:{key_name}:meta"))
            .ok()
            .flatten()
            .expect("meta"),
    )
    .expect("meta json");
    assert_eq!(meta["saved_at"].as_f64(), Some(saved.saved_at));
    w.destroy().await;

    // The power cut: local storage is back at what was on disk.
    for (k, _) in stored_keys(key_name) {
        local_storage().remove_item(&k).expect("remove");
    }
    for (k, v) in &on_disk {
        local_storage().set_item(k, v).expect("set");
    }
    let again = mount_with(key_name, false).await;
    assert!(
        until_tomas_at(&again, &last_place).await,
        "the last move before the power cut is lost: Tomas at {}",
        again.person("Tomas")["place"]
    );
    // Opening it is no edit: nothing to undo.
    key(&again.node("Tomas"), "z", true, false).await;
    assert_eq!(again.person("Tomas")["place"], last_place);
    // And local storage has it again (the next start needs no mirror).
    let stored = skyddsnat_web::storage::Store::new(key_name)
        .load()
        .expect("loads")
        .expect("a stored plan");
    let stored: Value =
        serde_json::from_str(&skyddsnat_core::file::to_json(&stored)).expect("json");
    let tomas = stored["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "Tomas"))
        .expect("Tomas stored");
    assert_eq!(tomas["place"], last_place);
    again.destroy().await;
}

#[wasm_bindgen_test]
async fn the_mirror_never_brings_back_older_work_over_a_newer_save() {
    let key_name = "test-mirror-older";
    let w = sample(key_name).await;
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowDown", false, false).await;
    let mirrored_place = w.person("Tomas")["place"].clone();
    let saved = mirrored(key_name).await.expect("the save is mirrored");
    // An older save arriving late does not replace the newer one.
    skyddsnat_web::durable::put(
        &format!("skyddsnat:v1:{key_name}:plan"),
        skyddsnat_web::durable::Mirrored {
            saved_at: saved.saved_at - 1_000.0,
            writer: "w-late".into(),
            json: saved.json.replace("Tomas", "Sent"),
        },
    );
    assert_eq!(mirrored(key_name).await, Some(saved.clone()));
    // One writer's later save replaces its own earlier one, whatever the
    // clock says (it was set back in between).
    let clock_back = skyddsnat_web::durable::Mirrored {
        saved_at: saved.saved_at - 1_000.0,
        ..saved.clone()
    };
    skyddsnat_web::durable::put(&format!("skyddsnat:v1:{key_name}:plan"), clock_back.clone());
    assert_eq!(mirrored(key_name).await, Some(clock_back));
    // Another tab then saved newer work to local storage (its mirror write
    // never came, e.g. IndexedDB failed there): Tomas moved up twice.
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    let newer_place = w.person("Tomas")["place"].clone();
    assert_ne!(newer_place, mirrored_place);
    w.destroy().await;
    let meta_key = format!("skyddsnat:v1:{key_name}:meta");
    let mut meta: Value = serde_json::from_str(
        &local_storage()
            .get_item(&meta_key)
            .ok()
            .flatten()
            .expect("meta"),
    )
    .expect("meta json");
    // The mirror is made to hold the older save again, as if the other tab never wrote it.
    skyddsnat_web::durable::remove(&format!("skyddsnat:v1:{key_name}:plan"));
    skyddsnat_web::durable::put(&format!("skyddsnat:v1:{key_name}:plan"), saved.clone());
    assert_eq!(mirrored(key_name).await, Some(saved.clone()));
    meta["writer"] = "w-other-tab".into();
    local_storage()
        .set_item(&meta_key, &meta.to_string())
        .expect("set meta");

    let again = mount_with(key_name, false).await;
    assert_eq!(again.person("Tomas")["place"], newer_place);
    // Give the mirror read every chance to (wrongly) swap the plan.
    let _ = mirrored(key_name).await;
    sleep(200).await;
    scheduler::flush().await;
    assert_eq!(
        again.person("Tomas")["place"],
        newer_place,
        "the older mirrored save replaced newer work"
    );
    again.destroy().await;
}

#[wasm_bindgen_test]
async fn a_plan_the_host_sets_at_start_is_not_replaced_by_the_mirror() {
    let key_name = "test-mirror-host";
    let w = sample(key_name).await;
    let on_disk = stored_keys(key_name);
    key(&w.node("Tomas"), "Enter", false, false).await;
    key(&w.node("Tomas"), "ArrowUp", false, false).await;
    let mirrored_place = w.person("Tomas")["place"].clone();
    assert!(mirrored(key_name).await.is_some());
    w.destroy().await;
    // A power cut lost the move from local storage; the mirror has it.
    for (k, _) in stored_keys(key_name) {
        local_storage().remove_item(&k).expect("remove");
    }
    for (k, v) in &on_disk {
        local_storage().set_item(k, v).expect("set");
    }
    let again = mount_with(key_name, true).await;
    // The host page sets its own plan right after mounting (Tomas renamed): the host's wins.
    let given = again.plan().to_string().replace("\"Tomas\"", "\"Värd\"");
    again
        .widget
        .set_plan(js_sys::JSON::parse(&given).expect("json"))
        .expect("the host's plan is taken");
    let _ = mirrored(key_name).await;
    sleep(200).await;
    scheduler::flush().await;
    assert_eq!(
        again.person("Värd")["place"],
        serde_json::from_str::<Value>(&given).expect("json")["people"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["name"] == "Värd"))
            .expect("Värd")["place"]
    );
    assert!(
        !again.plan().to_string().contains("\"Tomas\""),
        "the mirror replaced the plan the host set (Tomas at {mirrored_place} is back)"
    );
    again.destroy().await;
}
