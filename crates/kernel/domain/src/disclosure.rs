//! Figures that identify nobody: a count under the threshold is not published (primary
//! suppression), and where one hidden count could be worked out from a published total and the
//! other counts, the smallest other count is hidden too (secondary suppression). Every report
//! and dashboard publishes its counts through here.

/// The threshold when none is configured: counts of 1 to 4 are hidden.
pub const DEFAULT_THRESHOLD: i64 = 5;

/// The counts of one breakdown as they may be published: `None` for a hidden count. Zero is
/// published (nobody is in it). A threshold of 1 or less hides nothing.
pub fn suppress(counts: &[i64], threshold: i64) -> Vec<Option<i64>> {
    let mut out: Vec<Option<i64>> = counts.iter().map(|&n| (n <= 0 || n >= threshold).then_some(n)).collect();
    // One hidden count beside a published total is no secret: hide the smallest other one.
    if out.iter().filter(|c| c.is_none()).count() == 1
        && let Some((i, _)) =
            out.iter().enumerate().filter_map(|(i, c)| c.filter(|n| *n > 0).map(|n| (i, n))).min_by_key(|(_, n)| *n)
    {
        out[i] = None;
    }
    out
}

/// A single figure as it may be published (a total of beneficiaries, for example).
pub fn one(count: i64, threshold: i64) -> Option<i64> {
    (count <= 0 || count >= threshold).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_and_one_hidden_count_takes_another_with_it() {
        assert_eq!(suppress(&[95, 72, 4, 4], 5), [Some(95), Some(72), None, None]);
        // HU alone hidden: the total minus the others would give it, so the smallest other goes.
        assert_eq!(suppress(&[95, 72, 14, 4], 5), [Some(95), Some(72), None, None]);
        assert_eq!(suppress(&[3], 5), [None]);
        assert_eq!(suppress(&[0, 7, 9], 5), [Some(0), Some(7), Some(9)]);
        assert_eq!(suppress(&[1, 2, 3], 1), [Some(1), Some(2), Some(3)], "a threshold of 1 hides nothing");
        assert_eq!(one(4, 5), None);
        assert_eq!(one(5, 5), Some(5));
    }
}
