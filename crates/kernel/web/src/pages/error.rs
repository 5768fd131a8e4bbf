//! Errors on pages become pages: not found, not allowed, an expired form, a database outage.
//! Never an error dump.

use super::ctx::Ctx;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use drom_store::StoreError;

#[derive(Debug)]
pub enum PageError {
    NotFound,
    Forbidden,
    /// The form's CSRF token is missing or stale.
    Csrf,
    BadForm,
    /// An upload larger than the route accepts.
    TooLarge,
    /// Not signed in (or the session ended): go to the sign-in page and come back.
    SignIn(String),
    Unavailable,
    Internal,
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => PageError::NotFound,
            StoreError::Denied(_) => PageError::Forbidden,
            StoreError::Database(err) => {
                tracing::error!(error = %err, "database error on a page");
                PageError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "error on a page");
                PageError::Internal
            }
        }
    }
}

impl From<drom_domain::permission::Denied> for PageError {
    fn from(_: drom_domain::permission::Denied) -> Self {
        PageError::Forbidden
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    message: String,
}

impl PageError {
    /// Renders the error in the reader's language.
    pub fn page(self, ctx: &Ctx) -> Response {
        let (status, title, message) = match self {
            PageError::SignIn(next) => {
                let next = form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>();
                return Redirect::to(&format!("/login?next={next}")).into_response();
            }
            PageError::NotFound => (StatusCode::NOT_FOUND, "error-not-found-title", "error-not-found"),
            PageError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden-title", "error-forbidden"),
            PageError::Csrf => (StatusCode::FORBIDDEN, "error-csrf-title", "error-csrf"),
            PageError::BadForm => (StatusCode::BAD_REQUEST, "error-bad-form-title", "error-bad-form"),
            PageError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large-title", "error-too-large"),
            PageError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable-title", "error-unavailable"),
            PageError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal-title", "error-internal"),
        };
        let page = ErrorPage { ctx, title: ctx.t(title), message: ctx.t(message) };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, ctx.t(message)).into_response(),
        }
    }
}

/// A handler's outcome as a response: the page, or the error as a page.
pub fn respond(ctx: &Ctx, result: Result<Response, PageError>) -> Response {
    result.unwrap_or_else(|e| e.page(ctx))
}
