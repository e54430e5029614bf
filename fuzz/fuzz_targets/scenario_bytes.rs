//! Bytes → scenario → results → save → load: whatever a shared drive hands
//! us, loading never panics, hangs or overflows the stack, and anything that
//! loads evaluates to finite numbers and survives a save and reload unchanged.
#![no_main]

use counterweight::model::evaluate;
use counterweight::scenario::{file::load_bytes, load_str, write::to_ron};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = load_bytes(data) else {
        return;
    };
    let s = loaded.scenario;
    let r = evaluate(&s);
    assert!(r.npv.net_social_value.is_finite(), "non-finite NPV");
    assert!(r.cash.exchequer_net.is_finite(), "non-finite cash total");
    let text = to_ron(&s);
    let again = match load_str(&text) {
        Ok(l) => l.scenario,
        Err(e) => panic!("a saved scenario does not load: {}\n{text}", e.display_in("saved.ron")),
    };
    assert_eq!(again, s, "save → load changed the scenario");
    assert_eq!(to_ron(&again), text, "saving twice gave different bytes");
});
