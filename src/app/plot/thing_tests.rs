//! What a hovered bar's tooltip names.

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
