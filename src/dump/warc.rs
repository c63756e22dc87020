//! WARC files (`.warc`, `.warc.gz` with per-record gzip members, which [`super::gz`]
//! undoes): `response` and `resource` records holding HTML or text become pages, with the
//! charset of their HTTP `Content-Type` and the target URI.
//!
//! A record whose `Content-Length` lies is reported, and reading goes on at the next record:
//! a length running past the record's end is caught when the next record's version line
//! turns up inside the block; a length stopping short, when no record end follows the block
//! (then the stream is searched for the next version line). Broken headers are skipped the
//! same way, so one bad record costs only itself.

use std::io::{BufRead, Read};

use super::http::{Headers, check_content_type, header, http_page, parse_headers};
use super::rewind::Rewind;
use super::{
    Content, DocumentSink, Location, PAGE_LIMIT, Page, RawDocument, SkipReason, SkippedRecord,
    charset, read_capped,
};

/// Largest header block (WARC or HTTP) accepted.
const HEADER_LIMIT: usize = 64 * 1024;

/// How a record starts.
const VERSION_PREFIX: &[u8] = b"WARC/";

/// A record that could not be read, and where reading goes on.
struct Broken {
    reason: SkipReason,
    resume: Resume,
}

/// Where reading goes on after a broken record.
enum Resume {
    /// The stream is at the start of the next record.
    Here,
    /// At the next version line found in the stream.
    Seek,
    /// Nowhere: the stream ended or failed.
    Stop,
}

/// A record's headers and block (`None` when the block was too large and skipped).
type Record = (Headers, Option<Vec<u8>>);

/// Reads every record of a WARC stream (`record N`, counting all records from 1).
pub(crate) fn read_warc(
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let mut reader = Rewind::new(reader);
    let mut number: u64 = 0;
    loop {
        number = number.saturating_add(1);
        let source = location.inner(&format!("record {number}"));
        match read_record(&mut reader) {
            Ok(None) => break,
            Ok(Some(record)) => {
                if let Some(result) = document(record, &source) {
                    sink(result.map_err(|reason| SkippedRecord { source, reason }));
                }
            }
            Err(Broken { reason, resume }) => {
                sink(Err(SkippedRecord { source, reason }));
                let more = match resume {
                    Resume::Here => true,
                    Resume::Seek => seek_record(&mut reader).unwrap_or(false),
                    Resume::Stop => false,
                };
                if !more {
                    break;
                }
            }
        }
    }
}

/// The page of a `response` or `resource` record; `None` for other record types.
fn document(
    (headers, block): Record,
    source: &crate::article::Source,
) -> Option<Result<RawDocument, SkipReason>> {
    let kind = header(&headers, "warc-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if kind != "response" && kind != "resource" {
        return None;
    }
    let Some(block) = block else {
        return Some(Err(SkipReason::TooLarge { limit: PAGE_LIMIT }));
    };
    let url = header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
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
    Some(page.map(|page| RawDocument {
        source: source.clone(),
        content: Content::Page(Page { url, ..page }),
    }))
}

/// Reads the next record: `None` at the end of the stream.
fn read_record(reader: &mut Rewind<'_>) -> Result<Option<Record>, Broken> {
    let stop = |reason| Broken {
        reason,
        resume: Resume::Stop,
    };
    let seek = |reason| Broken {
        reason,
        resume: Resume::Seek,
    };
    let headers = match read_warc_headers(reader) {
        Ok(Some(headers)) => headers,
        Ok(None) => return Ok(None),
        Err((reason, at_end)) => return Err(if at_end { stop(reason) } else { seek(reason) }),
    };
    let length = header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let Some(length) = length else {
        return Err(seek(SkipReason::Malformed(
            "WARC record without a valid Content-Length".into(),
        )));
    };
    let lying = || {
        SkipReason::Malformed(format!(
            "Content-Length {length} does not match the record (no record end after it)"
        ))
    };
    if length > PAGE_LIMIT {
        let skipped = std::io::copy(&mut reader.take(length), &mut std::io::sink())
            .map_err(|err| stop(SkipReason::from_read_error(&err)))?;
        if skipped < length {
            return Err(stop(SkipReason::Malformed("WARC record cut short".into())));
        }
        return match at_record_end(reader) {
            Ok(true) => Ok(Some((headers, None))),
            Ok(false) => Err(seek(lying())),
            Err(reason) => Err(stop(reason)),
        };
    }
    let block = read_capped(&mut reader.take(length), PAGE_LIMIT).map_err(stop)?;
    let complete = u64::try_from(block.len()).ok() == Some(length);
    let ends = complete && at_record_end(reader).map_err(stop)?;
    if ends {
        return Ok(Some((headers, Some(block))));
    }
    if let Some(next) = next_record_in(&block) {
        reader.push_back(block.get(next..).unwrap_or_default());
        return Err(Broken {
            reason: SkipReason::Malformed(format!(
                "Content-Length {length} runs into the next record"
            )),
            resume: Resume::Here,
        });
    }
    Err(if complete {
        seek(lying())
    } else {
        stop(SkipReason::Malformed("WARC record cut short".into()))
    })
}

