//! Validation findings from the core, shown next to what they concern, with
//! severity as icon and text (never colour alone).

use crate::state::{t, use_app, AppState};
use skyddsnat_core::analysis::validate::{validate, Finding, Location, Part, Severity};
use skyddsnat_core::i18n::trf;
use skyddsnat_core::Plan;
use skyddsnat_core::{AgreementId, PersonId};
use std::rc::Rc;
use yew::prelude::*;

/// All findings of the plan as it stands today.
#[derive(Clone, Debug, PartialEq)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    pub fn of(state: &AppState) -> Findings {
        Findings(validate(&state.plan, state.today, state.hide_names))
    }

    pub fn at(&self, location: Location) -> Vec<Finding> {
        self.0
            .iter()
            .filter(|f| f.location == location)
            .cloned()
            .collect()
    }

    /// Findings about a person or a child.
    pub fn about_person(&self, id: PersonId) -> Vec<Finding> {
        self.0
            .iter()
            .filter(|f| matches!(f.location, Location::Person(p) | Location::Child(p) if p == id))
            .cloned()
            .collect()
    }

    /// Findings about one part of an agreement.
    pub fn about_agreement(&self, id: AgreementId, part: Part) -> Vec<Finding> {
        self.at(Location::Agreement(id, part))
    }

    /// Every finding anywhere in one agreement.
    pub fn count_in_agreement(&self, id: AgreementId) -> usize {
        self.0
            .iter()
            .filter(|f| matches!(f.location, Location::Agreement(a, _) if a == id))
            .count()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|f| f.severity == severity).count()
    }
}

/// A plan compared by identity: every edit makes a new `Rc`, so this is a
/// cheap "has the plan changed" for memoising.
#[derive(Clone)]
struct SamePlan(Rc<Plan>);

impl PartialEq for SamePlan {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The findings of the current plan, computed again only when the plan, the
/// day or the hidden-names switch changes (not on every selection or map move).
#[hook]
pub fn use_findings() -> Rc<Findings> {
    let app = use_app();
    let deps = (
        SamePlan(app.plan.clone()),
        app.revision,
        app.today,
        app.hide_names,
        app.lang,
    );
    use_memo(deps, move |_| Findings::of(&app))
}

/// The icon of a severity: shape differs too, not only colour.
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "skn-finding-error",
        Severity::Warning => "skn-finding-warning",
        Severity::Info => "skn-finding-info",
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub items: Vec<Finding>,
}

/// A short list of findings, placed where they apply.
#[function_component]
pub fn FindingList(props: &FindingListProps) -> Html {
    let app = use_app();
    let state = &*app;
    if props.items.is_empty() {
        return html! {};
    }
    html! {
        <ul class="skn-findings">
            { for props.items.iter().map(|f| html! {
                <li class={classes!("skn-finding", severity_class(f.severity))}>
                    <span class="skn-finding-icon" aria-hidden="true">{ severity_icon(f.severity) }</span>
                    <span class="skn-finding-severity">{ f.severity.label(state.lang) }{ ": " }</span>
                    <span class="skn-finding-message">{ f.message(state.lang) }</span>
                    <span class="skn-finding-hint">{ f.hint(state.lang) }</span>
                </li>
            }) }
        </ul>
    }
}

/// "1 error, 2 warnings" for a panel header.
pub fn summary(state: &AppState, findings: &Findings) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "panel.findings.errors"),
        (Severity::Warning, "panel.findings.warnings"),
        (Severity::Info, "panel.findings.notes"),
    ]
    .iter()
    .filter_map(|(s, key)| {
        let n = findings.count(*s);
        (n > 0).then(|| trf(state.lang, key, &[("count", &n.to_string())]))
    })
    .collect();
    if parts.is_empty() {
        t(state, "panel.findings.none")
    } else {
        parts.join(", ")
    }
}
