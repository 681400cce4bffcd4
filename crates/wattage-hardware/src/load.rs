//! Bringing your own machines: CSV (and, with the `serde` feature, TOML or
//! JSON) specs validated like the built-in ones, and Epoch AI's
//! `ml_hardware.csv` read as published.
//!
//! Nothing is dropped silently: every row that cannot be used comes back in
//! [`Loaded::rejected`] with its line and reason, and every value that was
//! ignored in a usable row comes back in [`Loaded::notices`].

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::accelerator::{Accelerator, AcceleratorSpec, PeakSpec};
use crate::asic::{AsicMiner, AsicSpec, USER_SOURCE};
use crate::cooling::Cooling;
use crate::csv::{self, Record};
use crate::date::ReleaseDate;
use crate::error::{Error, Result};
use crate::precision::{Precision, Sparsity};

/// A row that could not be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// 1-based line of the row in the input (entry index + 1 for TOML/JSON lists).
    pub line: usize,
    /// The row's device name, when it had one.
    pub name: Option<String>,
    /// Why it was rejected.
    pub error: Error,
}

/// A value in a usable row that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// 1-based line of the row.
    pub line: usize,
    /// The row's device name.
    pub name: String,
    /// What was ignored ("TDP (W) is \"inf\": treated as missing").
    pub message: String,
}

/// What a loader made of its input.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// The devices that passed validation, in input order.
    pub items: Vec<T>,
    /// Rows that could not be used.
    pub rejected: Vec<Rejected>,
    /// Values ignored in rows that were used.
    pub notices: Vec<Notice>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            rejected: Vec::new(),
            notices: Vec::new(),
        }
    }
}

impl<T> Loaded<T> {
    /// Whether every row was used without any value ignored.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.rejected.is_empty() && self.notices.is_empty()
    }
}

/// A number cell: a finite value, or missing (empty, or a placeholder such
/// as `inf`, `Infinity`, `nan`, `-`, `n/a`, with the reason to report).
enum Cell {
    Missing(Option<&'static str>),
    Value(f64),
}

fn number(raw: &str, what: &'static str) -> Result<Cell> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(Cell::Missing(None));
    }
    let lower = t.to_ascii_lowercase();
    let lower = lower.trim_start_matches(['+', '-']);
    if matches!(
        lower,
        "inf" | "infinity" | "nan" | "n/a" | "na" | "none" | "null" | ""
    ) {
        return Ok(Cell::Missing(Some("a placeholder for a missing value")));
    }
    let cleaned: String = t.chars().filter(|c| *c != '_' && *c != ' ').collect();
    let cleaned = if has_thousands_separators(&cleaned) {
        cleaned.replace(',', "")
    } else {
        cleaned
    };
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Cell::Value(v)),
        _ => Err(Error::Unreadable {
            input: t.into(),
            expected: what,
        }),
    }
}

