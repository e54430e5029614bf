//! The scenario editor: every field of the file, grouped as the file is,
//! plus the quick claim entry at the top. It edits a copy of the scenario;
//! the app turns a changed copy into one undoable edit.

use egui::{Id, RichText, Ui};

use super::fields::{self, Ed, Unit, row};
use crate::money::parse_claim;
use crate::scenario::{
    Assumptions, DataRisk, Direction, Discounting, Fine, Flow, JobMove, Marking, OfficeClosure,
    Profile, Scenario, Source, Value,
};

/// Width of one-line text fields.
const TEXT_WIDTH: f32 = 260.0;

/// The line in the summary that carries the optimism-bias mitigation note
/// (the file format has no field of its own for it).
pub const MITIGATION_PREFIX: &str = "Optimism bias mitigation: ";

/// State of the editor that is not part of the scenario.
#[derive(Default)]
pub struct EditorState {
    /// The claim as typed into the quick entry.
    pub claim_text: String,
    /// What the last quick entry did, or why it failed.
    pub claim_feedback: Option<Result<String, String>>,
}

/// Draws the whole editor for `s`, recording what changed in `ed`.
pub fn editor_ui(ui: &mut Ui, state: &mut EditorState, ed: &mut Ed<'_>, s: &mut Scenario) {
    claim_ui(ui, state, ed, s);
    ui.add_space(6.0);

    section(ui, "settings", "Settings", false, |ui| {
        settings_ui(ui, ed, s);
    });
    let n = s.savings.len();
    section(ui, "savings", &format!("Savings ({n})"), true, |ui| {
        list_ui(
            ui,
            ed,
            &mut s.savings,
            "savings",
            "saving",
            |y| Flow::new("New saving", 0.0, Profile::Annual { from: y, to: None }),
            |f| f.label.clone(),
            |ui, ed, f, path| flow_ui(ui, ed, f, path, true),
        );
    });
    let n = s.costs.len();
    section(ui, "costs", &format!("Costs ({n})"), false, |ui| {
        list_ui(
            ui,
            ed,
            &mut s.costs,
            "costs",
            "cost",
            |y| Flow::new("New cost", 0.0, Profile::Once(y)),
            |f| f.label.clone(),
            |ui, ed, f, path| flow_ui(ui, ed, f, path, false),
        );
    });
    let n = s.fines.len();
    section(ui, "fines", &format!("Fines ({n})"), false, |ui| {
        list_ui(
            ui,
            ed,
            &mut s.fines,
            "fines",
            "fine",
            new_fine,
            |f| f.label.clone(),
            fine_ui,
        );
    });
    let n = s.job_moves.len();
    let multiplier = s.assumptions.local_multiplier.central();
    section(
        ui,
        "job_moves",
        &format!("Jobs moved offshore ({n})"),
        false,
        |ui| {
            list_ui(
                ui,
                ed,
                &mut s.job_moves,
                "job_moves",
                "job move",
                new_job_move,
                |j| j.label.clone(),
                |ui, ed, j, path| job_move_ui(ui, ed, j, path, multiplier),
            );
        },
    );
    let n = s.office_closures.len();
    section(
        ui,
        "office_closures",
        &format!("Office closures ({n})"),
        false,
        |ui| {
            list_ui(
                ui,
                ed,
                &mut s.office_closures,
                "office_closures",
                "office closure",
                new_closure,
                |c| c.label.clone(),
                |ui, ed, c, path| closure_ui(ui, ed, c, path, multiplier),
            );
        },
    );
    let n = s.data_risks.len();
    section(ui, "data_risks", &format!("Data risk ({n})"), false, |ui| {
        list_ui(
            ui,
            ed,
            &mut s.data_risks,
            "data_risks",
            "data risk",
            new_data_risk,
            |r| r.label.clone(),
            data_risk_ui,
        );
    });
    section(ui, "assumptions", "Assumptions", false, |ui| {
        assumptions_ui(ui, ed, &mut s.assumptions);
    });
    let n = s.sources.len();
    section(ui, "sources", &format!("Sources ({n})"), false, |ui| {
        list_ui(
            ui,
            ed,
            &mut s.sources,
            "sources",
            "source",
            |_| Source::default(),
            |s| s.title.clone(),
            source_ui,
        );
    });
}

fn section(ui: &mut Ui, id: &str, title: &str, open: bool, add: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong().size(15.0))
        .id_salt(id)
        .default_open(open)
        .show(ui, add);
}

