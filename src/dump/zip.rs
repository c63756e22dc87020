//! zip archives: each member is sniffed and read like a file of its own; a zip holding
//! `xl/workbook.xml` is an `.xlsx` workbook and goes to [`super::xlsx`].

use std::io::{BufReader, Cursor, Read, Seek};

use ::zip::ZipArchive;

use super::{DocumentSink, Location, PAGE_LIMIT, SkipReason, read_capped, sniff_and_read, xlsx};

/// Largest member read from an archive (members hold pages or whole dumps).
const MEMBER_LIMIT: u64 = 512 * 1024 * 1024;

/// Reads every member of a zip archive (or the sheet of an xlsx workbook).
pub(crate) fn read_archive<R: Read + Seek>(
    reader: R,
    location: &Location,
    sink: &mut DocumentSink<'_>,
) {
    let mut archive = match ZipArchive::new(reader) {
        Ok(archive) => archive,
        Err(err) => {
            return sink(Err(
                location.skip(SkipReason::Malformed(format!("zip: {err}")))
            ));
        }
    };
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return xlsx::read_workbook(archive.into_inner(), location, sink);
    }
    for index in 0..archive.len() {
        let mut member = match archive.by_index(index) {
            Ok(member) => member,
            Err(err) => {
                let item = format!("member {}", index.saturating_add(1));
                sink(Err(super::SkippedRecord {
                    source: location.inner(&item),
                    reason: SkipReason::Malformed(format!("zip: {err}")),
                }));
                continue;
            }
        };
        if member.is_dir() {
            continue;
        }
        let name = member
            .name()
            .map(|name| name.into_owned())
            .unwrap_or_else(|_| format!("member {}", index.saturating_add(1)));
        let inner = location.member(&name);
        let limit = if name.ends_with(".gz") || name.ends_with(".warc") {
            MEMBER_LIMIT
        } else {
            PAGE_LIMIT
        };
        if member.size() > limit {
            sink(Err(inner.skip(SkipReason::TooLarge { limit })));
            continue;
        }
        match read_capped(&mut member, limit) {
            Ok(bytes) => sniff_and_read(&mut BufReader::new(Cursor::new(bytes)), &inner, sink),
            Err(reason) => sink(Err(inner.skip(reason))),
        }
    }
}
