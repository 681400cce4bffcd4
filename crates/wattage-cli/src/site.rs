//! `site run` and `compare`: every call into `wattage::facility`'s
//! simulation, summary and comparison API for these commands is in this
//! module (the sweep kernel is in `sweep.rs`), so that a change of the
//! library's shape is rewired here.
//!
//! A site config is a TOML file whose tables are the library's own serde
//! formats: `[deployment]` is a `facility::deployment::Deployment`,
//! `[horizon]` a `facility::horizon::Horizon`, `[contract]` a
//! `facility::power_contract::PowerContract`, `curtailment` a
//! `facility::Curtailment`, `[[capex]]` a list of
//! `facility::summary::CapexPayment`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};
use wattage::facility::Curtailment;
use wattage::facility::FacilityError;
use wattage::facility::comparison::{Assumptions, Plan, PlanResult, compare as compare_plans};
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::ledger::SiteLedger;
use wattage::facility::power::PowerContract;
use wattage::facility::power::PowerSupply;
use wattage::facility::price_series::GapPolicy;
use wattage::facility::price_series::PriceSeries;
use wattage::facility::price_series::Tz;
use wattage::facility::price_series::iso::ercot::{
    Hub, read_hub_lmp_with, read_settlement_point_prices_with,
};
use wattage::facility::run::simulate_site;
use wattage::facility::summary::{CapexPayment, CashFlows, Summary};
use wattage::facility::totals_by::{Grouping, simulate_by};
use wattage::prelude::*;
use wattage::rust_decimal::Decimal;

use crate::args;
use crate::config;
use crate::error::{CliError, Result, write_io};
use crate::output::Section;

/// `wattage site ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum SiteCommand {
    /// Simulates a site period by period: the summary as a table, the ledger as CSV.
    #[command(after_help = "\
Examples:
  wattage site run site.toml --prices prices.csv
  wattage site run site.toml --prices prices.csv --hub HB_NORTH --out ledger.csv
  wattage site run site.toml --prices prices.csv --charts charts/
  wattage site run site.toml --prices q1.csv --prices q2.csv --by month
  wattage site run site.toml --prices spp.csv --point LZ_WEST
  wattage site run site.toml --format json

The config's tables are the library's serde formats (docs/10-cli.md).
Prices: an ERCOT hub LMP CSV, an ERCOT settlement point price CSV, or a
price series in the library's JSON or TOML format (by extension).")]
    Run(RunArgs),
}

/// Where a site's prices come from, shared by `site run`, `compare` and `sweep`.
#[derive(Debug, Args)]
pub(crate) struct PriceArgs {
    /// A price file: ERCOT hub LMP or settlement point price CSV, or a
    /// library price series (.json, .toml). Replaces the config's
    /// `[contract]`: the site buys at these prices plus `price_adder`.
    /// Repeat it for consecutive files (a year of quarterly files): each
    /// must start where the one before ends.
    #[arg(long, value_name = "FILE")]
    pub(crate) prices: Vec<PathBuf>,
    /// The hub to read from an ERCOT price CSV: a settlement point (HB_WEST, HB_NORTH, HB_SOUTH, HB_HOUSTON, HB_PAN, HB_BUSAVG, HB_HUBAVG) or an LMP column name ("North LMP").
    #[arg(long, default_value = "HB_WEST", value_parser = args::unit::<Hub>)]
    pub(crate) hub: Hub,
    /// Any settlement point of an ERCOT settlement point price CSV by its
    /// name (a load zone "LZ_WEST", a resource node), instead of --hub.
    #[arg(long, value_name = "NAME", conflicts_with = "hub")]
    pub(crate) point: Option<String>,
    /// Missing intervals in a price CSV: refuse (an error naming the line
    /// after the gap), fill-forward, interpolate, or a price to fill them
    /// with ("$100/MWh"). Every filled interval is counted on stderr.
    #[arg(long, default_value = "refuse", value_parser = gap_policy, allow_hyphen_values = true)]
    pub(crate) gap_policy: GapPolicy,
}

/// Reads `--gap-policy`.
pub(crate) fn gap_policy(text: &str) -> std::result::Result<GapPolicy, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "refuse" => Ok(GapPolicy::Refuse),
        "fill-forward" | "forward" => Ok(GapPolicy::FillForward),
        "interpolate" | "linear" => Ok(GapPolicy::Interpolate),
        _ => text.parse::<EnergyPrice>().map(GapPolicy::Price).map_err(|e| {
            format!("{e}; expected refuse, fill-forward, interpolate or a price such as \"$100/MWh\"")
        }),
    }
}

