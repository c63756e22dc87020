//! Character normalisation before segmentation, with a map back to the original offsets.
//!
//! - Unicode NFC, so NFD Hangul (macOS saves) becomes the same syllables as everywhere else;
//! - full-width ASCII (`Ａ１`) folded to ASCII, the ideographic space to a space;
//! - Latin lower-cased;
//! - list separators (`ㆍ`, `·`, `‧`, `․`, `・`, `･`, `∙`) become spaces, so `도로ㆍ지반ㆍ수자원`
//!   is three words, not one giant token.
//!
//! Offsets of tokens found in the normalised text are mapped back to the original text, so
//! highlighting works on what was stored. Most folds keep the text's length (a separator
//! becomes as many spaces as it has bytes: the segmenter reads a run of spaces as one), so
//! the offsets of most texts need no map at all.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use crate::utf8;

/// Text ready for segmentation and the way back to the caller's offsets.
pub struct Normalized<'a> {
    /// The normalised text.
    pub text: Cow<'a, str>,
    /// For every byte offset of `text` that starts a character (and for `text.len()`), the
    /// byte offset in the original; empty when the text did not change (identity).
    map: Vec<usize>,
}

impl Normalized<'_> {
    /// Maps a byte offset of the normalised text back to the original text.
    pub fn original_offset(&self, offset: usize) -> usize {
        if self.map.is_empty() {
            return offset;
        }
        // Offsets inside a character (never produced by the segmenter) map to its start.
        let upto = offset.min(self.map.len() - 1);
        self.map[..=upto]
            .iter()
            .rev()
            .find(|&&origin| origin != usize::MAX)
            .copied()
            .unwrap_or(0)
    }
}

/// Whether `text` is in NFC for sure (Unicode's quick check says yes). Korean news is
/// Hangul syllables, ASCII and punctuation: those are recognised from their UTF-8 bytes, and
/// only the runs of other characters between them (Hanja, symbols) go to the tables.
pub fn is_nfc(text: &str) -> bool {
    // Each plain character is NFC on its own and combines with nothing before it, so the
    // runs of other characters between them can be checked apart.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        at = utf8::plain_run_end::<false>(bytes, at);
        // What ended the run is in the next chunk: read that far character by character.
        let slow_end = (at + utf8::RUN_CHUNK).min(bytes.len());
        while at < slow_end {
            if let Some(width) = plain_width(bytes, at) {
                at += width;
                continue;
            }
            let run_start = at;
            while at < bytes.len() && plain_width(bytes, at).is_none() {
                at += utf8::width(bytes[at]);
            }
            // Widths come from lead bytes, so the run is whole characters; were it not, the
            // answer would be "not sure", never a wrong yes.
            let Some(run) = text.get(run_start..at) else {
                return false;
            };
            if unicode_normalization::is_nfc_quick(run.chars())
                != unicode_normalization::IsNormalized::Yes
            {
                return false;
            }
        }
    }
    true
}

/// The UTF-8 width of the character at byte `at` of `bytes` if it is plain: ASCII, Latin-1,
/// a Hangul syllable or general punctuation (U+2010 to U+205E); `None` for any other
/// character and at the end. The common cases (ASCII, syllables) are tested first.
fn plain_width(bytes: &[u8], at: usize) -> Option<usize> {
    match *bytes.get(at)? {
        0x00..=0x7f => Some(1),
        0xea..=0xed if utf8::is_syllable_at(bytes, at) => Some(3),
        0xc2..=0xc3 => Some(2),
        0xe2 if (0x2010..=0x205e).contains(&utf8::three_byte_point(bytes, at)) => Some(3),
        _ => None,
    }
}

#[derive(PartialEq)]
enum Folded {
    Same,
    One(char),
    /// As many spaces as the character has bytes.
    Spaces,
    Lower,
}

fn fold_char(c: char) -> Folded {
    match c {
        'ㆍ' | '·' | '‧' | '․' | '・' | '･' | '∙' | '\u{3000}' => Folded::Spaces,
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Folded::One(ascii.to_ascii_lowercase())
        }
        // General punctuation and CJK have no case: no need for the case tables.
        '\u{2010}'..='\u{205e}' | '\u{3001}'..='\u{9fff}' => Folded::Same,
        c if c.is_uppercase() => Folded::Lower,
        _ => Folded::Same,
    }
}

/// What folding a text takes.
enum Folding {
    /// Nothing to fold.
    None,
    /// Folded without changing the length (ASCII lower-casing, separators to spaces), so
    /// every offset stays where it was.
    KeepingLength(String),
    /// Some fold changes the length: offsets need a map.
    ChangingLength,
}

/// How `text` folds, read from its bytes: ASCII and Hangul syllables (most of Korean text)
/// without decoding them.
fn fold_keeping_length(text: &str) -> Folding {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    // Bytes before `copied` are in `out` (once there is one).
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Lower-case ASCII and syllables stay as they are.
        at = utf8::plain_run_end::<true>(bytes, at);
        let slow_end = (at + utf8::RUN_CHUNK).min(bytes.len());
        while at < slow_end {
            let lead = bytes[at];
            let (width, fold) = match lead {
                b'A'..=b'Z' => (1, Folded::Lower),
                0x00..=0x7f => (1, Folded::Same),
                0xea..=0xed if utf8::is_syllable_at(bytes, at) => (3, Folded::Same),
                _ => {
                    let c = text[at..].chars().next().unwrap_or_default();
                    (c.len_utf8(), fold_char(c))
                }
            };
            if fold != Folded::Same {
                let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..at]);
                match fold {
                    Folded::Lower if lead.is_ascii() => out.push(lead.to_ascii_lowercase().into()),
                    Folded::Spaces => (0..width).for_each(|_| out.push(' ')),
                    _ => return Folding::ChangingLength,
                }
                copied = at + width;
            }
            at += width;
        }
    }
    match out {
        None => Folding::None,
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Folding::KeepingLength(out)
        }
    }
}

