//! Text as people type it: case, separators, spelled-out units and money
//! words, and error messages that do not contradict themselves.

use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_units::{
    Btc, BtcPrice, CapexPerMw, ComputeEfficiency, Energy, EnergyPrice, FlopRate, Flops,
    GpuHourPrice, HashEfficiency, Hashprice, Hashrate, LeaseRate, ParseError, ParseErrorKind,
    Power, Time, Usd, unit,
};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn unit_case_folds_where_it_is_unambiguous() {
    let network: Hashrate = "950 EH/s".parse().unwrap();
    for text in ["950 eh/s", "950 EH/S", "950 Eh/s", "950 exahash per second"] {
        assert_eq!(text.parse::<Hashrate>().unwrap(), network, "{text}");
    }
    assert_eq!(
        "45 mwh".parse::<Energy>().unwrap(),
        "45 MWh".parse().unwrap()
    );
    assert_eq!("5 mw".parse::<Power>().unwrap(), "5 MW".parse().unwrap());
    assert_eq!(
        "17.5 j/th".parse::<HashEfficiency>().unwrap(),
        "17.5 J/TH".parse().unwrap()
    );
    assert_eq!(
        "2 HOURS".parse::<Time>().unwrap(),
        Time::new(2.0, unit::HOUR).unwrap()
    );
}

#[test]
fn mixed_case_m_and_p_keep_their_si_meaning() {
    // mW is a milliwatt and pH/s a picohash rate: refused, not misread.
    let kinds = [
        ("MW", "5 mW".parse::<Power>().unwrap_err()),
        ("PH/s", "1 pH/s".parse::<Hashrate>().unwrap_err()),
        ("MWh", "2 mWh".parse::<Energy>().unwrap_err()),
    ];
    for (known, err) in kinds {
        assert!(
            matches!(err.kind(), ParseErrorKind::CaseMatters { known: k, .. } if *k == known),
            "{err}"
        );
    }
    let err = "5 mW".parse::<Power>().unwrap_err();
    assert!(err.to_string().contains("write MW if you mean it"), "{err}");
}

#[test]
fn flops_is_a_rate_flops_a_count() {
    let rate: FlopRate = "989 TFLOPS".parse().unwrap();
    assert_eq!(rate, "989 TFLOP/s".parse().unwrap());
    assert!("989 TFLOPs".parse::<FlopRate>().is_err());
    assert!("3.8e25 FLOPs".parse::<Flops>().is_ok());
    let err = "3.8e25 FLOPS".parse::<Flops>().unwrap_err();
    assert!(
        matches!(err.kind(), ParseErrorKind::CaseMatters { .. }),
        "{err}"
    );
}

#[test]
fn every_spelling_of_every_unit_reads_as_its_own_unit() {
    fn check<Q>(units: &[wattage_units::Unit<Q>])
    where
        Q: wattage_units::Measure + core::str::FromStr<Err = ParseError> + core::fmt::Debug,
    {
        for u in units {
            let spellings = [u.symbol(), u.name()]
                .into_iter()
                .chain(u.aliases_accepted().iter().copied());
            for s in spellings {
                let q: Q = format!("2 {s}").parse().unwrap();
                let expected = 2.0 * u.factor();
                assert!(
                    (q.base_value() - expected).abs() <= 1e-12 * expected,
                    "{s} read as {q:?}"
                );
            }
        }
    }
    use wattage_units::Measure;
    check(Hashrate::UNITS);
    check(Power::UNITS);
    check(Energy::UNITS);
    check(Time::UNITS);
    check(HashEfficiency::UNITS);
    check(FlopRate::UNITS);
    check(Flops::UNITS);
    check(ComputeEfficiency::UNITS);
    check(wattage_units::Hashes::UNITS);
    check(wattage_units::Frequency::UNITS);
}

#[test]
fn thousands_separators_in_quantities() {
    assert_eq!(
        "950,000 PH/s".parse::<Hashrate>().unwrap(),
        "950 EH/s".parse().unwrap()
    );
    assert_eq!(
        "1,234,567.5 W".parse::<Power>().unwrap().get(unit::WATT),
        1_234_567.5
    );
    for bad in ["1,2 MW", "12,34 MW", "1,2345 MW", "1234,567 MW"] {
        let err = bad.parse::<Power>().unwrap_err();
        assert_eq!(err.kind(), &ParseErrorKind::Grouping, "{bad}: {err}");
    }
}

