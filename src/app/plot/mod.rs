//! Draws a core [`Chart`] description with `egui_plot`, so what is on screen is
//! what the exported briefing shows: the same title, subtitle, series,
//! colours, dashes, markers, direct labels, source line and marking. Hovering
//! shows exact values.
//!
//! The axes are in `axes`, the legend, line labels and footer in `labels`.

mod axes;
mod labels;
#[cfg(test)]
mod shape_tests;
#[cfg(test)]
mod thing_tests;

use egui::{Color32, RichText, Ui};
use egui_plot::{
    Bar, BarChart, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Polygon, Text,
};

use crate::chart::{Chart, Dash, Geometry, Marker, Rgb, palette};
use crate::report::pounds;
use axes::{bar_name, categories_keyed, category, letter, round_steps, thing_named, tick_value};
use labels::{DirectLabel, direct_labels_ui, footer_height, legend_ui};

/// The palette colour, lightened on a dark background where it would vanish.
fn color(ui: &Ui, rgb: Rgb) -> Color32 {
    let c = Color32::from_rgb(rgb.0, rgb.1, rgb.2);
    if !ui.visuals().dark_mode {
        return c;
    }
    match rgb {
        palette::DARK_GREY => Color32::from_gray(0xD0),
        palette::DARK_BLUE => Color32::from_rgb(0x5B, 0x9B, 0xD5),
        palette::DARK_PINK => Color32::from_rgb(0xD4, 0x5A, 0x9A),
        _ => c,
    }
}

fn line_style(d: Dash) -> LineStyle {
    match d {
        Dash::Solid => LineStyle::Solid,
        Dash::Dashed => LineStyle::dashed_loose(),
        Dash::Dotted => LineStyle::dotted_dense(),
    }
}

fn marker_shape(m: Marker) -> Option<MarkerShape> {
    match m {
        Marker::None => None,
        Marker::Circle => Some(MarkerShape::Circle),
        Marker::Square => Some(MarkerShape::Square),
        Marker::Triangle => Some(MarkerShape::Up),
        Marker::Diamond => Some(MarkerShape::Diamond),
    }
}

fn banner_ui(ui: &mut Ui, chart: &Chart) {
    let banner = chart.marking.banner();
    if !banner.is_empty() {
        ui.vertical_centered(|ui| ui.label(RichText::new(banner).strong().small()));
    }
}

/// "£12.3m" for hover text (`x` in £ million).
fn exact(x_m: f64) -> String {
    pounds(x_m * 1e6)
}

/// The shortest the plot area gets. Below this the legend and labels crowd
/// out the data, so in a short window the results scroll instead.
pub const MIN_PLOT_HEIGHT: f32 = 240.0;