/// Arguments of `wattage site run`.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The site config (TOML).
    config: PathBuf,
    #[command(flatten)]
    prices: PriceArgs,
    /// Also write the ledger, one row per period, as CSV to this file.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Also write each workload's ledger lines (one row per period and
    /// workload) as CSV to this file.
    #[arg(long, value_name = "FILE")]
    workloads_out: Option<PathBuf>,
    /// Also draw charts as SVG into this directory (created if missing):
    /// prices.svg (the energy price per period) and margin.svg (the
    /// cumulative gross margin).
    #[arg(long, value_name = "DIR")]
    charts: Option<PathBuf>,
    /// Also report the site's and each workload's totals by calendar month
    /// or year (UTC, or `--zone`'s), as the library's `simulate_by` sums them.
    #[arg(long, value_name = "PERIOD")]
    by: Option<By>,
    /// The time zone of `--by`'s calendar, by its tz database name
    /// (`America/Chicago` for ERCOT's); UTC when not given.
    #[arg(long, value_name = "ZONE", requires = "by")]
    zone: Option<String>,
}

/// The groups of `site run --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum By {
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// A site config: the library's types, and what the command line adds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteConfig {
    /// A name for reports (default: the site's name).
    #[serde(default)]
    pub(crate) name: Option<String>,
    /// The halls and their workloads.
    pub(crate) deployment: Deployment,
    /// The simulated periods (default with `--prices`: the whole price file).
    #[serde(default)]
    pub(crate) horizon: Option<Horizon>,
    /// The power contract (required without `--prices`).
    #[serde(default)]
    pub(crate) contract: Option<PowerContract>,
    /// Added to every `--prices` price (default $0/MWh).
    #[serde(default)]
    pub(crate) price_adder: Option<EnergyPrice>,
    /// When mining switches off (default `above_breakeven`).
    #[serde(default = "default_curtailment")]
    pub(crate) curtailment: Curtailment,
    /// Non-energy opex per IT MW-year (default $0).
    #[serde(default)]
    pub(crate) opex_per_mw_year: Option<Usd>,
    /// Facility capital payments (for cash flows, NPV and IRR).
    #[serde(default)]
    pub(crate) capex: Vec<CapexPayment>,
}

const fn default_curtailment() -> Curtailment {
    Curtailment::AboveBreakeven
}

/// A config resolved against its prices: everything a simulation needs.
pub(crate) struct Resolved {
    pub(crate) name: String,
    pub(crate) deployment: Deployment,
    pub(crate) contract: PowerContract,
    pub(crate) horizon: Horizon,
    pub(crate) curtailment: Curtailment,
    pub(crate) opex: Usd,
    pub(crate) capex: Vec<CapexPayment>,
}

/// A facility error caused by the user's files.
pub(crate) fn facility_error(context: &str, e: &FacilityError) -> CliError {
    CliError::input(
        format!("{context}: {e}"),
        "the simulation refused the inputs; check the config and the price file against docs/10-cli.md",
    )
}

/// Reads a price file: by extension a library series (.json, .toml), else
/// an ERCOT CSV of either layout (told apart by its header).
///
/// # Errors
///
/// Bad input naming the file and the reader's complaint (with its line).
pub(crate) fn read_prices(
    path: &Path,
    hub: Hub,
    point: Option<&str>,
    gaps: GapPolicy,
) -> Result<PriceSeries> {
    let text = config::read(path, "price file")?;
    if text.trim().is_empty() {
        return Err(CliError::input(
            format!("price file {} is empty", path.display()),
            "a price file is an ERCOT CSV with its header row, or a library price series (.json, .toml)",
        ));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") => config::toml_file(path, &text),
        Some("json") => serde_json::from_str(&text).map_err(|e| {
            // serde_json's message ends with " at line L column C", which the prefix says.
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            CliError::input(
                format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.line(),
                    e.column(),
                    config::explain_time(message)
                ),
                "a JSON price series has start, resolution and prices (the library's serde format)",
            )
        }),
        _ => {
            let header = text.lines().next().unwrap_or("");
            let read = if header.contains("Settlement Point Name") {
                let point = point.unwrap_or_else(|| hub.settlement_point());
                read_settlement_point_prices_with(text.as_bytes(), point, None, gaps)
            } else if let Some(point) = point {
                return Err(CliError::input(
                    format!(
                        "--point {point:?}: {} is a hub LMP file, not a settlement point price file",
                        path.display()
                    ),
                    "a hub LMP file has a column per hub; choose one with --hub",
                ));
            } else {
                read_hub_lmp_with(text.as_bytes(), hub, gaps)
            };
            let (series, report) = read.map_err(|e| {
                let e = e.in_source(path.display().to_string());
                CliError::input(
                    e.to_string(),
                    "the simulation refused the inputs; check the config and the price file against docs/10-cli.md",
                )
            })?;
            if let Some(first) = report.filled.first() {
                eprintln!(
                    "note: {}: filled {} missing interval(s) by the gap policy, the first at {} (before line {})",
                    path.display(),
                    report.len(),
                    first.start,
                    first.before_row
                );
            }
            Ok(series)
        }
    }
}