#[test]
fn spec_sheet_and_integer_spellings() {
    // Spec sheets print W/TH for J/TH (a watt per TH/s is a joule per TH).
    assert_eq!(
        "13.5 W/TH".parse::<HashEfficiency>().unwrap(),
        "13.5 J/TH".parse().unwrap()
    );
    assert_eq!(
        "1979 TOPS".parse::<FlopRate>().unwrap(),
        "1979 TFLOP/s".parse().unwrap()
    );
    assert_eq!(
        "624 TOP/s".parse::<FlopRate>().unwrap(),
        "624 TOPS".parse().unwrap()
    );
    assert_eq!(
        "2.83 TOPS/W".parse::<ComputeEfficiency>().unwrap(),
        "2.83 TFLOPS/W".parse().unwrap()
    );
}

#[test]
fn prices_in_every_common_spelling() {
    let forty_five: EnergyPrice = "$45/MWh".parse().unwrap();
    for text in [
        "45 $/MWh",
        "45$/MWh",
        "$45 per MWh",
        "$45 PER MWh",
        "$45/mwh",
        "$ 45/MWh",
        "45 usd/mwh",
        "4.5 ¢/kWh",
        "4.5¢/kWh",
        "4.5 cents per kWh",
        "4.5 C/KWH",
    ] {
        assert_eq!(text.parse::<EnergyPrice>().unwrap(), forty_five, "{text}");
    }
    let lease: LeaseRate = "$140/kW/month".parse().unwrap();
    for text in [
        "$140/kw/month",
        "$140 per kW/month",
        "$1.68M/MW-year",
        "$1.68M/MW/yr",
        "$1,680,000/MW/year",
        "$1680/kW-yr",
    ] {
        assert_eq!(text.parse::<LeaseRate>().unwrap(), lease, "{text}");
    }
    assert_eq!(
        "$52/ph/day".parse::<Hashprice>().unwrap(),
        "$52/PH/day".parse().unwrap()
    );
    assert_eq!(
        "$2.95 per gpu-hour".parse::<GpuHourPrice>().unwrap(),
        "$2.95/GPU-h".parse().unwrap()
    );
    assert_eq!(
        "$60,028/btc".parse::<BtcPrice>().unwrap(),
        "$60,028/BTC".parse().unwrap()
    );
    assert_eq!(
        "$10 m/MW".parse::<CapexPerMw>().unwrap(),
        "$10M/MW".parse().unwrap()
    );
}

#[test]
fn amounts_with_scales_exponents_and_cased_currencies() {
    let cases = [
        ("$200K", "200000"),
        ("$200k", "200000"),
        ("$1e6", "1000000"),
        ("$1.5E3", "1500"),
        ("$200 M", "200000000"),
        ("$200 million", "200000000"),
        ("$3.5bn", "3500000000"),
        ("$3.5B", "3500000000"),
        ("1.5 M USD", "1500000"),
        ("450 ¢", "4.5"),
        ("1,234.56 usd", "1234.56"),
    ];
    for (text, dollars) in cases {
        assert_eq!(
            text.parse::<Usd>().unwrap(),
            Usd::new(dec(dollars)),
            "{text}"
        );
    }
    assert_eq!(
        "3.125 btc".parse::<Btc>().unwrap(),
        Btc::from_sat(312_500_000)
    );
    assert_eq!("50,000 SATS".parse::<Btc>().unwrap(), Btc::from_sat(50_000));
    let err = "$1,2".parse::<Usd>().unwrap_err();
    assert_eq!(err.kind(), &ParseErrorKind::Grouping, "{err}");
}

#[test]
fn the_old_self_contradicting_message_is_gone() {
    // "45 $/MWh" used to say: unknown unit "$"; expected one of $ or USD, c.
    assert!("45 $/MWh".parse::<EnergyPrice>().is_ok());
    let err = "45 €/MWh".parse::<EnergyPrice>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read \"45 €/MWh\" as an energy price: unknown unit \"€\"; \
         expected one of $, USD, c, ¢, cents, cent (written like \"$45/MWh\")"
    );
}

/// The accepted spellings an error lists, and the unit it calls unknown.
fn unknown_and_listed(err: &ParseError) -> Option<(String, Vec<String>)> {
    match err.kind() {
        ParseErrorKind::UnknownUnit { unit, accepted } => Some((
            unit.clone(),
            accepted.split(", ").map(String::from).collect(),
        )),
        _ => None,
    }
}

