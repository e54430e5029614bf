//! From a RON tree to a [`Scenario`]: types, required fields, unknown
//! fields, defaults. Range and year rules are in [`super::validate`](mod@super::validate), which
//! also serves the app, where scenarios are edited without a file.
//!
//! Every problem is collected (not just the first), named by the item's path
//! and label, and carries the byte offset of the value it is about.

use super::diagnostic::{Diagnostic, did_you_mean, item_name, nearest_first};
use super::names;
use std::collections::BTreeMap;

use super::syntax::{Field, Kind, Node, Span};
use super::{
    Assumptions, Central, CivilService, Correlation, DataRisk, Direction, Discounting,
    FORMAT_VERSION, Fine, Flow, JobMove, Marking, MonteCarlo, OfficeClosure, OptimismBias, Profile,
    Scenario, Settings, Source, Terms, Value, limits::MAX_LIST_ITEMS,
};

/// A problem found while decoding, with the byte offset it is about.
pub type Located = (Diagnostic, usize);

/// Decodes the whole tree. Returns the scenario only when there were no errors.
pub fn decode(root: &Node) -> (Option<Scenario>, Vec<Located>) {
    let mut d = Decoder {
        problems: Vec::new(),
    };
    let scenario = d.scenario(root);
    let scenario = if d.problems.is_empty() {
        scenario
    } else {
        None
    };
    (scenario, d.problems)
}

/// Fields of each struct, in the order docs/format.md gives them (the writer's order).
pub mod fields {
    pub const SCENARIO: &[&str] = &[
        "format_version",
        "title",
        "summary",
        "marking",
        "author",
        "sources",
        "settings",
        "assumptions",
        "savings",
        "costs",
        "fines",
        "job_moves",
        "office_closures",
        "data_risks",
        "correlations",
    ];
    pub const SOURCE: &[&str] = &["title", "publisher", "date", "url", "note"];
    pub const SETTINGS: &[&str] = &[
        "start_year",
        "horizon_years",
        "price_base_year",
        "discounting",
        "inflation",
        "optimism_bias",
        "monte_carlo",
        "central",
    ];
    pub const OPTIMISM_BIAS: &[&str] = &["costs_uplift", "savings_haircut", "note"];
    pub const MONTE_CARLO: &[&str] = &["draws", "seed"];
    pub const ASSUMPTIONS: &[&str] = &[
        "months_out_of_work",
        "wage_scarring",
        "scarring_years",
        "local_multiplier",
        "wellbeing_loss",
        "wellby_value",
        "exchequer_tax_rate",
        "benefit_per_year",
        "notes",
    ];
    pub const FLOW: &[&str] = &[
        "label", "amount", "profile", "growth", "nominal", "claim", "note",
    ];
    pub const FINE: &[&str] = &[
        "label",
        "amount",
        "profile",
        "probability",
        "direction",
        "note",
    ];
    pub const JOB_MOVE: &[&str] = &[
        "label",
        "jobs",
        "year",
        "salary",
        "redundancy_months",
        "redundancy",
        "local_multiplier",
        "note",
    ];
    pub const OFFICE_CLOSURE: &[&str] = &[
        "label",
        "offices",
        "year",
        "running_cost_per_office",
        "closure_cost_per_office",
        "jobs_lost",
        "salary",
        "staff_relocated",
        "relocation_cost_per_person",
        "public_access_cost",
        "redundancy_months",
        "redundancy",
        "local_multiplier",
        "note",
    ];
    pub const DATA_RISK: &[&str] = &[
        "label",
        "records",
        "from",
        "to",
        "annual_probability",
        "exposed_share",
        "harm_per_record",
        "regulatory_fine",
        "note",
    ];
    pub const CIVIL_SERVICE: &[&str] = &["terms", "service_years"];
    pub const CORRELATION: &[&str] = &["a", "b", "rank", "note"];
    pub const ANNUAL: &[&str] = &["from", "to"];
    pub const SPREAD: &[&str] = &["from", "years"];
    pub const RAMP: &[&str] = &["from", "years", "to"];
    pub const CUSTOM: &[&str] = &["from", "shares"];
}

const PROFILES: &[&str] = &["Once", "Annual", "Spread", "Ramp", "Custom"];
const PROFILE_HELP: &str = "write one of Once(2015), Annual(from: 2015, to: 2020), Spread(from: 2015, years: 7), \
     Ramp(from: 2015, years: 3), Custom(from: 2015, shares: [0.5, 1.0])";
const VALUE_HELP: &str = "write a number (24000, 1.5e6), Tri(low, mode, high), Pert(low, mode, high) or Uniform(low, high)";

struct Decoder {
    problems: Vec<Located>,
}

/// The fields of one struct, checked for unknown and repeated names.
struct Fields<'n> {
    node: &'n Node,
    fields: Vec<&'n Field>,
}

impl<'n> Fields<'n> {
    fn get(&self, name: &str) -> Option<&'n Node> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.value)
            .and_then(unwrap_some)
    }
}

/// `Some(x)` is `x`; `None` is absent (implicit `Some` is always on).
fn unwrap_some(node: &Node) -> Option<&Node> {
    match &node.kind {
        Kind::Ident(n) if n == "None" => None,
        Kind::Tuple {
            name: Some(n),
            items,
        } if n == "Some" && items.len() == 1 => unwrap_some(&items[0]),
        _ => Some(node),
    }
}

/// Where a value sits, for messages: its path and the item it belongs to.
#[derive(Clone)]
struct Ctx {
    /// "Jobs moved offshore 3. Payroll roles" or empty at the top level.
    item: String,
    /// The item's label, for naming its fields; empty at the top level.
    label: String,
    /// Path prefix for fields: `job_moves[2]` or `settings`.
    path: String,
}

impl Ctx {
    fn top() -> Self {
        Self::section("")
    }

    /// A part of the file outside the lists: `settings`, `assumptions`.
    fn section(path: &str) -> Self {
        Self {
            item: String::new(),
            label: String::new(),
            path: path.to_owned(),
        }
    }

    /// A part of the current item (its profile, its redundancy scheme).
    fn nested(&self, field: &str) -> Self {
        Self {
            item: self.item.clone(),
            label: self.label.clone(),
            path: self.child(field),
        }
    }

    fn child(&self, field: &str) -> String {
        if self.path.is_empty() {
            field.to_owned()
        } else {
            format!("{}.{field}", self.path)
        }
    }

