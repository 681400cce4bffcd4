//! Output in three formats from one set of serializable rows: an aligned
//! table for people, CSV for spreadsheets, JSON for programs.
//!
//! Every format is made from the same `Serialize` rows, so the columns of
//! a table, the header of a CSV and the keys of a JSON object are the same
//! names, in the same order. JSON is an object
//! `{"command": ..., "schema": 1, <sections>}` whose sections are arrays
//! of row objects (see the book's CLI chapter).

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::error::{CliError, Result, write_error, write_io};

/// The version of the JSON layout; bumped on any incompatible change.
pub(crate) const JSON_SCHEMA: u32 = 1;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// Aligned columns, numbers right-aligned with thousands separators.
    #[default]
    Table,
    /// Comma-separated values with a header row, full precision, no separators.
    Csv,
    /// One JSON object (or, for `sweep`, one object per line).
    Json,
}

/// A titled set of rows: one table, one CSV, one JSON array.
pub(crate) struct Section {
    /// Its key in JSON and its title above a table.
    pub(crate) name: &'static str,
    /// Column names in order (CSV header, table header).
    pub(crate) header: Vec<String>,
    /// The cells, as CSV writes them.
    pub(crate) records: Vec<Vec<String>>,
    /// The rows as JSON objects, each with its fields in declaration order.
    pub(crate) json: Vec<String>,
}

impl Section {
    /// A section from rows of any `Serialize` type. Nested structs become
    /// columns named `outer.inner`; lists inside a row are left out of the
    /// table and the CSV (they stay in the JSON). Columns keep the order
    /// of the struct's fields.
    ///
    /// # Errors
    ///
    /// An internal error if a row does not serialize.
    pub(crate) fn new<R: Serialize>(name: &'static str, rows: &[R]) -> Result<Self> {
        let mut header = Vec::new();
        let mut records = Vec::with_capacity(rows.len());
        let mut json = Vec::with_capacity(rows.len());
        for row in rows {
            let text = serde_json::to_string_pretty(row)
                .map_err(|e| CliError::internal(format!("could not encode {name} as JSON: {e}")))?;
            let node: Node = serde_json::from_str(&text)
                .map_err(|e| CliError::internal(format!("could not re-read {name}: {e}")))?;
            let mut cells = Vec::new();
            node.flatten("", &mut cells);
            if header.is_empty() {
                header = cells.iter().map(|(k, _)| k.clone()).collect();
            }
            records.push(cells.into_iter().map(|(_, v)| v).collect());
            json.push(text);
        }
        Ok(Self {
            name,
            header,
            records,
            json,
        })
    }
}

/// A JSON value that keeps the order of object keys.
enum Node {
    /// A string, number, bool or null, as a CSV cell.
    Leaf(String),
    /// An object, keys in order.
    Object(Vec<(String, Node)>),
    /// An array (left out of tables and CSV).
    Array,
}