/// Whether `t` is written like `8,910.91` or `1,000`: comma-separated
/// groups of three digits before an optional decimal part.
fn has_thousands_separators(t: &str) -> bool {
    let t = t.trim_start_matches(['+', '-']);
    let int = t.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let rest: Vec<&str> = groups.collect();
    first_ok
        && !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

const MODEL: &[&str] = &["model", "name", "hardware name", "hardware_name"];
const MANUFACTURER: &[&str] = &["manufacturer", "vendor", "maker"];
const RELEASE: &[&str] = &[
    "release",
    "release_date",
    "release date",
    "release_year",
    "year",
];
const HASHRATE: &[&str] = &["hashrate_ths", "hashrate (TH/s)", "hashrate"];
const POWER: &[&str] = &["power_w", "power (W)", "power", "wall_power_w"];
const EFFICIENCY: &[&str] = &[
    "efficiency_j_per_th",
    "efficiency (J/TH)",
    "efficiency",
    "j_per_th",
];
const COOLING: &[&str] = &["cooling"];
const SOURCE: &[&str] = &["source", "sources"];
const NOTE: &[&str] = &["note", "notes"];

fn require(
    header: &Record,
    aliases: &[&str],
    column: &'static str,
    accepted: &'static str,
) -> Result<usize> {
    csv::find_column(header, aliases).ok_or(Error::MissingColumn { column, accepted })
}

/// Reads ASIC miners from CSV with a header row, validating each row like a
/// catalog entry.
///
/// Columns (any order, names matched loosely): `model`, `manufacturer`,
/// `release` (or `release_year`, `release_date`), and at least two of
/// `hashrate_ths`, `power_w`, `efficiency_j_per_th`; optional `cooling`
/// (default air), `source`, `note`. `#` lines are comments. The project's
/// `asic_miners.csv` reads as it is.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::load;
///
/// let csv = "model,manufacturer,release_year,hashrate_ths,power_w,efficiency_j_per_th,cooling\n\
///            My S21,Bitmain,2023,200,3500,17.5,air\n\
///            Typo,Bitmain,2023,200,35000,17.5,air\n";
/// let loaded = load::asics_from_csv(csv)?;
/// assert_eq!(loaded.items.len(), 1);
/// assert_eq!(loaded.rejected[0].line, 3);
/// assert!(loaded.rejected[0].error.is_inconsistent());
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::Csv`] for malformed CSV, [`Error::MissingColumn`] when a
/// required column is absent. Bad rows are not errors: see
/// [`Loaded::rejected`].
pub fn asics_from_csv(text: &str) -> Result<Loaded<AsicMiner>> {
    let records = csv::records(text)?;
    let mut out = Loaded::default();
    let Some((header, rows)) = records.split_first() else {
        return Ok(out);
    };
    let model = require(header, MODEL, "model", "model, name")?;
    let maker = require(header, MANUFACTURER, "manufacturer", "manufacturer, vendor")?;
    let release = require(
        header,
        RELEASE,
        "release",
        "release, release_date, release_year",
    )?;
    let hashrate = csv::find_column(header, HASHRATE);
    let power = csv::find_column(header, POWER);
    let efficiency = csv::find_column(header, EFFICIENCY);
    if [hashrate, power, efficiency]
        .iter()
        .filter(|c| c.is_some())
        .count()
        < 2
    {
        return Err(Error::MissingColumn {
            column: "two of hashrate/power/efficiency",
            accepted: "hashrate_ths, power_w, efficiency_j_per_th",
        });
    }
    let cooling = csv::find_column(header, COOLING);
    let source = csv::find_column(header, SOURCE);
    let note = csv::find_column(header, NOTE);

    for row in rows {
        let name = row.get(Some(model));
        let name_opt = (!name.is_empty()).then(|| String::from(name));
        let mut notices = Vec::new();
        match asic_row(
            row,
            name,
            [maker, release],
            [hashrate, power, efficiency],
            [cooling, source, note],
            &mut notices,
        ) {
            Ok(m) => {
                out.items.push(m);
                out.notices.append(&mut notices);
            }
            Err(error) => out.rejected.push(Rejected {
                line: row.line,
                name: name_opt,
                error,
            }),
        }
    }
    Ok(out)
}

fn asic_row(
    row: &Record,
    name: &str,
    [maker, release]: [usize; 2],
    [hashrate, power, efficiency]: [Option<usize>; 3],
    [cooling, source, note]: [Option<usize>; 3],
    notices: &mut Vec<Notice>,
) -> Result<AsicMiner> {
    let release: ReleaseDate = row.get(Some(release)).parse()?;
    let mut fig = |col: Option<usize>, label: &str, what: &'static str| {
        optional_figure(row, col, label, what, name, notices)
    };
    let spec = AsicSpec {
        model: String::from(name),
        manufacturer: String::from(row.get(Some(maker))),
        release,
        hashrate_ths: fig(hashrate, "hashrate", "a hashrate in TH/s")?,
        power_w: fig(power, "power", "a power in W")?,
        efficiency_j_per_th: fig(efficiency, "efficiency", "an efficiency in J/TH")?,
        cooling: match row.get(cooling) {
            "" => Cooling::Air,
            c => c.parse()?,
        },
        source: match row.get(source) {
            "" => String::from(USER_SOURCE),
            s => String::from(s),
        },
        note: Some(String::from(row.get(note))).filter(|n| !n.is_empty()),
    };
    spec.validate()
}

/// The columns of Epoch AI's `ml_hardware.csv` this reader uses, with the
/// names seen across snapshots (and the short names of the project's extract).
struct EpochColumns {
    name: usize,
    manufacturer: Option<usize>,
    release: Option<usize>,
    figures: Vec<(Precision, usize, &'static str)>,
    tdp: Option<usize>,
    memory: Option<usize>,
    bandwidth: Option<usize>,
    sparsity: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
}

const EPOCH_FIGURES: &[(Precision, &[&str])] = &[
    (
        Precision::Fp64,
        &[
            "FP64 (double precision) performance (FLOP/s)",
            "FP64 performance (FLOP/s)",
            "fp64",
        ],
    ),
    (
        Precision::Fp32,
        &[
            "FP32 (single precision) performance (FLOP/s)",
            "FP32 performance (FLOP/s)",
            "fp32",
        ],
    ),
    (
        Precision::Tf32,
        &[
            "TF32 (TensorFloat-32) performance (FLOP/s)",
            "TF32 performance (FLOP/s)",
            "tf32",
        ],
    ),
    (
        Precision::Bf16,
        &[
            "Tensor-FP16/BF16 performance (FLOP/s)",
            "tensor_fp16_bf16",
            "Tensor FP16/BF16 performance (FLOP/s)",
        ],
    ),
    (Precision::Fp8, &["FP8 performance (FLOP/s)", "fp8"]),
    (Precision::Int8, &["INT8 performance (OP/s)", "int8"]),
    (Precision::Fp4, &["FP4 performance (FLOP/s)", "fp4"]),
];

/// The older combined column, read as FP4 when no FP4 column has a value.
const EPOCH_INT4_FP4: &[&str] = &["INT4/FP4 performance (OP/s)"];

impl EpochColumns {
    fn find(header: &Record) -> Result<Self> {
        let name = require(
            header,
            &[
                "Hardware name",
                "hardware_name",
                "Name of the hardware",
                "Name",
                "model",
            ],
            "hardware name",
            "Hardware name, hardware_name, name",
        )?;
        let mut figures = Vec::new();
        for (p, aliases) in EPOCH_FIGURES {
            if let Some(i) = csv::find_column(header, aliases) {
                figures.push((*p, i, aliases.first().copied().unwrap_or("")));
            }
        }
        if let Some(i) = csv::find_column(header, EPOCH_INT4_FP4) {
            if !figures.iter().any(|(p, _, _)| *p == Precision::Fp4) {
                figures.push((Precision::Fp4, i, "INT4/FP4 performance (OP/s)"));
            }
        }
        if figures.is_empty() {
            return Err(Error::MissingColumn {
                column: "throughput",
                accepted: "Tensor-FP16/BF16 performance (FLOP/s), FP32 (single precision) performance (FLOP/s), ...",
            });
        }
        Ok(Self {
            name,
            manufacturer: csv::find_column(header, &["Manufacturer", "manufacturer", "vendor"]),
            release: csv::find_column(header, &["Release date", "release_date", "Release year"]),
            figures,
            tdp: csv::find_column(header, &["TDP (W)", "tdp_w", "TDP"]),
            memory: csv::find_column(
                header,
                &[
                    "Memory (bytes)",
                    "Memory size per board (Byte)",
                    "memory_bytes",
                    "Memory size (bytes)",
                ],
            ),
            bandwidth: csv::find_column(
                header,
                &[
                    "Memory bandwidth (byte/s)",
                    "mem_bw_bytes_s",
                    "Memory bandwidth (bytes/s)",
                ],
            ),
            sparsity: csv::find_column(header, &["sparsity"]),
            source: csv::find_column(header, SOURCE),
            note: csv::find_column(header, NOTE),
        })
    }
}

/// Reads Epoch AI's `ml_hardware.csv` (Machine Learning Hardware database,
/// CC-BY 4.0, <https://epoch.ai/data/machine-learning-hardware>) as
/// published, or the project's extract of it.
///
/// Handles the file's quirks: columns renamed between snapshots ("Memory
/// size per board (Byte)" became "Memory (bytes)"; "INT4/FP4 performance"
/// split into INT4 and FP4), `inf`/`Infinity`/`nan` written for missing
/// values, empty fields, quoted fields with commas. Epoch states tensor
/// figures dense, so every figure is marked [`Sparsity::Dense`]. Epoch's own
/// derived columns ("Max performance", "Energy efficiency") and INT4 are not
/// read.
///
/// A row without a name or without any usable throughput figure is
/// rejected with its reason; a row with an unreadable date or an
/// unreadable or non-positive number is rejected naming the value; a missing
/// placeholder (`inf` TDP) becomes a [`Notice`].
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{load, Precision};
///
/// let csv = "Hardware name,Manufacturer,Release date,Tensor-FP16/BF16 performance (FLOP/s),TDP (W)\n\
///            Google TPU v5p,Google,2023-12-06,4.59e14,inf\n\
///            ,Nobody,2024-01-01,1e15,100\n";
/// let loaded = load::accelerators_from_epoch_csv(csv)?;
/// let v5p = &loaded.items[0];
/// assert_eq!(v5p.peak(Precision::Bf16)?.rate().get(wattage_units::unit::TERAFLOP_PER_SECOND), 459.0);
/// assert!(v5p.board_power().is_none());
/// assert_eq!(loaded.notices.len(), 1);   // the inf TDP
/// assert_eq!(loaded.rejected.len(), 1);  // the nameless row
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::Csv`] for malformed CSV, [`Error::MissingColumn`] without a
/// name column or any throughput column.
pub fn accelerators_from_epoch_csv(text: &str) -> Result<Loaded<Accelerator>> {
    read_accelerators(text, Origin::Epoch)
}

