//! Monthly tallies behind the period report. The same grouped queries count arrivals, returnees,
//! ledger entries and beneficiaries either straight from the rows (for a report's partial first
//! and last months) or into `return_tally` (for whole months). A change refreshes its month's
//! tallies from the rows in its own transaction, so tallies never drift from what they count.

use super::Returns;
use chrono::{Datelike, NaiveDate};
use drom_store::db::{Conn, Dialect};
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;

/// One tally: dimension, key, persons, cases (or entries), amount in cents.
pub type TallyRow = (String, String, i64, i64, i64);

/// The grouped queries, each giving `agency_id, month, dimension, tally_key, persons, cases,
/// amount_cents` for rows dated from `$1` to `$2` (days, both included), within `{within}` (and
/// `{within_k}` for the case table aliased `k`): see `within`.
const PARTS: &[&str] = &[
    "SELECT agency_id, substr(arrived_on, 1, 7) AS month, 'host_country' AS dimension, host_country AS tally_key, \
     CAST(SUM(individuals) AS BIGINT) AS persons, COUNT(*) AS cases, CAST(0 AS BIGINT) AS amount_cents FROM return_case \
     WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} GROUP BY agency_id, substr(arrived_on, 1, 7), host_country",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'transport', COALESCE(transport, 'unknown'), CAST(SUM(individuals) AS BIGINT), COUNT(*), \
     CAST(0 AS BIGINT) FROM return_case WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} \
     GROUP BY agency_id, substr(arrived_on, 1, 7), COALESCE(transport, 'unknown')",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'return_type', return_type, CAST(SUM(individuals) AS BIGINT), COUNT(*), CAST(0 AS BIGINT) \
     FROM return_case WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} \
     GROUP BY agency_id, substr(arrived_on, 1, 7), return_type",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'municipality', COALESCE(destination_municipality, 'unknown'), \
     CAST(SUM(individuals) AS BIGINT), COUNT(*), CAST(0 AS BIGINT) FROM return_case \
     WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} \
     GROUP BY agency_id, substr(arrived_on, 1, 7), COALESCE(destination_municipality, 'unknown')",
    "SELECT k.agency_id, substr(k.arrived_on, 1, 7), 'programme', COALESCE(g.code, 'none'), CAST(SUM(k.individuals) AS BIGINT), \
     COUNT(*), CAST(0 AS BIGINT) FROM return_case k LEFT JOIN programme g ON g.id = k.programme_id \
     WHERE k.arrived_on >= $1 AND k.arrived_on <= $2 AND {within_k} \
     GROUP BY k.agency_id, substr(k.arrived_on, 1, 7), COALESCE(g.code, 'none')",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'sex', sex, COUNT(*), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM return_member \
     WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} GROUP BY agency_id, substr(arrived_on, 1, 7), sex",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'age_group', CASE WHEN age_at_return IS NULL THEN 'unknown' \
     WHEN age_at_return < 18 THEN '0-17' WHEN age_at_return < 35 THEN '18-34' WHEN age_at_return < 60 THEN '35-59' ELSE '60+' END, \
     COUNT(*), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM return_member \
     WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} GROUP BY agency_id, substr(arrived_on, 1, 7), \
     CASE WHEN age_at_return IS NULL THEN 'unknown' WHEN age_at_return < 18 THEN '0-17' WHEN age_at_return < 35 THEN '18-34' \
     WHEN age_at_return < 60 THEN '35-59' ELSE '60+' END",
    "SELECT agency_id, substr(arrived_on, 1, 7), 'community', COALESCE(community_code, 'unknown'), COUNT(*), CAST(0 AS BIGINT), \
     CAST(0 AS BIGINT) FROM return_member WHERE arrived_on >= $1 AND arrived_on <= $2 AND {within} \
     GROUP BY agency_id, substr(arrived_on, 1, 7), COALESCE(community_code, 'unknown')",
    "SELECT agency_id, substr(entry_on, 1, 7), kind, assistance_kind, CAST(0 AS BIGINT), COUNT(*), CAST(SUM(amount_cents) AS BIGINT) \
     FROM ledger_entry WHERE entry_on >= $1 AND entry_on <= $2 AND {within} \
     GROUP BY agency_id, substr(entry_on, 1, 7), kind, assistance_kind",
    "SELECT k.agency_id, substr(i.first_paid_on, 1, 7), 'beneficiaries', 'direct', CAST(SUM(i.direct_beneficiaries) AS BIGINT), \
     COUNT(*), CAST(0 AS BIGINT) FROM plan_item i JOIN return_case k ON k.id = i.case_id \
     WHERE i.first_paid_on >= $1 AND i.first_paid_on <= $2 AND {within_k} \
     GROUP BY k.agency_id, substr(i.first_paid_on, 1, 7)",
    "SELECT k.agency_id, substr(i.first_paid_on, 1, 7), 'beneficiaries', 'indirect', CAST(SUM(i.indirect_beneficiaries) AS BIGINT), \
     COUNT(*), CAST(0 AS BIGINT) FROM plan_item i JOIN return_case k ON k.id = i.case_id \
     WHERE i.first_paid_on >= $1 AND i.first_paid_on <= $2 AND {within_k} \
     GROUP BY k.agency_id, substr(i.first_paid_on, 1, 7)",
];

