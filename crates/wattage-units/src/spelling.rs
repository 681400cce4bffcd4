//! Matching what was typed against known spellings of a unit, a currency or
//! a price's denominator, with the one case-folding rule of this crate.
//!
//! **The rule.** An exact spelling always matches. Otherwise case is
//! folded (`eh/s` is `EH/s`, `btc` is `BTC`, `mwh` is `MWh`), with one
//! exception: text in *mixed* case that differs from a known spelling in
//! the case of `m`/`M` or `p`/`P` is refused, because SI tells those apart
//! (milli and mega, pico and peta) and mixed case shows the writer chose
//! the case: `mW` is a milliwatt, not a megawatt, and `pH/s` is not
//! `PH/s`. Text all in one case (`mwh`, `MWH`) cannot be making that
//! distinction, so it folds. The `s` after `FLOP` never folds: `FLOPS` is
//! a rate and `FLOPs` (or `flops`) a count. When folding leaves more than one meaning
//! the text is refused as unknown.

/// What a look-up found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found<T> {
    /// One meaning.
    One(T),
    /// Nothing matches, even with case folded.
    Unknown,
    /// Only a match that changes the case of a letter whose case carries
    /// meaning (m/M or p/P in mixed-case text, the s of FLOPs).
    CaseMatters(&'static str),
}

/// Looks `text` up among `spellings` (each a spelling and its meaning) by
/// the rule of the module docs.
pub(crate) fn find<T, I>(text: &str, spellings: I) -> Found<T>
where
    T: Copy + PartialEq,
    I: IntoIterator<Item = (&'static str, T)> + Clone,
{
    if let Some((_, meaning)) = spellings.clone().into_iter().find(|(s, _)| *s == text) {
        return Found::One(meaning);
    }
    let mixed = is_mixed_case(text);
    let mut found: Option<T> = None;
    let mut case_matters = None;
    for (spelling, meaning) in spellings {
        if !same_folded(text, spelling) {
            continue;
        }
        if meaningful_case_change(text, spelling, mixed) {
            case_matters = Some(spelling);
            continue;
        }
        match found {
            Some(previous) if previous != meaning => return Found::Unknown,
            _ => found = Some(meaning),
        }
    }
    match (found, case_matters) {
        (Some(meaning), _) => Found::One(meaning),
        (None, Some(spelling)) => Found::CaseMatters(spelling),
        (None, None) => Found::Unknown,
    }
}

/// Whether `text` has both upper- and lower-case letters.
fn is_mixed_case(text: &str) -> bool {
    text.chars().any(char::is_uppercase) && text.chars().any(char::is_lowercase)
}

/// Whether `a` and `b` are the same text with case folded.
fn same_folded(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `typed` and `known` (equal when folded) differ in the case of a
/// letter whose case carries meaning: m or p when `mixed`, the s of FLOPs
/// always.
fn meaningful_case_change(typed: &str, known: &str, mixed: bool) -> bool {
    let mut before = alloc::string::String::new();
    for (x, y) in typed.chars().zip(known.chars()) {
        if x != y {
            let letter = x.to_ascii_lowercase();
            let prefix = mixed && matches!(letter, 'm' | 'p');
            let plural = letter == 's' && before.to_ascii_lowercase().ends_with("flop");
            if prefix || plural {
                return true;
            }
        }
        before.push(x);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{Found, find};

    const UNITS: [(&str, u8); 3] = [("MWh", 1), ("kWh", 2), ("PH/s", 3)];

    #[test]
    fn exact_then_folded() {
        assert_eq!(find("MWh", UNITS), Found::One(1));
        assert_eq!(find("mwh", UNITS), Found::One(1));
        assert_eq!(find("MWH", UNITS), Found::One(1));
        assert_eq!(find("Mwh", UNITS), Found::One(1));
        assert_eq!(find("KWH", UNITS), Found::One(2));
        assert_eq!(find("ph/s", UNITS), Found::One(3));
        assert_eq!(find("Ph/S", UNITS), Found::One(3));
    }

    #[test]
    fn mixed_case_prefix_swaps_are_refused() {
        assert_eq!(find("mWh", UNITS), Found::CaseMatters("MWh"));
        assert_eq!(find("pH/s", UNITS), Found::CaseMatters("PH/s"));
        assert_eq!(find("GWh", UNITS), Found::Unknown);
    }

    #[test]
    fn flops_is_a_rate_and_flops_a_count() {
        let count = [("TFLOPs", 1)];
        assert_eq!(find("TFLOPS", count), Found::CaseMatters("TFLOPs"));
        assert_eq!(find("tflops", count), Found::One(1));
        assert_eq!(find("TFlops", count), Found::CaseMatters("TFLOPs"));
        assert_eq!(find("tflOPs", count), Found::One(1));
    }

    #[test]
    fn two_meanings_after_folding_are_unknown() {
        let both = [("mW", 1), ("MW", 2)];
        assert_eq!(find("mw", both), Found::Unknown);
        assert_eq!(find("mW", both), Found::One(1));
        assert_eq!(find("Mw", both), Found::One(2));
    }
}
