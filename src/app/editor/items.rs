//! The scenario's lists — savings, costs, fines, jobs moved, office
//! closures, data risks, sources — each as a [`List`], and one field table
//! per item type: the rows the editor shows for an item, top to bottom.

use super::list::{Context, List};
use super::table::Field;
use crate::app::fields::{self, Unit};
use crate::scenario::{
    CivilService, DataRisk, Direction, Fine, Flow, JobMove, OfficeClosure, Profile, Source, Terms,
    Value,
};

pub const SAVINGS: List<Flow> = List {
    key: "savings",
    title: "Savings",
    noun: "saving",
    open: true,
    new: |y| Flow::new("New saving", 0.0, Profile::Annual { from: y, to: None }),
    name: |f| &f.label,
    fields: |f, _| flow_fields(f, true),
    amount: Some(|f| &mut f.amount),
};

pub const COSTS: List<Flow> = List {
    key: "costs",
    title: "Costs",
    noun: "cost",
    open: false,
    new: |y| Flow::new("New cost", 0.0, Profile::Once(y)),
    name: |f| &f.label,
    fields: |f, _| flow_fields(f, false),
    amount: Some(|f| &mut f.amount),
};

pub const FINES: List<Fine> = List {
    key: "fines",
    title: "Fines",
    noun: "fine",
    open: false,
    new: new_fine,
    name: |f| &f.label,
    fields: |f, _| fine_fields(f),
    amount: Some(|f| &mut f.amount),
};

pub const JOB_MOVES: List<JobMove> = List {
    key: "job_moves",
    title: "Jobs moved offshore",
    noun: "job move",
    open: false,
    new: new_job_move,
    name: |j| &j.label,
    fields: job_move_fields,
    amount: None,
};

pub const OFFICE_CLOSURES: List<OfficeClosure> = List {
    key: "office_closures",
    title: "Office closures",
    noun: "office closure",
    open: false,
    new: new_closure,
    name: |c| &c.label,
    fields: closure_fields,
    amount: None,
};

pub const DATA_RISKS: List<DataRisk> = List {
    key: "data_risks",
    title: "Data risk",
    noun: "data risk",
    open: false,
    new: new_data_risk,
    name: |r| &r.label,
    fields: |r, _| data_risk_fields(r),
    amount: None,
};

pub const SOURCES: List<Source> = List {
    key: "sources",
    title: "Sources",
    noun: "source",
    open: false,
    new: |_| Source::default(),
    name: |s| &s.title,
    fields: |s, _| source_fields(s),
    amount: None,
};

/// A saving (`is_saving`) or a cost.
fn flow_fields(f: &mut Flow, is_saving: bool) -> Vec<Field<'_>> {
    let Flow {
        label,
        amount,
        profile,
        growth,
        nominal,
        claim,
        note,
    } = f;
    let hint = if is_saving {
        "Pounds, in the price-base year's prices; negative for a saving that reverses"
    } else {
        "Pounds, in the price-base year's prices"
    };
    let mut rows = vec![
        Field::label(label),
        Field::value("Amount", hint, "amount", amount, Unit::Money),
        Field::profile(profile),
        Field::value(
            "Real growth a year",
            "Growth in real terms each year, from the profile's first year",
            "growth",
            growth,
            Unit::Percent,
        ),
        Field::check(
            "Cash terms",
            nominal,
            "the amount is in cash (nominal) terms: deflate by inflation",
        ),
    ];
    if is_saving {
        rows.push(Field::check(
            "Claim",
            claim,
            "part of the department's headline claim",
        ));
    }
    rows.push(Field::note(note));
    rows
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

