//! Readers for Bitcoin Core's RPC results, in the layout of Core's own RPC
//! help (`bitcoin-cli help <method>`): `getblockchaininfo`,
//! `getmininginfo`, `getblockstats`, `getblockheader` (verbose) and
//! `getnetworkhashps`, into the crate's types, and a
//! [`NetworkState`] from them.
//!
//! Each reader takes the JSON text of the result, either bare (as
//! `bitcoin-cli` prints it) or inside a JSON-RPC envelope
//! (`{"result": ..., "error": null, "id": ...}`); fields it does not use are
//! ignored (Core adds fields between versions). Amounts in `getblockstats`
//! are satoshis, as Core documents. Needs the `rpc` feature.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::rpc;
//!
//! let info = rpc::blockchain_info(r#"{"chain": "main", "blocks": 839999, "headers": 839999,
//!     "bestblockhash": "0000000000000000000172014ba58d66455762add0512355ad651207918494ab",
//!     "difficulty": 86388558925171.02, "time": 1713571533, "mediantime": 1713568346,
//!     "verificationprogress": 0.9999, "initialblockdownload": false, "pruned": false, "warnings": ""}"#)?;
//! let stats = rpc::block_stats(r#"{"height": 839999, "subsidy": 625000000, "totalfee": 2500000, "time": 1713571533, "txs": 1000}"#)?;
//! let state = rpc::network_state(&info, &[stats])?;
//! // The next block, 840,000, is the halving: 3.125 BTC.
//! assert_eq!(state.subsidy().to_string(), "3.125 BTC");
//! assert_eq!(state.difficulty().to_string(), "86.39 T");
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::format;
use alloc::string::String;

use serde_json::Value;
use wattage_units::{Btc, Hashrate, unit};

use crate::hashprice::{Fees, NetworkState};
use crate::subsidy::block_subsidy;
use crate::{BlockHeight, CompactTarget, Difficulty, Error, Result};

/// `getblockchaininfo`: the fields the economics need.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BlockchainInfo {
    /// `chain`: "main", "test", "testnet4", "signet" or "regtest".
    pub chain: String,
    /// `blocks`: the height of the most-work fully validated chain.
    pub blocks: BlockHeight,
    /// `difficulty`.
    pub difficulty: Difficulty,
    /// `time`: the tip's block time (Unix seconds), if present (Core 23+).
    pub time: Option<i64>,
    /// `mediantime`: median time past of the tip.
    pub median_time: i64,
}

/// `getmininginfo`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MiningInfo {
    /// `blocks`: the current height.
    pub blocks: BlockHeight,
    /// `difficulty`.
    pub difficulty: Difficulty,
    /// `networkhashps`: Core's estimate over the last 120 blocks.
    pub network_hashrate: Hashrate,
    /// `chain`.
    pub chain: String,
}

/// `getblockstats` (amounts in satoshis, as Core returns them).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct BlockStats {
    /// `height`.
    pub height: BlockHeight,
    /// `subsidy`.
    pub subsidy: Btc,
    /// `totalfee`.
    pub total_fee: Btc,
    /// `time`: the block time.
    pub time: i64,
}

/// `getblockheader` with `verbose = true`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BlockHeader {
    /// `hash`.
    pub hash: String,
    /// `height`.
    pub height: BlockHeight,
    /// `time`.
    pub time: i64,
    /// `mediantime`.
    pub median_time: i64,
    /// `bits`, decoded from Core's hex string.
    pub bits: CompactTarget,
    /// `difficulty`.
    pub difficulty: Difficulty,
}

fn result(method: &'static str, text: &str) -> Result<Value> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error::Rpc {
        method,
        reason: format!("not JSON: {e}"),
    })?;
    match value {
        Value::Object(ref map) if map.contains_key("result") && map.contains_key("id") => {
            if let Some(err) = map.get("error").filter(|e| !e.is_null()) {
                return Err(Error::Rpc {
                    method,
                    reason: format!("the node returned an error: {err}"),
                });
            }
            Ok(map.get("result").cloned().unwrap_or(Value::Null))
        }
        other => Ok(other),
    }
}

fn field<'a>(method: &'static str, v: &'a Value, name: &str) -> Result<&'a Value> {
    v.get(name).ok_or_else(|| Error::Rpc {
        method,
        reason: format!("no field {name:?}"),
    })
}

fn int(method: &'static str, v: &Value, name: &str) -> Result<i64> {
    let x = field(method, v, name)?;
    x.as_i64().ok_or_else(|| Error::Rpc {
        method,
        reason: format!("{name} must be an integer, got {x}"),
    })
}

