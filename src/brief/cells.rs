//! A1 cell addresses and the names the workbook gives its input cells.

/// The column letters of 0-based column `col`: 0 → `A`, 26 → `AA`.
#[must_use]
pub fn column(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `C5` for 0-based row 4, column 2.
#[must_use]
pub fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column(col), row + 1)
}

/// `$C$5`.
#[must_use]
pub fn absolute(row: u32, col: u16) -> String {
    format!("${}${}", column(col), row + 1)
}

/// `'Sheet name'!C5`.
#[must_use]
pub fn on(sheet: &str, row: u32, col: u16) -> String {
    format!("'{sheet}'!{}", cell(row, col))
}

/// The defined name of the input at `path` (`savings[0].amount` →
/// `in_savings_0_amount`): letters, digits and underscores only, so every
/// spreadsheet program reads it, and never like a cell address.
#[must_use]
pub fn input_name(path: &str) -> String {
    let mut out = String::from("in_");
    let mut last_underscore = true;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            last_underscore = false;
        } else if !last_underscore {
            out.push('_');
            last_underscore = true;
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_past_z_have_two_letters() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(101), "CX");
        assert_eq!(cell(4, 2), "C5");
        assert_eq!(absolute(0, 27), "$AB$1");
    }

    #[test]
    fn input_names_keep_only_letters_digits_and_underscores() {
        assert_eq!(input_name("savings[0].amount"), "in_savings_0_amount");
        assert_eq!(
            input_name("office_closures[1].redundancy.service_years"),
            "in_office_closures_1_redundancy_service_years"
        );
        assert_eq!(
            input_name("savings[2].profile.shares[10]"),
            "in_savings_2_profile_shares_10"
        );
    }
}
