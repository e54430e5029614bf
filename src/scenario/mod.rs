//! The scenario: what an analyst enters about one option, exactly as the
//! file format (docs/format.md, version 1) describes it.
//!
//! Reading goes bytes → [`syntax`] tree (with positions) → [`decode`] into a
//! [`Scenario`] → [`validate()`]; writing is [`write`](mod@write); [`file`](mod@file) adds the size
//! cap and the atomic save. The model never sees positions or text.

pub mod decode;
pub mod diagnostic;
pub mod enclosing;
pub mod file;
pub mod migrate;
pub mod names;
pub mod patch;
pub mod save;
pub mod syntax;
pub mod validate;
pub mod write;

pub use diagnostic::{Diagnostic, Severity};
pub use file::{LoadError, Loaded, SaveError, load_path, load_str, save_atomic};
pub use validate::validate;

/// The newest file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A number that may be uncertain: a point, or a distribution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Point(f64),
    Tri { low: f64, mode: f64, high: f64 },
    Pert { low: f64, mode: f64, high: f64 },
    Uniform { low: f64, high: f64 },
}

impl Value {
    /// The value used for the main (deterministic) result: docs/methodology.md's central value.
    #[must_use]
    pub fn central(&self) -> f64 {
        match *self {
            Value::Point(x) => x,
            Value::Tri { mode, .. } | Value::Pert { mode, .. } => mode,
            Value::Uniform { low, high } => f64::midpoint(low, high),
        }
    }

    /// The expected value of the input's distribution (model 2): `x`,
    /// `(low + mode + high) / 3`, `(low + 4·mode + high) / 6` (Beta-PERT,
    /// λ = 4), `(low + high) / 2`.
    #[must_use]
    pub fn mean(&self) -> f64 {
        match *self {
            Value::Point(x) => x,
            Value::Tri { low, mode, high } => (low + mode + high) / 3.0,
            Value::Pert { low, mode, high } => (low + 4.0 * mode + high) / 6.0,
            Value::Uniform { low, high } => f64::midpoint(low, high),
        }
    }

    /// The central value `settings.central` asks for: [`Value::central`]
    /// (the mode) or [`Value::mean`].
    #[must_use]
    pub fn central_as(&self, central: Central) -> f64 {
        match central {
            Central::Mode => self.central(),
            Central::Mean => self.mean(),
        }
    }

    /// Lowest and highest values the input can take.
    #[must_use]
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Value::Point(x) => (x, x),
            Value::Tri { low, high, .. }
            | Value::Pert { low, high, .. }
            | Value::Uniform { low, high } => (low, high),
        }
    }

    /// True for `Tri`, `Pert` and `Uniform`.
    #[must_use]
    pub fn is_uncertain(&self) -> bool {
        !matches!(self, Value::Point(_))
    }

    /// The value moved to a new central figure, its spread scaled in
    /// proportion (a low of 70 % of the central value stays 70 %); a point,
    /// or a value whose central figure is 0, becomes the point `central`.
    #[must_use]
    pub fn with_central(&self, central: f64) -> Value {
        let old = self.central();
        if !self.is_uncertain() || old == 0.0 {
            return Value::Point(central);
        }
        let k = central / old;
        // A negative factor mirrors the range (low and high change places);
        // min/max also keep rounding from putting an end past the centre.
        let ends = |low: f64, high: f64| {
            let (a, b) = (low * k, high * k);
            (a.min(b).min(central), a.max(b).max(central))
        };
        match *self {
            Value::Tri { low, high, .. } => {
                let (low, high) = ends(low, high);
                Value::Tri {
                    low,
                    mode: central,
                    high,
                }
            }
            Value::Pert { low, high, .. } => {
                let (low, high) = ends(low, high);
                Value::Pert {
                    low,
                    mode: central,
                    high,
                }
            }
            Value::Uniform { low, high } => {
                let (low, high) = ends(low, high);
                Value::Uniform { low, high }
            }
            Value::Point(_) => Value::Point(central),
        }
    }

    /// Every number written in the value, for range checks.
    #[must_use]
    pub fn numbers(&self) -> Vec<f64> {
        match *self {
            Value::Point(x) => vec![x],
            Value::Tri { low, mode, high } | Value::Pert { low, mode, high } => {
                vec![low, mode, high]
            }
            Value::Uniform { low, high } => vec![low, high],
        }
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Point(x)
    }
}