/// The department's claim: quick entry from the words of the claim, and the
/// claimed amount itself.
fn claim_ui(ui: &mut Ui, state: &mut EditorState, ed: &mut Ed<'_>, s: &mut Scenario) {
    let EditorState {
        claim_text,
        claim_feedback,
    } = state;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("The department's claim").strong().size(15.0));
        ui.label(
            RichText::new("Change it here (or any figure below): the results on the right update as you type.")
                .small()
                .color(fields::weak(ui)),
        );
        let claim_index = s.savings.iter().position(|f| f.claim);
        egui::Grid::new("claim_grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            row(ui, "Claimed amount", "The headline saving the department claims (savings marked as the claim)", |ui, l| {
                match claim_index {
                    Some(i) => {
                        let path = format!("savings[{i}].amount");
                        let flow = &mut s.savings[i];
                        let mut central = flow.amount.central();
                        let before = central;
                        let line = ui.horizontal(|ui| {
                            fields::number(ui, ed, l, &mut central, Unit::Money, ui.make_persistent_id("claimed_amount"), 120.0);
                            ui.label(RichText::new(profile_words(&flow.profile)).color(fields::weak(ui)));
                        });
                        fields::break_even_menu(&line.response, ed, &path, Unit::Money);
                        if central.to_bits() != before.to_bits() {
                            flow.amount = flow.amount.with_central(central);
                        }
                        fields::problem(ui, ed, &path, ui.min_rect());
                    }
                    None => {
                        ui.label(RichText::new("No saving is marked as the claim: type it below, or tick “part of the claim” on a saving.").color(fields::weak(ui)));
                    }
                }
            });
            row(ui, "Claim as written", "Paste or type the claim, e.g. “save over £100m in the next seven years”", |ui, l| {
                ui.horizontal(|ui| {
                    let resp = ui
                        .add(egui::TextEdit::singleline(claim_text).hint_text("e.g. £100m over 7 years").desired_width(TEXT_WIDTH))
                        .labelled_by(l);
                    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button("Use this claim").clicked() || enter {
                        *claim_feedback = Some(apply_claim(s, claim_text, ed.start_year));
                        if matches!(claim_feedback, Some(Ok(_))) {
                            ed.step();
                        }
                    }
                });
                match claim_feedback {
                    Some(Ok(done)) => {
                        ui.label(RichText::new(format!("✔ {done}")).small());
                    }
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, RichText::new(format!("⚠ {e}")).small());
                    }
                    None => {}
                }
            });
        });
    });
}

/// Sets the claim flow (the first saving marked as the claim, or a new one)
/// from the words of a claim. Returns what was understood.
fn apply_claim(s: &mut Scenario, text: &str, start_year: i32) -> Result<String, String> {
    let claim = parse_claim(text, start_year).map_err(|e| e.0)?;
    let words = claim.describe();
    let note = format!("As claimed: “{}”", text.trim());
    match s.savings.iter_mut().position(|f| f.claim) {
        Some(i) => {
            let f = &mut s.savings[i];
            f.amount = Value::Point(claim.amount);
            f.profile = claim.profile;
            f.note = note;
            Ok(format!("savings {}: {words}", i + 1))
        }
        None => {
            let mut f = Flow::new("Department's claimed savings", claim.amount, claim.profile);
            f.claim = true;
            f.note = note;
            s.savings.push(f);
            Ok(format!("added a claimed saving: {words}"))
        }
    }
}

/// "spread over 2014–2020" for the claim line.
fn profile_words(p: &Profile) -> String {
    match p {
        Profile::Once(y) => format!("in {y}"),
        Profile::Annual { from, to: Some(to) } => format!("a year, {from}–{to}"),
        Profile::Annual { from, to: None } => format!("a year from {from}"),
        Profile::Spread { from, years } => {
            format!("in total over {from}–{}", from + *years as i32 - 1)
        }
        Profile::Ramp { from, .. } => format!("a year (ramping up from {from})"),
        Profile::Custom { from, .. } => format!("shared over years from {from}"),
    }
}

