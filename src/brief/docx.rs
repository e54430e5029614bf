//! The briefing note as a Word document (`.docx`), written as
//! `WordprocessingML` by hand and zipped with the `zip` crate.
//!
//! Why not a docx crate: docx-rs 0.4 writes every picture as
//! `<wp:docPr id="1" name="Figure"/>`, with no description and the same id
//! each time, so a screen reader gets no alt text and Word may repair the
//! file. The parts a briefing needs (styles, one header and footer, paragraphs,
//! tables, inline pictures with alt text, caption fields) are a few hundred
//! lines of XML we control, checked by the tests against `LibreOffice`.

use std::fmt::Write as _;
use std::io::Write as _;

use super::summary::{chance, percent, sentences, social_cost_parts};
use super::{Pack, assumption_log, item_inputs};
use crate::chart::{self, Basis, ChartKind, Subject};
use crate::model;
use crate::report::{millions, pounds};

/// Why the document could not be put together.
#[derive(Debug, thiserror::Error)]
#[error("the Word document could not be put together ({0}); this is a bug, please report it")]
pub struct DocxError(String);

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> Self {
        Self(e.to_string())
    }
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        Self(e.to_string())
    }
}

/// The width of a briefing chart in the document: 16 cm, in EMU.
const CHART_WIDTH_EMU: u64 = 16 * 360_000;

/// Text safe inside XML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// A run of text.
fn run(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

/// A paragraph in `style` ("" for Normal).
fn para(style: &str, text: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
    };
    format!("<w:p>{ppr}{}</w:p>", run(text, false))
}

/// A numbered caption: "Table 2: …", with Word's own SEQ field so Word
/// renumbers and lists them.
fn caption(kind: &str, n: usize, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/><w:keepNext/></w:pPr>{}<w:fldSimple w:instr=\" SEQ {kind} \\* ARABIC \"><w:r><w:t>{n}</w:t></w:r></w:fldSimple>{}</w:p>",
        run(&format!("{kind} "), false),
        run(&format!(": {text}"), false)
    )
}