/// Reads `--prices`' files in order into one series, each appended to the
/// ones before (`None` without `--prices`).
///
/// # Errors
///
/// Bad input for a file that does not read, or one that does not start
/// where the one before ends or has another resolution.
fn read_price_files(prices: &PriceArgs) -> Result<Option<PriceSeries>> {
    let mut all: Option<PriceSeries> = None;
    for path in &prices.prices {
        let next = read_prices(path, prices.hub, prices.point.as_deref(), prices.gap_policy)?;
        match &mut all {
            None => all = Some(next),
            Some(series) => series.append(&next).map_err(|e| {
                CliError::input(
                    e.in_source(path.display().to_string()).to_string(),
                    "give consecutive price files in order, each starting where the one before ends, at the same resolution",
                )
            })?,
        }
    }
    Ok(all)
}

/// Reads a site config and resolves its contract and horizon.
///
/// # Errors
///
/// Bad input for an unreadable or invalid config, or one that has neither
/// a contract nor prices.
pub(crate) fn load(path: &Path, prices: &PriceArgs) -> Result<Resolved> {
    let text = config::read(path, "site config")?;
    let config: SiteConfig = config::toml_file(path, &text)?;
    let series = read_price_files(prices)?;
    let (contract, default_horizon) = match (&series, config.contract) {
        (Some(_), Some(_)) => {
            return Err(CliError::input(
                format!(
                    "{} has a [contract] and --prices was given too",
                    path.display()
                ),
                "use one: --prices buys at the file's prices plus price_adder; [contract] is a full contract",
            ));
        }
        (Some(s), None) => {
            let adder = match config.price_adder {
                Some(p) => p,
                None => EnergyPrice::new(Decimal::ZERO)
                    .map_err(|e| CliError::internal(format!("a zero price: {e}")))?,
            };
            let horizon = Horizon::new(s.start(), s.resolution(), s.len())
                .map_err(|e| facility_error("the price file's span", &e))?;
            (
                PowerContract::new(PowerSupply::index(s.clone(), adder)),
                Some(horizon),
            )
        }
        (None, Some(c)) => (c, None),
        (None, None) => {
            return Err(CliError::input(
                format!(
                    "{} has no [contract] and no --prices was given",
                    path.display()
                ),
                "give a price file with --prices FILE.csv, or a [contract] table in the config",
            ));
        }
    };
    let horizon = config.horizon.or(default_horizon).ok_or_else(|| {
        CliError::input(
            format!("{} has no [horizon]", path.display()),
            "add [horizon] with start, resolution and periods, or give --prices to simulate the file's span",
        )
    })?;
    Ok(Resolved {
        name: config
            .name
            .unwrap_or_else(|| config.deployment.site().name().to_string()),
        deployment: config.deployment,
        contract,
        horizon,
        curtailment: config.curtailment,
        opex: config.opex_per_mw_year.unwrap_or(Usd::ZERO),
        capex: config.capex,
    })
}

/// Simulates a resolved site: the exact ledger.
///
/// # Errors
///
/// Bad input when the simulation refuses the inputs.
pub(crate) fn simulate(site: &Resolved) -> Result<SiteLedger> {
    simulate_site(
        &site.deployment,
        &site.contract,
        site.horizon,
        site.curtailment,
    )
    .map_err(|e| facility_error("simulation", &e))
}

