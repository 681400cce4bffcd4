//! The shipped history against the vendored epoch CSV (tests/data, from
//! Electrum's checkpoints), and the readers on the shared daily series.

use chrono::NaiveDate;
use wattage_mining::readers::{daily_csv, epoch_csv};
use wattage_mining::{Error, history};

const EPOCHS_CSV: &str = include_str!("../data/difficulty_per_epoch.csv");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_shipped_epochs_equal_the_vendored_csv() {
    let read = epoch_csv::parse_epochs(EPOCHS_CSV).unwrap();
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    assert_eq!(read.values.len(), history::epoch_count());
    for row in &read.values {
        let shipped = history::epoch(row.epoch as usize).unwrap().unwrap();
        assert_eq!(shipped.bits, row.bits, "epoch {}", row.epoch);
        assert_eq!(shipped.difficulty, row.difficulty);
        assert_eq!(shipped.first_full_day, row.first_full_day);
        assert_eq!(shipped.start_height, row.start_height);
    }
}

#[test]
fn epoch_start_times_increase_and_precede_their_first_full_day() {
    let mut last = i64::MIN;
    for i in 0..history::epoch_count() {
        let e = history::epoch(i).unwrap().unwrap();
        assert!(e.start_time > last, "epoch {i}");
        if let Some(d) = e.first_full_day.filter(|_| i > 0) {
            assert!(e.start_time < d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp());
        }
        last = e.start_time;
    }
}

#[test]
fn dates_outside_the_history_are_typed_errors_with_the_date() {
    let early = day(2009, 1, 2);
    assert_eq!(
        history::height_near(early),
        Err(Error::BeforeGenesis { date: early })
    );
    let late = day(2030, 1, 1);
    let err = history::difficulty_on(late).unwrap_err();
    assert_eq!(
        err.to_string(),
        "date 2030-01-01 is past the shipped history, which ends on 2026-06-28"
    );
}

#[test]
fn halving_dates_and_subsidies() {
    assert_eq!(
        history::subsidy_on(day(2012, 11, 28)).unwrap().to_string(),
        "50 BTC"
    );
    assert_eq!(
        history::subsidy_on(day(2012, 11, 29)).unwrap().to_string(),
        "25 BTC"
    );
    // Block 840,000 came at 00:09:27 UTC: at 00:00 the subsidy was still 6.25.
    assert_eq!(
        history::subsidy_on(day(2024, 4, 20)).unwrap().to_string(),
        "6.25 BTC"
    );
    assert_eq!(
        history::subsidy_on(day(2024, 4, 21)).unwrap().to_string(),
        "3.125 BTC"
    );
    // Heights near each halving date land within a day of blocks of it.
    for h in history::HALVINGS {
        let date = chrono::DateTime::from_timestamp(h.time, 0)
            .unwrap()
            .date_naive();
        let near = history::height_near(date).unwrap().get();
        assert!(
            near.abs_diff(h.height.get()) < 300,
            "{near} vs {}",
            h.height
        );
    }
}

#[test]
fn difficulty_on_a_date_matches_the_daily_series_checks() {
    // PROVENANCE-daily.md: 2025-12-15 = 148.2 T, 2026-01-09 = 146.47 T.
    assert_eq!(
        format!("{:.1}", history::difficulty_on(day(2025, 12, 15)).unwrap()),
        "148.2 T"
    );
    assert_eq!(
        format!("{:.2}", history::difficulty_on(day(2026, 1, 9)).unwrap()),
        "146.47 T"
    );
}

#[test]
fn months_cover_2010_to_2026_without_gaps() {
    let months = history::months().unwrap();
    assert_eq!(months.first().unwrap().month, day(2010, 9, 1));
    for pair in months.windows(2) {
        let next = pair[0]
            .month
            .checked_add_months(chrono::Months::new(1))
            .unwrap();
        assert_eq!(pair[1].month, next);
    }
}

fn shared(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/bitcoin/");
    std::fs::read_to_string(format!("{path}{name}")).expect("shared/data present")
}

