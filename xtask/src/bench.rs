//! `cargo xtask bench`: medians of repeated runs, not part of `test`.
//!
//! - core (native, optimised): import and export of a 1,000-person plan,
//!   automatic layout of 100 and 500 people, 10,000 edits applied and undone;
//!   automatic layout as the room sees it (people in one cell, at one depth,
//!   with a person in focus); the lock's cost per autosave of a 100-person
//!   plan (`SealKey::seal` and `open` of its JSON beside `to_json`, and the
//!   key's derivation once);
//! - browser (headless Chromium via tests/e2e/bench.mjs): wasm size, time to
//!   a painted map, main-thread time per drag move, JS heap; and a
//!   2,000-person plan opened in the offline file followed by 20 actions in a
//!   row (print, SVG export, tab switches, list and map), each action's time
//!   and what the page holds before and after (iframes, listeners, timers,
//!   object URLs, heap), so that anything that accumulates shows; and an
//!   edit with its autosave in a 100-person plan in the offline file, with
//!   the lock off and on (sealing in wasm, which has no AES instructions).
//!   `BENCH_ONLY=large cargo xtask bench browser` runs only that sequence,
//!   `BENCH_ONLY=autosave` only the edits.
//!
//! `--baseline <rev>` measures an older commit in the same run: its own
//! `bench core` (built in a worktree under `target/bench-baseline/`), and its
//! offline file beside this one's, runs interleaved (time to the map painted,
//! a 1,000-person plan imported).

use crate::{cargo, dist, root, run, setup, Result};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::seal::{KdfParams, SealKey, NONCE_LEN, SALT_LEN};
use skyddsnat_core::file::{from_json, to_json};
use skyddsnat_core::map::{layout, layout_with, LayoutOptions};
use skyddsnat_core::{
    Edit, History, Permille, Person, PersonId, PersonKind, Place, Plan, Relation, RelationId,
    RelationKind, Ring, Sector,
};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 9;

pub fn bench(args: &[String]) -> Result {
    let mut which = "all";
    let mut baseline = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--baseline" => {
                let rev = args.next().ok_or("`--baseline` needs a git revision")?;
                baseline = Some(Baseline::prepare(rev)?);
            }
            "core" | "browser" | "all" => which = arg.as_str(),
            other => {
                return Err(format!(
                    "unknown bench argument `{other}`: use `core`, `browser` or nothing \
                     for both, and optionally `--baseline <rev>`"
                ))
            }
        }
    }
    if which != "browser" {
        if let Some(baseline) = &baseline {
            baseline.core()?;
        }
        core()?;
    }
    if which != "core" {
        browser(baseline.as_ref())?;
    }
    Ok(())
}

/// An older commit checked out beside the repository, to measure against.
struct Baseline {
    rev: String,
    tree: PathBuf,
}

impl Baseline {
    fn prepare(rev: &str) -> Result<Baseline> {
        let dir = root().join("target/bench-baseline");
        let tree = dir.join(rev.replace(['/', '~', '^'], "_"));
        if !tree.join("Cargo.toml").exists() {
            run(Command::new("git").current_dir(root()).args([
                "worktree".as_ref(),
                "add".as_ref(),
                "--detach".as_ref(),
                tree.as_os_str(),
                rev.as_ref(),
            ]))?;
        }
        Ok(Baseline {
            rev: rev.to_string(),
            tree,
        })
    }

    /// Cargo in the baseline's tree, with its own target directory (so
    /// neither build invalidates the other).
    fn cargo(&self) -> Command {
        let mut command = cargo();
        command.current_dir(&self.tree).env(
            "CARGO_TARGET_DIR",
            root().join("target/bench-baseline/target"),
        );
        command
    }

    fn core(&self) -> Result {
        println!("Baseline {}:", self.rev);
        run(self.cargo().args(["xtask", "bench", "core"]))?;
        println!("\nThis tree:");
        Ok(())
    }

    fn offline_file(&self) -> Result<PathBuf> {
        let e2e = self.tree.join("tests/e2e");
        if !e2e.join("node_modules").exists() {
            run(Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(e2e))?;
        }
        run(self.cargo().args(["xtask", "dist"]))?;
        Ok(self.tree.join("dist/skyddsnat.html"))
    }
}

