//! Fuzz target: the core's own JSON parser on arbitrary text. It must never
//! panic (nor overflow the stack: it does not recurse), its errors must
//! point inside the text, and whatever it accepts must be written back by
//! both writers as text that parses to the same value, the same way again.
#![no_main]

use skyddsnat_core::json::{parse, to_compact, to_pretty, Limits, ParseError};

/// Small enough that a fuzzer finds the limits, large enough for real files.
const LIMITS: Limits = Limits {
    max_depth: 32,
    max_items: 64,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse(text, LIMITS) {
        Ok(value) => {
            let compact = to_compact(&value);
            assert_eq!(parse(&compact, LIMITS), Ok(value.clone()), "compact: {compact}");
            let pretty = to_pretty(&value);
            assert_eq!(parse(&pretty, LIMITS), Ok(value.clone()), "pretty: {pretty}");
            assert_eq!(to_compact(&parse(&compact, LIMITS).unwrap()), compact);
        }
        Err(e) => {
            let lines = text.matches('\n').count() + 1;
            let line = match &e {
                ParseError::Syntax { line, column } => {
                    // The column counts bytes since the line's start.
                    let longest = text.split('\n').map(str::len).max().unwrap_or(0);
                    assert!(*column <= longest, "{e:?}");
                    *line
                }
                ParseError::Truncated { line }
                | ParseError::DuplicateKey { line, .. }
                | ParseError::TooDeep { line }
                | ParseError::TooMany { line } => *line,
            };
            assert!((1..=lines).contains(&line), "{e:?} of {lines} lines");
        }
    }
});
