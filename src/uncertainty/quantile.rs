//! Percentiles as `NumPy` computes them by default (`method="linear"`):
//! position `q · (n − 1)` in the sorted values, interpolated linearly between
//! the order statistics either side — found by selection, not a full sort.

/// The order statistics `ranks` (sorted, distinct, each `< values.len()`)
/// moved to their sorted positions, by recursive selection: about
/// `n · log2(ranks.len() + 1)` element visits instead of a sort's `n · log2 n`.
fn select_many(values: &mut [f64], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || values.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid] - offset;
    let (left, _, right) = values.select_nth_unstable_by(k, f64::total_cmp);
    select_many(left, &ranks[..mid], offset);
    select_many(right, &ranks[mid + 1..], offset + k + 1);
}

/// Moves the order statistics `ranks` (sorted, distinct, each below
/// `values.len()`) to their sorted positions.
pub fn select_ranks(values: &mut [f64], ranks: &[usize]) {
    select_many(values, ranks, 0);
}

/// The `q`-quantiles (each in 0..=1) of `values`, reordering them. Empty
/// input gives NaN.
///
/// Only the order statistics below each position are selected; the one
/// above is the smallest value between it and the next selected one, found
/// by a scan (all scans together visit each value at most once).
#[must_use]
pub fn percentiles(values: &mut [f64], qs: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 0 {
        return vec![f64::NAN; qs.len()];
    }
    let positions: Vec<(usize, f64)> = qs.iter().map(|&q| position(q, n)).collect();
    let mut ranks: Vec<usize> = positions.iter().map(|&(k, _)| k).collect();
    ranks.sort_unstable();
    ranks.dedup();
    select_many(values, &ranks, 0);
    positions
        .iter()
        .map(|&(k, frac)| {
            if frac == 0.0 || k + 1 >= n {
                return values[k];
            }
            let next = ranks.partition_point(|&r| r <= k);
            let end = ranks.get(next).copied().unwrap_or(n - 1);
            let above = values[k + 1..=end]
                .iter()
                .copied()
                .min_by(f64::total_cmp)
                .unwrap_or(values[k]);
            interpolate(values[k], above, frac)
        })
        .collect()
}

/// Values a [`Guide`] compares at a time.
const CHUNK: usize = 16;

/// Windows around percentiles, placed from a pilot: for each percentile,
/// the pilot's percentiles at q ± six standard errors. Tallying values
/// (in any order, in parts that are then merged) counts those below each
/// window and keeps those inside it, which is enough to select the exact
/// order statistics — unless the pilot was six standard errors off (about
/// one run in a billion), when [`Guide::resolve`] says so and the caller
/// selects among every value instead.
#[derive(Clone, Debug)]
pub struct Guide {
    qs: Vec<f64>,
    windows: Vec<(f64, f64)>,
}

/// A [`Guide`]'s counts and kept values for some of the values.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    below: Vec<usize>,
    kept: Vec<Vec<f64>>,
}

impl Tally {
    /// Adds `other`'s counts and values.
    pub fn absorb(&mut self, other: Tally) {
        if self.below.is_empty() {
            *self = other;
            return;
        }
        for (a, b) in self.below.iter_mut().zip(other.below) {
            *a += b;
        }
        for (a, b) in self.kept.iter_mut().zip(other.kept) {
            a.extend_from_slice(&b);
        }
    }
}

impl Guide {
    /// Windows for `qs` from `pilot`, the first values of a run of `n`;
    /// `None` when the pilot is too small to guide (under 4,096) or not
    /// much smaller than the run (over a quarter).
    #[must_use]
    pub fn new(pilot: &[f64], qs: &[f64], n: usize) -> Option<Self> {
        let size = pilot.len();
        if size < 4096 || size > n / 4 {
            return None;
        }
        let mut sample = pilot.to_vec();
        let mut around = Vec::with_capacity(2 * qs.len());
        for &q in qs {
            let delta = 6.0 * (q * (1.0 - q) / size as f64).sqrt();
            around.push((q - delta).max(0.0));
            around.push((q + delta).min(1.0));
        }
        let bounds = percentiles(&mut sample, &around);
        Some(Self {
            qs: qs.to_vec(),
            windows: bounds.chunks_exact(2).map(|b| (b[0], b[1])).collect(),
        })
    }

