//! Charts drawn with egui_plot in the Analysis Function palette. Colour is
//! never the only cue: every series has its own line style or marker, a
//! legend entry and a direct label, and hovering shows the exact value.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, PlotItem as _, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Text};

use crate::model::Results;
use crate::report::pounds;

/// The Government Analysis Function categorical palette, in order.
pub const PALETTE: [Color32; 6] = [
    Color32::from_rgb(0x12, 0x43, 0x6D),
    Color32::from_rgb(0x28, 0xA1, 0x97),
    Color32::from_rgb(0x80, 0x16, 0x50),
    Color32::from_rgb(0xF4, 0x6A, 0x25),
    Color32::from_rgb(0x3D, 0x3D, 0x3D),
    Color32::from_rgb(0xA2, 0x85, 0xD1),
];
const BLUE: Color32 = PALETTE[0];
const ORANGE: Color32 = PALETTE[3];
const GREY: Color32 = PALETTE[4];

/// The dark grey is unreadable on a dark background: lighten it there.
fn visible(ui: &Ui, c: Color32) -> Color32 {
    if ui.visuals().dark_mode && (c == GREY || c == BLUE) {
        if c == GREY { Color32::from_gray(0xD0) } else { Color32::from_rgb(0x5B, 0x9B, 0xD5) }
    } else {
        c
    }
}

fn title_ui(ui: &mut Ui, title: &str, subtitle: &str) {
    ui.label(RichText::new(title).strong().size(16.0));
    ui.label(RichText::new(subtitle).small());
}

fn base_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id)
        .height(height)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_label("£ million")
        .x_axis_formatter(|mark, _| if (mark.value.fract()).abs() < 1e-9 { format!("{:.0}", mark.value) } else { String::new() })
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => {
                Some(format!("{plot_name}\n{:.0}: {}", position.x.round(), pounds(position.y * 1e6)))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
}

fn bars(name: &str, r: &Results, values: &[f64], offset: f64, width: f64, color: Color32) -> BarChart {
    let bars = values
        .iter()
        .enumerate()
        .map(|(t, v)| Bar::new(f64::from(r.year(t)) + offset, v / 1e6).width(width).name(name))
        .collect();
    BarChart::new(name, bars).color(color).element_formatter(Box::new(|bar, chart| {
        format!("{}\n{:.0}: {}", chart.name(), bar.argument.round(), pounds(bar.value * 1e6))
    }))
}

fn cumulative(values: &[f64]) -> Vec<f64> {
    values.iter().scan(0.0, |acc, v| {
        *acc += v;
        Some(*acc)
    }).collect()
}

/// A line with markers and a direct label at its last point.
fn labelled_line(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    name: &str,
    r: &Results,
    values: &[f64],
    color: Color32,
    style: LineStyle,
    marker: MarkerShape,
) {
    let pts: Vec<[f64; 2]> = values.iter().enumerate().map(|(t, v)| [f64::from(r.year(t)), v / 1e6]).collect();
    plot_ui.line(Line::new(name, PlotPoints::from(pts.clone())).color(color).style(style).width(2.0));
    plot_ui.points(Points::new(name, PlotPoints::from(pts.clone())).color(color).shape(marker).radius(3.5).filled(true));
    if let Some(last) = pts.last() {
        plot_ui.text(
            Text::new(name, PlotPoint::new(last[0] + 0.15, last[1]), RichText::new(name).color(color).small())
                .anchor(egui::Align2::LEFT_CENTER),
        );
    }
}

