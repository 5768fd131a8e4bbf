//! The command line: bootstrap of a fresh database (agency, first administrator from an
//! environment variable or standard input), tokens that work on the API, clear errors.

use crate::helpers::{Backend, TempDir, fresh_database};
use std::io::Write;
use std::process::{Command, Stdio};

pub(crate) fn drom(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drom"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.env_remove("DROM_DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run drom");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

async fn bootstrap(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let env = [("DROM_DATABASE_URL", url.as_str()), ("FIRST_ADMIN_PASSWORD", "a long admin password")];
    let (ok, _, err) = drom(
        &[
            "user",
            "add",
            "--agency",
            "mia",
            "--username",
            "root",
            "--role",
            "administrator",
            "--password-env",
            "FIRST_ADMIN_PASSWORD",
        ],
        &env,
        None,
    );
    assert!(!ok);
    assert!(err.contains("--agency: no agency 'mia'"), "{err}");
    let (ok, out, err) = drom(
        &["agency", "add", "--code", "mia", "--name", "Ministry of Internal Affairs", "--kind", "ministry"],
        &env,
        None,
    );
    assert!(ok, "{err}");
    assert!(out.contains("agency mia"), "{out}");
    let (ok, _, err) = drom(
        &[
            "user",
            "add",
            "--agency",
            "mia",
            "--username",
            "root",
            "--role",
            "administrator",
            "--password-env",
            "FIRST_ADMIN_PASSWORD",
        ],
        &env,
        None,
    );
    assert!(ok, "{err}");
    let (ok, _, err) = drom(
        &["user", "add", "--agency", "mia", "--username", "clerk", "--role", "viewer"],
        &env,
        Some("another long password\n"),
    );
    assert!(ok, "{err}");
    let (ok, _, err) =
        drom(&["user", "add", "--agency", "mia", "--username", "short", "--role", "viewer"], &env, Some("short\n"));
    assert!(!ok);
    assert!(err.contains("password"), "{err}");
    let (ok, _, err) = drom(
        &["user", "add", "--agency", "mia", "--username", "x1", "--role", "boss"],
        &env,
        Some("another long password\n"),
    );
    assert!(!ok);
    assert!(err.contains("--role"), "{err}");
    let (ok, out, _) = drom(&["user", "list"], &env, None);
    assert!(ok && out.contains("root") && out.contains("clerk"), "{out}");
    let (ok, token, err) = drom(&["user", "token", "--username", "clerk"], &env, None);
    assert!(ok, "{err}");
    let token = token.trim().to_string();
    assert!(token.starts_with("drom_"));
    let (ok, out, _) = drom(&["audit", "verify"], &env, None);
    assert!(ok && out.contains("chain intact"), "{out}");

    // The token works against a server on the same database.
    let db = drom::cli::open(&url).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(drom::server::serve(
        listener,
        db,
        drom_screening::PolicySet::shipped(None).unwrap(),
        std::future::pending(),
    ));
    let me: serde_json::Value = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "clerk");
    server.abort();
}

#[tokio::test]
async fn bootstrap_sqlite() {
    bootstrap(Backend::Sqlite).await;
}

#[tokio::test]
async fn bootstrap_postgres() {
    bootstrap(Backend::Postgres).await;
}

#[test]
fn bad_database_urls_are_refused_clearly() {
    let (ok, _, err) = drom(&["user", "list", "--database", "mysql://x"], &[], None);
    assert!(!ok);
    assert!(err.contains("must start with sqlite:// or postgres://"), "{err}");
    let dir = TempDir::new();
    let url = format!("sqlite://{}/drom.db", dir.0.display());
    let (ok, out, err) = drom(&["migrate", "--database", &url], &[], None);
    assert!(ok, "{err}");
    let newest = drom::server::MIGRATIONS.iter().flat_map(|m| m.iter()).map(|m| m.0).max().unwrap();
    assert!(out.contains(&format!("schema is at version {newest}")), "{out}");
}

