//! Helpers shared by the test files: running the `dongne` binary, writing invented dumps
//! (JSON Lines, gzip, zip, WARC) and reading search results back.
// Each test file uses only some of the helpers.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The text of `../shared/corpus/NAME`, or `None` after printing why the test is skipped
/// when the shared data is not beside the project.
pub fn shared_corpus(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("skipped: {} is absent", path.display());
            None
        }
    }
}

/// Runs the `dongne` binary with `args` (no colour) and waits for it.
pub fn dongne(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dongne"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run dongne")
}

/// The arguments of `dongne ingest PATH… --index INDEX EXTRA…`.
pub fn ingest_args(paths: &[&Path], index: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["ingest".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--index".to_string(), index.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// Runs `dongne ingest PATH… --index INDEX EXTRA…`.
pub fn ingest(paths: &[&Path], index: &Path, extra: &[&str]) -> Output {
    let args = ingest_args(paths, index, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dongne(&args)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Fails the test with both outputs unless the command succeeded.
pub fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
}

/// One JSON Lines record.
pub fn record(
    url: &str,
    date: &str,
    press: &str,
    reporter: &str,
    title: &str,
    body: &str,
) -> String {
    serde_json::json!({
        "url": url, "date": date, "press": press, "reporter": reporter,
        "category": "지역", "title": title, "body": body,
    })
    .to_string()
}

/// Writes `lines` as a dump file `name` in `dir`.
pub fn write_dump(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").expect("write dump");
    path
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// A zip archive of the named members.
pub fn zip(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in members {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip member");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip").into_inner()
}

/// One WARC record with the given headers and block, its Content-Length true.
pub fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    warc_record_claiming(kind, uri, content_type, block, block.len())
}

/// One WARC record whose Content-Length says `length`, whatever the block's size.
pub fn warc_record_claiming(
    kind: &str,
    uri: &str,
    content_type: &str,
    block: &[u8],
    length: usize,
) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-08T00:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

/// Every article `dongne search QUERY --json --all-copies` finds in `index`, copies listed
/// (the result lines, without the notes line).
pub fn search_json(index: &Path, query: &str) -> Vec<serde_json::Value> {
    let index = index.display().to_string();
    let output = dongne(&[
        "search",
        query,
        "--index",
        &index,
        "--json",
        "--all-copies",
        "--limit",
        "100000",
    ]);
    assert_ok(&output);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .filter(|line: &serde_json::Value| line.get("url").is_some())
        .collect()
}

/// The `{"notes": …}` line of `dongne search QUERY --json` in `index`, if it printed one.
pub fn search_notes(index: &Path, query: &str) -> Option<serde_json::Value> {
    let index = index.display().to_string();
    let output = dongne(&["search", query, "--index", &index, "--json"]);
    assert_ok(&output);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON object"))
        .find_map(|line| line.get("notes").cloned())
}
