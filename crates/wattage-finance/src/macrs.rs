//! Tax depreciation: MACRS (the US Modified Accelerated Cost Recovery
//! System), General Depreciation System, half-year convention, with
//! optional bonus depreciation taken first.
//!
//! The percentages are those of IRS Publication 946, *How To Depreciate
//! Property*, Appendix A, Table A-1 ("3-, 5-, 7-, 10-, 15-, and 20-Year
//! Property, Half-Year Convention"): 200% declining balance switching to
//! straight line for 3- to 10-year property, 150% for 15- and 20-year,
//! with half a year in the first and in the extra last recovery year.
//!
//! ```
//! use rust_decimal::Decimal;
//! use wattage_finance::macrs::{MacrsClass, macrs_schedule};
//! use wattage_units::Usd;
//!
//! // $1,000,000 of 5-year property (computers, mining machines), 60% bonus.
//! let years = macrs_schedule(Usd::new(Decimal::from(1_000_000)), MacrsClass::FiveYear, Decimal::new(60, 2))?;
//! // Year 1: the bonus (600,000) plus 20% of the remaining 400,000.
//! assert_eq!(years[0], Usd::new(Decimal::from(680_000)));
//! assert_eq!(years.len(), 6);
//! assert_eq!(Usd::try_sum(years.iter().copied())?, Usd::new(Decimal::from(1_000_000)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is simplified
//! Only the half-year convention (not mid-quarter, which applies when more
//! than 40% of a year's property is placed in service in its last quarter,
//! nor mid-month for real property), no section 179 expensing, no
//! alternative depreciation system, and a tax year equal to the recovery
//! year. Which class an asset falls in, and which bonus percentage applies
//! in its year, is the user's input.

use alloc::vec::Vec;
use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;

/// A MACRS GDS property class (its recovery period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MacrsClass {
    /// 3-year property.
    ThreeYear,
    /// 5-year property (computers, data-processing equipment).
    FiveYear,
    /// 7-year property (property without another class).
    SevenYear,
    /// 10-year property.
    TenYear,
    /// 15-year property.
    FifteenYear,
    /// 20-year property.
    TwentyYear,
}

/// Table A-1's percentages as fractions in units of 10^-5 (33.33% is
/// 33_330; the 20-year column has three decimals of a percent).
const THREE: [i64; 4] = [33_330, 44_450, 14_810, 7_410];
const FIVE: [i64; 6] = [20_000, 32_000, 19_200, 11_520, 11_520, 5_760];
const SEVEN: [i64; 8] = [14_290, 24_490, 17_490, 12_490, 8_930, 8_920, 8_930, 4_460];
const TEN: [i64; 11] = [
    10_000, 18_000, 14_400, 11_520, 9_220, 7_370, 6_550, 6_550, 6_560, 6_550, 3_280,
];
const FIFTEEN: [i64; 16] = [
    5_000, 9_500, 8_550, 7_700, 6_930, 6_230, 5_900, 5_900, 5_910, 5_900, 5_910, 5_900, 5_910,
    5_900, 5_910, 2_950,
];
const TWENTY: [i64; 21] = [
    3_750, 7_219, 6_677, 6_177, 5_713, 5_285, 4_888, 4_522, 4_462, 4_461, 4_462, 4_461, 4_462,
    4_461, 4_462, 4_461, 4_462, 4_461, 4_462, 4_461, 2_231,
];

impl MacrsClass {
    /// Every class, shortest first.
    pub const ALL: [Self; 6] = [
        Self::ThreeYear,
        Self::FiveYear,
        Self::SevenYear,
        Self::TenYear,
        Self::FifteenYear,
        Self::TwentyYear,
    ];

    /// The recovery period in years (3, 5, 7, 10, 15 or 20).
    #[must_use]
    pub const fn recovery_years(self) -> u32 {
        match self {
            Self::ThreeYear => 3,
            Self::FiveYear => 5,
            Self::SevenYear => 7,
            Self::TenYear => 10,
            Self::FifteenYear => 15,
            Self::TwentyYear => 20,
        }
    }

    /// The class of a recovery period in years.
    ///
    /// # Errors
    /// [`FinanceError::UnknownMacrsClass`] for a period other than 3, 5,
    /// 7, 10, 15 or 20 years.
    pub fn from_recovery_years(years: u32) -> Result<Self, FinanceError> {
        Self::ALL
            .into_iter()
            .find(|c| c.recovery_years() == years)
            .ok_or(FinanceError::UnknownMacrsClass { years })
    }

    fn table(self) -> &'static [i64] {
        match self {
            Self::ThreeYear => &THREE,
            Self::FiveYear => &FIVE,
            Self::SevenYear => &SEVEN,
            Self::TenYear => &TEN,
            Self::FifteenYear => &FIFTEEN,
            Self::TwentyYear => &TWENTY,
        }
    }

    /// The depreciation rate of each recovery year as a fraction of the
    /// basis (`0.2` is 20.00%), one more year than the recovery period;
    /// they sum to exactly 1.
    #[must_use]
    pub fn rates(self) -> Vec<Decimal> {
        self.table().iter().map(|&r| Decimal::new(r, 5)).collect()
    }
}

