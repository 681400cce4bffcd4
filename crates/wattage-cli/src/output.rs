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
    /// A section from rows that serialize as flat structs.
    ///
    /// # Errors
    ///
    /// An internal error if a row does not serialize flat.
    pub(crate) fn new<R: Serialize>(name: &'static str, rows: &[R]) -> Result<Self> {
        let (header, records) = csv_records(rows, true)?;
        let json = rows
            .iter()
            .map(serde_json::to_string_pretty)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| CliError::internal(format!("could not encode {name} as JSON: {e}")))?;
        Ok(Self {
            name,
            header,
            records,
            json,
        })
    }
}

/// CSV header and records of `rows` through their `Serialize` impls.
fn csv_records<R: Serialize>(rows: &[R], header: bool) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(header)
        .from_writer(Vec::new());
    for row in rows {
        writer
            .serialize(row)
            .map_err(|e| CliError::internal(format!("could not encode a row as CSV: {e}")))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| CliError::internal(format!("could not encode rows as CSV: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let mut all = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| CliError::internal(format!("could not re-read CSV: {e}")))?;
        all.push(record.iter().map(String::from).collect::<Vec<_>>());
    }
    if header && !all.is_empty() {
        let head = all.remove(0);
        Ok((head, all))
    } else {
        Ok((Vec::new(), all))
    }
}

/// Writes `rows` as CSV to `out`, with or without the header row.
///
/// # Errors
///
/// An internal error when a row does not serialize or `out` fails.
pub(crate) fn write_csv<R: Serialize, W: Write>(out: W, rows: &[R], header: bool) -> Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(header)
        .from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(|e| write_error("CSV", e))?;
    }
    writer.flush().map_err(|e| write_error("CSV", e))
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
                    w.write_record(&section.header)
                        .map_err(|e| write_error("CSV", e))?;
                    for r in &section.records {
                        w.write_record(r).map_err(|e| write_error("CSV", e))?;
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
        text.push_str(if section.json.is_empty() { "]" } else { "\n  ]" });
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
    let cells: Vec<Vec<(String, bool)>> = records
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, cell)| {
                    let plain = header.get(c).is_some_and(|h| is_plain_column(h));
                    match group(cell) {
                        Some(grouped) if !plain => (grouped, true),
                        Some(_) => (cell.clone(), true),
                        None => (cell.clone(), false),
                    }
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
    let numeric: Vec<bool> = (0..columns)
        .map(|c| {
            cells
                .iter()
                .any(|r| r.get(c).is_some_and(|(_, n)| *n))
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
        line(row.iter().map(|(s, n)| (s.as_str(), *n)).collect());
    }
    text
}

/// One record as a two-column table, a field per line.
fn vertical(header: &[String], record: &[String]) -> String {
    let width = header.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for (name, cell) in header.iter().zip(record) {
        let value = match group(cell) {
            Some(g) if !is_plain_column(name) => g,
            _ => cell.clone(),
        };
        let pad = width - name.chars().count();
        text.push_str(format!("{name}{}  {value}", " ".repeat(pad)).trim_end());
        text.push('\n');
    }
    text
}

/// `Some(grouped)` when `cell` is a plain decimal number ("-1234567.891"):
/// the same digits with `,` between thousands ("-1,234,567.891").
fn group(cell: &str) -> Option<String> {
    let (sign, digits) = match cell.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", cell),
    };
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
    let mut grouped = String::with_capacity(cell.len() + int.len() / 3);
    grouped.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    Some(grouped)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "name           usd  year\na          1,234.5  2026\nlong name        7  2027\n"
        );
    }
}
