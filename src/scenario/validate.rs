//! The rules a decoded scenario must meet (docs/format.md "Rules"), and warnings
//! for whatever the horizon cuts off. Used for files and for the app's
//! editor alike, so both give the same message for the same mistake.

use super::diagnostic::{Diagnostic, item_name};
use super::limits::{
    DRAWS, HORIZON_YEARS, MAX_COUNT, MAX_LIST_ITEMS, MAX_MONEY, MAX_STRING_CHARS, YEARS,
};
use super::names;
use super::syntax::fmt_num;

/// Largest power of ten a flow may reach in one year once grown and
/// deflated: 10,000 items of it, times discount factors, stay finite.
const MAX_LOG10_FLOW: f64 = 280.0;

/// How far the price base year may be from the start year.
const MAX_PRICE_BASE_DISTANCE: i64 = 1000;
use super::{Discounting, Profile, Scenario, Value};

/// What a number means, and so which range it must lie in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// Pounds, may be negative (flow amounts).
    SignedMoney,
    /// Pounds, 0 or more.
    Money,
    /// A count of jobs, offices, records.
    Count,
    /// A fraction in 0–1 (probabilities, shares, rates of tax).
    Fraction,
    /// A yearly discount rate in 0–1.
    Rate,
    /// A yearly real growth or inflation rate in −0.5 … 1 (model 2: a
    /// saving that erodes, a year of falling prices).
    Growth,
    /// The optimism-bias uplift on costs: 0–10 (0 %–1,000 %).
    Uplift,
    /// Months: 0–1,200.
    Months,
    /// A local multiplier: 0–10.
    Multiplier,
    /// Life-satisfaction points on a 0–10 scale.
    Points,
    /// A share in a custom profile: 0–1,000,000.
    Share,
    /// Years of service: 0–100.
    ServiceYears,
}

impl Quantity {
    /// The allowed range and how to say it.
    #[must_use]
    pub fn range(self) -> (f64, f64, &'static str) {
        match self {
            Quantity::SignedMoney => (
                -MAX_MONEY,
                MAX_MONEY,
                "between −£1,000 trillion and £1,000 trillion",
            ),
            Quantity::Money => (0.0, MAX_MONEY, "between £0 and £1,000 trillion"),
            Quantity::Count => (0.0, MAX_COUNT, "between 0 and 10 billion"),
            Quantity::Fraction => (0.0, 1.0, "outside 0–1"),
            Quantity::Rate => (0.0, 1.0, "outside 0–1 (a fraction: 0.035 is 3.5 %)"),
            Quantity::Growth => (
                -0.5,
                1.0,
                "outside −0.5 … 1 (a fraction a year: −0.02 is a fall of 2 %)",
            ),
            Quantity::Uplift => (0.0, 10.0, "outside 0–10 (a fraction: 0.41 is 41 %)"),
            Quantity::Months => (0.0, 1200.0, "outside 0–1,200 months"),
            Quantity::Multiplier => (0.0, 10.0, "outside 0–10"),
            Quantity::Points => (0.0, 10.0, "outside 0–10 points"),
            Quantity::Share => (0.0, 1e6, "outside 0–1,000,000"),
            Quantity::ServiceYears => (0.0, 100.0, "outside 0–100 years"),
        }
    }
}

impl Quantity {
    /// What the input at `path` (as `solve --input` names it:
    /// `savings[0].amount`, `assumptions.wage_scarring`) measures, and so the
    /// range a value given for it on the command line must lie in: the same
    /// range the file's own value is checked against.
    #[must_use]
    pub fn of_input(path: &str) -> Quantity {
        let field = path.rsplit('.').next().unwrap_or(path);
        match (path, field) {
            (_, "amount") if path.starts_with("fines[") => Quantity::Money,
            (_, "amount") => Quantity::SignedMoney,
            ("settings.inflation", _) | (_, "growth") => Quantity::Growth,
            ("settings.optimism_bias.costs_uplift", _) => Quantity::Uplift,
            ("settings.discounting", _) => Quantity::Rate,
            (_, "months_out_of_work" | "redundancy_months") => Quantity::Months,
            (_, "local_multiplier") => Quantity::Multiplier,
            (_, "wellbeing_loss") => Quantity::Points,
            (_, "service_years") => Quantity::ServiceYears,
            (_, "jobs" | "jobs_lost" | "offices" | "staff_relocated" | "records") => {
                Quantity::Count
            }
            (
                _,
                "savings_haircut" | "wage_scarring" | "exchequer_tax_rate" | "probability"
                | "annual_probability" | "exposed_share",
            ) => Quantity::Fraction,
            _ if field.starts_with("shares[") => Quantity::Share,
            _ => Quantity::Money,
        }
    }
}

/// All problems with `s`, errors first in file order, then warnings.
#[must_use]
pub fn validate(s: &Scenario) -> Vec<Diagnostic> {
    let mut v = Validator {
        out: Vec::new(),
        s,
        label: String::new(),
    };
    v.run();
    v.out
}

struct Validator<'a> {
    out: Vec<Diagnostic>,
    s: &'a Scenario,
    /// The label of the item being checked, for naming its fields.
    label: String,
}

