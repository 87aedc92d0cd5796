//! `decimal::Fixed` must write exactly what `format!("{:.N}")` writes: it
//! replaces std's float printing in the map, the printed plan and the key
//! figures, and golden files and users' CSV files depend on the digits.

use proptest::prelude::*;
use skyddsnat_core::decimal::{fixed, Fixed, MAX_DECIMALS};

fn std_text(x: f64, decimals: u8) -> String {
    format!("{:.*}", usize::from(decimals), x)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Every f64 bit pattern: normal, subnormal, huge, negative, NaN, inf.
    #[test]
    fn any_float_any_decimals_as_std(bits in any::<u64>(), decimals in 0..=MAX_DECIMALS) {
        let x = f64::from_bits(bits);
        prop_assert_eq!(fixed(x, decimals), std_text(x, decimals));
    }

    /// The values the widget shows: coordinates and percentages, many of
    /// them exact or near ties (k/20 with one decimal, k/200 with two).
    #[test]
    fn near_ties_as_std(k in -2_000_000i64..2_000_000, divisor in prop::sample::select(vec![2.0, 8.0, 20.0, 200.0, 3.0, 7.0]), decimals in 0u8..4) {
        let x = k as f64 / divisor;
        prop_assert_eq!(fixed(x, decimals), std_text(x, decimals));
        prop_assert_eq!(Fixed(x, decimals).to_string(), std_text(x, decimals));
    }

    /// Shares as the key figures compute them: count / total · 100.
    #[test]
    fn percentages_as_std(count in 0u32..10_000, extra in 0u32..10_000) {
        let total = count + extra;
        prop_assume!(total > 0);
        let x = f64::from(count) / f64::from(total) * 100.0;
        prop_assert_eq!(fixed(x, 1), std_text(x, 1));
    }
}

#[test]
fn every_exact_tie_of_one_decimal_rounds_as_std() {
    for k in -100_000..=100_000 {
        let x = k as f64 * 0.05;
        assert_eq!(fixed(x, 1), std_text(x, 1), "{k} * 0.05");
        let y = k as f64 / 4.0;
        assert_eq!(fixed(y, 1), std_text(y, 1), "{k} / 4");
    }
}

#[test]
fn more_decimals_than_the_maximum_are_the_maximum() {
    assert_eq!(fixed(0.1, MAX_DECIMALS + 5), std_text(0.1, MAX_DECIMALS));
}
