//! Reading Korean text from its UTF-8 bytes, where decoding every character would cost more
//! than the test at hand: Hangul syllables are three bytes whose first is `EA` to `ED`, and
//! whitespace other than ASCII starts with one of four bytes.

/// The width in bytes of the UTF-8 character that starts with `lead`.
pub(crate) fn width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The code point of the three-byte character at byte `at` of `bytes`.
pub(crate) fn three_byte_point(bytes: &[u8], at: usize) -> u32 {
    let byte = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or_default() & 0x3f);
    (u32::from(bytes[at] & 0x0f) << 12) | (byte(1) << 6) | byte(2)
}

/// Whether a Hangul syllable (U+AC00 to U+D7A3) starts at byte `at` of `bytes`.
pub(crate) fn is_syllable_at(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        // U+B000 to U+CFFF: Hangul syllables only.
        0xeb..=0xec => true,
        0xea | 0xed => is_syllable_point(three_byte_point(bytes, at)),
        _ => false,
    }
}

/// Whether `point` is a Hangul syllable.
fn is_syllable_point(point: u32) -> bool {
    (0xac00..=0xd7a3).contains(&point)
}

/// The width of the character at byte `at` of `text` and whether it is whitespace (as
/// [`char::is_whitespace`]), read from its UTF-8 bytes.
pub(crate) fn whitespace_at(text: &str, at: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    let next = |i: usize| bytes.get(at + i).copied().unwrap_or_default();
    Some(match lead {
        b'\t'..=b'\r' | b' ' => (1, true),
        // U+0085, U+00A0
        0xc2 => (2, matches!(next(1), 0x85 | 0xa0)),
        // U+1680
        0xe1 => (3, next(1) == 0x9a && next(2) == 0x80),
        // U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F
        0xe2 => (
            3,
            match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
                0x81 => next(2) == 0x9f,
                _ => false,
            },
        ),
        // U+3000
        0xe3 => (3, next(1) == 0x80 && next(2) == 0x80),
        _ => (width(lead), false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_and_widths_are_read_as_chars_are() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = c.to_string();
            let bytes = text.as_bytes();
            assert_eq!(width(bytes[0]), c.len_utf8(), "{c:?}");
            assert_eq!(
                is_syllable_at(bytes, 0),
                ('가'..='힣').contains(&c),
                "{c:?}"
            );
            if c.len_utf8() == 3 {
                assert_eq!(three_byte_point(bytes, 0), c as u32);
            }
        }
    }

    #[test]
    fn whitespace_is_read_from_the_bytes_as_char_reads_it() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("{c}.");
            assert_eq!(
                whitespace_at(&text, 0),
                Some((c.len_utf8(), c.is_whitespace())),
                "{c:?}"
            );
        }
    }
}
