//! Any bytes as a dump of unknown format (gzip, zip, xlsx, JSON Lines, CSV, page): format
//! detection, container readers and extraction must never panic.
#![no_main]

use dongne::dump::read_bytes;
use dongne::extract::{ExtractOptions, extract_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    read_bytes(data, "fuzz", &mut |document| {
        if let Ok(document) = document {
            let _ = extract_document(document, &ExtractOptions::default());
        }
    });
});
