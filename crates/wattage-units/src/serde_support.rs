//! Serde for quantities: unit strings in human-readable formats, base-unit
//! numbers in binary ones, validated either way.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::error::ParseError;
use crate::measure::Measure;

pub(crate) fn serialize_measure<Q: Measure, S: Serializer>(
    value: Q,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        serializer.serialize_str(&crate::format::exact_string(value))
    } else {
        serializer.serialize_f64(value.base_value())
    }
}

pub(crate) fn deserialize_measure<'de, Q, D>(deserializer: D) -> Result<Q, D::Error>
where
    Q: Measure + FromStr<Err = ParseError>,
    D: Deserializer<'de>,
{
    if deserializer.is_human_readable() {
        deserializer.deserialize_str(MeasureVisitor(PhantomData))
    } else {
        deserializer.deserialize_f64(MeasureVisitor(PhantomData))
    }
}

struct MeasureVisitor<Q>(PhantomData<Q>);

impl<Q> Visitor<'_> for MeasureVisitor<Q>
where
    Q: Measure + FromStr<Err = ParseError>,
{
    type Value = Q;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} written with its unit, such as \"{}\"",
            Q::EXPECTED,
            example::<Q>()
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Q, E> {
        text.parse().map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Q, E> {
        Q::try_from_base(value).map_err(E::custom)
    }
}

fn example<Q: Measure>() -> &'static str {
    Q::UNITS
        .iter()
        .find(|u| u.is_auto())
        .map_or("", |u| u.symbol())
}
