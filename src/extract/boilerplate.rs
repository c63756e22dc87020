//! Removing what is not article text from body lines: everything from the copyright line,
//! an end mark (`(끝)`) or a related/latest/most-read box heading on (`최신뉴스`,
//! `많이 본 기사`, `관련기사`, `PHOTO NEWS`), share/print/font buttons, image captions and
//! credits (`▲ …`, `/사진=…`, `<사진제공=…>`, `사진 설명)` and the caption after it), ads,
//! hashtag lines, tip-line promotions (`기사문의 및 제보 : …`) and press-release contact notes
//! (`담당자 행정과 ☎061-…`), and reporter signature and date lines, which are kept aside for
//! byline and date extraction. A byline or copyright notice glued to the end of
//! the last paragraph (dumps that lost their line breaks) is cut off the same way.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::utf8;

use super::{byline, dates};

/// Headings of boxes that follow the article; the body ends at the first one.
const BOX_HEADINGS: [&str; 24] = [
    "최신뉴스",
    "최신기사",
    "많이본기사",
    "많이본뉴스",
    "가장많이본기사",
    "관련기사",
    "관련뉴스",
    "photonews",
    "포토뉴스",
    "인기기사",
    "인기뉴스",
    "주요기사",
    "주요뉴스",
    "이시각주요뉴스",
    "오늘의주요뉴스",
    "뉴스댓글",
    "이기사를공유합니다",
    "추천기사",
    "실시간인기기사",
    "핫이슈",
    "기자의다른기사",
    "다른기사보기",
    "이전기사",
    "다음기사",
];

/// Words of share, print and font-size button rows (and of the links beside a byline).
const BUTTON_WORDS: [&str; 37] = [
    "인쇄",
    "프린트",
    "스크랩",
    "공유",
    "공유하기",
    "글자크기",
    "글씨크기",
    "글자",
    "크기",
    "가",
    "확대",
    "축소",
    "페이스북",
    "트위터",
    "카카오톡",
    "카카오스토리",
    "네이버",
    "밴드",
    "url복사",
    "링크복사",
    "기사듣기",
    "이메일",
    "메일",
    "닫기",
    "좋아요",
    "싫어요",
    "댓글",
    "목록",
    "보기",
    "더보기",
    "다른기사",
    "기사보기",
    "다른",
    "기사",
    "구독",
    "구독하기",
    "프로필",
];

/// Longest line taken for a caption.
const CAPTION_CHARS: usize = 150;

/// Lines that are only an ad marker.
const AD_LINES: [&str; 5] = ["광고", "[광고]", "ad", "advertisement", "sponsored"];

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)무단\s*전재|재\s*배포\s*금지|all\s+rights\s+reserved|copyright|저작권자|^\s*[ⓒ©]",
    )
    .expect("valid copyright")
});
/// A line that only labels the caption on the next line (`사진 설명)`, `[사진설명]`).
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[(<*※]?\s*사진\s*설명\s*[\])>:]?\s*$").expect("valid caption label")
});
/// A press-release contact note: a phone number with a contact word.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:담당|문의|연락처|☎|전화).{0,40}\d{2,4}\s*[-)]\s*\d{3,4}\s*-\s*\d{4}")
        .expect("valid contact pattern")
});
/// A photo credit after the last sentence (`…했다. 사진=동네시`), the sentence's end kept.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?”"’]\s*(?:사진|그래픽|자료)\s*(?:제공)?\s*=\s*[^\s.]{1,30}\s*$"#)
        .expect("valid trailing credit")
});
/// Lines that end an article (`(끝)`, `<끝>`, `[끝]`).
const END_MARKS: [&str; 4] = ["(끝)", "<끝>", "[끝]", "/끝/"];
/// Longest contact note or tip-line promotion, in bytes.
const NOTE_BYTES: usize = 360;
static CAPTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:▲|△\s*사진|\[\s*사진|\(\s*사진|<\s*사진|사진\s*[=:]|/\s*사진\s*=|사진\s*제공|그래픽\s*=|자료\s*사진|[*※]\s*사진\s*설명)")
        .expect("valid caption pattern")
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:<\s*사진\s*(?:제공)?\s*=[^>]{0,40}>|\(\s*사진\s*(?:제공)?\s*=[^)]{0,40}\)|\[\s*사진\s*(?:제공)?\s*=[^\]]{0,40}\]|/\s*사진\s*(?:제공)?\s*=\s*\S{1,30}\s*$)")
        .expect("valid credit pattern")
});
static TAIL_COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\[[^\[\]]{0,80}(?:ⓒ|©|저작권|무단)[^\[\]]{0,80}\]|<[^<>]{0,80}(?:ⓒ|©|저작권|무단)[^<>]{0,80}>|(?:copyright|ⓒ|©)[^.。]{0,80}?(?:all\s+rights\s+reserved\.?|무단\s*전재[^.]{0,40}금지\.?)|copyright\s*(?:by|ⓒ|©)?[^가-힣]{0,60})\s*$")
        .expect("valid tail copyright pattern")
});
/// What every alternative of [`TAIL_COPYRIGHT`] holds: a literal search, far cheaper than
/// the pattern's reverse search from the end of every line.
static COPYRIGHT_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ⓒ|©|저작권|무단|copyright").expect("valid copyright mark"));

