//! The strict JSON parser (RFC 8259), with the limits a hostile file needs.
//!
//! It accepts and refuses exactly what serde_json accepted before (the
//! format's tests pin that), reports errors at the same line and column,
//! and sorts them the same way: serde_json's "end of input" errors are
//! [`ParseError::Truncated`], every other refusal is
//! [`ParseError::Syntax`]. Three refusals are its own: a repeated key
//! (serde_json kept the last value), nesting past [`Limits::max_depth`] and
//! an array past [`Limits::max_items`] (these replace serde_json's fixed
//! nesting limit of 128).
//!
//! Values differ from serde_json's `Value` in three corners: `-0` is the
//! integer 0 (serde_json: the float -0.0), an integer past `i64` is a
//! [`Json::Float`] (serde_json: a `u64` up to 2^64 − 1), and a
//! `Json::Float` keeps the number's text, so one past the `f64` range
//! (`1e400`) is read, where serde_json refused it as out of range.
//!
//! The parser does not recurse: open arrays and objects are a stack of
//! frames on the heap, so no nesting depth can overflow the call stack, and
//! the depth limit is checked before a frame is pushed.

use std::collections::BTreeSet;

use super::{Json, Object};

/// How much a text may hold: checked while parsing, before the memory is
/// spent.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The deepest nesting of arrays and objects; a top-level array or
    /// object is at depth 1 (scalars do not count).
    pub max_depth: usize,
    /// The most elements one array may have.
    pub max_items: usize,
}

/// Why a text is not acceptable JSON. Lines and columns are 1-based and
/// counted in bytes, as serde_json counts them (one quirk kept: a raw line
/// break inside a string is reported after it, on the next line, column 0).
#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    /// Not JSON or broken JSON: a wrong character, a lone surrogate
    /// escape, a raw control character in a string, characters after the
    /// value.
    Syntax { line: usize, column: usize },
    /// The text ends inside a value (a cut-off save).
    Truncated { line: usize },
    /// The same key twice in one object (on the line of the second).
    DuplicateKey { key: String, line: usize },
    /// Arrays and objects nested deeper than [`Limits::max_depth`].
    TooDeep { line: usize },
    /// An array with more than [`Limits::max_items`] elements.
    TooMany { line: usize },
}

/// Parses one JSON value that is the whole of `text` (whitespace around it
/// allowed).
pub fn parse(text: &str, limits: Limits) -> Result<Json, ParseError> {
    Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        limits,
    }
    .document()
}

/// Up to this many fields, a repeated key is looked for by comparing with
/// each earlier key; past it, with a sorted set (a hostile 10,000-key object
/// must not cost 50 million comparisons).
const LINEAR_KEY_CHECK: usize = 16;

/// An array or object whose elements are still being read.
enum Frame {
    Array(Vec<Json>),
    Object {
        object: Object,
        /// The key whose value is being read.
        key: String,
        /// Every key so far, once the object has more than
        /// [`LINEAR_KEY_CHECK`] fields.
        seen: Option<BTreeSet<String>>,
    },
}

