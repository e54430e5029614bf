//! The results side: headline figures in words, the charts, the yearly
//! table and the comparison of open scenarios. Everything shown comes from
//! the tab's last valid [`Results`].

use egui::accesskit::Role;
use egui::{RichText, Ui};

use super::a11y;

use super::analysis::Analysis;
use super::command::{Command, CommandQueue};
use super::plot;
use super::tab::Tab;
use super::ui_command::{Entry, Menu, UiCommand};
use super::view::View;
use crate::chart::{Basis, Chart};
use crate::model::Results;
use crate::report::{claim_sentence, pence, pounds};

/// About the height of the open uncertainty panel, the choice of view and a
/// chart's title, subtitle, source line and markings: all but the plot.
const UNCERTAINTY_AND_CHART_FRAME: f32 = 320.0;

/// What the results show: the view, and charts in present values or cash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub view: View,
    pub discounted: bool,
}

/// Draws the results of `tab` (and of every tab, for Compare) as `shown`.
/// Choosing another view or basis sends it as a command; this frame
/// already draws what was chosen.
pub fn results_ui(
    ui: &mut Ui,
    tab: &Tab,
    tabs: &[Tab],
    shown: Shown,
    analysis: &Analysis,
    commands: &mut CommandQueue,
) {
    let Shown {
        mut view,
        mut discounted,
    } = shown;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            super::a11y::clip(ui, "Results contents");
            // Where a chart ends so that it, its source line and the warnings
            // header fit the visible height. Measured from the top of the
            // content (not the scrolled view), so scrolling never resizes it.
            let warnings = if tab.results.warnings.is_empty() {
                0.0
            } else {
                8.0 + ui.spacing().interact_size.y + ui.spacing().item_spacing.y
            };
            let bottom = ui.max_rect().top() + ui.clip_rect().height() - warnings;
            problems_ui(ui, tab);
            headline_ui(ui, &tab.valid_scenario, &tab.results);
            ui.add_space(4.0);
            // The uncertainty panel starts open only where the chart below
            // it still gets a plot of 300 points; closed, its header still
            // gives the chance of a gain.
            let roomy = bottom - ui.cursor().top() >= UNCERTAINTY_AND_CHART_FRAME + 300.0;
            analysis.panel_ui(ui, tab, roomy, commands);
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                a11y::region(ui, Role::TabList, "Results views");
                for v in View::ALL {
                    let selected = view == v;
                    let resp = ui.selectable_value(&mut view, v, v.name());
                    a11y::tab(&resp, v.name(), selected);
                }
            });
            ui.separator();
            // The basis, where the view has one, and "Show as table" beside
            // every chart, on one line.
            let table_id = ui.make_persistent_id(("show as table", view.name()));
            let mut as_table = ui.data(|d| d.get_temp::<bool>(table_id)).unwrap_or(false);
            if view != View::Table {
                ui.horizontal(|ui| {
                    if view.has_basis() {
                        for (on, name) in [
                            (true, "Discounted (present value)"),
                            (false, "Cash (undiscounted)"),
                        ] {
                            let selected = discounted == on;
                            let resp = ui.selectable_value(&mut discounted, on, name);
                            a11y::radio(&resp, name, selected);
                        }
                        ui.separator();
                    }
                    let toggle = ui
                        .checkbox(&mut as_table, "Show as table")
                        .on_hover_text("The numbers this chart draws, as a table under it");
                    a11y::name(&toggle, &format!("Show as table: {}", view.name()));
                    if toggle.changed() {
                        ui.data_mut(|d| d.insert_temp(table_id, as_table));
                    }
                });
            }
            let basis = if discounted {
                Basis::Discounted
            } else {
                Basis::Cash
            };
            match view {
                View::Table => table_ui(ui, &tab.results),
                View::Tornado if analysis.tornado(tab).is_none() => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Working out what matters most…");
                    });
                }
                View::Tornado if analysis.tornado(tab).is_some_and(<[_]>::is_empty) => {
                    ui.label(
                        "No input is uncertain yet. Make a number a range (choose “range” next to it and give a \
                         low, central and high value) to see which inputs move net social value most.",
                    );
                }
                View::Compare => {
                    let chart = view.chart(tab, tabs, basis, analysis);
                    compare_ui(ui, tabs, chart, bottom, as_table);
                }
                View::Range | View::Histogram => {
                    analysis.chart_ui(ui, tab, view, bottom, as_table);
                }
                View::Headline | View::Breakdown | View::Waterfall | View::Tornado => {
                    if let Some(chart) = view.chart(tab, tabs, basis, analysis) {
                        // On screen, the inputs that matter most; the export has them all.
                        let chart = if view == View::Tornado {
                            chart.tornado_top(15)
                        } else {
                            chart
                        };
                        chart_ui(ui, &chart, bottom, as_table);
                    }
                }
            }
            warnings_ui(ui, &tab.results);
            super::a11y::follow_focus(ui);
        });
    if view != shown.view {
        commands.push(Command::SetView(view));
    }
    if discounted != shown.discounted {
        commands.push(Command::SetDiscounted(discounted));
    }
}