type Counted = (i64, String, String, String, i64, i64, i64);

/// The parameters of a period query: its first and last day (or month), and the agency when the
/// query is for one.
fn period_params(from: &str, to: &str, scope: Option<AgencyScope>) -> Vec<Param> {
    let mut params = vec![Param::S(from.to_string()), Param::S(to.to_string())];
    params.extend(scope.map(|s| Param::I(s.agency())));
    params
}

/// A query of `PARTS` (or another with `{within}`) for the records `scope` owns, with its agency as
/// `$3`; for every agency (`None`: the command line's report, a rebuild) no condition and no third
/// parameter.
fn within(part: &str, scope: Option<AgencyScope>) -> String {
    let (plain, k) = match scope {
        Some(s) => (s.owned("", 3), s.owned("k", 3)),
        None => ("1 = 1".to_string(), "1 = 1".to_string()),
    };
    part.replace("{within_k}", &k).replace("{within}", &plain)
}

/// Counts straight from the rows dated from `from` to `to` (days).
pub(crate) async fn from_rows(
    c: &mut Conn<'_>,
    from: &str,
    to: &str,
    scope: Option<AgencyScope>,
) -> Result<Vec<TallyRow>, StoreError> {
    let mut out = Vec::new();
    for part in PARTS {
        let q = within(part, scope);
        let params = period_params(from, to, scope);
        let rows: Vec<Counted> =
            sql!(c, fetch_all, bind_params(sqlx::query_as::<_, Counted>(sqlx::AssertSqlSafe(q.clone())), &params))?;
        out.extend(rows.into_iter().map(|(_, _, d, k, p, n, a)| (d, k, p, n, a)));
    }
    Ok(out)
}

/// The stored tallies of the whole months from `from` to `to` (YYYY-MM).
pub(crate) async fn from_months(
    c: &mut Conn<'_>,
    from: &str,
    to: &str,
    scope: Option<AgencyScope>,
) -> Result<Vec<TallyRow>, StoreError> {
    let q = within(
        "SELECT dimension, tally_key, CAST(SUM(persons) AS BIGINT), CAST(SUM(cases) AS BIGINT), CAST(SUM(amount_cents) AS BIGINT) \
         FROM return_tally WHERE month >= $1 AND month <= $2 AND {within} GROUP BY dimension, tally_key",
        scope,
    );
    let params = period_params(from, to, scope);
    Ok(sql!(c, fetch_all, bind_params(sqlx::query_as::<_, TallyRow>(sqlx::AssertSqlSafe(q.clone())), &params))?)
}

/// The first and last day of the month of `day` (YYYY-MM-DD).
fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let last = first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(day);
    (first, last)
}

