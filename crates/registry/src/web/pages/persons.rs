//! Person pages: search and list, the profile with household, history and audit trail, and the
//! create and edit forms.

use super::person_form::{
    DOCUMENT_ROWS, FormState, MUNICIPALITY_FIELDS, Parsed, country_fields, parse_person, prefill_from_household,
};
use crate::domain::household::{HouseholdData, MemberInput};
use crate::store::RegistryDb;
use crate::store::households::Household;
use crate::store::persons::{NewConsent, Person, PersonQuery, PersonSummary, PersonVersion};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_domain::audit::AuditEntry;
use drom_domain::permission::Permission;
use drom_domain::vocab::{DocumentKind, LegalBasisKind, Relation, Sex, Vulnerability};
use drom_domain::{Common, FieldError};
use drom_store::StoreError;
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::fields::Reader;
use drom_web::pages::forms::{CsrfForm, FormData, page_link};
use drom_web::pages::{html, see_other, signed_in};

pub use drom_web::pages::choices::Choices;

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonList<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    query: FormState,
    page: Page<PersonSummary>,
    error: Option<String>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "person_results.html")]
struct PersonResults<'a> {
    ctx: &'a Ctx,
    choices: Choices,
    page: Page<PersonSummary>,
    prev: Option<String>,
    next: Option<String>,
}

fn query_from(form: &FormData) -> Result<PersonQuery, FieldError> {
    let int = |name: &str| -> Result<Option<i64>, FieldError> {
        form.get(name)
            .map(|v| v.parse::<i64>().map_err(|_| FieldError::new(name, Common::NotANumber { value: v })))
            .transpose()
    };
    Ok(PersonQuery {
        q: form.get("q"),
        municipality: form.get("municipality"),
        community: form.get("community"),
        sex: form
            .get("sex")
            .map(|s| s.parse::<Sex>().map_err(|_| FieldError::new("sex", Common::NotAChoice { value: s })))
            .transpose()?,
        age_min: int("age_min")?.map(|v| v.clamp(-1, 1000) as i32),
        age_max: int("age_max")?.map(|v| v.clamp(-1, 1000) as i32),
        sort: None,
        page: int("page")?,
        per_page: Some(25),
    })
}

pub async fn list(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let raw = raw.unwrap_or_default();
        let form =
            FormData(form_urlencoded::parse(raw.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect());
        let choices = Choices::load(&s).await?;
        let (page, error) = match query_from(&form) {
            Ok(q) => match s.db.registry().search_persons(&user.actor, &q).await {
                Ok(p) => (p, None),
                Err(StoreError::Invalid(e)) => (empty_page(), Some(ctx.summary(&e))),
                Err(StoreError::Denied(_)) => (empty_page(), Some(ctx.t("error-forbidden"))),
                Err(e) => return Err(e.into()),
            },
            Err(e) => (empty_page(), Some(format!("{}: {}", e.field, ctx.reason(&e)))),
        };
        let prev = (page.page > 1).then(|| page_link("/persons", &form, page.page - 1));
        let next = (page.page * page.per_page < page.total).then(|| page_link("/persons", &form, page.page + 1));
        if form.checked("partial") {
            return html(PersonResults { ctx: &ctx, choices, page, prev, next });
        }
        html(PersonList {
            ctx: &ctx,
            title: ctx.t("persons-title"),
            choices,
            query: FormState::from_form(&form),
            page,
            error,
            prev,
            next,
        })
    }
    .await;
    respond(&ctx, result)
}

fn empty_page() -> Page<PersonSummary> {
    Page { items: vec![], total: 0, total_is_exact: true, page: 1, per_page: 25 }
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    p: Person,
    household: Option<Household>,
    history: Vec<PersonVersion>,
    audit: Vec<AuditEntry>,
    /// Sections other capabilities add (their return cases of the person, for example), as HTML
    /// their own templates rendered.
    panels: Vec<String>,
    /// Why the last withdrawal form was refused, in the reader's language.
    withdraw_error: Option<String>,
    /// The form recording consent again, after a withdrawal: what was typed and its errors.
    consent: FormState,
}

impl PersonPage<'_> {
    /// The fields of the form recording consent again: the legal basis's own, so that storage's
    /// errors land next to them.
    fn consent_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("legal_basis.consent_date", self.ctx.t("field-consent-date")),
            ("legal_basis.consent_language", self.ctx.t("field-consent-language")),
            ("legal_basis.consent_scope", self.ctx.t("field-consent-scope")),
        ]
    }

    fn vulnerability_labels(&self) -> Vec<String> {
        self.p.data.vulnerabilities.iter().map(|v| self.ctx.code("vulnerability", v.code())).collect()
    }
}

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    withdraw: Option<String>,
}

