//! The one reporter normaliser: every reporter value — a page's author metadata, a byline
//! or signature line, a JSON or CSV field, a BigKinds `기고자` cell, a NewsML `ByLine` —
//! becomes clean person names (2–4 Hangul syllables starting with a Korean surname) and,
//! apart from them, the desks and teams it names (`사회부`, `7NEWS팀`).
//!
//! A value is cut into words at the separators `· ㆍ . , / 、 ; | =`, brackets, spaces and
//! line breaks; titles (`기자`, `특파원`, `선임기자`, `논설위원` …) are dropped, also when
//! glued to the name (`홍길동기자`); `외 1명`, e-mail addresses, lead-ins (`글·사진`), outlet
//! names (`연합뉴스`) and places (`서울`) are dropped; what is left and reads as a name is a
//! reporter, and a word ending in a desk suffix (`부`, `팀`, `국`, `센터`, `데스크`) is a desk.
//! Space-separated co-reporters (`권지혜 조성은 기자`) are each kept; duplicates are
//! removed, first mention first.

use std::sync::LazyLock;

use regex::Regex;

use super::push_new;

/// Titles that mark a reporter in running text (`홍길동 기자`), longest first; a regex
/// alternation for [`super::byline`].
pub const REPORTER_TITLES: &str = "수석논설위원|객원논설위원|선임기자|수습기자|인턴기자|객원기자|전문기자|취재기자|사진기자|영상기자|시민기자|기자|특파원|통신원|논설위원|논설실장|편집위원|칼럼니스트";

/// Titles, posts and roles dropped from reporter values, besides [`REPORTER_TITLES`]
/// (not cues in running text: `김철수 부장은` is a person, not a byline).
const OTHER_TITLES: [&str; 30] = [
    "대기자",
    "명예기자",
    "전문위원",
    "기획위원",
    "객원위원",
    "위원",
    "부국장",
    "국장",
    "부장",
    "차장",
    "팀장",
    "데스크",
    "에디터",
    "앵커",
    "리포터",
    "캐스터",
    "기상캐스터",
    "아나운서",
    "작가",
    "평론가",
    "교수",
    "변호사",
    "박사",
    "연구원",
    "연구위원",
    "대표",
    "원장",
    "소장",
    "센터장",
    "본부장",
];

/// Words that stand in bylines but are never names, although some start with a surname
/// syllable (`온라인`, `사진`, `전남`): lead-ins, roles, media words and the short names of
/// the 17 provinces and metropolitan cities used as datelines.
const NOT_NAMES: [&str; 62] = [
    "글",
    "사진",
    "영상",
    "그래픽",
    "자료",
    "일러스트",
    "취재",
    "정리",
    "제공",
    "기사",
    "담당",
    "현장",
    "전문",
    "객원",
    "수습",
    "선임",
    "인턴",
    "시민",
    "명예",
    "방송",
    "신문",
    "뉴스",
    "온라인",
    "디지털",
    "인터넷",
    "모바일",
    "종합",
    "편집",
    "특별",
    "공동",
    "기획",
    "외",
    "등",
    "동영상",
    "연합",
    "기자",
    "기자단",
    "대표",
    "공식",
    "보도",
    "보도자료",
    "홍보",
    "통신",
    "서울",
    "부산",
    "대구",
    "인천",
    "광주",
    "대전",
    "울산",
    "세종",
    "경기",
    "강원",
    "충북",
    "충남",
    "전북",
    "전남",
    "경북",
    "경남",
    "제주",
    "본사",
    "지사",
];

/// Endings of verbs and the copula at the end of a sentence (`주장했다`, `이다`), which can
/// start with a surname syllable.
const VERB_ENDINGS: [&str; 24] = [
    "했다", "였다", "었다", "았다", "겠다", "한다", "된다", "있다", "없다", "됐다", "졌다", "렸다",
    "혔다", "왔다", "갔다", "냈다", "봤다", "줬다", "켰다", "쳤다", "섰다", "니다", "하다", "이다",
];

/// Endings of outlet names (`연합뉴스`, `동네일보`, `동네닷컴`), never names.
const OUTLET_ENDINGS: [&str; 13] = [
    "일보",
    "신문",
    "뉴스",
    "방송",
    "닷컴",
    "통신",
    "미디어",
    "타임즈",
    "타임스",
    "투데이",
    "저널",
    "매거진",
    "리뷰",
];

/// Endings of desk and team names (`사회부`, `디지털뉴스팀`, `편집국`, `7NEWS팀`).
const DESK_ENDINGS: [&str; 7] = ["부", "팀", "국", "센터", "데스크", "취재반", "기획단"];

/// Common Korean surnames (first syllable of a name).
const SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈견당탄";
/// Two-syllable surnames.
const DOUBLE_SURNAMES: [&str; 8] = [
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방",
];

/// `외 1명`, `외 2인`, `등 3명`: counts of unnamed co-reporters.
static OTHERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:외|등)?\s*\d+\s*(?:명|인)").expect("valid others pattern"));
/// Every title, longest first, for stripping one glued to a name (`홍길동기자`).
static ALL_TITLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut titles: Vec<&'static str> = REPORTER_TITLES.split('|').chain(OTHER_TITLES).collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    titles
});

