//! Page extraction on the real pages of `../shared/pages` (the dev set), scored as its README
//! says; skipped with a message when the shared data is absent. The bounds guard against
//! regressions: 0.95 for every field and the mean body F1, except reporters, whose two
//! misses are one report page saved twice (see docs/extraction.md).

use dongne_bench::pages;

#[test]
fn dev_pages_per_field_and_body_f1() {
    let dir = dongne_bench::shared_dir().join("pages");
    if !dir.join("gold.jsonl").is_file() {
        println!("skipped: {} is absent", dir.join("gold.jsonl").display());
        return;
    }
    let report = pages::measure(&dir).expect("gold.jsonl reads");
    print!("{report}");
    for (field, share) in &report.accuracy {
        let bound = if field == "reporters" { 0.90 } else { 0.95 };
        assert!(*share >= bound, "{field} {share:.2} < {bound}");
    }
    assert!(
        report.mean_body_f1 >= 0.95,
        "body F1 {:.3}",
        report.mean_body_f1
    );
}
