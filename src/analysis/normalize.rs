//! Character normalisation before segmentation, with a map back to the original offsets.
//!
//! - Unicode NFC, so NFD Hangul (macOS saves) becomes the same syllables as everywhere else;
//! - full-width ASCII (`Ａ１`) folded to ASCII, the ideographic space to a space;
//! - Latin lower-cased;
//! - list separators (`ㆍ`, `·`, `‧`, `․`, `・`, `･`, `∙`) become spaces, so `도로ㆍ지반ㆍ수자원`
//!   is three words, not one giant token.
//!
//! Offsets of tokens found in the normalised text are mapped back to the original text, so
//! highlighting works on what was stored.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

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
/// Hangul syllables, ASCII and punctuation: text of only those is checked character by
/// character without the tables.
pub fn is_nfc(text: &str) -> bool {
    // Each of these characters is NFC on its own and combines with nothing before it, so
    // the runs of other characters between them (Hanja, symbols) can be checked apart.
    let plain =
        |c: char| c <= '\u{ff}' || is_hangul_syllable(c) || ('\u{2010}'..='\u{205e}').contains(&c);
    text.split(plain).all(|run| {
        run.is_empty()
            || unicode_normalization::is_nfc_quick(run.chars())
                == unicode_normalization::IsNormalized::Yes
    })
}

/// Whether `c` is changed by [`fold_char`] (anything but itself).
fn needs_folding(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        !is_hangul_syllable(c) && fold_char(c) != Folded::Same
    }
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

#[derive(PartialEq)]
enum Folded {
    Same,
    One(char),
    Lower,
}

fn fold_char(c: char) -> Folded {
    match c {
        'ㆍ' | '·' | '‧' | '․' | '・' | '･' | '∙' | '\u{3000}' => Folded::One(' '),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Folded::One(ascii.to_ascii_lowercase())
        }
        c if c.is_uppercase() => Folded::Lower,
        _ => Folded::Same,
    }
}

/// A character that continues the previous one under canonical composition (combining marks,
/// Hangul medial vowels and final consonants).
fn continues_previous(c: char) -> bool {
    matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}')
        || canonical_combining_class(c) != 0
}

/// Normalises `text`; borrows it unchanged when nothing needs doing (the common case).
pub fn normalize(text: &str) -> Normalized<'_> {
    let nfc = is_nfc(text);
    if nfc && !text.chars().any(needs_folding) {
        return Normalized {
            text: Cow::Borrowed(text),
            map: Vec::new(),
        };
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
    fn clean_text_is_borrowed() {
        let n = normalize("광양시는 11월 5일");
        assert!(matches!(n.text, Cow::Borrowed(_)));
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
        assert_eq!(normalize("도로ㆍ지반·수자원").text, "도로 지반 수자원");
        assert_eq!(normalize("ＡＩ　센터").text, "ai 센터");
    }
}
