//! Counterweight: weigh an outsourcing or offshoring option's claimed
//! savings against what it costs everyone else, the HM Treasury Green Book
//! way.
//!
//! Data flows one way: a file becomes a validated [`scenario::Scenario`];
//! [`model::evaluate`] turns it into [`model::Results`] (a pure function);
//! [`report`] and the app show those results. The core never sees egui: the
//! desktop app lives behind the `gui` feature.

#[cfg(feature = "gui")]
pub mod app;
pub mod brief;
pub mod chart;
pub mod cli;
pub mod diff;
pub mod model;
pub mod money;
pub mod paths;
pub mod report;
pub mod scenario;
pub mod text;
pub mod uncertainty;
