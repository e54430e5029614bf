//! What names the data around and on the plot: the legend above it, the
//! labels at the lines' ends, and the room the note, source line and
//! marking take under it.

use egui::{Color32, RichText, Ui};
use egui_plot::{PlotPoint, PlotTransform};

use super::color;
use crate::chart::{Chart, Dash, Geometry, Marker};

/// The height of what goes under the plot: the note, the source line
/// (wrapped as they will be) and the marking.
pub(super) fn footer_height(ui: &Ui, chart: &Chart, source: &RichText) -> f32 {
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
pub(super) struct DirectLabel {
    pub text: String,
    pub end: PlotPoint,
    pub color: Color32,
}

/// Writes each label beside its line's end, pushed apart so none overlap
/// (as the export does), inside the plot. Drawn after the plot, with the
/// plot's own transform, so the labels sit where this frame drew the lines.
pub(super) fn direct_labels_ui(ui: &Ui, transform: &PlotTransform, labels: &[DirectLabel]) {
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
pub(super) fn legend_ui(ui: &mut Ui, chart: &Chart, names: &[String]) {
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
