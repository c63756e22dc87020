//! Faults around `dongne ingest`: `kill -9` at random points, a full disk (a small tmpfs
//! where mounting is allowed, a file size limit otherwise and always), searches while an
//! ingest runs, two ingests at once, and indexes from another dongne or dictionary. The
//! index must always open with its last commit, and a rerun must complete it.
//!
//! `DONGNE_KILLS` sets how many kills the kill test makes (default 5; `scripts/reliability.sh`
//! runs many more).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dongne::index::IndexHandle;
use dongne::index::document::{article_id, format_id};
use dongne::index::schema::dup_group_column;
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use common::{assert_ok, dongne, ingest, ingest_args, record, stderr, stdout, write_dump};

/// Articles of the generated dumps: every seventh one a syndicated copy of the one before.
fn articles(count: usize, seed: u64) -> Vec<String> {
    let towns = ["가온시", "나래군", "다솜시", "라온구", "마루군"];
    let works = [
        "하천 정비",
        "도서관 신축",
        "경로당 보수",
        "버스 노선 개편",
        "공원 조성",
    ];
    let mut lines: Vec<String> = Vec::with_capacity(count);
    for n in 0..count {
        let town = towns[n % towns.len()];
        let work = works[(n / towns.len()) % works.len()];
        let url = format!("https://dongne.example.kr/news/{seed}-{n}");
        let line = if n % 7 == 6 {
            // The previous article's body under another URL and headline.
            let previous: serde_json::Value = serde_json::from_str(&lines[n - 1]).unwrap();
            let body = previous["body"].as_str().unwrap();
            record(
                &url,
                "2024-11-08 10:00",
                "남도타임스",
                "정유리",
                &format!("{town} 소식 {n}"),
                body,
            )
        } else {
            let body = format!(
                "{town}는 {work} 사업 {n}호를 시작한다고 8일 밝혔다. 사업비는 {}억 원으로, \
                 {town}는 주민 설명회를 {} 차례 열어 의견을 들었다. 공사는 {}월에 끝난다. \
                 {town} 관계자는 주민 불편을 줄이겠다고 말했다.",
                n % 90 + 3,
                n % 4 + 2,
                n % 12 + 1
            );
            let date = format!("2024-{:02}-{:02} 09:00", n % 12 + 1, n % 28 + 1);
            record(
                &url,
                &date,
                "동네일보",
                "홍길동",
                &format!("{town}, {work} {n}호"),
                &body,
            )
        };
        lines.push(line);
    }
    lines
}

/// id, title, body and duplicate group of every article in the index, sorted; the index
/// must open.
fn contents(index: &Path) -> Vec<[String; 4]> {
    let handle = IndexHandle::open(index, common::analyzer())
        .unwrap_or_else(|err| panic!("the index must open: {err}"));
    let fields = *handle.fields();
    let searcher = handle.index().reader().unwrap().searcher();
    let top: Vec<(f32, DocAddress)> = searcher
        .search(
            &tantivy::query::AllQuery,
            &TopDocs::with_limit(1_000_000).order_by_score(),
        )
        .unwrap();
    let mut docs: Vec<[String; 4]> = top
        .iter()
        .map(|(_, address)| {
            let doc: TantivyDocument = searcher.doc(*address).unwrap();
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let group = dup_group_column(searcher.segment_reader(address.segment_ord), &fields)
                .and_then(|column| column.first(address.doc_id))
                .map(format_id)
                .unwrap_or_default();
            [
                format_id(article_id(&text(fields.url))),
                text(fields.title),
                text(fields.body),
                group,
            ]
        })
        .collect();
    docs.sort();
    docs
}

/// Fails with the articles that differ, unless `actual` equals `expected`.
fn assert_same(actual: &[[String; 4]], expected: &[[String; 4]], what: &str) {
    let missing: Vec<_> = expected.iter().filter(|d| !actual.contains(d)).collect();
    let extra: Vec<_> = actual.iter().filter(|d| !expected.contains(d)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: {} articles, {} expected\nmissing: {missing:?}\nextra: {extra:?}",
        actual.len(),
        expected.len()
    );
}

