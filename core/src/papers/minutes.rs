//! The meeting's minutes for the case record: the latest held meeting's
//! date and place, who came and who did not, the children's part, the
//! safety assessment, what changed since the meeting before (the snapshots'
//! diff), the scaling answers, and the next meeting.
//!
//! One structure, two renderings: an A4 paper (`Paper::Minutes`, through
//! `print.rs`'s document) and plain text to paste into the case record
//! system, which is typed elsewhere ("Copy as text").

use super::escape::escape;
use super::print::Doc;
use crate::analysis::review::{diff, Delta, PlanDiff};
use crate::document::date::Date;
use crate::document::ids::PersonId;
use crate::document::plan::{Meeting, Plan};
use crate::i18n::labels::{format_date, Label};
use crate::i18n::{tr, trf, Lang};
use crate::map::{display_name_of, hide_names_in};
use std::fmt::Write;

/// A heading and its lines, all plain text.
struct Section {
    heading: String,
    lines: Vec<String>,
}

struct Minutes {
    title: String,
    sections: Vec<Section>,
}

/// The meeting the minutes are for: the latest held one.
fn meeting(plan: &Plan) -> Option<&Meeting> {
    plan.latest_meeting()
}

/// The plan as it stood at the closed meeting before `meeting`, and as it
/// stands at `meeting` (its snapshot once closed, else the plan now).
fn changes(plan: &Plan, meeting: &Meeting) -> Option<(Date, PlanDiff)> {
    let snapshots = plan.snapshots();
    let before = snapshots
        .iter()
        .filter(|s| s.meeting != meeting.id && s.date <= meeting.date)
        .max_by_key(|s| (s.date, s.meeting))?;
    let after = snapshots
        .iter()
        .find(|s| s.meeting == meeting.id)
        .map_or(plan, |s| &s.plan);
    Some((before.date, diff(&before.plan, after)))
}

/// How many were added, changed and removed, as text; `None` when none was.
fn counts<Id>(deltas: &[Delta<Id>]) -> Option<[String; 3]> {
    let of = |f: fn(&Delta<Id>) -> bool| deltas.iter().filter(|d| f(d)).count().to_string();
    (!deltas.is_empty()).then(|| {
        [
            of(|d| matches!(d, Delta::Added(_))),
            of(|d| matches!(d, Delta::Changed(..))),
            of(|d| matches!(d, Delta::Removed(_))),
        ]
    })
}

