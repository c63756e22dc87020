//! Any bytes after a WARC version line: the WARC and HTTP readers must never panic.
#![no_main]

use dongne::dump::read_bytes;
use dongne::extract::{ExtractOptions, extract_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"WARC/1.1\r\n".to_vec();
    bytes.extend_from_slice(data);
    read_bytes(&bytes, "fuzz.warc", &mut |document| {
        if let Ok(document) = document {
            let _ = extract_document(document, &ExtractOptions::default());
        }
    });
});
