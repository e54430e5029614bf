//! The briefing pack (`brief FILE --out NAME.docx`) and the audit workbook
//! (`brief FILE --out NAME.xlsx`): what an analyst sends on and what their
//! quality assurer checks. Both are made from one [`Pack`]: the scenario,
//! its central results, a Monte Carlo run with the file's seed and draws,
//! the tornado and the break-even of the claim. Core only: the CLI and the
//! app (off its UI thread) call [`Pack::new`] and [`Pack::to_bytes`].

pub mod cells;
pub mod docx;
pub mod summary;
pub mod workbook;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::model::{self, Plan, Results};
use crate::report::{pounds, readable};
use crate::scenario::{Assumptions, Discounting, OptimismBias, Scenario, Value};
use crate::uncertainty::{self, Summary, TornadoBar, break_even};

/// Which document a path asks for, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A Word briefing note.
    Docx,
    /// An Excel audit workbook.
    Xlsx,
}

impl Format {
    /// The format `path`'s extension names, if it is one of ours.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Self::Docx),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// Why a pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("the Monte Carlo analysis failed: {0}")]
    MonteCarlo(#[from] uncertainty::McError),
    #[error(transparent)]
    Workbook(#[from] workbook::WorkbookError),
    #[error(transparent)]
    Document(#[from] docx::DocxError),
    #[error("a chart could not be drawn: {0}")]
    Chart(#[from] crate::chart::PngError),
    /// A result is not a finite number: why, naming the item
    /// (`model::non_finite_cause`).
    #[error("{0}")]
    NotFinite(String),
}

/// The break-even of the claim: the value of the claim's amount (or, with no
/// claim, the largest savings flow's) at which NPV of net social value is 0.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakEven {
    /// The input's label: "Back-office savings — amount".
    pub label: String,
    pub path: String,
    /// Whether the input is a claim flow's amount.
    pub is_claim: bool,
    pub central: f64,
    /// `Ok(value)`, or the range searched with no crossing.
    pub answer: Result<f64, break_even::NoCrossing>,
}

impl BreakEven {
    /// The finding in one sentence.
    #[must_use]
    pub fn sentence(&self) -> String {
        let what = if self.is_claim {
            "the claimed saving"
        } else {
            "the largest saving (no flow is marked as the claim)"
        };
        match &self.answer {
            Ok(v) => {
                let side = if *v <= self.central {
                    "the central value clears it"
                } else {
                    "the central value falls short of it"
                };
                format!(
                    "Net social value is zero when {what} ({}) is {} instead of {}, all else central: {side}.",
                    self.label,
                    pounds(*v),
                    pounds(self.central)
                )
            }
            Err(e) => format!(
                "Net social value does not cross zero for {what} ({}) anywhere from {} to {}: it stays {} there.",
                self.label,
                pounds(e.lo),
                pounds(e.hi),
                if e.npv_at_lo > 0.0 {
                    "positive"
                } else {
                    "negative"
                }
            ),
        }
    }
}

/// Everything both documents are made from.
pub struct Pack<'a> {
    pub scenario: &'a Scenario,
    /// The scenario's file name, as the documents name it (`moj.ron`).
    pub file_name: String,
    /// The SHA-256 of the file's bytes as read, in hexadecimal.
    pub sha256: String,
    /// The date the pack is made, `2026-12-01`.
    pub date: String,
    pub plan: Plan,
    pub results: Results,
    /// With the file's draws and seed.
    pub monte_carlo: Option<Summary>,
    pub tornado: Vec<TornadoBar>,
    pub break_even: Option<BreakEven>,
}

impl<'a> Pack<'a> {
    /// Works out everything for `scenario`, read from a file named
    /// `file_name` whose bytes had SHA-256 `sha256`. `progress` gets the
    /// fraction of the Monte Carlo run done; `cancel` stops it.
    pub fn new(
        scenario: &'a Scenario,
        file_name: &str,
        sha256: &str,
        date: &str,
        cancel: &AtomicBool,
        progress: &(dyn Fn(f32) + Sync),
    ) -> Result<Self, BriefError> {
        let results = model::evaluate(scenario);
        if let Some(why) = model::non_finite_cause(scenario, &results) {
            return Err(BriefError::NotFinite(why));
        }
        let plan = Plan::new(scenario);
        let mc = uncertainty::MonteCarlo {
            draws: scenario.settings.monte_carlo.draws as usize,
            seed: scenario.settings.monte_carlo.seed,
            threads: 0,
        };
        let monte_carlo = if mc.draws > 0 {
            Some(mc.run(&plan, cancel, progress)?)
        } else {
            None
        };
        let tornado = uncertainty::tornado(&plan, None);
        let break_even = claim_break_even(&plan);
        Ok(Self {
            scenario,
            file_name: file_name.to_owned(),
            sha256: sha256.to_owned(),
            date: date.to_owned(),
            plan,
            results,
            monte_carlo,
            tornado,
            break_even,
        })
    }

    /// The document of `format`, as bytes.
    pub fn to_bytes(&self, format: Format) -> Result<Vec<u8>, BriefError> {
        Ok(match format {
            Format::Docx => docx::document(self)?,
            Format::Xlsx => workbook::workbook(self)?,
        })
    }
}

/// The break-even of the claim flow with the largest central amount, or of
/// the largest savings flow when none is the claim; `None` with no savings.
fn claim_break_even(plan: &Plan) -> Option<BreakEven> {
    let central = plan.central();
    let pick = |claim_only: bool| {
        plan.savings
            .iter()
            .filter(|f| !claim_only || f.claim)
            .max_by(|a, b| central[a.amount].total_cmp(&central[b.amount]))
            .map(|f| (f.amount, f.claim))
    };
    let (p, is_claim) = pick(true).or_else(|| pick(false))?;
    let (lo, hi) = break_even::default_range_within_limits(plan, p);
    Some(BreakEven {
        label: plan.params[p].label.clone(),
        path: plan.params[p].path.clone(),
        is_claim,
        central: central[p],
        answer: uncertainty::break_even(plan, p, lo, hi),
    })
}

/// A value as the file writes it: `4.5`, `Tri(3, 9, 18)`.
#[must_use]
pub fn value_text(v: &Value) -> String {
    match *v {
        Value::Point(x) => readable(x),
        Value::Tri { low, mode, high } => {
            format!(
                "Tri({}, {}, {})",
                readable(low),
                readable(mode),
                readable(high)
            )
        }
        Value::Pert { low, mode, high } => {
            format!(
                "Pert({}, {}, {})",
                readable(low),
                readable(mode),
                readable(high)
            )
        }
        Value::Uniform { low, high } => format!("Uniform({}, {})", readable(low), readable(high)),
    }
}

/// The note the file gives each input, by the input's path: an item's note
/// for every input of the item, an assumption's note for the assumption.
#[must_use]
pub fn input_notes(s: &Scenario) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let plan = Plan::new(s);
    let item_note = |path: &str| -> Option<&str> {
        let (list, rest) = path.split_once('[')?;
        let i: usize = rest.split_once(']')?.0.parse().ok()?;
        Some(match list {
            "savings" => s.savings.get(i)?.note.as_str(),
            "costs" => s.costs.get(i)?.note.as_str(),
            "fines" => s.fines.get(i)?.note.as_str(),
            "job_moves" => s.job_moves.get(i)?.note.as_str(),
            "office_closures" => s.office_closures.get(i)?.note.as_str(),
            "data_risks" => s.data_risks.get(i)?.note.as_str(),
            _ => return None,
        })
    };
    for p in &plan.params {
        let note = if let Some(field) = p.path.strip_prefix("assumptions.") {
            s.assumptions.notes.get(field).cloned()
        } else if p.path.starts_with("settings.optimism_bias") {
            Some(s.settings.optimism_bias.note.clone())
        } else {
            item_note(&p.path).map(str::to_owned)
        };
        if let Some(n) = note.filter(|n| !n.is_empty()) {
            out.insert(p.path.clone(), n);
        }
    }
    if let Some(n) = s.assumptions.notes.get("scarring_years") {
        out.insert("assumptions.scarring_years".to_owned(), n.clone());
    }
    out
}

/// One row of the assumptions log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub name: String,
    pub value: String,
    pub default: String,
    pub changed: bool,
    /// Why, from the file ("" when it says nothing).
    pub note: String,
}