/// The people and desks a reporter value names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    /// Person names, without titles, deduplicated.
    pub names: Vec<String>,
    /// Desk and team names (`사회부`, `7NEWS팀`), deduplicated.
    pub desks: Vec<String>,
}

impl Credits {
    /// Adds the credits of `other` not already here.
    pub fn merge(&mut self, other: Credits) {
        push_new(&mut self.names, other.names);
        push_new(&mut self.desks, other.desks);
    }

    /// Adds names (already checked with [`is_name`]) not already here.
    pub fn add_names(&mut self, names: impl IntoIterator<Item = String>) {
        push_new(&mut self.names, names);
    }
}

/// Normalises one reporter value (or several values joined by line breaks).
pub fn normalize(value: &str) -> Credits {
    let value = super::byline::without_emails(value);
    let value = OTHERS.replace_all(&value, " ");
    let words: Vec<&str> = value
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .collect();
    let mut credits = Credits::default();
    let mut at = 0;
    while let Some(word) = words.get(at) {
        if let Some(name) = words.get(at + 1).and_then(|next| split_name(word, next)) {
            push_new(&mut credits.names, [name]);
            at += 2;
            continue;
        }
        match classify(word) {
            Word::Name(name) => push_new(&mut credits.names, [name]),
            Word::Desk(desk) => push_new(&mut credits.desks, [desk]),
            Word::Other => {}
        }
        at += 1;
    }
    credits
}

/// A name written as two words, the surname apart from the given name in either order
/// (`이 민준`, or `민준 이` as content systems with Western name fields store it).
fn split_name(first: &str, second: &str) -> Option<String> {
    let surname = |w: &str| w.chars().count() == 1 && SURNAMES.contains(w);
    let given = |w: &str| {
        (1..=2).contains(&w.chars().count())
            && w.chars().all(is_hangul)
            && !NOT_NAMES.contains(&w)
            && !is_title(w)
    };
    if surname(first) && given(second) {
        Some(format!("{first}{second}"))
    } else if given(first) && surname(second) {
        Some(format!("{second}{first}"))
    } else {
        None
    }
}

/// The names of `text` when every word of it is a name (`권지혜 조성은`), else `None`.
pub fn only_names(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for word in text.split(is_separator).filter(|w| !w.is_empty()) {
        match classify(word) {
            Word::Name(name) if name == word => names.push(name),
            _ => return None,
        }
    }
    (!names.is_empty()).then_some(names)
}

/// What a word of a reporter value is.
enum Word {
    Name(String),
    Desk(String),
    Other,
}

fn classify(word: &str) -> Word {
    if is_desk(word) {
        return Word::Desk(word.to_string());
    }
    let bare = strip_title(word);
    if bare.is_empty() || is_title(word) || is_outlet(bare) {
        return Word::Other;
    }
    if is_desk(bare) {
        return Word::Desk(bare.to_string());
    }
    if is_name(bare) {
        Word::Name(bare.to_string())
    } else {
        Word::Other
    }
}

/// Separators between the words of a reporter value.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '·' | 'ㆍ'
                | '∙'
                | '•'
                | '‧'
                | '.'
                | ','
                | '/'
                | '、'
                | ';'
                | '|'
                | '='
                | '('
                | ')'
                | '['
                | ']'
                | '<'
                | '>'
                | '{'
                | '}'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | ':'
                | '：'
                | '-'
                | '_'
                | '&'
                | '+'
        )
}

/// `word` without a title glued to its end (`홍길동기자` → `홍길동`).
fn strip_title(word: &str) -> &str {
    ALL_TITLES
        .iter()
        .find_map(|title| word.strip_suffix(title))
        .unwrap_or(word)
}

fn is_title(word: &str) -> bool {
    ALL_TITLES.contains(&word)
}

/// A desk or team: a Hangul or Latin word (digits allowed) ending in a desk suffix, longer
/// than the suffix (`사회부`, `7NEWS팀`), and not a name ending in one of those syllables
/// by chance (three syllables starting with a surname and ending in `부`/`국`, e.g. `이상국`,
/// stay names unless they read as a desk word).
fn is_desk(word: &str) -> bool {
    let Some(ending) = DESK_ENDINGS.iter().find(|e| word.ends_with(*e)) else {
        return false;
    };
    let head = &word[..word.len() - ending.len()];
    if head.is_empty()
        || !word
            .chars()
            .all(|c| is_hangul(c) || c.is_ascii_alphanumeric())
    {
        return false;
    }
    // A Latin or digit part (`7NEWS팀`) or a media word before the suffix (`뉴스팀`,
    // `편집국`) makes a desk; so does a head of two or more syllables for `팀`, `센터` ….
    let has_latin = head.chars().any(|c| c.is_ascii_alphanumeric());
    let media_head = [
        "뉴스",
        "사회",
        "정치",
        "경제",
        "문화",
        "체육",
        "국제",
        "사진",
        "편집",
        "디지털",
        "온라인",
        "인터넷",
        "영상",
        "취재",
        "지역",
        "전국",
        "산업",
        "증권",
        "금융",
        "부동산",
        "생활",
        "스포츠",
        "연예",
        "과학",
        "기획",
        "특별",
        "보도",
        "외신",
        "논설",
        "여론",
        "엔터",
    ]
    .iter()
    .any(|w| head.contains(w));
    has_latin || media_head || (*ending != "부" && *ending != "국" && head.chars().count() >= 2)
}

