//! When an interruptible load switches off: the policies, and the one
//! per-period decision both evaluators call.
//!
//! The exact ledger ([`crate::run::simulate_site`]) and the `f64` kernel
//! ([`crate::kernel::SiteKernel`]) compute a period's margins in their own
//! number type and then ask one function, `decide`, whether the load runs
//! (and, where the site offers reserves, whether it runs holding them; see
//! [`crate::power::reserves`]). Because the rule is written once, the two
//! cannot disagree about it.
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::Curtailment;
//!
//! let policy: Curtailment = Curtailment::AbovePrice("$120/MWh".parse()?);
//! assert_ne!(policy, Curtailment::AlwaysOn);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use wattage_units::EnergyPrice;

/// When an interruptible load switches off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub enum Curtailment {
    /// Never: run every period.
    AlwaysOn,
    /// With perfect foresight of the period's price: off whenever the
    /// all-in energy price is above the workload's breakeven (running
    /// would lose money).
    AboveBreakeven,
    /// Off whenever the all-in energy price is above a fixed strike price.
    AbovePrice(EnergyPrice),
}

/// Why an interruptible load sat out a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CurtailReason {
    /// The price was above the load's breakeven: running would lose money.
    Breakeven,
    /// Selling the energy back at market paid more than running.
    SellBack,
    /// The price (market price with sell-back) was above the policy's strike.
    Strike,
    /// The contract's 4CP avoidance policy flagged the period on its forecast.
    FourCp,
}

/// What an interruptible load does in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// It runs.
    Run,
    /// It is switched off, for this reason.
    Curtail(CurtailReason),
    /// It runs and holds the offered reserve capacity (shedding it when
    /// called): better than both running and curtailing.
    Reserve,
}

impl Decision {
    pub(crate) const fn runs(self) -> bool {
        matches!(self, Self::Run)
    }

    /// Whether the load draws power in the period (running, or offering
    /// reserves).
    pub(crate) const fn draws(self) -> bool {
        matches!(self, Self::Run | Self::Reserve)
    }
}

/// A [`Curtailment`] in the evaluator's number type `A` ($/MWh for the strike).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Policy<A> {
    AlwaysOn,
    AboveBreakeven,
    AbovePrice(A),
}

impl<A> Policy<A> {
    pub(crate) fn new(policy: Curtailment, strike: impl FnOnce(EnergyPrice) -> A) -> Self {
        match policy {
            Curtailment::AlwaysOn => Self::AlwaysOn,
            Curtailment::AboveBreakeven => Self::AboveBreakeven,
            Curtailment::AbovePrice(s) => Self::AbovePrice(strike(s)),
        }
    }
}

/// The facts of one period of one interruptible load, in the evaluator's
/// number type: revenue if running, energy per period (MWh), the all-in
/// price, and the market price when surplus energy is sold back.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeriodFacts<A> {
    pub(crate) revenue: A,
    pub(crate) energy: A,
    pub(crate) price: A,
    pub(crate) market: Option<A>,
    pub(crate) four_cp: bool,
    /// The period's reserve terms, when the site offers reserves.
    pub(crate) reserve: Option<ReserveFacts<A>>,
}

/// A reserve offer's facts in one period: the capacity payment for the
/// offered share, and the share of the period's energy called (`share ×
/// called fraction of the period`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReserveFacts<A> {
    pub(crate) payment: A,
    pub(crate) deployed: A,
}

/// The number types the evaluators decide in: exact `Decimal` (checked:
/// `None` on overflow) and `f64` (never `None`).
pub(crate) trait Amount: Copy + PartialOrd {
    const ZERO: Self;
    fn add(self, other: Self) -> Option<Self>;
    fn sub(self, other: Self) -> Option<Self>;
    fn mul(self, other: Self) -> Option<Self>;
}

impl Amount for Decimal {
    const ZERO: Self = Decimal::ZERO;
    #[inline(always)]
    fn add(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }
    #[inline(always)]
    fn sub(self, other: Self) -> Option<Self> {
        self.checked_sub(other)
    }
    #[inline(always)]
    fn mul(self, other: Self) -> Option<Self> {
        self.checked_mul(other)
    }
}

