//! The sustainability score of a monitoring visit, in three dimensions (economic, social,
//! psychosocial), after the approach of IOM's Reintegration Sustainability Survey: each
//! indicator's answer becomes a score from 0 to 1, a dimension is the weighted mean of its
//! indicators, and the composite is the weighted mean of the dimensions. Which indicators,
//! their weights, the thresholds and the visit schedule are configuration (a TOML file), not
//! code.

use super::ReturnsReason;
use drom_domain::{Common, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The three dimensions, in report order.
pub const DIMENSIONS: [&str; 3] = ["economic", "social", "psychosocial"];

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SustainabilityConfig {
    pub id: String,
    pub title: String,
    /// What the configuration follows, for the reader of a report.
    pub source: String,
    /// Months after arrival at which visits are due.
    pub visit_months: Vec<u32>,
    /// Weight of each dimension in the composite.
    pub dimension_weights: BTreeMap<String, f64>,
    pub thresholds: Thresholds,
    #[serde(rename = "indicator")]
    pub indicators: Vec<Indicator>,
}

/// A composite at or above `sustainable` is "sustainable", at or above `partial` is "partial",
/// below is "low".
#[derive(Debug, Clone, Copy, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub sustainable: f64,
    pub partial: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub dimension: String,
    pub weight: f64,
    /// The question as asked at the visit.
    pub question: String,
    /// Answers are whole numbers from 0 to `max`, higher meaning better off.
    pub max: u32,
}

/// The scores of one visit, each from 0 to 1000 (thousandths), so they sum and average exactly
/// in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Scores {
    pub economic: Option<i64>,
    pub social: Option<i64>,
    pub psychosocial: Option<i64>,
    pub composite: Option<i64>,
}