/// The ids of the first `n` articles of a dump, sorted.
fn first_ids(lines: &[String], n: usize) -> Vec<String> {
    let mut ids: Vec<String> = lines[..n]
        .iter()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let url = record["url"].as_str().unwrap();
            format_id(article_id(url))
        })
        .collect();
    ids.sort();
    ids
}

fn spawn_ingest(paths: &[&Path], index: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .args(ingest_args(paths, index, extra))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dongne ingest")
}

/// A pseudo-random delay in `0..max` (xorshift over `state`).
fn next_delay(state: &mut u64, max: Duration) -> Duration {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    let max_ms = u64::try_from(max.as_millis()).unwrap_or(u64::MAX).max(1);
    Duration::from_millis(*state % max_ms)
}

const BATCH: usize = 4;

#[test]
fn kill_9_at_random_points_loses_no_commit_and_a_rerun_completes() {
    let kills: usize = std::env::var("DONGNE_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let tmp = tempfile::tempdir().unwrap();
    let lines = articles(120, 1);
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let batch = BATCH.to_string();
    let options = ["--batch", batch.as_str(), "--threads", "1"];

    // The uninterrupted run, and how long it takes.
    let reference = tmp.path().join("reference");
    let started = Instant::now();
    assert_ok(&ingest(&[&dump], &reference, &options));
    let full_run = started.elapsed();
    let expected = contents(&reference);
    assert_eq!(expected.len(), lines.len());

    let index = tmp.path().join("idx");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let (mut survived, mut finished, mut committed) = (0, 0, 0usize);
    // Kills come within this much of the start; shortened whenever a run ends first.
    let mut window = full_run;
    while survived < kills {
        let mut child = spawn_ingest(&[&dump], &index, &options);
        std::thread::sleep(next_delay(&mut state, window));
        let done = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if done {
            // Nothing left to interrupt: check the run, then start afresh.
            assert!(status.success(), "an unkilled run must succeed");
            assert_same(&contents(&index), &expected, "a run after kills");
            finished += 1;
            window = window * 3 / 4;
            std::fs::remove_dir_all(&index).unwrap();
            committed = 0;
            continue;
        }
        survived += 1;
        if !index.join("meta.json").exists() {
            continue; // killed before the index was created
        }
        let ids: Vec<String> = contents(&index)
            .into_iter()
            .map(|doc| doc[0].clone())
            .collect();
        // Batches are written in input order: what is there is the dump's first batches.
        assert!(ids.len().is_multiple_of(BATCH), "{} articles", ids.len());
        assert!(ids.len() >= committed, "a commit was lost");
        assert_eq!(ids, first_ids(&lines, ids.len()));
        committed = ids.len();
    }
    println!(
        "{survived} kills survived ({finished} runs ended before their kill); an \
         uninterrupted run takes {full_run:?}"
    );

    let rerun = ingest(&[&dump], &index, &options);
    assert_ok(&rerun);
    assert!(
        stdout(&rerun).contains(&format!("{} exact duplicates skipped", committed)),
        "{}",
        stdout(&rerun)
    );
    assert_eq!(
        contents(&index),
        expected,
        "same contents as the uninterrupted run"
    );
}

/// The path of a 2 MiB tmpfs mounted below `dir`, if this machine lets the test mount one.
fn small_tmpfs(dir: &Path) -> Option<PathBuf> {
    let mount = dir.join("small-disk");
    std::fs::create_dir(&mount).ok()?;
    let output = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mount)
        .output()
        .ok()?;
    if output.status.success() {
        Some(mount)
    } else {
        println!(
            "skipping the tmpfs variant: mount failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        None
    }
}

/// A dump too big for a small disk: random syllables compress badly.
fn bulky_articles(count: usize) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..count)
        .map(|n| {
            let body: String = (0..3000)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    if i % 4 == 3 {
                        ' '
                    } else {
                        char::from_u32(0xAC00 + (state % 11_172) as u32).unwrap_or('가')
                    }
                })
                .collect();
            let url = format!("https://dongne.example.kr/bulky/{n}");
            record(
                &url,
                "2024-11-08 09:00",
                "동네일보",
                "홍길동",
                &format!("큰 기사 {n}"),
                &body,
            )
        })
        .collect()
}

