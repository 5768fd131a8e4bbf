//! Readmission lists screened on the page: a host country's list (the `drom screen` CSV) is
//! screened at once, then its decisions are stored row by row in the background so that the
//! officer can filter them by outcome and household, open each row's reasons, and export them.
//! A list and its rows belong to the uploading agency, hold special categories (community,
//! health), and are kept until the officer deletes them; every upload, read and deletion is
//! audited.

use super::Screenings;
use crate::ScreeningReason;
use drom_domain::error::Refusal;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_screening_engine::batch::BatchSummary;
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::query::{Page, Param, bind_params, paging};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The largest list accepted (about a million rows).
pub const MAX_LIST_BYTES: usize = 256 * 1024 * 1024;

/// Rows written per statement while a list is stored.
const ROWS_PER_INSERT: usize = 500;

/// A list as its page shows it.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct ScreeningList {
    pub id: i64,
    /// The uploaded file's name.
    pub name: String,
    pub policy_id: String,
    pub as_of: String,
    /// `storing` while its decisions are written, then `done` or `failed`.
    pub status: String,
    pub rows_total: i64,
    pub rows_done: i64,
    pub households: i64,
    pub protected: i64,
    pub needs_assessment: i64,
    pub no_bar_found: i64,
    pub error: Option<String>,
    pub uploaded_by: String,
    pub uploaded_at: String,
    pub updated_at: String,
}