/// An outlet's name (`연합뉴스`, `동네일보`) or a Latin word: never a person's name here.
pub fn is_outlet(word: &str) -> bool {
    OUTLET_ENDINGS
        .iter()
        .any(|e| word.ends_with(e) && word.len() > e.len())
        || word.chars().any(|c| c.is_ascii_alphanumeric())
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// A plausible Korean personal name: 2–4 Hangul syllables starting with a common surname,
/// and not a word that only looks like one (`사진`, `온라인`, `전남`, a verb such as
/// `주장했다`; `김바다` stays a name).
pub fn is_name(name: &str) -> bool {
    let count = name.chars().count();
    if !(2..=4).contains(&count)
        || !name.chars().all(is_hangul)
        || NOT_NAMES.contains(&name)
        || VERB_ENDINGS.iter().any(|e| name.ends_with(e))
    {
        return false;
    }
    let double = DOUBLE_SURNAMES.iter().any(|s| name.starts_with(s)) && count >= 3;
    double || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(value: &str) -> Vec<String> {
        normalize(value).names
    }

    #[test]
    fn titles_are_stripped() {
        assert_eq!(names("홍길동 기자"), ["홍길동"]);
        assert_eq!(names("홍길동기자"), ["홍길동"]);
        for title in [
            "특파원",
            "선임기자",
            "논설위원",
            "인턴기자",
            "객원기자",
            "통신원",
            "편집위원",
            "수석논설위원",
            "대기자",
            "앵커",
        ] {
            assert_eq!(names(&format!("김철수 {title}")), ["김철수"], "{title}");
        }
    }

    #[test]
    fn separators_split_co_reporters() {
        assert_eq!(names("홍길동·김철수 기자"), ["홍길동", "김철수"]);
        assert_eq!(
            names("최서인.장서윤.이찬규.황수빈("),
            ["최서인", "장서윤", "이찬규", "황수빈"]
        );
        assert_eq!(
            names("홍길동, 김철수/박영희、이민수"),
            ["홍길동", "김철수", "박영희", "이민수"]
        );
        assert_eq!(names("권지혜 조성은 기자"), ["권지혜", "조성은"]);
        assert_eq!(names("문동성,손재호"), ["문동성", "손재호"]);
    }

    #[test]
    fn duplicates_and_line_breaks() {
        assert_eq!(
            names("김수경 기자\n김수경 기자  양승수 기자  이민준 기자"),
            ["김수경", "양승수", "이민준"]
        );
    }

    #[test]
    fn unnamed_others_emails_and_outlets_are_dropped() {
        assert_eq!(names("홍길동 기자 외 1명"), ["홍길동"]);
        assert_eq!(names("홍길동 기자 hong@example.com"), ["홍길동"]);
        assert_eq!(names("(서울=연합뉴스) 홍길동 기자"), ["홍길동"]);
        assert_eq!(names("장혜원 온라인 뉴스 기자"), ["장혜원"]);
        assert_eq!(names("글·사진 홍길동 기자"), ["홍길동"]);
        assert_eq!(names("전남 홍길동 기자"), ["홍길동"]);
        assert!(names("MoneyS").is_empty());
        assert!(names("연합뉴스").is_empty());
        assert!(names("https://example.com/author/1").is_empty());
    }

    #[test]
    fn surnames_written_apart() {
        assert_eq!(names("민준 이"), ["이민준"]);
        assert_eq!(names("이 민준 기자"), ["이민준"]);
        assert_eq!(names("지인 신, 민준 이"), ["신지인", "이민준"]);
    }

    #[test]
    fn desks_go_to_their_own_field() {
        let credits = normalize("7NEWS팀");
        assert!(credits.names.is_empty());
        assert_eq!(credits.desks, ["7NEWS팀"]);
        let credits = normalize("사회부 홍길동 기자");
        assert_eq!(credits.names, ["홍길동"]);
        assert_eq!(credits.desks, ["사회부"]);
        assert_eq!(normalize("디지털뉴스팀").desks, ["디지털뉴스팀"]);
        assert_eq!(normalize("온라인뉴스부 기자").desks, ["온라인뉴스부"]);
        // A name that happens to end in 국 or 부 stays a name.
        assert_eq!(names("이상국 기자"), ["이상국"]);
    }

    #[test]
    fn names_need_a_surname_and_two_to_four_syllables() {
        assert!(is_name("홍길동"));
        assert!(is_name("남궁민수"));
        assert!(!is_name("홍"));
        assert!(!is_name("홍길동김철수"));
        assert!(!is_name("사진"));
        assert!(!is_name("밝혔다"));
        assert!(!is_name("주장했다"));
        assert!(!is_name("이다"));
        assert!(is_name("김바다"));
    }
}
