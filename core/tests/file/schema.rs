//! `schema/skyddsnat.schema.json` against the code: real serialised plans
//! (the sample and generated plans) validate; every property and every
//! enum value of the schema is produced by some plan, so the schema cannot
//! describe fields the code no longer has; its enums equal the Rust enums;
//! its limits equal the importer's; and files the schema refuses the
//! importer refuses too.
//!
//! The validator here implements the draft 2020-12 keywords the schema uses
//! (and panics on any other, so the schema cannot quietly grow past it).
// In tests a panic is the failure report: unwrap is the assertion.
#![allow(clippy::unwrap_used)]

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use skyddsnat_core::document::sample::sample_plan;
use skyddsnat_core::file::{from_json, limits, to_json, FORMAT, SCHEMA_VERSION};
use skyddsnat_core::*;
use std::collections::{BTreeSet, HashMap};

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../schema/skyddsnat.schema.json"
    );
    let text = std::fs::read_to_string(path).expect("schema file");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// A validator for the keywords the schema uses, recording which
/// properties and enum values real documents reach.
struct Validator<'s> {
    root: &'s Value,
    regexes: HashMap<String, regex::Regex>,
    /// "def.property" reached by a valid document.
    seen: BTreeSet<String>,
}

impl<'s> Validator<'s> {
    fn new(root: &'s Value) -> Self {
        Validator {
            root,
            regexes: HashMap::new(),
            seen: BTreeSet::new(),
        }
    }

    fn errors(&mut self, doc: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(self.root, doc, "$", "root", &mut errors);
        errors
    }

