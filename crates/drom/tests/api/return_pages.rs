//! Return and reintegration pages over real HTTP with a cookie jar: a caseworker opens a case
//! from the person's page and records its steps through the forms, refused input comes back next
//! to its field with nothing saved, viewers only read, and the reports count what was recorded.

use crate::both_backends;
use crate::helpers::{Backend, TestApp, person_json};
use crate::pages::{csrf_of, get, post, sign_in};
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A day `n` days before today, as the date inputs send it.
fn day(n: u64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string()
}

/// The label of the stage the lifecycle indicator marks as current.
pub(crate) fn current_stage(html: &str) -> String {
    let start = html.find("aria-current=\"step\">").expect("a current stage") + 20;
    html[start..].split(" <span").next().unwrap().to_string()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

/// Posts a step form of a case with the CSRF token.
pub(crate) async fn step(
    c: &Client,
    app: &TestApp,
    csrf: &str,
    case: &str,
    key: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("csrf", csrf)];
    form.extend_from_slice(fields);
    post(c, app, &format!("/return-cases/{case}/{key}"), &form).await
}

/// The administrator adds a programme for returns from Germany and Austria through its form.
async fn add_programme(app: &TestApp) -> String {
    let (admin, csrf) = sign_in(app, "admin").await;
    let (s, html) = get(&admin, app, "/programmes/new").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("for=\"programme-options_0__ceiling\""), "labelled option rows");
    let fields = [
        ("csrf", csrf.as_str()),
        ("code", "VARRP"),
        ("name", "Voluntary return and reintegration"),
        ("donor", "European Union"),
        ("host_countries", "de at"),
        ("target_groups", "Roma, Ashkali and Egyptian returnees\nFamilies with children"),
        ("budget", "100000"),
        ("starts_on", &day(300)),
        ("options[0].code", "grant"),
        ("options[0].kind", "financial_grant"),
        ("options[0].description", "Cash on arrival"),
        ("options[0].ceiling", "500"),
        ("options[0].ceiling_basis", "per_person"),
        ("options[2].code", "toolkit"),
        ("options[2].kind", "toolkit"),
        ("options[2].description", "Tools for a trade"),
        ("options[2].ceiling", "2000.00"),
        ("options[2].ceiling_basis", "per_household"),
    ];
    // An unreadable budget is named next to its field, and nothing is created.
    let mut bad = fields.to_vec();
    bad[6] = ("budget", "lots");
    let r = post(&admin, app, "/programmes/new", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"programme-budget-error\"") && html.contains("lots"), "budget error");
    assert!(html.contains("value=\"Tools for a trade\""), "option rows kept");
    assert_eq!(app.count("programme").await, 0);
    let r = post(&admin, app, "/programmes/new", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    let (_, html) = get(&admin, app, &page).await;
    assert!(html.contains("European Union") && html.contains("Austria") && html.contains("Families with children"));
    assert!(html.contains("€100,000.00") && html.contains("€2,000.00"), "budget and ceilings");
    // In Serbian the same amounts take CLDR's separators, the euro sign after them.
    let r = admin.get(format!("{}{page}", app.addr)).header("accept-language", "sr-Latn").send().await.unwrap();
    let sr = r.text().await.unwrap();
    assert!(sr.contains("100.000,00\u{a0}€") && sr.contains("2.000,00\u{a0}€"), "Serbian amounts");
    assert!(sr.contains("Nemačka") && sr.contains("Austrija"), "CLDR's Serbian country names");
    assert!(html.contains("<svg class=\"chart\""), "budget chart");
    page.rsplit('/').next().unwrap().to_string()
}

