//! Paints a chart [`Scene`] with egui: one layout unit is one point, the
//! scene's top-left corner at the chart's rectangle's, text in the shipped
//! Liberation Sans faces at the sizes the layout measured them at.

use egui::epaint::{Mesh, PathShape, PathStroke};
use egui::{Color32, FontFamily, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2};

use crate::chart::Marker;
use crate::chart::scene::{Anchor, Item, MARKER_R, Mark, Scene, Text, marker_points};

/// The egui font families of the shipped regular and bold faces.
pub const CHART_FAMILY: &str = "chart";
pub const CHART_BOLD_FAMILY: &str = "chart-bold";

/// Liberation Sans rises 0.905 of its size above the baseline: the top of
/// an egui text row, which egui places by its top.
const ASCENT: f32 = 0.905;

/// Installs the chart faces as the families [`CHART_FAMILY`] and
/// [`CHART_BOLD_FAMILY`]. Cheap once done (egui checks by name); they take
/// effect now if no text was laid out yet this pass, else next pass.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::{FontInsert, FontPriority, InsertFontFamily};
    for (name, data, family) in [
        ("chart-regular", crate::chart::svg::FONT, CHART_FAMILY),
        (
            "chart-bold",
            crate::chart::svg::FONT_BOLD,
            CHART_BOLD_FAMILY,
        ),
    ] {
        ctx.add_font(FontInsert::new(
            name,
            egui::FontData::from_static(data),
            vec![InsertFontFamily {
                family: FontFamily::Name(family.into()),
                priority: FontPriority::Highest,
            }],
        ));
    }
}

/// Whether the chart families can be used this pass.
pub fn fonts_ready(ctx: &egui::Context) -> bool {
    let want = FontFamily::Name(CHART_BOLD_FAMILY.into());
    ctx.fonts(|f| f.families().contains(&want))
}

/// Where scene coordinates land on screen.
#[derive(Clone, Copy)]
pub struct Place {
    pub origin: Pos2,
    /// Whether the chart faces are installed (else egui's own, one frame).
    pub fonts: bool,
}

impl Place {
    pub fn pos(self, x: f64, y: f64) -> Pos2 {
        pos2(self.origin.x + x as f32, self.origin.y + y as f32)
    }

    /// `[left, top, right, bottom]` in scene units, on screen.
    pub fn rect(self, a: [f64; 4]) -> Rect {
        Rect::from_min_max(self.pos(a[0], a[1]), self.pos(a[2], a[3]))
    }
}

/// `#RRGGBB` as a colour (black if it is not one: every scene colour is).
pub fn color(hex: &str) -> Color32 {
    let digits = hex.trim_start_matches('#');
    match u32::from_str_radix(digits, 16) {
        Ok(v) if digits.len() == 6 => Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8),
        _ => Color32::BLACK,
    }
}

/// Paints `scene` with its top-left corner at `place`: the white page, then
/// the marks in order, those on the data clipped to the plot.
pub fn scene(painter: &Painter, place: Place, scene: &Scene) {
    let page = place.rect([0.0, 0.0, scene.width, scene.height]);
    painter.rect_filled(page, 0.0, Color32::WHITE);
    // The layout keeps every text on the page; the data stays on the plot.
    let on_plot = scene.plot.map_or_else(
        || painter.clone(),
        |p| painter.with_clip_rect(place.rect(p).intersect(painter.clip_rect())),
    );
    for Item { mark, on_data } in &scene.items {
        let p = if *on_data { &on_plot } else { painter };
        paint(p, place, mark);
    }
}

/// The font a scene text is drawn in.
pub fn font(t: &Text, place: Place) -> FontId {
    let family = match (place.fonts, t.bold) {
        (false, _) => FontFamily::Proportional,
        (true, false) => FontFamily::Name(CHART_FAMILY.into()),
        (true, true) => FontFamily::Name(CHART_BOLD_FAMILY.into()),
    };
    FontId::new(t.size as f32, family)
}

