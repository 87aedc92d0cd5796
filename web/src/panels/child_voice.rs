//! The child's voice: the three houses (worries, good things, dreams) in the
//! child's own words with dates, the safety house (who lives inside, who
//! visits, who stays outside, the rules, the child's place on the path) and
//! the words-and-pictures text. One switch keeps all of it off the shared
//! screen and the print; then the panel shows it only after "show".

use super::common::*;
use super::findings::{use_findings, FindingList};
use crate::state::{t, use_app, Action, AppState};
use skyddsnat_core::i18n::labels::format_date;
use skyddsnat_core::i18n::trf;
use skyddsnat_core::papers::child_pictures::{
    safety_house_svg, three_houses_svg, words_and_pictures_html,
};
use skyddsnat_core::{
    Child, ChildView, Edit, HouseEntry, PersonId, Quote, SafetyHouse, Score, Settings,
};
use yew::prelude::*;

/// The child's-voice tab.
#[function_component]
pub fn ChildVoicePanel() -> Html {
    let app = use_app();
    let state = &*app;
    let revealed = use_state(|| false);
    let private = state.plan.settings().child_views_private;
    let on_private = {
        let app = app.clone();
        let revealed = revealed.clone();
        Callback::from(move |on: bool| {
            let settings = Settings {
                child_views_private: on,
                ..app.plan.settings().clone()
            };
            app.dispatch(Action::Edit(Edit::SetSettings(settings)));
            // Switching privacy on hides at once, whatever was shown before.
            if on {
                revealed.set(false);
            }
        })
    };
    let show = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(true))
    };
    let hide = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(false))
    };
    let visible = !private || *revealed;
    let findings = (*use_findings()).clone();
    html! {
        <section class="skn-panel skn-child-panel" aria-labelledby={state.dom_id("child-title")}>
            <h2 id={state.dom_id("child-title")} class="skn-panel-title">{ t(state, "panel.voice.title") }</h2>
            <CheckField id={state.dom_id("voice-private")} label={t(state, "panel.voice.private")}
                checked={private} disabled={state.readonly} ontoggle={on_private} />
            if private && !*revealed {
                <div class="skn-note skn-voice-hidden">
                    <p>
                        { t(state, "panel.voice.hidden") }
                    </p>
                    <button type="button" id={state.dom_id("voice-show")} class="skn-button" onclick={show}>
                        { t(state, "panel.voice.show") }
                    </button>
                </div>
            }
            if private && *revealed {
                <button type="button" id={state.dom_id("voice-hide")} class="skn-button" onclick={hide}>
                    { t(state, "panel.voice.hide") }
                </button>
            }
            if visible {
                { for state.plan.children().iter().map(|c| html! {
                    <ChildVoice key={c.id.0} child={c.clone()}
                        findings={findings.about_person(c.id)} />
                }) }
                if state.plan.children().is_empty() {
                    <p class="skn-muted">{ t(state, "panel.voice.no_children") }</p>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ChildVoiceProps {
    child: Child,
    findings: Vec<skyddsnat_core::analysis::validate::Finding>,
}

fn empty_view(child: PersonId) -> ChildView {
    ChildView {
        child,
        worries: Vec::new(),
        good_things: Vec::new(),
        dreams: Vec::new(),
        house: SafetyHouse::default(),
        words_and_pictures: String::new(),
    }
}

/// An SVG picture made by the core, shown as it is: the core escapes every
/// text in it and styles it with presentation attributes only (no `<style>`,
/// which a strict Content Security Policy would refuse).
fn picture(svg: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(svg))
}

#[function_component]
fn ChildVoice(props: &ChildVoiceProps) -> Html {
    let app = use_app();
    // Hooks first: the early return below must not change their order.
    let print_from = use_node_ref();
    let state = &*app;
    let child = &props.child;
    let name = display_name(state, child.id);
    let view = state
        .plan
        .child_views()
        .iter()
        .find(|v| v.child == child.id)
        .cloned();
    let heading = state.dom_id(&format!("voice-{}-title", child.id));
    let Some(view) = view else {
        let start = {
            let app = app.clone();
            let id = child.id;
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Action::Edit(Edit::add(empty_view(id))));
            })
        };
        return html! {
            <section class="skn-group skn-voice" aria-labelledby={heading.clone()}>
                <h3 id={heading}>{ name.clone() }</h3>
                <FindingList items={props.findings.clone()} />
                if !state.readonly {
                    <button type="button" class="skn-button" id={state.dom_id(&format!("voice-{}-start", child.id))}
                        onclick={start}>
                        { trf(state.lang, "panel.voice.start", &[("name", &name)]) }
                    </button>
                }
            </section>
        };
    };
    // Every change replaces the child's view as a whole: one undo step.
    let quotes = |pick: fn(&mut ChildView) -> &mut Vec<Quote>| {
        let app = app.clone();
        let view = view.clone();
        Callback::from(move |list: Vec<Quote>| {
            let mut next = view.clone();
            *pick(&mut next) = list;
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let entries = |pick: fn(&mut SafetyHouse) -> &mut Vec<HouseEntry>| {
        let app = app.clone();
        let view = view.clone();
        Callback::from(move |list: Vec<HouseEntry>| {
            let mut next = view.clone();
            *pick(&mut next.house) = list;
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let on_path = {
        let app = app.clone();
        let view = view.clone();
        Callback::from(move |v: String| {
            let mut next = view.clone();
            next.house.path = v.parse::<u8>().ok().and_then(Score::new);
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let on_words = {
        let app = app.clone();
        let view = view.clone();
        Callback::from(move |v: String| {
            let mut next = view.clone();
            next.words_and_pictures = v;
            app.dispatch(Action::Edit(Edit::update(next)));
        })
    };
    let print = {
        let app = app.clone();
        let print_from = print_from.clone();
        let id = child.id;
        Callback::from(move |_: MouseEvent| {
            let Some(html) = words_and_pictures_html(&app.plan, id, app.lang, app.hide_names)
            else {
                return;
            };
            // The print frame goes where the shell puts its own: in the app's root.
            let host = print_from
                .cast::<web_sys::Element>()
                .and_then(|el| el.closest(".skn-app").ok().flatten());
            let result = match host {
                Some(host) => crate::files::print_html(&host, &html),
                None => Err(wasm_bindgen::JsValue::from_str("no app root")),
            };
            if let Err(e) = result {
                let msg = format!("{} {e:?}", t(&app, "menu.print_failed"));
                app.dispatch(Action::Notice(Some(msg)));
            }
        })
    };
    let base = state.dom_id(&format!("voice-{}", child.id));
    let path_options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.voice.path_none")))
            .chain((0..=Score::MAX).map(|v| (v.to_string(), v.to_string())))
            .collect();
    let three = three_houses_svg(&view, &name, state.lang);
    let house = safety_house_svg(&state.plan, &view, &name, state.lang, state.hide_names);
    html! {
        <section class="skn-group skn-voice" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ name.clone() }</h3>
            <FindingList items={props.findings.clone()} />
            <details class="skn-section">
                <summary class="skn-section-title">{ t(state, "panel.voice.pictures") }</summary>
                <div class="skn-section-body skn-pictures">
                    { picture(three) }
                    { picture(house) }
                </div>
            </details>
            <fieldset class="skn-group skn-houses">
                <legend>{ t(state, "panel.voice.three_houses") }</legend>
                <QuoteList id={format!("{base}-worries")} legend={t(state, "child.house.worries")}
                    quotes={view.worries.clone()} onchange={quotes(|v| &mut v.worries)} />
                <QuoteList id={format!("{base}-good")} legend={t(state, "child.house.good")}
                    quotes={view.good_things.clone()} onchange={quotes(|v| &mut v.good_things)} />
                <QuoteList id={format!("{base}-dreams")} legend={t(state, "child.house.dreams")}
                    quotes={view.dreams.clone()} onchange={quotes(|v| &mut v.dreams)} />
            </fieldset>
            <fieldset class="skn-group skn-safety-house">
                <legend>{ t(state, "panel.voice.safety_house") }</legend>
                <EntryList id={format!("{base}-inside")} legend={t(state, "child.safety_house.inside")}
                    entries={view.house.inside.clone()} onchange={entries(|h| &mut h.inside)} />
                <EntryList id={format!("{base}-visiting")} legend={t(state, "child.safety_house.visiting")}
                    entries={view.house.visiting.clone()} onchange={entries(|h| &mut h.visiting)} />
                <EntryList id={format!("{base}-outside")} legend={t(state, "child.safety_house.outside")}
                    entries={view.house.outside.clone()} onchange={entries(|h| &mut h.outside)} />
                <QuoteList id={format!("{base}-rules")} legend={t(state, "child.safety_house.rules")}
                    quotes={view.house.rules.clone()}
                    onchange={{
                        let app = app.clone();
                        let view = view.clone();
                        Callback::from(move |list: Vec<Quote>| {
                            let mut next = view.clone();
                            next.house.rules = list;
                            app.dispatch(Action::Edit(Edit::update(next)));
                        })
                    }} />
                <SelectField id={format!("{base}-path")} label={t(state, "child.safety_house.path")}
                    options={path_options}
                    selected={view.house.path.map(|s| s.get().to_string()).unwrap_or_default()}
                    disabled={state.readonly} onselect={on_path} />
            </fieldset>
            <TextField id={format!("{base}-words")} label={t(state, "panel.voice.words")}
                multiline=true value={view.words_and_pictures.clone()} disabled={state.readonly}
                oncommit={on_words} />
            <button type="button" class="skn-button" ref={print_from} onclick={print}>
                { t(state, "panel.voice.print") }
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct QuoteListProps {
    id: AttrValue,
    legend: String,
    quotes: Vec<Quote>,
    onchange: Callback<Vec<Quote>>,
}

/// The child's words, each kept verbatim with the date it was said.
#[function_component]
fn QuoteList(props: &QuoteListProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let draft = use_state(String::new);
    let draft_date = use_state(|| format_date(state.today));
    let set = |i: usize, f: fn(&mut Quote, String)| {
        let quotes = props.quotes.clone();
        let cb = props.onchange.clone();
        Callback::from(move |v: String| {
            let mut next = quotes.clone();
            if let Some(q) = next.get_mut(i) {
                f(q, v);
            }
            cb.emit(next);
        })
    };
    let onsubmit = {
        let quotes = props.quotes.clone();
        let cb = props.onchange.clone();
        let draft = draft.clone();
        let draft_date = draft_date.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Verbatim: the child's words are kept exactly, only the ends trimmed.
            let text = draft.trim().to_string();
            if text.is_empty() {
                return;
            }
            let mut next = quotes.clone();
            next.push(Quote {
                text,
                date: parse_date(&draft_date),
            });
            cb.emit(next);
            draft.set(String::new());
        })
    };
    html! {
        <fieldset class="skn-group skn-quotes">
            <legend>{ props.legend.clone() }</legend>
            <ul class="skn-plain-list">
                { for props.quotes.iter().enumerate().map(|(i, q)| {
                    let qid = format!("{}-{i}", props.id);
                    let remove = {
                        let quotes = props.quotes.clone();
                        let cb = props.onchange.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = quotes.clone();
                            if i < next.len() {
                                next.remove(i);
                            }
                            cb.emit(next);
                        })
                    };
                    let n = (i + 1).to_string();
                    html! {
                        <li class="skn-quote">
                            <TextField id={format!("{qid}-text")}
                                label={trf(state.lang, "panel.voice.quote", &[("what", &props.legend), ("n", &n)])}
                                class="skn-label-hidden" multiline=true value={q.text.clone()} disabled={ro}
                                oncommit={set(i, |q, v| q.text = v.trim().to_string())} />
                            <div class="skn-row">
                                <TextField id={format!("{qid}-date")} kind="date"
                                    label={t(state, "panel.voice.said_on")}
                                    value={q.date.map(format_date).unwrap_or_default()} disabled={ro}
                                    oncommit={set(i, |q, v| q.date = parse_date(&v))} />
                                if !ro {
                                    <IconButton icon="✕" onclick={remove}
                                        label={trf(state.lang, "panel.voice.remove_quote",
                                            &[("what", &props.legend), ("n", &n)])} />
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
            if !ro {
                <form class="skn-panel-form skn-quote-add" {onsubmit}>
                    <div class="skn-field">
                        <label for={format!("{}-new", props.id)}>
                            { trf(state.lang, "panel.voice.new_quote", &[("what", &props.legend)]) }
                        </label>
                        <textarea id={format!("{}-new", props.id)} class="skn-input" rows="2"
                            value={(*draft).clone()}
                            oninput={{
                                let draft = draft.clone();
                                Callback::from(move |e: InputEvent| draft.set(event_value(&e)))
                            }} />
                    </div>
                    <div class="skn-row">
                        <div class="skn-field">
                            <label for={format!("{}-new-date", props.id)}>{ t(state, "panel.voice.said_on") }</label>
                            <input id={format!("{}-new-date", props.id)} class="skn-input" type="date"
                                value={(*draft_date).clone()}
                                onchange={{
                                    let draft_date = draft_date.clone();
                                    Callback::from(move |e: Event| draft_date.set(event_value(&e)))
                                }} />
                        </div>
                        <button type="submit" class="skn-button skn-button--small">{ t(state, "panel.add") }</button>
                    </div>
                </form>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct EntryListProps {
    id: AttrValue,
    legend: String,
    entries: Vec<HouseEntry>,
    onchange: Callback<Vec<HouseEntry>>,
}

/// One room of the safety house: people from the network (the same person
/// as on the map, not a copy) or the child's own words for someone.
#[function_component]
fn EntryList(props: &EntryListProps) -> Html {
    let app = use_app();
    let state = &*app;
    let ro = state.readonly;
    let draft = use_state(String::new);
    let add_person = {
        let entries = props.entries.clone();
        let cb = props.onchange.clone();
        Callback::from(move |v: String| {
            let Ok(n) = v.parse::<u32>() else { return };
            let mut next = entries.clone();
            next.push(HouseEntry {
                person: Some(PersonId(n)),
                text: String::new(),
            });
            cb.emit(next);
        })
    };
    let add_text = {
        let entries = props.entries.clone();
        let cb = props.onchange.clone();
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if text.is_empty() {
                return;
            }
            let mut next = entries.clone();
            next.push(HouseEntry { person: None, text });
            cb.emit(next);
            draft.set(String::new());
        })
    };
    let present: Vec<PersonId> = props.entries.iter().filter_map(|e| e.person).collect();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t(state, "panel.people.add")))
            .chain(
                pickable(&state.plan, false)
                    .into_iter()
                    .filter(|p| !present.contains(p))
                    .map(|p| (p.0.to_string(), display_name(state, p))),
            )
            .collect();
    html! {
        <fieldset class="skn-group skn-room">
            <legend>{ props.legend.clone() }</legend>
            <ul class="skn-chips">
                { for props.entries.iter().enumerate().map(|(i, e)| {
                    let who = entry_text(state, e);
                    let remove = {
                        let entries = props.entries.clone();
                        let cb = props.onchange.clone();
                        Callback::from(move |_: MouseEvent| {
                            let mut next = entries.clone();
                            if i < next.len() {
                                next.remove(i);
                            }
                            cb.emit(next);
                        })
                    };
                    let aria = trf(state.lang, "panel.people.remove", &[("name", &who)]);
                    html! {
                        <li class="skn-chip">
                            <span>{ who }</span>
                            if !ro {
                                <button type="button" class="skn-icon-button" aria-label={aria.clone()}
                                    title={aria} onclick={remove}>{ "×" }</button>
                            }
                        </li>
                    }
                }) }
                if props.entries.is_empty() {
                    <li class="skn-muted">{ t(state, "panel.nobody") }</li>
                }
            </ul>
            if !ro {
                <div class="skn-row">
                    <SelectField id={format!("{}-person", props.id)}
                        label={trf(state.lang, "panel.voice.add_person", &[("what", &props.legend)])}
                        {options} selected={String::new()} onselect={add_person} />
                </div>
                <form class="skn-add-line" onsubmit={add_text}>
                    <label for={format!("{}-text", props.id)}>
                        { trf(state.lang, "panel.voice.add_words", &[("what", &props.legend)]) }
                    </label>
                    <input id={format!("{}-text", props.id)} class="skn-input" type="text"
                        value={(*draft).clone()}
                        oninput={{
                            let draft = draft.clone();
                            Callback::from(move |e: InputEvent| draft.set(event_value(&e)))
                        }} />
                    <button type="submit" class="skn-button skn-button--small">{ t(state, "panel.add") }</button>
                </form>
            }
        </fieldset>
    }
}

/// A house entry as shown: the person's on-screen name, the child's words, or both.
fn entry_text(state: &AppState, e: &HouseEntry) -> String {
    let who = e.person.map(|p| display_name(state, p));
    match (who, e.text.trim()) {
        (Some(w), "") => w,
        (Some(w), text) => format!("{w}: {text}"),
        (None, text) => text.to_string(),
    }
}
