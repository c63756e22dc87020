//! The publisher's name from a copyright line (`[저작권자ⓒ 뉴스스텝. 무단전재-재배포 금지]`,
//! `<저작권자 © 연합뉴스, 무단 전재-재배포 금지>`, `Copyright © 한국일보`) or, as a last
//! resort, from the host name of the article's URL.

use std::sync::LazyLock;

use regex::Regex;

static COPYRIGHT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:저작권자|copyright|ⓒ|©|\(c\))(?:\s*(?:by|ⓒ|©|\(c\)|[:：]|\d{4}(?:\s*-\s*\d{4})?))*\s*([^.,&:：<>\[\]|()\n]+?)\s*(?:[.,&:：<>\[\]|()]|무단|all\s+rights|$)",
    )
    .expect("valid copyright pattern")
});

/// The publisher named by a copyright line, if it names one.
pub fn from_copyright(line: &str) -> Option<String> {
    COPYRIGHT_NAME.captures_iter(line).find_map(|caps| {
        let name = caps.get(1)?.as_str().trim();
        let bad = name.is_empty()
            || name.chars().count() > 30
            || name.contains("저작권")
            || name.to_lowercase().contains("rights");
        (!bad).then(|| name.to_string())
    })
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
    fn host_names() {
        assert_eq!(
            from_url("https://www.example.co.kr/news/1").as_deref(),
            Some("example.co.kr")
        );
        assert_eq!(from_url("articles/a.html"), None);
    }
}