impl Node {
    /// `(column, cell)` pairs of the leaves, `outer.inner` for nested keys.
    fn flatten(self, prefix: &str, out: &mut Vec<(String, String)>) {
        match self {
            Self::Leaf(cell) => out.push((prefix.to_string(), cell)),
            Self::Array => {}
            Self::Object(fields) => {
                for (key, node) in fields {
                    let column = if prefix.is_empty() {
                        key
                    } else {
                        format!("{prefix}.{key}")
                    };
                    node.flatten(&column, out);
                }
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Node, E> {
                // serde_json's own rendering: 95.0 stays "95.0".
                Ok(Node::Leaf(serde_json::Value::from(v).to_string()))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(v.to_string()))
            }
            fn visit_unit<E>(self) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(String::new()))
            }
            fn visit_none<E>(self) -> std::result::Result<Node, E> {
                Ok(Node::Leaf(String::new()))
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> std::result::Result<Node, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Node, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Node::Array)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Node, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Node>()? {
                    fields.push((k, v));
                }
                Ok(Node::Object(fields))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// A CSV writing error; one that is a write into a closed pipe is marked so.
fn csv_error(e: &csv::Error) -> CliError {
    match e.kind() {
        csv::ErrorKind::Io(io) => write_io("CSV", io),
        _ => write_error("CSV", e),
    }
}

/// Writes a report of `sections` for `command` in `format`.
///
/// # Errors
///
/// An internal error when `out` fails.
pub(crate) fn emit<W: Write>(
    mut out: W,
    command: &str,
    format: Format,
    sections: &[Section],
) -> Result<()> {
    let text = match format {
        Format::Table => {
            let mut text = String::new();
            for (i, section) in sections.iter().enumerate() {
                if sections.len() > 1 {
                    if i > 0 {
                        text.push('\n');
                    }
                    text.push_str(section.name);
                    text.push('\n');
                }
                if section.records.len() == 1 && section.header.len() > 3 {
                    text.push_str(&vertical(&section.header, &section.records[0]));
                } else {
                    text.push_str(&table(&section.header, &section.records));
                }
            }
            text
        }
        Format::Csv => {
            let mut text = String::new();
            for (i, section) in sections.iter().enumerate() {
                if sections.len() > 1 {
                    if i > 0 {
                        text.push('\n');
                    }
                    text.push_str("# ");
                    text.push_str(section.name);
                    text.push('\n');
                }
                let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
                let write = |w: &mut csv::Writer<Vec<u8>>| -> Result<()> {
                    if section.header.is_empty() {
                        // No rows: an empty file, not a header of nothing.
                        return Ok(());
                    }
                    w.write_record(&section.header).map_err(|e| csv_error(&e))?;
                    for r in &section.records {
                        w.write_record(r).map_err(|e| csv_error(&e))?;
                    }
                    Ok(())
                };
                write(&mut writer)?;
                let bytes = writer.into_inner().map_err(|e| write_error("CSV", e))?;
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
            text
        }
        Format::Json => json(command, sections),
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| write_io("output", &e))
}

/// The JSON envelope: `{"command": ..., "schema": 1, "<section>": [rows]}`,
/// keys in that order and each row's keys in its struct's order.
fn json(command: &str, sections: &[Section]) -> String {
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let mut text = format!(
        "{{\n  \"command\": {},\n  \"schema\": {JSON_SCHEMA}",
        quote(command)
    );
    for section in sections {
        text.push_str(",\n  ");
        text.push_str(&quote(section.name));
        text.push_str(": [");
        for (i, row) in section.json.iter().enumerate() {
            text.push_str(if i == 0 { "\n    " } else { ",\n    " });
            text.push_str(&row.replace('\n', "\n    "));
        }
        text.push_str(if section.json.is_empty() {
            "]"
        } else {
            "\n  ]"
        });
    }
    text.push_str("\n}\n");
    text
}

/// Whether a column holds identifiers or years, not quantities: no
/// thousands separators there.
fn is_plain_column(name: &str) -> bool {
    ["year", "height", "index", "case", "release", "shard"]
        .iter()
        .any(|s| name == *s || name.ends_with(&format!("_{s}")))
}

/// An aligned text table: text left-aligned, numbers right-aligned with
/// thousands separators (but not in year or index columns).
pub(crate) fn table(header: &[String], records: &[Vec<String>]) -> String {
    if header.is_empty() {
        // No rows (a filter that matched nothing): nothing to align.
        return String::new();
    }
    // Per column, the most decimals any plain number in it has (up to 8),
    // so that a column's numbers line up on the decimal point.
    let fraction_digits: Vec<usize> = (0..header.len())
        .map(|c| {
            records
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|cell| group(cell).is_some())
                .map(|cell| cell.split_once('.').map_or(0, |(_, f)| f.len()).min(8))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let cells: Vec<Vec<(String, bool)>> = records
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, cell)| {
                    let plain = header.get(c).is_some_and(|h| is_plain_column(h));
                    let places = fraction_digits.get(c).copied().unwrap_or(0);
                    display(cell, plain, Some(places))
                })
                .collect()
        })
        .collect();
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (c, (cell, _)) in row.iter().enumerate().take(columns) {
            widths[c] = widths[c].max(cell.chars().count());
        }
    }
    // A column is right-aligned when every cell in it is a number (or
    // empty): "2024" beside "2024-09" is text, and the column reads left.
    let numeric: Vec<bool> = (0..columns)
        .map(|c| {
            let filled = || {
                cells
                    .iter()
                    .filter_map(|r| r.get(c))
                    .filter(|(s, _)| !s.is_empty())
            };
            filled().next().is_some() && filled().all(|(_, n)| *n)
        })
        .collect();
    let mut text = String::new();
    let mut line = |cells: Vec<(&str, bool)>| {
        let mut parts = Vec::with_capacity(columns);
        for (c, (cell, right)) in cells.into_iter().enumerate().take(columns) {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if right {
                parts.push(format!("{}{cell}", " ".repeat(pad)));
            } else {
                parts.push(format!("{cell}{}", " ".repeat(pad)));
            }
        }
        text.push_str(parts.join("  ").trim_end());
        text.push('\n');
    };
    line(
        header
            .iter()
            .enumerate()
            .map(|(c, h)| (h.as_str(), numeric[c]))
            .collect(),
    );
    for row in &cells {
        line(
            row.iter()
                .enumerate()
                .map(|(c, (s, _))| (s.as_str(), numeric.get(c).copied().unwrap_or(false)))
                .collect(),
        );
    }
    text
}