/// Runs `wattage site run`.
///
/// # Errors
///
/// Bad input for the config or prices; internal for a ledger file that
/// cannot be written.
pub(crate) fn run(a: &RunArgs) -> Result<Vec<Section>> {
    let site = load(&a.config, &a.prices)?;
    let ledger = simulate(&site)?;
    let summary = Summary::new(&ledger, &site.deployment, site.opex)
        .map_err(|e| facility_error("summary", &e))?;
    let flows = CashFlows::new(&ledger, &site.deployment, site.opex, &site.capex)
        .map_err(|e| facility_error("cash flows", &e))?;
    let periods = if a.charts.is_some() {
        ledger.periods().map_err(|e| facility_error("ledger", &e))?
    } else {
        Vec::new()
    };
    if let Some(dir) = &a.charts {
        charts(dir, &periods, &chart_source(a))?;
    }
    if let Some(out) = &a.workloads_out {
        write_table(out, |file| {
            wattage::facility::tables::write_workload_lines(&ledger, file)
        })?;
    }
    if let Some(out) = &a.out {
        write_table(out, |file| {
            wattage::facility::tables::write_ledger(&ledger, file)
        })?;
    }
    #[derive(Serialize)]
    struct SiteRow<'a> {
        site: &'a str,
        #[serde(flatten)]
        summary: &'a Summary,
    }
    let mut sections = vec![
        Section::new(
            "site",
            &[SiteRow {
                site: &site.name,
                summary: &summary,
            }],
        )?,
        Section::new("workloads", &summary.workloads)?,
        Section::new("years", flows.rows())?,
    ];
    if let Some(by) = a.by {
        sections.push(totals_by(&site, by, a.zone.as_deref())?);
    }
    Ok(sections)
}

/// The site's totals by month or year: one row per group, with each
/// workload's revenue and energy cost.
fn totals_by(site: &Resolved, by: By, zone: Option<&str>) -> Result<Section> {
    let zone = zone
        .map(|name| {
            name.parse::<Tz>().map_err(|e| {
                CliError::input(
                    format!("--zone {name:?}: {e}"),
                    "name a zone of the tz database, such as America/Chicago or Europe/Berlin",
                )
            })
        })
        .transpose()?;
    let grouping = match (by, zone) {
        (By::Month, None) => Grouping::Month,
        (By::Year, None) => Grouping::Year,
        (By::Month, Some(zone)) => Grouping::LocalMonth(zone),
        (By::Year, Some(zone)) => Grouping::LocalYear(zone),
    };
    let groups = simulate_by(
        &site.deployment,
        &site.contract,
        site.horizon,
        site.curtailment,
        grouping,
    )
    .map_err(|e| facility_error("simulation by period", &e))?;
    #[derive(Serialize)]
    struct GroupRow<'a> {
        start: String,
        periods: usize,
        workload: &'a str,
        revenue: wattage::units::Usd,
        energy_cost: wattage::units::Usd,
        curtailed_periods: usize,
        btc_mined: wattage::units::Btc,
    }
    let mut rows = Vec::new();
    for g in &groups.groups {
        // The group's first day on its own calendar (UTC, or the zone's).
        let start = match zone {
            Some(zone) => g.start.with_timezone(&zone).format("%Y-%m-%d").to_string(),
            None => g.start.format("%Y-%m-%d").to_string(),
        };
        for (name, w) in groups.names.iter().zip(&g.workloads) {
            rows.push(GroupRow {
                start: start.clone(),
                periods: g.periods,
                workload: name,
                revenue: w.money.revenue,
                energy_cost: w.money.energy_cost,
                curtailed_periods: w.curtailed_periods,
                btc_mined: w.btc_mined,
            });
        }
    }
    Section::new(
        match by {
            By::Month => "by month",
            By::Year => "by year",
        },
        &rows,
    )
}

/// Creates the file `out` and writes one of the library's ledger tables
/// into it with `write` (`tables::write_ledger` for `--out`,
/// `tables::write_workload_lines` for `--workloads-out`).
///
/// # Errors
///
/// Bad input when the file cannot be created (a missing directory, a
/// directory in its place); internal when writing into it fails.
fn write_table(
    out: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::result::Result<(), FacilityError>,
) -> Result<()> {
    let what = format!("ledger file {}", out.display());
    let file = std::fs::File::create(out).map_err(|e| {
        CliError::input(
            format!("cannot create {what}: {e}"),
            "check that the directory exists and is writable",
        )
    })?;
    let mut file = std::io::BufWriter::new(file);
    write(&mut file).map_err(|e| match e {
        FacilityError::Write { reason } => crate::error::write_error(&what, reason),
        other => crate::error::write_error(&what, other),
    })?;
    std::io::Write::flush(&mut file).map_err(|e| write_io(&what, &e))
}

