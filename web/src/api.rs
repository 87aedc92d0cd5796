//! The JS API: `mount(element, options)` returns a [`Widget`] with
//! `getPlan()`, `setPlan(plan)`, `exportJson()`, `print()` and `destroy()`.
//!
//! Plans cross the boundary as plain JS objects in the file format, history
//! of closed meetings (`snapshots`) included, so a host that keeps the plan
//! from the change event keeps the history too: out
//! through `core::file::to_json` and `JSON.parse`, in through
//! `JSON.stringify` and `core::file::from_json`, so a host page gets
//! exactly the checks a file gets, and a refused plan leaves the open one
//! untouched. The shell reads the browser's clock once, for "today".

use crate::app::{App, AppProps};
use crate::host::{plan_to_js, Host, HostRef};
use crate::storage::Store;
use skyddsnat_core::{document::sample, file, i18n, Date, Lang, Plan};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

#[wasm_bindgen(typescript_custom_section)]
const TS_OPTIONS: &'static str = r#"
export interface MountOptions {
  /** "sv" (default) or "en". */
  lang?: "sv" | "en";
  /** Show the plan with no editing controls. */
  readonly?: boolean;
  /** Names this plan's autosave in localStorage (default "default"). */
  storageKey?: string;
  /** A plan in the file format; wins over what is stored. */
  plan?: object;
  /** Open the built-in sample family when nothing is stored. */
  sample?: boolean;
  /** Called with the plan after every change. */
  onChange?: (plan: object) => void;
  /** Called with a message when something fails (storage, import, a crash). */
  onError?: (message: string) => void;
  /** "YYYY-MM-DD"; default: the browser's local date. */
  today?: string;
}
"#;

thread_local! {
    /// Mounted widgets, for the panic hook's recovery screen.
    static LIVE: RefCell<Vec<(Weak<Host>, Element, Date)>> = const { RefCell::new(Vec::new()) };
}

/// A plan from a JS object (or a JSON string), through the file format's checks.
pub fn plan_from_js(value: &JsValue, lang: Lang) -> Result<Plan, js_sys::Error> {
    let text = match value.as_string() {
        Some(text) => text,
        None => js_to_json(value)
            .ok_or_else(|| js_sys::Error::new(i18n::tr(lang, "app.plan_not_json")))?,
    };
    file::from_json(&text).map_err(|e| js_sys::Error::new(&e.message(lang)))
}

/// Stand in for numbers JSON cannot hold while the object is written out
/// (a NUL first: no plan text may hold one, so a text equal to a marker
/// would be refused anyway).
const INFINITY: &str = "\u{0}skyddsnat:infinity";
const MINUS_INFINITY: &str = "\u{0}skyddsnat:-infinity";

/// A JS value as JSON text, where `JSON.stringify` alone would lose
/// something the user must hear about: a number too large for JSON (`1e400`
/// in JS is `Infinity`) would become `null`, and "null found" names the
/// wrong problem (or none: null is "empty" where a value is optional). Such
/// a number is written as `1e400` instead, which the file reader refuses as
/// "too large" at its JSON path; `NaN` is written as the text "NaN", which
/// no number field accepts.
fn js_to_json(value: &JsValue) -> Option<String> {
    let found = Rc::new(Cell::new(false));
    let replacer = {
        let found = found.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(
            move |_key: JsValue, v: JsValue| match v.as_f64() {
                Some(n) if n.is_nan() => JsValue::from_str("NaN"),
                Some(n) if n.is_infinite() => {
                    found.set(true);
                    JsValue::from_str(if n > 0.0 { INFINITY } else { MINUS_INFINITY })
                }
                _ => v,
            },
        )
    };
    let text: String = js_sys::JSON::stringify_with_replacer(value, replacer.as_ref())
        .ok()?
        .as_string()?;
    if !found.get() {
        return Some(text);
    }
    // The markers as JSON.stringify wrote them (`"\u0000…"`).
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    Some(
        text.replace(&quoted(INFINITY), "1e400")
            .replace(&quoted(MINUS_INFINITY), "-1e400"),
    )
}

/// Today in the browser's time zone.
pub fn browser_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .or_else(|| Date::parse("2026-01-01"))
    .unwrap_or_else(|| unreachable!("a fixed valid date"))
}

fn option(options: &JsValue, name: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<AppHandle<App>>,
    /// Watching for locking (`lock.rs`), while mounted and not a viewer.
    watching: Option<crate::lock::Watching>,
    host: Rc<Host>,
    root: Element,
    today: Date,
}

