//! Integration tests: the real server on a random port, against SQLite and PostgreSQL. All
//! compile into this one binary.

mod helpers;

mod accounts;
mod approvals;
mod architecture;
mod audit;
mod auth;
mod bad_input;
mod casework;
mod caseworker_day;
mod cli;
mod directory;
mod discrimination;
mod exchange;
mod forms_know_the_person;
mod formula_cells;
mod fuzz;
mod gate;
mod imports;
mod info_sheets;
mod openapi;
mod page_walk;
mod pages;
mod permissions;
mod referrals;
mod referrals_between_servers;
mod registry;
mod return_pages;
mod returns;
mod returns_cli;
mod screen;
mod screening_lists;
mod screenings;
mod search;
mod shared_state;
mod special_categories;
