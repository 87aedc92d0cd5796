//! The plan tab: the whole safety plan in collapsible sections, with the
//! validation findings placed where they apply and counted in the header.

use super::agreements::AgreementsSection;
use super::arrangements::{ArrangementsSection, SupervisionSection};
use super::checkins::CheckInSection;
use super::findings::{self, use_findings, FindingList};
use super::mapping::{DangersSection, MappingSection};
use crate::state::{t, use_app};
use skyddsnat_core::analysis::validate::Location;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct SectionProps {
    /// Stable id for the section's heading.
    id: AttrValue,
    title: String,
    #[prop_or_default]
    open: bool,
    /// A short count shown next to the title ("3").
    #[prop_or_default]
    count: Option<usize>,
    children: Html,
}

/// A collapsible section: a native `<details>`, so it opens and closes with
/// Enter or Space and screen readers announce its state.
#[function_component]
fn Section(props: &SectionProps) -> Html {
    html! {
        <details class="skn-section" id={props.id.clone()} open={props.open}>
            <summary class="skn-section-title">
                <span>{ props.title.clone() }</span>
                if let Some(n) = props.count {
                    <span class="skn-section-count">{ format!(" ({n})") }</span>
                }
            </summary>
            <div class="skn-section-body">{ props.children.clone() }</div>
        </details>
    }
}

/// The plan tab.
#[function_component]
pub fn PlanPanel() -> Html {
    let app = use_app();
    let state = &*app;
    let findings = (*use_findings()).clone();
    let plan = &state.plan;
    // Plan-wide findings that belong to no single section.
    let general: Vec<_> = findings
        .at(Location::Plan)
        .into_iter()
        .filter(|f| !f.key.starts_with("review"))
        .collect();
    let summary = findings::summary(state, &findings);
    html! {
        <section class="skn-panel skn-plan-panel" aria-labelledby={state.dom_id("plan-title")}>
            <header class="skn-panel-header">
                <h2 id={state.dom_id("plan-title")} class="skn-panel-title">{ t(state, "panel.plan.title") }</h2>
                <p class="skn-findings-summary" aria-live="polite">
                    <span aria-hidden="true">{ if findings.0.is_empty() { "✓ " } else { "⚠ " } }</span>
                    { summary }
                </p>
            </header>
            <FindingList items={general} />
            <Section id={state.dom_id("sec-mapping")} title={t(state, "panel.section.mapping")}
                count={Some(plan.mapping().len())}>
                <MappingSection />
            </Section>
            <Section id={state.dom_id("sec-dangers")} title={t(state, "panel.section.dangers")}
                count={Some(plan.dangers().len())}>
                <DangersSection findings={findings.clone()} />
            </Section>
            <Section id={state.dom_id("sec-agreements")} title={t(state, "panel.section.agreements")}
                count={Some(plan.agreements().len())} open=true>
                <AgreementsSection findings={findings.clone()} />
            </Section>
            <Section id={state.dom_id("sec-arrangements")} title={t(state, "panel.section.arrangements")}
                count={Some(plan.arrangements().len())}>
                <ArrangementsSection findings={findings.clone()} />
            </Section>
            <Section id={state.dom_id("sec-supervision")} title={t(state, "panel.section.supervision")}
                count={Some(plan.supervision().len())}>
                <SupervisionSection findings={findings.clone()} />
            </Section>
            <Section id={state.dom_id("sec-checkins")} title={t(state, "panel.section.checkins")}
                count={Some(plan.check_ins().len())}>
                <CheckInSection />
            </Section>

        </section>
    }
}
