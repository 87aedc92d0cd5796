//! The unit's figures drawn and printed: the bar chart of cases per
//! tertial and the scaling trend as SVG (the screen shows the same SVG),
//! and the printable A4 page for the tertial report.
//!
//! Everything written here is a catalog text, a period or a number from
//! [`UnitFigures`], suppressed cells included as "< 3"; no plan's text
//! reaches this module. It escapes all the same, as every writer of markup
//! does.

use crate::analysis::stats::{Cell, UnitFigures};
use crate::document::date::Date;
use crate::i18n::{tr, trf, Lang};
use crate::papers::escape::{escape, num};
use crate::papers::print::STYLE;
use std::fmt::Write;

/// The fills of the three series (cases in the work, started, closed):
/// dark, middle and light, so they part in grey print too; each bar also
/// carries its number, and the legend names them in order.
const FILLS: [&str; 3] = ["#1e3a5f", "#4f7cac", "#c5d5e8"];

fn svg_open(out: &mut String, w: u32, h: u32, label: &str) {
    let label = escape(label);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{label}\" class=\"skn-chart\" font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>{label}</title>"
    );
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, s: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#111827\">{}</text>",
        num(x),
        num(y),
        escape(s)
    );
}

fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, fill: &str) {
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#111827\" stroke-width=\"0.75\"/>",
        num(x),
        num(y),
        num(w),
        num(h)
    );
}

/// Cases in the work, started and closed in each tertial the period
/// touches, as grouped bars; a suppressed figure has no bar, only "< 3".
pub fn tertial_chart(f: &UnitFigures, lang: Lang) -> String {
    let (w, h, top, base) = (560.0, 260.0, 76.0, 226.0);
    let mut out = String::new();
    svg_open(&mut out, 560, 260, tr(lang, "stats.chart.tertials"));
    // The legend: the three series in order, each with its swatch.
    for (k, key) in [
        "stats.cases.open",
        "stats.cases.started",
        "stats.cases.closed",
    ]
    .iter()
    .enumerate()
    {
        let y = 6.0 + 17.0 * k as f64;
        rect(&mut out, 8.0, y, 12.0, 12.0, FILLS[k]);
        text(&mut out, 25.0, y + 10.5, "start", tr(lang, key));
    }
    let shown = |c: &Cell| if c.shown { c.value } else { 0.0 };
    let max = f
        .tertials
        .iter()
        .flat_map(|t| t.1.iter().map(shown))
        .fold(3.0, f64::max);
    let n = f.tertials.len().max(1) as f64;
    let group = (w - 16.0) / n;
    let bar = (group * 0.8 / 3.0).min(40.0);
    for (i, (period, cells)) in f.tertials.iter().enumerate() {
        let x0 = 8.0 + group * i as f64 + (group - 3.0 * bar) / 2.0;
        for (k, cell) in cells.iter().enumerate() {
            let x = x0 + bar * k as f64;
            let height = (base - top) * shown(cell) / max;
            if cell.shown {
                rect(&mut out, x, base - height, bar, height, FILLS[k]);
            }
            text(
                &mut out,
                x + bar / 2.0,
                base - height - 4.0,
                "middle",
                &cell.text(lang),
            );
        }
        text(
            &mut out,
            8.0 + group * (i as f64 + 0.5),
            h - 16.0,
            "middle",
            &period.label(lang),
        );
    }
    let _ = write!(
        out,
        "<line x1=\"8\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#111827\"/></svg>",
        w - 8.0
    );
    out
}

/// The scaling trend: the median of the cases' first and latest meetings on
/// the 0–10 scale, as two bars with their numbers.
pub fn scaling_chart(f: &UnitFigures, lang: Lang) -> String {
    let mut out = String::new();
    svg_open(&mut out, 560, 110, tr(lang, "stats.s.scaling"));
    let (x0, span) = (190.0, 320.0);
    for v in [0.0, 5.0, 10.0] {
        let x = x0 + span * v / 10.0;
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"8\" x2=\"{}\" y2=\"82\" stroke=\"#9ca3af\" stroke-dasharray=\"3 3\"/>",
            num(x),
            num(x)
        );
        text(&mut out, x, 100.0, "middle", &num(v));
    }
    if let Some(s) = f.sections.last() {
        for (i, (label, cells)) in s.rows.iter().skip(4).take(2).enumerate() {
            let y = 14.0 + 34.0 * i as f64;
            let cell = cells[0];
            text(&mut out, x0 - 8.0, y + 16.0, "end", label);
            let width = if cell.shown {
                span * cell.value / 10.0
            } else {
                0.0
            };
            if cell.shown {
                rect(&mut out, x0, y, width, 24.0, FILLS[i]);
            }
            text(
                &mut out,
                x0 + width + 6.0,
                y + 16.0,
                "start",
                &cell.text(lang),
            );
        }
    }
    out.push_str("</svg>");
    out
}

const EXTRA_STYLE: &str = "
.figures h2 { font-size: 11pt; margin: 4mm 0 1mm; }
.figures table { font-size: 8.5pt; margin: 0; }
.figures th, .figures td { padding: 0.6mm 1.4mm; }
.figures tbody th { font-weight: 400; background: none; }
.figures td { text-align: right; width: 18mm; }
.figures figure, .figures section { margin: 0 0 2mm; break-inside: avoid; }
figcaption { font-weight: 600; }
.figures svg { width: 100%; max-height: 70mm; }
.figures .grid { columns: 2; column-gap: 6mm; }
";

/// The charts and every table of the figures, as HTML to put inside a page
/// (the printed page, and the screen's dialog); headings at `level` (2 on
/// paper, 4 in the dialog).
pub fn figures_body(f: &UnitFigures, lang: Lang, level: u8) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<figure><figcaption>{}</figcaption>{}</figure><figure><figcaption>{}</figcaption>{}</figure>\n<div class=\"grid\">\n",
        escape(tr(lang, "stats.chart.tertials")),
        tertial_chart(f, lang),
        escape(tr(lang, "stats.s.scaling")),
        scaling_chart(f, lang),
    );
    for (i, s) in f.sections.iter().enumerate() {
        // The questionnaires' long questions take the page's whole width.
        if i == 7 {
            out.push_str("</div>\n");
        }
        let _ = write!(
            out,
            "<section><h{level}>{}</h{level}>\n<table><thead><tr><th scope=\"col\">{}</th>",
            escape(&s.title),
            escape(tr(lang, "stats.csv.measure"))
        );
        for c in &s.columns {
            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(c));
        }
        out.push_str("</tr></thead><tbody>\n");
        for (label, cells) in &s.rows {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(label));
            for c in cells {
                let _ = write!(out, "<td>{}</td>", escape(&c.text(lang)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></section>\n");
    }
    out
}

/// The figures as a complete A4 HTML document: the period, the rule for
/// small numbers, the two charts and every table.
pub fn figures_html(f: &UnitFigures, lang: Lang, today: Date) -> String {
    let title = trf(
        lang,
        "stats.print.title",
        &[("period", &f.period.label(lang))],
    );
    let title = escape(&title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}{EXTRA_STYLE}</style>\n</head>\n<body class=\"figures\">\n<header>\n<h1>{title}</h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n<p class=\"note\">{}</p>\n{}</main>\n</body>\n</html>\n",
        lang.code(),
        lang.dir(),
        escape(&trf(lang, "stats.print.made", &[("date", &today.to_string())])),
        escape(tr(lang, "stats.suppressed")),
        figures_body(f, lang, 2),
    )
}
