//! Golden files for the exported map (SVG) and the printed plan (HTML).
//!
//! Each case renders a plan and compares it with `core/tests/golden/<name>` (expect-test).
//! After an intended change, regenerate with
//! `UPDATE_EXPECT=1 cargo test -p skyddsnat-core --test map golden` and read the
//! diff in review: the golden files are the record of what a family receives.

use expect_test::expect_file;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::map::svg::{map_svg, SvgOptions};
use skyddsnat_core::papers::cards::people_with_parts;
use skyddsnat_core::papers::print::{paper_html, print_html, Paper, PrintOptions};
use skyddsnat_core::*;

/// Names and texts that try to break out of the markup, run script, or
/// reverse the page. Every one must come out as harmless text.
pub const HOSTILE: [&str; 7] = [
    "<script>alert(1)</script>",
    "\"&'",
    "javascript:alert(1)",
    "</style><marquee>x",
    "]]><!--",
    "Ali\u{202E}gnp.exe\u{202C}",
    "<img src=x onerror=alert(1)>",
];

/// A hostile value for a one-line field (name, role, title): direction
/// controls are refused there by edits and import alike, so only the
/// longer texts can carry them to a renderer.
fn one_line(i: usize) -> String {
    HOSTILE[i % HOSTILE.len()].replace(['\u{202E}', '\u{202C}'], "")
}

/// The sample family with hostile names, roles and texts in every field the print shows.
fn hostile_plan() -> Plan {
    let mut plan = sample_plan();
    let title: Vec<String> = (0..HOSTILE.len()).map(one_line).collect();
    plan.apply(Edit::SetTitle(title.join(" "))).expect("title");
    let people: Vec<Person> = plan.people().to_vec();
    for (i, person) in people.into_iter().enumerate() {
        let mut p = person;
        p.name = one_line(i);
        p.role = one_line(i + 1);
        p.note = HOSTILE[(i + 2) % HOSTILE.len()].to_string();
        plan.apply(Edit::update(p)).expect("person");
    }
    let children: Vec<Child> = plan.children().to_vec();
    for (i, child) in children.into_iter().enumerate() {
        let mut c = child;
        c.name = one_line(i + 3);
        plan.apply(Edit::update(c)).expect("child");
    }
    let agreements: Vec<Agreement> = plan.agreements().to_vec();
    for (i, agreement) in agreements.into_iter().enumerate() {
        let mut a = agreement;
        a.text = HOSTILE[i % HOSTILE.len()].to_string();
        for (j, step) in a.chain.iter_mut().enumerate() {
            step.action = HOSTILE[(i + j) % HOSTILE.len()].to_string();
        }
        plan.apply(Edit::update(a)).expect("agreement");
    }
    let dangers: Vec<DangerStatement> = plan.dangers().to_vec();
    for (i, danger) in dangers.into_iter().enumerate() {
        let mut d = danger;
        d.statement = HOSTILE[i % HOSTILE.len()].to_string();
        d.goal = HOSTILE[(i + 4) % HOSTILE.len()].to_string();
        plan.apply(Edit::update(d)).expect("danger");
    }
    let notes: Vec<MappingNote> = plan.mapping().to_vec();
    for (i, note) in notes.into_iter().enumerate() {
        let mut n = note;
        n.text = HOSTILE[i % HOSTILE.len()].to_string();
        plan.apply(Edit::update(n)).expect("note");
    }
    plan
}

#[test]
fn sample_map_svg_in_swedish() {
    expect_file!["../golden/sample-map.sv.svg"].assert_eq(&map_svg(
        &sample_plan(),
        Lang::Sv,
        &SvgOptions::default(),
    ));
}

#[test]
fn sample_map_svg_in_english_with_a_highlight() {
    let plan = sample_plan();
    let highlight = plan.agreements()[0].responsible.clone();
    expect_file!["../golden/sample-map.en.svg"].assert_eq(&map_svg(
        &plan,
        Lang::En,
        &SvgOptions {
            hide_names: false,
            highlight,
        },
    ));
}

#[test]
fn sample_map_svg_with_names_hidden() {
    let plan = sample_plan();
    let svg = map_svg(
        &plan,
        Lang::Sv,
        &SvgOptions {
            hide_names: true,
            highlight: Vec::new(),
        },
    );
    for person in plan.people() {
        assert!(
            !svg.contains(&format!(">{}<", person.name)),
            "{} is named on a map with names hidden",
            person.name
        );
    }
    // A role may mention a child ("Alvas avdelning"): that is the user's
    // text. The map's own naming of the children must not.
    for child in plan.children() {
        assert!(
            !svg.contains(&format!(">{}<", child.name)),
            "{} is named",
            child.name
        );
        assert!(
            !svg.contains(&format!("för {},", child.name)),
            "{} is in the title",
            child.name
        );
    }
    expect_file!["../golden/sample-map.hidden.sv.svg"].assert_eq(&svg);
}

