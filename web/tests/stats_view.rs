//! Browser tests for the unit's statistics: saved plans go in through the
//! dialog's own file input or a drop, the rendered table must hold the right
//! counts, and no name — of a person, a child or a file — may reach the page.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test stats_view`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::analysis::period::Period;
use skyddsnat_core::analysis::stats::{unit_figures, SUPPRESSED};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::seal::{seal, KdfParams};
use skyddsnat_core::i18n::tr;
use skyddsnat_core::{file, CaseStatus, Date, Edit, Lang, Outcome, Plan};
use skyddsnat_web::stats_view::{chosen_period, open_over, UnitStatsProps, UnitStatsView};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static CLOSED: Cell<u32> = const { Cell::new(0) };
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

fn today() -> Date {
    day("2026-11-23")
}

/// The sample family's plan, closed on 2026-11-20 with the placement avoided.
fn closed_plan() -> Plan {
    let mut plan = sample_plan();
    plan.apply(Edit::SetCase(CaseStatus {
        started: Some(day("2026-10-26")),
        closed: Some(day("2026-11-20")),
        outcome: Some(Outcome::PlacementAvoided),
        ..CaseStatus::default()
    }))
    .expect("closing the sample plan");
    plan
}

/// Every name in the sample: people, children, and the plan's title.
fn sample_names() -> Vec<String> {
    let plan = sample_plan();
    let mut names: Vec<String> = plan
        .people()
        .iter()
        .map(|p| p.name.clone())
        .chain(plan.children().iter().map(|c| c.name.clone()))
        .filter(|n| !n.is_empty())
        .collect();
    names.push(plan.title().to_string());
    names
}

/// Fails if any sample name (or `extra` text) is anywhere in `root`: its text
/// or its markup (an attribute or a title would leak as surely as a cell).
fn assert_no_names(root: &Element, extra: &[&str]) {
    let text = root.text_content().unwrap_or_default();
    let markup = root.inner_html();
    for name in sample_names()
        .iter()
        .map(String::as_str)
        .chain(extra.iter().copied())
    {
        assert!(!text.contains(name), "{name:?} is shown: {text}");
        assert!(!markup.contains(name), "{name:?} is in the markup");
    }
}

fn new_root() -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

async fn mount_view(lang: Lang) -> Element {
    let root = new_root();
    yew::Renderer::<UnitStatsView>::with_root_and_props(
        root.clone(),
        UnitStatsProps {
            lang,
            today: today(),
            on_close: Callback::from(|()| CLOSED.with(|c| c.set(c.get() + 1))),
        },
    )
    .render();
    scheduler::flush().await;
    root
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

/// Builds a `DataTransfer` holding files named `names` with `texts`, as the
/// browser does for a real selection or drop.
fn data_transfer(names: &[&str], texts: &[String]) -> JsValue {
    let make = js_sys::Function::new_with_args(
        "names, texts",
        "const dt = new DataTransfer();\
         names.forEach((n, i) => dt.items.add(new File([texts[i]], n, {type: 'application/json'})));\
         return dt;",
    );
    let names: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    let texts: js_sys::Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
    make.call2(&JsValue::NULL, &names, &texts)
        .expect("DataTransfer")
}

/// Chooses files in the dialog's file input, like the picker does.
fn choose_files(root: &Element, names: &[&str], texts: &[String]) {
    let input = root
        .query_selector("input[type=file]")
        .expect("query")
        .expect("the dialog has a file input");
    let choose = js_sys::Function::new_with_args(
        "input, dt",
        "input.files = dt.files; input.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    choose
        .call2(&JsValue::NULL, &input, &data_transfer(names, texts))
        .expect("choose files");
}

/// Drops files on the drop zone.
fn drop_files(root: &Element, names: &[&str], texts: &[String]) {
    let zone = root
        .query_selector(".skn-stats-drop")
        .expect("query")
        .expect("the dialog has a drop zone");
    let drop = js_sys::Function::new_with_args(
        "zone, dt",
        "zone.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));\
         zone.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));",
    );
    drop.call2(&JsValue::NULL, &zone, &data_transfer(names, texts))
        .expect("drop files");
}

fn status(root: &Element) -> String {
    root.query_selector("[role=status]")
        .ok()
        .flatten()
        .and_then(|s| s.text_content())
        .unwrap_or_default()
}

/// What the live region says once `read` of `total` files are counted.
fn read_line(lang: Lang, read: usize, total: usize) -> String {
    skyddsnat_core::i18n::trf(
        lang,
        "stats.view.read",
        &[("read", &read.to_string()), ("total", &total.to_string())],
    )
}

/// Waits until the live region says every one of `total` files is read.
async fn until_read(root: &Element, lang: Lang, total: usize) {
    let done: Vec<String> = (0..=total).map(|n| read_line(lang, n, total)).collect();
    for _ in 0..300 {
        scheduler::flush().await;
        if done.contains(&status(root)) {
            return;
        }
        sleep(10).await;
    }
    panic!("files not read; status: {}", status(root));
}

/// The rendered table as (row header, cell) pairs.
fn table_rows(root: &Element) -> Vec<(String, String)> {
    let rows = root
        .query_selector_all(".skn-figures tbody tr")
        .expect("rows");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|tr| {
            let cell = |sel: &str| {
                tr.query_selector(sel)
                    .ok()
                    .flatten()
                    .and_then(|c| c.text_content())
                    .unwrap_or_default()
            };
            (cell("th[scope=row]"), cell("td"))
        })
        .collect()
}

fn value<'a>(rows: &'a [(String, String)], lang: Lang, key: &str) -> &'a str {
    let label = tr(lang, key);
    rows.iter()
        .find(|(l, _)| l == label)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no row {label:?}"))
}

