//! Any bytes as a saved page: decoding, HTML or text extraction must never panic.
#![no_main]

use dongne::article::Source;
use dongne::dump::{Content, Page, RawDocument};
use dongne::extract::{ExtractOptions, extract_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let document = RawDocument {
        source: Source { path: "fuzz.html".into(), record: None },
        content: Content::Page(Page { bytes: data.to_vec(), ..Page::default() }),
    };
    let _ = extract_document(document, &ExtractOptions::default());
});
