//! Validation errors that name the field and the reason, so that every edge (API, CLI, import)
//! can tell a person exactly what to correct.

use serde::Serialize;
use utoipa::ToSchema;

/// One thing wrong with one field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// Path of the field, as in the input (`documents[0].number`).
    pub field: String,
    /// Why the value was refused, in plain words.
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// All that is wrong with an input. Never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.0.push(FieldError::new(field, reason));
    }

    pub fn single(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, reason)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was found wrong.
    pub fn into_result<T>(self, value: T) -> Result<T, Self> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    pub fn summary(&self) -> String {
        self.0.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; ")
    }
}

/// Checks a required free-text field: trimmed, not empty, at most `max` characters.
pub fn required_text(errors: &mut ValidationErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(field, "is required");
    } else if v.chars().count() > max {
        errors.push(field, format!("is longer than {max} characters"));
    }
    v.to_string()
}

/// Checks an optional free-text field; empty becomes `None`.
pub fn optional_text(errors: &mut ValidationErrors, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        errors.push(field, format!("is longer than {max} characters"));
    }
    Some(v.to_string())
}
