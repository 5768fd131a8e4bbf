//! Stylesheet, script and icon, compiled into the binary: field offices may have no internet.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../../static/app.css")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../../static/app.js")),
    ("icon.svg", "image/svg+xml", include_bytes!("../../static/icon.svg")),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => {
            ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=3600")], *body).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