/// The administrator writes the first information sheet of Fushë Kosovë; the caseworker `c`
/// reads it with who wrote it, and has no form to write one.
pub(crate) async fn write_sheet(app: &TestApp, c: &Client) {
    let (s, html) = get(c, app, "/info-sheets").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("href=\"/info-sheets/fushe-kosove\"") && html.contains("no sheet yet"));
    let (_, html) = get(c, app, "/info-sheets/fushe-kosove").await;
    assert!(html.contains("has no information sheet yet") && !html.contains("id=\"form-sheet\""));
    assert!(html.contains("New versions of information sheets are written by agency administrators."));
    let (admin, csrf) = sign_in(app, "admin").await;
    let (_, html) = get(&admin, app, "/info-sheets/fushe-kosove").await;
    assert!(html.contains("id=\"form-sheet\"") && !html.contains("name=\"updated_on\""), "dated today, no date field");
    let r = post(
        &admin,
        app,
        "/info-sheets/fushe-kosove",
        &[
            ("csrf", &csrf),
            ("services", "Municipal office for communities and returns, ground floor."),
            ("housing", "Social housing list open."),
            ("schools", "Enrolment in September; catch-up classes in Romani."),
            ("health_care", "Main family medicine centre."),
            ("safety", "No incidents reported this year."),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(c, app, "/info-sheets/fushe-kosove").await;
    assert!(html.contains("version 1") && html.contains("Social housing list open."));
    assert!(html.contains("written by admin (Agency A)"), "who wrote it, for which agency");
}

/// Opens a voluntary case through the form from the person's page; returns its id.
async fn open_case(app: &TestApp, c: &Client, csrf: &str, person: i64, host: &str, programme: &str) -> String {
    let (_, html) = get(c, app, &format!("/persons/{person}")).await;
    let link = format!("/return-cases/new?person_id={person}");
    assert!(html.contains(&format!("href=\"{link}\"")) && html.contains("Open a return case"));
    let (s, html) = get(c, app, &link).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("name=\"host_country\" value=\"Germany\""), "host country from where the person is, by name");
    let person = person.to_string();
    let r = post(
        c,
        app,
        "/return-cases/new",
        &[
            ("csrf", csrf),
            ("person_id", &person),
            ("return_type", "voluntary"),
            ("host_country", host),
            ("programme_id", programme),
            ("destination_municipality", "fushe-kosove"),
            ("whole_household", "on"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    location(&r).rsplit('/').next().unwrap().to_string()
}

/// Counselling, consent, travel and arrival through the forms, each answered with a redirect.
async fn bring_home(app: &TestApp, c: &Client, csrf: &str, case: &str, transport: &str) {
    // A case is registered today, and no step may come before its registration or after today.
    let today = day(0);
    let d = [today.as_str(); 4];
    for (key, fields) in [
        (
            "counselling",
            vec![("held_on", d[0]), ("language", "sq"), ("info_municipality", "fushe-kosove"), ("topics", "housing")],
        ),
        (
            "consent",
            vec![
                ("given_on", d[1]),
                ("language", "sq"),
                ("free", "on"),
                ("without_coercion", "on"),
                ("informed", "on"),
            ],
        ),
        (
            "travel",
            vec![
                ("transport", transport),
                ("route", "Munich MUC - Prishtinë PRN"),
                ("departure_on", d[2]),
                ("destination_municipality", "fushe-kosove"),
            ],
        ),
        ("arrival", vec![("arrived_on", d[3])]),
    ] {
        let r = step(c, app, csrf, case, key, &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{key}: {}", r.text().await.unwrap());
    }
}

async fn caseworker_records_a_return_through_the_forms(app: &TestApp) {
    let programme = add_programme(app).await;
    let head = app.person("caseworker", person_json("Shpresa", "Krasniqi")).await;
    let child = app.person("caseworker", person_json("Dren", "Krasniqi")).await;
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/households",
            json!({"members": [{"person_id": head, "relation": "head"}, {"person_id": child, "relation": "child"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (c, csrf) = sign_in(app, "caseworker").await;
    write_sheet(app, &c).await;
    let case = open_case(app, &c, &csrf, head, "DE", &programme).await;
    let page = format!("/return-cases/{case}");

    let (s, html) = get(&c, app, &page).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(current_stage(&html), "registered");
    assert!(html.contains("Dren Krasniqi") && html.contains("VARRP"), "household members and programme");
    assert!(
        html.contains("id=\"form-counselling\"") && !html.contains("id=\"form-consent\""),
        "only what the lifecycle allows"
    );
    assert!(html.contains("for=\"counselling-topics-housing\""), "every input labelled");

    let r = step(
        &c,
        app,
        &csrf,
        &case,
        "counselling",
        &[
            ("held_on", &day(0)),
            ("language", "sq"),
            ("info_municipality", "fushe-kosove"),
            ("topics", "housing"),
            ("topics", "schools"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&page));
    let (_, html) = get(&c, app, &page).await;
    assert_eq!(current_stage(&html), "counselled");
    assert!(html.contains("href=\"/info-sheets/fushe-kosove?version=1\""), "the sheet version used");
    assert!(html.contains(&format!(
        "(of {})",
        chrono::NaiveDate::parse_from_str(&day(0), "%Y-%m-%d").unwrap().format("%-d %b %Y")
    )));
    assert!(html.contains("Housing, Schools"));
    assert!(html.contains("id=\"form-consent\""));

    let r = step(
        &c,
        app,
        &csrf,
        &case,
        "consent",
        &[("given_on", &day(0)), ("language", "sq"), ("free", "on"), ("without_coercion", "on"), ("informed", "on")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, app, &page).await;
    assert_eq!(current_stage(&html), "consent recorded");
    assert!(html.contains("The person decided freely"));

    let r = step(
        &c,
        app,
        &csrf,
        &case,
        "travel",
        &[
            ("transport", "air"),
            ("route", "Munich MUC - Prishtinë PRN"),
            ("departure_on", &day(0)),
            ("special_needs", "wheelchair"),
            ("airport_assistance", "on"),
            ("destination_municipality", "fushe-kosove"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Arrival before departure: the message next to the date, the date kept, nothing saved.
    let early = day(1);
    let r = step(&c, app, &csrf, &case, "arrival", &[("arrived_on", &early), ("note", "Met at the airport")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"arrival-arrived_on-error\""), "error next to the field");
    assert!(html.contains("is before departure"));
    assert!(
        html.contains(&format!("value=\"{early}\"")) && html.contains(">Met at the airport</textarea>"),
        "input kept"
    );
    assert_eq!(current_stage(&html), "travel arranged");

    let r = step(&c, app, &csrf, &case, "arrival", &[("arrived_on", &day(0))]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = step(&c, app, &csrf, &case, "assessment", &[("skills", "Carpentry"), ("languages", "sq, rom, de")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, app, &page).await;
    assert_eq!(current_stage(&html), "reintegration planned");
    let option = html.split("<option value=\"").find(|o| o.contains("toolkit — Tools for a trade")).unwrap();
    let option = option.split('"').next().unwrap().to_string();

    // An amount with three decimals is refused before storage sees it.
    let plan = |amount: &'static str| {
        vec![
            ("option_id", option.clone()),
            ("description", "Carpentry tools".to_string()),
            ("amount", amount.to_string()),
            ("committed_on", day(0)),
        ]
    };
    let fields = plan("12.345");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = step(&c, app, &csrf, &case, "plan-item", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"plan-item-amount-error\"")
            && html.contains("12.345")
            && html.contains("is not an amount in euro")
    );
    assert!(html.contains("value=\"12.345\"") && html.contains("value=\"Carpentry tools\""));
    assert_eq!(app.count("ledger_entry").await, 0, "nothing saved");
    // Over the option's ceiling: storage's reason, next to the same field.
    let fields = plan("2000.01");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = step(&c, app, &csrf, &case, "plan-item", &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("over its ceiling of 2000.00 EUR"));
    let fields = plan("1200.50");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = step(&c, app, &csrf, &case, "plan-item", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, app, &page).await;
    assert!(html.contains("€1,200.50") && html.contains("id=\"form-disbursement\""));

    // A step the lifecycle no longer allows: a clear message, no error dump.
    let r = step(&c, app, &csrf, &case, "consent", &[("given_on", &day(0)), ("language", "sq"), ("free", "on")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("informed consent")
            && html.contains("cannot be recorded now")
            && html.contains("is not possible when the case is")
    );

    // A monitoring visit with answers to the configured questions.
    let (_, html) = get(&c, app, &page).await;
    assert!(html.contains("Does the household have a regular source of income?"), "the configured question");
    let r = step(
        &c,
        app,
        &csrf,
        &case,
        "visit",
        &[("visited_on", &day(0)), ("remigration", "stayed"), ("answers.income_source", "2"), ("answers.housing", "3")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, app, &page).await;
    assert_eq!(current_stage(&html), "monitored");
    assert!(html.contains("stayed at the destination") && html.contains("<td class=\"num\">1.00</td>"));

    let (_, home) = get(&c, app, "/home").await;
    assert!(home.contains("<strong>1</strong> open return case<"), "home counts open cases");
    let (_, list) = get(&c, app, "/return-cases?stage=monitored").await;
    assert!(list.contains(&format!("href=\"{page}\"")) && list.contains("One case"));
    let (_, list) = get(&c, app, "/return-cases?stage=closed").await;
    assert!(!list.contains(&format!("href=\"{page}\"")));
}
both_backends!(caseworker_records_a_return_through_the_forms);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewers_read_cases_but_cannot_record() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let person = app.person("caseworker", person_json("Ardian", "Berisha")).await;
    let (c, csrf) = sign_in(&app, "caseworker").await;
    let programme = add_programme(&app).await;
    let case = open_case(&app, &c, &csrf, person, "DE", &programme).await;
    let page = format!("/return-cases/{case}");

    let (viewer, viewer_csrf) = sign_in(&app, "viewer").await;
    let (s, html) = get(&viewer, &app, &page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Ardian Berisha"));
    assert!(!html.contains("step-form") && !html.contains("/return-cases/new"), "no step forms for a viewer");
    let r = step(&viewer, &app, &viewer_csrf, &case, "counselling", &[("held_on", &day(1)), ("language", "sq")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Your role does not allow this"));
    let (s, _) = get(&viewer, &app, &format!("/return-cases/new?person_id={person}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = get(&viewer, &app, "/programmes/new").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, html) = get(&viewer, &app, "/info-sheets/fushe-kosove").await;
    assert!(!html.contains("id=\"form-sheet\""));
    let (_, html) = get(&viewer, &app, "/home").await;
    assert!(!html.contains("open return case"), "attention counts are for those who can act");
    // Another agency does not learn that the case exists.
    let (other, other_csrf) = sign_in(&app, "other").await;
    let (s, html) = get(&other, &app, &page).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!html.contains("Berisha"));
    let r = step(&other, &app, &other_csrf, &case, "counselling", &[("held_on", &day(1)), ("language", "sq")]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Without the token the post is refused before anything happens.
    let r = post(&c, &app, &format!("{page}/counselling"), &[("held_on", &day(1))]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("counselling_session").await, 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_period_report_counts_and_charts_the_returns() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    // Exact counts of three cases: no small-cell threshold (`small_counts_are_hidden` has one).
    app.db.set_small_cell_threshold(1);
    let programme = add_programme(&app).await;
    let (c, csrf) = sign_in(&app, "caseworker").await;
    write_sheet(&app, &c).await;
    let mut family = person_json("Besnik", "Gashi");
    family["current_country"] = json!("AT");
    let head = app.person("caseworker", family.clone()).await;
    family["given_name"] = json!("Vjosa");
    let spouse = app.person("caseworker", family).await;
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/households",
            json!({"members": [{"person_id": head, "relation": "head"}, {"person_id": spouse, "relation": "spouse"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let single = app.person("caseworker", person_json("Fatmir", "Hoti")).await;
    // The family from Austria by land, the single man from Germany by air.
    let r = post(
        &c,
        &app,
        "/return-cases/new",
        &[
            ("csrf", &csrf),
            ("person_id", &head.to_string()),
            ("return_type", "voluntary"),
            ("host_country", "AT"),
            ("programme_id", &programme),
            ("whole_household", "on"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let family_case = location(&r).rsplit('/').next().unwrap().to_string();
    bring_home(&app, &c, &csrf, &family_case, "land").await;
    let single_case = open_case(&app, &c, &csrf, single, "DE", &programme).await;
    bring_home(&app, &c, &csrf, &single_case, "air").await;

    let period = format!("/reports/returns?from={}&to={}", day(30), day(0));
    let (s, html) = get(&c, &app, &period).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("<strong>3</strong> persons returned") && html.contains("<strong>2</strong> cases"),
        "totals"
    );
    assert!(html.contains("<svg class=\"chart\"") && html.contains("<rect class=\"chart-bar\""), "server-drawn charts");
    assert!(!html.contains("style="), "no inline styles under the CSP");
    assert!(html.contains("<td>Austria</td><td class=\"num\">2</td><td class=\"num\">1</td>"));
    assert!(html.contains("<td>Germany</td><td class=\"num\">1</td><td class=\"num\">1</td>"));
    // An Albanian reader sees the host countries by their Albanian names.
    let r = c.get(format!("{}{period}", app.addr)).header("accept-language", "sq").send().await.unwrap();
    let sq = r.text().await.unwrap();
    assert!(sq.contains("<td>Austri</td>") && sq.contains("<td>Gjermani</td>"), "CLDR's Albanian country names");
    assert!(html.contains("<td>by land</td>") && html.contains("<td>by air</td>"));
    assert!(html.contains("Fushë Kosovë"));
    // The ampersand is escaped, as an attribute needs.
    let csv = format!("href=\"/reports/returns.csv?from={}&", day(30));
    assert!(html.contains(&csv) && html.contains(&format!(";to={}\" download>CSV", day(0))), "download links");
    assert!(html.contains("/reports/returns.xlsx?from="));
    // The caseworker holds the special-category grant: the community breakdown is there.
    assert!(html.contains("By community"));

    // A period that ends before it starts is named next to its field.
    let (s, html) = get(&c, &app, &format!("/reports/returns?from={}&to={}", day(0), day(30))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"to-error\"") && html.contains("is before the start of the period"));
    let (s, html) = get(&c, &app, "/reports/returns?from=2026-02-30&to=").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"from-error\"") && html.contains("value=\"2026-02-30\""));

    let (s, html) = get(&c, &app, "/reports/sustainability").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("drom-rss-1") && html.contains("evidence on whether returns last"));
    assert!(html.contains("3 months after arrival") && html.contains("forced return"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn return_pages_in_albanian() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let programme = add_programme(&app).await;
    let person = app.person("caseworker", person_json("Mimoza", "Rama")).await;
    let (c, csrf) = sign_in(&app, "caseworker").await;
    let case = open_case(&app, &c, &csrf, person, "DE", &programme).await;
    let r = post(&c, &app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", "/return-cases")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    for (path, heading) in [
        ("/return-cases".to_string(), "<h1>Rastet e kthimit</h1>"),
        (format!("/return-cases/{case}"), "<h2>Këshillimi</h2>"),
        (format!("/return-cases/{case}"), "Regjistro një seancë këshillimi"),
        ("/programmes".to_string(), "<h1>Programet</h1>"),
        ("/info-sheets".to_string(), "<h1>Fletët informative</h1>"),
        ("/reports/returns".to_string(), "<h1>Kthimet në një periudhë</h1>"),
        ("/reports/sustainability".to_string(), "<h1>Qëndrueshmëria e kthimeve</h1>"),
    ] {
        let (s, html) = get(&c, &app, &path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(html.contains(heading), "{path} lacks {heading}");
        assert!(html.contains(">Kthimet</a>") && html.contains(">Raportet</a>"), "navigation in Albanian");
    }
    let (_, html) = get(&c, &app, &format!("/return-cases/{case}")).await;
    assert_eq!(current_stage(&html), "i regjistruar");
    assert!(csrf_of(&html).len() >= 32);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forced_return_shows_its_order_and_screening() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let person = app.person("caseworker", person_json("Gëzim", "Morina")).await;
    let (c, csrf) = sign_in(&app, "caseworker").await;
    let r = post(&c, &app, &format!("/persons/{person}/screen"), &[("csrf", &csrf), ("return_type", "forced")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let screening = location(&r);
    let r = post(
        &c,
        &app,
        "/return-cases/new",
        &[("csrf", &csrf), ("person_id", &person.to_string()), ("return_type", "forced"), ("host_country", "DE")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    let case = page.rsplit('/').next().unwrap().to_string();
    let (_, html) = get(&c, &app, &page).await;
    assert!(
        html.contains("id=\"form-forced-order\"") && !html.contains("<h2>Informed consent</h2>"),
        "no consent in a forced return"
    );
    assert!(
        html.contains("forced return ordered <span class=\"visually-hidden\">(not yet)</span>"),
        "the forced path in the indicator"
    );
    let r =
        step(&c, &app, &csrf, &case, "forced-order", &[("ordered_on", &day(0)), ("reference", "RA-2026-118")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, &app, &page).await;
    assert_eq!(current_stage(&html), "forced return ordered");
    assert!(html.contains("RA-2026-118") && html.contains(&format!("href=\"{screening}\"")), "the screening is linked");
    assert!(html.contains("class=\"tag outcome-"), "with its outcome");
    // The gate comes first: closed, the unknown facts asked as questions, no travel form.
    let gate = html.find("id=\"gate\"").expect("the gate is shown");
    assert!(gate < html.find("class=\"stages\"").unwrap(), "before everything else");
    assert!(html.contains("Protection gate: closed"), "{html}");
    assert!(html.contains("Is the person in an ethnically mixed marriage?"), "facts as questions");
    assert!(!html.contains("mixed_marriage"), "never as codes");
    assert!(!html.contains("id=\"form-travel\"") && html.contains("id=\"form-conversion\""));
    // Posted anyway, travel is refused by storage and the page says why.
    let today = day(0);
    let travel = [
        ("transport", "air"),
        ("route", "Munich - Prishtinë"),
        ("departure_on", today.as_str()),
        ("destination_municipality", "prizren"),
    ];
    let r = step(&c, &app, &csrf, &case, "travel", &travel).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = r.text().await.unwrap();
    assert!(html.contains("The protection gate is closed"), "{html}");
    // In Albanian, the same gate in Albanian words.
    let r = post(&c, &app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", &page)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, &app, &page).await;
    assert!(
        html.contains("Porta e mbrojtjes: e mbyllur")
            && html.contains("A është personi në martesë etnikisht të përzier?")
    );
    app.stop().await;
}
