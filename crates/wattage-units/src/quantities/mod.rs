//! The physical quantity types, one file each, built by one macro so that
//! they all validate, print, parse and serialize alike.

macro_rules! measure_type {
    (
        $(#[$attr:meta])*
        pub struct $name:ident($inner:ident);
        name: $label:literal,
        expected: $expected:literal,
        example: $example:literal,
        non_negative: $non_negative:literal,
        base: $base:path,
        units: [$($unit:path),+ $(,)?]
    ) => {
        $(#[$attr])*
        #[derive(Clone, Copy, PartialEq, PartialOrd, Default)]
        #[repr(transparent)]
        pub struct $name(pub(crate) crate::system::f64::$inner);

        impl $name {
            /// Zero of this quantity.
            pub const ZERO: Self = Self::from_base_unchecked(0.0);

            /// A validated value in the given unit.
            ///
            /// # Errors
            /// [`QuantityError`](crate::QuantityError) when `value` is NaN or
            /// infinite (also after conversion to base units), or negative
            /// where this quantity cannot be.
            pub const fn new(
                value: f64,
                unit: crate::Unit<Self>,
            ) -> Result<Self, crate::QuantityError> {
                if let Err(error) =
                    crate::measure::validate($label, $non_negative, value, unit.symbol())
                {
                    return Err(error);
                }
                let base = value * unit.factor();
                if !base.is_finite() {
                    return Err(crate::QuantityError::NotFinite {
                        quantity: $label,
                        value,
                        unit: unit.symbol(),
                    });
                }
                // A negative zero (written, or a tiny negative value that
                // underflowed) is zero: it must not print as "-0".
                let base = if base == 0.0 { 0.0 } else { base };
                Ok(Self::from_base_unchecked(base))
            }

            /// `self + rhs`, validated like [`Self::new`]. The `+`
            /// operator is unchecked (plain `f64` arithmetic): use this
            /// where a sum could overflow to infinity.
            ///
            /// # Errors
            /// [`QuantityError`](crate::QuantityError) when the sum is not
            /// a valid value of this quantity.
            pub fn checked_add(self, rhs: Self) -> Result<Self, crate::QuantityError> {
                <Self as crate::Measure>::try_from_base(self.0.value + rhs.0.value)
            }

            /// `self - rhs`, validated like [`Self::new`]. The `-`
            /// operator is unchecked: it can make a negative value of a
            /// quantity that cannot be negative (`Time::ZERO - day`).
            ///
            /// # Errors
            /// [`QuantityError`](crate::QuantityError) when the difference
            /// is not a valid value of this quantity.
            pub fn checked_sub(self, rhs: Self) -> Result<Self, crate::QuantityError> {
                <Self as crate::Measure>::try_from_base(self.0.value - rhs.0.value)
            }

            /// `self × rhs` for any product this type has (another
            /// quantity of the unit algebra, or an `f64` scale factor),
            /// validated. The `*` operator is unchecked and can overflow
            /// to infinity.
            ///
            /// # Errors
            /// [`QuantityError`](crate::QuantityError) when the product is
            /// not finite, or negative where it cannot be.
            pub fn checked_mul<R>(
                self,
                rhs: R,
            ) -> Result<<Self as core::ops::Mul<R>>::Output, crate::QuantityError>
            where
                Self: core::ops::Mul<R>,
                <Self as core::ops::Mul<R>>::Output: crate::Measure,
            {
                crate::Measure::checked(self * rhs)
            }

            /// `self ÷ rhs` for any quotient this type has, validated. The
            /// `/` operator is unchecked: a division by zero gives an
            /// infinity or NaN (`Power::ZERO / Hashrate::ZERO`).
            ///
            /// # Errors
            /// [`QuantityError`](crate::QuantityError) when the quotient is
            /// not finite, or negative where it cannot be.
            pub fn checked_div<R>(
                self,
                rhs: R,
            ) -> Result<<Self as core::ops::Div<R>>::Output, crate::QuantityError>
            where
                Self: core::ops::Div<R>,
                <Self as core::ops::Div<R>>::Output: crate::Measure,
            {
                crate::Measure::checked(self / rhs)
            }

            /// The value in `unit`.
            #[must_use]
            pub const fn get(self, unit: crate::Unit<Self>) -> f64 {
                self.0.value / unit.factor()
            }

            /// The value in the base unit.
            #[must_use]
            pub const fn base_value(self) -> f64 {
                self.0.value
            }

            /// Displays the value in `unit` rather than the automatic one.
            #[must_use]
            pub const fn display_in(self, unit: crate::Unit<Self>) -> crate::DisplayIn<Self> {
                crate::DisplayIn {
                    value: self.get(unit),
                    unit,
                }
            }

            /// The text form that parses back to exactly this value (the
            /// form serde writes).
            #[must_use]
            pub fn to_exact_string(self) -> alloc::string::String {
                crate::format::exact_string(self)
            }

            /// The underlying uom quantity.
            #[must_use]
            pub const fn into_uom(self) -> crate::system::f64::$inner {
                self.0
            }

            /// A validated value from a uom quantity.
            ///
            /// # Errors
            /// As for [`Self::new`].
            pub fn from_uom(
                quantity: crate::system::f64::$inner,
            ) -> Result<Self, crate::QuantityError> {
                <Self as crate::Measure>::try_from_base(quantity.value)
            }

            /// The larger of two values.
            #[must_use]
            pub fn max(self, other: Self) -> Self {
                Self::from_base_unchecked(self.0.value.max(other.0.value))
            }

            /// The smaller of two values.
            #[must_use]
            pub fn min(self, other: Self) -> Self {
                Self::from_base_unchecked(self.0.value.min(other.0.value))
            }

            pub(crate) const fn from_base_unchecked(value: f64) -> Self {
                Self(crate::system::Quantity {
                    dimension: core::marker::PhantomData,
                    units: core::marker::PhantomData,
                    value,
                })
            }
        }

        impl crate::measure::private::Sealed for $name {}

        impl crate::Measure for $name {
            const NAME: &'static str = $label;
            const EXPECTED: &'static str = $expected;
            const EXAMPLE: &'static str = $example;
            const NON_NEGATIVE: bool = $non_negative;
            const UNITS: &'static [crate::Unit<Self>] = &[$($unit),+];
            const BASE_UNIT: crate::Unit<Self> = $base;

            fn base_value(self) -> f64 {
                self.0.value
            }

            fn try_from_base(value: f64) -> Result<Self, crate::QuantityError> {
                Self::new(value, $base)
            }
        }

        impl core::fmt::Display for $name {
            /// Automatic unit and six significant digits; `{:.N}` for N decimals.
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let unit = crate::format::auto_unit::<Self>(self.0.value);
                crate::format::write_value(f, self.get(unit), unit)
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.to_exact_string())
            }
        }

        impl core::str::FromStr for $name {
            type Err = crate::ParseError;

            /// Parses text such as `"950 EH/s"`; see [`crate::parse`] for the grammar.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                crate::parse::parse_quantity(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = crate::ParseError;

            fn try_from(text: &str) -> Result<Self, Self::Error> {
                text.parse()
            }
        }

        impl From<$name> for crate::system::f64::$inner {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::serde_support::serialize_measure(*self, serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::serde_support::deserialize_measure(deserializer)
            }
        }

        impl core::ops::Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }

        impl core::ops::Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }

        impl core::ops::Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                Self::from_base_unchecked(-self.0.value)
            }
        }

        impl core::ops::AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0.value += rhs.0.value;
            }
        }

        impl core::ops::SubAssign for $name {
            fn sub_assign(&mut self, rhs: Self) {
                self.0.value -= rhs.0.value;
            }
        }

        impl core::ops::Mul<f64> for $name {
            type Output = Self;
            fn mul(self, rhs: f64) -> Self {
                Self::from_base_unchecked(self.0.value * rhs)
            }
        }

        impl core::ops::Mul<$name> for f64 {
            type Output = $name;
            fn mul(self, rhs: $name) -> $name {
                $name::from_base_unchecked(self * rhs.0.value)
            }
        }

        impl core::ops::Div<f64> for $name {
            type Output = Self;
            fn div(self, rhs: f64) -> Self {
                Self::from_base_unchecked(self.0.value / rhs)
            }
        }

        impl core::ops::MulAssign<f64> for $name {
            fn mul_assign(&mut self, rhs: f64) {
                self.0.value *= rhs;
            }
        }

        impl core::ops::DivAssign<f64> for $name {
            fn div_assign(&mut self, rhs: f64) {
                self.0.value /= rhs;
            }
        }

        /// The ratio of two values of the same quantity is a plain number.
        impl core::ops::Div for $name {
            type Output = f64;
            fn div(self, rhs: Self) -> f64 {
                self.0.value / rhs.0.value
            }
        }

        impl core::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self::from_base_unchecked(iter.map(|q| q.0.value).sum())
            }
        }

        impl<'a> core::iter::Sum<&'a $name> for $name {
            fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.copied().sum()
            }
        }
    };
}

pub(crate) mod compute_efficiency;
pub(crate) mod energy;
pub(crate) mod flop_rate;
pub(crate) mod flops;
pub(crate) mod frequency;
pub(crate) mod hash_efficiency;
pub(crate) mod hashes;
pub(crate) mod hashrate;
pub(crate) mod power;
pub(crate) mod time;

pub use compute_efficiency::ComputeEfficiency;
pub use energy::Energy;
pub use flop_rate::FlopRate;
pub use flops::Flops;
pub use frequency::Frequency;
pub use hash_efficiency::HashEfficiency;
pub use hashes::Hashes;
pub use hashrate::Hashrate;
pub use power::Power;
pub use time::Time;
