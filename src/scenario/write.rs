//! Writes a scenario as pretty RON in docs/format.md's field order: struct names
//! included, optional fields left out at their default, numbers in the
//! shortest form that reads back to the same `f64`. The same scenario always
//! gives the same bytes, so files diff cleanly in review.

use std::fmt::Write as _;

use super::{
    Assumptions, Central, CivilService, Correlation, DataRisk, Discounting, Fine, Flow, JobMove,
    MonteCarlo, OfficeClosure, OptimismBias, Profile, Scenario, Source, Value,
};

const INDENT: &str = "    ";

/// The scenario as file text.
#[must_use]
pub fn to_ron(s: &Scenario) -> String {
    write_scenario(s, false)
}

/// The scenario with every field written, defaults included: what
/// [`patch`](super::patch) compares a hand-written file against, field by
/// field, to tell a value the user changed from one the file simply left out.
#[must_use]
pub fn to_ron_full(s: &Scenario) -> String {
    write_scenario(s, true)
}

fn write_scenario(s: &Scenario, full: bool) -> String {
    let mut w = Writer {
        out: String::new(),
        depth: 0,
        full,
    };
    w.out.push_str(
        "// Counterweight scenario (format version 1). The app keeps comments when it saves; `counterweight tidy` does not.\n",
    );
    w.out.push_str("#![enable(implicit_some)]\n");
    w.open("Scenario");
    w.field("format_version", &s.format_version.to_string());
    w.field("title", &string(&s.title));
    w.text_opt("summary", &s.summary);
    if w.full || s.marking != super::Marking::default() {
        w.field("marking", s.marking.ron_name());
    }
    w.text_opt("author", &s.author);
    w.list("sources", &s.sources, Writer::source);
    w.settings(s);
    if w.full || s.assumptions != Assumptions::default() {
        w.assumptions(&s.assumptions);
    }
    w.list("savings", &s.savings, Writer::flow);
    w.list("costs", &s.costs, Writer::flow);
    w.list("fines", &s.fines, Writer::fine);
    w.list("job_moves", &s.job_moves, Writer::job_move);
    w.list(
        "office_closures",
        &s.office_closures,
        Writer::office_closure,
    );
    w.list("data_risks", &s.data_risks, Writer::data_risk);
    w.list("correlations", &s.correlations, Writer::correlation);
    w.close();
    w.out.push('\n');
    w.out
}

/// A number in the shortest form that reads back to the same `f64`.
#[must_use]
pub fn number(x: f64) -> String {
    // Rust's `Display` for f64 prints the shortest digits that round-trip.
    let plain = format!("{x}");
    if plain.len() > 24 {
        format!("{x:e}")
    } else {
        plain
    }
}

/// A value as written in the file: `24000`, `Tri(3, 9, 18)`.
#[must_use]
pub fn value(v: &Value) -> String {
    match *v {
        Value::Point(x) => number(x),
        Value::Tri { low, mode, high } => {
            format!("Tri({}, {}, {})", number(low), number(mode), number(high))
        }
        Value::Pert { low, mode, high } => {
            format!("Pert({}, {}, {})", number(low), number(mode), number(high))
        }
        Value::Uniform { low, high } => format!("Uniform({}, {})", number(low), number(high)),
    }
}

/// A discounting method as written in the file (and in the JSON report).
#[must_use]
pub fn discounting(d: &Discounting) -> String {
    match d {
        Discounting::Constant(r) => format!("Constant({})", value(r)),
        other => other.name().to_owned(),
    }
}

/// A profile as written in the file.
#[must_use]
pub fn profile(p: &Profile) -> String {
    match p {
        Profile::Once(y) => format!("Once({y})"),
        Profile::Annual { from, to: None } => format!("Annual(from: {from})"),
        Profile::Annual { from, to: Some(to) } => format!("Annual(from: {from}, to: {to})"),
        Profile::Spread { from, years } => format!("Spread(from: {from}, years: {years})"),
        Profile::Ramp {
            from,
            years,
            to: None,
        } => format!("Ramp(from: {from}, years: {years})"),
        Profile::Ramp {
            from,
            years,
            to: Some(to),
        } => format!("Ramp(from: {from}, years: {years}, to: {to})"),
        Profile::Custom { from, shares } => {
            let shares: Vec<String> = shares.iter().map(value).collect();
            format!("Custom(from: {from}, shares: [{}])", shares.join(", "))
        }
    }
}

