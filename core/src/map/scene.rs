//! The map as one scene: every ring, sector line, title, relation path,
//! arrowhead, node shape, label box, load badge and legend entry, with its
//! geometry and paint, built once from the layout.
//!
//! Two writers draw it: [`super::svg`] as standalone SVG text for print and
//! export, and the web map as DOM, which adds only interaction (selection,
//! focus, dragging, dimming). Both write the same elements with the same
//! attributes, so the printed map and the screen match by construction; the
//! web crate's scene test compares them. Every distinction is drawn twice:
//! private and professional people differ in shape *and* colour, relations in
//! line pattern *and* colour, so the map survives black-and-white print and
//! colour blindness.

use crate::analysis::figures::{loads, OVERLOAD_AT};
use crate::document::ids::{PersonId, RelationId};
use crate::document::plan::{PersonKind, Plan, Relation, RelationKind, Ring};
use crate::i18n::labels::Label;
use crate::i18n::{tr, trf, Lang};
use crate::map::layout::{ring_name_rect, ring_name_size};
use crate::map::{
    child_display_name, display_name_of, split_title, Layout, Point, Rect, LABEL_FONT,
    SECTOR_TITLE_CHARS,
};
use crate::papers::escape::num;
use std::collections::HashMap;
use std::fmt::Write;

// Colours on a white background. Lines and outlines have a contrast of at
// least 3:1 against every background they are drawn on, text at least 4.5:1
// (WCAG 1.4.11 and 1.4.3); the pale fills inside nodes carry no meaning of
// their own.
pub const TEXT: &str = "#111827"; // 17.7:1
pub const MUTED_TEXT: &str = "#374151"; // 10.3:1
pub const RING_LINE: &str = "#6b7280"; // 4.8:1
pub const LINE: &str = "#1f2937"; // 14.7:1
pub const STRESS: &str = "#b91c1c"; // 6.5:1
pub const BROKEN: &str = "#4b5563"; // 7.6:1
pub const PRIVATE_FILL: &str = "#fde68a";
pub const PRIVATE_STROKE: &str = "#92400e"; // 7.1:1
pub const PROFESSIONAL_FILL: &str = "#bfdbfe";
pub const PROFESSIONAL_STROKE: &str = "#1e3a8a"; // 10.4:1
pub const CHILD_FILL: &str = "#fecaca";
pub const CHILD_STROKE: &str = "#991b1b"; // 8.3:1
pub const HIGHLIGHT: &str = "#6d28d9"; // 7.1:1
pub const BADGE_STROKE: &str = "#37474f"; // 9.9:1
pub const OVER_FILL: &str = "#a4161a"; // white text on it: 7.6:1
pub const OVER_STROKE: &str = "#5c0011";
pub const WHITE: &str = "#ffffff";
/// Fills of rings 1, 2 and 3.
pub const BAND_FILLS: [&str; 3] = ["#eef2ff", "#f5f7ff", "#fbfcff"];
pub const CENTRE_FILL: &str = "#fff7ed";

/// Map units of the map's own text (sector titles, ring names) on a map of
/// standard size; a crowded map grows them with [`Scene::k`].
const SECTOR_TITLE_SIZE: f64 = 17.0;
/// As large as a person's name, so the rings read from as far away.
const RING_LABEL_SIZE: f64 = LABEL_FONT;
const BADGE_RADIUS: f64 = 8.0;
const BADGE_TEXT_SIZE: f64 = 11.0;
/// Length of a support arrowhead, in map units, and half its base.
const ARROW_LENGTH: f64 = 11.0;
const ARROW_HALF_WIDTH: f64 = 5.5;
/// Free space between a line's end and the node it touches.
const END_GAP: f64 = 2.0;
/// Half the gap in the middle of a broken relation, and the half size of its cross.
const BREAK_HALF_GAP: f64 = 6.0;
const CROSS: f64 = 5.0;
/// Wavelength and amplitude of a stressful relation's zigzag.
const ZIGZAG_STEP: f64 = 7.0;
const ZIGZAG_AMPLITUDE: f64 = 4.0;

/// How a shape is painted. `fill` and `stroke` are SVG paints ("none" for none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub fill: &'static str,
    pub fill_opacity: Option<f64>,
    pub stroke: &'static str,
    pub width: f64,
    pub dash: Option<&'static str>,
}

