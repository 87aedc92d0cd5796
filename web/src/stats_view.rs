//! Statistics for the unit: many saved plan files in, the unit's figures
//! for a period out, without names.
//!
//! The files are read in this browser only (never stored, never sent) and
//! counted by `core::analysis::stats` for the period chosen (a tertial, a
//! year or dates), small numbers suppressed there. Nothing identifying reaches the screen: not the
//! plans' names, not the files' names (they often hold a child's name), and
//! not the fragments of a file that an import error may quote. A file that
//! could not be counted is named by its position in the selection only.
//!
//! The pure part — reading each file, counting, and the privacy rule for
//! import errors — is the core's `analysis::unit_files`; the figures, their
//! charts, CSV and printed page are the core's too (`analysis::stats`,
//! `papers::unit_report`: the tables and charts are the core's escaped HTML,
//! which holds no text from a plan). Here are the choice of period, the
//! full-screen dialog ([`UnitStatsView`]), and [`opener`], which mounts that
//! dialog from the ☰ menu.

use skyddsnat_core::analysis::period::{case_start, Period};
use skyddsnat_core::analysis::stats::{to_csv, unit_figures};
use skyddsnat_core::analysis::unit_files::{
    import_text, status_line, summarize_slots, Imported, Slot,
};
use skyddsnat_core::file;
use skyddsnat_core::i18n::{tr, trf};
use skyddsnat_core::papers::unit_report::{figures_body, figures_html};
use skyddsnat_core::{Date, Lang, Plan};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

// ---- the period ----

/// The period chosen in the list: `y2026` (a year), `t2026.2` (a
/// tertial), or `range` (the two dates `from`, `to`, as typed).
pub fn chosen_period(choice: &str, from: &str, to: &str) -> Option<Period> {
    if choice == "range" {
        return Period::new(Date::parse(from)?, Date::parse(to)?);
    }
    let (year, n) = match choice.strip_prefix('t') {
        Some(t) => t.split_once('.')?,
        None => (choice.strip_prefix('y')?, ""),
    };
    let year = year.parse().ok()?;
    match n.parse() {
        Ok(n) => Period::tertial(year, n),
        Err(_) => Period::year(year),
    }
}

/// The years and tertials offered: from the earliest start among the plans
/// (at most ten years back) to this year, the latest first.
fn period_choices(plans: &[Rc<Plan>], today: Date, lang: Lang) -> Vec<(String, String)> {
    let this = today.ymd().0;
    let first = plans
        .iter()
        .filter_map(|p| case_start(p))
        .map(|d| d.ymd().0)
        .min()
        .unwrap_or(this)
        .clamp(this - 10, this);
    let mut out = Vec::new();
    for year in (first..=this).rev() {
        for n in (1..=3).rev() {
            if let Some(p) = Period::tertial(year, n) {
                out.push((format!("t{year}.{n}"), p.label(lang)));
            }
        }
        out.push((format!("y{year}"), year.to_string()));
    }
    out.push(("range".into(), tr(lang, "stats.view.own_dates").to_string()));
    out
}

// ---- the dialog ----

#[derive(Properties, PartialEq)]
pub struct UnitStatsProps {
    pub lang: Lang,
    /// The day the plans are counted on (active or closed, reviews missed).
    pub today: Date,
    pub on_close: Callback<()>,
}

/// The files of one selection. `generation` changes on "start over", so a
/// read that finishes afterwards cannot slip into the new selection.
#[derive(Default)]
struct Batch {
    generation: u32,
    revision: u64,
    slots: Vec<Slot>,
}

enum BatchAction {
    Set {
        generation: u32,
        position: usize,
        slot: Slot,
    },
    Clear {
        generation: u32,
    },
}

impl Reducible for Batch {
    type Action = BatchAction;

    fn reduce(self: Rc<Self>, action: BatchAction) -> Rc<Self> {
        let mut next = Batch {
            generation: self.generation,
            revision: self.revision + 1,
            slots: self.slots.clone(),
        };
        match action {
            BatchAction::Set {
                generation,
                position,
                slot,
            } => {
                if generation != self.generation {
                    return self;
                }
                if next.slots.len() <= position {
                    next.slots.resize(position + 1, Slot::Pending);
                }
                next.slots[position] = slot;
            }
            BatchAction::Clear { generation } => {
                next.generation = generation;
                next.slots.clear();
            }
        }
        Rc::new(next)
    }
}

fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files of a drop. (Read through JS properties: the web crate does not
/// enable web-sys's `DataTransfer` binding for this one use.)
fn dropped_files(e: &DragEvent) -> Vec<web_sys::File> {
    js_sys::Reflect::get(e, &JsValue::from_str("dataTransfer"))
        .ok()
        .and_then(|dt| js_sys::Reflect::get(&dt, &JsValue::from_str("files")).ok())
        .and_then(|files| files.dyn_into::<web_sys::FileList>().ok())
        .map(|list| files_of(&list))
        .unwrap_or_default()
}

/// Shows the "copy" cursor while files are dragged over the dialog.
fn accept_drag(e: &DragEvent) {
    e.prevent_default();
    if let Ok(dt) = js_sys::Reflect::get(e, &JsValue::from_str("dataTransfer")) {
        if dt.is_object() {
            let _ = js_sys::Reflect::set(&dt, &"dropEffect".into(), &"copy".into());
        }
    }
}

/// The elements Tab can reach inside `dialog`, in order.
fn focusable(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), [href], input:not([type=\"file\"]):not([disabled]), select, textarea, [tabindex]:not([tabindex=\"-1\"])",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Where the next chosen file goes, and the readers kept alive until they
/// finish (a dropped reader cancels its read).
#[derive(Default)]
struct ReadState {
    generation: u32,
    next_position: usize,
    readers: Vec<gloo::file::callbacks::FileReader>,
}

/// Everything one file read needs: where its result goes, and the state above.
#[derive(Clone)]
struct Reading {
    batch: UseReducerDispatcher<Batch>,
    state: Rc<RefCell<ReadState>>,
}

impl Reading {
    fn read(&self, files: Vec<web_sys::File>) {
        let mut state = self.state.borrow_mut();
        let generation = state.generation;
        for file in files {
            let position = state.next_position;
            state.next_position += 1;
            let size = file.size();
            if size > file::limits::MAX_BYTES as f64 {
                // Not even read: a plan is never this large.
                self.batch.dispatch(BatchAction::Set {
                    generation,
                    position,
                    slot: Slot::Done(Imported::too_large(size as usize)),
                });
                continue;
            }
            self.batch.dispatch(BatchAction::Set {
                generation,
                position,
                slot: Slot::Pending,
            });
            let batch = self.batch.clone();
            let reader =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                    let imported = match text {
                        Ok(text) => import_text(&text),
                        Err(_) => Imported::unreadable(),
                    };
                    batch.dispatch(BatchAction::Set {
                        generation,
                        position,
                        slot: Slot::Done(imported),
                    });
                });
            state.readers.push(reader);
        }
    }

    /// "Start over": forget every file, and ignore reads still under way.
    fn clear(&self) {
        let mut state = self.state.borrow_mut();
        state.generation = state.generation.wrapping_add(1);
        state.next_position = 0;
        state.readers.clear();
        self.batch.dispatch(BatchAction::Clear {
            generation: state.generation,
        });
    }
}

/// The unit's statistics as a full-screen dialog: choose or drop many saved
/// plans, see the table, export it as CSV. Esc or "Close" calls `on_close`.
#[function_component]
pub fn UnitStatsView(props: &UnitStatsProps) -> Html {
    let lang = props.lang;
    let today = props.today;
    let batch = use_reducer(Batch::default);
    let reading = Reading {
        batch: batch.dispatcher(),
        state: use_mut_ref(ReadState::default),
    };
    let dragging = use_state(|| false);
    let dialog_ref = use_node_ref();
    let pick_ref = use_node_ref();
    let input_ref = use_node_ref();

    let summary = {
        let batch = batch.clone();
        use_memo((batch.generation, batch.revision), move |_| {
            summarize_slots(&batch.slots)
        })
    };
    // The period: this tertial until another is chosen.
    let choice = use_state(|| {
        let (year, n) = Period::tertial_of(today);
        format!("t{year}.{n}")
    });
    let from = use_state(String::new);
    let to = use_state(String::new);
    let period = chosen_period(&choice, &from, &to);
    let figures = {
        let summary = summary.clone();
        use_memo(
            (batch.generation, batch.revision, period, lang),
            move |_| {
                let plans = summary.plans.as_ref().filter(|p| !p.is_empty())?;
                Some(unit_figures(plans, period?, lang))
            },
        )
    };

    // Focus moves into the dialog, onto its first action.
    {
        let pick_ref = pick_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = pick_ref.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    // Finished readers hold the files' texts: let them go once all are in.
    {
        let state = reading.state.clone();
        use_effect_with(summary.pending, move |pending| {
            if *pending == 0 {
                state.borrow_mut().readers.clear();
            }
        });
    }

    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                on_close.emit(());
            }
            "Tab" => {
                // Keep Tab inside the dialog (aria-modal): wrap at both ends.
                let Some(dialog) = dialog_ref.cast::<Element>() else {
                    return;
                };
                let items = focusable(&dialog);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    return;
                };
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                let at = |el: &HtmlElement| {
                    target
                        .as_ref()
                        .is_some_and(|t| t == el.as_ref() as &Element)
                };
                if e.shift_key() && (at(first) || target.as_ref() == Some(&dialog)) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && at(last) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        })
    };
    let pick = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_pick = {
        let reading = reading.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
            // Cleared so that choosing more files later fires `change` again.
            input.set_value("");
            reading.read(files);
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            accept_drag(&e);
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: DragEvent| {
            // Moving between elements inside the dialog fires leave too.
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .zip(dialog_ref.cast::<web_sys::Node>())
                .is_some_and(|(to, dialog)| dialog.contains(Some(&to)));
            if !inside {
                dragging.set(false);
            }
        })
    };
    // A drop anywhere in the dialog counts: a near miss must not make the
    // browser open the file in place of the widget.
    let ondrop = {
        let dragging = dragging.clone();
        let reading = reading.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            reading.read(dropped_files(&e));
        })
    };
    let export = {
        let figures = figures.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(f) = figures.as_ref() {
                crate::files::download(
                    &crate::files::file_name("statistik", today, "csv"),
                    "text/csv;charset=utf-8",
                    &to_csv(f, lang),
                );
            }
        })
    };
    let print = {
        let (figures, dialog_ref) = (figures.clone(), dialog_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let (Some(f), Some(host)) = (figures.as_ref(), dialog_ref.cast::<Element>()) {
                let _ = crate::files::print_html(&host, &figures_html(f, lang, today));
            }
        })
    };
    let clear = {
        let reading = reading.clone();
        Callback::from(move |_: MouseEvent| reading.clear())
    };
    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                choice.set(select.value());
            }
        })
    };
    let date_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };

    let t = |key: &str| tr(lang, key).to_string();
    let plans = summary.plans.clone().unwrap_or_default();
    let table = match figures.as_ref() {
        Some(f) => html! {
            <>
                <p class="skn-stats-caption">
                    { trf(lang, "stats.view.caption", &[("count", &summary.counted.to_string()), ("period", &f.period.label(lang))]) }
                    { " " }{ t("stats.suppressed") }
                </p>
                <div class="skn-figures">{ Html::from_html_unchecked(figures_body(f, lang, 4).into()) }</div>
            </>
        },
        None if period.is_none() => {
            html! { <p class="skn-stats-empty" role="alert">{ t("stats.view.bad_range") }</p> }
        }
        None => html! { <p class="skn-stats-empty">{ t("stats.view.empty") }</p> },
    };
    let can_export = figures.is_some();
    let field = |id: &'static str, label: &str, state: &UseStateHandle<String>| {
        html! {
            <div class="skn-field">
                <label for={id}>{ t(label) }</label>
                <input {id} type="date" value={(**state).clone()} onchange={date_input(state)} />
            </div>
        }
    };
    html! {
        <div ref={dialog_ref} class="skn-stats" role="dialog" aria-modal="true"
            aria-labelledby="skn-stats-title" aria-describedby="skn-stats-intro"
            lang={lang.code()} dir={lang.dir()} tabindex="-1"
            {onkeydown} {ondragover} ondragenter={Callback::from(|e: DragEvent| accept_drag(&e))}
            {ondragleave} {ondrop}>
            <div class="skn-stats-head">
                <h2 id="skn-stats-title" class="skn-stats-title">{ t("stats.view.title") }</h2>
                <button type="button" class="skn-button" onclick={close}>{ t("stats.view.close") }</button>
            </div>
            <div class="skn-stats-body">
                <section class="skn-stats-files" aria-labelledby="skn-stats-files-title">
                    <h3 id="skn-stats-files-title" class="skn-stats-subtitle">{ t("stats.view.files") }</h3>
                    <p id="skn-stats-intro" class="skn-stats-intro">
                        { t("stats.view.intro") }{ " " }{ t("stats.view.privacy") }
                    </p>
                    <div class={classes!("skn-stats-drop", dragging.then_some("skn-stats-drop--active"))}>
                        <p class="skn-stats-drop-text">{ t("stats.view.drop") }</p>
                        <p class="skn-stats-or">{ t("stats.view.or") }</p>
                        <button ref={pick_ref} type="button" class="skn-button skn-button--primary" onclick={pick}>
                            { t("stats.view.pick") }
                        </button>
                        <input ref={input_ref} type="file" multiple=true accept=".json,application/json"
                            class="skn-hidden" aria-label={t("stats.view.pick_label")}
                            tabindex="-1" aria-hidden="true" onchange={on_pick} />
                    </div>
                    <p class="skn-stats-status" role="status" aria-live="polite">{ status_line(&summary, lang) }</p>
                    if !summary.notes.is_empty() {
                        <h4 class="skn-stats-notes-title">{ t("stats.view.not_counted") }</h4>
                        <ul class="skn-stats-notes">
                            { for summary.notes.iter().map(|note| html! { <li>{ note.message(lang) }</li> }) }
                        </ul>
                    }
                    <div class="skn-dialog-actions">
                        <button type="button" class="skn-button" onclick={export} disabled={!can_export}>
                            { t("stats.view.export") }
                        </button>
                        <button type="button" class="skn-button" onclick={print} disabled={!can_export}>
                            { t("stats.view.print") }
                        </button>
                        <button type="button" class="skn-button" onclick={clear} disabled={summary.files == 0}>
                            { t("stats.view.clear") }
                        </button>
                    </div>
                </section>
                <section class="skn-stats-result" aria-labelledby="skn-stats-result-title" tabindex="0">
                    <h3 id="skn-stats-result-title" class="skn-stats-subtitle">{ t("stats.view.result") }</h3>
                    <div class="skn-stats-period">
                        <div class="skn-field">
                            <label for="skn-stats-period">{ t("stats.view.period") }</label>
                            <select id="skn-stats-period" onchange={on_choice}>
                                { for period_choices(&plans, today, lang).into_iter().map(|(value, label)| html! {
                                    <option selected={*choice == value} value={value.clone()}>{ label }</option>
                                }) }
                            </select>
                        </div>
                        if *choice == "range" {
                            { field("skn-stats-from", "stats.view.from", &from) }
                            { field("skn-stats-to", "stats.view.to", &to) }
                        }
                    </div>
                    { table }
                </section>
            </div>
        </div>
    }
}

