//! Recognising a dump's format from its first bytes (and, only where content is ambiguous,
//! its name).

/// The formats dongne reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// gzip (`.gz`), possibly of several members; the content is sniffed again.
    Gzip,
    /// zip archive of pages or dumps, or an `.xlsx` workbook.
    Zip,
    /// WARC file.
    Warc,
    /// JSON Lines / NDJSON, one article object per line.
    JsonLines,
    /// CSV (or TSV) with a header row.
    Csv,
    /// NewsML 1.x (KPF articles): one record per `NewsItem`.
    NewsMl,
    /// Binary content of no known kind.
    Binary,
    /// A file named `.xlsx` that is not a zip workbook.
    NotWorkbook,
    /// No bytes at all.
    Empty,
    /// A saved page: HTML or plain text.
    Page,
}

/// Field names a CSV header is recognised by when the file has no `.csv` name.
const CSV_HEADER_WORDS: [&str; 8] = [
    "title", "headline", "제목", "body", "text", "content", "본문", "url",
];

/// Guesses the format of content starting with `head`, named `name` (lowercase).
pub fn detect(head: &[u8], name: &str) -> Format {
    if head.is_empty() {
        return Format::Empty;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if name.ends_with(".xlsx") {
        return Format::NotWorkbook;
    }
    let text = strip_bom(head);
    if text.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if looks_binary(head) {
        return Format::Binary;
    }
    if super::newsml::is_newsml(text) {
        return Format::NewsMl;
    }
    let trimmed = text.trim_ascii_start();
    if trimmed.starts_with(b"{") {
        return Format::JsonLines;
    }
    if name.ends_with(".csv") || name.ends_with(".tsv") || looks_like_csv_header(trimmed) {
        return Format::Csv;
    }
    Format::Page
}

/// The bytes after a UTF-8 byte order mark, if any.
fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// How much of the head is looked at for binary content.
const SNIFF_BYTES: usize = 8192;

/// Starts of common non-text files: images, PDF, executables, other archives, old Office.
const BINARY_MAGIC: [&[u8]; 11] = [
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF",
    b"\x7FELF",
    b"BZh",
    b"\xFD7zXZ",
    b"7z\xBC\xAF",
    b"Rar!",
    b"\xD0\xCF\x11\xE0",
    b"RIFF",
];

/// Binary: a known binary signature, or control bytes (NUL and the C0 controls other than
/// tab, line feed, form feed, carriage return and escape) making up more than 1 in 20 bytes
/// of the head. Text with a few stray NULs, as broken saves have, stays text; UTF-16 has a
/// BOM.
fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    if BINARY_MAGIC.iter().any(|magic| head.starts_with(magic)) {
        return true;
    }
    let sample = head.get(..SNIFF_BYTES).unwrap_or(head);
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b))
        .count();
    controls.saturating_mul(20) > sample.len()
}

/// A first line of comma- or tab-separated known field names.
fn looks_like_csv_header(text: &[u8]) -> bool {
    let line_end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let Ok(line) = std::str::from_utf8(&text[..line_end]) else {
        return false;
    };
    if line.contains('<') {
        return false;
    }
    let cells: Vec<String> = line
        .split([',', '\t'])
        .map(|cell| cell.trim().trim_matches('"').to_lowercase())
        .collect();
    cells.len() >= 2
        && cells
            .iter()
            .filter(|c| CSV_HEADER_WORDS.contains(&c.as_str()))
            .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_formats_by_content() {
        assert_eq!(detect(b"\x1f\x8b\x08", "a"), Format::Gzip);
        assert_eq!(detect(b"PK\x03\x04", "a.xlsx"), Format::Zip);
        assert_eq!(detect(b"WARC/1.1\r\n", "dump"), Format::Warc);
        assert_eq!(detect(b"\n{\"title\": 1}", "dump"), Format::JsonLines);
        assert_eq!(detect(b"title,body,date\n", "dump"), Format::Csv);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<NewsML><NewsItem>", "a.xml"),
            Format::NewsMl
        );
        assert_eq!(detect("제목,본문\n".as_bytes(), "x"), Format::Csv);
        assert_eq!(detect(b"<html><body>,</body>", "a.csv.html"), Format::Page);
        assert_eq!(detect(b"\x00\x01\x02", "a.bin"), Format::Binary);
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n", "a.html"), Format::Binary);
        let stray_nuls = format!("<p>{}</p>\0\0<p>b</p>", "a".repeat(60));
        assert_eq!(detect(stray_nuls.as_bytes(), "a.html"), Format::Page);
        assert_eq!(detect(b"", "a.html"), Format::Empty);
        assert_eq!(detect(b"title,body\n", "a.xlsx"), Format::NotWorkbook);
        assert_eq!(
            detect("광양시, 대표단\n기자".as_bytes(), "a.txt"),
            Format::Page
        );
    }
}
