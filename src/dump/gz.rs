//! gzip files, including concatenated members (per-record gzipped WARC).

use std::io::{BufRead, BufReader};

use flate2::bufread::MultiGzDecoder;

use super::{DocumentSink, Location, sniff_and_read};

/// Decompresses a gzip stream and reads what it holds.
pub(crate) fn read_gzip(
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let mut inner = BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(reader));
    sniff_and_read(&mut inner, &location.gunzipped(), sink);
}
