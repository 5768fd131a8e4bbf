//! The pages of protection screening.

pub mod screening_lists;
pub mod screenings;
