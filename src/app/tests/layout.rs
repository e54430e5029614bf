//! A layout that stays put (issue 16, item 4): the editor's width is kept
//! only when the user drags its edge; the tab bar scrolls rather than wraps;
//! two tabs with one title show their files' names.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{App, app, harness_of_size};

/// The editor's width as kept for the next session.
fn editor_width(h: &Harness<'_, App>) -> f32 {
    h.state().prefs.editor_width
}

#[test]
fn the_editor_width_kept_changes_only_when_its_edge_is_dragged() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    h.run_steps(3);
    let before = (editor_width(&h), h.state().prefs.editor_width);
    // Everything unfolded: the widest rows, long sources and notes.
    for _ in 0..80 {
        let folded = h.root().children_recursive().find(|n| {
            let a = n.accesskit_node();
            a.role() == Role::DisclosureTriangle && a.data().is_expanded() == Some(false)
        });
        let Some(n) = folded else { break };
        n.click_accesskit();
        h.run_steps(2);
        assert_eq!(
            (editor_width(&h), h.state().prefs.editor_width),
            before,
            "the editor changed width on its own"
        );
    }
    // A long error message under a field.
    let field = h
        .root()
        .children_recursive()
        .find(|n| {
            let a = n.accesskit_node();
            a.role() == Role::TextInput && a.value().is_some_and(|v| v.starts_with('£'))
        })
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .expect("a money field");
    super::retype(
        &mut h,
        &field,
        "a long way from being an amount of money at all",
    );
    h.run_steps(3);
    assert_eq!(
        (editor_width(&h), h.state().prefs.editor_width),
        before,
        "an error message widened the editor"
    );
}

#[test]
fn the_tab_bar_stays_one_row_with_every_example_open_and_new_and_open_stay_in_view() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    h.run_steps(2);
    for i in 1..super::EXAMPLES.len() {
        h.state_mut().send(super::super::Command::OpenExample(i));
        h.run_steps(2);
    }
    h.run_steps(3);
    let tabs: Vec<egui::Rect> = h.get_all_by_role(Role::Tab).map(|t| t.rect()).collect();
    let first = tabs[0];
    let new = h.get_by_label("New").rect();
    let open = h.get_by_label("Open…").rect();
    assert!(
        (new.center().y - first.center().y).abs() < 4.0
            && (open.center().y - first.center().y).abs() < 4.0,
        "New {new:?} and Open {open:?} are not on the tabs' row ({first:?})"
    );
    assert!(open.right() <= 1280.0, "Open runs off the window: {open:?}");
    let scenario_tabs = super::EXAMPLES.len();
    for t in &tabs[..scenario_tabs] {
        assert!(
            (t.center().y - first.center().y).abs() < 4.0,
            "a tab wrapped: {t:?}"
        );
    }
}

#[test]
fn two_tabs_with_one_title_show_their_file_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = super::EXAMPLES[0].1;
    let (a, b) = (dir.path().join("first.ron"), dir.path().join("second.ron"));
    std::fs::write(&a, text).expect("write");
    std::fs::write(&b, text).expect("write");
    let mut h = harness_of_size(App::headless(vec![a, b]), [1600.0, 900.0]);
    h.run_steps(3);
    let names: Vec<String> = h
        .get_all_by_role(Role::Tab)
        .take(2)
        .map(|t| t.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_ne!(names[0], names[1], "{names:?}");
    assert!(
        names[0].ends_with("first.ron") && names[1].ends_with("second.ron"),
        "{names:?}"
    );
    // And the close buttons say which.
    h.get_by_label(&format!("Close {}", names[1]));
}

/// Unfolds every section and item of the editor, a few at a time.
fn unfold_everything(h: &mut Harness<'_, App>) {
    for _ in 0..120 {
        let folded = h.root().children_recursive().find(|n| {
            let a = n.accesskit_node();
            a.role() == Role::DisclosureTriangle && a.data().is_expanded() == Some(false)
        });
        let Some(n) = folded else { return };
        n.click_accesskit();
        h.run_steps(2);
    }
}

/// Where the editor ends: the left of its resize edge.
fn editor_edge(h: &Harness<'_, App>) -> f32 {
    h.get_by_label("Resize panel").rect().left()
}

/// Everything in the editor that reaches past its right edge (text runs
/// inside one-line fields scroll inside them and do not count).
fn past_the_edge(h: &Harness<'_, App>) -> Vec<String> {
    let edge = editor_edge(h) + 0.5;
    h.get_by_label("Editor contents")
        .children_recursive()
        .filter(|n| {
            let a = n.accesskit_node();
            a.raw_bounds().is_some() && a.role() != Role::TextRun && n.rect().right() > edge
        })
        .map(|n| {
            let a = n.accesskit_node();
            format!(
                "{:?} {:?} {:?}",
                a.role(),
                a.label().or(a.value()),
                n.rect()
            )
        })
        .collect()
}

#[test]
fn at_every_kept_width_the_editor_keeps_it_and_every_row_fits_inside() {
    for (window, width) in [
        ([1280.0, 720.0], 560.0),
        ([1280.0, 720.0], 300.0),
        ([1024.0, 700.0], 560.0),
        ([1280.0, 720.0], 700.0),
        ([1920.0, 1080.0], 560.0),
        ([1920.0, 1080.0], 900.0),
    ] {
        let mut app = app(Vec::new());
        app.prefs.editor_width = width;
        let mut h = harness_of_size(app, window);
        h.run_steps(3);
        let before = editor_edge(&h);
        unfold_everything(&mut h);
        assert_eq!(
            editor_edge(&h),
            before,
            "{window:?} at {width}: the editor widened"
        );
        let wide = past_the_edge(&h);
        assert!(
            wide.is_empty(),
            "{window:?} at {width}: past the editor's edge: {wide:#?}"
        );
        assert!(
            before >= super::super::EDITOR_MIN_WIDTH,
            "{window:?} at {width}: narrower than the editor's minimum ({before})"
        );
    }
}
