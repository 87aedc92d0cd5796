//! `cargo xtask dist`: the shipped artefacts.
//!
//! - `dist/skyddsnat.html`: one self-contained file. Chrome refuses to fetch a
//!   `.wasm` or a module script from file://, so the wasm is inlined (LZMA,
//!   written almost raw into a windows-1252 page: see `pack.rs`) and the glue
//!   is inlined as a classic script (wasm-bindgen `--target no-modules`).
//! - `dist/embed/`: `skyddsnat.js` (glue + the `<skyddsnat-plan>` element and
//!   `Skyddsnat.mount`), `skyddsnat_bg.wasm` and `skyddsnat.d.ts`, for hosts
//!   with a strict CSP: no inline script or style, no eval.
//! - Both scripts are minified with terser (see `minify`); the offline file
//!   carries the same minified skyddsnat.js as dist/embed/.

use crate::{cargo, pack, root, run, setup, target_dir, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The budget for the offline file, as the user saves it.
pub const HTML_BUDGET_BYTES: usize = 500_000;

const HTML_TEMPLATE: &str = include_str!("skyddsnat.html");

/// What `dist` produced, for `demo` and `bench`.
pub struct Built {
    pub html: PathBuf,
    pub html_bytes: usize,
}

impl Built {
    /// The budget is checked by `test` (and reported by every build), so an
    /// oversized build can still be demonstrated.
    pub fn check_budget(&self) -> Result {
        if self.html_bytes <= HTML_BUDGET_BYTES {
            println!("{} bytes, within {HTML_BUDGET_BYTES}", self.html_bytes);
            return Ok(());
        }
        Err(format!(
            "dist/skyddsnat.html is {} bytes, over the {HTML_BUDGET_BYTES}-byte budget \
             (see `cargo xtask dist`'s sizes and ARCHITECTURE.md on what the wasm holds)",
            self.html_bytes
        ))
    }
}

pub fn dist() -> Result<Built> {
    let root = root();
    let wasm = build_wasm()?;
    let work = target_dir().join("skyddsnat-dist");
    std::fs::create_dir_all(&work).map_err(|e| format!("create {}: {e}", work.display()))?;

    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-name",
            "skyddsnat",
        ])
        .arg("--out-dir")
        .arg(&work)
        .arg(&wasm))?;
    let bound = work.join("skyddsnat_bg.wasm");
    let optimised = work.join("skyddsnat_opt.wasm");
    run(setup::wasm_opt()
        .arg(&bound)
        // --converge runs the passes until nothing shrinks (a minute more of
        // build, 2.5 KB less of the offline file, measured).
        // A function with one caller stays a function: inlined into its
        // caller (binaryen's default for -Oz) it makes the code larger
        // after LZMA, though smaller before (measured: 30 KB less of the
        // offline file, the wasm 50 KB larger unpacked).
        .arg("--one-caller-inline-max-function-size=0")
        // -O2, not -Oz or -Os: the shrinking passes make the wasm smaller
        // unpacked but larger packed (measured on the widget, LZMA as
        // shipped: -Oz 492.3 KB, -Os 491.0 KB, -O2 488.8 KB, -O3 492.6 KB,
        // -O1 493.4 KB).
        .args(["-O2", "--converge", "--strip-debug", "--strip-producers"])
        // The features rustc's wasm32 target emits by default; all are in
        // Chromium, Firefox and Safari since 2023.
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg("-o")
        .arg(&optimised))?;

    let glue = read(&work.join("skyddsnat.js"))?;
    let element = read(&root.join("web/js/skyddsnat-element.js"))?;
    let declarations = read(&root.join("web/js/skyddsnat.d.ts"))?;
    // Both scripts ship minified; the readable sources are the ones in the
    // repository (web/js/, and the glue wasm-bindgen writes).
    let unpack = minify(&root.join("web/js/offline-unpack.js"), &work)?;
    let bundled = work.join("skyddsnat.bundle.js");
    write(&bundled, bundle(&glue, &element).as_bytes())?;
    let script = minify(&bundled, &work)?;
    let wasm_bytes =
        std::fs::read(&optimised).map_err(|e| format!("read {}: {e}", optimised.display()))?;

    let dist = root.join("dist");
    let embed = dist.join("embed");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("clean {}: {e}", dist.display()))?;
    }
    std::fs::create_dir_all(&embed).map_err(|e| format!("create {}: {e}", embed.display()))?;
    write(&embed.join("skyddsnat.js"), script.as_bytes())?;
    write(&embed.join("skyddsnat_bg.wasm"), &wasm_bytes)?;
    write(&embed.join("skyddsnat.d.ts"), declarations.as_bytes())?;
    // The sample family as a plan file: for the read-only example and the tests.
    let sample = skyddsnat_core::file::to_json(&skyddsnat_core::document::sample::sample_plan());
    write(&embed.join("sample-plan.json"), sample.as_bytes())?;

    // One LZMA stream, the script first: the glue and the wasm share many
    // names (every import), and one dictionary finds them (3 KB smaller
    // than two streams).
    let packed = pack::lzma(&[script.as_bytes(), &wasm_bytes].concat())?;
    let html = single_file(&unpack, script.len(), &pack::escape_inlined(&packed))?;
    let html_path = dist.join("skyddsnat.html");
    write(&html_path, &html)?;

    let raw = std::fs::metadata(&bound).map(|m| m.len()).unwrap_or(0);
    println!("\nSizes:");
    println!("  wasm after wasm-bindgen  {:>9} bytes", raw);
    println!("  wasm after wasm-opt -O2  {:>9} bytes", wasm_bytes.len());
    println!("  glue + element JS        {:>9} bytes", script.len());
    println!("  script + wasm, LZMA      {:>9} bytes", packed.len());
    println!(
        "  dist/skyddsnat.html      {:>9} bytes  (budget {HTML_BUDGET_BYTES})",
        html.len()
    );
    println!("  dist/embed/              skyddsnat.js, skyddsnat_bg.wasm, skyddsnat.d.ts, sample-plan.json");
    if html.len() > HTML_BUDGET_BYTES {
        println!(
            "  WARNING: over budget by {} bytes",
            html.len() - HTML_BUDGET_BYTES
        );
    }
    println!("\nOffline file: {}", html_path.display());
    Ok(Built {
        html: html_path,
        html_bytes: html.len(),
    })
}

