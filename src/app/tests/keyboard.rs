//! The keyboard (issue 16, item 6): Escape closes and Enter confirms every
//! dialog, a visible focus ring on every focusable control in both themes,
//! and the Methodology window: inside the app's area, its contents clickable.

use egui::accesskit::{Action, Role};
use egui::{Key, Theme};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::super::{Command, UiCommand};
use super::{App, app, harness, harness_of_size};
use crate::app::a11y::FOCUS_RING_WIDTH;

fn press(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.run_steps(3);
}

#[test]
fn escape_and_enter_each_dismiss_the_error_dialog() {
    for key in [Key::Escape, Key::Enter] {
        let mut h = harness(app(Vec::new()));
        h.state_mut().error = Some("could not open `x.ron`".to_owned());
        h.run_steps(3);
        h.get_by_label("Something needs your attention");
        assert!(
            h.get_by_label("OK").is_focused(),
            "{key:?}: OK starts focused"
        );
        press(&mut h, key);
        assert!(
            h.state().error.is_none(),
            "{key:?} left the error dialog open"
        );
        assert!(h.query_by_label("Something needs your attention").is_none());
    }
}

#[test]
fn escape_cancels_and_enter_saves_in_the_unsaved_changes_dialog() {
    for (key, saving) in [(Key::Escape, false), (Key::Enter, true)] {
        let mut h = harness(app(Vec::new()));
        let id = h.state().tabs[0].id;
        // An edit, so closing asks.
        let mut s = h.state().tabs[0].scenario.clone();
        s.title.push_str(" (edited)");
        h.state_mut().send(Command::Edit {
            scenario: Box::new(s),
            key: None,
        });
        h.run_steps(2);
        h.state_mut().send(Command::CloseTab(id));
        h.run_steps(3);
        h.get_by_label("Unsaved changes");
        press(&mut h, key);
        assert!(h.query_by_label("Unsaved changes").is_none(), "{key:?}");
        assert_eq!(h.state().tabs.len(), 1, "{key:?}: the tab stays");
        // Save on a never-saved scenario asks where.
        assert_eq!(h.state().path_entry.is_some(), saving, "{key:?}");
        if saving {
            press(&mut h, Key::Escape);
            assert!(
                h.state().path_entry.is_none(),
                "Escape leaves the path entry open"
            );
        }
    }
}

#[test]
fn escape_closes_the_path_entry_and_the_windows() {
    let mut h = harness(app(Vec::new()));
    h.state_mut().send(UiCommand::OpenPathEntry);
    h.run_steps(3);
    assert!(h.state().path_entry.is_some());
    press(&mut h, Key::Escape);
    assert!(
        h.state().path_entry.is_none(),
        "Escape leaves the path entry open"
    );

    for (command, title) in [
        (UiCommand::Methodology, "Methodology"),
        (UiCommand::About, "About Counterweight"),
    ] {
        h.state_mut().send(command);
        h.run_steps(3);
        let window =
            |h: &Harness<'_, App>| h.query_by_role_and_label(Role::Window, title).is_some();
        assert!(window(&h), "{title} did not open");
        press(&mut h, Key::Escape);
        assert!(!window(&h), "Escape leaves {title} open");
    }
}

#[test]
fn enter_and_escape_both_recover_unsaved_work_and_never_discard_it() {
    for key in [Key::Enter, Key::Escape] {
        let mut a = app(Vec::new());
        a.recovered.push(crate::app::files::Recovered {
            file: std::env::temp_dir().join("counterweight-no-such-autosave.ron"),
            scenario: crate::scenario::Scenario::new("Lost work", 2020, 5),
            origin: None,
        });
        let mut h = harness(a);
        h.get_by_label("Recover unsaved work?");
        press(&mut h, key);
        assert!(h.state().recovered.is_empty(), "{key:?}: still asking");
        assert!(
            h.state()
                .tabs
                .iter()
                .any(|t| t.scenario.title == "Lost work"),
            "{key:?}: the work was not recovered"
        );
    }
}