pub async fn show(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
) -> Response {
    let result = async {
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let withdraw_error = match q.withdraw.as_deref() {
            Some("confirm") => Some(ctx.t("person-withdraw-confirm-needed")),
            Some("reason") => Some(ctx.t("person-withdraw-reason-needed")),
            _ => None,
        };
        person_page(&ctx, &s, id, withdraw_error, None, StatusCode::OK).await
    }
    .await;
    respond(&ctx, result)
}

/// The person's page; `consent` is the form recording consent again as posted, with its errors.
async fn person_page(
    ctx: &Ctx,
    s: &AppState,
    id: i64,
    withdraw_error: Option<String>,
    consent: Option<FormState>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let p = s.db.registry().person(&user.actor, id).await?;
    let household = match p.household_id {
        Some(h) => Some(s.db.registry().household(&user.actor, h).await?),
        None => None,
    };
    let history = s.db.registry().person_history(&user.actor, id).await?;
    let audit = if user.actor.can(Permission::AuditRead) {
        s.db.audit_entries(&user.actor, Some(("person", id)), 50, None).await?
    } else {
        vec![]
    };
    let mut panels = Vec::new();
    for panel in s.person_panels.iter() {
        panels.extend(panel(ctx, s, id).await?);
    }
    let title = format!("{} {}", p.data.given_name, p.data.family_name);
    // A new consent starts today, in the language and for the scope of the one withdrawn.
    let consent = consent.unwrap_or_else(|| {
        let mut f = FormState::default();
        f.set("legal_basis.consent_date", chrono::Utc::now().date_naive().to_string());
        f.set("legal_basis.consent_language", p.data.legal_basis.consent_language.clone().unwrap_or_default());
        f.set("legal_basis.consent_scope", p.data.legal_basis.consent_scope.clone().unwrap_or_default());
        f
    });
    let choices = Choices::load(s).await?;
    let mut resp =
        html(PersonPage { ctx, title, choices, p, household, history, audit, panels, withdraw_error, consent })?;
    *resp.status_mut() = status;
    Ok(resp)
}

/// Records consent given again by a person who withdrew theirs; a refused form comes back on
/// the person's page next to its fields.
pub async fn record_consent(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let writer = user.actor.registry_writer()?;
        let mut r = Reader::new(&form, &ctx);
        let consent_date = r.date("legal_basis.consent_date");
        let errors = match r.done(consent_date) {
            Ok(consent_date) => {
                let consent = NewConsent {
                    consent_date,
                    consent_language: form.text("legal_basis.consent_language"),
                    consent_scope: form.text("legal_basis.consent_scope"),
                };
                match s.db.registry().record_consent(writer, id, consent).await {
                    Ok(_) | Err(StoreError::Conflict(_)) => return see_other(&format!("/persons/{id}#consent")),
                    Err(StoreError::Invalid(e)) => ctx.localise(e.0),
                    Err(e) => return Err(e.into()),
                }
            }
            Err(errors) => errors,
        };
        let mut state = FormState::from_form(&form);
        state.errors = errors;
        person_page(&ctx, &s, id, None, Some(state), StatusCode::UNPROCESSABLE_ENTITY).await
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct PersonFormPage<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    form: FormState,
    action: String,
    /// The version the form was loaded at (edit only).
    version: Option<i64>,
    /// Household the new person joins, and the relation.
    household: Option<i64>,
    document_rows: Vec<usize>,
}

