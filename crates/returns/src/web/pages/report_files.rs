//! The period report as files to download from its page: CSV and XLSX, for the reader's agency,
//! with the same content as `drom report returns` gives.

use crate::store::ReturnsDb;
use crate::store::export;
use crate::store::report::Scope;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::signed_in;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
}

async fn file(ctx: &Ctx, s: &AppState, q: &Period, xlsx: bool) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let day = |v: &Option<String>| v.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()).ok_or(PageError::BadForm);
    let (from, to) = (day(&q.from)?, day(&q.to)?);
    let report = s.db.returns().returns_report(Scope::Agency(&user.actor), from, to).await?;
    let name = format!("drom-returns-{from}-{to}");
    let (body, kind, ext) = if xlsx {
        (export::to_xlsx(&report)?, export::XLSX_MEDIA_TYPE, "xlsx")
    } else {
        (export::to_csv(&report)?.into_bytes(), "text/csv; charset=utf-8", "csv")
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.{ext}\"")),
        ],
        body,
    )
        .into_response())
}

pub async fn csv(ctx: Ctx, State(s): State<AppState>, Query(q): Query<Period>) -> Response {
    let result = file(&ctx, &s, &q, false).await;
    respond(&ctx, result)
}

pub async fn xlsx(ctx: Ctx, State(s): State<AppState>, Query(q): Query<Period>) -> Response {
    let result = file(&ctx, &s, &q, true).await;
    respond(&ctx, result)
}
