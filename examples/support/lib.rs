//! Shared helpers for wattage's examples: where charts go, and a small
//! line-chart function on plotters' SVG backend.

use std::path::{Path, PathBuf};

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

/// One named line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// The legend label.
    pub label: String,
    /// The points, x ascending.
    pub points: Vec<(f64, f64)>,
}

/// Draws `series` as a line chart into `path` (SVG, 800 × 480).
///
/// # Errors
/// When the file cannot be written or there is nothing to draw.
pub fn line_chart(
    path: &Path,
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
) -> Result<(), Box<dyn std::error::Error>> {
    let all = series.iter().flat_map(|s| s.points.iter());
    let [x_min, x_max, y_min, y_max] = bounds(all)?;
    let y_pad = ((y_max - y_min) * 0.05).max(1e-9);
    let y_low = if y_min >= 0.0 { 0.0 } else { y_min - y_pad };
    let root = SVGBackend::new(path, (800, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(x_min..x_max, y_low..(y_max + y_pad))?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (i, s) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(
                s.points.iter().copied(),
                color.stroke_width(2),
            ))?
            .label(s.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .position(SeriesLabelPosition::UpperRight)
        .draw()?;
    root.present()?;
    Ok(())
}

/// Draws `lines` as lines and `points` as unjoined dots into `path` (SVG,
/// 800 × 480): a frontier over the devices that make it, say. The x axis is
/// labelled without decimals (years); the y axis starts at zero when every
/// value is positive; the legend goes where `legend` says. Either slice may
/// be empty, but not both.
///
/// # Errors
/// When the file cannot be written or there is nothing to draw.
pub fn scatter_chart(
    path: &Path,
    title: &str,
    x_label: &str,
    y_label: &str,
    lines: &[Series],
    points: &[Series],
    legend: SeriesLabelPosition,
) -> Result<(), Box<dyn std::error::Error>> {
    let all = lines.iter().chain(points).flat_map(|s| s.points.iter());
    let [x_min, x_max, y_min, y_max] = bounds(all)?;
    let x_pad = ((x_max - x_min) * 0.03).max(0.5);
    let y_pad = ((y_max - y_min) * 0.08).max(1e-9);
    let y_low = if y_min >= 0.0 { 0.0 } else { y_min - y_pad };
    let root = SVGBackend::new(path, (800, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d((x_min - x_pad)..(x_max + x_pad), y_low..(y_max + y_pad))?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (i, s) in lines.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(
                s.points.iter().copied(),
                color.stroke_width(2),
            ))?
            .label(s.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
    }
    for (i, s) in points.iter().enumerate() {
        let color = Palette99::pick(lines.len() + i).to_rgba();
        chart
            .draw_series(s.points.iter().map(|&p| Circle::new(p, 4, color.filled())))?
            .label(s.label.clone())
            .legend(move |(x, y)| Circle::new((x + 9, y), 4, color.filled()));
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK.mix(0.3))
        .position(legend)
        .draw()?;
    root.present()?;
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
    Ok(b)
}

/// The Okabe-Ito palette, safe for the common colour-vision deficiencies
/// (black, orange, sky blue, bluish green, vermillion, blue, reddish purple).
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0, 0, 0),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 158, 115),
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(204, 121, 167),
];

/// Draws `series` as lines on a logarithmic y axis into `path` (SVG,
/// 800 × 500), in the Okabe-Ito palette with text of 14 px and more, and
/// `source` as a line under the plot. For series that span orders of
/// magnitude; every y must be positive. x is a fractional year.
///
/// # Errors
/// When the file cannot be written, there is nothing to draw, or a y is
/// not positive.
pub fn log_line_chart(
    path: &Path,
    title: &str,
    y_label: &str,
    series: &[Series],
    source: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let all = series.iter().flat_map(|s| s.points.iter());
    let [x_min, x_max, y_min, y_max] = bounds(all)?;
    if y_min <= 0.0 {
        return Err("a log axis needs positive values".into());
    }
    let root = SVGBackend::new(path, (800, 500)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, foot) = root.split_vertically(470);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", 20))
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(78)
        .build_cartesian_2d(x_min..x_max, (y_min * 0.8..y_max * 1.25).log_scale())?;
    chart
        .configure_mesh()
        .y_desc(y_label)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (i, s) in series.iter().enumerate() {
        let color = OKABE_ITO[i % OKABE_ITO.len()];
        let width = if i == 0 { 3 } else { 2 };
        chart
            .draw_series(LineSeries::new(
                s.points.iter().copied(),
                color.stroke_width(width),
            ))?
            .label(s.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 22, y)], color.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .label_font(("sans-serif", 15))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .position(SeriesLabelPosition::UpperLeft)
        .draw()?;
    foot.draw(&Text::new(
        source,
        (14, 6),
        ("sans-serif", 13).into_font().color(&BLACK.mix(0.75)),
    ))?;
    root.present()?;
    Ok(())
}
