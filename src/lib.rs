//! Counterweight: weigh an outsourcing or offshoring option's claimed
//! savings against what it costs everyone else, the HM Treasury Green Book
//! way.
//!
//! Data flows one way: a file becomes a validated [`scenario::Scenario`];
//! [`model::evaluate`] turns it into [`model::Results`] (a pure function);
//! [`report`] and the app show those results. The core never sees egui: the
//! desktop app lives behind the `gui` feature.

pub mod chart;
pub mod cli;
pub mod model;
pub mod report;
pub mod scenario;
pub mod uncertainty;

#[cfg(feature = "gui")]
pub mod app {
    //! Placeholder until the desktop app lands: opening the app explains what to use instead.
    use std::path::PathBuf;

    /// Opens the desktop app on `files`.
    pub fn run(_files: Vec<PathBuf>) -> anyhow::Result<()> {
        anyhow::bail!(
            "the desktop app is not built yet; use `counterweight report FILE` or `counterweight check FILE`"
        )
    }
}
