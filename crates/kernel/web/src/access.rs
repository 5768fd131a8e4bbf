//! The access log and request ids: one line per request at the default level (method, path
//! without its query, status, duration, request id), never a body, a token or a query string;
//! the request id in every response (`X-Request-Id`) and in every log line written while the
//! request runs, so an error a user reports can be found. And the time a request may take.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// How long a request may run before it is answered 503: `DROM_REQUEST_TIMEOUT_SECS`
/// (default 120, enough for a 256 MiB readmission list).
pub fn request_timeout() -> Duration {
    let secs = std::env::var("DROM_REQUEST_TIMEOUT_SECS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(120);
    Duration::from_secs(secs.max(1))
}

/// A request id a client or proxy sent, if it is a plain token (so it cannot inject text into
/// the log), else a new one.
fn request_id(req: &Request) -> String {
    req.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| (8..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_string)
        .unwrap_or_else(|| drom_store::users::random_token("")[..16].to_string())
}

pub async fn log(req: Request, next: Next) -> Response {
    let id = request_id(&req);
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let span = tracing::info_span!("request", id = %id);
    let started = Instant::now();
    let mut resp = next.run(req).instrument(span.clone()).await;
    let status = resp.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| tracing::info!(%method, %path, status, ms = format!("{ms:.1}"), "request"));
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}
