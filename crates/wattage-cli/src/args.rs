//! Parsers for flag values the library has no `FromStr` for (yet): a
//! difficulty with an SI suffix, a percentage, a shard. Unit strings
//! ("17.5 J/TH", "$54.3/PH/day") go through the library's own `FromStr`.

use std::fmt;
use std::str::FromStr;

use wattage::rust_decimal::Decimal;

/// Parses a value with the library's `FromStr`, for clap.
///
/// # Errors
///
/// The library's message for `text`.
pub(crate) fn unit<T>(text: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    text.parse::<T>().map_err(|e| e.to_string())
}

/// A difficulty as a number with an optional SI suffix: `148.26T` is
/// 148.26 × 10^12; `K`, `M`, `G`, `T`, `P`, `E` are accepted (either
/// case), as are plain numbers (`148260000000000`, `1.4826e14`).
/// Thousands separators (`,` or `_`) are ignored.
///
/// # Errors
///
/// A message naming the text when it is not a positive finite number.
pub(crate) fn difficulty(text: &str) -> Result<f64, String> {
    let trimmed: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let (number, scale) = match trimmed.chars().last() {
        Some(c) if c.is_ascii_alphabetic() && !trimmed.ends_with(['e', 'E']) => {
            let scale = match c.to_ascii_uppercase() {
                'K' => 1e3,
                'M' => 1e6,
                'G' => 1e9,
                'T' => 1e12,
                'P' => 1e15,
                'E' => 1e18,
                _ => {
                    return Err(format!(
                        "difficulty {text:?} has an unknown suffix {c:?} (use K, M, G, T, P or E, e.g. \"148.26T\")"
                    ));
                }
            };
            (&trimmed[..trimmed.len() - c.len_utf8()], scale)
        }
        _ => (trimmed.as_str(), 1.0),
    };
    // A trailing E after digits is the exa suffix ("2E"), not an exponent.
    let (number, scale) = if scale == 1.0 && (number.ends_with('E') || number.ends_with('e')) {
        (&number[..number.len() - 1], 1e18)
    } else {
        (number, scale)
    };
    let value: f64 = number.trim().parse().map_err(|_| {
        format!("difficulty {text:?} is not a number with an optional K/M/G/T/P/E suffix (e.g. \"148.26T\")")
    })?;
    let value = value * scale;
    if !value.is_finite() || value <= 0.0 {
        return Err(format!("difficulty {text:?} must be positive and finite"));
    }
    Ok(value)
}

/// A percentage as a share: `0.55%` is 0.0055, read by
/// [`wattage::units::Share`] (0% to 100%). The `%` sign is required, so
/// that `2` is never read as 200 % or 2 %.
///
/// # Errors
///
/// A message naming the text when it has no `%`, is not a number, or lies
/// outside 0% to 100%.
pub(crate) fn percent(text: &str) -> Result<Decimal, String> {
    if !text.trim().ends_with('%') {
        return Err(format!(
            "{text:?} is not a percentage: write it with a % sign, e.g. \"2%\""
        ));
    }
    text.parse::<wattage::units::Share>()
        .map(wattage::units::Share::fraction)
        .map_err(|e| {
            let number = text.trim().trim_end_matches('%').trim();
            if number.replace([',', '_'], "").parse::<Decimal>().is_ok() {
                format!("{text:?} is outside 0% to 100%")
            } else {
                format!("{text:?} is not a percentage such as \"0.55%\" ({e})")
            }
        })
}

/// One shard of a sweep: the `index`-th (from 1) of `count` contiguous,
/// near-equal slices of its cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Which slice, from 1.
    pub(crate) index: usize,
    /// How many slices.
    pub(crate) count: usize,
}

impl Shard {
    /// The whole sweep.
    pub(crate) const ALL: Self = Self { index: 1, count: 1 };

    /// The cases `[start, end)` of this shard out of `total`: shard `i`
    /// of `n` holds `floor((i-1)·total/n) .. floor(i·total/n)`, so the
    /// shards in order cover every case once, in order.
    pub(crate) fn range(self, total: usize) -> std::ops::Range<usize> {
        let bound = |i: usize| {
            // total and i are small (cases in memory), so u128 cannot overflow.
            let b = (total as u128) * (i as u128) / (self.count as u128);
            usize::try_from(b).unwrap_or(total)
        };
        bound(self.index - 1)..bound(self.index)
    }

    /// Whether this is the first shard (the one that writes a CSV header).
    pub(crate) fn is_first(self) -> bool {
        self.index == 1
    }
}

/// Parses `I/N`, 1 ≤ I ≤ N.
///
/// # Errors
///
/// A message naming the text when it is not of that form.
pub(crate) fn shard(text: &str) -> Result<Shard, String> {
    let bad = || format!("shard {text:?} is not I/N with 1 <= I <= N, e.g. \"2/4\"");
    let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
    let index: usize = i.trim().parse().map_err(|_| bad())?;
    let count: usize = n.trim().parse().map_err(|_| bad())?;
    if index == 0 || count == 0 || index > count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difficulties() {
        assert_eq!(difficulty("148.26T"), Ok(148.26e12));
        assert_eq!(difficulty("148.26t"), Ok(148.26e12));
        assert_eq!(difficulty("1.4826e14"), Ok(1.4826e14));
        assert_eq!(difficulty("148,260,000,000,000"), Ok(148.26e12));
        assert_eq!(difficulty("2E"), Ok(2e18));
        assert!(difficulty("148.26X").is_err());
        assert!(difficulty("-1T").is_err());
        assert!(difficulty("").is_err());
        assert!(difficulty("T").is_err());
    }

    #[test]
    fn percents() {
        assert_eq!(percent("0.55%"), Ok(Decimal::new(55, 4)));
        assert_eq!(percent("2 %"), Ok(Decimal::new(2, 2)));
        assert!(percent("150%").is_err());
        assert!(
            percent("1,000%")
                .unwrap_err()
                .contains("outside 0% to 100%")
        );
        assert_eq!(
            percent("101%").unwrap_err(),
            "\"101%\" is outside 0% to 100%"
        );
        assert_eq!(percent("-1%").unwrap_err(), "\"-1%\" is outside 0% to 100%");
        assert!(percent("2").is_err());
        assert!(percent("x%").is_err());
    }

    #[test]
    fn shards_cover_everything_once() {
        assert!(shard("0/4").is_err());
        assert!(shard("5/4").is_err());
        assert!(shard("4").is_err());
        for total in 0..20 {
            for count in 1..=5 {
                let mut next = 0;
                for index in 1..=count {
                    let r = Shard { index, count }.range(total);
                    assert_eq!(r.start, next);
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
    }
}

#[cfg(test)]
mod shard_properties {
    use super::Shard;
    use proptest::prelude::*;

    proptest! {
        /// Shards in order tile `0..total` exactly, and differ in size by at most one.
        #[test]
        fn shards_tile_the_cases(total in 0usize..10_000, count in 1usize..=64) {
            let ranges: Vec<_> = (1..=count).map(|index| Shard { index, count }.range(total)).collect();
            prop_assert_eq!(ranges.first().map(|r| r.start), Some(0));
            prop_assert_eq!(ranges.last().map(|r| r.end), Some(total));
            for pair in ranges.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
            }
            let sizes: Vec<usize> = ranges.iter().map(|r| r.len()).collect();
            let (min, max) = (sizes.iter().min().copied(), sizes.iter().max().copied());
            prop_assert!(max.zip(min).is_some_and(|(a, b)| a - b <= 1));
        }
    }
}