impl Paint {
    const fn line(stroke: &'static str, width: f64) -> Paint {
        Paint {
            fill: "none",
            fill_opacity: None,
            stroke,
            width,
            dash: None,
        }
    }

    const fn solid(fill: &'static str, stroke: &'static str, width: f64) -> Paint {
        Paint {
            fill,
            fill_opacity: None,
            stroke,
            width,
            dash: None,
        }
    }

    const fn fill(fill: &'static str) -> Paint {
        Paint {
            fill,
            fill_opacity: None,
            stroke: "none",
            width: 0.0,
            dash: None,
        }
    }
}

/// One drawn shape.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Circle { centre: Point, r: f64 },
    Rect { rect: Rect, rx: f64 },
    Path { d: String },
    Line { from: Point, to: Point },
}

/// A shape and its paint: one SVG element.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub shape: Shape,
    pub paint: Paint,
}

impl Mark {
    /// The path data of a path.
    pub fn path_data(&self) -> Option<&str> {
        match &self.shape {
            Shape::Path { d } => Some(d),
            _ => None,
        }
    }

    /// The SVG element's name.
    pub fn tag(&self) -> &'static str {
        match self.shape {
            Shape::Circle { .. } => "circle",
            Shape::Rect { .. } => "rect",
            Shape::Path { .. } => "path",
            Shape::Line { .. } => "line",
        }
    }

    /// The SVG element's attributes, in the order written. Both writers (the
    /// SVG text and the web map) write exactly these.
    pub fn attrs(&self) -> Vec<(&'static str, String)> {
        let mut a = Vec::with_capacity(8);
        match &self.shape {
            Shape::Circle { centre, r } => {
                a.push(("cx", num(centre.x)));
                a.push(("cy", num(centre.y)));
                a.push(("r", num(*r)));
            }
            Shape::Rect { rect, rx } => {
                a.push(("x", num(rect.x)));
                a.push(("y", num(rect.y)));
                a.push(("width", num(rect.w)));
                a.push(("height", num(rect.h)));
                a.push(("rx", num(*rx)));
            }
            Shape::Path { d } => a.push(("d", d.clone())),
            Shape::Line { from, to } => {
                a.push(("x1", num(from.x)));
                a.push(("y1", num(from.y)));
                a.push(("x2", num(to.x)));
                a.push(("y2", num(to.y)));
            }
        }
        let p = &self.paint;
        a.push(("fill", p.fill.to_string()));
        if let Some(o) = p.fill_opacity {
            a.push(("fill-opacity", num(o)));
        }
        if p.stroke != "none" {
            a.push(("stroke", p.stroke.to_string()));
            a.push(("stroke-width", num(p.width)));
        }
        if let Some(dash) = p.dash {
            a.push(("stroke-dasharray", dash.to_string()));
        }
        a
    }
}

/// Which way a text runs from its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text of one or more lines; each line has its own baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// Each line and the point its baseline starts at (by `anchor`).
    pub lines: Vec<(String, Point)>,
    pub anchor: Anchor,
    pub size: f64,
    pub bold: bool,
    pub fill: &'static str,
    /// A white outline behind the letters, so they read over lines.
    pub halo: bool,
    /// The box the text is estimated to fill.
    pub rect: Rect,
}

impl Text {
    /// The `<text>` element's attributes; each line is a `<tspan>` with
    /// [`Text::line_attrs`].
    pub fn attrs(&self) -> Vec<(&'static str, String)> {
        let mut a = vec![
            ("text-anchor", self.anchor.attr().to_string()),
            ("font-size", num(self.size)),
        ];
        if self.bold {
            a.push(("font-weight", "700".to_string()));
        }
        a.push(("fill", self.fill.to_string()));
        if self.halo {
            a.push(("stroke", WHITE.to_string()));
            a.push(("stroke-width", "3".to_string()));
            a.push(("stroke-linejoin", "round".to_string()));
            a.push(("paint-order", "stroke".to_string()));
        }
        a
    }

    /// A line's `<tspan>` attributes: where its baseline starts.
    pub fn line_attrs(at: Point) -> [(&'static str, String); 2] {
        [("x", num(at.x)), ("y", num(at.y))]
    }
}

/// A node's `transform`: everything of a node is drawn relative to its centre.
pub fn translate(p: Point) -> String {
    format!("translate({} {})", num(p.x), num(p.y))
}

/// A ring's disc (drawn outermost first, so inner discs cover outer ones).
#[derive(Clone, Debug, PartialEq)]
pub struct RingMark {
    /// `None` for the children's disc in the centre.
    pub ring: Option<Ring>,
    pub mark: Mark,
}

/// The drawn shape of one relation between two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationShape {
    pub line: Mark,
    /// The cross in the gap of a broken relation.
    pub cross: Option<Mark>,
    /// The arrowhead at the end of a supporting relation.
    pub arrow: Option<Mark>,
}

