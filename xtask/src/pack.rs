//! How the offline file carries its wasm and script within the 400 KB budget.
//!
//! Base64 of gzip (the obvious way) costs a third more than the compressed
//! bytes, and gzip itself is a quarter larger than LZMA on wasm. So:
//! - the wasm is compressed with LZMA in the `.lzma` ("alone") format, which
//!   `web/js/offline-unpack.js` decodes in the browser (no decoder ships in
//!   any browser, and the decoder is ~200 lines);
//! - the page is windows-1252, where every byte is one character, and the
//!   compressed bytes go into a `<script type="application/octet-stream">`
//!   almost as they are. Only three bytes need care inside a script element:
//!   CR (the parser turns CR and CRLF into LF), `<` before `/` or `!` (could
//!   start `</script` or `<!--`; any other `<` is plain text to the parser)
//!   and the escape byte `=` itself. Each is written as `=` and the byte plus
//!   0x40 (`M`, `|`, `}`). NUL stays raw: the parser turns it into U+FFFD,
//!   which no windows-1252 byte decodes to, so the reader takes U+FFFD back
//!   as NUL (and "save a copy" writes it back as NUL).
//! - everything else in the page must be windows-1252 too: the template's
//!   own text is (å, ä and ö are), and the script is made ASCII with `\u`
//!   escapes, which mean the same in JavaScript strings, regexes and comments.
//!
//! `offline-unpack.js` is the reading side; `tests/e2e/unpack.test.mjs` reads
//! the built file back with the browser's windows-1252 decoder and compares it
//! with `dist/embed/skyddsnat_bg.wasm`.

use crate::Result;
use std::io::Write;

/// The escape byte, and the bytes that must never appear raw in the page.
const ESCAPE: u8 = b'=';
const UNSAFE: [u8; 2] = [b'\r', ESCAPE];
const SHIFT: u8 = 0x40;

/// Unicode characters of windows-1252's bytes 0x80..=0x9F (WHATWG index: the
/// five unassigned bytes decode to the C1 control of the same number).
const CP1252_HIGH: [char; 32] = [
    '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
];

/// LZMA with a `.lzma` header that records the unpacked size (so no end
/// marker). The strongest preset: the file is built once and read often.
pub fn lzma(bytes: &[u8]) -> Result<Vec<u8>> {
    use lzma_rust2::{LzmaOptions, LzmaWriter};
    let mut options = LzmaOptions::with_preset(9);
    // A dictionary as large as the input finds every repeat; larger only
    // costs the encoder memory (the decoder unpacks into one buffer anyway).
    options.dict_size = u32::try_from(bytes.len().next_power_of_two())
        .map_err(|_| "the wasm is over 4 GB".to_string())?
        .max(1 << 16);
    // wasm is byte code: the position of a byte within 4 (pb = 2, the
    // default, made for 32-bit data) predicts nothing, and the previous byte
    // predicts the next one better with all four of its high bits (lc = 4).
    // Measured on the widget: 1.3 KB smaller than lc 3, pb 2; lc 5 and up
    // or pb 1 are larger again. offline-unpack.js reads lc/lp/pb from the
    // header byte, so the decoder needs no change.
    options.lc = 4;
    options.pb = 0;
    // The longest matches the format allows (preset 9 stops at 64):
    // 0.2 KB smaller, a few seconds more.
    options.nice_len = LzmaOptions::NICE_LEN_MAX;
    let mut writer = LzmaWriter::new_use_header(Vec::new(), &options, Some(bytes.len() as u64))
        .map_err(|e| format!("lzma: {e}"))?;
    writer.write_all(bytes).map_err(|e| format!("lzma: {e}"))?;
    writer.finish().map_err(|e| format!("lzma: {e}"))
}

