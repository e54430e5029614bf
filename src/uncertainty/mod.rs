//! How uncertain the answer is, and what it hangs on (docs/methodology.md "Monte
//! Carlo" and "Sensitivity and break-even"): Monte Carlo over every
//! uncertain input, the tornado of one-at-a-time swings, and the break-even
//! value of one input. Core only; the app runs these off the UI thread.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use counterweight::model::Plan;
//! use counterweight::uncertainty::{MonteCarlo, break_even, tornado};
//! # let scenario = counterweight::scenario::Scenario::new("x", 2020, 10);
//! let plan = Plan::new(&scenario);
//! // Monte Carlo: set `cancel` from another thread to stop within a block.
//! let cancel = AtomicBool::new(false);
//! let mc = MonteCarlo { draws: 100_000, seed: scenario.settings.monte_carlo.seed, threads: 0 };
//! let summary = mc.run(&plan, &cancel, &|done| eprintln!("{:.0} %", done * 100.0));
//! // Tornado: distributions only (None), or also points swung ±10 % (Some(0.1)).
//! let bars = tornado(&plan, None);
//! // Break-even of one input, by its path.
//! if let Some(p) = plan.find("savings[0].amount") {
//!     let (lo, hi) = counterweight::uncertainty::break_even::default_range(&plan, p);
//!     let answer = break_even(&plan, p, lo, hi); // Ok(value) or Err(NoCrossing)
//! }
//! ```

pub mod break_even;
pub mod correlate;
mod kernel;
pub mod monte_carlo;
pub mod quantile;
pub mod sample;
pub mod samples;
pub mod tornado;
mod wide;

pub use break_even::{NoCrossing, break_even};
pub use monte_carlo::{
    Band, Histogram, MAX_DRAWS, MAX_WORK, McError, MonteCarlo, Stats, Summary, most_draws,
};
pub use samples::write_samples;
pub use tornado::{TornadoBar, tornado, tornado_with};

#[cfg(test)]
mod tests;
