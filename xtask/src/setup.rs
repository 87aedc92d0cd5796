//! `cargo xtask setup`: installs what a fresh machine lacks, and is quick and
//! silent about what is already there, so every other command can call it.

use crate::{probe, root, run, Result};
use std::path::Path;
use std::process::Command;

/// Must match the `wasm-bindgen` pin in the root Cargo.toml: the CLI and the
/// library exchange an internal schema that changes between versions.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Firefox for tests/e2e/firefox.test.mjs, driven by geckodriver (Playwright
/// drives only its own patched Firefox, which would be a download).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
const GECKODRIVER_VERSION: &str = "0.37.1";

/// Which parts a command needs: `demo` does not need a browser to build.
#[derive(Clone, Copy)]
pub struct Needs {
    pub browser: bool,
}

impl Needs {
    pub const ALL: Needs = Needs { browser: true };
    pub const DIST: Needs = Needs { browser: false };
}

pub fn setup(needs: Needs) -> Result {
    wasm_target()?;
    wasm_bindgen_cli()?;
    if needs.browser {
        browsers()?;
        geckodriver()?;
    }
    npm_packages()?;
    Ok(())
}

fn wasm_target() -> Result {
    let installed = probe("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn wasm_bindgen_cli() -> Result {
    check_lockfile_pin()?;
    let wanted = format!("wasm-bindgen {WASM_BINDGEN_VERSION}");
    let have = probe("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = probe("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.trim() == wanted && runner.contains(WASM_BINDGEN_VERSION) {
        return Ok(());
    }
    println!("wasm-bindgen-cli {WASM_BINDGEN_VERSION} is missing (found: {:?}); installing (takes a few minutes)", have.trim());
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]))
}

/// The CLI version above must be the one Cargo.lock resolved; a mismatch
/// fails late and cryptically inside wasm-bindgen, so catch it here.
fn check_lockfile_pin() -> Result {
    let Ok(lock) = std::fs::read_to_string(root().join("Cargo.lock")) else {
        return Ok(());
    };
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let version = lines.next().unwrap_or_default();
            let expected = format!("version = \"{WASM_BINDGEN_VERSION}\"");
            if version.trim() != expected {
                return Err(format!(
                    "Cargo.lock has wasm-bindgen {} but xtask installs the CLI {WASM_BINDGEN_VERSION}; update WASM_BINDGEN_VERSION in xtask/src/setup.rs",
                    version.trim()
                ));
            }
        }
    }
    Ok(())
}

fn browsers() -> Result {
    let have_browsers = [CHROMIUM, CHROMEDRIVER, FIREFOX]
        .iter()
        .all(|p| Path::new(p).exists());
    let have_poppler = probe("which", &["pdftotext"]).is_some();
    if have_browsers && have_poppler {
        return Ok(());
    }
    let is_root = probe("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    let packages = [
        "chromium",
        "chromium-driver",
        "firefox-esr",
        "poppler-utils",
    ];
    if !is_root {
        return Err(format!(
            "a browser is missing ({CHROMIUM}, {FIREFOX}); install them as root: apt-get install -y {}",
            packages.join(" ")
        ));
    }
    run(Command::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn geckodriver() -> Result {
    let have = probe("geckodriver", &["--version"]).unwrap_or_default();
    if have.contains(GECKODRIVER_VERSION) {
        return Ok(());
    }
    println!("geckodriver {GECKODRIVER_VERSION} is missing; installing (takes a few minutes)");
    run(Command::new("cargo").args([
        "install",
        "geckodriver",
        "--locked",
        "--version",
        GECKODRIVER_VERSION,
    ]))
}

/// `npm ci` in tests/e2e when node_modules is missing or older than the lockfile.
fn npm_packages() -> Result {
    let dir = root().join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(lock), Some(installed)) => installed >= lock,
        _ => false,
    };
    let complete = [
        "playwright-core",
        "axe-core",
        "binaryen",
        "terser",
        "typescript",
    ]
    .iter()
    .all(|p| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .is_file()
    });
    if fresh && complete {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}

/// terser from npm, which minifies the shipped scripts (see `dist::minify`).
pub fn terser() -> Command {
    let mut command = Command::new("node");
    command.arg(root().join("tests/e2e/node_modules/terser/bin/terser"));
    command
}

/// binaryen's wasm-opt from npm (Debian's is too old for current rustc output).
pub fn wasm_opt() -> Command {
    let mut command = Command::new("node");
    command.arg(root().join("tests/e2e/node_modules/binaryen/bin/wasm-opt"));
    command
}
