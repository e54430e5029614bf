//! Editing widgets for one field each: text, money and other numbers as
//! people type them, uncertain values, years and profiles. Every field has a
//! visible label that names it for screen readers, and shows its problem
//! (from `scenario::validate` or from reading the text) right under it.

use std::collections::HashMap;

use egui::{Color32, Id, Response, Sense, Stroke, StrokeKind, TextEdit, Ui, Vec2};

use crate::money::{format_money, parse_money};
use crate::scenario::{Profile, Value};

/// What the editor learnt while drawing: which field changed (for undo
/// steps) and the problems to show beside fields.
pub struct Ed<'a> {
    /// Validation errors by field path (`job_moves[2].salary`).
    pub errors: &'a HashMap<String, String>,
    /// The field whose text changed this frame; `None` with `structural`.
    pub key: Option<Id>,
    /// An item was added, removed or moved: its own undo step.
    pub structural: bool,
    /// The scenario's first year, for new items and profiles.
    pub start_year: i32,
    /// The input (by its `solve --input` path) whose break-even was asked
    /// for from its right-click menu this frame.
    pub break_even: Option<(String, Unit)>,
}

impl Ed<'_> {
    fn typed(&mut self, id: Id) {
        self.key = Some(id);
    }

    /// Marks a change that should be an undo step of its own.
    pub fn step(&mut self) {
        self.structural = true;
    }
}

/// The right-click menu item that asks for an input's break-even.
pub const BREAK_EVEN_ITEM: &str = "Break-even: value where net social value is zero…";

/// Gives a number (or a group of fields for one number, `resp` being the
/// group's) a right-click menu offering its break-even.
pub fn break_even_menu(resp: &Response, ed: &mut Ed<'_>, path: &str, unit: Unit) {
    resp.container_context_menu(|ui| {
        let item = ui.button(BREAK_EVEN_ITEM).on_hover_text(
            "The value of this input at which net social value (NPV) is zero, \
             everything else at its central value",
        );
        if item.clicked() {
            ed.break_even = Some((path.to_owned(), unit));
            ui.close();
        }
    });
}

/// The right-click menu of a year or a whole number: why there is no break-even.
fn no_break_even_menu(resp: &Response) {
    resp.context_menu(|ui| {
        ui.add_enabled(false, egui::Button::new(BREAK_EVEN_ITEM))
            .on_disabled_hover_text(
                "Not for years and whole numbers: the results move in steps \
                 with them, so there is rarely one value where net social value is zero",
            );
    });
}

/// How a number is shown and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Pounds: "£100.0m"; typed as "£100m", "25k", "-£3m".
    Money,
    /// A fraction shown as a percentage: 0.41 is "41%".
    Percent,
    /// Jobs, offices, records: "1,200"; "80k" is read too.
    Count,
    /// Anything else (months, multipliers, points).
    Plain,
}

impl Unit {
    /// The text shown for `x`.
    pub fn format(self, x: f64) -> String {
        match self {
            Unit::Money => format_money(x),
            Unit::Percent => format!("{}%", tidy(x * 100.0)),
            Unit::Count => format_money(x)
                .replacen('£', "", 1)
                .replace('m', " million")
                .replace("bn", " billion"),
            Unit::Plain => tidy(x),
        }
    }

    /// `x` rounded for reading in a sentence: "£41.6m", "36.8%", "1,235", "13.5".
    pub fn show(self, x: f64) -> String {
        match self {
            Unit::Money => crate::report::pounds(x),
            Unit::Percent => format!("{}%", three_figures(x * 100.0)),
            Unit::Count | Unit::Plain => three_figures(x),
        }
    }

