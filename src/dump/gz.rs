//! gzip files, including concatenated members (per-record gzipped WARC).

use std::io::{BufRead, BufReader, Read};

use flate2::bufread::MultiGzDecoder;

use super::{DocumentSink, Location, sniff_and_read};

/// Decompresses a gzip stream and reads what it holds.
pub(crate) fn read_gzip(
    reader: &mut dyn BufRead,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let decoder = Gunzip(MultiGzDecoder::new(reader));
    let mut inner = BufReader::with_capacity(64 * 1024, decoder);
    sniff_and_read(&mut inner, &location.gunzipped(), sink);
}

/// A gzip decoder whose read errors say that the gzip data is at fault, as invalid data
/// (so the record being read is reported as malformed, not as an unreadable file).
struct Gunzip<R>(R);

impl<R: Read> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|err| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("gzip data truncated or corrupt ({err})"),
            )
        })
    }
}
