//! `drom import returns FILE.csv`: an office's existing return records brought into Drom. Every
//! row is checked in the transaction that writes them (what the checks read, a person of the
//! agency, no open case, an open protection gate, still holds when the rows land); one error
//! anywhere rejects the whole file, naming the row, the column and the reason, and nothing is
//! written. Then persons (with their household), cases and returnees are written, with one audit
//! entry per case.
//!
//! An imported case did not go through Drom's steps, and says so: it keeps the file's name and
//! the row of its first line (`imported`). It claims nothing that was not recorded: a voluntary
//! return has no consent in Drom (whatever was signed is on paper), a forced return that passed
//! the gate carries the screening the gate read, and a forced return imported before its travel
//! has no screening, so the gate holds it on the officer's desk until the household is screened.
//!
//! Columns (header row, UTF-8, order free):
//! `case_ref` (rows with the same value form one case; the first row is its principal),
//! `person_id` (an existing person of the agency) or `given_name`, `family_name`,
//! `date_of_birth` (YYYY, YYYY-MM or YYYY-MM-DD), `sex`, `community` (a special category: only
//! for a user with the permission), `relation` (to the first row) for a new one; then, on the first row of a case: `host_country` (ISO alpha-2), `return_type`
//! (voluntary/forced), `transport` (air/land), `departure_date`, `arrival_date`,
//! `destination_municipality` (name in either language, or code), `programme` (code).

use super::Returns;
use super::programmes;
use crate::domain::{ReturnType, ReturnsReason, Transport};
use chrono::{Datelike, NaiveDate};
use drom_domain::date::PartialDate;
use drom_domain::permission::{Actor, RegistryWriter};
use drom_domain::vocab::{LegalBasisKind, Relation, Sex};
use drom_domain::{Common, Reason, ValidationErrors};
use drom_registry::RegistryDb;
use drom_registry::domain::person::{LegalBasis, PersonData};
use drom_registry::store::import::{CheckedHousehold, write_households};
use drom_store::audit;
use drom_store::db::{Conn, Dialect, now};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use std::collections::HashMap;

/// The columns a file may have.
pub const COLUMNS: &[&str] = &[
    "case_ref",
    "person_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "community",
    "relation",
    "host_country",
    "return_type",
    "transport",
    "departure_date",
    "arrival_date",
    "destination_municipality",
    "programme",
];

/// The case-level columns, given on a case's first row (later rows leave them empty or equal).
const CASE_COLUMNS: &[&str] = &[
    "host_country",
    "return_type",
    "transport",
    "departure_date",
    "arrival_date",
    "destination_municipality",
    "programme",
];

#[derive(Debug, Clone, Copy, Default)]
pub struct ReturnImportSummary {
    pub cases: usize,
    pub returnees: usize,
    pub new_persons: usize,
}

/// One person row as read.
struct Row {
    line: usize,
    fields: HashMap<&'static str, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", |v| v.trim())
    }
}

/// A case ready to write.
struct CheckedCase {
    line: usize,
    existing: Vec<i64>,
    household: Option<CheckedHousehold>,
    host_country: String,
    return_type: ReturnType,
    transport: Option<Transport>,
    departure: Option<NaiveDate>,
    arrival: Option<NaiveDate>,
    destination: Option<String>,
    programme_id: Option<i64>,
    /// The screening the protection gate read, for a forced return past its order.
    screening_id: Option<i64>,
}

fn at(line: usize, column: &str) -> String {
    format!("row {line}, {column}")
}

/// Reads the file into rows; a malformed file or unknown column is refused before any check.
fn read(bytes: &[u8]) -> Result<Vec<Row>, ValidationErrors> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| ValidationErrors::single("row 1", Common::UnreadableHeader { detail: e.to_string() }))?;
    let mut columns = Vec::new();
    let mut e = ValidationErrors::default();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}');
        match COLUMNS.iter().find(|c| **c == h) {
            Some(c) if columns.iter().any(|(_, k)| k == c) => {
                e.push("row 1", Common::ColumnTwice { column: h.to_string() })
            }
            Some(c) => columns.push((i, *c)),
            None => e.push(
                format!("row 1, column {}", i + 1),
                Common::NotAColumn { column: h.to_string(), columns: COLUMNS.join(", ") },
            ),
        }
    }
    if !columns.iter().any(|(_, c)| *c == "case_ref") {
        e.push("row 1", Common::ColumnNeeded { column: "case_ref".into() });
    }
    e.into_result(())?;
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = record.map_err(|err| {
            ValidationErrors::single(format!("row {line}"), Common::Malformed { detail: err.to_string() })
        })?;
        let fields = columns.iter().map(|(i, c)| (*c, record.get(*i).unwrap_or("").to_string())).collect();
        rows.push(Row { line, fields });
    }
    if rows.is_empty() {
        return Err(ValidationErrors::single("row 2", Common::NoRows));
    }
    Ok(rows)
}

