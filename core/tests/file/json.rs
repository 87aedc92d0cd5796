//! The core's own JSON parser and writers (`skyddsnat_core::json`), held
//! against serde_json, which the format used before: the writers must give
//! the same bytes (saved files and golden files compare byte for byte), the
//! parser must accept and refuse the same texts, at the same line and
//! column, and sort refusals the same way (serde_json's end-of-input errors
//! are `Truncated`). On top, the limits serde_json did not have: repeated
//! keys, nesting depth and list length, refused while parsing.
//!
//! Known, intended differences from serde_json (asserted here too):
//! - `-0` is the integer 0 (serde_json: the float -0.0);
//! - an integer beyond i64 is a float (serde_json: a u64 up to 2^64 − 1);
//! - a number with a fraction or exponent is kept as its text and written
//!   back as read (serde_json made it an f64 and wrote its shortest digits:
//!   `1.50` came back as `1.5`); one too large for an f64 (`1e400`) is
//!   therefore read, where serde_json refused it as out of range;
//! - a repeated key is an error (serde_json kept the last value).
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use serde_json::error::Category;
use skyddsnat_core::json::{parse, to_compact, to_pretty, Json, Limits, Object, ParseError};
use std::time::{Duration, Instant};

/// Limits that never bite in the comparisons with serde_json (whose own
/// nesting limit is 128).
const ROOMY: Limits = Limits {
    max_depth: 100,
    max_items: 1_000_000,
};

// ------------------------------------------------------------ serde_json side

/// serde_json's verdict on a text, in this parser's terms.
fn serde_parse(text: &str) -> Result<serde_json::Value, ParseError> {
    serde_json::from_str::<serde_json::Value>(text).map_err(|e| match e.classify() {
        Category::Eof => ParseError::Truncated { line: e.line() },
        _ => ParseError::Syntax {
            line: e.line(),
            column: e.column(),
        },
    })
}

fn to_serde(v: &Json) -> serde_json::Value {
    match v {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Int(n) => serde_json::Value::from(*n),
        Json::Float(text) => serde_json::from_str(text).unwrap(),
        Json::Str(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(o) => serde_json::Value::Object(
            o.iter()
                .map(|(k, v)| (k.to_string(), to_serde(v)))
                .collect(),
        ),
    }
}

/// Floats a few ulps apart (`Json::as_f64` reads a fraction approximately,
/// and serde_json's default float parsing is not correctly rounded either);
/// near zero, where floats lose precision, any two tiny values.
fn close(a: f64, b: f64) -> bool {
    a == b
        || (a - b).abs() <= a.abs().max(b.abs()) * 64.0 * f64::EPSILON
        || (a.abs() < 1e-290 && b.abs() < 1e-290)
}

/// Whether our value is what serde_json read, allowing for the intended
/// differences listed at the top.
fn same(ours: &Json, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (ours, theirs) {
        (Json::Null, V::Null) => true,
        (Json::Bool(a), V::Bool(b)) => a == b,
        (Json::Str(a), V::String(b)) => a == b,
        (Json::Int(a), V::Number(n)) => {
            n.as_i64() == Some(*a) || (*a == 0 && n.is_f64() && n.as_f64() == Some(0.0))
        }
        (Json::Float(_), V::Number(n)) => {
            let float_there = n.is_f64() || (n.is_u64() && n.as_i64().is_none());
            float_there && close(ours.as_f64().unwrap(), n.as_f64().unwrap())
        }
        (Json::Array(a), V::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Json::Object(a), V::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same(va, vb))
        }
        _ => false,
    }
}

/// Parses with both and asserts the same verdict: equal values, or the
/// same error at the same place. A repeated key is ours alone.
fn assert_agrees(text: &str) -> Result<(), TestCaseError> {
    let ours = parse(text, ROOMY);
    let theirs = serde_parse(text);
    let out_of_range = serde_json::from_str::<serde_json::Value>(text)
        .is_err_and(|e| e.to_string().contains("number out of range"));
    if out_of_range {
        // Kept as text here (see the top of the file): readable, or refused
        // for whatever is wrong after it.
        return Ok(());
    }
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert!(same(a, b), "{text:?}: {a:?} vs {b:?}"),
        (Err(ParseError::DuplicateKey { key, .. }), _) => {
            prop_assert!(
                text.matches(&to_compact(&Json::Str(key.clone()))).count() >= 2,
                "{text:?}: repeated key {key:?} not repeated"
            );
        }
        (Err(a), Err(b)) => prop_assert_eq!(a, b, "{:?}", text),
        _ => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    Ok(())
}

