//! Calendar dates and times of day, without a clock: "today" is always passed in.
//!
//! Dates are proleptic Gregorian, stored as days since 1970-01-01 and written
//! as `YYYY-MM-DD` in files. Times of day are minutes since midnight, written `HH:MM`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (no time zone: meetings happen in Stockholm local time).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Day of the week, Monday first as in Sweden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 = Monday … 6 = Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
}

/// Smallest and largest year a plan may mention; keeps arithmetic far from overflow.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

impl Date {
    /// A date from year, month (1–12) and day (1–31); `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD` exactly (no time, no zone).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The date `n` days later (or earlier, for negative `n`), clamped to the supported range.
    pub fn add_days(self, n: i32) -> Date {
        let lo = days_from_civil(MIN_YEAR, 1, 1);
        let hi = days_from_civil(MAX_YEAR, 12, 31);
        Date(self.0.saturating_add(n).clamp(lo, hi))
    }

    /// Whole days from `self` to `other` (positive if `other` is later).
    pub fn days_until(self, other: Date) -> i32 {
        other.0 - self.0
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.0 + 3).rem_euclid(7) as usize]
    }

    /// Monday of the ISO week this date is in.
    pub fn week_start(self) -> Date {
        Date(self.0 - self.weekday().index() as i32)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected a date YYYY-MM-DD between {MIN_YEAR} and {MAX_YEAR}"
            ))
        })
    }
}

/// A time of day, minutes after midnight (0..1440).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// The full hour `h` (taken modulo 24).
    pub const fn hours(h: u8) -> TimeOfDay {
        TimeOfDay((h % 24) as u16 * 60)
    }

    pub fn from_hm(h: u32, m: u32) -> Option<TimeOfDay> {
        (h < 24 && m < 60).then(|| TimeOfDay((h * 60 + m) as u16))
    }

    pub fn parse(s: &str) -> Option<TimeOfDay> {
        let (h, m) = s.split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        TimeOfDay::from_hm(h.parse().ok()?, m.parse().ok()?)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn hour(self) -> u32 {
        u32::from(self.0 / 60)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        TimeOfDay::parse(&s)
            .ok_or_else(|| serde::de::Error::custom("expected a time of day HH:MM (00:00–23:59)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_a_leap_century() {
        let start = Date::from_ymd(1999, 12, 25).unwrap();
        for n in 0..40_000 {
            let d = start.add_days(n);
            assert_eq!(Date::parse(&d.to_string()), Some(d));
        }
    }

    #[test]
    fn knows_weekdays_and_weeks() {
        let d = Date::parse("2026-11-23").unwrap();
        assert_eq!(d.weekday(), Weekday::Mon);
        assert_eq!(Date::parse("2024-02-29").unwrap().weekday(), Weekday::Thu);
        assert_eq!(Date::parse("2026-11-29").unwrap().week_start(), d);
    }

    #[test]
    fn rejects_impossible_dates_and_times() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "20260101",
            "+026-01-01",
            "2026-01-0a",
            "1800-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        for bad in ["24:00", "7:5", "ab:cd", "-1:00", "12:60", ""] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
        assert_eq!(TimeOfDay::parse("7:05").unwrap().to_string(), "07:05");
    }
}
