//! A list of items (savings, job moves, …): each folded under its name with
//! buttons to move, duplicate and delete it, its rows from its field table,
//! and a button to add a new one.

use egui::{Id, RichText, Ui};

use super::table::{Field, rows_ui};
use crate::app::a11y;
use crate::app::fields::{self, Ed};
use crate::app::ui_command::UiCommand;
use crate::scenario::Value;

/// One of the scenario's lists, as the editor shows it.
pub struct List<T: 'static> {
    /// The list's name in the file (`job_moves`): its items' paths start with it.
    pub key: &'static str,
    /// The section's title ("Jobs moved offshore").
    pub title: &'static str,
    /// One item, in words ("job move").
    pub noun: &'static str,
    /// Whether the section starts open.
    pub open: bool,
    /// A new item, for a scenario that starts in the year given.
    pub new: fn(i32) -> T,
    /// The item's name, on its header.
    pub name: fn(&T) -> &str,
    /// The item's rows: its field table.
    pub fields: for<'a> fn(&'a mut T, &Context) -> Vec<Field<'a>>,
    /// The amount its profile spreads over the years, for items that have
    /// one: a change of profile says what it does to the total.
    pub amount: Option<fn(&mut T) -> &mut Value>,
}

/// What an item's rows need from the rest of the scenario.
pub struct Context {
    /// The local multiplier assumption, for items that can have their own.
    pub multiplier: f64,
}

/// Draws `items` of `list`: each folded under its name, with buttons to
/// move, duplicate and delete it, and one to add a new one.
pub fn list_ui<T: Clone>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    items: &mut Vec<T>,
    list: &List<T>,
    cx: &Context,
) {
    enum Action {
        Up(usize),
        Down(usize),
        Duplicate(usize),
        Delete(usize),
    }
    let List {
        key,
        title: list_title,
        noun,
        new,
        name,
        fields,
        amount,
        ..
    } = list;
    let mut action = None;
    let count = items.len();
    let delete_hint = format!(
        "Delete it ({} brings it back)",
        UiCommand::Undo.shortcut_text(ui.ctx())
    );
    for (i, item) in items.iter_mut().enumerate() {
        let path = format!("{key}[{i}]");
        let mut title = name(item).to_owned();
        if title.trim().is_empty() {
            title = format!("(unnamed {noun})");
        }
        let has_error = ed
            .errors
            .keys()
            .any(|k| k.starts_with(&path) && k[path.len()..].starts_with('.'));
        let mut header = RichText::new(format!("{}. {title}", i + 1));
        if has_error {
            header =
                RichText::new(format!("⚠ {}. {title}", i + 1)).color(ui.visuals().error_fg_color);
        }
        let open_now = ui
            .data(|d| d.get_temp::<String>(open_next_id()))
            .is_some_and(|p| p == path);
        if open_now {
            ui.data_mut(|d| d.remove::<String>(open_next_id()));
        }
        // What a screen reader calls the item and every control in it.
        let scope = fields::item_name(list_title, i + 1, &title);
        scope.clone_into(&mut ed.scope);
        let folded = egui::CollapsingHeader::new(wrapped(ui, header))
            .id_salt(&path)
            .default_open(count <= 2)
            .open(open_now.then_some(true))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let n = i + 1;
                    // Named with the item, so a screen reader says which one.
                    let button =
                        |ui: &mut Ui, enabled: bool, text: &str, name: String, hint: &str| {
                            let resp = ui.add_enabled(enabled, egui::Button::new(text).small());
                            a11y::name(&resp, &name);
                            resp.on_hover_text(hint).clicked()
                        };
                    if button(ui, i > 0, "⬆ Up", format!("Move {noun} {n} up"), "Move up") {
                        action = Some(Action::Up(i));
                    }
                    if button(
                        ui,
                        i + 1 < count,
                        "⬇ Down",
                        format!("Move {noun} {n} down"),
                        "Move down",
                    ) {
                        action = Some(Action::Down(i));
                    }
                    if button(
                        ui,
                        true,
                        "Duplicate",
                        format!("Duplicate {noun} {n}"),
                        "Add a copy below",
                    ) {
                        action = Some(Action::Duplicate(i));
                    }
                    if button(
                        ui,
                        true,
                        "Delete",
                        format!("Delete {noun} {n}"),
                        &delete_hint,
                    ) {
                        action = Some(Action::Delete(i));
                    }
                });
                egui::Grid::new(&path)
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        ed.amount = amount.map(|get| get(item).central());
                        rows_ui(ui, ed, &path, fields(item, cx));
                        ed.amount = None;
                    });
                if let Some(get) = amount {
                    keep_total(ed, &path, get(item));
                }
            });
        a11y::folding(&folded, Some(&scope));
        if has_error {
            a11y::invalid(&folded.header_response, "has a problem: unfold it to see");
        }
    }
    ed.scope.clear();
    // A new item opens next frame, so its fields are there to fill in.
    let show =
        |ui: &Ui, i: usize| ui.data_mut(|d| d.insert_temp(open_next_id(), format!("{key}[{i}]")));
    let add = ui.button(format!("➕ Add {noun}"));
    a11y::name(&add, &format!("Add {noun}"));
    if add.clicked() {
        items.push(new(ed.start_year));
        show(ui, items.len() - 1);
        ed.step();
    }
    if let Some(a) = action {
        match a {
            Action::Up(i) => items.swap(i, i - 1),
            Action::Down(i) => items.swap(i, i + 1),
            Action::Duplicate(i) => {
                let copy = items[i].clone();
                items.insert(i + 1, copy);
                show(ui, i + 1);
            }
            Action::Delete(i) => {
                items.remove(i);
            }
        }
        ed.step();
    }
}

/// A header's text wrapped to the editor's width: egui lays a header's
/// text out on one line, so a long source title would widen the editor.
fn wrapped(ui: &Ui, text: RichText) -> egui::WidgetText {
    let style = ui.style();
    let width = ui.available_width() - style.spacing.indent - 2.0 * style.spacing.button_padding.x;
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        width.max(80.0),
        egui::TextStyle::Button,
    );
    egui::WidgetText::Galley(galley)
}

/// Carries out a "Keep the total" asked for by the profile of the item at
/// `path`: its amount scaled, a range in proportion, stored to the penny.
fn keep_total(ed: &mut Ed<'_>, path: &str, amount: &mut Value) {
    let Some((_, k)) = ed.rescale.take_if(|(p, _)| p == path) else {
        return;
    };
    let scaled = amount.with_central(amount.central() * k);
    *amount = fields::Unit::Money.stored_value(scaled);
    ed.step();
}

/// Where the path of an item to unfold on the next frame is kept.
fn open_next_id() -> Id {
    Id::unique("counterweight.open_next")
}
