//! The editor's rows as data. A [`Field`] is one row of a two-column grid:
//! its label, its hint, its name in the file (so the validator's problems
//! and the break-even menu find it) and what edits it; [`rows_ui`] draws a
//! table of them. Each item type's table is built from the item
//! destructured field by field, so a field added to the file format and
//! not to its table stops the build (an unused binding).

use std::ops::RangeInclusive;

use egui::{Id, RichText, Ui};

use crate::app::fields::{self, Ed, Unit, row};
use crate::scenario::{Profile, Value};

/// Width of one-line text fields.
pub const TEXT_WIDTH: f32 = 260.0;

/// One row of the editor.
pub struct Field<'a> {
    pub label: &'static str,
    /// Shown on hovering the label; "" for none.
    pub hint: &'static str,
    /// The field's name in the file: its path is the item's path, a dot
    /// and this (or this alone, at the top of the file).
    pub key: &'static str,
    pub input: Input<'a>,
    /// Where a published default comes from, shown under the field.
    pub source: &'static str,
    /// Buttons under the field that set it to a published figure.
    pub presets: Option<&'static Presets>,
    /// Why the value was changed from its default: asked for, beside the
    /// field, once it differs from the default.
    pub why: Option<&'a mut String>,
}

/// What edits a field.
pub enum Input<'a> {
    /// One line of text.
    Text(&'a mut String),
    /// A few lines of text.
    Multiline(&'a mut String),
    /// A number that can be uncertain; with a default, a Reset button back to it.
    Value(&'a mut Value, Unit, Option<Value>),
    /// A calendar year.
    Year(&'a mut i32),
    /// A last year, or "to the end"; the year given when "to the end" is unticked.
    EndYear(&'a mut Option<i32>, i32),
    /// A whole number in a range; with a default, a Reset button back to it.
    Whole(&'a mut u32, RangeInclusive<u32>, Option<u32>),
    /// A tick box, with the words beside it.
    Check(&'a mut bool, &'static str),
    /// How an amount is spread over the years: rows of its own.
    Profile(&'a mut Profile),
    /// The item's own local multiplier, or the assumption's (shown).
    LocalMultiplier(&'a mut Option<Value>, f64),
    /// Anything else, drawn by the closure with the label's id and the field's path.
    Custom(Box<Draw<'a>>),
}

/// A field drawn by its own code: given the label's id and the field's path.
pub type Draw<'a> = dyn FnOnce(&mut Ui, &mut Ed<'_>, Id, &str) + 'a;

/// Buttons that set a number to published figures.
pub struct Presets {
    /// Before the buttons: "Green Book presets:".
    pub title: &'static str,
    /// Each button's text and the fixed value it sets.
    pub values: &'static [(&'static str, f64)],
}

impl<'a> Field<'a> {
    pub fn new(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        input: Input<'a>,
    ) -> Self {
        Self {
            label,
            hint,
            key,
            input,
            source: "",
            presets: None,
            why: None,
        }
    }

    pub fn text(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        v: &'a mut String,
    ) -> Self {
        Self::new(label, hint, key, Input::Text(v))
    }

    pub fn multiline(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        v: &'a mut String,
    ) -> Self {
        Self::new(label, hint, key, Input::Multiline(v))
    }

    pub fn value(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        v: &'a mut Value,
        unit: Unit,
    ) -> Self {
        Self::new(label, hint, key, Input::Value(v, unit, None))
    }

    pub fn year(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        y: &'a mut i32,
    ) -> Self {
        Self::new(label, hint, key, Input::Year(y))
    }

    pub fn whole(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        n: &'a mut u32,
        range: RangeInclusive<u32>,
    ) -> Self {
        Self::new(label, hint, key, Input::Whole(n, range, None))
    }

    pub fn check(label: &'static str, v: &'a mut bool, words: &'static str) -> Self {
        Self::new(label, "", "", Input::Check(v, words))
    }

    pub fn custom(
        label: &'static str,
        hint: &'static str,
        key: &'static str,
        draw: impl FnOnce(&mut Ui, &mut Ed<'_>, Id, &str) + 'a,
    ) -> Self {
        Self::new(label, hint, key, Input::Custom(Box::new(draw)))
    }

    /// The row every item has first: its name.
    pub fn label(v: &'a mut String) -> Self {
        Self::text(
            "Label",
            "A short name shown in results and messages",
            "label",
            v,
        )
    }

    /// The row every item has last: its note.
    pub fn note(v: &'a mut String) -> Self {
        Self::multiline("Note", "Where the figures come from, caveats", "note", v)
    }

    /// An item's profile (the key is `profile`, added by its rows).
    pub fn profile(p: &'a mut Profile) -> Self {
        Self::new("Profile", "", "profile", Input::Profile(p))
    }

    /// An item's own local multiplier, otherwise the assumption `assumption`.
    pub fn local_multiplier(m: &'a mut Option<Value>, assumption: f64) -> Self {
        Self::new(
            "Local multiplier",
            "Knock-on loss of local spending per £ of lost earnings (1.3 = 30 % more)",
            "local_multiplier",
            Input::LocalMultiplier(m, assumption),
        )
    }

    /// With the source of its default shown under it.
    #[must_use]
    pub fn source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }

    /// Asks why, once the value differs from its default (`why` is the note).
    #[must_use]
    pub fn why(mut self, why: &'a mut String) -> Self {
        self.why = Some(why);
        self
    }

    /// With buttons for published figures under it (numbers only).
    #[must_use]
    pub fn presets(mut self, presets: &'static Presets) -> Self {
        self.presets = Some(presets);
        self
    }

    /// Draws the field's row(s) for the item at `item` (a path; "" at the
    /// top of the file).
    fn ui(self, ui: &mut Ui, ed: &mut Ed<'_>, item: &str) {
        let path = if item.is_empty() {
            self.key.to_owned()
        } else {
            format!("{item}.{}", self.key)
        };
        let Field {
            label,
            hint,
            key: _,
            input,
            source,
            presets,
            why,
        } = self;
        // Every control of the row is named with the item and this label.
        label.clone_into(&mut ed.field);
        match input {
            Input::Profile(p) => fields::profile(ui, ed, p, item),
            Input::Value(v, unit, default) => {
                row(ui, label, hint, |ui, l| match default {
                    Some(d) => {
                        ui.horizontal_wrapped(|ui| {
                            fields::value(ui, ed, l, v, unit, &path);
                            reset_button(ui, ed, v, d);
                        });
                        let default = (*v != d).then(|| value_text(&d, unit));
                        default_line(ui, ed, source, default, why, &path);
                    }
                    None => {
                        fields::value(ui, ed, l, v, unit, &path);
                        source_line(ui, source);
                    }
                });
                if let Some(p) = presets {
                    row(ui, "", "", |ui, _| presets_ui(ui, ed, v, p));
                }
            }
            input => row(ui, label, hint, |ui, l| {
                match input {
                    Input::Text(v) => {
                        fields::text(ui, ed, l, v, &path, TEXT_WIDTH);
                    }
                    Input::Multiline(v) => {
                        fields::multiline(ui, ed, l, v, &path);
                    }
                    Input::Year(y) => {
                        fields::year(ui, ed, l, y, &path);
                    }
                    Input::EndYear(to, default) => fields::end_year(ui, ed, l, to, default, &path),
                    Input::Whole(n, range, None) => {
                        fields::whole(ui, ed, l, n, range, &path);
                    }
                    Input::Whole(n, range, Some(d)) => {
                        ui.horizontal(|ui| {
                            fields::whole(ui, ed, l, n, range, &path);
                            reset_button(ui, ed, n, d);
                        });
                        let default = (*n != d).then(|| d.to_string());
                        default_line(ui, ed, source, default, why, &path);
                        return;
                    }
                    Input::Check(v, words) => {
                        if fields::check(ui, ed, v, words).changed() {
                            ed.step();
                        }
                    }
                    Input::LocalMultiplier(m, assumption) => {
                        local_multiplier_ui(ui, ed, l, m, assumption, &path);
                    }
                    Input::Custom(draw) => draw(ui, ed, l, &path),
                    // Drawn above.
                    Input::Profile(_) | Input::Value(..) => {}
                }
                source_line(ui, source);
            }),
        }
        ed.field.clear();
    }
}

/// Draws `fields` for the item at `item`, one row each, in the grid being laid out.
pub fn rows_ui<'a>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    item: &str,
    fields: impl IntoIterator<Item = Field<'a>>,
) {
    for f in fields {
        f.ui(ui, ed, item);
    }
}

fn local_multiplier_ui(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    label_id: Id,
    m: &mut Option<Value>,
    assumption: f64,
    path: &str,
) {
    let mut own = m.is_some();
    let words = format!(
        "this item's own (otherwise the assumption, {})",
        Unit::Plain.format(assumption)
    );
    if fields::check(ui, ed, &mut own, &words).changed() {
        *m = own.then_some(Value::Point(assumption));
        ed.step();
    }
    if let Some(v) = m {
        fields::value(ui, ed, label_id, v, Unit::Plain, path);
    }
}

fn presets_ui(ui: &mut Ui, ed: &mut Ed<'_>, v: &mut Value, presets: &Presets) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(presets.title).small());
        for (text, x) in presets.values {
            if ui.small_button(*text).clicked() {
                *v = Value::Point(*x);
                ed.step();
            }
        }
    });
}

fn reset_button<T: PartialEq>(ui: &mut Ui, ed: &mut Ed<'_>, v: &mut T, default: T) {
    let changed = *v != default;
    if fields::field_button(ui, ed, egui::Button::new("Reset").small(), changed, "reset")
        .on_hover_text("Back to the published default")
        .clicked()
    {
        *v = default;
        ed.step();
    }
}

/// A value as the editor shows it: "£13,000", or "£10,000–£16,000 (most likely £13,000)".
fn value_text(v: &Value, unit: Unit) -> String {
    match *v {
        Value::Point(x) => unit.format(x),
        Value::Tri { low, mode, high } | Value::Pert { low, mode, high } => format!(
            "{} to {} (most likely {})",
            unit.format(low),
            unit.format(high),
            unit.format(mode)
        ),
        Value::Uniform { low, high } => format!("{} to {}", unit.format(low), unit.format(high)),
    }
}

/// Under a field with a published default: its source while it holds the
/// default; once changed, "Changed from the default …" and the reason.
fn default_line(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    source: &str,
    changed_from: Option<String>,
    why: Option<&mut String>,
    path: &str,
) {
    let Some(default) = changed_from else {
        source_line(ui, source);
        return;
    };
    let text = if source.is_empty() {
        format!("Changed from the default, {default}.")
    } else {
        format!("Changed from the default, {default} (source: {source}).")
    };
    ui.add(egui::Label::new(RichText::new(text).small().color(fields::weak(ui))).wrap());
    if let Some(why) = why {
        let missing = why.trim().is_empty();
        let label = ui.label(RichText::new("Why changed").small());
        let resp = ui.add(
            egui::TextEdit::singleline(why)
                .id_salt((path, "why"))
                .desired_width(TEXT_WIDTH)
                .hint_text(if missing {
                    "why it was changed (please say: it goes in the assumptions log)"
                } else {
                    ""
                }),
        );
        let resp = resp
            .labelled_by(label.id)
            .on_hover_text("Why this assumption differs from its published default");
        if resp.changed() {
            ed.key = Some(resp.id);
        }
    }
}

fn source_line(ui: &mut Ui, source: &str) {
    if source.is_empty() {
        return;
    }
    ui.add(
        egui::Label::new(
            RichText::new(format!("Source: {source}"))
                .small()
                .color(fields::weak(ui)),
        )
        .wrap(),
    );
}
