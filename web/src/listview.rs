//! The network as tables, one per sector: the same people, relations and
//! selection as the map, for screen-reader users and anyone who prefers lists.
//! Moving someone here (ring, sector) is the same edit as dragging on the map.

use crate::map::moved_message;
use crate::state::{t, tf, use_app, Action, AppState, Selection, Tab};
use skyddsnat_core::{Edit, Label, Person, PersonId, Ring, Sector};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub on_relate: Callback<(PersonId, Option<PersonId>)>,
}

/// "Stark med Alva; stöttar Elis; stöttas av Eva".
pub fn relations_text(state: &AppState, id: PersonId) -> String {
    let parts: Vec<String> = state
        .plan
        .relations()
        .iter()
        .filter(|r| r.from == id || r.to == id)
        .map(|r| {
            let other = if r.from == id { r.to } else { r.from };
            let key = match (r.supports, r.from == id) {
                (false, _) => "list.relation",
                (true, true) => "list.relation_supports",
                (true, false) => "list.relation_supported_by",
            };
            tf(
                state,
                key,
                &[
                    ("kind", r.kind.label(state.lang)),
                    ("other", &state.name(other)),
                ],
            )
        })
        .collect();
    if parts.is_empty() {
        t(state, "list.no_relations")
    } else {
        parts.join("; ")
    }
}

/// Changes a person's place from a select's value; `false` if nothing changed.
type PlaceChange = Box<dyn Fn(&mut Person, &str) -> bool>;

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[function_component]
pub fn ListView(props: &ListProps) -> Html {
    let app = use_app();
    let shown = crate::map::Shown::of(&app);
    html! { <ListBody {app} {shown} on_relate={props.on_relate.clone()} /> }
}

#[derive(Properties)]
struct BodyProps {
    /// The app, for names and words (its state is read as it is now).
    app: crate::state::AppContext,
    /// What the tables show, as of this render.
    shown: crate::map::Shown,
    on_relate: Callback<(PersonId, Option<PersonId>)>,
}

/// Equal when everything the tables show is equal (see
/// [`crate::map::Shown`]): a tab switch or a notice changes none of it, so
/// 2,000 rows are neither rebuilt nor compared then. (`on_relate` is made
/// anew by every render of the screen and always opens the relation
/// dialog: not compared.)
impl PartialEq for BodyProps {
    fn eq(&self, other: &Self) -> bool {
        self.shown == other.shown
    }
}