fn check(text: &str) {
    assert_agrees(text).unwrap_or_else(|e| panic!("{e}"));
}

// ------------------------------------------------------------- strategies

/// Characters that matter to JSON (quotes, backslashes, every control
/// character, the slash, line separators, non-ASCII) and any others.
fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        2 => proptest::char::range('\0', '\u{1f}'),
        1 => prop::sample::select(vec!['"', '\\', '/', '\u{7f}', 'é', 'å', '\u{2028}', '\u{feff}', '😀', '\u{10ffff}']),
        1 => any::<char>(),
    ]
}

fn string() -> impl Strategy<Value = String> {
    prop::collection::vec(character(), 0..10).prop_map(|cs| cs.into_iter().collect())
}

/// Finite floats: any, and whole ones (as times were stored before) and
/// decimals of every size.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        (-20_000_000_000_000_000i64..20_000_000_000_000_000).prop_map(|n| n as f64),
        (any::<i32>(), 0..20u32).prop_map(|(n, e)| f64::from(n) / 10f64.powi(e as i32)),
        (1..10u32, -30..30i32).prop_map(|(d, e)| f64::from(d) * 10f64.powi(e)),
    ]
}

fn value() -> impl Strategy<Value = Json> {
    values(true)
}

/// Values without fractions, which serde_json writes back as it reads them
/// (its f64 would not keep a fraction's text).
fn value_without_fractions() -> impl Strategy<Value = Json> {
    values(false)
}

fn values(fractions: bool) -> impl Strategy<Value = Json> {
    let float = float().prop_map(|f| Json::Float(serde_json::to_string(&f).unwrap()));
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::Int),
        (-1000i64..1000).prop_map(Json::Int),
        if fractions {
            float.boxed()
        } else {
            Just(Json::Null).boxed()
        },
        string().prop_map(Json::Str),
    ];
    leaf.prop_recursive(5, 80, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            prop::collection::vec((string(), inner), 0..8).prop_map(|fields| {
                let mut o = Object::new();
                for (k, v) in fields {
                    if !o.contains_key(&k) {
                        o.push(k, v);
                    }
                }
                Json::Object(o)
            }),
        ]
    })
}

/// Whitespace to put between tokens, including none.
const SPACES: [&str; 7] = ["", "", " ", "\n", "\t", "\r\n", " \n\t\r "];

/// `v` written compactly but with whitespace from `spaces` (cycled) around
/// every token.
fn spaced(v: &Json, spaces: &[usize], at: &mut usize, out: &mut String) {
    fn space(spaces: &[usize], at: &mut usize, out: &mut String) {
        if !spaces.is_empty() {
            out.push_str(SPACES[spaces[*at % spaces.len()] % SPACES.len()]);
            *at += 1;
        }
    }
    space(spaces, at, out);
    match v {
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                spaced(item, spaces, at, out);
            }
            space(spaces, at, out);
            out.push(']');
        }
        Json::Object(o) => {
            out.push('{');
            for (i, (k, item)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(spaces, at, out);
                out.push_str(&to_compact(&Json::Str(k.to_string())));
                space(spaces, at, out);
                out.push(':');
                spaced(item, spaces, at, out);
            }
            space(spaces, at, out);
            out.push('}');
        }
        scalar => out.push_str(&to_compact(scalar)),
    }
    space(spaces, at, out);
}

/// A number as JSON allows it, from plain integers to long ones with
/// fractions and exponents.
fn number_token() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?"
}

/// The inside of a string literal: plain characters, every escape, and
/// `\u` escapes including surrogates, paired or not.
fn string_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => character().prop_map(|c| c.to_string()),
        1 => prop::sample::select(vec!["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\x", "\\u", "\\"])
            .prop_map(str::to_string),
        1 => any::<u16>().prop_map(|u| format!("\\u{u:04x}")),
        1 => (0xD800u16..0xE000).prop_map(|u| format!("\\u{u:04X}")),
        1 => (0xD800u16..0xDC00, 0xDC00u16..0xE000).prop_map(|(a, b)| format!("\\u{a:04x}\\u{b:04x}")),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|ps| ps.concat())
}

