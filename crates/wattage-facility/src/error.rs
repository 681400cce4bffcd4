//! The one error type of this crate.

use alloc::string::String;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use wattage_units::{MoneyError, Power, QuantityError};

/// Everything that can go wrong in `wattage-facility`.
///
/// Every message names the offending value (and, for files, the line), so
/// that a failed run says what to fix:
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use wattage_facility::{FacilityError, price_series::{PriceSeries, Resolution}};
/// use chrono::{TimeZone, Utc};
///
/// let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 7, 0).unwrap();
/// let err = PriceSeries::new(start, Resolution::FifteenMinutes, vec![]).unwrap_err();
/// assert!(matches!(err, FacilityError::EmptySeries { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FacilityError {
    /// A price series with no prices.
    #[error("a price series needs at least one price; none starting at {start}")]
    EmptySeries {
        /// The requested start.
        start: DateTime<Utc>,
    },
    /// A timestamp that is not on the series' grid (15-minute or hourly boundaries).
    #[error("{at} is not on the {resolution} grid")]
    Misaligned {
        /// The offending timestamp.
        at: DateTime<Utc>,
        /// The resolution whose grid it misses ("15-minute", "hourly").
        resolution: &'static str,
    },
    /// A row whose timestamp is not on the series' grid.
    #[error("line {line}: {at} is not on the {resolution} grid")]
    MisalignedRow {
        /// Line or row number of the offending row.
        line: u64,
        /// The offending timestamp.
        at: DateTime<Utc>,
        /// The resolution whose grid it misses.
        resolution: &'static str,
    },
    /// A name that is not one of ERCOT's seven trading hubs.
    #[error(
        "unknown ERCOT hub {name:?}; expected HB_BUSAVG, HB_HOUSTON, HB_HUBAVG, HB_NORTH, HB_PAN, HB_SOUTH or HB_WEST"
    )]
    UnknownHub {
        /// The name as given.
        name: String,
    },
    /// Two series of different resolutions where one was needed.
    #[error("cannot join a series of {found} intervals to one of {expected} intervals")]
    ResolutionMismatch {
        /// The resolution of the series being extended.
        expected: &'static str,
        /// The resolution offered.
        found: &'static str,
    },
    /// A row whose interval comes later than the next expected one.
    #[error(
        "line {line}: gap in the series: expected the interval starting {expected}, found {found}"
    )]
    Gap {
        /// Line (1-based, header is line 1) or row number of the offending row.
        line: u64,
        /// The interval start that should have come next.
        expected: DateTime<Utc>,
        /// The interval start that came.
        found: DateTime<Utc>,
    },
    /// A row repeating an interval already read.
    #[error("line {line}: duplicate interval starting {at}")]
    Duplicate {
        /// Line or row number of the repeat.
        line: u64,
        /// The repeated interval start.
        at: DateTime<Utc>,
    },
    /// A row earlier than the row before it.
    #[error("line {line}: out of order: interval starting {found} comes after {previous}")]
    OutOfOrder {
        /// Line or row number of the offending row.
        line: u64,
        /// Its interval start.
        found: DateTime<Utc>,
        /// The interval start of the row before it.
        previous: DateTime<Utc>,
    },
    /// A CSV file without a column the layout needs.
    #[error("missing column {column:?}; the header has: {header}")]
    MissingColumn {
        /// The column that was looked for.
        column: String,
        /// The header as found.
        header: String,
    },
    /// A field that could not be read.
    #[error("line {line}: cannot read column {column:?} value {value:?}: {reason}")]
    InvalidField {
        /// Line of the offending row.
        line: u64,
        /// The column.
        column: &'static str,
        /// The field as written.
        value: String,
        /// What was expected.
        reason: &'static str,
    },
    /// A malformed CSV file (unbalanced quotes, unreadable bytes, I/O failure).
    #[error("line {line}: malformed CSV: {message}")]
    Csv {
        /// Line where the reader stopped.
        line: u64,
        /// The reader's explanation.
        message: String,
    },
    /// No row of a file matched the requested settlement point.
    #[error("no rows for settlement point {point:?}")]
    NoRows {
        /// The requested settlement point.
        point: String,
    },
    /// A local clock time that does not exist (skipped by the spring DST change).
    #[error("line {line}: local time {local} does not exist in US Central time (DST starts)")]
    NonexistentLocalTime {
        /// Line of the offending row.
        line: u64,
        /// The local time, as `YYYY-MM-DD HH:MM`.
        local: String,
    },
    /// A year before the US daylight-saving rules this crate knows (1987 on).
    #[error(
        "year {year} is before 1987, the first year of the US Central time rules this crate knows"
    )]
    UnsupportedYear {
        /// The year.
        year: i32,
    },
    /// Resampling to hours needs whole hours of 15-minute intervals.
    #[error(
        "cannot average to hours: {intervals} 15-minute interval(s) starting {start} do not make whole hours aligned to the hour"
    )]
    IncompleteHour {
        /// Start of the series.
        start: DateTime<Utc>,
        /// Its number of 15-minute intervals.
        intervals: usize,
    },
    /// A time outside the span a series covers.
    #[error("{at} is outside the series, which covers {start} to {end}")]
    OutsideSeries {
        /// The requested time.
        at: DateTime<Utc>,
        /// Start of the first interval.
        start: DateTime<Utc>,
        /// End of the last interval.
        end: DateTime<Utc>,
    },
    /// A discount rate at or below -100% per period.
    #[error("discount rate must be above -1 (-100%) per period, got {rate}")]
    InvalidRate {
        /// The rate per period, as a fraction.
        rate: Decimal,
    },
    /// No cash flows given where some are needed.
    #[error("at least {needed} cash flow(s) needed, got {got}")]
    TooFewCashFlows {
        /// How many are needed.
        needed: usize,
        /// How many were given.
        got: usize,
    },
    /// The IRR search found no rate at which the NPV changes sign.
    #[error(
        "no IRR: NPV does not change sign between rate {low_rate} (NPV {npv_at_low}) and rate {high_rate} (NPV {npv_at_high})"
    )]
    NoSignChange {
        /// Lowest rate searched.
        low_rate: f64,
        /// NPV there, in dollars.
        npv_at_low: f64,
        /// Highest rate searched.
        high_rate: f64,
        /// NPV there, in dollars.
        npv_at_high: f64,
    },
    /// A price in an `f64` price path was NaN or infinite.
    #[error("price path entry {index} must be a finite $/MWh, got {value}")]
    NonFinitePrice {
        /// Position in the path (0-based).
        index: usize,
        /// The offending price.
        value: f64,
    },
    /// A PUE below 1 or not finite.
    #[error("PUE must be finite and at least 1, got {value}")]
    InvalidPue {
        /// The offending PUE.
        value: f64,
    },
    /// A capacity or load that must be finite and positive (or non-negative) was not.
    #[error("{what} must be {requirement}, got {value}")]
    InvalidPower {
        /// Which power ("interconnect capacity").
        what: &'static str,
        /// What it must be ("positive").
        requirement: &'static str,
        /// The offending value.
        value: Power,
    },
    /// A hall whose facility load would take the site over its interconnect.
    #[error(
        "hall {hall:?} would bring the site's facility load to {load}, over its interconnect capacity {capacity}"
    )]
    OverCapacity {
        /// The hall being added.
        hall: String,
        /// Facility load of the site with this hall, at peak PUE.
        load: Power,
        /// The interconnect capacity.
        capacity: Power,
    },
    /// An IT load allocated to a hall beyond the hall's IT capacity.
    #[error("hall {hall:?} cannot carry {load} of IT load: its IT capacity is {capacity}")]
    HallOverCapacity {
        /// The hall.
        hall: String,
        /// The IT load asked for.
        load: Power,
        /// The hall's IT capacity.
        capacity: Power,
    },
    /// A site or hall name that is empty or only whitespace.
    #[error("a {what} needs a name that is not blank, got {name:?}")]
    BlankName {
        /// What was being named ("site", "hall").
        what: &'static str,
        /// The name as given.
        name: String,
    },
    /// Two halls of one site with the same name.
    #[error("the site already has a hall named {hall:?}")]
    DuplicateHall {
        /// The repeated name.
        hall: String,
    },
    /// A lease or contract term that is not usable.
    #[error("invalid {what}: {value}")]
    InvalidTerm {
        /// Which term ("lease term in months").
        what: &'static str,
        /// The offending value, as text.
        value: String,
    },
    /// A share or weight outside 0..=1.
    #[error("{what} must be between 0 and 1, got {value}")]
    InvalidShare {
        /// Which share ("fixed-price share").
        what: &'static str,
        /// The offending value.
        value: Decimal,
    },
    /// A hall name that the site does not have.
    #[error("the site has no hall named {hall:?}")]
    UnknownHall {
        /// The name asked for.
        hall: String,
    },
    /// A workload name that the deployment does not have, or has twice.
    #[error("workload {name:?}: {problem}")]
    WorkloadName {
        /// The name.
        name: String,
        /// What is wrong with it ("no workload has this name", "already used").
        problem: &'static str,
    },
    /// A time window that ends before it starts.
    #[error(
        "workload {workload:?} would run from {from} until {until}, which ends before it starts"
    )]
    InvalidWindow {
        /// The workload.
        workload: String,
        /// Start of the window.
        from: DateTime<Utc>,
        /// End of the window.
        until: DateTime<Utc>,
    },
    /// Two retrofit phases converting one hall whose construction-to-live
    /// windows overlap: the earlier one would never go live.
    #[error(
        "retrofit phases {first:?} and {second:?} both convert hall {hall:?}: {second:?} starts construction at {second_construction}, before {first:?} goes live at {first_live}"
    )]
    OverlappingPhases {
        /// The hall both convert.
        hall: String,
        /// The phase whose construction starts first (its workload name).
        first: String,
        /// When it goes live.
        first_live: DateTime<Utc>,
        /// The phase whose construction starts later (its workload name).
        second: String,
        /// When its construction starts.
        second_construction: DateTime<Utc>,
    },
    /// A feature of the inputs that a computation does not model.
    #[error("{computation} does not support {what}")]
    Unsupported {
        /// The computation ("the f64 summary kernel").
        computation: &'static str,
        /// What it was given ("a 4CP transmission charge").
        what: &'static str,
    },
    /// A simulation whose ledger would not fit in memory, refused before
    /// allocating.
    #[error(
        "a simulation of {workloads} workload(s) over {periods} periods needs {bytes} bytes that cannot be allocated; use the f64 kernel or a shorter horizon"
    )]
    TooLarge {
        /// Periods of the horizon.
        periods: usize,
        /// Workloads of the deployment.
        workloads: usize,
        /// The allocation refused, in bytes.
        bytes: usize,
    },
    /// A device or fleet from `wattage-hardware` could not be used.
    #[error("hardware: {0}")]
    Hardware(#[from] wattage_hardware::Error),
    /// Mining economics from `wattage-mining` failed.
    #[error("mining: {0}")]
    Mining(#[from] wattage_mining::Error),
    /// Money arithmetic failed (overflow, unrepresentable input).
    #[error("money arithmetic failed: {0}")]
    Money(#[from] MoneyError),
    /// A physical quantity was invalid.
    #[error("invalid quantity: {0}")]
    Quantity(#[from] QuantityError),
    /// Text could not be read as a quantity, amount or price.
    #[error("{0}")]
    Parse(#[from] wattage_units::ParseError),
}

impl FacilityError {
    /// The line (or row) number the error names, if it is about one row of a file.
    #[must_use]
    pub const fn line(&self) -> Option<u64> {
        match self {
            Self::Gap { line, .. }
            | Self::Duplicate { line, .. }
            | Self::OutOfOrder { line, .. }
            | Self::MisalignedRow { line, .. }
            | Self::InvalidField { line, .. }
            | Self::Csv { line, .. }
            | Self::NonexistentLocalTime { line, .. } => Some(*line),
            _ => None,
        }
    }
}