/// Draws `chart`: marking, title, subtitle, the plot, source, marking. The
/// plot fills the height down to `bottom` (a y in `ui`'s coordinates), so
/// the source line and marking end there, but it is never shorter than
/// [`MIN_PLOT_HEIGHT`].
pub fn chart_ui(ui: &mut Ui, chart: &Chart, bottom: f32) {
    banner_ui(ui, chart);
    ui.label(RichText::new(&chart.title).strong().size(16.0));
    ui.label(RichText::new(&chart.subtitle).small());
    let source = RichText::new(&chart.source).small().weak();
    let height =
        (bottom - ui.cursor().top() - footer_height(ui, chart, &source)).max(MIN_PLOT_HEIGHT);
    // A line is named by a label at its end rather than in the legend, as in
    // the export; when there are too many labels to fit beside the plot, the
    // legend names them instead.
    let label_row = ui.text_style_height(&egui::TextStyle::Small) + 2.0;
    let labelled = chart
        .series
        .iter()
        .filter(|s| s.direct_label.is_some())
        .count();
    let direct_labels = labelled as f32 * label_row <= 0.9 * height;
    let legend_names: Vec<String> = chart
        .series
        .iter()
        .map(|s| match &s.direct_label {
            Some(label) if !direct_labels => label.clone(),
            Some(_) => String::new(),
            None => s.name.clone(),
        })
        .collect();
    // Hovering a line left out of the legend still names it.
    let unnamed_lines: Vec<(String, Vec<[f64; 2]>)> = chart
        .series
        .iter()
        .zip(&legend_names)
        .filter(|(_, legend)| legend.is_empty())
        .filter_map(|(s, _)| match &s.geometry {
            Geometry::Line { points } => Some((
                s.direct_label.clone().unwrap_or_else(|| s.name.clone()),
                points.clone(),
            )),
            _ => None,
        })
        .collect();
    let flip = if chart.y_categories.is_empty() {
        1.0
    } else {
        -1.0
    };
    // Step names that would not fit under their bars are lettered, with a
    // key under the plot, as in the export (egui_plot drops axis labels
    // that crowd each other).
    let keyed = categories_keyed(ui, &chart.x_categories);
    let x_categories: Vec<String> = if keyed {
        (0..chart.x_categories.len()).map(letter).collect()
    } else {
        chart.x_categories.clone()
    };
    let y_categories = chart.y_categories.clone();
    let years_across = x_categories.is_empty() && y_categories.is_empty();
    // The legend above the plot, as in the export: inside it, egui_plot's
    // legend covered the tornado's top bar.
    legend_ui(ui, chart, &legend_names);
    let key_text = keyed.then(|| {
        chart
            .x_categories
            .iter()
            .enumerate()
            // A no-break space: the row may wrap between entries, never
            // between a letter and its name ("J" at a line's end, "Net
            // social value" on the next, at 1280 × 720).
            .map(|(i, c)| format!("{}\u{a0}{c}", letter(i)))
            .collect::<Vec<_>>()
            .join("   ")
    });
    let key_height = key_text.as_ref().map_or(0.0, |k| {
        egui::WidgetText::from(RichText::new(k).small())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                ui.available_width(),
                egui::TextStyle::Small,
            )
            .size()
            .y
            + ui.spacing().item_spacing.y
    });
    // The unit above the axis, written across as in the export (egui_plot's
    // axis label ran into the top tick value).
    if !chart.y_label.is_empty() && chart.y_categories.is_empty() {
        ui.label(RichText::new(&chart.y_label).small());
        // The top tick's value is centred on the plot's top edge: clear it.
        ui.add_space(ui.text_style_height(&egui::TextStyle::Body) * 0.5);
    }
    let height = (bottom - ui.cursor().top() - footer_height(ui, chart, &source) - key_height)
        .max(MIN_PLOT_HEIGHT);
    let mut plot = Plot::new(("chart", chart.kind.name()))
        .height(height)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        // Lines across for values up; for the tornado's categories, lines
        // down at its values instead (a line across ran through the top
        // bar and its values).
        .show_grid([
            !chart.y_categories.is_empty(),
            chart.y_categories.is_empty(),
        ])
        .x_axis_label(chart.x_label.clone())
        .label_formatter(move |hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => {
                let at = if years_across {
                    format!("{:.0}", position.x.round())
                } else {
                    String::new()
                };
                let name = if plot_name.is_empty() {
                    // Where lines meet, the point is on each of them.
                    unnamed_lines
                        .iter()
                        .filter(|(_, pts)| {
                            pts.iter()
                                .any(|p| p[0] == position.x && flip * p[1] == position.y)
                        })
                        .map(|(name, _)| name.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    (*plot_name).to_owned()
                };
                Some(
                    format!("{name}\n{at}  {}", exact(position.y))
                        .trim()
                        .to_owned(),
                )
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        });
    // A mark for every year (or category); labels thin out when crowded. A
    // value axis across (the tornado's, the histogram's) keeps egui_plot's
    // own spacing: steps of 1, 5 and 10 over a range of hundreds of £m
    // left it too crowded to label at all.
    if years_across || !x_categories.is_empty() {
        let money_x = chart
            .series
            .iter()
            .any(|s| matches!(s.geometry, Geometry::Histogram { .. }));
        if !x_categories.is_empty() {
            // Every step alike: with steps of 5 and 10 marked stronger,
            // "A" and "F" were drawn brighter than the rest.
            plot = plot.x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]));
        } else if !money_x {
            plot = plot.x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 5.0, 10.0]));
        }
    } else {
        // Values across: a round step giving about six marks over what is shown.
        plot = plot.x_grid_spacer(egui_plot::uniform_grid_spacer(|i| round_steps(&i)));
    }
    // Values up, too: egui_plot's own powers of ten left the fan chart's
    // axis with "0" alone.
    if chart.y_categories.is_empty() {
        plot = plot.y_grid_spacer(egui_plot::uniform_grid_spacer(|i| round_steps(&i)));
    } else {
        // Every input alike (the top one, at 0, was drawn larger).
        plot = plot.y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]));
    }
    if !x_categories.is_empty() {
        plot = plot.x_axis_formatter(move |mark, _| category(&x_categories, mark.value));
    } else if years_across {
        plot = plot.x_axis_formatter(|mark, _| {
            if mark.value.fract().abs() < 1e-9 {
                format!("{:.0}", mark.value)
            } else {
                String::new()
            }
        });
    } else {
        // Money across (the tornado, the histogram): grouped, and none
        // centred on the plot's edges, where it would run off the window.
        plot = plot.x_axis_formatter(|mark, range| tick_value(mark.value, range));
    }
    if y_categories.is_empty() {
        plot = plot.y_axis_formatter(|mark, _| axes::grouped(mark.value));
    } else {
        // The first category at the top: category i is drawn at y = −i.
        plot = plot.y_axis_formatter(move |mark, _| category(&y_categories, -mark.value));
    }
    let [x_min, x_max, _, _] = chart.bounds();
    // Room either side of a tornado's bars for their values.
    if !chart.y_categories.is_empty() {
        let span = (x_max - x_min).max(1e-9);
        plot = plot
            .include_x(x_min - 0.2 * span)
            .include_x(x_max + 0.2 * span);
    }
    // Room on the right for the direct labels at the ends of lines.
    if direct_labels && labelled > 0 {
        plot = plot.include_x(x_max + (x_max - x_min).max(1.0) * 0.22);
    }
    let colors: Vec<Color32> = chart.series.iter().map(|s| color(ui, s.color)).collect();
    let text_color = ui.visuals().text_color();
    let mut ends = Vec::new();
    // The tornado's values, one label per side of each row, beyond the
    // longer bar (both values there when both ends lie on one side), as in
    // the export: never over a bar or each other.
    let tornado_values = chart.tornado_values();
    let shown = plot.show(ui, |plot_ui| {
        for (row, far, beyond, body) in &tornado_values {
            let anchor = if *beyond {
                egui::Align2::LEFT_CENTER
            } else {
                egui::Align2::RIGHT_CENTER
            };
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(*far, flip * *row as f64),
                    RichText::new(format!(" {body} ")).small().color(text_color),
                )
                .anchor(anchor),
            );
        }
        for (i, ((s, c), name)) in chart
            .series
            .iter()
            .zip(colors)
            .zip(legend_names)
            .enumerate()
        {
            // Lines left out of the legend have no name to tell them apart by.
            let id = ("series", i);
            match &s.geometry {
                Geometry::Bars {
                    x,
                    base,
                    top,
                    width,
                    labels,
                } => {
                    // A waterfall's bars are named by their step, so the
                    // tooltip says what it describes, not only its colour.
                    let bars = x
                        .iter()
                        .zip(base.iter().zip(top))
                        .map(|(x, (b, t))| {
                            Bar::new(*x, t - b)
                                .base_offset(*b)
                                .width(*width)
                                .name(thing_named(&chart.x_categories, *x, &s.name))
                                .fill(c)
                        })
                        .collect();
                    plot_ui.bar_chart(
                        BarChart::new(name.clone(), bars)
                            .color(c)
                            .element_formatter(Box::new(|bar, chart| {
                                format!("{}\n{}", bar_name(bar, chart), exact(bar.value))
                            })),
                    );
                    for (i, label) in labels.iter().enumerate() {
                        let (Some(x), Some(t), Some(b)) = (x.get(i), top.get(i), base.get(i))
                        else {
                            continue;
                        };
                        if !label.is_empty() {
                            // Past the bar's end: above a rise, below a fall.
                            let anchor = if t < b {
                                egui::Align2::CENTER_TOP
                            } else {
                                egui::Align2::CENTER_BOTTOM
                            };
                            plot_ui.text(
                                Text::new(
                                    "",
                                    PlotPoint::new(*x, *t),
                                    RichText::new(label).small().color(text_color),
                                )
                                .anchor(anchor),
                            );
                        }
                    }
                }
                Geometry::HorizontalBars {
                    y,
                    from,
                    to,
                    height,
                    ..
                } => {
                    // A tornado's bars are named by their input and side.
                    let bars = y
                        .iter()
                        .zip(from.iter().zip(to))
                        .map(|(y, (f, t))| {
                            Bar::new(flip * y, t - f)
                                .base_offset(*f)
                                .width(*height)
                                .name(thing_named(&chart.y_categories, *y, &s.name))
                                .fill(c)
                        })
                        .collect();
                    plot_ui.bar_chart(
                        BarChart::new(name.clone(), bars)
                            .color(c)
                            .horizontal()
                            .element_formatter(Box::new(|bar, chart| {
                                format!("{}\n{}", bar_name(bar, chart), exact(bar.value))
                            })),
                    );
                }
                Geometry::Line { points } => {
                    let pts: Vec<[f64; 2]> = points.iter().map(|p| [p[0], flip * p[1]]).collect();
                    plot_ui.line(
                        Line::new(name.clone(), PlotPoints::from(pts.clone()))
                            .id(id)
                            .color(c)
                            .style(line_style(s.dash))
                            .width(2.0),
                    );
                    if let Some(shape) = marker_shape(s.marker) {
                        plot_ui.points(
                            Points::new(name.clone(), PlotPoints::from(pts.clone()))
                                .id(id)
                                .color(c)
                                .shape(shape)
                                .radius(3.5)
                                .filled(true),
                        );
                    }
                    if direct_labels
                        && let (Some(label), Some(last)) = (&s.direct_label, pts.last())
                    {
                        ends.push(DirectLabel {
                            text: label.clone(),
                            end: PlotPoint::new(last[0], last[1]),
                            color: c,
                        });
                    }
                }
                Geometry::Band { x, low, high } => {
                    // egui fills a polygon as if it were convex, and a band
                    // over years seldom is (the fan widens and bends): one
                    // polygon for the whole band was filled past its edges.
                    // So one quadrilateral a year — convex, because each has
                    // two vertical sides with low ≤ high — sharing the
                    // band's name (one legend entry), and the edges as lines.
                    for (i, (xs, (lo, hi))) in x
                        .windows(2)
                        .zip(low.windows(2).zip(high.windows(2)))
                        .enumerate()
                    {
                        let quad = vec![
                            [xs[0], lo[0]],
                            [xs[1], lo[1]],
                            [xs[1], hi[1]],
                            [xs[0], hi[0]],
                        ];
                        plot_ui.polygon(
                            Polygon::new(name.clone(), PlotPoints::from(quad))
                                .id((id, "band", i))
                                .fill_color(c.gamma_multiply(0.3))
                                .stroke(egui::Stroke::NONE),
                        );
                    }
                    for (edge, ys) in [("low", low), ("high", high)] {
                        let pts: Vec<[f64; 2]> = x.iter().zip(ys).map(|(x, y)| [*x, *y]).collect();
                        plot_ui.line(
                            Line::new(name.clone(), PlotPoints::from(pts))
                                .id((id, edge))
                                .color(c)
                                .width(1.0),
                        );
                    }
                }
                Geometry::Histogram { edges, heights } => {
                    let bars = edges
                        .windows(2)
                        .zip(heights)
                        .map(|(e, h)| {
                            Bar::new(f64::midpoint(e[0], e[1]), *h)
                                .width(e[1] - e[0])
                                .name(&name)
                                .fill(c)
                        })
                        .collect();
                    plot_ui.bar_chart(
                        BarChart::new(name.clone(), bars)
                            .color(c)
                            .element_formatter(Box::new(|bar, _| {
                                format!(
                                    "around {}: {:.1}% of draws",
                                    exact(bar.argument),
                                    bar.value
                                )
                            })),
                    );
                }
            }
        }
    });
    super::a11y::chart(ui, &shown.response, chart);
    direct_labels_ui(ui, &shown.transform, &ends);
    if let Some(key) = key_text {
        ui.label(RichText::new(key).small());
    }
    if !chart.note.is_empty() {
        ui.label(&chart.note);
    }
    ui.label(source);
    banner_ui(ui, chart);
}
