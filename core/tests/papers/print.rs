//! What the printed plan must say, checked directly (the golden files in
//! `golden.rs` show how it says it): privacy rules, signatures for everyone
//! at the meeting, chains in order, and the two-week check grid.

use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::papers::print::{print_html, PrintOptions};
use skyddsnat_core::*;
use skyddsnat_core::{analysis::schedule, document::plan, map::svg};

fn today() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn print(plan: &Plan, opts: PrintOptions) -> String {
    print_html(plan, Lang::Sv, today(), &opts)
}

fn shown() -> PrintOptions {
    PrintOptions {
        hide_names: false,
        include_child_views: true,
    }
}

/// A distinctive sentence from the sample child's own words.
const CHILD_QUOTE: &str = "Mormor gör pannkakor.";

#[test]
fn the_document_is_complete_and_self_contained() {
    let html = print(&sample_plan(), shown());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"sv\""));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.trim_end().ends_with("</html>"));
    for external in ["<script", "src=", "href=", "@import", "url(http", "<link"] {
        assert!(!html.contains(external), "found {external}");
    }
    // The map is inline and its only url() references are its own markers.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for (at, _) in html.match_indices("url(") {
        assert!(html[at..].starts_with("url(#skn-"), "external url at {at}");
    }
}

#[test]
fn the_child_views_are_printed_only_when_allowed() {
    let plan = sample_plan();
    assert!(print(&plan, shown()).contains(CHILD_QUOTE));
    let without = PrintOptions {
        include_child_views: false,
        ..shown()
    };
    assert!(!print(&plan, without).contains(CHILD_QUOTE));
    let mut private = plan.clone();
    let settings = Settings {
        child_views_private: true,
        ..plan.settings().clone()
    };
    private
        .apply(Edit::SetSettings(settings))
        .expect("settings");
    assert!(
        !print(&private, shown()).contains(CHILD_QUOTE),
        "a plan that keeps the child's views private printed them"
    );
}

#[test]
fn protected_identity_never_shows_a_phone_number() {
    let mut plan = sample_plan();
    let with_phone: Vec<Person> = plan
        .people()
        .iter()
        .filter(|p| !p.phone.is_empty())
        .cloned()
        .collect();
    assert!(!with_phone.is_empty(), "the sample has phone numbers");
    // Numbers are shown in the chains while nobody is protected…
    let html = print(&plan, shown());
    assert!(with_phone.iter().any(|p| html.contains(&p.phone)));
    // …and never once they are.
    for person in with_phone.iter().cloned() {
        plan.apply(Edit::update(Person {
            protected: true,
            ..person
        }))
        .expect("protect");
    }
    let html = print(&plan, shown());
    for person in &with_phone {
        assert!(!html.contains(&person.phone), "{}'s number", person.name);
        assert!(html.contains(&person.name), "{} still named", person.name);
    }
}

#[test]
fn everyone_at_the_latest_meeting_gets_a_signature_line() {
    let plan = sample_plan();
    let html = print(&plan, shown());
    let signatures = &html[html.find("class=\"signatures\"").expect("signature table")..];
    let meeting = plan.latest_meeting().expect("meeting");
    assert_eq!(
        signatures.matches("class=\"signature-row\"").count(),
        meeting.participants.len()
    );
    for id in &meeting.participants {
        let name = plan.name_of(*id).expect("participant");
        assert!(signatures.contains(&format!("<bdi>{name}</bdi>")), "{name}");
    }
}

#[test]
fn each_chain_is_printed_in_order_a_b_c_d() {
    let plan = sample_plan();
    let html = print(&plan, shown());
    for agreement in plan.agreements() {
        let start = html
            .find(&format!(
                "<h3>Om detta inte fungerar: <bdi>{}</bdi></h3>",
                agreement.text
            ))
            .expect("chain heading");
        let chain = &html[start..start + html[start..].find("</ol>").expect("end")];
        let mut last = 0;
        for (i, step) in agreement.chain.iter().enumerate() {
            let at = chain
                .find(&format!("Plan {}", plan::step_letter(i)))
                .expect("letter");
            let action = chain.find(step.action.as_str()).expect("action");
            assert!(at >= last && action > at, "step {i} out of order");
            last = action;
        }
    }
}

#[test]
fn the_check_grid_marks_exactly_the_scheduled_days() {
    let plan = sample_plan();
    let html = print(&plan, shown());
    let grid_start = html.find("class=\"schedule\"").expect("grid");
    let grid = &html[grid_start..grid_start + html[grid_start..].find("</table>").expect("end")];
    let due = schedule::upcoming(&plan, today(), 14);
    let marks = grid.matches('●').count() + grid.matches('○').count();
    assert_eq!(marks, due.len());
    // A daily check is marked on all fourteen days.
    let daily = plan
        .agreements()
        .iter()
        .flat_map(|a| a.checks.iter())
        .filter(|c| c.when == Frequency::Day)
        .count();
    assert!(daily > 0);
    assert!(grid.matches('●').count() >= 14 * daily);
}

#[test]
fn the_next_review_and_the_meeting_are_named() {
    let plan = sample_plan();
    let html = print(&plan, shown());
    let review = plan.next_meeting(today()).expect("a meeting is planned");
    assert!(html.contains(&format!("Nästa uppföljningsmöte: {}", review.date)));
    assert!(html.contains("Nätverksmöte 2, 2026-11-23"));
    assert!(html.contains("Alva (7 år) och Elis (3 år)"));
    let english = print_html(&plan, Lang::En, today(), &shown());
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains(&format!("Next review meeting: {}", review.date)));
}

#[test]
fn scaling_answers_are_printed_as_numbers_per_meeting() {
    let plan = sample_plan();
    let html = print(&plan, shown());
    for scale in plan.scales() {
        for answer in &scale.answers {
            let name = plan.name_of(answer.person).expect("person");
            let row_start = html
                .find(&format!("<tr><th scope=\"row\"><bdi>{name}</bdi></th>"))
                .expect("row");
            let row = &html[row_start..row_start + html[row_start..].find("</tr>").expect("end")];
            assert!(row.contains(&format!(">{}</td>", answer.value.get())));
        }
    }
}

/// Whether `word` occurs in `text` as a whole word.
pub(crate) fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn with_names_hidden_no_name_is_printed_even_inside_free_text() {
    let plan = sample_plan();
    let hidden = PrintOptions {
        hide_names: true,
        ..shown()
    };
    let html = print(&plan, hidden);
    let svg = svg::map_svg(
        &plan,
        Lang::Sv,
        &svg::SvgOptions {
            hide_names: true,
            highlight: Vec::new(),
        },
    );
    let names = plan
        .people()
        .iter()
        .map(|p| p.name.as_str())
        .chain(plan.children().iter().map(|c| c.name.as_str()));
    for name in names {
        assert!(!has_word(&html, name), "{name} is in the print");
        assert!(!has_word(&svg, name), "{name} is on the map");
    }
    // The text is still there, with roles in place of names.
    assert!(html.contains("mammas sambo"));
    // Shown names do appear when not hidden, so the check above can fail.
    assert!(has_word(&print(&plan, shown()), "Mikael"));
}