/// A byte edit: replace, insert or delete, at a position (modulo the
/// length), with one of the bytes that matter to JSON.
fn mutation() -> impl Strategy<Value = (usize, u8, u8)> {
    const BYTES: &[u8] = b"{}[]\",:\\ \n\t\r0123456789-+.eEtrufalsn/ubx\x01\x1f\x7f";
    (any::<usize>(), 0..3u8, prop::sample::select(BYTES.to_vec()))
}

fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        let at = at % (bytes.len() + 1);
        match op {
            0 if at < bytes.len() => bytes[at] = byte,
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.push(byte),
        }
    }
    String::from_utf8(bytes).ok()
}

// ------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn writers_give_serde_json_bytes(v in value_without_fractions()) {
        let theirs = to_serde(&v);
        prop_assert_eq!(to_pretty(&v), serde_json::to_string_pretty(&theirs).unwrap());
        prop_assert_eq!(to_compact(&v), serde_json::to_string(&theirs).unwrap());
    }

    #[test]
    fn written_values_read_back_the_same(v in value()) {
        prop_assert_eq!(parse(&to_compact(&v), ROOMY), Ok(v.clone()));
        prop_assert_eq!(parse(&to_pretty(&v), ROOMY), Ok(v));
    }

    #[test]
    fn a_number_with_a_fraction_is_kept_as_written(f in float(), zeros in 0..3usize) {
        // serde_json's shortest digits, and the same with trailing zeros,
        // which a float would have lost.
        let mut text = serde_json::to_string(&f).unwrap();
        if !text.contains(['e', 'E']) {
            text.push_str(&"0".repeat(zeros));
        }
        let v = parse(&text, ROOMY).unwrap();
        prop_assert_eq!(&v, &Json::Float(text.clone()));
        prop_assert_eq!(to_compact(&v), text.clone());
        prop_assert!(close(v.as_f64().unwrap(), f), "{} read as {:?}", text, v.as_f64());
    }

    #[test]
    fn any_spacing_reads_as_serde_json_reads_it(
        v in value(),
        spaces in prop::collection::vec(0..SPACES.len(), 0..20),
    ) {
        let mut text = String::new();
        spaced(&v, &spaces, &mut 0, &mut text);
        prop_assert_eq!(parse(&text, ROOMY), Ok(v));
        assert_agrees(&text)?;
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them(n in number_token(), wrap in 0..3usize) {
        let text = match wrap {
            0 => n.clone(),
            1 => format!("[{n}]"),
            _ => format!("{{\"n\":\n{n} }}"),
        };
        assert_agrees(&text)?;
        // An integer is `Int` exactly when it has no fraction or exponent and
        // fits an i64.
        if let Ok(v) = parse(&n, ROOMY) {
            let plain = !n.contains(['.', 'e', 'E']);
            match (plain, n.parse::<i64>(), v) {
                (true, Ok(i), Json::Int(j)) => prop_assert_eq!(i, j),
                (true, Err(_), Json::Float(t)) | (false, _, Json::Float(t)) => prop_assert_eq!(t, n),
                (_, _, v) => prop_assert!(false, "{n} read as {v:?}"),
            }
        }
    }

    #[test]
    fn strings_and_escapes_read_as_serde_json_reads_them(body in string_body(), close in any::<bool>()) {
        let text = format!("\"{body}{}", if close { "\"" } else { "" });
        assert_agrees(&text)?;
        assert_agrees(&format!("{{\n \"k\": [{text}\n]}}"))?;
    }

    #[test]
    fn broken_texts_are_refused_as_serde_json_refuses_them(
        v in value(),
        pretty in any::<bool>(),
        edits in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = if pretty { to_pretty(&v) } else { to_compact(&v) };
        if let Some(broken) = mutate(&text, &edits) {
            assert_agrees(&broken)?;
        }
    }
}

// ------------------------------------------------------------ cut-off files

fn sample_file() -> String {
    skyddsnat_core::file::to_json(&skyddsnat_core::document::sample::sample_plan())
}

