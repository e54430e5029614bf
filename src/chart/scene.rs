//! What the chart layout ([`super::svg`](mod@super::svg)) decided to draw: a
//! list of marks in layout units, with the text already measured, wrapped and
//! placed. The export writes it as SVG ([`Scene::to_svg`]); the app paints
//! the same list with egui, in the same font, so the screen and the briefing
//! are one layout, not two that disagree.
//!
//! Colours are `#RRGGBB` for a white page: whoever paints a scene paints it
//! on white.

use std::fmt::Write as _;

use super::{Dash, Marker};

/// Which end of a text its `x` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text; `y` is its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub fill: String,
    pub anchor: Anchor,
    pub bold: bool,
    /// The protective marking: bold, outlined in its own ink.
    pub marking: bool,
    pub body: String,
}

/// One drawing primitive, in layout units (`y` down).
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Text(Text),
    Line {
        from: [f64; 2],
        to: [f64; 2],
        stroke: String,
        width: f64,
    },
    /// A filled rectangle, optionally outlined 0.75 wide.
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: String,
        stroke: Option<String>,
    },
    /// A point's marker (radius 4), outlined in white.
    Marker {
        shape: Marker,
        x: f64,
        y: f64,
        fill: String,
    },
    /// A filled polygon; `outlined`: with a white edge 1 wide.
    Polygon {
        points: Vec<[f64; 2]>,
        fill: String,
        outlined: bool,
    },
    Polyline {
        points: Vec<[f64; 2]>,
        stroke: String,
        dash: Dash,
        width: f64,
    },
}

/// A mark and whether it is drawn on the data: the series, their markers and
/// their value labels (gridlines, axes and everything around the plot are
/// not). The app clips these to [`Scene::plot`].
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub mark: Mark,
    pub on_data: bool,
}

/// What a data mark is, for a tooltip: its area and the words naming the
/// thing and its exact value ("Data harm: adds to the total\n£0.4m").
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// `[left, top, right, bottom]` in layout units.
    pub area: [f64; 4],
    pub text: String,
}

/// A chart laid out at `width × height` layout units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// The chart's title and alt text (the SVG's `<title>` and `<desc>`).
    pub title: String,
    pub desc: String,
    pub items: Vec<Item>,
    pub hovers: Vec<Hover>,
    /// The plot's data area `[left, top, right, bottom]`, when there is one.
    pub plot: Option<[f64; 4]>,
    /// Whole texts the layout wrapped into lines (title, subtitle, note,
    /// source), each with the area its lines cover: what a screen reader
    /// reads as one label.
    pub labels: Vec<(String, [f64; 4])>,
}

/// `font-family` written on every text: Office's and GOV.UK's Arial first,
/// then the shipped face with Arial's metrics.
const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, sans-serif";

impl Scene {
    /// Every text of the scene, in drawing order.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match &i.mark {
            Mark::Text(t) => Some(t),
            _ => None,
        })
    }

    /// The scene as an SVG 1.1 document: no CSS, no scripts, no embedded
    /// fonts, a white ground.
    #[must_use]
    pub fn to_svg(&self) -> String {
        let mut s = String::new();
        let (w, h) = (n(self.width), n(self.height));
        let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">",
        );
        let _ = writeln!(s, "<title id=\"chart-title\">{}</title>", esc(&self.title));
        let _ = writeln!(s, "<desc id=\"chart-desc\">{}</desc>", esc(&self.desc));
        write_mark(
            &mut s,
            &Mark::Rect {
                x: 0.0,
                y: 0.0,
                w: self.width,
                h: self.height,
                fill: "#FFFFFF".to_owned(),
                stroke: None,
            },
        );
        let _ = writeln!(s, "<g font-family=\"{FONT_FAMILY}\">");
        for i in &self.items {
            write_mark(&mut s, &i.mark);
        }
        let _ = writeln!(s, "</g>");
        let _ = writeln!(s, "</svg>");
        s
    }
}