/// Protective marking carried by the scenario and every export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Marking {
    Unmarked,
    #[default]
    Official,
    OfficialSensitive,
}

impl Marking {
    /// All markings, in the order a picker shows them.
    pub const ALL: [Marking; 3] = [
        Marking::Unmarked,
        Marking::Official,
        Marking::OfficialSensitive,
    ];

    /// The name used in the file.
    #[must_use]
    pub fn ron_name(self) -> &'static str {
        match self {
            Marking::Unmarked => "Unmarked",
            Marking::Official => "Official",
            Marking::OfficialSensitive => "OfficialSensitive",
        }
    }

    /// The banner printed top and bottom of exports (empty for Unmarked).
    #[must_use]
    pub fn banner(self) -> &'static str {
        match self {
            Marking::Unmarked => "",
            Marking::Official => "OFFICIAL",
            Marking::OfficialSensitive => "OFFICIAL-SENSITIVE",
        }
    }
}

/// Where a figure came from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub url: String,
    pub note: String,
}

/// How future years are discounted.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Discounting {
    /// HM Treasury Green Book: 3.5 % to year 30, 3.0 % to 75, 2.5 % to 125.
    #[default]
    GreenBook,
    /// The 2026 lower-rate sensitivity test: 3.00 %, 2.57 %, 2.14 %.
    GreenBookLowerRate,
    /// One rate for every year.
    Constant(Value),
    /// Every discount factor is 1.
    Undiscounted,
}

impl Discounting {
    /// The variant name as written in the file and the JSON report.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Discounting::GreenBook => "GreenBook",
            Discounting::GreenBookLowerRate => "GreenBookLowerRate",
            Discounting::Constant(_) => "Constant",
            Discounting::Undiscounted => "Undiscounted",
        }
    }

    /// The method as the app's Discounting picker names it ("Green Book
    /// (3.5 %)"), for tables and the CSV; a constant rate adds its central
    /// value.
    #[must_use]
    pub fn words(&self) -> String {
        match self {
            Discounting::GreenBook => "Green Book (3.5 %)".to_owned(),
            Discounting::GreenBookLowerRate => "Green Book lower-rate test (3.0 %)".to_owned(),
            Discounting::Constant(r) => format!(
                "One constant rate ({} %)",
                syntax::fmt_num((r.central() * 1e4).round() / 100.0)
            ),
            Discounting::Undiscounted => "Undiscounted".to_owned(),
        }
    }
}

#[cfg(test)]
mod discounting_words_tests {
    use super::{Discounting, Value};

    #[test]
    fn methods_are_named_as_the_app_names_them() {
        assert_eq!(Discounting::GreenBook.words(), "Green Book (3.5 %)");
        assert_eq!(
            Discounting::Constant(Value::Point(0.035)).words(),
            "One constant rate (3.5 %)"
        );
        assert_eq!(Discounting::Undiscounted.words(), "Undiscounted");
    }
}

/// Which value of each input the central (deterministic) result uses
/// (model 2): the most likely value, or the expected value the Green Book
/// asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Central {
    /// The mode of `Tri` and `Pert`, the midpoint of `Uniform`.
    #[default]
    Mode,
    /// Each input's expected value.
    Mean,
}

impl Central {
    /// Both choices, in the order a picker shows them.
    pub const ALL: [Central; 2] = [Central::Mode, Central::Mean];

    /// The name used in the file and the JSON report.
    #[must_use]
    pub fn ron_name(self) -> &'static str {
        match self {
            Central::Mode => "Mode",
            Central::Mean => "Mean",
        }
    }

    /// What the central result is, in words, for headlines.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Central::Mode => "most likely values",
            Central::Mean => "expected values",
        }
    }
}

/// Green Book optimism bias, as fractions (0.41 = 41 %).
#[derive(Clone, Debug, PartialEq)]
pub struct OptimismBias {
    pub costs_uplift: Value,
    pub savings_haircut: Value,
    /// Why the bias is where it is: the mitigation (model 2).
    pub note: String,
}

