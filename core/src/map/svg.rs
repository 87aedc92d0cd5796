//! The network map drawn as a standalone SVG string (for print and export).
//!
//! Self-contained on purpose: no scripts, no external fonts, images or
//! styles, so the file can be mailed, archived or printed and still show the
//! same map. Every distinction is drawn twice — private and professional
//! people differ in shape *and* colour, relations in line pattern *and*
//! colour — so the map survives black-and-white print and colour blindness,
//! and a legend is always part of the picture. User text passes through
//! [`crate::papers::escape`]; coordinates come from [`crate::map::layout_with`].

use crate::document::ids::PersonId;
use crate::document::plan::{PersonKind, Plan, Relation, RelationKind, Ring};
use crate::i18n::labels::Label;
use crate::i18n::{tr, trf, Lang};
use crate::map::{
    layout_with, split_title, Layout, LayoutOptions, Node, Point, Rect, LABEL_FONT,
    SECTOR_TITLE_CHARS,
};
use crate::papers::escape::{escape, num};
use std::fmt::Write;

pub use crate::map::{child_display_name, display_name, display_name_of};

/// How to draw the map.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SvgOptions {
    /// Names become roles or initials ([`display_name`]).
    pub hide_names: bool,
    /// People drawn with a highlight ring (e.g. those an agreement rests on).
    pub highlight: Vec<PersonId>,
}

// Colours on a white background. Lines and outlines have a contrast of at
// least 3:1 against white, text at least 4.5:1 (WCAG 1.4.11 and 1.4.3); the
// pale fills inside nodes carry no meaning of their own.
const TEXT: &str = "#111827"; // 17.7:1
const MUTED_TEXT: &str = "#374151"; // 10.3:1
const RING_LINE: &str = "#6b7280"; // 4.8:1
const LINE: &str = "#1f2937"; // 14.7:1
const STRESS: &str = "#b91c1c"; // 6.5:1
const BROKEN: &str = "#4b5563"; // 7.6:1
const PRIVATE_FILL: &str = "#fde68a";
const PRIVATE_STROKE: &str = "#92400e"; // 7.1:1
const PROFESSIONAL_FILL: &str = "#bfdbfe";
const PROFESSIONAL_STROKE: &str = "#1e3a8a"; // 10.4:1
const CHILD_FILL: &str = "#fecaca";
const CHILD_STROKE: &str = "#991b1b"; // 8.3:1
const HIGHLIGHT: &str = "#6d28d9"; // 7.1:1
const BAND_FILLS: [&str; 3] = ["#eef2ff", "#f5f7ff", "#fbfcff"];
const CENTRE_FILL: &str = "#fff7ed";
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
// Node labels use `geometry::LABEL_FONT`, in regular weight: bold text would
// outgrow the box `geometry::CHAR_WIDTH` estimates.

/// The map of `plan` as a complete SVG document.
pub fn map_svg(plan: &Plan, lang: Lang, opts: &SvgOptions) -> String {
    let layout = layout_with(
        plan,
        &LayoutOptions {
            hide_names: opts.hide_names,
            focus: None,
        },
    );
    Drawing::new(plan, lang, opts, &layout).finish()
}

/// The accessible name of the map: whose network it is.
pub fn map_title(plan: &Plan, lang: Lang, hide_names: bool) -> String {
    let children: Vec<String> = plan
        .children()
        .iter()
        .map(|c| {
            trf(
                lang,
                "svg.child_age",
                &[
                    ("name", &child_display_name(c, hide_names)),
                    ("age", &c.age.years().to_string()),
                ],
            )
        })
        .collect();
    if children.is_empty() {
        tr(lang, "svg.title_plain").to_string()
    } else {
        trf(lang, "svg.title", &[("children", &children.join(", "))])
    }
}

struct Drawing<'a> {
    plan: &'a Plan,
    lang: Lang,
    opts: &'a SvgOptions,
    layout: &'a Layout,
    /// Size of the map's own text (sector titles, legend), grown with a
    /// crowded map so that it stays readable next to it.
    k: f64,
    out: String,
}

impl<'a> Drawing<'a> {
    fn new(plan: &'a Plan, lang: Lang, opts: &'a SvgOptions, layout: &'a Layout) -> Self {
        Drawing {
            plan,
            lang,
            opts,
            layout,
            k: (layout.extent / 520.0).max(1.0),
            out: String::with_capacity(16 * 1024),
        }
    }