/// A pattern anchored at the end of a line, and whether it can match there (given the line
/// trimmed at the end).
type TailPattern = (Regex, fn(&str) -> bool);

/// What may follow a glued byline: photo credits, `◎` promotions, `[화보]`-like tags, each
/// with a test of whether it can match at the end of a line, far cheaper than the pattern's
/// reverse search. They are searched apart: in one pattern their counted repetitions would
/// multiply into more states than the lazy DFA keeps.
static TAIL_JUNK: LazyLock<[TailPattern; 5]> = LazyLock::new(|| {
    let tail = |pattern: &str| {
        Regex::new(&format!(r"(?:{pattern})\s*$")).expect("valid tail junk pattern")
    };
    [
        (tail(r"\s*\[[^\[\]]{1,20}\]"), |line| line.ends_with(']')),
        (
            tail(r"\s*,?\s*(?:사진|그래픽|자료|영상)\s*=\s*[^\[\]=.!?]{1,40}"),
            |line| short_after_last(line, &['='], 40, &['[', ']', '.', '!', '?']),
        ),
        (tail(r"\s*[◎☞▶][^◎☞▶]{0,160}"), |line| {
            short_after_last(line, &['◎', '☞', '▶'], 160, &[])
        }),
        (tail(r"\s*더\s*보기"), |line| line.ends_with("보기")),
        (tail(r"\s*화보\s*:[^:]{0,80}"), |line| {
            short_after_last(line, &[':'], 80, &[])
        }),
    ]
});
/// Body lines with the boilerplate taken out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// The article's paragraphs.
    pub lines: Vec<String>,
    /// Removed signature and date lines (and cut-off tails), for bylines and dates.
    pub meta: Vec<String>,
    /// The copyright notice that ended the body, if any.
    pub copyright: Option<String>,
}

