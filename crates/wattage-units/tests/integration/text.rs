//! Display and parsing, as people write quantities.

use wattage_units::{
    ComputeEfficiency, Energy, FlopRate, HashEfficiency, Hashrate, ParseErrorKind, Power, Time,
    unit,
};

#[test]
fn parses_what_people_type() {
    let ehs = Hashrate::new(950.0, unit::EXAHASH_PER_SECOND).unwrap();
    assert_eq!("950 EH/s".parse::<Hashrate>().unwrap(), ehs);
    assert_eq!("950EH/s".parse::<Hashrate>().unwrap(), ehs);
    assert_eq!("  950 EH/s ".parse::<Hashrate>().unwrap(), ehs);
    assert_eq!("0.95 ZH/s".parse::<Hashrate>().unwrap(), ehs);
    assert_eq!(
        "17.5 J/TH".parse::<HashEfficiency>().unwrap(),
        HashEfficiency::new(17.5, unit::JOULE_PER_TERAHASH).unwrap()
    );
    assert_eq!(
        "17.5 W/TH/s"
            .parse::<HashEfficiency>()
            .unwrap()
            .get(unit::JOULE_PER_TERAHASH),
        17.5
    );
    assert_eq!("3.5 kW".parse::<Power>().unwrap().get(unit::WATT), 3500.0);
    assert_eq!(
        "1.2e3 MWh"
            .parse::<Energy>()
            .unwrap()
            .get(unit::MEGAWATT_HOUR),
        1200.0
    );
    assert_eq!(
        "8766 h".parse::<Time>().unwrap(),
        Time::new(1.0, unit::YEAR).unwrap()
    );
    assert_eq!(
        "989 TFLOPS".parse::<FlopRate>().unwrap(),
        "989 TFLOP/s".parse().unwrap()
    );
    assert_eq!(".5 kW".parse::<Power>().unwrap().get(unit::WATT), 500.0);
}

#[test]
fn displays_as_people_write() {
    assert_eq!(
        "950 EH/s".parse::<Hashrate>().unwrap().to_string(),
        "950 EH/s"
    );
    assert_eq!("3500 W".parse::<Power>().unwrap().to_string(), "3.5 kW");
    assert_eq!(
        "17.5 J/TH".parse::<HashEfficiency>().unwrap().to_string(),
        "17.5 J/TH"
    );
    assert_eq!(
        "98000 J/TH".parse::<HashEfficiency>().unwrap().to_string(),
        "98 J/GH"
    );
    assert_eq!(
        "0.5 J/TH".parse::<HashEfficiency>().unwrap().to_string(),
        "0.5 J/TH"
    );
    let eff: ComputeEfficiency = FlopRate::new(989.0, unit::TERAFLOP_PER_SECOND).unwrap()
        / Power::new(700.0, unit::WATT).unwrap();
    assert_eq!(format!("{eff:.2}"), "1.41 TFLOPS/W");
    assert_eq!(format!("{eff}"), "1.41286 TFLOPS/W");
    assert_eq!("0 W".parse::<Power>().unwrap().to_string(), "0 W");
    assert_eq!("-2 MW".parse::<Power>().unwrap().to_string(), "-2 MW");
}

#[test]
fn precision_width_and_chosen_units() {
    let p: Power = "3.5 kW".parse().unwrap();
    assert_eq!(format!("{p:.3}"), "3.500 kW");
    assert_eq!(format!("{p:>10}"), "    3.5 kW");
    assert_eq!(format!("{p:<10}|"), "3.5 kW    |");
    assert_eq!(p.display_in(unit::WATT).to_string(), "3500 W");
    assert_eq!(format!("{:.4}", p.display_in(unit::MEGAWATT)), "0.0035 MW");
}

#[test]
fn bad_input_names_input_and_expectation() {
    type KindCheck = fn(&ParseErrorKind) -> bool;
    let cases: &[(&str, KindCheck)] = &[
        ("abc", |k| matches!(k, ParseErrorKind::MissingNumber)),
        ("17.5 J/TB", |k| {
            matches!(k, ParseErrorKind::UnknownUnit { .. })
        }),
        ("NaN J/TH", |k| matches!(k, ParseErrorKind::NotFinite)),
        ("inf J/TH", |k| matches!(k, ParseErrorKind::NotFinite)),
        ("", |k| matches!(k, ParseErrorKind::Empty)),
        ("   ", |k| matches!(k, ParseErrorKind::Empty)),
        ("17.5", |k| matches!(k, ParseErrorKind::MissingUnit { .. })),
        ("-3 J/TH", |k| matches!(k, ParseErrorKind::Negative)),
        ("1e400 J/TH", |k| matches!(k, ParseErrorKind::NotFinite)),
    ];
    for (input, expected_kind) in cases {
        let err = input.parse::<HashEfficiency>().unwrap_err();
        assert!(expected_kind(err.kind()), "{input:?}: {err}");
        assert_eq!(err.input(), *input);
        assert_eq!(err.expected(), "a hash efficiency");
        assert!(
            err.to_string()
                .starts_with(&format!("cannot read {input:?} as a hash efficiency"))
        );
    }
    let err = "NaN kW".parse::<Power>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read \"NaN kW\" as a power: the value must be finite (no NaN or infinity) \
         (written like \"3.5 kW\")"
    );
    let err = "17.5 J/TB".parse::<HashEfficiency>().unwrap_err();
    assert!(
        err.to_string()
            .contains("expected one of J/PH, J/TH, J/GH, J/MH, J/H"),
        "{err}"
    );
}

#[test]
fn unit_case_matters_where_si_says_so() {
    // MW is a megawatt; mW (milliwatt) is not a unit wattage knows.
    assert!("5 mW".parse::<Power>().is_err());
    assert_eq!("5 MW".parse::<Power>().unwrap().get(unit::KILOWATT), 5000.0);
}

#[test]
fn exact_strings_read_back_bit_for_bit() {
    for value in [0.1, 1.0 / 3.0, 17.5, 123_456.789, 1e-7, 6.02e23] {
        let q = HashEfficiency::new(value, unit::JOULE_PER_TERAHASH).unwrap();
        let text = q.to_exact_string();
        assert_eq!(text.parse::<HashEfficiency>().unwrap(), q, "{text}");
    }
}

#[test]
fn durations_display_as_people_say_them() {
    let cases = [
        (Time::new(45.0, unit::SECOND).unwrap(), "45 s"),
        (Time::new(30.0, unit::MINUTE).unwrap(), "30 min"),
        (Time::new(90.0, unit::MINUTE).unwrap(), "1.5 h"),
        (Time::new(1.0, unit::DAY).unwrap(), "1 day"),
        (Time::new(30.0, unit::DAY).unwrap(), "30 days"),
        (Time::new(1.0, unit::YEAR).unwrap(), "1 year"),
        (Time::new(2.0, unit::YEAR).unwrap(), "2 years"),
    ];
    for (time, text) in cases {
        assert_eq!(time.to_string(), text);
        assert_eq!(text.parse::<Time>().unwrap(), time, "{text}");
        assert_eq!(time.to_exact_string().parse::<Time>().unwrap(), time);
    }
    assert_eq!(
        format!("{:.1}", Time::new(1.0, unit::DAY).unwrap()),
        "1.0 days"
    );
    assert_eq!(
        Time::new(30.0, unit::DAY).unwrap().to_exact_string(),
        "30 days"
    );
    let err = "30 dayz".parse::<Time>().unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown unit \"dayz\"; expected one of s, min, h, day, month, year"),
        "{err}"
    );
}
