//! A [`Chart`] as PNG: the SVG of [`super::svg`](mod@super::svg) rendered by resvg with the
//! fonts shipped in `assets/` (Liberation Sans, regular and bold; no system fonts), so the same chart gives the
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
use super::svg::{FAMILY, FONT, FONT_BOLD, svg};

/// A named export size: pixels and pixels per layout unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    pub width: u32,
    pub height: u32,
    pub scale: f32,
}

/// Right at 16 cm wide in a Word document (an A4 page's text width with
/// 2.5 cm margins): laid out at 604 × 453 CSS pixels, 16 × 12 cm at the 96
/// per inch of CSS, so at 16 cm the 13-pixel labels print at 9.75 pt, the
/// source at 9 pt and the title at 15 pt; drawn at scale 3 (1812 × 1359
/// pixels, 288 per inch), and the PNG says so, so Word places it at 16 cm.
pub const BRIEFING: Preset = Preset {
    width: 1812,
    height: 1359,
    scale: 3.0,
};

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
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
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
    let png = render_svg(&doc, width, height)?;
    Ok(with_density(png, f64::from(scale) * 96.0))
}

/// `png` with a `pHYs` chunk of `per_inch` pixels per inch after its header,
/// so a word processor places it at its layout size (a layout unit is a CSS
/// pixel, 1/96 inch).
fn with_density(png: Vec<u8>, per_inch: f64) -> Vec<u8> {
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    const AFTER_IHDR: usize = 33;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (per_inch / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1); // unit: metre
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..AFTER_IHDR]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[AFTER_IHDR..]);
    out
}

/// The CRC-32 of PNG chunks (ISO 3309), bit by bit: 21 bytes a file.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
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
        font_family: FAMILY.to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_is_the_png_one() {
        // The IEND chunk's CRC, as in every PNG.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn density_follows_the_scale_and_the_png_still_decodes() {
        let doc = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>";
        let png = render_svg(doc, 4, 4).expect("renders");
        let dense = with_density(png, 288.0);
        let at = dense
            .windows(4)
            .position(|w| w == b"pHYs")
            .expect("a pHYs chunk");
        let per_metre =
            u32::from_be_bytes([dense[at + 4], dense[at + 5], dense[at + 6], dense[at + 7]]);
        assert_eq!(per_metre, 11_339);
        assert!(tiny_skia::Pixmap::decode_png(&dense).is_ok());
    }
}