/// The packed bytes as the windows-1252 bytes of the element's text.
pub fn escape_inlined(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 50);
    for (i, &b) in bytes.iter().enumerate() {
        // A `<` is escaped before `/` or `!`, and at the end, where the
        // template's own `</script>` follows. `/` and `!` are never escaped,
        // so the page shows the same follower as the bytes.
        let opens_tag = b == b'<' && matches!(bytes.get(i + 1), None | Some(b'/' | b'!'));
        if UNSAFE.contains(&b) || opens_tag {
            out.push(ESCAPE);
            out.push(b.wrapping_add(SHIFT));
        } else {
            out.push(b);
        }
    }
    out
}

/// JavaScript source as ASCII: every other character as `\uXXXX` (UTF-16
/// units). Correct inside strings, template literals, regexes and comments,
/// which is everywhere our glue and element put non-ASCII text.
pub fn ascii_js(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for c in source.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Text (the page template) as windows-1252 bytes; fails on a character the
/// encoding does not have, instead of writing mojibake.
pub fn cp1252(text: &str) -> Result<Vec<u8>> {
    text.chars()
        .map(|c| match u32::from(c) {
            n @ (0..=0x7f | 0xa0..=0xff) => Ok(n as u8),
            _ => CP1252_HIGH
                .iter()
                .position(|&h| h == c)
                .map(|i| 0x80 + i as u8)
                .ok_or_else(|| format!("{c:?} (U+{:04X}) has no windows-1252 byte", u32::from(c))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// The reading side, as web/js/offline-unpack.js does it on the decoded text.
    fn unescape(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut it = bytes.iter();
        while let Some(&b) = it.next() {
            if b == ESCAPE {
                out.push(
                    it.next()
                        .expect("escape has a follower")
                        .wrapping_sub(SHIFT),
                );
            } else {
                out.push(b);
            }
        }
        out
    }

    #[test]
    fn every_byte_survives_escaping_and_no_unsafe_byte_is_left() {
        // Every byte, and every pair of bytes (so every `<` before every
        // follower), ending in `<` (the template's `</script>` comes next).
        let mut all: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                all.extend([a, b]);
            }
        }
        all.push(b'<');
        let escaped = escape_inlined(&all);
        assert!(!escaped.contains(&b'\r'), "CR left raw");
        assert!(!escaped.windows(2).any(|w| w == b"</" || w == b"<!"));
        assert_ne!(escaped.last(), Some(&b'<'));
        assert_eq!(unescape(&escaped), all);
        // Two bytes in 256 (and `<` before two) cost two: under 0.9 %.
        assert!(escaped.len() < all.len() * 1009 / 1000);
    }

    #[test]
    fn lzma_unpacks_to_the_input_and_beats_gzip_on_code() {
        // Something code-like: repetitive with variation.
        let input: Vec<u8> = (0..200_000u32)
            .map(|i| ((i * 7 + i / 13) % 61) as u8 ^ ((i % 5) as u8))
            .collect();
        let packed = lzma(&input).expect("lzma in memory");
        assert!(packed.len() < input.len() / 4, "{} bytes", packed.len());
        let mut unpacked = Vec::new();
        lzma_rust2::LzmaReader::new_mem_limit(&packed[..], u32::MAX, None)
            .expect("valid .lzma header")
            .read_to_end(&mut unpacked)
            .expect("valid stream");
        assert_eq!(unpacked, input);
        // The header records the size, which the browser's decoder relies on.
        assert_eq!(
            u64::from_le_bytes(packed[5..13].try_into().expect("8 bytes")),
            200_000
        );
    }

    #[test]
    fn javascript_becomes_ascii_with_the_same_meaning() {
        assert_eq!(
            ascii_js("'Skyddsnät' // ✓ 😀"),
            "'Skyddsn\\u00e4t' // \\u2713 \\ud83d\\ude00"
        );
        assert!(ascii_js("plain").eq("plain"));
    }

    #[test]
    fn windows_1252_covers_swedish_and_refuses_what_it_cannot_hold() {
        assert_eq!(
            cp1252("Skyddsnät åÖ").expect("latin"),
            b"Skyddsn\xe4t \xe5\xd6"
        );
        assert_eq!(cp1252("€–").expect("cp1252 extras"), vec![0x80, 0x96]);
        assert!(cp1252("✓").is_err());
    }
}