    fn check(&mut self, s: &Value, v: &Value, at: &str, def: &str, errors: &mut Vec<String>) {
        let Some(s) = s.as_object() else {
            panic!("schema at {def} is not an object")
        };
        for (key, arg) in s {
            match key.as_str() {
                "$schema" | "title" | "description" | "$defs" => {}
                "$ref" => {
                    let name = arg
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/$defs/"))
                        .unwrap_or_else(|| panic!("unsupported $ref {arg}"));
                    let target = &self.root["$defs"][name];
                    assert!(!target.is_null(), "dangling $ref {name}");
                    self.check(target, v, at, name, errors);
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("bad type at {def}"),
                    };
                    if !types.iter().any(|t| has_type(v, t)) {
                        errors.push(format!("{at}: not of type {types:?}"));
                    }
                }
                "const" => {
                    if v != arg {
                        errors.push(format!("{at}: not {arg}"));
                    } else {
                        self.seen.insert(format!("{def} const {arg}"));
                    }
                }
                "enum" => {
                    let allowed = arg.as_array().expect("enum list");
                    if allowed.contains(v) {
                        self.seen.insert(format!("{def} enum {v}"));
                    } else {
                        errors.push(format!("{at}: {v} not in enum"));
                    }
                }
                "properties" | "required" | "additionalProperties" => {
                    if key == "properties" {
                        self.check_object(s, v, at, def, errors);
                    }
                }
                "items" => {
                    if let Value::Array(items) = v {
                        for (i, item) in items.iter().enumerate() {
                            self.check(arg, item, &format!("{at}[{i}]"), def, errors);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let Value::Array(items) = v {
                        let n = arg.as_u64().expect("count") as usize;
                        let ok = if key == "minItems" {
                            items.len() >= n
                        } else {
                            items.len() <= n
                        };
                        if !ok {
                            errors.push(format!("{at}: {key} {n}, has {}", items.len()));
                        }
                    }
                }
                "uniqueItems" => {
                    if let (Value::Array(items), Some(true)) = (v, arg.as_bool()) {
                        let distinct: BTreeSet<String> =
                            items.iter().map(Value::to_string).collect();
                        if distinct.len() != items.len() {
                            errors.push(format!("{at}: items not unique"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(n), Some(bound)) = (as_i128(v), as_i128(arg)) {
                        let ok = if key == "minimum" {
                            n >= bound
                        } else {
                            n <= bound
                        };
                        if !ok {
                            errors.push(format!("{at}: {n} breaks {key} {bound}"));
                        }
                    }
                }
                "maxLength" => {
                    if let Value::String(text) = v {
                        let max = arg.as_u64().expect("length") as usize;
                        if text.chars().count() > max {
                            errors.push(format!("{at}: longer than {max}"));
                        }
                    }
                }
                "pattern" => {
                    if let Value::String(text) = v {
                        let pattern = arg.as_str().expect("pattern");
                        let re = self
                            .regexes
                            .entry(pattern.to_string())
                            .or_insert_with(|| regex::Regex::new(pattern).expect("valid pattern"));
                        if !re.is_match(text) {
                            errors.push(format!("{at}: {text:?} does not match {pattern}"));
                        }
                    }
                }
                "anyOf" | "oneOf" => {
                    let branches = arg.as_array().expect("branches");
                    let mut passing = 0;
                    for b in branches {
                        // A failing branch must not count towards coverage.
                        let seen_before = self.seen.clone();
                        let mut branch_errors = Vec::new();
                        self.check(b, v, at, def, &mut branch_errors);
                        if branch_errors.is_empty() {
                            passing += 1;
                        } else {
                            self.seen = seen_before;
                        }
                    }
                    let ok = if key == "anyOf" {
                        passing >= 1
                    } else {
                        passing == 1
                    };
                    if !ok {
                        errors.push(format!("{at}: {passing} of the {key} branches match"));
                    }
                }
                other => panic!("the schema uses {other:?}, which this test does not check"),
            }
        }
    }

    fn check_object(
        &mut self,
        s: &serde_json::Map<String, Value>,
        v: &Value,
        at: &str,
        def: &str,
        errors: &mut Vec<String>,
    ) {
        let Value::Object(fields) = v else { return };
        let props = s["properties"].as_object().expect("properties");
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().expect("required name");
            if !fields.contains_key(r) {
                errors.push(format!("{at}: missing {r}"));
            }
        }
        let closed = s.get("additionalProperties") == Some(&Value::Bool(false));
        assert!(closed, "{def}: every object in the schema is closed");
        for (name, value) in fields {
            match props.get(name) {
                Some(p) => {
                    self.seen.insert(format!("{def}.{name}"));
                    self.check(p, value, &format!("{at}.{name}"), def, errors);
                }
                None => errors.push(format!("{at}: unknown property {name}")),
            }
        }
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}

fn as_i128(v: &Value) -> Option<i128> {
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
}

fn doc(plan: &Plan) -> Value {
    serde_json::from_str(&to_json(plan)).expect("export is JSON")
}

fn generated_plans(n: usize) -> Vec<Plan> {
    let mut runner = TestRunner::deterministic();
    let strategy = crate::support::plan();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).expect("a plan").current())
        .collect()
}

#[test]
fn real_plans_validate_and_reach_every_property_and_enum_value() {
    let schema = schema();
    let mut validator = Validator::new(&schema);
    let mut plans = vec![sample_plan(), Plan::new()];
    plans.extend(generated_plans(150));
    // Closed meetings: each generated plan with a meeting, closed (schema
    // version 2 keeps the plan as it stood in `snapshots`).
    let closed: Vec<Plan> = plans
        .iter()
        .filter_map(|p| {
            let meeting = p.latest_meeting()?.id;
            let mut p = p.clone();
            p.apply(p.close_meeting(meeting).ok()?).ok()?;
            Some(p)
        })
        .collect();
    assert!(!closed.is_empty());
    plans.extend(closed);
    for plan in &plans {
        let errors = validator.errors(&doc(plan));
        assert!(errors.is_empty(), "{errors:#?}\n{}", to_json(plan));
    }
    // Everything the schema describes is something a real plan contains.
    let mut unreached = Vec::new();
    collect_expected(&schema, "root", &mut unreached);
    unreached.retain(|k| !validator.seen.contains(k));
    assert!(
        unreached.is_empty(),
        "never produced by any plan: {unreached:#?}"
    );
}

/// Every "def.property", "def enum value" and "def const value" in the schema.
fn collect_expected(s: &Value, def: &str, out: &mut Vec<String>) {
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (name, p) in props {
            out.push(format!("{def}.{name}"));
            collect_expected(p, def, out);
        }
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().map(|v| format!("{def} enum {v}")));
    }
    if let Some(c) = s.get("const") {
        out.push(format!("{def} const {c}"));
    }
    for key in ["anyOf", "oneOf"] {
        for b in s.get(key).and_then(Value::as_array).into_iter().flatten() {
            collect_expected(b, def, out);
        }
    }
    for key in ["items"] {
        if let Some(i) = s.get(key) {
            collect_expected(i, def, out);
        }
    }
    if let Some(defs) = s.get("$defs").and_then(Value::as_object) {
        for (name, d) in defs {
            collect_expected(d, name, out);
        }
    }
}

