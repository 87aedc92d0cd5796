//! The printable plan: an A4 HTML document built with explicit escaping.
//!
//! One complete, self-contained document (no scripts, no external files):
//! what the family and the network sign and take home. The sections follow
//! the meeting: who the plan is for, the map, the danger statements and
//! goals, the mapping, the agreements with their A–B–C–D chains, temporary
//! arrangements and supervision, the checks of the next two weeks, the
//! scaling answers, the next review, the child's views and the signatures.
//!
//! Every user-typed string goes through [`escape`] and is wrapped in `<bdi>`,
//! so it cannot add markup and a right-to-left name cannot reorder the text
//! around it. User text never goes into the `<style>` element or a URL.

use crate::analysis::schedule;
use crate::document::date::Date;
use crate::document::ids::PersonId;
use crate::document::plan::*;
use crate::i18n::labels::{format_date, Label};
use crate::i18n::{fill, tr, trf, Lang};
use crate::map::svg::{map_svg, SvgOptions};
use crate::map::{child_display_name, display_name_of, hide_names_in, truncate_text};
use crate::papers::escape::escape;
use std::fmt::Write;

/// What to include in the printout.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    /// Names become roles or initials, as on a shared screen.
    pub hide_names: bool,
    /// Print the child's own views (never when the plan keeps them private).
    pub include_child_views: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            hide_names: false,
            include_child_views: true,
        }
    }
}

/// How many days of checks the printout lists.
pub const SCHEDULE_DAYS: u32 = 14;

/// The papers the widget prints (menu → Print…).
#[derive(Clone, Debug, PartialEq)]
pub enum Paper {
    /// The whole plan, for the latest meeting.
    Plan,
    /// One page for socialjouren and the police (`cards.rs`).
    OutOfHours,
    /// "My part of the plan", one page per person, in this order (`cards.rs`).
    TaskCards(Vec<PersonId>),
    /// The family's copy: the plan in plain words, no professional notes (`cards.rs`).
    FamilyCopy,
    /// The latest held meeting's minutes for the case record (`minutes.rs`).
    Minutes,
    /// A questionnaire to fill in by hand, in the child's words or an
    /// adult's (`cards.rs`).
    Form {
        questionnaire: Questionnaire,
        child: bool,
    },
}

/// The plan as a complete A4 HTML document, as it stands on `today`.
pub fn print_html(plan: &Plan, lang: Lang, today: Date, opts: &PrintOptions) -> String {
    paper_html(plan, &Paper::Plan, lang, today, opts)
}

/// One of the [`Paper`]s as a complete A4 HTML document.
pub fn paper_html(
    plan: &Plan,
    paper: &Paper,
    lang: Lang,
    today: Date,
    opts: &PrintOptions,
) -> String {
    let mut doc = Doc {
        plan,
        lang,
        opts,
        out: String::with_capacity(64 * 1024),
    };
    match paper {
        Paper::Plan => doc.document(today),
        Paper::OutOfHours => doc.out_of_hours(today),
        Paper::TaskCards(people) => doc.task_cards(people, today),
        Paper::FamilyCopy => doc.family_copy(today),
        Paper::Minutes => doc.minutes(today),
        Paper::Form {
            questionnaire,
            child,
        } => doc.form(*questionnaire, *child),
    }
    doc.out
}

pub(super) struct Doc<'a> {
    pub(super) plan: &'a Plan,
    pub(super) lang: Lang,
    pub(super) opts: &'a PrintOptions,
    pub(super) out: String,
}

/// A catalog message with markup arguments: the message itself is escaped,
/// the arguments are HTML built by the caller (e.g. from [`user`]).
pub(super) fn html_trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(lang, &escape(tr(lang, key)), args)
}

/// User text for element content: escaped and isolated.
fn user(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!("<bdi>{}</bdi>", escape(text))
    }
}

