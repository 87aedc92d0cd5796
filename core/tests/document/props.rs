//! Properties over generated plans and edit sequences, all judged by the one
//! invariant checker in `support` (`assert_plan_consistent`).
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use crate::support::{assert_plan_consistent, edit_ops, plan, Expect};
use proptest::prelude::*;
use skyddsnat_core::file::{from_json, to_json};
use skyddsnat_core::*;

/// Applies every op through `history`, checking each step: accepted edits
/// keep the plan consistent and undo exactly; refused ones change nothing.
/// Returns how many edits were accepted.
fn run_ops(plan: &mut Plan, history: &mut History, ops: &[crate::support::EditOp]) -> usize {
    let mut accepted = 0;
    for op in ops {
        let Some((edit, expect)) = op.realize(plan) else {
            continue;
        };
        let before = plan.clone();
        let undo_len = history.undo_len();
        let result = history.apply(plan, edit.clone());
        match expect {
            Expect::Refused => {
                assert!(
                    result.is_err(),
                    "accepted an edit that must be refused: {edit:?}"
                );
                assert_eq!(*plan, before, "a refused edit changed the plan");
                assert_eq!(
                    history.undo_len(),
                    undo_len,
                    "a refused edit entered history"
                );
            }
            Expect::Accepted => {
                if let Err(e) = result {
                    panic!("refused a valid edit: {e}\n{edit:?}");
                }
                accepted += 1;
                assert_plan_consistent(plan);
                // Apply then undo restores the plan exactly; redo restores the edit.
                let after = plan.clone();
                assert!(history.undo(plan));
                assert_eq!(*plan, before, "undo did not restore the plan: {edit:?}");
                assert!(history.redo(plan));
                assert_eq!(*plan, after, "redo did not restore the edit: {edit:?}");
            }
        }
    }
    accepted
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn generated_plans_are_consistent_and_round_trip_byte_for_byte(p in plan()) {
        assert_plan_consistent(&p);
        let text = to_json(&p);
        let back = from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(to_json(&back), text);
    }

    #[test]
    fn any_edit_sequence_keeps_every_invariant_and_undoes_to_the_start(
        start in plan(),
        ops in edit_ops(24),
    ) {
        let mut p = start.clone();
        let mut history = History::new();
        run_ops(&mut p, &mut history, &ops);
        // Save → load gives the same plan.
        let loaded = from_json(&to_json(&p)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded, &p);
        // Undo of everything gives the starting plan back.
        while history.undo(&mut p) {}
        prop_assert_eq!(&p, &start);
        assert_plan_consistent(&p);
    }

    #[test]
    fn from_an_empty_plan_undo_of_everything_gives_the_empty_plan(ops in edit_ops(30)) {
        let mut p = Plan::new();
        let mut history = History::new();
        let accepted = run_ops(&mut p, &mut history, &ops);
        prop_assert_eq!(history.undo_len(), accepted);
        while history.undo(&mut p) {}
        prop_assert_eq!(&p, &Plan::new());
        prop_assert_eq!(to_json(&p), to_json(&Plan::new()));
    }

    #[test]
    fn removing_anyone_leaves_no_reference_to_them(p in plan(), who in any::<prop::sample::Index>()) {
        let everyone: Vec<PersonId> = p.children().iter().map(|c| c.id)
            .chain(p.people().iter().map(|x| x.id)).collect();
        let id = *who.get(&everyone);
        let mut after = p.clone();
        let edit = p.remove_person(id).map_err(|e| TestCaseError::fail(e.to_string()))?;
        after.apply(edit).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(after.name_of(id).is_none());
        prop_assert!(after.referrers(Ref::Person(id)).is_empty());
        // Nothing else was removed with them.
        prop_assert_eq!(after.people().len() + after.children().len(), everyone.len() - 1);
        prop_assert_eq!(after.agreements().len(), p.agreements().len());
        assert_plan_consistent(&after);
    }
}

