//! The referral report of a period: referrals sent in it by need, service, municipality and
//! status; the median days to acceptance and to completion; the share completed with an outcome;
//! how many are overdue; and the Migrant Service Centre's sessions held in it by topic, sex, age
//! group and municipality. Every count passes the small-cell rule (`drom_domain::disclosure`).

use super::Referrals;
use chrono::{DateTime, NaiveDate};
use drom_domain::disclosure::{one, suppress};
use drom_domain::permission::{Actor, Permission};
use drom_domain::spreadsheet::safe_cell;
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// One count of a breakdown; `count` is null when too small to publish.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Cell {
    pub key: String,
    pub count: Option<i64>,
}

/// The report of a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralsReport {
    pub from: String,
    pub to: String,
    pub referrals: Option<i64>,
    pub by_need: Vec<Cell>,
    pub by_service: Vec<Cell>,
    pub by_municipality: Vec<Cell>,
    pub by_status: Vec<Cell>,
    /// Median days from sending to acceptance, of those accepted (null under the threshold).
    pub median_days_to_acceptance: Option<f64>,
    pub median_days_to_completion: Option<f64>,
    pub completed: Option<i64>,
    /// Completed with an outcome, as a share of those closed (completed, failed, rejected).
    pub completed_with_outcome_share: Option<f64>,
    pub overdue: Option<i64>,
    pub sessions: Option<i64>,
    pub sessions_by_topic: Vec<Cell>,
    pub sessions_by_sex: Vec<Cell>,
    pub sessions_by_age_group: Vec<Cell>,
    pub sessions_by_municipality: Vec<Cell>,
    pub small_cell_threshold: i64,
    /// Some count is hidden.
    pub suppressed: bool,
}

type ReferralRow =
    (String, String, Option<String>, String, String, Option<String>, Option<String>, Option<String>, String);
type SessionRow = (String, Option<String>, Option<String>, Option<String>);

fn cells(counts: BTreeMap<String, i64>, t: i64) -> Vec<Cell> {
    let (keys, n): (Vec<String>, Vec<i64>) = counts.into_iter().unzip();
    keys.into_iter().zip(suppress(&n, t)).map(|(key, count)| Cell { key, count }).collect()
}

fn days(from: &str, to: &str) -> Option<f64> {
    let a = DateTime::parse_from_rfc3339(from).ok()?;
    let b = DateTime::parse_from_rfc3339(to).ok()?;
    Some((b - a).num_minutes() as f64 / (24.0 * 60.0))
}

