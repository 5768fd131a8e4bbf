//! What every page needs: the language (cookie, else Accept-Language), the signed-in user (session
//! cookie), the CSRF token (double-submit cookie), translations and local formats.

use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use chrono::Datelike;
use drom_domain::date::PartialDate;
use drom_domain::permission::{Actor, Permission};
use drom_domain::reference::Municipality;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            group_figures(bundle)
        },
    };
}

/// Makes a bundle write a whole number given to a message (a count) grouped as the bundle's
/// language groups figures (every loader's bundles, the capabilities' too).
pub fn group_figures<R, M>(bundle: &mut fluent_templates::fluent_bundle::bundle::FluentBundle<R, M>) {
    let lang = bundle.locales.first().and_then(|l| Lang::from_code(&l.to_string())).unwrap_or(Lang::En);
    let figures: fn(&FluentValue, &M) -> Option<String> = match lang {
        Lang::En => |v, _| whole_number(Lang::En, v),
        Lang::Sq => |v, _| whole_number(Lang::Sq, v),
        Lang::Sr => |v, _| whole_number(Lang::Sr, v),
        Lang::Rom => |v, _| whole_number(Lang::Rom, v),
    };
    bundle.set_formatter(Some(figures));
}

/// A whole number as `lang` writes it; `None` leaves anything else to Fluent.
fn whole_number(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0 && n.value.abs() < 1e15 && n.options.minimum_fraction_digits.is_none() =>
        {
            Some(super::formats::number(lang, n.value as i64))
        }
        _ => None,
    }
}

pub const LANG_COOKIE: &str = "drom_lang";
pub const SESSION_COOKIE: &str = "drom_session";
pub const CSRF_COOKIE: &str = "drom_csrf";

/// The languages of the pages. Romani is partial: missing messages fall back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Sq,
    Sr,
    Rom,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Sq, Lang::Sr, Lang::En, Lang::Rom];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sq => "sq",
            Lang::Sr => "sr",
            Lang::Rom => "rom",
        }
    }

    /// The language's own name, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sq => "Shqip",
            Lang::Sr => "Srpski",
            Lang::Rom => "Romani",
        }
    }

    fn id(self) -> LanguageIdentifier {
        let s = match self {
            Lang::En => "en",
            Lang::Sq => "sq",
            Lang::Sr => "sr-Latn",
            Lang::Rom => "rom",
        };
        s.parse().expect("valid language identifier")
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let primary = c.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "sq" | "al" => Some(Lang::Sq),
            "sr" | "sh" | "bs" | "hr" => Some(Lang::Sr),
            "rom" | "rmy" | "rmn" => Some(Lang::Rom),
            _ => None,
        }
    }

    /// The language chosen in the cookie, else the browser's preference, else English.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        cookies(headers)
            .get(LANG_COOKIE)
            .and_then(|c| Lang::from_code(c))
            .or_else(|| {
                headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language)
            })
            .unwrap_or(Lang::En)
    }

    /// The best match of an Accept-Language header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(l) = Lang::from_code(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l)
    }
}

/// A count a page holds, of whichever integer type and by value or by reference (templates pass
/// either).
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count_from!(i64, i32, u32, u64, usize);

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// The signed-in user, as pages show them.
#[derive(Debug, Clone)]
pub struct PageUser {
    pub actor: Actor,
    pub display_name: String,
}

/// Everything a page template needs from the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<PageUser>,
    pub csrf: String,
    /// Path and query of this request, to come back to after switching language.
    pub here: String,
}

pub fn cookies(headers: &HeaderMap) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for v in headers.get_all(header::COOKIE) {
        if let Ok(s) = v.to_str() {
            for pair in s.split(';') {
                if let Some((k, v)) = pair.split_once('=') {
                    out.insert(k.trim().to_string(), v.trim().to_string());
                }
            }
        }
    }
    out
}

/// The CSRF token the middleware guarantees on every page request.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = cookies(&parts.headers);
        let lang = Lang::from_headers(&parts.headers);
        let user = match jar.get(SESSION_COOKIE) {
            Some(token) => match state.db.user_for_session(token).await {
                Ok(Some(u)) => Some(PageUser { display_name: u.display_name.clone(), actor: u.actor() }),
                Ok(None) => None,
                Err(e) => {
                    tracing::warn!(error = %e, "session lookup failed");
                    None
                }
            },
            None => None,
        };
        let csrf = parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default();
        let here = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        Ok(Ctx { lang, user, csrf, here })
    }
}

/// Every capability's messages, after the kernel's: each capability crate declares its own
/// loader over its `locales/` folder, and the binary registers them once at start.
static CAPABILITY_LOCALES: std::sync::OnceLock<Vec<&'static fluent_templates::StaticLoader>> =
    std::sync::OnceLock::new();