#[function_component]
fn ListBody(props: &BodyProps) -> Html {
    let app = props.app.clone();
    let s: &AppState = &app;
    let lang = app.lang;
    let order = app.plan.settings().sector_order.clone();

    let row = |p: &Person| {
        let id = p.id;
        let selected = app.selection == Selection::Person(id);
        let select = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| {
                if app.selection == Selection::Person(id) {
                    app.dispatch(Action::Select(Selection::None));
                } else {
                    app.dispatch(Action::Select(Selection::Person(id)));
                    app.dispatch(Action::SetTab(Tab::Person));
                }
            })
        };
        let move_to = |change: PlaceChange| {
            let app = app.clone();
            Callback::from(move |e: Event| {
                let Some(mut person) = app.plan.person(id).cloned() else {
                    return;
                };
                if change(&mut person, &select_value(&e)) {
                    let text = moved_message(&app, id, &person.place);
                    app.dispatch(Action::EditAnnounced(Edit::update(person), text));
                }
            })
        };
        let on_ring = move_to(Box::new(|p, v| match v.parse().ok().and_then(Ring::new) {
            Some(r) if r != p.place.ring => {
                p.place.ring = r;
                true
            }
            _ => false,
        }));
        let on_sector = move_to(Box::new(|p, v| {
            match Sector::ALL.iter().find(|s| s.key() == v) {
                Some(s) if *s != p.place.sector => {
                    p.place.sector = *s;
                    true
                }
                _ => false,
            }
        }));
        let relate = {
            let on_relate = props.on_relate.clone();
            Callback::from(move |_: MouseEvent| on_relate.emit((id, None)))
        };
        let name = app.name(id);
        html! {
            <tr key={id.0} class={classes!(selected.then_some("skn-row--selected"))}>
                <th scope="row">
                    <button type="button" class="skn-link-button" onclick={select} aria-pressed={selected.to_string()}>
                        <bdi>{ name.clone() }</bdi>
                    </button>
                </th>
                <td><bdi>{ if app.hide_names { String::new() } else { p.role.clone() } }</bdi></td>
                <td>{ p.kind.label(lang) }</td>
                <td>
                    if app.readonly {
                        { format!("{} – {}", p.place.ring.get(), p.place.ring.label(lang)) }
                    } else {
                        <select aria-label={tf(s, "list.ring_of", &[("name", &name)])} onchange={on_ring}>
                            { for Ring::ALL.iter().map(|r| html! {
                                <option value={r.get().to_string()} selected={*r == p.place.ring}>
                                    { format!("{} – {}", r.get(), r.label(lang)) }
                                </option>
                            }) }
                        </select>
                    }
                </td>
                if !app.readonly {
                    <td>
                        <select aria-label={tf(s, "list.sector_of", &[("name", &name)])} onchange={on_sector}>
                            { for order.iter().map(|sec| html! {
                                <option value={sec.key()} selected={*sec == p.place.sector}>{ sec.label(lang) }</option>
                            }) }
                        </select>
                    </td>
                }
                <td>{ relations_text(s, id) }</td>
                if !app.readonly {
                    <td>
                        <button type="button" class="skn-button skn-button--small" onclick={relate}
                            aria-label={tf(s, "list.relate_of", &[("name", &name)])}>
                            { t(s, "list.relate") }
                        </button>
                    </td>
                }
            </tr>
        }
    };

    let children = app.plan.children();
    html! {
        <div class="skn-list" role="region" aria-label={t(s, "list.label")} tabindex="0">
            <crate::keyfigures::KeyFigures />
            if !children.is_empty() {
                <section class="skn-list-section">
                    <h2>{ t(s, "list.children") }</h2>
                    <ul class="skn-list-children">
                        { for children.iter().map(|c| html! {
                            <li key={c.id.0}>
                                <bdi>{ app.name(c.id) }</bdi>
                                { format!(", {} ", c.age.years()) }
                                <span class="skn-muted">{ relations_text(s, c.id) }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            { for order.iter().map(|sector| {
                let people: Vec<&Person> = app.plan.people().iter().filter(|p| p.place.sector == *sector).collect();
                let mut people = people;
                skyddsnat_core::sort::by_key(&mut people, |p| p.place.ring);
                let heading_id = app.dom_id(&format!("list-{}", sector.key().replace('.', "-")));
                html! {
                    <section class="skn-list-section" key={sector.key()}>
                        <h2 id={heading_id.clone()}>{ format!("{} ({})", sector.label(lang), people.len()) }</h2>
                        if people.is_empty() {
                            <p class="skn-muted">{ t(s, "list.empty_sector") }</p>
                        } else {
                            <table class="skn-table" aria-labelledby={heading_id}>
                                <thead>
                                    <tr>
                                        <th scope="col">{ t(s, "list.col_name") }</th>
                                        <th scope="col">{ t(s, "list.col_role") }</th>
                                        <th scope="col">{ t(s, "list.col_kind") }</th>
                                        <th scope="col">{ t(s, "list.col_ring") }</th>
                                        if !app.readonly { <th scope="col">{ t(s, "list.col_sector") }</th> }
                                        <th scope="col">{ t(s, "list.col_relations") }</th>
                                        if !app.readonly { <th scope="col"><span class="skn-visually-hidden">{ t(s, "list.col_actions") }</span></th> }
                                    </tr>
                                </thead>
                                <tbody>{ for people.into_iter().map(&row) }</tbody>
                            </table>
                        }
                    </section>
                }
            }) }
        </div>
    }
}
