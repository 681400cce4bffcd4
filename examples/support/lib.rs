//! Shared helpers for wattage's examples: where charts go, and line and
//! scatter charts on plotters' SVG backend, drawn to be read at 800 px
//! wide (text of 13 px and more, the Okabe-Ito palette, round ticks with
//! thousands separators, whole years on a year axis, an optional log axis
//! and a source line under every chart).

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::coord::ranged1d::{
    AsRangedCoord, DefaultFormatting, KeyPointHint, Ranged, ValueFormatter,
};
use plotters::prelude::*;

/// The directory charts are written to: the first command-line argument,
/// or `target/wattage-charts` when none is given. Created if missing.
///
/// # Errors
/// When the directory cannot be created.
pub fn chart_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/wattage-charts"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Runs an example's `body` and reports its error the way a user reads
/// it: with `Display` (`prices.csv: line 1498: gap ...`), never `Debug`,
/// and exit code 1.
pub fn report(
    body: impl FnOnce() -> Result<(), Box<dyn std::error::Error>>,
) -> std::process::ExitCode {
    match body() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// One named line (or set of dots) of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// The legend label.
    pub label: String,
    /// The points, x ascending.
    pub points: Vec<(f64, f64)>,
}

/// Chart width in px: every size below is what a reader sees when the
/// chart is shown 800 px wide.
pub const WIDTH: u32 = 800;

/// plotters' SVG backend writes a font of size `s` as `s / 1.24` px; the
/// sizes given to it are these px times 1.24.
const PX: f64 = 1.24;

/// Text size (ticks, axis names, legend, source line) in px at 800 px wide.
pub const TEXT_PX: f64 = 13.7;

/// Title size in px at 800 px wide.
pub const TITLE_PX: f64 = 18.5;

/// The Okabe-Ito palette, safe for the common colour-vision deficiencies,
/// ordered by contrast on white (black, blue, vermillion, bluish green,
/// reddish purple, orange, sky blue). Its yellow is left out: it cannot be
/// read on white.
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0, 0, 0),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
];

/// What the x axis counts, which decides its ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XAxis {
    /// Calendar years: ticks on whole years only, labelled `2026`.
    Years,
    /// A count (days, hours, machines): ticks on whole numbers only.
    Count,
    /// Any number: round steps of 1, 2 or 5 times a power of ten.
    Number,
}

/// How the y axis is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YScale {
    /// Linear, from zero when every value is positive.
    Linear,
    /// Logarithmic, for a series that spans orders of magnitude; every y
    /// must be positive.
    Log,
}

/// A chart's words and axes; [`Chart::draw`] draws series with them.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// The title above the plot.
    pub title: &'a str,
    /// The x axis name.
    pub x_label: &'a str,
    /// The y axis name.
    pub y_label: &'a str,
    /// What the x axis counts.
    pub x_axis: XAxis,
    /// How the y axis is scaled.
    pub y_scale: YScale,
    /// Where the legend goes.
    pub legend: SeriesLabelPosition,
    /// The top of a linear y axis when it should reach above the data (to
    /// leave the legend room); `None` ends it at the tick above the data.
    pub y_top: Option<f64>,
    /// How many of the first lines to draw 1 px wide rather than 3: dense
    /// series, such as hourly prices, whose spikes must stay apart.
    pub thin_lines: usize,
    /// The line under the chart: where its figures come from.
    pub source: &'a str,
}

fn font(px: f64) -> FontDesc<'static> {
    ("sans-serif", px * PX).into_font()
}