/// Whether the frame drew a ring of the focus ring's width round `rect`.
fn ring_round(h: &Harness<'_, App>, rect: egui::Rect) -> bool {
    h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) => {
            r.stroke.width == FOCUS_RING_WIDTH && r.rect.expand(0.5).contains_rect(rect)
        }
        _ => false,
    })
}

#[test]
fn every_focusable_control_shows_a_focus_ring_in_both_themes() {
    for theme in [Theme::Light, Theme::Dark] {
        let mut h = harness_of_size(app(Vec::new()), [1600.0, 1200.0]);
        h.ctx.set_theme(theme);
        h.ctx
            .all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::none());
        h.run_steps(3);
        // Unfold the sections, so their contents are there to focus too.
        for _ in 0..60 {
            let folded = h.root().children_recursive().find(|n| {
                let a = n.accesskit_node();
                a.role() == Role::DisclosureTriangle && a.data().is_expanded() == Some(false)
            });
            let Some(n) = folded else { break };
            n.click_accesskit();
            h.run_steps(2);
        }
        let ids: Vec<_> = h
            .root()
            .children_recursive()
            .filter(|n| {
                let a = n.accesskit_node();
                a.data().supports_action(Action::Focus) && !a.is_disabled()
            })
            .map(|n| n.accesskit_node().id())
            .collect();
        assert!(ids.len() > 150, "{} focusable", ids.len());
        let mut without = Vec::new();
        for id in ids {
            let Some(node) = h
                .root()
                .children_recursive()
                .find(|n| n.accesskit_node().id() == id)
            else {
                continue;
            };
            node.focus();
            // Focus, the scroll to it, the frame drawn where it scrolled to.
            h.run_steps(4);
            let Some(node) = h
                .root()
                .children_recursive()
                .find(|n| n.accesskit_node().id() == id)
            else {
                continue;
            };
            let (role, name, rect) = (
                node.accesskit_node().role(),
                node.accesskit_node().label().unwrap_or_default(),
                node.rect(),
            );
            // Only what shows can show a ring.
            if !h.ctx.content_rect().contains_rect(rect) {
                continue;
            }
            if !ring_round(&h, rect) {
                without.push(format!("{role:?} {name:?} at {rect:?}"));
            }
        }
        assert!(
            without.is_empty(),
            "{theme:?}: {} without a focus ring: {without:?}",
            without.len()
        );
    }
}

#[test]
fn methodology_opens_inside_the_app_below_its_bars_and_its_contents_go_to_their_section() {
    let mut h = harness_of_size(app(Vec::new()), [1280.0, 720.0]);
    h.run_steps(3);
    h.state_mut().send(UiCommand::Methodology);
    h.run_steps(4);
    let window = h.get_by_role_and_label(Role::Window, "Methodology").rect();
    let tabs_bottom = h
        .get_all_by_role(Role::Tab)
        .next()
        .expect("a tab")
        .rect()
        .bottom();
    assert!(
        window.top() >= tabs_bottom,
        "the window ({window:?}) covers the menu or tab bar (to {tabs_bottom})"
    );
    assert!(
        window.bottom() <= 720.0 && window.right() <= 1280.0,
        "{window:?}"
    );
    // The contents are links; one brings its section into view.
    let section = "12. Monte Carlo, tornado and break-even";
    let heading = |h: &Harness<'_, App>| h.get_by_role_and_label(Role::Heading, section).rect();
    assert!(
        heading(&h).top() > window.bottom(),
        "the section starts out of view"
    );
    h.get_by_role_and_label(Role::Link, section).click();
    h.run_steps(20);
    let at = heading(&h);
    assert!(
        window.contains_rect(at),
        "after the click the heading is at {at:?}, outside {window:?}"
    );
}
