//! Price series: construction, grid checks, resampling.

use chrono::{DateTime, TimeZone, Utc};
use wattage_facility::FacilityError;
use wattage_facility::price_series::{PricePoint, PriceSeries, Resolution};
use wattage_units::EnergyPrice;

fn price(text: &str) -> EnergyPrice {
    text.parse().unwrap()
}

fn prices(values: &[&str]) -> Vec<EnergyPrice> {
    values.iter().map(|v| price(&format!("${v}/MWh"))).collect()
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 7, 1, h, m, 0).unwrap()
}

#[test]
fn empty_and_misaligned_series_are_rejected() {
    assert_eq!(
        PriceSeries::new(at(0, 0), Resolution::Hourly, vec![]),
        Err(FacilityError::EmptySeries { start: at(0, 0) })
    );
    let err = PriceSeries::new(at(0, 15), Resolution::Hourly, prices(&["1"])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2024-07-01 00:15:00 UTC is not on the hourly grid"
    );
    assert!(PriceSeries::new(at(0, 15), Resolution::FifteenMinutes, prices(&["1"])).is_ok());
    let odd = Utc.with_ymd_and_hms(2024, 7, 1, 0, 15, 1).unwrap();
    assert!(PriceSeries::new(odd, Resolution::FifteenMinutes, prices(&["1"])).is_err());
}

#[test]
fn lookup_by_time_covers_start_to_end_exclusive() {
    let s = PriceSeries::new(at(1, 0), Resolution::Hourly, prices(&["10", "-20", "30"])).unwrap();
    assert_eq!(s.end(), at(4, 0));
    assert_eq!(s.price_at(at(1, 0)).unwrap(), price("$10/MWh"));
    assert_eq!(s.price_at(at(2, 59)).unwrap(), price("-$20/MWh"));
    assert_eq!(s.price_at(at(3, 59)).unwrap(), price("$30/MWh"));
    let err = s.price_at(at(4, 0)).unwrap_err();
    assert!(matches!(err, FacilityError::OutsideSeries { .. }), "{err}");
    assert!(s.price_at(at(0, 59)).is_err());
    assert_eq!(s.max(), price("$30/MWh"));
    assert_eq!(s.min(), price("-$20/MWh"));
    assert_eq!(
        s.mean().unwrap().to_string(),
        "$6.6666666666666666666666666667/MWh"
    );
    assert_eq!(s.count_at_or_above(price("$10/MWh")), 2);
    let points: Vec<PricePoint> = s.iter().collect();
    assert_eq!(
        points[2],
        PricePoint {
            start: at(3, 0),
            price: price("$30/MWh")
        }
    );
}

#[test]
fn from_points_names_the_offending_row() {
    let p = price("$1/MWh");
    let build = |minutes: &[u32]| {
        PriceSeries::from_points(
            Resolution::FifteenMinutes,
            minutes.iter().map(|&m| PricePoint {
                start: at(m / 60, m % 60),
                price: p,
            }),
        )
    };
    assert_eq!(build(&[0, 15, 30, 45, 60]).unwrap().len(), 5);
    assert_eq!(
        build(&[0, 15, 15]),
        Err(FacilityError::Duplicate {
            line: 3,
            at: at(0, 15)
        })
    );
    assert_eq!(
        build(&[0, 15, 30, 0]),
        Err(FacilityError::OutOfOrder {
            line: 4,
            found: at(0, 0),
            previous: at(0, 30)
        })
    );
    assert_eq!(
        build(&[0, 30]),
        Err(FacilityError::Gap {
            line: 2,
            expected: at(0, 15),
            found: at(0, 30)
        })
    );
    let err = build(&[0, 15, 30, 0]).unwrap_err();
    assert_eq!(err.line(), Some(4));
    assert!(err.to_string().starts_with("line 4: out of order"), "{err}");
    assert!(matches!(build(&[]), Err(FacilityError::EmptySeries { .. })));
}

#[test]
fn fifteen_minute_to_hourly_is_the_exact_mean() {
    let s = PriceSeries::new(
        at(0, 0),
        Resolution::FifteenMinutes,
        prices(&["1", "2", "3", "5", "-10", "-10", "9000", "9000.01"]),
    )
    .unwrap();
    let h = s.to_hourly().unwrap();
    assert_eq!(h.resolution(), Resolution::Hourly);
    assert_eq!(h.start(), at(0, 0));
    assert_eq!(h.end(), s.end());
    assert_eq!(h.prices(), prices(&["2.75", "4495.0025"]).as_slice());
    // The hourly mean of the whole equals the 15-minute mean (equal weights).
    assert_eq!(h.mean().unwrap(), s.mean().unwrap());
}

#[test]
fn hourly_needs_whole_aligned_hours() {
    let three = PriceSeries::new(
        at(0, 0),
        Resolution::FifteenMinutes,
        prices(&["1", "2", "3"]),
    )
    .unwrap();
    assert_eq!(
        three.to_hourly(),
        Err(FacilityError::IncompleteHour {
            start: at(0, 0),
            intervals: 3
        })
    );
    let shifted = PriceSeries::new(
        at(0, 15),
        Resolution::FifteenMinutes,
        prices(&["1", "2", "3", "4"]),
    )
    .unwrap();
    assert!(matches!(
        shifted.to_hourly(),
        Err(FacilityError::IncompleteHour { .. })
    ));
}

