//! Reading article dumps: finding files below the given paths, recognising their format by
//! content, and decoding them into [`RawDocument`]s (a saved page, or a record of named
//! fields) for [`crate::extract`] to turn into articles.
//!
//! Data flow: [`walk`] lists the files; [`detect`] sniffs each one; containers are opened
//! ([`gz`], [`zip`], [`warc`]) and their contents sniffed again; pages are read whole (up to
//! [`PAGE_LIMIT`]) and record dumps ([`jsonl`], [`csv`], [`xlsx`], [`newsml`]) are split
//! into field records. Nothing here panics on bad input: every failure becomes a [`SkippedRecord`].

pub mod charset;
pub mod csv;
pub mod detect;
pub mod gz;
mod http;
mod json_fields;
pub mod jsonl;
pub mod newsml;
mod rewind;
pub mod walk;
pub mod warc;
pub mod xlsx;
pub mod zip;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::article::Source;

pub use detect::Format;
pub use walk::find_files;

/// Largest page or record read into memory (32 MiB); bigger ones are skipped.
pub const PAGE_LIMIT: u64 = 32 * 1024 * 1024;
/// Largest archive (zip, xlsx) buffered in memory when it is not a plain file (1 GiB).
pub const ARCHIVE_LIMIT: u64 = 1024 * 1024 * 1024;
/// How deep containers may nest (a zip of gzipped WARCs is depth 2).
const MAX_DEPTH: usize = 4;

/// One unit of input, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// File and record it was read from.
    pub source: Source,
    /// What it holds.
    pub content: Content,
}

/// The content of a [`RawDocument`].
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A saved page, HTML or plain text, still as bytes.
    Page(Page),
    /// A record of named fields (JSON Lines object, CSV or spreadsheet row), values
    /// NFC-normalised, in the order the dump gives them.
    Fields(Vec<(String, String)>),
}

/// A saved page as bytes, with what its container said about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The raw bytes of the page.
    pub bytes: Vec<u8>,
    /// Character set declared outside the page (HTTP `Content-Type` in a WARC).
    pub charset: Option<String>,
    /// URL the page was fetched from (WARC target URI).
    pub url: Option<String>,
}

/// Why a file or record produced no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Unreadable(String),
    /// The page or record is larger than the limit.
    #[error("larger than the limit of {} MiB", .limit / (1024 * 1024))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The content is binary or in no format dongne reads.
    #[error("not a recognised article format: {0}")]
    UnknownFormat(String),
    /// A record of a dump (JSON line, CSV row, WARC record, archive) is malformed.
    #[error("malformed: {0}")]
    Malformed(String),
    /// A WARC response that is not an article page (image, error status).
    #[error("not an article page: {0}")]
    NotAPage(String),
    /// The page or record was read but holds no article text.
    #[error("no article: {0}")]
    NoArticle(String),
}

impl SkipReason {
    /// The reason for a failed read: data that does not decode (a truncated or corrupt
    /// compressed stream) is malformed, anything else (permissions, I/O) unreadable.
    pub fn from_read_error(err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::InvalidData | ErrorKind::InvalidInput | ErrorKind::UnexpectedEof => {
                SkipReason::Malformed(err.to_string())
            }
            _ => SkipReason::Unreadable(err.to_string()),
        }
    }

    /// A short name of the reason, for counting skips by kind.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::UnknownFormat(_) => "unknown format",
            SkipReason::Malformed(_) => "malformed",
            SkipReason::NotAPage(_) => "not a page",
            SkipReason::NoArticle(_) => "no article",
        }
    }
}

/// A file or record that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// Where it was.
    pub source: Source,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl std::fmt::Display for SkippedRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for SkippedRecord {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.reason)
    }
}

/// Receives each document (or skip) read from a dump.
pub type DocumentSink<'a> = dyn FnMut(Result<RawDocument, SkippedRecord>) + 'a;

/// Where the reader is: the file, the record prefix inside containers, and the name used
/// for extension hints.
#[derive(Debug, Clone)]
pub(crate) struct Location {
    path: String,
    record: Option<String>,
    name: String,
    depth: usize,
}

impl Location {
    fn file(path: &Path) -> Self {
        Location {
            path: path.display().to_string(),
            record: None,
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default(),
            depth: 0,
        }
    }

    /// The location of an inner item (`line 3`, a zip member) of this one.
    pub(crate) fn inner(&self, item: &str) -> Source {
        Source {
            path: self.path.clone(),
            record: Some(match &self.record {
                Some(prefix) => format!("{prefix}, {item}"),
                None => item.to_string(),
            }),
        }
    }

