//! Building blocks shared by the panels: labelled fields that commit on
//! change (one undo step per committed change, not per keystroke), a people
//! picker, and the hidden-names rule.

use crate::state::{t, AppState};
use skyddsnat_core::i18n::trf;
use skyddsnat_core::{Date, PersonId, Plan};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// The `value` of the element an event came from (input, select or textarea).
///
/// Read through `Reflect` so one helper serves every kind of form control
/// without a web-sys feature per element type.
pub fn event_value(e: &Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The `checked` state of the checkbox an event came from.
pub fn event_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("checked")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// How a person or child is named on screen: the name, or — when names are
/// hidden because others can see the screen — the role or initials. The
/// rule is the app's one rule ([`AppState::name`]), the same the map uses.
pub fn display_name(state: &AppState, id: PersonId) -> String {
    if state.plan.person(id).is_some() || state.plan.child(id).is_some() {
        state.name(id)
    } else {
        t(state, "panel.unknown_person")
    }
}

/// Names of several people, joined for a sentence.
pub fn names(state: &AppState, ids: &[PersonId]) -> String {
    if ids.is_empty() {
        return t(state, "panel.nobody");
    }
    ids.iter()
        .map(|id| display_name(state, *id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everyone who can be picked for a role in the plan: the adults of the
/// network first, then the children.
pub fn pickable(plan: &Plan, include_children: bool) -> Vec<PersonId> {
    let mut ids: Vec<PersonId> = plan.people().iter().map(|p| p.id).collect();
    if include_children {
        ids.extend(plan.children().iter().map(|c| c.id));
    }
    ids
}

/// Shortens a long text for a one-line summary.
pub fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// How many lines a text needs at about `per_line` characters a line (2–8),
/// so a field shows its whole text without scrolling.
pub fn rows_for(text: &str, per_line: usize) -> u32 {
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(per_line.max(1)).max(1))
        .sum();
    lines.clamp(2, 8) as u32
}

/// Parses a date typed in an `<input type="date">` (empty means none).
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim())
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element id, unique on the page (the label points at it).
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oncommit: Callback<String>,
    #[prop_or_default]
    pub multiline: bool,
    /// Visible lines of a multiline field (grows with the text by default).
    #[prop_or_default]
    pub rows: Option<u32>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// `text`, `date`, `time`, `tel`…
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// A labelled text input that reports its value when the user commits it
/// (leaves the field or presses Enter), and only if it changed.
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    // With "hide names" on, a free text shows the hidden form and cannot be
    // edited: committing it would write the initials back into the plan.
    let app = use_context::<crate::state::AppContext>();
    let hiding = app.as_ref().is_some_and(|a| a.hide_names)
        && (props.multiline || props.kind.as_str() == "text");
    let value: AttrValue = match &app {
        Some(a) if hiding => a.shown(&props.value).into(),
        _ => props.value.clone(),
    };
    let disabled = props.disabled || hiding;
    let current = props.value.clone();
    let oncommit = props.oncommit.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = event_value(&e);
        if v != current.as_str() {
            oncommit.emit(v);
        }
    });
    let control = if props.multiline {
        html! {
            <textarea id={props.id.clone()} class="skn-input"
                rows={props.rows.unwrap_or_else(|| rows_for(&value, 34)).to_string()}
                value={value.clone()} {disabled}
                placeholder={props.placeholder.clone()} {onchange} />
        }
    } else {
        html! {
            <input id={props.id.clone()} class="skn-input" type={props.kind.clone()}
                {value} {disabled}
                placeholder={props.placeholder.clone()} {onchange} />
        }
    };
    html! {
        <div class={classes!("skn-field", props.class.clone())}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            { control }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, text) pairs.
    pub options: Vec<(String, String)>,
    pub selected: String,
    pub onselect: Callback<String>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub class: Classes,
}

