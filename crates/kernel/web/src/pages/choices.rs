//! Reference data as choices for selects, and codes shown as names in the page's language.

use super::ctx::{Ctx, Lang};
use super::error::PageError;
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
}