    /// The source of this location itself.
    pub(crate) fn source(&self) -> Source {
        Source {
            path: self.path.clone(),
            record: self.record.clone(),
        }
    }

    /// A container member (zip entry) as a location of its own.
    fn member(&self, member: &str) -> Self {
        Location {
            path: self.path.clone(),
            record: self.inner(member).record,
            name: member.to_lowercase(),
            depth: self.depth.saturating_add(1),
        }
    }

    /// The decompressed content of a `.gz`: same record, name without `.gz`.
    fn gunzipped(&self) -> Self {
        Location {
            name: self
                .name
                .strip_suffix(".gz")
                .unwrap_or(&self.name)
                .to_string(),
            depth: self.depth.saturating_add(1),
            ..self.clone()
        }
    }

    pub(crate) fn skip(&self, reason: SkipReason) -> SkippedRecord {
        SkippedRecord {
            source: self.source(),
            reason,
        }
    }
}

/// Reads one file, sending every document it holds (or the reason it holds none) to `sink`.
pub fn read_file(path: &Path, sink: &mut DocumentSink<'_>) {
    let location = Location::file(path);
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => return sink(Err(location.skip(SkipReason::Unreadable(err.to_string())))),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let format = match reader.fill_buf() {
        Ok(head) => detect::detect(head, &location.name),
        Err(err) => return sink(Err(location.skip(SkipReason::from_read_error(&err)))),
    };
    if format == Format::Zip {
        zip::read_archive(reader, &location, sink);
    } else {
        read_stream(format, &mut reader, &location, sink);
    }
}

/// Reads in-memory content named `name` (the name stands for the path in sources and
/// gives extension hints), sending every document it holds to `sink`.
pub fn read_bytes(bytes: &[u8], name: &str, sink: &mut DocumentSink<'_>) {
    let location = Location::file(Path::new(name));
    let format = detect::detect(bytes, &location.name);
    if format == Format::Zip {
        zip::read_archive(std::io::Cursor::new(bytes), &location, sink);
    } else {
        read_stream(format, &mut BufReader::new(bytes), &location, sink);
    }
}

/// Reads a stream whose first bytes were sniffed as `format`.
fn read_stream(
    format: Format,
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    if location.depth > MAX_DEPTH {
        return sink(Err(
            location.skip(SkipReason::Malformed("containers nested too deeply".into()))
        ));
    }
    match format {
        Format::Gzip => gz::read_gzip(reader, location, sink),
        Format::Zip => match read_capped(reader, ARCHIVE_LIMIT) {
            Ok(bytes) => zip::read_archive(std::io::Cursor::new(bytes), location, sink),
            Err(reason) => sink(Err(location.skip(reason))),
        },
        Format::Warc => warc::read_warc(reader, location, sink),
        Format::JsonLines => jsonl::read_json_lines(reader, location, sink),
        Format::Csv => csv::read_csv(reader, location, sink),
        Format::NewsMl => match read_capped(reader, PAGE_LIMIT) {
            Ok(bytes) => newsml::read_newsml(&bytes, location, sink),
            Err(reason) => sink(Err(location.skip(reason))),
        },
        Format::Binary => sink(Err(
            location.skip(SkipReason::UnknownFormat("binary content".into()))
        )),
        Format::NotWorkbook => sink(Err(location.skip(SkipReason::UnknownFormat(
            "named .xlsx but not an xlsx workbook (an old .xls or another file renamed?)".into(),
        )))),
        Format::Empty => sink(Err(
            location.skip(SkipReason::NoArticle("empty file".into()))
        )),
        Format::Page => match read_capped(reader, PAGE_LIMIT) {
            Ok(bytes) => sink(Ok(RawDocument {
                source: location.source(),
                content: Content::Page(Page {
                    bytes,
                    ..Page::default()
                }),
            })),
            Err(reason) => sink(Err(location.skip(reason))),
        },
    }
}

/// Sniffs the start of a buffered stream and reads it.
fn sniff_and_read(reader: &mut dyn BufRead, location: &Location, sink: &mut DocumentSink<'_>) {
    let format = match reader.fill_buf() {
        Ok(head) => detect::detect(head, &location.name),
        Err(err) => return sink(Err(location.skip(SkipReason::from_read_error(&err)))),
    };
    read_stream(format, reader, location, sink);
}

/// Reads all of `reader`, refusing more than `limit` bytes.
pub(crate) fn read_capped(reader: &mut dyn Read, limit: u64) -> Result<Vec<u8>, SkipReason> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| SkipReason::from_read_error(&err))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(SkipReason::TooLarge { limit });
    }
    Ok(bytes)
}
