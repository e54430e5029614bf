//! Problems found in a scenario, worded for the analyst who has to fix them.

use super::syntax::Pos;
use crate::text::printable;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The scenario cannot be used until this is fixed.
    Error,
    /// The scenario works, but something the analyst wrote is not counted.
    Warning,
}

/// One problem, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The value it is about, as `solve --input` names it (`job_moves[2].salary`);
    /// empty for the file as a whole.
    pub path: String,
    /// A sentence naming the item and saying what to do.
    pub message: String,
    /// Line and column in the file, when the scenario came from one.
    pub pos: Option<Pos>,
}

impl Diagnostic {
    /// An error about `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            pos: None,
        }
    }

    /// A warning about `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
            pos: None,
        }
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COL: error: message`, as `counterweight check` prints it.
    #[must_use]
    pub fn display_in(&self, file: &str) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // One line, whatever the file's name or text holds: a label with a
        // newline cannot forge a second diagnostic.
        let (file, message) = (printable(file), printable(&self.message));
        match self.pos {
            Some(pos) => format!("{file}:{pos}: {kind}: {message}"),
            None => format!("{file}: {kind}: {message}"),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pos {
            Some(pos) => write!(f, "line {pos}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// How an item or value is named in messages: as the editor names it,
/// "Jobs moved offshore 3. Payroll roles" for `job_moves[2]`
/// ([`super::names::path_words`]).
#[must_use]
pub fn item_name(path: &str, label: &str) -> String {
    super::names::path_words(path, label)
}

/// Edit distance between two names, for "did you mean" suggestions.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `valid` sorted nearest to `found` first (ties keep their order).
#[must_use]
pub fn nearest_first<'a>(found: &str, valid: &[&'a str]) -> Vec<&'a str> {
    let lower = found.to_lowercase();
    let mut v: Vec<&str> = valid.to_vec();
    v.sort_by_key(|name| edit_distance(&lower, &name.to_lowercase()));
    v
}

/// " — did you mean `x`?" when one valid name is close enough to be a typo.
#[must_use]
pub fn did_you_mean(found: &str, valid: &[&str]) -> String {
    let Some(best) = nearest_first(found, valid).first().copied() else {
        return String::new();
    };
    let d = edit_distance(&found.to_lowercase(), &best.to_lowercase());
    if d <= 2.max(found.chars().count() / 3) {
        format!(" — did you mean `{best}`?")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("salery", "salary"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions_put_the_nearest_first() {
        let valid = ["label", "jobs", "year", "salary", "redundancy_months"];
        assert_eq!(nearest_first("salery", &valid)[0], "salary");
        assert_eq!(did_you_mean("salery", &valid), " — did you mean `salary`?");
        assert_eq!(did_you_mean("xyzzyq", &valid), "");
    }

    #[test]
    fn items_are_named_as_the_editor_names_them() {
        assert_eq!(
            item_name("job_moves[2]", "Payroll roles"),
            "Jobs moved offshore 3. Payroll roles"
        );
        assert_eq!(item_name("job_moves[2]", " "), "Jobs moved offshore 3");
    }
}
