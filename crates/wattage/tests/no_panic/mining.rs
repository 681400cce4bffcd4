//! wattage-mining: consensus, economics, estimates and projections with
//! extreme values. Every `Ok` is checked finite through its fields.

use chrono::{DateTime, TimeDelta};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage::mining::cbeci::{network_power, trailing_mean_hashprice};
use wattage::mining::compact::{CompactTarget, encode_compact};
use wattage::mining::costs::{
    breakeven_efficiency, breakeven_power_price, hashcost, payback_days, revenue_per_mwh, roi,
};
use wattage::mining::difficulty::core_get_difficulty;
use wattage::mining::fees::{fee_share, trailing_average, trailing_averages};
use wattage::mining::halving::{
    average_block_interval, estimate_next_halving, estimate_next_retarget, estimate_time_of_height,
};
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec, percentiles};
use wattage::mining::network_projection::{NetworkStart, PricePath, project_network};
use wattage::mining::network_response::{ResponseModel, ResponseSpec};
use wattage::mining::operation::{HostingFee, Operation};
use wattage::mining::operation_projection::{StepLength, monte_carlo, project, project_path};
use wattage::mining::payout::{Luck, Pool};
use wattage::mining::retarget::{
    calculate_next_work_required, check_proof_of_work, next_work_required,
    permitted_difficulty_transition,
};
use wattage::mining::subsidy::{issued_between, total_issued};
use wattage::mining::{BlockHeight, ConsensusParams, Difficulty, Target, U256, subsidy};
use wattage::units::{
    Btc, BtcPrice, EnergyPrice, HashEfficiency, Hashprice, Hashrate, Share, Time, Usd, unit,
};

use super::{AllFinite, check, nasty_f64, raw, unit_like_text};

fn params() -> impl Strategy<Value = ConsensusParams> {
    prop_oneof![
        Just(ConsensusParams::MAINNET),
        Just(ConsensusParams::REGTEST)
    ]
}

fn nasty_time() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(i64::MIN),
        Just(i64::MAX),
        Just(0i64),
        Just(1_231_006_505i64),
        any::<i64>(),
        0i64..4_000_000_000,
    ]
}

fn nasty_bits() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0x1d00_ffffu32),
        Just(0x207f_ffffu32),
        Just(0x1703_4219u32),
        Just(0u32),
        Just(u32::MAX),
        any::<u32>(),
    ]
}

fn hashrate(value: f64) -> Hashrate {
    raw(Hashrate::new(1.0, unit::EXAHASH_PER_SECOND).unwrap(), value)
}

fn efficiency(value: f64) -> HashEfficiency {
    raw(
        HashEfficiency::new(1.0, unit::JOULE_PER_TERAHASH).unwrap(),
        value,
    )
}

fn days(value: f64) -> Time {
    raw(Time::new(1.0, unit::DAY).unwrap(), value)
}

fn any_usd() -> impl Strategy<Value = Usd> {
    prop_oneof![
        Just(Usd::new(Decimal::MAX)),
        Just(Usd::new(Decimal::MIN)),
        Just(Usd::ZERO),
        any::<i64>().prop_map(Usd::from_cents),
    ]
}

fn state(difficulty: f64, sats: i64) -> Option<NetworkState> {
    let d = Difficulty::new(difficulty).ok()?;
    NetworkState::new(d, Btc::from_sat(sats), Fees::ZERO).ok()
}