/// Text in double quotes, escaped.
#[must_use]
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Writer {
    out: String,
    depth: usize,
    /// Write fields at their default too (see [`to_ron_full`]).
    full: bool,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    fn open(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.depth += 1;
    }

    fn close(&mut self) {
        self.depth -= 1;
        self.indent();
        self.out.push(')');
    }

    fn field(&mut self, name: &str, v: &str) {
        self.indent();
        let _ = writeln!(self.out, "{name}: {v},");
    }

    fn text_opt(&mut self, name: &str, v: &str) {
        if self.full || !v.is_empty() {
            self.field(name, &string(v));
        }
    }

    fn value_opt(&mut self, name: &str, v: &Value, default: f64) {
        if self.full || *v != Value::Point(default) {
            self.field(name, &value(v));
        }
    }

    fn struct_field(&mut self, name: &str, ty: &str, body: impl FnOnce(&mut Self)) {
        self.indent();
        let _ = write!(self.out, "{name}: ");
        self.open(ty);
        body(self);
        self.close();
        self.out.push_str(",\n");
    }

    fn list<T>(&mut self, name: &str, items: &[T], item: fn(&mut Self, &T)) {
        if items.is_empty() && !self.full {
            return;
        }
        self.indent();
        let _ = writeln!(self.out, "{name}: [");
        self.depth += 1;
        for it in items {
            self.indent();
            item(self, it);
            self.out.push_str(",\n");
        }
        self.depth -= 1;
        self.indent();
        self.out.push_str("],\n");
    }

    fn source(&mut self, s: &Source) {
        self.open("Source");
        self.text_opt("title", &s.title);
        self.text_opt("publisher", &s.publisher);
        self.text_opt("date", &s.date);
        self.text_opt("url", &s.url);
        self.text_opt("note", &s.note);
        self.close();
    }

    fn settings(&mut self, s: &Scenario) {
        let st = &s.settings;
        self.struct_field("settings", "Settings", |w| {
            w.field("start_year", &st.start_year.to_string());
            w.field("horizon_years", &st.horizon_years.to_string());
            if w.full || st.price_base_year != st.start_year {
                w.field("price_base_year", &st.price_base_year.to_string());
            }
            if w.full || st.discounting != Discounting::GreenBook {
                w.field("discounting", &discounting(&st.discounting));
            }
            w.value_opt("inflation", &st.inflation, super::DEFAULT_INFLATION);
            if w.full || st.optimism_bias != OptimismBias::default() {
                let ob = &st.optimism_bias;
                w.indent();
                let note = if ob.note.is_empty() && !w.full {
                    String::new()
                } else {
                    format!(", note: {}", string(&ob.note))
                };
                let _ = writeln!(
                    w.out,
                    "optimism_bias: OptimismBias(costs_uplift: {}, savings_haircut: {}{note}),",
                    value(&ob.costs_uplift),
                    value(&ob.savings_haircut)
                );
            }
            if w.full || st.monte_carlo != MonteCarlo::default() {
                w.indent();
                let _ = writeln!(
                    w.out,
                    "monte_carlo: MonteCarlo(draws: {}, seed: {}),",
                    st.monte_carlo.draws, st.monte_carlo.seed
                );
            }
            if w.full || st.central != Central::Mode {
                w.field("central", st.central.ron_name());
            }
        });
    }

    fn assumptions(&mut self, a: &Assumptions) {
        let d = Assumptions::default();
        self.struct_field("assumptions", "Assumptions", |w| {
            for (name, v, dv) in [
                (
                    "months_out_of_work",
                    &a.months_out_of_work,
                    &d.months_out_of_work,
                ),
                ("wage_scarring", &a.wage_scarring, &d.wage_scarring),
            ] {
                if w.full || v != dv {
                    w.field(name, &value(v));
                }
            }
            if w.full || a.scarring_years != d.scarring_years {
                w.field("scarring_years", &a.scarring_years.to_string());
            }
            for (name, v, dv) in [
                ("local_multiplier", &a.local_multiplier, &d.local_multiplier),
                ("wellbeing_loss", &a.wellbeing_loss, &d.wellbeing_loss),
                ("wellby_value", &a.wellby_value, &d.wellby_value),
                (
                    "exchequer_tax_rate",
                    &a.exchequer_tax_rate,
                    &d.exchequer_tax_rate,
                ),
                ("benefit_per_year", &a.benefit_per_year, &d.benefit_per_year),
            ] {
                if w.full || v != dv {
                    w.field(name, &value(v));
                }
            }
            if w.full || !a.notes.is_empty() {
                let notes: Vec<String> = a
                    .notes
                    .iter()
                    .map(|(k, v)| format!("{}: {}", string(k), string(v)))
                    .collect();
                w.field("notes", &format!("{{{}}}", notes.join(", ")));
            }
        });
    }

    fn redundancy(&mut self, months: &Value, scheme: Option<&CivilService>) {
        match scheme {
            Some(r) => self.field(
                "redundancy",
                &format!(
                    "CivilService(terms: {}, service_years: {})",
                    r.terms.ron_name(),
                    value(&r.service_years)
                ),
            ),
            None => self.value_opt("redundancy_months", months, 0.0),
        }
    }

    fn flow(&mut self, f: &Flow) {
        self.open("Flow");
        self.field("label", &string(&f.label));
        self.field("amount", &value(&f.amount));
        self.field("profile", &profile(&f.profile));
        self.value_opt("growth", &f.growth, 0.0);
        if self.full || f.nominal {
            self.field("nominal", &f.nominal.to_string());
        }
        if self.full || f.claim {
            self.field("claim", &f.claim.to_string());
        }
        self.text_opt("note", &f.note);
        self.close();
    }

    fn fine(&mut self, f: &Fine) {
        self.open("Fine");
        self.field("label", &string(&f.label));
        self.field("amount", &value(&f.amount));
        self.field("profile", &profile(&f.profile));
        self.value_opt("probability", &f.probability, 1.0);
        self.field("direction", f.direction.ron_name());
        self.text_opt("note", &f.note);
        self.close();
    }

    fn job_move(&mut self, j: &JobMove) {
        self.open("JobMove");
        self.field("label", &string(&j.label));
        self.field("jobs", &value(&j.jobs));
        self.field("year", &j.year.to_string());
        self.field("salary", &value(&j.salary));
        self.redundancy(&j.redundancy_months, j.redundancy.as_ref());
        if let Some(m) = &j.local_multiplier {
            self.field("local_multiplier", &value(m));
        }
        self.text_opt("note", &j.note);
        self.close();
    }

    fn office_closure(&mut self, c: &OfficeClosure) {
        self.open("OfficeClosure");
        self.field("label", &string(&c.label));
        self.field("offices", &value(&c.offices));
        self.field("year", &c.year.to_string());
        self.value_opt("running_cost_per_office", &c.running_cost_per_office, 0.0);
        self.value_opt("closure_cost_per_office", &c.closure_cost_per_office, 0.0);
        self.value_opt("jobs_lost", &c.jobs_lost, 0.0);
        self.value_opt("salary", &c.salary, 0.0);
        self.value_opt("staff_relocated", &c.staff_relocated, 0.0);
        self.value_opt(
            "relocation_cost_per_person",
            &c.relocation_cost_per_person,
            0.0,
        );
        self.value_opt("public_access_cost", &c.public_access_cost, 0.0);
        self.redundancy(&c.redundancy_months, c.redundancy.as_ref());
        if let Some(m) = &c.local_multiplier {
            self.field("local_multiplier", &value(m));
        }
        self.text_opt("note", &c.note);
        self.close();
    }

    fn correlation(&mut self, c: &Correlation) {
        self.open("Correlation");
        self.field("a", &string(&c.a));
        self.field("b", &string(&c.b));
        self.field("rank", &number(c.rank));
        self.text_opt("note", &c.note);
        self.close();
    }

    fn data_risk(&mut self, r: &DataRisk) {
        self.open("DataRisk");
        self.field("label", &string(&r.label));
        self.field("records", &value(&r.records));
        self.field("from", &r.from.to_string());
        if let Some(to) = r.to {
            self.field("to", &to.to_string());
        }
        self.field("annual_probability", &value(&r.annual_probability));
        self.field("exposed_share", &value(&r.exposed_share));
        self.field("harm_per_record", &value(&r.harm_per_record));
        self.value_opt("regulatory_fine", &r.regulatory_fine, 0.0);
        self.text_opt("note", &r.note);
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shortest_round_trip() {
        assert_eq!(number(1e8), "100000000");
        assert_eq!(number(0.035), "0.035");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(1e300), "1e300");
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u{1}\"");
        assert_eq!(string("£100m"), "\"£100m\"");
    }

    #[test]
    fn a_new_scenario_writes_only_what_is_required() {
        let s = Scenario::new("New option", 2026, 10);
        let text = to_ron(&s);
        assert!(text.ends_with(
            "Scenario(\n    format_version: 1,\n    title: \"New option\",\n    settings: Settings(\n        start_year: 2026,\n        horizon_years: 10,\n    ),\n)\n"
        ), "{text}");
    }
}