/// Mounts the widget into `element`. See `MountOptions`.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<Widget, JsValue> {
    install_panic_hook();
    let lang = option(&options, "lang")
        .as_string()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let readonly = option(&options, "readonly").is_truthy();
    let storage_key = option(&options, "storageKey").as_string();
    let sample = option(&options, "sample").is_truthy();
    let on_change = option(&options, "onChange")
        .dyn_into::<js_sys::Function>()
        .ok();
    let on_error = option(&options, "onError")
        .dyn_into::<js_sys::Function>()
        .ok();
    let today = option(&options, "today")
        .as_string()
        .and_then(|s| Date::parse(&s))
        .unwrap_or_else(browser_today);
    let given = option(&options, "plan");
    if !readonly && crate::lock::is_locked() {
        return Err(js_sys::Error::new(
            "the plans on this computer are locked: unlock them on the start screen",
        )
        .into());
    }

    // A viewer never writes; everything else autosaves.
    let store = (!readonly).then(|| Store::new(storage_key.as_deref().unwrap_or("")));
    let mut load_error = None;
    let plan = if !given.is_undefined() && !given.is_null() {
        plan_from_js(&given, lang)?
    } else {
        let stored = match store.as_ref().map(Store::load) {
            Some(Ok(plan)) => plan,
            Some(Err(e)) => {
                load_error = Some(e);
                None
            }
            None => None,
        };
        match stored {
            Some(plan) => plan,
            None if sample => sample::sample_plan_on(today),
            None => Plan::new(),
        }
    };

    let host = Rc::new(Host {
        store,
        on_change,
        on_error,
        current: RefCell::new(Rc::new(plan.clone())),
        lang: Cell::new(lang),
        dispatch: RefCell::new(None),
        quiet_change: Cell::new(false),
        pending: RefCell::new(None),
        saved_as_file: RefCell::new(None),
        on_home: option(&options, "onHome")
            .dyn_into::<js_sys::Function>()
            .ok(),
    });
    if let Some(e) = load_error {
        host.report_error(&format!("{} {e}", i18n::tr(lang, "storage.restore_failed")));
    }
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.retain(|(h, _, _)| h.strong_count() > 0);
        live.push((Rc::downgrade(&host), element.clone(), today));
    });
    let handle = yew::Renderer::<App>::with_root_and_props(
        element.clone(),
        AppProps {
            plan,
            today,
            lang,
            readonly,
            host: HostRef(host.clone()),
        },
    )
    .render();
    Ok(Widget {
        handle: Some(handle),
        watching: (!readonly).then(crate::lock::watch),
        host,
        root: element,
        today,
    })
}

#[wasm_bindgen]
impl Widget {
    /// The plan as a JS object in the file format.
    /// The language the widget speaks now (the user may have switched it),
    /// so the element remounts in it (start screen, lock).
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.host.lang.get().code().to_string()
    }

    #[wasm_bindgen(js_name = getPlan)]
    pub fn get_plan(&self) -> JsValue {
        plan_to_js(&self.host.current.borrow())
    }

    /// Replaces the plan. An invalid plan throws an `Error` with the reason
    /// (in the widget's language) and leaves the open plan as it was.
    #[wasm_bindgen(js_name = setPlan)]
    pub fn set_plan(&self, plan: JsValue) -> Result<(), js_sys::Error> {
        let plan = plan_from_js(&plan, self.host.lang.get())?;
        *self.host.current.borrow_mut() = Rc::new(plan.clone());
        self.host.load_quietly(plan);
        Ok(())
    }

    /// The plan as the text of a file.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> String {
        file::to_json(&self.host.current.borrow())
    }

    /// Opens the print dialog with the printable plan, in `lang` ("sv" or
    /// "en") when given, else in the widget's language. The plan's
    /// snapshots of closed meetings are never printed.
    pub fn print(&self, lang: Option<String>) -> Result<(), JsValue> {
        let lang = match lang {
            None => self.host.lang.get(),
            Some(code) => Lang::from_code(&code).ok_or_else(|| {
                js_sys::Error::new(&i18n::trf(
                    self.host.lang.get(),
                    "app.unknown_print_lang",
                    &[("lang", &code)],
                ))
            })?,
        };
        let html =
            crate::topbar::printable_html(&self.host.current.borrow(), lang, self.today, false);
        crate::files::print_html(&self.root, &html)
    }

    /// Unmounts the widget and removes everything it added to the page.
    pub fn destroy(&mut self) {
        self.watching.take();
        crate::stats_view::close_within(&self.root);
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        if let Ok(Some(frame)) = self.root.query_selector("iframe.skn-print-frame") {
            frame.remove();
        }
        let host = Rc::downgrade(&self.host);
        LIVE.with(|live| live.borrow_mut().retain(|(h, _, _)| !h.ptr_eq(&host)));
    }
}