/// The string values of a schema enum.
fn schema_enum(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {pointer}"))
        .iter()
        .map(|v| v.as_str().expect("string enum").to_string())
        .collect()
}

fn serialised<T: serde::Serialize>(values: &[T]) -> BTreeSet<String> {
    values
        .iter()
        .map(|v| match serde_json::to_value(v).expect("serialises") {
            Value::String(s) => s,
            other => other["every"].as_str().expect("tagged").to_string(),
        })
        .collect()
}

// Exhaustive matches: adding a variant to one of these enums fails to
// compile here until it is listed, and then fails the test until the schema
// has it too.
fn all_outcomes() -> Vec<Outcome> {
    let all = Outcome::ALL.to_vec();
    for o in &all {
        match o {
            Outcome::StaysHome
            | Outcome::PlacementAvoided
            | Outcome::PlacementShortened
            | Outcome::Placed
            | Outcome::FamilyEnded
            | Outcome::Other => {}
        }
    }
    all
}

fn all_agencies() -> Vec<AgencyKind> {
    let all = AgencyKind::ALL.to_vec();
    for a in &all {
        match a {
            AgencyKind::School
            | AgencyKind::Fritids
            | AgencyKind::Bup
            | AgencyKind::HealthCentre
            | AgencyKind::Police
            | AgencyKind::SocialServices
            | AgencyKind::OutOfHours
            | AgencyKind::Other => {}
        }
    }
    all
}

fn all_meeting_statuses() -> Vec<MeetingStatus> {
    let all = vec![
        MeetingStatus::Planned,
        MeetingStatus::Held,
        MeetingStatus::Cancelled,
    ];
    for m in &all {
        match m {
            MeetingStatus::Planned | MeetingStatus::Held | MeetingStatus::Cancelled => {}
        }
    }
    all
}

fn all_child_parts() -> Vec<ChildPart> {
    let all = vec![ChildPart::TookPart, ChildPart::Told, ChildPart::NotTold];
    for p in &all {
        match p {
            ChildPart::TookPart | ChildPart::Told | ChildPart::NotTold => {}
        }
    }
    all
}

fn all_verdicts() -> Vec<Verdict> {
    let all = vec![
        Verdict::StaysHome,
        Verdict::PlacementConsidered,
        Verdict::ReturnPlanned,
    ];
    for v in &all {
        match v {
            Verdict::StaysHome | Verdict::PlacementConsidered | Verdict::ReturnPlanned => {}
        }
    }
    all
}

fn all_questionnaires() -> Vec<Questionnaire> {
    let all = vec![Questionnaire::FollowUp, Questionnaire::Exit];
    for q in &all {
        match q {
            Questionnaire::FollowUp | Questionnaire::Exit => {}
        }
    }
    all
}

fn all_kinds() -> Vec<PersonKind> {
    let all = vec![PersonKind::Private, PersonKind::Professional];
    for k in &all {
        match k {
            PersonKind::Private | PersonKind::Professional => {}
        }
    }
    all
}

fn all_agreeing() -> Vec<Agreeing> {
    let all = vec![Agreeing::Yes, Agreeing::Partly, Agreeing::No];
    for a in &all {
        match a {
            Agreeing::Yes | Agreeing::Partly | Agreeing::No => {}
        }
    }
    all
}

fn all_allowed() -> Vec<Allowed> {
    let all = vec![Allowed::Yes, Allowed::OnCondition, Allowed::Never];
    for a in &all {
        match a {
            Allowed::Yes | Allowed::OnCondition | Allowed::Never => {}
        }
    }
    all
}

fn all_check_outcomes() -> Vec<CheckOutcome> {
    let all = CheckOutcome::ALL.to_vec();
    for o in &all {
        match o {
            CheckOutcome::Kept
            | CheckOutcome::NotKept
            | CheckOutcome::NoAnswer
            | CheckOutcome::Unreachable
            | CheckOutcome::Missed => {}
        }
    }
    all
}