/// Errors in the scenario: the results shown are from before them.
fn problems_ui(ui: &mut Ui, tab: &Tab) {
    if !tab.has_errors() {
        return;
    }
    let errors: Vec<_> = tab.diagnostics.iter().filter(|d| d.is_error()).collect();
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.5, ui.visuals().error_fg_color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.colored_label(
            ui.visuals().error_fg_color,
            RichText::new(format!(
                "⚠ {} in the scenario — the figures below are from the last version without problems",
                crate::scenario::names::count(errors.len(), "problem", "problems")
            ))
            .strong(),
        );
        for d in errors.iter().take(8) {
            ui.label(format!("• {}", d.message));
        }
    });
    ui.add_space(6.0);
}

fn warnings_ui(ui: &mut Ui, r: &Results) {
    if r.warnings.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(format!("Warnings ({})", r.warnings.len()))
        .id_salt("warnings")
        .show(ui, |ui| {
            for w in &r.warnings {
                ui.label(format!("• {w}"));
            }
        });
}

/// One headline figure: the name, the value large, and what it means.
fn figure_ui(ui: &mut Ui, width: f32, name: &str, value: &str, meaning: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(width);
        ui.set_min_height(78.0);
        ui.vertical(|ui| {
            ui.label(RichText::new(name).strong());
            let resp = ui.label(RichText::new(value).size(24.0).strong());
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, format!("{name}: {value}"))
            });
            ui.add(egui::Label::new(RichText::new(meaning).small()).wrap());
        });
    });
}

