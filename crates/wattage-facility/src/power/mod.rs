//! Power in one place: what a site's energy costs, the charges beyond
//! energy, and the contract that bundles them.
//!
//! - [`supply`]: [`PowerSupply`], how a site buys energy (fixed, index on
//!   a real-time price series plus an adder, or a blend).
//! - [`charges`]: [`DemandCharge`], ERCOT's 4CP tag ([`FourCp`],
//!   [`Transmission`]) and [`DemandResponse`] payments.
//! - [`contract`]: [`PowerContract`], a supply with sell-back, charges and
//!   payments, the one thing a simulation is given.
//! - [`path`]: a contract's prices over a horizon, read once.
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

pub mod charges;
pub mod contract;
pub mod path;
pub mod supply;

pub use charges::{DemandCharge, DemandResponse, FourCp, Transmission};
pub use contract::PowerContract;
pub use path::{period_prices, series_over};
pub use supply::PowerSupply;
