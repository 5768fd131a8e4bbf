//! Numbers, amounts of euro and times as each page language writes them. Separators and grouping
//! come from CLDR through ICU4X's compiled data, not from rules of our own; times are shown in
//! Kosovo's zone with its summer time. Nothing here knows messages: `Ctx` calls it with its
//! language.

use super::ctx::Lang;
use chrono::NaiveDateTime;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use std::sync::LazyLock;

/// Kosovo's zone. Belgrade's is the same (CET, CEST in summer); the tz database names no zone
/// of Kosovo's own.
pub const ZONE: chrono_tz::Tz = chrono_tz::Europe::Belgrade;

/// CLDR has no Romani of Kosovo: its readers went to school in Albanian or Serbian, and both
/// write numbers the same way (a comma before decimals), so Romani pages take Albanian's
/// figures, as they take its date format.
fn formatter(lang: Lang) -> &'static DecimalFormatter {
    static EN: LazyLock<DecimalFormatter> = LazyLock::new(|| new_formatter("en"));
    static SQ: LazyLock<DecimalFormatter> = LazyLock::new(|| new_formatter("sq"));
    static SR: LazyLock<DecimalFormatter> = LazyLock::new(|| new_formatter("sr-Latn"));
    match lang {
        Lang::En => &EN,
        Lang::Sq | Lang::Rom => &SQ,
        Lang::Sr => &SR,
    }
}

fn new_formatter(tag: &str) -> DecimalFormatter {
    let locale: icu_locale_core::Locale = tag.parse().expect("a valid locale tag");
    DecimalFormatter::try_new(locale.into(), Default::default()).expect("the compiled data holds every page language")
}

/// A whole number with the language's grouping: `25,100` in English, `25.100` in Serbian.
pub fn number(lang: Lang, n: i64) -> String {
    formatter(lang).format_to_string(&Decimal::from(n))
}

/// An amount of euro cents with two decimals and the euro sign where CLDR's currency pattern
/// puts it: before the figure in English (`€25,100.00`), after it and a no-break space in
/// Albanian and Serbian (`25.100,00 €`).
pub fn money(lang: Lang, cents: i64) -> String {
    let mut amount = Decimal::from(cents);
    amount.multiply_pow10(-2);
    let figure = formatter(lang).format_to_string(&amount);
    match lang {
        Lang::En => match figure.strip_prefix('-') {
            Some(positive) => format!("-€{positive}"),
            None => format!("€{figure}"),
        },
        Lang::Sq | Lang::Sr | Lang::Rom => format!("{figure}\u{a0}€"),
    }
}

/// A stored timestamp (RFC 3339, UTC) as a clock in Kosovo showed it; `None` when the text is
/// not a timestamp.
pub fn local_time(timestamp: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(timestamp).ok().map(|t| t.with_timezone(&ZONE).naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_follow_cldr_per_language() {
        assert_eq!(number(Lang::En, 25_100), "25,100");
        assert_eq!(number(Lang::Sr, 25_100), "25.100");
        assert_eq!(number(Lang::Sq, 25_100), "25\u{a0}100");
        assert_eq!(number(Lang::Sr, -1_234_567), "-1.234.567");
        assert_eq!(money(Lang::En, 2_510_000), "€25,100.00");
        assert_eq!(money(Lang::Sr, 2_510_000), "25.100,00\u{a0}€");
        assert_eq!(money(Lang::Sq, 2_510_005), "25\u{a0}100,05\u{a0}€");
        assert_eq!(money(Lang::En, -50), "-€0.50");
        assert_eq!(money(Lang::Sr, 7), "0,07\u{a0}€");
    }

    #[test]
    fn times_are_kosovos_with_summer_time() {
        let t = |s| local_time(s).map(|t| t.format("%Y-%m-%d %H:%M").to_string());
        // Winter: an hour ahead of UTC; summer: two.
        assert_eq!(t("2026-01-15T23:30:00Z").as_deref(), Some("2026-01-16 00:30"));
        assert_eq!(t("2026-07-01T10:05:59.123456Z").as_deref(), Some("2026-07-01 12:05"));
        // The last Sunday of March at 01:00 UTC the clocks go from 02:00 to 03:00.
        assert_eq!(t("2026-03-29T00:59:00Z").as_deref(), Some("2026-03-29 01:59"));
        assert_eq!(t("2026-03-29T01:00:00Z").as_deref(), Some("2026-03-29 03:00"));
        assert_eq!(t("2026-03-29"), None);
    }
}
