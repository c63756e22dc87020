//! Publication and update times: ISO 8601 / RFC 3339 (meta tags, JSON-LD, dumps) and the
//! Korean forms (`기사승인 : 2024-11-08 08:10:20`, `입력 2024.11.08. 오후 3:10`,
//! `2024년 11월 8일`, BigKinds `20241108`). A time without a zone is KST (+09:00);
//! impossible dates (`2024-13-45`, year 1) are rejected.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;

use crate::article::kst;

/// Years a news article can be from.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A Korean or dotted date with optional 오전/오후 time.
const DATE: &str = r"(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})\s*(?:일|\.)?(?:\s*\(\s*[월화수목금토일]\s*\))?(?:\s*(오전|오후|AM|PM|am|pm)?\s*(\d{1,2})\s*(?::|시)\s*(\d{1,2})\s*분?(?:\s*:?\s*(\d{1,2})\s*초?)?)?";

static KOREAN_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATE).expect("valid date pattern"));
static COMPACT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$")
        .expect("valid compact date")
});
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(기사승인|최종\s*수정|기사\s*수정|승인|입력|등록|수정|업데이트|발행|게재|작성|송고|게시|날짜)\s*(?:일시|일자|시간|일|시각)?\s*[:：]?\s*{DATE}"
    ))
    .expect("valid labelled date pattern")
});

/// Parses one date or time value in any of the accepted forms.
pub fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    // Every machine format below has a time with `:`; a bare date (`2019-01-08`, as most
    // dumps give it) skips them.
    if text.contains(':') {
        let parsed = DateTime::parse_from_rfc3339(text)
            .ok()
            .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z").ok())
            .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f%z").ok())
            .or_else(|| DateTime::parse_from_rfc2822(text).ok());
        if let Some(parsed) = parsed {
            return YEARS
                .contains(&chrono::Datelike::year(&parsed))
                .then_some(parsed);
        }
        for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return in_kst(naive);
            }
        }
    }
    // ISO 8601 basic format, as NewsML writes it (`20030902T175841+0900`).
    if text.len() >= 15 && text.as_bytes().get(8) == Some(&b'T') {
        if let Ok(parsed) = DateTime::parse_from_str(text, "%Y%m%dT%H%M%S%z") {
            return YEARS
                .contains(&chrono::Datelike::year(&parsed))
                .then_some(parsed);
        }
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S") {
            return in_kst(naive);
        }
    }
    if let Some(caps) = COMPACT_DATE.captures(text) {
        return from_parts(&caps, None);
    }
    KOREAN_DATE
        .captures(text)
        .and_then(|caps| from_parts(&caps, Some(4)))
}

/// How far a publication time the page shows may be from the one its metadata states and
/// still be taken for the same (metadata often holds the time the article was written).
const SHOWN_SLACK_HOURS: i64 = 24;

/// The publication time to keep, given the one structured data states and the one the page
/// shows with a label (`승인 2024.11.08 09:30`): what readers see when it is close to the
/// stated time (the stated one may be the writing time, or a date without a time), the
/// stated one when they disagree more or the shown one has no time of day.
pub fn prefer_shown(
    stated: Option<DateTime<FixedOffset>>,
    shown: Option<DateTime<FixedOffset>>,
) -> Option<DateTime<FixedOffset>> {
    match (stated, shown) {
        (Some(stated), Some(shown)) => {
            let close = (shown - stated).num_hours().abs() <= SHOWN_SLACK_HOURS;
            let midnight = |t: DateTime<FixedOffset>| {
                let local = t.with_timezone(&kst());
                chrono::Timelike::hour(&local) == 0 && chrono::Timelike::minute(&local) == 0
            };
            let shown_has_time = !midnight(shown) || midnight(stated);
            Some(if close && shown_has_time {
                shown
            } else {
                stated
            })
        }
        (stated, shown) => stated.or(shown),
    }
}

/// Publication and update times stated by labels in text (`입력 …`, `수정 …`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LabelledDates {
    /// From `기사승인`, `승인`, `입력`, `등록`, `발행`, `게재`, `작성`, `송고`, `게시`, `날짜`.
    pub published: Option<DateTime<FixedOffset>>,
    /// From `수정`, `최종수정`, `업데이트`.
    pub updated: Option<DateTime<FixedOffset>>,
}

impl LabelledDates {
    /// Fills what is still missing from `other`.
    pub fn or(self, other: LabelledDates) -> LabelledDates {
        LabelledDates {
            published: self.published.or(other.published),
            updated: self.updated.or(other.updated),
        }
    }
}

/// Finds labelled dates in `text`; the first of each kind wins.
pub fn find_labelled(text: &str) -> LabelledDates {
    let mut found = LabelledDates::default();
    for caps in LABELLED.captures_iter(text) {
        let label = caps.get(1).map(|m| m.as_str()).unwrap_or_default();
        let Some(when) = from_parts(&caps, Some(5)) else {
            continue;
        };
        let slot = if label.contains("수정") || label == "업데이트" {
            &mut found.updated
        } else {
            &mut found.published
        };
        slot.get_or_insert(when);
    }
    found
}

/// Whether `text` is nothing but labelled dates and separators (a date line to drop).
pub fn is_date_line(text: &str) -> bool {
    LABELLED.is_match(text) && strip_labelled(text).chars().all(|c| !c.is_alphanumeric())
}

