//! A month of a hosting contract, billed: what the client owes the host,
//! and what the client's miners earned.

use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Hashprice, Usd, unit};

use super::contract::{Billing, CurtailmentTerms, HostingContract};
use crate::FacilityError;
use crate::ledger::WorkloadTotals;
use crate::schedule::{mul, overflow};

/// A month (or any billing period) of a hosting contract as it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HostingMonth {
    /// Hours in the period.
    pub hours: Decimal,
    /// Hours the host curtailed the machines.
    pub curtailed_hours: Decimal,
    /// Hours the machines were down through the host's fault (outages).
    pub outage_hours: Decimal,
    /// IT energy the machines drew, MWh, as metered.
    pub metered_mwh: Decimal,
    /// The period's mean hashprice (before pool fees).
    pub hashprice: Hashprice,
}

impl HostingMonth {
    /// The month of a hosted workload from its totals in the host's
    /// simulation (a group of [`crate::totals_by::simulate_by`] by month):
    /// its curtailed hours and metered IT energy, no outage. The totals
    /// report time and energy as `f64` quantities; they enter the bill by
    /// [`to_decimal`] (15 significant digits, half to even).
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a curtailed time or IT energy that is
    /// not finite.
    pub fn from_totals(
        totals: &WorkloadTotals,
        hours: Decimal,
        hashprice: Hashprice,
    ) -> Result<Self, FacilityError> {
        Ok(Self {
            hours,
            curtailed_hours: to_decimal("curtailed hours", totals.curtailed_time.get(unit::HOUR))?,
            outage_hours: Decimal::ZERO,
            metered_mwh: to_decimal("metered MWh", totals.it_energy.get(unit::MEGAWATT_HOUR))?,
            hashprice,
        })
    }

    /// Hours the machines ran.
    fn running_hours(&self) -> Result<Decimal, FacilityError> {
        let running = self
            .hours
            .checked_sub(self.curtailed_hours)
            .and_then(|h| h.checked_sub(self.outage_hours))
            .ok_or_else(|| overflow("running hours"))?;
        let negative = [
            self.hours,
            self.curtailed_hours,
            self.outage_hours,
            self.metered_mwh,
        ]
        .iter()
        .any(|v| *v < Decimal::ZERO);
        if negative || running < Decimal::ZERO {
            return Err(FacilityError::InvalidTerm {
                what: "hosting month (hours, curtailed and outage hours and metered MWh must be non-negative, curtailed + outage at most the hours)",
                value: alloc::format!(
                    "{} h, {} h curtailed, {} h out, {} MWh",
                    self.hours,
                    self.curtailed_hours,
                    self.outage_hours,
                    self.metered_mwh
                ),
            });
        }
        Ok(running)
    }
}

/// A month billed under a [`HostingContract`]: the host's invoice and the
/// client's result. The host's revenue is `amount_due`; the client's margin
/// is its mining revenue less it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HostingStatement {
    /// The all-in rate on metered energy or on nameplate × billable hours.
    pub energy_charge: Usd,
    /// The host's share of revenue above the threshold hashprice.
    pub profit_share: Usd,
    /// Credited to the client for curtailed hours.
    pub curtailment_credit: Usd,
    /// Credited to the client for uptime below the guarantee.
    pub sla_credit: Usd,
    /// Charges less credits: what the client pays, the host's revenue.
    pub amount_due: Usd,
    /// What the client's machines earned: hashprice × hashrate × hours run
    /// (pool fees left out).
    pub mining_revenue: Usd,
    /// Mining revenue less the amount due.
    pub client_margin: Usd,
}

const HOURS_PER_DAY: Decimal = Decimal::from_parts(24, 0, 0, false, 0);

