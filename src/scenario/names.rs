//! What the user reads for each part of a scenario: the editor's list
//! titles and field labels, in one table, so that messages, the CLI's
//! tables, the CSV and the charts name an input exactly as the editor does
//! ("Jobs moved offshore 3. Finance roles — jobs"), numbering items from 1.
//! Paths (`job_moves[2].jobs`) stay only where a user types them.
//!
//! The app's editor draws its headings and labels from its own field
//! tables; a test there (`editor_labels_match_the_core_names`) checks that
//! every one of them equals this table's, so the two cannot drift.

use crate::text::printable;

/// One list of items as the editor shows it.
pub struct ListNames {
    /// The list's name in the file: `job_moves`.
    pub key: &'static str,
    /// The editor's section heading: "Jobs moved offshore".
    pub title: &'static str,
    /// One item, for "a field of a job move": "job move".
    pub noun: &'static str,
    /// Each field's name in the file and the editor's label for it.
    pub fields: &'static [(&'static str, &'static str)],
}

/// The rows every profile has, under the item's own (`profile.from`…).
const PROFILE: [(&str, &str); 7] = [
    ("profile", "Profile"),
    ("profile.year", "Year"),
    ("profile.from", "From"),
    ("profile.to", "To"),
    // "Over (years)" for a spread, "Years to full" for a ramp: the path
    // does not say which, so the name says what both are.
    ("profile.years", "Profile years"),
    ("profile.shares", "Shares"),
    ("profile.share", "Share"),
];

const REDUNDANCY: [(&str, &str); 4] = [
    // The editor shows the months under "Redundancy pay" too.
    ("redundancy_months", "Redundancy pay"),
    ("redundancy", "Redundancy pay"),
    (
        "redundancy.service_years",
        "Redundancy pay, years of service",
    ),
    ("redundancy.terms", "Redundancy pay, terms"),
];

const FLOW: &[(&str, &str)] = &[
    ("label", "Label"),
    ("amount", "Amount"),
    PROFILE[0],
    PROFILE[1],
    PROFILE[2],
    PROFILE[3],
    PROFILE[4],
    PROFILE[5],
    PROFILE[6],
    ("growth", "Real growth a year"),
    ("nominal", "Cash terms"),
    ("claim", "Claim"),
    ("note", "Note"),
];

const FINE: &[(&str, &str)] = &[
    ("label", "Label"),
    ("amount", "Amount"),
    PROFILE[0],
    PROFILE[1],
    PROFILE[2],
    PROFILE[3],
    PROFILE[4],
    PROFILE[5],
    PROFILE[6],
    ("probability", "Probability"),
    ("direction", "Who pays"),
    ("note", "Note"),
];

const JOB_MOVE: &[(&str, &str)] = &[
    ("label", "Label"),
    ("jobs", "Jobs"),
    ("year", "Year"),
    ("salary", "Salary"),
    REDUNDANCY[0],
    REDUNDANCY[1],
    REDUNDANCY[2],
    REDUNDANCY[3],
    ("local_multiplier", "Local multiplier"),
    ("note", "Note"),
];

const OFFICE_CLOSURE: &[(&str, &str)] = &[
    ("label", "Label"),
    ("offices", "Offices"),
    ("year", "Year"),
    ("running_cost_per_office", "Running cost per office"),
    ("closure_cost_per_office", "Closure cost per office"),
    ("jobs_lost", "Jobs lost"),
    ("salary", "Salary"),
    REDUNDANCY[0],
    REDUNDANCY[1],
    REDUNDANCY[2],
    REDUNDANCY[3],
    ("staff_relocated", "Staff relocated"),
    ("relocation_cost_per_person", "Relocation cost per person"),
    ("public_access_cost", "Public access cost a year"),
    ("local_multiplier", "Local multiplier"),
    ("note", "Note"),
];

const DATA_RISK: &[(&str, &str)] = &[
    ("label", "Label"),
    ("records", "Records"),
    ("from", "From"),
    ("to", "To"),
    ("annual_probability", "Chance of a breach a year"),
    ("exposed_share", "Share exposed"),
    ("harm_per_record", "Harm per record"),
    ("regulatory_fine", "Regulatory fine"),
    ("note", "Note"),
];

const SOURCE: &[(&str, &str)] = &[
    ("title", "Title"),
    ("publisher", "Publisher"),
    ("date", "Date"),
    ("url", "Web address"),
    ("note", "Note"),
];

const CORRELATION: &[(&str, &str)] = &[
    ("a", "First input"),
    ("b", "Second input"),
    ("rank", "Rank correlation"),
    ("note", "Note"),
];