impl RelationShape {
    /// The marks in drawing order.
    pub fn marks(&self) -> impl Iterator<Item = &Mark> {
        std::iter::once(&self.line)
            .chain(self.cross.as_ref())
            .chain(self.arrow.as_ref())
    }
}

/// A relation as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationMark {
    pub id: RelationId,
    pub from: PersonId,
    pub to: PersonId,
    pub kind: RelationKind,
    pub supports: bool,
    pub shape: RelationShape,
    /// "Birgitta – Jenny: Strong, supports".
    pub title: String,
}

/// How a node is drawn: a child is a large circle with a double outline, a
/// private person a circle, a professional a rounded square.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Child,
    Private,
    Professional,
}

/// The count of tasks that rest on a person, in a small circle at the node.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub count: usize,
    /// At or above [`OVERLOAD_AT`]: drawn dark red with white text.
    pub over: bool,
    /// Relative to the node's centre.
    pub circle: Mark,
    pub text: Text,
}

/// A person or child as drawn. Shapes, label and badge are relative to
/// `centre`, so moving a node is one `translate`.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeMark {
    pub id: PersonId,
    pub kind: NodeKind,
    pub centre: Point,
    pub radius: f64,
    pub shapes: Vec<Mark>,
    /// The white box behind the label, and the label.
    pub label_box: Mark,
    pub label: Text,
    pub badge: Option<Badge>,
}

/// What the legend explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Child,
    Private,
    Professional,
    Relation(RelationKind),
    Supports,
    Load,
    Highlight,
}

/// The whole map, ready to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Everything drawn (rings, nodes and sector titles) with a margin.
    pub frame: Rect,
    /// The size of the map's own text relative to a map of standard size.
    pub k: f64,
    pub rings: Vec<RingMark>,
    pub sector_lines: Vec<Mark>,
    pub sector_titles: Vec<Text>,
    pub ring_labels: Vec<Text>,
    pub relations: Vec<RelationMark>,
    pub nodes: Vec<NodeMark>,
    pub legend: Vec<(Symbol, String)>,
}

