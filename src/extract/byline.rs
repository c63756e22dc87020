//! Reporters and e-mail addresses in running text: the Korean byline forms (`홍길동 기자`,
//! `홍길동·김철수 기자`, `권지혜 조성은 기자`, `글·사진 홍길동 기자`,
//! `(서울=뉴스1) 홍길동 기자 =`, `춘천=박진호 기자`, `홍길동 기자 hong@example.com`,
//! `도쿄=김철수 특파원`) and broadcast sign-offs (`홍길동 기자입니다.`,
//! `동네TV 홍길동입니다. (hong@example.com)`). Names are checked by [`super::reporters`]; the
//! title must end the word, so `기자회견`, `기자단` and `기자들` are never bylines.

use std::sync::LazyLock;

use regex::Regex;

use super::reporters::{REPORTER_TITLES, is_name, only_names};

/// Desk or outlet names that may stand between a name and the title
/// (`장혜원 온라인 뉴스 기자`, `김혜란 동네닷컴 기자`).
const DESKS: &str = r"(?:온라인\s*뉴스|온라인뉴스부|디지털뉴스부|인터넷뉴스부|뉴스팀|사회부|정치부|경제부|문화부|체육부|국제부|사진부|디지털팀|[가-힣A-Za-z]{1,8}(?:닷컴|뉴스|일보|신문|사이언스|방송)|채널A)";

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^가-힣])(?:([가-힣]{{2,8}})\s*=\s*)?([가-힣]{{2,4}}(?:\s*[·ㆍ∙•,/]\s*[가-힣]{{2,4}})*)\s*(?:{DESKS}\s*)?({REPORTER_TITLES})(?:\s*=)?(?:[^가-힣]|$)"
    ))
    .expect("valid byline pattern")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid e-mail pattern")
});
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:글\s*[·ㆍ]\s*사진|사진\s*[·ㆍ]\s*글|글쓴이|작성자|글|사진|취재|정리)\s*[:：]?\s*",
    )
    .expect("valid lead-in")
});

/// A byline found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    /// Reporter names, without titles.
    pub names: Vec<String>,
    /// Dateline place written before the names (`춘천` of `춘천=박진호 기자`).
    pub place: Option<String>,
    /// Byte range of the byline in the searched text.
    pub range: std::ops::Range<usize>,
}

/// What every title of [`REPORTER_TITLES`] contains: text with none of these has no byline, which is
/// far cheaper to see than running [`BYLINE`].
const TITLE_CORES: [&str; 6] = ["기자", "특파원", "통신원", "위원", "논설", "칼럼니스트"];
/// Searchers for [`TITLE_CORES`], built once (`str::contains` builds one per call).
static TITLE_CORE_FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 6]> =
    LazyLock::new(|| TITLE_CORES.map(memchr::memmem::Finder::new));

/// Every byline in `text` (a piece of running text, perhaps cut out of a longer line), in
/// order.
pub fn find_bylines(text: &str) -> Vec<Byline> {
    bylines(text, false)
}

/// Every byline in a whole line (a signature line, a page head's byline block), in order,
/// with co-reporters written before a byline with spaces only when nothing else precedes
/// them on the line (`권지혜 조성은 기자`).
pub fn find_line_bylines(line: &str) -> Vec<Byline> {
    bylines(line, true)
}

fn bylines(text: &str, co_reporters_before: bool) -> Vec<Byline> {
    if !TITLE_CORE_FINDERS
        .iter()
        .any(|core| core.find(text.as_bytes()).is_some())
    {
        return Vec::new();
    }
    BYLINE
        .captures_iter(text)
        .filter_map(|caps| {
            let names_match = caps.get(2)?;
            let mut names: Vec<String> = split_names(names_match.as_str())
                .filter(|n| is_name(n))
                .collect();
            if names.is_empty() {
                return None;
            }
            let whole = caps.get(0)?;
            let mut start = caps.get(1).map_or(names_match.start(), |m| m.start());
            if co_reporters_before
                && caps.get(1).is_none()
                && let Some(before) = text
                    .get(..start)
                    .filter(|b| b.chars().any(char::is_alphanumeric))
                    .and_then(only_names)
            {
                names.splice(0..0, before);
                start = text[..start]
                    .find(|c: char| c.is_alphanumeric())
                    .unwrap_or(start);
            }
            Some(Byline {
                names,
                place: caps.get(1).map(|m| m.as_str().to_string()),
                range: start..caps.get(3).map_or(whole.end(), |m| m.end()),
            })
        })
        .collect()
}

