//! The steps before and around the journey: counselling with the information sheet of the
//! destination, informed consent and its withdrawal, a forced-return order with its screening,
//! travel, arrival, and closing a case.

use super::Returns;
use super::cases::{CaseRow, ReturnCase, StepWrite, not_future};
use super::info_sheets::TOPICS;
use crate::domain::ReturnsReason;
use crate::domain::lifecycle::Step;
use crate::domain::{SpecialNeed, Transport};
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::language::parse_languages;
use drom_domain::permission::{Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_screening::ScreeningDb;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::query::Param;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CounsellingInput {
    #[schema(value_type = String, format = Date)]
    pub held_on: NaiveDate,
    /// Language of the session (e.g. `sq`, `sr`, `rom`, `de`).
    pub language: String,
    /// Name of the interpreter, if one was used.
    pub interpreter: Option<String>,
    /// Whose information sheet was given (default: the case's destination).
    pub info_municipality: Option<String>,
    /// Topics of the sheet that were covered: services, housing, schools, health_care, safety.
    pub topics: Vec<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    #[schema(value_type = String, format = Date)]
    pub given_on: NaiveDate,
    pub language: String,
    /// The person decided freely.
    pub free: bool,
    /// Without coercion.
    pub without_coercion: bool,
    /// With full knowledge of the situation at home (counselled with the information sheet).
    pub informed: bool,
    pub statement: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalInput {
    #[schema(value_type = String, format = Date)]
    pub withdrawn_on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForcedOrderInput {
    #[schema(value_type = String, format = Date)]
    pub ordered_on: NaiveDate,
    /// The host country's reference for the order or readmission request.
    pub reference: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversionInput {
    #[schema(value_type = String, format = Date)]
    pub converted_on: NaiveDate,
    /// Why the return is now voluntary (for the audit log).
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TravelInput {
    #[schema(value_type = String)]
    pub transport: Transport,
    /// e.g. "Vienna VIE - Prishtinë PRN".
    pub route: String,
    #[schema(value_type = String, format = Date)]
    pub departure_on: NaiveDate,
    /// Transport suited to special needs. Special category (health, minors): only a holder of
    /// the special-categories grant may give any; without it, leave it empty and the needs
    /// recorded before are kept.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub special_needs: Vec<SpecialNeed>,
    #[serde(default)]
    pub airport_assistance: bool,
    /// The final destination municipality.
    pub destination_municipality: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArrivalInput {
    #[schema(value_type = String, format = Date)]
    pub arrived_on: NaiveDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseInput {
    #[schema(value_type = String, format = Date)]
    pub closed_on: NaiveDate,
    pub reason: String,
}

/// Refuses `day` before an earlier event of the case; `what` says which event (a reason's
/// constructor, so every language can name it).
fn not_before(
    e: &mut ValidationErrors,
    field: &str,
    day: NaiveDate,
    earlier: Option<&str>,
    what: fn(String, String) -> ReturnsReason,
) {
    if let Some(earlier) = earlier.and_then(|d| d.parse::<NaiveDate>().ok())
        && day < earlier
    {
        e.push(field, what(day.to_string(), earlier.to_string()));
    }
}

/// The language or languages of a session or a consent ("rom, sq" with an interpreter), read as
/// every list of languages is, and kept as their codes separated by ", ".
fn language(e: &mut ValidationErrors, value: &str) -> String {
    match parse_languages(value) {
        Ok(codes) if codes.is_empty() => {
            e.push("language", Common::Required);
            String::new()
        }
        Ok(codes) => codes.join(", "),
        Err(refused) => {
            for (_, reason) in refused {
                e.push("language", reason);
            }
            String::new()
        }
    }
}

impl Returns<'_> {
    /// Records a counselling session and the version of the information sheet it used.
    pub async fn counsel(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: CounsellingInput,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        let reference = self.reference().await?;
        self.step_case(actor, id, async |c, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "held_on", input.held_on);
            not_before(&mut e, "held_on", input.held_on, Some(&row.registered_on), |day, earlier| ReturnsReason::BeforeRegistration { day, earlier });
            let language = language(&mut e, &input.language);
            let interpreter = optional_text(&mut e, "interpreter", input.interpreter.as_deref(), 200);
            let notes = optional_text(&mut e, "notes", input.notes.as_deref(), 4000);
            for (i, t) in input.topics.iter().enumerate() {
                if !TOPICS.contains(&t.as_str()) {
                    e.push(format!("topics[{i}]"), Common::NotOneOf { value: t.to_string(), choices: TOPICS.join(", ") });
                }
            }
            let municipality = input
                .info_municipality
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .or(row.destination_municipality.as_deref())
                .map(str::to_string);
            let mut sheet = None;
            match municipality.as_deref().map(|m| (m, reference.municipality(m))) {
                None => e.push("info_municipality", ReturnsReason::InfoMunicipalityNeeded),
                Some((m, None)) => e.push("info_municipality", Common::UnknownMunicipality { value: m.to_string() }),
                Some((_, Some(m))) => {
                    let version: Option<i64> = sql!(
                        c,
                        fetch_optional,
                        sqlx::query_scalar::<_, i64>(
                            "SELECT version FROM info_sheet WHERE municipality_code = $1 ORDER BY version DESC LIMIT 1"
                        )
                        .bind(&m.code)
                    )?;
                    match version {
                        None => e.push(
                            "info_municipality",
                            ReturnsReason::NoInfoSheet { municipality: m.display_name() },
                        ),
                        Some(v) => sheet = Some((m.code.clone(), v)),
                    }
                }
            }
            if input.topics.is_empty() {
                e.push("topics", ReturnsReason::TopicsNeeded);
            }
            e.into_result(())?;
            let (info_municipality, info_version) = sheet.unzip();
            sql!(
                c,
                execute,
                sqlx::query(
                    "INSERT INTO counselling_session (case_id, held_on, language, interpreter, info_municipality, info_version, topics, notes, created_at, created_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                )
                .bind(id)
                .bind(input.held_on.to_string())
                .bind(&language)
                .bind(&interpreter)
                .bind(&info_municipality)
                .bind(info_version)
                .bind(serde_json::to_string(&input.topics)?)
                .bind(&notes)
                .bind(now())
                .bind(actor.user_id)
            )?;
            let detail = serde_json::json!({"held_on": input.held_on.to_string(), "info_version": info_version});
            Ok(StepWrite::new(Step::Counsel, vec![], detail))
        })
        .await
    }

    /// Records the informed consent of a voluntary returnee: free, without coercion, informed.
    pub async fn record_consent(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: ConsentInput,
    ) -> Result<ReturnCase, StoreError> {
        self.step_case(writer.actor(), id, async |c, row| {
            let last_counselling: Option<String> = sql!(
                c,
                fetch_one,
                sqlx::query_scalar::<_, Option<String>>(
                    "SELECT MAX(held_on) FROM counselling_session WHERE case_id = $1"
                )
                .bind(id)
            )?;
            let mut e = ValidationErrors::default();
            not_future(&mut e, "given_on", input.given_on);
            not_before(&mut e, "given_on", input.given_on, last_counselling.as_deref(), |day, earlier| ReturnsReason::BeforeCounselling { day, earlier });
            let language = language(&mut e, &input.language);
            let statement = optional_text(&mut e, "statement", input.statement.as_deref(), 2000);
            for (field, ok, why) in [
                ("free", input.free, ReturnsReason::NotFree),
                ("without_coercion", input.without_coercion, ReturnsReason::NotWithoutCoercion),
                ("informed", input.informed, ReturnsReason::NotInformed),
            ] {
                if !ok {
                    e.push(field, why);
                }
            }
            // The lifecycle speaks first: consent on a forced return is refused for what it is.
            if crate::domain::lifecycle::apply(row.stage()?, row.return_type()?, Step::RecordConsent).is_ok() {
                e.into_result(())?;
            }
            let consent = serde_json::json!({"free": true, "without_coercion": true, "informed": true, "language": language, "statement": statement});
            let sets = vec![
                ("consent", Param::S(consent.to_string())),
                ("consent_on", Param::S(input.given_on.to_string())),
            ];
            Ok(StepWrite::new(Step::RecordConsent, sets, serde_json::json!({"given_on": input.given_on.to_string()})))
        })
        .await
    }

    /// Withdrawal of consent before arrival: the case stops, with the reason in the audit log.
    pub async fn withdraw_return_consent(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: WithdrawalInput,
    ) -> Result<ReturnCase, StoreError> {
        self.step_case(writer.actor(), id, async |_, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "withdrawn_on", input.withdrawn_on);
            not_before(&mut e, "withdrawn_on", input.withdrawn_on, row.consent_on.as_deref(), |day, earlier| {
                ReturnsReason::BeforeConsent { day, earlier }
            });
            let reason = required_text(&mut e, "reason", &input.reason, 500);
            e.into_result(())?;
            let sets = vec![
                ("consent_withdrawn_on", Param::S(input.withdrawn_on.to_string())),
                ("consent_withdrawal_reason", Param::S(reason.clone())),
            ];
            let detail = serde_json::json!({"withdrawn_on": input.withdrawn_on.to_string()});
            Ok(StepWrite::new(Step::WithdrawConsent, sets, detail).because(reason))
        })
        .await
    }

    /// Records a host country's forced-return order, attaching the returnees' screening for the
    /// policy in force on the order date (the newest such, else the newest at all) and its
    /// least favourable outcome. Whether the return may go on is the protection gate's to say
    /// at travel and arrival.
    pub async fn order_forced_return(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: ForcedOrderInput,
    ) -> Result<ReturnCase, StoreError> {
        self.order_forced_return_with(writer, id, input, None).await
    }

    /// `order_forced_return`, with the approval it carries out when the case's programme puts
    /// orders behind a supervisor.
    pub(crate) async fn order_forced_return_with(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: ForcedOrderInput,
        approval: Option<i64>,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        let policies = self.screenings().policies();
        self.step_case(actor, id, async |c, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "ordered_on", input.ordered_on);
            let reference = required_text(&mut e, "reference", &input.reference, 200);
            e.into_result(())?;
            let needed = super::approvals::orders_need_approval(c, row.programme_id).await?;
            let approved = super::approvals::carry_out(
                c,
                actor,
                id,
                super::approvals::ApprovalStep::OrderForcedReturn,
                needed,
                approval,
            )
            .await?;
            let persons = super::gate::members(c, row.id).await?;
            let policy = policies.in_force(input.ordered_on).map(|p| p.id.as_str());
            let screening = super::gate::screening_for(c, AgencyScope::of(actor), &persons, policy).await?;
            let (screening_id, outcome) = screening.clone().unzip();
            let mut sets =
                vec![("order_on", Param::S(input.ordered_on.to_string())), ("order_reference", Param::S(reference))];
            // Without a screening the columns stay as they are (empty: a case takes one order),
            // since `Param::Null` binds as text, which PostgreSQL refuses for the BIGINT
            // `screening_id`.
            if let Some((sid, o)) = screening {
                sets.push(("screening_id", Param::I(sid)));
                sets.push(("screening_outcome", Param::S(o)));
            }
            let detail =
                serde_json::json!({"screening_id": screening_id, "screening_outcome": outcome, "approval": approved});
            Ok(StepWrite::new(Step::OrderForcedReturn, sets, detail))
        })
        .await
    }

    /// Turns a forced return into a voluntary one (when the gate is closed for good, or the
    /// person chooses to return): the order stays on record, and counselling and informed
    /// consent must follow before any travel.
    pub async fn convert_to_voluntary(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: ConversionInput,
    ) -> Result<ReturnCase, StoreError> {
        self.step_case(writer.actor(), id, async |_, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "converted_on", input.converted_on);
            not_before(&mut e, "converted_on", input.converted_on, Some(&row.registered_on), |day, earlier| {
                ReturnsReason::BeforeRegistration { day, earlier }
            });
            let reason = required_text(&mut e, "reason", &input.reason, 500);
            e.into_result(())?;
            let sets = vec![("return_type", Param::S("voluntary".into()))];
            let detail = serde_json::json!({"converted_on": input.converted_on.to_string(), "from": "forced"});
            Ok(StepWrite::new(Step::ConvertToVoluntary, sets, detail).because(reason))
        })
        .await
    }

    /// Records (or changes) the travel arrangements.
    pub async fn arrange_travel(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: TravelInput,
    ) -> Result<ReturnCase, StoreError> {
        let reference = self.reference().await?;
        let special = writer.actor().can(Permission::SpecialCategories);
        self.step_case(writer.actor(), id, async |_, row| {
            let mut e = ValidationErrors::default();
            if !special && !input.special_needs.is_empty() {
                e.push("special_needs", Common::NeedsSpecialCategories);
            }
            let route = required_text(&mut e, "route", &input.route, 300);
            let after = row.consent_on.as_deref().or(row.order_on.as_deref());
            not_before(&mut e, "departure_on", input.departure_on, after, |day, earlier| ReturnsReason::BeforeConsentOrOrder { day, earlier });
            let destination = match reference.municipality(&input.destination_municipality) {
                Some(m) => m.code.clone(),
                None => {
                    e.push(
                        "destination_municipality",
                        Common::UnknownMunicipality { value: input.destination_municipality.clone() },
                    );
                    String::new()
                }
            };
            e.into_result(())?;
            let mut sets = vec![
                ("transport", Param::S(input.transport.code().into())),
                ("route", Param::S(route)),
                ("departure_on", Param::S(input.departure_on.to_string())),
                ("airport_assistance", Param::B(input.airport_assistance)),
                ("destination_municipality", Param::S(destination)),
            ];
            // A writer without the grant cannot see the needs recorded before: they stay.
            if special {
                sets.push(("special_needs", Param::S(serde_json::to_string(&input.special_needs)?)));
            }
            let detail =
                serde_json::json!({"transport": input.transport.code(), "departure_on": input.departure_on.to_string()});
            Ok(StepWrite::new(Step::ArrangeTravel, sets, detail))
        })
        .await
    }

    /// Confirms arrival at the destination; the returnees' ages on that day are kept for reports.
    pub async fn confirm_arrival(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: ArrivalInput,
    ) -> Result<ReturnCase, StoreError> {
        self.step_case(writer.actor(), id, async |c, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "arrived_on", input.arrived_on);
            if let Some(dep) = row.departure_on.as_deref()
                && input.arrived_on < row.date(Some(dep))
            {
                e.push(
                    "arrived_on",
                    ReturnsReason::ArrivalBeforeDeparture {
                        arrival: input.arrived_on.to_string(),
                        departure: dep.to_string(),
                    },
                );
            }
            let note = optional_text(&mut e, "note", input.note.as_deref(), 2000);
            e.into_result(())?;
            arrive(c, row, input.arrived_on).await?;
            let day = input.arrived_on.to_string();
            let sets = vec![("arrived_on", Param::S(day.clone())), ("arrival_note", note.into())];
            let detail = serde_json::json!({"arrived_on": day});
            Ok(StepWrite::new(Step::ConfirmArrival, sets, detail).recount(day))
        })
        .await
    }

    /// Closes a case: after monitoring, or before departure when the return will not happen.
    pub async fn close_case(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: CloseInput,
    ) -> Result<ReturnCase, StoreError> {
        self.step_case(writer.actor(), id, async |_, row| {
            let mut e = ValidationErrors::default();
            not_future(&mut e, "closed_on", input.closed_on);
            let last = [row.arrived_on.as_deref(), Some(row.registered_on.as_str())].into_iter().flatten().max();
            not_before(&mut e, "closed_on", input.closed_on, last, |day, earlier| ReturnsReason::BeforeLastEvent {
                day,
                earlier,
            });
            let reason = required_text(&mut e, "reason", &input.reason, 500);
            e.into_result(())?;
            let sets =
                vec![("closed_on", Param::S(input.closed_on.to_string())), ("close_reason", Param::S(reason.clone()))];
            let detail = serde_json::json!({"closed_on": input.closed_on.to_string()});
            Ok(StepWrite::new(Step::Close, sets, detail).because(reason))
        })
        .await
    }
}

/// Keeps each returnee's age on the day of arrival (from the year of birth).
pub(crate) async fn arrive(
    c: &mut drom_store::db::Conn<'_>,
    row: &CaseRow,
    arrived_on: NaiveDate,
) -> Result<(), StoreError> {
    use chrono::Datelike;
    sql!(
        c,
        execute,
        sqlx::query("UPDATE return_member SET arrived_on = $1, age_at_return = $2 - birth_year WHERE case_id = $3")
            .bind(arrived_on.to_string())
            .bind(i64::from(arrived_on.year()))
            .bind(row.id)
    )?;
    Ok(())
}
