//! The room view: what the second window on the meeting room's screen shows
//! — the map in presentation form and, when the consultant has chosen it,
//! the selected agreement with its plan A–D or the scaling answers — as one
//! HTML fragment (`web/src/room.rs` writes it into that window's body and
//! adopts [`ROOM_STYLE`]). Built like the papers: every user text escaped
//! and isolated, every name through the one rule for hidden names, no
//! script; the map is [`screen_svg`], the scene the widget draws.

use crate::document::ids::{AgreementId, PersonId};
use crate::document::plan::{step_letter, Agreement, Plan};
use crate::i18n::{tr, trf, Lang};
use crate::map::svg::{map_title, screen_svg, SvgOptions};
use crate::map::{display_name_of, hide_names_in, Screen};
use crate::papers::escape::escape;

/// What the room sees beside the map, following the main window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoomShows {
    /// The map alone.
    Map,
    /// The map, this person ringed.
    Person(PersonId),
    /// The map with the agreement's people ringed and lettered, and the
    /// agreement with its plan A–D beside it.
    Agreement(AgreementId),
    /// The map and every scaling question's latest answers beside it.
    Scales,
}

/// How the room view is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RoomOptions {
    pub hide_names: bool,
    pub shows: RoomShows,
    /// The window's inner size in CSS px.
    pub width: f64,
    pub height: f64,
}

/// The side column's share of the window's width ([`ROOM_STYLE`]'s `32vw`)
/// and the title's height, so the map is fitted to the space it gets.
const SIDE_SHARE: f64 = 0.32;
const TITLE_PX: f64 = 56.0;

