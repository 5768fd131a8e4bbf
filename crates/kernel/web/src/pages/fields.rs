//! Forms described as data: a handler lists its fields (kind, label, value kept from the last
//! post, error), and one template (`form_view.html`) draws every one of them the same way, with
//! a label on each input and the error next to it. Also the reading of posted values that are
//! not plain text (dates, amounts in euro, numbers, codes), with errors in the reader's language.

use super::ctx::Ctx;
use super::forms::FormData;
use chrono::NaiveDate;
use drom_domain::money::Cents;
use drom_domain::{Common, FieldError};
use std::collections::HashMap;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Number,
    Area,
    Select,
    /// One checkbox.
    Check,
    /// A group of checkboxes sharing the name.
    Checks,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Unique on the page: several forms share a page and some field names.
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: String,
    pub kind: Kind,
    pub value: String,
    pub options: Vec<Choice>,
    pub checked: bool,
    pub required: bool,
    pub error: Option<String>,
    /// `inputmode` for text inputs (`decimal` for amounts), or empty.
    pub inputmode: &'static str,
    /// What a text input suggests as one types (a `<datalist>`): (value, label).
    pub suggestions: Vec<(String, String)>,
}

impl Field {
    pub fn has_hint(&self) -> bool {
        !self.hint.is_empty()
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.has_hint() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }

    pub fn is(&self, kind: &str) -> bool {
        let k = match self.kind {
            Kind::Text => "text",
            Kind::Date => "date",
            Kind::Number => "number",
            Kind::Area => "area",
            Kind::Select => "select",
            Kind::Check => "check",
            Kind::Checks => "checks",
        };
        k == kind
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn decimal(mut self) -> Field {
        self.inputmode = "decimal";
        self
    }

    /// Values to suggest as one types; the input still takes any text, which the server reads.
    pub fn suggest(mut self, suggestions: Vec<(String, String)>) -> Field {
        self.suggestions = suggestions;
        self
    }
}

/// A group of fields, drawn as a fieldset when it has a legend.
#[derive(Debug, Clone)]
pub struct Section {
    pub legend: String,
    pub fields: Vec<Field>,
}

/// One form of a page.
#[derive(Debug, Clone)]
pub struct FormView {
    /// Prefix of the field ids and the anchor of the form (`form-{key}`).
    pub key: String,
    pub title: String,
    /// A sentence above the fields, or empty.
    pub intro: String,
    pub action: String,
    pub submit: String,
    pub sections: Vec<Section>,
    /// Errors for which the form has no field.
    pub other_errors: Vec<String>,
    /// Hidden (name, value) pairs sent back with the form.
    pub hidden: Vec<(String, String)>,
}

impl FormView {
    pub fn has_errors(&self) -> bool {
        !self.other_errors.is_empty() || self.sections.iter().flat_map(|s| &s.fields).any(|f| f.error.is_some())
    }

    /// Each field's error for the summary above the form: (the field's id to link to, its
    /// label, the message).
    pub fn field_errors(&self) -> Vec<(&str, &str, &str)> {
        self.sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter_map(|f| f.error.as_deref().map(|e| (f.id.as_str(), f.label.as_str(), e)))
            .collect()
    }
}

/// Makes the fields of one form from the values and errors it is shown with.
pub struct Builder<'a> {
    pub key: &'a str,
    pub state: &'a FormState,
    placed: Vec<String>,
}

