//! Message catalogs: every string the user reads comes from `core/i18n/<lang>/*.txt`.
//!
//! The format is one message per line, `key = text`, with `{name}` placeholders
//! and `#` comments; see `core/i18n/README.md`. Catalogs are compiled in, so a
//! translator adds a file and one line in [`Lang`], and never touches the code
//! that uses the messages.

pub mod labels;

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the product speaks. Swedish first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
    /// A right-to-left pseudo-locale (`qps-plocm`) for testing layouts: the
    /// English texts wrapped in right-to-left marks and brackets. Never shown
    /// in the language switch; it proves that nothing is hard-coded and that
    /// the widget mirrors correctly for right-to-left languages.
    PseudoRtl,
}

impl Lang {
    /// The languages a user can pick.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 tag (`sv`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::PseudoRtl => "qps-plocm",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        if code.eq_ignore_ascii_case("qps-plocm") {
            return Some(Lang::PseudoRtl);
        }
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Text direction of the language (`ltr` or `rtl`).
    pub fn dir(self) -> &'static str {
        match self {
            Lang::PseudoRtl => "rtl",
            Lang::Sv | Lang::En => "ltr",
        }
    }

    fn source(self) -> &'static str {
        // One file per area, so areas can grow without touching each other.
        macro_rules! catalog {
            ($lang:literal) => {
                concat!(
                    include_str!(concat!("../../i18n/", $lang, "/core.txt")),
                    "\n",
                    include_str!(concat!("../../i18n/", $lang, "/format.txt")),
                    "\n",
                    include_str!(concat!("../../i18n/", $lang, "/print.txt")),
                    "\n",
                    include_str!(concat!("../../i18n/", $lang, "/ui.txt")),
                    "\n",
                    include_str!(concat!("../../i18n/", $lang, "/analysis.txt")),
                )
            };
        }
        match self {
            Lang::Sv => catalog!("sv"),
            Lang::En | Lang::PseudoRtl => catalog!("en"),
        }
    }

    fn catalog(self) -> &'static HashMap<&'static str, &'static str> {
        static SV: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        static EN: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        static RTL: OnceLock<HashMap<&str, &str>> = OnceLock::new();
        let cell = match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
            Lang::PseudoRtl => {
                return RTL.get_or_init(|| {
                    // Built once per process; the leak is bounded by the catalog size.
                    parse_catalog(self.source())
                        .into_iter()
                        .map(|(k, v)| {
                            let s: &'static str =
                                Box::leak(format!("\u{200F}[{v}]\u{200F}").into_boxed_str());
                            (k, s)
                        })
                        .collect()
                });
            }
        };
        cell.get_or_init(|| parse_catalog(self.source()))
    }
}

/// Parses `key = text` lines; later duplicates win (a test forbids them).
/// A number with `places` decimals in the language's notation: Swedish writes
/// a decimal comma ("76,5"), English a point ("76.5"). The one rule for every
/// number shown or printed as text; files and CSV keep the point for programs.
pub fn decimal(value: f64, places: usize, lang: Lang) -> String {
    decimal_sign(format!("{value:.places$}"), lang)
}

/// A number already written with a point (e.g. read from a CSV), in the
/// language's notation (see [`decimal`]).
pub fn decimal_sign(text: String, lang: Lang) -> String {
    match lang {
        Lang::Sv => text.replace('.', ","),
        _ => text,
    }
}

pub fn parse_catalog(src: &str) -> HashMap<&str, &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

/// The message `key` in `lang`. A missing key shows the key itself, so a gap
/// is visible in the UI rather than silently blank (a test keeps catalogs complete).
pub fn tr(lang: Lang, key: &str) -> &str {
    lang.catalog()
        .get(key)
        .copied()
        .or_else(|| Lang::En.catalog().get(key).copied())
        .unwrap_or(key)
}

/// The message `key` with `{name}` placeholders filled from `args`.
pub fn trf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(lang, tr(lang, key), args)
}