static PARTIAL_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*$").expect("valid partial e-mail")
});

/// `text` without its e-mail addresses (also one cut short at the end, `sunny@`).
pub fn without_emails(text: &str) -> String {
    let text = EMAIL.replace_all(text, " ");
    PARTIAL_EMAIL.replace(&text, "").into_owned()
}

static EMAIL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(<\[]?\s*[A-Za-z0-9][A-Za-z0-9._%+-]*@").expect("valid e-mail start")
});

static GLUED_SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([가-힣]{3})\s*기자\s*[(<\[]?\s*[A-Za-z0-9][A-Za-z0-9._%+-]*@")
        .expect("valid glued byline")
});

/// Names of bylines signed with an e-mail right after the title (`홍길동 기자 hong@…`),
/// wherever they stand: a strong signal even when other text follows, or when the name is
/// glued to the sentence before (`…밝혔다홍길동 기자 hong@…`, read as three syllables).
pub fn find_signed_names(text: &str) -> Vec<String> {
    let signed: Vec<String> = find_bylines(text)
        .into_iter()
        .filter(|b| {
            text.get(b.range.end..)
                .is_some_and(|after| EMAIL_START.is_match(after))
        })
        .flat_map(|b| b.names)
        .collect();
    if !signed.is_empty() {
        return signed;
    }
    GLUED_SIGNED
        .captures_iter(text)
        .filter_map(|caps| caps.get(1).map(|m| m.as_str().to_string()))
        .filter(|name| is_name(name))
        .collect()
}

/// A whole line closing a broadcast report: `홍길동 기자입니다.`, `홍길동 기자가 보도합니다.`
static BROADCAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([가-힣]{2,4})\s*(?:기자|특파원)(?:입니다|가\s*보도합니다|이\s*보도합니다)\s*\.?\s*$",
    )
    .expect("valid broadcast pattern")
});
/// A broadcast sign-off with an e-mail address, optionally after the outlet:
/// `동네TV 홍길동입니다. (hong@example.com)`.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[가-힣A-Za-z0-9]+\s+)?([가-힣]{2,4})입니다\s*\.?\s*[(<\[]?\s*[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\s*[)>\]]?\s*$")
        .expect("valid sign-off pattern")
});

/// The reporter a broadcast report's closing line names (`홍길동 기자입니다.`, `동네TV
/// 홍길동입니다. (hong@example.com)`).
pub fn find_broadcast_names(line: &str) -> Vec<String> {
    if !line.contains("니다") {
        return Vec::new();
    }
    BROADCAST
        .captures(line)
        .or_else(|| SIGN_OFF.captures(line))
        .and_then(|caps| caps.get(1))
        .map(|m| m.as_str().to_string())
        .filter(|name| is_name(name))
        .into_iter()
        .collect()
}