fn minutes(plan: &Plan, lang: Lang, today: Date, hide: bool) -> Minutes {
    let name = |id: PersonId| display_name_of(plan, id, hide);
    let names = |ids: &[PersonId]| {
        ids.iter()
            .map(|id| name(*id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = |t: &str| {
        if hide {
            hide_names_in(plan, t.trim())
        } else {
            t.trim().to_string()
        }
    };
    let Some(m) = meeting(plan) else {
        return Minutes {
            title: tr(lang, "minutes.title_none").to_string(),
            sections: vec![Section {
                heading: tr(lang, "minutes.meeting").to_string(),
                lines: vec![tr(lang, "minutes.no_meeting").to_string()],
            }],
        };
    };
    let number = plan.meeting_number(m).to_string();
    let title = trf(
        lang,
        "minutes.title",
        &[("n", &number), ("date", &format_date(m.date))],
    );
    let mut sections = Vec::new();

    let mut facts = vec![trf(lang, "minutes.date", &[("date", &format_date(m.date))])];
    if let Some(time) = m.time {
        facts.push(trf(lang, "minutes.time", &[("time", &time.to_string())]));
    }
    if !m.location.trim().is_empty() {
        facts.push(trf(lang, "minutes.place", &[("place", &text(&m.location))]));
    }
    if !m.interpreter.trim().is_empty() {
        facts.push(trf(
            lang,
            "minutes.interpreter",
            &[("language", &text(&m.interpreter))],
        ));
    }
    sections.push(Section {
        heading: tr(lang, "minutes.meeting").to_string(),
        lines: facts,
    });

    let mut attendance = vec![trf(
        lang,
        "minutes.present",
        &[("names", &names(&m.participants))],
    )];
    let absent: Vec<PersonId> = m
        .invited
        .iter()
        .filter(|id| !m.participants.contains(id))
        .copied()
        .collect();
    if !absent.is_empty() {
        attendance.push(trf(lang, "minutes.absent", &[("names", &names(&absent))]));
    }
    for child in &m.children {
        attendance.push(format!("{}: {}", name(child.child), child.part.label(lang)));
    }
    sections.push(Section {
        heading: tr(lang, "minutes.attendance").to_string(),
        lines: attendance,
    });

    let mut assessment = Vec::new();
    if let Some(a) = &m.assessment {
        assessment.push(a.verdict.label(lang).to_string());
        if !a.next_steps.trim().is_empty() {
            assessment.push(trf(
                lang,
                "minutes.next_steps",
                &[("text", &text(&a.next_steps))],
            ));
        }
    } else {
        assessment.push(tr(lang, "minutes.no_assessment").to_string());
    }
    sections.push(Section {
        heading: tr(lang, "minutes.assessment").to_string(),
        lines: assessment,
    });

    if let Some((since, d)) = changes(plan, m) {
        let mut lines = Vec::new();
        for (key, counted) in [
            ("minutes.changes.people", counts(&d.people)),
            ("minutes.changes.agreements", counts(&d.agreements)),
            ("minutes.changes.arrangements", counts(&d.arrangements)),
            ("minutes.changes.supervision", counts(&d.supervision)),
        ] {
            if let Some([added, changed, removed]) = counted {
                lines.push(trf(
                    lang,
                    "minutes.changes.count",
                    &[
                        ("what", tr(lang, key)),
                        ("added", &added),
                        ("changed", &changed),
                        ("removed", &removed),
                    ],
                ));
            }
        }
        for delta in &d.agreements {
            let (key, id) = match delta {
                Delta::Added(id) => ("minutes.agreement.added", *id),
                Delta::Changed(id, _) => ("minutes.agreement.changed", *id),
                Delta::Removed(_) => continue,
            };
            if let Some(a) = plan.agreement(id) {
                lines.push(trf(lang, key, &[("text", &text(&a.text))]));
            }
        }
        if lines.is_empty() {
            lines.push(tr(lang, "minutes.changes.none").to_string());
        }
        sections.push(Section {
            heading: trf(lang, "minutes.changes", &[("date", &format_date(since))]),
            lines,
        });
    }

    let scaling: Vec<String> = plan
        .scales()
        .iter()
        .filter_map(|s| {
            let answers: Vec<String> = s
                .answers
                .iter()
                .filter(|a| a.meeting == m.id)
                .map(|a| format!("{} {}", name(a.person), a.value.get()))
                .collect();
            (!answers.is_empty()).then(|| format!("{}: {}", text(&s.question), answers.join(", ")))
        })
        .collect();
    if !scaling.is_empty() {
        sections.push(Section {
            heading: tr(lang, "minutes.scaling").to_string(),
            lines: scaling,
        });
    }

    let next = match plan.next_meeting(today) {
        Some(n) => {
            let mut line = format_date(n.date);
            if let Some(time) = n.time {
                let _ = write!(line, ", {time}");
            }
            if !n.location.trim().is_empty() {
                let _ = write!(line, ", {}", text(&n.location));
            }
            line
        }
        None => tr(lang, "minutes.no_next").to_string(),
    };
    sections.push(Section {
        heading: tr(lang, "minutes.next").to_string(),
        lines: vec![next],
    });
    Minutes { title, sections }
}

/// The minutes of the latest held meeting as plain text, for the case
/// record: a title line, then each heading and its lines ("- …").
pub fn minutes_text(plan: &Plan, lang: Lang, today: Date, hide_names: bool) -> String {
    let m = minutes(plan, lang, today, hide_names);
    let mut out = format!("{}\n", m.title);
    for section in m.sections {
        let _ = write!(out, "\n{}\n", section.heading);
        for line in section.lines {
            let _ = writeln!(out, "- {line}");
        }
    }
    out
}

impl Doc<'_> {
    pub(super) fn minutes(&mut self, today: Date) {
        let m = minutes(self.plan, self.lang, today, self.opts.hide_names);
        let title = self.head("print.minutes.doc_title", "");
        let _ = writeln!(
            self.out,
            "<header>\n<h1>{}</h1>\n<p class=\"meta\"><span>{}</span></p>\n</header>\n<main>",
            escape(&m.title),
            escape(&title)
        );
        for section in m.sections {
            let _ = writeln!(self.out, "<h2>{}</h2>\n<ul>", escape(&section.heading));
            for line in section.lines {
                let _ = writeln!(self.out, "<li>{}</li>", escape(&line));
            }
            self.out.push_str("</ul>\n");
        }
        self.close();
    }
}
