//! The axes: round value steps, category names (or letters and a key when
//! they would crowd), and what a hovered bar is.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart};

/// Grid steps for a value axis: a round step (1, 2, 2.5 or 5 times a power
/// of ten) giving about six marks over the range shown, a fifth of it, and
/// five times it.
pub(super) fn round_steps(input: &egui_plot::GridInput) -> [f64; 3] {
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

/// A tick value with its thousands grouped, as the bars' own values are:
/// "339,000", "−2.5". A mark within 4 % of either end of the axis is left
/// unlabelled: centred on the plot's edge, its text ran off the window
/// ("34300" of 343000 at 1280 × 720).
pub(super) fn tick_value(value: f64, range: &std::ops::RangeInclusive<f64>) -> String {
    let span = (range.end() - range.start()).abs();
    let edge = 0.04 * span;
    if value < range.start() + edge || value > range.end() - edge {
        return String::new();
    }
    grouped(value)
}

/// `value` with thousands grouped and no more decimals than it needs.
pub(super) fn grouped(value: f64) -> String {
    // Tick values are round steps: 12 significant digits drop float dust.
    let text = format!("{}", (value * 1e6).round() / 1e6);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("\u{2212}", rest),
        None => ("", text.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if out == "0" {
        return out;
    }
    format!("{sign}{out}")
}

/// "A", "B", … for the `i`th category in a key.
pub(super) fn letter(i: usize) -> String {
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
pub(super) fn categories_keyed(ui: &Ui, categories: &[String]) -> bool {
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
pub(super) fn category(categories: &[String], v: f64) -> String {
    let i = v.round();
    if (v - i).abs() > 1e-9 || i < 0.0 {
        return String::new();
    }
    categories.get(i as usize).cloned().unwrap_or_default()
}

/// What a bar at `at` on a category axis is, for its tooltip: "Lost
/// earnings: takes away from the total", "Months out of work: input at its
/// high value"; the series' name alone off a category axis.
pub(super) fn thing_named(categories: &[String], at: f64, series: &str) -> String {
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
pub(super) fn bar_name(bar: &Bar, chart: &BarChart) -> String {
    use egui_plot::PlotItem as _;
    if bar.name.is_empty() {
        chart.name().to_owned()
    } else {
        bar.name.clone()
    }
}
