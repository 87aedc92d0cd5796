//! The network map written as a standalone SVG string (for print and export).
//!
//! Self-contained on purpose: no scripts, no external fonts, images or
//! styles, so the file can be mailed, archived or printed and still show the
//! same map. It writes the [`Scene`] — the same elements with the same
//! attributes as the web map — and places the legend below the map, since
//! paper has no legend beside it. User text passes through
//! [`crate::papers::escape`].

use crate::document::ids::PersonId;
use crate::document::plan::{Plan, Step};
use crate::i18n::{tr, trf, Lang};
use crate::map::scene::{
    chain_badge, chain_letters, highlight_ring, legend, legend_symbol, legend_symbol_text,
    translate, union, Mark, Scene, Symbol, Text, MUTED_TEXT, RING_LINE, TEXT, WHITE,
};
use crate::map::{fit, layout_with, LayoutOptions, Point, Rect, Screen};
use crate::papers::escape::{escape, num};
use std::fmt::Write;

pub use crate::map::scene::map_title;
pub use crate::map::{child_display_name, display_name, display_name_of};

/// How to draw the map.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SvgOptions {
    /// Names become roles or initials ([`display_name`]).
    pub hide_names: bool,
    /// People drawn with a highlight ring (e.g. those an agreement rests on).
    pub highlight: Vec<PersonId>,
}

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/// The map of `plan` as a complete SVG document.
pub fn map_svg(plan: &Plan, lang: Lang, opts: &SvgOptions) -> String {
    let layout = layout_with(
        plan,
        &LayoutOptions {
            hide_names: opts.hide_names,
            focus: None,
            ..Default::default()
        },
    );
    let mut scene = Scene::new(plan, &layout, lang, opts.hide_names);
    let highlighted = scene.nodes.iter().any(|n| opts.highlight.contains(&n.id));
    if highlighted {
        let load = scene.legend.iter().any(|(s, _)| *s == Symbol::Load);
        scene.legend = legend(lang, load, true);
    }
    write(plan, lang, opts, &scene, &[], true)
}

/// The map of `plan` as a screen `screen` draws it ([`fit`]: names a size
/// in screen pixels), without the legend: the room view's map. The people
/// of `chain` (a chosen agreement's plan A–D) carry their steps' letters,
/// as on the widget's map.
pub fn screen_svg(
    plan: &Plan,
    lang: Lang,
    opts: &SvgOptions,
    chain: &[Step],
    screen: Screen,
) -> String {
    let options = LayoutOptions {
        hide_names: opts.hide_names,
        ..Default::default()
    };
    let (_, scene) = fit(plan, lang, &options, screen);
    write(plan, lang, opts, &scene, chain, false)
}

