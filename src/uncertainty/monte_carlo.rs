//! Monte Carlo (docs/methodology.md "Monte Carlo"): every `Value` sampled once per draw,
//! fines and data risks as yearly events, summarised as means, percentiles,
//! the chance that net social value is positive, a histogram, and yearly
//! bands of cumulative discounted net social value.
//!
//! Draws are split into fixed blocks of [`BLOCK`] by index; block `b` always
//! uses the generators [`block_streams`]`(seed, b)`, and every summary is a
//! function of the multiset of draws, so the numbers are the same at any
//! thread count and on every machine.

// `#[inline(always)]` is how each batch's bookkeeping reaches the kernel's
// `target_feature` functions (see `kernel::Sink`).
#![allow(clippy::inline_always)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use thiserror::Error;

use super::kernel::{Batch, Kernel, Lane, Sink, Workspace};
use super::quantile::{interpolate, percentiles, percentiles_guided, position, select_ranks};
use super::sample::{LANES, block_streams};
use super::wide::{Isa, Wide};
use crate::model::Plan;

/// Draws per block: each block is one generator stream, so this is part of
/// what a seed means — changing it changes every result.
pub const BLOCK: usize = 4096;

/// The most draws a run may ask for (docs/methodology.md).
pub const MAX_DRAWS: usize = 1_000_000;

/// The most work a run may do: draws × [`Plan::work_per_draw`]. About a
/// minute on a 2-core laptop at the worst (docs/benchmarks.md, "Worst
/// case"); the largest bundled scenario at 1,000,000 draws is well inside.
pub const MAX_WORK: u64 = 2_500_000_000;

/// The most draws `plan` may have: [`MAX_DRAWS`], or fewer for a file so
/// large that so many would take more than [`MAX_WORK`] (at least 100).
#[must_use]
pub fn most_draws(plan: &Plan) -> usize {
    let per = plan.work_per_draw().max(1);
    ((MAX_WORK / per) as usize).clamp(100, MAX_DRAWS)
}

/// The yearly bands: P10, P50, P90.
const BANDS: [f64; 3] = [0.10, 0.50, 0.90];

/// Bins of the net social value histogram (between its P0.5 and P99.5).
pub const HISTOGRAM_BINS: usize = 50;

/// Draws whose yearly values are all kept, so that small runs have exact bands.
const PILOT_MIN: usize = 16_384;

/// How a run can stop early.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum McError {
    #[error("the analysis was cancelled")]
    Cancelled,
    #[error("{0} draws is too many: the most is 1,000,000")]
    TooManyDraws(usize),
    /// More draws than fit in bounded time for a file this large.
    #[error(
        "{draws} draws is too many for a file this large: at most {most} fit in the time allowed (its items over its horizon); use {most} draws or fewer"
    )]
    TooMuchWork { draws: usize, most: usize },
}

/// What to run: docs/methodology.md's N draws from a seed, on some threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonteCarlo {
    pub draws: usize,
    pub seed: u64,
    /// Worker threads; 0 = one per core. Never changes the numbers.
    pub threads: usize,
}

/// Mean and percentiles of one headline NPV.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub mean: f64,
    pub p5: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
}

/// P10 / P50 / P90 of cumulative discounted net social value at a year's end.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    pub year: i32,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// Counts of NPV(NSV) in equal bins from `start`, `width` wide; draws below
/// the first bin or above the last are counted in `below` / `above`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    pub start: f64,
    pub width: f64,
    pub counts: Vec<u64>,
    pub below: u64,
    pub above: u64,
}

impl Histogram {
    /// The lower edge of bin `i` (`i == counts.len()` gives the upper edge of the last).
    #[must_use]
    pub fn edge(&self, i: usize) -> f64 {
        self.start + self.width * i as f64
    }
}

/// The results of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub draws: usize,
    pub seed: u64,
    pub net_savings: Stats,
    pub social_cost: Stats,
    pub net_social_value: Stats,
    pub exchequer_net: Stats,
    /// Share of draws with NPV(NSV) > 0.
    pub probability_net_social_value_positive: f64,
    /// One per year of the horizon.
    pub bands: Vec<Band>,
    pub histogram: Histogram,
}

