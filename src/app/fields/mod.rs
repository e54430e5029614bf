//! Editing widgets for one field each: text, money and other numbers as
//! people type them, uncertain values, years and profiles. Every field has a
//! visible label that names it for screen readers, and shows its problem
//! (from `scenario::validate` or from reading the text) right under it.

mod profile;
mod unit;
mod value;

use std::collections::HashMap;

use egui::{Color32, Id, Response, TextEdit, Ui};

use super::a11y;

pub use profile::profile;
pub use unit::Unit;
pub use value::value;

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
    /// The appraisal's length in years, for what a profile counts.
    pub horizon: u32,
    /// The central amount of the item being drawn, when it has one that
    /// its profile spreads (savings, costs, fines).
    pub amount: Option<f64>,
    /// A request, from a profile's "Keep the total" button, to multiply
    /// the amount of the item at this path by this factor.
    pub rescale: Option<(String, f64)>,
    /// The input (by its `solve --input` path) whose break-even was asked
    /// for from its right-click menu this frame.
    pub break_even: Option<(String, Unit)>,
    /// The item being drawn, as a screen reader names it ("Savings 1,
    /// Back-office savings"); empty outside the lists.
    pub scope: String,
    /// The label of the field being drawn ("Amount"); empty outside a field's row.
    pub field: String,
}

impl Ed<'_> {
    /// What `part` of the field being drawn ("low"; "" for the field
    /// itself) is called for a screen reader: "Savings 1, Back-office
    /// savings — amount, low". Empty when nothing is being drawn in a
    /// field's row, so the widget keeps the name of its visible label.
    pub fn name(&self, part: &str) -> String {
        field_name(&self.scope, &self.field, part)
    }

    fn typed(&mut self, id: Id) {
        self.key = Some(id);
    }

    /// Marks a change that should be an undo step of its own.
    pub fn step(&mut self) {
        self.structural = true;
    }
}

/// The name of `part` of the field labelled `field` of the item `scope`
/// ([`Ed::name`]); every part of a name may be empty.
pub fn field_name(scope: &str, field: &str, part: &str) -> String {
    let field = field.trim_end_matches(':');
    let mut name = match (scope.is_empty(), field.is_empty()) {
        (_, true) => scope.to_owned(),
        (true, false) => field.to_owned(),
        (false, false) => format!("{scope} — {}", lower_first(field)),
    };
    if !part.is_empty() {
        if name.is_empty() {
            return String::new();
        }
        name.push_str(", ");
        name.push_str(part);
    }
    name
}

/// What a screen reader calls item `n` (from 1) of the list `title`:
/// "Savings 1, Back-office savings". Every control of the item is named
/// after it ([`Ed::name`]).
pub fn item_name(list_title: &str, n: usize, item: &str) -> String {
    format!("{list_title} {n}, {item}")
}

/// "Amount" to "amount" in the middle of a name; "WELLBY value" stays.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_owned(),
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

/// Draws an error message under a field and a red frame round it; a
/// screen reader hears the message as it appears (a live region).
fn mark_error(ui: &mut Ui, rect: egui::Rect, message: &str) {
    let color = ui.visuals().error_fg_color;
    ui.painter().rect_stroke(
        rect.expand(1.0),
        2.0,
        egui::Stroke::new(1.5, color),
        egui::StrokeKind::Outside,
    );
    let resp = ui.add(
        egui::Label::new(
            egui::RichText::new(format!("⚠ {message}"))
                .color(color)
                .small(),
        )
        .wrap(),
    );
    a11y::announce(&resp, message);
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

/// Names `resp` as part `part` of the field being drawn ([`Ed::name`]) and
/// marks it invalid when the validator has a problem with `path`.
fn describe(resp: &Response, ed: &Ed<'_>, part: &str, path: &str) {
    a11y::name(resp, &ed.name(part));
    if let Some(message) = ed.errors.get(path) {
        a11y::invalid(resp, message);
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
    describe(&resp, ed, "", path);
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
    describe(&resp, ed, "", path);
    problem(ui, ed, path, resp.rect);
    resp
}

/// A number typed as text: shown formatted, read back on every keystroke.
/// While the field has focus the typed text is kept as it is; text that
/// does not read as a number stays, with its message, after the field
/// loses focus, until it is corrected.
pub fn number(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    x: &mut f64,
    unit: Unit,
    id: Id,
    width: f32,
) -> Response {
    number_part(ui, ed, label_id, x, unit, id, width, "")
}

/// [`number`], named as `part` ("low") of the field being drawn.
fn number_part(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    x: &mut f64,
    unit: Unit,
    id: Id,
    width: f32,
    part: &str,
) -> Response {
    let buffer_id = id.with("text");
    let error_id = id.with("error");
    let focused = ui.memory(|m| m.has_focus(id));
    let kept = focused || ui.data(|d| d.get_temp::<String>(error_id).is_some());
    let mut text = if kept {
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
    let error = ui.data(|d| d.get_temp::<String>(error_id));
    if resp.has_focus() || error.is_some() {
        ui.data_mut(|d| d.insert_temp(buffer_id, text));
    } else {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    a11y::name(&resp, &ed.name(part));
    if let Some(e) = error {
        a11y::invalid(&resp, &e);
        mark_error(ui, resp.rect, &e);
    }
    resp
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
    describe(&resp, ed, "", path);
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
    describe(&resp, ed, "", path);
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
        let tick = ui.checkbox(&mut open, "to the end");
        // "Costs 1, Legacy systems — to the end", not "— to, to the end".
        a11y::name(&tick, &field_name(&ed.scope, "To the end", ""));
        if tick.changed() {
            *to = if open { None } else { Some(default) };
            ed.step();
        }
        if let Some(y) = to {
            year(ui, ed, label_id, y, path);
        }
    });
}

/// A tick box with `words` beside it, named with the field it belongs to.
pub fn check(ui: &mut Ui, ed: &Ed<'_>, value: &mut bool, words: &str) -> Response {
    let resp = ui.checkbox(value, words);
    a11y::name(&resp, &ed.name(words));
    resp
}

/// A button in a field's row, named as `part` of the field ("reset").
pub fn field_button(
    ui: &mut Ui,
    ed: &Ed<'_>,
    button: egui::Button<'_>,
    enabled: bool,
    part: &str,
) -> Response {
    let resp = ui.add_enabled(enabled, button);
    a11y::name(&resp, &ed.name(part));
    resp
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
    choice_part(ui, ed, label_id, id, value, options, "");
}

/// [`choice`], named as `part` ("terms") of the field being drawn.
pub fn choice_part<T: PartialEq + Copy>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    id: Id,
    value: &mut T,
    options: &[(T, &str)],
    part: &str,
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
    let resp = inner.response.labelled_by(label_id);
    a11y::name(&resp, &ed.name(part));
    a11y::combo(&resp, current);
}

/// The colour used for text that explains where a figure comes from.
pub fn weak(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}
