//! The screen draws the core's scene, element by element: every ring,
//! sector line and title, ring name, relation line, cross and arrowhead,
//! node shape, label box, label and load badge on the web map has exactly
//! the attributes the scene gives it, which are the ones the printed map
//! writes. A drift between screen and paper (a broken relation drawn one way
//! on screen and another on paper) fails here.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p skyddsnat-web
//! --target wasm32-unknown-unknown --test scene`

#![cfg(target_arch = "wasm32")]

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::scene::{Mark, Text};
use skyddsnat_core::map::svg::{map_svg, SvgOptions};
use skyddsnat_core::papers::escape::num;
use skyddsnat_core::{Date, Lang, Plan, RelationKind};
use skyddsnat_web::map::{map_drawing, screen_for, MapView};
use skyddsnat_web::state::{AppContext, AppState};
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::prelude::*;
use yew::scheduler;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HarnessProps {
    plan: Plan,
    lang: Lang,
    hide_names: bool,
}

#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    let plan = props.plan.clone();
    let (lang, hide) = (props.lang, props.hide_names);
    let state = use_reducer(move || {
        let mut s = AppState::new(plan, Date::parse("2026-12-06").expect("date"), lang, false);
        s.hide_names = hide;
        s
    });
    html! {
        <ContextProvider<AppContext> context={state}>
            <div style="width: 1000px; height: 700px; display: flex">
                <MapView on_relate={Callback::from(|_| ())} />
            </div>
        </ContextProvider<AppContext>>
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn mount(plan: Plan, lang: Lang, hide_names: bool) -> Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            plan,
            lang,
            hide_names,
        },
    )
    .render();
    scheduler::flush().await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// `el` is the scene's mark: same element, every attribute the same.
fn assert_mark(el: &Element, mark: &Mark, what: &str) {
    assert_eq!(el.tag_name(), mark.tag(), "{what}: element");
    for (name, value) in mark.attrs() {
        assert_eq!(
            el.get_attribute(name).as_deref(),
            Some(value.as_str()),
            "{what}: attribute {name}"
        );
    }
}

fn assert_text(el: &Element, text: &Text, what: &str) {
    assert_eq!(el.tag_name(), "text", "{what}");
    for (name, value) in text.attrs() {
        assert_eq!(
            el.get_attribute(name).as_deref(),
            Some(value.as_str()),
            "{what}: attribute {name}"
        );
    }
    let spans = all(el, "tspan");
    assert_eq!(spans.len(), text.lines.len(), "{what}: lines");
    for (span, (line, at)) in spans.iter().zip(&text.lines) {
        assert_eq!(
            span.text_content().as_deref(),
            Some(line.as_str()),
            "{what}"
        );
        for (name, value) in Text::line_attrs(*at) {
            assert_eq!(
                span.get_attribute(name).as_deref(),
                Some(value.as_str()),
                "{what}: {name}"
            );
        }
    }
}