#[test]
fn hostile_names_stay_text_in_the_svg() {
    let svg = map_svg(&hostile_plan(), Lang::En, &SvgOptions::default());
    assert_safe_markup(&svg);
    expect_file!["../golden/hostile-map.svg"].assert_eq(&svg);
}

/// What no output may contain, whatever the user typed.
pub fn assert_safe_markup(out: &str) {
    let lower = out.to_lowercase();
    assert!(!lower.contains("<script"), "a script tag got through");
    assert!(
        !lower.contains("<img"),
        "an element from user text got through"
    );
    assert!(
        !lower.contains("<marquee"),
        "an element from user text got through"
    );
    assert!(!lower.contains("]]>"), "a CDATA end got through");
    assert!(!lower.contains("<!--"), "a comment opener got through");
    // "onerror=" may appear as text, but never inside a tag.
    for (at, _) in lower.match_indices("onerror=") {
        let before = &lower[..at];
        assert!(
            before.rfind('<') < before.rfind('>'),
            "an event attribute got into a tag"
        );
    }
    for c in out.chars() {
        assert!(
            !skyddsnat_core::papers::escape::is_bidi_control(c),
            "a bidi control U+{:04X} got through",
            c as u32
        );
    }
}

fn meeting_day() -> Date {
    Date::parse("2026-11-23").expect("date")
}

fn print(plan: &Plan, lang: Lang, hide_names: bool) -> String {
    print_html(
        plan,
        lang,
        meeting_day(),
        &PrintOptions {
            hide_names,
            include_child_views: true,
        },
    )
}

#[test]
fn sample_print_in_swedish() {
    expect_file!["../golden/sample-print.sv.html"].assert_eq(&print(
        &sample_plan(),
        Lang::Sv,
        false,
    ));
}

#[test]
fn sample_print_in_english() {
    expect_file!["../golden/sample-print.en.html"].assert_eq(&print(
        &sample_plan(),
        Lang::En,
        false,
    ));
}

#[test]
fn sample_print_with_names_hidden_shows_no_names_or_phone_numbers() {
    let plan = sample_plan();
    let html = print(&plan, Lang::Sv, true);
    for person in plan.people() {
        assert!(
            !html.contains(&format!("<bdi>{}</bdi>", person.name)),
            "{} is named",
            person.name
        );
        if !person.phone.is_empty() {
            assert!(
                !html.contains(&person.phone),
                "{}'s phone is shown",
                person.name
            );
        }
    }
    expect_file!["../golden/sample-print.hidden.sv.html"].assert_eq(&html);
}

/// The papers beside the whole plan: the out-of-hours sheet and a task
/// card for everyone with a part.
fn other_papers(plan: &Plan, lang: Lang, hide_names: bool) -> Vec<String> {
    let opts = PrintOptions {
        hide_names,
        include_child_views: true,
    };
    [
        Paper::OutOfHours,
        Paper::TaskCards(people_with_parts(plan)),
        Paper::FamilyCopy,
        Paper::Minutes,
        Paper::Form {
            questionnaire: Questionnaire::FollowUp,
            child: true,
        },
        Paper::Form {
            questionnaire: Questionnaire::Exit,
            child: false,
        },
    ]
    .iter()
    .map(|paper| paper_html(plan, paper, lang, meeting_day(), &opts))
    .collect()
}

#[test]
fn sample_papers_in_both_languages() {
    let plan = sample_plan();
    let [ooh_sv, cards_sv, family_sv, minutes_sv, child_form_sv, exit_form_sv] =
        <[String; 6]>::try_from(other_papers(&plan, Lang::Sv, false)).unwrap();
    let [ooh_en, cards_en, family_en, minutes_en, child_form_en, exit_form_en] =
        <[String; 6]>::try_from(other_papers(&plan, Lang::En, false)).unwrap();
    expect_file!["../golden/sample-out-of-hours.sv.html"].assert_eq(&ooh_sv);
    expect_file!["../golden/sample-out-of-hours.en.html"].assert_eq(&ooh_en);
    expect_file!["../golden/sample-task-cards.sv.html"].assert_eq(&cards_sv);
    expect_file!["../golden/sample-task-cards.en.html"].assert_eq(&cards_en);
    expect_file!["../golden/sample-family-copy.sv.html"].assert_eq(&family_sv);
    expect_file!["../golden/sample-family-copy.en.html"].assert_eq(&family_en);
    expect_file!["../golden/sample-minutes.sv.html"].assert_eq(&minutes_sv);
    expect_file!["../golden/sample-minutes.en.html"].assert_eq(&minutes_en);
    expect_file!["../golden/sample-form-child.sv.html"].assert_eq(&child_form_sv);
    expect_file!["../golden/sample-form-child.en.html"].assert_eq(&child_form_en);
    expect_file!["../golden/sample-form-exit.sv.html"].assert_eq(&exit_form_sv);
    expect_file!["../golden/sample-form-exit.en.html"].assert_eq(&exit_form_en);
    expect_file!["../golden/sample-minutes.sv.txt"].assert_eq(
        &skyddsnat_core::papers::minutes::minutes_text(&plan, Lang::Sv, meeting_day(), false),
    );
}