impl Chart<'_> {
    /// A chart with a linear y axis and the legend at the upper right.
    #[must_use]
    pub const fn new<'a>(
        title: &'a str,
        x_label: &'a str,
        y_label: &'a str,
        x_axis: XAxis,
        source: &'a str,
    ) -> Chart<'a> {
        Chart {
            title,
            x_label,
            y_label,
            x_axis,
            y_scale: YScale::Linear,
            legend: SeriesLabelPosition::UpperRight,
            y_top: None,
            thin_lines: 0,
            source,
        }
    }

    /// Draws `lines` as lines (3 px wide but for the first
    /// [`Chart::thin_lines`]) and `points` as unjoined dots into `path`: an
    /// SVG 800 px wide and `height` px high, the source line under the plot.
    /// Either slice may be empty, but not both.
    ///
    /// # Errors
    /// When the file cannot be written, there is nothing to draw, or a log
    /// axis has a value that is not positive.
    pub fn draw(
        &self,
        path: &Path,
        height: u32,
        lines: &[Series],
        points: &[Series],
    ) -> Result<(), Box<dyn std::error::Error>> {
        let root = SVGBackend::new(path, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (plot, foot) = root.split_vertically(height.saturating_sub(source_height(self.source)));
        self.draw_on(&plot, lines, points)?;
        source_line(&foot, self.source)?;
        root.present()?;
        Ok(())
    }

    /// Draws the chart (without its source line) on `area`, a part of a
    /// larger figure; the caller draws the source line with [`source_line`].
    ///
    /// # Errors
    /// As [`Chart::draw`].
    pub fn draw_on(
        &self,
        area: &DrawingArea<SVGBackend<'_>, Shift>,
        lines: &[Series],
        points: &[Series],
    ) -> Result<(), Box<dyn std::error::Error>> {
        let all = lines.iter().chain(points).flat_map(|s| s.points.iter());
        let [x_min, x_max, y_min, y_max] = bounds(all)?;
        let (x_lo, x_hi) = if points.is_empty() {
            (x_min, x_max)
        } else {
            let pad = ((x_max - x_min) * 0.03).max(0.25);
            (x_min - pad, x_max + pad)
        };
        let (x_ticks, x_step) = match self.x_axis {
            XAxis::Years | XAxis::Count => whole_ticks(x_lo, x_hi),
            XAxis::Number => linear_ticks(x_lo, x_hi),
        };
        let x = Ticked::new(x_lo..x_hi, x_ticks);
        let mut builder = ChartBuilder::on(area);
        builder
            .caption(self.title, font(TITLE_PX))
            .margin(14)
            // Room for the last x tick's label, centred on the plot's edge.
            .margin_right(34)
            .x_label_area_size(54)
            .y_label_area_size(92);
        let years = self.x_axis == XAxis::Years;
        let x_format = move |v: &f64| {
            if years {
                year_label(*v)
            } else {
                tick_label(*v, x_step)
            }
        };
        match self.y_scale {
            YScale::Linear => {
                let y_max = self.y_top.map_or(y_max, |top| top.max(y_max));
                let (y_ticks, y_step) = linear_ticks(y_min.min(0.0), y_max);
                let y_lo = y_ticks.first().copied().unwrap_or(y_min).min(y_min);
                let y_hi = y_ticks.last().copied().unwrap_or(y_max).max(y_max);
                let y = Ticked::new(y_lo..y_hi, y_ticks);
                let mut chart = builder.build_cartesian_2d(x, y)?;
                let y_format = move |v: &f64| tick_label(*v, y_step);
                self.finish(&mut chart, &x_format, &y_format, lines, points)
            }
            YScale::Log => {
                if y_min <= 0.0 {
                    return Err("a log axis needs positive values".into());
                }
                let (lo, hi) = (y_min / 1.15, y_max * 1.15);
                let y = Ticked::new((lo..hi).log_scale(), log_ticks(lo, hi));
                let mut chart = builder.build_cartesian_2d(x, y)?;
                // 2, 5, 10, ...: no decimals; 0.2, 0.5: one.
                let y_format = |v: &f64| tick_label(*v, v.abs().min(1.0));
                self.finish(&mut chart, &x_format, &y_format, lines, points)
            }
        }
    }

    /// Mesh, series and legend on a built chart.
    fn finish<'a, X, Y>(
        &self,
        chart: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>,
        x_format: &dyn Fn(&f64) -> String,
        y_format: &dyn Fn(&f64) -> String,
        lines: &[Series],
        points: &[Series],
    ) -> Result<(), Box<dyn std::error::Error>>
    where
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        chart
            .configure_mesh()
            .x_desc(self.x_label)
            .y_desc(self.y_label)
            .x_label_formatter(x_format)
            .y_label_formatter(y_format)
            .label_style(font(TEXT_PX))
            .axis_desc_style(font(TEXT_PX))
            .bold_line_style(BLACK.mix(0.12))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        for (i, s) in lines.iter().enumerate() {
            let color = OKABE_ITO[i % OKABE_ITO.len()];
            let width = if i < self.thin_lines { 1 } else { 3 };
            chart
                .draw_series(LineSeries::new(
                    s.points.iter().copied(),
                    color.stroke_width(width),
                ))?
                .label(s.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(3))
                });
        }
        for (i, s) in points.iter().enumerate() {
            let color = OKABE_ITO[(lines.len() + i) % OKABE_ITO.len()];
            chart
                .draw_series(s.points.iter().map(|&p| Circle::new(p, 5, color.filled())))?
                .label(s.label.clone())
                .legend(move |(x, y)| Circle::new((x + 12, y), 5, color.filled()));
        }
        chart
            .configure_series_labels()
            .label_font(font(TEXT_PX))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.3))
            .position(self.legend.clone())
            .draw()?;
        Ok(())
    }
}

/// An axis with the ticks it is given (whole years, round steps) instead
/// of the ones plotters would choose.
struct Ticked<R> {
    inner: R,
    ticks: Vec<f64>,
}

impl<R: Ranged<ValueType = f64>> Ticked<R> {
    fn new<C>(coord: C, ticks: Vec<f64>) -> Self
    where
        C: AsRangedCoord<CoordDescType = R, Value = f64>,
        R: From<C>,
    {
        Self {
            inner: R::from(coord),
            ticks,
        }
    }
}

impl<R: Ranged<ValueType = f64>> Ranged for Ticked<R> {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Only the bold mesh lines, at the ticks; no light lines between.
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        let range = self.inner.range();
        let inside = |t: &&f64| **t >= range.start - 1e-9 && **t <= range.end + 1e-9;
        self.ticks.iter().filter(inside).copied().collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> std::ops::Range<i32> {
        self.inner.axis_pixel_range(limit)
    }
}