impl Scene {
    /// The scene of `plan` drawn with `layout` (made with the same
    /// `hide_names`).
    pub fn new(plan: &Plan, layout: &Layout, lang: Lang, hide_names: bool) -> Scene {
        let k = (layout.extent / 520.0).max(1.0).max(layout.text_scale);
        let (ts, ms) = (layout.text_scale, layout.mark_scale);
        // Where a label's baseline goes in its box: on the screen the box
        // hugs the letters, so they are centred in it (ascent 0.93 em,
        // descent 0.24 em); paper's roomier box keeps its old baseline.
        let screen = layout.ring_name_angle.is_some();
        let baseline = |lr: Rect, ts: f64| {
            if screen {
                lr.y + lr.h / 2.0 + 0.345 * LABEL_FONT * ts
            } else {
                lr.y + lr.h - 5.0 * ts
            }
        };
        let load: HashMap<PersonId, usize> = loads(plan)
            .into_iter()
            .map(|l| (l.person, l.total()))
            .collect();
        let sector_titles = sector_titles(layout, lang, k);
        let mut bounds = square(layout.extent + 6.0);
        for t in &sector_titles {
            bounds = union(bounds, t.rect);
        }
        // Paper keeps its margin; on the screen, above and below, each
        // unit of margin is height the names lose on a wide screen (the
        // sector titles at the sides keep theirs: their width is estimated).
        let pad = 12.0 * k;
        let pad_y = if screen { 4.0 * k } else { pad };
        let frame = Rect {
            x: bounds.x - pad,
            y: bounds.y - pad_y,
            w: bounds.w + 2.0 * pad,
            h: bounds.h + 2.0 * pad_y,
        };
        let relations = plan
            .relations()
            .iter()
            .filter_map(|r| {
                let (a, b) = (layout.node(r.from)?, layout.node(r.to)?);
                Some(RelationMark {
                    id: r.id,
                    from: r.from,
                    to: r.to,
                    kind: r.kind,
                    supports: r.supports,
                    shape: relation_shape(
                        r.kind, r.supports, a.centre, a.radius, b.centre, b.radius, ms,
                    ),
                    title: relation_title(plan, lang, hide_names, r),
                })
            })
            .collect();
        let nodes: Vec<NodeMark> = layout
            .nodes
            .iter()
            .map(|n| {
                let kind = if n.child {
                    NodeKind::Child
                } else {
                    match plan.person(n.id).map(|p| p.kind) {
                        Some(PersonKind::Professional) => NodeKind::Professional,
                        _ => NodeKind::Private,
                    }
                };
                let count = load.get(&n.id).copied().unwrap_or(0);
                let lr = Rect {
                    x: n.label_rect.x - n.centre.x,
                    y: n.label_rect.y - n.centre.y,
                    ..n.label_rect
                };
                NodeMark {
                    id: n.id,
                    kind,
                    centre: n.centre,
                    radius: n.radius,
                    shapes: node_shapes(kind, Point::default(), n.radius),
                    label_box: Mark {
                        shape: Shape::Rect {
                            rect: lr,
                            rx: 3.0 * ms,
                        },
                        paint: Paint {
                            fill_opacity: Some(0.9),
                            ..Paint::fill(WHITE)
                        },
                    },
                    label: Text {
                        lines: vec![(
                            n.label.clone(),
                            Point::new(lr.x + lr.w / 2.0, baseline(lr, ts)),
                        )],
                        anchor: Anchor::Middle,
                        size: LABEL_FONT * ts,
                        bold: false,
                        fill: TEXT,
                        halo: false,
                        rect: lr,
                    },
                    badge: (count > 0)
                        .then(|| badge(count, Point::new(n.radius * 0.9, -n.radius * 0.9), ms)),
                }
            })
            .collect();
        let legend = legend(lang, nodes.iter().any(|n| n.badge.is_some()), false);
        Scene {
            frame,
            k,
            rings: rings(layout),
            sector_lines: sector_lines(layout),
            sector_titles,
            ring_labels: ring_labels(layout, lang, k),
            relations,
            nodes,
            legend,
        }
    }

