//! The public service finder: `/services` (search by need, municipality, language spoken and
//! open now, with the map of the 38 municipalities shaded by their number of services) and
//! `/services/{id}` (address, hours, how to get there, what to bring). No sign-in, no
//! JavaScript; a GET form, so a search is a link.

use super::map;
use crate::domain::Need;
use crate::domain::hours::{self, Span};
use crate::hsds::compiled::CompiledService;
use crate::store::DirectoryDb;
use crate::store::find::ServiceQuery;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::html;
use serde::Deserialize;

/// The languages the finder offers (ISO 639 codes), in this order.
pub const LANGUAGES: &[&str] = &["sq", "sr", "rom", "tr", "bs", "en", "de"];

const PER_PAGE: usize = 20;

#[derive(Debug, Default, Deserialize)]
pub struct FinderQuery {
    pub q: Option<String>,
    pub need: Option<String>,
    pub municipality: Option<String>,
    pub language: Option<String>,
    pub open_now: Option<String>,
    pub page: Option<usize>,
}

/// One service in the list.
pub struct Line {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub places: String,
    pub open: bool,
    pub status: String,
}

/// One municipality of the map.
pub struct MapArea {
    pub code: String,
    pub name: String,
    pub path: String,
    pub count: i64,
    pub fill: &'static str,
}

/// One step of the map's legend.
pub struct LegendStep {
    pub fill: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "services.html")]
struct FinderPage<'a> {
    ctx: &'a Ctx,
    title: String,
    q: String,
    need: String,
    municipality: String,
    language: String,
    open_now: bool,
    needs: Vec<(String, String)>,
    municipalities: Vec<(String, String)>,
    languages: Vec<(String, String)>,
    lines: Vec<Line>,
    total: usize,
    pages: usize,
    page_label: String,
    prev_link: Option<String>,
    next_link: Option<String>,
    areas: Vec<MapArea>,
    legend: Vec<LegendStep>,
    map_width: f64,
    map_height: f64,
    attribution: &'static str,
}

fn clean(v: &Option<String>) -> String {
    v.as_deref().map(str::trim).unwrap_or_default().to_string()
}

/// The name of a language code in the page's language.
pub fn language_name(ctx: &Ctx, code: &str) -> String {
    ctx.t_or(&format!("finder-language-{code}"), code)
}

fn link(f: &FinderQuery, page: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (k, v) in [("q", &f.q), ("need", &f.need), ("municipality", &f.municipality), ("language", &f.language)] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    if f.open_now.is_some() {
        parts.push("open_now=1".into());
    }
    parts.push(format!("page={page}"));
    format!("/services?{}", parts.join("&"))
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether a compiled service is open at `at` (its own hours or its locations').
pub fn is_open(s: &CompiledService, at: chrono::NaiveDateTime) -> bool {
    spans(s).iter().any(|sp| sp.covers(at))
}

fn spans(s: &CompiledService) -> Vec<Span> {
    s.schedules
        .iter()
        .chain(s.service_at_locations.iter().flat_map(|x| x.schedules.iter()))
        .filter_map(|x| {
            Span::from_hsds(
                x.byday.as_deref(),
                x.opens_at.as_deref(),
                x.closes_at.as_deref(),
                x.valid_from.as_deref(),
                x.valid_to.as_deref(),
            )
        })
        .collect()
}

pub async fn list(ctx: Ctx, State(s): State<AppState>, Query(f): Query<FinderQuery>) -> Response {
    let result = async {
        let reference = s.db.reference().await?;
        let dir = s.db.directory();
        let now = hours::local(chrono::Utc::now());
        let need = clean(&f.need);
        let municipality = clean(&f.municipality);
        let municipality_code = reference.municipality(&municipality).map(|m| m.code.clone());
        let language = clean(&f.language).to_lowercase();
        let open_now = f.open_now.is_some();
        let query = ServiceQuery {
            search: Some(clean(&f.q)).filter(|q| !q.is_empty()),
            need: need.parse::<Need>().ok().map(|n| n.code().to_string()),
            municipality: municipality_code.clone(),
            language: Some(language.clone()).filter(|l| LANGUAGES.contains(&l.as_str())),
            open_at: open_now.then_some(now),
            statuses: vec!["active".into(), "temporarily closed".into()],
            ..Default::default()
        };
        let ids = dir.find_services(&query).await?;
        let total = ids.len();
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = f.page.unwrap_or(1).clamp(1, pages);
        let slice: Vec<String> = ids.into_iter().skip((page - 1) * PER_PAGE).take(PER_PAGE).collect();
        let services = dir.compiled_services(&slice).await?;
        let name_of = |code: &str| {
            reference.municipalities.iter().find(|m| m.code == code).map(|m| ctx.municipality(m)).unwrap_or_default()
        };
        let lines = services
            .iter()
            .map(|c| {
                let mut places: Vec<String> = c
                    .service_at_locations
                    .iter()
                    .filter_map(|x| x.location.as_ref())
                    .flat_map(|l| l.addresses.iter())
                    .filter_map(|a| {
                        a.region.as_deref().and_then(|r| reference.municipality(r)).map(|m| ctx.municipality(m))
                    })
                    .collect();
                places.sort();
                places.dedup();
                Line {
                    id: c.service.id.clone(),
                    name: c.service.name.clone(),
                    organization: c.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                    places: places.join(", "),
                    open: is_open(c, now),
                    status: c.service.status.clone(),
                }
            })
            .collect();

        // The map: every municipality, shaded by its number of active services.
        let counts = dir.services_by_municipality(&["active"]).await?;
        let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let (shapes, map_height) = map::shapes(&reference.municipalities);
        let mut areas: Vec<MapArea> = shapes
            .into_iter()
            .filter_map(|sh| {
                let code = sh.code?;
                let count = counts.iter().find(|(c, _)| *c == code).map_or(0, |(_, n)| *n);
                Some(MapArea {
                    name: name_of(&code),
                    code,
                    path: sh.path,
                    count,
                    fill: map::SHADES[map::shade(count, max)],
                })
            })
            .collect();
        areas.sort_by(|a, b| a.name.cmp(&b.name));
        let mut legend = vec![LegendStep { fill: map::SHADES[0], label: ctx.t("finder-legend-none") }];
        for step in 1..=4usize {
            let in_step: Vec<i64> = (1..=max).filter(|n| map::shade(*n, max) == step).collect();
            if let (Some(lo), Some(hi)) = (in_step.first(), in_step.last()) {
                let label =
                    if lo == hi { ctx.number(*lo) } else { format!("{}–{}", ctx.number(*lo), ctx.number(*hi)) };
                legend.push(LegendStep { fill: map::SHADES[step], label });
            }
        }

        let mut municipalities: Vec<(String, String)> =
            reference.municipalities.iter().map(|m| (m.code.clone(), ctx.municipality(m))).collect();
        municipalities.sort_by(|a, b| a.1.cmp(&b.1));
        let mut needs: Vec<(String, String)> =
            Need::ALL.iter().map(|n| (n.code().to_string(), ctx.code("need", n.code()))).collect();
        needs.sort_by(|a, b| a.1.cmp(&b.1));
        let languages = LANGUAGES.iter().map(|l| (l.to_string(), language_name(&ctx, l))).collect();
        html(FinderPage {
            ctx: &ctx,
            title: ctx.t("finder-title"),
            q: clean(&f.q),
            need,
            municipality: municipality_code.unwrap_or_default(),
            language,
            open_now,
            needs,
            municipalities,
            languages,
            lines,
            total,
            pages,
            page_label: ctx.ta("finder-page", &[("page", page.to_string()), ("pages", pages.to_string())]),
            prev_link: (page > 1).then(|| link(&f, page - 1)),
            next_link: (page < pages).then(|| link(&f, page + 1)),
            areas,
            legend,
            map_width: map::WIDTH,
            map_height,
            attribution: map::ATTRIBUTION,
        })
    }
    .await;
    respond(&ctx, result)
}

/// One line of opening hours, as shown.
pub struct HoursLine {
    pub days: String,
    pub hours: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "service.html")]
struct ServicePage<'a> {
    ctx: &'a Ctx,
    title: String,
    s: CompiledService,
    organization: String,
    open: bool,
    addresses: Vec<(String, String, String)>,
    hours: Vec<HoursLine>,
    languages: Vec<String>,
    needs: Vec<String>,
}

