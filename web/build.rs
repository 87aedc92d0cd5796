//! Writes `style.css` without its comments and layout whitespace to
//! `$OUT_DIR/style.min.css`, which `api::stylesheet` compiles in. The wasm
//! carries the stylesheet as a string, and the offline file has a size budget
//! (the comments are for the people who edit `src/style.css`, which stays as
//! it is).

use std::path::Path;

fn main() {
    let source = Path::new("src/style.css");
    println!("cargo::rerun-if-changed={}", source.display());
    let css = std::fs::read_to_string(source).expect("read src/style.css");
    let out =
        Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("style.min.css");
    std::fs::write(&out, minify(&css)).expect("write style.min.css");
}

/// Drops comments, turns every run of whitespace into one space, and drops
/// that space next to `{ } ; , >` and after `:` (and the `;` before `}`),
/// where CSS gives it no meaning. Strings are copied as they are. Spaces
/// before `:` and next to `+`, `-` and `(` are kept: in selectors
/// (`a :hover`) and in `calc()` they matter.
fn minify(css: &str) -> String {
    const TIGHT: &[char] = &['{', '}', ';', ',', '>'];
    const TIGHT_AFTER: &[char] = &['{', '}', ';', ',', '>', ':'];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                // A comment separates like whitespace does.
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space
                    && !out.is_empty()
                    && !out.ends_with(TIGHT_AFTER)
                    && !TIGHT.contains(&c)
                {
                    out.push(' ');
                }
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                if c == '"' || c == '\'' {
                    // A string, escapes included, up to its closing quote.
                    while let Some(s) = chars.next() {
                        out.push(s);
                        if s == '\\' {
                            if let Some(escaped) = chars.next() {
                                out.push(escaped);
                            }
                        } else if s == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}