/// The start screen, mounted where an element has neither a plan nor a
/// storage key from its page (the offline file).
#[wasm_bindgen]
pub struct StartScreen {
    handle: Option<AppHandle<crate::start::StartScreen>>,
    watching: Option<crate::lock::Watching>,
}

/// Mounts the start screen into `element`. Options: `lang`, `today`
/// (as for `mount`) and `onOpen(storageKey, plan)`, called with the key of
/// the plan the user chose (already saved there), and the plan itself only
/// when storage would not keep it.
/// `onUnlocked(stay)`: the plans on this computer were unlocked (`stay`
/// true: show again what the lock cleared), the lock was turned on or off
/// (true), or everything was deleted for a forgotten passphrase (false).
#[wasm_bindgen(js_name = mountStart)]
pub fn mount_start(element: Element, options: JsValue) -> Result<StartScreen, JsValue> {
    install_panic_hook();
    let lang = option(&options, "lang")
        .as_string()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let today = option(&options, "today")
        .as_string()
        .and_then(|s| Date::parse(&s))
        .unwrap_or_else(browser_today);
    let on_open = option(&options, "onOpen")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| JsValue::from(js_sys::Error::new("mountStart needs an onOpen function")))?;
    let on_unlocked = option(&options, "onUnlocked")
        .dyn_into::<js_sys::Function>()
        .ok();
    let watching = Some(crate::lock::watch());
    let handle = yew::Renderer::<crate::start::StartScreen>::with_root_and_props(
        element,
        crate::start::StartProps {
            lang,
            today,
            on_open: yew::Callback::from(move |(key, plan): (String, Option<Plan>)| {
                let plan = plan.as_ref().map_or(JsValue::UNDEFINED, plan_to_js);
                let _ = on_open.call2(&JsValue::NULL, &JsValue::from_str(&key), &plan);
            }),
            on_unlocked: yew::Callback::from(move |stay: bool| {
                if let Some(f) = &on_unlocked {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_bool(stay));
                }
            }),
        },
    )
    .render();
    Ok(StartScreen {
        handle: Some(handle),
        watching,
    })
}

#[wasm_bindgen]
impl StartScreen {
    /// No plan is open on the start screen.
    #[wasm_bindgen(js_name = getPlan)]
    pub fn get_plan(&self) -> JsValue {
        JsValue::NULL
    }

    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.watching.take();
    }
}

/// The widget's whole stylesheet, for `adoptedStyleSheets` in a shadow root
/// (no inline styles anywhere, so a strict CSP needs nothing more).
#[wasm_bindgen]
pub fn stylesheet() -> String {
    // Minified by build.rs from src/style.css (comments and layout whitespace
    // dropped: the wasm is shipped within a size budget).
    include_str!(concat!(env!("OUT_DIR"), "/style.min.css")).to_string()
}

/// Whether the plans on this computer are locked (the lock is on and this
/// page has not been given its passphrase): the element then shows the
/// unlock form.
#[wasm_bindgen(js_name = isLocked)]
pub fn is_locked() -> bool {
    crate::lock::is_locked()
}

/// Forgets every plan any widget saved on this computer. Returns how many
/// storage entries were removed.
#[wasm_bindgen(js_name = forgetEverything)]
pub fn forget_everything() -> usize {
    crate::storage::forget_everything()
}

fn install_panic_hook() {
    thread_local! {
        static INSTALLED: Cell<bool> = const { Cell::new(false) };
    }
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&info.to_string()));
        LIVE.with(|live| {
            let Ok(live) = live.try_borrow() else {
                return;
            };
            for (host, root, today) in live.iter() {
                if let Some(host) = host.upgrade() {
                    show_recovery(&host, root, *today);
                }
            }
        });
    }));
}

