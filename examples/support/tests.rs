//! The charts' legibility rules, checked on the helpers and on a drawn SVG.

#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn year_ticks_are_whole_years_even_for_quarterly_points() {
    for (lo, hi) in [
        (2016.0, 2026.25),
        (2018.0, 2026.5),
        (2015.7, 2016.9),
        (1990.0, 2030.0),
    ] {
        let (ticks, step) = whole_ticks(lo, hi);
        assert!(!ticks.is_empty(), "{lo}..{hi}");
        assert!(ticks.len() <= 12, "{ticks:?}");
        assert!(step >= 1.0 && step.fract() == 0.0, "{step}");
        for t in &ticks {
            assert_eq!(t.fract(), 0.0, "{t} in {ticks:?}");
            assert!(*t >= lo && *t <= hi, "{t} outside {lo}..{hi}");
            assert!(!year_label(*t).contains('.'));
            assert!(!year_label(*t).contains(','), "a year has no separator");
        }
    }
    assert_eq!(whole_ticks(2016.0, 2026.25).0.first(), Some(&2016.0));
    assert_eq!(whole_ticks(2016.0, 2026.25).1, 1.0);
}

#[test]
fn tick_labels_carry_thousands_separators_and_no_needless_decimals() {
    let (ticks, step) = linear_ticks(0.0, 2_712.0);
    assert_eq!(step, 500.0);
    assert_eq!(
        ticks,
        [0.0, 500.0, 1_000.0, 1_500.0, 2_000.0, 2_500.0, 3_000.0]
    );
    assert_eq!(tick_label(2_500.0, step), "2,500");
    assert_eq!(tick_label(-1_000.0, 200.0), "-1,000");
    assert_eq!(tick_label(0.25, 0.05), "0.25");
    assert_eq!(tick_label(-0.0, 0.5), "0.0");
    assert_eq!(tick_label(1_234_567.0, 1.0), "1,234,567");
}

#[test]
fn log_ticks_step_through_powers_of_ten() {
    assert_eq!(
        log_ticks(25.0, 3_000.0),
        [50.0, 100.0, 200.0, 500.0, 1_000.0, 2_000.0]
    );
    assert_eq!(log_ticks(0.5, 2e6), [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6]);
    assert_eq!(tick_label(2_000.0, 200.0), "2,000");
}

#[test]
fn a_drawn_chart_has_text_of_13_px_or_more_a_source_line_and_no_yellow() {
    let dir = std::env::temp_dir().join(format!("wattage-chart-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("test.svg");
    let chart = Chart {
        y_scale: YScale::Log,
        ..Chart::new(
            "Title",
            "year",
            "USD per PH/s per day",
            XAxis::Years,
            "Source: a test.",
        )
    };
    let series = Series {
        label: "hashprice".into(),
        points: vec![(2016.0, 2_100.0), (2020.25, 120.0), (2026.25, 30.0)],
    };
    chart
        .draw(
            &path,
            500,
            std::slice::from_ref(&series),
            std::slice::from_ref(&series),
        )
        .unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(svg.contains(r#"width="800""#), "drawn 800 px wide");
    let sizes: Vec<f64> = svg
        .split("font-size=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(sizes.len() > 5, "{svg}");
    assert!(sizes.iter().all(|px| *px >= 13.0), "{sizes:?}");
    // plotters writes each text on a line of its own.
    let texts: Vec<&str> = svg.lines().filter(|l| !l.starts_with('<')).collect();
    assert_eq!(texts.last(), Some(&"Source: a test."), "{texts:?}");
    assert!(
        texts.contains(&"2016") && texts.contains(&"2026"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.starts_with("2016.")), "{texts:?}");
    assert!(
        texts.contains(&"1,000"),
        "log ticks with separators: {texts:?}"
    );
    assert!(
        !svg.contains("#F0E442") && !svg.contains("#FFFF00"),
        "no yellow"
    );
}

#[test]
fn a_long_source_wraps_at_spaces_into_lines_that_fit() {
    let source = "Source: ".to_owned() + &"word ".repeat(50);
    let lines = wrap_source(&source);
    assert!(lines.len() >= 3, "{lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() <= 100), "{lines:?}");
    assert_eq!(lines.join(" "), source.trim_end());
    assert_eq!(wrap_source("Source: short.").len(), 1);
    assert!(source_height(&source) > source_height("Source: short."));
}
