//! A [`Chart`] as PNG: the SVG of [`super::svg`](mod@super::svg) rendered by resvg with the
//! font shipped in `assets/` (no system fonts), so the same chart gives the
//! same bytes on every machine and every run.
//!
//! `width` × `height` is the PNG's size in pixels. `scale` is pixels per
//! layout unit: the chart is laid out at `width / scale` × `height / scale`
//! (font sizes and line widths are in those units) and drawn `scale` times
//! finer. The default 1600 × 900 at 2× is laid out at 800 × 450 and stays
//! sharp when pasted into Word at page width.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::Chart;
use super::svg::{FONT, svg};

/// Largest PNG side, in pixels (a 10,000 × 10,000 RGBA image is 400 MB).
pub const MAX_SIDE: u32 = 10_000;

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error(
        "a PNG of {width} × {height} pixels is not possible: each side must be 1 to {MAX_SIDE}"
    )]
    Size { width: u32, height: u32 },
    #[error("scale {0} is not possible: it must be between 0.25 and 16")]
    Scale(f32),
    #[error("the chart's SVG could not be read back ({0}); this is a bug")]
    Svg(String),
    #[error("the PNG could not be encoded ({0})")]
    Encode(String),
}

/// The shipped font, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family("Ubuntu");
        Arc::new(db)
    })
    .clone()
}

/// The chart as PNG bytes, `width` × `height` pixels at `scale` pixels per
/// layout unit (see the module docs).
pub fn png(chart: &Chart, width: u32, height: u32, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(0.25..=16.0).contains(&scale) {
        return Err(PngError::Scale(scale));
    }
    check_size(width, height)?;
    let doc = svg(
        chart,
        f64::from(width) / f64::from(scale),
        f64::from(height) / f64::from(scale),
    );
    render_svg(&doc, width, height)
}

fn check_size(width: u32, height: u32) -> Result<(), PngError> {
    if (1..=MAX_SIDE).contains(&width) && (1..=MAX_SIDE).contains(&height) {
        Ok(())
    } else {
        Err(PngError::Size { width, height })
    }
}

/// Renders an SVG document (such as a golden file) to a `width` × `height`
/// PNG, stretched to fit, with the shipped font.
pub fn render_svg(doc: &str, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    check_size(width, height)?;
    let opts = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(doc, &opts).map_err(|e| PngError::Svg(e.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size { width, height })?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
