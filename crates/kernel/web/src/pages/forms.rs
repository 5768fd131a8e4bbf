//! Form posts: a CSRF check no handler can skip (`CsrfForm` verifies the hidden `csrf` field
//! against the browser's double-submit cookie before the handler sees any value), and the
//! repeated keys HTML forms send for checkboxes.

use super::ctx::{CSRF_COOKIE, CsrfToken, Ctx, Lang, SESSION_COOKIE, cookies};
use super::error::PageError;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The fields of a posted form, in order.
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of a field, trimmed; empty counts as absent.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty())
    }

    /// The first value exactly as sent (passwords are not trimmed).
    pub fn raw(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty()).collect()
    }

    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// A form whose CSRF token was verified.
pub struct CsrfForm(pub FormData);

impl<S: Send + Sync> FromRequest<S> for CsrfForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // Only the language is known before the handler runs; the error page uses it.
        let ctx = Ctx { lang: Lang::from_headers(req.headers()), user: None, csrf: String::new(), here: "/".into() };
        let expected = expected_csrf(req.headers());
        let bytes = bytes::Bytes::from_request(req, state).await.map_err(|_| PageError::BadForm.page(&ctx))?;
        let form = FormData(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect());
        let sent = form.get("csrf");
        match (expected, sent) {
            (Some(c), Some(s)) if constant_time_eq(c.as_bytes(), s.as_bytes()) => Ok(CsrfForm(form)),
            _ => Err(PageError::Csrf.page(&ctx)),
        }
    }
}

/// A file upload (`multipart/form-data`) whose CSRF token was verified: the form's first field
/// must be `csrf`, and it is checked before any file byte is read. Other text fields are kept
/// in `fields`; the one file field in `file` with its name.
pub struct CsrfUpload {
    pub fields: FormData,
    pub file_name: String,
    pub file: Vec<u8>,
}

impl<S: Send + Sync> FromRequest<S> for CsrfUpload {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx { lang: Lang::from_headers(req.headers()), user: None, csrf: String::new(), here: "/".into() };
        let cookie = expected_csrf(req.headers());
        let mut multipart =
            axum::extract::Multipart::from_request(req, state).await.map_err(|_| PageError::BadForm.page(&ctx))?;
        let bad = |_| PageError::BadForm.page(&ctx);
        let first = multipart.next_field().await.map_err(bad)?.ok_or_else(|| PageError::Csrf.page(&ctx))?;
        let sent = if first.name() == Some("csrf") { first.text().await.map_err(bad)? } else { String::new() };
        match cookie {
            Some(c) if constant_time_eq(c.as_bytes(), sent.as_bytes()) => {}
            _ => return Err(PageError::Csrf.page(&ctx)),
        }
        let mut upload = CsrfUpload { fields: FormData::default(), file_name: String::new(), file: Vec::new() };
        while let Some(field) = multipart.next_field().await.map_err(bad)? {
            let name = field.name().unwrap_or_default().to_string();
            if let Some(file_name) = field.file_name() {
                upload.file_name = file_name.to_string();
                upload.file = field.bytes().await.map_err(|_| PageError::TooLarge.page(&ctx))?.to_vec();
            } else {
                let value = field.text().await.map_err(bad)?;
                upload.fields.0.push((name, value));
            }
        }
        Ok(upload)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The name of the CSRF cookie: over TLS a `__Host-` cookie, which no other host (a sibling
/// subdomain) can set or overwrite.
fn csrf_cookie_name(headers: &axum::http::HeaderMap) -> String {
    if super::is_https(headers) { format!("__Host-{CSRF_COOKIE}") } else { CSRF_COOKIE.to_string() }
}

/// The token a form must carry: derived from the session when the browser has one (so a
/// planted cookie and field pair does not pass), else the double-submit cookie of the pages
/// before sign-in (the sign-in form, the language choice).
fn expected_csrf(headers: &axum::http::HeaderMap) -> Option<String> {
    let jar = cookies(headers);
    match jar.get(SESSION_COOKIE).filter(|s| !s.is_empty()) {
        Some(session) => Some(drom_store::users::csrf_for_session(session)),
        None => jar.get(&csrf_cookie_name(headers)).cloned().filter(|c| c.len() >= 32),
    }
}

/// Gives every browser a CSRF cookie on its first page, and every page handler the token its
/// forms must carry.
pub async fn ensure_csrf_cookie(mut req: Request<Body>, next: Next) -> Response {
    let name = csrf_cookie_name(req.headers());
    let existing = cookies(req.headers()).get(&name).cloned().filter(|c| c.len() >= 32);
    let cookie = existing.clone().unwrap_or_else(|| drom_store::users::random_token(""));
    let token = match cookies(req.headers()).get(SESSION_COOKIE).filter(|s| !s.is_empty()) {
        Some(session) => drom_store::users::csrf_for_session(session),
        None => cookie.clone(),
    };
    req.extensions_mut().insert(CsrfToken(token));
    let secure = super::is_https(req.headers());
    let mut resp = next.run(req).await;
    if existing.is_none()
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{name}={cookie}; Path=/; HttpOnly; SameSite=Strict{}",
            if secure { "; Secure" } else { "" }
        ))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// A link to another page of a list, keeping its filters (the search-as-you-type flag
/// `partial` is not a filter).
pub fn page_link(path: &str, form: &FormData, page: i64) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &form.0 {
        if k != "page" && k != "partial" && !v.is_empty() {
            ser.append_pair(k, v);
        }
    }
    ser.append_pair("page", &page.to_string());
    format!("{path}?{}", ser.finish())
}
