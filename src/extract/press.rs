//! The publisher's name: from a copyright line (`[저작권자ⓒ 뉴스스텝. 무단전재-재배포 금지]`,
//! `<저작권자 © 연합뉴스, 무단 전재-재배포 금지>`, `Copyright © 한국일보`), a site logo's text
//! (`동네일보 로고`), the site name a `<title>` appends, the press code of a KPF/BigKinds
//! news id (`01100101.20241108…`) or, as a last resort, the host name of the article's URL.

use std::sync::LazyLock;

use regex::Regex;

static COPYRIGHT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:저작권자|copyright|ⓒ|©|\(c\))(?:\s*(?:by|ⓒ|©|\(c\)|[:：]|\d{4}(?:\s*-\s*\d{4})?))*\s*([^.,&:：<>\[\]|()\n]+?)\s*(?:[.,&:：<>\[\]|()]|무단|all\s+rights|$)",
    )
    .expect("valid copyright pattern")
});

/// A slogan quoted before the name (`‘경제 뉴스’ 동네머니`).
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"‘[^’]*’|“[^”]*”|"[^"]*""#).expect("valid quote pattern"));

/// The publisher named by a copyright line, if it names one.
pub fn from_copyright(line: &str) -> Option<String> {
    let line = QUOTED.replace_all(line, " ");
    COPYRIGHT_NAME.captures_iter(&line).find_map(|caps| {
        let name = caps.get(1)?.as_str().trim();
        let bad = name.is_empty()
            || name.chars().count() > 30
            || name.contains("저작권")
            || name.to_lowercase().contains("rights");
        (!bad).then(|| name.to_string())
    })
}

/// Longest plausible publisher name, in characters.
const PRESS_CHARS: usize = 20;

/// Whether `name` can be a publisher's name: short, at most three words, no sentence or
/// list punctuation.
pub fn is_plausible(name: &str) -> bool {
    let chars = name.chars().count();
    (2..=PRESS_CHARS).contains(&chars)
        && name.split_whitespace().count() <= 3
        && !name.starts_with("http")
        && !name.chars().any(|c| {
            matches!(
                c,
                ':' | '"'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '\''
                    | '|'
                    | '/'
                    | '<'
                    | '>'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | ','
                    | '?'
                    | '!'
                    | '…'
            )
        })
}

/// The first part of a `press | portal` value (`뉴시스 | 네이버` → `뉴시스`).
pub fn first_part(value: &str) -> &str {
    value.split(['|', '·']).next().unwrap_or(value).trim()
}

/// Words a logo's text adds to the site name (`동네일보 로고`, `동네군 홈페이지`).
const LOGO_WORDS: [&str; 8] = [
    "로고",
    "logo",
    "LOGO",
    "Logo",
    "홈페이지",
    "홈으로",
    "바로가기",
    "메인",
];

/// The site name a logo's text (its `alt`, or the logo element's text) gives.
pub fn from_logo(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !LOGO_WORDS.contains(w))
        .collect();
    let name = words.join(" ");
    let name = LOGO_WORDS
        .iter()
        .fold(name.as_str(), |n, w| n.strip_suffix(w).unwrap_or(n))
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The site name a `<title>` appends to the headline (`제목 - 동네일보`, `제목 < 사회 < 동네일보`):
/// its last part after a separator, when the `<title>` starts with the headline.
pub fn from_document_title(document_title: &str, headline: &str) -> Option<String> {
    let document_title = document_title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let headline = headline.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = document_title.strip_prefix(&headline)?;
    let last = rest
        .rsplit([' ', '-', '|', '<', '>', ':', '–', '—'])
        .find(|part| !part.trim().is_empty())?
        .trim();
    (!headline.is_empty() && !last.is_empty()).then(|| last.to_string())
}

/// Publishers by the press code that starts KPF NewsML item ids and BigKinds news ids
/// (`01100101.20241108093000001`): the national dailies, as the BigKinds news API reports
/// them (`provider_code`). Other codes are kept as codes by the callers.
const PRESS_CODES: [(&str, &str); 12] = [
    ("01100101", "경향신문"),
    ("01100201", "국민일보"),
    ("01100301", "내일신문"),
    ("01100401", "동아일보"),
    ("01100501", "문화일보"),
    ("01100611", "서울신문"),
    ("01100701", "세계일보"),
    ("01100751", "아시아투데이"),
    ("01100801", "조선일보"),
    ("01100901", "중앙일보"),
    ("01101001", "한겨레"),
    ("01101101", "한국일보"),
];

/// The press code of a KPF or BigKinds news id (its eight digits before the dot).
pub fn code_of_id(id: &str) -> Option<&str> {
    let code = id.trim().split('.').next()?;
    (code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The publisher of a press code, when the table has it.
pub fn name_of_code(code: &str) -> Option<&'static str> {
    PRESS_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Whether a feed provider is the Korea Press Foundation, which distributes other papers'
/// articles (not their publisher).
pub fn is_distributor(provider: &str) -> bool {
    let lower = provider.to_lowercase();
    provider.contains("언론진흥재단") || lower == "kpf" || lower.contains("kpf.or.kr")
}

/// The host of `url` without `www.`, for pages that name no publisher.
pub fn from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.trim();
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_copyright_lines() {
        assert_eq!(
            from_copyright("[저작권자ⓒ 뉴스스텝. 무단전재-재배포 금지]").as_deref(),
            Some("뉴스스텝")
        );
        assert_eq!(
            from_copyright("<저작권자 © 연합뉴스, 무단 전재-재배포 금지>").as_deref(),
            Some("연합뉴스")
        );
        assert_eq!(
            from_copyright("Copyright © 한국일보 All rights reserved").as_deref(),
            Some("한국일보")
        );
        assert_eq!(
            from_copyright("[ⓒ 세계일보 & Segye.com, 무단전재 및 재배포 금지]").as_deref(),
            Some("세계일보")
        );
        assert_eq!(
            from_copyright("ⓒ 2024 동네일보").as_deref(),
            Some("동네일보")
        );
        assert_eq!(from_copyright("무단전재 및 재배포 금지"), None);
    }

    #[test]
    fn quoted_slogans_logos_and_title_suffixes() {
        assert_eq!(
            from_copyright(
                "저작권자 ⓒ ‘꿈꾸는 사람들의 경제 뉴스’ 동네머니, 무단전재 및 재배포 금지"
            )
            .as_deref(),
            Some("동네머니")
        );
        assert_eq!(from_logo("동네일보 로고").as_deref(), Some("동네일보"));
        assert_eq!(from_logo("logo").as_deref(), None);
        assert_eq!(
            from_document_title("제목이다 < 사회 < 기사본문 - 동네일보", "제목이다").as_deref(),
            Some("동네일보")
        );
        assert_eq!(
            from_document_title("다른 제목 - 동네일보", "제목이다"),
            None
        );
        assert!(is_plausible("동네일보"));
        assert!(!is_plausible(
            "종합일간지 : 신문/웹/모바일 등 멀티 채널로 국내외 실시간 뉴스"
        ));
        assert_eq!(first_part("뉴시스 | 네이버"), "뉴시스");
    }

    #[test]
    fn press_codes() {
        assert_eq!(code_of_id("01100101.20241108093000001"), Some("01100101"));
        assert_eq!(code_of_id("no id"), None);
        assert_eq!(name_of_code("01100801"), Some("조선일보"));
        assert_eq!(name_of_code("09999999"), None);
        assert!(is_distributor("한국언론진흥재단"));
        assert!(!is_distributor("동네일보"));
    }

    #[test]
    fn host_names() {
        assert_eq!(
            from_url("https://www.example.co.kr/news/1").as_deref(),
            Some("example.co.kr")
        );
        assert_eq!(from_url("articles/a.html"), None);
    }
}