impl MonteCarlo {
    /// Runs the draws on `plan`. `progress` gets the fraction done (0–1)
    /// after each block, from worker threads; setting `cancel` stops the run
    /// within a block and returns [`McError::Cancelled`].
    pub fn run(
        &self,
        plan: &Plan,
        cancel: &AtomicBool,
        progress: &(dyn Fn(f32) + Sync),
    ) -> Result<Summary, McError> {
        let n = self.draws;
        if n > MAX_DRAWS {
            return Err(McError::TooManyDraws(n));
        }
        let most = most_draws(plan);
        if n > most {
            return Err(McError::TooMuchWork { draws: n, most });
        }
        let kernel = Kernel::new(plan);
        let threads = if self.threads == 0 {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        } else {
            self.threads
        };
        let h = plan.horizon;
        let blocks = n.div_ceil(BLOCK);
        let pilot_blocks = blocks.min(PILOT_MIN.max(n / 16).div_ceil(BLOCK));
        let runner = Runner {
            kernel: &kernel,
            seed: self.seed,
            draws: n,
            threads,
            cancel,
            progress,
            done: AtomicUsize::new(0),
            total: blocks,
        };
        let mut npv: [Vec<f64>; 4] = std::array::from_fn(|_| vec![0.0; n]);

        // Pilot: the first blocks, every yearly value kept.
        let pilot_draws = (pilot_blocks * BLOCK).min(n);
        let pilot = {
            let [a, b, c, d] = &mut npv;
            let outs = [
                &mut a[..pilot_draws],
                &mut b[..pilot_draws],
                &mut c[..pilot_draws],
                &mut d[..pilot_draws],
            ];
            let every_year: Vec<usize> = (0..h).collect();
            let parts = runner.blocks(0, outs, &Columns(&every_year))?;
            merge_columns(parts, h)
        };

        let bands = if pilot_draws == n {
            exact_bands(pilot)
        } else {
            // The pilot's values go through the windows now, so its columns
            // can go before the main run's tallies grow.
            let (windows, pilot_tally) = Windows::from_pilot(pilot, pilot_draws, threads);
            let [a, b, c, d] = &mut npv;
            let outs = [
                &mut a[pilot_draws..],
                &mut b[pilot_draws..],
                &mut c[pilot_draws..],
                &mut d[pilot_draws..],
            ];
            let parts = runner.blocks(pilot_blocks, outs, &windows)?;
            // Merged into the first part, each other part freed as it goes.
            let mut parts = parts.into_iter();
            let mut rec = parts.next().unwrap_or_else(|| windows.recorder());
            rec.absorb(pilot_tally);
            for part in parts {
                rec.absorb(part);
            }
            let (bands, missed) = windows.resolve(rec, n);
            if missed.is_empty() {
                bands
            } else {
                runner.exact_years(&missed, bands)?
            }
        };
        let bands = bands
            .into_iter()
            .enumerate()
            .map(|(t, [p10, p50, p90])| Band {
                year: plan.start_year + t as i32,
                p10,
                p50,
                p90,
            })
            .collect();

        let [ns, sc, nsv, ex] = &mut npv;
        let isa = kernel.isa();
        let stats = |v: &mut [f64]| summarise(v, pilot_draws, false).0;
        let nsv_stats = |v: &mut [f64]| {
            let (s, [lo, hi]) = summarise(v, pilot_draws, true);
            let (histogram, positive) = histogram_and_positive(isa, v, lo, hi);
            (s, histogram, positive)
        };
        // Two series on another thread, two on this one.
        let ((net_savings, social_cost), (exchequer_net, (net_social_value, histogram, positive))) =
            if threads > 1 {
                std::thread::scope(|s| {
                    let other = s.spawn(|| (stats(ns), stats(sc)));
                    let here = (stats(ex), nsv_stats(nsv));
                    let other = other
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e));
                    (other, here)
                })
            } else {
                ((stats(ns), stats(sc)), (stats(ex), nsv_stats(nsv)))
            };
        let probability_net_social_value_positive = if n == 0 {
            f64::NAN
        } else {
            positive as f64 / n as f64
        };
        Ok(Summary {
            draws: n,
            seed: self.seed,
            net_savings,
            social_cost,
            net_social_value,
            exchequer_net,
            probability_net_social_value_positive,
            bands,
            histogram,
        })
    }
}

