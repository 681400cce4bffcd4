//! `catalog list|show|compare`: the built-in ASIC miners of
//! `wattage::hardware::catalog`, with their sources.

use clap::{Args, Subcommand};
use serde::Serialize;
use wattage::hardware::compare::miner_gain;
use wattage::hardware::{AsicMiner, Cooling};
use wattage::prelude::*;

use crate::args;
use crate::error::{CliError, Result};
use crate::output::Section;

/// `wattage catalog ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum CatalogCommand {
    /// Lists ASIC miners, most efficient first, filtered.
    #[command(after_help = "\
Examples:
  wattage catalog list
  wattage catalog list --year 2024 --cooling hydro
  wattage catalog list --max-efficiency \"15 J/TH\" --format csv")]
    List(ListArgs),
    /// Shows one miner with its source and notes (forgiving look-up: "s21 xp hyd").
    #[command(after_help = "\
Examples:
  wattage catalog show \"S21 XP\"
  wattage catalog show \"s21 xp hyd\" --format json")]
    Show {
        /// The model name, or a unique leading part of it.
        name: String,
    },
    /// Lists AI accelerators, most efficient first at a precision.
    #[command(after_help = "\
Examples:
  wattage catalog accelerators
  wattage catalog accelerators --precision fp8 --vendor nvidia
  wattage catalog accelerators --year 2024 --format csv")]
    Accelerators(AcceleratorArgs),
    /// Compares miners with the first: efficiency gain and energy saved per hash.
    #[command(after_help = "\
Examples:
  wattage catalog compare S19 \"S21 XP\"
  wattage catalog compare \"S19 XP\" \"S21 XP\" \"S21 XP Hyd\" --format csv")]
    Compare {
        /// Two or more model names; each is compared with the first.
        #[arg(num_args = 2.., required = true, value_name = "MODEL")]
        names: Vec<String>,
    },
}

impl CatalogCommand {
    /// The command's name in JSON output.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::List(_) => "catalog list",
            Self::Show { .. } => "catalog show",
            Self::Compare { .. } => "catalog compare",
            Self::Accelerators(_) => "catalog accelerators",
        }
    }
}

/// Filters of `catalog list`; all optional, all must hold.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only miners released in this year.
    #[arg(long)]
    year: Option<u16>,
    /// Only miners with this cooling: air, hydro or immersion.
    #[arg(long, value_parser = args::unit::<Cooling>)]
    cooling: Option<Cooling>,
    /// Only miners at or below this energy per hash, e.g. "15 J/TH".
    #[arg(long, value_parser = args::unit::<HashEfficiency>, allow_hyphen_values = true)]
    max_efficiency: Option<HashEfficiency>,
    /// Only miners from this manufacturer (case-insensitive), e.g. Bitmain.
    #[arg(long)]
    manufacturer: Option<String>,
}

/// Filters of `catalog accelerators`.
#[derive(Debug, Args)]
pub(crate) struct AcceleratorArgs {
    /// The precision to rank and report at: fp64, fp32, tf32, bf16, fp8, int8, fp4.
    #[arg(long, default_value = "bf16", value_parser = args::unit::<Precision>)]
    precision: Precision,
    /// Only accelerators released in this year.
    #[arg(long)]
    year: Option<u16>,
    /// Only accelerators from this vendor (case-insensitive), e.g. NVIDIA.
    #[arg(long)]
    vendor: Option<String>,
}

/// One accelerator at one precision (dense throughput).
#[derive(Debug, Serialize)]
struct AcceleratorRow {
    name: String,
    vendor: String,
    release: String,
    precision: String,
    board_power_w: Option<f64>,
    dense_tflops: Option<f64>,
    tflops_per_w: f64,
}

/// The credit line the accelerator data must travel with.
#[derive(Debug, Serialize)]
struct Attribution {
    credit: &'static str,
}

/// One miner.
#[derive(Debug, Serialize)]
struct MinerRow {
    model: String,
    manufacturer: String,
    release: String,
    cooling: String,
    hashrate_ths: f64,
    power_w: f64,
    efficiency_j_per_th: f64,
}

impl MinerRow {
    fn of(m: &AsicMiner) -> Self {
        Self {
            model: m.model().into(),
            manufacturer: m.manufacturer().into(),
            release: m.release().to_string(),
            cooling: m.cooling().to_string().to_lowercase(),
            hashrate_ths: round(m.hashrate().get(unit::TERAHASH_PER_SECOND), 2),
            power_w: round(m.power().get(unit::WATT), 1),
            efficiency_j_per_th: round(m.efficiency().get(unit::JOULE_PER_TERAHASH), 2),
        }
    }
}

/// One miner in detail: the list columns, then where the figures come from.
#[derive(Debug, Serialize)]
struct DetailRow {
    model: String,
    manufacturer: String,
    release: String,
    cooling: String,
    hashrate_ths: f64,
    power_w: f64,
    efficiency_j_per_th: f64,
    source: String,
    note: String,
}

