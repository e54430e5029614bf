//! Draws a core [`Chart`] description with `egui_plot`, so what is on screen is
//! what the exported briefing shows: the same title, subtitle, series,
//! colours, dashes, markers, direct labels, source line and marking. Hovering
//! shows exact values.

use egui::{Color32, RichText, Ui};
use egui_plot::{
    Bar, BarChart, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, PlotTransform,
    Points, Polygon, Text,
};

use crate::chart::{Chart, Dash, Geometry, Marker, Rgb, palette};
use crate::report::pounds;

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
            .map(|(i, c)| format!("{} {c}", letter(i)))
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
        .show_grid([false, true])
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
        if !money_x {
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
    }
    if y_categories.is_empty() {
        plot = plot.y_axis_formatter(|mark, _| format!("{}", mark.value));
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

/// The height of what goes under the plot: the note, the source line
/// (wrapped as they will be) and the marking.
fn footer_height(ui: &Ui, chart: &Chart, source: &RichText) -> f32 {
    let gap = ui.spacing().item_spacing.y;
    let note = if chart.note.is_empty() {
        0.0
    } else {
        egui::WidgetText::from(chart.note.as_str())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Wrap),
                ui.available_width(),
                egui::TextStyle::Body,
            )
            .size()
            .y
            + gap
    };
    let source = egui::WidgetText::from(source.clone()).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        ui.available_width(),
        egui::TextStyle::Small,
    );
    let banner = if chart.marking.banner().is_empty() {
        0.0
    } else {
        ui.text_style_height(&egui::TextStyle::Small) + gap
    };
    gap + note + source.size().y + gap + banner
}

/// A line's name, written beside its last point.
struct DirectLabel {
    text: String,
    end: PlotPoint,
    color: Color32,
}

/// Writes each label beside its line's end, pushed apart so none overlap
/// (as the export does), inside the plot. Drawn after the plot, with the
/// plot's own transform, so the labels sit where this frame drew the lines.
fn direct_labels_ui(ui: &Ui, transform: &PlotTransform, labels: &[DirectLabel]) {
    let frame = *transform.frame();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let row = ui.text_style_height(&egui::TextStyle::Small) + 2.0;
    let mut placed: Vec<(f32, &DirectLabel)> = labels
        .iter()
        .map(|l| (transform.position_from_point(&l.end).y, l))
        .collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Top-down: each label below the one above it.
    let mut next_free = frame.top() + row / 2.0;
    for p in &mut placed {
        p.0 = p.0.max(next_free);
        next_free = p.0 + row;
    }
    // Bottom-up: the last ones stay inside the plot.
    let mut limit = frame.bottom() - row / 2.0;
    for p in placed.iter_mut().rev() {
        p.0 = p.0.min(limit);
        limit = p.0 - row;
    }
    let painter = ui.painter().with_clip_rect(frame);
    for (i, (y, l)) in placed.into_iter().enumerate() {
        let x = transform.position_from_point(&l.end).x + 8.0;
        let rect = painter.text(
            egui::pos2(x, y),
            egui::Align2::LEFT_CENTER,
            &l.text,
            font.clone(),
            l.color,
        );
        // Named for screen readers too, as the legend entry it replaces was.
        ui.interact(
            rect,
            ui.scope_id().with(("direct_label", i)),
            egui::Sense::hover(),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &l.text));
    }
}

/// The series named in `names` (empty: named elsewhere), each with its
/// colour and its dash or marker, in a row that wraps.
fn legend_ui(ui: &mut Ui, chart: &Chart, names: &[String]) {
    if names.iter().all(String::is_empty) {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for (s, name) in chart.series.iter().zip(names) {
            if name.is_empty() {
                continue;
            }
            let c = color(ui, s.color);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
            let painter = ui.painter();
            match &s.geometry {
                Geometry::Line { .. } => {
                    let y = rect.center().y;
                    let stroke = egui::Stroke::new(2.0, c);
                    match s.dash {
                        Dash::Solid => {
                            painter.line_segment([rect.left_center(), rect.right_center()], stroke);
                        }
                        Dash::Dashed | Dash::Dotted => {
                            let (on, off) = if s.dash == Dash::Dashed {
                                (5.0, 3.0)
                            } else {
                                (1.5, 3.0)
                            };
                            painter.extend(egui::Shape::dashed_line(
                                &[egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                                stroke,
                                on,
                                off,
                            ));
                        }
                    }
                    if s.marker != Marker::None {
                        painter.circle_filled(rect.center(), 3.5, c);
                    }
                }
                Geometry::Band { .. } => {
                    painter.rect_filled(
                        rect.shrink2(egui::vec2(2.0, 0.0)),
                        0.0,
                        c.gamma_multiply(0.3),
                    );
                }
                _ => {
                    painter.rect_filled(rect.shrink2(egui::vec2(5.0, 0.0)), 0.0, c);
                }
            }
            ui.label(RichText::new(name).small());
            ui.add_space(8.0);
        }
    });
}