/// After a failed ingest into `index` in batches of `batch`: a clean failure (exit status 1,
/// a message naming the problem), and the index opens with what it held before and whole
/// batches of the failed run.
fn assert_failed_cleanly(
    output: &std::process::Output,
    index: &Path,
    before: &[[String; 4]],
    batch: usize,
) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("No space left on device") || err.contains("File too large"),
        "{err}"
    );
    let after = contents(index);
    assert!(
        before.iter().all(|doc| after.contains(doc)),
        "a commit was lost"
    );
    assert_eq!(
        (after.len() - before.len()) % batch,
        0,
        "{} articles",
        after.len()
    );
    println!(
        "failed cleanly with {} articles kept: {}",
        after.len(),
        err.trim()
    );
}

#[test]
fn a_full_disk_fails_the_ingest_cleanly_and_keeps_the_last_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let small = write_dump(tmp.path(), "small.jsonl", &articles(10, 2));
    let bulky = write_dump(tmp.path(), "bulky.jsonl", &bulky_articles(400));

    if let Some(disk) = small_tmpfs(tmp.path()) {
        let index = disk.join("idx");
        assert_ok(&ingest(&[&small], &index, &[]));
        let before = contents(&index);
        let output = ingest(&[&bulky], &index, &["--batch", "50"]);
        assert_failed_cleanly(&output, &index, &before, 50);
        let unmounted = Command::new("umount").arg(&disk).status();
        assert!(unmounted.is_ok_and(|s| s.success()));
    }

    // A file size limit: writes past it fail with EFBIG (SIGXFSZ ignored), like a full disk.
    let index = tmp.path().join("limited");
    assert_ok(&ingest(&[&small], &index, &[]));
    let before = contents(&index);
    let args = ingest_args(&[&bulky], &index, &["--batch", "50"]);
    let output = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1024; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_dongne"))
        .args(&args)
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_failed_cleanly(&output, &index, &before, 50);
    // With room again, the same ingest completes.
    assert_ok(&ingest(&[&bulky], &index, &[]));
    assert_eq!(contents(&index).len(), before.len() + 400);
}

#[test]
fn searches_during_an_ingest_see_each_commit_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let first = write_dump(tmp.path(), "first.jsonl", &articles(8, 3));
    let lines = articles(160, 4);
    let more = write_dump(tmp.path(), "more.jsonl", &lines);
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&first], &index, &[]));
    let index_arg = index.display().to_string();

    let mut child = spawn_ingest(&[&more], &index, &["--batch", "8", "--threads", "1"]);
    let mut counts = Vec::new();
    loop {
        let running = child.try_wait().unwrap().is_none();
        let output = dongne(&[
            "search",
            "",
            "--index",
            &index_arg,
            "--count",
            "--all-copies",
        ]);
        assert_ok(&output);
        let count: usize = stdout(&output).trim().parse().expect("a count");
        // Whole batches of 8 on top of the first 8 articles, and never fewer than before.
        assert_eq!(count % 8, 0, "{count}");
        assert!(
            counts.last().is_none_or(|&last| count >= last),
            "{counts:?} then {count}"
        );
        counts.push(count);
        let json = dongne(&[
            "search",
            "가온시",
            "--index",
            &index_arg,
            "--json",
            "--limit",
            "5",
        ]);
        assert_ok(&json);
        for line in stdout(&json).lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines");
        }
        if !running {
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(counts.last(), Some(&(8 + lines.len())));
    println!("{} searches during the ingest saw {counts:?}", counts.len());
}