/// Registers the capabilities' message loaders (once per process; later calls change nothing).
pub fn register_locales(loaders: Vec<&'static fluent_templates::StaticLoader>) {
    let _ = CAPABILITY_LOCALES.set(loaders);
}

/// A message from the kernel's files or a capability's, in `lang` (falling back to English per
/// message, as each loader does).
fn lookup(
    lang: &LanguageIdentifier,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue>>,
) -> Option<String> {
    let one = |l: &fluent_templates::StaticLoader| match args {
        Some(a) => l.try_lookup_with_args(lang, key, a),
        None => l.try_lookup(lang, key),
    };
    one(&LOCALES).or_else(|| CAPABILITY_LOCALES.get().into_iter().flatten().find_map(|l| one(l)))
}

/// The keys of every `.ftl` file of one language folder (for the tests that check that every
/// complete language has every English message).
pub fn message_keys(dir: &std::path::Path) -> Vec<String> {
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        keys.extend(keys_in(&std::fs::read_to_string(entry.path()).unwrap_or_default()));
    }
    keys
}

/// The message keys of one `.ftl` text: a line that starts a message (`key = ...`).
pub fn keys_in(ftl: &str) -> Vec<String> {
    ftl.lines().filter_map(key_of).map(str::to_string).collect()
}

fn key_of(line: &str) -> Option<&str> {
    let key = line.split_once(" =")?.0;
    (!line.starts_with([' ', '#', '\t']) && !key.is_empty()).then_some(key)
}

/// The comment that marks a translation as awaiting review by a speaker of its language: a
/// line `# review` (a note may follow, `# review: ...`) directly above the message.
pub const REVIEW_MARK: &str = "# review";

/// The keys of one `.ftl` text whose translation awaits review (`REVIEW_MARK`).
pub fn awaiting_review(ftl: &str) -> Vec<String> {
    let mut marked = false;
    let mut keys = Vec::new();
    for line in ftl.lines() {
        if let Some(key) = key_of(line)
            && marked
        {
            keys.push(key.to_string());
        }
        marked = line.trim_end() == REVIEW_MARK || line.starts_with("# review:");
    }
    keys
}

/// The English messages of a `locales/` folder that Albanian or Serbian lacks, as `lang: key`.
pub fn untranslated(locales: &std::path::Path) -> Vec<String> {
    let en = message_keys(&locales.join("en"));
    let mut missing = Vec::new();
    for lang in ["sq", "sr-Latn"] {
        let theirs = message_keys(&locales.join(lang));
        missing.extend(en.iter().filter(|k| !theirs.contains(k)).map(|k| format!("{lang}: {k}")));
    }
    missing
}

/// What is wrong with the messages of a capability's reasons: a code without its message
/// `invalid-<code>` in a complete language of `locales`, or an English message that does not
/// say what the code's own English text says (so the API and the pages agree).
pub fn reason_problems<R: drom_domain::Reason>(examples: Vec<R>, locales: &std::path::Path) -> Vec<String> {
    let mut problems = Vec::new();
    let keys: Vec<(&str, Vec<String>)> =
        ["en", "sq", "sr-Latn"].into_iter().map(|l| (l, message_keys(&locales.join(l)))).collect();
    for r in examples {
        let e = drom_domain::FieldError::new("field", r);
        let key = format!("invalid-{}", e.code.replace('_', "-"));
        for (lang, theirs) in &keys {
            if !theirs.contains(&key) {
                problems.push(format!("{lang} lacks {key}"));
            }
        }
        let said = Ctx::english().reason(&e);
        if said != e.reason {
            problems.push(format!("{key}: the English message says '{said}', the code '{}'", e.reason));
        }
    }
    problems
}

impl Ctx {
    /// A translated message.
    pub fn t(&self, key: &str) -> String {
        lookup(&self.lang.id(), key, None).unwrap_or_else(|| key.to_string())
    }

