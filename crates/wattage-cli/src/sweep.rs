//! `wattage sweep`: every site of a sweep file on every price path (and,
//! with a `[hashprice]` section, on every Monte Carlo hashprice path),
//! through the library's `f64` kernel (`facility::kernel`), one CSV row
//! per case; `--shard I/N` runs one contiguous slice of the cases.
//!
//! All calls into the kernel are in [`prepare`] and [`run_case`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde::{Deserialize, Serialize};
use wattage::facility::Curtailment;
use wattage::facility::HashpricePath;
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::kernel::{PricePath, SiteKernel};
use wattage::facility::power::PowerContract;
use wattage::facility::power::PowerSupply;
use wattage::facility::price_series::GapPolicy;
use wattage::facility::price_series::iso::ercot::Hub;
use wattage::mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
use wattage::mining::network_projection::NetworkStart;
use wattage::mining::network_response::{ResponseModel, ResponseSpec};
use wattage::prelude::*;
use wattage::rust_decimal::Decimal;

use crate::args::{self, Shard};
use crate::config;
use crate::error::{CliError, Result, write_io};
use crate::output::{self, Format, Section};
use crate::site::{SiteConfig, facility_error, gap_policy, read_prices};

/// Arguments of `wattage sweep`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  wattage sweep sweep.toml > results.csv
  wattage sweep sweep.toml --shard 2/4 > part-2.csv
  for i in 1 2 3 4; do wattage sweep sweep.toml --shard $i/4; done > results.csv

Cases are every site on every path (on every Monte Carlo hashprice path,
when the sweep has a [hashprice] section), site by site, numbered from 0. Shard
I of N holds cases floor((I-1)*K/N) to floor(I*K/N) - 1 of K; only shard 1
writes the CSV header, so the shards' outputs concatenated in order are
byte for byte the unsharded output. JSON is one object per line (JSON
Lines) for the same reason; a table cannot be sharded. A progress bar is
drawn on stderr when it is a terminal.")]
pub(crate) struct SweepArgs {
    /// The sweep file (TOML).
    sweep: PathBuf,
    /// Run only shard I of N (from 1), e.g. 2/4.
    #[arg(long, value_parser = args::shard, default_value = "1/1")]
    shard: Shard,
}

/// A sweep file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SweepConfig {
    /// The simulated periods, shared by every case.
    horizon: Horizon,
    /// When mining switches off (default `above_breakeven`).
    #[serde(default = "default_curtailment")]
    curtailment: Curtailment,
    /// Site configs, relative to the sweep file; their `[deployment]` is used.
    sites: Vec<PathBuf>,
    /// Price paths.
    paths: Vec<PathSpec>,
    /// Monte Carlo hashprice paths for every site's mining fleets (default:
    /// each site's own hashprice).
    #[serde(default)]
    hashprice: Option<HashpriceSweep>,
}

/// Hashprice paths from the library's network Monte Carlo, starting on the
/// horizon's first day from the shipped history's network that day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HashpriceSweep {
    /// The BTC price on the first day.
    btc_price: BtcPrice,
    /// Fees per block on the first day.
    fees_per_block: Btc,
    /// Paths, seed, days, volatilities, correlation and the fee process
    /// (`wattage::mining::network_montecarlo::NetworkMonteCarloSpec`).
    #[serde(default)]
    monte_carlo: NetworkMonteCarloSpec,
    /// How the network's hashrate responds to margin
    /// (`wattage::mining::network_response::ResponseSpec`).
    #[serde(default)]
    response: ResponseSpec,
}

/// The Monte Carlo of a sweep, ready to draw path `index` (a path is a
/// pure function of the seed and its index, so every shard draws only its
/// own).
struct HashpricePaths {
    monte_carlo: NetworkMonteCarlo,
    start: NetworkStart,
}

impl HashpricePaths {
    fn new(spec: &HashpriceSweep, horizon: Horizon) -> Result<Self> {
        let bad = |e: &dyn std::fmt::Display| {
            CliError::input(
                format!("[hashprice]: {e}"),
                "see the sweep section of the book's CLI chapter for the Monte Carlo fields",
            )
        };
        let model = ResponseModel::try_from(spec.response.clone()).map_err(|e| bad(&e))?;
        let monte_carlo = NetworkMonteCarlo::new(spec.monte_carlo, model).map_err(|e| bad(&e))?;
        let start = NetworkStart::from_history(
            horizon.start().date_naive(),
            spec.btc_price,
            spec.fees_per_block,
        )
        .map_err(|e| bad(&e))?;
        Ok(Self { monte_carlo, start })
    }

