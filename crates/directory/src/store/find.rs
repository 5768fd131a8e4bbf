//! Finding services (the HSDS API's `/services`, the public finder, a referral's service
//! picker) and reading compiled services.

use super::Directory;
use super::tables::select;
use crate::domain::hours::{Span, open_at};
use crate::hsds::compiled::CompiledService;
use crate::hsds::model::*;
use chrono::NaiveDateTime;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::sql;
use std::collections::{BTreeSet, HashSet};

/// What to look for; every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct ServiceQuery {
    /// Words in the service's or its organization's name or description (case-insensitive).
    pub search: Option<String>,
    /// A taxonomy term attached to the service (HSDS attribute).
    pub taxonomy_term_id: Option<String>,
    /// Any term of this taxonomy attached to the service.
    pub taxonomy_id: Option<String>,
    /// A need (`domain::Need` code): a term of Drom's needs taxonomy with this code.
    pub need: Option<String>,
    pub organization_id: Option<String>,
    /// Changed at or after this time (`last_modified`, RFC 3339 or a date).
    pub modified_after: Option<String>,
    /// A municipality code: the service is at a location in it or serves it (service area).
    pub municipality: Option<String>,
    /// A language spoken (ISO 639 code) by the service or at one of its locations.
    pub language: Option<String>,
    /// Open at this moment (Kosovo's local time).
    pub open_at: Option<NaiveDateTime>,
    /// Only services of these statuses (none: every status).
    pub statuses: Vec<String>,
}

/// A page of services (ids in order; total over all pages).
#[derive(Debug, Clone)]
pub struct Found {
    pub ids: Vec<String>,
    pub total: usize,
}

fn next(params: &mut Vec<Param>, p: Param) -> usize {
    params.push(p);
    params.len()
}