impl Default for OptimismBias {
    fn default() -> Self {
        Self {
            costs_uplift: Value::Point(0.0),
            savings_haircut: Value::Point(0.0),
            note: String::new(),
        }
    }
}

/// Monte Carlo settings kept in the file so results are reproducible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonteCarlo {
    pub draws: u32,
    pub seed: u64,
}

impl Default for MonteCarlo {
    fn default() -> Self {
        Self {
            draws: 10_000,
            seed: 1,
        }
    }
}

/// Time, prices and discounting.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub start_year: i32,
    pub horizon_years: u32,
    /// Defaults to `start_year` when the file leaves it out.
    pub price_base_year: i32,
    pub discounting: Discounting,
    pub inflation: Value,
    pub optimism_bias: OptimismBias,
    pub monte_carlo: MonteCarlo,
    /// Which value of each input "central" means (model 2).
    pub central: Central,
}

impl Settings {
    /// Settings for a new scenario starting in `start_year`.
    #[must_use]
    pub fn new(start_year: i32, horizon_years: u32) -> Self {
        Self {
            start_year,
            horizon_years,
            price_base_year: start_year,
            discounting: Discounting::GreenBook,
            inflation: Value::Point(DEFAULT_INFLATION),
            optimism_bias: OptimismBias::default(),
            monte_carlo: MonteCarlo::default(),
            central: Central::Mode,
        }
    }

    /// The last calendar year inside the horizon.
    #[must_use]
    pub fn last_year(&self) -> i32 {
        // Saturating: validation reports a start year out of range; this must not panic first.
        self.start_year
            .saturating_add(self.horizon_years as i32)
            .saturating_sub(1)
    }
}

/// Default inflation for flows marked nominal (GDP deflator assumption).
pub const DEFAULT_INFLATION: f64 = 0.02;

/// Displaced-worker assumptions (defaults and sources: docs/methodology.md, section 13).
#[derive(Clone, Debug, PartialEq)]
pub struct Assumptions {
    pub months_out_of_work: Value,
    pub wage_scarring: Value,
    pub scarring_years: u32,
    pub local_multiplier: Value,
    pub wellbeing_loss: Value,
    pub wellby_value: Value,
    pub exchequer_tax_rate: Value,
    pub benefit_per_year: Value,
    /// Why an assumption was changed from its default, by field name
    /// (model 2): `{"wage_scarring": "No local evidence"}`.
    pub notes: std::collections::BTreeMap<String, String>,
}

impl Default for Assumptions {
    fn default() -> Self {
        Self {
            months_out_of_work: Value::Tri {
                low: 3.0,
                mode: 9.0,
                high: 18.0,
            },
            wage_scarring: Value::Point(0.10),
            scarring_years: 2,
            local_multiplier: Value::Point(1.3),
            wellbeing_loss: Value::Point(0.6),
            wellby_value: Value::Point(13_000.0),
            exchequer_tax_rate: Value::Point(0.25),
            benefit_per_year: Value::Point(5_100.0),
            notes: std::collections::BTreeMap::new(),
        }
    }
}

/// How an amount is spread over calendar years.
#[derive(Clone, Debug, PartialEq)]
pub enum Profile {
    /// The whole amount in one year.
    Once(i32),
    /// The amount every year from `from` to `to` (to the last year when `None`).
    Annual { from: i32, to: Option<i32> },
    /// The amount divided equally over `years` years: "£100m over 7 years".
    Spread { from: i32, years: u32 },
    /// Rising in equal steps to the full amount after `years` years, then flat.
    Ramp {
        from: i32,
        years: u32,
        to: Option<i32>,
    },
    /// The amount times a share per year, starting at `from`.
    Custom { from: i32, shares: Vec<Value> },
}

impl Profile {
    /// The first calendar year of the profile (growth is counted from it).
    #[must_use]
    pub fn first_year(&self) -> i32 {
        match *self {
            Profile::Once(y) => y,
            Profile::Annual { from, .. }
            | Profile::Spread { from, .. }
            | Profile::Ramp { from, .. }
            | Profile::Custom { from, .. } => from,
        }
    }

