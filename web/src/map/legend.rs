//! The map's legend: what shapes and line styles mean, drawn with the same
//! symbols and texts as the printed map's legend (the core's
//! [`skyddsnat_core::map::scene::legend`]). One button in the map's bar
//! that opens it over the map's corner: a legend always open took three to
//! five lines of a 720 px screen from the map, and with them a fifth of the
//! size of every name on it.

use super::{mark_html, text_html};
use crate::state::{t, use_app};
use skyddsnat_core::map::scene::{legend_symbol, legend_symbol_text, Symbol};
use skyddsnat_core::map::Point;
use yew::prelude::*;

#[function_component]
pub fn Legend() -> Html {
    let app = use_app();
    // The badge is explained once some person on the map carries one.
    let load = use_memo(super::PlanKey(app.plan.clone()), |k| {
        skyddsnat_core::analysis::figures::loads(&k.0)
            .iter()
            .any(|l| l.total() > 0)
    });
    let entries = skyddsnat_core::map::scene::legend(app.lang, *load, false);
    let entry = |(symbol, label): &(Symbol, String)| {
        let at = Point::new(0.0, 0.0);
        html! {
            <li>
                <svg class="skn-legend-icon" viewBox="-3 -13 42 26" width="34" height="21" aria-hidden="true">
                    { for legend_symbol(*symbol, at, 1.0).iter().map(|m| mark_html(m, "skn-legend-mark")) }
                    if let Some(text) = legend_symbol_text(*symbol, at, 1.0) {
                        { text_html(&text, "skn-legend-count") }
                    }
                </svg>
                <span>{ label.clone() }</span>
            </li>
        }
    };
    html! {
        <details class="skn-legend">
            <summary class="skn-button">{ t(&app, "map.legend") }</summary>
            <ul>{ for entries.iter().map(entry) }</ul>
        </details>
    }
}