fn marks(start: usize, n: usize) -> String {
    (start..start + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Directory<'_> {
    /// The ids of the services matching `q`, by name, the whole list (the directory is small
    /// enough to be filtered for "open now" by the domain's rule in memory).
    pub async fn find_services(&self, q: &ServiceQuery) -> Result<Vec<String>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<Param> = Vec::new();
        if let Some(words) = q.search.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            for word in words.split_whitespace().take(8) {
                let n = next(&mut params, Param::S(format!("%{}%", word.to_lowercase())));
                conds.push(format!(
                    "(LOWER(s.name) LIKE ${n} OR LOWER(COALESCE(s.description, '')) LIKE ${n} \
                     OR LOWER(COALESCE(s.alternate_name, '')) LIKE ${n} OR LOWER(o.name) LIKE ${n})"
                ));
            }
        }
        if let Some(t) = &q.taxonomy_term_id {
            let n = next(&mut params, Param::S(t.clone()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM dir_attribute a WHERE a.link_id = s.id AND a.taxonomy_term_id = ${n})"
            ));
        }
        if let Some(t) = &q.taxonomy_id {
            let n = next(&mut params, Param::S(t.clone()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM dir_attribute a JOIN dir_taxonomy_term t ON t.id = a.taxonomy_term_id \
                 WHERE a.link_id = s.id AND t.taxonomy_id = ${n})"
            ));
        }
        if let Some(need) = &q.need {
            let n = next(&mut params, Param::S(need.clone()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM dir_attribute a JOIN dir_taxonomy_term t ON t.id = a.taxonomy_term_id \
                 WHERE a.link_id = s.id AND t.code = ${n} AND t.taxonomy_id = '{}')",
                crate::domain::NEEDS_TAXONOMY_ID
            ));
        }
        if let Some(o) = &q.organization_id {
            let n = next(&mut params, Param::S(o.clone()));
            conds.push(format!("s.organization_id = ${n}"));
        }
        if let Some(m) = &q.modified_after {
            let n = next(&mut params, Param::S(m.clone()));
            conds.push(format!("s.updated_at >= ${n}"));
        }
        if let Some(m) = &q.municipality {
            let n = next(&mut params, Param::S(m.clone()));
            conds.push(format!(
                "(EXISTS (SELECT 1 FROM dir_service_at_location x JOIN dir_location l ON l.id = x.location_id \
                  WHERE x.service_id = s.id AND l.municipality_code = ${n}) \
                 OR EXISTS (SELECT 1 FROM dir_service_area sa WHERE sa.service_id = s.id AND sa.municipality_code = ${n}))"
            ));
        }
        if let Some(l) = &q.language {
            let n = next(&mut params, Param::S(l.to_lowercase()));
            conds.push(format!(
                "(EXISTS (SELECT 1 FROM dir_language g WHERE g.service_id = s.id AND LOWER(g.code) = ${n}) \
                 OR EXISTS (SELECT 1 FROM dir_service_at_location x JOIN dir_language g ON g.location_id = x.location_id \
                  WHERE x.service_id = s.id AND LOWER(g.code) = ${n}))"
            ));
        }
        if !q.statuses.is_empty() {
            let start = params.len() + 1;
            for st in &q.statuses {
                params.push(Param::S(st.clone()));
            }
            conds.push(format!("s.status IN ({})", marks(start, q.statuses.len())));
        }
        let where_ = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
        let text = format!(
            "SELECT s.id FROM dir_service s JOIN dir_organization o ON o.id = s.organization_id{where_} ORDER BY s.name, s.id"
        );
        let rows: Vec<(String,)> =
            sql!(&mut c, fetch_all, bind_params(sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(text)), &params))?;
        let ids: Vec<String> = rows.into_iter().map(|(id,)| id).collect();
        let Some(at) = q.open_at else { return Ok(ids) };
        let open = open_services(&mut c, &ids, at).await?;
        Ok(ids.into_iter().filter(|id| open.contains(id)).collect())
    }

    /// Compiled services by id, in the order given (ids not found are left out).
    pub async fn compiled_services(&self, ids: &[String]) -> Result<Vec<CompiledService>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let t = tables_of(&mut c, ids).await?;
        Ok(ids.iter().filter_map(|id| t.services.iter().find(|s| &s.id == id)).map(|s| t.compile_one(s)).collect())
    }

    /// One compiled service.
    pub async fn compiled_service(&self, id: &str) -> Result<CompiledService, StoreError> {
        self.compiled_services(&[id.to_string()]).await?.pop().ok_or(StoreError::NotFound)
    }

    /// Every organization, by name.
    pub async fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mut v: Vec<Organization> = select(&mut c, "", &[]).await?;
        v.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(v)
    }

    pub async fn taxonomies(&self) -> Result<Vec<Taxonomy>, StoreError> {
        let mut h = self.acquire().await?;
        select(&mut h.conn(), "", &[]).await
    }

    pub async fn taxonomy_terms(&self, taxonomy_id: Option<&str>) -> Result<Vec<TaxonomyTerm>, StoreError> {
        let mut h = self.acquire().await?;
        match taxonomy_id {
            Some(t) => select(&mut h.conn(), "taxonomy_id = $1", &[Param::S(t.into())]).await,
            None => select(&mut h.conn(), "", &[]).await,
        }
    }

    pub async fn service_at_locations(&self) -> Result<Vec<ServiceAtLocation>, StoreError> {
        let mut h = self.acquire().await?;
        select(&mut h.conn(), "", &[]).await
    }

    /// Number of services with a location in, or a service area of, each municipality (code).
    pub async fn services_by_municipality(&self, statuses: &[&str]) -> Result<Vec<(String, i64)>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let params: Vec<Param> = statuses.iter().map(|s| Param::S((*s).to_string())).collect();
        let text = format!(
            "SELECT m, COUNT(DISTINCT sid) FROM ( \
               SELECT l.municipality_code AS m, x.service_id AS sid FROM dir_service_at_location x \
                 JOIN dir_location l ON l.id = x.location_id WHERE l.municipality_code IS NOT NULL \
               UNION SELECT sa.municipality_code, sa.service_id FROM dir_service_area sa WHERE sa.municipality_code IS NOT NULL \
             ) u JOIN dir_service s ON s.id = u.sid WHERE s.status IN ({}) GROUP BY m ORDER BY m",
            marks(1, params.len().max(1))
        );
        let params = if params.is_empty() { vec![Param::S("active".into())] } else { params };
        Ok(sql!(
            &mut c,
            fetch_all,
            bind_params(sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(text)), &params)
        )?)
    }
}