/// Tax depreciation of `basis` by recovery year: `bonus` (a fraction in
/// [0, 1], such as 0.6 or 1.0) of the basis in year 1, and the rest
/// through the class's [`MacrsClass::rates`]. Each year is rounded to
/// cents (half away from zero) and the last year takes what rounding left,
/// so the years sum exactly to the basis.
///
/// # Errors
/// [`FinanceError::NegativeAmount`] for a negative basis;
/// [`FinanceError::FractionAboveOne`] for a bonus outside [0, 1];
/// [`FinanceError::Money`] on overflow.
pub fn macrs_schedule(
    basis: Usd,
    class: MacrsClass,
    bonus: Decimal,
) -> Result<Vec<Usd>, FinanceError> {
    if basis.is_negative() {
        return Err(FinanceError::NegativeAmount {
            what: "depreciable basis",
            value: basis,
        });
    }
    if (bonus.is_sign_negative() && !bonus.is_zero()) || bonus > Decimal::ONE {
        return Err(FinanceError::FractionAboveOne {
            what: "bonus depreciation",
            value: bonus,
        });
    }
    let bonus_amount = basis.checked_mul(bonus)?.round_to_cents().min(basis);
    let rest = basis.checked_sub(bonus_amount)?;
    let rates = class.rates();
    let mut years = Vec::with_capacity(rates.len());
    let mut booked = Usd::ZERO;
    for (k, rate) in rates.iter().enumerate() {
        let amount = if k + 1 == rates.len() {
            basis.checked_sub(booked)?
        } else {
            let mut year = rest.checked_mul(*rate)?.round_to_cents();
            if k == 0 {
                year = year.checked_add(bonus_amount)?;
            }
            year.min(basis.checked_sub(booked)?)
        };
        booked = booked.checked_add(amount)?;
        years.push(amount);
    }
    Ok(years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn percent(rates: &[Decimal]) -> Vec<Decimal> {
        rates
            .iter()
            .map(|r| (r * Decimal::from(100)).normalize())
            .collect()
    }

    #[test]
    fn five_and_seven_year_property_match_publication_946_table_a1() {
        // IRS Publication 946, How To Depreciate Property, Appendix A,
        // Table A-1 (half-year convention), 5-year and 7-year columns.
        let five = ["20", "32", "19.2", "11.52", "11.52", "5.76"];
        let seven = [
            "14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46",
        ];
        let parse = |v: &[&str]| {
            v.iter()
                .map(|s| s.parse::<Decimal>().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(percent(&MacrsClass::FiveYear.rates()), parse(&five));
        assert_eq!(percent(&MacrsClass::SevenYear.rates()), parse(&seven));
        // The 3-, 10- and 15-year columns of the same table.
        let three = ["33.33", "44.45", "14.81", "7.41"];
        let ten = [
            "10", "18", "14.4", "11.52", "9.22", "7.37", "6.55", "6.55", "6.56", "6.55", "3.28",
        ];
        let fifteen = [
            "5", "9.5", "8.55", "7.7", "6.93", "6.23", "5.9", "5.9", "5.91", "5.9", "5.91", "5.9",
            "5.91", "5.9", "5.91", "2.95",
        ];
        assert_eq!(percent(&MacrsClass::ThreeYear.rates()), parse(&three));
        assert_eq!(percent(&MacrsClass::TenYear.rates()), parse(&ten));
        assert_eq!(percent(&MacrsClass::FifteenYear.rates()), parse(&fifteen));
        // The 20-year column to three decimals: 3.750, 7.219, ..., 2.231.
        let twenty = MacrsClass::TwentyYear.rates();
        assert_eq!(twenty[1], Decimal::new(7_219, 5));
        assert_eq!(twenty[20], Decimal::new(2_231, 5));
    }

    #[test]
    fn every_table_sums_to_the_whole_basis_over_one_year_more_than_its_period() {
        for class in MacrsClass::ALL {
            let rates = class.rates();
            assert_eq!(rates.len() as u32, class.recovery_years() + 1, "{class:?}");
            assert_eq!(rates.iter().sum::<Decimal>(), Decimal::ONE, "{class:?}");
            assert_eq!(
                MacrsClass::from_recovery_years(class.recovery_years()),
                Ok(class)
            );
        }
        assert_eq!(
            MacrsClass::from_recovery_years(4),
            Err(FinanceError::UnknownMacrsClass { years: 4 })
        );
    }

    #[test]
    fn full_bonus_expenses_everything_in_year_one_and_bad_inputs_are_refused() {
        let basis = Usd::from_cents(123_456_789);
        let years = macrs_schedule(basis, MacrsClass::SevenYear, Decimal::ONE).unwrap();
        assert_eq!(years[0], basis);
        assert!(years[1..].iter().all(|y| *y == Usd::ZERO));
        assert!(matches!(
            macrs_schedule(basis, MacrsClass::SevenYear, Decimal::new(101, 2)),
            Err(FinanceError::FractionAboveOne { .. })
        ));
        assert!(matches!(
            macrs_schedule(-basis, MacrsClass::SevenYear, Decimal::ZERO),
            Err(FinanceError::NegativeAmount { .. })
        ));
    }

    proptest! {
        #[test]
        fn bonus_plus_macrs_sums_to_the_basis_and_never_exceeds_it(
            cents in 0i64..1_000_000_000_000,
            bonus_pct in 0i64..=100,
            class in proptest::sample::select(MacrsClass::ALL.to_vec()),
        ) {
            let basis = Usd::from_cents(cents);
            let years = macrs_schedule(basis, class, Decimal::new(bonus_pct, 2)).unwrap();
            let mut running = Usd::ZERO;
            for y in &years {
                prop_assert!(!y.is_negative());
                running = running.checked_add(*y).unwrap();
                prop_assert!(running <= basis);
            }
            prop_assert_eq!(running, basis);
        }
    }
}