    fn count(&self, spec: &HashpriceSweep) -> usize {
        spec.monte_carlo.paths as usize
    }

    fn path(&self, index: usize) -> Result<HashpricePath> {
        let bad = |e: &dyn std::fmt::Display| {
            CliError::input(
                format!("hashprice path {index}: {e}"),
                "check the [hashprice] section",
            )
        };
        let index = u32::try_from(index).map_err(|e| bad(&e))?;
        let path = self
            .monte_carlo
            .path(&self.start, index)
            .map_err(|e| bad(&e))?;
        HashpricePath::from_monte_carlo_path(&path).map_err(|e| bad(&e))
    }
}

const fn default_curtailment() -> Curtailment {
    Curtailment::AboveBreakeven
}

/// One price path: a flat price, or a price file, optionally scaled.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathSpec {
    /// A name for the results.
    name: String,
    /// One price for every period.
    #[serde(default)]
    flat: Option<EnergyPrice>,
    /// A price file (as `--prices` reads), relative to the sweep file.
    #[serde(default)]
    file: Option<PathBuf>,
    /// The hub to read from an ERCOT file (default HB_WEST).
    #[serde(default)]
    hub: Option<String>,
    /// Any settlement point of an ERCOT settlement point price file by its
    /// name, instead of `hub` (as `--point`).
    #[serde(default)]
    point: Option<String>,
    /// Multiplies every price of the path (default 1).
    #[serde(default)]
    scale: Option<f64>,
    /// How a price file's missing intervals are treated, as `--gap-policy`
    /// reads it: "refuse" (the default), "fill-forward", "interpolate" or a
    /// price such as "$100/MWh".
    #[serde(default)]
    gap_policy: Option<String>,
}

/// One case's results: the kernel's site totals.
#[derive(Debug, Serialize)]
struct CaseRow<'a> {
    case: usize,
    site: &'a str,
    /// The Monte Carlo hashprice path (empty: the site's own hashprice).
    hashprice_path: Option<usize>,
    path: &'a str,
    revenue_usd: f64,
    energy_cost_usd: f64,
    sell_back_credit_usd: f64,
    gross_margin_usd: f64,
    energy_mwh: f64,
    btc_mined: f64,
}

/// A site ready for the kernel.
struct PreparedSite {
    name: String,
    kernel: SiteKernel,
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let r = (value * scale).round() / scale;
    // No "-0" in the output.
    if r == 0.0 { 0.0 } else { r }
}

/// Prepares one site for the kernel. The kernel's dry run needs a
/// contract; a fixed $0/MWh one is used, since every path brings its own
/// prices.
fn prepare(
    path: &Path,
    deployment: &Deployment,
    horizon: Horizon,
    name: String,
) -> Result<PreparedSite> {
    let zero = EnergyPrice::new(Decimal::ZERO)
        .map_err(|e| CliError::internal(format!("a zero price: {e}")))?;
    let contract = PowerContract::new(PowerSupply::fixed(zero));
    let kernel = SiteKernel::new(deployment, &contract, horizon)
        .map_err(|e| facility_error(&format!("site {}", path.display()), &e))?;
    Ok(PreparedSite { name, kernel })
}

/// Prepares the kernel of one site config, on Monte Carlo hashprice path
/// `h` of `hashprices` when the sweep has them. The kernel (a dry run of
/// the site) is prepared only for the sites a shard runs.
fn prepare_site(
    (path, site): &(PathBuf, SiteConfig),
    hashprices: Option<(&HashpricePaths, usize)>,
    horizon: Horizon,
) -> Result<PreparedSite> {
    let name = site
        .name
        .clone()
        .unwrap_or_else(|| site.deployment.site().name().to_string());
    let deployment = match hashprices {
        Some((paths, h)) => site
            .deployment
            .with_mining_hashprice(&paths.path(h)?)
            .map_err(|e| facility_error(&format!("site {}", path.display()), &e))?,
        None => site.deployment.clone(),
    };
    prepare(path, &deployment, horizon, name)
}

