//! Where a text is cut before segmentation: into the pieces that are segmented on their own.
//!
//! A word's tokens must not depend on what stands around it: the same word in an article
//! and in a query, at the start of a sentence or after a comma, in quotes or brackets, must
//! give the same tokens, or a query misses the article that holds it. mecab-ko-dic's
//! connection costs do depend on the neighbours (`‘하이선’` segments `‘/SY 하이/IC 선/NNG`,
//! a bare `나주시` after a space `나/EC 주/VX 시/EP`). So the analyzer segments each piece as
//! a sentence of its own, and a piece is:
//!
//! - an eojeol: a run of characters between whitespace;
//! - cut where punctuation follows a word (`새마을부녀회,` → `새마을부녀회` `,`): trailing
//!   punctuation never joins the word before it, except inside numbers and Latin words
//!   (`1,766`, `3.5`, `news.example.kr`);
//! - cut after an opening mark (`‘하이선` → `‘` `하이선`, `(군수` → `(` `군수`), so a quoted
//!   or bracketed word is segmented as if it stood alone;
//! - but not after the last of other marks: a closing mark keeps the particle that follows
//!   it (`’이`, `)는`), which then segments as a particle, not as a word of its own.
//!
//! Digits and Latin letters next to Hangul (`코로나19`, `LH공사`) stay with it: the dictionary
//! segments those.

use std::ops::Range;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// What a character is for cutting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Hangul,
    /// Letters, digits and marks of other scripts.
    Word,
    /// A mark that opens a quotation or a bracket.
    Opening,
    /// Any other punctuation or symbol.
    Mark,
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}')
}

/// The class of `c`, given the class of the character before it in the same eojeol (`None`
/// at its start): a straight quote opens unless it follows a word.
fn class(c: char, before: Option<Class>) -> Class {
    if c.is_whitespace() {
        return Class::Space;
    }
    if is_hangul(c) {
        return Class::Hangul;
    }
    if c.is_alphanumeric() {
        return Class::Word;
    }
    match c {
        '"' | '\'' => match before {
            Some(Class::Hangul | Class::Word) => Class::Mark,
            _ => Class::Opening,
        },
        _ => match c.general_category() {
            GeneralCategory::OpenPunctuation | GeneralCategory::InitialPunctuation => {
                Class::Opening
            }
            GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark => Class::Word,
            _ => Class::Mark,
        },
    }
}

/// Appends the byte ranges of the pieces of `text` to `out`, in order (whitespace belongs to
/// none).
pub fn cut_pieces(text: &str, out: &mut Vec<Range<usize>>) {
    let mut start: Option<usize> = None;
    let mut previous: Option<Class> = None;
    for (at, c) in text.char_indices() {
        let current = class(c, previous);
        if current == Class::Space {
            out.extend(start.take().map(|s| s..at));
            previous = None;
            continue;
        }
        let cut = match (previous, current) {
            (None, _) => false,
            // Punctuation after a word leaves it, unless a number or a Latin word goes on
            // after it (`1,766`, `3.5`, `news.example.kr`).
            (Some(Class::Hangul), Class::Opening | Class::Mark) => true,
            (Some(Class::Word), Class::Opening | Class::Mark) => !word_goes_on(&text[at..]),
            // An opening mark never joins what follows it; of a run of marks, only the last
            // stays with the word after it.
            (Some(Class::Opening), _) => true,
            (Some(Class::Mark), Class::Opening | Class::Mark) => true,
            _ => false,
        };
        if cut {
            out.extend(start.replace(at).map(|s| s..at));
        } else if start.is_none() {
            start = Some(at);
        }
        previous = Some(current);
    }
    out.extend(start.map(|s| s..text.len()));
}

/// Whether the run of marks that `rest` starts with is followed by a letter or digit of a
/// script other than Hangul.
fn word_goes_on(rest: &str) -> bool {
    rest.chars()
        .find(|&c| c.is_whitespace() || is_hangul(c) || c.is_alphanumeric())
        .is_some_and(|c| c.is_alphanumeric() && !is_hangul(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        let mut ranges = Vec::new();
        cut_pieces(text, &mut ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn eojeols_are_cut_at_whitespace() {
        assert_eq!(
            cut("  광양시는 협약을\n체결했다 "),
            ["광양시는", "협약을", "체결했다"]
        );
        assert!(cut("").is_empty());
        assert!(cut(" \t\n").is_empty());
    }

    #[test]
    fn trailing_punctuation_leaves_the_word_before_it() {
        assert_eq!(
            cut("새마을부녀회, 말했다."),
            ["새마을부녀회", ",", "말했다", "."]
        );
        assert_eq!(cut("이어…"), ["이어", "…"]);
    }

    #[test]
    fn opening_marks_leave_the_word_after_them() {
        assert_eq!(cut("‘하이선’이"), ["‘", "하이선", "’이"]);
        assert_eq!(cut("“하이선”이라고"), ["“", "하이선", "”이라고"]);
        assert_eq!(cut("\"하이선\"이"), ["\"", "하이선", "\"이"]);
        assert_eq!(
            cut("무안군(군수 김산)는"),
            ["무안군", "(", "군수", "김산", ")는"]
        );
        assert_eq!(cut("[속보]"), ["[", "속보", "]"]);
    }

    #[test]
    fn numbers_latin_and_inner_marks_stay_whole() {
        assert_eq!(
            cut("1,766명 코로나19로 LH공사 hong@news.example.kr A/S센터"),
            [
                "1,766명",
                "코로나19로",
                "LH공사",
                "hong@news.example.kr",
                "A/S센터"
            ]
        );
    }

    #[test]
    fn marks_after_numbers_and_latin_leave_them() {
        assert_eq!(
            cut("3.5%, 코로나19, 10%가 (KTX)는 K-팝"),
            [
                "3.5",
                "%",
                ",",
                "코로나19",
                ",",
                "10",
                "%가",
                "(",
                "KTX",
                ")는",
                "K",
                "-팝"
            ]
        );
    }

    #[test]
    fn only_the_last_of_several_marks_keeps_the_word_after_it() {
        assert_eq!(cut("‘”언젠가는’"), ["‘", "”언젠가는", "’"]);
        assert_eq!(cut("路(풍상항로)’를"), ["路", "(", "풍상항로", ")", "’를"]);
        assert_eq!(cut("‘反외세’"), ["‘", "反외세", "’"]);
    }
}
