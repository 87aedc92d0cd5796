//! Fuzz target: import arbitrary bytes. It must never panic, and whatever it
//! accepts must survive export → import unchanged.
#![no_main]

use skyddsnat_core::file::{from_json, from_slice, to_json};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = from_slice(data) {
        let text = to_json(&plan);
        let again = from_json(&text).expect("an exported plan imports again");
        assert_eq!(again, plan, "export → import changed the plan");
        assert_eq!(to_json(&again), text, "export is not deterministic");
    }
});
