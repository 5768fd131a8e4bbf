//! Extractors that turn bad requests into problem documents naming the field: a JSON body
//! (content type, syntax, field types), query strings, numeric ids in paths, and the optional
//! `X-Reason` and `If-Match` headers of writes.

use crate::problem::ApiError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use drom_domain::Common;
use serde::de::DeserializeOwned;

/// A JSON request body; errors name the path of the bad field (`documents[0].kind`).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if mime != "application/json" && !(mime.starts_with("application/") && mime.ends_with("+json")) {
            return Err(ApiError::field(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Content-Type",
                Common::MediaType { expected: "application/json".into(), got: ct.into() },
            ));
        }
        let bytes = bytes::Bytes::from_request(req, state).await.map_err(|e| {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "validation_failed", format!("body refused: {e}"))
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Deserialises JSON, naming the field of the first error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", format!("the body is not valid JSON: {inner}"))
        } else {
            let field = if path == "." { "body".to_string() } else { path };
            // serde's message ends with " at line 1 column 42"; the field name says more.
            let reason = inner.to_string();
            let detail = reason.split(" at line ").next().unwrap_or(&reason).to_string();
            ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", &field, Common::Malformed { detail })
        }
    })
}

/// A query string; errors name the parameter.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(q));
        serde_path_to_error::deserialize(de).map(ApiQuery).map_err(|e| {
            let field = e.path().to_string();
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                &field,
                Common::Malformed { detail: e.into_inner().to_string() },
            )
        })
    }
}

fn form_urlencoded_parse(q: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(q.as_bytes())
}

/// A numeric record id from the path; anything else is "not found".
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state).await.map_err(|_| ApiError::not_found())?;
        raw.parse::<i64>().map(Id).map_err(|_| ApiError::not_found())
    }
}

/// Why a change is made (`X-Reason` header), kept in the audit log.
pub struct Reason(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for Reason {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("x-reason") {
            None => Ok(Reason(None)),
            Some(v) => {
                let s = v.to_str().map_err(|_| {
                    ApiError::field(StatusCode::BAD_REQUEST, "validation_failed", "X-Reason", Common::HeaderText)
                })?;
                let decoded: String = form_urlencoded::parse(format!("r={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default();
                if decoded.chars().count() > 500 {
                    return Err(ApiError::field(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "validation_failed",
                        "X-Reason",
                        Common::TooLong { max: 500 },
                    ));
                }
                Ok(Reason(Some(decoded).filter(|r| !r.trim().is_empty())))
            }
        }
    }
}

/// The version a client last saw (`If-Match: "3"`), to refuse lost updates.
pub struct IfMatch(pub Option<i64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get(header::IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(v) => v
                .to_str()
                .ok()
                .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
                .and_then(|s| s.parse::<i64>().ok())
                .map(|n| IfMatch(Some(n)))
                .ok_or_else(|| {
                    ApiError::field(StatusCode::BAD_REQUEST, "validation_failed", "If-Match", Common::VersionHeader)
                }),
        }
    }
}

/// The `ETag` of a record at `version`, which a client sends back as `If-Match`.
pub fn etag(version: i64) -> axum::http::HeaderMap {
    let mut h = axum::http::HeaderMap::new();
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("\"{version}\"")) {
        h.insert(header::ETAG, v);
    }
    h
}

/// A `YYYY-MM-DD` query parameter; empty counts as absent, anything else not a date is refused
/// naming the parameter.
pub fn date_param(name: &str, value: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                name,
                Common::NotADate { value: v.into() },
            )
        }),
    }
}

/// A `YYYY-MM-DD` query parameter that must be given.
pub fn required_date_param(name: &str, value: Option<&str>) -> Result<chrono::NaiveDate, ApiError> {
    date_param(name, value)?
        .ok_or_else(|| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", name, Common::Required))
}

/// Refuses a body that is not declared `text/csv` (a readmission list).
pub fn require_csv(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    let ct = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if ct.starts_with("text/csv") {
        return Ok(());
    }
    Err(ApiError::field(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Content-Type",
        Common::MediaType { expected: "text/csv".into(), got: ct.into() },
    ))
}
