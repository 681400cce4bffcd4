//! A reader that counts the quote characters passing through it, so the
//! CSV loop can refuse a file whose last quoted field is never closed (the
//! `csv` crate ends such a field silently at the end of the input).

use std::io::Read;

/// `inner`, counting its `"` bytes.
pub(super) struct QuoteCount<R> {
    inner: R,
    quotes: u64,
}

impl<R> QuoteCount<R> {
    /// Counting from zero.
    pub(super) const fn new(inner: R) -> Self {
        Self { inner, quotes: 0 }
    }

    /// Whether every quote read so far is closed: in well-formed CSV
    /// (RFC 4180) quotes come only in pairs, opening and closing a field or
    /// doubled inside one, so their count is even.
    pub(super) const fn balanced(&self) -> bool {
        self.quotes % 2 == 0
    }
}

impl<R: Read> Read for QuoteCount<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or_default();
        self.quotes += read.iter().filter(|&&b| b == b'"').count() as u64;
        Ok(n)
    }
}