#[test]
#[ignore = "needs shared/data"]
fn the_daily_readers_on_the_shared_series_report_every_row() {
    let fees = daily_csv::parse_daily_fees(&shared("daily_fees_btc.csv")).unwrap();
    assert_eq!(fees.rows(), 6_418);
    assert!(
        fees.rejected.is_empty(),
        "{:?}",
        &fees.rejected[..fees.rejected.len().min(3)]
    );
    let last = fees.values.last().unwrap();
    assert_eq!(
        (last.date, last.value.to_sat()),
        (day(2026, 8, 16), 219_260_636)
    );
    let difficulty = daily_csv::parse_daily_difficulty(&shared("daily_difficulty.csv")).unwrap();
    assert_eq!(difficulty.rows(), 6_432);
    assert!(
        difficulty
            .rejected
            .iter()
            .all(|r| r.reason == "difficulty 0: no blocks that day")
    );
    assert!(!difficulty.rejected.is_empty());
    let price = daily_csv::parse_daily_price(&shared("daily_btc_price.csv")).unwrap();
    assert_eq!(price.rows(), 6_402);
    assert!(
        price
            .rejected
            .iter()
            .all(|r| r.reason == "price 0: no market that day" && r.text < "2010-08-18".into())
    );
    let epochs = epoch_csv::parse_epochs(&shared("difficulty_per_epoch.csv")).unwrap();
    assert_eq!((epochs.values.len(), epochs.rejected.len()), (474, 0));
}

#[test]
fn a_bad_header_is_an_error_naming_line_one() {
    let err = daily_csv::parse_daily_fees("day,btc\n").unwrap_err();
    assert!(matches!(err, Error::BadRow { line: 1, .. }));
}

#[test]
fn repeated_and_unordered_dates_are_reported() {
    let read =
        daily_csv::parse_daily_price("date,value\n2024-01-02,1\n2024-01-02,2\n2024-01-01,3\nx\n")
            .unwrap();
    let reasons: Vec<_> = read
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (3, "date 2024-01-02 is not after 2024-01-02"),
            (4, "date 2024-01-01 is not after 2024-01-02"),
            (5, "expected two fields, date and value"),
        ]
    );
}

#[test]
fn difficulty_parses_and_prints_with_prefixes() {
    use wattage_mining::Difficulty;
    let d: Difficulty = "148.26 T".parse().unwrap();
    assert_eq!(d.to_string(), "148.26 T");
    assert_eq!("1.5e3".parse::<Difficulty>().unwrap().to_string(), "1.50 k");
    assert_eq!(
        "1.5K".parse::<Difficulty>().unwrap(),
        "1,500".parse::<Difficulty>().unwrap()
    );
    assert!(matches!(
        "1,2,3 X".parse::<Difficulty>(),
        Err(Error::Parse { .. })
    ));
    assert!(matches!("".parse::<Difficulty>(), Err(Error::Parse { .. })));
}

proptest::proptest! {
    #[test]
    fn parsing_any_text_as_difficulty_or_fees_never_panics(text in ".{0,40}") {
        let _ = text.parse::<wattage_mining::Difficulty>();
        let _ = text.parse::<wattage_mining::hashprice::Fees>();
    }

    #[test]
    fn the_readers_report_every_line_of_any_text(lines in proptest::collection::vec("[0-9a-z,.\\-]{0,30}", 0..12)) {
        let text = format!("date,value\n{}", lines.join("\n"));
        // Every line after the header is used or reported (a blank one too).
        let nonblank = text.lines().count() - 1;
        let read = daily_csv::parse_daily_fees(&text).unwrap();
        proptest::prop_assert_eq!(read.rows(), nonblank);
        let read = epoch_csv::parse_epochs(&format!("{}\n{}", epoch_csv::HEADER, lines.join("\n"))).unwrap();
        proptest::prop_assert_eq!(read.rows(), nonblank);
    }
}