/// A list of items: each shown folded under its label, with buttons to
/// move, duplicate and delete it, and one to add a new one.
fn list_ui<T: Clone>(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    items: &mut Vec<T>,
    list: &str,
    noun: &str,
    new: impl Fn(i32) -> T,
    label: impl Fn(&T) -> String,
    mut item_ui: impl FnMut(&mut Ui, &mut Ed<'_>, &mut T, &str),
) {
    enum Action {
        Up(usize),
        Down(usize),
        Duplicate(usize),
        Delete(usize),
    }
    let mut action = None;
    let count = items.len();
    for (i, item) in items.iter_mut().enumerate() {
        let path = format!("{list}[{i}]");
        let mut title = label(item);
        if title.trim().is_empty() {
            title = format!("(unnamed {noun})");
        }
        let has_error = ed
            .errors
            .keys()
            .any(|k| k.starts_with(&path) && k[path.len()..].starts_with('.'));
        let mut header = RichText::new(format!("{}. {title}", i + 1));
        if has_error {
            header =
                RichText::new(format!("⚠ {}. {title}", i + 1)).color(ui.visuals().error_fg_color);
        }
        let open_now = ui
            .data(|d| d.get_temp::<String>(open_next_id()))
            .is_some_and(|p| p == path);
        if open_now {
            ui.data_mut(|d| d.remove::<String>(open_next_id()));
        }
        egui::CollapsingHeader::new(header)
            .id_salt(&path)
            .default_open(count <= 2)
            .open(open_now.then_some(true))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let n = i + 1;
                    // Named with the item, so a screen reader says which one.
                    let button =
                        |ui: &mut Ui, enabled: bool, text: &str, name: String, hint: &str| {
                            let resp = ui.add_enabled(enabled, egui::Button::new(text).small());
                            resp.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name)
                            });
                            resp.on_hover_text(hint).clicked()
                        };
                    if button(ui, i > 0, "⬆ Up", format!("Move {noun} {n} up"), "Move up") {
                        action = Some(Action::Up(i));
                    }
                    if button(
                        ui,
                        i + 1 < count,
                        "⬇ Down",
                        format!("Move {noun} {n} down"),
                        "Move down",
                    ) {
                        action = Some(Action::Down(i));
                    }
                    if button(
                        ui,
                        true,
                        "Duplicate",
                        format!("Duplicate {noun} {n}"),
                        "Add a copy below",
                    ) {
                        action = Some(Action::Duplicate(i));
                    }
                    if button(
                        ui,
                        true,
                        "Delete",
                        format!("Delete {noun} {n}"),
                        "Delete it (Ctrl+Z brings it back)",
                    ) {
                        action = Some(Action::Delete(i));
                    }
                });
                egui::Grid::new(&path)
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        item_ui(ui, ed, item, &path);
                    });
            });
    }
    // A new item opens next frame, so its fields are there to fill in.
    let show =
        |ui: &Ui, i: usize| ui.data_mut(|d| d.insert_temp(open_next_id(), format!("{list}[{i}]")));
    if ui.button(format!("➕ Add {noun}")).clicked() {
        items.push(new(ed.start_year));
        show(ui, items.len() - 1);
        ed.step();
    }
    if let Some(a) = action {
        match a {
            Action::Up(i) => items.swap(i, i - 1),
            Action::Down(i) => items.swap(i, i + 1),
            Action::Duplicate(i) => {
                let copy = items[i].clone();
                items.insert(i + 1, copy);
                show(ui, i + 1);
            }
            Action::Delete(i) => {
                items.remove(i);
            }
        }
        ed.step();
    }
}

/// Where the path of an item to unfold on the next frame is kept.
fn open_next_id() -> Id {
    Id::unique("counterweight.open_next")
}

fn label_row(ui: &mut Ui, ed: &mut Ed<'_>, value: &mut String, path: &str) {
    row(
        ui,
        "Label",
        "A short name shown in results and messages",
        |ui, l| {
            fields::text(ui, ed, l, value, &format!("{path}.label"), TEXT_WIDTH);
        },
    );
}

fn note_row(ui: &mut Ui, ed: &mut Ed<'_>, value: &mut String, path: &str) {
    row(
        ui,
        "Note",
        "Where the figures come from, caveats",
        |ui, l| {
            fields::multiline(ui, ed, l, value, &format!("{path}.note"));
        },
    );
}

fn value_row(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    name: &str,
    hint: &str,
    v: &mut Value,
    unit: Unit,
    path: &str,
) {
    row(ui, name, hint, |ui, l| {
        fields::value(ui, ed, l, v, unit, path);
    });
}

fn flow_ui(ui: &mut Ui, ed: &mut Ed<'_>, f: &mut Flow, path: &str, is_saving: bool) {
    let Flow {
        label,
        amount,
        profile,
        growth,
        nominal,
        claim,
        note,
    } = f;
    label_row(ui, ed, label, path);
    let hint = if is_saving {
        "Pounds, in the price-base year's prices; negative for a saving that reverses"
    } else {
        "Pounds, in the price-base year's prices"
    };
    value_row(
        ui,
        ed,
        "Amount",
        hint,
        amount,
        Unit::Money,
        &format!("{path}.amount"),
    );
    fields::profile(ui, ed, profile, path);
    value_row(
        ui,
        ed,
        "Real growth a year",
        "Growth in real terms each year, from the profile's first year",
        growth,
        Unit::Percent,
        &format!("{path}.growth"),
    );
    row(ui, "Cash terms", "", |ui, _| {
        if ui
            .checkbox(
                nominal,
                "the amount is in cash (nominal) terms: deflate by inflation",
            )
            .changed()
        {
            ed.step();
        }
    });
    if is_saving {
        row(ui, "Claim", "", |ui, _| {
            if ui
                .checkbox(claim, "part of the department's headline claim")
                .changed()
            {
                ed.step();
            }
        });
    }
    note_row(ui, ed, note, path);
}

