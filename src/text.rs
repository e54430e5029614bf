//! Text from a file, shown as text: whatever a scenario's labels, titles and
//! notes hold, printing them can never forge a line of output (a newline
//! followed by `evil.ron:99:1: error: …`) or drive the terminal (escape
//! codes), and nothing invisible reaches a message unmarked.

/// `s` with control characters escaped as Rust writes them (a newline as
/// `\n`, ESC as `\u{1b}`) and invisible formatting characters (zero-width
/// spaces, joiners, direction overrides, byte-order marks) as `\u{…}`;
/// everything else, `£` and accents included, unchanged.
#[must_use]
pub fn printable(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else if invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || invisible(c)
}

/// Characters that show as nothing, or that reorder the text around them.
#[must_use]
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{fe00}'..='\u{fe0f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_cannot_forge_a_diagnostic_line() {
        let label = "Payroll\nevil.ron:99:1: error: forged line";
        assert_eq!(
            printable(label),
            "Payroll\\nevil.ron:99:1: error: forged line"
        );
        assert!(!printable(label).contains('\n'));
    }

    #[test]
    fn escape_codes_and_invisible_characters_are_shown_by_number() {
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("tab\there\r"), "tab\\there\\r");
        assert_eq!(printable("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(printable("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(printable("bell\u{7}del\u{7f}"), "bell\\u{7}del\\u{7f}");
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for s in ["£25m — Café “quotes” 🙂", "Ministry of Justice", ""] {
            assert_eq!(printable(s), s);
        }
    }
}