pub(crate) const STYLE: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #374151; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 10pt; line-height: 1.35; color: #111827; margin: 0; }
@media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 6mm; } }
header { border-bottom: 2px solid #111827; padding-bottom: 2mm; margin-bottom: 4mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 0.8mm; border-bottom: 1px solid #6b7280; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
.meta { color: #374151; margin: 0; }
.meta span + span::before { content: " · "; }
figure.map { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.map svg { display: block; width: 100%; height: auto; max-height: 215mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
tr, li, .danger, .chain, .house, .scale, .signature-row { break-inside: avoid; page-break-inside: avoid; }
th, td, li, p, h1, h3 { overflow-wrap: break-word; }
/* Fixed column widths: a long word then breaks inside its own column
   instead of squeezing the names next to it. */
table.agreements, table.supervision, table.signatures { table-layout: fixed; }
table.agreements th:nth-child(1) { width: 38%; }
table.agreements th:nth-child(2) { width: 16%; }
table.agreements th:nth-child(3) { width: 17%; }
table.supervision th:nth-child(1), table.supervision th:nth-child(2) { width: 17%; }
table.supervision th:nth-child(3) { width: 26%; }
table.signatures th:nth-child(1) { width: 20%; }
table.signatures th:nth-child(2) { width: 22%; }
table.signatures th:nth-child(4) { width: 18%; }
th, td { border: 1px solid #6b7280; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: center; font-variant-numeric: tabular-nums; }
.danger { border-left: 3px solid #b91c1c; padding: 1mm 0 1mm 3mm; margin: 0 0 3mm; }
.danger .goal { border-left: 3px solid #15803d; padding-left: 2mm; }
.label { font-weight: 600; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 6mm; }
.columns section { break-inside: avoid; page-break-inside: avoid; }
ul { margin: 0 0 1.5mm; padding-left: 5mm; }
ol.chain { list-style: none; margin: 0 0 3mm; padding: 0; }
.chain { margin: 0 0 4mm; }
ol.chain li { display: grid; grid-template-columns: 17mm 1fr; gap: 0 2mm; margin: 0; padding: 1.2mm 0; }
ol.chain li + li { border-top: 1px dashed #6b7280; }
ol.chain .letter { font-weight: 700; font-size: 11pt; }
ol.chain .if-not { display: block; font-size: 8.5pt; color: #374151; }
.who { font-weight: 600; }
.empty { color: #374151; font-style: italic; }
.signatures td { height: 13mm; vertical-align: bottom; }
.review { font-size: 11pt; font-weight: 600; }
table.schedule { font-size: 8.5pt; table-layout: fixed; }
table.schedule th, table.schedule td { padding: 0.8mm 0.6mm; }
table.schedule .what { width: 62mm; font-weight: normal; padding: 0.8mm 1.4mm; }
table.schedule .how { display: block; color: #374151; }
table.schedule th.day { text-align: center; font-weight: 600; }
table.schedule .weekend { background: #f3f4f6; }
table.schedule td.num { font-size: 10pt; }
.note { font-size: 8.5pt; color: #374151; break-before: avoid; page-break-before: avoid; }
section.signatures-section { break-inside: avoid; page-break-inside: avoid; }
@page sheet { margin: 10mm 10mm 12mm 10mm; }
body.sheet, body.cards { page: sheet; }
.sheet { font-size: 9pt; line-height: 1.2; }
.sheet header { margin-bottom: 2mm; }
.sheet h1 { font-size: 14pt; }
table.chains { font-size: 7pt; line-height: 1.15; table-layout: fixed; }
table.chains th, table.chains td { padding: 0.6mm 0.8mm; }
table.chains th[scope=row] { font-weight: 400; background: none; }
table.chains th:first-child { width: 20%; }
ul.phones { columns: 3; column-gap: 5mm; font-size: 7.5pt; }
.sheet h2 { font-size: 11pt; margin: 2.5mm 0 1mm; }
.sheet p, .sheet ul, .sheet table { margin-bottom: 1mm; }
.sheet .danger { font-size: 8.5pt; }
.sheet .danger { margin: 0 0 1.5mm; }
.sheet ol.chain li { padding: 0.6mm 0; }
.sheet .chain { margin: 0 0 2mm; }
.sheet h3 { margin: 1.5mm 0 0.5mm; }
section.card + section.card { break-before: page; page-break-before: always; }
.calls { margin: 0.5mm 0 0; }
.cards { font-size: 10pt; line-height: 1.25; }
.cards h1 { font-size: 16pt; }
.cards h3 { font-size: 10.5pt; margin-top: 2.5mm; }
.card ul { margin-bottom: 1mm; }
.emergency { font-size: 11pt; font-weight: 700; }
body.child-form { font-size: 13pt; }
.question { break-inside: avoid; page-break-inside: avoid; margin: 0 0 5mm; }
.question p { font-weight: 600; }
ol.faces { list-style: none; display: flex; gap: 3mm; padding: 0; margin: 1mm 0 0; }
ol.faces li { flex: 1; text-align: center; }
.tick { display: block; width: 7mm; height: 7mm; margin: 0 auto 1mm; border: 1.5px solid #111827; border-radius: 50%; }
.write-here { height: 9mm; border-bottom: 1px solid #374151; }
"#;

impl Doc<'_> {
    /// User text, escaped and isolated; with names hidden, names inside it
    /// give way to roles and initials too.
    pub(super) fn text(&self, text: &str) -> String {
        if self.opts.hide_names {
            user(&hide_names_in(self.plan, text))
        } else {
            user(text)
        }
    }

    pub(super) fn name(&self, id: PersonId) -> String {
        display_name_of(self.plan, id, self.opts.hide_names)
    }

    /// Names, each escaped and isolated, joined by commas.
    pub(super) fn names(&self, ids: &[PersonId]) -> String {
        ids.iter()
            .map(|id| self.text(&self.name(*id)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A name with the phone number if it may be shown (never for protected
    /// identity, never with names hidden).
    /// Protected identity is said as such, with no contact details.
    pub(super) fn name_and_phone(&self, id: PersonId) -> String {
        let name = self.text(&self.name(id));
        let person = self.plan.person(id);
        if person.is_some_and(|p| p.protected) {
            return format!("{name} ({})", escape(tr(self.lang, "print.protected")));
        }
        match person.and_then(Person::visible_phone) {
            Some(phone) if !self.opts.hide_names => format!(
                "{name} ({})",
                self.text(&trf(self.lang, "print.phone", &[("phone", phone)]))
            ),
            _ => name,
        }
    }

    pub(super) fn children_phrase(&self) -> String {
        let parts: Vec<String> = self
            .plan
            .children()
            .iter()
            .map(|c| {
                trf(
                    self.lang,
                    "print.child_age",
                    &[
                        ("name", &child_display_name(c, self.opts.hide_names)),
                        ("age", &c.age.years().to_string()),
                    ],
                )
            })
            .collect();
        match parts.len() {
            0 => String::new(),
            1 => parts[0].clone(),
            n => format!(
                "{} {} {}",
                parts[..n - 1].join(", "),
                tr(self.lang, "print.and"),
                parts[n - 1]
            ),
        }
    }

    /// The document's head and the page header, titled `key` with the
    /// children (or `print.heading` when there are none); `class` as for
    /// [`Doc::head`].
    pub(super) fn open(&mut self, key: &str, class: &str, today: Date) {
        let title = self.head(key, class);
        self.header(&title, today);
        self.out.push_str("<main>\n");
    }

    /// The document up to `<body>`, titled `key` with the children; returns
    /// the title. A body `class` of "sheet" makes a one-page paper (smaller
    /// margins and type); "cards", task cards (larger type).
    pub(super) fn head(&mut self, key: &str, class: &str) -> String {
        let children = self.children_phrase();
        let title = if children.is_empty() {
            tr(self.lang, "print.heading").to_string()
        } else {
            trf(self.lang, key, &[("children", &children)])
        };
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body{}>\n",
            self.lang.code(),
            self.lang.dir(),
            escape(&title),
            if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            }
        );
        title
    }

    pub(super) fn close(&mut self) {
        self.out.push_str("</main>\n</body>\n</html>\n");
    }

    fn document(&mut self, today: Date) {
        self.open("print.doc_title", "", today);
        self.map();
        self.dangers(true);
        self.mapping();
        self.agreements();
        self.chains();
        self.arrangements();
        self.supervision();
        self.schedule(today);
        self.scales();
        self.review(today);
        self.child_views();
        self.signatures();
        self.close();
    }

    fn header(&mut self, title: &str, today: Date) {
        let _ = writeln!(self.out, "<header>\n<h1>{}</h1>", self.text(title));
        self.meta(today);
        self.out.push_str("</header>\n");
    }

    /// "Network meeting n, date · Printed date".
    pub(super) fn meta(&mut self, today: Date) {
        self.out.push_str("<p class=\"meta\">");
        let meeting = match self.plan.latest_meeting() {
            Some(latest) => {
                let number = self
                    .plan
                    .meetings()
                    .iter()
                    .filter(|m| (m.date, m.id) <= (latest.date, latest.id))
                    .count();
                trf(
                    self.lang,
                    "print.meeting",
                    &[
                        ("n", &number.to_string()),
                        ("date", &format_date(latest.date)),
                    ],
                )
            }
            None => tr(self.lang, "print.no_meeting").to_string(),
        };
        let printed = trf(self.lang, "print.printed", &[("date", &format_date(today))]);
        let _ = writeln!(
            self.out,
            "<span>{}</span><span>{}</span>\n</p>",
            escape(&meeting),
            escape(&printed)
        );
    }

    pub(super) fn h2(&mut self, key: &str) {
        let _ = writeln!(self.out, "<h2>{}</h2>", escape(tr(self.lang, key)));
    }

    pub(super) fn empty(&mut self) {
        let _ = writeln!(
            self.out,
            "<p class=\"empty\">{}</p>",
            escape(tr(self.lang, "print.empty"))
        );
    }

    fn map(&mut self) {
        self.out.push_str("<section class=\"map-section\">\n");
        self.h2("print.map");
        let svg = map_svg(
            self.plan,
            self.lang,
            &SvgOptions {
                hide_names: self.opts.hide_names,
                highlight: Vec::new(),
            },
        );
        let _ = write!(
            self.out,
            "<figure class=\"map\">\n{svg}</figure>\n</section>\n"
        );
    }

    /// The worries and goals; with `stances`, who agrees with each.
    pub(super) fn dangers(&mut self, stances: bool) {
        self.h2("print.dangers");
        if self.plan.dangers().is_empty() {
            return self.empty();
        }
        for danger in self.plan.dangers() {
            let _ = writeln!(
                self.out,
                "<div class=\"danger\">\n<p><span class=\"label\">{}:</span> {}</p>",
                escape(tr(self.lang, "print.danger")),
                self.text(&danger.statement)
            );
            let goal = if danger.goal.trim().is_empty() {
                format!(
                    "<span class=\"empty\">{}</span>",
                    escape(tr(self.lang, "print.no_goal"))
                )
            } else {
                self.text(&danger.goal)
            };
            let _ = writeln!(
                self.out,
                "<p class=\"goal\"><span class=\"label\">{}:</span> {goal}</p>",
                escape(tr(self.lang, "print.goal"))
            );
            if stances && !danger.stances.is_empty() {
                let stances: Vec<String> = danger
                    .stances
                    .iter()
                    .map(|s| {
                        let mut line = format!(
                            "{}: {}",
                            self.text(&self.name(s.person)),
                            escape(s.agrees.label(self.lang))
                        );
                        if !s.comment.trim().is_empty() {
                            let _ = write!(line, " – {}", self.text(&s.comment));
                        }
                        line
                    })
                    .collect();
                let _ = writeln!(
                    self.out,
                    "<p><span class=\"label\">{}:</span> {}</p>",
                    escape(tr(self.lang, "print.agrees")),
                    stances.join("; ")
                );
            }
            self.out.push_str("</div>\n");
        }
    }

    fn mapping(&mut self) {
        self.h2("print.mapping");
        self.out.push_str("<div class=\"columns\">\n");
        for column in Column::ALL {
            let _ = writeln!(
                self.out,
                "<section>\n<h3>{}</h3>",
                escape(column.label(self.lang))
            );
            let notes: Vec<&MappingNote> = self
                .plan
                .mapping()
                .iter()
                .filter(|n| n.column == column)
                .collect();
            if notes.is_empty() {
                self.empty();
            } else {
                self.out.push_str("<ul>\n");
                for note in notes {
                    let _ = writeln!(self.out, "<li>{}</li>", self.text(&note.text));
                }
                self.out.push_str("</ul>\n");
            }
            self.out.push_str("</section>\n");
        }
        self.out.push_str("</div>\n");
    }

    pub(super) fn check_text(&self, check: &Check) -> String {
        let mut text = format!(
            "{}, {}",
            check.method.label(self.lang),
            check.when.describe(self.lang)
        );
        if let Some(time) = check.time {
            text.push_str(", ");
            text.push_str(&trf(self.lang, "print.at", &[("time", &time.to_string())]));
        }
        text
    }

    fn agreements(&mut self) {
        self.h2("print.agreements");
        if self.plan.agreements().is_empty() {
            return self.empty();
        }
        let _ = writeln!(
            self.out,
            "<table class=\"agreements\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>",
            escape(tr(self.lang, "print.col.what")),
            escape(tr(self.lang, "print.col.responsible")),
            escape(tr(self.lang, "print.col.checks")),
            escape(tr(self.lang, "print.col.how")),
        );
        for agreement in self.plan.agreements() {
            // One row per check, so who checks stays beside how and how often;
            // the agreement and who answers for it span them.
            let rows = agreement.checks.len().max(1);
            let _ = write!(
                self.out,
                "<tbody class=\"agreement\"><tr><td rowspan=\"{rows}\">{}</td><td rowspan=\"{rows}\">{}</td>",
                self.text(&agreement.text),
                self.names(&agreement.responsible),
            );
            if agreement.checks.is_empty() {
                let _ = writeln!(
                    self.out,
                    "<td colspan=\"2\" class=\"empty\">{}</td></tr></tbody>",
                    escape(tr(self.lang, "print.no_check"))
                );
                continue;
            }
            for (i, check) in agreement.checks.iter().enumerate() {
                if i > 0 {
                    self.out.push_str("<tr>");
                }
                let mut how = escape(&self.check_text(check));
                if !check.note.trim().is_empty() {
                    let _ = write!(how, " – {}", self.text(&check.note));
                }
                let _ = writeln!(
                    self.out,
                    "<td>{}</td><td>{how}</td></tr>",
                    self.names(&check.by)
                );
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    pub(super) fn chains(&mut self) {
        let with_chain: Vec<&Agreement> = self
            .plan
            .agreements()
            .iter()
            .filter(|a| !a.chain.is_empty())
            .collect();
        if with_chain.is_empty() {
            return;
        }
        self.h2("print.chains");
        for agreement in with_chain {
            let _ = writeln!(
                self.out,
                "<div class=\"chain\">\n<h3>{}</h3>\n<ol class=\"chain\">",
                html_trf(
                    self.lang,
                    "print.chain_for",
                    &[("what", &self.text(&agreement.text))]
                )
            );
            for (i, step) in agreement.chain.iter().enumerate() {
                let letter = step_letter(i);
                let people: Vec<String> = step
                    .people
                    .iter()
                    .map(|id| self.name_and_phone(*id))
                    .collect();
                let if_not = if i == 0 {
                    String::new()
                } else {
                    format!(
                        "<span class=\"if-not\">{}</span>",
                        escape(&trf(
                            self.lang,
                            "print.if_not",
                            &[("letter", &step_letter(i - 1))]
                        ))
                    )
                };
                let who = if people.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"who\">{}:</span> ", people.join(", "))
                };
                let _ = writeln!(
                    self.out,
                    "<li><span class=\"letter\">{}</span><span>{if_not}{who}{}</span></li>",
                    escape(&trf(self.lang, "print.step", &[("letter", &letter)])),
                    self.text(&step.action)
                );
            }
            self.out.push_str("</ol>\n</div>\n");
        }
    }

    fn arrangements(&mut self) {
        if self.plan.arrangements().is_empty() {
            return;
        }
        self.h2("print.arrangements");
        self.out.push_str("<ul>\n");
        for arrangement in self.plan.arrangements() {
            let when = match (arrangement.from, arrangement.to) {
                (Some(from), Some(to)) => trf(
                    self.lang,
                    "print.from_to",
                    &[("from", &format_date(from)), ("to", &format_date(to))],
                ),
                (Some(from), None) => trf(self.lang, "print.from", &[("date", &format_date(from))]),
                (None, Some(to)) => trf(self.lang, "print.until", &[("date", &format_date(to))]),
                (None, None) => String::new(),
            };
            let who = self.names(&arrangement.people);
            let mut line = String::new();
            if !who.is_empty() {
                let _ = write!(line, "<span class=\"who\">{who}:</span> ");
            }
            line.push_str(&self.text(&arrangement.text));
            if !when.is_empty() {
                let _ = write!(line, " ({})", escape(&when));
            }
            let _ = writeln!(self.out, "<li>{line}</li>");
        }
        self.out.push_str("</ul>\n");
    }

    pub(super) fn supervision(&mut self) {
        if self.plan.supervision().is_empty() {
            return;
        }
        self.h2("print.supervision");
        let _ = writeln!(
            self.out,
            "<table class=\"supervision\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            escape(tr(self.lang, "print.col.adult")),
            escape(tr(self.lang, "print.col.children")),
            escape(tr(self.lang, "print.col.allowed")),
            escape(tr(self.lang, "print.col.condition")),
        );
        for rule in self.plan.supervision() {
            let children = if rule.children.is_empty() {
                escape(tr(self.lang, "print.all_children"))
            } else {
                self.names(&rule.children)
            };
            let _ = writeln!(
                self.out,
                "<tr><td>{}</td><td>{children}</td><td>{}</td><td>{}</td></tr>",
                self.text(&self.name(rule.adult)),
                escape(rule.allowed.label(self.lang)),
                self.text(&rule.condition)
            );
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// The next two weeks as a grid: one row per check, one column per day,
    /// a mark on each day the check is due. A list of every single check
    /// fills pages for a daily call; the grid fits in a few rows.
    fn schedule(&mut self, today: Date) {
        self.h2("print.schedule");
        let due = schedule::upcoming(self.plan, today, SCHEDULE_DAYS);
        if due.is_empty() {
            let _ = writeln!(
                self.out,
                "<p class=\"empty\">{}</p>",
                escape(tr(self.lang, "print.no_checks"))
            );
            return;
        }
        let days: Vec<Date> = (0..SCHEDULE_DAYS as i32)
            .map(|i| today.add_days(i))
            .collect();
        let _ = write!(
            self.out,
            "<table class=\"schedule\">\n<thead><tr><th scope=\"col\" class=\"what\">{}</th>",
            escape(tr(self.lang, "print.col.check"))
        );
        for day in &days {
            let (_, month, dom) = day.ymd();
            let _ = write!(
                self.out,
                "<th scope=\"col\" class=\"day{}\">{}<br>{dom}/{month}</th>",
                if day.weekday().is_weekend() {
                    " weekend"
                } else {
                    ""
                },
                escape(day.weekday().label(self.lang)),
            );
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        // Rows in the order the agreements and their checks are written.
        for agreement in self.plan.agreements() {
            for (index, check) in agreement.checks.iter().enumerate() {
                let mine: Vec<&schedule::DueCheck> = due
                    .iter()
                    .filter(|d| d.agreement == agreement.id && d.check == index)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                let _ = write!(
                    self.out,
                    "<tr><th scope=\"row\" class=\"what\">{}<span class=\"how\">{}: {}</span></th>",
                    self.text(&truncate_text(&agreement.text, 80)),
                    self.names(&check.by),
                    escape(&self.check_text(check)),
                );
                for day in &days {
                    let mark = mine.iter().find(|d| d.date == *day).map(|d| match d.slot {
                        schedule::Slot::ThisWeek { .. } => "○",
                        _ => "●",
                    });
                    let _ = write!(
                        self.out,
                        "<td class=\"num{}\">{}</td>",
                        if day.weekday().is_weekend() {
                            " weekend"
                        } else {
                            ""
                        },
                        mark.unwrap_or("")
                    );
                }
                self.out.push_str("</tr>\n");
            }
        }
        self.out.push_str("</tbody>\n</table>\n");
        let _ = writeln!(
            self.out,
            "<p class=\"note\">{}</p>",
            escape(tr(self.lang, "print.schedule_key"))
        );
    }

    fn scales(&mut self) {
        if self.plan.scales().is_empty() {
            return;
        }
        self.h2("print.scales");
        let mut meetings: Vec<&Meeting> = self.plan.meetings().iter().collect();
        crate::sort::by_key(&mut meetings, |m| (m.date, m.id));
        for scale in self.plan.scales() {
            let _ = writeln!(
                self.out,
                "<div class=\"scale\">\n<h3>{}</h3>",
                self.text(&scale.question)
            );
            if !scale.low.trim().is_empty() || !scale.high.trim().is_empty() {
                let _ = writeln!(
                    self.out,
                    "<p>{}</p>",
                    html_trf(
                        self.lang,
                        "print.scale_ends",
                        &[
                            ("low", &self.text(&scale.low)),
                            ("high", &self.text(&scale.high))
                        ]
                    )
                );
            }
            // Only meetings with answers get a column.
            let columns: Vec<&Meeting> = meetings
                .iter()
                .copied()
                .filter(|m| scale.answers.iter().any(|a| a.meeting == m.id))
                .collect();
            let mut people: Vec<PersonId> = Vec::new();
            for answer in &scale.answers {
                if !people.contains(&answer.person) {
                    people.push(answer.person);
                }
            }
            if columns.is_empty() {
                self.empty();
                self.out.push_str("</div>\n");
                continue;
            }
            let _ = write!(
                self.out,
                "<table>\n<thead><tr><th scope=\"col\">{}</th>",
                escape(tr(self.lang, "print.col.person"))
            );
            for meeting in &columns {
                let _ = write!(
                    self.out,
                    "<th scope=\"col\" class=\"num\">{}</th>",
                    escape(&format_date(meeting.date))
                );
            }
            self.out.push_str("</tr></thead>\n<tbody>\n");
            for person in people {
                let _ = write!(
                    self.out,
                    "<tr><th scope=\"row\">{}</th>",
                    self.text(&self.name(person))
                );
                for meeting in &columns {
                    let value = scale
                        .answers
                        .iter()
                        .find(|a| a.meeting == meeting.id && a.person == person)
                        .map(|a| a.value.get().to_string())
                        .unwrap_or_else(|| "–".into());
                    let _ = write!(self.out, "<td class=\"num\">{value}</td>");
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n</table>\n</div>\n");
        }
    }

    fn review(&mut self, today: Date) {
        self.h2("print.review");
        let text = match self.plan.next_meeting(today) {
            Some(review) => trf(
                self.lang,
                "print.review_on",
                &[("date", &format_date(review.date))],
            ),
            None => tr(self.lang, "print.no_review").to_string(),
        };
        let _ = writeln!(self.out, "<p class=\"review\">{}</p>", escape(&text));
    }

    fn child_views(&mut self) {
        if self.plan.settings().child_views_private
            || !self.opts.include_child_views
            || self.plan.child_views().is_empty()
        {
            return;
        }
        self.h2("print.child_views");
        for view in self.plan.child_views() {
            let child = self.name(view.child);
            let _ = writeln!(
                self.out,
                "<h3>{}</h3>\n<div class=\"columns\">",
                html_trf(
                    self.lang,
                    "print.child_words",
                    &[("child", &self.text(&child))]
                )
            );
            for (key, quotes) in [
                ("print.worries", &view.worries),
                ("print.good_things", &view.good_things),
                ("print.dreams", &view.dreams),
                ("print.house.rules", &view.house.rules),
            ] {
                if quotes.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    self.out,
                    "<section>\n<h3>{}</h3>\n<ul>",
                    escape(tr(self.lang, key))
                );
                for quote in quotes {
                    let _ = writeln!(
                        self.out,
                        "<li>{}</li>",
                        html_trf(
                            self.lang,
                            "print.quote",
                            &[("text", &self.text(&quote.text))]
                        )
                    );
                }
                self.out.push_str("</ul>\n</section>\n");
            }
            for (key, entries) in [
                ("print.house.inside", &view.house.inside),
                ("print.house.visiting", &view.house.visiting),
                ("print.house.outside", &view.house.outside),
            ] {
                if entries.is_empty() {
                    continue;
                }
                let _ = writeln!(
                    self.out,
                    "<section class=\"house\">\n<h3>{}</h3>\n<ul>",
                    escape(tr(self.lang, key))
                );
                for entry in entries {
                    let mut parts = Vec::new();
                    if let Some(id) = entry.person {
                        parts.push(self.text(&self.name(id)));
                    }
                    if !entry.text.trim().is_empty() {
                        parts.push(self.text(&entry.text));
                    }
                    let _ = writeln!(self.out, "<li>{}</li>", parts.join(" – "));
                }
                self.out.push_str("</ul>\n</section>\n");
            }
            self.out.push_str("</div>\n");
            if let Some(path) = view.house.path {
                let _ = writeln!(
                    self.out,
                    "<p>{}</p>",
                    escape(&trf(
                        self.lang,
                        "print.house.path",
                        &[("n", &path.get().to_string())]
                    ))
                );
            }
        }
    }

    fn signatures(&mut self) {
        let Some(meeting) = self.plan.latest_meeting() else {
            return;
        };
        self.out
            .push_str("<section class=\"signatures-section\">\n");
        self.h2("print.signatures");
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            escape(&trf(
                self.lang,
                "print.signatures_intro",
                &[("date", &format_date(meeting.date))]
            ))
        );
        let _ = writeln!(
            self.out,
            "<table class=\"signatures\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            escape(tr(self.lang, "print.col.name")),
            escape(tr(self.lang, "print.col.role")),
            escape(tr(self.lang, "print.col.signature")),
            escape(tr(self.lang, "print.col.date")),
        );
        for id in &meeting.participants {
            let role = if self.opts.hide_names {
                // With names hidden the role already stands in for the name.
                String::new()
            } else {
                self.plan
                    .person(*id)
                    .map(|p| p.role.clone())
                    .unwrap_or_default()
            };
            let _ = writeln!(
                self.out,
                "<tr class=\"signature-row\"><td>{}</td><td>{}</td><td class=\"line\"></td><td class=\"date\"></td></tr>",
                self.text(&self.name(*id)),
                self.text(&role)
            );
        }
        self.out.push_str("</tbody>\n</table>\n</section>\n");
    }
}