impl PersonFormPage<'_> {
    fn sexes(&self) -> Vec<(&'static str, String)> {
        Sex::ALL.iter().map(|s| (s.code(), self.ctx.code("sex", s.code()))).collect()
    }

    fn relations(&self) -> Vec<(&'static str, String)> {
        Relation::ALL
            .iter()
            .filter(|r| **r != Relation::Head)
            .map(|r| (r.code(), self.ctx.code("relation", r.code())))
            .collect()
    }

    fn languages(&self) -> Vec<(String, String)> {
        Choices::languages(self.ctx)
    }

    fn countries(&self) -> Vec<(String, String)> {
        self.choices.country_suggestions(self.ctx)
    }

    fn municipalities(&self) -> Vec<(String, String)> {
        self.choices.municipality_suggestions(self.ctx)
    }

    fn document_kinds(&self) -> Vec<(&'static str, String)> {
        DocumentKind::ALL.iter().map(|d| (d.code(), self.ctx.code("document", d.code()))).collect()
    }

    /// The vulnerabilities this user may record, with whether each is a special category.
    fn vulnerabilities(&self) -> Vec<(&'static str, String, bool)> {
        Vulnerability::ALL
            .iter()
            .filter(|v| v.special_category().is_none() || self.ctx.can_special())
            .map(|v| (v.code(), self.ctx.code("vulnerability", v.code()), v.special_category().is_some()))
            .collect()
    }

    fn bases(&self) -> Vec<(&'static str, String)> {
        LegalBasisKind::ALL.iter().map(|b| (b.code(), self.ctx.code("basis", b.code()))).collect()
    }

    fn doc_field(&self, i: &usize, name: &str) -> String {
        format!("documents[{i}].{name}")
    }

    /// The label of a field of the form, for the error summary (`field-<name>`; a document's
    /// row and the legal basis's parts by their last name).
    fn field_label(&self, field: &str) -> String {
        let last = field.rsplit(['.', ']']).find(|p| !p.is_empty()).unwrap_or(field);
        self.ctx.t_or(&format!("field-{}", last.replace('_', "-")), field)
    }

    /// Errors the form has no field for.
    fn unplaced_errors(&self) -> Vec<FieldError> {
        let mut shown = vec![
            "given_name",
            "family_name",
            "given_name_other_script",
            "family_name_other_script",
            "date_of_birth",
            "sex",
            "community",
            "languages",
            "municipality_of_origin",
            "current_country",
            "current_place",
            "vulnerabilities",
            "legal_basis.kind",
            "legal_basis.consent_date",
            "legal_basis.consent_scope",
            "legal_basis.consent_language",
            "legal_basis.legal_reference",
            "contact_phone",
            "contact_email",
            "contact_address",
        ];
        let docs: Vec<String> = (0..DOCUMENT_ROWS)
            .flat_map(|i| ["kind", "number", "issuing_country", "expires_on"].map(|f| format!("documents[{i}].{f}")))
            .collect();
        shown.extend(docs.iter().map(String::as_str));
        self.form.other_errors(&shown)
    }
}

pub async fn new_form(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.registry_writer()?;
        let q = FormData(
            form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        );
        let mut form = FormState::default();
        form.set("sex", "unknown");
        form.set("legal_basis.kind", "consent");
        form.set("legal_basis.consent_date", chrono::Utc::now().date_naive().to_string());
        form.set("legal_basis.consent_language", ctx.lang.code());
        form.set("relation", q.get("relation").unwrap_or_else(|| "child".into()));
        let household = q.get("household").and_then(|h| h.parse().ok());
        if let Some(h) = household {
            // A household shares where it comes from and lives, its languages, its address and
            // usually the consent it gave: start from the head's record (else the first member's).
            let hh = s.db.registry().household(&user.actor, h).await?;
            let from = hh.members.iter().find(|m| m.relation == Relation::Head).or(hh.members.first());
            if let Some(m) = from {
                let member = s.db.registry().person(&user.actor, m.person_id).await?;
                prefill_from_household(&mut form, &member.data);
            }
            if let Some(municipality) = hh.municipality {
                form.set("municipality_of_origin", municipality);
            }
        }
        form_page(&ctx, &s, ctx.t("person-new-title"), form, "/persons/new".into(), None, household).await
    }
    .await;
    respond(&ctx, result)
}

/// The person a posted form describes, its countries typed by name or code read as codes; the
/// fields it could not read, else.
fn read_person(ctx: &Ctx, choices: &Choices, form: &FormData) -> Result<Parsed, Vec<FieldError>> {
    let fields = country_fields();
    let (read, mut errors) = choices.read_countries(ctx, form, &fields.iter().map(String::as_str).collect::<Vec<_>>());
    match parse_person(&read) {
        Ok(p) if errors.is_empty() => Ok(p),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.extend(e);
            Err(errors)
        }
    }
}

async fn form_page(
    ctx: &Ctx,
    s: &AppState,
    title: String,
    mut form: FormState,
    action: String,
    version: Option<i64>,
    household: Option<i64>,
) -> Result<Response, PageError> {
    let choices = Choices::load(s).await?;
    let countries = country_fields();
    choices.name_places(
        ctx,
        &mut form,
        &countries.iter().map(String::as_str).collect::<Vec<_>>(),
        &MUNICIPALITY_FIELDS,
    );
    html(PersonFormPage {
        ctx,
        title,
        choices,
        form,
        action,
        version,
        household,
        document_rows: (0..DOCUMENT_ROWS).collect(),
    })
}