fn core() -> Result {
    if cfg!(debug_assertions) {
        // `cargo xtask` is a debug build; timings of unoptimised code would
        // mislead, so run this part again from an optimised build.
        return run(cargo().args([
            "run",
            "--quiet",
            "--profile",
            "bench",
            "-p",
            "xtask",
            "--",
            "bench",
            "core",
        ]));
    }
    println!("Core benchmarks (native, optimised; median of {RUNS} runs after one warm-up)\n");

    let plan = plan_with_people(1_000);
    let text = to_json(&plan);
    report(
        &format!("export 1,000 people ({} KB of JSON)", text.len() / 1024),
        measure(|| {
            black_box(to_json(black_box(&plan)));
        }),
    );
    match from_json(&text) {
        Ok(back) if back == plan => report(
            "import 1,000 people",
            measure(|| {
                let _ = black_box(from_json(black_box(&text)));
            }),
        ),
        Ok(_) => {
            println!("  import 1,000 people: SKIPPED, the round trip changed the plan (a bug)")
        }
        Err(e) => {
            println!("  import 1,000 people: SKIPPED, the import refused the exported plan: {e:?}")
        }
    }

    for people in [100, 500] {
        let plan = plan_with_people(people);
        report(
            &format!("automatic layout, {people} people"),
            measure(|| {
                black_box(layout(black_box(&plan)));
            }),
        );
    }
    // The hard cases for label placement: everyone in one cell, and everyone
    // at the band's middle depth (where new people and the sample's sit).
    for people in [100, 500] {
        let mut crowded = plan_with_people(people);
        crowd(&mut crowded);
        report(
            &format!("automatic layout, {people} people in one cell"),
            measure(|| {
                black_box(layout(black_box(&crowded)));
            }),
        );
        let focus = LayoutOptions {
            hide_names: false,
            focus: crowded.people().get(people / 2).map(|p| p.id),
            ..Default::default()
        };
        report(
            "  the same, with one person in focus",
            measure(|| {
                black_box(layout_with(black_box(&crowded), &focus));
            }),
        );
    }

    seal_on_autosave();

    report(
        "10,000 edits applied, then all undone",
        measure(|| {
            let mut plan = sample_plan();
            let original = plan.clone();
            let mut history = History::new();
            for step in 0..10_000u32 {
                let edit = edit_number(&plan, step);
                if let Err(e) = history.apply(&mut plan, edit) {
                    panic!("edit {step} refused: {e:?}");
                }
            }
            while history.undo(&mut plan) {}
            assert!(plan == original, "undoing every edit must restore the plan");
        }),
    );
    Ok(())
}

/// The cost of the lock (web/src/lock.rs) on each autosave, natively: the
/// plan's JSON sealed with a key derived once (AES-256-GCM and base64 in
/// an envelope), and opened again, beside `to_json` itself. An autosave
/// seals twice (the latest copy and the IndexedDB mirror), three times when
/// it also keeps a version (at most once a minute). Native code uses the
/// CPU's AES instructions; the widget's wasm cannot, see the browser part.
fn seal_on_autosave() {
    let plan = plan_with_people(100);
    let text = to_json(&plan);
    let params = KdfParams::default();
    // Fixed salt and nonce: a measurement, never a stored file.
    let started = Instant::now();
    let key = match SealKey::derive("en lösenfras för mätningen", [7; SALT_LEN], params) {
        Ok(key) => key,
        Err(e) => {
            println!("  seal, 100 people: SKIPPED, the key could not be derived: {e}");
            return;
        }
    };
    let derived = started.elapsed();
    let sealed = key.seal(&text, [9; NONCE_LEN]);
    println!(
        "\n  The lock, 100 people ({:.1} KB of JSON, {:.1} KB sealed):",
        text.len() as f64 / 1024.0,
        sealed.len() as f64 / 1024.0
    );
    println!(
        "  {:<48} once   {:>9.3} ms   (Argon2id, {} KiB, t={}, p={}; at unlocking)",
        "SealKey::derive",
        ms(derived),
        params.m_kib,
        params.t,
        params.p
    );
    report(
        "file::to_json, 100 people",
        measure(|| {
            black_box(to_json(black_box(&plan)));
        }),
    );
    report(
        "SealKey::seal of that JSON",
        measure(|| {
            black_box(key.seal(black_box(&text), [9; NONCE_LEN]));
        }),
    );
    match key.open(&sealed) {
        Ok(back) if back == text => report(
            "SealKey::open of the sealed copy",
            measure(|| {
                let _ = black_box(key.open(black_box(&sealed)));
            }),
        ),
        _ => println!("  SealKey::open: SKIPPED, the sealed copy did not open to the JSON (a bug)"),
    }
    println!();
}

