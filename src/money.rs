//! Money as people type it ("£1.2bn", "25k", "-£3m") and savings claims as
//! departments word them ("save over £100m in the next seven years"), turned
//! into pounds and profiles. No egui: the app, the CLI and tests share it.

use crate::scenario::Profile;

/// Why typed text is not an amount of money or a claim.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

const MONEY_EXPECTED: &str = "expected an amount of money such as £100m, £1.2bn, 25k or £25,000";

/// Reads an amount of money: "£100m", "100m", "£1.2bn", "£56 million",
/// "25k", "£25,000", "-£3m", "1e8".
pub fn parse_money(text: &str) -> Result<f64, ParseError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ParseError(format!("{MONEY_EXPECTED}; the field is empty")));
    }
    let lower = t.to_lowercase();
    let (negative, rest) = strip_sign(&lower);
    let rest = rest.trim_start().trim_start_matches('£').trim_start();
    // "£-3m" is as good as "-£3m".
    let (negative2, rest) = strip_sign(rest);
    let rest = rest.trim_start_matches('£').trim();
    let split = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | '_') || exponent_at(rest, i))
        })
        .map_or(rest.len(), |(i, _)| i);
    let (digits, unit) = rest.split_at(split);
    let unit = unit.trim();
    let digits: String = digits.chars().filter(|c| !matches!(c, ',' | '_')).collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return Err(ParseError(format!("{MONEY_EXPECTED}; found “{t}”")));
    }
    let number: f64 = digits
        .parse()
        .map_err(|_| ParseError(format!("{MONEY_EXPECTED}; “{t}” is not a number")))?;
    let scale = unit_scale(unit).ok_or_else(|| {
        ParseError(format!(
            "“{unit}” is not a unit Counterweight knows in “{t}”; use k, m (million) or bn (billion)"
        ))
    })?;
    let value = number * scale;
    if !value.is_finite() {
        return Err(ParseError(format!("“{t}” is too large")));
    }
    Ok(if negative ^ negative2 { -value } else { value })
}

/// True when `s[i]` is the `e` of an exponent such as `1e8` (not the start of a word).
fn exponent_at(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    b[i] == b'e'
        && i > 0
        && b[i - 1].is_ascii_digit()
        && b.get(i + 1)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'-')
}

fn strip_sign(s: &str) -> (bool, &str) {
    for sign in ["-", "−", "–", "minus "] {
        if let Some(rest) = s.strip_prefix(sign) {
            return (true, rest);
        }
    }
    (false, s.strip_prefix('+').unwrap_or(s))
}

fn unit_scale(unit: &str) -> Option<f64> {
    let unit = unit
        .trim_end_matches('.')
        .trim_end_matches(" pounds")
        .trim_end_matches("pounds")
        .trim();
    Some(match unit {
        "" => 1.0,
        "k" | "thousand" | "000" => 1e3,
        "m" | "mn" | "mln" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        "tn" | "trillion" => 1e12,
        _ => return None,
    })
}

/// Shows pounds the way analysts write them and the way [`parse_money`] reads
/// them back exactly: "£100.0m", "£1.25bn", "£25,000", "-£3.0m".
#[must_use]
pub fn format_money(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    for (scale, suffix) in [(1e9, "bn"), (1e6, "m")] {
        if a >= scale {
            for decimals in 1..=4 {
                let s = format!("{:.*}", decimals, a / scale);
                if s.parse::<f64>().is_ok_and(|v| v * scale == a) {
                    return format!("{sign}£{s}{suffix}");
                }
            }
        }
    }
    format!("{sign}£{}", group_thousands(a))
}