fn check_message(err: &ParseError, canonical: &str) -> Result<(), TestCaseError> {
    if let Some((unit, listed)) = unknown_and_listed(err) {
        prop_assert!(!listed.contains(&unit), "{err}");
    }
    prop_assert_eq!(err.example(), canonical);
    let suffix = format!("(written like {canonical:?})");
    prop_assert!(err.to_string().ends_with(&suffix), "{}", err);
    Ok(())
}

/// Text that looks like money or a quantity, often almost right.
fn near_miss() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        Just("45".to_string()),
        Just("1,234.5".to_string()),
        Just("1e6".to_string()),
        Just(String::new()),
        "[0-9,.]{1,6}",
    ];
    let word = prop_oneof![
        Just(String::new()),
        Just("$".to_string()),
        Just("USD".to_string()),
        Just("usd".to_string()),
        Just("c".to_string()),
        Just("BTC".to_string()),
        Just("sat".to_string()),
        Just("M".to_string()),
        Just("k".to_string()),
        "[a-zA-Z$¢€]{1,4}",
    ];
    let unit = prop_oneof![
        Just(String::new()),
        Just("/MWh".to_string()),
        Just("/mWh".to_string()),
        Just("/kW/month".to_string()),
        Just(" per PH/day".to_string()),
        Just("EH/s".to_string()),
        Just("mW".to_string()),
        Just("J/TH".to_string()),
        "/?[a-zA-Z/-]{1,8}",
    ];
    (any::<bool>(), number, any::<bool>(), word, unit).prop_map(|(dollar, n, space, w, u)| {
        let sep = if space { " " } else { "" };
        let prefix = if dollar { "$" } else { "" };
        format!("{prefix}{n}{sep}{w}{u}")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// For every rejected text, the unit the message calls unknown is not
    /// one it lists as accepted, and the message ends with the canonical
    /// spelling of a valid value.
    #[test]
    fn rejections_never_contradict_themselves(text in near_miss()) {
        if let Err(e) = text.parse::<EnergyPrice>() { check_message(&e, "$45/MWh")?; }
        if let Err(e) = text.parse::<LeaseRate>() { check_message(&e, "$140/kW/month")?; }
        if let Err(e) = text.parse::<Hashprice>() { check_message(&e, "$52/PH/day")?; }
        if let Err(e) = text.parse::<Usd>() { check_message(&e, "$1,234.56")?; }
        if let Err(e) = text.parse::<Btc>() { check_message(&e, "3.125 BTC")?; }
        if let Err(e) = text.parse::<Power>() { check_message(&e, "3.5 kW")?; }
        if let Err(e) = text.parse::<Hashrate>() { check_message(&e, "950 EH/s")?; }
        if let Err(e) = text.parse::<HashEfficiency>() { check_message(&e, "17.5 J/TH")?; }
    }

    /// Every canonical example an error suggests reads.
    #[test]
    fn suggested_spellings_read(text in near_miss()) {
        if let Err(e) = text.parse::<EnergyPrice>() {
            prop_assert!(e.example().parse::<EnergyPrice>().is_ok());
        }
        if let Err(e) = text.parse::<Hashrate>() {
            prop_assert!(e.example().parse::<Hashrate>().is_ok());
        }
    }

    /// Folding case never changes what a price means: an all-lower-case
    /// spelling of a valid price reads as the same price or not at all.
    #[test]
    fn lower_case_means_the_same_price(cents in 0u32..1_000_000, which in 0usize..4) {
        let unit = ["/MWh", "/kWh", "/kW/month", "/PH/day"][which];
        let text = format!("${}{unit}", Decimal::new(i64::from(cents), 2));
        let lower = text.to_lowercase();
        match which {
            0 | 1 => prop_assert_eq!(
                text.parse::<EnergyPrice>().unwrap(),
                lower.parse::<EnergyPrice>().unwrap()
            ),
            2 => prop_assert_eq!(
                text.parse::<LeaseRate>().unwrap(),
                lower.parse::<LeaseRate>().unwrap()
            ),
            _ => prop_assert_eq!(
                text.parse::<Hashprice>().unwrap(),
                lower.parse::<Hashprice>().unwrap()
            ),
        }
    }
}
