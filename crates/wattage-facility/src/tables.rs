//! Results as CSV tables, and back: the exact ledger's periods, a
//! summary's workloads, a comparison's years and a price series, each
//! written by one function and read back by its twin (feature `std`).
//!
//! Money is written as plain decimal dollars, exactly as the ledger holds
//! it (`1533.63875`, no rounding, no `$`), so it reads back to the last
//! digit; energy in MWh and time in hours as the shortest decimal that
//! reads back to the same `f64`; times as RFC 3339 UTC
//! (`2023-08-15T05:00:00Z`). Column names carry the unit
//! (`energy_cost_usd`, `energy_mwh`). Read errors name the line and
//! column, as the price readers' do.
//!
//! ```
//! // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::tables::{read_prices, write_prices};
//!
//! let start = Utc.with_ymd_and_hms(2021, 2, 16, 6, 0, 0).unwrap();
//! let prices = ["$9000/MWh", "-$1.5/MWh"].iter().map(|p| p.parse()).collect::<Result<_, _>>()?;
//! let series = PriceSeries::new(start, Resolution::Hourly, prices)?;
//! let mut csv = Vec::new();
//! write_prices(&series, &mut csv)?;
//! assert_eq!(String::from_utf8(csv.clone())?, "start_utc,price_usd_per_mwh\n2021-02-16T06:00:00Z,9000\n2021-02-16T07:00:00Z,-1.5\n");
//! assert_eq!(read_prices(csv.as_slice(), Resolution::Hourly)?, series);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::str::FromStr;
use std::io::{Read, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use wattage_units::{Btc, Energy, EnergyPrice, Time, Usd, unit};

use crate::FacilityError;
use crate::comparison::{Comparison, YearComparison};
use crate::curtailment::CurtailReason;
use crate::ledger::{SiteLedger, SitePeriod, WorkloadPeriod};
use crate::money_lines::{LINES, Line, MoneyLines, Scope};
use crate::price_series::iso::{Columns, Header, Row, for_each_row};
use crate::price_series::{GapPolicy, PriceSeries, Resolution, SeriesBuilder};
use crate::summary::{Summary, WorkloadSummary, YearRow};

/// The ledger's columns before its money lines (every line of
/// [`MoneyLines`], in the order of [`LINES`]).
const LEDGER: [&str; 3] = ["start_utc", "price_usd_per_mwh", "energy_mwh"];

/// A summary's columns before its money lines (the workload lines of
/// [`MoneyLines`]) and after them.
const SUMMARY_BEFORE: [&str; 3] = ["name", "kind", "mw_years"];
const SUMMARY_AFTER: [&str; 11] = [
    "gross_margin_usd",
    "opex_usd",
    "ebitda_usd",
    "depreciation_usd",
    "revenue_per_mw_year_usd",
    "ebitda_per_mw_year_usd",
    "btc_mined",
    "energy_cost_per_btc_usd",
    "all_in_cost_per_btc_usd",
    "curtailed_hours",
    "curtailed_mwh",
];

/// The columns of one plan's year in a comparison, after `year` and
/// `start_utc`, prefixed `base_` and `alternative_`.
const YEAR: [&str; 9] = [
    "revenue_usd",
    "energy_cost_usd",
    "gross_margin_usd",
    "opex_usd",
    "ebitda_usd",
    "capex_usd",
    "asset_sales_usd",
    "depreciation_usd",
    "cash_flow_usd",
];

const PRICES: [&str; 2] = ["start_utc", "price_usd_per_mwh"];

/// A workload line's columns before its money lines (the workload lines
/// of [`MoneyLines`]) and after them.
const LINES_BEFORE: [&str; 7] = [
    "start_utc",
    "workload",
    "live",
    "running",
    "reason",
    "it_energy_mwh",
    "energy_mwh",
];
const LINES_AFTER: [&str; 3] = ["btc_mined", "reserve_offered", "deployed_energy_mwh"];

/// The money lines a table has: every line, or only those a workload
/// books ([`Scope::Workload`]).
#[derive(Clone, Copy)]
enum Lines {
    All,
    Workload,
}

impl Lines {
    fn has(self, line: &Line) -> bool {
        matches!(self, Self::All) || line.scope == Scope::Workload
    }

    /// The table's header: `before`, the money lines' columns, `after`.
    fn header(self, before: &[&'static str], after: &[&'static str]) -> Vec<&'static str> {
        let money = LINES.iter().filter(|l| self.has(l)).map(|l| l.column);
        before
            .iter()
            .copied()
            .chain(money)
            .chain(after.iter().copied())
            .collect()
    }

    /// The number of money columns.
    fn count(self) -> usize {
        LINES.iter().filter(|l| self.has(l)).count()
    }

    /// The money lines' fields of a row.
    fn texts(self, money: &MoneyLines<Usd>) -> impl Iterator<Item = String> {
        money
            .lines()
            .into_iter()
            .filter(move |(l, _)| self.has(l))
            .map(|(_, v)| usd_text(v))
    }

    /// The money lines read from the columns from `first` on (zero for
    /// the lines the table does not have).
    fn read(self, f: &Fields<'_, '_>, first: usize) -> Result<MoneyLines<Usd>, FacilityError> {
        let mut n = first;
        MoneyLines::ZERO.try_map(|line, zero| {
            if !self.has(&line) {
                return Ok(zero);
            }
            n += 1;
            f.usd(n - 1, line.column)
        })
    }
}