/// The stylesheet of the room view (adopted, so a strict CSP allows it).
/// Large type for reading at 2–4 m; the map's paint is in the SVG itself.
pub const ROOM_STYLE: &str = "\
*{box-sizing:border-box}\
html,body{margin:0;height:100%;background:#fff;color:#111827;font:24px/1.3 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
body{display:grid;grid-template:56px 1fr/1fr auto;overflow:hidden}\
header{grid-column:1/3;padding:8px 24px;border-bottom:2px solid #111827;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
h1{display:inline;font-size:28px;margin:0}\
main{min-width:0;min-height:0}\
main svg{display:block;width:100%;height:100%}\
aside{width:32vw;overflow:auto;padding:12px 24px;border-left:2px solid #111827;font-size:22px}\
h2{font-size:27px;margin:0 0 10px}h3{font-size:24px;margin:14px 0 6px}\
ol,ul{margin:0;padding:0;list-style:none}li{margin:0 0 10px}\
.letter{display:inline-block;min-width:3.6em;font-weight:700;color:#fff;background:#1d4ed8;border-radius:6px;padding:0 8px;margin-right:8px}\
.who{font-weight:700}.score{font-weight:700;font-size:32px;margin-left:12px}\
.empty{color:#374151}";

/// The room view's body: the title, the map, and the chosen side column.
pub fn room_html(plan: &Plan, lang: Lang, opts: &RoomOptions) -> String {
    let hide = opts.hide_names;
    let agreement = match opts.shows {
        RoomShows::Agreement(id) => plan.agreement(id),
        _ => None,
    };
    let side = match (agreement, opts.shows) {
        (Some(a), _) => Some(agreement_html(plan, lang, hide, a)),
        (None, RoomShows::Scales) => Some(scales_html(plan, lang, hide)),
        _ => None,
    };
    let width = if side.is_some() {
        opts.width * (1.0 - SIDE_SHARE)
    } else {
        opts.width
    };
    let highlight = match (agreement, opts.shows) {
        (Some(a), _) => a.people(),
        (None, RoomShows::Person(id)) => vec![id],
        _ => Vec::new(),
    };
    let svg = screen_svg(
        plan,
        lang,
        &SvgOptions {
            hide_names: hide,
            highlight,
        },
        agreement.map_or(&[], |a| &a.chain),
        Screen {
            width,
            height: opts.height - TITLE_PX,
            presentation: true,
        },
    );
    let mut out = String::with_capacity(svg.len() + 2048);
    out.push_str("<header><h1>");
    out.push_str(&escape(&map_title(plan, lang, hide)));
    out.push_str("</h1></header><main>");
    out.push_str(&svg);
    out.push_str("</main>");
    if let Some(side) = side {
        out.push_str(&side);
    }
    out
}

/// User text for element content: escaped, isolated, names hidden as on screen.
fn user(plan: &Plan, hide: bool, text: &str) -> String {
    let text = if hide {
        hide_names_in(plan, text)
    } else {
        text.to_string()
    };
    let mut out = String::from("<bdi>");
    out.push_str(&escape(text.trim()));
    out.push_str("</bdi>");
    out
}

fn names(plan: &Plan, hide: bool, people: &[PersonId]) -> String {
    let names: Vec<String> = people
        .iter()
        .map(|id| display_name_of(plan, *id, hide))
        .collect();
    user(plan, false, &names.join(", "))
}

/// An aside headed `title` (escaped here).
fn side(title: &str, body: &str) -> String {
    let mut out =
        String::from("<aside tabindex=\"0\" aria-labelledby=\"room-side\"><h2 id=\"room-side\">");
    out.push_str(title);
    out.push_str("</h2>");
    out.push_str(body);
    out.push_str("</aside>");
    out
}

fn agreement_html(plan: &Plan, lang: Lang, hide: bool, a: &Agreement) -> String {
    let mut body = String::new();
    if !a.responsible.is_empty() {
        body.push_str("<p>");
        body.push_str(&escape(tr(lang, "print.col.responsible")));
        body.push_str(": <span class=\"who\">");
        body.push_str(&names(plan, hide, &a.responsible));
        body.push_str("</span></p>");
    }
    if !a.chain.is_empty() {
        body.push_str("<ol>");
        for (i, step) in a.chain.iter().enumerate() {
            body.push_str("<li><span class=\"letter\">");
            let letter = step_letter(i);
            body.push_str(&escape(&trf(lang, "print.step", &[("letter", &letter)])));
            body.push_str("</span>");
            if !step.people.is_empty() {
                body.push_str("<span class=\"who\">");
                body.push_str(&names(plan, hide, &step.people));
                body.push_str(":</span> ");
            }
            body.push_str(&user(plan, hide, &step.action));
            body.push_str("</li>");
        }
        body.push_str("</ol>");
    }
    side(&user(plan, hide, &a.text), &body)
}

/// Each question with its answers at the latest meeting that has any.
fn scales_html(plan: &Plan, lang: Lang, hide: bool) -> String {
    let mut body = String::new();
    let date_of = |meeting| plan.meetings().iter().find(|m| m.id == meeting);
    for q in plan.scales() {
        body.push_str("<h3>");
        body.push_str(&user(plan, hide, &q.question));
        body.push_str("</h3><ul>");
        let latest = q
            .answers
            .iter()
            .filter_map(|a| date_of(a.meeting))
            .max_by_key(|m| (m.date, m.id));
        for answer in q
            .answers
            .iter()
            .filter(|a| latest.is_some_and(|m| m.id == a.meeting))
        {
            body.push_str("<li>");
            body.push_str(&names(plan, hide, &[answer.person]));
            body.push_str("<span class=\"score\">");
            body.push_str(&answer.value.get().to_string());
            body.push_str("</span></li>");
        }
        if latest.is_none() {
            body.push_str("<li class=\"empty\">–</li>");
        }
        body.push_str("</ul>");
    }
    side(&escape(tr(lang, "print.scales")), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample::sample_plan;

    fn room(hide: bool, shows: RoomShows) -> String {
        room_html(
            &sample_plan(),
            Lang::Sv,
            &RoomOptions {
                hide_names: hide,
                shows,
                width: 1280.0,
                height: 720.0,
            },
        )
    }

    #[test]
    fn hidden_names_are_hidden_in_the_map_the_agreement_and_the_answers() {
        let plan = sample_plan();
        let agreement = plan.agreements()[0].id;
        for shows in [
            RoomShows::Map,
            RoomShows::Agreement(agreement),
            RoomShows::Scales,
        ] {
            let shown = room(false, shows);
            let hidden = room(true, shows);
            for p in plan.people() {
                let first = p.name.split_whitespace().next().unwrap_or_default();
                if first.len() > 2 && !p.role.contains(first) {
                    assert!(!hidden.contains(first), "{first} shown in {shows:?}");
                }
            }
            for c in plan.children() {
                assert!(shown.contains(&c.name) && !hidden.contains(&c.name));
            }
        }
    }

    #[test]
    fn an_agreement_shows_its_chain_beside_and_on_the_map() {
        let plan = sample_plan();
        let a = plan
            .agreements()
            .iter()
            .find(|a| a.chain.len() > 1)
            .expect("a chain");
        let html = room(false, RoomShows::Agreement(a.id));
        assert!(html.contains("<aside") && html.contains("Plan B"));
        assert!(html.contains("class=\"chain\""), "letters on the map");
        let map = room(false, RoomShows::Map);
        assert!(!map.contains("<aside") && !map.contains("class=\"legend\""));
        assert!(!html.contains("<script") && !html.contains("style="));
    }
}
