//! Statistics of reports in a period: by ground, area of life, municipality, body, outcome and
//! month (the reporter's community only for a reader with the special-categories grant), and
//! the median days to acknowledgement and to outcome. Every count goes through
//! `drom_domain::disclosure`: under the threshold it is hidden, and where one hidden count could
//! be worked out from the total, another is hidden with it. The same figures make the public
//! page, the CSV, the HXL-tagged CSV, the XLSX workbook and `drom report discrimination`.

use super::Discrimination;
use super::outreach::Period;
use chrono::NaiveDate;
use drom_domain::disclosure::{one, suppress};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use utoipa::ToSchema;

/// The dimensions of the statistics, in the order they are shown. `community` is a special
/// category.
pub const DIMENSIONS: [&str; 7] = ["ground", "area", "municipality", "body", "outcome", "month", "community"];

/// One breakdown: each category with its count (`None`: hidden).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Breakdown {
    pub dimension: String,
    pub rows: Vec<(String, Option<i64>)>,
}

/// The statistics of a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Statistics {
    pub from: String,
    pub to: String,
    pub threshold: i64,
    /// Reports submitted in the period (hidden under the threshold).
    pub total: Option<i64>,
    pub breakdowns: Vec<Breakdown>,
    /// Median whole days from submission to the human acknowledgement (hidden with fewer
    /// reports than the threshold).
    pub median_days_to_acknowledgement: Option<i64>,
    pub median_days_to_outcome: Option<i64>,
}

fn median(mut v: Vec<i64>, threshold: i64) -> Option<i64> {
    if (v.len() as i64) < threshold.max(1) {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2])
}

impl Discrimination<'_> {
    /// The statistics of reports submitted in `period`; `with_community` adds the reporter's
    /// community (the caller checks the grant).
    pub async fn statistics(
        &self,
        period: &Period,
        today: NaiveDate,
        with_community: bool,
    ) -> Result<Statistics, StoreError> {
        let (from, to) = period.bounds(today)?;
        let threshold = self.limits().await?.threshold;
        let (lo, hi) = (from.to_string(), (to + chrono::Duration::days(1)).to_string());
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let total: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM discrimination_report WHERE submitted_at >= $1 AND submitted_at < $2"
            )
            .bind(&lo)
            .bind(&hi)
        )?;
        let mut breakdowns = Vec::new();
        for dimension in DIMENSIONS {
            let (select, join) = match dimension {
                "ground" => ("g.ground", "JOIN discrimination_report_ground g ON g.report_id = r.id"),
                "area" => ("r.area", ""),
                "municipality" => ("r.municipality_code", ""),
                "body" => ("a.name", "JOIN agency a ON a.id = r.agency_id"),
                "outcome" => ("COALESCE(r.outcome, 'open')", ""),
                "month" => ("SUBSTR(r.submitted_at, 1, 7)", ""),
                "community" if with_community => ("COALESCE(r.community, 'not_said')", ""),
                _ => continue,
            };
            let rows: Vec<(String, i64)> = sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(format!(
                    "SELECT {select} AS k, COUNT(*) FROM discrimination_report r {join} \
                     WHERE r.submitted_at >= $1 AND r.submitted_at < $2 GROUP BY {select} ORDER BY k"
                )))
                .bind(&lo)
                .bind(&hi)
            )?;
            let counts: Vec<i64> = rows.iter().map(|r| r.1).collect();
            // Grounds overlap (a report may name several), so their sum is not the total; each
            // breakdown is still suppressed as if it were, which hides at least as much.
            let shown = suppress(&counts, threshold);
            breakdowns.push(Breakdown {
                dimension: dimension.to_string(),
                rows: rows.into_iter().map(|r| r.0).zip(shown).collect(),
            });
        }
        let times: Vec<(String, Option<String>, Option<String>)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (String, Option<String>, Option<String>)>(
                "SELECT r.submitted_at, (SELECT MIN(e.at) FROM discrimination_event e WHERE e.report_id = r.id \
                 AND e.kind = 'acknowledged'), r.closed_at FROM discrimination_report r \
                 WHERE r.submitted_at >= $1 AND r.submitted_at < $2"
            )
            .bind(&lo)
            .bind(&hi)
        )?;
        let days = |a: &str, b: &str| {
            let (a, b) = (super::parse_time(a)?, super::parse_time(b)?);
            Some((b - a).num_days())
        };
        let to_ack: Vec<i64> = times.iter().filter_map(|(s, a, _)| days(s, a.as_deref()?)).collect();
        let to_outcome: Vec<i64> = times.iter().filter_map(|(s, _, k)| days(s, k.as_deref()?)).collect();
        Ok(Statistics {
            from: from.to_string(),
            to: to.to_string(),
            threshold,
            total: one(total, threshold),
            breakdowns,
            median_days_to_acknowledgement: median(to_ack, threshold),
            median_days_to_outcome: median(to_outcome, threshold),
        })
    }
}

impl Statistics {
    /// Long rows: dimension, category, count (empty when hidden), with the period.
    fn rows(&self) -> Vec<[String; 5]> {
        let cell = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut out = vec![[self.from.clone(), self.to.clone(), "total".into(), "all".into(), cell(self.total)]];
        for b in &self.breakdowns {
            for (k, n) in &b.rows {
                out.push([self.from.clone(), self.to.clone(), b.dimension.clone(), k.clone(), cell(*n)]);
            }
        }
        for (name, v) in [
            ("median_days_to_acknowledgement", self.median_days_to_acknowledgement),
            ("median_days_to_outcome", self.median_days_to_outcome),
        ] {
            out.push([self.from.clone(), self.to.clone(), name.into(), "all".into(), cell(v)]);
        }
        out
    }

    /// CSV; with `hxl`, the Humanitarian Exchange Language hashtags on the second row.
    pub fn csv(&self, hxl: bool) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["from", "to", "dimension", "category", "reports"]);
        if hxl {
            let _ = w.write_record([
                "#date+start",
                "#date+end",
                "#indicator+dimension",
                "#indicator+category",
                "#affected+num",
            ]);
        }
        for r in self.rows() {
            let r = r.map(|c| drom_domain::spreadsheet::safe_cell(&c).into_owned());
            let _ = w.write_record(&r);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// An XLSX workbook with the same rows.
    pub fn xlsx(&self) -> Result<Vec<u8>, String> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("discrimination").map_err(|e| e.to_string())?;
        for (col, h) in ["from", "to", "dimension", "category", "reports"].iter().enumerate() {
            sheet.write_string(0, col as u16, *h).map_err(|e| e.to_string())?;
        }
        for (i, r) in self.rows().iter().enumerate() {
            let row = i as u32 + 1;
            for (col, v) in r.iter().enumerate().take(4) {
                sheet.write_string(row, col as u16, v).map_err(|e| e.to_string())?;
            }
            if let Ok(n) = r[4].parse::<f64>() {
                sheet.write_number(row, 4, n).map_err(|e| e.to_string())?;
            }
        }
        book.save_to_buffer().map_err(|e| e.to_string())
    }
}
