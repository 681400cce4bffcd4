//! Trait impls that users rely on, asserted so they cannot silently disappear.

use wattage_facility::FacilityError;
use wattage_facility::contract::{DemandCharge, FourCp, PowerSupply};
use wattage_facility::lease::{ColocationLease, LeaseMonth, LeaseStructure};
use wattage_facility::price_series::{PricePoint, PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::simulation::{Curtailment, HashpricePath, Ledger, LedgerEntry, LedgerTotals, MiningWorkload};
use wattage_facility::site::{Hall, Site};

fn send_sync_static<T: Send + Sync + 'static>() {}
fn clone_debug_eq<T: Clone + core::fmt::Debug + PartialEq>() {}
fn copy<T: Copy>() {}

#[test]
fn public_types_are_send_sync_clone_debug() {
    send_sync_static::<FacilityError>();
    fn is_error<E: std::error::Error + Send + Sync + 'static>() {}
    is_error::<FacilityError>();
    macro_rules! check {
        ($($t:ty),*) => { $( send_sync_static::<$t>(); clone_debug_eq::<$t>(); )* };
    }
    check!(
        FacilityError, PriceSeries, PricePoint, Resolution, PowerSupply, DemandCharge, FourCp,
        ColocationLease, LeaseMonth, LeaseStructure, Pue, Hall, Site, Curtailment, HashpricePath,
        MiningWorkload, Ledger, LedgerEntry, LedgerTotals
    );
    copy::<Resolution>();
    copy::<PricePoint>();
    copy::<LedgerEntry>();
    copy::<LedgerTotals>();
    copy::<Curtailment>();
}
