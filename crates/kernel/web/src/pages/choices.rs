//! Reference data as choices for selects, and codes shown as names in the page's language.

use super::ctx::{Ctx, Lang};
use super::error::PageError;
use super::fields::FormState;
use super::forms::FormData;
use crate::AppState;
use drom_store::reference::ReferenceData;
use std::sync::Arc;

/// Reference lists for selects and for showing codes as names.
pub struct Choices {
    pub reference: Arc<ReferenceData>,
}

impl Choices {
    pub async fn load(s: &AppState) -> Result<Choices, PageError> {
        Ok(Choices { reference: s.db.reference().await? })
    }

    /// (code, name in the page's language), sorted by that name.
    pub fn municipalities(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> =
            self.reference.municipalities.iter().map(|m| (m.code.clone(), ctx.municipality(m))).collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    }

    pub fn municipality(&self, ctx: &Ctx, code: Option<&str>) -> String {
        code.and_then(|c| self.reference.municipalities.iter().find(|m| m.code == c))
            .map(|m| ctx.municipality(m))
            .unwrap_or_default()
    }

    pub fn communities(&self, ctx: &Ctx) -> Vec<(String, String)> {
        self.reference.communities.iter().map(|c| (c.code.clone(), self.community(ctx, Some(&c.code)))).collect()
    }

    pub fn community(&self, ctx: &Ctx, code: Option<&str>) -> String {
        code.and_then(|c| self.reference.communities.iter().find(|x| x.code == c))
            .map(|c| match ctx.lang {
                Lang::Sq => c.name_sq.clone(),
                Lang::Sr => c.name_sr.clone(),
                _ => c.name_en.clone(),
            })
            .unwrap_or_default()
    }

    /// The languages a list of languages suggests: (code, name in the page's language). What is
    /// typed is read by `drom_domain::language`, which knows the same names.
    pub fn languages(ctx: &Ctx) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = drom_domain::language::LANGUAGES
            .iter()
            .map(|l| {
                let name = match ctx.lang {
                    Lang::Sq => l.sq,
                    Lang::Sr => l.sr,
                    _ => l.en,
                };
                (l.code.to_string(), name.to_string())
            })
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    }

    /// (code, name in the page's language), sorted by that name as folded, so that "Çeki"
    /// stands among the C's.
    pub fn countries(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> =
            self.reference.countries.iter().map(|c| (c.alpha2.clone(), self.country(ctx, Some(&c.alpha2)))).collect();
        v.sort_by_cached_key(|(_, name)| drom_domain::fold::fold(name));
        v
    }

    /// A country's name in the page's language. English pages show the name in the database,
    /// which administrators correct; Albanian and Serbian pages CLDR's (`Ctx::country`), and the
    /// database's English name for a code CLDR lacks.
    pub fn country(&self, ctx: &Ctx, code: Option<&str>) -> String {
        let Some(code) = code else { return String::new() };
        let stored = self.reference.country(code).map(|c| c.name.clone());
        match (ctx.lang, stored) {
            (Lang::En | Lang::Rom, Some(name)) => name,
            (_, stored) => super::countries::name(code, ctx.lang)
                .map(str::to_string)
                .or(stored)
                .unwrap_or_else(|| code.to_string()),
        }
    }

    /// What a country input suggests as one types (a `<datalist>`): each name in the page's
    /// language, labelled with its code. The input takes any text, which `read_countries` reads.
    pub fn country_suggestions(&self, ctx: &Ctx) -> Vec<(String, String)> {
        self.countries(ctx).into_iter().map(|(code, name)| (name, code)).collect()
    }

    /// What a municipality input suggests: each name in the page's language, which storage
    /// reads back (`ReferenceData::municipality`) as it reads a code or either official name.
    pub fn municipality_suggestions(&self, ctx: &Ctx) -> Vec<(String, String)> {
        self.municipalities(ctx).into_iter().map(|(_, name)| (name, String::new())).collect()
    }

    /// The posted form with each of `fields` that names a country (a code, or a name in any of
    /// the three languages: `countries::find`) holding its code, as the API sends it to storage;
    /// an empty field stays empty, and one naming no country is refused naming the field.
    pub fn read_countries(
        &self,
        ctx: &Ctx,
        form: &FormData,
        fields: &[&str],
    ) -> (FormData, Vec<drom_domain::FieldError>) {
        let mut errors = Vec::new();
        let mut read = form.clone();
        for (name, value) in read.0.iter_mut() {
            if !fields.contains(&name.as_str()) || value.trim().is_empty() {
                continue;
            }
            match super::countries::find(value, &self.reference.countries) {
                Some(code) => *value = code,
                None => errors.push(
                    ctx.field_error(name, drom_domain::Common::UnknownCountry { value: value.trim().to_string() }),
                ),
            }
        }
        (read, errors)
    }

    /// A form's first display: the codes of countries and municipalities it holds shown as their
    /// names in the page's language (which `read_countries` and storage read back).
    pub fn name_places(&self, ctx: &Ctx, state: &mut FormState, countries: &[&str], municipalities: &[&str]) {
        for field in countries {
            let code = state.v(field);
            if self.reference.country(&code).is_some() {
                state.set(field, self.country(ctx, Some(&code)));
            }
        }
        for field in municipalities {
            if let Some(m) = self.reference.municipality(&state.v(field)) {
                state.set(field, ctx.municipality(m));
            }
        }
    }
}