fn write_mark(s: &mut String, m: &Mark) {
    match m {
        Mark::Text(t) => write_text(s, t),
        Mark::Line {
            from,
            to,
            stroke,
            width,
        } => {
            let _ = writeln!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
                n(from[0]),
                n(from[1]),
                n(to[0]),
                n(to[1]),
                n(*width)
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
            let stroke = stroke.as_ref().map_or(String::new(), |s| {
                format!(" stroke=\"{s}\" stroke-width=\"0.75\"")
            });
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{stroke}/>",
                n(*x),
                n(*y),
                n(w.max(0.0)),
                n(h.max(0.0))
            );
        }
        Mark::Marker { shape, x, y, fill } => write_marker(s, *shape, *x, *y, fill),
        Mark::Polygon {
            points,
            fill,
            outlined,
        } => {
            let edge = if *outlined {
                " stroke=\"#FFFFFF\" stroke-width=\"1\""
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "<polygon points=\"{}\" fill=\"{fill}\"{edge}/>",
                points_attr(points)
            );
        }
        Mark::Polyline {
            points,
            stroke,
            dash,
            width,
        } => {
            let dash = match dash {
                Dash::Solid => "",
                Dash::Dashed => " stroke-dasharray=\"9 5\"",
                Dash::Dotted => " stroke-dasharray=\"2 4\" stroke-linecap=\"round\"",
            };
            let _ = writeln!(
                s,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{dash}/>",
                points_attr(points),
                n(*width)
            );
        }
    }
}

fn write_text(s: &mut String, t: &Text) {
    let (x, y, size) = (n(t.x), n(t.y), n(t.size));
    if t.marking {
        let _ = writeln!(
            s,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" fill=\"{0}\" text-anchor=\"middle\" font-weight=\"bold\" stroke=\"{0}\" stroke-width=\"{1}\">{2}</text>",
            t.fill,
            n(t.size * 0.05),
            esc(&t.body)
        );
        return;
    }
    let anchor = match t.anchor {
        Anchor::Start => "",
        Anchor::Middle => " text-anchor=\"middle\"",
        Anchor::End => " text-anchor=\"end\"",
    };
    let weight = if t.bold { " font-weight=\"bold\"" } else { "" };
    let _ = writeln!(
        s,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" fill=\"{}\"{anchor}{weight}>{}</text>",
        t.fill,
        esc(&t.body)
    );
}

/// The points of a marker's shape (radius `r`) around `(x, y)`: triangle
/// and diamond; `None` for the others.
#[must_use]
pub fn marker_points(m: Marker, x: f64, y: f64, r: f64) -> Option<Vec<[f64; 2]>> {
    match m {
        Marker::Triangle => Some(vec![
            [x, y - r * 1.2],
            [x + r * 1.1, y + r * 0.9],
            [x - r * 1.1, y + r * 0.9],
        ]),
        Marker::Diamond => Some(vec![
            [x, y - r * 1.3],
            [x + r * 1.3, y],
            [x, y + r * 1.3],
            [x - r * 1.3, y],
        ]),
        Marker::None | Marker::Circle | Marker::Square => None,
    }
}

/// A marker's radius in layout units.
pub const MARKER_R: f64 = 4.0;

fn write_marker(s: &mut String, m: Marker, x: f64, y: f64, color: &str) {
    let r = MARKER_R;
    match m {
        Marker::None => {}
        Marker::Circle => {
            let _ = writeln!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
                n(x),
                n(y),
                n(r)
            );
        }
        Marker::Square => {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>",
                n(x - r),
                n(y - r),
                n(2.0 * r),
                n(2.0 * r)
            );
        }
        Marker::Triangle | Marker::Diamond => {
            if let Some(points) = marker_points(m, x, y, r) {
                write_mark(
                    s,
                    &Mark::Polygon {
                        points,
                        fill: color.to_owned(),
                        outlined: true,
                    },
                );
            }
        }
    }
}

fn points_attr(pts: &[[f64; 2]]) -> String {
    pts.iter()
        .map(|p| format!("{},{}", n(p[0]), n(p[1])))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes text for XML content and attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Numbers in the SVG: two decimals at most, no "-0".
pub(super) fn n(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// What a bar at `at` on a category axis is, for its tooltip: "Lost
/// earnings: takes away from the total", "Months out of work: input at its
/// high value"; the series' name alone off a category axis.
#[must_use]
pub fn thing_named(categories: &[String], at: f64, series: &str) -> String {
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

/// The name of the category at `v` when `v` is a whole number in range.
fn category(categories: &[String], v: f64) -> String {
    let i = v.round();
    if (v - i).abs() > 1e-9 || i < 0.0 {
        return String::new();
    }
    categories.get(i as usize).cloned().unwrap_or_default()
}

/// "£12.3m" for a tooltip (`x` in £ million).
#[must_use]
pub fn exact(x_m: f64) -> String {
    crate::report::pounds(x_m * 1e6)
}
