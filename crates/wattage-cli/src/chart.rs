//! Small SVG line charts of a run, for `site run --charts DIR`: plain
//! `f64` series in, a standalone SVG file out (no styles or scripts from
//! elsewhere, so it opens in any browser and embeds in any page).

use std::fmt::Write as _;

/// One line chart.
pub(crate) struct LineChart<'a> {
    /// The title above the plot.
    pub(crate) title: &'a str,
    /// The label of the vertical axis.
    pub(crate) y_label: &'a str,
    /// Labels of the first and last point of the horizontal axis.
    pub(crate) x_labels: (&'a str, &'a str),
    /// The values, one per period, left to right.
    pub(crate) values: &'a [f64],
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 50.0;

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A tick label: thousands separators, no decimals beyond two.
fn tick(value: f64) -> String {
    let rounded = if value.abs() >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    };
    let (sign, digits) = rounded
        .strip_prefix('-')
        .map_or(("", rounded.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

impl LineChart<'_> {
    /// The chart as an SVG document. Non-finite values are left out.
    pub(crate) fn to_svg(&self) -> String {
        let finite: Vec<f64> = self
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        let (mut lo, mut hi) = finite
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        lo = lo.min(0.0);
        if hi <= lo {
            hi = lo + 1.0;
        }
        let plot_w = WIDTH - LEFT - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
        let n = self.values.len().saturating_sub(1).max(1) as f64;
        let x = |i: usize| {
            #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
            let i = i as f64;
            LEFT + plot_w * i / n
        };
        let y = |v: f64| TOP + plot_h * (hi - v) / (hi - lo);
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
             <text x=\"{LEFT}\" y=\"24\" font-size=\"16\">{}</text>\n",
            escape(self.title)
        );
        // Axes, zero line and ticks.
        for k in 0..=4 {
            let v = lo + (hi - lo) * f64::from(k) / 4.0;
            let _ = writeln!(
                svg,
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                WIDTH - RIGHT,
                y(v),
                y(v),
                LEFT - 6.0,
                y(v) + 4.0,
                tick(v)
            );
        }
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#888\"/>",
            WIDTH - RIGHT,
            y(0.0),
            y(0.0)
        );
        let _ = writeln!(
            svg,
            "<text x=\"{LEFT}\" y=\"{:.1}\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            HEIGHT - 20.0,
            escape(self.x_labels.0),
            WIDTH - RIGHT,
            HEIGHT - 20.0,
            escape(self.x_labels.1)
        );
        let _ = writeln!(
            svg,
            "<text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
            TOP + plot_h / 2.0,
            escape(self.y_label)
        );
        let mut points = String::new();
        for (i, v) in self.values.iter().enumerate() {
            if v.is_finite() {
                let _ = write!(points, "{:.1},{:.1} ", x(i), y(*v));
            }
        }
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"{}\"/>",
            points.trim_end()
        );
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_line_and_escapes_text() {
        let svg = LineChart {
            title: "Price <West>",
            y_label: "$/MWh",
            x_labels: ("start", "end"),
            values: &[1.0, f64::NAN, 3000.0],
        }
        .to_svg();
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains("Price &lt;West&gt;"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains("3,000"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn ticks() {
        assert_eq!(tick(1_234_567.0), "1,234,567");
        assert_eq!(tick(-2.5), "-2.50");
    }
}
