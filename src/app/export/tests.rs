//! Export helpers: file names and formats.

use super::*;

#[test]
fn a_chart_path_must_end_in_svg_or_png() {
    let c = crate::chart::Chart {
        kind: crate::chart::ChartKind::Net,
        title: String::new(),
        subtitle: String::new(),
        x_label: String::new(),
        y_label: String::new(),
        x_categories: Vec::new(),
        y_categories: Vec::new(),
        series: Vec::new(),
        source: String::new(),
        marking: crate::scenario::Marking::default(),
        alt_text: String::new(),
        note: String::new(),
    };
    let e = chart_bytes(&c, Path::new("x.pdf")).expect_err("pdf is refused");
    assert!(e.contains("“.pdf”"), "{e}");
    assert_eq!(
        with_default_extension(PathBuf::from("a/b"), "png"),
        PathBuf::from("a/b.png")
    );
}
