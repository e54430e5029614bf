//! Which chart, and the one place a kind of chart is built: the command
//! line's `export --chart` and the app's results views both go through
//! [`ChartKind::chart`], so a chart is made the same way wherever it shows.

use super::{
    Basis, Chart, Subject, TornadoBar, YearBand, breakdown, compare, distribution, net, tornado,
    waterfall,
};
use crate::uncertainty::Summary;

/// Which chart. Also the values of the command line's `--chart`: `net`,
/// `breakdown`, … ([`ChartKind::name`]), each with its doc line as help.
// The doc lines are what `counterweight export --help` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ChartKind {
    /// Net savings against social cost, by year and cumulative (the headline).
    Net,
    /// Every line stacked by year, with net social value.
    Breakdown,
    /// NPV from the claimed saving to net social value, step by step.
    Waterfall,
    /// Net social value with each uncertain input at its low and high.
    Tornado,
    // (The app's histogram of the same run has this kind too.)
    /// Monte Carlo range of cumulative net social value by year.
    Distribution,
    /// Several scenarios' cumulative net social value.
    Compare,
}

impl ChartKind {
    /// Every kind, in the order a picker shows them.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Net,
        ChartKind::Breakdown,
        ChartKind::Waterfall,
        ChartKind::Tornado,
        ChartKind::Distribution,
        ChartKind::Compare,
    ];

    /// The name used on the command line (`--chart net`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Net => "net",
            ChartKind::Breakdown => "breakdown",
            ChartKind::Waterfall => "waterfall",
            ChartKind::Tornado => "tornado",
            ChartKind::Distribution => "distribution",
            ChartKind::Compare => "compare",
        }
    }

    /// The kind named `name` on the command line.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The chart of this kind drawn from `from`. `None` when there is no
    /// scenario, or for a distribution without its Monte Carlo run.
    #[must_use]
    pub fn chart(self, from: &Sources<'_>) -> Option<Chart> {
        let first = from.subjects.first()?;
        Some(match self {
            ChartKind::Net => net(first, from.basis),
            ChartKind::Breakdown => breakdown(first, from.basis),
            ChartKind::Waterfall => waterfall(first),
            ChartKind::Tornado => tornado(first, from.tornado),
            ChartKind::Distribution => {
                let (summary, draws) = from.monte_carlo?;
                let bands: Vec<YearBand> = summary.bands.iter().map(YearBand::from).collect();
                distribution(first, &bands, draws, Some(summary.net_social_value.mean))
            }
            ChartKind::Compare => compare(from.subjects),
        })
    }
}

/// What a chart is drawn from: the scenarios and, for the kinds that need
/// them, the tornado's bars and a finished Monte Carlo run.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// The scenarios: every kind but [`ChartKind::Compare`] charts the first.
    pub subjects: &'a [Subject<'a>],
    /// Present values or cash, for the net and breakdown charts.
    pub basis: Basis,
    /// The bars of [`ChartKind::Tornado`].
    pub tornado: &'a [TornadoBar],
    /// The run behind [`ChartKind::Distribution`] and its number of draws;
    /// `None`: not run (yet), or it failed.
    pub monte_carlo: Option<(&'a Summary, u32)>,
}

impl From<&crate::uncertainty::TornadoBar> for TornadoBar {
    fn from(b: &crate::uncertainty::TornadoBar) -> Self {
        Self {
            label: b.label.clone(),
            npv_at_low: b.npv_at_low,
            npv_at_high: b.npv_at_high,
        }
    }
}