fn fine_fields(f: &mut Fine) -> Vec<Field<'_>> {
    let Fine {
        label,
        amount,
        profile,
        probability,
        direction,
        note,
    } = f;
    vec![
        Field::label(label),
        Field::value(
            "Amount",
            "Pounds each time the fine is due",
            "amount",
            amount,
            Unit::Money,
        ),
        Field::profile(profile),
        Field::value(
            "Probability",
            "Chance the fine is due in a year (counted as probability × amount)",
            "probability",
            probability,
            Unit::Percent,
        ),
        Field::custom("Who pays", "", "direction", |ui, ed, l, path| {
            let id = ui.make_persistent_id(path);
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
        }),
        Field::note(note),
    ]
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

fn job_move_fields<'a>(j: &'a mut JobMove, cx: &Context) -> Vec<Field<'a>> {
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
    let redundancy = redundancy_field(redundancy_months, redundancy, salary.central());
    vec![
        Field::label(label),
        Field::value(
            "Jobs",
            "UK jobs lost (moved offshore or cut)",
            "jobs",
            jobs,
            Unit::Count,
        ),
        Field::year("Year", "The year the jobs go", "year", year),
        Field::value(
            "Salary",
            "Average gross salary of the jobs, pounds a year",
            "salary",
            salary,
            Unit::Money,
        ),
        redundancy,
        Field::local_multiplier(local_multiplier, cx.multiplier),
        Field::note(note),
    ]
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

fn closure_fields<'a>(c: &'a mut OfficeClosure, cx: &Context) -> Vec<Field<'a>> {
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
        redundancy_months,
        redundancy,
        local_multiplier,
        note,
    } = c;
    let redundancy = redundancy_field(redundancy_months, redundancy, salary.central());
    vec![
        Field::label(label),
        Field::value(
            "Offices",
            "Number of offices closed",
            "offices",
            offices,
            Unit::Count,
        ),
        Field::year("Year", "The year they close", "year", year),
        Field::value(
            "Running cost per office",
            "Saved every year after closure, pounds a year",
            "running_cost_per_office",
            running_cost_per_office,
            Unit::Money,
        ),
        Field::value(
            "Closure cost per office",
            "One-off, in the closure year",
            "closure_cost_per_office",
            closure_cost_per_office,
            Unit::Money,
        ),
        Field::value(
            "Jobs lost",
            "Staff who lose their jobs",
            "jobs_lost",
            jobs_lost,
            Unit::Count,
        ),
        Field::value(
            "Salary",
            "Average gross salary of the jobs lost, pounds a year",
            "salary",
            salary,
            Unit::Money,
        ),
        redundancy,
        Field::value(
            "Staff relocated",
            "Staff who move with the work",
            "staff_relocated",
            staff_relocated,
            Unit::Count,
        ),
        Field::value(
            "Relocation cost per person",
            "One-off, in the closure year",
            "relocation_cost_per_person",
            relocation_cost_per_person,
            Unit::Money,
        ),
        Field::value(
            "Public access cost a year",
            "Extra travel and time for the public after closure, pounds a year",
            "public_access_cost",
            public_access_cost,
            Unit::Money,
        ),
        Field::local_multiplier(local_multiplier, cx.multiplier),
        Field::note(note),
    ]
}