impl Validator<'_> {
    /// The value at `path` as the editor names it ("Savings 1. Back
    /// office — amount", "Settings — start year").
    fn name(&self, path: &str) -> String {
        names::path_words(path, &self.label)
    }

    /// A profile's `years` as the editor labels it for that kind of
    /// profile ("over (years)" for a spread, "years to full" for a ramp):
    /// the path alone names both "profile years".
    fn years_name(&self, profile_path: &str, editor: &str) -> String {
        let name = self.name(&format!("{profile_path}.years"));
        match name.strip_suffix("profile years") {
            Some(item) => format!("{item}{editor}"),
            None => name,
        }
    }

    fn err(&mut self, path: String, message: String) {
        self.out.push(Diagnostic::error(path, message));
    }

    fn warn(&mut self, path: String, message: String) {
        self.out.push(Diagnostic::warning(path, message));
    }

    fn text(&mut self, path: &str, text: &str) {
        let n = text.chars().count();
        if n > MAX_STRING_CHARS {
            self.err(
                path.to_owned(),
                format!(
                    "{} is {n} characters long; the most is {MAX_STRING_CHARS} — shorten it",
                    self.name(path)
                ),
            );
        }
    }

    /// An item's path and how messages name it, after checking its label and note.
    fn item(&mut self, list: &str, i: usize, label: &str, note: &str) -> (String, String) {
        let path = format!("{list}[{i}]");
        label.clone_into(&mut self.label);
        let who = format!("{}: ", item_name(&path, label));
        self.text(&format!("{path}.label"), label);
        self.text(&format!("{path}.note"), note);
        (path, who)
    }

    fn list_len(&mut self, field: &str, len: usize) {
        if len > MAX_LIST_ITEMS {
            self.err(field.to_owned(), format!("{} has {len} entries; the most a list may hold is {MAX_LIST_ITEMS} — split the scenario", names::top_words(field)));
        }
    }

    /// Checks one value: finite, ordered, inside its range.
    fn value(&mut self, path: String, v: &Value, q: Quantity) {
        if let Some(msg) = value_problem(v, q) {
            let name = self.name(&path);
            self.err(path, format!("{name} {msg}"));
        }
    }

    /// A flow grown or deflated past what a float holds is an error naming
    /// it (docs/methodology.md: every reported figure is finite). Growth and inflation
    /// may be −0.5 … 1 (model 2), so `(1 + i)^(t − price base)` can be huge
    /// when the price base year is far from the horizon: the bound is worked
    /// in logarithms from the ends of every range, so it holds for every draw.
    fn flow_stays_finite(&mut self, path: &str, who: &str, f: &super::Flow) {
        let st = &self.s.settings;
        let ends = |v: &Value| v.bounds();
        let numbers = [f.amount, f.growth, st.inflation];
        if numbers
            .iter()
            .any(|v| v.numbers().iter().any(|x| !x.is_finite()))
        {
            return; // reported by `value`
        }
        let (a_lo, a_hi) = ends(&f.amount);
        let amount = a_lo.abs().max(a_hi.abs());
        if amount == 0.0 {
            return;
        }
        let share = match &f.profile {
            Profile::Custom { shares, .. } => shares
                .iter()
                .flat_map(Value::numbers)
                .map(f64::abs)
                .fold(1.0, f64::max),
            _ => 1.0,
        };
        let last = f64::from(st.horizon_years.saturating_sub(1));
        let (_, g_hi) = ends(&f.growth);
        // (1 + g)^k for k in 0..H: largest at the highest growth and k = H − 1.
        let growth = if g_hi > -1.0 {
            (g_hi.max(0.0)).ln_1p() * last
        } else {
            0.0
        };
        // 1 / (1 + i)^(t − base) = (1 + i)^(base − t), t in 0..H: largest at a
        // corner of the inflation range and of the years.
        let deflation = if f.nominal {
            let base = f64::from(st.price_base_year) - f64::from(st.start_year);
            let (i_lo, i_hi) = ends(&st.inflation);
            [i_lo, i_hi]
                .into_iter()
                .filter(|i| *i > -1.0)
                .flat_map(|i| [base, base - last].map(|e| e * i.ln_1p()))
                .fold(0.0, f64::max)
        } else {
            0.0
        };
        let log10 = amount.log10() + share.log10() + (growth + deflation) / std::f64::consts::LN_10;
        if log10 > MAX_LOG10_FLOW {
            self.err(
                format!("{path}.amount"),
                format!(
                    "{who}grown and deflated, the amount would reach about 1e{} pounds, more than the model can add up; \
                     check its real growth a year, and the settings' inflation and price base year",
                    log10.floor()
                ),
            );
        }
    }

    /// `redundancy_months`, or the scheme's years of service; not both.
    fn redundancy(
        &mut self,
        path: &str,
        who: &str,
        months: &Value,
        scheme: Option<&super::CivilService>,
    ) {
        self.value(
            format!("{path}.redundancy_months"),
            months,
            Quantity::Months,
        );
        if let Some(r) = scheme {
            self.value(
                format!("{path}.redundancy.service_years"),
                &r.service_years,
                Quantity::ServiceYears,
            );
            if *months != Value::Point(0.0) {
                self.err(
                    format!("{path}.redundancy"),
                    format!(
                        "{who}gives both `redundancy_months` and `redundancy`; keep one — the scheme's months, or your own"
                    ),
                );
            }
        }
    }

    fn year(&mut self, path: String, y: i32) -> bool {
        let start = self.s.settings.start_year;
        if y < start {
            let name = self.name(&path);
            self.err(path, format!("{name} {y} is before the start year {start}; move it to {start} or later, or start the appraisal earlier"));
            false
        } else {
            true
        }
    }

    fn run(&mut self) {
        let s = self.s;
        self.text("title", &s.title);
        self.text("summary", &s.summary);
        self.text("author", &s.author);
        if s.title.trim().is_empty() {
            self.warn(
                "title".into(),
                "`title` is empty; give the scenario a title — it heads every chart and report"
                    .into(),
            );
        }
        self.list_len("sources", s.sources.len());
        for (i, src) in s.sources.iter().enumerate() {
            let path = format!("sources[{i}]");
            src.title.clone_into(&mut self.label);
            for (f, t) in [
                ("title", &src.title),
                ("publisher", &src.publisher),
                ("date", &src.date),
                ("url", &src.url),
                ("note", &src.note),
            ] {
                self.text(&format!("{path}.{f}"), t);
            }
        }
        self.settings();
        self.assumptions();
        for (list, flows) in [("savings", &s.savings), ("costs", &s.costs)] {
            self.list_len(list, flows.len());
            for (i, f) in flows.iter().enumerate() {
                let (path, who) = self.item(list, i, &f.label, &f.note);
                self.value(format!("{path}.amount"), &f.amount, Quantity::SignedMoney);
                self.value(format!("{path}.growth"), &f.growth, Quantity::Growth);
                self.profile(&path, &who, &f.profile);
                self.flow_stays_finite(&path, &who, f);
            }
        }
        self.list_len("fines", s.fines.len());
        for (i, f) in s.fines.iter().enumerate() {
            let (path, who) = self.item("fines", i, &f.label, &f.note);
            self.value(format!("{path}.amount"), &f.amount, Quantity::Money);
            self.value(
                format!("{path}.probability"),
                &f.probability,
                Quantity::Fraction,
            );
            self.profile(&path, &who, &f.profile);
        }
        self.list_len("job_moves", s.job_moves.len());
        for (i, j) in s.job_moves.iter().enumerate() {
            let (path, who) = self.item("job_moves", i, &j.label, &j.note);
            self.value(format!("{path}.jobs"), &j.jobs, Quantity::Count);
            self.value(format!("{path}.salary"), &j.salary, Quantity::Money);
            self.redundancy(&path, &who, &j.redundancy_months, j.redundancy.as_ref());
            if let Some(m) = &j.local_multiplier {
                self.value(format!("{path}.local_multiplier"), m, Quantity::Multiplier);
            }
            if self.year(format!("{path}.year"), j.year) {
                self.displacement_cut(&path, &who, "year", j.year);
            }
        }
        self.list_len("office_closures", s.office_closures.len());
        for (i, c) in s.office_closures.iter().enumerate() {
            let (path, who) = self.item("office_closures", i, &c.label, &c.note);
            self.value(format!("{path}.offices"), &c.offices, Quantity::Count);
            for (f, v) in [
                ("running_cost_per_office", &c.running_cost_per_office),
                ("closure_cost_per_office", &c.closure_cost_per_office),
                ("salary", &c.salary),
                ("relocation_cost_per_person", &c.relocation_cost_per_person),
                ("public_access_cost", &c.public_access_cost),
            ] {
                self.value(format!("{path}.{f}"), v, Quantity::Money);
            }
            self.value(format!("{path}.jobs_lost"), &c.jobs_lost, Quantity::Count);
            self.value(
                format!("{path}.staff_relocated"),
                &c.staff_relocated,
                Quantity::Count,
            );
            self.redundancy(&path, &who, &c.redundancy_months, c.redundancy.as_ref());
            if let Some(m) = &c.local_multiplier {
                self.value(format!("{path}.local_multiplier"), m, Quantity::Multiplier);
            }
            if self.year(format!("{path}.year"), c.year) {
                if c.year > s.settings.last_year() {
                    self.warn(format!("{path}.year"), format!(
                        "{who}closes in {}, after the horizon ends in {}; nothing about it is counted",
                        c.year, s.settings.last_year()
                    ));
                } else if c.jobs_lost.central() > 0.0 {
                    self.displacement_cut(&path, &who, "year", c.year);
                }
            }
        }
        self.list_len("data_risks", s.data_risks.len());
        for (i, r) in s.data_risks.iter().enumerate() {
            let (path, who) = self.item("data_risks", i, &r.label, &r.note);
            self.value(format!("{path}.records"), &r.records, Quantity::Count);
            self.value(
                format!("{path}.annual_probability"),
                &r.annual_probability,
                Quantity::Fraction,
            );
            self.value(
                format!("{path}.exposed_share"),
                &r.exposed_share,
                Quantity::Fraction,
            );
            self.value(
                format!("{path}.harm_per_record"),
                &r.harm_per_record,
                Quantity::Money,
            );
            self.value(
                format!("{path}.regulatory_fine"),
                &r.regulatory_fine,
                Quantity::Money,
            );
            let from_ok = self.year(format!("{path}.from"), r.from);
            let to_ok = r.to.is_none_or(|to| self.year(format!("{path}.to"), to));
            if from_ok && to_ok {
                if let Some(to) = r.to
                    && to < r.from
                {
                    self.err(
                        format!("{path}.to"),
                        format!(
                            "{who}its last year (To) {to} is before its first (From) {}; the risk would never be live",
                            r.from
                        ),
                    );
                } else {
                    self.range_cut(&path, &who, r.from, r.to);
                }
            }
        }
        self.correlations();
    }

    /// Model 2: each correlation names two different uncertain inputs by
    /// their paths, once, with a rank in −1 … 1, and all of them together
    /// form a positive semi-definite matrix.
    fn correlations(&mut self) {
        let s = self.s;
        if s.correlations.is_empty() {
            return;
        }
        self.list_len("correlations", s.correlations.len());
        let plan = crate::model::Plan::new(s);
        let paths: Vec<&str> = plan.params.iter().map(|p| p.path.as_str()).collect();
        let mut good: Vec<(usize, usize, usize, f64)> = Vec::new();
        for (i, c) in s.correlations.iter().enumerate() {
            let path = format!("correlations[{i}]");
            self.label.clear();
            let who = format!("{} (`{}` ~ `{}`): ", item_name(&path, ""), c.a, c.b);
            self.text(&format!("{path}.note"), &c.note);
            let mut ok = true;
            let mut ends = [0usize; 2];
            for (end, (field, name)) in [("a", &c.a), ("b", &c.b)].into_iter().enumerate() {
                match paths.iter().position(|p| p == name) {
                    Some(p) if plan.params[p].value.is_uncertain() => ends[end] = p,
                    Some(p) => {
                        ok = false;
                        self.err(
                            format!("{path}.{field}"),
                            format!(
                                "{who}{} `{name}` is a point value ({}); a correlation needs two uncertain inputs — make it a range, or remove the correlation",
                                names::field_words("correlations", field),
                                fmt_num(plan.params[p].value.central())
                            ),
                        );
                    }
                    None => {
                        ok = false;
                        let nearest: Vec<&str> = super::diagnostic::nearest_first(name, &paths)
                            .into_iter()
                            .take(3)
                            .collect();
                        self.err(
                            format!("{path}.{field}"),
                            format!(
                                "{who}{} \"{name}\" is not an input of this scenario; inputs are named as `solve --input` names them, nearest first: {}",
                                names::field_words("correlations", field),
                                nearest.join(", ")
                            ),
                        );
                    }
                }
            }
            if !(c.rank.is_finite() && (-1.0..=1.0).contains(&c.rank)) {
                ok = false;
                self.err(
                    format!("{path}.rank"),
                    format!(
                        "{who}the rank correlation {} is outside −1 … 1",
                        fmt_num(c.rank)
                    ),
                );
            }
            if ok && ends[0] == ends[1] {
                ok = false;
                self.err(
                    path.clone(),
                    format!("{who}correlates an input with itself; name two different inputs"),
                );
            }
            if ok {
                let pair = (ends[0].min(ends[1]), ends[0].max(ends[1]));
                if let Some(&(first, ..)) = good.iter().find(|g| (g.1, g.2) == pair) {
                    self.err(
                        path.clone(),
                        format!("{who}the same pair is already correlated in `correlations[{first}]`; keep one"),
                    );
                } else {
                    good.push((i, pair.0, pair.1, c.rank));
                }
            }
        }
        let pairs: Vec<(usize, usize, f64)> = good.iter().map(|g| (g.1, g.2, g.3)).collect();
        let Some(m) = crate::model::correlation::Correlated::new(&pairs) else {
            return;
        };
        if let Err(row) = crate::model::correlation::cholesky(&m.target, m.len()) {
            // The inputs up to the failing row cannot hold their
            // correlations together: name them, and the strongest of their
            // pairs as the one to lower.
            let involved = &m.inputs[..=row];
            let (worst, ..) = good
                .iter()
                .filter(|g| involved.contains(&g.1) && involved.contains(&g.2))
                .max_by(|x, y| x.3.abs().total_cmp(&y.3.abs()))
                .copied()
                .unwrap_or(good[0]);
            let c = &s.correlations[worst];
            let names: Vec<&str> = involved
                .iter()
                .map(|&p| plan.params[p].path.as_str())
                .collect();
            self.err(
                format!("correlations[{worst}].rank"),
                format!(
                    "`correlations`: the rank correlations among {} cannot all hold at once (together they are not a valid correlation matrix); lower the strongest, `correlations[{worst}]` ({} ~ {}, {}), towards 0",
                    names.join(", "),
                    c.a,
                    c.b,
                    fmt_num(c.rank)
                ),
            );
        }
    }

    fn settings(&mut self) {
        let st = &self.s.settings;
        if !YEARS.contains(&st.start_year) {
            self.err(
                "settings.start_year".into(),
                format!(
                    "{} {} is not a year Counterweight can model ({}–{})",
                    names::top_words("settings.start_year"),
                    st.start_year,
                    YEARS.start(),
                    YEARS.end()
                ),
            );
        }
        if !HORIZON_YEARS.contains(&st.horizon_years) {
            self.err(
                "settings.horizon_years".into(),
                format!(
                    "{} {} is outside {}–{}",
                    names::top_words("settings.horizon_years"),
                    st.horizon_years,
                    HORIZON_YEARS.start(),
                    HORIZON_YEARS.end()
                ),
            );
        }
        // Any year, as docs/format.md says; within a thousand years of the start
        // so that deflating a nominal flow stays a finite number.
        if (i64::from(st.price_base_year) - i64::from(st.start_year)).abs()
            > MAX_PRICE_BASE_DISTANCE
        {
            self.err(
                "settings.price_base_year".into(),
                format!(
                    "{} {} is more than {MAX_PRICE_BASE_DISTANCE} years from the start year {}; \
                     choose the year whose prices the figures are in",
                    names::top_words("settings.price_base_year"),
                    st.price_base_year,
                    st.start_year
                ),
            );
        }
        if !DRAWS.contains(&st.monte_carlo.draws) {
            self.err(
                "settings.monte_carlo.draws".into(),
                format!(
                    "{} {} is outside 1–1,000,000",
                    names::top_words("settings.monte_carlo.draws"),
                    st.monte_carlo.draws
                ),
            );
        }
        self.value("settings.inflation".into(), &st.inflation, Quantity::Growth);
        self.value(
            "settings.optimism_bias.costs_uplift".into(),
            &st.optimism_bias.costs_uplift,
            Quantity::Uplift,
        );
        self.value(
            "settings.optimism_bias.savings_haircut".into(),
            &st.optimism_bias.savings_haircut,
            Quantity::Fraction,
        );
        self.text("settings.optimism_bias.note", &st.optimism_bias.note);
        if let Discounting::Constant(r) = &st.discounting {
            self.value("settings.discounting".into(), r, Quantity::Rate);
        }
    }

    fn assumptions(&mut self) {
        let a = &self.s.assumptions;
        let p = |f: &str| format!("assumptions.{f}");
        for (name, note) in &a.notes {
            let field = format!("notes.{name}");
            self.text(&p(&field), note);
            if !super::decode::fields::ASSUMPTIONS.contains(&name.as_str()) || name == "notes" {
                self.err(
                    p(&field),
                    format!("`assumptions.notes`: \"{name}\" is not an assumption; notes are kept by the assumption's name"),
                );
            }
        }
        self.value(
            p("months_out_of_work"),
            &a.months_out_of_work,
            Quantity::Months,
        );
        self.value(p("wage_scarring"), &a.wage_scarring, Quantity::Fraction);
        if a.scarring_years > 100 {
            self.err(
                p("scarring_years"),
                format!(
                    "{} {} is outside 0–100",
                    names::top_words("assumptions.scarring_years"),
                    a.scarring_years
                ),
            );
        }
        self.value(
            p("local_multiplier"),
            &a.local_multiplier,
            Quantity::Multiplier,
        );
        self.value(p("wellbeing_loss"), &a.wellbeing_loss, Quantity::Points);
        self.value(p("wellby_value"), &a.wellby_value, Quantity::Money);
        self.value(
            p("exchequer_tax_rate"),
            &a.exchequer_tax_rate,
            Quantity::Fraction,
        );
        self.value(p("benefit_per_year"), &a.benefit_per_year, Quantity::Money);
    }

    fn profile(&mut self, path: &str, who: &str, p: &Profile) {
        let pp = format!("{path}.profile");
        match p {
            Profile::Once(y) => {
                if self.year(format!("{pp}.year"), *y) {
                    let last = self.s.settings.last_year();
                    if *y > last {
                        self.warn(pp, format!("{who}falls in {y}, after the horizon ends in {last}; it is not counted"));
                    }
                }
            }
            Profile::Annual { from, to } => {
                let ok = self.year(format!("{pp}.from"), *from)
                    & to.is_none_or(|t| self.year(format!("{pp}.to"), t));
                if ok {
                    if let Some(t) = to
                        && t < from
                    {
                        self.err(
                            format!("{pp}.to"),
                            format!(
                                "{who}its last year (To) {t} is before its first (From) {from}; nothing would be counted"
                            ),
                        );
                    } else {
                        self.range_cut(&pp, who, *from, *to);
                    }
                }
            }
            Profile::Spread { from, years } => {
                let ok = self.year(format!("{pp}.from"), *from);
                if *years == 0 {
                    self.err(
                        format!("{pp}.years"),
                        format!(
                            "{} must be 1 or more: the amount is divided by it",
                            self.years_name(&pp, "over (years)")
                        ),
                    );
                } else if *years > 1000 {
                    self.err(
                        format!("{pp}.years"),
                        format!(
                            "{} {years} is more than 1,000",
                            self.years_name(&pp, "over (years)")
                        ),
                    );
                } else if ok {
                    let end = i64::from(*from) + i64::from(*years) - 1;
                    self.range_cut(&pp, who, *from, Some(end.min(i64::from(i32::MAX)) as i32));
                }
            }
            Profile::Ramp { from, years, to } => {
                let ok = self.year(format!("{pp}.from"), *from)
                    & to.is_none_or(|t| self.year(format!("{pp}.to"), t));
                if *years == 0 {
                    self.err(format!("{pp}.years"), format!("{} must be 1 or more: the ramp reaches the full amount after that many years", self.years_name(&pp, "years to full")));
                } else if *years > 1000 {
                    self.err(
                        format!("{pp}.years"),
                        format!(
                            "{} {years} is more than 1,000",
                            self.years_name(&pp, "years to full")
                        ),
                    );
                } else if ok {
                    if let Some(t) = to
                        && t < from
                    {
                        self.err(
                            format!("{pp}.to"),
                            format!(
                                "{who}its last year (To) {t} is before its first (From) {from}; nothing would be counted"
                            ),
                        );
                    } else {
                        self.range_cut(&pp, who, *from, *to);
                    }
                }
            }
            Profile::Custom { from, shares } => {
                let ok = self.year(format!("{pp}.from"), *from);
                if shares.len() > MAX_LIST_ITEMS {
                    self.err(
                        format!("{pp}.shares"),
                        format!(
                            "{who}its profile has {} shares; the most is {MAX_LIST_ITEMS}",
                            shares.len()
                        ),
                    );
                    return;
                }
                for (i, v) in shares.iter().enumerate() {
                    self.value(format!("{pp}.shares[{i}]"), v, Quantity::Share);
                }
                if shares.is_empty() {
                    self.warn(format!("{pp}.shares"), format!("{who}has no shares, so it adds nothing; give one share per year, e.g. [0.5, 1.0]"));
                } else if ok {
                    // Only shares that are not zero count as cut.
                    let last_nonzero = shares
                        .iter()
                        .rposition(|v| v.bounds() != (0.0, 0.0))
                        .unwrap_or(0);
                    let end = i64::from(*from) + last_nonzero as i64;
                    self.range_cut(&pp, who, *from, Some(end.min(i64::from(i32::MAX)) as i32));
                }
            }
        }
    }

    /// Warns when the years `from..=to` (to the end when `None`) run past the horizon.
    fn range_cut(&mut self, path: &str, who: &str, from: i32, to: Option<i32>) {
        let last = self.s.settings.last_year();
        if from > last {
            self.warn(
                path.to_owned(),
                format!(
                    "{who}starts in {from}, after the horizon ends in {last}; none of it is counted"
                ),
            );
        } else if let Some(to) = to
            && to > last
        {
            let cut = i64::from(to) - i64::from(last);
            let years = if cut == 1 {
                format!("{to} is")
            } else {
                format!("{}–{to} ({cut} years) are", last + 1)
            };
            self.warn(path.to_owned(), format!(
                "{who}runs to {to}, but the horizon ends in {last}; {years} not counted — lengthen the horizon to include them"
            ));
        }
    }

    /// Warns when displaced workers' losses (central months out of work,
    /// scarring) run past the horizon.
    fn displacement_cut(&mut self, path: &str, who: &str, field: &str, year: i32) {
        let last = self.s.settings.last_year();
        let a = &self.s.assumptions;
        if year > last {
            self.warn(format!("{path}.{field}"), format!(
                "{who}happens in {year}, after the horizon ends in {last}; nothing about it is counted"
            ));
            return;
        }
        let months = a.months_out_of_work.central().max(0.0);
        let unemployed_years = (months / 12.0).ceil() as i64;
        let scarred = if a.wage_scarring.central() > 0.0 {
            i64::from(a.scarring_years)
        } else {
            0
        };
        let span = unemployed_years.max(scarred).max(1);
        let end = i64::from(year) + span - 1;
        if end > i64::from(last) {
            self.warn(format!("{path}.{field}"), format!(
                "{who}displaced workers' losses run to {end}, but the horizon ends in {last}; the later years are not counted"
            ));
        }
    }
}