/// Cleans body lines (already whitespace-collapsed or not).
pub fn clean<I, S>(lines: I) -> Cleaned
where
    I: IntoIterator<Item = S>,
    S: AsRef<str> + Into<String>,
{
    let mut cleaned = Cleaned::default();
    let mut after_caption_label = false;
    for line in lines {
        let line = match collapsed(line.as_ref()) {
            Cow::Borrowed(_) => line.into(),
            Cow::Owned(collapsed) => collapsed,
        };
        if line.is_empty() {
            continue;
        }
        if std::mem::take(&mut after_caption_label) && line.chars().count() <= CAPTION_CHARS * 2 {
            continue;
        }
        let started = !cleaned.lines.is_empty();
        if END_MARKS.contains(&line.as_str()) {
            if started {
                break;
            }
            continue;
        }
        if is_copyright(&line) {
            cleaned.copyright.get_or_insert(line);
            if started {
                break;
            }
            continue;
        }
        if let Some(glued) =
            find_at_end(&TAIL_COPYRIGHT, &line, may_end_in_copyright).filter(|m| m.start > 0)
        {
            cleaned
                .copyright
                .get_or_insert_with(|| line[glued.clone()].trim().to_string());
            cleaned.lines.push(
                line.get(..glued.start)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            );
            break;
        }
        if is_box_heading(&line) {
            if started {
                break;
            }
            continue;
        }
        if line.len() <= CAPTION_LABEL_BYTES && CAPTION_LABEL.is_match(&line) {
            after_caption_label = true;
            continue;
        }
        if is_button_row(&line)
            || is_ad(&line)
            || is_caption(&line)
            || is_hashtag_line(&line)
            || is_note(&line)
        {
            continue;
        }
        if byline::is_signature_line(&line) || dates::is_date_line(&line) {
            cleaned.meta.push(line);
            continue;
        }
        // A photo credit always names `사진` (or `그래픽`, `자료` after the last sentence);
        // the line is trimmed already.
        let line = match line.contains("사진").then(|| CREDIT.replace_all(&line, "")) {
            Some(Cow::Owned(uncredited)) => uncredited.trim().to_string(),
            _ => line,
        };
        let line = match find_at_end(&TRAILING_CREDIT, &line, may_end_in_credit) {
            // The match starts with the sentence's end, which stays.
            Some(credit) => line[..credit.start + sentence_end_len(&line[credit.clone()])]
                .trim()
                .to_string(),
            None => line,
        };
        if !line.is_empty() {
            cleaned.lines.push(line);
        }
    }
    cut_tail(&mut cleaned);
    cleaned
}

/// Cuts a copyright notice and a byline glued to the end of the last line.
fn cut_tail(cleaned: &mut Cleaned) {
    let Some(mut last) = cleaned.lines.pop() else {
        return;
    };
    while let Some((start, tail)) = tail_byline(&last) {
        cleaned.meta.push(tail);
        last.truncate(start);
    }
    let last = last.trim();
    if !last.is_empty() {
        cleaned.lines.push(last.to_string());
    }
}

/// Where a byline glued to the end of `line` starts, and the byline (with e-mails), when
/// only e-mails, photo credits, promotions and short bracketed tags follow it.
fn tail_byline(line: &str) -> Option<(usize, String)> {
    let mut end = line.len();
    while let Some(start) = line
        .get(..end)
        .and_then(junk_at_end)
        .filter(|&start| start < end)
    {
        end = start;
    }
    let kept = line.get(..end)?;
    // A glued byline is near the end: search the last words only (a body saved without
    // paragraph breaks is one long line).
    let from = tail_window_start(kept);
    let found = byline::find_bylines(&kept[from..])
        .into_iter()
        .next_back()?;
    let found = (from + found.range.start)..(from + found.range.end);
    let after = kept.get(found.end..)?;
    if byline::without_emails(after)
        .chars()
        .any(char::is_alphanumeric)
    {
        return None;
    }
    Some((found.start, kept.get(found.start..)?.trim().to_string()))
}

/// Whether [`TRAILING_CREDIT`] can match at the end of `line`: an `=` in its last words.
fn may_end_in_credit(line: &str) -> bool {
    short_after_last(line.trim_end(), &['='], 30, &[])
}

/// Bytes of the sentence end a [`TRAILING_CREDIT`] match starts with.
fn sentence_end_len(credit: &str) -> usize {
    credit.chars().next().map_or(0, char::len_utf8)
}

/// Whether [`TAIL_COPYRIGHT`] can match in `line`.
fn may_end_in_copyright(line: &str) -> bool {
    COPYRIGHT_MARK.is_match(line)
}

/// Where the [`TAIL_JUNK`] that ends `line` starts: the leftmost start of any of its
/// patterns, as if they were one.
fn junk_at_end(line: &str) -> Option<usize> {
    TAIL_JUNK
        .iter()
        .filter_map(|(pattern, may_match)| {
            find_at_end(pattern, line, |window| may_match(window.trim_end()))
        })
        .map(|found| found.start)
        .min()
}