fn new_fine(year: i32) -> Fine {
    Fine {
        label: "New fine".into(),
        amount: Value::Point(0.0),
        profile: Profile::Annual {
            from: year,
            to: None,
        },
        probability: Value::Point(1.0),
        direction: Direction::FromSupplier,
        note: String::new(),
    }
}

fn fine_ui(ui: &mut Ui, ed: &mut Ed<'_>, f: &mut Fine, path: &str) {
    let Fine {
        label,
        amount,
        profile,
        probability,
        direction,
        note,
    } = f;
    label_row(ui, ed, label, path);
    value_row(
        ui,
        ed,
        "Amount",
        "Pounds each time the fine is due",
        amount,
        Unit::Money,
        &format!("{path}.amount"),
    );
    fields::profile(ui, ed, profile, path);
    value_row(
        ui,
        ed,
        "Probability",
        "Chance the fine is due in a year (counted as probability × amount)",
        probability,
        Unit::Percent,
        &format!("{path}.probability"),
    );
    row(ui, "Who pays", "", |ui, l| {
        let id = ui.make_persistent_id(format!("{path}.direction"));
        fields::choice(
            ui,
            ed,
            l,
            id,
            direction,
            &[
                (Direction::FromSupplier, "the supplier pays the department"),
                (
                    Direction::ByAuthority,
                    "the department pays (regulator or contract)",
                ),
            ],
        );
    });
    note_row(ui, ed, note, path);
}