/// Builds the `f64` price path of `spec` over `horizon`.
fn price_path(base: &Path, spec: &PathSpec, horizon: Horizon) -> Result<PricePath> {
    let scale = spec.scale.unwrap_or(1.0);
    if !scale.is_finite() {
        return Err(CliError::input(
            format!("path {:?}: scale {scale} is not a finite number", spec.name),
            "scale multiplies every price, e.g. 1.5",
        ));
    }
    let prices: Vec<f64> = match (&spec.flat, &spec.file) {
        (Some(p), None) => vec![p.to_f64(); horizon.periods()],
        (None, Some(file)) => {
            let hub = match &spec.hub {
                Some(h) => h.parse::<Hub>().map_err(|e| {
                    CliError::input(format!("path {:?}: {e}", spec.name), "hubs: HB_WEST, HB_NORTH, HB_SOUTH, HB_HOUSTON, HB_PAN, HB_BUSAVG, HB_HUBAVG")
                })?,
                None => Hub::West,
            };
            let file = base.join(file);
            if !file.is_file() {
                return Err(CliError::input(
                    format!("path {:?}: no price file {}", spec.name, file.display()),
                    RELATIVE,
                ));
            }
            if spec.hub.is_some() && spec.point.is_some() {
                return Err(CliError::input(
                    format!("path {:?} has both `hub` and `point`", spec.name),
                    "name a hub (hub = \"HB_WEST\") or any settlement point (point = \"LZ_WEST\"), not both",
                ));
            }
            let gaps = match &spec.gap_policy {
                Some(text) => gap_policy(text).map_err(|e| {
                    CliError::input(
                        format!("path {:?}: gap_policy: {e}", spec.name),
                        "gap_policy = \"refuse\", \"fill-forward\", \"interpolate\" or a price such as \"$100/MWh\"",
                    )
                })?,
                None => GapPolicy::Refuse,
            };
            let series = read_prices(&file, hub, spec.point.as_deref(), gaps)?;
            let zero = EnergyPrice::new(Decimal::ZERO)
                .map_err(|e| CliError::internal(format!("a zero price: {e}")))?;
            let contract = PowerContract::new(PowerSupply::index(series, zero));
            PricePath::new(&contract, horizon)
                .map_err(|e| facility_error(&format!("path {:?}", spec.name), &e))?
                .prices()
                .to_vec()
        }
        _ => {
            return Err(CliError::input(
                format!(
                    "path {:?} needs exactly one of `flat` and `file`",
                    spec.name
                ),
                "write flat = \"$40/MWh\" or file = \"prices.csv\"",
            ));
        }
    };
    PricePath::from_f64(prices.into_iter().map(|p| p * scale).collect(), None)
        .map_err(|e| facility_error(&format!("path {:?}", spec.name), &e))
}

/// Runs one case through the kernel.
fn run_case<'a>(
    case: usize,
    site: &'a PreparedSite,
    hashprice: Option<usize>,
    name: &'a str,
    path: &PricePath,
    policy: Curtailment,
) -> CaseRow<'a> {
    let t = site.kernel.run(path, policy);
    CaseRow {
        case,
        site: &site.name,
        hashprice_path: hashprice,
        path: name,
        revenue_usd: round(t.money.revenue, 2),
        energy_cost_usd: round(t.money.energy_cost, 2),
        sell_back_credit_usd: round(t.money.sell_back_credit, 2),
        gross_margin_usd: round(t.gross_margin(), 2),
        energy_mwh: round(
            t.workloads
                .iter()
                .map(|w| w.energy.get(wattage::units::unit::MEGAWATT_HOUR))
                .sum(),
            4,
        ),
        btc_mined: round(t.workloads.iter().map(|w| w.btc).sum(), 8),
    }
}

/// The hint for a file a sweep names that cannot be read.
const RELATIVE: &str = "check the path; a sweep file's site configs and price files are relative to the sweep file's directory";

/// A sweep file read, with everything its shards share.
struct Loaded {
    sweep: SweepConfig,
    hashprices: Option<(HashpricePaths, HashpriceSweep)>,
    configs: Vec<(PathBuf, SiteConfig)>,
    paths: Vec<PricePath>,
}