    /// How many times the amount is counted over the appraisal's years
    /// `start_year ..= start_year + horizon_years - 1`, before growth and
    /// discounting: the sum of the profile's yearly multiples
    /// (docs/methodology.md "Profiles"), custom shares at their central
    /// values. `Spread` gives 1 (inside the horizon), `Annual` from the
    /// start gives the horizon, `Once` outside it 0. The editor compares it
    /// before and after a change of profile, to say when the total changes.
    #[must_use]
    pub fn times_counted(&self, start_year: i32, horizon_years: u32) -> f64 {
        let (first, last) = (
            i64::from(start_year),
            i64::from(start_year) + i64::from(horizon_years) - 1,
        );
        // The years of [from, to] inside the horizon.
        let inside = |from: i64, to: i64| (to.min(last) - from.max(first) + 1).max(0);
        match self {
            Profile::Once(y) => inside(i64::from(*y), i64::from(*y)) as f64,
            Profile::Annual { from, to } => {
                inside(i64::from(*from), to.map_or(last, i64::from)) as f64
            }
            Profile::Spread { from, years } => {
                let from = i64::from(*from);
                inside(from, from + i64::from(*years) - 1) as f64 / f64::from((*years).max(1))
            }
            Profile::Ramp { from, years, to } => {
                let (from, years) = (i64::from(*from), f64::from((*years).max(1)));
                let end = to.map_or(last, i64::from).min(last);
                (from.max(first)..=end)
                    .map(|t| ((t - from + 1) as f64 / years).min(1.0))
                    .sum()
            }
            Profile::Custom { from, shares } => shares
                .iter()
                .zip(i64::from(*from)..)
                .filter(|&(_, t)| (first..=last).contains(&t))
                .map(|(v, _)| v.central())
                .sum(),
        }
    }

    /// The variant name as written in the file.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Profile::Once(_) => "Once",
            Profile::Annual { .. } => "Annual",
            Profile::Spread { .. } => "Spread",
            Profile::Ramp { .. } => "Ramp",
            Profile::Custom { .. } => "Custom",
        }
    }
}

/// A stream of money: a saving or a cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub label: String,
    pub amount: Value,
    pub profile: Profile,
    /// Real growth a year, from the profile's first year.
    pub growth: Value,
    /// The amount is in cash (nominal) terms and is deflated to the price base.
    pub nominal: bool,
    /// This flow is (part of) the department's headline claim.
    pub claim: bool,
    pub note: String,
}

impl Flow {
    /// A flow with every optional field at its default.
    #[must_use]
    pub fn new(label: impl Into<String>, amount: impl Into<Value>, profile: Profile) -> Self {
        Self {
            label: label.into(),
            amount: amount.into(),
            profile,
            growth: Value::Point(0.0),
            nominal: false,
            claim: false,
            note: String::new(),
        }
    }
}

/// Who pays a contract fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// The supplier pays the department (service-failure deductions).
    #[default]
    FromSupplier,
    /// The department pays (a regulator's or a contract penalty).
    ByAuthority,
}

impl Direction {
    /// The name used in the file.
    #[must_use]
    pub fn ron_name(self) -> &'static str {
        match self {
            Direction::FromSupplier => "FromSupplier",
            Direction::ByAuthority => "ByAuthority",
        }
    }
}

/// A contract fine, counted as its expectation (probability · amount).
#[derive(Clone, Debug, PartialEq)]
pub struct Fine {
    pub label: String,
    pub amount: Value,
    pub profile: Profile,
    pub probability: Value,
    pub direction: Direction,
    pub note: String,
}

/// Which terms of the Civil Service Compensation Scheme apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Terms {
    /// Voluntary exit or voluntary redundancy: at most 21 months' pay.
    #[default]
    Voluntary,
    /// Compulsory redundancy: at most 12 months' pay.
    Compulsory,
}

impl Terms {
    /// Both terms, in the order a picker shows them.
    pub const ALL: [Terms; 2] = [Terms::Voluntary, Terms::Compulsory];

    /// The name used in the file.
    #[must_use]
    pub fn ron_name(self) -> &'static str {
        match self {
            Terms::Voluntary => "Voluntary",
            Terms::Compulsory => "Compulsory",
        }
    }

    /// The scheme's cap on months of pay.
    #[must_use]
    pub fn cap_months(self) -> f64 {
        match self {
            Terms::Voluntary => 21.0,
            Terms::Compulsory => 12.0,
        }
    }
}

