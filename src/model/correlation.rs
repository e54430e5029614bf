//! Rank correlations between uncertain inputs (model 2): the matrix of the
//! pairs a scenario gives, checked for positive semi-definiteness, and the
//! factor Monte Carlo uses to reorder its draws (Iman and Conover, 1982).
//! Only Monte Carlo changes: central results, the tornado and break-even
//! never see correlations.

use super::plan::P;

/// Below this a pivot counts as zero (a singular but valid matrix).
const TOLERANCE: f64 = 1e-10;

/// The lower-triangular Cholesky factor `L` of the `k × k` symmetric matrix
/// `m` (row by row), with `L Lᵀ = m`, for a positive semi-definite `m`:
/// a zero pivot is allowed when its column is zero too. `Err(j)` names the
/// first row `j` at which `m` is shown not to be positive semi-definite —
/// the matrix of rows `0..=j` alone is not.
///
/// # Errors
/// The row at which the matrix fails.
pub fn cholesky(m: &[f64], k: usize) -> Result<Vec<f64>, usize> {
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let d = m[j * k + j] - (0..j).map(|t| l[j * k + t] * l[j * k + t]).sum::<f64>();
        if d < -TOLERANCE {
            return Err(j);
        }
        let pivot = d.max(0.0).sqrt();
        l[j * k + j] = pivot;
        for i in j + 1..k {
            let r = m[i * k + j] - (0..j).map(|t| l[i * k + t] * l[j * k + t]).sum::<f64>();
            if pivot > TOLERANCE.sqrt() {
                l[i * k + j] = r / pivot;
            } else if r.abs() > 1e-8 {
                return Err(i);
            }
        }
    }
    Ok(l)
}

/// The correlated inputs of a plan and their target rank correlations.
#[derive(Clone, Debug, PartialEq)]
pub struct Correlated {
    /// The inputs, in order of first mention.
    pub inputs: Vec<P>,
    /// `k × k` target rank correlations, 1 on the diagonal, 0 where no pair
    /// is given.
    pub target: Vec<f64>,
}

impl Correlated {
    /// The matrix of `pairs` (input, input, rank); `None` when there are none.
    #[must_use]
    pub fn new(pairs: &[(P, P, f64)]) -> Option<Self> {
        if pairs.is_empty() {
            return None;
        }
        let mut inputs: Vec<P> = Vec::new();
        for &(a, b, _) in pairs {
            for p in [a, b] {
                if !inputs.contains(&p) {
                    inputs.push(p);
                }
            }
        }
        let k = inputs.len();
        let at = |p: P| inputs.iter().position(|&q| q == p).unwrap_or(0);
        let mut target = vec![0.0; k * k];
        for i in 0..k {
            target[i * k + i] = 1.0;
        }
        for &(a, b, r) in pairs {
            let (i, j) = (at(a), at(b));
            target[i * k + j] = r;
            target[j * k + i] = r;
        }
        Some(Self { inputs, target })
    }

    /// How many inputs are correlated.
    #[must_use]
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// True when no input is correlated (never, for a built matrix).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The Cholesky factor of the Pearson correlation of normal scores that
    /// gives the target *rank* correlations: `2 sin(π ρ / 6)` for each
    /// entry (the rank correlation of a bivariate normal with correlation r
    /// is `(6 / π) asin(r / 2)`). Falls back to the target itself when the
    /// adjusted matrix is not positive semi-definite; `None` when neither is.
    #[must_use]
    pub fn score_factor(&self) -> Option<Vec<f64>> {
        let k = self.len();
        let adjusted: Vec<f64> = self
            .target
            .iter()
            .map(|&r| 2.0 * (std::f64::consts::PI * r / 6.0).sin())
            .collect();
        cholesky(&adjusted, k)
            .or_else(|_| cholesky(&self.target, k))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_of_a_two_by_two_by_hand() {
        // [[1, 0.6], [0.6, 1]]: L = [[1, 0], [0.6, 0.8]].
        let l = cholesky(&[1.0, 0.6, 0.6, 1.0], 2).expect("positive definite");
        let want = [1.0, 0.0, 0.6, 0.8];
        for (a, b) in l.iter().zip(want) {
            assert!((a - b).abs() < 1e-12, "{l:?}");
        }
    }

    #[test]
    fn a_singular_matrix_is_allowed_and_an_impossible_one_is_not() {
        // Perfectly correlated: singular but valid.
        assert!(cholesky(&[1.0, 1.0, 1.0, 1.0], 2).is_ok());
        // a~b 0.9, b~c 0.9, a~c −0.9 cannot all hold: fails at row 2.
        let m = [1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0];
        assert_eq!(cholesky(&m, 3), Err(2));
    }

    #[test]
    fn the_matrix_puts_each_pair_both_ways_and_zeros_elsewhere() {
        let c = Correlated::new(&[(4, 7, 0.5), (7, 2, -0.25)]).expect("pairs");
        assert_eq!(c.inputs, [4, 7, 2]);
        assert_eq!(c.target, [1.0, 0.5, 0.0, 0.5, 1.0, -0.25, 0.0, -0.25, 1.0]);
        assert!(Correlated::new(&[]).is_none());
    }
}
