//! Errors as RFC 9457 problem details (`application/problem+json`), mapped from every lower
//! layer's error in this one place. Each problem has a stable snake_case `code` that clients
//! and the page layer can translate.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use drom_domain::{FieldError, Reason};
use drom_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable error code, e.g. `validation_failed`, `not_found`.
    pub code: &'static str,
    /// For invalid input: every field that was refused and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a step a rule refuses (`protection_gate_closed`: why the forced return may not go
    /// past its order), each reason with its own `code` and arguments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub blocks: Vec<serde_json::Value>,
    /// For `invalid_transition` and `conflict`: the refusal's own code (its message is
    /// `refusal-<code>`) and arguments, for a client to say it in its reader's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub refusal: Option<serde_json::Value>,
}

/// An error answered to an API client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub retry_after: Option<u64>,
    pub blocks: Vec<serde_json::Value>,
    /// Boxed: rarely there, and an error travels by value through every handler.
    pub refusal: Option<Box<serde_json::Value>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self { status, code, detail: detail.into(), errors: vec![], retry_after: None, blocks: vec![], refusal: None }
    }

    /// Input refused because of one field.
    pub fn field(status: StatusCode, code: &'static str, field: &str, reason: impl Reason) -> Self {
        let error = FieldError::new(field, reason);
        Self {
            status,
            code,
            detail: format!("{field}: {}", error.reason),
            errors: vec![error],
            retry_after: None,
            blocks: vec![],
            refusal: None,
        }
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "no such record, or it is not shared with your agency")
    }

    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", detail)
    }
}

/// Every code the API can answer with, so that a test can check each is documented and used.
pub const CODES: &[&str] = &[
    "validation_failed",
    "malformed_json",
    "unsupported_media_type",
    "not_found",
    "forbidden",
    "conflict",
    "precondition_failed",
    "invalid_transition",
    "protection_gate_closed",
    "unauthenticated",
    "too_many_attempts",
    "busy",
    "method_not_allowed",
    "internal_error",
    "unavailable",
];

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(v) => Self {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "validation_failed",
                detail: v.summary(),
                errors: v.0,
                retry_after: None,
                blocks: vec![],
                refusal: None,
            },
            StoreError::NotFound => Self::not_found(),
            StoreError::Denied(d) => Self::new(StatusCode::FORBIDDEN, "forbidden", d.to_string()),
            StoreError::Conflict(r) => Self {
                refusal: serde_json::to_value(&r).ok().map(Box::new),
                ..Self::new(StatusCode::CONFLICT, "conflict", crate::pages::ctx::Ctx::english().refusal(&r))
            },
            StoreError::Stale(r) => Self {
                refusal: serde_json::to_value(&r).ok().map(Box::new),
                ..Self::new(
                    StatusCode::PRECONDITION_FAILED,
                    "precondition_failed",
                    crate::pages::ctx::Ctx::english().refusal(&r),
                )
            },
            StoreError::Transition(r) => Self {
                refusal: serde_json::to_value(&r).ok().map(Box::new),
                ..Self::new(StatusCode::CONFLICT, "invalid_transition", crate::pages::ctx::Ctx::english().refusal(&r))
            },
            StoreError::Blocked(b) => {
                let b = *b;
                Self { blocks: b.reasons, ..Self::new(StatusCode::CONFLICT, b.code, b.detail) }
            }
            StoreError::BadCredentials => Self::unauthenticated("wrong user name or password"),
            StoreError::TooManyAttempts { retry_after_secs } => Self {
                retry_after: Some(retry_after_secs),
                ..Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", e.to_string())
            },
            StoreError::Limited { retry_after_secs } => Self {
                retry_after: Some(retry_after_secs),
                ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", e.to_string())
            },
            StoreError::Database(err) => {
                tracing::error!(error = %err, "database error");
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the database did not answer; try again")
            }
            other => {
                tracing::error!(error = %other, "internal error");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "something went wrong on the server")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error").to_string();
        let body = Problem {
            kind: format!("/problems/{}", self.code.replace('_', "-")),
            title,
            status: self.status.as_u16(),
            detail: self.detail,
            code: self.code,
            errors: self.errors,
            blocks: self.blocks,
            refusal: self.refusal.map(|r| *r),
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(s) = self.retry_after {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

impl From<drom_domain::permission::Denied> for ApiError {
    fn from(d: drom_domain::permission::Denied) -> Self {
        StoreError::Denied(d).into()
    }
}
