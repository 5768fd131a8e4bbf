//! Return and reintegration, from the programme to the last monitoring visit. Each module holds
//! one part of the work; all steps of a case go through `cases::advance`, which enforces the
//! lifecycle of `drom_domain::returns::lifecycle` and writes the audit entry.

pub mod attention;
pub mod cases;
pub mod export;
pub mod gate;
pub mod import;
pub mod info_sheets;
pub mod monitoring;
pub mod plan;
pub mod programmes;
pub mod report;
pub mod steps;
pub mod tally;
