//! What changed between two versions of a scenario, and what each change did
//! to the answer.
//!
//! A colleague sends back a file "with three numbers changed": this lists
//! every change in the app's words ("Jobs moved offshore 2. Finance roles:
//! jobs 80 → 120"), then applies them to the old version one at a time, in
//! the order listed, and reports each step's effect on the NPV of net social
//! value. The steps telescope: they add up to the whole change.
//!
//! The comparison walks both versions written out in full (every field, at
//! its default too: [`to_ron_full`]), so a field added to the format is
//! compared without code here knowing it; the steps are applied to that
//! syntax tree and decoded back, so the last step gives exactly the new
//! version.

use crate::model::{self, Totals};
use crate::scenario::Scenario;
use crate::scenario::decode::decode;
use crate::scenario::syntax::{self, Field, Kind, Node};
use crate::scenario::write::to_ron_full;
use crate::text::printable;

/// One change, in the order it is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Where, as `solve --input` names inputs: `job_moves[1].jobs`. Items
    /// added or kept are numbered as in the new version, removed ones as in
    /// the old.
    pub path: String,
    /// In the app's words: "Jobs moved offshore 2. Finance roles: jobs".
    pub what: String,
    /// The old and new values as people read them; empty for an item added
    /// (old) or removed (new).
    pub old: String,
    pub new: String,
    /// This step's change in the NPV of net social value, in pounds.
    pub effect_on_net_social_value: f64,
}

/// Every change from one version to the other, with the headline NPVs of each.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub old: Totals,
    pub new: Totals,
}