/// The source line under `site run`'s charts: the config and the prices.
fn chart_source(a: &RunArgs) -> String {
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let prices = if a.prices.prices.is_empty() {
        String::from("the config's [contract]")
    } else {
        let files: Vec<String> = a.prices.prices.iter().map(|p| name(p)).collect();
        let point = a
            .prices
            .point
            .clone()
            .unwrap_or_else(|| a.prices.hub.to_string());
        format!("{} ({point})", files.join(", "))
    };
    format!(
        "Source: wattage site run of {}; prices: {prices}. Periods start in UTC.",
        name(&a.config)
    )
}

/// Writes `prices.svg` and `margin.svg` of the run's `periods` into `dir`.
fn charts(
    dir: &Path,
    periods: &[wattage::facility::ledger::SitePeriod],
    source: &str,
) -> Result<()> {
    use wattage::rust_decimal::prelude::ToPrimitive;
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::input(
            format!("cannot create chart directory {}: {e}", dir.display()),
            "check that the parent directory exists and is writable",
        )
    })?;
    let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
    let prices: Vec<f64> = periods.iter().map(|p| f(p.price.value())).collect();
    let mut total = Decimal::ZERO;
    let mut margin = Vec::with_capacity(periods.len());
    for p in periods {
        let m = p
            .money
            .gross_margin()
            .map_err(|e| facility_error("ledger", &e))?;
        total = total.checked_add(m.dollars()).ok_or_else(|| {
            CliError::input(
                "the cumulative margin overflows",
                "the run's money is too large to chart",
            )
        })?;
        margin.push(f(total));
    }
    let first = periods
        .first()
        .map(|p| p.start.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let last = periods
        .last()
        .map(|p| p.start.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    for (file, title, label, values) in [
        ("prices.svg", "Energy price per period", "$/MWh", &prices),
        ("margin.svg", "Cumulative gross margin", "$", &margin),
    ] {
        let svg = crate::chart::LineChart {
            title,
            y_label: label,
            x_labels: (&first, &last),
            values,
            source,
        }
        .to_svg();
        let path = dir.join(file);
        std::fs::write(&path, svg).map_err(|e| {
            CliError::input(
                format!("cannot write chart {}: {e}", path.display()),
                "check that the directory is writable",
            )
        })?;
    }
    Ok(())
}

/// Arguments of `wattage compare`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  wattage compare base.toml alternative.toml --prices prices.csv
  wattage compare base.toml ai-lease.toml hosting.toml --discount-rate 8%
  wattage compare base.toml alternative.toml --format json

The first config is the base; its contract (or --prices), horizon,
curtailment and opex are used for every plan, and each other config is
compared with it. The others' [deployment] and [[capex]] are theirs.")]
pub(crate) struct CompareArgs {
    /// The base plan and one or more alternatives (site configs).
    #[arg(num_args = 2.., required = true, value_name = "CONFIG")]
    configs: Vec<PathBuf>,
    #[command(flatten)]
    prices: PriceArgs,
    /// Discount rate per year for NPV.
    #[arg(long, default_value = "10%", value_parser = args::percent, allow_hyphen_values = true)]
    discount_rate: Decimal,
}

/// One plan's totals in a comparison.
#[derive(Debug, Serialize)]
struct PlanRow<'a> {
    base: &'a str,
    alternative: &'a str,
    base_npv: Usd,
    alternative_npv: Usd,
    base_irr: Option<Decimal>,
    alternative_irr: Option<Decimal>,
    incremental_irr: Option<Decimal>,
    base_payback_years: Option<Decimal>,
    alternative_payback_years: Option<Decimal>,
    incremental_payback_years: Option<Decimal>,
}

/// One year of one comparison.
#[derive(Debug, Serialize)]
struct YearRow<'a> {
    alternative: &'a str,
    year: u32,
    start: String,
    base_cash_flow: Usd,
    alternative_cash_flow: Usd,
    incremental_cash_flow: Usd,
}

