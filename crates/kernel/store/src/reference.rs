//! Reference data: communities, municipalities and countries. Loaded from CSV embedded in the
//! binary by a migration, then kept in the database where administrators can add to and correct
//! it. Read through a small cache, since every registry write checks codes against it.

use crate::db::{Conn, Db};
use crate::error::StoreError;
use crate::sql;
use crate::users::AdminReason;
use drom_domain::permission::Administrator;
use drom_domain::reference::{Community, Country, Municipality, MunicipalityIndex};
use drom_domain::{Common, ValidationErrors};
use std::sync::Arc;

const MUNICIPALITIES_CSV: &str = include_str!("../reference/kosovo_municipalities.csv");
const COUNTRIES_CSV: &str = include_str!("../reference/countries.csv");
const COMMUNITIES_CSV: &str = include_str!("../reference/communities.csv");
/// The embedded reference files, for the migration's checksum.
pub(crate) const EMBEDDED: [&str; 3] = [MUNICIPALITIES_CSV, COUNTRIES_CSV, COMMUNITIES_CSV];

/// All reference data, as one value.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    pub municipalities: Vec<Municipality>,
    pub communities: Vec<Community>,
    pub countries: Vec<Country>,
    index: MunicipalityIndex,
}

impl ReferenceData {
    pub fn new(municipalities: Vec<Municipality>, communities: Vec<Community>, countries: Vec<Country>) -> Self {
        let index = MunicipalityIndex::new(&municipalities);
        ReferenceData { municipalities, communities, countries, index }
    }

    /// A municipality by code or either name, in any case, diacritics or script.
    pub fn municipality(&self, input: &str) -> Option<&Municipality> {
        self.index.find(input).map(|i| &self.municipalities[i])
    }

    pub fn community(&self, code: &str) -> Option<&Community> {
        self.communities.iter().find(|c| c.code == code)
    }

    pub fn country(&self, alpha2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.alpha2 == alpha2)
    }
}

fn records(text: &'static str) -> impl Iterator<Item = csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes()).into_records().map(|r| r.expect("embedded CSV is well-formed"))
}

pub(crate) async fn load_embedded(c: &mut Conn<'_>) -> Result<(), StoreError> {
    for r in records(COMMUNITIES_CSV) {
        insert_community(
            c,
            &Community { code: r[0].into(), name_en: r[1].into(), name_sq: r[2].into(), name_sr: r[3].into() },
        )
        .await?;
    }
    for r in records(MUNICIPALITIES_CSV) {
        let m = Municipality {
            code: Municipality::code_for(&r[0]),
            name_sq: r[0].into(),
            name_sr: r[1].into(),
            district: r[2].into(),
            northern: &r[3] == "yes",
            majority_community: r[4].into(),
        };
        insert_municipality(c, &m).await?;
    }
    for r in records(COUNTRIES_CSV) {
        insert_country(c, &Country { alpha2: r[0].into(), alpha3: r[1].into(), name: r[2].into() }).await?;
    }
    Ok(())
}

async fn insert_community(c: &mut Conn<'_>, x: &Community) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query("INSERT INTO community (code, name_en, name_sq, name_sr) VALUES ($1, $2, $3, $4)")
            .bind(&x.code)
            .bind(&x.name_en)
            .bind(&x.name_sq)
            .bind(&x.name_sr)
    )?;
    Ok(())
}

async fn insert_municipality(c: &mut Conn<'_>, m: &Municipality) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO municipality (code, name_sq, name_sr, district, northern, majority_community) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(&m.code)
        .bind(&m.name_sq)
        .bind(&m.name_sr)
        .bind(&m.district)
        .bind(m.northern)
        .bind(&m.majority_community)
    )?;
    Ok(())
}

