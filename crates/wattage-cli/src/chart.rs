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
    /// The line under the chart that says where its figures come from.
    pub(crate) source: &'a str,
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 400.0;
const LEFT: f64 = 100.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 80.0;
/// Text sizes in px: the chart is 800 px wide, so they are the sizes seen
/// when it is shown at 800 px. None is below 13 px.
const TEXT_PX: u32 = 15;
const TITLE_PX: u32 = 19;
const SOURCE_PX: u32 = 13;
/// The line's colour: Okabe-Ito blue, 5:1 contrast on white and told apart
/// under the common colour-vision deficiencies.
const LINE: &str = "#0072B2";

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Tick values from `lo` to `hi`: multiples of a step of 1, 2 or 5 times a
/// power of ten, about six of them, and the step.
fn ticks(lo: f64, hi: f64) -> (Vec<f64>, f64) {
    let raw = (hi - lo) / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    let mut out = Vec::new();
    let mut k = first;
    while k <= last && out.len() < 20 {
        out.push(k * step);
        k += 1.0;
    }
    (out, step)
}

/// A tick label with thousands separators and as many decimals as the
/// step needs (none for a step of 1 or more).
fn tick(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        // A step below 1 of 1, 2 or 5 times 10^-k needs k decimals.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "-log10 of a step in (0, 1) is small and positive"
        )]
        let k = (-step.log10()).ceil() as usize;
        k
    };
    let rounded = format!("{value:.decimals$}");
    let rounded = if rounded
        .trim_start_matches('-')
        .bytes()
        .all(|b| b == b'0' || b == b'.')
    {
        rounded.trim_start_matches('-').to_owned()
    } else {
        rounded
    };
    wattage::units::money::group_thousands(&rounded)
}

/// The lowest and highest finite value, widened to include zero.
fn span(values: &[f64]) -> (f64, f64) {
    let (mut lo, mut hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    lo = lo.min(0.0);
    hi = hi.max(0.0);
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

impl LineChart<'_> {
    /// The chart as an SVG document. Non-finite values are left out.
    pub(crate) fn to_svg(&self) -> String {
        let (lo, hi) = span(self.values);
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
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"{TEXT_PX}\">\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
             <text x=\"{LEFT}\" y=\"28\" font-size=\"{TITLE_PX}\">{}</text>\n",
            escape(self.title)
        );
        let (values, step) = ticks(lo, hi);
        for v in values {
            let _ = writeln!(
                svg,
                "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                WIDTH - RIGHT,
                y(v),
                y(v),
                LEFT - 8.0,
                y(v) + 5.0,
                tick(v, step)
            );
        }
        self.frame(&mut svg, y(0.0), plot_h);
        let mut points = String::new();
        for (i, v) in self.values.iter().enumerate() {
            if v.is_finite() {
                let _ = write!(points, "{:.1},{:.1} ", x(i), y(*v));
            }
        }
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{LINE}\" stroke-width=\"2\" points=\"{}\"/>",
            points.trim_end()
        );
        svg.push_str("</svg>\n");
        svg
    }

    /// The zero line, the x labels, the y label and the source line.
    fn frame(&self, svg: &mut String, zero: f64, plot_h: f64) {
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{zero:.1}\" y2=\"{zero:.1}\" stroke=\"#666\"/>",
            WIDTH - RIGHT,
        );
        let axis = TOP + plot_h + 24.0;
        let _ = writeln!(
            svg,
            "<text x=\"{LEFT}\" y=\"{axis:.1}\">{}</text><text x=\"{:.1}\" y=\"{axis:.1}\" text-anchor=\"end\">{}</text>",
            escape(self.x_labels.0),
            WIDTH - RIGHT,
            escape(self.x_labels.1)
        );
        let _ = writeln!(
            svg,
            "<text transform=\"translate(22 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
            TOP + plot_h / 2.0,
            escape(self.y_label)
        );
        let _ = writeln!(
            svg,
            "<text x=\"12\" y=\"{:.1}\" font-size=\"{SOURCE_PX}\" fill=\"#444\">{}</text>",
            HEIGHT - 14.0,
            escape(self.source)
        );
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
            source: "Source: prices.csv",
        }
        .to_svg();
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains("Price &lt;West&gt;"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains("3,000"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn tick_labels_group_thousands_and_keep_the_decimals_the_step_needs() {
        assert_eq!(tick(1_234_567.0, 500_000.0), "1,234,567");
        assert_eq!(tick(-2.5, 0.5), "-2.5");
        assert_eq!(tick(0.25, 0.05), "0.25");
        assert_eq!(tick(-0.0, 1.0), "0");
    }

    #[test]
    fn ticks_are_round_steps_within_the_span() {
        let (values, step) = ticks(0.0, 5219.0);
        assert!((step - 1000.0).abs() < 1e-9);
        assert_eq!(values, [0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0]);
        let (values, step) = ticks(-3.2e6, 7.1e6);
        assert!((step - 2e6).abs() < 1e-6);
        assert_eq!(values.first(), Some(&-2e6));
        assert_eq!(values.last(), Some(&6e6));
    }

    #[test]
    fn every_text_is_at_least_13_px_and_the_source_is_under_the_plot() {
        let svg = LineChart {
            title: "Energy price per period",
            y_label: "$/MWh",
            x_labels: ("2023-08-15 05:00 UTC", "2023-08-16 04:55 UTC"),
            values: &[20.0, 45.5, 1200.0],
            source: "Source: wattage site run of site.toml; prices: prices.csv",
        }
        .to_svg();
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(sizes.len() >= 3, "{svg}");
        assert!(sizes.iter().all(|px| *px >= 13.0), "{sizes:?}");
        assert!(svg.contains(">Source: wattage site run of site.toml; prices: prices.csv</text>"));
        assert!(svg.contains(">1,200</text>"), "{svg}");
        assert!(!svg.to_lowercase().contains("yellow") && !svg.contains("#F0E442"));
    }
}