impl<'a> Builder<'a> {
    pub fn new(key: &'a str, state: &'a FormState) -> Builder<'a> {
        Builder { key, state, placed: Vec::new() }
    }

    fn field(&mut self, kind: Kind, name: &str, label: String) -> Field {
        self.placed.push(name.to_string());
        Field {
            id: format!("{}-{}", self.key, name.replace(['[', ']', '.'], "_")),
            name: name.to_string(),
            label,
            hint: String::new(),
            kind,
            value: self.state.v(name),
            options: Vec::new(),
            checked: self.state.has(name, "on"),
            required: false,
            error: self.state.err(name),
            inputmode: "",
            suggestions: Vec::new(),
        }
    }

    pub fn text(&mut self, name: &str, label: String) -> Field {
        self.field(Kind::Text, name, label)
    }

    pub fn date(&mut self, name: &str, label: String) -> Field {
        self.field(Kind::Date, name, label)
    }

    pub fn number(&mut self, name: &str, label: String) -> Field {
        self.field(Kind::Number, name, label)
    }

    pub fn area(&mut self, name: &str, label: String) -> Field {
        self.field(Kind::Area, name, label)
    }

    pub fn check(&mut self, name: &str, label: String) -> Field {
        self.field(Kind::Check, name, label)
    }

    /// A select of (value, label) pairs; `empty` adds a first choice with no value.
    pub fn select(
        &mut self,
        name: &str,
        label: String,
        empty: Option<String>,
        choices: Vec<(String, String)>,
    ) -> Field {
        let mut f = self.field(Kind::Select, name, label);
        let state = self.state;
        f.options = empty
            .map(|e| Choice { value: String::new(), label: e, selected: state.v(name).is_empty() })
            .into_iter()
            .chain(choices.into_iter().map(|(value, label)| Choice { selected: state.has(name, &value), value, label }))
            .collect();
        f
    }

    pub fn checks(&mut self, name: &str, label: String, choices: Vec<(String, String)>) -> Field {
        let mut f = self.field(Kind::Checks, name, label);
        let state = self.state;
        f.options = choices
            .into_iter()
            .map(|(value, label)| Choice { selected: state.has(name, &value), value, label })
            .collect();
        f
    }

    /// The form, with the errors none of its fields shows listed above them.
    pub fn finish(
        self,
        title: String,
        action: String,
        submit: String,
        intro: String,
        sections: Vec<Section>,
    ) -> FormView {
        let other_errors = self
            .state
            .errors
            .iter()
            .filter(|e| !self.placed.contains(&e.field))
            .map(|e| format!("{}: {}", e.field, e.reason))
            .collect();
        FormView { key: self.key.to_string(), title, intro, action, submit, sections, other_errors, hidden: Vec::new() }
    }
}

/// One section without a legend.
pub fn plain(fields: Vec<Field>) -> Vec<Section> {
    vec![Section { legend: String::new(), fields }]
}

/// Storage names some fields differently from the forms: amounts are typed in euro, and a list's
/// entries (`topics[1]`) belong to the list's one group of inputs.
pub fn rekey(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(base) = e.field.strip_suffix("_cents") {
                e.field = base.to_string();
            }
            if let Some(cut) = e.field.find('[')
                && e.field.ends_with(']')
            {
                e.field.truncate(cut);
            }
            e
        })
        .collect()
}

