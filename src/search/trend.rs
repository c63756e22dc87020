//! Hit counts over time (`dongne trend`): per day, ISO week or month, in Korean time, with
//! empty periods between the first and the last hit filled in.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::collect::Hit;
use crate::article::kst;

/// Most periods a trend lists; longer spans are an error asking for a coarser interval.
pub const MAX_BUCKETS: usize = 20_000;

/// Length of a trend period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl Interval {
    /// The first day of the period containing `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => day,
            Self::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Self::Month => day.with_day(1).unwrap_or(day),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Day => start.checked_add_days(Days::new(1)),
            Self::Week => start.checked_add_days(Days::new(7)),
            Self::Month => start.checked_add_months(Months::new(1)),
        }
    }

    /// How a period is labelled: `2024-03-05`, `2024-W10`, `2024-03`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Self::Day => start.format("%Y-%m-%d").to_string(),
            Self::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Self::Month => start.format("%Y-%m").to_string(),
        }
    }
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The period's label (`2024-03`, `2024-W10`, `2024-03-05`).
    pub period: String,
    /// Its first day.
    pub start: NaiveDate,
    /// Hits published in it.
    pub count: u64,
}

/// Counts per period of the hits that have a publication time, empty periods included;
/// `Err` with the number of periods when there would be more than [`MAX_BUCKETS`].
pub fn buckets(hits: &[Hit], interval: Interval) -> Result<Vec<Bucket>, usize> {
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for hit in hits {
        if let Some(time) = hit
            .published
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        {
            let day = time.with_timezone(&kst()).date_naive();
            *counts.entry(interval.start_of(day)).or_default() += 1;
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Ok(Vec::new());
    };
    let span = match interval {
        Interval::Day => (last - first).num_days() + 1,
        Interval::Week => (last - first).num_days() / 7 + 1,
        Interval::Month => {
            i64::from(last.year() - first.year()) * 12 + i64::from(last.month())
                - i64::from(first.month())
                + 1
        }
    } as usize;
    if span > MAX_BUCKETS {
        return Err(span);
    }
    let mut out = Vec::with_capacity(span);
    let mut start = Some(first);
    while let Some(day) = start.filter(|d| *d <= last) {
        out.push(Bucket {
            period: interval.label(day),
            start: day,
            count: counts.get(&day).copied().unwrap_or(0),
        });
        start = interval.next(day);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(kst_day: &str) -> Hit {
        let day: NaiveDate = kst_day.parse().unwrap();
        Hit {
            address: tantivy::DocAddress::new(0, 0),
            score: 0.0,
            // 23:30 KST is still that day.
            published: Some(super::super::dates::start_of_day(day).timestamp() + 23 * 3600 + 1800),
        }
    }

    #[test]
    fn months_weeks_and_days_with_gaps_filled() {
        let hits = [hit("2024-01-31"), hit("2024-03-01"), hit("2024-03-31")];
        let months = buckets(&hits, Interval::Month).unwrap();
        let shown: Vec<(String, u64)> =
            months.iter().map(|b| (b.period.clone(), b.count)).collect();
        assert_eq!(
            shown,
            [
                ("2024-01".into(), 1),
                ("2024-02".into(), 0),
                ("2024-03".into(), 2)
            ]
        );
        let weeks = buckets(&hits[..2], Interval::Week).unwrap();
        assert_eq!(weeks.first().unwrap().period, "2024-W05");
        assert_eq!(weeks.first().unwrap().start.to_string(), "2024-01-29");
        assert_eq!(weeks.last().unwrap().period, "2024-W09");
        assert_eq!(weeks.len(), 5);
        let days = buckets(&hits[1..], Interval::Day).unwrap();
        assert_eq!(days.len(), 31);
        assert_eq!(days.iter().map(|b| b.count).sum::<u64>(), 2);
    }

    #[test]
    fn too_many_periods_is_refused() {
        let hits = [hit("1900-01-01"), hit("2024-01-01")];
        assert!(buckets(&hits, Interval::Day).is_err());
        assert_eq!(buckets(&hits, Interval::Month).unwrap().len(), 124 * 12 + 1);
    }
}