/// Reads your own accelerators from CSV with the same columns as
/// [`accelerators_from_epoch_csv`] (Epoch's header names, or the short
/// names `hardware_name`, `fp64`, `fp32`, `tf32`, `tensor_fp16_bf16`, `fp8`,
/// `int8`, `fp4`, `tdp_w`, `memory_bytes`, `mem_bw_bytes_s`), plus optional
/// `sparsity` (`dense` or `sparse`, for the row's tensor figures; FP64 and
/// FP32 are always dense), `source` and `note` columns.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{load, Precision, Sparsity};
///
/// let csv = "name,vendor,release_date,tensor_fp16_bf16,fp32,tdp_w,sparsity,source\n\
///            Lab card,Us,2025-03,2e15,5e13,800,sparse,bench sheet\n";
/// let loaded = load::accelerators_from_csv(csv)?;
/// let card = &loaded.items[0];
/// assert_eq!(card.peak(Precision::Bf16)?.sparsity(), Sparsity::Sparse);
/// assert_eq!(card.peak(Precision::Fp32)?.sparsity(), Sparsity::Dense);
/// assert_eq!(card.throughput_source(), "bench sheet");
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// As for [`accelerators_from_epoch_csv`]; bad rows are reported in
/// [`Loaded::rejected`].
pub fn accelerators_from_csv(text: &str) -> Result<Loaded<Accelerator>> {
    read_accelerators(text, Origin::User)
}

