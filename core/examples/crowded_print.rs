//! Writes the print of a crowded plan to stdout, to look at in a browser
//! (40 more people, long unbroken words, a chain of ten steps):
//! `cargo run -p skyddsnat-core --example crowded_print > /tmp/crowded.html`.
use skyddsnat_core::document::plan;
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::papers::print::{print_html, PrintOptions};
use skyddsnat_core::*;

fn main() {
    let mut plan = sample_plan();
    for i in 0..40u32 {
        let sector = Sector::ALL[(i % 6) as usize];
        plan.apply(Edit::add(Person {
            id: PersonId(100 + i),
            name: format!("Person{i} Långtnamnsson"),
            role: "granne".into(),
            kind: sector.usual_kind(),
            agency: None,
            place: Place {
                ring: Ring::new((i % 3 + 1) as u8).expect("ring"),
                sector,
                along: Permille::new((i * 137 % 1000) as u16).expect("permille"),
                depth: Permille::HALF,
            },
            lives_with_child: false,
            custodian_of: Vec::new(),
            protected: false,
            phone: String::new(),
            note: String::new(),
        }))
        .expect("person");
    }
    let mut agreement = plan.agreements()[0].clone();
    agreement.text = format!("Ett{} slut", "väldigtlångtord".repeat(12));
    for i in 0..8 {
        agreement.chain.push(plan::Step {
            people: vec![PersonId(100 + i)],
            action: format!("Steg {i}: ringer nästa person i kedjan och berättar vad som hänt."),
        });
    }
    plan.apply(Edit::update(agreement)).expect("agreement");
    let today = Date::parse("2026-12-06").expect("date");
    let options = PrintOptions {
        hide_names: false,
        include_child_views: true,
    };
    println!("{}", print_html(&plan, Lang::Sv, today, &options));
}