    fn finish(mut self) -> String {
        let titles = self.sector_titles();
        let mut bounds = square(self.layout.extent + 6.0);
        for t in &titles {
            bounds = union(bounds, t.rect);
        }
        let pad = 12.0 * self.k;
        let legend = self.legend_lines();
        let legend_top = bounds.bottom() + 18.0 * self.k;
        let legend_height = self.legend_height(&legend, bounds.w);
        let view = Rect {
            x: bounds.x - pad,
            y: bounds.y - pad,
            w: bounds.w + 2.0 * pad,
            h: legend_top + legend_height - bounds.y + 2.0 * pad,
        };

        let title = map_title(self.plan, self.lang, self.opts.hide_names);
        let desc = trf(
            self.lang,
            "svg.desc",
            &[
                ("people", &self.plan.people().len().to_string()),
                ("relations", &self.plan.relations().len().to_string()),
            ],
        );
        let _ = writeln!(
            self.out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONT}\" class=\"skyddsnat-map\">",
            num(view.x),
            num(view.y),
            num(view.w),
            num(view.h),
            escape(&title),
        );
        let _ = writeln!(self.out, "<title>{}</title>", escape(&title));
        let _ = writeln!(self.out, "<desc>{}</desc>", escape(&desc));
        self.defs();
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
            num(view.x),
            num(view.y),
            num(view.w),
            num(view.h)
        );
        self.rings();
        for t in &titles {
            self.sector_title(t);
        }
        self.relations();
        self.nodes();
        self.legend(&legend, Point::new(bounds.x, legend_top), bounds.w);
        self.out.push_str("</svg>\n");
        self.out
    }

    fn defs(&mut self) {
        self.out.push_str("<defs>\n");
        for (id, colour) in [("skn-arrow", LINE), ("skn-arrow-stress", STRESS)] {
            let _ = writeln!(
                self.out,
                "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"strokeWidth\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"{colour}\"/></marker>"
            );
        }
        self.out.push_str("</defs>\n");
    }

    fn rings(&mut self) {
        let g = &self.layout.geometry;
        self.out.push_str("<g class=\"rings\">\n");
        for ring in Ring::ALL.iter().rev() {
            let (_, outer) = g.ring_band(*ring);
            let fill = BAND_FILLS[usize::from(ring.get() - 1)];
            let _ = writeln!(
                self.out,
                "<circle r=\"{}\" fill=\"{fill}\" stroke=\"{RING_LINE}\" stroke-width=\"1.2\"/>",
                num(outer)
            );
        }
        let _ = writeln!(
            self.out,
            "<circle r=\"{}\" fill=\"{CENTRE_FILL}\" stroke=\"{RING_LINE}\" stroke-width=\"1.2\"/>",
            num(g.centre_radius())
        );
        for sector in g.sectors() {
            let (a0, _) = g.sector_angles(*sector);
            let from = Point::polar(g.centre_radius(), a0);
            let to = Point::polar(g.outer_radius(), a0);
            let _ = writeln!(
                self.out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{RING_LINE}\" stroke-width=\"1.2\"/>",
                num(from.x),
                num(from.y),
                num(to.x),
                num(to.y)
            );
        }
        self.out.push_str("</g>\n");
    }

    /// Sector names outside the outer ring, long names on two lines.
    fn sector_titles(&self) -> Vec<SectorTitle> {
        let g = &self.layout.geometry;
        let size = 17.0 * self.k;
        let radius = self.layout.extent + 10.0 * self.k;
        g.sectors()
            .iter()
            .map(|sector| {
                let (a0, a1) = g.sector_angles(*sector);
                let at = Point::polar(radius, (a0 + a1) / 2.0);
                let lines = split_title(sector.label(self.lang), SECTOR_TITLE_CHARS);
                let width =
                    lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * size * 0.62;
                let height = lines.len() as f64 * size * 1.2;
                let anchor = if at.x > 0.25 * radius {
                    Anchor::Start
                } else if at.x < -0.25 * radius {
                    Anchor::End
                } else {
                    Anchor::Middle
                };
                let x = match anchor {
                    Anchor::Start => at.x,
                    Anchor::End => at.x - width,
                    Anchor::Middle => at.x - width / 2.0,
                };
                // Titles above the centre grow upwards, those below downwards.
                let y = if at.y < 0.0 { at.y - height } else { at.y };
                SectorTitle {
                    lines,
                    anchor,
                    size,
                    rect: Rect {
                        x,
                        y,
                        w: width,
                        h: height,
                    },
                    anchor_x: at.x,
                }
            })
            .collect()
    }

    fn sector_title(&mut self, t: &SectorTitle) {
        let anchor = match t.anchor {
            Anchor::Start => "start",
            Anchor::End => "end",
            Anchor::Middle => "middle",
        };
        let _ = write!(
            self.out,
            "<text class=\"sector\" text-anchor=\"{anchor}\" font-size=\"{}\" font-weight=\"700\" fill=\"{TEXT}\">",
            num(t.size)
        );
        for (i, line) in t.lines.iter().enumerate() {
            let y = t.rect.y + t.size * (1.2 * i as f64 + 0.95);
            let _ = write!(
                self.out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(t.anchor_x),
                num(y),
                escape(line)
            );
        }
        self.out.push_str("</text>\n");
    }

    fn relations(&mut self) {
        self.out.push_str("<g class=\"relations\" fill=\"none\">\n");
        for relation in self.plan.relations() {
            let (Some(from), Some(to)) = (
                self.layout.node(relation.from),
                self.layout.node(relation.to),
            ) else {
                continue;
            };
            self.relation(relation, from, to);
        }
        self.out.push_str("</g>\n");
    }

    fn relation(&mut self, relation: &Relation, from: &Node, to: &Node) {
        let length = from.centre.distance(to.centre);
        let (a_gap, b_gap) = (from.radius + 2.0, to.radius + 3.0);
        if length <= a_gap + b_gap + 4.0 {
            return; // Touching nodes: no room for a line.
        }
        let dir = Point::new(
            (to.centre.x - from.centre.x) / length,
            (to.centre.y - from.centre.y) / length,
        );
        let a = Point::new(from.centre.x + dir.x * a_gap, from.centre.y + dir.y * a_gap);
        let b = Point::new(to.centre.x - dir.x * b_gap, to.centre.y - dir.y * b_gap);
        let kind = relation.kind.label(self.lang);
        let marker = |stress: bool| {
            if !relation.supports {
                String::new()
            } else if stress {
                " marker-end=\"url(#skn-arrow-stress)\"".to_string()
            } else {
                " marker-end=\"url(#skn-arrow)\"".to_string()
            }
        };
        let _ = write!(
            self.out,
            "<g class=\"relation {}\"><title>{}</title>",
            relation_class(relation.kind),
            escape(&relation_title(
                self.plan,
                self.lang,
                self.opts.hide_names,
                relation,
                kind
            ))
        );
        match relation.kind {
            RelationKind::Strong => {
                let _ = write!(
                    self.out,
                    "<path d=\"{}\" stroke=\"{LINE}\" stroke-width=\"3.5\"{}/>",
                    straight(a, b),
                    marker(false)
                );
            }
            RelationKind::Weak => {
                let _ = write!(
                    self.out,
                    "<path d=\"{}\" stroke=\"{LINE}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"{}/>",
                    straight(a, b),
                    marker(false)
                );
            }
            RelationKind::Stressful => {
                let _ = write!(
                    self.out,
                    "<path d=\"{}\" stroke=\"{STRESS}\" stroke-width=\"2\" stroke-linejoin=\"round\"{}/>",
                    zigzag(a, b),
                    marker(true)
                );
            }
            RelationKind::Broken => {
                let (path, cross) = broken(a, b);
                let _ = write!(
                    self.out,
                    "<path d=\"{path}\" stroke=\"{BROKEN}\" stroke-width=\"2\"{}/><path d=\"{cross}\" stroke=\"{BROKEN}\" stroke-width=\"2.5\"/>",
                    marker(false)
                );
            }
        }
        self.out.push_str("</g>\n");
    }

    fn nodes(&mut self) {
        self.out.push_str("<g class=\"people\">\n");
        for node in &self.layout.nodes {
            let highlighted = self.opts.highlight.contains(&node.id);
            let kind = self
                .plan
                .person(node.id)
                .map(|p| p.kind)
                .unwrap_or(PersonKind::Private);
            let _ = write!(self.out, "<g class=\"node\">");
            if highlighted {
                let _ = write!(
                    self.out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{HIGHLIGHT}\" stroke-width=\"3\"/>",
                    num(node.centre.x),
                    num(node.centre.y),
                    num(node.radius + 4.5)
                );
            }
            shape(&mut self.out, node.centre, node.radius, node.child, kind);
            let r = node.label_rect;
            let _ = write!(
                self.out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h)
            );
            let _ = writeln!(
                self.out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{TEXT}\">{}</text></g>",
                num(r.x + r.w / 2.0),
                num(r.y + r.h - 5.0),
                num(LABEL_FONT),
                escape(&node.label)
            );
        }
        self.out.push_str("</g>\n");
    }

    /// The legend's entries: a symbol and its explanation.
    fn legend_lines(&self) -> Vec<(Symbol, String)> {
        let l = self.lang;
        let mut lines = vec![
            (Symbol::Child, tr(l, "svg.legend.child").to_string()),
            (Symbol::Private, PersonKind::Private.label(l).to_string()),
            (
                Symbol::Professional,
                PersonKind::Professional.label(l).to_string(),
            ),
        ];
        for kind in RelationKind::ALL {
            lines.push((Symbol::Relation(kind), kind.label(l).to_string()));
        }
        lines.push((Symbol::Supports, tr(l, "svg.legend.supports").to_string()));
        if !self.opts.highlight.is_empty() {
            lines.push((Symbol::Highlight, tr(l, "svg.legend.highlight").to_string()));
        }
        let rings: Vec<String> = Ring::ALL
            .iter()
            .map(|r| format!("{} {}", r.get(), r.label(l)))
            .collect();
        lines.push((
            Symbol::Rings,
            trf(l, "svg.legend.rings", &[("rings", &rings.join(" · "))]),
        ));
        lines
    }

    /// As many columns (up to 3) as the longest entry allows, so no text
    /// runs past the legend's frame. Text width is estimated at 0.56 em.
    fn legend_columns(&self, lines: &[(Symbol, String)], width: f64) -> usize {
        let longest = lines
            .iter()
            .map(|(_, text)| text.chars().count())
            .max()
            .unwrap_or(0) as f64;
        let needed = (longest * 15.0 * 0.56 + 54.0) * self.k;
        let inner = width - 20.0 * self.k;
        (1..=3)
            .rev()
            .find(|c| inner / *c as f64 >= needed)
            .unwrap_or(1)
    }

    fn legend_height(&self, lines: &[(Symbol, String)], width: f64) -> f64 {
        let rows = lines.len().div_ceil(self.legend_columns(lines, width));
        (34.0 + 26.0 * rows as f64) * self.k
    }

    fn legend(&mut self, lines: &[(Symbol, String)], top_left: Point, width: f64) {
        let k = self.k;
        let columns = self.legend_columns(lines, width);
        let rows = lines.len().div_ceil(columns);
        let _ = writeln!(
            self.out,
            "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#ffffff\" stroke=\"{RING_LINE}\"/>",
            num(top_left.x),
            num(top_left.y),
            num(width),
            num(self.legend_height(lines, width)),
            num(4.0 * k)
        );
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\" fill=\"{TEXT}\">{}</text>",
            num(top_left.x + 10.0 * k),
            num(top_left.y + 22.0 * k),
            num(16.0 * k),
            escape(tr(self.lang, "svg.legend.title"))
        );
        let column_width = (width - 20.0 * k) / columns as f64;
        for (i, (symbol, text)) in lines.iter().enumerate() {
            let (col, row) = (i / rows, i % rows);
            let x = top_left.x + 10.0 * k + col as f64 * column_width;
            let y = top_left.y + (34.0 + 26.0 * row as f64 + 13.0) * k;
            self.legend_symbol(*symbol, Point::new(x, y));
            let _ = writeln!(
                self.out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{MUTED_TEXT}\">{}</text>",
                num(x + 44.0 * k),
                num(y + 5.0 * k),
                num(15.0 * k),
                escape(text)
            );
        }
        self.out.push_str("</g>\n");
    }

    /// A symbol 36 units wide whose left edge is at `at.x`, centred on `at.y`.
    fn legend_symbol(&mut self, symbol: Symbol, at: Point) {
        let k = self.k;
        let mid = Point::new(at.x + 18.0 * k, at.y);
        let a = Point::new(at.x, at.y);
        let b = Point::new(at.x + 36.0 * k, at.y);
        let out = &mut self.out;
        match symbol {
            Symbol::Child => shape(out, mid, 9.0 * k, true, PersonKind::Private),
            Symbol::Private => shape(out, mid, 8.0 * k, false, PersonKind::Private),
            Symbol::Professional => shape(out, mid, 8.0 * k, false, PersonKind::Professional),
            Symbol::Relation(RelationKind::Strong) => {
                let _ = write!(
                    out,
                    "<path d=\"{}\" stroke=\"{LINE}\" stroke-width=\"3.5\" fill=\"none\"/>",
                    straight(a, b)
                );
            }
            Symbol::Relation(RelationKind::Weak) => {
                let _ = write!(
                    out,
                    "<path d=\"{}\" stroke=\"{LINE}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" fill=\"none\"/>",
                    straight(a, b)
                );
            }
            Symbol::Relation(RelationKind::Stressful) => {
                let _ = write!(
                    out,
                    "<path d=\"{}\" stroke=\"{STRESS}\" stroke-width=\"2\" stroke-linejoin=\"round\" fill=\"none\"/>",
                    zigzag(a, b)
                );
            }
            Symbol::Relation(RelationKind::Broken) => {
                let (path, cross) = broken(a, b);
                let _ = write!(
                    out,
                    "<path d=\"{path}\" stroke=\"{BROKEN}\" stroke-width=\"2\" fill=\"none\"/><path d=\"{cross}\" stroke=\"{BROKEN}\" stroke-width=\"2.5\"/>"
                );
            }
            Symbol::Supports => {
                let _ = write!(
                    out,
                    "<path d=\"{}\" stroke=\"{LINE}\" stroke-width=\"2\" fill=\"none\" marker-end=\"url(#skn-arrow)\"/>",
                    straight(a, b)
                );
            }
            Symbol::Highlight => {
                shape(out, mid, 8.0 * k, false, PersonKind::Private);
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{HIGHLIGHT}\" stroke-width=\"3\"/>",
                    num(mid.x),
                    num(mid.y),
                    num(12.5 * k)
                );
            }
            Symbol::Rings => {
                for (i, r) in [4.0, 8.0, 12.0].iter().enumerate() {
                    let _ = write!(
                        out,
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{RING_LINE}\"/>",
                        num(mid.x),
                        num(mid.y),
                        num(r * k),
                        if i == 0 { CENTRE_FILL } else { "none" }
                    );
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Symbol {
    Child,
    Private,
    Professional,
    Relation(RelationKind),
    Supports,
    Highlight,
    Rings,
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

struct SectorTitle {
    lines: Vec<String>,
    anchor: Anchor,
    size: f64,
    rect: Rect,
    anchor_x: f64,
}

fn relation_class(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Strong => "strong",
        RelationKind::Weak => "weak",
        RelationKind::Stressful => "stressful",
        RelationKind::Broken => "broken",
    }
}

/// "Birgitta – Jenny: Stark, stöttar" for the relation's tooltip.
fn relation_title(plan: &Plan, lang: Lang, hide: bool, relation: &Relation, kind: &str) -> String {
    let name = |id: PersonId| display_name_of(plan, id, hide);
    let mut title = format!("{} – {}: {kind}", name(relation.from), name(relation.to));
    if relation.supports {
        title.push_str(", ");
        title.push_str(tr(lang, "relation.supports"));
    }
    title
}

/// Draws a node: a child is a large circle with a double outline, a private
/// person a circle, a professional a rounded square.
fn shape(out: &mut String, c: Point, r: f64, child: bool, kind: PersonKind) {
    if child {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{CHILD_FILL}\" stroke=\"{CHILD_STROKE}\" stroke-width=\"2\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{CHILD_STROKE}\" stroke-width=\"1\"/>",
            num(c.x),
            num(c.y),
            num(r),
            num(c.x),
            num(c.y),
            num(r * 0.62)
        );
        return;
    }
    match kind {
        PersonKind::Private => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{PRIVATE_FILL}\" stroke=\"{PRIVATE_STROKE}\" stroke-width=\"2\"/>",
                num(c.x),
                num(c.y),
                num(r)
            );
        }
        PersonKind::Professional => {
            // A square of the same area would look bigger; 0.9 r looks even.
            let h = r * 0.9;
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{PROFESSIONAL_FILL}\" stroke=\"{PROFESSIONAL_STROKE}\" stroke-width=\"2\"/>",
                num(c.x - h),
                num(c.y - h),
                num(2.0 * h),
                num(2.0 * h),
                num(r * 0.3)
            );
        }
    }
}