fn paint(p: &Painter, place: Place, mark: &Mark) {
    match mark {
        Mark::Text(t) => text(p, place, t),
        Mark::Line {
            from,
            to,
            stroke,
            width,
        } => {
            p.line_segment(
                [place.pos(from[0], from[1]), place.pos(to[0], to[1])],
                Stroke::new(*width as f32, color(stroke)),
            );
        }
        Mark::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let r = place.rect([*x, *y, x + w.max(0.0), y + h.max(0.0)]);
            let edge = stroke
                .as_ref()
                .map_or(Stroke::NONE, |s| Stroke::new(0.75, color(s)));
            p.rect(r, 0.0, color(fill), edge, StrokeKind::Middle);
        }
        Mark::Marker { shape, x, y, fill } => marker(p, place, *shape, [*x, *y], color(fill)),
        Mark::Polygon {
            points,
            fill,
            outlined,
        } => polygon(p, place, points, color(fill), *outlined),
        Mark::Polyline {
            points,
            stroke,
            dash,
            width,
        } => polyline(p, place, points, color(stroke), *dash, *width as f32),
    }
}

/// A text with its baseline at the scene's `y`, anchored as the SVG's.
fn text(p: &Painter, place: Place, t: &Text) {
    let galley = p.layout_no_wrap(t.body.clone(), font(t, place), color(&t.fill));
    let at = place.pos(t.x, t.y);
    let w = galley.size().x;
    let x = match t.anchor {
        Anchor::Start => at.x,
        Anchor::Middle => at.x - w / 2.0,
        Anchor::End => at.x - w,
    };
    let top = at.y - ASCENT * t.size as f32;
    p.galley(pos2(x, top), galley, color(&t.fill));
}

fn marker(p: &Painter, place: Place, shape: Marker, at: [f64; 2], fill: Color32) {
    let edge = Stroke::new(1.0, Color32::WHITE);
    let c = place.pos(at[0], at[1]);
    let r = MARKER_R as f32;
    match shape {
        Marker::None => {}
        Marker::Circle => {
            p.circle(c, r, fill, edge);
        }
        Marker::Square => {
            p.rect(
                Rect::from_center_size(c, egui::Vec2::splat(2.0 * r)),
                0.0,
                fill,
                edge,
                StrokeKind::Middle,
            );
        }
        Marker::Triangle | Marker::Diamond => {
            if let Some(pts) = marker_points(shape, at[0], at[1], MARKER_R) {
                polygon(p, place, &pts, fill, true);
            }
        }
    }
}

/// A polygon. egui fills a polygon as if it were convex, and a band over
/// years seldom is (the fan widens and bends): a band (its upper edge left
/// to right, then its lower edge back) is filled one convex quadrilateral a
/// year, in one mesh so no seams show between them.
fn polygon(p: &Painter, place: Place, pts: &[[f64; 2]], fill: Color32, outlined: bool) {
    let screen: Vec<Pos2> = pts.iter().map(|q| place.pos(q[0], q[1])).collect();
    if outlined || screen.len() <= 4 || screen.len() % 2 == 1 {
        let edge = if outlined {
            Stroke::new(1.0, Color32::WHITE)
        } else {
            Stroke::NONE
        };
        p.add(Shape::convex_polygon(screen, fill, edge));
        return;
    }
    let n = screen.len() / 2;
    let mut mesh = Mesh::default();
    for q in &screen {
        mesh.colored_vertex(*q, fill);
    }
    for i in 0..n - 1 {
        // Upper i, i + 1; lower under them (the lower edge runs back).
        let (a, b) = (i as u32, i as u32 + 1);
        let (c, d) = ((2 * n - 2 - i) as u32, (2 * n - 1 - i) as u32);
        mesh.add_triangle(a, b, c);
        mesh.add_triangle(a, c, d);
    }
    p.add(Shape::mesh(mesh));
}

fn polyline(
    p: &Painter,
    place: Place,
    pts: &[[f64; 2]],
    c: Color32,
    dash: crate::chart::Dash,
    width: f32,
) {
    use crate::chart::Dash;
    let screen: Vec<Pos2> = pts.iter().map(|q| place.pos(q[0], q[1])).collect();
    let stroke = Stroke::new(width, c);
    match dash {
        Dash::Solid => {
            p.add(PathShape::line(screen, PathStroke::from(stroke)));
        }
        // The SVG's dash pattern: 9 on, 5 off.
        Dash::Dashed => {
            p.extend(Shape::dashed_line(&screen, stroke, 9.0, 5.0));
        }
        // Round dots 4 apart.
        Dash::Dotted => {
            p.extend(Shape::dotted_line(&screen, c, 4.0, width / 2.0));
        }
    }
}