#[cfg(test)]
impl MonteCarlo {
    /// The yearly bands from every value of every year (no windows): what
    /// [`MonteCarlo::run`]'s bands must equal.
    pub(crate) fn exact_bands(&self, plan: &Plan) -> Vec<[f64; 3]> {
        let kernel = Kernel::new(plan);
        let never = AtomicBool::new(false);
        let runner = Runner {
            kernel: &kernel,
            seed: self.seed,
            draws: self.draws,
            threads: self.threads.max(1),
            cancel: &never,
            progress: &|_| {},
            done: AtomicUsize::new(0),
            total: 1,
        };
        let years: Vec<usize> = (0..plan.horizon).collect();
        runner
            .exact_years(&years, vec![[f64::NAN; 3]; plan.horizon])
            .unwrap_or_default()
    }
}

/// The percentiles reported for each headline NPV, then P0.5 and P99.5
/// (the histogram's range, found for net social value only).
const PERCENTILES: [f64; 7] = [0.05, 0.10, 0.50, 0.90, 0.95, 0.005, 0.995];

/// One NPV's mean and percentiles (the first five of [`PERCENTILES`], or
/// all seven with `range`, when the last two are returned too), guided by
/// its first `pilot` draws.
fn summarise(v: &mut [f64], pilot: usize, range: bool) -> (Stats, [f64; 2]) {
    let mean = mean(v);
    let qs = if range {
        &PERCENTILES[..]
    } else {
        &PERCENTILES[..5]
    };
    let p = percentiles_guided(v, qs, pilot);
    let stats = Stats {
        mean,
        p5: p[0],
        p10: p[1],
        p50: p[2],
        p90: p[3],
        p95: p[4],
    };
    (
        stats,
        [
            p.get(5).copied().unwrap_or(f64::NAN),
            p.get(6).copied().unwrap_or(f64::NAN),
        ],
    )
}

/// The mean, summed in a fixed order whatever the threads and instructions:
/// sixteen running sums (value `i` into sum `i mod 16`, so that the adds
/// are vector instructions), then those sums and the last values in turn.
fn mean(v: &[f64]) -> f64 {
    let (chunks, rest) = v.as_chunks::<LANES>();
    let mut sums = [0.0; LANES];
    for chunk in chunks {
        for (s, x) in sums.iter_mut().zip(chunk) {
            *s += x;
        }
    }
    let mut total = 0.0;
    for x in sums.iter().chain(rest) {
        total += x;
    }
    total / v.len() as f64
}

/// The histogram of `v` between `lo` and `hi` (its P0.5 and P99.5), and
/// how many values are above zero.
fn histogram_and_positive(isa: Isa, v: &[f64], lo: f64, hi: f64) -> (Histogram, usize) {
    let mut hist = Histogram {
        start: lo,
        width: (hi - lo) / HISTOGRAM_BINS as f64,
        counts: vec![0; HISTOGRAM_BINS],
        below: 0,
        above: 0,
    };
    if v.is_empty() {
        return (hist, 0);
    }
    // (A NaN width, from NaN draws, goes this way too.)
    let single = hist.width.is_nan() || hist.width <= 0.0;
    if single {
        // Every central draw equal: one bin holds them, the rest are empty.
        hist.width = lo.abs().max(1.0) / HISTOGRAM_BINS as f64;
        hist.start = lo - hist.width * (HISTOGRAM_BINS / 2) as f64;
    }
    let (counts, positive) = isa.run(Bins {
        values: v,
        lo,
        hi,
        width: if single { 0.0 } else { hist.width },
    });
    hist.counts.copy_from_slice(&counts[..HISTOGRAM_BINS]);
    hist.below = counts[HISTOGRAM_BINS];
    hist.above = counts[HISTOGRAM_BINS + 1];
    (hist, positive)
}