fn straight(a: Point, b: Point) -> String {
    format!("M{} {} L{} {}", num(a.x), num(a.y), num(b.x), num(b.y))
}

/// A zig-zag between straight ends (so an arrowhead points along the line).
fn zigzag(a: Point, b: Point) -> String {
    let length = a.distance(b);
    let (dx, dy) = ((b.x - a.x) / length, (b.y - a.y) / length);
    let (nx, ny) = (-dy, dx);
    let end = 8.0_f64.min(length / 6.0);
    let zig_length = length - 2.0 * end;
    // At least four teeth, so even a short line between neighbours reads as
    // a zig-zag and not as a kink.
    let teeth = ((zig_length / 7.0).floor() as usize).max(4);
    let mut d = format!("M{} {}", num(a.x), num(a.y));
    for i in 0..=teeth {
        let t = end + zig_length * i as f64 / teeth as f64;
        let side = match i {
            0 => 0.0,
            i if i == teeth => 0.0,
            i if i % 2 == 1 => 4.0,
            _ => -4.0,
        };
        let _ = write!(
            d,
            " L{} {}",
            num(a.x + dx * t + nx * side),
            num(a.y + dy * t + ny * side)
        );
    }
    let _ = write!(d, " L{} {}", num(b.x), num(b.y));
    d
}

