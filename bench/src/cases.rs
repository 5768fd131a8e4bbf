//! Return cases generated in SQL on the database itself (a recursive number sequence that
//! SQLite and PostgreSQL both run): a million in a minute or two, for the period report and
//! HTTP benchmarks.

use anyhow::Result;
use chrono::NaiveDate;
use drom_domain::permission::{Actor, Role};
use drom_returns::ReturnsDb;
use drom_returns::domain::{AssistanceKind, CeilingBasis, Cents};
use drom_returns::store::programmes::{NewOption, NewProgramme};
use drom_store::users::NewUser;
use drom_store::{Db, Dialect, sql};
use std::time::Instant;

/// Runs one generating statement and says how long it took.
async fn run(db: &Db, what: &str, q: String) -> Result<()> {
    let t = Instant::now();
    let mut h = db.acquire().await?;
    let mut c = h.conn();
    let n = sql!(&mut c, execute, sqlx::query(sqlx::AssertSqlSafe(q)))?;
    println!("  {what:<34} {n:>9} rows in {:>6.1} s", t.elapsed().as_secs_f64());
    Ok(())
}

/// `n` numbered rows, 1 to `n`, as a common table expression both databases accept.
fn numbers(n: usize) -> String {
    format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) ")
}

/// A CASE over `i % len` choosing from `values`.
fn pick(modulus_of: &str, values: &[String]) -> String {
    let arms: String =
        values.iter().enumerate().map(|(k, v)| format!(" WHEN {k} THEN {v}")).collect::<Vec<_>>().join("");
    format!("CASE {modulus_of} % {}{arms} END", values.len())
}

fn quoted(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| format!("'{v}'")).collect()
}