/// Redundancy by the Civil Service Compensation Scheme (model 2): one
/// month's pay per year of service, capped by the terms, on pay held
/// between the scheme's floor and ceiling.
#[derive(Clone, Debug, PartialEq)]
pub struct CivilService {
    pub terms: Terms,
    pub service_years: Value,
}

impl CivilService {
    /// The lowest pay the scheme counts, in pounds a year.
    pub const PAY_FLOOR: f64 = 23_000.0;
    /// The highest pay the scheme counts, in pounds a year.
    pub const PAY_CEILING: f64 = 149_820.0;
}

/// Jobs moved offshore (or otherwise lost) in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct JobMove {
    pub label: String,
    pub jobs: Value,
    pub year: i32,
    pub salary: Value,
    pub redundancy_months: Value,
    /// Redundancy by the scheme instead of `redundancy_months` (model 2).
    pub redundancy: Option<CivilService>,
    /// This item's own local multiplier; `None` uses the assumption.
    pub local_multiplier: Option<Value>,
    pub note: String,
}

/// Offices closed in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct OfficeClosure {
    pub label: String,
    pub offices: Value,
    pub year: i32,
    pub running_cost_per_office: Value,
    pub closure_cost_per_office: Value,
    pub jobs_lost: Value,
    pub salary: Value,
    pub staff_relocated: Value,
    pub relocation_cost_per_person: Value,
    pub public_access_cost: Value,
    /// Months of pay in redundancy for the jobs lost (model 2).
    pub redundancy_months: Value,
    /// Redundancy by the scheme instead of `redundancy_months` (model 2).
    pub redundancy: Option<CivilService>,
    /// This item's own local multiplier; `None` uses the assumption.
    pub local_multiplier: Option<Value>,
    pub note: String,
}

/// Sensitive records handled somewhere riskier, live from `from` to `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct DataRisk {
    pub label: String,
    pub records: Value,
    pub from: i32,
    pub to: Option<i32>,
    pub annual_probability: Value,
    pub exposed_share: Value,
    pub harm_per_record: Value,
    pub regulatory_fine: Value,
    pub note: String,
}

/// A rank (Spearman) correlation between two uncertain inputs, named by
/// their `solve --input` paths (model 2). Only Monte Carlo uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Correlation {
    pub a: String,
    pub b: String,
    /// −1 … 1.
    pub rank: f64,
    pub note: String,
}

/// One option, appraised against "carry on as now".
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub format_version: u32,
    pub title: String,
    pub summary: String,
    pub marking: Marking,
    pub author: String,
    pub sources: Vec<Source>,
    pub settings: Settings,
    pub assumptions: Assumptions,
    pub savings: Vec<Flow>,
    pub costs: Vec<Flow>,
    pub fines: Vec<Fine>,
    pub job_moves: Vec<JobMove>,
    pub office_closures: Vec<OfficeClosure>,
    pub data_risks: Vec<DataRisk>,
    /// Rank correlations between uncertain inputs (model 2).
    pub correlations: Vec<Correlation>,
}