/// Whose CSV an accelerator file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Epoch AI's database: dense figures, Epoch as the source.
    Epoch,
    /// The user's own: sparsity and source from the row.
    User,
}

const EPOCH_SOURCE: &str = "Epoch AI, Machine Learning Hardware database (CC-BY 4.0), https://epoch.ai/data/machine-learning-hardware";

fn read_accelerators(text: &str, origin: Origin) -> Result<Loaded<Accelerator>> {
    let records = csv::records(text)?;
    let mut out = Loaded::default();
    let Some((header, rows)) = records.split_first() else {
        return Ok(out);
    };
    let cols = EpochColumns::find(header)?;
    for row in rows {
        let name = row.get(Some(cols.name));
        if name.is_empty() {
            out.rejected.push(Rejected {
                line: row.line,
                name: None,
                error: Error::Empty {
                    what: "hardware name",
                },
            });
            continue;
        }
        let mut notices = Vec::new();
        match accelerator_row(row, &cols, name, origin, &mut notices) {
            Ok(acc) => {
                out.items.push(acc);
                out.notices.append(&mut notices);
            }
            Err(error) => out.rejected.push(Rejected {
                line: row.line,
                name: Some(String::from(name)),
                error,
            }),
        }
    }
    Ok(out)
}

/// The number in column `col` of `row`, or `None` when the cell is empty
/// or a "missing" marker (`inf`, `NaN`, ...); a marker is recorded as a
/// notice so that nothing is ignored silently.
fn optional_figure(
    row: &Record,
    col: Option<usize>,
    label: &str,
    what: &'static str,
    name: &str,
    notices: &mut Vec<Notice>,
) -> Result<Option<f64>> {
    match number(row.get(col), what)? {
        Cell::Value(v) => Ok(Some(v)),
        Cell::Missing(None) => Ok(None),
        Cell::Missing(Some(why)) => {
            notices.push(Notice {
                line: row.line,
                name: String::from(name),
                message: format!("{label} is {:?}, {why}: treated as missing", row.get(col)),
            });
            Ok(None)
        }
    }
}

