//! Numbers and sentences for chart titles, labels and alt text.

/// The minus sign typographers use (U+2212), wider than a hyphen.
pub(crate) const MINUS: char = '\u{2212}';

/// "£31m", "£3.1m", "£0.4m", "£1.2bn", "−£20m" for titles (`x` in pounds).
#[must_use]
pub fn short_money(x: f64) -> String {
    short_money_m(x / 1e6)
}

/// As [`short_money`], with `x` in £ million: the prose rule of
/// [`crate::report::pounds`] (three significant figures, £k/£m/£bn), so a
/// chart title and the headline cards give one number the same figure, with
/// the typographer's minus sign.
pub(crate) fn short_money_m(x: f64) -> String {
    crate::report::pounds(x * 1e6).replacen('-', &MINUS.to_string(), 1)
}

/// `x` with `places` decimals, thousands grouped, a true minus sign: "−1,234.5".
pub(crate) fn decimal(x: f64, places: usize) -> String {
    let s = format!("{:.*}", places, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if x < 0.0 && !zero {
        out.insert(0, MINUS);
    }
    out
}

/// A value label in £ million with one decimal; `plus` adds "+" to positives.
pub(crate) fn decimal_signed(x: f64, plus: bool) -> String {
    let s = decimal(x, 1);
    if plus && !s.starts_with(MINUS) && s != "0.0" {
        format!("+{s}")
    } else {
        s
    }
}

/// "10,000".
pub(crate) fn thousands(x: f64) -> String {
    decimal(x, 0)
}

/// First letter upper-case.
pub(crate) fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `s` lower-cased for the middle of a sentence, each word that is an
/// acronym or a name with capitals inside it kept as written: "Transfers
/// inside the UK" becomes "transfers inside the UK", "`MoJ`", "NHS", "HMRC"
/// and "DVLA" stay.
pub(crate) fn lower_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        // A capital after the first letter: an acronym (UK, NHS) or a name
        // written with one (MoJ, iPhone).
        let keep = word.chars().skip(1).any(char::is_uppercase);
        if keep {
            out.push_str(word);
        } else {
            out.push_str(&word.to_lowercase());
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The headline message from NPV net savings, social cost, transfers inside
/// the UK and net social value (pounds): "Social cost takes £31m off a £90m
/// saving". NSV = NS + TR − SC, so when transfers show, the title says they
/// are added back: every sum a reader does on it comes out at NSV.
pub(crate) fn net_title(ns: f64, sc: f64, tr: f64, nsv: f64) -> String {
    // Anything under £50,000 shows as £0.0m: call it nothing.
    let some = |x: f64| x.abs() >= 5e4;
    let (ns_s, sc_s) = (short_money(ns), short_money(sc));
    let back = if some(tr) {
        format!(
            ", and {} of transfers inside the UK is added back",
            short_money(tr)
        )
    } else {
        String::new()
    };
    if ns > 0.0 && some(ns) {
        if !some(sc) {
            format!("The option saves {ns_s}, with no social cost counted{back}")
        } else if !some(nsv) {
            // At break-even, not "a net loss of £0.0m".
            let and = if some(tr) {
                format!(" and {} of transfers added back", short_money(tr))
            } else {
                String::new()
            };
            format!(
                "Social cost of {sc_s} cancels the {ns_s} saving{and}: the UK about breaks even"
            )
        } else if nsv >= 0.0 {
            format!("Social cost takes {sc_s} off a {ns_s} saving{back}")
        } else if some(tr) {
            format!(
                "Social cost of {sc_s} outweighs the {ns_s} saving and {} of transfers added back: a net loss of {}",
                short_money(tr),
                short_money(-nsv)
            )
        } else {
            format!(
                "Social cost of {sc_s} outweighs the {ns_s} saving: a net loss of {}",
                short_money(-nsv)
            )
        }
    } else if some(ns) {
        let cost = short_money(-ns);
        if some(sc) {
            format!("The option costs the department {cost} and society a further {sc_s}{back}")
        } else {
            format!("The option costs the department {cost}{back}")
        }
    } else if some(sc) {
        format!("The option saves nothing and costs society {sc_s}{back}")
    } else {
        format!("The option neither saves nor costs anything that is counted{back}")
    }
}

/// A scenario title short enough to label a line: parentheses dropped, then
/// the more telling side of a "Topic: detail" title, then cut at a word.
pub(crate) fn short_name(title: &str) -> String {
    cut_name(title, 40)
}

/// An input label (`Back-office savings (MoJ's claim) — amount`) as its item
/// and its field ("amount"); a label without " — " is all item.
pub(crate) fn split_field(label: &str) -> (&str, Option<&str>) {
    match label.rsplit_once(" — ") {
        Some((item, field)) => (item, Some(field)),
        None => (label, None),
    }
}

/// An input label short enough for a title: "Back-office savings (amount)".
pub(crate) fn short_input(label: &str) -> String {
    // "Savings 1. Back-office savings — amount": the list and place are for
    // finding the input in the editor; a title names the thing itself.
    let label = without_place(label);
    match split_field(label) {
        (item, Some(field)) => format!("{} ({})", cut_name(item, 28), field.trim()),
        (item, None) => cut_name(item, 40),
    }
}

/// `label` without a leading "Savings 1. " (a list's title and the
/// item's number, as the editor names items).
fn without_place(label: &str) -> &str {
    let Some((head, rest)) = label.split_once(". ") else {
        return label;
    };
    let numbered = head
        .rsplit_once(' ')
        .is_some_and(|(list, n)| !list.is_empty() && n.parse::<u32>().is_ok());
    if numbered && !rest.is_empty() {
        rest
    } else {
        label
    }
}

/// `label` on one line no wider than `max` by `width`: when it must be cut,
/// the end of the item goes ("…") and the " — field" stays, so rows that
/// differ in their item stay apart by how they start.
pub(crate) fn fit_label(label: &str, max: f64, width: impl Fn(&str) -> f64) -> String {
    if width(label) <= max {
        return label.to_owned();
    }
    let cut = |s: &str, suffix: &str| -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        (1..chars.len())
            .rev()
            .map(|k| {
                let head: String = chars[..k].iter().collect();
                format!("{}…{suffix}", head.trim_end())
            })
            .find(|c| width(c) <= max)
    };
    let (item, field) = split_field(label);
    field
        .and_then(|f| cut(item, &format!(" — {f}")))
        .or_else(|| cut(label, ""))
        .unwrap_or_else(|| "…".to_owned())
}

/// As [`fit_label`], keeping the end of the item instead of its start
/// ("…(from April 2010) — records"): for rows that would otherwise read the
/// same.
pub(crate) fn fit_label_end(label: &str, max: f64, width: impl Fn(&str) -> f64) -> String {
    if width(label) <= max {
        return label.to_owned();
    }
    let cut = |s: &str, suffix: &str| -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        let tail = |k: usize| {
            let tail: String = chars[k..].iter().collect();
            format!("…{}{suffix}", tail.trim_start())
        };
        // The longest tail that starts a word, else any that fits.
        (1..chars.len())
            .filter(|k| chars[k - 1] == ' ')
            .map(tail)
            .find(|c| width(c) <= max)
            .or_else(|| (1..chars.len()).map(tail).find(|c| width(c) <= max))
    };
    let (item, field) = split_field(label);
    field
        .and_then(|f| cut(item, &format!(" — {f}")))
        .or_else(|| cut(label, ""))
        .unwrap_or_else(|| "…".to_owned())
}

