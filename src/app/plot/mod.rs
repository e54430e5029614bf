//! Draws a core [`Chart`] on screen with the export's own layout: the chart
//! is laid out at its rectangle's size in points by
//! [`crate::chart::scene`] — the function [`crate::chart::try_svg`] writes
//! SVG from — and the [`Scene`] it returns is painted with egui's painter
//! (`paint`), its text in the shipped Liberation Sans faces, registered as
//! egui font families, at the sizes the layout measured them at. So the
//! screen measures with the font it draws in, and shows the same titles,
//! wrapping, labels, keys and thinned ticks as the exported briefing of the
//! same size.
//!
//! Dark theme: the scene's colours are for a white page, so the chart is
//! painted on a white card in both themes (as the briefing prints it),
//! rather than with colours mapped for a dark ground.
//!
//! A window too small for the chart gets the layout's refusal in words
//! (the export refuses the same size), never a squashed chart. Hovering a
//! bar or a point shows what it is and its exact value (the layout's
//! [`crate::chart::scene::Hover`]s).

mod paint;
#[cfg(test)]
mod shape_tests;
#[cfg(test)]
mod thing_tests;

use egui::{Rect, Sense, Ui};

use crate::chart::{Chart, Scene, TooSmall};
use paint::Place;
pub use paint::install_fonts;

/// The least room a chart keeps between its title and its source line
/// (subtitle, legend, plot and axes). Below this the legend and labels
/// crowd out the data, so in a short window the results scroll instead.
/// (The export's type is larger than `egui_plot`'s was — a 20 pt title
/// against 16 — so this is 220, where the old drawing kept 240.)
pub const MIN_PLOT_HEIGHT: f32 = 220.0;

/// The shortest a chart is drawn: room for [`MIN_PLOT_HEIGHT`] and the
/// markings, title and source line around it.
const MIN_CHART_HEIGHT: f32 = MIN_PLOT_HEIGHT + 180.0;

/// Draws `chart` across the available width, down to `bottom` (a y in
/// `ui`'s coordinates) but never shorter than [`MIN_CHART_HEIGHT`].
pub fn chart_ui(ui: &mut Ui, chart: &Chart, bottom: f32) {
    install_fonts(ui.ctx());
    let fonts = paint::fonts_ready(ui.ctx());
    if !fonts {
        // Installed now, drawn in them next frame.
        ui.ctx().request_repaint();
    }
    let width = ui.available_width().floor();
    let height = (bottom - ui.cursor().top()).max(MIN_CHART_HEIGHT).floor();
    match crate::chart::scene(chart, f64::from(width), f64::from(height)) {
        Ok(scene) => {
            let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
            let place = Place {
                origin: rect.min,
                fonts,
            };
            paint::scene(ui.painter(), place, &scene);
            name_texts(ui, place, &scene);
            let resp = tooltip(resp, place, &scene);
            super::a11y::chart(ui, &resp, chart);
        }
        Err(e) => too_small_ui(ui, chart, &e),
    }
}

/// What the chart cannot show at this size, in words, as the export says it.
fn too_small_ui(ui: &mut Ui, chart: &Chart, e: &TooSmall) {
    let resp = ui.label(format!(
        "{} — this chart needs at least {:.0} × {:.0} points to be read; it has {:.0} × {:.0}. \
         Widen the window or the results panel to see it.",
        chart.title, e.need_width, e.need_height, e.width, e.height
    ));
    super::a11y::chart(ui, &resp, chart);
}

/// The title, subtitle, note and source each named once, whole, for a
/// screen reader (they are painted a line at a time).
fn name_texts(ui: &Ui, place: Place, scene: &Scene) {
    for (i, (whole, area)) in scene.labels.iter().enumerate() {
        let rect = place.rect(*area);
        ui.interact(rect, ui.scope_id().with(("chart text", i)), Sense::hover())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, whole));
    }
}

/// The hovered data marks' names and exact values, nearest first.
fn hovered(scene: &Scene, place: Place, at: egui::Pos2) -> Vec<&str> {
    let mut hit: Vec<(f32, &str)> = scene
        .hovers
        .iter()
        .filter_map(|h| {
            let r: Rect = place.rect(h.area);
            r.contains(at)
                .then(|| (r.center().distance(at), h.text.as_str()))
        })
        .collect();
    hit.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<&str> = Vec::new();
    for (_, t) in hit {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    // Where lines meet, each is named; a few at most.
    out.truncate(3);
    out
}

fn tooltip(resp: egui::Response, place: Place, scene: &Scene) -> egui::Response {
    let Some(at) = resp.hover_pos() else {
        return resp;
    };
    let texts = hovered(scene, place, at);
    if texts.is_empty() {
        return resp;
    }
    let body = texts.join("\n\n");
    resp.on_hover_ui_at_pointer(|ui| {
        ui.label(body);
    })
}
