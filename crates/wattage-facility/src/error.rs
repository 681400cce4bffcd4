//! The one error type of this crate.

use alloc::boxed::Box;
use alloc::string::String;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use wattage_units::{MoneyError, Power, QuantityError, Usd};

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
    /// An error read from a named file or source: `prices.csv: line 1498: gap ...`.
    ///
    /// Readers that open a file themselves ([`crate::price_series::iso::read_file`])
    /// attach its path; for text read some other way,
    /// [`FacilityError::in_source`] attaches a name.
    #[error("{name}: {error}")]
    InSource {
        /// The file's path, or whatever names the source.
        name: String,
        /// What went wrong in it.
        error: Box<FacilityError>,
    },
    /// A file that could not be opened or read.
    #[error("cannot read the file: {reason}")]
    Io {
        /// The operating system's reason.
        reason: String,
    },
    /// A series appended to one that it does not continue: it starts
    /// before, after or at the last interval rather than where the other
    /// ends (for instance a quarter's price file after the wrong one).
    #[error(
        "starts at {found}, where the series before it ends at {expected}: each part must start exactly where the one before ends"
    )]
    NotContiguous {
        /// Where the series before ends: the start the next part needed.
        expected: DateTime<Utc>,
        /// Where the next part starts.
        found: DateTime<Utc>,
    },
    /// A table (ledger, summary, cash flows) that could not be written to
    /// its destination.
    #[error("cannot write the table: {reason}")]
    Write {
        /// The writer's reason (the operating system's, for a file).
        reason: String,
    },
    /// No row of a file matched the requested settlement point.
    #[error("no rows for settlement point {point:?}")]
    NoRows {
        /// The requested settlement point.
        point: String,
    },
    /// A local clock time that does not exist (skipped by the spring DST change).
    #[error(
        "line {line}: local time {local} does not exist in {zone} (skipped when daylight time starts)"
    )]
    NonexistentLocalTime {
        /// Line of the offending row.
        line: u64,
        /// The local time, as `YYYY-MM-DD HH:MM`.
        local: String,
        /// The time zone, by its tz database name ("America/Chicago").
        zone: &'static str,
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
    /// A failure in the finance shared with `wattage-finance` (NPV, IRR,
    /// payback): an invalid rate, too few flows, no sign change.
    #[error(transparent)]
    Finance(#[from] wattage_finance::FinanceError),
    /// A price in an `f64` price path was NaN or infinite.
    #[error("price path entry {index} must be a finite $/MWh, got {value}")]
    NonFinitePrice {
        /// Position in the path (0-based).
        index: usize,
        /// The offending price.
        value: f64,
    },
    /// A system-load forecast entry that is negative or not finite.
    #[error("system load entry {index} must be a finite, non-negative MW, got {value}")]
    InvalidSystemLoad {
        /// Position in the series (0-based).
        index: usize,
        /// The offending load, MW.
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
    /// Free rent as long as the lease term or longer: no rent would be paid.
    #[error("{free_months} free-rent month(s) must be fewer than the {term_months}-month term")]
    FreeRentTooLong {
        /// Months of free rent asked for.
        free_months: u32,
        /// The term in months.
        term_months: u32,
    },
    /// A fixed step of a lease's rate that cannot apply.
    #[error("rate step from lease month {from_month}: {problem}")]
    InvalidRateStep {
        /// The step's first month.
        from_month: u32,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A lease tranche whose dates do not fit the lease: rent commencing
    /// before the lease is signed, or an expansion option to be exercised
    /// after the tranche's rent commences or before the lease is signed.
    #[error("tranche {tranche:?}: {what} {date} {problem} {reference}")]
    TrancheDate {
        /// The tranche's name.
        tranche: String,
        /// Which of its dates ("rent commencement", "option deadline").
        what: &'static str,
        /// That date.
        date: NaiveDate,
        /// How it misses ("is before the lease signing on").
        problem: &'static str,
        /// The date it must respect.
        reference: NaiveDate,
    },
    /// A tranche whose own lease terms are invalid (capacity, rate,
    /// escalator, free rent, steps): the tranche's name and the reason.
    #[error("tranche {tranche:?}: {source}")]
    Tranche {
        /// The tranche's name.
        tranche: String,
        /// What is wrong with its terms.
        source: alloc::boxed::Box<FacilityError>,
    },
    /// Two tranches of one lease with the same name, or a lease with none.
    #[error("tranche {tranche:?}: {problem}")]
    TrancheName {
        /// The name ("" when the lease has no tranche at all).
        tranche: String,
        /// What is wrong ("already used", "a lease needs at least one tranche").
        problem: &'static str,
    },
    /// An input of the inference economics that must be finite and positive
    /// (or in a stated range) was not.
    #[error("{what} must be {requirement}, got {value}")]
    InvalidInference {
        /// Which input ("tokens per second").
        what: &'static str,
        /// What it must be ("finite and positive").
        requirement: &'static str,
        /// The offending value.
        value: f64,
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
    /// An asset's book life that is zero, negative or over 1,200 months.
    #[error("asset {asset:?}: book life must be 1 to 1,200 months, got {months}")]
    AssetLife {
        /// The asset.
        asset: String,
        /// The life given, in months.
        months: i64,
    },
    /// An asset's residual (salvage) value above its cost, or negative.
    #[error("asset {asset:?}: residual value {residual} must be between $0 and its cost {cost}")]
    ResidualAboveCost {
        /// The asset.
        asset: String,
        /// The residual given.
        residual: Usd,
        /// The cost of its purchase.
        cost: Usd,
    },
    /// An asset refreshed or sold before it is bought.
    #[error("asset {asset:?}: refresh or sale on {date} is before its purchase on {purchased}")]
    RefreshBeforePurchase {
        /// The asset.
        asset: String,
        /// The refresh or sale date.
        date: NaiveDate,
        /// The purchase date.
        purchased: NaiveDate,
    },
    /// An asset whose terms do not fit together.
    #[error("asset {asset:?}: {what}, got {value}")]
    InvalidAsset {
        /// The asset.
        asset: String,
        /// What is wrong ("a price per TH/s needs miners").
        what: &'static str,
        /// The offending value, as text.
        value: String,
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
    pub fn line(&self) -> Option<u64> {
        match self {
            Self::InSource { error, .. } => error.line(),
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

wattage_units::impl_in_source! {
    /// ```
    /// // Needs wattage-facility (in the wattage facade: wattage::facility).
    /// # #[cfg(feature = "std")] {
    /// use wattage_facility::price_series::iso::ercot::{Hub, read_hub_lmp};
    ///
    /// let csv = "UTC Timestamp (Interval Ending),West LMP\n2024-07-01 05:15:00,31.5\n2024-07-01 05:45:00,29.25\n";
    /// let err = read_hub_lmp(csv.as_bytes(), Hub::West).unwrap_err().in_source("prices.csv");
    /// assert_eq!(
    ///     err.to_string(),
    ///     "prices.csv: line 3: gap in the series: expected the interval starting 2024-07-01 05:15:00 UTC, found 2024-07-01 05:30:00 UTC"
    /// );
    /// assert_eq!(err.source_name(), Some("prices.csv"));
    /// assert_eq!(err.line(), Some(3));
    /// # }
    /// ```
    FacilityError
}