async fn check(plan: Plan, lang: Lang, hide_names: bool) {
    let root = mount(plan.clone(), lang, hide_names).await;
    // The map is laid out again for its size on screen once a
    // ResizeObserver has told it (`map::fit`). The test page has no
    // stylesheet: give the SVG a fixed size, wait for the fitted drawing,
    // then compare it with the same drawing made here.
    let svg = one(&root, "svg.skn-map-svg");
    svg.set_attribute("style", "display: block; width: 1000px; height: 700px")
        .expect("style");
    let font = |sel: &str| {
        svg.query_selector(sel)
            .ok()
            .flatten()
            .and_then(|l| l.get_attribute("font-size"))
    };
    let mut scene = map_drawing(&plan, hide_names, lang, None).scene;
    for _ in 0..100 {
        let rect = svg.get_bounding_client_rect();
        let screen = screen_for(rect.width(), rect.height(), false);
        scene = map_drawing(&plan, hide_names, lang, screen).scene;
        let want = scene.sector_titles.first().map(|t| num(t.size));
        if screen.is_some() && font(".skn-sector-label") == want {
            break;
        }
        sleep(20).await;
        scheduler::flush().await;
    }

    let rings = all(&svg, ".skn-ring");
    assert_eq!(rings.len(), scene.rings.len());
    for (el, ring) in rings.iter().zip(&scene.rings) {
        assert_mark(el, &ring.mark, "ring");
    }
    let lines = all(&svg, ".skn-sector-line");
    assert_eq!(lines.len(), scene.sector_lines.len());
    for (el, m) in lines.iter().zip(&scene.sector_lines) {
        assert_mark(el, m, "sector line");
    }
    let titles = all(&svg, ".skn-sector-label");
    assert_eq!(titles.len(), scene.sector_titles.len());
    for (el, t) in titles.iter().zip(&scene.sector_titles) {
        assert_text(el, t, "sector title");
    }
    let ring_labels = all(&svg, ".skn-ring-label");
    assert_eq!(ring_labels.len(), scene.ring_labels.len());
    for (el, t) in ring_labels.iter().zip(&scene.ring_labels) {
        assert_text(el, t, "ring name");
    }

    assert_eq!(all(&svg, "[data-rel]").len(), scene.relations.len());
    for r in &scene.relations {
        let g = one(&svg, &format!("[data-rel=\"{}\"]", r.id));
        let what = format!("relation {}", r.id);
        assert_mark(&one(&g, ".skn-rel-line"), &r.shape.line, &what);
        match &r.shape.cross {
            Some(m) => assert_mark(&one(&g, ".skn-rel-cross"), m, &what),
            None => assert!(all(&g, ".skn-rel-cross").is_empty(), "{what}: no cross"),
        }
        match &r.shape.arrow {
            Some(m) => assert_mark(&one(&g, ".skn-rel-arrow"), m, &what),
            None => assert!(all(&g, ".skn-rel-arrow").is_empty(), "{what}: no arrow"),
        }
    }

    assert_eq!(all(&svg, "[data-person]").len(), scene.nodes.len());
    for n in &scene.nodes {
        let what = format!("person {}", n.id);
        let node = one(&svg, &format!("[data-person=\"{}\"]", n.id));
        let overlay = one(&svg, &format!("[data-overlay=\"{}\"]", n.id));
        let transform = skyddsnat_core::map::scene::translate(n.centre);
        assert_eq!(
            node.get_attribute("transform"),
            Some(transform.clone()),
            "{what}"
        );
        assert_eq!(
            overlay.get_attribute("transform"),
            Some(transform),
            "{what}"
        );
        let shapes = all(&node, ".skn-node-shape");
        assert_eq!(shapes.len(), n.shapes.len(), "{what}: shapes");
        for (el, m) in shapes.iter().zip(&n.shapes) {
            assert_mark(el, m, &what);
        }
        assert_mark(&one(&overlay, ".skn-label-bg"), &n.label_box, &what);
        assert_text(&one(&overlay, ".skn-label"), &n.label, &what);
        match &n.badge {
            Some(b) => {
                assert_mark(&one(&overlay, ".skn-load-circle"), &b.circle, &what);
                assert_text(&one(&overlay, ".skn-load-count"), &b.text, &what);
            }
            None => assert!(all(&overlay, ".skn-load").is_empty(), "{what}: no badge"),
        }
    }

    // And the printed map writes the same marks: every relation line of the
    // paper's scene (text scale 1; the screen's is fitted to its size)
    // appears, with its path, in the SVG that print and export use.
    let scene = map_drawing(&plan, hide_names, lang, None).scene;
    let paper = map_svg(
        &plan,
        lang,
        &SvgOptions {
            hide_names,
            highlight: Vec::new(),
        },
    );
    for r in &scene.relations {
        let d = r.shape.line.path_data().expect("a path");
        assert!(
            paper.contains(&format!("d=\"{d}\"")),
            "relation {} on paper",
            r.id
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn the_screen_draws_the_scene_of_the_sample_family() {
    let plan = sample_plan();
    // The sample has every kind of relation, so every line style is compared.
    for kind in RelationKind::ALL {
        assert!(
            plan.relations().iter().any(|r| r.kind == kind),
            "{kind:?} in the sample"
        );
    }
    check(plan, Lang::Sv, false).await;
}

#[wasm_bindgen_test]
async fn the_screen_draws_the_scene_in_english_with_names_hidden() {
    check(sample_plan(), Lang::En, true).await;
}

#[wasm_bindgen_test]
async fn the_screen_draws_the_scene_of_an_empty_plan() {
    check(Plan::new(), Lang::Sv, false).await;
}
