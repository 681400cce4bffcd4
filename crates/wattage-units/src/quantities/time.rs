//! The time quantity and its units.

measure_type! {
    /// A duration (dimension T), such as a simulation step, a lease term or a
    /// block interval.
    ///
    /// A year here is the Julian year of 365.25 days (31,557,600 s), the
    /// average calendar year; a month is a twelfth of it (30.4375 days). These
    /// are the units annual energy (8,766 h) and monthly lease rents use.
    ///
    /// A duration displays as people say it: seconds, minutes and hours by
    /// symbol (`45 s`, `30 min`, `1.5 h`), days and years in words, plural
    /// unless the number shown is exactly 1 (`1 day`, `30 days`, `2 years`).
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Time};
    ///
    /// let year = Time::new(1.0, unit::YEAR)?;
    /// assert_eq!(year.get(unit::HOUR), 8766.0);
    /// assert_eq!(year.get(unit::MONTH), 12.0);
    /// assert_eq!("90 min".parse::<Time>()?.to_string(), "1.5 h");
    /// assert_eq!(Time::new(30.0, unit::DAY)?.to_string(), "30 days");
    /// assert_eq!(Time::new(24.0, unit::HOUR)?.to_string(), "1 day");
    /// assert_eq!(Time::new(2.0, unit::YEAR)?.to_string(), "2 years");
    /// assert_eq!(Time::new(3.0, unit::MONTH)?.display_in(unit::MONTH).to_string(), "3 months");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Time(Time);
    name: "time",
    expected: "a duration",
    example: "30 days",
    non_negative: true,
    base: units::SECOND,
    units: [units::SECOND, units::MINUTE, units::HOUR, units::DAY, units::MONTH, units::YEAR]
}

/// The units of Time.
pub(crate) mod units {
    use super::Time;
    use crate::Unit;

    /// Second (s), the base unit.
    pub const SECOND: Unit<Time> = Unit::new("s", "second", 1e0)
        .aliases(&["sec", "seconds"])
        .auto();

    /// Minute (min): 60.0 base units.
    pub const MINUTE: Unit<Time> = Unit::new("min", "minute", 60.0)
        .aliases(&["minutes"])
        .auto();

    /// Hour (h): 3600.0 base units.
    pub const HOUR: Unit<Time> = Unit::new("h", "hour", 3600.0)
        .aliases(&["hr", "hours"])
        .auto();

    /// Day (day): 86400.0 base units.
    pub const DAY: Unit<Time> = Unit::new("day", "day", 86400.0)
        .aliases(&["d", "days"])
        .plural("days")
        .auto();

    /// A month: one twelfth of a 365.25-day year, 30.4375 days.
    pub const MONTH: Unit<Time> = Unit::new("month", "month", 2629800.0)
        .aliases(&["mo", "months"])
        .plural("months");

    /// A Julian year (year): 365.25 days, 8,766 hours.
    pub const YEAR: Unit<Time> = Unit::new("year", "year", 31557600.0)
        .aliases(&["years", "yr", "yrs", "y"])
        .plural("years")
        .auto();
}