/// The four NPVs, payback, social cost per pound and the claim check in words.
pub fn headline_ui(ui: &mut Ui, s: &crate::scenario::Scenario, r: &Results) {
    let central = s.settings.central;
    // An empty scenario says so, rather than "pays back in 2026".
    if let Some(nothing) = crate::report::nothing_to_weigh(s, r) {
        ui.label(RichText::new(nothing).size(15.0).strong());
    }
    if let Some(c) = &r.claim {
        let mut s = claim_sentence(c);
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        ui.label(RichText::new(s).size(15.0).strong());
        // A claim rarely says whether it is gross or net, cash or present
        // value: each reading in one line, the sentence on hover.
        ui.add(
            egui::Label::new(
                RichText::new(format!("{} {}.", readings_line(c), central_line(central))).small(),
            )
            .wrap(),
        )
        .on_hover_text(format!(
            "{} {}",
            crate::report::readings_sentence(c),
            central_hover(central)
        ));
    } else {
        ui.label(
            RichText::new(
                "No saving is marked as the department's claim, so there is no claim check.",
            )
            .italics(),
        );
        central_ui(ui, central);
    }
    let figures: [(&str, String, String); 4] = [
        (
            "Net savings",
            pounds(r.npv.net_savings),
            "Present value to the department: savings, fines less costs".into(),
        ),
        (
            "Social cost",
            pounds(r.npv.social_cost),
            "Present value: lost earnings, knock-on, wellbeing, data harm, public access".into(),
        ),
        (
            "Net social value",
            pounds(r.npv.net_social_value),
            nsv_meaning(r.npv.transfers),
        ),
        (
            "Exchequer net",
            pounds(r.npv.exchequer_net),
            "Net savings less lost tax and extra benefits".into(),
        ),
    ];
    // Four across where they fit, else two: the cards never run off the side.
    let spacing = ui.spacing().item_spacing.x;
    let frame_extra = 14.0;
    let avail = ui.available_width();
    let per_row = if avail >= 4.0 * 150.0 + 3.0 * spacing {
        4
    } else {
        2
    };
    let width =
        ((avail - spacing * (per_row as f32 - 1.0)) / per_row as f32 - frame_extra).max(100.0);
    for row in figures.chunks(per_row) {
        ui.horizontal(|ui| {
            for (name, value, meaning) in row {
                figure_ui(ui, width, name, value, meaning);
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        let payback = crate::report::payback_words(s, r);
        ui.label(RichText::new(format!("Pays back for society: {payback}")).strong());
        ui.separator();
        let per_pound = r
            .social_cost_per_pound_saved
            .map_or_else(|| "— (no net savings)".to_owned(), |x| format!("£{x:.2}"));
        ui.label(RichText::new(format!("Social cost per £1 saved: {per_pound}")).strong());
        ui.separator();
        ui.label(format!(
            "Cash: modelled net savings {}, social cost {}",
            pounds(r.cash.net_savings),
            pounds(r.cash.social_cost)
        ));
    });
}

/// What the net social value card means, naming the transfers added back.
fn nsv_meaning(transfers: f64) -> String {
    if transfers.abs() < 0.5 {
        "Net savings less social cost: is the UK better off?".to_owned()
    } else {
        // Redundancy pay and fines to the Exchequer stay inside the UK.
        format!(
            "Net savings less social cost, {} of UK transfers added back",
            pounds(transfers)
        )
    }
}

/// How to change the central value, for hovers.
fn central_hover(central: crate::scenario::Central) -> &'static str {
    match central {
        crate::scenario::Central::Mode => {
            "The figures take each uncertain input at its most likely value; choose the \
             expected value in the editor's first section, Central value."
        }
        crate::scenario::Central::Mean => {
            "The figures take each uncertain input at its expected value, as the Green Book \
             asks; choose in the editor's first section, Central value."
        }
    }
}

/// Which central value the figures use, small, with how to change it on hover.
fn central_ui(ui: &mut Ui, central: crate::scenario::Central) {
    ui.label(RichText::new(central_line(central)).small())
        .on_hover_text(central_hover(central));
}

/// "Readings of the claim: gross 100 %, net 71 %, present value 63 %, net
/// social 59 %." — the four readings on one short line.
pub fn readings_line(c: &crate::model::ClaimCheck) -> String {
    let parts: Vec<String> = c
        .readings
        .iter()
        .map(|r| {
            let name = match r.reading {
                crate::model::Reading::Gross => "gross",
                crate::model::Reading::Net => "net",
                crate::model::Reading::NetPresentValue => "present value",
                crate::model::Reading::NetSocial => "net social value",
            };
            let pct = r
                .ratio
                .map_or_else(|| "no ratio".to_owned(), |x| format!("{:.0} %", x * 100.0));
            format!("{name} {pct}")
        })
        .collect();
    format!("Modelled as a share of the claim: {}.", parts.join(", "))
}

/// Which central value the figures above use.
pub fn central_line(central: crate::scenario::Central) -> &'static str {
    match central {
        crate::scenario::Central::Mode => "Central case: most likely values",
        crate::scenario::Central::Mean => "Central case: expected values",
    }
}

/// Picks one yearly line out of the results.
type LineOf = fn(&Results) -> &[f64];

