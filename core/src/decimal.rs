//! Numbers as decimal text without the standard library's float printing.
//!
//! Why: any `{:.1}` or `{}` of an `f64` links core's float formatting
//! (Grisu with a Dragon4 fallback and their power tables) into the widget's
//! wasm, about 20 KB, and the offline file has a size budget. The map's
//! coordinates, the printed plan's SVG and the key figures only ever need a
//! fixed number of decimals, which integer arithmetic on the float's exact
//! binary value gives just as well.
//!
//! [`Fixed`] writes exactly what `format!("{:.N}", x)` writes, digit for
//! digit: the exact value of the `f64` rounded half to even (so 0.25 with one
//! decimal is "0.2", and 0.35, stored as 0.34999…, is "0.3"), the sign kept
//! for negative values that round to zero ("-0.0"), and "NaN", "inf" and
//! "-inf" as std writes them. The one difference: at most
//! [`MAX_DECIMALS`] decimals; asking for more gives that many.
//!
//! It is small on purpose (plain `u64` arithmetic, one non-generic
//! function): every byte of it ships in the wasm.

use std::fmt;

/// The most decimals [`Fixed`] writes. Three keep the scaled mantissa
/// (below 2^53 · 10^3 < 2^63) in a `u64`; the widget needs at most two.
pub const MAX_DECIMALS: u8 = 3;

/// Room for any f64: 309 digits before the point (f64::MAX), the point,
/// [`MAX_DECIMALS`] digits after it and a sign.
const CAP: usize = 320;

/// `x` with exactly `decimals` digits after the point, as `{:.N}` writes it:
/// `Fixed(2.25, 1)` displays as "2.2", `Fixed(-3.0, 0)` as "-3".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; CAP];
        f.write_str(render(self.0, self.1, &mut buf))
    }
}

/// `x` with `decimals` digits after the point (see [`Fixed`]).
pub fn fixed(x: f64, decimals: u8) -> String {
    let mut buf = [0u8; CAP];
    render(x, decimals, &mut buf).to_string()
}

/// The text of `Fixed(x, decimals)`, written into `buf`. One plain function
/// (no generics), so the wasm holds it once.
fn render(x: f64, decimals: u8, buf: &mut [u8; CAP]) -> &str {
    if x.is_nan() {
        return "NaN";
    }
    let negative = x.is_sign_negative();
    if x.is_infinite() {
        return if negative { "-inf" } else { "inf" };
    }
    let decimals = usize::from(decimals.min(MAX_DECIMALS));
    // The digits of |x| · 10^decimals, rounded, least significant first.
    let mut digits = [0u8; CAP];
    let mut len;
    let (mantissa, exponent) = decompose(x);
    if exponent >= 0 {
        // An integer (every f64 from 2^53 up is one): mantissa doubled
        // `exponent` times in decimal, then `decimals` zeros after it.
        len = push_digits(&mut digits, mantissa);
        for _ in 0..exponent {
            let mut carry = 0;
            for d in &mut digits[..len] {
                let twice = *d * 2 + carry;
                *d = twice % 10;
                carry = twice / 10;
            }
            if carry > 0 {
                digits[len] = carry;
                len += 1;
            }
        }
        digits.copy_within(0..len, decimals);
        digits[..decimals].fill(0);
        len += decimals;
    } else {
        // |x| = mantissa / 2^shift exactly: round mantissa · 10^decimals / 2^shift
        // half to even.
        let shift = exponent.unsigned_abs();
        let scaled = mantissa * 10u64.pow(decimals as u32);
        let rounded = if shift >= 64 {
            // scaled < 2^63 ≤ 2^(shift-1): below one half.
            0
        } else {
            let whole = scaled >> shift;
            let rest = scaled & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            if rest > half || (rest == half && whole % 2 == 1) {
                whole + 1
            } else {
                whole
            }
        };
        len = push_digits(&mut digits, rounded);
    }
    // At least one digit before the point ("0.5").
    while len <= decimals {
        digits[len] = 0;
        len += 1;
    }
    let mut at = 0;
    if negative {
        buf[0] = b'-';
        at = 1;
    }
    for i in (0..len).rev() {
        buf[at] = b'0' + digits[i];
        at += 1;
        if i == decimals && decimals > 0 {
            buf[at] = b'.';
            at += 1;
        }
    }
    // Only ASCII digits, '-' and '.' were written.
    std::str::from_utf8(&buf[..at]).unwrap_or_default()
}

/// Writes the decimal digits of `n` into `digits`, least significant first;
/// returns how many (at least one).
fn push_digits(digits: &mut [u8; CAP], mut n: u64) -> usize {
    let mut len = 0;
    loop {
        digits[len] = (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            return len;
        }
    }
}

/// |x| as mantissa · 2^exponent, exactly (x finite).
fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        // Zero and the subnormals: no implicit leading one.
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_as_users_read_it() {
        assert_eq!(fixed(76.54, 1), "76.5");
        assert_eq!(fixed(12.0, 1), "12.0");
        assert_eq!(fixed(0.0, 1), "0.0");
        assert_eq!(fixed(99.96, 1), "100.0");
        assert_eq!(fixed(-3.25, 2), "-3.25");
        assert_eq!(fixed(1234.5, 0), "1234");
        assert_eq!(Fixed(0.05, 1).to_string(), "0.1");
    }

    #[test]
    fn ties_round_to_even_on_the_exact_value() {
        // Exact ties: half to even, as std does.
        assert_eq!(fixed(0.25, 1), "0.2");
        assert_eq!(fixed(0.75, 1), "0.8");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(3.5, 0), "4");
        // 0.35 is stored as 0.34999…: no tie, it rounds down.
        assert_eq!(fixed(0.35, 1), "0.3");
    }

    #[test]
    fn signs_and_specials_as_std_writes_them() {
        assert_eq!(fixed(-0.0, 1), "-0.0");
        assert_eq!(fixed(-0.04, 1), "-0.0");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::INFINITY, 1), "inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
    }

    #[test]
    fn huge_and_tiny_values_keep_every_digit() {
        assert_eq!(fixed(1e20, 1), "100000000000000000000.0");
        assert_eq!(fixed(2f64.powi(80), 0), "1208925819614629174706176");
        assert_eq!(fixed(f64::MIN_POSITIVE, 3), "0.000");
        assert_eq!(fixed(5e-324, 2), "0.00");
        assert_eq!(fixed(-f64::MAX, 0).len(), 310);
    }
}