/// Shows the form again with the user's input and the errors; nothing was saved.
async fn refused(
    ctx: &Ctx,
    s: &AppState,
    form: &FormData,
    errors: Vec<FieldError>,
    title: String,
    action: String,
) -> Result<Response, PageError> {
    let mut state = FormState::from_form(form);
    state.errors = ctx.localise(errors);
    let version = form.get("version").and_then(|v| v.parse().ok());
    let household = form.get("household").and_then(|v| v.parse().ok());
    let mut resp = form_page(ctx, s, title, state, action, version, household).await?;
    *resp.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(resp)
}

pub async fn create(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let title = ctx.t("person-new-title");
        let parsed = match read_person(&ctx, &Choices::load(&s).await?, &form) {
            Ok(p) => p,
            Err(errors) => return refused(&ctx, &s, &form, errors, title, "/persons/new".into()).await,
        };
        let household: Option<i64> = form.get("household").and_then(|h| h.parse().ok());
        let relation: Relation = form.get("relation").and_then(|r| r.parse().ok()).unwrap_or(Relation::Other);
        // Check the household first, so a refused member does not leave a person behind.
        let hh = match household {
            Some(h) => Some(s.db.registry().household(&user.actor, h).await?),
            None => None,
        };
        let created = match s.db.registry().create_person(writer, parsed.data.clone(), None).await {
            Ok(p) => p,
            Err(StoreError::Invalid(e)) => {
                return refused(&ctx, &s, &form, parsed.rekey(ctx.localise(e.0)), title, "/persons/new".into()).await;
            }
            Err(e) => return Err(e.into()),
        };
        if let Some(hh) = hh {
            let mut members: Vec<MemberInput> =
                hh.members.iter().map(|m| MemberInput { person_id: m.person_id, relation: m.relation }).collect();
            members.push(MemberInput { person_id: created.id, relation });
            s.db.registry()
                .update_household(
                    writer,
                    hh.id,
                    Some(hh.version),
                    HouseholdData { label: hh.label, municipality: hh.municipality, members },
                    None,
                )
                .await?;
            return see_other(&format!("/households/{}", hh.id));
        }
        see_other(&format!("/persons/{}", created.id))
    }
    .await;
    respond(&ctx, result)
}

pub async fn edit_form(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.registry_writer()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let p = s.db.registry().person(&user.actor, id).await?;
        let title = ctx.t1("person-edit-title", "name", format!("{} {}", p.data.given_name, p.data.family_name));
        form_page(
            &ctx,
            &s,
            title,
            super::person_form::person_state(&p.data),
            format!("/persons/{id}/edit"),
            Some(p.version),
            None,
        )
        .await
    }
    .await;
    respond(&ctx, result)
}

pub async fn update(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let action = format!("/persons/{id}/edit");
        let title =
            ctx.t1("person-edit-title", "name", format!("{} {}", form.text("given_name"), form.text("family_name")));
        let parsed = match read_person(&ctx, &Choices::load(&s).await?, &form) {
            Ok(p) => p,
            Err(errors) => return refused(&ctx, &s, &form, errors, title, action).await,
        };
        let version = form.get("version").and_then(|v| v.parse().ok());
        match s
            .db
            .registry()
            .update_person(writer, id, version, parsed.data.clone(), form.get("reason").as_deref())
            .await
        {
            Ok(_) => see_other(&format!("/persons/{id}")),
            Err(StoreError::Invalid(e)) => {
                refused(&ctx, &s, &form, parsed.rekey(ctx.localise(e.0)), title, action).await
            }
            Err(StoreError::Conflict(_) | StoreError::Stale(_)) => {
                refused(&ctx, &s, &form, vec![FieldError::new("version", Common::ChangedMeanwhile)], title, action)
                    .await
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

pub async fn withdraw_consent(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let writer = user.actor.registry_writer()?;
        // A withdrawal stops new voluntary work for the person: it is confirmed, never one click.
        if !form.checked("confirm") {
            return see_other(&format!("/persons/{id}?withdraw=confirm#consent"));
        }
        match s.db.registry().withdraw_consent(writer, id, &form.text("reason")).await {
            Ok(_) | Err(StoreError::Conflict(_)) => see_other(&format!("/persons/{id}")),
            Err(StoreError::Invalid(_)) => see_other(&format!("/persons/{id}?withdraw=reason#consent")),
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}
