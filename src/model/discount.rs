//! Discount factors (docs/methodology.md "Time and discounting").

use crate::scenario::Discounting;

/// Green Book social time preference rates by band: (last year of band, rate).
const GREEN_BOOK: [(usize, f64); 6] = [
    (30, 0.035),
    (75, 0.030),
    (125, 0.025),
    (200, 0.020),
    (300, 0.015),
    (usize::MAX, 0.010),
];

/// The Feb 2026 lower-rate sensitivity test, same bands.
const GREEN_BOOK_LOWER: [(usize, f64); 3] = [(30, 0.0300), (75, 0.0257), (usize::MAX, 0.0214)];

fn banded_rate(bands: &[(usize, f64)], t: usize) -> f64 {
    bands
        .iter()
        .find(|(last, _)| t <= *last)
        .map_or(0.0, |(_, r)| *r)
}

/// Fills `out` with `DF_t` for `t = 0 .. out.len()`. `constant_rate` is the
/// rate of `Constant(r)` (already resolved to a number); ignored otherwise.
pub fn fill_factors(method: &Discounting, constant_rate: f64, out: &mut [f64]) {
    match method {
        Discounting::GreenBook | Discounting::GreenBookLowerRate => {
            let bands: &[(usize, f64)] = if matches!(method, Discounting::GreenBook) {
                &GREEN_BOOK
            } else {
                &GREEN_BOOK_LOWER
            };
            let mut df = 1.0;
            for (t, slot) in out.iter_mut().enumerate() {
                if t > 0 {
                    df /= 1.0 + banded_rate(bands, t);
                }
                *slot = df;
            }
        }
        Discounting::Constant(_) => {
            let base = 1.0 + constant_rate;
            for (t, slot) in out.iter_mut().enumerate() {
                *slot = base.powi(-(t as i32));
            }
        }
        Discounting::Undiscounted => out.fill(1.0),
    }
}

/// `DF_t` for `t = 0 .. horizon`.
#[must_use]
pub fn factors(method: &Discounting, constant_rate: f64, horizon: usize) -> Vec<f64> {
    let mut out = vec![0.0; horizon];
    fill_factors(method, constant_rate, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Value;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Green Book check values (docs/methodology.md, section 2), to the published 4 decimals.
    #[test]
    fn green_book_matches_published_factors() {
        let df = factors(&Discounting::GreenBook, 0.0, 51);
        assert_eq!(df[0], 1.0);
        assert!(close(df[1], 0.9662, 5e-5), "{}", df[1]);
        assert!(close(df[10], 0.7089, 5e-5), "{}", df[10]);
        assert!(close(df[30], 0.3563, 5e-5), "{}", df[30]);
        assert!(close(df[31], 0.3459, 5e-5), "{}", df[31]);
        assert!(close(df[50], 0.1973, 5e-5), "{}", df[50]);
        // £1,000 in year 1 is worth £966, in year 10 £709.
        assert_eq!((1000.0 * df[1]).round(), 966.0);
        assert_eq!((1000.0 * df[10]).round(), 709.0);
    }

    /// Hand-checked: the band changes after year 30 and after year 75.
    #[test]
    fn green_book_bands_change_at_31_and_76() {
        let df = factors(&Discounting::GreenBook, 0.0, 100);
        assert!(close(df[30], 1.035f64.powi(-30), 1e-15));
        assert!(close(df[31] / df[30], 1.0 / 1.03, 1e-15));
        assert!(close(df[75], 1.035f64.powi(-30) * 1.03f64.powi(-45), 1e-15));
        assert!(close(df[76] / df[75], 1.0 / 1.025, 1e-15));
    }

    #[test]
    fn lower_rate_uses_3_00_2_57_2_14() {
        let df = factors(&Discounting::GreenBookLowerRate, 0.0, 80);
        assert!(close(df[30], 1.03f64.powi(-30), 1e-15));
        assert!(close(df[31] / df[30], 1.0 / 1.0257, 1e-15));
        assert!(close(df[76] / df[75], 1.0 / 1.0214, 1e-15));
        // Hand-checked: 1.03^-10 = 0.744094.
        assert!(close(df[10], 0.744_094, 1e-6));
    }

    #[test]
    fn constant_and_undiscounted() {
        let df = factors(&Discounting::Constant(Value::Point(0.05)), 0.05, 3);
        assert!(close(df[2], 1.0 / 1.1025, 1e-15));
        assert_eq!(factors(&Discounting::Undiscounted, 0.0, 4), vec![1.0; 4]);
    }
}