/// An applied migration edited afterwards stops start-up with a message naming it; a database
/// made before checksums were kept adopts them on the next start.
async fn edited_migrations_stop_start_up(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let (ok, out, err) = drom(&["migrate", "--database", &url], &[], None);
    assert!(ok && out.contains("schema is at version"), "{err}");
    let run = |statement: &'static str| intrude(&url, statement);
    // As before checksums: adopted, and the next start is clean.
    run("UPDATE drom_migration SET checksum = NULL").await;
    let (ok, out, err) = drom(&["migrate", "--database", &url], &[], None);
    assert!(ok && out.contains("applied 0 migration(s)"), "{out}{err}");
    // The text of migration 5 changed after it was applied.
    run("UPDATE drom_migration SET checksum = '0123456789abcdef' WHERE version = 5").await;
    for args in [&["migrate", "--database", &url][..], &["user", "list", "--database", &url][..]] {
        let (ok, _, err) = drom(args, &[], None);
        assert!(!ok, "{args:?} started on an edited migration");
        assert!(err.contains("migration 5 (returns) was changed after it was applied"), "{err}");
        assert!(err.contains("put the change in a new migration"), "{err}");
    }
}

#[tokio::test]
async fn edited_migrations_stop_start_up_on_sqlite() {
    edited_migrations_stop_start_up(Backend::Sqlite).await;
}

#[tokio::test]
async fn edited_migrations_stop_start_up_on_postgres() {
    edited_migrations_stop_start_up(Backend::Postgres).await;
}

/// Runs one statement on the database directly, as someone with write access to it would.
async fn intrude(url: &str, statement: &str) {
    let sql = sqlx::AssertSqlSafe(statement.to_string());
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    }
}

/// A log kept with a key outside the database: a process without the key is refused before it
/// writes; a checkpoint kept elsewhere catches a tail cut so cleanly that the chain alone
/// still verifies.
async fn a_keyed_audit_log_and_its_checkpoint(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let keys = TempDir::new();
    let key_file = keys.0.join("audit.key");
    std::fs::write(&key_file, "k7Q2v9W4m1Z8x3B6n5C0r2T7y4U1i8O3p6A9s2D5f\n").unwrap();
    let checkpoint = keys.0.join("checkpoint.json");
    let key = key_file.to_str().unwrap();
    let keyed = [("DROM_DATABASE_URL", url.as_str()), ("DROM_AUDIT_KEY_FILE", key)];
    let plain = [("DROM_DATABASE_URL", url.as_str())];
    let (ok, _, err) =
        drom(&["agency", "add", "--code", "mia", "--name", "Ministry", "--kind", "ministry"], &keyed, None);
    assert!(ok, "{err}");
    for name in ["clerk", "clerk2", "clerk3"] {
        let (ok, _, err) = drom(
            &["user", "add", "--agency", "mia", "--username", name, "--role", "viewer"],
            &keyed,
            Some("a long password\n"),
        );
        assert!(ok, "{err}");
    }
    // Without the key, or with another, nothing is written.
    let (ok, _, err) = drom(
        &["user", "add", "--agency", "mia", "--username", "nokey", "--role", "viewer"],
        &plain,
        Some("a long password\n"),
    );
    assert!(!ok && err.contains("kept with a key"), "{err}");
    let short = keys.0.join("short.key");
    std::fs::write(&short, "too short").unwrap();
    let (ok, _, err) = drom(
        &["user", "list"],
        &[("DROM_DATABASE_URL", url.as_str()), ("DROM_AUDIT_KEY_FILE", short.to_str().unwrap())],
        None,
    );
    assert!(!ok && err.contains("at least 32"), "{err}");

    let (ok, out, err) = drom(&["audit", "checkpoint", "--out", checkpoint.to_str().unwrap()], &keyed, None);
    assert!(ok, "{err}");
    assert!(out.contains("checkpoint of 4 entries"), "{out}");
    let (ok, out, err) = drom(&["audit", "verify", "--against", checkpoint.to_str().unwrap()], &keyed, None);
    assert!(ok && out.contains("4 entries") && out.contains("keyed"), "{out}{err}");

    // The tail cut cleanly: the head moved back to the entry before. The chain alone holds...
    intrude(&url, "DELETE FROM audit_log WHERE seq = 4").await;
    intrude(&url, "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3) WHERE id = 1")
        .await;
    let (ok, out, _) = drom(&["audit", "verify"], &keyed, None);
    assert!(ok, "the cut chain is consistent in itself: {out}");
    // ... the checkpoint does not.
    let (ok, _, err) = drom(&["audit", "verify", "--against", checkpoint.to_str().unwrap()], &keyed, None);
    assert!(!ok, "a cut tail is caught against the checkpoint");
    assert!(err.contains("audit entry 4") && err.contains("recorded 4 entries, 3 remain"), "{err}");
    // A forged checkpoint (another count) is not signed by the key.
    let text = std::fs::read_to_string(&checkpoint).unwrap().replace("\"seq\": 4", "\"seq\": 3");
    std::fs::write(&checkpoint, text).unwrap();
    let (ok, _, err) = drom(&["audit", "verify", "--against", checkpoint.to_str().unwrap()], &keyed, None);
    assert!(!ok && err.contains("not signed with this key"), "{err}");
}