fn new_job_move(year: i32) -> JobMove {
    JobMove {
        label: "New job move".into(),
        jobs: Value::Point(100.0),
        year,
        salary: Value::Point(24_000.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    }
}

fn local_multiplier_row(
    ui: &mut Ui,
    ed: &mut Ed<'_>,
    m: &mut Option<Value>,
    path: &str,
    assumption: f64,
) {
    row(
        ui,
        "Local multiplier",
        "Knock-on loss of local spending per £ of lost earnings (1.3 = 30 % more)",
        |ui, l| {
            let mut own = m.is_some();
            if ui
                .checkbox(
                    &mut own,
                    format!(
                        "this item's own (otherwise the assumption, {})",
                        Unit::Plain.format(assumption)
                    ),
                )
                .changed()
            {
                *m = own.then_some(Value::Point(assumption));
                ed.step();
            }
            if let Some(v) = m {
                fields::value(
                    ui,
                    ed,
                    l,
                    v,
                    Unit::Plain,
                    &format!("{path}.local_multiplier"),
                );
            }
        },
    );
}

fn job_move_ui(ui: &mut Ui, ed: &mut Ed<'_>, j: &mut JobMove, path: &str, multiplier: f64) {
    let JobMove {
        label,
        jobs,
        year,
        salary,
        redundancy_months,
        redundancy,
        local_multiplier,
        note,
    } = j;
    label_row(ui, ed, label, path);
    value_row(
        ui,
        ed,
        "Jobs",
        "UK jobs lost (moved offshore or cut)",
        jobs,
        Unit::Count,
        &format!("{path}.jobs"),
    );
    row(ui, "Year", "The year the jobs go", |ui, l| {
        fields::year(ui, ed, l, year, &format!("{path}.year"))
    });
    value_row(
        ui,
        ed,
        "Salary",
        "Average gross salary of the jobs, pounds a year",
        salary,
        Unit::Money,
        &format!("{path}.salary"),
    );
    // Model 2: a file may give redundancy by the Civil Service scheme; its
    // years of service are edited here (choosing the scheme and its terms
    // is the editor's model-2 work still to do).
    match redundancy {
        Some(scheme) => value_row(
            ui,
            ed,
            "Redundancy: years of service",
            "Civil Service Compensation Scheme: one month's pay per year of service, at most 21 months (voluntary) or 12 (compulsory), on pay of £23,000 to £149,820",
            &mut scheme.service_years,
            Unit::Plain,
            &format!("{path}.redundancy.service_years"),
        ),
        None => value_row(
            ui,
            ed,
            "Redundancy (months' pay)",
            "Paid by the department; Civil Service scheme: one month per year of service, up to 21",
            redundancy_months,
            Unit::Plain,
            &format!("{path}.redundancy_months"),
        ),
    }
    local_multiplier_row(ui, ed, local_multiplier, path, multiplier);
    note_row(ui, ed, note, path);
}

fn new_closure(year: i32) -> OfficeClosure {
    OfficeClosure {
        label: "New office closure".into(),
        offices: Value::Point(1.0),
        year,
        running_cost_per_office: Value::Point(0.0),
        closure_cost_per_office: Value::Point(0.0),
        jobs_lost: Value::Point(0.0),
        salary: Value::Point(24_000.0),
        staff_relocated: Value::Point(0.0),
        relocation_cost_per_person: Value::Point(0.0),
        public_access_cost: Value::Point(0.0),
        redundancy_months: Value::Point(0.0),
        redundancy: None,
        local_multiplier: None,
        note: String::new(),
    }
}

fn closure_ui(ui: &mut Ui, ed: &mut Ed<'_>, c: &mut OfficeClosure, path: &str, multiplier: f64) {
    let OfficeClosure {
        label,
        offices,
        year,
        running_cost_per_office,
        closure_cost_per_office,
        jobs_lost,
        salary,
        staff_relocated,
        relocation_cost_per_person,
        public_access_cost,
        // Model 2 fields the editor does not show yet (the app's model-2 work).
        redundancy_months: _,
        redundancy: _,
        local_multiplier,
        note,
    } = c;
    let p = |f: &str| format!("{path}.{f}");
    label_row(ui, ed, label, path);
    value_row(
        ui,
        ed,
        "Offices",
        "Number of offices closed",
        offices,
        Unit::Count,
        &p("offices"),
    );
    row(ui, "Year", "The year they close", |ui, l| {
        fields::year(ui, ed, l, year, &p("year"))
    });
    value_row(
        ui,
        ed,
        "Running cost per office",
        "Saved every year after closure, pounds a year",
        running_cost_per_office,
        Unit::Money,
        &p("running_cost_per_office"),
    );
    value_row(
        ui,
        ed,
        "Closure cost per office",
        "One-off, in the closure year",
        closure_cost_per_office,
        Unit::Money,
        &p("closure_cost_per_office"),
    );
    value_row(
        ui,
        ed,
        "Jobs lost",
        "Staff who lose their jobs",
        jobs_lost,
        Unit::Count,
        &p("jobs_lost"),
    );
    value_row(
        ui,
        ed,
        "Salary",
        "Average gross salary of the jobs lost, pounds a year",
        salary,
        Unit::Money,
        &p("salary"),
    );
    value_row(
        ui,
        ed,
        "Staff relocated",
        "Staff who move with the work",
        staff_relocated,
        Unit::Count,
        &p("staff_relocated"),
    );
    value_row(
        ui,
        ed,
        "Relocation cost per person",
        "One-off, in the closure year",
        relocation_cost_per_person,
        Unit::Money,
        &p("relocation_cost_per_person"),
    );
    value_row(
        ui,
        ed,
        "Public access cost a year",
        "Extra travel and time for the public after closure, pounds a year",
        public_access_cost,
        Unit::Money,
        &p("public_access_cost"),
    );
    local_multiplier_row(ui, ed, local_multiplier, path, multiplier);
    note_row(ui, ed, note, path);
}

fn new_data_risk(year: i32) -> DataRisk {
    DataRisk {
        label: "New data risk".into(),
        records: Value::Point(0.0),
        from: year,
        to: None,
        annual_probability: Value::Point(0.01),
        exposed_share: Value::Point(0.5),
        harm_per_record: Value::Point(150.0),
        regulatory_fine: Value::Point(0.0),
        note: String::new(),
    }
}

fn data_risk_ui(ui: &mut Ui, ed: &mut Ed<'_>, r: &mut DataRisk, path: &str) {
    let DataRisk {
        label,
        records,
        from,
        to,
        annual_probability,
        exposed_share,
        harm_per_record,
        regulatory_fine,
        note,
    } = r;
    let p = |f: &str| format!("{path}.{f}");
    label_row(ui, ed, label, path);
    value_row(
        ui,
        ed,
        "Records",
        "Sensitive records handled",
        records,
        Unit::Count,
        &p("records"),
    );
    row(ui, "From", "First year the risk is live", |ui, l| {
        fields::year(ui, ed, l, from, &p("from"))
    });
    let default = *from;
    row(ui, "To", "Last year the risk is live", |ui, l| {
        fields::end_year(ui, ed, l, to, default, &p("to"));
    });
    value_row(
        ui,
        ed,
        "Chance of a breach a year",
        "Annual probability of a breach",
        annual_probability,
        Unit::Percent,
        &p("annual_probability"),
    );
    value_row(
        ui,
        ed,
        "Share exposed",
        "Share of records exposed in a breach",
        exposed_share,
        Unit::Percent,
        &p("exposed_share"),
    );
    value_row(
        ui,
        ed,
        "Harm per record",
        "Pounds of harm per exposed record (~£150 for ordinary breaches; scale down for very large sets)",
        harm_per_record,
        Unit::Money,
        &p("harm_per_record"),
    );
    value_row(
        ui,
        ed,
        "Regulatory fine",
        "Paid by the department if a breach happens; UK GDPR maximum £17.5m or 4 % of turnover",
        regulatory_fine,
        Unit::Money,
        &p("regulatory_fine"),
    );
    note_row(ui, ed, note, path);
}

fn source_ui(ui: &mut Ui, ed: &mut Ed<'_>, s: &mut Source, path: &str) {
    let Source {
        title,
        publisher,
        date,
        url,
        note,
    } = s;
    for (name, value, field) in [
        ("Title", title, "title"),
        ("Publisher", publisher, "publisher"),
        ("Date", date, "date"),
        ("Web address", url, "url"),
    ] {
        row(ui, name, "", |ui, l| {
            fields::text(ui, ed, l, value, &format!("{path}.{field}"), TEXT_WIDTH);
        });
    }
    note_row(ui, ed, note, path);
}

fn settings_ui(ui: &mut Ui, ed: &mut Ed<'_>, s: &mut Scenario) {
    let Scenario {
        format_version: _,
        title,
        summary,
        marking,
        author,
        settings,
        ..
    } = s;
    egui::Grid::new("settings_grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        row(ui, "Title", "States the option being appraised", |ui, l| {
            fields::text(ui, ed, l, title, "title", TEXT_WIDTH);
        });
        row(ui, "Summary", "", |ui, l| {
            fields::multiline(ui, ed, l, summary, "summary");
        });
        row(ui, "Author", "", |ui, l| {
            fields::text(ui, ed, l, author, "author", TEXT_WIDTH);
        });
        row(ui, "Marking", "Government Security Classification, printed on exports", |ui, l| {
            let id = ui.make_persistent_id("marking");
            let options: Vec<(Marking, &str)> =
                Marking::ALL.iter().map(|m| (*m, if m.banner().is_empty() { "Unmarked" } else { m.banner() })).collect();
            fields::choice(ui, ed, l, id, marking, &options);
        });
        let st = settings;
        row(ui, "Start year", "Year 0 of the appraisal", |ui, l| fields::year(ui, ed, l, &mut st.start_year, "settings.start_year"));
        row(ui, "Horizon (years)", "How many years are appraised (1–100)", |ui, l| {
            fields::whole(ui, ed, l, &mut st.horizon_years, 1..=100, "settings.horizon_years");
        });
        row(ui, "Price base year", "Real-terms amounts are in this year's prices", |ui, l| {
            fields::year(ui, ed, l, &mut st.price_base_year, "settings.price_base_year");
        });
        row(ui, "Discounting", "HM Treasury Green Book: 3.5 % a year to year 30, then 3.0 %, then 2.5 %", |ui, l| {
            discounting_ui(ui, ed, l, &mut st.discounting);
        });
        value_row(ui, ed, "Inflation", "GDP deflator a year, for flows marked as cash (nominal) terms", &mut st.inflation, Unit::Percent, "settings.inflation");
        value_row(ui, ed, "Optimism bias: costs uplift", "Green Book supplementary guidance (Mott MacDonald 2002): outsourcing upper bound 41 % on operating costs, lower bound 0 %", &mut st.optimism_bias.costs_uplift, Unit::Percent, "settings.optimism_bias.costs_uplift");
        row(ui, "", "", |ui, _| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Green Book presets:").small());
                if ui.small_button("Outsourcing upper bound (41%)").clicked() {
                    st.optimism_bias.costs_uplift = Value::Point(0.41);
                    ed.step();
                }
                if ui.small_button("Fully mitigated (0%)").clicked() {
                    st.optimism_bias.costs_uplift = Value::Point(0.0);
                    ed.step();
                }
            });
        });
        value_row(ui, ed, "Optimism bias: savings haircut", "Cut to claimed savings; the guidance has no generic values for benefits", &mut st.optimism_bias.savings_haircut, Unit::Percent, "settings.optimism_bias.savings_haircut");
        row(ui, "Mitigation note", "How the risks behind optimism bias are mitigated (kept in the summary)", |ui, l| {
            let mut note = mitigation_note(summary);
            let resp = ui.add(egui::TextEdit::singleline(&mut note).desired_width(TEXT_WIDTH).hint_text("why the uplift is below 41 %")).labelled_by(l);
            if resp.changed() {
                set_mitigation_note(summary, &note);
                ed.key = Some(resp.id);
            }
        });
        row(ui, "Monte Carlo draws", "For uncertainty runs (`counterweight report --draws`)", |ui, l| {
            fields::whole(ui, ed, l, &mut st.monte_carlo.draws, crate::scenario::limits::DRAWS, "settings.monte_carlo.draws");
        });
        row(ui, "Monte Carlo seed", "The same seed gives the same numbers on every machine", |ui, l| {
            let resp = ui.add(egui::DragValue::new(&mut st.monte_carlo.seed)).labelled_by(l);
            if resp.changed() {
                ed.key = Some(resp.id);
            }
        });
    });
}

