//! An uncertain value: fixed, or low / central / high in one of three
//! shapes, with a small picture of the shape.

use egui::{Id, Response, Sense, Stroke, StrokeKind, Ui, Vec2};

use super::{Ed, Unit, a11y, break_even_menu, number_part, problem};
use crate::scenario::Value;

/// The forms an uncertain value can take, in the order the picker shows them.
const FORMS: [&str; 4] = [
    "fixed",
    "low / central / high (triangular)",
    "low / central / high (PERT)",
    "even range (uniform)",
];

fn form_index(v: &Value) -> usize {
    match v {
        Value::Point(_) => 0,
        Value::Tri { .. } => 1,
        Value::Pert { .. } => 2,
        Value::Uniform { .. } => 3,
    }
}

/// `v` in another form, keeping its numbers as far as they go.
fn convert(v: &Value, form: usize) -> Value {
    let (low, high) = v.bounds();
    let mode = match *v {
        Value::Point(x) => x,
        Value::Tri { mode, .. } | Value::Pert { mode, .. } => mode,
        Value::Uniform { low, high } => f64::midpoint(low, high),
    };
    // A point made uncertain starts as ±20 %, so the preview shows a shape.
    let (low, high) = if low == high && low != 0.0 {
        (
            low.min(low * 0.8).min(low * 1.2),
            high.max(high * 1.2).max(high * 0.8),
        )
    } else {
        (low, high)
    };
    match form {
        1 => Value::Tri { low, mode, high },
        2 => Value::Pert { low, mode, high },
        3 => Value::Uniform { low, high },
        _ => Value::Point(mode),
    }
}

/// An uncertain number: the form, its numbers and a small picture of its shape.
pub fn value(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    v: &mut Value,
    unit: Unit,
    path: &str,
) -> Response {
    let id = ui.make_persistent_id(path);
    let inner = ui.horizontal_wrapped(|ui| {
        let mut form = form_index(v);
        let short = ["fixed", "range (tri)", "range (PERT)", "uniform"];
        let mut changed = false;
        let combo = egui::ComboBox::from_id_salt(id.with("form"))
            .width(90.0)
            .selected_text(short[form])
            .show_ui(ui, |ui| {
                for (i, name) in FORMS.iter().enumerate() {
                    changed |= ui.selectable_value(&mut form, i, *name).changed();
                }
            })
            .response
            .labelled_by(label_id)
            .on_hover_text("Make this number uncertain: give a low, central and high value");
        a11y::name(&combo, &ed.name("fixed or range"));
        a11y::combo(&combo, FORMS[form]);
        if changed {
            *v = convert(v, form);
            ed.step();
        }
        let w = 88.0;
        let mut rect = combo.rect;
        // The validator's problem with the value, on each of its numbers.
        let problem = ed.errors.get(path).cloned();
        let mark = |r: &Response| {
            if let Some(p) = &problem {
                a11y::invalid(r, p);
            }
        };
        mark(&combo);
        // Each number with its small label above it, so the three stay in a row.
        let mut sub = |ui: &mut Ui, ed: &mut Ed<'_>, name: &str, x: &mut f64, key: &str| {
            // A narrow editor puts the next number on a new row: a nested
            // column does not wrap by itself, it would run past the edge.
            if ui.available_width() < w {
                ui.end_row();
            }
            ui.vertical(|ui| {
                let l = ui.label(egui::RichText::new(name).small());
                let r = number_part(ui, ed, l.id, x, unit, id.with(key), w, name);
                mark(&r);
                rect = rect.union(r.rect);
            });
        };
        match v {
            Value::Point(x) => {
                let r = number_part(ui, ed, label_id, x, unit, id.with("point"), w * 1.3, "");
                mark(&r);
                rect = rect.union(r.rect);
            }
            Value::Tri { low, mode, high } | Value::Pert { low, mode, high } => {
                sub(ui, ed, "low", low, "low");
                sub(ui, ed, "central", mode, "mode");
                sub(ui, ed, "high", high, "high");
            }
            Value::Uniform { low, high } => {
                sub(ui, ed, "low", low, "low");
                sub(ui, ed, "high", high, "high");
            }
        }
        if v.is_uncertain() {
            shape_preview(ui, v);
        }
        rect
    });
    problem(ui, ed, path, inner.inner);
    break_even_menu(&inner.response, ed, path, unit);
    inner.response
}

/// A 48×16 picture of the distribution: a spike, a triangle, a PERT curve or a box.
fn shape_preview(ui: &mut Ui, v: &Value) {
    let (rect, resp) = ui.allocate_exact_size(Vec2::new(48.0, 16.0), Sense::hover());
    let color = ui.visuals().widgets.inactive.fg_stroke.color;
    let stroke = Stroke::new(1.2, color);
    let (low, high) = v.bounds();
    let span = high - low;
    let at = |x: f64| -> f32 {
        if span > 0.0 {
            rect.left() + rect.width() * ((x - low) / span) as f32
        } else {
            rect.center().x
        }
    };
    let p = ui.painter();
    let fill = color.gamma_multiply(0.25);
    match *v {
        Value::Point(x) => {
            p.line_segment(
                [
                    egui::pos2(at(x), rect.bottom()),
                    egui::pos2(at(x), rect.top()),
                ],
                stroke,
            );
        }
        Value::Tri { low, mode, high } => {
            let pts = vec![
                egui::pos2(at(low), rect.bottom()),
                egui::pos2(at(mode), rect.top()),
                egui::pos2(at(high), rect.bottom()),
            ];
            p.add(egui::Shape::convex_polygon(pts, fill, stroke));
        }
        Value::Pert { low, mode, high } => {
            let pts = pert_curve(low, mode, high, 24)
                .into_iter()
                .map(|(x, d)| egui::pos2(at(x), rect.bottom() - rect.height() * d as f32))
                .collect::<Vec<_>>();
            p.add(egui::Shape::line(pts, stroke));
        }
        Value::Uniform { .. } => {
            p.rect(
                rect.shrink2(Vec2::new(0.0, 3.0)),
                0.0,
                fill,
                stroke,
                StrokeKind::Inside,
            );
        }
    }
    resp.on_hover_text(shape_words(v));
}

/// Points (x, density scaled to 0–1) of a Beta-PERT (λ = 4) curve.
fn pert_curve(low: f64, mode: f64, high: f64, n: usize) -> Vec<(f64, f64)> {
    let span = high - low;
    if span <= 0.0 {
        return vec![(low, 0.0), (low, 1.0)];
    }
    let a = 1.0 + 4.0 * (mode - low) / span;
    let b = 1.0 + 4.0 * (high - mode) / span;
    let pts: Vec<(f64, f64)> = (0..=n)
        .map(|i| {
            let u = i as f64 / n as f64;
            (low + u * span, u.powf(a - 1.0) * (1.0 - u).powf(b - 1.0))
        })
        .collect();
    let max = pts
        .iter()
        .map(|p| p.1)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    pts.into_iter().map(|(x, d)| (x, d / max)).collect()
}

fn shape_words(v: &Value) -> &'static str {
    match v {
        Value::Point(_) => "a fixed number",
        Value::Tri { .. } => {
            "triangular: most likely the central value, never below low or above high"
        }
        Value::Pert { .. } => "PERT: like triangular, with more weight near the central value",
        Value::Uniform { .. } => "uniform: any value between low and high equally likely",
    }
}
