//! The products and quotients between quantities that mean something.
//!
//! Each line `A * B = C` gives `A * B`, `B * A`, `C / A` and `C / B`. The
//! multiplication itself is uom's, on the wrapped quantities, so a line with
//! the wrong dimensions here would not compile: uom checks this table.
//!
//! | product | meaning |
//! |---|---|
//! | hashrate × hash efficiency = power | a miner's draw |
//! | power × time = energy | what the meter bills |
//! | hashrate × time = hashes | work done |
//! | hashes × hash efficiency = energy | energy for that work |
//! | power × compute efficiency = FLOP rate | an accelerator's throughput |
//! | FLOP rate × time = FLOPs | work done |
//! | energy × compute efficiency = FLOPs | work per joule spent |
//! | frequency × time = (a plain number of cycles) | clock cycles |

use crate::quantities::{
    ComputeEfficiency, Energy, FlopRate, Flops, Frequency, HashEfficiency, Hashes, Hashrate, Power,
    Time,
};

macro_rules! product {
    ($a:ident * $b:ident = $c:ident) => {
        impl core::ops::Mul<$b> for $a {
            type Output = $c;
            fn mul(self, rhs: $b) -> $c {
                $c(self.0 * rhs.0)
            }
        }

        impl core::ops::Div<$a> for $c {
            type Output = $b;
            fn div(self, rhs: $a) -> $b {
                $b(self.0 / rhs.0)
            }
        }

        impl core::ops::Div<$b> for $c {
            type Output = $a;
            fn div(self, rhs: $b) -> $a {
                $a(self.0 / rhs.0)
            }
        }
    };
    ($a:ident * $b:ident = $c:ident, commutative) => {
        product!($a * $b = $c);

        impl core::ops::Mul<$a> for $b {
            type Output = $c;
            fn mul(self, rhs: $a) -> $c {
                $c(self.0 * rhs.0)
            }
        }
    };
}

product!(Hashrate * HashEfficiency = Power, commutative);
product!(Power * Time = Energy, commutative);
product!(Hashrate * Time = Hashes, commutative);
product!(Hashes * HashEfficiency = Energy, commutative);
product!(Power * ComputeEfficiency = FlopRate, commutative);
product!(FlopRate * Time = Flops, commutative);
product!(Energy * ComputeEfficiency = Flops, commutative);

/// Cycles in a duration: a plain number.
impl core::ops::Mul<Time> for Frequency {
    type Output = f64;
    fn mul(self, rhs: Time) -> f64 {
        self.base_value() * rhs.base_value()
    }
}