/// Every line of the model, one row each, years across, with totals.
pub const LINES: [(&str, LineOf); 16] = [
    ("Savings", |r| &r.lines.savings),
    ("Property savings", |r| &r.lines.property_savings),
    ("Fines received", |r| &r.lines.fines_received),
    ("Department costs", |r| &r.lines.department_costs),
    ("Net savings", |r| &r.lines.net_savings),
    ("Lost earnings", |r| &r.lines.lost_earnings),
    ("Local knock-on", |r| &r.lines.local_knock_on),
    ("Wellbeing", |r| &r.lines.wellbeing),
    ("Data harm", |r| &r.lines.data_harm),
    ("Public access", |r| &r.lines.public_access),
    ("Social cost", |r| &r.lines.social_cost),
    ("Transfers inside the UK, added back", |r| {
        &r.lines.transfers
    }),
    ("Net social value", |r| &r.lines.net_social_value),
    ("Exchequer cost", |r| &r.lines.exchequer_cost),
    ("Exchequer net", |r| &r.lines.exchequer_net),
    ("Cumulative discounted NSV", |r| {
        &r.lines.cumulative_discounted_net_social_value
    }),
];

/// The year-by-year table: every line, totals first. A screen reader
/// reads each line as one row ("Savings: Total 100,000,000.00, NPV
/// 90,410,000.00, 2014 …"). Money to the penny, as in the audit workbook:
/// the table is where figures are checked, prose rounds to 3 figures.
pub fn table_ui(ui: &mut Ui, r: &Results) {
    ui.label(
        RichText::new(
            "£, real terms, to the penny; totals are cash (undiscounted) and NPV (discounted)",
        )
        .small(),
    );
    let mut header = vec!["Line".to_owned(), "Total".to_owned(), "NPV".to_owned()];
    header.extend((0..r.lines.horizon()).map(|t| r.year(t).to_string()));
    let mut factors = vec!["Discount factor".to_owned(), String::new(), String::new()];
    factors.extend(r.lines.discount_factor.iter().map(|d| format!("{d:.4}")));
    let mut rows = vec![(header, true), (factors, false)];
    for (name, line) in LINES {
        let v = line(r);
        let strong = matches!(name, "Net savings" | "Social cost" | "Net social value");
        let mut row = vec![name.to_owned()];
        if name.starts_with("Cumulative") {
            row.extend([String::new(), String::new()]);
        } else {
            row.push(pence(v.iter().sum()));
            row.push(pence(r.lines.npv(v)));
        }
        row.extend(v.iter().map(|x| pence(*x)));
        rows.push((row, strong));
    }
    let caption = "Year by year, £";
    egui::ScrollArea::horizontal().show(ui, |ui| {
        egui::Grid::new("year_table")
            .striped(true)
            .num_columns(r.lines.horizon() + 3)
            .min_col_width(52.0)
            .show(ui, |ui| {
                let mut table = a11y::Table::new(ui, caption, r.lines.horizon() + 3);
                let names = rows[0].0.clone();
                for (i, (row, strong)) in rows.iter().enumerate() {
                    let text = |s: &str| {
                        if *strong || i == 0 {
                            RichText::new(s).strong()
                        } else {
                            RichText::new(s)
                        }
                    };
                    let cells: Vec<_> = row.iter().map(|c| ui.label(text(c))).collect();
                    let line = if i == 0 {
                        format!("Columns: {}", names.join(", "))
                    } else {
                        row_line(&names, row)
                    };
                    if let Some((first, others)) = cells.split_first() {
                        table.row(first, &line, others);
                    }
                    ui.end_row();
                }
                table.finish(ui.ctx());
            });
    });
}

/// One headline figure of a scenario, as text.
type FigureOf = fn(&Results) -> String;

