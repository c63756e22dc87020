//! Page extraction on the real pages of `../shared/pages` (the dev set), scored as its README
//! says; skipped with a message when the shared data is absent.

use std::path::Path;

use dongne::bench::pages;

#[test]
fn dev_pages_per_field_and_body_f1() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages");
    if !dir.join("gold.jsonl").is_file() {
        println!("skipped: {} is absent", dir.join("gold.jsonl").display());
        return;
    }
    let report = pages::measure(&dir).expect("gold.jsonl reads");
    print!("{report}");
}
