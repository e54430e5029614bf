//! The results views, and the one place a view becomes the chart it shows:
//! on screen, exported and copied alike ([`View::chart`]). Each chart view
//! is a [`ChartKind`], drawn as the command line's `export --chart` draws it.

use super::analysis::Analysis;
use super::tab::{Tab, with_subjects};
use crate::chart::{self, Basis, Chart, ChartKind, DrawHistogram, Sources};

/// Which results view is showing. Stored in the preferences by its name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Headline,
    Breakdown,
    Waterfall,
    Table,
    Tornado,
    Compare,
    /// Monte Carlo P10–P90 of cumulative net social value by year.
    Range,
    /// Monte Carlo net social value, as a histogram.
    Histogram,
}

impl View {
    /// Every view, in the order the results panel offers them.
    pub const ALL: [View; 8] = [
        View::Headline,
        View::Breakdown,
        View::Waterfall,
        View::Table,
        View::Tornado,
        View::Compare,
        View::Range,
        View::Histogram,
    ];

    /// The name on the view's button and in the View menu.
    pub fn name(self) -> &'static str {
        match self {
            View::Headline => "Net savings vs social cost",
            View::Breakdown => "Breakdown",
            View::Waterfall => "Claim to net social value",
            View::Table => "Year by year",
            View::Tornado => "What matters most",
            View::Compare => "Compare scenarios",
            View::Range => "Uncertainty: range over time",
            View::Histogram => "Uncertainty: histogram",
        }
    }

    /// The kind of chart the view shows; `None` for the table. The
    /// histogram has the fan chart's kind: it draws the same run.
    pub fn kind(self) -> Option<ChartKind> {
        match self {
            View::Headline => Some(ChartKind::Net),
            View::Breakdown => Some(ChartKind::Breakdown),
            View::Waterfall => Some(ChartKind::Waterfall),
            View::Table => None,
            View::Tornado => Some(ChartKind::Tornado),
            View::Compare => Some(ChartKind::Compare),
            View::Range | View::Histogram => Some(ChartKind::Distribution),
        }
    }

    /// True for the views drawn from the Monte Carlo run.
    pub fn is_uncertainty(self) -> bool {
        matches!(self, View::Range | View::Histogram)
    }

    /// True for the views whose chart can be in present values or cash.
    pub fn has_basis(self) -> bool {
        matches!(self, View::Headline | View::Breakdown)
    }

    /// The chart this view shows for `tab` (Compare: for every tab in
    /// `tabs`), in `basis` where the view has one. `None` for the table,
    /// for the tornado when no input is uncertain, and for the uncertainty
    /// views until the tab's Monte Carlo run has finished.
    pub fn chart(
        self,
        tab: &Tab,
        tabs: &[Tab],
        basis: Basis,
        analysis: &Analysis,
    ) -> Option<Chart> {
        let kind = self.kind()?;
        let monte_carlo = analysis.summary(tab);
        match self {
            View::Tornado if analysis.tornado(tab).is_none_or(<[_]>::is_empty) => None,
            View::Histogram => {
                let (summary, _) = monte_carlo?;
                Some(tab.with_subject(|s| chart::histogram(s, &DrawHistogram::from(summary))))
            }
            View::Compare => with_subjects(tabs, |subjects| {
                kind.chart(&Sources {
                    subjects,
                    basis,
                    tornado: &[],
                    monte_carlo: None,
                })
            }),
            _ => tab.with_subject(|s| {
                kind.chart(&Sources {
                    subjects: std::slice::from_ref(s),
                    basis,
                    tornado: analysis.tornado(tab).unwrap_or_default(),
                    monte_carlo,
                })
            }),
        }
    }
}