/// Whether what follows the last of `marks` in `line` (trimmed at the end), trimmed, is at
/// most `most` characters and holds none of `banned` (which are not whitespace). Read from
/// the end, so only the last few characters are looked at.
fn short_after_last(line: &str, marks: &[char], most: usize, banned: &[char]) -> bool {
    // Characters after the mark up to the last non-whitespace one seen, and the whitespace
    // since (leading whitespace of what follows the mark, if the mark comes next).
    let (mut seen, mut blank_run) = (0usize, 0usize);
    for c in line.chars().rev() {
        if marks.contains(&c) {
            return true;
        }
        if banned.contains(&c) {
            return false;
        }
        if c.is_whitespace() {
            blank_run += 1;
        } else {
            seen += blank_run + 1;
            blank_run = 0;
            if seen > most {
                return false;
            }
        }
    }
    false
}

/// Bytes at the end of a line that an end-anchored tail pattern ([`TAIL_COPYRIGHT`],
/// [`TAIL_JUNK`]) is searched in: their matches are far shorter, as lines have their
/// whitespace collapsed first.
const TAIL_SEARCH_BYTES: usize = 2048;

/// Where `pattern`, anchored at the end, matches `line`, searched in its last
/// [`TAIL_SEARCH_BYTES`] (a body saved without paragraph breaks is one long line) when
/// `may_match` says it can match there.
fn find_at_end(
    pattern: &Regex,
    line: &str,
    may_match: impl Fn(&str) -> bool,
) -> Option<std::ops::Range<usize>> {
    let from = super::floor_char_boundary(line, line.len().saturating_sub(TAIL_SEARCH_BYTES));
    let window = &line[from..];
    if !may_match(window) {
        return None;
    }
    pattern
        .find(window)
        .map(|m| from + m.start()..from + m.end())
}

/// Bytes at the end of a line searched for a glued byline: a byline with its place, titles
/// and e-mails is far shorter.
const TAIL_WINDOW_BYTES: usize = 480;

/// Where the last [`TAIL_WINDOW_BYTES`] of `line` start, moved to the start of a word so no
/// name is cut in half (0 for a shorter line).
fn tail_window_start(line: &str) -> usize {
    let Some(at) = line.len().checked_sub(TAIL_WINDOW_BYTES) else {
        return 0;
    };
    let at = super::floor_char_boundary(line, at);
    line[at..]
        .find(char::is_whitespace)
        .map_or(0, |space| at + space)
}

/// Whether a line is a copyright notice (short, or one from its start).
pub fn is_copyright(line: &str) -> bool {
    COPYRIGHT.is_match(line)
        && (line.chars().count() <= 60 || TAIL_COPYRIGHT.find(line).is_some_and(|m| m.start() == 0))
}

/// A photo caption or credit line (`▲ …`, `사진=…`); long lines are text that merely
/// starts with a credit.
fn is_caption(line: &str) -> bool {
    line.chars().count() <= CAPTION_CHARS && CAPTION_LINE.is_match(line)
}

/// Longest caption label line, in bytes.
const CAPTION_LABEL_BYTES: usize = 40;

/// A line of hashtags only (`#동네 #축제`).
fn is_hashtag_line(line: &str) -> bool {
    line.starts_with('#')
        && line
            .split_whitespace()
            .all(|word| word.starts_with('#') && word.len() > 1)
}

/// A short press-release contact note (`담당자 행정과 ☎061-000-0000`) or tip-line promotion
/// (`동네TV 기사문의 및 제보 : 카톡/라인 jebo`).
fn is_note(line: &str) -> bool {
    line.len() <= NOTE_BYTES
        && ((line.contains("제보")
            && (line.contains("문의") || line.contains("카톡") || line.contains("카카오톡")))
            || CONTACT.is_match(line))
}

