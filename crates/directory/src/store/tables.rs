//! The whole directory in and out: the import (an upsert by id of HSDS tables, in one
//! transaction, audited, all or nothing) and the read of every table (the export).

use super::Directory;
use crate::DirectoryReason;
use crate::hsds::model::*;
use drom_domain::ValidationErrors;
use drom_domain::permission::Administrator;
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::reference::ReferenceData;
use drom_store::sql;
use std::collections::HashSet;

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
pub struct ImportSummary {
    pub organizations: usize,
    pub services: usize,
    pub locations: usize,
    /// Rows written over all tables.
    pub rows: usize,
}

/// A row's field as an error names it: `/0/phones/1/number` in JSON,
/// `phones.csv row 3, number` in CSV.
pub fn field(origin: &str, name: &str) -> String {
    if origin.starts_with('/') { format!("{origin}/{name}") } else { format!("{origin}, {name}") }
}

/// Writes every row of one table, telling `tick` after each.
async fn upsert_all<T: Table>(c: &mut Conn<'_>, rows: &[T], tick: &mut impl FnMut()) -> Result<(), StoreError> {
    for row in rows {
        upsert(c, row, &[]).await?;
        tick();
    }
    Ok(())
}

async fn upsert<T: Table>(c: &mut Conn<'_>, row: &T, extra: &[(&str, Param)]) -> Result<(), StoreError> {
    let values = row.values();
    let mut columns: Vec<&str> = T::COLUMNS.to_vec();
    let mut placeholders: Vec<String> = values.iter().enumerate().map(|(i, v)| v.placeholder(i + 1)).collect();
    let mut params: Vec<Param> = values.iter().map(Val::param).collect();
    for (col, p) in extra {
        columns.push(col);
        placeholders.push(format!("${}", params.len() + 1));
        params.push(p.clone());
    }
    let updates: Vec<String> = columns.iter().filter(|c| **c != "id").map(|c| format!("{c} = excluded.{c}")).collect();
    let text = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
        T::TABLE,
        columns.join(", "),
        placeholders.join(", "),
        updates.join(", ")
    );
    sql!(c, execute, bind_params(sqlx::query(sqlx::AssertSqlSafe(text)), &params))?;
    Ok(())
}

async fn exists(c: &mut Conn<'_>, table: &str, id: &str) -> Result<bool, StoreError> {
    let found: Option<String> = sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!("SELECT id FROM {table} WHERE id = $1"))).bind(id)
    )?;
    Ok(found.is_some())
}

/// The ids of each table in the file, for the reference checks.
struct Known {
    sets: std::collections::HashMap<&'static str, HashSet<String>>,
}

impl Known {
    fn of(t: &Tables) -> Self {
        fn ids<T: Table>(v: &[T]) -> HashSet<String> {
            v.iter().map(|r| r.id().to_string()).collect()
        }
        let mut sets = std::collections::HashMap::new();
        sets.insert(Taxonomy::TABLE, ids(&t.taxonomies));
        sets.insert(TaxonomyTerm::TABLE, ids(&t.taxonomy_terms));
        sets.insert(Organization::TABLE, ids(&t.organizations));
        sets.insert(Service::TABLE, ids(&t.services));
        sets.insert(Location::TABLE, ids(&t.locations));
        sets.insert(ServiceAtLocation::TABLE, ids(&t.service_at_locations));
        sets.insert(Contact::TABLE, ids(&t.contacts));
        sets.insert(Phone::TABLE, ids(&t.phones));
        Known { sets }
    }

    /// Checks that `id` (when given) is a row of `table`, in the file or in the directory.
    async fn check(
        &self,
        c: &mut Conn<'_>,
        e: &mut ValidationErrors,
        at: String,
        table: &'static str,
        id: Option<&str>,
    ) -> Result<(), StoreError> {
        let Some(id) = id.filter(|i| !i.is_empty()) else { return Ok(()) };
        if self.sets.get(table).is_some_and(|s| s.contains(id)) || exists(c, table, id).await? {
            return Ok(());
        }
        e.push(at, DirectoryReason::NoSuchRecord { table: table.trim_start_matches("dir_").into(), id: id.into() });
        Ok(())
    }
}

fn municipality(
    reference: &ReferenceData,
    e: &mut ValidationErrors,
    at: String,
    value: Option<&str>,
) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    match reference.municipality(v) {
        Some(m) => Some(m.code.clone()),
        None => {
            e.push(at, drom_domain::Common::UnknownMunicipality { value: v.into() });
            None
        }
    }
}

