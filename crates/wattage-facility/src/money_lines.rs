//! The money lines of a result, in one type: [`MoneyLines`], generic over
//! the amount (exact [`Usd`] in the ledger and summaries, `f64` in the
//! kernel).
//!
//! Every period, total and summary holds its money as one `MoneyLines`
//! (`period.money.revenue`), so a line is declared once: its field, its
//! column name, how it enters the gross margin and whether a workload or
//! only the site books it are one row of the list below. The gross
//! margin, the checked elementwise sum, the kernel's conversion to exact
//! money and the CSV columns ([`crate::tables`]) all iterate [`LINES`].
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::money_lines::{InMargin, LINES, MoneyLines};
//!
//! let mut lines = MoneyLines::<f64>::default();
//! lines.revenue = 1_000.0;
//! lines.energy_cost = 400.0;
//! lines.sell_back_credit = 25.5;
//! lines.curtailment_value = 90.0; // a counterfactual: outside the margin
//! assert_eq!(lines.gross_margin(), 625.5);
//! let exact = lines.to_usd()?;
//! assert_eq!(exact.gross_margin()?.to_string(), "$625.5");
//! assert_eq!(exact.checked_add(&exact)?.revenue.to_string(), "$2,000");
//! let revenue = LINES.iter().find(|l| l.name == "revenue").unwrap();
//! assert_eq!((revenue.column, revenue.margin), ("revenue_usd", InMargin::Adds));
//! # Ok::<(), wattage_facility::FacilityError>(())
//! ```

use core::iter::Sum;
use core::ops::AddAssign;

use wattage_units::Usd;
use wattage_units::money::to_decimal;

use crate::FacilityError;
use crate::ledger::add_nonzero;

/// How a money line enters the gross margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InMargin {
    /// Added (revenue, credits, payments received).
    Adds,
    /// Subtracted (energy bills, charges).
    Subtracts,
    /// Not counted: a part of another line (power reimbursed is inside
    /// revenue) or a counterfactual (what curtailing earned).
    Outside,
}

/// Who books a money line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Each workload books it; the site's is the workloads' sum.
    Workload,
    /// Only the site books it (zero in every workload's lines).
    Site,
}

/// One money line: its field name, its CSV column, how it enters the
/// gross margin and who books it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The field of [`MoneyLines`] (`"revenue"`).
    pub name: &'static str,
    /// The CSV column (`"revenue_usd"`).
    pub column: &'static str,
    /// How it enters the gross margin.
    pub margin: InMargin,
    /// Who books it.
    pub scope: Scope,
}

