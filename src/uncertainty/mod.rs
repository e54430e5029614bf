//! How uncertain the answer is, and what it hangs on (MODEL.md "Monte
//! Carlo" and "Sensitivity and break-even"): Monte Carlo over every
//! uncertain input, the tornado of one-at-a-time swings, and the break-even
//! value of one input. Core only: the app runs these off the UI thread.

mod kernel;
pub mod monte_carlo;
pub mod quantile;
pub mod sample;

pub use monte_carlo::{Band, Histogram, MAX_DRAWS, McError, MonteCarlo, Stats, Summary};
pub mod break_even;
pub mod tornado;

pub use break_even::{NoCrossing, break_even};
pub use tornado::{TornadoBar, tornado};

#[cfg(test)]
mod tests;
