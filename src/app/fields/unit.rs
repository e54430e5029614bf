//! How a number is shown and read: money, percentages, counts and plain
//! numbers, as people type them.

use crate::money::{format_money, parse_money};

/// How a number is shown and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Pounds: "£100.0m"; typed as "£100m", "25k", "-£3m".
    Money,
    /// A fraction shown as a percentage: 0.41 is "41%".
    Percent,
    /// Jobs, offices, records: "1,200"; "80k" is read too.
    Count,
    /// Anything else (months, multipliers, points).
    Plain,
}

impl Unit {
    /// The text shown for `x`.
    pub fn format(self, x: f64) -> String {
        match self {
            Unit::Money => format_money(x),
            Unit::Percent => format!("{}%", tidy(x * 100.0)),
            Unit::Count => format_money(x)
                .replacen('£', "", 1)
                .replace('m', " million")
                .replace("bn", " billion"),
            Unit::Plain => tidy(x),
        }
    }

    /// `x` as the app stores a value it set itself (a break-even, a
    /// claim entered, a range scaled to a new centre): money to the penny,
    /// a share to a millionth, anything else to four decimals. No float
    /// noise ("£37,199,999.9999") reaches the file.
    pub fn stored(self, x: f64) -> f64 {
        let step = match self {
            Unit::Money => 0.01,
            Unit::Percent => 1e-6,
            Unit::Count | Unit::Plain => 1e-4,
        };
        let r = (x / step).round() * step;
        // (x / step).round() * step can itself add noise: print and read back.
        format!("{r:.6}").parse().unwrap_or(r)
    }

    /// Every number of `v` as [`Unit::stored`] keeps it, ends kept around
    /// the centre.
    pub fn stored_value(self, v: crate::scenario::Value) -> crate::scenario::Value {
        use crate::scenario::Value;
        let s = |x| self.stored(x);
        match v {
            Value::Point(x) => Value::Point(s(x)),
            Value::Tri { low, mode, high } => Value::Tri {
                low: s(low).min(s(mode)),
                mode: s(mode),
                high: s(high).max(s(mode)),
            },
            Value::Pert { low, mode, high } => Value::Pert {
                low: s(low).min(s(mode)),
                mode: s(mode),
                high: s(high).max(s(mode)),
            },
            Value::Uniform { low, high } => Value::Uniform {
                low: s(low),
                high: s(high),
            },
        }
    }

    /// `x` rounded for reading in a sentence: "£41.6m", "36.8%", "1,235", "13.5".
    pub fn show(self, x: f64) -> String {
        match self {
            Unit::Money => crate::report::pounds(x),
            Unit::Percent => format!("{}%", three_figures(x * 100.0)),
            Unit::Count | Unit::Plain => three_figures(x),
        }
    }

    /// Reads typed text; the message says what was expected.
    pub fn parse(self, text: &str) -> Result<f64, String> {
        let t = text.trim();
        match self {
            Unit::Money => parse_money(t).map_err(|e| e.0),
            Unit::Percent => {
                let n = t.trim_end_matches('%').trim();
                n.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map(|x| x / 100.0)
                    .ok_or_else(|| format!("expected a percentage such as 41% or 3.5; found “{t}”"))
            }
            Unit::Count => parse_money(t)
                .map_err(|_| format!("expected a number such as 300, 1,200 or 80k; found “{t}”"))
                .and_then(|x| {
                    if t.contains('£') {
                        Err(format!(
                            "this is a count, not money: type {}",
                            t.replace('£', "")
                        ))
                    } else {
                        Ok(x)
                    }
                }),
            Unit::Plain => t
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("expected a number such as 1.3; found “{t}”")),
        }
    }
}

/// A number without float noise: 41.00000000000001 → "41".
fn tidy(x: f64) -> String {
    let rounded = (x * 1e9).round() / 1e9;
    crate::scenario::write::number(if rounded == 0.0 { 0.0 } else { rounded })
}

/// Three significant figures, or the whole number from 1,000 up: "13.5",
/// "0.0123", "1,235".
fn three_figures(x: f64) -> String {
    let a = x.abs();
    // 999.7 rounds to 1,000: grouped like the rest.
    if !x.is_finite() || a >= 999.5 {
        return crate::report::readable(x.round());
    }
    let decimals = if a == 0.0 {
        0
    } else {
        (2 - a.log10().floor() as i32).clamp(0, 12) as usize
    };
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_the_app_sets_are_stored_without_float_noise() {
        assert_eq!(Unit::Money.stored(37_199_999.999_999_99), 37_200_000.0);
        assert_eq!(Unit::Money.stored(1_234.565_000_1), 1_234.57);
        assert_eq!(Unit::Money.stored(-0.004), 0.0);
        assert_eq!(Unit::Percent.stored(0.123_456_789), 0.123_457);
        assert_eq!(Unit::Count.stored(123.456_789), 123.4568);
        // 30e6 × 1.2 is 36,000,000.000000004 in floating point.
        let v = crate::scenario::Value::Tri {
            low: 30e6,
            mode: 100e6,
            high: 120e6,
        }
        .with_central(120e6);
        assert_eq!(
            Unit::Money.stored_value(v),
            crate::scenario::Value::Tri {
                low: 36e6,
                mode: 120e6,
                high: 144e6
            }
        );
    }

    #[test]
    fn units_read_back_what_they_show() {
        for (unit, x) in [
            (Unit::Money, 1.5e6),
            (Unit::Percent, 0.41),
            (Unit::Percent, 0.035),
            (Unit::Count, 1200.0),
            (Unit::Plain, 1.3),
        ] {
            assert_eq!(
                unit.parse(&unit.format(x)),
                Ok(x),
                "{unit:?} {x} via {}",
                unit.format(x)
            );
        }
        assert_eq!(Unit::Percent.format(0.41), "41%");
        assert_eq!(Unit::Count.format(80_000.0), "80,000");
        assert!(Unit::Percent.parse("lots").is_err());
    }

    #[test]
    fn numbers_in_sentences_are_rounded_as_the_results_are() {
        assert_eq!(Unit::Money.show(41_623_456.78), "£41.6m");
        assert_eq!(Unit::Money.show(31_234.56), "£31.2k");
        assert_eq!(Unit::Percent.show(0.368_123), "36.8%");
        assert_eq!(Unit::Percent.show(0.000_123_4), "0.0123%");
        assert_eq!(Unit::Percent.show(0.0), "0%");
        assert_eq!(Unit::Plain.show(13.53), "13.5");
        assert_eq!(Unit::Plain.show(-0.000_01), "-0.00001");
        assert_eq!(Unit::Plain.show(-0.000_000_000_000_1), "0");
        assert_eq!(Unit::Count.show(1_234.5), "1,235");
        assert_eq!(Unit::Count.show(999.7), "1,000");
        assert_eq!(Unit::Count.show(37.43), "37.4");
        assert_eq!(Unit::Plain.show(2.0), "2");
    }
}
