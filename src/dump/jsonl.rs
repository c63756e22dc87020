//! JSON Lines / NDJSON: one article object per line; nested values are flattened to text
//! (lists joined with `, `, objects by their `name`).

use std::borrow::Cow;
use std::io::BufRead;

use super::json_fields::JsonLine;
use super::{
    Content, DocumentSink, Location, PAGE_LIMIT, RawDocument, SkipReason, SkippedRecord, charset,
};

/// Reads a JSON Lines stream, one field record per non-empty line (`line N`).
pub(crate) fn read_json_lines(
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let mut line = Vec::new();
    let mut number: u64 = 0;
    loop {
        number = number.saturating_add(1);
        let item = format!("line {number}");
        let skip = |reason| SkippedRecord {
            source: location.inner(&item),
            reason,
        };
        match read_line_capped(reader, &mut line) {
            Ok(LineRead::End) => break,
            Ok(LineRead::TooLong) => {
                sink(Err(skip(SkipReason::TooLarge { limit: PAGE_LIMIT })));
                continue;
            }
            Ok(LineRead::Line) => {}
            Err(err) => return sink(Err(skip(SkipReason::from_read_error(&err)))),
        }
        // Each string value is normalised on its own (escapes can spell anything), so the
        // line needs only decoding. A NUL or carriage return inside it, dropped from text,
        // is dropped before parsing too.
        let inner = line.strip_suffix(b"\r").unwrap_or(&line);
        let text = if memchr::memchr2(0, b'\r', inner).is_some() {
            Cow::Owned(charset::decode(&line, Some("utf-8")))
        } else {
            charset::decode_unnormalized(&line, Some("utf-8"))
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let record = match serde_json::from_str::<JsonLine>(text) {
            Ok(JsonLine::Object(members)) => members,
            Ok(JsonLine::NotObject) => {
                sink(Err(skip(SkipReason::Malformed(
                    "line is not a JSON object".into(),
                ))));
                continue;
            }
            Err(err) => {
                sink(Err(skip(SkipReason::Malformed(format!("JSON: {err}")))));
                continue;
            }
        };
        let fields = record
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .collect();
        sink(Ok(RawDocument {
            source: location.inner(&item),
            content: Content::Fields(fields),
        }));
    }
}

/// What [`read_line_capped`] found.
enum LineRead {
    Line,
    TooLong,
    End,
}

/// Reads one line into `line` (without the newline), refusing lines over [`PAGE_LIMIT`]
/// (the rest of such a line is consumed and dropped).
fn read_line_capped(reader: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<LineRead> {
    line.clear();
    let mut too_long = false;
    loop {
        let (done, used) = {
            let available = reader.fill_buf()?;
            if available.is_empty() {
                let end = line.is_empty() && !too_long;
                return Ok(if end {
                    LineRead::End
                } else if too_long {
                    LineRead::TooLong
                } else {
                    LineRead::Line
                });
            }
            match memchr::memchr(b'\n', available) {
                Some(at) => {
                    if !too_long {
                        line.extend_from_slice(&available[..at]);
                    }
                    (true, at.saturating_add(1))
                }
                None => {
                    if !too_long {
                        line.extend_from_slice(available);
                    }
                    (false, available.len())
                }
            }
        };
        reader.consume(used);
        if u64::try_from(line.len()).unwrap_or(u64::MAX) > PAGE_LIMIT {
            too_long = true;
            line.clear();
        }
        if done {
            return Ok(if too_long {
                LineRead::TooLong
            } else {
                LineRead::Line
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Content, read_bytes};

    fn fields_of(dump: &[u8]) -> Vec<Vec<(String, String)>> {
        let mut records = Vec::new();
        read_bytes(dump, "dump.jsonl", &mut |document| {
            if let Ok(document) = document
                && let Content::Fields(fields) = document.content
            {
                records.push(fields);
            }
        });
        records
    }

    #[test]
    fn values_are_normalised_and_stray_control_bytes_dropped() {
        let dump = "\u{feff}{\"title\": \"\\u1100\\u1161양시 소식 \"}\r\n\
                    {\"title\": \"가온\r 시\", \"reporter\": {\"name\": \"홍길동\u{0}\"}}\n";
        let records = fields_of(dump.as_bytes());
        let field = |record: usize, key: &str| {
            records[record]
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(records.len(), 2);
        assert_eq!(field(0, "title").as_deref(), Some("가양시 소식"));
        assert_eq!(field(1, "title").as_deref(), Some("가온 시"));
        assert_eq!(field(1, "reporter").as_deref(), Some("홍길동"));
    }
}