fn discounting_ui(ui: &mut Ui, ed: &mut Ed<'_>, label_id: Id, d: &mut Discounting) {
    const NAMES: [&str; 4] = [
        "Green Book (3.5 %)",
        "Green Book lower-rate test (3.0 %)",
        "One constant rate",
        "Undiscounted",
    ];
    let mut kind = match d {
        Discounting::GreenBook => 0,
        Discounting::GreenBookLowerRate => 1,
        Discounting::Constant(_) => 2,
        Discounting::Undiscounted => 3,
    };
    let resp = egui::ComboBox::from_id_salt("discounting")
        .width(220.0)
        .selected_text(NAMES[kind])
        .show_index(ui, &mut kind, 4, |i| NAMES[i])
        .labelled_by(label_id);
    if resp.changed() {
        *d = match kind {
            0 => Discounting::GreenBook,
            1 => Discounting::GreenBookLowerRate,
            2 => Discounting::Constant(Value::Point(0.035)),
            _ => Discounting::Undiscounted,
        };
        ed.step();
    }
    if let Discounting::Constant(r) = d {
        fields::value(ui, ed, label_id, r, Unit::Percent, "settings.discounting");
    }
}

/// The mitigation note kept on its own line of the summary.
pub fn mitigation_note(summary: &str) -> String {
    summary
        .lines()
        .find_map(|l| l.strip_prefix(MITIGATION_PREFIX))
        .unwrap_or_default()
        .to_owned()
}