/// `name` made possessive, the one rule for every "{name:gen}" in the
/// catalogs. Swedish adds an s, except after s, x or z ("Alvas", but
/// "Elis trygga hus", "Max tre hus"); English adds 's ("Elis's"). Markup
/// around a name (print wraps names in tags) is looked through.
pub fn possessive(name: &str, lang: Lang) -> String {
    let mut text = name.trim_end();
    while text.ends_with('>') {
        match text.rfind('<') {
            Some(at) => text = text[..at].trim_end(),
            None => break,
        }
    }
    match lang {
        Lang::En | Lang::PseudoRtl => format!("{name}'s"),
        Lang::Sv => {
            let last = text
                .chars()
                .next_back()
                .map(|c| c.to_lowercase().next().unwrap_or(c));
            if matches!(last, Some('s' | 'x' | 'z') | None) {
                name.to_string()
            } else {
                format!("{name}s")
            }
        }
    }
}

/// Replaces each `{name}` in `template` by its value in `args`, and each
/// `{name:gen}` by its [`possessive`], in one pass (so a value that itself
/// contains `{name}` is never expanded again).
pub fn fill(lang: Lang, template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                let (key, genitive) = match name.strip_suffix(":gen") {
                    Some(key) => (key, true),
                    None => (name, false),
                };
                match args.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) if genitive => out.push_str(&possessive(v, lang)),
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn swedish_numbers_have_a_decimal_comma_and_english_a_point() {
        assert_eq!(decimal(76.45, 1, Lang::Sv), "76,5");
        assert_eq!(decimal(76.45, 1, Lang::En), "76.5");
        assert_eq!(decimal(5.0, 1, Lang::Sv), "5,0");
        assert_eq!(decimal(12.0, 0, Lang::Sv), "12");
        assert_eq!(decimal_sign("0.25".into(), Lang::Sv), "0,25");
    }

    #[test]
    fn a_too_large_file_is_named_in_megabytes_in_the_readers_notation() {
        let e = crate::file::from_json(&" ".repeat(crate::file::limits::MAX_BYTES + 1))
            .expect_err("too large");
        assert!(
            e.message(Lang::Sv).contains("5,0"),
            "{}",
            e.message(Lang::Sv)
        );
        assert!(
            e.message(Lang::En).contains("5.0"),
            "{}",
            e.message(Lang::En)
        );
    }

    fn keys(src: &str) -> Vec<&str> {
        src.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_once('=').map(|(k, _)| k.trim()).unwrap_or(l))
            .collect()
    }

    #[test]
    fn every_catalog_has_every_key_once_and_only_valid_lines() {
        let reference: BTreeSet<&str> = keys(Lang::Sv.source()).into_iter().collect();
        for lang in Lang::ALL {
            let src = lang.source();
            for line in src.lines().map(str::trim) {
                assert!(
                    line.is_empty() || line.starts_with('#') || line.contains('='),
                    "{}: malformed line {line:?}",
                    lang.code()
                );
            }
            let ks = keys(src);
            let set: BTreeSet<&str> = ks.iter().copied().collect();
            assert_eq!(ks.len(), set.len(), "{}: duplicate keys", lang.code());
            let missing: Vec<_> = reference.difference(&set).collect();
            let extra: Vec<_> = set.difference(&reference).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has extra {extra:?}", lang.code());
        }
    }

    /// Every Rust file under `dir`, recursively, as (path, text).
    fn rust_files(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// A key the code names but no catalog holds would show as the bare key
    /// on screen. The code of the core and the widget is scanned for message
    /// keys: every dotted lower-case string literal ("panel.person.title"),
    /// every `format!("prefix.{…}")` that builds one, and every finding's key
    /// (`Finding::new(…, "key")` needs `finding.key` and `finding.key.hint`).
    /// The catalogs hold the same keys in every language (the test above).
    #[test]
    fn every_key_the_code_names_is_in_the_catalogs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("../web/src"), &mut files);
        let known: BTreeSet<&str> = keys(Lang::Sv.source()).into_iter().collect();
        // This file's own tests name keys on purpose, right or wrong.
        files.retain(|(path, _)| !path.ends_with("i18n/mod.rs"));
        // Dotted literals and templates that are not messages: JSON paths of
        // the file format.
        const NOT_KEYS: [&str; 4] = ["plan.snapshots", "settings.sector_order", "plan.", "house."];
        let literal = regex::Regex::new(r#""([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)""#).unwrap();
        let template =
            regex::Regex::new(r#"format!\(\s*"([a-z][a-z0-9_]*\.(?:[a-z0-9_]+\.)*)\{"#).unwrap();
        let finding =
            regex::Regex::new(r#"Finding::new\(\s*Severity::\w+,[^"]*?"([a-z_]+)""#).unwrap();
        let mut missing = Vec::new();
        let (mut literals, mut templates, mut findings) = (0, 0, 0);
        for (path, text) in &files {
            for m in literal.captures_iter(text) {
                let key = &m[1];
                if NOT_KEYS.contains(&key) {
                    continue;
                }
                literals += 1;
                if !known.contains(key) {
                    missing.push(format!("{path}: {key}"));
                }
            }
            for m in template.captures_iter(text) {
                let prefix = &m[1];
                if NOT_KEYS.contains(&prefix) {
                    continue;
                }
                templates += 1;
                if !known.iter().any(|k| k.starts_with(prefix)) {
                    missing.push(format!("{path}: {prefix}…"));
                }
            }
            for m in finding.captures_iter(text) {
                findings += 1;
                for key in [
                    format!("finding.{}", &m[1]),
                    format!("finding.{}.hint", &m[1]),
                ] {
                    if !known.contains(key.as_str()) {
                        missing.push(format!("{path}: {key}"));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys in the code but not in the catalogs: {missing:#?}"
        );
        // The scan saw the code: the widget names hundreds of keys, a few are
        // built with format!, and the validation makes some twenty findings.
        assert!(literals > 500, "{literals} keys in {} files", files.len());
        assert!(templates >= 5, "{templates} built keys");
        assert!(findings >= 20, "{findings} findings");
        // And it would notice a key that is missing.
        assert!(literal.is_match(r#"tr(lang, "panel.person.tittle")"#));
        assert!(!known.contains("panel.person.tittle"));
    }

    #[test]
    fn names_are_made_possessive_by_each_language_s_rule() {
        let sv = |name: &str| trf(Lang::Sv, "child.safety_house.label", &[("child", name)]);
        assert_eq!(sv("Elis"), "Elis trygga hus");
        assert_eq!(sv("Max"), "Max trygga hus");
        assert_eq!(sv("Liz"), "Liz trygga hus");
        assert_eq!(sv("Alva"), "Alvas trygga hus");
        assert_eq!(sv("JONAS"), "JONAS trygga hus");
        assert_eq!(possessive("<b>Elis</b>", Lang::Sv), "<b>Elis</b>");
        assert_eq!(possessive("<b>Alva</b>", Lang::Sv), "<b>Alva</b>s");
        let en = |name: &str| trf(Lang::En, "child.safety_house.label", &[("child", name)]);
        assert_eq!(en("Elis"), "Elis's safety house");
        assert_eq!(en("Alva"), "Alva's safety house");
        // No catalog makes a name possessive by hand.
        for lang in [Lang::Sv, Lang::En] {
            for (key, text) in lang.catalog() {
                for glued in ["}s ", "}'s", "}’s"] {
                    assert!(!text.contains(glued), "{}: {key} = {text}", lang.code());
                }
            }
        }
    }

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(
            fill(Lang::Sv, "Hej {name}!", &[("name", "{name}")]),
            "Hej {name}!"
        );
        assert_eq!(
            fill(Lang::Sv, "{a}{b} {c", &[("a", "1"), ("b", "2")]),
            "12 {c"
        );
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("sv"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code("qps-plocm"), Some(Lang::PseudoRtl));
    }

    #[test]
    fn the_pseudo_locale_is_right_to_left_and_covers_every_message() {
        let lang = Lang::PseudoRtl;
        assert_eq!(lang.dir(), "rtl");
        for key in keys(Lang::En.source()) {
            let text = tr(lang, key);
            assert!(
                text.starts_with('\u{200F}') && text.ends_with('\u{200F}'),
                "{key}"
            );
            assert!(text.contains(tr(Lang::En, key)), "{key}");
        }
    }
}