async fn insert_country(c: &mut Conn<'_>, x: &Country) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query("INSERT INTO country (alpha2, alpha3, name) VALUES ($1, $2, $3)")
            .bind(&x.alpha2)
            .bind(&x.alpha3)
            .bind(&x.name)
    )?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MunicipalityRow {
    code: String,
    name_sq: String,
    name_sr: String,
    district: String,
    northern: bool,
    majority_community: String,
}

#[derive(sqlx::FromRow)]
struct CommunityRow {
    code: String,
    name_en: String,
    name_sq: String,
    name_sr: String,
}

#[derive(sqlx::FromRow)]
struct CountryRow {
    alpha2: String,
    alpha3: String,
    name: String,
}

/// How long cached reference data is used before its version is compared again: a change made
/// through another process is used here within this (and the time of one query).
pub const RECHECK: std::time::Duration = std::time::Duration::from_millis(500);

/// Reference data as cached by one process, with the version it was read at.
pub struct Cached {
    data: Arc<ReferenceData>,
    version: i64,
    checked: std::time::Instant,
}

/// Raises the version of a cached kind of data, in the transaction of the change, so that every
/// process sharing the database reloads it.
pub(crate) async fn bump(c: &mut Conn<'_>, name: &str) -> Result<(), StoreError> {
    sql!(c, execute, sqlx::query("UPDATE cache_version SET version = version + 1 WHERE name = $1").bind(name))?;
    Ok(())
}