impl Scenario {
    /// An empty scenario: every list empty, every default in place.
    #[must_use]
    pub fn new(title: impl Into<String>, start_year: i32, horizon_years: u32) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            summary: String::new(),
            marking: Marking::default(),
            author: String::new(),
            sources: Vec::new(),
            settings: Settings::new(start_year, horizon_years),
            assumptions: Assumptions::default(),
            savings: Vec::new(),
            costs: Vec::new(),
            fines: Vec::new(),
            job_moves: Vec::new(),
            office_closures: Vec::new(),
            data_risks: Vec::new(),
            correlations: Vec::new(),
        }
    }

    /// The input named `path`, as `solve --input` and the model's plan name
    /// it (`savings[0].amount`, `assumptions.months_out_of_work`,
    /// `costs[1].profile.shares[2]`); `None` when there is no such input.
    pub fn value_mut(&mut self, path: &str) -> Option<&mut Value> {
        let (head, field) = path.split_once('.')?;
        match head {
            "settings" => {
                let st = &mut self.settings;
                match field {
                    "inflation" => Some(&mut st.inflation),
                    "optimism_bias.costs_uplift" => Some(&mut st.optimism_bias.costs_uplift),
                    "optimism_bias.savings_haircut" => Some(&mut st.optimism_bias.savings_haircut),
                    "discounting" => match &mut st.discounting {
                        Discounting::Constant(r) => Some(r),
                        _ => None,
                    },
                    _ => None,
                }
            }
            "assumptions" => {
                let a = &mut self.assumptions;
                match field {
                    "months_out_of_work" => Some(&mut a.months_out_of_work),
                    "wage_scarring" => Some(&mut a.wage_scarring),
                    "local_multiplier" => Some(&mut a.local_multiplier),
                    "wellbeing_loss" => Some(&mut a.wellbeing_loss),
                    "wellby_value" => Some(&mut a.wellby_value),
                    "exchequer_tax_rate" => Some(&mut a.exchequer_tax_rate),
                    "benefit_per_year" => Some(&mut a.benefit_per_year),
                    _ => None,
                }
            }
            _ => {
                let (list, i) = indexed(head)?;
                match list {
                    "savings" => flow_value(self.savings.get_mut(i)?, field),
                    "costs" => flow_value(self.costs.get_mut(i)?, field),
                    "fines" => {
                        let f = self.fines.get_mut(i)?;
                        match field {
                            "amount" => Some(&mut f.amount),
                            "probability" => Some(&mut f.probability),
                            _ => share(&mut f.profile, field),
                        }
                    }
                    "job_moves" => {
                        let j = self.job_moves.get_mut(i)?;
                        match field {
                            "jobs" => Some(&mut j.jobs),
                            "salary" => Some(&mut j.salary),
                            "redundancy_months" => Some(&mut j.redundancy_months),
                            "redundancy.service_years" => {
                                j.redundancy.as_mut().map(|r| &mut r.service_years)
                            }
                            "local_multiplier" => j.local_multiplier.as_mut(),
                            _ => None,
                        }
                    }
                    "office_closures" => {
                        let c = self.office_closures.get_mut(i)?;
                        match field {
                            "offices" => Some(&mut c.offices),
                            "running_cost_per_office" => Some(&mut c.running_cost_per_office),
                            "closure_cost_per_office" => Some(&mut c.closure_cost_per_office),
                            "jobs_lost" => Some(&mut c.jobs_lost),
                            "salary" => Some(&mut c.salary),
                            "staff_relocated" => Some(&mut c.staff_relocated),
                            "relocation_cost_per_person" => Some(&mut c.relocation_cost_per_person),
                            "public_access_cost" => Some(&mut c.public_access_cost),
                            "redundancy_months" => Some(&mut c.redundancy_months),
                            "redundancy.service_years" => {
                                c.redundancy.as_mut().map(|r| &mut r.service_years)
                            }
                            "local_multiplier" => c.local_multiplier.as_mut(),
                            _ => None,
                        }
                    }
                    "data_risks" => {
                        let r = self.data_risks.get_mut(i)?;
                        match field {
                            "records" => Some(&mut r.records),
                            "annual_probability" => Some(&mut r.annual_probability),
                            "exposed_share" => Some(&mut r.exposed_share),
                            "harm_per_record" => Some(&mut r.harm_per_record),
                            "regulatory_fine" => Some(&mut r.regulatory_fine),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
        }
    }
}

/// `savings[3]` → ("savings", 3).
fn indexed(s: &str) -> Option<(&str, usize)> {
    let (name, rest) = s.split_once('[')?;
    Some((name, rest.strip_suffix(']')?.parse().ok()?))
}

fn flow_value<'a>(f: &'a mut Flow, field: &str) -> Option<&'a mut Value> {
    match field {
        "amount" => Some(&mut f.amount),
        "growth" => Some(&mut f.growth),
        _ => share(&mut f.profile, field),
    }
}

/// `profile.shares[2]` of a custom profile.
fn share<'a>(p: &'a mut Profile, field: &str) -> Option<&'a mut Value> {
    let (_, i) = indexed(field.strip_prefix("profile.")?).filter(|(name, _)| *name == "shares")?;
    match p {
        Profile::Custom { shares, .. } => shares.get_mut(i),
        _ => None,
    }
}