/// Grid steps for a value axis: a round step (1, 2, 2.5 or 5 times a power
/// of ten) giving about six marks over the range shown, a fifth of it, and
/// five times it.
fn round_steps(input: &egui_plot::GridInput) -> [f64; 3] {
    let (lo, hi) = input.bounds;
    let raw = ((hi - lo) / 6.0).max(1e-9);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|k| k * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    [step / 5.0, step, step * 5.0]
}

/// "A", "B", … for the `i`th category in a key.
fn letter(i: usize) -> String {
    let a = char::from(b'A' + (i % 26) as u8);
    if i < 26 {
        a.to_string()
    } else {
        format!("{a}{}", i / 26)
    }
}

/// Whether `categories` would crowd each other under their bars across the
/// available width (each name's longest word against its share, less the
/// value axis), so they go in a key.
fn categories_keyed(ui: &Ui, categories: &[String]) -> bool {
    if categories.is_empty() {
        return false;
    }
    let band = (ui.available_width() - 60.0) / categories.len() as f32;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = ui.fonts_mut(|f| {
        categories
            .iter()
            .map(|c| {
                f.layout_no_wrap(c.clone(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
            .fold(0.0, f32::max)
    });
    widest > band - 8.0
}

/// The label of the category at `v` when `v` is a whole number in range.
fn category(categories: &[String], v: f64) -> String {
    let i = v.round();
    if (v - i).abs() > 1e-9 || i < 0.0 {
        return String::new();
    }
    categories.get(i as usize).cloned().unwrap_or_default()
}

/// What a bar at `at` on a category axis is, for its tooltip: "Lost
/// earnings: takes away from the total", "Months out of work: input at its
/// high value"; the series' name alone off a category axis.
fn thing_named(categories: &[String], at: f64, series: &str) -> String {
    let what = category(categories, at);
    match (what.is_empty(), series.is_empty()) {
        (true, _) => series.to_owned(),
        (false, true) => what,
        (false, false) => {
            let mut lower = series.chars();
            let first = lower.next().map(|c| c.to_lowercase().collect::<String>());
            format!("{what}: {}{}", first.unwrap_or_default(), lower.as_str())
        }
    }
}

/// The bar's own name if it has one (waterfall steps), else its series'.
fn bar_name(bar: &Bar, chart: &BarChart) -> String {
    use egui_plot::PlotItem as _;
    if bar.name.is_empty() {
        chart.name().to_owned()
    } else {
        bar.name.clone()
    }
}

#[cfg(test)]
mod thing_tests {
    use super::thing_named;

    #[test]
    fn tooltips_name_the_step_or_the_input() {
        let cats = vec!["Claimed saving".to_owned(), "Lost earnings".to_owned()];
        assert_eq!(
            thing_named(&cats, 1.0, "Takes away from the total"),
            "Lost earnings: takes away from the total"
        );
        assert_eq!(thing_named(&[], 2014.0, "Net savings"), "Net savings");
        assert_eq!(thing_named(&cats, 0.0, ""), "Claimed saving");
    }
}

/// The app's drawing of the waterfall, tornado and compare, checked on the
/// shapes egui produced at 1280 × 720 and 1920 × 1080.
#[cfg(test)]
mod shape_tests {
    use egui::{Rect, Shape};
    use egui_kittest::Harness;

    use crate::chart::{self, Chart, Subject, TornadoBar};
    use crate::model::{Plan, evaluate};
    use crate::scenario::{Scenario, load_path};

    fn scenarios() -> Vec<(Scenario, String)> {
        let mut files: Vec<_> = std::fs::read_dir("scenarios")
            .expect("scenarios")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let s = load_path(p).expect("loads").scenario;
                (
                    s,
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Every text egui painted: its words and its rectangle.
    fn texts(shapes: &[egui::epaint::ClippedShape]) -> Vec<(String, Rect)> {
        fn walk(s: &Shape, out: &mut Vec<(String, Rect)>) {
            match s {
                Shape::Text(t) => {
                    // Each row's own extent: text in a wrapping layout
                    // starts its first row part-way along the galley.
                    let r = t
                        .galley
                        .rows
                        .iter()
                        .map(egui::epaint::text::PlacedRow::rect_without_leading_space)
                        .reduce(egui::Rect::union)
                        .unwrap_or(t.galley.rect)
                        .translate(t.pos.to_vec2());
                    let text = t.galley.text().trim().to_owned();
                    if !text.is_empty() {
                        out.push((text, r));
                    }
                }
                Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for c in shapes {
            walk(&c.shape, &mut out);
        }
        out
    }

    fn drawn(chart: &Chart, size: [f32; 2]) -> Vec<(String, Rect)> {
        let c = chart.clone();
        let mut h = Harness::builder()
            .with_size(size)
            .build_ui(move |ui| super::chart_ui(ui, &c, ui.max_rect().bottom()));
        h.run();
        texts(&h.output().shapes)
    }

    fn words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn number(s: &str) -> Option<f64> {
        s.replace('\u{2212}', "-")
            .replace(',', "")
            .trim()
            .parse()
            .ok()
    }

    #[test]
    fn app_charts_keep_their_texts_apart() {
        let all = scenarios();
        let results: Vec<_> = all.iter().map(|(s, _)| evaluate(s)).collect();
        let subjects: Vec<Subject> = all
            .iter()
            .zip(&results)
            .map(|((s, name), r)| Subject {
                scenario: s,
                results: r,
                file_name: name,
            })
            .collect();
        let mut problems = Vec::new();
        let mut charts: Vec<Chart> = Vec::new();
        for sub in &subjects {
            charts.push(chart::waterfall(sub));
            let bars: Vec<TornadoBar> = crate::uncertainty::tornado(&Plan::new(sub.scenario), None)
                .into_iter()
                .map(|b| TornadoBar {
                    label: b.label,
                    npv_at_low: b.npv_at_low,
                    npv_at_high: b.npv_at_high,
                })
                .collect();
            charts.push(chart::tornado(sub, &bars));
        }
        charts.push(chart::compare(&subjects));
        for c in &charts {
            // The whole window, and the results panel beside the editor in
            // a 1280 × 720 window.
            for size in [[1280.0, 720.0], [1920.0, 1080.0], [760.0, 520.0]] {
                let t = drawn(c, size);
                for (i, a) in t.iter().enumerate() {
                    for b in &t[i + 1..] {
                        let o = a.1.intersect(b.1);
                        if o.width() > 1.0 && o.height() > 1.0 {
                            problems.push(format!(
                                "{} at {size:?}: {:?} overlaps {:?} ({:?} {:?})",
                                c.kind.name(),
                                a.0,
                                b.0,
                                a.1,
                                b.1
                            ));
                        }
                    }
                }
                // The tornado's value axis has values: numbers other than
                // the bars' own labels.
                if c.kind == chart::ChartKind::Tornado {
                    let bar_values: Vec<String> =
                        c.tornado_values().into_iter().map(|v| v.3).collect();
                    let ticks = t
                        .iter()
                        .filter(|(s, _)| number(s).is_some())
                        .filter(|(s, _)| !bar_values.contains(s))
                        .count();
                    if ticks < 3 {
                        problems.push(format!("tornado at {size:?}: {ticks} x-axis values"));
                    }
                }
                // Every step and input is named on screen.
                for name in c.x_categories.iter().chain(&c.y_categories) {
                    let first: String = name
                        .split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let joined: String = t
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !words(&joined).contains(&words(&first)) {
                        problems.push(format!("{} at {size:?}: {name:?} not shown", c.kind.name()));
                    }
                }
                // The marking top and bottom.
                let banner = c.marking.banner();
                if t.iter().filter(|(s, _)| s == banner).count() < 2 {
                    problems.push(format!(
                        "{} at {size:?}: marking not top and bottom",
                        c.kind.name()
                    ));
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}