/// A character that continues the previous one under canonical composition (combining marks,
/// Hangul medial vowels and final consonants).
fn continues_previous(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}')
        || canonical_combining_class(c) != 0
}

/// Normalises `text`; borrows it unchanged when nothing needs doing (the common case), and
/// maps no offsets when only folds that keep the length were needed.
pub fn normalize(text: &str) -> Normalized<'_> {
    let nfc = is_nfc(text);
    if nfc {
        let folded = match fold_keeping_length(text) {
            Folding::None => Some(Cow::Borrowed(text)),
            Folding::KeepingLength(folded) => Some(Cow::Owned(folded)),
            Folding::ChangingLength => None,
        };
        if let Some(text) = folded {
            return Normalized {
                text,
                map: Vec::new(),
            };
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut emit = |c: char, origin: usize| {
        let mut push = |c: char| {
            map.push(origin);
            map.extend(std::iter::repeat_n(usize::MAX, c.len_utf8() - 1));
            out.push(c);
        };
        match fold_char(c) {
            Folded::Same => push(c),
            Folded::One(f) => push(f),
            Folded::Spaces => (0..c.len_utf8()).for_each(|_| push(' ')),
            Folded::Lower => c.to_lowercase().for_each(push),
        }
    };
    if nfc {
        // Already composed: fold character by character, each mapping to itself.
        for (i, c) in text.char_indices() {
            emit(c, i);
        }
    } else {
        // Split into chunks that start at a character no composition reaches back over, and
        // normalise chunk by chunk: every output character maps to its chunk's start.
        let mut chunk_start = 0;
        let boundaries = text
            .char_indices()
            .filter(|&(i, c)| i > 0 && !continues_previous(c))
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        for chunk_end in boundaries {
            for c in text[chunk_start..chunk_end].nfc() {
                emit(c, chunk_start);
            }
            chunk_start = chunk_end;
        }
    }
    map.push(text.len());
    Normalized {
        text: Cow::Owned(out),
        map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_is_recognised_quickly_and_nfd_is_not_taken_for_it() {
        assert!(is_nfc("광양시는 “11월 5일” 협약을 체결했다… (홍길동 기자)"));
        assert!(is_nfc("Café ㆍ 中國"));
        assert!(is_nfc("美 국무부·北 외무성, ㈜한국 영하 3℃"));
        assert!(!is_nfc("北\u{1100}\u{1161} 외무성"));
        let nfd: String = "한글".nfd().collect();
        assert!(!is_nfc(&nfd));
        assert!(!is_nfc("e\u{301}"));
        // A syllable and a trailing consonant jamo compose: not NFC.
        assert!(!is_nfc("\u{ac00}\u{11a8}"));
    }

    #[test]
    fn nfc_by_bytes_never_says_yes_wrongly() {
        let texts = [
            "가\u{11a8}",
            "\u{1100}\u{1161}",
            "Ａ가 ①",
            "‧\u{301}",
            "中\u{301}",
            "é가",
            "e\u{301}가",
            "가\u{300}",
            "😀\u{301}",
            "\u{d7a3}\u{d7a4}",
            "\u{2010}\u{205f}\u{205e}",
        ];
        for text in texts {
            if is_nfc(text) {
                assert!(unicode_normalization::is_nfc(text), "{text:?}");
            }
        }
        assert!(is_nfc("é가 ①‧中"));
    }

    #[test]
    fn clean_text_is_borrowed() {
        let n = normalize("광양시는 11월 5일");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert!(matches!(normalize("“中國” ㉠ ㎏…").text, Cow::Borrowed(_)));
        assert_eq!(normalize("ⓐⒶ ΣΑ Ⅻ").text, "ⓐⓐ σα ⅻ");
        assert_eq!(n.original_offset(3), 3);
    }

    #[test]
    fn nfd_hangul_becomes_nfc_with_offsets_to_the_original() {
        let nfd: String = "광양시".nfd().collect();
        let text = format!("A {nfd}는");
        let n = normalize(&text);
        assert_eq!(n.text, "a 광양시는");
        // "광양시" starts at byte 2 in both; it ends where "는" starts in the original.
        let end_in_normalized = "a 광양시".len();
        assert_eq!(n.original_offset(end_in_normalized), 2 + nfd.len());
    }

    #[test]
    fn separators_split_and_full_width_folds() {
        // Each separator becomes as many spaces as it has bytes: no offset moves.
        let n = normalize("도로ㆍ지반·수자원 KT");
        assert_eq!(n.text, "도로   지반  수자원 kt");
        assert_eq!(n.original_offset("도로ㆍ지반".len()), "도로ㆍ지반".len());
        // A full-width letter is one byte in ASCII: offsets are mapped back.
        let n = normalize("ＡＩ　센터");
        assert_eq!(n.text, "ai   센터");
        assert_eq!(n.original_offset("ai   ".len()), "ＡＩ　".len());
    }
}
