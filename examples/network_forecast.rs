//! Forecasting the network: the 2018-2025 backtest of three hashrate
//! models (constant growth at the trailing rate, the trailing trend, and
//! the network-response supply model), each forecasting difficulty 3, 6
//! and 12 months ahead from every month start, against the shipped
//! history. Prints the MAPE table and draws `network_forecast.svg`: the
//! real difficulty and each model's 12-month-ahead forecast, plotted at
//! the date it was for.
//!
//! Run with `cargo run -p wattage-examples --example network_forecast [chart-dir]`.

use chrono::Datelike;
use wattage::mining::backtest::{BacktestSpec, Model, run};
use wattage::mining::chrono;
use wattage::mining::history;
use wattage_examples::{Chart, Series, XAxis, YScale, chart_dir};

fn year(date: chrono::NaiveDate) -> f64 {
    f64::from(date.year()) + f64::from(date.ordinal0()) / 365.25
}

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    let report = run(&BacktestSpec::default())?;
    println!(
        "Backtest, {} month-start origins 2018-01 to 2025-06: MAPE of the forecast difficulty\n",
        report.origins()
    );
    println!("| model | 3 months | 6 months | 12 months |");
    println!("| --- | ---: | ---: | ---: |");
    for model in Model::ALL {
        let m = |h| report.mape(model, h).map_or(f64::NAN, |x| x);
        println!(
            "| {} | {:.1} % | {:.1} % | {:.1} % |",
            model.name(),
            m(3),
            m(6),
            m(12)
        );
    }

    let mut actual = Vec::new();
    let mut date = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).ok_or("date")?;
    let end = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).ok_or("date")?;
    while date <= end {
        actual.push((year(date), history::difficulty_on(date)?.get() / 1e12));
        date = date.checked_add_days(chrono::Days::new(7)).ok_or("date")?;
    }
    let mut series = vec![Series {
        label: "difficulty (history)".into(),
        points: actual,
    }];
    for model in Model::ALL {
        let points = report
            .forecasts()
            .iter()
            .filter(|f| f.model == model && f.horizon_months == 12)
            .filter_map(|f| {
                f.origin
                    .checked_add_months(chrono::Months::new(12))
                    .map(|d| (year(d), f.forecast / 1e12))
            })
            .collect();
        series.push(Series {
            label: format!("{}, 12 months ahead", model.name()),
            points,
        });
    }
    let path = chart_dir()?.join("network_forecast.svg");
    let chart = Chart {
        y_scale: YScale::Log,
        legend: plotters::chart::SeriesLabelPosition::UpperLeft,
        ..Chart::new(
            "Bitcoin difficulty and 12-month-ahead forecasts, 2018-2026",
            "year",
            "difficulty, T (log scale)",
            XAxis::Years,
            "Source: difficulty per epoch from block headers (Electrum checkpoints); prices, fees: blockchain.com. wattage-mining backtest.",
        )
    };
    chart.draw(&path, 520, &series, &[])?;
    println!("\nwrote {}", path.display());
    Ok(())
}