/// Whether a short line is the heading of a box of other articles (`관련기사`,
/// `이 시각 많이 본 뉴스`).
pub fn is_box_heading(line: &str) -> bool {
    // One character past the longest heading is enough to tell (a body line is long).
    let compact: String = line
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(21)
        .collect();
    compact.chars().count() <= 20 && BOX_HEADINGS.iter().any(|h| compact.contains(h))
}

/// Whether a line is only button words (share, print, font size, `다른기사 보기`).
pub fn is_button_row(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || "•·*-+|/>".contains(c))
        .filter(|word| !word.is_empty())
        .all(|word| BUTTON_WORDS.contains(&word.to_lowercase().as_str()))
}

fn is_ad(line: &str) -> bool {
    line.len() <= "advertisement".len() && AD_LINES.contains(&line.to_lowercase().as_str())
}

/// Runs of whitespace (including non-breaking spaces) as one space, trimmed.
pub fn collapse_spaces(text: &str) -> String {
    collapsed(text).into_owned()
}

/// [`collapse_spaces`], borrowing `text` when it is collapsed already (most lines are).
pub fn collapsed(text: &str) -> Cow<'_, str> {
    if is_collapsed(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut push_word = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let mut word_start = None;
    let mut at = 0;
    while let Some((width, space)) = utf8::whitespace_at(text, at) {
        match (space, word_start) {
            (true, Some(start)) => {
                push_word(&text[start..at]);
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
        at += width;
    }
    if let Some(start) = word_start {
        push_word(&text[start..]);
    }
    Cow::Owned(out)
}

/// Whether `text` has no whitespace but single ASCII spaces between other characters.
/// Searched for byte by byte with `memchr`: only a few bytes can start whitespace.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let ascii_space = memchr::memmem::find(bytes, b"  ").is_some()
        || memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(0x0b, 0x0c, bytes).is_some();
    // Other whitespace starts with one of these lead bytes (never inside a character).
    let other_space = || {
        memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
            .chain(memchr::memchr_iter(0xe3, bytes))
            .any(|at| utf8::whitespace_at(text, at).is_some_and(|(_, space)| space))
    };
    !ascii_space && !other_space()
}

/// Each line of `text` with its whitespace collapsed, empty lines dropped, joined by `\n`.
pub fn collapse_lines(text: &str) -> String {
    text.lines()
        .map(collapse_spaces)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsed_lines_are_recognised() {
        assert!(is_collapsed("동네시 소식 “끝”"));
        assert!(!is_collapsed("동네시  소식"));
        assert!(!is_collapsed("동네시\u{3000}소식"));
    }

    #[test]
    fn whitespace_of_every_kind_collapses() {
        assert_eq!(
            collapse_spaces(" \t 동네시\u{a0}\u{a0}소식\u{3000}\u{2009}ⓒ\u{85}é\u{200b}끝 \r\n"),
            "동네시 소식 ⓒ é\u{200b}끝"
        );
        assert_eq!(collapse_spaces(" \u{2028} "), "");
        assert_eq!(collapse_spaces("한 줄"), "한 줄");
    }

    #[test]
    fn copyright_precheck_passes_whatever_the_pattern_matches() {
        let lines = [
            "행사가 열렸다. [동네일보 ⓒ 무단전재 및 재배포 금지]",
            "행사가 열렸다. <저작권자 © 동네뉴스>",
            "행사가 열렸다. Ⓒ 동네일보 무단 전재 및 재배포금지.",
            "행사가 열렸다. COPYRIGHT BY DONGNE.KR",
            "행사가 열렸다. Copyright © Dongne. All rights reserved.",
        ];
        for line in lines {
            assert!(TAIL_COPYRIGHT.is_match(line), "{line}");
            assert!(may_end_in_copyright(line), "{line}");
        }
        assert!(!may_end_in_copyright(
            "행사가 열렸다. 시민 1천여 명이 참석했다."
        ));
    }

    #[test]
    fn junk_precheck_passes_whatever_the_pattern_matches() {
        let lines = [
            "행사가 열렸다. [화보]",
            "행사가 열렸다. 사진=동네시 제공",
            "행사가 열렸다. ◎ 동네뉴스 구독하기",
            "행사가 열렸다. 더 보기",
            "행사가 열렸다. 화보: 봄꽃 축제 현장",
            "행사가 열렸다. 사진 =   동네시  ",
        ];
        // Each line is matched by a pattern whose precheck lets it through.
        for line in lines {
            assert!(
                TAIL_JUNK.iter().any(
                    |(pattern, may_match)| pattern.is_match(line) && may_match(line.trim_end())
                ),
                "{line}"
            );
        }
        let may_end_in_junk = |line: &str| {
            TAIL_JUNK
                .iter()
                .any(|(_, may_match)| may_match(line.trim_end()))
        };
        assert!(!may_end_in_junk("행사가 열렸다. 시민 1천여 명이 참석했다."));
        let long_after_colon = format!(
            "시각은 10:30이었고 {}",
            "행사는 오후 내내 이어졌다. ".repeat(6)
        );
        assert!(!may_end_in_junk(&long_after_colon));
        assert!(!may_end_in_junk("사진=동네시. 행사가 열렸다."));
        // One item at a time, the leftmost start of any pattern.
        assert_eq!(
            junk_at_end("끝났다. 사진=동네시 [화보]"),
            Some("끝났다. 사진=동네시".len())
        );
        assert_eq!(junk_at_end("끝났다. 사진=동네시"), Some("끝났다.".len()));
    }

    #[test]
    fn body_ends_at_copyright_and_boxes() {
        let cleaned = clean([
            "  • -",
            "• 인쇄",
            "▲ 행사 모습 /사진=동네시",
            "첫 문단이다.",
            "두 번째 문단 <사진제공=동네시> 이다.",
            "홍길동 기자 hong@example.com",
            "[저작권자ⓒ 동네일보. 무단전재-재배포 금지]",
            "최신뉴스",
            "다른 기사",
        ]);
        assert_eq!(cleaned.lines, ["첫 문단이다.", "두 번째 문단 이다."]);
        assert_eq!(cleaned.meta, ["홍길동 기자 hong@example.com"]);
        assert_eq!(
            cleaned.copyright.as_deref(),
            Some("[저작권자ⓒ 동네일보. 무단전재-재배포 금지]")
        );
        let cleaned = clean(["본문이다.", "관련기사", "다른 군 소식"]);
        assert_eq!(cleaned.lines, ["본문이다."]);
        let cleaned = clean(["본문이다.", "(끝)", "다른 군 소식"]);
        assert_eq!(cleaned.lines, ["본문이다."]);
    }

    #[test]
    fn captions_notes_and_tags_are_dropped() {
        let cleaned = clean([
            "첫 문단이다.",
            "사진 설명)",
            "동네군수가 협약서에 서명하고 있다.",
            "*사진설명 : 참가자들이 함께 했다.",
            "(사진 제공-동네군)",
            "※ 사진 있음. (업무담당자 행정과 홍길동 ☎061-000-0000)",
            "동네TV 기사문의 및 제보 : 카톡/라인 jebo",
            "#동네 #축제",
            "끝 문단이다. 사진=동네군",
        ]);
        assert_eq!(cleaned.lines, ["첫 문단이다.", "끝 문단이다."]);
    }

    #[test]
    fn cuts_glued_bylines_and_copyright() {
        let cleaned = clean([
            "말했다.도쿄=김철수 특파원 kim@example.comCopyright by example.com All rights reserved.",
        ]);
        assert_eq!(cleaned.lines, ["말했다."]);
        assert_eq!(cleaned.meta, ["도쿄=김철수 특파원 kim@example.com"]);
        let cleaned = clean([
            "밝혔다. 배민영·김건호 기자 good@example.com[ⓒ 동네일보 & example.com, 무단전재 및 재배포 금지]",
        ]);
        assert_eq!(cleaned.lines, ["밝혔다."]);
        assert!(cleaned.copyright.is_some());
    }
}
