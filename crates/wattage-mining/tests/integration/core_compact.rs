//! Bitcoin Core `src/test/arith_uint256_tests.cpp`, test case
//! `bignum_SetCompact` (bitcoin/bitcoin commit
//! 03b645bfdbae164bc1f9157b505255eb68af1c02).

use wattage_mining::compact::encode_compact;
use wattage_mining::{CompactTarget, Error, U256};

/// One `SetCompact` vector.
struct SetCompact {
    /// The input `nBits`.
    bits: u32,
    /// `num.GetHex()` after `SetCompact` (`None` where Core does not check it).
    hex: Option<&'static str>,
    /// The `GetCompact` Core expects back, and whether it passes `fNegative = true`.
    compact: Option<(u32, bool)>,
    /// `fNegative`.
    negative: bool,
    /// `fOverflow`.
    overflow: bool,
}

const ZERO: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const SET_COMPACT: &[SetCompact] = &[
    SetCompact {
        bits: 0,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0012_3456,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0100_3456,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0200_0056,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0300_0000,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0400_0000,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0092_3456,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0180_3456,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0280_0056,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0380_0000,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0480_0000,
        hex: Some(ZERO),
        compact: Some((0, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0112_3456,
        hex: Some("0000000000000000000000000000000000000000000000000000000000000012"),
        compact: Some((0x0112_0000, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x01fe_dcba,
        hex: Some("000000000000000000000000000000000000000000000000000000000000007e"),
        compact: Some((0x01fe_0000, true)),
        negative: true,
        overflow: false,
    },
    SetCompact {
        bits: 0x0212_3456,
        hex: Some("0000000000000000000000000000000000000000000000000000000000001234"),
        compact: Some((0x0212_3400, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0312_3456,
        hex: Some("0000000000000000000000000000000000000000000000000000000000123456"),
        compact: Some((0x0312_3456, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0412_3456,
        hex: Some("0000000000000000000000000000000000000000000000000000000012345600"),
        compact: Some((0x0412_3456, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x0492_3456,
        hex: Some("0000000000000000000000000000000000000000000000000000000012345600"),
        compact: Some((0x0492_3456, true)),
        negative: true,
        overflow: false,
    },
    SetCompact {
        bits: 0x0500_9234,
        hex: Some("0000000000000000000000000000000000000000000000000000000092340000"),
        compact: Some((0x0500_9234, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0x2012_3456,
        hex: Some("1234560000000000000000000000000000000000000000000000000000000000"),
        compact: Some((0x2012_3456, false)),
        negative: false,
        overflow: false,
    },
    SetCompact {
        bits: 0xff12_3456,
        hex: None,
        compact: None,
        negative: false,
        overflow: true,
    },
];

fn hex64(v: U256) -> String {
    format!("{v:064x}")
}

#[test]
fn set_compact_matches_core() {
    for v in SET_COMPACT {
        let d = CompactTarget::from_consensus(v.bits).decode();
        if let Some(hex) = v.hex {
            assert_eq!(hex64(d.value), hex, "{:#010x}", v.bits);
        }
        if let Some((compact, negative)) = v.compact {
            assert_eq!(
                encode_compact(d.value, negative).to_consensus(),
                compact,
                "{:#010x}",
                v.bits
            );
        }
        assert_eq!(d.negative, v.negative, "{:#010x} negative", v.bits);
        assert_eq!(d.overflow, v.overflow, "{:#010x} overflow", v.bits);
    }
}

#[test]
fn get_compact_never_sets_the_sign_bit_for_positive_values() {
    // "Make sure that we don't generate compacts with the 0x00800000 bit set"
    assert_eq!(
        encode_compact(U256::from(0x80u8), false).to_consensus(),
        0x0200_8000
    );
}

#[test]
fn to_target_turns_core_flags_into_typed_errors() {
    for v in SET_COMPACT {
        let r = CompactTarget::from_consensus(v.bits).to_target();
        if v.negative {
            assert_eq!(r, Err(Error::NegativeCompact { bits: v.bits }));
        } else if v.overflow {
            assert_eq!(r, Err(Error::CompactOverflow { bits: v.bits }));
        } else if v.hex == Some(ZERO) {
            assert_eq!(r, Err(Error::ZeroTarget { bits: v.bits }));
        } else {
            assert_eq!(hex64(r.unwrap().to_u256()), v.hex.unwrap());
        }
    }
}

#[test]
fn error_messages_name_the_value() {
    let e = CompactTarget::from_consensus(0x0492_3456)
        .to_target()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "compact target (nBits) 0x04923456 has the sign bit 0x00800000 set: a negative target"
    );
    let e = CompactTarget::from_consensus(0xff12_3456)
        .to_target()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "compact target (nBits) 0xff123456 overflows 256 bits"
    );
}

#[test]
fn overflow_boundaries() {
    // 0x22 (34) with a one-byte mantissa fits; 0x23 (35) does not.
    assert!(
        CompactTarget::from_consensus(0x2200_00ff)
            .to_target()
            .is_ok()
    );
    assert!(
        CompactTarget::from_consensus(0x2300_0001)
            .to_target()
            .is_err()
    );
    // 0x21 (33) with a two-byte mantissa fits; three bytes do not.
    assert!(
        CompactTarget::from_consensus(0x2100_ffff)
            .to_target()
            .is_ok()
    );
    assert!(
        CompactTarget::from_consensus(0x2101_0000)
            .to_target()
            .is_err()
    );
    // 0x20 (32) with any positive mantissa fits.
    assert!(
        CompactTarget::from_consensus(0x207f_ffff)
            .to_target()
            .is_ok()
    );
}