fn notes(root: &Element) -> Vec<String> {
    let items = root
        .query_selector_all(".skn-stats-notes li")
        .expect("notes");
    (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn two_chosen_plans_are_counted_without_a_name_on_screen() {
    let lang = Lang::Sv;
    let (active, closed) = (sample_plan(), closed_plan());
    let texts = [file::to_json(&active), file::to_json(&closed)];
    let root = mount_view(lang).await;
    assert!(
        root.query_selector("table").expect("query").is_none(),
        "no table before any file"
    );

    // File names are what a consultant types: often the child's name.
    choose_files(&root, &["Alva Andersson.json", "Elis 2026-11.json"], &texts);
    until_read(&root, lang, 2).await;
    assert_eq!(status(&root), "Lästa filer: 2 av 2.");

    // Two cases: every figure rests on fewer than three, and shows so.
    let rows = table_rows(&root);
    assert_eq!(value(&rows, lang, "stats.cases.open"), SUPPRESSED);
    assert_eq!(value(&rows, lang, "stats.children"), SUPPRESSED);
    assert_eq!(
        value(&rows, lang, "stats.outcome.placement_avoided"),
        SUPPRESSED
    );

    // Every row the core reports for this tertial is on screen, in its
    // order, with its first cell.
    let period = Period::tertial(2026, 3).expect("T3");
    let expected = unit_figures(&[active, closed], period, lang);
    let expected: Vec<(String, String)> = expected
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .map(|(label, cells)| (label.clone(), cells[0].text(lang)))
        .collect();
    assert_eq!(rows, expected);
    // Every section is a table under its heading, with row headers.
    let tables = root.query_selector_all(".skn-figures section").expect("q");
    assert_eq!(tables.length(), 10, "one table per section");
    for i in 0..tables.length() {
        let section = tables
            .item(i)
            .and_then(|n| n.dyn_into::<Element>().ok())
            .expect("section");
        let heading = section.query_selector("h4").expect("q");
        assert!(heading.is_some_and(|c| !c.text_content().unwrap_or_default().is_empty()));
        assert!(section
            .query_selector("table th[scope=row]")
            .expect("q")
            .is_some());
    }
    assert_no_names(&root, &["Alva Andersson", "Elis 2026-11"]);
    let export = root
        .query_selector(".skn-dialog-actions button")
        .expect("q")
        .expect("export button");
    assert!(
        !export.has_attribute("disabled"),
        "export is offered once plans are read"
    );
}

#[wasm_bindgen_test]
async fn files_not_counted_are_named_by_position_and_their_contents_stay_hidden() {
    let lang = Lang::Sv;
    let plan_json = file::to_json(&sample_plan());
    let mut unknown_key = sample_value();
    unknown_key["Birgitta"] = 1.into();
    let mut control_under_name = file::to_value(&sample_plan());
    control_under_name["people"][0]["Mikael"] = "ring\u{1}".into();
    let sealed = seal(
        &plan_json,
        "hemlig fras",
        [7; 16],
        [9; 12],
        KdfParams {
            m_kib: 8_192,
            t: 1,
            p: 1,
        },
    )
    .expect("seal");
    let texts = vec![
        plan_json.clone(),
        unknown_key.to_string(),
        r#"{"format": "Jenny", "schema_version": 1}"#.to_string(),
        sealed,
        control_under_name.to_string(),
        plan_json.clone(),
        r#"{"format": "skyddsnat", "title": "Alva"#.to_string(),
    ];
    let names = [
        "Alva.json",
        "Birgitta.json",
        "Jenny.json",
        "Gunnar.json",
        "Mikael.json",
        "Alva kopia.json",
        "Sanna.json",
    ];
    let root = mount_view(lang).await;
    drop_files(&root, &names, &texts);
    until_read(&root, lang, texts.len()).await;

    assert_eq!(status(&root), read_line(lang, 1, 7));
    let notes = notes(&root);
    assert_eq!(notes.len(), 6, "{notes:?}");
    let starts = ["Fil 2 kunde inte läsas: ", "Fil 3 kunde inte läsas: "];
    for (note, start) in notes.iter().zip(starts) {
        assert!(note.starts_with(start), "{note}");
    }
    assert_eq!(notes[2], trf_sv("stats.view.file_sealed", &[("n", "4")]));
    // The place is kept (the format's own words), the name-shaped key is not.
    assert!(
        notes[3].starts_with("Fil 5 kunde inte läsas: Vid people[0].…:"),
        "{}",
        notes[3]
    );
    assert_eq!(
        notes[4],
        trf_sv("stats.view.file_duplicate", &[("n", "6"), ("of", "1")])
    );
    assert!(
        notes[5].starts_with("Fil 7 kunde inte läsas: "),
        "{}",
        notes[5]
    );
    assert_eq!(
        value(&table_rows(&root), lang, "stats.cases.open"),
        SUPPRESSED
    );
    assert_no_names(&root, &names.map(|n| n.trim_end_matches(".json")));
}

fn trf_sv(key: &str, args: &[(&str, &str)]) -> String {
    skyddsnat_core::i18n::trf(Lang::Sv, key, args)
}

#[wasm_bindgen_test]
async fn three_cases_are_shown_and_the_period_can_be_chosen() {
    let lang = Lang::En;
    let mut other = sample_plan();
    other
        .apply(Edit::SetTitle("Another family".into()))
        .expect("title");
    let texts = [
        file::to_json(&sample_plan()),
        file::to_json(&closed_plan()),
        file::to_json(&other),
    ];
    let root = mount_view(lang).await;
    choose_files(&root, &["a.json", "b.json", "c.json"], &texts);
    until_read(&root, lang, 3).await;
    let rows = table_rows(&root);
    assert_eq!(value(&rows, lang, "stats.cases.open"), "3");
    assert_eq!(value(&rows, lang, "stats.children"), "6");
    let caption = || {
        root.query_selector(".skn-stats-caption")
            .expect("q")
            .and_then(|c| c.text_content())
            .unwrap_or_default()
    };
    assert!(
        caption().starts_with("Number of plans: 3. Period: T3 2026."),
        "{}",
        caption()
    );
    // The whole year instead: the bars of its three tertials stay.
    let select = root
        .query_selector("#skn-stats-period")
        .expect("q")
        .expect("the period list")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("select");
    select.set_value("y2026");
    select
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .expect("event"),
        )
        .expect("dispatch");
    scheduler::flush().await;
    assert!(caption().contains("Period: 2026."), "{}", caption());
    assert_eq!(
        root.query_selector_all("svg.skn-chart")
            .expect("q")
            .length(),
        2
    );
    assert_no_names(&root, &["Another family"]);
}

#[wasm_bindgen_test]
fn the_periods_in_the_list_are_read_back() {
    assert_eq!(chosen_period("t2026.2", "", ""), Period::tertial(2026, 2));
    assert_eq!(chosen_period("y2025", "", ""), Period::year(2025));
    assert_eq!(
        chosen_period("range", "2026-05-03", "2026-06-01"),
        Period::new(day("2026-05-03"), day("2026-06-01"))
    );
    assert_eq!(chosen_period("range", "2026-06-01", "2026-05-03"), None);
    assert_eq!(chosen_period("range", "", "2026-05-03"), None);
    assert_eq!(chosen_period("t2026", "", ""), None);
}

fn inside(dialog: &Element, el: &Element) -> bool {
    let node: &web_sys::Node = el;
    dialog.contains(Some(node))
}

fn focused() -> Option<Element> {
    gloo::utils::document().active_element()
}

fn key(target: &Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn the_dialog_takes_focus_keeps_tab_inside_and_closes_on_escape() {
    let root = mount_view(Lang::En).await;
    let dialog = root
        .query_selector("[role=dialog]")
        .expect("q")
        .expect("a dialog");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").expect("labelled");
    assert!(root
        .query_selector(&format!("#{title_id}"))
        .expect("q")
        .is_some());
    let pick = focused().expect("something has focus");
    assert!(inside(&dialog, &pick), "focus is inside the dialog");
    assert_eq!(pick.text_content().as_deref(), Some("Choose files…"));

    // Shift+Tab from the first control goes to the last, Tab from the last to the first.
    let first = root
        .query_selector(".skn-stats-head button")
        .expect("q")
        .expect("close button")
        .dyn_into::<HtmlElement>()
        .expect("html");
    first.focus().expect("focus");
    key(&first, "Tab", true);
    let first_el: Element = first.clone().into();
    let last = focused().expect("focus");
    assert!(inside(&dialog, &last));
    assert_ne!(last, first_el);
    key(&last, "Tab", false);
    assert_eq!(focused(), Some(first_el));

    let before = CLOSED.with(Cell::get);
    key(&first, "Escape", false);
    scheduler::flush().await;
    assert_eq!(CLOSED.with(Cell::get), before + 1, "Esc closes");
}

#[wasm_bindgen_test]
async fn opened_from_the_menu_it_returns_focus_to_the_menu_button() {
    let widget = new_root();
    widget.set_class_name("skn-app");
    widget.set_inner_html(
        r#"<header><button type="button" aria-pressed="false">SV</button>
           <div class="skn-menu"><button type="button" aria-expanded="false" aria-controls="skn-1-menu">☰</button></div></header>
           <main><button type="button">Lägg till person</button></main>"#,
    );
    open_over(&widget, Lang::Sv, today());
    open_over(&widget, Lang::Sv, today());
    scheduler::flush().await;
    assert_eq!(
        widget
            .query_selector_all("[role=dialog]")
            .expect("q")
            .length(),
        1,
        "opening twice shows one dialog"
    );
    let dialog = widget
        .query_selector("[role=dialog]")
        .expect("q")
        .expect("dialog");
    assert!(inside(&dialog, &focused().expect("focus")));
    let title = dialog.query_selector("h2").expect("q").expect("title");
    assert_eq!(
        title.text_content().as_deref(),
        Some("Statistik för enheten")
    );

    key(&dialog, "Escape", false);
    scheduler::flush().await;
    assert!(
        widget.query_selector("[role=dialog]").expect("q").is_none(),
        "closed"
    );
    let menu = widget
        .query_selector("button[aria-controls=skn-1-menu]")
        .expect("q")
        .expect("menu button");
    assert_eq!(focused(), Some(menu));
}

#[wasm_bindgen_test]
async fn destroying_the_widget_ends_an_open_dialog() {
    let widget = new_root();
    widget.set_inner_html(r#"<main><button type="button">x</button></main>"#);
    open_over(&widget, Lang::En, today());
    scheduler::flush().await;
    assert!(widget.query_selector("[role=dialog]").expect("q").is_some());
    skyddsnat_web::stats_view::close_within(&widget);
    scheduler::flush().await;
    assert!(
        widget
            .query_selector(".skn-stats-host")
            .expect("q")
            .is_none(),
        "the dialog's host is gone"
    );
    // A dialog in another widget is left alone.
    let other = new_root();
    open_over(&other, Lang::En, today());
    scheduler::flush().await;
    skyddsnat_web::stats_view::close_within(&widget);
    assert!(other.query_selector("[role=dialog]").expect("q").is_some());
    skyddsnat_web::stats_view::close_within(&other);
}

/// The sample family's file as a serde_json value, to mutate.
fn sample_value() -> serde_json::Value {
    serde_json::from_str(&file::to_json(&sample_plan())).expect("export is JSON")
}