/// Every list of items, in the editor's order.
pub const LISTS: [ListNames; 8] = [
    ListNames {
        key: "savings",
        title: "Savings",
        noun: "saving",
        fields: FLOW,
    },
    ListNames {
        key: "costs",
        title: "Costs",
        noun: "cost",
        fields: FLOW,
    },
    ListNames {
        key: "fines",
        title: "Fines",
        noun: "fine",
        fields: FINE,
    },
    ListNames {
        key: "job_moves",
        title: "Jobs moved offshore",
        noun: "job move",
        fields: JOB_MOVE,
    },
    ListNames {
        key: "office_closures",
        title: "Office closures",
        noun: "office closure",
        fields: OFFICE_CLOSURE,
    },
    ListNames {
        key: "data_risks",
        title: "Data risk",
        noun: "data risk",
        fields: DATA_RISK,
    },
    ListNames {
        key: "sources",
        title: "Sources",
        noun: "source",
        fields: SOURCE,
    },
    ListNames {
        key: "correlations",
        title: "Correlations",
        noun: "correlation",
        fields: CORRELATION,
    },
];

/// The Settings section: its fields by their path in the file.
pub const SETTINGS: &[(&str, &str)] = &[
    ("title", "Title"),
    ("summary", "Summary"),
    ("author", "Author"),
    ("marking", "Marking"),
    ("settings.start_year", "Start year"),
    ("settings.horizon_years", "Horizon (years)"),
    ("settings.price_base_year", "Price base year"),
    ("settings.discounting", "Discounting"),
    ("settings.central", "Central value"),
    ("settings.inflation", "Inflation"),
    (
        "settings.optimism_bias.costs_uplift",
        "Optimism bias: costs uplift",
    ),
    (
        "settings.optimism_bias.savings_haircut",
        "Optimism bias: savings haircut",
    ),
    ("settings.optimism_bias.note", "Optimism bias: note"),
    ("settings.monte_carlo.draws", "Monte Carlo draws"),
    ("settings.monte_carlo.seed", "Monte Carlo seed"),
];

/// The Assumptions section: its fields by their name in the file.
pub const ASSUMPTIONS: &[(&str, &str)] = &[
    ("months_out_of_work", "Months out of work"),
    ("wage_scarring", "Wage scarring"),
    ("scarring_years", "Scarring years"),
    ("local_multiplier", "Local multiplier"),
    ("wellbeing_loss", "Wellbeing loss"),
    ("wellby_value", "WELLBY value"),
    ("exchequer_tax_rate", "Exchequer tax rate"),
    ("benefit_per_year", "Benefit per year"),
];

/// The list named `key` in the file (`job_moves`).
#[must_use]
pub fn list(key: &str) -> Option<&'static ListNames> {
    LISTS.iter().find(|l| l.key == key)
}

fn label_in(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// "Amount" to "amount" in the middle of a name; "WELLBY value" and
/// "Monte Carlo draws" keep their capitals. The editor's screen-reader
/// names (`app::fields::field_name`) lower the first letter the same way.
#[must_use]
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        _ if s.starts_with("Monte Carlo") => s.to_owned(),
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_owned(),
    }
}

/// Splits `job_moves[2].jobs` into the list, the index and the field
/// (`Some("jobs")`; `None` for the item itself).
fn split_item(path: &str) -> Option<(&str, usize, Option<&str>)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    let index = path[open + 1..close].parse().ok()?;
    let rest = &path[close + 1..];
    let field = rest.strip_prefix('.');
    if !rest.is_empty() && field.is_none() {
        return None;
    }
    Some((&path[..open], index, field))
}

/// An item as the user reads it: "Jobs moved offshore 3. Finance roles"
/// for `job_moves[2]`; the label shown printable and cut at 60 characters,
/// and left out when empty ("Jobs moved offshore 3").
#[must_use]
pub fn item_words(list_key: &str, index: usize, label: &str) -> String {
    let title = list(list_key).map_or(list_key, |l| l.title);
    let n = index.saturating_add(1);
    let label = label.trim();
    if label.is_empty() {
        return format!("{title} {n}");
    }
    let short: String = label.chars().take(60).collect();
    let ellipsis = if label.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    format!("{title} {n}. {}{ellipsis}", printable(&short))
}

/// A field of an item of the list `list_key` in words: "jobs",
/// "redundancy pay, years of service", "profile, share 4"; the field's
/// file name in backticks when the editor has no label for it.
#[must_use]
pub fn field_words(list_key: &str, field: &str) -> String {
    let table = list(list_key).map_or(&[][..], |l| l.fields);
    if let Some(l) = label_in(table, field) {
        return lower_first(l);
    }
    // `profile.shares[3]`: the editor's "Share" rows, numbered from 1.
    if let Some((_, i, None)) = split_item(field)
        && field.starts_with("profile.shares[")
    {
        return format!("profile, share {}", i.saturating_add(1));
    }
    format!("`{field}`")
}

