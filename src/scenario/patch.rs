//! Saving an opened file changes only what was edited.
//!
//! A colleague's file has comments, blank lines, its own field order and
//! numbers written as `100_000_000`; rewriting all of it in the standard
//! layout on every save made `diff` show the whole file changed and threw
//! their notes away. [`patch`] compares the file as it was read with the
//! scenario to be saved, value by value, and edits only the spans whose
//! value changed: an edited number is replaced where it stands, a field
//! set back to its default is replaced by the default, a new item or field
//! is added in the standard layout, a removed one is cut out with its line.
//!
//! Every patched text is checked by loading it back: if it does not give
//! exactly the scenario being saved, the standard layout is written instead,
//! and the caller is told so it can warn. That also covers shapes the
//! patcher does not try to keep (a file at an older format version, which
//! loading migrated; an empty struct to add a field to).

use super::syntax::{self, Field, Kind, Node, Span};
use super::write::{to_ron, to_ron_full};
use super::{FORMAT_VERSION, Scenario, file::load_str};

/// The text to save, and whether it kept the file's own layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Patched {
    pub text: String,
    /// False when the standard layout was written instead (see the module).
    pub kept_layout: bool,
}

/// `old_src` (the file as read) edited to hold `new`.
#[must_use]
pub fn patch(old_src: &str, new: &Scenario) -> Patched {
    match try_patch(old_src, new) {
        Some(text) => Patched {
            text,
            kept_layout: true,
        },
        None => Patched {
            text: to_ron(new),
            kept_layout: false,
        },
    }
}

fn try_patch(old_src: &str, new: &Scenario) -> Option<String> {
    let old = syntax::parse(old_src).ok()?;
    match super::decode::format_version_of(&old) {
        Some((v, _)) if v == FORMAT_VERSION => {}
        _ => return None, // migrated on load: its text no longer matches its meaning
    }
    let std_src = to_ron(new);
    let full_src = to_ron_full(new);
    let std_tree = syntax::parse(&std_src).ok()?;
    let full_tree = syntax::parse(&full_src).ok()?;
    let cx = Sources {
        old: old_src,
        std: &std_src,
        full: &full_src,
    };
    let mut edits = Vec::new();
    cx.node(&old, &full_tree, Some(&std_tree), &mut edits)?;
    let text = apply(old_src, edits)?;
    let back = load_str(&text).ok()?;
    (back.scenario == *new).then_some(text)
}

/// One change to the old text: replace `span` with `text`.
struct Edit {
    span: Span,
    text: String,
}

/// Applies edits in order of position; `None` if two overlap.
fn apply(src: &str, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for e in edits {
        if e.span.start < at {
            return None;
        }
        out.push_str(src.get(at..e.span.start)?);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(src.get(at..)?);
    Some(out)
}

struct Sources<'a> {
    old: &'a str,
    /// The scenario in the standard layout (defaults left out).
    std: &'a str,
    /// The scenario with every field written.
    full: &'a str,
}

