//! WARC files (`.warc`, `.warc.gz` with per-record gzip members, which [`super::gz`]
//! undoes): `response` and `resource` records holding HTML or text become pages, with the
//! charset of their HTTP `Content-Type` and the target URI.

use std::io::{BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};

use super::{
    Content, DocumentSink, Location, PAGE_LIMIT, Page, RawDocument, SkipReason, SkippedRecord,
    charset, read_capped,
};

/// Largest header block (WARC or HTTP) accepted.
const HEADER_LIMIT: usize = 64 * 1024;

/// A WARC record's named headers (names lowercase).
type Headers = Vec<(String, String)>;

/// Reads every record of a WARC stream (`record N`, counting all records from 1).
pub(crate) fn read_warc(
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let mut number: u64 = 0;
    loop {
        number = number.saturating_add(1);
        let item = format!("record {number}");
        let skip = |reason| SkippedRecord {
            source: location.inner(&item),
            reason,
        };
        let headers = match read_warc_headers(reader) {
            Ok(Some(headers)) => headers,
            Ok(None) => break,
            Err(reason) => return sink(Err(skip(reason))),
        };
        let length = header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
        let Some(length) = length else {
            return sink(Err(skip(SkipReason::Malformed(
                "WARC record without Content-Length".into(),
            ))));
        };
        let kind = header(&headers, "warc-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let wanted = kind == "response" || kind == "resource";
        if !wanted || length > PAGE_LIMIT {
            if let Err(err) = std::io::copy(&mut reader.take(length), &mut std::io::sink()) {
                return sink(Err(skip(SkipReason::Unreadable(err.to_string()))));
            }
            if wanted {
                sink(Err(skip(SkipReason::TooLarge { limit: PAGE_LIMIT })));
            }
            continue;
        }
        let block = match read_capped(&mut reader.take(length), PAGE_LIMIT) {
            Ok(block) if u64::try_from(block.len()).ok() == Some(length) => block,
            Ok(_) => {
                return sink(Err(skip(SkipReason::Malformed(
                    "WARC record cut short".into(),
                ))));
            }
            Err(reason) => return sink(Err(skip(reason))),
        };
        let url =
            header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let page = if kind == "response" {
            http_page(&block)
        } else {
            let content_type = header(&headers, "content-type").unwrap_or_default();
            check_content_type(content_type).map(|()| Page {
                bytes: block,
                charset: charset::content_type_charset(content_type),
                url: None,
            })
        };
        match page {
            Ok(page) => sink(Ok(RawDocument {
                source: location.inner(&item),
                content: Content::Page(Page { url, ..page }),
            })),
            Err(reason) => sink(Err(skip(reason))),
        }
    }
}

/// Reads the version line and headers of the next record; `None` at the end of the stream.
fn read_warc_headers(reader: &mut dyn BufRead) -> Result<Option<Headers>, SkipReason> {
    let mut lines = Vec::new();
    let mut size = 0usize;
    loop {
        let mut line = Vec::new();
        let read = reader
            .take(u64::try_from(HEADER_LIMIT).unwrap_or(u64::MAX))
            .read_until(b'\n', &mut line)
            .map_err(|err| SkipReason::Unreadable(err.to_string()))?;
        size = size.saturating_add(read);
        if size > HEADER_LIMIT {
            return Err(SkipReason::Malformed("WARC header too long".into()));
        }
        let text = String::from_utf8_lossy(&line)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if read == 0 {
            return if lines.is_empty() {
                Ok(None)
            } else {
                Err(SkipReason::Malformed("WARC header cut short".into()))
            };
        }
        if text.is_empty() {
            if lines.is_empty() {
                continue; // the blank lines between records
            }
            break;
        }
        lines.push(text);
    }
    let version = lines.first().map(String::as_str).unwrap_or_default();
    if !version.starts_with("WARC/") {
        return Err(SkipReason::Malformed(format!(
            "not a WARC record header: {:.40}",
            version
        )));
    }
    Ok(Some(parse_headers(
        lines.iter().skip(1).map(String::as_str),
    )))
}

/// `Name: value` lines as lowercase names and trimmed values.
fn parse_headers<'a>(lines: impl Iterator<Item = &'a str>) -> Headers {
    lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect()
}

fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The page inside an HTTP response: status and content type checked, chunked transfer
/// and gzip/deflate content encoding undone.
fn http_page(block: &[u8]) -> Result<Page, SkipReason> {
    if !block.starts_with(b"HTTP/") {
        return Ok(Page {
            bytes: block.to_vec(),
            ..Page::default()
        });
    }
    let (head_end, body_start) = find_header_end(block)
        .ok_or_else(|| SkipReason::Malformed("HTTP headers without end".into()))?;
    let head = String::from_utf8_lossy(block.get(..head_end).unwrap_or_default()).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    if !code.starts_with('2') {
        return Err(SkipReason::NotAPage(format!("HTTP status {code}")));
    }
    let headers = parse_headers(lines);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    check_content_type(content_type)?;
    let mut body = block.get(body_start..).unwrap_or_default().to_vec();
    if header(&headers, "transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        body = dechunk(&body)?;
    }
    body = match header(&headers, "content-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gzip" | "x-gzip") => read_capped(&mut GzDecoder::new(body.as_slice()), PAGE_LIMIT)?,
        Some("deflate") => read_capped(&mut ZlibDecoder::new(body.as_slice()), PAGE_LIMIT)?,
        _ => body,
    };
    Ok(Page {
        bytes: body,
        charset: charset::content_type_charset(content_type),
        url: None,
    })
}

/// Accepts missing content types and text/HTML ones.
fn check_content_type(content_type: &str) -> Result<(), SkipReason> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if mime.is_empty() || mime.starts_with("text/") || mime.contains("html") || mime.contains("xml")
    {
        Ok(())
    } else {
        Err(SkipReason::NotAPage(mime))
    }
}

/// Where the HTTP headers end and the body starts (`\r\n\r\n` or `\n\n`).
fn find_header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| (at, at.saturating_add(4)));
    let lf = block
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|at| (at, at.saturating_add(2)));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, SkipReason> {
    let bad = || SkipReason::Malformed("bad HTTP chunked encoding".into());
    let mut body = Vec::new();
    loop {
        let line_end = data.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
        let size_line =
            String::from_utf8_lossy(data.get(..line_end).unwrap_or_default()).into_owned();
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| bad())?;
        data = data.get(line_end.saturating_add(1)..).ok_or_else(bad)?;
        if size == 0 {
            return Ok(body);
        }
        let chunk = data.get(..size).ok_or_else(bad)?;
        body.extend_from_slice(chunk);
        data = data.get(size..).ok_or_else(bad)?;
        data = data.strip_prefix(b"\r").unwrap_or(data);
        data = data.strip_prefix(b"\n").unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks_and_rejects_bad_chunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").ok(),
            Some(b"abcde".to_vec())
        );
        assert!(dechunk(b"ff\r\nabc").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
    }

    #[test]
    fn refuses_non_pages() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        assert!(matches!(http_page(block), Err(SkipReason::NotAPage(_))));
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(matches!(http_page(block), Err(SkipReason::NotAPage(_))));
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=euc-kr\r\n\r\n<p>x</p>";
        let page = http_page(block).ok();
        assert_eq!(
            page.as_ref().and_then(|p| p.charset.as_deref()),
            Some("euc-kr")
        );
        assert_eq!(page.map(|p| p.bytes), Some(b"<p>x</p>".to_vec()));
    }
}