/// Limits that keep a hostile file from hanging or exhausting the machine.
pub mod limits {
    /// Largest file read, checked before reading.
    pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
    /// Longest list (items, sources, custom shares).
    pub const MAX_LIST_ITEMS: usize = 10_000;
    /// Longest string, in characters.
    pub const MAX_STRING_CHARS: usize = 10_000;
    /// RON's default recursion limit.
    pub const MAX_NESTING: usize = 128;
    /// Horizon in years.
    pub const HORIZON_YEARS: std::ops::RangeInclusive<u32> = 1..=100;
    /// Monte Carlo draws.
    pub const DRAWS: std::ops::RangeInclusive<u32> = 1..=1_000_000;
    /// Calendar years accepted anywhere in a file.
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2500;
    /// Largest absolute amount of money, in pounds (£1,000 trillion): keeps
    /// every sum finite.
    pub const MAX_MONEY: f64 = 1e15;
    /// Largest count (jobs, offices, records).
    pub const MAX_COUNT: f64 = 1e10;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;

    /// Every kind of input the plan names: custom shares, a constant
    /// discount rate, items' own local multipliers, every list.
    fn everything() -> Scenario {
        let mut s = Scenario::new("all inputs", 2020, 10);
        s.settings.discounting = Discounting::Constant(Value::Point(0.03));
        s.savings.push(Flow::new(
            "custom",
            Value::Tri {
                low: 1e6,
                mode: 2e6,
                high: 3e6,
            },
            Profile::Custom {
                from: 2021,
                shares: vec![Value::Point(0.25), Value::Point(0.75)],
            },
        ));
        s.costs.push(Flow::new(
            "cost",
            5e5,
            Profile::Annual {
                from: 2020,
                to: None,
            },
        ));
        s.fines.push(Fine {
            label: "fine".into(),
            amount: Value::Point(1e5),
            profile: Profile::Custom {
                from: 2020,
                shares: vec![Value::Point(1.0)],
            },
            probability: Value::Point(0.5),
            direction: Direction::FromSupplier,
            note: String::new(),
        });
        s.job_moves.push(JobMove {
            label: "moves".into(),
            jobs: Value::Point(10.0),
            year: 2021,
            salary: Value::Point(24_000.0),
            redundancy_months: Value::Point(3.0),
            redundancy: None,
            local_multiplier: Some(Value::Point(1.5)),
            note: String::new(),
        });
        s.office_closures.push(OfficeClosure {
            label: "closure".into(),
            offices: Value::Point(2.0),
            year: 2022,
            running_cost_per_office: Value::Point(1e5),
            closure_cost_per_office: Value::Point(2e4),
            jobs_lost: Value::Point(5.0),
            salary: Value::Point(20_000.0),
            staff_relocated: Value::Point(3.0),
            relocation_cost_per_person: Value::Point(4_000.0),
            public_access_cost: Value::Point(1_000.0),
            redundancy_months: Value::Point(0.0),
            redundancy: Some(CivilService {
                terms: Terms::Compulsory,
                service_years: Value::Uniform {
                    low: 2.0,
                    high: 30.0,
                },
            }),
            local_multiplier: Some(Value::Point(1.2)),
            note: String::new(),
        });
        s.data_risks.push(DataRisk {
            label: "risk".into(),
            records: Value::Point(1e5),
            from: 2020,
            to: None,
            annual_probability: Value::Point(0.01),
            exposed_share: Value::Point(0.5),
            harm_per_record: Value::Point(150.0),
            regulatory_fine: Value::Point(1e6),
            note: String::new(),
        });
        s
    }

