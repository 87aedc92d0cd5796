//! The child's voice as pictures: the three houses, the safety house, and the
//! printable words-and-pictures page written for the child.
//!
//! Drawn as plain SVG strings (warm, simple shapes, large type) so the same
//! picture appears in the widget, the printed plan and the child's own page.
//! Every text is the child's words or a name from the network, escaped here.

use crate::document::plan::{ChildView, HouseEntry, Plan, Quote};
use crate::i18n::{tr, trf, Lang};
use crate::map::display_name_of;
use crate::papers::escape::{escape as text, escape_attr as attr, num};

/// Text styles as presentation attributes, not a `<style>` element: a strict
/// Content Security Policy refuses inline style sheets, and these pictures
/// are shown inside the widget as well as printed.
const TITLE: &str = "class=\"t\" font-family=\"system-ui,sans-serif\" font-size=\"20\" \
                     font-weight=\"600\" fill=\"#1b1b1b\"";
const SMALL: &str =
    "class=\"s\" font-family=\"system-ui,sans-serif\" font-size=\"14\" fill=\"#333\"";
const QUOTE: &str =
    "class=\"q\" font-family=\"system-ui,sans-serif\" font-size=\"18\" fill=\"#1b1b1b\"";

/// Characters per line inside a house; short lines read well for children.
const WRAP: usize = 22;

/// Splits `s` into lines of at most `width` characters at spaces (long words are cut).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let mut word: String = word.to_string();
        while word.chars().count() > width {
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `<text>` lines starting at (x, y), `dy` apart, at most `max` lines (then "…").
fn text_block(
    out: &mut String,
    x: f64,
    y: f64,
    dy: f64,
    lines: &[String],
    max: usize,
    class: &str,
) {
    for (i, line) in lines.iter().take(max).enumerate() {
        let shown = if i + 1 == max && lines.len() > max {
            format!("{line}…")
        } else {
            line.clone()
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" {class}>{}</text>",
            num(x),
            format_args!("{:.0}", y + dy * i as f64),
            text(&shown)
        ));
    }
}

fn quotes_lines(quotes: &[Quote]) -> Vec<String> {
    let mut lines = Vec::new();
    for q in quotes {
        let mut wrapped = wrap(&format!("“{}”", q.text.trim()), WRAP);
        lines.append(&mut wrapped);
    }
    lines
}

fn svg_open(out: &mut String, w: u32, h: u32, label: &str) {
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-label=\"{}\" class=\"skn-child-picture\"><title>{}</title>",
        attr(label),
        text(label)
    ));
}

/// One house: a roof, walls, a door, a title on the roof and lines inside.
fn house(
    out: &mut String,
    x: f64,
    title: &str,
    roof: &str,
    wall: &str,
    mark: &str,
    lines: &[String],
) {
    // Roof and walls; a door so it reads as a house at a glance.
    out.push_str(&format!(
        "<polygon points=\"{},{} {},{} {},{}\" fill=\"{roof}\" stroke=\"#3b3b3b\" stroke-width=\"3\"/>",
        num(x + 10.0),
        130,
        num(x + 130.0),
        30,
        num(x + 250.0),
        130
    ));
    out.push_str(&format!(
        "<rect x=\"{}\" y=\"130\" width=\"220\" height=\"300\" rx=\"6\" fill=\"{wall}\" stroke=\"#3b3b3b\" stroke-width=\"3\"/>",
        num(x + 20.0)
    ));
    out.push_str(&format!(
        "<rect x=\"{}\" y=\"370\" width=\"40\" height=\"60\" rx=\"4\" fill=\"#8a5a2b\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>",
        num(x + 110.0)
    ));
    out.push_str(mark);
    out.push_str(&format!(
        "<text x=\"{}\" y=\"118\" text-anchor=\"middle\" {TITLE}>{}</text>",
        num(x + 130.0),
        text(title)
    ));
    text_block(out, x + 34.0, 162.0, 24.0, lines, 8, QUOTE);
}