    /// The field as the editor names it: "Jobs moved offshore 3. Payroll
    /// roles — salary" or "Settings — start year".
    fn subject(&self, field: &str) -> String {
        names::path_words(&self.child(field), &self.label)
    }

    fn prefix(&self) -> String {
        if self.item.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.item)
        }
    }

    /// Where a missing field is to be added, for "add `x: 1` to …".
    fn place(&self) -> String {
        if self.path.is_empty() {
            "the scenario".to_owned()
        } else if !self.item.is_empty() && !self.path.contains('.') {
            "this item".to_owned()
        } else {
            format!("`{}`", self.path.rsplit('.').next().unwrap_or(&self.path))
        }
    }
}

/// A struct of the file in words, for "is not a field of a job move".
fn type_words(ty: &str) -> &str {
    match ty {
        "Scenario" => "the scenario",
        "Settings" => "the settings",
        "OptimismBias" => "the optimism bias",
        "MonteCarlo" => "the Monte Carlo settings",
        "Assumptions" => "the assumptions",
        "Flow" => "a saving or cost",
        "Fine" => "a fine",
        "JobMove" => "a job move",
        "OfficeClosure" => "an office closure",
        "DataRisk" => "a data risk",
        "Source" => "a source",
        "Correlation" => "a correlation",
        "CivilService" => "the Civil Service scheme",
        other => other,
    }
}

impl Decoder {
    fn error(&mut self, path: impl Into<String>, at: usize, message: impl Into<String>) {
        self.problems.push((Diagnostic::error(path, message), at));
    }

