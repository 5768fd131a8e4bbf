//! The limits of the assistance ledger: what an option of a programme may receive for one case,
//! and what a programme may spend in all. Storage brings the sums; this decides and explains.

use super::{CeilingBasis, Cents, ReturnsReason};
use drom_domain::{Common, Reason};

/// The ceiling of an option for a case of `individuals` persons.
pub fn case_ceiling(ceiling: Cents, basis: CeilingBasis, individuals: i64) -> Cents {
    match basis {
        CeilingBasis::PerPerson => Cents(ceiling.0.saturating_mul(individuals.max(1))),
        CeilingBasis::PerHousehold => ceiling,
    }
}

/// Refuses an entry of `amount` when the option's sum for the case or the programme's sum
/// would pass its limit, naming both numbers.
pub fn check_entry(
    disbursement: bool,
    amount: Cents,
    option: (&str, Cents, Cents),
    programme: (&str, Cents, Cents),
) -> Result<(), Box<dyn Reason + Send + Sync>> {
    let (option_code, option_so_far, limit) = option;
    let (programme_code, programme_so_far, budget) = programme;
    if amount.0 <= 0 {
        return Err(Box::new(Common::AboveZero));
    }
    let after = Cents(option_so_far.0 + amount.0);
    if after > limit {
        let (amount, option, after, limit, so_far) = (
            amount.to_string(),
            option_code.to_string(),
            after.to_string(),
            limit.to_string(),
            option_so_far.to_string(),
        );
        return Err(Box::new(if disbursement {
            ReturnsReason::DisbursementOverCeiling { amount, option, after, limit, so_far }
        } else {
            ReturnsReason::CommitmentOverCeiling { amount, option, after, limit, so_far }
        }));
    }
    let after = Cents(programme_so_far.0 + amount.0);
    if after > budget {
        let left = Cents(budget.0 - programme_so_far.0).to_string();
        let (amount, programme, after, budget, so_far) = (
            amount.to_string(),
            programme_code.to_string(),
            after.to_string(),
            budget.to_string(),
            programme_so_far.to_string(),
        );
        return Err(Box::new(if disbursement {
            ReturnsReason::DisbursementOverBudget { amount, programme, after, budget, so_far, left }
        } else {
            ReturnsReason::CommitmentOverBudget { amount, programme, after, budget, so_far, left }
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_person_ceilings_grow_with_the_household() {
        assert_eq!(case_ceiling(Cents(100_000), CeilingBasis::PerPerson, 3), Cents(300_000));
        assert_eq!(case_ceiling(Cents(100_000), CeilingBasis::PerHousehold, 3), Cents(100_000));
    }

    #[test]
    fn an_entry_over_a_limit_is_refused_with_the_numbers() {
        let option = ("toolkit", Cents(80_000), Cents(100_000));
        let programme = ("VARRP", Cents(0), Cents(1_000_000));
        assert!(check_entry(true, Cents(20_000), option, programme).is_ok());
        let e = check_entry(true, Cents(20_001), option, programme).unwrap_err().english();
        assert!(e.contains("1000.01 EUR") && e.contains("1000.00 EUR") && e.contains("800.00 EUR"), "{e}");
        let e = check_entry(true, Cents(100), ("x", Cents(0), Cents(1000)), ("P", Cents(950), Cents(1000)))
            .unwrap_err()
            .english();
        assert!(e.contains("budget of 10.00 EUR") && e.contains("0.50 EUR left"), "{e}");
        assert_eq!(check_entry(false, Cents(0), option, programme).unwrap_err().code(), "above_zero");
    }
}