/// The three houses — worries, good things, dreams — with the child's words.
pub fn three_houses_svg(view: &ChildView, child_name: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(4096);
    let label = trf(lang, "child.three_houses.label", &[("child", child_name)]);
    svg_open(&mut out, 800, 450, &label);
    // A small symbol on each roof so the houses differ by shape as well as colour.
    let cloud = "<g fill=\"#fff\" stroke=\"#3b3b3b\" stroke-width=\"2\"><circle cx=\"115\" cy=\"80\" r=\"12\"/><circle cx=\"132\" cy=\"74\" r=\"15\"/><circle cx=\"149\" cy=\"80\" r=\"12\"/></g>";
    let heart = "<path d=\"M390 92 l-16-16 a9 9 0 0 1 16-10 a9 9 0 0 1 16 10 z\" fill=\"#d8434b\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>";
    let star = "<polygon points=\"650,58 656,74 673,74 659,84 664,100 650,90 636,100 641,84 627,74 644,74\" fill=\"#f4c430\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>";
    house(
        &mut out,
        0.0,
        tr(lang, "child.house.worries"),
        "#9fb3c8",
        "#eef2f6",
        cloud,
        &quotes_lines(&view.worries),
    );
    house(
        &mut out,
        260.0,
        tr(lang, "child.house.good"),
        "#f2a36b",
        "#fdf1e7",
        heart,
        &quotes_lines(&view.good_things),
    );
    house(
        &mut out,
        520.0,
        tr(lang, "child.house.dreams"),
        "#b9a4d6",
        "#f4effa",
        star,
        &quotes_lines(&view.dreams),
    );
    out.push_str("</svg>");
    out
}

fn entry_lines(plan: &Plan, entries: &[HouseEntry], hide_names: bool, width: usize) -> Vec<String> {
    entries
        .iter()
        .flat_map(|e| {
            let who = e
                .person
                .map(|id| display_name_of(plan, id, hide_names))
                .unwrap_or_default();
            let line = match (who.is_empty(), e.text.trim().is_empty()) {
                (false, false) => format!("{who}: {}", e.text.trim()),
                (false, true) => who,
                (true, _) => e.text.trim().to_string(),
            };
            wrap(&line, width)
        })
        .collect()
}