fn height(method: &'static str, v: &Value, name: &str) -> Result<BlockHeight> {
    let h = int(method, v, name)?;
    u32::try_from(h)
        .map(BlockHeight::new)
        .map_err(|_| Error::Rpc {
            method,
            reason: format!("{name} must be a height from 0 to 4294967295, got {h}"),
        })
}

fn number(method: &'static str, v: &Value, name: &str) -> Result<f64> {
    let x = field(method, v, name)?;
    x.as_f64().ok_or_else(|| Error::Rpc {
        method,
        reason: format!("{name} must be a number, got {x}"),
    })
}

fn string(method: &'static str, v: &Value, name: &str) -> Result<String> {
    let x = field(method, v, name)?;
    x.as_str().map(String::from).ok_or_else(|| Error::Rpc {
        method,
        reason: format!("{name} must be a string, got {x}"),
    })
}

fn sat(method: &'static str, v: &Value, name: &str) -> Result<Btc> {
    let s = int(method, v, name)?;
    if s < 0 {
        return Err(Error::Rpc {
            method,
            reason: format!("{name} must not be negative, got {s} sat"),
        });
    }
    Ok(Btc::from_sat(s))
}

/// Reads a `getblockchaininfo` result.
///
/// # Errors
///
/// [`Error::Rpc`] naming the field and value for a missing or mistyped
/// field or a node error; [`Error::InvalidDifficulty`] for a bad difficulty.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let err = wattage_mining::rpc::blockchain_info(r#"{"chain": "main", "blocks": -1}"#).unwrap_err();
/// assert_eq!(err.to_string(), "getblockchaininfo result: blocks must be a height from 0 to 4294967295, got -1");
/// ```
pub fn blockchain_info(text: &str) -> Result<BlockchainInfo> {
    const M: &str = "getblockchaininfo";
    let v = result(M, text)?;
    Ok(BlockchainInfo {
        chain: string(M, &v, "chain")?,
        blocks: height(M, &v, "blocks")?,
        difficulty: Difficulty::new(number(M, &v, "difficulty")?)?,
        time: v.get("time").and_then(Value::as_i64),
        median_time: int(M, &v, "mediantime")?,
    })
}

/// Reads a `getmininginfo` result.
///
/// # Errors
///
/// [`Error::Rpc`] for a missing or mistyped field; [`Error::InvalidHashrate`]
/// or [`Error::InvalidDifficulty`] for a value out of range.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// let info = wattage_mining::rpc::mining_info(r#"{"blocks": 953568, "difficulty": 124932866006548.2,
///     "networkhashps": 8.9e20, "pooledtx": 3000, "chain": "main", "warnings": []}"#)?;
/// assert_eq!(format!("{:.0}", info.network_hashrate.display_in(wattage_units::unit::EXAHASH_PER_SECOND)), "890 EH/s");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn mining_info(text: &str) -> Result<MiningInfo> {
    const M: &str = "getmininginfo";
    let v = result(M, text)?;
    let hs = number(M, &v, "networkhashps")?;
    Ok(MiningInfo {
        blocks: height(M, &v, "blocks")?,
        difficulty: Difficulty::new(number(M, &v, "difficulty")?)?,
        network_hashrate: positive_hashrate(hs)?,
        chain: string(M, &v, "chain")?,
    })
}

fn positive_hashrate(hs: f64) -> Result<Hashrate> {
    if !(hs.is_finite() && hs > 0.0) {
        return Err(Error::InvalidHashrate { value: hs });
    }
    Ok(Hashrate::new(hs, unit::HASH_PER_SECOND)?)
}

/// Reads a `getnetworkhashps` result (a bare number).
///
/// # Errors
///
/// [`Error::Rpc`] if it is not a number; [`Error::InvalidHashrate`] if it
/// is not positive (Core returns 0 on a chain too short to estimate).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let h = wattage_mining::rpc::network_hashps("8.9e20")?;
/// assert!(wattage_mining::rpc::network_hashps("0").is_err());
/// # let _ = h; Ok::<(), wattage_mining::Error>(())
/// ```
pub fn network_hashps(text: &str) -> Result<Hashrate> {
    const M: &str = "getnetworkhashps";
    let v = result(M, text)?;
    let hs = v.as_f64().ok_or_else(|| Error::Rpc {
        method: M,
        reason: format!("expected a number, got {v}"),
    })?;
    positive_hashrate(hs)
}

/// Reads a `getblockstats` result.
///
/// # Errors
///
/// [`Error::Rpc`] for a missing, mistyped or negative field.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let s = wattage_mining::rpc::block_stats(r#"{"height": 840000, "subsidy": 312500000, "totalfee": 3762471929, "time": 1713571767}"#)?;
/// assert_eq!(s.total_fee.to_string(), "37.62471929 BTC");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn block_stats(text: &str) -> Result<BlockStats> {
    const M: &str = "getblockstats";
    let v = result(M, text)?;
    Ok(BlockStats {
        height: height(M, &v, "height")?,
        subsidy: sat(M, &v, "subsidy")?,
        total_fee: sat(M, &v, "totalfee")?,
        time: int(M, &v, "time")?,
    })
}