impl Sources<'_> {
    /// Edits that make `old` hold what `full` holds. `std` is the same value
    /// in the standard layout, or `None` where that layout leaves it out (it
    /// is at its default).
    fn node(
        &self,
        old: &Node,
        full: &Node,
        std: Option<&Node>,
        edits: &mut Vec<Edit>,
    ) -> Option<()> {
        let old = syntax::unwrap_some(old);
        match (&old.kind, &full.kind) {
            (
                Kind::Struct {
                    name: old_name,
                    fields: old_fields,
                },
                Kind::Struct {
                    name: new_name,
                    fields: full_fields,
                },
            ) if old_name.is_none() || old_name == new_name => {
                let std_fields = match std.map(|n| &n.kind) {
                    Some(Kind::Struct { fields, .. }) => Some(fields.as_slice()),
                    _ => None,
                };
                self.fields(old, old_fields, full_fields, std_fields, edits)
            }
            (Kind::List(old_items), Kind::List(full_items)) => {
                let std_items = match std.map(|n| &n.kind) {
                    Some(Kind::List(items)) => Some(items.as_slice()),
                    _ => None,
                };
                if old_items.is_empty() {
                    // `[]` in the file: the whole list in the standard layout.
                    if !full_items.is_empty() {
                        let from = std.map_or((self.full, full), |s| (self.std, s));
                        edits.push(Edit {
                            span: old.span,
                            text: self.moved(from, old.span.start),
                        });
                    }
                    return Some(());
                }
                self.items(old, old_items, full_items, std_items, edits)
            }
            _ if syntax::same_value(old, full) => Some(()),
            _ => {
                let text = self.moved(
                    std.map_or((self.full, full), |s| (self.std, s)),
                    old.span.start,
                );
                // A file that writes `100_000_000` gets its edited numbers
                // written the same way.
                let was = &self.old[old.span.start..old.span.end];
                let text = if groups_digits(was) && !was.contains('"') {
                    group_digits(&text)
                } else {
                    text
                };
                edits.push(Edit {
                    span: old.span,
                    text,
                });
                Some(())
            }
        }
    }

    fn fields(
        &self,
        old: &Node,
        old_fields: &[Field],
        full_fields: &[Field],
        std_fields: Option<&[Field]>,
        edits: &mut Vec<Edit>,
    ) -> Option<()> {
        let find = |fields: &[Field], name: &str| fields.iter().position(|f| f.name == name);
        for f in old_fields {
            match find(full_fields, &f.name) {
                Some(j) => {
                    let std = std_fields.and_then(|s| find(s, &f.name).map(|k| &s[k].value));
                    self.node(&f.value, &full_fields[j].value, std, edits)?;
                }
                // Written nowhere even in full: an optional value now unset.
                None => edits.push(self.remove(f.name_span.start, f.value.span.end, old)),
            }
        }
        let Some(std_fields) = std_fields else {
            return Some(()); // the whole struct is at its default: nothing to add
        };
        let added: Vec<&Field> = std_fields
            .iter()
            .filter(|f| find(old_fields, &f.name).is_none())
            .collect();
        if added.is_empty() {
            return Some(());
        }
        let last = old_fields.last()?; // adding to an empty struct: standard layout
        let texts: Vec<String> = added
            .iter()
            .map(|f| {
                let value = self.moved((self.std, &f.value), last.name_span.start);
                format!("{}: {value}", f.name)
            })
            .collect();
        edits.push(self.append(old, last.name_span.start, last.value.span.end, &texts));
        Some(())
    }

    fn items(
        &self,
        old: &Node,
        old_items: &[Node],
        full_items: &[Node],
        std_items: Option<&[Node]>,
        edits: &mut Vec<Edit>,
    ) -> Option<()> {
        let std_of = |j: usize| std_items.and_then(|s| s.get(j));
        let equivalent = |i: usize, j: usize| {
            let mut scratch = Vec::new();
            self.node(&old_items[i], &full_items[j], std_of(j), &mut scratch)
                .is_some_and(|()| scratch.is_empty())
        };
        let (n_old, n_new) = (old_items.len(), full_items.len());
        let prefix = (0..n_old.min(n_new))
            .take_while(|&i| equivalent(i, i))
            .count();
        let suffix = (0..n_old.min(n_new) - prefix)
            .take_while(|&k| equivalent(n_old - 1 - k, n_new - 1 - k))
            .count();
        if prefix + suffix == n_old.min(n_new) && n_old != n_new {
            if n_new > n_old {
                // Items added between the prefix and the suffix.
                let texts: Vec<String> = (prefix..n_new - suffix)
                    .map(|j| {
                        let anchor = old_items[prefix.min(n_old - 1)].span.start;
                        self.moved((self.std, std_of(j).unwrap_or(&full_items[j])), anchor)
                    })
                    .collect();
                if prefix == 0 {
                    edits.push(self.prepend(&old_items[0], &texts));
                } else {
                    let after = &old_items[prefix - 1];
                    edits.push(self.append(old, after.span.start, after.span.end, &texts));
                }
            } else {
                for item in &old_items[prefix..n_old - suffix] {
                    edits.push(self.remove(item.span.start, item.span.end, old));
                }
            }
            return Some(());
        }
        // Same length, or changes all through: item by item, then the rest.
        for i in 0..n_old.min(n_new) {
            self.node(&old_items[i], &full_items[i], std_of(i), edits)?;
        }
        for item in old_items.iter().skip(n_new) {
            edits.push(self.remove(item.span.start, item.span.end, old));
        }
        if n_new > n_old {
            let last = old_items.last()?;
            let texts: Vec<String> = (n_old..n_new)
                .map(|j| {
                    self.moved(
                        (self.std, std_of(j).unwrap_or(&full_items[j])),
                        last.span.start,
                    )
                })
                .collect();
            edits.push(self.append(old, last.span.start, last.span.end, &texts));
        }
        Some(())
    }

    /// The text of `node` in `src`, re-indented for a place in the old text
    /// whose line starts at the indentation of `at`.
    fn moved(&self, (src, node): (&str, &Node), at: usize) -> String {
        let text = &src[node.span.start..node.span.end];
        let from = indent_of(src, node.span.start);
        let to = indent_of(self.old, at);
        reindent(text, from, to)
    }

    /// Inserts `texts` as new entries after the entry ending at `end`
    /// (whose line starts at `entry_start`), inside `container`.
    fn append(&self, container: &Node, entry_start: usize, end: usize, texts: &[String]) -> Edit {
        let src = self.old;
        let multiline = src[container.span.start..container.span.end].contains('\n');
        let after = &src[end..container.span.end];
        let comma = after
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .filter(|&(_, c)| c == ',')
            .map(|(i, _)| end + i + 1);
        if multiline {
            let indent = indent_of(src, entry_start);
            let (at, lead) = match comma {
                Some(c) => {
                    // After the comma, past a `// comment` ending that line.
                    let rest = &src[c..];
                    let line_end = rest.find('\n').map_or(src.len(), |i| c + i);
                    let tail = src[c..line_end].trim();
                    if tail.is_empty() || tail.starts_with("//") {
                        (line_end, String::new())
                    } else {
                        (c, String::new())
                    }
                }
                None => (end, ",".to_owned()),
            };
            let mut text = lead;
            for t in texts {
                text.push('\n');
                text.push_str(indent);
                text.push_str(t);
                text.push(',');
            }
            Edit {
                span: Span { start: at, end: at },
                text,
            }
        } else {
            let joined = texts.join(", ");
            match comma {
                Some(c) => Edit {
                    span: Span { start: c, end: c },
                    text: format!(" {joined},"),
                },
                None => Edit {
                    span: Span { start: end, end },
                    text: format!(", {joined}"),
                },
            }
        }
    }

    /// Inserts `texts` as entries before `first`.
    fn prepend(&self, first: &Node, texts: &[String]) -> Edit {
        let src = self.old;
        let line_start = src[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
        let own_line = src[line_start..first.span.start].trim().is_empty();
        let text = if own_line {
            let indent = indent_of(src, first.span.start);
            let mut t = String::new();
            for x in texts {
                t.push_str(x);
                t.push_str(",\n");
                t.push_str(indent);
            }
            t
        } else {
            let mut t = texts.join(", ");
            t.push_str(", ");
            t
        };
        Edit {
            span: Span {
                start: first.span.start,
                end: first.span.start,
            },
            text,
        }
    }

    /// Cuts out the entry from `start` to `end` with its comma, and with its
    /// whole line when it stood alone on one.
    fn remove(&self, start: usize, end: usize, container: &Node) -> Edit {
        let src = self.old;
        let limit = container.span.end;
        let mut cut_end = end;
        let after = &src[end..limit];
        if let Some((i, ',')) = after.char_indices().find(|(_, c)| !c.is_whitespace()) {
            cut_end = end + i + 1;
        }
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[cut_end..].find('\n').map_or(src.len(), |i| cut_end + i);
        let alone =
            src[line_start..start].trim().is_empty() && src[cut_end..line_end].trim().is_empty();
        let span = if alone && line_end < src.len() {
            Span {
                start: line_start,
                end: line_end + 1,
            }
        } else {
            Span {
                start,
                end: cut_end,
            }
        };
        Edit {
            span,
            text: String::new(),
        }
    }
}