/// Why a load was curtailed, as written (the names serde gives them).
const REASONS: [(CurtailReason, &str); 4] = [
    (CurtailReason::Breakeven, "breakeven"),
    (CurtailReason::SellBack, "sell_back"),
    (CurtailReason::Strike, "strike"),
    (CurtailReason::FourCp, "four_cp"),
];

/// The workload kinds a summary can name.
const KINDS: [&str; 5] = [
    "self-mining",
    "hosting",
    "colocation",
    "GPU cloud",
    "flat fee",
];

fn write_error(error: &csv::Error) -> FacilityError {
    FacilityError::Write {
        reason: error.to_string(),
    }
}

/// Writes `rows` (each as text fields) under `header`.
fn write_table<W: Write>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = Result<Vec<String>, FacilityError>>,
) -> Result<(), FacilityError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header).map_err(|e| write_error(&e))?;
    for row in rows {
        writer.write_record(row?).map_err(|e| write_error(&e))?;
    }
    writer.flush().map_err(|e| FacilityError::Write {
        reason: e.to_string(),
    })
}

/// Reads the rows of a table with `header`'s columns, in any order.
fn read_table<R: Read, T>(
    reader: R,
    header: &[&str],
    mut read: impl FnMut(&Fields<'_, '_>) -> Result<T, FacilityError>,
) -> Result<Vec<T>, FacilityError> {
    let mut out = Vec::new();
    for_each_row(
        reader,
        |h| find_columns(h, header),
        |columns, row| {
            out.push(read(&Fields { columns, row })?);
            Ok(())
        },
    )?;
    Ok(out)
}

/// `header`'s columns found in a file's header, by name.
fn find_columns(h: &Header<'_>, header: &[&str]) -> Result<Columns, FacilityError> {
    let found = header
        .iter()
        .map(|name| h.column(&[name]).map(Some))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Columns(found))
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn usd_text(amount: Usd) -> String {
    amount.dollars().normalize().to_string()
}

fn optional_usd_text(amount: Option<Usd>) -> String {
    amount.map(usd_text).unwrap_or_default()
}

/// One row's fields by position in the table's header.
struct Fields<'c, 'r> {
    columns: &'c Columns,
    row: &'c Row<'r>,
}

impl Fields<'_, '_> {
    fn text(&self, n: usize) -> &str {
        self.row.field(self.columns.get(n))
    }

    fn decimal(&self, n: usize, column: &'static str) -> Result<Decimal, FacilityError> {
        let text = self.text(n);
        Decimal::from_str(text).map_err(|_| self.row.invalid(column, text, "a decimal number"))
    }