    /// An empty tally.
    #[must_use]
    pub fn tally(&self) -> Tally {
        Tally {
            below: vec![0; self.windows.len()],
            kept: vec![Vec::new(); self.windows.len()],
        }
    }

    /// Counts and keeps `values` in `tally`.
    pub fn add(&self, tally: &mut Tally, values: &[f64]) {
        // Counts are kept lane by lane (vector adds, no sum across lanes
        // per chunk) and moved into the tally every `SEGMENT` chunks, well
        // before a lane's `u32` could overflow.
        const SEGMENT: usize = 1 << 20;
        let (chunks, rest) = values.as_chunks::<CHUNK>();
        let mut counts = vec![[0_u32; CHUNK]; self.windows.len()];
        for segment in chunks.chunks(SEGMENT) {
            for chunk in segment {
                self.add_chunk(&mut counts, &mut tally.kept, chunk);
            }
            for (below, lanes) in tally.below.iter_mut().zip(&mut counts) {
                *below += lanes.iter().map(|&c| c as usize).sum::<usize>();
                *lanes = [0; CHUNK];
            }
        }
        for &v in rest {
            for ((&(low, high), below), kept) in self
                .windows
                .iter()
                .zip(&mut tally.below)
                .zip(&mut tally.kept)
            {
                if v < low {
                    *below += 1;
                } else if v <= high {
                    kept.push(v);
                }
            }
        }
    }

    #[inline]
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "`&` between comparisons keeps the pass free of branches"
    )]
    fn add_chunk(&self, counts: &mut [[u32; CHUNK]], kept: &mut [Vec<f64>], chunk: &[f64; CHUNK]) {
        for ((&(low, high), lanes), kept) in self.windows.iter().zip(counts).zip(kept) {
            let mut inside = false;
            for (c, &v) in lanes.iter_mut().zip(chunk) {
                *c += u32::from(v < low);
                inside |= (v >= low) & (v <= high);
            }
            if inside {
                // Every value written, the end moved past those inside: no
                // branch to mispredict.
                let start = kept.len();
                kept.resize(start + CHUNK, 0.0);
                let mut end = start;
                for &v in chunk {
                    kept[end] = v;
                    end += usize::from((v >= low) & (v <= high));
                }
                kept.truncate(end);
            }
        }
    }

    /// The percentiles of the `n` values tallied, or `None` if a window
    /// missed.
    #[must_use]
    pub fn resolve(&self, mut tally: Tally, n: usize) -> Option<Vec<f64>> {
        let mut out = Vec::with_capacity(self.qs.len());
        for ((&q, below), kept) in self.qs.iter().zip(tally.below).zip(&mut tally.kept) {
            let (k, frac) = position(q, n);
            let wanted = if frac == 0.0 || k + 1 >= n {
                vec![k]
            } else {
                vec![k, k + 1]
            };
            // Ranks inside the kept values, if both are there.
            let local: Vec<usize> = wanted
                .iter()
                .map(|&r| (r >= below && r < below + kept.len()).then(|| r - below))
                .collect::<Option<_>>()?;
            select_ranks(kept, &local);
            let at: Vec<f64> = local.iter().map(|&r| kept[r]).collect();
            out.push(if at.len() == 2 {
                interpolate(at[0], at[1], frac)
            } else {
                at[0]
            });
        }
        Some(out)
    }
}