/// Reads the sweep file at `path`, its site configs and its price paths.
/// Every shard reads them all, so that bad input is reported by every
/// shard alike.
///
/// # Errors
///
/// Bad input for the sweep file, a site config or a price path.
fn load(path: &Path) -> Result<Loaded> {
    let text = config::read(path, "sweep file")?;
    let mut sweep: SweepConfig = config::toml_file(path, &text)?;
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    let hashprices = match sweep.hashprice.take() {
        Some(spec) => Some((HashpricePaths::new(&spec, sweep.horizon)?, spec)),
        None => None,
    };
    let configs = sweep
        .sites
        .iter()
        .map(|site| {
            let path = base.join(site);
            let text = config::read(&path, "site config").map_err(|e| e.with_hint(RELATIVE))?;
            let config: SiteConfig = config::toml_file(&path, &text)?;
            Ok((path, config))
        })
        .collect::<Result<Vec<_>>>()?;
    let paths = sweep
        .paths
        .iter()
        .map(|spec| price_path(base, spec, sweep.horizon))
        .collect::<Result<Vec<_>>>()?;
    Ok(Loaded {
        sweep,
        hashprices,
        configs,
        paths,
    })
}

/// Writes the CSV header alone, for a first shard that has no cases.
fn write_empty_header<W: Write>(out: W) -> Result<()> {
    let header = CaseRow {
        case: 0,
        site: "",
        hashprice_path: None,
        path: "",
        revenue_usd: 0.0,
        energy_cost_usd: 0.0,
        sell_back_credit_usd: 0.0,
        gross_margin_usd: 0.0,
        energy_mwh: 0.0,
        btc_mined: 0.0,
    };
    let section = Section::new("cases", &[header])?;
    output::write_header(out, &section)
}

/// Runs `wattage sweep`, writing rows as they come.
///
/// # Errors
///
/// Bad input for the sweep file, its sites or paths, or a sharded table;
/// internal when the output cannot be written.
pub(crate) fn run<W: Write>(a: &SweepArgs, format: Format, mut out: W) -> Result<()> {
    if format == Format::Table && a.shard != Shard::ALL {
        return Err(CliError::input(
            format!(
                "--shard {}/{} with --format table",
                a.shard.index, a.shard.count
            ),
            "tables are aligned over all rows and cannot be concatenated; use --format csv or json with --shard",
        ));
    }
    let Loaded {
        sweep,
        hashprices,
        configs,
        paths,
    } = load(&a.sweep)?;
    let n_hashprices = hashprices
        .as_ref()
        .map_or(1, |(h, spec)| h.count(spec))
        .max(1);
    let total = sweep.sites.len() * n_hashprices * sweep.paths.len();
    let range = a.shard.range(total);
    let n_paths = sweep.paths.len().max(1);
    // The kernel of the (site, hashprice path) in hand, reused across its
    // price paths.
    let mut prepared: Option<((usize, usize), PreparedSite)> = None;
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(range.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows: Vec<Section> = Vec::new();
    let mut first = true;
    for case in range {
        let (s, h, p) = (
            case / (n_paths * n_hashprices),
            (case / n_paths) % n_hashprices,
            case % n_paths,
        );
        if prepared.as_ref().is_none_or(|(key, _)| *key != (s, h)) {
            let site = prepare_site(
                &configs[s],
                hashprices.as_ref().map(|(p, _)| (p, h)),
                sweep.horizon,
            )?;
            prepared = Some(((s, h), site));
        }
        let (Some((_, site)), Some(path)) = (&prepared, paths.get(p)) else {
            return Err(CliError::internal("a prepared case went missing"));
        };
        let hashprice = hashprices.as_ref().map(|_| h);
        let row = run_case(
            case,
            site,
            hashprice,
            &sweep.paths[p].name,
            path,
            sweep.curtailment,
        );
        let section = Section::new("cases", std::slice::from_ref(&row))?;
        match format {
            Format::Table => rows.push(section),
            Format::Csv => {
                let header = first && a.shard.is_first();
                output::write_records(&mut out, &section, header)?;
            }
            Format::Json => {
                let line = serde_json::to_string(&row)
                    .map_err(|e| CliError::internal(format!("JSON row: {e}")))?;
                writeln!(out, "{line}").map_err(|e| write_io("output", &e))?;
            }
        }
        first = false;
        bar.inc(1);
    }
    bar.finish_and_clear();
    if format == Format::Csv && first && a.shard.is_first() {
        write_empty_header(&mut out)?;
    }
    if format == Format::Table {
        let merged = merge(rows);
        output::emit(&mut out, "sweep", format, &merged)?;
    }
    out.flush().map_err(|e| write_io("output", &e))
}

/// One section of all the single-row sections.
fn merge(rows: Vec<Section>) -> Vec<Section> {
    let mut iter = rows.into_iter();
    let Some(mut all) = iter.next() else {
        return Vec::new();
    };
    for s in iter {
        all.records.extend(s.records);
        all.json.extend(s.json);
    }
    vec![all]
}
