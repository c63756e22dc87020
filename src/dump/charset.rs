//! Turning page bytes into text: byte order mark, then UTF-8 when the bytes are UTF-8 (or
//! nearly: a few broken sequences in a UTF-8 page), then the declared character set (HTTP
//! header, then `<meta charset>` / `http-equiv`), else a sniffed guess (EUC-KR / CP949 pages
//! are common); then NFC normalisation, so NFD Hangul from Mac saves matches normal text.
//!
//! UTF-8 goes before the declaration because declarations lie both ways: Korean text in
//! EUC-KR is never valid UTF-8, while UTF-8 read as EUC-KR decodes without errors into
//! nonsense.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use unicode_normalization::UnicodeNormalization;

/// How far into a page a `<meta>` charset declaration is looked for.
const META_SCAN_BYTES: usize = 8192;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#)
        .expect("valid meta charset pattern")
});

/// Decodes page bytes to NFC text. `declared` is a charset stated outside the page (the
/// HTTP `Content-Type` of a WARC response).
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    normalize(&decode_unnormalized(bytes, declared))
}

/// Decodes page bytes to text as [`decode`] does, without normalising it (borrowed when
/// the bytes are UTF-8 without a byte order mark), for callers that normalise the parts
/// they keep.
pub fn decode_unnormalized<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return encoding.decode_without_bom_handling(body).0;
    }
    // SIMD validation: every record of a dump passes here, and std's check reads Hangul
    // one character at a time.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    if mostly_utf8(bytes) {
        return String::from_utf8_lossy(bytes);
    }
    let declared = declared.and_then(label).or_else(|| meta_charset(bytes));
    if let Some(encoding) = declared.filter(|&encoding| encoding != UTF_8) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return text;
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"kr"), chardetng::Utf8Detection::Deny);
    guessed.decode_without_bom_handling(bytes).0
}

/// Valid UTF-8 characters outnumber broken sequences more than this many times in a page
/// that is UTF-8 with a few bad bytes; in EUC-KR Hangul, about one syllable in ten happens to
/// be a valid UTF-8 sequence and the rest are broken.
const UTF8_MAJORITY: usize = 8;

/// Whether `bytes` are UTF-8 apart from a few broken sequences (a cut multi-byte character,
/// a stray byte).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    valid > broken.saturating_mul(UTF8_MAJORITY)
}

/// The encoding named by a charset label (`euc-kr`, `ks_c_5601-1987`, `utf-8`).
pub fn label(name: &str) -> Option<&'static Encoding> {
    let name = name.trim().trim_matches(['"', '\'']);
    Encoding::for_label(name.as_bytes()).map(|encoding| {
        // A page can only be "UTF-16" in our sense with a BOM; a bare label lies.
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            encoding
        }
    })
}

/// The charset parameter of a `Content-Type` value (`text/html; charset=euc-kr`).
pub fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// The charset declared by a `<meta>` tag near the start of the page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..META_SCAN_BYTES).unwrap_or(bytes);
    let name = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    label(std::str::from_utf8(name).ok()?)
}

/// NFC-normalises text and drops characters that never belong in an article (NUL, the
/// BOM, carriage returns).
pub fn normalize(text: &str) -> String {
    normalize_owned(Cow::Borrowed(text))
}

/// [`normalize`] of text that may be owned already, kept as it is (not copied) when it needs
/// nothing.
pub fn normalize_owned(text: Cow<'_, str>) -> String {
    let dropped = |c: char| matches!(c, '\0' | '\u{feff}' | '\r');
    // Most text is NFC already: the quick check is far cheaper than recomposing it.
    // `memmem` for the BOM: `str::contains` would stop at every `BF` byte, a common one in
    // Hangul.
    let has_dropped = memchr::memchr2(0, b'\r', text.as_bytes()).is_some()
        || memchr::memmem::find(text.as_bytes(), "\u{feff}".as_bytes()).is_some();
    if !has_dropped && crate::analysis::normalize::is_nfc(&text) {
        return text.into_owned();
    }
    text.chars().filter(|&c| !dropped(c)).nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_meta_charset_and_sniffs_euc_kr() {
        let (bytes, _, _) =
            encoding_rs::EUC_KR.encode("<meta charset=\"euc-kr\"><p>광양시 소식</p>");
        assert!(decode(&bytes, None).contains("광양시 소식"));
        let (bytes, _, _) =
            encoding_rs::EUC_KR.encode("광양시 민관경제 대표단이 중국을 방문했다. 협력 강화");
        assert!(decode(&bytes, None).contains("광양시 민관경제"));
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("한글");
        assert_eq!(decode(&bytes, Some("ks_c_5601-1987")), "한글");
    }

    #[test]
    fn utf8_wins_over_a_lying_declaration() {
        let page = "<meta charset=\"euc-kr\"><p>광양시 민관경제 대표단</p>";
        assert!(decode(page.as_bytes(), None).contains("광양시 민관경제"));
        assert!(decode("한글".as_bytes(), Some("euc-kr")).contains("한글"));
        let (bytes, _, _) =
            encoding_rs::EUC_KR.encode("<meta charset=\"utf-8\"><p>광양시 소식</p>");
        assert!(decode(&bytes, None).contains("광양시 소식"));
        let mut broken = "광양시 민관경제 대표단이 중국을 방문했다"
            .as_bytes()
            .to_vec();
        broken.insert(9, 0xFF);
        assert_eq!(
            decode(&broken, Some("euc-kr")),
            "광양시\u{fffd} 민관경제 대표단이 중국을 방문했다"
        );
    }

    #[test]
    fn normalises_nfd_and_boms() {
        let nfd: String = "한글".nfd().collect();
        assert_eq!(decode(nfd.as_bytes(), None), "한글");
        assert_eq!(decode(b"\xEF\xBB\xBFok\r\n", None), "ok\n");
        assert_eq!(
            content_type_charset("text/html; Charset=\"EUC-KR\""),
            Some("EUC-KR".into())
        );
    }
}
