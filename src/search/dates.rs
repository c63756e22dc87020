//! Dates in filters: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` and ages relative to today (`7d`, `2w`,
//! `3m`, `1y`), all as calendar days in Korean time (KST, UTC+9).

use chrono::{DateTime, Days, Months, NaiveDate, Utc};

use crate::article::kst;

/// Today's date in Korea.
pub fn today_kst() -> NaiveDate {
    Utc::now().with_timezone(&kst()).date_naive()
}

/// A date filter that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad date `{input}` for the {which}: {reason}. Use YYYY-MM-DD, YYYY-MM, YYYY, or an age such as \
     7d, 2w, 3m, 1y (days, weeks, months, years before today)"
)]
pub struct DateError {
    /// What was given.
    pub input: String,
    /// Which end of the range it was given for (`start date`, `end date`).
    pub which: &'static str,
    /// What is wrong with it.
    pub reason: String,
}

/// Which end of a range a date is for: a start takes the first day of a month or year, an
/// end takes the last (ends are inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `--from`: the range starts at the beginning of the period.
    From,
    /// `--to`: the range ends after the last day of the period.
    To,
}

impl Bound {
    fn name(self) -> &'static str {
        match self {
            Self::From => "start date",
            Self::To => "end date",
        }
    }
}

/// The first and the day after the last day of a period typed by a user.
fn period(input: &str, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), String> {
    let text = input.trim();
    let bad = || "not a date".to_string();
    if let Some(unit) = text.chars().last().filter(|c| "dwmy".contains(*c)) {
        let amount: u32 = text[..text.len() - 1]
            .parse()
            .map_err(|_| "an age is a number followed by d, w, m or y".to_string())?;
        let day = match unit {
            'd' => today.checked_sub_days(Days::new(amount.into())),
            'w' => today.checked_sub_days(Days::new(u64::from(amount) * 7)),
            'm' => today.checked_sub_months(Months::new(amount)),
            _ => amount
                .checked_mul(12)
                .and_then(|months| today.checked_sub_months(Months::new(months))),
        }
        .ok_or_else(|| "too far back".to_string())?;
        return Ok((day, day + Days::new(1)));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize| -> Result<u32, String> {
        if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let month_start = |year: u32, month: u32| {
        NaiveDate::from_ymd_opt(year as i32, month, 1)
            .ok_or_else(|| format!("there is no month {month}"))
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4)?;
            let start = month_start(year, 1)?;
            Ok((start, start + Months::new(12)))
        }
        [y, m] => {
            let start = month_start(number(y, 4)?, number(m, 2)?)?;
            Ok((start, start + Months::new(1)))
        }
        [y, m, d] => {
            let (year, month, day) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
            month_start(year, month)?;
            let date = NaiveDate::from_ymd_opt(year as i32, month, day)
                .ok_or_else(|| format!("month {month} of {year} has no day {day}"))?;
            Ok((date, date + Days::new(1)))
        }
        _ => Err(bad()),
    }
}

/// The instant a `--from` or `--to` date stands for: the start of the period for `From`, the
/// end (exclusive, so the last day is included) for `To`.
pub fn parse_bound(
    input: &str,
    bound: Bound,
    today: NaiveDate,
) -> Result<DateTime<Utc>, DateError> {
    let (first, after_last) = period(input, today).map_err(|reason| DateError {
        input: input.to_string(),
        which: bound.name(),
        reason,
    })?;
    let day = match bound {
        Bound::From => first,
        Bound::To => after_last,
    };
    Ok(start_of_day(day))
}

/// Midnight KST at the start of `day`, as a UTC instant.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (midnight - chrono::Duration::hours(9)).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn kst_date(instant: DateTime<Utc>) -> String {
        instant
            .with_timezone(&kst())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn absolute_dates_cover_whole_periods() {
        let today = day("2025-06-15");
        let from = |s| kst_date(parse_bound(s, Bound::From, today).unwrap());
        let to = |s| kst_date(parse_bound(s, Bound::To, today).unwrap());
        assert_eq!(from("2024-03-05"), "2024-03-05 00:00");
        assert_eq!(to("2024-03-05"), "2024-03-06 00:00");
        assert_eq!(from("2024-02"), "2024-02-01 00:00");
        assert_eq!(to("2024-02"), "2024-03-01 00:00");
        assert_eq!(to("2024-12"), "2025-01-01 00:00");
        assert_eq!(from("2024"), "2024-01-01 00:00");
        assert_eq!(to("2024"), "2025-01-01 00:00");
    }

    #[test]
    fn relative_ages_count_back_from_today() {
        let today = day("2025-06-15");
        let from = |s| kst_date(parse_bound(s, Bound::From, today).unwrap());
        assert_eq!(from("7d"), "2025-06-08 00:00");
        assert_eq!(from("2w"), "2025-06-01 00:00");
        assert_eq!(from("3m"), "2025-03-15 00:00");
        assert_eq!(from("1y"), "2024-06-15 00:00");
        assert_eq!(from("0d"), "2025-06-15 00:00");
        assert_eq!(
            kst_date(parse_bound("1d", Bound::To, today).unwrap()),
            "2025-06-15 00:00"
        );
    }

    #[test]
    fn bad_dates_say_what_is_accepted() {
        let today = day("2025-06-15");
        for bad in [
            "2024-13",
            "2024-02-30",
            "24-01-01",
            "yesterday",
            "",
            "d",
            "-3d",
            "2024/01/01",
            "99999999999d",
            "4294967295y",
        ] {
            let err = parse_bound(bad, Bound::From, today).expect_err(bad);
            let shown = err.to_string();
            assert!(
                shown.contains("start date") && shown.contains("YYYY-MM-DD"),
                "{shown}"
            );
        }
        let err = parse_bound("2024-02-30", Bound::To, today).unwrap_err();
        assert!(err.to_string().contains("no day 30"), "{err}");
    }
}