/// For the ☰ menu: a function that opens the dialog over the widget whose
/// root element is `root`, with focus returned to the menu button on close.
///
/// The dialog runs as its own small yew app in a host element appended to
/// the root, so the menu (which closes as the item is chosen) does not need
/// to keep any state for it, and the widget's keyboard shortcuts do not see
/// keys typed in the dialog.
pub fn opener(root: NodeRef, lang: Lang, today: Date) -> Box<dyn Fn()> {
    Box::new(move || {
        if let Some(root) = root.cast::<Element>() {
            open_over(&root, lang, today);
        }
    })
}

/// Opens the dialog over the widget whose root element is `root` (see
/// [`opener`]); a second call while it is open does nothing.
pub fn open_over(root: &Element, lang: Lang, today: Date) {
    let root = root.clone();
    if let Ok(Some(_)) = root.query_selector(":scope > .skn-stats-host") {
        return;
    }
    let Some(host) = root
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    host.set_class_name("skn-stats-host");
    if root.append_child(&host).is_err() {
        return;
    }
    type Handle = yew::AppHandle<UnitStatsView>;
    let handle: Rc<RefCell<Option<Handle>>> = Rc::new(RefCell::new(None));
    let on_close = {
        let handle = handle.clone();
        let host = host.clone();
        Callback::from(move |()| {
            if let Some(app) = handle.borrow_mut().take() {
                app.destroy();
            }
            OPEN.with(|open| open.borrow_mut().retain(|(h, _)| h != &host));
            host.remove();
            // The ☰ button: the one toggle inside the menu's wrapper.
            let button = root
                .query_selector(".skn-menu > button[aria-expanded]")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<HtmlElement>().ok());
            if let Some(button) = button {
                let _ = button.focus();
            }
        })
    };
    OPEN.with(|open| open.borrow_mut().push((host.clone(), handle.clone())));
    let app = yew::Renderer::<UnitStatsView>::with_root_and_props(
        host,
        UnitStatsProps {
            lang,
            today,
            on_close,
        },
    )
    .render();
    *handle.borrow_mut() = Some(app);
}

type OpenDialog = (Element, Rc<RefCell<Option<yew::AppHandle<UnitStatsView>>>>);

thread_local! {
    /// Open dialogs with their apps, so a widget's `destroy()` can end them
    /// too (each dialog is its own small yew app, not a child of the widget's).
    static OPEN: RefCell<Vec<OpenDialog>> = const { RefCell::new(Vec::new()) };
}

/// Destroys every open statistics dialog inside `root` (for `Widget::destroy`).
pub fn close_within(root: &Element) {
    let inside: Vec<OpenDialog> = OPEN.with(|open| {
        let mut open = open.borrow_mut();
        let (inside, rest) = open
            .drain(..)
            .partition(|(host, _)| root.contains(Some(host)));
        *open = rest;
        inside
    });
    for (host, handle) in inside {
        if let Some(app) = handle.borrow_mut().take() {
            app.destroy();
        }
        host.remove();
    }
}