    fn usd(&self, n: usize, column: &'static str) -> Result<Usd, FacilityError> {
        self.decimal(n, column).map(Usd::new)
    }

    fn optional_usd(&self, n: usize, column: &'static str) -> Result<Option<Usd>, FacilityError> {
        if self.text(n).is_empty() {
            return Ok(None);
        }
        self.usd(n, column).map(Some)
    }

    fn number(&self, n: usize, column: &'static str) -> Result<f64, FacilityError> {
        let text = self.text(n);
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.row.invalid(column, text, "a finite number"))
    }

    fn energy(&self, n: usize, column: &'static str) -> Result<Energy, FacilityError> {
        let value = self.number(n, column)?;
        Energy::new(value, unit::MEGAWATT_HOUR)
            .map_err(|_| self.row.invalid(column, self.text(n), "an energy in MWh"))
    }

    fn time(&self, n: usize, column: &'static str) -> Result<Time, FacilityError> {
        let value = self.number(n, column)?;
        Time::new(value, unit::HOUR).map_err(|_| {
            self.row
                .invalid(column, self.text(n), "a non-negative number of hours")
        })
    }

    fn utc(&self, n: usize, column: &'static str) -> Result<DateTime<Utc>, FacilityError> {
        self.row.utc(self.columns.get(n), column)
    }

    fn price(&self, n: usize, column: &'static str) -> Result<EnergyPrice, FacilityError> {
        self.row.price(self.columns.get(n), column)
    }
}

/// Writes a ledger's site periods as CSV, one row per period: its start,
/// the all-in price, the facility energy and every money line, exact.
///
/// # Errors
/// [`FacilityError::Money`] on overflow summing a period;
/// [`FacilityError::Write`] when `out` fails.
pub fn write_ledger<W: Write>(ledger: &SiteLedger, out: W) -> Result<(), FacilityError> {
    let rows = (0..ledger.len()).filter_map(|t| ledger.period(t).transpose());
    write_table(
        out,
        &Lines::All.header(&LEDGER, &[]),
        rows.map(|period| {
            let p = period?;
            let mut row = alloc::vec![
                utc_text(p.start),
                p.price.value().normalize().to_string(),
                p.energy.get(unit::MEGAWATT_HOUR).to_string(),
            ];
            row.extend(Lines::All.texts(&p.money));
            Ok(row)
        }),
    )
}

/// Reads the site periods [`write_ledger`] wrote.
///
/// # Errors
/// [`FacilityError::Csv`] for unreadable CSV, [`FacilityError::MissingColumn`]
/// and [`FacilityError::InvalidField`] naming the line and column.
pub fn read_ledger<R: Read>(reader: R) -> Result<Vec<SitePeriod>, FacilityError> {
    read_table(reader, &Lines::All.header(&LEDGER, &[]), |f| {
        Ok(SitePeriod {
            start: f.utc(0, "start_utc")?,
            price: f.price(1, "price_usd_per_mwh")?,
            energy: f.energy(2, "energy_mwh")?,
            money: Lines::All.read(f, LEDGER.len())?,
        })
    })
}

/// One workload's line in one period, as [`read_workload_lines`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadLine {
    /// Start of the period, UTC.
    pub start: DateTime<Utc>,
    /// The workload's name.
    pub workload: String,
    /// Its line.
    pub line: WorkloadPeriod,
}

fn line_row(start: DateTime<Utc>, workload: &str, l: &WorkloadPeriod) -> Vec<String> {
    let reason = l
        .reason
        .and_then(|r| REASONS.iter().find(|(k, _)| *k == r))
        .map_or("", |(_, name)| name);
    let mut row = alloc::vec![
        utc_text(start),
        workload.to_string(),
        l.live.to_string(),
        l.running.to_string(),
        reason.to_string(),
        l.it_energy.get(unit::MEGAWATT_HOUR).to_string(),
        l.energy.get(unit::MEGAWATT_HOUR).to_string(),
    ];
    row.extend(Lines::Workload.texts(&l.money));
    row.extend([
        l.btc_mined.to_btc().normalize().to_string(),
        l.reserve_offered.to_string(),
        l.deployed_energy.get(unit::MEGAWATT_HOUR).to_string(),
    ]);
    row
}