    /// Reads typed text; the message says what was expected.
    pub fn parse(self, text: &str) -> Result<f64, String> {
        let t = text.trim();
        match self {
            Unit::Money => parse_money(t).map_err(|e| e.0),
            Unit::Percent => {
                let n = t.trim_end_matches('%').trim();
                n.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map(|x| x / 100.0)
                    .ok_or_else(|| format!("expected a percentage such as 41% or 3.5; found “{t}”"))
            }
            Unit::Count => parse_money(t)
                .map_err(|_| format!("expected a number such as 300, 1,200 or 80k; found “{t}”"))
                .and_then(|x| {
                    if t.contains('£') {
                        Err(format!(
                            "this is a count, not money: type {}",
                            t.replace('£', "")
                        ))
                    } else {
                        Ok(x)
                    }
                }),
            Unit::Plain => t
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("expected a number such as 1.3; found “{t}”")),
        }
    }
}

/// A number without float noise: 41.00000000000001 → "41".
fn tidy(x: f64) -> String {
    let rounded = (x * 1e9).round() / 1e9;
    crate::scenario::write::number(if rounded == 0.0 { 0.0 } else { rounded })
}

/// Three significant figures, or the whole number from 1,000 up: "13.5",
/// "0.0123", "1,235".
fn three_figures(x: f64) -> String {
    let a = x.abs();
    // 999.7 rounds to 1,000: grouped like the rest.
    if !x.is_finite() || a >= 999.5 {
        return crate::report::readable(x.round());
    }
    let decimals = if a == 0.0 {
        0
    } else {
        (2 - a.log10().floor() as i32).clamp(0, 12) as usize
    };
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Draws an error message under a field and a red frame round it.
fn mark_error(ui: &mut Ui, rect: egui::Rect, message: &str) {
    let color = ui.visuals().error_fg_color;
    ui.painter().rect_stroke(
        rect.expand(1.0),
        2.0,
        Stroke::new(1.5, color),
        StrokeKind::Outside,
    );
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("⚠ {message}"))
                .color(color)
                .small(),
        )
        .wrap(),
    );
}

/// A labelled row of a two-column grid: the label, then the widget and any problem.
pub fn row<R>(ui: &mut Ui, label: &str, hint: &str, add: impl FnOnce(&mut Ui, Id) -> R) -> R {
    let label_resp = ui.label(label);
    if !hint.is_empty() {
        label_resp.clone().on_hover_text(hint);
    }
    let out = ui.vertical(|ui| add(ui, label_resp.id)).inner;
    ui.end_row();
    out
}

/// Shows the validation error for `path`, if any, framing `rect`.
pub fn problem(ui: &mut Ui, ed: &Ed<'_>, path: &str, rect: egui::Rect) {
    if let Some(message) = ed.errors.get(path) {
        mark_error(ui, rect, message);
    }
}

/// A one-line text field.
pub fn text(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    value: &mut String,
    path: &str,
    width: f32,
) -> Response {
    let resp = ui
        .add(TextEdit::singleline(value).desired_width(width))
        .labelled_by(label_id);
    if resp.changed() {
        ed.typed(resp.id);
    }
    problem(ui, ed, path, resp.rect);
    resp
}

/// A multi-line text field.
pub fn multiline(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    value: &mut String,
    path: &str,
) -> Response {
    let resp = ui
        .add(
            TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_id);
    if resp.changed() {
        ed.typed(resp.id);
    }
    problem(ui, ed, path, resp.rect);
    resp
}