/// One decided row of a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
pub struct ListRow {
    pub row_no: i64,
    pub request_id: String,
    pub household_id: String,
    pub given_name: String,
    pub family_name: String,
    pub outcome: String,
    /// Rule ids that decided, separated by `;`.
    pub rules: String,
    /// Facts still unknown, separated by `;`.
    pub unknown: String,
    pub explanation: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListRowQuery {
    /// protected, needs_assessment or no_bar_found.
    pub outcome: Option<String>,
    pub household_id: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// A list stays `storing` this long without progress before it is shown as interrupted (its
/// server stopped while storing it).
const STALE_SECONDS: i64 = 600;

const LIST_COLUMNS: &str = "l.id, l.name, l.policy_id, l.as_of, l.status, l.rows_total, l.rows_done, l.households, \
    l.protected, l.needs_assessment, l.no_bar_found, l.error, u.username AS uploaded_by, l.uploaded_at, l.updated_at";

/// Reading and writing lists needs the special-categories grant: their facts and decisions
/// reveal community and health.
fn require(actor: &Actor) -> Result<(), StoreError> {
    actor.require(Permission::RegistryRead)?;
    actor.require(Permission::SpecialCategories)?;
    Ok(())
}

impl ScreeningList {
    /// Whether the list stopped storing without finishing (its server stopped).
    pub fn interrupted(&self) -> bool {
        self.status == "storing"
            && chrono::DateTime::parse_from_rfc3339(&self.updated_at)
                .is_ok_and(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_seconds() > STALE_SECONDS)
    }
}

impl Screenings<'_> {
    /// Screens an uploaded list under the policy in force on `as_of` (default today) and, if it
    /// can be read, records it and stores its decisions in the background; answers the list.
    /// A file that is not a CSV list, is too large, or lacks a column is refused with the
    /// reason, and nothing is written.
    pub async fn upload_screening_list(
        &self,
        writer: RegistryWriter<'_>,
        name: &str,
        bytes: Vec<u8>,
        as_of: Option<chrono::NaiveDate>,
    ) -> Result<ScreeningList, StoreError> {
        require(writer.actor())?;
        writer.actor().require(Permission::RegistryWrite)?;
        let refuse = |reason: ScreeningReason| -> StoreError { ValidationErrors::single("file", reason).into() };
        if bytes.len() > MAX_LIST_BYTES {
            return Err(refuse(ScreeningReason::ListTooLarge { mib: MAX_LIST_BYTES / 1024 / 1024 }));
        }
        if bytes.is_empty() {
            return Err(refuse(ScreeningReason::ListEmpty));
        }
        if bytes.contains(&0)
            || std::str::from_utf8(&bytes[..bytes.len().min(64 * 1024)]).is_err_and(|e| e.error_len().is_some())
        {
            return Err(refuse(ScreeningReason::ListNotCsv));
        }
        let today = chrono::Utc::now().date_naive();
        let day = as_of.unwrap_or(today);
        let screener = self.screener(&self.policies(), None, day).await?;
        let opts = drom_screening_engine::batch::BatchOptions { strict: false, today };
        let mut output = Vec::with_capacity(bytes.len() * 2);
        let summary = tokio::task::block_in_place(|| {
            drom_screening_engine::batch::screen_csv(&screener, &bytes[..], &mut output, &opts, &mut |_| {})
        })
        .map_err(|e| refuse(ScreeningReason::ListUnreadable { detail: e.to_string() }))?;
        if summary.rows == 0 {
            return Err(refuse(ScreeningReason::ListNoRows));
        }
        let id = self.create_screening_list(writer, name, &screener.policy().id, &day.to_string(), &summary).await?;
        let db = self.0.clone();
        tokio::spawn(async move {
            if let Err(e) = Screenings(&db).store_screened_list(id, &bytes, &output).await {
                tracing::error!(list = id, error = %e, "storing a screened list failed");
            }
        });
        self.screening_list(writer.actor(), id).await
    }

    /// Records a screened list before its rows are stored; answers its id.
    pub async fn create_screening_list(
        &self,
        writer: RegistryWriter<'_>,
        name: &str,
        policy_id: &str,
        as_of: &str,
        summary: &BatchSummary,
    ) -> Result<i64, StoreError> {
        let actor = writer.actor();
        require(actor)?;
        let name: String = name.chars().filter(|c| !c.is_control()).take(200).collect();
        let name = if name.trim().is_empty() { "list.csv".to_string() } else { name };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO screening_list (agency_id, name, policy_id, as_of, status, rows_total, rows_done, households, \
                 protected, needs_assessment, no_bar_found, uploaded_by, uploaded_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'storing', $5, 0, $6, $7, $8, $9, $10, $11, $11) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(&name)
            .bind(policy_id)
            .bind(as_of)
            .bind(summary.rows as i64)
            .bind(summary.households as i64)
            .bind(summary.protected as i64)
            .bind(summary.needs_assessment as i64)
            .bind(summary.no_bar_found as i64)
            .bind(actor.user_id)
            .bind(&at)
        )?;
        audit::append(
            &mut c,
            actor,
            "screening_list.upload",
            "screening_list",
            Some(id),
            None,
            serde_json::json!({"name": name, "policy": policy_id, "rows": summary.rows}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores a batch of decided rows and the progress.
    pub async fn store_list_rows(&self, list_id: i64, rows: &[ListRow]) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut params = Vec::with_capacity(chunk.len() * 10);
            let mut values = Vec::with_capacity(chunk.len());
            for r in chunk {
                let n = params.len();
                values.push(format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5,
                    n + 6,
                    n + 7,
                    n + 8,
                    n + 9,
                    n + 10
                ));
                params.extend([
                    Param::I(list_id),
                    Param::I(r.row_no),
                    Param::S(r.request_id.clone()),
                    Param::S(r.household_id.clone()),
                    Param::S(r.given_name.clone()),
                    Param::S(r.family_name.clone()),
                    Param::S(r.outcome.clone()),
                    Param::S(r.rules.clone()),
                    Param::S(r.unknown.clone()),
                    Param::S(r.explanation.clone()),
                ]);
            }
            let q = format!(
                "INSERT INTO screening_list_row (list_id, row_no, request_id, household_id, given_name, family_name, \
                 outcome, rules, unknown, explanation) VALUES {}",
                values.join(", ")
            );
            sql!(&mut c, execute, bind_params(sqlx::query(sqlx::AssertSqlSafe(q)), &params))?;
        }
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE screening_list SET rows_done = rows_done + $1, updated_at = $2 WHERE id = $3")
                .bind(rows.len() as i64)
                .bind(now())
                .bind(list_id)
        )?;
        tx.commit().await
    }

    /// Marks a list finished (`done`) or failed with a reason.
    pub async fn finish_list(&self, list_id: i64, error: Option<&str>) -> Result<(), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE screening_list SET status = $1, error = $2, updated_at = $3 WHERE id = $4")
                .bind(if error.is_some() { "failed" } else { "done" })
                .bind(error)
                .bind(now())
                .bind(list_id)
        )?;
        Ok(())
    }

    /// The agency's lists, newest first.
    pub async fn screening_lists(&self, actor: &Actor) -> Result<Vec<ScreeningList>, StoreError> {
        require(actor)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {LIST_COLUMNS} FROM screening_list l JOIN app_user u ON u.id = l.uploaded_by \
             WHERE {} ORDER BY l.id DESC LIMIT 100",
            AgencyScope::of(actor).readable("l", 1)
        );
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, ScreeningList>(sqlx::AssertSqlSafe(q)).bind(AgencyScope::of(actor).agency())
        )?)
    }

    /// One list of the agency.
    pub async fn screening_list(&self, actor: &Actor, id: i64) -> Result<ScreeningList, StoreError> {
        require(actor)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {LIST_COLUMNS} FROM screening_list l JOIN app_user u ON u.id = l.uploaded_by \
             WHERE l.id = $1 AND {}",
            AgencyScope::of(actor).readable("l", 2)
        );
        sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, ScreeningList>(sqlx::AssertSqlSafe(q)).bind(id).bind(AgencyScope::of(actor).agency())
        )?
        .ok_or(StoreError::NotFound)
    }

    /// A page of a list's decided rows, filtered by outcome and household; the read is audited.
    pub async fn screening_list_rows(
        &self,
        actor: &Actor,
        id: i64,
        q: &ListRowQuery,
    ) -> Result<Page<ListRow>, StoreError> {
        self.screening_list(actor, id).await?;
        let (page, per_page) = paging(q.page, q.per_page)?;
        let mut params = vec![Param::I(id)];
        let mut filter = String::from("list_id = $1");
        if let Some(o) = q.outcome.as_deref().filter(|o| !o.is_empty()) {
            if o.parse::<drom_screening_engine::Outcome>().is_err() {
                let choices = drom_screening_engine::Outcome::codes();
                return Err(
                    ValidationErrors::single("outcome", Common::NotOneOf { value: o.to_string(), choices }).into()
                );
            }
            params.push(Param::S(o.to_string()));
            filter.push_str(&format!(" AND outcome = ${}", params.len()));
        }
        if let Some(hh) = q.household_id.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            params.push(Param::S(hh.to_string()));
            filter.push_str(&format!(" AND household_id = ${}", params.len()));
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let count = format!("SELECT COUNT(*) FROM (SELECT 1 FROM screening_list_row WHERE {filter} LIMIT 10000) x");
        let (total,): (i64,) =
            sql!(&mut c, fetch_one, bind_params(sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(count)), &params))?;
        let list = format!(
            "SELECT row_no, request_id, household_id, given_name, family_name, outcome, rules, unknown, explanation \
             FROM screening_list_row WHERE {filter} ORDER BY row_no LIMIT {per_page} OFFSET {}",
            (page - 1) * per_page
        );
        let items: Vec<ListRow> =
            sql!(&mut c, fetch_all, bind_params(sqlx::query_as::<_, ListRow>(sqlx::AssertSqlSafe(list)), &params))?;
        audit::append(
            &mut c,
            actor,
            "screening_list.read",
            "screening_list",
            Some(id),
            None,
            serde_json::json!({"outcome": q.outcome, "household_id": q.household_id, "page": page, "rows": items.len()}),
        )
        .await?;
        tx.commit().await?;
        Ok(Page { items, total, total_is_exact: total < 10000, page, per_page })
    }

    /// Every decided row of a list in order, for an export; the read is audited.
    pub async fn screening_list_all_rows(&self, actor: &Actor, id: i64) -> Result<Vec<ListRow>, StoreError> {
        self.screening_list(actor, id).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let rows: Vec<ListRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, ListRow>(
                "SELECT row_no, request_id, household_id, given_name, family_name, outcome, rules, unknown, explanation \
                 FROM screening_list_row WHERE list_id = $1 ORDER BY row_no"
            )
            .bind(id)
        )?;
        audit::append(
            &mut c,
            actor,
            "screening_list.export",
            "screening_list",
            Some(id),
            None,
            serde_json::json!({"rows": rows.len()}),
        )
        .await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Deletes a list and its rows (audited): the officer decides how long it is kept.
    pub async fn delete_screening_list(&self, writer: RegistryWriter<'_>, id: i64) -> Result<(), StoreError> {
        let actor = writer.actor();
        let list = self.screening_list(actor, id).await?;
        if list.status == "storing" && !list.interrupted() {
            return Err(StoreError::Conflict(Refusal::new("list-storing").text("id", id)));
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(&mut c, execute, sqlx::query("DELETE FROM screening_list_row WHERE list_id = $1").bind(id))?;
        sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM screening_list WHERE id = $1 AND {}",
                AgencyScope::of(actor).owned("", 2)
            )))
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
        )?;
        audit::append(
            &mut c,
            actor,
            "screening_list.delete",
            "screening_list",
            Some(id),
            None,
            serde_json::json!({"name": list.name, "rows": list.rows_total}),
        )
        .await?;
        tx.commit().await
    }

    /// Stores the decisions of a screened list, `output` being the batch CSV written for
    /// `input`, in input order: names from the input, decisions from the output, a few
    /// thousand rows a transaction so the page can follow the progress. Marks the list done,
    /// or failed with the reason.
    pub async fn store_screened_list(&self, list_id: i64, input: &[u8], output: &[u8]) -> Result<(), StoreError> {
        let result = self.store_rows(list_id, input, output).await;
        let error = result.as_ref().err().map(|e| e.to_string());
        self.finish_list(list_id, error.as_deref()).await?;
        result
    }

    async fn store_rows(&self, list_id: i64, input: &[u8], output: &[u8]) -> Result<(), StoreError> {
        let bad = |e: csv::Error| StoreError::Corrupt(format!("screened list: {e}"));
        let mut names = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header = names.headers().map_err(bad)?.clone();
        let column =
            |name: &str| header.iter().position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name));
        let (given, family) = (column("given_name"), column("family_name"));
        // The ids as the host country wrote them (the decisions file marks those a spreadsheet
        // would run as formulas; the export marks them again).
        let (request, household) = (column("request_id"), column("household_id"));
        let mut names = names.into_records();
        let decisions = csv::Reader::from_reader(output).into_records();
        let mut batch = Vec::with_capacity(2000);
        for (i, d) in decisions.enumerate() {
            let d = d.map_err(bad)?;
            let n = names.next().and_then(Result::ok);
            let field = |r: &csv::StringRecord, i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or("").to_string();
            let echoed = |k: Option<usize>, at: usize| match &n {
                Some(r) => field(r, k).trim_ascii().to_string(),
                None => d.get(at).unwrap_or("").to_string(),
            };
            batch.push(ListRow {
                row_no: i as i64 + 1,
                request_id: echoed(request, 0),
                household_id: echoed(household, 1),
                given_name: n.as_ref().map(|r| field(r, given)).unwrap_or_default(),
                family_name: n.as_ref().map(|r| field(r, family)).unwrap_or_default(),
                outcome: d.get(2).unwrap_or("").to_string(),
                rules: d.get(4).unwrap_or("").to_string(),
                unknown: d.get(5).unwrap_or("").to_string(),
                explanation: d.get(6).unwrap_or("").to_string(),
            });
            if batch.len() == batch.capacity() {
                self.store_list_rows(list_id, &batch).await?;
                batch.clear();
            }
        }
        if !batch.is_empty() {
            self.store_list_rows(list_id, &batch).await?;
        }
        Ok(())
    }
}

