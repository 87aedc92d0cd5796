//! Escaping for the HTML and SVG the core writes by hand: everything a user
//! typed passes through here on its way into markup.
//!
//! One rule for text and attribute values alike, so a caller cannot pick the
//! wrong one: the five markup characters become entities (`&`, `<`, `>`, `"`,
//! `'`), which is safe between tags and inside double- or single-quoted
//! attributes, in HTML and in XML (a standalone SVG is XML). Characters that
//! XML forbids even as references (C0 controls other than tab and newline,
//! U+FFFE/U+FFFF) and the Unicode bidi embedding, override and isolate
//! controls are dropped: the first would make the SVG unreadable, the second
//! would let a name turn the rest of a printed line backwards. The output
//! places user text only between tags or inside quoted attribute values,
//! never inside `<style>`, a URL or an event attribute, where entity
//! escaping is not enough. (After typst's `typst-html/src/encode.rs`.)

/// Whether `c` is a bidi embedding, override or isolate control
/// (U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` may not appear in the output at all (see the module notes).
fn is_dropped(c: char) -> bool {
    is_bidi_control(c)
        || matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}')
        || matches!(c, '\u{80}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Appends `text` to `out`, escaped for element content or a quoted attribute value.
pub fn push(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A carriage return would be normalised away by the parser; as a
            // reference it survives, like the rest of what the user typed.
            '\r' => out.push_str("&#13;"),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped for element content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push(&mut out, text);
    out
}

/// `text` escaped like [`escape`], with newlines and tabs as character
/// references, so an attribute value keeps them (a parser would turn a raw
/// newline in an attribute into a space).
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => {
                let mut buf = [0u8; 4];
                push(&mut out, c.encode_utf8(&mut buf));
            }
        }
    }
    out
}

/// A number for an SVG attribute: at most two decimals, no `-0`, and never
/// `NaN` or `inf` (which would make the attribute invalid).
///
pub fn num(v: f64) -> String {
    let hundredths = (v * 100.0).round();
    if !hundredths.is_finite() || hundredths == 0.0 {
        return "0".into();
    }
    let mut s = format!("{:.2}", hundredths / 100.0);
    s.truncate(s.trim_end_matches('0').trim_end_matches('.').len());
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn bidi_overrides_and_forbidden_controls_are_dropped() {
        assert_eq!(escape("Ali\u{202E}gnp.exe\u{2066}x\u{2069}"), "Alignp.exex");
        assert_eq!(escape("a\u{0}b\u{1B}c\u{FFFF}d"), "abcd");
        // Ordinary text, including Swedish and Arabic letters, is untouched.
        assert_eq!(escape("Åsa och أحمد\nrad två"), "Åsa och أحمد\nrad två");
    }

    #[test]
    fn attributes_keep_line_breaks_as_references() {
        assert_eq!(escape_attr("a\nb\t\"c\""), "a&#10;b&#9;&quot;c&quot;");
    }

    #[test]
    fn numbers_are_short_and_always_valid() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.3456), "12.35");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(-12.3), "-12.3");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(-7.0), "-7");
    }

    #[test]
    fn numbers_read_as_the_shortest_text_of_the_rounded_value() {
        // What `num` wrote when it printed the rounded f64 with `{}`: the
        // golden SVGs hold these digits.
        for k in -200_000..200_000 {
            let v = k as f64 * 0.0137;
            let rounded = (v * 100.0).round() / 100.0;
            let expected = format!("{}", if rounded == 0.0 { 0.0 } else { rounded });
            assert_eq!(num(v), expected, "{v}");
        }
    }
}
