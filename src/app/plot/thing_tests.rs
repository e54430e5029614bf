//! What a hovered bar's tooltip names.

use crate::chart::scene::thing_named;

#[test]
fn tooltips_name_the_step_or_the_input() {
    let cats = vec!["Claimed saving".to_owned(), "Lost earnings".to_owned()];
    assert_eq!(
        thing_named(&cats, 1.0, "Takes away from the total"),
        "Lost earnings: takes away from the total"
    );
    assert_eq!(thing_named(&[], 2014.0, "Net savings"), "Net savings");
    assert_eq!(thing_named(&cats, 0.0, ""), "Claimed saving");
}

/// Over the waterfall's bars, the scene the app paints names each step and
/// its exact value, as the tooltip shows them.
#[test]
fn the_waterfall_scene_names_each_bar_and_its_value() {
    let (scenario, _) = super::shape_tests::scenarios().swap_remove(0);
    let results = crate::model::evaluate(&scenario);
    let sub = crate::chart::Subject {
        scenario: &scenario,
        results: &results,
        file_name: "example.ron",
    };
    let chart = crate::chart::waterfall(&sub);
    let scene = crate::chart::scene(&chart, 1000.0, 600.0).expect("fits");
    for step in &chart.x_categories {
        assert!(
            scene
                .hovers
                .iter()
                .any(|h| h.text.starts_with(step.as_str()) && h.text.contains('£')),
            "{step:?} has no tooltip: {:?}",
            scene.hovers
        );
    }
}
