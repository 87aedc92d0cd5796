//! Key figures of the network and the plan, the core's `Figures::rows`, as a
//! short readable summary: how big the network is and where, who is isolated, who
//! carries the plan, and which evening hours no check covers. Names follow
//! "hide names" like everything else on screen. Below them, the close
//! contact: checks made and planned (and how many out of office hours),
//! failed, late, and contingency steps due (`core::schedule::summary`).

use crate::state::{t, use_app};
use skyddsnat_core::analysis::{figures, schedule};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyFiguresProps {
    /// Shown over the map as a dialog with a close button (else inline, in the list).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

#[function_component]
pub fn KeyFigures(props: &KeyFiguresProps) -> Html {
    let app = use_app();
    let f = use_memo(crate::map::PlanKey(app.plan.clone()), |k| {
        figures::figures(&k.0)
    });
    let mut rows = f.rows(&app.plan, app.lang, app.hide_names);
    // The close contact: checks made, out of hours, failed, late and due.
    rows.extend(schedule::summary(&app.plan, app.today, crate::panels::DAYS_AHEAD).rows(app.lang));
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
