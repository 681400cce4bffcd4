//! A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF
//! line ends, a byte-order mark, and `#` comment lines between records (as in
//! the project's data files). It never panics; malformed text is an error
//! with its line number.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, Result};

/// One record: its fields and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) fields: Vec<String>,
}

impl Record {
    /// The field at `index`, trimmed, or `""` when the record is short.
    pub(crate) fn get(&self, index: Option<usize>) -> &str {
        index
            .and_then(|i| self.fields.get(i))
            .map_or("", |s| s.trim())
    }

    /// Whether every field is blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Reads every record of `text`. Blank lines and lines starting with `#`
/// (outside quotes) are skipped.
///
/// # Errors
/// [`Error::Csv`] for a quote that is never closed or text right after a
/// closing quote.
pub(crate) fn records(text: &str) -> Result<Vec<Record>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut at_record_start = true;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut record_line = 1usize;
    let mut in_quotes = false;
    let mut after_quote = false;
    let mut quote_line = 0usize;

    while let Some(c) = chars.next() {
        if at_record_start {
            record_line = line;
            at_record_start = false;
            if c == '#' {
                // Comment: skip to the end of the line.
                for d in chars.by_ref() {
                    if d == '\n' {
                        line += 1;
                        break;
                    }
                }
                at_record_start = true;
                continue;
            }
        }
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !after_quote => {
                in_quotes = true;
                quote_line = line;
            }
            '"' => {
                return Err(Error::Csv {
                    line,
                    reason: "a quote inside an unquoted field",
                });
            }
            ',' => {
                fields.push(core::mem::take(&mut field));
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(core::mem::take(&mut field));
                after_quote = false;
                let rec = Record {
                    line: record_line,
                    fields: core::mem::take(&mut fields),
                };
                if !rec.is_blank() {
                    out.push(rec);
                }
                line += 1;
                at_record_start = true;
            }
            _ if after_quote => {
                if !c.is_whitespace() {
                    return Err(Error::Csv {
                        line,
                        reason: "text after a closing quote",
                    });
                }
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(Error::Csv {
            line: quote_line,
            reason: "a quoted field is never closed",
        });
    }
    if !at_record_start {
        fields.push(field);
        let rec = Record {
            line: record_line,
            fields,
        };
        if !rec.is_blank() {
            out.push(rec);
        }
    }
    Ok(out)
}

/// Normalizes a header name for matching: lower-case letters and digits only.
pub(crate) fn header_key(name: &str) -> String {
    crate::name::keyword(name)
}

/// The index of the first header that matches any of `aliases`.
pub(crate) fn find_column(header: &Record, aliases: &[&str]) -> Option<usize> {
    let keys: Vec<String> = header.fields.iter().map(|h| header_key(h)).collect();
    aliases.iter().find_map(|a| {
        let k = header_key(a);
        keys.iter().position(|h| *h == k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_comments_and_crlf() {
        let text =
            "# comment\r\na,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",3\r\n\n\"multi\nline\",2,\n";
        let recs = records(text).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].fields, ["a", "b", "c"]);
        assert_eq!(recs[0].line, 2);
        assert_eq!(recs[1].fields, ["x, y", "he said \"hi\"", "3"]);
        assert_eq!(recs[2].fields, ["multi\nline", "2", ""]);
        assert_eq!(recs[2].line, 5);
    }

    #[test]
    fn last_record_without_newline() {
        let recs = records("a,b\n1,2").unwrap();
        assert_eq!(recs[1].fields, ["1", "2"]);
    }

    #[test]
    fn malformed_quotes_are_errors() {
        assert!(matches!(
            records("a,\"b\n"),
            Err(Error::Csv { line: 1, .. })
        ));
        assert!(matches!(records("a,\"b\"c\n"), Err(Error::Csv { .. })));
        assert!(matches!(records("a,b\"c\n"), Err(Error::Csv { .. })));
    }

    #[test]
    fn headers_match_loosely() {
        let h = records("Hardware name,TDP (W)\n").unwrap().remove(0);
        assert_eq!(find_column(&h, &["tdp_w", "TDP (W)"]), Some(1));
        assert_eq!(find_column(&h, &["hardware_name"]), Some(0));
        assert_eq!(find_column(&h, &["missing"]), None);
    }
}
