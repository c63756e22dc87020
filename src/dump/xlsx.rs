//! Spreadsheets (`.xlsx`), such as BigKinds (빅카인즈) exports: the first sheet, a header
//! row of column names (`제목`, `본문`, `일자` ...), one article per row.

use std::io::{Read, Seek};

use calamine::{Data, Reader, Xlsx};

use super::{Content, DocumentSink, Location, RawDocument, SkipReason, charset::normalize};

/// Reads the first sheet of a workbook, one field record per row after the header.
pub(crate) fn read_workbook<R: Read + Seek>(
    reader: R,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let malformed = |err: String| location.skip(SkipReason::Malformed(format!("xlsx: {err}")));
    let mut workbook = match Xlsx::new(reader) {
        Ok(workbook) => workbook,
        Err(err) => return sink(Err(malformed(err.to_string()))),
    };
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(err)) => return sink(Err(malformed(err.to_string()))),
        None => return sink(Err(malformed("no worksheet".into()))),
    };
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return sink(Err(
            location.skip(SkipReason::NoArticle("empty sheet".into()))
        ));
    };
    let names: Vec<String> = header.iter().map(cell_text).collect();
    for (index, row) in rows.enumerate() {
        let fields: Vec<(String, String)> = names
            .iter()
            .zip(row)
            .map(|(name, cell)| (name.clone(), cell_text(cell)))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        if fields.is_empty() {
            continue;
        }
        // Spreadsheet numbering: the header is row 1.
        let item = format!("row {}", index.saturating_add(2));
        sink(Ok(RawDocument {
            source: location.inner(&item),
            content: Content::Fields(fields),
        }));
    }
}

/// The text of a cell; whole numbers without a fraction (`20241108`, not `20241108.0`).
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty => String::new(),
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => format!("{value:.0}"),
        Data::DateTime(value) => {
            excel_date_text(value.as_f64()).unwrap_or_else(|| value.to_string())
        }
        other => other.to_string(),
    };
    normalize(text.trim())
}

/// An Excel serial date (days since 1899-12-30, fraction = time of day) as
/// `YYYY-MM-DD HH:MM:SS`.
fn excel_date_text(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (serial * 86_400.0).round() as i64;
    let datetime = epoch.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)?;
    Some(datetime.format("%Y-%m-%d %H:%M:%S").to_string())
}
