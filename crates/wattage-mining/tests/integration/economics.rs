//! Hashprice, fees, payouts and costs against published figures
//! (domain.md section 6 and the sources it cites).

use rust_decimal::Decimal;
use wattage_mining::costs::{
    breakeven_efficiency, breakeven_power_price, hashcost, payback_days, revenue_per_mwh, roi,
};
use wattage_mining::fees::{HASHRATE_INDEX_WINDOW, fee_share, trailing_average, trailing_averages};
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_mining::operation::{HostingFee, Operation};
use wattage_mining::payout::Pool;
use wattage_mining::subsidy::block_subsidy;
use wattage_mining::{BlockHeight, Difficulty, Error};
use wattage_units::{
    Btc, BtcPrice, EnergyPrice, HashEfficiency, Hashprice, Hashrate, Share, Time, Usd, unit,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn share(s: &str) -> Share {
    s.parse().unwrap()
}

/// Hashrate Index, 2021-10-24 (domain.md section 6): D = 20.08 T, subsidy
/// 6.25 BTC, fees 1.07% of the total reward, BTC $60,028 -> $0.380/TH/s/day.
#[test]
fn hashrate_index_worked_example() {
    let state = NetworkState::new(
        Difficulty::new(20.08e12).unwrap(),
        Btc::from_sat(625_000_000),
        Fees::share_of_reward(share("1.07%")).unwrap(),
    )
    .unwrap();
    let price: BtcPrice = "$60,028/BTC".parse().unwrap();
    let usd = state.hashprice(price).unwrap();
    assert_eq!(usd.per_terahash_day().round_dp(3), d("0.380"));
    assert_eq!(format!("{usd:.1}"), "$379.9/PH/day");
    // BTC hashprice: 1.0018e-3 blocks a day x 6.3176 BTC.
    let btc = state.btc_hashprice().unwrap();
    assert_eq!(btc.value().round_dp(6), d("0.006329"));
    assert_eq!(btc.per_terahash_day().round_dp(9), d("0.000006329"));
    // The same from the subsidy at a 2021 height.
    let at_height = NetworkState::at_height(
        Difficulty::new(20.08e12).unwrap(),
        BlockHeight::new(706_000),
        state.fees(),
    )
    .unwrap();
    assert_eq!(at_height.hashprice(price).unwrap(), usd);
}

#[test]
fn hashrate_and_difficulty_inputs_agree() {
    let fees = Fees::per_block("0.02 BTC".parse().unwrap()).unwrap();
    let by_difficulty = NetworkState::new(
        Difficulty::new(150e12).unwrap(),
        block_subsidy(BlockHeight::new(920_000)),
        fees,
    )
    .unwrap();
    let network = by_difficulty.implied_hashrate().unwrap();
    let by_hashrate =
        NetworkState::from_hashrate(network, block_subsidy(BlockHeight::new(920_000)), fees)
            .unwrap();
    let a = by_difficulty.btc_hashprice().unwrap().value();
    let b = by_hashrate.btc_hashprice().unwrap().value();
    assert!((a - b).abs() < d("1e-15"), "{a} vs {b}");
    // 1 PH/s of a ~1,074 EH/s network wins 144 x 1e15 / 1.074e21 blocks a day.
    let one_ph = Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap();
    let blocks = by_difficulty.blocks_per_day(one_ph).unwrap();
    assert!((blocks - 144.0 / network.get(unit::PETAHASH_PER_SECOND)).abs() < 1e-15);
}

#[test]
fn fee_share_and_fee_amount_describe_the_same_reward() {
    let subsidy = Btc::from_sat(312_500_000);
    let fees = Btc::from_sat(9_375_000); // 0.09375 BTC
    let share = fee_share(subsidy, fees).unwrap();
    let as_share = Fees::share_of_reward(share)
        .unwrap()
        .reward_btc(subsidy)
        .unwrap();
    let as_amount = Fees::per_block(fees).unwrap().reward_btc(subsidy).unwrap();
    assert!((as_share - as_amount).abs() < d("1e-20"));
}

#[test]
fn trailing_fee_averages() {
    // 288 blocks: 144 at 0.01 BTC then 144 at 0.03 BTC.
    let mut fees = vec![Btc::from_sat(1_000_000); 144];
    fees.extend(vec![Btc::from_sat(3_000_000); 144]);
    assert_eq!(
        trailing_average(&fees, HASHRATE_INDEX_WINDOW).unwrap(),
        Btc::from_sat(3_000_000)
    );
    let rolling = trailing_averages(&fees, HASHRATE_INDEX_WINDOW).unwrap();
    assert_eq!(rolling.len(), 145);
    assert_eq!(rolling[0], Btc::from_sat(1_000_000));
    assert_eq!(rolling[72], Btc::from_sat(2_000_000));
    assert_eq!(rolling[144], Btc::from_sat(3_000_000));
    // Each rolling value equals the direct average of its window.
    for (k, avg) in rolling.iter().enumerate() {
        assert_eq!(*avg, trailing_average(&fees[..k + 144], 144).unwrap());
    }
    // Half-satoshi averages round half to even.
    let odd = [Btc::from_sat(1), Btc::from_sat(2)];
    assert_eq!(trailing_average(&odd, 2).unwrap(), Btc::from_sat(2));
    assert!(matches!(
        trailing_average(&odd, 3),
        Err(Error::NotEnoughData {
            needed: 3,
            got: 2,
            ..
        })
    ));
    assert!(trailing_average(&odd, 0).is_err());
    assert!(trailing_average(&[Btc::from_sat(-1)], 1).is_err());
    // Sliding the window never overflows when every window's sum fits.
    let big = Btc::from_sat(i64::MAX / 2 + 1);
    let windows = trailing_averages(&[big, big, big], 1).unwrap();
    assert_eq!(windows, [big, big, big]);
    let max = Btc::from_sat(i64::MAX);
    assert_eq!(trailing_averages(&[max, max], 1).unwrap(), [max, max]);
}

#[test]
fn payout_schemes_share_an_expectation_and_differ_in_luck() {
    let state = NetworkState::new(
        Difficulty::new(125e12).unwrap(),
        Btc::from_sat(312_500_000),
        Fees::per_block(Btc::from_sat(2_000_000)).unwrap(),
    )
    .unwrap();
    let rate = Hashrate::new(10.0, unit::PETAHASH_PER_SECOND).unwrap();
    let month = Time::new(30.0, unit::DAY).unwrap();
    let fpps = Pool::fpps(share("2.5%"))
        .unwrap()
        .expected_payout(&state, rate, month, None)
        .unwrap();
    let solo = Pool::solo()
        .expected_payout(&state, rate, month, None)
        .unwrap();
    assert_eq!(fpps.subsidy.checked_add(fpps.fees).unwrap(), solo.net);
    // 2.5% pool fee.
    let gross = fpps.subsidy.checked_add(fpps.fees).unwrap();
    let expected_fee = Btc::from_btc_rounded(gross.to_btc() * d("0.025")).unwrap();
    assert_eq!(fpps.pool_fee, expected_fee);
    assert_eq!(fpps.net, gross.checked_sub(expected_fee).unwrap());
    // PPS+ pays actual fees: with twice the fees, the fee part doubles (to a sat).
    let pps = Pool::pps_plus(share("2.5%")).unwrap();
    let doubled = Fees::per_block(Btc::from_sat(4_000_000)).unwrap();
    let p = pps
        .expected_payout(&state, rate, month, Some(doubled))
        .unwrap();
    assert!((p.fees.to_sat() - 2 * fpps.fees.to_sat()).abs() <= 1);
    assert_eq!(p.subsidy, fpps.subsidy);
    // FPPS ignores "actual" fees.
    let f2 = Pool::fpps(share("2.5%"))
        .unwrap()
        .expected_payout(&state, rate, month, Some(doubled))
        .unwrap();
    assert_eq!(f2, fpps);
    // PPLNS luck: a 100 EH/s pool of a 894.8 EH/s network finds 100/894.8 x 144 x 30 = 482.8 blocks a month.
    let pool_rate = Hashrate::new(100.0, unit::EXAHASH_PER_SECOND).unwrap();
    let pplns = Pool::pplns(share("2%"), pool_rate)
        .unwrap()
        .expected_payout(&state, rate, month, None)
        .unwrap();
    let luck = pplns.luck.unwrap();
    assert!(
        (luck.expected_blocks - 482.8).abs() < 0.05,
        "{}",
        luck.expected_blocks
    );
    assert!((luck.coefficient_of_variation - 0.045_51).abs() < 0.000_01);
    // Solo 10 PH/s: 0.0483 blocks a month, a 95.3% chance of nothing.
    let solo_luck = solo.luck.unwrap();
    assert!((solo_luck.expected_blocks - 0.048_28).abs() < 0.000_01);
    assert!((solo_luck.probability_of_no_block - 0.952_87).abs() < 0.000_01);
    assert!(fpps.luck.is_none());
    // Bad pool settings.
    assert!(matches!(
        Pool::fpps(Share::ALL),
        Err(Error::InvalidFraction { .. })
    ));
    // A negative fee cannot be written: the share refuses it.
    assert!("-1%".parse::<Share>().is_err());
}

#[test]
fn domain_cost_examples() {
    // Hashcost: 20 J/TH at $50/MWh -> $24/PH/day.
    let cost = hashcost("20 J/TH".parse().unwrap(), "$50/MWh".parse().unwrap()).unwrap();
    assert_eq!(cost.value(), d("24"));
    // Revenue per MW-year at $52/PH/day and 16 J/TH: about $1.19M (domain.md section 7).
    let per_mwh =
        revenue_per_mwh("$52/PH/day".parse().unwrap(), "16 J/TH".parse().unwrap()).unwrap();
    let mw_year = per_mwh.checked_mul(d("8766")).unwrap();
    assert_eq!(
        format!("{:.2}", mw_year.checked_div(d("1000000")).unwrap()),
        "$1.19"
    );
    // Breakeven power price for the same machine equals revenue per MWh.
    let breakeven =
        breakeven_power_price("$52/PH/day".parse().unwrap(), "16 J/TH".parse().unwrap()).unwrap();
    assert_eq!(breakeven.value(), per_mwh.dollars());
    // Breakeven efficiency inverts hashcost.
    let e =
        breakeven_efficiency("$24/PH/day".parse().unwrap(), "$50/MWh".parse().unwrap()).unwrap();
    assert!((e.get(unit::JOULE_PER_TERAHASH) - 20.0).abs() < 1e-12);
    // Payback and ROI.
    assert_eq!(
        payback_days("$4,000".parse().unwrap(), "$10".parse().unwrap()).unwrap(),
        Some(d("400"))
    );
    assert_eq!(
        roi("$4,000".parse().unwrap(), "$3,000".parse().unwrap()).unwrap(),
        d("-0.25")
    );
}

#[test]
fn operation_costs_per_btc_and_hosting() {
    let state = NetworkState::new(
        Difficulty::new(125e12).unwrap(),
        Btc::from_sat(312_500_000),
        Fees::ZERO,
    )
    .unwrap();
    let price: BtcPrice = "$100,000/BTC".parse().unwrap();
    let day = Time::new(1.0, unit::DAY).unwrap();
    let op = Operation::new(
        "100 PH/s".parse().unwrap(),
        "15 J/TH".parse().unwrap(),
        "$40/MWh".parse().unwrap(),
    )
    .with_opex_per_day("$100".parse().unwrap())
    .unwrap()
    .with_capex(
        "$1,500,000".parse().unwrap(),
        Time::new(1_000.0, unit::DAY).unwrap(),
    )
    .unwrap();
    let r = op.evaluate(&state, price, day).unwrap();
    // 1.5 MW for 24 h = 36 MWh at $40 = $1,440.
    assert!((r.energy.get(unit::MEGAWATT_HOUR) - 36.0).abs() < 1e-9);
    assert_eq!(r.power_cost.round_to_cents(), "$1440".parse().unwrap());
    assert_eq!(r.depreciation.round_to_cents(), "$1500".parse().unwrap());
    // Direct cost per BTC = power / BTC mined = hashcost / BTC hashprice.
    let direct = r.direct_cost_per_btc().unwrap();
    let via_prices = Usd::new(hashcost(op.efficiency(), op.power_price()).unwrap().value())
        .checked_div(state.btc_hashprice().unwrap().value())
        .unwrap();
    assert!(
        (direct.dollars() - via_prices.dollars()).abs() < d("0.5"),
        "{direct} vs {via_prices}"
    );
    let all_in = r.all_in_cost_per_btc().unwrap();
    let expected = Usd::try_sum([r.power_cost, r.opex, r.depreciation])
        .unwrap()
        .checked_div(r.mined().to_btc())
        .unwrap();
    assert_eq!(all_in, expected);
    assert!(all_in > direct);
    // An all-in hosting rate instead of a power price costs the same as that power price.
    let hosted = Operation::new(
        "100 PH/s".parse().unwrap(),
        "15 J/TH".parse().unwrap(),
        EnergyPrice::new(Decimal::ZERO).unwrap(),
    )
    .with_hosting(HostingFee::PerEnergy("$40/MWh".parse().unwrap()))
    .unwrap();
    let h = hosted.evaluate(&state, price, day).unwrap();
    assert_eq!(h.hosting_cost, r.power_cost);
    assert_eq!(h.gross_margin().unwrap(), r.gross_margin().unwrap());
    // A revenue-share host and uptime.
    let share = Operation::new(
        "100 PH/s".parse().unwrap(),
        "15 J/TH".parse().unwrap(),
        "$40/MWh".parse().unwrap(),
    )
    .with_hosting(HostingFee::ShareOfRevenue(d("0.1")))
    .unwrap()
    .with_uptime(d("0.5"))
    .unwrap();
    let s = share.evaluate(&state, price, day).unwrap();
    assert_eq!(s.hosting_cost, s.revenue.checked_mul(d("0.1")).unwrap());
    assert!((s.energy.get(unit::MEGAWATT_HOUR) - 18.0).abs() < 1e-9);
    assert!((s.mined().to_sat() * 2 - r.mined().to_sat()).abs() <= 2);
}

#[test]
fn bad_inputs_are_typed_errors_with_the_value() {
    // Negative or zero difficulty.
    assert_eq!(
        Difficulty::new(0.0).unwrap_err().to_string(),
        "difficulty must be positive and at most 2.7e67 (target 1), got 0"
    );
    assert_eq!(
        Difficulty::new(-3.0).unwrap_err().to_string(),
        "difficulty must be positive and at most 2.7e67 (target 1), got -3"
    );
    // A price of zero (wattage-units rejects it; so does the f64 route).
    assert!("$0/BTC".parse::<BtcPrice>().is_err());
    assert!(BtcPrice::new(Decimal::ZERO).is_err());
    // A height past every halving.
    let e = wattage_mining::halving::estimate_next_halving(
        BlockHeight::new(7_000_000),
        chrono::DateTime::from_timestamp(0, 0).unwrap(),
        chrono::TimeDelta::seconds(600),
    )
    .unwrap_err();
    assert!(e.to_string().contains("7000000"), "{e}");
    // ... where the subsidy, and so the hashprice without fees, is zero (not an error).
    let zero =
        NetworkState::at_height(Difficulty::ONE, BlockHeight::new(7_000_000), Fees::ZERO).unwrap();
    assert_eq!(zero.btc_hashprice().unwrap().value(), Decimal::ZERO);
    // An nBits with the sign bit.
    let e = wattage_mining::CompactTarget::from_consensus(0x1d80_ffff)
        .to_target()
        .unwrap_err();
    assert!(e.to_string().contains("0x1d80ffff"), "{e}");
    // A fee share of 100% or more.
    let e = Fees::share_of_reward(Share::ALL).unwrap_err();
    assert_eq!(
        e.to_string(),
        "fee share of the block reward must be at least 0 and below 1 (100%), got 1"
    );
    assert!(Fees::share_of_reward(share("99.99%")).is_ok());
    // A hand-built 100% share is caught too, never an infinite reward.
    assert!(
        NetworkState::new(
            Difficulty::ONE,
            Btc::ONE_BTC,
            Fees::ShareOfReward(Decimal::ONE)
        )
        .is_err()
    );
    // Zero efficiency and non-positive power prices.
    let zero_eff = HashEfficiency::new(0.0, unit::JOULE_PER_TERAHASH).unwrap();
    assert!(matches!(
        breakeven_power_price("$50/PH/day".parse().unwrap(), zero_eff),
        Err(Error::NotPositive { .. })
    ));
    assert!(matches!(
        breakeven_efficiency(
            "$50/PH/day".parse::<Hashprice>().unwrap(),
            "-$5/MWh".parse().unwrap()
        ),
        Err(Error::NotPositive { .. })
    ));
    // Uptime above 100%.
    let op = Operation::new(
        "1 PH/s".parse().unwrap(),
        "15 J/TH".parse().unwrap(),
        "$40/MWh".parse().unwrap(),
    );
    assert_eq!(
        op.with_uptime(d("1.2")).unwrap_err().to_string(),
        "uptime must be between 0 and 1, got 1.2"
    );
}

#[test]
fn difficulty_is_bounded_by_target_one() {
    use wattage_mining::{Difficulty, Target, U256};
    let max = Difficulty::from_target(Target::new(U256::one()).unwrap());
    assert_eq!(max, Difficulty::MAX);
    assert!(Difficulty::new(Difficulty::MAX.get()).is_ok());
    let err = Difficulty::new(1e68).unwrap_err();
    assert!(matches!(err, wattage_mining::Error::InvalidDifficulty { value } if value == 1e68));
    assert!(
        err.to_string()
            .starts_with("difficulty must be positive and at most 2.7e67")
    );
    assert!(Difficulty::MAX.expected_hashes().is_finite());
    assert!(Difficulty::MAX.implied_hashrate_hs().is_finite());
}
