//! Text written into files that spreadsheets open. A cell beginning with `=`, `+`, `-`, `@`, a
//! tab or a carriage return is read by spreadsheet programs as a formula, so text that came from
//! outside (a host country's list, reference data typed by an administrator) could run one on
//! the reader's machine. Every such cell gets a leading apostrophe, which spreadsheets show as
//! plain text.

use std::borrow::Cow;

/// The media type of an XLSX file.
pub const XLSX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The cell as it is safe to write.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_the_rest_kept() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe_cell(bad), format!("'{bad}"));
        }
        for good in ["", "Prizren", "a=b", "2008-05-01", "'quoted"] {
            assert_eq!(safe_cell(good), good);
        }
    }
}
