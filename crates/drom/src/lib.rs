//! The `drom` command line: server, demo, migrations, agencies, users, audit verification and
//! batch protection screening, period reports and imports.
//! Everything here parses arguments and calls storage, the web layer or the screening engine; no
//! rules live here.

pub mod backup;
pub mod cli;
pub mod demo;
pub mod demo_casework;
pub mod demo_directory;
pub mod demo_discrimination;
pub mod demo_protection;
pub mod demo_referrals;
pub mod demo_returns;
pub mod directory;
pub mod discrimination;
pub mod locales;
pub mod progress;
pub mod referrals;
pub mod report_file;
pub mod returns;
pub mod screen;
pub mod server;
pub mod tasks;
