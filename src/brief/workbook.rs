//! The audit workbook (`brief FILE --out NAME.xlsx`): the deterministic model
//! written as live formulas, so a reviewer can change an input cell and
//! watch every line and the headline follow, as in their own spreadsheet.
//!
//! Every input is a named cell on the Inputs sheet (`in_savings_0_amount`);
//! the discount factors are formulas of the rates; each line family has a
//! sheet with one row per item and a formula per year; the Results sheet adds
//! them up as the model does and discounts with `SUMPRODUCT`. Each formula
//! carries the program's own number as its cached value, so the workbook
//! shows the right figures before any recalculation, and a spreadsheet
//! program that recalculates gets the same (the tests check it with
//! `LibreOffice`). What formulas cannot carry (Monte Carlo, the tornado,
//! break-even) is on the Monte Carlo sheet as values, labelled as such.

// The sheets are written cell by cell, long and linear like the model they
// mirror; these style lints would split or reshape that without making it
// clearer, so they are allowed in this module only.
#![allow(
    clippy::format_push_string,
    clippy::needless_range_loop,
    clippy::large_stack_arrays,
    clippy::unnecessary_wraps,
    clippy::if_not_else,
    clippy::type_complexity,
    clippy::items_after_statements,
    clippy::needless_borrows_for_generic_args,
    clippy::identity_op,
    clippy::semicolon_if_nothing_returned,
    clippy::cast_lossless
)]

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};

use super::Pack;
use super::cells::{absolute, cell, input_name, on};
use crate::model::plan::{FlowPlan, ProfilePlan, RedundancyPlan};
use crate::model::{self, Reading, flow_value, unemployed_share};
use crate::scenario::{CivilService, Discounting, Value};

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the workbook could not be put together ({0}); this is a bug, please report it")]
pub struct WorkbookError(#[from] rust_xlsxwriter::XlsxError);

/// First column of years on the year sheets (C).
const FIRST_YEAR_COL: u16 = 2;
/// The row of calendar years on the year sheets.
const YEAR_ROW: u32 = 3;
/// The row of year offsets `t`.
const OFFSET_ROW: u32 = 4;
/// The first row of lines.
const FIRST_LINE_ROW: u32 = 6;

const SAVINGS: &str = "Savings";
const COSTS: &str = "Costs";
const FINES: &str = "Fines";
const DISPLACED: &str = "Displaced workers";
const CLOSURES: &str = "Closures";
const DATA: &str = "Data risks";
const DISCOUNTING: &str = "Discounting";
const RESULTS: &str = "Results";

/// A formula and the program's value of it.
struct F {
    formula: String,
    value: f64,
}

fn f(formula: String, value: f64) -> Option<F> {
    Some(F { formula, value })
}

/// The cell formats.
struct Formats {
    title: Format,
    marking: Format,
    header: Format,
    bold: Format,
    wrap: Format,
    pounds: Format,
    pounds_bold: Format,
    millions: Format,
    factor: Format,
    number: Format,
    input: Format,
    percent: Format,
}

impl Formats {
    fn new() -> Self {
        let pounds = "\"£\"#,##0;[Red]\\-\"£\"#,##0";
        Self {
            title: Format::new().set_bold().set_font_size(14),
            marking: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(0x00_8A_00_00))
                .set_align(FormatAlign::Left),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00_DD_E4_EE))
                .set_border_bottom(FormatBorder::Thin),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            pounds: Format::new().set_num_format(pounds),
            pounds_bold: Format::new().set_num_format(pounds).set_bold(),
            millions: Format::new()
                .set_num_format("\"£\"#,##0.0,,\"m\";[Red]\\-\"£\"#,##0.0,,\"m\"")
                .set_bold(),
            factor: Format::new().set_num_format("0.000000"),
            number: Format::new().set_num_format("#,##0.########"),
            input: Format::new()
                .set_num_format("#,##0.########")
                .set_background_color(Color::RGB(0x00_FF_F2_CC))
                .set_border(FormatBorder::Thin),
            percent: Format::new().set_num_format("0.0%"),
        }
    }
}

/// The whole workbook as `.xlsx` bytes.
pub fn workbook(pack: &Pack) -> Result<Vec<u8>, WorkbookError> {
    let mut w = Writer::new(pack);
    let mut book = Workbook::new();
    let readme = w.readme()?;
    let inputs = w.inputs(&mut book)?;
    let assumptions = w.assumptions()?;
    let discounting = w.discounting(&mut book)?;
    let families = w.families()?;
    let results = w.results()?;
    let mc = w.monte_carlo()?;
    for ws in [readme, inputs, assumptions, discounting]
        .into_iter()
        .chain(families)
        .chain([results, mc])
    {
        book.push_worksheet(ws);
    }
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(&pack.scenario.title)
        .set_author(&pack.scenario.author)
        .set_comment("Counterweight audit workbook");
    book.set_properties(&props);
    Ok(book.save_to_buffer()?)
}

/// Where the totals of each line family are, for the Results sheet.
#[derive(Default)]
struct Totals {
    savings: u32,
    claim_savings: Option<u32>,
    cost_flows: u32,
    fines_received: u32,
    fines_paid: u32,
    redundancy: u32,
    lost_earnings: u32,
    local_knock_on: u32,
    wellbeing: u32,
    exchequer_cost: u32,
    one_offs: u32,
    property_savings: u32,
    public_access: u32,
    data_harm: u32,
    regulatory_fines: u32,
    /// The row of discount factors on the Discounting sheet.
    discount_factors: u32,
}

struct Writer<'a> {
    pack: &'a Pack<'a>,
    fmt: Formats,
    /// The defined name of each parameter.
    names: Vec<String>,
    /// The central value of each parameter.
    x: Vec<f64>,
    h: usize,
    totals: Totals,
}

/// One line of a year sheet.
struct Line<'s> {
    label: &'s str,
    detail: &'s str,
    bold: bool,
}

/// How a line's numbers are shown.
#[derive(Clone, Copy)]
enum Shown {
    /// Whole pounds (bold for a total line).
    Pounds,
    /// A rate, as a percentage.
    Percent,
    /// A discount factor, to six decimals.
    Factor,
}

impl<'a> Writer<'a> {
    fn new(pack: &'a Pack<'a>) -> Self {
        let plan = &pack.plan;
        let mut names: Vec<String> = Vec::new();
        for p in &plan.params {
            let mut name = input_name(&p.path);
            if names.contains(&name) {
                name = format!("{name}_{}", names.len());
            }
            names.push(name);
        }
        Self {
            pack,
            fmt: Formats::new(),
            names,
            x: plan.central(),
            h: plan.horizon,
            totals: Totals::default(),
        }
    }

    fn name(&self, p: usize) -> &str {
        &self.names[p]
    }