/// A number typed as text: shown formatted, read back on every keystroke.
/// While the field has focus the typed text is kept as it is.
pub fn number(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    x: &mut f64,
    unit: Unit,
    id: Id,
    width: f32,
) -> Response {
    let buffer_id = id.with("text");
    let error_id = id.with("error");
    let focused = ui.memory(|m| m.has_focus(id));
    let mut text = if focused {
        ui.data(|d| d.get_temp::<String>(buffer_id))
            .unwrap_or_else(|| unit.format(*x))
    } else {
        unit.format(*x)
    };
    let resp = ui
        .add(TextEdit::singleline(&mut text).id(id).desired_width(width))
        .labelled_by(label_id);
    if resp.changed() {
        match unit.parse(&text) {
            Ok(v) => {
                ui.data_mut(|d| d.remove::<String>(error_id));
                if v.to_bits() != x.to_bits() {
                    *x = v;
                    ed.typed(id);
                }
            }
            Err(e) => {
                ui.data_mut(|d| d.insert_temp(error_id, e));
            }
        }
    }
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    } else {
        ui.data_mut(|d| {
            d.remove::<String>(buffer_id);
            d.remove::<String>(error_id);
        });
    }
    if let Some(e) = ui.data(|d| d.get_temp::<String>(error_id)) {
        mark_error(ui, resp.rect, &e);
    }
    resp
}

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
        if changed {
            *v = convert(v, form);
            ed.step();
        }
        let w = 88.0;
        let mut rect = combo.rect;
        // Each number with its small label above it, so the three stay in a row.
        let mut sub = |ui: &mut Ui, ed: &mut Ed<'_>, name: &str, x: &mut f64, key: &str| {
            ui.vertical(|ui| {
                let l = ui.label(egui::RichText::new(name).small());
                let r = number(ui, ed, l.id, x, unit, id.with(key), w);
                rect = rect.union(r.rect);
            });
        };
        match v {
            Value::Point(x) => {
                let r = number(ui, ed, label_id, x, unit, id.with("point"), w * 1.3);
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

/// A calendar year.
pub fn year(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, y: &mut i32, path: &str) -> Response {
    let resp = ui
        .add(
            egui::DragValue::new(y)
                .range(crate::scenario::limits::YEARS)
                .speed(0.1),
        )
        .labelled_by(label_id);
    if resp.changed() {
        ed.typed(resp.id);
    }
    problem(ui, ed, path, resp.rect);
    no_break_even_menu(&resp);
    resp
}

/// A whole number (years of a profile, horizon, draws).
pub fn whole(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    n: &mut u32,
    range: std::ops::RangeInclusive<u32>,
    path: &str,
) -> Response {
    let resp = ui
        .add(egui::DragValue::new(n).range(range).speed(0.1))
        .labelled_by(label_id);
    if resp.changed() {
        ed.typed(resp.id);
    }
    problem(ui, ed, path, resp.rect);
    no_break_even_menu(&resp);
    resp
}

/// An optional end year: "to the end" or a year.
pub fn end_year(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    to: &mut Option<i32>,
    default: i32,
    path: &str,
) {
    ui.horizontal(|ui| {
        let mut open = to.is_none();
        if ui.checkbox(&mut open, "to the end").changed() {
            *to = if open { None } else { Some(default) };
            ed.step();
        }
        if let Some(y) = to {
            year(ui, ed, label_id, y, path);
        }
    });
}

const PROFILES: [&str; 5] = [
    "Once: all in one year",
    "Annual: the amount every year",
    "Spread: the amount shared evenly over years",
    "Ramp: rising to the full amount a year",
    "Custom: a share in each year",
];

/// How an amount is spread over the years.
pub fn profile(ui: &mut Ui, ed: &mut Ed<'_>, p: &mut Profile, path: &str) {
    let pp = format!("{path}.profile");
    let id = ui.make_persistent_id(&pp);
    let start = ed.start_year;
    let mut kind = match p {
        Profile::Once(_) => 0,
        Profile::Annual { .. } => 1,
        Profile::Spread { .. } => 2,
        Profile::Ramp { .. } => 3,
        Profile::Custom { .. } => 4,
    };
    row(
        ui,
        "Profile",
        "How the amount is spread over the years",
        |ui, l| {
            let resp = egui::ComboBox::from_id_salt(id.with("kind"))
                .width(220.0)
                .selected_text(PROFILES[kind])
                .show_index(ui, &mut kind, PROFILES.len(), |i| PROFILES[i])
                .labelled_by(l);
            if resp.changed() {
                let from = p.first_year();
                *p = match kind {
                    0 => Profile::Once(from),
                    1 => Profile::Annual { from, to: None },
                    2 => Profile::Spread { from, years: 5 },
                    3 => Profile::Ramp {
                        from,
                        years: 3,
                        to: None,
                    },
                    _ => Profile::Custom {
                        from,
                        shares: vec![Value::Point(0.5), Value::Point(0.5)],
                    },
                };
                ed.step();
            }
        },
    );
    match p {
        Profile::Once(y) => {
            row(ui, "Year", "", |ui, l| {
                year(ui, ed, l, y, &format!("{pp}.year"))
            });
        }
        Profile::Annual { from, to } => {
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let default = (*from).max(start);
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Spread { from, years } => {
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            row(
                ui,
                "Over (years)",
                "The amount is divided equally over this many years",
                |ui, l| {
                    whole(ui, ed, l, years, 1..=1000, &format!("{pp}.years"));
                },
            );
        }
        Profile::Ramp { from, years, to } => {
            row(ui, "From", "First year", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            row(
                ui,
                "Years to full",
                "Rises in equal steps to the full amount after this many years",
                |ui, l| {
                    whole(ui, ed, l, years, 1..=1000, &format!("{pp}.years"));
                },
            );
            let default = (*from).max(start);
            row(ui, "To", "Last year (inclusive)", |ui, l| {
                end_year(ui, ed, l, to, default, &format!("{pp}.to"));
            });
        }
        Profile::Custom { from, shares } => {
            row(ui, "From", "Year of the first share", |ui, l| {
                year(ui, ed, l, from, &format!("{pp}.from"))
            });
            let first = *from;
            let mut remove = None;
            for (i, share) in shares.iter_mut().enumerate() {
                let name = format!("Share {}", first + i as i32);
                row(
                    ui,
                    &name,
                    "The fraction of the amount in this year",
                    |ui, l| {
                        ui.horizontal(|ui| {
                            value(ui, ed, l, share, Unit::Plain, &format!("{pp}.shares[{i}]"));
                            if ui
                                .small_button("✖")
                                .on_hover_text("Remove this year's share")
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    },
                );
            }
            if let Some(i) = remove {
                shares.remove(i);
                ed.step();
            }
            row(ui, "", "", |ui, _| {
                if ui.button("➕ Add a year's share").clicked() {
                    shares.push(Value::Point(0.0));
                    ed.step();
                }
            });
        }
    }
}

/// A choice from a fixed list, as a combo box.
pub fn choice<T: PartialEq + Copy>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    id: Id,
    value: &mut T,
    options: &[(T, &str)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, n)| n);
    let inner = egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (v, name) in options {
                if ui.selectable_label(v == value, *name).clicked() && v != value {
                    *value = *v;
                    ed.step();
                }
            }
        });
    inner.response.labelled_by(label_id);
}

/// The colour used for text that explains where a figure comes from.
pub fn weak(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_back_what_they_show() {
        for (unit, x) in [
            (Unit::Money, 1.5e6),
            (Unit::Percent, 0.41),
            (Unit::Percent, 0.035),
            (Unit::Count, 1200.0),
            (Unit::Plain, 1.3),
        ] {
            assert_eq!(
                unit.parse(&unit.format(x)),
                Ok(x),
                "{unit:?} {x} via {}",
                unit.format(x)
            );
        }
        assert_eq!(Unit::Percent.format(0.41), "41%");
        assert_eq!(Unit::Count.format(80_000.0), "80,000");
        assert!(Unit::Percent.parse("lots").is_err());
    }

    #[test]
    fn numbers_in_sentences_are_rounded_as_the_results_are() {
        assert_eq!(Unit::Money.show(41_623_456.78), "£41.6m");
        assert_eq!(Unit::Money.show(31_234.56), "£31,235");
        assert_eq!(Unit::Percent.show(0.368_123), "36.8%");
        assert_eq!(Unit::Percent.show(0.000_123_4), "0.0123%");
        assert_eq!(Unit::Percent.show(0.0), "0%");
        assert_eq!(Unit::Plain.show(13.53), "13.5");
        assert_eq!(Unit::Plain.show(-0.000_01), "-0.00001");
        assert_eq!(Unit::Plain.show(-0.000_000_000_000_1), "0");
        assert_eq!(Unit::Count.show(1_234.5), "1,235");
        assert_eq!(Unit::Count.show(999.7), "1,000");
        assert_eq!(Unit::Count.show(37.43), "37.4");
        assert_eq!(Unit::Plain.show(2.0), "2");
    }
}
