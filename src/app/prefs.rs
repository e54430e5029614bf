//! What the app remembers between sessions through eframe's storage:
//! preferences, layout and recent files — never a scenario, which lives in
//! its own file.

use std::path::PathBuf;

use super::view::View;

/// Light, dark or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every theme, in the order the View menu offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The theme's line in the View menu.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "Theme: as the system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Saved preferences. `#[serde(default)]` so preferences from an older
/// version still load.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: Theme,
    pub view: View,
    /// Charts in discounted (present value) terms rather than cash.
    pub discounted: bool,
    /// Width of the editor panel, in points.
    pub editor_width: f32,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Files open when the app last closed, reopened next time.
    pub open_files: Vec<PathBuf>,
    /// Which of them was in front, brought to the front again.
    pub active_file: Option<PathBuf>,
}

impl Prefs {
    /// Paths saved by earlier versions on Windows as `\\?\C:\…`, written
    /// as people write them.
    #[must_use]
    pub fn with_plain_paths(mut self) -> Self {
        for p in self
            .recent
            .iter_mut()
            .chain(self.open_files.iter_mut())
            .chain(self.active_file.iter_mut())
        {
            *p = crate::paths::plain(p);
        }
        self
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            view: View::Headline,
            discounted: true,
            editor_width: 560.0,
            recent: Vec::new(),
            open_files: Vec::new(),
            active_file: None,
        }
    }
}

/// The storage key.
pub const KEY: &str = "counterweight.prefs";
