//! Migrations of older scenario files to the current format version.
//!
//! Files are migrated on the syntax tree, before decoding, so a migration
//! can rename, move or fill in fields with their positions kept for
//! messages. The rule for changing the format (docs/reliability.md):
//! a new optional field with a default needs no new version; anything a
//! version-1 reader would reject or read differently bumps
//! [`super::FORMAT_VERSION`] and adds one step to [`STEPS`], with a fixture
//! of the old version under `tests/data/versions/` that must keep loading.

use super::syntax::Node;

/// One step: rewrites a tree of version `from` into version `from + 1`.
pub struct Step {
    pub from: u32,
    pub describe: &'static str,
    pub apply: fn(&mut Node) -> Result<(), String>,
}

/// Every migration, oldest first. Version 1 is the first released format,
/// so there is nothing to migrate yet.
pub const STEPS: &[Step] = &[];

/// Brings a tree of `version` up to the current version, step by step.
pub fn migrate(tree: &mut Node, version: u32, steps: &[Step]) -> Result<(), String> {
    for (v, step) in (version..).zip(steps.iter().filter(|s| s.from >= version)) {
        if step.from != v {
            return Err(format!("no migration from format_version {v}"));
        }
        (step.apply)(tree).map_err(|e| {
            format!(
                "while upgrading from format_version {v} ({}): {e}",
                step.describe
            )
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::syntax::{Kind, parse};

    #[allow(clippy::unnecessary_wraps)] // the signature of a migration step
    fn rename_salery(tree: &mut Node) -> Result<(), String> {
        fn walk(n: &mut Node) {
            match &mut n.kind {
                Kind::Struct { fields, .. } => {
                    for f in fields {
                        if f.name == "salery" {
                            f.name = "salary".into();
                        }
                        walk(&mut f.value);
                    }
                }
                Kind::List(items) | Kind::Tuple { items, .. } => items.iter_mut().for_each(walk),
                _ => {}
            }
        }
        walk(tree);
        Ok(())
    }

    #[test]
    fn steps_run_in_order_from_the_files_version() {
        let steps = [Step {
            from: 0,
            describe: "rename salery",
            apply: rename_salery,
        }];
        let mut tree = parse("(job_moves: [JobMove(salery: 1)])").expect("parse");
        migrate(&mut tree, 0, &steps).expect("migrates");
        assert!(format!("{tree:?}").contains("\"salary\""));
        let mut tree = parse("(salery: 1)").expect("parse");
        migrate(&mut tree, 1, &steps).expect("nothing to do");
        assert!(format!("{tree:?}").contains("\"salery\""));
    }
}