fn all_respondents() -> Vec<Respondent> {
    let all = vec![
        Respondent::Child,
        Respondent::Parent,
        Respondent::Network,
        Respondent::Professional,
    ];
    for r in &all {
        match r {
            Respondent::Child
            | Respondent::Parent
            | Respondent::Network
            | Respondent::Professional => {}
        }
    }
    all
}

fn all_frequencies() -> Vec<Frequency> {
    let day = Date::from_ymd(2026, 1, 1).expect("a date");
    let all = vec![
        Frequency::Day,
        Frequency::Weekday,
        Frequency::Weekend,
        Frequency::Days {
            days: vec![Weekday::Mon],
        },
        Frequency::NthDay { n: 2, from: day },
        Frequency::Week { times: 1 },
        Frequency::Once { date: day },
    ];
    for f in &all {
        match f {
            Frequency::Day
            | Frequency::Weekday
            | Frequency::Weekend
            | Frequency::Days { .. }
            | Frequency::NthDay { .. }
            | Frequency::Week { .. }
            | Frequency::Once { .. } => {}
        }
    }
    all
}

#[test]
fn schema_enums_equal_the_rust_enums() {
    let s = schema();
    let d = "/$defs";
    let cases: Vec<(String, BTreeSet<String>)> = vec![
        (format!("{d}/sector/enum"), serialised(&Sector::ALL)),
        (format!("{d}/weekday/enum"), serialised(&Weekday::ALL)),
        (
            format!("{d}/person/properties/kind/enum"),
            serialised(&all_kinds()),
        ),
        (
            format!("{d}/relation/properties/kind/enum"),
            serialised(&RelationKind::ALL),
        ),
        (
            format!("{d}/mapping_note/properties/column/enum"),
            serialised(&Column::ALL),
        ),
        (
            format!("{d}/stance/properties/agrees/enum"),
            serialised(&all_agreeing()),
        ),
        (
            format!("{d}/check/properties/method/enum"),
            serialised(&Method::ALL),
        ),
        (
            format!("{d}/supervision_rule/properties/allowed/enum"),
            serialised(&all_allowed()),
        ),
        (
            format!("{d}/check_in/properties/outcome/enum"),
            serialised(&all_check_outcomes()),
        ),
        (
            format!("{d}/follow_up/properties/respondent/enum"),
            serialised(&all_respondents()),
        ),
        (format!("{d}/outcome/enum"), serialised(&all_outcomes())),
        (format!("{d}/agency_kind/enum"), serialised(&all_agencies())),
        (
            format!("{d}/meeting/properties/status/enum"),
            serialised(&all_meeting_statuses()),
        ),
        (
            format!("{d}/child_taking_part/properties/part/enum"),
            serialised(&all_child_parts()),
        ),
        (
            format!("{d}/assessment/properties/verdict/enum"),
            serialised(&all_verdicts()),
        ),
        (
            format!("{d}/follow_up/properties/questionnaire/enum"),
            serialised(&all_questionnaires()),
        ),
    ];
    for (pointer, rust) in cases {
        assert_eq!(schema_enum(&s, &pointer), rust, "{pointer}");
    }
    let tags: BTreeSet<String> = s["$defs"]["frequency"]["oneOf"]
        .as_array()
        .expect("frequency branches")
        .iter()
        .map(|b| {
            b["properties"]["every"]["const"]
                .as_str()
                .expect("tag")
                .to_string()
        })
        .collect();
    assert_eq!(tags, serialised(&all_frequencies()));
}

#[test]
fn schema_limits_and_envelope_equal_the_importers() {
    let s = schema();
    assert_eq!(s["properties"]["format"]["const"], json!(FORMAT));
    assert_eq!(
        s["properties"]["schema_version"]["const"],
        json!(SCHEMA_VERSION)
    );
    assert_eq!(
        s["$defs"]["line"]["maxLength"],
        json!(limits::MAX_NAME_CHARS)
    );
    assert_eq!(
        s["$defs"]["text"]["maxLength"],
        json!(limits::MAX_TEXT_CHARS)
    );
    for (name, list) in s["properties"].as_object().expect("properties") {
        if list["type"] != "array" {
            continue;
        }
        let max = match name.as_str() {
            "people" => limits::MAX_PEOPLE,
            "children" => limits::MAX_CHILDREN,
            "snapshots" => limits::MAX_SNAPSHOTS,
            _ => limits::MAX_ITEMS,
        };
        assert_eq!(list["maxItems"], json!(max), "{name}");
    }
}

