//! Statistics for the unit: many saved plan files in, one table without names out.
//!
//! The files are read in this browser only (never stored, never sent) and
//! counted by `core::stats`. Nothing identifying reaches the screen: not the
//! plans' names, not the files' names (they often hold a child's name), and
//! not the fragments of a file that an import error may quote. A file that
//! could not be counted is named by its position in the selection only.
//!
//! The pure part — reading each file, counting, and the privacy rule for
//! import errors — is the core's `analysis::unit_files`; here are the table
//! ([`StatsTable`]), the full-screen dialog around it ([`UnitStatsView`]),
//! and [`opener`], which mounts that dialog from the ☰ menu.

use skyddsnat_core::analysis::stats::UnitStats;
use skyddsnat_core::analysis::unit_files::{
    csv_file_text, import_text, status_line, summarize_slots, Imported, Slot,
};
use skyddsnat_core::file;
use skyddsnat_core::i18n::{tr, trf};
use skyddsnat_core::{Date, Lang};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

// ---- the table ----

#[derive(Properties, PartialEq)]
pub struct StatsTableProps {
    pub stats: UnitStats,
    pub lang: Lang,
    pub today: Date,
}

/// The table's sections: a caption key and the catalog keys of its rows,
/// in the core's order.
const GROUPS: [(&str, &[&str]); 6] = [
    (
        "stats.view.group.plans",
        &["stats.plans", "stats.active", "stats.closed"],
    ),
    (
        "stats.view.group.children",
        &[
            "stats.children",
            "stats.age.0_2",
            "stats.age.3_5",
            "stats.age.6_9",
            "stats.age.10_12",
            "stats.age.13_17",
        ],
    ),
    (
        "stats.view.group.time",
        &[
            "stats.days_to_close.count",
            "stats.days_to_close.median",
            "stats.days_to_close.min",
            "stats.days_to_close.max",
        ],
    ),
    (
        "stats.view.group.outcomes",
        &[
            "stats.outcome.stays_home",
            "stats.outcome.placement_avoided",
            "stats.outcome.placement_shortened",
            "stats.outcome.placed",
            "stats.outcome.family_ended",
            "stats.outcome.other",
            "stats.outcome.unknown",
        ],
    ),
    (
        "stats.view.group.check_ins",
        &[
            "stats.agreements",
            "stats.check_ins.kept",
            "stats.check_ins.not_kept",
            "stats.check_ins.missed",
            "stats.check_ins.per_week",
        ],
    ),
    (
        "stats.view.group.reviews",
        &["stats.reviews.held", "stats.reviews.missed"],
    ),
];

/// The core's rows sorted into the sections above. A row the core adds
/// later and no section names yet goes under "other": nothing is left out.
pub fn grouped_rows(stats: &UnitStats, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    let mut rows = stats.rows(lang);
    let mut groups = Vec::new();
    for (caption, keys) in GROUPS {
        let mut members = Vec::new();
        for key in keys {
            let label = tr(lang, key);
            if let Some(i) = rows.iter().position(|(l, _)| l == label) {
                members.push(rows.remove(i));
            }
        }
        if !members.is_empty() {
            groups.push((tr(lang, caption).to_string(), members));
        }
    }
    if !rows.is_empty() {
        groups.push((tr(lang, "stats.view.group.other").to_string(), rows));
    }
    groups
}

/// The summary as tables, one per section (plans, children, time to close…),
/// each with a caption and the measures as row headers.
#[function_component]
pub fn StatsTable(props: &StatsTableProps) -> Html {
    let lang = props.lang;
    let caption = trf(
        lang,
        "stats.view.caption",
        &[
            ("count", &props.stats.plans.to_string()),
            ("date", &props.today.to_string()),
        ],
    );
    html! {
        <>
            <p class="skn-stats-caption">{ caption }</p>
            <div class="skn-stats-groups">
                { for grouped_rows(&props.stats, lang).into_iter().map(|(group, rows)| html! {
                    <table class="skn-stats-table">
                        <caption>{ group }</caption>
                        <tbody>
                            { for rows.into_iter().map(|(label, value)| html! {
                                <tr>
                                    <th scope="row">{ label }</th>
                                    <td>{ shown_value(&value, lang) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }) }
            </div>
        </>
    }
}

/// A value as read on screen: a decimal comma in Swedish (the CSV keeps the
/// point for programs), and words instead of an empty cell.
fn shown_value(value: &str, lang: Lang) -> Html {
    if value.is_empty() {
        return html! {
            <>
                <span aria-hidden="true">{ "–" }</span>
                <span class="skn-visually-hidden">{ tr(lang, "stats.view.no_value") }</span>
            </>
        };
    }
    html! { { skyddsnat_core::i18n::decimal_sign(value.to_string(), lang) } }
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
            summarize_slots(&batch.slots, today)
        })
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
        let summary = summary.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(stats) = &summary.stats {
                crate::files::download(
                    &crate::files::file_name("statistik", today, "csv"),
                    "text/csv;charset=utf-8",
                    &csv_file_text(stats, lang),
                );
            }
        })
    };
    let clear = {
        let reading = reading.clone();
        Callback::from(move |_: MouseEvent| reading.clear())
    };

    let t = |key: &str| tr(lang, key).to_string();
    let table = match &summary.stats {
        Some(stats) if summary.counted > 0 => html! {
            <StatsTable stats={stats.clone()} {lang} {today} />
        },
        _ => html! { <p class="skn-stats-empty">{ t("stats.view.empty") }</p> },
    };
    let can_export = summary.stats.is_some() && summary.counted > 0;
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
                        <button type="button" class="skn-button" onclick={clear} disabled={summary.files == 0}>
                            { t("stats.view.clear") }
                        </button>
                    </div>
                </section>
                <section class="skn-stats-result" aria-labelledby="skn-stats-result-title" tabindex="0">
                    <h3 id="skn-stats-result-title" class="skn-stats-subtitle">{ t("stats.view.result") }</h3>
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
