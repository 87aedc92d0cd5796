//! Key figures of the network and the plan, from `core::figures`, as a short
//! readable summary: how big the network is and where, who is isolated, who
//! carries the plan, and which evening hours no check covers. Names follow
//! "hide names" like everything else on screen.

use crate::state::{t, tf, use_app, AppState};
use skyddsnat_core::analysis::figures::{self, Figures, EVENING_HOURS};
use skyddsnat_core::{Label, PersonId, PersonKind, Weekday};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyFiguresProps {
    /// Shown over the map as a dialog with a close button (else inline, in the list).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

fn names(state: &AppState, ids: &[PersonId]) -> String {
    if ids.is_empty() {
        return t(state, "figures.none");
    }
    ids.iter()
        .map(|id| state.name(*id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn counted(state: &AppState, items: &[(PersonId, usize)]) -> String {
    if items.is_empty() {
        return t(state, "figures.none");
    }
    items
        .iter()
        .map(|(id, n)| format!("{} ({n})", state.name(*id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A share as a percentage with one decimal ("12,5" in Swedish).
fn percent(state: &AppState, share: f64) -> String {
    skyddsnat_core::i18n::decimal(share * 100.0, 1, state.lang)
}

/// The figures as (label, value) rows in reading order.
pub fn figure_rows(state: &AppState, f: &Figures) -> Vec<(String, String)> {
    let plan = &state.plan;
    let lang = state.lang;
    let row = |k: &str, v: String| (t(state, k), v);
    let mut rows = vec![row("figures.people", f.people.to_string())];
    rows.push((
        format!(
            "{} / {}",
            PersonKind::Private.label(lang),
            PersonKind::Professional.label(lang)
        ),
        format!("{} / {}", f.private, f.professional),
    ));
    let sectors: Vec<String> = figures::by_sector_in_map_order(plan, f)
        .into_iter()
        .map(|(s, n)| format!("{} {n}", s.label(lang)))
        .collect();
    rows.push((t(state, "keyfigures.by_sector"), sectors.join(" · ")));
    let rings: Vec<String> = f
        .by_ring
        .iter()
        .map(|(r, n)| format!("{} {n}", r.label(lang)))
        .collect();
    rows.push((t(state, "keyfigures.by_ring"), rings.join(" · ")));
    let nodes = f.people + plan.children().len();
    let possible = nodes * nodes.saturating_sub(1) / 2;
    rows.push(row(
        "figures.density",
        tf(
            state,
            "figures.density.value",
            &[
                ("lines", &f.connected_pairs.to_string()),
                ("pairs", &possible.to_string()),
                ("percent", &percent(state, f.density)),
            ],
        ),
    ));
    rows.push(row(
        "figures.most_connected",
        counted(state, &f.most_connected),
    ));
    rows.push(row("figures.isolated", names(state, &f.isolated)));
    rows.push(row(
        "figures.no_line_to_child",
        names(state, &f.no_line_to_child),
    ));
    rows.push(row("figures.safe_inner", names(state, &f.safe_inner)));
    rows.push(row("figures.concerns", names(state, &f.concerns)));
    let overloaded: Vec<(PersonId, usize)> = f
        .load
        .iter()
        .filter(|l| l.overloaded())
        .map(|l| (l.person, l.total()))
        .collect();
    rows.push(row("figures.overloaded", counted(state, &overloaded)));
    rows.push(row("figures.without_role", names(state, &f.without_role)));
    let evenings = Weekday::ALL.len() * EVENING_HOURS.count();
    rows.push(row(
        "figures.uncovered_evenings",
        tf(
            state,
            "figures.of",
            &[
                ("count", &f.coverage.uncovered_evenings().len().to_string()),
                ("total", &evenings.to_string()),
            ],
        ),
    ));
    rows
}

#[function_component]
pub fn KeyFigures(props: &KeyFiguresProps) -> Html {
    let app = use_app();
    let f = use_memo(crate::map::PlanKey(app.plan.clone()), |k| {
        figures::figures(&k.0)
    });
    let rows = figure_rows(&app, &f);
    let list = html! {
        <dl class="skn-figures">
            { for rows.into_iter().map(|(label, value)| html! {
                <div class="skn-figure">
                    <dt>{ label }</dt>
                    <dd><bdi>{ value }</bdi></dd>
                </div>
            }) }
        </dl>
    };
    match &props.on_close {
        Some(on_close) => {
            let close = {
                let on_close = on_close.clone();
                Callback::from(move |_: MouseEvent| on_close.emit(()))
            };
            let onkeydown = {
                let on_close = on_close.clone();
                Callback::from(move |e: KeyboardEvent| {
                    crate::dialog::close_on_escape(&e, &on_close)
                })
            };
            html! {
                <section class="skn-dialog skn-dialog--end skn-figures-dialog" role="dialog" aria-modal="false"
                    aria-labelledby={app.dom_id("figures-title")} tabindex="-1" {onkeydown}>
                    <h2 id={app.dom_id("figures-title")} class="skn-dialog-title">{ t(&app, "keyfigures.title") }</h2>
                    { list }
                    <div class="skn-dialog-actions">
                        <button type="button" class="skn-button" onclick={close}>{ t(&app, "app.close") }</button>
                    </div>
                </section>
            }
        }
        None => html! {
            <section class="skn-list-section" aria-labelledby={app.dom_id("figures-inline")}>
                <h2 id={app.dom_id("figures-inline")}>{ t(&app, "keyfigures.title") }</h2>
                { list }
            </section>
        },
    }
}
