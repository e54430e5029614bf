//! Which item a syntax error is inside (issue 13): the parser stops at the
//! error, so the text before it is scanned — strings and comments skipped,
//! brackets counted — for the scenario's list and the item's place in it,
//! and the item's `label` if it was written before the error.

use super::names;

/// "Savings 2. Back-office savings" for an error at byte `at` inside the
/// second item of `savings`; `None` outside the items (between them, or at
/// the top of the file).
#[must_use]
pub fn item_at(src: &str, at: usize) -> Option<String> {
    let before = src.get(..at.min(src.len()))?;
    // Each open bracket: its byte, the list it opens (for `[` straight
    // inside the scenario), the commas met inside it and where its current
    // item starts.
    let mut stack: Vec<(u8, Option<String>, usize, usize)> = Vec::new();
    let mut last_ident = String::new();
    let b = before.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            c @ (b'(' | b'[' | b'{') => {
                let list = (c == b'[' && stack.len() == 1 && names::list(&last_ident).is_some())
                    .then(|| last_ident.clone());
                stack.push((c, list, 0, i + 1));
            }
            b')' | b']' | b'}' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.2 += 1;
                    top.3 = i + 1;
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                before[start..i].clone_into(&mut last_ident);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Inside an item: the list's frame is second, and something deeper is open.
    let (_, list, index, item_start) = stack.get(1)?;
    let list = list.as_ref()?;
    if stack.len() < 3 {
        return None;
    }
    let label = label_in(&before[*item_start..]).unwrap_or_default();
    Some(names::item_words(list, *index, &label))
}

/// The text of the first `label: "…"` in `item` (escapes left as written).
fn label_in(item: &str) -> Option<String> {
    let at = item.find("label")?;
    let rest = item[at + "label".len()..].trim_start().strip_prefix(':')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_inside_an_item_names_it_and_its_label() {
        let src = "Scenario(title: \"t\", savings: [Flow(label: \"a\", amount: 1), \
                   Flow(label: \"Back-office savings\", amount: ";
        assert_eq!(
            item_at(src, src.len()).as_deref(),
            Some("Savings 2. Back-office savings")
        );
    }

    #[test]
    fn before_the_label_or_between_items_or_outside_the_lists() {
        let src = "Scenario(costs: [Flow(amount: ";
        assert_eq!(item_at(src, src.len()).as_deref(), Some("Costs 1"));
        let between = "Scenario(costs: [Flow(amount: 1) ";
        assert_eq!(item_at(between, between.len()), None);
        let top = "Scenario(settings: Settings(start_year: ";
        assert_eq!(item_at(top, top.len()), None);
    }

    #[test]
    fn brackets_in_strings_and_comments_are_not_counted() {
        let src = "Scenario(job_moves: [JobMove(label: \"a ( [\", /* ) ] */ jobs: ";
        assert_eq!(
            item_at(src, src.len()).as_deref(),
            Some("Jobs moved offshore 1. a ( [")
        );
    }
}