fn accelerator_row(
    row: &Record,
    cols: &EpochColumns,
    name: &str,
    origin: Origin,
    notices: &mut Vec<Notice>,
) -> Result<Accelerator> {
    let mut value = |col: Option<usize>, label: &str, what: &'static str| {
        optional_figure(row, col, label, what, name, notices)
    };
    let mut spec = AcceleratorSpec::new(name, "");
    spec.vendor = match row.get(cols.manufacturer) {
        "" => String::from("unknown"),
        v => String::from(v),
    };
    spec.release = match row.get(cols.release) {
        "" => None,
        d => Some(d.parse()?),
    };
    let row_sparsity = match (origin, row.get(cols.sparsity)) {
        (Origin::Epoch, _) | (Origin::User, "") => Sparsity::Dense,
        (Origin::User, text) => text.parse()?,
    };
    for (precision, col, label) in &cols.figures {
        if let Some(v) = value(Some(*col), label, "a rate in FLOP/s or OP/s")? {
            spec.peaks.push(PeakSpec {
                precision: *precision,
                ops_per_second: v,
                sparsity: if precision.has_sparse_mode() {
                    row_sparsity
                } else {
                    Sparsity::Dense
                },
            });
        }
    }
    if spec.peaks.is_empty() {
        return Err(Error::Empty {
            what: "set of usable throughput figures in this row",
        });
    }
    spec.board_power_w = value(cols.tdp, "TDP (W)", "a power in W")?;
    spec.memory_bytes = value(cols.memory, "Memory (bytes)", "a size in bytes")?;
    spec.memory_bandwidth_bytes_per_s = value(
        cols.bandwidth,
        "Memory bandwidth (byte/s)",
        "a bandwidth in bytes/s",
    )?;
    match origin {
        Origin::Epoch => spec.source = String::from(EPOCH_SOURCE),
        Origin::User => {
            let source = row.get(cols.source);
            if !source.is_empty() {
                spec.source = String::from(source);
            }
            spec.note = Some(String::from(row.get(cols.note))).filter(|n| !n.is_empty());
        }
    }
    spec.validate()
}

/// Reads the file at `path` and loads it with `loader` (one of this
/// module's `*_from_csv` functions), every error naming the file
/// ([`Error::InSource`]): the loader's, and those of the rows it rejected.
///
/// ```no_run
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::load::{asics_from_csv, from_file};
///
/// match from_file("miners.csv", asics_from_csv) {
///     Ok(loaded) => println!("{} miners", loaded.items.len()),
///     Err(e) => eprintln!("{e}"), // "miners.csv: line 4: malformed CSV: ..."
/// }
/// ```
///
/// # Errors
/// [`Error::InSource`] naming the path, around [`Error::Io`] when the
/// file cannot be read and around every error of `loader`.
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub fn from_file<T>(
    path: impl AsRef<std::path::Path>,
    loader: impl FnOnce(&str) -> Result<Loaded<T>>,
) -> Result<Loaded<T>> {
    let path = path.as_ref();
    let name = || format!("{}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::Io {
            reason: format!("{e}"),
        }
        .in_source(name())
    })?;
    let mut loaded = loader(&text).map_err(|e| e.in_source(name()))?;
    for row in &mut loaded.rejected {
        row.error = row.error.clone().in_source(name());
    }
    Ok(loaded)
}