/// Writes every workload's ledger lines as CSV, one row per period and
/// workload (period by period, workloads in deployment order): whether it
/// was live and ran, why it was curtailed (`breakeven`, `sell_back`,
/// `strike`, `four_cp`, or empty), its energy and its money lines.
///
/// # Errors
/// [`FacilityError::Money`] on overflow; [`FacilityError::Write`] when `out`
/// fails.
pub fn write_workload_lines<W: Write>(ledger: &SiteLedger, out: W) -> Result<(), FacilityError> {
    let horizon = ledger.horizon();
    let names = ledger.workload_names();
    let rows = (0..ledger.len()).flat_map(move |t| {
        (0..names.len()).filter_map(move |w| {
            let line = ledger.entry(t, w)?;
            Some(
                horizon
                    .checked_start_of(t)
                    .ok_or_else(|| crate::schedule::overflow("period start"))
                    .map(|start| line_row(start, &names[w], &line)),
            )
        })
    });
    write_table(
        out,
        &Lines::Workload.header(&LINES_BEFORE, &LINES_AFTER),
        rows,
    )
}

fn flag(f: &Fields<'_, '_>, n: usize, column: &'static str) -> Result<bool, FacilityError> {
    match f.text(n) {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(f.row.invalid(column, other, "true or false")),
    }
}

/// Reads the lines [`write_workload_lines`] wrote.
///
/// # Errors
/// As for [`read_ledger`]; [`FacilityError::InvalidField`] for a reason
/// or flag that does not read.
pub fn read_workload_lines<R: Read>(reader: R) -> Result<Vec<WorkloadLine>, FacilityError> {
    let after = LINES_BEFORE.len() + Lines::Workload.count();
    read_table(
        reader,
        &Lines::Workload.header(&LINES_BEFORE, &LINES_AFTER),
        |f| {
            let reason = match f.text(4) {
                "" => None,
                text => Some(
                    REASONS
                        .iter()
                        .find(|(_, name)| *name == text)
                        .map(|(r, _)| *r)
                        .ok_or_else(|| {
                            f.row
                                .invalid("reason", text, "breakeven, sell_back, strike or four_cp")
                        })?,
                ),
            };
            let btc = Btc::from_btc(f.decimal(after, "btc_mined")?).map_err(|_| {
                f.row
                    .invalid("btc_mined", f.text(after), "an amount of BTC")
            })?;
            let line = WorkloadPeriod {
                live: flag(f, 2, "live")?,
                running: flag(f, 3, "running")?,
                reason,
                it_energy: f.energy(5, "it_energy_mwh")?,
                energy: f.energy(6, "energy_mwh")?,
                money: Lines::Workload.read(f, LINES_BEFORE.len())?,
                btc_mined: btc,
                reserve_offered: flag(f, after + 1, "reserve_offered")?,
                deployed_energy: f.energy(after + 2, "deployed_energy_mwh")?,
            };
            Ok(WorkloadLine {
                start: f.utc(0, "start_utc")?,
                workload: f.text(1).to_string(),
                line,
            })
        },
    )
}

fn summary_row(w: &WorkloadSummary) -> Vec<String> {
    let mut row = alloc::vec![w.name.clone(), w.kind.to_string(), w.mw_years.to_string()];
    row.extend(Lines::Workload.texts(&w.money));
    row.extend([
        usd_text(w.gross_margin),
        usd_text(w.opex),
        usd_text(w.ebitda),
        usd_text(w.depreciation),
        optional_usd_text(w.revenue_per_mw_year),
        optional_usd_text(w.ebitda_per_mw_year),
        w.btc_mined.to_btc().to_string(),
        optional_usd_text(w.energy_cost_per_btc),
        optional_usd_text(w.all_in_cost_per_btc),
        w.curtailed_time.get(unit::HOUR).to_string(),
        w.curtailed_energy.get(unit::MEGAWATT_HOUR).to_string(),
    ]);
    row
}