/// `text` with its labelled dates blanked out.
pub fn strip_labelled(text: &str) -> String {
    LABELLED.replace_all(text, " ").into_owned()
}

/// The first unlabelled `2024년 11월 8일`-style date in `text`.
pub fn find_any(text: &str) -> Option<DateTime<FixedOffset>> {
    KOREAN_DATE
        .captures_iter(text)
        .find_map(|caps| from_parts(&caps, Some(4)))
}

/// Builds a time from captures: year, month, day at groups 1..3 (or `offset - 3`..), then
/// for Korean forms the 오전/오후 marker and hour, minute, second.
fn from_parts(
    caps: &regex::Captures<'_>,
    meridiem_group: Option<usize>,
) -> Option<DateTime<FixedOffset>> {
    let first = meridiem_group.map_or(1, |g| g.saturating_sub(3));
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = i32::try_from(number(first)?).ok()?;
    let month = number(first.checked_add(1)?)?;
    let day = number(first.checked_add(2)?)?;
    if !YEARS.contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time_first = meridiem_group.map_or(4, |g| g.saturating_add(1));
    let mut hour = number(time_first).unwrap_or(0);
    let minute = number(time_first.checked_add(1)?).unwrap_or(0);
    let second = number(time_first.checked_add(2)?).unwrap_or(0);
    if let Some(meridiem) = meridiem_group.and_then(|g| caps.get(g)).map(|m| m.as_str()) {
        let afternoon = matches!(meridiem, "오후" | "PM" | "pm");
        hour = match (afternoon, hour) {
            (true, h) if h < 12 => h.checked_add(12)?,
            (false, 12) => 0,
            (_, h) => h,
        };
    }
    in_kst(date.and_time(NaiveTime::from_hms_opt(hour, minute, second)?))
}

fn in_kst(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    if !YEARS.contains(&chrono::Datelike::year(&naive)) {
        return None;
    }
    kst().from_local_datetime(&naive).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_datetime(text).map(|t| t.to_rfc3339())
    }

    #[test]
    fn parses_iso_korean_and_compact_forms() {
        assert_eq!(
            iso("2024-11-08T08:10:20+09:00").as_deref(),
            Some("2024-11-08T08:10:20+09:00")
        );
        assert_eq!(
            iso("2025-12-07T00:00:00+00:00").as_deref(),
            Some("2025-12-07T00:00:00+00:00")
        );
        assert_eq!(
            iso("2024-11-08 08:10:20").as_deref(),
            Some("2024-11-08T08:10:20+09:00")
        );
        assert_eq!(
            iso("2024.11.08. 오후 3:10").as_deref(),
            Some("2024-11-08T15:10:00+09:00")
        );
        assert_eq!(
            iso("2024-11-08 오전 12:05:00").as_deref(),
            Some("2024-11-08T00:05:00+09:00")
        );
        assert_eq!(
            iso("2024년 11월 8일").as_deref(),
            Some("2024-11-08T00:00:00+09:00")
        );
        assert_eq!(
            iso("20241108").as_deref(),
            Some("2024-11-08T00:00:00+09:00")
        );
        assert_eq!(
            iso("2019-01-08").as_deref(),
            Some("2019-01-08T00:00:00+09:00")
        );
        assert_eq!(
            iso("20030902T175841+0900").as_deref(),
            Some("2003-09-02T17:58:41+09:00")
        );
        assert_eq!(
            iso("20030902T175841").as_deref(),
            Some("2003-09-02T17:58:41+09:00")
        );
    }

    #[test]
    fn the_shown_time_wins_when_close_and_precise() {
        let at = |text: &str| parse_datetime(text);
        let stated = at("2024-11-08T09:29:40+09:00");
        assert_eq!(
            prefer_shown(stated, at("2024.11.08 09:30")),
            at("2024.11.08 09:30")
        );
        // A stated date without a time gives way to a shown time that day.
        assert_eq!(
            prefer_shown(at("2024-11-08"), at("입력 2024.11.08 07:45")),
            at("2024.11.08 07:45")
        );
        // A shown date without a time, or one far off, does not.
        assert_eq!(prefer_shown(stated, at("2024.11.08")), stated);
        assert_eq!(prefer_shown(stated, at("2024.12.01 10:00")), stated);
        assert_eq!(prefer_shown(None, at("2024.11.08")), at("2024.11.08"));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(iso("2024-13-45"), None);
        assert_eq!(iso("0001-01-01T00:00:00+00:00"), None);
        assert_eq!(iso("2024-11-08 25:61"), None);
        assert_eq!(iso("99999999999999999999"), None);
    }

    #[test]
    fn finds_labelled_dates() {
        let found = find_labelled("입력 : 2024-11-08 오후 3:10:00 | 수정 2024.11.09 10:00");
        assert_eq!(
            found.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-08T15:10:00+09:00")
        );
        assert_eq!(
            found.updated.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-09T10:00:00+09:00")
        );
        let found = find_labelled("최선경 기자 / 기사승인 : 2024-11-08 08:10:20");
        assert_eq!(
            found.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-08T08:10:20+09:00")
        );
        assert!(find_labelled("등록 2024-13-45").published.is_none());
        assert!(is_date_line("등록 2024-11-08 | 수정 2024-11-09"));
        assert!(!is_date_line("입력 2024-11-08 시청에서 회의가 열렸다"));
    }
}
