//! The informed-consent form of a return case, printed for the person to sign, in the person's
//! language: the case, what the counsellor told them about the municipality (the current
//! information sheet), what they agree to, their right to withdraw, and the signature lines. A
//! signed scan is attached back to the case as a `signed_consent` file.

use crate::store::ReturnsDb;
use crate::store::cases::ReturnCase;
use crate::store::info_sheets::InfoSheet;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use drom_registry::RegistryDb;
use drom_web::AppState;
use drom_web::pages::ctx::{Ctx, Lang};
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::{html, signed_in};
use serde::Deserialize;

/// The languages a consent form prints in: those with every message of the form.
pub const FORM_LANGUAGES: [Lang; 3] = [Lang::Sq, Lang::Sr, Lang::En];

#[derive(Template)]
#[template(path = "consent_form.html")]
struct ConsentForm<'a> {
    ctx: &'a Ctx,
    /// The form's own language, which may differ from the page's.
    c: Ctx,
    title: String,
    k: ReturnCase,
    agency: String,
    municipality: Option<String>,
    sheet: Option<InfoSheet>,
    printed_on: String,
    languages: Vec<(Lang, bool)>,
}

impl ConsentForm<'_> {
    fn topics(&self) -> Vec<(String, String)> {
        self.sheet.as_ref().map(|s| super::info_sheets::topic_texts(&self.c, s)).unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct FormQuery {
    lang: Option<String>,
}

/// The language of the form: the one asked for, else the first of the person's languages a
/// form prints in, else the reader's.
pub fn form_language(asked: Option<&str>, person_languages: &[String], reader: Lang) -> Lang {
    let printable = |l: Lang| FORM_LANGUAGES.contains(&l);
    asked
        .and_then(Lang::from_code)
        .filter(|l| printable(*l))
        .or_else(|| person_languages.iter().filter_map(|l| Lang::from_code(l)).find(|l| printable(*l)))
        .unwrap_or(if printable(reader) { reader } else { Lang::En })
}

pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, Query(q): Query<FormQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let k = s.db.returns().return_case(&user.actor, id).await?;
        let person = s.db.registry().person(&user.actor, k.person_id).await?;
        let lang = form_language(q.lang.as_deref(), &person.data.languages, ctx.lang);
        let c = Ctx { lang, ..ctx.clone() };
        let reference = s.db.reference().await?;
        let municipality = k.destination_municipality.as_deref().and_then(|m| reference.municipality(m));
        let sheet = match municipality {
            Some(m) => s.db.returns().info_sheet(&user.actor, &m.code, None).await?,
            None => None,
        };
        let municipality = municipality.map(|m| c.municipality(m));
        let agency = s.db.agency(k.agency_id).await.map(|a| a.name).unwrap_or_default();
        html(ConsentForm {
            ctx: &ctx,
            title: c.t("cf-title"),
            printed_on: c.datetime(&chrono::Utc::now().date_naive().to_string()),
            languages: FORM_LANGUAGES.iter().map(|l| (*l, *l == lang)).collect(),
            c,
            k,
            agency,
            municipality,
            sheet,
        })
    }
    .await;
    respond(&ctx, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_speaks_the_persons_language() {
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Romani has no complete form yet: the next language the person speaks is used.
        assert_eq!(form_language(None, &langs(&["rom", "sq"]), Lang::En), Lang::Sq);
        assert_eq!(form_language(None, &langs(&["sr"]), Lang::Sq), Lang::Sr);
        assert_eq!(form_language(None, &langs(&["de"]), Lang::Sq), Lang::Sq);
        assert_eq!(form_language(None, &langs(&["rom"]), Lang::Rom), Lang::En);
        assert_eq!(form_language(Some("en"), &langs(&["sq"]), Lang::Sq), Lang::En);
    }
}