impl SustainabilityConfig {
    /// Reads and checks a configuration; errors name the indicator and field.
    pub fn from_toml(text: &str) -> Result<Self, ValidationErrors> {
        let config: SustainabilityConfig = toml::from_str(text).map_err(|e| {
            ValidationErrors::single("sustainability", ReturnsReason::SustainabilityFile { detail: e.to_string() })
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        for d in DIMENSIONS {
            match self.dimension_weights.get(d) {
                Some(w) if w.is_finite() && *w > 0.0 => {}
                _ => e.push(format!("dimension_weights.{d}"), Common::PositiveNumber),
            }
            if !self.indicators.iter().any(|i| i.dimension == d) {
                e.push("indicator", ReturnsReason::DimensionWithoutIndicator { dimension: d.to_string() });
            }
        }
        let t = self.thresholds;
        if !(0.0 < t.partial && t.partial < t.sustainable && t.sustainable <= 1.0) {
            e.push("thresholds", ReturnsReason::Thresholds);
        }
        if self.visit_months.is_empty() || self.visit_months.windows(2).any(|w| w[0] >= w[1]) {
            e.push("visit_months", ReturnsReason::VisitMonths);
        }
        for (n, i) in self.indicators.iter().enumerate() {
            let f = |name: &str| format!("indicator[{n}] ({}).{name}", i.id);
            if !DIMENSIONS.contains(&i.dimension.as_str()) {
                e.push(f("dimension"), Common::NotOneOf { value: i.dimension.clone(), choices: DIMENSIONS.join(", ") });
            }
            if !(i.weight.is_finite() && i.weight > 0.0) {
                e.push(f("weight"), Common::PositiveNumber);
            }
            if i.max == 0 {
                e.push(f("max"), Common::AtLeast { min: 1 });
            }
            if self.indicators[..n].iter().any(|j| j.id == i.id) {
                e.push(f("id"), Common::UsedTwice);
            }
        }
        e.into_result(())
    }

    /// Scores a visit's answers (indicator id → answer). Unanswered indicators leave their
    /// dimension on the others; a dimension with no answer has no score, and then neither has
    /// the composite.
    pub fn score(&self, answers: &BTreeMap<String, u32>) -> Result<Scores, ValidationErrors> {
        let mut e = ValidationErrors::default();
        for (id, a) in answers {
            match self.indicators.iter().find(|i| &i.id == id) {
                None => e.push(format!("answers.{id}"), ReturnsReason::NotAnIndicator { config: self.id.clone() }),
                Some(i) if *a > i.max => e.push(format!("answers.{id}"), Common::Between { min: 0, max: i.max.into() }),
                Some(_) => {}
            }
        }
        e.into_result(())?;
        let dimension = |d: &str| {
            let (sum, weights) = self
                .indicators
                .iter()
                .filter(|i| i.dimension == d)
                .filter_map(|i| answers.get(&i.id).map(|a| (i.weight * f64::from(*a) / f64::from(i.max), i.weight)))
                .fold((0.0, 0.0), |(s, w), (x, wx)| (s + x, w + wx));
            (weights > 0.0).then(|| sum / weights)
        };
        let [economic, social, psychosocial] = DIMENSIONS.map(dimension);
        let composite = match (economic, social, psychosocial) {
            (Some(a), Some(b), Some(c)) => {
                let w = |d: &str| self.dimension_weights.get(d).copied().unwrap_or(1.0);
                let total = w("economic") + w("social") + w("psychosocial");
                Some((a * w("economic") + b * w("social") + c * w("psychosocial")) / total)
            }
            _ => None,
        };
        let thousandths = |x: Option<f64>| x.map(|x| (x * 1000.0).round() as i64);
        Ok(Scores {
            economic: thousandths(economic),
            social: thousandths(social),
            psychosocial: thousandths(psychosocial),
            composite: thousandths(composite),
        })
    }

    /// "sustainable", "partial" or "low" for a composite in thousandths.
    pub fn level(&self, composite: i64) -> &'static str {
        let c = composite as f64 / 1000.0;
        if c >= self.thresholds.sustainable {
            "sustainable"
        } else if c >= self.thresholds.partial {
            "partial"
        } else {
            "low"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"
id = "t"
title = "test"
source = "test"
visit_months = [3, 6, 12]
dimension_weights = { economic = 1.0, social = 1.0, psychosocial = 2.0 }
thresholds = { sustainable = 0.66, partial = 0.33 }
[[indicator]]
id = "income"
dimension = "economic"
weight = 3.0
question = "q"
max = 4
[[indicator]]
id = "debt"
dimension = "economic"
weight = 1.0
question = "q"
max = 1
[[indicator]]
id = "housing"
dimension = "social"
weight = 1.0
question = "q"
max = 2
[[indicator]]
id = "belonging"
dimension = "psychosocial"
weight = 1.0
question = "q"
max = 4
"#;

    fn answers(a: &[(&str, u32)]) -> BTreeMap<String, u32> {
        a.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn dimensions_are_weighted_means_and_the_composite_weighs_dimensions() {
        let c = SustainabilityConfig::from_toml(CONFIG).unwrap();
        let s = c.score(&answers(&[("income", 2), ("debt", 1), ("housing", 2), ("belonging", 1)])).unwrap();
        // economic = (3 * 0.5 + 1 * 1) / 4 = 0.625; composite = (0.625 + 1 + 2 * 0.25) / 4.
        assert_eq!(s.economic, Some(625));
        assert_eq!(s.social, Some(1000));
        assert_eq!(s.psychosocial, Some(250));
        assert_eq!(s.composite, Some(531));
        assert_eq!(c.level(531), "partial");
        let partial = c.score(&answers(&[("income", 4)])).unwrap();
        assert_eq!((partial.economic, partial.social, partial.composite), (Some(1000), None, None));
    }

    #[test]
    fn bad_answers_and_bad_configurations_are_named() {
        let c = SustainabilityConfig::from_toml(CONFIG).unwrap();
        let e = c.score(&answers(&[("income", 5), ("wealth", 1)])).unwrap_err();
        assert_eq!(e.0.len(), 2, "{e}");
        assert!(e.summary().contains("answers.income: must be between 0 and 4"));
        let bad = CONFIG.replace("partial = 0.33", "partial = 0.9").replace("max = 2", "max = 0");
        let e = SustainabilityConfig::from_toml(&bad).unwrap_err().summary();
        assert!(e.contains("thresholds") && e.contains("(housing).max"), "{e}");
        assert!(SustainabilityConfig::from_toml("id = 1").is_err());
    }
}