/// Recounts one agency's month (the month of `day`) into `return_tally`, on the caller's
/// transaction.
pub(crate) async fn refresh(c: &mut Conn<'_>, scope: AgencyScope, day: &str) -> Result<(), StoreError> {
    let Ok(day) = day.parse::<NaiveDate>() else { return Ok(()) };
    let agency = scope.agency();
    if c.dialect() == Dialect::Postgres {
        // Two writers recounting the same month would both insert its rows: one waits.
        sql!(c, execute, sqlx::query("SELECT id FROM agency WHERE id = $1 FOR UPDATE").bind(agency))?;
    }
    let (first, last) = month_bounds(day);
    let month = &first.to_string()[..7];
    sql!(
        c,
        execute,
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM return_tally WHERE month = $1 AND {}",
            scope.owned("", 2)
        )))
        .bind(month)
        .bind(agency)
    )?;
    for part in PARTS {
        let q = format!(
            "INSERT INTO return_tally (agency_id, month, dimension, tally_key, persons, cases, amount_cents) {}",
            within(part, Some(scope))
        );
        sql!(
            c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(q)).bind(first.to_string()).bind(last.to_string()).bind(agency)
        )?;
    }
    Ok(())
}

/// A period cut into its partial first month, its whole months, and its partial last month.
pub(crate) struct Cut {
    pub head: Option<(String, String)>,
    pub months: Option<(String, String)>,
    pub tail: Option<(String, String)>,
}

pub(crate) fn cut(from: NaiveDate, to: NaiveDate) -> Cut {
    let (from_first, from_last) = month_bounds(from);
    let (to_first, to_last) = month_bounds(to);
    let s = |d: NaiveDate| d.to_string();
    if from_first == to_first && !(from == from_first && to == to_last) {
        return Cut { head: Some((s(from), s(to))), months: None, tail: None };
    }
    let head = (from != from_first).then(|| (s(from), s(from_last)));
    let tail = (to != to_last).then(|| (s(to_first), s(to)));
    let start = if head.is_some() { from_last.succ_opt().unwrap_or(from_last) } else { from_first };
    let end = if tail.is_some() { to_first.pred_opt().unwrap_or(to_first) } else { to_last };
    let months = (start <= end).then(|| (s(start)[..7].to_string(), s(end)[..7].to_string()));
    Cut { head, months, tail }
}

impl Returns<'_> {
    /// Recounts every tally from the rows (after a bulk load that bypassed the write paths).
    pub async fn rebuild_report_tallies(&self) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(&mut c, execute, sqlx::query("DELETE FROM return_tally"))?;
        for part in PARTS {
            let q = format!(
                "INSERT INTO return_tally (agency_id, month, dimension, tally_key, persons, cases, amount_cents) {}",
                within(part, None)
            );
            sql!(&mut c, execute, sqlx::query(sqlx::AssertSqlSafe(q)).bind("0000-01-01").bind("9999-12-31"))?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    type Range = Option<(String, String)>;

    fn parts(c: Cut) -> (Range, Range, Range) {
        (c.head, c.months, c.tail)
    }

    fn p(a: &str, b: &str) -> Range {
        Some((a.into(), b.into()))
    }

    #[test]
    fn a_period_is_cut_into_partial_and_whole_months() {
        assert_eq!(parts(cut(d("2008-05-01"), d("2008-08-31"))), (None, p("2008-05", "2008-08"), None));
        assert_eq!(
            parts(cut(d("2008-05-10"), d("2008-08-20"))),
            (p("2008-05-10", "2008-05-31"), p("2008-06", "2008-07"), p("2008-08-01", "2008-08-20"))
        );
        assert_eq!(parts(cut(d("2008-05-10"), d("2008-05-20"))), (p("2008-05-10", "2008-05-20"), None, None));
        assert_eq!(parts(cut(d("2008-02-01"), d("2008-02-29"))), (None, p("2008-02", "2008-02"), None));
        assert_eq!(
            parts(cut(d("2008-05-31"), d("2008-06-01"))),
            (p("2008-05-31", "2008-05-31"), None, p("2008-06-01", "2008-06-01"))
        );
        assert_eq!(
            parts(cut(d("2007-12-15"), d("2008-01-31"))),
            (p("2007-12-15", "2007-12-31"), p("2008-01", "2008-01"), None)
        );
    }
}
