//! Power in one place: what a site's energy costs, the charges beyond
//! energy, and the contract that bundles them.
//!
//! - [`supply`]: [`PowerSupply`], how a site buys the energy it draws
//!   (fixed, or index on a real-time price series plus an adder).
//! - [`block`]: [`FinancialBlock`], a fixed-price block, virtual PPA or
//!   hedge that settles financially against the index.
//! - [`charges`]: [`DemandCharge`], ERCOT's 4CP tag ([`FourCp`],
//!   [`Transmission`]) and [`DemandResponse`] payments.
//! - [`four_cp_avoidance`]: [`FourCpAvoidance`], curtailing on a forecast
//!   of [`SystemLoad`] to shrink the 4CP tag, decided before the fact.
//! - [`contract`]: [`PowerContract`], a supply with sell-back, charges and
//!   payments, the one thing a simulation is given.
//! - [`path`]: a contract's prices over a horizon, read once.
//! - [`reserves`]: [`ReserveOffer`], ancillary services offered by the
//!   site's interruptible loads (ERCOT RRS, ECRS, Non-Spin, Reg-Up).
//!
//! ```
//! // Needs wattage-facility (in the wattage facade: wattage::facility).
//! use wattage_facility::power::{DemandCharge, PowerContract, PowerSupply};
//!
//! let contract = PowerContract::new(PowerSupply::fixed("$42/MWh".parse()?))
//!     .with_demand_charge(DemandCharge::per_kw_month("$8.50".parse()?)?);
//! assert!(contract.demand_charge().is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod block;
pub mod charges;
pub mod contract;
pub mod four_cp_avoidance;
pub mod path;
pub mod reserves;
pub mod supply;

pub use block::{FinancialBlock, FinancialBlockSpec};
pub use charges::{DemandCharge, DemandResponse, FourCp, Transmission};
pub use contract::PowerContract;
pub use four_cp_avoidance::{
    AvoidanceTrigger, FourCpAvoidance, FourCpAvoidanceSpec, SystemLoad, SystemLoadSpec,
};
pub use path::{decision_horizon, period_prices, series_over};
pub use reserves::{ReserveCall, ReserveCalls, ReserveOffer, ReserveOfferSpec, ReserveService};
pub use supply::PowerSupply;