/// A TOML or JSON file of user specs: `asic_miners` and `accelerators`
/// lists, each entry in the form of [`AsicSpec`] / [`AcceleratorSpec`].
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::load::SpecFile;
///
/// let text = r#"{"asic_miners": [
///     {"model": "Garage S9", "manufacturer": "Bitmain", "release": 2016, "hashrate_ths": 13.5, "power_w": 1323},
///     {"model": "Broken", "manufacturer": "X", "release": "2024", "hashrate_ths": 100}
/// ]}"#;
/// let file: SpecFile = serde_json::from_str(text)?;
/// let (miners, accelerators) = file.validate();
/// assert_eq!(miners.items[0].efficiency().get(wattage_units::unit::JOULE_PER_TERAHASH), 98.0);
/// assert_eq!(miners.rejected[0].name.as_deref(), Some("Broken"));
/// assert!(accelerators.items.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// ASIC miners.
    #[serde(default)]
    pub asic_miners: Vec<AsicSpec>,
    /// Accelerators.
    #[serde(default)]
    pub accelerators: Vec<AcceleratorSpec>,
}

#[cfg(feature = "serde")]
impl SpecFile {
    /// Validates every entry like a catalog entry; an entry that fails is
    /// reported with its 1-based position in its list as `line`.
    #[must_use]
    pub fn validate(self) -> (Loaded<AsicMiner>, Loaded<Accelerator>) {
        let mut miners = Loaded::default();
        for (i, spec) in self.asic_miners.into_iter().enumerate() {
            let name = Some(spec.model.clone()).filter(|n| !n.trim().is_empty());
            match spec.validate() {
                Ok(m) => miners.items.push(m),
                Err(error) => miners.rejected.push(Rejected {
                    line: i + 1,
                    name,
                    error,
                }),
            }
        }
        let mut accelerators = Loaded::default();
        for (i, spec) in self.accelerators.into_iter().enumerate() {
            let name = Some(spec.name.clone()).filter(|n| !n.trim().is_empty());
            match spec.validate() {
                Ok(a) => accelerators.items.push(a),
                Err(error) => accelerators.rejected.push(Rejected {
                    line: i + 1,
                    name,
                    error,
                }),
            }
        }
        (miners, accelerators)
    }
}

impl core::fmt::Display for Rejected {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.name {
            Some(n) => write!(f, "line {} ({n}): {}", self.line, self.error),
            None => write!(f, "line {}: {}", self.line, self.error),
        }
    }
}

impl core::fmt::Display for Notice {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {} ({}): {}", self.line, self.name, self.message)
    }
}

#[cfg(all(test, feature = "std"))]
mod file_tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn errors_of_a_file_name_the_file() {
        let dir = std::env::temp_dir().join(format!("wattage-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("miners.csv");
        std::fs::write(&path, "model,vendor\n\"S21,Bitmain\n").unwrap();
        let err = from_file(&path, asics_from_csv).unwrap_err();
        let name = format!("{}", path.display());
        assert_eq!(err.source_name(), Some(name.as_str()));
        assert!(matches!(err.without_source(), Error::Csv { .. }));
        assert!(format!("{err}").starts_with(&format!("{name}: ")), "{err}");
        // A rejected row's error names the file too.
        std::fs::write(
            &path,
            "model,manufacturer,release,hashrate_ths,power_w\nX,Y,2024,-5,3000\n",
        )
        .unwrap();
        let loaded = from_file(&path, asics_from_csv).unwrap();
        assert_eq!(loaded.rejected[0].line, 2);
        assert_eq!(loaded.rejected[0].error.source_name(), Some(name.as_str()));
        let missing = from_file(dir.join("none.csv"), asics_from_csv).unwrap_err();
        assert!(matches!(missing.without_source(), Error::Io { .. }));
        assert!(format!("{missing}").contains("none.csv: cannot read the file: "));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