/// Counts of [`HISTOGRAM_BINS`] bins of `width` from `lo`, then of those
/// below `lo` and above `hi`, and of values above zero, as [`Wide`] work.
/// A width of zero puts every value between `lo` and `hi` in the middle bin.
struct Bins<'v> {
    values: &'v [f64],
    lo: f64,
    hi: f64,
    width: f64,
}

impl Wide for Bins<'_> {
    type Output = ([u64; HISTOGRAM_BINS + 2], usize);

    #[inline(always)]
    fn run(self) -> Self::Output {
        let Bins {
            values,
            lo,
            hi,
            width,
        } = self;
        let mut counts = [0_u64; HISTOGRAM_BINS + 2];
        let mut positive = [0_u32; LANES];
        // Which count each value goes to, sixteen at a time without a
        // branch (vector compares and divisions), then counted one by one.
        let bin = |x: f64| -> usize {
            let i = if width > 0.0 {
                (((x - lo) / width) as usize).min(HISTOGRAM_BINS - 1)
            } else {
                HISTOGRAM_BINS / 2
            };
            if x < lo {
                HISTOGRAM_BINS
            } else if x > hi {
                HISTOGRAM_BINS + 1
            } else {
                i
            }
        };
        // (`u32` lane counts: at most 2^32 − 1 chunks, far above MAX_DRAWS.)
        let (chunks, rest) = values.as_chunks::<LANES>();
        let mut bins = [0_usize; LANES];
        for chunk in chunks {
            for ((b, p), &x) in bins.iter_mut().zip(&mut positive).zip(chunk) {
                *b = bin(x);
                *p += u32::from(x > 0.0);
            }
            for &b in &bins {
                counts[b] += 1;
            }
        }
        let mut positive: usize = positive.iter().map(|&p| p as usize).sum();
        for &x in rest {
            counts[bin(x)] += 1;
            positive += usize::from(x > 0.0);
        }
        (counts, positive)
    }
}

/// Runs blocks of draws on worker threads.
struct Runner<'a> {
    kernel: &'a Kernel<'a>,
    seed: u64,
    draws: usize,
    threads: usize,
    cancel: &'a AtomicBool,
    progress: &'a (dyn Fn(f32) + Sync),
    done: AtomicUsize,
    total: usize,
}

type Outs<'o> = [&'o mut [f64]; 4];

/// What a run keeps of each batch's cumulative discounted net social value,
/// in an accumulator per thread.
trait Record: Sync {
    type Acc: Send;

    fn init(&self) -> Self::Acc;

    /// A batch's years (`n` lanes of each are draws). Implementations are
    /// `#[inline(always)]`, so that they are compiled with the kernel's
    /// vector instructions (see [`Sink`]).
    fn record(&self, acc: &mut Self::Acc, cumulative: &[Lane], n: usize);
}

/// Keeps every value of the listed years, a column per year.
struct Columns<'y>(&'y [usize]);

impl Record for Columns<'_> {
    type Acc = Vec<Vec<f64>>;

    fn init(&self) -> Self::Acc {
        vec![Vec::new(); self.0.len()]
    }

    #[inline(always)]
    fn record(&self, cols: &mut Self::Acc, cumulative: &[Lane], n: usize) {
        for (col, &t) in cols.iter_mut().zip(self.0) {
            col.extend_from_slice(&cumulative[t][..n]);
        }
    }
}

/// A block's draws: their NPVs into `outs` from `at`, their years into `acc`.
struct BlockSink<'a, 'o, R: Record> {
    outs: Outs<'o>,
    at: usize,
    record: &'a R,
    acc: &'a mut R::Acc,
}