/// The sample family grown to `people` people (children not counted), each
/// newcomer with one relation to someone already there. Deterministic.
pub fn plan_with_people(people: usize) -> Plan {
    let mut plan = sample_plan();
    let mut seed = 0x5eed_u32;
    let mut next = || {
        // A linear congruential generator: only spreads people over the map.
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        seed >> 8
    };
    while plan.people().len() < people {
        let id = PersonId(plan.next_id::<Person>());
        let n = next();
        let person = Person {
            id,
            name: format!("Person {}", id.0),
            role: ["moster", "granne", "lärare", "tränare", "kurator"][(n % 5) as usize]
                .to_string(),
            kind: if n % 3 == 0 {
                PersonKind::Professional
            } else {
                PersonKind::Private
            },
            agency: None,
            place: Place {
                ring: Ring::ALL[(n % 3) as usize],
                sector: Sector::ALL[((n / 3) % 6) as usize],
                along: Permille::new((next() % 1001) as u16).unwrap_or(Permille::HALF),
                depth: Permille::new((next() % 1001) as u16).unwrap_or(Permille::HALF),
            },
            lives_with_child: false,
            custodian_of: Vec::new(),
            protected: false,
            phone: String::new(),
            note: String::new(),
        };
        let existing = plan.people();
        let other = existing[(next() as usize) % existing.len()].id;
        let relation = Relation {
            id: RelationId(plan.next_id::<Relation>()),
            from: id,
            to: other,
            kind: RelationKind::ALL[(next() % 4) as usize],
            supports: n % 2 == 0,
            note: String::new(),
        };
        if let Err(e) = plan.apply(Edit::Batch(vec![Edit::add(person), Edit::add(relation)])) {
            panic!("building the bench plan: {e:?}");
        }
    }
    plan
}

/// Everyone into the family sector's middle ring, at the middle depth.
fn crowd(plan: &mut Plan) {
    let moved: Vec<Edit> = plan
        .people()
        .iter()
        .map(|person| {
            let mut person = person.clone();
            person.place.ring = Ring::ALL[1];
            person.place.sector = Sector::Family;
            person.place.depth = Permille::HALF;
            Edit::update(person)
        })
        .collect();
    if let Err(e) = plan.apply(Edit::Batch(moved)) {
        panic!("crowding the bench plan: {e:?}");
    }
}

/// A mix of edits like a meeting's: add a person, rename someone, move someone.
fn edit_number(plan: &Plan, step: u32) -> Edit {
    let people = plan.people();
    match step % 3 {
        // Grow the network to 1,000 people, then alternate removing (with
        // the cascade that cleans agreements and relations) and adding, so
        // the plan stays within what a file may hold.
        0 if people.len() >= 1_000 && step.is_multiple_of(2) => {
            let last = people[people.len() - 1].id;
            plan.remove_person(last)
                .unwrap_or_else(|e| panic!("remove {last:?}: {e:?}"))
        }
        0 => {
            let mut person = people[0].clone();
            person.id = PersonId(plan.next_id::<Person>());
            person.name = format!("Ny {step}");
            Edit::add(person)
        }
        1 => {
            let mut person = people[step as usize % people.len()].clone();
            person.name = format!("Namn {step}");
            Edit::update(person)
        }
        _ => {
            let mut person = people[step as usize % people.len()].clone();
            person.place.ring = Ring::ALL[(step % 3) as usize];
            person.place.sector = Sector::ALL[(step % 6) as usize];
            Edit::update(person)
        }
    }
}

fn measure(mut f: impl FnMut()) -> Vec<Duration> {
    f();
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let (min, max) = (times[0], times[times.len() - 1]);
    println!(
        "  {name:<48} median {:>9.3} ms   (min {:.3}, max {:.3})",
        ms(median),
        ms(min),
        ms(max)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

fn browser(baseline: Option<&Baseline>) -> Result {
    setup::setup(setup::Needs::ALL)?;
    let old = baseline.map(Baseline::offline_file).transpose()?;
    dist::dist()?;
    println!("\nBrowser benchmarks (headless Chromium)\n");
    let mut node = Command::new("node");
    node.arg("bench.mjs")
        .current_dir(root().join("tests/e2e"))
        .env("CHROMIUM", setup::CHROMIUM);
    if let (Some(old), Some(baseline)) = (old, baseline) {
        node.env("BENCH_BASELINE", old)
            .env("BENCH_BASELINE_REV", &baseline.rev);
    }
    run(&mut node)
}
