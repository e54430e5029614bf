//! Export commands applied directly, and their answers in the status line.

use std::time::Instant;

use super::super::{App, Command};
use super::*;

fn app() -> App {
    App::headless(Vec::new())
}

/// Applies `command` and waits for the export thread's answer in the status line.
fn finish(app: &mut App, command: ExportCommand) -> String {
    let ctx = egui::Context::default();
    app.apply(Command::Export(command), &ctx);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        app.exports_poll();
        if !app.status.ends_with('…') {
            return app.status.clone();
        }
        assert!(Instant::now() < deadline, "status: {}", app.status);
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_exported_chart_carries_the_edited_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app();
    for ext in ["svg", "png"] {
        let path = dir.path().join(format!("chart.{ext}"));
        let status = finish(
            &mut app,
            ExportCommand::ChartTo {
                path: path.clone(),
                title: "Savings <vanish> & more".to_owned(),
            },
        );
        assert_eq!(status, format!("Exported {}", path.display()));
        let bytes = std::fs::read(&path).expect("written");
        if ext == "svg" {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.contains("Savings &lt;vanish&gt; &amp; more"));
        } else {
            assert!(bytes.starts_with(b"\x89PNG"));
            // Beside it: the text alternative (with the edited title) and the numbers.
            let alt = std::fs::read_to_string(dir.path().join("chart.png.txt"))
                .expect("alt text written");
            assert!(alt.starts_with("OFFICIAL\n"), "{alt}");
            assert!(alt.contains("Savings <vanish> & more"), "{alt}");
            let data =
                std::fs::read_to_string(dir.path().join("chart.data.csv")).expect("data written");
            assert!(data.contains("Chart,Savings <vanish> & more"), "{data}");
        }
    }
}

#[test]
fn copying_a_chart_without_a_clipboard_says_so_and_does_not_panic() {
    let mut app = app();
    let status = finish(&mut app, ExportCommand::CopyChart);
    assert!(
        status == "Copied the chart as an image"
            || status.starts_with("Could not copy the chart: "),
        "{status}"
    );
}

#[test]
fn the_table_view_has_no_chart_to_export() {
    let mut app = app();
    app.prefs.view = View::Table;
    app.apply(
        Command::Export(ExportCommand::Chart),
        &egui::Context::default(),
    );
    assert!(app.exports.form.is_none());
    assert!(app.status.starts_with("This view has no chart"));
}

#[test]
fn the_briefing_pack_and_audit_workbook_are_written_off_the_ui_thread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app();
    for (ext, magic) in [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")] {
        let path = dir.path().join(format!("pack.{ext}"));
        let status = finish(&mut app, ExportCommand::BriefTo(path.clone()));
        assert_eq!(status, format!("Exported {}", path.display()));
        let bytes = std::fs::read(&path).expect("written");
        assert!(bytes.starts_with(b"PK"), "a zip");
        assert!(
            bytes.windows(magic.len()).any(|w| w == magic.as_bytes()),
            "{ext} has {magic}"
        );
    }
    let status = finish(
        &mut app,
        ExportCommand::BriefTo(dir.path().join("pack.pdf")),
    );
    assert!(
        status.contains(".docx") && status.contains(".xlsx"),
        "{status}"
    );
}