/// Reads the alternative plan at `path`: its own `[deployment]` and
/// `[[capex]]`, on the base's horizon and contract.
///
/// # Errors
///
/// Bad input for a config that does not read, or one whose `[horizon]` or
/// `[contract]` differs from the base's.
fn alternative(path: &Path, base: &Resolved) -> Result<Plan> {
    let text = config::read(path, "site config")?;
    let other: SiteConfig = config::toml_file(path, &text)?;
    if other.horizon.is_some_and(|h| h != base.horizon) {
        return Err(CliError::input(
            format!(
                "{} has a [horizon] that differs from the base's",
                path.display()
            ),
            "plans are compared over the base's horizon; remove [horizon] from the alternative or make it equal",
        ));
    }
    if other.contract.as_ref().is_some_and(|c| *c != base.contract) {
        return Err(CliError::input(
            format!(
                "{} has a [contract] that differs from the base's",
                path.display()
            ),
            "plans are compared on the base's contract; remove [contract] from the alternative",
        ));
    }
    let name = other
        .name
        .unwrap_or_else(|| other.deployment.site().name().to_string());
    Ok(Plan {
        debt: vec![],
        terminal_value: wattage::facility::capital::TerminalValue::None,
        name,
        deployment: other.deployment,
        capex: other.capex,
    })
}

/// Years until `plan`'s own cash flows pay back, to four decimals.
fn payback(plan: &PlanResult, name: &str) -> Result<Option<Decimal>> {
    let years = plan
        .payback_years()
        .map_err(|e| facility_error(&format!("the payback of {name}"), &e))?;
    Ok(years.map(|y| y.round_dp(4)))
}

/// Runs `wattage compare`.
///
/// # Errors
///
/// Bad input for a config, or an alternative whose horizon or contract
/// differs from the base's.
pub(crate) fn compare(a: &CompareArgs) -> Result<Vec<Section>> {
    let (base_path, others) = a
        .configs
        .split_first()
        .ok_or_else(|| CliError::input("no configs to compare", "name two or more site configs"))?;
    let base = load(base_path, &a.prices)?;
    let base_plan = Plan {
        debt: vec![],
        terminal_value: wattage::facility::capital::TerminalValue::None,
        name: base.name.clone(),
        deployment: base.deployment.clone(),
        capex: base.capex.clone(),
    };
    let mut totals = Vec::new();
    let mut years = Vec::new();
    let mut results = Vec::new();
    for path in others {
        let plan = alternative(path, &base)?;
        let assumptions = Assumptions {
            discounting: wattage::facility::capital::Discounting::Yearly(
                wattage::finance::Timing::YEARLY,
            ),
            taxes: None,
            tax_depreciation: Default::default(),
            contract: base.contract.clone(),
            horizon: base.horizon,
            curtailment: base.curtailment,
            opex_per_mw_year: base.opex,
            discount_rate: a.discount_rate,
        };
        let c = compare_plans(&base_plan, &plan, &assumptions)
            .map_err(|e| facility_error(&format!("comparing with {}", path.display()), &e))?;
        results.push(c);
    }
    for c in &results {
        totals.push(PlanRow {
            base: &c.base.name,
            alternative: &c.alternative.name,
            base_npv: c.base_npv.round_to_cents(),
            alternative_npv: c.alternative_npv.round_to_cents(),
            // Unlevered and before tax, as the NPVs are.
            base_irr: c.base.finance.unlevered_pre_tax.irr.map(|r| r.round_dp(6)),
            alternative_irr: c
                .alternative
                .finance
                .unlevered_pre_tax
                .irr
                .map(|r| r.round_dp(6)),
            incremental_irr: c.incremental_irr.map(|r| r.round_dp(6)),
            base_payback_years: payback(&c.base, &c.base.name)?,
            alternative_payback_years: payback(&c.alternative, &c.alternative.name)?,
            incremental_payback_years: c.incremental_payback_years.map(|y| y.round_dp(4)),
        });
        for y in &c.years {
            years.push(YearRow {
                alternative: &c.alternative.name,
                year: y.year,
                start: y.base.start.format("%Y-%m-%d").to_string(),
                base_cash_flow: y.base.cash_flow.round_to_cents(),
                alternative_cash_flow: y.alternative.cash_flow.round_to_cents(),
                incremental_cash_flow: y.incremental_cash_flow.round_to_cents(),
            });
        }
    }
    Ok(vec![
        Section::new("comparisons", &totals)?,
        Section::new("years", &years)?,
    ])
}
