//! Horizontal bar charts as SVG drawn on the server: no script, no inline style (the strict CSP
//! forbids both), colours from app.css classes. Each bar has its label above it and its value at
//! the right, so a chart stays readable when a phone shrinks it to 360 pixels.

/// Width of the drawing in SVG units; the page scales it to the column.
pub const WIDTH: u32 = 480;
const ROW: u32 = 38;
const BAR: u32 = 12;
const LABEL_CHARS: usize = 56;

#[derive(Debug, Clone)]
pub struct Chart {
    /// Unique on the page, for the title's id.
    pub id: String,
    pub title: String,
    pub height: u32,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: String,
    pub text_y: u32,
    pub bar_y: u32,
    /// Width of the bar, in SVG units with one decimal.
    pub width: String,
}

impl Chart {
    /// A chart of (label, amount, amount as shown); bars are scaled to the largest amount.
    pub fn new(id: &str, title: String, rows: Vec<(String, f64, String)>) -> Chart {
        let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max);
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, amount, value))| {
                let top = i as u32 * ROW;
                let width = if max > 0.0 && amount > 0.0 {
                    // A bar too small to see would read as zero.
                    (amount / max * f64::from(WIDTH)).max(2.0)
                } else {
                    0.0
                };
                Bar { label: shorten(&label), value, text_y: top + 15, bar_y: top + 21, width: format!("{width:.1}") }
            })
            .collect::<Vec<_>>();
        let height = (bars.len() as u32 * ROW).max(ROW);
        Chart { id: id.to_string(), title, height, bars }
    }

    pub fn bar_height(&self) -> u32 {
        BAR
    }

    pub fn width(&self) -> u32 {
        WIDTH
    }

    pub fn is_empty(&self) -> bool {
        self.bars.is_empty()
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_small_ones_stay_visible() {
        let c = Chart::new(
            "t",
            "T".into(),
            vec![("a".into(), 200.0, "200".into()), ("b".into(), 1.0, "1".into()), ("c".into(), 0.0, "0".into())],
        );
        let widths: Vec<&str> = c.bars.iter().map(|b| b.width.as_str()).collect();
        assert_eq!(widths, ["480.0", "2.4", "0.0"]);
        assert_eq!(c.height, 3 * ROW);
        assert_eq!(c.bars[1].text_y, ROW + 15);
        let long = Chart::new("l", "L".into(), vec![("x".repeat(80), 1.0, "1".into())]);
        assert_eq!(long.bars[0].label.chars().count(), LABEL_CHARS);
    }
}
