//! Papers for one reader each, beside the whole plan (`print.rs`):
//!
//! - the **out-of-hours sheet** for socialjouren and the police: one page
//!   with the children, who they live with, the social services staff, the
//!   worries, who the children may not be alone with, and the contingency
//!   chains with whom to call in what order (protected identity said as
//!   such, never with contact details); no scaling, no child's views;
//! - a **task card** per person ("my part of the plan"): only the
//!   agreements and steps that rest on that person, what to do and whom to
//!   call if something fails, and the numbers that matter; one page each.
//!
//! Built on `print.rs`'s document: the same escaping, names (hidden when
//! asked) and style.

use super::escape::escape;
use super::print::{html_trf, Doc};
use crate::document::date::Date;
use crate::document::ids::PersonId;
use crate::document::plan::{step_letter, Agreement, Plan};
use crate::i18n::{tr, trf};
use std::fmt::Write;

/// Everybody a task card can be printed for: the people any agreement
/// names (responsible, checking, or in a step), in the plan's order.
pub fn people_with_parts(plan: &Plan) -> Vec<PersonId> {
    plan.people()
        .iter()
        .map(|p| p.id)
        .filter(|id| plan.agreements().iter().any(|a| a.people().contains(id)))
        .collect()
}

impl Doc<'_> {
    /// A person as the out-of-hours service needs them: name and phone, or
    /// "protected identity".
    fn contacts(&self, ids: &[PersonId]) -> String {
        ids.iter()
            .map(|id| self.name_and_phone(*id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The consultants and the commissioning social worker, with unit and
    /// phone, as a list.
    fn staff(&mut self) {
        let case = self.plan.case();
        let staff: Vec<(&str, &crate::Staff)> = case
            .consultants
            .iter()
            .map(|s| ("print.staff.consultant", s))
            .chain(
                case.commissioner
                    .iter()
                    .map(|s| ("print.staff.commissioner", s)),
            )
            .filter(|(_, s)| !s.name.trim().is_empty())
            .collect();
        if staff.is_empty() {
            return self.empty();
        }
        self.out.push_str("<ul>\n");
        for (key, s) in staff {
            let mut line = format!(
                "<span class=\"label\">{}:</span> {}",
                escape(tr(self.lang, key)),
                self.text(&s.name)
            );
            for extra in [&s.unit, &s.phone] {
                if !extra.trim().is_empty() {
                    let _ = write!(line, ", {}", self.text(extra));
                }
            }
            let _ = writeln!(self.out, "<li>{line}</li>");
        }
        self.out.push_str("</ul>\n");
    }

    pub(super) fn out_of_hours(&mut self, today: Date) {
        self.open("print.ooh.title", today);
        self.out.push_str("<div class=\"sheet\">\n");
        let _ = writeln!(
            self.out,
            "<p>{}</p>\n<p class=\"emergency\">{}</p>",
            escape(tr(self.lang, "print.ooh.intro")),
            escape(tr(self.lang, "print.emergency_112"))
        );
        self.h2("print.ooh.home");
        let lives_with: Vec<PersonId> = self
            .plan
            .people()
            .iter()
            .filter(|p| p.lives_with_child)
            .map(|p| p.id)
            .collect();
        let custodians: Vec<PersonId> = self
            .plan
            .people()
            .iter()
            .filter(|p| !p.custodian_of.is_empty())
            .map(|p| p.id)
            .collect();
        if lives_with.is_empty() && custodians.is_empty() {
            self.empty();
        } else {
            self.out.push_str("<ul>\n");
            for (key, ids) in [
                ("print.ooh.lives_with", &lives_with),
                ("print.ooh.custodians", &custodians),
            ] {
                if !ids.is_empty() {
                    let _ = writeln!(
                        self.out,
                        "<li><span class=\"label\">{}:</span> {}</li>",
                        escape(tr(self.lang, key)),
                        self.contacts(ids)
                    );
                }
            }
            self.out.push_str("</ul>\n");
        }
        self.h2("print.ooh.staff");
        self.staff();
        self.dangers();
        self.supervision();
        self.chains();
        self.out.push_str("</div>\n");
        self.close();
    }

    pub(super) fn task_cards(&mut self, people: &[PersonId], today: Date) {
        self.head("print.card.doc_title");
        self.out.push_str("<main>\n");
        for &id in people {
            self.task_card(id, today);
        }
        if people.is_empty() {
            self.empty();
        }
        self.close();
    }

    fn task_card(&mut self, id: PersonId, today: Date) {
        let name = self.name(id);
        let _ = writeln!(
            self.out,
            "<section class=\"card\">\n<header>\n<h1>{}</h1>",
            html_trf(
                self.lang,
                "print.card.title",
                &[("name", &self.text(&name))]
            )
        );
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            escape(&trf(
                self.lang,
                "print.card.for",
                &[("children", &self.children_phrase())]
            ))
        );
        self.meta(today);
        self.out.push_str("</header>\n");
        let plan = self.plan;
        let mine: Vec<&Agreement> = plan
            .agreements()
            .iter()
            .filter(|a| a.people().contains(&id))
            .collect();
        self.h2("print.card.parts");
        if mine.is_empty() {
            self.empty();
        }
        for agreement in mine {
            let _ = writeln!(
                self.out,
                "<div class=\"chain\">\n<h3>{}</h3>\n<ul>",
                self.text(&agreement.text)
            );
            if agreement.responsible.contains(&id) {
                let _ = writeln!(
                    self.out,
                    "<li>{}</li>",
                    escape(tr(self.lang, "print.card.responsible"))
                );
            }
            for check in agreement.checks.iter().filter(|c| c.by.contains(&id)) {
                let mut how = escape(&self.check_text(check));
                if !check.note.trim().is_empty() {
                    let _ = write!(how, " – {}", self.text(&check.note));
                }
                let _ = writeln!(
                    self.out,
                    "<li>{}</li>",
                    html_trf(self.lang, "print.card.checks", &[("how", &how)])
                );
            }
            for (i, step) in agreement.chain.iter().enumerate() {
                if step.people.contains(&id) {
                    let _ = writeln!(
                        self.out,
                        "<li>{}</li>",
                        html_trf(
                            self.lang,
                            "print.card.step",
                            &[
                                ("letter", &escape(&step_letter(i))),
                                ("action", &self.text(&step.action))
                            ]
                        )
                    );
                }
            }
            self.out.push_str("</ul>\n");
            if !agreement.chain.is_empty() {
                let _ = writeln!(
                    self.out,
                    "<p class=\"label\">{}</p>\n<ol class=\"chain\">",
                    escape(tr(self.lang, "print.card.if_fails"))
                );
                for (i, step) in agreement.chain.iter().enumerate() {
                    let who = if step.people.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "<span class=\"who\">{}:</span> ",
                            self.contacts(&step.people)
                        )
                    };
                    let _ = writeln!(
                        self.out,
                        "<li><span class=\"letter\">{}</span><span>{who}{}</span></li>",
                        escape(&trf(
                            self.lang,
                            "print.step",
                            &[("letter", &step_letter(i))]
                        )),
                        self.text(&step.action)
                    );
                }
                self.out.push_str("</ol>\n");
            }
            self.out.push_str("</div>\n");
        }
        self.h2("print.card.numbers");
        let _ = writeln!(
            self.out,
            "<p class=\"emergency\">{}</p>",
            escape(tr(self.lang, "print.emergency_112"))
        );
        self.staff();
        self.out.push_str("</section>\n");
    }
}
