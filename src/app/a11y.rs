//! What a screen reader is told beyond what egui says by itself: names
//! with their context, roles egui does not give (menu items, tabs, charts,
//! tables), invalid fields and announcements. Every helper writes to the
//! widget's AccessKit node after egui has filled it, so it only adds to or
//! corrects what egui said. How names are built is in docs/architecture.md
//! ("Accessibility").

use egui::accesskit::{Invalid, Live, Role};
use egui::{Id, Response, Ui};

use crate::chart::Chart;

/// Sets the name a screen reader reads for `resp` (over any `labelled_by`).
pub fn name(resp: &Response, name: &str) {
    if name.is_empty() {
        return;
    }
    resp.ctx
        .accesskit_node_builder(resp.id, |n| n.set_label(name));
}

/// `text` without a leading symbol (an emoji or arrow drawn as an icon):
/// "➕ Add saving" is read "Add saving".
pub fn without_icon(text: &str) -> &str {
    let t = text.trim_start();
    match t.split_once(' ') {
        Some((first, rest)) if !first.is_empty() && first.chars().all(is_icon) => rest.trim_start(),
        _ => t,
    }
}

/// Arrows, symbols and emoji (from U+2190 on), not letters, digits or "£".
fn is_icon(c: char) -> bool {
    u32::from(c) >= 0x2190 && !c.is_alphanumeric()
}

/// Tells a screen reader what drop-down `resp` holds, in words (its value,
/// which may be longer than the button's text), and in its description too
/// ("Currently fixed"): AccessKit's AT-SPI adapter does not pass a combo
/// box's value on, so Orca read no value at all.
pub fn combo(resp: &Response, value: &str) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_value(value);
        let description = match n.description() {
            Some(d) if !d.starts_with("Currently ") => format!("Currently {value}. {d}"),
            _ => format!("Currently {value}"),
        };
        n.set_description(description);
    });
}

/// A menu item: role, its name without the shortcut, and the shortcut as a shortcut.
pub fn menu_item(resp: &Response, name: &str, shortcut: &str) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::MenuItem);
        n.set_label(without_icon(name));
        if !shortcut.is_empty() {
            n.set_keyboard_shortcut(shortcut);
        }
    });
}

/// One of a menu's exclusive choices (a view, a theme).
pub fn menu_radio(resp: &Response, selected: bool) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::MenuItemRadio);
        n.set_toggled(if selected {
            egui::accesskit::Toggled::True
        } else {
            egui::accesskit::Toggled::False
        });
    });
}

/// A tab of a tab list (the open scenarios, the results views), selected or not.
pub fn tab(resp: &Response, name: &str, selected: bool) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::Tab);
        n.set_label(name);
        n.clear_toggled();
        n.set_selected(selected);
    });
}

/// One of a few exclusive choices (discounted or cash).
pub fn radio(resp: &Response, name: &str, selected: bool) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::RadioButton);
        n.set_label(name);
        n.set_toggled(if selected {
            egui::accesskit::Toggled::True
        } else {
            egui::accesskit::Toggled::False
        });
    });
}

/// A section header that folds: says whether it is unfolded in a way each
/// adapter reads (egui sets AccessKit's `expanded`, which AccessKit's AT-SPI
/// adapter does not pass on; as a toggle button, "pressed" is read), and
/// names it `name` when that is not its visible text.
pub fn folding<R>(resp: &egui::CollapsingResponse<R>, name: Option<&str>) {
    let open = resp.body_returned.is_some();
    let header = &resp.header_response;
    header.ctx.accesskit_node_builder(header.id, |n| {
        n.set_expanded(open);
        n.set_toggled(if open {
            egui::accesskit::Toggled::True
        } else {
            egui::accesskit::Toggled::False
        });
        if let Some(name) = name {
            n.set_label(name);
        }
    });
}

/// Gives the node of `ui` (a panel, a list of tabs) a role and a name.
pub fn region(ui: &Ui, role: Role, name: &str) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |n| {
        n.set_role(role);
        n.set_label(name);
    });
}

/// Makes the node of a scroll area's content `ui` clip its children to
/// what shows, so nodes scrolled out of sight are not reported as showing
/// (AccessKit leaves out a clipped child outside its parent's bounds).
pub fn clip(ui: &Ui, name: &str) {
    let clip = ui.clip_rect();
    ui.ctx().accesskit_node_builder(ui.unique_id(), |n| {
        n.set_role(Role::ScrollView);
        n.set_label(name);
        n.set_clips_children();
        n.set_bounds(egui::accesskit::Rect {
            x0: clip.min.x.into(),
            y0: clip.min.y.into(),
            x1: clip.max.x.into(),
            y1: clip.max.y.into(),
        });
    });
}

