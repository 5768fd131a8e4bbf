//! A fresh, migrated database per test (a temporary SQLite file, or a new PostgreSQL database
//! on the server named by DROM_TEST_POSTGRES_URL), a server on port 0, and users of two agencies.

use drom_casework::CaseworkDb;
use drom_domain::permission::Role;
use drom_store::Db;
use drom_store::users::{NewAgency, NewUser};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};

pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn postgres_admin_url() -> String {
    std::env::var("DROM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub struct TestApp {
    pub addr: String,
    pub db: Db,
    pub url: String,
    pub client: Client,
    /// Tokens by user name: admin, caseworker (special categories), viewer of agency A;
    /// other (caseworker with special categories) of agency B.
    pub tokens: Vec<(String, String)>,
    pub agency_a: i64,
    _dir: Option<TempDir>,
    _files: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pg_name: Option<String>,
}

/// A temporary folder removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let p =
            std::env::temp_dir().join(format!("drom-test-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A new empty database URL for `backend` (and the temp dir or database name to clean up).
pub async fn fresh_database(backend: Backend) -> (String, Option<TempDir>, Option<String>) {
    static N: AtomicU32 = AtomicU32::new(0);
    match backend {
        Backend::Sqlite => {
            let dir = TempDir::new();
            let url = format!("sqlite://{}", dir.0.join("drom.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let name = format!("drom_t_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL is required for these tests ({admin}): {e}"));
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&pool).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&pool).await.unwrap();
            pool.close().await;
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
            (format!("{base}/{name}"), None, Some(name))
        }
    }
}

/// Keeps the attachments a test writes (the demo attaches a scan) in a folder of its own, which
/// goes when the returned value is dropped, whatever the backend.
pub fn keep_files_apart(db: &Db) -> TempDir {
    let files = TempDir::new();
    db.casework().set_file_store(drom_casework::store::FileStore {
        dir: files.0.clone(),
        max_bytes: drom_casework::domain::DEFAULT_MAX_MB * 1024 * 1024,
    });
    files
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        let (url, dir, pg_name) = fresh_database(backend).await;
        let db = drom::cli::open(&url).await.expect("open and migrate");
        // Attachments of this app only, whichever the backend.
        let files = keep_files_apart(&db);
        let a = db
            .create_agency(
                None,
                NewAgency { code: "agency-a".into(), name: "Agency A".into(), kind: "ngo".into(), municipality: None },
            )
            .await
            .unwrap();
        let b = db
            .create_agency(
                None,
                NewAgency {
                    code: "agency-b".into(),
                    name: "Agency B".into(),
                    kind: "municipality".into(),
                    municipality: Some("Prizren".into()),
                },
            )
            .await
            .unwrap();
        let mut tokens = Vec::new();
        for (name, agency, role, special) in [
            ("admin", a.id, Role::Administrator, false),
            ("caseworker", a.id, Role::Caseworker, true),
            ("plainworker", a.id, Role::Caseworker, false),
            ("viewer", a.id, Role::Viewer, false),
            ("other", b.id, Role::Caseworker, true),
            ("sysadmin", a.id, Role::SystemAdministrator, false),
            ("supervisor", a.id, Role::Supervisor, false),
        ] {
            let u = db
                .create_user(
                    None,
                    NewUser {
                        agency_id: agency,
                        username: name.into(),
                        display_name: name.into(),
                        role,
                        special_categories: special,
                        protection_override: false,
                        password: PASSWORD.into(),
                    },
                )
                .await
                .unwrap();
            tokens.push((name.to_string(), db.issue_token(&u, "test").await.unwrap()));
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server_db = db.clone();
        tokio::spawn(async move {
            drom::server::serve(listener, server_db, drom_screening::PolicySet::shipped(None).unwrap(), async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestApp {
            addr,
            db,
            url,
            client: Client::new(),
            tokens,
            agency_a: a.id,
            _dir: dir,
            _files: files,
            shutdown: Some(tx),
            pg_name,
        }
    }

    pub fn token(&self, user: &str) -> &str {
        &self.tokens.iter().find(|(u, _)| u == user).unwrap_or_else(|| panic!("no test user {user}")).1
    }

    /// Sends a request as `user` (or anonymously with `None`) with an optional JSON body.
    pub async fn call(&self, user: Option<&str>, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut req = self.client.request(method, format!("{}{}", self.addr, path));
        if let Some(u) = user {
            req = req.bearer_auth(self.token(u));
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, user: &str, path: &str) -> (StatusCode, Value) {
        let r = self.call(Some(user), Method::GET, path, None).await;
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, user: &str, path: &str, body: Value) -> (StatusCode, Value) {
        let r = self.call(Some(user), Method::POST, path, Some(body)).await;
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    /// Creates a person as `user` and returns its id.
    pub async fn person(&self, user: &str, body: Value) -> i64 {
        let (s, v) = self.post(user, "/api/v1/persons", body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["id"].as_i64().unwrap()
    }

    pub async fn count(&self, table: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        if self.url.starts_with("sqlite") {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            n
        } else {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            n
        }
    }

    /// Runs one statement directly on the database, as an intruder with file access would.
    pub async fn tamper(&self, statement: &str) {
        let sql = sqlx::AssertSqlSafe(statement.to_string());
        if self.url.starts_with("sqlite") {
            let pool = sqlx::SqlitePool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        } else {
            let pool = sqlx::PgPool::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.db.close().await;
        if let Some(name) = self.pg_name.take()
            && let Ok(pool) = sqlx::PgPool::connect(&postgres_admin_url()).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&pool)
                .await;
            pool.close().await;
        }
    }
}

/// The day `offset` days from today (negative: before), as the API takes dates.
pub fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// A valid person with the given names.
pub fn person_json(given: &str, family: &str) -> Value {
    json!({
        "given_name": given,
        "family_name": family,
        "sex": "female",
        "date_of_birth": "1984-05",
        "municipality_of_origin": "Fushë Kosovë",
        "current_country": "DE",
        "legal_basis": {"kind": "consent", "consent_date": "2026-10-01", "consent_scope": "registration", "consent_language": "sq"}
    })
}

/// Declares a test that runs the same scenario on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await;
                super::$name(&app).await;
                app.stop().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await;
                super::$name(&app).await;
                app.stop().await;
            }
        }
    };
}