/// The safety house: rules on the roof, who lives inside, who visits (by the
/// door), who stays outside (beyond the fence), and the path 0–10 with the
/// child's own place on it.
pub fn safety_house_svg(
    plan: &Plan,
    view: &ChildView,
    child_name: &str,
    lang: Lang,
    hide_names: bool,
) -> String {
    let h = &view.house;
    let mut out = String::with_capacity(4096);
    let label = trf(lang, "child.safety_house.label", &[("child", child_name)]);
    svg_open(&mut out, 900, 560, &label);
    // Roof with the rules.
    out.push_str("<polygon points=\"210,170 440,20 670,170\" fill=\"#f2a36b\" stroke=\"#3b3b3b\" stroke-width=\"3\"/>");
    out.push_str(&format!(
        "<text x=\"440\" y=\"80\" text-anchor=\"middle\" {TITLE}>{}</text>",
        text(tr(lang, "child.safety_house.rules"))
    ));
    let rules: Vec<String> = h
        .rules
        .iter()
        .flat_map(|q| wrap(q.text.trim(), 30))
        .collect();
    for (i, line) in rules.iter().take(3).enumerate() {
        out.push_str(&format!(
            "<text x=\"440\" y=\"{}\" text-anchor=\"middle\" {QUOTE}>{}</text>",
            108 + i * 22,
            text(line)
        ));
    }
    // The house itself: who lives inside.
    out.push_str("<rect x=\"240\" y=\"170\" width=\"400\" height=\"240\" rx=\"6\" fill=\"#fdf1e7\" stroke=\"#3b3b3b\" stroke-width=\"3\"/>");
    out.push_str(&format!(
        "<text x=\"260\" y=\"200\" {TITLE}>{}</text>",
        text(tr(lang, "child.safety_house.inside"))
    ));
    text_block(
        &mut out,
        260.0,
        230.0,
        24.0,
        &entry_lines(plan, &h.inside, hide_names, WRAP),
        7,
        QUOTE,
    );
    // The door, and who visits (beside the door, on the right).
    out.push_str("<rect x=\"560\" y=\"320\" width=\"50\" height=\"90\" rx=\"4\" fill=\"#8a5a2b\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>");
    out.push_str(&format!(
        "<text x=\"690\" y=\"220\" {TITLE}>{}</text>",
        text(tr(lang, "child.safety_house.visiting"))
    ));
    text_block(
        &mut out,
        690.0,
        250.0,
        24.0,
        &entry_lines(plan, &h.visiting, hide_names, 18),
        6,
        QUOTE,
    );
    // A fence on the left; who stays outside stands beyond it.
    out.push_str(
        "<line x1=\"195\" y1=\"180\" x2=\"195\" y2=\"400\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>",
    );
    for i in 0..7 {
        out.push_str(&format!(
            "<rect x=\"189\" y=\"{}\" width=\"12\" height=\"26\" rx=\"2\" fill=\"#c9b18b\" stroke=\"#3b3b3b\"/>",
            182 + i * 31
        ));
    }
    out.push_str(&format!(
        "<text x=\"10\" y=\"200\" {TITLE}>{}</text>",
        text(tr(lang, "child.safety_house.outside"))
    ));
    text_block(
        &mut out,
        10.0,
        230.0,
        24.0,
        &entry_lines(plan, &h.outside, hide_names, 16),
        7,
        QUOTE,
    );
    // The path 0–10 in front of the house, with the child's place on it.
    out.push_str(&format!(
        "<text x=\"70\" y=\"452\" {TITLE}>{}</text>",
        text(tr(lang, "child.safety_house.path"))
    ));
    out.push_str(
        "<line x1=\"70\" y1=\"500\" x2=\"830\" y2=\"500\" stroke=\"#3b3b3b\" stroke-width=\"4\"/>",
    );
    for n in 0..=10u32 {
        let x = 70 + n * 76;
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"490\" x2=\"{x}\" y2=\"510\" stroke=\"#3b3b3b\" stroke-width=\"2\"/>\
             <text x=\"{x}\" y=\"535\" text-anchor=\"middle\" {SMALL}>{n}</text>"
        ));
    }
    if let Some(score) = h.path {
        let x = 70 + u32::from(score.get()) * 76;
        // A star marks the child's own place; the number is also in the label.
        out.push_str(&format!(
            "<g aria-label=\"{}\"><circle cx=\"{x}\" cy=\"500\" r=\"16\" fill=\"#f4c430\" stroke=\"#3b3b3b\" stroke-width=\"3\"/>\
             <text x=\"{x}\" y=\"506\" text-anchor=\"middle\" {SMALL}>★</text></g>",
            attr(&trf(
                lang,
                "child.safety_house.path_here",
                &[("child", child_name), ("n", &score.get().to_string())]
            ))
        ));
    }
    out.push_str("</svg>");
    out
}