impl<R: Record> Sink for BlockSink<'_, '_, R> {
    #[inline(always)]
    fn batch(&mut self, b: &Batch<'_>) {
        let (i, n) = (self.at, b.n);
        for (out, totals) in self.outs.iter_mut().zip(b.totals) {
            out[i..i + n].copy_from_slice(&totals[..n]);
        }
        self.record.record(self.acc, b.cumulative, n);
        self.at += n;
    }
}

impl Runner<'_> {
    /// Runs the blocks covering `outs` (block `first` onwards), writing each
    /// draw's NPV(NS), NPV(SC), NPV(NSV), NPV(EX) into `outs` and passing its
    /// cumulative discounted NSV to `record`, with an accumulator per thread.
    /// Returns the accumulators, in no particular order.
    fn blocks<R: Record>(
        &self,
        first: usize,
        outs: Outs<'_>,
        record: &R,
    ) -> Result<Vec<R::Acc>, McError> {
        let [a, b, c, d] = outs;
        let work = Mutex::new(
            a.chunks_mut(BLOCK)
                .zip(b.chunks_mut(BLOCK))
                .zip(c.chunks_mut(BLOCK))
                .zip(d.chunks_mut(BLOCK))
                .enumerate()
                .map(move |(i, (((a, b), c), d))| (first + i, [a, b, c, d])),
        );
        let blocks_here = self.draws.div_ceil(BLOCK).saturating_sub(first);
        let threads = self.threads.clamp(1, blocks_here.max(1));
        let worker = || {
            let mut acc = record.init();
            let mut ws = Workspace::new(self.kernel);
            loop {
                if self.cancel.load(Ordering::Relaxed) {
                    break;
                }
                // A poisoned lock means another worker panicked (a bug);
                // its panic is re-raised when the scope joins.
                let Some((block, outs)) = work.lock().ok().and_then(|mut w| w.next()) else {
                    break;
                };
                self.block(block, outs, &mut ws, &mut acc, record);
                let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
                (self.progress)((done as f32 / self.total.max(1) as f32).min(1.0));
            }
            acc
        };
        let accs = if threads == 1 {
            vec![worker()]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        if self.cancel.load(Ordering::Relaxed) {
            return Err(McError::Cancelled);
        }
        Ok(accs)
    }

    fn block<R: Record>(
        &self,
        block: usize,
        outs: Outs<'_>,
        ws: &mut Workspace,
        acc: &mut R::Acc,
        record: &R,
    ) {
        let mut streams = block_streams(self.seed, block as u64);
        let count = outs[0].len();
        let mut sink = BlockSink {
            outs,
            at: 0,
            record,
            acc,
        };
        self.kernel.batches(&mut streams, ws, count, &mut sink);
    }

    /// Reruns every draw keeping the whole column of the `missed` years, and
    /// completes `bands` with their exact percentiles.
    fn exact_years(
        &self,
        missed: &[usize],
        mut bands: Vec<[f64; 3]>,
    ) -> Result<Vec<[f64; 3]>, McError> {
        let n = self.draws;
        let mut scratch: [Vec<f64>; 4] = std::array::from_fn(|_| vec![0.0; n]);
        let [a, b, c, d] = &mut scratch;
        let parts = self.blocks(0, [a, b, c, d], &Columns(missed))?;
        for (col, &t) in merge_columns(parts, missed.len()).iter_mut().zip(missed) {
            let p = percentiles(col, &BANDS);
            bands[t] = [p[0], p[1], p[2]];
        }
        Ok(bands)
    }
}

fn merge_columns(parts: Vec<Vec<Vec<f64>>>, width: usize) -> Vec<Vec<f64>> {
    let mut cols = vec![Vec::new(); width];
    for part in parts {
        for (col, p) in cols.iter_mut().zip(part) {
            if col.is_empty() {
                *col = p;
            } else {
                col.extend_from_slice(&p);
            }
        }
    }
    cols
}