/// A labelled `<select>`.
#[function_component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onselect = props.onselect.clone();
    let onchange = Callback::from(move |e: Event| onselect.emit(event_value(&e)));
    html! {
        <div class={classes!("skn-field", props.class.clone())}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} class="skn-input" disabled={props.disabled} {onchange}>
                { for props.options.iter().map(|(v, text)| html! {
                    <option value={v.clone()} selected={*v == props.selected}>{ text.clone() }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub ontoggle: Callback<bool>,
    #[prop_or_default]
    pub disabled: bool,
}

/// A labelled checkbox.
#[function_component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let ontoggle = props.ontoggle.clone();
    let onchange = Callback::from(move |e: Event| ontoggle.emit(event_checked(&e)));
    html! {
        <div class="skn-field skn-check">
            <input id={props.id.clone()} type="checkbox" checked={props.checked}
                disabled={props.disabled} {onchange} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PeoplePickerProps {
    /// Prefix for element ids inside the picker.
    pub id: AttrValue,
    pub legend: AttrValue,
    pub selected: Vec<PersonId>,
    pub onchange: Callback<Vec<PersonId>>,
    #[prop_or_default]
    pub include_children: bool,
    #[prop_or_default]
    pub disabled: bool,
}

/// Picks several people from the network: the chosen ones as removable
/// chips, and a list to add one more. People are never typed as free text,
/// so a plan always names the same person the map shows.
#[function_component]
pub fn PeoplePicker(props: &PeoplePickerProps) -> Html {
    let app = crate::state::use_app();
    let state = &*app;
    let candidates: Vec<PersonId> = pickable(&state.plan, props.include_children)
        .into_iter()
        .filter(|id| !props.selected.contains(id))
        .collect();
    let add_id = format!("{}-add", props.id);
    let on_add = {
        let selected = props.selected.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let Ok(n) = event_value(&e).parse::<u32>() else {
                return;
            };
            let mut next = selected.clone();
            if !next.contains(&PersonId(n)) {
                next.push(PersonId(n));
                onchange.emit(next);
            }
        })
    };
    html! {
        <fieldset class="skn-people">
            <legend>{ props.legend.clone() }</legend>
            <ul class="skn-chips">
                { for props.selected.iter().map(|id| {
                    let name = display_name(state, *id);
                    let remove = {
                        let selected = props.selected.clone();
                        let onchange = props.onchange.clone();
                        let id = *id;
                        Callback::from(move |_: MouseEvent| {
                            onchange.emit(selected.iter().copied().filter(|p| *p != id).collect());
                        })
                    };
                    let aria = trf(state.lang, "panel.people.remove", &[("name", &name)]);
                    html! {
                        <li class="skn-chip">
                            <span>{ name }</span>
                            <button type="button" class="skn-icon-button" aria-label={aria.clone()}
                                title={aria} disabled={props.disabled} onclick={remove}>{ "×" }</button>
                        </li>
                    }
                }) }
                if props.selected.is_empty() {
                    <li class="skn-muted">{ t(state, "panel.nobody") }</li>
                }
            </ul>
            if !candidates.is_empty() {
                <label for={add_id.clone()} class="skn-visually-hidden">
                    { trf(state.lang, "panel.people.add_to", &[("what", &props.legend)]) }
                </label>
                <select id={add_id} class="skn-input skn-people-add" disabled={props.disabled}
                    onchange={on_add}>
                    <option value="" selected=true>{ t(state, "panel.people.add") }</option>
                    { for candidates.iter().map(|id| html! {
                        <option value={id.0.to_string()}>{ display_name(state, *id) }</option>
                    }) }
                </select>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct IconButtonProps {
    /// What the button does, read by screen readers and shown as a tooltip.
    pub label: AttrValue,
    pub icon: AttrValue,
    pub onclick: Callback<MouseEvent>,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub class: Classes,
}

/// A button that shows only a symbol; its name comes from `label`.
#[function_component]
pub fn IconButton(props: &IconButtonProps) -> Html {
    html! {
        <button type="button" class={classes!("skn-icon-button", props.class.clone())}
            aria-label={props.label.clone()} title={props.label.clone()}
            disabled={props.disabled} onclick={props.onclick.clone()}>
            <span aria-hidden="true">{ props.icon.clone() }</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_grow_with_their_text_within_bounds() {
        assert_eq!(rows_for("", 30), 2);
        assert_eq!(rows_for(&"x".repeat(95), 30), 4);
        assert_eq!(rows_for("a\nb\nc", 30), 3);
        assert_eq!(rows_for(&"x".repeat(1000), 30), 8);
    }

    #[test]
    fn short_cuts_on_characters_not_bytes() {
        assert_eq!(short("åäö åäö åäö", 5), "åäö…");
        assert_eq!(short("kort", 10), "kort");
    }
}
