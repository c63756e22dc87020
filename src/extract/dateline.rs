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

/// How far into the first line a `place=name 기자` byline may start.
const LEAD_BYTES: usize = 120;

/// The dateline place of an article whose body starts with `lead`.
pub fn from_lead(lead: &str) -> Option<String> {
    if let Some(place) = BRACKETED.captures(lead).and_then(|caps| caps.get(1)) {
        return Some(place.as_str().to_string());
    }
    byline::find_bylines(lead)
        .into_iter()
        .take_while(|b| b.range.start <= LEAD_BYTES)
        .find_map(|b| b.place)
}

#[cfg(test)]
mod tests {
    use super::*;

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