/// [`percentiles`] of `values`, guided by its first `pilot` values (a
/// [`Guide`]): one pass instead of repeated partitioning of the whole
/// slice, and the same numbers. `values` is left in its order unless the
/// guide cannot be used or misses, when this is [`percentiles`] itself.
#[must_use]
pub fn percentiles_guided(values: &mut [f64], qs: &[f64], pilot: usize) -> Vec<f64> {
    let n = values.len();
    let Some(guide) = Guide::new(&values[..pilot.min(n)], qs, n) else {
        return percentiles(values, qs);
    };
    let mut tally = guide.tally();
    guide.add(&mut tally, values);
    guide
        .resolve(tally, n)
        .unwrap_or_else(|| percentiles(values, qs))
}

/// The order statistic below position `q · (n − 1)` and the fraction of the
/// way to the next one.
#[must_use]
pub fn position(q: f64, n: usize) -> (usize, f64) {
    let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let k = (pos.floor() as usize).min(n - 1);
    (k, pos - k as f64)
}

/// `NumPy`'s linear interpolation, exact when both neighbours are equal.
#[must_use]
pub fn interpolate(below: f64, above: f64, frac: f64) -> f64 {
    if frac == 0.0 || below == above {
        below
    } else {
        below + (above - below) * frac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand and checked against
    /// `np.percentile([15, 20, 35, 40, 50], [5, 10, 50, 90, 95])`
    /// = [16, 17, 35, 46, 48]: position 0.05 · 4 = 0.2 → 15 + 0.2 · 5 = 16;
    /// 0.9 · 4 = 3.6 → 40 + 0.6 · 10 = 46.
    /// The guided percentiles are the plain ones, on smooth data, on data
    /// with heavy ties, and when the pilot is unlike the rest (its windows
    /// miss, so it falls back).
    #[test]
    fn guided_percentiles_equal_plain_ones() {
        let qs = [0.05, 0.10, 0.50, 0.90, 0.95, 0.005, 0.995];
        let smooth: Vec<f64> = (0..200_000_u64)
            .map(|i| ((i * 2_654_435_761) % 1_000_003) as f64 * 0.731 - 2e5)
            .collect();
        let ties: Vec<f64> = (0..100_000_u64).map(|i| ((i * 7919) % 13) as f64).collect();
        let mut shifted = smooth.clone();
        for v in &mut shifted[..20_000] {
            *v += 1e9;
        }
        for data in [smooth, ties, shifted] {
            let mut a = data.clone();
            let mut b = data.clone();
            let pilot = data.len() / 10;
            assert_eq!(
                percentiles_guided(&mut a, &qs, pilot),
                percentiles(&mut b, &qs)
            );
        }
    }

    #[test]
    fn matches_numpy_on_a_hand_example() {
        let mut v = vec![50.0, 15.0, 40.0, 35.0, 20.0];
        let p = percentiles(&mut v, &[0.05, 0.10, 0.50, 0.90, 0.95]);
        assert_eq!(p, vec![16.0, 17.0, 35.0, 46.0, 48.0]);
    }

    #[test]
    fn single_value_and_extremes() {
        assert_eq!(percentiles(&mut [3.0], &[0.0, 0.5, 1.0]), vec![3.0; 3]);
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        assert_eq!(percentiles(&mut v, &[0.0, 1.0]), vec![1.0, 4.0]);
    }

    #[test]
    fn agrees_with_a_full_sort() {
        let mut v: Vec<f64> = (0..10_001)
            .map(|i| f64::from((i * 7919) % 10_007) * 0.37)
            .collect();
        let mut sorted = v.clone();
        sorted.sort_by(f64::total_cmp);
        let qs = [0.05, 0.1, 0.5, 0.9, 0.95, 0.333];
        let p = percentiles(&mut v, &qs);
        for (q, got) in qs.iter().zip(p) {
            let (k, f) = position(*q, sorted.len());
            assert_eq!(got, interpolate(sorted[k], sorted[k + 1], f));
        }
    }
}