/// A value outside the lists in words: "Settings — start year",
/// "Assumptions — discount rate"; the path in backticks when the editor
/// does not show it (`format_version`).
#[must_use]
pub fn top_words(path: &str) -> String {
    if let Some(l) = label_in(SETTINGS, path) {
        return format!("Settings — {}", lower_first(l));
    }
    if let Some(field) = path.strip_prefix("assumptions.") {
        if let Some(l) = label_in(ASSUMPTIONS, field) {
            return format!("Assumptions — {}", lower_first(l));
        }
        if let Some(name) = field.strip_prefix("notes.")
            && let Some(l) = label_in(ASSUMPTIONS, name)
        {
            return format!("Assumptions — {}, why changed", lower_first(l));
        }
    }
    if path == "settings" {
        return "Settings".to_owned();
    }
    if path == "assumptions" {
        return "Assumptions".to_owned();
    }
    if let Some(l) = list(path) {
        return l.title.to_owned();
    }
    format!("`{path}`")
}

/// Any value or item by its `solve --input` path, named as the editor
/// names it: `job_moves[2].jobs` with the label "Finance roles" is
/// "Jobs moved offshore 3. Finance roles — jobs"; `job_moves[2]` is the
/// item alone; `settings.start_year` is "Settings — start year".
#[must_use]
pub fn path_words(path: &str, label: &str) -> String {
    match split_item(path) {
        Some((list_key, i, field)) if list(list_key).is_some() => {
            let item = item_words(list_key, i, label);
            match field {
                Some(f) => format!("{item} — {}", field_words(list_key, f)),
                None => item,
            }
        }
        _ => top_words(path),
    }
}

/// Where a path is what the user types: "(to solve for it: `solve --input
/// job_moves[2].jobs`)".
#[must_use]
pub fn solve_hint(path: &str) -> String {
    format!("(to solve for it: `solve --input {}`)", printable(path))
}

/// "1 problem", "2 problems": a count and its noun, singular for one.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_field_is_named_as_the_editor_names_it() {
        assert_eq!(
            path_words("job_moves[2].jobs", "Finance roles"),
            "Jobs moved offshore 3. Finance roles — jobs"
        );
        assert_eq!(
            path_words("data_risks[0].annual_probability", "Records"),
            "Data risk 1. Records — chance of a breach a year"
        );
        assert_eq!(
            path_words("savings[0].profile.shares[3]", "Licences"),
            "Savings 1. Licences — profile, share 4"
        );
        assert_eq!(
            path_words("office_closures[1].redundancy.service_years", "Leeds"),
            "Office closures 2. Leeds — redundancy pay, years of service"
        );
    }

    #[test]
    fn an_item_alone_and_an_unnamed_item() {
        assert_eq!(
            path_words("savings[0]", "Back office"),
            "Savings 1. Back office"
        );
        assert_eq!(path_words("costs[4]", "  "), "Costs 5");
    }

    #[test]
    fn settings_and_assumptions_are_named_by_their_section() {
        assert_eq!(
            path_words("settings.start_year", ""),
            "Settings — start year"
        );
        assert_eq!(
            path_words("settings.monte_carlo.draws", ""),
            "Settings — Monte Carlo draws"
        );
        assert_eq!(
            path_words("assumptions.wellby_value", ""),
            "Assumptions — WELLBY value"
        );
        assert_eq!(path_words("title", ""), "Settings — title");
        assert_eq!(path_words("format_version", ""), "`format_version`");
    }

    #[test]
    fn a_long_or_hostile_label_is_cut_and_made_printable() {
        let long = "x".repeat(70);
        assert_eq!(
            item_words("fines", 0, &long),
            format!("Fines 1. {}…", "x".repeat(60))
        );
        assert_eq!(item_words("fines", 0, "a\nb"), "Fines 1. a\\nb");
    }

    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(count(1, "problem", "problems"), "1 problem");
        assert_eq!(count(0, "problem", "problems"), "0 problems");
        assert_eq!(count(2, "problem", "problems"), "2 problems");
    }

    #[test]
    fn the_solve_hint_shows_the_path_to_type() {
        assert_eq!(
            solve_hint("job_moves[2].jobs"),
            "(to solve for it: `solve --input job_moves[2].jobs`)"
        );
    }
}