/// After a crash: a plain screen in place of the dead widget, with the last
/// good plan ready to save as a file. Built without calling back into wasm
/// (a link to a Blob URL), because after a panic the module may not run again.
fn show_recovery(host: &Host, root: &Element, today: Date) {
    let lang = host.lang.get();
    let message = i18n::tr(lang, "app.crashed").to_string();
    host.report_error(&message);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(plan) = host.current.try_borrow() else {
        return;
    };
    let json = file::to_json(&plan);
    let build = || -> Result<(), JsValue> {
        let screen = document.create_element("div")?;
        screen.set_class_name("skn-app skn-recovery");
        screen.set_attribute("role", "alert")?;
        let title = document.create_element("h2")?;
        title.set_text_content(Some(&message));
        let body = document.create_element("p")?;
        body.set_text_content(Some(i18n::tr(lang, "app.crashed_body")));
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let link = document.create_element("a")?;
        link.set_class_name("skn-button skn-button--primary");
        link.set_attribute("href", &url)?;
        link.set_attribute("download", &crate::files::file_name("plan", today, "json"))?;
        link.set_text_content(Some(i18n::tr(lang, "app.crashed_save")));
        screen.append_child(&title)?;
        screen.append_child(&body)?;
        screen.append_child(&link)?;
        root.set_text_content(None);
        root.append_child(&screen)?;
        Ok(())
    };
    let _ = build();
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn after_a_crash_the_widget_shows_a_way_to_save_the_last_good_plan() {
        let document = gloo::utils::document();
        let root = document.create_element("div").expect("div");
        root.set_inner_html("<p>the dead widget</p>");
        let errors = js_sys::Array::new();
        let on_error = js_sys::Function::new_with_args("m", "this.push(m)").bind0(&errors);
        let plan = sample::sample_plan();
        let host = Host {
            on_error: Some(on_error),
            current: RefCell::new(Rc::new(plan.clone())),
            ..Host::default()
        };
        let today = Date::parse("2026-11-23").expect("date");
        show_recovery(&host, &root, today);
        assert_eq!(errors.length(), 1, "the host page hears of it");
        let screen = root
            .query_selector(".skn-recovery")
            .ok()
            .flatten()
            .expect("recovery screen");
        assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
        assert!(!root.inner_html().contains("the dead widget"));
        let link = screen
            .query_selector("a[download]")
            .ok()
            .flatten()
            .expect("save link");
        assert!(link
            .get_attribute("href")
            .is_some_and(|h| h.starts_with("blob:")));
        assert_eq!(
            link.get_attribute("download").as_deref(),
            Some("skyddsnat-plan-2026-11-23.json")
        );
    }

    #[wasm_bindgen_test]
    fn a_number_too_large_for_json_is_named_with_its_path_not_as_null() {
        let plan = plan_to_js(&sample::sample_plan());
        let children = js_sys::Reflect::get(&plan, &"children".into()).expect("children");
        let first = js_sys::Reflect::get(&children, &0.into()).expect("a child");
        // What the browser makes of `age: 1e400`.
        js_sys::Reflect::set(&first, &"age".into(), &f64::INFINITY.into()).expect("set");
        let message =
            |lang| String::from(plan_from_js(&plan, lang).expect_err("refused").message());
        let too_large = |lang| i18n::tr(lang, "format.number_too_large").to_string();
        assert_eq!(
            message(Lang::Sv),
            format!("Vid children[0].age: {}", too_large(Lang::Sv))
        );
        assert_eq!(
            message(Lang::En),
            format!("At children[0].age: {}", too_large(Lang::En))
        );
        // Not a number is no number either: refused, never read as "empty".
        js_sys::Reflect::set(&first, &"age".into(), &f64::NAN.into()).expect("set");
        let en = message(Lang::En);
        assert!(en.starts_with("At children[0].age (Alva):"), "{en}");
        assert!(!en.contains("null"), "{en}");
    }

    #[wasm_bindgen_test]
    fn plans_cross_to_js_and_back_unchanged() {
        let plan = sample::sample_plan();
        let value = plan_to_js(&plan);
        assert!(value.is_object());
        let back = plan_from_js(&value, Lang::Sv).expect("valid");
        assert_eq!(back, plan);
        // A JSON string is accepted too; garbage is an Error with a message.
        let text = JsValue::from_str(&file::to_json(&plan));
        assert_eq!(plan_from_js(&text, Lang::En).expect("valid"), plan);
        let err = plan_from_js(&JsValue::from_str("{nope"), Lang::En).expect_err("refused");
        assert!(!String::from(err.message()).is_empty());
    }
}
