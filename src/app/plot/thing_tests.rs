//! What a hovered bar's tooltip names.

use super::axes::{grouped, tick_value};
use super::thing_named;

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

#[test]
fn tick_values_are_grouped_and_none_sits_on_the_plot_edge() {
    for (v, text) in [
        (339_000.0, "339,000"),
        (-1_250_000.0, "\u{2212}1,250,000"),
        (2.5, "2.5"),
        (0.0, "0"),
        (-0.0, "0"),
        (100.0, "100"),
        (0.1 + 0.2, "0.3"),
        (-12.75, "\u{2212}12.75"),
    ] {
        assert_eq!(grouped(v), text, "{v}");
    }
    let range = 339_000.0..=343_000.0;
    // 4 % of 4,000 is 160: 339,000 and 343,000 sit on the edges.
    assert_eq!(tick_value(343_000.0, &range), "");
    assert_eq!(tick_value(339_000.0, &range), "");
    assert_eq!(tick_value(342_000.0, &range), "342,000");
    assert_eq!(tick_value(339_500.0, &range), "339,500");
}