impl HostingContract {
    /// Bills `month`.
    ///
    /// - energy charge: rate × metered MWh ([`Billing::Metered`]), or rate
    ///   × nameplate MW × (hours − curtailed − outage hours)
    ///   ([`Billing::Nameplate`]);
    /// - mining revenue: hashprice / 24 × PH/s × hours run, and the profit
    ///   share: share × (hashprice − threshold, when positive) / 24 × PH/s
    ///   × hours run;
    /// - curtailment credit ([`CurtailmentTerms::Credit`]): credit ×
    ///   nameplate MW × curtailed hours;
    /// - SLA credit: rate × nameplate MW × the hours short of `guaranteed`
    ///   × (hours − curtailed hours).
    ///
    /// Amounts are exact (not rounded to cents; an invoice rounds its total).
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for negative hours or energy, or more
    /// curtailed and outage hours than hours; [`FacilityError::Money`] on
    /// overflow.
    pub fn settle(&self, month: &HostingMonth) -> Result<HostingStatement, FacilityError> {
        let terms = &self.0;
        let running = month.running_hours()?;
        let mw = self.nameplate_mw()?;
        let rate = terms.rate.value();
        let energy_charge = match terms.billing {
            Billing::Metered => mul(rate, month.metered_mwh, "hosting charge")?,
            Billing::Nameplate => mul(mul(rate, mw, "hosting charge")?, running, "hosting charge")?,
        };
        let ph_hours = mul(
            to_decimal(
                "hosted hashrate in PH/s",
                terms.hashrate.get(unit::PETAHASH_PER_SECOND),
            )?,
            running,
            "PH/s-hours",
        )?;
        let per_hour = |price: Decimal| {
            mul(price, ph_hours, "mining revenue")?
                .checked_div(HOURS_PER_DAY)
                .ok_or_else(|| overflow("mining revenue"))
        };
        let mining_revenue = per_hour(month.hashprice.value())?;
        let profit_share = match terms.profit_share {
            Some(p) => {
                let above = (month.hashprice.value() - p.threshold.value()).max(Decimal::ZERO);
                mul(p.share, per_hour(above)?, "profit share")?
            }
            None => Decimal::ZERO,
        };
        let curtailment_credit = match terms.curtailment {
            CurtailmentTerms::PassThrough => Decimal::ZERO,
            CurtailmentTerms::Credit(c) => mul(
                mul(c.value(), mw, "curtailment credit")?,
                month.curtailed_hours,
                "curtailment credit",
            )?,
        };
        let sla_credit = match terms.uptime_sla {
            Some(sla) => {
                let eligible = month.hours - month.curtailed_hours;
                let short = (mul(sla.guaranteed, eligible, "uptime")? - running).max(Decimal::ZERO);
                mul(mul(rate, mw, "SLA credit")?, short, "SLA credit")?
            }
            None => Decimal::ZERO,
        };
        let due = Usd::new(energy_charge)
            .checked_add(Usd::new(profit_share))?
            .checked_sub(Usd::new(curtailment_credit))?
            .checked_sub(Usd::new(sla_credit))?;
        let mining = Usd::new(mining_revenue);
        Ok(HostingStatement {
            energy_charge: Usd::new(energy_charge),
            profit_share: Usd::new(profit_share),
            curtailment_credit: Usd::new(curtailment_credit),
            sla_credit: Usd::new(sla_credit),
            amount_due: due,
            mining_revenue: mining,
            client_margin: mining.checked_sub(due)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{HostingContractSpec, ProfitShare, UptimeSla};
    use alloc::string::ToString;

    fn usd(text: &str) -> Usd {
        text.parse().unwrap()
    }

    /// 10 MW of client miners (500 PH/s) at 7 c/kWh, 20% of revenue above
    /// $36/PH/day, $20/MWh credited for curtailment, 99.5% uptime.
    fn contract(billing: Billing) -> HostingContract {
        HostingContract::new(HostingContractSpec {
            nameplate: "10 MW".parse().unwrap(),
            hashrate: "500 PH/s".parse().unwrap(),
            rate: "7 c/kWh".parse().unwrap(),
            billing,
            curtailment: CurtailmentTerms::Credit("$20/MWh".parse().unwrap()),
            profit_share: Some(ProfitShare {
                threshold: "$36/PH/day".parse().unwrap(),
                share: Decimal::new(2, 1),
            }),
            uptime_sla: Some(UptimeSla {
                guaranteed: Decimal::new(995, 3),
            }),
            deposit_months: 2,
        })
        .unwrap()
    }

    /// A 720-hour month: 36 h curtailed, 10 h of outage, 6,500 MWh metered,
    /// hashprice $48/PH/day.
    fn month() -> HostingMonth {
        HostingMonth {
            hours: Decimal::from(720),
            curtailed_hours: Decimal::from(36),
            outage_hours: Decimal::from(10),
            metered_mwh: Decimal::from(6500),
            hashprice: "$48/PH/day".parse().unwrap(),
        }
    }

    #[test]
    fn a_metered_month_bills_as_worked_by_hand() {
        let s = contract(Billing::Metered).settle(&month()).unwrap();
        assert_eq!(s.energy_charge, usd("$455,000")); // 6,500 MWh × $70
        assert_eq!(s.mining_revenue, usd("$674,000")); // $48 / 24 × 500 × 674 h
        assert_eq!(s.profit_share, usd("$33,700")); // 20% × $12 / 24 × 500 × 674 h
        assert_eq!(s.curtailment_credit, usd("$7,200")); // $20 × 10 MW × 36 h
        // 99.5% of 684 h = 680.58 h guaranteed, 674 run: 6.58 h × 10 MW × $70.
        assert_eq!(s.sla_credit, usd("$4,606"));
        assert_eq!(s.amount_due, usd("$476,894"));
        assert_eq!(s.client_margin, usd("$197,106"));
    }

    #[test]
    fn nameplate_billing_charges_every_billable_hour() {
        let s = contract(Billing::Nameplate).settle(&month()).unwrap();
        assert_eq!(s.energy_charge, usd("$471,800")); // 10 MW × 674 h × $70
        assert_eq!(s.amount_due, usd("$493,694"));
        assert_eq!(s.client_margin, usd("$180,306"));
    }

    #[test]
    fn below_the_threshold_nothing_is_shared_and_impossible_months_are_refused() {
        let mut m = month();
        m.hashprice = "$30/PH/day".parse().unwrap();
        assert_eq!(
            contract(Billing::Metered).settle(&m).unwrap().profit_share,
            Usd::ZERO
        );
        m.outage_hours = Decimal::from(700);
        assert!(contract(Billing::Metered).settle(&m).is_err());
    }

    #[test]
    fn terms_are_validated() {
        let mut spec = contract(Billing::Metered).spec().clone();
        spec.profit_share = Some(ProfitShare {
            threshold: "$36/PH/day".parse().unwrap(),
            share: Decimal::new(15, 1),
        });
        let err = HostingContract::new(spec.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a hosting profit share must be between 0 and 1, got 1.5"
        );
        spec.profit_share = None;
        spec.nameplate = "0 MW".parse().unwrap();
        assert!(HostingContract::new(spec).is_err());
    }

    proptest::proptest! {
        /// For any month: the client's margin and the host's revenue add up
        /// to the mining revenue (to the cent); credits only lower the bill; nameplate
        /// billing charges at least the metered bill whenever the meter read
        /// no more than nameplate × hours run.
        #[test]
        fn bills_add_up_and_credits_only_lower_them(
            curtailed in 0u32..300,
            outage in 0u32..300,
            draw_percent in 0u32..=100,
            hashprice in 0u32..120,
        ) {
            let mut m = month();
            m.curtailed_hours = Decimal::from(curtailed);
            m.outage_hours = Decimal::from(outage);
            let running = Decimal::from(720 - curtailed - outage);
            m.metered_mwh = Decimal::from(10) * running * Decimal::new(i64::from(draw_percent), 2);
            m.hashprice = Hashprice::new(Decimal::from(hashprice)).unwrap();
            let metered = contract(Billing::Metered).settle(&m).unwrap();
            let nameplate = contract(Billing::Nameplate).settle(&m).unwrap();
            // To the cent: revenue per hour is a 24th, which need not terminate.
            let sum = metered.client_margin.checked_add(metered.amount_due).unwrap();
            proptest::prop_assert_eq!(sum.round_to_cents(), metered.mining_revenue.round_to_cents());
            proptest::prop_assert!(nameplate.energy_charge >= metered.energy_charge);
            let mut plain = contract(Billing::Metered).spec().clone();
            plain.curtailment = CurtailmentTerms::PassThrough;
            plain.uptime_sla = None;
            let plain = HostingContract::new(plain).unwrap().settle(&m).unwrap();
            proptest::prop_assert!(metered.amount_due <= plain.amount_due);
        }
    }
}
