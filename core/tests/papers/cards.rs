//! What the out-of-hours sheet and the task cards must say, and must not.

use crate::print::has_word;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::papers::cards::people_with_parts;
use skyddsnat_core::papers::print::{paper_html, Paper, PrintOptions};
use skyddsnat_core::*;

fn today() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn paper(plan: &Plan, paper: Paper, hide_names: bool) -> String {
    let opts = PrintOptions {
        hide_names,
        include_child_views: true,
    };
    paper_html(plan, &paper, Lang::Sv, today(), &opts)
}

fn id_of(plan: &Plan, name: &str) -> PersonId {
    plan.people().iter().find(|p| p.name == name).unwrap().id
}

#[test]
fn the_out_of_hours_sheet_has_whom_to_call_and_nothing_from_the_meeting_room() {
    let plan = sample_plan();
    let html = paper(&plan, Paper::OutOfHours, false);
    assert!(html.contains("ring 112"));
    // The chains, with phone numbers, and the staff of social services.
    assert!(html.contains("Plan D") && html.contains("070-174 06 12"));
    assert!(html.contains("Beställare") && html.contains("Lena"));
    // Who may be alone with the children.
    assert!(html.contains("får vara ensam med barnen på villkor"));
    // No scaling, no child's views, no map.
    assert!(!html.contains("Mormor gör pannkakor."));
    assert!(!html.contains("<svg") && !html.contains("Skalfrågor"));
}

#[test]
fn protected_identity_is_said_as_such_with_no_contact_details() {
    let mut plan = sample_plan();
    let birgitta = plan.person(id_of(&plan, "Birgitta")).unwrap().clone();
    let phone = birgitta.phone.clone();
    assert!(!phone.is_empty());
    plan.apply(Edit::update(Person {
        protected: true,
        ..birgitta
    }))
    .unwrap();
    for html in [
        paper(&plan, Paper::OutOfHours, false),
        paper(&plan, Paper::TaskCards(people_with_parts(&plan)), false),
    ] {
        assert!(!html.contains(&phone));
        assert!(html.contains("<bdi>Birgitta</bdi> (skyddade personuppgifter"));
    }
}

#[test]
fn a_task_card_holds_only_the_agreements_that_rest_on_its_person() {
    let plan = sample_plan();
    let gunnar = id_of(&plan, "Gunnar");
    let html = paper(&plan, Paper::TaskCards(vec![gunnar]), false);
    assert!(html.contains("<bdi>Gunnar</bdi>s del av säkerhetsplanen"));
    for agreement in plan.agreements() {
        let shown = html.contains(&format!("<h3><bdi>{}</bdi></h3>", agreement.text.trim()));
        assert_eq!(
            shown,
            agreement.people().contains(&gunnar),
            "{}",
            agreement.text
        );
    }
    assert!(
        html.contains("Plan C är din"),
        "his own step is said as his"
    );
    assert_eq!(html.matches("<section class=\"card\">").count(), 1);
}

