//! Text written into files that spreadsheets open. A cell beginning with `=`, `+`, `-`, `@`, a
//! tab or a carriage return is read by spreadsheet programs as a formula, so text that came from
//! outside (a host country's list, reference data typed by an administrator) could run one on
//! the reader's machine. Every such cell gets a leading apostrophe, which spreadsheets show as
//! plain text.

use std::borrow::Cow;

/// The media type of an XLSX file.
pub const XLSX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether a spreadsheet would run a cell that begins with these bytes.
fn runs_as_formula(cell: &[u8]) -> bool {
    matches!(cell.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// The cell as it is safe to write.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    if runs_as_formula(text.as_bytes()) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// `safe_cell` for a cell kept as bytes (a list echoed without decoding it): the same rule,
/// and nothing is copied unless the first byte asks for it.
pub fn safe_cell_bytes(cell: &[u8]) -> Cow<'_, [u8]> {
    if runs_as_formula(cell) {
        let mut marked = Vec::with_capacity(cell.len() + 1);
        marked.push(b'\'');
        marked.extend_from_slice(cell);
        Cow::Owned(marked)
    } else {
        Cow::Borrowed(cell)
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
        for (cell, safe) in [(&b"=1+2"[..], &b"'=1+2"[..]), (b"-\xff", b"'-\xff"), (b"R1", b"R1"), (b"", b"")] {
            assert_eq!(&*safe_cell_bytes(cell), safe);
        }
    }
}
