//! Trait impls that users rely on, asserted so they cannot silently disappear.

use wattage_facility::FacilityError;
use wattage_facility::business_model::{BusinessModel, Lines, ModelPnl};
use wattage_facility::comparison::{Comparison, Plan, PlanResult, YearComparison};
use wattage_facility::curtailment::{CurtailReason, Curtailment};
use wattage_facility::deployment::{Assignment, Deployment, Window};
use wattage_facility::hashprice_path::HashpricePath;
use wattage_facility::horizon::Horizon;
use wattage_facility::kernel::{KernelLoadTotals, KernelTotals, PricePath, SiteKernel};
use wattage_facility::lease::{ColocationLease, LeaseMonth, LeaseStructure};
use wattage_facility::ledger::{
    SiteLedger, SitePeriod, SiteTotals, WorkloadPeriod, WorkloadTotals,
};
use wattage_facility::money_lines::MoneyLines;
use wattage_facility::power::{DemandCharge, FourCp, PowerSupply};
use wattage_facility::power::{DemandResponse, PowerContract, Transmission};
use wattage_facility::price_series::{PricePoint, PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::retrofit::{Conversion, RetrofitPlan};
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::{CapexPayment, CashFlows, Summary, WorkloadSummary, YearRow};
use wattage_facility::workload::{Colocation, GpuCloud, Hosting, SelfMining, Workload};
use wattage_units::Usd;

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
        FacilityError,
        PriceSeries,
        PricePoint,
        Resolution,
        PowerSupply,
        DemandCharge,
        FourCp,
        ColocationLease,
        LeaseMonth,
        LeaseStructure,
        Pue,
        Hall,
        Site,
        Curtailment,
        HashpricePath,
        CurtailReason,
        BusinessModel,
        Lines,
        ModelPnl,
        Comparison,
        Plan,
        PlanResult,
        YearComparison,
        Assignment,
        Deployment,
        Window,
        Horizon,
        KernelLoadTotals,
        KernelTotals,
        MoneyLines<Usd>,
        MoneyLines<f64>,
        PricePath,
        SiteKernel,
        SiteLedger,
        SitePeriod,
        SiteTotals,
        WorkloadPeriod,
        WorkloadTotals,
        DemandResponse,
        PowerContract,
        Transmission,
        Conversion,
        RetrofitPlan,
        CapexPayment,
        CashFlows,
        Summary,
        WorkloadSummary,
        YearRow,
        Colocation,
        GpuCloud,
        Hosting,
        SelfMining,
        Workload
    );
    copy::<Horizon>();
    copy::<Window>();
    copy::<WorkloadPeriod>();
    copy::<SitePeriod>();
    copy::<BusinessModel>();
    copy::<Resolution>();
    copy::<PricePoint>();
    copy::<CurtailReason>();
    copy::<Curtailment>();
}