/// Net savings against social cost per year (bars) and cumulatively (lines).
pub fn headline_ui(ui: &mut Ui, r: &Results, discounted: bool, height: f32) {
    let df = &r.lines.discount_factor;
    let scale = |v: &[f64]| -> Vec<f64> { v.iter().zip(df).map(|(x, d)| if discounted { x * d } else { *x }).collect() };
    let ns = scale(&r.lines.net_savings);
    let sc = scale(&r.lines.social_cost);
    let nsv = scale(&r.lines.net_social_value);
    let terms = if discounted { "discounted at Green Book rates (present value)" } else { "cash, undiscounted" };
    let verdict = if r.npv.net_social_value >= 0.0 { "the UK is better off" } else { "the UK is worse off" };
    title_ui(
        ui,
        &format!("Net savings of {} against a social cost of {}: {verdict}", pounds(r.npv.net_savings), pounds(r.npv.social_cost)),
        &format!("Per year (bars) and cumulative (lines), £ million, real terms, {terms}"),
    );
    let (blue, orange, grey) = (visible(ui, BLUE), visible(ui, ORANGE), visible(ui, GREY));
    base_plot("headline", height).show(ui, |plot_ui| {
        plot_ui.bar_chart(bars("Net savings in the year", r, &ns, -0.18, 0.34, blue));
        plot_ui.bar_chart(bars("Social cost in the year", r, &sc, 0.18, 0.34, orange));
        labelled_line(plot_ui, "Cumulative net savings", r, &cumulative(&ns), blue, LineStyle::Solid, MarkerShape::Circle);
        labelled_line(plot_ui, "Cumulative social cost", r, &cumulative(&sc), orange, LineStyle::dashed_loose(), MarkerShape::Diamond);
        labelled_line(plot_ui, "Cumulative net social value", r, &cumulative(&nsv), grey, LineStyle::dotted_dense(), MarkerShape::Square);
    });
}

/// Each year's gains (up) and losses (down) by line, with net social value.
pub fn breakdown_ui(ui: &mut Ui, r: &Results, height: f32) {
    let l = &r.lines;
    let add = |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(x, y)| x + y).collect() };
    let neg = |a: &[f64]| -> Vec<f64> { a.iter().map(|x| -x).collect() };
    let savings = add(&l.savings, &l.property_savings);
    let workers = add(&add(&l.lost_earnings, &l.local_knock_on), &l.wellbeing);
    title_ui(
        ui,
        "Where the net social value comes from, year by year",
        "Gains above the line, losses below, £ million, real terms, cash; the line is net social value",
    );
    let groups: [(&str, Vec<f64>, Color32); 6] = [
        ("Savings (incl. property)", savings, visible(ui, PALETTE[0])),
        ("Fines received", l.fines_received.clone(), PALETTE[1]),
        ("Department costs", neg(&l.department_costs), PALETTE[2]),
        ("Displaced workers (earnings, knock-on, wellbeing)", neg(&workers), PALETTE[3]),
        ("Data harm", neg(&l.data_harm), visible(ui, PALETTE[4])),
        ("Public access", neg(&l.public_access), PALETTE[5]),
    ];
    let grey = visible(ui, GREY);
    base_plot("breakdown", height).show(ui, |plot_ui| {
        let mut up: Vec<BarChart> = Vec::new();
        let mut down: Vec<BarChart> = Vec::new();
        for (name, values, color) in groups {
            if values.iter().all(|v| *v == 0.0) {
                continue;
            }
            let is_gain = values.iter().all(|v| *v >= 0.0);
            let chart = bars(name, r, &values, 0.0, 0.6, color);
            let stack = if is_gain { &mut up } else { &mut down };
            let chart = chart.stack_on(&stack.iter().collect::<Vec<_>>());
            stack.push(chart);
        }
        for c in up.into_iter().chain(down) {
            plot_ui.bar_chart(c);
        }
        labelled_line(plot_ui, "Net social value", r, &l.net_social_value, grey, LineStyle::dashed_loose(), MarkerShape::Square);
    });
}