impl Db {
    /// Reference data, from the cache while its version in the database is unchanged (compared
    /// at most every `RECHECK`), else read again: an administrator's change through any process
    /// sharing the database is used by all within a second.
    pub async fn reference(&self) -> Result<Arc<ReferenceData>, StoreError> {
        let cached = self
            .reference
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|c| (c.data.clone(), c.version, c.checked.elapsed() < RECHECK));
        if let Some((data, _, true)) = &cached {
            return Ok(data.clone());
        }
        // A check that is due waits for no connection when the data is cached: the caller may
        // hold the pool's last one in its transaction, and the next request checks instead.
        let mut h = match (&cached, self.try_acquire()) {
            (_, Some(h)) => h,
            (Some((data, _, _)), None) => return Ok(data.clone()),
            (None, None) => self.acquire().await?,
        };
        let mut c = h.conn();
        let version: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>("SELECT version FROM cache_version WHERE name = 'reference'")
        )?;
        if let Some((data, v, _)) = cached
            && v == version
        {
            *self.reference.write().unwrap_or_else(|p| p.into_inner()) =
                Some(Cached { data: data.clone(), version, checked: std::time::Instant::now() });
            return Ok(data);
        }
        let municipalities: Vec<MunicipalityRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, MunicipalityRow>(
                "SELECT code, name_sq, name_sr, district, northern, majority_community FROM municipality ORDER BY name_sq"
            )
        )?;
        let communities: Vec<CommunityRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, CommunityRow>("SELECT code, name_en, name_sq, name_sr FROM community ORDER BY code")
        )?;
        let countries: Vec<CountryRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, CountryRow>("SELECT alpha2, alpha3, name FROM country ORDER BY name")
        )?;
        let data = Arc::new(ReferenceData::new(
            municipalities
                .into_iter()
                .map(|r| Municipality {
                    code: r.code,
                    name_sq: r.name_sq,
                    name_sr: r.name_sr,
                    district: r.district,
                    northern: r.northern,
                    majority_community: r.majority_community,
                })
                .collect(),
            communities
                .into_iter()
                .map(|r| Community { code: r.code, name_en: r.name_en, name_sq: r.name_sq, name_sr: r.name_sr })
                .collect(),
            countries.into_iter().map(|r| Country { alpha2: r.alpha2, alpha3: r.alpha3, name: r.name }).collect(),
        ));
        *self.reference.write().unwrap_or_else(|p| p.into_inner()) =
            Some(Cached { data: data.clone(), version, checked: std::time::Instant::now() });
        Ok(data)
    }

    /// Forgets the cached reference data of this process (after a change it made: the others
    /// notice the version).
    pub fn invalidate_reference(&self) {
        *self.reference.write().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Adds a community (administrators only).
    pub async fn add_community(&self, admin: Administrator<'_>, x: Community) -> Result<Community, StoreError> {
        admin.system()?;
        let mut e = ValidationErrors::default();
        if x.code.is_empty() || !x.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            e.push("code", AdminReason::CodeLetters);
        }
        for (field, v) in [("name_en", &x.name_en), ("name_sq", &x.name_sq), ("name_sr", &x.name_sr)] {
            if v.trim().is_empty() {
                e.push(field, Common::Required);
            }
        }
        let x = e.into_result(x)?;
        if self.reference().await?.community(&x.code).is_some() {
            return Err(ValidationErrors::single("code", Common::Exists { value: x.code.clone() }).into());
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        insert_community(&mut c, &x).await?;
        bump(&mut c, "reference").await?;
        crate::audit::append(
            &mut c,
            admin.actor(),
            "community.create",
            "community",
            None,
            None,
            serde_json::json!({"code": x.code}),
        )
        .await?;
        tx.commit().await?;
        self.invalidate_reference();
        Ok(x)
    }

    /// Adds a municipality (administrators only); its code is derived from the Albanian name.
    pub async fn add_municipality(
        &self,
        admin: Administrator<'_>,
        mut m: Municipality,
    ) -> Result<Municipality, StoreError> {
        admin.system()?;
        let reference = self.reference().await?;
        let mut e = ValidationErrors::default();
        for (field, v) in [("name_sq", &m.name_sq), ("name_sr", &m.name_sr), ("district", &m.district)] {
            if v.trim().is_empty() {
                e.push(field, Common::Required);
            }
        }
        m.code = Municipality::code_for(&m.name_sq);
        if reference.municipality(&m.name_sq).is_some() || reference.municipality(&m.name_sr).is_some() {
            e.push("name_sq", Common::Exists { value: m.name_sq.clone() });
        }
        if m.majority_community != "contested" && reference.community(&m.majority_community).is_none() {
            e.push("majority_community", Common::UnknownCommunity { value: m.majority_community.clone() });
        }
        let m = e.into_result(m)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        insert_municipality(&mut c, &m).await?;
        bump(&mut c, "reference").await?;
        crate::audit::append(
            &mut c,
            admin.actor(),
            "municipality.create",
            "municipality",
            None,
            None,
            serde_json::json!({"code": m.code}),
        )
        .await?;
        tx.commit().await?;
        self.invalidate_reference();
        Ok(m)
    }

    /// Corrects a municipality's district or majority community, which sources disagree on.
    pub async fn update_municipality(
        &self,
        admin: Administrator<'_>,
        code: &str,
        district: &str,
        majority_community: &str,
        reason: Option<&str>,
    ) -> Result<Municipality, StoreError> {
        admin.system()?;
        let reference = self.reference().await?;
        let Some(old) = reference.municipalities.iter().find(|m| m.code == code) else {
            return Err(StoreError::NotFound);
        };
        let mut e = ValidationErrors::default();
        if district.trim().is_empty() {
            e.push("district", Common::Required);
        }
        if majority_community != "contested" && reference.community(majority_community).is_none() {
            e.push("majority_community", Common::UnknownCommunity { value: majority_community.to_string() });
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE municipality SET district = $1, majority_community = $2 WHERE code = $3")
                .bind(district.trim())
                .bind(majority_community)
                .bind(code)
        )?;
        bump(&mut c, "reference").await?;
        crate::audit::append(
            &mut c,
            admin.actor(),
            "municipality.update",
            "municipality",
            None,
            reason,
            serde_json::json!({"code": code, "district": [old.district, district], "majority_community": [old.majority_community, majority_community]}),
        )
        .await?;
        tx.commit().await?;
        self.invalidate_reference();
        Ok(Municipality {
            district: district.trim().into(),
            majority_community: majority_community.into(),
            ..old.clone()
        })
    }
}