/// Scrolls the scroll area being drawn in `ui` to the widget that has just
/// taken keyboard focus, if it is inside: call at the end of its contents.
/// (egui scrolls only to widgets that ask, one by one.)
pub fn follow_focus(ui: &Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    let area = ui.min_rect();
    if r.gained_focus() && r.layer_id == ui.layer_id() && area.contains(r.rect.center()) {
        ui.scroll_to_rect(r.rect.expand(8.0), None);
    }
}

/// Gives focus back to the control that opened a popup (a drop-down, a
/// menu) when Escape closes it: egui drops focus on Escape, which leaves a
/// keyboard user at the top of the window.
#[derive(Default)]
pub struct FocusReturn {
    /// What had focus as the open popup opened.
    opener: Option<Id>,
    /// What had focus at the end of the last frame.
    last_focus: Option<Id>,
    /// Whether a popup was open at the end of the last frame.
    was_open: bool,
}

impl FocusReturn {
    /// Call before drawing: Escape with a popup open focuses its opener.
    pub fn begin(&mut self, ctx: &egui::Context) {
        if self.was_open
            && ctx.input(|i| i.key_pressed(egui::Key::Escape))
            && let Some(id) = self.opener.take()
        {
            ctx.memory_mut(|m| m.request_focus(id));
        }
    }

    /// Call after drawing: notes a popup that has just opened, and its opener.
    pub fn end(&mut self, ctx: &egui::Context) {
        let open = egui::Popup::is_any_open(ctx);
        let focus = ctx.memory(egui::Memory::focused);
        if open && !self.was_open {
            self.opener = focus.or(self.last_focus);
        }
        if !open {
            self.opener = None;
        }
        self.was_open = open;
        self.last_focus = focus;
    }
}

/// Which key answers the dialog being drawn: Enter (the default answer)
/// or Escape (close, or the answer that loses nothing). Enter counts only
/// when no widget has focus: on a focused button Enter presses that
/// button, and in a text field it is the field's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKey {
    Enter,
    Escape,
}

impl DialogKey {
    /// The key pressed this frame, if it answers a dialog.
    pub fn pressed(ctx: &egui::Context) -> Option<Self> {
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            Some(Self::Escape)
        } else if ctx.input(|i| i.key_pressed(egui::Key::Enter))
            && ctx.memory(egui::Memory::focused).is_none()
        {
            Some(Self::Enter)
        } else {
            None
        }
    }
}

/// Gives `resp` (a dialog's default button) focus when nothing in the
/// dialog has it yet, so a screen reader starts in the dialog and Enter
/// presses it.
pub fn default_button(resp: &Response) {
    if resp.ctx.memory(egui::Memory::focused).is_none() {
        resp.request_focus();
    }
}

/// How thick the focus ring is, in points.
pub const FOCUS_RING_WIDTH: f32 = 2.0;

/// Draws a ring round the widget that has keyboard focus, in the theme's
/// selection colour, over whatever the widget draws itself: egui shows
/// focus only on some widgets (not on section headers, tick boxes' words or
/// links). Call once a frame, after everything is drawn.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    if !r.is_pointer_button_down_on() && r.interact_rect.is_positive() {
        let color = ctx.global_style().visuals.selection.stroke.color;
        ctx.layer_painter(r.layer_id)
            .with_clip_rect(r.interact_rect.expand(FOCUS_RING_WIDTH + 1.0))
            .rect_stroke(
                r.rect.expand(1.0),
                3.0,
                egui::Stroke::new(FOCUS_RING_WIDTH, color),
                egui::StrokeKind::Outside,
            );
    }
}

/// Marks `resp` invalid, with `message` as its description: a screen reader
/// says "invalid entry" and reads why.
pub fn invalid(resp: &Response, message: &str) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_invalid(Invalid::True);
        n.set_description(message);
    });
}

/// Makes `resp` (a message that has just appeared) a live region, so a
/// screen reader reads it out when it appears or changes.
pub fn announce(resp: &Response, message: &str) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        // A label is read by its value: the words without the "⚠".
        n.set_value(message);
        n.set_label(message);
        n.set_live(Live::Polite);
    });
}

