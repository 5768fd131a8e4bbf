//! The pages of return and reintegration.

pub mod approvals;
pub mod consent_form;
pub mod desk;
pub mod gate;
pub mod info_sheets;
pub mod programmes;
pub mod report_files;
pub mod reports;
pub mod return_forms;
pub mod returns;