/// "25,000", "5,098.8", "1,234,567.89": every digit kept that the value needs.
fn group_thousands(a: f64) -> String {
    let whole = a.trunc();
    let mut frac = String::new();
    if a != whole {
        // Shortest decimals that read back to the same number.
        let s = crate::scenario::write::number(a);
        if let Some(dot) = s.find('.') {
            s[dot..].clone_into(&mut frac);
        }
    }
    let digits = format!("{whole:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + &frac
}

/// A savings claim read from text: the amount and how it is spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub amount: f64,
    pub profile: Profile,
}

impl Claim {
    /// "£100.0m spread over 2014–2020", for confirming what was understood.
    #[must_use]
    pub fn describe(&self) -> String {
        let amount = format_money(self.amount);
        match &self.profile {
            Profile::Once(y) => format!("{amount} in {y}"),
            Profile::Annual { from, to: Some(to) } => format!("{amount} a year, {from}–{to}"),
            Profile::Annual { from, to: None } => format!("{amount} a year from {from} to the end"),
            Profile::Spread { from, years } => {
                format!(
                    "{amount} in total, spread evenly over {from}–{}",
                    from + *years as i32 - 1
                )
            }
            Profile::Ramp { from, years, .. } => {
                format!("{amount} a year, reached over {years} years from {from}")
            }
            Profile::Custom { from, .. } => format!("{amount} shared over years from {from}"),
        }
    }
}

const CLAIM_EXPECTED: &str = "expected an amount and a period, such as “£100m over 7 years”, “£28m a year from 2014” or “£5m in 2016”";

/// Reads a claim as a department writes it: "£100m over 7 years", "save over
/// £100m in the next seven years", "£28m a year from 2014", "£600m per year",
/// "saving £100 million by 2020" (spread over the years up to 2020),
/// "£28m a year from 2014 to 2020".
/// Years not given start at `start_year`.
pub fn parse_claim(text: &str, start_year: i32) -> Result<Claim, ParseError> {
    let lower = text.to_lowercase().replace(['“', '”', '"', '(', ')'], " ");
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '!' | '?'))
                .trim_end_matches('.')
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(ParseError(format!("{CLAIM_EXPECTED}; the field is empty")));
    }

    let amount = find_amount(&words)
        .ok_or_else(|| ParseError(format!("{CLAIM_EXPECTED}; found no amount of money")))?;

    let annual = words.windows(2).any(|w| {
        matches!(w[0], "a" | "per" | "each" | "every") && matches!(w[1], "year" | "yr" | "annum")
    }) || words
        .iter()
        .any(|w| matches!(*w, "annually" | "pa" | "p.a" | "yearly" | "/yr" | "/year"))
        || words.iter().any(|w| {
            w.ends_with("/yr") || w.ends_with("/year") || w.ends_with("pa") && w.starts_with('£')
        });

    let mut years: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        let unit = w.strip_suffix("-year").or_else(|| w.strip_suffix("-years"));
        if let Some(n) = unit.and_then(count_word) {
            years = Some(n);
            break;
        }
        if matches!(*w, "years" | "year" | "yrs")
            && i > 0
            && let Some(n) = count_word(words[i - 1])
        {
            years = Some(n);
            break;
        }
        if *w == "decade" {
            years = Some(10);
        }
    }

    let mut from: Option<i32> = None;
    let mut once: Option<i32> = None;
    // "by 2020", "until 2020", "from 2014 to 2020": the last year.
    let mut end: Option<i32> = None;
    for (i, w) in words.iter().enumerate() {
        let year = w
            .trim_start_matches("fy")
            .get(..4)
            .filter(|_| w.trim_start_matches("fy").len() <= 7)
            .and_then(calendar_year);
        let Some(year) = year else { continue };
        let before = if i > 0 { words[i - 1] } else { "" };
        match before {
            "in" | "during" if !annual && years.is_none() => once = Some(year),
            "by" | "until" | "till" | "to" | "through" | "thru" | "–" | "-" => {
                end = end.or(Some(year));
            }
            _ => from = from.or(Some(year)),
        }
    }
    let first = from.or(once).unwrap_or(start_year);
    if let Some(end) = end
        && end < first
    {
        return Err(ParseError(format!(
            "the claim ends in {end}, before it starts in {first}; check the years"
        )));
    }
    // The years from the first to the last, both counted.
    let through = end.and_then(|end| u32::try_from(end - first + 1).ok());

    let profile = match (annual, years.or(through), once) {
        (true, Some(n), _) if n > 0 => Profile::Annual {
            from: first,
            to: Some(first + n as i32 - 1),
        },
        (true, _, _) => Profile::Annual {
            from: first,
            to: None,
        },
        (false, Some(n), _) if n > 0 => Profile::Spread {
            from: first,
            years: n,
        },
        (false, _, Some(y)) => Profile::Once(y),
        _ => {
            return Err(ParseError(format!(
                "found {} but no period: add “over 7 years”, “a year” or “in 2015”",
                format_money(amount)
            )));
        }
    };
    Ok(Claim { amount, profile })
}

