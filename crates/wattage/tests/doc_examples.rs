//! The rule for doc examples in the member crates (`docs/architecture.md`,
//! "Doc examples"): their doctests cannot use the facade, which depends on
//! them, so every Rust example in `wattage-units`, `wattage-hardware`,
//! `wattage-mining` and `wattage-facility` starts with a comment naming the
//! crates it needs and their paths in the facade. `scripts/doc_crate_lines.py`
//! writes those lines; this test fails when one is missing or wrong.

use std::fs;
use std::path::{Path, PathBuf};

const MEMBERS: [&str; 4] = [
    "wattage-units",
    "wattage-hardware",
    "wattage-mining",
    "wattage-facility",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a doc-comment line, or `None` for code.
fn doc_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("///")
        .or_else(|| trimmed.strip_prefix("//!"))?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

fn is_rust_fence(fence: &str) -> bool {
    let info = fence.trim_start_matches('`');
    fence.starts_with("```")
        && info.split(',').all(|t| {
            matches!(
                t,
                "" | "rust" | "no_run" | "compile_fail" | "should_panic" | "ignore"
            ) || t.starts_with("edition")
        })
}

/// Each Rust doc example as (file, line, first line of its body).
fn examples(file: &Path) -> Vec<(usize, String, String)> {
    let text = fs::read_to_string(file).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(fence) = lines.get(i).and_then(|l| doc_text(l)).map(str::trim) {
            if fence.starts_with("```") {
                let body: Vec<&str> = lines[i + 1..]
                    .iter()
                    .map_while(|l| doc_text(l))
                    .take_while(|l| !l.trim().starts_with("```"))
                    .collect();
                if is_rust_fence(fence) {
                    let first = body.first().map_or("", |l| l.trim()).to_string();
                    found.push((i + 1, first, body.join("\n")));
                }
                i += body.len() + 2;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[test]
fn every_member_doc_example_says_which_crates_it_needs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut missing = Vec::new();
    let mut count = 0;
    for member in MEMBERS {
        let mut files = Vec::new();
        rust_files(&root.join(member).join("src"), &mut files);
        for file in files {
            for (line, first, body) in examples(&file) {
                count += 1;
                let ok = first.starts_with("// Needs ")
                    && MEMBERS.iter().all(|m| {
                        let ident = m.replace('-', "_");
                        let used = body.lines().skip(1).any(|l| l.contains(&ident));
                        !used || first.contains(m)
                    });
                if !ok {
                    missing.push(format!("{}:{line}: {first}", file.display()));
                }
            }
        }
    }
    assert!(
        count > 100,
        "found only {count} examples: is the scan broken?"
    );
    assert!(
        missing.is_empty(),
        "doc examples without a correct `// Needs ...` first line \
         (run `python3 scripts/doc_crate_lines.py`):\n{}",
        missing.join("\n")
    );
}