fn build_wasm() -> Result<PathBuf> {
    // For work on the packaging alone: package an already built widget.
    if let Some(prebuilt) = std::env::var_os("SKYDDSNAT_PREBUILT_WASM") {
        println!(
            "using SKYDDSNAT_PREBUILT_WASM={}",
            prebuilt.to_string_lossy()
        );
        return Ok(PathBuf::from(prebuilt));
    }
    run(cargo().args([
        "build",
        "-p",
        "skyddsnat-web",
        "--lib",
        "--profile",
        "wasm-release",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let wasm = target_dir().join("wasm32-unknown-unknown/wasm-release/skyddsnat_web.wasm");
    if wasm.is_file() {
        Ok(wasm)
    } else {
        Err(format!("the build did not produce {}", wasm.display()))
    }
}

/// skyddsnat.js: the glue and the element in one IIFE, so the glue's
/// top-level `wasm_bindgen` binding stays private and only `Skyddsnat` and
/// the custom element are visible to the host page.
fn bundle(glue: &str, element: &str) -> String {
    format!(
        "/*! Skyddsnät {version} — MIT licence. The widget's wasm-bindgen glue and the <skyddsnat-plan> element. */\n(function () {{\n'use strict';\n{glue}\n{element}\n}})();\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// The offline page as the bytes of a windows-1252 file (see `pack.rs`):
/// the template with the plain unpacking script, the packed widget script
/// and wasm (one stream, already escaped) and the script's length, which
/// tells where the wasm starts, in their slots.
fn single_file(unpack_js: &str, script_bytes: usize, packed_inlined: &[u8]) -> Result<Vec<u8>> {
    // Inside a <script> element the HTML parser ends the script at "</script".
    if unpack_js.contains("</script") || unpack_js.contains("<!--") {
        return Err(
            "offline-unpack.js contains `</script` or `<!--`, which would confuse the HTML parser"
                .into(),
        );
    }
    let unpack_js = pack::ascii_js(unpack_js);
    let script_bytes = script_bytes.to_string();
    let slots: [(&str, &[u8]); 3] = [
        ("{{UNPACK}}", unpack_js.as_bytes()),
        ("{{SCRIPT_BYTES}}", script_bytes.as_bytes()),
        ("{{PACKED}}", packed_inlined),
    ];
    let mut page = Vec::new();
    let mut rest = HTML_TEMPLATE;
    while let Some(start) = rest.find("{{") {
        let (name, content) = slots
            .iter()
            .find(|(name, _)| rest[start..].starts_with(name))
            .ok_or_else(|| {
                format!(
                    "xtask/src/skyddsnat.html: unknown slot at {:?}",
                    &rest[start..]
                )
            })?;
        page.extend(pack::cp1252(&rest[..start])?);
        page.extend_from_slice(content);
        rest = &rest[start + name.len()..];
    }
    page.extend(pack::cp1252(rest)?);
    for (name, _) in slots {
        if HTML_TEMPLATE.matches(name).count() != 1 {
            return Err(format!(
                "xtask/src/skyddsnat.html must hold {name} exactly once"
            ));
        }
    }
    Ok(page)
}

/// `source` minified with terser (from tests/e2e/node_modules): about 60 %
/// smaller, and the unpacking script goes into the offline file as it is.
/// Only safe transforms; top-level names are kept, since the offline page
/// calls `SkyddsnatOffline`, and the bundle's `/*!` licence line stays.
fn minify(source: &Path, work: &Path) -> Result<String> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = work.join(format!("min.{name}"));
    run(setup::terser()
        .arg(source)
        .args(["--compress", "passes=2", "--mangle", "--ecma", "2020"])
        .args(["--comments", "/^!/"])
        .arg("--output")
        .arg(&out))?;
    read(&out)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unpacking_script_cannot_end_its_element_early() {
        assert!(single_file("let s = '</script><b>';", 0, b"").is_err());
        assert!(single_file("x <!-- y", 0, b"").is_err());
    }

    #[test]
    fn the_single_file_is_windows_1252_and_says_so_before_the_packed_bytes() {
        let html =
            single_file("const a = 'UNPACK Skyddsnät';", 6, b"PACKED").expect("template slots");
        let text = String::from_utf8_lossy(&html);
        // The browser must know the encoding (in the first 1024 bytes) before
        // it reads the inlined bytes.
        let charset = text
            .find("<meta charset=\"windows-1252\">")
            .expect("charset");
        assert!(charset < 1024 && charset < text.find("PACKED").expect("packed slot"));
        // Plain script text is ASCII; the page's own text is windows-1252.
        assert!(text.contains("'UNPACK Skyddsn\\u00e4t'"));
        assert!(!html.windows(2).any(|w| w == "ä".as_bytes()));
        assert!(text.contains("data-script-bytes=\"6\""));
        // The packed bytes come before the script that unpacks the widget,
        // so they are in the document when the widget looks for them.
        let (wasm, packed, unpack) = (
            text.find("id=\"skyddsnat-wasm\"").expect("wasm element"),
            text.find("PACKED").expect("packed slot"),
            text.find("UNPACK").expect("unpack slot"),
        );
        assert!(wasm < unpack && packed < unpack, "{wasm} {packed} {unpack}");
    }
}