/// One record as a two-column table, a field per line.
fn vertical(header: &[String], record: &[String]) -> String {
    let width = header.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (name, cell) in header.iter().zip(record) {
        let (value, _) = display(cell, is_plain_column(name), None);
        let pad = width - name.chars().count();
        text.push_str(format!("{name}{}  {value}", " ".repeat(pad)).trim_end());
        text.push('\n');
    }
    text
}

/// How a cell reads in a table, and whether it is a number (right-aligned).
///
/// Plain numbers get thousands separators (unless `plain`) and, with
/// `places`, that many decimals (padded with zeros, or rounded). Money
/// with a unit ("$1234.5678", "-$2.1/MWh", "13.04 BTC") is rounded for
/// reading: dollars to cents, other amounts to 8 decimals, and grouped.
/// CSV and JSON keep the full value.
fn display(cell: &str, plain: bool, places: Option<usize>) -> (String, bool) {
    if group(cell).is_some() {
        // Long decimals are rounded for reading: to 8 places, or for a
        // number below 1 to 8 significant digits (0.00000042636 keeps all).
        let readable = cell.split_once('.').and_then(|(i, f)| {
            let zeros = if matches!(i.trim_start_matches('-'), "0") {
                f.len() - f.trim_start_matches('0').len()
            } else {
                0
            };
            (f.len() > zeros + 8).then_some(zeros + 8)
        });
        let text = match (places, readable) {
            (Some(p), _) => with_places(cell, p),
            (None, Some(p)) => with_places(cell, p),
            (None, None) => cell.to_string(),
        };
        let text = if plain {
            text
        } else {
            group(&text).unwrap_or(text)
        };
        return (text, true);
    }
    // "-$1234.5/MWh" = sign, "$", number, suffix; or number + " BTC" etc.
    let (sign, rest) = cell.strip_prefix('-').map_or(("", cell), |r| ("-", r));
    let (dollar, rest) = rest.strip_prefix('$').map_or(("", rest), |r| ("$", r));
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(end);
    let unit_suffix = if dollar.is_empty() {
        suffix.starts_with(' ')
    } else {
        suffix.is_empty() || suffix.starts_with('/')
    };
    if number.is_empty() || group(number).is_none() || !unit_suffix {
        return (cell.to_string(), false);
    }
    let Ok(value) = number.parse::<wattage::rust_decimal::Decimal>() else {
        return (cell.to_string(), false);
    };
    let rounded = if dollar.is_empty() {
        value.round_dp(8).normalize()
    } else {
        value.round_dp(2)
    };
    let mut text = rounded.to_string();
    if !dollar.is_empty() {
        text = with_places(&text, 2);
    }
    let grouped = group(&text).unwrap_or(text);
    (format!("{sign}{dollar}{grouped}{suffix}"), true)
}

/// A plain number with exactly `places` decimals: padded with zeros, or
/// rounded half away from zero when it has more.
fn with_places(number: &str, places: usize) -> String {
    let current = number.split_once('.').map_or(0, |(_, f)| f.len());
    if current > places {
        return match number.parse::<wattage::rust_decimal::Decimal>() {
            Ok(d) => with_places(
                &d.round_dp(u32::try_from(places).unwrap_or(8)).to_string(),
                places,
            ),
            Err(_) => number.to_string(),
        };
    }
    let mut text = number.to_string();
    if places > 0 {
        if current == 0 {
            text.push('.');
        }
        text.push_str(&"0".repeat(places - current));
    }
    text
}

/// `Some(grouped)` when `cell` is a plain decimal number ("-1234567.891"):
/// the same digits with `,` between thousands ("-1,234,567.891").
fn group(cell: &str) -> Option<String> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(wattage::units::money::group_thousands(cell))
}