fn write(
    plan: &Plan,
    lang: Lang,
    opts: &SvgOptions,
    scene: &Scene,
    chain: &[Step],
    with_legend: bool,
) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let k = scene.k;
    let map = scene.frame;
    let legend_box = Rect {
        x: map.x + 12.0 * k,
        y: map.bottom() + 6.0 * k,
        w: map.w - 24.0 * k,
        h: legend_height(&scene.legend, map.w - 24.0 * k, k),
    };
    let view = if with_legend {
        union(
            map,
            Rect {
                h: legend_box.h + 12.0 * k,
                ..legend_box
            },
        )
    } else {
        map
    };
    let title = map_title(plan, lang, opts.hide_names);
    let desc = trf(
        lang,
        "svg.desc",
        &[
            ("people", &plan.people().len().to_string()),
            ("relations", &plan.relations().len().to_string()),
        ],
    );
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT}\" class=\"skyddsnat-map\">",
        num(view.x),
        num(view.y),
        num(view.w),
        num(view.h),
        escape(&title),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<desc>{}</desc>", escape(&desc));
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WHITE}\"/>",
        num(view.x),
        num(view.y),
        num(view.w),
        num(view.h)
    );
    out.push_str("<g class=\"rings\">\n");
    for ring in &scene.rings {
        mark(&mut out, &ring.mark);
        out.push('\n');
    }
    for line in &scene.sector_lines {
        mark(&mut out, line);
        out.push('\n');
    }
    out.push_str("</g>\n");
    for t in &scene.sector_titles {
        text(&mut out, t, "sector");
    }
    for t in &scene.ring_labels {
        text(&mut out, t, "ring-label");
    }
    out.push_str("<g class=\"relations\">\n");
    for r in &scene.relations {
        let _ = write!(
            out,
            "<g class=\"relation {}\"><title>{}</title>",
            relation_class(r.kind),
            escape(&r.title)
        );
        for m in r.shape.marks() {
            mark(&mut out, m);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"people\">\n");
    for n in &scene.nodes {
        let _ = write!(
            out,
            "<g class=\"node\" transform=\"{}\">",
            translate(n.centre)
        );
        if opts.highlight.contains(&n.id) {
            mark(&mut out, &highlight_ring(n));
        }
        for m in &n.shapes {
            mark(&mut out, m);
        }
        mark(&mut out, &n.label_box);
        text(&mut out, &n.label, "label");
        let letters = chain_letters(chain, n.id);
        if !letters.is_empty() {
            let (disc, letters) = chain_badge(n, &letters);
            mark(&mut out, &disc);
            text(&mut out, &letters, "chain");
        }
        if let Some(b) = &n.badge {
            out.push_str("<g class=\"load\">");
            mark(&mut out, &b.circle);
            text(&mut out, &b.text, "count");
            out.push_str("</g>");
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    if with_legend {
        legend_block(&mut out, lang, &scene.legend, legend_box, k);
    }
    out.push_str("</svg>\n");
    out
}

fn mark(out: &mut String, m: &Mark) {
    let _ = write!(out, "<{}", m.tag());
    for (name, value) in m.attrs() {
        let _ = write!(out, " {name}=\"{}\"", escape(&value));
    }
    out.push_str("/>");
}

fn text(out: &mut String, t: &Text, class: &str) {
    let _ = write!(out, "<text class=\"{class}\"");
    for (name, value) in t.attrs() {
        let _ = write!(out, " {name}=\"{}\"", escape(&value));
    }
    out.push('>');
    for (line, at) in &t.lines {
        out.push_str("<tspan");
        for (name, value) in Text::line_attrs(*at) {
            let _ = write!(out, " {name}=\"{value}\"");
        }
        let _ = write!(out, ">{}</tspan>", escape(line));
    }
    out.push_str("</text>");
}

/// As many columns (up to 3) as the longest entry allows, so no text runs
/// past the legend's frame. Text width is estimated at 0.56 em.
fn legend_columns(lines: &[(Symbol, String)], width: f64, k: f64) -> usize {
    let longest = lines
        .iter()
        .map(|(_, text)| text.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let needed = (longest * 15.0 * 0.56 + 54.0) * k;
    let inner = width - 20.0 * k;
    (1..=3)
        .rev()
        .find(|c| inner / *c as f64 >= needed)
        .unwrap_or(1)
}

fn legend_height(lines: &[(Symbol, String)], width: f64, k: f64) -> f64 {
    let rows = lines.len().div_ceil(legend_columns(lines, width, k));
    (34.0 + 26.0 * rows as f64) * k
}

fn legend_block(out: &mut String, lang: Lang, lines: &[(Symbol, String)], at: Rect, k: f64) {
    let columns = legend_columns(lines, at.w, k);
    let rows = lines.len().div_ceil(columns);
    let _ = writeln!(
        out,
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{WHITE}\" stroke=\"{RING_LINE}\"/>",
        num(at.x),
        num(at.y),
        num(at.w),
        num(at.h),
        num(4.0 * k)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\" fill=\"{TEXT}\">{}</text>",
        num(at.x + 10.0 * k),
        num(at.y + 22.0 * k),
        num(16.0 * k),
        escape(tr(lang, "svg.legend.title"))
    );
    let column_width = (at.w - 20.0 * k) / columns as f64;
    for (i, (symbol, label)) in lines.iter().enumerate() {
        let (col, row) = (i / rows, i % rows);
        let x = at.x + 10.0 * k + col as f64 * column_width;
        let y = at.y + (34.0 + 26.0 * row as f64 + 13.0) * k;
        let p = Point::new(x, y);
        for m in legend_symbol(*symbol, p, k) {
            mark(out, &m);
        }
        if let Some(t) = legend_symbol_text(*symbol, p, k) {
            text(out, &t, "count");
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{MUTED_TEXT}\">{}</text>",
            num(x + 44.0 * k),
            num(y + 5.0 * k),
            num(15.0 * k),
            escape(label)
        );
    }
    out.push_str("</g>\n");
}

fn relation_class(kind: crate::document::plan::RelationKind) -> &'static str {
    use crate::document::plan::RelationKind;
    match kind {
        RelationKind::Strong => "strong",
        RelationKind::Weak => "weak",
        RelationKind::Stressful => "stressful",
        RelationKind::Broken => "broken",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample::sample_plan;
    use crate::map::scene::{PRIVATE_FILL, PROFESSIONAL_FILL};

    #[test]
    fn the_legend_is_drawn_even_for_an_empty_plan() {
        let svg = map_svg(&Plan::new(), Lang::Sv, &SvgOptions::default());
        assert!(svg.contains("class=\"legend\""));
        assert!(svg.contains(tr(Lang::Sv, "svg.legend.title")));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Nätverkskarta</title>"));
    }

    #[test]
    fn relation_kinds_differ_in_pattern_not_only_colour() {
        let svg = map_svg(&sample_plan(), Lang::En, &SvgOptions::default());
        let group = |kind: &str| -> String {
            let at = svg
                .find(&format!("<g class=\"relation {kind}\">"))
                .unwrap_or_else(|| panic!("no {kind} relation"));
            svg[at..at + svg[at..].find("</g>").unwrap_or(0)].to_string()
        };
        let strong = group("strong");
        let weak = group("weak");
        let stressful = group("stressful");
        let broken = group("broken");
        assert!(strong.contains("stroke-width=\"3.5\"") && !strong.contains("dasharray"));
        assert!(weak.contains("stroke-dasharray") && weak.contains("stroke-width=\"1.6\""));
        // A zig-zag is a path with many corners.
        assert!(stressful.matches('L').count() > 5);
        // A broken line has a gap (two moves) and a cross (two strokes).
        assert_eq!(broken.matches("<path").count(), 2);
        assert!(broken.matches('M').count() >= 4);
    }

    #[test]
    fn private_and_professional_people_differ_in_shape_and_colour() {
        let svg = map_svg(&sample_plan(), Lang::En, &SvgOptions::default());
        assert!(svg.contains(&format!(
            "<circle cx=\"0\" cy=\"0\" r=\"13\" fill=\"{PRIVATE_FILL}\""
        )));
        assert!(svg.contains(&format!("fill=\"{PROFESSIONAL_FILL}\"")));
        let professional = svg
            .split("<rect")
            .any(|r| r.contains(PROFESSIONAL_FILL) && r.contains("rx="));
        assert!(professional, "a professional is a rounded square");
    }
}