#[tokio::test]
async fn a_keyed_audit_log_and_its_checkpoint_on_sqlite() {
    a_keyed_audit_log_and_its_checkpoint(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_keyed_audit_log_and_its_checkpoint_on_postgres() {
    a_keyed_audit_log_and_its_checkpoint(Backend::Postgres).await;
}

/// `drom serve` as a service manager runs it: every response carries a request id, the access
/// log has one line per request without its query, and SIGTERM stops it cleanly.
#[tokio::test]
async fn a_served_process_logs_requests_and_stops_on_sigterm() {
    let dir = TempDir::new();
    let url = format!("sqlite://{}/drom.db", dir.0.display());
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(["serve", "--database", &url, "--addr", &format!("127.0.0.1:{port}")])
        .env_remove("DROM_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(up, "the server started");
    let r = client.get(format!("{base}/persons?q=secret-name")).send().await.unwrap();
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 16);
    let r = client.get(format!("{base}/healthz")).header("x-request-id", "trace-0123456789").send().await.unwrap();
    assert_eq!(r.headers()["x-request-id"], "trace-0123456789", "a caller's plain id is kept");
    let r = client.get(format!("{base}/healthz")).header("x-request-id", "a b\tc").send().await.unwrap();
    assert_ne!(r.headers()["x-request-id"], "a b\tc");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "SIGTERM ends it cleanly: {log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains(&id) && log.contains("path=/persons") && log.contains("status=303"), "{log}");
    assert!(!log.contains("secret-name"), "no query string in the log: {log}");
}

/// Every table of a database as sorted lines per table (a backup read back), to compare two
/// databases row for row whatever order each stores them in.
async fn contents(db: &drom_store::Db) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    db.backup(&mut out, &mut |_, _| {}).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().skip(1) {
        if line.starts_with('{') {
            tables.push((line.to_string(), Vec::new()));
        } else {
            tables.last_mut().unwrap().1.push(line.to_string());
        }
    }
    for (_, rows) in &mut tables {
        rows.sort();
    }
    tables
}

/// The demo deployment backed up while it runs, restored into a new SQLite database, and moved
/// to PostgreSQL: every row of every table arrives, and the audit chain verifies there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_restore_and_migrate_to_postgres_keep_every_row() {
    let (source_url, _d1, _) = fresh_database(Backend::Sqlite).await;
    let source = drom::cli::open(&source_url).await.unwrap();
    drom::demo::seed(&source).await.unwrap();
    let expected = contents(&source).await;
    let persons = expected.iter().find(|(t, _)| t.contains("\"table\":\"person\"")).unwrap().1.len();
    assert!(persons > 500, "the demo's persons are there: {persons}");

    let dir = TempDir::new();
    let file = dir.0.join("drom.backup");
    let (ok, out, err) = drom(&["backup", "--database", &source_url, "--out", file.to_str().unwrap()], &[], None);
    assert!(ok, "{err}");
    assert!(out.contains("rows written"), "{out}");

    let (restored_url, _d2, _) = fresh_database(Backend::Sqlite).await;
    let (ok, out, err) = drom(&["restore", "--database", &restored_url, file.to_str().unwrap()], &[], None);
    assert!(ok, "{err}");
    assert!(out.contains("restored"), "{out}");
    let restored = drom::cli::open(&restored_url).await.unwrap();
    assert!(contents(&restored).await == expected, "the restored database holds every row as it was");
    // A database that is in use is not overwritten.
    let (ok, _, err) = drom(&["restore", "--database", &restored_url, file.to_str().unwrap()], &[], None);
    assert!(!ok && err.contains("new, empty database"), "{err}");

    let (pg_url, _, _pg) = fresh_database(Backend::Postgres).await;
    let (ok, out, err) = drom(&["migrate-to", "--database", &source_url, &pg_url], &[], None);
    assert!(ok, "{err}");
    assert!(out.contains("every table has as many rows as the source"), "{out}");
    let moved = drom::cli::open(&pg_url).await.unwrap();
    assert!(contents(&moved).await == expected, "PostgreSQL holds every row of SQLite");
    assert!(matches!(moved.verify_audit().await.unwrap(), Ok(n) if n > 0), "the audit chain verifies after the move");
    // New rows continue after the moved ones.
    let agency = moved
        .create_agency(
            None,
            drom_store::users::NewAgency {
                code: "new-one".into(),
                name: "N".into(),
                kind: "ngo".into(),
                municipality: None,
            },
        )
        .await
        .unwrap();
    assert!(agency.id > 1);
    // A file that is not a backup names its line.
    std::fs::write(dir.0.join("bad"), "{\"drom_backup\": 1, \"migrations\": []\n").unwrap();
    let (empty_url, _d3, _) = fresh_database(Backend::Sqlite).await;
    let (ok, _, err) = drom(&["restore", "--database", &empty_url, dir.0.join("bad").to_str().unwrap()], &[], None);
    assert!(!ok && err.contains("line 1"), "{err}");
}