/// A line with a gap in the middle, and a cross in the gap.
fn broken(a: Point, b: Point) -> (String, String) {
    let length = a.distance(b);
    let (dx, dy) = ((b.x - a.x) / length, (b.y - a.y) / length);
    let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let gap = 6.0_f64.min(length / 4.0);
    let path = format!(
        "M{} {} L{} {} M{} {} L{} {}",
        num(a.x),
        num(a.y),
        num(mid.x - dx * gap),
        num(mid.y - dy * gap),
        num(mid.x + dx * gap),
        num(mid.y + dy * gap),
        num(b.x),
        num(b.y)
    );
    let s = 5.0;
    let cross = format!(
        "M{} {} L{} {} M{} {} L{} {}",
        num(mid.x - s),
        num(mid.y - s),
        num(mid.x + s),
        num(mid.y + s),
        num(mid.x - s),
        num(mid.y + s),
        num(mid.x + s),
        num(mid.y - s)
    );
    (path, cross)
}

fn square(half: f64) -> Rect {
    Rect {
        x: -half,
        y: -half,
        w: 2.0 * half,
        h: 2.0 * half,
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Rect {
        x,
        y,
        w: a.right().max(b.right()) - x,
        h: a.bottom().max(b.bottom()) - y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sample::sample_plan;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn colours_meet_the_contrast_minimums_on_every_background() {
        let backgrounds = [
            "#ffffff",
            CENTRE_FILL,
            BAND_FILLS[0],
            BAND_FILLS[1],
            BAND_FILLS[2],
        ];
        for bg in backgrounds {
            for text in [TEXT, MUTED_TEXT] {
                assert!(contrast(text, bg) >= 4.5, "text {text} on {bg}");
            }
            for line in [
                RING_LINE,
                LINE,
                STRESS,
                BROKEN,
                PRIVATE_STROKE,
                PROFESSIONAL_STROKE,
                CHILD_STROKE,
                HIGHLIGHT,
            ] {
                assert!(contrast(line, bg) >= 3.0, "line {line} on {bg}");
            }
        }
    }

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
        assert!(weak.contains("stroke-dasharray") && weak.contains("stroke-width=\"1.5\""));
        // A zig-zag is a path with many corners.
        assert!(stressful.matches(" L").count() > 5);
        // A broken line has a gap (two moves) and a cross.
        assert_eq!(broken.matches("<path").count(), 2);
        assert!(broken.matches('M').count() >= 4);
        // Supports is an arrowhead, on whatever line style.
        assert!(strong.contains("marker-end"));
    }

    #[test]
    fn private_and_professional_people_differ_in_shape_and_colour() {
        let mut private = String::new();
        shape(
            &mut private,
            Point::default(),
            10.0,
            false,
            PersonKind::Private,
        );
        let mut professional = String::new();
        shape(
            &mut professional,
            Point::default(),
            10.0,
            false,
            PersonKind::Professional,
        );
        assert!(private.starts_with("<circle") && professional.starts_with("<rect"));
        assert!(private.contains(PRIVATE_FILL) && professional.contains(PROFESSIONAL_FILL));
        assert_ne!(PRIVATE_FILL, PROFESSIONAL_FILL);
    }
}
