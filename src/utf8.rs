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

/// Bytes [`plain_run_end`] reads at a time.
pub(crate) const RUN_CHUNK: usize = 16;

/// Where the run of ASCII characters and Hangul syllables that starts at byte `at` (a
/// character boundary) of `bytes` ends, or earlier: always at a character boundary, never
/// past a character that is neither (nor, with `UPPER_ENDS`, past an upper-case ASCII
/// letter). Reads [`RUN_CHUNK`] bytes at a time (the compiler turns each chunk into a few
/// vector instructions), so it stops at the last whole chunk, and a caller reads the rest
/// character by character; only syllables recognised from their first two bytes count
/// (all but U+D780 to U+D7A3).
pub(crate) fn plain_run_end<const UPPER_ENDS: bool>(bytes: &[u8], at: usize) -> usize {
    let start = at;
    let mut at = at;
    // Each byte is judged with the one after it, so a chunk needs one byte more.
    while let Some(window) = bytes.get(at..at + RUN_CHUNK + 1) {
        let (mut this, mut next) = ([0u8; RUN_CHUNK], [0u8; RUN_CHUNK]);
        this.copy_from_slice(&window[..RUN_CHUNK]);
        next.copy_from_slice(&window[1..]);
        // Branch-free over fixed arrays, so that the loop becomes vector instructions.
        let mut plain = true;
        for (&byte, &next) in this.iter().zip(&next) {
            let ascii = (byte < 0x80) & !(UPPER_ENDS & byte.is_ascii_uppercase());
            // A continuation byte belongs to a character whose first byte was judged.
            let continuation = byte & 0xc0 == 0x80;
            // U+B000 to U+CFFF; U+AC00 to U+AFFF; U+D000 to U+D77F.
            let syllable = (byte == 0xeb)
                | (byte == 0xec)
                | ((byte == 0xea) & (next >= 0xb0))
                | ((byte == 0xed) & (next < 0x9e));
            plain &= ascii | continuation | syllable;
        }
        if !plain {
            break;
        }
        at += RUN_CHUNK;
    }
    // Back to the start of the character the last chunk may have cut.
    while at > start && (0x80..0xc0).contains(&bytes[at]) {
        at -= 1;
    }
    at
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
    fn plain_runs_end_at_a_boundary_before_anything_else() {
        // Edges of the byte patterns: syllables at both ends of each lead byte's range, the
        // characters just outside them, and what Korean text holds besides.
        let alphabet = [
            "a", " ", "7", "A", "Z", "가", "깋", "꿰", "뀀", "쿵", "퀀", "힝", "힣", "\u{d7a4}",
            "\u{d77f}", "\u{d780}", "\u{a000}", "\u{abff}", "ᄀ", "\u{301}", "“", "·", "é", "中",
            "😀", "\n",
        ];
        let plain = |c: char, upper_ends: bool| {
            (c.is_ascii() && !(upper_ends && c.is_ascii_uppercase())) || ('가'..='힣').contains(&c)
        };
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            let len = (seed % 60) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly plain characters, so that runs are long enough to be read by chunks.
                let pick = (seed >> 32) as usize;
                let item = if pick.is_multiple_of(4) {
                    pick / 4 % alphabet.len()
                } else {
                    pick / 4 % 13
                };
                text.push_str(alphabet[item]);
            }
            let bytes = text.as_bytes();
            for start in text.char_indices().map(|(at, _)| at) {
                for upper_ends in [false, true] {
                    let end = if upper_ends {
                        plain_run_end::<true>(bytes, start)
                    } else {
                        plain_run_end::<false>(bytes, start)
                    };
                    assert!(text.is_char_boundary(end), "{text:?} from {start}");
                    assert!(end >= start, "{text:?} from {start}");
                    let run = &text[start..end];
                    assert!(
                        run.chars().all(|c| plain(c, upper_ends)),
                        "{text:?} {run:?}"
                    );
                    // Progress: it stops no more than a chunk and a character before the end
                    // of the plain run.
                    let full = text[start..]
                        .char_indices()
                        .find(|&(_, c)| !plain(c, upper_ends) || ('\u{d780}'..='힣').contains(&c))
                        .map_or(text.len(), |(at, _)| start + at);
                    if full - start > RUN_CHUNK {
                        assert!(end + RUN_CHUNK + 4 > full, "{text:?} from {start}: {end}");
                    }
                }
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