impl Amount for f64 {
    const ZERO: Self = 0.0;
    #[inline(always)]
    fn add(self, other: Self) -> Option<Self> {
        Some(self + other)
    }
    #[inline(always)]
    fn sub(self, other: Self) -> Option<Self> {
        Some(self - other)
    }
    #[inline(always)]
    fn mul(self, other: Self) -> Option<Self> {
        Some(self * other)
    }
}

/// An exact amount as integer units of a scale the caller keeps track of
/// (the exact ledger's fast path: revenue at the scale of energy × price,
/// energy at its own, prices at the horizon's common price scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Units(pub(crate) i128);

impl Amount for Units {
    const ZERO: Self = Units(0);
    #[inline(always)]
    fn add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Units)
    }
    #[inline(always)]
    fn sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Units)
    }
    #[inline(always)]
    fn mul(self, other: Self) -> Option<Self> {
        self.0.checked_mul(other.0).map(Units)
    }
}

/// The run-or-curtail rule, written once for both evaluators; `None` only
/// when exact arithmetic overflows.
///
/// Running earns `revenue − energy × price`. Off, the load earns nothing,
/// or, when its energy is bought at a fixed price and sold back at market,
/// `(market − price) × energy`. [`Curtailment::AboveBreakeven`] runs when
/// running earns at least as much as being off (a tie runs);
/// [`Curtailment::AbovePrice`] runs when the price it sees (the market
/// price with sell-back) is at most the strike. Every policy but
/// [`Curtailment::AlwaysOn`] is off in the periods the contract's 4CP
/// avoidance policy flags. Then, where the site offers reserves,
/// [`offer_reserves`] may replace the choice.
#[inline(always)]
pub(crate) fn decide<A: Amount>(policy: Policy<A>, facts: PeriodFacts<A>) -> Option<Decision> {
    let energy_only = match policy {
        Policy::AlwaysOn => Decision::Run,
        _ if facts.four_cp => Decision::Curtail(CurtailReason::FourCp),
        Policy::AboveBreakeven => {
            let on = facts.revenue.sub(facts.energy.mul(facts.price)?)?;
            match facts.market {
                Some(m) => {
                    if on < m.sub(facts.price)?.mul(facts.energy)? {
                        Decision::Curtail(CurtailReason::SellBack)
                    } else {
                        Decision::Run
                    }
                }
                None if on < A::ZERO => Decision::Curtail(CurtailReason::Breakeven),
                None => Decision::Run,
            }
        }
        Policy::AbovePrice(strike) => {
            if facts.market.unwrap_or(facts.price) <= strike {
                Decision::Run
            } else {
                Decision::Curtail(CurtailReason::Strike)
            }
        }
    };
    offer_reserves(policy, facts, energy_only)
}

/// The reserve step of [`decide`]: offering is feasible where the load
/// may choose (not under [`Curtailment::AlwaysOn`], which never sheds
/// load, nor when 4CP or the strike switched it off), and is taken when
/// its margin, `payment + (1 − d) × margin running + d × margin off` (`d`
/// the deployed share), is strictly above the margin of the choice made
/// without reserves. So offering never lowers a period's margin, and a
/// tie keeps the choice without reserves.
#[inline(always)]
fn offer_reserves<A: Amount>(
    policy: Policy<A>,
    facts: PeriodFacts<A>,
    energy_only: Decision,
) -> Option<Decision> {
    let Some(reserve) = facts.reserve else {
        return Some(energy_only);
    };
    let may_offer = match energy_only {
        Decision::Run | Decision::Reserve => !matches!(policy, Policy::AlwaysOn),
        Decision::Curtail(reason) => {
            matches!(reason, CurtailReason::Breakeven | CurtailReason::SellBack)
        }
    };
    if !may_offer {
        return Some(energy_only);
    }
    let on = facts.revenue.sub(facts.energy.mul(facts.price)?)?;
    let off = match facts.market {
        Some(m) => m.sub(facts.price)?.mul(facts.energy)?,
        None => A::ZERO,
    };
    let offered = reserve
        .payment
        .add(on)?
        .sub(reserve.deployed.mul(on.sub(off)?)?)?;
    let without = if energy_only.draws() { on } else { off };
    Some(if offered > without {
        Decision::Reserve
    } else {
        energy_only
    })
}