/// The assumptions log (`AQuA` Book): the settings and every assumption with
/// its value, default, whether it was changed, and why; then every item's
/// inputs with the item's note.
#[must_use]
pub fn assumption_log(s: &Scenario) -> Vec<LogRow> {
    let st = &s.settings;
    let d = Assumptions::default();
    let a = &s.assumptions;
    let ob = OptimismBias::default();
    let note = |k: &str| a.notes.get(k).cloned().unwrap_or_default();
    let row = |name: &str, value: String, default: String, note: String| LogRow {
        name: name.to_owned(),
        changed: value != default,
        value,
        default,
        note,
    };
    let discounting = |x: &Discounting| match x {
        Discounting::Constant(v) => format!("Constant({})", value_text(v)),
        other => other.name().to_owned(),
    };
    let mut out = vec![
        row(
            "Discounting",
            discounting(&st.discounting),
            "GreenBook".to_owned(),
            String::new(),
        ),
        row(
            "Central values",
            st.central.ron_name().to_owned(),
            "Mode".to_owned(),
            String::new(),
        ),
        row(
            "Inflation (nominal flows)",
            value_text(&st.inflation),
            value_text(&Value::Point(0.02)),
            String::new(),
        ),
        row(
            "Optimism bias: costs uplift",
            value_text(&st.optimism_bias.costs_uplift),
            value_text(&ob.costs_uplift),
            st.optimism_bias.note.clone(),
        ),
        row(
            "Optimism bias: savings haircut",
            value_text(&st.optimism_bias.savings_haircut),
            value_text(&ob.savings_haircut),
            st.optimism_bias.note.clone(),
        ),
    ];
    let pairs: [(&str, &str, &Value, &Value); 7] = [
        (
            "months_out_of_work",
            "Months out of work",
            &a.months_out_of_work,
            &d.months_out_of_work,
        ),
        (
            "wage_scarring",
            "Wage scarring",
            &a.wage_scarring,
            &d.wage_scarring,
        ),
        (
            "local_multiplier",
            "Local multiplier",
            &a.local_multiplier,
            &d.local_multiplier,
        ),
        (
            "wellbeing_loss",
            "Wellbeing loss (WELLBYs a year)",
            &a.wellbeing_loss,
            &d.wellbeing_loss,
        ),
        (
            "wellby_value",
            "Value of a WELLBY",
            &a.wellby_value,
            &d.wellby_value,
        ),
        (
            "exchequer_tax_rate",
            "Exchequer tax rate",
            &a.exchequer_tax_rate,
            &d.exchequer_tax_rate,
        ),
        (
            "benefit_per_year",
            "Benefit per year",
            &a.benefit_per_year,
            &d.benefit_per_year,
        ),
    ];
    for (key, name, v, dv) in pairs {
        out.push(row(name, value_text(v), value_text(dv), note(key)));
        if key == "wage_scarring" {
            out.push(row(
                "Scarring years",
                a.scarring_years.to_string(),
                d.scarring_years.to_string(),
                note("scarring_years"),
            ));
        }
    }
    out
}

