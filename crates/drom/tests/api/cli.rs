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
    assert!(out.contains("schema is at version 12"), "{out}");
}

/// An applied migration edited afterwards stops start-up with a message naming it; a database
/// made before checksums were kept adopts them on the next start.
async fn edited_migrations_stop_start_up(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let (ok, out, err) = drom(&["migrate", "--database", &url], &[], None);
    assert!(ok && out.contains("schema is at version"), "{err}");
    let run = |statement: &str| {
        let url = url.clone();
        let statement = statement.to_string();
        async move {
            let sql = sqlx::AssertSqlSafe(statement);
            if url.starts_with("sqlite") {
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap();
                pool.close().await;
            } else {
                let pool = sqlx::PgPool::connect(&url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap();
                pool.close().await;
            }
        }
    };
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