/// The services among `ids` open at `at` (their own schedules, or their locations').
async fn open_services(c: &mut Conn<'_>, ids: &[String], at: NaiveDateTime) -> Result<HashSet<String>, StoreError> {
    let mut open = HashSet::new();
    if ids.is_empty() {
        return Ok(open);
    }
    let params: Vec<Param> = ids.iter().cloned().map(Param::S).collect();
    let m = marks(1, ids.len());
    let sals: Vec<ServiceAtLocation> = select(c, &format!("service_id IN ({m})"), &params).await?;
    let sal_ids: Vec<Param> = sals.iter().map(|s| Param::S(s.id.clone())).collect();
    let mut schedules: Vec<Schedule> = select(c, &format!("service_id IN ({m})"), &params).await?;
    if !sal_ids.is_empty() {
        schedules.extend(
            select::<Schedule>(c, &format!("service_at_location_id IN ({})", marks(1, sal_ids.len())), &sal_ids)
                .await?,
        );
    }
    let span = |s: &Schedule| {
        Span::from_hsds(
            s.byday.as_deref(),
            s.opens_at.as_deref(),
            s.closes_at.as_deref(),
            s.valid_from.as_deref(),
            s.valid_to.as_deref(),
        )
    };
    for s in &schedules {
        let Some(sp) = span(s) else { continue };
        if !open_at(std::slice::from_ref(&sp), at) {
            continue;
        }
        if let Some(id) = &s.service_id {
            open.insert(id.clone());
        }
        if let Some(x) = &s.service_at_location_id
            && let Some(sal) = sals.iter().find(|y| &y.id == x)
        {
            open.insert(sal.service_id.clone());
        }
    }
    Ok(open)
}

/// The rows that hang on the services `ids`.
async fn tables_of(c: &mut Conn<'_>, ids: &[String]) -> Result<Tables, StoreError> {
    fn ps(v: &BTreeSet<String>) -> Vec<Param> {
        v.iter().cloned().map(Param::S).collect()
    }
    async fn by<T>(c: &mut Conn<'_>, column: &str, keys: &BTreeSet<String>) -> Result<Vec<T>, StoreError>
    where
        T: Table
            + Send
            + Unpin
            + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        select(c, &format!("{column} IN ({})", marks(1, keys.len())), &ps(keys)).await
    }
    let sids: BTreeSet<String> = ids.iter().cloned().collect();
    let services: Vec<Service> = by(c, "id", &sids).await?;
    let oids: BTreeSet<String> = services.iter().map(|s| s.organization_id.clone()).collect();
    let organizations: Vec<Organization> = by(c, "id", &oids).await?;
    let sals: Vec<ServiceAtLocation> = by(c, "service_id", &sids).await?;
    let salids: BTreeSet<String> = sals.iter().map(|s| s.id.clone()).collect();
    let lids: BTreeSet<String> = sals.iter().map(|s| s.location_id.clone()).collect();
    let locations: Vec<Location> = by(c, "id", &lids).await?;
    let addresses: Vec<Address> = by(c, "location_id", &lids).await?;
    let mut contacts: Vec<Contact> = by(c, "service_id", &sids).await?;
    contacts.extend(by::<Contact>(c, "service_at_location_id", &salids).await?);
    let cids: BTreeSet<String> = contacts.iter().map(|x| x.id.clone()).collect();
    let mut phones: Vec<Phone> = by(c, "service_id", &sids).await?;
    phones.extend(by::<Phone>(c, "service_at_location_id", &salids).await?);
    phones.extend(by::<Phone>(c, "location_id", &lids).await?);
    phones.extend(by::<Phone>(c, "contact_id", &cids).await?);
    let mut schedules: Vec<Schedule> = by(c, "service_id", &sids).await?;
    schedules.extend(by::<Schedule>(c, "service_at_location_id", &salids).await?);
    schedules.extend(by::<Schedule>(c, "location_id", &lids).await?);
    let mut languages: Vec<Language> = by(c, "service_id", &sids).await?;
    languages.extend(by::<Language>(c, "location_id", &lids).await?);
    let service_areas: Vec<ServiceArea> = by(c, "service_id", &sids).await?;
    let required_documents: Vec<RequiredDocument> = by(c, "service_id", &sids).await?;
    let attributes: Vec<Attribute> = by(c, "link_id", &sids).await?;
    let term_ids: BTreeSet<String> = attributes.iter().map(|a| a.taxonomy_term_id.clone()).collect();
    let taxonomy_terms: Vec<TaxonomyTerm> = by(c, "id", &term_ids).await?;
    let tax_ids: BTreeSet<String> = taxonomy_terms.iter().filter_map(|t| t.taxonomy_id.clone()).collect();
    let taxonomies: Vec<Taxonomy> = by(c, "id", &tax_ids).await?;
    let mut t = Tables {
        taxonomies,
        taxonomy_terms,
        organizations,
        services,
        locations,
        addresses,
        service_at_locations: sals,
        contacts,
        phones,
        schedules,
        languages,
        service_areas,
        required_documents,
        attributes,
    };
    t.dedup();
    Ok(t)
}