/// How redundancy pay is entered: months of pay, or the Civil Service
/// Compensation Scheme (terms and years of service), with the months the
/// scheme gives shown beside it.
fn redundancy_field<'a>(
    months: &'a mut Value,
    scheme: &'a mut Option<CivilService>,
    salary: f64,
) -> Field<'a> {
    Field::custom(
        "Redundancy pay",
        "Paid by the department to the staff who leave: a transfer inside the UK, \
         counted in the department's net savings and added back in net social value",
        "redundancy",
        move |ui, ed, l, path| {
            let mut by_scheme = scheme.is_some();
            let id = ui.make_persistent_id((path, "by"));
            let before = by_scheme;
            fields::choice_part(
                ui,
                ed,
                l,
                id,
                &mut by_scheme,
                &[
                    (true, "Civil Service Compensation Scheme"),
                    (false, "Months of pay"),
                ],
                "worked out by",
            );
            if by_scheme != before {
                *scheme = by_scheme.then_some(CivilService {
                    terms: Terms::Voluntary,
                    service_years: Value::Point(10.0),
                });
            }
            match scheme {
                Some(cs) => {
                    ui.horizontal(|ui| {
                        ui.label("Terms");
                        let id = ui.make_persistent_id((path, "terms"));
                        fields::choice_part(
                            ui,
                            ed,
                            l,
                            id,
                            &mut cs.terms,
                            &[
                                (Terms::Voluntary, "Voluntary (at most 21 months)"),
                                (Terms::Compulsory, "Compulsory (at most 12 months)"),
                            ],
                            "terms",
                        );
                    });
                    ui.label("Years of service");
                    // Its own field for its name: "… — redundancy pay, years of service".
                    ed.field.push_str(", years of service");
                    fields::value(
                        ui,
                        ed,
                        l,
                        &mut cs.service_years,
                        Unit::Plain,
                        &format!("{path}.service_years"),
                    );
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(scheme_words(cs, salary))
                                .small()
                                .color(fields::weak(ui)),
                        )
                        .wrap(),
                    );
                }
                None => {
                    fields::value(ui, ed, l, months, Unit::Plain, &format!("{path}_months"));
                }
            }
        },
    )
}

/// "Gives 10 months' pay (of at most 21), on pay of £24,000" for the
/// central years of service.
pub fn scheme_words(cs: &CivilService, salary: f64) -> String {
    let years = cs.service_years.central();
    let cap = cs.terms.cap_months();
    let months = years.clamp(0.0, cap);
    let pay = salary.clamp(CivilService::PAY_FLOOR, CivilService::PAY_CEILING);
    let months_text = if months.fract() == 0.0 {
        format!("{months:.0}")
    } else {
        format!("{months:.1}")
    };
    let pay_note = if (pay - salary).abs() > 0.5 {
        format!(
            ", on pay of {} (the scheme counts pay between £23,000 and £149,820)",
            Unit::Money.format(pay)
        )
    } else {
        String::new()
    };
    format!(
        "Gives {months_text} months' pay (one a year of service, at most {cap:.0}){pay_note}, \
         at the central years of service."
    )
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

fn data_risk_fields(r: &mut DataRisk) -> Vec<Field<'_>> {
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
    // Unticking "to the end" makes the risk end in its first year.
    let first = *from;
    vec![
        Field::label(label),
        Field::value(
            "Records",
            "Sensitive records handled",
            "records",
            records,
            Unit::Count,
        ),
        Field::year("From", "First year the risk is live", "from", from),
        Field::new(
            "To",
            "Last year the risk is live",
            "to",
            super::table::Input::EndYear(to, first),
        ),
        Field::value(
            "Chance of a breach a year",
            "Annual probability of a breach",
            "annual_probability",
            annual_probability,
            Unit::Percent,
        ),
        Field::value(
            "Share exposed",
            "Share of records exposed in a breach",
            "exposed_share",
            exposed_share,
            Unit::Percent,
        ),
        Field::value(
            "Harm per record",
            "Pounds of harm per exposed record (~£150 for ordinary breaches; scale down for very large sets)",
            "harm_per_record",
            harm_per_record,
            Unit::Money,
        ),
        Field::value(
            "Regulatory fine",
            "Paid by the department if a breach happens; UK GDPR maximum £17.5m or 4 % of turnover",
            "regulatory_fine",
            regulatory_fine,
            Unit::Money,
        ),
        Field::note(note),
    ]
}

fn source_fields(s: &mut Source) -> Vec<Field<'_>> {
    let Source {
        title,
        publisher,
        date,
        url,
        note,
    } = s;
    vec![
        Field::text("Title", "", "title", title),
        Field::text("Publisher", "", "publisher", publisher),
        Field::text("Date", "", "date", date),
        Field::text("Web address", "", "url", url),
        Field::note(note),
    ]
}
