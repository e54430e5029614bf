//! Helpers shared by the integration tests (each test file is its own
//! crate and uses some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The docs/format.md example.
pub const EXAMPLE: &str = "tests/data/format_example.ron";
/// The file-format example of model 2: every model-2 field (docs/format.md).
pub const MODEL_2_EXAMPLE: &str = "tests/data/model2_example.ron";

/// Runs the `counterweight` binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_counterweight"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A path with `/` between folders on every system: Windows reads `/` as
/// well as `\\`, so a path written this way gives the same messages there.
pub fn slashed(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// Output bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The `.ron` files in `dir`, sorted (none if it cannot be read).
pub fn ron_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Every bundled scenario, then the docs/format.md example.
pub fn scenarios_and_example() -> Vec<PathBuf> {
    let mut files = ron_files("scenarios");
    files.push(PathBuf::from(EXAMPLE));
    files.push(PathBuf::from(MODEL_2_EXAMPLE));
    files
}