/// Writes a summary's workloads as CSV, one row per workload (empty
/// fields for figures that do not exist, such as the cost per BTC of a
/// load that mines none). The site-wide lines are the sums of these rows
/// and the site's own power lines; [`write_ledger`] has those per period.
///
/// # Errors
/// [`FacilityError::Write`] when `out` fails.
pub fn write_summary<W: Write>(summary: &Summary, out: W) -> Result<(), FacilityError> {
    write_table(
        out,
        &Lines::Workload.header(&SUMMARY_BEFORE, &SUMMARY_AFTER),
        summary.workloads.iter().map(|w| Ok(summary_row(w))),
    )
}

/// Reads the workload rows [`write_summary`] wrote.
///
/// # Errors
/// As for [`read_ledger`]; [`FacilityError::InvalidField`] for a kind
/// that is not a workload's.
pub fn read_summary<R: Read>(reader: R) -> Result<Vec<WorkloadSummary>, FacilityError> {
    let m = SUMMARY_BEFORE.len() + Lines::Workload.count();
    read_table(
        reader,
        &Lines::Workload.header(&SUMMARY_BEFORE, &SUMMARY_AFTER),
        |f| {
            let kind = KINDS.into_iter().find(|k| *k == f.text(1)).ok_or_else(|| {
                f.row
                    .invalid("kind", f.text(1), "a workload kind such as self-mining")
            })?;
            let btc = f.decimal(m + 6, "btc_mined")?;
            let btc_mined = Btc::from_btc(btc).map_err(|_| {
                f.row
                    .invalid("btc_mined", f.text(m + 6), "an amount of BTC")
            })?;
            Ok(WorkloadSummary {
                name: f.text(0).to_string(),
                kind,
                mw_years: f.decimal(2, "mw_years")?,
                money: Lines::Workload.read(f, SUMMARY_BEFORE.len())?,
                gross_margin: f.usd(m, "gross_margin_usd")?,
                opex: f.usd(m + 1, "opex_usd")?,
                ebitda: f.usd(m + 2, "ebitda_usd")?,
                depreciation: f.usd(m + 3, "depreciation_usd")?,
                revenue_per_mw_year: f.optional_usd(m + 4, "revenue_per_mw_year_usd")?,
                ebitda_per_mw_year: f.optional_usd(m + 5, "ebitda_per_mw_year_usd")?,
                btc_mined,
                energy_cost_per_btc: f.optional_usd(m + 7, "energy_cost_per_btc_usd")?,
                all_in_cost_per_btc: f.optional_usd(m + 8, "all_in_cost_per_btc_usd")?,
                curtailed_time: f.time(m + 9, "curtailed_hours")?,
                curtailed_energy: f.energy(m + 10, "curtailed_mwh")?,
            })
        },
    )
}

fn comparison_header() -> Vec<String> {
    let mut header = alloc::vec![String::from("year"), String::from("start_utc")];
    for plan in ["base_", "alternative_"] {
        header.extend(YEAR.iter().map(|c| alloc::format!("{plan}{c}")));
    }
    header.push(String::from("incremental_cash_flow_usd"));
    header
}

fn year_fields(row: &YearRow) -> [String; 9] {
    [
        row.revenue,
        row.energy_cost,
        row.gross_margin,
        row.opex,
        row.ebitda,
        row.capex,
        row.asset_sales,
        row.depreciation,
        row.cash_flow,
    ]
    .map(usd_text)
}

/// Writes a comparison's years as CSV, one row per year: the year, its
/// start, the base plan's and the alternative's lines side by side, and
/// the incremental cash flow.
///
/// # Errors
/// [`FacilityError::Write`] when `out` fails.
pub fn write_comparison<W: Write>(comparison: &Comparison, out: W) -> Result<(), FacilityError> {
    let header = comparison_header();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = comparison.years.iter().map(|y| {
        let mut row = alloc::vec![y.year.to_string(), utc_text(y.base.start)];
        row.extend(year_fields(&y.base));
        row.extend(year_fields(&y.alternative));
        row.push(usd_text(y.incremental_cash_flow));
        Ok(row)
    });
    write_table(out, &header, rows)
}