/// Generates `cases` arrived return cases of the agency `agency_id`, with their own `2 * cases`
/// returnees, plan items and ledger rows, then the report tallies; returns the agency's
/// administrator (`bench-admin`, made here) who created the programmes.
pub async fn generate(db: &Db, agency_id: i64, cases: usize) -> Result<Actor> {
    let user = db
        .create_user(
            None,
            NewUser {
                agency_id,
                username: "bench-admin".into(),
                display_name: "Bench".into(),
                role: Role::Administrator,
                special_categories: true,
                protection_override: false,
                password: "bench password".into(),
            },
        )
        .await?;
    let actor = user.actor();
    let mut programme_ids = Vec::new();
    for code in ["KHRP", "VARRP", "REAB", "RAS", "AVR-WB", "CE-AVR"] {
        let p = db
            .returns()
            .create_programme(
                actor.administrator()?,
                NewProgramme {
                    code: code.into(),
                    name: code.into(),
                    donor: "bench".into(),
                    host_countries: vec![],
                    target_groups: vec![],
                    budget_cents: Cents(1_000_000_000_000),
                    starts_on: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
                    ends_on: None,
                    approval_above_cents: None,
                    orders_need_approval: false,
                    options: [AssistanceKind::FinancialGrant, AssistanceKind::BusinessSetup, AssistanceKind::Housing]
                        .iter()
                        .map(|k| NewOption {
                            code: k.code().replace('_', "-"),
                            kind: *k,
                            description: k.code().into(),
                            ceiling_cents: Cents(1_000_000),
                            ceiling_basis: CeilingBasis::PerPerson,
                        })
                        .collect(),
                },
            )
            .await?;
        programme_ids.push(p.id.to_string());
    }
    let reference = db.reference().await?;
    let municipalities: Vec<&str> = reference.municipalities.iter().map(|m| m.code.as_str()).collect();
    let countries = [
        "AT", "AT", "AT", "AT", "AT", "DE", "DE", "DE", "DE", "NO", "NO", "BE", "BE", "GB", "GB", "CH", "CH", "NL",
        "LU", "HU", "FI", "SE",
    ];
    let base: i64 = {
        let mut h = db.acquire().await?;
        let mut c = h.conn();
        sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM person")
        )?
    };
    let a = agency_id;
    let u = user.id;
    let ts = "'2026-01-01T00:00:00.000000Z'";
    // A day from 2000-01-01 to 2025-12-31, spread by a permutation of the residues.
    let offset = "(((i % 9496) * 7919) % 9496)";
    let day = match db.dialect() {
        Dialect::Sqlite => format!("date('2000-01-01', '+' || {offset} || ' days')"),
        Dialect::Postgres => format!("to_char(DATE '2000-01-01' + {offset}, 'YYYY-MM-DD')"),
    };
    println!("generating {cases} cases");
    run(
        db,
        "persons",
        format!(
            "{}INSERT INTO person (agency_id, version, given_name, family_name, sort_key, birth_year, sex, community_code, data, created_at, updated_at) \
             SELECT {a}, 1, 'Given' || i, 'Family' || (i % 5000), 'family' || (i % 5000) || ' given' || i, 1930 + (i % 70), \
             {}, {}, '{{}}', {ts}, {ts} FROM n",
            numbers(cases * 2),
            pick("i", &quoted(&["female", "male"])),
            pick("i", &quoted(&["roma", "ashkali", "egyptian", "albanian", "serb", "bosniak", "gorani"])),
        ),
    )
    .await?;
    run(
        db,
        "return cases",
        format!(
            "{}INSERT INTO return_case (agency_id, version, person_id, return_type, stage, programme_id, host_country, \
             destination_municipality, individuals, registered_on, transport, departure_on, arrived_on, remigration, created_at, updated_at) \
             SELECT {a}, 1, {base} + 2 * i - 1, {}, 'arrived', {}, {}, {}, {}, {day}, {}, {day}, {day}, 'unknown', {ts}, {ts} FROM n",
            numbers(cases),
            pick("i", &quoted(&["voluntary", "voluntary", "voluntary", "voluntary", "forced"])),
            pick("i", &programme_ids),
            pick("i", &quoted(&countries)),
            pick("i", &quoted(&municipalities)),
            pick("i", &["2".to_string(), "1".into(), "1".into()]),
            pick("i", &quoted(&[&["air"; 39][..], &["land"]].concat())),
        ),
    )
    .await?;
    let member = |second: bool| {
        format!(
            "INSERT INTO return_member (case_id, person_id, sex, birth_year, age_at_return, community_code, agency_id, arrived_on) \
             SELECT k.id, p.id, p.sex, p.birth_year, CAST(substr(k.arrived_on, 1, 4) AS INTEGER) - p.birth_year, p.community_code, \
             k.agency_id, k.arrived_on FROM return_case k JOIN person p ON p.id = k.person_id + {} {}",
            i32::from(second),
            if second { "WHERE k.individuals = 2" } else { "" }
        )
    };
    run(db, "returnees (principals)", member(false)).await?;
    run(db, "returnees (second members)", member(true)).await?;
    run(
        db,
        "plan items",
        format!(
            "INSERT INTO plan_item (case_id, option_id, description, direct_beneficiaries, indirect_beneficiaries, created_at, created_by) \
             SELECT k.id, (SELECT MIN(o.id) FROM programme_option o WHERE o.programme_id = k.programme_id) + k.id % 3, 'bench', \
             k.individuals, k.id % 3, {ts}, {u} FROM return_case k"
        ),
    )
    .await?;
    for (kind, share) in [("commitment", 1), ("disbursement", 2), ("disbursement", 2)] {
        run(
            db,
            &format!("ledger ({kind}s)"),
            format!(
                "INSERT INTO ledger_entry (case_id, agency_id, programme_id, plan_item_id, assistance_kind, kind, amount_cents, entry_on, created_at, created_by) \
                 SELECT i.case_id, k.agency_id, k.programme_id, i.id, o.kind, '{kind}', (100000 + (i.id % 50) * 1000) / {share}, k.arrived_on, {ts}, {u} \
                 FROM plan_item i JOIN return_case k ON k.id = i.case_id JOIN programme_option o ON o.id = i.option_id"
            ),
        )
        .await?;
    }
    run(
        db,
        "first payment days",
        "UPDATE plan_item SET first_paid_on = (SELECT k.arrived_on FROM return_case k WHERE k.id = plan_item.case_id)"
            .into(),
    )
    .await?;
    let t = Instant::now();
    db.returns().rebuild_report_tallies().await?;
    println!("  monthly tallies                    in {:>6.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    db.analyze().await?;
    println!("  analyze                            in {:>6.1} s", t.elapsed().as_secs_f64());
    Ok(actor)
}