/// As [`short_name`], at most `max` characters.
fn cut_name(title: &str, max: usize) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut name = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > max
        && let Some((topic, detail)) = name.split_once(": ")
    {
        name = if topic.split_whitespace().count() >= 2 {
            topic.to_owned()
        } else {
            detail.to_owned()
        };
    }
    if name.chars().count() > max {
        name = cut_at_a_break(&name, max);
    }
    if name.is_empty() {
        title.to_owned()
    } else {
        name
    }
}

/// `name` shortened to at most `max` characters by rule, never mid-word and
/// without "…": at the last clause break that fits (", ", " — ", or before
/// "and", "in", "to", "with", "for", "of", "from", "at", "by"), else after the
/// last whole word that fits.
fn cut_at_a_break(name: &str, max: usize) -> String {
    const BREAKS: [&str; 9] = ["and", "in", "to", "with", "for", "of", "from", "at", "by"];
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut fits = 0;
    let mut len = 0;
    for (i, w) in words.iter().enumerate() {
        len += w.chars().count() + usize::from(i > 0);
        if len > max {
            break;
        }
        fits = i + 1;
    }
    let fits = fits.max(1);
    // The last break inside what fits: a clause ends at a comma or dash, or
    // before a linking word (never leaving fewer than two words).
    let at_break = (2..fits.max(2)).rev().find(|&k| {
        let before = words[k - 1];
        before.ends_with(',')
            || before.ends_with(';')
            || words
                .get(k)
                .is_some_and(|w| *w == "—" || BREAKS.contains(w))
    });
    let keep = at_break.unwrap_or(fits);
    words[..keep.min(words.len())]
        .join(" ")
        .trim_end_matches([',', ';'])
        .to_owned()
}

