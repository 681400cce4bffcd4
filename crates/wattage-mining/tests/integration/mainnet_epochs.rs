//! Every mainnet retarget epoch, genesis to mid-2026:
//! `tests/data/difficulty_per_epoch.csv`, a copy of the project's
//! `shared/data/bitcoin/difficulty_per_epoch.csv`, derived from Electrum's
//! `checkpoints.json` (spesmilo/electrum commit
//! 923578010e56243ee85b3965604d6ad6974d8f33, MIT); see
//! `tests/data/PROVENANCE.md`. It is compiled in, so the tests always run.

use wattage_mining::{BlockHeight, CompactTarget, Difficulty};

struct Epoch {
    epoch: u32,
    start_height: u32,
    end_height: u32,
    nbits_hex: String,
    nbits: u32,
    difficulty: f64,
}

/// The vendored file, compiled into the test binary.
const EPOCHS_CSV: &str = include_str!("../data/difficulty_per_epoch.csv");

fn load() -> Vec<Epoch> {
    let text = EPOCHS_CSV;
    let mut rows = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        rows.push(Epoch {
            epoch: f[0].parse().unwrap(),
            start_height: f[1].parse().unwrap(),
            end_height: f[2].parse().unwrap(),
            nbits_hex: f[3].to_string(),
            nbits: f[4].parse().unwrap(),
            difficulty: f[5].parse().unwrap(),
        });
    }
    rows
}

#[test]
fn every_epoch_difficulty_matches_the_file() {
    let rows = load();
    assert_eq!(rows.len(), 474);
    for r in &rows {
        let bits: CompactTarget = r.nbits_hex.parse().unwrap();
        assert_eq!(bits.to_consensus(), r.nbits, "epoch {}", r.epoch);
        let d = Difficulty::from_compact(bits).unwrap().get();
        // Printed with two decimals; at 1e14 an f64 step is 1/32, so allow both.
        let tolerance = 0.005 + r.difficulty * f64::EPSILON * 2.0;
        assert!(
            (d - r.difficulty).abs() <= tolerance,
            "epoch {}: {d} vs {}",
            r.epoch,
            r.difficulty
        );
        // Core's GetDifficulty agrees bit for bit.
        let core = wattage_mining::difficulty::core_get_difficulty(bits)
            .unwrap()
            .get();
        assert_eq!(core.to_bits(), d.to_bits(), "epoch {}", r.epoch);
    }
}

#[test]
fn every_epoch_compact_round_trips() {
    let rows = load();
    for r in &rows {
        let bits = CompactTarget::from_consensus(r.nbits);
        let target = bits.to_target().unwrap();
        assert_eq!(target.to_compact(), bits, "epoch {}", r.epoch);
        assert!(bits.is_normalized());
        // A difficulty with enough printed digits recovers the nBits: from
        // 1e6 on, 0.005 is far below half a mantissa step.
        if r.difficulty > 1e6 {
            let back = Difficulty::new(r.difficulty).unwrap().to_compact().unwrap();
            assert_eq!(back, bits, "epoch {}", r.epoch);
        }
    }
}

#[test]
fn every_epoch_is_a_permitted_retarget_of_the_one_before() {
    let rows = load();
    let p = wattage_mining::ConsensusParams::MAINNET;
    for w in rows.windows(2) {
        let (prev, next) = (&w[0], &w[1]);
        assert_eq!(next.start_height, prev.end_height + 1);
        let h = BlockHeight::new(next.start_height);
        assert!(h.is_retarget());
        let ok = wattage_mining::retarget::permitted_difficulty_transition(
            &p,
            h,
            CompactTarget::from_consensus(prev.nbits),
            CompactTarget::from_consensus(next.nbits),
        )
        .unwrap();
        assert!(ok, "epoch {} -> {}", prev.epoch, next.epoch);
    }
}

#[test]
fn the_2024_halving_epoch() {
    let rows = load();
    let e = rows
        .iter()
        .find(|r| (r.start_height..=r.end_height).contains(&840_000))
        .unwrap();
    assert_eq!(e.epoch, 416);
    assert_eq!(e.nbits, 0x1703_4219);
    assert_eq!(
        Difficulty::from_compact(CompactTarget::from_consensus(e.nbits))
            .unwrap()
            .get(),
        86_388_558_925_171.02
    );
}

#[test]
#[ignore = "needs shared/data"]
fn the_vendored_copy_is_the_shared_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/bitcoin/difficulty_per_epoch.csv");
    let shared = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is needed: {e}", path.display()));
    assert!(
        shared == EPOCHS_CSV,
        "tests/data/difficulty_per_epoch.csv differs from {}",
        path.display()
    );
}