/// Counts rows of a table on either backend.
async fn rows(url: &str, query: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(query.to_string());
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        n
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        n
    }
}

fn kill_hard(child: &std::process::Child) {
    let killed = Command::new("kill").args(["-KILL", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
}

/// kill -9 in the middle of a large import and of a burst of API writes: the database opens,
/// the import is all there or not at all, every person written has its audit entry, and the
/// audit chain verifies.
async fn killed_mid_write_leaves_nothing_half_written(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let env = [("DROM_DATABASE_URL", url.as_str())];
    assert!(drom(&["agency", "add", "--code", "iom", "--name", "IOM", "--kind", "io"], &env, None).0);
    let (ok, _, err) = drom(
        &["user", "add", "--agency", "iom", "--username", "clerk", "--role", "caseworker"],
        &env,
        Some("a long password\n"),
    );
    assert!(ok, "{err}");
    let dir = TempDir::new();
    let file = dir.0.join("returns.csv");
    let cases = 30_000;
    let mut csv = String::from("case_ref,given_name,family_name,relation,host_country,return_type\n");
    for i in 0..cases {
        csv.push_str(&format!("C-{i},Given{i},Family{i},head,DE,voluntary\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(["import", "returns", file.to_str().unwrap(), "--user", "clerk", "--database", &url])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut import = import;
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(import.try_wait().unwrap().is_none(), "the import was still running when it was killed");
    kill_hard(&import);
    let _ = import.wait();
    let (ok, _, err) = drom(&["migrate", "--database", &url], &[], None);
    assert!(ok, "the database opens after the kill: {err}");
    let imported = rows(&url, "SELECT COUNT(*) FROM return_case").await;
    assert!(imported == 0 || imported == cases, "all or nothing, not {imported}");
    assert_eq!(rows(&url, "SELECT COUNT(*) FROM person").await, imported, "no person without their case");

    // A burst of writes through the API, and the server killed under it.
    let (ok, token, err) = drom(&["user", "token", "--username", "clerk", "--database", &url], &[], None);
    assert!(ok, "{err}");
    let token = token.trim().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(["serve", "--database", &url, "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut writers = tokio::task::JoinSet::new();
    for w in 0..8 {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        writers.spawn(async move {
            let mut ok = 0;
            for i in 0..10_000 {
                let body = crate::helpers::person_json(&format!("W{w}"), &format!("N{i}"));
                match client.post(format!("{base}/api/v1/persons")).bearer_auth(&token).json(&body).send().await {
                    Ok(r) if r.status().is_success() => ok += 1,
                    _ => break,
                }
            }
            ok
        });
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    kill_hard(&server);
    let _ = server.wait();
    let mut acknowledged = 0;
    while let Some(n) = writers.join_next().await {
        acknowledged += n.unwrap();
    }
    assert!(acknowledged > 0, "writes were going on when the server was killed");
    let stored = rows(&url, "SELECT COUNT(*) FROM person").await - imported;
    assert!(stored >= acknowledged, "every acknowledged write is stored: {stored} < {acknowledged}");
    let audited = rows(&url, "SELECT COUNT(*) FROM audit_log WHERE action = 'person.create'").await;
    assert_eq!(audited, stored + imported, "every stored person has its audit entry");
    let (ok, out, err) = drom(&["audit", "verify", "--database", &url], &[], None);
    assert!(ok, "the audit chain verifies after the kills: {out}{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_write_on_sqlite() {
    killed_mid_write_leaves_nothing_half_written(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_write_on_postgres() {
    killed_mid_write_leaves_nothing_half_written(Backend::Postgres).await;
}

/// `drom locales` counts every folder's messages per language from the embedded files, with
/// Romani's translations listed as awaiting review and its untranslated messages as missing.
#[test]
fn locales_reports_what_each_language_lacks_and_what_awaits_review() {
    let (ok, out, err) = drom(&["locales"], &[], None);
    assert!(ok, "{err}");
    let row = |folder: &str, lang: &str| -> Vec<String> {
        out.lines()
            .find(|l| l.split_whitespace().take(2).eq([folder, lang]))
            .unwrap_or_else(|| panic!("a row for {folder} {lang} in\n{out}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    for folder in ["kernel", "casework", "registry", "screening", "returns"] {
        let en = row(folder, "en");
        for lang in ["sq", "sr-Latn"] {
            let r = row(folder, lang);
            assert_eq!(r[3], "0", "{folder} {lang} misses nothing");
            assert!(r[2].parse::<usize>().unwrap() >= en[2].parse::<usize>().unwrap());
        }
    }
    let rom = row("kernel", "rom");
    assert!(rom[4].parse::<usize>().unwrap() > 20, "Romani awaits review: {rom:?}");
    assert_eq!(row("returns", "rom")[2], "0");
    assert!(out.contains("\nkernel rom awaiting review:\n  skip-to-content\n"), "{out}");
    assert!(out.contains("\nkernel rom missing:\n") && out.contains("\n  account-title\n"), "the keys are listed");
    let (_, summary, _) = drom(&["locales", "--summary"], &[], None);
    assert!(summary.lines().count() < 40 && !summary.contains("account-title"), "{summary}");
}
