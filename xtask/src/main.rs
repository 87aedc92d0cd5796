//! Build automation for Skyddsnät, run as `cargo xtask <command>`.
//!
//! Everything a fresh machine needs is installed by `setup`, so the README can
//! promise exactly two commands: `cargo xtask demo` and `cargo xtask test`.
//! Std only (plus `lzma-rust2` for the offline file): the xtask must build
//! before anything else is installed.

mod bench;
mod dist;
mod pack;
mod serve;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const USAGE: &str = "\
cargo xtask <command>

  setup   install what is missing: wasm32 target, wasm-bindgen-cli, Chromium and
          Firefox ESR (apt-get, as root), geckodriver (cargo install), the npm
          packages of tests/e2e (npm ci: playwright-core, axe-core, binaryen, terser, typescript)
  dist    build dist/skyddsnat.html (one offline file) and dist/embed/
  demo    build dist and open the widget with the sample family
  test    every check CI runs: fmt, clippy, unit/property tests, wasm browser
          tests, dist, end-to-end tests in headless Chromium (and a few in Firefox)
  bench   benchmarks of the core (native, release) and of the widget in Chromium
          (`bench core` or `bench browser` runs one half; `--baseline <rev>`
          measures an older commit beside this tree in the same run)
";

/// An error that ends the command; the message names what failed.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let outcome = match command {
        "setup" => setup::setup(setup::Needs::ALL),
        "dist" => dist::dist().map(|_| ()),
        "demo" => demo(),
        "test" => test(),
        "bench" => bench::bench(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {command}: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the xtask crate lives one level below it).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` if the caller set one,
/// otherwise `<root>/target`, as in a fresh clone.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        }
        _ => root().join("target"),
    }
}

/// The cargo that runs us (so a rustup toolchain override is honoured).
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(root());
    command
}

/// Runs a command to completion, echoing it first; a non-zero exit is an error
/// that names the command.
pub fn run(command: &mut Command) -> Result {
    let shown = describe(command);
    println!("$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` exited with {status}"))
    }
}

/// Runs a command and returns its stdout, or None if it cannot run or fails.
/// Used for probes ("is this installed?"), so errors are not interesting.
pub fn probe(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Times named steps and prints a summary, so a slow CI run shows where the
/// time went and a failing one names the step.
struct Steps {
    done: Vec<(String, Duration, bool)>,
    started: Instant,
    /// `XTASK_KEEP_GOING=1`: run every step and report all failures at the
    /// end (for measuring a whole run); by default the first failure stops.
    keep_going: bool,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            done: Vec::new(),
            started: Instant::now(),
            keep_going: std::env::var_os("XTASK_KEEP_GOING").is_some_and(|v| v == "1"),
        }
    }

    fn run(&mut self, name: &str, step: impl FnOnce() -> Result) -> Result {
        println!("\n==> {name}");
        let start = Instant::now();
        let outcome = step();
        let took = start.elapsed();
        self.done.push((name.to_string(), took, outcome.is_ok()));
        match outcome {
            Ok(()) => {
                println!("<== {name}: ok ({})", seconds(took));
                Ok(())
            }
            Err(message) if self.keep_going => {
                println!("<== {name}: FAILED ({}): {message}", seconds(took));
                Ok(())
            }
            Err(message) => {
                self.summary();
                Err(format!("step `{name}` failed: {message}"))
            }
        }
    }

    /// Prints the step times; an error names every failed step (only
    /// possible with `XTASK_KEEP_GOING=1`).
    fn finish(&self) -> Result {
        self.summary();
        let failed: Vec<&str> = self
            .done
            .iter()
            .filter(|(_, _, ok)| !ok)
            .map(|(name, _, _)| name.as_str())
            .collect();
        if failed.is_empty() {
            Ok(())
        } else {
            Err(format!("failed steps: {}", failed.join("; ")))
        }
    }

    fn summary(&self) {
        println!("\nStep times:");
        for (name, took, ok) in &self.done {
            let mark = if *ok { "" } else { "  FAILED" };
            println!("  {:>8}  {name}{mark}", seconds(*took));
        }
        println!("  {:>8}  total", seconds(self.started.elapsed()));
    }
}

pub fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// Whether any Rust file under `dir` mentions `needle` (used to find out
/// whether wasm browser tests or a fuzz corpus test exist yet).
fn mentions(dir: &Path, needle: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            mentions(&path, needle)
        } else {
            path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).is_ok_and(|text| text.contains(needle))
        }
    })
}

fn demo() -> Result {
    setup::setup(setup::Needs::DIST)?;
    let built = dist::dist()?;
    let file = built.html;
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    if has_display && probe("which", &["xdg-open"]).is_some() {
        println!("\nOpening {}", file.display());
        return run(Command::new("xdg-open").arg(&file));
    }
    println!("\nNo display here, so serving dist/ instead.");
    println!("The offline file itself: {}", file.display());
    println!("(copy it anywhere and open it in a browser; it needs no network)");
    serve::serve_forever(&root().join("dist"), 8080)
}

fn test() -> Result {
    let mut steps = Steps::new();
    let root = root();
    steps.run("setup (install what is missing)", || {
        setup::setup(setup::Needs::ALL)
    })?;
    steps.run("cargo fmt --all --check", || {
        run(cargo().args(["fmt", "--all", "--check"]))
    })?;
    steps.run("clippy (native, whole workspace)", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    steps.run("clippy (web crate on wasm32)", || {
        run(cargo().args([
            "clippy",
            "-p",
            "skyddsnat-web",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    steps.run("cargo test --workspace (native)", || {
        run(cargo().args(["test", "--workspace"]))
    })?;
    let web = root.join("web");
    if mentions(&web.join("src"), "wasm_bindgen_test")
        || mentions(&web.join("tests"), "wasm_bindgen_test")
    {
        steps.run("wasm browser tests (headless Chromium)", || {
            run(cargo()
                .args([
                    "test",
                    "-p",
                    "skyddsnat-web",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env("CHROMEDRIVER", setup::CHROMEDRIVER))
        })?;
    } else {
        println!("\n(no wasm_bindgen_test in web/ yet: browser unit tests skipped)");
    }
    let fuzz = root.join("fuzz");
    if fuzz.join("Cargo.toml").is_file() && mentions(&root.join("core"), "fuzz/corpus") {
        // The corpus replay is an ordinary core test (run above); say so, so a
        // reader of the log knows the corpus was covered.
        println!("\n(fuzz corpus replayed by the core's tests above)");
    }
    let mut built = None;
    steps.run("dist (single file + embed build)", || {
        built = Some(dist::dist()?);
        Ok(())
    })?;
    steps.run("end-to-end tests (Playwright, headless Chromium)", || {
        let e2e = root.join("tests/e2e");
        // Named explicitly: how `node --test <dir>` searches differs between Node versions.
        let mut files: Vec<String> = std::fs::read_dir(&e2e)
            .map_err(|e| format!("read {}: {e}", e2e.display()))?
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".test.mjs"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err("no *.test.mjs files in tests/e2e".into());
        }
        run(Command::new("node")
            .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
            .args(&files)
            .current_dir(&e2e)
            .env("CHROMIUM", setup::CHROMIUM))
    })?;
    steps.run("size budget of dist/skyddsnat.html", || match &built {
        Some(built) => built.check_budget(),
        None => Err("dist did not finish".into()),
    })?;
    steps.finish()?;
    println!("\nAll checks passed.");
    Ok(())
}