    /// A sheet with the marking in its header, footer and first row, and its title.
    fn sheet(&self, name: &str, title: &str) -> Result<Worksheet, WorkbookError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let banner = self.pack.scenario.marking.banner();
        if !banner.is_empty() {
            ws.set_header(format!("&C&\"-,Bold\"{banner}"));
            ws.set_footer(format!("&C&\"-,Bold\"{banner}&R&P of &N"));
            ws.write_string_with_format(0, 0, banner, &self.fmt.marking)?;
        } else {
            ws.set_footer("&R&P of &N");
        }
        ws.write_string_with_format(1, 0, title, &self.fmt.title)?;
        // Printed (or saved as PDF) for the QA file: landscape A4, every
        // sheet one page wide, as many long as it needs.
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        Ok(ws)
    }

    fn readme(&self) -> Result<Worksheet, WorkbookError> {
        let pack = self.pack;
        let s = pack.scenario;
        let mut ws = self.sheet("README", "What this workbook is")?;
        ws.set_column_width(0, 110)?;
        let lines = [
            format!("Scenario: {}", s.title),
            format!("File: {}  (SHA-256 {})", pack.file_name, pack.sha256),
            format!(
                "Made by Counterweight {} (model {}) on {}.",
                env!("CARGO_PKG_VERSION"),
                model::MODEL,
                pack.date
            ),
            String::new(),
            "This workbook is the model's deterministic (central) calculation written as live formulas. \
             Change a yellow cell on the Inputs sheet and every line and headline figure follows."
                .to_owned(),
            "Inputs: every input at its central value, each a named cell (in_…), with its range and the note the file gives it."
                .to_owned(),
            "Assumptions: the settings and displaced-worker assumptions, with their defaults, notes and sources.".to_owned(),
            "Discounting: the rate each year and the discount factors as formulas of the rates.".to_owned(),
            "Savings, Costs, Fines, Displaced workers, Closures, Data risks: one sheet per line family, a row per item, a formula per year."
                .to_owned(),
            "Results: the year table and the headline NPVs (SUMPRODUCT with the discount factors), payback and the readings of the claim."
                .to_owned(),
            String::new(),
            "Monte Carlo results are NOT formulas: a spreadsheet cannot redraw them. The Monte Carlo sheet lists them as values \
             from the program's run (with its seed and draws), with the tornado and the break-even; they do not change when an input does."
                .to_owned(),
            "Structure is not an input here: the years an item starts and ends, its profile type, whether a flow is nominal or is the claim, \
             and the scarring years' cut-off are fixed in the formulas. Change them in the scenario file and make the workbook again."
                .to_owned(),
            "Amounts are in pounds, real terms, in the price base year's prices. Negative figures are red.".to_owned(),
        ];
        for (i, l) in lines.iter().enumerate() {
            ws.write_string_with_format(3 + i as u32, 0, l, &self.fmt.wrap)?;
        }
        Ok(ws)
    }

    fn inputs(&self, book: &mut Workbook) -> Result<Worksheet, WorkbookError> {
        let plan = &self.pack.plan;
        let mut ws = self.sheet(
            "Inputs",
            "Inputs: every central value (change the yellow cells)",
        )?;
        let head = [
            "Input",
            "Path in the file",
            "Central value",
            "Distribution",
            "Low",
            "High",
            "Name of the cell",
            "Note (source) in the file",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, *h, &self.fmt.header)?;
        }
        let notes = super::input_notes(self.pack.scenario);
        let mut row = 4;
        for (i, p) in plan.params.iter().enumerate() {
            ws.write_string(row, 0, &p.label)?;
            ws.write_string(row, 1, &p.path)?;
            ws.write_number_with_format(row, 2, self.x[i], &self.fmt.input)?;
            let (kind, lo, hi) = match p.value {
                Value::Point(_) => ("point", None, None),
                Value::Tri { low, high, .. } => ("triangular", Some(low), Some(high)),
                Value::Pert { low, high, .. } => ("PERT", Some(low), Some(high)),
                Value::Uniform { low, high } => ("uniform", Some(low), Some(high)),
            };
            let kind = if p.value.is_uncertain() {
                format!(
                    "{kind} ({} as central)",
                    self.pack.scenario.settings.central.ron_name()
                )
            } else {
                kind.to_owned()
            };
            ws.write_string(row, 3, &kind)?;
            if let (Some(lo), Some(hi)) = (lo, hi) {
                ws.write_number_with_format(row, 4, lo, &self.fmt.number)?;
                ws.write_number_with_format(row, 5, hi, &self.fmt.number)?;
            }
            ws.write_string(row, 6, self.name(i))?;
            // One line per input (LibreOffice does not grow a row for
            // wrapped text); the full note reads in the cell.
            ws.write_string(row, 7, notes.get(&p.path).map_or("", String::as_str))?;
            book.define_name(self.name(i), &format!("=Inputs!{}", absolute(row, 2)))?;
            row += 1;
        }
        // Not a parameter of the Monte Carlo, but an input of the formulas.
        let years = self.pack.scenario.assumptions.scarring_years;
        ws.write_string(row, 0, "Scarring years")?;
        ws.write_string(row, 1, "assumptions.scarring_years")?;
        ws.write_number_with_format(row, 2, f64::from(years), &self.fmt.input)?;
        ws.write_string(row, 3, "point (whole years)")?;
        ws.write_string(row, 6, "in_assumptions_scarring_years")?;
        ws.write_string(
            row,
            7,
            notes
                .get("assumptions.scarring_years")
                .map_or("", String::as_str),
        )?;
        book.define_name(
            "in_assumptions_scarring_years",
            &format!("=Inputs!{}", absolute(row, 2)),
        )?;
        ws.set_freeze_panes(4, 1)?;
        for (c, wdt) in [
            (0, 44),
            (1, 40),
            (2, 16),
            (3, 22),
            (4, 14),
            (5, 14),
            (6, 40),
            (7, 70),
        ] {
            ws.set_column_width(c, wdt)?;
        }
        Ok(ws)
    }

    fn assumptions(&self) -> Result<Worksheet, WorkbookError> {
        let mut ws = self.sheet("Assumptions", "Assumptions log (AQuA Book)")?;
        let head = [
            "Assumption",
            "Value or range",
            "Default",
            "Changed from default",
            "Note (why)",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, *h, &self.fmt.header)?;
        }
        let mut row = 4;
        for a in super::assumption_log(self.pack.scenario) {
            ws.write_string(row, 0, &a.name)?;
            ws.write_string(row, 1, &a.value)?;
            ws.write_string(row, 2, &a.default)?;
            ws.write_string(row, 3, if a.changed { "yes" } else { "no" })?;
            ws.write_string_with_format(row, 4, &a.note, &self.fmt.wrap)?;
            row += 1;
        }
        row += 1;
        ws.write_string_with_format(row, 0, "Sources the file gives", &self.fmt.bold)?;
        row += 1;
        for src in &self.pack.scenario.sources {
            let who = [src.publisher.as_str(), src.date.as_str(), src.url.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            ws.write_string_with_format(row, 0, &src.title, &self.fmt.wrap)?;
            ws.write_string_with_format(row, 1, &who, &self.fmt.wrap)?;
            ws.write_string_with_format(row, 4, &src.note, &self.fmt.wrap)?;
            row += 1;
        }
        ws.set_freeze_panes(4, 1)?;
        for (c, wdt) in [(0, 44), (1, 30), (2, 18), (3, 12), (4, 100)] {
            ws.set_column_width(c, wdt)?;
        }
        Ok(ws)
    }

    /// The header rows of a year sheet: calendar years and offsets.
    fn year_sheet(&self, name: &str, title: &str) -> Result<Worksheet, WorkbookError> {
        let mut ws = self.sheet(name, title)?;
        ws.write_string_with_format(YEAR_ROW, 0, "Line", &self.fmt.header)?;
        ws.write_string_with_format(YEAR_ROW, 1, "How it is worked out", &self.fmt.header)?;
        ws.write_string(OFFSET_ROW, 0, "Year offset t")?;
        for t in 0..self.h {
            let c = FIRST_YEAR_COL + t as u16;
            ws.write_number_with_format(
                YEAR_ROW,
                c,
                f64::from(self.pack.results.year(t)),
                &self.fmt.header,
            )?;
            ws.write_number(OFFSET_ROW, c, t as f64)?;
            ws.set_column_width(c, 14)?;
        }
        ws.set_column_width(0, 46)?;
        ws.set_column_width(1, 40)?;
        ws.set_freeze_panes(OFFSET_ROW + 1, FIRST_YEAR_COL)?;
        Ok(ws)
    }

    /// Writes a line at `row`: its label, how it is worked out, and a cell
    /// per year (a formula, or 0 where the line cannot have a value).
    fn line(
        &self,
        ws: &mut Worksheet,
        row: u32,
        line: &Line,
        cells: impl Fn(usize) -> Option<F>,
    ) -> Result<(), WorkbookError> {
        self.line_shown(ws, row, line, Shown::Pounds, cells)
    }

    /// [`Self::line`] with its numbers shown as `shown` says.
    fn line_shown(
        &self,
        ws: &mut Worksheet,
        row: u32,
        line: &Line,
        shown: Shown,
        cells: impl Fn(usize) -> Option<F>,
    ) -> Result<(), WorkbookError> {
        let bold = line.bold;
        if bold {
            ws.write_string_with_format(row, 0, line.label, &self.fmt.bold)?;
        } else {
            ws.write_string(row, 0, line.label)?;
        }
        ws.write_string(row, 1, line.detail)?;
        let fmt = match shown {
            Shown::Pounds if bold => &self.fmt.pounds_bold,
            Shown::Pounds => &self.fmt.pounds,
            Shown::Percent => &self.fmt.percent,
            Shown::Factor => &self.fmt.factor,
        };
        for t in 0..self.h {
            let c = FIRST_YEAR_COL + t as u16;
            match cells(t) {
                Some(F { formula, value }) => {
                    ws.write_formula_with_format(
                        row,
                        c,
                        Formula::new(format!("={formula}")).set_result(number(value)),
                        fmt,
                    )?;
                }
                None => {
                    ws.write_number_with_format(row, c, 0.0, fmt)?;
                }
            }
        }
        Ok(())
    }

    /// The sum, per year, of `rows` of the same sheet (0 when there are none).
    fn sum_line(
        &self,
        ws: &mut Worksheet,
        row: u32,
        line: &Line,
        rows: &[(u32, Vec<f64>)],
    ) -> Result<Vec<f64>, WorkbookError> {
        let values: Vec<f64> = (0..self.h)
            .map(|t| rows.iter().map(|(_, v)| v[t]).sum())
            .collect();
        self.line(ws, row, line, |t| {
            let c = FIRST_YEAR_COL + t as u16;
            let formula = if rows.is_empty() {
                "0".to_owned()
            } else {
                let refs: Vec<String> = rows.iter().map(|(r, _)| cell(*r, c)).collect();
                format!("SUM({})", refs.join(","))
            };
            f(formula, values[t])
        })?;
        Ok(values)
    }

    fn discounting(&mut self, book: &mut Workbook) -> Result<Worksheet, WorkbookError> {
        let plan = &self.pack.plan;
        let mut ws = self.year_sheet(
            DISCOUNTING,
            "Discounting: the factors as formulas of the rates",
        )?;
        let factors = &self.pack.results.lines.discount_factor;
        let rate_row = FIRST_LINE_ROW;
        let df_row = FIRST_LINE_ROW + 1;
        // The band rates, as input cells, under the year table.
        let bands: &[(usize, f64, &str)] = match plan.discounting {
            Discounting::GreenBook => &[
                (30, 0.035, "years 1–30"),
                (75, 0.030, "years 31–75"),
                (125, 0.025, "years 76–125"),
            ],
            Discounting::GreenBookLowerRate => &[
                (30, 0.030, "years 1–30"),
                (75, 0.0257, "years 31–75"),
                (125, 0.0214, "years 76–125"),
            ],
            _ => &[],
        };
        let band_row0 = df_row + 3;
        if !bands.is_empty() {
            ws.write_string_with_format(
                band_row0 - 1,
                0,
                "Rates by band (change to test)",
                &self.fmt.bold,
            )?;
        }
        for (i, (_, rate, label)) in bands.iter().enumerate() {
            let r = band_row0 + i as u32;
            ws.write_string(r, 0, &format!("Discount rate, {label}"))?;
            ws.write_number_with_format(r, FIRST_YEAR_COL, *rate, &self.fmt.input)?;
            book.define_name(
                format!("discount_rate_{}", i + 1),
                &format!("='{DISCOUNTING}'!{}", absolute(r, FIRST_YEAR_COL)),
            )?;
        }
        let rate_of = |t: usize| -> (String, f64) {
            match plan.discounting {
                Discounting::GreenBook | Discounting::GreenBookLowerRate => {
                    let i = bands
                        .iter()
                        .position(|(last, ..)| t <= *last)
                        .unwrap_or(bands.len() - 1);
                    (format!("discount_rate_{}", i + 1), bands[i].1)
                }
                Discounting::Constant(_) => {
                    let p = plan.discount_rate.unwrap_or(0);
                    (self.names[p].clone(), self.x[p])
                }
                Discounting::Undiscounted => ("0".to_owned(), 0.0),
            }
        };
        let method = match plan.discounting {
            Discounting::GreenBook => "Green Book rates (3.5 % to year 30, then 3 %, 2.5 %)",
            Discounting::GreenBookLowerRate => "Green Book lower-rate test (3 %, 2.57 %, 2.14 %)",
            Discounting::Constant(_) => "a constant rate (Inputs: settings.discounting)",
            Discounting::Undiscounted => "undiscounted",
        };
        self.line_shown(
            &mut ws,
            rate_row,
            &Line {
                label: "Discount rate r_t",
                detail: method,
                bold: false,
            },
            Shown::Percent,
            |t| {
                if t == 0 {
                    return None;
                }
                let (formula, v) = rate_of(t);
                f(formula, v)
            },
        )?;
        let constant = matches!(plan.discounting, Discounting::Constant(_));
        let detail = if constant {
            "DF_t = 1 / (1 + r)^t"
        } else {
            "DF_0 = 1; DF_t = DF_(t−1) / (1 + r_t)"
        };
        self.line_shown(
            &mut ws,
            df_row,
            &Line {
                label: "Discount factor DF_t",
                detail,
                bold: true,
            },
            Shown::Factor,
            |t| {
                let c = FIRST_YEAR_COL + t as u16;
                let formula = if t == 0 {
                    "1".to_owned()
                } else if constant {
                    format!("1/(1+{})^{t}", cell(rate_row, c))
                } else {
                    format!("{}/(1+{})", cell(df_row, c - 1), cell(rate_row, c))
                };
                f(formula, factors[t])
            },
        )?;
        let last = FIRST_YEAR_COL + self.h as u16 - 1;
        book.define_name(
            "discount_factors",
            &format!(
                "='{DISCOUNTING}'!{}:{}",
                absolute(df_row, FIRST_YEAR_COL),
                absolute(df_row, last)
            ),
        )?;
        self.totals.discount_factors = df_row;
        Ok(ws)
    }

    /// A flow's formula in year `t`: amount × profile share × growth ÷ inflation.
    fn flow_formula(&self, fl: &FlowPlan, t: usize) -> Option<F> {
        let plan = &self.pack.plan;
        let t64 = t as i64;
        let w = fl.profile.weight(t64, &self.x);
        let live = match &fl.profile {
            ProfilePlan::Custom { from, shares } => {
                t64 >= *from && ((t64 - from) as usize) < shares.len()
            }
            p => {
                w != 0.0 && {
                    let (from, to) = p.span();
                    t64 >= from && to.is_none_or(|to| t64 <= to)
                }
            }
        };
        if !live {
            return None;
        }
        let mut s = self.name(fl.amount).to_owned();
        match &fl.profile {
            ProfilePlan::Once(_) | ProfilePlan::Annual { .. } => {}
            ProfilePlan::Spread { years, .. } => s.push_str(&format!("/{years}")),
            ProfilePlan::Ramp { from, years, .. } => {
                let k = t64 - from + 1;
                if k < i64::from(*years) {
                    s.push_str(&format!("*{k}/{years}"));
                }
            }
            ProfilePlan::Custom { from, shares } => {
                s.push('*');
                s.push_str(self.name(shares[(t64 - from) as usize]));
            }
        }
        let k = t64 - fl.profile.first();
        s.push_str(&format!("*(1+{})^{k}", self.name(fl.growth)));
        if fl.nominal {
            s.push_str(&format!(
                "/(1+{})^{}",
                self.name(plan.inflation),
                t64 - plan.price_base
            ));
        }
        f(
            s,
            flow_value(fl, t64, &self.x, self.x[plan.inflation], plan.price_base),
        )
    }

    fn profile_words(&self, p: &ProfilePlan) -> String {
        let y = |t: i64| self.pack.plan.start_year as i64 + t;
        match p {
            ProfilePlan::Once(t) => format!("once, in {}", y(*t)),
            ProfilePlan::Annual { from, to } => match to {
                Some(to) => format!("every year {}–{}", y(*from), y(*to)),
                None => format!("every year from {}", y(*from)),
            },
            ProfilePlan::Spread { from, years } => {
                format!("spread over {years} years from {}", y(*from))
            }
            ProfilePlan::Ramp { from, years, to } => match to {
                Some(to) => format!(
                    "ramped up over {years} years from {}, to {}",
                    y(*from),
                    y(*to)
                ),
                None => format!("ramped up over {years} years from {}", y(*from)),
            },
            ProfilePlan::Custom { from, shares } => {
                format!("{} yearly shares from {}", shares.len(), y(*from))
            }
        }
    }

    /// The savings and costs sheets.
    fn flows_sheet(
        &self,
        name: &str,
        title: &str,
        flows: &[FlowPlan],
        labels: &[&str],
    ) -> Result<(Worksheet, Vec<(u32, Vec<f64>)>, Vec<(u32, Vec<f64>)>, u32), WorkbookError> {
        let mut ws = self.year_sheet(name, title)?;
        let mut row = FIRST_LINE_ROW;
        let mut all = Vec::new();
        let mut claims = Vec::new();
        for (fl, label) in flows.iter().zip(labels) {
            let mut detail = self.profile_words(&fl.profile);
            if fl.nominal {
                detail.push_str(", nominal (deflated)");
            }
            if fl.claim {
                detail.push_str("; the claim");
            }
            let values: Vec<f64> = (0..self.h)
                .map(|t| self.flow_formula(fl, t).map_or(0.0, |c| c.value))
                .collect();
            self.line(
                &mut ws,
                row,
                &Line {
                    label,
                    detail: &detail,
                    bold: false,
                },
                |t| self.flow_formula(fl, t),
            )?;
            if fl.claim {
                claims.push((row, values.clone()));
            }
            all.push((row, values));
            row += 1;
        }
        row += 1;
        Ok((ws, all, claims, row))
    }

    fn families(&mut self) -> Result<Vec<Worksheet>, WorkbookError> {
        let s = self.pack.scenario;
        let plan = &self.pack.plan;
        let haircut = self.name(plan.savings_haircut).to_owned();
        let h = self.h;

        // Savings.
        let labels: Vec<&str> = s.savings.iter().map(|f| f.label.as_str()).collect();
        let (mut savings, rows, claims, row) = self.flows_sheet(
            SAVINGS,
            "Savings flows, by year (£, real terms)",
            &plan.savings,
            &labels,
        )?;
        let before = self.sum_line(
            &mut savings,
            row,
            &Line {
                label: "Savings before optimism bias",
                detail: "sum of the flows",
                bold: false,
            },
            &rows,
        )?;
        if !claims.is_empty() {
            self.sum_line(
                &mut savings,
                row + 1,
                &Line {
                    label: "The claim flows (before optimism bias)",
                    detail: "sum of the flows marked as the claim",
                    bold: false,
                },
                &claims,
            )?;
            self.totals.claim_savings = Some(row + 1);
        }
        let after = &self.pack.results.lines.savings;
        self.line(
            &mut savings,
            row + 2,
            &Line {
                label: "Savings S_t",
                detail: "× (1 − savings haircut)",
                bold: true,
            },
            |t| {
                let c = FIRST_YEAR_COL + t as u16;
                f(format!("(1-{haircut})*{}", cell(row, c)), after[t])
            },
        )?;
        let _ = before;
        self.totals.savings = row + 2;

        // Costs.
        let labels: Vec<&str> = s.costs.iter().map(|f| f.label.as_str()).collect();
        let (mut costs, rows, _, row) = self.flows_sheet(
            COSTS,
            "Cost flows, by year (£, real terms, before the optimism-bias uplift)",
            &plan.costs,
            &labels,
        )?;
        self.sum_line(
            &mut costs,
            row,
            &Line {
                label: "Cost flows before optimism bias",
                detail: "sum of the flows; uplifted on Results",
                bold: true,
            },
            &rows,
        )?;
        self.totals.cost_flows = row;

        // Fines.
        let mut fines = self.year_sheet(
            FINES,
            "Contract fines, by year (£, expected: probability × amount)",
        )?;
        let mut row = FIRST_LINE_ROW;
        let (mut received, mut paid) = (Vec::new(), Vec::new());
        for (fp, fine) in plan.fines.iter().zip(&s.fines) {
            let cellf = |t: usize| {
                let t64 = t as i64;
                let w = fp.profile.weight(t64, &self.x);
                let a = self.x[fp.amount] * w;
                if a == 0.0 {
                    return None;
                }
                let weight = match &fp.profile {
                    ProfilePlan::Spread { years, .. } => format!("/{years}"),
                    ProfilePlan::Ramp { from, years, .. } if t64 - from + 1 < i64::from(*years) => {
                        format!("*{}/{years}", t64 - from + 1)
                    }
                    ProfilePlan::Custom { from, shares } => {
                        format!("*{}", self.name(shares[(t64 - from) as usize]))
                    }
                    _ => String::new(),
                };
                f(
                    format!(
                        "{}*{}{weight}",
                        self.name(fp.probability),
                        self.name(fp.amount)
                    ),
                    self.x[fp.probability] * a,
                )
            };
            let who = if fp.from_supplier {
                "paid to the department by the supplier"
            } else {
                "paid by the department"
            };
            let detail = format!("{}; {who}", self.profile_words(&fp.profile));
            let values: Vec<f64> = (0..h).map(|t| cellf(t).map_or(0.0, |c| c.value)).collect();
            self.line(
                &mut fines,
                row,
                &Line {
                    label: &fine.label,
                    detail: &detail,
                    bold: false,
                },
                cellf,
            )?;
            if fp.from_supplier {
                received.push((row, values))
            } else {
                paid.push((row, values))
            }
            row += 1;
        }
        row += 1;
        self.sum_line(
            &mut fines,
            row,
            &Line {
                label: "Fines received FI_t",
                detail: "fines the supplier pays",
                bold: true,
            },
            &received,
        )?;
        self.sum_line(
            &mut fines,
            row + 1,
            &Line {
                label: "Fines paid by the department",
                detail: "part of department costs, not uplifted",
                bold: true,
            },
            &paid,
        )?;
        self.totals.fines_received = row;
        self.totals.fines_paid = row + 1;

        // Displaced workers.
        let mut dw = self.year_sheet(
            DISPLACED,
            "Displaced workers: redundancy pay and the social cost of job losses (£)",
        )?;
        let a = &plan.assumptions;
        let names = |p: usize| self.names[p].clone();
        let (months, scarring, wl, wv, tax, benefit) = (
            names(a.months_out_of_work),
            names(a.wage_scarring),
            names(a.wellbeing_loss),
            names(a.wellby_value),
            names(a.exchequer_tax_rate),
            names(a.benefit_per_year),
        );
        let k_years = "in_assumptions_scarring_years";
        let mut row = FIRST_LINE_ROW;
        let mut groups: Vec<[(u32, Vec<f64>); 5]> = Vec::new();
        let group_labels: Vec<String> = s
            .job_moves
            .iter()
            .map(|j| format!("{} (job move)", j.label))
            .chain(
                s.office_closures
                    .iter()
                    .map(|c| format!("{} (office closure)", c.label)),
            )
            .collect();
        let x = &self.x;
        let kk = f64::from(a.scarring_years);
        for (g, label) in plan.displaced.iter().zip(&group_labels) {
            let (d, wname) = (names(g.workers), names(g.salary));
            let lm = names(g.local_multiplier);
            let y = g.year;
            let live = |t: usize| y >= 0 && y < h as i64 && t as i64 >= y;
            let (workers, salary) = (x[g.workers], x[g.salary]);
            let u = |t: usize| unemployed_share(x[a.months_out_of_work], (t as i64 - y) as usize);
            let ustr = |t: usize| format!("MAX(0,MIN(1,({months}-12*{})/12))", t as i64 - y);
            let lost = |t: usize| {
                let un = u(t);
                let scar = if ((t as i64 - y) as f64) < kk {
                    x[a.wage_scarring] * (1.0 - un)
                } else {
                    0.0
                };
                workers * salary * (un + scar)
            };
            let lost_f = |t: usize| {
                format!(
                    "{d}*{wname}*({u}+IF({k}<{k_years},{scarring}*(1-{u}),0))",
                    u = ustr(t),
                    k = t as i64 - y
                )
            };
            let (red_f, red_v, red_detail): (String, f64, String) = match g.redundancy {
                RedundancyPlan::Months(p) => (
                    format!("{d}*{wname}*{}/12", names(p)),
                    g.redundancy.pay(workers, salary, x[p]),
                    "jobs × salary × redundancy months / 12".to_owned(),
                ),
                RedundancyPlan::Scheme { service_years, cap } => (
                    format!(
                        "{d}*MIN(MAX({wname},{}),{})*MIN({},{cap})/12",
                        CivilService::PAY_FLOOR,
                        CivilService::PAY_CEILING,
                        names(service_years)
                    ),
                    g.redundancy.pay(workers, salary, x[service_years]),
                    format!(
                        "Civil Service scheme: jobs × pay held to £{}–£{} × min(years of service, {cap}) / 12",
                        CivilService::PAY_FLOOR,
                        CivilService::PAY_CEILING
                    ),
                ),
            };
            let r0 = row;
            ws_label(&mut dw, r0 - 0, label, &self.fmt.bold)?;
            row += 1;
            let values = |cellf: &dyn Fn(usize) -> Option<F>| -> Vec<f64> {
                (0..h).map(|t| cellf(t).map_or(0.0, |c| c.value)).collect()
            };
            let red = |t: usize| {
                (live(t) && t as i64 == y).then(|| F {
                    formula: red_f.clone(),
                    value: red_v,
                })
            };
            let le = |t: usize| {
                live(t).then(|| F {
                    formula: lost_f(t),
                    value: lost(t),
                })
            };
            let lk_row = row + 2;
            let le_row = row + 1;
            let lk = |t: usize| {
                live(t).then(|| F {
                    formula: format!("({lm}-1)*{}", cell(le_row, FIRST_YEAR_COL + t as u16)),
                    value: (x[g.local_multiplier] - 1.0) * lost(t),
                })
            };
            let wb = |t: usize| {
                live(t).then(|| F {
                    formula: format!("{d}*{}*{wl}*{wv}", ustr(t)),
                    value: workers * u(t) * (x[a.wellbeing_loss] * x[a.wellby_value]),
                })
            };
            let xc = |t: usize| {
                live(t).then(|| F {
                    formula: format!(
                        "{tax}*{}+{d}*{}*{benefit}",
                        cell(le_row, FIRST_YEAR_COL + t as u16),
                        ustr(t)
                    ),
                    value: x[a.exchequer_tax_rate] * lost(t)
                        + workers * u(t) * x[a.benefit_per_year],
                })
            };
            let rv = values(&red);
            self.line(
                &mut dw,
                row,
                &Line {
                    label: "  Redundancy pay (before uplift)",
                    detail: &red_detail,
                    bold: false,
                },
                red,
            )?;
            let lev = values(&le);
            self.line(
                &mut dw,
                le_row,
                &Line {
                    label: "  Lost earnings",
                    detail: "jobs × salary × (u_k + scarring × (1 − u_k) while k < scarring years)",
                    bold: false,
                },
                le,
            )?;
            let lkv = values(&lk);
            self.line(
                &mut dw,
                lk_row,
                &Line {
                    label: "  Local knock-on",
                    detail: "(local multiplier − 1) × lost earnings",
                    bold: false,
                },
                lk,
            )?;
            let wbv = values(&wb);
            self.line(
                &mut dw,
                row + 3,
                &Line {
                    label: "  Wellbeing",
                    detail: "jobs × u_k × wellbeing loss × WELLBY value",
                    bold: false,
                },
                wb,
            )?;
            let xcv = values(&xc);
            self.line(
                &mut dw,
                row + 4,
                &Line {
                    label: "  Exchequer cost",
                    detail: "tax rate × lost earnings + jobs × u_k × benefit",
                    bold: false,
                },
                xc,
            )?;
            groups.push([
                (row, rv),
                (le_row, lev),
                (lk_row, lkv),
                (row + 3, wbv),
                (row + 4, xcv),
            ]);
            row += 6;
        }
        ws_label(
            &mut dw,
            row,
            "u_k = share of year k after displacement out of work = clamp((months out of work − 12k) / 12, 0, 1)",
            &Format::new(),
        )?;
        row += 2;
        let take =
            |i: usize| -> Vec<(u32, Vec<f64>)> { groups.iter().map(|g| g[i].clone()).collect() };
        let titles = [
            (
                "Redundancy pay (before uplift)",
                "part of department costs and of transfers",
            ),
            ("Lost earnings LE_t", "sum over groups"),
            ("Local knock-on LK_t", "sum over groups"),
            ("Wellbeing WB_t", "sum over groups"),
            (
                "Exchequer cost XC_t",
                "sum over groups; not part of social cost",
            ),
        ];
        let mut total_rows = [0u32; 5];
        for (i, (label, detail)) in titles.iter().enumerate() {
            self.sum_line(
                &mut dw,
                row,
                &Line {
                    label,
                    detail,
                    bold: true,
                },
                &take(i),
            )?;
            total_rows[i] = row;
            row += 1;
        }
        self.totals.redundancy = total_rows[0];
        self.totals.lost_earnings = total_rows[1];
        self.totals.local_knock_on = total_rows[2];
        self.totals.wellbeing = total_rows[3];
        self.totals.exchequer_cost = total_rows[4];

        // Closures.
        let mut cl = self.year_sheet(
            CLOSURES,
            "Office closures: one-off costs, property savings and public access (£)",
        )?;
        let mut row = FIRST_LINE_ROW;
        let (mut one_offs, mut property, mut access) = (Vec::new(), Vec::new(), Vec::new());
        for (c, oc) in plan.closures.iter().zip(&s.office_closures) {
            let y = c.year;
            let inside = y >= 0 && y < h as i64;
            ws_label(&mut cl, row, &oc.label, &self.fmt.bold)?;
            row += 1;
            let n = |p: usize| self.names[p].clone();
            let oo = |t: usize| {
                (inside && t as i64 == y).then(|| F {
                    formula: format!(
                        "{}*{}+{}*{}",
                        n(c.offices),
                        n(c.closure_cost_per_office),
                        n(c.staff_relocated),
                        n(c.relocation_cost_per_person)
                    ),
                    value: x[c.offices] * x[c.closure_cost_per_office]
                        + x[c.staff_relocated] * x[c.relocation_cost_per_person],
                })
            };
            let ps = |t: usize| {
                (inside && t as i64 > y).then(|| F {
                    formula: format!("{}*{}", n(c.offices), n(c.running_cost_per_office)),
                    value: x[c.offices] * x[c.running_cost_per_office],
                })
            };
            let pa = |t: usize| {
                (inside && t as i64 > y).then(|| F {
                    formula: n(c.public_access_cost),
                    value: x[c.public_access_cost],
                })
            };
            let v = |cf: &dyn Fn(usize) -> Option<F>| -> Vec<f64> {
                (0..h).map(|t| cf(t).map_or(0.0, |c| c.value)).collect()
            };
            one_offs.push((row, v(&oo)));
            self.line(&mut cl, row, &Line { label: "  Closure and relocation costs (before uplift)", detail: "offices × closure cost + staff relocated × relocation cost, in the closure year", bold: false }, oo)?;
            property.push((row + 1, v(&ps)));
            self.line(
                &mut cl,
                row + 1,
                &Line {
                    label: "  Running costs saved (before haircut)",
                    detail: "offices × running cost, each year after the closure",
                    bold: false,
                },
                ps,
            )?;
            access.push((row + 2, v(&pa)));
            self.line(
                &mut cl,
                row + 2,
                &Line {
                    label: "  Public access cost",
                    detail: "each year after the closure",
                    bold: false,
                },
                pa,
            )?;
            row += 4;
        }
        self.sum_line(
            &mut cl,
            row,
            &Line {
                label: "Closure one-offs (before uplift)",
                detail: "part of department costs",
                bold: true,
            },
            &one_offs,
        )?;
        self.sum_line(
            &mut cl,
            row + 1,
            &Line {
                label: "Running costs saved (before haircut)",
                detail: "sum over closures",
                bold: false,
            },
            &property,
        )?;
        let ps_after = &self.pack.results.lines.property_savings;
        let before_row = row + 1;
        self.line(
            &mut cl,
            row + 2,
            &Line {
                label: "Property savings PS_t",
                detail: "× (1 − savings haircut)",
                bold: true,
            },
            |t| {
                f(
                    format!(
                        "(1-{haircut})*{}",
                        cell(before_row, FIRST_YEAR_COL + t as u16)
                    ),
                    ps_after[t],
                )
            },
        )?;
        self.sum_line(
            &mut cl,
            row + 3,
            &Line {
                label: "Public access PA_t",
                detail: "part of social cost",
                bold: true,
            },
            &access,
        )?;
        self.totals.one_offs = row;
        self.totals.property_savings = row + 2;
        self.totals.public_access = row + 3;

        // Data risks.
        let mut dr = self.year_sheet(
            DATA,
            "Data risks: expected harm to people and regulatory fines (£)",
        )?;
        let mut row = FIRST_LINE_ROW;
        let (mut harm, mut fine) = (Vec::new(), Vec::new());
        for (r, risk) in plan.data_risks.iter().zip(&s.data_risks) {
            let end = r.to.map_or(h as i64, |to| (to + 1).min(h as i64));
            let live = |t: usize| (t as i64) >= r.from.max(0) && (t as i64) < end;
            let n = |p: usize| self.names[p].clone();
            ws_label(&mut dr, row, &risk.label, &self.fmt.bold)?;
            row += 1;
            let p = x[r.annual_probability];
            let dh = |t: usize| {
                live(t).then(|| F {
                    formula: format!(
                        "{}*{}*{}*{}",
                        n(r.annual_probability),
                        n(r.records),
                        n(r.exposed_share),
                        n(r.harm_per_record)
                    ),
                    value: p * (x[r.records] * x[r.exposed_share] * x[r.harm_per_record]),
                })
            };
            let rf = |t: usize| {
                live(t).then(|| F {
                    formula: format!("{}*{}", n(r.annual_probability), n(r.regulatory_fine)),
                    value: p * x[r.regulatory_fine],
                })
            };
            let v = |cf: &dyn Fn(usize) -> Option<F>| -> Vec<f64> {
                (0..h).map(|t| cf(t).map_or(0.0, |c| c.value)).collect()
            };
            harm.push((row, v(&dh)));
            self.line(
                &mut dr,
                row,
                &Line {
                    label: "  Data harm",
                    detail: "annual probability × records × exposed share × harm per record",
                    bold: false,
                },
                dh,
            )?;
            fine.push((row + 1, v(&rf)));
            self.line(
                &mut dr,
                row + 1,
                &Line {
                    label: "  Regulatory fine",
                    detail: "annual probability × fine; paid by the department to the Exchequer",
                    bold: false,
                },
                rf,
            )?;
            row += 3;
        }
        self.sum_line(
            &mut dr,
            row,
            &Line {
                label: "Data harm DH_t",
                detail: "part of social cost",
                bold: true,
            },
            &harm,
        )?;
        self.sum_line(
            &mut dr,
            row + 1,
            &Line {
                label: "Regulatory fines RF_t",
                detail: "department cost; a transfer inside the UK",
                bold: true,
            },
            &fine,
        )?;
        self.totals.data_harm = row;
        self.totals.regulatory_fines = row + 1;

        Ok(vec![savings, costs, fines, dw, cl, dr])
    }

    fn results(&self) -> Result<Worksheet, WorkbookError> {
        let r = &self.pack.results;
        let l = &r.lines;
        let plan = &self.pack.plan;
        let tt = &self.totals;
        let uplift = self.name(plan.costs_uplift).to_owned();
        let mut ws = self.year_sheet(
            RESULTS,
            "Results: every line by year, and the headline (£, real terms)",
        )?;
        ws.write_string_with_format(YEAR_ROW, 1, "Key in report --json", &self.fmt.header)?;
        let at = |sheet: &str, row: u32, t: usize| on(sheet, row, FIRST_YEAR_COL + t as u16);
        let here = |row: u32, t: usize| cell(row, FIRST_YEAR_COL + t as u16);
        let row0 = FIRST_LINE_ROW;
        // (label, key, formula per year, values)
        type Rule<'r> = Box<dyn Fn(usize) -> String + 'r>;
        let rows: Vec<(&str, &str, Rule, &[f64])> = vec![
            (
                "Discount factor",
                "discount_factor",
                Box::new(|t| at(DISCOUNTING, tt.discount_factors, t)),
                &l.discount_factor,
            ),
            (
                "Savings S",
                "savings",
                Box::new(|t| at(SAVINGS, tt.savings, t)),
                &l.savings,
            ),
            (
                "Property savings PS",
                "property_savings",
                Box::new(|t| at(CLOSURES, tt.property_savings, t)),
                &l.property_savings,
            ),
            (
                "Fines received FI",
                "fines_received",
                Box::new(|t| at(FINES, tt.fines_received, t)),
                &l.fines_received,
            ),
            (
                "Department costs DC",
                "department_costs",
                Box::new(|t| {
                    format!(
                        "(1+{uplift})*({}+{}+{})+{}+{}",
                        at(COSTS, tt.cost_flows, t),
                        at(DISPLACED, tt.redundancy, t),
                        at(CLOSURES, tt.one_offs, t),
                        at(FINES, tt.fines_paid, t),
                        at(DATA, tt.regulatory_fines, t)
                    )
                }),
                &l.department_costs,
            ),
            (
                "Net savings NS",
                "net_savings",
                Box::new(|t| {
                    format!(
                        "{}+{}+{}-{}",
                        here(row0 + 1, t),
                        here(row0 + 2, t),
                        here(row0 + 3, t),
                        here(row0 + 4, t)
                    )
                }),
                &l.net_savings,
            ),
            (
                "Lost earnings LE",
                "lost_earnings",
                Box::new(|t| at(DISPLACED, tt.lost_earnings, t)),
                &l.lost_earnings,
            ),
            (
                "Local knock-on LK",
                "local_knock_on",
                Box::new(|t| at(DISPLACED, tt.local_knock_on, t)),
                &l.local_knock_on,
            ),
            (
                "Wellbeing WB",
                "wellbeing",
                Box::new(|t| at(DISPLACED, tt.wellbeing, t)),
                &l.wellbeing,
            ),
            (
                "Data harm DH",
                "data_harm",
                Box::new(|t| at(DATA, tt.data_harm, t)),
                &l.data_harm,
            ),
            (
                "Public access PA",
                "public_access",
                Box::new(|t| at(CLOSURES, tt.public_access, t)),
                &l.public_access,
            ),
            (
                "Social cost SC",
                "social_cost",
                Box::new(|t| format!("SUM({}:{})", here(row0 + 6, t), here(row0 + 10, t))),
                &l.social_cost,
            ),
            (
                "Transfers inside the UK TR",
                "transfers",
                Box::new(|t| {
                    format!(
                        "(1+{uplift})*{}+{}",
                        at(DISPLACED, tt.redundancy, t),
                        at(DATA, tt.regulatory_fines, t)
                    )
                }),
                &l.transfers,
            ),
            (
                "Net social value NSV",
                "net_social_value",
                Box::new(|t| {
                    format!(
                        "{}+{}-{}",
                        here(row0 + 5, t),
                        here(row0 + 12, t),
                        here(row0 + 11, t)
                    )
                }),
                &l.net_social_value,
            ),
            (
                "Exchequer cost XC",
                "exchequer_cost",
                Box::new(|t| at(DISPLACED, tt.exchequer_cost, t)),
                &l.exchequer_cost,
            ),
            (
                "Exchequer net EX",
                "exchequer_net",
                Box::new(|t| {
                    format!(
                        "{}+{}-{}",
                        here(row0 + 5, t),
                        at(DATA, tt.regulatory_fines, t),
                        here(row0 + 14, t)
                    )
                }),
                &l.exchequer_net,
            ),
            (
                "Cumulative discounted NSV",
                "cumulative_discounted_net_social_value",
                Box::new(|t| {
                    let this = format!("{}*{}", here(row0, t), here(row0 + 13, t));
                    if t == 0 {
                        this
                    } else {
                        format!("{}+{this}", here(row0 + 16, t - 1))
                    }
                }),
                &l.cumulative_discounted_net_social_value,
            ),
        ];
        for (i, (label, key, rule, values)) in rows.iter().enumerate() {
            let row = row0 + i as u32;
            let bold = matches!(
                *key,
                "net_savings" | "social_cost" | "net_social_value" | "exchequer_net"
            );
            let shown = if i == 0 { Shown::Factor } else { Shown::Pounds };
            self.line_shown(
                &mut ws,
                row,
                &Line {
                    label,
                    detail: key,
                    bold,
                },
                shown,
                |t| f(rule(t), values[t]),
            )?;
        }
        // Payback: does cumulative NSV stay ≥ 0 from this year to the end?
        let stays = row0 + rows.len() as u32;
        let cum = row0 + 16;
        let mut from_here = vec![false; self.h];
        let mut ok = true;
        for t in (0..self.h).rev() {
            ok = ok && l.cumulative_discounted_net_social_value[t] >= 0.0;
            from_here[t] = ok;
        }
        ws.write_string(stays, 0, "Stays ≥ 0 from this year on")?;
        ws.write_string(stays, 1, "for the payback year")?;
        for t in 0..self.h {
            let c = FIRST_YEAR_COL + t as u16;
            let formula = if t + 1 == self.h {
                format!("={}>=0", cell(cum, c))
            } else {
                format!("=AND({}>=0,{})", cell(cum, c), cell(stays, c + 1))
            };
            ws.write_formula(
                stays,
                c,
                Formula::new(formula).set_result(if from_here[t] { "TRUE" } else { "FALSE" }),
            )?;
        }

        // The headline.
        let mut row = stays + 2;
        let last = FIRST_YEAR_COL + self.h as u16 - 1;
        let span = |line: u32| {
            format!(
                "{}:{}",
                absolute(line, FIRST_YEAR_COL),
                absolute(line, last)
            )
        };
        ws.write_string_with_format(row, 0, "Headline", &self.fmt.header)?;
        ws.write_string_with_format(row, 1, "Key in report --json", &self.fmt.header)?;
        ws.write_string_with_format(row, 2, "£", &self.fmt.header)?;
        ws.write_string_with_format(row, 3, "£m", &self.fmt.header)?;
        row += 1;
        let headline = [
            (
                "Net savings (department)",
                "net_savings",
                row0 + 5,
                r.npv.net_savings,
                r.cash.net_savings,
            ),
            (
                "Social cost",
                "social_cost",
                row0 + 11,
                r.npv.social_cost,
                r.cash.social_cost,
            ),
            (
                "Transfers inside the UK",
                "transfers",
                row0 + 12,
                r.npv.transfers,
                r.cash.transfers,
            ),
            (
                "Net social value (UK)",
                "net_social_value",
                row0 + 13,
                r.npv.net_social_value,
                r.cash.net_social_value,
            ),
            (
                "Exchequer net",
                "exchequer_net",
                row0 + 15,
                r.npv.exchequer_net,
                r.cash.exchequer_net,
            ),
        ];
        let mut npv_rows = Vec::new();
        for (basis, prefix) in [("NPV", "npv"), ("Cash", "cash")] {
            for (label, key, line, npv, cash) in headline {
                let (formula, value) = if prefix == "npv" {
                    (format!("=SUMPRODUCT(discount_factors,{})", span(line)), npv)
                } else {
                    (format!("=SUM({})", span(line)), cash)
                };
                ws.write_string(row, 0, &format!("{basis} of {}", label.to_lowercase()))?;
                ws.write_string(row, 1, &format!("{prefix}.{key}"))?;
                ws.write_formula_with_format(
                    row,
                    2,
                    Formula::new(formula).set_result(number(value)),
                    &self.fmt.pounds_bold,
                )?;
                ws.write_formula_with_format(
                    row,
                    3,
                    Formula::new(format!("={}", cell(row, 2))).set_result(number(value)),
                    &self.fmt.millions,
                )?;
                if prefix == "npv" {
                    npv_rows.push(row);
                }
                row += 1;
            }
        }
        let years = format!(
            "{}:{}",
            absolute(YEAR_ROW, FIRST_YEAR_COL),
            absolute(YEAR_ROW, last)
        );
        ws.write_string(row, 0, "Payback year")?;
        ws.write_string(row, 1, "payback_year")?;
        ws.write_formula(
            row,
            2,
            Formula::new(format!(
                "=IFERROR(INDEX({years},MATCH(TRUE,{},0)),\"none\")",
                span(stays)
            ))
            .set_result(
                r.payback_year
                    .map_or_else(|| "none".to_owned(), |y| y.to_string()),
            ),
        )?;
        row += 1;
        ws.write_string(row, 0, "Social cost per £ of net savings")?;
        ws.write_string(row, 1, "social_cost_per_pound_saved")?;
        ws.write_formula_with_format(
            row,
            2,
            Formula::new(format!(
                "=IF({ns}>=1,{sc}/{ns},\"n/a\")",
                ns = cell(npv_rows[0], 2),
                sc = cell(npv_rows[1], 2)
            ))
            .set_result(
                r.social_cost_per_pound_saved
                    .map_or_else(|| "n/a".to_owned(), number),
            ),
            &self.fmt.factor,
        )?;
        row += 2;

        // The claim and its readings.
        ws.write_string_with_format(row, 0, "The claim", &self.fmt.header)?;
        ws.write_string_with_format(row, 1, "Key in report --json", &self.fmt.header)?;
        ws.write_string_with_format(row, 2, "£", &self.fmt.header)?;
        ws.write_string_with_format(row, 3, "ratio to the claim", &self.fmt.header)?;
        row += 1;
        match (&r.claim, tt.claim_savings) {
            (Some(c), Some(claim_row)) => {
                let a = (c.first_year - r.start_year) as u16 + FIRST_YEAR_COL;
                let b = (c.last_year - r.start_year) as u16 + FIRST_YEAR_COL;
                let range = |line: u32| format!("{}:{}", absolute(line, a), absolute(line, b));
                let sheet_range = |sheet: &str, line: u32| format!("'{sheet}'!{}", range(line));
                let df = format!("'{DISCOUNTING}'!{}", range(tt.discount_factors));
                ws.write_string(
                    row,
                    0,
                    &format!(
                        "Claimed, {}–{} (before optimism bias)",
                        c.first_year, c.last_year
                    ),
                )?;
                ws.write_string(row, 1, "claim.claimed")?;
                let claimed_cell = cell(row, 2);
                ws.write_formula_with_format(
                    row,
                    2,
                    Formula::new(format!("=SUM({})", sheet_range(SAVINGS, claim_row)))
                        .set_result(number(c.claimed)),
                    &self.fmt.pounds_bold,
                )?;
                row += 1;
                for reading in &c.readings {
                    let formula = match reading.reading {
                        Reading::Gross => {
                            format!("SUM({})+SUM({})", range(row0 + 1), range(row0 + 2))
                        }
                        Reading::Net => format!("SUM({})", range(row0 + 5)),
                        Reading::NetPresentValue => format!("SUMPRODUCT({df},{})", range(row0 + 5)),
                        Reading::NetSocial => format!("SUM({})", range(row0 + 13)),
                    };
                    let words = reading.reading.words();
                    ws.write_string(row, 0, &format!("Modelled, read {words}"))?;
                    ws.write_string(row, 1, &format!("claim.readings.{}", reading.reading.key()))?;
                    ws.write_formula_with_format(
                        row,
                        2,
                        Formula::new(format!("={formula}")).set_result(number(reading.modelled)),
                        &self.fmt.pounds,
                    )?;
                    ws.write_formula_with_format(
                        row,
                        3,
                        Formula::new(format!(
                            "=IF(ABS({claimed_cell})>=1,{}/{claimed_cell},\"n/a\")",
                            cell(row, 2)
                        ))
                        .set_result(reading.ratio.map_or_else(|| "n/a".to_owned(), number)),
                        &self.fmt.percent,
                    )?;
                    row += 1;
                }
                ws.write_string(
                    row,
                    0,
                    "The claim years are where the claim flows are not zero; they are fixed here.",
                )?;
            }
            _ => {
                ws.write_string(row, 0, "No savings flow is marked as the claim, or the claim flows have no year inside the horizon.")?;
            }
        }
        ws.set_column_width(1, 40)?;
        ws.set_column_width(3, 14)?;
        Ok(ws)
    }

    fn monte_carlo(&self) -> Result<Worksheet, WorkbookError> {
        let mut ws = self.sheet(
            "Monte Carlo",
            "Monte Carlo, tornado and break-even: VALUES from the program, not formulas",
        )?;
        ws.write_string_with_format(
            2,
            0,
            "These do not change when an input on the Inputs sheet does: a spreadsheet cannot redraw them. Run Counterweight again.",
            &self.fmt.bold,
        )?;
        let mut row = 4;
        let pack = self.pack;
        match &pack.monte_carlo {
            Some(m) => {
                ws.write_string(
                    row,
                    0,
                    &format!("{} draws, seed {}; NPV in £", m.draws, m.seed),
                )?;
                row += 1;
                for (c, h) in ["", "mean", "P5", "P10", "P50", "P90", "P95"]
                    .iter()
                    .enumerate()
                {
                    ws.write_string_with_format(row, c as u16, *h, &self.fmt.header)?;
                }
                row += 1;
                for (name, s) in [
                    ("Net savings (department)", &m.net_savings),
                    ("Social cost", &m.social_cost),
                    ("Net social value (UK)", &m.net_social_value),
                    ("Exchequer net", &m.exchequer_net),
                ] {
                    ws.write_string(row, 0, name)?;
                    for (c, v) in [s.mean, s.p5, s.p10, s.p50, s.p90, s.p95]
                        .iter()
                        .enumerate()
                    {
                        ws.write_number_with_format(row, 1 + c as u16, *v, &self.fmt.pounds)?;
                    }
                    row += 1;
                }
                ws.write_string(row, 0, "Chance net social value is positive")?;
                ws.write_number_with_format(
                    row,
                    1,
                    m.probability_net_social_value_positive,
                    &self.fmt.percent,
                )?;
                row += 2;
            }
            None => {
                ws.write_string(row, 0, "Monte Carlo was not run.")?;
                row += 2;
            }
        }
        ws.write_string_with_format(row, 0, "What matters most (tornado): NPV of net social value with one input at its low and its high, all else central", &self.fmt.bold)?;
        row += 1;
        for (c, h) in ["Input", "Low", "High", "NPV at low", "NPV at high", "Swing"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row, c as u16, *h, &self.fmt.header)?;
        }
        row += 1;
        for b in &pack.tornado {
            ws.write_string(row, 0, &b.label)?;
            ws.write_number_with_format(row, 1, b.low, &self.fmt.number)?;
            ws.write_number_with_format(row, 2, b.high, &self.fmt.number)?;
            ws.write_number_with_format(row, 3, b.npv_at_low, &self.fmt.pounds)?;
            ws.write_number_with_format(row, 4, b.npv_at_high, &self.fmt.pounds)?;
            ws.write_number_with_format(row, 5, b.swing(), &self.fmt.pounds)?;
            row += 1;
        }
        row += 1;
        if let Some(be) = &pack.break_even {
            ws.write_string_with_format(
                row,
                0,
                "What has to be true (break-even)",
                &self.fmt.bold,
            )?;
            row += 1;
            ws.write_string(row, 0, &be.sentence())?;
        }
        ws.set_column_width(0, 48)?;
        for c in 1..7 {
            ws.set_column_width(c, 16)?;
        }
        Ok(ws)
    }
}

fn ws_label(ws: &mut Worksheet, row: u32, text: &str, fmt: &Format) -> Result<(), WorkbookError> {
    ws.write_string_with_format(row, 0, text, fmt)?;
    Ok(())
}

/// A cached value as the file stores it: shortest text that reads back the same.
fn number(v: f64) -> String {
    if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_numbers_read_back_exactly() {
        for v in [0.1 + 0.2, 1e-17, 123_456_789.123_456_7, -0.0] {
            let s = number(v);
            assert_eq!(
                s.parse::<f64>().ok(),
                Some(if v == 0.0 { 0.0 } else { v }),
                "{s}"
            );
        }
        assert_eq!(super::super::cells::column(FIRST_YEAR_COL), "C");
    }
}