fn exact_bands(mut cols: Vec<Vec<f64>>) -> Vec<[f64; 3]> {
    cols.iter_mut()
        .map(|col| {
            let p = percentiles(col, &BANDS);
            [p[0], p[1], p[2]]
        })
        .collect()
}

/// Exact yearly percentiles without keeping every value: a pilot of the
/// first draws places, for each year and band, a window around the band's
/// likely value (the pilot's percentiles `q ± δ`, δ six pilot standard
/// errors). Every draw then only counts the values below a window and keeps
/// those inside it, which is enough to find the exact order statistics when
/// they fall inside — and they do unless the pilot was six standard errors
/// off, when those years are rerun in full ([`Runner::exact_years`]).
struct Windows {
    /// `(low, high)` for year `t`, band `b` at `3t + b`.
    bounds: Vec<(f64, f64)>,
}

/// One window's tally.
#[derive(Clone, Debug, Default)]
struct Tally {
    below: u64,
    at_low: u64,
    at_high: u64,
    inside: Vec<f64>,
}

/// A window's counts lane by lane, for whole batches: vector adds, summed
/// across the lanes only when the tallies are merged.
#[derive(Clone, Copy, Debug, Default)]
struct LaneCounts {
    below: [u32; LANES],
    at_low: [u32; LANES],
    at_high: [u32; LANES],
}

/// A thread's tallies, `3t + b` as in [`Windows::bounds`].
struct Recorder {
    tallies: Vec<Tally>,
    /// Counts of whole batches, not yet in `tallies` (a thread sees at most
    /// [`MAX_DRAWS`] draws, so no lane's count can overflow).
    lanes: Vec<LaneCounts>,
}

impl Recorder {
    /// Moves the lane counts into the tallies.
    fn settle(&mut self) {
        for (tally, lanes) in self.tallies.iter_mut().zip(&mut self.lanes) {
            let sum = |c: &[u32; LANES]| c.iter().map(|&v| u64::from(v)).sum::<u64>();
            tally.below += sum(&lanes.below);
            tally.at_low += sum(&lanes.at_low);
            tally.at_high += sum(&lanes.at_high);
            *lanes = LaneCounts::default();
        }
    }

    fn absorb(&mut self, mut other: Recorder) {
        self.settle();
        other.settle();
        for (a, b) in self.tallies.iter_mut().zip(other.tallies) {
            a.below += b.below;
            a.at_low += b.at_low;
            a.at_high += b.at_high;
            a.inside.extend_from_slice(&b.inside);
        }
    }
}

impl Record for Windows {
    type Acc = Recorder;

    fn init(&self) -> Recorder {
        self.recorder()
    }

    #[inline(always)]
    fn record(&self, rec: &mut Recorder, cumulative: &[Lane], n: usize) {
        self.record_batch(rec, cumulative, n);
    }
}