/// The median of `v`, when at least `t` values make it.
fn median(mut v: Vec<f64>, t: i64) -> Option<f64> {
    if v.is_empty() || (v.len() as i64) < t {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    let x = if v.len().is_multiple_of(2) { (v[m - 1] + v[m]) / 2.0 } else { v[m] };
    Some((x * 10.0).round() / 10.0)
}

impl Referrals<'_> {
    /// The report of `from`..=`to`: of every agency (`None`, the command line's), or of the
    /// referrals an agency sent or received and the sessions it held.
    pub async fn referrals_report(
        &self,
        actor: Option<&Actor>,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<ReferralsReport, StoreError> {
        if let Some(a) = actor {
            a.require(Permission::RegistryRead)?;
        }
        let scope = actor.map(AgencyScope::of);
        let end = to.succ_opt().unwrap_or(to).to_string();
        let (ref_where, ses_where) = match &scope {
            Some(s) => (
                format!(" AND {}", s.party("r.sender_agency_id", "r.receiver_agency_id", 3)),
                format!(" AND {}", s.owned("", 3)),
            ),
            None => (String::new(), String::new()),
        };
        let mut params = vec![Param::S(from.to_string()), Param::S(end)];
        if let Some(s) = &scope {
            params.push(Param::I(s.agency()));
        }
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<ReferralRow> = sql!(
            &mut c,
            fetch_all,
            bind_params(
                sqlx::query_as::<_, ReferralRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT r.need, r.service_name, r.municipality_code, r.status, r.created_at, r.accepted_at, \
                 r.completed_at, r.outcome, r.due_on FROM referral r \
                 WHERE r.status <> 'draft' AND r.created_at >= $1 AND r.created_at < $2{ref_where}"
                ))),
                &params
            )
        )?;
        let sessions: Vec<SessionRow> = sql!(
            &mut c,
            fetch_all,
            bind_params(
                sqlx::query_as::<_, SessionRow>(sqlx::AssertSqlSafe(format!(
                    "SELECT topic, sex, age_group, municipality_code FROM msc_session \
                     WHERE held_on >= $1 AND held_on < $2{ses_where}"
                ))),
                &params
            )
        )?;
        let t = self.small_cell_threshold();
        let today = today.to_string();
        let mut need = BTreeMap::new();
        let mut service = BTreeMap::new();
        let mut municipality = BTreeMap::new();
        let mut status = BTreeMap::new();
        let (mut to_accept, mut to_complete) = (Vec::new(), Vec::new());
        let (mut completed, mut with_outcome, mut closed, mut overdue) = (0, 0, 0, 0);
        for (n, s, m, st, created, accepted, done, outcome, due) in &rows {
            *need.entry(n.clone()).or_insert(0) += 1;
            *service.entry(s.clone()).or_insert(0) += 1;
            *municipality.entry(m.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
            *status.entry(st.clone()).or_insert(0) += 1;
            if let Some(d) = accepted.as_deref().and_then(|a| days(created, a)) {
                to_accept.push(d);
            }
            if let Some(d) = done.as_deref().and_then(|a| days(created, a)) {
                to_complete.push(d);
            }
            if st == "completed" {
                completed += 1;
                if outcome.is_some() {
                    with_outcome += 1;
                }
            }
            if matches!(st.as_str(), "completed" | "failed" | "rejected") {
                closed += 1;
            }
            if st == "requested" && due.as_str() < today.as_str() {
                overdue += 1;
            }
        }
        let mut topic = BTreeMap::new();
        let mut sex = BTreeMap::new();
        let mut age = BTreeMap::new();
        let mut smun = BTreeMap::new();
        for (tp, sx, ag, m) in &sessions {
            *topic.entry(tp.clone()).or_insert(0) += 1;
            *sex.entry(sx.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
            *age.entry(ag.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
            *smun.entry(m.clone().unwrap_or_else(|| "unknown".into())).or_insert(0) += 1;
        }
        let share = (closed >= t.max(1)).then(|| ((with_outcome as f64 / closed as f64) * 1000.0).round() / 1000.0);
        let mut report = ReferralsReport {
            from: from.to_string(),
            to: to.to_string(),
            referrals: one(rows.len() as i64, t),
            by_need: cells(need, t),
            by_service: cells(service, t),
            by_municipality: cells(municipality, t),
            by_status: cells(status, t),
            median_days_to_acceptance: median(to_accept, t),
            median_days_to_completion: median(to_complete, t),
            completed: one(completed, t),
            completed_with_outcome_share: share,
            overdue: one(overdue, t),
            sessions: one(sessions.len() as i64, t),
            sessions_by_topic: cells(topic, t),
            sessions_by_sex: cells(sex, t),
            sessions_by_age_group: cells(age, t),
            sessions_by_municipality: cells(smun, t),
            small_cell_threshold: t,
            suppressed: false,
        };
        report.suppressed = report.breakdowns().iter().any(|(_, c)| c.iter().any(|x| x.count.is_none()))
            || report.referrals.is_none()
            || report.sessions.is_none();
        Ok(report)
    }
}

impl ReferralsReport {
    /// Every breakdown with its name.
    pub fn breakdowns(&self) -> Vec<(&'static str, &Vec<Cell>)> {
        vec![
            ("need", &self.by_need),
            ("service", &self.by_service),
            ("municipality", &self.by_municipality),
            ("status", &self.by_status),
            ("session_topic", &self.sessions_by_topic),
            ("session_sex", &self.sessions_by_sex),
            ("session_age_group", &self.sessions_by_age_group),
            ("session_municipality", &self.sessions_by_municipality),
        ]
    }

    fn figures(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<i64>| v.map_or_else(|| "hidden".into(), |x| x.to_string());
        let f = |v: Option<f64>| v.map_or_else(|| "hidden".into(), |x| x.to_string());
        vec![
            ("referrals", n(self.referrals)),
            ("completed", n(self.completed)),
            ("completed_with_outcome_share", f(self.completed_with_outcome_share)),
            ("median_days_to_acceptance", f(self.median_days_to_acceptance)),
            ("median_days_to_completion", f(self.median_days_to_completion)),
            ("overdue", n(self.overdue)),
            ("sessions", n(self.sessions)),
        ]
    }

    /// CSV: `section,key,count`, every text cell through `safe_cell`; a hidden count is empty.
    pub fn to_csv(&self) -> String {
        let q = |s: &str| format!("\"{}\"", safe_cell(s).replace('"', "\"\""));
        let mut out = String::from("section,key,count\n");
        for (name, value) in self.figures() {
            out.push_str(&format!("total,{},{}\n", q(name), if value == "hidden" { String::new() } else { value }));
        }
        for (section, cells) in self.breakdowns() {
            for c in cells {
                let n = c.count.map_or_else(String::new, |x| x.to_string());
                out.push_str(&format!("{},{},{n}\n", q(section), q(&c.key)));
            }
        }
        out
    }

    /// An XLSX workbook: the figures on a summary sheet, one sheet per breakdown (a hidden count
    /// is written as "hidden", never as a number).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, StoreError> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| StoreError::Corrupt(format!("writing XLSX: {e}"));
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let summary = book.add_worksheet().set_name("Summary").map_err(err)?;
        summary
            .write_string_with_format(0, 0, format!("Referrals {} to {}", self.from, self.to), &bold)
            .map_err(err)?;
        for (i, (name, value)) in self.figures().into_iter().enumerate() {
            let row = i as u32 + 2;
            summary.write_string(row, 0, name).map_err(err)?;
            match value.parse::<f64>() {
                Ok(n) => summary.write_number(row, 1, n).map_err(err)?,
                Err(_) => summary.write_string(row, 1, value).map_err(err)?,
            };
        }
        summary.set_column_width(0, 32).map_err(err)?;
        for (section, cells) in self.breakdowns() {
            let sheet = book.add_worksheet().set_name(section).map_err(err)?;
            sheet.write_string_with_format(0, 0, section, &bold).map_err(err)?;
            sheet.write_string_with_format(0, 1, "count", &bold).map_err(err)?;
            for (i, c) in cells.iter().enumerate() {
                let row = i as u32 + 1;
                sheet.write_string(row, 0, safe_cell(&c.key)).map_err(err)?;
                match c.count {
                    Some(n) => sheet.write_number(row, 1, n as f64).map_err(err)?,
                    None => sheet.write_string(row, 1, "hidden").map_err(err)?,
                };
            }
            sheet.set_column_width(0, 40).map_err(err)?;
        }
        book.save_to_buffer().map_err(err)
    }

    /// A plain text table for the terminal.
    pub fn to_table(&self) -> String {
        let mut out = format!("Referrals {} to {}\n", self.from, self.to);
        for (name, value) in self.figures() {
            out.push_str(&format!("  {name:<32} {value}\n"));
        }
        for (section, cells) in self.breakdowns() {
            out.push_str(&format!("\nby {section}\n"));
            for c in cells {
                let n = c.count.map_or_else(|| "hidden".into(), |x| x.to_string());
                out.push_str(&format!("  {:<40} {n:>8}\n", c.key));
            }
        }
        if self.suppressed {
            out.push_str(&format!("\nCounts under {} are hidden.\n", self.small_cell_threshold));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_need_enough_values() {
        assert_eq!(median(vec![3.0, 1.0, 2.0], 1), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0], 1), Some(2.5));
        assert_eq!(median(vec![1.0, 2.0], 5), None);
        assert_eq!(days("2026-11-01T00:00:00Z", "2026-11-03T12:00:00Z"), Some(2.5));
    }
}