#[test]
fn every_prefix_of_a_plan_file_is_refused_as_serde_json_refuses_it() {
    let file = sample_file();
    // The file ends in a newline, after the value.
    let full = file.trim_end();
    let compact = to_compact(&parse(full, ROOMY).unwrap());
    // Every cut of the file as saved; every seventh of it without spaces
    // (the same tokens, so that is for the positions on one long line).
    for (text, step) in [(full, 1), (compact.as_str(), 7)] {
        let mut truncated = 0;
        let cuts = (0..text.len()).step_by(step);
        for cut in cuts.filter(|&i| text.is_char_boundary(i)) {
            let prefix = &text[..cut];
            let ours = parse(prefix, ROOMY).unwrap_err();
            assert_eq!(Err(ours.clone()), serde_parse(prefix), "cut at {cut}");
            truncated += usize::from(matches!(ours, ParseError::Truncated { .. }));
        }
        // A cut inside a word or a number can be a syntax error (`tr` then
        // nothing is still cut off, but `1.` is a bad number), yet most
        // cuts are plainly cut off.
        assert!(
            truncated > text.len() / step / 2,
            "{truncated} of {}",
            text.len()
        );
    }
}

#[test]
fn a_cut_off_file_says_on_which_line_it_ends() {
    let full = sample_file();
    let cut = full.len() / 2;
    let cut = (cut..).find(|&i| full.is_char_boundary(i)).unwrap();
    let lines = full[..cut].matches('\n').count() + 1;
    assert_eq!(
        parse(&full[..cut], ROOMY),
        Err(ParseError::Truncated { line: lines })
    );
    assert_eq!(parse("", ROOMY), Err(ParseError::Truncated { line: 1 }));
    assert_eq!(
        parse(" \n\t\n", ROOMY),
        Err(ParseError::Truncated { line: 3 })
    );
}

// ------------------------------------------------------------ repeated keys