proptest! {
    #[test]
    fn any_nbits_is_a_difficulty_or_an_error(bits in any::<u32>()) {
        let compact = CompactTarget::from_consensus(bits);
        check("difficulty from nBits", &Difficulty::from_compact(compact));
        check("Core's GetDifficulty", &core_get_difficulty(compact));
        let _ = compact.decode();
        if let Ok(target) = compact.to_target() {
            prop_assert!(target.difficulty().all_finite());
            prop_assert!(target.work_f64().is_finite());
            let _ = target.work();
            let _ = target.to_compact();
            check("target under the pow limit", &target.check_pow_limit(&ConsensusParams::MAINNET));
        }
    }

    #[test]
    fn targets_and_compacts_read_from_any_text(text in unit_like_text(), hex in "(0x)?[0-9a-fA-F]{0,70}") {
        for t in [text.as_str(), hex.as_str()] {
            if let Ok(compact) = t.parse::<CompactTarget>() {
                let _ = compact.to_target();
            }
            if let Ok(target) = t.parse::<Target>() {
                prop_assert!(target.difficulty().all_finite());
            }
        }
    }

    #[test]
    fn any_256_bit_value_is_a_target_or_an_error(bytes in any::<[u8; 32]>(), negative in any::<bool>()) {
        let value = U256::from_big_endian(&bytes);
        let _ = encode_compact(value, negative).decode();
        if let Ok(target) = Target::from_be_bytes(bytes) {
            prop_assert!(target.difficulty().all_finite());
            prop_assert_eq!(target.to_be_bytes(), bytes);
            check("difficulty to target", &target.difficulty().to_target());
            check("difficulty to compact", &target.difficulty().to_compact());
        }
    }

    #[test]
    fn any_difficulty_converts_or_is_an_error(value in nasty_f64(), interval in nasty_f64()) {
        if let Ok(d) = Difficulty::new(value) {
            check("target", &d.to_target());
            check("compact", &d.to_compact());
            check("exact expected hashes", &d.expected_hashes_exact());
            prop_assert!(d.expected_hashes().is_finite() && d.implied_hashrate_hs().is_finite());
            check("implied hashrate", &d.implied_hashrate());
            check("hashrate at an interval", &d.hashrate_at_interval_hs(interval));
        }
        check("difficulty from hashrate", &Difficulty::from_hashrate_hs(value));
        check("difficulty from a Hashrate", &Difficulty::from_hashrate(hashrate(value)));
    }

    #[test]
    fn retargets_and_transitions_take_any_chain_data(
        params in params(),
        bits in nasty_bits(),
        new_bits in nasty_bits(),
        first in nasty_time(),
        last in nasty_time(),
        height in any::<u32>(),
        hash in any::<[u8; 32]>(),
    ) {
        let compact = CompactTarget::from_consensus(bits);
        check("retarget", &calculate_next_work_required(&params, compact, first, last));
        check("next work", &next_work_required(&params, BlockHeight::new(height), compact, first, last));
        check("transition", &permitted_difficulty_transition(
            &params, BlockHeight::new(height), compact, CompactTarget::from_consensus(new_bits)));
        check("proof of work", &check_proof_of_work(U256::from_big_endian(&hash), compact, &params));
    }

    #[test]
    fn custom_consensus_parameters_validate_and_never_panic(
        interval in prop_oneof![Just(0u32), Just(1u32), Just(u32::MAX), any::<u32>()],
        limit in any::<[u8; 32]>(), shift in 0usize..32,
        spacing in prop_oneof![Just(0u32), Just(1u32), 1u32..100_000, any::<u32>()],
        periods in prop_oneof![Just(0u32), Just(1u32), 1u32..5_000, any::<u32>()],
        bits in nasty_bits(), new_bits in nasty_bits(), first in nasty_time(), last in nasty_time(), height in any::<u32>(),
    ) {
        // Limits of every size: the top `shift` bytes cleared.
        let mut limit = limit;
        limit.iter_mut().take(shift).for_each(|b| *b = 0);
        let Ok(limit) = Target::from_be_bytes(limit) else { return Ok(()); };
        let timespan = spacing.saturating_mul(periods);
        let Ok(params) = ConsensusParams::new(interval, limit, timespan, spacing) else { return Ok(()); };
        let h = BlockHeight::new(height);
        let _ = params.block_subsidy_sat(h);
        check("issued under custom parameters", &params.total_issued_sat(h));
        let _ = params.last_subsidy_height();
        let _ = params.difficulty_adjustment_interval();
        let compact = CompactTarget::from_consensus(bits);
        check("custom retarget", &calculate_next_work_required(&params, compact, first, last));
        check("custom next work", &next_work_required(&params, h, compact, first, last));
        check("custom transition", &permitted_difficulty_transition(&params, h, compact, CompactTarget::from_consensus(new_bits)));
    }

    #[test]
    fn subsidies_and_issuance_at_any_height(a in any::<u32>(), b in any::<u32>()) {
        let (a, b) = (BlockHeight::new(a), BlockHeight::new(b));
        prop_assert!(subsidy::block_subsidy(a) >= Btc::ZERO);
        prop_assert!(total_issued(a) >= Btc::ZERO);
        check("issued between", &issued_between(a, b));
        let _ = (a.next_halving(), a.next_retarget(), a.halving_epoch().first_height(), a.blocks_until(b));
    }

    #[test]
    fn hashprice_from_extreme_difficulty_is_finite_or_an_error(value in nasty_f64(), sats in any::<i64>(), rate in nasty_f64(), period in nasty_f64()) {
        if let Some(state) = state(value, sats) {
            check("implied hashrate", &state.implied_hashrate());
            check("blocks a day", &state.blocks_per_day(hashrate(rate)));
            if let Ok(hp) = state.btc_hashprice() {
                let _ = hp.to_usd("$60,000/BTC".parse::<BtcPrice>().unwrap());
            }
            let _ = state.hashprice("$1/BTC".parse::<BtcPrice>().unwrap());
            if let Ok(btc) = state.expected_btc(hashrate(rate), days(period)) {
                prop_assert!(btc >= Btc::ZERO, "{btc} for {rate} EH/s over {period} days");
            }
        }
        let _ = NetworkState::from_hashrate(hashrate(value), Btc::from_sat(sats), Fees::ZERO);
        let _ = Fees::per_block(Btc::from_sat(sats));
        if let Ok(share) = Share::new(Decimal::from(sats) / Decimal::from(1_000_000_000i64)) {
            let _ = Fees::share_of_reward(share);
        }
    }

    #[test]
    fn payouts_are_finite_and_never_negative(
        value in nasty_f64(), rate in nasty_f64(), period in nasty_f64(), pool_rate in nasty_f64(),
        fee in 0i64..1_200, expected in nasty_f64(),
    ) {
        check("luck", &Luck::poisson(expected));
        let Ok(fee) = Share::new(Decimal::new(fee, 3)) else { return Ok(()) };
        let pools = [
            Pool::fpps(fee), Pool::pps_plus(fee), Pool::pplns(fee, hashrate(pool_rate)), Ok(Pool::solo()),
        ];
        if let Some(state) = state(value.abs().max(1.0), 312_500_000) {
            for pool in pools.into_iter().flatten() {
                let payout = pool.expected_payout(&state, hashrate(rate), days(period), None);
                check("payout", &payout);
                if let Ok(p) = payout {
                    prop_assert!(p.net >= Btc::ZERO && p.subsidy >= Btc::ZERO, "{p:?}");
                }
            }
        }
    }

    #[test]
    fn costs_are_finite_or_an_error(j in nasty_f64(), price in -1_000_000i64..1_000_000, hp in 0i64..1_000_000, capex in any_usd(), margin in any_usd()) {
        let power_price = EnergyPrice::new(Decimal::new(price, 2)).unwrap();
        let hashprice = Hashprice::new(Decimal::new(hp, 2)).unwrap();
        let _ = hashcost(efficiency(j), power_price);
        let _ = breakeven_power_price(hashprice, efficiency(j));
        let _ = revenue_per_mwh(hashprice, efficiency(j));
        check("breakeven efficiency", &breakeven_efficiency(hashprice, power_price));
        let _ = payback_days(capex, margin);
        let _ = roi(capex, margin);
    }

    #[test]
    fn cbeci_estimates_are_finite_or_an_error(
        network in nasty_f64(), fleet in proptest::collection::vec(nasty_f64(), 0..6), hp in 0i64..100_000,
    ) {
        let efficiencies: Vec<HashEfficiency> = fleet.into_iter().map(efficiency).collect();
        let estimate = network_power(
            hashrate(network), &efficiencies,
            Hashprice::new(Decimal::new(hp, 1)).unwrap(), "$50/MWh".parse().unwrap());
        check("CBECI estimate", &estimate);
        if let Ok(estimate) = estimate {
            check("CBECI annual energy", &estimate.annual_energy());
        }
    }

    #[test]
    fn fee_and_hashprice_averages_never_panic(fees in proptest::collection::vec(any::<i64>(), 0..20), window in 0usize..25, subsidy in any::<i64>()) {
        let fees: Vec<Btc> = fees.into_iter().map(Btc::from_sat).collect();
        check("trailing average", &trailing_average(&fees, window));
        check("trailing averages", &trailing_averages(&fees, window));
        let prices: Vec<Hashprice> = fees.iter().filter_map(|f| Hashprice::new(f.to_btc()).ok()).collect();
        check("trailing mean hashprice", &trailing_mean_hashprice(&prices, window));
        if let Some(fee) = fees.first() {
            check("fee share", &fee_share(Btc::from_sat(subsidy), *fee));
        }
    }

    #[test]
    fn halving_and_retarget_estimates_at_any_time(
        height in any::<u32>(), target in any::<u32>(), now in any::<i64>(), then in any::<i64>(), interval_ns in any::<i64>(),
    ) {
        let (Some(now), Some(then)) = (DateTime::from_timestamp_nanos(now).into(), DateTime::from_timestamp_nanos(then).into()) else {
            return Ok(());
        };
        let interval = TimeDelta::nanoseconds(interval_ns);
        let (h, t) = (BlockHeight::new(height), BlockHeight::new(target));
        check("time of height", &estimate_time_of_height(h, now, t, interval));
        check("next halving", &estimate_next_halving(h, now, interval));
        let average = average_block_interval(h, then, t, now);
        check("average block interval", &average);
        if let Ok(avg) = average {
            prop_assert!(avg > TimeDelta::zero(), "{avg:?}");
        }
        let retarget = estimate_next_retarget(h, now, then);
        check("next retarget", &retarget);
        if let Ok(r) = retarget {
            prop_assert!(r.average_interval > TimeDelta::zero());
        }
    }

    #[test]
    fn operations_evaluate_to_finite_economics(
        rate in nasty_f64(), j in nasty_f64(), period in nasty_f64(), uptime in 0i64..=100, share in 0i64..=100, opex in any_usd(), capex in any_usd(), life in nasty_f64(),
    ) {
        let base = Operation::new(hashrate(rate), efficiency(j), "$45/MWh".parse().unwrap());
        check("operation power", &base.power());
        let Ok(op) = base.with_uptime(Decimal::new(uptime, 2)) else { return Ok(()); };
        let op = op.with_hosting(HostingFee::ShareOfRevenue(Decimal::new(share, 2))).unwrap_or(op);
        let op = op.with_opex_per_day(opex).unwrap_or(op);
        let op = op.with_capex(capex, days(life)).unwrap_or(op);
        check("effective hashrate", &op.effective_hashrate());
        let state = state(125e12, 312_500_000).unwrap();
        let economics = op.evaluate(&state, "$100,000/BTC".parse().unwrap(), days(period));
        check("economics", &economics);
        if let Ok(e) = economics {
            prop_assert!(e.revenue >= Usd::ZERO && e.power_cost >= Usd::ZERO, "{e:?}");
            let _ = (e.gross_margin(), e.cash_margin(), e.net_margin(), e.revenue_per_mwh());
            let _ = (e.direct_cost_per_btc(), e.all_in_cost_per_btc(), e.checked_add(&e));
        }
    }

    #[test]
    fn projections_and_monte_carlo_are_finite(
        day in 0i64..6_300, price in 1i64..10_000_000, days in 1u32..70, month in any::<bool>(),
        price_growth in nasty_f64(), hashrate_growth in nasty_f64(), height in prop_oneof![any::<u32>(), Just(u32::MAX - 100)],
        rate in nasty_f64(), sigma in nasty_f64(), paths in 1u32..4, seed in any::<u64>(), fees in 0i64..10_000_000_000,
        responsive in any::<bool>(),
    ) {
        // A day of the shipped history, 2009-01-03 + `day` (to mid-2026).
        let date = chrono::NaiveDate::from_ymd_opt(2009, 1, 3).unwrap() + TimeDelta::days(day);
        let btc_price = BtcPrice::new(Decimal::from(price)).unwrap();
        let Ok(mut start) = NetworkStart::from_history(date, btc_price, Btc::from_sat(fees)) else { return Ok(()); };
        if height % 2 == 1 {
            start.height = BlockHeight::new(height);
        }
        let step = if month { StepLength::Month } else { StepLength::Day };
        let model = if responsive {
            ResponseModel::try_from(ResponseSpec { exogenous_growth: hashrate_growth, ..ResponseSpec::default() })
        } else {
            ResponseModel::exogenous(hashrate_growth)
        };
        let Ok(model) = model else { return Ok(()); };
        let prices = PricePath::Compounding { start: btc_price, monthly_growth: price_growth };
        let op = Operation::new(hashrate(rate), efficiency(15.0), "$45/MWh".parse().unwrap());
        let network = project_network(&start, &model, &prices, days);
        check("network projection", &network.as_ref().map(|n| n.days().len()));
        if let Ok(network) = network {
            let projection = project(&op, &network, step);
            check("projection", &projection);
            if let Ok(p) = projection {
                check("projection total", &p.total());
                let _ = (p.total_mined(), p.total_cash_margin(), p.first_unprofitable_step(), p.payback_step(), p.roi());
            }
        }
        let spec = NetworkMonteCarloSpec { paths, seed, days, price_volatility: sigma, hashrate_volatility: sigma, ..NetworkMonteCarloSpec::default() };
        if let Ok(mc) = NetworkMonteCarlo::new(spec, model) {
            if let Ok(path) = mc.path(&start, 0) {
                check("projection along a path", &project_path(&op, &path, step));
            }
            check("operation bands", &monte_carlo(&op, &mc, &start, step));
        }
        check("percentiles", &percentiles(vec![Btc::from_sat(seed as i64); paths as usize]));
    }

}
