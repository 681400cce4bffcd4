//! Name matching for catalog look-ups: tolerant of case, spacing, punctuation
//! and the "Hyd"/"Hydro" spelling, strict about `+` (an S21+ is not an S21).

use alloc::string::String;
use alloc::vec::Vec;

/// Words a query may leave out: brands that prefix model names.
const BRAND_WORDS: &[&str] = &[
    "antminer",
    "bitmain",
    "whatsminer",
    "microbt",
    "avalon",
    "canaan",
    "auradine",
    "teraflux",
    "bitdeer",
    "sealminer",
    "nvidia",
    "amd",
    "instinct",
    "google",
    "cloud",
    "amazon",
    "aws",
    "intel",
    "habana",
];

/// Splits `text` into lower-case tokens of letters, digits and `+`,
/// normalizing spelling variants.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            let t = match cur.as_str() {
                "hydro" | "hydraulic" => String::from("hyd"),
                "imm" => String::from("immersion"),
                _ => core::mem::take(cur),
            };
            cur.clear();
            out.push(t);
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if c == '+' {
            // "S21+" and "S21 +" both become the tokens "s21", "+".
            flush(&mut cur, &mut out);
            out.push(String::from("+"));
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// A word for matching keywords (cooling methods, precisions, CSV
/// headers): ASCII letters and digits only, lower-cased.
pub(crate) fn keyword(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The normalized key of a name: its tokens joined.
pub(crate) fn key(text: &str) -> String {
    tokens(text).concat()
}

/// The normalized key with brand words removed.
pub(crate) fn short_key(text: &str) -> String {
    tokens(text)
        .into_iter()
        .filter(|t| !BRAND_WORDS.contains(&t.as_str()))
        .collect::<Vec<_>>()
        .concat()
}

/// A look-up query, normalized once so that comparing it with every catalog
/// name costs time in proportion to the query, not to the query times the
/// catalog.
pub(crate) struct Query {
    /// Its key ([`key`]).
    key: String,
    /// Its key without brand words ([`short_key`]).
    short: String,
    /// Its tokens without brand words.
    stripped: Vec<String>,
}

impl Query {
    /// Normalizes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let all = tokens(text);
        let key = all.concat();
        let stripped: Vec<String> = all
            .into_iter()
            .filter(|t| !BRAND_WORDS.contains(&t.as_str()))
            .collect();
        Self {
            key,
            short: stripped.concat(),
            stripped,
        }
    }

    /// Whether nothing is left of the query after normalization.
    pub(crate) fn is_empty(&self) -> bool {
        self.key.is_empty()
    }
}

/// Whether `query` names the entry called `name` (made by `maker`).
pub(crate) fn matches(query: &Query, name: &str, maker: &str) -> bool {
    let q = &query.key;
    if q.is_empty() {
        return false;
    }
    let full = key(name);
    *q == full
        || *q == short_key(name)
        || (!query.short.is_empty() && query.short == short_key(name))
        || *q == alloc::format!("{}{full}", key(maker))
}

/// Whether the query's tokens (brands dropped) begin the name's tokens:
/// "tpu v7" begins "Google TPU v7 Ironwood".
pub(crate) fn is_prefix(query: &Query, name: &str) -> bool {
    let n: Vec<String> = tokens(name)
        .into_iter()
        .filter(|t| !BRAND_WORDS.contains(&t.as_str()))
        .collect();
    !query.stripped.is_empty() && n.starts_with(&query.stripped)
}

/// Levenshtein distance between two strings, by characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b_chars.len()).collect();
    let mut cur = Vec::with_capacity(prev.len());
    for (i, ca) in a.chars().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b_chars.iter().enumerate() {
            let sub = prev
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(usize::from(ca != *cb));
            let del = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            cur.push(sub.min(del).min(ins));
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// Up to three catalog names closest to `query`, best first.
pub(crate) fn suggest<'a>(query: &Query, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let q = if query.short.is_empty() {
        &query.key
    } else {
        &query.short
    };
    let q_chars = q.chars().count();
    let limit = (q_chars / 3).max(2);
    let mut scored: Vec<(usize, &str)> = names
        .filter_map(|name| {
            let k = short_key(name);
            let d = if !q.is_empty() && (k.contains(q.as_str()) || q.contains(&k)) {
                // A fragment of the name (or the name plus noise) is close.
                k.len().abs_diff(q.len()).min(2)
            } else if q_chars.abs_diff(k.chars().count()) > limit {
                // The distance is at least the difference in length: too far,
                // and not worth a quadratic comparison with a long query.
                return None;
            } else {
                distance(q, &k)
            };
            (d <= limit).then_some((d, name))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| String::from(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_hydro_spelling() {
        assert_eq!(key("Antminer S21 XP Hyd"), key("antminer s21xp HYDRO"));
        assert_eq!(short_key("Antminer S21 XP Hyd"), "s21xphyd");
        assert_ne!(key("Antminer S21+ Hyd"), key("Antminer S21 Hyd"));
        let q = Query::new;
        assert!(matches(&q("s21 xp hyd"), "Antminer S21 XP Hyd", "Bitmain"));
        assert!(matches(
            &q("Bitmain Antminer S21"),
            "Antminer S21",
            "Bitmain"
        ));
        assert!(!matches(&q("s21"), "Antminer S21 XP", "Bitmain"));
        assert!(matches(&q("h100 sxm"), "NVIDIA H100 SXM", "NVIDIA"));
        assert!(is_prefix(&q("tpu v7"), "Google TPU v7 Ironwood"));
        assert!(is_prefix(&q("A100"), "NVIDIA A100 SXM4 80GB"));
        assert!(!is_prefix(&q(""), "NVIDIA A100 SXM4 80GB"));
        assert!(!is_prefix(&q("s21 hyd"), "Antminer S21+ Hyd"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("s21xp", "s21xp"), 0);
    }

    #[test]
    fn suggestions_find_near_misses() {
        let names = ["Antminer S21 XP", "Antminer S21 XP Hyd", "Antminer S9"];
        let s = suggest(&Query::new("s21 xpp"), names.iter().copied());
        assert_eq!(s.first().map(String::as_str), Some("Antminer S21 XP"));
        assert!(suggest(&Query::new("zzzzzzzz"), names.iter().copied()).is_empty());
    }

    #[test]
    fn suggestions_skip_names_too_different_in_length() {
        let names = ["Antminer S21 XP", "Antminer S9"];
        // Length alone rules these out: no edit-distance table is built.
        let long = Query::new(&"q".repeat(1_000_000));
        assert!(suggest(&long, names.iter().copied()).is_empty());
        // A length difference within the limit still gets a distance.
        let s = suggest(&Query::new("s2lxp"), names.iter().copied());
        assert_eq!(s.first().map(String::as_str), Some("Antminer S21 XP"));
    }
}
