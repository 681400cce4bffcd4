//! The ERCOT readers on small inline files.

use chrono::{DateTime, TimeZone, Utc};
use wattage_facility::FacilityError;
use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp, read_settlement_point_prices};
use wattage_units::EnergyPrice;

const SPP_HEADER: &str = "Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price\n";

fn spp(rows: &str) -> String {
    format!("{SPP_HEADER}{rows}")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn price(text: &str) -> EnergyPrice {
    text.parse().unwrap()
}

#[test]
fn reads_thousands_separators_negatives_and_whole_numbers() {
    let csv = spp("02/16/2021,8,1,N,HB_NORTH,HU,\"8,910.91\"\n\
         02/16/2021,8,2,N,HB_NORTH,HU,21\n\
         02/16/2021,8,3,N,HB_NORTH,HU,-27.30\n\
         02/16/2021,8,4,N,HB_NORTH,HU,\"1,234,567.5\"\n");
    let s = read_settlement_point_prices(csv.as_bytes(), "HB_NORTH", None).unwrap();
    assert_eq!(s.start(), utc(2021, 2, 16, 13, 0));
    assert_eq!(
        s.prices(),
        &[
            price("$8910.91/MWh"),
            price("$21/MWh"),
            price("-$27.30/MWh"),
            price("$1234567.5/MWh")
        ]
    );
}

#[test]
fn filters_one_settlement_point_and_type() {
    let csv = spp("02/01/2021,1,1,N,HB_BUSAVG,SH,19.23\n\
         02/01/2021,1,1,N,HB_NORTH,HU,20.12\n\
         02/01/2021,1,1,N,LZ_AEN,LZ,19.99\n\
         02/01/2021,1,1,N,LZ_AEN,LZEW,19.98\n\
         02/01/2021,1,2,N,HB_NORTH,HU,20.31\n\
         02/01/2021,1,2,N,LZ_AEN,LZEW,19.95\n\
         02/01/2021,1,2,N,LZ_AEN,LZ,19.96\n");
    let north = read_settlement_point_prices(csv.as_bytes(), "HB_NORTH", None).unwrap();
    assert_eq!(north.prices(), &[price("$20.12/MWh"), price("$20.31/MWh")]);
    assert_eq!(north.start(), utc(2021, 2, 1, 6, 0));

    let lzew = read_settlement_point_prices(csv.as_bytes(), "LZ_AEN", Some("LZEW")).unwrap();
    assert_eq!(lzew.prices(), &[price("$19.98/MWh"), price("$19.95/MWh")]);

    // Both types under one name: the second row of the interval is a duplicate, at line 5.
    let err = read_settlement_point_prices(csv.as_bytes(), "LZ_AEN", None).unwrap_err();
    assert_eq!(
        err,
        FacilityError::Duplicate {
            line: 5,
            at: utc(2021, 2, 1, 6, 0)
        }
    );

    let err = read_settlement_point_prices(csv.as_bytes(), "HB_PAN", None).unwrap_err();
    assert_eq!(err.to_string(), "no rows for settlement point \"HB_PAN\"");
}

#[test]
fn gaps_duplicates_and_disorder_name_the_line() {
    let gap = spp("02/01/2021,1,1,N,HB_WEST,HU,1\n\
         02/01/2021,1,2,N,HB_WEST,HU,2\n\
         02/01/2021,1,4,N,HB_WEST,HU,4\n");
    let err = read_settlement_point_prices(gap.as_bytes(), "HB_WEST", None).unwrap_err();
    assert_eq!(
        err,
        FacilityError::Gap {
            line: 4,
            expected: utc(2021, 2, 1, 6, 30),
            found: utc(2021, 2, 1, 6, 45)
        }
    );
    assert_eq!(
        err.to_string(),
        "line 4: gap in the series: expected the interval starting 2021-02-01 06:30:00 UTC, found 2021-02-01 06:45:00 UTC"
    );

    let back = spp("02/01/2021,1,1,N,HB_WEST,HU,1\n\
         02/01/2021,1,2,N,HB_WEST,HU,2\n\
         02/01/2021,1,1,N,HB_WEST,HU,3\n");
    let err = read_settlement_point_prices(back.as_bytes(), "HB_WEST", None).unwrap_err();
    assert!(
        matches!(err, FacilityError::OutOfOrder { line: 4, .. }),
        "{err}"
    );

    let twice = spp("02/01/2021,1,1,N,HB_WEST,HU,1\n\
         02/01/2021,1,1,N,HB_WEST,HU,1\n");
    let err = read_settlement_point_prices(twice.as_bytes(), "HB_WEST", None).unwrap_err();
    assert!(
        matches!(err, FacilityError::Duplicate { line: 3, .. }),
        "{err}"
    );
}

#[test]
fn bad_fields_name_line_column_and_value() {
    let cases = [
        (
            "02/01/2021,1,1,N,HB_WEST,HU,12.3.4\n",
            "Settlement Point Price",
            "12.3.4",
        ),
        (
            "02/01/2021,1,1,N,HB_WEST,HU,\"89,10.91\"\n",
            "Settlement Point Price",
            "89,10.91",
        ),
        (
            "02/01/2021,1,1,N,HB_WEST,HU,\n",
            "Settlement Point Price",
            "",
        ),
        ("02/01/2021,25,1,N,HB_WEST,HU,1\n", "Delivery Hour", "25"),
        ("02/01/2021,0,1,N,HB_WEST,HU,1\n", "Delivery Hour", "0"),
        ("02/01/2021,1,5,N,HB_WEST,HU,1\n", "Delivery Interval", "5"),
        (
            "02/30/2021,1,1,N,HB_WEST,HU,1\n",
            "Delivery Date",
            "02/30/2021",
        ),
        ("02/01/2021,1,1,X,HB_WEST,HU,1\n", "Repeated Hour Flag", "X"),
        ("02/01/2021,1,1,Y,HB_WEST,HU,1\n", "Repeated Hour Flag", "Y"),
    ];
    for (row, column, value) in cases {
        let csv = spp(&format!("02/01/2021,1,1,N,HB_NORTH,HU,1\n{row}"));
        let err = read_settlement_point_prices(csv.as_bytes(), "HB_WEST", None).unwrap_err();
        match &err {
            FacilityError::InvalidField {
                line,
                column: c,
                value: v,
                ..
            } => {
                assert_eq!((*line, *c, v.as_str()), (3, column, value), "{err}");
            }
            other => panic!("expected InvalidField for {row:?}, got {other}"),
        }
        assert!(err.to_string().contains(&format!("{value:?}")), "{err}");
    }
}

#[test]
fn missing_column_and_malformed_csv_are_reported() {
    let csv = "Delivery Date,Delivery Hour,Settlement Point Name,Settlement Point Price\n";
    let err = read_settlement_point_prices(csv.as_bytes(), "HB_WEST", None).unwrap_err();
    assert!(
        matches!(&err, FacilityError::MissingColumn { column, .. } if column == "Delivery Interval"),
        "{err}"
    );
    assert!(
        err.to_string().contains("Delivery Date,Delivery Hour,"),
        "{err}"
    );

    let bytes = [
        SPP_HEADER.as_bytes(),
        b"02/01/2021,1,1,N,HB_WEST,HU,\xff\xfe\n",
    ]
    .concat();
    let err = read_settlement_point_prices(bytes.as_slice(), "HB_WEST", None).unwrap_err();
    assert!(matches!(err, FacilityError::Csv { line: 2, .. }), "{err}");
}

#[test]
fn ercots_own_header_with_dst_flag_reads() {
    let csv = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag\n\
               07/01/2024,24,4,HB_HOUSTON,HU,30.5,N\n\
               07/02/2024,1,1,HB_HOUSTON,HU,29.5,N\n";
    let s = read_settlement_point_prices(csv.as_bytes(), "HB_HOUSTON", Some("HU")).unwrap();
    // 23:45 CDT is 04:45 UTC the next day.
    assert_eq!(s.start(), utc(2024, 7, 2, 4, 45));
    assert_eq!(s.len(), 2);
}

#[test]
fn spring_forward_skips_hour_ending_3() {
    let csv = spp("03/10/2024,2,4,N,HB_SOUTH,HU,10\n\
         03/10/2024,4,1,N,HB_SOUTH,HU,11\n");
    let s = read_settlement_point_prices(csv.as_bytes(), "HB_SOUTH", None).unwrap();
    assert_eq!(s.start(), utc(2024, 3, 10, 7, 45)); // 01:45 CST
    assert_eq!(s.end(), utc(2024, 3, 10, 8, 15)); // 03:00 CDT starts at 08:00 UTC

    let csv = spp("03/10/2024,3,1,N,HB_SOUTH,HU,10\n");
    let err = read_settlement_point_prices(csv.as_bytes(), "HB_SOUTH", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: local time 2024-03-10 02:00 does not exist in America/Chicago (skipped when daylight time starts)"
    );
}

#[test]
fn fall_back_repeated_hour_is_told_apart_by_its_flag() {
    let mut rows = String::new();
    for interval in 1..=4 {
        rows.push_str(&format!(
            "11/03/2024,2,{interval},N,HB_NORTH,HU,{interval}\n"
        ));
    }
    for interval in 1..=4 {
        rows.push_str(&format!(
            "11/03/2024,2,{interval},Y,HB_NORTH,HU,-{interval}\n"
        ));
    }
    rows.push_str("11/03/2024,3,1,N,HB_NORTH,HU,7\n");
    let s = read_settlement_point_prices(spp(&rows).as_bytes(), "HB_NORTH", None).unwrap();
    assert_eq!(s.len(), 9);
    assert_eq!(s.start(), utc(2024, 11, 3, 6, 0)); // 01:00 CDT
    assert_eq!(
        s.price_at(utc(2024, 11, 3, 7, 0)).unwrap(),
        price("-$1/MWh")
    ); // 01:00 CST
    assert_eq!(s.price_at(utc(2024, 11, 3, 8, 0)).unwrap(), price("$7/MWh")); // 02:00 CST

    // Without the flag the second pass steps back an hour: an error, not a silent merge.
    let unflagged = spp(&rows.replace(",Y,", ",N,"));
    let err = read_settlement_point_prices(unflagged.as_bytes(), "HB_NORTH", None).unwrap_err();
    assert_eq!(
        err,
        FacilityError::OutOfOrder {
            line: 6,
            found: utc(2024, 11, 3, 6, 0),
            previous: utc(2024, 11, 3, 6, 45)
        }
    );
}

const HUB_HEADER: &str = "UTC Timestamp (Interval Ending),Local Timestamp Central Time (Interval Beginning),Local Timestamp Central Time (Interval Ending),Local Date,Hour Number,Bus average LMP,Houston LMP,Hub average LMP,North LMP,Panhandle LMP,South LMP,West LMP\n";

#[test]
fn hub_lmp_layout_reads_one_hub_by_utc_interval_end() {
    let csv = format!(
        "{HUB_HEADER}\
         2024-11-03 06:45:00,2024-11-03 01:30:00,2024-11-03 01:45:00,2024-11-03,2,21.08,20.78,20.94,21.64,22.03,19.25,22.09\n\
         2024-11-03 07:00:00,2024-11-03 01:45:00,2024-11-03 01:00:00,2024-11-03,2,21.09,20.81,20.96,21.61,21.97,19.31,22.1\n\
         2024-11-03 07:15:00,2024-11-03 01:00:00,2024-11-03 01:15:00,2024-11-03,3,26.72,26.38,26.56,27.38,27.79,24.49,-27.96\n"
    );
    let west = read_hub_lmp(csv.as_bytes(), Hub::West).unwrap();
    assert_eq!(west.start(), utc(2024, 11, 3, 6, 30));
    assert_eq!(
        west.prices(),
        &[
            price("$22.09/MWh"),
            price("$22.1/MWh"),
            price("-$27.96/MWh")
        ]
    );
    let north = read_hub_lmp(csv.as_bytes(), "HB_NORTH".parse().unwrap()).unwrap();
    assert_eq!(north.prices()[2], price("$27.38/MWh"));

    let gap = csv.replace("2024-11-03 07:00:00,", "2024-11-03 07:15:00,");
    let err = read_hub_lmp(gap.as_bytes(), Hub::West).unwrap_err();
    assert!(matches!(err, FacilityError::Gap { line: 3, .. }), "{err}");

    let header_only = read_hub_lmp(HUB_HEADER.as_bytes(), Hub::Houston).unwrap_err();
    assert_eq!(
        header_only,
        FacilityError::NoRows {
            point: "HB_HOUSTON".into()
        }
    );
    assert!(matches!(
        "HB_EAST".parse::<Hub>(),
        Err(FacilityError::UnknownHub { .. })
    ));
    assert_eq!("west lmp".parse::<Hub>().unwrap(), Hub::West);
    assert_eq!(Hub::Panhandle.to_string(), "HB_PAN");
}

#[test]
fn hub_lmp_bad_timestamp_names_line() {
    let csv = format!("{HUB_HEADER}2024-11-03 06:47:00,x,x,x,2,1,1,1,1,1,1,1\n");
    let err = read_hub_lmp(csv.as_bytes(), Hub::West).unwrap_err();
    assert!(
        matches!(err, FacilityError::MisalignedRow { line: 2, .. }),
        "{err}"
    );
    let csv = format!("{HUB_HEADER}yesterday,x,x,x,2,1,1,1,1,1,1,1\n");
    let err = read_hub_lmp(csv.as_bytes(), Hub::West).unwrap_err();
    assert!(
        matches!(err, FacilityError::InvalidField { line: 2, .. }),
        "{err}"
    );
}

mod ancillary {
    //! ERCOT's day-ahead ancillary-service clearing prices: the shipped
    //! samples of `tests/data/ercot` (see the PROVENANCE file there).

    use chrono::{TimeZone, Utc};
    use wattage_facility::power::ReserveService;
    use wattage_facility::price_series::iso::ercot_ancillary::read_ancillary_prices;

    const LAUNCH: &str = include_str!("../data/ercot/DAMASMCPC_2023_ecrs_launch.csv");
    const FALL_BACK: &str = include_str!("../data/ercot/DAMASMCPC_2024_fall_back_local.csv");

    #[test]
    fn ecrs_starts_on_its_launch_hour_and_the_others_run_through() {
        let rrs = read_ancillary_prices(LAUNCH.as_bytes(), ReserveService::Responsive).unwrap();
        assert_eq!(rrs.len(), 6);
        // 06/09/2023 HE22 ends 03:00 UTC (CDT), so it starts at 02:00.
        assert_eq!(
            rrs.start(),
            Utc.with_ymd_and_hms(2023, 6, 10, 2, 0, 0).unwrap()
        );
        let ecrs = read_ancillary_prices(LAUNCH.as_bytes(), ReserveService::Contingency).unwrap();
        assert_eq!(
            ecrs.start(),
            Utc.with_ymd_and_hms(2023, 6, 10, 5, 0, 0).unwrap()
        );
        let prices: Vec<String> = ecrs.prices().iter().map(ToString::to_string).collect();
        assert_eq!(prices, ["$10/MWh", "$7.01/MWh", "$10/MWh"]);
    }

    #[test]
    fn the_repeated_hour_of_ercots_own_layout_is_its_own_hour_in_utc() {
        // The data folder's UTC column for these rows: 06:00 to 10:00 (hour ending).
        let regup =
            read_ancillary_prices(FALL_BACK.as_bytes(), ReserveService::RegulationUp).unwrap();
        assert_eq!(
            regup.start(),
            Utc.with_ymd_and_hms(2024, 11, 3, 5, 0, 0).unwrap()
        );
        assert_eq!(regup.len(), 5);
        assert_eq!(regup.prices()[2].to_string(), "$0.84/MWh"); // the Y row, 01:00 CST
    }

    #[test]
    fn a_service_the_file_lacks_and_a_bad_cell_are_errors_naming_them() {
        let no_ecrs = "Delivery Date,Hour Ending,Repeated Hour Flag,REGDN,REGUP,RRS,NSPIN\n01/01/2022,01:00,N,1,2,3,4\n";
        let err =
            read_ancillary_prices(no_ecrs.as_bytes(), ReserveService::Contingency).unwrap_err();
        assert!(
            err.to_string().starts_with("missing column \"ECRS\""),
            "{err}"
        );
        let bad = "Delivery Date,Hour Ending,Repeated Hour Flag,RRS\n01/01/2022,25:00,N,3\n";
        let err = read_ancillary_prices(bad.as_bytes(), ReserveService::Responsive).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("line 2: cannot read column \"Hour Ending\""),
            "{err}"
        );
    }
}
