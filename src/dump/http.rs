//! HTTP responses inside WARC records: status and content type checked, chunked transfer
//! and gzip/deflate content encoding undone.

use flate2::read::{GzDecoder, ZlibDecoder};

use super::{PAGE_LIMIT, Page, SkipReason, charset, read_capped};

/// Named headers (names lowercase), of a WARC record or an HTTP response.
pub(crate) type Headers = Vec<(String, String)>;

/// `Name: value` lines as lowercase names and trimmed values.
pub(crate) fn parse_headers<'a>(lines: impl Iterator<Item = &'a str>) -> Headers {
    lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect()
}

/// The value of the header `name` (lowercase), if present.
pub(crate) fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The page inside an HTTP response: status and content type checked, chunked transfer
/// and gzip/deflate content encoding undone.
pub(crate) fn http_page(block: &[u8]) -> Result<Page, SkipReason> {
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
pub(crate) fn check_content_type(content_type: &str) -> Result<(), SkipReason> {
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