/// The spaces or tabs that start the line holding byte `at`.
/// True when `text` writes a number with `_` between groups of three digits.
fn groups_digits(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(5)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'_' && w[2..].iter().all(u8::is_ascii_digit))
}

/// Every whole number of five or more digits in `text` (not a fraction or
/// an exponent) written with `_` between groups of three: `36000000` →
/// `36_000_000`.
fn group_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_ascii_alphanumeric() || matches!(chars[i - 1], '.' | '_')));
        if !starts_number {
            out.push(c);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_ascii_digit())
            .unwrap_or(chars.len());
        let digits: String = chars[i..end].iter().collect();
        if digits.len() >= 5 {
            for (k, d) in digits.chars().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    out.push('_');
                }
                out.push(d);
            }
        } else {
            out.push_str(&digits);
        }
        i = end;
    }
    out
}

fn indent_of(src: &str, at: usize) -> &str {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[line_start..];
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..n]
}

/// `text`'s second and later lines moved from indentation `from` to `to`.
fn reindent(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(to);
            out.push_str(line.strip_prefix(from).unwrap_or(line));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_numbers_follow_the_files_digit_grouping() {
        assert!(groups_digits("Tri(30_000_000, 100_000_000, 120_000_000)"));
        assert!(!groups_digits("Tri(30000000, 1e8, 120000000)"));
        assert_eq!(
            group_digits("Tri(36000000, 120000000, 144000000)"),
            "Tri(36_000_000, 120_000_000, 144_000_000)"
        );
        // Fractions, exponents and short numbers stay as written.
        assert_eq!(group_digits("Point(12345.67891)"), "Point(12_345.67891)");
        assert_eq!(
            group_digits("1e100000 0.5 2014 -25000"),
            "1e100000 0.5 2014 -25_000"
        );
    }
}
