//! The dateline place at the start of an article: `(춘천=연합뉴스)` → `춘천`,
//! `[광양=뉴스스텝]` → `광양`, `광양=홍길동 기자` → `광양`.

use std::sync::LazyLock;

use regex::Regex;

use super::byline;

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[(\[【<〔]\s*([가-힣]{1,10}(?:\s[가-힣]{1,10})?)\s*=\s*[^)\]】>〕=]{1,30}[)\]】>〕]",
    )
    .expect("valid dateline pattern")
});

/// A lead-in before the first sentence: a bracketed tag (`(춘천=연합뉴스)`, `[뉴스스텝]`), then
/// optionally a byline closed by `=` (`홍길동 기자 =`, `홍길동·김철수 기자 =`).
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:[(\[【<〔]\s*([^)\]】>〕]{1,30}?)\s*[)\]】>〕]\s*)?(?:([가-힣]{2,4}(?:\s*[·ㆍ,]\s*[가-힣]{2,4})*\s*(?:기자|특파원|선임기자|객원기자|통신원))\s*=\s*)?",
    )
    .expect("valid lead-in pattern")
});

/// The first line without its lead-in: a dateline (`(춘천=연합뉴스) 홍길동 기자 =`), a
/// bracketed tag naming `press` (`[뉴스스텝]`), or a bracketed tag followed by a byline. Other
/// brackets (`[인터뷰]`) stay.
pub fn strip_lead_in<'a>(line: &'a str, press: Option<&str>) -> &'a str {
    let Some(caps) = LEAD_IN.captures(line) else {
        return line;
    };
    let tag = caps.get(1).map(|m| m.as_str().trim());
    let byline = caps.get(2).is_some();
    let tag_is_lead =
        tag.is_some_and(|t| t.contains('=') || byline || press.is_some_and(|p| t == p));
    let end = match (tag_is_lead, byline) {
        (true, _) => caps.get(0).map_or(0, |m| m.end()),
        (false, true) if tag.is_none() => caps.get(0).map_or(0, |m| m.end()),
        _ => 0,
    };
    let rest = &line[end..];
    if rest.trim().is_empty() { line } else { rest }
}

/// How far into the first line a `place=name 기자` byline may start.
const LEAD_BYTES: usize = 120;

/// How much of the first line is searched for such a byline: far more than one takes (a body
/// saved without paragraph breaks is one long line).
const LEAD_WINDOW_BYTES: usize = 1024;

/// The dateline place of an article whose body starts with `lead`.
pub fn from_lead(lead: &str) -> Option<String> {
    if let Some(place) = BRACKETED.captures(lead).and_then(|caps| caps.get(1)) {
        return Some(place.as_str().to_string());
    }
    let window = lead
        .get(..super::floor_char_boundary(lead, LEAD_WINDOW_BYTES))
        .unwrap_or(lead);
    byline::find_bylines(window)
        .into_iter()
        .take_while(|b| b.range.start <= LEAD_BYTES)
        .find_map(|b| b.place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins_are_stripped() {
        assert_eq!(
            strip_lead_in("(춘천=연합뉴스) 홍길동 기자 = 강원도는", None),
            "강원도는"
        );
        assert_eq!(strip_lead_in("[광양=뉴스스텝] 광양시는", None), "광양시는");
        assert_eq!(
            strip_lead_in("[뉴스스텝] 광양시는", Some("뉴스스텝")),
            "광양시는"
        );
        assert_eq!(strip_lead_in("홍길동·김철수 기자 = 정부는", None), "정부는");
        assert_eq!(
            strip_lead_in("[인터뷰] 광양시장은", Some("뉴스스텝")),
            "[인터뷰] 광양시장은"
        );
        assert_eq!(
            strip_lead_in("광양시는 (사진=광양시) 밝혔다", None),
            "광양시는 (사진=광양시) 밝혔다"
        );
    }

    #[test]
    fn places_from_datelines() {
        assert_eq!(
            from_lead("(춘천=연합뉴스) 홍길동 기자 = 강원도는").as_deref(),
            Some("춘천")
        );
        assert_eq!(
            from_lead("[광양=뉴스스텝] 광양시는").as_deref(),
            Some("광양")
        );
        assert_eq!(
            from_lead("광양=홍길동 기자 광양시는").as_deref(),
            Some("광양")
        );
        assert_eq!(from_lead("[뉴스스텝] 광양시는"), None);
        assert_eq!(from_lead("광양시는 (사진=광양시) 밝혔다"), None);
    }
}