fn days(ctx: &Ctx, byday: &str) -> String {
    byday
        .split(',')
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(|d| ctx.t_or(&format!("finder-day-{}", d.to_ascii_lowercase()), d))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let c = match s.db.directory().compiled_service(&id).await {
            Ok(c) => c,
            Err(drom_store::StoreError::NotFound) => return Err(PageError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let reference = s.db.reference().await?;
        let reference = &reference;
        let ctx = &ctx;
        let now = hours::local(chrono::Utc::now());
        let addresses = c
            .service_at_locations
            .iter()
            .filter_map(|x| x.location.as_ref())
            .flat_map(move |l| {
                let transport = l.row.transportation.clone().unwrap_or_default();
                l.addresses.iter().map(move |a| {
                    let place = a
                        .region
                        .as_deref()
                        .and_then(|r| reference.municipality(r))
                        .map(|m| ctx.municipality(m))
                        .unwrap_or_else(|| a.city.clone());
                    let line = [Some(a.address_1.clone()), a.address_2.clone(), Some(a.city.clone())]
                        .into_iter()
                        .flatten()
                        .filter(|x| !x.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    (line, place, transport.clone())
                })
            })
            .collect();
        let hours = c
            .schedules
            .iter()
            .chain(c.service_at_locations.iter().flat_map(|x| x.schedules.iter()))
            .map(|x| HoursLine {
                days: days(ctx, x.byday.as_deref().unwrap_or_default()),
                hours: match (&x.opens_at, &x.closes_at) {
                    (Some(o), Some(cl)) => format!("{o}–{cl}"),
                    _ => String::new(),
                },
                note: x.description.clone().or(x.notes.clone()).unwrap_or_default(),
            })
            .collect();
        let mut languages: Vec<String> = c
            .languages
            .iter()
            .chain(c.service_at_locations.iter().filter_map(|x| x.location.as_ref()).flat_map(|l| l.languages.iter()))
            .filter_map(|l| l.code.as_deref())
            .map(|code| language_name(ctx, code))
            .collect();
        languages.sort();
        languages.dedup();
        let needs = c
            .attributes
            .iter()
            .filter_map(|a| a.taxonomy_term.as_ref())
            .filter(|t| t.row.taxonomy_id.as_deref() == Some(crate::domain::NEEDS_TAXONOMY_ID))
            .filter_map(|t| t.row.code.as_deref())
            .map(|code| ctx.code("need", code))
            .collect();
        html(ServicePage {
            ctx,
            title: c.service.name.clone(),
            organization: c.organization.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            open: is_open(&c, now),
            addresses,
            hours,
            languages,
            needs,
            s: c,
        })
    }
    .await;
    respond(&ctx, result)
}