/// Writes the mitigation note line into the summary (removing it when empty).
pub fn set_mitigation_note(summary: &mut String, note: &str) {
    let mut lines: Vec<String> = summary
        .lines()
        .filter(|l| !l.starts_with(MITIGATION_PREFIX))
        .map(str::to_owned)
        .collect();
    let note = note.replace('\n', " ");
    if !note.is_empty() {
        lines.push(format!("{MITIGATION_PREFIX}{note}"));
    }
    *summary = lines.join("\n");
}

/// Where each default assumption comes from (FACTS.md).
const ASSUMPTION_SOURCES: [(&str, &str, &str); 8] = [
    (
        "Months out of work",
        "Assumption: no UK figure for post-redundancy duration found. MG Rover 2005: 90 % in work three years on (University of Birmingham, 2008).",
        "Months unemployed after losing the job (central 9)",
    ),
    (
        "Wage scarring",
        "Gregory & Jukes, Economic Journal 2001: about 10 % lower pay on re-employment.",
        "Lower pay on re-employment, as a share of salary",
    ),
    (
        "Scarring years",
        "Gregory & Jukes, Economic Journal 2001: the pay gap fades over about 2 years.",
        "Years the lower pay lasts",
    ),
    (
        "Local multiplier",
        "Assumption; the HCA Additionality Guide (2014) applies a multiplier at local level — set it from there.",
        "Local spending lost per £ of lost earnings (1.3 = 30 % knock-on)",
    ),
    (
        "Wellbeing loss",
        "Layard & De Neve, Wellbeing: Science and Policy (2023), ch. 11; Clark et al. (2018): −0.7.",
        "Life-satisfaction points (0–10) lost per year unemployed",
    ),
    (
        "WELLBY value",
        "HM Treasury Wellbeing Guidance for Appraisal (2021): £13,000 per WELLBY (range £10,000–£16,000), 2019 prices.",
        "Pounds per point of life satisfaction for a year",
    ),
    (
        "Exchequer tax rate",
        "Income tax + employee and employer NI, 2025/26, on £24,000 = £6,050 (25 %), HM Treasury rates.",
        "Tax and NI lost per £ of lost earnings",
    ),
    (
        "Benefit per year",
        "Universal Credit standard allowance, single 25+, £424.90 a month from April 2026 (CPAG); housing costs excluded.",
        "Benefits paid per person per year out of work",
    ),
];

