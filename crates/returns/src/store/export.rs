//! The period report as files and text: CSV (one line per cell, for spreadsheets and other
//! systems), XLSX (one sheet per breakdown, with a chart of returns by host country), and a
//! plain table for the terminal. All three are built from the same list of sections, so they
//! always say the same thing.

use super::report::{Cell, ReturnsReport};
use crate::domain::Cents;
use drom_domain::spreadsheet::safe_cell;
use drom_store::error::StoreError;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};

pub use drom_domain::spreadsheet::XLSX_MEDIA_TYPE;

/// The breakdowns of a report, titled, in report order.
pub fn sections(r: &ReturnsReport) -> Vec<(&'static str, &'static str, &[Cell])> {
    let mut v: Vec<(&'static str, &'static str, &[Cell])> = vec![
        ("host_country", "Returns by host country", &r.by_host_country),
        ("transport", "Returns by transport", &r.by_transport),
        ("return_type", "Returns by return type", &r.by_return_type),
        ("district", "Returns by district of destination", &r.by_district),
        ("municipality", "Returns by municipality of destination", &r.by_municipality),
        ("programme", "Returns by programme", &r.by_programme),
        ("sex", "Returnees by sex", &r.by_sex),
        ("age_group", "Returnees by age group on return", &r.by_age_group),
    ];
    if let Some(c) = &r.by_community {
        v.push(("community", "Returnees by community", c));
    }
    v
}

fn euros(cents: i64) -> String {
    let s = Cents(cents).to_string();
    s.trim_end_matches(" EUR").to_string()
}

/// A count as published: the number, or `<5` (the threshold) when it is hidden.
fn shown(n: Option<i64>, threshold: i64) -> String {
    n.map_or_else(|| format!("<{threshold}"), |n| n.to_string())
}

/// An amount as published, in euro, or `hidden`.
fn shown_euros(cents: Option<i64>) -> String {
    cents.map_or_else(|| "hidden".to_string(), euros)
}

