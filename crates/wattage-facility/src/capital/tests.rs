//! Assets: validation names the asset and the value; vintages, sales and
//! depreciation over any horizon.

use alloc::string::ToString;
use alloc::vec::Vec;
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_units::Usd;

use super::*;
use crate::FacilityError;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn usd(dollars: i64) -> Usd {
    Usd::new(Decimal::from(dollars))
}

fn spec() -> AssetSpec {
    AssetSpec {
        name: "GPUs".into(),
        serves: Serves::Workload("cloud".into()),
        kind: AssetKind::Gpus { units: 1_000 },
        price: Price::PerUnit(usd(30_000)),
        purchased: date(2026, 1, 1),
        life_months: 60,
        residual: usd(3_000_000),
        resale: Resale::BookValue,
        refresh: None,
        sold_on: None,
    }
}

#[test]
fn bad_terms_are_typed_errors_naming_the_asset_and_the_value() {
    for months in [0, -12, 1_201] {
        let err = Asset::new(AssetSpec {
            life_months: months,
            ..spec()
        })
        .unwrap_err();
        assert_eq!(
            err,
            FacilityError::AssetLife {
                asset: "GPUs".into(),
                months
            }
        );
    }
    let err = Asset::new(AssetSpec {
        residual: usd(40_000_000),
        ..spec()
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "asset \"GPUs\": residual value $40,000,000 must be between $0 and its cost $30,000,000"
    );
    let refresh = Some(Refresh::On {
        date: date(2025, 6, 1),
        price: Price::PerUnit(usd(20_000)),
    });
    let err = Asset::new(AssetSpec { refresh, ..spec() }).unwrap_err();
    assert_eq!(
        err,
        FacilityError::RefreshBeforePurchase {
            asset: "GPUs".into(),
            date: date(2025, 6, 1),
            purchased: date(2026, 1, 1),
        }
    );
    let err = Asset::new(AssetSpec {
        price: Price::PerTerahash(Decimal::TEN),
        ..spec()
    })
    .unwrap_err();
    assert!(
        matches!(err, FacilityError::InvalidAsset { ref asset, .. } if asset == "GPUs"),
        "{err}"
    );
    let err = Asset::new(AssetSpec {
        resale: Resale::Curve(ResaleCurve::default_shape()),
        ..spec()
    })
    .unwrap_err();
    assert!(err.to_string().contains("miners only"), "{err}");
}

#[test]
fn a_refresh_at_end_of_life_repeats_and_sells_the_old_fleet_at_book_value() {
    let refresh = Some(Refresh::EndOfLife {
        price: Price::PerUnit(usd(15_000)),
    });
    let asset = Asset::new(AssetSpec { refresh, ..spec() }).unwrap();
    let vintages = asset.vintages(date(2038, 1, 1)).unwrap();
    let bought: Vec<NaiveDate> = vintages.iter().map(|v| v.purchased).collect();
    assert_eq!(
        bought,
        [date(2026, 1, 1), date(2031, 1, 1), date(2036, 1, 1)]
    );
    // The refresh costs half as much, so its residual is half as large.
    assert_eq!(vintages[1].cost, usd(15_000_000));
    assert_eq!(vintages[1].residual, usd(1_500_000));
    let e = events(core::slice::from_ref(&asset), date(2038, 1, 1)).unwrap();
    let sales: Vec<&AssetEvent> = e
        .iter()
        .filter(|e| e.kind == AssetEventKind::Sale)
        .collect();
    assert_eq!(sales.len(), 2);
    assert_eq!(sales[0].amount, usd(3_000_000)); // fully written off to its residual
    assert_eq!(sales[0].amount, sales[0].book_value);
    // Two full lives and two years of the third: (27 + 13.5) + 13.5 × 2/5.
    let booked = depreciation_between(&asset, date(2026, 1, 1), date(2038, 1, 1)).unwrap();
    let third = booked.checked_sub(usd(27_000_000 + 13_500_000)).unwrap();
    assert!(third > usd(5_390_000) && third < usd(5_410_000), "{third}");
}

#[test]
fn a_sale_before_purchase_is_refused_and_a_sale_ends_the_refreshes() {
    let asset = Asset::new(AssetSpec {
        refresh: Some(Refresh::EndOfLife {
            price: Price::PerUnit(usd(30_000)),
        }),
        ..spec()
    })
    .unwrap();
    assert!(matches!(
        asset.sold_on(date(2025, 1, 1)),
        Err(FacilityError::RefreshBeforePurchase { .. })
    ));
    let sold = asset.sold_on(date(2028, 1, 1)).unwrap();
    let vintages = sold.vintages(date(2040, 1, 1)).unwrap();
    assert_eq!(vintages.len(), 1);
    assert_eq!(vintages[0].sold, Some(date(2028, 1, 1)));
}

#[test]
fn the_default_resale_curve_prices_by_tier_and_scraps_the_least_efficient() {
    let curve = ResaleCurve::default_shape();
    let at = date(2025, 6, 1);
    let price = |jth: f64| {
        curve
            .price_per_th(
                wattage_units::HashEfficiency::new(jth, wattage_units::unit::JOULE_PER_TERAHASH)
                    .unwrap_or_default(),
                at,
            )
            .unwrap()
    };
    assert_eq!(price(13.5), Decimal::from(15));
    assert_eq!(price(19.0), Decimal::from(15));
    assert_eq!(price(21.5), Decimal::from(8));
    assert_eq!(price(34.0), Decimal::from(3));
    assert_eq!(price(98.0), Decimal::ZERO);
    // Two and a half years on, 40% a year has taken it all.
    let later = curve
        .price_per_th("13.5 J/TH".parse().unwrap_or_default(), date(2028, 1, 1))
        .unwrap();
    assert_eq!(later, Decimal::ZERO);
}

proptest! {
    /// Book depreciation over any horizon never exceeds cost − residual
    /// (per purchase), whatever the life, the residual and the dates.
    #[test]
    fn book_depreciation_over_any_horizon_never_exceeds_cost_less_residual(
        cost in 1i64..100_000_000,
        residual_share in 0u32..=100,
        life in 1i64..=240,
        from_days in 0i64..8_000,
        span_days in 0i64..20_000,
    ) {
        let residual = Usd::new(Decimal::from(cost) * Decimal::from(residual_share) / Decimal::ONE_HUNDRED);
        let asset = Asset::new(AssetSpec {
            price: Price::Total(usd(cost)),
            residual,
            life_months: life,
            ..spec()
        }).unwrap();
        let from = date(2024, 1, 1) + chrono::Days::new(from_days.unsigned_abs());
        let to = from + chrono::Days::new(span_days.unsigned_abs());
        let booked = depreciation_between(&asset, from, to).unwrap();
        let cap = usd(cost).checked_sub(residual).unwrap();
        prop_assert!(booked <= cap, "{booked} > {cap}");
        prop_assert!(!booked.is_negative());
        // Whole life from the purchase: exactly cost − residual.
        let whole = depreciation_between(&asset, date(2026, 1, 1), date(2100, 1, 1)).unwrap();
        prop_assert_eq!(whole, cap);
    }
}