#[test]
fn one_card_per_person_in_the_order_asked_and_everyone_with_a_part_can_have_one() {
    let plan = sample_plan();
    let people = people_with_parts(&plan);
    assert!(people.len() >= 8, "{people:?}");
    for id in &people {
        assert!(plan.agreements().iter().any(|a| a.people().contains(id)));
    }
    let html = paper(&plan, Paper::TaskCards(people.clone()), false);
    assert_eq!(
        html.matches("<section class=\"card\">").count(),
        people.len()
    );
    let positions: Vec<usize> = people
        .iter()
        .map(|id| {
            let name = &plan.person(*id).unwrap().name;
            html.find(&format!("<h1><bdi>{name}</bdi>")).unwrap()
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn with_names_hidden_no_paper_names_anyone_or_shows_a_number() {
    let plan = sample_plan();
    for html in [
        paper(&plan, Paper::OutOfHours, true),
        paper(&plan, Paper::TaskCards(people_with_parts(&plan)), true),
    ] {
        for person in plan.people() {
            assert!(
                !html.contains(&format!("<bdi>{}</bdi>", person.name)),
                "{}",
                person.name
            );
            if !person.phone.is_empty() {
                assert!(!html.contains(&person.phone), "{}'s phone", person.name);
            }
        }
    }
}

#[test]
fn the_familys_copy_has_the_plan_in_plain_words_and_no_professional_notes() {
    use skyddsnat_core::papers::escape::escape;
    let plan = sample_plan();
    let html = paper(&plan, Paper::FamilyCopy, false);
    assert!(html.contains("Vår säkerhetsplan"));
    // The words-and-pictures text written for the child.
    let words = plan
        .child_views()
        .iter()
        .find(|v| !v.words_and_pictures.is_empty())
        .unwrap();
    let first = words.words_and_pictures.lines().next().unwrap().trim();
    assert!(html.contains(&escape(first)));
    for agreement in plan.agreements() {
        assert!(html.contains(&escape(agreement.text.trim())));
    }
    assert!(html.contains("ring 112"));
    // No mapping, no scaling, no notes of the professionals.
    for note in plan.mapping() {
        assert!(!html.contains(&escape(note.text.trim())), "{}", note.text);
    }
    for person in plan.people().iter().filter(|p| !p.note.trim().is_empty()) {
        assert!(
            !html.contains(&escape(person.note.trim())),
            "{}",
            person.note
        );
    }
    let checks = plan.agreements().iter().flat_map(|a| &a.checks);
    for check in checks.filter(|c| !c.note.trim().is_empty()) {
        assert!(!html.contains(&escape(check.note.trim())), "{}", check.note);
    }
    assert!(!html.contains("<svg"));
}

#[test]
fn the_minutes_say_what_changed_since_the_meeting_before_and_hide_names_when_asked() {
    use skyddsnat_core::papers::minutes::minutes_text;
    let mut plan = sample_plan();
    // Meeting 1 closed as the plan stood; then a new agreement; then
    // meeting 2 closed: its minutes name the new agreement.
    let first = plan.close_meeting(MeetingId(1)).unwrap();
    plan.apply(first).unwrap();
    let mut added = plan.agreements()[0].clone();
    added.id = AgreementId(77);
    added.text = "Birgitta hämtar på fredagar.".into();
    plan.apply(Edit::add(added)).unwrap();
    let second = plan.close_meeting(MeetingId(2)).unwrap();
    plan.apply(second).unwrap();
    let text = minutes_text(&plan, Lang::Sv, today(), false);
    assert!(
        text.starts_with("Minnesanteckningar från nätverksmöte 2, 2026-11-23\n"),
        "{text}"
    );
    assert!(
        text.contains("Överenskommelser: 1 nya, 0 ändrade, 0 borttagna"),
        "{text}"
    );
    assert!(
        text.contains("- Ny överenskommelse: Birgitta hämtar på fredagar."),
        "{text}"
    );
    assert!(text.contains("- Inbjudna som inte kom: Tomas"), "{text}");
    assert!(text.contains("- Barnet kan bo kvar hemma"), "{text}");
    // The paper says the same, escaped.
    let html = paper(&plan, Paper::Minutes, false);
    assert!(html.contains("<li>Ny överenskommelse: Birgitta hämtar på fredagar.</li>"));
    // Names hidden: no name of the network, in the text or on paper.
    let hidden = minutes_text(&plan, Lang::Sv, today(), true);
    let hidden_paper = paper(&plan, Paper::Minutes, true);
    for person in plan.people() {
        assert!(
            !has_word(&hidden, &person.name),
            "{} in {hidden}",
            person.name
        );
        assert!(
            !has_word(&hidden_paper, &person.name),
            "{} on paper",
            person.name
        );
    }
}

#[test]
fn the_questionnaires_on_paper_ask_the_same_questions_as_the_screen() {
    let plan = sample_plan();
    for (questionnaire, child, free) in [
        (Questionnaire::FollowUp, true, "Något mer du vill säga?"),
        (Questionnaire::Exit, false, "Vad kunde ha gjorts bättre?"),
    ] {
        let html = paper(
            &plan,
            Paper::Form {
                questionnaire,
                child,
            },
            false,
        );
        for key in questionnaire.questions() {
            let key = Questionnaire::question_key(key, child);
            let question = skyddsnat_core::i18n::tr(Lang::Sv, &key);
            assert!(
                html.contains(&skyddsnat_core::papers::escape::escape(question)),
                "{question}"
            );
        }
        let faces = questionnaire.questions().len() * 5;
        assert_eq!(html.matches("<span class=\"tick\"></span>").count(), faces);
        assert!(html.contains(free));
        assert_eq!(
            html.contains("Jag är:"),
            !child,
            "only an adult says who they are"
        );
    }
}