/// Writes a section's records as CSV, with its header row if `header`.
///
/// # Errors
///
/// An internal error when `out` fails.
pub(crate) fn write_records<W: Write>(out: W, section: &Section, header: bool) -> Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    if header {
        writer
            .write_record(&section.header)
            .map_err(|e| csv_error(&e))?;
    }
    for r in &section.records {
        writer.write_record(r).map_err(|e| csv_error(&e))?;
    }
    writer.flush().map_err(|e| write_io("CSV", &e))
}

/// Writes only a section's CSV header row.
///
/// # Errors
///
/// An internal error when `out` fails.
pub(crate) fn write_header<W: Write>(out: W, section: &Section) -> Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    writer
        .write_record(&section.header)
        .map_err(|e| csv_error(&e))?;
    writer.flush().map_err(|e| write_io("CSV", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wattage::rust_decimal::Decimal;

    #[test]
    fn groups_thousands() {
        assert_eq!(group("1234567.891").as_deref(), Some("1,234,567.891"));
        assert_eq!(group("-1000").as_deref(), Some("-1,000"));
        assert_eq!(group("999").as_deref(), Some("999"));
        assert_eq!(group("0.5").as_deref(), Some("0.5"));
        assert_eq!(group("S21").as_deref(), None);
        assert_eq!(group("1.").as_deref(), None);
        assert_eq!(group("").as_deref(), None);
    }

    #[test]
    fn displays_money_and_leaves_dates() {
        assert_eq!(display("$378808.77125", false, None).0, "$378,808.77");
        assert_eq!(display("-$2.1/MWh", false, None).0, "-$2.10/MWh");
        assert_eq!(
            display("13.043926741 BTC", false, None).0,
            "13.04392674 BTC"
        );
        assert_eq!(
            display("2023-08-15", false, None),
            ("2023-08-15".into(), false)
        );
        assert!(!display("2023-08-15T05:00:00Z", false, None).1);
        assert!(!display("S21", false, None).1);
        assert_eq!(display("12.37084188911704", false, None).0, "12.37084189");
        assert_eq!(display("0.00000042636", false, None).0, "0.00000042636");
        assert_eq!(display("0.3708418891170431", false, None).0, "0.37084189");
        assert_eq!(display("0.000123456789123", false, None).0, "0.00012345679");
    }

    /// A serializable row whose text cells need CSV quoting.
    #[derive(Serialize)]
    struct Quoted {
        name: &'static str,
        note: &'static str,
        usd: Decimal,
    }

    #[test]
    fn csv_cells_with_commas_quotes_and_newlines_round_trip() {
        let rows = [
            Quoted {
                name: "Antminer S21, hydro",
                note: "the \"XP\" one",
                usd: Decimal::new(123_456, 2),
            },
            Quoted {
                name: "line\nbreak",
                note: "# not a comment",
                usd: Decimal::ZERO,
            },
        ];
        let sections = [
            Section::new("first", &rows).unwrap(),
            Section::new("second", &rows[..1]).unwrap(),
        ];
        let mut out = Vec::new();
        emit(&mut out, "test", Format::Csv, &sections).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\"Antminer S21, hydro\",\"the \"\"XP\"\" one\""),
            "{text}"
        );
        // Each section reads back with a CSV reader, cell for cell.
        for (chunk, section) in text.split("\n\n").zip(&sections) {
            let body = chunk.split_once('\n').unwrap().1;
            assert!(chunk.starts_with(&format!("# {}", section.name)), "{chunk}");
            let mut reader = csv::Reader::from_reader(body.as_bytes());
            assert_eq!(reader.headers().unwrap(), &section.header[..]);
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect();
            assert_eq!(read, section.records);
        }
        assert_eq!(sections[0].records[1][0], "line\nbreak");
    }

    #[test]
    fn a_column_of_years_and_months_reads_left() {
        let t = table(
            &["model".into(), "release".into()],
            &[
                vec!["S21".into(), "2024".into()],
                vec!["A16".into(), "2025-10".into()],
            ],
        );
        assert_eq!(t, "model  release\nS21    2024\nA16    2025-10\n");
    }

    #[test]
    fn aligns() {
        let t = table(
            &["name".into(), "usd".into(), "year".into()],
            &[
                vec!["a".into(), "1234.5".into(), "2026".into()],
                vec!["long name".into(), "7".into(), "2027".into()],
            ],
        );
        assert_eq!(
            t,
            "name           usd  year\na          1,234.5  2026\nlong name      7.0  2027\n"
        );
    }
}
