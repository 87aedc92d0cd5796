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
use crate::document::plan::{step_letter, Agreement, Plan, Questionnaire, Respondent};
use crate::i18n::labels::Label;
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

    /// "Numbers that matter": 112, the out-of-hours service's and the
    /// unit's numbers (set once in the plan's settings), then the social
    /// services staff.
    fn numbers(&mut self) {
        self.h2("print.card.numbers");
        // 112 and the plan's own numbers on one line, so a full task card
        // still fits its page.
        let n = &self.plan.settings().numbers;
        let mut line = format!(
            "<span class=\"emergency\">{}</span>",
            escape(tr(self.lang, "print.emergency_112"))
        );
        for (key, number) in [
            ("print.numbers.out_of_hours", &n.out_of_hours),
            ("print.numbers.unit", &n.unit),
        ] {
            if !number.trim().is_empty() {
                let _ = write!(
                    line,
                    " · <span class=\"label\">{}:</span> {}",
                    escape(tr(self.lang, key)),
                    self.text(number)
                );
            }
        }
        let _ = writeln!(self.out, "<p>{line}</p>");
        self.staff();
    }

    pub(super) fn out_of_hours(&mut self, today: Date) {
        self.open("print.ooh.title", "sheet", today);
        let _ = writeln!(
            self.out,
            "<p>{} <span class=\"emergency\">{}</span></p>",
            escape(tr(self.lang, "print.ooh.intro")),
            escape(tr(self.lang, "print.emergency_112"))
        );
        self.out.push_str("<div class=\"columns\">\n<section>\n");
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
        self.out.push_str("</section>\n<section>\n");
        self.h2("print.ooh.staff");
        self.staff();
        self.out.push_str("</section>\n</div>\n");
        // Who agrees with the worries is the meeting's business, not the night's.
        self.dangers(false);
        self.supervision_list();
        self.chains_table();
        self.close();
    }

    /// Who may be alone with the children, a line per adult (the whole
    /// plan's table, made short for one page).
    fn supervision_list(&mut self) {
        let plan = self.plan;
        if plan.supervision().is_empty() {
            return;
        }
        self.h2("print.supervision");
        self.out.push_str("<ul>\n");
        for rule in plan.supervision() {
            let children = if rule.children.is_empty() {
                escape(tr(self.lang, "print.all_children"))
            } else {
                self.names(&rule.children)
            };
            let mut line = format!(
                "<span class=\"who\">{}</span> ({children}): {}",
                self.text(&self.name(rule.adult)),
                escape(rule.allowed.label(self.lang))
            );
            if !rule.condition.trim().is_empty() {
                let _ = write!(line, " – {}", self.text(&rule.condition));
            }
            let _ = writeln!(self.out, "<li>{line}</li>");
        }
        self.out.push_str("</ul>\n");
    }

    /// The contingency chains as one table, a row per agreement and a
    /// column per step: whom to call in what order, at a glance and on one
    /// page even for ten agreements of four steps.
    fn chains_table(&mut self) {
        let plan = self.plan;
        let with_chain: Vec<&Agreement> = plan
            .agreements()
            .iter()
            .filter(|a| !a.chain.is_empty())
            .collect();
        let steps = with_chain.iter().map(|a| a.chain.len()).max().unwrap_or(0);
        if steps == 0 {
            return;
        }
        self.h2("print.chains");
        let _ = write!(
            self.out,
            "<table class=\"chains\">\n<thead><tr><th scope=\"col\">{}</th>",
            escape(tr(self.lang, "print.ooh.if_this_fails"))
        );
        for i in 0..steps {
            let _ = write!(
                self.out,
                "<th scope=\"col\">{}</th>",
                escape(&trf(
                    self.lang,
                    "print.step",
                    &[("letter", &step_letter(i))]
                ))
            );
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for agreement in with_chain {
            let _ = write!(
                self.out,
                "<tr><th scope=\"row\">{}</th>",
                self.text(&agreement.text)
            );
            for i in 0..steps {
                match agreement.chain.get(i) {
                    Some(step) => {
                        let who = if step.people.is_empty() {
                            String::new()
                        } else {
                            format!("<span class=\"who\">{}:</span> ", self.names(&step.people))
                        };
                        let _ = write!(self.out, "<td>{who}{}</td>", self.text(&step.action));
                    }
                    None => self.out.push_str("<td></td>"),
                }
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
        // Each number once, below the table, rather than in every cell:
        // everyone in a step with a number to show, or protected identity
        // to say (with names hidden, no number is shown at all).
        let mut people: Vec<PersonId> = Vec::new();
        for step in plan.agreements().iter().flat_map(|a| a.chain.iter()) {
            for id in &step.people {
                let listed = plan.person(*id).is_some_and(|p| {
                    p.protected || (p.visible_phone().is_some() && !self.opts.hide_names)
                });
                if listed && !people.contains(id) {
                    people.push(*id);
                }
            }
        }
        if !people.is_empty() {
            let _ = writeln!(
                self.out,
                "<h3>{}</h3>\n<ul class=\"phones\">",
                escape(tr(self.lang, "print.ooh.phones"))
            );
            for id in people {
                let _ = writeln!(self.out, "<li>{}</li>", self.name_and_phone(id));
            }
            self.out.push_str("</ul>\n");
        }
    }

    /// The family's copy: what was agreed, in the plan's own words and the
    /// words-and-pictures text written for each child; who to call if
    /// something fails; the numbers that matter. No mapping, scaling,
    /// notes or findings.
    pub(super) fn family_copy(&mut self, today: Date) {
        self.open("print.family.title", "cards", today);
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            escape(tr(self.lang, "print.family.intro"))
        );
        let plan = self.plan;
        let explained: Vec<_> = plan
            .child_views()
            .iter()
            .filter(|v| !v.words_and_pictures.trim().is_empty())
            .collect();
        if !explained.is_empty() {
            self.h2("print.family.words");
            for view in explained {
                let _ = writeln!(
                    self.out,
                    "<h3>{}</h3>",
                    html_trf(
                        self.lang,
                        "print.family.for_child",
                        &[("child", &self.text(&self.name(view.child)))]
                    )
                );
                for paragraph in view.words_and_pictures.split('\n') {
                    if !paragraph.trim().is_empty() {
                        let _ = writeln!(self.out, "<p>{}</p>", self.text(paragraph));
                    }
                }
            }
        }
        self.h2("print.family.agreed");
        if plan.agreements().is_empty() {
            self.empty();
        } else {
            self.out.push_str("<ul>\n");
            for agreement in plan.agreements() {
                let mut line = self.text(&agreement.text);
                if !agreement.responsible.is_empty() {
                    let _ = write!(
                        line,
                        "<br>{}",
                        html_trf(
                            self.lang,
                            "print.family.who",
                            &[("names", &self.names(&agreement.responsible))]
                        )
                    );
                }
                for check in &agreement.checks {
                    let _ = write!(
                        line,
                        "<br>{}",
                        html_trf(
                            self.lang,
                            "print.family.check",
                            &[
                                ("names", &self.names(&check.by)),
                                ("how", &escape(&self.check_text(check)))
                            ]
                        )
                    );
                }
                let _ = writeln!(self.out, "<li>{line}</li>");
            }
            self.out.push_str("</ul>\n");
        }
        self.supervision();
        self.chains();
        self.numbers();
        self.close();
    }

    /// A questionnaire on paper: the questions with five faces' words to
    /// circle, and lines for the free text, to be entered afterwards.
    pub(super) fn form(&mut self, questionnaire: Questionnaire, child: bool) {
        self.head(
            "print.form.doc_title",
            if child { "cards child-form" } else { "cards" },
        );
        let _ = writeln!(
            self.out,
            "<main>\n<header>\n<h1>{}</h1>\n<p>{}</p>\n</header>",
            escape(&capitalised(questionnaire.label(self.lang))),
            escape(&trf(
                self.lang,
                "print.card.for",
                &[("children", &self.children_phrase())]
            ))
        );
        let mut facts = vec![tr(self.lang, "print.form.date").to_string()];
        if !child {
            let who: Vec<&str> = [
                Respondent::Parent,
                Respondent::Network,
                Respondent::Professional,
            ]
            .iter()
            .map(|r| r.label(self.lang))
            .collect();
            facts.push(trf(
                self.lang,
                "print.form.who",
                &[("who", &who.join(" ○ "))],
            ));
        }
        for fact in facts {
            let _ = writeln!(self.out, "<p>{}</p>", escape(&fact));
        }
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            escape(tr(
                self.lang,
                if child {
                    "print.form.intro_child"
                } else {
                    "print.form.intro"
                }
            ))
        );
        for (i, key) in questionnaire.questions().iter().enumerate() {
            let _ = writeln!(
                self.out,
                "<div class=\"question\">\n<p>{}. {}</p>\n<ol class=\"faces\">",
                i + 1,
                escape(tr(self.lang, &Questionnaire::question_key(key, child)))
            );
            for face in 0..5 {
                let _ = writeln!(
                    self.out,
                    "<li><span class=\"tick\"></span>{}</li>",
                    escape(tr(self.lang, &format!("panel.followup.face.{face}")))
                );
            }
            self.out.push_str("</ol>\n</div>\n");
        }
        let free = match questionnaire {
            Questionnaire::FollowUp => "panel.followup.comment",
            Questionnaire::Exit => "panel.followup.better",
        };
        let _ = writeln!(
            self.out,
            "<div class=\"question\">\n<p>{}</p>",
            escape(tr(self.lang, free))
        );
        for _ in 0..4 {
            self.out.push_str("<div class=\"write-here\"></div>\n");
        }
        self.out.push_str("</div>\n");
        self.close();
    }

    pub(super) fn task_cards(&mut self, people: &[PersonId], today: Date) {
        self.head("print.card.doc_title", "cards");
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
            // Whom to call if something fails: each step's people with
            // their numbers, in order (what each step does is on the
            // cards of its people, and in the whole plan).
            let calls: Vec<String> = agreement
                .chain
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let who = if step.people.is_empty() {
                        self.text(&step.action)
                    } else {
                        self.contacts(&step.people)
                    };
                    format!(
                        "<span class=\"label\">{}:</span> {who}",
                        escape(&trf(
                            self.lang,
                            "print.step",
                            &[("letter", &step_letter(i))]
                        ))
                    )
                })
                .collect();
            if !calls.is_empty() {
                let _ = writeln!(
                    self.out,
                    "<p class=\"calls\">{} {}</p>",
                    escape(tr(self.lang, "print.card.if_fails")),
                    calls.join("; ")
                );
            }
            self.out.push_str("</div>\n");
        }
        self.numbers();
        self.out.push_str("</section>\n");
    }
}

/// `text` with its first letter in upper case (a label used as a title).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