/// One comparison with the first miner.
#[derive(Debug, Serialize)]
struct GainRow {
    from: String,
    to: String,
    from_j_per_th: f64,
    to_j_per_th: f64,
    work_per_joule_ratio: f64,
    percent_better: f64,
    percent_less_energy: f64,
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

fn lookup(name: &str) -> Result<AsicMiner> {
    catalog::asic(name).map_err(|e| {
        CliError::input(
            format!("miner {name:?}: {e}"),
            "list the catalog's miners with `wattage catalog list`",
        )
    })
}

/// Says on stderr that the filters matched no `what`, so that an empty
/// output is not mistaken for a failure (stdout stays empty: no table, no
/// CSV header, an empty JSON array).
fn note_if_empty(empty: bool, what: &str) {
    if empty {
        eprintln!("note: no {what} match the filters");
    }
}

/// Runs a catalog subcommand.
///
/// # Errors
///
/// Bad input for a name the catalog does not know.
pub(crate) fn run(command: &CatalogCommand) -> Result<Vec<Section>> {
    match command {
        CatalogCommand::List(f) => list(f),
        CatalogCommand::Accelerators(f) => accelerators(f),
        CatalogCommand::Show { name } => show(name),
        CatalogCommand::Compare { names } => compare(names),
    }
}

/// `catalog list`: the miners that pass every filter, most efficient first.
fn list(f: &ListArgs) -> Result<Vec<Section>> {
    let manufacturer = f.manufacturer.as_deref().map(str::to_lowercase);
    let rows: Vec<MinerRow> = catalog::asics_by_efficiency()
        .into_iter()
        .filter(|m| f.year.is_none_or(|y| m.release().year_number() == y))
        .filter(|m| f.cooling.is_none_or(|c| m.cooling() == c))
        .filter(|m| {
            f.max_efficiency.is_none_or(|e| {
                m.efficiency().get(unit::JOULE_PER_TERAHASH) <= e.get(unit::JOULE_PER_TERAHASH)
            })
        })
        .filter(|m| {
            manufacturer
                .as_deref()
                .is_none_or(|x| m.manufacturer().to_lowercase() == x)
        })
        .map(MinerRow::of)
        .collect();
    note_if_empty(rows.is_empty(), "miners");
    Ok(vec![Section::new("miners", &rows)?])
}

/// `catalog accelerators`: the accelerators that pass every filter at
/// one precision, most efficient first, and the data's credit line.
fn accelerators(f: &AcceleratorArgs) -> Result<Vec<Section>> {
    let vendor = f.vendor.as_deref().map(str::to_lowercase);
    let rows: Vec<AcceleratorRow> = catalog::accelerators_by_efficiency(f.precision)
        .into_iter()
        .filter(|(a, _)| {
            f.year
                .is_none_or(|y| a.release().is_some_and(|d| d.year_number() == y))
        })
        .filter(|(a, _)| {
            vendor
                .as_deref()
                .is_none_or(|v| a.vendor().to_lowercase() == v)
        })
        .map(|(a, e)| AcceleratorRow {
            name: a.name().into(),
            vendor: a.vendor().into(),
            release: a.release().map(|d| d.to_string()).unwrap_or_default(),
            precision: f.precision.to_string(),
            board_power_w: a.board_power().map(|p| round(p.get(unit::WATT), 1)),
            dense_tflops: a
                .peak_rate(f.precision, Sparsity::Dense)
                .ok()
                .map(|r| round(r.get(unit::TERAFLOP_PER_SECOND), 1)),
            tflops_per_w: round(e.get(unit::TERAFLOPS_PER_WATT), 3),
        })
        .collect();
    note_if_empty(rows.is_empty(), "accelerators");
    Ok(vec![
        Section::new("accelerators", &rows)?,
        Section::new(
            "attribution",
            &[Attribution {
                credit: catalog::EPOCH_ATTRIBUTION,
            }],
        )?,
    ])
}

/// `catalog show`: one miner with its source and note.
fn show(name: &str) -> Result<Vec<Section>> {
    let m = lookup(name)?;
    let r = MinerRow::of(&m);
    let row = DetailRow {
        model: r.model,
        manufacturer: r.manufacturer,
        release: r.release,
        cooling: r.cooling,
        hashrate_ths: r.hashrate_ths,
        power_w: r.power_w,
        efficiency_j_per_th: r.efficiency_j_per_th,
        source: m.source().into(),
        note: m.note().unwrap_or("").into(),
    };
    Ok(vec![Section::new("miner", &[row])?])
}

/// `catalog compare`: the miners, then each after the first against it.
fn compare(names: &[String]) -> Result<Vec<Section>> {
    let miners = names
        .iter()
        .map(|n| lookup(n))
        .collect::<Result<Vec<_>>>()?;
    let (first, rest) = miners
        .split_first()
        .ok_or_else(|| CliError::input("no miners to compare", "name two or more miners"))?;
    let rows = rest
        .iter()
        .map(|m| {
            let gain = miner_gain(first, m).map_err(|e| {
                // The catalog's own figures: a failure here is a bug.
                CliError::internal(format!("{} vs {}: {e}", first.model(), m.model()))
            })?;
            Ok(GainRow {
                from: first.model().into(),
                to: m.model().into(),
                from_j_per_th: round(first.efficiency().get(unit::JOULE_PER_TERAHASH), 2),
                to_j_per_th: round(m.efficiency().get(unit::JOULE_PER_TERAHASH), 2),
                work_per_joule_ratio: round(gain.ratio(), 4),
                percent_better: round(gain.percent_better(), 2),
                percent_less_energy: round(gain.percent_less_energy(), 2),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let list: Vec<MinerRow> = miners.iter().map(MinerRow::of).collect();
    Ok(vec![
        Section::new("miners", &list)?,
        Section::new("gains", &rows)?,
    ])
}