/// Gives the plot `resp` of `chart` its text alternative: named by its
/// title, described by the export's `<desc>` text. A tornado's inputs and
/// their swings are also one readable node each, under the chart (the bars
/// and their values are drawn, so nothing else names them).
pub fn chart(ui: &mut Ui, resp: &Response, chart: &Chart) {
    resp.ctx.accesskit_node_builder(resp.id, |n| {
        n.set_role(Role::Image);
        n.set_label(format!("Chart: {}", chart.title));
        n.set_description(chart.alt_text.as_str());
    });
    let items = swings(chart);
    if items.is_empty() {
        return;
    }
    // Zero-sized, so nothing is drawn; parented to the chart for the tree.
    let at = egui::Rect::from_min_size(resp.rect.left_top(), egui::Vec2::ZERO);
    let mut list = ui.new_child(
        egui::UiBuilder::new()
            .id_salt(("swings", resp.id))
            .max_rect(at)
            .accessibility_parent(resp.id)
            .accessibility_role(Role::List)
            .accessibility_label("Inputs and their swings, largest first"),
    );
    for (i, line) in items.iter().enumerate() {
        let _ = list.new_child(
            egui::UiBuilder::new()
                .id_salt(("swing", i))
                .max_rect(at)
                .accessibility_role(Role::ListItem)
                .accessibility_label(line.as_str()),
        );
    }
}

/// A tornado's rows in words, top to bottom: "Months out of work: £31m at
/// low, £52m at high". Empty for other charts.
fn swings(chart: &Chart) -> Vec<String> {
    use crate::chart::Geometry;
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); chart.y_categories.len()];
    for s in &chart.series {
        if let Geometry::HorizontalBars { y, to, labels, .. } = &s.geometry {
            for (i, (y, to)) in y.iter().zip(to).enumerate() {
                let row = y.round().max(0.0) as usize;
                let value = labels
                    .get(i)
                    .filter(|l| !l.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("£{to:.1}m"));
                if let Some(r) = rows.get_mut(row) {
                    r.push(format!("{} {value}", s.name));
                }
            }
        }
    }
    chart
        .y_categories
        .iter()
        .zip(rows)
        .map(|(input, bars)| format!("{input}: {}", bars.join(", ")))
        .collect()
}

/// Hides a node from screen readers: one that repeats what a row's line reads.
pub fn hide(resp: &Response) {
    resp.ctx
        .accesskit_node_builder(resp.id, egui::accesskit::Node::set_hidden);
}

/// A table as screen readers get it: the container `table` gets the table
/// role, its size and a name; each row is read as one line (its first cell's
/// node, given the row role), the other cells hidden, because AccessKit's
/// Linux and Windows adapters expose no table cells to navigate
/// (see docs/architecture.md, "Accessibility").
pub struct Table {
    id: Id,
    rows: usize,
    columns: usize,
}

impl Table {
    /// The table drawn in `ui`, with `columns` columns; its name is `caption`.
    pub fn new(ui: &Ui, caption: &str, columns: usize) -> Self {
        let id = ui.unique_id();
        ui.ctx().accesskit_node_builder(id, |n| {
            n.set_role(Role::Table);
            n.set_label(caption);
            n.set_column_count(columns);
        });
        Self {
            id,
            rows: 0,
            columns,
        }
    }

    /// One row: `first` is its first cell's response, read as `line`;
    /// `others` the rest of its cells, hidden.
    pub fn row(&mut self, first: &Response, line: &str, others: &[Response]) {
        let index = self.rows;
        first.ctx.accesskit_node_builder(first.id, |n| {
            n.set_role(Role::Row);
            n.clear_value();
            n.set_label(line);
            n.set_row_index(index);
        });
        for o in others {
            hide(o);
        }
        self.rows += 1;
    }

    /// Records the number of rows drawn; call after the last.
    pub fn finish(self, ctx: &egui::Context) {
        let Self { id, rows, columns } = self;
        ctx.accesskit_node_builder(id, |n| {
            n.set_row_count(rows);
            n.set_column_count(columns);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::without_icon;

    #[test]
    fn icons_leave_names_and_words_stay() {
        assert_eq!(without_icon("➕ Add saving"), "Add saving");
        assert_eq!(without_icon("📂 Open…"), "Open…");
        assert_eq!(without_icon("⬆ Up"), "Up");
        assert_eq!(without_icon("Net savings"), "Net savings");
        assert_eq!(without_icon("2015 total"), "2015 total");
        assert_eq!(without_icon("£ million"), "£ million");
    }
}