impl Windows {
    /// Windows from the pilot's columns (one per year, `pilot_draws`
    /// values each), and the pilot's values tallied in them. The years are
    /// shared between `threads`.
    fn from_pilot(
        mut pilot: Vec<Vec<f64>>,
        pilot_draws: usize,
        threads: usize,
    ) -> (Self, Recorder) {
        let mut qs = [0.0; 6];
        for (b, q) in BANDS.into_iter().enumerate() {
            let delta = 6.0 * (q * (1.0 - q) / pilot_draws as f64).sqrt();
            qs[2 * b] = (q - delta).max(0.0);
            qs[2 * b + 1] = (q + delta).min(1.0);
        }
        let h = pilot.len();
        let mut bounds = vec![(0.0, 0.0); 3 * h];
        let mut rec = Recorder {
            tallies: vec![Tally::default(); 3 * h],
            lanes: vec![LaneCounts::default(); 3 * h],
        };
        let years = |cols: &mut [Vec<f64>],
                     bounds: &mut [(f64, f64)],
                     tallies: &mut [Tally],
                     counts: &mut [LaneCounts]| {
            for (((col, bounds), tallies), counts) in cols
                .iter_mut()
                .zip(bounds.chunks_mut(3))
                .zip(tallies.chunks_mut(3))
                .zip(counts.chunks_mut(3))
            {
                let p = percentiles(col, &qs);
                for (b, bound) in bounds.iter_mut().enumerate() {
                    *bound = (p[2 * b], p[2 * b + 1]);
                }
                // (The selection reordered the column; the tallies do not
                // depend on order.)
                let (chunks, rest) = col.as_chunks::<LANES>();
                for lanes in chunks {
                    record_lanes(bounds, tallies, counts, lanes);
                }
                for &v in rest {
                    record_value(bounds, tallies, v);
                }
                *col = Vec::new();
            }
        };
        let per = h.div_ceil(threads.clamp(1, h.max(1))).max(1);
        if per >= h {
            years(&mut pilot, &mut bounds, &mut rec.tallies, &mut rec.lanes);
        } else {
            std::thread::scope(|s| {
                for (((cols, bounds), tallies), counts) in pilot
                    .chunks_mut(per)
                    .zip(bounds.chunks_mut(3 * per))
                    .zip(rec.tallies.chunks_mut(3 * per))
                    .zip(rec.lanes.chunks_mut(3 * per))
                {
                    s.spawn(move || years(cols, bounds, tallies, counts));
                }
            });
        }
        (Self { bounds }, rec)
    }

    fn recorder(&self) -> Recorder {
        Recorder {
            tallies: vec![Tally::default(); self.bounds.len()],
            lanes: vec![LaneCounts::default(); self.bounds.len()],
        }
    }

    #[cfg(test)]
    fn record_one(&self, rec: &mut Recorder, t: usize, v: f64) {
        let at = 3 * t;
        record_value(&self.bounds[at..at + 3], &mut rec.tallies[at..at + 3], v);
    }

    /// A batch's values, year by year (`n` lanes of each are draws).
    #[inline(always)]
    fn record_batch(&self, rec: &mut Recorder, cum: &[Lane], n: usize) {
        for (t, lanes) in cum.iter().enumerate() {
            let at = 3 * t;
            let (bounds, tallies) = (&self.bounds[at..at + 3], &mut rec.tallies[at..at + 3]);
            if n < LANES {
                for &v in &lanes[..n] {
                    record_value(bounds, tallies, v);
                }
            } else {
                record_lanes(bounds, tallies, &mut rec.lanes[at..at + 3], lanes);
            }
        }
    }

    /// The bands, and the years whose windows missed (their bands are NaN).
    fn resolve(&self, mut rec: Recorder, n: usize) -> (Vec<[f64; 3]>, Vec<usize>) {
        rec.settle();
        let years = self.bounds.len() / 3;
        let mut bands = vec![[f64::NAN; 3]; years];
        let mut missed = Vec::new();
        for (t, band) in bands.iter_mut().enumerate() {
            for (b, q) in BANDS.iter().enumerate() {
                let (low, high) = self.bounds[3 * t + b];
                let tally = &mut rec.tallies[3 * t + b];
                let (k, frac) = position(*q, n);
                let ranks = [k, (k + 1).min(n - 1)];
                // Ranks within the window's kept values, if inside it.
                let base = tally.below + tally.at_low;
                let inside = tally.inside.len() as u64;
                let mut wanted: Vec<usize> = ranks
                    .iter()
                    .filter_map(|&r| {
                        let r = r as u64;
                        (r >= base && r < base + inside).then(|| (r - base) as usize)
                    })
                    .collect();
                wanted.dedup();
                let mut sorted_inside = std::mem::take(&mut tally.inside);
                let picked = if wanted.is_empty() {
                    Vec::new()
                } else {
                    select_ranks(&mut sorted_inside, &wanted);
                    wanted.iter().map(|&r| sorted_inside[r]).collect()
                };
                let value = |r: usize| -> Option<f64> {
                    let r = r as u64;
                    if r < tally.below {
                        None
                    } else if r < base {
                        Some(low)
                    } else if r < base + inside {
                        let i = (r - base) as usize;
                        wanted.iter().position(|&w| w == i).map(|j| picked[j])
                    } else if r < base + inside + tally.at_high {
                        Some(high)
                    } else {
                        None
                    }
                };
                match (value(ranks[0]), value(ranks[1])) {
                    (Some(a), Some(c)) => band[b] = interpolate(a, c, frac),
                    _ => {
                        if !missed.contains(&t) {
                            missed.push(t);
                        }
                    }
                }
            }
        }
        (bands, missed)
    }
}