/// Reads a verbose `getblockheader` result.
///
/// # Errors
///
/// [`Error::Rpc`] for a missing or mistyped field or `bits` that are not
/// 8 hex digits; [`Error::InvalidDifficulty`] for a bad difficulty.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let h = wattage_mining::rpc::block_header(r#"{"hash": "0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5",
///     "confirmations": 1, "height": 840000, "version": 710926336, "versionHex": "2a5fe000",
///     "merkleroot": "031b417c3a1828ddf3d6527fc210daafcc9218e81f98257f88d4d43bd7a5894f",
///     "time": 1713571767, "mediantime": 1713568346, "nonce": 3932395645, "bits": "17034219",
///     "difficulty": 86388558925171.02, "chainwork": "0000000000000000000000000000000000000000753bdab0e0d745453677442b",
///     "nTx": 3050, "previousblockhash": "0000000000000000000172014ba58d66455762add0512355ad651207918494ab"}"#)?;
/// assert_eq!(h.bits.to_consensus(), 0x1703_4219);
/// assert_eq!(h.difficulty, wattage_mining::Difficulty::from_compact(h.bits)?);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn block_header(text: &str) -> Result<BlockHeader> {
    const M: &str = "getblockheader";
    let v = result(M, text)?;
    let bits_hex = string(M, &v, "bits")?;
    let bits = if bits_hex.len() == 8 {
        u32::from_str_radix(&bits_hex, 16).ok()
    } else {
        None
    }
    .ok_or_else(|| Error::Rpc {
        method: M,
        reason: format!("bits must be 8 hex digits, got {bits_hex:?}"),
    })?;
    Ok(BlockHeader {
        hash: string(M, &v, "hash")?,
        height: height(M, &v, "height")?,
        time: int(M, &v, "time")?,
        median_time: int(M, &v, "mediantime")?,
        bits: CompactTarget::from_consensus(bits),
        difficulty: Difficulty::new(number(M, &v, "difficulty")?)?,
    })
}

/// The network state for the next block after `info`'s tip: its
/// difficulty, the subsidy at height `blocks + 1`, and fees per block as
/// the mean `totalfee` of `recent` (rounded to the satoshi, half up).
///
/// # Errors
///
/// [`Error::NotEnoughData`] for no block stats; [`Error::Overflow`] at the
/// last height; as [`NetworkState::new`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// # use wattage_mining::rpc;
/// let info = rpc::blockchain_info(r#"{"chain": "main", "blocks": 900000, "difficulty": 1.2e14, "mediantime": 0}"#)?;
/// assert!(rpc::network_state(&info, &[]).is_err());
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn network_state(info: &BlockchainInfo, recent: &[BlockStats]) -> Result<NetworkState> {
    state_at(info.difficulty, info.blocks, recent)
}

/// As [`network_state`], from a `getmininginfo` result.
///
/// # Errors
///
/// As [`network_state`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// # use wattage_mining::rpc;
/// let info = rpc::mining_info(r#"{"blocks": 953568, "difficulty": 1.25e14, "networkhashps": 8.9e20, "chain": "main"}"#)?;
/// let stats = rpc::block_stats(r#"{"height": 953568, "subsidy": 312500000, "totalfee": 1500000, "time": 1781000000}"#)?;
/// let state = rpc::network_state_from_mining(&info, &[stats])?;
/// assert_eq!(state.subsidy().to_string(), "3.125 BTC");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn network_state_from_mining(info: &MiningInfo, recent: &[BlockStats]) -> Result<NetworkState> {
    state_at(info.difficulty, info.blocks, recent)
}

fn state_at(
    difficulty: Difficulty,
    tip: BlockHeight,
    recent: &[BlockStats],
) -> Result<NetworkState> {
    if recent.is_empty() {
        return Err(Error::NotEnoughData {
            what: "fees per block from getblockstats",
            needed: 1,
            got: 0,
        });
    }
    let total: i128 = recent
        .iter()
        .map(|s| i128::from(s.total_fee.to_sat()))
        .sum();
    let n = i128::try_from(recent.len()).map_err(|_| Error::Overflow {
        what: "block count",
    })?;
    let mean = (2 * total + n) / (2 * n);
    let mean = i64::try_from(mean).map_err(|_| Error::Overflow { what: "mean fees" })?;
    let next = tip.checked_add(1).ok_or(Error::Overflow {
        what: "block height",
    })?;
    NetworkState::new(
        difficulty,
        block_subsidy(next),
        Fees::per_block(Btc::from_sat(mean))?,
    )
}