#[test]
fn hourly_to_fifteen_minute_holds_each_price_and_round_trips() {
    let h = PriceSeries::new(at(5, 0), Resolution::Hourly, prices(&["20", "-3.5"])).unwrap();
    let q = h.to_fifteen_minute();
    assert_eq!(q.resolution(), Resolution::FifteenMinutes);
    assert_eq!(q.len(), 8);
    assert_eq!(q.end(), h.end());
    assert_eq!(q.price_at(at(5, 45)).unwrap(), price("$20/MWh"));
    assert_eq!(q.price_at(at(6, 0)).unwrap(), price("-$3.5/MWh"));
    assert_eq!(q.to_hourly().unwrap(), h);
    assert_eq!(h.to_hourly().unwrap(), h);
    assert_eq!(q.to_fifteen_minute(), q);
}

#[test]
fn append_joins_contiguous_series_only() {
    let a = || PriceSeries::new(at(0, 0), Resolution::Hourly, prices(&["1", "2"])).unwrap();
    let mut joined = a();
    joined
        .append(&PriceSeries::new(at(2, 0), Resolution::Hourly, prices(&["3"])).unwrap())
        .unwrap();
    assert_eq!(joined.prices(), prices(&["1", "2", "3"]).as_slice());

    // A part that leaves an hour out, repeats the last hour, or starts
    // before the series: each named by where it starts and where it should.
    let mut s = a();
    for (starts, name) in [(3, "gap"), (1, "repeat"), (0, "earlier")] {
        let next = PriceSeries::new(at(starts, 0), Resolution::Hourly, prices(&["3"])).unwrap();
        let err = s.append(&next).unwrap_err();
        assert_eq!(
            err,
            FacilityError::NotContiguous {
                expected: at(2, 0),
                found: at(starts, 0)
            },
            "{name}"
        );
        assert!(
            err.to_string().contains("where the series before it ends"),
            "{err}"
        );
    }
    let finer = PriceSeries::new(at(2, 0), Resolution::FifteenMinutes, prices(&["3"])).unwrap();
    assert_eq!(
        s.append(&finer).unwrap_err().to_string(),
        "cannot join a series of 15-minute intervals to one of hourly intervals"
    );
    assert_eq!(s, a(), "a failed append leaves the series unchanged");
}

mod gaps {
    use chrono::{TimeZone, Utc};
    use wattage_facility::FacilityError;
    use wattage_facility::price_series::{GapPolicy, PricePoint, PriceSeries, Resolution};

    fn points() -> Vec<PricePoint> {
        let at = |m| Utc.with_ymd_and_hms(2021, 2, 15, 6, m, 0).unwrap();
        [(0, "$30/MWh"), (15, "$33/MWh"), (45, "$60/MWh")]
            .iter()
            .map(|(m, p)| PricePoint {
                start: at(*m),
                price: p.parse().unwrap(),
            })
            .collect()
    }

    #[test]
    fn refusing_is_the_default_and_names_the_row_after_the_gap() {
        let err = PriceSeries::from_points(Resolution::FifteenMinutes, points()).unwrap_err();
        assert!(matches!(err, FacilityError::Gap { line: 3, .. }), "{err}");
        let err = PriceSeries::from_points_with(
            Resolution::FifteenMinutes,
            points(),
            GapPolicy::default(),
        )
        .unwrap_err();
        assert!(matches!(err, FacilityError::Gap { line: 3, .. }), "{err}");
    }

    #[test]
    fn each_policy_fills_and_reports_every_interval() {
        let run = |policy| {
            let (series, report) =
                PriceSeries::from_points_with(Resolution::FifteenMinutes, points(), policy)
                    .unwrap();
            assert_eq!(series.len(), 4);
            assert_eq!(report.len(), 1);
            assert_eq!(report.filled[0].before_row, 3);
            assert_eq!(
                report.filled[0].start,
                Utc.with_ymd_and_hms(2021, 2, 15, 6, 30, 0).unwrap()
            );
            assert_eq!(series.prices()[2], report.filled[0].price);
            series.prices()[2].to_string()
        };
        assert_eq!(run(GapPolicy::FillForward), "$33/MWh");
        assert_eq!(run(GapPolicy::Interpolate), "$46.5/MWh");
        assert_eq!(
            run(GapPolicy::Price("$9000/MWh".parse().unwrap())),
            "$9,000/MWh"
        );
    }

    #[test]
    fn interpolation_rounds_to_a_hundredth_of_a_cent() {
        let at = |m| Utc.with_ymd_and_hms(2021, 2, 15, 6, m, 0).unwrap();
        let points = [(0, "$10/MWh"), (45, "$20/MWh")].map(|(m, p)| PricePoint {
            start: at(m),
            price: p.parse().unwrap(),
        });
        let (series, report) = PriceSeries::from_points_with(
            Resolution::FifteenMinutes,
            points,
            GapPolicy::Interpolate,
        )
        .unwrap();
        assert_eq!(report.len(), 2);
        assert_eq!(series.prices()[1].to_string(), "$13.3333/MWh");
        assert_eq!(series.prices()[2].to_string(), "$16.6667/MWh");
    }

    #[test]
    fn no_policy_fills_a_repeat_or_a_step_back() {
        let mut p = points();
        p.push(p[0]);
        let err =
            PriceSeries::from_points_with(Resolution::FifteenMinutes, p, GapPolicy::FillForward)
                .unwrap_err();
        assert!(matches!(err, FacilityError::OutOfOrder { .. }), "{err}");
    }
}