/// The changes from `old` to `new`.
#[must_use]
pub fn diff(old: &Scenario, new: &Scenario) -> Diff {
    let old_totals = model::evaluate(old).npv;
    let new_totals = model::evaluate(new).npv;
    let (Ok(old_tree), Ok(new_tree)) = (
        syntax::parse(&to_ron_full(old)),
        syntax::parse(&to_ron_full(new)),
    ) else {
        // The writer's own output always parses; keep the totals regardless.
        return Diff {
            changes: Vec::new(),
            old: old_totals,
            new: new_totals,
        };
    };
    let mut walk = Walk {
        current: old_tree.clone(),
        last_nsv: old_totals.net_social_value,
        carried: 0.0,
        changes: Vec::new(),
    };
    if let (Kind::Struct { fields: of, .. }, Kind::Struct { fields: nf, .. }) =
        (&old_tree.kind, &new_tree.kind)
    {
        for n in nf {
            let Some(o) = of.iter().find(|o| o.name == n.name) else {
                continue;
            };
            let at = vec![Step::Field(n.name.clone())];
            match (&o.value.kind, &n.value.kind) {
                (Kind::List(oi), Kind::List(ni)) if section(&n.name).is_some() => {
                    walk.list(&n.name, &at, oi, ni);
                }
                _ => walk.value(&at, &words_of_field(&n.name), &n.name, &o.value, &n.value),
            }
        }
    }
    // Anything the steps missed (they should miss nothing) is one last step,
    // so the effects still add up to the whole change.
    let reached = decoded(&walk.current);
    if reached.as_ref() != Some(new) {
        walk.current = new_tree;
        walk.step(
            "(whole file)".into(),
            "other changes".into(),
            String::new(),
            String::new(),
        );
    }
    if let Some(last) = walk.changes.last_mut() {
        // Effects carried past steps that could not be evaluated land here.
        last.effect_on_net_social_value += walk.carried;
    }
    Diff {
        changes: walk.changes,
        old: old_totals,
        new: new_totals,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
}

struct Walk {
    /// The old version with the changes so far applied.
    current: Node,
    last_nsv: f64,
    /// Effect of steps whose scenario could not be evaluated, carried on.
    carried: f64,
    changes: Vec<Change>,
}

impl Walk {
    /// Compares one value; structs are compared field by field.
    fn value(&mut self, at: &[Step], what: &str, path: &str, old: &Node, new: &Node) {
        if syntax::same_value(old, new) {
            return;
        }
        if let (
            Kind::Struct {
                name: on,
                fields: of,
            },
            Kind::Struct {
                name: nn,
                fields: nf,
            },
        ) = (&old.kind, &new.kind)
            && on == nn
            && of.len() == nf.len()
            && of.iter().zip(nf).all(|(a, b)| a.name == b.name)
        {
            for (o, n) in of.iter().zip(nf) {
                let mut deeper = at.to_vec();
                deeper.push(Step::Field(n.name.clone()));
                let what = format!("{what}, {}", words_of_field(&n.name));
                let path = format!("{path}.{}", n.name);
                self.value(&deeper, &what, &path, &o.value, &n.value);
            }
            return;
        }
        if let Some(slot) = node_at(&mut self.current, at) {
            *slot = new.clone();
        }
        let field = at.iter().rev().find_map(|s| match s {
            Step::Field(f) => Some(f.as_str()),
            Step::Index(_) => None,
        });
        let field = field.unwrap_or("");
        self.step(
            path.to_owned(),
            what.to_owned(),
            shown(old, field),
            shown(new, field),
        );
    }

    /// Compares a list of items, matching them by label.
    fn list(&mut self, name: &str, at: &[Step], old: &[Node], new: &[Node]) {
        let section = section(name).unwrap_or(name);
        // Match by label, in order; then the rest by position.
        let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
        let mut taken = vec![false; old.len()];
        for (j, n) in new.iter().enumerate() {
            if let Some(i) = (0..old.len()).find(|&i| !taken[i] && label(&old[i]) == label(n)) {
                old_of_new[j] = Some(i);
                taken[i] = true;
            }
        }
        for (j, slot) in old_of_new.iter_mut().enumerate() {
            if slot.is_none() && j < old.len() && !taken[j] {
                *slot = Some(j);
                taken[j] = true;
            }
        }
        // The current list as (old index or new index) keys.
        let mut keys: Vec<Key> = (0..old.len()).map(Key::Old).collect();
        for (j, n) in new.iter().enumerate() {
            let Some(i) = old_of_new[j] else { continue };
            let Some(pos) = keys.iter().position(|k| *k == Key::Old(i)) else {
                continue;
            };
            let mut item_at = at.to_vec();
            item_at.push(Step::Index(pos));
            let what = format!("{section} {}. {}", j + 1, printable(&label(n)));
            let path = format!("{name}[{j}]");
            if let (Kind::Struct { fields: of, .. }, Kind::Struct { fields: nf, .. }) =
                (&old[i].kind, &n.kind)
            {
                for f in nf {
                    let what = format!("{what}: {}", words_of_field(&f.name));
                    let field_path = format!("{path}.{}", f.name);
                    if let Some(o) = of.iter().find(|o| o.name == f.name) {
                        let mut field_at = item_at.clone();
                        field_at.push(Step::Field(f.name.clone()));
                        self.value(&field_at, &what, &field_path, &o.value, &f.value);
                    } else {
                        // An optional field set where it was not.
                        if let Some(Kind::Struct { fields, .. }) =
                            node_at(&mut self.current, &item_at).map(|n| &mut n.kind)
                        {
                            fields.push(f.clone());
                        }
                        self.step(field_path, what, NOT_SET.into(), shown(&f.value, &f.name));
                    }
                }
                for o in of.iter().filter(|o| nf.iter().all(|f| f.name != o.name)) {
                    // An optional field no longer set.
                    if let Some(Kind::Struct { fields, .. }) =
                        node_at(&mut self.current, &item_at).map(|n| &mut n.kind)
                    {
                        fields.retain(|f| f.name != o.name);
                    }
                    let what = format!("{what}: {}", words_of_field(&o.name));
                    self.step(
                        format!("{path}.{}", o.name),
                        what,
                        shown(&o.value, &o.name),
                        NOT_SET.into(),
                    );
                }
            } else {
                self.value(&item_at, &what, &path, &old[i], n);
            }
        }
        for (i, o) in old.iter().enumerate() {
            if taken[i] {
                continue;
            }
            if let Some(pos) = keys.iter().position(|k| *k == Key::Old(i)) {
                keys.remove(pos);
                if let Some(Kind::List(items)) = node_at(&mut self.current, at).map(|n| &mut n.kind)
                {
                    items.remove(pos);
                }
            }
            self.step(
                format!("{name}[{i}]"),
                format!("{section} {}. {}: removed", i + 1, printable(&label(o))),
                summary(o),
                String::new(),
            );
        }
        for (j, n) in new.iter().enumerate() {
            if old_of_new[j].is_some() {
                continue;
            }
            keys.push(Key::New(j));
            if let Some(Kind::List(items)) = node_at(&mut self.current, at).map(|n| &mut n.kind) {
                items.push(n.clone());
            }
            self.step(
                format!("{name}[{j}]"),
                format!("{section} {}. {}: added", j + 1, printable(&label(n))),
                String::new(),
                summary(n),
            );
        }
        // Finally the order: items kept but now elsewhere.
        let new_index = |k: &Key| match *k {
            Key::New(j) => j,
            Key::Old(i) => old_of_new
                .iter()
                .position(|&o| o == Some(i))
                .unwrap_or(usize::MAX),
        };
        let order: Vec<usize> = keys.iter().map(new_index).collect();
        if order.iter().enumerate().any(|(p, &j)| p != j) {
            if let Some(Kind::List(items)) = node_at(&mut self.current, at).map(|n| &mut n.kind) {
                *items = new.to_vec();
            }
            let mut first = true;
            for (j, n) in new.iter().enumerate() {
                let Some(i) = old_of_new[j] else { continue };
                if i == j {
                    continue;
                }
                let what = format!(
                    "{section} {}. {}: moved from {} to {}",
                    j + 1,
                    printable(&label(n)),
                    i + 1,
                    j + 1
                );
                if first {
                    self.step(format!("{name}[{j}]"), what, String::new(), String::new());
                    first = false;
                } else {
                    self.changes.push(Change {
                        path: format!("{name}[{j}]"),
                        what,
                        old: String::new(),
                        new: String::new(),
                        effect_on_net_social_value: 0.0,
                    });
                }
            }
        }
    }

    /// Records a change already applied to `current`, with its effect.
    fn step(&mut self, path: String, what: String, old: String, new: String) {
        let nsv = decoded(&self.current)
            .map(|s| model::evaluate(&s).npv.net_social_value)
            .filter(|v| v.is_finite());
        let effect = match nsv {
            Some(v) => {
                let e = v - self.last_nsv + self.carried;
                self.last_nsv = v;
                self.carried = 0.0;
                e
            }
            None => 0.0, // counted with the next step that can be evaluated
        };
        self.changes.push(Change {
            path,
            what,
            old,
            new,
            effect_on_net_social_value: effect,
        });
    }
}

/// How an optional field that is not there reads.
const NOT_SET: &str = "not set";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Key {
    Old(usize),
    New(usize),
}

fn decoded(tree: &Node) -> Option<Scenario> {
    decode(tree).0
}

fn node_at<'a>(root: &'a mut Node, at: &[Step]) -> Option<&'a mut Node> {
    let mut node = root;
    for step in at {
        node = match (step, &mut node.kind) {
            (Step::Field(name), Kind::Struct { fields, .. }) => {
                &mut fields
                    .iter_mut()
                    .find(|f: &&mut Field| &f.name == name)?
                    .value
            }
            (Step::Index(i), Kind::List(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An item's label (a source's title; a correlation's two inputs), or ""
/// if it has none.
fn label(item: &Node) -> String {
    let Kind::Struct { fields, .. } = &item.kind else {
        return String::new();
    };
    let text = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .and_then(|f| match &f.value.kind {
                Kind::Str(s) => Some(s.clone()),
                _ => None,
            })
    };
    text("label")
        .or_else(|| text("title"))
        .or_else(|| Some(format!("{} and {}", text("a")?, text("b")?)))
        .unwrap_or_default()
}

/// The editor's name for a list of items.
fn section(name: &str) -> Option<&'static str> {
    Some(match name {
        "sources" => "Sources",
        "savings" => "Savings",
        "costs" => "Costs",
        "fines" => "Fines",
        "job_moves" => "Jobs moved offshore",
        "office_closures" => "Office closures",
        "data_risks" => "Data risks",
        "correlations" => "Correlations",
        _ => return None,
    })
}

/// A field name as the editor words it.
fn words_of_field(name: &str) -> String {
    match name {
        "settings" => "Settings".into(),
        "assumptions" => "Assumptions".into(),
        "title" => "Title".into(),
        "summary" => "Summary".into(),
        "marking" => "Protective marking".into(),
        "author" => "Author".into(),
        "format_version" => "Format version".into(),
        "growth" => "real growth a year".into(),
        "claim" => "part of the department's claim".into(),
        "nominal" => "in cash (nominal) terms".into(),
        "redundancy_months" => "redundancy pay (months)".into(),
        "harm_per_record" => "harm per record exposed".into(),
        "exposed_share" => "share of records exposed".into(),
        "annual_probability" => "chance of a breach a year".into(),
        other => other.replace('_', " "),
    }
}

/// Fields whose numbers are pounds.
fn is_money(field: &str) -> bool {
    matches!(
        field,
        "amount"
            | "salary"
            | "running_cost_per_office"
            | "closure_cost_per_office"
            | "relocation_cost_per_person"
            | "public_access_cost"
            | "harm_per_record"
            | "regulatory_fine"
            | "wellby_value"
            | "benefit_per_year"
    )
}

/// Fields whose numbers are fractions, shown as percentages.
fn is_share(field: &str) -> bool {
    matches!(
        field,
        "growth"
            | "inflation"
            | "probability"
            | "annual_probability"
            | "exposed_share"
            | "wage_scarring"
            | "exchequer_tax_rate"
            | "costs_uplift"
            | "savings_haircut"
    )
}

/// A value as people read it, in the field's units.
fn shown(node: &Node, field: &str) -> String {
    let number = |x: f64| {
        if is_money(field) {
            crate::money::format_money(x)
        } else if is_share(field) {
            format!("{} %", crate::report::readable(x * 100.0))
        } else {
            crate::report::readable(x)
        }
    };
    match &node.kind {
        Kind::Number(n) => number(n.value),
        Kind::Str(s) => format!("\"{}\"", printable(s)),
        Kind::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Kind::Ident(i) => i.clone(),
        Kind::Tuple { name, items } => {
            let inner: Vec<String> = items.iter().map(|i| shown(i, field)).collect();
            match name.as_deref() {
                Some("Tri") => format!("triangular {}", inner.join(" / ")),
                Some("Pert") => format!("PERT {}", inner.join(" / ")),
                Some("Uniform") => format!("uniform {}", inner.join(" to ")),
                Some(n) => format!("{n}({})", inner.join(", ")),
                None => format!("({})", inner.join(", ")),
            }
        }
        Kind::Struct { name, fields } => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name, shown(&f.value, &f.name)))
                .collect();
            format!("{}({})", name.as_deref().unwrap_or(""), inner.join(", "))
        }
        Kind::List(items) => {
            let inner: Vec<String> = items.iter().map(|i| shown(i, field)).collect();
            format!("[{}]", inner.join(", "))
        }
        Kind::Map(_) | Kind::Char(_) | Kind::Unit => String::new(),
    }
}