#[test]
fn documents_the_schema_refuses_the_importer_refuses() {
    let s = schema();
    let mut validator = Validator::new(&s);
    let base = doc(&sample_plan());
    type Mutation = fn(&mut Value);
    let mutations: Vec<(&str, Mutation)> = vec![
        ("ring 4", |v| v["people"][0]["place"]["ring"] = json!(4)),
        ("age 18", |v| v["children"][0]["age"] = json!(18)),
        ("permille 1001", |v| {
            v["people"][1]["place"]["depth"] = json!(1001)
        }),
        ("score 11", |v| {
            v["scales"][0]["answers"][0]["value"] = json!(11)
        }),
        ("negative id", |v| v["relations"][0]["id"] = json!(-1)),
        ("unknown sector", |v| {
            v["people"][0]["place"]["sector"] = json!("garden")
        }),
        ("unknown top field", |v| v["colour"] = json!("red")),
        ("unknown nested field", |v| {
            v["agreements"][0]["chain"][0]["who"] = json!([])
        }),
        ("missing name", |v| {
            v["people"][0]
                .as_object_mut()
                .expect("person")
                .remove("name");
        }),
        ("name 201 chars", |v| {
            v["people"][0]["name"] = json!("a".repeat(201))
        }),
        ("note 10,001 chars", |v| {
            v["people"][0]["note"] = json!("a".repeat(10_001))
        }),
        ("newline in name", |v| {
            v["people"][0]["name"] = json!("a\nb")
        }),
        ("bidi override in name", |v| {
            v["children"][0]["name"] = json!("\u{202E}avlA")
        }),
        ("bell in note", |v| v["people"][0]["note"] = json!("a\u{7}")),
        ("date format", |v| {
            v["meetings"][0]["date"] = json!("23/11/2026")
        }),
        ("year 2201", |v| {
            v["meetings"][0]["date"] = json!("2201-01-01")
        }),
        ("time 24:00", |v| {
            v["agreements"][0]["checks"][0]["time"] = json!("24:00")
        }),
        ("every 0th day", |v| {
            v["agreements"][0]["checks"][0]["when"] =
                json!({"every": "nth_day", "n": 0, "from": "2026-01-01"})
        }),
        ("8 times a week", |v| {
            v["agreements"][0]["checks"][0]["when"] = json!({"every": "week", "times": 8})
        }),
        ("no weekdays", |v| {
            v["agreements"][0]["checks"][0]["when"] = json!({"every": "days", "days": []})
        }),
        ("frequency with extra field", |v| {
            v["agreements"][0]["checks"][0]["when"] = json!({"every": "day", "n": 2})
        }),
        ("nth_day with extra field", |v| {
            v["agreements"][0]["checks"][0]["when"] =
                json!({"every": "nth_day", "n": 2, "from": "2026-01-01", "times": 1})
        }),
        ("sector twice", |v| {
            v["settings"]["sector_order"][1] = v["settings"]["sector_order"][0].clone()
        }),
        ("five sectors", |v| {
            v["settings"]["sector_order"]
                .as_array_mut()
                .expect("order")
                .pop();
        }),
        ("place as a list", |v| {
            v["people"][0]["place"] = json!([1, "family", 500, 500])
        }),
        ("mapping note as a list", |v| {
            v["mapping"][0] = json!([99, "worry", "x"])
        }),
        ("newer version", |v| {
            v["schema_version"] = json!(SCHEMA_VERSION + 1)
        }),
        ("other format", |v| v["format"] = json!("excel")),
        ("float where integer", |v| {
            v["people"][0]["place"]["along"] = json!(0.5)
        }),
        ("string id", |v| v["people"][0]["id"] = json!("3")),
    ];
    for (what, mutate) in mutations {
        let mut v = base.clone();
        mutate(&mut v);
        assert!(
            !validator.errors(&v).is_empty(),
            "the schema accepts {what}"
        );
        assert!(
            from_json(&v.to_string()).is_err(),
            "the importer accepts {what}"
        );
    }
    // And the untouched document passes both.
    assert!(validator.errors(&base).is_empty());
}
