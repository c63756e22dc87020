//! CSV and TSV with a header row; UTF-8 (with or without BOM) or EUC-KR / CP949 as Korean
//! spreadsheet programs save it.

use std::io::BufRead;

use super::{Content, DocumentSink, Location, RawDocument, SkipReason, SkippedRecord, charset};

/// Reads a CSV stream, one field record per row after the header (`row N`, the header
/// being row 1). A row with fewer cells than the header has the missing ones empty; a row
/// with more is skipped as malformed.
pub(crate) fn read_csv(reader: &mut dyn BufRead, location: &Location, sink: &mut DocumentSink<'_>) {
    let delimiter = match reader.fill_buf() {
        Ok(head) => sniff_delimiter(head, &location.name),
        Err(err) => return sink(Err(location.skip(SkipReason::from_read_error(&err)))),
    };
    let mut csv = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let names: Vec<String> = match csv.byte_headers() {
        Ok(header) => header.iter().map(cell_text).collect(),
        Err(err) => {
            return sink(Err(
                location.skip(SkipReason::Malformed(format!("CSV: {err}")))
            ));
        }
    };
    let mut row = ::csv::ByteRecord::new();
    let mut number: u64 = 1;
    loop {
        number = number.saturating_add(1);
        let item = format!("row {number}");
        match csv.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let fatal = err.is_io_error();
                sink(Err(SkippedRecord {
                    source: location.inner(&item),
                    reason: SkipReason::Malformed(format!("CSV: {err}")),
                }));
                if fatal {
                    break;
                }
                continue;
            }
        }
        if row.len() > names.len() {
            // Extra cells mean an unquoted separator: the columns no longer line up.
            sink(Err(SkippedRecord {
                source: location.inner(&item),
                reason: SkipReason::Malformed(format!(
                    "CSV row has {} fields but the header has {} (an unquoted comma?)",
                    row.len(),
                    names.len()
                )),
            }));
            continue;
        }
        let fields: Vec<(String, String)> = names
            .iter()
            .zip(row.iter())
            .map(|(name, cell)| (name.clone(), cell_text(cell)))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        if !fields.is_empty() {
            sink(Ok(RawDocument {
                source: location.inner(&item),
                content: Content::Fields(fields),
            }));
        }
    }
}

/// Tab for `.tsv` or a header with tabs and no commas, else comma.
fn sniff_delimiter(head: &[u8], name: &str) -> u8 {
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let tabs = first_line.contains(&b'\t') && !first_line.contains(&b',');
    if name.ends_with(".tsv") || tabs {
        b'\t'
    } else {
        b','
    }
}

/// A cell as NFC text, decoding EUC-KR when it is not UTF-8.
fn cell_text(cell: &[u8]) -> String {
    let cell = cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell);
    let text = match std::str::from_utf8(cell) {
        Ok(text) => charset::normalize(text),
        Err(_) => charset::decode(cell, Some("euc-kr")),
    };
    text.trim().to_string()
}