/// Declares [`MoneyLines`] and [`LINES`] from one list: adding a line is
/// one row here (and the code that computes it).
macro_rules! money_lines {
    ($($(#[doc = $doc:literal])+ $field:ident: $margin:ident, $scope:ident;)+) => {
        /// The money lines of a period, a total or a summary, each an
        /// amount `M`: [`Usd`] exact, or `f64` dollars in the kernel.
        /// Site-only lines ([`Scope::Site`]) are zero in a workload's.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        pub struct MoneyLines<M> {
            $($(#[doc = $doc])+ pub $field: M,)+
        }

        /// Every money line, in the order of [`MoneyLines`]' fields.
        pub const LINES: [Line; COUNT] = [$(Line {
            name: stringify!($field),
            column: concat!(stringify!($field), "_usd"),
            margin: InMargin::$margin,
            scope: Scope::$scope,
        },)+];

        /// The number of money lines.
        pub const COUNT: usize = [$(stringify!($field)),+].len();

        impl<M> MoneyLines<M> {
            /// The amounts in the order of [`LINES`].
            pub fn into_array(self) -> [M; COUNT] {
                [$(self.$field),+]
            }

            /// The lines of amounts given in the order of [`LINES`].
            pub fn from_array(values: [M; COUNT]) -> Self {
                let [$($field),+] = values;
                Self { $($field),+ }
            }
        }
    };
}

money_lines! {
    /// Energy bill (with sell-back, includes energy bought at the fixed
    /// price and sold back).
    energy_cost: Subtracts, Workload;
    /// Revenue, including any power reimbursed by a triple-net tenant.
    revenue: Adds, Workload;
    /// Market value of energy sold back while curtailed.
    sell_back_credit: Adds, Workload;
    /// Demand-response payments.
    demand_response: Adds, Site;
    /// Demand charges (booked in the last period of each month).
    demand_charge: Subtracts, Site;
    /// 4CP transmission charges (the previous summer's tag, billed monthly).
    transmission_charge: Subtracts, Site;
    /// Reserve capacity payments.
    reserve_payment: Adds, Workload;
    /// What the financial blocks paid the site: `(index − fixed) × volume`
    /// (negative when the site paid).
    block_settlement: Adds, Site;
    /// Tenants' repayments of their shares of demand and 4CP charges
    /// ([`crate::pass_through::PassThrough`]), booked with the charges.
    charges_passed_through: Adds, Site;
    /// The part of `revenue` that reimburses power (triple-net leases).
    pass_through: Outside, Workload;
    /// What curtailing earned or saved: the margin while curtailed less
    /// the margin had the workload run (zero in periods it ran or offered
    /// reserves).
    curtailment_value: Outside, Workload;
}

impl<M: Copy> MoneyLines<M> {
    /// Each line with its amount, in the order of [`LINES`] (for tables
    /// and tests that go through every line).
    pub fn lines(&self) -> [(Line, M); COUNT] {
        let values = self.into_array();
        core::array::from_fn(|i| (LINES[i], values[i]))
    }

    /// The lines with `f` applied to each amount.
    pub fn map<N>(self, mut f: impl FnMut(Line, M) -> N) -> MoneyLines<N> {
        let values = self.into_array();
        MoneyLines::from_array(core::array::from_fn(|i| f(LINES[i], values[i])))
    }

    /// The lines with the fallible `f` applied to each amount; the first
    /// error, in the order of [`LINES`].
    ///
    /// # Errors
    /// The first error `f` returns.
    pub fn try_map<N: Copy + Default, E>(
        self,
        mut f: impl FnMut(Line, M) -> Result<N, E>,
    ) -> Result<MoneyLines<N>, E> {
        let mut out = [N::default(); COUNT];
        for (slot, (line, value)) in out.iter_mut().zip(self.lines()) {
            *slot = f(line, value)?;
        }
        Ok(MoneyLines::from_array(out))
    }
}

impl MoneyLines<Usd> {
    /// Every line zero.
    pub const ZERO: Self = Self::from_zero();

    const fn from_zero() -> Self {
        Self {
            energy_cost: Usd::ZERO,
            revenue: Usd::ZERO,
            sell_back_credit: Usd::ZERO,
            demand_response: Usd::ZERO,
            demand_charge: Usd::ZERO,
            transmission_charge: Usd::ZERO,
            reserve_payment: Usd::ZERO,
            block_settlement: Usd::ZERO,
            charges_passed_through: Usd::ZERO,
            pass_through: Usd::ZERO,
            curtailment_value: Usd::ZERO,
        }
    }

    /// The gross margin: the lines that [`InMargin::Adds`] less those that
    /// [`InMargin::Subtracts`]. That is revenue, credits, demand-response
    /// and reserve payments, block settlements and charges passed through,
    /// less energy and demand and 4CP charges.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn gross_margin(&self) -> Result<Usd, FacilityError> {
        let mut margin = Usd::ZERO;
        // The amounts beside the lines' signs, without building the
        // (line, amount) pairs of `lines` (the cash flows ask this of every
        // period).
        for (line, value) in LINES.iter().zip(self.into_array()) {
            margin = match line.margin {
                InMargin::Adds => add_nonzero(margin, value)?,
                InMargin::Subtracts => margin.checked_sub(value)?,
                InMargin::Outside => margin,
            };
        }
        Ok(margin)
    }

    /// Energy cost less sell-back credits: the net bill of the energy a
    /// load drew (the numerator of a cost per bitcoin).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn net_energy_cost(&self) -> Result<Usd, FacilityError> {
        Ok(self.energy_cost.checked_sub(self.sell_back_credit)?)
    }

    /// The elementwise sum, exact.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn checked_add(&self, other: &Self) -> Result<Self, FacilityError> {
        let (a, b) = (self.into_array(), other.into_array());
        let mut out = [Usd::ZERO; COUNT];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = add_nonzero(a[i], b[i])?;
        }
        Ok(Self::from_array(out))
    }
}

impl Sum<MoneyLines<Usd>> for Result<MoneyLines<Usd>, FacilityError> {
    fn sum<I: Iterator<Item = MoneyLines<Usd>>>(iter: I) -> Self {
        iter.into_iter()
            .try_fold(MoneyLines::ZERO, |total, lines| total.checked_add(&lines))
    }
}