fn parse_date(e: &mut ValidationErrors, row: &Row, column: &str) -> Option<NaiveDate> {
    let v = row.get(column);
    if v.is_empty() {
        return None;
    }
    match v.parse::<NaiveDate>() {
        Ok(d) => Some(d),
        Err(_) => {
            e.push(at(row.line, column), Common::NotADate { value: v.to_string() });
            None
        }
    }
}

/// Why an existing person cannot be a returnee of the file, if they cannot: not a person of the
/// agency, named on an earlier row, or in an open return case already. On PostgreSQL the person's
/// row is locked until the import commits, so a concurrent import naming them waits and then
/// finds the case this one wrote (SQLite's write transaction holds the whole database already).
async fn existing_returnee(
    c: &mut Conn<'_>,
    actor: &Actor,
    id: i64,
    named: &mut HashMap<i64, usize>,
) -> Result<Option<Box<dyn Reason + Send + Sync>>, StoreError> {
    if let Some(line) = named.get(&id) {
        return Ok(Some(Box::new(ReturnsReason::ReturneeTwice { person: id, row: *line })));
    }
    let lock = if c.dialect() == Dialect::Postgres { " FOR UPDATE" } else { "" };
    let known: Option<i64> = sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM person WHERE id = $1 AND {}{lock}",
            AgencyScope::of(actor).readable("", 2)
        )))
        .bind(id)
        .bind(AgencyScope::of(actor).agency())
    )?;
    if known.is_none() {
        return Ok(Some(Box::new(Common::NoPerson { id })));
    }
    let open = super::cases::open_case_of(c, AgencyScope::of(actor), id).await?;
    Ok(open.map(|k| Box::new(ReturnsReason::InOpenCase { person: id, case: k }) as Box<dyn Reason + Send + Sync>))
}

/// The file's name as a case keeps it: printable, at most 200 characters.
fn source_name(file: &str) -> String {
    file.chars().filter(|c| !c.is_control()).take(200).collect::<String>().trim().to_string()
}

