//! Browser tests for passphrase-protected files: what "Save protected file…"
//! writes opens again only with the same passphrase, and the dialog refuses
//! short or mistyped passphrases before any file is written.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test passphrase`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::{file, file::seal, Date, Lang, Plan};
use skyddsnat_web::passphrase::{open_sealed, seal_plan, PassphraseDialog, Purpose};
use skyddsnat_web::state::{AppContext, AppState};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlFormElement, HtmlInputElement};
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static SEALED: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[function_component]
fn Harness() -> Html {
    let today = Date::parse("2026-11-23").expect("date");
    let state = use_reducer(move || AppState::new(sample_plan(), today, Lang::En, false));
    let on_sealed = Callback::from(|text: String| SEALED.with(|s| *s.borrow_mut() = Some(text)));
    html! {
        <ContextProvider<AppContext> context={state}>
            <PassphraseDialog purpose={Purpose::Save} {on_sealed}
                on_opened={Callback::from(|_: Plan| {})} on_close={Callback::from(|()| {})} />
        </ContextProvider<AppContext>>
    }
}

fn type_into(root: &Element, nth: usize, text: &str) {
    let inputs = root.query_selector_all("input[type=password]").expect("q");
    let input: HtmlInputElement = inputs
        .item(nth as u32)
        .expect("input")
        .dyn_into()
        .expect("input");
    input.set_value(text);
}

async fn submit(root: &Element) {
    let form: HtmlFormElement = root
        .query_selector("form")
        .expect("q")
        .expect("form")
        .dyn_into()
        .expect("form");
    form.request_submit().expect("submit");
    scheduler::flush().await;
}

fn alert(root: &Element) -> String {
    root.query_selector("[role=alert]")
        .expect("q")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn a_sealed_plan_opens_with_its_passphrase_and_only_with_it() {
    let plan = sample_plan();
    let sealed = seal_plan(&plan, "rätt häst batteri").expect("sealed");
    assert!(seal::is_sealed(&sealed));
    assert!(
        !sealed.contains("Birgitta"),
        "names are not readable in the file"
    );
    assert_eq!(
        open_sealed(&sealed, "rätt häst batteri", Lang::Sv),
        Ok(plan)
    );
    let wrong = open_sealed(&sealed, "fel", Lang::En).expect_err("wrong passphrase");
    assert!(wrong.contains("Wrong passphrase"), "{wrong}");
    // Two saves of the same plan differ: fresh salt and nonce every time.
    assert_ne!(
        seal_plan(&sample_plan(), "rätt häst batteri").expect("again"),
        sealed
    );
}

#[wasm_bindgen_test]
async fn the_dialog_refuses_short_or_mistyped_passphrases_then_seals() {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root(root.clone()).render();
    scheduler::flush().await;

    type_into(&root, 0, "kort");
    type_into(&root, 1, "kort");
    submit(&root).await;
    assert!(alert(&root).contains("at least 8"), "{}", alert(&root));
    assert!(SEALED.with(|s| s.borrow().is_none()));

    type_into(&root, 0, "långt lösenord");
    type_into(&root, 1, "långt lösenort");
    submit(&root).await;
    assert!(alert(&root).contains("not the same"), "{}", alert(&root));
    assert!(SEALED.with(|s| s.borrow().is_none()));

    type_into(&root, 1, "långt lösenord");
    submit(&root).await;
    let sealed = SEALED
        .with(|s| s.borrow().clone())
        .expect("a sealed file was handed over");
    let json = seal::open(&sealed, "långt lösenord").expect("opens");
    assert_eq!(file::from_json(&json).expect("a plan"), sample_plan());
}