/// The most characters of a source line that fit in 800 px at
/// [`TEXT_PX`]; longer sources wrap.
const SOURCE_CHARS: usize = 100;

/// `source` cut into lines of at most 100 characters (what fits in 800 px
/// at [`TEXT_PX`]), at spaces.
#[must_use]
pub fn wrap_source(source: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in source.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= SOURCE_CHARS => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// The height in px of the strip under a chart that holds `source`.
#[must_use]
pub fn source_height(source: &str) -> u32 {
    let lines = u32::try_from(wrap_source(source).len()).unwrap_or(u32::MAX);
    lines.saturating_mul(20).saturating_add(14)
}

/// Writes `source` as the line (or lines, wrapped at spaces) under a
/// chart, on `area`: the strip below the plot, [`source_height`] high.
///
/// # Errors
/// When the backend fails.
pub fn source_line(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    source: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    for (y, line) in (6..).step_by(20).zip(wrap_source(source)) {
        area.draw(&Text::new(
            line,
            (14, y),
            font(TEXT_PX).color(&BLACK.mix(0.75)),
        ))?;
    }
    Ok(())
}

/// `[x_min, x_max, y_min, y_max]` of the points; an error when there are none.
fn bounds<'a>(
    points: impl Iterator<Item = &'a (f64, f64)>,
) -> Result<[f64; 4], Box<dyn std::error::Error>> {
    let mut b = [f64::MAX, f64::MIN, f64::MAX, f64::MIN];
    for (x, y) in points {
        b = [b[0].min(*x), b[1].max(*x), b[2].min(*y), b[3].max(*y)];
    }
    if b[0] > b[1] {
        return Err("nothing to draw".into());
    }
    if b[2] >= b[3] {
        b[3] = b[2] + 1.0;
    }
    Ok(b)
}

/// A round step (1, 2 or 5 times a power of ten) that cuts `lo..hi` into
/// the number of parts closest to `parts`.
fn round_step(lo: f64, hi: f64, parts: f64) -> f64 {
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf((span / parts).log10().floor());
    let misfit = |step: f64| (span / step - parts).abs();
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .fold(10.0 * magnitude, |best, step| {
            if misfit(step) < misfit(best) {
                step
            } else {
                best
            }
        })
}

/// The multiples of `step` from the one at or below `lo` to the one at or
/// above `hi`.
fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step + 1e-9).floor();
    let last = (hi / step - 1e-9).ceil();
    let mut out = Vec::new();
    let mut k = first;
    while k <= last && out.len() < 40 {
        // 0.0 rather than -0.0, and no 0.30000000000000004.
        out.push((k * step * 1e9).round() / 1e9 + 0.0);
        k += 1.0;
    }
    out
}

/// Round linear ticks covering `lo..hi`, and their step.
#[must_use]
pub fn linear_ticks(lo: f64, hi: f64) -> (Vec<f64>, f64) {
    let step = round_step(lo, hi, 6.0);
    (multiples(lo, hi, step), step)
}

/// Ticks on whole numbers only (years, counts) within `lo..hi`: a step of
/// 1, 2, 5, 10, ... so that there are at most about twelve; and the step.
#[must_use]
pub fn whole_ticks(lo: f64, hi: f64) -> (Vec<f64>, f64) {
    let step = round_step(lo, hi, 11.0).max(1.0).round();
    let ticks = multiples(lo, hi, step)
        .into_iter()
        .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
        .collect();
    (ticks, step)
}

/// Log-axis ticks within `lo..hi` (both positive): 1, 2 and 5 times each
/// power of ten, or only the powers of ten when the span is wide.
#[must_use]
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let first = lo.log10().floor();
    let last = hi.log10().ceil();
    let mantissas: &[f64] = if last - first > 4.0 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut out = Vec::new();
    let mut e = first;
    while e <= last {
        for m in mantissas {
            let t = m * 10f64.powf(e);
            if t >= lo && t <= hi {
                out.push(t);
            }
        }
        e += 1.0;
    }
    out
}

/// A year tick's label: the whole year, without a thousands separator
/// (`2026`).
#[must_use]
pub fn year_label(year: f64) -> String {
    format!("{:.0}", year.round() + 0.0)
}

/// A tick label: thousands separators (`2,500`), and as many decimals as
/// `step` needs (none for a step of 1 or more, so years read `2026`).
#[must_use]
pub fn tick_label(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 {
        0
    } else {
        // 1, 2 or 5 times 10^-k needs k decimals.
        let k = (-step.log10() - 1e-9).ceil();
        if k.is_finite() && k > 0.0 {
            k.min(9.0) as usize
        } else {
            0
        }
    };
    let text = format!("{:.decimals$}", value + 0.0);
    let text = if text
        .trim_start_matches('-')
        .bytes()
        .all(|b| b == b'0' || b == b'.')
    {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    wattage::units::money::group_thousands(&text)
}

#[cfg(test)]
mod tests;
