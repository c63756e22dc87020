//! Any text as a search query: the parser and the query builder (with the `ko` analyzer)
//! must never panic, and every syntax error must point inside the query.
#![no_main]

use std::sync::LazyLock;

use dongne::analysis::Analyzer;
use dongne::index::Fields;
use dongne::search::build::QueryBuilder;
use dongne::search::syntax::parse;
use libfuzzer_sys::fuzz_target;

static SETUP: LazyLock<(Fields, Analyzer)> = LazyLock::new(|| {
    let (_, fields) = dongne::index::schema::build_schema();
    let analyzer = Analyzer::load_default().expect("the dictionary is built");
    (fields, analyzer)
});

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    match parse(query) {
        Ok(node) => {
            let (fields, analyzer) = &*SETUP;
            let _ = QueryBuilder::new(fields, analyzer.worker()).build(&node);
        }
        Err(err) => {
            assert!(err.offset <= err.query.len(), "offset outside the query");
            let _ = err.to_string();
        }
    }
});
