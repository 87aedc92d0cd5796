//! Guards for the offline file's size budget (issue #4): patterns that each
//! cost kilobytes of wasm and are easy to bring back by accident.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// std's sorts are instantiated anew for every element type and comparison
/// (driftsort: several KB of wasm each; 113 KB in all before `core::sort`).
#[test]
fn code_in_the_wasm_sorts_with_core_sort_not_std() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files);
    rust_files(&root.join("web/src"), &mut files);
    assert!(files.len() > 20, "the sources were not found");
    let calls = [
        ".sort()",
        ".sort_by(",
        ".sort_by_key(",
        ".sort_by_cached_key(",
        ".sort_unstable(",
        ".sort_unstable_by(",
        ".sort_unstable_by_key(",
    ];
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("core/src/sort.rs")) {
        let text = std::fs::read_to_string(file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if calls.iter().any(|c| code.contains(c)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use skyddsnat_core::sort instead:\n{}",
        found.join("\n")
    );
}