/// Which of serde_json's two positions an error is reported at: `At` the
/// last byte read (serde_json's `error`), or `Next` the byte looked at but
/// not read (its `peek_error`). Both give a 1-based column.
#[derive(Clone, Copy)]
enum Where {
    At,
    Next,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read (serde_json's `index`).
    pos: usize,
    limits: Limits,
}

impl Parser<'_> {
    fn document(&mut self) -> Result<Json, ParseError> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            // Read one value, or open a container and go read its first one.
            let mut value = match self.peek_non_ws() {
                None => return Err(self.truncated(Where::Next)),
                Some(b'[') => {
                    self.check_depth(stack.len())?;
                    self.pos += 1;
                    match self.peek_non_ws() {
                        Some(b']') => {
                            self.pos += 1;
                            Json::Array(Vec::new())
                        }
                        None => return Err(self.truncated(Where::Next)),
                        Some(_) => {
                            self.check_items(0)?;
                            stack.push(Frame::Array(Vec::new()));
                            continue 'value;
                        }
                    }
                }
                Some(b'{') => {
                    self.check_depth(stack.len())?;
                    self.pos += 1;
                    match self.peek_non_ws() {
                        Some(b'}') => {
                            self.pos += 1;
                            Json::Object(Object::new())
                        }
                        Some(b'"') => {
                            let key = self.string()?;
                            self.colon()?;
                            stack.push(Frame::Object {
                                object: Object::new(),
                                key,
                                seen: None,
                            });
                            continue 'value;
                        }
                        None => return Err(self.truncated(Where::Next)),
                        Some(_) => return Err(self.syntax(Where::Next)),
                    }
                }
                Some(b'"') => Json::Str(self.string()?),
                Some(b'n') => self.word(b"null", Json::Null)?,
                Some(b't') => self.word(b"true", Json::Bool(true))?,
                Some(b'f') => self.word(b"false", Json::Bool(false))?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.syntax(Where::Next)),
            };

            // Put the value into its container; close every container it
            // completes, until one wants a further element.
            loop {
                match stack.last_mut() {
                    None => {
                        return match self.peek_non_ws() {
                            None => Ok(value),
                            Some(_) => Err(self.syntax(Where::Next)),
                        };
                    }
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        match self.peek_non_ws() {
                            Some(b',') => {
                                self.pos += 1;
                                match self.peek_non_ws() {
                                    None => return Err(self.truncated(Where::Next)),
                                    Some(b']') => return Err(self.syntax(Where::Next)),
                                    Some(_) => {
                                        self.check_items(items.len())?;
                                        continue 'value;
                                    }
                                }
                            }
                            Some(b']') => {
                                self.pos += 1;
                                value = Json::Array(std::mem::take(items));
                                stack.pop();
                            }
                            None => return Err(self.truncated(Where::Next)),
                            Some(_) => return Err(self.syntax(Where::Next)),
                        }
                    }
                    Some(Frame::Object { object, key, seen }) => {
                        object.fields.push((std::mem::take(key), value));
                        match self.peek_non_ws() {
                            Some(b',') => {
                                self.pos += 1;
                                match self.peek_non_ws() {
                                    Some(b'"') => {
                                        let key_at = self.pos;
                                        let next = self.string()?;
                                        if is_repeated(object, seen, &next) {
                                            return Err(ParseError::DuplicateKey {
                                                key: next,
                                                line: self.line_of(key_at),
                                            });
                                        }
                                        self.colon()?;
                                        *key = next;
                                        continue 'value;
                                    }
                                    None => return Err(self.truncated(Where::Next)),
                                    Some(_) => return Err(self.syntax(Where::Next)),
                                }
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                value = Json::Object(std::mem::take(object));
                                stack.pop();
                            }
                            None => return Err(self.truncated(Where::Next)),
                            Some(_) => return Err(self.syntax(Where::Next)),
                        }
                    }
                }
            }
        }
    }

    /// Skips whitespace and returns the next byte, unread.
    #[inline]
    fn peek_non_ws(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\n' | b'\t' | b'\r' => self.pos += 1,
                _ => return Some(b),
            }
        }
        None
    }

    /// Refuses to open a container inside `open` others when that is past
    /// the depth limit (the container's bracket is the next byte).
    fn check_depth(&self, open: usize) -> Result<(), ParseError> {
        if open >= self.limits.max_depth {
            return Err(ParseError::TooDeep {
                line: self.line_of(self.pos),
            });
        }
        Ok(())
    }

    /// Refuses a further element of an array that has `count` already (the
    /// element starts at the next byte).
    fn check_items(&self, count: usize) -> Result<(), ParseError> {
        if count >= self.limits.max_items {
            return Err(ParseError::TooMany {
                line: self.line_of(self.pos),
            });
        }
        Ok(())
    }

    /// The `:` after a key.
    fn colon(&mut self) -> Result<(), ParseError> {
        match self.peek_non_ws() {
            Some(b':') => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.truncated(Where::Next)),
            Some(_) => Err(self.syntax(Where::Next)),
        }
    }

    /// `null`, `true` or `false`, whose first byte is the next one.
    fn word(&mut self, word: &[u8], value: Json) -> Result<Json, ParseError> {
        self.pos += 1;
        for &expected in &word[1..] {
            match self.bytes.get(self.pos) {
                None => return Err(self.truncated(Where::At)),
                Some(&b) => {
                    self.pos += 1;
                    if b != expected {
                        return Err(self.syntax(Where::At));
                    }
                }
            }
        }
        Ok(value)
    }

    /// A number, whose first byte (`-` or a digit) is the next one.
    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let negative = self.bytes[start] == b'-';
        if negative {
            self.pos += 1;
        }
        // The integer part: `0` or a digit 1–9 and more digits.
        match self.bytes.get(self.pos) {
            None => return Err(self.truncated(Where::At)),
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
                    return Err(self.syntax(Where::Next));
                }
            }
            Some(b'1'..=b'9') => {
                self.pos += 1;
                self.digits();
            }
            Some(_) => {
                self.pos += 1;
                return Err(self.syntax(Where::At));
            }
        }
        let int_end = self.pos;
        let mut whole = true;
        if let Some(b'.') = self.bytes.get(self.pos) {
            whole = false;
            self.pos += 1;
            if self.digits() == 0 {
                return Err(match self.bytes.get(self.pos) {
                    None => self.truncated(Where::Next),
                    Some(_) => self.syntax(Where::Next),
                });
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            whole = false;
            self.pos += 1;
            if let Some(b'-' | b'+') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            match self.bytes.get(self.pos) {
                None => return Err(self.truncated(Where::At)),
                Some(b'0'..=b'9') => self.digits(),
                Some(_) => {
                    self.pos += 1;
                    return Err(self.syntax(Where::At));
                }
            };
        }
        if whole {
            if let Some(n) = whole_number(&self.bytes[start..int_end]) {
                return Ok(Json::Int(n));
            }
        }
        // A fraction, an exponent or an integer beyond i64: kept as written
        // (see `Json::Float`).
        Ok(Json::Float(self.text[start..self.pos].to_string()))
    }

    /// Reads digits; returns how many.
    #[inline]
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A string, whose opening quote is the next byte; returns its value.
    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1;
        let start = self.pos;
        // Most strings have no escape: one scan, one copy.
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.truncated(Where::At)),
                Some(b'"') => {
                    let s = self.text[start..self.pos].to_string();
                    self.pos += 1;
                    return Ok(s);
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    self.pos += 1;
                    return Err(self.syntax(Where::At));
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        let mut run = start;
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.truncated(Where::At)),
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(&b) if b < 0x20 => {
                    self.pos += 1;
                    return Err(self.syntax(Where::At));
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return Err(self.truncated(Where::At));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.syntax(Where::At)),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape, after the `u`: one code unit, or a
    /// surrogate pair written as two escapes. A lone surrogate is refused
    /// (it is no character, and a string cannot hold it).
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.syntax(Where::At));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            // Outside the surrogates every code unit is a character.
            return char::from_u32(u32::from(first)).ok_or_else(|| self.syntax(Where::At));
        }
        for expected in [b'\\', b'u'] {
            match self.bytes.get(self.pos) {
                None => return Err(self.truncated(Where::At)),
                Some(&b) => {
                    self.pos += 1;
                    if b != expected {
                        return Err(self.syntax(Where::At));
                    }
                }
            }
        }
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.syntax(Where::At));
        }
        let c = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
        char::from_u32(c).ok_or_else(|| self.syntax(Where::At))
    }

    /// Four hex digits. Fewer than four bytes left is a cut-off text,
    /// whatever they are (as serde_json has it).
    fn hex4(&mut self) -> Result<u16, ParseError> {
        let Some(four) = self.bytes.get(self.pos..self.pos + 4) else {
            self.pos = self.bytes.len();
            return Err(self.truncated(Where::At));
        };
        self.pos += 4;
        let mut n: u16 = 0;
        for &b in four {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.syntax(Where::At)),
            };
            n = (n << 4) | u16::from(digit);
        }
        Ok(n)
    }

    /// The byte index serde_json would compute its position from.
    fn index(&self, at: Where) -> usize {
        match at {
            Where::At => self.pos,
            Where::Next => (self.pos + 1).min(self.bytes.len()),
        }
    }

    fn syntax(&self, at: Where) -> ParseError {
        let (line, column) = self.position(self.index(at));
        ParseError::Syntax { line, column }
    }

    fn truncated(&self, at: Where) -> ParseError {
        let (line, _) = self.position(self.index(at));
        ParseError::Truncated { line }
    }

    /// The line of the byte at `pos` (for the limits, which have no column).
    fn line_of(&self, pos: usize) -> usize {
        self.position((pos + 1).min(self.bytes.len())).0
    }

    /// Line and column of the bytes before `index`, as serde_json counts:
    /// the line is 1 + the newlines before it, the column the number of
    /// bytes since the last newline (so the byte at `index - 1`'s 1-based
    /// column; 0 right after a newline).
    fn position(&self, index: usize) -> (usize, usize) {
        let before = &self.bytes[..index.min(self.bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        (line, index - line_start)
    }
}

/// Whether `key` is already a key of `object`; records it in `seen` once
/// the object is past [`LINEAR_KEY_CHECK`] fields.
fn is_repeated(object: &Object, seen: &mut Option<BTreeSet<String>>, key: &str) -> bool {
    if let Some(set) = seen {
        return !set.insert(key.to_string());
    }
    if object.fields.iter().any(|(k, _)| k == key) {
        return true;
    }
    if object.fields.len() >= LINEAR_KEY_CHECK {
        let mut set: BTreeSet<String> = object.fields.iter().map(|(k, _)| k.clone()).collect();
        set.insert(key.to_string());
        *seen = Some(set);
    }
    false
}

/// The value of an integer without fraction or exponent (`-`? digits, as
/// validated), if it fits an `i64`. `-0` is 0.
fn whole_number(digits: &[u8]) -> Option<i64> {
    let (negative, digits) = match digits.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, digits),
    };
    // Accumulate negatively: i64::MIN has no positive counterpart.
    let mut n: i64 = 0;
    for &d in digits {
        n = n.checked_mul(10)?.checked_sub(i64::from(d - b'0'))?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}