#[test]
fn a_repeated_key_is_refused_with_its_line() {
    let text = "{\n  \"name\": \"Ada\",\n  \"age\": 7,\n  \"name\": \"Eve\"\n}";
    assert_eq!(
        parse(text, ROOMY),
        Err(ParseError::DuplicateKey {
            key: "name".into(),
            line: 4
        })
    );
    // The same key written with an escape is the same key.
    assert_eq!(
        parse(r#"{"a":1,"\u0061":2}"#, ROOMY),
        Err(ParseError::DuplicateKey {
            key: "a".into(),
            line: 1
        })
    );
    // The same key in different objects, or as a value, is fine.
    let fine = r#"{"a":{"a":"a"},"b":[{"a":1},{"a":2}]}"#;
    assert_eq!(parse(fine, ROOMY).map(|v| to_compact(&v)), Ok(fine.into()));
}

/// An object of `n` keys `k0`… with, if `repeat`, key `k<repeat>` again at
/// the end; one key a line.
fn many_keys(n: usize, repeat: Option<usize>) -> String {
    let mut text = String::from("{\n");
    for i in 0..n {
        text.push_str(&format!("\"k{i}\": {i},\n"));
    }
    if let Some(r) = repeat {
        text.push_str(&format!("\"k{r}\": 0,\n"));
    }
    text.push_str("\"end\": 0\n}");
    text
}

#[test]
fn repeated_keys_are_found_in_large_objects_at_any_distance() {
    // Below and above the size where the check switches to a sorted set.
    for n in [2, 15, 16, 17, 40, 1000] {
        let keys = parse(&many_keys(n, None), ROOMY).unwrap();
        assert_eq!(keys.as_object().unwrap().len(), n + 1);
        for r in [0, n / 2, n - 1] {
            assert_eq!(
                parse(&many_keys(n, Some(r)), ROOMY),
                Err(ParseError::DuplicateKey {
                    key: format!("k{r}"),
                    line: n + 2
                }),
                "{n} keys, k{r} again"
            );
        }
    }
}

#[test]
fn a_hostile_object_of_100000_keys_is_checked_quickly() {
    // Comparing each key with every earlier one would be 5 billion string
    // comparisons; a sorted set is about 1.7 million.
    let text = many_keys(100_000, Some(99_998));
    let start = Instant::now();
    let e = parse(&text, ROOMY).unwrap_err();
    let took = start.elapsed();
    assert!(matches!(e, ParseError::DuplicateKey { .. }), "{e:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

// ------------------------------------------------------------------ limits

/// `depth` nested arrays and objects (alternating), with `1` innermost.
fn nested(depth: usize) -> String {
    let mut text = String::from("1");
    for d in 0..depth {
        text = if d % 2 == 0 {
            format!("[\n{text}]")
        } else {
            format!("{{\"k\":\n{text}}}")
        };
    }
    text
}

#[test]
fn nesting_up_to_the_depth_limit_is_fine_and_one_more_is_refused() {
    for max_depth in [1, 2, 5, 64] {
        let limits = Limits {
            max_depth,
            max_items: 10,
        };
        assert!(
            parse(&nested(max_depth), limits).is_ok(),
            "{max_depth} deep"
        );
        // The outermost bracket is on line 1, each further one a line down.
        assert_eq!(
            parse(&nested(max_depth + 1), limits),
            Err(ParseError::TooDeep {
                line: max_depth + 1
            }),
            "{} deep",
            max_depth + 1
        );
    }
    // Scalars do not count as a level; depth 0 allows only a scalar.
    let flat = Limits {
        max_depth: 0,
        max_items: 10,
    };
    assert_eq!(parse("\"x\"", flat), Ok(Json::Str("x".into())));
    assert_eq!(parse(" {}", flat), Err(ParseError::TooDeep { line: 1 }));
}

#[test]
fn ten_thousand_brackets_deep_is_refused_without_overflowing_the_stack() {
    let limits = Limits {
        max_depth: 64,
        max_items: 10,
    };
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(parse(&text, limits), Err(ParseError::TooDeep { line: 1 }));
    let text = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert_eq!(parse(&text, limits), Err(ParseError::TooDeep { line: 1 }));
    // No limit in effect: a million open brackets are held on the heap,
    // not the call stack, and the cut-off text is reported as such.
    let unlimited = Limits {
        max_depth: usize::MAX,
        max_items: usize::MAX,
    };
    let text = "[\n".repeat(1_000_000);
    assert_eq!(
        parse(&text, unlimited),
        Err(ParseError::Truncated { line: 1_000_001 })
    );
}

#[test]
fn lists_up_to_the_item_limit_are_fine_and_one_more_is_refused() {
    let limits = Limits {
        max_depth: 10,
        max_items: 3,
    };
    assert!(parse("[1,2,3]", limits).is_ok());
    assert!(parse("[[1,2,3],[4,5,6],[]]", limits).is_ok());
    assert_eq!(
        parse("[\n1,\n2,\n3,\n4]", limits),
        Err(ParseError::TooMany { line: 5 })
    );
    assert_eq!(
        parse("[[1,2,3,[4]]]", limits),
        Err(ParseError::TooMany { line: 1 })
    );
    // Refused at the element past the limit, before the rest is read (a
    // five-million-element list costs nothing).
    assert_eq!(
        parse("[1,2,3,4,oops", limits),
        Err(ParseError::TooMany { line: 1 })
    );
    let none = Limits {
        max_depth: 10,
        max_items: 0,
    };
    assert_eq!(parse("[]", none), Ok(Json::Array(Vec::new())));
    assert_eq!(parse("[\n0]", none), Err(ParseError::TooMany { line: 2 }));
}

// ---------------------------------------------------------- strings, numbers

#[test]
fn surrogate_pairs_read_as_one_character_and_lone_surrogates_are_refused() {
    assert_eq!(
        parse(r#""\ud83d\ude00""#, ROOMY),
        Ok(Json::Str("😀".into()))
    );
    assert_eq!(
        parse(r#""\uD83D\uDE00x""#, ROOMY),
        Ok(Json::Str("😀x".into()))
    );
    for lone in [
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\ud83d\u0041""#,
        r#""\ud83dx""#,
        r#""\ud83d\n""#,
        r#""\ud83d\ud83d""#,
    ] {
        assert!(
            matches!(parse(lone, ROOMY), Err(ParseError::Syntax { line: 1, .. })),
            "{lone}"
        );
        check(lone);
    }
    // Cut off in the middle of a pair: the file ends there.
    assert_eq!(
        parse(r#""\ud83d\ude"#, ROOMY),
        Err(ParseError::Truncated { line: 1 })
    );
}

#[test]
fn raw_control_characters_in_strings_are_refused_where_serde_json_did() {
    for c in (0u8..0x20).map(char::from) {
        let text = format!("{{\"a\":\n\"x{c}y\"}}");
        assert!(
            matches!(parse(&text, ROOMY), Err(ParseError::Syntax { .. })),
            "{c:?}"
        );
        check(&text);
    }
    // DEL and everything above are characters like any other.
    assert_eq!(
        parse("\"\u{7f}\u{85}\"", ROOMY),
        Ok(Json::Str("\u{7f}\u{85}".into()))
    );
}

#[test]
fn numbers_at_the_edges() {
    let int = |t: &str| parse(t, ROOMY);
    assert_eq!(int("9223372036854775807"), Ok(Json::Int(i64::MAX)));
    assert_eq!(int("-9223372036854775808"), Ok(Json::Int(i64::MIN)));
    let float = |t: &str| Ok(Json::Float(t.into()));
    assert_eq!(int("9223372036854775808"), float("9223372036854775808"));
    assert_eq!(int("-9223372036854775809"), float("-9223372036854775809"));
    assert_eq!(int("-0"), Ok(Json::Int(0)));
    assert_eq!(int("3.0"), float("3.0"));
    assert_eq!(int("1E2"), float("1E2"));
    // Kept as written, however far beyond an f64 (serde_json refused these).
    for big in ["1e-400", "1e400", "-1e400", "1e99999999999"] {
        assert_eq!(int(big), float(big));
    }
    for bad in [
        "01",
        "+1",
        ".5",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "-",
        "- 1",
        "0x10",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5.2",
        "[-]",
        "[1.]",
        "[01]",
        "tru",
        "nul",
        "[true1]",
        "{\"a\":falsy}",
    ] {
        assert!(parse(bad, ROOMY).is_err(), "{bad}");
        check(bad);
    }
}

#[test]
fn only_json_whitespace_separates_tokens() {
    for (text, ok) in [
        (" \t\r\n[ 1 ,\t2\r\n]\n", true),
        ("\u{c}[1]", false),
        ("[1\u{a0}]", false),
        ("\u{feff}[1]", false),
        ("[1]\u{0}", false),
        ("[1] x", false),
        ("{}{}", false),
        ("[1,]", false),
        ("{\"a\":1,}", false),
        ("{\"a\" 1}", false),
        ("{'a':1}", false),
        ("{a:1}", false),
        ("[1 2]", false),
        ("{\"a\":1 \"b\":2}", false),
    ] {
        assert_eq!(parse(text, ROOMY).is_ok(), ok, "{text:?}");
        check(text);
    }
}

#[test]
fn every_character_is_escaped_as_serde_json_escapes_it() {
    let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
    let v = Json::Str(all);
    assert_eq!(
        to_compact(&v),
        serde_json::to_string(&to_serde(&v)).unwrap()
    );
    assert_eq!(to_compact(&Json::Str("a/b".into())), "\"a/b\"");
    assert_eq!(
        to_compact(&Json::Str("\u{1}\u{1f}".into())),
        "\"\\u0001\\u001f\""
    );
}

#[test]
fn whole_numbers_written_as_floats_read_exactly() {
    // Times the widget stored before they were written as integers, and
    // what a JS object's numbers look like.
    for (text, whole) in [
        ("1700000000000.0", Some(1_700_000_000_000)),
        ("-3.0", Some(-3)),
        ("0.0", Some(0)),
        ("-0.0", Some(0)),
        ("1e+16", Some(10_000_000_000_000_000)),
        ("2.50e1", Some(25)),
        ("1E2", Some(100)),
        ("120e-1", Some(12)),
        ("0.5", None),
        ("1.5e-7", None),
        ("9223372036854775808", None),
        ("1e400", None),
    ] {
        let v = parse(text, ROOMY).unwrap();
        assert_eq!(v.as_whole(), whole, "{text}");
        if let Some(n) = whole {
            assert_eq!(v.as_f64(), Some(n as f64), "{text}");
        }
    }
}

#[test]
fn a_plan_file_is_written_back_byte_for_byte() {
    let file = sample_file();
    let v = parse(&file, ROOMY).unwrap();
    assert_eq!(to_pretty(&v) + "\n", file);
    let theirs: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(to_compact(&v), serde_json::to_string(&theirs).unwrap());
    assert_eq!(
        to_pretty(&v),
        serde_json::to_string_pretty(&theirs).unwrap()
    );
}

// -------------------------------------------------------------- benchmark

/// `cargo test --release -p skyddsnat-core --test json -- --ignored --nocapture`
#[test]
#[ignore = "a benchmark: run in release"]
fn parsing_a_1000_person_plan_is_as_fast_as_serde_json() {
    let text = skyddsnat_core::file::to_json(&large_plan(1_000));
    let time = |f: &dyn Fn()| {
        let mut times: Vec<Duration> = (0..31)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let ours = time(&|| {
        std::hint::black_box(parse(&text, ROOMY).unwrap());
    });
    let theirs = time(&|| {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).unwrap());
    });
    let v = parse(&text, ROOMY).unwrap();
    let pretty = time(&|| {
        std::hint::black_box(to_pretty(&v));
    });
    let sv: serde_json::Value = serde_json::from_str(&text).unwrap();
    let serde_pretty = time(&|| {
        std::hint::black_box(serde_json::to_string_pretty(&sv).unwrap());
    });
    eprintln!(
        "{} kB: parse {ours:?} (serde_json::Value {theirs:?}), to_pretty {pretty:?} \
         (serde_json {serde_pretty:?}), medians of 31",
        text.len() / 1000
    );
    assert!(
        ours <= theirs,
        "parse {ours:?} slower than serde_json {theirs:?}"
    );
}

/// The 1,000-person plan of `format_large.rs` (people with relations, a
/// meeting of all, an agreement per ten people with checks, a chain and
/// check-ins).
fn large_plan(n: u32) -> skyddsnat_core::Plan {
    use skyddsnat_core::*;
    let mut plan = Plan::new();
    let mut add = |e: Edit| {
        plan.apply(e).unwrap_or_else(|e| panic!("large plan: {e}"));
    };
    add(Edit::SetTitle("Stor plan".into()));
    for (id, name) in [(1, "Alva"), (2, "Elis")] {
        add(Edit::add(Child {
            id: PersonId(id),
            name: name.into(),
            age: Age::new(7).unwrap(),
            note: String::new(),
        }));
    }
    let people: Vec<PersonId> = (0..n).map(|i| PersonId(i + 10)).collect();
    for (i, id) in people.iter().enumerate() {
        let i = i as u32;
        add(Edit::add(Person {
            id: *id,
            name: format!("Person {i}"),
            role: "granne".into(),
            kind: PersonKind::Private,
            place: Place {
                ring: Ring::ALL[(i % 3) as usize],
                sector: Sector::ALL[(i % 6) as usize],
                along: Permille::new((i * 37 % 1001) as u16).unwrap(),
                depth: Permille::HALF,
            },
            lives_with_child: false,
            protected: i.is_multiple_of(17),
            phone: format!("070-{i:07}"),
            note: "Kan hämta på förskolan.".into(),
        }));
        add(Edit::add(Relation {
            id: RelationId(i + 1),
            from: *id,
            to: PersonId(1 + i % 2),
            kind: RelationKind::ALL[(i % 4) as usize],
            supports: i.is_multiple_of(2),
            note: String::new(),
        }));
    }
    let day = Date::from_ymd(2026, 11, 23).unwrap();
    add(Edit::add(Meeting {
        id: MeetingId(1),
        date: day,
        participants: people.clone(),
        note: String::new(),
    }));
    for (a, group) in people.chunks(10).enumerate() {
        let a = a as u32;
        add(Edit::add(Agreement {
            id: AgreementId(a + 1),
            text: format!("Överenskommelse {a}: barnen är aldrig ensamma hemma."),
            responsible: group[..2].to_vec(),
            checks: vec![Check {
                by: group[2..4].to_vec(),
                method: Method::Call,
                when: Frequency::Day,
                time: TimeOfDay::from_hm(19, 0),
                note: String::new(),
            }],
            chain: group[4..8]
                .iter()
                .map(|p| Step {
                    people: vec![*p],
                    action: "Ringer nästa person i kedjan.".into(),
                })
                .collect(),
        }));
        for k in 0..10 {
            add(Edit::add(CheckIn {
                id: CheckInId(a * 10 + k + 1),
                agreement: AgreementId(a + 1),
                date: day.add_days(-(k as i32)),
                outcome: CheckOutcome::Kept,
                step: None,
                note: String::new(),
            }));
        }
    }
    plan
}

/// `as_f64` of a float's shortest text is within a few units in the last
/// place of the float, over the whole range (random bit patterns).
#[test]
fn fractions_read_close_to_their_value() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let f = f64::from_bits(next());
        if !f.is_finite() {
            continue;
        }
        let text = serde_json::to_string(&f).unwrap();
        let read = parse(&text, ROOMY).unwrap().as_f64().unwrap();
        assert!(close(read, f), "{text} read as {read:e}");
    }
}