    /// Checks `node` is a struct named `ty` (or unnamed) and its field names.
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        ty: &str,
        valid: &[&str],
        ctx: &Ctx,
        what: &str,
    ) -> Option<Fields<'n>> {
        let node = unwrap_some(node)?;
        let Kind::Struct { name, fields } = &node.kind else {
            // `Name()` parses as an empty tuple: treat as a struct with no fields.
            if let Kind::Tuple {
                name: Some(n),
                items,
            } = &node.kind
                && items.is_empty()
                && n == ty
            {
                return Some(Fields {
                    node,
                    fields: Vec::new(),
                });
            }
            if matches!(node.kind, Kind::Unit) {
                return Some(Fields {
                    node,
                    fields: Vec::new(),
                });
            }
            self.error(
                ctx.path.clone(),
                node.span.start,
                format!(
                    "{}expected {what} `{ty}(…)`, found {}",
                    ctx.prefix(),
                    node.kind.describe()
                ),
            );
            return None;
        };
        if let Some(name) = name
            && name != ty
        {
            self.error(
                ctx.path.clone(),
                node.span.start,
                format!("{}expected `{ty}(…)` here, found `{name}(…)`", ctx.prefix()),
            );
            return None;
        }
        let mut kept: Vec<&Field> = Vec::new();
        for f in fields {
            if !valid.contains(&f.name.as_str()) {
                let nearest = nearest_first(&f.name, valid).join(", ");
                let shown: String = f.name.chars().take(60).collect();
                let hint = did_you_mean(&f.name, valid).replace('?', "? Rename it or remove it;");
                self.error(
                    ctx.child(&f.name),
                    f.name_span.start,
                    format!(
                        "{}`{}` is not a field of {}{}{} valid fields, nearest first: {nearest}",
                        ctx.prefix(),
                        shown,
                        type_words(ty),
                        hint,
                        if hint.is_empty() { ";" } else { "" },
                    ),
                );
            } else if kept.iter().any(|k| k.name == f.name) {
                self.error(
                    ctx.child(&f.name),
                    f.name_span.start,
                    format!("{}`{}` is given twice; keep one", ctx.prefix(), f.name),
                );
            } else {
                kept.push(f);
            }
        }
        Some(Fields { node, fields: kept })
    }

    fn missing(&mut self, fs: &Fields, ctx: &Ctx, field: &str, example: &str) {
        self.error(
            ctx.child(field),
            fs.node.span.start,
            format!(
                "{} is missing; add `{field}: {example}` to {}",
                ctx.subject(field),
                ctx.place()
            ),
        );
    }

    fn required<T>(
        &mut self,
        fs: &Fields,
        ctx: &Ctx,
        field: &str,
        example: &str,
        f: impl FnOnce(&mut Self, &Node, &Ctx, &str) -> Option<T>,
    ) -> Option<T> {
        match fs.get(field) {
            Some(n) => f(self, n, ctx, field),
            None => {
                self.missing(fs, ctx, field, example);
                None
            }
        }
    }

    /// An optional field: `Some(default)` when absent, `None` when present but bad.
    fn optional<T>(
        &mut self,
        fs: &Fields,
        ctx: &Ctx,
        field: &str,
        default: T,
        f: impl FnOnce(&mut Self, &Node, &Ctx, &str) -> Option<T>,
    ) -> Option<T> {
        match fs.get(field) {
            Some(n) => f(self, n, ctx, field),
            None => Some(default),
        }
    }

    fn string(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<String> {
        if let Kind::Str(s) = &node.kind {
            Some(s.clone())
        } else {
            self.error(
                ctx.child(field),
                node.span.start,
                format!(
                    "{} must be text in double quotes, found {}",
                    ctx.subject(field),
                    node.kind.describe()
                ),
            );
            None
        }
    }

    fn boolean(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<bool> {
        if let Kind::Bool(b) = node.kind {
            Some(b)
        } else {
            self.error(
                ctx.child(field),
                node.span.start,
                format!(
                    "{} must be `true` or `false`, found {}{}",
                    ctx.subject(field),
                    node.kind.describe(),
                    // `True`, `TRUE`, `yes` as a spreadsheet writes them.
                    match &node.kind {
                        Kind::Ident(n)
                            if n.eq_ignore_ascii_case("true")
                                || n.eq_ignore_ascii_case("false") =>
                        {
                            format!("; write it in lower case: `{}`", n.to_ascii_lowercase())
                        }
                        _ => String::new(),
                    }
                ),
            );
            None
        }
    }

    /// A whole number in `lo..=hi` (years, counts of years, draws, seed).
    fn whole(
        &mut self,
        node: &Node,
        ctx: &Ctx,
        field: &str,
        lo: f64,
        hi: f64,
        example: &str,
    ) -> Option<f64> {
        match node.kind {
            Kind::Number(n)
                if n.integer
                    || (n.value.is_finite() && n.value.fract() == 0.0 && n.value.abs() < 1e15) =>
            {
                if n.value < lo || n.value > hi {
                    self.error(
                        ctx.child(field),
                        node.span.start,
                        format!(
                            "{} {} is outside {}–{}",
                            ctx.subject(field),
                            super::syntax::fmt_num(n.value),
                            super::syntax::fmt_num(lo),
                            super::syntax::fmt_num(hi)
                        ),
                    );
                    None
                } else {
                    Some(n.value)
                }
            }
            _ => {
                self.error(
                    ctx.child(field),
                    node.span.start,
                    format!(
                        "{} must be a whole number such as {example}, found {}",
                        ctx.subject(field),
                        node.kind.describe()
                    ),
                );
                None
            }
        }
    }

    fn year(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<i32> {
        // The range check against the start year is validation's; here only
        // that it is a plausible calendar year.
        self.whole(
            node,
            ctx,
            field,
            f64::from(i32::MIN),
            f64::from(i32::MAX),
            "2015",
        )
        .map(|y| y as i32)
    }

    fn count_u32(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<u32> {
        self.whole(node, ctx, field, 0.0, f64::from(u32::MAX), "7")
            .map(|y| y as u32)
    }

    fn number(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<f64> {
        match unwrap_some(node).map(|n| &n.kind) {
            Some(Kind::Number(n)) => Some(n.value),
            _ => {
                self.error(
                    ctx.child(field),
                    node.span.start,
                    format!(
                        "{} must be a number, found {}",
                        ctx.subject(field),
                        node.kind.describe()
                    ),
                );
                None
            }
        }
    }

    fn value(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<Value> {
        match &node.kind {
            Kind::Number(n) => Some(Value::Point(n.value)),
            Kind::Tuple {
                name: Some(name),
                items,
            } => {
                let arity = match name.as_str() {
                    "Tri" | "Pert" => 3,
                    "Uniform" => 2,
                    _ => {
                        self.error(
                            ctx.child(field),
                            node.span.start,
                            format!(
                                "{}: `{name}(…)` is not a kind of number{}; {VALUE_HELP}",
                                ctx.subject(field),
                                did_you_mean(name, &["Tri", "Pert", "Uniform"])
                            ),
                        );
                        return None;
                    }
                };
                if items.len() != arity {
                    let form = if arity == 3 {
                        "(low, mode, high)"
                    } else {
                        "(low, high)"
                    };
                    self.error(
                        ctx.child(field),
                        node.span.start,
                        format!(
                            "{}: `{name}` takes {arity} numbers {form}, found {}",
                            ctx.subject(field),
                            items.len()
                        ),
                    );
                    return None;
                }
                let mut xs = [0.0; 3];
                for (i, item) in items.iter().enumerate() {
                    xs[i] = self.number(item, ctx, field)?;
                }
                Some(match name.as_str() {
                    "Tri" => Value::Tri {
                        low: xs[0],
                        mode: xs[1],
                        high: xs[2],
                    },
                    "Pert" => Value::Pert {
                        low: xs[0],
                        mode: xs[1],
                        high: xs[2],
                    },
                    _ => Value::Uniform {
                        low: xs[0],
                        high: xs[1],
                    },
                })
            }
            Kind::Struct {
                name: Some(name), ..
            } if matches!(name.as_str(), "Tri" | "Pert" | "Uniform") => {
                self.error(
                    ctx.child(field),
                    node.span.start,
                    format!("{}: write `{name}` with plain numbers, e.g. `Tri(3, 9, 18)`, not named fields", ctx.subject(field)),
                );
                None
            }
            other => {
                self.error(
                    ctx.child(field),
                    node.span.start,
                    format!(
                        "{} must be a number, found {}; {VALUE_HELP}",
                        ctx.subject(field),
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    fn unit_enum<T: Copy>(
        &mut self,
        node: &Node,
        ctx: &Ctx,
        field: &str,
        what: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        if let Kind::Ident(name) = &node.kind
            && let Some((_, v)) = options.iter().find(|(n, _)| n == name)
        {
            return Some(*v);
        }
        let found = node.kind.describe();
        let hint = match &node.kind {
            Kind::Ident(n) | Kind::Str(n) => did_you_mean(n, &names),
            _ => String::new(),
        };
        self.error(
            ctx.child(field),
            node.span.start,
            format!(
                "{}: {found} is not a {what}{hint}; write one of {}",
                ctx.subject(field),
                names.join(", ")
            ),
        );
        None
    }

    fn list<'n>(&mut self, node: &'n Node, ctx: &Ctx, field: &str) -> Option<&'n [Node]> {
        let Kind::List(items) = &node.kind else {
            self.error(
                ctx.child(field),
                node.span.start,
                format!(
                    "{} must be a list `[…]`, found {}",
                    ctx.subject(field),
                    node.kind.describe()
                ),
            );
            return None;
        };
        if items.len() > MAX_LIST_ITEMS {
            self.error(
                ctx.child(field),
                node.span.start,
                format!(
                    "{} has {} entries; the most a list may hold is {MAX_LIST_ITEMS} — split the scenario",
                    ctx.subject(field),
                    items.len()
                ),
            );
            return None;
        }
        Some(items)
    }

    /// Decodes each struct in a list, naming each by index and label.
    fn items<T>(
        &mut self,
        fs: &Fields,
        field: &str,
        f: impl Fn(&mut Self, &Fields, &Ctx) -> Option<T>,
        ty: &str,
        valid: &[&str],
    ) -> Option<Vec<T>> {
        let Some(node) = fs.get(field) else {
            return Some(Vec::new());
        };
        let items = self.list(node, &Ctx::top(), field)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            let label = label_of(item);
            let ctx = Ctx {
                item: item_name(&path, &label),
                label,
                path,
            };
            match self
                .fields(item, ty, valid, &ctx, "an item")
                .and_then(|ifs| f(self, &ifs, &ctx))
            {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn scenario(&mut self, root: &Node) -> Option<Scenario> {
        let top = Ctx::top();
        let fs = self.fields(root, "Scenario", fields::SCENARIO, &top, "the scenario")?;
        // The version first: a newer file's fields would only confuse.
        let format_version = match fs.get("format_version") {
            None => {
                self.missing(&fs, &top, "format_version", "1");
                None
            }
            Some(n) => {
                let v =
                    self.whole(n, &top, "format_version", 0.0, f64::from(u32::MAX), "1")? as u32;
                if v > FORMAT_VERSION {
                    self.problems.clear();
                    self.error(
                        "format_version",
                        n.span.start,
                        format!(
                            "this file was made by a newer version of Counterweight (format_version {v}); \
                             this version reads up to {FORMAT_VERSION} — install the newer Counterweight to open it"
                        ),
                    );
                    return None;
                }
                if v == 0 {
                    self.error("format_version", n.span.start, "`format_version` 0 was never written by Counterweight; the first version is 1");
                    return None;
                }
                Some(v)
            }
        };
        let title = self.required(&fs, &top, "title", "\"MoJ back office\"", Self::string);
        let summary = self.optional(&fs, &top, "summary", String::new(), Self::string);
        let marking = self.optional(&fs, &top, "marking", Marking::default(), |d, n, c, f| {
            d.unit_enum(
                n,
                c,
                f,
                "protective marking",
                &[
                    ("Unmarked", Marking::Unmarked),
                    ("Official", Marking::Official),
                    ("OfficialSensitive", Marking::OfficialSensitive),
                ],
            )
        });
        let author = self.optional(&fs, &top, "author", String::new(), Self::string);
        let sources = self.items(&fs, "sources", Self::source, "Source", fields::SOURCE);
        let settings = match fs.get("settings") {
            Some(n) => self.settings(n),
            None => {
                self.missing(
                    &fs,
                    &top,
                    "settings",
                    "Settings(start_year: 2015, horizon_years: 10)",
                );
                None
            }
        };
        let assumptions = match fs.get("assumptions") {
            Some(n) => self.assumptions(n),
            None => Some(Assumptions::default()),
        };
        let savings = self.items(&fs, "savings", Self::flow, "Flow", fields::FLOW);
        let costs = self.items(&fs, "costs", Self::flow, "Flow", fields::FLOW);
        let fines = self.items(&fs, "fines", Self::fine, "Fine", fields::FINE);
        let job_moves = self.items(
            &fs,
            "job_moves",
            Self::job_move,
            "JobMove",
            fields::JOB_MOVE,
        );
        let office_closures = self.items(
            &fs,
            "office_closures",
            Self::office_closure,
            "OfficeClosure",
            fields::OFFICE_CLOSURE,
        );
        let data_risks = self.items(
            &fs,
            "data_risks",
            Self::data_risk,
            "DataRisk",
            fields::DATA_RISK,
        );
        let correlations = self.items(
            &fs,
            "correlations",
            Self::correlation,
            "Correlation",
            fields::CORRELATION,
        );
        Some(Scenario {
            correlations: correlations?,
            format_version: format_version?,
            title: title?,
            summary: summary?,
            marking: marking?,
            author: author?,
            sources: sources?,
            settings: settings?,
            assumptions: assumptions?,
            savings: savings?,
            costs: costs?,
            fines: fines?,
            job_moves: job_moves?,
            office_closures: office_closures?,
            data_risks: data_risks?,
        })
    }

    fn source(&mut self, fs: &Fields, ctx: &Ctx) -> Option<Source> {
        let text = |d: &mut Self, f: &str| d.optional(fs, ctx, f, String::new(), Self::string);
        let title = text(self, "title");
        let publisher = text(self, "publisher");
        let date = text(self, "date");
        let url = text(self, "url");
        let note = text(self, "note");
        Some(Source {
            title: title?,
            publisher: publisher?,
            date: date?,
            url: url?,
            note: note?,
        })
    }

    fn settings(&mut self, node: &Node) -> Option<Settings> {
        let ctx = Ctx::section("settings");
        let fs = self.fields(node, "Settings", fields::SETTINGS, &ctx, "the settings")?;
        let start_year = self.required(&fs, &ctx, "start_year", "2015", Self::year);
        let horizon_years = self.required(&fs, &ctx, "horizon_years", "10", |d, n, c, f| {
            d.whole(n, c, f, 1.0, 100.0, "10").map(|h| h as u32)
        });
        let price_base_year = match fs.get("price_base_year") {
            Some(n) => self.year(n, &ctx, "price_base_year"),
            None => start_year,
        };
        let discounting = self.optional(
            &fs,
            &ctx,
            "discounting",
            Discounting::GreenBook,
            Self::discounting,
        );
        let inflation = self.optional(
            &fs,
            &ctx,
            "inflation",
            Value::Point(super::DEFAULT_INFLATION),
            Self::value,
        );
        let optimism_bias = match fs.get("optimism_bias") {
            Some(n) => {
                let octx = Ctx::section("settings.optimism_bias");
                self.fields(
                    n,
                    "OptimismBias",
                    fields::OPTIMISM_BIAS,
                    &octx,
                    "the optimism bias",
                )
                .and_then(|ofs| {
                    let u =
                        self.optional(&ofs, &octx, "costs_uplift", Value::Point(0.0), Self::value);
                    let h = self.optional(
                        &ofs,
                        &octx,
                        "savings_haircut",
                        Value::Point(0.0),
                        Self::value,
                    );
                    let note = self.optional(&ofs, &octx, "note", String::new(), Self::string);
                    Some(OptimismBias {
                        costs_uplift: u?,
                        savings_haircut: h?,
                        note: note?,
                    })
                })
            }
            None => Some(OptimismBias::default()),
        };
        let monte_carlo = match fs.get("monte_carlo") {
            Some(n) => {
                let mctx = Ctx::section("settings.monte_carlo");
                self.fields(
                    n,
                    "MonteCarlo",
                    fields::MONTE_CARLO,
                    &mctx,
                    "the Monte Carlo settings",
                )
                .and_then(|mfs| {
                    let draws = self.optional(&mfs, &mctx, "draws", 10_000, |d, n, c, f| {
                        d.whole(n, c, f, 1.0, 1_000_000.0, "10000")
                            .map(|x| x as u32)
                    });
                    let seed = self.optional(&mfs, &mctx, "seed", 1, |d, n, c, f| {
                        d.whole(n, c, f, 0.0, 9_007_199_254_740_991.0, "1")
                            .map(|x| x as u64)
                    });
                    Some(MonteCarlo {
                        draws: draws?,
                        seed: seed?,
                    })
                })
            }
            None => Some(MonteCarlo::default()),
        };
        let central = self.optional(&fs, &ctx, "central", Central::Mode, |d, n, c, f| {
            d.unit_enum(
                n,
                c,
                f,
                "central value",
                &[("Mode", Central::Mode), ("Mean", Central::Mean)],
            )
        });
        Some(Settings {
            central: central?,
            start_year: start_year?,
            horizon_years: horizon_years?,
            price_base_year: price_base_year?,
            discounting: discounting?,
            inflation: inflation?,
            optimism_bias: optimism_bias?,
            monte_carlo: monte_carlo?,
        })
    }

    fn discounting(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<Discounting> {
        const NAMES: &[&str] = &[
            "GreenBook",
            "GreenBookLowerRate",
            "Constant",
            "Undiscounted",
        ];
        match &node.kind {
            Kind::Ident(n) if n == "GreenBook" => Some(Discounting::GreenBook),
            Kind::Ident(n) if n == "GreenBookLowerRate" => Some(Discounting::GreenBookLowerRate),
            Kind::Ident(n) if n == "Undiscounted" => Some(Discounting::Undiscounted),
            Kind::Tuple {
                name: Some(n),
                items,
            } if n == "Constant" && items.len() == 1 => self
                .value(&items[0], ctx, "discounting.Constant")
                .map(Discounting::Constant),
            other => {
                let hint = match other {
                    Kind::Ident(n) | Kind::Tuple { name: Some(n), .. } => did_you_mean(n, NAMES),
                    _ => String::new(),
                };
                self.error(
                    ctx.child(field),
                    node.span.start,
                    format!(
                        "{}: {} is not a discounting method{hint}; write GreenBook, GreenBookLowerRate, Constant(0.035) or Undiscounted",
                        ctx.subject(field),
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    fn assumptions(&mut self, node: &Node) -> Option<Assumptions> {
        let ctx = Ctx::section("assumptions");
        let fs = self.fields(
            node,
            "Assumptions",
            fields::ASSUMPTIONS,
            &ctx,
            "the assumptions",
        )?;
        let d = Assumptions::default();
        let months_out_of_work = self.optional(
            &fs,
            &ctx,
            "months_out_of_work",
            d.months_out_of_work,
            Self::value,
        );
        let wage_scarring = self.optional(&fs, &ctx, "wage_scarring", d.wage_scarring, Self::value);
        let scarring_years = self.optional(
            &fs,
            &ctx,
            "scarring_years",
            d.scarring_years,
            Self::count_u32,
        );
        let local_multiplier = self.optional(
            &fs,
            &ctx,
            "local_multiplier",
            d.local_multiplier,
            Self::value,
        );
        let wellbeing_loss =
            self.optional(&fs, &ctx, "wellbeing_loss", d.wellbeing_loss, Self::value);
        let wellby_value = self.optional(&fs, &ctx, "wellby_value", d.wellby_value, Self::value);
        let exchequer_tax_rate = self.optional(
            &fs,
            &ctx,
            "exchequer_tax_rate",
            d.exchequer_tax_rate,
            Self::value,
        );
        let benefit_per_year = self.optional(
            &fs,
            &ctx,
            "benefit_per_year",
            d.benefit_per_year,
            Self::value,
        );
        let notes = self.optional(&fs, &ctx, "notes", BTreeMap::new(), Self::notes);
        Some(Assumptions {
            notes: notes?,
            months_out_of_work: months_out_of_work?,
            wage_scarring: wage_scarring?,
            scarring_years: scarring_years?,
            local_multiplier: local_multiplier?,
            wellbeing_loss: wellbeing_loss?,
            wellby_value: wellby_value?,
            exchequer_tax_rate: exchequer_tax_rate?,
            benefit_per_year: benefit_per_year?,
        })
    }

    /// `notes: {"wage_scarring": "why"}`: each key an assumption's field
    /// name (a typo is an error, as for a field), each value text.
    fn notes(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<BTreeMap<String, String>> {
        let Kind::Map(entries) = &node.kind else {
            self.error(
                ctx.child(field),
                node.span.start,
                format!(
                    "{}: expected a map of notes `{{\"wage_scarring\": \"why it was changed\"}}`, found {}",
                    ctx.subject(field),
                    node.kind.describe()
                ),
            );
            return None;
        };
        let names: Vec<&str> = fields::ASSUMPTIONS
            .iter()
            .copied()
            .filter(|n| *n != "notes")
            .collect();
        let mut notes = BTreeMap::new();
        let mut ok = true;
        for (key, value) in entries {
            let Kind::Str(name) = &key.kind else {
                self.error(
                    ctx.child(field),
                    key.span.start,
                    format!(
                        "{}: a note's key must be an assumption's name in quotes, such as \"wage_scarring\"; found {}",
                        ctx.subject(field),
                        key.kind.describe()
                    ),
                );
                ok = false;
                continue;
            };
            let path = format!("{}.{name}", ctx.child(field));
            if !names.contains(&name.as_str()) {
                let nearest = nearest_first(name, &names).join(", ");
                let shown: String = name.chars().take(60).collect();
                self.error(
                    path,
                    key.span.start,
                    format!(
                        "{}: \"{shown}\" is not an assumption{}; notes are kept by the assumption's name, nearest first: {nearest}",
                        ctx.subject(field),
                        did_you_mean(name, &names),
                    ),
                );
                ok = false;
                continue;
            }
            if notes.contains_key(name) {
                self.error(
                    path,
                    key.span.start,
                    format!(
                        "{}: the note for `{name}` is given twice; keep one",
                        ctx.subject(field)
                    ),
                );
                ok = false;
                continue;
            }
            let nctx = ctx.nested(field);
            match self.string(value, &nctx, name) {
                Some(text) => {
                    notes.insert(name.clone(), text);
                }
                None => ok = false,
            }
        }
        ok.then_some(notes)
    }

    /// `redundancy: CivilService(terms: Voluntary, service_years: …)`.
    fn civil_service(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<CivilService> {
        let rctx = ctx.nested(field);
        let fs = self.fields(
            node,
            "CivilService",
            fields::CIVIL_SERVICE,
            &rctx,
            "redundancy by the Civil Service Compensation Scheme",
        )?;
        let terms = self.required(&fs, &rctx, "terms", "Voluntary", |d, n, c, f| {
            d.unit_enum(
                n,
                c,
                f,
                "redundancy term",
                &[
                    ("Voluntary", Terms::Voluntary),
                    ("Compulsory", Terms::Compulsory),
                ],
            )
        });
        let service_years =
            self.required(&fs, &rctx, "service_years", "Tri(4, 11, 25)", Self::value);
        Some(CivilService {
            terms: terms?,
            service_years: service_years?,
        })
    }

    /// `redundancy_months` or `redundancy`, never both (model 2).
    fn redundancy(&mut self, fs: &Fields, ctx: &Ctx) -> Option<(Value, Option<CivilService>)> {
        let months = self.optional(fs, ctx, "redundancy_months", Value::Point(0.0), Self::value);
        let scheme = self.optional(fs, ctx, "redundancy", None, |d, n, c, f| {
            d.civil_service(n, c, f).map(Some)
        });
        if let (Some(_), Some(node)) = (fs.get("redundancy_months"), fs.get("redundancy")) {
            self.error(
                ctx.child("redundancy"),
                node.span.start,
                format!(
                    "{}gives both `redundancy_months` and `redundancy`; keep one — the scheme's months, or your own",
                    ctx.prefix()
                ),
            );
            return None;
        }
        Some((months?, scheme?))
    }

    fn profile(&mut self, node: &Node, ctx: &Ctx, field: &str) -> Option<Profile> {
        let pctx = ctx.nested(field);
        let (name, bad) = match &node.kind {
            Kind::Tuple { name: Some(n), .. }
            | Kind::Struct { name: Some(n), .. }
            | Kind::Ident(n) => (n.as_str(), false),
            _ => ("", true),
        };
        if bad || !PROFILES.contains(&name) {
            let hint = if bad {
                String::new()
            } else {
                did_you_mean(name, PROFILES)
            };
            self.error(
                pctx.path.clone(),
                node.span.start,
                format!(
                    "{}: {} is not a profile{hint}; {PROFILE_HELP}",
                    ctx.subject(field),
                    node.kind.describe()
                ),
            );
            return None;
        }
        if name == "Once" {
            return match &node.kind {
                Kind::Tuple { items, .. } if items.len() == 1 => self
                    .year(&items[0], ctx, &format!("{field}.year"))
                    .map(Profile::Once),
                _ => {
                    self.error(
                        pctx.path.clone(),
                        node.span.start,
                        format!("{}: write `Once(2015)` with one year", ctx.subject(field)),
                    );
                    None
                }
            };
        }
        let valid = match name {
            "Annual" => fields::ANNUAL,
            "Spread" => fields::SPREAD,
            "Ramp" => fields::RAMP,
            _ => fields::CUSTOM,
        };
        let fs = self.fields(node, name, valid, &pctx, "the profile")?;
        // Inside a profile, fields are named `profile.from` etc.
        let from = self.required(&fs, &pctx, "from", "2015", Self::year);
        match name {
            "Annual" => {
                let to = self.optional(&fs, &pctx, "to", None, |d, n, c, f| {
                    d.year(n, c, f).map(Some)
                });
                Some(Profile::Annual {
                    from: from?,
                    to: to?,
                })
            }
            "Spread" => {
                let years = self.required(&fs, &pctx, "years", "7", Self::count_u32);
                Some(Profile::Spread {
                    from: from?,
                    years: years?,
                })
            }
            "Ramp" => {
                let years = self.required(&fs, &pctx, "years", "3", Self::count_u32);
                let to = self.optional(&fs, &pctx, "to", None, |d, n, c, f| {
                    d.year(n, c, f).map(Some)
                });
                Some(Profile::Ramp {
                    from: from?,
                    years: years?,
                    to: to?,
                })
            }
            _ => {
                let shares = self.required(&fs, &pctx, "shares", "[0.5, 1.0]", |d, n, c, f| {
                    let items = d.list(n, c, f)?;
                    let mut out = Vec::with_capacity(items.len());
                    let mut ok = true;
                    for (i, item) in items.iter().enumerate() {
                        match d.value(item, c, &format!("{f}[{i}]")) {
                            Some(v) => out.push(v),
                            None => ok = false,
                        }
                    }
                    ok.then_some(out)
                });
                Some(Profile::Custom {
                    from: from?,
                    shares: shares?,
                })
            }
        }
    }

    fn flow(&mut self, fs: &Fields, ctx: &Ctx) -> Option<Flow> {
        let label = self.required(fs, ctx, "label", "\"Back-office savings\"", Self::string);
        let amount = self.required(fs, ctx, "amount", "100_000_000", Self::value);
        let profile = self.required(
            fs,
            ctx,
            "profile",
            "Spread(from: 2015, years: 7)",
            Self::profile,
        );
        let growth = self.optional(fs, ctx, "growth", Value::Point(0.0), Self::value);
        let nominal = self.optional(fs, ctx, "nominal", false, Self::boolean);
        let claim = self.optional(fs, ctx, "claim", false, Self::boolean);
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        Some(Flow {
            label: label?,
            amount: amount?,
            profile: profile?,
            growth: growth?,
            nominal: nominal?,
            claim: claim?,
            note: note?,
        })
    }

    fn fine(&mut self, fs: &Fields, ctx: &Ctx) -> Option<Fine> {
        let label = self.required(
            fs,
            ctx,
            "label",
            "\"Service-failure deductions\"",
            Self::string,
        );
        let amount = self.required(fs, ctx, "amount", "500_000", Self::value);
        let profile = self.required(fs, ctx, "profile", "Annual(from: 2015)", Self::profile);
        let probability = self.optional(fs, ctx, "probability", Value::Point(1.0), Self::value);
        let direction = self.required(fs, ctx, "direction", "FromSupplier", |d, n, c, f| {
            d.unit_enum(
                n,
                c,
                f,
                "fine direction",
                &[
                    ("FromSupplier", Direction::FromSupplier),
                    ("ByAuthority", Direction::ByAuthority),
                ],
            )
        });
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        Some(Fine {
            label: label?,
            amount: amount?,
            profile: profile?,
            probability: probability?,
            direction: direction?,
            note: note?,
        })
    }

    fn job_move(&mut self, fs: &Fields, ctx: &Ctx) -> Option<JobMove> {
        let label = self.required(
            fs,
            ctx,
            "label",
            "\"Payroll roles moved offshore\"",
            Self::string,
        );
        let jobs = self.required(fs, ctx, "jobs", "300", Self::value);
        let year = self.required(fs, ctx, "year", "2015", Self::year);
        let salary = self.required(fs, ctx, "salary", "24_000", Self::value);
        let redundancy = self.redundancy(fs, ctx);
        let local_multiplier = self.optional(fs, ctx, "local_multiplier", None, |d, n, c, f| {
            d.value(n, c, f).map(Some)
        });
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        let (redundancy_months, redundancy) = redundancy?;
        Some(JobMove {
            label: label?,
            jobs: jobs?,
            year: year?,
            salary: salary?,
            redundancy_months,
            redundancy,
            local_multiplier: local_multiplier?,
            note: note?,
        })
    }

    fn office_closure(&mut self, fs: &Fields, ctx: &Ctx) -> Option<OfficeClosure> {
        let zero = Value::Point(0.0);
        let label = self.required(fs, ctx, "label", "\"Local offices\"", Self::string);
        let offices = self.required(fs, ctx, "offices", "39", Self::value);
        let year = self.required(fs, ctx, "year", "2015", Self::year);
        let money = |d: &mut Self, f: &str| d.optional(fs, ctx, f, zero, Self::value);
        let running_cost_per_office = money(self, "running_cost_per_office");
        let closure_cost_per_office = money(self, "closure_cost_per_office");
        let jobs_lost = money(self, "jobs_lost");
        let salary = money(self, "salary");
        let staff_relocated = money(self, "staff_relocated");
        let relocation_cost_per_person = money(self, "relocation_cost_per_person");
        let public_access_cost = money(self, "public_access_cost");
        let redundancy = self.redundancy(fs, ctx);
        let local_multiplier = self.optional(fs, ctx, "local_multiplier", None, |d, n, c, f| {
            d.value(n, c, f).map(Some)
        });
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        let (redundancy_months, redundancy) = redundancy?;
        Some(OfficeClosure {
            redundancy_months,
            redundancy,
            label: label?,
            offices: offices?,
            year: year?,
            running_cost_per_office: running_cost_per_office?,
            closure_cost_per_office: closure_cost_per_office?,
            jobs_lost: jobs_lost?,
            salary: salary?,
            staff_relocated: staff_relocated?,
            relocation_cost_per_person: relocation_cost_per_person?,
            public_access_cost: public_access_cost?,
            local_multiplier: local_multiplier?,
            note: note?,
        })
    }

    fn correlation(&mut self, fs: &Fields, ctx: &Ctx) -> Option<Correlation> {
        let a = self.required(fs, ctx, "a", "\"savings[0].amount\"", Self::string);
        let b = self.required(fs, ctx, "b", "\"job_moves[0].jobs\"", Self::string);
        let rank = self.required(fs, ctx, "rank", "0.6", Self::number);
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        Some(Correlation {
            a: a?,
            b: b?,
            rank: rank?,
            note: note?,
        })
    }

    fn data_risk(&mut self, fs: &Fields, ctx: &Ctx) -> Option<DataRisk> {
        let label = self.required(
            fs,
            ctx,
            "label",
            "\"Records handled offshore\"",
            Self::string,
        );
        let records = self.required(fs, ctx, "records", "80_000", Self::value);
        let from = self.required(fs, ctx, "from", "2015", Self::year);
        let to = self.optional(fs, ctx, "to", None, |d, n, c, f| d.year(n, c, f).map(Some));
        let annual_probability = self.required(fs, ctx, "annual_probability", "0.01", Self::value);
        let exposed_share = self.required(fs, ctx, "exposed_share", "0.5", Self::value);
        let harm_per_record = self.required(fs, ctx, "harm_per_record", "150", Self::value);
        let regulatory_fine =
            self.optional(fs, ctx, "regulatory_fine", Value::Point(0.0), Self::value);
        let note = self.optional(fs, ctx, "note", String::new(), Self::string);
        Some(DataRisk {
            label: label?,
            records: records?,
            from: from?,
            to: to?,
            annual_probability: annual_probability?,
            exposed_share: exposed_share?,
            harm_per_record: harm_per_record?,
            regulatory_fine: regulatory_fine?,
            note: note?,
        })
    }
}

/// The file's `format_version` and its offset, if it is a plain whole number.
#[must_use]
pub fn format_version_of(root: &Node) -> Option<(u32, usize)> {
    let Kind::Struct { fields, .. } = &root.kind else {
        return None;
    };
    let f = fields.iter().find(|f| f.name == "format_version")?;
    match f.value.kind {
        Kind::Number(n) if n.integer && n.value >= 0.0 && n.value <= f64::from(u32::MAX) => {
            Some((n.value as u32, f.value.span.start))
        }
        _ => None,
    }
}

/// The `label` of an item, if it has a text one, for naming it in messages.
fn label_of(item: &Node) -> String {
    if let Kind::Struct { fields, .. } = &item.kind
        && let Some(f) = fields.iter().find(|f| f.name == "label")
        && let Kind::Str(s) = &f.value.kind
    {
        return s.clone();
    }
    String::new()
}

/// The span of the value at `path` (`job_moves[2].salary`), or of the
/// nearest enclosing value that is in the file.
#[must_use]
pub fn locate(root: &Node, path: &str) -> Span {
    let mut node = root;
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let (name, index) = match step.find('[') {
            Some(b) => (
                &step[..b],
                step[b + 1..].trim_end_matches(']').parse::<usize>().ok(),
            ),
            None => (step, None),
        };
        let next = match &node.kind {
            Kind::Struct { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        };
        let Some(mut next) = next.and_then(unwrap_some) else {
            return node.span;
        };
        if let Some(i) = index {
            match &next.kind {
                Kind::List(items) if i < items.len() => next = &items[i],
                _ => return next.span,
            }
        }
        node = next;
    }
    node.span
}

#[cfg(test)]
mod tests {
    use super::super::syntax::parse;
    use super::*;

    fn errors(src: &str) -> Vec<String> {
        let tree = parse(src).expect("syntax");
        let (s, problems) = decode(&tree);
        assert!(s.is_none() || problems.is_empty());
        problems.into_iter().map(|(d, _)| d.message).collect()
    }

    const MINIMAL: &str = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10))";

    #[test]
    fn minimal_file_takes_every_default() {
        let tree = parse(MINIMAL).expect("syntax");
        let (s, problems) = decode(&tree);
        assert!(problems.is_empty(), "{problems:?}");
        let s = s.expect("decoded");
        assert_eq!(s, Scenario::new("t", 2014, 10));
    }

    #[test]
    fn typo_in_a_field_names_item_and_suggestion() {
        let src = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            job_moves: [JobMove(label: \"a\", jobs: 1, year: 2014, salary: 1), JobMove(label: \"Payroll roles\", jobs: 300, year: 2015, salery: 24000)])";
        let e = errors(src);
        assert!(e.iter().any(|m| m.contains("Jobs moved offshore 2. Payroll roles: `salery` is not a field of a job move — did you mean `salary`?")), "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains("Jobs moved offshore 2. Payroll roles — salary is missing")),
            "{e:?}"
        );
    }

    #[test]
    fn locate_finds_nested_values() {
        let src = "Scenario(settings: Settings(start_year: 2014), job_moves: [JobMove(), JobMove(salary: 5)])";
        let tree = parse(src).expect("syntax");
        let span = locate(&tree, "job_moves[1].salary");
        assert_eq!(&src[span.start..span.end], "5");
        let span = locate(&tree, "job_moves[1].jobs");
        assert_eq!(&src[span.start..span.end], "JobMove(salary: 5)");
    }

    fn decoded(src: &str) -> Scenario {
        let tree = parse(src).expect("syntax");
        let (s, problems) = decode(&tree);
        assert!(problems.is_empty(), "{problems:?}");
        s.expect("decoded")
    }

    #[test]
    fn model_2_fields_decode_and_write_back_the_same() {
        let src = "Scenario(format_version: 1, title: \"t\",
            settings: Settings(start_year: 2014, horizon_years: 10, central: Mean,
                optimism_bias: OptimismBias(costs_uplift: 0.41, savings_haircut: 0, note: \"Upper bound: no mitigation yet\")),
            assumptions: Assumptions(wage_scarring: 0.2, notes: {\"wage_scarring\": \"Local evidence\", \"benefit_per_year\": \"UC 2026\"}),
            job_moves: [JobMove(label: \"a\", jobs: 80, year: 2016, salary: 28000,
                redundancy: CivilService(terms: Voluntary, service_years: Tri(4, 11, 25)))],
            office_closures: [OfficeClosure(label: \"b\", offices: 2, year: 2016, jobs_lost: 150, salary: 24000,
                redundancy_months: 6),
                OfficeClosure(label: \"c\", offices: 1, year: 2017, jobs_lost: 10, salary: 24000,
                redundancy: CivilService(terms: Compulsory, service_years: 30))])";
        let s = decoded(src);
        assert_eq!(s.settings.central, Central::Mean);
        assert_eq!(
            s.settings.optimism_bias.note,
            "Upper bound: no mitigation yet"
        );
        assert_eq!(s.assumptions.notes.len(), 2);
        assert_eq!(s.assumptions.notes["wage_scarring"], "Local evidence");
        let j = &s.job_moves[0];
        assert_eq!(
            j.redundancy,
            Some(CivilService {
                terms: Terms::Voluntary,
                service_years: Value::Tri {
                    low: 4.0,
                    mode: 11.0,
                    high: 25.0
                },
            })
        );
        assert_eq!(s.office_closures[0].redundancy_months, Value::Point(6.0));
        assert_eq!(
            s.office_closures[1].redundancy.as_ref().map(|r| r.terms),
            Some(Terms::Compulsory)
        );
        // Load → save → load gives an equal scenario, and saving twice the same bytes.
        let text = super::super::write::to_ron(&s);
        let again = decoded(&text);
        assert_eq!(again, s);
        assert_eq!(super::super::write::to_ron(&again), text);
        assert!(text.contains("central: Mean,"), "{text}");
        assert!(
            text.contains("note: \"Upper bound: no mitigation yet\""),
            "{text}"
        );
        assert!(
            text.contains(
                "redundancy: CivilService(terms: Voluntary, service_years: Tri(4, 11, 25)),"
            ),
            "{text}"
        );
        assert!(
            super::super::validate(&s).is_empty(),
            "{:?}",
            super::super::validate(&s)
        );
    }

    #[test]
    fn correlations_decode_and_write_back_the_same() {
        let src = "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            correlations: [Correlation(a: \"savings[0].amount\", b: \"job_moves[0].jobs\", rank: 0.6, note: \"More roles moved, more saved\"),
                Correlation(a: \"assumptions.months_out_of_work\", b: \"savings[0].amount\", rank: -0.25)])";
        let s = decoded(src);
        assert_eq!(s.correlations.len(), 2);
        assert_eq!(
            s.correlations[0],
            Correlation {
                a: "savings[0].amount".into(),
                b: "job_moves[0].jobs".into(),
                rank: 0.6,
                note: "More roles moved, more saved".into(),
            }
        );
        let text = super::super::write::to_ron(&s);
        assert!(text.contains("Correlation(\n"), "{text}");
        assert_eq!(decoded(&text), s);
        let e = errors("Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            correlations: [Correlation(a: \"x\", b: \"y\", rank: Tri(0, 1, 2))])");
        assert!(
            e[0].contains("Correlations 1 — rank correlation must be a number"),
            "{e:?}"
        );
    }

    #[test]
    fn a_note_for_an_unknown_assumption_names_the_nearest() {
        let e = errors("Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            assumptions: Assumptions(notes: {\"wage_scaring\": \"typo\"}))");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("`assumptions.notes`: \"wage_scaring\" is not an assumption — did you mean `wage_scarring`?"),
            "{e:?}"
        );
    }

    #[test]
    fn redundancy_months_and_the_scheme_together_are_an_error() {
        let e = errors("Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            job_moves: [JobMove(label: \"Finance\", jobs: 80, year: 2016, salary: 28000, redundancy_months: 6,
                redundancy: CivilService(terms: Voluntary, service_years: 10))])");
        assert_eq!(
            e,
            [
                "Jobs moved offshore 1. Finance: gives both `redundancy_months` and `redundancy`; keep one — the scheme's months, or your own"
            ]
        );
        let e = errors(
            "Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10, central: Median))",
        );
        assert!(
            e[0].contains("`Median` is not a central value — did you mean `Mean`?"),
            "{e:?}"
        );
        let e = errors("Scenario(format_version: 1, title: \"t\", settings: Settings(start_year: 2014, horizon_years: 10),
            office_closures: [OfficeClosure(label: \"c\", offices: 1, year: 2015, redundancy: CivilService(terms: Voluntery, service_years: 3))])");
        assert!(
            e[0].contains("is not a redundancy term — did you mean `Voluntary`?"),
            "{e:?}"
        );
    }
}