/// A table: a header row (repeated on each page) and rows; `widths` in
/// twentieths of a point; columns after the first right-aligned when `numeric`.
fn table(head: &[&str], rows: &[Vec<String>], widths: &[u32], numeric: bool) -> String {
    let mut o = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
    );
    for w in widths {
        let _ = write!(o, "<w:gridCol w:w=\"{w}\"/>");
    }
    o.push_str("</w:tblGrid>");
    let cell = |text: &str, col: usize, header: bool, w: u32, keep: bool| {
        let shade = if header {
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DDE4EE\"/>"
        } else {
            ""
        };
        let keep = if keep { "<w:keepNext/>" } else { "" };
        let align = if numeric && col > 0 {
            "<w:jc w:val=\"right\"/>"
        } else {
            ""
        };
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{shade}</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>{keep}{align}</w:pPr>{}</w:p></w:tc>",
            run(text, header)
        )
    };
    // A short table stays on one page with its caption: every row but the
    // last keeps with the next. A long one breaks, its header repeated.
    // (Short: few rows of little text, so it surely fits on a page.)
    let text: usize = rows.iter().flatten().map(String::len).sum();
    let short = rows.len() <= 16 && text <= 1200;
    o.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (i, h) in head.iter().enumerate() {
        o.push_str(&cell(h, i, true, widths[i], true));
    }
    o.push_str("</w:tr>");
    for (n, r) in rows.iter().enumerate() {
        let keep = short && n + 1 < rows.len();
        // A long table's rows may split across pages: a tall row that may
        // not would leave its caption alone at the foot of a page.
        o.push_str(if short {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for (i, c) in r.iter().enumerate() {
            o.push_str(&cell(c, i, false, widths[i.min(widths.len() - 1)], keep));
        }
        o.push_str("</w:tr>");
    }
    o.push_str("</w:tbl>");
    o
}

/// An inline picture with its alt text in `descr` (the "Alt Text" Word shows)
/// and a unique id.
fn picture(id: usize, rel: &str, name: &str, alt: &str, width_emu: u64, height_emu: u64) -> String {
    let alt = esc(alt);
    format!(
        "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{width_emu}\" cy=\"{height_emu}\"/><wp:docPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
<pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{width_emu}\" cy=\"{height_emu}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

/// The four briefing charts, in order: (kind, caption, chart).
pub fn charts(pack: &Pack) -> Vec<chart::Chart> {
    let subjects = [Subject {
        scenario: pack.scenario,
        results: &pack.results,
        file_name: &pack.file_name,
    }];
    let bars: Vec<chart::TornadoBar> = pack.tornado.iter().map(chart::TornadoBar::from).collect();
    let sources = chart::Sources {
        subjects: &subjects,
        basis: Basis::Discounted,
        tornado: &bars,
        monte_carlo: pack
            .monte_carlo
            .as_ref()
            .map(|m| (m, pack.scenario.settings.monte_carlo.draws)),
    };
    [
        ChartKind::Net,
        ChartKind::Waterfall,
        ChartKind::Distribution,
        ChartKind::Tornado,
    ]
    .into_iter()
    .filter_map(|k| k.chart(&sources))
    .collect()
}

/// What each chart shows, for its caption.
fn chart_caption(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Net => "Net savings against social cost, by year and cumulative (the headline)",
        ChartKind::Waterfall => "From the claimed saving to net social value, step by step (NPV)",
        ChartKind::Distribution => {
            "Monte Carlo range of cumulative net social value by year (fan chart)"
        }
        ChartKind::Tornado => {
            "What matters most: net social value with each uncertain input at its low and high"
        }
        ChartKind::Breakdown | ChartKind::Compare => "Chart",
    }
}

/// The method in a few paragraphs (docs/methodology.md, sections 1–12).
const METHOD: [&str; 5] = [
    "The option is appraised against carrying on as now, so every figure is the difference it makes. Three views are reported: the department (net savings: savings less the department's own costs), the UK (net social value: net savings less the social cost, with transfers that stay in the UK added back) and the Exchequer (net savings after lost tax and extra benefits).",
    "Amounts are in real terms at the price base year's prices and are discounted to present values with the HM Treasury Green Book's social time preference rate. Optimism bias is applied as the Green Book's supplementary guidance describes: costs are uplifted and savings cut by the file's percentages.",
    "The social cost of job losses counts the earnings displaced workers lose while out of work and afterwards (wage scarring), the local spending that goes with them (a local multiplier), and the loss of wellbeing valued in WELLBYs. Data risks count the expected harm to the people whose records are exposed; office closures count the extra cost to the public of reaching a more distant service.",
    "Fines and data breaches are counted at their expected value (probability times amount). Redundancy pay and regulatory fines are costs to the department but stay inside the UK, so net social value adds them back; benefits paid and tax lost are in the Exchequer view only.",
    "Uncertain inputs are given as ranges. The central result uses each input's central value; the Monte Carlo analysis draws every uncertain input together (with any correlations the file gives) to show the range of outcomes; the tornado moves one input at a time; the break-even finds the value of one input at which net social value is zero.",
];

/// What is deliberately not counted (docs/methodology.md, section 14).
const NOT_COUNTED: [&str; 8] = [
    "Sunk costs: money already spent is the same whichever option is chosen.",
    "Distributional weights: a pound lost by a low-paid worker counts the same as any other pound.",
    "The supplier's profit and the wider market: the supplier is outside the appraisal.",
    "Displacement abroad: jobs created overseas are not counted; the perspective is the UK's.",
    "Gains for people hired elsewhere in the UK, unless the file enters net jobs lost.",
    "Service quality, errors and the public's time, unless entered (for example as a public access cost).",
    "Reputational and security harms beyond the data risks entered, fraud, and the cost of bringing a service back in house.",
    "Pensions and TUPE terms beyond what is entered as costs.",
];

/// The whole document as `.docx` bytes.
pub fn document(pack: &Pack) -> Result<Vec<u8>, DocxError> {
    let s = pack.scenario;
    let r = &pack.results;
    let l = &r.lines;
    let mc = pack.monte_carlo.as_ref();
    let banner = s.marking.banner();
    let mut body = String::new();
    let mut tables = 0;
    let mut figures = 0;

    // Title block.
    body.push_str(&para("Title", &s.title));
    body.push_str(&para(
        "Meta",
        &format!(
            "Briefing note, {}. Made by Counterweight {} (model {}).",
            pack.date,
            env!("CARGO_PKG_VERSION"),
            model::MODEL
        ),
    ));
    body.push_str(&para("Meta", &format!("Scenario file: {}", pack.file_name)));
    body.push_str(&para("Meta", &format!("SHA-256: {}", pack.sha256)));
    if !s.author.is_empty() {
        body.push_str(&para("Meta", &format!("Prepared by: {}", s.author)));
    }

    // Summary.
    body.push_str(&para("Heading1", "Summary"));
    body.push_str(&para("Summary", &sentences(r, mc).join(" ")));
    if !s.summary.is_empty() {
        body.push_str(&para("Heading2", "Background (from the scenario file)"));
        body.push_str(&para("", &s.summary));
    }

    // Headline figures.
    body.push_str(&para("Heading1", "Headline figures"));
    tables += 1;
    body.push_str(&caption(
        "Table",
        tables,
        "The three perspectives: present value and cash",
    ));
    let hrow = |name: &str, npv: f64, cash: f64| vec![name.to_owned(), pounds(npv), pounds(cash)];
    let mut rows = vec![
        hrow(
            "Department: net savings",
            r.npv.net_savings,
            r.cash.net_savings,
        ),
        hrow("Social cost", r.npv.social_cost, r.cash.social_cost),
        hrow(
            "Transfers inside the UK (added back)",
            r.npv.transfers,
            r.cash.transfers,
        ),
        hrow(
            "UK: net social value",
            r.npv.net_social_value,
            r.cash.net_social_value,
        ),
        hrow("Exchequer: net", r.npv.exchequer_net, r.cash.exchequer_net),
    ];
    rows.push(vec![
        "Payback year".to_owned(),
        r.payback_year
            .map_or_else(|| "never".to_owned(), |y| y.to_string()),
        String::new(),
    ]);
    rows.push(vec![
        "Social cost per £1 of net savings".to_owned(),
        r.social_cost_per_pound_saved
            .map_or_else(|| "n/a".to_owned(), |x| format!("£{x:.2}")),
        String::new(),
    ]);
    rows.push(vec![
        "End of period: cumulative discounted net social value".to_owned(),
        pounds(
            l.cumulative_discounted_net_social_value
                .last()
                .copied()
                .unwrap_or(0.0),
        ),
        String::new(),
    ]);
    body.push_str(&table(
        &["", "Present value", "Cash"],
        &rows,
        &[5200, 2000, 2000],
        true,
    ));

    tables += 1;
    body.push_str(&caption(
        "Table",
        tables,
        "The social cost by part (present value)",
    ));
    let parts: Vec<Vec<String>> = social_cost_parts(r)
        .into_iter()
        .map(|(w, v)| vec![upper_first(w), pounds(v)])
        .collect();
    body.push_str(&table(
        &["Part", "Present value"],
        &parts,
        &[5200, 2000],
        true,
    ));

    if let Some(c) = &r.claim {
        tables += 1;
        body.push_str(&caption(
            "Table",
            tables,
            &format!(
                "Readings of the claim ({} claimed, {}–{})",
                pounds(c.claimed),
                c.first_year,
                c.last_year
            ),
        ));
        let rows: Vec<Vec<String>> =
            std::iter::once(vec!["Claimed".to_owned(), pounds(c.claimed), String::new()])
                .chain(c.readings.iter().map(|rd| {
                    vec![
                        upper_first(rd.reading.words()),
                        pounds(rd.modelled),
                        rd.ratio.map_or_else(|| "no ratio".to_owned(), percent),
                    ]
                }))
                .collect();
        body.push_str(&table(
            &["Reading", "Modelled", "Share of the claim"],
            &rows,
            &[5200, 2000, 2000],
            true,
        ));
    }

    // Year by year.
    body.push_str(&para("Heading1", "Year by year"));
    tables += 1;
    body.push_str(&caption(
        "Table",
        tables,
        "Year by year, £ million (real terms, undiscounted except the last column)",
    ));
    let rows: Vec<Vec<String>> = (0..l.horizon())
        .map(|t| {
            vec![
                r.year(t).to_string(),
                millions(l.net_savings[t]),
                millions(l.social_cost[t]),
                millions(l.transfers[t]),
                millions(l.net_social_value[t]),
                millions(l.exchequer_net[t]),
                millions(l.cumulative_discounted_net_social_value[t]),
            ]
        })
        .collect();
    body.push_str(&table(
        &[
            "Year",
            "Net savings",
            "Social cost",
            "Transfers",
            "Net social value",
            "Exchequer net",
            "Cumulative NSV (PV)",
        ],
        &rows,
        &[900, 1300, 1300, 1300, 1400, 1400, 1500],
        true,
    ));

    // Charts.
    body.push_str(&para("Heading1", "Charts"));
    let mut images: Vec<Vec<u8>> = Vec::new();
    let b = chart::BRIEFING;
    let height_emu = CHART_WIDTH_EMU * u64::from(b.height) / u64::from(b.width);
    for c in charts(pack) {
        let png =
            chart::png(&c, b.width, b.height, b.scale).map_err(|e| DocxError(e.to_string()))?;
        images.push(png);
        figures += 1;
        let rel = format!("rIdImage{figures}");
        let alt = c.alt_text_file().trim().to_owned();
        body.push_str(&picture(
            figures,
            &rel,
            &format!("Figure {figures}"),
            &alt,
            CHART_WIDTH_EMU,
            height_emu,
        ));
        body.push_str(&caption(
            "Figure",
            figures,
            &format!("{}. {}", chart_caption(c.kind), c.title),
        ));
    }
    if mc.is_none() {
        body.push_str(&para(
            "",
            "The fan chart needs a Monte Carlo run; the file asks for none.",
        ));
    }

    // Assumptions log.
    // The log is the annex a QA reviewer turns to: it starts a page (and
    // its first table then never leaves its caption behind).
    let _ = write!(
        body,
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr>{}</w:p>",
        run("Assumptions log", false)
    );
    tables += 1;
    body.push_str(&caption(
        "Table",
        tables,
        "Settings and assumptions: value, default, whether changed and why",
    ));
    let rows: Vec<Vec<String>> = assumption_log(s)
        .into_iter()
        .map(|a| {
            vec![
                a.name,
                a.value,
                a.default,
                if a.changed { "yes".into() } else { "no".into() },
                a.note,
            ]
        })
        .collect();
    body.push_str(&table(
        &["Assumption", "Value", "Default", "Changed", "Why (note)"],
        &rows,
        &[2100, 1500, 1200, 1100, 3300],
        false,
    ));
    tables += 1;
    body.push_str(&caption(
        "Table",
        tables,
        "Every item's inputs, with the note the file gives the item",
    ));
    let rows: Vec<Vec<String>> = item_inputs(pack)
        .into_iter()
        .map(|i| vec![i.label, i.values, i.note])
        .collect();
    body.push_str(&table(
        &["Item", "Inputs: value or range", "Source and note"],
        &rows,
        &[2400, 2800, 4000],
        false,
    ));
    if !s.sources.is_empty() {
        tables += 1;
        body.push_str(&caption("Table", tables, "Sources the scenario file gives"));
        let rows: Vec<Vec<String>> = s
            .sources
            .iter()
            .map(|src| {
                let who = [src.publisher.as_str(), src.date.as_str(), src.url.as_str()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![src.title.clone(), who, src.note.clone()]
            })
            .collect();
        body.push_str(&table(
            &["Source", "Publisher, date, address", "What it gives"],
            &rows,
            &[2800, 2000, 4400],
            false,
        ));
    }

    // Uncertainty.
    body.push_str(&para("Heading1", "Uncertainty and sensitivity"));
    if let Some(m) = mc {
        tables += 1;
        body.push_str(&caption(
            "Table",
            tables,
            &format!(
                "Monte Carlo: {} draws, seed {}; present values",
                super::summary::group(m.draws),
                m.seed
            ),
        ));
        let st = |name: &str, x: &crate::uncertainty::Stats| {
            vec![
                name.to_owned(),
                pounds(x.mean),
                pounds(x.p10),
                pounds(x.p50),
                pounds(x.p90),
            ]
        };
        let mut rows = vec![
            st("Net savings", &m.net_savings),
            st("Social cost", &m.social_cost),
            st("Net social value", &m.net_social_value),
            st("Exchequer net", &m.exchequer_net),
        ];
        rows.push(vec![
            "Chance net social value is positive".to_owned(),
            chance(m.probability_net_social_value_positive),
            String::new(),
            String::new(),
            String::new(),
        ]);
        body.push_str(&table(
            &["", "Mean", "P10", "P50", "P90"],
            &rows,
            &[3400, 1450, 1450, 1450, 1450],
            true,
        ));
    } else {
        body.push_str(&para(
            "",
            "Monte Carlo was not run: the file asks for no draws.",
        ));
    }
    if !pack.tornado.is_empty() {
        tables += 1;
        body.push_str(&caption("Table", tables, "What matters most: net social value (present value) with one input at its low and high, all else central"));
        let rows: Vec<Vec<String>> = pack
            .tornado
            .iter()
            .take(10)
            .map(|t| {
                vec![
                    t.label.clone(),
                    pounds(t.npv_at_low),
                    pounds(t.npv_at_high),
                    pounds(t.swing()),
                ]
            })
            .collect();
        body.push_str(&table(
            &["Input", "At its low", "At its high", "Swing"],
            &rows,
            &[4300, 1650, 1650, 1600],
            true,
        ));
    }
    body.push_str(&para("Heading2", "What has to be true"));
    match &pack.break_even {
        Some(be) => body.push_str(&para("", &be.sentence())),
        None => body.push_str(&para(
            "",
            "There are no savings in the file, so there is no break-even of a saving to find.",
        )),
    }

    // Method.
    body.push_str(&para("Heading1", "Method"));
    for m in METHOD {
        body.push_str(&para("", m));
    }
    body.push_str(&para("Heading2", "What is not counted"));
    for m in NOT_COUNTED {
        body.push_str(&para("ListBullet", m));
    }

    // QA box.
    body.push_str(&para("Heading1", "Quality assurance"));
    tables += 1;
    body.push_str(&caption("Table", tables, "Quality assurance"));
    let discounting = match s.settings.discounting {
        crate::scenario::Discounting::GreenBook => "HM Treasury Green Book social time preference rate: 3.5 % to year 30, 3.0 % to year 75, 2.5 % to year 125".to_owned(),
        crate::scenario::Discounting::GreenBookLowerRate => "Green Book lower-rate sensitivity test (February 2026 update): 3.00 %, 2.57 %, 2.14 %".to_owned(),
        crate::scenario::Discounting::Constant(v) => format!("a constant rate of {}", super::value_text(&v)),
        crate::scenario::Discounting::Undiscounted => "none (undiscounted)".to_owned(),
    };
    let qa = vec![
        vec!["Prepared by".to_owned(), if s.author.is_empty() { "not given in the file".to_owned() } else { s.author.clone() }],
        vec!["Scenario file".to_owned(), format!("{} (SHA-256 {})", pack.file_name, pack.sha256)],
        vec!["Counterweight".to_owned(), format!("version {}, model {}", env!("CARGO_PKG_VERSION"), model::MODEL)],
        vec!["Monte Carlo".to_owned(), mc.map_or_else(|| "not run".to_owned(), |m| format!("{} draws, seed {}", m.draws, m.seed))],
        vec!["Central values".to_owned(), s.settings.central.words().to_owned()],
        vec!["Discounting".to_owned(), discounting],
        vec!["Green Book edition".to_owned(), "The Green Book (HM Treasury, 2022 edition) with its February 2026 update; optimism bias from its supplementary guidance".to_owned()],
        vec!["Prices".to_owned(), format!("real terms, {} prices; years {}–{}", s.settings.price_base_year, r.start_year, r.year(l.horizon().saturating_sub(1)))],
        vec!["Working".to_owned(), "counterweight brief FILE --out NAME.xlsx writes the audit workbook: the same model as live formulas".to_owned()],
    ];
    body.push_str(&table(&["", ""], &qa, &[2400, 6800], false));
    if !r.warnings.is_empty() {
        body.push_str(&para("Heading2", "Warnings"));
        for w in &r.warnings {
            body.push_str(&para("ListBullet", w));
        }
    }

    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}\
<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1418\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let marking_para = |extra: &str| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Marking\"/></w:pPr>{}{extra}</w:p>",
            run(banner, true)
        )
    };
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>{}</w:hdr>",
        marking_para("")
    );
    let page = "<w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>";
    let footer = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}>{}</w:ftr>",
        marking_para(page)
    );

    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    );
    for i in 1..=images.len() {
        let _ = write!(
            rels,
            "<Relationship Id=\"rIdImage{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart{i}.png\"/>"
        );
    }
    rels.push_str("</Relationships>");

    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:description>{}</dc:description></cp:coreProperties>",
        esc(&s.title),
        esc(&s.author),
        esc(&format!("Counterweight briefing note; {banner}"))
    );

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let stored = opts.compression_method(zip::CompressionMethod::Stored);
    let mut put =
        |name: &str, bytes: &[u8], o: zip::write::SimpleFileOptions| -> Result<(), DocxError> {
            zip.start_file(name, o)?;
            zip.write_all(bytes)?;
            Ok(())
        };
    put("[Content_Types].xml", CONTENT_TYPES.as_bytes(), opts)?;
    put("_rels/.rels", ROOT_RELS.as_bytes(), opts)?;
    put("docProps/core.xml", core.as_bytes(), opts)?;
    put("word/document.xml", document.as_bytes(), opts)?;
    put("word/_rels/document.xml.rels", rels.as_bytes(), opts)?;
    put("word/styles.xml", STYLES.as_bytes(), opts)?;
    put("word/header1.xml", header.as_bytes(), opts)?;
    put("word/footer1.xml", footer.as_bytes(), opts)?;
    for (i, png) in images.iter().enumerate() {
        put(&format!("word/media/chart{}.png", i + 1), png, stored)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

/// Arial 11 pt (Liberation Sans where Arial is missing), GOV.UK-plain headings.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"200\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Meta\"><w:name w:val=\"Meta\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"40\"/></w:pPr><w:rPr><w:color w:val=\"505A5F\"/><w:sz w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"30\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Summary\"><w:name w:val=\"Summary\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"24\" w:space=\"8\" w:color=\"1D70B8\"/></w:pBdr><w:ind w:left=\"240\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"200\" w:after=\"80\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"240\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Marking\"><w:name w:val=\"Protective marking\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/></w:tblBorders>\
<w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            esc("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
    }
}