impl<'a> Sum<&'a MoneyLines<Usd>> for Result<MoneyLines<Usd>, FacilityError> {
    fn sum<I: Iterator<Item = &'a MoneyLines<Usd>>>(iter: I) -> Self {
        iter.into_iter()
            .try_fold(MoneyLines::ZERO, |total, lines| total.checked_add(lines))
    }
}

impl MoneyLines<f64> {
    /// The gross margin in `f64`, by the signs of [`LINES`] (as
    /// [`MoneyLines::<Usd>::gross_margin`]).
    #[must_use]
    pub fn gross_margin(&self) -> f64 {
        self.lines()
            .iter()
            .map(|(line, value)| match line.margin {
                InMargin::Adds => *value,
                InMargin::Subtracts => -*value,
                InMargin::Outside => 0.0,
            })
            .sum()
    }

    /// The lines as exact money, each converted once by
    /// [`wattage_units::money::to_decimal`] (the nearest `Decimal` to 15
    /// significant digits).
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a line that is not finite, naming it.
    pub fn to_usd(&self) -> Result<MoneyLines<Usd>, FacilityError> {
        self.try_map(|line, value| Ok(Usd::new(to_decimal(line.name, value)?)))
    }
}

impl AddAssign for MoneyLines<f64> {
    fn add_assign(&mut self, other: Self) {
        let b = other.into_array();
        let mut a = self.into_array();
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
        *self = Self::from_array(a);
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    use super::*;

    fn usd(text: &str) -> Usd {
        text.parse().unwrap()
    }

    #[test]
    fn every_line_has_its_field_name_and_a_usd_column() {
        let names: Vec<&str> = LINES.iter().map(|l| l.name).collect();
        assert_eq!(names.len(), COUNT);
        for line in LINES {
            assert_eq!(line.column, format!("{}_usd", line.name));
        }
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn the_margin_adds_earnings_and_subtracts_bills_and_charges() {
        let mut lines = MoneyLines::ZERO;
        lines.revenue = usd("$1000");
        lines.energy_cost = usd("$300");
        lines.sell_back_credit = usd("$10");
        lines.demand_response = usd("$20");
        lines.demand_charge = usd("$40");
        lines.transmission_charge = usd("$50");
        lines.reserve_payment = usd("$5");
        lines.block_settlement = usd("-$7.25");
        lines.charges_passed_through = usd("$30");
        lines.pass_through = usd("$100");
        lines.curtailment_value = usd("$999");
        // 1000 − 300 + 10 + 20 − 40 − 50 + 5 − 7.25 + 30
        assert_eq!(lines.gross_margin().unwrap(), usd("$667.75"));
        let f = lines.map(|_, v| v.dollars().to_string().parse::<f64>().unwrap());
        assert_eq!(f.gross_margin(), 667.75);
    }

    #[test]
    fn sums_are_elementwise_and_overflow_is_an_error() {
        let mut a = MoneyLines::ZERO;
        a.revenue = usd("$1.5");
        let mut b = MoneyLines::ZERO;
        b.revenue = usd("$2.25");
        b.demand_charge = usd("$3");
        let total: Result<MoneyLines<Usd>, _> = [a, b, a].into_iter().sum();
        let total = total.unwrap();
        assert_eq!(total.revenue, usd("$5.25"));
        assert_eq!(total.demand_charge, usd("$3"));
        let mut huge = MoneyLines::ZERO;
        huge.energy_cost = Usd::new(rust_decimal::Decimal::MAX);
        assert!(huge.checked_add(&huge).is_err());
        let sum: Result<MoneyLines<Usd>, _> = [huge, huge].iter().sum();
        assert!(sum.is_err());
    }

    #[test]
    fn the_kernel_lines_convert_by_the_documented_rule() {
        let mut f = MoneyLines::<f64> {
            revenue: 0.1 + 0.2,
            block_settlement: -1.0 / 3.0,
            ..MoneyLines::default()
        };
        let exact = f.to_usd().unwrap();
        assert_eq!(exact.revenue, usd("$0.3"));
        assert_eq!(
            exact.block_settlement.dollars().to_string(),
            "-0.333333333333333"
        );
        f.energy_cost = f64::NAN;
        assert!(f.to_usd().is_err());
        let mut g = f;
        g += f;
        assert_eq!(g.block_settlement, -2.0 / 3.0);
    }
}