/// Reads the years [`write_comparison`] wrote.
///
/// # Errors
/// As for [`read_ledger`].
pub fn read_comparison<R: Read>(reader: R) -> Result<Vec<YearComparison>, FacilityError> {
    let header = comparison_header();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    read_table(reader, &names, |f| {
        let text = f.text(0);
        let year = text
            .parse::<u32>()
            .map_err(|_| f.row.invalid("year", text, "a year index from 0"))?;
        let start = f.utc(1, "start_utc")?;
        let plan = |first: usize| -> Result<YearRow, FacilityError> {
            let usd = |k: usize| f.usd(first + k, "a plan's money column");
            Ok(YearRow {
                year,
                start,
                revenue: usd(0)?,
                energy_cost: usd(1)?,
                gross_margin: usd(2)?,
                opex: usd(3)?,
                ebitda: usd(4)?,
                capex: usd(5)?,
                asset_sales: usd(6)?,
                depreciation: usd(7)?,
                cash_flow: usd(8)?,
            })
        };
        Ok(YearComparison {
            year,
            base: plan(2)?,
            alternative: plan(2 + YEAR.len())?,
            incremental_cash_flow: f.usd(2 + 2 * YEAR.len(), "incremental_cash_flow_usd")?,
        })
    })
}

/// Writes a price series as CSV: each interval's start and its price in
/// $/MWh, exact.
///
/// # Errors
/// [`FacilityError::Write`] when `out` fails.
pub fn write_prices<W: Write>(series: &PriceSeries, out: W) -> Result<(), FacilityError> {
    let rows = series.iter().map(|p| {
        Ok(alloc::vec![
            utc_text(p.start),
            p.price.value().normalize().to_string()
        ])
    });
    write_table(out, &PRICES, rows)
}