    /// The node of `id`.
    pub fn node(&self, id: PersonId) -> Option<&NodeMark> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// The outline drawn around the people of a chosen agreement.
pub fn highlight_ring(node: &NodeMark) -> Mark {
    Mark {
        shape: Shape::Circle {
            centre: Point::default(),
            r: node.radius + 4.5,
        },
        paint: Paint::line(HIGHLIGHT, 3.0),
    }
}

/// A focused person's whole name, a quarter larger than the labels, in a
/// framed box over the node's label (centred on it): a crowded map
/// shortens labels ("Ingrid L…"), and the keyboard's focus shows the name
/// legibly without a pointer to hover with. `name` is the name as shown
/// (names hidden or not).
pub fn focus_label(node: &NodeMark, name: &str) -> (Mark, Text) {
    let label = &node.label;
    let ts = label.size / LABEL_FONT;
    let size = label.size * 1.25;
    let (w, h) = (
        crate::map::label_width(name) * ts * 1.25,
        label.rect.h * 1.25,
    );
    let (cx, cy) = (
        label.rect.x + label.rect.w / 2.0,
        label.rect.y + label.rect.h / 2.0,
    );
    let rect = Rect {
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        w,
        h,
    };
    let frame = Mark {
        shape: Shape::Rect { rect, rx: 4.0 * ts },
        paint: Paint::solid(WHITE, TEXT, 2.0 * ts),
    };
    let text = Text {
        lines: vec![(name.to_string(), Point::new(cx, cy + 0.345 * size))],
        anchor: Anchor::Middle,
        size,
        bold: false,
        fill: TEXT,
        halo: false,
        rect,
    };
    (frame, text)
}

/// The letters of the plan A–D steps `id` is in, in `chain` order ("A",
/// "BD"; empty if none): drawn on the node while its agreement is chosen,
/// so the chain reads on the map without colour.
pub fn chain_letters(chain: &[crate::document::plan::Step], id: PersonId) -> String {
    chain
        .iter()
        .zip('A'..='Z')
        .filter(|(step, _)| step.people.contains(&id))
        .map(|(_, letter)| letter)
        .collect()
}

/// A chosen agreement's chain letters on a node: a filled disc over the
/// node with the letters in white (7.1:1), sized by the node.
pub fn chain_badge(node: &NodeMark, letters: &str) -> (Mark, Text) {
    let r = node.radius;
    let size = if letters.chars().count() > 1 {
        r * 0.95
    } else {
        r * 1.35
    };
    let disc = Mark {
        shape: Shape::Circle {
            centre: Point::default(),
            r,
        },
        paint: Paint::solid(HIGHLIGHT, WHITE, 1.5),
    };
    let text = Text {
        lines: vec![(letters.to_string(), Point::new(0.0, size * 0.36))],
        anchor: Anchor::Middle,
        size,
        bold: true,
        fill: WHITE,
        halo: false,
        rect: Rect {
            x: -r,
            y: -r,
            w: 2.0 * r,
            h: 2.0 * r,
        },
    };
    (disc, text)
}

/// The legend's entries: a symbol and its explanation, in the order read.
/// (The rings are named on the map itself.)
pub fn legend(lang: Lang, load: bool, highlight: bool) -> Vec<(Symbol, String)> {
    let l = lang;
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
    if load {
        lines.push((Symbol::Load, tr(l, "map.legend_load").to_string()));
    }
    if highlight {
        lines.push((Symbol::Highlight, tr(l, "svg.legend.highlight").to_string()));
    }
    lines
}

/// A legend symbol 36 × 26 units at size `k`, its left edge at `at.x` and
/// centred on `at.y`.
pub fn legend_symbol(symbol: Symbol, at: Point, k: f64) -> Vec<Mark> {
    let mid = Point::new(at.x + 18.0 * k, at.y);
    let a = at;
    let b = Point::new(at.x + 36.0 * k, at.y);
    let line = |kind: RelationKind, supports: bool| {
        relation_shape(kind, supports, a, 0.0, b, 0.0, 1.0)
            .marks()
            .cloned()
            .collect::<Vec<_>>()
    };
    match symbol {
        Symbol::Child => node_shapes(NodeKind::Child, mid, 10.0 * k),
        Symbol::Private => node_shapes(NodeKind::Private, mid, 8.0 * k),
        Symbol::Professional => node_shapes(NodeKind::Professional, mid, 8.0 * k),
        Symbol::Relation(kind) => line(kind, false),
        Symbol::Supports => line(RelationKind::Strong, true),
        Symbol::Load => {
            let b = badge(2, mid, 1.0);
            vec![b.circle]
        }
        Symbol::Highlight => {
            let mut marks = node_shapes(NodeKind::Private, mid, 8.0 * k);
            marks.push(Mark {
                shape: Shape::Circle {
                    centre: mid,
                    r: 12.5 * k,
                },
                paint: Paint::line(HIGHLIGHT, 3.0),
            });
            marks
        }
    }
}

/// The text inside a legend symbol (the load badge's count), if it has one.
pub fn legend_symbol_text(symbol: Symbol, at: Point, k: f64) -> Option<Text> {
    (symbol == Symbol::Load).then(|| badge(2, Point::new(at.x + 18.0 * k, at.y), 1.0).text)
}

/// The shapes of a node of `kind` and radius `r` centred on `c`.
pub fn node_shapes(kind: NodeKind, c: Point, r: f64) -> Vec<Mark> {
    match kind {
        NodeKind::Child => vec![
            Mark {
                shape: Shape::Circle { centre: c, r },
                paint: Paint::solid(CHILD_FILL, CHILD_STROKE, 2.5),
            },
            Mark {
                shape: Shape::Circle {
                    centre: c,
                    r: r * 0.62,
                },
                paint: Paint::line(CHILD_STROKE, 1.0),
            },
        ],
        NodeKind::Private => vec![Mark {
            shape: Shape::Circle { centre: c, r },
            paint: Paint::solid(PRIVATE_FILL, PRIVATE_STROKE, 2.0),
        }],
        NodeKind::Professional => {
            // A square of the same area would look bigger; 0.9 r looks even.
            let h = r * 0.9;
            vec![Mark {
                shape: Shape::Rect {
                    rect: Rect {
                        x: c.x - h,
                        y: c.y - h,
                        w: 2.0 * h,
                        h: 2.0 * h,
                    },
                    rx: r * 0.3,
                },
                paint: Paint::solid(PROFESSIONAL_FILL, PROFESSIONAL_STROKE, 2.0),
            }]
        }
    }
}

fn badge(count: usize, at: Point, scale: f64) -> Badge {
    let over = count >= OVERLOAD_AT;
    let (radius, size) = (BADGE_RADIUS * scale, BADGE_TEXT_SIZE * scale);
    Badge {
        count,
        over,
        circle: Mark {
            shape: Shape::Circle {
                centre: at,
                r: radius,
            },
            paint: if over {
                Paint::solid(OVER_FILL, OVER_STROKE, 1.3)
            } else {
                Paint::solid(WHITE, BADGE_STROKE, 1.3)
            },
        },
        text: Text {
            lines: vec![(count.to_string(), Point::new(at.x, at.y + size * 0.36))],
            anchor: Anchor::Middle,
            size,
            bold: true,
            fill: if over { WHITE } else { TEXT },
            halo: false,
            rect: Rect {
                x: at.x - radius,
                y: at.y - radius,
                w: 2.0 * radius,
                h: 2.0 * radius,
            },
        },
    }
}

/// How each kind of relation is stroked: pattern and width tell the kinds
/// apart without colour (WCAG 1.4.1).
pub fn relation_paint(kind: RelationKind) -> Paint {
    match kind {
        RelationKind::Strong => Paint::line(LINE, 3.5),
        RelationKind::Weak => Paint {
            dash: Some("6 5"),
            ..Paint::line(LINE, 1.6)
        },
        RelationKind::Stressful => Paint::line(STRESS, 2.0),
        RelationKind::Broken => Paint::line(BROKEN, 2.0),
    }
}

/// The line from node `a` (radius `ra`) to node `b` (radius `rb`) in the
/// style of `kind`, ending in an arrowhead at `b` when `supports`: a straight
/// line (strong, weak), a zigzag between straight ends (stressful), or a
/// line with a gap and a cross in it (broken). The web map calls this while
/// a node is dragged, so a moved line looks exactly like a drawn one.
/// `scale` sizes the arrowhead, zigzag, cross and line width (the layout's
/// [`Layout::mark_scale`]; 1 on paper).
pub fn relation_shape(
    kind: RelationKind,
    supports: bool,
    a: Point,
    ra: f64,
    b: Point,
    rb: f64,
    scale: f64,
) -> RelationShape {
    let k = scale;
    let length = a.distance(b);
    let (ux, uy) = if length > f64::EPSILON {
        ((b.x - a.x) / length, (b.y - a.y) / length)
    } else {
        (1.0, 0.0)
    };
    let start_off = ra + END_GAP.min(ra);
    let end_off = rb + END_GAP.min(rb);
    let arrow_room = if supports { ARROW_LENGTH * k } else { 0.0 };
    // Nodes that touch or overlap leave no room: the line shrinks to a dot.
    let usable = (length - start_off - end_off - arrow_room).max(0.0);
    let at = |d: f64| Point::new(a.x + ux * d, a.y + uy * d);
    let (s, e) = (at(start_off), at(start_off + usable));
    let tip = at(start_off + usable + arrow_room);
    // The unit vector across the line.
    let (px, py) = (-uy, ux);
    let across = |p: Point, d: f64| Point::new(p.x + px * d, p.y + py * d);
    let paint = Paint {
        width: relation_paint(kind).width * k,
        ..relation_paint(kind)
    };

    let mut d = String::with_capacity(64);
    let mut cross = None;
    match kind {
        RelationKind::Strong | RelationKind::Weak => {
            move_to(&mut d, s);
            line_to(&mut d, e);
        }
        RelationKind::Stressful => {
            // Straight ends, so an arrowhead points along the line, and at
            // least four teeth, so a short line reads as a zigzag, not a kink.
            let end = (8.0 * k).min(usable / 6.0);
            let zig = usable - 2.0 * end;
            let teeth = ((zig / (ZIGZAG_STEP * k)).floor() as usize).max(4);
            move_to(&mut d, s);
            for i in 0..=teeth {
                let side = match i {
                    0 => 0.0,
                    i if i == teeth => 0.0,
                    i if i % 2 == 1 => ZIGZAG_AMPLITUDE * k,
                    _ => -ZIGZAG_AMPLITUDE * k,
                };
                line_to(
                    &mut d,
                    across(at(start_off + end + zig * i as f64 / teeth as f64), side),
                );
            }
            line_to(&mut d, e);
        }
        RelationKind::Broken => {
            let mid = start_off + usable / 2.0;
            let gap = (BREAK_HALF_GAP * k).min(usable / 4.0);
            move_to(&mut d, s);
            line_to(&mut d, at(mid - gap));
            move_to(&mut d, at(mid + gap));
            line_to(&mut d, e);
            let m = at(mid);
            let cross_half = CROSS * k;
            let mut x = String::with_capacity(48);
            move_to(&mut x, Point::new(m.x - cross_half, m.y - cross_half));
            line_to(&mut x, Point::new(m.x + cross_half, m.y + cross_half));
            move_to(&mut x, Point::new(m.x - cross_half, m.y + cross_half));
            line_to(&mut x, Point::new(m.x + cross_half, m.y - cross_half));
            cross = Some(Mark {
                shape: Shape::Path { d: x },
                paint: Paint::line(paint.stroke, 2.5 * k),
            });
        }
    }
    let arrow = supports.then(|| {
        let mut head = String::with_capacity(48);
        move_to(&mut head, tip);
        line_to(&mut head, across(e, ARROW_HALF_WIDTH * k));
        line_to(&mut head, across(e, -ARROW_HALF_WIDTH * k));
        head.push('Z');
        Mark {
            shape: Shape::Path { d: head },
            paint: Paint::fill(paint.stroke),
        }
    });
    RelationShape {
        line: Mark {
            shape: Shape::Path { d },
            paint,
        },
        cross,
        arrow,
    }
}

/// The corners of the arrowhead a supporting relation from `a` (radius
/// `ra`) to `b` (radius `rb`) ends in: its tip, then the ends of its base
/// (as [`relation_shape`] draws it; the layout keeps labels clear of it).
pub fn arrowhead(a: Point, ra: f64, b: Point, rb: f64, scale: f64) -> [Point; 3] {
    let length = a.distance(b);
    let (ux, uy) = if length > f64::EPSILON {
        ((b.x - a.x) / length, (b.y - a.y) / length)
    } else {
        (1.0, 0.0)
    };
    let tip_off = (length - rb - END_GAP.min(rb)).max(ra + END_GAP.min(ra));
    let tip = Point::new(a.x + ux * tip_off, a.y + uy * tip_off);
    let base_off = (tip_off - ARROW_LENGTH * scale).max(0.0);
    let e = Point::new(a.x + ux * base_off, a.y + uy * base_off);
    let w = ARROW_HALF_WIDTH * scale;
    [
        tip,
        Point::new(e.x - uy * w, e.y + ux * w),
        Point::new(e.x + uy * w, e.y - ux * w),
    ]
}

fn move_to(d: &mut String, p: Point) {
    let _ = write!(d, "M{:.1} {:.1}", p.x, p.y);
}

fn line_to(d: &mut String, p: Point) {
    let _ = write!(d, "L{:.1} {:.1}", p.x, p.y);
}

/// "Birgitta – Jenny: Strong, supports" for the relation's tooltip.
fn relation_title(plan: &Plan, lang: Lang, hide: bool, relation: &Relation) -> String {
    let name = |id: PersonId| display_name_of(plan, id, hide);
    let mut title = format!(
        "{} – {}: {}",
        name(relation.from),
        name(relation.to),
        relation.kind.label(lang)
    );
    if relation.supports {
        title.push_str(", ");
        title.push_str(tr(lang, "relation.supports"));
    }
    title
}

fn rings(layout: &Layout) -> Vec<RingMark> {
    let g = &layout.geometry;
    let mut out: Vec<RingMark> = Ring::ALL
        .iter()
        .rev()
        .map(|ring| RingMark {
            ring: Some(*ring),
            mark: Mark {
                shape: Shape::Circle {
                    centre: Point::default(),
                    r: g.ring_band(*ring).1,
                },
                paint: Paint::solid(BAND_FILLS[usize::from(ring.get() - 1)], RING_LINE, 1.2),
            },
        })
        .collect();
    out.push(RingMark {
        ring: None,
        mark: Mark {
            shape: Shape::Circle {
                centre: Point::default(),
                r: g.centre_radius(),
            },
            paint: Paint::solid(CENTRE_FILL, RING_LINE, 1.2),
        },
    });
    out
}

fn sector_lines(layout: &Layout) -> Vec<Mark> {
    let g = &layout.geometry;
    g.sectors()
        .iter()
        .map(|sector| {
            let (a0, _) = g.sector_angles(*sector);
            Mark {
                shape: Shape::Line {
                    from: Point::polar(g.centre_radius(), a0),
                    to: Point::polar(g.outer_radius(), a0),
                },
                paint: Paint::line(RING_LINE, 1.2),
            }
        })
        .collect()
}

/// Sector names outside everything drawn, long names on two lines; titles
/// above the centre grow upwards, those below downwards.
fn sector_titles(layout: &Layout, lang: Lang, k: f64) -> Vec<Text> {
    let g = &layout.geometry;
    let size = SECTOR_TITLE_SIZE * k;
    let radius = layout.extent + 10.0 * k;
    // On the screen, titles beside the circle stay within its height (a
    // title that sticks out below makes the whole map, and so every name,
    // smaller): one that would is moved along the circle towards the side.
    let screen = layout.ring_name_angle.is_some();
    g.sectors()
        .iter()
        .map(|sector| {
            let (a0, a1) = g.sector_angles(*sector);
            let mut at = Point::polar(radius, (a0 + a1) / 2.0);
            let lines = split_title(sector.label(lang), SECTOR_TITLE_CHARS);
            let height = lines.len() as f64 * size * 1.2;
            if screen && at.x.abs() > 0.25 * radius {
                let room = layout.extent - height;
                if at.y.abs() > room {
                    let y = room.max(0.0).copysign(at.y);
                    at = Point::new((radius * radius - y * y).max(0.0).sqrt().copysign(at.x), y);
                }
            }
            let width =
                lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * size * 0.62;
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
            let y = if at.y < 0.0 { at.y - height } else { at.y };
            Text {
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| (line, Point::new(at.x, y + size * (1.2 * i as f64 + 0.95))))
                    .collect(),
                anchor,
                size,
                bold: true,
                fill: TEXT,
                halo: false,
                rect: Rect {
                    x,
                    y,
                    w: width,
                    h: height,
                },
            }
        })
        .collect()
}