/// Splits `text` into lines no wider than `max` by `width` (words kept whole;
/// a word wider than `max` gets a line of its own).
pub(crate) fn wrap(text: &str, max: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Only ordinary spaces break lines: "£\u{a0}million" stays together.
    for word in text.split([' ', '\n', '\t']).filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_for_titles() {
        // The prose rule, as on the headline cards: three figures.
        assert_eq!(short_money(31.2e6), "£31.2m");
        assert_eq!(short_money(90.41e6), "£90.4m");
        assert_eq!(short_money(3.14e6), "£3.14m");
        assert_eq!(short_money(-20e6), "\u{2212}£20.0m");
        assert_eq!(short_money(-1e3), "\u{2212}£1.00k");
        assert_eq!(short_money(1.26e9), "£1.26bn");
        assert_eq!(short_money(2e9), "£2.00bn");
        assert_eq!(short_money(0.2), "£0");
    }

    #[test]
    fn decimals_group_and_sign() {
        assert_eq!(decimal(-1234.56, 1), "\u{2212}1,234.6");
        assert_eq!(decimal(-0.01, 1), "0.0");
        assert_eq!(decimal_signed(12.0, true), "+12.0");
        assert_eq!(thousands(10_000.0), "10,000");
    }

    #[test]
    fn titles_state_the_message_for_every_sign() {
        assert_eq!(
            net_title(90e6, 31e6, 0.0, 59e6),
            "Social cost takes £31.0m off a £90.0m saving"
        );
        assert_eq!(
            net_title(90e6, 120e6, 0.0, -30e6),
            "Social cost of £120m outweighs the £90.0m saving: a net loss of £30.0m"
        );
        assert_eq!(
            net_title(-5e6, 20e6, 0.0, -25e6),
            "The option costs the department £5.00m and society a further £20.0m"
        );
        assert_eq!(
            net_title(90e6, 0.0, 0.0, 90e6),
            "The option saves £90.0m, with no social cost counted"
        );
        assert_eq!(
            net_title(0.0, 0.0, 0.0, 0.0),
            "The option neither saves nor costs anything that is counted"
        );
        // Model 2: NSV = NS + TR − SC. MoJ: 62.4 − 7.5 + 4.0 = 58.9.
        assert_eq!(
            net_title(62.4e6, 7.5e6, 4.0e6, 58.9e6),
            "Social cost takes £7.50m off a £62.4m saving, and £4.00m of transfers inside the UK is added back"
        );
        assert_eq!(
            net_title(90e6, 120e6, 10e6, -20e6),
            "Social cost of £120m outweighs the £90.0m saving and £10.0m of transfers added back: a net loss of £20.0m"
        );
    }
    #[test]
    fn a_title_names_the_input_without_its_place_in_the_list() {
        assert_eq!(
            short_input("Savings 1. Back-office savings (MoJ's claim) — amount"),
            "Back-office savings (amount)"
        );
        assert_eq!(
            short_input("Jobs moved offshore 3. Finance roles — jobs"),
            "Finance roles (jobs)"
        );
        assert_eq!(
            short_input("Assumptions — months out of work"),
            "Assumptions (months out of work)"
        );
        assert_eq!(without_place("Mr. Smith's office"), "Mr. Smith's office");
    }

    #[test]
    fn a_title_at_break_even_says_so() {
        // The walkthrough's break-even: £3.5m saved, £7.5m social cost, £4.0m back.
        assert_eq!(
            net_title(3.5e6, 7.5e6, 4.0e6, 0.0),
            "Social cost of £7.50m cancels the £3.50m saving and £4.00m of transfers added back: the UK about breaks even"
        );
        assert_eq!(
            net_title(90e6, 90.02e6, 0.0, -0.02e6),
            "Social cost of £90.0m cancels the £90.0m saving: the UK about breaks even"
        );
    }

    #[test]
    fn short_names_keep_the_telling_part() {
        assert_eq!(
            short_name("Congestion charge: IBM moves access to 43 million drivers' data to India"),
            "Congestion charge"
        );
        assert_eq!(
            short_name(
                "WHAT-IF: DWP back-office and IT work offshored (the leaked “Offshoring Process”)"
            ),
            "DWP back-office and IT work offshored"
        );
        assert_eq!(
            short_name("DVLA local offices closed and centralised in Swansea"),
            "DVLA local offices closed"
        );
        // No break in reach: whole words, never "…".
        assert_eq!(
            short_name(
                "Supercalifragilistic expialidocious organisational transformation programme"
            ),
            "Supercalifragilistic expialidocious"
        );
        assert!(!short_name(&"word ".repeat(30)).contains('…'));
        assert_eq!(short_name("Short"), "Short");
    }

    #[test]
    fn long_labels_are_cut_in_the_item_and_keep_the_field() {
        let w = |s: &str| s.chars().count() as f64;
        let label = "Back-office savings (MoJ's claim) — amount";
        assert_eq!(fit_label(label, 100.0, w), label);
        assert_eq!(fit_label(label, 25.0, w), "Back-office sav… — amount");
        // Offices with the same field stay apart by their names.
        let a = fit_label("Birmingham local office — public access cost", 30.0, w);
        let b = fit_label("Bangor local office — public access cost", 30.0, w);
        assert_eq!(a, "Birmingh… — public access cost");
        assert_ne!(a, b);
        // Rows that start alike keep their ends instead.
        assert_eq!(
            fit_label_end("Records in Pune (before April 2010) — records", 32.0, w),
            "…(before April 2010) — records"
        );
        // A field too long to keep: the whole label is cut.
        assert_eq!(fit_label(label, 8.0, w), "Back-of…");
        assert_eq!(
            short_input("Back-office savings (MoJ's claim) — amount"),
            "Back-office savings (amount)"
        );
        assert_eq!(short_input("Months out of work"), "Months out of work");
    }

    #[test]
    fn lower_words_keeps_acronyms() {
        assert_eq!(
            lower_words("Transfers inside the UK"),
            "transfers inside the UK"
        );
        assert_eq!(
            lower_words("MoJ back-office (NHS, HMRC, DVLA) Savings"),
            "MoJ back-office (NHS, HMRC, DVLA) savings"
        );
        assert_eq!(lower_words("Lost earnings"), "lost earnings");
        // A one-letter capital word is lower-cased ("A" starts a sentence).
        assert_eq!(lower_words("A Claimed saving"), "a claimed saving");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let w = |s: &str| s.chars().count() as f64;
        assert_eq!(wrap("aa bb cc", 5.0, w), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh x", 5.0, w), vec!["abcdefgh", "x"]);
        assert!(wrap("", 5.0, w).is_empty());
    }
}