impl Directory<'_> {
    /// Imports HSDS tables (read and validated by `crate::hsds`): every row is inserted, or
    /// updated when its id is already in the directory; rows of the directory that the file
    /// does not name are kept. The file's references (a service's organization, a phone's
    /// service, ...) must name rows of the file or of the directory, and municipalities (an
    /// address's `region`, a service area's `name`) must be municipalities of Kosovo; one error
    /// refuses the whole file and nothing is written. One audit entry names the source.
    pub async fn import(
        &self,
        admin: Administrator<'_>,
        source: &str,
        t: &Tables,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<ImportSummary, StoreError> {
        let reference = self.reference().await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let mut e = ValidationErrors::default();
        let known = Known::of(t);

        // Municipalities.
        let mut address_codes = Vec::with_capacity(t.addresses.len());
        for a in &t.addresses {
            let code = if a.region.as_deref().is_some_and(|r| !r.trim().is_empty()) {
                municipality(&reference, &mut e, field(&a.origin, "region"), a.region.as_deref())
            } else {
                reference.municipality(a.city.trim()).map(|m| m.code.clone())
            };
            address_codes.push(code);
        }
        let mut area_codes = Vec::with_capacity(t.service_areas.len());
        for a in &t.service_areas {
            area_codes.push(municipality(&reference, &mut e, field(&a.origin, "name"), a.name.as_deref()));
        }

        // References.
        let k = &known;
        for s in &t.services {
            k.check(&mut c, &mut e, field(&s.origin, "organization_id"), Organization::TABLE, Some(&s.organization_id))
                .await?;
        }
        for l in &t.locations {
            k.check(
                &mut c,
                &mut e,
                field(&l.origin, "organization_id"),
                Organization::TABLE,
                l.organization_id.as_deref(),
            )
            .await?;
        }
        for a in &t.addresses {
            k.check(&mut c, &mut e, field(&a.origin, "location_id"), Location::TABLE, a.location_id.as_deref()).await?;
        }
        for s in &t.service_at_locations {
            k.check(&mut c, &mut e, field(&s.origin, "service_id"), Service::TABLE, Some(&s.service_id)).await?;
            k.check(&mut c, &mut e, field(&s.origin, "location_id"), Location::TABLE, Some(&s.location_id)).await?;
        }
        for x in &t.contacts {
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "organization_id"),
                Organization::TABLE,
                x.organization_id.as_deref(),
            )
            .await?;
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "service_at_location_id"),
                ServiceAtLocation::TABLE,
                x.service_at_location_id.as_deref(),
            )
            .await?;
            k.check(&mut c, &mut e, field(&x.origin, "location_id"), Location::TABLE, x.location_id.as_deref()).await?;
        }
        for x in &t.phones {
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "organization_id"),
                Organization::TABLE,
                x.organization_id.as_deref(),
            )
            .await?;
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "service_at_location_id"),
                ServiceAtLocation::TABLE,
                x.service_at_location_id.as_deref(),
            )
            .await?;
            k.check(&mut c, &mut e, field(&x.origin, "location_id"), Location::TABLE, x.location_id.as_deref()).await?;
            k.check(&mut c, &mut e, field(&x.origin, "contact_id"), Contact::TABLE, x.contact_id.as_deref()).await?;
        }
        for x in &t.schedules {
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "service_at_location_id"),
                ServiceAtLocation::TABLE,
                x.service_at_location_id.as_deref(),
            )
            .await?;
            k.check(&mut c, &mut e, field(&x.origin, "location_id"), Location::TABLE, x.location_id.as_deref()).await?;
        }
        for x in &t.languages {
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
            k.check(&mut c, &mut e, field(&x.origin, "location_id"), Location::TABLE, x.location_id.as_deref()).await?;
            k.check(&mut c, &mut e, field(&x.origin, "phone_id"), Phone::TABLE, x.phone_id.as_deref()).await?;
        }
        for x in &t.service_areas {
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
        }
        for x in &t.required_documents {
            k.check(&mut c, &mut e, field(&x.origin, "service_id"), Service::TABLE, x.service_id.as_deref()).await?;
        }
        for x in &t.taxonomy_terms {
            k.check(&mut c, &mut e, field(&x.origin, "taxonomy_id"), Taxonomy::TABLE, x.taxonomy_id.as_deref()).await?;
        }
        for x in &t.attributes {
            k.check(
                &mut c,
                &mut e,
                field(&x.origin, "taxonomy_term_id"),
                TaxonomyTerm::TABLE,
                Some(&x.taxonomy_term_id),
            )
            .await?;
        }
        e.into_result(())?;

        // Writes, parents first.
        let stamp = now();
        let mut done = 0u64;
        let mut tick = || {
            done += 1;
            progress(done);
        };
        upsert_all(&mut c, &t.taxonomies, &mut tick).await?;
        upsert_all(&mut c, &t.taxonomy_terms, &mut tick).await?;
        for x in &t.organizations {
            upsert(&mut c, x, &[("updated_at", Param::S(stamp.clone()))]).await?;
            tick();
        }
        for x in &t.services {
            let mut s = x.clone();
            if s.updated_at.is_none() {
                s.updated_at = Some(stamp.clone());
            }
            upsert(&mut c, &s, &[]).await?;
            tick();
        }
        upsert_all(&mut c, &t.locations, &mut tick).await?;
        for (x, code) in t.addresses.iter().zip(address_codes) {
            upsert(&mut c, x, &[("municipality_code", code.into())]).await?;
            tick();
        }
        upsert_all(&mut c, &t.service_at_locations, &mut tick).await?;
        upsert_all(&mut c, &t.contacts, &mut tick).await?;
        upsert_all(&mut c, &t.phones, &mut tick).await?;
        upsert_all(&mut c, &t.schedules, &mut tick).await?;
        upsert_all(&mut c, &t.languages, &mut tick).await?;
        for (x, code) in t.service_areas.iter().zip(area_codes) {
            upsert(&mut c, x, &[("municipality_code", code.into())]).await?;
            tick();
        }
        upsert_all(&mut c, &t.required_documents, &mut tick).await?;
        upsert_all(&mut c, &t.attributes, &mut tick).await?;
        let located: HashSet<&str> = t.addresses.iter().filter_map(|a| a.location_id.as_deref()).collect();
        for id in located {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "UPDATE dir_location SET municipality_code = (SELECT a.municipality_code FROM dir_address a \
                     WHERE a.location_id = dir_location.id AND a.municipality_code IS NOT NULL ORDER BY a.id LIMIT 1) \
                     WHERE id = $1"
                )
                .bind(id)
            )?;
        }
        let summary = ImportSummary {
            organizations: t.organizations.len(),
            services: t.services.len(),
            locations: t.locations.len(),
            rows: t.rows(),
        };
        audit::append(
            &mut c,
            admin.actor(),
            "directory.import",
            "directory",
            None,
            None,
            serde_json::json!({"source": source, "organizations": summary.organizations,
                "services": summary.services, "locations": summary.locations, "rows": summary.rows}),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Every row of the directory, in id order (the export).
    pub async fn tables(&self) -> Result<Tables, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(Tables {
            taxonomies: all(&mut c).await?,
            taxonomy_terms: all(&mut c).await?,
            organizations: all(&mut c).await?,
            services: all(&mut c).await?,
            locations: all(&mut c).await?,
            addresses: all(&mut c).await?,
            service_at_locations: all(&mut c).await?,
            contacts: all(&mut c).await?,
            phones: all(&mut c).await?,
            schedules: all(&mut c).await?,
            languages: all(&mut c).await?,
            service_areas: all(&mut c).await?,
            required_documents: all(&mut c).await?,
            attributes: all(&mut c).await?,
        })
    }
}

/// Every row of one table, by id.
pub(crate) async fn all<T>(c: &mut Conn<'_>) -> Result<Vec<T>, StoreError>
where
    T: Table
        + Send
        + Unpin
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    select(c, "", &[]).await
}

/// Rows of one table matching `filter` (an SQL condition over its columns with `$n` bound to
/// `params`), by id.
pub(crate) async fn select<T>(c: &mut Conn<'_>, filter: &str, params: &[Param]) -> Result<Vec<T>, StoreError>
where
    T: Table
        + Send
        + Unpin
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    let where_ = if filter.is_empty() { String::new() } else { format!(" WHERE {filter}") };
    let text = format!("SELECT {} FROM {}{where_} ORDER BY id", T::COLUMNS.join(", "), T::TABLE);
    let rows = sql!(c, fetch_all, bind_params(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(text)), params))?;
    Ok(rows)
}