/// The rings' names, written along the sector line with the most room
/// around them so no node hides them.
fn ring_labels(layout: &Layout, lang: Lang, k: f64) -> Vec<Text> {
    let g = &layout.geometry;
    let (size, angle) = match layout.ring_name_angle {
        Some(angle) => (ring_name_size(g, layout.text_scale), angle),
        None => {
            let size = RING_LABEL_SIZE * k;
            (size, ring_label_angle(layout, size))
        }
    };
    Ring::ALL
        .iter()
        .map(|ring| {
            let text = format!("{} {}", ring.get(), ring.label(lang));
            let rect = ring_name_rect(g, *ring, angle, size, text.chars().count());
            Text {
                rect,
                lines: vec![(text, Point::new(rect.x, rect.y + size * 0.95))],
                anchor: Anchor::Start,
                size,
                bold: false,
                fill: MUTED_TEXT,
                halo: true,
            }
        })
        .collect()
}

/// The sector boundary whose ring-name spots are furthest from any node
/// (ties go to the top line, where readers look first).
fn ring_label_angle(layout: &Layout, size: f64) -> f64 {
    let g = &layout.geometry;
    // Room for about ten characters to the right of each spot.
    let length = 10.0 * size * 0.56;
    let room = |angle: f64| {
        Ring::ALL
            .iter()
            .flat_map(|ring| {
                let (r0, r1) = g.ring_band(*ring);
                let p = Point::polar((r0 + r1) / 2.0, angle);
                [0.0, 0.5, 1.0].map(|f| Point::new(p.x + f * length, p.y))
            })
            .map(|spot| {
                layout
                    .nodes
                    .iter()
                    .map(|n| n.centre.distance(spot) - n.radius)
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(f64::INFINITY, f64::min)
    };
    let mut best = (0.0, room(0.0));
    for s in g.sectors() {
        let angle = g.sector_angles(*s).0;
        let r = room(angle);
        if r > best.1 + 1e-6 {
            best = (angle, r);
        }
    }
    best.0
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

fn square(half: f64) -> Rect {
    Rect {
        x: -half,
        y: -half,
        w: 2.0 * half,
        h: 2.0 * half,
    }
}

/// The smallest rectangle holding `a` and `b`.
pub fn union(a: Rect, b: Rect) -> Rect {
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
            WHITE,
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
                BADGE_STROKE,
                OVER_FILL,
            ] {
                assert!(contrast(line, bg) >= 3.0, "line {line} on {bg}");
            }
        }
        assert!(contrast(WHITE, OVER_FILL) >= 4.5, "badge count on dark red");
    }
}