/// An item added or removed, in one line: its amount or count.
fn summary(item: &Node) -> String {
    let Kind::Struct { fields, .. } = &item.kind else {
        return String::new();
    };
    ["amount", "jobs", "offices", "records"]
        .iter()
        .find_map(|key| {
            fields
                .iter()
                .find(|f| f.name == *key)
                .map(|f| format!("{}: {}", words_of_field(key), shown(&f.value, key)))
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Flow, JobMove, Profile, Value};

    fn base() -> Scenario {
        let mut s = Scenario::new("Option", 2014, 10);
        s.savings.push(Flow::new(
            "Back office",
            10_000_000.0,
            Profile::Annual {
                from: 2014,
                to: None,
            },
        ));
        s.costs
            .push(Flow::new("Set-up", 5_000_000.0, Profile::Once(2014)));
        s.job_moves.push(JobMove {
            label: "Finance roles".into(),
            jobs: Value::Point(80.0),
            year: 2015,
            salary: Value::Point(25_000.0),
            redundancy_months: Value::Point(0.0),
            redundancy: None,
            local_multiplier: None,
            note: String::new(),
        });
        s
    }

    fn total(d: &Diff) -> f64 {
        d.changes.iter().map(|c| c.effect_on_net_social_value).sum()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn no_change_lists_nothing() {
        let d = diff(&base(), &base());
        assert!(d.changes.is_empty());
        assert_eq!(d.old, d.new);
    }

    #[test]
    fn a_field_of_an_item_is_named_as_the_editor_names_it_and_its_effect_is_the_whole_change() {
        let mut new = base();
        new.job_moves[0].jobs = Value::Point(120.0);
        let d = diff(&base(), &new);
        assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
        let c = &d.changes[0];
        assert_eq!(c.what, "Jobs moved offshore 1. Finance roles: jobs");
        assert_eq!(c.path, "job_moves[0].jobs");
        assert_eq!((c.old.as_str(), c.new.as_str()), ("80", "120"));
        assert!(
            c.effect_on_net_social_value < 0.0,
            "more jobs moved, more social cost"
        );
        assert!(close(
            total(&d),
            d.new.net_social_value - d.old.net_social_value
        ));
    }

    #[test]
    fn settings_assumptions_added_removed_and_moved_items_all_add_up() {
        let mut new = base();
        new.settings.horizon_years = 12;
        new.assumptions.months_out_of_work = Value::Tri {
            low: 3.0,
            mode: 6.0,
            high: 12.0,
        };
        new.savings
            .push(Flow::new("Estates", 1_000_000.0, Profile::Once(2016)));
        new.costs.clear();
        new.savings.swap(0, 1);
        new.savings[1].note = "NAO 2016".into();
        let d = diff(&base(), &new);
        let whats: Vec<&str> = d.changes.iter().map(|c| c.what.as_str()).collect();
        assert!(whats.contains(&"Settings, horizon years"), "{whats:?}");
        assert!(
            whats.contains(&"Assumptions, months out of work"),
            "{whats:?}"
        );
        assert!(whats.contains(&"Savings 2. Back office: note"), "{whats:?}");
        assert!(whats.contains(&"Costs 1. Set-up: removed"), "{whats:?}");
        assert!(whats.contains(&"Savings 1. Estates: added"), "{whats:?}");
        assert!(
            whats.contains(&"Savings 2. Back office: moved from 1 to 2"),
            "{whats:?}"
        );
        let removed = d
            .changes
            .iter()
            .find(|c| c.what.ends_with("removed"))
            .expect("removed");
        assert_eq!(removed.old, "amount: £5.0m");
        assert!(
            close(removed.effect_on_net_social_value, 5_000_000.0),
            "{removed:?}"
        );
        assert!(close(
            total(&d),
            d.new.net_social_value - d.old.net_social_value
        ));
        let months = d
            .changes
            .iter()
            .find(|c| c.what.contains("months"))
            .expect("months");
        assert_eq!(months.old, "triangular 3 / 9 / 18");
    }

    #[test]
    fn money_and_shares_are_shown_in_their_units() {
        let mut new = base();
        new.savings[0].amount = Value::Tri {
            low: 8e6,
            mode: 1e7,
            high: 1.2e7,
        };
        new.savings[0].growth = Value::Point(-0.02);
        new.title = "Line\nbreak".into();
        let d = diff(&base(), &new);
        let amount = d
            .changes
            .iter()
            .find(|c| c.path == "savings[0].amount")
            .expect("amount");
        assert_eq!(amount.old, "£10.0m");
        assert_eq!(amount.new, "triangular £8.0m / £10.0m / £12.0m");
        let growth = d
            .changes
            .iter()
            .find(|c| c.path == "savings[0].growth")
            .expect("growth");
        assert_eq!((growth.old.as_str(), growth.new.as_str()), ("0 %", "-2 %"));
        let title = d.changes.iter().find(|c| c.path == "title").expect("title");
        assert_eq!(title.new, "\"Line\\nbreak\"");
    }
}