/// Reads the series [`write_prices`] wrote, at `resolution`.
///
/// # Errors
/// As for [`read_ledger`]; [`FacilityError::Gap`],
/// [`FacilityError::Duplicate`], [`FacilityError::OutOfOrder`] or
/// [`FacilityError::MisalignedRow`] naming the line of a row that breaks
/// the series (the header is line 1); [`FacilityError::EmptySeries`] for
/// no rows (dated at the Unix epoch).
pub fn read_prices<R: Read>(
    reader: R,
    resolution: Resolution,
) -> Result<PriceSeries, FacilityError> {
    let mut builder = SeriesBuilder::with_policy(resolution, GapPolicy::Refuse);
    for_each_row(
        reader,
        |h| find_columns(h, &PRICES),
        |columns, row| {
            let f = Fields { columns, row };
            builder.push(
                row.line(),
                f.utc(0, "start_utc")?,
                f.price(1, "price_usd_per_mwh")?,
            )
        },
    )?;
    builder.finish_with_report().map(|(series, _)| series)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::TimeZone;

    use super::*;
    use crate::comparison::{Assumptions, Plan, compare};
    use crate::workload::{Hosting, SelfMining, SelfMiningSpec, Workload};
    use crate::{
        Curtailment, Deployment, Hall, HashpricePath, Horizon, PowerContract, PowerSupply, Pue,
        Site, simulate_site,
    };
    use wattage_mining::payout::Pool;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
    }

    /// Miners behind a PUE of 1.07 and a hosted client, on hourly prices
    /// that spike above the miners' breakeven in two hours.
    fn plan(mining: bool) -> (Deployment, PowerContract, Horizon) {
        let site = Site::new("S", "40 MW".parse().unwrap())
            .unwrap()
            .with_hall(
                Hall::new("A", "20 MW".parse().unwrap(), Pue::constant(1.07).unwrap()).unwrap(),
            )
            .unwrap()
            .with_hall(
                Hall::new("B", "10 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap(),
            )
            .unwrap();
        let mut deployment = Deployment::new(site);
        if mining {
            let miners = SelfMining::new(SelfMiningSpec {
                hashrate: "1.1 EH/s".parse().unwrap(),
                it_power: "17.6 MW".parse().unwrap(),
                pool: Pool::fpps("2.5%".parse().unwrap()).unwrap(),
                hashprice: HashpricePath::Constant("$48.3/PH/day".parse().unwrap()),
                btc_price: "$97,000/BTC".parse().unwrap(),
                uptime: Decimal::ONE,
                degradation_per_year: Decimal::ZERO,
            })
            .unwrap();
            deployment
                .assign("miners", "A", Workload::SelfMining(miners))
                .unwrap();
        }
        let hosting = Hosting::new("9 MW".parse().unwrap(), "$71.5/MWh".parse().unwrap()).unwrap();
        deployment
            .assign("client", "B", Workload::Hosting(hosting))
            .unwrap();
        let prices = (0..48)
            .map(|h| {
                alloc::format!("${}.37/MWh", [31, 44, 27, 650, 39, 1900][h % 6])
                    .parse()
                    .unwrap()
            })
            .collect();
        let series = PriceSeries::new(start(), Resolution::Hourly, prices).unwrap();
        let contract = PowerContract::new(PowerSupply::index(series, "$2.1/MWh".parse().unwrap()));
        (
            deployment,
            contract,
            Horizon::new(start(), Resolution::Hourly, 48).unwrap(),
        )
    }

    fn close(a: Energy, b: Energy) -> bool {
        let (a, b) = (a.get(unit::MEGAWATT_HOUR), b.get(unit::MEGAWATT_HOUR));
        (a - b).abs() <= 1e-12 * a.abs().max(1.0)
    }

    #[test]
    fn a_ledger_reads_back_what_it_wrote() {
        let (deployment, contract, horizon) = plan(true);
        let ledger =
            simulate_site(&deployment, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let mut csv = Vec::new();
        write_ledger(&ledger, &mut csv).unwrap();
        let back = read_ledger(csv.as_slice()).unwrap();
        let periods = ledger.periods().unwrap();
        assert_eq!(back.len(), 48);
        for (read, wrote) in back.iter().zip(&periods) {
            assert!(close(read.energy, wrote.energy));
            assert_eq!(
                SitePeriod {
                    energy: wrote.energy,
                    ..*read
                },
                *wrote
            );
        }
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("start_utc,price_usd_per_mwh,energy_mwh,energy_cost_usd,"));
        assert!(text.contains("\n2026-01-01T03:00:00Z,652.47,"), "{text}");

        let mut csv = Vec::new();
        write_workload_lines(&ledger, &mut csv).unwrap();
        let back = read_workload_lines(csv.as_slice()).unwrap();
        assert_eq!(back.len(), 96);
        let spike = &back[2 * 3]; // 03:00, the miners
        assert_eq!(
            (spike.workload.as_str(), spike.line.reason),
            ("miners", Some(CurtailReason::Breakeven))
        );
        for (k, read) in back.iter().enumerate() {
            let wrote = ledger.entry(k / 2, k % 2).unwrap();
            assert!(
                close(read.line.energy, wrote.energy)
                    && close(read.line.it_energy, wrote.it_energy)
            );
            let same = WorkloadPeriod {
                energy: wrote.energy,
                it_energy: wrote.it_energy,
                ..read.line
            };
            assert_eq!(same, wrote);
        }
        let bad = String::from_utf8(csv)
            .unwrap()
            .replacen(",breakeven,", ",lunch,", 1);
        let err = read_workload_lines(bad.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("\"lunch\""), "{err}");
    }

    #[test]
    fn a_summary_and_a_comparison_read_back_what_they_wrote() {
        let (mining, contract, horizon) = plan(true);
        let (hosting, _, _) = plan(false);
        let assumptions = Assumptions {
            contract,
            horizon,
            curtailment: Curtailment::AboveBreakeven,
            opex_per_mw_year: "$55,000".parse().unwrap(),
            discount_rate: Decimal::new(1, 1),
            discounting: crate::capital::Discounting::Yearly(wattage_finance::Timing::YEARLY),
            taxes: None,
            tax_depreciation: crate::capital::TaxDepreciationSpec::default(),
        };
        let named = |name: &str, deployment| Plan {
            name: name.into(),
            deployment,
            capex: Vec::new(),
            debt: Vec::new(),
            terminal_value: crate::capital::TerminalValue::None,
        };
        let comparison = compare(
            &named("mining", mining),
            &named("hosting", hosting),
            &assumptions,
        )
        .unwrap();
        let summary = &comparison.base.summary;
        let mut csv = Vec::new();
        write_summary(summary, &mut csv).unwrap();
        let back = read_summary(csv.as_slice()).unwrap();
        assert_eq!(back.len(), 2);
        for (read, wrote) in back.iter().zip(&summary.workloads) {
            assert!(close(read.curtailed_energy, wrote.curtailed_energy));
            let read = WorkloadSummary {
                curtailed_energy: wrote.curtailed_energy,
                ..read.clone()
            };
            assert_eq!(&read, wrote);
        }
        assert!(summary.workloads[0].curtailed_time > Time::ZERO);
        assert_eq!(back[1].energy_cost_per_btc, None); // the client mines none

        let mut csv = Vec::new();
        write_comparison(&comparison, &mut csv).unwrap();
        assert_eq!(read_comparison(csv.as_slice()).unwrap(), comparison.years);
    }

    #[test]
    fn a_price_series_reads_back_and_bad_rows_name_their_line() {
        let (_, contract, _) = plan(true);
        let crate::PowerSupply::Index { prices: series, .. } = contract.supply() else {
            unreachable!()
        };
        let mut csv = Vec::new();
        write_prices(series, &mut csv).unwrap();
        assert_eq!(
            &read_prices(csv.as_slice(), Resolution::Hourly).unwrap(),
            series
        );

        let gap = "start_utc,price_usd_per_mwh\n2026-01-01T00:00:00Z,30\n2026-01-01T02:00:00Z,31\n";
        let err = read_prices(gap.as_bytes(), Resolution::Hourly).unwrap_err();
        assert!(matches!(err, FacilityError::Gap { line: 3, .. }), "{err}");
        let bad = "start_utc,price_usd_per_mwh\n2026-01-01T00:00:00Z,thirty\n";
        let err = read_prices(bad.as_bytes(), Resolution::Hourly).unwrap_err();
        assert_eq!(err.line(), Some(2));
        let missing = read_ledger("start_utc,price_usd_per_mwh\n".as_bytes()).unwrap_err();
        assert!(
            matches!(missing, FacilityError::MissingColumn { .. }),
            "{missing}"
        );
        let summary = "name,kind,mw_years,energy_cost_usd,revenue_usd,sell_back_credit_usd,reserve_payment_usd,pass_through_usd,curtailment_value_usd,gross_margin_usd,opex_usd,ebitda_usd,depreciation_usd,revenue_per_mw_year_usd,ebitda_per_mw_year_usd,btc_mined,energy_cost_per_btc_usd,all_in_cost_per_btc_usd,curtailed_hours,curtailed_mwh\nx,quantum,1,1,1,1,0,0,0,1,1,1,1,,,0,,,-2,0\n";
        let err = read_summary(summary.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("\"quantum\""), "{err}");
    }

    /// A destination that refuses every write, as a full disk does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("no space left on device"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::other("no space left on device"))
        }
    }

    #[test]
    fn a_failed_write_is_reported_as_a_write_not_a_read() {
        let (deployment, contract, horizon) = plan(true);
        let ledger =
            simulate_site(&deployment, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let err = write_ledger(&ledger, Full).unwrap_err();
        assert!(matches!(err, FacilityError::Write { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with("cannot write the table: ") && text.contains("no space left"),
            "{text}"
        );
    }
}
