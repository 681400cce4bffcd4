//! The crate's error type.

/// Everything that can go wrong in `wattage-mining`.
///
/// Every message names the offending value (and its unit where it has one),
/// so a log line is enough to see what was wrong:
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{Difficulty, Error};
///
/// let err = Difficulty::new(-3.0).unwrap_err();
/// assert_eq!(err.to_string(), "difficulty must be positive and at most 2.7e67 (target 1), got -3");
/// assert!(err.is_invalid_input());
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A finance computation (payback, ROI, depreciation) refused its
    /// inputs (`wattage-finance`).
    #[error(transparent)]
    Finance(#[from] wattage_finance::FinanceError),
    /// A compact target (`nBits`) has the sign bit `0x00800000` set with a
    /// non-zero mantissa: Bitcoin Core decodes it as a negative number.
    #[error(
        "compact target (nBits) {bits:#010x} has the sign bit 0x00800000 set: a negative target"
    )]
    NegativeCompact {
        /// The offending `nBits`.
        bits: u32,
    },
    /// A compact target (`nBits`) encodes a number of more than 256 bits.
    #[error("compact target (nBits) {bits:#010x} overflows 256 bits")]
    CompactOverflow {
        /// The offending `nBits`.
        bits: u32,
    },
    /// A target is zero: no hash can meet it and its difficulty is infinite.
    #[error("target must be positive, got 0 (nBits {bits:#010x})")]
    ZeroTarget {
        /// The `nBits` that decoded to zero (0 when the target was given directly).
        bits: u32,
    },
    /// A target is easier than the network's proof-of-work limit.
    #[error("target {target} is above the proof-of-work limit {limit}")]
    TargetAboveLimit {
        /// The offending target, as `0x`-prefixed hex.
        target: alloc::string::String,
        /// The proof-of-work limit, as `0x`-prefixed hex.
        limit: alloc::string::String,
    },
    /// The target of a difficulty is 0 or does not fit in 256 bits (a
    /// difficulty below about 2.3e-10 or above about 2.7e67).
    #[error(
        "the target for difficulty {difficulty} is not a positive 256-bit integer (difficulty must be between about 2.3e-10 and 2.7e67)"
    )]
    TargetOutOfRange {
        /// The difficulty whose target was asked for.
        difficulty: f64,
    },
    /// A difficulty is zero, negative, NaN, infinite, or above the largest
    /// possible (target 1, about 2.7e67).
    #[error("difficulty must be positive and at most 2.7e67 (target 1), got {value}")]
    InvalidDifficulty {
        /// The offending difficulty.
        value: f64,
    },
    /// A hashrate is zero, negative, NaN or infinite.
    #[error("hashrate must be finite and positive, got {value} H/s")]
    InvalidHashrate {
        /// The offending hashrate in hashes per second.
        value: f64,
    },
    /// A block interval or other duration is zero or negative.
    #[error("{what} must be positive, got {seconds} s")]
    NonPositiveDuration {
        /// Which duration.
        what: &'static str,
        /// The offending duration in seconds.
        seconds: f64,
    },
    /// A halving interval or retarget timespan parameter is zero.
    #[error("consensus parameter {name} must be positive, got {value}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: i64,
    },
    /// The height is past every halving that still changes the subsidy.
    #[error(
        "height {height} is past every halving: the subsidy is already 0 sat (from height 6930000 on mainnet), so no later halving changes it"
    )]
    PastLastHalving {
        /// The offending height.
        height: u32,
    },
    /// A later height was expected.
    #[error("height {later} must not be below height {earlier}")]
    HeightOrder {
        /// The height that should be the earlier one.
        earlier: u32,
        /// The height that should be the later one.
        later: u32,
    },
    /// A string could not be parsed.
    #[error("cannot parse {input:?} as a {what}")]
    Parse {
        /// What was expected.
        what: &'static str,
        /// The offending input.
        input: alloc::string::String,
    },
    /// A date computation left chrono's representable range.
    #[error("date out of range: {what}")]
    DateOutOfRange {
        /// What was being computed.
        what: &'static str,
    },
    /// A fee share of the block reward outside `[0, 1)`.
    #[error("fee share of the block reward must be at least 0 and below 1 (100%), got {value}")]
    InvalidFeeShare {
        /// The offending share (0.0107 is 1.07%).
        value: rust_decimal::Decimal,
    },
    /// A fraction (uptime, pool fee, revenue share) outside its range.
    #[error("{what} must be between 0 and 1, got {value}")]
    InvalidFraction {
        /// Which fraction.
        what: &'static str,
        /// The offending value.
        value: rust_decimal::Decimal,
    },
    /// A value that must be positive (a price, an efficiency) was not.
    #[error("{what} must be positive, got {value}")]
    NotPositive {
        /// Which value, with its unit.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A value that must not be negative (fees) was.
    #[error("{what} must not be negative, got {value}")]
    Negative {
        /// Which value, with its unit.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A series is too short for what was asked of it.
    #[error("{what} needs at least {needed} values, got {got}")]
    NotEnoughData {
        /// What was being computed.
        what: &'static str,
        /// How many values it needs.
        needed: usize,
        /// How many it got.
        got: usize,
    },
    /// A scenario or simulation setting (steps, growth, volatility, paths)
    /// outside the range it allows.
    #[error("{what} must be {expected}, got {value} {unit}")]
    OutOfRange {
        /// The setting, in words ("price growth per step").
        what: &'static str,
        /// The allowed range, in words.
        expected: &'static str,
        /// The offending value, in `unit`.
        value: f64,
        /// The unit of `value` ("(steps)", "(fraction per step)").
        unit: &'static str,
    },
    /// A network path whose daily series differ in length, or an empty projection.
    #[error("invalid scenario: {reason}")]
    InvalidScenario {
        /// What is wrong.
        reason: &'static str,
    },
    /// A date before the genesis block (2009-01-03).
    #[error("date {date} is before the genesis block (2009-01-03)")]
    BeforeGenesis {
        /// The offending date.
        date: chrono::NaiveDate,
    },
    /// A date past the end of the shipped history.
    #[error("date {date} is past the shipped history, which ends on {last}")]
    PastHistory {
        /// The offending date.
        date: chrono::NaiveDate,
        /// The last date the history covers.
        last: chrono::NaiveDate,
    },
    /// A correlation outside `[-1, 1]`.
    #[error("{what} must be between -1 and 1, got {value}")]
    InvalidCorrelation {
        /// Which correlation.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// No machine on offer is profitable at any electricity price of the
    /// distribution: the network-response model has no level to grow to.
    #[error(
        "no machine on offer by {date} is profitable at hashprice {hashprice_usd_per_ph_day} $/PH/day (the best, {best_j_per_th} J/TH, needs electricity below {breakeven_usd_per_mwh} $/MWh)"
    )]
    NoProfitableMachine {
        /// The date asked.
        date: chrono::NaiveDate,
        /// The hashprice, in $/PH/day.
        hashprice_usd_per_ph_day: f64,
        /// The most efficient machine on offer, in J/TH (`inf` if none).
        best_j_per_th: f64,
        /// Its breakeven electricity price, $/MWh.
        breakeven_usd_per_mwh: f64,
    },
    /// No machine of the catalog was released (and adopted) by the date.
    #[error("no machine of the catalog is on offer by {date} (release date plus adoption lag)")]
    NoMachineOnOffer {
        /// The date asked.
        date: chrono::NaiveDate,
    },
    /// A row of a data file that cannot be used.
    #[error("line {line}: {reason}: {text:?}")]
    BadRow {
        /// The 1-based line number.
        line: usize,
        /// The row's text.
        text: alloc::string::String,
        /// Why it cannot be used.
        reason: alloc::string::String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {reason}")]
    Io {
        /// The file.
        path: alloc::string::String,
        /// The operating system's reason.
        reason: alloc::string::String,
    },
    /// An error read from a named file or source: `file.csv: line 3: ...`.
    /// The file readers of [`crate::readers`] attach the path they read.
    #[error("{name}: {error}")]
    InSource {
        /// The file's path, or whatever names the source.
        name: alloc::string::String,
        /// What went wrong in it.
        error: alloc::boxed::Box<Error>,
    },
    /// A Bitcoin Core RPC result that does not have the expected layout.
    #[error("{method} result: {reason}")]
    Rpc {
        /// The RPC method whose result was read.
        method: &'static str,
        /// What is wrong, with the value.
        reason: alloc::string::String,
    },
    /// A money computation failed (from `wattage-units`).
    #[error(transparent)]
    Money(#[from] wattage_units::MoneyError),
    /// A physical quantity was invalid (from `wattage-units`).
    #[error(transparent)]
    Quantity(#[from] wattage_units::QuantityError),
    /// An exact integer computation would overflow.
    #[error("arithmetic overflow computing {what}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },
}

impl Error {
    /// Whether the error comes from an invalid argument (as opposed to a
    /// result that left a representable range).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{CompactTarget, Error};
    ///
    /// let err = CompactTarget::from_consensus(0x04923456).to_target().unwrap_err();
    /// assert!(matches!(err, Error::NegativeCompact { bits: 0x04923456 }));
    /// assert!(err.is_invalid_input());
    /// ```
    #[must_use]
    pub fn is_invalid_input(&self) -> bool {
        !matches!(
            self,
            Self::DateOutOfRange { .. }
                | Self::Overflow { .. }
                | Self::TargetOutOfRange { .. }
                | Self::Money(wattage_units::MoneyError::Overflow { .. })
        )
    }

    /// Whether the error is about a compact target (`nBits`) or a 256-bit target.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::CompactTarget;
    ///
    /// let err = CompactTarget::from_consensus(0xff123456).to_target().unwrap_err();
    /// assert!(err.is_target_error());
    /// ```
    #[must_use]
    pub fn is_target_error(&self) -> bool {
        matches!(
            self,
            Self::NegativeCompact { .. }
                | Self::CompactOverflow { .. }
                | Self::ZeroTarget { .. }
                | Self::TargetAboveLimit { .. }
                | Self::TargetOutOfRange { .. }
        )
    }
}

wattage_units::impl_in_source!(Error);

/// Shorthand for `Result<T, wattage_mining::Error>`.
pub type Result<T, E = Error> = core::result::Result<T, E>;
