//! Outreach: public information meetings with community members, trainings of officials and
//! round tables, each with its participants by sex and community, the institutions present and
//! the follow-up; and the period's summary (how many of each, and who took part).

use super::Discrimination;
use crate::domain::{ActivityKind, SHORT_MAX, TEXT_MAX};
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::permission::{Actor, Permission};
use drom_domain::vocab::Sex;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Participants of one sex and community.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    pub sex: Sex,
    /// Community code (reference data).
    pub community: String,
    pub count: i64,
}

/// An activity as recorded.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    pub kind: ActivityKind,
    #[schema(value_type = String)]
    pub held_on: NaiveDate,
    #[serde(default)]
    pub municipality: Option<String>,
    pub organiser: String,
    pub topic: String,
    #[serde(default)]
    pub participants: Vec<Participants>,
    /// The institutions present, in words.
    #[serde(default)]
    pub institutions: Option<String>,
    #[serde(default)]
    pub follow_up: Option<String>,
}

/// An activity as listed.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Activity {
    pub id: i64,
    pub kind: String,
    pub held_on: String,
    pub municipality_code: Option<String>,
    pub organiser: String,
    pub topic: String,
    pub institutions: Option<String>,
    pub follow_up: Option<String>,
    pub participants: i64,
}

/// The period asked for.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// First day (YYYY-MM-DD); default a year before `to`.
    pub from: Option<NaiveDate>,
    /// Last day; default today.
    pub to: Option<NaiveDate>,
}

impl Period {
    /// The period's first and last day.
    pub fn bounds(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), StoreError> {
        let to = self.to.unwrap_or(today);
        let from = self.from.unwrap_or(to - chrono::Duration::days(365));
        if from > to {
            let mut e = ValidationErrors::default();
            e.push("to", crate::DiscriminationReason::PeriodReversed { to: to.to_string() });
            return Err(e.into());
        }
        Ok((from, to))
    }
}

/// The period's outreach: the activities, how many of each kind, and the participants by sex
/// and by community (counts under the threshold hidden).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutreachReport {
    pub from: String,
    pub to: String,
    pub activities: Vec<Activity>,
    /// (kind, activities)
    pub by_kind: Vec<(String, i64)>,
    pub participants: i64,
    pub by_sex: Vec<(String, Option<i64>)>,
    pub by_community: Vec<(String, Option<i64>)>,
}

impl Discrimination<'_> {
    /// Records an activity of the actor's agency (audited).
    pub async fn record_activity(&self, actor: &Actor, a: NewActivity, today: NaiveDate) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        if a.held_on > today {
            e.push("held_on", Common::InFuture { day: a.held_on.to_string() });
        }
        let organiser = required_text(&mut e, "organiser", &a.organiser, SHORT_MAX);
        let topic = required_text(&mut e, "topic", &a.topic, SHORT_MAX);
        let institutions = optional_text(&mut e, "institutions", a.institutions.as_deref(), TEXT_MAX);
        let follow_up = optional_text(&mut e, "follow_up", a.follow_up.as_deref(), TEXT_MAX);
        let reference = self.reference().await?;
        let municipality = a.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()).map(str::to_string);
        if let Some(m) = &municipality
            && !reference.municipalities.iter().any(|x| &x.code == m)
        {
            e.push("municipality", Common::UnknownMunicipality { value: m.clone() });
        }
        for (i, p) in a.participants.iter().enumerate() {
            if !reference.communities.iter().any(|c| c.code == p.community) {
                e.push(format!("participants[{i}].community"), Common::UnknownCommunity { value: p.community.clone() });
            }
            if !(0..=100_000).contains(&p.count) {
                e.push(format!("participants[{i}].count"), Common::Between { min: 0, max: 100_000 });
            }
            if a.participants[..i].iter().any(|o| o.sex == p.sex && o.community == p.community) {
                e.push(format!("participants[{i}]"), Common::UsedTwice);
            }
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO discrimination_outreach (agency_id, kind, held_on, municipality_code, organiser, topic, \
                 institutions, follow_up, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(a.kind.code())
            .bind(a.held_on.to_string())
            .bind(&municipality)
            .bind(&organiser)
            .bind(&topic)
            .bind(&institutions)
            .bind(&follow_up)
            .bind(now())
            .bind(actor.user_id)
        )?;
        for p in &a.participants {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "INSERT INTO discrimination_participants (outreach_id, sex, community, count) VALUES ($1, $2, $3, $4)"
                )
                .bind(id)
                .bind(p.sex.code())
                .bind(&p.community)
                .bind(p.count)
            )?;
        }
        audit::append(
            &mut c,
            writer.actor(),
            "discrimination.outreach",
            "discrimination_outreach",
            Some(id),
            None,
            serde_json::json!({"kind": a.kind, "held_on": a.held_on}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The agency's outreach in a period.
    pub async fn outreach(
        &self,
        actor: &Actor,
        period: &Period,
        today: NaiveDate,
    ) -> Result<OutreachReport, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let (from, to) = period.bounds(today)?;
        let scope = AgencyScope::of(actor);
        let threshold = self.limits().await?.threshold;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let activities = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Activity>(sqlx::AssertSqlSafe(format!(
                "SELECT o.id, o.kind, o.held_on, o.municipality_code, o.organiser, o.topic, o.institutions, o.follow_up, \
                 CAST(COALESCE((SELECT SUM(p.count) FROM discrimination_participants p WHERE p.outreach_id = o.id), 0) AS BIGINT) AS participants \
                 FROM discrimination_outreach o WHERE {} AND o.held_on >= $2 AND o.held_on <= $3 ORDER BY o.held_on, o.id",
                scope.owned("o", 1)
            )))
            .bind(scope.agency())
            .bind(from.to_string())
            .bind(to.to_string())
        )?;
        let sums = |column: &'static str| {
            let q = format!(
                "SELECT p.{column}, CAST(SUM(p.count) AS BIGINT) FROM discrimination_participants p JOIN discrimination_outreach o \
                 ON o.id = p.outreach_id WHERE {} AND o.held_on >= $2 AND o.held_on <= $3 GROUP BY p.{column} ORDER BY p.{column}",
                scope.owned("o", 1)
            );
            (q, scope.agency(), from.to_string(), to.to_string())
        };
        let mut breakdown = Vec::new();
        for column in ["sex", "community"] {
            let (q, a, f, t) = sums(column);
            let rows: Vec<(String, i64)> = sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(q)).bind(a).bind(f).bind(t)
            )?;
            let shown = drom_domain::disclosure::suppress(&rows.iter().map(|r| r.1).collect::<Vec<_>>(), threshold);
            breakdown.push(rows.into_iter().map(|r| r.0).zip(shown).collect::<Vec<_>>());
        }
        let by_community = breakdown.pop().unwrap_or_default();
        let by_sex = breakdown.pop().unwrap_or_default();
        let by_kind = ActivityKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), activities.iter().filter(|a| a.kind == k.code()).count() as i64))
            .collect();
        Ok(OutreachReport {
            from: from.to_string(),
            to: to.to_string(),
            participants: activities.iter().map(|a| a.participants).sum(),
            activities,
            by_kind,
            by_sex,
            by_community,
        })
    }
}