fn assumptions_ui(ui: &mut Ui, ed: &mut Ed<'_>, a: &mut Assumptions) {
    let defaults = Assumptions::default();
    let Assumptions {
        months_out_of_work,
        wage_scarring,
        scarring_years,
        local_multiplier,
        wellbeing_loss,
        wellby_value,
        exchequer_tax_rate,
        benefit_per_year,
        // Model 2: assumption notes are not edited here yet.
        notes: _,
    } = a;
    let values: [(&mut Value, Value, Unit, &str); 7] = [
        (
            months_out_of_work,
            defaults.months_out_of_work,
            Unit::Plain,
            "months_out_of_work",
        ),
        (
            wage_scarring,
            defaults.wage_scarring,
            Unit::Percent,
            "wage_scarring",
        ),
        (
            local_multiplier,
            defaults.local_multiplier,
            Unit::Plain,
            "local_multiplier",
        ),
        (
            wellbeing_loss,
            defaults.wellbeing_loss,
            Unit::Plain,
            "wellbeing_loss",
        ),
        (
            wellby_value,
            defaults.wellby_value,
            Unit::Money,
            "wellby_value",
        ),
        (
            exchequer_tax_rate,
            defaults.exchequer_tax_rate,
            Unit::Percent,
            "exchequer_tax_rate",
        ),
        (
            benefit_per_year,
            defaults.benefit_per_year,
            Unit::Money,
            "benefit_per_year",
        ),
    ];
    egui::Grid::new("assumptions_grid")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let mut values = values.into_iter();
            for (i, (name, source, hint)) in ASSUMPTION_SOURCES.iter().enumerate() {
                let path = format!("assumptions.{}", if i == 2 { "scarring_years" } else { "" });
                if i == 2 {
                    row(ui, name, hint, |ui, l| {
                        ui.horizontal(|ui| {
                            fields::whole(ui, ed, l, scarring_years, 0..=100, &path);
                            reset_button(ui, ed, scarring_years, defaults.scarring_years);
                        });
                        source_line(ui, source);
                    });
                    continue;
                }
                let Some((v, default, unit, field)) = values.next() else {
                    break;
                };
                row(ui, name, hint, |ui, l| {
                    ui.horizontal(|ui| {
                        fields::value(ui, ed, l, v, unit, &format!("assumptions.{field}"));
                        reset_button(ui, ed, v, default);
                    });
                    source_line(ui, source);
                });
            }
        });
}

fn reset_button<T: PartialEq>(ui: &mut Ui, ed: &mut Ed<'_>, v: &mut T, default: T) {
    let changed = *v != default;
    if ui
        .add_enabled(changed, egui::Button::new("Reset").small())
        .on_hover_text("Back to the published default")
        .clicked()
    {
        *v = default;
        ed.step();
    }
}

fn source_line(ui: &mut Ui, source: &str) {
    ui.add(
        egui::Label::new(
            RichText::new(format!("Source: {source}"))
                .small()
                .color(fields::weak(ui)),
        )
        .wrap(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mitigation_note_lives_on_its_own_summary_line() {
        let mut summary = "Claim: over £100m.".to_owned();
        set_mitigation_note(&mut summary, "supplier has run three such centres");
        assert_eq!(
            mitigation_note(&summary),
            "supplier has run three such centres"
        );
        assert!(summary.starts_with("Claim: over £100m.\n"));
        set_mitigation_note(&mut summary, "");
        assert_eq!(summary, "Claim: over £100m.");
    }

    #[test]
    fn quick_claim_sets_the_claim_flow() {
        let mut s = Scenario::new("T", 2014, 10);
        let done = apply_claim(&mut s, "£100m over 7 years", 2014).expect("claim");
        assert!(done.contains("£100.0m"), "{done}");
        assert_eq!(s.savings.len(), 1);
        assert!(s.savings[0].claim);
        assert_eq!(
            s.savings[0].profile,
            Profile::Spread {
                from: 2014,
                years: 7
            }
        );
        apply_claim(&mut s, "£28m a year from 2015", 2014).expect("claim");
        assert_eq!(
            s.savings.len(),
            1,
            "replaces the claim rather than adding a second one"
        );
        assert!(apply_claim(&mut s, "lots", 2014).is_err());
    }
}