/// From the department's claim to net social value, step by step (cash, whole horizon).
pub fn waterfall_ui(ui: &mut Ui, r: &Results, height: f32) {
    let l = &r.lines;
    let sum = |v: &[f64]| v.iter().sum::<f64>();
    let claimed = r.claim.map_or(0.0, |c| c.claimed);
    let savings = sum(&l.savings) + sum(&l.property_savings);
    let ns = sum(&l.net_savings);
    let steps: Vec<(&str, f64, bool)> = vec![
        ("Claimed", claimed, true),
        ("Other savings\nand haircut", savings - claimed, false),
        ("Fines\nreceived", sum(&l.fines_received), false),
        ("Department\ncosts", -sum(&l.department_costs), false),
        ("Net savings", ns, true),
        ("Lost earnings\nand knock-on", -(sum(&l.lost_earnings) + sum(&l.local_knock_on)), false),
        ("Wellbeing", -sum(&l.wellbeing), false),
        ("Data harm", -sum(&l.data_harm), false),
        ("Public access", -sum(&l.public_access), false),
        ("Net social\nvalue", sum(&l.net_social_value), true),
    ];
    title_ui(
        ui,
        &format!("From {} claimed to a net social value of {}", pounds(claimed), pounds(sum(&l.net_social_value))),
        "£ million, real terms, cash (undiscounted), whole horizon; totals in grey, rises and falls in colour",
    );
    let (blue, orange, grey) = (visible(ui, BLUE), visible(ui, ORANGE), visible(ui, GREY));
    let mut totals = Vec::new();
    let mut rises = Vec::new();
    let mut falls = Vec::new();
    let mut level = 0.0;
    let mut labels = Vec::new();
    for (i, (name, v, is_total)) in steps.iter().enumerate() {
        let x = i as f64;
        let name = name.replace('\n', " ");
        if *is_total {
            totals.push(Bar::new(x, v / 1e6).width(0.6).name(&name));
            level = *v;
            labels.push((x, v / 1e6, pounds(*v)));
        } else {
            let bar = Bar::new(x, v / 1e6).base_offset(level / 1e6).width(0.6).name(&name);
            if *v >= 0.0 { rises.push(bar) } else { falls.push(bar) }
            level += v;
            labels.push((x, level / 1e6, format!("{}{}", if *v >= 0.0 { "+" } else { "" }, pounds(*v))));
        }
    }
    let names: Vec<String> = steps.iter().map(|s| s.0.to_owned()).collect();
    let fmt = |bar: &Bar, _: &BarChart| format!("{}: {}", bar.name, pounds(bar.value * 1e6));
    Plot::new("waterfall")
        .height(height)
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_label("£ million")
        .y_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-9 && i >= 0.0 { names.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
        })
        .show_grid([false, true])
        .label_formatter(|_| None)
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(BarChart::new("Totals", totals).color(grey).element_formatter(Box::new(fmt)));
            plot_ui.bar_chart(BarChart::new("Adds to value", rises).color(blue).element_formatter(Box::new(fmt)));
            plot_ui.bar_chart(BarChart::new("Takes away value", falls).color(orange).element_formatter(Box::new(fmt)));
            for (x, y, text) in labels {
                plot_ui.text(Text::new("", PlotPoint::new(x, y), RichText::new(text).small()).anchor(egui::Align2::CENTER_BOTTOM));
            }
        });
}

/// Cumulative discounted net social value of several scenarios, overlaid.
pub fn compare_ui(ui: &mut Ui, scenarios: &[(String, &Results)], height: f32) {
    title_ui(
        ui,
        "Cumulative net social value of the open scenarios",
        "£ million, real terms, discounted at each scenario's own rates",
    );
    let styles = [LineStyle::Solid, LineStyle::dashed_loose(), LineStyle::dotted_dense(), LineStyle::dashed_dense()];
    let markers = [MarkerShape::Circle, MarkerShape::Diamond, MarkerShape::Square, MarkerShape::Up, MarkerShape::Cross, MarkerShape::Down];
    let colors: Vec<Color32> = PALETTE.iter().map(|c| visible(ui, *c)).collect();
    base_plot("compare", height).show(ui, |plot_ui| {
        for (i, (name, r)) in scenarios.iter().enumerate() {
            labelled_line(
                plot_ui,
                name,
                r,
                &r.lines.cumulative_discounted_net_social_value,
                colors[i % colors.len()],
                styles[i % styles.len()],
                markers[i % markers.len()],
            );
        }
    });
}