/// E-mail addresses in `text`.
pub fn find_emails(text: &str) -> Vec<String> {
    EMAIL
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Whether a whole line is a reporter signature: bylines, e-mails, labelled dates and
/// separators, nothing else.
pub fn is_signature_line(line: &str) -> bool {
    if line.chars().count() > 80 {
        return false;
    }
    if line.contains("니다") && SIGN_OFF.is_match(line) {
        return true;
    }
    let bylines = find_line_bylines(line);
    let has_email = EMAIL.is_match(line);
    if bylines.is_empty() && !has_email {
        return false;
    }
    let mut rest = line.to_string();
    for byline in bylines.iter().rev() {
        rest.replace_range(byline.range.clone(), " ");
    }
    let rest = without_emails(&rest);
    let rest = LEAD_IN.replace(&rest, "");
    let rest = super::dates::strip_labelled(&rest);
    rest.chars().all(|c| !c.is_alphanumeric()) || super::boilerplate::is_button_row(&rest)
}

fn split_names(names: &str) -> impl Iterator<Item = String> + '_ {
    names
        .split(['·', 'ㆍ', '∙', '•', ',', '/'])
        .map(|n| n.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_holds_a_title_core() {
        for title in REPORTER_TITLES.split('|') {
            assert!(
                TITLE_CORES.iter().any(|core| title.contains(core)),
                "{title} would be skipped by the TITLE_CORES check"
            );
        }
    }

    fn names(text: &str) -> Vec<String> {
        find_bylines(text)
            .into_iter()
            .flat_map(|b| b.names)
            .collect()
    }

    #[test]
    fn finds_korean_byline_forms() {
        assert_eq!(names("홍길동 기자"), ["홍길동"]);
        assert_eq!(names("홍길동 기자 = 본문"), ["홍길동"]);
        assert_eq!(names("글·사진 홍길동 기자"), ["홍길동"]);
        assert_eq!(names("홍길동·김철수 기자"), ["홍길동", "김철수"]);
        assert_eq!(names("(서울=뉴스1) 홍길동 기자 = 서울시는"), ["홍길동"]);
        assert_eq!(names("덧붙였다.이재연 기자 oscal@example.com"), ["이재연"]);
        assert_eq!(names("장혜원 온라인 뉴스 기자hodu@example.com"), ["장혜원"]);
        assert_eq!(names("정용수 선임기자"), ["정용수"]);
        let line_names = |line: &str| -> Vec<String> {
            find_line_bylines(line)
                .into_iter()
                .flat_map(|b| b.names)
                .collect()
        };
        assert_eq!(line_names("권지혜 조성은 기자"), ["권지혜", "조성은"]);
        assert_eq!(line_names("밝혔다 조성은 기자"), ["조성은"]);
        assert_eq!(line_names("사회부 조성은 기자"), ["조성은"]);
        // A piece of a longer line may start with any word.
        assert_eq!(names("주장했다 조성은 기자"), ["조성은"]);
        assert_eq!(
            names("했다.김혜란 동네닷컴 기자 kim@example.com"),
            ["김혜란"]
        );
        assert_eq!(
            names("박수습 수습기자, 김특파 특파원"),
            ["박수습", "김특파"]
        );
        assert_eq!(
            find_signed_names("홍길동 기자 hong@example.com 더 보기"),
            ["홍길동"]
        );
        assert_eq!(
            find_signed_names("부인했다곽혜진 기자 kwak@example.com"),
            ["곽혜진"]
        );
        assert!(find_signed_names("홍길동 기자가 말했다 hong@example.com").is_empty());
        let found = find_bylines("밝혔다. 춘천=박진호 기자");
        assert_eq!(found.first().and_then(|b| b.place.as_deref()), Some("춘천"));
    }

    #[test]
    fn broadcast_sign_offs() {
        assert_eq!(find_broadcast_names("홍길동 기자입니다."), ["홍길동"]);
        assert_eq!(
            find_broadcast_names("동네TV 홍길동입니다. (hong@example.com)"),
            ["홍길동"]
        );
        assert!(is_signature_line("동네TV 홍길동입니다. (hong@example.com)"));
        assert!(find_broadcast_names("그렇게 생각합니다.").is_empty());
    }

    #[test]
    fn no_false_names_from_sentences() {
        assert!(names("황 대표의 기자회견은 두 시간 앞당겨졌다").is_empty());
        assert!(names("청와대 기자단과 만났다").is_empty());
        assert!(names("현장 기자들은 모두 철수했다").is_empty());
        assert!(names("사진 기자 2명이 다쳤다").is_empty());
    }

    #[test]
    fn recognises_signature_lines_and_authors() {
        assert!(is_signature_line(
            "최선경 기자 / 기사승인 : 2024-11-08 08:10:20"
        ));
        assert!(is_signature_line("홍길동 기자 (hong@example.com)"));
        assert!(is_signature_line("hong@example.com"));
        assert!(is_signature_line("홍길동 기자 다른기사 보기"));
        assert!(!is_signature_line(
            "홍길동 기자는 시청에서 회견을 열었다고 말했다"
        ));
    }
}