    #[test]
    fn every_input_the_plan_names_can_be_found_and_set_by_its_path() {
        let mut scenarios = vec![everything()];
        for entry in std::fs::read_dir("scenarios").expect("scenarios/") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                scenarios.push(load_path(&path).expect("a bundled scenario").scenario);
            }
        }
        let mut checked = 0;
        for s in scenarios {
            let plan = Plan::new(&s);
            for (p, param) in plan.params.iter().enumerate() {
                let mut edited = s.clone();
                let v = edited
                    .value_mut(&param.path)
                    .unwrap_or_else(|| panic!("{} is not found", param.path));
                assert_eq!(*v, param.value, "{}", param.path);
                // Setting it through the path moves exactly that input of the plan.
                *v = Value::Point(0.123);
                let after = Plan::new(&edited);
                assert_eq!(after.params[p].value, Value::Point(0.123), "{}", param.path);
                let moved: Vec<&str> = after
                    .params
                    .iter()
                    .zip(&plan.params)
                    .filter(|(a, b)| a.value != b.value)
                    .map(|(a, _)| a.path.as_str())
                    .collect();
                assert_eq!(moved, [param.path.as_str()]);
                checked += 1;
            }
        }
        assert!(checked > 300, "only {checked} inputs checked");
        let mut s = everything();
        for wrong in [
            "savings[1].amount",
            "savings[0].amount.x",
            "savings[0].profile.shares[2]",
            "savings[x].amount",
            "settings.discount",
            "settings",
            "job_moves[0].year",
            "assumptions.scarring_years",
        ] {
            assert!(s.value_mut(wrong).is_none(), "{wrong}");
        }
        s.job_moves[0].local_multiplier = None;
        assert!(s.value_mut("job_moves[0].local_multiplier").is_none());
    }

    #[test]
    fn a_new_central_value_keeps_the_spread_in_proportion() {
        let tri = Value::Tri {
            low: 70.0,
            mode: 100.0,
            high: 110.0,
        };
        assert_eq!(
            tri.with_central(50.0),
            Value::Tri {
                low: 35.0,
                mode: 50.0,
                high: 55.0
            }
        );
        // A negative central value mirrors the range so it stays in order.
        assert_eq!(
            tri.with_central(-50.0),
            Value::Tri {
                low: -55.0,
                mode: -50.0,
                high: -35.0
            }
        );
        assert_eq!(
            Value::Uniform {
                low: 2.0,
                high: 6.0
            }
            .with_central(8.0),
            Value::Uniform {
                low: 4.0,
                high: 12.0
            }
        );
        assert_eq!(Value::Point(3.0).with_central(4.5), Value::Point(4.5));
        // A distribution centred on 0 has no proportion to keep.
        assert_eq!(
            Value::Pert {
                low: -1.0,
                mode: 0.0,
                high: 1.0
            }
            .with_central(2.0),
            Value::Point(2.0)
        );
    }

    #[test]
    fn a_profile_counts_its_amount_the_times_it_falls_inside_the_horizon() {
        // Appraisal 2014–2020 (7 years).
        let n = |p: Profile| p.times_counted(2014, 7);
        assert_eq!(n(Profile::Once(2016)), 1.0);
        assert_eq!(n(Profile::Once(2021)), 0.0);
        assert_eq!(
            n(Profile::Annual {
                from: 2014,
                to: None
            }),
            7.0
        );
        assert_eq!(
            n(Profile::Annual {
                from: 2016,
                to: Some(2018)
            }),
            3.0
        );
        assert_eq!(
            n(Profile::Annual {
                from: 2010,
                to: Some(2015)
            }),
            2.0
        );
        assert_eq!(
            n(Profile::Spread {
                from: 2014,
                years: 7
            }),
            1.0
        );
        // Spread over 2019–2022: two of its four years fall inside.
        assert_eq!(
            n(Profile::Spread {
                from: 2019,
                years: 4
            }),
            0.5
        );
        // Ramp over 3 years from 2014: 1/3 + 2/3 + 1 + 1 + 1 + 1 + 1.
        let ramp = n(Profile::Ramp {
            from: 2014,
            years: 3,
            to: None,
        });
        assert!((ramp - 6.0).abs() < 1e-12, "{ramp}");
        // Started before the horizon: 2014 is already its third year.
        let early = n(Profile::Ramp {
            from: 2012,
            years: 4,
            to: Some(2015),
        });
        assert!((early - 1.75).abs() < 1e-12, "{early}");
        let custom = Profile::Custom {
            from: 2019,
            shares: vec![
                Value::Point(0.25),
                Value::Tri {
                    low: 0.1,
                    mode: 0.5,
                    high: 0.9,
                },
                Value::Point(0.25),
            ],
        };
        // The third share (2021) is past the horizon; the range counts its mode.
        assert_eq!(n(custom), 0.75);
    }
}
