//! Validation errors that name the field and the reason, so that every edge (API, CLI, import)
//! can tell a person exactly what to correct.

use serde::Serialize;
use utoipa::ToSchema;

/// One thing wrong with one field of an input: the field, a stable code (its message is
/// `invalid-<code>` in every language) with its named arguments, and the reason in English for
/// the API, the command line and the logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// Path of the field, as in the input (`documents[0].number`).
    pub field: String,
    /// Why the value was refused, as a stable code (`required`, `too_long`, ...).
    pub code: &'static str,
    /// The values the reason names (`max` of `too_long`), for a client to say it in its language.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "args_as_object")]
    #[schema(value_type = Object)]
    pub args: Vec<(&'static str, String)>,
    /// Why the value was refused, in plain English words.
    pub reason: String,
}

fn args_as_object<S: serde::Serializer>(args: &[(&'static str, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(args.iter().map(|(k, v)| (k, v)))
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Reason) -> Self {
        Self { field: field.into(), code: reason.code(), args: reason.args(), reason: reason.english() }
    }
}

/// Why a value is refused, said so that any language can say it: each capability declares its
/// reasons with [`reasons!`](crate::reasons), and its messages `invalid-<code>` say them.
pub trait Reason {
    fn code(&self) -> &'static str;
    fn args(&self) -> Vec<(&'static str, String)>;
    fn english(&self) -> String;
}

impl<R: Reason + ?Sized> Reason for Box<R> {
    fn code(&self) -> &'static str {
        (**self).code()
    }
    fn args(&self) -> Vec<(&'static str, String)> {
        (**self).args()
    }
    fn english(&self) -> String {
        (**self).english()
    }
}

/// Declares an enum of reasons a value is refused for: each variant has a stable code, the
/// arguments its message names and its English text (a format string over those arguments, so
/// an argument the text does not name does not compile). `CODES` and `examples()` let a test
/// check that every code has its message in every language.
#[macro_export]
macro_rules! reasons {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $( $variant:ident $({ $($arg:ident : $ty:ty),* $(,)? })? = $code:literal : $english:literal ),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name { $( $variant $({ $($arg: $ty),* })? ),* }

        impl $name {
            /// Every code, in declaration order.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// One of each reason, with default arguments.
            pub fn examples() -> Vec<$name> {
                vec![$( $name::$variant $({ $($arg: Default::default()),* })? ),*]
            }
        }

        impl $crate::error::Reason for $name {
            fn code(&self) -> &'static str {
                match self { $( $name::$variant { .. } => $code ),* }
            }
            fn args(&self) -> Vec<(&'static str, String)> {
                match self { $( $name::$variant $({ $($arg),* })? => vec![$($((stringify!($arg), $arg.to_string())),*)?] ),* }
            }
            fn english(&self) -> String {
                match self { $( $name::$variant $({ $($arg),* })? => format!($english) ),* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::error::Reason::english(self))
            }
        }
    };
}

reasons! {
    /// Reasons every capability can give.
    pub enum Common {
        Required = "required": "is required",
        TooLong { max: usize } = "too_long": "is longer than {max} characters",
        InFuture { day: String } = "in_future": "{day} is in the future",
        Between { min: i64, max: i64 } = "between": "must be between {min} and {max}",
        AboveZero = "above_zero": "must be more than zero",
        PositiveNumber = "positive_number": "must be a number above 0",
        AtLeast { min: i64 } = "at_least": "must be {min} or more",
        Exists { value: String } = "exists": "'{value}' exists already",
        NoPerson { id: i64 } = "no_person": "there is no person {id} in your agency's registry",
        NoSuch { value: String } = "no_such": "there is no {value}",
        NotAPartialDate { value: String } = "not_a_partial_date": "'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD",
        NotADate { value: String } = "not_a_date": "'{value}' is not a date: use the calendar or type YYYY-MM-DD",
        NotAnAmount { value: String } = "not_an_amount": "'{value}' is not an amount in euro such as 1500 or 1500.50 (at most two decimals)",
        NotANumber { value: String } = "not_a_number": "'{value}' is not a whole number",
        NotAChoice { value: String } = "not_a_choice": "'{value}' is not one of the choices",
        NotOneOf { value: String, choices: String } = "not_one_of": "'{value}' is not one of: {choices}",
        OneOf { choices: String } = "one_of": "must be one of {choices}",
        UsedTwice = "used_twice": "is used twice",
        UnknownMunicipality { value: String } = "unknown_municipality": "'{value}' is not a known municipality",
        UnknownCountry { value: String } = "unknown_country": "'{value}' is not a known country code",
        NotCountryCode { value: String } = "not_country_code": "'{value}' is not an ISO 3166-1 alpha-2 code",
        NotLanguageCode { value: String } = "not_language_code": "'{value}' is not a language code (ISO 639, 2 or 3 letters) such as sq, sr, rom or de",
        UnknownCommunity { value: String } = "unknown_community": "'{value}' is not a known community",
        NeedsSpecialCategories = "needs_special_categories": "recording it needs the special-categories grant",
        Malformed { detail: String } = "malformed": "{detail}",
        MediaType { expected: String, got: String } = "media_type": "must be {expected} (got '{got}')",
        HeaderText = "header_text": "must be visible ASCII; percent-encode other text",
        VersionHeader = "version_header": "must be a version number in quotes, e.g. \"3\"",
        Together { other: String } = "together": "give it together with {other}",
        UnreadableHeader { detail: String } = "unreadable_header": "cannot read the header: {detail}",
        ColumnTwice { column: String } = "column_twice": "column '{column}' appears twice",
        NotAColumn { column: String, columns: String } = "not_a_column": "'{column}' is not a column of this file (columns: {columns})",
        ColumnNeeded { column: String } = "column_needed": "the column {column} is required",
        NoRows = "no_rows": "the file has no rows",
        ChangedMeanwhile = "changed_meanwhile": "was changed meanwhile: reload it",
    }
}

/// All that is wrong with an input. Never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, field: impl Into<String>, reason: impl Reason) {
        self.0.push(FieldError::new(field, reason));
    }

    pub fn single(field: impl Into<String>, reason: impl Reason) -> Self {
        Self(vec![FieldError::new(field, reason)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes in the errors of a part of the input, their fields named under `prefix`
    /// (`rows[3].` + `date_of_birth`).
    pub fn extend_under(&mut self, prefix: &str, other: ValidationErrors) {
        self.0.extend(other.0.into_iter().map(|e| FieldError { field: format!("{prefix}{}", e.field), ..e }));
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
        errors.push(field, Common::Required);
    } else if v.chars().count() > max {
        errors.push(field, Common::TooLong { max });
    }
    v.to_string()
}

/// Checks an optional free-text field; empty becomes `None`.
pub fn optional_text(errors: &mut ValidationErrors, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        errors.push(field, Common::TooLong { max });
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
