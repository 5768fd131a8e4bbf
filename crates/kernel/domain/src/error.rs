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

/// One argument of a refusal: text as it is, or a vocabulary code the reader's language names
/// (`group` as in the messages `<group>-<code>`, such as `stage`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Code { group: &'static str, code: String },
}

/// Why a step is refused, said so that any language can say it: a stable code (its message is
/// `refusal-<code>` in every language) and its named arguments. Pure: the English text, like
/// every other language's, comes from the messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Refusal {
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Refusal {
    pub fn new(code: &'static str) -> Refusal {
        Refusal { code, args: vec![] }
    }

    /// With a text argument.
    pub fn text(mut self, name: &'static str, value: impl std::fmt::Display) -> Refusal {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// With an argument that is a code of vocabulary `group`.
    pub fn code(mut self, name: &'static str, group: &'static str, code: impl std::fmt::Display) -> Refusal {
        self.args.push((name, Arg::Code { group, code: code.to_string() }));
        self
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        for (name, arg) in &self.args {
            match arg {
                Arg::Text(t) => write!(f, " {name}={t}")?,
                Arg::Code { code, .. } => write!(f, " {name}={code}")?,
            }
        }
        Ok(())
    }
}