/// The generators must exercise what the properties claim: cascading
/// removals, batches, refusals and every collection. Guards against a
/// generator change that quietly makes the properties vacuous.
#[test]
fn the_generators_cover_cascades_refusals_and_every_collection() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut refused, mut cascades, mut batches, mut accepted) = (0, 0, 0, 0);
    let mut filled = [0usize; 14];
    for _ in 0..60 {
        let mut p = plan().new_tree(&mut runner).unwrap().current();
        let counts = [
            p.children().len(),
            p.people().len(),
            p.relations().len(),
            p.meetings().len(),
            p.mapping().len(),
            p.dangers().len(),
            p.scales().iter().map(|s| s.answers.len()).sum(),
            p.agreements()
                .iter()
                .map(|a| a.chain.len() * a.checks.len())
                .sum(),
            p.arrangements().len(),
            p.supervision().len(),
            p.check_ins().len(),
            p.consents().len(),
            p.follow_ups().len(),
            p.child_views().len(),
        ];
        for (f, c) in filled.iter_mut().zip(counts) {
            *f += usize::from(c > 0);
        }
        let ops = edit_ops(24).new_tree(&mut runner).unwrap().current();
        for op in &ops {
            let Some((edit, expect)) = op.realize(&p) else {
                continue;
            };
            match (&edit, expect) {
                (_, Expect::Refused) => refused += 1,
                (Edit::Batch(e), _)
                    if matches!(op, crate::support::EditOp::RemovePerson(_)) && e.len() > 1 =>
                {
                    cascades += 1
                }
                (Edit::Batch(_), _) => batches += 1,
                _ => accepted += 1,
            }
            let _ = p.apply(edit);
        }
    }
    assert!(
        filled.iter().all(|f| *f >= 5),
        "some collection is rarely generated: {filled:?}"
    );
    assert!(
        refused >= 50 && cascades >= 20 && batches >= 20 && accepted >= 300,
        "refused {refused}, cascades {cascades}, batches {batches}, accepted {accepted}"
    );
}

/// Hostile replacement values for one spot in a document.
fn hostile_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        Just(json!(null)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(4_294_967_296u64)),
        Just(json!(1.5)),
        Just(json!(1e300)),
        Just(json!(true)),
        Just(json!("")),
        Just(json!("\u{202E}x")),
        Just(json!("a\u{0}b")),
        Just(json!("<script>alert(1)</script>")),
        Just(json!("x".repeat(10_001))),
        Just(json!([])),
        Just(json!({})),
        Just(json!({"every": "day", "n": 1})),
        any::<u32>().prop_map(|n| json!(n)),
        "\\PC{0,8}".prop_map(|s| json!(s)),
    ]
}

/// Every spot (object field or list item) in a document, as a JSON pointer.
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// One spot of a valid file replaced by a hostile value: import never
    /// panics, refuses with a clear message that names a place inside the
    /// file, or accepts a plan that holds every invariant.
    #[test]
    fn a_file_with_one_hostile_value_is_refused_clearly_or_stays_consistent(
        p in plan(),
        spot in any::<prop::sample::Index>(),
        value in hostile_value(),
    ) {
        let mut doc = crate::support::plan_value(&p);
        let mut spots = Vec::new();
        pointers(&doc, String::new(), &mut spots);
        let pointer = spot.get(&spots).clone();
        *doc.pointer_mut(&pointer).unwrap() = value;
        match from_json(&doc.to_string()) {
            Ok(plan) => assert_plan_consistent(&plan),
            Err(e) => {
                for lang in Lang::ALL {
                    let m = e.message(lang);
                    prop_assert!(!m.contains("format."), "{}", m);
                }
                // Only the envelope and whole-file problems have no path.
                let envelope = pointer == "/format" || pointer == "/schema_version";
                prop_assert!(envelope || !e.path.is_empty(), "{:?} at {}", e, pointer);
            }
        }
    }
}