impl Returns<'_> {
    /// Imports a returns file named `file` (its name only, kept on every case) on behalf of
    /// `writer`; all or nothing.
    pub async fn import_returns(
        &self,
        writer: RegistryWriter<'_>,
        file: &str,
        bytes: &[u8],
        reason: Option<&str>,
    ) -> Result<ReturnImportSummary, StoreError> {
        let actor = writer.actor();
        let rows = read(bytes)?;
        let file = source_name(file);
        let reference = self.reference().await?;
        let gate_context = self.gate_context().await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let programmes = programmes::load(&mut c, None).await?;
        let today = chrono::Utc::now().date_naive();
        let mut e = ValidationErrors::default();
        // Cases in file order, rows grouped by case_ref.
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<&Row>> = HashMap::new();
        for row in &rows {
            let r = row.get("case_ref");
            if r.is_empty() {
                e.push(at(row.line, "case_ref"), Common::Required);
                continue;
            }
            if !groups.contains_key(r) {
                order.push(r.to_string());
            }
            groups.entry(r.to_string()).or_default().push(row);
        }
        let mut cases = Vec::new();
        // Existing persons named so far, with the row that named them.
        let mut named: HashMap<i64, usize> = HashMap::new();
        for reference_id in &order {
            let group = &groups[reference_id];
            let first = group[0];
            for row in &group[1..] {
                for c in CASE_COLUMNS {
                    if !row.get(c).is_empty() && row.get(c) != first.get(c) {
                        e.push(at(row.line, c), ReturnsReason::DiffersFromFirstRow { row: first.line });
                    }
                }
            }
            let host = first.get("host_country").to_ascii_uppercase();
            if reference.country(&host).is_none() {
                e.push(
                    at(first.line, "host_country"),
                    Common::UnknownCountry { value: first.get("host_country").into() },
                );
            }
            let return_type = match first.get("return_type").parse::<ReturnType>() {
                Ok(t) => t,
                Err(m) => {
                    e.push(at(first.line, "return_type"), m);
                    ReturnType::Voluntary
                }
            };
            let transport = match first.get("transport") {
                "" => None,
                t => match t.parse::<Transport>() {
                    Ok(t) => Some(t),
                    Err(m) => {
                        e.push(at(first.line, "transport"), m);
                        None
                    }
                },
            };
            let departure = parse_date(&mut e, first, "departure_date");
            let arrival = parse_date(&mut e, first, "arrival_date");
            if let (Some(d), Some(a)) = (departure, arrival)
                && a < d
            {
                e.push(
                    at(first.line, "arrival_date"),
                    ReturnsReason::ArrivalBeforeDeparture { arrival: a.to_string(), departure: d.to_string() },
                );
            }
            for (column, day) in [("departure_date", departure), ("arrival_date", arrival)] {
                if day.is_some_and(|d| d > today) {
                    e.push(
                        at(first.line, column),
                        Common::InFuture { day: day.map(|d| d.to_string()).unwrap_or_default() },
                    );
                }
            }
            if arrival.is_some() && transport.is_none() {
                e.push(at(first.line, "transport"), ReturnsReason::TransportNeeded);
            }
            let destination = match first.get("destination_municipality") {
                "" => None,
                m => match reference.municipality(m) {
                    Some(m) => Some(m.code.clone()),
                    None => {
                        e.push(
                            at(first.line, "destination_municipality"),
                            Common::UnknownMunicipality { value: m.into() },
                        );
                        None
                    }
                },
            };
            let programme_id = match first.get("programme") {
                "" => None,
                code => match programmes.iter().find(|p| p.code.eq_ignore_ascii_case(code)) {
                    None => {
                        e.push(at(first.line, "programme"), ReturnsReason::NoProgramme { programme: code.into() });
                        None
                    }
                    Some(p) if !p.serves(&host) => {
                        e.push(
                            at(first.line, "programme"),
                            ReturnsReason::ProgrammeElsewhere { programme: p.code.clone(), host: host.clone() },
                        );
                        None
                    }
                    Some(p) => Some(p.id),
                },
            };
            let existing = group.iter().any(|r| !r.get("person_id").is_empty());
            let mut case = CheckedCase {
                line: first.line,
                existing: vec![],
                household: None,
                host_country: host,
                return_type,
                transport,
                departure,
                arrival,
                destination: destination.clone(),
                programme_id,
                screening_id: None,
            };
            if existing {
                for row in group {
                    match row.get("person_id").parse::<i64>() {
                        Ok(id) => {
                            if let Some(m) = existing_returnee(&mut c, actor, id, &mut named).await? {
                                e.push(at(row.line, "person_id"), m);
                            }
                            named.insert(id, row.line);
                            case.existing.push(id);
                        }
                        Err(_) => e.push(at(row.line, "person_id"), ReturnsReason::PersonIdOnEveryRow),
                    }
                }
            } else {
                let mut members = Vec::new();
                for (i, row) in group.iter().enumerate() {
                    let relation = match row.get("relation") {
                        "" if i == 0 => Relation::Head,
                        "" => Relation::Other,
                        r => r.parse::<Relation>().unwrap_or_else(|m| {
                            e.push(at(row.line, "relation"), m);
                            Relation::Other
                        }),
                    };
                    let sex = match row.get("sex") {
                        "" => Sex::Unknown,
                        s => s.parse::<Sex>().unwrap_or_else(|m| {
                            e.push(at(row.line, "sex"), m);
                            Sex::Unknown
                        }),
                    };
                    let date_of_birth = match row.get("date_of_birth") {
                        "" => None,
                        d => match d.parse::<PartialDate>() {
                            Ok(d) => Some(d),
                            Err(_) => {
                                e.push(at(row.line, "date_of_birth"), Common::NotAPartialDate { value: d.into() });
                                None
                            }
                        },
                    };
                    let data = PersonData {
                        given_name: row.get("given_name").to_string(),
                        family_name: row.get("family_name").to_string(),
                        given_name_other_script: None,
                        family_name_other_script: None,
                        date_of_birth,
                        date_of_birth_estimated: false,
                        sex,
                        community: Some(row.get("community").to_string()).filter(|c| !c.is_empty()),
                        languages: vec![],
                        documents: vec![],
                        contacts: vec![],
                        municipality_of_origin: destination.clone(),
                        current_country: Some("XK".into())
                            .filter(|_| arrival.is_some())
                            .or(Some(case.host_country.clone())),
                        current_place: None,
                        vulnerabilities: vec![],
                        legal_basis: LegalBasis {
                            kind: LegalBasisKind::LegalObligation,
                            consent_date: None,
                            consent_scope: None,
                            consent_language: None,
                            legal_reference: Some("return programme records, imported".into()),
                        },
                    };
                    match self.registry().check_person(actor, data).await {
                        Ok(d) => members.push((relation, d)),
                        Err(StoreError::Invalid(errors)) => {
                            e.extend_under(&at(row.line, ""), errors);
                        }
                        Err(other) => return Err(other),
                    }
                }
                case.household = Some((Some(format!("Return case {reference_id}")), destination, members));
            }
            // The protection gate holds for an import as for every other path: a forced return
            // with a departure or an arrival has gone past its order.
            if return_type == ReturnType::Forced
                && let Some(order_on) = departure.or(arrival)
            {
                let field = at(first.line, "return_type");
                if case.existing.is_empty() {
                    e.push(field, ReturnsReason::ImportForcedNew);
                } else {
                    let status = super::gate::status_for(
                        &mut c,
                        &gate_context,
                        AgencyScope::of(actor),
                        &case.existing,
                        order_on,
                        today,
                    )
                    .await?;
                    if status.open {
                        case.screening_id = status.screening_id;
                    } else {
                        e.push(field, ReturnsReason::ImportGateClosed { detail: status.english() });
                    }
                }
            }
            cases.push(case);
        }
        // Refused: the transaction is dropped unwritten.
        e.into_result(())?;

        let mut summary = ReturnImportSummary::default();
        let households: Vec<CheckedHousehold> = cases.iter().filter_map(|k| k.household.clone()).collect();
        let (_, mut new_ids) = write_households(&mut c, actor, &households, reason).await?;
        new_ids.reverse();
        let stamp = now();
        for case in &cases {
            let persons = match &case.household {
                Some(_) => new_ids.pop().unwrap_or_default(),
                None => case.existing.clone(),
            };
            summary.new_persons += if case.household.is_some() { persons.len() } else { 0 };
            let household_id: Option<i64> = sql!(
                &mut c,
                fetch_optional,
                sqlx::query_scalar::<_, i64>("SELECT household_id FROM household_member WHERE person_id = $1")
                    .bind(persons[0])
            )?;
            let stage = if case.arrival.is_some() { "arrived" } else { "registered" };
            let registered = case.departure.or(case.arrival).unwrap_or(today);
            // The gate opens only when every returnee's outcome is no bar found.
            let screening_outcome = case.screening_id.map(|_| "no_bar_found");
            let id: i64 = sql!(
                &mut c,
                fetch_one,
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO return_case (agency_id, version, person_id, household_id, return_type, stage, programme_id, host_country, \
                     destination_municipality, individuals, registered_on, screening_id, screening_outcome, transport, departure_on, arrived_on, \
                     remigration, import_file, import_row, created_at, updated_at) \
                     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'unknown', $16, $17, $18, $18) RETURNING id"
                )
                .bind(actor.agency_id)
                .bind(persons[0])
                .bind(household_id)
                .bind(case.return_type.code())
                .bind(stage)
                .bind(case.programme_id)
                .bind(&case.host_country)
                .bind(&case.destination)
                .bind(persons.len() as i64)
                .bind(registered.to_string())
                .bind(case.screening_id)
                .bind(screening_outcome)
                .bind(case.transport.map(|t| t.code()))
                .bind(case.departure.map(|d| d.to_string()))
                .bind(case.arrival.map(|d| d.to_string()))
                .bind(&file)
                .bind(case.line as i64)
                .bind(&stamp)
            )?;
            for p in &persons {
                sql!(
                    &mut c,
                    execute,
                    sqlx::query(
                        "INSERT INTO return_member (case_id, person_id, sex, birth_year, community_code, agency_id, arrived_on, age_at_return) \
                         SELECT $1, id, sex, birth_year, community_code, agency_id, $2, $3 - birth_year FROM person WHERE id = $4"
                    )
                    .bind(id)
                    .bind(case.arrival.map(|d| d.to_string()))
                    .bind(case.arrival.map(|d| i64::from(d.year())))
                    .bind(p)
                )?;
            }
            audit::append(
                &mut c,
                actor,
                "return_case.import",
                "return_case",
                Some(id),
                reason,
                serde_json::json!({"file": file, "row": case.line, "persons": persons, "stage": stage}),
            )
            .await?;
            summary.cases += 1;
            summary.returnees += persons.len();
        }
        let mut months: Vec<String> = cases.iter().filter_map(|k| k.arrival).map(|d| d.to_string()).collect();
        months.sort();
        months.dedup_by(|a, b| a[..7] == b[..7]);
        for day in &months {
            super::tally::refresh(&mut c, AgencyScope::of(actor), day).await?;
        }
        tx.commit().await?;
        Ok(summary)
    }
}

/// Reads a returns file as the import does before any check against the database: the rows it
/// holds, or every error naming its row and column. (The fuzzing harness feeds it.)
pub fn read_file(bytes: &[u8]) -> Result<usize, ValidationErrors> {
    read(bytes).map(|rows| rows.len())
}