#[test]
fn a_second_ingest_at_once_is_refused_and_corrupts_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = articles(60, 5);
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let reference = tmp.path().join("reference");
    assert_ok(&ingest(&[&dump], &reference, &[]));
    let expected = contents(&reference);

    // Two ingests started together into a new index, a few times over.
    for round in 0..3 {
        let index = tmp.path().join(format!("idx{round}"));
        let options = ["--batch", "4", "--threads", "1"];
        let children = [
            spawn_ingest(&[&dump], &index, &options),
            spawn_ingest(&[&dump], &index, &options),
        ];
        let outputs: Vec<_> = children
            .map(|child| child.wait_with_output().unwrap())
            .into_iter()
            .collect();
        let succeeded = outputs.iter().filter(|o| o.status.success()).count();
        assert!(succeeded >= 1, "one of them must run");
        for output in outputs.iter().filter(|o| !o.status.success()) {
            let err = stderr(output);
            assert!(err.contains("is locked by"), "round {round}: {err}");
            assert!(err.contains("another `dongne ingest` is running"), "{err}");
        }
        assert_same(&contents(&index), &expected, &format!("round {round}"));
    }
}

#[test]
fn an_index_from_another_dongne_or_dictionary_says_what_to_run() {
    use dongne::index::meta::{IndexMeta, META_FILE};
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &articles(3, 6));
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&dump], &index, &[]));
    let original = IndexMeta::load(&index).unwrap();
    let dir = index.display().to_string();
    let commands: [&[&str]; 4] = [
        &["search", "가온시", "--index", &dir],
        &["trend", "가온시", "--index", &dir],
        &[
            "show",
            "https://dongne.example.kr/news/6-0",
            "--index",
            &dir,
        ],
        &["ingest", &dump.display().to_string(), "--index", &dir],
    ];
    let older = IndexMeta {
        schema_version: 1,
        ..original.clone()
    };
    let mut other_dictionary = original.clone();
    other_dictionary.analysis.dictionary_hash = "0123456789abcdef".into();
    for (meta, says) in [(&older, "schema v1"), (&other_dictionary, "dictionary")] {
        meta.save(&index).unwrap();
        for args in commands {
            let output = dongne(args);
            let err = stderr(&output);
            assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(says), "{args:?}: {err}");
            assert!(err.contains("dongne ingest --rebuild"), "{args:?}: {err}");
        }
    }
    // An index from before dongne recorded its analysis.
    std::fs::remove_file(index.join(META_FILE)).unwrap();
    for args in commands {
        let err = stderr(&dongne(args));
        assert!(err.contains("dongne ingest --rebuild"), "{args:?}: {err}");
    }
    assert_ok(&ingest(&[&dump], &index, &["--rebuild"]));
    assert_eq!(contents(&index).len(), 3);
}

#[test]
fn an_ingest_killed_while_creating_the_index_is_completed_by_a_rerun() {
    use dongne::index::meta::META_FILE;
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &articles(3, 7));
    let reference = tmp.path().join("reference");
    assert_ok(&ingest(&[&dump], &reference, &[]));
    // What a kill leaves between writing the description and creating tantivy's index.
    let index = tmp.path().join("idx");
    std::fs::create_dir(&index).unwrap();
    std::fs::copy(reference.join(META_FILE), index.join(META_FILE)).unwrap();
    assert_ok(&ingest(&[&dump], &index, &[]));
    assert_same(&contents(&index), &contents(&reference), "after the rerun");
}

/// Printing commands whose reader has already gone (`dongne man | head -0`) end quietly with
/// success, without a panic or an error message.
#[test]
fn printing_to_a_closed_pipe_ends_quietly() {
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = Command::new(env!("CARGO_BIN_EXE_dongne"))
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} printed: {err}");
    }
}