#[test]
fn hostile_texts_stay_text_in_the_print() {
    let html = print(&hostile_plan(), Lang::En, false);
    assert_safe_markup(&html);
    // The only <style> is ours and it closes once.
    assert_eq!(html.matches("</style").count(), 1);
    expect_file!["../golden/hostile-print.html"].assert_eq(&html);
}

/// Every tag the renderers write. Anything else in the output came from a user.
const OUR_TAGS: [&str; 39] = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main", "h1", "h2",
    "h3", "p", "span", "section", "figure", "div", "table", "thead", "tbody", "tr", "th", "td",
    "br", "ul", "ol", "li", "bdi", "svg", "desc", "defs", "marker", "path", "rect", "circle",
    "line", "g", "text", "tspan",
];

/// Every `<` in the output opens one of our own tags.
fn assert_only_our_tags(out: &str) {
    for (at, _) in out.match_indices('<') {
        let rest = out[at + 1..].trim_start_matches('/');
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            OUR_TAGS.contains(&name.as_str()),
            "unexpected tag <{name}> at byte {at}: {}",
            &out[at..(at + 60).min(out.len())]
        );
    }
    assert_eq!(out.matches("<bdi>").count(), out.matches("</bdi>").count());
}

#[test]
fn the_hostile_outputs_hold_only_our_own_tags() {
    let plan = hostile_plan();
    assert_only_our_tags(&map_svg(&plan, Lang::Sv, &SvgOptions::default()));
    assert_only_our_tags(&print(&plan, Lang::Sv, false));
    assert_only_our_tags(&print(&plan, Lang::En, true));
    for hide in [false, true] {
        for html in other_papers(&plan, Lang::Sv, hide) {
            assert_safe_markup(&html);
            assert_only_our_tags(&html);
            assert_eq!(html.matches("</style").count(), 1);
        }
    }
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces attacks are made of, and ordinary letters.
    fn nasty_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("<script>".to_string()),
                Just("</script".to_string()),
                Just("</style>".to_string()),
                Just("]]>".to_string()),
                Just("<!--".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("&".to_string()),
                Just("&amp;".to_string()),
                Just("<".to_string()),
                Just(">".to_string()),
                Just("\u{202E}".to_string()),
                Just("\u{2066}".to_string()),
                Just("\u{0}".to_string()),
                Just("\n".to_string()),
                "[a-zåäö ]{1,6}",
            ],
            0..10,
        )
        .prop_map(|parts| parts.concat())
    }

    /// Applies `edit` unless the file format's rules refuse it (a control
    /// character in a name, say): then the plan keeps its old value, which
    /// is exactly what a user typing it would get.
    fn apply_or_refuse(plan: &mut Plan, edit: Edit) {
        if let Err(e) = plan.apply(edit) {
            assert!(matches!(e, EditError::Unsavable { .. }), "{e:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn no_generated_plan_can_put_markup_into_the_map_or_the_print(
            texts in prop::collection::vec(nasty_text(), 12),
            hide in any::<bool>(),
        ) {
            let mut plan = sample_plan();
            apply_or_refuse(&mut plan, Edit::SetTitle(texts[0].clone()));
            for (i, person) in plan.people().to_vec().into_iter().enumerate() {
                let mut p = person;
                p.name = texts[(i + 1) % texts.len()].clone();
                p.role = texts[(i + 2) % texts.len()].clone();
                p.phone = texts[(i + 3) % texts.len()].clone();
                apply_or_refuse(&mut plan, Edit::update(p));
            }
            for (i, child) in plan.children().to_vec().into_iter().enumerate() {
                let mut c = child;
                c.name = texts[(i + 4) % texts.len()].clone();
                apply_or_refuse(&mut plan, Edit::update(c));
            }
            for (i, agreement) in plan.agreements().to_vec().into_iter().enumerate() {
                let mut a = agreement;
                a.text = texts[(i + 5) % texts.len()].clone();
                for step in a.chain.iter_mut() {
                    step.action = texts[(i + 6) % texts.len()].clone();
                }
                apply_or_refuse(&mut plan, Edit::update(a));
            }
            for (i, scale) in plan.scales().to_vec().into_iter().enumerate() {
                let mut s = scale;
                s.question = texts[(i + 7) % texts.len()].clone();
                s.low = texts[(i + 8) % texts.len()].clone();
                apply_or_refuse(&mut plan, Edit::update(s));
            }
            for lang in Lang::ALL {
                let svg = map_svg(&plan, lang, &SvgOptions { hide_names: hide, highlight: vec![PersonId(3)] });
                assert_safe_markup(&svg);
                assert_only_our_tags(&svg);
                let html = print(&plan, lang, hide);
                assert_safe_markup(&html);
                assert_only_our_tags(&html);
                for html in other_papers(&plan, lang, hide) {
                    assert_safe_markup(&html);
                    assert_only_our_tags(&html);
                }
            }
        }
    }
}
