//! Layout timing, run by hand: `cargo test --release --test geometry_timing -- --ignored --nocapture`.
//! Ignored in ordinary test runs because debug builds are an order of
//! magnitude slower and the numbers would only mislead.

use skyddsnat_core::map::{layout, layout_with, LayoutOptions};
use skyddsnat_core::*;
use std::time::{Duration, Instant};

/// `n` people, spread over all cells or all in one; with `same_depth`
/// everyone sits at the middle of the band (as new people and the sample do).
fn plan(n: u32, spread: bool, same_depth: bool) -> Plan {
    let mut plan = Plan::new();
    for (id, name) in [(1, "Alva"), (2, "Elis")] {
        plan.apply(Edit::add(Child {
            id: PersonId(id),
            name: name.into(),
            age: Age::new(5).expect("age"),
            note: String::new(),
        }))
        .expect("child");
    }
    const NAMES: [&str; 6] = [
        "Jenny",
        "Birgitta",
        "Socialsekreterare Västerort",
        "Mohammed",
        "BUP Skärholmen",
        "Åsa",
    ];
    for i in 0..n {
        let (sector, ring) = if spread {
            (Sector::ALL[(i % 6) as usize], (i / 6 % 3 + 1) as u8)
        } else {
            (Sector::Family, 2)
        };
        plan.apply(Edit::add(Person {
            id: PersonId(10 + i),
            name: format!("{} {i}", NAMES[i as usize % NAMES.len()]),
            role: String::new(),
            kind: PersonKind::Private,
            place: Place {
                ring: Ring::new(ring).expect("ring"),
                sector,
                along: Permille::new((i * 379 % 1001) as u16).expect("permille"),
                depth: if same_depth {
                    Permille::HALF
                } else {
                    Permille::new((i * 613 % 1001) as u16).expect("permille")
                },
            },
            lives_with_child: false,
            protected: false,
            phone: String::new(),
            note: String::new(),
        }))
        .expect("person");
    }
    plan
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

#[test]
#[ignore = "timing; run with --release --ignored"]
fn layout_timing() {
    for (n, spread, same_depth) in [
        (15, true, false),
        (100, true, false),
        (100, false, false),
        (100, false, true),
        (500, true, false),
        (500, true, true),
        (500, false, false),
        (500, false, true),
    ] {
        let plan = plan(n, spread, same_depth);
        let runs = (0..21)
            .map(|_| {
                let t = Instant::now();
                let l = layout(&plan);
                std::hint::black_box(&l);
                t.elapsed()
            })
            .collect();
        let l = layout(&plan);
        let focus = LayoutOptions {
            hide_names: false,
            focus: Some(PersonId(10 + n / 2)),
        };
        let drag = median(
            (0..21)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(layout_with(&plan, &focus));
                    t.elapsed()
                })
                .collect(),
        );
        eprintln!(
            "{n:>3} people {:<11}{}: median {:>8.3} ms (with focus {:>8.3} ms), scale {:.2}, extent {:.0}",
            if spread { "spread" } else { "in one cell" },
            if same_depth { ", one depth" } else { "" },
            median(runs).as_secs_f64() * 1000.0,
            drag.as_secs_f64() * 1000.0,
            l.geometry.scale(),
            l.extent
        );
    }
}