/// A printable page for the child: large type, short sentences, the pictures,
/// and empty frames to draw in. `None` if the child has no views recorded.
pub fn words_and_pictures_html(
    plan: &Plan,
    child: crate::document::ids::PersonId,
    lang: Lang,
    hide_names: bool,
) -> Option<String> {
    let view = plan.child_views().iter().find(|v| v.child == child)?;
    let name = display_name_of(plan, child, hide_names);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         @page{{size:A4;margin:15mm}}body{{font:22px/1.5 system-ui,sans-serif;color:#1b1b1b;margin:0}}\
         h1{{font-size:34px;margin:0 0 12px}}p{{max-width:36em;margin:0 0 14px}}\
         svg{{width:100%;height:auto;margin:12px 0;page-break-inside:avoid}}\
         .draw{{border:3px dashed #555;border-radius:12px;height:110mm;margin:16px 0;page-break-inside:avoid;\
         display:flex;align-items:flex-start;padding:10px;font-size:18px;color:#333}}\
         .pb{{page-break-before:always}}</style></head><body>",
        lang.code(),
        lang.dir(),
        text(&trf(lang, "child.page.title", &[("child", &name)]))
    ));
    out.push_str(&format!(
        "<h1>{}</h1>",
        text(&trf(lang, "child.page.title", &[("child", &name)]))
    ));
    for para in view
        .words_and_pictures
        .split("\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        // Short sentences, one per line, read aloud easily.
        for sentence in para
            .split_inclusive(['.', '!', '?'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            out.push_str(&format!("<p>{}</p>", text(sentence)));
        }
    }
    out.push_str(&three_houses_svg(view, &name, lang));
    out.push_str("<div class=\"pb\"></div>");
    out.push_str(&safety_house_svg(plan, view, &name, lang, hide_names));
    out.push_str(&format!(
        "<div class=\"draw\">{}</div>",
        text(tr(lang, "child.page.draw"))
    ));
    out.push_str("</body></html>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample::sample_plan;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Att alla är snälla hemma.", 10),
            ["Att alla", "är snälla", "hemma."]
        );
        assert_eq!(wrap("aaaaaaaaaaaaa", 5), ["aaaaa", "aaaaa", "aaa"]);
        assert!(wrap("   ", 5).is_empty());
    }

    #[test]
    fn the_sample_childs_words_appear_verbatim_and_escaped() {
        let plan = sample_plan();
        let view = &plan.child_views()[0];
        let svg = three_houses_svg(view, "Alva", Lang::Sv);
        // Quotes are kept verbatim, in quotation marks, wrapped at spaces.
        assert!(svg.contains(">“Mormor gör</text>"), "{svg}");
        assert!(svg.contains(">pannkakor.”</text>"));
        assert!(svg.contains(">“En katt.”</text>"));
        let house = safety_house_svg(&plan, view, "Alva", Lang::Sv, false);
        assert!(house.contains(">Birgitta<") && house.contains(">Mikael när han<"));
        // The child's place on the path is said in words, not only drawn.
        assert!(house.contains("6"));
    }

    #[test]
    fn hidden_names_hide_network_names_in_the_house() {
        let plan = sample_plan();
        let view = &plan.child_views()[0];
        let house = safety_house_svg(&plan, view, "A.", Lang::Sv, true);
        assert!(!house.contains("Birgitta"), "{house}");
        assert!(!house.contains("Gunnar"));
    }

    #[test]
    fn hostile_words_stay_inert() {
        let plan = sample_plan();
        let mut view = plan.child_views()[0].clone();
        view.worries.push(Quote {
            text: "<script>alert(1)</script> & \"x\"".into(),
            date: None,
        });
        let svg = three_houses_svg(&view, "<b>Alva</b>", Lang::En);
        assert!(!svg.contains("<script") && !svg.contains("<b>"));
        // Shown inside the widget under a strict CSP: no style element.
        assert!(!svg.contains("<style"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn the_childs_page_has_short_sentences_pictures_and_room_to_draw() {
        let plan = sample_plan();
        let alva = plan.children()[0].id;
        let page = words_and_pictures_html(&plan, alva, Lang::Sv, false).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<p>Ingen får göra ett barn illa.</p>"));
        assert_eq!(page.matches("<svg").count(), 2);
        assert!(page.contains("class=\"draw\""));
        assert!(!page.contains("<script"));
        // Elis is three: his page holds what the preschool and his mother told.
        let elis = plan.children()[1].id;
        let page = words_and_pictures_html(&plan, elis, Lang::Sv, false).unwrap();
        assert!(page.contains("bilar"), "{page}");
        // A child nobody has written anything for has no page.
        let nobody = crate::document::ids::PersonId(999);
        assert!(words_and_pictures_html(&plan, nobody, Lang::Sv, false).is_none());
    }
}