/// One item for the assumptions log: its label, its inputs with their
/// values, and the item's note (given once, not once per input).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub label: String,
    /// "jobs Tri(50, 100, 150); salary 24,000".
    pub values: String,
    pub note: String,
}

/// Every item's inputs, an item to a row (the settings and assumptions are
/// in [`assumption_log`]).
#[must_use]
pub fn item_inputs(pack: &Pack) -> Vec<ItemRow> {
    let notes = input_notes(pack.scenario);
    let mut out: Vec<(String, ItemRow)> = Vec::new();
    for p in &pack.plan.params {
        if p.path.starts_with("settings.") || p.path.starts_with("assumptions.") {
            continue;
        }
        let item = p.path.split('.').next().unwrap_or(&p.path).to_owned();
        let (label, field) = p.label.split_once(" — ").unwrap_or((&p.label, ""));
        let entry = format!("{field} {}", value_text(&p.value));
        match out.last_mut() {
            Some((key, row)) if *key == item => {
                row.values.push_str("; ");
                row.values.push_str(entry.trim());
            }
            _ => out.push((
                item,
                ItemRow {
                    label: label.to_owned(),
                    values: entry.trim().to_owned(),
                    note: notes.get(&p.path).cloned().unwrap_or_default(),
                },
            )),
        }
    }
    out.into_iter().map(|(_, row)| row).collect()
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
#[must_use]
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of_days((secs / 86_400) as i64)
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
#[must_use]
pub fn date_of_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days_since_1970() {
        assert_eq!(date_of_days(0), "1970-01-01");
        assert_eq!(date_of_days(19_723), "2024-01-01");
        assert_eq!(date_of_days(20_788), "2026-12-01");
        assert_eq!(date_of_days(11_016), "2000-02-29");
        assert_eq!(date_of_days(-1), "1969-12-31");
    }

    #[test]
    fn the_extension_picks_the_document() {
        assert_eq!(Format::of(Path::new("a/b.DOCX")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("b.xlsx")), Some(Format::Xlsx));
        assert_eq!(Format::of(Path::new("b.pdf")), None);
        assert_eq!(Format::of(Path::new("b")), None);
    }
}
