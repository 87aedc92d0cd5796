//! The map's legend: what shapes and line styles mean. Always on screen,
//! because the map is read by a whole room, not only by the one who drew it.

use super::draw::relation_shape;
use crate::state::{t, use_app};
use skyddsnat_core::map::Point;
use skyddsnat_core::{Label, PersonKind, RelationKind};
use yew::prelude::*;

#[function_component]
pub fn Legend() -> Html {
    let app = use_app();
    let lang = app.lang;
    let line = |kind: RelationKind, supports: bool, label: String| {
        let shape = relation_shape(
            kind,
            supports,
            Point::new(0.0, 8.0),
            0.0,
            Point::new(44.0, 8.0),
            0.0,
        );
        html! {
            <li>
                <svg class="skn-legend-icon" viewBox="-2 0 48 16" width="40" height="14" aria-hidden="true">
                    <g class={classes!("skn-rel", super::kind_class(kind))}>
                        <path class="skn-rel-line" d={shape.line} />
                        if let Some(d) = shape.arrow {
                            <path class="skn-rel-arrow" d={d} />
                        }
                    </g>
                </svg>
                <span>{ label }</span>
            </li>
        }
    };
    html! {
        <section class="skn-legend" aria-label={t(&app, "map.legend")}>
            <ul>
                <li>
                    <svg class="skn-legend-icon" viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true">
                        <g class="skn-node skn-node--private"><circle class="skn-node-shape" r="6.5" /></g>
                    </svg>
                    <span>{ PersonKind::Private.label(lang) }</span>
                </li>
                <li>
                    <svg class="skn-legend-icon" viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true">
                        <g class="skn-node skn-node--professional">
                            <rect class="skn-node-shape" x="-6.5" y="-6.5" width="13" height="13" rx="2" />
                        </g>
                    </svg>
                    <span>{ PersonKind::Professional.label(lang) }</span>
                </li>
                { for RelationKind::ALL.iter().map(|k| line(*k, false, k.label(lang).to_string())) }
                { line(RelationKind::Strong, true, t(&app, "map.legend_supports")) }
                <li>
                    <svg class="skn-legend-icon" viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true">
                        <g class="skn-load"><circle r="7" /><text text-anchor="middle" dominant-baseline="central" font-size="9">{ "2" }</text></g>
                    </svg>
                    <span>{ t(&app, "map.legend_load") }</span>
                </li>
            </ul>
        </section>
    }
}