/// The columns of a list's decisions as a file.
const EXPORT_COLUMNS: [&str; 9] =
    ["row", "request_id", "household_id", "given_name", "family_name", "outcome", "rules", "unknown", "explanation"];

fn export_cells(r: &ListRow) -> [String; 9] {
    [
        r.row_no.to_string(),
        r.request_id.clone(),
        r.household_id.clone(),
        r.given_name.clone(),
        r.family_name.clone(),
        r.outcome.clone(),
        r.rules.clone(),
        r.unknown.clone(),
        r.explanation.clone(),
    ]
}

/// A list's decisions as CSV: the columns of `EXPORT_COLUMNS`, every cell that a spreadsheet
/// could read as a formula neutralised (the names and ids come from the host country).
pub fn to_csv(_list: &ScreeningList, rows: &[ListRow]) -> Result<Vec<u8>, StoreError> {
    let err = |e: csv::Error| StoreError::Corrupt(format!("writing CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(EXPORT_COLUMNS).map_err(err)?;
    for r in rows {
        let cells = export_cells(r);
        w.write_record(cells.iter().map(|c| drom_domain::spreadsheet::safe_cell(c).into_owned())).map_err(err)?;
    }
    w.into_inner().map_err(|e| StoreError::Corrupt(format!("writing CSV: {e}")))
}

/// A list's decisions as XLSX: a summary sheet (policy, date, counts) and the decisions (cells
/// written as text, never as formulas).
pub fn to_xlsx(list: &ScreeningList, rows: &[ListRow]) -> Result<Vec<u8>, StoreError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| StoreError::Corrupt(format!("writing XLSX: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let summary = book.add_worksheet().set_name("Summary").map_err(err)?;
    summary.write_string_with_format(0, 0, "Screened readmission list", &bold).map_err(err)?;
    let facts: [(&str, String); 8] = [
        ("File", list.name.clone()),
        ("Policy", list.policy_id.clone()),
        ("Policy in force on", list.as_of.clone()),
        ("Rows", list.rows_total.to_string()),
        ("Households", list.households.to_string()),
        ("Protected", list.protected.to_string()),
        ("Needs assessment", list.needs_assessment.to_string()),
        ("No bar found", list.no_bar_found.to_string()),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        summary.write_string(i as u32 + 2, 0, *k).map_err(err)?;
        summary.write_string(i as u32 + 2, 1, drom_domain::spreadsheet::safe_cell(v)).map_err(err)?;
    }
    summary.set_column_width(0, 22).map_err(err)?;
    let sheet = book.add_worksheet().set_name("Decisions").map_err(err)?;
    for (col, h) in EXPORT_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold).map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (col, cell) in export_cells(r).iter().enumerate() {
            sheet.write_string(i as u32 + 1, col as u16, cell.as_str()).map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}