/// The first amount of money in the words: a word with £ or a unit
/// ("£100m", "£56 million", "100m"); else a bare number that is not a year.
fn find_amount(words: &[&str]) -> Option<f64> {
    let mut bare = None;
    for (i, w) in words.iter().enumerate() {
        if !w
            .trim_start_matches(['-', '£'])
            .starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        if unit_scale(next).is_some_and(|s| s > 1.0)
            && let Ok(v) = parse_money(&format!("{w} {next}"))
        {
            return Some(v);
        }
        let has_marker = w.contains('£') || w.ends_with(|c: char| c.is_ascii_alphabetic());
        if let Ok(v) = parse_money(w) {
            if has_marker {
                return Some(v);
            }
            if bare.is_none()
                && calendar_year(w).is_none()
                && !matches!(next, "years" | "year" | "yrs")
            {
                bare = Some(v);
            }
        }
    }
    bare
}

fn calendar_year(w: &str) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    w.parse::<i32>().ok().filter(|y| (1900..=2500).contains(y))
}

/// "7", "seven", "twenty" → a whole number of years (one to twenty in words).
fn count_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    w.parse::<u32>().ok().filter(|n| (1..=100).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_what_people_type() {
        let cases = [
            ("£100m", 100e6),
            ("100m", 100e6),
            ("£1.2bn", 1.2e9),
            ("£56 million", 56e6),
            ("25k", 25e3),
            ("£25,000", 25e3),
            ("-£3m", -3e6),
            ("£-3m", -3e6),
            ("1e8", 1e8),
            ("100_000_000", 1e8),
            ("  £ 7.5 M ", 7.5e6),
            ("£2 billion", 2e9),
            ("0", 0.0),
        ];
        for (text, want) in cases {
            let got = parse_money(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((got - want).abs() < 1e-6, "{text}: {got} != {want}");
        }
    }

    #[test]
    fn money_rejects_what_is_not_money() {
        for bad in ["", "abc", "£", "12 apples", "1.2.3m", "m"] {
            let e = parse_money(bad).expect_err(bad);
            assert!(
                e.0.contains("expected") || e.0.contains("unit"),
                "{bad}: {e}"
            );
        }
        assert!(
            parse_money("12 apples")
                .expect_err("unit")
                .0
                .contains("“apples”")
        );
    }

    #[test]
    fn money_shows_back_compactly_and_exactly() {
        assert_eq!(format_money(100e6), "£100.0m");
        assert_eq!(format_money(1.2e9), "£1.2bn");
        assert_eq!(format_money(-3e6), "-£3.0m");
        assert_eq!(format_money(25_000.0), "£25,000");
        assert_eq!(format_money(5_098.8), "£5,098.8");
        assert_eq!(format_money(1_234_567.0), "£1,234,567");
        assert_eq!(format_money(0.0), "£0");
        for x in [
            100e6,
            1.2e9,
            -3e6,
            25_000.0,
            5_098.8,
            1_234_567.0,
            123_456_789.0,
            0.1,
            15e6,
            56.3e6,
        ] {
            assert_eq!(
                parse_money(&format_money(x)).ok(),
                Some(x),
                "{x} via {}",
                format_money(x)
            );
        }
    }

    #[test]
    fn claims_become_amounts_and_profiles() {
        let c = |t: &str| parse_claim(t, 2014).unwrap_or_else(|e| panic!("{t}: {e}"));
        assert_eq!(
            c("£100m over 7 years"),
            Claim {
                amount: 100e6,
                profile: Profile::Spread {
                    from: 2014,
                    years: 7
                }
            }
        );
        assert_eq!(
            c("save over £100m in the next seven years"),
            Claim {
                amount: 100e6,
                profile: Profile::Spread {
                    from: 2014,
                    years: 7
                }
            }
        );
        assert_eq!(
            c("£28m a year from 2015"),
            Claim {
                amount: 28e6,
                profile: Profile::Annual {
                    from: 2015,
                    to: None
                }
            }
        );
        assert_eq!(
            c("£600m per year"),
            Claim {
                amount: 600e6,
                profile: Profile::Annual {
                    from: 2014,
                    to: None
                }
            }
        );
        assert_eq!(
            c("£224m over 10 years from 2004").profile,
            Profile::Spread {
                from: 2004,
                years: 10
            }
        );
        assert_eq!(
            c("£56 million in 2016"),
            Claim {
                amount: 56e6,
                profile: Profile::Once(2016)
            }
        );
        assert_eq!(
            c("£5m a year for 3 years").profile,
            Profile::Annual {
                from: 2014,
                to: Some(2016)
            }
        );
        assert_eq!(
            c("saves £1.2bn over a decade").profile,
            Profile::Spread {
                from: 2014,
                years: 10
            }
        );
        assert_eq!(
            c("£20m over twenty years").profile,
            Profile::Spread {
                from: 2014,
                years: 20
            }
        );
        assert_eq!(
            c("a 7-year saving of £100m").profile,
            Profile::Spread {
                from: 2014,
                years: 7
            }
        );
    }

    #[test]
    fn a_claim_by_or_until_a_year_runs_to_it() {
        let c = |t: &str| parse_claim(t, 2014).expect(t);
        // 2014 to 2020 inclusive: seven years.
        assert_eq!(
            c("saving £100 million by 2020"),
            Claim {
                amount: 100e6,
                profile: Profile::Spread {
                    from: 2014,
                    years: 7
                }
            }
        );
        assert_eq!(
            c("£28m a year from 2014 to 2020").profile,
            Profile::Annual {
                from: 2014,
                to: Some(2020)
            }
        );
        assert_eq!(
            c("£50m from 2016 until 2018").profile,
            Profile::Spread {
                from: 2016,
                years: 3
            }
        );
        // A stated length wins over the end year.
        assert_eq!(
            c("£90m over 5 years by 2030").profile,
            Profile::Spread {
                from: 2014,
                years: 5
            }
        );
        let e = parse_claim("£10m from 2020 to 2016", 2014).expect_err("backwards");
        assert!(
            e.0.contains("ends in 2016, before it starts in 2020"),
            "{e}"
        );
    }

    #[test]
    fn unreadable_claims_say_what_was_expected() {
        let e = parse_claim("lots of money", 2014).expect_err("no amount");
        assert!(e.0.contains("£100m over 7 years"), "{e}");
        let e = parse_claim("£100m", 2014).expect_err("no period");
        assert!(e.0.contains("no period"), "{e}");
        assert!(parse_claim("", 2014).is_err());
    }

    #[test]
    fn claim_descriptions_read_back() {
        let c = parse_claim("£100m over 7 years", 2014).expect("claim");
        assert_eq!(
            c.describe(),
            "£100.0m in total, spread evenly over 2014–2020"
        );
    }
}
