//! Bitcoin Core RPC results in the layout of Core's RPC help
//! (`bitcoin-cli help getblockchaininfo` and friends, Core 28), read into
//! the crate's types.

use wattage_mining::{Error, rpc};

const BLOCKCHAININFO: &str = r#"{
  "chain": "main",
  "blocks": 953568,
  "headers": 953568,
  "bestblockhash": "00000000000000000001b315e72169bef4867bf780527aa97c625ee9c001dc5d",
  "bits": "170240c3",
  "target": "00000000000000000240c3000000000000000000000000000000000000000000",
  "difficulty": 124932866006548.2,
  "time": 1781500000,
  "mediantime": 1781497000,
  "verificationprogress": 0.9999987,
  "initialblockdownload": false,
  "chainwork": "0000000000000000000000000000000000000000b1f7a2c4c1b0e0f8a1b2c3d4",
  "size_on_disk": 700000000000,
  "pruned": false,
  "warnings": []
}"#;

#[test]
fn a_json_rpc_envelope_and_a_bare_result_read_alike() {
    let bare = rpc::blockchain_info(BLOCKCHAININFO).unwrap();
    let wrapped = rpc::blockchain_info(&format!(
        r#"{{"result": {BLOCKCHAININFO}, "error": null, "id": "curltest"}}"#
    ))
    .unwrap();
    assert_eq!(bare, wrapped);
    assert_eq!(bare.blocks.get(), 953_568);
    assert_eq!(bare.time, Some(1_781_500_000));
}

#[test]
fn a_node_error_is_reported_with_its_message() {
    let err = rpc::block_stats(r#"{"result": null, "error": {"code": -8, "message": "Target block height 9999999 after current tip 953568"}, "id": 1}"#).unwrap_err();
    assert!(
        err.to_string().contains("Target block height 9999999"),
        "{err}"
    );
}

#[test]
fn network_state_from_blockchain_info_and_block_stats() {
    let info = rpc::blockchain_info(BLOCKCHAININFO).unwrap();
    let stats: Vec<_> = [1_000_000i64, 2_000_001]
        .iter()
        .map(|fee| rpc::block_stats(&format!(r#"{{"avgfee": 500, "avgfeerate": 2, "avgtxsize": 300, "blockhash": "00", "feerate_percentiles": [1, 1, 2, 3, 5], "height": 953568, "ins": 9000, "maxfee": 90000, "maxfeerate": 200, "maxtxsize": 90000, "medianfee": 300, "mediantime": 1781497000, "mediantxsize": 220, "minfee": 100, "minfeerate": 1, "mintxsize": 150, "outs": 9500, "subsidy": 312500000, "swtotal_size": 1500000, "swtotal_weight": 3900000, "swtxs": 3000, "time": 1781500000, "total_out": 1000000000000, "total_size": 1600000, "total_weight": 3990000, "totalfee": {fee}, "txs": 3200, "utxo_increase": 500, "utxo_size_inc": 40000}}"#)).unwrap())
        .collect();
    let state = rpc::network_state(&info, &stats).unwrap();
    // Mean of 1,000,000 and 2,000,001 sat, half up: 1,500,001 sat.
    assert_eq!(
        state.fees(),
        wattage_mining::hashprice::Fees::per_block(wattage_units::Btc::from_sat(1_500_001))
            .unwrap()
    );
    assert_eq!(state.subsidy().to_sat(), 312_500_000);
}

#[test]
fn mistyped_fields_name_the_field_and_value() {
    let err = rpc::block_header(r#"{"hash": "00", "height": 1, "time": 0, "mediantime": 0, "bits": 486604799, "difficulty": 1}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "getblockheader result: bits must be a string, got 486604799"
    );
    let err =
        rpc::block_stats(r#"{"height": 1, "subsidy": -5, "totalfee": 0, "time": 0}"#).unwrap_err();
    assert!(matches!(
        err,
        Error::Rpc {
            method: "getblockstats",
            ..
        }
    ));
    assert!(rpc::mining_info("not json").is_err());
}