/// Reads the values of a posted form that need more than trimming, noting what it could not read.
pub struct Reader<'a> {
    pub form: &'a FormData,
    ctx: &'a Ctx,
    pub errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    pub fn new(form: &'a FormData, ctx: &'a Ctx) -> Reader<'a> {
        Reader { form, ctx, errors: Vec::new() }
    }

    fn refuse(&mut self, name: &str, reason: Common) {
        self.errors.push(self.ctx.field_error(name, reason));
    }

    pub fn required(&mut self, name: &str) {
        self.refuse(name, Common::Required);
    }

    /// A date that must be there.
    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        match self.form.get(name) {
            None => {
                self.required(name);
                None
            }
            Some(_) => self.optional_date(name),
        }
    }

    pub fn optional_date(&mut self, name: &str) -> Option<NaiveDate> {
        let v = self.form.get(name)?;
        match v.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.refuse(name, Common::NotADate { value: v.to_string() });
                None
            }
        }
    }

    /// An amount typed in euro ("1500", "1500.50").
    pub fn amount(&mut self, name: &str) -> Option<Cents> {
        let Some(v) = self.form.get(name) else {
            self.required(name);
            return None;
        };
        match Cents::parse(&v) {
            Ok(c) => Some(c),
            Err(_) => {
                self.refuse(name, Common::NotAnAmount { value: v.to_string() });
                None
            }
        }
    }

    /// A whole number, if one was typed.
    pub fn optional_int(&mut self, name: &str) -> Option<i64> {
        let v = self.form.get(name)?;
        match v.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.refuse(name, Common::NotANumber { value: v.to_string() });
                None
            }
        }
    }

    pub fn int(&mut self, name: &str) -> Option<i64> {
        if self.form.get(name).is_none() {
            self.required(name);
            return None;
        }
        self.optional_int(name)
    }

    /// A code of a vocabulary, that must be there.
    pub fn code<T: FromStr>(&mut self, name: &str) -> Option<T> {
        let Some(v) = self.form.get(name) else {
            self.required(name);
            return None;
        };
        match v.parse::<T>() {
            Ok(x) => Some(x),
            Err(_) => {
                self.refuse(name, Common::NotAChoice { value: v.to_string() });
                None
            }
        }
    }

    /// Every checked code of a group of checkboxes.
    pub fn codes<T: FromStr>(&mut self, name: &str) -> Vec<T> {
        let mut out = Vec::new();
        for v in self.form.all(name) {
            match v.parse::<T>() {
                Ok(x) => out.push(x),
                Err(_) => self.refuse(name, Common::NotAChoice { value: v.to_string() }),
            }
        }
        out
    }

    /// The value read, or the errors found; nothing is saved when there are any.
    pub fn done<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

/// Values and errors of a form being shown.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    values: HashMap<String, String>,
    multi: HashMap<String, Vec<String>>,
    pub errors: Vec<FieldError>,
}

impl FormState {
    pub fn v(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// Whether a select option or checkbox is chosen.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values.get(name).is_some_and(|v| v == value)
            || self.multi.get(name).is_some_and(|list| list.iter().any(|v| v == value))
    }

    pub fn err(&self, name: &str) -> Option<String> {
        let reasons: Vec<&str> = self.errors.iter().filter(|e| e.field == name).map(|e| e.reason.as_str()).collect();
        (!reasons.is_empty()).then(|| reasons.join("; "))
    }

    /// Errors for fields the form does not show (so they are not lost).
    pub fn other_errors(&self, shown: &[&str]) -> Vec<FieldError> {
        self.errors.iter().filter(|e| !shown.contains(&e.field.as_str())).cloned().collect()
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.values.insert(name.to_string(), value.into());
    }

    /// Adds a value to a list (a group of checkboxes).
    pub fn add(&mut self, name: &str, value: impl Into<String>) {
        self.multi.entry(name.to_string()).or_default().push(value.into());
    }

    pub fn from_form(form: &FormData) -> FormState {
        let mut s = FormState::default();
        for (k, v) in &form.0 {
            if k == "csrf" {
                continue;
            }
            // Every value is kept as a list too, for groups of checkboxes on other forms.
            s.multi.entry(k.clone()).or_default().push(v.clone());
            if k != "vulnerabilities" {
                s.values.insert(k.clone(), v.clone());
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_field_names_become_form_field_names() {
        let e = rekey(vec![
            FieldError::new("amount_cents", Common::Required),
            FieldError::new("topics[2]", Common::Required),
            FieldError::new("answers.debt", Common::Required),
        ]);
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["amount", "topics", "answers.debt"]);
    }

    #[test]
    fn amounts_and_dates_that_cannot_be_read_are_named() {
        let ctx = Ctx { lang: super::super::ctx::Lang::En, user: None, csrf: String::new(), here: "/".into() };
        let form = FormData(vec![("amount".into(), "12.345".into()), ("on".into(), "2026-02-30".into())]);
        let mut r = Reader::new(&form, &ctx);
        assert_eq!(r.amount("amount"), None);
        assert_eq!(r.date("on"), None);
        assert_eq!(r.date("missing"), None);
        let fields: Vec<&str> = r.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["amount", "on", "missing"]);
        assert!(r.errors[0].reason.contains("12.345"), "{}", r.errors[0].reason);
    }
}