/// One value into a year's three tallies (`bounds` and `tallies` of its
/// bands).
#[inline(always)]
fn record_value(bounds: &[(f64, f64)], tallies: &mut [Tally], v: f64) {
    for (tally, &(low, high)) in tallies.iter_mut().zip(bounds) {
        // Counted without a branch: a value is below a P10 window one time
        // in ten, which a branch would mispredict.
        tally.below += u64::from(v < low);
        if v >= low && v <= high {
            if v == low {
                tally.at_low += 1;
            } else if v == high {
                tally.at_high += 1;
            } else {
                tally.inside.push(v);
            }
        }
    }
}

/// Sixteen values into a year's three tallies: compares of all of them,
/// counted lane by lane without branches (vector instructions), and the
/// values one at a time only when one falls strictly inside a window.
#[inline(always)]
#[allow(
    clippy::needless_bitwise_bool,
    reason = "`&` between comparisons keeps the loops free of branches"
)]
fn record_lanes(
    bounds: &[(f64, f64)],
    tallies: &mut [Tally],
    counts: &mut [LaneCounts],
    lanes: &Lane,
) {
    for ((tally, counts), &(low, high)) in tallies.iter_mut().zip(counts).zip(bounds) {
        let mut inside = false;
        // (`&`, not `&&`: no branch.)
        for (l, &v) in lanes.iter().enumerate() {
            counts.below[l] += u32::from(v < low);
            counts.at_low[l] += u32::from(v == low);
            counts.at_high[l] += u32::from((v == high) & (v != low));
            inside |= (v > low) & (v < high);
        }
        if inside {
            // Every lane written, the end moved on past those inside: no
            // branch to mispredict.
            let start = tally.inside.len();
            tally.inside.resize(start + LANES, 0.0);
            let mut end = start;
            for &v in lanes {
                tally.inside[end] = v;
                end += usize::from((v > low) & (v < high));
            }
            tally.inside.truncate(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands_from(pilot: &[f64], values: &[f64]) -> (Vec<[f64; 3]>, Vec<usize>) {
        let (w, _) = Windows::from_pilot(vec![pilot.to_vec()], pilot.len(), 1);
        let mut rec = w.recorder();
        for v in values {
            w.record_one(&mut rec, 0, *v);
        }
        w.resolve(rec, values.len())
    }

    #[test]
    fn windows_find_the_exact_percentiles() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from((i * 7) % 1000)).collect();
        let pilot: Vec<f64> = values[..200].to_vec();
        let (bands, missed) = bands_from(&pilot, &values);
        assert!(missed.is_empty());
        // NumPy: np.percentile(range(1000), [10, 50, 90]) = 99.9, 499.5, 899.1.
        let expected = [99.9, 499.5, 899.1];
        for (b, e) in bands[0].iter().zip(expected) {
            assert!((b - e).abs() < 1e-9, "{b} vs {e}");
        }
    }

    #[test]
    fn a_year_with_one_value_needs_no_storage() {
        let (bands, missed) = bands_from(&[5.0; 100], &vec![5.0; 10_000]);
        assert!(missed.is_empty());
        assert_eq!(bands[0], [5.0; 3]);
    }

    #[test]
    fn windows_that_miss_are_reported() {
        let values: Vec<f64> = (0..1000).map(f64::from).collect();
        let (_, missed) = bands_from(&[5.0; 100], &values);
        assert_eq!(missed, vec![0]);
    }
}