/// Why `v` is not a valid `q`, as the end of a sentence, or `None` if it is.
#[must_use]
pub fn value_problem(v: &Value, q: Quantity) -> Option<String> {
    let xs = v.numbers();
    // Money as the editor shows it ("-£24,000", "£12.0m"); other numbers,
    // and money past what anyone would type, as written.
    let show = |x: f64| {
        if matches!(q, Quantity::Money | Quantity::SignedMoney) && x.abs() < 1e12 {
            crate::money::format_money(x)
        } else {
            fmt_num(x)
        }
    };
    if let Some(bad) = xs.iter().find(|x| !x.is_finite()) {
        return Some(format!("is {}; write an ordinary number", fmt_num(*bad)));
    }
    match *v {
        Value::Tri { low, mode, high } | Value::Pert { low, mode, high } => {
            if low > mode || mode > high {
                return Some(format!(
                    "must have low ≤ central ≤ high, found ({}, {}, {})",
                    show(low),
                    show(mode),
                    show(high)
                ));
            }
        }
        Value::Uniform { low, high } => {
            if low > high {
                return Some(format!(
                    "must have low ≤ high, found ({}, {})",
                    show(low),
                    show(high)
                ));
            }
        }
        Value::Point(_) => {}
    }
    let (lo, hi, words) = q.range();
    if let Some(bad) = xs.iter().find(|&&x| x < lo || x > hi) {
        if *bad < 0.0 && lo == 0.0 && q != Quantity::Fraction {
            let zero = if q == Quantity::Money { "£0" } else { "0" };
            return Some(format!("is {}; it must be {zero} or more", show(*bad)));
        }
        if matches!(q, Quantity::Fraction | Quantity::Rate | Quantity::Growth)
            && *bad >= 2.0
            && *bad <= 100.0
        {
            return Some(format!(
                "{} is {words}; write {} for {}%",
                fmt_num(*bad),
                fmt_num(*bad / 100.0),
                fmt_num(*bad)
            ));
        }
        return Some(if words.starts_with("outside") {
            format!("{} is {words}", show(*bad))
        } else {
            format!("{} must be {words}", show(*bad))
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Flow, JobMove};

    fn base() -> Scenario {
        Scenario::new("t", 2014, 10)
    }

    #[test]
    fn a_new_scenario_is_valid() {
        assert!(validate(&base()).is_empty());
    }

    #[test]
    fn probability_out_of_range_names_item_and_value() {
        let mut s = base();
        s.fines.push(crate::scenario::Fine {
            label: "Payroll roles".into(),
            amount: Value::Point(1.0),
            profile: Profile::Once(2015),
            probability: Value::Point(1.5),
            direction: crate::scenario::Direction::FromSupplier,
            note: String::new(),
        });
        let d = validate(&s);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "fines[0].probability");
        assert_eq!(
            d[0].message,
            "Fines 1. Payroll roles — probability 1.5 is outside 0–1"
        );
    }

    #[test]
    fn profile_years_are_named_as_the_editor_labels_them() {
        let mut s = base();
        s.costs.push(Flow::new(
            "Set-up",
            1e6,
            Profile::Spread {
                from: 2014,
                years: 0,
            },
        ));
        s.savings.push(Flow::new(
            "Licences",
            1e6,
            Profile::Ramp {
                from: 2014,
                years: 0,
                to: None,
            },
        ));
        let messages: Vec<String> = validate(&s).into_iter().map(|d| d.message).collect();
        assert!(
            messages.contains(
                &"Costs 1. Set-up — over (years) must be 1 or more: the amount is divided by it"
                    .to_owned()
            ),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("Savings 1. Licences — years to full must be 1 or more")),
            "{messages:?}"
        );
    }

    #[test]
    fn negative_growth_and_inflation_down_to_minus_a_half_are_accepted() {
        // Model 2: a saving that erodes by 2 % a year, a year of falling prices.
        for v in [-0.02, -0.5, 1.0] {
            assert_eq!(value_problem(&Value::Point(v), Quantity::Growth), None);
        }
        let mut s = base();
        let mut f = Flow::new(
            "eroding",
            1e6,
            Profile::Annual {
                from: 2014,
                to: None,
            },
        );
        f.growth = Value::Tri {
            low: -0.05,
            mode: -0.02,
            high: 0.0,
        };
        f.nominal = true;
        s.savings.push(f);
        s.settings.inflation = Value::Point(-0.005);
        assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    }

    #[test]
    fn growth_below_minus_a_half_names_the_range() {
        let mut s = base();
        let mut f = Flow::new("collapsing", 1e6, Profile::Once(2015));
        f.growth = Value::Point(-0.6);
        s.savings.push(f);
        s.settings.inflation = Value::Point(-0.7);
        let d = validate(&s);
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Settings — inflation -0.7 is outside −0.5 … 1 (a fraction a year: −0.02 is a fall of 2 %)",
                "Savings 1. collapsing — real growth a year -0.6 is outside −0.5 … 1 (a fraction a year: −0.02 is a fall of 2 %)",
            ]
        );
    }

    #[test]
    fn a_flow_deflated_past_a_float_is_an_error_naming_it() {
        // Inflation −0.5 with the price base 1,000 years before the start:
        // a nominal £1 in year offset 9 is 1 / 0.5^(9 + 1000) = 2^1009 ≈ 5e303 pounds.
        let mut s = base();
        s.settings.price_base_year = 1014;
        s.settings.inflation = Value::Point(-0.5);
        let mut f = Flow::new("far off", 1.0, Profile::Once(2014));
        f.nominal = true;
        s.savings.push(f);
        let d = validate(&s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "savings[0].amount");
        assert!(
            d[0].message.starts_with(
                "Savings 1. far off: grown and deflated, the amount would reach about 1e303 pounds"
            ),
            "{}",
            d[0].message
        );
        // Rising prices the other way round: the price base 1,000 years after
        // the start, inflation 1: 1 / 2^(0 − 1000) = 2^1000.
        s.settings.price_base_year = 3014;
        s.settings.inflation = Value::Point(1.0);
        assert_eq!(validate(&s).len(), 1);
        // The same flow in real terms is fine.
        s.savings[0].nominal = false;
        assert!(validate(&s).is_empty());
    }

    #[test]
    fn percent_written_for_a_fraction_suggests_the_fraction() {
        assert_eq!(
            value_problem(&Value::Point(41.0), Quantity::Fraction).as_deref(),
            Some("41 is outside 0–1; write 0.41 for 41%")
        );
    }

    #[test]
    fn spread_past_the_horizon_warns_with_the_years_cut() {
        let mut s = base();
        s.settings.horizon_years = 5;
        s.savings.push(Flow::new(
            "Claim",
            1e8,
            Profile::Spread {
                from: 2014,
                years: 7,
            },
        ));
        let d = validate(&s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(!d[0].is_error());
        assert!(
            d[0].message.contains(
                "runs to 2020, but the horizon ends in 2018; 2019–2020 (2 years) are not counted"
            ),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn year_before_start_is_an_error() {
        let mut s = base();
        s.job_moves.push(JobMove {
            label: "x".into(),
            jobs: Value::Point(1.0),
            year: 2010,
            salary: Value::Point(1.0),
            redundancy_months: Value::Point(0.0),
            redundancy: None,
            local_multiplier: None,
            note: String::new(),
        });
        let d = validate(&s);
        assert!(d[0].is_error());
        assert!(
            d[0].message
                .contains("Jobs moved offshore 1. x — year 2010 is before the start year 2014"),
            "{}",
            d[0].message
        );
    }

    fn correlated() -> Scenario {
        let mut s = base();
        let mut f = Flow::new(
            "savings",
            Value::Tri {
                low: 1.0,
                mode: 2.0,
                high: 3.0,
            },
            Profile::Once(2015),
        );
        f.growth = Value::Uniform {
            low: 0.0,
            high: 0.1,
        };
        s.savings.push(f);
        s.settings.inflation = Value::Uniform {
            low: 0.0,
            high: 0.04,
        };
        s
    }

    fn pair(a: &str, b: &str, rank: f64) -> crate::scenario::Correlation {
        crate::scenario::Correlation {
            a: a.into(),
            b: b.into(),
            rank,
            note: String::new(),
        }
    }

    #[test]
    fn a_correlation_must_name_two_uncertain_inputs_once_with_a_rank_in_range() {
        let mut s = correlated();
        s.correlations = vec![
            pair("savings[0].amount", "settings.inflation", 0.5),
            pair("savings[0].amont", "settings.inflation", 0.5),
            pair(
                "savings[0].amount",
                "settings.optimism_bias.costs_uplift",
                0.5,
            ),
            pair("settings.inflation", "savings[0].amount", -0.2),
            pair("savings[0].growth", "savings[0].growth", 0.3),
            pair("savings[0].growth", "settings.inflation", 1.5),
        ];
        let d: Vec<(String, String)> = validate(&s)
            .into_iter()
            .map(|d| (d.path, d.message))
            .collect();
        let paths: Vec<&str> = d.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "correlations[1].a",
                "correlations[2].b",
                "correlations[3]",
                "correlations[4]",
                "correlations[5].rank",
            ],
            "{d:?}"
        );
        assert!(
            d[0].1
                .contains("\"savings[0].amont\" is not an input of this scenario")
                && d[0].1.contains("nearest first: savings[0].amount"),
            "{}",
            d[0].1
        );
        assert!(
            d[1].1
                .contains("is a point value (0); a correlation needs two uncertain inputs"),
            "{}",
            d[1].1
        );
        assert!(
            d[2].1.contains("already correlated in `correlations[0]`"),
            "{}",
            d[2].1
        );
        assert!(
            d[3].1.contains("correlates an input with itself"),
            "{}",
            d[3].1
        );
        assert!(
            d[4].1
                .contains("the rank correlation 1.5 is outside −1 … 1"),
            "{}",
            d[4].1
        );
    }

    #[test]
    fn correlations_that_cannot_hold_together_name_the_one_to_lower() {
        // a ~ b 0.9, b ~ c 0.9, a ~ c −0.9: no correlation matrix has all three.
        let mut s = correlated();
        s.correlations = vec![
            pair("savings[0].amount", "savings[0].growth", 0.9),
            pair("savings[0].growth", "settings.inflation", 0.8),
            pair("savings[0].amount", "settings.inflation", -0.95),
        ];
        let d = validate(&s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path, "correlations[2].rank");
        assert_eq!(
            d[0].message,
            "`correlations`: the rank correlations among savings[0].amount, savings[0].growth, settings.inflation \
             cannot all hold at once (together they are not a valid correlation matrix); lower the strongest, \
             `correlations[2]` (savings[0].amount ~ settings.inflation, -0.95), towards 0"
        );
        // Lowered, they can.
        s.correlations[2].rank = 0.7;
        assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    }
}