/// CSV with the columns `section,key,label,persons,cases,disbursements,disbursed_eur,committed_eur`.
/// Keys and labels come from reference data and programmes that administrators type, so each is
/// written as a cell no spreadsheet runs; the counts and amounts are Drom's own numbers.
pub fn to_csv(r: &ReturnsReport) -> Result<String, StoreError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| StoreError::Corrupt(format!("writing CSV: {e}"));
    w.write_record(["section", "key", "label", "persons", "cases", "disbursements", "disbursed_eur", "committed_eur"])
        .map_err(io)?;
    let period = format!("{} to {}", r.from, r.to);
    w.write_record(["total", "returns", period.as_str(), &r.returns.to_string(), &r.cases.to_string(), "", "", ""])
        .map_err(io)?;
    for (section, _, cells) in sections(r) {
        for c in cells {
            w.write_record([
                section,
                &safe_cell(&c.key),
                &safe_cell(&c.label),
                &shown(c.persons, r.small_cell_threshold),
                &shown(c.cases, r.small_cell_threshold),
                "",
                "",
                "",
            ])
            .map_err(io)?;
        }
    }
    for a in &r.assistance {
        let kind = safe_cell(&a.assistance_kind);
        w.write_record([
            "assistance",
            &kind,
            &kind,
            "",
            "",
            &shown(a.disbursements, r.small_cell_threshold),
            &shown_euros(a.disbursed_cents),
            &shown_euros(a.committed_cents),
        ])
        .map_err(io)?;
    }
    for (key, n) in [("direct", r.direct_beneficiaries), ("indirect", r.indirect_beneficiaries)] {
        w.write_record(["beneficiaries", key, key, &shown(n, r.small_cell_threshold), "", "", "", ""]).map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| StoreError::Corrupt(format!("writing CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// An aligned text table for the terminal.
pub fn to_table(r: &ReturnsReport) -> String {
    let mut out =
        format!("Returns that arrived from {} to {}: {} persons in {} cases\n", r.from, r.to, r.returns, r.cases);
    for (_, title, cells) in sections(r) {
        out.push_str(&format!("\n{title}\n"));
        let width = cells.iter().map(|c| c.label.chars().count()).max().unwrap_or(0).max(8);
        // Breakdowns of returnees (sex, age, community) count persons only.
        let per_case = cells.iter().any(|c| c.cases != Some(0));
        let t = r.small_cell_threshold;
        for c in cells {
            out.push_str(&format!("  {:<width$}  {:>7} persons", c.label, shown(c.persons, t)));
            if per_case {
                out.push_str(&format!("  {:>6} cases", shown(c.cases, t)));
            }
            out.push('\n');
        }
    }
    out.push_str("\nAssistance in the period\n");
    if r.assistance.is_empty() {
        out.push_str("  none\n");
    }
    for a in &r.assistance {
        out.push_str(&format!(
            "  {:<22} {:>5} payments  {:>14} paid  {:>14} committed\n",
            a.assistance_kind,
            shown(a.disbursements, r.small_cell_threshold),
            a.disbursed_cents.map_or_else(|| "hidden".to_string(), |c| Cents(c).to_string()),
            a.committed_cents.map_or_else(|| "hidden".to_string(), |c| Cents(c).to_string())
        ));
    }
    out.push_str(&format!(
        "\nBeneficiaries of assistance paid in the period: {} direct, {} indirect\n",
        shown(r.direct_beneficiaries, r.small_cell_threshold),
        shown(r.indirect_beneficiaries, r.small_cell_threshold)
    ));
    if r.suppressed {
        out.push_str(&format!(
            "\nCounts under {} are shown as <{}, and so is any count they could be worked out from.\n",
            r.small_cell_threshold, r.small_cell_threshold
        ));
    }
    out
}

/// An XLSX workbook: a summary sheet, one sheet per breakdown, and the assistance.
pub fn to_xlsx(r: &ReturnsReport) -> Result<Vec<u8>, StoreError> {
    let err = |e: rust_xlsxwriter::XlsxError| StoreError::Corrupt(format!("writing XLSX: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let summary = book.add_worksheet().set_name("Summary").map_err(err)?;
    summary.write_string_with_format(0, 0, "Returns report", &bold).map_err(err)?;
    let rows: [(&str, String); 6] = [
        ("From", r.from.clone()),
        ("To", r.to.clone()),
        ("Returnees (persons)", r.returns.to_string()),
        ("Cases", r.cases.to_string()),
        ("Direct beneficiaries", shown(r.direct_beneficiaries, r.small_cell_threshold)),
        ("Indirect beneficiaries", shown(r.indirect_beneficiaries, r.small_cell_threshold)),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        summary.write_string(row, 0, *k).map_err(err)?;
        match v.parse::<f64>() {
            Ok(n) if i >= 2 => summary.write_number(row, 1, n).map_err(err)?,
            _ => summary.write_string(row, 1, v).map_err(err)?,
        };
    }
    summary.set_column_width(0, 26).map_err(err)?;
    for (section, title, cells) in sections(r) {
        let sheet = book.add_worksheet().set_name(section).map_err(err)?;
        sheet.write_string_with_format(0, 0, title, &bold).map_err(err)?;
        for (col, h) in ["Code", "Name", "Persons", "Cases"].iter().enumerate() {
            sheet.write_string_with_format(2, col as u16, *h, &bold).map_err(err)?;
        }
        for (i, c) in cells.iter().enumerate() {
            let row = i as u32 + 3;
            sheet.write_string(row, 0, &c.key).map_err(err)?;
            sheet.write_string(row, 1, &c.label).map_err(err)?;
            for (col, n) in [(2, c.persons), (3, c.cases)] {
                match n {
                    Some(n) => sheet.write_number(row, col, n as f64).map_err(err)?,
                    None => sheet.write_string(row, col, shown(None, r.small_cell_threshold)).map_err(err)?,
                };
            }
        }
        sheet.set_column_width(1, 32).map_err(err)?;
        if section == "host_country" && !cells.is_empty() {
            let last = cells.len() as u32 + 2;
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((section, 3, 1, last, 1))
                .set_values((section, 3, 2, last, 2))
                .set_name("Persons");
            chart.title().set_name(title);
            chart.legend().set_hidden();
            sheet.insert_chart(2, 5, &chart).map_err(err)?;
        }
    }
    let sheet = book.add_worksheet().set_name("assistance").map_err(err)?;
    sheet.write_string_with_format(0, 0, "Assistance in the period (EUR)", &bold).map_err(err)?;
    for (col, h) in ["Kind", "Payments", "Paid", "Committed"].iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &bold).map_err(err)?;
    }
    for (i, a) in r.assistance.iter().enumerate() {
        let row = i as u32 + 3;
        sheet.write_string(row, 0, &a.assistance_kind).map_err(err)?;
        match (a.disbursements, a.disbursed_cents, a.committed_cents) {
            (Some(n), Some(paid), Some(committed)) => {
                sheet.write_number(row, 1, n as f64).map_err(err)?;
                sheet.write_number_with_format(row, 2, Cents(paid).euros(), &money).map_err(err)?;
                sheet.write_number_with_format(row, 3, Cents(committed).euros(), &money).map_err(err)?;
            }
            _ => {
                sheet.write_string(row, 1, shown(None, r.small_cell_threshold)).map_err(err)?;
            }
        }
    }
    sheet.set_column_width(0, 24).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