    /// A translated message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.ta(key, &[(name, value.to_string())])
    }

    /// A translated message with named arguments.
    pub fn ta(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        lookup(&self.lang.id(), key, Some(&args)).unwrap_or_else(|| key.to_string())
    }

    /// A translated message, or `fallback` when no language has one (texts that data, such as
    /// an administrator's policy file, brings without translations).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        lookup(&self.lang.id(), key, None).unwrap_or_else(|| fallback.to_string())
    }

    /// A translated message with a count `$count`, given as a number so that the message picks
    /// its plural form by the language's rules and groups its figures.
    pub fn tn(&self, key: &str, count: impl Count) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed("count"), FluentValue::from(count.count()));
        lookup(&self.lang.id(), key, Some(&args)).unwrap_or_else(|| key.to_string())
    }

    /// A refusal in this language (`refusal-<code>`, with each code argument named in it).
    pub fn refusal(&self, r: &drom_domain::error::Refusal) -> String {
        use drom_domain::error::Arg;
        let args: Vec<(&'static str, String)> = r
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(t) => t.clone(),
                    Arg::Code { group, code } => self.code(group, code),
                };
                (*name, value)
            })
            .collect();
        self.ta(&format!("refusal-{}", r.code), &args)
    }

    /// A field error in this language (`invalid-<code>`), or its English reason when no
    /// language has the message.
    pub fn reason(&self, e: &drom_domain::FieldError) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            e.args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        lookup(&self.lang.id(), &format!("invalid-{}", e.code.replace('_', "-")), Some(&args))
            .unwrap_or_else(|| e.reason.clone())
    }

    /// Field errors with their reasons said in this language.
    pub fn localise(&self, errors: Vec<drom_domain::FieldError>) -> Vec<drom_domain::FieldError> {
        errors.into_iter().map(|e| drom_domain::FieldError { reason: self.reason(&e), ..e }).collect()
    }

    /// All that is wrong with an input, in one line in this language.
    pub fn summary(&self, errors: &drom_domain::ValidationErrors) -> String {
        errors.0.iter().map(|e| format!("{}: {}", e.field, self.reason(e))).collect::<Vec<_>>().join("; ")
    }

    /// A field error of a form, said in this language.
    pub fn field_error(&self, field: &str, reason: impl drom_domain::Reason) -> drom_domain::FieldError {
        let e = drom_domain::FieldError::new(field, reason);
        drom_domain::FieldError { reason: self.reason(&e), ..e }
    }

    /// A context with no request behind it, in English: for texts the API answers.
    pub fn english() -> Ctx {
        Ctx { lang: Lang::En, user: None, csrf: String::new(), here: "/".into() }
    }

    /// A vocabulary code's label (`sex-female`, `relation-head`, ...).
    pub fn code(&self, group: &str, code: &str) -> String {
        self.t(&format!("{group}-{}", code.replace('_', "-")))
    }

    pub fn can(&self, p: Permission) -> bool {
        self.user.as_ref().is_some_and(|u| u.actor.can(p))
    }

    pub fn can_write(&self) -> bool {
        self.can(Permission::RegistryWrite)
    }

    pub fn can_special(&self) -> bool {
        self.can(Permission::SpecialCategories)
    }

    pub fn is_admin(&self) -> bool {
        self.can(Permission::Administer)
    }

    /// Whether the reader manages agencies and reference data (a system administrator).
    pub fn is_system_admin(&self) -> bool {
        self.can(Permission::AdministerSystem)
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> String {
        self.user.as_ref().map(|u| u.display_name.clone()).unwrap_or_default()
    }

    /// The municipality's name in the page's language; English shows both official forms.
    pub fn municipality(&self, m: &Municipality) -> String {
        match self.lang {
            Lang::Sq => m.name_sq.clone(),
            Lang::Sr => m.name_sr.clone(),
            Lang::En | Lang::Rom => m.display_name(),
        }
    }

    /// A partial date of birth in the local format.
    pub fn partial_date(&self, d: &Option<PartialDate>) -> String {
        let Some(d) = d else { return String::new() };
        match (self.lang, d.month, d.day) {
            (_, None, _) => d.year.to_string(),
            (Lang::En, Some(m), None) => format!("{} {}", self.month_name(m), d.year),
            (Lang::En, Some(m), Some(day)) => format!("{day} {} {}", self.month_name(m), d.year),
            (Lang::Sr, Some(m), None) => format!("{m:02}.{}.", d.year),
            (Lang::Sr, Some(m), Some(day)) => format!("{day:02}.{m:02}.{}.", d.year),
            (_, Some(m), None) => format!("{m:02}.{}", d.year),
            (_, Some(m), Some(day)) => format!("{day:02}.{m:02}.{}", d.year),
        }
    }

    /// A date (`YYYY-MM-DD`) in the local format, or a timestamp (RFC 3339) in the local format
    /// and Kosovo's time, to the minute; any other text as it is.
    pub fn datetime(&self, s: &str) -> String {
        if let Some(t) = super::formats::local_time(s) {
            let date = PartialDate { year: t.year(), month: Some(t.month()), day: Some(t.day()) };
            return format!("{} {}", self.partial_date(&Some(date)), t.format("%H:%M"));
        }
        match s.parse::<PartialDate>() {
            Ok(d) => self.partial_date(&Some(d)),
            Err(_) => s.to_string(),
        }
    }

    /// A whole number with the page language's grouping (`25,100`, `25.100`).
    pub fn number(&self, n: impl Count) -> String {
        super::formats::number(self.lang, n.count())
    }

    /// A count that stopped past `COUNT_CAP` (`drom_store::query::capped_count`): the number,
    /// or "more than 10,000".
    pub fn count(&self, n: impl Count) -> String {
        let cap = drom_store::query::COUNT_CAP;
        if n.count() > cap { self.t1("count-more-than", "count", self.number(cap)) } else { self.number(n) }
    }

    /// An amount in euro cents as the page language writes money (`€25,100.00`, `25.100,00 €`).
    pub fn money(&self, cents: impl std::borrow::Borrow<i64>) -> String {
        super::formats::money(self.lang, *cents.borrow())
    }

    /// A country's name in the page language from CLDR, or the code when CLDR lacks it.
    pub fn country(&self, alpha2: &str) -> String {
        super::countries::name(alpha2, self.lang).map_or_else(|| alpha2.to_string(), str::to_string)
    }

    fn month_name(&self, m: u32) -> &'static str {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            .get(m.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(Lang::from_accept_language("de-DE,sq;q=0.8,en;q=0.5"), Some(Lang::Sq));
        assert_eq!(Lang::from_accept_language("sr-Latn-RS"), Some(Lang::Sr));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("en;q=0.2, rom;q=0.9"), Some(Lang::Rom));
    }

    #[test]
    fn every_language_has_every_english_message_except_romani() {
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        assert!(message_keys(&locales.join("en")).len() > 100, "all files read");
        assert_eq!(untranslated(&locales), Vec::<String>::new());
    }

    #[test]
    fn every_kernel_reason_has_its_message_in_every_language() {
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut problems = reason_problems(drom_domain::Common::examples(), &locales);
        problems.extend(reason_problems(drom_store::users::AdminReason::examples(), &locales));
        assert_eq!(problems, Vec::<String>::new());
    }

    #[test]
    fn a_field_error_is_said_in_the_readers_language() {
        let e =
            drom_domain::FieldError::new("host_country", drom_domain::Common::UnknownCountry { value: "ZZ".into() });
        assert_eq!(e.code, "unknown_country");
        assert_eq!(Ctx::english().reason(&e), "'ZZ' is not a known country code");
        let sq = Ctx { lang: Lang::Sq, ..Ctx::english() };
        assert_eq!(sq.reason(&e), "'ZZ' nuk është kod i njohur shteti");
        let sr = Ctx { lang: Lang::Sr, ..Ctx::english() };
        assert_eq!(sr.localise(vec![e])[0].reason, "'ZZ' nije poznat kod države");
    }

    #[test]
    fn romani_falls_back_to_english_per_message() {
        let ctx = Ctx { lang: Lang::Rom, user: None, csrf: String::new(), here: "/".into() };
        let en = Ctx { lang: Lang::En, ..ctx.clone() };
        assert_eq!(ctx.t("account-title"), en.t("account-title"));
        assert_ne!(ctx.t("landing-title"), en.t("landing-title"));
    }

    #[test]
    fn dates_in_local_formats() {
        let d = Some("1984-05-07".parse().unwrap());
        let ctx = |lang| Ctx { lang, user: None, csrf: String::new(), here: "/".into() };
        assert_eq!(ctx(Lang::En).partial_date(&d), "7 May 1984");
        assert_eq!(ctx(Lang::Sq).partial_date(&d), "07.05.1984");
        assert_eq!(ctx(Lang::Sr).partial_date(&d), "07.05.1984.");
        // Timestamps are stored in UTC and read in Kosovo: an hour ahead in winter, two in summer,
        // which can move the date.
        assert_eq!(ctx(Lang::Sq).datetime("2026-11-22T17:16:05.707740Z"), "22.11.2026 18:16");
        assert_eq!(ctx(Lang::Sr).datetime("2026-06-30T22:30:00Z"), "01.07.2026. 00:30");
        assert_eq!(ctx(Lang::En).datetime("2026-06-30T22:30:00+00:00"), "1 Jul 2026 00:30");
        assert_eq!(ctx(Lang::En).datetime("2026-06-30"), "30 Jun 2026");
        assert_eq!(ctx(Lang::En).datetime("soon"), "soon");
    }

    #[test]
    fn money_numbers_and_countries_in_the_page_language() {
        let ctx = |lang| Ctx { lang, ..Ctx::english() };
        assert_eq!(ctx(Lang::En).money(150_000), "€1,500.00");
        assert_eq!(ctx(Lang::Sr).money(2_510_000), "25.100,00\u{a0}€");
        assert_eq!(ctx(Lang::Sr).number(12_345), "12.345");
        assert_eq!(ctx(Lang::Sq).country("RS"), "Serbi");
        assert_eq!(ctx(Lang::Sr).country("AL"), "Albanija");
        assert_eq!(ctx(Lang::En).country("Q1"), "Q1");
    }
}