/// Whether the stream is at a record's end: blank lines, then the next version line or the
/// end of the stream. Reads nothing away.
fn at_record_end(reader: &mut Rewind<'_>) -> Result<bool, SkipReason> {
    let mut peek = Vec::new();
    reader
        .take(16)
        .read_to_end(&mut peek)
        .map_err(|err| SkipReason::from_read_error(&err))?;
    reader.push_back(&peek);
    let rest = peek.trim_ascii_start();
    let shown = rest.len().min(VERSION_PREFIX.len());
    Ok(rest.get(..shown) == VERSION_PREFIX.get(..shown))
}

/// Where the version line of another record starts inside `block`, if it holds one.
fn next_record_in(block: &[u8]) -> Option<usize> {
    block
        .windows(VERSION_PREFIX.len() + 1)
        .position(|w| w.first() == Some(&b'\n') && w.get(1..) == Some(VERSION_PREFIX))
        .map(|at| at.saturating_add(1))
}

/// Skips to the next line starting with `WARC/` (left unread); `false` at the end.
fn seek_record(reader: &mut Rewind<'_>) -> std::io::Result<bool> {
    loop {
        let mut line = Vec::new();
        let read = reader
            .take(u64::try_from(HEADER_LIMIT).unwrap_or(u64::MAX))
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(false);
        }
        if line.starts_with(VERSION_PREFIX) {
            reader.push_back(&line);
            return Ok(true);
        }
    }
}

/// Reads the version line and headers of the next record; `None` at the end of the stream.
/// A failure says whether the stream ended.
fn read_warc_headers(reader: &mut dyn BufRead) -> Result<Option<Headers>, (SkipReason, bool)> {
    let mut lines = Vec::new();
    let mut size = 0usize;
    loop {
        let mut line = Vec::new();
        let read = reader
            .take(u64::try_from(HEADER_LIMIT).unwrap_or(u64::MAX))
            .read_until(b'\n', &mut line)
            .map_err(|err| (SkipReason::from_read_error(&err), true))?;
        size = size.saturating_add(read);
        if size > HEADER_LIMIT {
            return Err((SkipReason::Malformed("WARC header too long".into()), false));
        }
        let text = String::from_utf8_lossy(&line)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        if read == 0 {
            return if lines.is_empty() {
                Ok(None)
            } else {
                Err((SkipReason::Malformed("WARC header cut short".into()), true))
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
        let reason = format!("not a WARC record header: {version:.40}");
        return Err((SkipReason::Malformed(reason), false));
    }
    Ok(Some(parse_headers(
        lines.iter().skip(1).map(String::as_str),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(length_change: isize, marker: &str) -> Vec<u8> {
        let block = format!("<p>{marker}</p>");
        let length = block.len().saturating_add_signed(length_change);
        format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n\
             Content-Length: {length}\r\n\r\n{block}\r\n\r\n"
        )
        .into_bytes()
    }

    fn outcomes(bytes: &[u8]) -> Vec<String> {
        let location = Location::file(std::path::Path::new("a.warc"));
        let mut found = Vec::new();
        read_warc(&mut &bytes[..], &location, &mut |result| {
            found.push(match result {
                Ok(document) => match document.content {
                    Content::Page(page) => String::from_utf8_lossy(&page.bytes).into_owned(),
                    Content::Fields(_) => "fields".into(),
                },
                Err(skipped) => skipped.to_string(),
            })
        });
        found
    }

    #[test]
    fn lying_lengths_cost_only_their_record() {
        let bytes = [
            record(0, "one"),
            record(30, "two"),
            record(0, "three"),
            record(-3, "four"),
            b"garbage line\r\n".to_vec(),
            record(0, "five"),
        ]
        .concat();
        let found = outcomes(&bytes);
        assert_eq!(found.len(), 5, "{found:?}");
        assert_eq!(found[0], "<p>one</p>");
        assert!(found[1].contains("(record 2)") && found[1].contains("runs into the next"));
        assert_eq!(found[2], "<p>three</p>");
        assert!(found[3].contains("(record 4)") && found[3].contains("no record end"));
        assert_eq!(found[4], "<p>five</p>");
    }

    #[test]
    fn cut_records_and_bad_headers_are_reported() {
        let whole = record(0, "one");
        let found = outcomes(&whole[..whole.len() - 8]);
        assert!(found[0].contains("cut short"), "{found:?}");
        let bytes = [
            b"WARC/1.1\r\nWARC-Type: resource\r\n\r\n".to_vec(),
            record(0, "two"),
        ];
        let found = outcomes(&bytes.concat());
        assert!(found[0].contains("valid Content-Length"), "{found:?}");
        assert_eq!(found[1], "<p>two</p>");
    }
}