/// The headline figures of every open scenario side by side, then `chart`.
fn compare_ui(ui: &mut Ui, tabs: &[Tab], chart: Option<Chart>, bottom: f32, as_table: bool) {
    if tabs.len() < 2 {
        ui.label(format!(
            "Open another scenario ({} menu: {}, {} or {}) to compare them side by side.",
            Menu::File.title(),
            UiCommand::Open.text(),
            UiCommand::New.text(),
            Entry::Examples.title().unwrap_or_default(),
        ));
    }
    // Long titles wrap in narrow columns, and a row of many scenarios
    // scrolls sideways rather than running off the side.
    egui::ScrollArea::horizontal().show(ui, |ui| {
        egui::Grid::new("compare_table")
            .striped(true)
            .num_columns(tabs.len() + 1)
            .show(ui, |ui| {
                ui.label(RichText::new("NPV, £").strong());
                for t in tabs {
                    ui.vertical(|ui| {
                        ui.set_max_width(180.0);
                        ui.add(egui::Label::new(RichText::new(t.name()).strong()).wrap());
                    });
                }
                ui.end_row();
                let rows: [(&str, FigureOf); 6] = [
                    ("Net savings", |r| pounds(r.npv.net_savings)),
                    ("Social cost", |r| pounds(r.npv.social_cost)),
                    ("Net social value", |r| pounds(r.npv.net_social_value)),
                    ("Exchequer net", |r| pounds(r.npv.exchequer_net)),
                    ("Payback year", |r| {
                        r.payback_year
                            .map_or_else(|| "never".into(), |y| y.to_string())
                    }),
                    ("Modelled / claimed", |r| {
                        r.claim
                            .and_then(|c| c.ratio)
                            .map_or_else(|| "—".into(), |x| format!("{:.0} %", x * 100.0))
                    }),
                ];
                for (name, f) in rows {
                    ui.label(name);
                    for t in tabs {
                        ui.label(f(&t.results));
                    }
                    ui.end_row();
                }
            });
    });
    ui.add_space(8.0);
    if let Some(chart) = chart {
        chart_ui(ui, &chart, bottom, as_table);
    }
}

/// A chart, and with `as_table` ("Show as table", beside the chart's view)
/// the numbers it draws as a table under it, for reading them exactly or
/// with a screen reader.
pub fn chart_ui(ui: &mut Ui, chart: &Chart, bottom: f32, as_table: bool) {
    plot::chart_ui(ui, chart, bottom);
    if as_table {
        let data = crate::chart::chart_data(chart);
        egui::ScrollArea::horizontal()
            .id_salt(("chart table", chart.kind.name()))
            .show(ui, |ui| {
                lines_table_ui(ui, &format!("The numbers of: {}", chart.title), &data);
            });
    }
}

/// A table of text, its first row the header: a grid on screen, and to a
/// screen reader a table whose rows each read as one line ("Series: …,
/// From: …").
fn lines_table_ui(ui: &mut Ui, caption: &str, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    egui::Grid::new(caption)
        .striped(true)
        .num_columns(columns)
        .show(ui, |ui| {
            let mut table = a11y::Table::new(ui, caption, columns);
            let header = rows.first().cloned().unwrap_or_default();
            for (r, row) in rows.iter().enumerate() {
                let mut cells = row.iter().map(|c| {
                    if r == 0 {
                        ui.label(RichText::new(c).strong())
                    } else {
                        ui.label(c)
                    }
                });
                let Some(first) = cells.next() else { continue };
                let others: Vec<_> = cells.collect();
                let line = if r == 0 {
                    format!("Columns: {}", header.join(", "))
                } else {
                    row_line(&header, row)
                };
                table.row(&first, &line, &others);
                ui.end_row();
            }
            table.finish(ui.ctx());
        });
}

/// One row of a table in words: "Savings: Total £1.2m, NPV £1.1m, 2014 £0.1m".
fn row_line(header: &[String], row: &[String]) -> String {
    let mut cells = row.iter().zip(header).filter(|(c, _)| !c.is_empty());
    let Some((first, _)) = cells.next() else {
        return String::new();
    };
    let rest: Vec<String> = cells.map(|(c, h)| format!("{h} {c}")).collect();
    if rest.is_empty() {
        first.clone()
    } else {
        format!("{first}: {}", rest.join(", "))
    }
}
